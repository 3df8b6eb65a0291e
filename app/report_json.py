"""ParsedReport -> the JSON of docs/contract.md, plus spans and extra fields."""

from typing import Any

from app.parsing import PARSER_VERSION, ParsedReport
from app.source import SourceDocument


def report_to_json(report: ParsedReport, source: SourceDocument) -> dict[str, Any]:
    """The object `nato-records parse FILE --format json` prints."""
    doc = report.document
    items = report.agenda_items
    meeting = report.meeting
    return {
        "document": {
            "title": doc.title,
            "language": doc.language,
            "kind": doc.kind,
            "sha256": source.sha256,
            "date": doc.date.isoformat() if doc.date else None,
            "dossier": doc.dossier,
            "number": doc.number,
            "format": source.format,
            "parser_version": PARSER_VERSION,
        },
        "meeting": None if meeting is None else {
            "body": meeting.body,
            "start_date": meeting.start_date.isoformat() if meeting.start_date else None,
            "end_date": meeting.end_date.isoformat() if meeting.end_date else None,
            "location": meeting.location,
            "virtual": meeting.virtual,
            "informal": meeting.informal,
        },
        "agenda_items": [
            {
                "title": item.title,
                "number": item.number,
                "parent": items[item.parent].title if item.parent is not None else None,
                "span": [item.span.start, item.span.end],
                "topics": list(item.topics),
            }
            for item in items
        ],
        "decisions": [
            {
                "text": d.text,
                "agenda_item": items[d.agenda_item].title if d.agenda_item is not None else None,
                "kind": d.kind,
                "span": [d.span.start, d.span.end],
                "topics": list(d.topics),
            }
            for d in report.decisions
        ],
        "members": [{"code": code} for code in report.members],
        "topics": [{"slug": slug} for slug in report.topics],
        "problems": list(report.problems),
    }

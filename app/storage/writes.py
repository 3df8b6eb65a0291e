"""save_report: parsed records -> rows. Flushes, never commits: the job owns the transaction."""

from datetime import datetime
from typing import Literal

from sqlalchemy import delete, func
from sqlmodel import Session, select

from app.parsing.records import ParsedMeeting, ParsedReport, Span
from app.readers import SourceDocument
from app.storage.tables import AgendaItem, Decision, Document, Meeting, MeetingDocument, Mention

Outcome = Literal["inserted", "updated", "unchanged"]


def find_document(session: Session, sha256: str) -> Document | None:
    """The stored document with these bytes, if any."""
    return session.exec(select(Document).where(Document.sha256 == sha256)).first()


def save_report(
    session: Session, source: SourceDocument, parsed: ParsedReport, parser_version: str, now: datetime
) -> Outcome:
    """Store a parsed report; the same bytes parsed by the same parser version are a no-op."""
    existing = find_document(session, source.sha256)
    if existing is not None and existing.parser_version == parser_version:
        return "unchanged"
    if existing is not None:
        replace_records(session, existing, parsed, parser_version, now)
        return "updated"
    document = Document(
        source=source.source,
        sha256=source.sha256,
        format=source.format,
        source_text=source.text,
        parser_version=parser_version,
        ingested_at=now,
        updated_at=now,
        **_document_fields(parsed),
    )
    session.add(document)
    session.flush()
    _insert_records(session, document, parsed, now)
    return "inserted"


def replace_records(
    session: Session, document: Document, parsed: ParsedReport, parser_version: str, now: datetime
) -> None:
    """Re-parse in place: the document keeps its id, its records are rebuilt."""
    old_meetings = set(session.exec(
        select(MeetingDocument.meeting_id).where(MeetingDocument.document_id == document.id)
    ).all())
    _delete_records(session, document.id)  # type: ignore[arg-type]
    for key, value in _document_fields(parsed).items():
        setattr(document, key, value)
    document.parser_version = parser_version
    document.updated_at = now
    session.add(document)
    session.flush()
    _insert_records(session, document, parsed, now)
    _delete_orphan_meetings(session, old_meetings)


def _document_fields(parsed: ParsedReport) -> dict[str, object]:
    doc = parsed.document
    return {
        "title": doc.title, "language": doc.language, "kind": doc.kind, "date": doc.date,
        "dossier": doc.dossier, "number": doc.number, "text": doc.text, "body_end": doc.body_end,
    }


def _delete_records(session: Session, document_id: int) -> None:
    for table in (Mention, Decision, AgendaItem, MeetingDocument):
        session.execute(delete(table).where(table.document_id == document_id))  # type: ignore[attr-defined]


def _delete_orphan_meetings(session: Session, meeting_ids: set[str]) -> None:
    for meeting_id in meeting_ids:
        linked = session.exec(
            select(func.count()).select_from(MeetingDocument).where(MeetingDocument.meeting_id == meeting_id)
        ).one()
        if linked == 0:
            session.execute(delete(Meeting).where(Meeting.id == meeting_id))  # type: ignore[arg-type]


def _insert_records(session: Session, document: Document, parsed: ParsedReport, now: datetime) -> None:
    assert document.id is not None
    authoritative = parsed.document.kind != "agenda"  # written after the meeting
    meeting = upsert_meeting(session, parsed.meeting, now, authoritative) if parsed.meeting else None
    item_ids: list[int] = []
    decision_rows: list[Decision] = []
    if meeting is not None:
        session.add(MeetingDocument(meeting_id=meeting.id, document_id=document.id))
        item_ids = _insert_agenda_items(session, document.id, meeting.id, parsed)
        decision_rows = _insert_decisions(session, document.id, meeting.id, parsed, item_ids)
    _insert_mentions(session, document.id, parsed, item_ids, decision_rows)
    session.flush()


def _insert_agenda_items(session: Session, document_id: int, meeting_id: str, parsed: ParsedReport) -> list[int]:
    ids: list[int] = []
    for position, item in enumerate(parsed.agenda_items):
        row = AgendaItem(
            meeting_id=meeting_id, document_id=document_id, position=position, title=item.title,
            number=item.number, parent_id=ids[item.parent] if item.parent is not None else None,
            span_start=item.span.start, span_end=item.span.end,
        )
        session.add(row)
        session.flush()
        ids.append(row.id)  # type: ignore[arg-type]
    return ids


def _insert_decisions(
    session: Session, document_id: int, meeting_id: str, parsed: ParsedReport, item_ids: list[int]
) -> list[Decision]:
    rows = [
        Decision(
            meeting_id=meeting_id, document_id=document_id, position=position, text=decision.text,
            kind=decision.kind, span_start=decision.span.start, span_end=decision.span.end,
            agenda_item_id=item_ids[decision.agenda_item] if decision.agenda_item is not None else None,
        )
        for position, decision in enumerate(parsed.decisions)
    ]
    session.add_all(rows)
    session.flush()
    return rows


def _insert_mentions(
    session: Session, document_id: int, parsed: ParsedReport, item_ids: list[int], decisions: list[Decision]
) -> None:
    items = parsed.agenda_items
    for mention in parsed.mentions:
        item = _innermost([i.span for i in items], mention.span)
        decision = next((d.id for d in decisions if d.span_start <= mention.span.start < d.span_end), None)
        session.add(Mention(
            document_id=document_id, member_code=mention.code, surface=mention.surface,
            span_start=mention.span.start, span_end=mention.span.end,
            agenda_item_id=item_ids[item] if item is not None and item_ids else None, decision_id=decision,
        ))


def _innermost(spans: list[Span], target: Span) -> int | None:
    found = None
    for index, span in enumerate(spans):
        if span.start <= target.start < span.end:
            found = index
    return found


def meeting_key(meeting: ParsedMeeting) -> str:
    """The readable id a meeting gets unless it is taken: 2020-04-02-foreign-ministers."""
    return f"{meeting.start_date.isoformat()}-{meeting.body.replace('_', '-')}"


def upsert_meeting(session: Session, parsed: ParsedMeeting, now: datetime, authoritative: bool = True) -> Meeting:
    """The stored meeting with this body, start date and form, created when new."""
    found = session.exec(
        select(Meeting).where(
            Meeting.body == parsed.body, Meeting.start_date == parsed.start_date, Meeting.informal == parsed.informal
        )
    ).first()
    if found is not None:
        _merge_meeting(session, found, parsed, now, authoritative)
        return found
    meeting = Meeting(
        id=_free_id(session, meeting_key(parsed)), body=parsed.body, start_date=parsed.start_date,
        end_date=parsed.end_date, location=parsed.location, virtual=parsed.virtual,
        informal=parsed.informal, created_at=now, updated_at=now,
    )
    session.add(meeting)
    session.flush()
    return meeting


def _merge_meeting(
    session: Session, meeting: Meeting, parsed: ParsedMeeting, now: datetime, authoritative: bool
) -> None:
    """A report written after the meeting corrects what an agenda letter announced;
    an agenda letter only fills in what is missing."""
    before = (meeting.end_date, meeting.location, meeting.virtual)
    if authoritative:
        meeting.end_date = parsed.end_date
        meeting.virtual = parsed.virtual
        meeting.location = parsed.location if (parsed.location or parsed.virtual) else meeting.location
    elif meeting.location is None and not meeting.virtual:
        meeting.location = parsed.location
    if (meeting.end_date, meeting.location, meeting.virtual) != before:
        meeting.updated_at = now
        session.add(meeting)


def _free_id(session: Session, base: str) -> str:
    candidate, suffix = base, 2
    while session.get(Meeting, candidate) is not None:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate

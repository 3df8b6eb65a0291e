"""parse_report: the one entry point from a report's text to its records."""

from app.parsing.decisions import find_decisions
from app.parsing.language import detect_language, lexicon_for
from app.parsing.meetings import (
    detect_kind,
    find_document_date,
    find_dossier,
    find_meeting,
    find_title,
    meeting_problems,
)
from app.parsing.members import find_mentions, members_named
from app.parsing.normalize import normalize_text
from app.parsing.records import ParsedDocument, ParsedReport
from app.parsing.structure import find_agenda_items, split_paragraphs

PARSER_VERSION = "2026.11.1"

# Kinds written before a meeting state expectations, not decisions.
_KINDS_WITH_DECISIONS = ("report", "communique", "statement")


def parse_report(raw_text: str) -> ParsedReport:
    """Normalise a report's text and read its meeting, agenda, decisions and members.

    Pure and deterministic: the same text always gives the same records, and
    every span points into `result.document.text`.
    """
    normalized = normalize_text(raw_text)
    language = detect_language(normalized.body)
    lexicon = lexicon_for(language)
    paragraphs = split_paragraphs(normalized.text, normalized.body_end)
    doc_date = find_document_date(paragraphs, lexicon)
    kind = detect_kind(paragraphs, lexicon)
    dossier, number = find_dossier(paragraphs)
    meeting = None if kind == "other" else find_meeting(paragraphs, lexicon, doc_date, kind)
    problems = meeting_problems(paragraphs, lexicon, doc_date, kind, meeting)
    if kind is None:
        kind = ("report" if language == "nl" else "statement") if meeting else "other"
    mentions = find_mentions(normalized.text, lexicon, normalized.body_end)
    document = ParsedDocument(
        title=find_title(paragraphs, lexicon),
        language=language,  # type: ignore[arg-type]
        kind=kind,
        date=doc_date,
        dossier=dossier,
        number=number,
        text=normalized.text,
        body_end=normalized.body_end,
    )
    if meeting is None:
        return ParsedReport(document, None, mentions=tuple(mentions), problems=problems)
    items = find_agenda_items(paragraphs, lexicon, normalized.body_end)
    decisions = find_decisions(paragraphs, items, lexicon) if kind in _KINDS_WITH_DECISIONS else []
    return ParsedReport(
        document=document,
        meeting=meeting,
        agenda_items=tuple(items),
        decisions=tuple(decisions),
        mentions=tuple(mentions),
        members=members_named(mentions, meeting.start_date),
        problems=problems,
    )

"""parse_report: the one entry point from a report's text to its records."""

from dataclasses import replace
from datetime import date

from app.parsing.decisions import find_decisions
from app.parsing.doubts import contradictory_dates, meeting_problems
from app.parsing.head import chrome_of, find_document_date, find_title, head, reference_date, text_start
from app.parsing.kinds import detect_kind, find_dossier
from app.parsing.language import detect_language, lexicon_for
from app.parsing.lexicon import Lexicon, any_of
from app.parsing.meetings import find_meeting, read_intro
from app.parsing.members import find_mentions, members_named
from app.parsing.normalize import normalize_text
from app.parsing.records import (
    DocumentKind,
    ParsedAgendaItem,
    ParsedDecision,
    ParsedDocument,
    ParsedMeeting,
    ParsedReport,
    Span,
)
from app.parsing.structure import Paragraph, find_agenda_items, is_prose, split_paragraphs
from app.parsing.titles import derived_title
from app.parsing.topics import document_topics, find_cues, topics_in

PARSER_VERSION = "2026.12.3"

# Kinds written before a meeting state expectations, not decisions.
_KINDS_WITH_DECISIONS = ("report", "communique", "statement")


def parse_report(raw_text: str, today: date | None = None) -> ParsedReport:
    """Normalise a report's text and read its meeting, agenda, decisions and members.

    Pure and deterministic: the same text (and `today`, which only bounds a plausible meeting
    date) always gives the same records, and every span points into `result.document.text`.
    """
    normalized = normalize_text(raw_text)
    language = detect_language(normalized.body)
    lexicon = lexicon_for(language)
    paragraphs = split_paragraphs(normalized.text, normalized.body_end)
    chrome = chrome_of(paragraphs)
    start = text_start(paragraphs, lexicon, chrome)
    lines = head(paragraphs, chrome, start)
    doc_date = find_document_date(paragraphs, lexicon)
    reference = reference_date(lines, lexicon, doc_date)
    cue_kind = detect_kind(paragraphs, lexicon, lines, start, chrome)
    dossier, number = find_dossier(lines)
    intro = read_intro(paragraphs, lexicon, lines, doc_date, reference)
    meeting = None if cue_kind == "other" else find_meeting(paragraphs, intro, cue_kind)
    kind = _kind(cue_kind, meeting, doc_date, normalized.text, lexicon)
    problems = () if cue_kind == "other" else meeting_problems(doc_date, kind, meeting, today)
    if meeting is not None and not problems:
        problems = contradictory_dates(intro)
    mentions = find_mentions(normalized.text, lexicon, normalized.body_end)
    document = ParsedDocument(
        title=find_title(lines, lexicon, doc_date) or derived_title(kind, meeting, language, doc_date),
        language=language,  # type: ignore[arg-type]
        kind=kind,
        date=doc_date,
        dossier=dossier,
        number=number,
        text=normalized.text,
        body_end=normalized.body_end,
    )
    cues = find_cues(normalized.text, 0, normalized.body_end)
    if meeting is None:
        topics = _document_topics(cues, lines, chrome, [], [], lexicon, normalized.body_end)
        return ParsedReport(document, None, mentions=tuple(mentions), problems=problems, topics=topics)
    items = [replace(item, topics=topics_in(cues, item.span))
             for item in find_agenda_items(paragraphs, lexicon, normalized.body_end)]
    decisions = find_decisions(paragraphs, items, lexicon) if kind in _KINDS_WITH_DECISIONS else []
    decisions = [replace(d, topics=topics_in(cues, d.span)) for d in decisions]
    return ParsedReport(
        document=document,
        meeting=meeting,
        agenda_items=tuple(items),
        decisions=tuple(decisions),
        mentions=tuple(mentions),
        members=members_named(mentions, meeting.start_date or reference),
        problems=problems,
        topics=_document_topics(cues, lines, chrome, items, decisions, lexicon, normalized.body_end),
    )


def _document_topics(
    cues: list[tuple[int, str]], lines: list[Paragraph], chrome: frozenset[Span],
    items: list[ParsedAgendaItem], decisions: list[ParsedDecision], lexicon: Lexicon, length: int,
) -> tuple[str, ...]:
    """The document's topics: cues in its title lines and headings weigh most, then in decisions;
    its chrome and letterhead are not read."""
    first_prose = next((i for i, p in enumerate(lines) if is_prose(p)), len(lines))
    titles = [p.span for p in lines[:first_prose]]
    letterhead = any_of(lexicon.letterhead)
    skipped = list(chrome) + [p.span for p in lines if letterhead.search(p.text)]  # it stands in the head
    strong = titles + [i.heading for i in items]
    return document_topics(cues, strong, [d.span for d in decisions], skipped, length)


def _kind(
    cue: DocumentKind | None, meeting: ParsedMeeting | None, doc_date: date | None, text: str, lexicon: Lexicon
) -> DocumentKind:
    """The kind its head names; else an agenda when it announces the meeting (dated before it, or
    in the future tense), a report when it is about a meeting, and other when it is about none."""
    if cue is not None:
        return cue
    if meeting is None:
        return "other"
    if doc_date is not None and meeting.start_date is not None:
        return "agenda" if meeting.start_date > doc_date else "report"
    paragraph_end = text.find("\n\n", meeting.span.start)
    if lexicon.announces.search(text[meeting.span.start:paragraph_end if paragraph_end > 0 else len(text)]):
        return "agenda"  # the paragraph that names the meeting speaks of it in the future tense
    return "report"

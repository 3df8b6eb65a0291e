"""The document's kind (report, agenda, communique, statement or other) and its parliamentary
dossier and number, read from its head."""

import re

from app.parsing.head import LINE_JOIN, joined_lines
from app.parsing.lexicon import Lexicon
from app.parsing.records import DocumentKind, Span
from app.parsing.structure import Paragraph, is_prose

KIND_PARAGRAPHS = 8  # where a kind's title or type line stands
MARKER_PARAGRAPHS = 40  # where a debate record's markers stand
MARKER_CHARS = 400  # how far into its paragraph a marker stands (a record's opening sentence)

# "\b(\d{2})" written to open with a digit, which the regex engine skips to (a \b first is tried at
# every character)
_DOSSIER = re.compile(r"(\d(?<!\w\d)\d)\s?(\d{3})\s+(?:NAVO|Navo|NATO)\b")
_NUMBER = re.compile(r"^Nr\.\s*(\d+)\b|\b\d{2}\s?\d{3},?\s+nr\.\s*(\d+)\b")  # holds "r.": a quick test


def find_dossier(lines: list[Paragraph]) -> tuple[str | None, str | None]:
    """Dossier and number of a parliamentary paper ("28676", "247"), where its head prints them."""
    dossier = number = None
    for paragraph in lines:
        if dossier is None and (match := _DOSSIER.search(paragraph.text)):
            dossier = match.group(1) + match.group(2)
        if number is None and "r." in paragraph.text and (match := _NUMBER.search(paragraph.text)):
            number = match.group(1) or match.group(2)
    return dossier, number


def detect_kind(
    paragraphs: list[Paragraph], lexicon: Lexicon, lines: list[Paragraph], start: int, chrome: frozenset[Span]
) -> DocumentKind | None:
    """report, agenda, communique, statement or other; None when nothing in its head says.

    "other" is a document about no meeting: a debate record, a written answer, an EU council's
    report, told by its title and type lines (never by a page's chrome) or by the markers only
    such a record opens with."""
    lines = [p for p in lines[:KIND_PARAGRAPHS] if not is_prose(p) or len(p.text) < 200]
    if lexicon.no_meeting.search(joined_lines(lines)):
        return "other"
    openings = LINE_JOIN.join(p.text[:MARKER_CHARS] for p in paragraphs[start:start + MARKER_PARAGRAPHS]
                              if p.span not in chrome)
    lowered = openings.lower()
    if any(cue in lowered for cue in lexicon.debate_cues) and lexicon.debate_markers.search(openings):
        return "other"  # a marker opens its paragraph
    if any(lexicon.statement_kinds.search(p.text) for p in lines):
        return "statement"
    text = " ".join(p.text for p in lines)
    return next((kind for kind, pattern in lexicon.kinds if pattern.search(text)), None)

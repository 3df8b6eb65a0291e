"""Paragraphs, sentences and section headings of a normalised text."""

import re
from dataclasses import dataclass

from app.parsing.lexicon import Lexicon
from app.parsing.normalize import PARAGRAPH_BREAK
from app.parsing.records import ParsedAgendaItem, Span


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the normalised text."""

    text: str
    span: Span


@dataclass(frozen=True)
class Sentence:
    """One sentence; `span` points into the normalised text."""

    text: str
    span: Span


_NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}[.)]|[a-z][.)]|\d{1,2}\))\s+(?P<title>\S.*)$")
_BULLET = re.compile(r"^[•●▪◦·*–-]\s")
_CLOSING = re.compile(r"[.,;:!]$")
_SIGNATURE = re.compile(r",\s+(?:[A-Z]\.\s?)+[A-Z]")  # "De Minister van Defensie, J.A. Hennis-Plasschaert"
_FULL_DATE = re.compile(r"\b\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}\b|\b\d{4}\s*[–-]\s*\d{4}\b")
_SENTENCE_END = re.compile(r"([.!?][»”\"')\]]*)\s+(?=[«“\"'(]?[A-ZÀ-ÝĲ])")  # group 1: the sentence's last marks
_CLAUSE_MARK = re.compile(r"[.!?:;]")
_ENDS_CLAUSE = re.compile(r"[.!?:;]$")
ENDS_SENTENCE = re.compile(r"[.!?]$")  # a line or paragraph that ends a sentence
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$|^\(?[A-Za-z]\.$")
MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 90


def split_paragraphs(text: str, end: int) -> list[Paragraph]:
    """The paragraphs of `text[:end]` with their offsets."""
    paragraphs: list[Paragraph] = []
    position = 0
    for chunk in text[:end].split(PARAGRAPH_BREAK):
        if chunk.strip():
            paragraphs.append(Paragraph(chunk, Span(position, position + len(chunk))))
        position += len(chunk) + len(PARAGRAPH_BREAK)
    return paragraphs


def split_sentences(paragraph: Paragraph, lexicon: Lexicon) -> list[Sentence]:
    """Sentences of a paragraph; abbreviations and initials do not end one."""
    text, offset = paragraph.text, paragraph.span.start
    return [Sentence(text[start:end], Span(offset + start, offset + end))
            for start, end in sentence_bounds(text, lexicon)]


def sentence_bounds(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Where a paragraph's sentences start and end (trailing space left out): split_sentences
    without the records, for a reader that keeps few of them."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + 1
        token = text[text.rfind(" ", 0, end) + 1:end]  # the word the stop ends
        if token in lexicon.abbreviations or _INITIALS.match(token):
            continue
        bounds.append((start, match.end(1)))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, start + len(text[start:].rstrip())))
    return bounds


def is_prose(paragraph: Paragraph) -> bool:
    """Running text, as opposed to a heading, letterhead line or list item."""
    return len(paragraph.text.split(maxsplit=11)) >= 12 and bool(_CLAUSE_MARK.search(paragraph.text))


def is_front_matter(paragraph: Paragraph, lexicon: Lexicon) -> bool:
    """Letterhead, signature, title or a scraped page's metadata line."""
    text = paragraph.text
    if _BULLET.match(text) or (len(text) < 150 and _SIGNATURE.search(text)):
        return True
    if any(p.search(text) for p in lexicon.not_headings):
        return True
    return _is_title_like(text)


def _is_title_like(text: str) -> bool:
    """An all-capitals title, or a dateline; never a sentence of prose."""
    if len(text) > 200 or ENDS_SENTENCE.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    shouting = bool(letters) and upper / len(letters) > 0.6 and len(text.split()) >= 4
    return shouting or bool(_FULL_DATE.search(text))


def find_agenda_items(
    paragraphs: list[Paragraph], lexicon: Lexicon, body_end: int
) -> list[ParsedAgendaItem]:
    """Section headings after the first paragraph of prose, with parents and section spans; and
    the heading right above that paragraph when the letterhead and date line stand before it
    (a report that opens straight with its first section)."""
    first_prose = next((i for i, p in enumerate(paragraphs) if is_prose(p)), len(paragraphs))
    flags = [
        (i > first_prose or (i == first_prose - 1 and i >= 2)) and i + 1 < len(paragraphs) and _is_heading(p, lexicon)
        for i, p in enumerate(paragraphs)
    ]
    flags = _drop_empty_sections(paragraphs, flags)
    heading_indexes = [i for i, flag in enumerate(flags) if flag]
    levels: list[int] = []
    items: list[ParsedAgendaItem] = []
    group: int | None = None
    for k, i in enumerate(heading_indexes):
        number, title = _split_number(paragraphs[i].text)
        parent = _parent(k, number, items, group)
        if number is None and flags[i + 1]:
            group = k  # a heading directly above another heading groups those below it
        elif number is not None and "." not in number.strip("."):
            group = None
        levels.append(0 if parent is None else levels[parent] + 1)
        items.append(ParsedAgendaItem(title, number, parent, paragraphs[i].span, paragraphs[i].span))
    return [
        _with_section_end(item, k, items, levels, body_end) for k, item in enumerate(items)
    ]


def _drop_empty_sections(paragraphs: list[Paragraph], flags: list[bool]) -> list[bool]:
    """A heading needs text under it, or a heading below it that has some.

    Short lines after the last section (a web page's footnotes, "Raadpleegbaar via
    www.tweedekamer.nl") look like headings but head nothing.
    """
    kept = list(flags)
    has_content = False  # does any text follow before the next kept heading?
    for i in range(len(paragraphs) - 1, -1, -1):
        if kept[i]:
            if not has_content:
                kept[i] = False
            continue
        if _is_content(paragraphs[i]):
            has_content = True
    return kept


def _is_content(paragraph: Paragraph) -> bool:
    text = paragraph.text
    return len(text.split(maxsplit=4)) >= 5 or bool(_ENDS_CLAUSE.search(text))


def _parent(k: int, number: str | None, items: list[ParsedAgendaItem], group: int | None) -> int | None:
    if number is not None:
        depth = _depth(number)
        for j in range(k - 1, -1, -1):
            other = items[j].number
            if other is not None and _depth(other) < depth:
                return j
        return None
    if group is not None:
        return group
    for j in range(k - 1, -1, -1):
        if items[j].number is not None:
            return j
    return None


def _depth(number: str) -> int:
    core = number.rstrip(".)")
    if core.isalpha() and core.islower() and len(core) == 1:
        return 2
    return core.count(".") + 1


def _with_section_end(
    item: ParsedAgendaItem, k: int, items: list[ParsedAgendaItem], levels: list[int], body_end: int
) -> ParsedAgendaItem:
    end = body_end
    for j in range(k + 1, len(items)):
        if levels[j] <= levels[k]:
            end = items[j].heading.start
            break
    end = _trim_end(end, item.heading.start)
    return ParsedAgendaItem(item.title, item.number, item.parent, item.heading, Span(item.heading.start, end))


def _trim_end(end: int, start: int) -> int:
    return max(start, end - len(PARAGRAPH_BREAK)) if end > start else end


def _split_number(text: str) -> tuple[str | None, str]:
    match = _NUMBERED.match(text)
    if match and match.group("title")[:1].isupper():
        return match.group("num").rstrip(".)") or None, match.group("title")
    return None, text


def _is_heading(paragraph: Paragraph, lexicon: Lexicon) -> bool:
    text = paragraph.text
    _, title = _split_number(text)
    if len(text) > MAX_HEADING_CHARS or len(title.split()) > MAX_HEADING_WORDS:
        return False
    if _CLOSING.search(text) or not title[:1].isupper():
        return False
    if title.count("(") != title.count(")"):
        return False
    return not is_front_matter(paragraph, lexicon)

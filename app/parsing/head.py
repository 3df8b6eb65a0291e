"""The head of a document: where its own text starts, its date, a year to read others by, its title.

Scraped pages open with site navigation, widgets, stamps and link lists before the
letterhead. Those paragraphs are *chrome*: they stay in the text (no word is lost) but
are never read as a title, a heading or a meeting cue.
"""

import re
from datetime import date
from functools import cache

from app.parsing.dates import find_dates, numeric_date
from app.parsing.lexicon import Lexicon, any_of
from app.parsing.quick import Automaton, automaton
from app.parsing.records import Span
from app.parsing.structure import ENDS_SENTENCE, Paragraph, is_prose

HEAD_PARAGRAPHS = 15  # where letterheads, titles and the opening sentence stand, after the chrome
SEARCH_START = 40  # how far into a page its own text may start
MAX_TITLE_CHARS = 200

# The vocabulary of web pages and document viewers, in both languages: the words (found by a
# substring test, lower-cased, before the pattern that holds them to whole words is tried) ...
_CHROME_WORDS = (
    "click", "log", "sign in", "password", "subscribe", "newsletter", "cookie", "mail address", "download",
    "share this", "print this", "font size", "skip to", "breadcrumb", "new code", "a code", "article link",
    "updated", "from the event", "related ", "official website", "how you know", "multimedia", "follow us",
    "rights reserved", "klik", "inloggen", "wachtwoord", "abonneren", "nieuwsbrief", "grootte", "voorlezen",
    "afdrukken", "naar de inhoud", "gerelateerde", "onderdeel van", "directe link", "preview document",
    "bijgewerkt:", "page ", "pagina ",
)
_CHROME_PHRASES = re.compile(
    r"\b(?:click|log\s?in|sign\s+in|password|subscribe|newsletter|cookies?|e-?mail\s+address|download"
    r"|share\s+this|print\s+this|font\s+size|skip\s+to|breadcrumb|send\s+new\s+code|receive\s+a\s+code"
    r"|original\s+article\s+link|(?:last\s+)?updated:?\s+\d+|from\s+the\s+event|related\s+(?:news|documents|content)"
    r"|official\s+websites?|here'?s\s+how\s+you\s+know|multimedia|follow\s+us|all\s+rights\s+reserved"
    r"|klik|inloggen|wachtwoord|abonneren|nieuwsbrief|tekstgrootte|lettergrootte|voorlezen|afdrukken"
    r"|naar\s+de\s+inhoud|gerelateerde|onderdeel\s+van|directe\s+link|preview\s+document|bijgewerkt:"
    r"|(?:page|pagina)\s+\d+\s+(?:of|van)\s+\d+)\b",
    re.IGNORECASE,
)
# ... and the lines that are chrome as a whole: a row of bracketed links, a lone menu word or number.
_CHROME_LINE = re.compile(
    r"^\s*\[[^\]]*\](?:\s*\[[^\]]*\])*\s*$"
    r"|^\s*(?:Home|Start|Menu|Zoeken|Search|Tekst|Text|Delen|Share|Print|\d{1,2}\.|\d{1,2}:\d{2})\s*$"
    r"|^\s*(?:Home|Start)\s*[>›»/|]"
    r"|^[^.|]{1,40}(?:\s\|\s[^.|]{1,40})+$",  # a site's labels: "Nieuwsbericht | Defensie"
    re.IGNORECASE,
)
_MAX_CHROME_CHARS = 300
_MONTH_STAMP = re.compile(r"^\s*date\s+((?:19|20)\d{2})-(0[1-9]|1[0-2])\b")

# A bare dateline: the date alone on its line, perhaps with a bullet, a dash or a weekday.
_DATELINE_TAIL = re.compile(r"^\s*(?:[-–—|•]\s*)?$")


def is_chrome(paragraph: Paragraph) -> bool:
    """Site navigation, a widget, a viewer's page counter or a link list: not the text itself."""
    text = paragraph.text
    if len(text) > _MAX_CHROME_CHARS:
        return False
    if _CHROME_LINE.match(text):
        return True
    return _has_chrome_word(text.lower()) and bool(_CHROME_PHRASES.search(text))


def _has_chrome_word(lowered: str) -> bool:
    for _ in _chrome_words().iter(lowered):
        return True
    return False


@cache
def _chrome_words() -> Automaton:
    """The chrome words, looked for all at once (one pass of an Aho-Corasick automaton)."""
    return automaton({word: word for word in _CHROME_WORDS})


CHROME_WINDOW = 100  # the paragraphs a page's chrome is looked for in


def chrome_of(paragraphs: list[Paragraph]) -> frozenset[Span]:
    """The spans of the paragraphs near the top that are chrome: asked once per parse."""
    return frozenset(p.span for p in paragraphs[:CHROME_WINDOW] if is_chrome(p))


def text_start(paragraphs: list[Paragraph], lexicon: Lexicon, chrome: frozenset[Span]) -> int:
    """Index of the paragraph where the document's own text starts (a dossier line, "Nr.",
    the sender's letterhead, "Aan de Voorzitter", a dateline); else of the first paragraph that
    is not chrome."""
    window = paragraphs[:SEARCH_START]
    for index, paragraph in enumerate(window):
        if paragraph.span not in chrome and any(p.search(paragraph.text) for p in lexicon.text_starts):
            return index
    return next((i for i, p in enumerate(window) if p.span not in chrome), 0)


def head(paragraphs: list[Paragraph], chrome: frozenset[Span], start: int, count: int = HEAD_PARAGRAPHS
         ) -> list[Paragraph]:
    """The first `count` paragraphs of the document's own text (from `start`), chrome left out."""
    # a title may stand above the letterhead line that marks the start: take what is not chrome
    before = [p for p in paragraphs[:start] if p.span not in chrome and len(p.text) < _MAX_CHROME_CHARS]
    kept = before[-3:] + [p for p in paragraphs[start:start + 3 * count] if p.span not in chrome]
    return kept[:count]


def find_document_date(paragraphs: list[Paragraph], lexicon: Lexicon) -> date | None:
    """The date the document itself carries: a letter's "Den Haag, 30 mei 2016", a page's
    "Issued on 03 Dec. 2008" or stamp "12 Feb. 2020 -", a bare dateline, a numeric stamp."""
    window = paragraphs[:HEAD_PARAGRAPHS + 10]  # chrome included: a page's stamp stands in it
    joined = joined_lines(window)
    for pattern in lexicon.document_date:  # the explicit forms first, wherever they stand in the head
        for match in pattern.finditer(joined):
            if day := _date_of(match.group("date"), lexicon):
                return day
    for paragraph in window:
        if (day := _dateline(paragraph.text, lexicon)) is not None:
            return day
    for paragraph in window[:HEAD_PARAGRAPHS]:  # a stamp joined to the lines around it: "… 29.06.2017 Press …"
        if not is_prose(paragraph) and (day := numeric_date(paragraph.text)) is not None:
            return day
    return None


LINE_JOIN = "\n\x00\n"  # no pattern's \s runs across it; ^ and $ (re.MULTILINE) hold at each paragraph


def joined_lines(paragraphs: list[Paragraph]) -> str:
    """Paragraphs as lines of one text, for one search where there would be one per paragraph."""
    return LINE_JOIN.join(p.text for p in paragraphs)


def _date_of(text: str, lexicon: Lexicon) -> date | None:
    found = find_dates(text, lexicon, None)
    return found[0].start if found else numeric_date(text)


def _dateline(text: str, lexicon: Lexicon) -> date | None:
    """A line that is a date and little else ("12 mei 2011", "• 24 May. 2017 -", "29.06.2017")."""
    if len(text) > 60:
        return None
    found = find_dates(text, lexicon, None)
    if found:
        first = found[0]
        before, after = text[:first.span.start], text[first.span.end:]
        if len(before.strip(" •-–|")) <= 12 and (_DATELINE_TAIL.match(after) or after.lstrip().startswith(("-", "–"))):
            return first.start
        return None
    stripped = text.strip(" •-–|")
    return numeric_date(stripped) if len(stripped) <= 10 else None


def reference_date(lines: list[Paragraph], lexicon: Lexicon, doc_date: date | None) -> date | None:
    """What a date without a year is read against: the document's own date, else the first
    full date in the head (a title's "maart 2011", a cited letter's "d.d. 2 maart 2009")."""
    if doc_date is not None:
        return doc_date
    for paragraph in lines:
        found = find_dates(paragraph.text, lexicon, None)
        if found:
            return found[0].start
        if match := _MONTH_STAMP.search(paragraph.text):  # a scraped page's "date 2018-07"
            return date(int(match.group(1)), int(match.group(2)), 1)
        if match := lexicon.month_year.search(paragraph.text):
            return date(int(match.group("year")), lexicon.months[match.group("month").lower().rstrip(".")], 1)
    return None


def find_title(lines: list[Paragraph], lexicon: Lexicon, doc_date: date | None = None) -> str | None:
    """What a person would call the document: an all-capitals title line, a letter's "Betreft",
    a parliamentary paper's "Nr. 12 VERSLAG …", or the first line of its own text that is not
    letterhead or its dateline block (the lines that carry the document's own date: "Remarks /
    Secretary of State / Brussels, Belgium / April 4, 2023"). None when it prints none (the
    caller derives one). `lines`: the head."""
    for paragraph in lines:
        if match := lexicon.title_line.search(paragraph.text):
            return _clip(next((group for group in match.groups() if group), ""))
    for index, paragraph in enumerate(lines):
        text = paragraph.text
        if _is_label(text, lexicon) and index + 1 < len(lines) and lines[index + 1].text.startswith("by "):
            return _clip(f"{text} {lines[index + 1].text}")  # "Press conference" / "by NATO Secretary General …"
        if len(text) > MAX_TITLE_CHARS or (is_prose(paragraph) and ENDS_SENTENCE.search(text)):
            break  # the title stands before the first paragraph of prose
        text = _STAMP.sub("", text)
        if any_of(lexicon.letterhead).search(text) or _dateline(text, lexicon) or _dated_block(text, lexicon, doc_date):
            continue
        words = sum(1 for w in text.split() if any(c.isalpha() for c in w))
        if words >= 2 and not is_front_matter_only(paragraph, lexicon):
            return _clip(text)
    return None


def _dated_block(text: str, lexicon: Lexicon, doc_date: date | None) -> bool:
    """A line that carries the document's own date, in words or in figures (a byline, dateline or
    masthead block: "Ministry of … / … / 29.06.2017 / Press Release No. 179"), not a title."""
    if doc_date is None:
        return False
    return numeric_date(text) == doc_date or any(d.start == d.end == doc_date for d in find_dates(text, lexicon, None))


# a stamp or bullet a scraped title line starts with: "date 2018-07 ", "• 22 Oct 2007 - "
_STAMP = re.compile(r"^(?:[•|]\s*)*(?:date\s+\d{4}-\d{2}(?:-\d{2})?\s+|\d{1,2}\s+\w{3,9}\.?\s+\d{4}\s+[-–]\s+)?")


def _is_label(text: str, lexicon: Lexicon) -> bool:
    return len(text.split()) <= 3 and bool(lexicon.statement_kinds.search(text + " by"))


def is_front_matter_only(paragraph: Paragraph, lexicon: Lexicon) -> bool:
    """A letterhead, address or signature line (but not a title that happens to shout)."""
    text = paragraph.text
    return any(p.search(text) for p in lexicon.not_headings) and not lexicon.title_line.search(text)


def _clip(text: str) -> str:
    text = " ".join(text.split()).strip(" :-–")
    if len(text) <= MAX_TITLE_CHARS:
        return text
    cut = text.rfind(" ", 0, MAX_TITLE_CHARS - 1)
    return text[: cut if cut > 0 else MAX_TITLE_CHARS - 1].rstrip(" ,;:") + "…"


__all__ = [
    "chrome_of", "find_document_date", "find_title", "head", "is_chrome", "reference_date", "text_start",
]

"""Dates and date ranges in running text, resolved against the document's date.

Handles what general date libraries miss in this genre: ranges ("14 en 15 juni
jl.", "2 tot en met 4 april 2008", "11-12 July 2018", "28–29 november 2023"),
weekdays inside ranges ("zaterdag 14 en zondag 15 mei"), a left-out year and
the relative markers "jl." (past) and "a.s." (coming).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

from app.parsing.lexicon import Lexicon
from app.parsing.quick import Automaton, automaton
from app.parsing.records import Span


@dataclass(frozen=True)
class DateRange:
    """A resolved date or range and where it stood in the text."""

    start: date
    end: date
    span: Span


_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Form:
    """One way a date is written. Python's regular expressions try a pattern at every character
    unless it opens with a set of characters (case-insensitive letters do not count): a form that
    opens with its day is searched from its digits, one that opens with its month is tried only
    where a month's name stands (found for all at once by an Aho-Corasick automaton)."""

    pattern: re.Pattern[str]
    month_first: bool


@cache
def _forms(lexicon: Lexicon) -> tuple[_Form, ...]:
    """The forms, in the order their matches are taken: ranges across months, ranges, single days."""
    month = "(?:" + "|".join(sorted(lexicon.months, key=len, reverse=True)) + r")\.?"
    weekday = rf"(?:(?:{lexicon.weekdays}),?\s+)?"
    sep = rf"\s*(?:{lexicon.range_words})\s*"
    day = r"(\d{1,2})(?:st|nd|rd|th|e)?"
    first_day = r"(\d(?<!\w\d)\d?)(?:st|nd|rd|th|e)?"  # a day that opens a form: \b(\d{1,2}), led by its digit
    year = r"(?:,?\s+(\d{4}))?"
    day_first_cross = rf"{first_day}\s+({month}){year}{sep}{weekday}{day}\s+({month}){year}\b"
    day_first_range = rf"{first_day}{sep}{weekday}{day}\s+({month}){year}\b"
    day_first = rf"{first_day}\s+({month}){year}\b"
    month_first_range = rf"\b({month})\s+{day}{sep}{day}{year}\b"
    month_first = rf"\b({month})\s+{day}{year}\b"
    return tuple(
        _Form(re.compile(pattern, re.IGNORECASE), month_first)
        for pattern, month_first in (
            (day_first_cross, False), (day_first_range, False), (month_first_range, True), (day_first, False),
            (month_first, True),
        )
    )


@cache
def _weekday_before(lexicon: Lexicon) -> re.Pattern[str]:
    """A weekday that ends right before a day ("zaterdag 14 juni"): part of the date it opens."""
    return re.compile(rf"\b(?:{lexicon.weekdays}),?\s+$", re.IGNORECASE)


_WEEKDAY_REACH = 40  # how far before its day a weekday may start


@cache
def _month_names(lexicon: Lexicon) -> Automaton:
    return automaton({name: len(name) for name in lexicon.months})


def _month_starts(text: str, lexicon: Lexicon) -> list[int] | None:
    """Where a month's name starts, in order; None when lower-casing moves offsets (a few letters)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    return sorted({end - length + 1 for end, length in _month_names(lexicon).iter(lowered)})


def _matches(form: _Form, text: str, lexicon: Lexicon, months: list[int] | None) -> Iterator[tuple[int, re.Match[str]]]:
    """(start, match) of the form's matches, as `finditer` of the form with an optional weekday
    before its first day would find them: left to right, none overlapping."""
    pattern = form.pattern
    if form.month_first:
        if months is None:
            yield from ((m.start(), m) for m in pattern.finditer(text))
            return
        end = 0
        for position in months:
            if position >= end and (match := pattern.match(text, position)):
                end = match.end()
                yield position, match
        return
    end = 0
    weekday = _weekday_before(lexicon)
    for match in pattern.finditer(text):
        start = match.start()
        if found := weekday.search(text, max(end, start - _WEEKDAY_REACH), start):
            start = found.start()
        end = match.end()
        yield start, match


def find_dates(text: str, lexicon: Lexicon, base: date | None, offset: int = 0) -> list[DateRange]:
    """Every date or range in `text`, in order; a missing year comes from `base`."""
    found: list[DateRange] = []
    if _DIGIT.search(text) is None:
        return found
    taken: list[tuple[int, int]] = []
    months = _month_starts(text, lexicon)
    for index, form in enumerate(_forms(lexicon)):
        for begin, match in _matches(form, text, lexicon, months):
            if any(s < match.end() and begin < e for s, e in taken):
                continue
            resolved = _resolve(index, match, text[match.end():], lexicon, base)
            if resolved is None:
                continue
            taken.append((begin, match.end()))
            start, end = resolved
            found.append(DateRange(start, end, Span(offset + begin, offset + match.end())))
    return sorted(found, key=lambda d: d.span)


def parse_single_date(text: str, lexicon: Lexicon) -> date | None:
    """A full date such as "30 mei 2016" or "03 Dec. 2008"; None when not one."""
    dates = find_dates(text, lexicon, None)
    return dates[0].start if dates else None


def _resolve(
    index: int, match: re.Match[str], after: str, lexicon: Lexicon, base: date | None
) -> tuple[date, date] | None:
    groups = match.groups()
    months = lexicon.months
    if index == 0:
        d1, m1, y1, d2, m2, y2 = groups
        parts = [(d1, m1, y1 or y2), (d2, m2, y2)]
    elif index == 1:
        d1, d2, m, y = groups
        parts = [(d1, m, y), (d2, m, y)]
    elif index == 2:
        m, d1, d2, y = groups
        parts = [(d1, m, y), (d2, m, y)]
    elif index == 3:
        d, m, y = groups
        parts = [(d, m, y)]
    else:
        m, d, y = groups
        parts = [(d, m, y)]
    explicit_year = parts[-1][2]
    year = int(explicit_year) if explicit_year else _guess_year(parts[0], after, lexicon, base)
    if year is None:
        return None
    try:
        days = [date(int(y) if y else year, months[m.lower().rstrip(".")], int(d)) for d, m, y in parts]
    except (ValueError, KeyError):
        return None
    start, end = days[0], days[-1]
    if end < start:
        return None
    return start, end


def _guess_year(
    first: tuple[str, str, str | None], after: str, lexicon: Lexicon, base: date | None
) -> int | None:
    if base is None:
        return None
    day, month, _ = first
    try:
        candidate = date(base.year, lexicon.months[month.lower().rstrip(".")], int(day))
    except (ValueError, KeyError):
        return None
    if lexicon.past_marker.match(after) and candidate > base:
        return base.year - 1
    if lexicon.future_marker.match(after) and candidate < base:
        return base.year + 1
    return base.year


_NUMERIC = re.compile(
    r"\b(?:(?P<y1>(?:19|20)\d{2})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"  # 2022-03-17
    r"|(?P<d2>\d{1,2})[./](?P<m2>\d{1,2})[./](?P<y2>(?:19|20)\d{2})"  # 29.06.2017, 29/06/2017
    r"|(?P<d3>\d{1,2})-(?P<m3>[A-Za-z]{3})-(?P<y3>(?:19|20)\d{2})"  # 07-Jun-2001
    r"|(?P<d4>\d{1,2})-(?P<m4>\d{1,2})-(?P<y4>(?:19|20)\d{2}))\b"  # 10-07-2023, a Dutch site's stamp
)
_SHORT_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "mrt": 3, "apr": 4, "may": 5, "mei": 5, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12,
}


def numeric_date(text: str) -> date | None:
    """The first date written with numbers ("2022-03-17", "29.06.2017", "07-Jun-2001", "10-07-2023")."""
    match = _NUMERIC.search(text)
    if match is None:
        return None
    g = match.groupdict()
    try:
        if g["y1"]:
            return date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
        if g["y2"]:
            return date(int(g["y2"]), int(g["m2"]), int(g["d2"]))
        if g["y4"]:
            return date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
        month = _SHORT_MONTHS.get(g["m3"].lower())
        return date(int(g["y3"]), month, int(g["d3"])) if month else None
    except ValueError:
        return None

"""Dates and date ranges in running text, resolved against the document's date.

Handles what general date libraries miss in this genre: ranges ("14 en 15 juni
jl.", "2 tot en met 4 april 2008", "11-12 July 2018", "28–29 november 2023"),
weekdays inside ranges ("zaterdag 14 en zondag 15 mei"), a left-out year and
the relative markers "jl." (past) and "a.s." (coming).
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from app.parsing.lexicon import Lexicon
from app.parsing.records import Span


@dataclass(frozen=True)
class DateRange:
    """A resolved date or range and where it stood in the text."""

    start: date
    end: date
    span: Span


_DIGIT = re.compile(r"\d")


@cache
def _patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], ...]:
    month = "(?:" + "|".join(sorted(lexicon.months, key=len, reverse=True)) + r")\.?"
    weekday = rf"(?:(?:{lexicon.weekdays}),?\s+)?"
    sep = rf"\s*(?:{lexicon.range_words})\s*"
    day = r"(\d{1,2})(?:st|nd|rd|th|e)?"
    year = r"(?:,?\s+(\d{4}))?"
    day_first_cross = rf"\b{weekday}{day}\s+({month}){year}{sep}{weekday}{day}\s+({month}){year}\b"
    day_first_range = rf"\b{weekday}{day}{sep}{weekday}{day}\s+({month}){year}\b"
    day_first = rf"\b{weekday}{day}\s+({month}){year}\b"
    month_first_range = rf"\b({month})\s+{day}{sep}{day}{year}\b"
    month_first = rf"\b({month})\s+{day}{year}\b"
    flags = re.IGNORECASE
    return (
        re.compile(day_first_cross, flags),
        re.compile(day_first_range, flags),
        re.compile(month_first_range, flags),
        re.compile(day_first, flags),
        re.compile(month_first, flags),
    )


def find_dates(text: str, lexicon: Lexicon, base: date | None, offset: int = 0) -> list[DateRange]:
    """Every date or range in `text`, in order; a missing year comes from `base`."""
    found: list[DateRange] = []
    if _DIGIT.search(text) is None:
        return found
    taken: list[tuple[int, int]] = []
    for index, pattern in enumerate(_patterns(lexicon)):
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            resolved = _resolve(index, match, text[match.end():], lexicon, base)
            if resolved is None:
                continue
            taken.append((match.start(), match.end()))
            start, end = resolved
            found.append(DateRange(start, end, Span(offset + match.start(), offset + match.end())))
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

"""Dates and ranges in Dutch and English, relative to the document's date."""

from datetime import date

import pytest

from app.parsing.dates import find_dates, numeric_date
from app.parsing.lexicon_en import LEXICON as EN
from app.parsing.lexicon_nl import LEXICON as NL

BASE = date(2016, 5, 30)


@pytest.mark.parametrize(
    ("text", "base", "start", "end"),
    [
        ("op 2 april 2020", None, date(2020, 4, 2), date(2020, 4, 2)),
        ("die op 19 en 20 mei jl. in Brussel bijeenkwam", BASE, date(2016, 5, 19), date(2016, 5, 20)),
        ("van 2 tot en met 4 april 2008", None, date(2008, 4, 2), date(2008, 4, 4)),
        ("op 28–29 november 2023", None, date(2023, 11, 28), date(2023, 11, 29)),
        ("op zaterdag 14 en zondag 15 mei 2022", None, date(2022, 5, 14), date(2022, 5, 15)),
        ("op 14 en 15 juni jl.", date(2017, 1, 10), date(2016, 6, 14), date(2016, 6, 15)),
        ("op 10 en 11 juni aanstaande", date(2017, 12, 1), date(2018, 6, 10), date(2018, 6, 11)),
        ("die op 17 en 18 oktober in Brussel plaatsvindt", date(2024, 10, 3), date(2024, 10, 17), date(2024, 10, 18)),
        ("van 30 november tot en met 1 december 2022", None, date(2022, 11, 30), date(2022, 12, 1)),
    ],
)
def test_dutch_dates(text: str, base: date | None, start: date, end: date) -> None:
    found = find_dates(text, NL, base)
    assert (found[0].start, found[0].end) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Issued on 03 Dec. 2008", date(2008, 12, 3), date(2008, 12, 3)),
        ("in Brussels 11-12 July 2018", date(2018, 7, 11), date(2018, 7, 12)),
        ("on July 11, 2018", date(2018, 7, 11), date(2018, 7, 11)),
    ],
)
def test_english_dates(text: str, start: date, end: date) -> None:
    found = find_dates(text, EN, None)
    assert (found[0].start, found[0].end) == (start, end)


def test_a_date_without_year_needs_a_base() -> None:
    assert find_dates("op 19 en 20 mei jl.", NL, None) == []


def test_impossible_dates_are_skipped() -> None:
    assert find_dates("op 31 februari 2020", NL, None) == []


def test_span_points_at_the_date() -> None:
    text = "Ministers kwamen op 2 april 2020 bijeen."
    found = find_dates(text, NL, None)[0]
    assert text[found.span.start:found.span.end] == "2 april 2020"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Nieuwsbericht | 10-07-2023 | 14:00", date(2023, 7, 10)),  # a Dutch government site's stamp
        ("29.06.2017 Press Release", date(2017, 6, 29)),
        ("date 2022-03-17", date(2022, 3, 17)),
        ("Updated: 07-Jun-2001", date(2001, 6, 7)),
        ("versie 31-02-2023", None),  # no such day
    ],
)
def test_dates_written_with_numbers(text: str, day: date | None) -> None:
    assert numeric_date(text) == day


def test_a_weekday_before_the_day_is_part_of_the_date() -> None:
    text = "De ministers kwamen op zaterdag 14 mei 2022 bijeen."
    found = find_dates(text, NL, None)[0]
    assert text[found.span.start:found.span.end] == "zaterdag 14 mei 2022"


def test_a_number_inside_a_word_is_no_day() -> None:
    assert find_dates("zie bijlage A14 mei 2022", NL, None) == []
    assert find_dates("zie bijlage 114 mei 2022", NL, None) == []


@pytest.mark.parametrize(
    ("text", "written"),
    [("on JULY 11, 2018", "JULY 11, 2018"), ("İstanbul, on July 11, 2018", "July 11, 2018")],  # İ lower-cases to two
)
def test_a_month_first_date_whatever_the_letters_around_it(text: str, written: str) -> None:
    found = find_dates(text, EN, None)[0]
    assert (found.start, text[found.span.start:found.span.end]) == (date(2018, 7, 11), written)

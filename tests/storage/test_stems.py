"""The words SQLite's full-text index holds: as PostgreSQL's text-search configurations read them."""

import re
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.storage.stems import WORD, index_form, stems, words


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("De NAVO-ministers spraken over Oekraïne.", ["de", "navo", "ministers", "spraken", "over", "oekraïne"]),
        ("“Deterrence” — and defence’s 2% (snake_case)", ["deterrence", "and", "defence", "s", "2", "snake", "case"]),
        ("Noord-Macedonië\u00a0en\u2009Türkiye", ["noord", "macedonië", "en", "türkiye"]),
        ("x² + ½", ["x²", "½"]),  # digits beyond ASCII are word characters too
        ("", []),
    ],
)
def test_words_are_runs_of_letters_and_digits(text: str, found: list[str]) -> None:
    assert words(text.lower()) == found


@given(st.text())
def test_words_are_what_the_word_pattern_finds(text: str) -> None:
    assert words(text) == WORD.findall(text)


def test_stop_words_are_left_out_and_the_rest_stemmed() -> None:
    assert stems("De ministers van Defensie bespraken de plannen", "nl") == ["minister", "defensie", "besprak", "plann"]
    assert index_form("The ministers discussed the plans", "en") == "minist discuss plan"
    assert re.fullmatch(r"[\w ]*", index_form("“Quotes” – and dashes…", "en"))


def test_stems_are_the_same_whatever_the_thread_met_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """A word's stem is remembered by the thread; what it remembers never changes an answer,
    also when it is emptied for growing past its bound (here at every new word)."""
    texts = ["De ministers van Defensie bespraken de plannen", "Ministers bespreken plannen voor Defensie",
             "The ministers discussed the plans", "de de de", "F-35's en 2024"]
    expected = [["minister", "defensie", "besprak", "plann"], ["minister", "besprek", "plann", "defensie"],
                ["the", "minister", "discussed", "the", "plan"], [], ["f", "35", "s", "2024"]]
    monkeypatch.setattr("app.storage.stems._local", threading.local())  # nothing known yet
    monkeypatch.setattr("app.storage.stems.KNOWN_WORDS", 4)
    for _ in range(2):
        assert [stems(text, "nl") for text in texts] == expected
        assert index_form(texts[0], "nl") == "minister defensie besprak plann"

"""The words the search indexes hold (SQLite's stems, PostgreSQL's tsvector), as PostgreSQL reads them."""

import re
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy import text as sql_text

from app.storage.stems import TSVECTOR_BYTES, WORD, index_form, stems, tsquery, tsvector, words
from tests.conftest import SAMPLES


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


def test_the_postgresql_index_holds_the_stems_with_the_places_of_their_words() -> None:
    """Places as PostgreSQL's to_tsvector numbers them: every word takes one, stop words too."""
    text = "De ministers van Defensie bespraken de plannen; plannen!"
    assert tsvector(text, "nl") == "'minister':2 'defensie':4 'besprak':5 'plann':7,8"
    assert tsquery(["de", "ministers", "plannen"], "nl") == "'minister' & 'plann'"
    assert tsquery(["de", "het"], "nl") is None
    assert tsquery(["a" * 3000], "nl") is None  # longer than PostgreSQL indexes a lexeme


def test_the_postgresql_index_keeps_postgresqls_limits() -> None:
    """A lexeme keeps its first 255 places; a word past place 16383 stands there, once."""
    assert tsvector("navo " * 300, "nl") == "'navo':" + ",".join(str(place) for place in range(1, 256))
    assert tsvector("de " * 16390 + "navo navo nato", "nl") == "'navo':16383 'nato':16383"


def test_postgresql_reads_the_index_as_its_own_to_tsvector_would(engine: Engine) -> None:
    """For a text of plain words, where PostgreSQL's own parser and stemmer read as ours do, the
    tsvector written is the one PostgreSQL would have made; and it takes every literal we write."""
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's own reading")
    text = ("De NAVO-ministers van Defensie spraken op 14 juni over Oekraïne, de versterking van de "
            "oostflank en de Turkije/Syrië-grens. Bondgenoten besloten de steun voort te zetten.")
    with engine.connect() as connection:
        ours, theirs = connection.execute(sql_text(
            "SELECT CAST(:ours AS tsvector)::text, to_tsvector('dutch', translate(:text, '/-', '  '))::text"),
            {"ours": tsvector(text, "nl"), "text": text}).one()
        assert ours == theirs
        samples = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
        for sample in samples:
            assert connection.execute(sql_text("SELECT length(CAST(:v AS tsvector))"),
                                      {"v": tsvector(sample, "nl")}).scalar_one() > 50
        too_large = " ".join(f"w{number:06d}x" for number in range(150_000))  # PostgreSQL's own would refuse it
        assert connection.execute(sql_text("SELECT pg_column_size(CAST(:v AS tsvector))"),
                                  {"v": tsvector(too_large, "nl")}).scalar_one() <= TSVECTOR_BYTES


def test_a_text_too_large_for_one_tsvector_keeps_the_lexemes_of_its_first_words() -> None:
    """PostgreSQL refuses a tsvector over 1 MB: the lexemes of the first words that fit are kept."""
    words_ = [f"w{number:06d}x" for number in range(150_000)]
    literal = tsvector(" ".join(words_), "nl")
    entries = literal.split(" ")
    assert entries[:2] == ["'w000000x':1", "'w000001x':2"]
    assert 50_000 < len(entries) < 150_000
    assert entries[-1] == f"'{words_[len(entries) - 1]}':16383"  # the last place PostgreSQL counts

"""Normalisation: hyphenation, footnotes and page breaks repaired, no word lost."""

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from app.parsing.normalize import _MARKER, _SPACES, OTHER_WHITESPACE, _collapse_spaces, _spaced_once, normalize_text


def test_joins_words_hyphenated_across_line_ends() -> None:
    text = normalize_text("het belang van het bondge-\nnootschap en de partner-\nlanden").text
    assert text == "het belang van het bondgenootschap en de partnerlanden"


def test_keeps_hyphens_of_real_compounds() -> None:
    raw = "de Secretaris-\ngeneraal sprak met Noord-\nMacedonië over de NAVO-\nmissie en de defensie-\nindustrie"
    text = normalize_text(raw).text
    assert "Secretaris-generaal" in text
    assert "Noord-Macedonië" in text
    assert "NAVO-missie" in text
    assert "defensie-industrie" in text


def test_keeps_hyphen_before_a_linking_word() -> None:
    assert normalize_text("de veiligheids-\nen gezondheidssituatie").text == "de veiligheids- en gezondheidssituatie"


def test_moves_footnotes_to_the_back_and_drops_their_markers() -> None:
    raw = (
        " Eerste pagina met tekst die u toe1. Meer tekst\nvolgt hier.\n\n1 Raadpleegbaar via de website\n"
        " Tweede pagina begint hier.\n"
    )
    result = normalize_text(raw)
    assert result.body == "Eerste pagina met tekst die u toe. Meer tekst volgt hier.\n\nTweede pagina begint hier."
    assert result.text[result.body_end:].strip() == "1 Raadpleegbaar via de website"


def test_joins_a_paragraph_cut_by_a_page_break() -> None:
    raw = " Ministers spraken over de situatie in\n\n2 Een voetnoot over iets2\n het oosten van Europa.\n"
    raw = raw.replace("iets2", "iets")
    raw = "Zie hier2.\n\n" + raw
    body = normalize_text(raw).body
    assert "Ministers spraken over de situatie in het oosten van Europa." in body


def test_bullets_and_numbered_paragraphs_stay_apart() -> None:
    raw = "Titel\n\n  • 03 Dec. 2008 -\n  • Issued on 03 Dec. 2008\n  1. First point.\n  2. Second point."
    paragraphs = normalize_text(raw).text.split("\n\n")
    assert paragraphs == [
        "Titel", "• 03 Dec. 2008 -", "• Issued on 03 Dec. 2008", "1. First point.", "2. Second point.",
    ]


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzëïABCDEFGHNL", min_size=1, max_size=12)
SEPARATOR = st.sampled_from([" ", " ", "\n", "\n\n", "-\n", ". ", ", ", "\n ", "\f", "  "])


@st.composite
def report_like_text(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=60))
    pieces = []
    for word in words:
        pieces.append(word)
        pieces.append(draw(SEPARATOR))
    if draw(st.booleans()):
        pieces.append(f"\n\n{draw(st.integers(1, 9))} {draw(WORD)}\n")
    return "".join(pieces)


def _letters(text: str) -> str:
    return re.sub(r"[^\w]|\d|_", "", text)


@settings(max_examples=300, deadline=None)
@given(report_like_text())
def test_no_word_is_lost(raw: str) -> None:
    squashed = _letters(normalize_text(raw).text)
    for token in raw.split():
        assert _letters(token) in squashed


@settings(max_examples=300, deadline=None)
@given(report_like_text())
def test_normalising_twice_changes_nothing(raw: str) -> None:
    once = normalize_text(raw).text
    assert normalize_text(once).text == once


def test_paragraphs_and_headings_without_blank_lines() -> None:
    raw = (
        "Hierbij bied ik u het verslag aan van de bijeenkomst van de NAVO-ministers van\n"
        "Defensie die op 14 februari jl. in Brussel plaatsvond.\n"
        "Het Zuiden\n"
        "Irak\n"
        "Ministers stemden in met een uitbreiding van de NAVO-missie in Irak, binnen het\n"
        "bestaande mandaat. Zij droegen de militaire autoriteiten op een plan te\n"
        "maken.\n"
        "Een discussie over de Sahel is uitgesteld.\n"
    )
    assert normalize_text(raw).text.split("\n\n") == [
        "Hierbij bied ik u het verslag aan van de bijeenkomst van de NAVO-ministers van "
        "Defensie die op 14 februari jl. in Brussel plaatsvond.",
        "Het Zuiden",
        "Irak",
        "Ministers stemden in met een uitbreiding van de NAVO-missie in Irak, binnen het "
        "bestaande mandaat. Zij droegen de militaire autoriteiten op een plan te maken.",
        "Een discussie over de Sahel is uitgesteld.",
    ]


_LINE_CHARACTERS = " \t\u00a0\u2000\u2009\u202f\u205f\u3000\f\x85\u1680ab.1"


@given(st.text(alphabet=_LINE_CHARACTERS, max_size=12))
@settings(max_examples=500)
def test_space_runs_collapse_as_the_pattern_says(line: str) -> None:
    # the fast path (str.split) must give what the pattern of spaces gives, form feeds kept
    body = line.lstrip(" \t\u00a0")
    assert _collapse_spaces(line) == (" " * (len(line) - len(body)) + _SPACES.sub(" ", body)).rstrip()


def _markers_by_definition(line: str) -> list[str]:
    """Runs of one or two digits after three lower-case letters, before a space, a stop or the end."""
    found = []
    for run in re.finditer(r"\d+", line):
        before, after = line[max(0, run.start() - 3):run.start()], line[run.end():run.end() + 1]
        if (len(run.group()) <= 2 and len(before) == 3 and all("a" <= c <= "z" or "à" <= c <= "ÿ" for c in before)
                and (after == "" or after.isspace() or after in ".,;:!?)»”\"'")):
            found.append(run.group())
    return found


@given(st.text(alphabet="abzéÿA1209 .,)-\u00e0", max_size=16))
@settings(max_examples=1000)
def test_footnote_markers_are_numbers_glued_to_a_word(line: str) -> None:
    assert _MARKER.findall(line) == _markers_by_definition(line)


@given(st.text(alphabet=st.sampled_from(["a", "b", " ", "\n", "\t", "\u00a0", "\u2003", "\f", "\x85", "."])))
def test_a_text_spaced_once_is_left_as_every_line_would_be(text: str) -> None:
    # the quick path (_spaced_once) may only skip what collapsing every line would leave unchanged
    if _spaced_once(text):
        assert "\n".join(_collapse_spaces(line) for line in text.split("\n")) == text


def test_other_whitespace_is_every_space_but_the_two() -> None:
    spaces = {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}
    assert set(OTHER_WHITESPACE) == spaces - {" ", "\n"}

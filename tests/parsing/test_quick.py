"""Quick tests: the needles read off a pattern, and that they never hide a match."""

import dataclasses
import re

import pytest

from app.parsing.lexicon import Lexicon
from app.parsing.lexicon_en import LEXICON as EN
from app.parsing.lexicon_nl import LEXICON as NL
from app.parsing.quick import Quick, any_matches, automaton, grouped, needles, quick
from tests.parsing.sentences import corpus_sentences


@pytest.mark.parametrize(
    ("pattern", "found"),
    [
        # the reader takes "me" out of the branches: the words are read whole again
        (r"\b(?:meeting|meetings|met|meet)\b", ("meet", "met")),
        (r"(?:^|\s)(?:Den\s+Haag,|Datum:?)\s+\d", ("datum", "haag,")),
        (r"\bministeri[eë]le?\s+(?:bijeenkomst|vergadering)\b", ("bijeenkomst", "vergadering")),
        (r"\bNATO\s+Summit\b", ("summit",)),
        (r"(?-i:EU)-ministers", ("-ministers",)),
        (r"(?:ab)+c", ("ab",)),
        # nothing every match must hold: always tried
        (r"\d{1,2}\s+\w+", None),
        (r"(?:summit)?\s+\d", None),
        (r"summit|\d", None),
        (r"(?=summit)\w+", None),
    ],
)
def test_needles_are_what_every_match_holds(pattern: str, found: tuple[str, ...] | None) -> None:
    assert needles(re.compile(pattern, re.IGNORECASE)) == found


def test_a_text_without_a_needle_is_not_searched() -> None:
    pattern = quick(r"\bsummit\b", re.IGNORECASE)
    assert pattern.search("The Summit in Vilnius") is not None
    assert pattern.search("The ministers met in Vilnius") is None
    assert list(pattern.finditer("Summit, and summit again")) != []


@pytest.mark.parametrize("text", ["MİNİSTERİAL meeting", "mınısterial meeting", "ſummit"])
def test_letters_that_lower_case_oddly_are_still_searched(text: str) -> None:
    # case-insensitive matching takes "ı" for "i" and "ſ" for "s", and "İ" lower-cases to two letters
    pattern = quick(r"ministerial|summit", re.IGNORECASE)
    assert pattern.search(text) is not None


def _quick_patterns(value: object) -> list[Quick]:
    if isinstance(value, Quick):
        return [value]
    if isinstance(value, tuple):
        return [q for item in value for q in _quick_patterns(item)]
    return []


@pytest.mark.parametrize("lexicon", [NL, EN], ids=["nl", "en"])
def test_no_lexicon_pattern_matches_a_sentence_without_a_needle(lexicon: Lexicon) -> None:
    patterns = [q for f in dataclasses.fields(lexicon) for q in _quick_patterns(getattr(lexicon, f.name))]
    assert len(patterns) > 20
    matched = 0
    for sentence in corpus_sentences(lexicon):
        for pattern in patterns:
            if pattern.regex.search(sentence):
                matched += 1
                assert pattern.may_match(sentence), (pattern.pattern, sentence)
    assert matched > 50


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("Ministers agreed to act.", False),
        ("Ministers will decide next year.", True),  # a pattern whose needle stands
        ("In 2014 Allies agreed to act.", True),  # a pattern without needles is always tried
        ("MİNİSTERS WILL DECIDE", True),  # lower-casing moves offsets: every pattern is tried
    ],
)
def test_any_of_several_patterns_matches(text: str, matches: bool) -> None:
    patterns = (quick(r"\bwill\s+decide\b", re.IGNORECASE), quick(r"^In\s+\d{4}\b", re.IGNORECASE),
                quick(r"\bno\s+consensus\b", re.IGNORECASE))
    assert any_matches(patterns, text) is matches


def test_one_pass_finds_every_word_even_inside_another() -> None:
    owners = grouped([("eu", "org"), ("eufor", "mission"), ("eu", "union")])
    assert owners == {"eu": ("org", "union"), "eufor": ("mission",)}
    found = [(last, value) for last, value in automaton(owners).iter("the eufor and eu")]
    assert found == [(5, ("org", "union")), (8, ("mission",)), (15, ("org", "union"))]

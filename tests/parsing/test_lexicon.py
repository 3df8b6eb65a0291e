"""The lexicons' quick tests: cue words that let most sentences skip a pattern may never hide one
of its matches."""

import pytest

from app.parsing.lexicon import Lexicon
from app.parsing.lexicon_en import LEXICON as EN
from app.parsing.lexicon_nl import LEXICON as NL
from tests.parsing.sentences import corpus_sentences


@pytest.mark.parametrize("lexicon", [NL, EN], ids=["nl", "en"])
def test_every_body_has_cues_in_its_own_words(lexicon: Lexicon) -> None:
    assert set(lexicon.body_cues) == {body for body, _ in lexicon.bodies}
    for body, pattern in lexicon.bodies:
        assert lexicon.body_cues[body], body
        for cue in lexicon.body_cues[body]:
            assert cue == cue.lower(), (body, cue)
            assert cue in pattern.pattern.lower(), (body, cue)


@pytest.mark.parametrize("lexicon", [NL, EN], ids=["nl", "en"])
def test_no_body_is_named_without_its_cue(lexicon: Lexicon) -> None:
    sentences = corpus_sentences(lexicon)
    named = 0
    for sentence in sentences:
        for body, pattern in lexicon.bodies:
            for match in pattern.finditer(sentence):
                named += 1
                assert any(cue in match.group(0).lower() for cue in lexicon.body_cues[body]), (body, sentence)
    assert named > 20  # the texts name bodies: the test looked at something

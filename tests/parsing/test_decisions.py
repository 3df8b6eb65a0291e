"""Which sentences record a decision of the meeting, and of what kind."""

import pytest

from app.parsing.decisions import classify_sentence
from app.parsing.lexicon import Lexicon
from app.parsing.lexicon_en import LEXICON as EN
from app.parsing.lexicon_nl import LEXICON as NL
from tests.parsing.sentences import corpus_sentences


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("De ministers stemden in met een aantal maatregelen.", "agreed"),
        ("Voorts besloten ministers tot uitbreiding van de missie.", "decided"),
        ("Bondgenoten keurden het mandaat voor de Secretaris-generaal goed.", "approved"),
        ("Zij droegen SACEUR op een Task Force op te richten.", "tasked"),
        ("Een discussie over de Sahel is uitgesteld.", "postponed"),
        ("De ministers namen een verklaring over Oekraïne aan.", "adopted"),
        ("Bondgenoten kwamen overeen de steun voort te zetten.", "agreed"),
        ("Tijdens de bijeenkomst is het toetredingsprotocol getekend.", "adopted"),
        ("De ministers namen besluiten over de versterking van de luchtverdediging.", "decided"),
        ("Over het nieuwe streefcijfer is overeenstemming bereikt.", "agreed"),
        ("Bondgenoten stelden de nieuwe capaciteitsdoelen vast.", "adopted"),
        ("Ministers hebben de militaire autoriteiten opdracht gegeven een plan op te stellen.", "tasked"),
    ],
)
def test_dutch_decisions(sentence: str, kind: str) -> None:
    assert classify_sentence(sentence, NL) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Het kabinet heeft besloten een extra bijdrage te leveren.",
        "Naar verwachting zullen ministers besluiten tot een nieuwe missie.",
        "Het principebesluit hiertoe was al tijdens de vorige bijeenkomst genomen.",
        "Bondgenoten spreken over de stappen die de NAVO neemt.",
        "Ministers namen deel aan een werksessie over Oekraïne.",
        "De besluiten die eerder op de top werden genomen, worden uitgevoerd.",
        "Over de nieuwe streefcijfers werd nog geen overeenstemming bereikt.",
        "Ministers stelden vast dat de dreiging vanuit Rusland is toegenomen.",
        "Zoals afgesproken tijdens de top in Vilnius werkt de NAVO aan nieuwe plannen.",
    ],
)
def test_dutch_non_decisions(sentence: str) -> None:
    assert classify_sentence(sentence, NL) is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("We agreed today on actions that enhance our ability.", "agreed"),
        ("Today, we have decided to invite Montenegro to begin accession talks.", "decided"),
        ("We endorsed the Readiness Action Plan.", "approved"),
        ("We tasked the Council in Permanent Session to report.", "tasked"),
    ],
)
def test_english_decisions(sentence: str, kind: str) -> None:
    assert classify_sentence(sentence, EN) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "We will decide on further steps at our next meeting.",
        "We look forward to welcoming Albania and Croatia.",
        "At the Wales Summit, we agreed the Readiness Action Plan.",
        "Today we reaffirm our commitment to a common vision.",
        "Allies have not yet reached agreement on the new capability targets.",
        "In Madrid, we agreed a new Strategic Concept.",
    ],
)
def test_english_non_decisions(sentence: str) -> None:
    assert classify_sentence(sentence, EN) is None


@pytest.mark.parametrize("lexicon", [NL, EN], ids=["nl", "en"])
def test_every_cue_is_a_word_of_its_rule(lexicon: Lexicon) -> None:
    # a misspelt cue would silence its rule without a sound
    for rule in lexicon.decisions:
        assert rule.cues, rule.pattern.pattern
        for cue in rule.cues:
            assert cue == cue.lower()
            assert cue in rule.pattern.pattern.lower(), (cue, rule.pattern.pattern)


@pytest.mark.parametrize("lexicon", [NL, EN], ids=["nl", "en"])
def test_no_rule_matches_a_sentence_without_its_cue(lexicon: Lexicon) -> None:
    # the cues let most sentences skip the rules: that may never change what the rules find
    sentences = corpus_sentences(lexicon)
    assert len(sentences) > 100
    for sentence in sentences:
        for rule in lexicon.decisions:
            match = rule.pattern.search(sentence)
            if match:
                assert any(cue in match.group(0).lower() for cue in rule.cues), (rule.pattern.pattern, sentence)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # the rules ignore case: a guard meant for a capitalised place name must not take any word
        ("In addition, we agreed to strengthen our deterrence and defence posture.", "agreed"),
        ("Today, ministers agreed in principle to enhance NATO's training mission in Iraq.", "agreed"),
        ("In Wales, we agreed to reverse the trend of declining defence budgets.", None),
        ("We welcomed the decisions we agreed at Bucharest on missile defence.", None),
    ],
)
def test_a_place_guard_takes_only_a_capitalised_name(sentence: str, kind: str | None) -> None:
    assert classify_sentence(sentence, EN) == kind

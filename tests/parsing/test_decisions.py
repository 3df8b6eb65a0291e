"""Which sentences record a decision of the meeting, and of what kind."""

import pytest

from app.parsing.decisions import classify_sentence
from app.parsing.lexicon_en import LEXICON as EN
from app.parsing.lexicon_nl import LEXICON as NL


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
    ],
)
def test_english_non_decisions(sentence: str) -> None:
    assert classify_sentence(sentence, EN) is None

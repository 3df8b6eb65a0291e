"""Which language a text is read in: by its commonest words."""

import pytest

from app.parsing.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("De ministers van Defensie hebben in Brussel over de steun aan Oekraïne gesproken.", "nl"),
        ("Ministers of Defence met in Brussels and discussed the support for Ukraine.", "en"),
        # quotes and dashes outside Latin-1 part words as any other sign does
        ("“The” — “of” — “and”: de", "en"),
        ("Coördinatie met de bondgenoten—het overleg van de ministers", "nl"),
        ("THE MINISTERS OF DEFENCE AND THE SECRETARY GENERAL", "en"),
        ("the de", "nl"),  # a tie is Dutch
        ("", "nl"),
    ],
)
def test_the_language_whose_stopwords_are_commoner(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_word_runs_through_letters_with_accents() -> None:
    # "deëscalatie" is one word, not "de" and "scalatie"; "İ" lower-cases to two characters
    assert detect_language("deëscalatie deëscalatie the İstanbul") == "en"

"""Member states named as nouns and adjectives, and membership on the meeting date."""

from datetime import date

from app.parsing.lexicon_en import LEXICON as EN
from app.parsing.lexicon_nl import LEXICON as NL
from app.parsing.members import find_mentions, members_named


def codes(text: str, day: date | None, lexicon=NL) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return members_named(find_mentions(text, lexicon), day)


def test_dutch_nouns_and_adjectives() -> None:
    text = "De Turkse minister sprak met de VS, het Verenigd Koninkrijk en Noord-Macedonië; ook Amerikaanse steun."
    assert codes(text, date(2020, 4, 2)) == ("TUR", "USA", "GBR", "MKD")


def test_states_that_joined_later_are_not_members_yet() -> None:
    text = "Finland en Zweden spraken met Nederland; Montenegro was aanwezig."
    assert codes(text, date(2022, 5, 15)) == ("NLD", "MNE")
    assert codes(text, date(2016, 5, 19)) == ("NLD",)
    assert codes(text, date(2024, 7, 10)) == ("FIN", "SWE", "NLD", "MNE")


def test_compounds_and_treaties_are_not_states() -> None:
    text = "Latijns-Amerikaanse landen, het Verdrag van Washington en de Noord-Atlantische Raad."
    assert codes(text, date(2020, 1, 1)) == ()


def test_english_names() -> None:
    text = "Albania and Croatia will join; the United States and Türkiye agreed, as did the Dutch."
    assert codes(text, date(2008, 12, 3), EN) == ("USA", "TUR", "NLD")


def test_mention_spans_point_at_the_name() -> None:
    text = "Onder meer Nederland gaf aan"
    mention = find_mentions(text, NL)[0]
    assert text[mention.span.start:mention.span.end] == "Nederland"


def test_postal_addresses_are_not_mentions() -> None:
    text = "Ministerie van Buitenlandse Zaken Postbus 20061 2500 EB Den Haag Nederland\n\nDe Duitse minister sprak."
    assert codes(text, date(2020, 1, 1)) == ("DEU",)


def test_a_name_inside_a_longer_candidate_is_still_found() -> None:
    # "the Netherlands" glued to a word is no mention, but the "Netherlands" in it still is
    mentions = find_mentions("Visitors to Rothe Netherlands embassy.", EN)
    assert [(m.code, m.surface) for m in mentions] == [("NLD", "Netherlands")]


def test_only_the_address_line_is_skipped() -> None:
    text = "Nederland\nPostbus 20061\n2500 EB Den Haag, Nederland\nwww.rijksoverheid.nl Polen\nDuitsland"
    assert [m.surface for m in find_mentions(text, NL)] == ["Nederland", "Duitsland"]
    assert [m.surface for m in find_mentions(text, NL, end=len("Nederland\nPostbus"))] == ["Nederland"]


def test_a_long_line_is_skipped_only_around_its_address() -> None:
    # a scraped page whose letterhead runs on into the prose, on one line
    text = ("Ministerie def http://www.mindef.nl Minister van Defensie Kamp neemt vandaag deel aan de "
            "bijeenkomst in Berlijn. Vooraf heeft de minister overleg met zijn Duitse ambtgenoot over de "
            "missies. Postbus 20701, 2500 ES Den Haag, Nederland")
    assert [m.surface for m in find_mentions(text, NL)] == ["Duitse"]


def test_a_region_is_not_a_state() -> None:
    text = "Europe and North America stand together; South American and Latin American partners, and the United States."
    assert codes(text, date(2020, 1, 1), EN) == ("USA",)


def test_the_longest_whole_name_at_a_place_is_the_mention() -> None:
    text = "The United States of America and Americans; the United Kingdom's UK-based forces."
    mentions = find_mentions(text, EN)
    assert [(m.surface, m.code) for m in mentions] == [
        ("United States of America", "USA"), ("United Kingdom", "GBR"), ("UK", "GBR"),
    ]
    assert all(text[m.span.start:m.span.end] == m.surface for m in mentions)


def test_a_name_cut_off_by_the_end_of_the_body_is_whole() -> None:
    # the body ends where the back matter starts: the name before it stands whole
    assert [m.code for m in find_mentions("Steun aan Polenfonds", NL, end=len("Steun aan Polen"))] == ["POL"]

"""Topics: what a document, its agenda items and its decisions are about, in both languages."""

import csv
from pathlib import Path

from app.parsing import parse_report
from app.parsing.topics import SLUGS, find_cues

VOCABULARY = Path(__file__).parents[2] / "app" / "data" / "topics.csv"

REPORT = (
    "Den Haag, 20 oktober 2023\n\n"
    "Hierbij bied ik u het verslag aan van de bijeenkomst van de NAVO-ministers van Defensie die op 11 en 12 "
    "oktober jl. in Brussel plaatsvond.\n\n"
    "Steun aan Oekraïne\n\n"
    "Ministers stemden in met extra luchtverdediging voor Oekraïne. De Oekraïense minister sprak over de winter.\n\n"
    "Lastenverdeling\n\n"
    "Bondgenoten bespraken de defensie-uitgaven en de afspraak om minstens 2 procent van het bbp uit te geven.\n"
)


def test_a_report_is_tagged_with_its_sections_and_decisions_topics() -> None:
    report = parse_report(REPORT)
    assert report.topics == ("ukraine", "defence-spending")
    assert [(i.title, i.topics) for i in report.agenda_items] == [
        ("Steun aan Oekraïne", ("ukraine",)), ("Lastenverdeling", ("defence-spending",))]
    assert [d.topics for d in report.decisions] == [("ukraine",)]


def test_an_english_text_and_what_does_not_count() -> None:
    text = (
        "Statement by NATO Defence Ministers\n\n"
        "We, the NATO Defence Ministers, met today in Brussels. We agreed to strengthen cyber defence and "
        "reviewed the Resolute Support mission in Afghanistan. We are joined by our partner countries.\n"
    )
    report = parse_report(text)
    # partners merely attending and a ritual mention of the Alliance are no topics
    assert report.topics == ("afghanistan", "cyber-and-space")


def test_the_rules_cover_the_shipped_vocabulary() -> None:
    with VOCABULARY.open(encoding="utf-8") as rows:
        assert tuple(row["slug"] for row in csv.DictReader(rows)) == SLUGS


def test_a_cue_is_found_with_or_without_its_optional_characters() -> None:
    # each cue is looked for by a literal that every match of it holds: an optional hyphen or
    # comma ("trans-?atlantic", "women,? peace") is not part of that literal
    for text, slug in [
        ("Ministers discussed transatlantic relations.", "transatlantic-relations"),
        ("Ministers discussed trans-Atlantic relations.", "transatlantic-relations"),
        ("A plan on women peace and security was adopted.", "women-peace-and-security"),
        ("A plan on Women, Peace and Security was adopted.", "women-peace-and-security"),
        ("Zij spraken over de defensieuitgaven.", "defence-spending"),
    ]:
        assert slug in {s for _, s in find_cues(text, 0, len(text))}, text

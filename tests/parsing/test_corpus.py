"""The parser against careful readers' annotations of real reports and of our own fixtures."""

import json
import re
from pathlib import Path

import pytest

from app.parsing import parse_report
from app.readers import read_document
from app.report_json import report_to_json
from tests.parsing.gold import best_match, title_key, tokens

CORPUS = Path(__file__).parents[1] / "data" / "corpus"
LOCATION_ALIASES = {"wales": "newport"}
CASES = sorted(p for p in CORPUS.iterdir() if p.name.endswith(".gold.json"))
SAMPLES = Path(__file__).parents[2] / "app" / "samples"
TEXTS = sorted(p for folder in (CORPUS, SAMPLES) for p in folder.iterdir() if p.suffix == ".txt")


def _report(gold_path: Path) -> Path:
    stem = gold_path.name.removesuffix(".gold.json")
    return next(p for p in CORPUS.iterdir() if p.stem == stem and not p.name.endswith(".json"))


def _parse(gold_path: Path) -> tuple[dict, dict]:  # type: ignore[type-arg]
    source = read_document(_report(gold_path))
    output = report_to_json(parse_report(source.text), source)
    return output, json.loads(gold_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("gold_path", CASES, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_meeting(gold_path: Path) -> None:
    output, gold = _parse(gold_path)
    if "meeting" not in gold:
        pytest.skip("gold has no meeting")
    if gold["meeting"] is None:
        assert output["meeting"] is None
        assert output["agenda_items"] == output["decisions"] == output["members"] == []
        return
    for key, want in gold["meeting"].items():
        got = output["meeting"][key]
        if key == "location" and want is not None:
            got = LOCATION_ALIASES.get(str(got).lower(), str(got).lower())
            want = LOCATION_ALIASES.get(want.lower(), want.lower())
        assert got == want, key
    if "kind" in gold:
        assert output["document"]["kind"] == gold["kind"]
    if "title" in gold:
        assert output["document"]["title"] == gold["title"]
    if "language" in gold:
        assert output["document"]["language"] == gold["language"]


@pytest.mark.parametrize("gold_path", CASES, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_agenda_items_and_members(gold_path: Path) -> None:
    output, gold = _parse(gold_path)
    if "agenda_items" in gold:
        assert [title_key(a["title"]) for a in output["agenda_items"]] == [title_key(t) for t in gold["agenda_items"]]
    if "members" in gold:
        assert {m["code"] for m in output["members"]} == set(gold["members"])


@pytest.mark.parametrize("gold_path", CASES, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_decisions(gold_path: Path) -> None:
    output, gold = _parse(gold_path)
    if "decisions" not in gold:
        pytest.skip("gold has no decisions")
    required, optional = gold["decisions"].get("required", []), gold["decisions"].get("optional", [])
    predicted = [d["text"] for d in output["decisions"]]
    for text in predicted:
        assert best_match(text, required + optional) is not None, f"not a decision: {text}"
    for want in required:
        covered = {i for i, t in enumerate(predicted) if best_match(t, [want]) is not None}
        assert covered, f"missed: {want}"
        assert len(tokens(want) & set().union(*(tokens(predicted[i]) for i in covered))) / len(tokens(want)) >= 0.6


@pytest.mark.parametrize("gold_path", CASES, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_spans_point_into_the_text(gold_path: Path) -> None:
    report = parse_report(read_document(_report(gold_path)).text)
    text = report.document.text
    for decision in report.decisions:
        assert text[decision.span.start:decision.span.end] == decision.text
    for item in report.agenda_items:
        assert text[item.heading.start:item.heading.end].endswith(item.title)
        assert item.span.start <= item.heading.end <= item.span.end <= report.document.body_end
    for mention in report.mentions:
        assert text[mention.span.start:mention.span.end] == mention.surface


def test_footnotes_of_a_web_page_are_not_agenda_items() -> None:
    text = (
        "Den Haag, 30 mei 2016\n\nHierbij bied ik u het verslag aan van de bijeenkomst van de NAVO-ministers van "
        "Buitenlandse Zaken die op 19 en 20 mei jl. in Brussel plaatsvond.\n\nMontenegro\n\nMinisters tekenden het "
        "toetredingsprotocol van Montenegro.\n\nDe Minister van Buitenlandse Zaken,\n\nA.G. Koenders\n\nNoten"
        "\n\n1\n\nRaadpleegbaar via www.tweedekamer.nl\n"
    )
    report = parse_report(text)
    assert [a.title for a in report.agenda_items] == ["Montenegro"]


def test_a_leaders_meeting_is_a_summit() -> None:
    text = (
        "Den Haag, 12 december 2019\n\nHierbij bied ik u het verslag aan van de bijeenkomst van NAVO-regeringsleiders "
        "die op 3 en 4 december jl. in Londen plaatsvond.\n"
    )
    meeting = parse_report(text).meeting
    assert meeting is not None
    assert (meeting.body, meeting.start_date.isoformat(), meeting.location) == ("summit", "2019-12-03", "London")


@pytest.mark.parametrize("gold_path", CASES, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_topics(gold_path: Path) -> None:
    output, gold = _parse(gold_path)
    if "topics" not in gold:
        pytest.skip("gold has no topics")
    assert sorted(t["slug"] for t in output["topics"]) == sorted(gold["topics"])


LETTERHEAD = re.compile(r"^(?:Nr\.\s*\d+\s+)?BRIEF\s+VAN\b|Tweede\s+Kamer\s+der\s+Staten-Generaal"
                        r"|^Aan\s+de\s+Voorzitter|^Den\s+Haag,|^\d{2}\s?\d{3}\s+NAVO$|Download|pagina\s+\d+\s+van|Tekstgrootte|^Press\s+Release\b"
                        r"|^Updated:|^Last\s+updated|^•|\|", re.IGNORECASE)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_a_title_is_what_a_person_would_call_the_document(path: Path) -> None:
    """Never the letterhead, a page's chrome or a whole paragraph; derived from the kind and
    meeting where the text prints none."""
    report = parse_report(read_document(path).text)
    title = report.document.title
    assert title, "every document has a title, derived where the text prints none"
    assert len(title) <= 200
    assert not LETTERHEAD.search(title), title

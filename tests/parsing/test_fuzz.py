"""Hypothesis drives the parser with random and mutated reports: it returns sound records, fast."""

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.parsing import ParsedReport, parse_report
from app.parsing.member_states import BY_CODE

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))  # FUZZ_EXAMPLES=5000 for a longer hunt
CORPUS = sorted((Path(__file__).parents[1] / "data" / "corpus").glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in CORPUS]
NOISE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


def assert_sound(report: ParsedReport) -> None:
    text = report.document.text
    assert 0 <= report.document.body_end <= len(text)
    for decision in report.decisions:
        assert text[decision.span.start:decision.span.end] == decision.text
        assert decision.agenda_item is None or 0 <= decision.agenda_item < len(report.agenda_items)
    for index, item in enumerate(report.agenda_items):
        assert item.span.start <= item.heading.start <= item.heading.end <= report.document.body_end
        assert item.parent is None or 0 <= item.parent < index
    for mention in report.mentions:
        assert text[mention.span.start:mention.span.end] == mention.surface
        assert mention.code in BY_CODE
    assert set(report.members) <= set(BY_CODE)
    if report.meeting is not None:
        start, end = report.meeting.start_date, report.meeting.end_date
        assert (start is None) == (end is None)  # a meeting named but not dated has neither
        assert start is None or end is None or start <= end
        assert not (report.meeting.virtual and report.meeting.location)


@settings(max_examples=EXAMPLES, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_random_text(text: str) -> None:
    assert_sound(parse_report(text))


@st.composite
def mutated_report(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 8))):
        operation = draw(st.sampled_from(["delete", "duplicate", "insert", "newline", "hyphen", "swapcase"]))
        start = draw(st.integers(0, max(0, len(text) - 1)))
        end = min(len(text), start + draw(st.integers(0, 400)))
        if operation == "delete":
            text = text[:start] + text[end:]
        elif operation == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        elif operation == "insert":
            text = text[:start] + draw(NOISE) + text[start:]
        elif operation == "newline":
            text = text[:start] + draw(st.sampled_from(["\n", "\n\n", "\f", "\r\n", "-\n"])) + text[start:]
        elif operation == "hyphen":
            text = text[:start] + "-" + text[start:]
        else:
            text = text[:start] + text[start:end].swapcase() + text[end:]
    return text


@settings(max_examples=EXAMPLES, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_report())
def test_mutated_reports(text: str) -> None:
    assert_sound(parse_report(text))

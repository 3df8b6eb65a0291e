"""Decision sentences: what the meeting agreed, decided, approved, adopted, tasked."""

import re
from functools import cache

from app.parsing.lexicon import Lexicon
from app.parsing.records import DecisionKind, ParsedAgendaItem, ParsedDecision, Span
from app.parsing.structure import Paragraph, is_front_matter, split_sentences


def classify_sentence(sentence: str, lexicon: Lexicon) -> DecisionKind | None:
    """The decision kind a sentence records, or None when it records no decision."""
    if not _any_decision(lexicon).search(sentence):
        return None  # most sentences: one search instead of one per rule
    if any(p.search(sentence) for p in lexicon.not_decisions):
        return None
    for rule in lexicon.decisions:
        if rule.pattern.search(sentence):
            return rule.kind
    return None


@cache
def _any_decision(lexicon: Lexicon) -> re.Pattern[str]:
    """Every decision rule of a language in one pattern: it matches where some rule does."""
    flags = {rule.pattern.flags for rule in lexicon.decisions}
    if len(flags) != 1:
        raise ValueError(f"{lexicon.language}: decision rules must share their flags to be joined")
    return re.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in lexicon.decisions), flags.pop())


def find_decisions(
    paragraphs: list[Paragraph], items: list[ParsedAgendaItem], lexicon: Lexicon
) -> list[ParsedDecision]:
    """Every decision sentence in the body, attached to the section it stands in."""
    headings = {item.heading for item in items}
    decisions: list[ParsedDecision] = []
    for paragraph in paragraphs:
        if paragraph.span in headings or is_front_matter(paragraph, lexicon):
            continue
        for sentence in split_sentences(paragraph, lexicon):
            kind = classify_sentence(sentence.text, lexicon)
            if kind is not None:
                section = section_at(sentence.span, items)
                decisions.append(ParsedDecision(sentence.text, kind, section, sentence.span))
    return decisions


def section_at(span: Span, items: list[ParsedAgendaItem]) -> int | None:
    """Index of the innermost agenda item whose section holds `span`."""
    best: int | None = None
    for index, item in enumerate(items):
        if item.span.start <= span.start < max(item.span.end, item.span.start + 1):
            best = index  # later items are nested deeper or start later
    return best

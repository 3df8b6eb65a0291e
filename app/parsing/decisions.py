"""Decision sentences: what the meeting agreed, decided, approved, adopted, tasked."""

import re
from functools import cache

from app.parsing.lexicon import Lexicon
from app.parsing.quick import Automaton, any_matches, automaton, grouped
from app.parsing.records import DecisionKind, ParsedAgendaItem, ParsedDecision, Span
from app.parsing.structure import Paragraph, is_front_matter, sentence_bounds

Occurrence = tuple[int, int, tuple[int, ...]]  # where a cue word stands (start, end) and the rules it cues


def classify_sentence(sentence: str, lexicon: Lexicon) -> DecisionKind | None:
    """The decision kind a sentence records, or None when it records no decision.

    The first rule that matches names the kind; only rules whose cue the sentence contains
    are tried (a substring test costs far less than a search)."""
    return _first_rule(sentence, lexicon, _rules_within(cue_occurrences(sentence.lower(), lexicon), 0, len(sentence)))


def _first_rule(sentence: str, lexicon: Lexicon, cued: list[int]) -> DecisionKind | None:
    """The kind of the first of the cued rules (indexes, in order) that matches, unless a guard
    says the sentence records no decision."""
    rules = lexicon.decisions
    for index in cued:
        if rules[index].pattern.search(sentence):
            if any_matches(lexicon.not_decisions, sentence):
                return None
            return rules[index].kind
    return None


def cue_occurrences(lowered: str, lexicon: Lexicon) -> list[Occurrence]:
    """Every decision cue in a lower-cased text (a paragraph), where it stands, with its rules: one
    pass of an Aho-Corasick automaton finds them all."""
    return [(end + 1 - len(cue), end + 1, indexes) for end, (cue, indexes) in _cue_automaton(lexicon).iter(lowered)]


def _rules_within(occurrences: list[Occurrence], start: int, end: int) -> list[int]:
    """Indexes of the rules, in their order, whose cues stand wholly within [start, end)."""
    found: set[int] = set()
    for at, until, indexes in occurrences:
        if start <= at and until <= end:
            found.update(indexes)
    return sorted(found)


@cache
def _cue_automaton(lexicon: Lexicon) -> Automaton:
    """Each cue of a language's rules, with the indexes of the rules it belongs to."""
    rules = grouped((cue, position) for position, rule in enumerate(lexicon.decisions) for cue in rule.cues)
    return automaton({cue: (cue, positions) for cue, positions in rules.items()})


def find_decisions(
    paragraphs: list[Paragraph], items: list[ParsedAgendaItem], lexicon: Lexicon
) -> list[ParsedDecision]:
    """Every decision sentence in the body, attached to the section it stands in.

    A list whose lead-in names who decided ("we have also:") holds decisions in items that
    open with a bare verb ("• decided to enhance …")."""
    headings = {item.heading for item in items}
    decisions: list[ParsedDecision] = []
    lead_in = False  # the list under way follows a lead-in that names the deciders
    decided: ParsedDecision | None = None  # a decision whose sentence a list goes on: "Ministers agreed to:"
    for paragraph in paragraphs:
        if paragraph.span in headings:
            lead_in, decided = False, None
            continue
        item = _LIST_ITEM.match(paragraph.text)
        if item and lead_in:
            if (found := _bare_decision(paragraph, item.end(), items, lexicon)) is not None:
                decisions.append(found)
            continue
        if item and decided is not None:
            if (found := _continued(paragraph, item.end(), decided, items)) is not None:
                if decided in decisions:
                    decisions.remove(decided)  # the list's items are the decisions, not their lead-in
                decisions.append(found)
            continue
        lead_in = paragraph.text.rstrip().endswith(":") and bool(lexicon.deciders.search(_last_sentence(paragraph)))
        decided = None
        text, offset = paragraph.text, paragraph.span.start
        lowered = text.lower()
        occurrences = cue_occurrences(lowered, lexicon)
        if not occurrences or is_front_matter(paragraph, lexicon):
            continue  # a paragraph without a cue holds no decision: no need to split it
        aligned = len(lowered) == len(text)  # lower() keeps every offset but for a few letters (İ)
        for start, end in sentence_bounds(text, lexicon):
            sentence = text[start:end]
            if aligned:
                cued = _rules_within(occurrences, start, end)
                kind = _first_rule(sentence, lexicon, cued) if cued else None  # most sentences hold no cue
            else:
                kind = classify_sentence(sentence, lexicon)
            if kind is not None:
                span = Span(offset + start, offset + end)
                decisions.append(ParsedDecision(sentence, kind, section_at(span, items), span))
        if decisions and decisions[-1].text.endswith(":") and decisions[-1].span.end >= paragraph.span.end - 1:
            decided = decisions[-1]
    return decisions


def _continued(
    paragraph: Paragraph, offset: int, decided: ParsedDecision, items: list[ParsedAgendaItem]
) -> ParsedDecision | None:
    """A list item that goes on the decision its lead-in began ("Ministers agreed to:" / "– launch
    work on …"): one that starts in lower case continues the sentence."""
    text = paragraph.text[offset:].rstrip()
    if not text[:1].islower():
        return None
    span = Span(paragraph.span.start + offset, paragraph.span.start + offset + len(text))
    return ParsedDecision(text, decided.kind, section_at(span, items), span)


_LIST_ITEM = re.compile(r"^(?:[•●▪◦·*–-]|\(?[a-z\d]{1,3}[.)])\s+")


def _last_sentence(paragraph: Paragraph) -> str:
    text = paragraph.text.rstrip()
    cut = max(text.rfind(". ", 0, len(text) - 1), text.rfind("; ", 0, len(text) - 1))
    return text[cut + 1:]


def _bare_decision(
    paragraph: Paragraph, offset: int, items: list[ParsedAgendaItem], lexicon: Lexicon
) -> ParsedDecision | None:
    """A list item that opens with a decision verb, its subject in the lead-in."""
    text = paragraph.text[offset:].rstrip()
    for kind, pattern in lexicon.bare_decisions:
        if pattern.match(text) and not any_matches(lexicon.not_decisions, text):
            span = Span(paragraph.span.start + offset, paragraph.span.start + offset + len(text))
            return ParsedDecision(text, kind, section_at(span, items), span)
    return None


def section_at(span: Span, items: list[ParsedAgendaItem]) -> int | None:
    """Index of the innermost agenda item whose section holds `span`."""
    best: int | None = None
    for index, item in enumerate(items):
        if item.span.start <= span.start < max(item.span.end, item.span.start + 1):
            best = index  # later items are nested deeper or start later
    return best

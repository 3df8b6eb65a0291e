"""Topics: what a document, an agenda item or a decision is about, from app/data/topics.csv.

Rules in both languages: for each topic, the names, acronyms, programmes and Dutch compounds
that say it. A document covers a topic when its cues weigh enough: a cue in a heading or the
title weighs most, one in a decision more than one in passing, and a long text needs more
than one passing mention. Letterhead, a page's chrome and the list of papers a debate record
names are not read.
"""

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from app.parsing.quick import Automaton, automaton, grouped
from app.parsing.records import Span

# slug -> cues (one regular expression, case-insensitive unless a cue says otherwise)
CUES: dict[str, str] = {
    "russia": r"rusland|russi(?:a|an|sche?)|sovjet|soviet|moskou|moscow|kremlin|poetin|putin|founding\s+act"
              r"|oost[-/]west|east[-/]west|warschaupact|warsaw\s+pact",
    "ukraine": r"oekra[iï]n|ukrain|kyiv|kiev|kyjiv|zelensk|nsatu|udcg|(?-i:NUC)\b",
    "georgia": r"georgi[eë]|georgia|tbilisi",
    "western-balkans": r"balkan|kosovo|kfor|bosni[eë]|bosnia|servi[eë]|serbia|(?-i:SFOR|IFOR)\b|macedoni|montenegr"
                       r"|belgrad|pristina|sarajevo",
    "afghanistan": r"afghan|(?-i:ISAF)|resolute\s+support|uruzgan|taliban|kabul",
    "iraq": r"\birak\b|\biraq|(?-i:NMI|NTM-I)\b",
    "the-south": r"midden-oosten|middle\s+east|noord-afrika|north\s+africa|sahel|syri[eë]|syria|libi[eë]|libya"
                 r"|\bgaza\b|zuidflank|southern\s+(?:flank|neighbourhood|neighborhood)|unified\s+protector"
                 r"|\bmigrat|(?-i:the\s+South)\b|(?-i:het\s+Zuiden)\b",
    "china": r"\bchina\b|\bchinese?\b|\bchinees|\bbeijing|\bpeking",
    "arctic-and-north": r"arctic|arctisch|high\s+north|hoge\s+noorden|groenland|greenland",
    "enlargement": r"uitbreiding|enlargement|open[- ](?:door|deur)|toetred|accession|aspirant|membership\s+action"
                   r"|(?-i:MAP)\b|lidmaatschap|membership|artikel\s+10|article\s+10|new\s+(?:member|all(?:y|ies))"
                   r"|as\s+an\s+ally|nieuwe\s+bondgeno",
    "partnerships": r"partnerships?\b|partnerschap|partnerlanden|partners\s+across|global\s+partners"
                    r"|(?-i:PfP|EAPC|IP4)\b|mediterran\w*\s+dialo|istanbul\s+cooperation|indo-pacif"
                    r"|capacity[- ]building|verenigde\s+naties|united\s+nations|(?-i:VN|UN|OSCE|OVSE)\b"
                    r"|african\s+union|afrikaanse\s+unie",
    "eu-nato": r"(?-i:EU)[- ](?:NAVO|NATO)|(?:NAVO|NATO)[- ](?-i:EU)\b"
               r"|(?:NATO|NAVO)\s+(?:and|en)\s+(?:the\s+|de\s+)?(?-i:EU)\b|(?-i:EU)\s+(?:and|en)\s+(?:NATO|(?:de\s+)?NAVO)|(?:with|met)\s+(?:the\s+|de\s+)?(?-i:EU)\b"
               r"|(?-i:PESCO|EDF)\b|berlin\s+plus|berlijn\s+plus",
    "transatlantic-relations": r"trans-?atlanti\w*\s+(?:relati|betrekkingen|verhouding)",
    "deterrence-and-defence": r"afschrikking|deterren|verdedigingsplan|defence\s+plans|forward\s+presence"
                              r"|(?-i:eFP|RAP|NRF|VJTF)\b|readiness\s+action|response\s+force|assurance\s+measures"
                              r"|defen[cs]e\s+posture|military\s+mobility|militaire\s+mobiliteit|air\s+policing"
                              r"|oostflank|eastern\s+flank|strengthen\w*\s+(?:our\s+)?collective\s+defen",
    "nuclear": r"nucle|kernwap|(?-i:NPG)\b",
    "missile-defence": r"missile\s+defen|raketverdediging|raketschild|(?-i:BMD)\b",
    "arms-control": r"arms\s+control|wapenbeheersing|ontwapening|disarmament|non-?proliferat|(?-i:INF|CFE|NPT|MBFR"
                    r"|SALT)\b|new\s+start|open\s+skies",
    "capabilities": r"capaciteit|capabilit|defen[cs]e\s+planning(?!\s+committee)|defensieplanning|(?-i:NDPP)\b"
                    r"|force\s+goals"
                    r"|smart\s+defen|defensie-?industrie|defen[cs]e\s+industr|munitie|ammunition|transformat"
                    r"|interoperab|ministerial\s+guidance|framework\s+nation|force\s+generation",
    "defence-spending": r"defensie-?uitgaven|defen[cs]e\s+(?:spending|expenditure|investment)|burden[- ]sharing"
                        r"|lastenverdeling|\d(?:[.,]\d)?\s?%|\d(?:[.,]\d)?\s?procent|\d(?:[.,]\d)?\s?per\s?cent"
                        r"|fair\s+share|free\s+ride"
                        r"|common\s+funding|defensiebudget|defence\s+budget|investment\s+in\s+(?:our\s+)?defen",
    "terrorism": r"terror|(?-i:ISIL|ISIS|Daesh|DAESH)|9/11|extremis",
    "cyber-and-space": r"cyber|\bspace\b|\bruimte(?:vaart|domein)?\b",
    "hybrid-and-disinformation": r"hybrid|hybride|desinformatie|disinformation|propaganda|sabota|interference"
                                 r"|inmenging",
    "maritime-security": r"maritie|maritime|naval|active\s+endeavour|sea\s+guardian|ocean\s+shield|pirat|aegean"
                         r"|egeïsche",
    "resilience": r"weerbaarheid|resilien|civil\s+preparedness|civiele\s+paraatheid|critical\s+infrastructure"
                  r"|vitale\s+infrastructuur|kritieke\s+infrastructuur|energy\s+security|energiezekerheid"
                  r"|supply\s+chains?",
    "climate-and-security": r"klimaat|climate",
    "covid-19": r"covid|corona|pandemi",
    "innovation-and-emerging-technologies": r"innovati(?:on|e)\b|emerging\s+(?:and\s+disruptive\s+)?technolog"
                                            r"|opkomende\s+technolog|artificial\s+intelligence"
                                            r"|kunstmatige\s+intelligentie|(?-i:DIANA)\b|technological\s+edge"
                                            r"|technologische\s+voorsprong|quantum",
    "crisis-management-and-operations": r"crisis\s?management|crisisbeheersing|comprehensive\s+approach"
                                        r"|stabilisation|stabilisatie|humanitarian\s+(?:assistance|aid|relief)"
                                        r"|disaster\s+relief|rampenhulp|darfur"
                                        r"|navo-(?:missies|operaties)|nato-(?:missies|operaties)"
                                        r"|missions\s+and\s+operations"
                                        r"|missies\s+en\s+operaties",
    "women-peace-and-security": r"\b1325\b|women,?\s+peace|vrouwen,?\s+vrede|gender|sexual\s+violence"
                                r"|protection\s+of\s+civilians",
    "strategic-concept": r"strategic\s+concept|strategisch\s+concept|group\s+of\s+experts|expertgroep"
                         r"|commissie-albright",
    "nato-adaptation": r"(?:nato|navo)\s?2030|(?:alliance|nato)'?s?\s+adaptation|adaptation\s+of\s+(?:the\s+)?"
                       r"(?:alliance|nato)|hervorming|\breform|command\s+structure|reflect(?:ion|ie)\w*"
                       r"|commandostructuur|political\s+role|politieke\s+rol|future\s+of\s+(?:the|our)\s+alliance"
                       r"|toekomst\s+van\s+de\s+(?:navo|alliantie)|agencies|headquarters\s+reform|new\s+headquarters",
}
SLUGS: tuple[str, ...] = tuple(CUES)

HEADING_WEIGHT = 3  # a cue in a heading or title: the section or document is about it
DECISION_WEIGHT = 2
PASSING_WEIGHT = 1
SHORT_TEXT = 12000  # characters: a press release or a letter names a subject once
LONG_TEXT_NEEDS = 2  # what a longer text must weigh for a topic


@dataclass(frozen=True)
class _Cue:
    """One alternative of a topic's cues, with a literal every match of it holds (lower case),
    or none: then the alternative is searched for in the whole text."""

    slug: str
    anchor: str | None
    exact: bool  # the anchor is an acronym, looked for in its own case
    pattern: re.Pattern[str]
    leading: bool = False  # every match starts with the anchor: it is tried where the anchor stands


_WINDOW = 80  # how far a cue reaches on either side of its anchor


@cache
def _cues() -> tuple[_Cue, ...]:
    """The cues as alternatives with anchors. Python's regular expressions try every alternative
    at every character: one pattern of all the topics took 77 ms over a 26 KB report, the parse
    of the rest 8 ms. One search for every anchor at once, and each alternative's pattern tried
    only around what it finds (`find_cues`), read the same cues in a fraction of that."""
    cues = []
    for slug, cue in CUES.items():
        for alternative in (a for part in _alternatives(cue) for a in _acronyms_apart(part)):
            anchor, exact = _anchor(alternative)
            cues.append(_Cue(slug, anchor, exact, re.compile(alternative, re.IGNORECASE),
                             _leads(alternative, anchor, exact)))
    return tuple(cues)


def _leads(alternative: str, anchor: str | None, exact: bool) -> bool:
    """Whether the alternative opens with its anchor (word boundaries and an acronym's case
    group aside), so that every match of it starts where the anchor does."""
    if anchor is None:
        return False
    opening = re.sub(r"^(?:\\b)*" + (r"\(\?-i:" if exact else ""), "", alternative)
    return (opening if exact else opening.lower()).startswith(anchor)


def _acronyms_apart(alternative: str) -> list[str]:
    """"(?-i:SFOR|IFOR)\\b" -> "(?-i:SFOR)\\b", "(?-i:IFOR)\\b"."""
    match = re.fullmatch(r"\(\?-i:([A-Za-z0-9|-]+)\)(.*)", alternative)
    if match is None or "|" not in match.group(1):
        return [alternative]
    return [f"(?-i:{name}){match.group(2)}" for name in match.group(1).split("|")]


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (the `|` outside any group)."""
    parts, depth, start, escaped, in_class = [], 0, 0, False, False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    parts.append(pattern[start:])
    return parts


_CASE_GROUP = re.compile(r"\(\?-i:((?:[^()\\]|\\.)+)\)")
_GROUP = re.compile(r"\((?:[^()\\]|\\.)*\)")
# What ends a literal run: a character made optional ("-?", "e*", "x{0,2}"), an escape, a class,
# a metacharacter, a group's place or a space.
_SPLIT = re.compile(r"(?:\\.|\[[^\]]*\]|[^\\])(?:[?*]|\{[^}]*\})|\\[a-zA-Z]|\\.|\[[^\]]*\]|[.^$*+?{}|()\x00 ]")


# Words too common in this genre to look for first: a cue that holds another literal is found by that.
_COMMON = frozenset({"defence", "defense", "defen", "security", "alliance", "atlanti", "nato", "navo", "ministers",
                     "collective", "strengthen", "new", "military", "support", "the"})


def _anchor(alternative: str) -> tuple[str | None, bool]:
    """A literal that every match of `alternative` holds, and whether it is an acronym to look for
    in its own case: the longest lower-case literal of three characters or more that is not one
    of the genre's commonest words; else an acronym ("(?-i:EU)"); else a sign ("%"); None when
    it has none outside its groups and optional parts."""
    acronyms = [run for m in _CASE_GROUP.finditer(alternative) if "|" not in m.group(1)
                for run in _SPLIT.split(m.group(1)) if len(run) >= 2]
    text = _CASE_GROUP.sub("\x00", alternative)
    while _GROUP.search(text):
        text = _GROUP.sub("\x00", text)  # what a group holds may be optional or one of several
    runs = [run.lower() for run in _SPLIT.split(text) if run]
    words = sorted((run for run in runs if len(run) >= 3), key=len, reverse=True)
    rare = [run for run in words if run not in _COMMON]
    if rare or words:
        return (rare or words)[0], False
    if acronyms:
        return max(acronyms, key=len), True
    signs = [run for run in runs if not run.isalpha()]
    return (signs[0], False) if signs else (None, False)


def find_cues(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, slug) of every topic cue in `text[start:end]`, in order.

    One pass of an Aho-Corasick automaton over the lower-cased text finds every anchor at once
    (and one over the text as written, the acronyms); each alternative's pattern is then tried
    only around its anchor's occurrences."""
    lowered = text.lower()
    if len(lowered) != len(text):  # lower() keeps every offset but for a few letters (İ)
        return _scan(text, start, end)
    cues = _cues()
    found: dict[tuple[int, str], None] = {}
    for exact, anchors in enumerate(_automata()):
        for last, (length, indices) in anchors.iter(text if exact else lowered, start, end):
            at = last - length + 1
            for index in indices:
                cue = cues[index]
                if cue.leading:  # one anchored try, where the anchor stands
                    if cue.pattern.match(text, at, end):
                        found[(at, cue.slug)] = None
                    continue
                for match in cue.pattern.finditer(text, max(start, at - _WINDOW), min(end, at + _WINDOW)):
                    if match.start() <= at < match.end():
                        found[(match.start(), cue.slug)] = None
    for cue in _unanchored():
        found.update(((m.start(), cue.slug), None) for m in cue.pattern.finditer(text, start, end))
    return sorted(found)


@cache
def _unanchored() -> tuple[_Cue, ...]:
    """The cues without an anchor: searched for in the whole text."""
    return tuple(cue for cue in _cues() if cue.anchor is None)


@cache
def _automata() -> tuple[Automaton, Automaton]:
    """The anchors of the cues, each with its length and the cues it anchors: the lower-case
    anchors first, then the acronyms, looked for as written."""
    return _anchor_automaton(acronyms=False), _anchor_automaton(acronyms=True)


def _anchor_automaton(acronyms: bool) -> Automaton:
    anchors = grouped((cue.anchor, index) for index, cue in enumerate(_cues())
                      if cue.anchor is not None and cue.exact is acronyms)
    return automaton({anchor: (len(anchor), indices) for anchor, indices in anchors.items()})


def _scan(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Every cue by its own pattern over the whole stretch: slower, the same cues."""
    return sorted({(m.start(), cue.slug) for cue in _cues() for m in cue.pattern.finditer(text, start, end)})


def topics_in(cues: list[tuple[int, str]], span: Span) -> tuple[str, ...]:
    """The topics whose cues (in offset order) stand inside `span`, in the vocabulary's order."""
    first = bisect_left(cues, (span.start, ""))
    last = bisect_left(cues, (span.end, ""), first)
    found = {slug for _, slug in cues[first:last]}
    return tuple(slug for slug in SLUGS if slug in found)


class _Spans:
    """Whether an offset falls in one of some spans: their union as disjoint intervals, by bisection."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for span in sorted(spans, key=lambda s: (s.start, s.end)):  # tuples compare in C, Spans in Python
            if self.ends and span.start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], span.end)
            else:
                self.starts.append(span.start)
                self.ends.append(span.end)

    def __call__(self, at: int) -> bool:
        index = bisect_right(self.starts, at) - 1
        return index >= 0 and at < self.ends[index]


def document_topics(
    cues: list[tuple[int, str]], strong: Iterable[Span], decisions: Iterable[Span], skipped: Iterable[Span],
    length: int,
) -> tuple[str, ...]:
    """The topics a document substantively covers: its cues weighed by where they stand (in a
    heading or title, a decision, or in passing), those in `skipped` spans not counted."""
    inside_skipped, inside_strong, inside_decision = _Spans(skipped), _Spans(strong), _Spans(decisions)
    weights: Counter[str] = Counter()
    for at, slug in cues:
        if inside_skipped(at):
            continue
        if inside_strong(at):
            weights[slug] += HEADING_WEIGHT
        elif inside_decision(at):
            weights[slug] += DECISION_WEIGHT
        else:
            weights[slug] += PASSING_WEIGHT
    needed = PASSING_WEIGHT if length <= SHORT_TEXT else LONG_TEXT_NEEDS
    return tuple(slug for slug in SLUGS if slug in weights and weights[slug] >= needed)

"""Patterns with a quick test: the words every match holds, looked for before the pattern is tried.

Python's regular expressions try a case-insensitive pattern at every character of a text, and
most of the genre's patterns find nothing in most sentences. A substring test runs in C at a
fraction of that cost: where the lower-cased text holds none of a pattern's *needles* (literals
of which every match holds one), the pattern cannot match and is not tried. The needles are read
off the pattern itself, so they cannot drift from it.
"""

import importlib
import re
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeAlias, TypeVar

import ahocorasick

# The standard library's own reader of patterns (untyped, and not public: a pattern it cannot read
# gets no needles, and is always tried)
_parser: Any = importlib.import_module("re._parser")
sre: Any = importlib.import_module("re._constants")
Automaton: TypeAlias = ahocorasick.Automaton


@dataclass(frozen=True, eq=False)
class Quick:
    """A compiled pattern and its needles (None: it has none, and is always tried)."""

    regex: re.Pattern[str]
    needles: tuple[str, ...] | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needles", needles(self.regex))

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def may_match(self, text: str) -> bool:
        """False only where the pattern cannot match `text`."""
        if self.needles is None:
            return True
        lowered = _lowered(text)
        if lowered is None:
            return True
        for needle in self.needles:  # noqa: SIM110 - a loop costs less than any() over a generator
            if needle in lowered:
                return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        return self.regex.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text) if self.may_match(text) else iter(())


def quick(pattern: str, flags: int = 0) -> Quick:
    """Compile a pattern with its quick test."""
    return Quick(re.compile(pattern, flags))


def quick_all(*patterns: str, flags: int = re.IGNORECASE) -> tuple[Quick, ...]:
    """Compile several patterns with the same flags, each with its quick test."""
    return tuple(quick(p, flags) for p in patterns)


# the text last lowered, with its lower case: several patterns ask of one text in turn. One tuple,
# replaced whole, so that a thread never reads one text's lower case for another's
_last: tuple[str, str | None] = ("", "")


def _lowered(text: str) -> str | None:
    """The text in lower case, offsets kept; None when lower-casing cannot stand for a pattern's
    case-insensitive matching: a letter that lower-cases to two ("İ"), or one that matches a
    letter it does not lower-case to ("ı" matches "i", "ſ" matches "s")."""
    global _last
    last = _last
    if last[0] is not text:
        lowered = text.lower()
        usable = len(lowered) == len(text) and "ı" not in lowered and "ſ" not in lowered
        last = _last = (text, lowered if usable else None)
    return last[1]


def any_matches(patterns: tuple[Quick, ...], text: str) -> bool:
    """Whether any of the patterns matches `text`: one pass of an Aho-Corasick automaton finds the
    needles that stand in it, and only the patterns they belong to (and those without needles)
    are tried, in their order."""
    lowered = _lowered(text)
    if lowered is None:
        return any(p.regex.search(text) for p in patterns)
    automaton, always = _needle_index(patterns)
    candidates = set(always)
    for _, owners in automaton.iter(lowered):
        candidates.update(owners)
    return any(patterns[i].regex.search(text) for i in sorted(candidates))


@cache
def _needle_index(patterns: tuple[Quick, ...]) -> tuple[Automaton, tuple[int, ...]]:
    """The patterns' needles, each with the indexes of the patterns it belongs to, and the indexes
    of the patterns without needles."""
    owners = grouped((needle, index) for index, pattern in enumerate(patterns) for needle in pattern.needles or ())
    always = tuple(index for index, pattern in enumerate(patterns) if pattern.needles is None)
    return automaton(owners), always


Owner = TypeVar("Owner", bound=Hashable)


def automaton(words: Mapping[str, object]) -> Automaton:
    """An Aho-Corasick automaton of these words, each with its value: one pass over a text finds
    every occurrence of every word (`.iter(text)` gives the index of each one's last character,
    and its value)."""
    built = ahocorasick.Automaton()
    for word, value in words.items():
        built.add_word(word, value)
    built.make_automaton()
    return built


def grouped(pairs: Iterable[tuple[str, Owner]]) -> dict[str, tuple[Owner, ...]]:
    """Each word with what it belongs to (a rule, a body, a pattern), in the order given."""
    owners: dict[str, list[Owner]] = {}
    for word, owner in pairs:
        owners.setdefault(word, []).append(owner)
    return {word: tuple(group) for word, group in owners.items()}


def needles(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case literals of which every match of `regex` holds one; None when there are none."""
    try:
        found = _needles(list(_parser.parse(regex.pattern, regex.flags)))
    except Exception:  # an internal reader may change: then the pattern is always tried
        return None
    if found is None:
        return None
    # a needle that holds another is found wherever the other is: keep the shorter
    kept = {n for n in found if not any(other != n and other in n for other in found)}
    return tuple(sorted(kept, key=lambda n: (-len(n), n)))


Item = tuple[Any, Any]


def _needles(items: list[Item]) -> frozenset[str] | None:
    """Needles of a sequence of parsed items: the best of those of its parts. A run of literals is
    one; so is a group or an alternation each of whose branches has needles, read together with
    the literals just before it (the reader takes a common start out of the branches: "meeting|met"
    is "me" then "eting" or "t"); and a part repeated at least once."""
    candidates: list[frozenset[str]] = []
    run: list[Item] = []
    for op, argument in items:
        if op is sre.LITERAL:
            run.append((op, argument))
            continue
        if run:
            candidates.append(frozenset(["".join(chr(c) for _, c in run).lower()]))
        if (inner := _needles_of(op, argument, run)) is not None:
            candidates.append(inner)
        run = []
    if run:
        candidates.append(frozenset(["".join(chr(c) for _, c in run).lower()]))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(len(n) for n in c), -len(c)))


def _needles_of(op: Any, argument: Any, run: list[Item]) -> frozenset[str] | None:
    """Needles of one item that is not a literal, with the run of literals before it; None for
    what need not hold any (a class, a look-around, an optional part)."""
    if op is sre.SUBPATTERN:
        return _needles(run + list(argument[3]))
    if op is sre.ATOMIC_GROUP:
        return _needles(run + list(argument))
    if op is sre.BRANCH:
        branches = [_needles(run + list(branch)) for branch in argument[1]]
        if any(b is None for b in branches):
            return None
        return frozenset().union(*(b for b in branches if b is not None))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and argument[0] >= 1:
        return _needles(list(argument[2]))
    return None

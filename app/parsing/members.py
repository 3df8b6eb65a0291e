"""Member states named in a text, as nouns or adjectives, in either language."""

import re
from datetime import date
from functools import cache

from app.parsing.lexicon import Lexicon
from app.parsing.member_states import members_on
from app.parsing.quick import Automaton, automaton
from app.parsing.records import ParsedMention, Span


@cache
def _names(lexicon: Lexicon) -> Automaton:
    """Every name of a member state, found in one pass of an Aho-Corasick automaton (a
    case-sensitive alternation of the names is tried at every letter a name can start with, "t" of
    "the Netherlands" among them)."""
    return automaton({name: name for name in lexicon.member_names})


def _named_at(text: str, lexicon: Lexicon, limit: int) -> list[tuple[int, str]]:
    """(start, name) of the longest name at each place where one stands whole (no letter or digit
    right after it, `limit` counting as the text's end), in order."""
    longest: dict[int, str] = {}
    for last, name in _names(lexicon).iter(text, 0, limit):
        end = last + 1
        if end < limit and _is_word_character(text[end]):
            continue
        start = end - len(name)
        if len(name) > len(longest.get(start, "")):
            longest[start] = name
    return sorted(longest.items())


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


_ADDRESS = re.compile(r"\bPostbus\s+\d+|\bwww\.\w|\b\d{4}\s?[A-Z]{2}\s+(?:Den\s+Haag|'s-Gravenhage)\b")
_ADDRESS_WORDS = ("Postbus", "www.", "Haag", "'s-Gravenhage")  # every address holds one


def find_mentions(text: str, lexicon: Lexicon, end: int | None = None) -> list[ParsedMention]:
    """Every mention of one of the 32 member states in `text[:end]`, outside postal addresses
    (a letterhead's line "Postbus 20061, 2500 EB Den Haag, Nederland")."""
    limit = len(text) if end is None else end
    addresses = _address_lines(text, limit)
    names = lexicon.member_names
    mentions = []
    taken_until = 0  # names do not overlap: the next one stands after the last one taken
    for start, name in _named_at(text, lexicon, limit):
        if start < taken_until or not _starts_word(text, start):
            continue
        taken_until = start + len(name)
        if not any(line_start <= start < line_end for line_start, line_end in addresses):
            mentions.append(ParsedMention(names[name], name, Span(start, taken_until)))
    return mentions


_REGION_BEFORE = re.compile(r"\b(?:North|South|Latin|Central|Noord|Zuid|Midden|Latijns)\s$")


def _starts_word(text: str, start: int) -> bool:
    """Not inside a longer word or compound ("Latijns-Amerikaanse"), nor a region's adjective
    ("North American"): neither is the USA."""
    if start == 0:
        return True
    before = text[start - 1]
    if before == "-" or before.isalnum() or before == "_":
        return False
    return not _REGION_BEFORE.search(text, max(0, start - 9), start)


def _address_lines(text: str, limit: int) -> list[tuple[int, int]]:
    """The spans of `text[:limit]` that hold a postal or web address: a letterhead's line, or, in
    a long line (a page's letterhead run into its prose: "Ministerie def http://www.mindef.nl
    Minister van Defensie … zijn Duitse ambtgenoot"), the address and the stretch after it. Only lines
    with one of the address words are searched (the search is slow, the words are rare)."""
    candidates = set()
    for word in _ADDRESS_WORDS:
        at = text.find(word, 0, limit)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at, limit)
            candidates.add((start, limit if end == -1 else end))
            at = text.find(word, at + 1, limit)
    spans = []
    for start, end in candidates:
        for match in _ADDRESS.finditer(text, start, end):
            if end - start <= _ADDRESS_LINE_CHARS:
                spans.append((start, end))
                break
            spans.append((match.start(), min(end, match.end() + _ADDRESS_REACH)))
    return sorted(spans)


_ADDRESS_LINE_CHARS = 200  # a letterhead's line; a longer one runs on into the text
_ADDRESS_REACH = 50  # how far a run-on address block goes on: "Postbus 20061, 2500 EB Den Haag, Nederland"


def members_named(mentions: list[ParsedMention], day: date | None) -> tuple[str, ...]:
    """Codes of the named states that were members on `day`, in order of first mention."""
    allowed = members_on(day) if day is not None else None
    seen: dict[str, None] = {}
    for mention in mentions:
        if allowed is None or mention.code in allowed:
            seen.setdefault(mention.code, None)
    return tuple(seen)

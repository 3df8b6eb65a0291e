"""Member states named in a text, as nouns or adjectives, in either language."""

import re
from datetime import date
from functools import cache

from app.parsing.lexicon import Lexicon
from app.parsing.member_states import members_on
from app.parsing.records import ParsedMention, Span


@cache
def _pattern(lexicon: Lexicon) -> re.Pattern[str]:
    names = sorted(lexicon.member_names, key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    # Not inside a longer word or compound: "Latijns-Amerikaanse" is not the USA.
    return re.compile(rf"(?<![\w-])(?:{alternation})(?!\w)")


_ADDRESS = re.compile(r"\bPostbus\s+\d+|\bwww\.\w|\b\d{4}\s?[A-Z]{2}\s+(?:Den\s+Haag|'s-Gravenhage)\b")


def find_mentions(text: str, lexicon: Lexicon, end: int | None = None) -> list[ParsedMention]:
    """Every mention of one of the 32 member states in `text[:end]`, outside postal addresses."""
    limit = len(text) if end is None else end
    mentions = []
    for paragraph in re.finditer(r"[^\n]+", text[:limit]):
        if _ADDRESS.search(paragraph.group(0)):
            continue  # a letterhead's "Postbus 20061, 2500 EB Den Haag, Nederland"
        for m in _pattern(lexicon).finditer(text, paragraph.start(), paragraph.end()):
            mentions.append(ParsedMention(lexicon.member_names[m.group(0)], m.group(0), Span(m.start(), m.end())))
    return mentions


def members_named(mentions: list[ParsedMention], day: date | None) -> tuple[str, ...]:
    """Codes of the named states that were members on `day`, in order of first mention."""
    allowed = members_on(day) if day is not None else None
    seen: dict[str, None] = {}
    for mention in mentions:
        if allowed is None or mention.code in allowed:
            seen.setdefault(mention.code, None)
    return tuple(seen)

"""Which rule set reads a text: Dutch or English, by their commonest words."""

import re
from collections import Counter

from app.parsing import lexicon_en, lexicon_nl
from app.parsing.lexicon import Lexicon

_WORD = re.compile(r"[a-zà-ÿ]+")
LEXICONS: dict[str, Lexicon] = {"nl": lexicon_nl.LEXICON, "en": lexicon_en.LEXICON}


def detect_language(text: str) -> str:
    """"nl" or "en": the language whose stopwords are more frequent (Dutch on a tie)."""
    counts = Counter(_WORD.findall(text[:20000].lower()))  # counted in C, then looked up per stopword
    scores = {code: sum(counts[w] for w in lex.stopwords) for code, lex in LEXICONS.items()}
    return "en" if scores["en"] > scores["nl"] else "nl"


def lexicon_for(language: str) -> Lexicon:
    """The rule set for a language code."""
    return LEXICONS[language]

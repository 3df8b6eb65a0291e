"""Which rule set reads a text: Dutch or English, by their commonest words."""

import re

from app.parsing import lexicon_en, lexicon_nl
from app.parsing.lexicon import Lexicon

LEXICONS: dict[str, Lexicon] = {"nl": lexicon_nl.LEXICON, "en": lexicon_en.LEXICON}


def detect_language(text: str) -> str:
    """"nl" or "en": the language whose stopwords are more frequent (Dutch on a tie)."""
    words = re.findall(r"[a-zà-ÿ]+", text[:20000].lower())
    scores = {code: sum(1 for w in words if w in lex.stopwords) for code, lex in LEXICONS.items()}
    return "en" if scores["en"] > scores["nl"] else "nl"


def lexicon_for(language: str) -> Lexicon:
    """The rule set for a language code."""
    return LEXICONS[language]

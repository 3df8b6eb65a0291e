"""Words as PostgreSQL's `dutch` and `english` text-search configurations read them, for SQLite.

PostgreSQL splits a text into words, drops the stop words of the record's language and stems
the rest with Snowball (`dutch_stem`, `english_stem`). SQLite's FTS5 has no Dutch stemmer, so
its index holds the words stemmed here, by the same Snowball algorithms (PyStemmer) and the
same stop-word lists (app/data/stopwords, copied from PostgreSQL's tsearch_data): a query
then finds the same records on both databases. "/" and "-" separate words on both
(migration 0007).
"""

import re
import threading
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import TypeVar

import Stemmer

# PostgreSQL 15's `dutch_stem` is Snowball's original Dutch stemmer, which Snowball 3 calls
# dutch_porter; its English stemmer is Snowball's english (Porter2).
_ALGORITHMS = {"en": "english", "nl": "dutch_porter"}
_STOPWORDS = {"en": "english.txt", "nl": "dutch.txt"}
WORD = re.compile(r"[^\W_]+")  # letters and digits; every other character separates words
_local = threading.local()  # a Snowball stemmer is not safe to share between threads


def language_of(language: str) -> str:
    """The configuration a record's language is read with: English, else Dutch (as PostgreSQL)."""
    return "en" if language == "en" else "nl"


@cache
def stopwords(language: str) -> frozenset[str]:
    name = _STOPWORDS[language_of(language)]
    text = (resources.files("app") / "data" / "stopwords" / name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmers: dict[str, Stemmer.Stemmer] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    key = language_of(language)
    if key not in stemmers:
        stemmers[key] = Stemmer.Stemmer(_ALGORITHMS[key])
    return stemmers[key]


def stem(word: str, language: str) -> str | None:
    """A word's stem, or None for a stop word; `word` as it stands in the text."""
    lowered = word.lower()
    if lowered in stopwords(language):
        return None
    return str(_stemmer(language).stemWord(lowered))  # a number comes back as it is


def stems(text: str, language: str) -> list[str]:
    """The stems of a text's words, stop words left out, in order."""
    return _stems_of_words(words(text.lower()), language, list)


# A thread keeps the stem of every word it has met, "" for a stop word, by configuration: a
# job's reports share most of their words, and looking a word up is cheaper than stemming it
# again (see docs/benchmarks.md). Emptied when it grows past KNOWN_WORDS.
KNOWN_WORDS = 100_000
T = TypeVar("T")


def _stems_of_words(found: list[str], language: str, collect: Callable[[Iterator[str]], T]) -> T:
    """The words' stems, stop words left out, in order, as `collect` gathers them; the words
    this thread has not met before are stemmed first, in one call."""
    known = _known_words(language_of(language))
    try:
        return collect(filter(None, map(known.__getitem__, found)))
    except KeyError:
        _learn(known, found, language_of(language))
        return collect(filter(None, map(known.__getitem__, found)))


def _known_words(key: str) -> dict[str, str]:
    known: dict[str, dict[str, str]] | None = getattr(_local, "known", None)
    if known is None:
        known = _local.known = {}
    return known.setdefault(key, {})


def _learn(known: dict[str, str], found: list[str], key: str) -> None:
    """Add the stems of the words not known yet ("" for a stop word), emptying what is known first
    if it would grow past KNOWN_WORDS."""
    new = set(found).difference(known)
    if len(known) + len(new) > KNOWN_WORDS:
        known.clear()
        new = set(found)
    stop = stopwords(key)
    kept = [word for word in new if word not in stop]
    known.update(dict.fromkeys(new.intersection(stop), ""))
    known.update(zip(kept, _stemmer(key).stemWords(kept), strict=True))


# ASCII bytes that are no letter or digit become spaces; every other byte stays
_ASCII_APART = bytes(b if b >= 0x80 or chr(b).isalnum() else 0x20 for b in range(256))


def words(text: str) -> list[str]:
    """The words of a text, as WORD finds them (runs of letters and digits), at a third of the
    cost: the few other characters beyond ASCII it holds (quotes, dashes) become spaces, the
    ASCII ones are turned into spaces in its UTF-8 bytes at once, and str.split cuts the rest."""
    if not text.isascii():
        for character in set(_NOT_ASCII_NOR_WORD.findall(text)):
            text = text.replace(character, " ")
    return text.encode("utf-8").translate(_ASCII_APART).decode("utf-8").split()


_NOT_ASCII_NOR_WORD = re.compile(r"[^\x00-\x7f\w]")  # beyond ASCII, and no letter or digit


def index_form(text: str, language: str) -> str:
    """What SQLite's full-text index holds for a text: its stems, separated by spaces."""
    return _stems_of_words(words(text.lower()), language, " ".join)

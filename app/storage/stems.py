"""The words a search index holds, the same on SQLite and PostgreSQL.

A text is split into words (runs of letters and digits: "/", "-" and every other sign separate
words), the stop words of the record's language are dropped and the rest stemmed with Snowball,
by the algorithms and stop-word lists of PostgreSQL's `dutch` and `english` configurations
(PyStemmer; app/data/stopwords, copied from PostgreSQL's tsearch_data). SQLite's FTS5 holds
the stems (index_form); PostgreSQL's tsvector column holds the same stems with their places
(tsvector), and a query is read into stems here for both (migration 0014): a query finds the
same records on both databases.
"""

import re
import threading
from functools import cache
from importlib import resources
from itertools import chain, repeat

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
    return _stems_of_words([word.lower()], language)[0] or None


def stems(text: str, language: str) -> list[str]:
    """The stems of a text's words, stop words left out, in order."""
    return list(filter(None, _word_stems(text, language)))


def _word_stems(text: str, language: str) -> list[str]:
    """The stem of each of a text's words, "" for a stop word."""
    return _stems_of_words(words(text.lower()), language)


# A thread keeps the stem of every word it has met, "" for a stop word, by configuration: a
# job's reports share most of their words, and looking a word up is cheaper than stemming it
# again (see docs/benchmarks.md). Emptied when it grows past KNOWN_WORDS.
KNOWN_WORDS = 100_000


def _stems_of_words(found: list[str], language: str) -> list[str]:
    """Each word's stem, "" for a stop word; the words this thread has not met before are
    stemmed first, in one call."""
    key = language_of(language)
    known = _known_words(key)
    try:
        return list(map(known.__getitem__, found))
    except KeyError:
        _learn(known, found, key)
        return list(map(known.__getitem__, found))


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
    return " ".join(stems(text, language))


# PostgreSQL keeps a lexeme's first 255 positions, counts no position past 16383, takes no lexeme
# longer than 2047 bytes, and no tsvector over 1 MB (1,048,575 bytes): lexemes are kept in the
# order of their first word while they fit in TSVECTOR_BYTES, with room to spare
MAX_POSITIONS = 255
LAST_POSITION = 16383
LONGEST_LEXEME = 2047
TSVECTOR_BYTES = 1_000_000


def tsvector(text: str, language: str) -> str:
    """What PostgreSQL's full-text index holds for a text, as a tsvector literal: the stems
    SQLite's index holds (index_form), each with the places of its words, numbered as
    PostgreSQL's own to_tsvector numbers them (a stop word takes a place too). The stems need
    no quoting: they are letters and digits. A text too large for one tsvector (PostgreSQL's
    own to_tsvector would refuse it) keeps the lexemes of its first words that fit."""
    places: dict[str, list[str]] = {}
    for place, lexeme in zip(chain(_PLACES, repeat(_PLACES[-1])), _word_stems(text, language), strict=False):
        if lexeme:
            places.setdefault(lexeme, []).append(place)
    entries = []
    size = 8  # the header
    for lexeme, at in places.items():
        length = len(lexeme.encode())
        if length > LONGEST_LEXEME:
            continue
        kept = _kept_places(at)
        size += 4 + length + length % 2 + 2 + 2 * len(kept)  # PostgreSQL's layout
        if size > TSVECTOR_BYTES:
            break
        entries.append(f"'{lexeme}':{','.join(kept)}")
    return " ".join(entries)


_PLACES = [str(place) for place in range(1, LAST_POSITION + 1)]  # written once, not for every word


def _kept_places(places: list[str]) -> list[str]:
    """A lexeme's places as PostgreSQL keeps them: words past the last place stand there, once."""
    if places[-1] == _PLACES[-1]:
        places = list(dict.fromkeys(places))
    return places[:MAX_POSITIONS]


def query_stems(query_words: list[str], language: str) -> list[str]:
    """The stems a query's words (lower case) ask for, stop words left out, and a stem longer than
    PostgreSQL indexes a lexeme (none is indexed)."""
    return [lexeme for lexeme in _stems_of_words(query_words, language)
            if lexeme and len(lexeme.encode()) <= LONGEST_LEXEME]


def tsquery(query_words: list[str], language: str) -> str | None:
    """A query's words (lower case) as a PostgreSQL tsquery that wants all their stems; None when
    only stop words are left (such a query finds nothing)."""
    return " & ".join(f"'{lexeme}'" for lexeme in query_stems(query_words, language)) or None

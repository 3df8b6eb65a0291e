"""Compare parser output with a .gold.json the way the project's evaluation does (docs/contract.md)."""

import re
import unicodedata

OVERLAP = 0.6
_ENUM = re.compile(r"^\s*(?:\d{1,2}|[ivxIVX]{1,4}|[a-zA-Z])[.)]\s+")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", re.sub(r"-\s*", "", fold(text))))


def title_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", re.sub(r"-\s*", " ", fold(_ENUM.sub("", text)))))


def best_match(text: str, candidates: list[str]) -> int | None:
    """Index of the gold sentence holding at least 60% of `text`'s tokens."""
    predicted = tokens(text)
    scores = [len(predicted & tokens(c)) / len(predicted) for c in candidates] if predicted else []
    if not scores or max(scores) < OVERLAP:
        return None
    return scores.index(max(scores))

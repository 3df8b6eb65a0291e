"""The sentences of the texts we ship (fixtures and samples), in one language: for tests that a
quick test (a rule's cue words) never hides what the rule would find."""

from functools import cache

from app.parsing.language import detect_language
from app.parsing.lexicon import Lexicon
from app.parsing.normalize import normalize_text
from app.parsing.structure import split_paragraphs, split_sentences
from app.readers import SUFFIXES, read_document
from tests.conftest import CORPUS, SAMPLES


@cache
def corpus_sentences(lexicon: Lexicon) -> list[str]:
    """Every sentence of the shipped texts in the lexicon's language."""
    texts = [read_document(p).text for folder in (CORPUS, SAMPLES) for p in sorted(folder.iterdir())
             if p.suffix in SUFFIXES]
    sentences = []
    for text in texts:
        normalized = normalize_text(text)
        if detect_language(normalized.body) != lexicon.language:
            continue
        for paragraph in split_paragraphs(normalized.text, normalized.body_end):
            sentences += [s.text for s in split_sentences(paragraph, lexicon)]
    return sentences

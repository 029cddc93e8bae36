"""Lexical relations between two words (WordNet through ``compare.text.lexicon``), cached: the content
and hedging checks ask the same pairs again and again."""
from __future__ import annotations

from functools import lru_cache

from ..text import lexicon


@lru_cache(maxsize=200_000)
def _related(a: str, b: str, pos_a: str | None = None, pos_b: str | None = None) -> bool:
    return lexicon.are_related(a, b, siblings=False, pos_a=pos_a, pos_b=pos_b)


@lru_cache(maxsize=100_000)
def _derivations(word: str) -> frozenset:
    return lexicon.derivations(word)


@lru_cache(maxsize=200_000)
def _synonyms(a: str, b: str) -> bool:
    return lexicon.are_synonyms(a, b)


@lru_cache(maxsize=200_000)
def _antonyms(a: str, b: str) -> bool:
    return lexicon.are_antonyms(a, b, indirect=False)


@lru_cache(maxsize=200_000)
def _contrasting(a: str, b: str) -> bool:
    return lexicon.are_contrasting(a, b)


def _rare(word: str) -> bool:
    try:
        from wordfreq import zipf_frequency
    except ImportError:     # pragma: no cover - wordfreq is pinned in requirements.txt
        return len(word) > 7
    return zipf_frequency(word, "en") < 3.5

"""The word lists of the checks and of the text readers, read from ``compare/data/wordlists/*.toml``.

Each file holds the lists of one family of ideas (negation, hedging, figures, scales, relations,
content, names, and the WordNet tables of ``compare.text.lexicon``); each list says what it is for,
where it comes from and what it deliberately leaves out.
A list is named ``file.list`` ("negation.denials") and read once per process::

    NEGATIONS = words("negation.negations")      # a frozenset of words
    FRAMES = table("hedging.frames")             # a dict, in the file's order
    ABOVE = ordered("figures.above")             # a tuple, in the file's order
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from ..errors import ModelError

__all__ = ["WORDLISTS", "words", "table", "ordered", "entry"]

WORDLISTS = Path(__file__).resolve().parent.parent / "data" / "wordlists"


@lru_cache(maxsize=None)
def _file(name: str) -> dict:
    path = WORDLISTS / f"{name}.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ModelError(f"cannot read the word lists {path} ({exc}); restore them from the repository") from None


def entry(ref: str) -> dict:
    """The whole entry of a list (``about``, ``source``, ``leaves_out``, ``words``)."""
    name, _, key = ref.partition(".")
    try:
        return _file(name)[key]
    except KeyError:
        raise ModelError(f"no word list {ref!r} in {WORDLISTS / (name + '.toml')}") from None


def words(ref: str) -> frozenset[str]:
    """A list as a set of words."""
    return frozenset(entry(ref)["words"])


def table(ref: str) -> dict:
    """A list of words with a value each (a step of a scale, a unit, an opposite), in the file's order;
    arrays of values come back as tuples."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in entry(ref)["words"].items()}


def ordered(ref: str) -> tuple:
    """A list in the file's order (arrays inside it as tuples)."""
    return tuple(tuple(v) if isinstance(v, list) else v for v in entry(ref)["words"])

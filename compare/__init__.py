"""compare — check derived news copy against its wire source.

    >>> from compare import compare
    >>> result = compare(wire_text, derived_text)        # one derived text → one Comparison
    >>> results = compare(wire_text, [text_a, text_b])   # a list → a list, the wire copy prepared once
    >>> result.flags[0].reason

Public surface: :func:`compare`, :class:`Engine`, the result types and the errors.
"""
from __future__ import annotations

from typing import Sequence

from .comparison import Alignment, Comparison, Flag, Omission, Verdict
from .document import Document, Sentence, Unit
from .errors import (BinaryInputError, CompareError, EmptyTextError, EncodingError, FetchError, InputError,
                     LanguageError, MissingFileError, ModelError, TooLargeError)

__all__ = ["compare", "Engine", "get_engine", "Comparison", "Alignment", "Verdict", "Flag", "Omission",
           "Document", "Sentence", "Unit", "CompareError", "InputError", "MissingFileError", "EmptyTextError",
           "BinaryInputError", "EncodingError", "TooLargeError", "LanguageError", "FetchError", "ModelError"]
__version__ = "0.1.0"


def compare(wire: str, derived: str | Sequence[str], *, names: Sequence[str] | None = None,
            wire_name: str = "wire"):
    """Compare derived text(s) with a wire copy: a string gives a Comparison, a list gives a list."""
    from .engine import get_engine
    engine = get_engine()
    if isinstance(derived, str):
        return engine.compare(wire, derived, names[0] if names else "derived", wire_name)
    return engine.compare_many(wire, list(derived), names, wire_name)


def __getattr__(name):          # Engine and get_engine load the models' libraries: import them lazily
    if name in ("Engine", "get_engine"):
        from . import engine
        return getattr(engine, name)
    raise AttributeError(name)

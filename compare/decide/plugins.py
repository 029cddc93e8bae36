"""Pluggable support judges: a newsroom's own model in the place of the bundled one (``compare.decide.judge``).

A checker scores (wire premise, derived sentence) pairs with the probability that the wire text
*supports* the sentence (entailment). The engine uses the bundled judge unless a newsroom with an NLI
or cross-encoder model on disk sets ``COMPARE_NLI_MODEL``:

* to a folder holding a sentence-transformers ``CrossEncoder`` NLI model (loaded offline; the
  label named "entailment" in its config is read, or a single-logit model's sigmoid), or
* to ``module:factory`` naming any Python callable that returns an object with the
  :class:`Checker` interface (handy for an in-house service client).

Its score then decides verdicts exactly as the bundled judge's does (``compare.decide.verdict.Evidence``).
"""
from __future__ import annotations

import importlib
import os
from typing import Protocol, Sequence, runtime_checkable

from ..errors import ModelError

__all__ = ["Checker", "CrossEncoderChecker", "load_checker"]


@runtime_checkable
class Checker(Protocol):
    name: str

    def support(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """For each ``(premise, hypothesis)`` pair, the probability that the premise supports it."""
        ...


class CrossEncoderChecker:
    def __init__(self, path: str):
        import numpy as np
        from sentence_transformers import CrossEncoder
        self._np = np
        self.name = f"cross-encoder:{os.path.basename(os.path.normpath(path))}"
        self.model = CrossEncoder(path, device="cpu", local_files_only=True)
        labels = {v.lower(): int(k) for k, v in (self.model.config.id2label or {}).items()}
        self.entail = labels.get("entailment")

    def support(self, pairs):
        if not pairs:
            return []
        logits = self._np.asarray(self.model.predict(list(pairs), convert_to_numpy=True, show_progress_bar=False))
        if logits.ndim == 1:
            return [float(1 / (1 + self._np.exp(-x))) for x in logits]
        e = self._np.exp(logits - logits.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        col = self.entail if self.entail is not None else p.shape[1] - 1
        return [float(x) for x in p[:, col]]


def load_checker(spec: str | None = None) -> Checker | None:
    """The checker named by ``spec`` (default: ``$COMPARE_NLI_MODEL``), or None when unset."""
    spec = spec if spec is not None else os.environ.get("COMPARE_NLI_MODEL", "")
    if not spec:
        return None
    try:
        if os.path.isdir(spec):
            checker = CrossEncoderChecker(spec)
        elif ":" in spec:
            mod, _, attr = spec.partition(":")
            checker = getattr(importlib.import_module(mod), attr)()
        else:
            raise ModelError(f"COMPARE_NLI_MODEL={spec!r}: not a model folder nor module:factory")
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise ModelError(f"COMPARE_NLI_MODEL={spec!r} cannot be loaded ({type(exc).__name__}: {exc})") from None
    if not isinstance(checker, Checker):
        raise ModelError(f"COMPARE_NLI_MODEL={spec!r} gave {type(checker).__name__}, which has no support() method")
    return checker

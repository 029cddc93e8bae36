"""Aligning each derived sentence with the wire sentences that support it.

Score of a (derived, wire) sentence pair = ``SEMANTIC_WEIGHT`` × cosine of their embeddings
+ (1 − ``SEMANTIC_WEIGHT``) × lexical recall (share of the derived sentence's content lemmas found
in the wire sentence). The best few candidates form the *window* the fact checks read: a derived
sentence that merges two wire sentences keeps both; difflib's word-level ratio with the best
candidate tells a verbatim copy from a paraphrase.
"""
from __future__ import annotations

import difflib

import numpy as np

from .comparison import Alignment
from .prepare import Prepared

__all__ = ["align", "word_ratio", "SEMANTIC_WEIGHT", "WINDOW_MARGIN", "MIN_SUPPORT", "VERBATIM_RATIO"]

SEMANTIC_WEIGHT = 0.6
WINDOW_MARGIN = 0.12        # candidates within this of the best join the window …
WINDOW_SIZE = 3             # … up to this many
MIN_SUPPORT = 0.30          # below this best score, a sentence has no counterpart at all
VERBATIM_RATIO = 0.85       # difflib word ratio at which a sentence counts as copied
MERGE_GAIN = 0.15           # extra lemma recall a second wire sentence must bring to count as merged


def word_ratio(a: str, b: str) -> float:
    """difflib similarity of two texts at word level (case-insensitive)."""
    return difflib.SequenceMatcher(None, a.lower().split(), b.lower().split(), autojunk=False).ratio()


def _recall(d: frozenset[str], w: frozenset[str]) -> float:
    return len(d & w) / len(d) if d else 1.0


def score_matrix(derived: Prepared, wire: Prepared) -> np.ndarray:
    if not derived.sentences or not wire.sentences:
        return np.zeros((len(derived.sentences), len(wire.sentences)), dtype=np.float32)
    cos = derived.vectors @ wire.vectors.T
    lex = np.array([[_recall(d, w) for w in wire.lemmas] for d in derived.lemmas], dtype=np.float32)
    return SEMANTIC_WEIGHT * cos + (1 - SEMANTIC_WEIGHT) * lex


def align(derived: Prepared, wire: Prepared, scores: np.ndarray | None = None) -> list[Alignment]:
    scores = score_matrix(derived, wire) if scores is None else scores
    out: list[Alignment] = []
    best_of: dict[int, int] = {}
    windows: list[list[int]] = []
    for i in range(len(derived.sentences)):
        if scores.shape[1] == 0:
            windows.append([])
            continue
        order = np.argsort(-scores[i], kind="stable")
        best = float(scores[i, order[0]])
        win = [int(j) for j in order[:WINDOW_SIZE] if scores[i, j] >= max(best - WINDOW_MARGIN, MIN_SUPPORT)]
        windows.append(win)
        if win:
            best_of.setdefault(win[0], 0)
            best_of[win[0]] += 1
    for i, win in enumerate(windows):
        d = derived.sentences[i]
        if not win:
            out.append(Alignment(d.id, (), (), "none"))
            continue
        w0 = win[0]
        if word_ratio(d.text, wire.sentences[w0].text) >= VERBATIM_RATIO:
            tag = "verbatim"
        elif len(win) > 1 and _recall(derived.lemmas[i], wire.lemmas[w0] | wire.lemmas[win[1]]) \
                - _recall(derived.lemmas[i], wire.lemmas[w0]) >= MERGE_GAIN:
            tag = "merged"
        elif best_of.get(w0, 0) > 1:
            tag = "split"
        else:
            tag = "paraphrase"
        out.append(Alignment(d.id, tuple(wire.sentences[j].id for j in win),
                             tuple(round(float(scores[i, j]), 4) for j in win), tag))
    return out

"""Aligning each derived sentence with the wire sentences that support it.

Score of a (derived, wire) sentence pair = ``SEMANTIC_WEIGHT`` × cosine of their embeddings
+ (1 − ``SEMANTIC_WEIGHT``) × lexical recall (share of the derived sentence's content lemmas found
in the wire sentence). The best few candidates form the *window* the fact checks read: a derived
sentence that merges two wire sentences keeps both; difflib's word-level ratio with the best
candidate tells a verbatim copy from a paraphrase.

Up to ``EXACT_CELLS`` sentence pairs every pair is scored (``score_matrix``, the full n×m matrices).
Beyond, time and memory grow with the text, not its square (``align_sentences``): a derived sentence is
scored, with the same formula, only against its candidates, its ``NEAREST`` wire sentences from an
approximate nearest-neighbour index of the wire vectors (usearch HNSW, built on one thread so the same
texts give the same result) and the wire sentences holding its rarest lemmas (``RARE_BUDGET`` at most:
a lemma most sentences hold says nothing about which one supports it). The windows are then those of
the full computation but for near ties and a neighbour the index misses (on bench/speed.py's 4,000
sentences a side, 98% of the windows of sentences with a counterpart, 99.8% of their best wire
sentences). Coverage takes each wire sentence's best cosine and lemma share from the pairs scored and
from the derived sentences holding its rarest lemmas. ``cos[i, j]`` is then read from a
:class:`Cosines`.
"""
from __future__ import annotations

import difflib

import numpy as np

from .comparison import Alignment
from .prepare import Prepared

__all__ = ["align", "align_sentences", "coverage", "Cosines", "score_matrix", "word_ratio", "SEMANTIC_WEIGHT",
           "WINDOW_MARGIN", "MIN_SUPPORT", "VERBATIM_RATIO", "EXACT_CELLS"]

SEMANTIC_WEIGHT = 0.6
WINDOW_MARGIN = 0.12        # candidates within this of the best join the window …
WINDOW_SIZE = 3             # … up to this many
MIN_SUPPORT = 0.30          # below this best score, a sentence has no counterpart at all
VERBATIM_RATIO = 0.85       # difflib word ratio at which a sentence counts as copied
MERGE_GAIN = 0.15           # extra lemma recall a second wire sentence must bring to count as merged

EXACT_CELLS = 250_000       # up to this many (derived, wire) pairs every pair is scored (full n×m matrices)
NEAREST = 16                # beyond, a derived sentence's candidates: this many from the vector index …
RARE_BUDGET = 64            # … and the sentences holding its rarest lemmas, as long as they add up to this many
HNSW_CONNECTIVITY, HNSW_EXPANSION_ADD, HNSW_EXPANSION_SEARCH = 16, 64, 64    # the vector index (usearch)


def word_ratio(a: str, b: str) -> float:
    """difflib similarity of two texts at word level (case-insensitive)."""
    return difflib.SequenceMatcher(None, a.lower().split(), b.lower().split(), autojunk=False).ratio()


def _recall(d: frozenset[str], w: frozenset[str]) -> float:
    return len(d & w) / len(d) if d else 1.0


def score_matrix(derived: Prepared, wire: Prepared, cos: np.ndarray | None = None) -> np.ndarray:
    """Every pair's score (n×m): for small inputs only (see ``align_sentences``)."""
    if not derived.sentences or not wire.sentences:
        return np.zeros((len(derived.sentences), len(wire.sentences)), dtype=np.float32)
    cos = derived.vectors @ wire.vectors.T if cos is None else cos
    lex = np.array([[_recall(d, w) for w in wire.lemmas] for d in derived.lemmas], dtype=np.float32)
    return SEMANTIC_WEIGHT * cos + (1 - SEMANTIC_WEIGHT) * lex


class Cosines:
    """The cosines alignment read, without an n×m matrix: ``cos[i, j]`` for each wire sentence ``j`` of
    derived sentence ``i``'s window (any other pair is computed from the two vectors), and what
    :func:`coverage` needs: each wire sentence's best cosine and the most lemmas it shares over the pairs
    alignment scored (−inf and 0 where it was in none)."""
    __slots__ = ("shape", "_window", "_dv", "_wv", "column_max", "column_overlap")

    def __init__(self, dv: np.ndarray, wv: np.ndarray, window: list[dict[int, np.float32]],
                 column_max: np.ndarray, column_overlap: np.ndarray):
        self.shape = (len(dv), len(wv))
        self._dv, self._wv, self._window = dv, wv, window
        self.column_max, self.column_overlap = column_max, column_overlap

    def __getitem__(self, key: tuple[int, int]) -> np.float32:
        i, j = key
        v = self._window[i].get(j)
        return self._dv[i] @ self._wv[j] if v is None else v


def align_sentences(derived: Prepared, wire: Prepared,
                    exact_cells: int | None = None) -> tuple[list[Alignment], np.ndarray | Cosines]:
    """The alignment of every derived sentence, and the cosines to read ``cos[i, j]`` from: the full
    matrix up to ``exact_cells`` pairs (default ``EXACT_CELLS``), a :class:`Cosines` beyond (windows
    from the candidates of each derived sentence)."""
    n, m = len(derived.sentences), len(wire.sentences)
    if n * m <= (EXACT_CELLS if exact_cells is None else exact_cells):
        cos = derived.vectors @ wire.vectors.T if n and m else np.zeros((n, m), dtype=np.float32)
        return align(derived, wire, score_matrix(derived, wire, cos)), cos
    windows, sims, cos = _candidate_windows(derived, wire)
    return _tagged(derived, wire, windows, sims), cos


def align(derived: Prepared, wire: Prepared, scores: np.ndarray | None = None) -> list[Alignment]:
    if scores is None:
        return align_sentences(derived, wire)[0]
    windows, sims = [], []
    for i in range(len(derived.sentences)):
        if scores.shape[1] == 0:
            windows.append([])
            sims.append([])
            continue
        order = np.argsort(-scores[i], kind="stable")
        win = _window(order[:WINDOW_SIZE], scores[i, order[:WINDOW_SIZE]])
        windows.append(win)
        sims.append([scores[i, j] for j in win])
    return _tagged(derived, wire, windows, sims)


def _window(order, scores) -> list[int]:
    """The window from the best candidates, best first, and their scores (float32)."""
    best = float(scores[0])
    return [int(j) for j, s in zip(order, scores) if s >= max(best - WINDOW_MARGIN, MIN_SUPPORT)]


def _tagged(derived: Prepared, wire: Prepared, windows: list[list[int]], sims) -> list[Alignment]:
    best_of: dict[int, int] = {}
    for win in windows:
        if win:
            best_of[win[0]] = best_of.get(win[0], 0) + 1
    out: list[Alignment] = []
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
                             tuple(round(float(s), 4) for s in sims[i]), tag))
    return out


# --------------------------------------------------------------------------- long texts
class _Postings:
    """Inverted index of lemma sets: for each lemma, the indices of the sets holding it."""

    def __init__(self, lemma_sets) -> None:
        ids: dict[str, int] = {}
        lists: list[list[int]] = []
        for k, lemmas in enumerate(lemma_sets):
            for lemma in lemmas:
                x = ids.get(lemma)
                if x is None:
                    ids[lemma] = x = len(lists)
                    lists.append([])
                lists[x].append(k)
        self.ids = ids
        self.lists = [np.array(p, dtype=np.int64) for p in lists]

    def rarest(self, lemmas, budget: int) -> np.ndarray:
        """The sets holding the rarest of ``lemmas``, rarest first for as long as they add up to at most
        ``budget``: a lemma most sets hold says little about which one supports a sentence, and reading
        its list would make the work grow with the index."""
        lists = self.lists
        found = sorted((x for lemma in lemmas if (x := self.ids.get(lemma)) is not None),
                       key=lambda x: (len(lists[x]), x))
        taken, total = [], 0
        for x in found:
            total += len(lists[x])
            if total > budget:
                break
            taken.append(lists[x])
        if not taken:
            return _NONE
        return np.unique(np.concatenate(taken)) if len(taken) > 1 else taken[0]


_NONE = np.zeros(0, dtype=np.int64)


def _nearest_by_vector(queries: np.ndarray, base: np.ndarray, k: int) -> list[np.ndarray]:
    """About the ``k`` nearest ``base`` vectors to each query by cosine, from an HNSW graph (usearch, f16
    vectors). The graph is built on one thread, so the same texts always give the same candidates."""
    from usearch.index import Index
    index = Index(ndim=base.shape[1], metric="ip", dtype="f16", connectivity=HNSW_CONNECTIVITY,
                  expansion_add=HNSW_EXPANSION_ADD, expansion_search=HNSW_EXPANSION_SEARCH)
    index.add(np.arange(len(base)), base, threads=1)
    found = index.search(queries, min(k, len(base)), threads=0)
    keys = found.keys.astype(np.int64)
    return [keys[i, :c] for i, c in enumerate(found.counts.tolist())]


def _candidate_windows(derived: Prepared, wire: Prepared):
    """Windows and their scores, each derived sentence scored (as ``score_matrix`` scores it) against
    its ``NEAREST`` wire sentences from the vector index and those holding its rarest lemmas."""
    m = len(wire.sentences)
    dv, wv, dlem, wlem = derived.vectors, wire.vectors, derived.lemmas, wire.lemmas
    near = _nearest_by_vector(dv, wv, NEAREST)
    index = _Postings(wlem)
    windows: list[list[int]] = []
    sims: list[list[np.float32]] = []
    kept: list[dict[int, np.float32]] = []
    col_max = np.full(m, -np.inf, dtype=np.float32)
    col_shared = np.zeros(m, dtype=np.int64)
    for i, dl in enumerate(dlem):
        js = np.unique(np.concatenate([near[i], index.rarest(dl, RARE_BUDGET)]))
        cos = wv[js] @ dv[i]
        shared = np.fromiter((len(dl & wlem[j]) for j in js.tolist()), dtype=np.int64, count=len(js))
        np.maximum.at(col_max, js, cos)
        np.maximum.at(col_shared, js, shared)
        lex = (shared / len(dl) if dl else np.ones(len(js))).astype(np.float32)
        sc = SEMANTIC_WEIGHT * cos + (1 - SEMANTIC_WEIGHT) * lex
        top = np.lexsort((js, -sc))[:WINDOW_SIZE]         # score descending, ties to the earlier wire sentence
        win = _window(js[top], sc[top])
        windows.append(win)
        sims.append(list(sc[top[:len(win)]]))
        kept.append({j: c for j, c in zip(js[top[:len(win)]].tolist(), cos[top[:len(win)]])})
    return windows, sims, Cosines(dv, wv, kept, col_max, col_shared)


def coverage(derived: Prepared, wire: Prepared, cos: np.ndarray | Cosines) -> list[float]:
    """How well the derived article as a whole covers each wire sentence (0..1): ``SEMANTIC_WEIGHT`` ×
    its best cosine with a derived sentence + the rest × the largest share of its lemmas one derived
    sentence holds."""
    if not derived.sentences:
        return [0.0] * len(wire.sentences)
    out = []
    if isinstance(cos, np.ndarray):             # every pair
        for j, wl in enumerate(wire.lemmas):
            rec = max((len(wl & dl) / len(wl) if wl else 1.0) for dl in derived.lemmas)
            out.append(float(SEMANTIC_WEIGHT * cos[:, j].max() + (1 - SEMANTIC_WEIGHT) * rec))
        return out
    # the pairs alignment scored, and the derived sentences holding the wire sentence's rarest lemmas
    index = _Postings(derived.lemmas)
    dv, wv = derived.vectors, wire.vectors
    for j, wl in enumerate(wire.lemmas):
        best_cos, best = float(cos.column_max[j]), int(cos.column_overlap[j])
        more = index.rarest(wl, RARE_BUDGET)
        if len(more):
            best_cos = max(best_cos, float((dv[more] @ wv[j]).max()))
            best = max(best, max(len(wl & derived.lemmas[i]) for i in more.tolist()))
        rec = best / len(wl) if wl else 1.0
        out.append(float(SEMANTIC_WEIGHT * (best_cos if best_cos > -np.inf else 0.0) + (1 - SEMANTIC_WEIGHT) * rec))
    return out

"""Aligning each derived sentence with the wire sentences that support it.

Score of a (derived, wire) sentence pair = ``SEMANTIC_WEIGHT`` × cosine of their embeddings
+ (1 − ``SEMANTIC_WEIGHT``) × lexical recall (share of the derived sentence's content lemmas found
in the wire sentence). The best few candidates form the *window* the fact checks read: a derived
sentence that merges two wire sentences keeps both; difflib's word-level ratio with the best
candidate tells a verbatim copy from a paraphrase.

Up to ``EXACT_CELLS`` sentence pairs every pair is scored (``score_matrix``, the full n×m matrices).
Beyond, memory grows with the text, not its square (``align_sentences``): the derived sentences are
taken in blocks (``BLOCK_CELLS`` cosines with the wire copy, ``BLOCK_ROWS`` sentences at least); in each, a derived
sentence's candidates are its ``NEAREST`` wire sentences by cosine plus, from an inverted index of the
wire copy's lemmas, every wire sentence that shares enough of its lemmas to score among its best three
and within ``WINDOW_MARGIN`` of its best (a sentence outside both cannot: its cosine is no higher than
the ``NEAREST``-th and its recall too low). Only those pairs are scored, with the same formula, so the
windows and their scores are those of the full computation. Coverage takes each wire sentence's best
cosine from the same blocks and its best lemma recall from the scored pairs and an inverted index of
the derived lemmas, exactly too. ``cos[i, j]`` is then read from a :class:`Cosines`. Memory: one block,
the vectors and the indexes. Time: per sentence work, plus the blocks' cosines (n×m multiply-adds in
BLAS: 1–3 s at 16,000 sentences a side, about a third of the total there; bench/speed.py --align-only).
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
BLOCK_CELLS = 1 << 20       # beyond, derived sentences go in blocks of this many cosines (4 MB of float32) …
BLOCK_ROWS = 256            # … or of this many sentences at least (BLAS repacks the wire vectors for every block)
NEAREST = 8                 # candidates of a derived sentence by cosine (then those sharing enough lemmas)
SAMPLE = 1024               # columns of a block whose k-th best cosine per row bounds the search for the k best


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
    :func:`coverage` needs: each wire sentence's best cosine over the derived sentences (exact) and the
    most lemmas it shares with the derived sentence of a pair alignment scored."""
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


def align_sentences(derived: Prepared, wire: Prepared, exact_cells: int | None = None,
                    block_rows: int | None = None) -> tuple[list[Alignment], np.ndarray | Cosines]:
    """The alignment of every derived sentence, and the cosines to read ``cos[i, j]`` from: the full
    matrix up to ``exact_cells`` pairs (default ``EXACT_CELLS``), a :class:`Cosines` beyond (the same
    windows, scores and coverage), made in blocks of ``block_rows`` derived sentences (default
    :func:`block_rows`)."""
    n, m = len(derived.sentences), len(wire.sentences)
    if n * m <= (EXACT_CELLS if exact_cells is None else exact_cells):
        cos = derived.vectors @ wire.vectors.T if n and m else np.zeros((n, m), dtype=np.float32)
        return align(derived, wire, score_matrix(derived, wire, cos)), cos
    windows, sims, cos = _candidate_windows(derived, wire, block_rows or _block_rows(m))
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


# --------------------------------------------------------------------------- the candidate path
class _Postings:
    """Inverted index of lemma sets: for each lemma, the sorted indices of the sets holding it."""

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
        self.sets = lemma_sets
        self.ids = ids
        self.lists = [np.array(p, dtype=np.int64) for p in lists]
        self.df = [len(p) for p in lists]

    def query(self, lemmas) -> list[int]:
        """Ids of those of ``lemmas`` the index holds, rarest first."""
        ids = self.ids
        found = [x for lemma in lemmas if (x := ids.get(lemma)) is not None]
        found.sort(key=self.df.__getitem__)
        return found

    def holding(self, ids: list[int], p: int) -> tuple[np.ndarray, np.ndarray]:
        """The sets holding one of the lemmas ``ids[:p]``, and how many of them each holds."""
        if p <= 0:
            return _NONE, _NONE
        if p == 1:
            cands = self.lists[ids[0]]
            return cands, np.ones(len(cands), dtype=np.int64)
        run = np.concatenate([self.lists[x] for x in ids[:p]])
        run.sort()
        first = np.empty(len(run), dtype=bool)
        first[:1] = True
        np.not_equal(run[1:], run[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        return run[starts], np.diff(starts, append=len(run))

    def shared(self, lemmas: frozenset[str], ids: list[int], p: int, cands: np.ndarray, held: np.ndarray,
               target: int) -> tuple[np.ndarray, np.ndarray]:
        """Those of the sets ``cands`` (holding ``held`` of the lemmas ``ids[:p]``) that share ``target`` of
        ``lemmas`` (whose ids in the index are ``ids``), and how many each shares. While there are many,
        the lemmas ``ids[p:]`` are looked up one by one and a set goes as soon as those left cannot bring
        it to ``target`` (most go at the first: they hold one of the rarest lemmas and need the others)."""
        left = len(ids) - p
        for x in ids[p:]:
            keep = held + left >= target
            if not keep.all():
                cands, held = cands[keep], held[keep]
            if len(cands) <= 16:
                break
            post = self.lists[x]
            held = held + (post[np.minimum(np.searchsorted(post, cands), len(post) - 1)] == cands)
            left -= 1
        sets = self.sets
        shared = np.array([len(lemmas & sets[c]) for c in cands.tolist()], dtype=np.int64)
        keep = shared >= target
        return cands[keep], shared[keep]


_NONE = np.zeros(0, dtype=np.int64)


def _lexical(shared: np.ndarray, nd: np.ndarray) -> np.ndarray:
    """Lexical recall as ``score_matrix`` has it (float32 of the float64 ratio; 1 without lemmas)."""
    return np.where(nd > 0, shared / np.maximum(nd, 1), 1.0).astype(np.float32)


def _nearest(blk: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The columns of each row's ``k`` highest values (b×k, best first, ties to the lower column) and
    each row's k-th highest value, without sorting or partitioning whole rows: the k-th highest value
    of a sample of ``SAMPLE`` columns is a threshold at least ``k`` values of the row reach."""
    b, m = blk.shape
    sample = blk[:, ::-(-m // SAMPLE)]
    w = sample.shape[1]
    thr = np.partition(sample, w - k, axis=1)[:, w - k]
    flat = np.flatnonzero(blk >= thr[:, None])         # a few per row: cheaper than np.nonzero
    rows, cols = np.divmod(flat, m)
    vals = blk.ravel()[flat]
    order = np.lexsort((cols, -vals, rows))
    cols, vals = cols[order], vals[order]
    take = np.searchsorted(rows[order], np.arange(b))[:, None] + np.arange(k)
    return cols[take], vals[take[:, -1]]


def _block_rows(m: int) -> int:
    """How many derived sentences a block of cosines with ``m`` wire sentences holds."""
    return max(BLOCK_ROWS, BLOCK_CELLS // max(m, 1))


def _candidate_windows(derived: Prepared, wire: Prepared, rows_per_block: int):
    """Windows and their scores as ``align`` makes them from the full score matrix, from blocks of
    derived sentences (``rows_per_block`` at a time) against the whole wire copy."""
    n, m = len(derived.sentences), len(wire.sentences)
    dv, wv, dlem, wlem = derived.vectors, wire.vectors, derived.lemmas, wire.lemmas
    index = _Postings(wlem)
    k = min(NEAREST, m)
    windows: list[list[int]] = []
    sims: list[list[np.float32]] = []
    kept: list[dict[int, np.float32]] = []
    col_max = np.full(m, -np.inf, dtype=np.float32)
    col_shared = np.zeros(m, dtype=np.int64)
    for s in range(0, n, rows_per_block):
        blk = dv[s:s + rows_per_block] @ wv.T
        b = len(blk)
        np.maximum(col_max, blk.max(axis=0), out=col_max)
        near, kth = _nearest(blk, k)
        dls = dlem[s:s + b]
        nd = np.array([len(dl) for dl in dls])
        shared = np.array([[len(dl & wlem[j]) for j in js] for dl, js in zip(dls, near.tolist())],
                          dtype=np.int64).reshape(b, k)
        sc = SEMANTIC_WEIGHT * np.take_along_axis(blk, near, 1) + (1 - SEMANTIC_WEIGHT) * _lexical(shared, nd[:, None])
        order = np.lexsort((near, -sc))                 # per row: score descending, ties to the lower column
        near, sc, shared = (np.take_along_axis(x, order, 1) for x in (near, sc, shared))
        np.maximum.at(col_shared, near.ravel(), shared.ravel())
        if m > k:
            # a wire sentence outside a row's ``near`` has a cosine ≤ its ``kth``: it joins the window only
            # by scoring among the three best and within the margin of the best, so by sharing ``t`` lemmas
            # (the slack of 0.01 lemma keeps float rounding on the safe side)
            floor = np.maximum(np.maximum(sc[:, 2].astype(np.float64), sc[:, 0].astype(np.float64) - WINDOW_MARGIN),
                               MIN_SUPPORT)
            t = np.maximum(np.ceil((floor - SEMANTIC_WEIGHT * kth.astype(np.float64)) * nd
                                   / (1 - SEMANTIC_WEIGHT) - 0.01), 1).astype(np.int64)
            search = ((nd > 0) & (t <= nd)).tolist()
        else:
            search = [False] * b
        for r in range(b):
            js, scr = near[r], sc[r]
            if search[r] and (ids := index.query(dls[r])) and t[r] <= len(ids):
                # prefix filtering: a wire sentence sharing t of the lemmas holds one of the len(ids) − t + 1
                # rarest; of those, only the ones whose cosine lets them reach the floor are counted in full
                p = len(ids) - int(t[r]) + 1
                more, held = index.holding(ids, p)
                if len(more):
                    could = np.minimum(held + (len(ids) - p), nd[r]) / nd[r]
                    fit = SEMANTIC_WEIGHT * blk[r, more] + (1 - SEMANTIC_WEIGHT) * could >= floor[r] - 1e-3
                    more, more_n = index.shared(dls[r], ids, p, more[fit], held[fit], int(t[r]))
                if len(more):
                    np.maximum.at(col_shared, more, more_n)
                    js = np.concatenate([js, more])
                    scr = np.concatenate([scr, SEMANTIC_WEIGHT * blk[r, more]
                                          + (1 - SEMANTIC_WEIGHT) * _lexical(more_n, nd[r])])
                    o = np.lexsort((js, -scr))
                    js, scr = js[o], scr[o]
            top_j, top_s = [], []
            for j, x in zip(js.tolist(), scr):          # a pair found both ways is there twice, side by side
                if not top_j or j != top_j[-1]:
                    top_j.append(j)
                    top_s.append(x)
                    if len(top_j) == WINDOW_SIZE:
                        break
            win = _window(top_j, top_s)
            windows.append(win)
            sims.append(top_s[:len(win)])
            kept.append({j: blk[r, j] for j in win})
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
    # the pairs alignment scored give each wire sentence a derived sentence sharing ``best`` lemmas;
    # one sharing more is found through an inverted index of the derived lemmas (prefix filtering)
    index = _Postings(derived.lemmas)
    for j, wl in enumerate(wire.lemmas):
        if not wl:
            rec = 1.0
        else:
            best = int(cos.column_overlap[j])
            if best < len(wl):
                ids = index.query(wl)
                # a derived sentence sharing more than ``best`` lemmas holds one of the len(ids) − best
                # rarest (prefix filtering); only those that could beat the best so far are counted in full
                p = len(ids) - best
                cands, held = index.holding(ids, p)
                if len(cands):
                    best = max(best, int(held.max()))
                    _, more = index.shared(wl, ids, p, cands, held, best + 1)
                    if len(more):
                        best = int(more.max())
            rec = best / len(wl)
        out.append(float(SEMANTIC_WEIGHT * cos.column_max[j] + (1 - SEMANTIC_WEIGHT) * rec))
    return out

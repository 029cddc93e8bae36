"""The archive's SQLite file: stories, their sentences, the full-text index and the vectors.

One file, WAL mode. Tables::

    meta(key, value)                 schema, the archive's uuid, the embedding model, the story count
    stories(n, id, source, time, headline, text, sha256)
                                     n: the story's number (rowid, also its key in the ANN index)
    story_vectors(story, vec)        the story's vector: the normalised mean of its sentence vectors (f16)
    vectors(n, key, vec)             one f16 vector per distinct sentence text (key: SHA-1 of the text,
                                     as the embedder's cache keys it), shared by every story that says it
    sentences(story, n, start, end, section, vector)
                                     every sentence with its offsets (``text[start:end]``), its section
                                     (index into ``SECTIONS``) and its vector's n (NULL for boilerplate)
    fts(text)                        FTS5 over stories.text (external content, detail=none, BM25)
    term_docs(term, docs)            how many stories hold each word (``TERM``, lower case), kept as stories
                                     are added: ``find`` picks an article's rarest words from it without
                                     reading the full-text index's posting lists (which grow with the archive)

Every write happens inside :meth:`Store.transaction`, so an add is one transaction.
"""
from __future__ import annotations

import contextlib
import re
import sqlite3
from collections import Counter
import uuid
from pathlib import Path

import numpy as np

from ..embed.disk_cache import MODEL_ID
from ..errors import CompareError

__all__ = ["Store", "SECTIONS", "SCHEMA_VERSION", "ArchiveError"]

SCHEMA_VERSION = "1"
SECTIONS = ("body", "heading", "faq_question", "faq_answer", "caption", "boilerplate")
_IN_CHUNK = 500          # host parameters per IN (...) query
#: a word, as ``term_docs`` counts it and ``find`` looks it up (on lower-cased text)
TERM = re.compile(r"[a-z0-9]+")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stories (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT, time TEXT, headline TEXT,
    text TEXT NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_vectors (story INTEGER PRIMARY KEY, vec BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS vectors (n INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE, vec BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sentences (
    story INTEGER NOT NULL, n INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    section INTEGER NOT NULL, vector INTEGER, PRIMARY KEY (story, n)) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(text, content='stories', content_rowid='n', detail=none);
CREATE TABLE IF NOT EXISTS term_docs (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
"""


class ArchiveError(CompareError):
    """The archive file cannot be used (missing, damaged, made by another model)."""


def _chunks(seq: list, size: int = _IN_CHUNK):
    for k in range(0, len(seq), size):
        yield seq[k:k + size]


class Store:
    """The SQLite side of an archive. ``create=False`` refuses a path that holds no archive yet."""

    def __init__(self, path: str | Path, dim: int, create: bool = True):
        self.path, self.dim = Path(path), dim
        if not create and not self.path.is_file():
            raise ArchiveError(f"{self.path}: no archive here; build one with "
                               f"`python -m compare archive add STORIES.jsonl --archive {self.path}`")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA cache_size=-65536")          # 64 MB of page cache
            self._init_schema()
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path}: not a usable archive ({exc}); choose another --archive path") from None

    def _init_schema(self) -> None:
        with self.transaction():
            for stmt in _SCHEMA.split(";"):
                if stmt.strip():
                    self.db.execute(stmt)
            meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
            model = f"{MODEL_ID} dim={self.dim}"
            if not meta:
                self.db.executemany("INSERT INTO meta VALUES (?, ?)", [
                    ("schema", SCHEMA_VERSION), ("uuid", uuid.uuid4().hex), ("model", model), ("stories", "0"),
                    ("term_docs", "1")])
            elif meta.get("schema") != SCHEMA_VERSION or meta.get("model") != model:
                raise ArchiveError(f"{self.path}: this archive was made by another version or model "
                                   f"({meta.get('schema')}, {meta.get('model')}); build a new one")
            elif "term_docs" not in meta:                # an archive made before term_docs: counted once
                self._count_terms(self.db.execute("SELECT text FROM stories"))
                self.db.execute("INSERT INTO meta VALUES ('term_docs', '1')")

    # -- transactions -------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self):
        """``BEGIN IMMEDIATE`` … ``COMMIT``; anything raised rolls the whole transaction back."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    # -- meta -----------------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @property
    def uuid(self) -> str:
        return self.meta("uuid")

    def count(self) -> int:
        """How many stories the archive holds (kept in ``meta``: no scan)."""
        return int(self.meta("stories") or 0)

    # -- writing (inside a transaction) ------------------------------------------------------------
    def known(self, ids: list[str]) -> dict[str, str]:
        """``{id: sha256}`` of the given ids already stored."""
        out = {}
        for part in _chunks(ids):
            out.update(self.db.execute(f"SELECT id, sha256 FROM stories WHERE id IN ({','.join('?' * len(part))})",
                                       part).fetchall())
        return out

    def vector_ids(self, keys: list[bytes]) -> dict[bytes, int]:
        """``{key: n}`` of the sentence keys whose vectors are stored."""
        out = {}
        for part in _chunks(keys):
            rows = self.db.execute(f"SELECT key, n FROM vectors WHERE key IN ({','.join('?' * len(part))})", part)
            out.update((bytes(k), n) for k, n in rows)
        return out

    def vectors_by_key(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        """``{key: float32 vector}`` of the sentence keys whose vectors are stored."""
        out = {}
        for part in _chunks(keys):
            rows = self.db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(part))})", part)
            out.update((bytes(k), np.frombuffer(v, dtype=np.float16).astype(np.float32)) for k, v in rows)
        return out

    def put_vectors(self, keys: list[bytes], vectors: np.ndarray) -> dict[bytes, int]:
        """Store new sentence vectors; returns ``{key: n}``."""
        vecs = np.asarray(vectors, dtype=np.float16)
        self.db.executemany("INSERT OR IGNORE INTO vectors (key, vec) VALUES (?, ?)",
                            [(k, v.tobytes()) for k, v in zip(keys, vecs)])
        return self.vector_ids(keys)

    def put_stories(self, stories: list[dict]) -> None:
        """Insert prepared stories: dicts with id, source, time, headline, text, sha256, vec (story vector)
        and sentences (tuples ``(start, end, section_code, vector_n)``)."""
        start = self.db.execute("SELECT COALESCE(MAX(n), 0) FROM stories").fetchone()[0] + 1
        rows = [(start + k, s["id"], s.get("source"), s.get("time"), s.get("headline"), s["text"], s["sha256"])
                for k, s in enumerate(stories)]
        self.db.executemany("INSERT INTO stories (n, id, source, time, headline, text, sha256) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.executemany("INSERT INTO fts (rowid, text) VALUES (?, ?)", [(r[0], r[5]) for r in rows])
        self.db.executemany("INSERT INTO story_vectors (story, vec) VALUES (?, ?)",
                            [(start + k, np.asarray(s["vec"], dtype=np.float16).tobytes())
                             for k, s in enumerate(stories)])
        self.db.executemany('INSERT INTO sentences (story, n, start, "end", section, vector) VALUES (?, ?, ?, ?, ?, ?)',
                            [(start + k, j, *sent) for k, s in enumerate(stories)
                             for j, sent in enumerate(s["sentences"])])
        self._count_terms((r[5],) for r in rows)
        self.db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = 'stories'", (len(rows),))

    def _count_terms(self, texts) -> None:
        """Add the stories of ``texts`` (rows of one text) to ``term_docs``, each word once per story."""
        counts = Counter(w for (text,) in texts for w in set(TERM.findall(text.lower())))
        self.db.executemany("INSERT INTO term_docs VALUES (?, ?) "
                            "ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs", counts.items())

    # -- reading --------------------------------------------------------------------------------------
    def story_vectors(self, after: int = 0, batch: int = 20_000):
        """``(keys, vectors)`` batches of the story vectors with n > ``after``, in order of n."""
        while True:
            rows = self.db.execute("SELECT story, vec FROM story_vectors WHERE story > ? ORDER BY story LIMIT ?",
                                   (after, batch)).fetchall()
            if not rows:
                return
            keys = np.fromiter((r[0] for r in rows), dtype=np.uint64, count=len(rows))
            vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float16).reshape(len(rows), self.dim)
            yield keys, vecs.astype(np.float32)
            after = rows[-1][0]

    def stories(self, ns: list[int]) -> dict[int, dict]:
        """Story rows by number: ``{n: {n, id, source, time, headline, text}}``."""
        out = {}
        for part in _chunks(ns):
            rows = self.db.execute(f"SELECT n, id, source, time, headline, text FROM stories "
                                   f"WHERE n IN ({','.join('?' * len(part))})", part)
            for n, id_, source, time, headline, text in rows:
                out[n] = {"n": n, "id": id_, "source": source, "time": time, "headline": headline, "text": text}
        return out

    def story_numbers(self, ids: list[str]) -> dict[str, int]:
        out = {}
        for part in _chunks(ids):
            out.update(self.db.execute(f"SELECT id, n FROM stories WHERE id IN ({','.join('?' * len(part))})",
                                       part).fetchall())
        return out

    def sentence_vectors(self, ns: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The content sentences of stories ``ns``: ``(story n, sentence n, vector)`` arrays, vectors float32."""
        story, sent, vec_n = [], [], []
        for part in _chunks(ns):
            rows = self.db.execute(f"SELECT story, n, vector FROM sentences WHERE vector IS NOT NULL AND "
                                   f"story IN ({','.join('?' * len(part))})", part).fetchall()
            for r in rows:
                story.append(r[0]), sent.append(r[1]), vec_n.append(r[2])
        distinct = sorted(set(vec_n))
        found = {}
        for part in _chunks(distinct):
            found.update(self.db.execute(f"SELECT n, vec FROM vectors WHERE n IN ({','.join('?' * len(part))})",
                                         part).fetchall())
        if not vec_n:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, self.dim), np.float32)
        vecs = np.frombuffer(b"".join(found[v] for v in vec_n), dtype=np.float16).reshape(len(vec_n), self.dim)
        return np.asarray(story), np.asarray(sent), vecs.astype(np.float32)

    def sentence_spans(self, story: int) -> list[tuple[int, int, int, str]]:
        """``(n, start, end, section)`` of every sentence of a story."""
        rows = self.db.execute('SELECT n, start, "end", section FROM sentences WHERE story = ? ORDER BY n', (story,))
        return [(n, a, b, SECTIONS[s]) for n, a, b, s in rows]

    def term_counts(self, terms: list[str]) -> dict[str, int]:
        """How many stories hold each term (``term_docs``)."""
        out = {}
        for part in _chunks(terms):
            out.update(self.db.execute(f"SELECT term, docs FROM term_docs WHERE term IN ({','.join('?' * len(part))})",
                                       part).fetchall())
        return out

    def stories_with(self, term: str) -> np.ndarray:
        """The numbers of the stories whose text holds ``term`` (a ``TERM`` word): its FTS5 posting list,
        unranked."""
        # one string from SQLite parsed in C: a row at a time through Python was most of find's time at a
        # million stories (a common word's list holds tens of thousands of stories)
        joined = self.db.execute("SELECT group_concat(rowid) FROM fts WHERE fts MATCH ?", (f'"{term}"',)).fetchone()[0]
        return np.fromstring(joined, dtype=np.int64, sep=",") if joined else np.zeros(0, dtype=np.int64)

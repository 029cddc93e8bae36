"""Adding stories: validate, segment, embed each distinct sentence once, insert in batches.

A story is a mapping (or an object with attributes) with ``id`` and ``text`` and, optionally,
``headline``, ``source``, ``time`` (stored as given) and ``where`` (how a refusal names it, e.g.
``"line 7"``; default ``story 'ID'``). The whole add is one transaction (see ``Archive.add``).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import numpy as np

from ..document import sha256
from ..errors import CompareError
from ..prepare import content_sentences
from ..text.inputs import validate_text
from ..text.segment import segment
from .store import SECTIONS, Store

__all__ = ["AddReport", "add_stories", "sentence_key", "CHUNK"]

#: stories validated, segmented, embedded and inserted together (one model call, a few executemany)
CHUNK = 1000
_SECTION_CODE = {s: k for k, s in enumerate(SECTIONS)}
_FIELDS = ("id", "text", "headline", "source", "time", "where")

Encode = Callable[[list[str]], np.ndarray]


@dataclass(slots=True)
class AddReport:
    """What one ``Archive.add`` did: stories added, skipped (already there with the same text) and
    refused, each refusal as ``(where, why)``."""
    added: int = 0
    skipped: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.added} added, {self.skipped} skipped, {len(self.refused)} refused"


def sentence_key(text: str) -> bytes:
    """The key of a sentence's vector: SHA-1 of its UTF-8 text, as the embedder's caches key it."""
    return hashlib.sha1(text.encode("utf-8")).digest()


def _field(record: Any, name: str):
    if isinstance(record, dict):
        return record.get(name)
    return getattr(record, name, None)


class _Refused(Exception):
    pass


def _read(record: Any, position: int) -> dict:
    """The story's fields, or _Refused naming what is wrong with it."""
    values = {f: _field(record, f) for f in _FIELDS}
    story_id = values["id"]
    where = values["where"] or (f"story {story_id!r}" if story_id not in (None, "") else f"item {position}")
    values["where"] = str(where)
    if isinstance(story_id, int) and not isinstance(story_id, bool):
        story_id = values["id"] = str(story_id)
    if not isinstance(story_id, str) or not story_id.strip():
        raise _Refused(values["where"], "no id: every story needs an \"id\" (a non-empty string)")
    if values["text"] is None:
        raise _Refused(values["where"], "no text: every story needs a \"text\"")
    try:
        validate_text(values["text"], values["where"])
    except CompareError as exc:
        why = str(exc)
        raise _Refused(values["where"], why[len(values["where"]) + 2:] if why.startswith(values["where"] + ": ")
                       else why) from None
    for f in ("headline", "source", "time"):
        if values[f] is not None and not isinstance(values[f], str):
            values[f] = str(values[f])
    return values


def _prepare(values: dict) -> dict:
    """Segment a valid story: its sentences and the texts of its content sentences to embed."""
    doc = segment(values["text"], values["id"], "s")
    content, bare = content_sentences(doc)
    if not content:
        raise _Refused(values["where"], "no sentences to index (only a dateline or site furniture)")
    is_content = {s.id for s in content}
    keys = iter(sentence_key(b) for b in bare)
    sentences = [(s.start, s.end, _SECTION_CODE[s.section], next(keys) if s.id in is_content else None)
                 for s in doc.sentences]
    return {**values, "sha256": sha256(values["text"]), "sentences": sentences, "bare": bare}


def _embed(store: Store, stories: list[dict], encode: Encode) -> None:
    """Give each story its sentences' vector numbers and its story vector; only sentence texts the
    archive does not hold yet are encoded, each distinct one once."""
    texts: dict[bytes, str] = {}
    for s in stories:
        for sent, bare in zip((x for x in s["sentences"] if x[3] is not None), s["bare"]):
            texts.setdefault(sent[3], bare)
    have = store.vectors_by_key(list(texts))
    missing = [k for k in texts if k not in have]
    if missing:
        vecs = np.asarray(encode([texts[k] for k in missing]), dtype=np.float32)
        if vecs.shape != (len(missing), store.dim):
            raise CompareError(f"the encoder gave vectors of shape {vecs.shape} for {len(missing)} sentences; "
                               f"expected ({len(missing)}, {store.dim})")
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        vecs = vecs / np.where(norms == 0, 1, norms)
        store.put_vectors(missing, vecs)
        have.update(zip(missing, vecs))
    numbers = store.vector_ids(list(texts))
    for s in stories:
        mean = np.mean([have[x[3]] for x in s["sentences"] if x[3] is not None], axis=0)
        s["vec"] = mean / (np.linalg.norm(mean) or 1.0)
        s["sentences"] = [(a, b, sec, None if k is None else numbers[k]) for a, b, sec, k in s["sentences"]]


def _add_chunk(store: Store, records: list[tuple[int, Any]], encode: Encode, report: AddReport) -> None:
    ready: dict[str, dict] = {}
    valid = []
    for position, record in records:
        try:
            valid.append(_read(record, position))
        except _Refused as exc:
            report.refused.append(exc.args)
    known = store.known([v["id"] for v in valid])
    for values in valid:
        digest = sha256(values["text"])
        before = known.get(values["id"]) or (ready[values["id"]]["sha256"] if values["id"] in ready else None)
        if before == digest:
            report.skipped += 1
        elif before is not None:
            report.refused.append((values["where"], f"id {values['id']!r} is already in the archive with another "
                                   "text; give this version its own id"))
        else:
            try:
                ready[values["id"]] = _prepare(values)
            except _Refused as exc:
                report.refused.append(exc.args)
    if ready:
        stories = list(ready.values())
        _embed(store, stories, encode)
        store.put_stories(stories)
        report.added += len(stories)


def add_stories(store: Store, stories: Iterable[Any], encode: Encode,
                progress: Callable[[int], Any] | None = None) -> AddReport:
    """Add ``stories`` to ``store`` in one transaction (see the module docstring)."""
    report = AddReport()
    with store.transaction():
        chunk: list[tuple[int, Any]] = []
        for position, record in enumerate(stories, 1):
            chunk.append((position, record))
            if len(chunk) >= CHUNK:
                _add_chunk(store, chunk, encode, report)
                if progress:
                    progress(len(chunk))
                chunk = []
        if chunk:
            _add_chunk(store, chunk, encode, report)
            if progress:
                progress(len(chunk))
    return report

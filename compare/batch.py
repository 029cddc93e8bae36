"""Batch comparison: a JSONL stream of pairs in, a JSONL stream of results out, in bounded memory.

Lines are read a group at a time and each result is written (and flushed) as soon as it is ready, so
a file of any length runs in constant memory; the engine's caches are bounded. A line that cannot be
compared is reported through ``on_error(line_number, message)`` and skipped.

Pairs are read ``READ_AHEAD`` at a time: spaCy and the embedding model each see the sentences of a
whole group in one call, which is far faster than many small calls. With ``processes=2`` (what the
command line uses on a machine with two cores) the embedding model runs in a child process
(:mod:`compare.embed_process`) and embeds the next group while this one is checked. Measured before
choosing it: a second thread gave nothing (the checks hold the GIL while the model runs), and two
full engines in two processes were slower, each preparing the same long wire copies.
"""
from __future__ import annotations

import json
import os
from collections import deque
from dataclasses import dataclass
from typing import Callable, TextIO

from .errors import CompareError

__all__ = ["run_batch", "BatchStats", "iter_results", "default_processes", "READ_AHEAD"]

#: pairs read ahead and prepared together (one spaCy and one embedding call for all their sentences);
#: fewer when their texts pass ``READ_AHEAD_CHARS``, so memory stays bounded whatever the articles' length
READ_AHEAD = 32
READ_AHEAD_CHARS = 2_000_000
#: the first group is smaller (then 16, 32 …): nothing can be checked before it is embedded, so a
#: small one starts the checks, and the first results, sooner
FIRST_GROUP = 8
#: with the model in a child process, groups read, analysed and queued ahead of the one being checked
#: while the child is still embedding what that one needs (this process then runs spaCy instead of
#: waiting), up to this many groups and new sentences: a quarter of the analysis cache (``nlp``), so a
#: group's analyses are still cached when it is checked
LOOKAHEAD = 16
LOOKAHEAD_SENTENCES = 5_000


def default_processes() -> int:
    """Processes for the command line: ``COMPARE_PROCESSES`` (1 or 2), else 2 on a machine with two cores or more."""
    env = os.environ.get("COMPARE_PROCESSES")
    if env:
        if env.strip() not in ("1", "2"):
            raise CompareError(f"COMPARE_PROCESSES={env!r}: expected 1 or 2")
        return int(env)
    return 2 if (os.cpu_count() or 1) >= 2 else 1


@dataclass
class BatchStats:
    done: int = 0
    skipped: int = 0


def _parse(line: str) -> tuple[object, str, str]:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CompareError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(rec, dict):
        raise CompareError("expected a JSON object with id, wire and derived")
    missing = [k for k in ("id", "wire", "derived") if k not in rec]
    if missing:
        raise CompareError(f"missing field(s): {', '.join(missing)}")
    if not isinstance(rec["wire"], str) or not isinstance(rec["derived"], str):
        raise CompareError("wire and derived must be strings of article text")
    return rec["id"], rec["wire"], rec["derived"]


def _decoded(lines, on_error):
    """``(line_number, text)`` of each non-blank line; a line that is not UTF-8 is reported and skipped."""
    for n, line in enumerate(lines, 1):
        if isinstance(line, bytes):        # decoded line by line: one bad line must not stop the run
            try:
                line = line.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                if on_error:
                    on_error(n, f"not UTF-8 text (byte 0x{line[exc.start]:02x} at column {exc.start + 1}); "
                                "save the file as UTF-8")
                continue
        if line.strip():
            yield n, line


def _chunks(lines, on_error):
    """Lists of ``(line_number, parsed pair or error message)``, at most READ_AHEAD pairs / READ_AHEAD_CHARS each."""
    chunk, size, limit = [], 0, min(FIRST_GROUP, READ_AHEAD)
    for n, line in _decoded(lines, on_error):
        try:
            item = _parse(line)
            size += len(item[1]) + len(item[2])
        except CompareError as exc:
            item = str(exc)
        chunk.append((n, item))
        if len(chunk) >= limit or size >= READ_AHEAD_CHARS:
            yield chunk
            chunk, size, limit = [], 0, min(2 * limit, READ_AHEAD)
    if chunk:
        yield chunk


def _compare_chunk(engine, chunk, preload: bool = True) -> list[tuple[int, dict | None, str | None]]:
    """``(line_number, record, None)`` or ``(line_number, None, error message)`` for each pair of a group."""
    from .report import batch_record
    if preload:
        engine.preload(_texts(chunk))
    out = []
    for n, item in chunk:
        if isinstance(item, str):
            out.append((n, None, item))
            continue
        pid, wire, derived = item
        try:
            wc = engine.prepare_wire(wire, f"wire of {pid}")
            out.append((n, batch_record(pid, engine.compare(wc, derived, f"derived of {pid}")), None))
        except CompareError as exc:
            out.append((n, None, str(exc)))
    return out


def _texts(chunk) -> list[str]:
    return [t for _, item in chunk if not isinstance(item, str) for t in item[1:]]


def _two_processes(chunks):
    """Groups of results, in input order, with the embedding model in a child process.

    Each group goes through three steps: its sentences are analysed here and queued for the child;
    once they are embedded, the single words its checks may ask about are queued (urgent: they jump
    the sentences of later groups); once those are embedded, it is checked and yielded. This process
    never sits idle while there is work: while the child has not finished what the oldest group
    needs, the words of any later group whose sentences are ready are queued, then the next group is
    read and analysed (up to ``LOOKAHEAD`` groups and ``LOOKAHEAD_SENTENCES`` new sentences ahead).
    The child embeds on one core from the moment this process starts analysing or checking
    (``busy``) until it next waits for the child, and on every core while it waits."""
    from .embed_process import ProcessEmbedder
    from .engine import Engine
    from .nlp import load_without_torch
    with ProcessEmbedder() as emb:
        engine = Engine(embedder=emb)
        with emb.busy():                # spaCy loads while the child loads the model; the lexicon is left
            load_without_torch()        # to the first check, so the first group reaches the child sooner
        it = iter(chunks)
        pending: deque[_Group] = deque()
        ended = False

        def read_one() -> None:
            nonlocal ended
            chunk = next(it, None)
            if chunk is None:
                ended = True
                return
            with emb.busy():
                sentences = engine.read_ahead(_texts(chunk))
            pending.append(_Group(chunk, emb.submit(sentences), len(sentences)))

        def ask_words(g: _Group) -> None:
            emb.collect(g.sentences)
            words: set[str] = set()
            for _, item in g.chunk:
                if not isinstance(item, str):
                    try:
                        words |= engine.match_words(engine.prepare_wire(item[1], f"wire of {item[0]}"), item[2])
                    except CompareError:
                        pass           # reported when the pair is compared
            g.words = emb.submit(sorted(words), urgent=True)
            g.asked = True

        def one_step() -> bool:
            """Do one piece of work that does not wait for the child; False when there is none."""
            for g in pending:
                if not g.asked and emb.ready(g.sentences):
                    ask_words(g)
                    return True
            if not ended and len(pending) <= LOOKAHEAD and sum(g.new for g in pending) < LOOKAHEAD_SENTENCES:
                read_one()
                return True
            return False

        def wait_oldest() -> None:
            """Wait for the oldest job the child has not finished."""
            for g in pending:
                if not g.asked:
                    ask_words(g)
                    return
                if g.words is not None and not emb.ready(g.words):
                    emb.collect(g.words)
                    g.words = None
                    return

        read_one()
        while pending:
            if one_step():
                continue
            head = pending[0]
            if head.asked and emb.ready(head.words):
                emb.collect(head.words)
                pending.popleft()
                with emb.busy():
                    results = _compare_chunk(engine, head.chunk, preload=False)
                yield results
            else:
                wait_oldest()


@dataclass
class _Group:
    """A group of pairs on its way through ``_two_processes``."""
    chunk: list
    sentences: int | None            # the child's job embedding its sentences
    new: int                         # how many sentences were new (analysed, and sent to the child)
    words: int | None = None         # the child's job embedding the words its checks may ask about
    asked: bool = False


def iter_results(lines, engine=None, on_error: Callable[[int, str], None] | None = None, processes: int = 1):
    """Yield ``(line_number, record)`` for each comparable line of ``lines`` (``str`` or UTF-8 ``bytes``),
    in input order. ``processes=2`` runs the embedding model in a child process (``engine`` is then
    not used: this process builds its own around the child)."""
    chunks = _chunks(lines, on_error)
    if processes > 1:
        groups = _two_processes(chunks)
    else:
        from .engine import get_engine
        engine = engine or get_engine()
        groups = (_compare_chunk(engine, chunk) for chunk in chunks)
    for group in groups:
        for n, rec, err in group:
            if rec is not None:
                yield n, rec
            elif on_error:
                on_error(n, err)


def run_batch(src: str | TextIO, out_path: str, progress: bool = False, engine=None,
              on_error: Callable[[int, str], None] | None = None, processes: int = 1) -> BatchStats:
    stats = BatchStats()

    def err(n, msg):
        stats.skipped += 1
        if on_error:
            on_error(n, msg)

    fh = open(src, "rb") if isinstance(src, str) else getattr(src, "buffer", src)
    try:
        lines = fh
        bar = None
        if progress:
            from tqdm import tqdm
            bar = tqdm(unit="pair", desc="comparing")
        with open(out_path, "w", encoding="utf-8") as out:
            for _, rec in iter_results(lines, engine, err, processes):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                out.flush()
                stats.done += 1
                if bar is not None:
                    bar.update(1)
        if bar is not None:
            bar.close()
    except UnicodeDecodeError as exc:
        raise CompareError(f"{src}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    finally:
        if isinstance(src, str):
            fh.close()
    return stats

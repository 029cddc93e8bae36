"""Batch comparison: a JSONL stream of pairs in, a JSONL stream of results out, in bounded memory.

Lines are read a group at a time and each result is written (and flushed) as soon as it is ready, so
a file of any length runs in constant memory; the engine's caches are bounded, and a line longer than
``MAX_LINE_BYTES`` is skipped without being held in memory. A line that cannot be compared (bad JSON,
a text the engine refuses, one holding lone surrogates) is reported through
``on_error(line_number, message)`` and skipped; an id seen on an earlier line is reported through
``on_warning`` and compared all the same.

Results stream into a temporary file beside the output, moved into its place (``os.replace``) when
the run ends, is interrupted (Ctrl-C, SIGTERM: :class:`BatchInterrupted`) or fails after writing
something, so the output is never emptied before the run has anything to put there, and an output
that is the input file itself is refused before anything is written.

Pairs are read ``READ_AHEAD`` at a time: spaCy and the embedding model each see the sentences of a
whole group in one call, which is far faster than many small calls. With ``processes=2`` (what the
command line uses on a machine with two cores) the embedding model runs in a child process
(:mod:`compare.embed.process`) and embeds the next group while this one is checked. Measured before
choosing it: a second thread gave nothing (the checks hold the GIL while the model runs), and two
full engines in two processes were slower, each preparing the same long wire copies.
"""
from __future__ import annotations

import json
import os
import signal
import threading
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, TextIO

from .errors import CompareError
from .output.files import OutputFile, refuse_input_as_output
from .text.inputs import MAX_TEXT_CHARS, check_encodable

__all__ = ["run_batch", "BatchStats", "BatchInterrupted", "iter_results", "default_processes", "READ_AHEAD",
           "MAX_LINE_BYTES"]

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
#: the longest line read (bytes, with its line ending): two texts at the character limit, every
#: character JSON-escaped (``\u00e9``: 6 bytes), and room for the rest. A longer line is skipped while
#: it is read, a megabyte at a time, never held whole
MAX_LINE_BYTES = 12 * MAX_TEXT_CHARS + 1_000_000


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
    duplicates: int = 0


class BatchInterrupted(KeyboardInterrupt):
    """A run stopped by Ctrl-C (or SIGTERM): the results written so far are in ``out_path`` (which is
    left as it was when none had been written)."""

    def __init__(self, stats: BatchStats, out_path: str, signum: int = signal.SIGINT):
        super().__init__(f"interrupted: {stats.done} result(s) written to {out_path}")
        self.stats, self.out_path, self.signum = stats, out_path, signum


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
    pid = rec["id"]
    # a "\ud800" escape gives a str that cannot be hashed, stored or written as UTF-8: refused here,
    # before the group's texts reach the engine (which hashes them first), not half-way through the group
    check_encodable(pid if isinstance(pid, str) else json.dumps(pid, ensure_ascii=False), "id")
    check_encodable(rec["wire"], f"wire of {pid}")
    check_encodable(rec["derived"], f"derived of {pid}")
    return pid, rec["wire"], rec["derived"]


class _Overlong:
    """Stands for a line over ``MAX_LINE_BYTES``, read and dropped a piece at a time."""
    __slots__ = ("size",)

    def __init__(self, size: int):
        self.size = size


def _read_lines(fh):
    """The lines of a file, each at most ``MAX_LINE_BYTES`` long; a longer one is read a megabyte at a
    time, dropped, and given as an ``_Overlong`` with its size (memory stays bounded)."""
    limit = MAX_LINE_BYTES
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit:
            yield line
            continue
        size, end = len(line), line[-1:]
        newline = "\n" if isinstance(line, str) else b"\n"
        del line
        while end != newline:
            piece = fh.readline(1 << 20)
            if not piece:
                break
            size, end = size + len(piece), piece[-1:]
        yield _Overlong(size)


def _overlong(size: int) -> str:
    return (f"{size:,} bytes, over the {MAX_LINE_BYTES:,}-byte limit for one line (two texts of at most "
            f"{MAX_TEXT_CHARS:,} characters each); not read: split the article or compare its relevant part")


def _decoded(lines, on_error):
    """``(line_number, text)`` of each non-blank line; a line that is not UTF-8 or too long is reported
    and skipped."""
    for n, line in enumerate(lines, 1):
        if isinstance(line, _Overlong) or len(line) > MAX_LINE_BYTES:
            if on_error:
                on_error(n, _overlong(line.size if isinstance(line, _Overlong) else len(line)))
            continue
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


def _show(pid) -> str:
    text = repr(pid) if isinstance(pid, (str, int, float)) else json.dumps(pid, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def _chunks(lines, on_error, on_warning=None):
    """Lists of ``(line_number, parsed pair or error message)``, at most READ_AHEAD pairs / READ_AHEAD_CHARS each.
    An id already seen is reported through ``on_warning``: the first line of each id is kept by the
    hash of the id (an int, whatever the id's length), so the ids of a long run cost little memory."""
    chunk, size, limit = [], 0, min(FIRST_GROUP, READ_AHEAD)
    seen: dict[int, int] = {}
    for n, line in _decoded(lines, on_error):
        try:
            item = _parse(line)
            size += len(item[1]) + len(item[2])
        except CompareError as exc:
            item = str(exc)
        else:
            key = hash(json.dumps(item[0], sort_keys=True))
            first = seen.setdefault(key, n)
            if first != n and on_warning:
                on_warning(n, f"id {_show(item[0])} also on line {first}")
        chunk.append((n, item))
        if len(chunk) >= limit or size >= READ_AHEAD_CHARS:
            yield chunk
            chunk, size, limit = [], 0, min(2 * limit, READ_AHEAD)
    if chunk:
        yield chunk


def _compare_chunk(engine, chunk, preload: bool = True) -> list[tuple[int, dict | None, str | None]]:
    """``(line_number, record, None)`` or ``(line_number, None, error message)`` for each pair of a group,
    compared together (``Engine.compare_group``: the judge reads the whole group's sentence pairs at once)."""
    from .output.json_report import batch_record
    if preload:
        engine.preload(_texts(chunk))
    out: list[tuple[int, dict | None, str | None]] = []
    items, slots = [], []
    for n, item in chunk:
        if isinstance(item, str):
            out.append((n, None, item))
            continue
        pid, wire, derived = item
        try:
            items.append((engine.prepare_wire(wire, f"wire of {pid}"), derived, f"derived of {pid}"))
        except CompareError as exc:
            out.append((n, None, str(exc)))
            continue
        slots.append((len(out), n, pid))
        out.append((n, None, None))
    for (k, n, pid), result in zip(slots, engine.compare_group(items) if items else []):
        out[k] = (n, None, str(result)) if isinstance(result, CompareError) else (n, batch_record(pid, result), None)
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
    from .embed.process import ProcessEmbedder
    from .engine import Engine
    from .text.nlp import load_without_torch
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


def iter_results(lines, engine=None, on_error: Callable[[int, str], None] | None = None, processes: int = 1,
                 on_warning: Callable[[int, str], None] | None = None):
    """Yield ``(line_number, record)`` for each comparable line of ``lines`` (``str`` or UTF-8 ``bytes``,
    or a file opened for reading: its lines are then read at most ``MAX_LINE_BYTES`` at a time), in
    input order. ``processes=2`` runs the embedding model in a child process (``engine`` is then not
    used: this process builds its own around the child); closing this generator shuts it down."""
    if hasattr(lines, "readline"):
        lines = _read_lines(lines)
    chunks = _chunks(lines, on_error, on_warning)
    if processes > 1:
        groups = _two_processes(chunks)
    else:
        from .engine import get_engine
        engine = engine or get_engine()
        groups = (_compare_chunk(engine, chunk) for chunk in chunks)
    try:
        for group in groups:
            for n, rec, err in group:
                if rec is not None:
                    yield n, rec
                elif on_error:
                    on_error(n, err)
    finally:
        groups.close()          # the embedding process, if any, is shut down now, not when collected


class _Stop:
    """While a run lasts, Ctrl-C and SIGTERM raise ``KeyboardInterrupt`` (carrying the signal) once;
    any further one is ignored, so the clean-up that follows (output moved into place, embedding
    process shut down) is not itself interrupted. One that comes while a result is being written and
    counted (``held``) is raised just after, so the count always matches the lines written. Outside
    the main thread signals cannot be handled here: nothing changes."""

    def __init__(self):
        self.old: dict = {}
        self.holding = False
        self.pending: int | None = None

    def __enter__(self) -> "_Stop":
        if threading.current_thread() is threading.main_thread():
            self.old = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
            if self.old[signal.SIGINT] is signal.SIG_IGN:     # started in the background: stays ignored
                del self.old[signal.SIGINT]
            for sig in self.old:
                signal.signal(sig, self._stop)
        return self

    def __exit__(self, *exc) -> None:
        for sig, handler in self.old.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)

    def _stop(self, signum, frame) -> None:
        for sig in self.old:
            signal.signal(sig, signal.SIG_IGN)
        if self.holding:
            self.pending = signum
        else:
            self._raise(signum)

    @staticmethod
    def _raise(signum: int):
        exc = KeyboardInterrupt()
        exc.signum = signum
        raise exc

    @contextmanager
    def held(self):
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.pending is not None:
            self._raise(self.pending)


def run_batch(src: str | TextIO, out_path: str, progress: bool = False, engine=None,
              on_error: Callable[[int, str], None] | None = None, processes: int = 1,
              on_warning: Callable[[int, str], None] | None = None, results=None) -> BatchStats:
    """Compare every pair of ``src`` (a path, or a file such as standard input), writing one JSON line
    per result to ``out_path``. Raises :class:`CompareError` before anything is written when
    ``out_path`` is the input, and :class:`BatchInterrupted` (after moving the results written so
    far into place) on Ctrl-C or SIGTERM. ``results(fh, on_error, on_warning)``, when given, yields
    ``(line_number, record)`` (a dict, or its JSON text) in place of :func:`iter_results` (Ray's
    runner, ``compare.ray_batch``, gives its own)."""
    refuse_input_as_output(src, out_path)
    stats = BatchStats()

    def err(n, msg):
        stats.skipped += 1
        if on_error:
            on_error(n, msg)

    def warn(n, msg):
        stats.duplicates += 1
        if on_warning:
            on_warning(n, msg)

    fh = open(src, "rb") if isinstance(src, str) else getattr(src, "buffer", src)
    make_results = results or (lambda f, on_err, on_warn: iter_results(f, engine, on_err, processes, on_warn))
    out = None
    stream = None
    bar = None
    try:
        with _Stop() as stop:
            try:
                out = OutputFile(out_path)
                if progress:
                    from tqdm import tqdm
                    bar = tqdm(unit="pair", desc="comparing")
                stream = make_results(fh, err, warn)
                for _, rec in stream:
                    line = (rec if isinstance(rec, str) else json.dumps(rec, ensure_ascii=False)) + "\n"
                    with stop.held():               # a line written is a line counted
                        out.write(line)
                        out.flush()
                        stats.done += 1
                    if bar is not None:
                        bar.update(1)
            except KeyboardInterrupt as exc:
                if out is not None:                 # first: what was written is kept whatever follows (with
                    (out.commit if stats.done else out.discard)()     # nothing, the old file stays)
                if stream is not None:
                    stream.close()
                raise BatchInterrupted(stats, out_path, getattr(exc, "signum", signal.SIGINT)) from None
            except BaseException:
                if out is not None:                 # a failure: results written are kept, else the old file
                    (out.commit if stats.done else out.discard)()
                if stream is not None:
                    stream.close()
                raise
            out.commit()
    except UnicodeDecodeError as exc:
        raise CompareError(f"{src}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    finally:
        if bar is not None:
            bar.close()
        if isinstance(src, str):
            fh.close()
    return stats

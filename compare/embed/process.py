"""An :class:`~compare.embed.embedder.Embedder` whose model runs in a child process, for batch mode on two cores.

Batch mode splits the work by stage rather than by pair: this process segments, analyses (spaCy) and
checks, the child process only embeds. ``submit`` does not wait, so the child embeds the next
group of pairs while this process checks the current one; urgent requests (the words a check needs
now) jump the queue. The child embeds on both cores while this process waits for it, and on one
from the moment this process starts heavy work (``busy()``: spaCy, checks) until it waits again, so
the two do not fight over the cores. Told at every wait and every end of work instead, the child ran
whole slices of the longest sentences on the wrong number of threads: one after each short
bookkeeping step, two (and four times slower) in the gaps between two heavy steps. Splitting by
pair instead (two full engines) was measured slower: both processes prepared the same long wire
copies, and each loaded spaCy and the lexicon as well as the model.

    with ProcessEmbedder() as emb:        # the child starts loading the model at once
        job = emb.submit(sentences)        # returns at once
        with emb.busy():
            ...                            # heavy work here: the child keeps to one core meanwhile
        emb.ready(job)                     # never waits
        emb.collect(job)                   # now cached: emb.encode(sentences) costs nothing
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from contextlib import contextmanager

import numpy as np

from ..errors import CompareError, ModelError
from .embedder import CACHE_SIZE, DIM, Embedder, is_short, join_long, run_model, split_long

__all__ = ["ProcessEmbedder"]


#: texts embedded at a time: between two such slices the child takes new requests, so an urgent one
#: (the words a check waits for) never waits behind a whole group of sentences
SLICE = 64


def _slice(texts: list[str], order: list[int], start: int) -> list[str]:
    """The next texts to embed: ``SLICE`` sentences, or four times as many single words."""
    part, weight = [], 0.0
    for k in order[start:]:
        if weight >= SLICE:
            break
        part.append(texts[k])
        weight += 0.25 if is_short(texts[k]) else 1.0
    return part


def _serve(conn) -> None:
    """The child: load the model once, then answer ``(job, texts, urgent)`` with ``(job, vectors or error
    text)``. Urgent jobs go first; a job's texts are sorted by length and embedded ``SLICE`` at a time.
    Ctrl-C is the parent's to handle (it shuts the child down): the child starts with SIGINT blocked
    (see ``ProcessEmbedder.__init__``) and ignores it, so it never prints a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    fixed = os.environ.get("COMPARE_THREADS")         # a thread count the user chose is kept as it is
    os.environ.setdefault("COMPARE_THREADS", "1")     # the other core is busy with the checks
    from .embedder import load_model
    # tqdm (under sentence-transformers, for a model compare.embed.bert cannot run) would create a
    # multiprocessing lock, which the fast exit below would leave to the resource tracker, with a warning
    try:
        from tqdm.std import TqdmDefaultWriteLock
        TqdmDefaultWriteLock.mp_lock = None
    except ImportError:
        pass
    try:
        model, error = load_model(), None
    except ModelError as exc:
        model, error = None, str(exc)
    threads, idle = 1, True
    queue: deque = deque()            # [job, texts, order, vectors so far]
    while True:
        try:
            while not queue or conn.poll():
                msg = conn.recv()
                if msg is None:         # done: nothing to save here, so skip the interpreter's slow
                    conn.close()        # teardown of torch (about a second)
                    os._exit(0)
                if msg[0] == "idle":       # the parent is idle or waits for us (True), or works (False)
                    idle = msg[1]
                    continue
                job, texts, urgent = msg
                if error is not None:
                    conn.send((job, error))
                    continue
                order = sorted(range(len(texts)), key=lambda k: -len(texts[k]))
                (queue.appendleft if urgent else queue.append)([job, texts, order, []])
        except (EOFError, OSError, KeyboardInterrupt):
            return
        # one torch thread while the parent works on the other core; every core while it waits for us
        want = threads if fixed else (min(2, os.cpu_count() or 1) if idle else 1)
        if want != threads:
            import torch
            torch.set_num_threads(want)
            threads = want
        item = queue[0]
        job, texts, order, done = item
        part = _slice(texts, order, len(done))
        done.extend(run_model(model, part))
        if len(done) == len(texts):
            queue.popleft()
            vecs = np.empty((len(texts), DIM), dtype=np.float32)
            vecs[order] = np.asarray(done, dtype=np.float32)
            conn.send((job, vecs))


def _block_sigint():
    """Block SIGINT in this thread; return the mask to restore (None where signals cannot be masked)."""
    try:
        return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    except (AttributeError, OSError, ValueError):
        return None


class ProcessEmbedder(Embedder):
    def __init__(self, cache_size: int = CACHE_SIZE, disk="env"):
        super().__init__(model=None, cache_size=cache_size, disk=disk)
        ctx = multiprocessing.get_context("spawn")     # a clean interpreter, whatever this process has loaded
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child,), name="compare-embed", daemon=True)
        self._next = 0
        self._done: dict[int, object] = {}
        self._jobs: dict[int, tuple[list[str], list[int]]] = {}     # job → its texts, and each window's text
        self._busy = 0
        self._told_idle = True          # the child starts on every core
        # the child inherits a blocked SIGINT (through fork and exec), so a Ctrl-C at the terminal, which
        # reaches the whole process group, cannot interrupt it even while its interpreter starts; one that
        # comes meanwhile reaches this process when it is unblocked below, and the child is shut down
        blocked = _block_sigint()
        try:
            self._proc.start()
        finally:
            child.close()
        if blocked is not None:
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            except KeyboardInterrupt:
                self.close(finished=False)
                raise

    @property
    def model(self):
        raise AttributeError("the model of a ProcessEmbedder runs in its child process")

    def _run(self, pieces: list[str]) -> np.ndarray:
        """A plain ``encode`` of texts not cached: ask the child, ahead of any queued job, and wait."""
        return self._wait(self._send(pieces))

    # -- requests ----------------------------------------------------------------------------------
    def _send(self, texts: list[str], urgent: bool = True) -> int:
        job, self._next = self._next, self._next + 1
        try:
            self._conn.send((job, texts, urgent))
        except (OSError, EOFError):
            raise self._died() from None
        return job

    def _wait(self, job: int) -> np.ndarray:
        if job not in self._done:
            if not self._told_idle:
                self._tell_idle(True)           # nothing to do here: the child may use every core
            self._receive(job, wait=True)
            if self._busy:                      # waited in the middle of heavy work, which goes on
                self._tell_idle(False)
        result = self._done.pop(job)
        if isinstance(result, str):
            raise ModelError(result)
        return result

    def _died(self) -> CompareError:
        return CompareError("the embedding process stopped unexpectedly (out of memory?); "
                            "rerun with --processes 1 to compare in one process")

    def submit(self, texts: list[str], urgent: bool = False) -> int | None:
        """Start embedding the texts not cached yet; returns a job for ``collect`` (None: nothing to do).
        An urgent job is embedded before the jobs already waiting (a plain ``encode`` call is urgent)."""
        missing = self.missing(texts)
        if not missing:
            return None
        pieces, owners = split_long(missing)
        job = self._send(pieces, urgent)
        self._jobs[job] = (missing, owners)
        return job

    @contextmanager
    def busy(self):
        """Around heavy work in this process (spaCy, checks): the child embeds on one core from here
        until this process next waits for it, and on every core while it waits. Only heavy work
        takes the child off the second core: the short bookkeeping after a wait does not, and the
        light steps between two heavy blocks do not give it back (either way the child would run a
        whole slice on the wrong number of threads)."""
        if self._told_idle:
            self._tell_idle(False)
        self._busy += 1
        try:
            yield
        finally:
            self._busy -= 1

    def _tell_idle(self, idle: bool) -> None:
        try:
            self._conn.send(("idle", idle))
        except (OSError, EOFError):
            raise self._died() from None
        self._told_idle = idle

    def ready(self, job: int | None) -> bool:
        """Whether ``collect(job)`` would return at once (never waits)."""
        if job is None:
            return True
        self._receive(job, wait=False)
        return job in self._done

    def _receive(self, job: int, wait: bool) -> None:
        """Take the child's answers until ``job``'s has come (``wait``) or none is waiting to be read."""
        try:
            while job not in self._done and (wait or self._conn.poll()):
                j, result = self._conn.recv()
                self._done[j] = result
        except (OSError, EOFError):
            raise self._died() from None

    def collect(self, job: int | None) -> None:
        """Wait for a submitted job and put its vectors in the cache."""
        if job is None:
            return
        texts, owners = self._jobs.pop(job)
        self.store(texts, join_long(self._wait(job), owners, len(texts)))

    # -- lifetime ----------------------------------------------------------------------------------
    def close(self, finished: bool = True) -> None:
        """Shut the child down. ``finished``: every job was collected, so the child is waiting for the
        next message and is told to exit. Otherwise (Ctrl-C, an error) it may be blocked sending a
        result nobody reads, and a message to it could block this process for good: it is
        terminated (it holds nothing worth keeping; the vectors are cached here, by this process)."""
        if self._proc.is_alive():
            if finished:
                try:
                    self._conn.send(None)
                except (OSError, EOFError):
                    pass
                self._proc.join(timeout=2)
            if self._proc.is_alive():       # interrupted, or still loading the model (it reads nothing before)
                self._proc.terminate()
                self._proc.join(timeout=5)
            if self._proc.is_alive():
                self._proc.kill()
                self._proc.join(timeout=5)
        self._conn.close()

    def __enter__(self) -> "ProcessEmbedder":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self.close(finished=exc_type is None and not self._jobs)

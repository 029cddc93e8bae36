"""An :class:`~compare.embed.Embedder` whose model runs in a child process, for batch mode on two cores.

Batch mode splits the work by stage rather than by pair: this process segments, analyses (spaCy) and
checks, the child process only embeds. ``submit`` does not wait, so the child embeds the next
group of pairs while this process checks the current one; urgent requests (the words a check needs
now) jump the queue. The child uses one torch thread while this process works and both cores while
this process waits for it (17.5 s against 18.3 s on the development batch, five runs each).
Splitting by pair instead (two full engines) was measured slower: both processes prepared the same
long wire copies, and each loaded spaCy and the lexicon as well as the model.

    with ProcessEmbedder() as emb:        # the child starts loading the model at once
        job = emb.submit(sentences)        # returns at once
        ...                                # other work
        emb.collect(job)                   # now cached: emb.encode(sentences) costs nothing
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque

import numpy as np

from .embed import BATCH_SIZE, CACHE_SIZE, DIM, Embedder, join_long, split_long
from .errors import CompareError, ModelError

__all__ = ["ProcessEmbedder"]


#: texts embedded at a time: between two such slices the child takes new requests, so an urgent one
#: (the words a check waits for) never waits behind a whole group of sentences
SLICE = 64


def _serve(conn) -> None:
    """The child: load the model once, then answer ``(job, texts, urgent)`` with ``(job, vectors or error
    text)``. Urgent jobs go first; a job's texts are sorted by length and embedded ``SLICE`` at a time."""
    fixed = os.environ.get("COMPARE_THREADS")         # a thread count the user chose is kept as it is
    os.environ.setdefault("COMPARE_THREADS", "1")     # the other core is busy with the checks
    from .embed import load_model
    try:
        model, error = load_model(), None
    except ModelError as exc:
        model, error = None, str(exc)
    threads, idle = 1, False
    queue: deque = deque()            # [job, texts, order, vectors so far]
    while True:
        try:
            while not queue or conn.poll():
                msg = conn.recv()
                if msg is None:
                    return
                if msg[0] == "idle":       # the parent waits for us (True) or works again (False)
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
        part = [texts[k] for k in order[len(done):len(done) + SLICE]]
        done.extend(model.encode(part, batch_size=BATCH_SIZE, convert_to_numpy=True, normalize_embeddings=True,
                                 show_progress_bar=False))
        if len(done) == len(texts):
            queue.popleft()
            vecs = np.empty((len(texts), DIM), dtype=np.float32)
            vecs[order] = np.asarray(done, dtype=np.float32)
            conn.send((job, vecs))


class _RemoteModel:
    """Stands in for the SentenceTransformer inside ``Embedder``: ``encode`` asks the child and waits."""

    def __init__(self, owner: "ProcessEmbedder"):
        self._owner = owner

    def encode(self, texts, **_):
        return self._owner._wait(self._owner._send(list(texts)))


class ProcessEmbedder(Embedder):
    def __init__(self, cache_size: int = CACHE_SIZE, disk="env"):
        super().__init__(model=None, cache_size=cache_size, disk=disk)
        ctx = multiprocessing.get_context("spawn")     # a clean interpreter, whatever this process has loaded
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child,), name="compare-embed", daemon=True)
        self._proc.start()
        child.close()
        self._model = _RemoteModel(self)
        self._next = 0
        self._done: dict[int, object] = {}
        self._jobs: dict[int, list[str]] = {}

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
            try:
                self._conn.send(("idle", True))         # nothing to do here: the child may use every core
                while job not in self._done:
                    j, result = self._conn.recv()
                    self._done[j] = result
                self._conn.send(("idle", False))        # back to work: the child goes back to one thread
            except (OSError, EOFError):
                raise self._died() from None
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

    def collect(self, job: int | None) -> None:
        """Wait for a submitted job and put its vectors in the cache."""
        if job is None:
            return
        texts, owners = self._jobs.pop(job)
        self.store(texts, join_long(self._wait(job), owners, len(texts)))

    # -- lifetime ----------------------------------------------------------------------------------
    def close(self) -> None:
        if self._proc.is_alive():
            try:
                self._conn.send(None)
            except (OSError, EOFError):
                pass
            self._proc.join(timeout=5)
            if self._proc.is_alive():
                self._proc.terminate()
        self._conn.close()

    def __enter__(self) -> "ProcessEmbedder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

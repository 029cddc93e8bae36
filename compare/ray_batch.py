"""Batch comparisons and embeddings on Ray Data: one machine's cores, or a cluster's.

``run_ray_batch`` is :func:`compare.batch.run_batch` with the comparisons spread over a pool of Ray
actors: each actor builds one engine (embedding model, spaCy, lexicon, judge) when it starts and
compares a group of pairs per call with the local batch's own function (``batch._compare_chunk``), so
a record is the one the local batch writes. This process reads and checks the lines with the local
batch's helpers (a bad line is reported with its number in the same words, a repeated id warned
about), sends only good pairs to Ray, and writes the results in input order
(``DataContext.execution_options.preserve_order``) as they come back, through the same
:class:`~compare.batch.OutputFile`: a temporary file beside ``--out``, moved into place at the end,
on Ctrl-C (:class:`~compare.batch.BatchInterrupted`) or on a failure after something was written.

The input is read a window at a time (``WINDOW_PAIRS`` pairs): a window's groups go into Ray's object
store (which spills to disk) and are compared, and their results written, before the next window is
read, so memory holds one window, however long the input. Each window starts a pool of actors of its
own.

``ray_encoder`` embeds many texts on the same pool: the vectors ``compare.embed.embedder.get_embedder().encode``
gives, in order, for ``compare archive add --engine ray``.

Ray is imported only here, and this module only when ``--engine ray`` is asked for. Without an
address (``--address`` or ``RAY_ADDRESS``) a private local Ray is started with one CPU per worker and
shut down at the end; with one, the run joins that cluster (every node needs the same install, at the
same path: docs/scale.md). Workers run offline: the variables in ``WORKER_ENV`` (and those of
``PASSED_ENV`` that are set here) are set on every worker.
"""
from __future__ import annotations

import json
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TextIO

import numpy as np

from .batch import BatchStats, _chunks, _compare_chunk, _read_lines, run_batch
from .errors import CompareError
from .output.files import refuse_input_as_output

__all__ = ["run_ray_batch", "ray_encoder", "RayEncoder", "ray_session", "worker_env", "WORKER_ENV", "PASSED_ENV"]

ROOT = Path(__file__).resolve().parent.parent
#: set on every worker: nothing is downloaded, tokenizers do not start threads of their own
WORKER_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
#: passed on to the workers when set here: the engine's switches and caches
PASSED_ENV = ("COMPARE_DISABLE", "COMPARE_JUDGE", "COMPARE_NLI_MODEL", "COMPARE_EMBED_CACHE", "COMPARE_THREADS")
#: texts per embedding call on a worker
EMBED_BLOCK = 256
#: pairs read, put into Ray's object store and compared before the next are read: memory holds one
#: window of the input. Each window starts its actors afresh (each loads its models again: seconds), so a
#: window is large enough for that to be a small share of its comparing (4,096 pairs: minutes a worker)
WINDOW_PAIRS = 4096
#: seconds to wait for the cluster at ``--address`` to answer before saying it cannot be reached
CONNECT_TIMEOUT_S = 10


def worker_env() -> dict[str, str]:
    """The environment variables every worker gets (``runtime_env["env_vars"]``). ``PYTHONPATH`` names
    this checkout, so a worker imports the same ``compare`` (on a cluster: at the same path)."""
    env = dict(WORKER_ENV)
    env.update({k: os.environ[k] for k in PASSED_ENV if os.environ.get(k)})
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return env


def _quiet() -> None:
    """Ray's own logging at ERROR, Ray Data's progress bars off: the run's lines are the batch's."""
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "ERROR")       # Ray Data sets its loggers' level from this
    for name in ("ray", "ray.data", "ray.train", "ray.tune"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _unreachable(address: str, why: str) -> CompareError:
    return CompareError(f"cannot reach the Ray cluster at {address} ({why}); start one with `ray start --head` "
                        "or check --address / RAY_ADDRESS")


def _check_reachable(address: str) -> None:
    """Refuse an address nothing answers at within ``CONNECT_TIMEOUT_S`` (Ray itself retries for minutes)."""
    import socket
    from urllib.parse import urlsplit
    if address in ("auto", "local"):
        return
    parts = urlsplit(address if "://" in address else f"ray://{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise _unreachable(address, "not host:port") from None
    if not host or not port:
        raise _unreachable(address, "expected host:port, such as 10.0.0.5:6379")
    try:
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        raise _unreachable(address, exc.strerror or str(exc) or type(exc).__name__) from None


@contextmanager
def ray_session(workers: int | None = None, address: str | None = None) -> Iterator[int]:
    """Ray, ready to run on; yields the number of workers to use.

    A Ray already initialised in this process (a test's, a notebook's) is used as it is and left
    running. Otherwise ``address`` (else ``RAY_ADDRESS``) joins that cluster, and without one a private
    local Ray is started with ``workers`` CPUs (default: this machine's cores); what was started here
    is shut down on the way out. Workers default to the cluster's CPUs."""
    if workers is not None and workers < 1:
        raise CompareError(f"--workers {workers}: expected at least 1")
    _quiet()
    import ray
    started = False
    if not ray.is_initialized():
        address = address or os.environ.get("RAY_ADDRESS") or None
        kwargs = dict(include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR,
                      runtime_env={"env_vars": worker_env()})
        if address is None:
            workers = workers or os.cpu_count() or 1
            kwargs.update(address="local", num_cpus=workers)
        else:
            _check_reachable(address)
            kwargs.update(address=address)
        try:
            ray.init(**kwargs)
        except (ConnectionError, RuntimeError, ValueError, TimeoutError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise _unreachable(address, first) from None
        started = True
    try:
        if workers is None:
            workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        yield workers
    finally:
        if started:
            ray.shutdown()


def _data_context():
    import ray.data
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True     # results come back in input order
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    return ctx


def _map_on_actors(ds, udf, size: int):
    """``ds`` mapped by ``udf`` on a pool of ``size`` actors, one CPU and one Arrow block per call. An actor
    that dies is not restarted (``max_restarts=0``): the run stops with what it wrote kept, rather than
    retrying without end. Ray 2.60 has no named parameter for it and warns that its ``ray_remote_args``
    are deprecated; the warning is kept off the user's terminal."""
    import warnings
    from ray.data import ActorPoolStrategy
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"`ray_remote_args` is deprecated")
        return ds.map_batches(udf, batch_size=None, batch_format="pyarrow", compute=ActorPoolStrategy(size=size),
                              num_cpus=1, max_restarts=0)


class _PairComparer:
    """The Ray Data UDF: one engine per actor, loaded when the actor starts; a group of pairs per call,
    compared by the local batch's function."""

    def __init__(self):
        from .engine import Engine
        self.engine = Engine().warm_up()

    def __call__(self, batch):
        import pyarrow as pa
        chunk = [(n, (json.loads(pid), wire, derived)) for n, pid, wire, derived in
                 zip(batch["line"].to_pylist(), batch["id"].to_pylist(), batch["wire"].to_pylist(),
                     batch["derived"].to_pylist())]
        lines, records, errors = [], [], []
        for n, rec, err in _compare_chunk(self.engine, chunk):
            lines.append(n)
            records.append("" if rec is None else json.dumps(rec, ensure_ascii=False))
            errors.append(err or "")
        return pa.table({"line": pa.array(lines, pa.int64()), "record": pa.array(records, pa.string()),
                         "error": pa.array(errors, pa.string())})


def _pair_blocks(chunks, on_parse_error: Callable[[int, str], None]) -> list:
    """The good pairs of ``chunks`` (``batch._chunks``) put into Ray's object store, one Arrow table
    per group; a line that could not be parsed goes to ``on_parse_error``."""
    import pyarrow as pa
    import ray
    refs = []
    for chunk in chunks:
        good = []
        for n, item in chunk:
            if isinstance(item, str):
                on_parse_error(n, item)
            else:
                good.append((n, json.dumps(item[0], ensure_ascii=False), item[1], item[2]))
        if good:
            cols = list(zip(*good))
            refs.append(ray.put(pa.table({"line": pa.array(cols[0], pa.int64()), "id": pa.array(cols[1], pa.string()),
                                          "wire": pa.array(cols[2], pa.string()),
                                          "derived": pa.array(cols[3], pa.string())})))
    return refs


def iter_ray_results(fh, workers: int, on_error: Callable[[int, str], None] | None = None,
                     on_warning: Callable[[int, str], None] | None = None) -> Iterator[tuple[int, str]]:
    """``(line_number, JSON text of the record)`` for each comparable line of ``fh`` (a file opened in
    binary mode), in input order, compared on a pool of ``workers`` actors of the Ray this process is
    connected to. Bad lines go to ``on_error`` in line order, as the local batch reports them. The input
    is read a window of ``WINDOW_PAIRS`` pairs at a time, so memory holds one window, not the file."""
    chunks = _chunks(_read_lines(fh), on_error, on_warning)
    while window := _next_window(chunks):
        yield from _window_results(window, workers, on_error)


def _next_window(chunks) -> list:
    """The next groups of ``chunks`` (``batch._chunks``), whole, until they hold ``WINDOW_PAIRS`` lines or the
    input ends (empty at its end)."""
    window, lines = [], 0
    for chunk in chunks:
        window.append(chunk)
        lines += len(chunk)
        if lines >= WINDOW_PAIRS:
            break
    return window


def _window_results(window: list, workers: int, on_error) -> Iterator[tuple[int, str]]:
    """The results of one window's groups, compared on Ray, with its bad lines reported in line order."""
    import ray.data
    parse_errors: list[tuple[int, str]] = []
    refs = _pair_blocks(window, lambda n, m: parse_errors.append((n, m)))
    pending = iter(parse_errors)
    next_error = next(pending, None)

    def errors_before(line: int):
        nonlocal next_error
        while next_error is not None and next_error[0] < line:
            if on_error:
                on_error(*next_error)
            next_error = next(pending, None)

    if refs:
        _data_context()
        ds = _map_on_actors(ray.data.from_arrow_refs(refs), _PairComparer, min(workers, len(refs)))
        del refs
        for table in ds.iter_batches(batch_size=None, batch_format="pyarrow", prefetch_batches=1):
            for n, record, error in zip(table["line"].to_pylist(), table["record"].to_pylist(),
                                        table["error"].to_pylist()):
                errors_before(n)
                if record:
                    yield n, record
                elif on_error:
                    on_error(n, error)
    errors_before(sys.maxsize)


def run_ray_batch(src: str | TextIO, out_path: str, progress: bool = False,
                  on_error: Callable[[int, str], None] | None = None,
                  on_warning: Callable[[int, str], None] | None = None,
                  workers: int | None = None, address: str | None = None) -> BatchStats:
    """:func:`compare.batch.run_batch` on Ray (see the module docstring): the same records, the same
    reports of bad lines and repeated ids, the same output file and interrupt handling."""
    refuse_input_as_output(src, out_path)           # before Ray starts
    with ray_session(workers, address) as n_workers:
        return run_batch(src, out_path, progress, on_error=on_error, on_warning=on_warning,
                         results=lambda fh, err, warn: iter_ray_results(fh, n_workers, err, warn))


class _TextEmbedder:
    """The Ray Data UDF of ``ray_encoder``: the embedder loaded once per actor."""

    def __init__(self):
        from .embed.embedder import get_embedder
        self.embedder = get_embedder()
        self.embedder.encode(["warm up"])

    def __call__(self, batch):
        import pyarrow as pa
        vectors = self.embedder.encode(batch["text"].to_pylist())
        return pa.table({"index": batch["index"], "vector": pa.array(list(vectors), pa.list_(pa.float32()))})


class RayEncoder:
    """``encoder(texts)``: float32, L2-normalised vectors, one row per text in order, as
    ``compare.embed.embedder.get_embedder().encode(texts)`` gives them, embedded on a pool of Ray actors (the
    model loaded once per actor, per call). ``close()`` (or leaving a ``with`` block) shuts down the
    Ray it started."""

    def __init__(self, workers: int | None = None, address: str | None = None):
        self._session = ray_session(workers, address)
        self.workers = self._session.__enter__()

    def __call__(self, texts: list[str]) -> np.ndarray:
        from .embed.embedder import DIM
        texts = list(texts)
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        import pyarrow as pa
        import ray
        import ray.data
        _data_context()
        refs = [ray.put(pa.table({"index": pa.array(range(k, min(k + EMBED_BLOCK, len(texts))), pa.int64()),
                                  "text": pa.array(texts[k:k + EMBED_BLOCK], pa.string())}))
                for k in range(0, len(texts), EMBED_BLOCK)]
        pool = min(self.workers, len(refs))
        ds = _map_on_actors(ray.data.from_arrow_refs(refs), _TextEmbedder, pool)
        out = np.empty((len(texts), DIM), dtype=np.float32)
        for table in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
            out[np.asarray(table["index"].to_numpy())] = np.stack(table["vector"].to_numpy(zero_copy_only=False))
        return out

    def close(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            session.__exit__(None, None, None)

    def __enter__(self) -> "RayEncoder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def ray_encoder(workers: int | None = None, address: str | None = None) -> RayEncoder:
    """A callable ``list[str] -> np.ndarray`` embedding on Ray (see :class:`RayEncoder`)."""
    return RayEncoder(workers, address)

"""Batch comparison: a JSONL stream of pairs in, a JSONL stream of results out, in bounded memory.

Lines are read one at a time and each result is written (and flushed) as soon as it is ready, so a
file of any length runs in constant memory; the engine's caches are bounded. A line that cannot be
compared is reported through ``on_error(line_number, message)`` and skipped.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable, TextIO

from .errors import CompareError

__all__ = ["run_batch", "BatchStats", "iter_results"]


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


def iter_results(lines, engine=None, on_error: Callable[[int, str], None] | None = None):
    """Yield ``(line_number, record)`` for each comparable line of ``lines`` (``str`` or UTF-8 ``bytes``)."""
    from .engine import get_engine
    from .report import batch_record
    engine = engine or get_engine()
    for n, line in enumerate(lines, 1):
        if isinstance(line, bytes):        # decoded line by line: one bad line must not stop the run
            try:
                line = line.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                if on_error:
                    on_error(n, f"not UTF-8 text (byte 0x{line[exc.start]:02x} at column {exc.start + 1}); "
                                "save the file as UTF-8")
                continue
        if not line.strip():
            continue
        try:
            pid, wire, derived = _parse(line)
            wc = engine.prepare_wire(wire, f"wire of {pid}")
            yield n, batch_record(pid, engine.compare(wc, derived, f"derived of {pid}"))
        except CompareError as exc:
            if on_error:
                on_error(n, str(exc))


def run_batch(src: str | TextIO, out_path: str, progress: bool = False, engine=None,
              on_error: Callable[[int, str], None] | None = None) -> BatchStats:
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
            for _, rec in iter_results(lines, engine, err):
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

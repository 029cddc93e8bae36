"""Throughput of ``compare batch --engine ray`` with 1 and 2 workers against the local batch, same pairs, one run.

    python bench/ray_scale.py                # 200 development pairs (shared/data)
    python bench/ray_scale.py --pairs 40     # a quicker look

Each run is the command as a user types it, with the embeddings cache file off (every vector comes
from a model, as on a first night's work), on the pairs ``bench/scale.py`` writes (development pairs
in turn, each text given a sentence of its own). Reported per run: wall seconds (start-up and model
loading included), pairs per second over the whole run, seconds to the first result, pairs per
second after it (the steady rate, what more pairs would see) and the peak resident memory of the
command and every process it started (Ray's included).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, require_shared
from scale import ENV, tree_rss_kb, write_pairs

RUNS = (("local batch", []), ("ray, 1 worker", ["--engine", "ray", "--workers", "1"]),
        ("ray, 2 workers", ["--engine", "ray", "--workers", "2"]))


def _lines(folder: Path) -> int:
    """Result lines written so far (the temporary file or the output)."""
    return max((p.read_bytes().count(b"\n") for p in folder.iterdir() if "out.jsonl" in p.name), default=0)


def one_run(src: Path, folder: Path, args: list[str]) -> dict:
    out = folder / "out.jsonl"
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "compare", "batch", str(src), "--out", str(out), "--no-progress",
                             *args], cwd=ROOT, env=dict(ENV, COMPARE_EMBED_CACHE="off"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    first, peak = None, 0
    while proc.poll() is None:
        time.sleep(0.5)
        peak = max(peak, tree_rss_kb(proc.pid))
        if first is None and _lines(folder):
            first = time.perf_counter() - t0
    wall = time.perf_counter() - t0
    err = proc.stderr.read()
    if proc.returncode not in (0, 3):
        sys.exit(f"ray_scale: batch {' '.join(args)} failed ({proc.returncode}): {err.strip()[-500:]}")
    done = out.read_bytes().count(b"\n")
    out.unlink()
    first = first or wall
    return {"wall": wall, "done": done, "first": first, "peak_mb": peak / 1024,
            "steady": (done - 1) / (wall - first) if wall > first and done > 1 else float("nan")}


def main() -> None:
    require_shared()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=200)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "pairs.jsonl"
        write_pairs(src, args.pairs)
        for name, extra in RUNS:
            folder = Path(tmp) / name.replace(" ", "_").replace(",", "")
            folder.mkdir()
            rows.append((name, one_run(src, folder, extra)))
    print(f"{args.pairs} pairs; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"{'run':16s} {'wall s':>7s} {'pairs/s':>8s} {'first s':>8s} {'steady/s':>9s} {'peak MB':>8s}")
    for name, r in rows:
        print(f"{name:16s} {r['wall']:7.0f} {r['done'] / r['wall']:8.2f} {r['first']:8.0f} {r['steady']:9.2f} "
              f"{r['peak_mb']:8.0f}")
    one, two = rows[1][1], rows[2][1]
    print(f"2 workers / 1 worker: {one['wall'] / two['wall']:.2f}x over the whole run, "
          f"{two['steady'] / one['steady']:.2f}x after the first result")


if __name__ == "__main__":
    main()

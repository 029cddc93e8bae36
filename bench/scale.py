"""Memory and throughput of ``python -m compare batch`` on a very long input (default 100,000 pairs).

    python bench/scale.py                 # 100,000 pairs (about a quarter of an hour on 2 cores)
    python bench/scale.py --pairs 5000    # a quicker look

The input is streamed to a temporary file: the development pairs (shared/data) in turn, each wire copy
and each derived text given a sentence of its own ("Reference number N.") so that no two pairs are
the same text and every cache keeps filling and evicting as it would on a night's real work. The
command runs as a user runs it (default processes); its resident memory, the parent's plus the
embedding child's, is sampled every half second from /proc and reported at each tenth of the run.
Bounded memory shows as a flat line after the caches have filled: the last tenth is compared with
the second (the ratio column).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import DATA, DEV_SETS, ROOT, read_jsonl, require_shared

ENV = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false",
           PYTHONPATH=str(ROOT))


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and its children (the embedding process), in kB."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def write_pairs(path: Path, n: int) -> None:
    base = [r for s in DEV_SETS for r in read_jsonl(DATA / f"{s}.jsonl")]
    with path.open("w", encoding="utf-8") as out:
        for k in range(n):
            r = base[k % len(base)]
            out.write(json.dumps({"id": f"p{k}", "wire": f"{r['source_text']}\n\nReference number {k}.",
                                  "derived": f"{r['derived_text']}\n\nReference number {k}."}, ensure_ascii=False) + "\n")


def main() -> None:
    require_shared()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "pairs.jsonl", Path(tmp) / "out.jsonl"
        write_pairs(src, args.pairs)
        size_mb = src.stat().st_size / 1e6
        t0 = time.perf_counter()
        env = dict(ENV, COMPARE_EMBED_CACHE=str(Path(tmp) / "embeddings.sqlite3"))    # a fresh cache file
        proc = subprocess.Popen([sys.executable, "-m", "compare", "batch", str(src), "--out", str(out), "--no-progress"],
                                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        marks: dict[int, tuple[float, int, int]] = {}     # tenth → (seconds, pairs done, peak kB so far)
        peak = done = 0
        seen = 0                                          # bytes of the output already counted
        while proc.poll() is None:
            time.sleep(0.5)
            peak = max(peak, tree_rss_kb(proc.pid))
            if out.exists():
                with out.open("rb") as fh:
                    fh.seek(seen)
                    chunk = fh.read()
                cut = chunk.rfind(b"\n") + 1            # whole lines only
                done += chunk[:cut].count(b"\n")
                seen += cut
            tenth = min(10, done * 10 // args.pairs)
            for k in range(1, tenth + 1):
                marks.setdefault(k, (time.perf_counter() - t0, done, peak))
        total = time.perf_counter() - t0
        err = proc.stderr.read()
        if proc.returncode not in (0, 3):
            sys.exit(f"scale: batch failed ({proc.returncode}): {err.strip()[-500:]}")
        done = sum(1 for _ in out.open("rb"))
    print(f"input: {args.pairs} pairs, {size_mb:.0f} MB; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"{'tenth':>5s} {'seconds':>8s} {'pairs':>8s} {'peak RSS MB':>12s}")
    for k in sorted(marks):
        s, d, p = marks[k]
        print(f"{k:5d} {s:8.0f} {d:8d} {p / 1024:12.0f}")
    first, last = marks.get(2), marks.get(10) or marks.get(max(marks)) if marks else None
    ratio = f"{last[2] / first[2]:.2f}x" if first and last else "n/a"
    print(f"scale: {done} pairs in {total:.0f} s ({done / total:.0f} pairs/s); peak RSS {peak / 1024:.0f} MB "
          f"(parent + embedding process); peak at the end / at 20%: {ratio}")


if __name__ == "__main__":
    main()

"""Proof that a change to the checks leaves the output the same, byte for byte, on every pair.

    python bench/same_output.py --record base.tsv                 # one digest per pair, judge off
    python bench/same_output.py --record base.tsv --every 20      # every 20th pair of each file
    python bench/same_output.py --record new.tsv --every 20 && python bench/same_output.py --compare base.tsv new.tsv
    python bench/same_output.py --record seed_dev.tsv --sets seed,dev --judge on
    python bench/same_output.py --pair summedits_news_dev:7       # the JSON report of one pair, to diff

The pairs: the seed pair (``corpus/demo``, the wire copy and rewrite of ``tests/test_seed.py``), the
development files (``../shared/data/*_dev.jsonl``, source_text → derived_text) and the training files
(``../shared/data/train``: summedits_other_domains source_text/derived_text, factcg_news_claims
document/claim, nli_pairs premise/hypothesis). Each pair's digest is the SHA-256 of its JSON report
(``compare.output.json_report.batch_record``: verdicts, reasons, confidences, units, flags, omissions, summary), or of
the error message where the pair cannot be compared.

The judge is off by default (``COMPARE_JUDGE=off``): the judge does not read the checks' findings (its
input is the alignment's premises, ``engine.premises``), so the report without it is the checks' output
and nothing else, and is far quicker to make. With ``--judge on`` the judge's P(supported) is combined
with the checks as in the product; run that too on the seed and development files.

Both runs must see the same sequence of pairs: the embedding cache file is off and torch runs one thread
(``COMPARE_EMBED_CACHE=off``, ``COMPARE_THREADS=1``), so a vector never depends on an earlier run. Skips
cleanly (exit 0, a message) where ``../shared`` is absent; the seed pair alone is then recorded.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
DEMO = ROOT / "corpus" / "demo"
SEED = ("wire_dawn_reuters_2023-12-27.txt", "derived_rewrite_2023-12-28.txt")
#: name → (file under ../shared/data, source field, derived field)
SETS = {
    "dev": [("summedits_news_dev", "summedits_news_dev.jsonl", "source_text", "derived_text"),
            ("faithbench_news_dev", "faithbench_news_dev.jsonl", "source_text", "derived_text")],
    "train": [("summedits_other_domains", "train/summedits_other_domains.jsonl", "source_text", "derived_text"),
              ("factcg_news_claims", "train/factcg_news_claims.jsonl", "document", "claim"),
              ("nli_pairs", "train/nli_pairs.jsonl", "premise", "hypothesis")],
}


def pairs(sets: list[str], every: int, every_file: dict[str, int]):
    """``(key, wire, derived)`` of the chosen sets, every Nth pair of each file (``every_file`` overrides)."""
    if "seed" in sets:
        wire, derived = ((DEMO / n).read_text(encoding="utf-8") for n in SEED)
        yield "seed:0", wire, derived
    for name in ("dev", "train"):
        if name not in sets:
            continue
        for label, rel, src, der in SETS[name]:
            path = DATA / rel
            if not path.is_file():
                print(f"same_output: {path} not found, skipped", file=sys.stderr)
                continue
            step = every_file.get(label, every)
            with open(path, encoding="utf-8") as fh:
                for k, line in enumerate(fh):
                    if k % step == 0 and line.strip():
                        r = json.loads(line)
                        yield f"{label}:{k}", r[src], r[der]


def report_of(engine, wire: str, derived: str) -> str:
    from compare.errors import CompareError
    from compare.output.json_report import batch_record
    try:
        return json.dumps(batch_record("pair", engine.compare(wire, derived)), ensure_ascii=False, sort_keys=True)
    except CompareError as exc:
        return f"error: {exc}"


def record(out: Path, sets: list[str], every: int, every_file: dict[str, int]) -> int:
    from compare.engine import Engine
    engine = Engine()
    n, t0 = 0, time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(f"# judge={os.environ['COMPARE_JUDGE']} sets={','.join(sets)} every={every} "
                 f"every_file={json.dumps(every_file, sort_keys=True)}\n")
        for key, wire, derived in pairs(sets, every, every_file):
            digest = hashlib.sha256(report_of(engine, wire, derived).encode("utf-8")).hexdigest()
            fh.write(f"{key}\t{digest}\n")
            n += 1
            if n % 500 == 0:
                fh.flush()
                print(f"same_output: {n} pairs, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    dt = time.perf_counter() - t0
    print(f"same_output: recorded {n} pairs in {dt:.0f} s ({dt / max(n, 1) * 1000:.0f} ms a pair) to {out}",
          file=sys.stderr)
    return 0


def _read(path: Path) -> tuple[str, dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0] if lines and lines[0].startswith("#") else ""
    return head, dict(line.split("\t") for line in lines if line and not line.startswith("#"))


def compare_files(a: Path, b: Path) -> int:
    """0 when every pair both files hold has the same digest; the pairs only one holds are counted."""
    (ha, da), (hb, db) = _read(a), _read(b)
    if ha.split()[1:2] != hb.split()[1:2]:
        print(f"same_output: the files were recorded with different settings: {ha!r} / {hb!r}", file=sys.stderr)
        return 2
    both = [k for k in da if k in db]
    differ = [k for k in both if da[k] != db[k]]
    only = len(da) + len(db) - 2 * len(both)
    print(f"same_output: {len(both)} pairs in both, {len(differ)} differ, {only} in one file only")
    for k in differ[:20]:
        print(f"  differs: {k}")
    return 1 if differ or not both else 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--record", type=Path, metavar="FILE", help="write one digest per pair to FILE")
    p.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"), help="compare two recorded files")
    p.add_argument("--pair", metavar="FILE:INDEX", help="print the JSON report of one pair (e.g. nli_pairs:40)")
    p.add_argument("--every", type=int, default=1, help="take every Nth pair of each file (default 1: all)")
    p.add_argument("--every-file", action="append", default=[], metavar="FILE=N",
                   help="another step for one file, e.g. nli_pairs=5")
    p.add_argument("--sets", default="seed,dev,train", help="which pairs: seed, dev, train (default all)")
    p.add_argument("--judge", choices=("on", "off"), default="off", help="run the judge (default off)")
    a = p.parse_args(argv)
    if a.compare:
        return compare_files(*a.compare)
    os.environ["COMPARE_JUDGE"] = a.judge
    os.environ["COMPARE_EMBED_CACHE"] = "off"
    os.environ.setdefault("COMPARE_THREADS", "1")
    for k, v in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(k, v)
    if not os.environ.get("PYTHONPATH"):        # else the compare package on PYTHONPATH (another checkout)
        sys.path.insert(0, str(ROOT))
    sets = [s.strip() for s in a.sets.split(",") if s.strip()]
    if not DATA.is_dir():
        print(f"same_output: {DATA} not found: only the seed pair is recorded", file=sys.stderr)
        sets = [s for s in sets if s == "seed"]
    if a.pair:
        from compare.engine import Engine
        label, _, idx = a.pair.partition(":")
        for key, wire, derived in pairs(sets, 1, {}):
            if key == f"{label}:{idx}":
                print(report_of(Engine(), wire, derived))
                return 0
        p.error(f"no pair {a.pair}")
    if not a.record:
        p.error("say --record FILE, --compare A B or --pair FILE:INDEX")
    every_file = dict((k, int(v)) for k, _, v in (x.partition("=") for x in a.every_file))
    return record(a.record, sets, a.every, every_file)


if __name__ == "__main__":
    sys.exit(main())

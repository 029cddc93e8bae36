"""Detection quality on the annotated development sets, with two baselines computed in the same run.

    python bench/quality.py [--sets summedits_news_dev faithbench_news_dev]

For each set and overall: sentence P/R/F1 and balanced accuracy, text P/R/F1 and balanced accuracy,
character P/R/F1, for the engine (through its batch API; its flags cover the claim, and a second row
"words only" scores just the words inside each flag that the wire copy lacks or contradicts) and for
two baselines (flag everything; flag a sentence when fewer than half its content words occur in the
best-matching source sentence).
Where a set's records carry published detectors' scores (FaithBench's ``meta.detectors``: 1 =
consistent), their text-level balanced accuracy is printed too, a text counted as flagged when its
score is below 0.5. Then the project's newsroom set, both halves (``bench/newsroom.py``: the tune
half the decision settings were chosen on, and the held-out half nothing was chosen on), the heavier
faithful rewrites of the archive benchmark (false flags only), the seed pair scored by
shared/tools/check_seed.py, and one headline line.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time

from common import DATA, DEV_SETS, ROOT, SHARED, baseline_everything, baseline_lexical, evaluate, read_jsonl, require_shared


def engine_flags(records, engine):
    from compare.batch import iter_results
    lines = (json.dumps({"id": r["id"], "wire": r["source_text"], "derived": r["derived_text"]}) for r in records)
    out = {r["id"]: [] for r in records}
    for _, rec in iter_results(lines, engine, on_error=lambda n, m: print(f"  line {n}: {m}", file=sys.stderr)):
        out[rec["id"]] = rec["flags"]
    return out


def focus_only(preds):
    """The same flags cut down to their focus words (a flag without focus keeps its span): the character
    figures of the words the engine blames, beside those of the claims it flags."""
    return {k: [{"start": w["start"], "end": w["end"]} for f in flags for w in (f.get("focus") or [f])]
            for k, flags in preds.items()}


def detector_baccs(gold) -> dict[str, float]:
    """Text-level balanced accuracy of each published detector whose scores the records carry."""
    names = sorted({k for g in gold for k in (g.get("meta") or {}).get("detectors") or {}})
    out = {}
    for name in names:
        rows = [(g["meta"]["detectors"][name], bool(g["spans"])) for g in gold
                if g["meta"].get("detectors", {}).get(name) is not None]
        pos = [score < 0.5 for score, bad in rows if bad]
        neg = [score >= 0.5 for score, bad in rows if not bad]
        if pos and neg:
            out[name] = (sum(pos) / len(pos) + sum(neg) / len(neg)) / 2
    return out


def row(name, r):
    s, t, c = r["s"], r["r"], r["c"]
    return (f"{name:22s} | {s[0]:6.3f} {s[1]:6.3f} {s[2]:6.3f} {r['s_bacc']:6.3f} | {t[0]:6.3f} {t[1]:6.3f} "
            f"{t[2]:6.3f} {r['r_bacc']:6.3f} | {c[0]:6.3f} {c[1]:6.3f} {c[2]:6.3f}")


HEADER = (f"{'system':22s} | {'sent P':>6s} {'R':>6s} {'F1':>6s} {'BAcc':>6s} | {'text P':>6s} {'R':>6s} {'F1':>6s} "
          f"{'BAcc':>6s} | {'char P':>6s} {'R':>6s} {'F1':>6s}")


def seed_result() -> str:
    check = SHARED / "tools" / "check_seed.py"
    with tempfile.TemporaryDirectory() as tmp:
        out = f"{tmp}/r.json"
        p = subprocess.run([sys.executable, "-m", "compare", str(SHARED / "seeds" / "wire_dawn_reuters_2023-12-27.txt"),
                            str(SHARED / "seeds" / "derived_rewrite_2023-12-28.txt"), "--format", "json", "--out", out],
                           cwd=ROOT, capture_output=True, text=True)
        if p.returncode:
            return f"seed: CLI failed: {p.stderr.strip().splitlines()[-1:]}"
        q = subprocess.run([sys.executable, str(check), out], capture_output=True, text=True)
        return q.stdout.strip()


def main():
    require_shared()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(DEV_SETS))
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    from compare.engine import get_engine
    engine = get_engine()
    results, everything = {}, []
    for name in args.sets:
        gold = read_jsonl(DATA / f"{name}.jsonl")
        everything += gold
        t = time.time()
        preds = engine_flags(gold, engine)
        results[name] = {"compare": evaluate(gold, preds), "compare, words only": evaluate(gold, focus_only(preds)),
                         "flag-everything": evaluate(gold, baseline_everything(gold)),
                         "lexical<0.5": evaluate(gold, baseline_lexical(gold)), "_preds": preds}
        print(f"\n{name}: {len(gold)} pairs, {sum(len(g['sentences']) for g in gold)} sentences "
              f"({time.time() - t:.0f}s)")
        print(HEADER)
        print("-" * len(HEADER))
        for k in ("compare", "compare, words only", "flag-everything", "lexical<0.5"):
            print(row(k, results[name][k]))
        if detectors := detector_baccs(gold):
            results[name]["detectors"] = detectors
            print("published detectors, text BAcc (score < 0.5 = problem): "
                  + ", ".join(f"{k} {v:.3f}" for k, v in sorted(detectors.items(), key=lambda kv: -kv[1])))
    if len(args.sets) > 1:
        allp = {k: v for n in args.sets for k, v in results[n]["_preds"].items()}
        print(f"\noverall: {len(everything)} pairs")
        print(HEADER)
        print("-" * len(HEADER))
        print(row("compare", evaluate(everything, allp)))
        print(row("compare, words only", evaluate(everything, focus_only(allp))))
        print(row("flag-everything", evaluate(everything, baseline_everything(everything))))
        print(row("lexical<0.5", evaluate(everything, baseline_lexical(everything))))
    import newsroom
    halves = {half: newsroom.run(half, engine) for half in newsroom.HALVES}
    print()
    for half, figures in halves.items():
        print(newsroom.report(half, figures))
    heavy = newsroom.heavy_rewrites(engine)
    print(newsroom.report_heavy(heavy))
    seed = seed_result()
    print(f"\n{seed}")
    parts = []
    for name in args.sets:
        r = results[name]
        parts.append(f"{name.split('_')[0]} text BAcc {r['compare']['r_bacc']:.2f} (lexical {r['lexical<0.5']['r_bacc']:.2f}) "
                     f"sentence BAcc {r['compare']['s_bacc']:.2f} (lexical {r['lexical<0.5']['s_bacc']:.2f})")
    import re
    m = re.search(r"(\d+)/(\d+) additions caught, (\d+) supported .* (\d+)/(\d+) omissions", seed)
    seed_short = f"seed {m.group(1)}/{m.group(2)} {m.group(3)} false {m.group(4)}/{m.group(5)}" if m else "seed failed"
    held = halves["heldout"]
    parts.append(f"newsroom held-out {100 * held['caught_share']:.0f}% caught, "
                 f"{held['faithful_flagged_per_100']:.1f} false per 100 ({held['faithful_high']} high)")
    print("quality: " + "; ".join(parts) + "; " + seed_short)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({**{n: {k: v for k, v in r.items() if k != "_preds"} for n, r in results.items()},
                       "newsroom": halves, "heavy_rewrites": heavy}, fh, indent=1)


if __name__ == "__main__":
    main()

"""Every check, measured off the development sets; and the settings the verdicts are decided by.

    python bench/checks.py [--records 800] [--write]

For each record of each set the engine gives, per derived sentence, its evidence: the judge's
P(supported) and the checks that fired (``Engine.evidence``). A sentence is positive when it overlaps
a gold span (an error). From that:

* per check: firings and precision on the **training file** (a seeded sample of
  ``shared/data/train/summedits_other_domains.jsonl``) and on **synthetic pairs** (documents made by
  ``train.synth`` from the FactCG passages the judge never trained on, with the negatives of the judge's
  own data; and, for the office and figure checks alone, documents from every FactCG passage with
  office, "all"-for-a-part and magnitude edits only, edits the judge never saw), and whether it is
  precise enough to flag on its own: at least 0.9 precision over at least 30 firings, the two sets
  together;
* the judge's cuts on P(supported): ``alone``, under which its doubt flags a sentence by itself
  (the largest cut at least 0.9 precise over 30 firings on the training sample and the synthetic
  documents of passages the judge never trained on), and ``agree``, under which it flags where a
  check found something too (of the cuts as precise that keep the faithful rewrites of the newsroom
  set's ``tune`` half at 4 flagged sentences per 100 or fewer, the one that catches most of its errors,
  and of those the one that flags fewest faithful sentences; chosen on that half only), and ``high``,
  under which the flag of a precise check other than a contradicted figure, date, name or quotation
  is of high severity (the largest cut, up to ``agree``, at which such a check and the judge's doubt
  together are at least 0.9 precise over 30 on the training sample; a contradicted fact's is high
  under ``agree``);
* per check that is not precise, the flags its agreement with the judge's doubt adds (sentences
  flagged with it and not without it) on the training sample and the synthetic documents; the verdict
  model (``compare.decide.verdict.DOUBT_SCORES``), a doubt score and not a finding, does not agree;
* per check, the change in every figure when it is switched off: the newsroom ``tune`` half (errors
  caught, faithful sentences flagged), the training sample and the synthetic set (sentence balanced
  accuracy), recomputed from the recorded evidence with the same decision rule.

``--write`` stores the precise checks and the three cuts in ``compare/data/decide.json``. The news
development sets are never read here.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import sys
import time

from common import ROOT, TRAIN, read_jsonl, require_shared

import newsroom  # noqa: E402

from compare.decide.verdict import CHECKS, DOUBT_SCORES, FACT_CONTRADICTIONS, SETTINGS_PATH  # noqa: E402
from compare.errors import CompareError  # noqa: E402

CACHE = ROOT / "bench" / ".cache"
MIN_PRECISION = 0.9
MIN_FIRINGS = 30
SEED = 7
LATER_SET = "synth-later"        # the ids of the documents of the later edits (see synthetic_records) …
LATER_CHECKS = {"contradiction.office", "contradiction.figure"}     # … and the checks they measure


def synthetic_records(limit: int | None = None) -> list[dict]:
    """Documents from the FactCG passages the judge held out: the passage as the wire copy, and its
    generated hypotheses one after another as the derived text, negatives marked as gold spans. Two sets:
    the negatives the judge's own data has, and, for the checks made after the judge (the office check,
    and the figure check's "all" for a part and magnitudes for counts), every FactCG passage (few give
    a person an office or count a part of a whole) with those edits only (``train.synth.LATER_NEGATIVES``),
    the documents where one was made. The judge never saw these edits, but it trained on most of these
    passages: the second set measures the checks its edits are for (:data:`LATER_CHECKS`), not the other
    checks nor the judge's cuts (see :func:`judge_rows`)."""
    sys.path.insert(0, str(ROOT))
    from train.judge import TRAIN as JUDGE_TRAIN, SEED as JUDGE_SEED, _held
    from train.synth import generate, JUDGE_NEGATIVES, LATER_NEGATIVES
    docs = list(dict.fromkeys(r["document"] for r in read_jsonl(JUDGE_TRAIN / "factcg_news_claims.jsonl")))
    held = [d for d in docs if _held(d)][:limit]
    return (_documents(held, generate(held, seed=JUDGE_SEED + 1, per_sentence=0.6, negatives=JUDGE_NEGATIVES),
                       "synth")
            + _documents(docs, generate(docs, seed=JUDGE_SEED + 2, per_sentence=0.6, negatives=LATER_NEGATIVES),
                         LATER_SET, negatives_only=True))


def judge_rows(rows: list[dict]) -> list[dict]:
    """The rows the judge's cuts are measured on: those of passages it never trained on."""
    return [r for r in rows if not str(r["record"]).startswith(LATER_SET)]


def _documents(passages: list[str], pairs, prefix: str, negatives_only: bool = False) -> list[dict]:
    """One document per passage from its generated pairs (see :func:`synthetic_records`); with
    ``negatives_only``, only the passages with a negative among them."""
    out = []
    for k, passage in enumerate(passages):
        mine = [p for p in pairs if p.passage == k]
        if not mine or negatives_only and all(p.supported for p in mine):
            continue
        text, spans = "", []
        for p in mine:
            start = len(text)
            text += p.hypothesis.strip() + "\n\n"
            if not p.supported:
                spans.append({"start": start, "end": start + len(p.hypothesis.strip()), "edit": p.edit})
        out.append({"id": f"{prefix}-{k}", "source_text": passage, "derived_text": text, "spans": spans})
    return out


def evidence_rows(engine, records: list[dict]) -> list[dict]:
    """One row per checked sentence: gold label, the judge's support and the checks that fired."""
    rows = []
    for r in records:
        try:
            ev = engine.evidence(r["source_text"], r["derived_text"])
        except CompareError:
            continue
        for s, e, x in ev:
            rows.append({"record": r["id"], "start": s, "end": e, "support": x.support, "fired": x.fired,
                         "error": any(sp["start"] < e and s < sp["end"] for sp in r["spans"])})
    return rows


def cached(name: str, key: str, make):
    CACHE.mkdir(exist_ok=True)
    f = CACHE / f"evidence-{name}-{hashlib.sha1(key.encode()).hexdigest()[:12]}.pkl"
    if f.exists():
        return pickle.loads(f.read_bytes())
    t = time.time()
    rows = make()
    f.write_bytes(pickle.dumps(rows))
    print(f"{name}: {len(rows)} sentences in {time.time() - t:.0f} s", file=sys.stderr)
    return rows


def code_key() -> str:
    h = hashlib.sha1()
    for p in (sorted((ROOT / "compare").rglob("*.py")) + sorted((ROOT / "compare" / "data" / "judge").glob("*"))
              + sorted((ROOT / "compare" / "data" / "wordlists").glob("*.toml"))
              + [ROOT / "train" / "synth.py"]):           # the synthetic documents are written by train.synth
        h.update(p.read_bytes())
    return h.hexdigest()


MAX_FALSE_PER_100 = 4.0         # the budget the agreement cut is chosen under (see docs/checks.md)


def flagged(row: dict, cuts, precise: set[str], off: set[str] = frozenset(),
            doubts: set[str] = DOUBT_SCORES) -> bool:
    """The engine's rule (``compare.decide.verdict.Evidence.flagged``) on recorded evidence, with the checks
    ``off`` switched off; the ``doubts`` (doubt scores, not findings) do not agree with the judge."""
    fired = [c for c in row["fired"] if c not in off]
    if row["support"] is None:
        return bool(fired)
    alone, agree = cuts
    return (any(c in precise for c in fired) or row["support"] < alone
            or (row["support"] < agree and any(c not in doubts for c in fired)))


def precise_cut(rows: list[dict], needs_check: bool) -> float:
    """The largest cut on the judge's support (0.01 steps up to 0.5) under which the judge's doubt (with a
    check's agreement when ``needs_check``) is at least MIN_PRECISION precise over MIN_FIRINGS firings."""
    return _largest_precise_cut(rows, lambda r: not needs_check or any(c not in DOUBT_SCORES for c in r["fired"]),
                                0.5)


def _largest_precise_cut(rows: list[dict], counts, top: float) -> float:
    """The largest cut on the judge's support (0.01 steps up to ``top``) under which the rows that ``counts``
    are at least MIN_PRECISION precise over MIN_FIRINGS; 0 for none."""
    best = 0.0
    for k in range(1, int(round(top * 100)) + 1):
        cut = k / 100
        hits = [r for r in rows if r["support"] is not None and r["support"] < cut and counts(r)]
        if len(hits) >= MIN_FIRINGS and sum(r["error"] for r in hits) / len(hits) >= MIN_PRECISION:
            best = cut
    return best


def added_flags(rows: list[dict], cuts, precise: set[str]) -> dict[str, tuple[int, float | None]]:
    """Each check that is not precise, with the flags its agreement with the judge adds on ``rows`` at
    ``cuts`` (sentences flagged with it and not without it, as if it could agree: the doubt scores
    too), and their precision."""
    out = {}
    for c in CHECKS:
        if c in precise:
            continue
        added = [r for r in rows if flagged(r, cuts, precise, doubts=frozenset())
                 and not flagged(r, cuts, precise, {c}, doubts=frozenset())]
        out[c] = (len(added), sum(r["error"] for r in added) / len(added) if added else None)
    return out


def high_cut(rows: list[dict], precise: set[str], ceiling: float) -> float:
    """The largest cut on the judge's support (0.01 steps, up to ``ceiling``) under which a precise check
    other than a contradicted fact (``FACT_CONTRADICTIONS``, high under the agreement cut) and the judge's
    doubt together are at least MIN_PRECISION precise over MIN_FIRINGS on ``rows`` (the training sample:
    on the synthetic documents they are right nearly always): the severity's "high"; 0 for none."""
    others = precise - FACT_CONTRADICTIONS
    return _largest_precise_cut(rows, lambda r: any(c in others for c in r["fired"]), ceiling)


def agree_cut(tune: list[dict], rows: list[dict], alone: float, precise: set[str]) -> float:
    """The agreement cut, precise on ``rows``, that catches most of the tune half's errors while keeping its
    faithful rewrites at or under MAX_FALSE_PER_100 flagged sentences per 100; of cuts that catch as many,
    the one that flags fewest faithful sentences (a higher cut that catches nothing more only adds false
    flags)."""
    ceiling = precise_cut(rows, needs_check=True)
    best, best_figures = alone, newsroom_figures(tune, (alone, alone), precise)
    for k in range(1, int(ceiling * 100) + 1):
        cut = k / 100
        caught, false = newsroom_figures(tune, (alone, cut), precise)
        if false <= MAX_FALSE_PER_100 and (caught, -false) > (best_figures[0], -best_figures[1]):
            best, best_figures = cut, (caught, false)
    return best


def bacc(rows, cuts, precise, off=frozenset()) -> float:
    tp = sum(1 for r in rows if r["error"] and flagged(r, cuts, precise, off))
    fn = sum(1 for r in rows if r["error"]) - tp
    fp = sum(1 for r in rows if not r["error"] and flagged(r, cuts, precise, off))
    tn = sum(1 for r in rows if not r["error"]) - fp
    return (tp / max(tp + fn, 1) + tn / max(tn + fp, 1)) / 2


def newsroom_figures(rows, cuts, precise, off=frozenset()) -> tuple[float, float]:
    """(share of planted errors caught, flagged sentences per 100 faithful ones) on recorded evidence."""
    errs = [r for r in rows if r["error"]]
    faithful = [r for r in rows if r["record"].endswith("/faithful")]
    caught = sum(flagged(r, cuts, precise, off) for r in errs) / max(len(errs), 1)
    false = 100 * sum(flagged(r, cuts, precise, off) for r in faithful) / max(len(faithful), 1)
    return caught, false


def _p(x: float | None) -> str:
    return "    —" if x is None else f"{x:5.2f}"


def main(argv=None) -> int:
    require_shared()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=800, help="training-file records sampled (seeded)")
    ap.add_argument("--passages", type=int, default=None, help="held-out FactCG passages for synthetic documents "
                    "(default: all)")
    ap.add_argument("--write", action="store_true", help="write the precise checks and the judge's cuts to decide.json")
    a = ap.parse_args(argv)
    from compare.engine import Engine
    engine = Engine()
    key = code_key()
    train_records = read_jsonl(TRAIN)
    random.Random(SEED).shuffle(train_records)
    # the sample in source order: each source document is prepared once (the engine keeps a few)
    train_records = sorted(train_records[:a.records], key=lambda r: r["source_text"])
    train = cached("train", f"{key}-{a.records}", lambda: evidence_rows(engine, train_records))
    synth = cached("synthetic", f"{key}-{a.passages}", lambda: evidence_rows(engine, synthetic_records(a.passages)))
    tune = cached("newsroom-tune", key, lambda: evidence_rows(engine, newsroom.load_half("tune")))

    print(f"{'check':24s} | {'train fired':>11s} {'prec':>5s} | {'synth fired':>11s} {'prec':>5s} | {'both':>5s} "
          f"{'prec':>5s} | precise")
    precise = set()
    stats = {}
    held_synth = judge_rows(synth)
    for c in CHECKS:
        row = {}
        # the later edits' documents measure the checks made for them only: their passages are the judge's
        # own, and the generator's rewordings of titles in them are not always news English ("Pres. Joe
        # Bidenaks")
        mine = synth if c in LATER_CHECKS else held_synth
        for name, rows in (("train", train), ("synth", mine)):
            hits = [r for r in rows if c in r["fired"]]
            row[name] = (len(hits), sum(r["error"] for r in hits) / len(hits) if hits else None)
        n = row["train"][0] + row["synth"][0]
        right = sum(r["error"] for rows in (train, mine) for r in rows if c in r["fired"])
        prec = right / n if n else None
        ok = n >= MIN_FIRINGS and prec >= MIN_PRECISION
        if ok:
            precise.add(c)
        stats[c] = {"train": row["train"], "synthetic": row["synth"], "precision": prec, "firings": n, "precise": ok}
        print(f"{c:24s} | {row['train'][0]:11d} {_p(row['train'][1])} | {row['synth'][0]:11d} {_p(row['synth'][1])} | "
              f"{n:5d} {_p(prec)} | {'yes' if ok else 'no'}")
    both = train + held_synth
    alone = precise_cut(both, needs_check=False)
    agree = agree_cut(tune, both, alone, precise)
    high = high_cut(train, precise, agree)
    cuts = (alone, agree)
    print(f"\nthe judge flags alone under P(supported) {alone:.2f} (the largest cut at least {MIN_PRECISION} precise "
          f"on the training sample and synthetic documents), and with a check under {agree:.2f} (as precise, the "
          f"one that catches most on the tune half with its faithful rewrites at {MAX_FALSE_PER_100:g} per 100 "
          f"or fewer, and of those the one that flags fewest); a contradicted fact's flag is high under "
          f"{agree:.2f}, another precise check's under {high:.2f} (the largest cut at which the two are at "
          f"least {MIN_PRECISION} precise on the training sample)")

    added = added_flags(both, cuts, precise)
    print(f"\nthe flags each check that is not precise adds with the judge's doubt (under {agree:.2f}), as if it "
          f"could agree ({', '.join(sorted(DOUBT_SCORES))} cannot: a doubt score, not a finding): training "
          f"sample and synthetic documents")
    for c, (n, prec) in added.items():
        print(f"  {c:24s} {n:5d} {_p(prec)}")

    def figures(off=frozenset()):
        caught, false = newsroom_figures(tune, cuts, precise - off, off)
        return (caught, false, bacc(train, cuts, precise - off, off), bacc(held_synth, cuts, precise - off, off))

    base = figures()
    print(f"\n{'switched off':24s} | {'tune caught':>11s} {'false/100':>9s} | {'train sBAcc':>11s} | {'synth sBAcc':>11s}")
    print(f"{'(none)':24s} | {base[0]:11.3f} {base[1]:9.2f} | {base[2]:11.3f} | {base[3]:11.3f}")
    for c in CHECKS:
        f = figures(frozenset({c}))
        print(f"{c:24s} | {f[0] - base[0]:+11.3f} {f[1] - base[1]:+9.2f} | {f[2] - base[2]:+11.3f} | {f[3] - base[3]:+11.3f}")
    judge_only = figures(frozenset(CHECKS))
    print(f"{'every check (judge only)':24s} | {judge_only[0] - base[0]:+11.3f} {judge_only[1] - base[1]:+9.2f} | "
          f"{judge_only[2] - base[2]:+11.3f} | {judge_only[3] - base[3]:+11.3f}")
    if a.write:
        SETTINGS_PATH.write_text(json.dumps({
            "alone": alone, "agree": agree, "high": high, "precise": sorted(precise),
            "measured": {"by": "bench/checks.py", "training_records": a.records, "checks": stats,
                         "added_with_the_judge": {c: list(v) for c, v in added.items()},
                         "min_precision": MIN_PRECISION, "min_firings": MIN_FIRINGS,
                         "max_false_per_100": MAX_FALSE_PER_100, "tune": {"caught": base[0], "false_per_100": base[1]}}},
            indent=1, sort_keys=True) + "\n",
            encoding="utf-8")
        print(f"wrote {SETTINGS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

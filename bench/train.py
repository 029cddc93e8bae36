"""Fit the verdict model on the non-news training pairs and write ``compare/data/verdict_model.json``.

    python bench/train.py            # extract features (cached in bench/.cache), fit, write the model

The model is a logistic regression (scikit-learn, class-balanced, L2) over ``compare.checks.steps.FEATURES``.
Its decision threshold is chosen on out-of-fold predictions of the training file (folds grouped by
source document) to maximise sentence-level balanced accuracy; the news development sets are never
used for fitting (bench/quality.py judges the result on them).
"""
from __future__ import annotations

import hashlib
import sys
import time

import numpy as np

from common import ROOT, TRAIN, read_jsonl, require_shared

from compare.checks.steps import FEATURES  # noqa: E402
from compare.errors import CompareError  # noqa: E402

CACHE = ROOT / "bench" / ".cache"


def sentence_rows(engine, records, label=True):
    """Per derived sentence: features, gold label (overlaps a gold span), record index."""
    X, y, groups, rec_idx = [], [], [], []
    for k, r in enumerate(records):
        try:
            rows = engine.features(r["source_text"], r["derived_text"])
        except CompareError:
            continue
        for s, e, f in rows:
            X.append([f[name] for name in FEATURES])
            y.append(any(sp["start"] < e and s < sp["end"] for sp in r["spans"]))
            groups.append(r["meta"].get("group") or hashlib.sha1(r["source_text"].encode()).hexdigest())
            rec_idx.append(k)
    return np.array(X, dtype=float), np.array(y, dtype=bool), np.array(groups), np.array(rec_idx)


def cached_rows(engine, path, tag):
    src_hash = hashlib.sha1((ROOT / "compare" / "checks" / "steps.py").read_bytes() + (ROOT / "compare" / "align.py").read_bytes()
                            + (ROOT / "compare" / "text" / "segment.py").read_bytes() + str(path).encode()).hexdigest()[:12]
    f = CACHE / f"{tag}-{src_hash}.npz"
    if f.exists():
        d = np.load(f, allow_pickle=True)
        return d["X"], d["y"], d["groups"], d["rec"]
    t = time.time()
    X, y, g, rec = sentence_rows(engine, read_jsonl(path))
    CACHE.mkdir(exist_ok=True)
    np.savez(f, X=X, y=y, groups=g, rec=rec)
    print(f"features of {path.name}: {len(y)} sentences in {time.time() - t:.0f}s", file=sys.stderr)
    return X, y, g, rec


def fit(X, y, C=0.5):
    from sklearn.linear_model import LogisticRegression
    mean, scale = X.mean(0), X.std(0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
    clf.fit((X - mean) / scale, y)
    return mean, scale, clf.coef_[0], float(clf.intercept_[0])


def predict(X, mean, scale, coef, intercept):
    return 1 / (1 + np.exp(-(((X - mean) / scale) @ coef + intercept)))


def bacc(y, p):
    tpr = (p & y).sum() / max(y.sum(), 1)
    tnr = (~p & ~y).sum() / max((~y).sum(), 1)
    return (tpr + tnr) / 2


def main():
    require_shared()
    import argparse
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threshold", type=float, default=None,
                    help="decision threshold to ship (default: the out-of-fold optimum on the training file)")
    args = ap.parse_args()
    from sklearn.model_selection import GroupKFold
    from compare.engine import Engine
    from compare.decide.verdict_model import VerdictModel, MODEL_PATH
    engine = Engine(checker=None)
    X, y, groups, _ = cached_rows(engine, TRAIN, "train")
    oof = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
        oof[te] = predict(X[te], *fit(X[tr], y[tr]))
    grid = np.linspace(0.2, 0.8, 61)
    scores = [bacc(y, oof >= t) for t in grid]
    oof_thr = float(grid[int(np.argmax(scores))])
    thr = oof_thr if args.threshold is None else args.threshold
    mean, scale, coef, intercept = fit(X, y)
    model = VerdictModel(FEATURES, tuple(map(float, mean)), tuple(map(float, scale)), tuple(map(float, coef)),
                         intercept, round(thr, 3),
                         {"trained_on": "shared/data/train/summedits_other_domains.jsonl (7 non-news domains)",
                          "sentences": int(len(y)), "positives": int(y.sum()),
                          "threshold_chosen_on": "out-of-fold sentence balanced accuracy, 5 folds grouped by source",
                          "oof_threshold": round(oof_thr, 3), "oof_sentence_bacc": round(float(max(scores)), 4),
                          "rebuild": f"python bench/train.py{'' if args.threshold is None else f' --threshold {thr}'}"})
    MODEL_PATH.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"trained on {len(y)} sentences ({int(y.sum())} positive); out-of-fold sentence BAcc {max(scores):.3f} "
          f"at threshold {thr:.2f}; wrote {MODEL_PATH.relative_to(ROOT)}")
    for name, c in sorted(zip(FEATURES, coef), key=lambda t: -abs(t[1])):
        print(f"  {name:20s} {c:+.3f}")


if __name__ == "__main__":
    main()

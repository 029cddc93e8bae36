"""Shared bits of the benches: where the development data lives, reading it, and the metrics.

The metrics are those of the shared scorer (``shared/tools/score.py``): sentence level (a gold
sentence is positive when unsupported or conflicting; predicted positive when a flag overlaps it),
text level (any gold span / any flag) and character level (union of spans)."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
DEV_SETS = ("summedits_news_dev", "faithbench_news_dev")
TRAIN = DATA / "train" / "summedits_other_domains.jsonl"


def require_shared() -> None:
    if not DATA.is_dir():
        sys.exit(f"bench: {DATA} not found: the benches need the shared development data beside the repository")


def read_jsonl(path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def overlaps(a0, a1, b0, b1) -> bool:
    return a0 < b1 and b0 < a1


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(gold: list[dict], preds: dict) -> dict:
    """``preds``: id → list of {start, end} flags on derived_text."""
    c = dict.fromkeys(("s_tp", "s_fp", "s_fn", "s_tn", "r_tp", "r_fp", "r_fn", "r_tn", "c_tp", "c_fp", "c_fn"), 0)
    for g in gold:
        flags = preds.get(g["id"], [])
        for s in g["sentences"]:
            gp = s["unsupported"] or s["conflict"]
            pp = any(overlaps(s["start"], s["end"], f["start"], f["end"]) for f in flags)
            c["s_tp" if gp and pp else "s_fp" if pp else "s_fn" if gp else "s_tn"] += 1
        gp, pp = bool(g["spans"]), bool(flags)
        c["r_tp" if gp and pp else "r_fp" if pp else "r_fn" if gp else "r_tn"] += 1
        n = len(g["derived_text"])
        gc = {i for sp in g["spans"] for i in range(max(0, sp["start"]), min(n, sp["end"]))}
        pc = {i for f in flags for i in range(max(0, f["start"]), min(n, f["end"]))}
        c["c_tp"] += len(gc & pc)
        c["c_fp"] += len(pc - gc)
        c["c_fn"] += len(gc - pc)
    out = {k: prf(c[f"{k}_tp"], c[f"{k}_fp"], c[f"{k}_fn"]) for k in ("s", "r", "c")}
    for k in ("s", "r"):
        tpr = c[f"{k}_tp"] / max(c[f"{k}_tp"] + c[f"{k}_fn"], 1)
        tnr = c[f"{k}_tn"] / max(c[f"{k}_tn"] + c[f"{k}_fp"], 1)
        out[f"{k}_bacc"] = (tpr + tnr) / 2
    out["counts"] = c
    return out


# -- the lexical baseline of the shared scorer, reimplemented so the bench runs on its own ----------
_STOP = frozenset("""a an the and or but if of at by for with about against between into through during before after
above below to from up down in out on off over under again further then once here there when where why how all any
both each few more most other some such no nor not only own same so than too very s t can will just don should now
is are was were be been being have has had having do does did doing i me my we our you your he him his she her it
its they them their what which who whom this that these those am said says say also would could may might must""".split())
_TOK = re.compile(r"[a-z0-9]+")


def content_tokens(text: str) -> set[str]:
    return {t for t in _TOK.findall(text.lower()) if t not in _STOP and len(t) > 1}


def split_source(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def baseline_everything(gold):
    return {g["id"]: [{"start": 0, "end": len(g["derived_text"])}] for g in gold}


def baseline_lexical(gold, threshold=0.5):
    out, cache = {}, {}
    for g in gold:
        src = g["source_text"]
        if src not in cache:
            cache[src] = [content_tokens(s) for s in split_source(src)]
        flags = []
        for s in g["sentences"]:
            toks = content_tokens(s["text"])
            if toks and max((len(toks & ss) / len(toks) for ss in cache[src]), default=0.0) < threshold:
                flags.append({"start": s["start"], "end": s["end"]})
        out[g["id"]] = flags
    return out

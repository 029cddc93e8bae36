"""The project's own newsroom set: wire stories with a faithful and a drifted rewrite, and its scores.

    python bench/newsroom.py [--half tune|heldout|both] [--json FILE]

Each story is a TOML file in ``bench/newsroom/<half>/`` (``id``, ``beat``, ``wire``, ``faithful``,
``drifted``, ``dropped``). In ``drifted`` every planted error is marked ``{{kind:words}}`` around the
words that carry it (kinds: figure, date, day, duration, name, role, place, direction, negation,
hedge, scope, insertion, quote); ``dropped`` lists wire sentences the drifted rewrite leaves out.
The markers are removed before the text reaches the engine and become the answer key.

The ``tune`` half may be read and used to choose thresholds; the ``heldout`` half is for reporting
only: nothing in the product was chosen by looking at it.

Figures, per half:
* errors caught: a planted error counts as caught when a flag overlaps the sentence it sits in
  (and, stricter, when a flag overlaps its marked words), per kind;
* false flags: flagged sentences per 100 sentences of the faithful rewrites, and how many of them
  are high severity;
* omissions: dropped wire sentences that the comparison lists as omitted.

With a hundred-odd errors and two hundred faithful sentences a half, the shares carry 95% Wilson
intervals: a change of a few points between two runs is within them.

A second set of faithful rewrites, more heavily reworded (sentences fused and recast, "domestic" told as
"North American"): the 40 faithful rewrites of FactCG passages written for the archive benchmark
(``bench/archive/rewrites.jsonl``, sources in ``sources.jsonl``), each against its passage as the wire
copy (``heavy_rewrites``). Nothing in the product was chosen on them; the flagged sentences per 100 are
reported beside the newsroom halves.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NEWSROOM = ROOT / "bench" / "newsroom"
HALVES = ("tune", "heldout")
KINDS = ("figure", "date", "day", "duration", "name", "role", "place", "direction", "negation", "hedge",
         "scope", "insertion", "quote")
_MARK = re.compile(r"\{\{(\w+):(.+?)\}\}", re.S)


def unmark(text: str) -> tuple[str, list[dict]]:
    """The text without its markers, and the marked spans (offsets into the clean text)."""
    out, spans, pos = [], [], 0
    length = 0
    for m in _MARK.finditer(text):
        out.append(text[pos:m.start()])
        length += m.start() - pos
        if m[1] not in KINDS:
            raise ValueError(f"unknown error kind {m[1]!r}")
        spans.append({"start": length, "end": length + len(m[2]), "kind": m[1], "text": m[2],
                      "label_type": "unsupported" if m[1] == "insertion" else "conflict"})
        out.append(m[2])
        length += len(m[2])
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def load_half(half: str) -> list[dict]:
    """Records of one half: two per story (``<id>/faithful`` and ``<id>/drifted``)."""
    records = []
    for path in sorted((NEWSROOM / half).glob("*.toml")):
        story = tomllib.loads(path.read_text(encoding="utf-8"))
        wire = story["wire"].strip() + "\n"
        drifted, spans = unmark(story["drifted"].strip() + "\n")
        base = {"beat": story["beat"], "story": story["id"], "half": half, "source_text": wire}
        records.append({**base, "id": f"{story['id']}/faithful", "derived_text": story["faithful"].strip() + "\n",
                        "spans": [], "dropped": []})
        records.append({**base, "id": f"{story['id']}/drifted", "derived_text": drifted, "spans": spans,
                        "dropped": [s.strip() for s in story.get("dropped", [])]})
    return records


def score(records: list[dict], comparisons: dict) -> dict:
    """Figures of one half: ``comparisons`` maps a record id to its Comparison."""
    caught, caught_words, total = Counter(), Counter(), Counter()
    faithful_sents = faithful_flagged = faithful_high = 0
    clean_sents = clean_flagged = 0
    dropped = dropped_found = 0
    for r in records:
        c = comparisons[r["id"]]
        flags = c.flags
        sents = [s for s in c.derived.sentences if s.section != "boilerplate"]
        for sp in r["spans"]:
            total[sp["kind"]] += 1
            home = [s for s in sents if s.start < sp["end"] and sp["start"] < s.end]
            if any(f.start < s.end and s.start < f.end for f in flags for s in home):
                caught[sp["kind"]] += 1
            if any(f.start < sp["end"] and sp["start"] < f.end for f in flags):
                caught_words[sp["kind"]] += 1
        for s in sents:
            hit = [f for f in flags if f.start < s.end and s.start < f.end]
            if r["spans"]:
                if not any(sp["start"] < s.end and s.start < sp["end"] for sp in r["spans"]):
                    clean_sents += 1
                    clean_flagged += bool(hit)
            else:
                faithful_sents += 1
                faithful_flagged += bool(hit)
                faithful_high += any(f.severity == "high" for f in hit)
        for d in r["dropped"]:
            dropped += 1
            start = r["source_text"].find(d)
            dropped_found += any(o.start < start + len(d) and start < o.end for o in c.omissions)
    n = sum(total.values())
    return {"errors": n, "caught": sum(caught.values()), "caught_share": sum(caught.values()) / max(n, 1),
            "caught_words_share": sum(caught_words.values()) / max(n, 1),
            "by_kind": {k: [caught[k], total[k]] for k in KINDS if total[k]},
            "faithful_sentences": faithful_sents, "faithful_flagged": faithful_flagged,
            "faithful_flagged_per_100": 100 * faithful_flagged / max(faithful_sents, 1),
            "faithful_high": faithful_high,
            "drifted_clean_sentences": clean_sents, "drifted_clean_flagged": clean_flagged,
            "omissions": [dropped_found, dropped]}


def run(half: str, engine=None) -> dict:
    from compare.engine import get_engine
    engine = engine or get_engine()
    records = load_half(half)
    comparisons = {}
    for r in records:
        comparisons[r["id"]] = engine.compare(r["source_text"], r["derived_text"], r["id"], r["story"])
    return score(records, comparisons)


def heavy_rewrites(engine=None) -> dict:
    """Flagged sentences of the archive benchmark's faithful rewrites (see the module docstring)."""
    from compare.engine import get_engine
    engine = engine or get_engine()
    from common import read_jsonl
    folder = ROOT / "bench" / "archive"
    sources = {r["id"]: r["text"] for r in read_jsonl(folder / "sources.jsonl")}
    records = [{"id": r["id"], "story": r["id"], "source_text": sources[r["sources"][0]], "derived_text": r["text"],
                "spans": [], "dropped": []}
               for r in read_jsonl(folder / "rewrites.jsonl") if r["kind"] == "faithful"]
    comparisons = {r["id"]: engine.compare(r["source_text"], r["derived_text"], r["id"], r["story"]) for r in records}
    return score(records, comparisons) | {"rewrites": len(records)}


def report_heavy(s: dict) -> str:
    lo, hi = wilson(s["faithful_flagged"], s["faithful_sentences"])
    return (f"heavy faithful rewrites ({s['rewrites']} of FactCG passages, bench/archive): "
            f"{s['faithful_flagged_per_100']:.1f} flagged per 100 faithful sentences ({s['faithful_flagged']}/"
            f"{s['faithful_sentences']}, 95% interval {100 * lo:.1f}–{100 * hi:.1f}; {s['faithful_high']} high)")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval (95% by default) of the share ``k / n``: how far a figure on some hundred
    sentences can be trusted (54 of 100 is anything from 44% to 63%)."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def report(half: str, s: dict) -> str:
    kinds = ", ".join(f"{k} {a}/{b}" for k, (a, b) in s["by_kind"].items())
    lo, hi = wilson(s["caught"], s["errors"])
    flo, fhi = wilson(s["faithful_flagged"], s["faithful_sentences"])
    return (f"newsroom {half}: {s['caught']}/{s['errors']} planted errors caught ({100 * s['caught_share']:.0f}%, "
            f"95% interval {100 * lo:.0f}–{100 * hi:.0f}%; "
            f"{100 * s['caught_words_share']:.0f}% with a flag on the marked words); "
            f"{s['faithful_flagged_per_100']:.1f} flagged per 100 faithful sentences "
            f"({s['faithful_flagged']}/{s['faithful_sentences']}, 95% interval {100 * flo:.1f}–{100 * fhi:.1f}; "
            f"{s['faithful_high']} high); "
            f"unmarked sentences of drifted rewrites flagged {s['drifted_clean_flagged']}/{s['drifted_clean_sentences']}; "
            f"omissions {s['omissions'][0]}/{s['omissions'][1]}\n  by kind: {kinds}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", choices=HALVES + ("both",), default="both")
    ap.add_argument("--json", help="also write the figures to this file")
    a = ap.parse_args(argv)
    out = {}
    for half in (HALVES if a.half == "both" else (a.half,)):
        out[half] = run(half)
        print(report(half, out[half]))
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

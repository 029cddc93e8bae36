"""Which window members the desk shows as a sentence's support (``desk.render.SUPPORT_FLOOR``), chosen
on the newsroom set's tune half and reported on both halves.

    .venv/bin/python bench/desk_support.py

A window member below the floor is shown as a neighbour, not as support. On the tune half
(``bench/newsroom/tune``), two kinds of sentence say what the floor must do:

* the faithful rewrites' sentences: their best wire sentence carries them, and should be shown
  (share of them at or above the floor: *kept*);
* sentences nothing in the wire copy carries, whose window holds only neighbours (share of them whose
  best wire sentence is below the floor: *hidden*): the drifted rewrites' sentences that are an
  insertion nearly whole (a planted ``insertion`` covering 80% of the sentence or more), and each
  faithful rewrite's sentences held against the next story's wire copy (most of those have no window
  at all: nothing reaches the alignment's ``MIN_SUPPORT``; those that do count).

The floor is the one with the highest mean of the two on the tune half (the lowest of equals); the
held-out half is reported beside it, never used to choose. The alignment does not depend on the
judge, so it runs with ``COMPARE_JUDGE=off``.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("COMPARE_JUDGE", "off")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from newsroom import load_half  # noqa: E402

WHOLE = 0.8


def best_supports(half: str) -> tuple[list[float], list[float]]:
    """(best window similarity of each faithful sentence, of each sentence nothing in its wire copy carries)."""
    from compare.engine import get_engine
    engine = get_engine()
    records = load_half(half)
    faithful, carried_by_none = [], []
    stories = [r for r in records if not r["spans"]]
    for k, r in enumerate(stories):
        faithful += [best for _, best in _bests(engine, r["source_text"], r["derived_text"])]
        other = stories[(k + 1) % len(stories)]["source_text"]
        carried_by_none += [best for _, best in _bests(engine, other, r["derived_text"])]
    for r in records:
        if r["spans"]:
            for s, best in _bests(engine, r["source_text"], r["derived_text"]):
                covered = sum(max(0, min(sp["end"], s.end) - max(sp["start"], s.start))
                              for sp in r["spans"] if sp["kind"] == "insertion")
                if covered >= WHOLE * (s.end - s.start):
                    carried_by_none.append(best)
    return faithful, carried_by_none


def _bests(engine, wire: str, derived: str):
    """(sentence, best window similarity) of each content sentence of ``derived`` that has a window."""
    from compare.document import CONTENT_SECTIONS
    c = engine.compare(wire, derived)
    for s in c.derived.sentences:
        al = c.alignment(s.id)
        if s.section in CONTENT_SECTIONS and al.similarities:
            yield s, float(al.similarities[0])


def rates(floor: float, faithful: list[float], inserted: list[float]) -> tuple[float, float]:
    kept = sum(x >= floor for x in faithful) / max(len(faithful), 1)
    hidden = sum(x < floor for x in inserted) / max(len(inserted), 1)
    return kept, hidden


def main() -> int:
    if not (ROOT / "bench" / "newsroom" / "tune").is_dir():
        print("bench/newsroom is missing: nothing to measure")
        return 0
    from desk.render import SUPPORT_FLOOR
    tune = best_supports("tune")
    held = best_supports("heldout")
    grid = [round(0.20 + 0.01 * k, 2) for k in range(41)]
    chosen = max(grid, key=lambda f: (sum(rates(f, *tune)) / 2, -f))
    print(f"tune half: {len(tune[0])} faithful sentences, {len(tune[1])} carried by nothing with a window; "
          f"held-out half: {len(held[0])}, {len(held[1])}")
    print(f"{'floor':>6} {'tune kept':>10} {'tune hidden':>12} {'held kept':>10} {'held hidden':>12}")
    for f in sorted({chosen, SUPPORT_FLOOR, 0.30, 0.35, 0.45, 0.50}):
        tk, th = rates(f, *tune)
        hk, hh = rates(f, *held)
        mark = "  <- chosen on the tune half" if f == chosen else "  <- desk.render.SUPPORT_FLOOR" \
            if f == SUPPORT_FLOOR else ""
        print(f"{f:6.2f} {tk:10.3f} {th:12.3f} {hk:10.3f} {hh:12.3f}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

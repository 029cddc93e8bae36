"""The review desk on a long paste, run headless with Streamlit's AppTest: how soon progress shows, how long a
decision click takes afterwards, beside the bare ``engine.compare`` of the same pair in the same run.

    .venv/bin/python bench/desk.py            # a 300 KB derived article against the demo wire copy
    .venv/bin/python bench/desk.py --kb 60    # shorter, while iterating

The long article is the development sets' derived texts, then the training file's, one after another
(distinct sentences), up to ``--kb`` kilobytes: like the issue's paste, most of it is not the wire copy's
story. Figures, not a test:
nothing here asserts a time. Needs ../shared/data (skips with a message without it).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from common import DATA, DEV_SETS, ROOT, TRAIN, read_jsonl, require_shared  # noqa: E402

# this file is bench/desk.py: with bench/ first on the path, the page's ``import desk`` would find it
_HERE = str(Path(__file__).resolve().parent)
sys.path[:] = [str(ROOT)] + [p for p in sys.path if p and Path(p).resolve() != Path(_HERE)]

APP = str(ROOT / "app.py")


def long_article(kb: int) -> str:
    """Distinct derived texts, one after another, up to ``kb`` kilobytes: the development sets' first,
    then (the two hold about 100 KB) the training file's, which are not news."""
    seen, out, size = set(), [], 0
    sources = [(DATA / f"{name}.jsonl", "derived_text") for name in DEV_SETS] + [(TRAIN, "derived_text")]
    for path, field in sources:
        for r in read_jsonl(path):
            text = " ".join(r[field].split())
            if text and text not in seen:
                seen.add(text)
                out.append(text)
                size += len(text.encode()) + 2
                if size >= kb * 1000:
                    return "\n\n".join(out)
    return "\n\n".join(out)


class Clock:
    """When the page first showed its progress, and each stage it reported, from ``t0``."""

    def __init__(self):
        self.t0, self.marks = 0.0, []

    def install(self) -> None:
        import streamlit
        from streamlit.delta_generator import DeltaGenerator
        first, method = streamlit.status, DeltaGenerator.progress

        def status(*a, **kw):
            self.marks.append((time.monotonic() - self.t0, f"status: {a[0] if a else ''}"))
            return first(*a, **kw)

        def progress(dg, value, text=None, **kw):
            self.marks.append((time.monotonic() - self.t0, f"progress {value:.2f}: {text}"))
            return method(dg, value, text=text, **kw)

        streamlit.status, DeltaGenerator.progress = status, progress


def click_times(at, n: int) -> list[tuple[str, float]]:
    out = []
    for k in range(n):
        label = ("Confirm", "Dismiss", "Needs source")[k % 3]
        button = next(b for b in at.button if b.label == label)
        t = time.monotonic()
        button.click().run()
        out.append((f"decide ({label})", time.monotonic() - t))
        assert not at.exception, [e.value for e in at.exception]
        pick = next(b for b in at.button if b.key and b.key.startswith("pick_"))
        t = time.monotonic()
        pick.click().run()
        out.append(("select a flag from the list", time.monotonic() - t))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kb", type=int, default=300, help="size of the derived article (default 300)")
    ap.add_argument("--clicks", type=int, default=6, help="decisions to time (and as many selections)")
    args = ap.parse_args()
    require_shared()
    os.environ["COMPARE_DB"] = str(Path(tempfile.mkdtemp()) / "reviews.sqlite3")
    from streamlit.testing.v1 import AppTest

    from corpus import demo_pair
    wire = demo_pair()[0]
    derived = long_article(args.kb)
    print(f"derived article: {len(derived.encode()) / 1000:.0f} KB, {len(derived):,} characters; "
          f"wire copy: {wire.name}, {len(wire.text):,} characters")

    clock = Clock()
    clock.install()
    at = AppTest.from_file(APP, default_timeout=3600)
    t = time.monotonic()
    at.run()                                       # the demo, the models loaded once
    print(f"page opened on the demo pair (models loaded): {time.monotonic() - t:.1f} s")
    at.text_input(key="editor_name").set_value("Bench").run()
    at.text_area(key="d1_text").set_value(derived).run()
    compare = next(b for b in at.button if b.label == "Compare")
    clock.marks.clear()
    clock.t0 = time.monotonic()
    compare.click().run()
    page_total = time.monotonic() - clock.t0
    assert not at.exception, [e.value for e in at.exception]
    flags = next(m.value for m in at.markdown if "flags decided" in m.value)
    print(f"\npaste compared on the page: {page_total:.1f} s ({flags.split(' · ')[0]})")
    for when, what in clock.marks:
        print(f"  {when:8.2f} s  {what}")
    clicks = click_times(at, args.clicks)

    from compare.engine import get_engine
    engine = get_engine()
    t = time.monotonic()
    engine.compare(engine.prepare_wire(wire.text, wire.name), derived, "baseline")
    bare = time.monotonic() - t

    print("\n| measure | seconds |\n|---|---|")
    print(f"| progress first shown after Compare | {clock.marks[0][0]:.2f} |" if clock.marks else "| progress | never |")
    print(f"| whole comparison on the page | {page_total:.1f} |")
    print(f"| baseline: bare engine.compare of the same pair, warm caches, same run | {bare:.1f} |")
    for name in ("decide", "select"):
        ts = [s for what, s in clicks if what.startswith(name)]
        print(f"| {name} click, median of {len(ts)} (max) | {statistics.median(ts):.2f} ({max(ts):.2f}) |")


if __name__ == "__main__":
    main()

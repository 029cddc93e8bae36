"""The archive bench's data (bench/archive/) and its synthetic stories: what the recall figures rest on."""
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "bench" / "archive"
SHARED = ROOT.parent / "shared" / "data" / "train"


def _lines(name):
    return [json.loads(line) for line in (SET / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_article_names_stories_in_the_set_and_drifted_ones_say_what_changed():
    sources = {s["id"]: s["text"] for s in _lines("sources.jsonl")}
    articles = _lines("rewrites.jsonl")
    kinds = {k: [a for a in articles if a["kind"] == k] for k in ("faithful", "drifted", "two_source")}
    assert len(articles) >= 100 and len(kinds["two_source"]) >= 30 and len(kinds["faithful"]) == len(kinds["drifted"])
    for a in articles:
        assert a["sources"] and all(s in sources for s in a["sources"]), a["id"]
        assert len(a["sources"]) == (2 if a["kind"] == "two_source" else 1), a["id"]
        assert a["text"] not in sources.values()                     # written, not copied
    assert all(a.get("changes") for a in kinds["drifted"])
    faithful = {a["sources"][0]: a["text"] for a in kinds["faithful"]}
    assert all(faithful[a["sources"][0]] != a["text"] for a in kinds["drifted"])


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs the shared training data beside the repository")
def test_synthetic_stories_are_distinct_and_never_hold_a_source_passage():
    sys.path.insert(0, str(ROOT / "bench"))
    import archive as bench
    sources, articles = bench.load_set()
    assert {a["kind"] for a in articles} == set(bench.KINDS)
    pool = bench.Pool([s["text"] for s in sources])
    assert pool.excluded >= len(sources)                 # every variant of a source passage is left out
    stories = list(pool.stories(3000))
    assert len({s["text"] for s in stories}) == 3000
    source_sentences = {s.strip() for src in sources for s in src["text"].split(". ") if len(s) > 40}
    pool_text = set(pool.sentences)
    assert not any(any(s in p for p in pool_text) for s in list(source_sentences)[:50])
    assert [s["text"] for s in pool.stories(50)] == [s["text"] for s in stories[:50]]      # seeded

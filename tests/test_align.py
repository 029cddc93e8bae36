"""Alignment: each derived sentence finds the wire sentence(s) that say the same thing."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from compare.align import word_ratio

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO = Path(__file__).resolve().parents[1] / "corpus" / "demo"

_STOP = frozenset("the a an of to in on at by for and or but that this it its as is was were be been had has have "
                  "will would could should must still before after while from with their there than then said".split())


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9$.,]+", text.lower().replace("’", "'")) if w not in _STOP} - {",", "."}


@pytest.fixture(scope="module")
def budget(engine):
    return engine.compare(read(FIXTURES / "budget_wire.txt"), read(FIXTURES / "budget_derived.txt"))


def wire_id(c, prefix: str) -> str:
    (s,) = [s for s in c.wire.sentences if s.text.startswith(prefix)]
    return s.id


def derived(c, prefix: str):
    (s,) = [s for s in c.derived.sentences if s.text.startswith(prefix)]
    return s


@pytest.mark.parametrize("derived_prefix, wire_prefix", [
    ("Several dissenting members left the room", "Opposition councillors walked out"),
    ("The governor must still sign the measure", "The budget takes effect on Jan. 1"),
    ("Officers shut roads around the town hall", "Police closed two streets near City Hall"),
])
def test_paraphrase_sharing_few_words_aligns_to_the_right_wire_sentence(budget, derived_prefix, wire_prefix) -> None:
    d = derived(budget, derived_prefix)
    w = budget.wire.sentence(wire_id(budget, wire_prefix))
    shared = content_words(d.text) & content_words(w.text)
    assert len(shared) <= 2, f"not a hard paraphrase: shares {shared}"
    a = budget.alignment(d.id)
    assert a.wire_ids, f"{d.text!r} found no wire sentence"
    assert a.wire_ids[0] == w.id, f"{d.text!r} aligned to {a.wire_ids} instead of {w.id}"
    assert a.tag in ("paraphrase", "split", "merged")
    assert len(a.similarities) == len(a.wire_ids)
    assert list(a.similarities) == sorted(a.similarities, reverse=True)


def test_sentence_merging_two_wire_sentences_keeps_both_in_its_support(budget) -> None:
    d = derived(budget, "After debating for 14 hours")
    approved = wire_id(budget, "The city council approved a $2.3 billion budget")
    taxes = wire_id(budget, "The plan raises property taxes by 4 percent")
    a = budget.alignment(d.id)
    assert {approved, taxes} <= set(a.wire_ids)
    assert a.tag == "merged"
    v = budget.verdict(d.id)
    assert v.label == "paraphrased"
    assert approved in v.reason and taxes in v.reason and v.reason.startswith("merges")
    assert not [f for f in budget.flags if f.sentence_id == d.id]


def test_a_copied_sentence_is_verbatim(engine) -> None:
    c = engine.compare(read(FIXTURES / "trade_wire.txt"), read(FIXTURES / "trade_derived.txt"))
    d = derived(c, "The two ministers also discussed")
    a = c.alignment(d.id)
    assert a.tag == "verbatim" and a.wire_ids[0] == wire_id(c, "The two ministers also discussed")
    assert c.verdict(d.id).label == "copied"


def test_a_sentence_about_something_else_has_no_support(engine) -> None:
    wire = read(FIXTURES / "budget_wire.txt")
    c = engine.compare(wire, "The local football team won its third straight championship on Sunday night.")
    (s,) = c.derived.sentences
    assert c.alignment(s.id).wire_ids == ()
    assert c.alignment(s.id).tag == "none"
    assert c.verdict(s.id).label == "unsupported"
    assert c.flags and all(f.sentence_id == s.id for f in c.flags)


def test_every_derived_sentence_has_one_alignment_and_boilerplate_none(engine) -> None:
    c = engine.compare(read(DEMO / "wire_dawn_reuters_2023-12-27.txt"), read(DEMO / "derived_rewrite_2023-12-28.txt"))
    assert [a.sentence_id for a in c.alignments] == [s.id for s in c.derived.sentences]
    wire_ids = {s.id for s in c.wire.sentences}
    for s in c.derived.sentences:
        a = c.alignment(s.id)
        assert set(a.wire_ids) <= wire_ids
        if s.section == "boilerplate":
            assert a.wire_ids == () and a.tag == "none"
    # the opening paraphrase of the seed aligns with the wire's lead sentence
    lead = wire_id(c, "Russia and India have made tangible progress")
    assert c.alignment(derived(c, "In a significant development").id).wire_ids[0] == lead


def test_word_ratio() -> None:
    assert word_ratio("Oil prices rose 3 percent", "oil prices rose 3 percent") == 1.0
    assert word_ratio("Oil prices rose", "Gold fell sharply") == 0.0
    assert 0 < word_ratio("Oil prices rose 3 percent", "Oil prices fell 3 percent") < 1

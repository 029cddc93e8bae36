"""A derived sentence checked as a whole: changes of substance found where they are, the seed pair's additions,
and the offsets of everything a comparison returns."""
from __future__ import annotations

from pathlib import Path

import pytest
from checking import DEMO, FIXTURES, flags_on, read, run, sentence


def test_a_clause_of_a_long_wire_sentence_restated_with_a_change_is_caught():
    wire = ("Police said on Monday that dozens of protesters were detained in Lyon after clashes, and the central "
            "bank may raise rates next month.")
    cut = run(wire, "The central bank may cut rates next month.")
    assert cut.verdicts[0].label == "contradicted" and "'cut' where the wire copy says 'raise'" in cut.verdicts[0].reason
    firmer = run(wire, "The central bank will raise rates next month.")
    assert "'raise' is stated as fact where the wire copy says 'may raise'" in firmer.verdicts[0].reason
    assert not run(wire, "The central bank may raise rates next month.").flags
    released = run(wire, "Police said on Monday that dozens of protesters were released in Lyon after clashes.")
    assert "'released' where the wire copy says 'detained'" in released.verdicts[0].reason


# -- other changes of substance ------------------------------------------------------------------------------
@pytest.mark.parametrize("derived, changed, label", [
    ("Oil prices rose 7 percent in early trading on the news.", "7 percent", "contradicted"),
    ("Oil prices fell 3 percent in early trading on the news.", "fell", "contradicted"),
    ("The storm did not force the closure of any U.S. ports on Monday, the Coast Guard said.", "not", "contradicted"),
])
def test_a_change_of_substance_is_flagged_where_it_is(rules, storm_wire, derived, changed, label) -> None:
    c = rules.compare(storm_wire, derived)
    (s,) = c.derived.sentences
    assert c.verdict(s.id).label == label
    start = derived.index(changed)
    assert any(f.start <= start and start + len(changed) <= f.end for f in c.flags), c.flags
    assert all(derived[f.start:f.end] == f.text for f in c.flags)


# -- the seed pair ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed(rules):
    return rules.compare(read(DEMO / "wire_dawn_reuters_2023-12-27.txt"), read(DEMO / "derived_rewrite_2023-12-28.txt"))


def _covered(c, phrase: str) -> bool:
    a = c.derived.text.index(phrase)
    return any(f.start < a + len(phrase) and a < f.end for f in c.flags)


@pytest.mark.parametrize("phrase", ["five-day", "commenced on Monday"])
def test_seed_added_facts_are_flagged(seed, phrase: str) -> None:
    assert _covered(seed, phrase)


def test_seed_added_visit_length_and_day_are_new_facts(seed) -> None:
    s = sentence(seed, "The bilateral meeting took place")
    units = {u.text: u for u in seed.units_of(s.id)}
    assert units["five-day"].kind == "duration" and units["five-day"].status == "new"
    assert units["Monday"].kind == "day" and units["Monday"].status == "new"
    assert seed.verdict(s.id).label in ("partial", "unsupported")


def test_seed_faq_without_counterpart_is_flagged_at_its_heading(seed) -> None:
    heading = sentence(seed, "FAQ:")
    v = seed.verdict(heading.id)
    assert v.label == "unsupported" and "FAQ" in v.reason
    (f,) = flags_on(seed, heading)
    assert f.text == "FAQ:"


def test_seed_dropped_figure_is_an_omission(seed) -> None:
    texts = [o.text for o in seed.omissions]
    assert any("$50 billion" in t for t in texts)
    assert any("bilateral investment treaty" in t for t in texts)
    weights = [o.weight for o in seed.omissions]
    assert weights == sorted(weights, reverse=True)
    lead = next(s for s in seed.wire.sentences if s.text.startswith("Russia and India have made tangible progress"))
    assert lead.id not in {o.wire_id for o in seed.omissions}, "the lead is covered by the rewrite's opening"


def test_seed_boilerplate_is_not_checked(seed) -> None:
    dateline = seed.derived.sentences[0]
    assert dateline.section == "boilerplate"
    assert not seed.units_of(dateline.id)
    assert not flags_on(seed, dateline)
    assert "boilerplate" in seed.verdict(dateline.id).reason
    # wire furniture and captions are never reported as omitted facts
    omitted = {o.wire_id for o in seed.omissions}
    assert not omitted & {s.id for s in seed.wire.sentences if s.section != "body"}


# -- offsets of everything a comparison returns -------------------------------------------------------------
PAIRS = [(DEMO / "wire_dawn_reuters_2023-12-27.txt", DEMO / "derived_rewrite_2023-12-28.txt"),
         (FIXTURES / "trade_wire.txt", FIXTURES / "trade_derived.txt"),
         (FIXTURES / "budget_wire.txt", FIXTURES / "budget_derived.txt"),
         (FIXTURES / "storm_wire.txt", FIXTURES / "storm_derived_crlf.txt")]


def assert_comparison_offsets(c) -> None:
    for doc in (c.wire, c.derived):
        for s in doc.sentences:
            assert doc.text[s.start:s.end] == s.text
    spans = {s.id: s for s in c.derived.sentences}
    for u in c.units:
        assert c.derived.text[u.start:u.end] == u.text, u
        s = spans[u.sentence_id]
        assert s.start <= u.start < u.end <= s.end, u
    for f in c.flags:
        assert c.derived.text[f.start:f.end] == f.text, f
        s = spans[f.sentence_id]
        assert s.start <= f.start < f.end <= s.end, f
    wire_spans = {s.id: s for s in c.wire.sentences}
    for o in c.omissions:
        assert c.wire.text[o.start:o.end] == o.text, o
        assert (wire_spans[o.wire_id].start, wire_spans[o.wire_id].end) == (o.start, o.end)


@pytest.mark.parametrize("wire, derived", PAIRS, ids=lambda p: p.name)
def test_offsets_of_units_flags_and_omissions(rules, wire: Path, derived: Path) -> None:
    assert_comparison_offsets(rules.compare(read(wire), read(derived)))


def test_offsets_with_crlf_curly_quotes_and_emoji(rules) -> None:
    text = read(FIXTURES / "storm_derived_crlf.txt")
    assert "\r\n" in text
    c = rules.compare(read(FIXTURES / "storm_wire.txt"), text)
    assert_comparison_offsets(c)
    assert c.units and c.flags
    quote = [u for u in c.units if u.kind == "quote"]
    assert quote and quote[0].text.startswith("“") and quote[0].status == "supported"
    # an emoji before the figure must not shift it
    (fig,) = [u for u in c.units if u.text == "$50.5 billion"]
    assert fig.status == "supported"
    # units past the non-BMP characters keep their offsets
    residents = sentence(c, "Residents shared videos")
    tag = [u for u in c.units_of(residents.id) if u.text == "𝐒𝐭𝐨𝐫𝐦𝐖𝐚𝐭𝐜𝐡"]
    assert tag and tag[0].status == "new"
    (caption,) = [s for s in c.derived.sentences if s.section == "caption"]
    assert caption.text.endswith("— Reuters")


def test_wire_crlf_gives_the_same_findings_as_lf(rules) -> None:
    wire = read(FIXTURES / "trade_wire.txt")
    derived = read(FIXTURES / "trade_derived.txt")
    a = rules.compare(wire, derived)
    b = rules.compare(wire.replace("\n", "\r\n"), derived.replace("\n", "\r\n"))
    assert_comparison_offsets(b)
    assert [(f.text, f.verdict) for f in a.flags] == [(f.text, f.verdict) for f in b.flags]
    assert [v.label for v in a.verdicts] == [v.label for v in b.verdicts]


# -- a fact said another way is not a new fact ------------------------------------------------------------
def _units(c, kind):
    return [(u.text, u.status) for u in c.units if u.kind == kind]



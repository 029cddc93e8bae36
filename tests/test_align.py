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


# ------------------------------------------------------------------ alignment of long texts (issue 21)
def synthetic(n: int, m: int, seed: int = 0, counterparts: float = 0.8, dim: int = 384):
    """``n`` derived and ``m`` wire sentences without the models: random unit vectors and lemma sets from a
    skewed vocabulary (a few lemmas in most sentences, as "say" in news copy); most derived sentences are a
    noisy copy of one wire sentence (its vector, most of its lemmas), the rest unrelated. Deterministic."""
    import numpy as np

    from compare.document import Document, Sentence
    from compare.prepare import Prepared
    rng = np.random.default_rng(seed)
    vocab = [f"w{k}" for k in range(2000)]
    p = 1.0 / np.arange(1, len(vocab) + 1)
    p /= p.sum()

    def lemmas(size: int) -> list[str]:
        return sorted({vocab[x] for x in rng.choice(len(vocab), size=size, p=p)})

    wl = [lemmas(int(rng.integers(3, 14))) for _ in range(m)]
    wv = rng.standard_normal((m, dim)).astype(np.float32)
    wv /= np.linalg.norm(wv, axis=1, keepdims=True)
    dl, dv = [], np.empty((n, dim), dtype=np.float32)
    for i in range(n):
        if rng.random() < counterparts:
            j = int(rng.integers(m))
            dl.append(sorted({x for x in wl[j] if rng.random() < 0.7} | set(lemmas(int(rng.integers(0, 4))))))
            dv[i] = wv[j] + rng.normal(0, rng.uniform(0.02, 0.08), dim)
        else:
            dl.append(lemmas(int(rng.integers(0, 10))))
            dv[i] = rng.standard_normal(dim)
    dv /= np.linalg.norm(dv, axis=1, keepdims=True)

    def prepared(prefix, lem, vec):
        sents = tuple(Sentence(f"{prefix}{k + 1}", 0, 0, " ".join(x) + ".") for k, x in enumerate(lem))
        sets = tuple(frozenset(x) for x in lem)
        return Prepared(Document(prefix, "", sents), sents, (0,) * len(sents), (), vec, sets,
                        frozenset().union(*sets), frozenset())
    return prepared("d", dl, dv), prepared("w", wl, wv)


CLOSE = 0.5         # a best wire sentence under this cosine is no counterpart: which weak match comes first does not matter


def assert_close_alignment(d, w, same: float = 1.0) -> None:
    """The candidate path against the full computation: at least ``same`` of the derived sentences with
    a counterpart (a best wire sentence at cosine ``CLOSE`` or more) get the same window and tag, and every other one with
    a counterpart a best wire sentence scoring as high (within float rounding); where the windows agree, the
    same scores and cosines; at least ``same`` + 1% of the wire sentences on the same side of the
    omission threshold. ``same`` = 1: everything equal."""
    from compare.align import Cosines, align_sentences, coverage
    from compare.decide.omissions import OMISSION_COVERAGE
    exact, cos = align_sentences(d, w, exact_cells=10 ** 12)
    fast, fcos = align_sentences(d, w, exact_cells=0)
    assert isinstance(fcos, Cosines) and not isinstance(cos, Cosines)
    index = {s.id: j for j, s in enumerate(w.sentences)}
    agree = strong = 0
    for i, (a, b) in enumerate(zip(exact, fast)):
        weak = not a.wire_ids or cos[i, index[a.wire_ids[0]]] < CLOSE     # no counterpart either way
        strong += not weak
        if (a.wire_ids, a.tag) != (b.wire_ids, b.tag):
            assert weak or b.similarities[:1] == pytest.approx(a.similarities[:1], abs=1e-4), d.sentences[i].id
            continue
        agree += not weak
        assert b.similarities == pytest.approx(a.similarities, abs=1e-4)     # rounded to 4 places
        assert [fcos[i, index[x]] for x in a.wire_ids] == pytest.approx([cos[i, index[x]] for x in a.wire_ids], abs=1e-6)
    assert agree >= same * strong, f"{agree} of {strong} windows as in the full computation"
    full, near = coverage(d, w, cos), coverage(d, w, fcos)
    sides = sum((x < OMISSION_COVERAGE) == (y < OMISSION_COVERAGE) for x, y in zip(full, near))
    assert sides >= min(same + 0.01, 1.0) * len(full), f"{len(full) - sides} wire sentences on the other side of the omission threshold"
    assert sum(1 for a in exact if a.wire_ids) > len(exact) // 2      # most have a window: the case says something


@pytest.mark.parametrize("n, m, seed", [
    (600, 500, 0),
    (500, 700, 1),
    (400, 30, 2),                   # a short wire copy: half its sentences are candidates by cosine
    (60, 8, 3),                     # no more wire sentences than candidates by cosine
    (50, 2, 4),
])
def test_the_candidate_path_finds_what_the_full_computation_finds(n, m, seed) -> None:
    d, w = synthetic(n, m, seed)
    assert_close_alignment(d, w, same=0.98)


def test_the_candidate_path_finds_what_the_full_computation_finds_in_a_long_text() -> None:
    """2,000 × 2,000 sentences (16 times the pairs the full computation is used for)."""
    d, w = synthetic(2000, 2000, seed=6)
    assert_close_alignment(d, w, same=0.98)


def test_the_candidate_path_gives_the_same_result_every_time() -> None:
    """The vector index is approximate, but built the same way each time: a text compared twice (or on
    another run of the desk) gets the same windows, scores and coverage."""
    from compare.align import align_sentences, coverage
    d, w = synthetic(800, 900, seed=7)
    runs = []
    for _ in range(3):
        alignments, cos = align_sentences(d, w)
        runs.append((alignments, coverage(d, w, cos)))
    assert runs[0] == runs[1] == runs[2]


def test_the_candidate_path_gives_the_full_computation_on_real_text(engine) -> None:
    from compare.prepare import prepare
    pairs = [(DEMO / "wire_dawn_reuters_2023-12-27.txt", DEMO / "derived_rewrite_2023-12-28.txt")] + [
        (FIXTURES / f"{k}_wire.txt", FIXTURES / f"{k}_derived{s}.txt") for k, s in
        (("budget", ""), ("trade", ""), ("storm", "_crlf"))]
    for wire, derived in pairs:
        w = engine.prepare_wire(read(wire)).prepared
        d = prepare(read(derived), "derived", "d", engine.embedder)
        assert_close_alignment(d, w)
    # all four wire copies as one against all four derived texts, whose sentences find their counterparts
    w = prepare("\n\n".join(read(p[0]) for p in pairs), "wire", "w", engine.embedder)
    d = prepare("\n\n".join(read(p[1]) for p in pairs), "derived", "d", engine.embedder)
    assert_close_alignment(d, w)


def test_a_long_text_compares_as_through_the_full_matrix(engine, monkeypatch) -> None:
    """The engine's own path (cos[i, j] in the checks, the coverage behind omissions) on the candidate path."""
    import compare.align
    wire, derived = read(DEMO / "wire_dawn_reuters_2023-12-27.txt"), read(DEMO / "derived_rewrite_2023-12-28.txt")
    full = engine.compare(wire, derived)
    monkeypatch.setattr(compare.align, "EXACT_CELLS", 0)
    fast = engine.compare(wire, derived)
    assert fast.alignments == full.alignments
    assert fast.verdicts == full.verdicts
    assert fast.flags == full.flags
    assert fast.omissions == full.omissions


def test_alignment_memory_grows_with_the_text_not_its_square() -> None:
    """3,000 × 3,000 sentences: the full score matrix alone would take 72 MB in float64 (and the lexical
    part, built in Python, several times that); alignment and coverage stay far below."""
    import gc
    import tracemalloc

    from compare.align import align
    n = m = 3000
    d, w = synthetic(n, m, seed=5)
    gc.collect()
    tracemalloc.start()
    try:
        alignments = align(d, w)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(alignments) == n and sum(1 for a in alignments if a.wire_ids) > n // 2
    matrix = n * m * 8
    assert peak < matrix / 4, f"alignment peaked at {peak / 2 ** 20:.0f} MB; an n×m float64 matrix is {matrix / 2 ** 20:.0f} MB"

    from compare.align import align_sentences, coverage
    alignments, cos = align_sentences(d, w)
    gc.collect()
    tracemalloc.start()
    try:
        cov = coverage(d, w, cos)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(cov) == m and all(-1.0 <= c <= 1.0 for c in cov)
    assert peak < matrix / 4, f"coverage peaked at {peak / 2 ** 20:.0f} MB"

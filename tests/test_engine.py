"""The public surface: compare(), the Engine, what every Comparison holds, and the input errors."""
from __future__ import annotations

from pathlib import Path

import pytest

import compare as api
from compare import (BinaryInputError, Comparison, CompareError, EmptyTextError, InputError, LanguageError,
                     TooLargeError)
from compare.engine import get_engine
from compare.text.inputs import MAX_TEXT_CHARS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO = Path(__file__).resolve().parents[1] / "corpus" / "demo"
LABELS = {"copied", "paraphrased", "partial", "unsupported", "contradicted"}


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def seed(engine):
    return api.compare(read(DEMO / "wire_dawn_reuters_2023-12-27.txt"), read(DEMO / "derived_rewrite_2023-12-28.txt"))


def test_get_engine_is_one_shared_engine(engine) -> None:
    assert api.get_engine() is engine
    assert get_engine() is engine


def test_compare_a_string_gives_one_comparison(seed) -> None:
    assert isinstance(seed, Comparison)
    assert seed.wire.name == "wire" and seed.derived.name == "derived"


def test_every_sentence_has_a_verdict_in_document_order(seed) -> None:
    assert [v.sentence_id for v in seed.verdicts] == [s.id for s in seed.derived.sentences]
    for v in seed.verdicts:
        assert v.label in LABELS
        assert v.reason
        assert 0.0 <= v.confidence <= 1.0


def test_flags_point_at_flagged_sentences_most_severe_first(seed) -> None:
    order = {"high": 0, "medium": 1, "low": 2}
    assert seed.flags
    assert [order[f.severity] for f in seed.flags] == sorted(order[f.severity] for f in seed.flags)
    for f in seed.flags:
        assert seed.verdict(f.sentence_id).label in ("partial", "unsupported", "contradicted")
        assert f.verdict == seed.verdict(f.sentence_id).label
        assert f.reason


def test_new_material_is_flagged_with_its_clause_and_a_changed_figure_on_its_words(engine) -> None:
    wire = ("The founder of the start-up Ozy Media was arrested on Thursday on fraud charges, prosecutors said. "
            "The company raised $35 million from investors in 2021.")
    c = api.compare(wire, "The founder of the start-up Ozy Media, who once hosted a popular television talk show, was "
                          "arrested on Thursday on fraud charges. The company raised $45 million from investors in "
                          "2021.")
    added, changed = sorted(c.flags, key=lambda f: f.start)
    # the editor weighs the claim the new words make; the words themselves stay in focus
    assert added.text == "who once hosted a popular television talk show"
    assert added.words == ("hosted a popular television talk",)
    assert added.verdict in ("partial", "unsupported")
    # where the wire copy says something else, the flag is the figure that differs
    assert changed.verdict == "contradicted" and changed.text == changed.words[0] and "45" in changed.text
    assert "$35 million" in changed.reason


def test_summary_adds_up(seed) -> None:
    s = seed.summary
    content = [x for x in seed.derived.sentences if x.section != "boilerplate"]
    assert s["sentences"] == len(content) == 20
    assert s["supported"] + s["flagged"] == s["sentences"]
    assert s["flagged"] == len({f.sentence_id for f in seed.flags})
    assert s["omitted"] == len(seed.omissions) > 0


def test_compare_a_list_prepares_the_wire_once(engine) -> None:
    wire = read(FIXTURES / "trade_wire.txt")
    texts = [read(FIXTURES / "trade_derived.txt"), "The two ministers also discussed the war in Ukraine."]
    results = api.compare(wire, texts, names=["rewrite", "short"])
    assert [r.derived.name for r in results] == ["rewrite", "short"]
    assert results[0].wire is results[1].wire, "the wire copy should be prepared once"
    single = api.compare(wire, texts[0])
    assert [(f.start, f.end, f.verdict) for f in single.flags] == [(f.start, f.end, f.verdict) for f in results[0].flags]


class _CountingJudge:
    """The engine's own judge, counting the calls made to it."""

    def __init__(self, judge):
        self.judge, self.name, self.calls = judge, judge.name, 0

    def support(self, pairs):
        self.calls += 1
        return self.judge.support(pairs)


def test_a_group_is_judged_at_once_with_each_result_as_when_compared_alone(engine, monkeypatch) -> None:
    # batch mode compares a group of pairs together so that the judge reads all their sentence pairs in
    # one call; what an editor reads of each must be what comparing it alone gives, a bad pair's error in its place
    names = ("trade", "budget", "storm")
    wires = {n: engine.prepare_wire(read(FIXTURES / f"{n}_wire.txt"), n) for n in names}
    derived = {"trade": read(FIXTURES / "trade_derived.txt"), "budget": read(FIXTURES / "budget_derived.txt"),
               "storm": read(FIXTURES / "storm_derived_crlf.txt")}

    def seen(c: Comparison) -> tuple:
        return ([(v.sentence_id, v.label) for v in c.verdicts], [(f.start, f.end, f.verdict, f.severity) for f in c.flags],
                [o.wire_id for o in c.omissions])

    alone = {n: seen(engine.compare(wires[n], derived[n], n)) for n in names}
    judge = _CountingJudge(engine.checker)
    monkeypatch.setattr(engine, "_checker", judge)
    group = engine.compare_group([(wires["trade"], derived["trade"], "trade"), (wires["budget"], "   ", "blank"),
                                  (wires["budget"], derived["budget"], "budget"), (wires["storm"], derived["storm"], "storm")])
    assert judge.calls == 1
    assert isinstance(group[1], EmptyTextError)
    assert [seen(group[k]) for k in (0, 2, 3)] == [alone[n] for n in names]
    assert any(f.verdict == "contradicted" for f in group[0].flags), "the trade rewrite's changed figure is still found"


def test_prepare_wire_is_cached(engine) -> None:
    text = read(FIXTURES / "storm_wire.txt")
    assert engine.prepare_wire(text, "storm") is engine.prepare_wire(text, "storm")


def test_results_are_deterministic(engine) -> None:
    wire, derived = read(FIXTURES / "budget_wire.txt"), read(FIXTURES / "budget_derived.txt")
    a, b = engine.compare(wire, derived), engine.compare(wire, derived)
    assert a.flags == b.flags and a.verdicts == b.verdicts and a.omissions == b.omissions


def test_words_asked_ahead_leave_the_comparison_unchanged(engine) -> None:
    # batch mode asks which words a pair will embed, then compares it: the alignment is made once
    wire = engine.prepare_wire(read(FIXTURES / "budget_wire.txt"), "budget")
    derived = read(FIXTURES / "budget_derived.txt")
    alone = engine.compare(wire, derived, "rewrite")
    assert engine.match_words(wire, derived), "the rewrite has words the wire copy lacks"
    ahead = engine.compare(wire, derived, "rewrite")
    assert ahead.derived.name == "rewrite"
    assert (ahead.flags, ahead.verdicts, ahead.omissions, ahead.alignments) == \
        (alone.flags, alone.verdicts, alone.omissions, alone.alignments)
    from compare.document import sha256
    assert (wire.doc.sha256, sha256(derived)) not in engine._aligned, "an alignment kept ahead is used once"


def test_identical_texts_align_verbatim_and_omit_nothing(engine) -> None:
    text = read(FIXTURES / "trade_wire.txt")
    c = engine.compare(text, text)
    assert not c.omissions
    for d, w in zip(c.derived.sentences, c.wire.sentences):
        a = c.alignment(d.id)
        assert a.wire_ids[0] == w.id and a.tag == "verbatim"
    assert not [f for f in c.flags if f.verdict != "partial"], "a copy is never unsupported nor contradicted"


# -- input errors -------------------------------------------------------------------------------------------------
def test_empty_wire_raises_empty_text_error() -> None:
    with pytest.raises(EmptyTextError) as exc:
        api.compare("", "x")
    assert isinstance(exc.value, InputError) and isinstance(exc.value, CompareError)
    assert "empty" in str(exc.value) and "\n" not in str(exc.value)


@pytest.mark.parametrize("derived", ["", "   \n\t  \r\n"])
def test_empty_derived_raises_empty_text_error(derived: str) -> None:
    with pytest.raises(EmptyTextError):
        api.compare(read(FIXTURES / "trade_wire.txt"), derived)


@pytest.mark.parametrize("text, error", [
    ("Le port de la ville a rouvert mardi après qu'une tempête a contraint l'autorité portuaire à le fermer "
     "pendant trois jours, ont indiqué les responsables.", LanguageError),
    ("Россия и Индия добились ощутимого прогресса в переговорах о совместном производстве военной техники.",
     LanguageError),
    ("俄罗斯和印度在联合生产军事装备的谈判中取得了实质性进展。双方还讨论了乌克兰和加沙的冲突。", LanguageError),
    ("The city council met.\x00\x00\x01 budget", BinaryInputError),
    ("The council met on Tuesday. " * (MAX_TEXT_CHARS // 28 + 1), TooLargeError),
])
def test_bad_derived_text_raises_one_clear_error(text: str, error: type) -> None:
    with pytest.raises(error) as exc:
        api.compare(read(FIXTURES / "trade_wire.txt"), text, names=["rewrite.txt"])
    msg = str(exc.value)
    assert "rewrite.txt" in msg and "\n" not in msg


def test_short_english_text_is_accepted(engine) -> None:
    """A one-line English summary with few function words is still English."""
    c = api.compare(read(FIXTURES / "budget_wire.txt"),
                    "Officers shut roads around the town hall while demonstrators massed nearby.")
    assert len(c.derived.sentences) == 1


def test_texts_that_are_not_the_same_story_are_said_to_be_so(engine) -> None:
    """When most of the derived article finds no counterpart in the wire copy, the comparison says the
    two do not look like the same story; a real rewrite of the wire copy is not said to be unrelated."""
    fixtures = Path(__file__).parent / "fixtures"
    storm = (fixtures / "storm_wire.txt").read_text(encoding="utf-8")
    budget = (fixtures / "budget_derived.txt").read_text(encoding="utf-8")
    unrelated = engine.compare(storm, budget)
    assert unrelated.looks_unrelated and unrelated.unmatched_share > 0.5
    same = engine.compare(storm, (fixtures / "storm_derived_crlf.txt").read_text(encoding="utf-8"))
    assert not same.looks_unrelated

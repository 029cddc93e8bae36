"""The support judge's slot: the bundled judge by default, or a newsroom's own model (COMPARE_NLI_MODEL),
exercised with a small checker of our own."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from compare.decide.plugins import Checker, load_checker  # noqa: E402
from compare.embed.embedder import get_embedder  # noqa: E402
from compare.engine import Engine  # noqa: E402
from compare.errors import ModelError  # noqa: E402

WIRE = ("The city council approved a new budget of $2 billion on Tuesday. "
        "The mayor said the money would go to schools and roads. "
        "Opposition members voted against the plan, saying taxes would rise.")
# faithful, but reworded so the overlap checker sees little support for the second sentence
DERIVED = ("The city council approved a new budget of $2 billion on Tuesday. "
           "Funding is earmarked for education and highways, according to the mayor.")


def test_env_var_names_a_checker_factory(monkeypatch):
    monkeypatch.setenv("COMPARE_NLI_MODEL", "overlap_checker:make")
    checker = load_checker()
    assert isinstance(checker, Checker) and checker.name == "word-overlap"
    assert load_checker("") is None


class Verdict:
    """A newsroom's model that has made up its mind: the same P(supported) for every pair it is asked."""

    def __init__(self, support: float):
        self.name, self.value, self.asked = f"fixed-{support}", support, []

    def support(self, pairs):
        self.asked.extend(pairs)
        return [self.value] * len(pairs)


def test_a_checker_stands_in_for_the_judge():
    """A newsroom's own model (COMPARE_NLI_MODEL) takes the bundled judge's place: its P(supported)
    decides whether the reworded sentence is flagged; a sentence the wire copy holds word for word is
    never sent to it."""
    doubting, vouching = Verdict(0.0), Verdict(0.99)
    flagged = Engine(embedder=get_embedder(), checker=doubting).compare(WIRE, DERIVED)
    passed = Engine(embedder=get_embedder(), checker=vouching).compare(WIRE, DERIVED)
    assert flagged.verdicts[0].label == passed.verdicts[0].label == "copied"
    assert {h for _, h in doubting.asked} == {DERIVED.split(". ")[1]}
    assert flagged.verdicts[1].label in ("partial", "unsupported")
    assert any(f.sentence_id == flagged.verdicts[1].sentence_id for f in flagged.flags)
    assert passed.verdicts[1].label == "paraphrased" and not passed.flags


def test_a_checker_is_asked_once_per_article():
    """All of an article's sentences go to the checker in one call (it batches them)."""
    from overlap_checker import OverlapChecker
    checker = OverlapChecker()
    Engine(embedder=get_embedder(), checker=checker).compare(WIRE, DERIVED)
    assert checker.calls == 1


def test_the_bundled_judge_is_the_default_and_can_be_switched_off(monkeypatch):
    monkeypatch.delenv("COMPARE_NLI_MODEL", raising=False)
    assert Engine(embedder=get_embedder()).checker.name.startswith("judge:")
    monkeypatch.setenv("COMPARE_JUDGE", "off")
    assert Engine(embedder=get_embedder()).checker is None


@pytest.mark.parametrize("spec, message", [
    ("no_such_module_xyz:make", "cannot be loaded"),
    ("overlap_checker:NotAChecker", r"no support\(\) method"),
    ("just-a-word", "not a model folder"),
])
def test_bad_checker_spec_is_a_clear_error(spec, message):
    with pytest.raises(ModelError, match=message):
        load_checker(spec)


def test_a_flag_is_high_only_where_a_precise_check_and_the_judge_s_doubt_agree():
    """A changed figure is found by a precise check whatever the judge says; its flag is high only where
    the judge doubts the sentence enough to flag it itself, medium where the judge leans to support."""
    wire = "The city council approved a new budget of $2 billion on Tuesday, the mayor said."
    derived = "The city council approved a new budget of $5 billion on Tuesday, the mayor said."
    severity = {}
    for p in (0.05, 0.4, 0.9):
        c = Engine(embedder=get_embedder(), checker=Verdict(p)).compare(wire, derived)
        assert c.verdicts[0].label == "contradicted" and c.flags, p
        severity[p] = {f.severity for f in c.flags}
    assert severity == {0.05: {"high"}, 0.4: {"medium"}, 0.9: {"medium"}}

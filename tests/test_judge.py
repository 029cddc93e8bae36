"""The support judge as a user meets it: bundled, offline, and the main signal of the verdict; every
check can be switched off by name."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from compare.decide.judge import JUDGE_DIR, load_judge
from compare.decide.verdict import CHECKS
from compare.embed.embedder import get_embedder
from compare.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "demo"
WIRE = ("NEW DELHI, March 4 (Reuters) - India's central bank raised its key interest rate by 25 basis points "
        "to 6.5% on Wednesday, its sixth increase in a row. Governor Shaktikanta Das said inflation was "
        "expected to ease in the coming months, but he would not rule out further increases.")


@pytest.fixture(scope="module")
def judge():
    return load_judge()


def test_the_judge_ships_small_and_loads_offline(judge) -> None:
    size = (JUDGE_DIR / "judge.safetensors").stat().st_size
    assert size <= 25 * 1024 * 1024
    assert judge.meta["held_out"]["all"]["n"] > 1000      # it carries the figures it was judged on
    assert (JUDGE_DIR / "LICENSE.docnli.txt").exists() and (JUDGE_DIR / "LICENSE.factcg.txt").exists()


def test_a_faithful_rewording_is_more_supported_than_a_changed_fact(judge) -> None:
    """Each changed sentence against the faithful rewording it was made from: a direction, a figure, an
    added negation. (A dropped negation, "he would rule out", it does not yet see: docs/judge.md.)"""
    rate = "India's central bank lifted its key interest rate by 25 basis points to 6.5% on Wednesday."
    said = "Das said inflation was expected to ease in the coming months."
    pairs = [(rate, rate.replace("lifted", "cut")), (rate, rate.replace("25", "75")),
             (said, said.replace("was expected", "was not expected"))]
    for faithful, changed in pairs:
        kept, broken = judge.support([(WIRE, faithful), (WIRE, changed)])
        assert 0.0 <= broken < kept <= 1.0, (changed, kept, broken)
        assert broken < 0.2, changed


def test_a_sentence_s_support_does_not_depend_on_what_else_is_asked(judge) -> None:
    """The judge batches pairs of like length together: each pair's support is the same asked alone, in
    a document's batch, or in another order."""
    from compare.decide.judge import like_lengths
    rate = "India's central bank lifted its key interest rate by 25 basis points to 6.5% on Wednesday."
    short = WIRE.split(". ")[1]
    pairs = [(WIRE, rate), (short, "Das said inflation would ease."), (WIRE, "Das ruled out further increases."),
             (short, rate), (WIRE + " " + WIRE, rate)]
    together = judge.support(pairs)
    alone = [judge.support([p])[0] for p in pairs]
    backwards = judge.support(pairs[::-1])[::-1]
    assert together == pytest.approx(alone, abs=1e-4) and together == pytest.approx(backwards, abs=1e-4)
    assert [list(r) for r in like_lengths([300, 280, 120, 100, 90, 20], 32)] == [[0, 1], [2, 3, 4], [5]]
    assert [len(r) for r in like_lengths([50] * 70, 32)] == [32, 32, 6]


def test_the_judge_decides_the_verdict_of_a_reworded_sentence(engine) -> None:
    derived = ("India's central bank lifted its main rate by a quarter point to 6.5% on Wednesday. "
               "The decision will make India the fastest-growing economy in the world.")
    c = engine.compare(WIRE, derived)
    added = c.verdicts[1]
    assert added.label in ("partial", "unsupported"), added
    assert any(f.sentence_id == added.sentence_id for f in c.flags)


@pytest.mark.parametrize("name", CHECKS)
def test_every_check_can_be_switched_off(name) -> None:
    engine = Engine(embedder=get_embedder(), disable=[name])
    assert name not in engine.precise and name in engine.disabled
    wire = (DEMO / "wire_dawn_reuters_2023-12-27.txt").read_text(encoding="utf-8")
    derived = (DEMO / "derived_rewrite_2023-12-28.txt").read_text(encoding="utf-8")
    rows = engine.evidence(wire, derived)
    assert rows and all(name not in ev.fired for _, _, ev in rows)
    assert engine.compare(wire, derived).verdicts


def test_an_unknown_check_is_a_clear_error() -> None:
    p = subprocess.run([sys.executable, "-m", "compare", str(DEMO / "wire_dawn_reuters_2023-12-27.txt"),
                        str(DEMO / "derived_rewrite_2023-12-28.txt"), "--disable", "no.such.check"],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 2
    assert "no such check" in p.stderr and "contradiction.figure" in p.stderr and "Traceback" not in p.stderr


def test_the_verdict_model_s_doubt_does_not_turn_the_judge_s_into_a_flag_and_high_needs_real_doubt() -> None:
    """The verdict model is a doubt score, not a finding: beside the judge's doubt it flags nothing (a
    check that found something does, at medium severity); the judge's doubt under its 'alone' cut and a
    precise check still flag on their own, and without the judge it flags as every check does."""
    from compare.decide.verdict import DOUBT_SCORES, Evidence, _severity
    assert "verdict_model" in DOUBT_SCORES
    cuts = dict(precise=frozenset({"contradiction.figure", "new.fact"}), alone=0.02, agree=0.2, high=0.1)
    only_doubt = Evidence(0.1, ("verdict_model",), **cuts)
    assert not only_doubt.flagged and only_doubt.agreeing == ()
    with_finding = Evidence(0.1, ("verdict_model", "new.words"), **cuts)
    assert with_finding.flagged and _severity(with_finding, "partial", []) == "medium"
    judge_alone = Evidence(0.01, ("verdict_model",), **cuts)
    assert judge_alone.flagged and _severity(judge_alone, "partial", []) == "low"
    assert Evidence(0.9, ("contradiction.figure",), **cuts).flagged
    # high severity where the judge doubts a contradicted fact (under 'agree') or, for another precise
    # check, doubts it more (under 'high'); medium where the judge is less sure
    assert _severity(Evidence(0.15, ("contradiction.figure",), **cuts), "contradicted", []) == "high"
    assert _severity(Evidence(0.3, ("contradiction.figure",), **cuts), "contradicted", []) == "medium"
    assert _severity(Evidence(0.05, ("new.fact",), **cuts), "partial", []) == "high"
    assert _severity(Evidence(0.15, ("new.fact",), **cuts), "partial", []) == "medium"
    assert not Evidence(0.3, ("new.words",), **cuts).flagged, "above the agreement cut nothing agrees"
    assert Evidence(None, ("verdict_model",), **cuts).flagged, "without the judge every check flags"


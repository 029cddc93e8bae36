"""The polarity checks (compare/checks/polarity.py): negation, opposites, scales, direction, words that change places."""
from __future__ import annotations

import pytest

from checking import contradicted, run, units_of


def test_no_with_a_comparative_is_not_a_negation():
    wire = "The bridge will reopen at 10 a.m. on Friday, the transport ministry said."
    derived = "The bridge will reopen no earlier than 10 a.m. on Friday, the transport ministry said."
    c = run(wire, derived)
    assert not any(u.kind == "negation" for u in c.units)
    assert c.verdicts[0].label != "contradicted"


def test_not_only_is_not_a_denial():
    wire = "It was his first ace at Augusta, on a day which saw five hole-in-ones, the tournament said."
    for derived in ("It was his first ace at Augusta, but not the only one of the day, the tournament said.",
                    "It was not only his first ace at Augusta: the day saw five hole-in-ones, the tournament said."):
        c = run(wire, derived)
        assert not any(u.kind == "negation" for u in c.units), derived
        assert c.verdicts[0].label != "contradicted", (derived, c.verdicts[0])
    denied = run(wire, "It was not his first ace at Augusta, the tournament said.")
    assert denied.verdicts[0].label == "contradicted", "a plain 'not' is still a reversal"


def test_no_reversal_read_into_a_name_a_double_negative_or_an_implicit_negative():
    wire = ("Anderson has joined National League rivals Torquay, subject to clearance. "
            "Villegas could not quite land the title, losing out to Streelman in a play-off. "
            "The council decided to bypass the usual bidding process because of the opportunity.")
    c = run(wire, "Anderson has joined Torquay, subject to international clearance. "
                  "Villegas did not win the title, losing to Streelman in a play-off. "
                  "The council awarded the event without a bidding process because of the opportunity.")
    assert not contradicted(c), [(u.text, u.evidence) for u in c.units
                                                                 if u.status == "contradicted"]
    flipped = run(wire, "Villegas won the title, beating Streelman in a play-off.")
    assert flipped.verdicts[0].label == "contradicted", "the reversal itself is still caught"


def test_a_change_of_amount_turned_round_is_a_contradiction():
    wire = "Sales of the company's vaccines declined sharply in the fourth quarter, the company said on Thursday."
    c = run(wire, "Sales of the company's vaccines increased sharply in the fourth quarter, the company said on Thursday.")
    (word,) = [u for u in c.units if u.text == "increased"]
    assert (word.status, word.evidence) == ("contradicted", "declined")
    assert c.verdicts[0].label == "contradicted"
    same_way = run(wire, "Sales of the company's vaccines dropped sharply in the fourth quarter, the company said on "
                         "Thursday.")
    assert not contradicted(same_way)
    both = run("Vaccine sales declined in the fourth quarter while costs rose, the company said on Thursday.",
               "Vaccine sales fell in the fourth quarter while costs increased, the company said on Thursday.")
    assert not contradicted(both), "the window moves both ways"


def test_a_change_said_of_the_same_thing_the_other_way_round_is_a_contradiction():
    # the window moves both ways, so the word alone proves nothing: what rose and what fell does
    wire = ("Moderna's revenues have begun a decline, and costs saw an increase of 4% as the company forecast a "
            "steep drop in coronavirus vaccine sales in 2023.")
    c = run(wire, "Moderna forecast an increase in coronavirus vaccine sales in 2023.")
    (word,) = [u for u in c.units if u.text == "increase"]
    assert (word.status, word.evidence) == ("contradicted", "drop")
    assert c.verdicts[0].label == "contradicted"
    assert "'increase' where the wire copy says 'drop' of the sales" in c.verdicts[0].reason
    right_way = run(wire, "Moderna forecast a fall in coronavirus vaccine sales in 2023.")
    assert not contradicted(right_way)
    other_thing = run(wire, "Costs saw an increase of 4% as Moderna forecast a drop in vaccine sales in 2023.")
    assert not contradicted(other_thing)
    denied = run(wire, "Moderna did not forecast an increase in coronavirus vaccine sales in 2023.")
    assert not any(u.text == "increase" and u.status == "contradicted" for u in denied.units)


def test_a_market_move_turned_round_is_a_contradiction_where_a_figure_says_it_is_a_move():
    """'slipped', 'firmed', 'lost' say which way a price went only before a figure; there they are read."""
    wire = ("The dollar slipped 0.7% to 147.85 yen, its weakest since early October. "
            "The rupiah weakened 0.4% to 16,480 per dollar after the announcement.")
    for derived, said in (("Against the yen, the dollar rose 0.7% to 147.85.", "slipped"),
                          ("After the decision the rupiah firmed 0.4% to 16,480 to the dollar.", "weakened")):
        c = run(wire, derived)
        assert c.verdicts[0].label == "contradicted", derived
        assert f"where the wire copy says '{said}'" in c.verdicts[0].reason
    same_way = run(wire, "Against the yen, the dollar lost 0.7% to 147.85.")
    assert not contradicted(same_way)
    no_figure = run("The team slipped down the table after a run of defeats, the club said.",
                    "The team rose up the table after a run of defeats, the club said.")
    assert not any(u.text == "rose" and u.status == "contradicted" for u in no_figure.units), \
        "without a figure 'slipped' is no move of an amount"


def test_a_move_told_by_its_particle_before_a_figure_is_read():
    """"were up 2.1%", "picked up to 3.5%": the particle says which way, before a figure."""
    wire = ("State revenue collections fell 2.1% in the first seven months of the fiscal year, the budget office "
            "said. Manufacturing growth slowed to 3.5% from 4.1%, hurt by weak exports.")
    for derived, word, said in (
            ("According to the budget office, revenue collections were up 2.1% over the first seven months.", "up",
             "fell"),
            ("Manufacturing growth picked up to 3.5% from 4.1% as exports were weak.", "up", "slowed")):
        c = run(wire, derived)
        assert c.verdicts[0].label == "contradicted", derived
        assert f"'{word}' where the wire copy says '{said}'" in c.verdicts[0].reason
    for same_way in ("According to the budget office, revenue collections were down 2.1% over the first seven months.",
                     "Manufacturing growth eased to 3.5% from 4.1% as exports were weak."):
        assert not contradicted(run(wire, same_way)), same_way
    # an "up" that is no move of the figure after it
    plants = run("The company set up five plants in 2021 and closed two of them in 2023.",
                 "The company shut down 3 plants in 2023 after setting up five in 2021.")
    assert not any(u.status == "contradicted" and u.text in ("up", "down") for u in plants.units)


def test_a_wording_contradiction_is_named_after_what_turned_round():
    """The check a flag is raised for says what changed: a negation, a direction, a step of a scale, a role,
    so that each can be measured and switched off on its own."""
    from compare.embed.embedder import get_embedder
    from compare.engine import Engine
    engine = Engine(embedder=get_embedder(), checker=None)
    wire = ("Sales of the company's vaccines declined sharply in the fourth quarter, the company said. "
            "Governor Das said he would not rule out further increases in the interest rate. "
            "Some residents were moved out of the flooded district overnight, officials said.")
    for derived, name in (("Sales of the company's vaccines increased sharply in the fourth quarter, the company said.",
                           "contradiction.direction"),
                          ("Governor Das said he would rule out further increases in the interest rate.",
                           "contradiction.negation"),
                          ("All residents were moved out of the flooded district overnight, officials said.",
                           "contradiction.scale")):
        (row,) = engine.evidence(wire, derived)
        assert name in row[2].fired, (derived, row[2].fired)
        assert "contradiction.wording" not in row[2].fired
        off = Engine(embedder=get_embedder(), checker=None, disable=[name])
        assert name not in off.evidence(wire, derived)[0][2].fired


def test_an_adjective_of_the_other_polarity_on_the_same_noun_is_a_contradiction(rules):
    from compare.text import lexicon
    wire = "The agent proposed Plan A, which offers comprehensive coverage for families, on Monday."
    c = rules.compare(wire, "The agent proposed Plan A, which offers mediocre coverage for families, on Monday.")
    assert not lexicon.are_antonyms("mediocre", "comprehensive"), "WordNet does not know this pair"
    assert [(u.text, u.status, u.evidence) for u in c.units if u.text == "mediocre"] \
        == [("mediocre", "contradicted", "comprehensive")]
    assert c.verdicts[0].label == "contradicted"
    # the same polarity, or no polarity at all, is a rewording
    for wire, derived in [
            ("The company reported strong sales in the quarter, its chief executive said on Thursday.",
             "The company reported robust sales in the quarter, its chief executive said on Thursday."),
            ("The company reported large losses in the quarter, its chief executive said on Thursday.",
             "The company reported huge losses in the quarter, its chief executive said on Thursday."),
            ("Sales rose in the previous quarter, its chief executive said on Thursday.",
             "Sales rose in the last quarter, its chief executive said on Thursday.")]:
        assert not any(u.status == "contradicted" for u in rules.compare(wire, derived).units), derived
    # a participle used as an adjective is read as one
    lender = rules.compare("Regulators moved on Monday to rescue the failing lender, officials said.",
                            "Regulators moved on Monday to rescue the thriving lender, officials said.")
    assert [(u.text, u.status, u.evidence) for u in lender.units if u.text == "thriving"] \
        == [("thriving", "contradicted", "failing")]
    wonderful, awful = rules.words.polarity(["wonderful", "awful"])
    assert wonderful > 0 > awful


def test_more_and_less_turned_round_is_a_contradiction():
    wire = "The bank's capital ratio was 13.8 percent at the end of the quarter, down 70 basis points, it said."
    c = run(wire, "The bank's capital ratio was 13.8 percent at the end of the quarter, up 70 basis points, it said.")
    assert [(u.text, u.status, u.evidence) for u in c.units if u.text == "up"] == [("up", "contradicted", "down")]
    assert c.verdicts[0].label == "contradicted"
    sales = run("The company expects sales in its consumer unit to stay above pre-pandemic levels this year.",
                "The company expects sales in its consumer unit to stay below pre-pandemic levels this year.")
    assert [(u.text, u.status) for u in sales.units if u.text == "below"] == [("below", "contradicted")]
    # "up" and "down" as parts of a verb say nothing of an amount
    verb = run("The scheme was meant to support the company after its sales fell, down 5% on the year.",
               "The scheme was meant to prop up the company after its sales fell by 5% on the year.")
    assert not contradicted(verb)


def test_order_in_time_turned_round_is_a_contradiction():
    wire = ("The governor will leave the bank before the Brexit negotiations are complete, officials said on "
            "Tuesday.")
    c = run(wire, "The governor will leave the bank after the Brexit negotiations are complete, officials said on "
                  "Tuesday.")
    (word,) = [u for u in c.units if u.text == "after"]
    assert (word.status, word.evidence) == ("contradicted", "before")
    assert c.verdicts[0].label == "contradicted"
    assert "'after' where the wire copy says 'before'" in c.verdicts[0].reason
    year = run("Profits fell 12% compared with last year, the company said.",
               "Profits fell 12% compared with next year, the company said.")
    assert [(u.text, u.status) for u in year.units if u.text == "next"] == [("next", "contradicted")]
    # the same order, or a word of order the window does not turn round, is left alone
    same = run(wire, "Officials said on Tuesday the governor would leave the bank before the Brexit talks end.")
    assert not contradicted(same)
    beside = run("The minister stood next to the president at the summit on Tuesday, before the talks began.",
                 "The minister stood next to the president at the summit on Tuesday, after the talks began.")
    assert [(u.text, u.status) for u in beside.units if u.text in ("next", "after")] == [("after", "contradicted")]


@pytest.mark.parametrize("wire, derived, flipped_wire, flipped_derived", [
    # an antonym of a word the wire itself denies
    ("The minister said he would not be able to attend the summit in Geneva on Monday.",
     "The minister said he was unable to attend the summit in Geneva on Monday.",
     "The minister said he would be able to attend the summit in Geneva on Monday.",
     "The minister said he was unable to attend the summit in Geneva on Monday."),
    # … or limits with "only"
    ("With his family leaving in 2018, he only felt able to extend his time in the UK by one year.",
     "With his family leaving in 2018, he felt unable to extend his time in the UK by more than one year.",
     "With his family leaving in 2018, he felt able to extend his time in the UK by one year.",
     "With his family leaving in 2018, he felt unable to extend his time in the UK by one year."),
    # one result told from the other side
    ("Villegas could not quite land the title on Wednesday, losing out to Kevin Streelman in a play-off.",
     "Kevin Streelman won the title on Wednesday in a play-off against Villegas.",
     "Villegas lost the title on Wednesday to Kevin Streelman in a play-off.",
     "Villegas won the title on Wednesday against Kevin Streelman in a play-off."),
    # … in a wire copy set in lower case, where the tagger finds no names
    ("villegas could n't quite land the title on wednesday , losing out to world no 74 kevin streelman in a "
     "play-off .",
     "Kevin Streelman won the title on Wednesday in a play-off against Villegas.",
     "villegas lost the title on wednesday to kevin streelman in a play-off .",
     "Villegas won the title on Wednesday against Kevin Streelman in a play-off."),
])
def test_an_antonym_that_says_the_same_is_no_reversal(wire, derived, flipped_wire, flipped_derived):
    c = run(wire, derived)
    assert c.verdicts[0].label != "contradicted", c.verdicts[0]
    flipped = run(flipped_wire, flipped_derived)
    assert flipped.verdicts[0].label == "contradicted", "the reversal itself is still caught"


def test_an_antonym_of_the_window_s_verb_is_caught_when_both_share_an_object():
    c = run("The minister denied taking bribes from the contractor, his office said on Monday.",
            "The minister admitted taking bribes from the contractor, his office said on Monday.")
    assert c.verdicts[0].label == "contradicted"
    assert [u.text for u in c.units if u.status == "contradicted"] == ["admitted"]


@pytest.mark.parametrize("wire, derived, changed, said", [
    ("Police said on Tuesday that some residents of the village were evacuated after the river burst its banks.",
     "Police said on Tuesday that all residents of the village were evacuated after the river burst its banks.",
     "all", "some"),
    ("Most economists expect the central bank to raise rates next month, a Reuters poll found.",
     "All economists expect the central bank to raise rates next month, a Reuters poll found.", "All", "Most"),
    ("The rally drew hundreds of people to the capital on Saturday, organisers said.",
     "The rally drew thousands of people to the capital on Saturday, organisers said.", "thousands", "hundreds"),
    ("The river burst its banks near Kyiv on Tuesday, flooding dozens of homes, officials said.",
     "The river burst its banks in Kyiv on Tuesday, flooding dozens of homes, officials said.", "in", "near"),
    ("The ministry denied the report on Monday, a spokesman said.",
     "The ministry confirmed the report on Monday, a spokesman said.", "confirmed", "denied"),
    ("Parliament approved the bill on Thursday by a wide margin.",
     "Parliament rejected the bill on Thursday by a wide margin.", "rejected", "approved"),
    ("The talks ended without an agreement on Friday, diplomats said.",
     "The talks ended with an agreement on Friday, diplomats said.", "with", "without"),
    ("The ruling party won 52 seats in the election on Sunday, officials said.",
     "The opposition party won 52 seats in the election on Sunday, officials said.", "opposition", "ruling"),
    ("The ceasefire took effect at midnight on Sunday, the army said.",
     "The ceasefire took effect at noon on Sunday, the army said.", "noon", "midnight"),
    ("The study of 2,000 adults found a link between sleep and memory, researchers said.",
     "The study of 2,000 children found a link between sleep and memory, researchers said.", "children", "adults"),
])
def test_another_step_of_a_scale_or_an_opposite_in_place_is_a_contradiction(wire, derived, changed, said):
    c = run(wire, derived)
    assert contradicted(c) == [(changed, said)]
    assert c.verdicts[0].label == "contradicted"


def test_words_on_the_same_step_of_a_scale_say_the_same():
    for wire, derived in [
            ("Every resident of the village was evacuated on Tuesday, police said.",
             "All residents of the village were evacuated on Tuesday, police said."),
            ("People around the world watched the launch on Tuesday, NASA said.",
             "People in the world watched the launch on Tuesday, NASA said."),
            ("The delegates met at the Kremlin on Tuesday, officials said.",
             "The delegates met in the Kremlin on Tuesday, officials said."),
            ("The blast happened on Monday evening near the station, police said.",
             "The blast happened on Monday night near the station, police said."),
            # opposites said in other words, not swapped in place, are for the other checks
            ("The ministry denied the report on Monday, a spokesman said.",
             "The ministry rejected the report on Monday, a spokesman said.")]:
        same = run(wire, derived)
        assert not contradicted(same), derived


def test_an_antonym_is_reported_against_the_wire_s_word_as_written():
    c = run("The team won the final on Sunday in Paris, beating Lyon 2-1.", "The team lost the final on Sunday in Paris.")
    assert contradicted(c) == [("lost", "won")]
    assert "'lost' is the opposite of the wire copy's 'won'" in c.verdicts[0].reason


@pytest.mark.parametrize("wire, derived, kept, said", [
    ("The company did not confirm the deal on Monday, a spokesman said.",
     "The company confirmed the deal on Monday, a spokesman said.", "confirmed", "did not confirm"),
    ("Police have not identified the victim, the statement said.",
     "Police have identified the victim, the statement said.", "identified", "not identified"),
    ("The bank is no longer lending to the firm, people familiar with the matter said.",
     "The bank is lending to the firm, people familiar with the matter said.", "lending", "no longer lending"),
    # past an auxiliary or a preposition to the word denied; an adverb in the negation's place
    ("School closures are not being recommended, Holloway said on Monday.",
     "School closures are being recommended, Holloway said on Monday.", "recommended", "not being recommended"),
    ("Halden, which is not under investigation, said it had cooperated with the SFO.",
     "Halden, which is also under investigation, said it had cooperated with the SFO.", "investigation",
     "not under investigation"),
    # whatever else the sentence denies
    ("DentaLink said it had seen no evidence of the data being misused and did not know of any card numbers taken.",
     "DentaLink said it had seen evidence of the data being misused but did not know of any card numbers taken.",
     "evidence", "no evidence"),
])
def test_a_negation_dropped_from_the_words_kept_is_a_contradiction(wire, derived, kept, said):
    c = run(wire, derived)
    assert contradicted(c) == [(kept, said)]
    assert c.verdicts[0].label == "contradicted"


def test_a_negation_left_out_with_its_clause_or_said_another_way_is_no_contradiction():
    for wire, derived in [
            ("The company did not confirm the deal on Monday, a spokesman said.",
             "The company declined to confirm the deal on Monday."),
            ("The plan is not only costly but also slow, critics said on Monday.",
             "The plan is costly and slow, critics said on Monday."),
            # "neither minister mentioned" denies the deed, not the minister, whatever else the sentence denies
            ("Neither minister mentioned China by name, but the announcement follows a series of confrontations.",
             "China was not mentioned by name by either minister."),
            # the same denial in the sentence's own words
            ("No official details have been given about the condition of the men, but local media reported that "
             "some were suffering from headaches.",
             "Officials have said nothing about the men's condition, but local media reported that some had "
             "headaches."),
            ("The bank said it would not comment, but analysts said the merger was likely.",
             "Analysts said the merger was likely.")]:
        same = run(wire, derived)
        assert not contradicted(same), derived


def test_a_denial_the_wire_copy_makes_in_another_sentence_is_no_reversal():
    """A sentence that fuses two wire sentences keeps the denial of the one outside its window; a plain
    "not" put on a word the wire copy never denies is still a reversal, and "longer" denies nothing
    without "no"."""
    wire = ("Police expect about 300,000 people to join the march in central London on Saturday. "
            "Organisers have agreed a route away from Whitehall, where the Cenotaph stands. "
            "The route was set after talks with the Metropolitan Police on Wednesday. "
            "The demonstration is not intended to go near the monument, organisers said.")
    fused = run(wire, "Organisers agreed a route with police on Wednesday, and the march is not intended to go "
                      "near the Cenotaph.")
    assert not contradicted(fused), [(u.text, u.evidence) for u in fused.units]
    assert ("not", "supported") in units_of(fused, "negation")
    denied = run(wire, "Organisers have not agreed a route away from Whitehall, where the Cenotaph stands.")
    assert denied.verdicts[0].label == "contradicted"
    longer = run("The minister stayed at the summit for two days to finish the talks, officials said.",
                 "The minister stayed longer at the summit to finish the talks, officials said.")
    assert not any(u.kind == "negation" for u in longer.units)


def test_unless_and_number_abbreviations_are_read_for_what_they_say():
    """"unless X" says "if not X", in either text; "No. 41" is a rank, not a denial."""
    for wire, derived in [
            ("The losses could deepen sharply this century if global warming is not curbed, the study found.",
             "The study found the losses could deepen sharply this century unless global warming is curbed."),
            ("The union will strike on Monday unless the company raises its pay offer, its leader said.",
             "The union will strike on Monday if the company does not raise its pay offer, its leader said.")]:
        c = run(wire, derived)
        assert not contradicted(c), (derived, contradicted(c))
    rank = run("The player from Bengaluru, ranked 41st in the world, saved two match points in the third game.",
               "The world No. 41 from Bengaluru saved two match points in the third game.")
    assert not any(u.kind == "negation" for u in rank.units)
    flipped = run("The losses could deepen sharply this century if global warming is not curbed, the study found.",
                  "The losses could deepen sharply this century if global warming is curbed, the study found.")
    assert flipped.verdicts[0].label == "contradicted", "a dropped 'not' without 'unless' is still a reversal"


def test_two_words_that_change_places_are_a_contradiction():
    c = run("Inflation eased to 3.1% in May from 3.4% in April, the statistics office said.",
            "Inflation eased to 3.4% in May from 3.1% in April.")
    assert c.verdicts[0].label == "contradicted"
    assert sorted(u.text for u in c.units if u.status == "contradicted") == ["3.1", "3.4"]
    assert "'3.4' and '3.1' change places" in c.verdicts[0].reason
    crew = run("The plane was carrying 150 passengers and six crew, the airline said.",
               "The plane was carrying 150 crew and six passengers, the airline said.")
    assert crew.verdicts[0].label == "contradicted"
    # a list in another order, or a deed done together told from the other side, says the same
    for wire, derived in [("Britain and France signed the deal on Monday, officials said.",
                           "France and Britain signed the deal on Monday, officials said."),
                          ("Putin met Obama in Geneva on Monday, the Kremlin said.",
                           "Obama met Putin in Geneva on Monday, the Kremlin said.")]:
        same = run(wire, derived)
        assert not contradicted(same), derived


def test_a_yes_no_question_asserts_nothing_a_wh_question_presupposes_its_claim():
    wire = ("The company did not confirm the deal on Monday, a spokesman said. The man was accused of stealing "
            "$5,000 from the church, police said.")
    c = run(wire, "FAQ\n\nQ: Did the company confirm the deal on Monday?\nA: The spokesman gave no details.\n\n"
                  "Q: Why did the man steal $5,000 from the church?\nA: Police have not said.")
    asks = next(s for s in c.derived.sentences if s.text.startswith("Q: Did"))
    assert c.verdict(asks.id).label != "contradicted"
    assert not [u for u in c.units_of(asks.id) if u.status == "contradicted" or u.kind == "hedge"]
    why = next(s for s in c.derived.sentences if s.text.startswith("Q: Why"))
    assert "'steal' is stated as fact where the wire copy says 'accused of stealing'" in c.verdict(why.id).reason


def test_a_denial_of_a_word_the_wire_copy_denies_in_another_form_is_no_reversal():
    # "don't have insurance" in another sentence than the window's denies what "not insured" does
    wire = ("I am a sales agent with BestInsuranceXYZ. I am calling because we noticed that you don't have "
            "insurance with us. We offer health, life, home and auto insurance.")
    c = run(wire, "A sales agent from BestInsuranceXYZ calls a client who is currently not insured with them and "
                  "offers health, life, home and auto insurance.")
    assert [(u.status, u.evidence) for u in c.units if u.kind == "negation"] == [
        ("supported", "the wire copy also denies 'insure'")]
    # a denial of something else is still read
    other = run(wire, "A sales agent from BestInsuranceXYZ calls a client and offers health, life, home and auto "
                      "insurance, which is not required.")
    assert [u.status for u in other.units if u.kind == "negation"] != ["supported"]


def test_a_denial_of_what_the_window_does_not_say_is_new_wording_not_a_reversal():
    """A negation turns the window round only where the window says the word it denies (as it stands,
    derived or by a synonym); a denial that says in other words what the window says ("not updated" for
    "outdated", "not certain" for "uncertain") is new wording for the judge to weigh."""
    for wire, derived in [
            ("Attackers are trying to break into servers running outdated versions of the software, researchers said.",
             "Attackers are trying to break into servers that have not been updated, researchers said."),
            ("The source of the elevated levels of the gas is uncertain, the institute said on Tuesday.",
             "The source of the elevated levels of the gas is not certain, the institute said on Tuesday."),
            ("The plant had been out of commission for several years, the sheriff said.",
             "The plant had not operated for several years, the sheriff said.")]:
        c = run(wire, derived)
        assert not contradicted(c), (derived, contradicted(c))
        assert [u.status for u in c.units if u.kind == "negation"] == ["new"], derived
    for wire, derived in [
            ("The plant had been operating for several years, the sheriff said.",
             "The plant had not been operating for several years, the sheriff said."),
            ("The company completed the purchase of the mine on Monday, it said.",
             "The company did not finish the purchase of the mine on Monday, it said.")]:
        assert run(wire, derived).verdicts[0].label == "contradicted", derived

"""The relation checks (compare/checks/relations.py): who did it, whose they are, where, and who says so."""
from __future__ import annotations

from checking import contradicted, run


def test_a_source_of_another_kind_is_a_contradiction():
    wire = "Police said on Monday that dozens of protesters were detained in Lyon after clashes."
    c = run(wire, "Witnesses said on Monday that dozens of protesters were detained in Lyon after clashes.")
    assert c.verdicts[0].label == "contradicted"
    assert "'Witnesses said' where the wire copy says 'Police said'" in c.verdicts[0].reason
    after = run(wire, "Dozens of protesters were detained in Lyon after clashes on Monday, according to witnesses.")
    assert "'according to witnesses' where the wire copy says 'Police said'" in after.verdicts[0].reason
    # a source of the same kind is the same source
    for same in ["Officers said on Monday that dozens of protesters were detained in Lyon after clashes.",
                 "Authorities said on Monday that dozens of protesters were detained in Lyon after clashes.",
                 "Dozens of protesters were detained in Lyon after clashes on Monday, according to police."]:
        assert not [u for u in run(wire, same).units if u.status == "contradicted"], same


def test_a_place_said_of_the_same_thing_as_another_is_a_contradiction():
    wire = ("Activists in London dumped gallons of yellow and blue paint in front of the Russian embassy on "
            "Thursday morning. The U.S. and its allies announced new sanctions on the same day.")
    # "U.S." is in the wire copy, but not as where the activists are
    c = run(wire, "U.S. activists dumped gallons of yellow and blue paint in front of the Russian embassy on "
                  "Thursday morning.")
    (us,) = [u for u in c.units if u.text == "U.S."]
    assert (us.status, us.evidence) == ("contradicted", "London")
    assert c.verdicts[0].label == "contradicted"
    assert "'U.S.' where the wire copy says 'London' of the activists" in c.verdicts[0].reason
    embassy = run(wire, "Activists in London dumped gallons of yellow and blue paint in front of the Mexican "
                        "embassy on Thursday morning.")
    assert [(u.text, u.status, u.evidence) for u in embassy.units if u.text == "Mexican"] \
        == [("Mexican", "contradicted", "Russian")]
    # a nationality is no swap of a town it holds, nor of a place of another sort
    british = run(wire, "British activists dumped gallons of yellow and blue paint in front of the Russian embassy "
                        "on Thursday morning.")
    assert not contradicted(british)
    games = run("She won gold at the Paralympic Games in London and hopes for more Paralympic success next year.",
                "She won gold at the Paralympic Games in London and hopes for more success in Rio next year.")
    assert not contradicted(games)


def test_a_shared_role_where_the_wire_gives_the_role_alone_is_a_contradiction():
    wire = "The founder of the digital start-up Ozy Media was arrested on Thursday on fraud charges, prosecutors said."
    c = run(wire, "The co-founder of the digital start-up Ozy Media was arrested on Thursday on fraud charges.")
    assert c.verdicts[0].label == "contradicted"
    assert "'co-founder' where the wire copy says 'founder'" in c.verdicts[0].reason
    for same in ("Ozy Media co-founder Carlos Watson was arrested on Thursday.",
                 "Ozy Media cofounder Carlos Watson was arrested on Thursday."):
        kept = run(same, "Ozy Media co-founder Carlos Watson was arrested on Thursday.")
        assert not contradicted(kept), same
    lexical = run("The two countries agreed on operation of the new border crossing on Thursday, officials said.",
                  "The two countries agreed on co-operation of the new border crossing on Thursday, officials said.")
    assert not any(u.text.startswith("co-") and u.status == "contradicted" for u in lexical.units)


def test_an_organisation_put_before_a_person_the_wire_gives_another_is_a_contradiction():
    wire = ("Centre-back Anderson, 27, has cancelled his Barrow contract to join their National League rivals. "
            "Striker Keating, 21, was recommended to Gulls boss Kevin Nicholson by ex-Port Vale manager Micky Adams.")
    c = run(wire, "Barrow manager Kevin Nicholson described Anderson as a leader.")
    assert [(u.text, u.evidence) for u in c.units if u.status == "contradicted"] == [
        ("Barrow", "Gulls boss Kevin Nicholson")]
    assert c.verdicts[0].label == "contradicted"
    assert ("'Barrow manager Kevin Nicholson' where the wire copy says 'Gulls boss Kevin Nicholson'"
            in c.verdicts[0].reason)
    for same in ["Gulls manager Kevin Nicholson described Anderson as a leader.",        # another word for the role
                 "Keating was recommended by former Port Vale manager Micky Adams.",    # part of the name, "ex-"
                 "Barrow centre-back Anderson, 27, has left the club."]:                 # the wire gives him no club
        assert not [u for u in run(wire, same).units if u.status == "contradicted"], same
    ceo = "Apple chief executive Tim Cook met Microsoft founder Bill Gates on Monday."
    c = run(ceo, "Microsoft chief executive Tim Cook met Gates on Monday.")
    assert c.verdicts[0].label == "contradicted" and "'Apple chief executive Tim Cook'" in c.verdicts[0].reason
    # a party is no employer: "Republican Senator" says something else than "Texas Senator"
    senator = "Texas Senator Ted Cruz, a Republican, voted against the bill on Tuesday."
    party = run(senator, "Republican Senator Ted Cruz voted against the bill on Tuesday.")
    assert party.verdicts[0].label != "contradicted"
    assert run("Democratic Senator Chris Murphy and Republican Senator Ted Cruz argued on Tuesday.",
               "Republican Senator Chris Murphy argued on Tuesday.").verdicts[0].label == "contradicted"


def test_a_deed_given_to_another_of_the_wire_s_people_is_a_contradiction():
    wire = "Striker Keating, 21, was recommended to Gulls boss Kevin Nicholson by ex-Port Vale manager Micky Adams."
    c = run(wire, "Gulls boss Kevin Nicholson recommended Keating, who has played for Port Vale.")
    assert [(u.text, u.status, u.evidence) for u in c.units if u.status == "contradicted"] == [
        ("Kevin Nicholson", "contradicted", "ex-Port Vale manager Micky Adams")]
    assert c.verdicts[0].label == "contradicted"
    assert "'Kevin Nicholson' recommended where the wire copy says 'ex-Port Vale manager Micky Adams' did" \
        in c.verdicts[0].reason
    beaten = run("Villegas was beaten by Kevin Streelman in a play-off on Sunday.",
                 "Villegas beat Kevin Streelman in a play-off on Sunday.")
    assert beaten.verdicts[0].label == "contradicted", beaten.verdicts[0]
    # the deed told the other way round, or done together, is the same deed
    for wire, derived in [
            (wire, "Micky Adams recommended Keating to Kevin Nicholson."),
            ("Villegas was beaten by Kevin Streelman in a play-off on Sunday.",
             "Kevin Streelman beat Villegas in a play-off on Sunday."),
            ("Obama met Putin in Geneva on Monday.", "Putin met Obama in Geneva on Monday."),
            ("Smith praised Jones for his work on the bill, Brown said on Monday.",
             "Jones was praised by Smith for his work on the bill.")]:
        same = run(wire, derived)
        assert not contradicted(same), derived


def test_a_deed_the_wire_also_gives_the_doer_as_a_noun_is_no_swap():
    """The window has Stansbury disclose his purchase and "the disclosure … by Kathleen Johnson" of hers:
    "Johnson disclosed buying 1 million" gives her a deed the window gives her too."""
    wire = ("Lumen Technologies CFO Christopher Stansbury has disclosed the purchase of 500,000 shares of the "
            "company, following last week's disclosure of a 1M share purchase by CEO Kathleen Johnson.")
    derived = ("Lumen's chief financial officer Christopher Stansbury has bought 500,000 shares, a week after chief "
               "executive Kathleen Johnson disclosed buying 1 million.")
    assert not contradicted(run(wire, derived))
    bought = wire.replace("following last week's disclosure of a 1M share purchase by CEO Kathleen Johnson",
                          "a week after CEO Kathleen Johnson bought 1 million shares")
    assert contradicted(run(bought, derived)), "where she only bought, the disclosure is Stansbury's"


def test_a_day_before_the_verb_is_not_who_did_it():
    """"The Lok Sabha on Tuesday passed the bill": Tuesday passed nothing, so a rewrite that says the Lok Sabha
    passed it on Tuesday gives the deed to no one else."""
    wire = ("The Lok Sabha on Tuesday passed the Inland Waterways Cargo Bill by a voice vote, while the "
            "Rajya Sabha debated the budget.")
    same = run(wire, "The Lok Sabha passed the Inland Waterways Cargo Bill through a voice vote on Tuesday.")
    assert not contradicted(same) and same.verdicts[0].label in ("copied", "paraphrased")


def test_another_office_for_one_of_the_wires_people_is_a_contradiction():
    wire = ("Federal Power Secretary Rakesh Srivastava said demand would touch 260 GW this summer. More than 20 "
            "members took part in the debate, which was extended twice by Speaker Om Birla. \"This was a "
            "deliberate deception,\" said Caroline Marsh, the SFO's head of fraud.")
    for derived, mine, theirs in [
            ("Power Minister Rakesh Srivastava said demand would touch 260 GW this summer.",
             "Power Minister", "Federal Power Secretary"),
            ("More than 20 members spoke, and Deputy Speaker Om Birla extended the debate twice.",
             "Deputy Speaker", "Speaker"),
            ("\"This was a deliberate deception,\" said Caroline Marsh, director of the SFO.",
             "director of the SFO", "the SFO's head of fraud")]:
        c = run(wire, derived)
        assert (mine, theirs) in contradicted(c), derived
        assert f"'{mine}' where the wire copy says '{theirs}'" in c.verdicts[0].reason
    # the same office written another way, a loose word for it, or a title the wire copy gives nowhere
    ceo = ("Chief Executive Henrik Vogler said the cuts would save 150 million euros a year. Gov. Gavin Newsom "
           "signed the bill on Monday. Montoya, a 58-year-old former school principal, won the runoff, defeating "
           "two-term incumbent Mark Kessler in the race for mayor. Officials said Anna Berg would lead the inquiry. "
           "CFO Christopher Stansbury bought 500,000 shares.")
    for same in ["CEO Henrik Vogler said the cuts would save 150 million euros a year.",
                 "Finance chief Christopher Stansbury bought 500,000 shares.",      # "financial" / "finance"
                 "Lanxess boss Henrik Vogler said the cuts would save 150 million euros a year.",
                 "Governor Gavin Newsom signed the bill on Monday.",
                 "Montoya, 58, a former school principal, won the runoff against two-term Mayor Mark Kessler.",
                 "Prosecutor Anna Berg will lead the inquiry, officials said."]:
        assert not [u for u in run(ceo, same).units if u.status == "contradicted"], same

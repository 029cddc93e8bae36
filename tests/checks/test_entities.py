"""The entity check (compare/checks/entities.py): people, places and organisations against the wire copy's names."""
from __future__ import annotations

from checking import contradicted, run


def test_a_name_the_tagger_missed_in_the_wire_copy_still_supports_the_mention():
    # after a quotation the tagger reads neither "Zelenskiy" nor "Kyiv" as a name
    wire = '"We will not back down," Zelenskiy told reporters in Kyiv on Friday.'
    c = run(wire, "Zelensky told reporters in Kiev on Friday: “We will not back down.”")
    assert [(u.text, u.status) for u in c.units if u.kind in ("person", "place")] == [
        ("Zelensky", "supported"), ("Kiev", "supported")]
    assert not c.flags
    # a name of a thing is matched only against one of as many words
    club = run("The Gulls have signed two players, the club said on Friday.",
               "The Plymouth Argyle Gulls have signed two players, the club said on Friday.")
    assert club.flags


def test_a_short_title_and_a_common_word_read_as_a_name_are_supported():
    c = run("Prime Minister Rishi Sunak called a general election for July 4.",
            "PM Rishi Sunak has called a general election for 4 July.")
    assert [(u.status, u.evidence) for u in c.units if u.text == "PM"] == [("supported", "prime minister")]
    assert not c.flags
    # the tagger reads a sentence's first word as a person ("Turnout reached …"): the wire copy's common word
    turnout = run("Voter turnout was 66.8% on Sunday, officials said.", "Turnout was 66.8% on Sunday.")
    assert [(u.text, u.status) for u in turnout.units if u.text == "Turnout"] == [("Turnout", "supported")]
    assert not turnout.flags


def test_a_country_by_another_of_its_names_is_not_a_swap():
    wire = "The city of Eugene in the United States has been awarded the rights to host the 2021 world championships."
    c = run(wire, "The city of Eugene, USA, has been awarded the rights to host the 2021 world championships.")
    assert not contradicted(c)
    swapped = run(wire, "The city of Eugene in Canada has been awarded the rights to host the 2021 world championships.")
    assert swapped.verdicts[0].label in ("contradicted", "partial", "unsupported")


def test_a_name_in_a_lower_case_wire_copy_is_found():
    wire = ("the colombian camilo villegas followed nicklaus with an ace on the fourth , "
            "losing out to world no 74 kevin streelman in a play-off .")
    c = run(wire, "Camilo Villegas followed Nicklaus with an ace on the fourth, losing to Kevin Streelman in a play-off.")
    people = {u.text: u.status for u in c.units if u.kind == "person"}
    assert people and all(status == "supported" for status in people.values()), people
    other = run(wire, "Camilo Villegas followed Nicklaus with an ace, losing to Rory McIlroy in a play-off.")
    assert {u.text: u.status for u in other.units if u.kind == "person"}.get("Rory McIlroy") == "new"
    # in a wire copy written with capitals, a common word is no one's name
    cased = run("Officials will mark the anniversary in Lagos on Monday, the Nigerian government said.",
                "Officials and Mark Okafor will mark the anniversary in Lagos on Monday, the government said.")
    assert {u.text: u.status for u in cased.units if u.kind == "person"} == {"Mark Okafor": "new"}
    one = run("Officials will mark the anniversary in Lagos on Monday, the Nigerian government said.",
              "Mark will attend the anniversary in Lagos on Monday, the Nigerian government said.")
    assert [(u.text, u.status) for u in one.units if u.kind == "person"] == [("Mark", "new")]


def test_a_given_name_is_caught_where_the_wire_s_surname_is_not_tagged_as_a_person():
    wire = "Clarkson, 30, joined Premiership Well for a second spell in July and could make his debut on Saturday."
    from compare.text.nlp import analyse
    assert "PERSON" not in {e.label for e in analyse([wire])[0].entities if e.text == "Clarkson"}, \
        "the case this test is about: the tagger reads the bare surname as something else"
    c = run(wire, "David Clarkson, 30, joined Premiership Well for a second spell in July.")
    (person,) = [u for u in c.units if u.kind == "person"]
    assert (person.text, person.status, person.evidence) == ("David Clarkson", "new", "the wire copy gives only the surname")
    assert c.verdicts[0].label != "paraphrased"


def test_a_state_for_its_country_is_a_detail_not_a_swap():
    wire = "The city of Eugene in the United States has been awarded the rights to host the 2021 world championships."
    c = run(wire, "The city of Eugene, Oregon, has been awarded the rights to host the 2021 world championships.")
    assert not contradicted(c), [(u.text, u.evidence) for u in c.units]
    (oregon,) = [u for u in c.units if u.text == "Oregon"]
    assert (oregon.status, oregon.evidence) == ("supported", "Eugene"), "the state the wire's town lies in"
    assert not c.flags
    # the other way round, the country of a state the wire copy names is what the wire says
    back = run("Fires spread across Oregon on Monday, officials said.",
               "Fires spread across the United States on Monday, officials said.")
    assert [u.status for u in back.units if u.kind == "place"] == ["supported"]
    # a state for another state is still a swap
    swapped = run("The city of Eugene, Oregon, has been awarded the rights to host the 2021 world championships.",
                  "The city of Eugene, Texas, has been awarded the rights to host the 2021 world championships.")
    assert swapped.verdicts[0].label == "contradicted"


def test_a_place_the_wire_never_names_flags_a_sentence_and_a_country_it_implies_does_not():
    wire = ("Activists in London dumped gallons of yellow and blue paint in front of the Russian embassy on "
            "Thursday morning, police said.")
    implied = run(wire, "U.K. activists dumped gallons of yellow and blue paint in front of the Russian embassy on "
                        "Thursday morning, police said.")
    (uk,) = [u for u in implied.units if u.text.startswith("U.K")]
    assert (uk.kind, uk.status, uk.evidence) == ("place", "supported", "London")
    assert not implied.flags
    added = run(wire, "Activists in London dumped gallons of yellow and blue paint in front of the Russian embassy "
                      "on Thursday morning, Scotland Yard said.")
    assert [(u.text, u.status) for u in added.units if u.kind in ("place", "org") and u.status != "supported"] \
        == [("Scotland Yard", "new")]
    assert added.verdicts[0].label in ("partial", "unsupported") and "Scotland Yard" in added.verdicts[0].reason
    assert any(fl.words == ("Scotland Yard",) for fl in added.flags)
    # a wire copy written in lower case names its towns without the tagger seeing them
    lower = run("the city of eugene in the united states has been awarded the rights to host the 2021 world "
                "championships .", "Eugene, Oregon has been awarded the rights to host the 2021 world championships.")
    assert [(u.text, u.status) for u in lower.units if u.text == "Oregon"] == [("Oregon", "supported")]
    assert not lower.flags


def test_a_common_noun_inside_a_place_name_is_checked_as_a_word():
    wire = ("An Australian pleaded guilty on Thursday to manslaughter in the death of an American who fell from "
            "a Sydney clifftop that was known as a gay meeting place, police said.")
    c = run(wire, "An Australian pleaded guilty on Thursday to manslaughter in the death of an American who fell "
                  "from a Sydney beach that was known as a gay meeting place, police said.")
    assert [(u.text, u.status) for u in c.units if u.text in ("Sydney", "beach", "Sydney beach")] \
        == [("Sydney", "supported"), ("beach", "new")]


def test_a_name_put_in_place_of_another_is_a_contradiction_even_when_untagged():
    wire = ("NEW YORK - The founder of the troubled digital start-up Ozy Media was arrested on Thursday on fraud "
            "charges, prosecutors said.")
    c = run(wire, "The founder of the troubled digital start-up UFO Media was arrested on Thursday on fraud charges, "
                  "prosecutors said.")
    assert c.verdicts[0].label == "contradicted", c.verdicts[0]
    assert "'UFO' where the wire copy says 'Ozy" in c.verdicts[0].reason
    same = run(wire, "The founder of the troubled digital start-up Ozy Media was arrested on Thursday on fraud charges, "
                     "prosecutors in New York said.")
    assert not contradicted(same)


def test_a_country_named_by_its_people_is_the_same_country():
    wire = "U.S. officials met British and Dutch diplomats in Geneva on Monday, the State Department said."
    for derived in ["American officials met British and Dutch diplomats in Geneva on Monday.",
                    "U.S. officials met UK and Dutch diplomats in Geneva on Monday.",
                    "U.S. officials met British and Netherlands diplomats in Geneva on Monday."]:
        c = run(wire, derived)
        assert not c.flags and all(u.status == "supported" for u in c.units if u.kind == "place"), derived
    # another people is still another country
    c = run(wire, "U.S. officials met French and Dutch diplomats in Geneva on Monday.")
    assert c.verdicts[0].label == "contradicted"
    assert "'French' where the wire copy says 'British'" in c.verdicts[0].reason


def test_a_name_swapped_in_is_caught_whatever_the_tagger_called_the_wire_s_name():
    from compare.text.nlp import analyse
    wire = "Smith said the plan would fail, according to a statement on Monday."
    assert [e.label for e in analyse([wire])[0].entities if e.text == "Smith"] != ["PERSON"], \
        "the case this test is about: the tagger reads the bare surname as something else"
    c = run(wire, "Jones said the plan would fail, according to a statement on Monday.")
    assert c.verdicts[0].label == "contradicted"
    assert "'Jones' where the wire copy says 'Smith'" in c.verdicts[0].reason
    # the same person named more fully is no swap
    same = run(wire, "John Smith said the plan would fail, according to a statement on Monday.")
    assert same.verdicts[0].label != "contradicted"


def test_a_person_put_where_the_wire_has_an_untagged_name_is_a_swap():
    from compare.text.nlp import analyse
    wire = "Merkel told reporters in Berlin that the talks had failed."
    assert "Merkel" not in {e.text for e in analyse([wire])[0].entities}, \
        "the case this test is about: the tagger does not see the wire's name"
    c = run(wire, "Macron told reporters in Berlin that the talks had failed.")
    assert "'Macron' where the wire copy says 'Merkel'" in c.verdicts[0].reason
    # a club's nickname after "the" is no person's name
    club = run("The Gulls are four points above the relegation zone, the club said.",
               "Torquay United are four points above the relegation zone, the club said.")
    assert not contradicted(club)


def test_a_title_written_shortened_is_no_new_name():
    # the tagger reads "Pres." as a place; the wire copy says "President"
    wire = "The statements were released a day before President Joe Biden is set to meet Chinese President Xi Jinping."
    c = run(wire, "The statements were released a day before Pres. Joe Biden is set to meet Chinese President Xi Jinping.")
    assert not [u for u in c.units if u.status == "new"] and not c.flags
    # a shortened title the wire copy does not have in full is still read
    other = run("The statements were released before the summit.", "The statements were released before Pres. Joe Biden's summit.")
    assert [u for u in other.units if u.status == "new"]


def test_a_word_in_lower_case_the_tagger_reads_as_a_name_is_a_word():
    # the tagger reads "fed" as an organisation (the Fed); in cased copy it is the verb of "feed"
    wire = "The region's glaciers feed 10 major river systems, including the Ganges, Indus and Brahmaputra."
    c = run(wire, "Ten major river systems, among them the Ganges, Indus and Brahmaputra, are fed by the region's glaciers.")
    assert not [u for u in c.units if u.status == "new"] and not c.flags
    # a name in capitals is still a name
    fed = run(wire, "The Fed said ten major river systems, among them the Ganges, are fed by the glaciers.")
    assert [u.text for u in fed.units if u.status == "new" and u.kind == "org"] == ["Fed"]

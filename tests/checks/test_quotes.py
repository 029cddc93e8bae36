"""The quote check (compare/checks/quotes.py): a quotation stands word for word in the wire copy."""
from __future__ import annotations

from checking import run


def test_a_changed_quote_contradicts_the_quotation_it_changes(rules, storm_wire) -> None:
    derived = "“We are asking everyone to stay at home,” Governor Ann Whitfield told a news conference in Austin."
    c = rules.compare(storm_wire, derived)
    (q,) = [u for u in c.units if u.kind == "quote"]
    assert q.text == "“We are asking everyone to stay at home,”"
    assert q.status == "contradicted" and derived[q.start:q.end] == q.text
    (v,) = c.verdicts
    assert v.label == "contradicted"
    assert "'at home' for 'off the roads'" in v.reason
    assert "We are asking everyone to stay off the roads" in v.reason      # the wire's words, to compare


def test_what_a_check_finds_inside_a_quotation_stands_as_its_finding_not_a_misquote() -> None:
    wire = ('The central bank held rates on Tuesday. "We will not raise rates this year, whatever the data say," '
            'the governor said at a news conference.')
    c = run(wire, '"We will raise rates this year, whatever the data say," the governor said.')
    assert [f.reason for f in c.flags] == ["'raise' where the wire copy says 'not raise'"]
    figure = run('"We expect 12 new plants by 2026," the chief executive said on Monday.',
                 '"We expect 15 new plants by 2026," the chief executive said.')
    # a figure inside a quotation is the quotation's (the quote check reads it first): a misquote, and its reason
    # names the figure
    assert [f.verdict for f in figure.flags] == ["contradicted"]
    assert "('15' for '12')" in figure.flags[0].reason


def test_a_quotation_cut_short_is_no_change_and_one_of_other_words_is_new_not_a_misquote() -> None:
    wire = ('The central bank held rates on Tuesday. "We will not raise rates this year, whatever the data say," '
            'the governor said at a news conference.')
    cut = run(wire, 'The governor said: "We will not raise rates this year."')
    assert [u.status for u in cut.units if u.kind == "quote"] == ["supported"]
    marked = run(wire, 'The governor said: "We will not raise rates … whatever the data say."')
    assert [u.status for u in marked.units if u.kind == "quote"] == ["supported"] and not marked.flags
    cut_changed = run(wire, 'The governor said: "We will not lift rates this year."')
    (flag,) = cut_changed.flags
    assert "('lift' for 'raise')" in flag.reason                    # the wire's words around it are no change
    other = run(wire, '"Inflation is the enemy of every family," the governor said.')
    assert [u.status for u in other.units if u.kind == "quote"] == ["new"]
    assert not any("differs" in f.reason for f in other.flags)


def test_a_word_for_word_quote_is_supported(rules, storm_wire) -> None:
    c = rules.compare(storm_wire, "“We are asking everyone to stay off the roads,” Governor Ann Whitfield said in Austin.")
    (q,) = [u for u in c.units if u.kind == "quote"]
    assert q.status == "supported"
    assert not c.flags


def test_quotations_pair_in_order_so_a_list_of_titles_is_not_one_quote():
    wire = ('The shortlist includes Howard Jacobson\'s "J", Ali Smith\'s "How To Be Both" and Joshua Ferris\'s '
            '"To Rise Again at a Decent Hour", the judges said on Tuesday.')
    derived = ('The shortlist includes Ali Smith\'s "How To Be Both", Howard Jacobson\'s "J" and Joshua Ferris\'s '
               '"To Rise Again at a Decent Hour", the judges said.')
    c = run(wire, derived)
    quotes = [(u.text, u.status) for u in c.units if u.kind == "quote"]
    assert quotes == [('"How To Be Both"', "supported"), ('"To Rise Again at a Decent Hour"', "supported")]
    assert not c.flags
    changed = run(wire, derived.replace("Decent Hour", "Decent Time"))
    assert ('"To Rise Again at a Decent Time"', "contradicted") in [(u.text, u.status) for u in changed.units
                                                                     if u.kind == "quote"]

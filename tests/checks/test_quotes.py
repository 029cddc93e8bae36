"""The quote check (compare/checks/quotes.py): a quotation stands word for word in the wire copy."""
from __future__ import annotations

from checking import run


def test_a_changed_quote_is_not_supported(rules, storm_wire) -> None:
    derived = "“We are asking everyone to stay at home,” Governor Ann Whitfield told a news conference in Austin."
    c = rules.compare(storm_wire, derived)
    (q,) = [u for u in c.units if u.kind == "quote"]
    assert q.text == "“We are asking everyone to stay at home,”"
    assert q.status == "new" and derived[q.start:q.end] == q.text


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
    assert ('"To Rise Again at a Decent Time"', "new") in [(u.text, u.status) for u in changed.units
                                                            if u.kind == "quote"]

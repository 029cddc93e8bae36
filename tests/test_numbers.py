"""Reading figures, durations and days out of news text: values, units and exact offsets."""
from __future__ import annotations

import pytest

from compare.text.numbers import find_days, find_durations, find_figures, parse_number


def figures(text: str) -> list[tuple[str, float, str]]:
    found = find_figures(text)
    for f in found:
        assert text[f.start:f.end] == f.text
    return [(f.text, f.value, f.unit) for f in found]


@pytest.mark.parametrize("word, value", [
    ("50", 50.0), ("1,200", 1200.0), ("50.5", 50.5), ("three", 3.0), ("twenty-five", 25.0),
    ("Ninety", 90.0), ("dozen", 12.0), ("half", 0.5), ("banana", None),
])
def test_parse_number(word: str, value: float | None) -> None:
    assert parse_number(word) == value


@pytest.mark.parametrize("text, expected", [
    ("Insurers said damage could reach $50.5 billion.", [("$50.5 billion", 50.5e9, "$")]),
    ("Trade is expected to top $10 billion this year.", [("$10 billion", 10e9, "$")]),
    ("The plan raises taxes by 4 percent, rents by 3.5% and fees by 12 per cent.",
     [("4 percent", 4.0, "%"), ("3.5%", 3.5, "%"), ("12 per cent", 12.0, "%")]),
    ("The state will spend Rs 500 crore on roads.", [("Rs 500 crore", 5e9, "₹")]),
    ("The club paid £4.5m for the striker and €3bn went to banks.", [("£4.5m", 4.5e6, "£"), ("€3bn", 3e9, "€")]),
    ("It signed a $1.5-billion deal with US$7 million up front.", [("$1.5-billion", 1.5e9, "$"), ("US$7 million", 7e6, "$")]),
    ("Output fell by 1.2 million barrels a day.", [("1.2 million", 1.2e6, "")]),
    ("About 3,000 workers and twenty-five engineers were hired.", [("3,000", 3000.0, ""), ("twenty-five", 25.0, "")]),
])
def test_figures(text: str, expected: list) -> None:
    assert figures(text) == expected


def test_a_range_writes_its_scale_and_unit_once() -> None:
    """"$28-35 million" is $28 million to $35 million: the first figure of a range takes the second's
    scale and unit, so "$28m-$35m" says the same and no figure is read as $28."""
    assert figures("It sits at the low end of the film's $28-35 million projections.") == [
        ("$28", 28e6, "$"), ("35 million", 35e6, "$")]
    assert figures("Prices rose 10-12 percent, to between 2 and 3 billion dollars.") == [
        ("10", 10.0, "%"), ("12 percent", 12.0, "%"), ("2", 2e9, "$"), ("3 billion dollars", 3e9, "$")]
    assert figures("Arsenal won 3-2 on Sunday before 5 to 7 million viewers.") == [
        ("3", 3.0, ""), ("2", 2.0, ""), ("5", 5e6, ""), ("7 million", 7e6, "")]
    # a move and the level it reached are no range
    assert figures("The dollar lost 0.7% to 147.85 yen and sales fell 5% to 2 million units.") == [
        ("0.7%", 0.7, "%"), ("147.85 yen", 147.85, "¥"), ("5%", 5.0, "%"), ("2 million", 2e6, "")]


def test_basis_points_and_shares_of_a_point_are_read_in_percentage_points() -> None:
    assert figures("The Fed raised rates by 25 basis points, then cut by 50 bps.") == [
        ("25 basis points", 0.25, "pp"), ("50 bps", 0.5, "pp")]
    assert figures("It raised rates by a quarter of a percentage point, after a half-point cut.") == [
        ("a quarter of a percentage point", 0.25, "pp"), ("a half-point", 0.5, "pp")]
    assert figures("Yields rose three-quarters of a percentage point.") == [
        ("three-quarters of a percentage point", 0.75, "pp")]
    # a game's half a point, a quarter of the vote: no points of a percentage
    assert figures("The team is half a point clear and won a quarter of the vote.") == []


@pytest.mark.parametrize("text, days", [
    ("Modi will visit the United States from June 21 to June 24.", 4), ("The summit runs June 21-24.", 4),
    ("The fair is held between June 28 and July 2.", 5), ("He is away from 21 to 24 June.", 4),
    ("Talks run from Monday to Friday.", 5), ("The festival runs Dec. 30 to Jan. 2.", 4)])
def test_a_stretch_of_days_lasts_from_its_first_to_its_last_day(text: str, days: int) -> None:
    from compare.text.numbers import find_day_spans
    assert sorted(f.value for f in find_day_spans(text)) == [days - 1, days]      # the nights, and the days


def test_two_days_are_not_a_stretch() -> None:
    from compare.text.numbers import find_day_spans
    assert find_day_spans("He spoke on June 21 and 24, and on Monday and Wednesday.") == []


def test_times_of_day_are_read_on_the_twelve_hour_clock() -> None:
    from compare.text.numbers import find_times
    assert [(f.text, f.value) for f in find_times("It collapsed at 1:30 a.m., not 4 p.m. or 11.45pm.")] == [
        ("1:30 a.m.", 90.0), ("4 p.m.", 960.0), ("11.45pm", 1425.0)]
    assert find_times("The PM said 2 is a pm number.") == []


def test_times_with_a_zone_are_read_on_the_twenty_four_hour_clock() -> None:
    """Wire copy writes "(1802 GMT)" and "1830 local time"; an amount, a tonnage or a year is no time."""
    from compare.text.numbers import find_times
    got = find_times("It struck at 11.47pm (1802 GMT), or 18:02 UTC; markets opened at 0930 local time.")
    assert [(f.text, f.value, f.unit) for f in got] == [
        ("11.47pm", 1427.0, "time"), ("1802 GMT", 1082.0, "zoned time"), ("18:02 UTC", 1082.0, "zoned time"),
        ("0930 local time", 570.0, "zoned time")]
    assert find_times("It shipped 1,802 GMT units and 2000 MT of wheat; the index rose 18.02 points.") == []


def test_years_are_dates_not_amounts() -> None:
    assert figures("In 2022 the West imposed sanctions on Moscow.") == []
    assert figures("Sales hit 2,023 units in 2023.") == [("2,023", 2023.0, "")]


def test_a_one_letter_scale_needs_a_currency() -> None:
    """'100m' in '100m sprint' is metres, not a hundred million; '$3m' is three million dollars."""
    assert figures("She won the 100m sprint.") == [("100", 100.0, "")]
    assert figures("The fine was $3m.") == [("$3m", 3e6, "$")]


def test_digits_inside_names_are_not_figures() -> None:
    assert figures("Leaders met at the G20 summit to discuss Covid-19 and F-16 jets.") == []
    assert figures("The airline ordered 40 jets.") == [("40", 40.0, "")]


def test_rs_at_the_end_of_a_word_is_no_rupee_sign() -> None:
    # "Masters six" once read as ₹6: the "rs" of a word is no currency
    assert figures("Nicklaus won the Masters six times.") == [("six", 6.0, "")]
    assert figures("The players earned 40 percent more.") == [("40 percent", 40.0, "%")]
    assert figures("The farmer paid Rs 500 and then Rs. 5 lakh.") == [("Rs 500", 500.0, "₹"), ("Rs. 5 lakh", 5e5, "₹")]


def test_contradicting_figures_have_different_values() -> None:
    (a,), (b,) = find_figures("top $10 billion this year"), find_figures("top $50 billion this year")
    assert a.unit == b.unit == "$"
    assert a.value != b.value


@pytest.mark.parametrize("text, expected", [
    ("Jaishankar's five-day visit to Russia", [("five-day", 5.0, "day")]),
    ("after a 14-hour debate", [("14-hour", 14.0, "hour")]),
    ("after debating for 14 hours", [("14 hours", 14.0, "hour")]),
    ("a three-week-long strike", [("three-week-long", 3.0, "week")]),
    ("a twenty-five-year-old driver", [("twenty-five-year-old", 25.0, "year")]),
    ("over two years", [("two years", 2.0, "year")]),
])
def test_durations(text: str, expected: list) -> None:
    found = find_durations(text)
    for d in found:
        assert text[d.start:d.end] == d.text
    assert [(d.text, d.value, d.unit) for d in found] == expected


def test_days_and_dates() -> None:
    text = "The talks began on Monday, Jan. 15, 2024 and end on December 27, 2023, or in May, they may say."
    found = find_days(text)
    for d in found:
        assert text[d.start:d.end] == d.text
    got = [(d.text, d.value, d.unit) for d in found]
    assert ("Monday", "monday", "day") in got
    assert ("Jan. 15, 2024", "january 15 2024", "month") in got
    assert ("December 27, 2023", "december 27 2023", "month") in got
    assert not any(d.text.lower() == "may" for d in found), "'may' the verb is not a month"


@pytest.mark.parametrize("text, expected", [
    ("a fourth-quarter decline", [("fourth", 4.0, "quarter")]),
    ("her 17th title in the road race", [("17th", 17.0, "title")]),
    ("the twenty-first century", [("twenty-first", 21.0, "century")]),
    ("the third rounds of talks", [("third", 3.0, "round")]),
    ("second", []),
    ("firstly, the 1st", []),
])
def test_ordinals_with_the_word_they_rank(text: str, expected: list) -> None:
    from compare.text.numbers import find_ordinals
    assert [(o.text, o.value, o.unit) for o in find_ordinals(text)] == expected

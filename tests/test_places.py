"""Places within places: a state, province or nation of a country is a detail of it, not a swap."""
from __future__ import annotations

import pytest

from compare.places import within


@pytest.mark.parametrize("region, country", [
    ("Oregon", "the United States"), ("Oregon", "USA"), ("New York state", "US"),
    ("Northern Territory", "Australia"), ("Fujian province", "China"), ("Scotland", "Britain"),
    ("Punjab", "India"), ("Punjab", "Pakistan"), ("British Columbia", "Canada"),
])
def test_a_division_lies_within_its_country(region, country) -> None:
    assert within(region, country)
    assert not within(country, region), "within is not symmetric"


@pytest.mark.parametrize("a, b", [
    ("Texas", "Oregon"),            # two states: a swap
    ("Oregon", "Canada"),
    ("Scotland", "Ireland"),
    ("Northern", "Australia"),      # not a division
    ("", "China"),
])
def test_other_pairs_are_not(a, b) -> None:
    assert not within(a, b)

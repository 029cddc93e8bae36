"""Places within places: a state, province or nation of a country is a detail of it, not a swap."""
from __future__ import annotations

import pytest

from compare.text.places import capital_of, country_of_people, stands_for, within


@pytest.fixture(scope="module")
def engine(rules):
    """What the checks find, without the support judge (see conftest.rules)."""
    return rules


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


@pytest.mark.parametrize("town, place", [
    ("London", "the U.K."), ("London", "Britain"), ("Eugene", "Oregon"), ("Eugene", "the United States"),
    ("Mumbai", "India"), ("Zürich", "Switzerland"), ("Santa Clara County", "CA"), ("Santa Clara County", "California"),
    ("Zhangzhou City", "China"),
])
def test_a_town_lies_within_its_country_and_state(town, place) -> None:
    assert within(town, place)
    assert not within(place, town), "within is not symmetric"
    assert not within(town, place, towns=False), "towns=False keeps to states and provinces"


@pytest.mark.parametrize("a, b", [
    ("Melbourne", "Sydney"),        # two towns: a swap
    ("Mumbai", "Pakistan"),
    ("Eugene", "Texas"),
    ("Sydney", "France"),
])
def test_a_town_is_not_within_another_country_or_town(a, b) -> None:
    assert not within(a, b)


def test_a_broken_place_table_is_a_clear_error(tmp_path, monkeypatch) -> None:
    from compare.text import places
    from compare.errors import ModelError
    bad = tmp_path / "places.json.gz"
    bad.write_bytes(b"not gzip")
    monkeypatch.setattr(places, "PLACES_PATH", str(bad))
    places._table.cache_clear()
    places.within.cache_clear()
    try:
        with pytest.raises(ModelError, match="build_places"):
            within("Eugene", "Oregon")
    finally:
        places._table.cache_clear()
        places.within.cache_clear()


@pytest.mark.parametrize("people, country", [
    ("Indian", "India"), ("Dutch", "The Netherlands"), ("American", "United States"), ("British", "United Kingdom"),
    ("Austrian", "Austria"), ("Australian", "Australia"), ("Iraqi", "Iraq"), ("Delhi", None)])
def test_the_country_of_a_people(people, country) -> None:
    assert country_of_people(people) == country


def test_a_place_of_the_country_a_people_names_is_no_swap(engine) -> None:
    from compare import compare as run
    wire = "The meeting was held in New Delhi on Tuesday, officials said."
    c = run(wire, "The meeting took place in the Indian capital on Tuesday.")
    assert c.verdicts[0].label not in ("contradicted",) and not [u for u in c.units if u.status == "contradicted"]
    swapped = run(wire, "The meeting took place in the Pakistani capital on Tuesday.")
    assert swapped.verdicts[0].label == "contradicted"


@pytest.mark.parametrize("place, country", [
    ("Berlin", "Germany"), ("Moscow", "Russia"), ("Kyiv", "Ukraine"), ("Kiev", "Ukraine"),
    ("New Delhi", "India"), ("Washington", "United States"), ("Munich", None), ("Sydney", None)])
def test_the_country_of_a_capital(place, country) -> None:
    assert capital_of(place) == country


def test_a_capital_stands_for_its_country_named_or_its_people() -> None:
    assert stands_for("Moscow", "Russia") and stands_for("Moscow", "Russian") and stands_for("Washington", "U.S.")
    assert stands_for("Beijing", "the Chinese") and stands_for("London", "British")
    assert not stands_for("Moscow", "Ukraine") and not stands_for("Munich", "Germany")


def test_a_capital_for_the_government_the_wire_copy_names_is_no_new_place(engine) -> None:
    from compare import compare as run
    for wire, derived in [
            ("The German government said it would send more tanks to Ukraine.",
             "Berlin said it would send more tanks to Ukraine."),
            ("Ukrainian officials said the attack killed three people.", "Kyiv said the attack killed three people."),
            ("Russia said on Monday it had expelled two diplomats.", "Moscow said on Monday it had expelled two diplomats."),
            ("Iran said it would respond to any attack.", "Tehran said it would respond to any attack."),
            ("India's foreign ministry said the talks were productive.", "New Delhi said the talks were productive.")]:
        c = run(wire, derived)
        assert not c.flags, (derived, [f.reason for f in c.flags])
    # another country's capital is still a swap
    for wire, derived in [("Ukrainian officials said the attack killed three people.",
                           "Moscow said the attack killed three people."),
                          ("Iran said it would respond to any attack.", "Baghdad said it would respond to any attack.")]:
        assert run(wire, derived).verdicts[0].label == "contradicted", derived
    # the capital as a place is a detail the wire copy does not give: "in Berlin" for "in Germany", and
    # "the Moscow embassy" is the building, not the government
    placed = run("The company will open a factory in Germany next year.",
                 "The company will open a factory in Berlin next year.")
    assert [u.text for u in placed.units if u.status == "new"] == ["Berlin"] and placed.flags
    embassy = run("Activists dumped paint in front of the Russian embassy in London.",
                  "Activists dumped paint in front of the Moscow Russian embassy.")
    assert "Moscow" in [u.text for u in embassy.units if u.status != "supported"]

"""Which places lie within which: the first-level divisions of the countries news names most.

A rewrite that writes "Eugene, Oregon" where the wire copy says "Eugene in the United States" adds a
detail; it does not contradict the wire. ``within(a, b)`` says whether place ``a`` is a division of
country ``b`` (a state, province, territory or constituent nation), so that the entity checks read
such a pair as more (or less) specific, never as one place put in another's place. A swap of two
divisions ("Oregon" for "Texas") or of two countries is still a swap.

The divisions are the first-level subdivisions listed in ISO 3166-2 for the United States, Canada,
Australia, the United Kingdom (its four nations), India, China and Pakistan, under their common
English names. Country names are matched with ``names.normalise`` and the country aliases of
``names.same_country`` ("US", "USA", "America", "the United States").

News names a government by its capital ("Moscow said", "talks between Washington and Beijing"):
``capital_of`` gives the country whose capital a place is, from GeoNames' country table, and
``stands_for(capital, name)`` whether the capital stands for the country, or the people, that the
wire copy names ("Berlin" where it says "Germany" or "the German government").

Towns lie within their country too, and a US town or county within its state ("London" within "the
U.K.", "Eugene" within "Oregon", "Santa Clara County" within "CA"): ``data/places.json.gz``, every town of
15,000 people or more in GeoNames (CC BY 4.0, see ``data/LICENSE.geonames.txt``), rebuilt by
``tools/build_places.py``. A name several towns share lies in each of their countries ("London" in the
U.K. and in Canada): the table tells a more specific place from a different one, not which one is meant.
"""
from __future__ import annotations

import gzip
import json
import os
from functools import lru_cache

from ..errors import ModelError
from .names import TOWN_NAMES, normalise, same_country, same_entity, same_nation

__all__ = ["within", "is_place_name", "country_of_people", "capital_of", "stands_for", "DIVISIONS", "PLACES_PATH"]

PLACES_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "places.json.gz")

#: country → its first-level divisions (ISO 3166-2), lower case
DIVISIONS: dict[str, frozenset[str]] = {
    "united states": frozenset({
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
        "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky",
        "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi",
        "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico",
        "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania",
        "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont",
        "virginia", "washington", "west virginia", "wisconsin", "wyoming", "district of columbia",
        "puerto rico", "guam"}),
    "canada": frozenset({
        "alberta", "british columbia", "manitoba", "new brunswick", "newfoundland and labrador",
        "newfoundland", "nova scotia", "ontario", "prince edward island", "quebec", "saskatchewan",
        "northwest territories", "nunavut", "yukon"}),
    "australia": frozenset({
        "new south wales", "victoria", "queensland", "south australia", "western australia", "tasmania",
        "northern territory", "australian capital territory"}),
    "united kingdom": frozenset({"england", "scotland", "wales", "northern ireland"}),
    "india": frozenset({
        "andhra pradesh", "arunachal pradesh", "assam", "bihar", "chhattisgarh", "goa", "gujarat",
        "haryana", "himachal pradesh", "jharkhand", "karnataka", "kerala", "madhya pradesh",
        "maharashtra", "manipur", "meghalaya", "mizoram", "nagaland", "odisha", "punjab", "rajasthan",
        "sikkim", "tamil nadu", "telangana", "tripura", "uttar pradesh", "uttarakhand", "west bengal",
        "andaman and nicobar islands", "chandigarh", "dadra and nagar haveli and daman and diu", "delhi",
        "jammu and kashmir", "ladakh", "lakshadweep", "puducherry"}),
    "china": frozenset({
        "anhui", "fujian", "gansu", "guangdong", "guizhou", "hainan", "hebei", "heilongjiang", "henan",
        "hubei", "hunan", "jiangsu", "jiangxi", "jilin", "liaoning", "qinghai", "shaanxi", "shandong",
        "shanxi", "sichuan", "yunnan", "zhejiang", "guangxi", "inner mongolia", "ningxia", "xinjiang",
        "tibet", "beijing", "chongqing", "shanghai", "tianjin", "hong kong", "macau", "macao"}),
    "pakistan": frozenset({
        "balochistan", "khyber pakhtunkhwa", "punjab", "sindh", "gilgit-baltistan", "azad kashmir",
        "islamabad capital territory"}),
}

_SUFFIXES = (" state", " province", " territory")      # "Fujian province", "New York state"


_ALL = frozenset().union(*DIVISIONS.values())


def _key(place: str) -> str:
    key = " ".join(normalise(place))
    if key in _ALL:                 # "Northern Territory" is a name, not "Northern" + "territory"
        return key
    for suffix in _SUFFIXES:
        if key.endswith(suffix):
            return key[: -len(suffix)]
    return key


@lru_cache(maxsize=1)
def _table() -> dict:
    try:
        with gzip.open(PLACES_PATH, "rt", encoding="utf-8") as fh:
            table = json.load(fh)
        if table.get("format") != 1:
            raise ValueError(f"unsupported format {table.get('format')!r}")
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the place table {PLACES_PATH} ({exc}); rebuild it with "
                         "`python tools/build_places.py`") from None
    return table


def _is_country(key: str, name: str) -> bool:
    country = _key(name)
    return key == country or same_country(key, country)


def _in_state(code: str, place: str, key: str) -> bool:
    """Whether ``place`` (``key`` normalised) names US state ``code``: "Oregon", "OR" written so."""
    return key == _key(_table()["us_states"][code]) or place.strip(" .,") == code


@lru_cache(maxsize=20_000)
def within(a: str, b: str, towns: bool = True) -> bool:
    """Whether place ``a`` lies within place ``b``: a first-level division within its country
    ("Oregon", "the United States"), and unless ``towns`` is false a town within its country or US state
    ("London", "the U.K."; "Eugene", "Oregon") or a US county within its state ("Santa Clara County", "CA")."""
    region, country = _key(a), _key(b)
    if not region or not country or region == country:
        return False
    for name, divisions in DIVISIONS.items():
        if region in divisions and (country == name or same_country(country, name)):
            return True
    if not towns:
        return False
    table = _table()
    if region not in table["towns"] and region.endswith(" city"):      # "Zhangzhou City"
        region = region[:-5]
    for code in table["towns"].get(region, ()):
        iso, _, state = code.partition("-")
        if _is_country(country, table["countries"][iso]) or (state and _in_state(state, b, country)):
            return True
    return any(_in_state(state, b, country) or _is_country(country, "United States")
               for state in table["us_counties"].get(region, ()))


@lru_cache(maxsize=2_000)
def country_of_people(word: str) -> str | None:
    """The country whose people ``word`` names ("Indian" → "India", "Dutch" → "Netherlands"), or None."""
    for name in _table()["countries"].values():
        if same_nation(word, name) or (len(normalise(word)) == 1 and word.lower() != name.lower()
                                       and same_entity(word, name, "NORP") and len(normalise(name)) == 1):
            return name
    return None


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Each capital's name, normalised, and its older names ("kiev"), → its country's name."""
    table = _table()
    out = {capital: table["countries"][iso] for iso, capital in table.get("capitals", {}).items()}
    for names in TOWN_NAMES:
        country = next((out[n] for n in names if n in out), None)
        if country is not None:
            out.update(dict.fromkeys(names, country))
    return out


@lru_cache(maxsize=2_000)
def capital_of(place: str) -> str | None:
    """The country whose capital ``place`` is ("Berlin" → "Germany", "Kiev" → "Ukraine"), or None."""
    return _capitals().get(" ".join(normalise(place)))


def stands_for(capital: str, name: str) -> bool:
    """Whether the place ``capital`` is the capital of the country ``name`` names, by its name or its
    people ("Moscow" and "Russia", "Russian"; "Washington" and "the U.S.", "American")."""
    country = capital_of(capital)
    return country is not None and (_is_country(_key(name), country) or same_nation(name, country)
                                    or country_of_people(name) == country)


def is_place_name(words: str) -> bool:
    """Whether ``words`` (lower case, single spaces) name a town, a US county or a first-level division
    exactly as written: a cheap filter before :func:`within`."""
    table = _table()
    return words in table["towns"] or words in table["us_counties"] or words in _ALL

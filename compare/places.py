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
"""
from __future__ import annotations

from functools import lru_cache

from .names import normalise, same_country

__all__ = ["within", "DIVISIONS"]

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


@lru_cache(maxsize=20_000)
def within(a: str, b: str) -> bool:
    """Whether place ``a`` is a first-level division of country ``b`` ("Oregon", "the United States")."""
    region, country = _key(a), _key(b)
    if not region or not country:
        return False
    for name, divisions in DIVISIONS.items():
        if region in divisions and (country == name or same_country(country, name)):
            return True
    return False

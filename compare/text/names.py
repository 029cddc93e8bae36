"""When two mentions name the same person, place or organisation.

"Sergey Lavrov" / "Sergei Lavrov" (transliteration), "S. Jaishankar" / "Subrahmanyam Jaishankar" /
"Jaishankar" (initial or surname alone), "Russian" / "Russia" (demonym), "UN" / "United Nations"
(initials). The rules are about name shapes, never about particular names.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from .wordlists import ordered, table, words

__all__ = ["normalise", "same_entity", "same_person", "same_country", "same_nation", "given_name_added",
           "demonym_stem", "TITLES", "SHORT_TITLES", "TITLE_ABBREVIATIONS", "title_written_otherwise", "TOWN_NAMES"]

#: titles a name may carry, dropped when names are compared ("PM Modi", "President Joe Biden")
TITLES = words("names.titles")
#: short titles and the words they stand for ("PM" where the wire copy says "Prime Minister")
SHORT_TITLES = table("names.short_titles")
#: titles shortened before a name, with the word each stands for ("gov" → "governor")
TITLE_ABBREVIATIONS = table("names.title_abbreviations")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def normalise(name: str) -> list[str]:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    words = [_POSSESSIVE.sub("", w) for w in re.findall(r"[\w.'’-]+", s)]
    words = [w.replace(".", "").strip("-") for w in words]
    return [w for w in words if w and w not in TITLES]


def _similar(a: str, b: str, cutoff: float) -> bool:
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= cutoff


def _given_compatible(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:          # an initial: "S." vs "Subrahmanyam"
        return a[0] == b[0]
    return a[0] == b[0] and _similar(a, b, 0.7)


def same_person(a: str, b: str) -> bool:
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return False
    if "".join(na).replace("-", "") == "".join(nb).replace("-", ""):    # "Kim Jong Un" / "Kim Jong-un"
        return True
    if not (_similar(na[-1], nb[-1], 0.85) and min(len(na[-1]), len(nb[-1])) >= 3 or na[-1] == nb[-1]):
        return False
    if len(na) > 1 and len(nb) > 1:
        return _given_compatible(na[0], nb[0])
    return True


#: role nouns news puts before a surname as a title ("Striker Keating", "Player Clarkson"): not given names
_ROLES = frozenset("""player striker forward midfielder defender goalkeeper keeper winger captain skipper coach
 manager boss star veteran rookie teammate rival champion holder challenger leader member chairman chairwoman
 officer inspector detective constable reporter correspondent author actor actress singer rapper director
 producer writer novelist poet designer architect founder owner trainer jockey driver rider cyclist runner
 sprinter swimmer boxer fighter wrestler golfer bowler batsman batter pitcher quarterback centre-back
 full-back fullback lawmaker mp mep councillor mayor ambassador envoy""".split())


def given_name_added(derived: str, wire_names: list[str]) -> bool:
    """``derived`` has a given name while every wire mention of that person is a bare surname."""
    nd = normalise(derived)
    if len(nd) < 2 or len(nd[0]) < 2 or nd[0] in _ROLES:
        return False
    matches = [w for w in wire_names if same_person(derived, w)]
    return bool(matches) and all(len(normalise(w)) < 2 for w in matches)


def demonym_stem(word: str) -> str:
    w = normalise(word)
    w = w[-1] if w else word.lower()
    for suf in ("ians", "ian", "ans", "an", "ese", "ish", "i", "n", "a"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: len(w) - len(suf)]
    return w


#: short and long names of the same country that no rule about name shapes can join
_COUNTRY_NAMES = tuple(frozenset(names) for names in ordered("names.country_names"))
#: a people's adjective or noun whose country the word's shape does not give ("American" is of the
#: U.S.), to a name of :data:`_COUNTRY_NAMES` or the country's own; :func:`demonym_stem` matches the rest
_DEMONYMS = table("names.demonyms")


def _country_key(name: str) -> str:
    """A country's name in lower case from its name or its people's word ("Americans" → "us")."""
    joined = " ".join(normalise(name))
    for form in (joined, joined[:-1] if joined.endswith("s") else joined):
        if form in _DEMONYMS:
            return _DEMONYMS[form]
    return joined


#: towns known by an older name or another transliteration, which no rule about spelling can join
TOWN_NAMES = tuple(frozenset(names) for names in ordered("names.town_names"))


def same_country(a: str, b: str) -> bool:
    ja, jb = " ".join(normalise(a)), " ".join(normalise(b))
    return ja != jb and any(ja in names and jb in names for names in _COUNTRY_NAMES)


def same_nation(a: str, b: str) -> bool:
    """One country named by its people where the word's shape does not give it ("American" and "U.S.",
    "Britons" and "the UK", "Dutch" and "the Netherlands"), or by two of its names: no other country,
    though not the name the wire copy writes. (:func:`same_entity` joins the regular ones, "Russian"
    and "Russia".)"""
    ka, kb = _country_key(a), _country_key(b)
    return bool(ka and kb) and (ka == kb or any(ka in names and kb in names for names in _COUNTRY_NAMES))


#: words a name's initials leave out ("Centers for Disease Control": "CDC")
INITIALS_SKIP = frozenset({"of", "and", "the", "for"})


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in INITIALS_SKIP)


#: British spellings and the American ones a name may be written with elsewhere ("Air Defence Forces" /
#: "Air Defense Forces", "Centre" / "Center", "Labour" / "Labor", "Organisation" / "Organization"): word
#: endings, applied to both names before they are compared
_SPELLINGS = (("isation", "ization"), ("ence", "ense"), ("ogue", "og"), ("our", "or"), ("tre", "ter"),
              ("amme", "am"))


def _us_spelling(word: str) -> str:
    """``word`` with a British ending written the American way (words of six letters or more, so that
    "four", "hour" and "tour" stay as they are)."""
    if len(word) >= 6:
        for uk, us in _SPELLINGS:
            if word.endswith(uk):
                return word[:-len(uk)] + us
    return word


@lru_cache(maxsize=200_000)     # each derived mention is held against every name of the wire copy
def same_entity(a: str, b: str, label: str = "") -> bool:
    """Whether mentions ``a`` and ``b`` can name the same entity (``label`` is spaCy's, of ``a``)."""
    if label == "PERSON":
        return same_person(a, b)
    na, nb = [_us_spelling(w) for w in normalise(a)], [_us_spelling(w) for w in normalise(b)]
    if not na or not nb:
        return False
    ja, jb = " ".join(na), " ".join(nb)
    if same_country(a, b) or any(ja in names and jb in names for names in TOWN_NAMES):
        return True
    if ja == jb or re.search(rf"\b{re.escape(ja)}\b", jb) or re.search(rf"\b{re.escape(jb)}\b", ja):
        return True
    if len(na) == 1 and len(nb) > 1 and na[0].replace(".", "") == _initials(nb):
        return True
    if len(nb) == 1 and len(na) > 1 and nb[0].replace(".", "") == _initials(na):
        return True
    for one, full in ((na, nb), (nb, na)):       # a short form of the first word: "the Fed", "the Federal Reserve"
        if len(one) == 1 and len(full) > 1 and 3 <= len(one[0]) < len(full[0]) and full[0].startswith(one[0]):
            return True
    if len(na) == 1 and len(nb) == 1:
        sa, sb = demonym_stem(na[0]), demonym_stem(nb[0])
        return len(sa) >= 4 and (sa == sb or sa.startswith(sb) or sb.startswith(sa))
    return False


def title_written_otherwise(word: str, wire_words: str) -> str | None:
    """The wire copy's form of a title written shortened or in full ("gov" for "governor", or the other
    way round), or None; ``wire_words`` the wire copy as normalised words."""
    if (full := TITLE_ABBREVIATIONS.get(word)) is not None and f" {full} " in wire_words:
        return full
    return next((short for short, full in TITLE_ABBREVIATIONS.items()
                 if full == word and f" {short} " in wire_words), None)

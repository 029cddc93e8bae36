"""How the figures of two texts compare: the same value, duration or amount as written, the bound put
on a figure ("over 400", "almost 400"), shares and counts given in words, names of letters and digits.
Pure functions over figures and text, used by the figure checks (``figures``)."""
from __future__ import annotations

import math
import re
from functools import lru_cache

from ..text.numbers import Figure
from ..text.wordlists import ordered, table

#: a name of letters, then digits: "SARS-CoV-2", "F-16", "G20", "COP28", "U20s" (not "5bn", "4th" or "1990s",
#: which begin with their digits and are read as figures, ranks and dates)
_DESIGNATION = re.compile(r"(?<![\w.-])[A-Za-z][A-Za-z.-]*\d[A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?![\w-])")

#: counts stated without a cardinal ("capped twice" → "two caps"); ordinals are not counts ("the 17th hole")
_COUNT_WORDS = table("figures.count_words")

#: shares given in words ("a third of", "by two-thirds", "half of"), as percentages: a summary that says
#: "33%" or "over 50%" for them gives the same figure
_FRACTION = re.compile(r"(?P<pre>\b(?:by|than|over|nearly|almost|about|roughly|some)\s+)?"
                       r"(?P<f>\b(?P<n>a|one|two|three|four)[\s-]+(?P<d>half|third|quarter|fifth|tenth)s?"
                       r"|\b(?P<h>half))\b(?P<of>\s+(?:of|the|its|their|his|her)\b)?", re.I)

_NUMERATORS = table("figures.numerators")

_DENOMINATORS = table("figures.denominators")

def _designations(text: str):
    """Names made of letters and digits ("SARS-CoV-2", "F-16", "G20", "COP28", "mRNA-1345"), with their shape:
    the name in lower case, each run of digits as "#" ("cov-#", "f-#", "g#")."""
    for m in _DESIGNATION.finditer(text):
        yield m, re.sub(r"\d+", "#", m.group().lower())

def _designation_index(text: str) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for m, shape in _designations(text):
        index.setdefault(shape, [])
        if m.group() not in index[shape]:
            index[shape].append(m.group())
    return {k: tuple(v) for k, v in index.items()}

def _fractions(text: str) -> list[tuple[float, str]]:
    """The shares ``text`` gives in words, as percentages with the words: (33.3, "a third")."""
    out = []
    for m in _FRACTION.finditer(text):
        if not (m.group("pre") or m.group("of")):
            continue            # "in the third quarter", "half-time": no share of anything
        if m.group("h"):
            out.append((50.0, m.group("f")))
        else:
            out.append((100.0 * _NUMERATORS[m.group("n").lower()] / _DENOMINATORS[m.group("d").lower()], m.group("f")))
    return out

def _count_words(text: str) -> list[float]:
    """Counts a text states without a cardinal: "twice" (2), "a pair" (2)."""
    return [_COUNT_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _COUNT_WORDS]

def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 + 0.005 * max(abs(a), abs(b))

#: units of time that convert exactly, as (base unit, how many of it): "a decade" is "10 years", "a week"
#: "7 days", "two years" "24 months". A day and a month do not convert (months differ), nor do distances
_TIME_BASE = table("figures.time_base")

def _same_measure(a, b) -> bool:
    """Whether durations ``a`` and ``b`` measure in units that convert into one another."""
    return a.unit == b.unit or (a.unit in _TIME_BASE and b.unit in _TIME_BASE
                                and _TIME_BASE[a.unit][0] == _TIME_BASE[b.unit][0])

def _same_duration(a, b) -> bool:
    """Whether durations ``a`` and ``b`` are the same length: "a decade" and "10 years", "48 hours" and "two days"."""
    if a.unit == b.unit:
        return _same_value(a.value, b.value)
    return _same_measure(a, b) and _same_value(a.value * _TIME_BASE[a.unit][1], b.value * _TIME_BASE[b.unit][1])

#: units of distance and weight that convert, as (base unit, how many of it): "310 miles (500 km)"
_MEASURE_BASE = table("figures.measure_base")
#: a conversion is rounded by its writer: "6 miles (10 km)" is 9.7 km
CONVERTED = 0.05


def _converted(a, b) -> bool:
    """Whether ``b`` is measure ``a`` converted into another unit, rounded as a writer rounds it: "500 km"
    for "310 miles" (498.9 km), "10 km" for "6 miles"."""
    ua, ub = _MEASURE_BASE.get(a.unit), _MEASURE_BASE.get(b.unit)
    if ua is None or ub is None or ua[0] != ub[0] or a.unit == b.unit:
        return False
    x, y = a.value * ua[1], b.value * ub[1]
    return abs(x - y) <= CONVERTED * max(abs(x), abs(y))


_DIGITS = re.compile(r"(\d[\d,]*)(?:\.(\d+))?")

@lru_cache(maxsize=100_000)       # every derived figure is held against every figure of the wire copy
def _precision(fig) -> float | None:
    """The step of the last digit a figure is written to: 0.01 for "$6.86", 1e8 for "$3.1bn", None for a
    figure in words."""
    m = _DIGITS.search(fig.text)
    if not m:
        return None
    written = float(m.group(1).replace(",", "") + (f".{m.group(2)}" if m.group(2) else ""))
    if not written:
        return None
    return 10.0 ** -len(m.group(2) or "") * abs(fig.value / written)

def _same_figure(x, w) -> bool:
    """Whether two figures state the same amount, the finer one rounded to the coarser one's last digit
    ("$5bn" for "$5.1bn", "36%" for "35.7%"), but not two figures written to the same digit that differ
    in it ("$6.89" for "$6.86"). Points against a bare figure are not rounded: "75 basis points" (0.75 of a
    point) is not the "1" of "Tier 1"."""
    if "pp" in (x.unit, w.unit) and x.unit != w.unit:
        return _same_value(x.value, w.value)
    px, pw = _precision(x), _precision(w)
    if px is None or pw is None:
        return _same_value(x.value, w.value)
    return abs(x.value - w.value) <= max(px, pw) / 2 + 1e-9 * max(abs(x.value), abs(w.value), 1.0)

def _magnitude_gap(a: float, b: float) -> float:
    """How far apart two amounts are in size (orders of magnitude)."""
    return abs(math.log10(abs(a) + 1e-12) - math.log10(abs(b) + 1e-12))

def _units_compatible(a: str, b: str) -> bool:
    return a == b or not a or not b

def _is_age(text: str, d: Figure) -> bool:
    """A person's age: "21-year-old", "75 years old"."""
    return d.unit == "year" and (d.text.lower().endswith("-old") or text[d.end:d.end + 5].lower().startswith(" old"))

def _counted(text: str, end: int) -> str:
    """The word a bare number counts ("two caps" → "cap"), crudely singularised; "" when none."""
    m = re.match(r"[\s-]*(?:[a-z]+\s+)?([A-Za-z]+)", text[end:end + 40])
    word = m.group(1).lower() if m else ""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word

#: words that put a figure's true value above it ("over 400") or below it ("almost 400", "up to 400")
_ABOVE = ordered("figures.above")

_BELOW = ordered("figures.below")

_BOUND = re.compile(r"\b(?P<w>" + "|".join(sorted(_ABOVE + _BELOW, key=len, reverse=True)).replace(" ", r"\s+")
                    + r")\s+(?:(?:some|about|around|roughly|just|only|a)\s+)?$", re.I)

_APPROXIMATE = re.compile(r"\b(?:about|around|roughly|approximately|some|circa|an estimated|estimated)\s+$", re.I)

_OPEN_ENDED = re.compile(r"(?:\+|-?plus\b|\s+or\s+(?:more|so|fewer|less)\b|\s*-odd\b)", re.I)

def _reversed_bound(text: str, x, in_window: list) -> str | None:
    """The window's words when the sentence bounds the figure ``x`` one way ("over 400") and the window
    bounds the same figure only the other way ("almost 400"); else None. ``in_window``: ``(wire sentence
    text, figure)`` for the window's figures of that value."""
    sides = {_bound(t, w.start): (t, w) for t, w in in_window}
    if not (side := _bound(text, x.start)) or -side not in sides or side in sides:
        return None
    t, w = sides[-side]
    return t[_bound_start(t, w.start):w.end]

def _dropped_bound(text: str, x, same: list, in_window: list, names: tuple[str, ...] = ()) -> str | None:
    """The window's words when the sentence states the figure ``x`` bare ("600 firefighters") where the
    window bounds it ("more than 600") and the wire copy never gives it unbounded of the same thing; else
    None. ``same``: ``(wire sentence text, figure)`` for every figure of that value in the wire copy,
    ``in_window``: those of the window. ``names``: the sentence's named entities; those the window's
    bounded sentence also names say what the figure is of, and a wire sentence naming none of them
    gives the figure of something else ("36 percent" for another county)."""
    if (not in_window or _bound(text, x.start) or _APPROXIMATE.search(text[max(0, x.start - 16):x.start])
            or _OPEN_ENDED.match(text[x.end:x.end + 10])):
        return None
    anchors = [n for n in names if any(_mentions(t, n) for t, w in in_window if _bound(t, w.start))]
    if anchors:
        same = [(t, w) for t, w in same if any(_mentions(t, n) for n in anchors)]
    if not all(_bound(t, w.start) for t, w in same):
        return None
    t, w = in_window[0]
    return t[_bound_start(t, w.start):w.end]

def _mentions(text: str, name: str) -> bool:
    """Whether ``text`` names ``name``, as whole words in any case."""
    return re.search(r"(?<!\w)" + re.escape(name.lower()) + r"(?!\w)", text.lower()) is not None

def _bound(text: str, start: int) -> int:
    """+1 when the words before the figure at ``start`` put its value above it, -1 below, 0 neither."""
    m = _BOUND.search(text[max(0, start - 30):start])
    if not m:
        return 0
    said = " ".join(m.group("w").lower().split())
    return 1 if said in _ABOVE else -1

def _bound_start(text: str, start: int) -> int:
    """Where the bounding words before the figure at ``start`` begin (``start`` when there are none)."""
    m = _BOUND.search(text[max(0, start - 30):start])
    return max(0, start - 30) + m.start() if m else start

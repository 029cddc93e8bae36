"""The figure checks: times of day, durations, days and dates, amounts, ranks and names with digits. A
value the wire copy gives anywhere supports; a differing one contradicts only where the sentence says
what its best wire sentence says (``SentenceContext.near``); a bound dropped ("600" for "more than 600")
is a hedge stated as fact."""
from __future__ import annotations

import re
from typing import Iterator, TYPE_CHECKING

from ..text.numbers import find_days, find_durations, find_figures, find_ordinals, find_times, same_date
from .amounts import (_bound_start, _converted, _counted, _designations, _dropped_bound, _is_age, _magnitude_gap,
                      _reversed_bound, _same_duration, _same_figure, _same_measure, _same_value, _units_compatible)
from .context import Finding, SentenceContext, contradiction, unit
from .registry import check
from .relations import _REPORTING
from ..text.wordlists import table, words

if TYPE_CHECKING:                                   # pragma: no cover
    from .steps import WireFacts
    from ..text.nlp import Analysis


_RELATIVE_DAYS = words("figures.relative_days")


#: a count whose unit the wire sentence leaves out, saying it just before: "three years in prison, two of them
#: suspended"
_OF_THEM = re.compile(r"\s+of\s+(?:them|which|those|these)\b", re.I)


#: named entities that say what a figure is of: a place, a person, an organisation, an event
_ANCHOR_LABELS = frozenset({"GPE", "LOC", "PERSON", "ORG", "FAC", "EVENT", "PRODUCT", "NORP"})


#: numbers written as these words carry no figure an editor would check
_WEAK_NUMBERS = words("figures.weak_numbers")


#: a count spelt out up to this ("two players", "three goals") is shown as new but does not flag a sentence on
#: its own: summaries count what the wire copy lists ("Anderson and Keating" → "two new players"). Faithbench
#: text BAcc 0.620 → 0.646, training file and summedits unchanged
_COUNTED_UP_TO = 3


#: a numbered list's marker ("2." or "3)" opening a line), not a figure
_LIST_MARKER = re.compile(r"\s*[-•*]?\s*\(?\d{1,2}[.)](?:\s|$)")


#: words in the window that a year in the derived sentence may resolve ("next year's Games" → "2016")
_RELATIVE_YEAR = re.compile(r"\b(?:next|last|this|previous|coming|following|same)\s+(?:year|season|decade)|\byear\b", re.I)


def _named(analysis: Analysis) -> tuple[str, ...]:
    return tuple(e.text for e in analysis.entities if e.label in _ANCHOR_LABELS)


@check("times", "figures")
def _check_times(ctx: SentenceContext) -> Iterator[Finding]:
    """Times of day: "1:30 p.m." where the window says "1:30 a.m." changes when it happened. A time with its
    zone on the 24-hour clock ("(1802 GMT)") is a conversion a writer adds: the same time of day as one of
    the wire's is supported, another is new, never a contradiction."""
    facts, all_figs = ctx.facts, ctx.facts.all_figures
    win_times = [w for j in ctx.window for w in facts.times[j] if w.unit == "time"]
    for x in find_times(ctx.text):
        hour = (x.value // 60 - 1) % 12 + 1 if not x.value % 60 and x.unit == "time" else None
        if (w := next((w for w in facts.times_anywhere if w.value == x.value), None)) is not None or (
                hour is not None and (w := next((w for w in all_figs if not w.unit and w.value == hour), None))):
            yield unit(x.start, x.end, "date", "supported", w.text)     # … or the wire's bare hour: "7 pm" for "7?"
        elif ctx.near and win_times and x.unit == "time":    # (the wire's zoned times convert, say nothing else)
            yield contradiction(x.start, x.end, "date", win_times[0].text,
                                f"'{x.text}' where the wire copy says '{win_times[0].text}'", "contra_figures")
        else:
            yield unit(x.start, x.end, "date", "new", counts=("new_figures",), hard_new=True)


@check("durations", "figures")
def _check_durations(ctx: SentenceContext) -> Iterator[Finding]:
    """Durations: a bound turned round or dropped, a length the window gives otherwise."""
    text, facts, wire, window = ctx.text, ctx.facts, ctx.wire, ctx.window
    win_durs = [d for j in window for d in facts.durations[j]]
    all_durs = [d for s in facts.durations for d in s]
    win_spans = [w for j in window for w in facts.day_spans[j]]
    all_spans = [w for s in facts.day_spans for w in s]
    all_figs = facts.all_figures
    for d in find_durations(text):
        if not ctx.free(d.start, d.end):
            continue
        weak = d.text.split()[0].split("-")[0].lower() in ("a", "an")      # "a decade", "once a month"
        if (said := _reversed_bound(text, d, [(wire.analyses[j].text, w) for j in window for w in facts.durations[j]
                                              if _same_duration(w, d)])):
            s0 = _bound_start(text, d.start)                                # "over 10 years" / "almost"
            yield contradiction(s0, d.end, "duration", said, f"'{text[s0:d.end]}' where the wire copy says '{said}'",
                                "contra_figures")
        elif (said := _dropped_bound(text, d, [(wire.analyses[j].text, w) for j, ds in enumerate(facts.durations)
                                              for w in ds if _same_duration(w, d)],
                                   [(wire.analyses[j].text, w) for j in window for w in facts.durations[j]
                                    if _same_duration(w, d)], _named(ctx.analysis))) is not None:
            # "2,000 tonnes" for "up to 2,000"
            yield unit(d.start, d.end, "hedge", "new", f"the wire copy says '{said}'", unhedged=True)
        elif (w := next((w for w in all_durs if _same_duration(d, w)), None)) is not None or (
                w := next((w for w in all_spans if _same_duration(d, w)), None)) is not None:
            yield unit(d.start, d.end, "duration", "supported", w.text)    # … "a four-day visit" for "June 21 to 24"
        elif (w := next((w for w in all_durs if _converted(w, d)), None)) is not None:
            yield unit(d.start, d.end, "duration", "supported", f"{w.text}, converted")   # "(500 km)" for "310 miles"
        elif _is_age(text, d) and (w := next((w for w in all_figs if not w.unit and _same_value(d.value, w.value)),
                                             None)) is not None:
            yield unit(d.start, d.end, "duration", "supported", w.text)      # "21-year-old" for "Keating, 21"
        elif weak and f" {d.unit}" in facts.words:
            yield unit(d.start, d.end, "duration", "supported", d.unit)
        elif (said := next((f"{w.text} {m.group().strip()}" for j in window for w in facts.figures[j]
                            if not w.unit and _same_value(w.value, d.value)
                            and any(_same_measure(u, d) for u in facts.durations[j])
                            and (m := _OF_THEM.match(wire.analyses[j].text[w.end:]))), None)) is not None:
            # "two years suspended" for "three years, two of them"
            yield unit(d.start, d.end, "duration", "supported", said)
        elif ctx.near and (w := next((w for w in win_durs if w.unit == d.unit), None)          # same unit first
                             or next((w for w in win_durs if _same_measure(w, d)), None)
                             # … then the window's dates: "for a week from June 21" for "from June 21 to June 24"
                             or next((w for w in win_spans if _same_measure(w, d)), None)) is not None:
            yield contradiction(d.start, d.end, "duration", w.text, f"'{d.text}' where the wire copy says '{w.text}'",
                                "contra_figures")
        else:
            yield unit(d.start, d.end, "duration", "new", counts=("new_figures",), hard_new=not weak)


@check("days", "figures")
def _check_days(ctx: SentenceContext) -> Iterator[Finding]:
    """Days and dates. A value the sentence states too is not the one it changed: "until 2019, rather than
    staying until 2021" where the window says "stay until 2021"."""
    text, facts = ctx.text, ctx.facts
    win_days = [d for j in ctx.window for d in facts.days[j]]
    all_days = [d for s in facts.days for d in s]
    days = find_days(text)
    own_days = {d.value for d in days}
    for d in days:
        if not ctx.free(d.start, d.end) or d.value in _RELATIVE_DAYS:
            continue
        kind = "day" if d.unit == "day" else "date"
        if any(w.value == d.value or (w.unit == d.unit == "month" and same_date(w.value, d.value)
                                                 and set(d.value.split()) <= set(w.value.split())) for w in all_days):
            yield unit(d.start, d.end, kind, "supported", d.text)
        elif d.unit == "year" and f" {d.value.lower()} " in facts.words:
            yield unit(d.start, d.end, kind, "supported", d.text)   # "2013" for "July 2013"
        elif ctx.near and (w := next((w for w in win_days if w.unit == d.unit and w.value not in _RELATIVE_DAYS
                                        and w.value not in own_days and (
                d.unit != "month" or same_date(w.value, d.value) is False)), None)) is not None:
            yield contradiction(d.start, d.end, kind, w.text, f"'{d.text}' where the wire copy says '{w.text}'",
                                "contra_days")
        else:
            yield unit(d.start, d.end, kind, "new", counts=("new_days",), hard_new=not (
                d.unit == "year" and any(_RELATIVE_YEAR.search(a.text) for a in ctx.win_an)))


def _skipped_figure(text: str, x, taken_free: bool) -> bool:
    """An ordinal ("8th in the table": a rank), a weak number ("one of"), "the two", "2." opening a
    numbered list item, or a figure an earlier check has taken."""
    if re.match(r"(?:st|nd|rd|th)\b", text[x.end:x.end + 3]):
        return True
    if not taken_free or x.text.lower() in _WEAK_NUMBERS or (
            x.text.lower() in ("two", "both") and text[:x.start].lower().rstrip().endswith("the")):
        return True
    if x.start == 0 or not text[:x.start].strip(" -•*("):
        if _LIST_MARKER.match(text[x.start - (1 if x.start and text[x.start - 1] == "(" else 0):]):
            return True
    return False


@check("amounts", "figures")
def _check_figures(ctx: SentenceContext) -> Iterator[Finding]:
    """Amounts: a figure the wire copy gives anywhere supports; one the window gives otherwise contradicts."""
    text, facts = ctx.text, ctx.facts
    win_figs = [x for j in ctx.window for x in facts.figures[j]]
    w_texts = {id(x): ctx.wire.analyses[j].text for j in ctx.window for x in facts.figures[j]}
    all_figs = facts.all_figures
    for x in find_figures(text):
        if _skipped_figure(text, x, ctx.free(x.start, x.end)):
            continue
        if (same := next((w for w in all_figs if _same_figure(x, w) and _units_compatible(x.unit, w.unit)),
                         None)) is not None:
            yield _figure_the_wire_gives(ctx, x, same, win_figs, w_texts)
        elif (w := next((w for w in win_figs if _same_figure(x, w) and {x.unit, w.unit} == {"%", "pp"}),
                        None)) is not None:
            # "up 0.3%" where the window says "up 0.3 percentage points": another quantity
            yield contradiction(x.start, x.end, "number", w.text, f"'{x.text}' where the wire copy says '{w.text}'",
                                "contra_figures")
        elif not x.unit and x.value in facts.counts:
            # "two caps" for "capped twice"
            yield unit(x.start, x.end, "number", "supported", "counted in the wire copy")
        elif x.unit == "%" and (said := next((w for v, w in facts.fractions if abs(v - x.value) <= 1.0), None)):
            yield unit(x.start, x.end, "number", "supported", said)   # "33%" where the wire copy says "a third"
        elif ctx.near and (w := min((w for w in win_figs if _units_compatible(x.unit, w.unit) and w.unit == x.unit
                             and w.text.lower() not in _WEAK_NUMBERS
                             and (x.unit or _counted(text, x.end) == _counted(w_texts[id(w)], w.end))),
                             key=lambda w: _magnitude_gap(x.value, w.value), default=None)) is not None:
            # the window's figure nearest in size is the one it changed: "$6.89" against "$6.86", not "$3.1 billion"
            yield contradiction(x.start, x.end, "number", w.text, f"'{x.text}' where the wire copy says '{w.text}'",
                                "contra_figures")
        else:
            counted = x.text.isalpha() and x.value <= _COUNTED_UP_TO and not x.unit     # "three people"
            yield unit(x.start, x.end, "number", "new", counts=() if counted else ("new_figures",),
                       hard_new=not counted)
    yield from _magnitudes_against_counts(ctx)


#: what "dozens", "hundreds" … say of a count: [at least, under]
_MAGNITUDE_BOUNDS = table("figures.magnitude_bounds")


def _magnitudes_against_counts(ctx: SentenceContext) -> Iterator[Finding]:
    """A round magnitude the window's count of the same thing is outside of: "dozens of Democrats" where
    it says "14 Democrats", "hundreds of homes" where it says "more than 3,000 homes". A magnitude the
    wire copy writes itself is left alone."""
    toks = ctx.toks
    win_figs = [(ctx.wire.analyses[j], x) for j in ctx.window for x in ctx.facts.figures[j] if not x.unit]
    for k, t in enumerate(toks):
        if (bounds := _MAGNITUDE_BOUNDS.get(t.lower)) is None or not win_figs or f" {t.lower} " in ctx.facts.words:
            continue
        after = toks[k + 2:] if k + 1 < len(toks) and toks[k + 1].lower == "of" else toks[k + 1:]
        if (thing := _thing_counted(after)) is None or not ctx.free(t.start, t.end):
            continue
        low, high = bounds
        for a, x in win_figs:
            noun = _thing_counted([u for u in a.tokens if u.start >= x.end])
            if noun is not None and noun.lemma == thing.lemma and not low <= x.value < high:
                said = a.text[x.start:noun.end]
                mine = ctx.text[t.start:thing.end]
                yield contradiction(t.start, thing.end, "number", said, f"'{mine}' where the wire copy says '{said}'",
                                    "contra_figures")
                return


def _figure_the_wire_gives(ctx: SentenceContext, x, same, win_figs, w_texts) -> Finding:
    """A figure the wire copy gives (``same``): supported, unless the window bounds it the other way, or
    bounds it where the sentence does not, or gives it as a part of what the sentence calls the whole."""
    text, facts, wire, window = ctx.text, ctx.facts, ctx.wire, ctx.window
    # "over 400 appearances" where the window says "almost 400": the same figure, bounded the other way
    if (said := _reversed_bound(text, x, [(w_texts[id(w)], w) for w in win_figs if _same_figure(x, w)])):
        s0 = _bound_start(text, x.start)
        return contradiction(s0, x.end, "number", said, f"'{text[s0:x.end]}' where the wire copy says '{said}'",
                             "contra_figures")
    # the wire copy's figures of this value, as (wire sentence analysis, figure): the window's and everywhere
    in_window = [(wire.analyses[j], w) for j in window for w in facts.figures[j] if w.value == x.value]
    everywhere = [(wire.analyses[j], w) for j, figs in enumerate(facts.figures) for w in figs if w.value == x.value]
    # "600 firefighters" where the window says "more than 600": a bound dropped
    if (said := _dropped_bound(text, x, [(a.text, w) for a, w in everywhere],
                               [(w_texts[id(w)], w) for w in win_figs if w.value == x.value],
                               _named(ctx.analysis))) is not None:
        return unit(x.start, x.end, "hedge", "new", f"the wire copy says '{said}'", unhedged=True)
    # "all 39 counties" where the window says "31 of the state's 39 counties"
    if (found := _all_for_part(text, ctx.analysis, x, in_window, everywhere)) is not None:
        s0, said = found
        return contradiction(s0, x.end, "number", said, f"'{text[s0:x.end]}' where the wire copy says '{said}'",
                             "contra_figures")
    # "six people were injured" where the window says "five out of six people were injured": the whole
    # given what the wire copy says of a part
    if (said := _whole_for_part(text, ctx.analysis, x, in_window, everywhere)):
        return contradiction(x.start, x.end, "number", said, f"'{x.text}' where the wire copy says '{said}'",
                             "contra_figures")
    return unit(x.start, x.end, "number", "supported", same.text)


@check("ranks", "figures")
def _check_ranks(ctx: SentenceContext) -> Iterator[Finding]:
    """Ranks and names with digits: a rank or a name the wire copy gives otherwise."""
    for start, end, status, evidence, conflict in [*_ranks(ctx.text, ctx.window, ctx.facts, ctx.near),
                                                   *_digit_names(ctx.text, ctx.facts)]:
        if not ctx.free(start, end):
            continue
        yield Finding(start, end, "number", status, evidence, conflict or None,
                      (("contra_figures", 1),) if conflict else ())


#: words after an ordinal that are not what it ranks: "his first in 1963", "the second of three"
_NO_HEAD = words("figures.no_head")


def _ranks(text: str, window: list[int], facts: WireFacts, close: bool):
    """Ordinals of the sentence with what the wire copy says of them: ``(start, end, status, evidence,
    conflict)``. A rank the wire copy gives the same thing is supported; a rank it never gives, to a thing
    it ranks otherwise ("third quarter" where it has only the "fourth quarter"; the window's rank named
    first), is contradicted when the sentence says what its wire sentence says. A rank the wire copy gives
    anything is left alone: "his sixth in 1986" may be the "sixth major" a summary names."""
    all_ords = {(o.value, o.unit) for sent in facts.ordinals for o in sent}
    all_ranks = {v for v, _ in all_ords}
    mine = find_ordinals(text)
    own_ords = {(o.value, o.unit) for o in mine}
    for o in mine:
        if (o.value, o.unit) in all_ords:
            yield o.start, o.end, "supported", f"{o.text} {o.unit}", ""
        elif close and o.value not in all_ranks and o.unit not in _NO_HEAD and (w := next((
                w for j in [*window, *range(len(facts.ordinals))] for w in facts.ordinals[j]
                if w.unit == o.unit and (w.value, w.unit) not in own_ords), None)) is not None:
            yield (o.start, o.end, "contradicted", _written(w),
                   f"'{_written(o)}' where the wire copy says '{_written(w)}'")


def _written(o) -> str:
    """An ordinal with the word it ranks, as written: "fourth quarter", "Q4" (which says its word)."""
    return o.text if re.fullmatch(r"[QH][1-4]|[1-4][QH]", o.text) else f"{o.text} {o.unit}"


def _digit_names(text: str, facts: WireFacts):
    """Names of letters and digits the wire copy writes with other digits ("SARS-CoV-4" where it has
    "SARS-CoV-2", "Q3" for "Q2"): ``(start, end, "contradicted", evidence, conflict)``."""
    for m, shape in _designations(text):
        known = facts.designations.get(shape, ())
        if m.group().lower() in (w.lower() for w in known):
            continue
        others = [w for w in known if w.lower() not in text.lower()]
        if others:
            yield (m.start(), m.end(), "contradicted", others[0],
                   f"'{m.group()}' where the wire copy says '{others[0]}'")


#: "five out of six", "three of the 10", "two of its four": a part before the whole it is counted from
_PART_OF = re.compile(r"(?P<part>[\w.,]+)\s+(?:out\s+)?of\s+(?:the\s+|those\s+|these\s+|its\s+|their\s+)?"
                      r"(?:[\w.-]+(?:'s|’s)\s+)?(?:only\s+|just\s+)?$", re.I)
#: "all 39", "all of Washington's 39", "each of the six": the whole of what a figure counts
_ALL_OF = re.compile(r"\b(?:all|each|every\s+one)\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?(?:[\w.-]+(?:'s|’s)\s+)?$",
                     re.I)


def _all_for_part(text: str, analysis: Analysis, x, in_window: list, everywhere: list) -> tuple[int, str] | None:
    """Where the sentence says "all" of a whole ("in all of Washington's 39 counties") and the window gives
    a part of the same whole ("in 31 of the state's 39 counties"): ``(where "all" starts, the window's
    words)``; else None. ``in_window`` and ``everywhere``: ``(wire sentence analysis, figure)`` for the
    window's figures of the value of ``x`` and the whole wire copy's, one of which may say "all" too."""
    if not (mine := _ALL_OF.search(text[max(0, x.start - 40):x.start])) or any(
            _ALL_OF.search(a.text[max(0, w.start - 40):w.start]) for a, w in everywhere):
        return None
    if (thing := _thing_counted([t for t in analysis.tokens if t.start >= x.end])) is None:
        return None
    for a, start, _, noun in _parts_of_wholes(in_window, 40):
        if noun is not None and noun.lemma == thing.lemma:
            return x.start - len(mine.group()), a.text[start:noun.end]
    return None


def _parts_of_wholes(in_window: list, reach: int):
    """For each ``(wire sentence analysis, figure)`` of ``in_window`` that a smaller part is counted from
    within ``reach`` characters before it ("31 of the state's 39 counties"): ``(the analysis, where the
    part starts, the tokens after the figure, the noun the figure counts or None)``."""
    for a, w in in_window:
        m = _PART_OF.search(a.text[max(0, w.start - reach):w.start])
        if not m or not (part := find_figures(m.group("part"))) or part[0].value >= w.value:
            continue
        told = [t for t in a.tokens if t.start >= w.end]
        yield a, max(0, w.start - reach) + m.start(), told, _thing_counted(told)


def _whole_for_part(text: str, analysis: Analysis, x, in_window: list, everywhere: list = ()) -> str | None:
    """The window's words when it says something of a part of a whole ("five out of six people were
    injured") and the sentence says it of the whole ("six people were injured"); else None. The sentence
    counts the same thing as the window and says of it the window's first verb or adjective after it; one
    that gives the part itself ("five of the six") is left alone. ``in_window``: ``(wire sentence analysis,
    figure)`` for the window's figures of the value of ``x``; ``everywhere``: those of the whole wire copy,
    one of which may state the whole itself ("six people were hurt" in the lede): the sentence then says
    what the lede says, unless it also takes the part's own details ("… by broken glass")."""
    if _PART_OF.search(text[max(0, x.start - 30):x.start]):
        return None
    after = [t for t in analysis.tokens if t.start >= x.end]
    thing = _thing_counted(after)
    whole_stated = thing is not None and any(
        not _PART_OF.search(a.text[max(0, w.start - 30):w.start]) and (noun := _thing_counted(
            [t for t in a.tokens if t.start >= w.end])) is not None and noun.lemma == thing.lemma
        for a, w in everywhere)
    said = {t.lemma for t in after if t.content}
    for a, start, told, noun in _parts_of_wholes(in_window, 30):
        if thing is None or noun is None or noun.lemma != thing.lemma:
            continue
        deed = next((t for t in told if t.start > noun.end and t.content and t.pos in ("VERB", "ADJ")), None)
        if deed is not None and deed.lemma in said:      # what the window says of the part ("were injured")
            details = {t.lemma for t in told if t.start > deed.end and t.content and t.pos != "PROPN"
                       and t.lemma not in _REPORTING}       # not "Xinhua reported"
            if whole_stated and not details & (said - {deed.lemma}):
                return None
            return a.text[start:noun.end]
    return None


def _thing_counted(tokens):
    """The noun a figure counts: the first of the tokens after it, past adjectives ("six injured people")."""
    for t in tokens[:4]:
        if t.pos in ("NOUN", "PROPN"):
            return t
        if t.pos not in ("ADJ", "ADV", "NUM") and t.text != "-":
            return None
    return None

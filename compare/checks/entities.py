"""The entity check (``entities.names``): each person, place and organisation the sentence names, held
against the wire copy's names however written (a surname, initials, a capital for its government, the
country of a town), and against the name its best wire sentence has in the same place (a swap)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, TYPE_CHECKING

from ..text.names import (given_name_added, INITIALS_SKIP, normalise, same_entity, same_nation,
                          title_written_otherwise)
from ..text.places import capital_of, country_of_people, is_place_name, stands_for, within
from .context import ENTITY_KIND, Finding, SentenceContext, contradiction, note, unit
from .opcodes import _swapped_names, _swapped_spans
from .registry import check

if TYPE_CHECKING:                                   # pragma: no cover
    from .steps import WireFacts
    from ..text.nlp import Analysis
    from ..prepare import Prepared


#: a place or an organisation the wire copy never names (nor a place within it: "the U.K." for "London") flags a
#: sentence on its own, as a new figure does. On the training file, sentences the other checks left alone
#: that hold one are marked 33 times in 34
_PRECISE_NEW = frozenset({"place", "org"})


#: words that make the name after them a place, not a government ("in Berlin", "a visit to Beijing")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|to|from|into|across|around|through|towards?|via|"
                           r"within|throughout)\s+(?:the\s+)?$", re.I)


@check("names", "entities")
def _check_entities(ctx: SentenceContext) -> Iterator[Finding]:
    facts, wire, best, text = ctx.facts, ctx.wire, ctx.best, ctx.text
    stretches = ctx.stretches
    swaps = _swapped_spans(stretches, wire.analyses[best]) if stretches else []
    # the wire's people, and its one-word names of any label: spaCy reads a surname alone as a place or
    # an organisation often enough ("Clarkson, 30, joined …" tagged ORG)
    wire_people = [t for t, lab in facts.all_entities
                   if lab == "PERSON" or (len(t.split()) == 1 and t[:1].isupper() and lab in ENTITY_KIND)]
    for e in ctx.analysis.entities:
        kind = ENTITY_KIND.get(e.label)
        if kind is None or not ctx.free(e.start, e.end):
            continue
        s, t = e.start, e.end
        while t > s and text[t - 1] in ".,;:'’" or text[s:t].endswith(("'s", "’s")):
            t -= 2 if text[s:t].endswith(("'s", "’s")) else 1
        if t <= s:
            continue
        if e.label != "PERSON":
            # a common noun the tagger took into the name ("Sydney beach", "London embassy") is checked as a
            # word, not passed by the name it follows
            s, t = _cased_span(text, s, t)
        mention = text[s:t]
        if mention.isalpha() and mention.islower() and not _lowered(text)[1]:
            continue        # one word in lower case in cased copy is no name: "are fed by" (tagged ORG)
        match, far = _entity_in_wire(ctx, mention, e.label, kind, s == 0)
        if far:
            yield note(new_entities=1)
        capital = _governing(ctx.analysis, s, t) and capital_of(mention)
        if match is None and capital:
            # a capital for its government ("Moscow said" where the wire copy says "Russia said"), which the
            # tagger may read as an organisation or a person; not a place ("a factory in Berlin" for "in Germany")
            match = next((wt for wt, wl in facts.all_entities if stands_for(mention, wt)), None)
        swap = _entity_swap(ctx, s, t, mention, e.label, kind, capital, match, stretches, swaps)
        if swap is not None and not (match and any(same_entity(mention, wt, e.label)
                                                  for wt, _ in facts.entities[best])):
            yield contradiction(s, t, kind, swap, f"'{mention}' where the wire copy says '{swap}'", "contra_entities")
        elif e.label == "PERSON" and given_name_added(mention, wire_people):
            yield unit(s, t, kind, "new", "the wire copy gives only the surname", counts=("added_given",))
        elif match is not None:
            yield unit(s, t, kind, "supported", match)
        else:
            # … a new fact on its own, but not two letters alone, which name too many things ("CA" for "Calif.")
            yield unit(s, t, kind, "new", counts=("new_entities",),
                       hard_new=kind in _PRECISE_NEW and sum(c.isalpha() for c in mention) > 2)


def _entity_in_wire(ctx: SentenceContext, mention: str, label: str, kind: str, first: bool) -> tuple[str | None, bool]:
    """The wire copy's name for a mention (``first``: the sentence's first word), however written (None
    where it has none), and whether it was found only as a place within another or a nation's (which the
    verdict model was fitted to count as a name the wire copy does not write)."""
    facts, wire = ctx.facts, ctx.wire
    match = next((wt for wt, wl in facts.all_entities if same_entity(mention, wt, label)), None)
    if match is None and label != "PERSON" and all(
            w.lower() in wire.all_lower for w in re.findall(r"\w+", mention.lower())):
        match = mention
    if match is None and label != "PERSON":
        match = _spelt_out(mention, facts)       # "BMI" where the wire copy says "body mass index"
    if match is None and label != "PERSON":      # "Pres." (read as a place) where the wire copy says "President"
        match = title_written_otherwise(mention.lower().strip("."), facts.words)
    if match is None and label == "PERSON" and _named_in(mention, wire):
        match = mention             # a lower-case wire copy names people without spaCy seeing them
    if (match is None and label == "PERSON" and first and " " not in mention
            and any(u.text == mention.lower() and u.pos == "NOUN" for a in wire.analyses for u in a.tokens)):
        match = mention.lower()     # "Turnout reached …": a common noun the wire copy writes in lower case
    if match is None:       # "Zelensky", "Kiev" where the wire copy writes "Zelenskiy", "Kyiv" untagged
        # (a name of a thing only against a name of as many words: "Plymouth Argyle (Gulls" is not "Gulls")
        size = len(normalise(mention))
        match = next((r for r in facts.proper_names if same_entity(mention, r, label) and (
            label == "PERSON" or len(normalise(r)) == size)), None)
    far = False
    if match is None and kind == "place":      # the country of a state the wire copy names
        match = next((wt for wt, wl in facts.all_entities if within(wt, mention, towns=False)), None)
        if match is None:                      # … or of a town: "the U.K." for "London"
            match = next((wt for wt, wl in facts.all_entities if within(wt, mention)), None)
            if match is None and _lowered(wire.doc.text)[1]:      # "eugene in the united states"
                match = next((w for w in _place_names(wire.doc.text) if within(w, mention)), None)
            if match is None:                      # "American" where the wire copy says "U.S." or "Texas"
                match = next((wt for wt, wl in facts.all_entities
                              if same_nation(mention, wt) or _of_people(wt, mention)), None)
            far = match is not None
    return match, far


def _entity_swap(ctx: SentenceContext, s: int, t: int, mention: str, label: str, kind: str, capital,
                 match, stretches, swaps) -> str | None:
    """The name the best wire sentence has where the sentence puts this one, if it is another of its kind."""
    analysis, best = ctx.analysis, ctx.best
    swap = next((w for (a0, a1, w, wl) in swaps if a0 < t and s < a1
                 and _same_kind(kind, ENTITY_KIND.get(wl), mention, w) and not same_entity(mention, w, label)
                 and not same_nation(mention, w) and not (capital and stands_for(mention, w))
                 and not (kind == "place" and (within(mention, w) or within(w, mention)
                                               or _of_people(w, mention) or _of_people(mention, w)))
                 and not any(same_entity(o.text, w, o.label) for o in analysis.entities)), None)
    if swap is None and match is None and kind == "person" and stretches:
        # a person put where the wire sentence has a name the tagger did not see ("Macron told reporters"
        # where the wire copy says "Merkel told reporters", Merkel untagged)
        # (a name after "the" is no person's: "the Gulls" is a club the tagger may read "Torquay United" as)
        w_best = ctx.wire.analyses[best]
        swap = next((w for (a0, a1, w) in _swapped_names(stretches, w_best) if a0 < t and s < a1
                     and w.lower() not in ctx.text.lower() and not same_entity(mention, w, label)
                     and not (capital and stands_for(mention, w))
                     and not re.search(rf"\bthe\s+{re.escape(w)}", w_best.text, re.I)), None)
    return swap


def _cased_span(text: str, s: int, t: int) -> tuple[int, int]:
    """The part of a name span from its first to its last word that is not all lower case: "Sydney" of
    "Sydney beach", which the tagger took as one place. A text all in lower case keeps its names whole."""
    cased = [m.span() for m in re.finditer(r"\S+", text[s:t]) if not m.group().isalpha() or not m.group().islower()]
    return (s + cased[0][0], s + cased[-1][1]) if cased else (s, t)


def _of_people(place: str, people: str) -> bool:
    """Whether ``place`` lies in the country whose people ``people`` names: "New Delhi" and "Indian" (the
    Indian capital), "Texas" and "American"."""
    country = country_of_people(people)
    return country is not None and within(place, country)


def _proper_runs(analysis: Analysis) -> list[str]:
    """The runs of proper nouns in ``analysis`` as written ("Zelenskiy", "Kevin Nicholson")."""
    runs, cur = [], []
    for t in analysis.tokens:
        if t.pos == "PROPN" and t.text[:1].isupper():
            cur.append(t)
            continue
        if cur:
            runs.append(analysis.text[cur[0].start:cur[-1].end])
        cur = []
    if cur:
        runs.append(analysis.text[cur[0].start:cur[-1].end])
    return runs


def _named_in(mention: str, wire: Prepared) -> bool:
    """Whether the wire copy has ``mention``'s words together, in any case ("camilo villegas"); a
    one-word name only when the wire copy is written in lower case ("mark" may be a verb)."""
    words = re.findall(r"\w+", mention.lower())
    if not words or not all(w in wire.all_lower for w in words):
        return False
    lowered, is_lower = _lowered(wire.doc.text)
    if len(words) == 1 and not is_lower:
        return False
    return re.search(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", lowered) is not None


@lru_cache(maxsize=16)            # as many wire copies as the engine keeps prepared
def _place_names(text: str) -> tuple[str, ...]:
    """The runs of one to three words of ``text``, in lower case, that name a town, county or state; not
    a short word or a stop word alone ("of" and "nobody" are towns too)."""
    from spacy.lang.en.stop_words import STOP_WORDS
    words = re.findall(r"[\w'’-]+", text.lower())
    runs = dict.fromkeys(" ".join(words[k:k + n]) for n in (1, 2, 3) for k in range(len(words) - n + 1))
    return tuple(w for w in runs if is_place_name(w) and (" " in w or len(w) > 3 and w not in STOP_WORDS))


@lru_cache(maxsize=16)            # as many wire copies as the engine keeps prepared
def _lowered(text: str) -> tuple[str, bool]:
    """The text in lower case, and whether it was written so (under 1% of its letters capitals)."""
    letters = sum(c.isalpha() for c in text)
    return text.lower(), sum(c.isupper() for c in text) < 0.01 * max(letters, 1)


_INITIALS_SKIP = INITIALS_SKIP | {"&"}         # names' list, and "&" ("Procter & Gamble")


def _spelt_out(word: str, facts: WireFacts) -> str | None:
    """The words of a noun phrase of the wire copy whose initials ``word`` is ("BMI": "body mass index",
    "GDP": "gross domestic product"), or None. Three letters at least: two match too many pairs of words."""
    if not (3 <= len(word) <= 6 and word.isalpha() and word.isupper()):
        return None
    words, initials = facts.initialisms
    letters, n = word.lower(), len(word)
    q = initials.find(letters)
    while q >= 0:
        if len(set(words[q:q + n])) == n:        # "body mass index", not "m m m"
            return " ".join(words[q:q + n])
        q = initials.find(letters, q + 1)
    return None


def _initialisms(analyses) -> tuple[tuple[str, ...], str]:
    """The wire copy's words with their first letters as one string, for :func:`_spelt_out`: nouns,
    names and adjectives, "of", "and", "the" and "for" skipped, every other word a break (" ")."""
    words, letters = [], []
    for a in analyses:
        for t in a.tokens:
            if t.lower in _INITIALS_SKIP:
                continue
            ok = t.pos in ("NOUN", "PROPN", "ADJ") and t.text.isalpha()
            words.append(t.lower if ok else "")
            letters.append(t.lower[0] if ok else " ")
        words.append("")
        letters.append(" ")
    return tuple(words), "".join(letters)


def _governing(analysis: Analysis, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` may stand for a government ("Moscow said", "talks with Beijing"):
    not after a preposition of place ("in Berlin", "a visit to Beijing") nor before a noun it qualifies
    ("the Moscow embassy", "a Berlin court"), where it is the place itself."""
    if _PLACE_BEFORE.search(analysis.text[max(0, start - 12):start]):
        return False
    after = next((u for u in analysis.tokens if u.start >= end), None)
    return after is None or after.pos not in ("NOUN", "PROPN", "ADJ", "NUM")


def _same_kind(kind: str, wire_kind: str | None, mention: str, wire_text: str) -> bool:
    """Whether a derived name of ``kind`` put in place of a wire name of ``wire_kind`` is a swap of one
    kind of name: the same kind, or a person for a one-word name the tagger read as an organisation or a
    place ("Jones said" where the wire copy has "Smith said", "Smith" tagged ORG), or the other way round."""
    if kind == wire_kind:
        return True
    one_word = len(mention.split()) == 1 and len(wire_text.split()) == 1
    return one_word and "person" in (kind, wire_kind) and wire_kind in ("person", "org", "place") \
        and kind in ("person", "org", "place")

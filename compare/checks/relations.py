"""Who did what, who said it and whose a person is: the readers of the relation checks (a deed the window
gives to another of its people, an organisation put before a person the wire copy puts elsewhere, a
source of another kind). Pure functions over analysed sentences, read by the relation checks below."""
from __future__ import annotations

import re
from typing import Iterator

from ..prepare import Prepared
from ..text import lexicon
from ..text.names import (normalise, same_entity, same_nation, same_person, SHORT_TITLES, TITLE_ABBREVIATIONS,
                          TITLES)
from ..text.nlp import Analysis
from ..text.places import within
from .context import ENTITY_KIND, Finding, SentenceContext, contradiction, overruling
from .entities import _cased_span, _lowered
from .registry import check
from .wordsense import _derivations, _related
from ..text.wordlists import ordered, table, words

#: forms of "be" (and "get") that make the next verb passive, and words between a name and its verb
_BE = words("relations.be")

_AUX_GAP = words("relations.aux_gap")

#: verbs of saying: a window's "Smith said" does not make all it reports Smith's deed
_REPORTING = words("relations.reporting")

#: verbs whose doer and other party can trade places and say the same ("Putin met Obama"): deeds done
#: together, contests and agreements
_SYMMETRIC = words("relations.symmetric")

_NOT_DEEDS = _REPORTING | _SYMMETRIC

#: verbs by which news copy gives its source ("police said", "the ministry announced")
_SPEECH = words("relations.speech")

#: words between a source and its verb ("officials have said", "police also said")
_SPEECH_GAP = words("relations.speech_gap")

def _speakers(tokens) -> list[tuple[int, int, int]]:
    """Sources named by a common noun before a verb of saying ("Police said", "local officials told
    reporters") or after "according to": ``(first index of the source's words, its head noun, the verb's
    or "according"'s index)``. A name or a pronoun is no such source (the entity checks read names)."""
    out = []
    for v, t in enumerate(tokens):
        if t.lemma in _SPEECH and t.pos == "VERB":
            h = v - 1
            while h >= 0 and (tokens[h].lower in _SPEECH_GAP or tokens[h].pos == "AUX"):
                h -= 1
            if h < 0 or tokens[h].pos != "NOUN" or tokens[h].ent:
                continue
            s0 = h
            while s0 > 0 and tokens[s0 - 1].pos in ("NOUN", "ADJ", "DET") and not tokens[s0 - 1].ent:
                s0 -= 1
            out.append((s0, h, v))
        elif t.lower == "according" and v + 1 < len(tokens) and tokens[v + 1].lower == "to":
            h = v + 2
            while h < len(tokens) and tokens[h].pos in ("DET", "ADJ") and not tokens[h].ent:
                h += 1
            while h + 1 < len(tokens) and tokens[h + 1].pos == "NOUN" and not tokens[h + 1].ent:
                h += 1                                      # "according to hospital officials": the last noun
            if h < len(tokens) and tokens[h].pos == "NOUN" and not tokens[h].ent:
                out.append((v, h, v))
    return out

def _name_before(toks, k: int) -> tuple[int, int] | None:
    """The proper nouns right before token ``k``, auxiliaries between skipped: ``(first, end)`` indices. A
    day or a date is nobody ("The Lok Sabha on Tuesday passed"): the tagger's DATE and TIME words end it."""
    j = k - 1
    while j >= 0 and toks[j].lower in _AUX_GAP:
        j -= 1
    end = j + 1
    while j >= 0 and toks[j].pos == "PROPN" and toks[j].ent not in ("DATE", "TIME"):
        j -= 1
    return (j + 1, end) if end > j + 1 else None

def _doers(a: Analysis, k: int) -> tuple[set[str], str] | None:
    """Who does the verb at ``k``: the proper nouns of its "by" phrase when it is passive ("was
    recommended to Nicholson by ex-Port Vale manager Micky Adams"), else those right before it.
    ``(lower-case name words, the wire's words for them)``."""
    tokens = a.tokens
    if any(u.lower in _BE for u in tokens[max(0, k - 2):k]):
        for q in range(k + 1, min(k + 9, len(tokens) - 1)):
            if tokens[q].lower == "by":
                names = _by_names(tokens[q + 1:])
                return ({u.lower for u in names}, a.text[names[0].start:names[-1].end]) if names else None
            if tokens[q].pos == "VERB" or tokens[q].text in (".", ";"):
                return None
        return None
    if (span := _name_before(tokens, k)) is None:
        return None
    return {u.lower for u in tokens[span[0]:span[1]]}, a.text[tokens[span[0]].start:tokens[span[1] - 1].end]

def _by_names(after) -> list:
    """The proper nouns of the "by" phrase whose words are ``after`` ("ex-Port Vale manager Micky Adams"):
    the phrase runs over nouns, adjectives, determiners and punctuation other than ``, . ; :``."""
    phrase = []
    for u in after:
        if u.pos not in ("PROPN", "NOUN", "ADJ", "DET", "PUNCT") or u.text in (",", ".", ";", ":"):
            break
        phrase.append(u)
    return [u for u in phrase if u.pos == "PROPN"]

#: titles written with a capital before a name ("Governor Gavin Newsom", "Coach Maria Lopez"), read as a
#: role like "manager": the titles a name drops (names.TITLES) and the offices of companies and teams
_TITLES = TITLES | words("relations.offices")

def _affiliations(analysis: Analysis) -> list[tuple[int, int, str, str, str, bool]]:
    """Organisations put before a person with the person's role between them ("Gulls boss Kevin
    Nicholson", "Apple chief executive Tim Cook", "Leicester manager Enzo Maresca": a club is often
    named by its town, so a place counts too, "Texas Governor Greg Abbott"): ``(start, end,
    organisation, person, the words as written, whether it is a people or a party)``, offsets of the
    organisation. A people or a party ("Democratic Senator") says something else than where one works."""
    toks, out = analysis.tokens, []
    first = {t.start: k for k, t in enumerate(toks)}
    for e in analysis.entities:
        k = first.get(e.start)
        if e.label != "PERSON" or k is None:
            continue
        j = k - 1
        while j >= 0 and k - j <= 3 and toks[j].pos in ("NOUN", "PROPN", "ADJ") and not toks[j].ent and (
                toks[j].text[:1].islower() or toks[j].lower in _TITLES):
            j -= 1                                  # the role: "boss", "chief executive", "Governor"
        if j == k - 1:
            continue
        end = j
        while j >= 0 and end - j < 3 and toks[j].ent != "PERSON" and toks[j].text[:1].isupper() and (
                toks[j].ent or toks[j].pos in ("PROPN", "NOUN", "ADJ")):
            j -= 1
        if j == end:
            continue
        s0, s1 = toks[j + 1].start, toks[end].end
        people = any(t.ent == "NORP" for t in toks[j + 1:end + 1])
        out.append((s0, s1, analysis.text[s0:s1], e.text, analysis.text[s0:e.end], people))
    return out

def _same_org(a: str, b: str) -> bool:
    """One organisation, named in full or in part ("Port Vale" and "Vale"), or places one within the other
    ("Texas Senator" and "U.S. Senator"), or one country ("British" and "UK")."""
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(wa and wb) and (wa <= wb or wb <= wa or same_entity(a, b, "ORG") or within(a, b) or within(b, a))

def _beside(org: str, person: str, wire: Prepared) -> bool:
    """Whether the wire copy writes ``org`` within a few words before a mention of ``person``
    ("ex-Port Vale manager Micky Adams", "Gulls boss Kevin Nicholson")."""
    low = org.lower()
    return any(e.label == "PERSON" and same_entity(person, e.text, "PERSON")
               and low in a.text[max(0, e.start - 40):e.start].lower()
               for a in wire.analyses for e in a.entities)

def _nominal_doers(a: Analysis) -> dict[str, set[str]]:
    """Deeds the window names as nouns with who did them in a "by" phrase a few words on ("last week's
    disclosure of a 1M share purchase by CEO Kathleen Johnson"): noun lemma -> lower-case name words. The
    phrase may belong to a noun between (here "purchase"): each noun before it counts."""
    out: dict[str, set[str]] = {}
    tokens = a.tokens
    for k, t in enumerate(tokens):
        if t.pos != "NOUN":
            continue
        for q in range(k + 1, min(k + 8, len(tokens))):
            if tokens[q].lower == "by":
                if names := _by_names(tokens[q + 1:q + 7]):
                    out.setdefault(t.lemma, set()).update(u.lower for u in names)
                break
            if tokens[q].pos == "VERB" or tokens[q].text in (",", ".", ";", ":"):
                break
    return out


def _other_doer(window: list[Analysis], toks) -> list[tuple[int, int, str, str, str]]:
    """Deeds the window gives to one of its people that the sentence gives to another it names: "Nicholson
    recommended Keating" where the window says Keating "was recommended to Nicholson by … Micky Adams".
    ``(start, end, the sentence's doer, its verb, the window's doer)``. Reporting verbs are left out (a
    window's "Smith said" does not make everything else it reports Smith's), as are verbs of deeds done
    together ("Putin met Obama"), and a doer the window gives the deed as a noun ("Johnson disclosed" where
    it has Stansbury disclose and "the disclosure … by Kathleen Johnson")."""
    doers: dict[str, list[tuple[set[str], str]]] = {}
    names: set[str] = set()
    nominal: dict[str, set[str]] = {}
    for a in window:
        names |= {t.lower for t in a.tokens if t.pos == "PROPN"}
        for k, t in enumerate(a.tokens):
            if t.pos == "VERB" and t.lemma not in _NOT_DEEDS and (d := _doers(a, k)) is not None:
                doers.setdefault(t.lemma, []).append(d)
        for noun, who in _nominal_doers(a).items():
            nominal.setdefault(noun, set()).update(who)
    out = []
    for k, t in enumerate(toks):
        if t.pos != "VERB" or t.lemma not in doers or any(u.lower in _BE for u in toks[max(0, k - 2):k]):
            continue
        span = _name_before(toks, k)
        if span is None or any(u.lower == "by" for u in toks[k + 1:k + 10]):
            continue
        who = {u.lower for u in toks[span[0]:span[1]]}
        if any(who & nominal[n] for n in _derivations(t.lemma) if n in nominal):
            continue
        if who <= names and not any(who & d for d, _ in doers[t.lemma]):
            out.append((toks[span[0]].start, toks[span[1] - 1].end, " ".join(u.text for u in toks[span[0]:span[1]]),
                        t.text, doers[t.lemma][0][1]))
    return out[:1]


# -- offices: the title or description a sentence gives one of the wire's people ----------------------

#: words that say no more of an office than "the one in charge" ("Lanxess boss", "the SFO's head")
_LOOSE_OFFICES = words("relations.loose_offices")
#: forms of address, which give no office ("Mr", "Dr")
_HONORIFICS = words("relations.honorifics")
#: titles shortened before a name, with what they stand for: "Gov." and "Governor", "CEO" and "chief executive",
#: "ex-" and "former"
_SPELT_OUT = {**TITLE_ABBREVIATIONS, **SHORT_TITLES, **table("relations.office_prefixes")}
#: tags that end a title before a name ("On Monday Speaker Om Birla": the day is no office)
_NO_OFFICE = frozenset({"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _office_before(toks, k: int) -> tuple[int, int] | None:
    """The title right before the name that starts at token ``k``: nouns, adjectives and proper nouns, and
    "of" between two capitalised ones ("Controller of Examinations Vikas Tyagi"; "the revival of Josh
    Gordon" has none). A possessive ends it ("India's chief coach Rohan Mehra"), and a form of address
    leaves no room for one ("contacts Mr. Johnson"). ``(first, end)`` token indices, or None."""
    if k > 0 and toks[k - 1].lower.strip(".") in _HONORIFICS:
        return None
    j = k - 1
    while j >= 0 and k - j <= 6 and toks[j].ent not in _NO_OFFICE and (
            toks[j].pos in ("NOUN", "PROPN", "ADJ") or toks[j].lower == "of" and 0 < j < k - 1
            and toks[j - 1].text[:1].isupper() and toks[j + 1].text[:1].isupper()):
        j -= 1
    return (j + 1, k) if j + 1 < k else None


def _office_after(toks, k: int, lenient: bool = False) -> tuple[int, int] | None:
    """The description set off by commas right after the name that ends at token ``k`` ("Caroline Marsh,
    the SFO's head of fraud," "Daniel Ashworth, 41, a former employee of Halden"): nouns and adjectives
    with their articles, a possessive and "of"/"for"/"at" phrases, up to a comma, a full stop or the end.
    A clause ("who is travelling"), a list ("Smith, Jones and Brown") or another person is none; ``lenient``
    (for the wire copy, whose offices only ever clear a sentence) reads past ages and dates ("a 58-year-old
    former principal")."""
    m = k
    while m < len(toks) and toks[m].text == "," and m + 1 < len(toks) and toks[m + 1].pos == "NUM" \
            and m + 2 < len(toks) and toks[m + 2].text == ",":
        m += 2                                      # an age: "Ashworth, 41, a former employee"
    if m >= len(toks) or toks[m].text != ",":
        return None
    start = end = m + 1
    while end < len(toks) and toks[end].text not in (",", ".", ";", ")"):
        t = toks[end]
        if not lenient and t.ent in _NO_OFFICE or not (
                t.pos in ("NOUN", "PROPN", "ADJ", "DET") or t.lower in ("'s", "’s", "of", "for", "at")
                or lenient and (t.ent in _NO_OFFICE or t.text == "-")):
            return None
        end += 1
    nouns = [t for t in toks[start:end] if t.pos in ("NOUN", "PROPN")]
    # one that opens with a name needs another noun: "Smith, Jones," is a list, "Smith, SFO head," an office
    return (start, end) if (nouns and toks[start].pos != "PROPN") or len(nouns) > 1 else None


def _mentions(toks, people: list[tuple[str, ...]]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Where the tokens name one of ``people`` (each as :func:`names.normalise` gives it): ``(first, end,
    the person)``, the name's first and last words found as proper nouns, its given names before."""
    out = []
    for k, t in enumerate(toks):
        if t.pos != "PROPN":
            continue
        for person in people:
            if t.lower.strip(".") == person[-1] and (k + 1 >= len(toks) or toks[k + 1].pos != "PROPN"):
                j = k
                while j > 0 and toks[j - 1].pos == "PROPN" and toks[j - 1].lower.strip(".") in person[:-1]:
                    j -= 1
                out.append((j, k + 1, person))
                break
    return out


def offices(analysis: Analysis, people: list[tuple[str, ...]], lenient: bool = False,
            mentions: list | None = None) -> list[tuple]:
    """The offices the sentence gives each of ``people``: ``(the person, start, end, the office's tokens,
    the name as written)`` for a title before the name ("Power Secretary Rakesh Srivastava") and a
    description after it between commas ("Vikas Tyagi, the board's chairman"); start and end are the
    offsets of the office's words. ``lenient``: see :func:`_office_after`; ``mentions``: the sentence's
    :func:`_mentions` of ``people`` where the caller has them."""
    toks, out = analysis.tokens, []
    for s0, s1, person in _mentions(toks, people) if mentions is None else mentions:
        name = analysis.text[toks[s0].start:toks[s1 - 1].end]
        for span in (_office_before(toks, s0), _office_after(toks, s1, lenient)):
            if span:
                words_ = [t for t in toks[span[0]:span[1]] if t.pos in ("NOUN", "PROPN", "ADJ")]
                if words_:
                    out.append((person, toks[span[0]].start, toks[span[1] - 1].end, words_, name))
    return out


def _office_words(tokens) -> set[str]:
    """The words of an office as the wire copy writes it, with what its short titles stand for."""
    out: set[str] = set()
    for t in tokens:
        low = t.lower.strip(".")
        out |= {low, t.lemma.lower()}
        out.update(_SPELT_OUT.get(low, "").split())
    return out


def _same_office_word(word, theirs: set[str]) -> bool:
    """Whether a word of the sentence's office is one of the wire's office words ``theirs``, or stands for
    them ("CEO" for "chief executive"), ends one written as a word ("founder" of "cofounder"), is derived
    from one ("finance chief" for "chief financial officer"), or is a synonym or a broader word of one
    (WordNet)."""
    low = word.lower.strip(".")
    if low in theirs or word.lemma.lower() in theirs or low in _LOOSE_OFFICES or low in _HONORIFICS:
        return True
    if (full := _SPELT_OUT.get(low)) and set(full.split()) <= theirs:
        return True
    if len(low) >= 4 and any(len(w) >= 4 and (w.endswith(low) or low.endswith(w)) for w in theirs):
        return True                                 # "cofounder" and "co-founder"
    if _derivations(low) & theirs:
        return True
    return any(_related(low, w) for w in theirs if w.isalpha())


def wire_offices(analyses, people: list[tuple[str, ...]]) -> tuple[tuple[tuple[str, ...], frozenset[str], str], ...]:
    """What the wire copy says each of ``people`` is: ``(the person, words, the office as written)`` for
    every sentence that names them, the office empty where it gives none there. The words are the
    office's and those of the whole sentence: a rewrite may fold the sentence's words into a title
    ("two-term Mayor Mark Kessler" from "was elected mayor …, defeating two-term incumbent Mark Kessler")."""
    out = []
    for a in analyses:
        if not (named := _mentions(a.tokens, people)):
            continue
        said = {p: (words_, a.text[s0:s1]) for p, s0, s1, words_, _ in offices(a, people, lenient=True, mentions=named)}
        around = _office_words(a.tokens)
        for _, _, person in named:
            mine, written = said.get(person, ((), ""))
            out.append((person, frozenset(around | _office_words(mine)), written))
    return tuple(out)


def people_of(analyses) -> list[tuple[str, ...]]:
    """The people the analysed sentences name, each as :func:`names.normalise` gives it, once."""
    seen: dict[tuple[str, ...], None] = {}
    for a in analyses:
        for e in a.entities:
            if e.label == "PERSON" and (n := normalise(e.text)):
                seen.setdefault(tuple(n), None)
    return list(seen)


@check("offices", "relations")
def _check_offices(ctx: SentenceContext) -> Iterator[Finding]:
    """Another office for one of the wire's people: "Power Minister Rakesh Srivastava" where the wire copy
    says "Federal Power Secretary Rakesh Srivastava", "Deputy Speaker Om Birla" for "Speaker Om Birla",
    "Vikas Tyagi, the board's chairman" for "Controller of Examinations Vikas Tyagi". Only where the wire
    copy gives that person an office; a word of the sentence's office it lacks, that is not a synonym of
    one of its words, a short title for them or a loose word ("boss", "head"), is the change (a prefix,
    "co-" or "ex-", is not read alone: the co-roles check reads "co-"). Names (words
    the tagger reads as a place, a people or an organisation, or no English word: "Lanxess boss") are left
    to the entity, place and affiliation checks."""
    if ctx.polar or not ctx.facts.offices:
        return
    people = list(ctx.facts.people)
    people += [p for p in people_of([ctx.analysis]) if p not in people]
    for person, s0, s1, mine, written in offices(ctx.analysis, people):
        theirs = [(w, said) for p, w, said in ctx.facts.offices if same_person(" ".join(p), " ".join(person))]
        if not any(said for _, said in theirs) or ctx.contradicted_at(s0, s1):
            continue
        known = set().union(*(w for w, _ in theirs))
        other = [t for t in mine if not t.ent and len(t.lower) > 2 and lexicon.known(t.lower)
                 and not _same_office_word(t, known)]
        if other:
            said = next(said for _, said in theirs if said)
            yield overruling(s0, s1, "word", said,
                             f"'{ctx.text[s0:s1]}' where the wire copy says '{said}' of {written}")
            return

#: nouns a "co-" makes a shared role of: agent nouns ("founder", "author", "sponsor", "president") and these
_AGENT_SUFFIXES = ordered("content.agent_suffixes")


_CO_ROLES = words("content.co_roles")


@check("place_of", "relations")
def _check_place_of(ctx: SentenceContext) -> Iterator[Finding]:
    """A place said of the same thing as another: "U.S. activists" where the window has "activists in
    London", "Mexican embassy" for "Russian embassy". Only against a place of the same sort (a nationality
    for a nationality: "British activists" is no swap of "activists in London", nor "Paralympic success"
    of "success in Rio"), one the window does not name and that neither lies in nor holds."""
    if not ctx.window or not (mine := _place_of(ctx.analysis)):
        return
    said = [pair for a in ctx.win_an for pair in _place_of(a)]
    win_places = [p for _, p, _, _, _, _ in said]
    for noun, place, ps, pe, label, written in mine:
        if ctx.contradicted_at(ps, pe):
            continue
        if all(w in ctx.win_words for w in re.findall(r"\w+", place.lower())):
            continue
        others = [p for n, p, _, _, lab, _ in said if n == noun and (lab == "NORP") == (label == "NORP")]
        if not others or any(same_entity(place, p, "GPE") or same_nation(place, p)
                             or within(p, place) or within(place, p)
                             for p in win_places):
            continue
        yield overruling(ps, pe, "place", others[0],
                         f"'{place}' where the wire copy says '{others[0]}' of the {written}")


@check("doers", "relations")
def _check_doers(ctx: SentenceContext) -> Iterator[Finding]:
    """Who did it: the window's doer of a deed given to another of its people."""
    for s0, s1, doer, verb, said in _other_doer(ctx.win_an, ctx.toks):
        if not ctx.contradicted_at(s0, s1):
            yield overruling(s0, s1, "person", said, f"'{doer}' {verb} where the wire copy says '{said}' did")


@check("affiliations", "relations")
def _check_affiliations(ctx: SentenceContext) -> Iterator[Finding]:
    """Whose they are: an organisation put before one of the wire's people where the wire copy puts
    another ("Barrow manager Kevin Nicholson" where it says "Gulls boss Kevin Nicholson"), one the wire
    copy names, but never beside that person."""
    facts, wire = ctx.facts, ctx.wire
    if not facts.affiliations:
        return
    for s0, s1, org, person, written, people in _affiliations(ctx.analysis):
        # a people or a party against the same only: "Republican Senator" is no swap of "Texas Senator"
        theirs = [(o, w) for p, o, w, pp in facts.affiliations if pp == people and same_entity(person, p, "PERSON")]
        if (theirs and not ctx.contradicted_at(s0, s1) and not any(_same_org(org, o) for o, _ in theirs)
                and all(w in wire.all_lower for w in re.findall(r"\w+", org.lower()))
                and not _beside(org, person, wire)):
            yield overruling(s0, s1, "org", theirs[0][1], f"'{written}' where the wire copy says '{theirs[0][1]}'")


@check("co_roles", "relations")
def _check_co_roles(ctx: SentenceContext) -> Iterator[Finding]:
    """A shared role put where the wire copy has the role alone ("co-founder" where it says "founder"); a
    role is a person's noun ("founder", "author", "chair"), not "co-operation" or "co-exist"."""
    toks = ctx.toks
    for k in range(len(toks) - 2):
        co, dash, role = toks[k:k + 3]
        if (co.lower == "co" and dash.text == "-" and dash.start == co.end and role.start == dash.end
                and role.pos == "NOUN" and (role.lemma.endswith(_AGENT_SUFFIXES) or role.lemma in _CO_ROLES)
                and ctx.free(co.start, role.end) and role.lemma in ctx.win_lemmas
                and not re.search(rf"\bco[- ]?{re.escape(role.lower)}", _lowered(ctx.wire.doc.text)[0])):
            yield contradiction(co.start, role.end, "word", role.text,
                                f"'{ctx.text[co.start:role.end]}' where the wire copy says '{role.text}'", "antonyms")


@check("speakers", "relations")
def _check_speakers(ctx: SentenceContext) -> Iterator[Finding]:
    """A source of another kind put where the window's stands ("Witnesses said" where the wire copy says
    "Police said"; "officers" or "authorities" for "police" are the same kind)."""
    if not ctx.near or ctx.polar or not (theirs := [(a, s) for a in ctx.win_an for s in _speakers(a.tokens)
                                                      if lexicon.source_kind(a.tokens[s[1]].lemma)]):
        return
    toks, text = ctx.toks, ctx.text
    kinds_heard = {lexicon.source_kind(a.tokens[h].lemma) for a, (_, h, _) in theirs}
    for s0, h, v in _speakers(toks):
        t, kind = toks[h], lexicon.source_kind(toks[h].lemma)
        if kind is None or kind in kinds_heard or t.lemma in ctx.win_lemmas or ctx.contradicted_at(t.start, t.end):
            continue
        a, (w0, wh, wv) = next(((a, s) for a, s in theirs if a.tokens[s[2]].lemma == toks[v].lemma), theirs[0])
        said = a.text[a.tokens[min(w0, wv)].start:a.tokens[max(wh, wv)].end]
        mine = text[toks[min(s0, v)].start:toks[max(h, v)].end]
        yield overruling(t.start, t.end, "word", said, f"'{mine}' where the wire copy says '{said}'")


def _place_of(analysis: Analysis) -> list[tuple[str, str, int, int, str, str]]:
    """Places with the noun they are said of, ``(noun lemma, place, start, end, entity label, noun)``:
    "U.S. activists" and "activists in London" both say where the activists are from, "a Sydney beach"
    (one place to the tagger) where something happened."""
    toks, out = analysis.tokens, []
    for e in analysis.entities:
        if ENTITY_KIND.get(e.label) != "place":
            continue
        s, t = _cased_span(analysis.text, e.start, e.end)
        after = next((k for k, u in enumerate(toks) if u.start >= t), None)
        before = max((k for k, u in enumerate(toks) if u.end <= s), default=None)
        if after is not None and toks[after].pos == "NOUN" and (not toks[after].ent or toks[after].start < e.end):
            out.append((toks[after].lemma, analysis.text[s:t], s, t, e.label, toks[after].text))
        elif before is not None and before >= 1 and toks[before].lower in ("in", "from") \
                and toks[before - 1].pos == "NOUN" and not toks[before - 1].ent:
            out.append((toks[before - 1].lemma, analysis.text[s:t], s, t, e.label, toks[before - 1].text))
    return out

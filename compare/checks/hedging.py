"""The hedging checks: what the window qualifies, stated as fact. A word under an adverb of report or
doubt, an absence of reports, a possibility, accusation or expectation, a definition cut short; and the
``hedge_dropped`` feature of the verdict model."""
from __future__ import annotations

from typing import Iterator, TYPE_CHECKING

from .context import Finding, SentenceContext, note, unit
from .entities import _spelt_out
from .registry import check
from .relations import _BE
from ..text.wordlists import table, words
from .wordsense import _synonyms

if TYPE_CHECKING:                                   # pragma: no cover
    from .steps import WireFacts
    from ..text.nlp import Analysis
    from ..prepare import Prepared


HEDGES = words("hedging.hedges")


_POSSIBILITY = words("hedging.possibility")


#: modal verbs that put what follows under a possibility; not "can", which states an ability ("Storey can win a
#: 17th title" is true before the race)
_MAYBE = words("hedging.maybe")


#: words before "to" that state the next verb as coming ("is set to make his debut"); other verbs before "to"
#: ("agree to", "hope to") put it under a wish or a plan of their own
_FIRM_TO = words("hedging.firm_to")


#: verbs whose noun names the deed ("make his debut", "take a decision", "give evidence", "hold talks")
_LIGHT_VERBS = words("hedging.light_verbs")


#: words that put the verb after them under an accusation, a belief, an expectation or an intention, with the
#: word that follows them: "accused of stealing", "charged with killing", "believed to have acted", "expected to
#: top", "plans to cut". A wire copy's "accused of stealing" told as "stole" is the drift that ends in a libel
#: suit; "expected to top $10 billion" told as "will top" states a forecast as fact
_FRAMES = table("hedging.frames")


#: words of a sentence that look ahead or weigh a course before its verb ("projects improving leverage", "if fit,
#: he will play"): the sentence itself keeps what the wire copy says is not yet a fact
_FORESEE = words("hedging.foresee")


#: adverbs (and two participles) by which the wire copy says it does not vouch for the next word
#: ("reportedly carcinogenic", "allegedly stole", "the suspected gunman")
_EVIDENTIALS = words("hedging.evidentials")


#: words by which a sentence attributes what it says or keeps it open: one holding any of them has not
#: dropped the wire's hedge, it has moved it ("according to reports, the chemical is carcinogenic")
_ATTRIBUTIONS = HEDGES | _EVIDENTIALS | words("hedging.attributions")


@check("dropped", "hedging")
def _count_hedge_dropped(ctx: SentenceContext) -> Iterator[Finding]:
    """A feature only: the best wire sentence hedges and the sentence has no hedge of its own."""
    best = ctx.best
    if best is not None and ctx.facts.hedged[best] and not any(t.lower in HEDGES or t.lower in _EVIDENTIALS
                                                               for t in ctx.toks):
        yield note(hedge_dropped=1)


def _hedge_stated(s: int, e: int, said: str) -> Finding:
    return unit(s, e, "hedge", "new", f"the wire copy says '{said}'", unhedged=True)


@check("unhedged", "hedging")
def _check_unhedged(ctx: SentenceContext) -> Iterator[Finding]:
    """"a carcinogenic chemical" where the window says "a reportedly carcinogenic" one; "no casualties"
    for "no reports of casualties"."""
    if not ctx.near:
        return
    for t, said in _unhedged(ctx.win_an, ctx.toks):
        if ctx.free(t.start, t.end):
            yield _hedge_stated(t.start, t.end, said)
    for s, e, said in _absence_stated(ctx.win_an, ctx.toks):
        if ctx.free(s, e):
            yield _hedge_stated(s, e, said)


@check("definitions", "hedging")
def _check_definitions(ctx: SentenceContext) -> Iterator[Finding]:
    """A definition cut short: "exceeding one drink per day" where the wire copy says "exceeding an
    average of one drink per day during the past month"."""
    toks = ctx.toks
    for k, m, said, lost in _definition_cut(ctx.wire, ctx.facts, toks):
        if ctx.free(toks[k].start, toks[m - 1].end):
            yield unit(toks[k].start, toks[m - 1].end, "hedge", "new",
                       f"the wire copy's definition also has {_quote_words(lost)}: '{said}'", unhedged=True)


@check("stated_as_fact", "hedging")
def _check_stated_as_fact(ctx: SentenceContext) -> Iterator[Finding]:
    """"is set to make his debut" where the window says "could make his debut"."""
    if ctx.near and not ctx.polar:
        for t, said in _stated_as_fact(ctx.win_an, ctx.toks):
            yield _hedge_stated(t.start, t.end, said)


def _stated_as_fact(window: list[Analysis], toks) -> list:
    """Verbs of the sentence that the window puts under a possibility, an accusation, a belief or an
    expectation (:data:`_FRAMES`), stated without one: the window says "could make his debut", "accused of
    stealing" or "expected to top", the sentence "is set to make his debut", "stole", "will top". A modal
    the subject follows asks rather than states ("could you take care of the food?"); a verb under another
    verb's "to" ("agreed to watch"), or after a hedge, a frame or a word that looks ahead in the sentence
    itself ("projects improving"), is no statement of fact. ``(token, the window's words)``."""
    maybe: dict[str, str] = {}
    for a in window:
        for k, t in enumerate(a.tokens[:-1]):
            nxt = a.tokens[k + 1]
            if (t.lower in _MAYBE and t.pos == "AUX" and nxt.pos != "PRON") or _FRAMES.get(t.lemma) == nxt.lower:
                # the verb it governs, past any auxiliary ("could have won": "won", not "have")
                q = next((q for q in range(k + 1, min(k + 4, len(a.tokens)))
                          if a.tokens[q].pos == "VERB" and a.tokens[q].lower not in _POSSIBILITY), None)
                if q is not None:
                    v = a.tokens[q]
                    maybe.setdefault(v.lemma, a.text[t.start:v.end])
                    # a light verb's noun is the deed: "could make his debut" is "could debut"
                    if v.lemma in _LIGHT_VERBS and (n := _light_noun(a.tokens[q + 1:q + 6])) is not None:
                        maybe.setdefault(n.lemma, a.text[t.start:n.end])
    return [(t, maybe[t.lemma]) for k, t in enumerate(toks) if t.pos == "VERB" and t.lemma in maybe
            and not any(u.lower in _POSSIBILITY or _hedges_claim(toks, j) or u.lemma in _FRAMES or u.lemma in _FORESEE
                        for j, u in enumerate(toks[:k]))
            and not (k >= 2 and toks[k - 1].lower == "to" and toks[k - 2].lower not in _FIRM_TO)]


def _hedges_claim(toks, j: int) -> bool:
    """Whether ``toks[j]`` is a hedge on what the sentence states: not a figure's ("about 2.7C", "nearly
    100"), nor a preposition ("talks about the deal", "around the world"), which keep nothing open."""
    t = toks[j]
    if t.lower not in HEDGES or t.pos == "ADP":
        return False
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    return nxt is None or not (nxt.pos == "NUM" or any(ch.isdigit() for ch in nxt.text) or nxt.text in {"$", "€", "£", "¥"})


def _light_noun(tokens):
    """The noun a light verb takes, past its determiners and modifiers ("make his St Mirren debut": "debut")."""
    for t in tokens:
        if t.pos == "NOUN":
            return t
        if t.pos not in ("DET", "PRON", "PROPN", "ADJ", "NUM"):
            return None
    return None


def _evidential_of(tokens, k: int):
    """The word ``tokens[k]`` hedges when it is an adverb of report or doubt ("reportedly carcinogenic"), else None."""
    if tokens[k].lower not in _EVIDENTIALS or k + 1 >= len(tokens):
        return None
    nxt = tokens[k + 1]
    return nxt if nxt.pos in ("ADJ", "VERB", "ADV", "NOUN") and nxt.lower not in _EVIDENTIALS else None


def _unhedged(window: list[Analysis], toks) -> list:
    """Words the window hedges with an adverb of report or doubt ("reportedly carcinogenic", "allegedly
    stole") that the sentence states without one and attributes to no one: ``(token, the window's words)``."""
    def attributions(tokens) -> set[str]:
        return {w for t in tokens for w in (t.lower, t.lemma) if w in _ATTRIBUTIONS}

    hedged: dict[str, str] = {}
    said: set[str] = set()
    for a in window:
        for k, t in enumerate(a.tokens[:-1]):
            if (nxt := _evidential_of(a.tokens, k)) is not None:
                hedged.setdefault(nxt.lemma, f"{t.text} {nxt.text}")
                said |= attributions(a.tokens) - {t.lower, t.lemma}
    # an attribution the window has too ("police said") does not stand for the hedge the sentence dropped
    if not hedged or attributions(toks) - said:
        return []
    return [(t, hedged[t.lemma]) for t in toks if t.lemma in hedged][:1]


#: nouns of a report or a sign of something: the window's "no reports of casualties" says nothing was
#: reported, not that nothing happened
_REPORT_NOUNS = words("hedging.report_nouns")


_DENIALS = words("negation.denials")


def _absence_stated(window: list[Analysis], toks) -> list[tuple[int, int, str]]:
    """What the window says no one reported ("there were no reports of casualties", "no sign of
    survivors") and the sentence says did not happen ("without casualties"): ``(start, end, the
    window's words)``. A sentence that speaks of reports or signs itself, or of who said so, is left
    alone."""
    absent: dict[str, str] = {}
    for a in window:
        at = a.tokens
        for k, t in enumerate(at):
            if t.lower not in _DENIALS:
                continue
            q = next((q for q in range(k + 1, min(k + 4, len(at))) if at[q].lemma in _REPORT_NOUNS), None)
            if q is None:
                continue
            for u in at[q + 1:q + 9]:
                if u.pos == "PUNCT" and u.text != "-":
                    break
                if u.pos in ("NOUN", "PROPN") and u.lemma not in _REPORT_NOUNS:
                    absent.setdefault(u.lemma, a.text[t.start:u.end])
    if not absent or any(u.lemma in _REPORT_NOUNS or u.lemma in _ATTRIBUTIONS for u in toks):
        return []
    for k, t in enumerate(toks):
        if t.lemma in absent and (neg := next((u for u in reversed(toks[max(0, k - 4):k]) if u.lower in _DENIALS),
                                              None)) is not None:
            return [(neg.start, t.end, absent[t.lemma])]
    return []


#: words that open a definition ("defines heavy drinking as", "is defined as", "the definition of")
_DEFINE = words("hedging.define")


#: where a definition's body ends: the next clause ("…, while binge drinking is …")
_CLAUSE_ENDS = words("hedging.clause_ends")


_CONDITION_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})


def _quote_words(words: list[str]) -> str:
    return ", ".join(f"'{w}'" for w in dict.fromkeys(words))


def _definitions(toks) -> list[tuple[frozenset, int, int, int]]:
    """The definitions a sentence states: ``(lemmas of the term defined, the defining word, first, end)``,
    the body being ``toks[first:end]``: "defines heavy drinking as exceeding one drink a day", "binge
    drinking is defined as four or more drinks", "binge drinking, defined as …"."""
    out = []
    for k, t in enumerate(toks):
        if t.lemma not in _DEFINE:
            continue
        a = next((q for q in range(k + 1, min(k + 7, len(toks))) if toks[q].lower == "as"), None)
        if a is None:
            continue
        term = [u for u in toks[k + 1:a] if u.pos in ("NOUN", "PROPN", "ADJ")]     # "defines heavy drinking as"
        if not term:                                                              # "heavy drinking is defined as"
            j = k - 1
            while j >= 0 and (toks[j].pos in ("AUX", "PUNCT", "ADV") or toks[j].lower in _BE):
                j -= 1
            while j >= 0 and toks[j].pos in ("NOUN", "PROPN", "ADJ"):
                term.append(toks[j])
                j -= 1
        end = next((q for q in range(a + 1, len(toks)) if toks[q].lower in _CLAUSE_ENDS or toks[q].lemma in _DEFINE
                    or (toks[q].pos == "PUNCT" and toks[q].text in ".?!")), len(toks))
        if term and end > a + 1:
            out.append((frozenset(u.lemma for u in term), k, a + 1, end))
    return out


def _definition_cut(wire: Prepared, facts: WireFacts, toks) -> list[tuple[int, int, str, list[str]]]:
    """A definition the wire copy gives whole, restated without some of its conditions: the wire copy
    defines heavy drinking as "exceeding an average of one drink per day during the past month", the
    sentence as "exceeding one drink per day". A definition is a fact of its own; cut short, it defines
    something else. The term defined must be the same ("binge drinking" is not "heavy drinking"), and a
    condition the sentence gives in a synonym ("straight" for "consecutive") or as initials ("GDP" for
    "gross domestic product") is kept.
    ``(the defining word, the end of its "as" (token indices), the wire copy's definition, its words the
    sentence leaves out)`` for each one cut."""
    mine = _definitions(toks)
    if not mine:
        return []
    inside = {q for _, _, b0, b1 in mine for q in range(b0, b1)}
    outside = {w for q, t in enumerate(toks) if q not in inside for w in (t.lower, t.lemma)}
    spelt = {w for t in toks if (words := _spelt_out(t.text, facts)) for w in words.split()}
    out = []
    for term, k, b0, b1 in mine:
        have = outside | {w for t in toks[b0:b1] for w in (t.lower, t.lemma)}
        found = next(((j, w0, w1) for wterm, j, w0, w1 in facts.definitions if wterm == term), None)
        if found is None:
            continue
        a = wire.analyses[found[0]]
        said = a.tokens[found[1]:found[2]]
        mine_words = [t.lemma for t in toks[b0:b1] if t.content]
        lost = [t.text for t in said if t.pos in _CONDITION_POS and not t.stop and t.lower not in have
                and t.lemma not in have and t.lower not in spelt
                and not any(_synonyms(t.lemma, m) for m in mine_words)]     # "straight" for "consecutive"
        if lost:
            out.append((k, b0, a.text[said[0].start:said[-1].end], lost))
    return out

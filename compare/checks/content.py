"""The content check (``content.words``): each content word the earlier checks left, read against the
window: the opposite of a window word (an antonym, another of a closed class or a family of facts, a move
the other way, praise turned), supported (in so many words, related in WordNet, elsewhere in the wire
copy, close in meaning by the embedding match), or new (a disease or a superlative the wire copy does
not state counts as a fact). Also the words the engine may ask the embedding match about
(``may_ask_match``, ``match_candidates``)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, TYPE_CHECKING

from ..text import lexicon
from ..text.names import same_entity, SHORT_TITLES, title_written_otherwise
from ..text.places import capital_of, stands_for
from .context import Finding, Polarity, SentenceContext, contradiction, note, unit
from .entities import _governing, _spelt_out
from .hedging import _evidential_of
from .opcodes import _swapped_names
from .polarity import NEGATIONS
from .registry import check
from ..text.wordlists import table, words
from .wordsense import _antonyms, _contrasting, _derivations, _rare, _related, _synonyms

if TYPE_CHECKING:                                   # pragma: no cover
    from ..text.nlp import Analysis
    from ..prepare import Prepared


#: nouns with which a summary names the text it summarises ("The passage discusses …", "the article notes"):
#: no claim about the world
_SOURCE_NOUNS = words("content.source_nouns")


_WORDNET_POS = {"NOUN": "n", "VERB": "va", "ADJ": "av", "ADV": "ra"}   # participles are both verbs and adjectives


_PREPOSITIONAL = words("content.prepositional")


_KIND_POS = ("NOUN", "ADJ")   # parts of speech a closed-class swap is read in ("fall" the verb is no season)


#: a move said by comparison where the window says it with a particle: "4% higher" for "up 4%"
_COMPARED = table("figures.compared")


#: an evaluative adjective put on the window's noun in place of one of the other polarity is a contradiction
#: when the two polarities (the engine's embedding score, good minus bad) lie at least this far apart:
#: chosen on the training file, where gaps of 0.08–0.10 fire on 17 sentences, all marked (0.05: 19 of 21)
POLARITY_GAP = 0.10


@dataclass(slots=True)
class _WindowWords:
    """What the content check reads of the window, once per sentence."""
    plain: tuple         # the window's ordinary words, in order, whose antonyms contradict
    denied: frozenset    # … less those under the window's own negation or "only"
    own: frozenset       # the sentence's lemmas and words
    kinds: tuple         # window nouns and adjectives the sentence does not use (closed-class swaps)
    win_moves: dict      # direction → the window word that moves that way
    own_moves: set
    preceding: dict      # each token's predecessor, by start
    win_hedged: dict     # the window's hedged words: lemma → "reportedly carcinogenic"
    position: dict       # each token's index, by start
    win_pos: dict        # the WordNet parts of speech each window lemma is used in


def _window_words(ctx: SentenceContext) -> _WindowWords:
    toks, win_an, analysis = ctx.toks, ctx.win_an, ctx.analysis
    # antonyms only of the window's ordinary words ("national" in "National League" is a name) and only
    # where the sentence has no negation of its own ("did not win" says "lost")
    # (window words in their order, not a set's: the word named as evidence is the same in every process)
    plain = tuple(dict.fromkeys(t.lemma for a in win_an for t in a.tokens
                                if t.content and t.pos != "PROPN" and not t.ent))
    # … nor against a window word under a negation of the window's own: "would not be able to" says "unable",
    # or under "only", which limits it: "only felt able to extend by one year" says "unable to commit beyond"
    denied = frozenset(t.lemma for a in win_an for k, t in enumerate(a.tokens)
                       if any(u.lower in NEGATIONS or u.lower == "only" for u in a.tokens[max(0, k - 3):k]))
    # a member of a closed class in place of the window's ("green paint" for "yellow paint", "murder" for
    # "manslaughter"): nouns and adjectives only, against window words the sentence itself does not use,
    # where the sentence says what its best wire sentence says
    own = frozenset(t.lemma for t in analysis.tokens) | frozenset(t.lower for t in analysis.tokens)
    close = ctx.near
    kinds = tuple(dict.fromkeys(t.lemma for a in win_an for t in a.tokens
                                if t.pos in _KIND_POS and not t.ent and t.lemma not in own)) if close else ()
    # a change of amount turned round ("an increase in sales" where the window has only "a decline"): against
    # a window that moves only the other way, in a sentence that itself does not, close to its wire sentence
    win_moves = {d: m for m in sorted(plain) if (d := lexicon.direction(m))} if close else {}
    own_moves = {lexicon.direction(t.lemma) for t in analysis.tokens}
    preceding = {u.start: toks[k - 1] for k, u in enumerate(toks) if k}
    # another adverb of doubt on a hedged word keeps the hedge ("potentially carcinogenic" where the window
    # says "reportedly carcinogenic"), it adds nothing to check
    win_hedged = {w.lemma: f"{a.tokens[k].text} {w.text}" for a in win_an for k in range(len(a.tokens))
                  if (w := _evidential_of(a.tokens, k)) is not None}
    position = {u.start: k for k, u in enumerate(toks)}
    # (None: a tag WordNet has no senses for), so that the verb "sink" is not passed by the window's noun
    # "founder", a synonym only as a verb
    win_pos: dict[str, str | None] = {}
    for u in (u for a in win_an for u in a.tokens if u.content):
        letters, known = _WORDNET_POS.get(u.pos), win_pos.get(u.lemma, "")
        win_pos[u.lemma] = None if letters is None or known is None else "".join(sorted(set(known + letters)))
    return _WindowWords(plain, denied, own, kinds, win_moves, own_moves, preceding, win_hedged, position, win_pos)


@check("words", "content")
def _check_content(ctx: SentenceContext) -> Iterator[Finding]:
    """Each content word the earlier checks left: the opposite of a window word, supported by the window
    or the wire copy (in so many words, or related), or left for the embedding match and then new."""
    content = [t for t in ctx.toks if t.content and t.pos != "NUM" and ctx.free(t.start, t.end)]
    yield note(content_words=len(content))
    ww = _window_words(ctx)
    pending = []
    for t in content:
        fresh = t.lemma not in ctx.win_lemmas and not ctx.d_neg
        ants, other = _opposite_words(ctx, ww, t, fresh)
        if ants or other:
            yield contradiction(t.start, t.end, "word", (ants or other)[0],
                                f"'{t.text}' is the opposite of the wire copy's '{ants[0]}'" if ants else
                                f"'{t.text}' where the wire copy says '{other[0]}'", "antonyms")
        elif (support := _word_support(ctx, ww, t)) is not None:
            said, counts = support
            yield unit(t.start, t.end, "word", "supported", said, counts=counts)
        else:
            pending.append(t)
    yield from _check_left_words(ctx, ww, pending)


def _opposite_words(ctx: SentenceContext, ww: _WindowWords, t, fresh: bool) -> tuple[list, list]:
    """The window's words that ``t`` contradicts: its antonyms (``ants``, as written) or ``other`` words
    it replaces (a closed-class swap, another of a family of facts, a move the other way, praise turned)."""
    lem, toks, win_an, wire = t.lemma, ctx.toks, ctx.win_an, ctx.wire
    ants = [m for m in ww.plain if m not in ww.denied and _antonyms(lem, m)
            and not _converse(win_an, m, {u.lower for u in toks if u.pos == "PROPN" and u.end <= t.start})] \
        if fresh else []
    if ants and (lexicon.direction(lem) in ww.win_moves or any(_synonyms(lem, m) for m in ww.plain if m not in ww.own)):
        # the window says it too ("sales declined while costs rose" / "sales fell"); a window word the
        # sentence uses as well is no other way of saying it ("admitted taking" / "denied taking")
        ants = []
    other = ([m for m in ww.kinds if _contrasting(lem, m)]
             if fresh and not ants and ww.kinds and t.pos in _KIND_POS and not t.ent and t.lower not in ctx.win_lower
             else [])
    if other and lem.lower() in lexicon.OFFICES and (lem in wire.all_lemmas or t.lower in wire.all_lower):
        other = []          # "CEO" where the window says "founder" and another wire sentence "founder and CEO"
    if (fresh and not ants and not other and (family := lexicon.fact_family(lem)) is not None
            and t.pos in lexicon.FAMILY_POS[family[0]] and lem not in wire.all_lemmas
            and t.lower not in wire.all_lower):
        # "acquitted of fraud charges" where the window has him "arrested on fraud charges", "profit" where it
        # has "revenue", "injured" where it has "killed": another member of the family, one the wire copy
        # never names, where the window has no word for the sentence's ("dead" for "killed")
        mine = {lexicon.fact_family(u.lemma) for u in toks}
        theirs = [(g, u) for a in win_an for u in a.tokens if (g := lexicon.fact_family(u.lemma)) is not None
                  and g[0] == family[0] and u.pos in lexicon.FAMILY_POS[family[0]]]
        if all(g != family for g, _ in theirs):
            other = [u.text for g, u in theirs if g not in mine][:1]
    move = lexicon.direction(lem) if fresh and not ants and not other else 0
    if move and -move in ww.win_moves and move not in ww.win_moves and -move not in ww.own_moves:
        other = [ww.win_moves[-move]]
    if (ctx.polarity is not None and fresh and not ants and not other and _modifier(t)
            and t.lower not in ctx.win_lower and lem not in wire.all_lemmas):
        other = _turned_praise(ww.position[t.start], toks, win_an, ww.own, ctx.polarity)
    if ants:        # the window's word as written ("won", not the lemma "win")
        ants = [next((u.text for a in win_an for u in a.tokens if u.lemma == m), m) for m in ants]
    return ants, other


def _word_support(ctx: SentenceContext, ww: _WindowWords, t) -> tuple[str, tuple[str, ...]] | None:
    """What in the window or the wire copy supports a content word, in so many words or related, and what
    the word counts as for the features (``related``; ``new_words`` for a word only elsewhere in the wire
    copy); None where nothing does."""
    lem, pos, wire, facts, win_lemmas = t.lemma, _WORDNET_POS.get(t.pos), ctx.wire, ctx.facts, ctx.win_lemmas
    if lem in win_lemmas or t.lower in ctx.win_lower:
        return lem, ()
    if lem in _SOURCE_NOUNS:
        return "the wire copy itself", ()       # "the passage says …"
    if ww.win_hedged and (w := _evidential_of(ctx.toks, ww.position[t.start])) is not None and w.lemma in ww.win_hedged:
        return f"the wire copy's hedge '{ww.win_hedged[w.lemma]}'", ()
    if t.lower in _ROUGHLY and (said := next((u.text for a in ctx.win_an for u in a.tokens if u.lower in _ROUGHLY),
                                             None)) is not None:
        return said, ()     # "roughly 10,000" where the window says "about 10,000"
    if _COMPARED.get(t.lower) in ctx.win_lower:
        return _COMPARED[t.lower], ()   # "ended 4% higher" for "closed up 4%"
    if (phrase := _verb_phrase(ww.preceding.get(t.start), t)) is not None:
        return f"part of '{phrase}'", ()        # "took place": the verb says it
    if (spelt := _spelt_out(t.text, facts)) is not None:
        return f"initials of '{spelt}'", ()       # "BMI" for "body mass index"
    if (rel := next((m for m in win_lemmas if _related(lem, m, pos, ww.win_pos.get(m))), None)) is not None or (
            rel := min(_derivations(lem) & win_lemmas, default=None)) is not None:
        return rel, ("related",)
    if lem in wire.all_lemmas or t.lower in wire.all_lower or not _derivations(lem).isdisjoint(wire.all_lemmas):
        return "elsewhere in the wire copy", ("new_words",)
    if (full := SHORT_TITLES.get(t.lower)) is not None and f" {full} " in facts.words:
        return full, ()             # "PM" where the wire copy says "Prime Minister"
    if (said := title_written_otherwise(t.lower.strip("."), facts.words)) is not None:
        return said, ()             # "Governor" where the wire copy says "Gov."
    return None


def _check_left_words(ctx: SentenceContext, ww: _WindowWords, pending: list) -> Iterator[Finding]:
    """Words nothing supported so far: close in meaning to a window word (the embedding match), a capital
    for its government, a name put where the best wire sentence has another, or new."""
    text, facts = ctx.text, ctx.facts
    askable = [t for t in pending if t.pos != "PROPN"]        # a name is never "close in meaning" to a word
    matched = {t.lower: ctx.close_words.get(t.lower) for t in askable}
    win_superlative = None      # whether the window has a superlative, found when first asked
    stretches = ctx.stretches if any(t.pos == "PROPN" for t in pending) else []
    names_swapped = _swapped_names(stretches, ctx.wire.analyses[ctx.best]) if stretches else []
    for t in pending:
        if (m := matched.get(t.lower)) is not None:
            yield unit(t.start, t.end, "word", "supported", f"close in meaning to '{m}'", counts=("related",))
        elif (t.pos == "PROPN" and _governing(ctx.analysis, t.start, t.end) and capital_of(t.text)
              and (w := next((wt for wt, _ in facts.all_entities if stands_for(t.text, wt)), None))):
            yield unit(t.start, t.end, "word", "supported", w)    # "Kyiv said" (untagged) for "Ukrainian officials said"
        elif t.pos == "PROPN" and (w := next((
                w for (a0, a1, w) in names_swapped if a0 <= t.start and t.end <= a1
                and w.lower() not in text.lower() and not same_entity(t.text, w, "PERSON")), None)) is not None:
            # a name the wire copy never uses, put where its sentence has another ("UFO Media" for "Ozy
            # Media"): the tagger did not see the derived name as an entity, the swap is the same
            yield contradiction(t.start, t.end, "word", w, f"'{t.text}' where the wire copy says '{w}'", "contra_entities")
        else:
            # a disease the wire copy never names ("its tuberculosis vaccine" where it has "RSV") is a fact, and
            # a superlative the window has none of ("the largest protest in the city's history") claims a
            # record the wire copy would have reported: each is checked on its own, like a figure
            why = ""
            if t.pos == "NOUN" and lexicon.is_disease(t.lower):
                why = "a disease the wire copy does not name"
            elif _superlative(t, ww.preceding.get(t.start)):
                if win_superlative is None:
                    win_superlative = any(_superlative(u, a.tokens[k - 1] if k else None)
                                          for a in ctx.win_an for k, u in enumerate(a.tokens))
                why = "" if win_superlative else "a superlative the wire copy does not state"
            yield unit(t.start, t.end, "word", "new", why, hard_new=bool(why),
                       counts=("new_words", "new_doc_words") + (("new_rare",) if _rare(t.lower) else ()))


def _modifier(t) -> bool:
    """An adjective, or a participle used as one ("the financially struggling company"), not one that
    works as a preposition ("including")."""
    return t.pos == "ADJ" or (t.pos == "VERB" and t.lower.endswith(("ing", "ed")) and t.lower not in _PREPOSITIONAL)


def _turned_praise(k: int, toks, win_an, own: frozenset, polarity: Polarity) -> list[str]:
    """The window's adjective of the other polarity on the noun that ``toks[k]`` qualifies: "mediocre
    coverage" where the window has "comprehensive coverage", "a dysfunctional meeting" for "a functional one".
    Pairs WordNet relates are left to the lexicon ("ailing" / "troubled")."""
    if k + 1 >= len(toks) or toks[k + 1].pos != "NOUN":
        return []
    t, noun = toks[k], toks[k + 1].lemma
    said = dict.fromkeys(a.tokens[j - 1].lower for a in win_an for j in range(1, len(a.tokens))
                         if a.tokens[j].lemma == noun and _modifier(a.tokens[j - 1])
                         and a.tokens[j - 1].lemma not in own)
    said = [m for m in said if not _related(t.lemma, m, "av", "av") and m not in _derivations(t.lemma)]
    if not said:
        return []
    mine, *theirs = polarity([t.lower, *said])
    return [m for m, p in zip(said, theirs) if mine * p < 0 and abs(mine - p) >= POLARITY_GAP][:1]


def match_candidates(window: list[Analysis]) -> list[str]:
    """The words of the wire window that an embedding match compares a new word with."""
    return sorted({t.lower for a in window for t in a.tokens if t.content and t.pos != "PROPN"})


def may_ask_match(analysis: Analysis, wire: Prepared) -> list[str]:
    """Words of a derived sentence the content check may find nowhere in the wire copy: content words
    other than names and numbers the wire copy lacks (a superset of those it looks up in ``close_words``,
    which the engine fills, each with its window's closest word, before the checks run)."""
    return [t.lower for t in analysis.tokens if t.content and t.pos not in ("PROPN", "NUM")
            and t.lemma not in wire.all_lemmas and t.lower not in wire.all_lower]


#: words that make a figure approximate either way: one stands for another ("roughly" for "about")
_ROUGHLY = words("hedging.roughly")


#: superlatives that claim little: "the latest attack" is the most recent one reported
_WEAK_SUPERLATIVES = words("figures.weak_superlatives")


def _superlative(t, before=None) -> bool:
    """Whether token ``t`` (after the token ``before``) is an adjective or adverb in the superlative:
    "largest", "best", "most valuable"."""
    low = t.lower
    if t.pos not in ("ADJ", "ADV") or low in _WEAK_SUPERLATIVES:
        return False
    return (low in ("best", "worst") or (low.endswith("est") and len(low) > 5 and t.lemma.lower() != low
                                          and t.lemma.lower() in lexicon.base_forms(low))      # not "detest"
            or (before is not None and before.lower in ("most", "least")))


def _verb_phrase(verb, t) -> str | None:
    """The WordNet verb phrase the noun ``t`` completes with ``verb``, the token just before it ("took
    place" → "take place", "take part", "make sure"), or None: such a noun carries no claim of its own,
    its verb is checked."""
    if verb is None or t.pos != "NOUN" or verb.pos not in ("VERB", "AUX"):
        return None
    phrase = f"{verb.lemma} {t.lemma}"
    return phrase if lexicon.known(phrase) else None


def _converse(window: list[Analysis], lemma: str, before: set[str]) -> bool:
    """Whether the window says ``lemma`` "to" or "by" someone the sentence names before its opposite word:
    "losing out to Kevin Streelman" and "Kevin Streelman won" state one result from its two sides."""
    for a in window:
        toks = a.tokens
        lowered = a.text == a.text.lower()     # a wire copy set in lower case ("kevin streelman") tags no names
        for k, t in enumerate(toks):
            if t.lemma != lemma:
                continue
            for q in range(k + 1, min(k + 6, len(toks))):
                if toks[q].lower in ("to", "by"):
                    if any(u.lower in before and (u.pos == "PROPN" or lowered) for u in toks[q + 1:q + 8]):
                        return True
                    break
    return False

"""The polarity checks: a negation added or dropped, two words that change places, a word of a scale put
for another ("all" for "some", "thousands" for "hundreds"), a change of amount the other way round, an
order in time or amount turned round ("after" for "before")."""
from __future__ import annotations

import difflib
from typing import Iterator, TYPE_CHECKING

from ..text import lexicon
from .context import Finding, SentenceContext, contradiction, note, overruling, unit
from .registry import check
from .relations import _SYMMETRIC
from .wordsense import _derivations, _synonyms
from ..text.wordlists import ordered, table, words

if TYPE_CHECKING:                                   # pragma: no cover
    from ..text.nlp import Analysis


NEGATIONS = words("negation.negations")


#: words of order in time and of more and less, with their opposites (WordNet has "earlier"/"later" but no
#: prepositions, and neither "last"/"next" nor "above"/"below"; "more", "most", "less" are stop words the
#: content check skips): a sentence close to its wire sentence that turns one round says something else
OPPOSITES = table("scales.opposites")


_NOT_ORDER = frozenset(ordered("scales.not_order"))


_BEFORE_FIGURE = words("figures.before_figure")


_COMPARATIVES = words("negation.comparatives")


#: after "not", words that make it a statement of more rather than a denial ("not only … but also", "not
#: the only one", "not just"): a negation that asserts what it is about
_RESTRICTIVES = words("negation.restrictives")


#: words of the window that make a derived "not"/"without" a paraphrase rather than a reversal
#: ("bypass the bidding process" / "without a bidding process"): negative implicatives (Karttunen 1971)
#: and other verbs of absence or refusal
_IMPLICIT_NEGATIVES = words("negation.implicit_negatives")


def denies(toks, k: int) -> bool:
    """Whether ``toks[k]`` is a word of denial: "longer" only in "no longer" ("stay longer" denies nothing),
    and "No." before a figure is "number" ("the world No. 2 exporter")."""
    lower = toks[k].lower
    if lower == "no" and k + 2 < len(toks) and toks[k + 1].text == "." and toks[k + 2].text[:1].isdigit():
        return False
    return lower in NEGATIONS and (lower != "longer" or (k > 0 and toks[k - 1].lower == "no"))


def own_negations(ctx: SentenceContext) -> list:
    """The sentence's negations no check has taken, less "no more than" and "not only"."""
    toks = ctx.toks
    return [t for k, t in enumerate(toks) if denies(toks, k) and ctx.free(t.start, t.end)
            and not (k + 1 < len(toks) and toks[k + 1].lower in _COMPARATIVES)      # "no earlier than", "no more than"
            and not any(u.lower in _RESTRICTIVES for u in toks[k + 1:k + 3])]       # "not only", "not the only"


@check("negation", "polarity")
def _check_negation(ctx: SentenceContext) -> Iterator[Finding]:
    """A negation the window lacks; a negation dropped from the very words the sentence keeps. A yes/no
    question ("Did the company confirm the deal?") asserts nothing to turn round or state as fact; a
    wh-question presupposes its claim ("Why did the man steal $5,000?") and is read as one."""
    toks, facts, best = ctx.toks, ctx.facts, ctx.best
    d_neg = ctx.d_neg
    # "unless" is "if not": a window saying "unless it is curbed" denies what "if it is not curbed" does
    w_neg = any(facts.negated[j] or any(t.lower == "unless" for t in ctx.wire.analyses[j].tokens) for j in ctx.window)
    if d_neg and not w_neg:
        yield note(neg_added=1)
        implicit = any(t.lemma in _IMPLICIT_NEGATIVES or t.lower in _IMPLICIT_NEGATIVES
                       for a in ctx.win_an for t in a.tokens)
        position = {u.start: k for k, u in enumerate(toks)}
        for t in d_neg:
            if (said := denied_word(toks, position[t.start])) and said in facts.denied:
                # the wire copy denies the same thing in another sentence than the window's (a sentence
                # that fuses two wire sentences, or a denial moved): no reversal
                yield unit(t.start, t.end, "negation", "supported", f"the wire copy also denies '{said}'")
            elif ctx.near and not implicit and said and _affirmed(said, ctx.win_an):
                yield contradiction(t.start, t.end, "negation", "", f"'{t.text}' turns round what the wire copy says",
                                    None)
            else:
                # a denial of what the window does not say in those words ("servers that have not been
                # updated" for "outdated servers", "not certain" for "uncertain") is new wording, not a reversal
                yield unit(t.start, t.end, "negation", "new")
    elif best is not None and facts.negated[best] and ctx.near:
        if not d_neg:
            yield note(neg_dropped=1)   # summaries drop negated clauses often: a model feature, not a verdict
        # … but a negation dropped from the very words the sentence keeps turns them round: "The company
        # confirmed the deal" where the wire sentence says "did not confirm the deal"; where the sentence
        # denies something too, only if the wire sentence denies more ("had seen evidence … but did not
        # know" for "had seen no evidence … and did not know"; "Officials have said nothing about …" for "No
        # official details have been given about …" says the same denial in its own words)
        w = ctx.wire.analyses[best]
        if (not ctx.polar and not any(t.lower == "unless" for t in toks)
                and len(d_neg) < sum(denies(w.tokens, q) for q in range(len(w.tokens)))
                and (dropped := _negation_dropped(toks, w)) is not None):
            k, said = dropped
            yield contradiction(toks[k].start, toks[k].end, "negation", said,
                                f"'{toks[k].text}' where the wire copy says '{said}'", None)


@check("crossed", "polarity")
def _check_crossed(ctx: SentenceContext) -> Iterator[Finding]:
    """Two words of the best wire sentence that change places ("to 3.4% in May from 3.1%" for "to 3.1% in
    May from 3.4%", "150 crew and six passengers"), unless only "and" or a deed done together stands
    between them; one-word replacements: of one wire word (in place), or of the last of up to three."""
    toks, best = ctx.toks, ctx.best
    swapped = [(i, j) for i, j, width in ctx.replaced if width == 1]
    if not swapped:
        return
    for k, m, said in _crossed(toks, ctx.wire.analyses[best], swapped)[:1]:
        if not ctx.contradicted_at(toks[k].start, toks[k].end) and not ctx.contradicted_at(toks[m].start, toks[m].end):
            yield overruling(toks[k].start, toks[k].end, "word", said,
                             f"'{toks[k].text}' and '{toks[m].text}' change places: the wire copy says '{said}'",
                             "antonyms")
            yield overruling(toks[m].start, toks[m].end, "word", said, None, None)


@check("scales", "polarity")
def _check_scale_swaps(ctx: SentenceContext) -> Iterator[Finding]:
    """A quantifier, a round magnitude or a preposition of place put where the best wire sentence has
    another of its scale, or a word where it has the opposite, before the same words: "all residents" for
    "some residents", "thousands of people" for "hundreds of people", "in Kyiv" for "near Kyiv", "confirmed
    the report" for "denied the report" (also a word in place of the last of a few the wire sentence has
    there: "Irish voters approved the …" for "Voters in Ireland rejected the …")."""
    if not ctx.near or ctx.polar:
        return
    toks = ctx.toks
    ends = [(i, j) for i, j, _ in ctx.replaced]
    for k, said in _scale_swaps(toks, ctx.wire.analyses[ctx.best].tokens, ends)[:1]:
        t = toks[k]
        if not ctx.contradicted_at(t.start, t.end):
            yield overruling(t.start, t.end, "word", said, f"'{t.text}' where the wire copy says '{said}'", "antonyms")


@check("moves", "polarity")
def _check_moves(ctx: SentenceContext) -> Iterator[Finding]:
    """A change of amount said of the same thing the other way round ("an increase in vaccine sales" where
    the window has "a steep drop in coronavirus vaccine sales"), whatever else the window says rose or fell."""
    if ctx.d_neg:
        return
    w_moves: dict[str, set] = {}
    for a in ctx.win_an:
        for k, d, n, _ in _moves(a.tokens):
            w_moves.setdefault(n, set()).add((d, a.tokens[k].text))
    toks = ctx.toks
    for k, d, n, noun in _moves(toks):
        t, said = toks[k], w_moves.get(n, ())
        if said and ctx.free(t.start, t.end) and all(x != d for x, _ in said):
            other = min(w for x, w in said if x == -d)
            yield contradiction(t.start, t.end, "word", other,
                                f"'{t.text}' where the wire copy says '{other}' of the {noun}", "antonyms")


@check("opposites", "polarity")
def _check_opposites(ctx: SentenceContext) -> Iterator[Finding]:
    """Order in time or amount turned round: "after" where the window says "before", "next year" for "last
    year", "below pre-pandemic levels" for "above", "up 70 basis points" for "down 70 basis points"."""
    if not ctx.near:
        return
    toks, win_words = ctx.toks, ctx.win_words
    own_words = {t.lower for t in toks}
    for k, t in enumerate(toks):
        other = next((o for o in OPPOSITES.get(t.lower, ()) if o in win_words and o not in own_words), None)
        if (other is None or t.pos == "VERB" or t.lower in win_words or not ctx.free(t.start, t.end)
                or (t.lower in _BEFORE_FIGURE and not (k + 1 < len(toks) and (
                    toks[k + 1].pos == "NUM" or toks[k + 1].text[:1].isdigit() or toks[k + 1].text in "$€£¥₹")))
                or (k + 1 < len(toks) and (t.lower, toks[k + 1].lower) in _NOT_ORDER)
                or (k and (toks[k - 1].lower, t.lower) in _NOT_ORDER)):
            continue
        yield contradiction(t.start, t.end, "word", other, f"'{t.text}' where the wire copy says '{other}'", "antonyms")


def _moves(toks) -> list[tuple[int, int, str, str]]:
    """Changes of amount with what changed: ``(token index, direction, noun lemma, noun)`` for "an increase
    in vaccine sales" (sales, +1), "a drop of 5% in revenue" (revenue, -1) and "sales fell" (sales, -1)."""
    out = []
    for k, t in enumerate(toks):
        d = lexicon.direction(t.lemma, before_figure=_figure_at(toks, k + 1))
        verb = k
        if not d and (p := _particle_move(toks, k)):       # "was up 2.1%", "picked up to 3.5% from 4.1%"
            d, verb = p, k - 1
        if not d:
            continue
        if t.pos == "NOUN" and k + 1 < len(toks) and toks[k + 1].lower in ("in", "of"):
            head = None
            for u in toks[k + 2:k + 12]:
                if u.pos in ("NOUN", "PROPN") and u.lower not in ("%", "percent", "cent"):
                    head = u
                elif u.pos in ("DET", "ADJ", "NUM", "SYM", "PRON") or u.text in ("-", "%", "'s") or u.lower in (
                        "percent", "per", "cent") or (u.lower in ("in", "of") and head is None):
                    continue
                else:
                    break
            if head is not None:
                out.append((k, d, head.lemma, head.text))
        elif t.pos == "VERB" or verb != k:
            for u in reversed(toks[max(0, verb - 3):verb]):
                if u.pos == "NOUN" or u.pos == "PROPN":       # "sales fell", "the rupiah firmed 0.4%"
                    out.append((k, d, u.lemma, u.text))
                    break
                if u.pos not in ("ADV", "AUX", "PART"):
                    break
    return out


def _figure_at(toks, k: int) -> bool:
    """Whether a figure starts at token ``k`` ("0.7%", "$2,631", "by 5%", "to 3.5%")."""
    if k < len(toks) and toks[k].lower in ("by", "to"):
        k += 1
    return k < len(toks) and (toks[k].pos == "NUM" or toks[k].text[:1].isdigit() or toks[k].text in "$€£¥₹")


def _particle_move(toks, k: int) -> int:
    """The direction ``toks[k]`` gives as the particle of a verb of moving before a figure ("edged up 0.2%",
    "was down 2.1%", "picked up to 3.5%": ``lexicon.PARTICLE_VERBS``), else 0."""
    d = lexicon.PARTICLE_DIRECTION.get(toks[k].lower, 0)
    return d if d and k and toks[k - 1].lemma in lexicon.PARTICLE_VERBS and _figure_at(toks, k + 1) else 0


#: closed scales whose steps state different facts, each word with its step (words on one step say the same):
#: how many of a group ("some residents" / "all residents"), a round magnitude ("hundreds of people" /
#: "thousands"), where ("in Kyiv" / "near Kyiv"; "around the world" is no place, so "around" is left out) and
#: when in the day ("at midnight" / "at noon"; news says "Monday evening" and "Monday night" of the same hours)
_QUANTITIES = table("scales.quantities")


#: counts spelt out, which the figure check leaves alone when small ("one" is also a pronoun)
_SPELT_COUNTS = {w: n for n, w in enumerate(ordered("scales.spelt_counts"), 1)}


_MAGNITUDES = table("scales.magnitudes")


_WHERE = table("scales.where")


_WHEN = table("scales.when")


_LIST_WORDS = words("scales.list_words")


_QUESTION_AUX = words("hedging.question_aux")


def _polar(toks) -> bool:
    """Whether a question's tokens ask yes or no: its first word (past an FAQ's "Q:") is an auxiliary."""
    words = [t.lower for t in toks if t.pos != "PUNCT"]
    if words[:1] == ["q"]:
        words = words[1:]
    return bool(words) and words[0] in _QUESTION_AUX


def _crossed(dt, w: Analysis, ones: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Two words of the sentence's tokens ``dt`` that stand where the wire sentence ``w`` has each other,
    the rest in place: ``(first index, second index, the wire's words from one to the other)``. Words only
    listed ("Britain and France") or joined by a deed done together ("Putin met Obama") may change places.
    ``ones``: the one-word replacements (:func:`_word_opcodes`)."""
    wt = w.tokens
    for n, (i, j) in enumerate(ones):
        for i2, j2 in ones[n + 1:]:
            if (dt[i].lower == wt[j2].lower and dt[i2].lower == wt[j].lower and (dt[i].content or dt[i].pos == "NUM")
                    and not all(u.lower in _LIST_WORDS or u.lemma in _SYMMETRIC or u.pos in ("AUX", "DET", "PUNCT")
                                for u in dt[i + 1:i2])):
                return [(i, i2, w.text[wt[j].start:wt[j2].end])]
    return []


def _scale_swaps(dt, wt, ones: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """One word of the sentence's tokens ``dt`` put in place of another step of its scale in the wire tokens
    ``wt``, or of its opposite (:func:`lexicon.are_opposed`), before the same word (a preposition of place
    before the same name or "the"): ``(index in dt, the wire's word)``. ``ones``: the one-word replacements
    (:func:`_word_opcodes`), each paired with the last wire word it replaces."""
    out = []
    for i1, j1 in ones:
        i2, j2 = i1 + 1, j1 + 1
        if i2 >= len(dt) or j2 >= len(wt):
            continue
        a, b, after = dt[i1].lower, wt[j1].lower, dt[i2]
        if after.lower != wt[j2].lower:
            continue
        if lexicon.are_opposed(dt[i1].lemma, wt[j1].lemma) or lexicon.are_opposed(a, b):
            out.append((i1, wt[j1].text))        # "confirmed the report" for "denied the report"
            continue
        if a in _SPELT_COUNTS and b in _SPELT_COUNTS and _SPELT_COUNTS[a] != _SPELT_COUNTS[b]:
            out.append((i1, wt[j1].text))        # "one of them" for "two of them": a count, however small
            continue
        for scale in (_QUANTITIES, _MAGNITUDES, _WHERE, _WHEN):
            if a in scale and b in scale and scale[a] != scale[b] and (
                    scale is not _WHERE or after.pos == "PROPN" or after.lower == "the"):
                out.append((i1, wt[j1].text))
    return out


#: words that may stand between a negation and the verb it denies, or before it ("did not confirm", "has never
#: said", "is no longer lending")
_NEGATED_AUX = words("negation.negated_aux")


def denied_word(toks, k: int) -> str | None:
    """The lemma of the word the negation ``toks[k]`` denies: the first content word within the next four,
    past auxiliaries ("did not confirm" → "confirm", "is not intended" → "intend", "no details" → "detail")."""
    for u in toks[k + 1:k + 5]:
        if u.lower in NEGATIONS:
            return None
        if u.content and u.lemma not in _NEGATED_AUX:
            return u.lemma.lower()
    return None


def _affirmed(lemma: str, window) -> bool:
    """Whether the window says the word a negation denies, as it stands, derived ("confirm" / "confirmation")
    or by a synonym ("finish" / "complete"): only then does the negation turn the window round."""
    near = {lemma} | _derivations(lemma)
    return any(u.lemma.lower() in near or (u.content and _synonyms(lemma, u.lemma.lower()))
               for a in window for u in a.tokens)


def denied_words(toks, k: int) -> set[str]:
    """What the negation ``toks[k]`` denies, for a denial elsewhere to match: its :func:`denied_word` and
    the content words after it up to the end of the phrase (four words at most), each with the words
    WordNet derives from it ("don't have insurance" also denies "insure": "is not insured")."""
    out: set[str] = set()
    if (first := denied_word(toks, k)) is None:
        return out
    out.add(first)
    for u in toks[k + 1:k + 5]:
        if u.pos == "PUNCT" or u.lower in NEGATIONS:
            break
        if u.content and u.lemma not in _NEGATED_AUX:
            out.add(u.lemma.lower())
    return out | {d for w in out for d in _derivations(w)}


#: the kinds of word that may stand between a negation and the word it denies ("not being recommended",
#: "not under investigation", "not a threat")
_DENIED_PAST = frozenset({"AUX", "ADP", "DET"})


def _negation_dropped(dt, w: Analysis) -> tuple[int, str] | None:
    """Where the sentence's tokens ``dt`` keep the wire sentence ``w``'s words but not its negation of them:
    ``(index in dt of the first word kept, the wire's negated words)``, or None. Aligned on lemmas, so that
    "confirmed" keeps "did not confirm"; "not only" and "no more than" deny nothing."""
    wt = w.tokens
    sm = difflib.SequenceMatcher(None, [t.lemma.lower() for t in dt], [t.lemma.lower() for t in wt], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op not in ("insert", "replace") or j2 >= len(wt) or i2 >= len(dt):     # words of the wire it lacks …
            continue
        # … or has in another tense, without the negation ("will raise" / "would not raise"), or with an
        # adverb in its place ("is also under investigation" / "is not under investigation")
        if op == "replace" and not all(u.lemma in _NEGATED_AUX or u.lower in _NEGATED_AUX
                                       or (u.pos == "ADV" and u.lower not in NEGATIONS) for u in dt[i1:i2]):
            continue
        gone = wt[j1:j2]
        if (not any(u.lower in NEGATIONS and u.lower != "longer" for u in gone)
                or not all(u.lower in NEGATIONS or u.lemma in _NEGATED_AUX for u in gone)
                or wt[j2].lower in _RESTRICTIVES or wt[j2].lower in _COMPARATIVES):
            continue
        # the word it denies: the next content word, past up to two auxiliaries, prepositions or articles
        # ("not being recommended", "not under investigation"), kept by the sentence as it stands there
        k = j2
        while k < min(j2 + 2, len(wt) - 1) and not wt[k].content and wt[k].pos in _DENIED_PAST:
            k += 1
        i = i2 + (k - j2)
        if not wt[k].content or i >= len(dt) or dt[i].lemma.lower() != wt[k].lemma.lower():
            continue
        return i, w.text[gone[0].start:wt[k].end]
    return None

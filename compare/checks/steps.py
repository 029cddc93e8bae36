"""Fact units of a derived sentence, checked against its aligned wire window and the whole wire copy.

For each derived sentence, :func:`check_sentence` finds the units an editor checks (figures,
durations, days and dates, people, places, organisations, quotations, negations, content words),
gives each a status (``supported`` / ``new`` / ``contradicted``) with the wire text behind it, and
computes the sentence features the verdict model reads (see ``FEATURES``).
"""
from __future__ import annotations

import difflib
import importlib
from dataclasses import dataclass, field
from typing import Callable

from ..prepare import Prepared
from ..text.nlp import Analysis
from ..text.numbers import Figure, find_day_spans, find_days, find_durations, find_figures, find_ordinals, find_times
from .amounts import _count_words, _designation_index, _fractions
from .content import match_candidates, may_ask_match
from .context import ENTITY_KIND, Polarity, SentenceCheck, SentenceContext
from .entities import _initialisms, _proper_runs
from .hedging import _DEFINE, HEDGES, _definitions
from .opcodes import _replacements
from .polarity import NEGATIONS, denied_words, denies
from .quotes import _norm_words, wire_quotations
from .registry import registered
from .relations import _affiliations, people_of, wire_offices

__all__ = ["WireFacts", "wire_facts", "SentenceCheck", "check_sentence", "match_candidates", "may_ask_match",
           "FEATURES", "NEGATIONS", "HEDGES", "ORDER", "STEPS", "STEP_NAMES"]

_RUN_KINDS = frozenset({"word", "person", "place", "org"})     # units that make up an added phrase

#: the family modules, each registering its checks when imported
FAMILIES = ("quotes", "figures", "entities", "relations", "polarity", "hedging", "content")
for _family in FAMILIES:
    importlib.import_module(f".{_family}", __package__)


FEATURES = (
    "best_score", "best_cos", "window_cos", "best_lex", "window_lex", "doc_lex", "word_ratio",
    "n_content", "new_words", "new_share", "new_doc_words", "new_doc_share", "new_rare",
    "related_share", "new_entities", "contra_entities", "added_given", "new_figures", "contra_figures",
    "new_days", "contra_days", "unmatched_quotes", "neg_added", "neg_dropped", "hedge_dropped",
    "antonyms", "replaced", "replaced_unrelated", "is_question", "has_window", "nli",
)


@dataclass(frozen=True, slots=True)
class WireFacts:
    """What the checks need from the wire copy, computed once per wire copy."""
    figures: tuple[tuple[Figure, ...], ...]
    durations: tuple[tuple[Figure, ...], ...]
    days: tuple[tuple[Figure, ...], ...]
    entities: tuple[tuple[tuple[str, str], ...], ...]       # (text, label) per sentence
    negated: tuple[bool, ...]
    hedged: tuple[bool, ...]
    words: str                                             # the whole wire copy as normalised words
    all_entities: tuple[tuple[str, str], ...]
    counts: frozenset[float] = frozenset()                 # values of "twice", "a pair" …: counts a summary may state
    ordinals: tuple[tuple[Figure, ...], ...] = ()           # "fourth quarter" → (4, "quarter") per sentence
    #: "sars-cov-#" → ("SARS-CoV-2",): names of letters and digits by shape, see _designations
    designations: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    #: the words of the wire copy's noun phrases and their initials, see _initialisms
    initialisms: tuple[tuple[str, ...], str] = ((), "")
    #: the definitions the wire copy gives: (lemmas of the term, sentence index, first, end), see _definitions
    definitions: tuple[tuple[frozenset, int, int, int], ...] = ()
    #: the organisations the wire copy puts before its people: (person, organisation, the words as written,
    #: whether it is a people or a party), see _affiliations
    affiliations: tuple[tuple[str, str, str, bool], ...] = ()
    #: the runs of proper nouns the wire copy writes, tagged as names or not ("Zelenskiy told reporters"
    #: after a quotation, which the tagger may not read as a person)
    proper_names: tuple[str, ...] = ()
    #: the shares the wire copy gives in words, as percentages: (33.3, "a third"), see _fractions
    fractions: tuple[tuple[float, str], ...] = ()
    #: stretches of days each sentence gives by their first and last day, as durations ("June 21 to June 24":
    #: four days, or three nights), which support a duration anywhere; one of another length contradicts
    #: only the window's
    day_spans: tuple[tuple[Figure, ...], ...] = ()
    #: times of day each sentence gives ("1:30 a.m."), which a time of the window contradicts …
    times: tuple[tuple[Figure, ...], ...] = ()
    #: … and those of the whole wire copy, its datelines too, which support one
    times_anywhere: tuple[Figure, ...] = ()
    #: every sentence's figures in one tuple, in order: a figure the wire copy gives anywhere supports
    all_figures: tuple[Figure, ...] = ()
    #: the words the wire copy denies anywhere ("not intended" → "intend"), see polarity.denied_words
    denied: frozenset[str] = frozenset()
    #: the people the wire copy names (as names.normalise gives them) and what it says they are: (the person,
    #: the words of the office and its sentence, the office as written), see relations.wire_offices
    people: tuple[tuple[str, ...], ...] = ()
    offices: tuple[tuple[tuple[str, ...], frozenset[str], str], ...] = ()
    #: the wire copy's quotations of three words or more, without their marks, see quotes.wire_quotations
    quotations: tuple[str, ...] = ()


def wire_facts(wire: Prepared) -> WireFacts:
    texts = [a.text for a in wire.analyses]
    ents = tuple(tuple((e.text, e.label) for e in a.entities if e.label in ENTITY_KIND) for a in wire.analyses)
    figures = tuple(tuple(find_figures(t)) for t in texts)
    denials = [[k for k in range(len(a.tokens)) if denies(a.tokens, k)] for a in wire.analyses]
    people = people_of(wire.analyses)
    return WireFacts(
        figures=figures,
        all_figures=tuple(x for s in figures for x in s),
        durations=tuple(tuple(find_durations(t)) for t in texts),
        days=tuple(tuple(find_days(t)) for t in texts),
        entities=ents,
        negated=tuple(bool(ks) for ks in denials),
        denied=frozenset(w for a, ks in zip(wire.analyses, denials) for k in ks
                         for w in denied_words(a.tokens, k)),
        hedged=tuple(any(t.lower in HEDGES for t in a.tokens) for a in wire.analyses),
        words=_norm_words(wire.doc.text),
        quotations=wire_quotations(wire.doc.text),
        all_entities=tuple(e for s in ents for e in s),
        counts=frozenset(v for t in texts for v in _count_words(t)),
        ordinals=tuple(tuple(find_ordinals(t)) for t in texts),
        designations=_designation_index(wire.doc.text),
        initialisms=_initialisms(wire.analyses),
        definitions=tuple((term, j, w0, w1) for j, a in enumerate(wire.analyses)
                          if any(t.lemma in _DEFINE for t in a.tokens) for term, _, w0, w1 in _definitions(a.tokens)),
        affiliations=tuple((person, org, written, people) for a in wire.analyses
                           for _, _, org, person, written, people in _affiliations(a)),
        proper_names=tuple(dict.fromkeys(run for a in wire.analyses for run in _proper_runs(a))),
        fractions=tuple(f for t in texts for f in _fractions(t)),
        day_spans=tuple(tuple(find_day_spans(t)) for t in texts),
        times=tuple(tuple(find_times(t)) for t in texts),
        times_anywhere=tuple(find_times(wire.doc.text)),
        people=tuple(people),
        offices=wire_offices(wire.analyses, people),
    )


def check_sentence(analysis: Analysis, base: int, sentence_id: str, window: list[int], scores: list[float],
                   cosines: list[float], wire: Prepared, facts: WireFacts, is_question: bool = False,
                   close_words: dict[str, str | None] | None = None, polarity: Polarity | None = None,
                   skip: frozenset[str] = frozenset()) -> SentenceCheck:
    """Check one derived sentence. ``base`` is where ``analysis.text`` starts in the derived document;
    ``window`` the indices of the aligned wire sentences (best first) with their scores and cosines.
    ``close_words`` gives, for the sentence's words the wire copy lacks, the window's word closest in
    meaning or None (the engine's embedding match, made before the checks); a word with one is supported.
    ``polarity(words)`` scores how favourable each word is (above 0) or unfavourable (below 0).

    The checks of :data:`STEPS` run in turn over one :class:`SentenceContext` (less those named in
    ``skip``), each finding recorded in its ledger as it is yielded; then the sentence's features are
    computed from the ledger (:func:`_sentence_features`) and its longest run of new words measured."""
    win_an = [wire.analyses[j] for j in window]
    win_lemmas = frozenset().union(*(wire.lemmas[j] for j in window)) if window else frozenset()
    win_words = frozenset(t.lower for a in win_an for t in a.tokens)
    ctx = SentenceContext(analysis, base, sentence_id, window, scores, cosines, wire, facts, is_question,
                          close_words or {}, polarity, win_an=win_an, win_lemmas=win_lemmas, win_words=win_words,
                          win_lower=win_words | win_lemmas)
    for name, step in STEPS:
        if name not in skip:
            ctx.step = name
            for finding in step(ctx):
                ctx.record(finding)
    out = ctx.out
    out.features = _sentence_features(ctx)
    out.units.sort(key=lambda u: (u.start, u.end))
    run = 0
    for u in out.units:
        if u.kind in _RUN_KINDS:
            run = run + 1 if u.status == "new" else 0
            out.new_run = max(out.new_run, run)
    return out


#: The registered checks (``@check`` in each family module), in the order they run: that order is their
#: precedence (see ``SentenceContext``), written out here so that it is read in one place. Each reads the
#: context and yields its findings (``context.Finding``); none changes the context or calls back into the
#: engine.
ORDER = (
    "quotes",
    "figures.times", "figures.durations", "figures.days", "figures.amounts", "figures.ranks",
    "entities.names",
    "relations.place_of", "relations.doers", "relations.affiliations", "relations.offices",
    "polarity.negation",
    "hedging.dropped",
    "relations.co_roles",
    "hedging.unhedged", "hedging.definitions", "hedging.stated_as_fact",
    "polarity.crossed", "polarity.scales", "polarity.moves", "polarity.opposites",
    "content.words",
    "relations.speakers",
    "quotes.misquoted",
)


def _steps() -> tuple[tuple[str, Callable], ...]:
    """``ORDER`` with each check's function, after making sure it names every registered check once."""
    checks = registered()
    unlisted, unknown = sorted(set(checks) - set(ORDER)), sorted(set(ORDER) - set(checks))
    if unlisted or unknown or len(set(ORDER)) != len(ORDER):
        raise RuntimeError(f"compare.checks.steps.ORDER must list every registered check once: "
                           f"not listed {unlisted}, not registered {unknown}")
    return tuple((name, checks[name].run) for name in ORDER)


STEPS = _steps()
STEP_NAMES = tuple(name for name, _ in STEPS)


# -- the features the verdict model reads ------------------------------------------------------------

def _sentence_features(ctx: SentenceContext) -> dict[str, float]:
    """The verdict model's features: the counts of the findings in the ledger (``ctx.tally``), with the
    sentence's closeness to its window and the wire copy."""
    tally, analysis, wire, best, text = ctx.tally, ctx.analysis, ctx.wire, ctx.best, ctx.text
    scores, cosines = ctx.scores, ctx.cosines
    f = {name: float(tally[name]) for name in FEATURES}
    n_content = max(len([t for t in analysis.tokens if t.content]), 1)
    d_lemmas = analysis.content_lemmas()
    f["best_score"] = scores[0] if scores else 0.0
    f["best_cos"] = ctx.best_cos
    f["window_cos"] = max(cosines) if cosines else 0.0
    f["best_lex"] = len(d_lemmas & wire.lemmas[best]) / len(d_lemmas) if best is not None and d_lemmas else 0.0
    f["window_lex"] = len(d_lemmas & ctx.win_lemmas) / len(d_lemmas) if d_lemmas else 1.0
    f["doc_lex"] = len(d_lemmas & wire.all_lemmas) / len(d_lemmas) if d_lemmas else 1.0
    f["word_ratio"] = (difflib.SequenceMatcher(None, text.lower().split(), wire.analyses[best].text.lower().split(),
                                               autojunk=False).ratio() if best is not None else 0.0)
    f["n_content"] = float(n_content)
    content = max(tally["content_words"], 1)        # the words the content check read
    f["new_share"] = tally["new_words"] / content
    f["new_doc_share"] = tally["new_doc_words"] / content
    f["related_share"] = tally["related"] / content
    rep, rep_unrel = _replacements(analysis, wire.analyses[best]) if best is not None else (0, 0)
    f["replaced"], f["replaced_unrelated"] = float(rep), float(rep_unrel)
    f["is_question"] = 1.0 if ctx.is_question else 0.0
    f["has_window"] = 1.0 if ctx.window else 0.0
    return f

"""What every check of one derived sentence reads, what it returns, and the ledger that keeps it.

A :class:`SentenceContext` is made once per derived sentence (``compare.checks.steps.check_sentence``) from
the sentence's analysis, its aligned wire window and the wire copy's facts. Each check is a function
``check(ctx) -> Iterator[Finding]``: it reads the context and yields what it finds (a :class:`Finding`,
made by :func:`unit`, :func:`contradiction`, :func:`overruling` or :func:`note`); it never changes the
context and never calls back into the engine. ``check_sentence`` records each finding in the context's
ledger (:meth:`SentenceContext.record`) as it is yielded.

The checks run in the order of ``compare.checks.steps.ORDER``, and that order is the precedence between
them: a span an earlier finding has taken (``free``) is not read again by a later check, except where a
later check finds it contradicted and says so explicitly (:func:`overruling`), which replaces what the
earlier findings said there.
"""
from __future__ import annotations

import dataclasses
import difflib
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, TYPE_CHECKING

from ..document import Unit

if TYPE_CHECKING:                                   # pragma: no cover
    from ..text.nlp import Analysis
    from ..prepare import Prepared

__all__ = ["SentenceCheck", "SentenceContext", "Finding", "unit", "contradiction", "overruling", "note",
           "Polarity", "overlaps", "ENTITY_KIND", "CLOSE_COS", "EXCERPT_SHARE"]

Polarity = Callable[[list[str]], list[float]]


#: the kinds of entity the checks read, by spaCy label
ENTITY_KIND = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
               "NORP": "place", "EVENT": "org", "PRODUCT": "org", "LAW": "org", "WORK_OF_ART": "org"}
CLOSE_COS = 0.6            # the cosine from which a sentence says what its best wire sentence says (``near``) …


#: … or the share of the sentence's words that stand, in order, in its best wire sentence: a sentence that
#: restates one clause of a long wire sentence ("The central bank may cut rates next month." from "Police
#: said …, and the central bank may raise rates next month.") says the same as that clause whatever the cosine
EXCERPT_SHARE = 0.75


def overlaps(a0: int, a1: int, spans) -> bool:
    return any(a0 < b1 and b0 < a1 for b0, b1 in spans)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check found. With a span (``start``:``end``, offsets in the sentence): a unit of ``kind``
    (figure, person, word …) with its ``status`` (supported, new, contradicted) and the wire text behind it
    (``evidence``); without one (a :func:`note`), only counts. ``reason``: a contradiction in words, for the
    verdict. ``counts``: ``(name, amount)`` tallies the sentence's features are made of (a name of
    ``steps.FEATURES``, or ``content_words`` and ``related`` for the shares). ``hard_new``: a new fact an
    editor checks whatever the wording around it. ``unhedged``: something the window qualifies, stated as
    fact. ``overrules``: it replaces what earlier findings said on its span."""
    start: int | None = None
    end: int | None = None
    kind: str = ""
    status: str = ""
    evidence: str = ""
    reason: str | None = None
    counts: tuple[tuple[str, int], ...] = ()
    hard_new: bool = False
    unhedged: bool = False
    overrules: bool = False


def unit(s: int, e: int, kind: str, status: str, evidence: str = "", *, counts: tuple[str, ...] = (),
         hard_new: bool = False, unhedged: bool = False) -> Finding:
    """A unit of the sentence, counted once under each of ``counts``."""
    return Finding(s, e, kind, status, evidence, counts=tuple((c, 1) for c in counts), hard_new=hard_new,
                   unhedged=unhedged)


def contradiction(s: int, e: int, kind: str, evidence: str, reason: str | None, counts: str | None) -> Finding:
    """A contradicted unit with its reason (None: said already, for another span), counted under ``counts``
    (None: not counted)."""
    return Finding(s, e, kind, "contradicted", evidence, reason, ((counts, 1),) if counts else ())


def overruling(s: int, e: int, kind: str, evidence: str, reason: str | None,
               counts: str | None = "contra_entities") -> Finding:
    """A span a later check finds contradicted, in place of what earlier findings said there; the ``reason``
    (and a count of ``counts``) once per contradiction, None for its second span."""
    return dataclasses.replace(contradiction(s, e, kind, evidence, reason, counts), overrules=True)


def note(**amounts: int) -> Finding:
    """Counts without a unit: ``note(neg_added=1)``."""
    return Finding(counts=tuple(amounts.items()))


@dataclass(slots=True)
class SentenceCheck:
    units: list[Unit] = field(default_factory=list)
    #: the step that found each unit, by the unit's span in the document (``steps.ORDER`` names)
    found_by: dict[tuple[int, int], str] = field(default_factory=dict)
    features: dict[str, float] = field(default_factory=dict)
    contradictions: list[str] = field(default_factory=list)    # readable reasons, most precise first
    #: new facts an editor checks whatever the wording around them: a figure, a duration (not "a decade"),
    #: a day or date (not a year the window gives as "next year" and the like)
    hard_new: int = 0
    #: the longest run of content words and names in a row that the wire copy lacks: an added phrase
    new_run: int = 0
    #: what the window qualifies, stated as fact (each a ``hedge`` unit): a word under an adverb of report or
    #: doubt ("a reportedly carcinogenic chemical" → "a carcinogenic chemical"), an absence of reports ("no
    #: reports of casualties" → "no casualties"), a bounded figure ("more than 600" → "600"), a possibility, an
    #: accusation or an expectation ("could make his debut" → "is set to make his debut", "accused of
    #: stealing" → "stole"), a definition without some of its conditions ("exceeding one drink per day" for
    #: "exceeding an average of one drink per day during the past month"): flags the sentence on its own
    unhedged: int = 0


@dataclass(slots=True)
class SentenceContext:
    """One derived sentence, its window, and the ledger of what the checks found so far: the units and
    reasons (``out``), the spans taken (``taken``) and the counts (``tally``)."""
    analysis: "Analysis"
    base: int                       # where the sentence starts in the derived document
    sentence_id: str
    window: list[int]               # the aligned wire sentences, best first …
    scores: list[float]             # … their alignment scores …
    cosines: list[float]            # … and cosines
    wire: "Prepared"
    facts: object                   # compare.checks.steps.WireFacts
    is_question: bool
    close_words: dict[str, str | None]     # the window's word closest in meaning, by word
    polarity: Polarity | None
    step: str = ""                  # the step whose findings are being recorded (set by check_sentence)
    out: SentenceCheck = field(default_factory=SentenceCheck)
    taken: list[tuple[int, int]] = field(default_factory=list)
    tally: Counter = field(default_factory=Counter)
    # the window, read once
    win_an: list = field(default_factory=list)
    win_lemmas: frozenset = frozenset()
    win_words: frozenset = frozenset()
    win_lower: frozenset = frozenset()
    # read once, when a check first asks (see the properties)
    stretches_found: list | None = None
    near_found: bool | None = None
    negations_found: list | None = None
    replaced_found: list | None = None

    @property
    def stretches(self) -> list:
        """The short stretches where the sentence replaces words of its best wire sentence (read once)."""
        if self.stretches_found is None:
            from .opcodes import _short_replacements     # (opcodes reads this module)
            best = self.best
            self.stretches_found = _short_replacements(self.analysis, self.wire.analyses[best]) \
                if best is not None else []
        return self.stretches_found

    @property
    def near(self) -> bool:
        """The sentence says what its best wire sentence says, in meaning (cosine ``CLOSE_COS``) or in its
        words (``EXCERPT_SHARE`` of them in runs, in order); read once. The one measure of closeness every
        check asks: only where it holds does a differing figure, a word turned round or a hedge dropped
        contradict the wire sentence rather than say something else."""
        if self.near_found is None:
            best = self.best
            self.near_found = best is not None and (
                self.best_cos >= CLOSE_COS
                or _excerpt_share(self.toks, self.wire.analyses[best].tokens) >= EXCERPT_SHARE)
        return self.near_found

    @property
    def polar(self) -> bool:
        """A yes/no question ("Did the company confirm the deal?"): it asserts nothing to turn round or
        state as fact (a wh-question presupposes its claim and is read as one)."""
        from .polarity import _polar                    # (polarity reads this module)
        return self.is_question and _polar(self.toks)

    @property
    def d_neg(self) -> list:
        """The sentence's own negations, those no check before the first to ask has taken ("not only",
        "no more than" are none)."""
        if self.negations_found is None:
            from .polarity import own_negations
            self.negations_found = own_negations(self)
        return self.negations_found

    @property
    def replaced(self) -> list:
        """One-word replacements of the best wire sentence's words, where the sentence is near it and no
        yes/no question: ``(derived index, wire index, width)``."""
        if self.replaced_found is None:
            from .opcodes import _word_opcodes
            self.replaced_found = _word_opcodes(self.toks, self.wire.analyses[self.best].tokens) \
                if self.near and not self.polar else []
        return self.replaced_found

    @property
    def text(self) -> str:
        return self.analysis.text

    @property
    def toks(self):
        return self.analysis.tokens

    @property
    def best(self) -> int | None:
        return self.window[0] if self.window else None

    @property
    def best_cos(self) -> float:
        return self.cosines[0] if self.cosines else 0.0

    def free(self, s: int, e: int) -> bool:
        """No earlier check has taken any of ``s:e``."""
        return not overlaps(s, e, self.taken)

    def record(self, x: Finding) -> None:
        """Keep what a check found: its unit (in place of the earlier units on its span, if it overrules
        them), its reason and its counts."""
        out, base = self.out, self.base
        if x.start is not None:
            s, e = x.start, x.end
            if x.overrules:
                out.units[:] = [u for u in out.units if not (u.start < base + e and base + s < u.end)]
            out.units.append(Unit(base + s, base + e, self.text[s:e], x.kind, x.status, x.evidence, self.sentence_id))
            out.found_by[(base + s, base + e)] = self.step
            self.taken.append((s, e))
        for name, amount in x.counts:
            self.tally[name] += amount
        if x.reason:
            out.contradictions.append(x.reason)
        out.hard_new += x.hard_new
        out.unhedged += x.unhedged

    def contradicted_at(self, s: int, e: int) -> bool:
        base = self.base
        return any(u.status == "contradicted" and u.start < base + e and base + s < u.end for u in self.out.units)


def _excerpt_share(dt, wt) -> float:
    """The share of the sentence's words (``dt``, punctuation aside) that stand, in order, in the wire
    sentence's ``wt``, counted in runs of two words or more."""
    words = [t.lower for t in dt if t.pos != "PUNCT"]
    if len(words) < 4:
        return 0.0
    sm = difflib.SequenceMatcher(None, words, [t.lower for t in wt if t.pos != "PUNCT"], autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks() if b.size >= 2) / len(words)

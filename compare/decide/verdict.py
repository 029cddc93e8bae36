"""From checked units and features to a verdict per sentence and the flags an editor must look at."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..align import VERBATIM_RATIO
from ..checks.steps import STEP_NAMES, SentenceCheck
from ..comparison import Alignment, Flag, Verdict
from ..document import Sentence, Unit
from ..errors import CompareError, ModelError
from ..text.segment import clause_bounds

__all__ = ["decide", "flags_for", "fired_checks", "Evidence", "CHECKS", "DOUBT_SCORES", "FACT_CONTRADICTIONS",
           "validate_checks",
           "UNSUPPORTED_SCORE", "UNSUPPORTED_SHARE"]

UNSUPPORTED_SCORE = 0.45     # a flagged sentence whose best wire match scores below this is "unsupported"
UNSUPPORTED_SHARE = 0.5      # … as is one where this share of its content words is new
#: a sentence with at least NOVEL_WORDS content words found nowhere in the wire copy, making up at least
#: NOVEL_SHARE of its content words, with at most NOVEL_WINDOW_LEX of its content lemmas in its aligned
#: window, is flagged whatever the model says: added material, not rewording. Chosen on the training file
#: (all 3,862 pairs; sentence/text BAcc 0.621 / 0.592 with the earlier 4 words and 30% and no window
#: condition, 0.629 / 0.636 with these; 0.631 / 0.641 with no such rule at all), among the settings that
#: keep the seed pair's added background ("a major importer of Russian weapons") flagged. Development sets:
#: summedits sentence/text 0.738 / 0.758 → 0.733 / 0.756, faithbench 0.598 / 0.605 → 0.603 / 0.608.
NOVEL_WORDS = 4
NOVEL_SHARE = 0.5
NOVEL_WINDOW_LEX = 0.4
#: … as is one with NOVEL_RUN content words or names in a row that the wire copy lacks: a phrase added to
#: an otherwise faithful sentence ("…, and the club hopes the signing will revive its fading title
#: ambitions"). Training file sentence/text BAcc 0.629 / 0.636 → 0.631 / 0.635 (3 in a row: 0.618 / 0.612,
#: 5: 0.629 / 0.635); faithbench 0.603 / 0.608 → 0.605 / 0.620, summedits unchanged.
NOVEL_RUN = 4
_GAP = re.compile(r"^[\s,;:'’\-–—]*(?:(?:a|an|the|of|and|or|in|on|at|to|for|with|by|from|its|their|his|her|which|that|who|is|are|was|were|be|been|being|has|have|had|will|would)[\s,;:'’\-–—]+)*$", re.I)


def _quote_list(items: list[str]) -> str:
    items = [f"'{i}'" for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def phrases(units: list[Unit], text: str, base: int) -> list[tuple[int, int]]:
    """Spans of new/contradicted units, adjacent ones (only small words between) merged into phrases."""
    spans: list[list[int]] = []
    for u in sorted((u for u in units if u.status != "supported"), key=lambda u: u.start):
        if spans and _GAP.match(text[spans[-1][1] - base:u.start - base]):
            spans[-1][1] = max(spans[-1][1], u.end)
        else:
            spans.append([u.start, u.end])
    return [(a, b) for a, b in spans]


#: The checks, by name: what each ``fired_checks`` reports for a sentence. ``Engine(disable=...)`` and
#: ``--disable`` switch any of them off; bench/checks.py measures each (firings, precision, the change in
#: every figure when it is off). See docs/checks.md.
CHECKS = ("contradiction.figure", "contradiction.entity", "contradiction.quote", "contradiction.negation",
          "contradiction.direction", "contradiction.scale", "contradiction.role", "contradiction.office",
          "contradiction.wording",
          "new.fact", "new.given_name", "new.words", "new.phrase", "quote.unmatched", "hedge.dropped",
          "verdict_model", "faq")
#: the check a contradicted unit is reported under: by its kind for facts, by the step that found it for words
_CONTRA_FAMILY = {"number": "figure", "date": "figure", "day": "figure", "duration": "figure", "time": "figure",
                  "person": "entity", "org": "entity", "place": "entity", "quote": "quote"}
_CONTRA_STEP = {"polarity.negation": "negation", "polarity.moves": "direction", "polarity.opposites": "direction",
                "polarity.scales": "scale", "polarity.crossed": "role", "relations.co_roles": "role",
                "relations.speakers": "role", "relations.offices": "office"}


#: checks that are a doubt of their own, not a finding: the verdict model's probability over the checks'
#: features. Beside the judge it is evidence only: a second model's doubt names no words to weigh, and it
#: does not turn the judge's doubt into a flag. Measured by bench/checks.py: the flags its agreement added
#: were 0.61 precise on the training sample and the synthetic documents (76 sentences, where a doubt no
#: check shared was right 0.47 of the time), and on the newsroom tune half no more often right than a doubt
#: no check shared (0.21 and 0.21). Without the judge (``COMPARE_JUDGE=off``) it flags as every check does.
DOUBT_SCORES = frozenset({"verdict_model"})
#: the checks that find a figure, date, name or quotation contradicted: with the judge's doubt (under the
#: ``agree`` cut) their flag is of high severity (on the training sample 0.94 precise over 72 sentences;
#: the other precise checks, 0.81 over 141)
FACT_CONTRADICTIONS = frozenset({"contradiction.figure", "contradiction.entity", "contradiction.quote"})


def validate_checks(names) -> frozenset[str]:
    """``names`` as a set of names to switch off, or a CompareError naming the first that is neither a
    check (:data:`CHECKS`) nor a step of the checks (``compare.checks.steps.STEP_NAMES``)."""
    unknown = [n for n in names if n not in CHECKS and n not in STEP_NAMES]
    if unknown:
        raise CompareError(f"no such check: {unknown[0]!r}; the checks are: {', '.join(CHECKS)}; "
                           f"the steps that find what they name: {', '.join(STEP_NAMES)}")
    return frozenset(names)


SETTINGS_PATH = Path(__file__).resolve().parents[1] / "data" / "decide.json"


@lru_cache(maxsize=4)
def load_settings(path: str | Path = SETTINGS_PATH) -> dict:
    """How verdicts are decided, as measured and written by ``bench/checks.py --write``: ``precise`` (the
    checks that flag on their own: at least 0.9 precision over at least 30 firings off the development
    sets), ``alone`` (under this P(supported) the judge flags on its own: the largest cut as precise),
    ``agree`` (under this the judge flags where a check found something too: chosen on the newsroom set's
    tune half, among cuts as precise) and ``high`` (under this the flag of a precise check other than a
    contradicted fact is of high severity: the largest cut at which such a check and the judge's doubt are
    as precise on the training sample)."""
    try:
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        return {"alone": float(d["alone"]), "agree": float(d["agree"]), "high": float(d["high"]),
                "precise": tuple(d["precise"])}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"cannot read the verdict settings {path} ({exc}); rebuild them with "
                         "`python bench/checks.py --write`") from None


def fired_checks(check: SentenceCheck, probability: float, threshold: float) -> tuple[str, ...]:
    """The names of the checks that found something in a sentence (see :data:`CHECKS`)."""
    f = check.features
    out = []
    if check.contradictions:
        kinds = {_CONTRA_FAMILY.get(u.kind) or _CONTRA_STEP.get(check.found_by.get((u.start, u.end)), "wording")
                 for u in check.units if u.status == "contradicted"}
        out += [f"contradiction.{k}" for k in sorted(kinds or {"wording"})]
    if check.hard_new:
        out.append("new.fact")
    if f["added_given"]:
        out.append("new.given_name")
    if f["new_doc_words"] >= NOVEL_WORDS and f["new_doc_share"] >= NOVEL_SHARE and f["window_lex"] <= NOVEL_WINDOW_LEX:
        out.append("new.words")
    if check.new_run >= NOVEL_RUN:
        out.append("new.phrase")
    if f["unmatched_quotes"]:
        out.append("quote.unmatched")
    if check.unhedged:
        out.append("hedge.dropped")
    if probability >= threshold:
        out.append("verdict_model")
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the verdict of one sentence is made from: the judge's P(supported) against the wire copy (None
    when no judge runs), the checks that fired, those of them precise enough to flag on their own, and the
    judge's cuts (``load_settings``): under ``alone`` its doubt flags the sentence by itself, under
    ``agree`` it does where a check found something too (not a doubt score: :data:`DOUBT_SCORES`), and
    under ``high`` a precise check's flag is of high severity (``_severity``)."""
    support: float | None
    fired: tuple[str, ...]
    precise: frozenset[str]
    alone: float
    agree: float
    high: float

    @property
    def agreeing(self) -> tuple[str, ...]:
        """The checks that fired and whose finding, with the judge's doubt, flags the sentence."""
        return tuple(c for c in self.fired if c not in DOUBT_SCORES)

    @property
    def judge_doubts(self) -> bool:
        """Whether the judge's support is under the cut at which it flags a sentence with a check."""
        return self.support is not None and self.support < self.agree

    @property
    def flagged(self) -> bool:
        if self.support is None:            # no judge: every check that fires flags, as the rules alone did
            return bool(self.fired)
        return (any(c in self.precise for c in self.fired) or self.support < self.alone
                or (self.support < self.agree and bool(self.agreeing)))


def decide(sentence: Sentence, check: SentenceCheck, alignment: Alignment, ev: Evidence,
           text: str, base: int) -> tuple[Verdict, str | None]:
    """The verdict on one sentence and the severity of its flags (None when it is not flagged)."""
    f = check.features
    best = alignment.wire_ids[0] if alignment.wire_ids else None
    contradicted = [c for c in ev.fired if c.startswith("contradiction.")]
    if ev.flagged:
        if contradicted and (ev.judge_doubts or ev.support is None or any(c in ev.precise for c in contradicted)):
            verdict = Verdict(sentence.id, "contradicted", "; ".join(check.contradictions[:2]),
                              _confidence(ev, flagged=True))
            return verdict, _severity(ev, "contradicted", check.units)
        firmer = [u for u in check.units if u.kind == "hedge" and u.status != "supported"] \
            if "hedge.dropped" in ev.fired else []
        new = [text[a - base:b - base] for a, b in phrases([u for u in check.units if u.kind != "hedge"], text, base)]
        unsupported = not alignment.wire_ids or f["best_score"] < UNSUPPORTED_SCORE or f["new_share"] >= UNSUPPORTED_SHARE
        label = "unsupported" if unsupported else "partial"
        if new or firmer:
            verb = "is" if len(new) == 1 else "are"
            parts = [f"{_quote_list(new[:3])}{' …' if len(new) > 3 else ''} {verb} not in the wire copy"] if new else []
            parts += [f"'{u.text}' is stated as fact where {u.evidence}" if u.evidence.startswith("the wire copy says")
                      else f"'{u.text}' is cut short: {u.evidence}" for u in firmer[:1]]
            reason = "; ".join(parts)
        elif best:
            reason = f"the wire copy does not support this (closest: {best}, score {alignment.similarities[0]:.2f})"
        else:
            reason = "no wire sentence says anything like this"
        return Verdict(sentence.id, label, reason, _confidence(ev, flagged=True)), _severity(ev, label, check.units)
    conf = _confidence(ev, flagged=False)
    if best is None:
        return Verdict(sentence.id, "paraphrased", "nothing checkable that the wire copy lacks", conf), None
    if f["word_ratio"] >= VERBATIM_RATIO and not ev.judge_doubts:
        return Verdict(sentence.id, "copied", f"copied from {best}", conf), None
    src = " and ".join(alignment.wire_ids[:2]) if alignment.tag == "merged" else best
    return Verdict(sentence.id, "paraphrased", f"{'merges' if alignment.tag == 'merged' else 'paraphrases'} {src} "
                   f"(score {alignment.similarities[0]:.2f})", conf), None


def _confidence(ev: Evidence, flagged: bool) -> float:
    if ev.support is None:
        return 0.9 if flagged else 0.5
    return round(1 - ev.support if flagged else ev.support, 3)


_FACT_KINDS = frozenset({"number", "date", "day", "duration", "person", "org", "place", "quote"})


def _rule_severity(label: str, units: list[Unit]) -> str:
    if label == "contradicted":
        return "high"
    facts = any(u.status != "supported" and u.kind in _FACT_KINDS for u in units)
    if label == "unsupported":
        return "high" if facts else "medium"
    return "medium" if facts else "low"


def _severity(ev: Evidence, label: str, units: list[Unit]) -> str:
    """High only where a precise check and the judge agree: a figure, date, name or quotation a precise
    check finds contradicted, with the judge's support under the ``agree`` cut; any other precise check
    with the support under the ``high`` cut (bench/checks.py: the largest at which such a check and the
    judge's doubt are at least 0.9 precise over 30 on the training sample). Medium where a precise check
    fired and the judge is less sure, or the judge's doubt and another check agree; low where the judge
    alone flags the sentence."""
    if ev.support is None:              # no judge: the rules alone, as before the judge
        return _rule_severity(label, units)
    precise = [c for c in ev.fired if c in ev.precise]
    if precise:
        facts = any(c in FACT_CONTRADICTIONS for c in precise)
        return "high" if ev.support < (ev.agree if facts else ev.high) else "medium"
    return "medium" if ev.agreeing else "low"


def flags_for(sentence: Sentence, verdict: Verdict, sev: str | None, check: SentenceCheck, alignment: Alignment,
              text: str, doc_text: str, base: int) -> list[Flag]:
    if sev is None or verdict.label not in ("partial", "unsupported", "contradicted"):
        return []
    spans = phrases(check.units, text, base)
    if verdict.label == "contradicted":
        spans = [(u.start, u.end) for u in check.units if u.status == "contradicted"] or spans
        claims = [(a, b, ((a, b),)) for a, b in spans]
    else:
        claims = _claims(spans, doc_text, sentence)
    if not claims:
        claims = [(sentence.start, sentence.end, ())]
    return [Flag(a, b, doc_text[a:b], verdict.label, sev, verdict.reason, sentence.id, alignment.wire_ids, focus)
            for a, b, focus in claims]


def _claims(spans: list[tuple[int, int]], doc_text: str, sentence: Sentence):
    """New material is flagged with the clause it sits in: what the editor must weigh is the claim the
    new words make ("who was recently released on bail"), not the words alone. Spans in one clause
    make one flag, with each span kept as its focus. A contradiction is flagged on the words that
    differ instead (see :func:`flags_for`): there the wire copy says something else for those words."""
    out: list[list] = []
    for a, b in spans:
        ca, cb = clause_bounds(doc_text, a, b, sentence.start, sentence.end)
        if out and ca < out[-1][1]:
            out[-1][1] = max(out[-1][1], cb)
            out[-1][2].append((a, b))
        else:
            out.append([ca, cb, [(a, b)]])
    return [(a, b, tuple(focus)) for a, b, focus in out]

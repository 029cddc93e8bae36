"""The comparison engine: one wire copy against one or many derived articles.

    engine = Engine()                      # models load lazily, once per process
    wire = engine.prepare_wire(text)       # segment, analyse and embed the wire copy once …
    result = engine.compare(wire, derived) # … and compare as many derived texts as you like

``compare(wire, derived)`` in ``compare/__init__.py`` is the same with a process-wide engine.
"""
from __future__ import annotations

import dataclasses
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .align import align_sentences, coverage
from .checks.steps import FEATURES, STEP_NAMES, WireFacts, check_sentence, match_candidates, may_ask_match, wire_facts
from .comparison import SEVERITY_ORDER, Alignment, Comparison, Flag, Verdict
from .decide.judge import judge_enabled, load_judge
from .decide.omissions import omissions
from .decide.plugins import Checker, load_checker
from .decide.verdict import (CHECKS, Evidence, decide, fired_checks, flags_for, load_settings,
                             validate_checks)
from .decide.verdict_model import VerdictModel, load_verdict_model
from .document import sha256
from .embed.embedder import Embedder, get_embedder
from .embed.words import WordSense
from .errors import CompareError
from .prepare import Prepared, content_sentences, prepare
from .text.inputs import validate_text
from .text.nlp import analyse
from .text.segment import _FAQ_MARKER, segment

__all__ = ["Engine", "WireCopy", "get_engine"]

_WIRE_CACHE = 16
#: derived texts aligned ahead by ``match_words`` and kept for the ``compare`` that follows (batch mode
#: asks for the words of up to its look-ahead of groups before comparing them)
_ALIGNED_AHEAD = 1024

@dataclass(frozen=True, slots=True)
class WireCopy:
    """A wire copy prepared once for many comparisons."""
    prepared: Prepared
    facts: WireFacts

    @property
    def doc(self):
        return self.prepared.doc


class Engine:
    """``checker`` is the support judge: "env" (the default) takes ``COMPARE_NLI_MODEL`` when set, else
    the bundled judge (unless ``COMPARE_JUDGE=off``); None runs without one, on the checks alone.
    ``disable`` names checks (``Engine.check_names``: what a flag is raised for) or steps of the checks
    (``Engine.step_names``: what finds it) to switch off (default: ``COMPARE_DISABLE``, names separated
    by commas)."""

    def __init__(self, embedder: Embedder | None = None, model: VerdictModel | None = None,
                 checker: Checker | None | str = "env", threshold: float | None = None,
                 disable: Sequence[str] | None = None):
        self.embedder = embedder or get_embedder()
        self.model = model or load_verdict_model()
        self._checker = checker
        self.threshold = self.model.threshold if threshold is None else threshold
        if disable is None:
            disable = [n.strip() for n in os.environ.get("COMPARE_DISABLE", "").split(",") if n.strip()]
        self.disabled = validate_checks(disable)
        settings = load_settings()
        self.precise = frozenset(settings["precise"]) - self.disabled
        self.alone, self.agree, self.high = settings["alone"], settings["agree"], settings["high"]
        self._wires: OrderedDict[str, WireCopy] = OrderedDict()
        self._aligned: OrderedDict[tuple[str, str], tuple] = OrderedDict()
        self._lock = threading.Lock()
        self.words = WordSense(self.embedder)

    check_names = CHECKS
    step_names = STEP_NAMES

    @property
    def checker(self) -> Checker | None:
        """The support judge, loaded on first use (see the class docstring)."""
        if self._checker == "env":
            with self._lock:
                if self._checker == "env":
                    self._checker = load_checker() or (load_judge() if judge_enabled() else None)
        return self._checker

    def warm_up(self, embed: bool = True) -> "Engine":
        """Load the spaCy pipeline, the lexicon and (unless ``embed`` is false) the embedding model now
        rather than on the first comparison. ``embed=False`` is for a process whose model runs
        elsewhere: spaCy is then loaded without torch (see ``nlp.load_without_torch``)."""
        from .text import lexicon
        from .text.nlp import get_nlp, load_without_torch
        if embed:
            get_nlp()
        else:
            load_without_torch()
        lexicon.known("warm")
        if embed:
            self.embedder.encode(["warm up"])
        return self

    # -- preparation ----------------------------------------------------------------------------
    def read_ahead(self, texts) -> list[str]:
        """Segment and analyse many texts in one spaCy call; return what is left for the embedder:
        their sentences, to be encoded in one call (see ``preload``).

        Batch mode reads a few dozen pairs ahead: the models run far faster on one large batch than
        on many small ones (the model sorts a call's texts by length, so padding shrinks too), and
        the embedding of one group of pairs can run on the second core while another is checked.
        Later ``prepare_wire``/``compare`` calls on these texts are served from the caches. Texts
        that cannot be compared are skipped here and reported by the comparison.
        """
        bare: dict[str, None] = {}
        for text in dict.fromkeys(texts):      # a wire copy shared by many pairs of the group: once
            try:
                if self._wires.get(sha256(text)) is None:
                    bare.update(dict.fromkeys(content_sentences(segment(validate_text(text)))[1]))
            except CompareError:
                continue
        if not bare:
            return []
        sentences = list(bare)
        analyse(sentences)
        return sentences

    def preload(self, texts) -> None:
        """Analyse and embed the sentences of many texts in one model call each (see ``read_ahead``)."""
        self.embedder.encode(self.read_ahead(texts))

    def prepare_wire(self, text: str, name: str = "wire") -> WireCopy:
        key = sha256(text)
        with self._lock:
            hit = self._wires.get(key)
            if hit is not None:
                self._wires.move_to_end(key)
        if hit is not None:
            if hit.doc.name == name:
                return hit
            # same text under another name: share the work, keep the name the caller gave
            hit = WireCopy(dataclasses.replace(hit.prepared, doc=dataclasses.replace(hit.doc, name=name)), hit.facts)
            with self._lock:
                self._wires[key] = hit
            return hit
        prepared = prepare(text, name, "w", self.embedder)
        wire = WireCopy(prepared, wire_facts(prepared))
        with self._lock:
            self._wires[key] = wire
            while len(self._wires) > _WIRE_CACHE:
                self._wires.popitem(last=False)
        return wire

    # -- comparison -----------------------------------------------------------------------------
    def _align(self, w: WireCopy, derived: str, name: str):
        """Prepare and align a derived text, or take the alignment ``match_words`` made of it."""
        if self._aligned:
            with self._lock:
                ahead = self._aligned.pop(_pair_key(w, derived), None)
            if ahead is not None:           # aligned by match_words: once is enough
                d, cos, alignments, index = ahead
                if d.doc.name != name:
                    d = dataclasses.replace(d, doc=dataclasses.replace(d.doc, name=name))
                return d, cos, alignments, index
        return self._align_now(w, derived, name)

    def _align_now(self, w: WireCopy, derived: str, name: str):
        d = prepare(derived, name, "d", self.embedder)
        wp = w.prepared
        # cos[i, j]: the full matrix for small texts, else an align.Cosines (the windows' values, no n×m matrix)
        alignments, cos = align_sentences(d, wp)
        index = {s.id: j for j, s in enumerate(wp.sentences)}
        return d, cos, alignments, index

    @staticmethod
    def _match_asks(d: Prepared, wp: Prepared, alignments, index) -> list[tuple[list[str], list[str]]]:
        """For each derived sentence, the words the embedding match may ask about (those found nowhere in
        the wire copy) and the words of its window they are matched against; both empty for none."""
        asks = []
        for a, al in zip(d.analyses, alignments):
            words = may_ask_match(a, wp)
            asks.append((words, match_candidates([wp.analyses[index[x]] for x in al.wire_ids]) if words else []))
        return asks

    @staticmethod
    def _asked_words(asks: list[tuple[list[str], list[str]]]) -> set[str]:
        """Every word of ``asks`` (``_match_asks``): the words asked about and those of their windows."""
        return {word for words, cands in asks for word in words + cands}

    def match_words(self, wire: WireCopy, derived: str) -> set[str]:
        """The single words comparing ``derived`` with ``wire`` will embed (batch mode embeds a whole
        group's in one call before checking); empty for a text that cannot be compared. The alignment
        made here is kept for the next ``compare`` of the same pair."""
        try:
            aligned = self._align_now(wire, derived, "derived")
        except CompareError:
            return set()
        with self._lock:               # kept for the compare() that follows
            self._aligned[_pair_key(wire, derived)] = aligned
            while len(self._aligned) > _ALIGNED_AHEAD:
                self._aligned.popitem(last=False)
        d, _, alignments, index = aligned
        return self._asked_words(self._match_asks(d, wire.prepared, alignments, index))

    def _check(self, w: WireCopy, derived: str, name: str):
        """Prepare, align and check a derived text: what both compare() and features() start from."""
        d, cos, alignments, index = self._align(w, derived, name)
        wp = w.prepared
        asks = self._match_asks(d, wp, alignments, index)
        # one model call for every word the embedding match may ask about (then served from the cache)
        self.embedder.encode(sorted(self._asked_words(asks)))
        checks = []
        for i, (s, a, al) in enumerate(zip(d.sentences, d.analyses, alignments)):
            win = [index[x] for x in al.wire_ids]
            words, cands = asks[i]
            # each word the content check may find nowhere in the wire copy, with its window's word closest
            # in meaning (or None): the checks read it, they never ask the model
            close = dict(zip(words, self.words.closest(words, cands))) if cands else {}
            checks.append(check_sentence(a, s.start + d.offsets[i], s.id, win, list(al.similarities),
                                         [float(cos[i, j]) for j in win], wp, w.facts,
                                         is_question=s.section == "faq_question", close_words=close,
                                         polarity=self.words.polarity, skip=self.disabled))
        return d, cos, alignments, index, checks

    def compare(self, wire: str | WireCopy, derived: str, name: str = "derived", wire_name: str = "wire") -> Comparison:
        w = wire if isinstance(wire, WireCopy) else self.prepare_wire(wire, wire_name)
        (result,) = self.compare_group([(w, derived, name)])
        if isinstance(result, CompareError):
            raise result
        return result

    def compare_group(self, items: Sequence[tuple[WireCopy, str, str]]) -> list[Comparison | CompareError]:
        """``(wire, derived, name)`` each compared as :meth:`compare` does, the result or the CompareError of
        each in its place. Each is checked on its own; the judge then reads the sentence pairs of the whole
        group in one call, so that pairs of like length from different articles share its batches (what
        batch mode gains: an article alone asks about a dozen pairs)."""
        checked: list[tuple | CompareError] = []
        for w, derived, name in items:
            try:
                checked.append((w, *self._check(w, derived, name)))
            except CompareError as exc:
                checked.append(exc)
        ok = [c for c in checked if not isinstance(c, CompareError)]
        asks = [(d, w.prepared, alignments, index) for w, d, _, alignments, index, _ in ok]
        try:
            supports = iter(self._supports(asks))
        except CompareError as exc:             # the judge failed: every pair of the group says why
            return [c if isinstance(c, CompareError) else exc for c in checked]
        return [c if isinstance(c, CompareError) else self._decided(*c, next(supports)) for c in checked]

    def _decided(self, w: WireCopy, d: Prepared, cos, alignments, index, checks, support) -> Comparison:
        """The comparison of a checked derived text (``_check``), given its sentences' support (``_supports``)."""
        wp = w.prepared
        evidence = self._evidence(checks, support)
        verdicts: dict[str, Verdict] = {}
        flags: list[Flag] = []
        units = []
        for i, (s, c, al, ev) in enumerate(zip(d.sentences, checks, alignments, evidence)):
            base = s.start + d.offsets[i]
            v, sev = decide(s, c, al, ev, d.analyses[i].text, base)
            verdicts[s.id] = v
            units.extend(c.units)
            flags.extend(flags_for(s, v, sev, c, al, d.analyses[i].text, d.doc.text, base))
        faq = self._faq_flags(d, wp, verdicts) if "faq" not in self.disabled else []
        if faq:
            headed = {f.sentence_id for f in faq}
            flags = [f for f in flags if f.sentence_id not in headed] + faq

        all_alignments = {a.sentence_id: a for a in alignments}
        for s in d.doc.sentences:          # boilerplate: not checked, but every sentence has a verdict
            if s.id not in verdicts:
                verdicts[s.id] = Verdict(s.id, "copied" if s.text in wp.doc.text else "paraphrased",
                                         "boilerplate (dateline, site furniture or a note on the text itself): "
                                         "not checked", 0.0)
                all_alignments[s.id] = Alignment(s.id, (), (), "none")

        coverage = self._coverage(d, wp, cos)
        omitted = omissions(wp.sentences, wp.analyses, coverage, w.facts)
        order = {s.id: k for k, s in enumerate(d.doc.sentences)}
        flags.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.start, f.end))
        return Comparison(
            wire=wp.doc, derived=d.doc,
            alignments=tuple(sorted(all_alignments.values(), key=lambda a: order[a.sentence_id])),
            units=tuple(units),
            verdicts=tuple(sorted(verdicts.values(), key=lambda v: order[v.sentence_id])),
            flags=tuple(flags), omissions=tuple(omitted))

    def compare_many(self, wire: str | WireCopy, derived: Sequence[str], names: Sequence[str] | None = None,
                     wire_name: str = "wire") -> list[Comparison]:
        w = wire if isinstance(wire, WireCopy) else self.prepare_wire(wire, wire_name)
        names = names or [f"derived {k + 1}" for k in range(len(derived))]
        results = self.compare_group([(w, t, n) for t, n in zip(derived, names)])
        for r in results:
            if isinstance(r, CompareError):
                raise r
        return results

    def evidence(self, wire: str | WireCopy, derived: str) -> list[tuple[int, int, Evidence]]:
        """``(start, end, evidence)`` of every checked derived sentence: what its verdict is made from."""
        w = wire if isinstance(wire, WireCopy) else self.prepare_wire(wire)
        d, _, alignments, index, checks = self._check(w, derived, "derived")
        (support,) = self._supports([(d, w.prepared, alignments, index)])
        ev = self._evidence(checks, support)
        return [(s.start, s.end, e) for s, e in zip(d.sentences, ev)]

    def _evidence(self, checks, support: list[float | None]) -> list[Evidence]:
        probs = [self.model.probability(c.features) for c in checks]
        fired = [tuple(x for x in fired_checks(c, p, self.threshold) if x not in self.disabled)
                 for c, p in zip(checks, probs)]
        return [Evidence(s, f, self.precise, self.alone, self.agree, self.high) for s, f in zip(support, fired)]

    def _supports(self, texts: Sequence[tuple[Prepared, Prepared, list, dict]]) -> list[list[float | None]]:
        """For each ``(derived, wire, alignments, index)``, the judge's P(supported) of each derived sentence:
        the higher of its support by the best wire sentence alone and by its window (:func:`premises`); 1.0
        for a sentence a premise holds word for word, None for all when no judge runs. One judge call for
        all of them."""
        judge = self.checker
        if judge is None:
            return [[None] * len(d.sentences) for d, *_ in texts]
        outs: list[list[float | None]] = []
        pairs, where = [], []
        for t, (d, wp, alignments, index) in enumerate(texts):
            out: list[float | None] = [None] * len(d.sentences)
            for i, (a, premise) in enumerate(zip(d.analyses, premises(d, wp, alignments, index))):
                words = " ".join(a.text.split())
                if any(words in " ".join(p.split()) for p in premise):
                    out[i] = 1.0
                    continue
                pairs += [(p, a.text) for p in premise]
                where += [(t, i)] * len(premise)
            outs.append(out)
        for (t, i), p in zip(where, judge.support(pairs)):
            outs[t][i] = p if outs[t][i] is None else max(outs[t][i], p)
        return outs

    def features(self, wire: str | WireCopy, derived: str) -> list[tuple[int, int, dict[str, float]]]:
        """``(start, end, features)`` of every checked derived sentence (what the verdict model reads)."""
        w = wire if isinstance(wire, WireCopy) else self.prepare_wire(wire)
        d, _, _, _, checks = self._check(w, derived, "derived")
        return [(s.start, s.end, {k: c.features[k] for k in FEATURES}) for s, c in zip(d.sentences, checks)]

    # -- helpers -----------------------------------------------------------------------------------
    @staticmethod
    def _faq_flags(d: Prepared, wp: Prepared, verdicts: dict[str, Verdict]) -> list[Flag]:
        """An FAQ section the wire copy has no counterpart for is flagged as a whole, at its heading."""
        if any(s.section.startswith("faq") for s in wp.sentences):
            return []
        out = []
        sents = d.doc.sentences
        for k, s in enumerate(sents):
            if s.section == "heading" and _FAQ_MARKER.match(s.text) and any(
                    t.section.startswith("faq") for t in sents[k + 1:k + 3]):
                n = sum(1 for t in sents[k + 1:] if t.section.startswith("faq"))
                reason = f"the wire copy has no FAQ: this section of {n} questions and answers is an addition"
                verdicts[s.id] = Verdict(s.id, "unsupported", reason, 0.95)
                out = [f for f in out if f.sentence_id != s.id]
                out.append(Flag(s.start, s.end, s.text, "unsupported", "medium", reason, s.id, ()))
        return out

    @staticmethod
    def _coverage(d: Prepared, wp: Prepared, cos) -> list[float]:
        """How well the derived article as a whole covers each wire sentence (0..1): ``align.coverage``,
        from the full matrix or, for long texts, without one."""
        return coverage(d, wp, cos)


_engine: Engine | None = None
_engine_lock = threading.Lock()


#: wire sentences in the judge's wider premise: the window, then the closest others by embedding. Chosen
#: on the newsroom set's tune half: with the best sentence alone beside it, 3 separated errors from faithful
#: rewording best (ROC AUC 0.774; 4 sentences alone 0.658: a long premise is cut at the judge's 160 word pieces)
PREMISE_SENTENCES = 3


def premises(d: Prepared, wp: Prepared, alignments, index: dict[str, int], block: int = 512) -> list[list[str]]:
    """What the judge reads for each derived sentence: the best wire sentence alone, and its window with the
    wire sentences closest to it by embedding (support that sits elsewhere in the wire copy), up to
    :data:`PREMISE_SENTENCES` in the wire copy's order. Similarities are taken a block of sentences at a
    time: memory stays bounded."""
    out = []
    k = min(PREMISE_SENTENCES, len(wp.sentences))
    for b in range(0, len(d.sentences), block):
        sims = d.vectors[b:b + block] @ wp.vectors.T if k else None
        for r, al in enumerate(alignments[b:b + block]):
            picked = [index[x] for x in al.wire_ids][:PREMISE_SENTENCES]
            if len(picked) < k:
                row = sims[r]
                top = np.argpartition(-row, k - 1)[:k] if k < len(row) else np.arange(len(row))
                for j in top[np.argsort(-row[top], kind="stable")]:
                    if len(picked) < k and int(j) not in picked:
                        picked.append(int(j))
            texts = [wp.analyses[picked[0]].text] if picked else []
            wide = " ".join(wp.analyses[j].text for j in sorted(picked))
            out.append(texts + [wide] if len(picked) > 1 else texts)
    return out


def _pair_key(w: WireCopy, derived: str) -> tuple[str, str]:
    return w.doc.sha256, sha256(derived)


def get_engine() -> Engine:
    """The process-wide engine (shared by the CLI and the page)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = Engine()
        return _engine

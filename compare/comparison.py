"""What a comparison produces: alignments, verdicts, flags, omissions, and the Comparison itself."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .document import Document, Unit

__all__ = ["AlignTag", "Label", "Severity", "Alignment", "Verdict", "Flag", "Omission",
           "Comparison", "SEVERITY_ORDER", "FLAGGED_LABELS"]

AlignTag = Literal["verbatim", "paraphrase", "merged", "split", "none"]
Label = Literal["copied", "paraphrased", "partial", "unsupported", "contradicted"]
Severity = Literal["high", "medium", "low"]

SEVERITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}
FLAGGED_LABELS: frozenset[str] = frozenset({"partial", "unsupported", "contradicted"})


@dataclass(frozen=True, slots=True)
class Alignment:
    sentence_id: str
    wire_ids: tuple[str, ...]          # best first
    similarities: tuple[float, ...]    # combined score of each wire id
    tag: AlignTag


@dataclass(frozen=True, slots=True)
class Verdict:
    sentence_id: str
    label: Label
    reason: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Flag:
    """A span an editor must look at. ``start``/``end`` cover the claim: for new material the clause it
    sits in, for a contradiction the words that differ. ``focus`` holds the spans inside it that the wire
    copy lacks or contradicts (absolute offsets, like ``start``), empty when no word is to blame."""
    start: int
    end: int
    text: str
    verdict: Label
    severity: Severity
    reason: str
    sentence_id: str
    wire_ids: tuple[str, ...]
    focus: tuple[tuple[int, int], ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        """The text of each focus span."""
        return tuple(self.text[a - self.start:b - self.start] for a, b in self.focus)


@dataclass(frozen=True, slots=True)
class Omission:
    wire_id: str
    start: int
    end: int
    text: str
    weight: float


@dataclass(frozen=True, slots=True)
class Comparison:
    wire: Document
    derived: Document
    alignments: tuple[Alignment, ...]
    units: tuple[Unit, ...]
    verdicts: tuple[Verdict, ...]
    flags: tuple[Flag, ...]
    omissions: tuple[Omission, ...]

    def verdict(self, sentence_id: str) -> Verdict:
        for v in self.verdicts:
            if v.sentence_id == sentence_id:
                return v
        raise KeyError(sentence_id)

    def alignment(self, sentence_id: str) -> Alignment:
        for a in self.alignments:
            if a.sentence_id == sentence_id:
                return a
        raise KeyError(sentence_id)

    def units_of(self, sentence_id: str) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.sentence_id == sentence_id)

    @property
    def unmatched_share(self) -> float:
        """The share of the derived article's content sentences with no wire sentence anywhere near them."""
        content = {s.id for s in self.derived.content_sentences}
        none = sum(1 for a in self.alignments if a.sentence_id in content and not a.wire_ids)
        return none / len(content) if content else 0.0

    @property
    def looks_unrelated(self) -> bool:
        """Whether most of the derived article (more than half of three or more sentences) finds no
        counterpart in the wire copy: the two texts do not look like the same story."""
        return len(self.derived.content_sentences) >= 3 and self.unmatched_share > 0.5

    @property
    def summary(self) -> dict[str, int]:
        content = {s.id for s in self.derived.content_sentences}
        flagged = {v.sentence_id for v in self.verdicts if v.label in FLAGGED_LABELS}
        return {"sentences": len(content),
                "supported": len(content - flagged),
                "flagged": len(flagged & content),
                "omitted": len(self.omissions)}

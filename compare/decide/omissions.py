"""What the derived copy dropped: the wire body sentences no derived sentence covers, weighed."""
from __future__ import annotations

from ..comparison import Omission

__all__ = ["omissions", "OMISSION_COVERAGE"]

OMISSION_COVERAGE = 0.55     # a wire sentence no derived sentence matches this well is omitted


def omissions(wire_sentences, wire_analyses, coverage, facts) -> list[Omission]:
    """Wire body sentences that no derived sentence covers, most important first.

    Importance: a figure, each named person, a quotation, and the position (news puts what matters
    first) each add weight."""
    out = []
    n = max(len(wire_sentences), 1)
    for i, (s, a) in enumerate(zip(wire_sentences, wire_analyses)):
        if s.section != "body" or coverage[i] >= OMISSION_COVERAGE:
            continue
        people = {e.text for e in a.entities if e.label == "PERSON"}
        weight = (1.0 + 1.0 * bool(facts.figures[i] or facts.days[i]) + 0.5 * len(people)
                  + 1.0 * ('"' in s.text or "“" in s.text) + 0.5 * (1 - i / n) + 0.5 * (1 - coverage[i]))
        out.append(Omission(s.id, s.start, s.end, s.text, round(weight, 3)))
    out.sort(key=lambda o: -o.weight)
    return out

"""The flags of one or more comparisons as CSV, with the editor's current decisions; cells a
spreadsheet would run as a formula are defused."""
from __future__ import annotations

import csv
import io
from typing import Any, Mapping, Sequence

from ..comparison import Comparison
from .labels import decision_word

__all__ = ["CSV_FIELDS", "flags_csv", "flags_csv_many", "flag_rows"]

#: the header of :func:`flags_csv`
CSV_FIELDS: tuple[str, ...] = (
    "derived", "flag", "severity", "verdict", "text", "words", "reason", "start", "end", "sentence_id", "wire_ids",
    "decision", "editor", "note", "decided_at", "decision_id", "wire_sha256", "derived_sha256",
)

# spreadsheet programs run a cell that starts with one of these as a formula (CSV injection)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FREE_TEXT = frozenset({"derived", "text", "words", "reason", "editor", "note"})


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def flag_rows(comparison: Comparison, decisions: Mapping[tuple[int, int], Any] | None = None) -> list[dict]:
    """The flags of ``comparison`` (most severe first) as plain dicts keyed by :data:`CSV_FIELDS`.

    ``decisions`` maps a flag's ``(start, end)`` to its current :class:`compare.review.store.Decision`
    (what ``ReviewStore.latest`` returns); flags without one get empty decision fields. A decision is
    written in the words the page shows ("Needs source"), as in the Markdown and HTML reports.
    """
    decisions = decisions or {}
    rows = []
    for n, f in enumerate(comparison.flags, 1):
        d = decisions.get((f.start, f.end))
        rows.append({
            "derived": comparison.derived.name, "flag": n, "severity": f.severity, "verdict": f.verdict,
            "text": f.text, "words": " | ".join(f.words), "reason": f.reason, "start": f.start, "end": f.end,
            "sentence_id": f.sentence_id, "wire_ids": " ".join(f.wire_ids),
            "decision": decision_word(d.decision) if d else "", "editor": d.editor if d else "", "note": d.note if d else "",
            "decided_at": d.decided_at if d else "", "decision_id": d.id if d else "",
            "wire_sha256": comparison.wire.sha256, "derived_sha256": comparison.derived.sha256,
        })
    return rows


def flags_csv_many(comparisons: Sequence[Comparison],
                   decisions: Sequence[Mapping[tuple[int, int], Any] | None] | None = None) -> str:
    """One CSV (header :data:`CSV_FIELDS`, then one row per flag) for several comparisons.

    Free-text cells that a spreadsheet would run as a formula are prefixed with ``'``.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for k, c in enumerate(comparisons):
        for row in flag_rows(c, decisions[k] if decisions else None):
            writer.writerow({key: _cell(v) if key in _FREE_TEXT and isinstance(v, str) else v
                             for key, v in row.items()})
    return out.getvalue()


def flags_csv(comparison: Comparison, decisions: Mapping[tuple[int, int], Any] | None = None) -> str:
    """The flags of one comparison and their current decisions as CSV text (with a header row)."""
    return flags_csv_many([comparison], [decisions])

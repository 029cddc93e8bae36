"""Exports the page offers besides the reports of :mod:`compare.report`, and the small HTML helpers it shares.

* :func:`flags_csv` — one row per flag of one comparison, with the editor's current decision;
  :func:`flags_csv_many` does the same for several derived articles under one header.
* :func:`word_diff` / :func:`word_diff_html` — a word-level diff of a wire sentence and a derived one.
* :func:`escape` — article text made safe to place inside HTML that Streamlit renders as Markdown.

Article text is data, never markup: every function here that returns HTML escapes what it is given.
Only the standard library is used; importing this module loads no model.
"""
from __future__ import annotations

import csv
import difflib
import html
import io
import re
from typing import Any, Mapping, Sequence

from .comparison import Comparison
from .report import decision_word

__all__ = ["CSV_FIELDS", "flags_csv", "flags_csv_many", "flag_rows", "word_diff", "word_diff_html",
           "escape", "export_name"]

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

    ``decisions`` maps a flag's ``(start, end)`` to its current :class:`compare.store.Decision`
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


# -- word diff ---------------------------------------------------------------------------------------
_WORD = re.compile(r"\S+")


def word_diff(wire: str, derived: str) -> list[tuple[str, str]]:
    """``(op, words)`` pieces turning the wire sentence into the derived one, word by word.

    ``op`` is ``"same"``, ``"del"`` (wire words the derived sentence drops) or ``"ins"`` (words the
    derived sentence adds). Words are compared case-insensitively, shown as the text has them.
    """
    a, b = _WORD.findall(wire), _WORD.findall(derived)
    sm = difflib.SequenceMatcher(None, [w.lower() for w in a], [w.lower() for w in b], autojunk=False)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append(("same", " ".join(b[j1:j2])))
            continue
        if op in ("delete", "replace"):
            out.append(("del", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("ins", " ".join(b[j1:j2])))
    return out


def word_diff_html(wire: str, derived: str) -> str:
    """The word diff as escaped HTML: added words in ``<ins>``, dropped words struck in ``<del>``."""
    parts = []
    for op, words in word_diff(wire, derived):
        text = escape(words)
        parts.append(text if op == "same" else f"<{op}>{text}</{op}>")
    return " ".join(parts)


# -- escaping ----------------------------------------------------------------------------------------
def escape(text: str) -> str:
    """HTML-escape ``text`` for HTML that Streamlit renders through its Markdown pipeline.

    Besides ``& < > " '``, ``$`` is escaped (Streamlit reads ``$…$`` as LaTeX) and newlines become
    ``<br>`` (a blank line would end the raw HTML block and let Markdown parse the rest).
    """
    return (html.escape(text, quote=True).replace("$", "&#36;")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>"))


def export_name(name: str, ext: str) -> str:
    """A safe download file name made from an article name: ``compare-<slug>.<ext>``."""
    name = re.sub(r"\.(txt|md|markdown|html?)$", "", name.strip(), flags=re.IGNORECASE)
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name)
    slug = re.sub(r"-{2,}", "-", slug).strip("-._")[:60].strip("-._") or "report"
    return f"compare-{slug}.{ext}"

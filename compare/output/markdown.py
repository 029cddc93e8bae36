"""The Markdown report. Article text is data, never markup: every character Markdown gives a meaning
to is backslash-escaped."""
from __future__ import annotations

import re
from typing import Sequence

from ..comparison import Comparison
from .labels import LABEL_ICON, count, decision_word, sentence_label

__all__ = ["to_markdown"]

# every ASCII punctuation character that Markdown (CommonMark, GFM, and the math and autolink
# extensions of common renderers) gives a meaning to; CommonMark lets a backslash escape any of them
_MD_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>&~=:@$^")
_MD_ESCAPE = str.maketrans({ch: "\\" + ch for ch in _MD_SPECIAL})


def _md_piece(text: str) -> str:
    """Article text as Markdown that renders as exactly that text, never as markup.

    Every character Markdown gives a meaning to is backslash-escaped (the backslash itself first of
    all), so article text never becomes HTML, a link, an image, an autolink, code, emphasis, a
    heading, a list, a quote or a table cell boundary, wherever on a line it lands; a run of
    whitespace, newlines included, becomes one space, so it never starts a line or ends a table row.
    """
    return re.sub(r"\s+", " ", text).translate(_MD_ESCAPE)


def _md_escape(text: str) -> str:
    return _md_piece(text).strip()


def _md_claim(f) -> str:
    """A flag's claim for a Markdown cell, its focus words in bold."""
    out, pos = [], f.start
    for a, b in f.focus:
        out += [_md_piece(f.text[pos - f.start:a - f.start]), f"**{_md_escape(f.text[a - f.start:b - f.start])}**"]
        pos = b
    out.append(_md_piece(f.text[pos - f.start:]))
    return "".join(out).strip()


def to_markdown(comparisons: Sequence[Comparison], decisions: Sequence[dict] | None = None) -> str:
    wire = comparisons[0].wire
    lines = ["# Comparison report", "", f"Wire copy: **{_md_escape(wire.name)}** (sha256 `{wire.sha256[:12]}`)", ""]
    for k, c in enumerate(comparisons):
        dec = decisions[k] if decisions else {}
        s = c.summary
        lines += [f"## {_md_escape(c.derived.name)}", "",
                  f"{count(s['sentences'], 'sentence')}: {s['supported']} supported, {s['flagged']} flagged; "
                  f"{count(s['omitted'], 'wire sentence')} omitted.", "", "### Flags (most severe first)", ""]
        if not c.flags:
            lines.append("No flags.")
        else:
            lines += ["| # | severity | verdict | text | reason | wire | decision |", "|---|---|---|---|---|---|---|"]
            for n, f in enumerate(c.flags, 1):
                d = dec.get((f.start, f.end))
                dtxt = (f"{decision_word(d.decision)} ({_md_escape(d.editor)}"
                        f"{': ' + _md_escape(d.note) if d.note else ''})" if d else "")
                lines.append(f"| {n} | {f.severity} | {LABEL_ICON[f.verdict]} {f.verdict} | {_md_claim(f)} | "
                             f"{_md_escape(f.reason)} | {', '.join(f.wire_ids)} | {dtxt} |")
        lines += ["", "### Sentences", ""]
        for sent in c.derived.sentences:
            v, label = c.verdict(sent.id), sentence_label(c, sent)
            lines.append(f"- `{sent.id}` {LABEL_ICON[label]} **{label}**: "
                         f"{_md_escape(sent.text)} — _{_md_escape(v.reason)}_")
        lines += ["", "### What the wire copy said that this version drops", ""]
        lines += [f"- `{o.wire_id}` {_md_escape(o.text)}" for o in c.omissions] or ["Nothing."]
        lines.append("")
    return "\n".join(lines)

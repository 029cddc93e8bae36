"""The self-contained HTML report, and the HTML pieces the page shares with it: highlighted claims,
the word diff of a wire sentence and a derived one, and escaping. Article text is data, never markup:
everything here that returns HTML escapes what it is given."""
from __future__ import annotations

import difflib
import html
import re
from typing import Iterable, Sequence

from ..comparison import Comparison
from .labels import LABEL_COLOUR, LABEL_ICON, count, decision_word, sentence_label

__all__ = ["to_html", "highlight", "word_diff", "word_diff_html", "escape"]

_CSS = """body{font:15px/1.5 system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:2em}.s{padding:1px 2px;border-radius:3px}
mark{background:#ff8c8c;padding:0 1px}u.claim{text-decoration:underline wavy #c00}.legend span{margin-right:1em;padding:2px 6px;border-radius:3px}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}
.sev-high{font-weight:bold;color:#a00}.om{background:#eef}@media print{.cols{display:block}}"""


def highlight(text: str, start: int, end: int, spans: Iterable[tuple[int, int]],
              focus: Iterable[tuple[int, int]] = ()) -> str:
    """Escaped ``text[start:end]`` with ``focus`` spans wrapped in <mark> and the rest of ``spans``
    (absolute offsets: the flags' claims) in <u class='claim'>."""
    level = [0] * (end - start)
    for spans_, mark in ((spans, 1), (focus, 2)):
        for a, b in spans_:
            for i in range(max(a, start), min(b, end)):
                level[i - start] = max(level[i - start], mark)
    out, pos = [], start
    while pos < end:
        k, nxt = level[pos - start], pos
        while nxt < end and level[nxt - start] == k:
            nxt += 1
        piece = html.escape(text[pos:nxt])
        out.append(piece if k == 0 else f"<u class='claim'>{piece}</u>" if k == 1 else f"<mark>{piece}</mark>")
        pos = nxt
    return "".join(out)


def to_html(comparisons: Sequence[Comparison], decisions: Sequence[dict] | None = None) -> str:
    e = html.escape
    wire = comparisons[0].wire
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             f"<title>compare: {e(wire.name)}</title><style>{_CSS}</style></head><body>",
             f"<h1>Comparison report</h1><p>Wire copy: <b>{e(wire.name)}</b></p>",
             "<p class='legend'>" + "".join(f"<span style='background:{LABEL_COLOUR[k]}'>{LABEL_ICON[k]} {k}</span>"
                                             for k in LABEL_ICON) + " <mark>new or conflicting words</mark> "
                                             "<u class='claim'>the claim they make</u></p>"]
    for k, c in enumerate(comparisons):
        dec = decisions[k] if decisions else {}
        s = c.summary
        claims = [(f.start, f.end) for f in c.flags]
        words = [span for f in c.flags for span in f.focus]
        omitted = {o.wire_id for o in c.omissions}
        parts.append(f"<h2>{e(c.derived.name)}</h2><p>{count(s['sentences'], 'sentence')} · {s['supported']} supported · "
                     f"{s['flagged']} flagged · {s['omitted']} omitted</p><div class='cols'><div><h3>Derived</h3>")
        for sent in c.derived.sentences:
            v, label = c.verdict(sent.id), sentence_label(c, sent)
            parts.append(f"<p class='s' style='background:{LABEL_COLOUR[label]}' title='{e(v.reason)}'>"
                         f"<b>{LABEL_ICON[label]} {label}</b> {highlight(c.derived.text, sent.start, sent.end, claims, words)}</p>")
        parts.append("</div><div><h3>Wire</h3>")
        for sent in c.wire.sentences:
            cls = " om" if sent.id in omitted else ""
            tag = " <b>(omitted)</b>" if sent.id in omitted else ""
            parts.append(f"<p class='s{cls}'><code>{sent.id}</code> {e(sent.text)}{tag}</p>")
        parts.append("</div></div><h3>Flags</h3><table><tr><th>#</th><th>severity</th><th>verdict</th><th>text</th>"
                     "<th>reason</th><th>wire</th><th>decision</th></tr>")
        for n, f in enumerate(c.flags, 1):
            d = dec.get((f.start, f.end))
            dtxt = f"{e(decision_word(d.decision))} by {e(d.editor)}{': ' + e(d.note) if d.note else ''}" if d else ""
            parts.append(f"<tr><td>{n}</td><td class='sev-{f.severity}'>{f.severity}</td><td>{LABEL_ICON[f.verdict]} "
                         f"{f.verdict}</td><td>{highlight(c.derived.text, f.start, f.end, [], f.focus)}</td><td>{e(f.reason)}</td><td>{e(', '.join(f.wire_ids))}</td>"
                         f"<td>{dtxt}</td></tr>")
        parts.append("</table><h3>Omitted from the wire copy</h3><ul>")
        parts += [f"<li><code>{o.wire_id}</code> {e(o.text)}</li>" for o in c.omissions] or ["<li>Nothing.</li>"]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


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

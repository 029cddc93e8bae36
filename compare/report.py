"""Reports made from Comparisons: JSON (``compare.report/1``), Markdown, and self-contained HTML.

Article text is data, never markup: the HTML report escapes every piece of it, and the Markdown
report backslash-escapes every character Markdown gives a meaning to.
"""
from __future__ import annotations

import html
import json
import re
from typing import Iterable, Sequence

from .comparison import Comparison
from .document import CONTENT_SECTIONS, Document, Sentence

__all__ = ["SCHEMA", "to_dict", "derived_dict", "to_json", "to_markdown", "to_html", "batch_record",
           "sentence_label", "decision_word", "count"]

SCHEMA = "compare.report/1"
# The label a sentence is shown with, on the page and in the Markdown, HTML and CSV exports: its verdict,
# or "boilerplate" for a dateline, site furniture or a writing tool's note, which is not checked (its
# engine verdict is a placeholder; the JSON report keeps it, and the section, as they are)
BOILERPLATE = "boilerplate"
LABEL_ICON = {"copied": "=", "paraphrased": "≈", "partial": "◐", "unsupported": "✗", "contradicted": "⚠",
              BOILERPLATE: "○"}
LABEL_COLOUR = {"copied": "#d9f2d9", "paraphrased": "#e8f4e8", "partial": "#fff1c2",
                "unsupported": "#ffd6d6", "contradicted": "#ffb3b3", BOILERPLATE: "#eeeeee"}
# the words the page shows for an editor's decision (the JSON report keeps the stored values)
DECISION_WORDS = {"confirmed": "Confirmed", "dismissed": "Dismissed", "needs_source": "Needs source"}


def sentence_label(c: Comparison, sentence: Sentence) -> str:
    """The one label ``sentence`` (of ``c.derived``) is shown with: its verdict, or ``boilerplate``."""
    return c.verdict(sentence.id).label if sentence.section in CONTENT_SECTIONS else BOILERPLATE


def decision_word(decision: str) -> str:
    """A stored decision (``needs_source``) in the words the page shows (``Needs source``)."""
    return DECISION_WORDS.get(decision, decision)


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``1 sentence``, ``2 sentences``, ``0 flags``."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _doc_dict(doc: Document) -> dict:
    return {"name": doc.name, "text": doc.text, "text_sha256": doc.sha256,
            "sentences": [{"id": s.id, "start": s.start, "end": s.end, "text": s.text, "section": s.section}
                          for s in doc.sentences]}


def derived_dict(c: Comparison, decisions: dict | None = None) -> dict:
    sents = []
    for s in c.derived.sentences:
        v, a = c.verdict(s.id), c.alignment(s.id)
        sents.append({"id": s.id, "start": s.start, "end": s.end, "text": s.text, "section": s.section,
                      "verdict": v.label, "reason": v.reason, "confidence": v.confidence,
                      "support": [{"wire_id": w, "similarity": sim} for w, sim in zip(a.wire_ids, a.similarities)],
                      "alignment": a.tag,
                      "units": [{"start": u.start, "end": u.end, "text": u.text, "kind": u.kind, "status": u.status}
                                for u in c.units_of(s.id)]})
    flags = []
    for f in c.flags:
        row = {"start": f.start, "end": f.end, "text": f.text,
               "focus": [{"start": a, "end": b, "text": w} for (a, b), w in zip(f.focus, f.words)],
               "verdict": f.verdict, "severity": f.severity,
               "reason": f.reason, "sentence_id": f.sentence_id, "wire_ids": list(f.wire_ids)}
        if decisions is not None:
            d = decisions.get((f.start, f.end))
            row["decision"] = None if d is None else {"decision": d.decision, "note": d.note, "editor": d.editor,
                                                      "decided_at": d.decided_at}
        flags.append(row)
    out = _doc_dict(c.derived)
    out.update({"sentences": sents, "flags": flags,
                "omissions": [{"wire_id": o.wire_id, "start": o.start, "end": o.end, "text": o.text, "weight": o.weight}
                              for o in c.omissions],
                "summary": c.summary})
    return out


def to_dict(comparisons: Sequence[Comparison], decisions: Sequence[dict] | None = None) -> dict:
    if not comparisons:
        raise ValueError("no comparison to report")
    return {"schema": SCHEMA, "wire": _doc_dict(comparisons[0].wire),
            "derived": [derived_dict(c, decisions[k] if decisions else None) for k, c in enumerate(comparisons)]}


def to_json(comparisons: Sequence[Comparison], decisions: Sequence[dict] | None = None) -> str:
    return json.dumps(to_dict(comparisons, decisions), ensure_ascii=False, indent=1)


def batch_record(pair_id, c: Comparison) -> dict:
    d = derived_dict(c)
    return {"id": pair_id, "sentences": d["sentences"], "flags": d["flags"], "omissions": d["omissions"],
            "summary": d["summary"]}


# -- Markdown --------------------------------------------------------------------------------------
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


# -- HTML -------------------------------------------------------------------------------------------
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

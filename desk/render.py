"""The desk's markup, made from a Comparison: no Streamlit here, only strings of escaped HTML.

:class:`DeskView` indexes one comparison once (sentences, verdicts, alignments and flags by id, the
side-by-side rows, the support each derived sentence really has), so a click on a large comparison
reads dictionaries instead of scanning tuples. Article text is data, never markup: every piece of it
goes through :func:`compare.output.html.escape`.
"""
from __future__ import annotations

from dataclasses import dataclass

from compare.comparison import FLAGGED_LABELS, Comparison, Flag
from compare.document import CONTENT_SECTIONS
from compare.output.html import escape, word_diff_html
from compare.output.labels import BOILERPLATE, DECISION_WORDS, LABEL_ICON

__all__ = ["SUPPORT_FLOOR", "SEVERITY_ICON", "SEVERITY_WORD", "DECISION_ICON", "DECISION_LABEL", "Row",
           "DeskView", "side_by_side_html", "flag_card_html", "legend_html", "decision_line", "moved_note",
           "short", "md"]

# A window member below this similarity is a neighbour, not support. Chosen on the newsroom set's tune
# half (bench/desk_support.py): every faithful rewrite's sentence has its best wire sentence at 0.52 or
# more, and 0.48 is the lowest floor that hides every window of the sentences nothing in the wire copy
# carries (whole insertions, sentences of another story). Held-out half: 208 of 208 kept, 4 of 5 hidden.
# The best wire sentence of a sentence the engine found supported (copied, paraphrased) is always shown.
SUPPORT_FLOOR = 0.48
SEVERITY_ICON = {"high": "▲", "medium": "◆", "low": "▽"}
SEVERITY_WORD = {"high": "HIGH", "medium": "MEDIUM", "low": "LOW"}
DECISION_ICON = {"confirmed": "✔", "dismissed": "✖", "needs_source": "?"}
DECISION_LABEL = {k: f"{DECISION_ICON[k]} {word}" for k, word in DECISION_WORDS.items()}
ICON = LABEL_ICON


def md(text: str) -> str:
    """Text for a widget that renders Markdown without HTML: Markdown and LaTeX characters escaped."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|$~" else ch for ch in " ".join(str(text).split()))


def short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the side-by-side: a derived sentence with the wire sentences beside it, or a wire
    sentence no derived sentence draws on, in its place in the wire copy (``derived`` None)."""
    derived: str | None
    wire: tuple[tuple[str, float | None], ...]


class DeskView:
    """One comparison indexed for the desk (built once per comparison and kept with it)."""

    def __init__(self, c: Comparison):
        self.c = c
        self.sentence = {s.id: s for s in c.derived.sentences}
        self.wire_sentence = {s.id: s for s in c.wire.sentences}
        self.verdict = {v.sentence_id: v for v in c.verdicts}
        self.alignment = {a.sentence_id: a for a in c.alignments}
        self.omitted = {o.wire_id for o in c.omissions}
        self.flags_of: dict[str, list[int]] = {}
        for i, f in enumerate(c.flags):
            self.flags_of.setdefault(f.sentence_id, []).append(i)
        self.support = {s.id: self._support(s.id) for s in c.derived.sentences}
        self.rows = self._rows()
        self.row_of = {r.derived: k for k, r in enumerate(self.rows) if r.derived is not None}

    def label(self, sid: str) -> str:
        s = self.sentence[sid]
        return self.verdict[sid].label if s.section in CONTENT_SECTIONS else BOILERPLATE

    def _support(self, sid: str) -> tuple[tuple[str, float], ...]:
        """The wire sentences that really support ``sid``: its window's members at ``SUPPORT_FLOOR`` or
        above, and the best of a sentence the engine found supported."""
        if self.sentence[sid].section not in CONTENT_SECTIONS:
            return ()
        al = self.alignment.get(sid)
        if al is None or not al.wire_ids:
            return ()
        pairs = list(zip(al.wire_ids, al.similarities))
        kept = [(w, s) for w, s in pairs if s >= SUPPORT_FLOOR]
        if not kept and self.verdict[sid].label not in FLAGGED_LABELS:
            kept = pairs[:1]
        return tuple(kept)

    def _rows(self) -> list[Row]:
        """Derived sentences in their order, each level with its support; the wire sentences none draws
        on are put in place before the first derived sentence whose support comes after them."""
        order = {s.id: j for j, s in enumerate(self.c.wire.sentences)}
        used = {w for sup in self.support.values() for w, _ in sup}
        spare = [s.id for s in self.c.wire.sentences if s.id not in used]
        rows, nxt = [], 0
        for s in self.c.derived.sentences:
            sup = self.support[s.id]
            if sup:
                anchor = min(order[w] for w, _ in sup)
                while nxt < len(spare) and order[spare[nxt]] < anchor:
                    rows.append(Row(None, ((spare[nxt], None),)))
                    nxt += 1
            rows.append(Row(s.id, sup))
        rows.extend(Row(None, ((w, None),)) for w in spare[nxt:])
        return rows

    def diff_html(self, sid: str) -> str:
        """The derived sentence against the wire sentences that support it, word by word."""
        sup = self.support.get(sid, ())
        if not sup:
            return "<div class='cmp-diff cmp-none'>no supporting sentence in the wire copy</div>"
        wire = " ".join(self.wire_sentence[w].text for w, _ in sup)
        ids = " + ".join(w for w, _ in sup)
        return (f"<div class='cmp-diff'><span class='cmp-id'>word diff {escape(ids)} → {escape(sid)}</span><br>"
                f"{word_diff_html(wire, self.sentence[sid].text)}</div>")


# ----------------------------------------------------------------------------------------- highlighting

def _flag_classes(f: Flag, decision) -> str:
    return f"fl sev-{f.severity} dec-{decision.decision if decision else 'none'}"


def sentence_html(view: DeskView, sid: str, decisions: dict, selected: int | None, pick_key) -> str:
    """The sentence with each flag's claim in a clickable span (coloured by severity, or by its decision
    once decided) and its focus words marked."""
    c, s = view.c, view.sentence[sid]
    text, idx = c.derived.text, view.flags_of.get(sid, [])
    owner = [-1] * (s.end - s.start)           # the flag (most severe first) each character belongs to
    focus = [False] * (s.end - s.start)
    for i in idx:
        f = c.flags[i]
        for p in range(max(f.start, s.start), min(f.end, s.end)):
            if owner[p - s.start] < 0:
                owner[p - s.start] = i
        for a, b in f.focus:
            for p in range(max(a, s.start), min(b, s.end)):
                focus[p - s.start] = True
    out, pos = [], s.start
    while pos < s.end:
        k = pos - s.start
        i, nxt = owner[k], pos
        while nxt < s.end and owner[nxt - s.start] == i:
            nxt += 1
        out.append(_piece(text, pos, nxt, focus, s.start) if i < 0 else
                   f"<span class='{_flag_classes(c.flags[i], decisions.get((c.flags[i].start, c.flags[i].end)))}"
                   f"{' sel' if i == selected else ''}' data-pick='{pick_key(i)}' title='flag {i + 1}: "
                   f"{escape(c.flags[i].reason)}'>{_piece(text, pos, nxt, focus, s.start)}</span>")
        pos = nxt
    return "".join(out)


def _piece(text: str, a: int, b: int, focus: list[bool], base: int) -> str:
    out, pos = [], a
    while pos < b:
        on, nxt = focus[pos - base], pos
        while nxt < b and focus[nxt - base] == on:
            nxt += 1
        piece = escape(text[pos:nxt])
        out.append(f"<mark>{piece}</mark>" if on else piece)
        pos = nxt
    return "".join(out)


# ----------------------------------------------------------------------------------------- side by side

def side_by_side_html(view: DeskView, decisions: dict, selected: int | None, pick_key,
                      window: tuple[int, int] | None = None) -> str:
    """The two columns, row by row: each derived sentence level with the wire sentences that support it
    (or a gap saying none does); wire sentences no derived sentence draws on in their place, the omitted
    ones marked. ``window``: the rows to draw (all by default); the selected flag's row carries its diff."""
    c = view.c
    sel_sid = c.flags[selected].sentence_id if selected is not None else None
    lo, hi = window or (0, len(view.rows))
    out = ["<div class='cmp-sbs'><div class='cmp-sbs-head'><div>Derived article: "
           f"{escape(short(c.derived.name, 50))}</div><div>Wire copy: {escape(short(c.wire.name, 50))}</div></div>"]
    if lo > 0:
        out.append(f"<div class='cmp-more'>… {lo} rows above (select a flag there to see them)</div>")
    for row in view.rows[lo:hi]:
        out.append(_row_html(view, row, decisions, selected, sel_sid, pick_key))
    if hi < len(view.rows):
        out.append(f"<div class='cmp-more'>… {len(view.rows) - hi} rows below (select a flag there to see them)</div>")
    out.append("</div>")
    return "".join(out)


def _row_html(view: DeskView, row: Row, decisions: dict, selected, sel_sid, pick_key) -> str:
    if row.derived is None:
        (wid, _), = row.wire
        om = wid in view.omitted
        tag = "<span class='cmp-tag om'>⊘ omitted</span> " if om else ""
        return (f"<div class='cmp-row spare{' om' if om else ''}'><div class='cmp-gap'></div>"
                f"<div class='cmp-w'><span class='cmp-id'>{escape(wid)}</span> {tag}"
                f"{escape(view.wire_sentence[wid].text)}</div></div>")
    sid = row.derived
    s, label = view.sentence[sid], view.label(sid)
    flagged = bool(view.flags_of.get(sid))
    worst = min((view.c.flags[i].severity for i in view.flags_of.get(sid, [])),
                key=lambda x: ("high", "medium", "low").index(x), default=None)
    cls = f"cmp-row{' flagged sev-' + worst if flagged else ''}{' sel' if sid == sel_sid else ''}"
    left = (f"<div class='cmp-d'><span class='cmp-tag lab-{label}'>{escape(sid)} {ICON[label]} {label}</span> "
            f"{sentence_html(view, sid, decisions, selected, pick_key)}</div>")
    if row.wire:
        cells = "".join(f"<div class='cmp-wsent{' om' if w in view.omitted else ''}'><span class='cmp-id'>"
                        f"{escape(w)} · similarity {sim:.2f}</span> {escape(view.wire_sentence[w].text)}</div>"
                        for w, sim in row.wire)
    elif s.section in CONTENT_SECTIONS:
        cells = "<div class='cmp-none'>no supporting sentence in the wire copy</div>"
    else:
        cells = "<div class='cmp-none'>boilerplate: not checked</div>"
    if sid == sel_sid and row.wire:
        cells += view.diff_html(sid)
    anchor = " id='cmp-selrow'" if sid == sel_sid else ""
    return f"<div class='{cls}'{anchor}>{left}<div class='cmp-w'>{cells}</div></div>"


# ----------------------------------------------------------------------------------------- flags

def decision_line(d) -> str:
    note = f" — note: “{escape(d.note)}”" if d.note else ""
    return (f"<b>{DECISION_LABEL[d.decision]}</b> by {escape(d.editor)} "
            f"<span class='cmp-id'>{escape(d.decided_at[:19].replace('T', ' '))} UTC</span>{note}")


def moved_note(d, f: Flag) -> str:
    """A decision saved on the same words when the engine drew the flag differently says so."""
    if d.span == (f.start, f.end):
        return ""
    return f" <span class='cmp-id'>(saved on the earlier flag “{escape(d.flag_text)}”)</span>"


def flag_card_html(view: DeskView, i: int, decision) -> str:
    """The selected flag: its number, severity, verdict, claim (focus words marked), reason and decision."""
    f, n = view.c.flags[i], len(view.c.flags)
    claim = _piece(view.c.derived.text, f.start, f.end, _focus_mask(f), f.start)
    now = (f"{decision_line(decision)}{moved_note(decision, f)}" if decision else "none yet")
    return (f"<div class='cmp-card sev-{f.severity}'><div class='cmp-head'>Flag {i + 1} of {n} · "
            f"{SEVERITY_ICON[f.severity]} {SEVERITY_WORD[f.severity]} · {ICON[f.verdict]} {f.verdict} · "
            f"sentence {escape(f.sentence_id)}</div><div class='cmp-claim'>{claim}</div>"
            f"<div class='cmp-why'><b>Why:</b> {escape(f.reason)}</div>"
            f"<div class='cmp-now'><b>Decision:</b> {now}</div></div>")


def _focus_mask(f: Flag) -> list[bool]:
    mask = [False] * (f.end - f.start)
    for a, b in f.focus:
        for p in range(max(a, f.start), min(b, f.end)):
            mask[p - f.start] = True
    return mask


def legend_html() -> str:
    sev = "".join(f"<span class='fl sev-{k}'><mark>{SEVERITY_ICON[k]} {k}</mark></span> " for k in SEVERITY_ICON)
    dec = "".join(f"<span class='fl sev-high dec-{k}'><mark>{DECISION_LABEL[k]}</mark></span> "
                  for k in DECISION_LABEL)
    return (f"<div class='cmp-legend'>Flags to weigh: {sev}· decided: {dec}· "
            "<span class='cmp-tag om'>⊘ omitted</span> wire sentence the rewrite drops · "
            "click a highlight to select its flag</div>")

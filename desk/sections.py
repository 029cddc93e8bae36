"""The desk's sections, drawn with Streamlit: the sidebar, the side by side with its flag list (the work
queue), decisions, summary and exports. Markup comes from :mod:`desk.render`; what a widget does is in
:mod:`desk.actions`.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from compare.output.csv_flags import flags_csv_many
from compare.output.html import escape, to_html
from compare.output.json_report import to_json
from compare.output.labels import count, export_name
from compare.output.markdown import to_markdown
from compare.review.store import DECISIONS, StoreError
from compare.text.inputs import MAX_FILE_BYTES

from . import actions, finder
from .render import (DECISION_ICON, DECISION_LABEL, SEVERITY_ICON, DeskView, decision_line, flag_card_html,
                     legend_html, md, moved_note, short, side_by_side_html)
from .state import (MAX_DERIVED, NAME_NEEDED, editor, get_store, loader, pair_key, selected_flag, ss, text_keys,
                    undecided_after)

UPLOAD_TYPES = ["txt", "md", "html", "htm"]
STYLE = Path(__file__).with_name("style.css")
LIST_PAGE = 30            # flags listed at once (a page around the selected one)
ROWS_ALL = 160            # side-by-side rows drawn in full up to this many …
ROWS_AROUND = 60          # … else this many either side of the selected flag's row
LAZY_EXPORTS = 30_000     # characters of derived text beyond which the reports are made when asked, not on each
#                           run (made on each run, the four reports of a 100 KB paste took 2.2 s of every click)
DECISION_BUTTON = {"confirmed": "Confirm", "dismissed": "Dismiss", "needs_source": "Needs source"}
DECISION_KEY = {"confirmed": "1", "dismissed": "2", "needs_source": "3"}
DECISION_HELP = {"confirmed": "The flag is right: this is not in the wire copy",
                 "dismissed": "The flag is wrong: the wire copy supports this",
                 "needs_source": "Needs another source before it can run"}


def html(block: str) -> None:
    """Render trusted page markup that embeds only escaped article text (one line: no blank lines)."""
    st.markdown(block.replace("\n", " "), unsafe_allow_html=True)


def style() -> None:
    st.html(STYLE)


# ============================================================================ sidebar

def sidebar() -> None:
    sb = st.sidebar
    sb.header("Editor")
    sb.text_input("Your name", key="editor_name", placeholder="e.g. Ana Ruiz", bind="query-params",
                  help="Signs every review decision you make (a decision without a name is not saved); "
                       "kept for this session and in the page address, so a reload or a bookmark remembers it")
    sb.header("Articles")
    pairs = list(loader.list_pairs())
    if pairs:
        if ss.get("pair") not in pairs:
            ss.pair = "demo" if "demo" in pairs else pairs[0]
        c1, c2 = sb.columns([3, 2], vertical_alignment="bottom")
        c1.selectbox("Bundled pair", pairs, key="pair")
        c2.button("Load pair", key="load_pair_btn", on_click=actions.on_load_pair, width="stretch")
    with sb.expander("Load a file or a web page", expanded=False):
        st.selectbox("Into", ["wire"] + [f"d{i}" for i in range(1, MAX_DERIVED + 1)], key="target",
                     format_func=lambda t: "Wire copy" if t == "wire" else f"Derived article {t[1:]}")
        st.file_uploader("File (.txt, .md, .html)", type=UPLOAD_TYPES, key=actions.uploader_key("upload"),
                         on_change=actions.on_upload, max_upload_size=max(1, -(-MAX_FILE_BYTES // 1_000_000)),
                         help="UTF-8 text; HTML pages are reduced to their article text")
        st.text_input("Web address", key="url", placeholder="https://…")
        st.button("Fetch", key="fetch_btn", on_click=actions.on_fetch)
    with sb:
        finder.panel()
    sb.text_input("Wire copy name", key="wire_name")
    sb.text_area("Wire copy", key="wire_text", height=180, placeholder="Paste the Reuters / AP story here",
                 on_change=actions.on_text_edited, args=("wire_text", "wire_name"))
    sb.number_input("Derived articles", min_value=1, max_value=MAX_DERIVED, step=1, key="n_derived")
    for i in range(1, int(ss.n_derived) + 1):
        tkey, nkey = text_keys(i)
        sb.text_input(f"Derived article {i} name", key=nkey)
        sb.text_area(f"Derived article {i}", key=tkey, height=150, placeholder="Paste the derived article here",
                     on_change=actions.on_text_edited, args=(tkey, nkey))
    sb.button("Compare", key="compare_btn", type="primary", on_click=actions.on_compare, width="stretch")


# ============================================================================ the desk

def desk(k: int, view: DeskView, decisions: dict, earlier: list) -> None:
    """One derived article: the side by side on the left, the flag list on the right, then the rest."""
    c = view.c
    if c.looks_unrelated:
        st.error(f"These texts do not look like the same story: {round(100 * c.unmatched_share)}% of the "
                 "derived article's sentences have no counterpart in the wire copy. Check that this is the "
                 "wire copy it came from before weighing the flags below.", icon=":material/link_off:")
    pair = pair_key(c)
    sel = selected_flag(pair, c.flags, decisions)
    left, right = st.columns([3, 2], gap="small")
    with left:
        rows = len(view.rows)
        window = None
        if rows > ROWS_ALL:
            at = view.row_of.get(c.flags[sel].sentence_id, 0) if sel is not None else 0
            window = (max(0, at - ROWS_AROUND), min(rows, at + ROWS_AROUND))
        with st.container(key=f"sbs_{k}"):
            html(side_by_side_html(view, decisions, sel, lambda i: f"pick_{k}_{i}", window))
        html(legend_html())
    with right:
        with st.container(key=f"queue_{k}"):
            flag_list(k, view, decisions, sel, window)
    scroller(k, sel)
    summary(c)
    decisions_section(c, decisions, earlier)
    omissions_list(c)


def flag_list(k: int, view: DeskView, decisions: dict, sel: int | None, window) -> None:
    """Every flag, most severe first, each a line with its claim, reason and inline decision buttons; the
    selected one open with its note, the full buttons (keys 1, 2, 3) and Previous / Next (K / J)."""
    c, pair = view.c, pair_key(view.c)
    for kind, msg in ss.flash.pop(pair, []):
        getattr(st, kind)(msg)
    for msg in ss.conflicts.get(pair, []):
        st.warning(msg, icon=":material/warning:")
    if ss.conflicts.get(pair):
        st.button("Hide conflict warnings", key=f"hide_conf_{k}", on_click=actions.on_clear_conflicts, args=(pair,))
    n = len(c.flags)
    if not n:
        st.success("No flags: every sentence is supported by the wire copy.")
        return
    decided = sum(1 for f in c.flags if (f.start, f.end) in decisions)
    who = f"deciding as **{md(editor())}**" if editor() else NAME_NEEDED
    st.markdown(f"**{decided} of {count(n, 'flag')} decided** · {who}", help="Keys: J next, K previous, "
                "1 Confirm, 2 Dismiss, 3 Needs source (outside a text box). Click a highlight to select its flag.")
    lo = 0 if n <= LIST_PAGE else max(0, min(sel - LIST_PAGE // 2, n - LIST_PAGE))
    hi = min(n, lo + LIST_PAGE)
    with st.container(key=f"flaglist_{k}"):
        if lo:
            st.caption(f"{lo} more severe flags above: Previous (K) goes to them")
        for i in range(lo, hi):
            if i == sel:
                selected_row(k, view, decisions, i)
            else:
                flag_row(k, view, decisions, i)
        if hi < n:
            st.caption(f"{n - hi} less severe flags below: Next (J) goes to them")
    hidden_picks(k, view, range(lo, hi), window)


def _decide_args(k, view, decisions, i, decision, note_key):
    c = view.c
    f = c.flags[i]
    d = decisions.get((f.start, f.end))
    return (pair_key(c), c.wire.sha256, c.derived.sha256, c.flags, i, decision, d.id if d else None, note_key,
            decisions)


def flag_row(k: int, view: DeskView, decisions: dict, i: int) -> None:
    f = view.c.flags[i]
    d = decisions.get((f.start, f.end))
    with st.container(key=f"row_{k}_{i}", horizontal=True, gap="small", vertical_alignment="center"):
        mark = f" · {DECISION_ICON[d.decision]}" if d else ""
        st.button(f"{SEVERITY_ICON[f.severity]} {i + 1}{mark} · {md(short(f.text, 70))}", key=f"pick_{k}_{i}",
                  type="tertiary", on_click=actions.on_select, args=(pair_key(view.c), i),
                  help=f"{f.severity} · {f.reason}", width="stretch")
        for decision in DECISIONS:
            st.button(DECISION_ICON[decision], key=f"dec_{decision}_{k}_{i}", help=DECISION_BUTTON[decision],
                      type="primary" if d and d.decision == decision else "secondary",
                      on_click=actions.on_decide, args=_decide_args(k, view, decisions, i, decision, None))
    html(f"<div class='cmp-reason sev-{f.severity}'>{escape(short(f.reason, 150))}</div>")


def selected_row(k: int, view: DeskView, decisions: dict, i: int) -> None:
    c = view.c
    f = c.flags[i]
    d = decisions.get((f.start, f.end))
    pair = pair_key(c)
    with st.container(key=f"selrow_{k}", border=True):
        html(flag_card_html(view, i, d))
        note_key = f"note_{pair}_{f.start}_{f.end}"
        st.text_input("Note", key=note_key, placeholder="Note (optional): e.g. checked with the Moscow bureau",
                      label_visibility="collapsed")
        with st.container(horizontal=True, gap="small"):
            for decision in DECISIONS:
                st.button(DECISION_BUTTON[decision], key=f"dec_{decision}_{k}_sel", width="stretch",
                          type="primary" if decision == "confirmed" else "secondary",
                          help=DECISION_HELP[decision], shortcut=DECISION_KEY[decision],
                          on_click=actions.on_decide, args=_decide_args(k, view, decisions, i, decision, note_key))
        n = len(c.flags)
        undecided = undecided_after(c.flags, decisions, i)
        with st.container(horizontal=True, gap="small"):
            st.button("◀ Previous", key=f"prev_{k}", disabled=i == 0, shortcut="K", width="stretch",
                      on_click=actions.on_select, args=(pair, i - 1))
            st.button("Next ▶", key=f"next_{k}", disabled=i >= n - 1, shortcut="J", width="stretch",
                      on_click=actions.on_select, args=(pair, i + 1))
            st.button("Undecided ▶", key=f"undec_{k}", disabled=undecided is None or undecided == i,
                      help="The next flag without a decision", width="stretch",
                      on_click=actions.on_select, args=(pair, undecided if undecided is not None else i))


def hidden_picks(k: int, view: DeskView, listed: range, window) -> None:
    """Selection buttons, out of sight, for the flags highlighted in the side by side but not listed (a long
    comparison lists a page of flags): a click on any highlight selects its flag."""
    if window is None and len(listed) == len(view.c.flags):
        return
    lo, hi = window or (0, len(view.rows))
    shown = [i for row in view.rows[lo:hi] if row.derived for i in view.flags_of.get(row.derived, [])]
    extra = [i for i in shown if i not in listed]
    if not extra:
        return
    with st.container(key=f"hiddenpicks_{k}"):
        for i in extra:
            st.button(f"flag {i + 1}", key=f"pick_{k}_{i}", on_click=actions.on_select,
                      args=(pair_key(view.c), i))


SCROLL_JS = """<script>
(() => {
  const k = %d, sel = %s;

  if (!window.__cmpPick) {
    window.__cmpPick = true;
    document.addEventListener('click', (ev) => {
      const hit = ev.target.closest && ev.target.closest('[data-pick]');
      if (!hit) return;
      const b = document.querySelector('.st-key-' + hit.dataset.pick + ' button');
      if (b) { ev.preventDefault(); b.click(); }
    }, true);
  }
  // the flag list ends inside the window whatever sits above it (a message, a warning), so the
  // selected flag's buttons never need the page scrolled
  const fit = (box) => {
    if (box) box.style.maxHeight = Math.max(240, window.innerHeight - Math.max(0, box.getBoundingClientRect().top) - 8) + 'px';
  };
  // the element a third of the way down its box; one taller than the box shows ``part`` of it instead
  // (the claim's highlight in the article; the buttons, at its end, in the flag list)
  const bring = (box, el, part) => {
    if (!box || !el) return;
    const b = box.getBoundingClientRect(), e = el.getBoundingClientRect();
    if (e.top >= b.top && e.bottom <= b.bottom) return;
    if (e.height <= b.height) { box.scrollTop += e.top - b.top - (b.height - e.height) / 3; return; }
    const p = part.getBoundingClientRect();
    if (p.top < b.top || p.bottom > b.bottom) box.scrollTop += part === el ? e.bottom - b.bottom : p.top - b.top - 8;
  };
  // Streamlit may keep a stale copy of a moved element a while after it redraws (the live one comes
  // last), and what sits above the list can still change: done again a few times as the page settles
  const last = (sel) => { const all = document.querySelectorAll(sel); return all.length ? all[all.length - 1] : null; };
  const go = () => {
    const list = last('.st-key-flaglist_' + k);
    const row = last('.st-key-selrow_' + k);
    const sbs = last('.st-key-sbs_' + k + ' .cmp-sbs');
    const srow = sbs && sbs.querySelector('#cmp-selrow');
    fit(list);
    if (sel !== null) {
      bring(list, row, row);
      bring(sbs, srow, srow && (srow.querySelector('.fl.sel') || srow));
    }
  };
  for (const t of [30, 150, 400, 900, 1600]) setTimeout(go, t);
})();
</script><span data-sel='%s'></span>"""


def scroller(k: int, sel: int | None) -> None:
    """Brings the selected flag into view in both columns, and lets a click on a highlight select its flag."""
    st.html(SCROLL_JS % (k, "null" if sel is None else sel, sel), unsafe_allow_javascript=True, width=1)


# ============================================================================ below the desk

def summary(c) -> None:
    with st.expander("Summary", expanded=False):
        s = c.summary
        cols = st.columns(4)
        cols[0].metric("Sentences", s["sentences"], help="Content sentences of the derived article")
        cols[1].metric("Supported", s["supported"], help="Copied or paraphrased from the wire copy")
        cols[2].metric("Flagged", s["flagged"], help="Partly supported, unsupported or contradicted")
        cols[3].metric("Omitted", s["omitted"], help="Wire sentences this version drops")
        n = max(1, s["sentences"])
        st.progress(s["supported"] / n, text=f"Supported by the wire copy: {s['supported']} of "
                                             f"{count(s['sentences'], 'sentence')} ({100 * s['supported'] // n}%)")


def decisions_section(c, decisions: dict, earlier: list) -> None:
    st.subheader("Decisions (latest per flag)", divider="gray")
    if earlier:
        items = "".join(f"<li><mark>{escape(d.flag_text)}</mark> · <b>{DECISION_LABEL[d.decision]}</b> by "
                        f"{escape(d.editor)}, {escape(d.decided_at[:16].replace('T', ' '))}"
                        f"{' · ' + escape(d.note) if d.note else ''}</li>" for d in earlier)
        html("<div class='cmp-card'><b>Decisions on flags this comparison no longer raises</b> (the engine has "
             f"changed since they were saved; they stay in the history):<ul class='cmp-list'>{items}</ul></div>")
    numbered = [(n, f) for n, f in enumerate(c.flags, 1) if (f.start, f.end) in decisions]
    if not numbered:
        st.caption("No decision yet on this article's flags.")
    else:
        rows = []
        for n, f in numbered:
            d = decisions[(f.start, f.end)]
            rows.append(f"<tr><td>{n}</td><td>{SEVERITY_ICON[f.severity]} {f.severity}</td><td>{escape(f.text)}"
                        f"{moved_note(d, f)}</td><td>{decision_line(d)}</td><td>{escape(d.note)}</td></tr>")
        html("<table class='cmp-table cmp-decisions'><tr><th>#</th><th>severity</th><th>flagged text</th>"
             f"<th>decision</th><th>note</th></tr>{''.join(rows)}</table>")
    with st.expander("History: every decision saved on this article"):
        try:
            history = get_store().history(c.wire.sha256, c.derived.sha256)
        except StoreError as exc:
            st.error(str(exc))
            return
        if not history:
            st.caption("Nothing saved yet.")
            return
        rows = "".join(f"<tr><td>{d.id}</td><td>{escape(d.decided_at[:19].replace('T', ' '))}</td>"
                       f"<td>{escape(d.editor)}</td><td>{escape(d.flag_text)}</td><td>{DECISION_LABEL[d.decision]}</td>"
                       f"<td>{escape(d.note)}</td><td>{d.supersedes or ''}</td></tr>" for d in reversed(history))
        html("<table class='cmp-table cmp-history'><tr><th>id</th><th>when (UTC)</th><th>editor</th><th>flagged text</th>"
             f"<th>decision</th><th>note</th><th>replaces</th></tr>{rows}</table>")


def omissions_list(c) -> None:
    with st.expander(f"What the wire copy said that this version drops ({len(c.omissions)})"):
        if not c.omissions:
            st.caption("Nothing important is missing.")
            return
        items = "".join(f"<li><span class='cmp-id'>{escape(o.wire_id)} · weight {o.weight:.2f}</span> "
                        f"{escape(o.text)}</li>" for o in c.omissions)
        html(f"<ul class='cmp-list'>{items}</ul>")


def exports(comps: list, decisions: list[dict]) -> None:
    """The four reports for download. A long comparison's are made when the editor asks (each is a
    second or more at 100 KB, too long to remake on every click), kept until a decision changes them,
    then asked for again; a short one's are made on every run."""
    st.subheader("Export", divider="gray")
    st.caption("Reports of every derived article above, with the editors' current decisions.")
    base = comps[0].wire.name
    long = sum(len(c.derived.text) for c in comps) > LAZY_EXPORTS
    files = None
    if long:
        made = exports_fingerprint(comps, decisions)
        kept = ss.get("exports_made")
        if kept is None or kept[0] != made:
            st.button("Prepare the reports", key="export_prepare", icon=":material/description:",
                      on_click=lambda: ss.update(exports_made=(made, None)),
                      help="This comparison is long: its reports are made when you ask, so that each "
                           "decision stays quick. They are made again after a decision changes them.")
            return
        files = kept[1]
    makers = [("Markdown", to_markdown, "md", "text/markdown"),
              ("HTML", to_html, "html", "text/html"),
              ("JSON", to_json, "json", "application/json"),
              ("CSV (flags + decisions)", flags_csv_many, "csv", "text/csv")]
    if files is None:
        files = {ext: make(comps, decisions).encode("utf-8") for _, make, ext, _ in makers}
        if long:
            ss.exports_made = (made, files)
    for col, (label, _, ext, mime) in zip(st.columns(len(makers)), makers):
        col.download_button(f"⬇ {label}", data=files[ext], file_name=export_name(base, ext),
                            mime=mime, key=f"export_{ext}", on_click="ignore", width="stretch")


def exports_fingerprint(comps: list, decisions: list[dict]) -> tuple:
    """What the reports are made of: the texts compared and every decision in force."""
    return tuple((c.wire.sha256, c.derived.sha256,
                  tuple(sorted((k, d.decision, d.note, d.editor, d.decided_at) for k, d in decs.items())))
                 for c, decs in zip(comps, decisions))

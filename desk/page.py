"""The desk's page, top to bottom: state, sidebar (with the "Find the source" panel), messages, comparing (with
its progress), one tab per derived article.

``streamlit run app.py`` runs :func:`main`.
"""
from __future__ import annotations

import streamlit as st

from compare.document import sha256
from compare.errors import CompareError
from compare.output.labels import count
from compare.review.matching import match_flags
from compare.review.store import StoreError
from compare.text.segment import segment

from . import sections
from .render import DeskView, md, short
from .state import boxes_changed, get_store, init_state, keep_unrendered_boxes, kept_comparisons, load_engine, ss



def compare_all(active: dict) -> list[DeskView]:
    """A DeskView of every derived article against the wire copy: kept ones at once, the others compared
    under a status box that says the stage and counts as it goes."""
    wire_name, wire_text = active["wire"]
    wsha = sha256(wire_text)
    keys = [(wsha, sha256(text), wire_name, name) for name, text in active["derived"]]
    kept = kept_comparisons()
    views = [kept.get(key) for key in keys]
    todo = [k for k, v in enumerate(views) if v is None]
    if not todo:
        return views
    with st.status(f"Comparing {count(len(todo), 'article')} with the wire copy…", expanded=True) as status:
        bar = st.progress(0.0, text="Stage 1 of 3: loading the language models")
        engine = load_engine()
        bar.progress(0.05, text=f"Stage 2 of 3: reading the wire copy ({len(wire_text):,} characters)")
        wire = engine.prepare_wire(wire_text, wire_name)
        n_wire = len(wire.prepared.sentences)
        for done, k in enumerate(todo):
            name, text = active["derived"][k]
            n = len(segment(text).sentences)
            bar.progress(0.1 + 0.9 * done / len(todo),
                         text=f"Stage 3 of 3: article {done + 1} of {len(todo)}, “{md(short(name, 40))}”: "
                              f"checking {count(n, 'sentence')} against {count(n_wire, 'wire sentence')}")
            views[k] = DeskView(engine.compare(wire, text, name))
            kept.put(keys[k], views[k])
        bar.progress(1.0, text=f"Done: {count(len(todo), 'article')} compared")
        status.update(label=f"Compared {count(len(todo), 'article')} with the wire copy", state="complete",
                      expanded=False)
    return views


def read_decisions(comps: list) -> tuple[list[dict], list[list]]:
    """The decision in force on each flag of each comparison, and those no flag takes any more."""
    try:
        store = get_store()
        if store.read_only:                      # saved decisions are shown; new ones cannot be saved
            st.warning(md(store.read_only_message))
        matches = [match_flags(c.flags, store.latest(c.wire.sha256, c.derived.sha256)) for c in comps]
        return [m for m, _ in matches], [left for _, left in matches]
    except StoreError as exc:                    # the comparison is still shown, without decisions
        st.error(md(f"Decisions can be neither shown nor saved: {exc}"))
        return [{} for _ in comps], [[] for _ in comps]


def header() -> None:
    html = ("<div class='cmp-title'><b>compare</b> · fact-check desk <span>checks each derived article "
            "against its wire copy: what it adds, changes or drops. Paste, upload or fetch articles in the "
            "sidebar.</span></div>")
    sections.html(html)


def main() -> None:
    st.set_page_config(page_title="compare · fact-check desk", page_icon=":material/fact_check:", layout="wide")
    sections.style()
    init_state()
    keep_unrendered_boxes()
    sections.sidebar()
    header()
    for kind, msg in ss.get("messages", []):
        getattr(st, kind)(md(msg))
    active = ss.active
    if not active:
        st.info("Paste a wire copy and a derived article in the sidebar, then press Compare.")
        return
    try:
        views = compare_all(active)
    except CompareError as exc:
        st.error(md(str(exc)))
        return
    comps = [v.c for v in views]
    decisions, earlier = read_decisions(comps)
    if boxes_changed(active):
        st.caption("The boxes have been edited since this comparison: press **Compare** to update it.")
    labels = [f"{k + 1}. {md(short(c.derived.name, 40))} · {count(len(c.flags), 'flag')}"
              for k, c in enumerate(comps)]
    tabs = st.tabs(labels, key="article_tab", on_change="rerun")
    for k, (tab, view) in enumerate(zip(tabs, views)):
        if tab.open is False:                   # only the open tab is drawn (and has live shortcuts)
            continue
        with tab:
            sections.desk(k, view, decisions[k], earlier[k])
    sections.exports(comps, decisions)

"""The desk's "Find the source" panel: look an article up in the wire archive, see the wire stories it
draws on ranked with the sentences each shares with it, pick one or several, and compare against them.

The archive is the one ``compare archive add`` builds (``$COMPARE_ARCHIVE``, else
``data/archive.sqlite3``; docs/archive.md); the page opens it once per server and only reads it. Picked
stories become the wire copy as ``compare check`` makes it (:meth:`compare.archive.Archive.wire_copy`):
their texts joined, named after their ids.
"""
from __future__ import annotations

import threading

import streamlit as st

from compare.archive import Archive
from compare.archive.archive import choose_sources, default_archive_path
from compare.errors import CompareError
from compare.output.labels import count

from .actions import on_compare, take_upload, uploader_key
from .render import md, short
from .state import loader, message, name_from_text, set_boxes, ss

K = 5                    # candidate stories shown
SHOWN_SHARED = 3         # shared sentences shown under each candidate


@st.cache_resource(show_spinner="Opening the wire archive…")
def open_archive(path: str) -> tuple[Archive, threading.Lock]:
    """The archive at ``path`` (refused when there is none: nothing is created), with the lock that makes
    its use one session at a time."""
    return Archive(path, create=False), threading.Lock()


def archive_path() -> str:
    return str(default_archive_path())


# ============================================================================ what the widgets do

def on_finder_upload() -> None:
    if (article := take_upload("finder_upload")) is not None:
        ss.finder_text = article.text


def on_find() -> None:
    """Look the article in the box up; keep what was found, with the stories ``compare check`` would use
    picked."""
    ss.pop("finder", None)
    try:
        article = loader.load_text(ss.get("finder_text") or "", "Article to look up")
        archive, lock = open_archive(archive_path())
        with lock:
            sources = archive.find(article.text, k=K, name="the article")
    except CompareError as exc:
        message("error", str(exc))
        return
    if not sources or sources[0].score == 0:
        message("info", f"No story in the wire archive ({count(len(archive), 'story', 'stories')}) shares a "
                        "sentence with this article: its source is not in the archive.")
        return
    chosen = {s.id for s in choose_sources(sources)}
    for i, s in enumerate(sources):
        ss[f"finder_pick_{i}"] = s.id in chosen
    ss.finder = {"text": article.text, "name": name_from_text(article.text) or "article", "sources": sources,
                 "stories": len(archive)}
    ss.messages = []


def on_use_sources() -> None:
    """Compare the looked-up article against the picked stories: they fill the wire copy box, the article
    the first derived box (the other derived boxes are emptied)."""
    found = ss.get("finder")
    if not found:
        return
    ids = [s.id for i, s in enumerate(found["sources"]) if ss.get(f"finder_pick_{i}")]
    if not ids:
        message("error", "Pick at least one wire story to compare against.")
        return
    try:
        archive, lock = open_archive(archive_path())
        with lock:
            wire_name, wire_text = archive.wire_copy(ids)
    except CompareError as exc:
        message("error", str(exc))
        return
    set_boxes(loader.Article(wire_name, wire_text, archive_path()),
              [loader.Article(found["name"], found["text"], "")])
    on_compare()


# ============================================================================ the panel

def panel() -> None:
    """The panel (in the sidebar, so the desk's controls keep their place), folded unless something was
    just looked up."""
    path = archive_path()
    with st.expander("Find the source in the wire archive", expanded=bool(ss.get("finder")),
                     icon=":material/travel_explore:"):
        try:
            archive, _ = open_archive(path)
        except CompareError as exc:
            st.info(md(f"{exc}") + "  \nBuild one with `compare archive add STORIES.jsonl` (or point "
                    "`COMPARE_ARCHIVE` at one), then reload this page.")
            return
        st.caption(md(f"{count(len(archive), 'wire story', 'wire stories')} in {path}. Paste or upload an "
                      "article to see which of them it draws on."))
        st.text_area("Article to look up", key="finder_text", height=120,
                     placeholder="Paste an aggregator or AI-written article here")
        st.file_uploader("… or a file (.txt, .md, .html)", type=["txt", "md", "html", "htm"],
                         key=uploader_key("finder_upload"), on_change=on_finder_upload)
        st.button("Find the source", key="find_btn", on_click=on_find, icon=":material/search:")
        found = ss.get("finder")
        if found:
            candidates(found)


def candidates(found: dict) -> None:
    st.markdown(md(f"Wire stories “{short(found['name'], 60)}” draws on, best first "
                   f"(of {count(found['stories'], 'story', 'stories')}); the ones ticked are those "
                   "`compare check` would use."))
    for i, s in enumerate(found["sources"]):
        label = (f"{i + 1}. {short(s.headline, 60)} · {s.id} · score {s.score:.2f} · shares "
                 f"{count(len(s.shared), 'sentence')}")
        st.checkbox(md(label), key=f"finder_pick_{i}")
        lines = [f"“{md(short(x.derived, 70))}” ↔ “{md(short(x.wire, 70))}” ({x.similarity:.2f})"
                 for x in s.shared[:SHOWN_SHARED]]
        if len(s.shared) > SHOWN_SHARED:
            lines.append(f"and {count(len(s.shared) - SHOWN_SHARED, 'more sentence')}")
        if lines:
            st.caption("  \n".join(lines))
    st.button("Compare with the ticked stories", key="use_sources_btn", type="primary", on_click=on_use_sources)

"""What the desk keeps: the server's resources (engine, review store, comparisons) and one session's state
(the boxes, the comparison shown, the selected flag, messages).

Comparisons are kept server-wide by the two texts' SHA-256 hashes and names, with the
:class:`desk.render.DeskView` built from each, so a click (a decision, a selection) never compares or
indexes again; only the review store is read on every run.
"""
from __future__ import annotations

import importlib
import threading
from collections import OrderedDict

import streamlit as st

from compare.document import CONTENT_SECTIONS
from compare.errors import CompareError, InputError
from compare.review.store import ReviewStore, default_db_path
from compare.text.inputs import validate_text
from compare.text.segment import segment

# ``corpus`` re-exports a function named ``load``, which hides the module from ``import corpus.load as``
loader = importlib.import_module("corpus.load")

MAX_DERIVED = 5
NAME_CHARS = 60              # a pasted text is named from its headline or first line, this long at most
KEPT_COMPARISONS = 16        # comparisons kept by the server (each with its DeskView)
NAME_NEEDED = "Enter your name in the sidebar before deciding: every decision is signed."

ss = st.session_state


# ============================================================================ resources (one per server)

@st.cache_resource(show_spinner="Loading the language models (once per server, about 15 s)…")
def load_engine():
    from compare.engine import get_engine
    return get_engine().warm_up()          # load the models now, under this spinner, not mid-comparison


@st.cache_resource(show_spinner=False)
def open_store(path: str) -> ReviewStore:
    return ReviewStore(path)


def get_store() -> ReviewStore:
    return open_store(str(default_db_path()))


class Kept:
    """A small thread-safe LRU of finished comparisons, shared by the server's sessions (values are
    immutable: a Comparison and the DeskView made from it)."""

    def __init__(self, size: int):
        self.size, self._items, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


@st.cache_resource(show_spinner=False)
def kept_comparisons() -> Kept:
    return Kept(KEPT_COMPARISONS)


# ============================================================================ the boxes

def text_keys(i: int) -> tuple[str, str]:
    return f"d{i}_text", f"d{i}_name"


def set_boxes(wire, derived) -> None:
    if wire is not None:
        ss.wire_text, ss.wire_name = wire.text, wire.name
        loaded("wire_text", wire.name)
    if derived is not None:
        for i in range(1, MAX_DERIVED + 1):
            tkey, nkey = text_keys(i)
            a = derived[i - 1] if i <= len(derived) else None
            ss[tkey] = a.text if a else ""
            loaded(tkey, a.name if a else None)
            ss[nkey] = a.name if a else f"derived {i}"
        ss.n_derived = max(1, min(MAX_DERIVED, len(derived)))


def loaded(text_key: str, name: str | None) -> None:
    """Remember which file or page filled a box (and named it), so that editing the text renames it."""
    ss.setdefault("loaded", {})[text_key] = name
    ss.setdefault("auto_names", {})[text_key] = name


def box_label(text_key: str) -> str:
    return "Wire copy" if text_key == "wire_text" else f"Derived article {text_key[1:].split('_')[0]}"


def default_name(text_key: str) -> str:
    return "wire copy" if text_key == "wire_text" else f"derived {text_key[1:].split('_')[0]}"


def name_from_text(text: str, limit: int = NAME_CHARS) -> str:
    """A name for a pasted article: its headline, or else its first line (past a dateline and site
    furniture), cut at a word to ``limit`` characters with an ellipsis; '' for a blank text."""
    first = next((s for s in segment(text).sentences if s.section in CONTENT_SECTIONS), None)
    if first is None:
        line = next((ln for ln in text.splitlines() if ln.strip()), "")
    elif first.section == "heading":
        line = first.text
    else:
        stop = text.find("\n", first.start)
        line = text[first.start:stop if stop >= 0 else len(text)]
    line = " ".join(line.split())
    if len(line) <= limit:
        return line
    cut = line[:limit - 1]
    if line[limit - 1] != " " and " " in cut[limit // 2:]:     # cut at the last whole word
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


class InputProblems(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def snapshot_boxes() -> dict:
    """The texts in the boxes, validated; raises InputProblems (one-line messages) when unusable."""
    errors, derived = [], []
    wire_name = (ss.get("wire_name") or "").strip() or "wire copy"
    wire_text = ss.get("wire_text") or ""
    try:
        wire_text = box_text("wire_text", wire_text, "Wire copy")
    except InputError as exc:
        errors.append(str(exc))
    for i in range(1, int(ss.get("n_derived", 1)) + 1):
        tkey, nkey = text_keys(i)
        text = ss.get(tkey) or ""
        if not text.strip():
            continue                                   # an empty derived box is simply not compared
        name = (ss.get(nkey) or "").strip() or f"derived {i}"
        try:
            text = box_text(tkey, text, f"Derived article {i} ({name})")
        except InputError as exc:
            errors.append(str(exc))
        derived.append((name, text))
    if not derived and not any("Derived" in e for e in errors):
        errors.append("Derived articles: every box is empty; paste or load at least one derived article")
    if errors:
        raise InputProblems(errors)
    return {"wire": (wire_name, wire_text), "derived": derived}


def box_text(text_key: str, text: str, label: str) -> str:
    """The text of a box as it is compared: as a file or page loader gave it, or, typed or pasted, as
    :func:`corpus.load.load_text` makes it (pasted HTML becomes its article text); checked."""
    if ss.get("loaded", {}).get(text_key):
        return validate_text(text, label)
    return loader.load_text(text, label).text


def boxes_changed(active: dict) -> bool:
    try:
        return snapshot_boxes() != active
    except InputProblems:
        return True


def keep_unrendered_boxes() -> None:
    """Derived boxes hidden by a lower count keep their text (Streamlit drops unrendered widgets' state)."""
    for i in range(1, MAX_DERIVED + 1):
        for key in text_keys(i):
            if key in ss:
                ss[key] = ss[key]


# ============================================================================ the session

def message(kind: str, text: str) -> None:
    ss.messages = [(kind, text)]


def init_state() -> None:
    if "active" in ss:
        return
    ss.messages = []
    ss.selected, ss.flash, ss.conflicts = {}, {}, {}
    ss.upload_gen = 0
    ss.setdefault("url", "")
    ss.setdefault("target", "wire")
    try:
        wire, derived = loader.demo_pair()
    except CompareError as exc:
        set_boxes(loader.Article("wire copy", "", ""), [])
        ss.active = None
        message("error", str(exc))
        return
    set_boxes(wire, derived)
    ss.active = snapshot_boxes()


def editor() -> str:
    """The editor's name from the sidebar (kept in the session and in the page address)."""
    return " ".join((ss.get("editor_name") or "").split())


def pair_key(c) -> str:
    return f"{c.wire.sha256[:16]}-{c.derived.sha256[:16]}"


def undecided_after(flags, decisions: dict, i: int) -> int | None:
    """The first flag after ``i`` (going round) without a decision, or None."""
    n = len(flags)
    for k in list(range(i + 1, n)) + list(range(0, min(i + 1, n))):
        if (flags[k].start, flags[k].end) not in decisions:
            return k
    return None


def selected_flag(pair: str, flags, decisions: dict) -> int | None:
    """The flag selected on this comparison: the first undecided (most severe first) until one is chosen."""
    if not flags:
        return None
    if pair not in ss.selected:
        ss.selected[pair] = undecided_after(flags, decisions, -1) or 0
    return max(0, min(int(ss.selected[pair]), len(flags) - 1))

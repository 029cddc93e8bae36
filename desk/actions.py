"""What the desk's widgets do (Streamlit callbacks): load and compare texts, select flags, record decisions.

Callbacks change session state and the review store only; the next run renders what they left.
Every decision goes through :class:`compare.review.store.ReviewStore` and is committed before the editor is
told it is saved.
"""
from __future__ import annotations

from compare.errors import CompareError, InputError
from compare.review.store import StoreError
from compare.text.inputs import MAX_FILE_BYTES  # noqa: F401  (the uploader's limit, read by sections)

from .render import DECISION_LABEL, md, short
from .state import (MAX_DERIVED, NAME_NEEDED, InputProblems, box_label, default_name, editor, get_store, loaded,
                    loader, message, name_from_text, set_boxes, snapshot_boxes, ss, text_keys, undecided_after)


# ============================================================================ the boxes

def on_text_edited(text_key: str, name_key: str) -> None:
    """A box was typed or pasted into: pasted HTML is replaced by its article text, as an uploaded HTML
    file's would be, and a name the page gave (a loaded file's, a default, one made from an earlier
    text) is replaced by one made from this text; a name the editor typed is kept."""
    _extract_pasted_html(text_key)
    ss.setdefault("loaded", {}).pop(text_key, None)
    given = ss.setdefault("auto_names", {}).get(text_key)
    current = (ss.get(name_key) or "").strip()
    if current and current != given and current != default_name(text_key):
        return
    name = name_from_text(ss.get(text_key) or "") or default_name(text_key)
    ss[name_key] = ss.auto_names[text_key] = name


def _extract_pasted_html(text_key: str) -> None:
    text = ss.get(text_key) or ""
    if not loader.pasted_html(text):
        return
    label = box_label(text_key)
    try:
        article = loader.load_text(text, label)
    except InputError as exc:
        message("error", str(exc))
        return
    ss[text_key] = article.text
    message("info", f"{label}: the pasted text was HTML; its tags and scripts are removed, "
                    f"{len(article.text):,} characters of article text are left")


def on_compare() -> None:
    try:
        ss.active = snapshot_boxes()
    except InputProblems as exc:
        ss.messages = [("error", m) for m in exc.messages]
        return
    ss.messages = []


def on_load_pair() -> None:
    name = ss.get("pair")
    pairs = loader.list_pairs()
    if name not in pairs:
        message("error", f"{name}: no such bundled pair")
        return
    wire_path, derived_paths = pairs[name]
    try:
        wire = loader.load_file(wire_path)
        derived = [loader.load_file(p) for p in derived_paths[:MAX_DERIVED]]
    except CompareError as exc:
        message("error", str(exc))
        return
    set_boxes(wire, derived)
    on_compare()
    if len(derived_paths) > MAX_DERIVED and not ss.messages:
        message("info", f"{name}: only the first {MAX_DERIVED} of {len(derived_paths)} derived articles are loaded")


def _put_into_target(article) -> None:
    target = ss.get("target", "wire")
    if target == "wire":
        ss.wire_text, ss.wire_name = article.text, article.name
        loaded("wire_text", article.name)
        where = "the wire copy box"
    else:
        i = int(target[1:])
        tkey, nkey = text_keys(i)
        ss[tkey], ss[nkey] = article.text, article.name
        loaded(tkey, article.name)
        ss.n_derived = max(int(ss.get("n_derived", 1)), i)
        where = f"derived article box {i}"
    message("success", f"Loaded {article.name} into {where} ({len(article.text):,} characters); "
                       "press Compare to check it")


def uploader_key(prefix: str) -> str:
    """The key of the uploader ``prefix`` now: a new key after each file, so the uploader comes back empty."""
    return f"{prefix}_{ss.get(prefix + '_gen', 0)}"


def take_upload(prefix: str):
    """The article in the uploader ``prefix``, read (None when it is empty or cannot be read: the error is
    shown); the uploader is then emptied for the next file."""
    f = ss.get(uploader_key(prefix))
    if f is None:
        return None
    ss[prefix + "_gen"] = ss.get(prefix + "_gen", 0) + 1
    try:
        return loader.load_bytes(f.getvalue(), f.name)
    except CompareError as exc:
        message("error", str(exc))
        return None


def on_upload() -> None:
    if (article := take_upload("upload")) is not None:
        _put_into_target(article)


def on_fetch() -> None:
    url = (ss.get("url") or "").strip()
    if not url:
        message("error", "Web address: the box is empty; paste an http:// or https:// address")
        return
    try:
        article = loader.load_url(url)
    except InputError as exc:
        message("error", str(exc))
        return
    _put_into_target(article)


# ============================================================================ review

def on_select(pair: str, index: int) -> None:
    ss.selected[pair] = index


def on_clear_conflicts(pair: str) -> None:
    ss.conflicts.pop(pair, None)


def on_decide(pair: str, wire_sha: str, derived_sha: str, flags, index: int, decision: str,
              expected_previous: int | None, note_key: str | None, decisions: dict) -> None:
    """Save ``decision`` on flag ``index``, signed by the editor, then select the next undecided flag.

    ``decisions``: the decisions in force when the page was drawn (what the editor saw)."""
    flag = flags[index]
    name = editor()
    if not name:                                 # never saved as "anonymous": the editor is asked to sign
        ss.flash[pair] = [("warning", NAME_NEEDED)]
        ss.selected[pair] = index
        return
    note = (ss.get(note_key) or "").strip() if note_key else ""
    try:                                         # 1. written to the store (committed before record returns)
        result = get_store().record(wire_sha, derived_sha, flag.start, flag.end, flag.text, decision,
                                    note=note, editor=name, expected_previous=expected_previous)
    except (StoreError, ValueError) as exc:
        ss.flash[pair] = [("error", f"Not saved: {exc}")]
        return
    text = md(short(flag.text, 60))
    # one short line: a longer one wrapped to three at 1280×720 and pushed the next flag's buttons out
    # of view (the flag itself shows its decision's colour in the article and in the list)
    ss.flash[pair] = [("success", f"Saved: **{DECISION_LABEL[decision]}** by {md(result.decision.editor)}")]
    if result.conflict is not None:
        other = result.conflict
        ss.conflicts.setdefault(pair, []).append(
            f"Conflict on “{text}”: {md(other.editor)} had marked it **{DECISION_LABEL[other.decision]}** "
            f"({other.decided_at[:19].replace('T', ' ')} UTC) while you were reviewing; your decision "
            f"**{DECISION_LABEL[decision]}** is now the current one. Both are kept in the history.")
    if ss.selected.get(pair, index) != index:    # decided from its line: the selection stays
        return
    now = dict(decisions)
    now[(flag.start, flag.end)] = result.decision
    nxt = undecided_after(flags, now, index)     # 2. on to the next flag without a decision
    ss.selected[pair] = nxt if nxt is not None else index

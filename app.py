"""compare — the fact-check desk page.

    streamlit run app.py          (or: make run)

The page only lays out widgets and renders results: every comparison goes through
``compare.engine`` and every editor decision through ``compare.store.ReviewStore``
(``$COMPARE_DB``, default ``data/reviews.sqlite3``). Article text is data, never markup: it is
HTML-escaped before it reaches ``st.markdown(..., unsafe_allow_html=True)``.
"""
from __future__ import annotations

import importlib

import streamlit as st

from compare import report
from compare.comparison import FLAGGED_LABELS, Comparison, Flag
from compare.document import CONTENT_SECTIONS, sha256
from compare.errors import CompareError, InputError
from compare.export import escape, export_name, flags_csv_many, word_diff_html
from compare.inputs import MAX_FILE_BYTES, validate_text
from compare.segment import segment
from compare.store import DECISIONS, ReviewStore, StoreError, default_db_path, match_flags

# ``corpus`` re-exports a function named ``load``, which hides the module from ``import corpus.load as``
loader = importlib.import_module("corpus.load")

MAX_DERIVED = 5
NAME_CHARS = 60              # a pasted text is named from its headline or first line, this long at most
UPLOAD_TYPES = ["txt", "md", "html", "htm"]
ICON = report.LABEL_ICON
COLOUR = report.LABEL_COLOUR
OMITTED_COLOUR = "#dfe6ff"
DECISION_ICON = {"confirmed": "✔", "dismissed": "✖", "needs_source": "?"}
DECISION_LABEL = {k: f"{DECISION_ICON[k]} {word}" for k, word in report.DECISION_WORDS.items()}   # the exports' words
DECISION_BUTTON = {"confirmed": "Confirm", "dismissed": "Dismiss", "needs_source": "Needs source"}
SEVERITY_LABEL = {"high": "▲ HIGH", "medium": "◆ MEDIUM", "low": "▽ LOW"}
NAME_NEEDED = "Enter your name in the sidebar before deciding: every decision is signed."

CSS = """
.cmp-article{line-height:1.95;color:#1f2328;background:#fff;padding:.8rem 1rem;border:1px solid #d0d7de;
  border-radius:.5rem;font-size:1rem}
.cmp-article p{margin:0 0 .8rem 0}
.cmp-s{padding:2px 3px;border-radius:4px;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.cmp-tag{font-size:.7em;font-weight:600;color:#333;border:1px solid rgba(0,0,0,.3);border-radius:3px;
  padding:0 3px;margin-right:3px;white-space:nowrap;background:rgba(255,255,255,.65);font-family:monospace}
.cmp-article mark,.cmp-card mark,.cmp-legend mark{background:#ff8c8c;color:inherit;padding:0 1px;
  text-decoration:underline wavy #9a0000;text-underline-offset:3px}
.cmp-article u.claim,.cmp-card u.claim,.cmp-legend u.claim{text-decoration:underline wavy #9a0000;
  text-underline-offset:3px}
.cmp-legend span.cmp-key{display:inline-block;margin:0 .6em .3em 0;padding:1px 6px;border-radius:4px;color:#1f2328;
  border:1px solid rgba(0,0,0,.15);font-size:.85em}
.cmp-card{color:#1f2328;background:#fff;border:1px solid #d0d7de;border-left:6px solid #cf222e;border-radius:.5rem;
  padding:.6rem .9rem;line-height:1.6}
.cmp-card.sev-medium{border-left-color:#bf8700}.cmp-card.sev-low{border-left-color:#8c959f}
.cmp-card .cmp-head{font-size:.85em;font-weight:600;color:#57606a;margin-bottom:.3rem}
.cmp-card .cmp-quote{margin:.3rem 0;padding:.1rem .6rem;border-left:3px solid #d0d7de;color:#1f2328}
.cmp-diff{color:#1f2328;background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:.5rem .8rem;line-height:1.8}
.cmp-diff ins{background:#c9f2c9;text-decoration:underline;text-decoration-thickness:2px}
.cmp-diff del{background:#ffd2d2;text-decoration:line-through;text-decoration-thickness:2px}
.cmp-list{color:inherit;margin:0;padding-left:1.2rem}.cmp-list li{margin-bottom:.35rem}
.cmp-id{font-family:monospace;font-size:.8em;color:#57606a}
table.cmp-table{border-collapse:collapse;width:100%;font-size:.9em}
table.cmp-table td,table.cmp-table th{border:1px solid #d0d7de;padding:3px 6px;vertical-align:top;text-align:left}
"""


# ============================================================================ resources (one per server)

@st.cache_resource(show_spinner="Loading the language models (once per server, about 15 s)…")
def load_engine():
    from compare.engine import get_engine
    return get_engine().warm_up()          # load the models now, under this spinner, not mid-comparison


@st.cache_data(show_spinner=False, max_entries=128)
def run_compare(wire_sha: str, derived_sha: str, wire_name: str, derived_name: str,
                _wire_text: str, _derived_text: str) -> Comparison:
    """One comparison, cached by the two texts' SHA-256 hashes and names (a Comparison pickles)."""
    engine = load_engine()
    return engine.compare(engine.prepare_wire(_wire_text, wire_name), _derived_text, derived_name)


@st.cache_resource(show_spinner=False)
def open_store(path: str) -> ReviewStore:
    return ReviewStore(path)


def get_store() -> ReviewStore:
    return open_store(str(default_db_path()))


# ============================================================================ session state & inputs

ss = st.session_state


def _text_keys(i: int) -> tuple[str, str]:
    return f"d{i}_text", f"d{i}_name"


def _set_boxes(wire: loader.Article | None, derived: list[loader.Article] | None) -> None:
    if wire is not None:
        ss.wire_text, ss.wire_name = wire.text, wire.name
        _loaded("wire_text", wire.name)
    if derived is not None:
        for i in range(1, MAX_DERIVED + 1):
            tkey, nkey = _text_keys(i)
            a = derived[i - 1] if i <= len(derived) else None
            ss[tkey] = a.text if a else ""
            _loaded(tkey, a.name if a else None)
            ss[nkey] = a.name if a else f"derived {i}"
        ss.n_derived = max(1, min(MAX_DERIVED, len(derived)))


def _loaded(text_key: str, name: str | None) -> None:
    """Remember which file or page filled a box (and named it), so that editing the text renames it."""
    ss.setdefault("loaded", {})[text_key] = name
    ss.setdefault("auto_names", {})[text_key] = name


def _box_label(text_key: str) -> str:
    return "Wire copy" if text_key == "wire_text" else f"Derived article {text_key[1:].split('_')[0]}"


def _default_name(text_key: str) -> str:
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


def on_text_edited(text_key: str, name_key: str) -> None:
    """A box was typed or pasted into: pasted HTML is replaced by its article text, as an uploaded HTML
    file's would be, and a name the page gave (a loaded file's, a default, one made from an earlier
    text) is replaced by one made from this text; a name the editor typed is kept."""
    _extract_pasted_html(text_key)
    ss.setdefault("loaded", {}).pop(text_key, None)
    given = ss.setdefault("auto_names", {}).get(text_key)
    current = (ss.get(name_key) or "").strip()
    if current and current != given and current != _default_name(text_key):
        return
    name = name_from_text(ss.get(text_key) or "") or _default_name(text_key)
    ss[name_key] = ss.auto_names[text_key] = name


def _extract_pasted_html(text_key: str) -> None:
    text = ss.get(text_key) or ""
    if not loader.pasted_html(text):
        return
    label = _box_label(text_key)
    try:
        article = loader.load_text(text, label)
    except InputError as exc:
        _message("error", str(exc))
        return
    ss[text_key] = article.text
    _message("info", f"{label}: the pasted text was HTML; its tags and scripts are removed, "
                     f"{len(article.text):,} characters of article text are left")


def _snapshot_boxes() -> dict:
    """The texts in the boxes, validated; raises a list of one-line messages when unusable."""
    errors, derived = [], []
    wire_name = (ss.get("wire_name") or "").strip() or "wire copy"
    wire_text = ss.get("wire_text") or ""
    try:
        wire_text = _box_text("wire_text", wire_text, "Wire copy")
    except InputError as exc:
        errors.append(str(exc))
    for i in range(1, int(ss.get("n_derived", 1)) + 1):
        tkey, nkey = _text_keys(i)
        text = ss.get(tkey) or ""
        if not text.strip():
            continue                                   # an empty derived box is simply not compared
        name = (ss.get(nkey) or "").strip() or f"derived {i}"
        try:
            text = _box_text(tkey, text, f"Derived article {i} ({name})")
        except InputError as exc:
            errors.append(str(exc))
        derived.append((name, text))
    if not derived and not any("Derived" in e for e in errors):
        errors.append("Derived articles: every box is empty; paste or load at least one derived article")
    if errors:
        raise _InputProblems(errors)
    return {"wire": (wire_name, wire_text), "derived": derived}


def _box_text(text_key: str, text: str, label: str) -> str:
    """The text of a box as it is compared: as a file or page loader gave it, or, typed or pasted, as
    :func:`corpus.load.load_text` makes it (pasted HTML becomes its article text); checked."""
    if ss.get("loaded", {}).get(text_key):
        return validate_text(text, label)
    return loader.load_text(text, label).text


class _InputProblems(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def _message(kind: str, text: str) -> None:
    ss.messages = [(kind, text)]


def init_state() -> None:
    if "active" in ss:
        return
    ss.messages = []
    ss.flag_idx, ss.flash, ss.conflicts = {}, {}, {}
    ss.upload_gen = 0
    ss.setdefault("url", "")
    ss.setdefault("target", "wire")
    try:
        wire, derived = loader.demo_pair()
    except CompareError as exc:
        _set_boxes(loader.Article("wire copy", "", ""), [])
        ss.active = None
        _message("error", str(exc))
        return
    _set_boxes(wire, derived)
    ss.active = _snapshot_boxes()


def on_compare() -> None:
    try:
        ss.active = _snapshot_boxes()
    except _InputProblems as exc:
        ss.messages = [("error", m) for m in exc.messages]
        return
    ss.messages = []


def on_load_pair() -> None:
    name = ss.get("pair")
    pairs = loader.list_pairs()
    if name not in pairs:
        _message("error", f"{name}: no such bundled pair")
        return
    wire_path, derived_paths = pairs[name]
    try:
        wire = loader.load_file(wire_path)
        derived = [loader.load_file(p) for p in derived_paths[:MAX_DERIVED]]
    except CompareError as exc:
        _message("error", str(exc))
        return
    _set_boxes(wire, derived)
    on_compare()
    if len(derived_paths) > MAX_DERIVED and not ss.messages:
        _message("info", f"{name}: only the first {MAX_DERIVED} of {len(derived_paths)} derived articles are loaded")


def article_from_upload(name: str, data: bytes) -> loader.Article:
    """An uploaded .txt/.md/.html file as an Article, with the loaders' own checks and messages."""
    return loader.load_bytes(data, name)


def _put_into_target(article: loader.Article) -> None:
    target = ss.get("target", "wire")
    if target == "wire":
        ss.wire_text, ss.wire_name = article.text, article.name
        _loaded("wire_text", article.name)
        where = "the wire copy box"
    else:
        i = int(target[1:])
        tkey, nkey = _text_keys(i)
        ss[tkey], ss[nkey] = article.text, article.name
        _loaded(tkey, article.name)
        ss.n_derived = max(int(ss.get("n_derived", 1)), i)
        where = f"derived article box {i}"
    _message("success", f"Loaded {article.name} into {where} ({len(article.text):,} characters); "
                        "press Compare to check it")


def on_upload() -> None:
    f = ss.get(f"upload_{ss.upload_gen}")
    if f is None:
        return
    try:
        article = article_from_upload(f.name, f.getvalue())
    except InputError as exc:
        _message("error", str(exc))
    else:
        _put_into_target(article)
    ss.upload_gen += 1                      # a fresh, empty uploader for the next file


def on_fetch() -> None:
    url = (ss.get("url") or "").strip()
    if not url:
        _message("error", "Web address: the box is empty; paste an http:// or https:// address")
        return
    try:
        article = loader.load_url(url)
    except InputError as exc:
        _message("error", str(exc))
        return
    _put_into_target(article)


def _keep_unrendered_boxes() -> None:
    """Derived boxes hidden by a lower count keep their text (Streamlit drops unrendered widgets' state)."""
    for i in range(1, MAX_DERIVED + 1):
        for key in _text_keys(i):
            if key in ss:
                ss[key] = ss[key]


# ============================================================================ review actions (callbacks)

def _pair_key(c: Comparison) -> str:
    return f"{c.wire.sha256[:16]}-{c.derived.sha256[:16]}"


def on_decide(pair: str, wire_sha: str, derived_sha: str, flag: Flag, decision: str,
              expected_previous: int | None, note_key: str, index: int) -> None:
    editor = _editor()
    if not editor:                               # never saved as "anonymous": the editor is asked to sign
        ss.flash[pair] = [("warning", NAME_NEEDED)]
        return
    try:                                         # 1. write to the store (committed before record returns)
        result = get_store().record(wire_sha, derived_sha, flag.start, flag.end, flag.text, decision,
                                    note=(ss.get(note_key) or "").strip(), editor=editor,
                                    expected_previous=expected_previous)
    except (StoreError, ValueError) as exc:
        ss.flash[pair] = [("error", f"Not saved: {exc}")]
        return
    saved = result.decision
    text = _md(_short(flag.text, 60))
    msg = f"Saved: “{text}” marked **{DECISION_LABEL[decision]}** by {_md(saved.editor)}"
    ss.flash[pair] = [("success", msg)]          # 2. tell the editor …
    ss.toast = msg
    if result.conflict is not None:
        other = result.conflict
        ss.conflicts.setdefault(pair, []).append(
            f"Conflict on “{text}”: {_md(other.editor)} had marked it **{DECISION_LABEL[other.decision]}** "
            f"({other.decided_at[:19].replace('T', ' ')} UTC) while you were reviewing; your decision "
            f"**{DECISION_LABEL[decision]}** is now the current one. Both are kept in the history.")
    ss.flag_idx[pair] = index + 1                # 3. … and move on to the next flag


def _editor() -> str:
    """The editor's name from the sidebar (kept in the session and in the page address)."""
    return " ".join((ss.get("editor_name") or "").split())


def on_move(pair: str, index: int) -> None:
    ss.flag_idx[pair] = index


def on_clear_conflicts(pair: str) -> None:
    ss.conflicts.pop(pair, None)


# ============================================================================ small rendering helpers

def _md(text: str) -> str:
    """Text for a widget that renders Markdown without HTML: Markdown and LaTeX characters escaped."""
    out = []
    for ch in " ".join(str(text).split()):
        out.append("\\" + ch if ch in "\\`*_[]<>#|$~" else ch)
    return "".join(out)


_count = report.count


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _html(block: str) -> None:
    """Render trusted page markup that embeds only escaped article text (one line: no blank lines)."""
    st.markdown(block.replace("\n", " "), unsafe_allow_html=True)


def _tag(label: str) -> str:
    return f"<span class='cmp-tag'>{ICON[label]} {label}</span>"


def _sentence_html(text: str, start: int, end: int, flags) -> str:
    """The sentence with each flag's claim underlined and its focus words marked."""
    flags = list(flags)
    return report.highlight(text, start, end, [(f.start, f.end) for f in flags],
                            [span for f in flags for span in f.focus]).replace("$", "&#36;").replace("\n", "<br>")


def legend_html() -> str:
    keys = "".join(f"<span class='cmp-key' style='background:{COLOUR[k]}'>{ICON[k]} {k}</span>" for k in ICON)
    return (f"<div class='cmp-legend'>{keys}<span class='cmp-key' style='background:#fff'>"
            "<mark>words the wire copy lacks or contradicts</mark> in <u class='claim'>the claim they make</u>"
            " (red, wavy underline)</span></div>")


def article_html(c: Comparison) -> str:
    """The derived text, each sentence tinted and labelled by its verdict, each flag's claim underlined
    and its words marked."""
    text = c.derived.text
    flags_of: dict[str, list[Flag]] = {}                 # a flag lies within its sentence
    for f in c.flags:
        flags_of.setdefault(f.sentence_id, []).append(f)
    out, pos = ["<div class='cmp-article'><p>"], 0
    for s in c.derived.sentences:
        out.append(_gap_html(text[pos:s.start]))
        v, label = c.verdict(s.id), report.sentence_label(c, s)
        out.append(f"<span class='cmp-s' style='background:{COLOUR[label]}' title='{escape(v.reason)}'>"
                   f"<span class='cmp-tag'>{s.id} {ICON[label]} {label}</span> "
                   f"{_sentence_html(text, s.start, s.end, flags_of.get(s.id, ()))}</span>")
        pos = s.end
    out.append(_gap_html(text[pos:]))
    out.append("</p></div>")
    return "".join(out)


def _gap_html(gap: str) -> str:
    breaks = gap.count("\n")
    if breaks >= 2:
        return "</p><p>"
    if breaks == 1:
        return "<br>"
    return escape(gap)


def wire_html(c: Comparison) -> str:
    omitted = {o.wire_id for o in c.omissions}
    rows = []
    for s in c.wire.sentences:
        if s.id in omitted:
            rows.append(f"<li style='background:{OMITTED_COLOUR}'><span class='cmp-tag'>{s.id} ⊘ omitted</span> "
                        f"{escape(s.text)}</li>")
        else:
            rows.append(f"<li><span class='cmp-id'>{s.id}</span> {escape(s.text)}</li>")
    return f"<div class='cmp-article'><ul class='cmp-list' style='list-style:none;padding-left:0'>{''.join(rows)}</ul></div>"


def support_html(c: Comparison, sentence_id: str, wire_ids=None) -> str:
    """Wire sentences supporting a derived sentence, best first, with their similarity."""
    al = c.alignment(sentence_id)
    sims = dict(zip(al.wire_ids, al.similarities))
    ids = list(wire_ids) if wire_ids else list(al.wire_ids)
    if not ids:
        return "<p><i>No wire sentence resembles this one.</i></p>"
    items = []
    for wid in ids:
        try:
            wtext = c.wire.sentence(wid).text
        except KeyError:
            continue
        sim = f"similarity {sims[wid]:.2f}" if wid in sims else "similarity n/a"
        items.append(f"<li><span class='cmp-id'>{escape(wid)} · {sim}</span> {escape(wtext)}</li>")
    return f"<ul class='cmp-list'>{''.join(items)}</ul>"


def decision_line(d) -> str:
    note = f" — note: “{escape(d.note)}”" if d.note else ""
    return (f"<b>{DECISION_LABEL[d.decision]}</b> by {escape(d.editor)} "
            f"<span class='cmp-id'>{escape(d.decided_at[:19].replace('T', ' '))} UTC</span>{note}")


def moved_note(d, f: Flag) -> str:
    """A decision saved on the same words when the engine drew the flag differently says so."""
    if d.span == (f.start, f.end):
        return ""
    return f" <span class='cmp-id'>(saved on the earlier flag “{escape(d.flag_text)}”)</span>"


# ============================================================================ page sections

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
        c2.button("Load pair", key="load_pair_btn", on_click=on_load_pair, width="stretch")

    with sb.expander("Load a file or a web page", expanded=False):
        st.selectbox("Into", ["wire"] + [f"d{i}" for i in range(1, MAX_DERIVED + 1)], key="target",
                     format_func=lambda t: "Wire copy" if t == "wire" else f"Derived article {t[1:]}")
        st.file_uploader("File (.txt, .md, .html)", type=UPLOAD_TYPES, key=f"upload_{ss.upload_gen}",
                         on_change=on_upload, max_upload_size=max(1, -(-MAX_FILE_BYTES // 1_000_000)),
                         help="UTF-8 text; HTML pages are reduced to their article text")
        st.text_input("Web address", key="url", placeholder="https://…")
        st.button("Fetch", key="fetch_btn", on_click=on_fetch)

    sb.text_input("Wire copy name", key="wire_name")
    sb.text_area("Wire copy", key="wire_text", height=180, placeholder="Paste the Reuters / AP story here",
                 on_change=on_text_edited, args=("wire_text", "wire_name"))
    sb.number_input("Derived articles", min_value=1, max_value=MAX_DERIVED, step=1, key="n_derived")
    for i in range(1, int(ss.n_derived) + 1):
        tkey, nkey = _text_keys(i)
        sb.text_input(f"Derived article {i} name", key=nkey)
        sb.text_area(f"Derived article {i}", key=tkey, height=150, placeholder="Paste the derived article here",
                     on_change=on_text_edited, args=(tkey, nkey))
    sb.button("Compare", key="compare_btn", type="primary", on_click=on_compare, width="stretch")


def summary_strip(c: Comparison) -> None:
    s = c.summary
    cols = st.columns(4)
    cols[0].metric("Sentences", s["sentences"], help="Content sentences of the derived article")
    cols[1].metric("Supported", s["supported"], help="Copied or paraphrased from the wire copy")
    cols[2].metric("Flagged", s["flagged"], help="Partly supported, unsupported or contradicted")
    cols[3].metric("Omitted", s["omitted"], help="Wire sentences this version drops")
    n = max(1, s["sentences"])
    st.progress(s["supported"] / n, text=f"Supported by the wire copy: {s['supported']} of "
                                         f"{_count(s['sentences'], 'sentence')} ({100 * s['supported'] // n}%)")
    wire_n = len(c.wire.content_sentences)
    kept = max(0, wire_n - s["omitted"])
    st.progress(kept / max(1, wire_n), text=f"Wire copy carried over: {kept} of {_count(wire_n, 'sentence')} "
                                            f"({100 * kept // max(1, wire_n)}%)")


def sentence_inspector(k: int, c: Comparison) -> None:
    st.subheader("Sentence detail", divider="gray")
    sents = c.derived.sentences
    if not sents:
        st.info("This article has no sentences.")
        return
    ids = [s.id for s in sents]
    first_flagged = next((i for i, s in enumerate(sents) if c.verdict(s.id).label in FLAGGED_LABELS), 0)

    def fmt(sid: str) -> str:
        label = report.sentence_label(c, c.derived.sentence(sid))
        return f"{sid} · {ICON[label]} {label} · {_short(c.derived.sentence(sid).text, 80)}"

    sid = st.selectbox("Sentence", ids, index=first_flagged, format_func=fmt, key=f"sent_{k}_{_pair_key(c)}")
    s, v, al = c.derived.sentence(sid), c.verdict(sid), c.alignment(sid)
    label = report.sentence_label(c, s)
    _html(f"<div class='cmp-card sev-low'><div class='cmp-head'>{escape(sid)} · {s.section} · alignment: {al.tag}"
          f" · confidence {v.confidence:.2f}</div>"
          f"<span class='cmp-s' style='background:{COLOUR[label]}'>{_tag(label)} "
          f"{_sentence_html(c.derived.text, s.start, s.end, [f for f in c.flags if f.sentence_id == sid])}</span>"
          f"<p style='margin:.4rem 0 0 0'><b>Why:</b> {escape(v.reason)}</p></div>")
    left, right = st.columns(2)
    with left:
        st.markdown("**Support in the wire copy** (best first)")
        _html(support_html(c, sid))
        units = c.units_of(sid)
        if units:
            mark = {"supported": "✔ supported", "new": "✚ new", "contradicted": "⚠ contradicted"}
            rows = "".join(f"<tr><td>{escape(u.text)}</td><td>{u.kind}</td><td>{mark.get(u.status, u.status)}</td>"
                           f"<td>{escape(u.evidence)}</td></tr>" for u in units)
            st.markdown("**Checked pieces**")
            _html(f"<table class='cmp-table'><tr><th>text</th><th>kind</th><th>status</th><th>wire evidence</th></tr>"
                  f"{rows}</table>")
    with right:
        st.markdown("**Word diff with the best wire sentence**")
        if al.wire_ids:
            best = c.wire.sentence(al.wire_ids[0])
            _html(f"<div class='cmp-diff'><span class='cmp-id'>{escape(best.id)} → {escape(sid)}</span><br>"
                  f"{word_diff_html(best.text, s.text)}</div>")
            st.caption("Underlined green = words the derived sentence adds; struck red = wire words it drops.")
        else:
            st.caption("No wire sentence to compare with.")


def review_panel(k: int, c: Comparison, decisions: dict) -> None:
    st.subheader("Review flags", divider="red")
    pair = _pair_key(c)
    for kind, msg in ss.flash.pop(pair, []):
        getattr(st, kind)(msg)
    if ss.conflicts.get(pair):
        for msg in ss.conflicts[pair]:
            st.warning(msg, icon=":material/warning:")
        st.button("Hide conflict warnings", key=f"hide_conf_{k}_{pair}", on_click=on_clear_conflicts, args=(pair,))
    flags = c.flags
    if not flags:
        st.success("No flags: every sentence is supported by the wire copy.")
        return
    n = len(flags)
    decided = sum(1 for f in flags if (f.start, f.end) in decisions)
    if pair not in ss.flag_idx:      # start at the most severe undecided flag
        ss.flag_idx[pair] = next((i for i, f in enumerate(flags) if (f.start, f.end) not in decisions), 0)
    idx = max(0, min(ss.flag_idx[pair], n))
    st.progress(decided / n, text=f"{decided} of {_count(n, 'flag')} decided")
    if _editor():
        st.caption(f"Deciding as **{_md(_editor())}**: every decision you make is signed with this name "
                   "(change it in the sidebar).")
    else:
        st.caption(NAME_NEEDED)

    if idx >= n:
        st.success(f"You have been through {'the one flag' if n == 1 else f'all {n} flags'}; "
                   f"{decided} {'has' if decided == 1 else 'have'} a decision.")
        nxt = next((i for i, f in enumerate(flags) if (f.start, f.end) not in decisions), 0)
        st.button("Go to the first undecided flag" if decided < n else "Back to the first flag",
                  key=f"restart_{k}_{pair}", on_click=on_move, args=(pair, nxt))
        return

    f = flags[idx]
    sent = c.derived.sentence(f.sentence_id)
    current = decisions.get((f.start, f.end))
    current_html = (f"<p style='margin:.3rem 0'><b>Current decision:</b> {decision_line(current)}"
                    f"{moved_note(current, f)}</p>"
                    if current else "<p style='margin:.3rem 0'><b>Current decision:</b> none yet</p>")
    _html(f"<div class='cmp-card sev-{f.severity}'>"
          f"<div class='cmp-head'>Flag {idx + 1} of {n} · {SEVERITY_LABEL[f.severity]} · {_tag(f.verdict)} · "
          f"sentence {escape(f.sentence_id)}</div>"
          f"<p style='margin:0'><b>Flagged:</b> {_sentence_html(c.derived.text, f.start, f.end, [f])}</p>"
          f"<div class='cmp-quote'>{_sentence_html(c.derived.text, sent.start, sent.end, [f])}</div>"
          f"<p style='margin:.3rem 0'><b>Why:</b> {escape(f.reason)}</p>"
          f"<p style='margin:.3rem 0 0 0'><b>Wire support:</b></p>{support_html(c, f.sentence_id, f.wire_ids)}"
          f"{current_html}</div>")
    note_key = f"note_{pair}_{f.start}_{f.end}"
    st.text_input("Note (optional)", key=note_key, placeholder="e.g. checked with the Moscow bureau")
    cols = st.columns(3)
    for col, decision in zip(cols, DECISIONS):
        col.button(DECISION_BUTTON[decision], key=f"dec_{decision}_{k}_{pair}", width="stretch",
                   type="primary" if decision == "confirmed" else "secondary",
                   help={"confirmed": "The flag is right: this is not in the wire copy",
                         "dismissed": "The flag is wrong: the wire copy supports this",
                         "needs_source": "Needs another source before it can run"}[decision],
                   on_click=on_decide, args=(pair, c.wire.sha256, c.derived.sha256, f, decision,
                                             current.id if current else None, note_key, idx))
    nav = st.columns(3)
    nav[0].button("◀ Previous", key=f"prev_{k}_{pair}", disabled=idx == 0, on_click=on_move, args=(pair, idx - 1),
                  width="stretch")
    nav[1].button("Next ▶", key=f"next_{k}_{pair}", on_click=on_move, args=(pair, idx + 1), width="stretch")
    undecided = next((i for i in list(range(idx + 1, n)) + list(range(0, idx))
                      if (flags[i].start, flags[i].end) not in decisions), None)
    nav[2].button("Undecided ▶", key=f"undec_{k}_{pair}", disabled=undecided is None,
                  help="Jump to the next flag without a decision",
                  on_click=on_move, args=(pair, undecided if undecided is not None else idx), width="stretch")


def decisions_section(k: int, c: Comparison, decisions: dict, earlier: list) -> None:
    st.subheader("Decisions (latest per flag)", divider="gray")
    if earlier:
        items = "".join(f"<li><mark>{escape(d.flag_text)}</mark> · <b>{DECISION_LABEL[d.decision]}</b> by "
                        f"{escape(d.editor)}, {escape(d.decided_at[:16].replace('T', ' '))}"
                        f"{' · ' + escape(d.note) if d.note else ''}</li>" for d in earlier)
        _html("<div class='cmp-card'><b>Decisions on flags this comparison no longer raises</b> (the engine has "
              f"changed since they were saved; they stay in the history):<ul class='cmp-list'>{items}</ul></div>")
    numbered = [(n, f) for n, f in enumerate(c.flags, 1) if (f.start, f.end) in decisions]
    if not numbered:
        st.caption("No decision yet on this article's flags.")
    else:
        rows = []
        for n, f in numbered:
            d = decisions[(f.start, f.end)]
            rows.append(f"<tr><td>{n}</td><td>{SEVERITY_LABEL[f.severity]}</td><td>{escape(f.text)}{moved_note(d, f)}</td>"
                        f"<td><b>{DECISION_LABEL[d.decision]}</b></td><td>{escape(d.editor)}</td>"
                        f"<td>{escape(d.note)}</td><td>{escape(d.decided_at[:19].replace('T', ' '))}</td></tr>")
        _html("<table class='cmp-table cmp-decisions'><tr><th>#</th><th>severity</th><th>flagged text</th><th>decision</th>"
              f"<th>editor</th><th>note</th><th>when (UTC)</th></tr>{''.join(rows)}</table>")
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
        _html("<table class='cmp-table cmp-history'><tr><th>id</th><th>when (UTC)</th><th>editor</th><th>flagged text</th>"
              f"<th>decision</th><th>note</th><th>replaces</th></tr>{rows}</table>")


def omissions_section(c: Comparison) -> None:
    st.subheader("What the wire copy said that this version drops", divider="blue")
    if not c.omissions:
        st.caption("Nothing important is missing.")
    else:
        items = "".join(f"<li><span class='cmp-id'>{escape(o.wire_id)} · weight {o.weight:.2f}</span> "
                        f"{escape(o.text)}</li>" for o in c.omissions)
        _html(f"<ul class='cmp-list'>{items}</ul>")
    with st.expander("The whole wire copy (⊘ = omitted in this version)"):
        _html(wire_html(c))


def comparison_tab(k: int, c: Comparison, decisions: dict, earlier: list | None = None) -> None:
    if c.looks_unrelated:
        st.error(f"These texts do not look like the same story: {round(100 * c.unmatched_share)}% of the "
                 "derived article's sentences have no counterpart in the wire copy. Check that this is the "
                 "wire copy it came from before weighing the flags below.", icon=":material/link_off:")
    summary_strip(c)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("Derived article", divider="gray")
        _html(legend_html())
        _html(article_html(c))
    with right:
        review_panel(k, c, decisions)
    decisions_section(k, c, decisions, earlier or [])
    sentence_inspector(k, c)
    omissions_section(c)


def exports(comps: list[Comparison], decisions: list[dict]) -> None:
    st.subheader("Export", divider="gray")
    st.caption("Reports of every derived article above, with the editors' current decisions.")
    base = comps[0].wire.name
    files = [("Markdown", report.to_markdown(comps, decisions), "md", "text/markdown"),
             ("HTML", report.to_html(comps, decisions), "html", "text/html"),
             ("JSON", report.to_json(comps, decisions), "json", "application/json"),
             ("CSV (flags + decisions)", flags_csv_many(comps, decisions), "csv", "text/csv")]
    for col, (label, data, ext, mime) in zip(st.columns(len(files)), files):
        col.download_button(f"⬇ {label}", data=data.encode("utf-8"), file_name=export_name(base, ext),
                            mime=mime, key=f"export_{ext}", on_click="ignore", width="stretch")


# ============================================================================ the page

def main() -> None:
    st.set_page_config(page_title="compare · fact-check desk", page_icon=":material/fact_check:", layout="wide")
    st.html(f"<style>{CSS}</style>")
    init_state()
    _keep_unrendered_boxes()
    sidebar()

    st.title(":material/fact_check: compare · fact-check desk")
    st.caption("Checks each derived article against its wire copy: what it adds, changes or drops. "
               "Paste, upload or fetch articles in the sidebar.")
    for kind, msg in ss.get("messages", []):
        getattr(st, kind)(_md(msg))
    if "toast" in ss:
        st.toast(ss.pop("toast"), icon=":material/task_alt:")

    active = ss.active
    if not active:
        st.info("Paste a wire copy and a derived article in the sidebar, then press Compare.")
        return
    wire_name, wire_text = active["wire"]
    comps = []
    try:
        with st.spinner(f"Comparing {_count(len(active['derived']), 'article')} with the wire copy…"):
            load_engine()
            for name, text in active["derived"]:
                comps.append(run_compare(sha256(wire_text), sha256(text), wire_name, name, wire_text, text))
    except CompareError as exc:
        st.error(_md(str(exc)))
        return
    try:
        store = get_store()
        if store.read_only:                      # saved decisions are shown; new ones cannot be saved
            st.warning(_md(store.read_only_message))
        matches = [match_flags(c.flags, store.latest(c.wire.sha256, c.derived.sha256)) for c in comps]
        decisions = [m for m, _ in matches]
        earlier = [left for _, left in matches]
    except StoreError as exc:                    # the comparison is still shown, without decisions
        st.error(_md(f"Decisions can be neither shown nor saved: {exc}"))
        decisions = [{} for _ in comps]
        earlier = [[] for _ in comps]
    if _boxes_changed(active):
        st.caption("The boxes have been edited since this comparison: press **Compare** to update it.")

    st.markdown(f"Wire copy: **{_md(wire_name)}** · {_count(len(comps[0].wire.content_sentences), 'sentence')}")
    labels = [f"{k + 1}. {_md(_short(c.derived.name, 40))} · {_count(len(c.flags), 'flag')}"
              for k, c in enumerate(comps)]
    for k, (tab, c) in enumerate(zip(st.tabs(labels), comps)):
        with tab:
            comparison_tab(k, c, decisions[k], earlier[k])
    exports(comps, decisions)


def _boxes_changed(active: dict) -> bool:
    try:
        return _snapshot_boxes() != active
    except _InputProblems:
        return True


main()

"""Reports: JSON (compare.report/1) round-trips, Markdown has the flag table, HTML treats article text as text."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from compare.output import html as html_report
from compare.output import json_report, labels, markdown

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def trade(engine):
    return engine.compare(read(FIXTURES / "trade_wire.txt"), read(FIXTURES / "trade_derived.txt"),
                          "trade_derived.txt", "trade_wire.txt")


HOSTILE = ('Bilateral trade is expected to top $50 billion this year, Jaishankar told reporters '
           '<script>alert("pwned")</script> | <img src=x onerror=alert(1)>.\n\n'
           'The two ministers also discussed the war in Ukraine & the conflict in Gaza.\n')


@pytest.fixture(scope="module")
def hostile(engine):
    return engine.compare(read(FIXTURES / "trade_wire.txt"), HOSTILE, "<b>evil</b> name", "trade_wire.txt")


# -- JSON ----------------------------------------------------------------------------------------------------
def test_json_round_trips(trade) -> None:
    text = json_report.to_json([trade])
    data = json.loads(text)
    assert data == json_report.to_dict([trade])
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_json_follows_the_schema(trade) -> None:
    data = json.loads(json_report.to_json([trade]))
    assert data["schema"] == "compare.report/1"
    wire = data["wire"]
    assert wire["name"] == "trade_wire.txt" and wire["text"] == trade.wire.text
    assert re.fullmatch(r"[0-9a-f]{64}", wire["text_sha256"])
    (d,) = data["derived"]
    assert d["name"] == "trade_derived.txt" and d["text"] == trade.derived.text
    assert [s["id"] for s in d["sentences"]] == [s.id for s in trade.derived.sentences]
    for s in d["sentences"]:
        assert d["text"][s["start"]:s["end"]] == s["text"]
        assert s["verdict"] in ("copied", "paraphrased", "partial", "unsupported", "contradicted")
        assert 0.0 <= s["confidence"] <= 1.0
        for u in s["units"]:
            assert d["text"][u["start"]:u["end"]] == u["text"]
            assert u["status"] in ("supported", "new", "contradicted")
    for f in d["flags"]:
        assert d["text"][f["start"]:f["end"]] == f["text"]
        assert f["severity"] in ("high", "medium", "low")
    for o in d["omissions"]:
        assert wire["text"][o["start"]:o["end"]] == o["text"]
    flag = next(f for f in d["flags"] if f["text"] == "$50 billion")
    assert flag["verdict"] == "contradicted"
    assert set(d["summary"]) == {"sentences", "supported", "flagged", "omitted"}


def test_json_report_of_several_derived_articles(engine, trade) -> None:
    other = engine.compare(read(FIXTURES / "trade_wire.txt"), "The two ministers also discussed the war in Ukraine.")
    data = json.loads(json_report.to_json([trade, other]))
    assert len(data["derived"]) == 2
    assert data["derived"][1]["summary"]["flagged"] == 0


def test_a_report_needs_a_comparison() -> None:
    with pytest.raises(ValueError):
        json_report.to_dict([])


def test_json_keeps_non_ascii_text_as_is(engine) -> None:
    c = engine.compare(read(FIXTURES / "storm_wire.txt"), read(FIXTURES / "storm_derived_crlf.txt"))
    text = json_report.to_json([c])
    assert "🌊" in text and "“We are asking" in text
    assert json.loads(text)["derived"][0]["text"] == c.derived.text


# -- Markdown ----------------------------------------------------------------------------------------------
def test_markdown_has_the_flag_table(trade) -> None:
    md = markdown.to_markdown([trade])
    assert md.startswith("# Comparison report")
    assert "### Flags (most severe first)" in md
    assert "| # | severity | verdict | text | reason | wire | decision |" in md
    rows = [line for line in md.splitlines() if line.startswith("| 1 |")]
    assert rows and "high" in rows[0] and "contradicted" in rows[0] and "\\$50 billion" in rows[0]
    assert "### What the wire copy said that this version drops" in md
    for o in trade.omissions:
        assert markdown._md_escape(o.text) in md


def test_markdown_escapes_pipes_and_html_in_article_text(hostile) -> None:
    md = markdown.to_markdown([hostile])
    assert 'Jaishankar told reporters \\<script\\>alert\\("pwned"\\)\\</script\\> \\| \\<img' in md
    assert "## \\<b\\>evil\\</b\\> name" in md
    assert "<script>" not in md
    table = [line for line in md.splitlines() if line.startswith("| ") and "| " in line[2:]]
    header_cells = table[0].count(" | ")
    for row in table[2:]:
        assert row.replace("\\|", "").count(" | ") == header_cells, row


# Article text that would be markup if the Markdown report let it through: each string must come out of
# a CommonMark renderer as that very text.
MD_HOSTILE = ["\\<script>alert(1)</script>", "![chart](http://x/y.png)", "[link](http://x)",
              "<img src=x onerror=alert(1)>", "# heading", "`code`", "*em*", "__strong__", "&lt; and &amp;",
              "<http://x>", "http://x", "a\\|b", "~~gone~~", "{attr}", "$5 and $6"]
MD_HOSTILE_WIRE = ("The minister said on Monday that talks with the union would continue next week.\n\n"
                   "Officials said the plan was approved by the cabinet on Sunday.\n\n"
                   "The port authority said repairs <b>[see](http://x)</b> would start *soon* at the docks.\n")
MD_HOSTILE_DERIVED = (
    "# heading The minister said on Monday that talks with the union \\<script>alert(1)</script> would "
    "continue next week.\n\n"
    "Officials said ![chart](http://x/y.png) the plan [link](http://x) was approved by the cabinet on Friday "
    "<img src=x onerror=alert(1)> with `code` and *em* and __strong__ and &lt; and &amp; signs.\n\n"
    "The union said <http://x> and http://x carry a\\|b and ~~gone~~ {attr} pay of $5 and $6 an hour.\n")
MD_HOSTILE_NAME = "# ![evil](http://x/e.png) <b>name</b> `x`"
MD_HOSTILE_WIRE_NAME = "*wire* [w](http://x)"


def _inline_text(children) -> str:
    """What an inline token stream shows as text: text tokens as written, markup tokens left out."""
    return "".join(t.content if t.type in ("text", "code_inline") else " " if t.type in ("softbreak", "hardbreak")
                   else "" for t in children)


def test_markdown_report_renders_article_text_as_text_only(engine) -> None:
    from html.parser import HTMLParser

    from markdown_it import MarkdownIt

    from compare.review.store import Decision

    c = engine.compare(MD_HOSTILE_WIRE, MD_HOSTILE_DERIVED, MD_HOSTILE_NAME, MD_HOSTILE_WIRE_NAME)
    assert c.flags and c.omissions, "the hostile pair must fill the flag table and the omissions"
    top = c.flags[0]
    hostile_decision = Decision(c.wire.sha256, c.derived.sha256, top.start, top.end, top.text, "needs_source",
                                "[call](http://x) *back* <b>now</b>", "<img src=x onerror=alert(1)>",
                                "2026-01-01T00:00:00+00:00", 1, None)
    text = markdown.to_markdown([c], [{(top.start, top.end): hostile_decision}])
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)

    # nothing the report never writes itself may appear at all
    never = {"html_block", "html_inline", "image", "link_open", "code_block", "fence", "blockquote_open", "hr",
             "s_open", "ordered_list_open"}
    inline = [t for t in tokens if t.type == "inline"]
    every = tokens + [child for t in inline for child in t.children or []]
    assert not [t.type for t in every if t.type in never]

    # the report's own headings, and nothing else, are headings (the derived name is one, as text)
    headings = [_inline_text(tokens[i + 1].children) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["Comparison report", MD_HOSTILE_NAME, "Flags (most severe first)", "Sentences",
                        "What the wire copy said that this version drops"]

    # code spans are the report's sentence ids and hash only; emphasis is the report's own: verdict labels,
    # focus words, the wire copy's name (bold) and the verdicts' reasons (italic), each exactly
    bold_ok = ({labels.sentence_label(c, s) for s in c.derived.sentences} | {w for f in c.flags for w in f.words}
               | {MD_HOSTILE_WIRE_NAME})
    italic_ok = {c.verdict(s.id).reason for s in c.derived.sentences}
    for t in inline:
        kids = t.children or []
        for i, k in enumerate(kids):
            if k.type == "code_inline":
                assert re.fullmatch(r"[dw]\d+|[0-9a-f]{12}", k.content), k.content
            if k.type in ("strong_open", "em_open"):
                close = next(j for j in range(i + 1, len(kids)) if kids[j].type == k.type.replace("open", "close"))
                inside = " ".join(_inline_text(kids[i + 1:close]).split())
                assert inside in {" ".join(x.split()) for x in (bold_ok if k.type == "strong_open" else italic_ok)}, \
                    (k.type, inside)

    # every hostile string is there, literally, as text: in the sentence list, the flag table, the omissions
    shown = "\n".join(_inline_text(t.children) for t in inline)
    for h in MD_HOSTILE + [MD_HOSTILE_NAME, MD_HOSTILE_WIRE_NAME, "<b>[see](http://x)</b>", "*soon*",
                           hostile_decision.editor, hostile_decision.note]:
        assert h in shown, h
    # the flag table keeps its seven columns in every row
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 1 + len(c.flags)
    for i, t in enumerate(tokens):
        if t.type == "tr_open":
            cells = next(j for j in range(i, len(tokens)) if tokens[j].type == "tr_close")
            assert sum(x.type in ("td_open", "th_open") for x in tokens[i:cells]) == 7

    # the HTML a renderer makes of it: only the report's own tags, no attributes, the hostile strings as text
    class Page(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.tags, self.attrs, self.text = set(), [], []

        def handle_starttag(self, tag, attrs) -> None:
            self.tags.add(tag)
            self.attrs += attrs

        def handle_data(self, data) -> None:
            self.text.append(data)

    page = Page()
    page.feed(md.render(text))
    page.close()
    assert page.tags <= {"h1", "h2", "h3", "p", "strong", "em", "code", "table", "thead", "tbody", "tr", "th", "td",
                         "ul", "li"}, page.tags
    assert page.attrs == []
    seen = "".join(page.text)
    for h in MD_HOSTILE + [MD_HOSTILE_NAME, MD_HOSTILE_WIRE_NAME, hostile_decision.editor]:
        assert h in seen, h


def test_markdown_without_flags_says_so(engine) -> None:
    c = engine.compare(read(FIXTURES / "trade_wire.txt"), "The two ministers also discussed the war in Ukraine.")
    assert "No flags." in markdown.to_markdown([c])


# -- the page's words in every export ---------------------------------------------------------------------
DATELINED = ("date 2023-12-28\n"
             "Bilateral trade is expected to top $50 billion this year, Jaishankar told reporters.\n")


@pytest.fixture(scope="module")
def datelined(engine):
    return engine.compare(read(FIXTURES / "trade_wire.txt"), DATELINED, "datelined.txt", "trade_wire.txt")


def _decided(c, decision: str):
    from compare.review.store import Decision
    f = c.flags[0]
    return {(f.start, f.end): Decision(c.wire.sha256, c.derived.sha256, f.start, f.end, f.text, decision, "call back",
                                       "Ana Ruiz", "2026-01-01T00:00:00+00:00", 1, None)}


def test_exports_write_decisions_in_the_page_s_words_and_json_keeps_the_stored_value(datelined) -> None:
    import csv
    import io

    from compare.output.csv_flags import flags_csv
    dec = _decided(datelined, "needs_source")
    md = markdown.to_markdown([datelined], [dec])
    assert "| Needs source (Ana Ruiz: call back) |" in md and "needs_source" not in md
    page = html_report.to_html([datelined], [dec])
    assert "Needs source by Ana Ruiz: call back" in page and "needs_source" not in page
    rows = list(csv.DictReader(io.StringIO(flags_csv(datelined, dec))))
    assert rows[0]["decision"] == "Needs source" and rows[0]["editor"] == "Ana Ruiz"
    data = json_report.to_dict([datelined], [dec])
    assert data["schema"] == "compare.report/1"
    assert data["derived"][0]["flags"][0]["decision"]["decision"] == "needs_source"
    for word, stored in (("Confirmed", "confirmed"), ("Dismissed", "dismissed")):
        assert f"| {word} (Ana Ruiz: call back) |" in markdown.to_markdown([datelined], [_decided(datelined, stored)])


def test_a_dateline_has_one_label_in_every_export_and_the_json_keeps_the_engine_s_values(datelined) -> None:
    dateline, claim = datelined.derived.sentences
    assert (dateline.text, dateline.section) == ("date 2023-12-28", "boilerplate")
    assert labels.sentence_label(datelined, dateline) == "boilerplate"     # what the page's tag says too
    assert labels.sentence_label(datelined, claim) == datelined.verdict(claim.id).label
    md = markdown.to_markdown([datelined])
    (line,) = [x for x in md.splitlines() if x.startswith(f"- `{dateline.id}`")]
    assert "**boilerplate**" in line and "paraphrased" not in line and "copied" not in line
    (line,) = [x for x in md.splitlines() if x.startswith(f"- `{claim.id}`")]
    assert f"**{datelined.verdict(claim.id).label}**:" in line and "(body)" not in line
    page = html_report.to_html([datelined])
    assert f"<b>{labels.LABEL_ICON['boilerplate']} boilerplate</b> date 2023-12-28" in page
    sents = {s["id"]: s for s in json_report.to_dict([datelined])["derived"][0]["sentences"]}
    assert sents[dateline.id]["section"] == "boilerplate"
    assert sents[dateline.id]["verdict"] == datelined.verdict(dateline.id).label      # the engine's, unchanged


def test_counts_are_singular_for_one(datelined) -> None:
    assert datelined.summary["sentences"] == 1
    md = markdown.to_markdown([datelined])
    assert "1 sentence:" in md and "1 sentences" not in md
    assert "1 sentence ·" in html_report.to_html([datelined])
    assert [labels.count(n, "flag") for n in (0, 1, 2)] == ["0 flags", "1 flag", "2 flags"]
    assert labels.count(1, "wire sentence") == "1 wire sentence"


# -- HTML -------------------------------------------------------------------------------------------------
def test_html_escapes_article_text(hostile) -> None:
    page = html_report.to_html([hostile])
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "<b>evil</b>" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;evil&lt;/b&gt;" in page
    assert "Ukraine &amp; the conflict" in page


def test_html_marks_the_flagged_words(trade) -> None:
    page = html_report.to_html([trade])
    assert "<mark>$50 billion</mark>" in page
    assert page.count("<tr>") == 1 + len(trade.flags)
    for o in trade.omissions:
        assert "(omitted)" in page


def test_highlight_escapes_and_marks_exact_spans() -> None:
    text = "a <b> c & d"
    out = html_report.highlight(text, 0, len(text), [(2, 5)])
    assert out == "a <u class='claim'>&lt;b&gt;</u> c &amp; d"
    # a claim with its focus words: the words marked, the rest of the claim underlined
    out = html_report.highlight(text, 0, len(text), [(0, 8)], [(2, 5)])
    assert out == "<u class='claim'>a </u><mark>&lt;b&gt;</mark><u class='claim'> c </u>&amp; d"

"""Reports: JSON (compare.report/1) round-trips, Markdown has the flag table, HTML treats article text as text."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from compare import report

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
    text = report.to_json([trade])
    data = json.loads(text)
    assert data == report.to_dict([trade])
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_json_follows_the_schema(trade) -> None:
    data = json.loads(report.to_json([trade]))
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
    data = json.loads(report.to_json([trade, other]))
    assert len(data["derived"]) == 2
    assert data["derived"][1]["summary"]["flagged"] == 0


def test_a_report_needs_a_comparison() -> None:
    with pytest.raises(ValueError):
        report.to_dict([])


def test_json_keeps_non_ascii_text_as_is(engine) -> None:
    c = engine.compare(read(FIXTURES / "storm_wire.txt"), read(FIXTURES / "storm_derived_crlf.txt"))
    text = report.to_json([c])
    assert "🌊" in text and "“We are asking" in text
    assert json.loads(text)["derived"][0]["text"] == c.derived.text


# -- Markdown ----------------------------------------------------------------------------------------------
def test_markdown_has_the_flag_table(trade) -> None:
    md = report.to_markdown([trade])
    assert md.startswith("# Comparison report")
    assert "### Flags (most severe first)" in md
    assert "| # | severity | verdict | text | reason | wire | decision |" in md
    rows = [line for line in md.splitlines() if line.startswith("| 1 |")]
    assert rows and "high" in rows[0] and "contradicted" in rows[0] and "$50 billion" in rows[0]
    assert "### What the wire copy said that this version drops" in md
    for o in trade.omissions:
        assert o.text in md


def test_markdown_escapes_pipes_and_html_in_article_text(hostile) -> None:
    md = report.to_markdown([hostile])
    assert "Jaishankar told reporters \\<script>alert(\"pwned\")\\</script> \\| \\<img" in md
    assert "## \\<b>evil\\</b> name" in md
    assert "<script>" not in md.replace("\\<script>", "")
    table = [line for line in md.splitlines() if line.startswith("| ") and "| " in line[2:]]
    header_cells = table[0].count(" | ")
    for row in table[2:]:
        assert row.replace("\\|", "").count(" | ") == header_cells, row


def test_markdown_without_flags_says_so(engine) -> None:
    c = engine.compare(read(FIXTURES / "trade_wire.txt"), "The two ministers also discussed the war in Ukraine.")
    assert "No flags." in report.to_markdown([c])


# -- HTML -------------------------------------------------------------------------------------------------
def test_html_escapes_article_text(hostile) -> None:
    page = report.to_html([hostile])
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "<b>evil</b>" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;evil&lt;/b&gt;" in page
    assert "Ukraine &amp; the conflict" in page


def test_html_marks_the_flagged_words(trade) -> None:
    page = report.to_html([trade])
    assert "<mark>$50 billion</mark>" in page
    assert page.count("<tr>") == 1 + len(trade.flags)
    for o in trade.omissions:
        assert "(omitted)" in page


def test_highlight_escapes_and_marks_exact_spans() -> None:
    text = "a <b> c & d"
    out = report.highlight(text, 0, len(text), [(2, 5)])
    assert out == "a <u class='claim'>&lt;b&gt;</u> c &amp; d"
    # a claim with its focus words: the words marked, the rest of the claim underlined
    out = report.highlight(text, 0, len(text), [(0, 8)], [(2, 5)])
    assert out == "<u class='claim'>a </u><mark>&lt;b&gt;</mark><u class='claim'> c </u>&amp; d"

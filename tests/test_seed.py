"""The seed pair end to end: the CLI's JSON report passes the editor's gold reading (check_seed.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "demo"
WIRE = DEMO / "wire_dawn_reuters_2023-12-27.txt"
DERIVED = DEMO / "derived_rewrite_2023-12-28.txt"
CHECK_SEED = Path(__file__).resolve().parents[2] / "shared" / "tools" / "check_seed.py"

LABELS = {"copied", "paraphrased", "partial", "unsupported", "contradicted"}
SECTIONS = {"body", "heading", "faq_question", "faq_answer", "caption", "boilerplate"}
TAGS = {"verbatim", "paraphrase", "merged", "split", "none"}
KINDS = {"number", "date", "day", "duration", "person", "org", "place", "quote", "phrase", "word", "negation", "hedge"}


def _env() -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


@pytest.fixture(scope="module")
def report_path(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "seed_report.json"
    proc = subprocess.run([sys.executable, "-m", "compare", str(WIRE), str(DERIVED), "--format", "json",
                           "--out", str(out)], cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"wrote {out}: 1 derived article(s)" in proc.stderr
    return out


@pytest.fixture(scope="module")
def report(report_path: Path) -> dict:
    return json.loads(report_path.read_text(encoding="utf-8"))


def test_check_seed_passes(report_path: Path) -> None:
    if not CHECK_SEED.is_file():
        pytest.skip(f"{CHECK_SEED} not present")
    proc = subprocess.run([sys.executable, str(CHECK_SEED), str(report_path)], cwd=ROOT, env=_env(),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _check_doc(doc: dict) -> None:
    assert isinstance(doc["name"], str) and isinstance(doc["text"], str)
    assert isinstance(doc["text_sha256"], str) and len(doc["text_sha256"]) == 64
    assert isinstance(doc["sentences"], list) and doc["sentences"]
    for s in doc["sentences"]:
        assert isinstance(s["id"], str) and _is_int(s["start"]) and _is_int(s["end"])
        assert s["section"] in SECTIONS
        assert doc["text"][s["start"]:s["end"]] == s["text"]


def test_report_follows_schema_compare_report_1(report: dict) -> None:
    assert set(report) == {"schema", "wire", "derived"}
    assert report["schema"] == "compare.report/1"
    wire = report["wire"]
    assert set(wire) == {"name", "text", "text_sha256", "sentences"}
    _check_doc(wire)
    assert wire["text"] == WIRE.read_text(encoding="utf-8")
    assert isinstance(report["derived"], list) and len(report["derived"]) == 1
    d = report["derived"][0]
    assert set(d) == {"name", "text", "text_sha256", "sentences", "flags", "omissions", "summary"}
    _check_doc(d)
    assert d["text"] == DERIVED.read_text(encoding="utf-8")
    wire_ids = {s["id"] for s in wire["sentences"]}
    for s in d["sentences"]:
        assert s["verdict"] in LABELS and isinstance(s["reason"], str) and s["reason"]
        assert isinstance(s["confidence"], float) and 0.0 <= s["confidence"] <= 1.0
        assert s["alignment"] in TAGS
        for sup in s["support"]:
            assert set(sup) == {"wire_id", "similarity"}
            assert sup["wire_id"] in wire_ids and isinstance(sup["similarity"], float)
        for u in s["units"]:
            assert set(u) == {"start", "end", "text", "kind", "status"}
            assert u["kind"] in KINDS and u["status"] in {"supported", "new", "contradicted"}
            assert d["text"][u["start"]:u["end"]] == u["text"]
    sentence_ids = {s["id"] for s in d["sentences"]}
    for f in d["flags"]:
        assert set(f) == {"start", "end", "text", "focus", "verdict", "severity", "reason", "sentence_id", "wire_ids"}
        for w in f["focus"]:
            assert f["start"] <= w["start"] < w["end"] <= f["end"] and d["text"][w["start"]:w["end"]] == w["text"]
        assert f["verdict"] in {"partial", "unsupported", "contradicted"}
        assert f["severity"] in {"high", "medium", "low"}
        assert f["sentence_id"] in sentence_ids and set(f["wire_ids"]) <= wire_ids
        assert d["text"][f["start"]:f["end"]] == f["text"]
    for o in d["omissions"]:
        assert set(o) == {"wire_id", "start", "end", "text", "weight"}
        assert o["wire_id"] in wire_ids and isinstance(o["weight"], float)
        assert wire["text"][o["start"]:o["end"]] == o["text"]
    summary = d["summary"]
    assert set(summary) == {"sentences", "supported", "flagged", "omitted"}
    assert all(_is_int(v) for v in summary.values())
    assert summary["supported"] + summary["flagged"] == summary["sentences"]
    assert summary["omitted"] == len(d["omissions"])


def test_seed_report_sections(report: dict) -> None:
    wire = {s["text"]: s["section"] for s in report["wire"]["sentences"]}
    assert wire["date 2023-12-27"] == "boilerplate" and wire["DAWN.COM Logo"] == "boilerplate"
    derived = report["derived"][0]["sentences"]
    assert (derived[0]["text"], derived[0]["section"]) == ("date 2023-12-28", "boilerplate")
    assert [s["section"] for s in derived if s["text"].startswith("Q:")] == ["faq_question"] * 5
    assert [s["section"] for s in derived if s["text"].startswith("A:")] == ["faq_answer"] * 5

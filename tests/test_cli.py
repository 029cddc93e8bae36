"""The command line: reports in every format, and one clear line (never a traceback) for every bad input."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compare import cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
WIRE = FIXTURES / "trade_wire.txt"
DERIVED = FIXTURES / "trade_derived.txt"

ENGLISH = ("The city harbour reopened on Tuesday after a storm forced the port authority to close it for three "
           "days, officials said. Fishing boats returned to the water in the morning.\n")
FRENCH = ("Le port de la ville a rouvert mardi après qu'une tempête a contraint l'autorité portuaire à le fermer "
          "pendant trois jours, ont indiqué les responsables. Les bateaux de pêche sont retournés en mer.\n")
RUSSIAN = ("Порт города вновь открылся во вторник после того, как шторм вынудил портовые власти закрыть его на "
           "три дня, сообщили официальные лица.\n")


def run_cli(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    return subprocess.run([sys.executable, "-m", "compare", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def assert_one_clear_error(proc: subprocess.CompletedProcess, *names: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got: {proc.stderr!r}"
    line = lines[0]
    assert line.startswith("compare: error: ")
    for name in names:
        assert name in line, f"{name!r} not named in {line!r}"
    assert proc.stdout == ""
    return line


# -- bad input: each gets exit status 2 and one line naming the file ----------------------------------------
def _bad_files(tmp: Path) -> dict[str, Path]:
    files = {
        "empty": tmp / "empty.txt",
        "blank": tmp / "blank.txt",
        "binary": tmp / "photo.txt",
        "pdf": tmp / "story.pdf",
        "latin1": tmp / "latin1.txt",
        "big": tmp / "big.txt",
        "french": tmp / "french.txt",
        "russian": tmp / "russian.txt",
        "empty_html": tmp / "page.html",
    }
    files["empty"].write_bytes(b"")
    files["blank"].write_bytes(b"  \r\n\n\t\n")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    files["pdf"].write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n")
    files["latin1"].write_bytes(("The café owners in Málaga said the régime of fees was unfair to everyone, "
                                 "and the council agreed to review it.\n").encode("latin-1"))
    files["big"].write_bytes(ENGLISH.encode() * (2_000_000 // len(ENGLISH) + 1))
    files["french"].write_text(FRENCH, encoding="utf-8")
    files["russian"].write_text(RUSSIAN, encoding="utf-8")
    files["empty_html"].write_text("<!DOCTYPE html><html><head><script>var x = 1;</script></head><body></body></html>",
                                   encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> dict[str, Path]:
    return _bad_files(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("case, words", [
    ("empty", "empty"),
    ("blank", "empty"),
    ("binary", "binary"),
    ("pdf", "binary"),
    ("latin1", "UTF-8"),
    ("big", "limit"),
    ("french", "English"),
    ("russian", "English"),
    ("empty_html", "no article text"),
])
def test_bad_derived_file(bad, case: str, words: str) -> None:
    path = bad[case]
    if case == "big":
        assert path.stat().st_size >= 2_000_000
    line = assert_one_clear_error(run_cli(WIRE, path), str(path))
    assert words in line


def test_bad_wire_file(bad) -> None:
    assert_one_clear_error(run_cli(bad["latin1"], DERIVED), str(bad["latin1"]), "UTF-8")


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "no_such_article.txt"
    line = assert_one_clear_error(run_cli(WIRE, missing), str(missing))
    assert "no such file" in line


def test_missing_wire_file(tmp_path: Path) -> None:
    missing = tmp_path / "wire.txt"
    assert_one_clear_error(run_cli(missing, DERIVED), str(missing), "no such file")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    assert_one_clear_error(run_cli(WIRE, tmp_path), str(tmp_path), "folder")


def test_out_in_a_missing_folder_is_refused_before_any_work(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "report.json"
    assert_one_clear_error(run_cli(WIRE, DERIVED, "--out", out), str(out), "does not exist")
    assert not out.exists()


def test_unreadable_url_scheme_is_refused() -> None:
    proc = run_cli(WIRE, "ftp://example.com/story.txt")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "ftp://example.com/story.txt" in proc.stderr


@pytest.mark.parametrize("args", [[], [str(WIRE)], [str(WIRE), str(DERIVED), "--format", "pdf"],
                                  ["batch"], ["batch", "pairs.jsonl"]])
def test_bad_arguments_exit_2_with_usage(args: list[str]) -> None:
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "error:" in proc.stderr.splitlines()[-1]


def test_batch_with_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "pairs.jsonl"
    assert_one_clear_error(run_cli("batch", missing, "--out", tmp_path / "out.jsonl"), str(missing))


def test_help_has_an_example() -> None:
    proc = run_cli("--help")
    assert proc.returncode == 0
    assert "python -m compare corpus/demo/wire_dawn_reuters_2023-12-27.txt" in proc.stdout


# -- reports (in process: the shared engine is loaded once) ----------------------------------------------------
def test_markdown_to_standard_output(capsys) -> None:
    assert cli.main([str(WIRE), str(DERIVED), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "| # | severity | verdict | text | reason | wire | decision |" in out
    assert "$50 billion" in out and "contradicted" in out


def test_json_and_html_to_files(tmp_path: Path, capsys) -> None:
    out = tmp_path / "report.json"
    assert cli.main([str(WIRE), str(DERIVED), str(FIXTURES / "budget_derived.txt"), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"wrote {out}: 2 derived article(s)" in err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "compare.report/1"
    assert [d["name"] for d in data["derived"]] == ["trade_derived.txt", "budget_derived.txt"]
    page = tmp_path / "report.html"
    assert cli.main([str(WIRE), str(DERIVED), "--format", "html", "--out", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_crlf_and_utf16_files_are_read(tmp_path: Path, capsys) -> None:
    utf16 = tmp_path / "wire_utf16.txt"
    utf16.write_bytes(b"\xff\xfe" + (FIXTURES / "storm_wire.txt").read_text(encoding="utf-8").encode("utf-16-le"))
    out = tmp_path / "storm.json"
    assert cli.main([str(utf16), str(FIXTURES / "storm_derived_crlf.txt"), "--out", str(out)]) == 0
    d = json.loads(out.read_text(encoding="utf-8"))["derived"][0]
    assert "\r\n" in d["text"]
    for f in d["flags"]:
        assert d["text"][f["start"]:f["end"]] == f["text"]


@pytest.mark.parametrize("which", ["derived", "wire", "symlink to derived"])
def test_out_that_is_an_input_file_is_refused_before_any_work(tmp_path: Path, which: str) -> None:
    """``--out`` naming the wire copy or a derived article (or a link to one) would overwrite the article
    with its own report: refused with one line, the file left as it was."""
    wire, derived = tmp_path / "wire.txt", tmp_path / "derived.txt"
    wire.write_bytes(WIRE.read_bytes())
    derived.write_bytes(DERIVED.read_bytes())
    out = {"derived": derived, "wire": wire, "symlink to derived": tmp_path / "report.json"}[which]
    if which.startswith("symlink"):
        out.symlink_to(derived)
    line = assert_one_clear_error(run_cli(wire, derived, "--out", out), str(out), "input file")
    assert "choose another --out" in line
    assert wire.read_bytes() == WIRE.read_bytes() and derived.read_bytes() == DERIVED.read_bytes()


def test_out_is_replaced_whole_not_emptied_first(tmp_path: Path, capsys) -> None:
    """The report is written beside --out under a temporary name and moved into place: the old file's
    permissions stay, nothing temporary is left behind."""
    out = tmp_path / "report.md"
    out.write_text("yesterday's report\n")
    out.chmod(0o640)
    assert cli.main([str(WIRE), str(DERIVED), "--format", "md", "--out", str(out)]) == 0
    assert "$50 billion" in out.read_text(encoding="utf-8")
    assert (out.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]

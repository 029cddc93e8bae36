"""Batch mode: a JSONL of pairs in, a JSONL of results out; bad lines are reported by number and skipped."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compare import cli
from compare.batch import run_batch

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
RECORD_KEYS = {"id", "sentences", "flags", "omissions", "summary"}


def read(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


def pair(pid, wire: str, derived: str) -> str:
    return json.dumps({"id": pid, "wire": read(wire), "derived": read(derived)}, ensure_ascii=False)


GOOD = [("trade", "trade_wire.txt", "trade_derived.txt"),
        ("budget", "budget_wire.txt", "budget_derived.txt"),
        ("storm", "storm_wire.txt", "storm_derived_crlf.txt")]


def read_results(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def assert_record(rec: dict, derived_text: str) -> None:
    assert set(rec) == RECORD_KEYS
    assert isinstance(rec["sentences"], list) and rec["sentences"]
    assert isinstance(rec["flags"], list) and isinstance(rec["omissions"], list)
    assert set(rec["summary"]) == {"sentences", "supported", "flagged", "omitted"}
    for s in rec["sentences"]:
        assert derived_text[s["start"]:s["end"]] == s["text"]
    for f in rec["flags"]:
        assert derived_text[f["start"]:f["end"]] == f["text"]


def test_batch_cli_three_good_pairs_and_one_bad_line(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    lines = [pair(*GOOD[0]), '{"id": "broken", "wire": "The council met on', pair(*GOOD[1]), pair(*GOOD[2])]
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "results.jsonl"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    proc = subprocess.run([sys.executable, "-m", "compare", "batch", str(pairs), "--out", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "leaked" not in proc.stderr and "Warning" not in proc.stderr, "the embedding process must exit cleanly"
    bad = [line for line in proc.stderr.splitlines() if line.startswith("line ")]
    assert len(bad) == 1 and bad[0].startswith("line 2: skipped: not valid JSON"), proc.stderr
    assert "3 pair(s) compared, 1 skipped" in proc.stderr
    results = read_results(out)
    assert [r["id"] for r in results] == ["trade", "budget", "storm"], "the run must go on after the bad line"
    for rec, (_, _, derived) in zip(results, GOOD):
        assert_record(rec, read(derived))
    trade = results[0]
    assert any(f["text"] == "$50 billion" and f["verdict"] == "contradicted" for f in trade["flags"])


@pytest.mark.parametrize("bad_line, message", [
    ('{"id": 7, "wire": "Officials met."}', "missing field(s): derived"),
    ('{"wire": "a", "derived": "b"}', "missing field(s): id"),
    ("[1, 2, 3]", "expected a JSON object"),
    ('{"id": 1, "wire": 5, "derived": "x"}', "must be strings"),
    ('{"id": 1, "wire": "", "derived": "The council met on Tuesday."}', "empty"),
    ('{"id": 1, "wire": "Le port de la ville a rouvert mardi après qu\'une tempête a contraint l\'autorité '
     'portuaire à le fermer pendant trois jours, ont indiqué les responsables.", "derived": "x"}', "English"),
    ("not json at all", "not valid JSON"),
])
def test_each_bad_line_is_reported_with_its_number_and_skipped(engine, tmp_path: Path, bad_line: str,
                                                                message: str) -> None:
    src = tmp_path / "pairs.jsonl"
    src.write_text("\n".join([pair(*GOOD[0]), "", bad_line, pair(*GOOD[0]).replace('"trade"', '"again"', 1)]) + "\n",
                   encoding="utf-8")
    errors: list[tuple[int, str]] = []
    stats = run_batch(str(src), str(tmp_path / "out.jsonl"), engine=engine, on_error=lambda n, m: errors.append((n, m)))
    assert (stats.done, stats.skipped) == (2, 1)
    assert len(errors) == 1 and errors[0][0] == 3, errors
    assert message in errors[0][1] and "\n" not in errors[0][1]
    assert [r["id"] for r in read_results(tmp_path / "out.jsonl")] == ["trade", "again"]


def test_a_line_that_is_not_utf8_is_skipped_not_fatal(engine, tmp_path: Path) -> None:
    src = tmp_path / "pairs.jsonl"
    latin1 = '{"id": "latin", "wire": "Caf\u00e9 owners met on Tuesday.", "derived": "x"}'.encode("latin-1")
    src.write_bytes(b"\n".join([pair(*GOOD[0]).encode(), latin1, pair(*GOOD[1]).encode()]) + b"\n")
    errors: list[tuple[int, str]] = []
    stats = run_batch(str(src), str(tmp_path / "out.jsonl"), engine=engine, on_error=lambda n, m: errors.append((n, m)))
    assert (stats.done, stats.skipped) == (2, 1)
    assert errors[0][0] == 2 and "UTF-8" in errors[0][1]
    assert [r["id"] for r in read_results(tmp_path / "out.jsonl")] == ["trade", "budget"]


def test_batch_reads_standard_input_and_a_bom(engine, tmp_path: Path, monkeypatch, capsys) -> None:
    data = ("\ufeff" + pair(*GOOD[0]) + "\n" + pair(*GOOD[1]) + "\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    out = tmp_path / "out.jsonl"
    assert cli.main(["batch", "-", "--out", str(out), "--no-progress"]) == 0
    assert [r["id"] for r in read_results(out)] == ["trade", "budget"]
    assert "2 pair(s) compared, 0 skipped" in capsys.readouterr().err


def test_batch_results_match_single_comparisons(engine, tmp_path: Path) -> None:
    from compare.report import batch_record
    src = tmp_path / "pairs.jsonl"
    src.write_text(pair(*GOOD[1]) + "\n", encoding="utf-8")
    run_batch(str(src), str(tmp_path / "out.jsonl"), engine=engine)
    (rec,) = read_results(tmp_path / "out.jsonl")
    single = batch_record("budget", engine.compare(read("budget_wire.txt"), read("budget_derived.txt")))
    assert rec == json.loads(json.dumps(single))


def _essentials(results: list[dict]) -> list[tuple]:
    """What an editor reads from a batch record: each sentence's verdict and each flag's span and kind."""
    return [(r["id"], [(s["start"], s["verdict"]) for s in r["sentences"]],
             [(f["start"], f["end"], f["verdict"], f["severity"]) for f in r["flags"]]) for r in results]


def test_two_processes_give_the_results_of_one_in_input_order(engine, tmp_path: Path) -> None:
    """The embedding model in a child process changes the speed, not the findings or their order."""
    src = tmp_path / "pairs.jsonl"
    lines = [pair(*GOOD[0]), "not json", pair(*GOOD[1]), pair(*GOOD[2]), pair(*GOOD[0]).replace('"trade"', '"again"', 1)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runs = {}
    for processes in (1, 2):
        errors: list[tuple[int, str]] = []
        out = tmp_path / f"out{processes}.jsonl"
        stats = run_batch(str(src), str(out), engine=engine, processes=processes,
                          on_error=lambda n, m: errors.append((n, m)))
        assert (stats.done, stats.skipped) == (4, 1)
        assert [n for n, _ in errors] == [2]
        runs[processes] = read_results(out)
    assert [r["id"] for r in runs[2]] == ["trade", "budget", "storm", "again"]
    assert _essentials(runs[2]) == _essentials(runs[1])


def test_two_processes_reading_many_groups_ahead_give_the_results_of_one(engine, tmp_path: Path,
                                                                          monkeypatch) -> None:
    """With the model in a child process, groups are analysed and queued well ahead of the one being
    checked, and their words asked for out of turn: the results and their order must not show it."""
    import compare.batch
    src = tmp_path / "pairs.jsonl"
    ids = [f"{g[0]}-{k}" for k in range(3) for g in GOOD]
    lines = [pair(*g).replace(f'"{g[0]}"', f'"{g[0]}-{k}"', 1) for k in range(3) for g in GOOD]
    lines.insert(4, "not json")
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_batch(str(src), str(tmp_path / "one.jsonl"), engine=engine, processes=1)
    monkeypatch.setattr(compare.batch, "READ_AHEAD", 2)
    monkeypatch.setattr(compare.batch, "FIRST_GROUP", 1)
    monkeypatch.setattr(compare.batch, "LOOKAHEAD", 2)
    errors: list[tuple[int, str]] = []
    stats = run_batch(str(src), str(tmp_path / "two.jsonl"), engine=engine, processes=2,
                      on_error=lambda n, m: errors.append((n, m)))
    assert (stats.done, stats.skipped) == (9, 1) and [n for n, _ in errors] == [5]
    two = read_results(tmp_path / "two.jsonl")
    assert [r["id"] for r in two] == ids
    assert _essentials(two) == _essentials(read_results(tmp_path / "one.jsonl"))


def test_reading_ahead_in_small_groups_changes_nothing(engine, tmp_path: Path, monkeypatch) -> None:
    """Pairs are prepared a group at a time; where the groups split must not show in the results."""
    import compare.batch
    src = tmp_path / "pairs.jsonl"
    src.write_text("\n".join([pair(*g) for g in GOOD] + ["[1]"]) + "\n", encoding="utf-8")
    run_batch(str(src), str(tmp_path / "big.jsonl"), engine=engine)
    monkeypatch.setattr(compare.batch, "READ_AHEAD", 1)
    monkeypatch.setattr(compare.batch, "FIRST_GROUP", 1)
    errors: list[tuple[int, str]] = []
    run_batch(str(src), str(tmp_path / "small.jsonl"), engine=engine, on_error=lambda n, m: errors.append((n, m)))
    assert read_results(tmp_path / "small.jsonl") == read_results(tmp_path / "big.jsonl")
    assert [n for n, _ in errors] == [4]


@pytest.mark.parametrize("args, env, message", [
    (["--processes", "3"], {}, "invalid choice"),
    ([], {"COMPARE_PROCESSES": "4"}, "COMPARE_PROCESSES='4': expected 1 or 2"),
])
def test_a_bad_process_count_is_refused_before_any_work(tmp_path: Path, args, env, message) -> None:
    src = tmp_path / "pairs.jsonl"
    src.write_text(pair(*GOOD[0]) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "compare", "batch", str(src), "--out", str(tmp_path / "o.jsonl"),
                           *args], cwd=ROOT, env={**os.environ, "HF_HUB_OFFLINE": "1", **env},
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "o.jsonl").exists()

"""Batch mode: a JSONL of pairs in, a JSONL of results out; bad lines are reported by number and skipped."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ctrl_c import press_ctrl_c, results_said_written

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
    from compare.output.json_report import batch_record
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


# -- issue 21: surrogates, duplicate ids, the input as output, overlong lines, Ctrl-C ---------------------------
def _env() -> dict:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def test_a_lone_surrogate_skips_its_line_not_its_group(engine, tmp_path: Path) -> None:
    """A "\\ud800" escape decodes to a str no encoding can write: that line is skipped, the rest of its group
    (one group here: the engine reads them together) and of the batch is compared."""
    wire = json.loads(pair(*GOOD[1]))
    lines = [pair(*GOOD[0]),
             json.dumps({"id": "lone", "wire": "The council met.\ud800 " + wire["wire"], "derived": wire["derived"]}),
             pair(*GOOD[1]),
             json.dumps({"id": "halves", "wire": wire["wire"], "derived": wire["derived"] + " \ude00\ud83d"}),
             json.dumps({"id": "\udc00", "wire": wire["wire"], "derived": wire["derived"]}),
             pair(*GOOD[2]),
             json.dumps({"id": "emoji", "wire": wire["wire"], "derived": wire["derived"] + " \U0001F600"})]
    src = tmp_path / "pairs.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors: list[tuple[int, str]] = []
    stats = run_batch(str(src), str(tmp_path / "out.jsonl"), engine=engine, on_error=lambda n, m: errors.append((n, m)))
    assert (stats.done, stats.skipped) == (4, 3), errors
    assert [n for n, _ in errors] == [2, 4, 5]
    assert errors[0][1] == ("wire of lone: character 17 is an unpaired surrogate (U+D800), which no text encoding "
                            "can hold; remove it")
    n = len(wire["derived"]) + 2
    assert errors[1][1] == (f"derived of halves: character {n} is an unpaired surrogate (U+DE00), which no text "
                            "encoding can hold (the text holds 2 such code points); remove it")
    assert errors[2][1].startswith("id: character 1 is an unpaired surrogate (U+DC00)")
    assert [r["id"] for r in read_results(tmp_path / "out.jsonl")] == ["trade", "budget", "storm", "emoji"]


def test_batch_cli_surrogate_and_duplicate_ids(tmp_path: Path) -> None:
    """The command line: the surrogate line is named and skipped (exit 3, no traceback); an id used twice
    is named as a warning and both results are written."""
    pairs = tmp_path / "pairs.jsonl"
    bad = json.loads(pair(*GOOD[1]))
    bad["wire"] = "\ud800" + bad["wire"]
    lines = [pair(*GOOD[0]), json.dumps(bad), pair(*GOOD[2]).replace('"storm"', '"trade"', 1)]
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "results.jsonl"
    proc = subprocess.run([sys.executable, "-m", "compare", "batch", str(pairs), "--out", str(out)],
                          cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr and "UnicodeEncodeError" not in proc.stderr
    assert ("line 2: skipped: wire of budget: character 1 is an unpaired surrogate (U+D800), which no text "
            "encoding can hold; remove it") in proc.stderr.splitlines()
    assert "line 3: warning: id 'trade' also on line 1" in proc.stderr.splitlines()
    assert "2 pair(s) compared, 1 skipped, 1 duplicate id(s)" in proc.stderr
    assert [r["id"] for r in read_results(out)] == ["trade", "trade"]


def test_duplicate_ids_are_warned_and_compared(engine, tmp_path: Path) -> None:
    src = tmp_path / "pairs.jsonl"
    lines = [pair(*GOOD[0]).replace('"trade"', '"a1"', 1), pair(*GOOD[1]).replace('"budget"', "7", 1),
             pair(*GOOD[2]).replace('"storm"', '"a1"', 1), "not json", pair(*GOOD[1]).replace('"budget"', "7", 1),
             pair(*GOOD[1]).replace('"budget"', '"7"', 1), pair(*GOOD[0]).replace('"trade"', '"a1"', 1)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    warnings: list[tuple[int, str]] = []
    stats = run_batch(str(src), str(tmp_path / "out.jsonl"), engine=engine,
                      on_warning=lambda n, m: warnings.append((n, m)))
    assert warnings == [(3, "id 'a1' also on line 1"), (5, "id 7 also on line 2"), (7, "id 'a1' also on line 1")]
    assert (stats.done, stats.skipped, stats.duplicates) == (6, 1, 3)
    assert [r["id"] for r in read_results(tmp_path / "out.jsonl")] == ["a1", 7, "a1", 7, "7", "a1"]


def _pairs_file(tmp_path: Path) -> tuple[Path, bytes]:
    src = tmp_path / "pairs.jsonl"
    data = ("\n".join(pair(*g) for g in GOOD) + "\n").encode("utf-8")
    src.write_bytes(data)
    return src, data


@pytest.mark.parametrize("how", ["same path", "symlink", "hard link", "relative path", "standard input"])
def test_the_input_as_output_is_refused_before_anything_is_written(tmp_path: Path, how: str) -> None:
    src, data = _pairs_file(tmp_path)
    out, source, stdin = src, str(src), None
    if how == "symlink":
        out = tmp_path / "link.jsonl"
        out.symlink_to(src)
    elif how == "hard link":
        out = tmp_path / "hard.jsonl"
        os.link(src, out)
    elif how == "relative path":
        out = Path(os.path.relpath(src, ROOT))
    elif how == "standard input":
        source, stdin = "-", src.open("rb")
    try:
        proc = subprocess.run([sys.executable, "-m", "compare", "batch", source, "--out", str(out)], stdin=stdin,
                              cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120)
    finally:
        if stdin is not None:
            stdin.close()
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("compare: error: ") and "the input" in lines[0], proc.stderr
    assert src.read_bytes() == data, "the pairs must be left as they were"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []


def test_run_batch_refuses_its_input_as_output(tmp_path: Path) -> None:
    from compare.errors import CompareError
    src, data = _pairs_file(tmp_path)
    with pytest.raises(CompareError, match="the input"):
        run_batch(str(src), str(src))
    assert src.read_bytes() == data


def test_output_file_is_moved_into_place_keeping_mode_and_links(tmp_path: Path) -> None:
    """Results are written beside the output under a temporary name, then moved into place: an
    existing output keeps its permissions, a symbolic link keeps pointing at its file."""
    from compare.output.files import OutputFile
    target = tmp_path / "results.jsonl"
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    out = OutputFile(str(link))
    out.write("new\n")
    out.flush()
    assert target.read_text() == "old\n", "the old results stay until the new ones are complete"
    (part,) = [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert part.read_text() == "new\n"
    out.commit()
    assert link.is_symlink() and target.read_text() == "new\n"
    assert (target.stat().st_mode & 0o777) == 0o640
    assert not part.exists()
    out = OutputFile(str(target))
    out.write("never\n")
    out.discard()
    assert target.read_text() == "new\n" and sorted(p.name for p in tmp_path.iterdir()) == ["latest.jsonl",
                                                                                             "results.jsonl"]


def test_an_overlong_line_is_skipped_without_being_read_whole(engine, tmp_path: Path, monkeypatch) -> None:
    """A line over the limit is read a piece at a time and dropped, never held whole: memory stays far
    below its size, it is reported with its line number, and the lines after it are compared."""
    import tracemalloc
    import compare.batch
    monkeypatch.setattr(compare.batch, "MAX_LINE_BYTES", 2_000_000, raising=False)
    src = tmp_path / "pairs.jsonl"
    big = b'{"id": "big", "wire": "' + b"The council met on Tuesday. " * 1_500_000 + b'", "derived": "x"}\n'
    with src.open("wb") as fh:
        fh.write(pair(*GOOD[0]).encode() + b"\n")
        fh.write(big)
        fh.write(pair(*GOOD[1]).encode() + b"\n")
    engine.warm_up()
    engine.compare(read("budget_wire.txt"), read("budget_derived.txt"))      # caches filled outside the trace
    engine.compare(read("trade_wire.txt"), read("trade_derived.txt"))
    errors: list[tuple[int, str]] = []
    tracemalloc.start()
    try:
        stats = run_batch(str(src), str(tmp_path / "out.jsonl"), engine=engine,
                          on_error=lambda n, m: errors.append((n, m)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (stats.done, stats.skipped) == (2, 1)
    assert errors == [(2, f"{len(big):,} bytes, over the 2,000,000-byte limit for one line (two texts of at most "
                          "1,000,000 characters each); not read: split the article or compare its relevant part")]
    assert [r["id"] for r in read_results(tmp_path / "out.jsonl")] == ["trade", "budget"]
    assert len(big) > 40_000_000 and peak < 15_000_000, f"peak {peak:,} bytes while skipping a {len(big):,}-byte line"


def test_the_default_line_limit_admits_two_texts_at_the_character_limit() -> None:
    from compare.batch import MAX_LINE_BYTES
    from compare.text.inputs import MAX_TEXT_CHARS
    longest = len(json.dumps({"id": "x" * 100, "wire": "\u00e9" * MAX_TEXT_CHARS, "derived": "\u00e9" * MAX_TEXT_CHARS}))
    assert longest < MAX_LINE_BYTES <= 16_000_000


def test_an_interrupt_keeps_what_was_written(engine, tmp_path: Path) -> None:
    """Interrupted after a result, the run moves what it wrote into place and says so; interrupted
    before any, the old output is left as it was."""
    from compare.batch import BatchInterrupted
    src = tmp_path / "pairs.jsonl"
    src.write_text("\n".join([pair(*GOOD[0]), "not json", pair(*GOOD[1]), pair(*GOOD[0])]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("yesterday\n")

    def stop(n, msg):
        raise KeyboardInterrupt

    with pytest.raises(BatchInterrupted) as info:
        run_batch(str(src), str(out), engine=engine, on_warning=stop)       # line 4 repeats line 1's id
    assert info.value.stats.done == 0 and out.read_text() == "yesterday\n"
    with pytest.raises(BatchInterrupted) as info:
        run_batch(str(src), str(out), engine=engine, on_error=stop)         # line 2 is not JSON
    assert info.value.stats.done == 1
    assert [r["id"] for r in read_results(out)] == ["trade"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "pairs.jsonl"]


def test_ctrl_c_stops_quietly_keeping_the_results_written(tmp_path: Path) -> None:
    """Ctrl-C at the terminal (SIGINT to the whole process group: the command and its embedding process)
    after the first result: one line says how many results were written where, the output holds exactly
    those (valid JSONL), exit status 130, no traceback from either process. Until then the old output
    is untouched: results stream into a temporary file beside it."""
    src = tmp_path / "pairs.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for k in range(600):
            wire, derived = GOOD[k % 3][1:]
            fh.write(json.dumps({"id": f"p{k}", "wire": read(wire),
                                 "derived": read(derived) + f"\nThe reference number is {k}."}) + "\n")
    out = tmp_path / "results.jsonl"
    out.write_text("old\n")

    def first_result():
        """The file the first result went to, and the old output as it stood then."""
        for p in tmp_path.iterdir():
            if p.name != "pairs.jsonl" and b"\n" in p.read_bytes() and p.read_bytes() != b"old\n":
                return p, out.read_text()
        return None

    (first, old_then), code, err = press_ctrl_c(
        [sys.executable, "-m", "compare", "batch", str(src), "--out", str(out), "--processes", "2", "--no-progress"],
        _env(), ROOT, first_result)
    assert first.name.startswith(".results.jsonl.") and first.name.endswith(".part"), first.name
    assert old_then == "old\n", "the old output must stay whole until the run ends"
    written = results_said_written(code, err, out)
    results = read_results(out)
    assert 1 <= len(results) == written < 600
    assert [r["id"] for r in results] == [f"p{k}" for k in range(len(results))]
    for rec in results:
        assert set(rec) == RECORD_KEYS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.jsonl", "results.jsonl"]

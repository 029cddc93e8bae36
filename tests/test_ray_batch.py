"""`compare batch --engine ray` and `ray_encoder` on a real local Ray cluster (two workers) started once here.

The workers run with the embeddings cache file off, so every vector they use comes from their own
model: the results equal the local batch's because the same function computes them, not because
the workers read the local run's vectors back."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

# Ray's in-process client aborts the whole interpreter (C++ CHECK) when its cluster misbehaves, which
# would take the rest of a pytest run with it: this module runs in a pytest process of its own,
# started by tests/test_ray_cluster.py
if os.environ.get("COMPARE_RAY_CHILD") != "1":
    pytest.skip("runs in its own process through tests/test_ray_cluster.py", allow_module_level=True)

ray = pytest.importorskip("ray")

from compare import cli  # noqa: E402
from ctrl_c import press_ctrl_c, results_said_written  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
DEMO = ROOT / "corpus" / "demo"


def _env() -> dict:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


@pytest.fixture(scope="module")
def cluster():
    """A local Ray cluster with two CPUs: ``run_ray_batch`` and ``ray_encoder`` use it as it is."""
    from compare.ray_batch import worker_env
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {**worker_env(), "COMPARE_EMBED_CACHE": "off"}})
    yield
    ray.shutdown()


def _pairs_file(path: Path) -> list[str]:
    """Eleven lines: the four real pairs, a line cut short (not JSON), a text compared with itself, two
    stories that do not match, an empty wire copy (the engine refuses it on the worker), an added
    sentence, a changed figure under an id used before, and an id that is a list."""
    def read(p: Path) -> str:
        return p.read_bytes().decode("utf-8")
    wire = {k: read(FIXTURES / f"{k}_wire.txt") for k in ("trade", "budget", "storm")}
    derived = {k: read(FIXTURES / f) for k, f in (("trade", "trade_derived.txt"), ("budget", "budget_derived.txt"),
                                                   ("storm", "storm_derived_crlf.txt"))}
    wire["demo"], derived["demo"] = read(DEMO / "wire_dawn_reuters_2023-12-27.txt"), read(DEMO / "derived_rewrite_2023-12-28.txt")
    lines = [json.dumps({"id": k, "wire": wire[k], "derived": derived[k]}, ensure_ascii=False) for k in wire]
    lines.insert(2, '{"id": "broken", "wire": "The council met on')
    lines += [json.dumps({"id": "copy", "wire": wire["trade"], "derived": wire["trade"]}),
              json.dumps({"id": 7, "wire": wire["budget"], "derived": derived["storm"]}),
              json.dumps({"id": "empty", "wire": "", "derived": derived["trade"]}),
              json.dumps({"id": "added", "wire": wire["storm"], "derived": derived["storm"] + "\nThe mayor resigned on Friday."}),
              json.dumps({"id": "trade", "wire": wire["trade"], "derived": derived["trade"].replace("50", "65")}),
              json.dumps({"id": ["x", 1], "wire": wire["demo"], "derived": derived["budget"]})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def _run(capsys, *args: str) -> tuple[int, list[str]]:
    code = cli.main(["batch", *args, "--no-progress"])
    return code, [line for line in capsys.readouterr().err.splitlines() if line.strip()]


def test_ray_batch_gives_the_local_batch_results_pair_by_pair(cluster, tmp_path: Path, capsys) -> None:
    pairs = tmp_path / "pairs.jsonl"
    _pairs_file(pairs)
    local_code, local_err = _run(capsys, str(pairs), "--out", str(tmp_path / "local.jsonl"), "--processes", "1")
    ray_code, ray_err = _run(capsys, str(pairs), "--out", str(tmp_path / "ray.jsonl"), "--engine", "ray",
                             "--workers", "2")
    assert local_code == ray_code == 3, ray_err
    assert "line 3: skipped: not valid JSON (Invalid control character at at column 45)" in ray_err
    assert "line 8: skipped: wire of empty: the text is empty; paste or load an article" in ray_err
    assert "line 10: warning: id 'trade' also on line 1" in ray_err
    assert ray_err[-1].startswith("9 pair(s) compared, 2 skipped, 1 duplicate id(s) → ")
    # the same lines; Ray's run reads a window of the input first (here all of it), so its warnings come
    # before the skipped lines
    assert sorted(e.replace("ray.jsonl", "local.jsonl") for e in ray_err) == sorted(local_err)
    assert [e for e in ray_err if "skipped:" in e] == [e for e in local_err if "skipped:" in e]
    local = [json.loads(x) for x in (tmp_path / "local.jsonl").read_text(encoding="utf-8").splitlines()]
    ran = [json.loads(x) for x in (tmp_path / "ray.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in ran] == ["trade", "budget", "storm", "demo", "copy", 7, "added", "trade", ["x", 1]]
    for a, b in zip(ran, local):
        assert a == b, f"pair {a['id']!r} differs"
    assert any(f["text"] == "$50 billion" and f["verdict"] == "contradicted" for f in ran[0]["flags"])
    assert not ran[4]["flags"], "a wire copy compared with itself has nothing to flag"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["local.jsonl", "pairs.jsonl", "ray.jsonl"]



def test_a_long_input_is_read_a_window_at_a_time_with_the_same_results(cluster, tmp_path: Path, capsys,
                                                                        monkeypatch) -> None:
    """With windows of three pairs, the eleven lines go to Ray in two windows (the first group holds eight
    lines, and a window holds whole groups; each window is read only when the one before is written):
    the same records and the same reports of bad lines as the local batch, and no warning of Ray's."""
    import compare.ray_batch as rb
    pairs = tmp_path / "pairs.jsonl"
    _pairs_file(pairs)
    windows = []
    real = rb._window_results
    monkeypatch.setattr(rb, "WINDOW_PAIRS", 3)
    monkeypatch.setattr(rb, "_window_results", lambda window, *a: windows.append(window) or real(window, *a))
    local_code, local_err = _run(capsys, str(pairs), "--out", str(tmp_path / "local.jsonl"), "--processes", "1")
    ray_code, ray_err = _run(capsys, str(pairs), "--out", str(tmp_path / "ray.jsonl"), "--engine", "ray",
                             "--workers", "2")
    assert local_code == ray_code == 3, ray_err
    assert [[n for chunk in w for n, _ in chunk] for w in windows] == [list(range(1, 9)), [9, 10, 11]]
    assert sorted(e.replace("ray.jsonl", "local.jsonl") for e in ray_err) == sorted(local_err)
    assert (tmp_path / "ray.jsonl").read_text(encoding="utf-8") == (tmp_path / "local.jsonl").read_text(encoding="utf-8")

def test_ray_encoder_gives_the_local_vectors_in_order(cluster) -> None:
    from compare.embed.embedder import get_embedder
    from compare.ray_batch import EMBED_BLOCK, ray_encoder
    sentences = [s for f in sorted(FIXTURES.glob("*.txt")) for s in f.read_text(encoding="utf-8").split(". ") if s.strip()]
    texts = (sentences * (EMBED_BLOCK // len(sentences) + 2))[:EMBED_BLOCK + 7]   # two blocks, two workers
    texts = [f"{t} ({k})" for k, t in enumerate(texts)]
    with ray_encoder(workers=2) as encode:
        got = encode(texts)
        assert encode([]).shape == (0, 384)
    want = get_embedder().encode(texts)
    assert got.dtype == np.float32 and got.shape == want.shape == (len(texts), 384)
    assert np.allclose(got, want, atol=1e-5)
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert ray.is_initialized(), "a Ray this module started is left running"


def test_an_unreachable_address_is_one_line_and_exit_2(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    _pairs_file(pairs)
    proc = subprocess.run([sys.executable, "-m", "compare", "batch", str(pairs), "--out", str(tmp_path / "o.jsonl"),
                           "--engine", "ray", "--address", "127.0.0.1:9"], cwd=ROOT, env=_env(),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("compare: error: cannot reach the Ray cluster at 127.0.0.1:9 ("), \
        proc.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_workers_without_ray_is_refused_and_the_local_path_never_imports_ray(tmp_path: Path) -> None:
    code = ("import sys; from compare import cli, batch, engine; "
            "rc = cli.main(['batch', 'x.jsonl', '--out', 'o.jsonl', '--workers', '2']); "
            "print(rc, 'ray' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(), capture_output=True, text=True,
                          timeout=120)
    assert proc.stdout.split() == ["2", "False"], proc.stdout + proc.stderr
    assert "compare: error: --workers and --address go with --engine ray" in proc.stderr


def _archive_rows(path: Path) -> tuple[list[tuple], np.ndarray]:
    """Every stored sentence of an archive: (story id, start, end) in order, and its vector."""
    import sqlite3
    db = sqlite3.connect(path)
    rows = db.execute('SELECT s.id, t.start, t."end", v.vec FROM sentences t JOIN stories s ON s.n = t.story '
                      "JOIN vectors v ON v.n = t.vector ORDER BY s.id, t.start").fetchall()
    db.close()
    return [r[:3] for r in rows], np.stack([np.frombuffer(r[3], dtype=np.float16) for r in rows]).astype(np.float32)


def test_archive_add_on_ray_stores_what_the_local_add_stores(cluster, tmp_path: Path, capsys) -> None:
    stories = tmp_path / "stories.jsonl"
    lines = [json.dumps({"id": k, "text": (FIXTURES / f"{k}_wire.txt").read_text(encoding="utf-8")})
             for k in ("trade", "budget", "storm")]
    stories.write_text("\n".join(lines[:2] + ['{"id": "no-text"}'] + lines[2:]) + "\n", encoding="utf-8")
    codes, said = [], []
    for name, engine in (("local", "local"), ("ray", "ray")):
        codes.append(cli.main(["archive", "add", str(stories), "--archive", str(tmp_path / f"{name}.sqlite3"),
                               "--engine", engine, "--no-progress"]))
        said.append(capsys.readouterr().err.strip().splitlines())
    assert codes == [3, 3]                                        # the line without text is refused by both
    assert [s[-1].split(" → ")[0] for s in said] == ["3 added, 0 skipped, 1 refused"] * 2, said
    spans_local, vecs_local = _archive_rows(tmp_path / "local.sqlite3")
    spans_ray, vecs_ray = _archive_rows(tmp_path / "ray.sqlite3")
    assert spans_ray == spans_local and len(spans_local) > 10
    assert np.allclose(vecs_ray, vecs_local, atol=2e-3)           # f16 as stored
    assert ray.is_initialized(), "a Ray this module started is left running"


def test_ctrl_c_stops_a_ray_run_quietly_keeping_the_results_written(tmp_path: Path) -> None:
    """Ctrl-C at the terminal during ``--engine ray`` (SIGINT to the whole process group: the command
    and the private Ray it started) after the first result: one line says how many results were
    written where, the output holds exactly those, in order, exit status 130, no traceback, and the
    Ray it started is gone."""
    import time
    demo = (DEMO / "wire_dawn_reuters_2023-12-27.txt").read_text(encoding="utf-8")
    rewrite = (DEMO / "derived_rewrite_2023-12-28.txt").read_text(encoding="utf-8")
    src = tmp_path / "pairs.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for k in range(300):
            fh.write(json.dumps({"id": f"p{k}", "wire": demo,
                                 "derived": rewrite + f"\nThe reference number is {k}."}) + "\n")
    out = tmp_path / "results.jsonl"
    raylets_before = _raylets()
    _, code, err = press_ctrl_c(
        [sys.executable, "-m", "compare", "batch", str(src), "--out", str(out), "--engine", "ray", "--workers", "2",
         "--no-progress"], {**_env(), "RAY_ADDRESS": ""}, ROOT,
        lambda: next((p for p in tmp_path.iterdir() if p.name.endswith(".part") and b"\n" in p.read_bytes()), None),
        wait_s=600)
    written = results_said_written(code, err, out)
    results = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert 1 <= len(results) == written < 300
    assert [r["id"] for r in results] == [f"p{k}" for k in range(len(results))]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.jsonl", "results.jsonl"]
    # the private Ray the command started went with it
    deadline = time.monotonic() + 30
    while _raylets() != raylets_before and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _raylets() == raylets_before, "the interrupted run left its Ray running"


def _raylets() -> set[str]:
    """The process ids of the raylets (one per running Ray node) on this machine."""
    return set(subprocess.run(["pgrep", "-f", "raylet/raylet"], capture_output=True, text=True).stdout.split())

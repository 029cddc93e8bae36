"""The embeddings cache file: shared across processes, bounded, and never in the way when it breaks."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from compare.embed.disk_cache import DiskCache
from compare.embed.embedder import DIM, Embedder

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ["The port reopened on Tuesday after a three-day closure.", "importer", "Officials gave no casualty figures."]


def test_a_second_embedder_reads_the_vectors_the_first_wrote(engine, tmp_path: Path) -> None:
    path = tmp_path / "emb.sqlite3"
    first = Embedder(model=engine.embedder.model, disk=DiskCache(path, DIM))
    want = first.encode(TEXTS)
    assert first.encoded == 3
    second = Embedder(model=engine.embedder.model, disk=DiskCache(path, DIM))
    got = second.encode(TEXTS)
    assert second.encoded == 0, "nothing went through the model a second time"
    assert np.array_equal(got, want)


def test_another_process_reads_the_same_file_without_running_the_model(engine, tmp_path: Path) -> None:
    path = tmp_path / "emb.sqlite3"
    want = Embedder(model=engine.embedder.model, disk=DiskCache(path, DIM)).encode(TEXTS)
    code = ("import json, sys\n"
            "from pathlib import Path\n"
            "from compare.embed.embedder import DIM, Embedder\n"
            "from compare.embed.disk_cache import DiskCache\n"
            "class NoModel:\n"
            "    def encode(self, *a, **k):\n"
            "        raise SystemExit('the model was asked for a text the cache file holds')\n"
            "e = Embedder(model=NoModel(), disk=DiskCache(Path(sys.argv[1]), DIM))\n"
            "print(json.dumps(e.encode(json.loads(sys.argv[2])).tolist()))\n")
    p = subprocess.run([sys.executable, "-c", code, str(path), json.dumps(TEXTS)], cwd=ROOT, capture_output=True,
                       text=True, timeout=120, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert p.returncode == 0, p.stderr
    assert np.allclose(np.array(json.loads(p.stdout)), want, atol=1e-7)


def test_the_file_keeps_at_most_its_size_newest_first(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "small.sqlite3", DIM, size=10)
    for n in range(30):
        cache.put_many([(f"key {n}".encode(), np.full(DIM, n, dtype=np.float32))])
    assert len(cache) == 10
    kept = cache.get_many([f"key {n}".encode() for n in range(30)])
    assert sorted(int(v[0]) for v in kept.values()) == list(range(20, 30))


def test_a_damaged_file_is_switched_off_with_a_warning_and_comparisons_go_on(engine, tmp_path: Path, capsys) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = DiskCache(path, DIM)
    assert not cache.enabled
    assert "switched off" in capsys.readouterr().err
    vecs = Embedder(model=engine.embedder.model, disk=cache).encode(TEXTS)
    assert vecs.shape == (3, DIM)
    assert path.read_bytes().startswith(b"this is not a database"), "the file is left as it was"


def test_vectors_of_another_model_are_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "emb.sqlite3"
    DiskCache(path, DIM).put_many([(b"k", np.ones(DIM, dtype=np.float32))])
    other = DiskCache(path, 512)            # another model's dimension: the file is emptied
    assert len(other) == 0
    assert DiskCache(path, DIM).get_many([b"k"]) == {}

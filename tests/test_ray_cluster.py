"""The Ray tests (tests/test_ray_batch.py) in a pytest process of their own: Ray's client can abort the
interpreter it runs in, and must not take the rest of the suite with it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_batch_on_a_local_ray_cluster_in_its_own_process() -> None:
    env = {**os.environ, "COMPARE_RAY_CHILD": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "TOKENIZERS_PARALLELISM": "false"}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
                           str(HERE / "test_ray_batch.py")], cwd=HERE.parent, env=env, capture_output=True,
                          text=True, timeout=2400)
    tail = (proc.stdout + proc.stderr)[-4000:]
    assert proc.returncode == 0, tail
    assert " passed" in proc.stdout and "skipped" not in proc.stdout.splitlines()[-1], tail

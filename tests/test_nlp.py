"""The spaCy pipeline in batch mode's parent process, whose embedding model runs in a child."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CODE = """
import sys
from compare.embed import Embedder
from compare.engine import Engine
from compare.nlp import analyse
Engine(embedder=Embedder(disk=None)).warm_up(embed=False)
assert "torch" not in sys.modules, "spaCy pulled torch into a process that never runs the model"
a = analyse(["Sergei Lavrov met S. Jaishankar in New Delhi on Tuesday."])[0]
print(" ".join(f"{t.text}/{t.pos}/{t.ent}" for t in a.tokens))
import torch            # still importable afterwards (an NLI checker may need it)
print("torch", torch.__version__)
"""


def test_the_batch_parent_analyses_without_loading_torch() -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "COMPARE_EMBED_CACHE": "off"}
    proc = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    tagged = proc.stdout.splitlines()[0].split()
    assert "Lavrov/PROPN/PERSON" in tagged and "Delhi/PROPN/GPE" in tagged and "met/VERB/" in tagged
    assert proc.stdout.splitlines()[1].startswith("torch 2.")

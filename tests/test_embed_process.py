"""The embedding model in a child process (batch mode on two cores): same vectors, urgent jobs first,
a clear error when the child dies."""
from __future__ import annotations

import time

import numpy as np
import pytest

from compare.embed.process import ProcessEmbedder
from compare.errors import CompareError

SENTENCES = [f"The port authority said {n} ships were waiting outside the harbour on Tuesday." for n in range(40)]
WORDS = ["importer", "imports", "harbour", "port"]


@pytest.fixture(scope="module")
def remote():
    with ProcessEmbedder() as emb:
        yield emb


def test_vectors_from_the_child_are_the_in_process_vectors(remote, engine) -> None:
    here = engine.embedder.encode(SENTENCES[:5] + WORDS)
    there = remote.encode(SENTENCES[:5] + WORDS)
    assert there.shape == here.shape
    assert np.allclose(there, here, atol=1e-4)


def test_an_urgent_job_is_answered_while_a_big_one_waits_and_both_land_in_the_cache(remote, engine) -> None:
    big = [s.replace("ships", "tankers") for s in SENTENCES] * 1
    job = remote.submit(big)
    quick = remote.submit(["cyclist", "cycling"], urgent=True)
    remote.collect(quick)
    assert remote.cached("cyclist") and remote.cached("cycling")
    remote.collect(job)
    assert all(remote.cached(s) for s in big)
    assert np.allclose(remote.encode(big[:3]), engine.embedder.encode(big[:3]), atol=1e-4)
    assert remote.submit(big) is None, "nothing left to embed: no job is sent"


def test_a_child_that_dies_gives_a_clear_error_not_a_hang() -> None:
    emb = ProcessEmbedder()
    try:
        emb.encode(["The council met on Tuesday."])
        emb._proc.kill()
        emb._proc.join(timeout=10)
        with pytest.raises(CompareError, match="embedding process stopped"):
            emb.encode(["A sentence the child never sees."])
    finally:
        emb.close()


def test_the_child_on_one_or_both_cores_gives_the_same_vectors(remote, engine) -> None:
    """While this process declares itself busy the child embeds on one core, otherwise on both."""
    texts = [s.replace("Tuesday", "Friday") for s in SENTENCES[:20]]
    with remote.busy():
        busy = remote.encode(texts[:10])
    idle = remote.encode(texts[10:])
    assert np.allclose(np.vstack([busy, idle]), engine.embedder.encode(texts), atol=1e-4)


def test_ready_says_when_collect_will_not_wait(remote) -> None:
    assert remote.ready(None)
    job = remote.submit([s.replace("harbour", "bay") for s in SENTENCES])
    for _ in range(600):
        if remote.ready(job):
            break
        time.sleep(0.05)
    assert remote.ready(job)
    remote.collect(job)
    assert remote.cached(SENTENCES[0].replace("harbour", "bay"))


def test_closing_stops_the_child() -> None:
    emb = ProcessEmbedder(disk=None)
    emb.encode(["The council met on Tuesday."])
    emb.close()
    assert not emb._proc.is_alive() and emb._proc.exitcode == 0, "the child exits cleanly when asked"
    early = ProcessEmbedder(disk=None)          # closed while the child is still loading the model
    early.close()
    assert not early._proc.is_alive()

"""Fixtures shared by the test files."""
import os
import tempfile

import pytest

# the tests (and the command lines they start) share one embeddings cache file of their own, never
# the user's data/embeddings.sqlite3
os.environ.setdefault("COMPARE_EMBED_CACHE", os.path.join(tempfile.mkdtemp(prefix="compare-tests-"),
                                                          "embeddings.sqlite3"))

from compare.engine import get_engine


@pytest.fixture(scope="session")
def engine():
    """The process-wide engine with the real models (loaded once for the whole run)."""
    return get_engine()


@pytest.fixture(scope="session")
def rules():
    """An engine without the support judge: every check that fires flags, so a check's own tests see
    what it finds whatever the judge would say (the judge's part is tested end to end elsewhere)."""
    from compare.embed.embedder import get_embedder
    from compare.engine import Engine
    return Engine(embedder=get_embedder(), checker=None)

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

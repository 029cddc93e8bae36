"""Fixtures shared by the test files."""
import pytest

from compare.engine import get_engine


@pytest.fixture(scope="session")
def engine():
    """The process-wide engine with the real models (loaded once for the whole run)."""
    return get_engine()

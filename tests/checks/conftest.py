"""Fixtures of the check tests: the trade and storm stories of tests/fixtures."""
import pytest
from checking import FIXTURES, read


@pytest.fixture(scope="module")
def trade(rules):
    return rules.compare(read(FIXTURES / "trade_wire.txt"), read(FIXTURES / "trade_derived.txt"))


@pytest.fixture(scope="module")
def storm_wire():
    return read(FIXTURES / "storm_wire.txt")

"""Helpers of the check tests: a comparison on the checks alone, and ways to read what it found."""
from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DEMO = Path(__file__).resolve().parents[2] / "corpus" / "demo"

_RULES = []


def run(wire: str, derived: str):
    """``compare()`` on the checks alone, without the support judge (see conftest.rules): these tests are
    about what each check finds."""
    if not _RULES:
        from compare.embed.embedder import get_embedder
        from compare.engine import Engine
        _RULES.append(Engine(embedder=get_embedder(), checker=None))
    return _RULES[0].compare(wire, derived)


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def sentence(c, prefix: str):
    (s,) = [s for s in c.derived.sentences if s.text.startswith(prefix)]
    return s


def flags_on(c, s):
    return [f for f in c.flags if f.sentence_id == s.id]


def contradicted(c) -> list[tuple[str, str]]:
    """The contradicted units of a comparison, as (text, the wire's words) pairs."""
    return [(u.text, u.evidence) for u in c.units if u.status == "contradicted"]


def units_of(c, kind: str) -> list[tuple[str, str]]:
    """The units of one kind, as (text, status) pairs."""
    return [(u.text, u.status) for u in c.units if u.kind == kind]

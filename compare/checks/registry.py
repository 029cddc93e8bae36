"""The registry of the checks: each family module marks its checks with ``@check(name, family)``.

A check is ``def run(ctx: SentenceContext) -> Iterator[Finding]``; it reads the context and yields
findings, and never changes the context or calls back into the engine. Registering a check does not
decide when it runs: ``compare.checks.steps.ORDER`` lists every registered check once, in the order
they run, which is their precedence (a later check may overrule what an earlier one found).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

__all__ = ["Check", "check", "registered"]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: ``name`` as ``--disable`` takes it (``family.name``, or the family alone when a
    family has one check), its family, and the function."""
    name: str
    family: str
    run: Callable[..., Iterator]


_REGISTRY: dict[str, Check] = {}


def check(name: str, family: str):
    """Register the decorated function as the check ``family.name`` (``family`` when ``name == family``);
    the function itself is returned unchanged."""
    full = family if name == family else f"{family}.{name}"

    def register(run):
        if full in _REGISTRY and _REGISTRY[full].run is not run:
            raise ValueError(f"check {full!r} is registered twice")
        _REGISTRY[full] = Check(full, family, run)
        return run
    return register


def registered() -> dict[str, Check]:
    """Every registered check by name (the family modules must be imported first)."""
    return dict(_REGISTRY)

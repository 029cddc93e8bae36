"""Which saved decisions belong to which of today's flags, when a flag is drawn a little differently."""
from __future__ import annotations

from .schema import Decision

__all__ = ["match_flags"]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_flags(flags, latest: dict[tuple[int, int], Decision]) -> tuple[dict[tuple[int, int], Decision], list[Decision]]:
    """The decision in force on each current flag, and the decisions no current flag takes.

    Decisions are saved on a flag's span. When the engine draws a flag a little wider or narrower
    (a retune, a newer version), the editor's decision must not vanish from view: a flag with no
    decision on its own span takes the newest decision on an overlapping span about the same words
    (one flag's text inside the other's). Decisions left over are returned apart, oldest span first,
    so the page can still show them; nothing is ever dropped from the store.
    ``flags``: objects with ``start``, ``end`` and ``text`` (``compare.comparison.Flag``).
    """
    matched: dict[tuple[int, int], Decision] = {}
    used: set[int] = set()
    for f in flags:
        d = latest.get((f.start, f.end))
        if d is not None:
            matched[(f.start, f.end)] = d
            used.add(d.id)

    def same_words(d: Decision, f) -> bool:
        a, b = d.flag_text.strip().lower(), f.text.strip().lower()
        return bool(a and b) and (a in b or b in a)

    for f in flags:
        span = (f.start, f.end)
        if span in matched:
            continue
        near = [d for d in latest.values() if d.id not in used and _overlap(d.span, span) and same_words(d, f)]
        if near:
            d = max(near, key=lambda d: d.id)
            matched[span] = d
            used.add(d.id)
    left = [d for d in latest.values() if d.id not in used
            and not any(_overlap(d.span, (f.start, f.end)) and same_words(d, f) for f in flags)]
    return matched, sorted(left, key=lambda d: d.span)

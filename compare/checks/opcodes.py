"""Word-level comparison of a derived sentence with its best wire sentence: the opcodes of their content
words, the short stretches where one replaces words of the other, and the names swapped there."""
from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from .context import ENTITY_KIND
from .wordsense import _related

if TYPE_CHECKING:                                   # pragma: no cover
    from ..text.nlp import Analysis


SWAP_SPAN = 3              # at most this many tokens on each side of a replacement to count as a swap


def _content_seq(a: Analysis):
    return [t for t in a.tokens if t.pos not in ("PUNCT", "SPACE", "DET")]


def _word_opcodes(dt, wt, longest: int = 3) -> list[tuple[int, int, int]]:
    """One word of the sentence's tokens ``dt`` put in place of one to ``longest`` words of the wire
    sentence's ``wt``, the words around them kept: ``(index in dt, index in wt of the last word replaced,
    how many were)``; with one, the two words stand in place of each other."""
    sm = difflib.SequenceMatcher(None, [t.lower for t in dt], [t.lower for t in wt], autojunk=False)
    return [(i1, j2 - 1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes()
            if op == "replace" and i2 - i1 == 1 and 1 <= j2 - j1 <= longest]


def _short_replacements(d: Analysis, w: Analysis) -> list[tuple[int, int, tuple]]:
    """Stretches of at most ``SWAP_SPAN`` tokens that difflib sees replaced between the derived sentence and
    its wire sentence: ``(derived_start, derived_end, wire_tokens)``. A longer rewritten stretch is
    rewording, not one name put in another's place."""
    dt, wt = _content_seq(d), _content_seq(w)
    sm = difflib.SequenceMatcher(None, [t.lower for t in dt], [t.lower for t in wt], autojunk=False)
    return [(dt[i1].start, dt[i2 - 1].end, tuple(wt[j1:j2])) for op, i1, i2, j1, j2 in sm.get_opcodes()
            if op == "replace" and i2 - i1 <= SWAP_SPAN and j2 - j1 <= SWAP_SPAN]


def _swapped_spans(stretches, w: Analysis):
    """Entities of the wire sentence ``w`` in the replaced ``stretches``:
    ``(derived_start, derived_end, wire_entity_text, wire_entity_label)``."""
    out = []
    for d0, d1, wt in stretches:
        w0, w1 = wt[0].start, wt[-1].end
        for e in w.entities:
            if e.start < w1 and w0 < e.end:
                out.append((d0, d1, e.text, e.label))
    return out


def _swapped_names(stretches, w: Analysis):
    """Names of the wire sentence ``w``, tagged or not, in the replaced ``stretches``:
    ``(derived_start, derived_end, wire_text)``, the wire text being its proper nouns in the stretch."""
    out = []
    for d0, d1, wt in stretches:
        names = [t for t in wt if t.pos == "PROPN" or t.ent in ENTITY_KIND]
        if names:
            out.append((d0, d1, w.text[names[0].start:names[-1].end]))
    return out


def _replacements(d: Analysis, w: Analysis) -> tuple[int, int]:
    """Word-level replacements between the sentence and its best wire sentence: (all, unrelated).
    A replacement is unrelated when no derived content lemma in it is a synonym of a wire one."""
    dt, wt = _content_seq(d), _content_seq(w)
    sm = difflib.SequenceMatcher(None, [t.lemma for t in dt], [t.lemma for t in wt], autojunk=False)
    n = unrel = 0
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "replace":
            continue
        dl = [t.lemma for t in dt[i1:i2] if t.content]
        wl = [t.lemma for t in wt[j1:j2] if t.content]
        if not dl or not wl:
            continue
        n += 1
        if not any(_related(a, b) for a in dl for b in wl):
            unrel += 1
    return n, unrel

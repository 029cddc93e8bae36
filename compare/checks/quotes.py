"""Quotations of a text, paired in order: what the quote check holds word for word against the wire copy, and
the wire quotation one that is not changes (a misquote)."""
from __future__ import annotations

import difflib
import re
from typing import Iterator

from .context import Finding, SentenceContext, overruling, unit
from .registry import check

_QUOTE_MARKS = re.compile(r"[\"“”]")

def quotations(text: str) -> list[tuple[int, int]]:
    """Spans of the quotations in ``text``, marks included, paired in order: the marks that close one
    quotation never open the next ('"J", Ali Smith's "How To Be Both"' holds two titles, not the text
    between them). A curly opening mark restarts an unclosed quotation; an unclosed one is dropped."""
    spans, open_at = [], None
    for m in _QUOTE_MARKS.finditer(text):
        mark, at = m.group(), m.start()
        if open_at is None or mark == "“":
            if mark != "”":
                open_at = at
        else:
            spans.append((open_at, at + 1))
            open_at = None
    return spans


_WORDS = re.compile(r"[\w$%€£₹]+(?:[.'’][\w]+)*")


def _norm_words(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").lower()
    return " " + " ".join(_WORDS.findall(text)) + " "


#: the share of a quotation's words that must stand, in order, in one of the wire copy's quotations for
#: it to be that quotation changed (a misquote) rather than another quotation: most of its words are the
#: wire's; a quotation of other words entirely is new, not a contradiction
MISQUOTE_SHARE = 0.6
#: the words of the wire's quotation a misquote's reason shows
MISQUOTE_SHOWN = 30


def wire_quotations(text: str) -> tuple[str, ...]:
    """The wire copy's quotations of three words or more, without their marks."""
    return tuple(q for q0, q1 in quotations(text) if len((q := text[q0 + 1:q1 - 1].strip(" ,;:")).split()) >= 3)


def _misquoted(inner: str, wire_quotes: tuple[str, ...]) -> tuple[str, list[str]] | None:
    """The wire quotation that ``inner`` (a quotation not in the wire copy word for word) changes, and what
    it changes ("'lift' for 'raise'", "'not' left out"); None when none holds MISQUOTE_SHARE of its words
    in order. The wire quotation that holds most of them is the one it changes."""
    mine = _norm_words(inner).split()
    best = None
    for wq in wire_quotes:
        theirs = _norm_words(wq).split()
        sm = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
        shared = sum(b.size for b in sm.get_matching_blocks())
        if shared >= MISQUOTE_SHARE * len(mine) and (best is None or shared > best[0]):
            best = (shared, wq, sm)
    if best is None:
        return None
    _, wq, sm = best
    a, b = sm.a, sm.b
    blocks = [(i1, i2, j1, j2) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]
    # a quotation cut from a longer one leaves the wire's words out at its ends: no change
    blocks = [(i1, i2, j1, j2) for i1, i2, j1, j2 in blocks if i2 > i1 or 0 < i1 < len(a)]
    changes = []
    for i1, i2, j1, j2 in blocks:
        mine_w, theirs_w = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        changes.append(f"'{mine_w}' for '{theirs_w}'" if mine_w and theirs_w
                       else f"'{mine_w}' added" if mine_w else f"'{theirs_w}' left out")
    return (wq, changes) if changes else None


_ELLIPSIS = re.compile(r"\s*(?:…|\.\s?\.\s?\.)\s*")


def _cut_with_ellipses(inner: str, wire_words: str) -> bool:
    """Whether a quotation that marks its cuts with ellipses ("We will not raise rates … whatever the data
    say") stands word for word in the wire copy between them."""
    parts = [p for p in _ELLIPSIS.split(inner) if _norm_words(p).strip()]
    return len(parts) > 1 and all(_norm_words(p) in wire_words for p in parts)


@check("quotes", "quotes")
def _check_quotes(ctx: SentenceContext) -> Iterator[Finding]:
    """A quotation of three words or more must stand word for word in the wire copy (its cuts may be marked
    with an ellipsis); one that does not is new here, and perhaps a misquote (:func:`_check_misquoted`)."""
    text = ctx.text
    for q0, q1 in quotations(text):
        inner = text[q0 + 1:q1 - 1]
        if len(inner.split()) < 3:
            continue
        if _norm_words(inner) in ctx.facts.words:
            yield unit(q0, q1, "quote", "supported", "quoted word for word in the wire copy")
        elif _cut_with_ellipses(inner, ctx.facts.words):
            yield unit(q0, q1, "quote", "supported", "quoted word for word in the wire copy, its cuts marked")
        else:
            yield unit(q0, q1, "quote", "new", counts=("unmatched_quotes",))


@check("misquoted", "quotes")
def _check_misquoted(ctx: SentenceContext) -> Iterator[Finding]:
    """A quotation the quote step found new (not in the wire copy word for word, :func:`_check_quotes`) whose
    words are mostly one of the wire's quotations, changed: a misquote, in its place. It runs last, so that
    what the steps before it find contradicted inside the quotation (a figure, a negation, a name) stands
    as their finding and reason; only a quotation where none did is read as a misquote."""
    base, text = ctx.base, ctx.text
    new = [(u.start - base, u.end - base) for u in ctx.out.units if u.kind == "quote" and u.status == "new"]
    for q0, q1 in new:
        if ctx.contradicted_at(q0, q1):
            continue
        if (changed := _misquoted(text[q0 + 1:q1 - 1], ctx.facts.quotations)) is not None:
            said, changes = changed
            words = said.split()
            said = " ".join(words[:MISQUOTE_SHOWN]) + (" …" if len(words) > MISQUOTE_SHOWN else "")
            yield overruling(q0, q1, "quote", f"the wire copy quotes '{said}'",
                             f"the quotation differs from the wire copy's ({', '.join(changes[:2])}"
                             f"{' …' if len(changes) > 2 else ''}): '{said}'", None)

"""Quotations of a text, paired in order: what the quote check holds word for word against the wire copy."""
from __future__ import annotations

import re
from typing import Iterator

from .context import Finding, SentenceContext, unit
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


@check("quotes", "quotes")
def _check_quotes(ctx: SentenceContext) -> Iterator[Finding]:
    """A quotation of three words or more must stand word for word in the wire copy."""
    text = ctx.text
    for q0, q1 in quotations(text):
        inner = text[q0 + 1:q1 - 1]
        if len(inner.split()) < 3:
            continue
        if _norm_words(inner) in ctx.facts.words:
            yield unit(q0, q1, "quote", "supported", "quoted word for word in the wire copy")
        else:
            yield unit(q0, q1, "quote", "new", counts=("unmatched_quotes",))

"""Quotations of a text, paired in order: what the quote check holds word for word against the wire copy."""
from __future__ import annotations

import re

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

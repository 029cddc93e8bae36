"""How reports and the page word a comparison: a sentence's label and icon, an editor's decision,
counts, and the file name of a download."""
from __future__ import annotations

import re

from ..comparison import Comparison
from ..document import CONTENT_SECTIONS, Sentence

__all__ = ["BOILERPLATE", "LABEL_ICON", "LABEL_COLOUR", "DECISION_WORDS", "sentence_label", "decision_word",
           "count", "export_name"]

# The label a sentence is shown with, on the page and in the Markdown, HTML and CSV exports: its verdict,
# or "boilerplate" for a dateline, site furniture or a writing tool's note, which is not checked (its
# engine verdict is a placeholder; the JSON report keeps it, and the section, as they are)
BOILERPLATE = "boilerplate"
LABEL_ICON = {"copied": "=", "paraphrased": "≈", "partial": "◐", "unsupported": "✗", "contradicted": "⚠",
              BOILERPLATE: "○"}
LABEL_COLOUR = {"copied": "#d9f2d9", "paraphrased": "#e8f4e8", "partial": "#fff1c2",
                "unsupported": "#ffd6d6", "contradicted": "#ffb3b3", BOILERPLATE: "#eeeeee"}
# the words the page shows for an editor's decision (the JSON report keeps the stored values)
DECISION_WORDS = {"confirmed": "Confirmed", "dismissed": "Dismissed", "needs_source": "Needs source"}


def sentence_label(c: Comparison, sentence: Sentence) -> str:
    """The one label ``sentence`` (of ``c.derived``) is shown with: its verdict, or ``boilerplate``."""
    return c.verdict(sentence.id).label if sentence.section in CONTENT_SECTIONS else BOILERPLATE


def decision_word(decision: str) -> str:
    """A stored decision (``needs_source``) in the words the page shows (``Needs source``)."""
    return DECISION_WORDS.get(decision, decision)


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``1 sentence``, ``2 sentences``, ``0 flags``."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def export_name(name: str, ext: str) -> str:
    """A safe download file name made from an article name: ``compare-<slug>.<ext>``."""
    name = re.sub(r"\.(txt|md|markdown|html?)$", "", name.strip(), flags=re.IGNORECASE)
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name)
    slug = re.sub(r"-{2,}", "-", slug).strip("-._")[:60].strip("-._") or "report"
    return f"compare-{slug}.{ext}"

"""What a comparison is written as: the JSON report (``json_report``), Markdown (``markdown``), HTML
(``html``), the CSV of flags (``csv_flags``), the words they share (``labels``), and output files
written whole or not at all (``files``)."""
from __future__ import annotations

from typing import Sequence

FORMATS = ("json", "md", "html")


def render(fmt: str, comparisons: Sequence, decisions: Sequence[dict] | None = None) -> str:
    """The report of ``comparisons`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        from .json_report import to_json as make
    elif fmt == "md":
        from .markdown import to_markdown as make
    elif fmt == "html":
        from .html import to_html as make
    else:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return make(comparisons, decisions)

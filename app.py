"""compare — the fact-check desk page.

    streamlit run app.py          (or: make run)

A thin entry over :mod:`desk`: every comparison goes through ``compare.engine`` and every editor
decision through ``compare.review.store.ReviewStore`` (``$COMPARE_DB``, default ``data/reviews.sqlite3``).
"""
from desk.page import main

main()

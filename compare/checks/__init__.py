"""The checks of a derived sentence against its wire window, one module per family.

``compare.checks.steps.STEPS`` lists them in the order they run (their precedence); each reads and writes one
``context.SentenceContext``. their word lists are read from ``compare/data/wordlists`` (``compare.text.wordlists``)."""

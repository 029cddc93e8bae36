"""The checks of a derived sentence against its wire window, one module per family.

``compare.checks.steps.STEPS`` lists them in the order they run (their precedence); each reads and writes one
``context.SentenceContext``. ``words`` reads their word lists from ``compare/data/wordlists``."""

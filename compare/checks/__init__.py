"""The checks of a derived sentence against its wire window, one module per family.

Each family module registers its checks with ``@check(name, family)`` (``registry``);
``compare.checks.steps.ORDER`` lists them in the order they run (their precedence). Each reads one
``context.SentenceContext`` and yields findings. Their word lists are read from ``compare/data/wordlists``
(``compare.text.wordlists``)."""

"""The checks of a derived sentence against its wire window (see ``compare/check.py``, being moved here
family by family: issue 22). ``words`` reads their word lists from ``compare/data/wordlists``."""

"""Article loaders (pasted text, files, folders, URLs) and the bundled demo articles."""
from .load import (ARTICLE_SUFFIXES, DEMO_DIR, USER_AGENT, Article, demo_pair, list_pairs, load, load_bytes, load_file,
                   load_folder, load_text, load_url)

__all__ = [
    "Article", "load_text", "load_file", "load_bytes", "load_url", "load", "load_folder",
    "DEMO_DIR", "demo_pair", "list_pairs", "ARTICLE_SUFFIXES", "USER_AGENT",
]

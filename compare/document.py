"""Documents and what lives inside them: sentences and checkable units.

Every offset is a half-open Python ``str`` index into the owning document's ``text``, so
``doc.text[x.start:x.end] == x.text`` holds for every sentence and unit.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Section", "UnitKind", "UnitStatus", "Sentence", "Unit", "Document", "sha256"]

Section = Literal["body", "heading", "faq_question", "faq_answer", "caption", "boilerplate"]
UnitKind = Literal["number", "date", "day", "duration", "person", "org", "place", "quote",
                   "phrase", "word", "negation", "hedge"]
UnitStatus = Literal["supported", "new", "contradicted"]

#: sections whose sentences carry reported content (boilerplate carries none)
CONTENT_SECTIONS: frozenset[str] = frozenset({"body", "heading", "faq_question", "faq_answer", "caption"})


def sha256(text: str) -> str:
    # surrogatepass: a text with a lone surrogate still has a key; validate_text then refuses it with a message
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    start: int
    end: int
    text: str
    section: Section = "body"


@dataclass(frozen=True, slots=True)
class Unit:
    """A checkable piece of a derived sentence (a figure, a name, a quote, a content word …)."""
    start: int
    end: int
    text: str
    kind: UnitKind
    status: UnitStatus = "new"
    evidence: str = ""          # the wire text that supports or contradicts it, if any
    sentence_id: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    text: str
    sentences: tuple[Sentence, ...] = field(default_factory=tuple)

    @property
    def sha256(self) -> str:
        return sha256(self.text)

    def sentence(self, sid: str) -> Sentence:
        for s in self.sentences:
            if s.id == sid:
                return s
        raise KeyError(sid)

    @property
    def content_sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.section in CONTENT_SECTIONS)

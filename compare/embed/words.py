"""What the sentence model says about single words: which of a window's words one is close in meaning to
(:meth:`WordSense.closest`), and how favourable it is (:meth:`WordSense.polarity`). The checks read
these as word resources, like the lexicon: the engine asks ``closest`` for a sentence's words before
its checks run, and hands ``polarity`` to them."""
from __future__ import annotations

from .embedder import Embedder

__all__ = ["WordSense", "WORD_MATCH", "POLARITY_ANCHORS"]

#: cosine of single-word embeddings from which a new word counts as said by the window in other words.
#: 0.78 admits derivations ("importer"/"imports" 0.80, "cyclist"/"cycling" 0.78, "weaponry"/"weapons" 0.89)
#: and refuses contrasts ("yellow"/"blue" 0.66, "imports"/"exports" 0.63, "increase"/"decrease" 0.61).
WORD_MATCH = 0.78
_POLARITY_CACHE = 50_000                # words whose polarity is kept
#: words of praise and of blame a word's polarity is measured against (``WordSense.polarity``): the
#: plainest general-purpose evaluative adjectives, not words of any article
POLARITY_ANCHORS = (("good", "positive", "successful", "excellent", "great"),
                    ("bad", "negative", "unsuccessful", "terrible", "poor"))


class WordSense:
    """Word closeness and polarity from ``embedder``'s vectors (one per engine)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._praise = None             # POLARITY_ANCHORS' good words' mean vector minus the bad ones'
        self._polarity: dict[str, float] = {}

    def closest(self, words: list[str], candidates: list[str]) -> list[str | None]:
        """For each word, the candidate whose embedding is at least ``WORD_MATCH`` close, or None."""
        vecs = self.embedder.encode(words + candidates)
        sims = vecs[:len(words)] @ vecs[len(words):].T
        best = sims.argmax(axis=1)
        return [candidates[b] if sims[k, b] >= WORD_MATCH else None for k, b in enumerate(best)]

    def polarity(self, words: list[str]) -> list[float]:
        """How favourable each word is: its mean embedding similarity to :data:`POLARITY_ANCHORS`' good
        words minus that to its bad ones (above 0 favourable, below 0 unfavourable). The mean of the
        similarities is the similarity to the mean, so the anchors are one vector, made once."""
        found = {w: self._polarity.get(w) for w in words}      # (read once: another thread may clear the cache)
        missing = [w for w, score in found.items() if score is None]
        if missing:
            if self._praise is None:
                good, bad = POLARITY_ANCHORS
                vecs = self.embedder.encode(list(good) + list(bad))
                self._praise = vecs[:len(good)].mean(axis=0) - vecs[len(good):].mean(axis=0)
            if len(self._polarity) > _POLARITY_CACHE:
                self._polarity.clear()
            for w, v in zip(missing, self.embedder.encode(missing)):
                found[w] = self._polarity[w] = float(v @ self._praise)
        return [found[w] for w in words]

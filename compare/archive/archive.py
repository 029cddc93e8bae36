"""``Archive``: the wire archive's Python API (docs/archive.md).

    with Archive() as archive:                     # $COMPARE_ARCHIVE, else data/archive.sqlite3
        report = archive.add([{"id": "r1", "text": wire_text, "headline": "..."}])
        sources = archive.find(article_text)       # best first: id, score, headline, shared
        result = archive.check(article_text)       # sources, the ones compared against, the Comparison
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from ..comparison import Comparison
from ..embed.embedder import DIM
from ..errors import CompareError
from .find import SHARED, Source, find_sources
from .index import StoryIndex
from .ingest import AddReport, add_stories
from .store import ArchiveError, Store

__all__ = ["Archive", "Story", "CheckResult", "default_archive_path", "COVERS"]

_ENV_VAR = "COMPARE_ARCHIVE"
_PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
#: a derived sentence counts as said by a source (when choosing which sources to compare against) from
#: this cosine; a second source is taken when it says at least ``NEW_SENTENCES`` sentences no earlier one says
COVERS = 0.75
NEW_SENTENCES = 2


def default_archive_path() -> Path:
    env = os.environ.get(_ENV_VAR, "").strip()
    return Path(env).expanduser() if env else _PROJECT_ROOT / "data" / "archive.sqlite3"


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    text: str
    headline: str | None = None
    source: str | None = None
    time: str | None = None


@dataclass(frozen=True, slots=True)
class CheckResult:
    """``sources``: what ``find`` returned; ``used``: those the article was compared against;
    ``comparison``: the engine's Comparison against their texts joined (wire name: their ids)."""
    sources: tuple[Source, ...]
    used: tuple[Source, ...]
    comparison: Comparison


def _default_encode(texts: list[str]) -> np.ndarray:
    from ..embed.embedder import get_embedder
    return get_embedder().encode(texts)


@lru_cache(maxsize=1)
def _blas():
    """The process's BLAS thread pools (threadpoolctl). ``find`` multiplies small matrices and then runs the
    model on the next article: with more than one BLAS thread, OpenBLAS's threads spin for a while after
    each product and take the cores from the model's (``bench/archive.py``, cold ``find`` p95 at a million
    stories on this 2-core machine: 181 ms with two threads, 74 ms with one). Elsewhere the engine keeps
    its threads: one BLAS thread made the batch with the judge slower (40.5 s against 38.0 s)."""
    from threadpoolctl import ThreadpoolController
    return ThreadpoolController()


class Archive:
    """An archive of wire stories in one SQLite file with a usearch index beside it (``PATH.usearch``).
    ``create=False`` refuses a path that holds no archive (with the command that builds one)."""

    def __init__(self, path: str | os.PathLike | None = None, create: bool = True):
        self.path = Path(path) if path is not None else default_archive_path()
        self.store = Store(self.path, DIM, create=create)
        self.index = StoryIndex(Path(str(self.path) + ".usearch"), DIM)
        self._synced_count = -1

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Save the index if it changed, and close the file."""
        try:
            self.index.save()
        except OSError:
            pass                    # the index is rebuilt from the SQLite file next time
        self.store.close()

    def __len__(self) -> int:
        return self.store.count()

    def _sync(self) -> None:
        count = self.store.count()
        if count != self._synced_count:
            self.index.sync(self.store)
            self._synced_count = count

    def add(self, stories: Iterable[Any], progress: Callable[[int], Any] | None = None,
            encode: Callable[[list[str]], np.ndarray] | None = None) -> AddReport:
        """Add stories (mappings or objects with ``id``, ``text`` and optional ``headline``, ``source``,
        ``time``, ``where``) in one transaction. Same id and text: skipped; same id, other text: refused;
        a story without id or text, or whose text the engine refuses: refused, named. ``progress`` is
        called with the number of stories handled after each batch; ``encode`` embeds sentence texts
        (default: the tool's embedder with its shared cache)."""
        report = add_stories(self.store, stories, encode or _default_encode, progress)
        if report.added:
            self._sync()
        return report

    def save_index(self) -> None:
        """Bring the usearch index up to date and write it now (``close`` does this too)."""
        self._sync()
        self.index.save()

    def find(self, text: str, k: int = 5, encode: Callable[[list[str]], np.ndarray] | None = None,
             name: str = "article") -> list[Source]:
        """The wire stories ``text`` draws on, best first, at most ``k`` (docs/archive.md: score)."""
        if k < 1:
            raise CompareError(f"k must be at least 1, not {k}")
        self._sync()
        with _blas().limit(limits=1, user_api="blas"):
            return find_sources(self.store, self.index, text, k, encode or _default_encode, name)

    def story(self, story_id: str) -> Story | None:
        n = self.store.story_numbers([story_id]).get(story_id)
        if n is None:
            return None
        row = self.store.stories([n])[n]
        return Story(row["id"], row["text"], row["headline"], row["source"], row["time"])

    def check(self, text: str, name: str = "article", k: int = 5, ids: Sequence[str] | None = None,
              engine=None) -> CheckResult:
        """Find ``text``'s sources and compare it with the engine against the best one, or against
        several where it draws on several (chosen greedily by the derived sentences each newly says,
        ``COVERS``), their texts joined with blank lines as one wire copy named after their ids.
        ``ids`` compares against those stories instead (all of them, in that order)."""
        sources = self.find(text, k=k, name=name)
        if ids:
            stories = self._stories(list(ids))
            found = {s.id: s for s in sources}
            used = [found.get(s.id) or Source(s.id, 0.0, s.headline or s.id, ()) for s in stories]
        else:
            if not sources or sources[0].score == 0:
                raise ArchiveError(f"{name}: no source found in the archive {self.path} "
                                   f"({len(self)} stories); add the wire story first")
            used = choose_sources(sources)
            stories = self._stories([s.id for s in used])
        wire_name, wire_text = _joined(stories)
        from ..engine import get_engine
        engine = engine or get_engine()
        wire = engine.prepare_wire(wire_text, wire_name)
        return CheckResult(tuple(sources), tuple(used), engine.compare(wire, text, name))

    def wire_copy(self, ids: Sequence[str]) -> tuple[str, str]:
        """The wire copy an article is compared against when it draws on the stories ``ids``: their
        texts joined by blank lines, in that order, named after their ids (``"a + b"``)."""
        return _joined(self._stories(ids))

    def _stories(self, ids: Sequence[str]) -> list:
        """The stories ``ids``, in that order; an ArchiveError names the first the archive lacks."""
        stories = []
        for i in ids:
            story = self.story(i)
            if story is None:
                raise ArchiveError(f"no story with id {i!r} in the archive {self.path}")
            stories.append(story)
        return stories


def _joined(stories) -> tuple[str, str]:
    return " + ".join(s.id for s in stories), "\n\n".join(s.text for s in stories)


def choose_sources(sources: Sequence[Source]) -> list[Source]:
    """The best source, then each next one that says at least ``NEW_SENTENCES`` derived sentences (cosine
    ``COVERS`` or more) that none chosen before says."""
    chosen, said = [], set()
    for s in sources:
        says = {x.derived_start for x in s.shared if x.similarity >= max(COVERS, SHARED)}
        if not chosen or len(says - said) >= NEW_SENTENCES:
            chosen.append(s)
            said |= says
    return chosen

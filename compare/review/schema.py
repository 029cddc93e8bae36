"""The review file's schema (its migrations, one per version) and the records read from it."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "COLUMNS", "EXPORT_FIELDS", "Decision", "RecordResult", "row_to_decision"]

#: one entry per schema version; entry i (0-based) brings user_version from i to i + 1.
#: Each entry is a sequence of single SQL statements, run together in one transaction.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # version 1: the append-only decisions table
    (
        """
        CREATE TABLE decisions (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            wire_sha256    TEXT    NOT NULL,
            derived_sha256 TEXT    NOT NULL,
            span_start     INTEGER NOT NULL CHECK (span_start >= 0),
            span_end       INTEGER NOT NULL CHECK (span_end >= span_start),
            flag_text      TEXT    NOT NULL,
            decision       TEXT    NOT NULL
                           CHECK (decision IN ('confirmed', 'dismissed', 'needs_source')),
            note           TEXT    NOT NULL DEFAULT '',
            editor         TEXT    NOT NULL,
            decided_at     TEXT    NOT NULL,
            supersedes     INTEGER REFERENCES decisions(id)
        )
        """,
        """
        CREATE INDEX decisions_by_flag
            ON decisions (wire_sha256, derived_sha256, span_start, span_end, id)
        """,
        """
        CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
        BEGIN
            SELECT RAISE(ABORT, 'decisions are append-only: record a new decision instead');
        END
        """,
        """
        CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
        BEGIN
            SELECT RAISE(ABORT, 'decisions are append-only: they cannot be deleted');
        END
        """,
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)

COLUMNS = ("wire_sha256, derived_sha256, span_start, span_end, flag_text, decision, note, "
            "editor, decided_at, id, supersedes")


@dataclass(frozen=True, slots=True)
class Decision:
    """One saved decision on one flag (one row of the store)."""
    wire_sha256: str
    derived_sha256: str
    start: int
    end: int
    flag_text: str
    decision: str          # 'confirmed' | 'dismissed' | 'needs_source'
    note: str
    editor: str            # 'anonymous' when none was given
    decided_at: str        # ISO 8601, UTC
    id: int
    supersedes: int | None  # id of the decision that was current when this one was saved

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in EXPORT_FIELDS}


#: the keys of ``Decision.as_dict`` / ``export_rows`` in column order (use as a CSV header)
EXPORT_FIELDS: tuple[str, ...] = (
    "id", "wire_sha256", "derived_sha256", "start", "end", "flag_text", "decision", "note",
    "editor", "decided_at", "supersedes",
)


@dataclass(frozen=True, slots=True)
class RecordResult:
    """What ``record`` saved, and the other editor's decision it overrode unseen (if any)."""
    decision: Decision
    conflict: Decision | None = None


def row_to_decision(row: sqlite3.Row | tuple) -> Decision:
    return Decision(*row)

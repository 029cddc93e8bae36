"""The review store: editors' decisions on flags, kept in a local SQLite file.

Storage is append-only. Every decision an editor saves is a new row; rows are never updated or
deleted (triggers in the schema refuse it), so nothing an editor saved is ever lost. The
*current* decision for a flag is simply its newest row; ``history`` shows every row.

A flag is identified by the two documents' SHA-256 hashes plus the half-open span
``[start, end)`` of the flagged text in the derived document.

``record`` writes in one transaction and commits before it returns, with ``synchronous=FULL``,
so once the caller has been told "saved" the decision survives a crash or restart.

When two editors decide the same flag at once, the later write wins (it becomes the current
decision) but both rows stay in the history, and ``record`` returns the other editor's decision
in ``RecordResult.conflict`` so the page can show both.

A store this user can read but not write (a read-only file, folder or file system) is opened
read-only: ``ReviewStore.read_only`` is True, reading works and ``record`` raises a StoreError that
says why and what to do. Whatever else keeps the store from being used (a folder that cannot be
entered, a file that cannot be read, a damaged database) is one StoreError, one line, naming the
path and saying what to do.

Only the standard library is used; importing this module loads no model.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import CompareError
from .access import (ON_PURPOSE, SQLITE_BUSY, SQLITE_CANTOPEN, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_IOERR,
                     SQLITE_LOCKED, SQLITE_NOTADB, SQLITE_PERM, SQLITE_READONLY, WRITE_ADVICE, access_advice,
                     damaged_advice, deepest_existing, error_code, file_access, one_line, user_name, why)
from .schema import COLUMNS, EXPORT_FIELDS, MIGRATIONS, SCHEMA_VERSION, Decision, RecordResult, row_to_decision

__all__ = [
    "DEFAULT_DB_PATH", "DECISIONS", "ANONYMOUS", "SCHEMA_VERSION", "EXPORT_FIELDS",
    "StoreError", "Decision", "RecordResult", "ReviewStore", "default_db_path",
]

#: the values an editor can give a flag
DECISIONS: tuple[str, ...] = ("confirmed", "dismissed", "needs_source")

#: stored as the editor when none was given
ANONYMOUS = "anonymous"

#: seconds to wait for another process's write lock before giving up
BUSY_TIMEOUT_S = 5.0

_PROJECT_ROOT = Path(__file__).resolve().parents[2]
_ENV_VAR = "COMPARE_DB"


def default_db_path() -> Path:
    """``$COMPARE_DB`` if set (and non-empty), else ``<project root>/data/reviews.sqlite3``.

    Read at call time, so a changed environment variable is honoured without a re-import.
    """
    env = os.environ.get(_ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return _PROJECT_ROOT / "data" / "reviews.sqlite3"


def __getattr__(name: str) -> Any:
    # DEFAULT_DB_PATH is computed on each access (PEP 562) so it always reflects $COMPARE_DB.
    if name == "DEFAULT_DB_PATH":
        return default_db_path()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class StoreError(CompareError):
    """The review store cannot be opened or used (message names the path and what to do)."""


def _now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


# --------------------------------------------------------------------------------------------
# the store

class ReviewStore:
    """The SQLite review store. One connection per instance, safe to share between threads.

    >>> with ReviewStore(path) as store:                                   # doctest: +SKIP
    ...     saved = store.record(wire_hash, derived_hash, 10, 24, "£3m", "confirmed", editor="ana")

    A database this user can read but not write (a read-only file, folder or file system) is
    opened read-only: ``read_only`` is True, ``read_only_reason`` says why, reading works and
    ``record`` raises a StoreError that says so. ``read_only=True`` opens any store that way.
    Anything else that keeps the store from being used (a folder that cannot be entered, a file
    that cannot be read, a damaged database) raises one StoreError whose message names the path
    and says what to do.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        self.path: Path = Path(path).expanduser() if path is not None else default_db_path()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self.read_only: bool = False
        #: why the store was opened read-only ("" when it is writable)
        self.read_only_reason: str = ""
        self._conn = self._open(read_only)

    # -- opening ------------------------------------------------------------------------------

    def _fail(self, what: str, exc: BaseException | None = None) -> StoreError:
        detail = f" ({one_line(exc)})" if exc is not None else ""
        return StoreError(f"cannot open review store {self.path}: {what}{detail}")

    def _open(self, read_only: bool) -> sqlite3.Connection:
        path = self.path
        if str(path) == ":memory:":
            if read_only:
                raise self._fail("an in-memory store cannot be opened read-only")
            try:
                return self._open_writable()
            except sqlite3.Error as exc:
                raise self._database_error(exc) from exc
        self._check_folders()
        try:
            is_dir = path.is_dir()
        except OSError as exc:                       # a folder on the way cannot be entered
            raise self._fail(access_advice(path.parent, "entered", exc)) from exc
        if is_dir:
            raise self._fail("it is a folder; give the path of a database file instead")
        exists = path.exists()
        if exists:
            readable, writable, exc = file_access(path)
            if not readable:
                raise self._fail(access_advice(path, "read", exc, "file")) from exc
            if read_only:
                return self._open_read_only(ON_PURPOSE)
            if not writable:
                return self._open_read_only(f"the file {path} cannot be written ({why(exc)})")
        elif read_only:
            raise self._fail("there is no such file to open read-only; check the path")
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except PermissionError as exc:
                raise self._fail(f"its folder cannot be created: "
                                 f"{access_advice(deepest_existing(path.parent), 'written', exc)}") from exc
            except OSError as exc:
                raise self._fail("its folder cannot be created; check the path", exc) from exc
        try:
            return self._open_writable()
        except sqlite3.Error as exc:
            code = error_code(exc)
            if code in (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM):
                if exists:                           # readable but SQLite cannot write beside it
                    return self._open_read_only(
                        f"the folder {path.parent} or its file system cannot be written")
                raise self._fail(access_advice(path.parent, "written", exc)) from exc
            raise self._database_error(exc) from exc

    def _check_folders(self) -> None:
        """A folder on the way that exists but cannot be entered: say which, and what to do."""
        parent = self.path.parent
        for folder in reversed((parent, *parent.parents)):
            try:
                folder.stat()
            except PermissionError as exc:
                raise self._fail(access_advice(folder.parent, "entered", exc)) from exc
            except OSError:
                return                               # missing: created (or refused) later

    def _open_writable(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            str(self.path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False,
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_read_only(self, reason: str) -> sqlite3.Connection:
        uri = self.path.resolve().as_uri()
        conn = None
        try:
            # mode=ro needs the WAL's -shm file; where it does not exist and cannot be created
            # (a read-only folder), immutable=1 reads the database file as it stands
            for options in ("mode=ro", "mode=ro&immutable=1"):
                try:
                    conn = sqlite3.connect(f"{uri}?{options}", uri=True, timeout=BUSY_TIMEOUT_S,
                                           isolation_level=None, check_same_thread=False)
                    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
                    conn.execute("PRAGMA query_only = ON")
                    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                    break
                except sqlite3.Error as exc:
                    if conn is not None:
                        conn.close()
                        conn = None
                    if "immutable" in options or error_code(exc) not in (SQLITE_READONLY,
                                                                          SQLITE_CANTOPEN):
                        raise
            assert conn is not None
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            wal = Path(f"{self.path}-wal")
            if "immutable" in options and wal.is_file() and wal.stat().st_size > 0:
                reason += (f"; the decisions still in its write-ahead log {wal} cannot be read "
                           f"without write access, so the latest may be missing")
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise self._database_error(exc) from exc
        if version > SCHEMA_VERSION:
            conn.close()
            raise self._fail(f"it has schema version {version}, newer than this program's "
                             f"{SCHEMA_VERSION}; upgrade the program")
        if version < SCHEMA_VERSION:
            conn.close()
            raise self._fail(f"it is read-only ({reason}) and needs an upgrade to schema version "
                             f"{SCHEMA_VERSION} that only a writable store can get; "
                             f"{self._write_advice(reason)}")
        self.read_only, self.read_only_reason = True, reason
        return conn

    def _database_error(self, exc: sqlite3.Error) -> StoreError:
        code = error_code(exc)
        if code == SQLITE_CORRUPT:
            return self._fail(damaged_advice(self.path), exc)
        if code == SQLITE_NOTADB:
            return self._fail("it is not a SQLite review database; move it aside or "
                              "choose another path", exc)
        if code in (SQLITE_BUSY, SQLITE_LOCKED):
            return self._fail("another program has held its lock for too long; try again in a "
                              "moment", exc)
        if code == SQLITE_FULL:
            return self._fail("the disk is full; free some space, then reload", exc)
        if code == SQLITE_IOERR:
            return self._fail("the disk could not read or write it; check the disk, then reload", exc)
        return self._fail("it is not a usable SQLite review database; move it aside or "
                          "choose another path", exc)

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise self._fail(f"it has schema version {version}, newer than this program's "
                             f"{SCHEMA_VERSION}; upgrade the program")
        while version < SCHEMA_VERSION:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # re-read under the write lock: another process may have migrated meanwhile
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version >= SCHEMA_VERSION:
                    conn.execute("COMMIT")
                    break
                for statement in MIGRATIONS[version]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            version += 1

    def _use_error(self, doing: str, exc: sqlite3.Error) -> StoreError:
        """A StoreError for a failed read or write on an open store, saying what to do."""
        code, detail = error_code(exc), one_line(exc)
        head = f"could not {doing} review store {self.path}"
        if code == SQLITE_CORRUPT:
            return StoreError(f"{head}: {damaged_advice(self.path)} ({detail})")
        if code == SQLITE_NOTADB:
            return StoreError(f"{head}: it is no longer a SQLite database ({detail}); move it aside "
                              f"and restore the latest backup in its place")
        if code == SQLITE_READONLY:
            return StoreError(f"{head}: it cannot be written ({detail}); "
                              f"{WRITE_ADVICE.format(path=self.path, user=user_name())}")
        if code == SQLITE_FULL:
            return StoreError(f"{head}: the disk is full ({detail}); free some space, then try again")
        return StoreError(f"{head}: {detail}; try again")

    @property
    def read_only_message(self) -> str:
        """What to tell an editor whose decisions cannot be saved ("" when the store is writable)."""
        if not self.read_only:
            return ""
        return (f"this review store is read-only: decisions cannot be saved to {self.path}, because "
                f"{self.read_only_reason}; the decisions already saved can still be read. To save "
                f"decisions, {self._write_advice(self.read_only_reason)}")

    def _write_advice(self, reason: str) -> str:
        if reason.startswith(ON_PURPOSE):
            return "open it without read_only"
        return WRITE_ADVICE.format(path=self.path, user=user_name())

    # -- lifetime -----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection. Safe to call twice."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._conn is None else "open"
        return f"ReviewStore({str(self.path)!r}, {state})"

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"review store {self.path} is closed; open a new ReviewStore")
        return self._conn

    @property
    def schema_version(self) -> int:
        with self._lock:
            return self._connection().execute("PRAGMA user_version").fetchone()[0]

    # -- writing ------------------------------------------------------------------------------

    def record(
        self,
        wire_sha256: str,
        derived_sha256: str,
        start: int,
        end: int,
        flag_text: str,
        decision: str,
        note: str = "",
        editor: str = "",
        expected_previous: int | None = None,
    ) -> RecordResult:
        """Save a new decision on the flag ``(wire_sha256, derived_sha256, start, end)``.

        The row is committed (durably) before this returns. ``expected_previous`` is the id of
        the latest decision on this flag the caller saw (None if it saw none). If the flag's
        current decision is a different one, made by another editor, the new decision is still
        saved (last write wins) and that other decision is returned as ``conflict``.
        Anonymous decisions cannot be told apart by editor, so for them any unseen decision
        counts as a conflict.
        """
        if decision not in DECISIONS:
            raise ValueError(f"invalid decision {decision!r}: expected one of "
                             f"{', '.join(DECISIONS)}")
        for name, value in (("wire_sha256", wire_sha256), ("derived_sha256", derived_sha256)):
            if not isinstance(value, str) or not value:
                raise ValueError(f"invalid {name} {value!r}: expected a non-empty hash string")
        for name, value in (("start", start), ("end", end)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"invalid {name} {value!r}: expected a non-negative integer")
        if end < start:
            raise ValueError(f"invalid span {start}-{end}: end is before start")
        if expected_previous is not None and (isinstance(expected_previous, bool)
                                              or not isinstance(expected_previous, int)):
            raise ValueError(f"invalid expected_previous {expected_previous!r}: "
                             f"expected a decision id or None")
        flag_text = "" if flag_text is None else str(flag_text)
        note = "" if note is None else str(note)
        editor = (editor or "").strip() or ANONYMOUS
        if self.read_only:
            raise StoreError(self.read_only_message)

        with self._lock:
            conn = self._connection()
            try:
                # IMMEDIATE takes the write lock now, so reading the current decision and
                # appending the new one are atomic even across processes.
                conn.execute("BEGIN IMMEDIATE")
                try:
                    row = conn.execute(
                        f"SELECT {COLUMNS} FROM decisions WHERE wire_sha256 = ? AND "
                        f"derived_sha256 = ? AND span_start = ? AND span_end = ? "
                        f"ORDER BY id DESC LIMIT 1",
                        (wire_sha256, derived_sha256, start, end),
                    ).fetchone()
                    current = row_to_decision(row) if row is not None else None
                    decided_at = _now_utc()
                    cur = conn.execute(
                        "INSERT INTO decisions (wire_sha256, derived_sha256, span_start, span_end,"
                        " flag_text, decision, note, editor, decided_at, supersedes)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (wire_sha256, derived_sha256, start, end, flag_text, decision, note,
                         editor, decided_at, current.id if current else None),
                    )
                    new_id = cur.lastrowid
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise self._use_error("save the decision to", exc) from exc

        saved = Decision(wire_sha256, derived_sha256, start, end, flag_text, decision, note,
                         editor, decided_at, new_id, current.id if current else None)
        conflict = None
        if current is not None and current.id != expected_previous and (
                current.editor != editor or editor == ANONYMOUS):
            conflict = current
        return RecordResult(saved, conflict)

    # -- reading ------------------------------------------------------------------------------

    def _query(self, sql: str, params: tuple) -> list[Decision]:
        with self._lock:
            conn = self._connection()
            try:
                rows = conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self._use_error("read", exc) from exc
        return [row_to_decision(r) for r in rows]

    def latest(self, wire_sha256: str, derived_sha256: str) -> dict[tuple[int, int], Decision]:
        """The current (newest) decision per flag span ``(start, end)`` for this document pair."""
        decisions = self._query(
            f"SELECT {COLUMNS} FROM decisions WHERE id IN ("
            f" SELECT MAX(id) FROM decisions WHERE wire_sha256 = ? AND derived_sha256 = ?"
            f" GROUP BY span_start, span_end)"
            f" ORDER BY span_start, span_end",
            (wire_sha256, derived_sha256),
        )
        return {d.span: d for d in decisions}

    def history(self, wire_sha256: str, derived_sha256: str,
                start: int | None = None, end: int | None = None) -> list[Decision]:
        """Every decision saved for this document pair, oldest first (optionally one span)."""
        sql = (f"SELECT {COLUMNS} FROM decisions WHERE wire_sha256 = ? AND derived_sha256 = ?")
        params: tuple = (wire_sha256, derived_sha256)
        if start is not None:
            sql += " AND span_start = ?"
            params += (start,)
        if end is not None:
            sql += " AND span_end = ?"
            params += (end,)
        return self._query(sql + " ORDER BY id", params)

    def export_rows(self, wire_sha256: str, derived_sha256: str) -> list[dict[str, Any]]:
        """Every decision for this document pair as plain dicts (keys: ``EXPORT_FIELDS`` plus
        ``current``), oldest first; ``current`` is True for the decision now in force on its
        flag. Values are str, int, bool or None, ready for ``csv.DictWriter`` or ``json``.
        """
        decisions = self.history(wire_sha256, derived_sha256)   # one read: a consistent view
        newest: dict[tuple[int, int], int] = {}
        for d in decisions:                                      # oldest first, so last wins
            newest[d.span] = d.id
        current_ids = set(newest.values())
        rows = []
        for d in decisions:
            row = d.as_dict()
            row["current"] = d.id in current_ids
            rows.append(row)
        return rows

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

import errno
import os
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from compare.errors import CompareError

__all__ = [
    "DEFAULT_DB_PATH", "DECISIONS", "ANONYMOUS", "SCHEMA_VERSION", "EXPORT_FIELDS",
    "StoreError", "Decision", "RecordResult", "ReviewStore", "default_db_path", "match_flags",
]

#: the values an editor can give a flag
DECISIONS: tuple[str, ...] = ("confirmed", "dismissed", "needs_source")

#: stored as the editor when none was given
ANONYMOUS = "anonymous"

#: seconds to wait for another process's write lock before giving up
BUSY_TIMEOUT_S = 5.0

_PROJECT_ROOT = Path(__file__).resolve().parent.parent
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


# --------------------------------------------------------------------------------------------
# schema

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

_COLUMNS = ("wire_sha256, derived_sha256, span_start, span_end, flag_text, decision, note, "
            "editor, decided_at, id, supersedes")


# --------------------------------------------------------------------------------------------
# records

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


def _row_to_decision(row: sqlite3.Row | tuple) -> Decision:
    return Decision(*row)


def _now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# SQLite's primary result codes that call for their own message
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26

_BY_MESSAGE = (("malformed", _SQLITE_CORRUPT), ("not a database", _SQLITE_NOTADB),
               ("readonly", _SQLITE_READONLY), ("unable to open", _SQLITE_CANTOPEN),
               ("locked", _SQLITE_BUSY), ("disk is full", _SQLITE_FULL))

_ON_PURPOSE = "it was opened read-only on purpose"
_WRITE_ADVICE = ("ask whoever runs the desk to give this user ({user}) write access to {path} and its "
                 "folder, or set COMPARE_DB to a database file this user can write")


def _error_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of ``exc`` (its message is read where Python gives none)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(exc).lower()
    return next((c for words, c in _BY_MESSAGE if words in text), None)


def _user() -> str:
    try:
        import pwd
        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError, AttributeError):
        return "this user"


def _why(exc: BaseException | None) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.EROFS:
        return "read-only file system"
    if exc is None or isinstance(exc, PermissionError) or _error_code(exc) in (
            _SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CANTOPEN):
        return "permission denied"
    return _one_line(exc)


def _access_advice(target: Path, verb: str, exc: BaseException | None, kind: str = "folder") -> str:
    return (f"the {kind} {target} cannot be {verb} ({_why(exc)}); ask whoever runs the desk to give "
            f"this user ({_user()}) access to it, or set COMPARE_DB to a database file this user can write")


def _damaged_advice(path: Path) -> str:
    return (f"it is damaged (the database file is corrupt) and trying again will not help; move it "
            f"aside (rename {path} to {path}.damaged, with its -wal and -shm files if there are any) "
            f"and put the latest backup of it in its place; with no backup, reload once it is moved "
            f"aside and a new, empty store is made there")


def _deepest_existing(folder: Path) -> Path:
    for candidate in (folder, *folder.parents):
        try:
            if candidate.exists():
                return candidate
        except OSError:
            continue
    return folder


def _file_access(path: Path) -> tuple[bool, bool, OSError | None]:
    """``(readable, writable, why not)`` for an existing file, as the kernel answers for the effective
    user (an immutable file or a read-only file system refuses root too). Asked with access(2), never
    by opening the file: closing a second descriptor would drop the locks SQLite holds on it."""
    effective = os.access in os.supports_effective_ids

    def allowed(mode: int) -> bool:
        return os.access(path, mode, effective_ids=effective)

    if not allowed(os.R_OK):
        return False, False, PermissionError(errno.EACCES, "Permission denied", str(path))
    if not allowed(os.W_OK):
        try:
            if os.statvfs(path).f_flag & os.ST_RDONLY:
                return True, False, OSError(errno.EROFS, "Read-only file system", str(path))
        except (OSError, AttributeError):
            pass
        return True, False, PermissionError(errno.EACCES, "Permission denied", str(path))
    return True, True, None


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
        detail = f" ({_one_line(exc)})" if exc is not None else ""
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
            raise self._fail(_access_advice(path.parent, "entered", exc)) from exc
        if is_dir:
            raise self._fail("it is a folder; give the path of a database file instead")
        exists = path.exists()
        if exists:
            readable, writable, exc = _file_access(path)
            if not readable:
                raise self._fail(_access_advice(path, "read", exc, "file")) from exc
            if read_only:
                return self._open_read_only(_ON_PURPOSE)
            if not writable:
                return self._open_read_only(f"the file {path} cannot be written ({_why(exc)})")
        elif read_only:
            raise self._fail("there is no such file to open read-only; check the path")
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except PermissionError as exc:
                raise self._fail(f"its folder cannot be created: "
                                 f"{_access_advice(_deepest_existing(path.parent), 'written', exc)}") from exc
            except OSError as exc:
                raise self._fail("its folder cannot be created; check the path", exc) from exc
        try:
            return self._open_writable()
        except sqlite3.Error as exc:
            code = _error_code(exc)
            if code in (_SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_PERM):
                if exists:                           # readable but SQLite cannot write beside it
                    return self._open_read_only(
                        f"the folder {path.parent} or its file system cannot be written")
                raise self._fail(_access_advice(path.parent, "written", exc)) from exc
            raise self._database_error(exc) from exc

    def _check_folders(self) -> None:
        """A folder on the way that exists but cannot be entered: say which, and what to do."""
        parent = self.path.parent
        for folder in reversed((parent, *parent.parents)):
            try:
                folder.stat()
            except PermissionError as exc:
                raise self._fail(_access_advice(folder.parent, "entered", exc)) from exc
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
                    if "immutable" in options or _error_code(exc) not in (_SQLITE_READONLY,
                                                                          _SQLITE_CANTOPEN):
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
        code = _error_code(exc)
        if code == _SQLITE_CORRUPT:
            return self._fail(_damaged_advice(self.path), exc)
        if code == _SQLITE_NOTADB:
            return self._fail("it is not a SQLite review database; move it aside or "
                              "choose another path", exc)
        if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return self._fail("another program has held its lock for too long; try again in a "
                              "moment", exc)
        if code == _SQLITE_FULL:
            return self._fail("the disk is full; free some space, then reload", exc)
        if code == _SQLITE_IOERR:
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
        code, detail = _error_code(exc), _one_line(exc)
        head = f"could not {doing} review store {self.path}"
        if code == _SQLITE_CORRUPT:
            return StoreError(f"{head}: {_damaged_advice(self.path)} ({detail})")
        if code == _SQLITE_NOTADB:
            return StoreError(f"{head}: it is no longer a SQLite database ({detail}); move it aside "
                              f"and restore the latest backup in its place")
        if code == _SQLITE_READONLY:
            return StoreError(f"{head}: it cannot be written ({detail}); "
                              f"{_WRITE_ADVICE.format(path=self.path, user=_user())}")
        if code == _SQLITE_FULL:
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
        if reason.startswith(_ON_PURPOSE):
            return "open it without read_only"
        return _WRITE_ADVICE.format(path=self.path, user=_user())

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
                        f"SELECT {_COLUMNS} FROM decisions WHERE wire_sha256 = ? AND "
                        f"derived_sha256 = ? AND span_start = ? AND span_end = ? "
                        f"ORDER BY id DESC LIMIT 1",
                        (wire_sha256, derived_sha256, start, end),
                    ).fetchone()
                    current = _row_to_decision(row) if row is not None else None
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
        return [_row_to_decision(r) for r in rows]

    def latest(self, wire_sha256: str, derived_sha256: str) -> dict[tuple[int, int], Decision]:
        """The current (newest) decision per flag span ``(start, end)`` for this document pair."""
        decisions = self._query(
            f"SELECT {_COLUMNS} FROM decisions WHERE id IN ("
            f" SELECT MAX(id) FROM decisions WHERE wire_sha256 = ? AND derived_sha256 = ?"
            f" GROUP BY span_start, span_end)"
            f" ORDER BY span_start, span_end",
            (wire_sha256, derived_sha256),
        )
        return {d.span: d for d in decisions}

    def history(self, wire_sha256: str, derived_sha256: str,
                start: int | None = None, end: int | None = None) -> list[Decision]:
        """Every decision saved for this document pair, oldest first (optionally one span)."""
        sql = (f"SELECT {_COLUMNS} FROM decisions WHERE wire_sha256 = ? AND derived_sha256 = ?")
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


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_flags(flags, latest: dict[tuple[int, int], Decision]) -> tuple[dict[tuple[int, int], Decision], list[Decision]]:
    """The decision in force on each current flag, and the decisions no current flag takes.

    Decisions are saved on a flag's span. When the engine draws a flag a little wider or narrower
    (a retune, a newer version), the editor's decision must not vanish from view: a flag with no
    decision on its own span takes the newest decision on an overlapping span about the same words
    (one flag's text inside the other's). Decisions left over are returned apart, oldest span first,
    so the page can still show them; nothing is ever dropped from the store.
    ``flags``: objects with ``start``, ``end`` and ``text`` (``compare.comparison.Flag``).
    """
    matched: dict[tuple[int, int], Decision] = {}
    used: set[int] = set()
    for f in flags:
        d = latest.get((f.start, f.end))
        if d is not None:
            matched[(f.start, f.end)] = d
            used.add(d.id)

    def same_words(d: Decision, f) -> bool:
        a, b = d.flag_text.strip().lower(), f.text.strip().lower()
        return bool(a and b) and (a in b or b in a)

    for f in flags:
        span = (f.start, f.end)
        if span in matched:
            continue
        near = [d for d in latest.values() if d.id not in used and _overlap(d.span, span) and same_words(d, f)]
        if near:
            d = max(near, key=lambda d: d.id)
            matched[span] = d
            used.add(d.id)
    left = [d for d in latest.values() if d.id not in used
            and not any(_overlap(d.span, (f.start, f.end)) and same_words(d, f) for f in flags)]
    return matched, sorted(left, key=lambda d: d.span)


"""Why a review file or its folder cannot be opened or written, in one line that says what to do.

Only the standard library is used."""
from __future__ import annotations

import errno
import os
from pathlib import Path

def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# SQLite's primary result codes that call for their own message
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26

_BY_MESSAGE = (("malformed", SQLITE_CORRUPT), ("not a database", SQLITE_NOTADB),
               ("readonly", SQLITE_READONLY), ("unable to open", SQLITE_CANTOPEN),
               ("locked", SQLITE_BUSY), ("disk is full", SQLITE_FULL))

ON_PURPOSE = "it was opened read-only on purpose"
WRITE_ADVICE = ("ask whoever runs the desk to give this user ({user}) write access to {path} and its "
                 "folder, or set COMPARE_DB to a database file this user can write")


def error_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of ``exc`` (its message is read where Python gives none)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(exc).lower()
    return next((c for words, c in _BY_MESSAGE if words in text), None)


def user_name() -> str:
    try:
        import pwd
        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError, AttributeError):
        return "this user"


def why(exc: BaseException | None) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.EROFS:
        return "read-only file system"
    if exc is None or isinstance(exc, PermissionError) or error_code(exc) in (
            SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN):
        return "permission denied"
    return one_line(exc)


def access_advice(target: Path, verb: str, exc: BaseException | None, kind: str = "folder") -> str:
    return (f"the {kind} {target} cannot be {verb} ({why(exc)}); ask whoever runs the desk to give "
            f"this user ({user_name()}) access to it, or set COMPARE_DB to a database file this user can write")


def damaged_advice(path: Path) -> str:
    return (f"it is damaged (the database file is corrupt) and trying again will not help; move it "
            f"aside (rename {path} to {path}.damaged, with its -wal and -shm files if there are any) "
            f"and put the latest backup of it in its place; with no backup, reload once it is moved "
            f"aside and a new, empty store is made there")


def deepest_existing(folder: Path) -> Path:
    for candidate in (folder, *folder.parents):
        try:
            if candidate.exists():
                return candidate
        except OSError:
            continue
    return folder


def file_access(path: Path) -> tuple[bool, bool, OSError | None]:
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

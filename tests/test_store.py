"""The review store keeps every editor decision, durably, on real SQLite files (no mocks)."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from compare.errors import CompareError
from compare.review import store as store_module
from compare.review.matching import match_flags
from compare.review.store import (
    DECISIONS, SCHEMA_VERSION, Decision, RecordResult, ReviewStore, StoreError,
)

WIRE = hashlib.sha256(b"wire copy").hexdigest()
DERIVED = hashlib.sha256(b"derived article").hexdigest()
OTHER_DERIVED = hashlib.sha256(b"another derived article").hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "reviews.sqlite3"


def test_decision_survives_close_and_reopen(db: Path) -> None:
    """A server restart must not lose what an editor saved."""
    with ReviewStore(db) as s:
        saved = s.record(WIRE, DERIVED, 10, 24, "£3m", "confirmed", note="checked with desk",
                         editor="Ana").decision
    with ReviewStore(db) as s:
        latest = s.latest(WIRE, DERIVED)
        history = s.history(WIRE, DERIVED)
    assert latest == {(10, 24): saved}
    assert history == [saved]
    d = latest[(10, 24)]
    assert (d.flag_text, d.decision, d.note, d.editor) == ("£3m", "confirmed",
                                                           "checked with desk", "Ana")
    assert d.decided_at.endswith("+00:00")       # ISO 8601, UTC
    assert d.supersedes is None


def test_latest_is_newest_decision_per_span_and_history_keeps_all(db: Path) -> None:
    with ReviewStore(db) as s:
        first = s.record(WIRE, DERIVED, 0, 5, "Paris", "needs_source", editor="Ana").decision
        other = s.record(WIRE, DERIVED, 30, 40, "on Tuesday", "dismissed", editor="Ana").decision
        second = s.record(WIRE, DERIVED, 0, 5, "Paris", "confirmed", editor="Ana",
                          expected_previous=first.id)
        s.record(WIRE, OTHER_DERIVED, 0, 5, "Paris", "dismissed", editor="Ana")
        latest = s.latest(WIRE, DERIVED)
        history = s.history(WIRE, DERIVED, 0, 5)
        everything = s.history(WIRE, DERIVED)

    assert second.conflict is None                     # she saw her own previous decision
    assert latest[(0, 5)].decision == "confirmed"
    assert latest[(30, 40)] == other
    assert set(latest) == {(0, 5), (30, 40)}          # the other article's flag is not mixed in
    assert [d.decision for d in history] == ["needs_source", "confirmed"]  # nothing lost
    assert second.decision.supersedes == first.id
    assert [d.id for d in everything] == sorted(d.id for d in everything)  # oldest first
    assert len(everything) == 3


def test_two_editors_on_same_flag_both_kept_and_conflict_reported(db: Path) -> None:
    with ReviewStore(db) as ana_store, ReviewStore(db) as ben_store:
        # both open the page and see no decision yet
        assert ana_store.latest(WIRE, DERIVED) == {} == ben_store.latest(WIRE, DERIVED)
        ana = ana_store.record(WIRE, DERIVED, 3, 9, "14 dead", "confirmed", editor="Ana",
                               expected_previous=None)
        ben = ben_store.record(WIRE, DERIVED, 3, 9, "14 dead", "dismissed", editor="Ben",
                               expected_previous=None)

        assert ana.conflict is None
        assert isinstance(ben, RecordResult)
        assert ben.conflict is not None
        assert ben.conflict.editor == "Ana"
        assert ben.conflict.decision == "confirmed"
        assert ben.conflict == ana.decision

        # last write wins, but both editors' records are visible
        assert ana_store.latest(WIRE, DERIVED)[(3, 9)].editor == "Ben"
        history = ana_store.history(WIRE, DERIVED, 3, 9)
        assert [(d.editor, d.decision) for d in history] == [("Ana", "confirmed"),
                                                           ("Ben", "dismissed")]

        # Ana, having now seen Ben's decision, answers it: no conflict
        reply = ana_store.record(WIRE, DERIVED, 3, 9, "14 dead", "confirmed", editor="Ana",
                                 expected_previous=ben.decision.id)
        assert reply.conflict is None


def test_stale_view_by_same_editor_is_not_a_conflict_but_anonymous_is(db: Path) -> None:
    with ReviewStore(db) as s:
        s.record(WIRE, DERIVED, 1, 2, "x", "confirmed", editor="Ana")
        # same editor in a second tab: her own decision is not someone else's work
        assert s.record(WIRE, DERIVED, 1, 2, "x", "dismissed", editor="Ana").conflict is None
        s.record(WIRE, DERIVED, 5, 6, "y", "confirmed", editor="   ")
        clash = s.record(WIRE, DERIVED, 5, 6, "y", "dismissed", editor="")
        assert clash.decision.editor == "anonymous"
        assert clash.conflict is not None and clash.conflict.decision == "confirmed"


def test_invalid_decision_raises_value_error_and_saves_nothing(db: Path) -> None:
    with ReviewStore(db) as s:
        with pytest.raises(ValueError) as info:
            s.record(WIRE, DERIVED, 0, 4, "word", "approved", editor="Ana")
        message = str(info.value)
        assert "approved" in message and "\n" not in message
        assert all(choice in message for choice in DECISIONS)
        with pytest.raises(ValueError):
            s.record(WIRE, DERIVED, 9, 4, "word", "confirmed", editor="Ana")  # end before start
        assert s.history(WIRE, DERIVED) == []


def test_decision_visible_to_second_connection_as_soon_as_record_returns(db: Path) -> None:
    """Durability before acknowledge: no commit is left pending after record() returns."""
    s = ReviewStore(db)
    try:
        saved = s.record(WIRE, DERIVED, 7, 12, "£40bn", "needs_source", editor="Ana").decision
        # a plain second connection, as another server process would open
        raw = sqlite3.connect(db)
        try:
            rows = raw.execute("SELECT id, decision, editor FROM decisions").fetchall()
        finally:
            raw.close()
        assert rows == [(saved.id, "needs_source", "Ana")]
        with ReviewStore(db) as other:
            assert other.latest(WIRE, DERIVED) == {(7, 12): saved}
    finally:
        s.close()


def test_saved_decisions_cannot_be_changed_or_deleted(db: Path) -> None:
    with ReviewStore(db) as s:
        s.record(WIRE, DERIVED, 0, 3, "Mr", "confirmed", editor="Ana")
    raw = sqlite3.connect(db)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            raw.execute("UPDATE decisions SET decision = 'dismissed'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            raw.execute("DELETE FROM decisions")
    finally:
        raw.close()
    with ReviewStore(db) as s:
        assert s.latest(WIRE, DERIVED)[(0, 3)].decision == "confirmed"


def test_non_sqlite_file_gives_store_error_naming_path(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    original = b"These are an editor's notes, not a database.\n" * 50
    bogus.write_bytes(original)
    with pytest.raises(StoreError) as info:
        ReviewStore(bogus)
    assert isinstance(info.value, CompareError)
    message = str(info.value)
    assert str(bogus) in message and "\n" not in message
    assert bogus.read_bytes() == original      # the file is left untouched


def test_directory_path_gives_store_error_naming_path(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        ReviewStore(tmp_path)
    assert str(tmp_path) in str(info.value) and "\n" not in str(info.value)


def test_compare_db_env_var_sets_default_path(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "newsroom" / "decisions.sqlite3"    # folder does not exist yet
    monkeypatch.setenv("COMPARE_DB", str(target))
    assert store_module.DEFAULT_DB_PATH == target
    with ReviewStore() as s:
        assert s.path == target
        s.record(WIRE, DERIVED, 0, 1, "a", "dismissed", editor="Ana")
    assert target.is_file()
    with ReviewStore(target) as s:
        assert len(s.history(WIRE, DERIVED)) == 1


def test_default_path_without_env_var_is_project_data_folder(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMPARE_DB", raising=False)
    project_root = Path(__file__).resolve().parents[1]
    assert store_module.DEFAULT_DB_PATH == project_root / "data" / "reviews.sqlite3"


def test_migrations_reach_latest_version_and_reopening_is_idempotent(db: Path) -> None:
    with ReviewStore(db) as s:
        assert s.schema_version == SCHEMA_VERSION
        s.record(WIRE, DERIVED, 2, 8, "Sunday", "confirmed", editor="Ana")
    with ReviewStore(db) as s:                      # second open: no re-migration, no data loss
        assert s.schema_version == SCHEMA_VERSION
        assert len(s.history(WIRE, DERIVED)) == 1
    raw = sqlite3.connect(db)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_database_from_newer_program_is_refused_not_damaged(db: Path) -> None:
    raw = sqlite3.connect(db)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match="newer"):
        ReviewStore(db)


def test_export_rows_are_plain_and_mark_current_decision(db: Path) -> None:
    with ReviewStore(db) as s:
        first = s.record(WIRE, DERIVED, 0, 5, 'said "no"', "needs_source", editor="Ana")
        s.record(WIRE, DERIVED, 0, 5, 'said "no"', "confirmed", note="source found",
                 editor="Ben", expected_previous=first.decision.id)
        rows = s.export_rows(WIRE, DERIVED)
    assert [(r["editor"], r["decision"], r["current"]) for r in rows] == [
        ("Ana", "needs_source", False), ("Ben", "confirmed", True)]
    assert rows[1]["supersedes"] == rows[0]["id"]
    assert (rows[0]["start"], rows[0]["end"]) == (0, 5)
    json.dumps(rows)                                # plain values only
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    assert "source found" in out.getvalue()


def test_concurrent_records_from_threads_are_all_kept(db: Path) -> None:
    """Streamlit reruns share one store across threads; no decision may be dropped."""
    with ReviewStore(db) as s:
        errors: list[BaseException] = []

        def work(n: int) -> None:
            try:
                for i in range(20):
                    s.record(WIRE, DERIVED, n, n + 1, "w", "confirmed", editor=f"ed{n}")
                    s.latest(WIRE, DERIVED)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert len(s.history(WIRE, DERIVED)) == 100
        assert set(s.latest(WIRE, DERIVED)) == {(n, n + 1) for n in range(5)}


def test_closed_store_gives_clear_error(db: Path) -> None:
    s = ReviewStore(db)
    s.close()
    s.close()                                        # closing twice is harmless
    with pytest.raises(StoreError, match="closed"):
        s.latest(WIRE, DERIVED)


def test_decision_is_frozen(db: Path) -> None:
    with ReviewStore(db) as s:
        d = s.record(WIRE, DERIVED, 0, 1, "a", "dismissed", editor="Ana").decision
    assert isinstance(d, Decision)
    with pytest.raises(AttributeError):
        d.decision = "confirmed"  # type: ignore[misc]


# -- decisions on flags the engine now draws differently -----------------------------------------------
class _Flag:
    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text


def test_a_flag_drawn_wider_after_a_retune_keeps_its_decision(db: Path) -> None:
    with ReviewStore(db) as store:
        store.record(WIRE, DERIVED, 40, 51, "three-day", "confirmed", note="not in the wire", editor="Ana")
        store.record(WIRE, DERIVED, 90, 98, "Thursday", "dismissed", editor="Ben")
        store.record(WIRE, DERIVED, 200, 230, "reduce India's dependence", "confirmed", editor="Ana")
        latest = store.latest(WIRE, DERIVED)
    flags = [_Flag(36, 51, "a three-day"),            # the same words, drawn wider: keeps Ana's decision
             _Flag(90, 98, "Thursday"),               # unchanged
             _Flag(120, 130, "new phrase")]           # a flag the old engine did not raise
    matched, left = match_flags(flags, latest)
    assert matched[(36, 51)].note == "not in the wire" and matched[(36, 51)].span == (40, 51)
    assert matched[(90, 98)].editor == "Ben"
    assert (120, 130) not in matched
    assert [d.flag_text for d in left] == ["reduce India's dependence"], "shown apart, never dropped"


def test_a_new_decision_on_the_redrawn_flag_takes_over_and_the_old_one_is_not_left_over(db: Path) -> None:
    with ReviewStore(db) as store:
        store.record(WIRE, DERIVED, 40, 51, "three-day", "confirmed", editor="Ana")
        store.record(WIRE, DERIVED, 36, 51, "a three-day", "dismissed", editor="Ana")
        matched, left = match_flags([_Flag(36, 51, "a three-day")], store.latest(WIRE, DERIVED))
        assert matched[(36, 51)].decision == "dismissed"
        assert left == []
        assert len(store.history(WIRE, DERIVED)) == 2


# -- a store this user cannot use, or can only read ----------------------------------------------------
# Permissions do not hold back root, and the tests may run as root (CI does). There, each case drops the
# process's effective user to "nobody" for as long as it opens and uses the store (``as_other_user``), so
# the kernel really refuses what the case needs refused; the files are made by root beforehand, in a
# folder "nobody" can reach (``shared``). Run as any other user, the cases run as that user.
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _nobody() -> tuple[int, int]:
    try:
        import pwd
        entry = pwd.getpwnam("nobody")
        return entry.pw_uid, entry.pw_gid
    except (ImportError, KeyError):
        return 65534, 65534


@contextmanager
def as_other_user() -> Iterator[None]:
    """Run the body as a user that file permissions apply to: as root, "nobody" (effective ids only,
    restored afterwards); otherwise the current user."""
    if not IS_ROOT:
        yield
        return
    uid, gid = _nobody()
    groups, egid = os.getgroups(), os.getegid()
    os.setgroups([])
    os.setegid(gid)
    os.seteuid(uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(egid)
        os.setgroups(groups)


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    """A folder for the store that the user of ``as_other_user`` can reach; every permission given back
    afterwards, so that it can be removed."""
    folder = tmp_path
    if IS_ROOT:                                      # pytest's own temporary folders are root's alone
        folder = Path(tempfile.mkdtemp(prefix="compare-store-test-"))
        folder.chmod(0o755)
    yield folder
    folder.chmod(0o700)
    for path in folder.rglob("*"):                   # parents first: each is entered before its children
        path.chmod(0o700 if path.is_dir() else 0o600)
    if IS_ROOT:
        shutil.rmtree(folder, ignore_errors=True)


def _saved_store(path: Path, n: int = 1) -> list[Decision]:
    with ReviewStore(path) as s:
        saved = [s.record(WIRE, DERIVED, 10 * k, 10 * k + 4, f"claim {k}", "confirmed", note="checked",
                          editor="Ana").decision for k in range(n)]
    assert not Path(f"{path}-wal").exists()         # all of it in the database file itself
    return saved


def _one_clear_line(message: str, *parts: str) -> None:
    assert "\n" not in message and "Traceback" not in message
    for part in parts:
        assert part in message, (part, message)


@pytest.mark.parametrize("below", ["reviews.sqlite3", "newsroom/reviews.sqlite3"])
def test_a_folder_that_cannot_be_entered_gives_one_store_error_saying_what_to_do(shared: Path, below: str) -> None:
    locked = shared / "locked"
    locked.mkdir()
    locked.chmod(0o000)
    with as_other_user(), pytest.raises(StoreError) as info:   # was a PermissionError from path.is_dir()
        ReviewStore(locked / below)
    _one_clear_line(str(info.value), str(locked / below), f"the folder {locked} cannot be entered",
                    "permission denied", "ask whoever runs the desk", "COMPARE_DB")


def test_a_file_that_cannot_be_read_gives_one_store_error_saying_what_to_do(shared: Path) -> None:
    db = shared / "reviews.sqlite3"
    _saved_store(db)
    db.chmod(0o000)
    with as_other_user(), pytest.raises(StoreError) as info:
        ReviewStore(db)
    _one_clear_line(str(info.value), f"the file {db} cannot be read", "permission denied",
                    "ask whoever runs the desk", "COMPARE_DB")


@pytest.mark.parametrize("below", ["reviews.sqlite3", "newsroom/reviews.sqlite3"])
def test_a_new_store_in_a_folder_that_cannot_be_written_says_so(shared: Path, below: str) -> None:
    folder = shared / "desk"
    folder.mkdir()
    folder.chmod(0o555)
    with as_other_user(), pytest.raises(StoreError) as info:
        ReviewStore(folder / below)
    _one_clear_line(str(info.value), str(folder / below), f"the folder {folder} cannot be written",
                    "permission denied", "COMPARE_DB")
    assert not (folder / below).exists()


def _check_read_only(store: ReviewStore, saved: list[Decision], db: Path, reason: str) -> None:
    assert store.read_only is True and reason in store.read_only_reason
    assert store.latest(WIRE, DERIVED) == {d.span: d for d in saved}            # reading works
    assert store.history(WIRE, DERIVED) == saved
    assert [r["id"] for r in store.export_rows(WIRE, DERIVED)] == [d.id for d in saved]
    with pytest.raises(StoreError) as info:
        store.record(WIRE, DERIVED, 0, 4, "claim 0", "dismissed", editor="Ben")
    _one_clear_line(str(info.value), "this review store is read-only: decisions cannot be saved", str(db))
    assert str(info.value) == store.read_only_message


@pytest.mark.parametrize("file_mode, folder_mode, reason", [
    (0o444, 0o555, "the file {db} cannot be written"),
    (0o444, 0o777, "the file {db} cannot be written"),
    (0o666, 0o555, "the folder {folder} or its file system cannot be written"),   # no room for its journal
], ids=["read-only file and folder", "read-only file", "read-only folder"])
def test_a_database_that_can_be_read_but_not_written_opens_read_only(
        shared: Path, file_mode: int, folder_mode: int, reason: str) -> None:
    db = shared / "desk" / "reviews.sqlite3"
    saved = _saved_store(db, 3)
    db.chmod(file_mode)
    db.parent.chmod(folder_mode)
    with as_other_user():           # was "not a usable SQLite review database; move it aside"
        with ReviewStore(db) as store:
            _check_read_only(store, saved, db, reason.format(db=db, folder=db.parent))
            assert "ask whoever runs the desk" in store.read_only_message
    with ReviewStore(db, read_only=True) as store:
        assert store.history(WIRE, DERIVED) == saved                         # nothing was written


def test_an_immutable_database_opens_read_only_even_for_root(shared: Path) -> None:
    """chattr +i refuses writes to root too: the read-only path, as the desk's root-run server meets it."""
    if not IS_ROOT:
        pytest.skip("chattr +i needs root; the permission cases above cover other users")
    db = shared / "reviews.sqlite3"
    saved = _saved_store(db, 2)
    done = subprocess.run(["chattr", "+i", str(db)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not supported here: {done.stderr.strip() or done.returncode}")
    try:
        with ReviewStore(db) as store:
            _check_read_only(store, saved, db, "cannot be written")
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)


def test_read_only_on_request(db: Path) -> None:
    saved = _saved_store(db, 2)
    with ReviewStore(db, read_only=True) as store:
        _check_read_only(store, saved, db, "on purpose")
    with ReviewStore(db) as store:                                           # writable again as before
        assert store.read_only is False and store.read_only_message == ""
        store.record(WIRE, DERIVED, 0, 4, "claim 0", "dismissed", editor="Ben")
    with pytest.raises(StoreError, match="no such file"):
        ReviewStore(db.with_name("missing.sqlite3"), read_only=True)
    assert not db.with_name("missing.sqlite3").exists()


def _damage(db: Path, pages: str) -> None:
    """Overwrite b-tree page headers: ``"data"`` every page but the first, ``"schema"`` the first."""
    data = bytearray(db.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    starts = [100] if pages == "schema" else range(size, len(data), size)
    for at in starts:
        data[at:at + 8] = b"\xee" * 8
    db.write_bytes(bytes(data))


def _check_damaged(message: str, db: Path) -> None:
    _one_clear_line(message, str(db), "it is damaged", "move it aside", f"{db}.damaged", "backup",
                    "trying again will not help")
    assert "; try again" not in message


def test_a_damaged_database_says_it_is_damaged_and_what_to_do(db: Path) -> None:
    _saved_store(db, 200)
    _damage(db, "data")
    with ReviewStore(db) as store:               # the file's header and schema are sound: it opens …
        with pytest.raises(StoreError) as read:  # … but its decisions cannot be read, nor new ones saved
            store.latest(WIRE, DERIVED)
        with pytest.raises(StoreError) as save:  # (was "…: database disk image is malformed; try again")
            store.record(WIRE, DERIVED, 5000, 5004, "claim", "confirmed", editor="Ana")
    _check_damaged(str(read.value), db)
    _check_damaged(str(save.value), db)


def test_a_database_damaged_in_its_schema_is_refused_at_open_saying_so(db: Path) -> None:
    _saved_store(db, 20)
    _damage(db, "schema")
    before = db.read_bytes()
    with pytest.raises(StoreError) as info:      # was "not a usable SQLite review database"
        ReviewStore(db)
    _check_damaged(str(info.value), db)
    assert db.read_bytes() == before             # left as it was, for whoever recovers it

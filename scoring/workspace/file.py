"""Opening a workspace file safely: header checks, integrity check, connections, creation.

Everything here runs before a :class:`~scoring.workspace.facade.Workspace` exists, and none of it
writes to a file that turns out not to be a usable workspace: the header is read as plain
bytes, and SQLite looks at the file first through an immutable, read-only view that creates
no ``-wal`` or ``-shm`` file.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import uuid
from pathlib import Path

from scoring.core.presentation import Said, said
from scoring.workspace import schema
from scoring.workspace.lock import FileLock, LockUnavailable
from scoring.workspace.records import (
    NotAWorkspace,
    WorkspaceCorrupt,
    WorkspaceError,
    WorkspaceLocked,
    WorkspaceTooNew,
    database_error,
)


def now() -> str:
    """The current time in UTC, ISO 8601 with milliseconds (sorts as text)."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds")


def uid() -> str:
    """A globally unique id: rows keep it when workspaces are merged."""
    return uuid.uuid4().hex


def lock_path(path: Path) -> Path:
    """The lock file of a workspace: ``<workspace>.lock`` beside it."""
    return path.with_name(path.name + ".lock")


def uri(path: Path, query: str) -> str:
    """An SQLite URI for the file (percent-encoded, so spaces, # and Chinese names work)."""
    return f"{path.resolve().as_uri()}?{query}"


def take_lock(path: Path) -> FileLock:
    """The workspace's lock, or WorkspaceLocked naming who holds it."""
    lock = FileLock(lock_path(path.resolve()))
    try:
        got = lock.acquire()
    except LockUnavailable as exc:
        raise WorkspaceError(said("ws_folder_unwritable", folder=path.parent, detail=exc))
    if not got:
        owner = lock.owner()
        raise WorkspaceLocked(said("ws_being_opened", name=path.name, owner=owner.describe()), owner)
    return lock


def checked_header(path: Path) -> schema.Header:
    """The header, or the right WorkspaceError; reads 100 bytes and nothing else."""
    try:
        header = schema.read_header(path)
    except OSError as exc:
        raise WorkspaceError(said("ws_cannot_read", path=path, detail=exc.strerror or exc))
    except schema.HeaderProblem as exc:
        if exc.kind == "corrupt":
            raise WorkspaceCorrupt(said("ws_header_damaged", name=path.name, problem=exc.said))
        raise NotAWorkspace(said("ws_not_a_workspace", name=path.name, problem=exc.said))
    check_version(path, header.user_version)
    return header


def check_version(path: Path, version: int) -> None:
    if version > schema.SCHEMA_VERSION:
        raise WorkspaceTooNew(said("ws_too_new", name=path.name, version=version,
                                   supported=schema.SCHEMA_VERSION))
    if version < 1:
        raise WorkspaceCorrupt(said("ws_unfinished", name=path.name))


def unwritable_reason(path: Path) -> Said:
    """Why the workspace cannot be written (empty when it can)."""
    if not os.access(path, os.W_OK):
        return said("ws_file_read_only")
    if not os.access(path.parent, os.W_OK):
        return said("ws_folder_read_only")
    return Said("", "")


def verify_untouched(path: Path) -> None:
    """Check the file through an immutable, read-only view: SQLite creates no file for it."""
    try:
        conn = sqlite3.connect(uri(path, "mode=ro&immutable=1"), uri=True)
    except sqlite3.Error as exc:
        raise database_error(path, exc)
    try:
        check_integrity(path, conn)
        check_identity(path, conn)
    except sqlite3.DatabaseError as exc:
        raise WorkspaceCorrupt(said("ws_damaged_because", name=path.name, detail=exc))
    finally:
        conn.close()


def wal_path(path: Path) -> Path:
    """The write-ahead log beside a workspace: ``<workspace>-wal``."""
    return path.with_name(path.name + "-wal")


def has_pending_wal(path: Path) -> bool:
    """True when a ``-wal`` file with content lies beside the workspace.

    A writer that stopped before folding its log back (a crash, or a full disk during the
    final checkpoint) leaves committed changes there, possibly the main file's first page too:
    the main file alone may then look truncated while SQLite, which reads both, sees every
    commit. Such a file is checked through SQLite (:func:`recover_wal`), never by its size.
    """
    try:
        return wal_path(path).stat().st_size > 0
    except OSError:
        return False


def recover_wal(path: Path) -> bool:
    """Let SQLite replay a pending ``-wal`` file, check the result, then fold the log back.

    Called with the workspace's lock held, so no other writer is about. The check is SQLite's
    own (``quick_check``) on a normal connection, which reads the log; only when it fails is the
    workspace damaged. Returns True when the log was folded into the main file, False when it
    could not be (still no space): the workspace is whole either way and opens normally.
    """
    try:
        conn = connect(path, writable=True)
    except sqlite3.Error as exc:
        raise database_error(path, exc)
    try:
        check_integrity(path, conn)
        check_identity(path, conn)
        try:
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.OperationalError:  # the disk is still full: the log keeps the changes
            return False
        return not busy
    except sqlite3.DatabaseError as exc:
        raise WorkspaceCorrupt(said("ws_damaged_because", name=path.name, detail=exc))
    finally:
        conn.close()


def check_integrity(path: Path, conn: sqlite3.Connection) -> None:
    """SQLite's ``quick_check``; WorkspaceCorrupt quoting its first problems when it fails."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        found = "; ".join(problems)[:300]
        raise WorkspaceCorrupt(said("ws_damaged_because", name=path.name, detail=found))


def check_identity(path: Path, conn: sqlite3.Connection) -> int:
    """The schema version, after checking the file says it is one of ours."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    check_version(path, version)
    try:
        fmt = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.OperationalError:
        fmt = None
    if fmt is None or fmt[0] != schema.FORMAT_NAME:
        raise WorkspaceCorrupt(said("ws_no_contents", name=path.name))
    return version


def connect(path: Path, *, writable: bool) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so one change is one transaction.
    # check_same_thread=False: a GUI worker may use the workspace; our own lock serialises calls.
    conn = sqlite3.connect(
        uri(path, "mode=rw"), uri=True, isolation_level=None, check_same_thread=False, timeout=10.0
    )
    conn.execute("PRAGMA foreign_keys = ON")
    if writable:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    else:
        # a normal connection told to refuse writes, rather than SQLite's mode=ro, so that the
        # last connection to close can still tidy the -wal/-shm files away
        conn.execute("PRAGMA query_only = ON")
    return conn


def connect_shared(path: Path) -> sqlite3.Connection:
    """A read-only connection; on read-only media (no -wal, folder not writable) immutable."""
    if os.access(path.parent, os.W_OK) and os.access(path, os.W_OK):
        return connect(path, writable=False)
    has_wal = wal_path(path).exists()
    query = "mode=ro" if has_wal else "mode=ro&immutable=1"
    return sqlite3.connect(
        uri(path, query), uri=True, isolation_level=None, check_same_thread=False, timeout=10.0
    )


def build_new_file(path: Path, actor: str) -> None:
    """Write a new workspace under a temporary name, then rename it into place."""
    temp = path.with_name(f".{path.name}.{uid()}.tmp")
    try:
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            schema.create_schema(
                conn,
                {"format": schema.FORMAT_NAME, "workspace_id": uid(), "created_at": now(),
                 "created_by": actor},
            )
            conn.execute(
                "INSERT INTO audit (uid, at, actor, action, scheme, project_id, code, summary, detail) "
                "VALUES (?, ?, ?, 'workspace_created', '', '', '', ?, '{}')",
                (uid(), now(), actor, f"workspace {path.name} created"),
            )
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        if path.exists():
            raise WorkspaceError(said("ws_appeared", path=path))
        os.replace(temp, path)
    except OSError as exc:
        raise WorkspaceError(said("ws_cannot_create", path=path, detail=exc.strerror or exc))
    finally:
        temp.unlink(missing_ok=True)

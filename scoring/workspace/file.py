"""A workspace file before SQLite opens it: its header, version, lock, log and companions.

Everything here runs before a connection exists, and none of it writes to a file that turns
out not to be a usable workspace: the header is read as plain bytes. SQLite's own look at the
file (through an immutable, read-only view that creates no ``-wal`` or ``-shm`` file) is
:func:`scoring.workspace.store.verify_untouched`. Also the two things every row is stamped
with: the time (:func:`now`) and a unique id (:func:`uid`).
"""

from __future__ import annotations

import datetime as _dt
import os
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

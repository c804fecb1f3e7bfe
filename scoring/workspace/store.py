"""The store: the one owner of a workspace's SQLite connection, its transactions and its audit log.

Every statement that reads or writes a workspace is in a store module: this one (connections,
opening, transactions, the audit log, the ``meta`` table, upgrading, copying, checking every
row), ``store_inputs.py`` (schemes, rounds, files, submissions, refusals),
``store_inspectors.py`` (scores, consensus, notes) and ``store_merge.py`` (what a merge reads
from a source and copies). The tables themselves are :mod:`scoring.workspace.schema`. The
modules above (the facade and its concerns) say what to do; a schema change touches the store
modules and nothing else. A little over 500 lines because it is the connection's whole life,
from opening a file to checking every row of it, which is read best in one place.

Crash safety lives here (docs/workspace.md,
"What is guaranteed under crashes, full disks and damaged copies"): a file is checked before
SQLite writes to it; every change is one ``BEGIN IMMEDIATE`` … ``COMMIT`` in WAL mode; an
upgrade is one transaction with its audit entry; a copy is made under a temporary name.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from scoring.core.presentation import Said, both, said
from scoring.core.values import normalise_text
from scoring.workspace import encoding, schema
from scoring.workspace import file as wsfile
from scoring.workspace.cells import cells_from_stored
from scoring.workspace.check import (
    DamagedRow,
    basis_from_json,
    checked_fraction_column,
    detail_from_json,
    read_stored,
    unmatched_from_json,
)
from scoring.workspace.lock import FileLock
from scoring.workspace.records import (
    WorkspaceCorrupt,
    WorkspaceError,
    WorkspaceReadOnly,
    database_error,
)

log = logging.getLogger("synergypilot.workspace")

# --------------------------------------------------------------------------- connections


def connect(path: Path, *, writable: bool) -> sqlite3.Connection:
    """A connection of ours to a workspace file (WAL and ``synchronous=NORMAL`` when writable)."""
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so one change is one transaction.
    # check_same_thread=False: a GUI worker may use the workspace; our own lock serialises calls.
    conn = sqlite3.connect(
        wsfile.uri(path, "mode=rw"), uri=True, isolation_level=None, check_same_thread=False, timeout=10.0
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
    has_wal = wsfile.wal_path(path).exists()
    query = "mode=ro" if has_wal else "mode=ro&immutable=1"
    return sqlite3.connect(
        wsfile.uri(path, query), uri=True, isolation_level=None, check_same_thread=False, timeout=10.0
    )


def check_integrity(path: Path, conn: sqlite3.Connection) -> None:
    """SQLite's ``quick_check``; WorkspaceCorrupt quoting its first problems when it fails."""
    problems = quick_check(conn)
    if problems:
        raise WorkspaceCorrupt(said("ws_damaged_because", name=path.name, detail=problems))


def quick_check(conn: sqlite3.Connection) -> str:
    """SQLite's ``quick_check``: empty when the pages are sound, else its first problems."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    return "" if problems == ["ok"] else "; ".join(problems)[:300]


def check_identity(path: Path, conn: sqlite3.Connection) -> int:
    """The schema version, after checking the file says it is one of ours."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    wsfile.check_version(path, version)
    try:
        fmt = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.OperationalError:
        fmt = None
    if fmt is None or fmt[0] != schema.FORMAT_NAME:
        raise WorkspaceCorrupt(said("ws_no_contents", name=path.name))
    return version


def verify_untouched(path: Path) -> None:
    """Check the file through an immutable, read-only view: SQLite creates no file for it."""
    try:
        conn = sqlite3.connect(wsfile.uri(path, "mode=ro&immutable=1"), uri=True)
    except sqlite3.Error as exc:
        raise database_error(path, exc)
    try:
        check_integrity(path, conn)
        check_identity(path, conn)
    except sqlite3.DatabaseError as exc:
        raise WorkspaceCorrupt(said("ws_damaged_because", name=path.name, detail=exc))
    finally:
        conn.close()


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


def build_new_file(path: Path, actor: str) -> None:
    """Write a new workspace under a temporary name, then rename it into place."""
    temp = path.with_name(f".{path.name}.{wsfile.uid()}.tmp")
    try:
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            schema.create_schema(conn, {"format": schema.FORMAT_NAME, "workspace_id": wsfile.uid(),
                                        "created_at": wsfile.now(), "created_by": actor})
            insert_audit(conn, [(wsfile.uid(), wsfile.now(), actor, "workspace_created", "", "", "",
                                 f"workspace {path.name} created", "{}", "")])
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


def open_locked(path: Path, lock: FileLock, actor: str, header: schema.Header | None = None) -> Store:
    """Open for writing, the lock held: verify, connect, migrate.

    A pending ``-wal`` (a writer stopped by a crash or a full disk) is replayed by SQLite
    first; the main file's size says something only once the log is folded back into it.
    """
    if wsfile.has_pending_wal(path):
        folded = recover_wal(path)  # checked by SQLite through the log
        header = wsfile.checked_header(path) if folded and header is not None else None
    else:
        folded = True
    if header is not None:
        try:
            schema.check_size(path, header)
        except schema.HeaderProblem as exc:
            raise WorkspaceCorrupt(said("ws_header_damaged", name=path.name, problem=exc.said))
    if folded:
        verify_untouched(path)
    try:
        conn = connect(path, writable=True)
    except sqlite3.Error as exc:
        raise database_error(path, exc)
    try:
        store = Store(path, conn, lock, actor)
        store.upgrade()
        return store
    except BaseException:
        conn.close()
        raise


@contextmanager
def shared_connection(path: Path) -> Iterator[tuple[sqlite3.Connection, int]]:
    """A read-only connection to a workspace of ours and its schema version, closed again when
    what the caller does with it fails (an SQLite error there is the caller's to word)."""
    try:
        conn = connect_shared(path)
    except sqlite3.Error as exc:
        raise database_error(path, exc)
    try:
        yield conn, check_identity(path, conn)
    except BaseException:
        conn.close()
        raise


def open_shared(path: Path, actor: str, reason: Said) -> Store:
    """Open read-only beside a writer: SQLite's WAL gives every read a consistent snapshot."""
    try:
        with shared_connection(path) as (conn, version):
            if version < schema.SCHEMA_VERSION:
                raise WorkspaceError(said("ws_needs_upgrade", name=path.name, reason=reason))
            return Store(path, conn, None, actor, read_only_reason=reason)
    except sqlite3.Error as exc:
        raise database_error(path, exc)


# --------------------------------------------------------------------------- the store


class Store:
    """An open workspace file: its connection, lock, transactions and audit log.

    The facade (:class:`~scoring.workspace.facade.Workspace`) and the modules of its concerns
    reach the file only through this object and the ``store_*`` modules' statements.
    ``mutex`` serialises every use of the connection (the GUI thread and one worker thread
    may share a workspace).
    """

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        lock: FileLock | None,
        actor: str,
        read_only_reason: Said | str = "",
    ):
        self.path = path
        self.actor = actor
        self.read_only_said = both(read_only_reason)
        self.mutex = threading.RLock()
        self._conn: sqlite3.Connection | None = conn
        self._lock = lock

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_said)

    @property
    def closed(self) -> bool:
        return self._conn is None

    def connection(self) -> sqlite3.Connection:
        """The open connection (WorkspaceError once closed); hold ``mutex`` while using it."""
        if self._conn is None:
            raise WorkspaceError(said("ws_closed", name=self.path.name))
        return self._conn

    def close(self) -> None:
        """Close the file and release the lock; the WAL is folded back, leaving one file."""
        with self.mutex:
            conn, self._conn = self._conn, None
            try:
                if conn is not None:
                    conn.close()
            finally:
                if self._lock is not None:
                    self._lock.release()

    def check_writable(self, what: Said) -> None:
        """Refuse (WorkspaceReadOnly) when read-only; ``what`` says what cannot be done."""
        if self.read_only:
            raise WorkspaceReadOnly(said("ws_read_only_now", name=self.path.name,
                                         reason=self.read_only_said, what=what))

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One change, one transaction; BEGIN IMMEDIATE takes SQLite's write lock up front, and
        any error rolls everything back."""
        self.check_writable(said("ws_nothing_changed_here"))
        with self.mutex:
            conn = self.connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: several queries see one consistent snapshot."""
        with self.mutex:
            conn = self.connection()
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.commit()

    def audit(
        self,
        conn: sqlite3.Connection,
        action: str,
        summary: str,
        *,
        scheme: str = "",
        project_id: str = "",
        code: str = "",
        detail: dict | None = None,
        actor: str | None = None,
        at: str | None = None,
    ) -> None:
        """Add an entry to the audit log within ``conn``'s transaction (append-only: the file's
        triggers refuse any change to it)."""
        text = json.dumps(detail or {}, ensure_ascii=False, default=str)
        row = (wsfile.uid(), at or wsfile.now(), actor or self.actor, action, scheme, project_id, code,
               summary, text, "")
        insert_audit(conn, [row])

    def audit_rows(self, project_id: str | None = None) -> list[tuple]:
        """The audit log's rows (id, at, actor, action, scheme, project_id, code, summary,
        detail decoded, origin), oldest first; one project's when named."""
        columns = "id, at, actor, action, scheme, project_id, code, summary, detail, origin"
        query, params = filtered_query(f"SELECT {columns} FROM audit", project_id)
        with self.reading() as conn:
            rows = conn.execute(query, params).fetchall()
        return [(*row[:8], read_stored(detail_from_json, row[8], table="audit",
                                       what=said("ws_what_detail", entry=row[0]), project_id=row[5]), row[9])
                for row in rows]

    # ----------------------------------------------------------------- meta and the file

    def meta(self) -> dict[str, str]:
        """The workspace's own key/value facts (workspace_id, copied_from, settings, …)."""
        with self.mutex:
            return dict(self.connection().execute("SELECT key, value FROM meta"))

    @staticmethod
    def set_meta(conn: sqlite3.Connection, items: dict[str, str]) -> None:
        """Store key/value facts within ``conn``'s transaction."""
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(items.items()))

    def schema_version(self) -> int:
        with self.mutex:
            return self.connection().execute("PRAGMA user_version").fetchone()[0]

    def upgrade(self) -> None:
        """Bring an older schema up to date in one transaction, with an audit entry."""
        conn = self.connection()
        version = check_identity(self.path, conn)
        if version == schema.SCHEMA_VERSION:
            return
        # off outside the transaction (SQLite ignores the switch inside one): see schema.migrate
        conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.writing() as conn:
                steps = schema.migrate(conn, version)
                self.audit(
                    conn,
                    "migration",
                    f"workspace upgraded from format {version} to {schema.SCHEMA_VERSION}",
                    detail={"from": version, "to": schema.SCHEMA_VERSION, "steps": steps},
                )
            # fold the upgrade into the main file, so its header (read before SQLite opens
            # the file) already shows the new version to an older program
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            raise WorkspaceError(said("ws_upgrade_failed", name=self.path.name, old=version,
                                      new=schema.SCHEMA_VERSION, detail=exc))
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
        self._reclaim_space()

    def _reclaim_space(self) -> None:
        """Give back the pages an upgrade freed (the old per-cell table), so that the file
        people copy and mail is not twice its size. The upgrade is committed already: if
        another program holds the file and SQLite cannot rewrite it now, it stays as it is."""
        conn = self.connection()
        try:
            if conn.execute("PRAGMA freelist_count").fetchone()[0]:
                conn.execute("VACUUM")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            log.warning("%s: space freed by the upgrade not reclaimed: %s", self.path.name, exc)

    def backup(self, dest: Path, copied_from: str) -> None:
        """Copy the whole workspace, consistent, to ``dest`` (made under a temporary name and
        renamed), with a workspace_id of its own and ``copied_from`` naming this one."""
        temp = dest.with_name(f".{dest.name}.{wsfile.uid()}.tmp")
        try:
            with self.mutex:
                target = sqlite3.connect(temp)
                try:
                    self.connection().backup(target)
                    with target:
                        self.set_meta(target, {"workspace_id": wsfile.uid(), "copied_from": copied_from})
                    target.execute("PRAGMA journal_mode=WAL")
                finally:
                    target.close()
            os.replace(temp, dest)
        except sqlite3.Error as exc:  # the copy's disk, not this workspace's: name the copy
            raise database_error(dest, exc) from exc
        finally:
            temp.unlink(missing_ok=True)

    def integrity_check(self) -> str:
        """SQLite's full integrity check: ``ok`` or the problems found."""
        with self.mutex:
            rows = self.connection().execute("PRAGMA integrity_check").fetchall()
        return "\n".join(r[0] for r in rows)

    def check_stored(self) -> None:
        """Decode every stored row SQLite cannot check (:func:`check_rows`)."""
        with self.reading() as conn:
            check_rows(conn, conn.execute("PRAGMA user_version").fetchone()[0])


# --------------------------------------------------------------------------- shared statements


def new_id(cursor: sqlite3.Cursor) -> int:
    """The id SQLite gave the row an INSERT just added."""
    row_id = cursor.lastrowid
    if row_id is None:  # not after an INSERT that added a row: a mistake of ours, said as damage
        raise sqlite3.DatabaseError("the row was not inserted")
    return row_id


def insert_audit(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """Append audit rows: (uid, at, actor, action, scheme, project_id, code, summary, detail
    as JSON, origin)."""
    conn.executemany(
        "INSERT INTO audit (uid, at, actor, action, scheme, project_id, code, summary, detail, origin) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


#: The condition of an active score or consensus: neither superseded nor withdrawn.
ACTIVE = "superseded_by IS NULL AND withdrawn_at IS NULL"


def filtered_query(select: str, project_id: str | None, *, round_id: int | None = None,
                   active_only: bool = False) -> tuple[str, list]:
    """``select`` narrowed to one project, one round and/or the active rows, ordered by id.

    Returns the SQL and its parameters.
    """
    clauses: list[str] = []
    params: list[object] = []
    if project_id is not None:
        clauses.append("project_id = ?")
        params.append(normalise_text(project_id))
    if round_id is not None:
        clauses.append("round_id = ?")
        params.append(round_id)
    if active_only:
        clauses.append(ACTIVE)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return select + where + " ORDER BY id", params


# --------------------------------------------------------------------------- checking every row


def check_rows(conn: sqlite3.Connection, version: int) -> None:
    """Decode every column of a workspace that SQLite cannot check (any format up to ours).

    Run inside the caller's read transaction, so that it checks the snapshot the caller then
    uses. Raises :class:`~scoring.workspace.check.DamagedRow` at the first damage found
    (scoring/workspace/check.py says why such rows exist).
    """
    _check_text(conn)
    for (name, parsed) in conn.execute("SELECT name || ' ' || version, parsed FROM schemes"):
        read_stored(encoding.scheme_from_json, parsed, table="schemes",
                    what=said("ws_what_scheme", scheme=name))
    submissions = conn.execute("SELECT project_id, issues, unmatched FROM submissions")
    for project_id, issues, unmatched in submissions:
        read_stored(encoding.issues_from_json, issues, table="submissions", project_id=project_id,
                    what=said("ws_what_issues"))
        read_stored(unmatched_from_json, unmatched, table="submissions", project_id=project_id,
                    what=said("ws_what_unmatched"))
    _check_cells(conn, version)
    for project_id, fraction in conn.execute("SELECT project_id, fraction FROM assessments"):
        read_stored(checked_fraction_column, fraction, table="assessments", project_id=project_id,
                    what=said("ws_what_fraction"))
    if version >= 2:  # consensus records exist from format 2
        for project_id, fraction, basis in conn.execute("SELECT project_id, fraction, basis FROM consensus"):
            read_stored(checked_fraction_column, fraction, table="consensus", project_id=project_id,
                        what=said("ws_what_fraction"))
            read_stored(basis_from_json, basis, table="consensus", project_id=project_id,
                        what=said("ws_what_basis"))
    for entry, project_id, detail in conn.execute("SELECT id, project_id, detail FROM audit"):
        read_stored(detail_from_json, detail, table="audit", project_id=project_id,
                    what=said("ws_what_detail", entry=entry))


def _check_text(conn: sqlite3.Connection) -> None:
    """Every text column of every table can be read as UTF-8 (a flipped byte may break it)."""
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        try:
            for _ in conn.execute(f'SELECT * FROM "{table}"'):
                pass
        except sqlite3.OperationalError as exc:
            if "decode" not in str(exc):
                raise
            raise DamagedRow(said("ws_text_unreadable", table=table, detail=exc)) from exc


def _count_old_cells(rows: Iterable[tuple]) -> int:
    """Rebuild every submission's cells from the rows of a workspace before format 4."""
    return sum(1 for _ in schema.stored_from_old_rows(rows))


def _check_cells(conn: sqlite3.Connection, version: int) -> None:
    if version < 4:  # one row per cell, before format 4: read them as an upgrade would
        rows = conn.execute(f"{schema.OLD_CELLS_QUERY} ORDER BY s.id, i.seq")
        read_stored(_count_old_cells, rows, table="inputs", what=said("ws_what_cells"))
        return
    for project_id, cells in conn.execute(
        "SELECT s.project_id, c.cells FROM submissions s LEFT JOIN cells c ON c.submission_id = s.id"
    ):
        if cells is None:
            raise DamagedRow(said("ws_cells_missing", project=project_id))
        read_stored(cells_from_stored, cells, table="cells", project_id=project_id,
                    what=said("ws_what_cells"))

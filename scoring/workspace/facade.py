"""The assessment workspace: one SQLite file (``.spw``) holding everything an assessment needs.

A workspace keeps the schemes (template bytes and parsed form), every version of every
project's submission with each raw cell and its provenance, the inspectors' manual scores,
overrides and evidence notes, and an append-only audit log. Results are never stored: they are
recomputed from these inputs by :meth:`Workspace.score`, so a stored number can never disagree
with the data it came from.

Reliability, in the order a user meets it:

- Opening checks the file before SQLite touches it (header bytes: another program's database
  or a text file is refused without a byte written), then, with the lock held, runs SQLite's
  ``quick_check`` on a read-only, immutable view (no ``-wal``/``-shm`` files created), and only
  then opens it for writing. A newer schema version is refused; an older one is migrated in one
  transaction.
- One writer at a time: :mod:`scoring.workspace.lock` explains the lock file. A second
  instance opens the workspace read-only (or, when asked to write, is refused) and says who
  has it open.
- Every change is one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``) in WAL mode with
  ``synchronous=NORMAL``: a process killed at any moment leaves every committed change and
  nothing of the interrupted one (a power cut may lose the last few commits, never consistency).
  An import commits each file on its own.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from scoring.core.engine import score_scheme
from scoring.core.inputs import parse_submission
from scoring.core.memory import paused_gc
from scoring.core.model import Assessment, Rejection, Scheme, Submission
from scoring.core.presentation import Said, both, said
from scoring.core.reconcile import attach, to_assessment
from scoring.core.targets import assessment_year
from scoring.core.values import normalise_text
from scoring.io import importer
from scoring.io.importer import FileReader, ImportOptions
from scoring.io.pipeline import (
    AssessmentRun,
    duplicate_refusal,
    match_scheme,
    note_unknown_codes,
    scan_inputs,
    schemes_named,
)
from scoring.io.template import TemplateError, load_template_bytes
from scoring.workspace import encoding, schema
from scoring.workspace import file as wsfile
from scoring.workspace.audit import AuditEntry
from scoring.workspace.cells import PROJECT_FIELDS, cells_from_stored, stored_cells
from scoring.workspace.check import check_rows, detail_from_json, read_stored, unmatched_from_json
from scoring.workspace.consensus import ReconcileMixin
from scoring.workspace.file import lock_path
from scoring.workspace.lock import FileLock, LockUnavailable, current_user
from scoring.workspace.records import (
    AssessmentRecord,
    Change,
    ConsensusRecord,
    EvidenceNote,
    ImportReport,
    ImportStopped,
    NotAWorkspace,
    ProjectEntry,
    Round,
    SchemeConflict,
    ScoredVersion,
    StoredSubmission,
    SubmissionVersion,
    Unchanged,
    WorkspaceCorrupt,
    WorkspaceError,
    WorkspaceLocked,
    WorkspaceNotFound,
    WorkspaceReadOnly,
    WorkspaceTooNew,
    checked_fraction,
    database_error,
    diff_submissions,
    filtered_query,
    format_time,
    guarded,
    plural,
    required_text,
    scheme_label,
    shown,
)
from scoring.workspace.report_settings import ReportSettingsMixin

log = logging.getLogger("synergypilot.workspace")

#: The public names, for ``from scoring.workspace.facade import ...`` (records and errors live in
#: :mod:`scoring.workspace.records`, file checks in :mod:`scoring.workspace.file`).
__all__ = [
    "AssessmentRecord",
    "Change",
    "ConsensusRecord",
    "EvidenceNote",
    "ImportReport",
    "ImportStopped",
    "NotAWorkspace",
    "ProjectEntry",
    "Round",
    "SchemeConflict",
    "StoredSubmission",
    "SubmissionVersion",
    "Unchanged",
    "Workspace",
    "WorkspaceCorrupt",
    "WorkspaceError",
    "WorkspaceLocked",
    "WorkspaceNotFound",
    "WorkspaceReadOnly",
    "WorkspaceTooNew",
    "format_time",
    "lock_path",
    "shown",
]

Progress = Callable[[int, int, Path], bool]
_HASH_CHUNK = 1 << 20
#: Up to this many uncached submissions are loaded one by one; more, and the scheme in bulk.
_FEW_TO_LOAD = 50


# --------------------------------------------------------------------------- helpers


def _hash_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


_SUBMISSION_COLUMNS = (
    "s.id, s.project_id, s.source, s.name, s.level, s.template, s.template_version, "
    "s.region, s.organisation, s.year, s.contact, s.issues, s.unmatched"
)
def _stored_submission(row: tuple) -> Submission:
    """A stored submission from its :data:`_SUBMISSION_COLUMNS` and its ``cells`` column."""
    submission = _submission_from_row(row)
    if row[-1] is not None:
        # a damaged row SQLite's own checks cannot see is reported as a damaged workspace
        submission.inputs = read_stored(cells_from_stored, row[-1], table="cells", what=said("ws_what_cells"),
                                        project_id=submission.project_id)
    return submission


def _submission_from_row(row: tuple) -> Submission:
    return Submission(
        project_id=row[1],
        source=row[2],
        name=row[3],
        level=row[4],
        template=row[5],
        template_version=row[6],
        region=row[7],
        organisation=row[8],
        year=row[9],
        contact=row[10],
        issues=read_stored(encoding.issues_from_json, row[11], table="submissions",
                           what=said("ws_what_issues"), project_id=row[1]),
        unmatched_codes=read_stored(unmatched_from_json, row[12], table="submissions",
                                    what=said("ws_what_unmatched"), project_id=row[1]),
    )


def _audit_detail(row: tuple) -> dict:
    """The details of an audit row (id, …, project_id at 5, …, detail at 8), decoded."""
    what = said("ws_what_detail", entry=row[0])
    return read_stored(detail_from_json, row[8], table="audit", what=what, project_id=row[5])


# --------------------------------------------------------------------------- the workspace


class Workspace(ReconcileMixin, ReportSettingsMixin):
    """An open workspace file. Use :meth:`open` or :meth:`create`, and :meth:`close` (or ``with``).

    Supervisors' consensus and the median/mean setting come from
    :class:`~scoring.workspace.consensus.ReconcileMixin`;
    :func:`scoring.workspace.merge.merge_into` unites other workspaces into this one, through
    the methods under "for modules building on it".

    The object may be shared between the GUI thread and one worker thread: every method takes
    an internal lock, so calls are serialised.

    Attributes
    ----------
    path : Path
    read_only : bool
        True when another instance holds the workspace (or the file cannot be written);
        ``read_only_reason`` then says why (``read_only_said`` in both languages), and every
        change raises WorkspaceReadOnly.
    actor : str
        Who is recorded in the audit log for imports and template changes (default: the
        operating-system user). Inspectors' scores record the inspector named in the call.
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
        self._conn: sqlite3.Connection | None = conn
        self._lock = lock
        self._mutex = threading.RLock()
        self._schemes: dict[int, Scheme] = {}
        # The latest submissions as last loaded or stored, by scheme id and submission id.
        # Stored rows never change, so a cached row is always right; it spares :meth:`score`
        # re-reading tens of thousands of cells after each import or inspector's score.
        self._latest: dict[tuple[int, int], dict[int, Submission]] = {}  # by (round id, scheme id)
        # Their cells parsed against their scheme (inputs.parse_submission), the same way:
        # an import parses each file while the readers read the next ones, and a rescore after
        # an inspector's score parses nothing again.
        self._parsed: dict[tuple[int, int], dict[int, list[tuple]]] = {}

    # ----------------------------------------------------------------- opening and closing

    @classmethod
    def create(cls, path: str | Path, *, actor: str | None = None) -> Workspace:
        """Create a new, empty workspace file and open it for writing.

        The file is built under a temporary name and renamed into place, so an interrupted
        creation never leaves a half-made workspace.

        Raises
        ------
        WorkspaceError
            When the file already exists or the folder cannot be written.
        """
        path = Path(path)
        actor = actor or current_user()
        if path.exists():
            raise WorkspaceError(said("ws_exists", path=path))
        if not path.parent.is_dir():
            raise WorkspaceError(said("ws_no_folder", folder=path.parent))
        lock = wsfile.take_lock(path)
        try:
            wsfile.build_new_file(path, actor)
            return cls._open_locked(path, lock, actor)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = False,
        read_only: bool | None = None,
        actor: str | None = None,
    ) -> Workspace:
        """Open a workspace file.

        Parameters
        ----------
        path : str or Path
        create : bool
            Create the file when it does not exist (otherwise WorkspaceNotFound).
        read_only : bool or None
            None (default): writable, or read-only when another instance holds it (check
            ``read_only``). False: writable or WorkspaceLocked. True: read-only.
        actor : str, optional
            Recorded in the audit log for imports and templates (default: the OS user).

        Raises
        ------
        WorkspaceError
            WorkspaceNotFound, NotAWorkspace, WorkspaceCorrupt, WorkspaceTooNew or
            WorkspaceLocked; in every case the file on disk is left exactly as it was.
        """
        path = Path(path)
        actor = actor or current_user()
        if not path.exists():
            if create:
                return cls.create(path, actor=actor)
            raise WorkspaceNotFound(said("ws_not_found", path=path, name=path.name))
        if not path.is_file():
            raise NotAWorkspace(said("ws_is_folder", path=path))
        header = wsfile.checked_header(path)
        unwritable = wsfile.unwritable_reason(path)
        if read_only or unwritable:
            if read_only is False:
                raise WorkspaceReadOnly(said("ws_only_read_only", name=path.name, reason=unwritable))
            return cls._open_shared(path, actor, unwritable or said("ws_asked_read_only"))
        # the real file's lock, so that a link or another spelling of the path is one workspace
        lock = FileLock(lock_path(path.resolve()))
        try:
            got = lock.acquire()
        except LockUnavailable as exc:
            return cls._open_shared(path, actor, said("ws_lock_unwritable", lock=lock.path.name, detail=exc))
        if not got:
            owner = lock.owner()
            if read_only is False:
                raise WorkspaceLocked(said("ws_open_elsewhere", name=path.name, owner=owner.describe()),
                                      owner)
            return cls._open_shared(path, actor, said("ws_held_by", owner=owner.describe()))
        try:
            return cls._open_locked(path, lock, actor, header)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_locked(
        cls, path: Path, lock: FileLock, actor: str, header: schema.Header | None = None
    ) -> Workspace:
        """Open for writing, the lock held: verify, connect, migrate.

        A pending ``-wal`` (a writer stopped by a crash or a full disk) is replayed by SQLite
        first; the main file's size says something only once the log is folded back into it.
        """
        if wsfile.has_pending_wal(path):
            folded = wsfile.recover_wal(path)  # checked by SQLite through the log
            header = wsfile.checked_header(path) if folded and header is not None else None
        else:
            folded = True
        if header is not None:
            try:
                schema.check_size(path, header)
            except schema.HeaderProblem as exc:
                raise WorkspaceCorrupt(said("ws_header_damaged", name=path.name, problem=exc.said))
        if folded:
            wsfile.verify_untouched(path)
        try:
            conn = wsfile.connect(path, writable=True)
        except sqlite3.Error as exc:
            raise database_error(path, exc)
        try:
            workspace = cls(path, conn, lock, actor)
            workspace._upgrade()
            return workspace
        except BaseException:
            conn.close()
            raise

    @classmethod
    def _open_shared(cls, path: Path, actor: str, reason: Said) -> Workspace:
        """Open read-only beside a writer: SQLite's WAL gives every read a consistent snapshot."""
        try:
            conn = wsfile.connect_shared(path)
        except sqlite3.Error as exc:
            raise database_error(path, exc)
        try:
            version = wsfile.check_identity(path, conn)
            if version < schema.SCHEMA_VERSION:
                raise WorkspaceError(said("ws_needs_upgrade", name=path.name, reason=reason))
            return cls(path, conn, None, actor, read_only_reason=reason)
        except sqlite3.Error as exc:
            conn.close()
            raise database_error(path, exc)
        except BaseException:
            conn.close()
            raise

    def _upgrade(self) -> None:
        """Bring an older schema up to date in one transaction, with an audit entry."""
        version = wsfile.check_identity(self.path, self._conn)
        if version == schema.SCHEMA_VERSION:
            return
        # off outside the transaction (SQLite ignores the switch inside one): see schema.migrate
        self._conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with self._write() as conn:
                steps = schema.migrate(conn, version)
                self._audit(
                    conn,
                    "migration",
                    f"workspace upgraded from format {version} to {schema.SCHEMA_VERSION}",
                    detail={"from": version, "to": schema.SCHEMA_VERSION, "steps": steps},
                )
            # fold the upgrade into the main file, so its header (read before SQLite opens
            # the file) already shows the new version to an older program
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            raise WorkspaceError(said("ws_upgrade_failed", name=self.path.name, old=version,
                                      new=schema.SCHEMA_VERSION, detail=exc))
        finally:
            self._conn.execute("PRAGMA foreign_keys = ON")
        self._reclaim_space()

    def _reclaim_space(self) -> None:
        """Give back the pages an upgrade freed (the old per-cell table), so that the file
        people copy and mail is not twice its size. The upgrade is committed already: if
        another program holds the file and SQLite cannot rewrite it now, it stays as it is."""
        try:
            if self._conn.execute("PRAGMA freelist_count").fetchone()[0]:
                self._conn.execute("VACUUM")
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            log.warning("%s: space freed by the upgrade not reclaimed: %s", self.path.name, exc)

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_said)

    @property
    def read_only_reason(self) -> str:
        """Why the workspace is read-only, in English (empty when it is not)."""
        return self.read_only_said.en

    @property
    def closed(self) -> bool:
        return self._conn is None

    def close(self) -> None:
        """Close the file and release the lock; the WAL is folded back, leaving one file."""
        with self._mutex:
            conn, self._conn = self._conn, None
            try:
                if conn is not None:
                    conn.close()
            finally:
                if self._lock is not None:
                    self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def workspace_id(self) -> str:
        """A unique id given at creation (merging recognises workspaces by it)."""
        return self.meta().get("workspace_id", "")

    @property
    def schema_version(self) -> int:
        with self._mutex:
            return self._connection().execute("PRAGMA user_version").fetchone()[0]

    @guarded
    def meta(self) -> dict[str, str]:
        """The workspace's own key/value facts (workspace_id, copied_from, settings, …)."""
        with self._mutex:
            return dict(self._connection().execute("SELECT key, value FROM meta"))

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise WorkspaceError(said("ws_closed", name=self.path.name))
        return self._conn

    @contextmanager
    def _write(self):
        """One change, one transaction; BEGIN IMMEDIATE takes SQLite's write lock up front."""
        self._check_writable(said("ws_nothing_changed_here"))
        with self._mutex:
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    @contextmanager
    def _read(self):
        """A read transaction: several queries see one consistent snapshot."""
        with self._mutex:
            conn = self._connection()
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.commit()

    def _audit(
        self,
        conn,
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
        conn.execute(
            "INSERT INTO audit (uid, at, actor, action, scheme, project_id, code, summary, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                wsfile.uid(),
                at or wsfile.now(),
                actor or self.actor,
                action,
                scheme,
                project_id,
                code,
                summary,
                json.dumps(detail or {}, ensure_ascii=False, default=str),
            ),
        )

    # ----------------------------------------------------------------- for modules building on it

    def check_writable(self, what: Said) -> None:
        """Refuse (WorkspaceReadOnly) when the workspace is read-only; ``what`` says what cannot be done."""
        self._check_writable(what)

    def reading(self):
        """A read transaction: ``with workspace.reading() as conn`` sees one consistent snapshot."""
        return self._read()

    def writing(self):
        """A write transaction: ``with workspace.writing() as conn``; rolled back on any error."""
        return self._write()

    def record(self, conn: sqlite3.Connection, action: str, summary: str, **fields) -> None:
        """Add an entry to the audit log within ``conn``'s transaction (fields as ``_audit``'s)."""
        self._audit(conn, action, summary, **fields)

    # ----------------------------------------------------------------- schemes

    @guarded
    def add_template(self, path: str | Path) -> Scheme:
        """Store a template (see :meth:`add_templates`) and return its scheme."""
        return self.add_templates([path])[0]

    @guarded
    def add_templates(self, paths: Iterable[str | Path]) -> list[Scheme]:
        """Validate templates and store the new ones, all in one transaction.

        A template identical to a stored one (same name, version and content) is accepted and
        changes nothing; a new version of a stored scheme is added beside the old one.

        Raises
        ------
        TemplateError
            When any template is invalid (nothing is stored).
        SchemeConflict
            When a template has the name and version of a stored scheme but other content.
        """
        loaded = [_load_template(Path(p)) for p in paths]
        with self._write() as conn:
            stored = {
                (key, version): (sid, content_hash, added)
                for sid, key, version, content_hash, added in conn.execute(
                    "SELECT id, name_key, version, content_hash, added_at FROM schemes"
                )
            }
            schemes = []
            for data, path, scheme in loaded:
                key = (scheme.name.casefold(), scheme.version)
                if key in stored:
                    _check_same_content(scheme, path, stored[key])
                else:
                    stored[key] = self._insert_scheme(conn, data, path, scheme)
                schemes.append(self.scheme_by_id(stored[key][0]))
        return schemes

    def _insert_scheme(self, conn, data: bytes, path: Path, scheme: Scheme) -> tuple[int, str, str]:
        at = wsfile.now()
        cursor = conn.execute(
            "INSERT INTO schemes (uid, name, name_key, version, level, content_hash, source_name, template, "
            "parsed, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                wsfile.uid(),
                scheme.name,
                scheme.name.casefold(),
                scheme.version,
                scheme.level,
                scheme.content_hash,
                path.name,
                data,
                encoding.scheme_to_json(scheme),
                at,
                self.actor,
            ),
        )
        self._audit(
            conn,
            "template_added",
            f"template {path.name} added: {scheme_label(scheme)} "
            f"({scheme.level}, {len(scheme.criteria)} criteria)",
            scheme=scheme_label(scheme),
            detail={"file": path.name, "sha256": scheme.content_hash, "level": scheme.level,
                    # the Chinese interface names the scheme by its Chinese name (name_zh)
                    **({"scheme_zh": f"{scheme.name_zh} {scheme.version}"} if scheme.name_zh else {})},
        )
        return cursor.lastrowid, scheme.content_hash, at

    def scheme_key(self, scheme_id: int) -> tuple[str, str]:
        """(name, version) of a stored scheme, by id."""
        scheme = self.scheme_by_id(scheme_id)
        return scheme.name, scheme.version

    def scheme_by_id(self, scheme_id: int) -> Scheme:
        """A stored scheme by id; schemes never change once stored, so they are cached."""
        scheme = self._schemes.get(scheme_id)
        if scheme is None:
            row = (
                self._connection().execute("SELECT parsed FROM schemes WHERE id = ?", (scheme_id,)).fetchone()
            )
            scheme = self._schemes[scheme_id] = read_stored(
                encoding.scheme_from_json, row[0], table="schemes", what=said("ws_what_a_scheme")
            )
        return scheme

    def _scheme_ids(self) -> list[int]:
        return [row[0] for row in self._connection().execute("SELECT id FROM schemes ORDER BY id")]

    @guarded
    def schemes(self) -> list[Scheme]:
        """Every stored scheme, in the order added."""
        with self._mutex:
            return [self.scheme_by_id(sid) for sid in self._scheme_ids()]

    @guarded
    def current_schemes(self) -> list[Scheme]:
        """The newest version of each scheme name: what submissions without a version match."""
        with self._mutex:
            return [self.scheme_by_id(sid) for sid in self._current_ids().values()]

    def _current_ids(self) -> dict[str, int]:
        newest: dict[str, int] = {}
        for sid, key in self._connection().execute("SELECT id, name_key FROM schemes ORDER BY id"):
            newest[key] = sid
        return newest

    @guarded
    def template_bytes(self, name: str, version: str) -> bytes:
        """The template file of a stored scheme, exactly as it was added."""
        with self._mutex:
            row = (
                self._connection()
                .execute(
                    "SELECT template FROM schemes WHERE name_key = ? AND version = ?",
                    (name.casefold(), version),
                )
                .fetchone()
            )
        if row is None:
            raise WorkspaceError(said("ws_no_scheme_version", scheme=name, version=version,
                                      name=self.path.name))
        return bytes(row[0])

    # ----------------------------------------------------------------- assessment rounds

    @guarded
    def rounds(self) -> list[Round]:
        """The assessment rounds, oldest first (by year, then as created)."""
        with self._read() as conn:
            return self._rounds(conn, counted=True)

    def _rounds(self, conn, counted: bool = False) -> list[Round]:
        """The rounds, oldest first; with their number of projects when ``counted`` (a scan of
        the projects, which an import placing each submission does not need)."""
        count = "(SELECT COUNT(*) FROM projects p WHERE p.round_id = r.id)" if counted else "0"
        rows = conn.execute(
            f"SELECT r.id, r.uid, r.label, r.year, r.created_at, r.created_by, {count} FROM rounds r "
            f"ORDER BY {_round_order('r')}"
        ).fetchall()
        return [Round(*row) for row in rows]

    @guarded
    def add_round(self, label: str, year: str | int | None = None) -> Round:
        """Create an assessment round (or return the one with this label, of the same year).

        Parameters
        ----------
        label : str
            What people call it, e.g. "2025 中期评估"; unique in the workspace (case aside).
        year : str or int, optional
            The assessment year; by default the year the label names.

        Raises
        ------
        WorkspaceError
            An empty label, no year given or named, or a round of this label with another year.
        """
        label = required_text(normalise_text(label), said("ws_round_name"))
        wanted = assessment_year(year) if year is not None else assessment_year(label)
        if not wanted:
            raise WorkspaceError(said("ws_round_needs_year", label=label))
        with self._write() as conn:
            found = self._round_by_label(conn, label)
            if found is not None and found.year != wanted:
                raise WorkspaceError(said("ws_round_other_year", label=found.label,
                                          year=found.year or said("ws_no_year")))
            round_id = found.id if found is not None else self._insert_round(conn, label, wanted)
            return next(r for r in self._rounds(conn, counted=True) if r.id == round_id)

    def _round_by_label(self, conn, label: str) -> Round | None:
        key = normalise_text(label).casefold()
        return next((r for r in self._rounds(conn) if r.label.casefold() == key), None)

    def _insert_round(self, conn, label: str, year: str) -> int:
        round_id = conn.execute(
            "INSERT INTO rounds (uid, label, label_key, year, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (wsfile.uid(), label, label.casefold(), year, wsfile.now(), self.actor),
        ).lastrowid
        self._audit(conn, "round_added", f"assessment round {label} ({year or 'no year'}) added",
                    detail={"round": label, "year": year})
        return round_id

    def _round_for(self, conn, submission: Submission, chosen: str | None) -> tuple[int, str]:
        """(id, label) of the round a submission goes to: the chosen one (created if new), else
        the round of its ``year`` (the last made of that year, or a new one named after it),
        else the latest."""
        if chosen:
            label = normalise_text(chosen)
            found = self._round_by_label(conn, label)
            if found is not None:
                return found.id, found.label
            year = assessment_year(label) or assessment_year(submission.year)
            return self._insert_round(conn, label, year), label
        year = assessment_year(submission.year)
        rounds = self._rounds(conn)
        same_year = [r for r in rounds if r.year == year] if year else rounds[-1:]
        if same_year:
            return same_year[-1].id, same_year[-1].label
        label = year or "round 1"
        found = self._round_by_label(conn, label)
        if found is not None:
            return found.id, found.label
        return self._insert_round(conn, label, year), label

    def _chosen_round(self, conn, round: str | Round | None) -> Round | None:
        """The round asked for (by label, or by year when no label matches), or the latest;
        None when the workspace has no round yet.

        Raises
        ------
        WorkspaceError
            No round of that label or year (the message lists the rounds).
        """
        rounds = self._rounds(conn)
        if round is None or round == "":
            return rounds[-1] if rounds else None
        if isinstance(round, Round):
            round = round.label
        key = normalise_text(round).casefold()
        found = [r for r in rounds if r.label.casefold() == key] or [r for r in rounds if r.year == key]
        if not found:
            known = ", ".join(r.label for r in rounds) or said("ws_none_yet")
            raise WorkspaceError(said("ws_no_round", round=round, name=self.path.name, known=known))
        return found[-1]

    @guarded
    def round(self, round: str | Round | None = None) -> Round | None:
        """A round by label (or year), the latest when none is named; None in an empty workspace."""
        with self._read() as conn:
            chosen = self._chosen_round(conn, round)
            return None if chosen is None else next(r for r in self._rounds(conn, True) if r.id == chosen.id)

    # ----------------------------------------------------------------- import

    @guarded
    def import_files(
        self,
        paths: Iterable[str | Path],
        progress: Progress | None = None,
        *,
        options: ImportOptions | None = None,
        round: str | None = None,
    ) -> ImportReport:
        """Read submission files and store them, each file in its own transaction.

        Files are read by :mod:`scoring.io.importer` (worker processes, a time limit per file,
        size limits) and stored in input order, so the first submission of a project in one
        import wins as it does without a workspace. A file whose bytes were imported before
        is not even read.

        Parameters
        ----------
        paths : iterable of str or Path
            Files and folders (searched recursively, like the CLI's ``score``).
        progress : callable, optional
            ``progress(done, total, path)`` before each file; returning False cancels (the
            files already committed stay).
        options : ImportOptions, optional
            Workers, time limit and size limits for reading.
        round : str, optional
            The label of the assessment round every submission goes to (created when new).
            By default each goes to the round of its ``year`` (created on first import); a
            project submitted again in the same round is a new version of it.

        Returns
        -------
        ImportReport
            New projects (``imported``), new versions with their differences
            (``resubmitted``), files or projects with nothing new (``unchanged``) and refused
            files (``rejected``, with the reasons of the foundation issue); files of the folders
            that were not read (``skipped``: lock files, other kinds), with why.

        Raises
        ------
        WorkspaceError
            When the workspace holds no scheme yet, or is read-only.
        ImportStopped
            When writing fails part-way (e.g. disk full); its report lists what was committed.
        """
        self._check_writable(said("ws_nothing_imported"))
        matcher = self._matcher()
        files, skipped = scan_inputs(paths)
        report = ImportReport(files=len(files), skipped=skipped)
        hashes = [_try_hash(path) for path in files]
        to_read = self._files_to_read(hashes)
        position = {index: k for k, index in enumerate(to_read)}
        seen: dict[tuple[int, str], str] = {}
        options = options or importer.DEFAULT_OPTIONS
        if options.reader is None:
            options = dataclasses.replace(options, reader=encoding.read_prepared)
        with FileReader([files[i] for i in to_read], options) as reader, paused_gc():
            for index, path in enumerate(files):
                if progress is not None and progress(index, len(files), path) is False:
                    report.cancelled = True
                    break
                read = functools.partial(reader.result, position.get(index, -1))
                try:
                    self._import_file(path, hashes[index], read, matcher, seen, report, round)
                except sqlite3.Error as exc:
                    error = database_error(self.path, exc).said
                    raise ImportStopped(said("ws_import_stopped", file=path.name, error=error, count=index),
                                        report)
        return report

    def _check_writable(self, what: Said) -> None:
        if self.read_only:
            raise WorkspaceReadOnly(said("ws_read_only_now", name=self.path.name,
                                         reason=self.read_only_said, what=what))

    def _files_to_read(self, hashes: list) -> list[int]:
        """Indices of the files worth reading: readable and not imported whole before."""
        with self._mutex:
            complete = {
                row[0] for row in self._connection().execute("SELECT sha256 FROM files WHERE complete = 1")
            }
        return [i for i, h in enumerate(hashes) if isinstance(h, tuple) and h[0] not in complete]

    def _matcher(self) -> Callable[[Submission], tuple[int, Scheme] | Rejection]:
        """Match a submission to a stored scheme, like the CLI does with loaded templates.

        A submission naming a template and version may match any stored version; otherwise
        only the newest version of each scheme takes part, so adding a new version does not
        make every level-matched submission ambiguous.
        """
        with self._mutex:
            every = [(sid, self.scheme_by_id(sid)) for sid in self._scheme_ids()]
            newest = set(self._current_ids().values())
        if not every:
            raise WorkspaceError(said("ws_no_scheme_yet", name=self.path.name))
        ids = {id(scheme): sid for sid, scheme in every}
        current = [scheme for sid, scheme in every if sid in newest]
        everything = [scheme for _, scheme in every]

        def match(submission: Submission) -> tuple[int, Scheme] | Rejection:
            pool = everything if submission.template and submission.template_version else current
            found = match_scheme(submission, pool)
            return found if isinstance(found, Rejection) else (ids[id(found)], found)

        return match

    def _import_file(
        self, path: Path, hashed, read, matcher, seen: dict, report: ImportReport, round: str | None
    ) -> None:
        """Store one file's submissions in one transaction (or say why not)."""
        if isinstance(hashed, str):
            refused = _unopenable(path, hashed)
            with self._write() as conn:
                self._store_rejections(conn, path, "", [refused], wsfile.now())
            report.rejected.append(refused)
            return
        sha, size = hashed
        with self._mutex:
            known = (
                self._connection()
                .execute("SELECT id, name, imported_at, complete FROM files WHERE sha256 = ?", (sha,))
                .fetchone()
            )
        if known is not None and known[3]:
            report.unchanged.append(
                Unchanged(
                    str(path),
                    f"{path.name}: identical to {known[1]}, imported {format_time(known[2])}; "
                    "nothing changed",
                    message_zh=f"{path.name}：与 {known[1]}（导入于 {format_time(known[2])}）内容完全相同，"
                    "未作任何更改",
                )
            )
            return
        accepted, rejected = _assign(read(), matcher, seen, round)
        if accepted:
            self._commit_file(path, sha, size, known, accepted, rejected, report, round)
        elif rejected:
            with self._write() as conn:
                self._store_rejections(conn, path, sha, rejected, wsfile.now())
        report.rejected.extend(rejected)

    def _store_rejections(self, conn, path: Path, sha: str, rejected: list[Rejection], at: str) -> None:
        conn.executemany(
            "INSERT INTO rejections (source, path, sha256, reason, message, message_zh, sheet, cell, "
            "rejected_at, rejected_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.source, str(path), sha, r.reason, r.message, r.message_zh, r.sheet, r.cell, at, self.actor)
             for r in rejected],
        )

    @guarded
    def rejections(self) -> list[Rejection]:
        """The refusals still standing, oldest first: the latest refusal of each source (a file,
        or a batch row) unless a later import took a file from the same path; each with the
        sheet and cell it is about (empty for the whole file, and for refusals stored before
        format 6)."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT r.source, r.reason, r.message, r.message_zh, r.sheet, r.cell FROM rejections r "
                "WHERE r.id = (SELECT MAX(id) FROM rejections WHERE source = r.source) "
                "AND NOT EXISTS (SELECT 1 FROM files f WHERE f.path = r.path "
                "AND f.imported_at > r.rejected_at) "
                "AND NOT EXISTS (SELECT 1 FROM submissions s JOIN files f ON f.id = s.file_id "
                "WHERE f.path = r.path AND s.imported_at > r.rejected_at) "
                "ORDER BY r.id"
            ).fetchall()
        return [Rejection(*row) for row in rows]

    def _commit_file(self, path, sha, size, known, accepted, rejected, report, round: str | None) -> None:
        outcomes = []
        complete = not rejected
        at = wsfile.now()  # one moment for the file, its submissions and their audit entries
        with self._write() as conn:
            if known is None:
                file_id = conn.execute(
                    "INSERT INTO files (sha256, name, path, size, imported_at, imported_by, complete) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (sha, path.name, str(path), size, at, self.actor, int(complete)),
                ).lastrowid
            else:
                file_id = known[0]
                if complete:
                    conn.execute("UPDATE files SET complete = 1 WHERE id = ?", (file_id,))
            for scheme_id, scheme, submission in accepted:
                placed = self._round_for(conn, submission, round)
                outcomes.append(self._store(conn, file_id, sha, placed, scheme_id, scheme, submission, at))
            self._store_rejections(conn, path, sha, rejected, at)
        lists = {
            "imported": report.imported,
            "resubmitted": report.resubmitted,
            "unchanged": report.unchanged,
        }
        with self._mutex:
            for kind, item, stored in outcomes:  # reported and cached only once committed
                lists[kind].append(item)
                if stored is not None:
                    key, submission_id, submission = stored
                    self._latest.setdefault(key, {})[submission_id] = submission
                    parsed = parse_submission(self.scheme_by_id(key[1]), submission)
                    self._parsed.setdefault(key, {})[submission_id] = parsed

    def _store(
        self, conn, file_id: int, sha: str, placed: tuple[int, str], scheme_id: int, scheme: Scheme,
        submission: Submission, at: str,
    ):
        """Store one submission as the project's next version in its round (``placed``: id and
        label) unless it says nothing new."""
        round_id, round_label = placed
        cells, content = submission.prepared or stored_cells(submission)
        latest = conn.execute(
            "SELECT p.id, s.id, s.version, s.content_hash FROM projects p JOIN submissions s "
            "ON s.id = p.latest_submission_id WHERE p.round_id = ? AND p.scheme_id = ? AND p.project_id = ?",
            (round_id, scheme_id, submission.project_id),
        ).fetchone()
        name = os.path.basename(submission.source)  # per submission: no Path object
        if latest is not None:
            same_file = conn.execute(
                "SELECT MAX(version) FROM submissions WHERE round_id = ? AND scheme_id = ? AND "
                "project_id = ? "
                "AND file_id = ?",
                (round_id, scheme_id, submission.project_id, file_id),
            ).fetchone()[0]
            if latest[3] == content or same_file:
                same_values = latest[3] == content
                said = (
                    f"has the same values as its version {latest[2]}"
                    if same_values
                    else f"was already imported from this file as version {same_file}"
                )
                said_zh = (f"与其第 {latest[2]} 版的填报值相同" if same_values
                           else f"已从此文件导入为第 {same_file} 版")
                message = f"{name}: project {submission.project_id} {said}; nothing changed"
                message_zh = f"{name}：项目 {submission.project_id} {said_zh}，未作任何更改"
                unchanged = Unchanged(submission.source, message, submission.project_id, message_zh)
                return "unchanged", unchanged, None
        version = latest[2] + 1 if latest else 1
        submission_id = self._insert_submission(
            conn, file_id, round_id, scheme_id, submission, version, content, cells, at
        )
        changes: tuple[Change, ...] = ()
        if latest is None:
            conn.execute(
                "INSERT INTO projects (round_id, scheme_id, project_id, latest_submission_id) "
                "VALUES (?, ?, ?, ?)",
                (round_id, scheme_id, submission.project_id, submission_id),
            )
        else:
            previous = self._load_one(conn, latest[1])
            changes = tuple(diff_submissions(previous, submission, scheme))
            conn.execute(
                "UPDATE projects SET latest_submission_id = ? WHERE id = ?", (submission_id, latest[0])
            )
        stored = StoredSubmission(
            scheme.name,
            scheme.version,
            submission.project_id,
            submission.name,
            version,
            submission.source,
            changes,
            round_label,
        )
        self._audit_import(conn, stored, sha, scheme, at)
        kind = "resubmitted" if latest else "imported"
        return kind, stored, ((round_id, scheme_id), submission_id, submission)

    def _insert_submission(
        self, conn, file_id, round_id, scheme_id, submission: Submission, version, content, cells, at
    ) -> int:
        submission_id = conn.execute(
            "INSERT INTO submissions (uid, round_id, scheme_id, project_id, version, file_id, source, "
            "content_hash, imported_at, imported_by, name, level, template, template_version, region, "
            "organisation, year, contact, issues, unmatched) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                wsfile.uid(),
                round_id,
                scheme_id,
                submission.project_id,
                version,
                file_id,
                submission.source,
                content,
                at,
                self.actor,
                *(getattr(submission, f) for f in PROJECT_FIELDS),
                encoding.issues_to_json(submission.issues),
                json.dumps(submission.unmatched_codes, ensure_ascii=False),
            ),
        ).lastrowid
        conn.execute("INSERT INTO cells (submission_id, cells) VALUES (?, ?)", (submission_id, cells))
        return submission_id

    def _audit_import(self, conn, stored: StoredSubmission, sha: str, scheme: Scheme, at: str) -> None:
        name = os.path.basename(stored.source)
        if stored.version == 1:
            action = "import"
            summary = f"project {stored.project_id} imported from {name} into round {stored.round}"
        else:
            action = "resubmission"
            summary = (
                f"project {stored.project_id} resubmitted in {name}: version {stored.version} of round "
                f"{stored.round}, {plural(len(stored.changes), 'change')}"
            )
        self._audit(
            conn,
            action,
            summary,
            scheme=scheme_label(scheme),
            project_id=stored.project_id,
            at=at,
            detail={
                "file": name,
                "path": stored.source,
                "sha256": sha,
                "round": stored.round,
                "version": stored.version,
                "changes": [c.as_dict() for c in stored.changes],
            },
        )

    # ----------------------------------------------------------------- reading submissions

    def _load_one(self, conn, submission_id: int) -> Submission:
        row = conn.execute(
            f"SELECT {_SUBMISSION_COLUMNS}, c.cells FROM submissions s "
            "LEFT JOIN cells c ON c.submission_id = s.id WHERE s.id = ?",
            (submission_id,),
        ).fetchone()
        return _stored_submission(row)

    def _load_latest(self, conn, key: tuple[int, int]) -> dict[int, Submission]:
        """The latest version of every project of a round and scheme (``key``), by submission
        id, in arrival order.

        One query per scheme whatever the number of projects.
        """
        rows = conn.execute(
            f"SELECT {_SUBMISSION_COLUMNS}, c.cells FROM projects p JOIN submissions s "
            "ON s.id = p.latest_submission_id LEFT JOIN cells c ON c.submission_id = s.id "
            "WHERE p.round_id = ? AND p.scheme_id = ? ORDER BY p.id",
            key,
        )
        with paused_gc():  # tens of thousands of cells, none of them in a cycle
            return {row[0]: _stored_submission(row) for row in rows}

    def _latest_submissions(self, conn, key: tuple[int, int]) -> dict[int, Submission]:
        """What :meth:`score` scores for a (round id, scheme id), by submission id: cached rows
        where they are, the rest loaded."""
        ids = [
            row[0]
            for row in conn.execute(
                "SELECT latest_submission_id FROM projects WHERE round_id = ? AND scheme_id = ? ORDER BY id",
                key,
            )
        ]
        known = self._latest.get(key, {})
        missing = [sid for sid in ids if sid not in known]
        if len(missing) > _FEW_TO_LOAD:
            known = {**known, **self._load_latest(conn, key)}
        else:
            known = {**known, **{sid: self._load_one(conn, sid) for sid in missing}}
        self._latest[key] = {sid: known[sid] for sid in ids}
        return self._latest[key]

    def _parsed_cells(self, key: tuple[int, int], latest: dict[int, Submission]) -> list[list[tuple]]:
        """:func:`parse_submission` of each latest submission, parsed once and kept."""
        scheme, cached = self.scheme_by_id(key[1]), self._parsed.get(key, {})
        parsed = self._parsed[key] = {  # superseded versions drop out
            sid: cached[sid] if sid in cached else parse_submission(scheme, submission)
            for sid, submission in latest.items()
        }
        return list(parsed.values())

    @guarded
    def submissions(
        self, scheme: Scheme | None = None, *, round: str | Round | None = None
    ) -> dict[str, list[Submission]]:
        """The latest submissions of a round (default the latest), by scheme label (``name
        version``); those scored."""
        with self._read() as conn:
            chosen = self._chosen_round(conn, round)
            result = {}
            for sid in self._scheme_ids():
                if chosen is not None and (scheme is None or self.scheme_by_id(sid) == scheme):
                    # fresh objects: callers may keep or change them without touching the cache
                    latest = self._load_latest(conn, (chosen.id, sid))
                    result[scheme_label(self.scheme_by_id(sid))] = list(latest.values())
            return result

    @guarded
    def projects(self, *, round: str | Round | None = None) -> list[ProjectEntry]:
        """Every project with its scheme, round, number of versions in that round and latest
        import time; of every round (oldest first) unless one is named."""
        with self._read() as conn:
            only = self._chosen_round(conn, round) if round else None
            rows = conn.execute(
                "SELECT p.scheme_id, p.project_id, s.name, s.version, s.imported_at, r.label FROM projects p "
                "JOIN submissions s ON s.id = p.latest_submission_id JOIN rounds r ON r.id = p.round_id "
                f"WHERE ? IS NULL OR p.round_id = ? ORDER BY {_round_order('r')}, "
                "p.scheme_id, p.id",
                (only and only.id, only and only.id),
            ).fetchall()
            return [
                ProjectEntry(*self.scheme_key(sid), pid, name, version, at, label)
                for sid, pid, name, version, at, label in rows
            ]

    @guarded
    def history(
        self, project_id: str, *, scheme: str | None = None, scheme_version: str | None = None
    ) -> list[SubmissionVersion]:
        """Every version of a project's submission, oldest first, each with its changes.

        Raises
        ------
        WorkspaceError
            When the workspace has no such project.
        """
        with self._read() as conn:
            return [version for version, *_ in self._versions(conn, project_id, scheme, scheme_version)]

    @guarded
    def scored_versions(
        self, project_id: str, *, scheme: str | None = None, scheme_version: str | None = None,
        round: str | Round | None = None,
    ) -> list[ScoredVersion]:
        """Every version of a project's submission in one round, oldest first, each scored.

        Each version's stored cells are scored by the engine as the project is scored today:
        with the inspectors' scores now in force in that round (reconciled as :meth:`score`
        does), so two versions differ only by what their forms said. Totals and grades are
        the project's own; ``rank`` means nothing here (each is scored alone).

        Parameters
        ----------
        round : str or Round, optional
            The assessment round; by default the latest the project was submitted in.

        Raises
        ------
        WorkspaceError
            When the workspace has no such project (in that round).
        """
        project_id = normalise_text(project_id)
        settings = self.reconcile_settings()
        with self._read() as conn:
            versions = self._versions(conn, project_id, scheme, scheme_version)
            wanted = self._chosen_round(conn, round) if round else None
            round_id = wanted.id if wanted is not None else versions[-1][3]
            scheme_id = versions[-1][2]
            shown = [v for v in versions if v[3] == round_id and v[2] == scheme_id]
            if not shown:
                raise WorkspaceError(self._no_project(project_id))
            reconciled = self._reconciled(conn, (round_id, scheme_id), settings)
            year = next(r.year for r in self._rounds(conn) if r.id == round_id) or None
        scored_scheme = self.scheme_by_id(scheme_id)
        assessments = {k: a for k, a in self._engine_assessments(reconciled).items() if k[0] == project_id}
        return [
            ScoredVersion(version, submission,
                          score_scheme(scored_scheme, [submission], assessments, None, year)[0])
            for version, submission, _sid, _rid in shown
        ]

    def _versions(
        self, conn, project_id: str, scheme: str | None, scheme_version: str | None
    ) -> list[tuple[SubmissionVersion, Submission, int, int]]:
        """(version, stored submission, scheme id, round id) of every version of a project,
        oldest first by scheme, round and version."""
        project_id = normalise_text(project_id)
        order = {r.id: n for n, r in enumerate(self._rounds(conn))}
        rows = conn.execute(
            "SELECT s.id, s.scheme_id, s.version, s.name, s.source, f.sha256, s.imported_at, "
            "s.imported_by, s.round_id, r.label FROM submissions s JOIN files f ON f.id = s.file_id "
            "JOIN rounds r ON r.id = s.round_id WHERE s.project_id = ?",
            (project_id,),
        ).fetchall()
        matching = sorted(
            (r for r in rows if self._scheme_matches(r[1], scheme, scheme_version)),
            key=lambda r: (r[1], order[r[8]], r[2]),
        )
        if not matching:
            raise WorkspaceError(self._not_in_scheme(project_id, scheme, scheme_version, rows) if rows
                                 else self._no_project(project_id))
        rows = matching
        versions, previous = [], {}
        for sid, scheme_id, version, name, source, sha, at, by, round_id, label in rows:
            current = self._load_one(conn, sid)
            before = previous.get((scheme_id, round_id))  # versions differ within a round
            s = self.scheme_by_id(scheme_id)
            changes = tuple(diff_submissions(before, current, s)) if before else ()
            previous[(scheme_id, round_id)] = current
            stored = SubmissionVersion(s.name, s.version, project_id, version, name, source, sha, at, by,
                                       changes, label)
            versions.append((stored, current, scheme_id, round_id))
        return versions

    def _scheme_matches(self, scheme_id: int, name: str | None, version: str | None) -> bool:
        scheme = self.scheme_by_id(scheme_id)
        if name and not schemes_named(name, [scheme]):
            return False
        return not version or version == scheme.version

    def _not_in_scheme(self, project_id: str, scheme: str | None, version: str | None, rows) -> Said:
        """The project is here, but not in the scheme (version) asked for: name the ones it is in."""
        held = dict.fromkeys(f"{s.name} {s.version}" for s in (self.scheme_by_id(r[1]) for r in rows))
        asked = " ".join(x for x in (scheme, version) if x)
        return said("ws_project_not_in_scheme", project=project_id, asked=asked, schemes="; ".join(held))

    def _no_project(self, project_id: str) -> Said:
        known = [
            r[0]
            for r in self._connection().execute(
                "SELECT DISTINCT project_id FROM projects ORDER BY project_id LIMIT 8"
            )
        ]
        held = f"{', '.join(known)}{', …' if len(known) == 8 else ''}"
        listing = said("ws_projects_held", projects=held) if known else said("ws_empty")
        return said("ws_no_project", project=project_id, name=self.path.name, listing=listing)

    # ----------------------------------------------------------------- inspectors' work

    def criterion_target(
        self, conn, project_id: str, code: str, scheme: str | None, scheme_version: str | None,
        round: str | Round | None = None,
    ) -> tuple[int, Scheme, str, int, Round]:
        """(scheme id, scheme, criterion code, latest version, round) for an inspector's entry:
        in the round named, else in the latest round the project was submitted in."""
        project_id = normalise_text(project_id)
        rounds = self._rounds(conn)
        wanted = self._chosen_round(conn, round) if round else None
        rows = conn.execute(
            "SELECT p.scheme_id, s.version, p.round_id FROM projects p JOIN submissions s "
            "ON s.id = p.latest_submission_id WHERE p.project_id = ? ORDER BY p.scheme_id",
            (project_id,),
        ).fetchall()
        rows = [r for r in rows if self._scheme_matches(r[0], scheme, scheme_version)]
        if not rows:
            raise WorkspaceError(self._no_project(project_id))
        position = {r.id: n for n, r in enumerate(rounds)}
        if wanted is not None:
            rows = [r for r in rows if r[2] == wanted.id]
            if not rows:
                raise WorkspaceError(said("ws_not_in_round", project=project_id, round=wanted.label))
        else:
            last = max(position[r[2]] for r in rows)
            rows = [r for r in rows if position[r[2]] == last]
        if len(rows) > 1:
            names = "; ".join(scheme_label(self.scheme_by_id(r[0])) for r in rows)
            raise WorkspaceError(said("ws_several_schemes", project=project_id, names=names))
        scheme_id, version, round_id = rows[0]
        found = self.scheme_by_id(scheme_id)
        return scheme_id, found, _criterion_code(found, code), version, rounds[position[round_id]]

    @guarded
    def assess(
        self,
        project_id: str,
        code: str,
        fraction: float,
        *,
        inspector: str,
        reason: str,
        scheme: str | None = None,
        scheme_version: str | None = None,
        round: str | Round | None = None,
    ) -> AssessmentRecord:
        """Record an inspector's score of a manual criterion, or an override of any criterion.

        The fraction replaces the computed one (status ``override``) until withdrawn. The same
        inspector scoring the same criterion again supersedes their earlier score; other
        inspectors' scores are kept beside it and reconciled (median or mean, unless a
        supervisor recorded a consensus: :mod:`scoring.core.reconcile`).

        Parameters
        ----------
        project_id, code : str
        fraction : float
            From 0 to 1.
        inspector, reason : str
            Both required and non-empty.
        scheme, scheme_version : str, optional
            Needed only when the project is in several schemes.
        round : str or Round, optional
            The assessment round; by default the latest the project was submitted in.

        Raises
        ------
        WorkspaceError
            Unknown project or criterion, empty inspector or reason, fraction outside [0, 1].
        """
        inspector = required_text(inspector, said("ws_inspector_name"))
        reason = required_text(reason, said("ws_a_reason"))
        fraction = checked_fraction(fraction)
        with self._write() as conn:
            scheme_id, found, code, version, chosen = self.criterion_target(
                conn, project_id, code, scheme, scheme_version, round
            )
            project_id = normalise_text(project_id)
            kind = "manual" if found.criterion(code).type == "manual" else "override"
            at = wsfile.now()
            new_id = conn.execute(
                "INSERT INTO assessments (uid, round_id, scheme_id, project_id, code, kind, fraction, "
                "inspector, "
                "reason, created_at, submission_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (wsfile.uid(), chosen.id, scheme_id, project_id, code, kind, fraction, inspector, reason, at,
                 version),
            ).lastrowid
            conn.execute(
                "UPDATE assessments SET superseded_by = ? WHERE round_id = ? AND scheme_id = ? AND "
                "project_id = ? "
                "AND code = ? AND inspector = ? AND id <> ? AND superseded_by IS NULL "
                "AND withdrawn_at IS NULL",
                (new_id, chosen.id, scheme_id, project_id, code, inspector, new_id),
            )
            what = "manual score" if kind == "manual" else "override"
            self._audit(
                conn,
                "manual_score" if kind == "manual" else "override",
                f"{what} of {code} for {project_id}: {fraction:g} by {inspector} — {reason}",
                scheme=scheme_label(found),
                project_id=project_id,
                code=code,
                actor=inspector,
                at=at,
                detail={
                    "fraction": fraction,
                    "reason": reason,
                    "round": chosen.label,
                    "submission_version": version,
                    "assessment": new_id,
                },
            )
            return self._assessment(conn, new_id)

    @guarded
    def withdraw(
        self,
        project_id: str,
        code: str,
        *,
        inspector: str,
        reason: str,
        author: str | None = None,
        scheme: str | None = None,
        scheme_version: str | None = None,
        round: str | Round | None = None,
    ) -> AssessmentRecord:
        """Withdraw an active manual score or override (the record stays, marked withdrawn).

        Parameters
        ----------
        inspector : str
            Who withdraws it (recorded).
        author : str, optional
            Whose score to withdraw; by default the inspector's own.

        Raises
        ------
        WorkspaceError
            When there is no such active score (the message lists whose there are).
        """
        inspector = required_text(inspector, said("ws_inspector_name"))
        reason = required_text(reason, said("ws_a_reason"))
        author = (author or inspector).strip()
        with self._write() as conn:
            scheme_id, found, code, _, chosen = self.criterion_target(
                conn, project_id, code, scheme, scheme_version, round
            )
            project_id = normalise_text(project_id)
            active = conn.execute(
                "SELECT id, inspector, fraction FROM assessments WHERE round_id = ? AND scheme_id = ? "
                "AND project_id = ? AND code = ? AND superseded_by IS NULL AND withdrawn_at IS NULL ORDER "
                "BY id",
                (chosen.id, scheme_id, project_id, code),
            ).fetchall()
            mine = [row for row in active if row[1] == author]
            if not mine:
                raise WorkspaceError(_nothing_to_withdraw(project_id, code, author, active))
            conn.execute(
                "UPDATE assessments SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_reason = ? "
                "WHERE id = ?",
                (wsfile.now(), inspector, reason, mine[-1][0]),
            )
            self._audit(
                conn,
                "withdrawal",
                f"{author}'s score {mine[-1][2]:g} of {code} for {project_id} withdrawn "
                f"by {inspector} — {reason}",
                scheme=scheme_label(found),
                project_id=project_id,
                code=code,
                actor=inspector,
                detail={"assessment": mine[-1][0], "author": author, "reason": reason,
                        "fraction": mine[-1][2]},
            )
            return self._assessment(conn, mine[-1][0])

    def _assessment(self, conn, assessment_id: int) -> AssessmentRecord:
        row = conn.execute(
            f"SELECT {_ASSESSMENT_COLUMNS} FROM assessments WHERE id = ?", (assessment_id,)
        ).fetchone()
        return self._assessment_from_row(row)

    def _assessment_from_row(self, row) -> AssessmentRecord:
        scheme = self.scheme_by_id(row[2])
        return AssessmentRecord(
            row[0], row[1], scheme.name, scheme.version, *row[3:11], row[11] is not None, *row[12:]
        )

    @guarded
    def assessments(
        self,
        project_id: str | None = None,
        *,
        include_inactive: bool = False,
        round: str | Round | None = None,
    ) -> list[AssessmentRecord]:
        """Inspectors' scores, oldest first (only active ones unless ``include_inactive``), of
        every round unless one is named."""
        active = None if include_inactive else "superseded_by IS NULL AND withdrawn_at IS NULL"
        with self._read() as conn:
            only = self.round_condition(conn, round)
            condition = " AND ".join(c for c in (active, only) if c) or None
            select = f"SELECT {_ASSESSMENT_COLUMNS} FROM assessments"
            query, params = filtered_query(select, project_id, condition)
            return [self._assessment_from_row(r) for r in conn.execute(query, params)]

    def round_condition(self, conn, round: str | Round | None) -> str | None:
        """An SQL condition keeping one round's rows (None: every round)."""
        if not round:
            return None
        chosen = self._chosen_round(conn, round)
        return f"round_id = {int(chosen.id)}" if chosen is not None else "0"

    @guarded
    def add_note(
        self,
        project_id: str,
        code: str,
        text: str,
        *,
        inspector: str,
        scheme: str | None = None,
        scheme_version: str | None = None,
        round: str | Round | None = None,
    ) -> EvidenceNote:
        """Record an inspector's note about a criterion's evidence (notes are never edited)."""
        inspector = required_text(inspector, said("ws_inspector_name"))
        text = required_text(text, said("ws_the_note"))
        with self._write() as conn:
            scheme_id, found, code, _, chosen = self.criterion_target(
                conn, project_id, code, scheme, scheme_version, round
            )
            project_id = normalise_text(project_id)
            at = wsfile.now()
            note_id = conn.execute(
                "INSERT INTO notes (uid, round_id, scheme_id, project_id, code, text, inspector, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (wsfile.uid(), chosen.id, scheme_id, project_id, code, text, inspector, at),
            ).lastrowid
            self._audit(
                conn,
                "evidence_note",
                f"note on {code} for {project_id} by {inspector}: {text}",
                scheme=scheme_label(found),
                project_id=project_id,
                code=code,
                actor=inspector,
                at=at,
                detail={"note": note_id, "text": text},
            )
            return EvidenceNote(note_id, found.name, found.version, project_id, code, text, inspector, at)

    @guarded
    def notes(self, project_id: str | None = None, *, round: str | Round | None = None) -> list[EvidenceNote]:
        """Evidence notes, oldest first, optionally of one project and of one round."""
        with self._read() as conn:
            query, params = filtered_query(
                "SELECT id, scheme_id, project_id, code, text, inspector, created_at FROM notes", project_id,
                self.round_condition(conn, round),
            )
            rows = conn.execute(query, params).fetchall()
            return [
                EvidenceNote(r[0], *self.scheme_key(r[1]), *r[2:]) for r in rows
            ]

    def _engine_assessments(self, reconciled: dict) -> dict[tuple[str, str], Assessment]:
        """What the engine uses per (project_id, code): the reconciled fraction of each."""
        chosen = {}
        for (pid, code), rec in reconciled.items():
            assessment = to_assessment(pid, code, rec)
            if assessment is not None:
                chosen[(pid, code)] = assessment
        return chosen

    # ----------------------------------------------------------------- results and the log

    @guarded
    def score(self, *, record: bool = False, round: str | Round | None = None,
              progress: Callable[[int, int, str], object] | None = None) -> AssessmentRun:
        """Score the latest submission of every project of a round with the active inspectors'
        scores of that round.

        Results are computed afresh from the stored inputs every time (never stored). Where
        several inspectors scored a criterion, the engine gets the reconciled fraction
        (consensus, else median or mean) and every indicator carries its ``reconciliation``.

        Parameters
        ----------
        record : bool
            Add a ``rescore`` entry to the audit log (when results are handed out, e.g. the
            CLI writing its outputs); ignored when read-only.
        round : str or Round, optional
            The assessment round (label, or year); by default the latest. The run's ``round``
            and ``round_year`` name it (empty in a workspace without submissions).
        progress : callable, optional
            ``progress(done, total, scheme name)`` before each scheme is scored.
        """
        settings = self.reconcile_settings()
        # the collector paused: parsing and the engine make an object per project × criterion
        with paused_gc():
            with self._read() as conn:
                chosen = self._chosen_round(conn, round)
                schemes = [(sid, self.scheme_by_id(sid)) for sid in self._scheme_ids()]
                inputs = []
                for sid, scheme in schemes if chosen is not None else ():
                    key = (chosen.id, sid)
                    latest = self._latest_submissions(conn, key)
                    parsed = self._parsed_cells(key, latest)
                    reconciled = self._reconciled(conn, key, settings)
                    inputs.append((scheme, list(latest.values()), parsed, reconciled))
            run = AssessmentRun(schemes=[scheme for _, scheme in schemes], rejected=self.rejections())
            if chosen is not None:
                run.round, run.round_year = chosen.label, chosen.year
            for done, (scheme, submissions, parsed, reconciled) in enumerate(inputs):
                if progress is not None:
                    progress(done, len(inputs), scheme.name)
                # the round's year for every submission: pro-rated targets use it
                year = chosen.year or None
                chosen_scores = self._engine_assessments(reconciled)
                results = score_scheme(scheme, submissions, chosen_scores, parsed, year)
                attach(results, reconciled)
                run.projects.extend(results)
        if record and not self.read_only:
            overrides = sum(1 for p in run.projects for i in p.indicators.values() if i.status == "override")
            with self._write() as conn:
                self._audit(
                    conn,
                    "rescore",
                    f"{len(run.projects)} projects scored in {len(run.schemes)} schemes"
                    + (f", round {run.round}" if run.round else ""),
                    detail={"projects": len(run.projects), "overrides": overrides, "round": run.round},
                )
        return run

    @guarded
    def audit_entries(self, project_id: str | None = None) -> list[AuditEntry]:
        """The audit log, oldest first (optionally only one project's entries)."""
        columns = "id, at, actor, action, scheme, project_id, code, summary, detail, origin"
        query, params = filtered_query(f"SELECT {columns} FROM audit", project_id)
        with self._read() as conn:
            rows = conn.execute(query, params).fetchall()
        return [AuditEntry(*row[:8], detail=_audit_detail(row), origin=row[9]) for row in rows]

    @guarded
    def check_stored(self) -> None:
        """Decode every stored row SQLite cannot check (scoring/workspace/check.py).

        The command line runs it after opening, so that every command reports a damaged row
        the same way, whether or not it would read that row itself.

        Raises
        ------
        WorkspaceCorrupt
            Naming the table, the project and what cannot be read.
        """
        with self._read() as conn:
            check_rows(conn, conn.execute("PRAGMA user_version").fetchone()[0])

    @guarded
    def backup(self, dest: str | Path) -> Path:
        """Copy the whole workspace, consistent, to ``dest`` (a "Save As" for the GUI).

        The copy gets a workspace_id of its own (``copied_from`` keeps this one's): copies
        handed to inspectors are worked on apart, and a merge tells them apart by it.
        """
        dest = Path(dest)
        if dest.resolve() == self.path.resolve():
            raise WorkspaceError(said("ws_copy_itself"))
        if dest.exists():
            raise WorkspaceError(said("ws_copy_exists", path=dest))
        temp = dest.with_name(f".{dest.name}.{wsfile.uid()}.tmp")
        try:
            with self._mutex:
                target = sqlite3.connect(temp)
                try:
                    self._connection().backup(target)
                    with target:
                        target.execute(
                            "UPDATE meta SET value = ? WHERE key = 'workspace_id'", (wsfile.uid(),)
                        )
                        target.execute(
                            "INSERT OR REPLACE INTO meta (key, value) VALUES ('copied_from', ?)",
                            (self.workspace_id,),
                        )
                    target.execute("PRAGMA journal_mode=WAL")
                finally:
                    target.close()
            os.replace(temp, dest)
        except sqlite3.Error as exc:  # the copy's disk, not this workspace's: name the copy
            raise database_error(dest, exc) from exc
        finally:
            temp.unlink(missing_ok=True)
        return dest

    @guarded
    def integrity_check(self) -> str:
        """SQLite's full integrity check: ``ok`` or the problems found."""
        with self._mutex:
            rows = self._connection().execute("PRAGMA integrity_check").fetchall()
        return "\n".join(r[0] for r in rows)


def _round_order(alias: str) -> str:
    """SQL ordering of rounds: by year (those without one first), then as created."""
    return f"CAST(NULLIF({alias}.year, '') AS INTEGER), {alias}.id"


_ASSESSMENT_COLUMNS = (
    "id, uid, scheme_id, project_id, code, kind, fraction, inspector, reason, created_at, "
    "submission_version, superseded_by, withdrawn_at, withdrawn_by, withdrawn_reason"
)
# AssessmentRecord after (id, uid, scheme, scheme_version): project_id … submission_version are
# columns 3..10, ``superseded`` is derived from column 11, withdrawn_* are columns 12..14.


def _criterion_code(scheme: Scheme, code: str) -> str:
    """The scheme's spelling of a criterion code (matched case-insensitively)."""
    wanted = normalise_text(code)
    if scheme.criterion(wanted) is not None:
        return wanted
    matches = [c.code for c in scheme.criteria if c.code.casefold() == wanted.casefold()]
    if len(matches) == 1:
        return matches[0]
    codes = ", ".join(scheme.codes)
    raise WorkspaceError(said("ws_no_criterion", scheme=scheme_label(scheme), code=code, codes=codes))


def _nothing_to_withdraw(project_id: str, code: str, author: str, active: list) -> Said:
    if not active:
        return said("ws_nothing_to_withdraw", code=code, project=project_id)
    others = ", ".join(sorted({row[1] for row in active}))
    return said("ws_not_their_score", author=author, code=code, project=project_id, others=others)


def _unopenable(path: Path, why: str) -> Rejection:
    return Rejection(str(path), "unreadable", f"{path.name}: cannot be opened ({why})",
                     f"{path.name}：无法打开（{why}）")


def _try_hash(path: Path) -> tuple[str, int] | str:
    """(sha256, size) of a file, or why it cannot be read."""
    try:
        return _hash_file(path)
    except OSError as exc:
        return exc.strerror or str(exc)


def _assign(items, matcher, seen: dict, round: str | None) -> tuple[list, list[Rejection]]:
    """Match a file's submissions to schemes; refuse a project already submitted in this run
    for the same round (the chosen one, or its year's).

    The same rule as the CLI without a workspace (first by input order wins), so a fresh
    workspace scores exactly what ``score`` without one would.
    """
    accepted, rejected = [], []
    for item in items:
        if isinstance(item, Rejection):
            rejected.append(item)
            continue
        found = matcher(item)
        if isinstance(found, Rejection):
            rejected.append(found)
            continue
        scheme_id, scheme = found
        key = (round or assessment_year(item.year), scheme_id, item.project_id)
        if key in seen:
            rejected.append(duplicate_refusal(item, seen[key], this_import=True))
            continue
        seen[key] = item.source
        note_unknown_codes(item, scheme)
        accepted.append((scheme_id, scheme, item))
    return accepted, rejected


def _load_template(path: Path) -> tuple[bytes, Path, Scheme]:
    from scoring.io.template import TemplateProblem

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateError(str(path), [TemplateProblem(path.name, "", f"cannot be opened ({exc.strerror})")])
    return data, path, load_template_bytes(data, path)


def _check_same_content(scheme: Scheme, path: Path, stored: tuple[int, str, str]) -> None:
    _, content_hash, added = stored
    if content_hash != scheme.content_hash:
        raise SchemeConflict(said("ws_scheme_changed", file=path.name, scheme=scheme.name,
                                  version=scheme.version, added=format_time(added)))

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

This module is the facade: opening and closing, scoring, the audit log and copies. Each concern
is a mixin of its own module, and every statement is in the store (store.py, store_*.py):

- :mod:`~scoring.workspace.catalog`: schemes (templates) and assessment rounds;
- :mod:`~scoring.workspace.imports`: importing files, and the refusals kept;
- :mod:`~scoring.workspace.history`: the latest submissions, projects and versions;
- :mod:`~scoring.workspace.assessments`: inspectors' scores, overrides and notes;
- :mod:`~scoring.workspace.consensus`: supervisors' consensus and the median/mean setting;
- :mod:`~scoring.workspace.report_settings`: who signs the reports.

The mixins build on each other as their concerns do (catalog ← history ← imports and
assessments ← consensus), use only public names, and share the facade's ``store`` (the open
:class:`~scoring.workspace.store.Store`), ``schemes_by_id`` and ``latest`` (caches); mypy
checks every one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scoring.core.engine import score_scheme
from scoring.core.memory import paused_gc
from scoring.core.model import Assessment, Scheme
from scoring.core.presentation import Said, reconciliation_text, said
from scoring.core.reconcile import attach, to_assessment
from scoring.core.values import normalise_text
from scoring.io.pipeline import AssessmentRun
from scoring.workspace import file as wsfile
from scoring.workspace import store
from scoring.workspace.audit import AuditEntry
from scoring.workspace.consensus import ReconcileMixin, reconciled
from scoring.workspace.file import lock_path
from scoring.workspace.history import LatestCache
from scoring.workspace.imports import ImportsMixin
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
    format_time,
    guarded,
    shown,
)
from scoring.workspace.report_settings import ReportSettingsMixin
from scoring.workspace.store import Store

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


class Workspace(ImportsMixin, ReconcileMixin, ReportSettingsMixin):
    """An open workspace file. Use :meth:`open` or :meth:`create`, and :meth:`close` (or ``with``).

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
    store : Store
        The open file, for the workspace's own modules (:mod:`scoring.workspace.merge`).
    """

    def __init__(self, opened: Store):
        self.store = opened
        self.path = opened.path
        self.schemes_by_id: dict[int, Scheme] = {}
        self.latest = LatestCache()

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
            store.build_new_file(path, actor)
            return cls(store.open_locked(path, lock, actor))
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
            return cls(store.open_shared(path, actor, unwritable or said("ws_asked_read_only")))
        # the real file's lock, so that a link or another spelling of the path is one workspace
        lock = FileLock(lock_path(path.resolve()))
        try:
            got = lock.acquire()
        except LockUnavailable as exc:
            reason = said("ws_lock_unwritable", lock=lock.path.name, detail=exc)
            return cls(store.open_shared(path, actor, reason))
        if not got:
            owner = lock.owner()
            if read_only is False:
                raise WorkspaceLocked(said("ws_open_elsewhere", name=path.name, owner=owner.describe()),
                                      owner)
            return cls(store.open_shared(path, actor, said("ws_held_by", owner=owner.describe())))
        try:
            return cls(store.open_locked(path, lock, actor, header))
        except BaseException:
            lock.release()
            raise

    @property
    def actor(self) -> str:
        return self.store.actor

    @actor.setter
    def actor(self, name: str) -> None:
        self.store.actor = name

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def read_only_said(self) -> Said:
        """Why the workspace is read-only, in both languages (empty when it is not)."""
        return self.store.read_only_said

    @property
    def read_only_reason(self) -> str:
        """Why the workspace is read-only, in English (empty when it is not)."""
        return self.store.read_only_said.en

    @property
    def closed(self) -> bool:
        return self.store.closed

    def close(self) -> None:
        """Close the file and release the lock; the WAL is folded back, leaving one file."""
        self.store.close()

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
        return self.store.schema_version()

    @guarded
    def meta(self) -> dict[str, str]:
        """The workspace's own key/value facts (workspace_id, copied_from, settings, …)."""
        return self.store.meta()

    def check_writable(self, what: Said) -> None:
        """Refuse (WorkspaceReadOnly) when the workspace is read-only; ``what`` says what cannot be done."""
        self.store.check_writable(what)

    # ----------------------------------------------------------------- results

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
            with self.store.reading() as conn:
                chosen = self.chosen_round(conn, round)
                schemes = [(sid, self.scheme_by_id(sid)) for sid in self.scheme_ids()]
                inputs = []
                for sid, scheme in schemes:
                    if chosen is None:  # no round yet: nothing to score
                        break
                    key = (chosen.id, sid)
                    latest = self.latest_submissions(conn, key)
                    parsed = self.parsed_cells(key, latest)
                    inputs.append((scheme, list(latest.values()), parsed, reconciled(conn, key, settings)))
            run = AssessmentRun(schemes=[scheme for _, scheme in schemes], rejected=self.rejections())
            year = None
            if chosen is not None:
                run.round, run.round_year = chosen.label, chosen.year
                year = chosen.year or None
            for done, (scheme, submissions, parsed, agreed) in enumerate(inputs):
                if progress is not None:
                    progress(done, len(inputs), scheme.name)
                # the round's year for every submission: pro-rated targets use it
                results = score_scheme(scheme, submissions, _engine_assessments(agreed), parsed, year)
                attach(results, agreed)
                run.projects.extend(results)
        if record and not self.read_only:
            overrides = sum(1 for p in run.projects for i in p.indicators.values() if i.status == "override")
            with self.store.writing() as conn:
                self.store.audit(
                    conn,
                    "rescore",
                    f"{len(run.projects)} projects scored in {len(run.schemes)} schemes"
                    + (f", round {run.round}" if run.round else ""),
                    detail={"projects": len(run.projects), "overrides": overrides, "round": run.round},
                )
        return run

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
        with self.store.reading() as conn:
            versions = self.versions(conn, project_id, scheme, scheme_version)
            wanted = self.chosen_round(conn, round) if round else None
            round_id = wanted.id if wanted is not None else versions[-1][3]
            scheme_id = versions[-1][2]
            shown = [v for v in versions if v[3] == round_id and v[2] == scheme_id]
            if not shown:
                raise WorkspaceError(self.no_project(conn, project_id))
            agreed = reconciled(conn, (round_id, scheme_id), settings)
            year = next(r.year for r in self.rounds_in(conn) if r.id == round_id) or None
        scored_scheme = self.scheme_by_id(scheme_id)
        assessments = {k: a for k, a in _engine_assessments(agreed).items() if k[0] == project_id}
        return [
            ScoredVersion(version, submission,
                          score_scheme(scored_scheme, [submission], assessments, None, year)[0])
            for version, submission, _sid, _rid in shown
        ]

    # ----------------------------------------------------------------- the log and the file

    @guarded
    def audit_entries(self, project_id: str | None = None) -> list[AuditEntry]:
        """The audit log, oldest first (optionally only one project's entries)."""
        rows = self.store.audit_rows(project_id)
        return [AuditEntry(*row) for row in rows]

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
        self.store.check_stored()

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
        self.store.backup(dest, self.workspace_id)
        return dest

    @guarded
    def integrity_check(self) -> str:
        """SQLite's full integrity check: ``ok`` or the problems found."""
        return self.store.integrity_check()


def _engine_assessments(agreed: dict) -> dict[tuple[str, str], Assessment]:
    """What the engine uses per (project_id, code): the reconciled fraction of each."""
    chosen = {}
    for (pid, code), rec in agreed.items():
        assessment = to_assessment(pid, code, rec, reconciliation_text)
        if assessment is not None:
            chosen[(pid, code)] = assessment
    return chosen

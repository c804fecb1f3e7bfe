"""Importing submission files into a workspace: each file read once, stored in one transaction.

:class:`ImportsMixin` gives :class:`~scoring.workspace.facade.Workspace` :meth:`~ImportsMixin.import_files`
and :meth:`~ImportsMixin.rejections`. Files are read by :mod:`scoring.io.importer` and matched to
the stored schemes as the CLI matches them without a workspace, so a fresh workspace scores
exactly what ``score`` without one would. A submission saying nothing new makes no version; a
new one is stored with its differences from the project's previous version. It builds on
:class:`~scoring.workspace.history.HistoryMixin` (schemes, rounds and the latest submissions).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from scoring.core.inputs import parse_submission
from scoring.core.memory import paused_gc
from scoring.core.model import CellValue, Rejection, Scheme, Submission
from scoring.core.presentation import said
from scoring.core.targets import assessment_year
from scoring.io import importer
from scoring.io.importer import FileReader, ImportOptions
from scoring.io.pipeline import duplicate_refusal, match_scheme, note_unknown_codes, scan_inputs
from scoring.workspace import encoding
from scoring.workspace import file as wsfile
from scoring.workspace import store_inputs as sql
from scoring.workspace.cells import PROJECT_FIELDS, stored_cells
from scoring.workspace.history import HistoryMixin, Key
from scoring.workspace.records import (
    Change,
    ImportReport,
    ImportStopped,
    StoredSubmission,
    Unchanged,
    WorkspaceError,
    database_error,
    diff_submissions,
    format_time,
    guarded,
    plural,
    retyped_cells,
    scheme_label,
)

Progress = Callable[[int, int, Path], bool]
_HASH_CHUNK = 1 << 20
#: A re-saved form typed differently names up to this many of its cells.
_MAX_RETYPED_SHOWN = 3


class ImportsMixin(HistoryMixin):
    """Importing files and the refusals it leaves."""

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
            files (``rejected``, with the reasons of the foundation issue, sheet and cell); files
            of the folders that were not read (``skipped``: lock files, other kinds), with why.

        Raises
        ------
        WorkspaceError
            When the workspace holds no scheme yet, or is read-only.
        ImportStopped
            When writing fails part-way (e.g. disk full); its report lists what was committed.
        """
        self.store.check_writable(said("ws_nothing_imported"))
        matcher = self._matcher()
        files, skipped = scan_inputs(paths)
        report = ImportReport(files=len(files), skipped=skipped)
        hashes = [_try_hash(path) for path in files]
        with self.store.mutex:
            complete = sql.complete_hashes(self.store.connection())
        to_read = [i for i, h in enumerate(hashes) if isinstance(h, tuple) and h[0] not in complete]
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
                    error = database_error(self.store.path, exc).said
                    raise ImportStopped(said("ws_import_stopped", file=path.name, error=error, count=index),
                                        report)
        return report

    @guarded
    def rejections(self) -> list[Rejection]:
        """The refusals still standing, oldest first: the latest refusal of each source (a file,
        or a batch row) unless a later import took a file from the same path; each with the
        sheet and cell it is about (empty for the whole file, and for refusals stored before
        format 6)."""
        with self.store.reading() as conn:
            return sql.standing_rejections(conn)

    def _matcher(self) -> Callable[[Submission], tuple[int, Scheme] | Rejection]:
        """Match a submission to a stored scheme, like the CLI does with loaded templates.

        A submission naming a template and version may match any stored version; otherwise
        only the newest version of each scheme takes part, so adding a new version does not
        make every level-matched submission ambiguous.
        """
        with self.store.mutex:
            every = [(sid, self.scheme_by_id(sid)) for sid in self.scheme_ids()]
            newest = set(self.current_scheme_ids().values())
        if not every:
            raise WorkspaceError(said("ws_no_scheme_yet", name=self.store.path.name))
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
            with self.store.writing() as conn:
                self._store_rejections(conn, path, "", [refused], wsfile.now())
            report.rejected.append(refused)
            return
        sha, size = hashed
        with self.store.mutex:
            known = sql.file_by_hash(self.store.connection(), sha)
        if known is not None and known[3]:
            same = said("ws_identical_file", file=path.name, known=known[1], at=format_time(known[2]))
            report.unchanged.append(Unchanged(str(path), same.en, message_zh=same.zh))
            return
        accepted, rejected = _assign(read(), matcher, seen, round)
        if accepted:
            self._commit_file(path, sha, size, known, accepted, rejected, report, round)
        elif rejected:
            with self.store.writing() as conn:
                self._store_rejections(conn, path, sha, rejected, wsfile.now())
        report.rejected.extend(rejected)

    def _store_rejections(self, conn, path: Path, sha: str, rejected: list[Rejection], at: str) -> None:
        sql.insert_rejections(conn, [(r.source, str(path), sha, r.reason, r.message, r.message_zh, at,
                                      self.store.actor, r.sheet, r.cell) for r in rejected])

    def _commit_file(self, path, sha, size, known, accepted, rejected, report, round: str | None) -> None:
        outcomes = []
        complete = not rejected
        at = wsfile.now()  # one moment for the file, its submissions and their audit entries
        with self.store.writing() as conn:
            if known is None:
                file_id = sql.insert_file(conn, (sha, path.name, str(path), size, at, self.store.actor,
                                                 int(complete)))
            else:
                file_id = known[0]
                if complete:
                    sql.mark_complete(conn, file_id)
            for scheme_id, scheme, submission in accepted:
                placed = self.round_for(conn, submission, round)
                outcomes.append(self._store(conn, file_id, sha, placed, scheme_id, scheme, submission, at))
            self._store_rejections(conn, path, sha, rejected, at)
        lists = {
            "imported": report.imported,
            "resubmitted": report.resubmitted,
            "unchanged": report.unchanged,
        }
        with self.store.mutex:
            for kind, item, stored in outcomes:  # reported and cached only once committed
                lists[kind].append(item)
                if stored is not None:
                    key, submission_id, submission = stored
                    parsed = parse_submission(self.scheme_by_id(key[1]), submission)
                    self.latest.add(key, submission_id, submission, parsed)

    def _store(
        self, conn, file_id: int, sha: str, placed: tuple[int, str], scheme_id: int, scheme: Scheme,
        submission: Submission, at: str,
    ):
        """Store one submission as the project's next version in its round (``placed``: id and
        label) unless it says nothing new."""
        round_id, round_label = placed
        key = (round_id, scheme_id)
        cells, content = submission.prepared or stored_cells(submission)
        latest = sql.latest_version(conn, key, submission.project_id)
        changes: tuple[Change, ...] = ()
        if latest is not None:
            changes, unchanged = self._compared(conn, key, file_id, scheme, submission, latest, content)
            if unchanged is not None:
                return "unchanged", unchanged, None
        version = latest[2] + 1 if latest else 1
        fields = (wsfile.uid(), submission.project_id, submission.source, content, at, self.store.actor,
                  *(getattr(submission, f) for f in PROJECT_FIELDS),
                  encoding.issues_to_json(submission.issues),
                  json.dumps(submission.unmatched_codes, ensure_ascii=False))
        submission_id = sql.insert_submission(conn, key, version, file_id, fields, cells)
        if latest is None:
            sql.insert_project(conn, key, submission.project_id, submission_id)
        else:
            sql.set_latest(conn, latest[0], submission_id)
        stored = StoredSubmission(scheme.name, scheme.version, submission.project_id, submission.name,
                                  version, submission.source, changes, round_label)
        self._audit_import(conn, stored, sha, scheme, at)
        kind = "resubmitted" if latest else "imported"
        return kind, stored, (key, submission_id, submission)

    def _compared(
        self, conn, key: Key, file_id: int, scheme: Scheme, submission: Submission, latest: tuple,
        content: str,
    ) -> tuple[tuple[Change, ...], Unchanged | None]:
        """A project's submission against its latest version: the changes, or why it is no new
        version (the same fingerprint, the same file imported again, or values only typed
        differently: a re-saved form saying "yes" for "是" or "50.0" for 50 tells the scores
        nothing new, and a version with no change would only puzzle whoever reads the history)."""
        name = os.path.basename(submission.source)  # per submission: no Path object
        if latest[3] == content:
            return (), _unchanged(name, submission, latest[2], None, None)
        same_file = sql.version_from_file(conn, key, submission.project_id, file_id)
        if same_file:
            return (), _unchanged(name, submission, latest[2], same_file, None)
        previous = sql.load_submission(conn, latest[1])
        changes = tuple(diff_submissions(previous, submission, scheme))
        if changes:
            return changes, None
        return (), _unchanged(name, submission, latest[2], None, retyped_cells(previous, submission, scheme))

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
        self.store.audit(
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


def _unchanged(
    name: str, submission: Submission, latest: int, same_file: int | None, retyped: list[CellValue] | None
) -> Unchanged:
    """Why a project's submission makes no new version: this file was imported for it already
    (``same_file``), or its values are the latest's, stored alike or only typed differently
    (``retyped``: the cells typed otherwise, "是" for "yes", "50.0" for 50, spaces around)."""
    if same_file:
        why = said("ws_from_this_file", version=same_file)
    elif retyped:
        shown = _MAX_RETYPED_SHOWN
        cells = ", ".join(_sheet_cell(c) for c in retyped[:shown]) + (", …" if len(retyped) > shown else "")
        why = said("ws_retyped", version=latest, cells=cells)
    else:
        why = said("ws_same_values", version=latest)
    message = said("ws_project_unchanged", file=name, project=submission.project_id, why=why)
    return Unchanged(submission.source, message.en, submission.project_id, message.zh)


def _sheet_cell(cell: CellValue) -> str:
    """``Data!E12`` of a cell at ``city_07.xlsx:Data!E12`` (the file is named already)."""
    return cell.location.rpartition(":")[2]


def _hash_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _try_hash(path: Path) -> tuple[str, int] | str:
    """(sha256, size) of a file, or why it cannot be read."""
    try:
        return _hash_file(path)
    except OSError as exc:
        return exc.strerror or str(exc)


def _unopenable(path: Path, why: str) -> Rejection:
    return Rejection(str(path), "unreadable", f"{path.name}: cannot be opened ({why})",
                     f"{path.name}：无法打开（{why}）")


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

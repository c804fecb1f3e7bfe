"""What the workspace hands out: its errors, import reports, versions and inspectors' records.

Plain data, no database access: the GUI can show these without knowing how the workspace stores
anything. Every error is a :class:`WorkspaceError` whose message says what to do, in English
and Chinese (the words live in scoring/core/presentation.py's catalogue).
"""

from __future__ import annotations

import datetime as _dt
import functools
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scoring.core.model import Assessment, CellValue, Criterion, IndicatorInput, Rejection, Scheme, Submission
from scoring.core.presentation import Said, both, change_text, said
from scoring.core.results import ProjectResult
from scoring.core.values import display_value, parse_for_criterion, parse_number
from scoring.io.pipeline import SkippedFile
from scoring.workspace import encoding
from scoring.workspace.cells import PROJECT_FIELDS
from scoring.workspace.lock import LockOwner


class WorkspaceError(Exception):
    """Anything a user must act on about a workspace; the message says what to do.

    ``str()`` is the English; ``message_zh`` the Chinese, and :meth:`text` the one a person
    reads in their language.
    """

    def __init__(self, message: str | Said, *args: object) -> None:
        self.said = both(message)
        super().__init__(self.said.en, *args)

    @property
    def message(self) -> str:
        return self.said.en

    @property
    def message_zh(self) -> str:
        return self.said.zh

    def text(self, lang: str | None) -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        return self.said.text(lang)


class WorkspaceNotFound(WorkspaceError):
    """No file at the path."""


class NotAWorkspace(WorkspaceError):
    """The file exists but is something else (a spreadsheet, another program's database)."""


class WorkspaceCorrupt(WorkspaceError):
    """The file is a workspace but damaged."""


class WorkspaceTooNew(WorkspaceError):
    """Written by a newer SynergyPilot, with a schema this version does not know."""


class WorkspaceLocked(WorkspaceError):
    """Another instance has the workspace open for writing."""

    def __init__(self, message: str | Said, owner: LockOwner | None = None):
        super().__init__(message)
        self.owner = owner


class WorkspaceReadOnly(WorkspaceError):
    """A change was asked of a workspace opened read-only."""


class SchemeConflict(WorkspaceError):
    """A template with the name and version of a stored scheme but different content."""


class ImportStopped(WorkspaceError):
    """An import stopped part-way (e.g. the disk is full); ``report`` has what was committed."""

    def __init__(self, message: str | Said, report: ImportReport):
        super().__init__(message)
        self.report = report


def scheme_label(scheme: Scheme) -> str:
    """A scheme as named in the audit log: name and version."""
    return f"{scheme.name} {scheme.version}"


def required_text(value: str | None, what: Said) -> str:
    """``value`` trimmed; WorkspaceError naming ``what`` when it is empty (names, reasons)."""
    text = (value or "").strip()
    if not text:
        raise WorkspaceError(said("ws_required", what=what))
    return text


def checked_fraction(fraction: float) -> float:
    """An inspector's fraction as a float in [0, 1]; WorkspaceError otherwise (NaN included)."""
    try:
        value = float(fraction)
    except (TypeError, ValueError):
        raise WorkspaceError(said("ws_fraction_not_number", found=fraction))
    if not 0.0 <= value <= 1.0:  # also refuses NaN
        raise WorkspaceError(said("ws_fraction_range", found=value))
    return value


def guarded(method):
    """Decorate a Workspace method: SQLite's exceptions become WorkspaceError with a sentence a
    user can act on (``self.path`` names the file)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise database_error(self.path, exc)

    return wrapper


#: SQLite's extended codes for a write that the operating system refused.
_WRITE_FAILURES = frozenset({"SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC", "SQLITE_IOERR_TRUNCATE",
                             "SQLITE_IOERR_SHMSIZE"})


def database_error(path: Path, exc: sqlite3.Error) -> WorkspaceError:
    # SQLite's primary result code: SQLITE_BUSY_SNAPSHOT counts as SQLITE_BUSY, and so on
    kind = "_".join((getattr(exc, "sqlite_errorname", "") or "").split("_")[:2])
    # a damaged row says where in both languages (workspace_check.DamagedRow); SQLite's own words
    detail = getattr(exc, "said", None) or str(exc)
    if kind == "SQLITE_FULL":
        return WorkspaceError(said("ws_disk_full", name=path.name))
    if (getattr(exc, "sqlite_errorname", "") or "") in _WRITE_FAILURES:
        # SQLite names only ENOSPC "full"; a file-size limit (EFBIG) or a failing device
        # arrives as an I/O error while writing, and is as harmless to what was committed
        return WorkspaceError(said("ws_write_failed", name=path.name))
    if kind in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return WorkspaceLocked(said("ws_busy", name=path.name))
    if kind == "SQLITE_READONLY":
        return WorkspaceReadOnly(said("ws_read_only", name=path.name))
    # a text that is not UTF-8 (a flipped byte) passes SQLite's check, and fails when read
    unreadable_text = isinstance(exc, sqlite3.OperationalError) and "decode" in str(exc)
    damaged = kind in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or unreadable_text
    if damaged or (isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)):
        return WorkspaceCorrupt(said("ws_damaged", name=path.name, detail=detail))
    return WorkspaceError(said("ws_unusable", name=path.name, detail=detail))


def shown(value: object) -> str:
    """A value as the CLI and reports print it: ``(blank)`` for nothing, 14 rather than 14.0."""
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a submission.

    ``code`` is the criterion (empty for a project field such as ``name``); ``field`` is
    ``current``, ``baseline``, ``evidence`` or the project field's name.
    """

    code: str
    field: str
    old: object
    new: object

    def describe(self) -> str:
        """``C01 current: 12.5 → 14`` (or ``name: Old → New``)."""
        return self.text("en")

    def text(self, lang: str, criterion: Criterion | None = None) -> str:
        """The change as a line in ``lang`` (presentation.change_text): ``C01 现状值：12.5 → 14``."""
        return change_text(self, lang, criterion)

    def as_dict(self) -> dict:
        return {"code": self.code, "field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class StoredSubmission:
    """A submission an import stored as a new version (1 for a new project)."""

    scheme: str
    scheme_version: str
    project_id: str
    name: str
    version: int
    source: str
    changes: tuple[Change, ...] = ()
    round: str = ""  # the label of the assessment round it belongs to

    def as_dict(self) -> dict:
        return {
            "scheme": self.scheme,
            "scheme_version": self.scheme_version,
            "project_id": self.project_id,
            "name": self.name,
            "round": self.round,
            "version": self.version,
            "source": self.source,
            "changes": [c.as_dict() for c in self.changes],
        }


@dataclass(frozen=True)
class Unchanged:
    """A file (or one project of it) that an import left alone, and why."""

    source: str
    message: str
    project_id: str = ""
    message_zh: str = ""

    def as_dict(self) -> dict:
        data = {"source": self.source, "project_id": self.project_id, "message": self.message}
        if self.message_zh:
            data["message_zh"] = self.message_zh
        return data

    def text(self, lang: str) -> str:
        """Why the file was left alone, in Chinese (``zh``) where there is a Chinese sentence."""
        return self.message_zh if lang == "zh" and self.message_zh else self.message


@dataclass
class ImportReport:
    """What :meth:`Workspace.import_files` did, file by file."""

    imported: list[StoredSubmission] = field(default_factory=list)
    resubmitted: list[StoredSubmission] = field(default_factory=list)
    unchanged: list[Unchanged] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    files: int = 0
    cancelled: bool = False
    #: Files of the folders given that were not read (lock files, other kinds), with why.
    skipped: list[SkippedFile] = field(default_factory=list)

    def summary(self) -> str:
        """``3 imported, 1 resubmitted, 2 unchanged, 1 rejected`` (then ``, 2 not read`` when
        a folder held files that were not read, and ``cancelled``)."""
        return self.said_summary().en

    def said_summary(self) -> Said:
        """:meth:`summary` in English and Chinese (``导入 3，重新报送 1，……``)."""
        return said(
            "ws_import_counts",
            imported=len(self.imported),
            resubmitted=len(self.resubmitted),
            unchanged=len(self.unchanged),
            rejected=len(self.rejected),
            not_read=said("ws_import_not_read", n=len(self.skipped)) if self.skipped else "",
            cancelled=said("ws_import_cancelled") if self.cancelled else "",
        )

    def as_dict(self) -> dict:
        return {
            "imported": [s.as_dict() for s in self.imported],
            "resubmitted": [s.as_dict() for s in self.resubmitted],
            "unchanged": [u.as_dict() for u in self.unchanged],
            "rejected": [r.as_dict() for r in self.rejected],
            "skipped": [s.as_dict() for s in self.skipped],
            "files": self.files,
            "cancelled": self.cancelled,
        }


@dataclass(frozen=True)
class SubmissionVersion:
    """One version of a project's submission, with its differences from the previous one."""

    scheme: str
    scheme_version: str
    project_id: str
    version: int
    name: str
    source: str
    file_sha256: str
    imported_at: str
    imported_by: str
    changes: tuple[Change, ...] = ()
    round: str = ""  # the label of the assessment round; versions are numbered within it


@dataclass(frozen=True)
class ScoredVersion:
    """A version of a project's submission with its stored form and its result as scored
    (Workspace.scored_versions)."""

    version: SubmissionVersion
    submission: Submission
    result: ProjectResult

    @property
    def total(self) -> float:
        return self.result.total

    @property
    def grade(self) -> str:
        return self.result.grade


@dataclass(frozen=True)
class VersionDifference:
    """One difference between two versions of a submission, with the criterion's points in
    each (None for what does not score: evidence, the project's fields)."""

    change: Change
    old_points: float | None
    new_points: float | None


def version_differences(scheme: Scheme, older: ScoredVersion,
                        newer: ScoredVersion) -> list[VersionDifference]:
    """What changed from ``older`` to ``newer`` (any two versions, in either order), with the
    points each version's criterion earned as scored."""

    def points(version: ScoredVersion, change: Change) -> float | None:
        if not change.code or change.field not in ("current", "baseline"):
            return None
        result = version.result.indicators.get(change.code)
        return None if result is None else result.points

    return [
        VersionDifference(change, points(older, change), points(newer, change))
        for change in diff_submissions(older.submission, newer.submission, scheme)
    ]


@dataclass(frozen=True)
class Round:
    """An assessment round: the submissions of one assessment (e.g. "2024 中期评估"), with their
    versions and the inspectors' work on them. ``year`` is the assessment year as text ("" when
    the submissions gave none); ``projects`` counts the projects submitted in it."""

    id: int
    uid: str
    label: str
    year: str
    created_at: str
    created_by: str
    projects: int = 0

    def as_dict(self) -> dict:
        return {"round": self.label, "year": self.year, "projects": self.projects}


@dataclass(frozen=True)
class ProjectEntry:
    """A project in the workspace: its scheme, latest version and when that arrived."""

    scheme: str
    scheme_version: str
    project_id: str
    name: str
    versions: int
    latest_imported_at: str
    round: str = ""


@dataclass(frozen=True)
class CriterionEntry:
    """What an inspector's score and a supervisor's consensus share: the criterion, the fraction,
    who gave it, why and when, and whether it still counts (its withdrawal, if any)."""

    id: int
    uid: str
    scheme: str
    scheme_version: str
    project_id: str
    code: str
    fraction: float
    inspector: str
    reason: str
    created_at: str
    superseded: bool = field(default=False, kw_only=True)
    withdrawn_at: str | None = field(default=None, kw_only=True)
    withdrawn_by: str | None = field(default=None, kw_only=True)
    withdrawn_reason: str | None = field(default=None, kw_only=True)

    @property
    def active(self) -> bool:
        """Used in scoring: neither withdrawn nor replaced by a newer one of the same author
        (a score) or of anyone (a consensus)."""
        return not self.superseded and self.withdrawn_at is None


@dataclass(frozen=True)
class AssessmentRecord(CriterionEntry):
    """An inspector's manual score or override as stored, with its withdrawal if any."""

    kind: str  # "manual" or "override"
    submission_version: int

    def to_assessment(self) -> Assessment:
        return Assessment(
            self.project_id, self.code, self.fraction, self.inspector, self.reason, self.created_at
        )


@dataclass(frozen=True)
class ConsensusRecord(CriterionEntry):
    """A supervisor's consensus on a criterion as stored, with what it was reached over.

    ``basis`` holds the inspectors' active scores when it was recorded, ``{name: fraction}``.
    """

    basis: dict[str, float]


@dataclass(frozen=True)
class EvidenceNote:
    """An inspector's note about the evidence for one criterion of one project."""

    id: int
    scheme: str
    scheme_version: str
    project_id: str
    code: str
    text: str
    inspector: str
    created_at: str


def format_time(at: str) -> str:
    """A stored UTC timestamp as people read it: ``2024-05-01 09:30:12 UTC``."""
    try:
        moment = _dt.datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return str(at)
    return moment.astimezone(_dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def diff_submissions(old: Submission, new: Submission, scheme: Scheme) -> list[Change]:
    """What changed from ``old`` to ``new``: project fields, then the scheme's criteria in order.

    A cell counts as changed when the engine would read it differently: "yes" and "是" are the
    same answer of a yes/no criterion, 12 and "12.0" the same number (both are read by
    :func:`~scoring.core.values.parse_for_criterion`). Cells that cannot be read are compared as
    stored (type and reader's note included). Changes are reported as shown to a person (a
    percentage cell 0.125 as 12.5).
    """
    changes = [
        Change("", f, getattr(old, f), getattr(new, f))
        for f in PROJECT_FIELDS
        if getattr(old, f) != getattr(new, f)
    ]
    for criterion in scheme.criteria:
        code = criterion.code
        a, b = old.inputs.get(code), new.inputs.get(code)
        for part, cell_a, cell_b in _cell_pairs(a, b):
            if not _read_alike(criterion, part, cell_a, cell_b):
                changes.append(Change(code, part, display_value(cell_a), display_value(cell_b)))
        evidence_a, evidence_b = (a.evidence if a else ""), (b.evidence if b else "")
        if evidence_a != evidence_b:
            changes.append(Change(code, "evidence", evidence_a or None, evidence_b or None))
    return changes


def retyped_cells(old: Submission, new: Submission, scheme: Scheme) -> list[CellValue]:
    """The cells of ``new`` typed differently from ``old`` but read alike ("是" for "yes",
    "50.0" for 50, spaces around a value), in the scheme's order: what a re-saved form that
    :func:`diff_submissions` finds no change in differs by."""
    retyped: list[CellValue] = []
    for criterion in scheme.criteria:
        a, b = old.inputs.get(criterion.code), new.inputs.get(criterion.code)
        retyped.extend(
            cell_b for part, cell_a, cell_b in _cell_pairs(a, b)
            if cell_b is not None and encoding.cell_key(cell_a) != encoding.cell_key(cell_b)
            and _read_alike(criterion, part, cell_a, cell_b)
        )
    return retyped


def _cell_pairs(
    a: IndicatorInput | None, b: IndicatorInput | None
) -> Iterator[tuple[str, CellValue | None, CellValue | None]]:
    """(part, cell of ``a``, cell of ``b``) for the current value and the baseline."""
    for part in ("current", "baseline"):
        yield part, (getattr(a, part) if a else None), (getattr(b, part) if b else None)


def _read_alike(criterion: Criterion, part: str, a: CellValue | None, b: CellValue | None) -> bool:
    """Whether two cells of a criterion say the same: stored alike, or read alike by the rule
    the engine reads them by (a baseline is always a number)."""
    if encoding.cell_key(a) == encoding.cell_key(b):
        return True
    read_a, read_b = (parse_for_criterion(c, criterion) if part == "current" else parse_number(c)
                      for c in (a, b))
    return read_a.state == read_b.state in ("ok", "na") and read_a.number == read_b.number

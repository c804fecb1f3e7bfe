"""Merging inspectors' offline workspaces into one, without losing or doubling anything.

Each inspector works for days in a private copy; the supervisor then merges the copies into a
master (``python main.py merge --into MASTER.spw A.spw B.spw``, or File ▸ Merge in the GUI).

What a merge does, source by source, each source in one transaction:

- **Schemes** must match: a scheme with the same name and version must have the same content
  hash everywhere, otherwise the whole merge is refused before anything is written (a scheme
  in use is never replaced). Schemes the master lacks are added.
- **Assessment rounds** are matched by their label (case aside); rounds the master lacks are
  added, and everything below stays in its round. A source from before rounds (format 4 or
  older) counts as the one round its upgrade would make, named after its submissions' years.
- **Submissions** are united. Every stored row has a globally unique id, so a row the master
  already holds (a copy handed out earlier) is recognised and skipped; so is the same file
  imported in both places (same file hash and values), and a version whose values equal the
  project's latest. Anything else is added as the project's next version; the latest is the
  one imported last (by its original import time).
- **Inspectors' work** (scores, overrides, their withdrawals, consensus records, evidence
  notes) is copied with its author and original timestamps. A withdrawal made later in a
  source reaches the master on the next merge. An inspector's newer score supersedes their
  older one across workspaces too, as it does within one.
- **The audit trail** of the source arrives with it (each entry keeps its time and author
  and is marked with the workspace it was written in), followed by one ``merge`` entry
  saying what this merge added.

Merging the same file again changes nothing: every row is keyed by its unique id, and a merge
that adds nothing writes nothing, not even an audit entry. Sources are only read; a source
another program has open is read as of its last committed change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from scoring.core.presentation import Said, counted, joined, said
from scoring.workspace import file as wsfile
from scoring.workspace import schema
from scoring.workspace.check import DamagedRow
from scoring.workspace.facade import Workspace
from scoring.workspace.records import (
    NotAWorkspace,
    WorkspaceCorrupt,
    WorkspaceError,
    WorkspaceNotFound,
    database_error,
)
from scoring.workspace.store import check_identity, check_rows, connect_shared

Progress = Callable[[int, int, Path], bool]


#: What a refused damaged source means for the master, and what to do.
_NOTHING_MERGED = said("mg_nothing_merged")


class MergeRefused(WorkspaceError):
    """The merge cannot be done as asked (a scheme differs, a source is the target itself)."""


# --------------------------------------------------------------------------- reports


@dataclass
class SourceReport:
    """What merging one source added to the target (all zero: nothing new)."""

    source: str
    workspace_id: str = ""
    schemes_added: list[str] = field(default_factory=list)
    rounds_added: list[str] = field(default_factory=list)
    projects_added: int = 0
    versions_added: int = 0
    submissions_present: int = 0
    assessments_added: int = 0
    withdrawals: int = 0
    superseded: int = 0
    consensus_added: int = 0
    notes_added: int = 0
    refusals_added: int = 0
    audit_added: int = 0
    inspectors: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the merge wrote anything."""
        counts = (self.projects_added, self.versions_added, self.assessments_added, self.withdrawals,
                  self.superseded, self.consensus_added, self.notes_added, self.refusals_added,
                  self.audit_added)
        return bool(self.schemes_added or self.rounds_added) or any(counts)

    def summary(self) -> str:
        """``A.spw: 2 new projects, 1 new version, 3 inspectors' scores (Li, Wang), …``."""
        return self.said_summary().en

    def said_summary(self) -> Said:
        """:meth:`summary` in English and Chinese (the catalogue's ``mg_*`` texts)."""
        name = Path(self.source).name
        if not self.changed:
            return said("mg_nothing_new", name=name)
        scores = counted(self.assessments_added, "inspector_score")
        if self.inspectors:
            scores = said("merged_scores_by", scores=scores, who=", ".join(self.inspectors))
        counts = [
            (self.projects_added, counted(self.projects_added, "new_project")),
            (self.versions_added, counted(self.versions_added, "new_version")),
            (self.assessments_added, scores),
            (self.withdrawals, counted(self.withdrawals, "withdrawal")),
            (self.consensus_added, counted(self.consensus_added, "consensus_record")),
            (self.notes_added, counted(self.notes_added, "evidence_note")),
            (self.refusals_added, counted(self.refusals_added, "refused_file")),
        ]
        parts = [text for n, text in counts if n]  # what came, not a list of zeros
        if self.rounds_added:
            parts.insert(0, said("mg_round", rounds=", ".join(self.rounds_added)))
        if self.schemes_added:
            parts.insert(0, said("mg_scheme", schemes=", ".join(self.schemes_added)))
        if self.submissions_present:
            parts.append(said("mg_present", submissions=counted(self.submissions_present, "submission")))
        return said("merged_source", name=name, parts=joined(parts) if parts else said("mg_only_audit"))

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "workspace_id": self.workspace_id,
            "schemes_added": list(self.schemes_added),
            "rounds_added": list(self.rounds_added),
            "projects_added": self.projects_added,
            "versions_added": self.versions_added,
            "submissions_present": self.submissions_present,
            "assessments_added": self.assessments_added,
            "withdrawals": self.withdrawals,
            "superseded": self.superseded,
            "consensus_added": self.consensus_added,
            "notes_added": self.notes_added,
            "refusals_added": self.refusals_added,
            "audit_added": self.audit_added,
            "inspectors": list(self.inspectors),
        }


@dataclass
class MergeReport:
    """What a merge did, source by source."""

    into: str
    sources: list[SourceReport] = field(default_factory=list)
    cancelled: bool = False

    @property
    def changed(self) -> bool:
        return any(s.changed for s in self.sources)

    def summary(self) -> str:
        return self.said_summary().en

    def said_summary(self) -> Said:
        """What was merged, a line per source, in English and Chinese."""
        workspaces = counted(len(self.sources), "workspace")
        lines = [said("mg_merged", workspaces=workspaces, into=Path(self.into).name)]
        for source in self.sources:
            summary = source.said_summary()
            lines.append(Said(f"  {summary.en}", f"  {summary.zh}"))
        if self.cancelled:
            lines.append(said("mg_cancelled"))
        return joined(lines, "\n", "\n")

    def as_dict(self) -> dict:
        sources = [s.as_dict() for s in self.sources]
        return {"into": self.into, "sources": sources, "cancelled": self.cancelled}


# --------------------------------------------------------------------------- reading a source


class _Source:
    """A source workspace opened for reading only (any schema version up to ours)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, version: int):
        self.path = path
        self.conn = conn
        self.version = version
        found = conn.execute("SELECT value FROM meta WHERE key = 'workspace_id'").fetchone()
        self.workspace_id = found[0] if found else ""

    def rows(self, query: str, params: tuple = ()) -> list[tuple]:
        return self.conn.execute(query, params).fetchall()

    def close(self) -> None:
        self.conn.close()


def _open_source(path: Path) -> _Source:
    """Open a workspace to read from, with the same checks as opening one (nothing written)."""
    if not path.exists():
        raise WorkspaceNotFound(said("mg_not_found", path=path))
    if not path.is_file():
        raise NotAWorkspace(said("ws_is_folder", path=path))
    wsfile.checked_header(path)  # not a workspace, damaged header, or from a newer program
    try:
        conn = connect_shared(path)
    except sqlite3.Error as exc:
        raise database_error(path, exc)
    try:
        version = check_identity(path, conn)
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            found = "; ".join(problems)[:300]
            raise WorkspaceCorrupt(said("mg_damaged_because", name=path.name, detail=found,
                                        nothing=_NOTHING_MERGED))
        return _Source(path, conn, version)
    except sqlite3.Error as exc:
        conn.close()
        error = database_error(path, exc)
        if isinstance(error, WorkspaceCorrupt):  # say what it means for the master
            raise WorkspaceCorrupt(said("mg_damaged_because", name=path.name, detail=exc,
                                        nothing=_NOTHING_MERGED)) from exc
        raise error from exc
    except BaseException:
        conn.close()
        raise


def _open_sources(target: Path, paths: Iterable[str | Path]) -> list[_Source]:
    """Open every source (each once), refusing the target itself; all or none stay open."""
    opened: list[_Source] = []
    seen: set[Path] = set()
    try:
        for raw in paths:
            path = Path(raw)
            real = path.resolve()
            if real in seen:
                continue
            if real == target.resolve():
                raise MergeRefused(said("mg_into_itself", name=path.name))
            seen.add(real)
            opened.append(_open_source(path))
    except BaseException:
        for source in opened:
            source.close()
        raise
    if not opened:
        raise MergeRefused(said("mg_none"))
    return opened


# --------------------------------------------------------------------------- schemes must match


_SchemeKey = tuple[str, str]  # (name_key, version)


def _scheme_index(conn: sqlite3.Connection) -> dict[_SchemeKey, tuple[str, str]]:
    """(name_key, version) → (content hash, readable name) of a workspace's schemes."""
    return {
        (key, version): (content_hash, name)
        for key, version, content_hash, name in conn.execute(
            "SELECT name_key, version, content_hash, name FROM schemes"
        )
    }


def check_schemes(target: tuple[str, sqlite3.Connection] | None, sources: list[_Source]) -> None:
    """Refuse the merge when a scheme's name and version match but its content does not.

    Checked across the target and all sources before anything is written, so a refusal in
    the last source leaves the first ones unmerged too.

    Raises
    ------
    MergeRefused
        Naming the scheme, the two workspaces and what to do.
    """
    known: dict[_SchemeKey, tuple[str, str, str]] = {}  # → (hash, name, where)
    holders = ([target] if target is not None else []) + [(s.path.name, s.conn) for s in sources]
    for where, conn in holders:
        for key, (content_hash, name) in _scheme_index(conn).items():
            first = known.setdefault(key, (content_hash, name, where))
            if first[0] != content_hash:
                raise MergeRefused(said("mg_scheme_changed", where=where, scheme=name, version=key[1],
                                        first=first[2], ours=content_hash[:12], theirs=first[0][:12]))


# --------------------------------------------------------------------------- merging


def merge(
    into: str | Path,
    sources: Iterable[str | Path],
    *,
    actor: str | None = None,
    progress: Progress | None = None,
) -> MergeReport:
    """Merge workspaces into ``into`` (created when it does not exist yet).

    Parameters
    ----------
    into : str or Path
        The master workspace.
    sources : iterable of str or Path
        The inspectors' workspaces (only read).
    actor : str, optional
        Recorded in the audit log for the merge (default: the operating-system user).
    progress : callable, optional
        ``progress(done, total, path)`` before each source; False cancels the rest.

    Returns
    -------
    MergeReport

    Raises
    ------
    WorkspaceError
        MergeRefused (a scheme differs, the target named as a source), or the error of a
        source or target that cannot be opened; nothing is merged in these cases.
    """
    target = Path(into)
    opened = _open_sources(target, sources)
    try:
        with _snapshots(opened):
            check_schemes(None, opened)  # before the target may be created
            check_sources(opened)
            with Workspace.open(target, create=True, read_only=False, actor=actor) as workspace:
                return _merge_opened(workspace, opened, progress)
    finally:
        for source in opened:
            source.close()


def merge_into(workspace: Workspace, sources: Iterable[str | Path],
               progress: Progress | None = None) -> MergeReport:
    """Merge workspaces into an open, writable Workspace (the GUI's open workspace)."""
    workspace.check_writable(said("mg_nothing_into_it"))
    opened = _open_sources(workspace.path, sources)
    try:
        with _snapshots(opened):
            check_sources(opened)
            return _merge_opened(workspace, opened, progress)
    finally:
        for source in opened:
            source.close()


@contextmanager
def _snapshots(opened: list[_Source]) -> Iterator[None]:
    """Read each source as one snapshot, from the check of its rows to the last row merged,
    even if its owner is writing meanwhile."""
    for source in opened:
        source.conn.execute("BEGIN")
    try:
        yield
    finally:
        for source in opened:
            with suppress(sqlite3.Error):
                source.conn.commit()


def check_sources(opened: list[_Source]) -> None:
    """Decode every row a merge would take from each source, before anything is written.

    SQLite's check passed already (:func:`_open_source`); this one reads what it cannot see,
    the JSON columns (scoring/workspace/check.py). A source with any damage is refused whole,
    and so is the merge: the master stays byte for byte as it was.

    Raises
    ------
    WorkspaceCorrupt
        Naming the source, the table and the project.
    """
    for source in opened:
        try:
            check_rows(source.conn, source.version)
        except DamagedRow as exc:
            raise WorkspaceCorrupt(said("mg_damaged_row", name=source.path.name, detail=exc.said,
                                        nothing=_NOTHING_MERGED))
        except sqlite3.Error as exc:
            raise database_error(source.path, exc)


def _merge_opened(workspace: Workspace, opened: list[_Source], progress: Progress | None) -> MergeReport:
    with workspace.store.reading() as conn:
        check_schemes((workspace.path.name, conn), opened)
    report = MergeReport(str(workspace.path))
    for done, source in enumerate(opened):
        if progress is not None and progress(done, len(opened), source.path) is False:
            report.cancelled = True
            break
        try:
            report.sources.append(_merge_source(workspace, source))
        except sqlite3.Error as exc:
            raise database_error(source.path, exc)
    return report


def _merge_source(workspace: Workspace, source: _Source) -> SourceReport:
    """Merge one source in one transaction (a consistent snapshot of it, read meanwhile)."""
    report = SourceReport(str(source.path), source.workspace_id)
    with workspace.store.writing() as conn:  # the source is read in its snapshot (_snapshots)
        schemes = _merge_schemes(conn, source, report)
        rounds = _merge_rounds(conn, source, report)
        versions = _merge_submissions(conn, source, schemes, rounds, report)
        _merge_assessments(conn, source, schemes, rounds, versions, report)
        if source.version >= 2:  # consensus records exist from schema version 2
            _merge_consensus(conn, source, schemes, rounds, report)
        _merge_notes(conn, source, schemes, rounds, report)
        if source.version >= 3:  # refusals are kept from schema version 3
            _merge_refusals(conn, source, report)
        _merge_audit(conn, source, report)
        if report.changed:
            workspace.store.audit(
                conn,
                "merge",
                "merged " + report.summary(),
                detail=report.as_dict(),
            )
    return report


def _uid_known(conn, table: str, uid: str) -> int | None:
    row = conn.execute(f"SELECT id FROM {table} WHERE uid = ?", (uid,)).fetchone()
    return None if row is None else row[0]


def _merge_schemes(conn, source: _Source, report: SourceReport) -> dict[int, int]:
    """Source scheme id → target scheme id; schemes the target lacks are copied whole."""
    mapping = {}
    for row in source.rows(
        "SELECT id, uid, name, name_key, version, level, content_hash, source_name, template, parsed, "
        "added_at, added_by FROM schemes ORDER BY id"
    ):
        found = conn.execute(
            "SELECT id FROM schemes WHERE name_key = ? AND version = ?", (row[3], row[4])
        ).fetchone()
        if found is None:
            uid = row[1] if _uid_known(conn, "schemes", row[1]) is None else wsfile.uid()
            found = (conn.execute(
                "INSERT INTO schemes (uid, name, name_key, version, level, content_hash, source_name, "
                "template, parsed, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (uid, *row[2:]),
            ).lastrowid,)
            report.schemes_added.append(f"{row[2]} {row[4]}")
        mapping[row[0]] = found[0]
    return mapping


def _round_column(source: _Source, alias: str = "") -> str:
    """The source's round column: NULL before format 5, where everything is in one round."""
    return f"{alias}round_id" if source.version >= 5 else "NULL"


def _merge_rounds(conn, source: _Source, report: SourceReport) -> dict[int | None, int]:
    """Source round id → target round id, matched by label; rounds the target lacks are added.

    A source from before format 5 has one implicit round (key None), labelled as its upgrade
    would label it (:func:`scoring.workspace.schema.years_round`).
    """
    if source.version >= 5:
        rows = source.rows(
            "SELECT id, uid, label, label_key, year, created_at, created_by FROM rounds ORDER BY id"
        )
    else:
        years = [row[0] for row in source.rows("SELECT year FROM submissions")]
        if not years:
            return {}
        label, year = schema.years_round(years)
        rows = [(None, wsfile.uid(), label, label.casefold(), year, wsfile.now(), "upgrade")]
    mapping = {}
    for src_id, uid, label, key, year, at, by in rows:
        found = conn.execute("SELECT id FROM rounds WHERE label_key = ?", (key,)).fetchone()
        if found is None:
            uid = uid if _uid_known(conn, "rounds", uid) is None else wsfile.uid()
            found = (conn.execute(
                "INSERT INTO rounds (uid, label, label_key, year, created_at, created_by) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (uid, label, key, year, at, by),
            ).lastrowid,)
            report.rounds_added.append(label)
        mapping[src_id] = found[0]
    return mapping


_SUBMISSION_COPY = (
    "uid, project_id, source, content_hash, imported_at, imported_by, name, level, template, "
    "template_version, region, organisation, year, contact, issues, unmatched"
)


def _merge_submissions(
    conn, source: _Source, schemes: dict[int, int], rounds: dict, report: SourceReport
) -> dict:
    """Unite the submissions, each within its round; return (source round id, source scheme id,
    project, source version) → target version."""
    versions = {}
    rows = source.rows(
        "SELECT s.id, s.scheme_id, s.version, f.sha256, f.name, f.path, f.size, f.imported_at, "
        f"f.imported_by, f.complete, {', '.join('s.' + c.strip() for c in _SUBMISSION_COPY.split(','))}, "
        f"{_round_column(source, 's.')} FROM submissions s JOIN files f ON f.id = s.file_id "
        "ORDER BY s.scheme_id, s.project_id, s.version"
    )
    for row in rows:
        src_id, src_scheme, src_version, file_row, src_round = row[0], row[1], row[2], row[3:10], row[-1]
        cells, content_hash = _source_cells(source, src_id)
        copied = (*row[10:13], content_hash, *row[14:-1])  # the fingerprint as this version takes it
        uid, project_id, imported_at = copied[0], copied[1], copied[4]
        key = (rounds[src_round], schemes[src_scheme])
        present = _present_version(conn, key, project_id, (uid, content_hash, file_row[0], imported_at))
        if present is not None:
            versions[(src_round, src_scheme, project_id, src_version)] = present
            report.submissions_present += 1
            continue
        file_id = _file_id(conn, file_row)
        version = _add_version(conn, key, file_id, copied, cells, imported_at, report)
        versions[(src_round, src_scheme, project_id, src_version)] = version
    return versions


def _source_cells(source: _Source, submission_id: int) -> tuple[str, str]:
    """A source submission's ``cells`` column and fingerprint.

    From a workspace before format 4 both are made from its ``inputs`` rows (its stored
    fingerprints were taken another way, and would match none of the target's).
    """
    if source.version >= 4:
        found = source.rows(
            "SELECT c.cells, s.content_hash FROM submissions s JOIN cells c ON c.submission_id = s.id "
            "WHERE s.id = ?",
            (submission_id,),
        )
        if not found:  # merging is guarded: a DatabaseError tells the user the source is damaged
            raise sqlite3.DatabaseError(f"submission {submission_id} has no stored cells")
        return found[0]
    rows = source.rows(f"{schema.OLD_CELLS_QUERY} WHERE s.id = ? ORDER BY i.seq", (submission_id,))
    ((_, cells, content),) = schema.stored_from_old_rows(rows)
    return cells, content


def _present_version(conn, key: tuple[int, int], project_id: str, what: tuple) -> int | None:
    """The target's version that already is this submission in its (round id, scheme id), or None.

    ``what`` is the source row's (uid, content hash, file sha256, import time). Present means:
    the same row (its unique id); the same file with the same values; the same values as the
    project's latest version (as importing a re-saved form finds); or the same values as an
    older version and imported before the latest, so adding it would change nothing. A form
    imported after the latest that returns to older values is a new version (it is the latest).
    """
    uid, content_hash, sha, imported_at = what
    row = conn.execute("SELECT version FROM submissions WHERE uid = ?", (uid,)).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT s.version FROM submissions s JOIN files f ON f.id = s.file_id WHERE s.round_id = ? "
            "AND s.scheme_id = ? AND s.project_id = ? AND s.content_hash = ? AND f.sha256 = ? "
            "ORDER BY s.version DESC",
            (*key, project_id, content_hash, sha),
        ).fetchone()
    if row is None:
        latest = conn.execute(
            "SELECT s.version, s.content_hash, s.imported_at FROM projects p JOIN submissions s "
            "ON s.id = p.latest_submission_id WHERE p.round_id = ? AND p.scheme_id = ? AND p.project_id = ?",
            (*key, project_id),
        ).fetchone()
        if latest is not None and (latest[1] == content_hash or imported_at <= latest[2]):
            row = conn.execute(
                "SELECT version FROM submissions WHERE round_id = ? AND scheme_id = ? AND project_id = ? "
                "AND content_hash = ? ORDER BY version DESC",
                (*key, project_id, content_hash),
            ).fetchone()
    return None if row is None else row[0]


def _file_id(conn, file_row: tuple) -> int:
    """The target's row of a file (by content hash), copied from the source when new."""
    found = conn.execute("SELECT id FROM files WHERE sha256 = ?", (file_row[0],)).fetchone()
    if found is not None:
        return found[0]
    return conn.execute(
        "INSERT INTO files (sha256, name, path, size, imported_at, imported_by, complete) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        file_row,
    ).lastrowid


def _add_version(conn, key: tuple[int, int], file_id, copied, cells: str, imported_at, report) -> int:
    """Store a source submission as the project's next version in its (round id, scheme id),
    with its cells."""
    project_id = copied[1]
    version = conn.execute(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM submissions WHERE round_id = ? AND scheme_id = ? "
        "AND project_id = ?",
        (*key, project_id),
    ).fetchone()[0]
    new_id = conn.execute(
        f"INSERT INTO submissions (round_id, scheme_id, version, file_id, {_SUBMISSION_COPY}) "
        f"VALUES (?, ?, ?, ?{', ?' * len(copied)})",
        (*key, version, file_id, *copied),
    ).lastrowid
    conn.execute("INSERT INTO cells (submission_id, cells) VALUES (?, ?)", (new_id, cells))
    latest = conn.execute(
        "SELECT p.id, s.imported_at FROM projects p JOIN submissions s ON s.id = p.latest_submission_id "
        "WHERE p.round_id = ? AND p.scheme_id = ? AND p.project_id = ?",
        (*key, project_id),
    ).fetchone()
    if latest is None:
        conn.execute(
            "INSERT INTO projects (round_id, scheme_id, project_id, latest_submission_id) "
            "VALUES (?, ?, ?, ?)",
            (*key, project_id, new_id),
        )
        report.projects_added += 1
        return version
    # the latest is what was imported last, wherever: an older form merged late stays a version
    if imported_at > latest[1]:
        conn.execute("UPDATE projects SET latest_submission_id = ? WHERE id = ?", (new_id, latest[0]))
    report.versions_added += 1
    return version


# --------------------------------------------------------------------------- inspectors' work

_ASSESSMENT_COPY = (
    "uid, project_id, code, kind, fraction, inspector, reason, created_at, submission_version, "
    "withdrawn_at, withdrawn_by, withdrawn_reason"
)


def _merge_assessments(
    conn, source: _Source, schemes: dict, rounds: dict, versions: dict, report: SourceReport
) -> None:
    """Copy scores and overrides with their authors; bring withdrawals and supersessions over."""
    rows = source.rows(
        f"SELECT id, scheme_id, superseded_by, {_ASSESSMENT_COPY}, {_round_column(source)} "
        "FROM assessments ORDER BY id"
    )
    uids = {row[0]: row[3] for row in rows}
    authors = set()
    for row in rows:
        scheme_id, copied, src_round = schemes[row[1]], list(row[3:-1]), row[-1]
        if _apply_withdrawal(conn, "assessments", copied[0], copied[9:12]):
            report.withdrawals += 1
        if _uid_known(conn, "assessments", copied[0]) is not None:
            continue
        # the submission version the inspector saw, as numbered in the target
        copied[8] = versions.get((src_round, row[1], copied[1], copied[8]), copied[8])
        conn.execute(
            f"INSERT INTO assessments (round_id, scheme_id, {_ASSESSMENT_COPY}) VALUES (?, "
            f"?{', ?' * len(copied)})",
            (rounds[src_round], scheme_id, *copied),
        )
        report.assessments_added += 1
        authors.add(copied[5])
    report.superseded += _link_superseded(conn, "assessments", rows, uids)
    report.superseded += _supersede_older(conn, "assessments", "inspector")
    report.inspectors = sorted(authors, key=str.casefold)


def _apply_withdrawal(conn, table: str, uid: str, withdrawn: Sequence) -> bool:
    """Bring a withdrawal made in the source to the target's copy of the row (once)."""
    if withdrawn[0] is None:
        return False
    cursor = conn.execute(
        f"UPDATE {table} SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_reason = ? "
        "WHERE uid = ? AND withdrawn_at IS NULL",
        (*withdrawn, uid),
    )
    return cursor.rowcount > 0


def _link_superseded(conn, table: str, rows: list[tuple], uids: dict[int, str]) -> int:
    """Mark rows the source marks superseded, pointing at the target's copy of their successor.

    ``rows`` are the source's (id, scheme_id, superseded_by, uid, …).
    """
    linked = 0
    for row in rows:
        if row[2] is None:
            continue
        successor = _uid_known(conn, table, uids[row[2]])
        linked += conn.execute(
            f"UPDATE {table} SET superseded_by = ? WHERE uid = ? AND superseded_by IS NULL",
            (successor, row[3]),
        ).rowcount
    return linked


def _supersede_older(conn, table: str, per: str | None) -> int:
    """Keep one active row per criterion (and per ``per`` column): the newest supersedes the rest.

    Within one workspace this already holds; two workspaces may each hold an active score by
    the same inspector (or a consensus) on the same criterion, and the newer one counts.
    """
    group = "round_id, scheme_id, project_id, code" + (f", {per}" if per else "")
    active = "superseded_by IS NULL AND withdrawn_at IS NULL"
    rows = conn.execute(
        f"SELECT id, {group} FROM {table} WHERE {active} AND ({group}) IN "
        f"(SELECT {group} FROM {table} WHERE {active} GROUP BY {group} HAVING COUNT(*) > 1) "
        "ORDER BY created_at DESC, uid DESC"
    ).fetchall()
    newest: dict[tuple, int] = {}
    changed = 0
    for row in rows:
        keep = newest.setdefault(tuple(row[1:]), row[0])
        if keep != row[0]:
            update = f"UPDATE {table} SET superseded_by = ? WHERE id = ?"
            changed += conn.execute(update, (keep, row[0])).rowcount
    return changed


_CONSENSUS_COPY = (
    "uid, project_id, code, fraction, inspector, reason, created_at, basis, "
    "withdrawn_at, withdrawn_by, withdrawn_reason"
)


def _merge_consensus(conn, source: _Source, schemes: dict, rounds: dict, report: SourceReport) -> None:
    """Copy supervisors' consensus records; the newest active one per criterion wins."""
    rows = source.rows(
        f"SELECT id, scheme_id, superseded_by, {_CONSENSUS_COPY}, {_round_column(source)} FROM consensus "
        "ORDER BY id"
    )
    uids = {row[0]: row[3] for row in rows}
    for row in rows:
        copied = row[3:-1]
        if _apply_withdrawal(conn, "consensus", copied[0], copied[8:11]):
            report.withdrawals += 1
        if _uid_known(conn, "consensus", copied[0]) is not None:
            continue
        conn.execute(
            f"INSERT INTO consensus (round_id, scheme_id, {_CONSENSUS_COPY}) VALUES (?, "
            f"?{', ?' * len(copied)})",
            (rounds[row[-1]], schemes[row[1]], *copied),
        )
        report.consensus_added += 1
    report.superseded += _link_superseded(conn, "consensus", rows, uids)
    report.superseded += _supersede_older(conn, "consensus", None)


def _merge_notes(conn, source: _Source, schemes: dict, rounds: dict, report: SourceReport) -> None:
    for row in source.rows(
        f"SELECT scheme_id, uid, project_id, code, text, inspector, created_at, {_round_column(source)} "
        "FROM notes"
    ):
        if _uid_known(conn, "notes", row[1]) is None:
            conn.execute(
                "INSERT INTO notes (round_id, scheme_id, uid, project_id, code, text, inspector, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (rounds[row[-1]], schemes[row[0]], *row[1:-1]),
            )
            report.notes_added += 1


_REFUSAL_COPY = "source, path, sha256, reason, message, message_zh, rejected_at, rejected_by"


def _merge_refusals(conn, source: _Source, report: SourceReport) -> None:
    """Copy the files the source's imports refused, so that the reports printed from the
    target list them too; a refusal already here (same file, reason, time and person) once,
    whether or not either copy knows its sheet and cell (kept from format 6)."""
    known = set(conn.execute(f"SELECT {_REFUSAL_COPY} FROM rejections"))
    place = "sheet, cell" if source.version >= 6 else "'', ''"
    rows = source.rows(f"SELECT {_REFUSAL_COPY}, {place} FROM rejections ORDER BY id")
    fresh = [row for row in rows if row[:-2] not in known]
    conn.executemany(
        f"INSERT INTO rejections ({_REFUSAL_COPY}, sheet, cell) VALUES ({', '.join('?' * 10)})", fresh
    )
    report.refusals_added += len(fresh)


def _merge_audit(conn, source: _Source, report: SourceReport) -> None:
    """Append the source's audit entries the target lacks, marked with where they were written."""
    origin = "origin" if source.version >= 2 else "''"  # the column exists from version 2
    known = {row[0] for row in conn.execute("SELECT uid FROM audit")}
    fresh = [
        (*row[:9], row[9] or source.workspace_id)
        for row in source.rows(
            f"SELECT uid, at, actor, action, scheme, project_id, code, summary, detail, {origin} "
            "FROM audit ORDER BY id"
        )
        if row[0] not in known
    ]
    conn.executemany(
        "INSERT INTO audit (uid, at, actor, action, scheme, project_id, code, summary, detail, origin) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        fresh,
    )
    report.audit_added += len(fresh)

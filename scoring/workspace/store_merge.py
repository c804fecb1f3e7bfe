"""The statements a merge runs: reading a source workspace and copying its rows into the master.

Part of the store (:mod:`scoring.workspace.store` says why all SQL is in its modules);
:mod:`scoring.workspace.merge` says what a merge does and when, and this module how, table by
table. A source of any format up to ours is read as it is, never upgraded. Each ``copy_*``
function runs inside the master's one transaction of the source and counts what it adds in
``report`` (a :class:`~scoring.workspace.merge_report.SourceReport`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from scoring.core.presentation import said
from scoring.workspace import file as wsfile
from scoring.workspace import schema
from scoring.workspace import store_inputs as inputs
from scoring.workspace.merge_report import SourceReport
from scoring.workspace.records import NotAWorkspace, WorkspaceCorrupt, WorkspaceNotFound, database_error
from scoring.workspace.store import ACTIVE, insert_audit, quick_check, shared_connection

#: What a refused damaged source means for the master, and what to do.
NOTHING_MERGED = said("mg_nothing_merged")

# --------------------------------------------------------------------------- reading a source


class Source:
    """A source workspace opened for reading only (any schema version up to ours)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, version: int):
        self.path = path
        self.conn = conn
        self.version = version
        found = conn.execute("SELECT value FROM meta WHERE key = 'workspace_id'").fetchone()
        self.workspace_id = found[0] if found else ""

    def rows(self, query: str, params: tuple = ()) -> list[tuple]:
        return self.conn.execute(query, params).fetchall()

    def begin(self) -> None:
        """Read from here on as one snapshot, even if the source's owner writes meanwhile."""
        self.conn.execute("BEGIN")

    def end(self) -> None:
        """End the snapshot (nothing was written to the source)."""
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()


def open_source(path: Path) -> Source:
    """Open a workspace to read from, with the same checks as opening one (nothing written)."""
    if not path.exists():
        raise WorkspaceNotFound(said("mg_not_found", path=path))
    if not path.is_file():
        raise NotAWorkspace(said("ws_is_folder", path=path))
    wsfile.checked_header(path)  # not a workspace, damaged header, or from a newer program
    try:
        with shared_connection(path) as (conn, version):
            problems = quick_check(conn)
            if problems:
                raise WorkspaceCorrupt(said("mg_damaged_because", name=path.name, detail=problems,
                                            nothing=NOTHING_MERGED))
            return Source(path, conn, version)
    except sqlite3.Error as exc:
        error = database_error(path, exc)
        if isinstance(error, WorkspaceCorrupt):  # say what it means for the master
            raise WorkspaceCorrupt(said("mg_damaged_because", name=path.name, detail=exc,
                                        nothing=NOTHING_MERGED)) from exc
        raise error from exc


def scheme_index(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, str]]:
    """(name_key, version) → (content hash, readable name) of a workspace's schemes (any format)."""
    stored = inputs.scheme_index(conn).items()
    return {key: (content_hash, name) for key, (_, content_hash, _, name) in stored}


# --------------------------------------------------------------------------- copying


def copy_source(conn: sqlite3.Connection, source: Source, report: SourceReport) -> None:
    """Copy everything the master lacks from ``source`` within ``conn``'s transaction."""
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


def _uid_known(conn, table: str, uid: str) -> int | None:
    row = conn.execute(f"SELECT id FROM {table} WHERE uid = ?", (uid,)).fetchone()
    return None if row is None else row[0]


def _merge_schemes(conn, source: Source, report: SourceReport) -> dict[int, int]:
    """Source scheme id → target scheme id; schemes the target lacks are copied whole."""
    mapping = {}
    held = {key: found[0] for key, found in inputs.scheme_index(conn).items()}
    for row in source.rows(f"SELECT id, {inputs.SCHEME_COLUMNS} FROM schemes ORDER BY id"):
        key = (row[3], row[4])
        if key not in held:
            uid = row[1] if _uid_known(conn, "schemes", row[1]) is None else wsfile.uid()
            held[key] = inputs.insert_scheme(conn, (uid, *row[2:]))
            report.schemes_added.append(f"{row[2]} {row[4]}")
        mapping[row[0]] = held[key]
    return mapping


def _round_column(source: Source, alias: str = "") -> str:
    """The source's round column: NULL before format 5, where everything is in one round."""
    return f"{alias}round_id" if source.version >= 5 else "NULL"


def _merge_rounds(conn, source: Source, report: SourceReport) -> dict[int | None, int]:
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
        found = inputs.round_by_key(conn, key)
        if found is None:
            uid = uid if _uid_known(conn, "rounds", uid) is None else wsfile.uid()
            found = inputs.insert_round(conn, (uid, label, key, year, at, by))
            report.rounds_added.append(label)
        mapping[src_id] = found
    return mapping


def _merge_submissions(
    conn, source: Source, schemes: dict[int, int], rounds: dict, report: SourceReport
) -> dict:
    """Unite the submissions, each within its round; return (source round id, source scheme id,
    project, source version) → target version."""
    versions = {}
    rows = source.rows(
        "SELECT s.id, s.scheme_id, s.version, f.sha256, f.name, f.path, f.size, f.imported_at, "
        f"f.imported_by, f.complete, {', '.join('s.' + c for c in inputs.SUBMISSION_COPY.split(', '))}, "
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


def _source_cells(source: Source, submission_id: int) -> tuple[str, str]:
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
        latest = inputs.latest_version(conn, key, project_id)
        if latest is not None and (latest[3] == content_hash or imported_at <= latest[4]):
            row = conn.execute(
                "SELECT version FROM submissions WHERE round_id = ? AND scheme_id = ? AND project_id = ? "
                "AND content_hash = ? ORDER BY version DESC",
                (*key, project_id, content_hash),
            ).fetchone()
    return None if row is None else row[0]


def _file_id(conn, file_row: tuple) -> int:
    """The target's row of a file (by content hash), copied from the source when new."""
    found = inputs.file_by_hash(conn, file_row[0])
    return found[0] if found is not None else inputs.insert_file(conn, file_row)


def _add_version(conn, key: tuple[int, int], file_id, copied, cells: str, imported_at, report) -> int:
    """Store a source submission as the project's next version in its (round id, scheme id),
    with its cells."""
    project_id = copied[1]
    version = conn.execute(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM submissions WHERE round_id = ? AND scheme_id = ? "
        "AND project_id = ?",
        (*key, project_id),
    ).fetchone()[0]
    latest = inputs.latest_version(conn, key, project_id)
    new_id = inputs.insert_submission(conn, key, version, file_id, copied, cells)
    if latest is None:
        inputs.insert_project(conn, key, project_id, new_id)
        report.projects_added += 1
        return version
    # the latest is what was imported last, wherever: an older form merged late stays a version
    if imported_at > latest[4]:
        inputs.set_latest(conn, latest[0], new_id)
    report.versions_added += 1
    return version


# --------------------------------------------------------------------------- inspectors' work

_ASSESSMENT_COPY = (
    "uid, project_id, code, kind, fraction, inspector, reason, created_at, submission_version, "
    "withdrawn_at, withdrawn_by, withdrawn_reason"
)


def _merge_assessments(
    conn, source: Source, schemes: dict, rounds: dict, versions: dict, report: SourceReport
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
    rows = conn.execute(
        f"SELECT id, {group} FROM {table} WHERE {ACTIVE} AND ({group}) IN "
        f"(SELECT {group} FROM {table} WHERE {ACTIVE} GROUP BY {group} HAVING COUNT(*) > 1) "
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


def _merge_consensus(conn, source: Source, schemes: dict, rounds: dict, report: SourceReport) -> None:
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


def _merge_notes(conn, source: Source, schemes: dict, rounds: dict, report: SourceReport) -> None:
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


def _merge_refusals(conn, source: Source, report: SourceReport) -> None:
    """Copy the files the source's imports refused, so that the reports printed from the
    target list them too; a refusal already here (same file, reason, time and person) once,
    whether or not either copy knows its sheet and cell (kept from format 6)."""
    known = inputs.refusal_keys(conn)
    place = "sheet, cell" if source.version >= 6 else "'', ''"
    rows = source.rows(f"SELECT {inputs.REFUSAL_COLUMNS}, {place} FROM rejections ORDER BY id")
    fresh = [row for row in rows if row[:-2] not in known]
    inputs.insert_rejections(conn, fresh)
    report.refusals_added += len(fresh)


def _merge_audit(conn, source: Source, report: SourceReport) -> None:
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
    insert_audit(conn, fresh)
    report.audit_added += len(fresh)

"""The statements about what comes into a workspace: schemes, rounds, files, submissions, refusals.

Part of the store (:mod:`scoring.workspace.store` says why all SQL is in its modules). Every
function takes the connection of the caller's transaction; stored rows come back decoded
(submissions as :class:`~scoring.core.model.Submission`), damaged ones as
:class:`~scoring.workspace.check.DamagedRow`. The import (imports.py), the history
(history.py) and a merge (store_merge.py) share these statements.
"""

from __future__ import annotations

import sqlite3

from scoring.core.memory import paused_gc
from scoring.core.model import Rejection, Submission
from scoring.core.presentation import said
from scoring.workspace import encoding
from scoring.workspace.cells import PROJECT_FIELDS, cells_from_stored
from scoring.workspace.check import read_stored, unmatched_from_json
from scoring.workspace.store import new_id

Key = tuple[int, int]  # (round id, scheme id)

# --------------------------------------------------------------------------- schemes

#: A stored scheme's columns, in the order :func:`insert_scheme` takes them.
SCHEME_COLUMNS = (
    "uid, name, name_key, version, level, content_hash, source_name, template, parsed, added_at, added_by"
)


def scheme_index(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[int, str, str, str]]:
    """(name_key, version) → (id, content hash, time added, name) of every stored scheme."""
    rows = conn.execute("SELECT name_key, version, id, content_hash, added_at, name FROM schemes")
    return {(key, version): rest for key, version, *rest in rows}


def insert_scheme(conn: sqlite3.Connection, row: tuple) -> int:
    """Store a scheme (``row`` in :data:`SCHEME_COLUMNS` order); its id."""
    return new_id(conn.execute(
        f"INSERT INTO schemes ({SCHEME_COLUMNS}) VALUES ({', '.join('?' * 11)})", row
    ))


def scheme_parsed(conn: sqlite3.Connection, scheme_id: int) -> object:
    """A stored scheme's ``parsed`` column (decoded by the caller, which caches it)."""
    return conn.execute("SELECT parsed FROM schemes WHERE id = ?", (scheme_id,)).fetchone()[0]


def scheme_names(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(id, name_key) of every scheme, in the order added."""
    return conn.execute("SELECT id, name_key FROM schemes ORDER BY id").fetchall()


def template_bytes(conn: sqlite3.Connection, name_key: str, version: str) -> bytes | None:
    """The template file of a stored scheme, exactly as it was added (None: no such scheme)."""
    row = conn.execute(
        "SELECT template FROM schemes WHERE name_key = ? AND version = ?", (name_key, version)
    ).fetchone()
    return None if row is None else bytes(row[0])


# --------------------------------------------------------------------------- rounds


def round_order(alias: str) -> str:
    """SQL ordering of rounds: by year (those without one first), then as created."""
    return f"CAST(NULLIF({alias}.year, '') AS INTEGER), {alias}.id"


def round_rows(conn: sqlite3.Connection, counted: bool) -> list[tuple]:
    """(id, uid, label, year, created_at, created_by, projects) of every round, oldest first;
    the number of projects only when ``counted`` (a scan that placing a submission needs not)."""
    count = "(SELECT COUNT(*) FROM projects p WHERE p.round_id = r.id)" if counted else "0"
    return conn.execute(
        f"SELECT r.id, r.uid, r.label, r.year, r.created_at, r.created_by, {count} FROM rounds r "
        f"ORDER BY {round_order('r')}"
    ).fetchall()


def insert_round(conn: sqlite3.Connection, row: tuple) -> int:
    """Store a round: ``row`` is (uid, label, label_key, year, created_at, created_by); its id."""
    return new_id(conn.execute(
        "INSERT INTO rounds (uid, label, label_key, year, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
        row,
    ))


def round_by_key(conn: sqlite3.Connection, label_key: str) -> int | None:
    """The id of the round of this (case-folded) label, or None."""
    row = conn.execute("SELECT id FROM rounds WHERE label_key = ?", (label_key,)).fetchone()
    return None if row is None else row[0]


# --------------------------------------------------------------------------- files

#: A file's columns, in the order :func:`insert_file` takes them.
FILE_COLUMNS = "sha256, name, path, size, imported_at, imported_by, complete"


def complete_hashes(conn: sqlite3.Connection) -> set[str]:
    """The sha256 of every file imported whole."""
    return {row[0] for row in conn.execute("SELECT sha256 FROM files WHERE complete = 1")}


def file_by_hash(conn: sqlite3.Connection, sha: str) -> tuple | None:
    """(id, name, imported_at, complete) of the file with these bytes, or None."""
    return conn.execute(
        "SELECT id, name, imported_at, complete FROM files WHERE sha256 = ?", (sha,)
    ).fetchone()


def insert_file(conn: sqlite3.Connection, row: tuple) -> int:
    """Store a file's row (:data:`FILE_COLUMNS` order); its id."""
    return new_id(conn.execute(f"INSERT INTO files ({FILE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", row))


def mark_complete(conn: sqlite3.Connection, file_id: int) -> None:
    """A file once partly refused is now imported whole."""
    conn.execute("UPDATE files SET complete = 1 WHERE id = ?", (file_id,))


# --------------------------------------------------------------------------- refusals

#: What identifies a stored refusal (a merge copies one once); sheet and cell come after.
REFUSAL_COLUMNS = "source, path, sha256, reason, message, message_zh, rejected_at, rejected_by"


def insert_rejections(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """Store refusals: rows in :data:`REFUSAL_COLUMNS` order, then sheet and cell."""
    conn.executemany(
        f"INSERT INTO rejections ({REFUSAL_COLUMNS}, sheet, cell) VALUES ({', '.join('?' * 10)})", rows
    )


def refusal_keys(conn: sqlite3.Connection) -> set[tuple]:
    """Every stored refusal, by its :data:`REFUSAL_COLUMNS`."""
    return set(conn.execute(f"SELECT {REFUSAL_COLUMNS} FROM rejections"))


def standing_rejections(conn: sqlite3.Connection) -> list[Rejection]:
    """The refusals still standing, oldest first: the latest refusal of each source (a file,
    or a batch row) unless a later import took a file from the same path."""
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


# --------------------------------------------------------------------------- submissions

#: A submission's stored columns besides its round, scheme, version and file, in the order
#: :func:`insert_submission` takes them.
SUBMISSION_COPY = (
    "uid, project_id, source, content_hash, imported_at, imported_by, "
    f"{', '.join(PROJECT_FIELDS)}, issues, unmatched"
)

#: What :func:`_submission` reads, then the ``cells`` column.
_SUBMISSION_READ = (
    "s.id, s.project_id, s.source, s.name, s.level, s.template, s.template_version, "
    "s.region, s.organisation, s.year, s.contact, s.issues, s.unmatched, c.cells"
)


def insert_submission(
    conn: sqlite3.Connection, key: Key, version: int, file_id: int, fields: tuple, cells: str
) -> int:
    """Store a submission as a version in its (round id, scheme id), with its cells; ``fields``
    in :data:`SUBMISSION_COPY` order. Returns its id."""
    names = SUBMISSION_COPY.split(", ")
    submission_id = new_id(conn.execute(
        f"INSERT INTO submissions (round_id, scheme_id, version, file_id, {SUBMISSION_COPY}) "
        f"VALUES (?, ?, ?, ?{', ?' * len(names)})",
        (*key, version, file_id, *fields),
    ))
    conn.execute("INSERT INTO cells (submission_id, cells) VALUES (?, ?)", (submission_id, cells))
    return submission_id


def latest_version(conn: sqlite3.Connection, key: Key, project_id: str) -> tuple | None:
    """(project row id, submission id, version, content hash, import time) of a project's
    latest version in a (round id, scheme id), or None for a project new there."""
    return conn.execute(
        "SELECT p.id, s.id, s.version, s.content_hash, s.imported_at FROM projects p JOIN submissions s "
        "ON s.id = p.latest_submission_id WHERE p.round_id = ? AND p.scheme_id = ? AND p.project_id = ?",
        (*key, project_id),
    ).fetchone()


def version_from_file(conn: sqlite3.Connection, key: Key, project_id: str, file_id: int) -> int | None:
    """The latest version of a project taken from this file, or None."""
    return conn.execute(
        "SELECT MAX(version) FROM submissions WHERE round_id = ? AND scheme_id = ? AND project_id = ? "
        "AND file_id = ?",
        (*key, project_id, file_id),
    ).fetchone()[0]


def insert_project(conn: sqlite3.Connection, key: Key, project_id: str, submission_id: int) -> None:
    """A project's first version in a (round id, scheme id)."""
    conn.execute(
        "INSERT INTO projects (round_id, scheme_id, project_id, latest_submission_id) VALUES (?, ?, ?, ?)",
        (*key, project_id, submission_id),
    )


def set_latest(conn: sqlite3.Connection, project_row: int, submission_id: int) -> None:
    """Make a submission the project's latest version (what is scored)."""
    conn.execute("UPDATE projects SET latest_submission_id = ? WHERE id = ?", (submission_id, project_row))


def load_submission(conn: sqlite3.Connection, submission_id: int) -> Submission:
    """A stored submission with its cells."""
    row = conn.execute(
        f"SELECT {_SUBMISSION_READ} FROM submissions s LEFT JOIN cells c ON c.submission_id = s.id "
        "WHERE s.id = ?",
        (submission_id,),
    ).fetchone()
    return _submission(row)


def load_latest(conn: sqlite3.Connection, key: Key) -> dict[int, Submission]:
    """The latest version of every project of a (round id, scheme id), by submission id, in
    arrival order; one query whatever the number of projects."""
    rows = conn.execute(
        f"SELECT {_SUBMISSION_READ} FROM projects p JOIN submissions s ON s.id = p.latest_submission_id "
        "LEFT JOIN cells c ON c.submission_id = s.id WHERE p.round_id = ? AND p.scheme_id = ? ORDER BY p.id",
        key,
    )
    with paused_gc():  # tens of thousands of cells, none of them in a cycle
        return {row[0]: _submission(row) for row in rows}


def latest_ids(conn: sqlite3.Connection, key: Key) -> list[int]:
    """The submission ids of the latest versions of a (round id, scheme id), in arrival order."""
    return [row[0] for row in conn.execute(
        "SELECT latest_submission_id FROM projects WHERE round_id = ? AND scheme_id = ? ORDER BY id", key
    )]


def _submission(row: tuple) -> Submission:
    """A stored submission from a row of :data:`_SUBMISSION_READ`; a damaged row SQLite's own
    checks cannot see is reported as a damaged workspace."""
    project_id = row[1]
    submission = Submission(
        project_id=project_id,
        source=row[2],
        **dict(zip(PROJECT_FIELDS, row[3:11], strict=True)),
        issues=read_stored(encoding.issues_from_json, row[11], table="submissions",
                           what=said("ws_what_issues"), project_id=project_id),
        unmatched_codes=read_stored(unmatched_from_json, row[12], table="submissions",
                                    what=said("ws_what_unmatched"), project_id=project_id),
    )
    if row[13] is not None:
        submission.inputs = read_stored(cells_from_stored, row[13], table="cells", what=said("ws_what_cells"),
                                        project_id=project_id)
    return submission


# --------------------------------------------------------------------------- projects and versions


def project_rows(conn: sqlite3.Connection, round_id: int | None) -> list[tuple]:
    """(scheme id, project id, name, versions, latest import time, round label) of every
    project, by round (oldest first), scheme and arrival; of one round when ``round_id``."""
    return conn.execute(
        "SELECT p.scheme_id, p.project_id, s.name, s.version, s.imported_at, r.label FROM projects p "
        "JOIN submissions s ON s.id = p.latest_submission_id JOIN rounds r ON r.id = p.round_id "
        f"WHERE ? IS NULL OR p.round_id = ? ORDER BY {round_order('r')}, p.scheme_id, p.id",
        (round_id, round_id),
    ).fetchall()


def version_rows(conn: sqlite3.Connection, project_id: str) -> list[tuple]:
    """(submission id, scheme id, version, name, source, file sha256, import time, imported by,
    round id, round label) of every version of a project, in any order."""
    return conn.execute(
        "SELECT s.id, s.scheme_id, s.version, s.name, s.source, f.sha256, s.imported_at, "
        "s.imported_by, s.round_id, r.label FROM submissions s JOIN files f ON f.id = s.file_id "
        "JOIN rounds r ON r.id = s.round_id WHERE s.project_id = ?",
        (project_id,),
    ).fetchall()


def some_project_ids(conn: sqlite3.Connection, limit: int) -> list[str]:
    """The first project ids in sort order (to name a few in a message)."""
    return [row[0] for row in conn.execute(
        "SELECT DISTINCT project_id FROM projects ORDER BY project_id LIMIT ?", (limit,)
    )]


def project_places(conn: sqlite3.Connection, project_id: str) -> list[tuple[int, int, int]]:
    """(scheme id, latest version, round id) of a project wherever it was submitted."""
    return conn.execute(
        "SELECT p.scheme_id, s.version, p.round_id FROM projects p JOIN submissions s "
        "ON s.id = p.latest_submission_id WHERE p.project_id = ? ORDER BY p.scheme_id",
        (project_id,),
    ).fetchall()

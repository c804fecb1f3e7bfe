"""The statements about inspectors' work: scores and overrides, consensus records, evidence notes.

Part of the store (:mod:`scoring.workspace.store` says why all SQL is in its modules). Every
function takes the connection of the caller's transaction. A row is *active* until a newer
one by the same author supersedes it or it is withdrawn (the row stays, marked).
"""

from __future__ import annotations

import sqlite3

from scoring.workspace.store import ACTIVE, filtered_query, new_id

Key = tuple[int, int]  # (round id, scheme id)

#: An assessment row as :func:`assessment_rows` returns it: AssessmentRecord's fields after
#: (id, uid, scheme_id) are project_id … submission_version (3..10), ``superseded`` is derived
#: from column 11, withdrawn_* are columns 12..14.
ASSESSMENT_COLUMNS = (
    "id, uid, scheme_id, project_id, code, kind, fraction, inspector, reason, created_at, "
    "submission_version, superseded_by, withdrawn_at, withdrawn_by, withdrawn_reason"
)

#: A consensus row as :func:`consensus_rows` returns it (``basis`` as stored JSON, column 9).
CONSENSUS_COLUMNS = (
    "id, uid, scheme_id, project_id, code, fraction, inspector, reason, created_at, basis, "
    "superseded_by, withdrawn_at, withdrawn_by, withdrawn_reason"
)

#: A note row as :func:`note_rows` returns it.
NOTE_COLUMNS = "id, scheme_id, project_id, code, text, inspector, created_at"


# --------------------------------------------------------------------------- scores and overrides


def insert_assessment(conn: sqlite3.Connection, row: tuple) -> int:
    """Store a score: (uid, round_id, scheme_id, project_id, code, kind, fraction, inspector,
    reason, created_at, submission_version); the inspector's earlier active score of the same
    criterion is superseded by it. Returns its id."""
    row_id = new_id(conn.execute(
        "INSERT INTO assessments (uid, round_id, scheme_id, project_id, code, kind, fraction, inspector, "
        "reason, created_at, submission_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row,
    ))
    _, round_id, scheme_id, project_id, code, _, _, inspector, *_ = row
    conn.execute(
        "UPDATE assessments SET superseded_by = ? WHERE round_id = ? AND scheme_id = ? AND project_id = ? "
        f"AND code = ? AND inspector = ? AND id <> ? AND {ACTIVE}",
        (row_id, round_id, scheme_id, project_id, code, inspector, row_id),
    )
    return row_id


def active_assessments(conn: sqlite3.Connection, key: Key, project_id: str, code: str) -> list[tuple]:
    """(id, inspector, fraction) of the active scores of a criterion, oldest first."""
    return conn.execute(
        "SELECT id, inspector, fraction FROM assessments WHERE round_id = ? AND scheme_id = ? "
        f"AND project_id = ? AND code = ? AND {ACTIVE} ORDER BY id",
        (*key, project_id, code),
    ).fetchall()


def active_scores(conn: sqlite3.Connection, key: Key, project_id: str, code: str) -> dict[str, float]:
    """Each inspector's active fraction of a criterion, by name (sorted case aside)."""
    rows = conn.execute(
        "SELECT inspector, fraction FROM assessments WHERE round_id = ? AND scheme_id = ? AND "
        f"project_id = ? AND code = ? AND {ACTIVE} ORDER BY created_at, id",
        (*key, project_id, code),
    )
    return dict(sorted(dict(rows).items(), key=lambda item: (item[0].casefold(), item[0])))


def withdraw(conn: sqlite3.Connection, table: str, row_id: int, withdrawn: tuple[str, str, str]) -> None:
    """Mark a score or consensus (``table``) withdrawn: (when, by whom, why)."""
    conn.execute(
        f"UPDATE {table} SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_reason = ? WHERE id = ?",
        (*withdrawn, row_id),
    )


def assessment_rows(conn: sqlite3.Connection, project_id: str | None = None, **only) -> list[tuple]:
    """Score rows (:data:`ASSESSMENT_COLUMNS`), oldest first: one by ``row_id``, or those of a
    project, a ``round_id`` and/or ``active_only``."""
    return _rows(conn, "assessments", ASSESSMENT_COLUMNS, project_id, **only)


def scores_of(conn: sqlite3.Connection, key: Key) -> list[tuple]:
    """(project_id, code, inspector, fraction, reason, created_at) of the active scores of a
    (round id, scheme id), oldest first."""
    return conn.execute(
        "SELECT project_id, code, inspector, fraction, reason, created_at FROM assessments "
        f"WHERE round_id = ? AND scheme_id = ? AND {ACTIVE} ORDER BY created_at, id",
        key,
    ).fetchall()


# --------------------------------------------------------------------------- consensus


def insert_consensus(conn: sqlite3.Connection, row: tuple) -> tuple[int, int]:
    """Store a consensus: (uid, round_id, scheme_id, project_id, code, fraction, inspector,
    reason, created_at, basis as JSON); it supersedes the criterion's active one. Returns its
    id and how many it superseded."""
    row_id = new_id(conn.execute(
        "INSERT INTO consensus (uid, round_id, scheme_id, project_id, code, fraction, inspector, reason, "
        "created_at, basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row,
    ))
    _, round_id, scheme_id, project_id, code, *_ = row
    replaced = conn.execute(
        "UPDATE consensus SET superseded_by = ? WHERE round_id = ? AND scheme_id = ? AND project_id = ? "
        f"AND code = ? AND id <> ? AND {ACTIVE}",
        (row_id, round_id, scheme_id, project_id, code, row_id),
    ).rowcount
    return row_id, replaced


def active_consensus(conn: sqlite3.Connection, key: Key, project_id: str, code: str) -> tuple | None:
    """(id, fraction) of a criterion's active consensus, or None."""
    return conn.execute(
        "SELECT id, fraction FROM consensus WHERE round_id = ? AND scheme_id = ? AND project_id = ? "
        f"AND code = ? AND {ACTIVE} ORDER BY id DESC",
        (*key, project_id, code),
    ).fetchone()


def consensus_rows(conn: sqlite3.Connection, project_id: str | None = None, **only) -> list[tuple]:
    """Consensus rows (:data:`CONSENSUS_COLUMNS`), oldest first: one by ``row_id``, or those of
    a project, a ``round_id`` and/or ``active_only``."""
    return _rows(conn, "consensus", CONSENSUS_COLUMNS, project_id, **only)


def agreed_of(conn: sqlite3.Connection, key: Key) -> list[tuple]:
    """(project_id, code, fraction, inspector, reason, created_at) of the active consensus
    records of a (round id, scheme id), oldest first."""
    return conn.execute(
        "SELECT project_id, code, fraction, inspector, reason, created_at FROM consensus "
        f"WHERE round_id = ? AND scheme_id = ? AND {ACTIVE} ORDER BY created_at, id",
        key,
    ).fetchall()


# --------------------------------------------------------------------------- notes


def insert_note(conn: sqlite3.Connection, row: tuple) -> int:
    """Store a note: (uid, round_id, scheme_id, project_id, code, text, inspector, created_at)."""
    return new_id(conn.execute(
        "INSERT INTO notes (uid, round_id, scheme_id, project_id, code, text, inspector, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        row,
    ))


def note_rows(conn: sqlite3.Connection, project_id: str | None = None, round_id: int | None = None) -> list:
    """Note rows (:data:`NOTE_COLUMNS`), oldest first, of a project and/or a round."""
    return _rows(conn, "notes", NOTE_COLUMNS, project_id, round_id=round_id)


def _rows(conn: sqlite3.Connection, table: str, columns: str, project_id: str | None, *,
          row_id: int | None = None, round_id: int | None = None, active_only: bool = False) -> list[tuple]:
    if row_id is not None:
        return conn.execute(f"SELECT {columns} FROM {table} WHERE id = ?", (row_id,)).fetchall()
    query, params = filtered_query(f"SELECT {columns} FROM {table}", project_id, round_id=round_id,
                                   active_only=active_only)
    return conn.execute(query, params).fetchall()

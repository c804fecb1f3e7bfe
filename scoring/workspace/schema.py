"""The workspace file format: the SQLite schema, its versions and their migrations, the header.

A workspace is an SQLite database marked with ``PRAGMA application_id`` (so that any other
SQLite file is recognised as "not a workspace" from its first 100 bytes, without opening it)
and ``PRAGMA user_version`` (the schema version). This module only says how things are laid
out on disk (the statements that read and write rows are in the store modules, store.py and
store_*.py; how values are encoded in encoding.py), so a later schema version adds a
migration here and a reader of old files stays simple. Over 500 lines because every format's
script stays here as it was written: a new file is made by replaying them all.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import itertools
import operator
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from scoring.core.model import CellValue
from scoring.core.presentation import Said, said
from scoring.core.targets import assessment_year
from scoring.workspace.cells import PROJECT_FIELDS, stored_from_entries
from scoring.workspace.encoding import decode_value

#: "SyPW" as a signed 32-bit integer: marks the file as a SynergyPilot workspace.
APPLICATION_ID = 0x53795057
FORMAT_NAME = "synergypilot-workspace"
#: The schema version this program writes. Bump it together with a MIGRATIONS entry.
SCHEMA_VERSION = 6
SQLITE_MAGIC = b"SQLite format 3\x00"

#: The tables of submissions and of projects as format 1 made them; format 5 rebuilds them
#: with their round (:func:`_with_round`).
_SUBMISSIONS_V1 = """
CREATE TABLE submissions (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,
    scheme_id        INTEGER NOT NULL REFERENCES schemes (id),
    project_id       TEXT NOT NULL,
    version          INTEGER NOT NULL CHECK (version >= 1),
    file_id          INTEGER NOT NULL REFERENCES files (id),
    source           TEXT NOT NULL,
    content_hash     TEXT NOT NULL,
    imported_at      TEXT NOT NULL,
    imported_by      TEXT NOT NULL,
    name             TEXT NOT NULL,
    level            TEXT NOT NULL,
    template         TEXT NOT NULL,
    template_version TEXT NOT NULL,
    region           TEXT NOT NULL,
    organisation     TEXT NOT NULL,
    year             TEXT NOT NULL,
    contact          TEXT NOT NULL,
    issues           TEXT NOT NULL,
    unmatched        TEXT NOT NULL,
    UNIQUE (scheme_id, project_id, version)
);
"""
_PROJECTS_V1 = """
CREATE TABLE projects (
    id                   INTEGER PRIMARY KEY,
    scheme_id            INTEGER NOT NULL REFERENCES schemes (id),
    project_id           TEXT NOT NULL,
    latest_submission_id INTEGER NOT NULL REFERENCES submissions (id),
    UNIQUE (scheme_id, project_id)
);
"""


def _with_round(table: str, name: str) -> str:
    """A format-1 table as format 5 rebuilds it under ``name``: the same columns with the
    round's id before the scheme's, and the round first in its unique key."""
    lines = table.strip().splitlines()
    lines[0] = f"CREATE TABLE {name} ("
    at = next(n for n, line in enumerate(lines) if line.split()[0] == "scheme_id")
    column = f"{'    round_id':<{lines[at].index('INTEGER')}}"  # the types aligned, as written
    lines.insert(at, f"{column}INTEGER NOT NULL REFERENCES rounds (id),")
    return "\n".join(lines).replace("UNIQUE (", "UNIQUE (round_id, ")


SCHEMA_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- A template's bytes are kept so the exact file can be exported or compared on merge; its
-- parsed form is kept as JSON so reopening needs no re-parse and a later reader change can
-- never alter an old scheme silently.
CREATE TABLE schemes (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL,
    version      TEXT NOT NULL,
    level        TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    source_name  TEXT NOT NULL,
    template     BLOB NOT NULL,
    parsed       TEXT NOT NULL,
    added_at     TEXT NOT NULL,
    added_by     TEXT NOT NULL,
    UNIQUE (name_key, version)
);

-- One row per distinct imported file (by content). ``complete`` is 0 when part of it was
-- rejected, so importing it again after adding a template can still pick up the rest.
CREATE TABLE files (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    path        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    complete    INTEGER NOT NULL
);

-- Every version of every project's submission; never updated or deleted.
""" + _SUBMISSIONS_V1 + """
-- The latest version of each project within its scheme (what is scored); the row id gives
-- the order in which projects first arrived.
""" + _PROJECTS_V1 + """
-- Raw cells, one row per criterion code of a submission. *_kind keeps the reader's Python
-- type as a code of KIND_CODES (0 none, 1 int, 2 float, 3 str, 4 bool, 5 int as
-- text, 6 NaN/infinity as text, 7 datetime, 8 date, 9 time, 10 timedelta), so a Submission is
-- rebuilt exactly; a NULL kind means the reader found no cell at all.
CREATE TABLE inputs (
    submission_id     INTEGER NOT NULL REFERENCES submissions (id),
    seq               INTEGER NOT NULL,
    code              TEXT NOT NULL,
    current_kind      INTEGER,
    current_value,
    current_location  TEXT,
    current_note      TEXT,
    baseline_kind     INTEGER,
    baseline_value,
    baseline_location TEXT,
    baseline_note     TEXT,
    evidence          TEXT NOT NULL,
    PRIMARY KEY (submission_id, seq)
) WITHOUT ROWID;

-- Inspectors' manual scores and overrides. Several inspectors may score one criterion (merged
-- workspaces keep every author); an inspector's newer score supersedes their older one.
CREATE TABLE assessments (
    id                 INTEGER PRIMARY KEY,
    uid                TEXT NOT NULL UNIQUE,
    scheme_id          INTEGER NOT NULL REFERENCES schemes (id),
    project_id         TEXT NOT NULL,
    code               TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('manual', 'override')),
    fraction           REAL NOT NULL CHECK (fraction >= 0 AND fraction <= 1),
    inspector          TEXT NOT NULL CHECK (length(trim(inspector)) > 0),
    reason             TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at         TEXT NOT NULL,
    submission_version INTEGER NOT NULL,
    superseded_by      INTEGER REFERENCES assessments (id),
    withdrawn_at       TEXT,
    withdrawn_by       TEXT,
    withdrawn_reason   TEXT
);
CREATE INDEX assessments_by_criterion ON assessments (scheme_id, project_id, code);

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    scheme_id  INTEGER NOT NULL REFERENCES schemes (id),
    project_id TEXT NOT NULL,
    code       TEXT NOT NULL,
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    inspector  TEXT NOT NULL CHECK (length(trim(inspector)) > 0),
    created_at TEXT NOT NULL
);
CREATE INDEX notes_by_criterion ON notes (scheme_id, project_id, code);

CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    scheme     TEXT NOT NULL,
    project_id TEXT NOT NULL,
    code       TEXT NOT NULL,
    summary    TEXT NOT NULL,
    detail     TEXT NOT NULL
);
-- Append-only, enforced by the file itself rather than by our good behaviour.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

#: Version 2 (merging inspectors' workspaces, issue 9): supervisors' consensus records, and
#: where each audit entry was first written.
SCHEMA_V2 = """
-- A supervisor's consensus on a criterion that inspectors scored: it wins over their scores.
-- ``basis`` keeps the inspectors' active scores it was reached over, as JSON {name: fraction}.
CREATE TABLE consensus (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,
    scheme_id        INTEGER NOT NULL REFERENCES schemes (id),
    project_id       TEXT NOT NULL,
    code             TEXT NOT NULL,
    fraction         REAL NOT NULL CHECK (fraction >= 0 AND fraction <= 1),
    inspector        TEXT NOT NULL CHECK (length(trim(inspector)) > 0),
    reason           TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at       TEXT NOT NULL,
    basis            TEXT NOT NULL,
    superseded_by    INTEGER REFERENCES consensus (id),
    withdrawn_at     TEXT,
    withdrawn_by     TEXT,
    withdrawn_reason TEXT
);
CREATE INDEX consensus_by_criterion ON consensus (scheme_id, project_id, code);

-- The workspace_id of the workspace an audit entry was written in, when it arrived by a
-- merge; empty for entries written in this file.
ALTER TABLE audit ADD COLUMN origin TEXT NOT NULL DEFAULT '';
"""


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    _run_script(conn, SCHEMA_V2)


SCHEMA_V3 = """
-- Files (or batch rows) an import refused, as the import reported them. Kept so that the
-- reports printed from a workspace list the refused files; a refusal is settled when a later
-- import takes a file from the same path (see Workspace.rejections).
CREATE TABLE rejections (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    message     TEXT NOT NULL,
    message_zh  TEXT NOT NULL,
    rejected_at TEXT NOT NULL,
    rejected_by TEXT NOT NULL
);

CREATE INDEX rejections_by_path ON rejections (path);
"""


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    _run_script(conn, SCHEMA_V3)


SCHEMA_V4 = """
-- A submission's raw cells in one row instead of one row per code (an import writes a
-- sixtieth of the rows): JSON columns of values, notes, locations and evidence, laid out in
-- scoring/workspace/cells.py. The submissions' content_hash is computed anew on upgrading, as
-- the fingerprint is now taken from these columns.
CREATE TABLE cells (
    submission_id INTEGER PRIMARY KEY REFERENCES submissions (id),
    cells         TEXT NOT NULL
);
"""

#: Every submission with its project fields and the rows of its cells in the ``inputs`` table
#: of versions 1 to 3 (one row of NULL cells for a submission without any), for
#: :func:`stored_from_old_rows`.
OLD_CELLS_QUERY = (
    "SELECT s.id, i.code, i.current_kind, i.current_value, i.current_location, i.current_note, "
    "i.baseline_kind, i.baseline_value, i.baseline_location, i.baseline_note, i.evidence, "
    f"{', '.join('s.' + f for f in PROJECT_FIELDS)} "
    "FROM submissions s LEFT JOIN inputs i ON i.submission_id = s.id"
)


def _migrate_3_to_4(conn: sqlite3.Connection) -> None:
    _run_script(conn, SCHEMA_V4)
    # One submission at a time from the cursor (a workspace can hold a million cells); the
    # fingerprints are written after the reading, as the query reads the submissions table.
    rows = conn.execute(f"{OLD_CELLS_QUERY} ORDER BY s.id, i.seq")
    fingerprints = []
    for sid, cells, content in stored_from_old_rows(rows):
        conn.execute("INSERT INTO cells (submission_id, cells) VALUES (?, ?)", (sid, cells))
        fingerprints.append((content, sid))
    conn.executemany("UPDATE submissions SET content_hash = ? WHERE id = ?", fingerprints)
    conn.execute("DROP TABLE inputs")


def stored_from_old_rows(rows: Iterable[tuple]) -> Iterator[tuple[int, str, str]]:
    """(submission id, ``cells`` column, fingerprint) from rows of :data:`OLD_CELLS_QUERY`.

    The rows are sorted by submission and then by position.
    """
    for sid, grouped in itertools.groupby(rows, key=operator.itemgetter(0)):
        group = list(grouped)
        entries = [(r[1], _old_cell(*r[2:6]), _old_cell(*r[6:10]), r[10]) for r in group if r[1] is not None]
        yield sid, *stored_from_entries(list(group[0][11:]), entries)


def _old_cell(kind: int | None, value: object, location: str, note: str | None) -> CellValue | None:
    return None if kind is None else CellValue(decode_value(kind, value), location, note)


SCHEMA_V5 = """
-- Assessment rounds (issue 20): a pilot is assessed again each year of its three, and each
-- round keeps its own submissions, versions, inspectors' scores, consensus and notes. ``year``
-- is the assessment year as text (the submissions' ``year``), ``label`` what people call it
-- ("2024 中期评估"); a round is matched by its label across workspaces (label_key folds case).
CREATE TABLE rounds (
    id         INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL CHECK (length(trim(label)) > 0),
    label_key  TEXT NOT NULL UNIQUE,
    year       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

-- Versions are numbered within a round: the same table with round_id in its key.
""" + _with_round(_SUBMISSIONS_V1, "submissions_v5") + """

-- The latest version of each project within its round and scheme.
""" + _with_round(_PROJECTS_V1, "projects_v5") + """

ALTER TABLE assessments ADD COLUMN round_id INTEGER REFERENCES rounds (id);
ALTER TABLE consensus ADD COLUMN round_id INTEGER REFERENCES rounds (id);
ALTER TABLE notes ADD COLUMN round_id INTEGER REFERENCES rounds (id);
"""

#: Columns of the submissions table before format 5 (all of them, in order).
_SUBMISSION_V4_COLUMNS = (
    "id, uid, scheme_id, project_id, version, file_id, source, content_hash, imported_at, imported_by, "
    "name, level, template, template_version, region, organisation, year, contact, issues, unmatched"
)
def years_round(years: Iterable[object]) -> tuple[str, str]:
    """(label, year) of the one round an older workspace's submissions are put in.

    Named after their years: "2024", or "2023–2024" when they span several (the round's year
    is the last); "round 1" when no submission gives a year.
    """
    found = sorted({y for y in (assessment_year(v) for v in years) if y})
    if not found:
        return "round 1", ""
    label = found[0] if len(found) == 1 else f"{found[0]}–{found[-1]}"
    return label, found[-1]


def _migrate_4_to_5(conn: sqlite3.Connection) -> None:
    _run_script(conn, SCHEMA_V5)
    years = [row[0] for row in conn.execute("SELECT year FROM submissions")]
    round_id = None
    if years:
        label, year = years_round(years)
        round_id = conn.execute(
            "INSERT INTO rounds (uid, label, label_key, year, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, 'upgrade')",
            (uuid.uuid4().hex, label, label.casefold(), year,
             _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds")),
        ).lastrowid
    # rebuilt the way SQLite's documentation gives for changing a table's constraints (new
    # table, copy, drop, rename), with foreign keys off: migrate() checks them all at the end
    conn.execute(
        f"INSERT INTO submissions_v5 (round_id, {_SUBMISSION_V4_COLUMNS}) "
        f"SELECT ?, {_SUBMISSION_V4_COLUMNS} FROM submissions",
        (round_id,),
    )
    conn.execute(
        "INSERT INTO projects_v5 (id, round_id, scheme_id, project_id, latest_submission_id) "
        "SELECT id, ?, scheme_id, project_id, latest_submission_id FROM projects",
        (round_id,),
    )
    for table in ("projects", "submissions"):
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}_v5 RENAME TO {table}")
    for table in ("assessments", "consensus", "notes"):
        conn.execute(f"UPDATE {table} SET round_id = ?", (round_id,))


SCHEMA_V6 = """
-- The sheet and cell a refusal is about (issue 16: the refused files listed after reopening
-- said what was wrong but no longer where). Refusals stored before format 6 keep '' here; their
-- message still names the place in words.
ALTER TABLE rejections ADD COLUMN sheet TEXT NOT NULL DEFAULT '';
ALTER TABLE rejections ADD COLUMN cell TEXT NOT NULL DEFAULT '';
"""


def _migrate_5_to_6(conn: sqlite3.Connection) -> None:
    _run_script(conn, SCHEMA_V6)


#: ``MIGRATIONS[n]`` upgrades a schema of version n to n + 1 inside the caller's transaction.
#: A new file is made by the version 1 script followed by every migration, so a new file and
#: an upgraded old one always have the same schema.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
    3: _migrate_3_to_4,
    4: _migrate_4_to_5,
    5: _migrate_5_to_6,
}


class HeaderProblem(Exception):
    """The first bytes say the file is not a (usable) workspace; ``kind`` says why."""

    def __init__(self, kind: str, message: Said):
        super().__init__(message.en)
        self.kind = kind
        self.said = message


@dataclasses.dataclass(frozen=True)
class Header:
    """What the SQLite header (the first 100 bytes) says about a file."""

    user_version: int
    application_id: int
    page_size: int
    pages: int
    pages_valid: bool


def read_header(path: Path) -> Header:
    """Read and check a workspace's header without opening it with SQLite.

    Raises
    ------
    HeaderProblem
        ``not_sqlite`` or ``other_sqlite`` (not a workspace) or ``corrupt``.
    """
    with open(path, "rb") as handle:
        head = handle.read(100)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise HeaderProblem("not_sqlite", said("ws_not_sqlite"))
    app_id = int.from_bytes(head[68:72], "big", signed=True)
    if app_id != APPLICATION_ID:
        raise HeaderProblem("other_sqlite", said("ws_other_sqlite"))
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise HeaderProblem("corrupt", said("ws_bad_header"))
    return Header(
        user_version=int.from_bytes(head[60:64], "big", signed=True),
        application_id=app_id,
        page_size=page_size,
        pages=int.from_bytes(head[28:32], "big"),
        pages_valid=head[24:28] == head[92:96],
    )


def check_size(path: Path, header: Header) -> None:
    """Refuse a truncated file (the header knows how many pages there should be).

    Only meaningful while no other program writes the file (a checkpoint in progress may
    briefly disagree), so the caller checks it with the lock held.
    """
    size = path.stat().st_size
    if size % header.page_size or (
        header.pages_valid and header.pages and size < header.pages * header.page_size
    ):
        raise HeaderProblem("corrupt", said("ws_truncated"))


def create_schema(conn: sqlite3.Connection, meta: dict[str, str]) -> None:
    """Create the current schema in an empty database, inside the caller's transaction."""
    _run_script(conn, SCHEMA_V1)
    for version in range(1, SCHEMA_VERSION):
        MIGRATIONS[version](conn)
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", sorted(meta.items()))
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run a schema script inside the caller's transaction (executescript() would commit on
    its own; one statement at a time stays in the transaction)."""
    for statement in _statements(script):
        conn.execute(statement)


def _statements(script: str) -> list[str]:
    """Split a schema script into statements (``sqlite3.complete_statement`` knows triggers)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--") and not current.strip():
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [s for s in statements if s]


def migrate(conn: sqlite3.Connection, from_version: int) -> list[int]:
    """Run the migrations from ``from_version`` up to SCHEMA_VERSION; return the steps taken.

    The caller wraps this in one transaction, so a failed or interrupted migration leaves the
    file exactly at its old version (SQLite's schema changes are transactional), with foreign
    keys off, as a migration may rebuild a table that others refer to; every reference is
    checked here before the caller commits.
    """
    steps = []
    for version in range(from_version, SCHEMA_VERSION):
        MIGRATIONS[version](conn)
        steps.append(version + 1)
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise sqlite3.IntegrityError(f"{len(broken)} rows refer to rows that are missing after the upgrade")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return steps

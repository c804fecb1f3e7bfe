"""The fault suite (issue 15): full disks, killed exports and damaged copies lose nothing.

Each scenario checks three things: nothing committed is lost (or doubled), the previous output
file is intact, and the message says plainly what happened. Disks fill up for real on a small
tmpfs where the tests may mount one, else through RLIMIT_FSIZE (tests/faults.py). Data are
small and nothing waits on the clock.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scoring.cli.main import main
from scoring.workspace.facade import ImportStopped, Workspace, WorkspaceError
from scoring.workspace.merge import merge, merge_into
from tests.builders import criterion, project, write_template
from tests.fast_forms import write_fast_form
from tests.faults import KINDS, small_disk
from tests.merge_team import build_team, write_files

CODES = [f"C{i:02d}" for i in range(30)]
FORMS = 60


@pytest.fixture(params=KINDS)
def disk(tmp_path, request):
    with small_disk(tmp_path, request.param) as disk:
        yield disk


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    """A 30-criterion template and 60 forms, each with long evidence, so they fill a disk soon."""
    folder = tmp_path_factory.mktemp("inputs")
    template = write_template(folder / "city.xlsx", [criterion(c) for c in CODES], name="City scheme")
    forms = folder / "forms"
    forms.mkdir()
    for i in range(FORMS):
        rows = [dict(code=c, current=(i * 7 + j) % 100, evidence=f"site report {i}-{j} " * 20)
                for j, c in enumerate(CODES)]
        write_fast_form(forms / f"f{i:03d}.xlsx", project(f"CX-{i:05d}", name=f"Project {i}"), rows)
    return {"template": template, "forms": forms}


def versions(path: Path) -> dict[str, list[int]]:
    """Every stored project with its version numbers."""
    with Workspace.open(path) as workspace:
        found: dict[str, list[int]] = {}
        for entry in workspace.projects():
            found[entry.project_id] = [v.version for v in workspace.history(entry.project_id)]
        return found


# --------------------------------------------------------------------------- full disk, workspace


def test_a_workspace_stopped_by_a_full_disk_opens_when_space_is_freed_and_finishes_the_import(disk, inputs):
    path = disk.folder / "full.spw"
    with Workspace.create(path, actor="staff") as workspace:
        workspace.add_template(inputs["template"])
    disk.leave(400 * 1024)
    with pytest.raises(ImportStopped) as stopped, Workspace.open(path) as workspace:
        workspace.import_files([inputs["forms"]])
    committed = len(stopped.value.report.imported)
    assert 0 < committed < FORMS
    assert disk.error_words in str(stopped.value)
    assert "everything before it is safe" in str(stopped.value)
    assert disk.error_words_zh in stopped.value.message_zh and "此前的一切都安全" in stopped.value.message_zh
    if disk.mounted:  # still full: it opens and reads all the same (the log stays beside it)
        assert versions(path) == {f"CX-{i:05d}": [1] for i in range(committed)}

    disk.free()
    assert versions(path) == {f"CX-{i:05d}": [1] for i in range(committed)}
    with Workspace.open(path) as workspace:
        report = workspace.import_files([inputs["forms"]])
        assert (len(report.unchanged), len(report.imported)) == (committed, FORMS - committed)
    assert versions(path) == {f"CX-{i:05d}": [1] for i in range(FORMS)}


def counts(path: Path) -> dict[str, int]:
    """Rows per table: what a failed change must leave as it was."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def test_a_full_disk_during_assess_keeps_everything_and_the_score_is_recorded_after(disk, team):
    path = disk.folder / "li.spw"
    path.write_bytes(team["supervisor"].read_bytes())
    before = counts(path)
    with Workspace.open(path) as workspace:
        disk.leave(0)  # the workspace is open: its shared-memory index is written already
        with pytest.raises(WorkspaceError, match=disk.error_words) as refused:
            workspace.assess("P2", "M", 0.4, inspector="Li", reason="second visit")
        assert "everything before it is safe" in str(refused.value)
        assert disk.error_words_zh in refused.value.message_zh
        disk.free()
    assert counts(path) == before
    with Workspace.open(path) as workspace:
        workspace.assess("P2", "M", 0.4, inspector="Li", reason="second visit")
    assert counts(path)["assessments"] == before["assessments"] + 1


def test_a_full_disk_during_a_merge_keeps_the_master_and_the_merge_carries_on_after(disk, team):
    master = disk.folder / "master.spw"
    master.write_bytes(team["master"].read_bytes())
    before = counts(master)
    with Workspace.open(master) as workspace:
        disk.fill()
        with pytest.raises(WorkspaceError, match=disk.error_words):
            merge_into(workspace, [team["supervisor"]])
        disk.free()
    assert counts(master) == before
    with Workspace.open(master) as workspace:
        report = merge_into(workspace, [team["supervisor"]])
        assert report.sources[0].assessments_added > 0
    assert counts(master)["assessments"] > before["assessments"]


def test_a_copy_to_a_full_disk_names_the_copy_and_leaves_nothing_behind(disk, team):
    source = team["supervisor"]
    before = source.read_bytes()
    with Workspace.open(source) as workspace, pytest.raises(WorkspaceError) as refused:
        disk.leave(4096)
        workspace.backup(disk.folder / "copy.spw")
    assert str(refused.value).startswith("copy.spw: ") and disk.error_words in str(refused.value)
    assert disk.files() == [] and source.read_bytes() == before


# --------------------------------------------------------------------------- exports

#: Run the command line with a fault: SIGKILL in the middle of writing the temporary output
#: ("mid-write", the file half written) or just before it is renamed into place ("before-rename",
#: complete but not yet the output). Either way the previous output must be intact.
KILLER = """
import builtins, io, os, signal, sys

def die():
    os.kill(os.getpid(), signal.SIGKILL)

class HalfWritten:
    def __init__(self, handle):
        self._handle = handle
    def write(self, data):
        self._handle.write(data[: max(1, len(data) // 2)])
        self._handle.flush()
        die()
    def __getattr__(self, name):
        return getattr(self._handle, name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self._handle.__exit__(*exc)

real_open = io.open

def killing_open(file, mode="r", *args, **kwargs):
    handle = real_open(file, mode, *args, **kwargs)
    temporary = ".sptmp" in os.fspath(file) if isinstance(file, (str, os.PathLike)) else False
    return HalfWritten(handle) if temporary and any(m in mode for m in "wax+") else handle

if sys.argv[1] == "mid-write":
    builtins.open = io.open = killing_open
else:
    os.replace = lambda *args, **kwargs: die()
sys.argv = ["main.py", *sys.argv[2:]]
from scoring.cli.main import main
sys.exit(main())
"""

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def small_inputs(inputs, tmp_path_factory) -> dict[str, Path]:
    """Four of the forms, and a workspace holding them (for the audit and tracking exports)."""
    folder = tmp_path_factory.mktemp("small")
    forms = folder / "forms"
    forms.mkdir()
    for path in sorted(inputs["forms"].iterdir())[:4]:
        (forms / path.name).write_bytes(path.read_bytes())
    workspace = folder / "w.spw"
    with Workspace.create(workspace, actor="staff") as opened:
        opened.add_template(inputs["template"])
        opened.import_files([forms])
    return {"template": inputs["template"], "forms": forms, "workspace": workspace}


EXPORTS = {
    "json": lambda i, out: ["score", "--template", str(i["template"]), str(i["forms"]), "--json", str(out)],
    "workbook": lambda i, out: ["score", "--template", str(i["template"]), str(i["forms"]),
                                "--out", str(out)],
    "pdf": lambda i, out: ["score", "--template", str(i["template"]), str(i["forms"]), "--pdf", str(out)],
    "audit": lambda i, out: ["audit", "--workspace", str(i["workspace"]), "--out", str(out)],
    "form": lambda i, out: ["form", "--template", str(i["template"]), "--out", str(out)],
    "track json": lambda i, out: ["track", "--workspace", str(i["workspace"]), "--json", str(out)],
    "track workbook": lambda i, out: ["track", "--workspace", str(i["workspace"]), "--out", str(out)],
    "track pdf": lambda i, out: ["track", "--workspace", str(i["workspace"]), "--pdf", str(out)],
}
SUFFIX = {"json": ".json", "workbook": ".xlsx", "pdf": ".pdf", "audit": ".xlsx", "form": ".xlsx",
          "track json": ".json", "track workbook": ".xlsx", "track pdf": ".pdf"}


def assert_valid(path: Path) -> None:
    """The file is a whole JSON document, zip package or PDF."""
    data = path.read_bytes()
    if path.suffix == ".json":
        json.loads(data)
    elif path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None
    else:
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


@contextlib.contextmanager
def index_held(workspace: Path):
    """The workspace's shared-memory index kept by a connection of this process, so a command
    opening it writes nothing to it: under a file-size limit (tests/faults.py) only the output
    is stopped, as on a disk that fills up while the output is written."""
    conn = sqlite3.connect(workspace)
    try:
        conn.execute("SELECT COUNT(*) FROM meta").fetchone()
        yield
    finally:
        conn.close()


def written_before(kind: str, small_inputs: dict, out: Path) -> bytes:
    assert main(EXPORTS[kind](small_inputs, out)) in (0, 3)
    assert_valid(out)
    return out.read_bytes()


@pytest.mark.parametrize("kind", list(EXPORTS))
def test_a_full_disk_keeps_the_previous_export_and_says_so_in_both_languages(disk, small_inputs, kind,
                                                                              capsys):
    out = disk.folder / f"result{SUFFIX[kind]}"
    before = written_before(kind, small_inputs, out)
    capsys.readouterr()
    with index_held(small_inputs["workspace"]):
        disk.leave(len(before) // 2)
        assert main(EXPORTS[kind](small_inputs, out)) == 2
    err = capsys.readouterr().err
    english, chinese = ("the disk is full", "磁盘已满") if disk.mounted else ("file too large", "文件过大")
    assert f"cannot write {out}: {english}" in err and f"无法写入 {out}：{chinese}" in err
    assert "Traceback" not in err and "None" not in err
    assert out.read_bytes() == before
    assert disk.files() == [out.name]  # no temporary file left behind


@pytest.mark.filterwarnings("error::ResourceWarning", "error::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("kind", list(EXPORTS))
def test_an_export_stopped_by_a_full_disk_leaves_no_file_open(disk, small_inputs, kind):
    out = disk.folder / f"result{SUFFIX[kind]}"
    before = written_before(kind, small_inputs, out)
    with index_held(small_inputs["workspace"]):
        disk.leave(len(before) // 2)
        assert main(EXPORTS[kind](small_inputs, out)) == 2
    gc.collect()  # a file or zip left open is closed (and warned about) now, inside the test


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("kind", list(EXPORTS))
def test_a_killed_export_keeps_the_previous_file_and_the_next_export_tidies_up(tmp_path, small_inputs, kind):
    out = tmp_path / "out" / f"result{SUFFIX[kind]}"
    before = written_before(kind, small_inputs, out)
    for moment in ("mid-write", "before-rename"):
        killed = subprocess.run([sys.executable, "-c", KILLER, moment, *EXPORTS[kind](small_inputs, out)],
                                cwd=ROOT, capture_output=True)
        assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
        assert out.read_bytes() == before
        # what this kill stranded; the one before was removed by this export when it started
        (stranded,) = [p.name for p in out.parent.iterdir() if p != out]
        assert stranded.startswith(".~result.") and ".sptmp" in stranded
    assert main(EXPORTS[kind](small_inputs, out)) in (0, 3)
    assert_valid(out)
    assert [p.name for p in out.parent.iterdir()] == [out.name]


# --------------------------------------------------------------------------- damaged copies


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> dict[str, Path]:
    """A supervisor's workspace (Li's and Wang's merged, a consensus on P1's M, a note, a refused
    file: a row in every table) to damage, and a healthy master (Zhao's) to merge it into."""
    folder = tmp_path_factory.mktemp("team")
    inspectors = build_team(folder, write_files(folder))
    supervisor = folder / "supervisor.spw"
    merge(supervisor, [inspectors["Li"], inspectors["Wang"]], actor="Chen")
    refused = folder / "refused" / "broken.xlsx"
    refused.parent.mkdir()
    refused.write_text("not a workbook")
    with Workspace.open(supervisor) as workspace:
        workspace.consensus("P1", "M", 0.65, inspector="Chen", reason="site visit together")
        workspace.add_note("P2", "A", "monitoring data seen", inspector="Chen")
        assert len(workspace.import_files([refused]).rejected) == 1
    master = folder / "master.spw"
    merge(master, [inspectors["Zhao"]], actor="Chen")
    return {"supervisor": supervisor, "master": master}


#: (what, SQL that damages one row, the words the message must name). Each row passes SQLite's
#: own integrity check: only decoding it shows the damage.
DAMAGE = {
    "scheme": ("UPDATE schemes SET parsed = '{\"name\": '", "table schemes"),
    "issues": ("UPDATE submissions SET issues = 'not json' WHERE project_id = 'P2'",
               "table submissions, project P2"),
    "unmatched": ("UPDATE submissions SET unmatched = '{}' WHERE project_id = 'P1'",
                  "table submissions, project P1"),
    "cells": ("UPDATE cells SET cells = '[[1,' WHERE submission_id IN (SELECT id FROM submissions WHERE "
              "project_id = 'P2')", "table cells, project P2"),
    "missing cells": ("DELETE FROM cells WHERE submission_id IN (SELECT id FROM submissions WHERE "
                      "project_id = 'P1')", "table cells, project P1"),
    # a CHECK constraint broken: SQLite's own check finds it, and says where
    "fraction": ("UPDATE assessments SET fraction = 'lots' WHERE project_id = 'P2'",
                 "CHECK constraint failed in assessments"),
    "basis": ("UPDATE consensus SET basis = '{\"Li\": \"much\"}'", "table consensus, project P1"),
    "audit detail": ("DROP TRIGGER audit_no_update; UPDATE audit SET detail = '[' WHERE id = (SELECT MAX(id) "
                     "FROM audit WHERE project_id = 'P1')", "table audit, project P1"),
    "note text": ("UPDATE notes SET text = CAST(X'C3' AS TEXT)", "table notes"),
}


def damaged_copy(source: Path, folder: Path, damage: str) -> Path:
    copy = folder / source.name
    copy.write_bytes(source.read_bytes())
    conn = sqlite3.connect(copy)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")  # as a byte flipped on a stick would
        *before, damaging = DAMAGE[damage][0].split("; ")
        for statement in before:
            conn.execute(statement)
        assert conn.execute(damaging).rowcount > 0
        conn.commit()
        if damage != "fraction":  # the others pass SQLite's own check: only decoding shows them
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    return copy


def totals(path: Path) -> dict[str, float]:
    with Workspace.open(path) as workspace:
        return {p.project_id: round(p.total, 9) for p in workspace.score().projects}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_source_is_refused_whole_and_the_master_stays_byte_identical(team, tmp_path, damage,
                                                                               capsys):
    source = damaged_copy(team["supervisor"], tmp_path, damage)
    master = tmp_path / "master.spw"
    master.write_bytes(team["master"].read_bytes())
    before, scores = master.read_bytes(), totals(master)
    assert master.read_bytes() == before
    assert main(["merge", "--into", str(master), str(source)]) == 2
    err = capsys.readouterr().err
    assert f"{source.name} is damaged" in err and DAMAGE[damage][1] in err
    assert "nothing was merged and the master is unchanged" in err and "Traceback" not in err
    assert f"错误：{source.name} 已损坏" in err and "未合并任何内容，主工作区保持不变" in err
    assert master.read_bytes() == before
    assert totals(master) == scores  # and still scorable


#: A text column of every table (its last row, or the one named): a byte flipped there makes it
#: unreadable as UTF-8, which SQLite's own check does not see.
TEXT_COLUMNS = {
    "meta": "value WHERE key = 'created_by'", "schemes": "source_name", "files": "name",
    "submissions": "organisation", "projects": "project_id", "cells": "cells", "assessments": "reason",
    "notes": "text", "audit": "summary", "consensus": "reason", "rejections": "message", "rounds": "label",
}


def test_every_table_is_damaged_in_some_text_column_here(team):
    conn = sqlite3.connect(f"{team['supervisor'].resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == set(TEXT_COLUMNS)  # a table added to the workspace is added here too
        assert all(conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables)
    finally:
        conn.close()


@pytest.mark.parametrize("table", list(TEXT_COLUMNS))
def test_a_source_with_an_unreadable_text_in_any_table_is_refused_whole(team, tmp_path, table, capsys):
    column, _, where = TEXT_COLUMNS[table].partition(" WHERE ")
    where = where or f'rowid = (SELECT MAX(rowid) FROM "{table}")'
    source = tmp_path / "supervisor.spw"
    source.write_bytes(team["supervisor"].read_bytes())
    conn = sqlite3.connect(source)
    try:
        conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
        damaged = conn.execute(f"UPDATE \"{table}\" SET \"{column}\" = CAST(X'C3A9C3' AS TEXT) "
                               f"WHERE {where}")
        assert damaged.rowcount == 1
        conn.commit()
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    master = tmp_path / "master.spw"
    master.write_bytes(team["master"].read_bytes())
    before = master.read_bytes()
    assert main(["merge", "--into", str(master), str(source)]) == 2
    err = capsys.readouterr().err
    assert f"error: supervisor.spw is damaged: a text in table {table} cannot be read" in err, err
    assert f"错误：supervisor.spw 已损坏：表 {table} 中有文本无法读取" in err
    assert "nothing was merged and the master is unchanged" in err and "Traceback" not in err
    assert master.read_bytes() == before


@pytest.mark.parametrize("damage", ["issues", "cells", "basis", "audit detail"])
def test_every_command_reports_the_same_damaged_workspace(team, tmp_path, damage, capsys):
    path = damaged_copy(team["supervisor"], tmp_path, damage)
    commands = {
        "score": ["score", "--workspace", str(path)],
        "assess": ["assess", "--workspace", str(path), "P1", "M", "0.5", "--inspector", "Li",
                   "--reason", "x"],
        "history": ["history", "--workspace", str(path), "P1"],
        "audit": ["audit", "--workspace", str(path)],
        "explain": ["explain", "P1", "--workspace", str(path)],
        "track": ["track", "--workspace", str(path)],
    }
    before = path.read_bytes()
    for name, argv in commands.items():
        assert main(argv) == 2, name
        err = capsys.readouterr().err
        assert f"{path.name}: the workspace is damaged" in err and DAMAGE[damage][1] in err, (name, err)
        assert "restore it from a backup" in err and "unexpected" not in err, name
        assert f"错误：{path.name}：工作区已损坏" in err and "请从备份恢复" in err, name
    assert path.read_bytes() == before  # nothing recorded in a damaged workspace

"""The assessment workspace: storage, versions, inspectors' work, audit, and reliability.

Scores are checked against hand-computed values. The scheme used throughout has criteria A
(value, 0..100, weight 1), B (yes/no, weight 1) and M (manual, weight 2), 100 points, missing
counted as zero, so W = 4 and one weight unit is worth 25 points.
"""

from __future__ import annotations

import datetime
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from scoring.io.pipeline import load_schemes, read_and_match, run
from scoring.reports.audit_workbook import export_audit
from scoring.workspace import encoding as workspace_encoding
from scoring.workspace import schema as workspace_schema
from scoring.workspace.facade import (
    NotAWorkspace,
    SchemeConflict,
    Workspace,
    WorkspaceCorrupt,
    WorkspaceError,
    WorkspaceLocked,
    WorkspaceNotFound,
    WorkspaceReadOnly,
    WorkspaceTooNew,
)
from tests.builders import PILOT_CRITERIA as CRITERIA
from tests.builders import (
    criterion,
    old_workspace,
    override_of_p1_a,
    project,
    write_batch,
    write_form,
    write_template,
)
from tests.fast_forms import write_fast_form

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def forms(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    write_form(folder / "p1.xlsx", project("P1"), [dict(code="A", current=50), dict(code="B", current="是")])
    write_form(
        folder / "p2.xlsx",
        project("P2", name="Project two"),
        [dict(code="A", current=100), dict(code="B", current="否")],
    )
    return folder


def side_files(path: Path) -> list[str]:
    """SQLite's and our companion files beside a workspace (there should be none when closed)."""
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name) and p != path)


def table_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: conn.execute(f"SELECT COUNT(*) FROM {n}").fetchone()[0] for n in names}
    finally:
        conn.close()


def totals(run_result) -> dict[str, float]:
    return {p.project_id: p.total for p in run_result.projects}


# --------------------------------------------------------------------------- the file


def test_new_workspace_is_one_marked_sqlite_file(tmp_path):
    path = tmp_path / "new.spw"
    with Workspace.create(path, actor="staff") as workspace:
        assert workspace.schema_version == workspace_schema.SCHEMA_VERSION == 6
        assert len(workspace.workspace_id) == 32
        assert not workspace.read_only
        assert side_files(path) == ["new.spw-shm", "new.spw-wal", "new.spw.lock"]
        entries = workspace.audit_entries()
    assert [(e.action, e.actor) for e in entries] == [("workspace_created", "staff")]
    assert side_files(path) == []  # closing folds the WAL back and removes the lock file
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == workspace_schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_paths_with_spaces_hashes_and_chinese_work(tmp_path, template, forms):
    folder = tmp_path / "评估 2024 #1 ?&%"
    folder.mkdir()
    with Workspace.create(folder / "试点 工作区.spw") as workspace:
        workspace.add_template(template)
        workspace.import_files([forms])
    with Workspace.open(folder / "试点 工作区.spw") as workspace:
        assert len(workspace.score().projects) == 2
    assert sorted(p.name for p in folder.iterdir()) == ["试点 工作区.spw"]


def test_create_refuses_an_existing_file_and_open_a_missing_one(tmp_path):
    existing = tmp_path / "x.spw"
    existing.write_bytes(b"something")
    with pytest.raises(WorkspaceError, match="already exists"):
        Workspace.create(existing)
    assert existing.read_bytes() == b"something"
    with pytest.raises(WorkspaceNotFound, match="no such workspace"):
        Workspace.open(tmp_path / "missing.spw")
    assert not (tmp_path / "missing.spw").exists()


# --------------------------------------------------------------------------- templates


def test_identical_template_again_changes_nothing(ws, template):
    before = len(ws.audit_entries())
    assert ws.add_template(template).name == "City scheme"
    assert len(ws.schemes()) == 1
    assert len(ws.audit_entries()) == before
    assert ws.template_bytes("City scheme", "1") == template.read_bytes()


def test_changed_template_with_same_version_is_refused(ws, tmp_path):
    changed = write_template(tmp_path / "changed.xlsx", CRITERIA[:2], name="City scheme")
    before = len(ws.audit_entries())
    with pytest.raises(SchemeConflict, match="new version number"):
        ws.add_template(changed)
    assert len(ws.schemes()) == 1
    assert len(ws.audit_entries()) == before


def test_new_version_is_added_beside_and_takes_level_matched_submissions(ws, tmp_path, forms):
    ws.import_files([forms / "p1.xlsx"])
    v2 = write_template(tmp_path / "v2.xlsx", CRITERIA[:2], name="City scheme", version="2")
    ws.add_template(v2)
    assert [(s.name, s.version) for s in ws.schemes()] == [("City scheme", "1"), ("City scheme", "2")]
    assert [s.version for s in ws.current_schemes()] == ["2"]
    write_form(tmp_path / "p3.xlsx", project("P3"), [dict(code="A", current=10)])
    write_form(
        tmp_path / "p4.xlsx",
        project("P4", template="City scheme", template_version="1"),
        [dict(code="A", current=10)],
    )
    report = ws.import_files([tmp_path / "p3.xlsx", tmp_path / "p4.xlsx"])
    assert {(s.project_id, s.scheme_version) for s in report.imported} == {("P3", "2"), ("P4", "1")}
    result = ws.score()
    assert {(p.project_id, p.scheme_version) for p in result.projects} == {
        ("P1", "1"),
        ("P3", "2"),
        ("P4", "1"),
    }


# --------------------------------------------------------------------------- imports


def test_score_from_workspace_equals_scoring_without_one(ws, template, forms):
    report = ws.import_files([forms])
    assert report.summary() == "2 imported, 0 resubmitted, 0 unchanged, 0 rejected"
    # the forms give no year: they make one round, which the workspace's JSON names
    expected = {**run([template], [forms]).as_dict(), "round": {"label": "round 1", "year": ""}}
    assert ws.score().as_dict() == expected


def test_an_import_lists_the_files_of_its_folders_that_it_did_not_read(ws, forms):
    (forms / "totals.csv").write_text("P1,80\n", encoding="utf-8")
    (forms / ".~lock.p1.xlsx#").write_text("someone,host,2024", encoding="utf-8")
    report = ws.import_files([forms])
    assert report.summary() == "2 imported, 0 resubmitted, 0 unchanged, 0 rejected, 2 not read"
    reasons = {Path(s.path).name: s for s in report.skipped}
    assert set(reasons) == {"totals.csv", ".~lock.p1.xlsx#"}
    assert reasons["totals.csv"].text("en").startswith("totals.csv: not read: .csv is not a spreadsheet")
    assert reasons["totals.csv"].text("zh").startswith("totals.csv：未读取：.csv 不是可导入的电子表格类型")
    assert "lock file" in reasons[".~lock.p1.xlsx#"].text("en")
    assert {Path(s["path"]).name for s in report.as_dict()["skipped"]} == set(reasons)


def typed_form(path: Path) -> Path:
    """A form with every kind of cell the reader produces: percent, bool, date, formula, error."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Project"
    for row in (["project_id", "P9"], ["name", "类型 Typed"], ["level", "city"], ["year", 2024]):
        sheet.append(row)
    data = wb.create_sheet("Data")
    data.append(["code", "indicator", "unit", "baseline", "current", "evidence"])
    data.append(["A", "a", "%", None, 0.125, "监测报告.pdf"])
    data["E2"].number_format = "0.0%"
    data.append(["B", "b", "", None, True, None])
    data.append(["C", "c", "", datetime.date(2024, 1, 2), "=1+1", None])
    data.append(["D", "d", "", None, "#DIV/0!", None])
    data.append(["E", "e", "", None, datetime.datetime(2024, 1, 2, 3, 4, 5), None])
    data.append(["F", "f", "", None, datetime.time(1, 2), None])
    data.append(["A", "again", "", None, 5, None])
    data.append(["ZZ", "unknown", "", None, "12,345", None])
    data.append(["M", "manual", "", None, None, "site visit"])
    wb.save(path)
    return path


def test_stored_submissions_are_rebuilt_exactly(tmp_path, template):
    path = typed_form(tmp_path / "typed.xlsx")
    expected, _ = read_and_match([path], load_schemes([template]))
    with Workspace.create(tmp_path / "w.spw") as workspace:
        workspace.add_template(template)
        workspace.import_files([path])
    with Workspace.open(tmp_path / "w.spw") as workspace:  # a fresh object: nothing cached
        stored = workspace.submissions()
    (submissions,) = expected.values()
    assert stored == {"City scheme 1": submissions}
    cells = stored["City scheme 1"][0].inputs
    assert type(cells["B"].current.value) is bool and cells["A"].current.note == "percent"
    assert cells["C"].baseline.value == datetime.date(2024, 1, 2)
    # the reader's warning, then matching's warnings for C, D, E, F and ZZ (not in the scheme)
    assert [i.kind for i in stored["City scheme 1"][0].issues] == ["duplicate_code"] + ["unknown_code"] * 5


def test_value_encoding_round_trips_every_reader_type():
    values = [
        None,
        True,
        False,
        0,
        -(2**70),
        2.5,
        float("inf"),
        float("nan"),
        "",
        "文本",
        datetime.date(2024, 2, 29),
        datetime.datetime(2024, 1, 2, 3, 4, 5, 6),
        datetime.time(23, 59),
        datetime.timedelta(days=-1, seconds=5, microseconds=7),
    ]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (kind INTEGER, value)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [workspace_encoding.encode_value(v) for v in values])
    back = [
        workspace_encoding.decode_value(k, v)
        for k, v in conn.execute("SELECT kind, value FROM t ORDER BY rowid")
    ]
    assert [type(v) for v in back] == [type(v) for v in values]
    assert back[:7] == values[:7] and back[8:] == values[8:]
    assert back[7] != back[7]  # NaN survives as NaN (SQLite alone would store NULL)


def test_stored_cells_round_trip_every_reader_type_with_its_cell():
    from scoring.core.model import CellValue, IndicatorInput, Submission
    from scoring.workspace.cells import cells_from_stored, stored_cells

    values = [True, 0, -(2**70), 0.1 + 0.2, 1e300, float("inf"), "文本", "\ud800 lone half",
              datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 2, 3, 4, 5, 6),
              datetime.time(23, 59), datetime.timedelta(days=-1, seconds=5, microseconds=7)]
    # codes out of sorted order (C10 sorts before C2): the reader's order comes back
    inputs = {f"C{k}": IndicatorInput(CellValue(v, f"f.xlsx:Data!E{k + 3}", "percent" if k == 1 else None),
                                      CellValue(k, f"f.xlsx:Data!D{k + 3}") if k % 2 else None, f"e{k}")
              for k, v in enumerate(values)}
    inputs["NAN"] = IndicatorInput(CellValue(float("nan"), "f.xlsx:Data!E99"), None, "")
    inputs["BLANK"] = IndicatorInput(None, None, "")
    inputs["NOTE"] = IndicatorInput(CellValue(None, "f.xlsx:Data!E98", "formula_without_value"), None, "")
    inputs["ELSEWHERE"] = IndicatorInput(CellValue(1.0, "g.xlsx:Batch!B9"), None, "")  # no shared prefix
    text, _ = stored_cells(Submission("P", "", "city", "f.xlsx", inputs=inputs))
    conn = sqlite3.connect(":memory:")  # through SQLite as stored: text that is not UTF-8 must survive
    conn.execute("CREATE TABLE cells (submission_id INTEGER PRIMARY KEY, cells TEXT NOT NULL)")
    conn.execute("INSERT INTO cells VALUES (1, ?)", (text,))
    again = cells_from_stored(conn.execute("SELECT cells FROM cells").fetchone()[0])
    assert list(again) == list(inputs)
    nan = again.pop("NAN").current
    assert nan.value != nan.value and nan.location == "f.xlsx:Data!E99"
    del inputs["NAN"]
    assert again == inputs
    types = [type(again[f"C{k}"].current.value) for k in range(len(values))]
    assert types == [type(v) for v in values]


def test_fingerprint_ignores_where_values_stood_but_not_what_they_say():
    from scoring.core.model import CellValue, IndicatorInput, Submission
    from scoring.workspace.cells import stored_cells

    def fingerprint(rows: dict, name: str = "One", source: str = "a.xlsx") -> str:
        inputs = {code: IndicatorInput(CellValue(value, f"{source}:Data!E{k + 2}"), None, "")
                  for k, (code, value) in enumerate(rows.items())}
        return stored_cells(Submission("P1", name, "city", source, inputs=inputs))[1]

    first = fingerprint({"A": 1.5, "B": "是"})
    assert fingerprint({"B": "是", "A": 1.5}, source="b.xlsx") == first  # other file, rows swapped
    assert fingerprint({"A": 1.5, "B": "否"}) != first
    assert fingerprint({"A": 1.5, "B": "是"}, name="Two") != first
    assert fingerprint({"A": 1.5, "B": "是", "C": None}) != first  # a row more, even blank


def test_identical_reimport_changes_nothing_and_says_so(ws, forms):
    ws.import_files([forms])
    counts = table_counts(ws.path)
    report = ws.import_files([forms])
    assert report.summary() == "0 imported, 0 resubmitted, 2 unchanged, 0 rejected"
    assert all("identical to" in u.message and "nothing changed" in u.message for u in report.unchanged)
    assert table_counts(ws.path) == counts


def test_same_values_in_another_file_make_no_new_version(ws, forms, tmp_path):
    ws.import_files([forms])
    # the same values laid out differently (a title row moves every cell down one row)
    write_form(
        tmp_path / "p1_copy.xlsx",
        project("P1"),
        [dict(code="A", current=50), dict(code="B", current="是")],
        title_rows=1,
    )
    report = ws.import_files([tmp_path / "p1_copy.xlsx"])
    assert [u.project_id for u in report.unchanged] == ["P1"]
    assert "same values as its version 1" in report.unchanged[0].message
    assert [v.version for v in ws.history("P1")] == [1]


def test_resubmission_makes_a_version_with_its_differences(ws, forms, tmp_path):
    ws.import_files([forms])
    write_form(
        tmp_path / "p1_v2.xlsx",
        project("P1", name="Project one (revised)"),
        [dict(code="A", current=60), dict(code="B", current="否", evidence="audit.pdf")],
    )
    report = ws.import_files([tmp_path / "p1_v2.xlsx"])
    assert report.summary() == "0 imported, 1 resubmitted, 0 unchanged, 0 rejected"
    (item,) = report.resubmitted
    assert (item.project_id, item.version) == ("P1", 2)
    assert [c.describe() for c in item.changes] == [
        "name: Project one → Project one (revised)",
        "A current: 50 → 60",
        "B current: 是 → 否",
        "B evidence: (blank) → audit.pdf",
    ]
    history = ws.history("P1")
    assert [(v.version, Path(v.source).name, len(v.changes)) for v in history] == [
        (1, "p1.xlsx", 0),
        (2, "p1_v2.xlsx", 4),
    ]
    assert history[1].file_sha256 != history[0].file_sha256
    assert [(p.project_id, p.versions, p.name) for p in ws.projects()] == [
        ("P1", 2, "Project one (revised)"),
        ("P2", 1, "Project two"),
    ]
    # the latest version is scored: A 0.6·25 = 15, B no 0, M pending 0 → 15
    assert totals(ws.score())["P1"] == pytest.approx(15.0)
    entry = ws.audit_entries()[-1]
    assert (entry.action, entry.project_id, entry.detail["version"]) == ("resubmission", "P1", 2)
    assert entry.detail["changes"][1] == {"code": "A", "field": "current", "old": 50.0, "new": 60.0}


def test_the_same_answer_in_the_other_language_is_no_change(ws, forms, tmp_path):
    """B yes/no: "是" then "yes" is one answer (parse_yes_no reads 1 from both); A 50 then "50.0"
    typed as text is one number. What the engine reads differently is a change: B "否" then
    "maybe", and an unreadable "maybe" then "perhaps" (neither can be read, so they are
    compared as typed)."""
    ws.import_files([forms])
    write_form(tmp_path / "p1_v2.xlsx", project("P1"),
               [dict(code="A", current="50.0"), dict(code="B", current="yes")])
    write_form(tmp_path / "p2_v2.xlsx", project("P2", name="Project two"),
               [dict(code="A", current=100), dict(code="B", current="maybe")])
    report = ws.import_files([tmp_path / "p1_v2.xlsx", tmp_path / "p2_v2.xlsx"])
    assert [(item.project_id, item.version, [c.describe() for c in item.changes])
            for item in report.resubmitted] == [("P2", 2, ["B current: 否 → maybe"])]
    write_form(tmp_path / "p2_v3.xlsx", project("P2", name="Project two"),
               [dict(code="A", current=100), dict(code="B", current="perhaps")])
    (item,) = ws.import_files([tmp_path / "p2_v3.xlsx"]).resubmitted
    assert [c.describe() for c in item.changes] == ["B current: maybe → perhaps"]
    assert [v.version for v in ws.history("P1")] == [1]


def test_a_resaved_form_typed_differently_is_recognised_as_already_imported(ws, forms, tmp_path):
    """The same form saved again by another program: 是 typed as "yes " (a trailing space), 50
    as the text "50.0 ", a baseline 40 as 40.0. The scores read the same, so it is the version
    already imported: reported unchanged, in both languages, naming the cells typed otherwise,
    and nothing is stored (no version, no audit entry) but the file's record."""
    write_form(tmp_path / "in" / "p1.xlsx", project("P1"),
               [dict(code="A", current=50, baseline=40), dict(code="B", current="是")])
    ws.import_files([forms])
    history, entries = ws.history("P1"), len(ws.audit_entries())
    write_form(tmp_path / "p1_wps.xlsx", project("P1"),
               [dict(code="A", current="50.0 ", baseline=40.0), dict(code="B", current="yes ")])
    report = ws.import_files([tmp_path / "p1_wps.xlsx"])
    assert report.summary() == "0 imported, 0 resubmitted, 1 unchanged, 0 rejected"
    (same,) = report.unchanged
    assert same.project_id == "P1"
    assert same.message == (
        "p1_wps.xlsx: project P1 has the same values as its version 1, only typed differently in "
        "Data!E2, Data!E3 (e.g. 是 for yes, 50.0 for 50, spaces); already imported as version 1; "
        "nothing changed")
    assert same.message_zh == (
        "p1_wps.xlsx：项目 P1 与其第 1 版的填报值相同，只是 Data!E2, Data!E3 的写法不同（如“是”与“yes”、"
        "50.0 与 50、多余空格）；已导入为第 1 版，未作任何更改")
    assert ws.history("P1") == history
    assert len(ws.audit_entries()) == entries
    # a real change after it is version 2, its difference counted from version 1
    write_form(tmp_path / "p1_v2.xlsx", project("P1"),
               [dict(code="A", current="60", baseline=40), dict(code="B", current="yes")])
    (item,) = ws.import_files([tmp_path / "p1_v2.xlsx"]).resubmitted
    assert (item.version, [c.describe() for c in item.changes]) == (2, ["A current: 50 → 60"])


def test_a_choice_given_in_the_other_language_is_no_change(tmp_path):
    """diff_submissions reads a choice by parse_choice: "provincial" and "省级" are one label
    (fraction 0.5); "national" (1) after "省级" is a change, and so is a baseline 40 → 45."""
    from scoring.core.model import CellValue, IndicatorInput, Submission
    from scoring.io.template import load_template
    from scoring.workspace.records import diff_submissions

    header = ["code", "dimension", "indicator", "type", "weight", "choices", "choices_zh", "direction",
              "worst", "best"]
    scheme = load_template(write_template(tmp_path / "t.xlsx", [
        criterion("C", type="choice", choices="national=1; provincial=0.5; none=0",
                  choices_zh="国家级; 省级; 无"),
        criterion("V", type="change", direction="lower", worst=0, best=20),
    ], header=header))

    def submission(choice, baseline):
        return Submission(project_id="P1", source="p1.xlsx", name="One", level="city", inputs={
            "C": IndicatorInput(CellValue(choice, "Data!E2"), None, ""),
            "V": IndicatorInput(CellValue(10, "Data!E3"), CellValue(baseline, "Data!F3"), "")})

    first, same, other = submission("provincial", 40), submission("省级", 40), submission("national", 45)
    assert diff_submissions(first, same, scheme) == []
    assert [c.describe() for c in diff_submissions(same, other, scheme)] == [
        "C current: 省级 → national", "V baseline: 40 → 45"]


def test_every_version_is_scored_with_todays_inspectors_and_any_two_compare(ws, forms, tmp_path):
    from scoring.workspace.records import version_differences

    ws.import_files([forms])
    for name, a, b in (("p1_v2.xlsx", 60, "否"), ("p1_v3.xlsx", 80, "是")):
        write_form(tmp_path / name, project("P1"), [dict(code="A", current=a), dict(code="B", current=b)])
    ws.import_files([tmp_path / "p1_v2.xlsx"])
    ws.import_files([tmp_path / "p1_v3.xlsx"])
    ws.assess("P1", "M", 0.5, inspector="Li Wei", reason="site visit")
    scored = ws.scored_versions("P1")
    # one weight unit is 25 points; M (weight 2) scored 0.5 counts 25 in every version:
    # v1 A 50 → 12.5, B yes → 25; v2 A 60 → 15, B no → 0; v3 A 80 → 20, B yes → 25
    assert [(s.version.version, s.total) for s in scored] == [
        (1, pytest.approx(62.5)), (2, pytest.approx(40.0)), (3, pytest.approx(70.0))]
    assert [s.grade for s in scored] == ["Pass", "Fail", "Pass"]
    assert scored[-1].total == pytest.approx(totals(ws.score())["P1"])
    scheme = ws.schemes()[0]
    # v1 against v3, skipping v2: A 50 → 80 (12.5 → 20 points); B yes → yes is no difference
    differences = version_differences(scheme, scored[0], scored[2])
    assert [(d.change.code, d.change.field, d.change.old, d.change.new) for d in differences] == [
        ("A", "current", 50.0, 80.0)]
    assert differences[0].old_points == pytest.approx(12.5)
    assert differences[0].new_points == pytest.approx(20.0)
    with pytest.raises(WorkspaceError, match="no project 'P9'"):
        ws.scored_versions("P9")


def test_batch_resubmission_versions_only_the_changed_rows(ws, tmp_path):
    header = ["project_id", "name", "level", "A", "B"]
    write_batch(
        tmp_path / "b1.xlsx", header, [["P1", "One", "city", 10, "yes"], ["P2", "Two", "city", 20, "no"]]
    )
    write_batch(
        tmp_path / "b2.xlsx", header, [["P1", "One", "city", 10, "yes"], ["P2", "Two", "city", 25, "no"]]
    )
    assert ws.import_files([tmp_path / "b1.xlsx"]).summary().startswith("2 imported")
    report = ws.import_files([tmp_path / "b2.xlsx"])
    assert [u.project_id for u in report.unchanged] == ["P1"]
    assert [(s.project_id, [c.describe() for c in s.changes]) for s in report.resubmitted] == [
        ("P2", ["A current: 20 → 25"])
    ]


def test_rejections_and_duplicates_in_one_import(ws, forms, tmp_path):
    (forms / "broken.xlsx").write_text("not a workbook")
    write_form(forms / "p1_again.xlsx", project("P1"), [dict(code="A", current=70)])
    report = ws.import_files([forms])
    assert sorted(r.reason for r in report.rejected) == ["duplicate_project", "unreadable"]
    assert [s.project_id for s in report.imported] == ["P1", "P2"]  # p1.xlsx comes first by path
    (duplicate,) = [r for r in report.rejected if r.reason == "duplicate_project"]
    assert duplicate.message == ("p1_again.xlsx: project P1 was already submitted in p1.xlsx in this import; "
                                 "the first one is kept")
    assert duplicate.message_zh == "p1_again.xlsx：项目 P1 已在本次导入的 p1.xlsx 中提交过；保留第一份"


def test_partly_rejected_batch_can_be_imported_again_later(ws, tmp_path):
    header = ["project_id", "name", "level", "A"]
    write_batch(tmp_path / "b.xlsx", header, [["P1", "One", "city", 10], ["E1", "Firm", "enterprise", 5]])
    first = ws.import_files([tmp_path / "b.xlsx"])
    assert [r.reason for r in first.rejected] == ["no_matching_template"]
    ws.add_template(write_template(tmp_path / "ent.xlsx", [criterion("A")], name="Firms", level="enterprise"))
    second = ws.import_files([tmp_path / "b.xlsx"])
    assert [s.project_id for s in second.imported] == ["E1"]
    assert [u.project_id for u in second.unchanged] == ["P1"]
    assert (
        ws.import_files([tmp_path / "b.xlsx"]).summary()
        == "0 imported, 0 resubmitted, 1 unchanged, 0 rejected"
    )


def test_import_can_be_cancelled_between_files(ws, forms):
    report = ws.import_files([forms], progress=lambda done, total, path: done < 1)
    assert report.cancelled and [s.project_id for s in report.imported] == ["P1"]


def test_import_needs_a_scheme(tmp_path, forms):
    with Workspace.create(tmp_path / "empty.spw") as workspace:
        with pytest.raises(WorkspaceError, match="holds no scheme yet"):
            workspace.import_files([forms])


# --------------------------------------------------------------------------- inspectors


def indicator(workspace: Workspace, project_id: str, code: str) -> dict:
    by_id = {p["project_id"]: p for p in workspace.score().as_dict()["projects"]}
    return by_id[project_id]["indicators"][code]


def test_manual_score_override_and_withdrawal(ws, forms):
    ws.import_files([forms])
    # P1: A 0.5·25 = 12.5, B yes 25, M pending counted as 0 → 37.5
    assert totals(ws.score())["P1"] == pytest.approx(37.5)
    manual = ws.assess("P1", "M", 0.8, inspector="Li Wei", reason="site visit: plan adopted")
    assert (manual.kind, manual.submission_version, manual.active) == ("manual", 1, True)
    override = ws.assess("p1".upper(), "a", 0.9, inspector="Li Wei", reason='=HYPERLINK("x") verified data')
    assert (override.kind, override.code) == ("override", "A")
    # M 0.8·2·25 = 40, A overridden 0.9·25 = 22.5, B 25 → 87.5
    assert totals(ws.score())["P1"] == pytest.approx(87.5)
    assert indicator(ws, "P1", "A") == override_of_p1_a('=HYPERLINK("x") verified data')
    withdrawn = ws.withdraw("P1", "A", inspector="Li Wei", reason="data rechecked")
    assert (withdrawn.withdrawn_by, withdrawn.withdrawn_reason, withdrawn.active) == (
        "Li Wei",
        "data rechecked",
        False,
    )
    assert indicator(ws, "P1", "A")["status"] == "ok"
    assert totals(ws.score())["P1"] == pytest.approx(77.5)
    entries = [e for e in ws.audit_entries() if e.action in ("manual_score", "override", "withdrawal")]
    assert [(e.action, e.actor, e.project_id, e.code) for e in entries] == [
        ("manual_score", "Li Wei", "P1", "M"),
        ("override", "Li Wei", "P1", "A"),
        ("withdrawal", "Li Wei", "P1", "A"),
    ]
    assert entries[1].detail["fraction"] == 0.9 and entries[2].detail["reason"] == "data rechecked"
    assert [(a.code, a.active) for a in ws.assessments("P1", include_inactive=True)] == [
        ("M", True),
        ("A", False),
    ]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(fraction=1.2), "from 0 to 1"),
        (dict(fraction=float("nan")), "from 0 to 1"),
        (dict(fraction="x"), "must be a number"),
        (dict(reason="   "), "reason is required"),
        (dict(inspector=""), "inspector's name is required"),
        (dict(project_id="P404"), "no project 'P404'"),
        (dict(code="Z"), "no criterion 'Z'; its criteria are A, B, M"),
    ],
)
def test_assessment_problems_are_refused_and_change_nothing(ws, forms, kwargs, message):
    ws.import_files([forms])
    before = table_counts(ws.path)
    call = dict(project_id="P1", code="A", fraction=0.5, inspector="Li", reason="checked") | kwargs
    with pytest.raises(WorkspaceError, match=message):
        ws.assess(call.pop("project_id"), call.pop("code"), call.pop("fraction"), **call)
    assert table_counts(ws.path) == before


def test_each_inspectors_scores_are_kept_with_their_author(ws, forms):
    ws.import_files([forms])
    ws.assess("P1", "M", 0.6, inspector="Li", reason="first look")
    ws.assess("P1", "M", 0.7, inspector="Li", reason="second look")
    ws.assess("P1", "M", 0.2, inspector="Wang", reason="evidence thin")
    records = ws.assessments("P1", include_inactive=True)
    assert [(a.inspector, a.fraction, a.superseded, a.active) for a in records] == [
        ("Li", 0.6, True, False),
        ("Li", 0.7, False, True),
        ("Wang", 0.2, False, True),
    ]
    # two inspectors: the median of 0.7 and 0.2 is used (reconciliation: test_workspace_merge.py)
    assert indicator(ws, "P1", "M")["inspector"] == "Li, Wang"
    assert indicator(ws, "P1", "M")["score"] == pytest.approx(0.45)
    with pytest.raises(WorkspaceError, match="active scores are by Li, Wang"):
        ws.withdraw("P1", "M", inspector="Zhao", reason="supervisor")
    ws.withdraw("P1", "M", inspector="Zhao", reason="supervisor: not seen", author="Wang")
    assert indicator(ws, "P1", "M")["inspector"] == "Li"


def test_evidence_notes(ws, forms):
    ws.import_files([forms])
    note = ws.add_note("P1", "B", "certificate seen on site", inspector="Li")
    assert [(n.code, n.text, n.inspector) for n in ws.notes("P1")] == [
        ("B", "certificate seen on site", "Li")
    ]
    assert note.scheme == "City scheme"
    assert ws.audit_entries()[-1].action == "evidence_note"
    with pytest.raises(WorkspaceError, match="note is required"):
        ws.add_note("P1", "B", " ", inspector="Li")


def test_audit_log_cannot_be_edited(ws, forms):
    ws.import_files([forms])
    ws.close()
    conn = sqlite3.connect(ws.path)
    for statement in ("UPDATE audit SET actor = 'x'", "DELETE FROM audit"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(statement)
    conn.close()


def test_rescore_is_recorded_when_asked(ws, forms):
    ws.import_files([forms])
    ws.score()
    assert ws.audit_entries()[-1].action == "import"
    ws.score(record=True)
    assert (ws.audit_entries()[-1].action, ws.audit_entries()[-1].detail["projects"]) == ("rescore", 2)


def test_audit_export_writes_text_never_formulas(ws, forms, tmp_path):
    from openpyxl import load_workbook

    ws.import_files([forms])
    ws.assess("P1", "A", 0.5, inspector="=cmd|' /C calc'!A0", reason="=1+1")
    sheet = load_workbook(export_audit(ws, tmp_path / "audit.xlsx")).active
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "=cmd|' /C calc'!A0" in [c.value for c in texts]  # the actor column, verbatim
    assert any(c.value.endswith("— =1+1") for c in texts)
    assert {c.data_type for c in texts} == {"s"}


def test_backup_is_a_complete_workspace(ws, forms, tmp_path):
    ws.import_files([forms])
    ws.assess("P1", "M", 1.0, inspector="Li", reason="ok")
    copy = ws.backup(tmp_path / "copy.spw")
    with Workspace.open(copy) as other:
        assert other.score().as_dict() == ws.score().as_dict()
        # a copy of its own: worked on apart, a merge tells it from the original
        assert other.workspace_id != ws.workspace_id and len(other.workspace_id) == 32
        assert other.meta()["copied_from"] == ws.workspace_id
    assert side_files(copy) == []


# --------------------------------------------------------------------------- opening safely


def closed_workspace(tmp_path, template, forms) -> Path:
    with Workspace.create(tmp_path / "w.spw") as workspace:
        workspace.add_template(template)
        workspace.import_files([forms])
        return workspace.path


def assert_refused_untouched(path: Path, error: type, match: str) -> None:
    before = path.read_bytes()
    with pytest.raises(error, match=match):
        Workspace.open(path)
    assert path.read_bytes() == before
    assert side_files(path) == []


def test_newer_schema_is_refused(tmp_path, template, forms):
    path = closed_workspace(tmp_path, template, forms)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    assert_refused_untouched(
        path, WorkspaceTooNew, "newer SynergyPilot .*format 7.*install the newer version"
    )


def test_older_schema_is_migrated_in_one_transaction(tmp_path, template, forms, monkeypatch):
    # a made-up next version: the file is written at the current one, then "upgraded" by it
    path = closed_workspace(tmp_path, template, forms)
    current = workspace_schema.SCHEMA_VERSION
    monkeypatch.setattr(workspace_schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(
        workspace_schema.MIGRATIONS, current, lambda conn: conn.execute("ALTER TABLE notes ADD COLUMN tag")
    )
    with Workspace.open(path) as workspace:
        assert workspace.schema_version == current + 1
        entry = workspace.audit_entries()[-1]
        assert (entry.action, entry.detail["from"], entry.detail["to"]) == ("migration", current, current + 1)
        assert len(workspace.score().projects) == 2


def _rows(path: Path, table: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        conn.close()


def test_a_format_5_workspace_upgrades_once_and_keeps_everything(tmp_path):
    """tests/data/workspace_v5.spw was written by the format-5 code (make_v5_workspace.py): its
    two refusals (no_id.xlsx, sheet Project B1; a batch row, sheet Batch A3) lack their place."""
    path = old_workspace(tmp_path, 5)
    before = table_counts(path)
    old_rejections = _rows(path, "rejections")
    assert _rows(path, "pragma_user_version") == [(5,)]
    with Workspace.open(path) as workspace:
        assert workspace.schema_version == 6
        entry = workspace.audit_entries()[-1]
        assert (entry.action, entry.detail["from"], entry.detail["steps"]) == ("migration", 5, [6])
        # everything kept: every table holds what it held, the audit log one entry more
        assert table_counts(path) == {**before, "audit": before["audit"] + 1}
        assert [row + ("", "") for row in old_rejections] == _rows(path, "rejections")
        assert [(Path(r.source).name, r.reason, r.sheet, r.cell) for r in workspace.rejections()] == [
            ("batch.xlsx:Batch!3", "missing_project_id", "", ""),
            ("no_id.xlsx", "missing_project_id", "", "")]
        # P1: A 50 → 12.5, B yes → 25, M Li 0.6 → 30: 67.5; P2: A 100 → 25, B no, M pending: 25
        assert totals(workspace.score()) == pytest.approx({"P1": 67.5, "P2": 25.0})
        assert len(workspace.notes()) == 1
        # a refusal stored now keeps its place
        (tmp_path / "again").mkdir()
        refused = write_form(tmp_path / "again" / "no_id.xlsx", project("", name="No id"),
                             [dict(code="A", current=10)])
        workspace.import_files([refused])
    with Workspace.open(path) as workspace:  # upgraded once: no second migration
        assert [e.action for e in workspace.audit_entries()].count("migration") == 1
        places = {(Path(r.file).parent.name, r.sheet, r.cell) for r in workspace.rejections()}
        assert ("again", "Project", "B1") in places


def test_a_refusal_keeps_its_sheet_and_cell_after_reopening(tmp_path, template):
    folder = tmp_path / "in"
    folder.mkdir()
    write_form(folder / "no_id.xlsx", project("", name="No id"), [dict(code="A", current=10)])
    write_batch(folder / "batch.xlsx", ["project_id", "name", "level", "A", "B"],
                [["P1", "One", "city", 50, "是"], [None, "No id", "city", 20, "否"]])
    with Workspace.create(tmp_path / "work.spw") as workspace:
        workspace.add_template(template)
        reported = workspace.import_files([folder]).rejected
    with Workspace.open(tmp_path / "work.spw") as workspace:
        stored = workspace.rejections()
        assert stored == reported
        assert sorted((Path(r.file).name, r.sheet, r.cell) for r in stored) == [
            ("batch.xlsx", "Batch", "A3"), ("no_id.xlsx", "Project", "B1")]
        assert workspace.score().rejected == stored


def test_failed_migration_leaves_the_old_version(tmp_path, template, forms, monkeypatch):
    path = closed_workspace(tmp_path, template, forms)

    def broken(conn):
        conn.execute("ALTER TABLE notes ADD COLUMN tag")
        raise sqlite3.OperationalError("simulated failure half-way")

    current = workspace_schema.SCHEMA_VERSION
    monkeypatch.setattr(workspace_schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(workspace_schema.MIGRATIONS, current, broken)
    with pytest.raises(WorkspaceError):
        Workspace.open(path)
    monkeypatch.undo()
    with Workspace.open(path) as workspace:
        assert workspace.schema_version == current
        assert "tag" not in [r[1] for r in workspace.store.connection().execute("PRAGMA table_info(notes)")]
    assert side_files(path) == []


def test_truncated_workspace_is_refused_untouched(tmp_path, template, forms):
    path = closed_workspace(tmp_path, template, forms)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2 + 100])
    assert_refused_untouched(path, WorkspaceCorrupt, "damaged")


def test_workspace_with_damaged_pages_is_refused_untouched(tmp_path, template, forms):
    path = closed_workspace(tmp_path, template, forms)
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data), page):  # scribble over every b-tree page header
        data[start : start + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))
    assert_refused_untouched(path, WorkspaceCorrupt, "damaged")


def test_damaged_header_is_refused_untouched(tmp_path, template, forms):
    path = closed_workspace(tmp_path, template, forms)
    data = bytearray(path.read_bytes())
    data[16:18] = b"\x00\x03"  # a page size that is not a power of two
    path.write_bytes(bytes(data))
    assert_refused_untouched(path, WorkspaceCorrupt, "damaged")


@pytest.mark.parametrize("content", [b"", b"hello, not a workspace\n", "xlsx", "sqlite"])
def test_non_workspace_files_are_refused_untouched(tmp_path, template, content):
    path = tmp_path / "thing.spw"
    if content == "xlsx":
        path.write_bytes(template.read_bytes())
    elif content == "sqlite":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE t (x)")
        conn.close()
    else:
        path.write_bytes(content)
    assert_refused_untouched(path, NotAWorkspace, "not a SynergyPilot workspace")


def test_a_folder_is_not_a_workspace(tmp_path):
    with pytest.raises(NotAWorkspace, match="folder"):
        Workspace.open(tmp_path)


# --------------------------------------------------------------------------- two instances


def test_second_instance_opens_read_only_and_sees_the_writers_changes(ws, forms):
    other = Workspace.open(ws.path)
    try:
        assert other.read_only and "has it open" in other.read_only_reason
        assert "process" in other.read_only_reason  # who holds it: user, computer, process
        with pytest.raises(WorkspaceReadOnly, match="read-only"):
            other.assess("P1", "A", 0.5, inspector="Li", reason="x")
        with pytest.raises(WorkspaceReadOnly):
            other.import_files([forms])
        ws.import_files([forms])
        assert sorted(totals(other.score())) == ["P1", "P2"]  # reads see each commit
        with pytest.raises(WorkspaceLocked, match="close it there first"):
            Workspace.open(ws.path, read_only=False)
    finally:
        other.close()
    assert not ws.read_only
    ws.assess("P1", "A", 0.5, inspector="Li", reason="still writable")


def test_lock_is_released_on_close_and_when_the_holder_dies(tmp_path, template):
    path = tmp_path / "w.spw"
    Workspace.create(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from scoring.workspace.facade import Workspace; "
            "w = Workspace.open(sys.argv[1]); print('open', w.read_only, flush=True); sys.stdin.read()",
            str(path),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open False"
        with Workspace.open(path) as second:
            assert second.read_only
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    with Workspace.open(path) as after:  # the OS dropped the dead holder's lock
        assert not after.read_only
    assert side_files(path) == []


# --------------------------------------------------------------------------- kill during import

IMPORTER = """
import sys
from scoring.workspace.facade import Workspace

def progress(done, total, path):
    print(done, flush=True)
    return True

if __name__ == "__main__":
    workspace = Workspace.open(sys.argv[1], read_only=False)
    workspace.import_files([sys.argv[2]], progress=progress)
    print("finished", flush=True)
"""
N_FILES, ROWS, KILL_AFTER = 500, 12, 120


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL and process groups are POSIX")
def test_killed_import_keeps_every_committed_file_and_nothing_half_done(tmp_path):
    template = write_template(tmp_path / "t.xlsx", [criterion(f"C{j:02d}") for j in range(ROWS)])
    folder = tmp_path / "forms"
    folder.mkdir()
    for k in range(N_FILES):
        write_fast_form(
            folder / f"f{k:03d}.xlsx",
            {"project_id": f"P{k:03d}", "name": f"n{k}", "level": "city"},
            [{"code": f"C{j:02d}", "current": float(k + j)} for j in range(ROWS)],
        )
    path = tmp_path / "w.spw"
    with Workspace.create(path) as workspace:
        workspace.add_template(template)
    script = tmp_path / "importer.py"
    script.write_text(IMPORTER)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # a session of its own, so the kill also takes the reader's worker processes
    proc = subprocess.Popen(
        [sys.executable, str(script), str(path), str(folder)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    reported = 0
    try:
        for line in proc.stdout:
            assert line.strip() != "finished", "the import ended before it could be killed"
            reported = int(line)
            if reported >= KILL_AFTER:
                os.killpg(proc.pid, signal.SIGKILL)
                break
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with Workspace.open(path) as workspace:
        assert not workspace.read_only
        assert workspace.integrity_check() == "ok"
        conn = workspace.store.connection()
        stored = [r[0] for r in conn.execute("SELECT project_id FROM submissions ORDER BY id")]
        # every file announced as done was committed; the one being written is all or nothing
        assert reported <= len(stored) < N_FILES
        assert stored == [f"P{k:03d}" for k in range(len(stored))]
        stored_cells = conn.execute("SELECT submission_id, cells FROM cells")
        cells = {sid: len(json.loads(text)[0][0]) for sid, text in stored_cells}  # said: codes first
        assert len(cells) == len(stored) and set(cells.values()) == {ROWS}
        assert conn.execute("SELECT COUNT(*) FROM files").fetchone()[0] == len(stored)
        assert conn.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == len(stored)
        imports = [e for e in workspace.audit_entries() if e.action == "import"]
        assert [e.project_id for e in imports] == stored
        # the rest imports afterwards, and what was already in is recognised
        report = workspace.import_files([folder])
        assert (len(report.unchanged), len(report.imported)) == (len(stored), N_FILES - len(stored))


def test_refused_files_are_kept_until_a_later_import_settles_them(tmp_path, template, forms):
    """Reports printed from a workspace list the refused files, after reopening too; a file
    taken later from the same path settles its refusal, and re-importing one refusal does
    not list it twice."""
    bad = forms / "p3.xlsx"
    write_form(bad, project("P3", level="county"), [dict(code="A", current=10)])  # no such scheme
    (forms / "notes.xlsx").write_text("not a workbook", encoding="utf-8")
    path = tmp_path / "w.spw"
    with Workspace.create(path) as workspace:
        workspace.add_template(template)
        report = workspace.import_files([forms])
        assert sorted(r.reason for r in report.rejected) == ["no_matching_template", "unreadable"]
        workspace.import_files([bad])  # the same refusal again
    with Workspace.open(path) as workspace:
        standing = workspace.score().rejected
        assert sorted((Path(r.source).name, r.reason) for r in standing) == [
            ("notes.xlsx", "unreadable"), ("p3.xlsx", "no_matching_template")]
        write_form(bad, project("P3"), [dict(code="A", current=10)])  # corrected: a city project
        assert [i.project_id for i in workspace.import_files([bad]).imported] == ["P3"]
        assert [Path(r.source).name for r in workspace.rejections()] == ["notes.xlsx"]


def test_damaged_stored_cells_say_the_workspace_is_damaged(tmp_path, template, forms):
    path = tmp_path / "cells.spw"
    with Workspace.create(path) as workspace:
        workspace.add_template(template)
        workspace.import_files([forms])
    conn = sqlite3.connect(path)  # damage SQLite's own checks cannot see: cut JSON in one row
    conn.execute("UPDATE cells SET cells = substr(cells, 1, 20) WHERE submission_id = 1")
    conn.commit()
    conn.close()
    with Workspace.open(path) as workspace:
        damaged = "cells.spw: the workspace is damaged .*stored cells in table cells, project P1"
        with pytest.raises(WorkspaceCorrupt, match=damaged):
            workspace.score()

"""Issue 19, items 3 and 4: the import report (sheet, cell, what to do, files by relative name,
details in full on hover) and the Versions view it links to (every version's total and grade,
any two versions side by side)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from gui import translation
from gui.views import dialogs
from gui.views.versions_view import VersionsDialog


def _value_cell(path: Path, sheet: str, key: str) -> str:
    """The cell right of ``key`` in column A of ``sheet``: where the form's value for it goes."""
    rows = load_workbook(path)[sheet]
    label = next(c for row in rows.iter_rows() for c in row if c.value == key)
    return rows.cell(label.row, label.column + 1).coordinate


def _import_flawed(window, qtbot, demo_files):
    with qtbot.waitSignal(window.import_finished, timeout=120000):
        window.start_import([demo_files / "submissions" / "flawed"])
    dialog = window.report_dialog
    rows = [dialog.model.row_object(r) for r in range(dialog.model.rowCount())]
    return dialog, rows


def _column(model, header: str) -> int:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return headers.index(header)


def test_import_report_gives_sheet_cell_and_what_to_do_for_every_refusal(window, qtbot, demo_files):
    dialog, rows = _import_flawed(window, qtbot, demo_files)
    flawed = demo_files / "submissions" / "flawed"
    by_file = {Path(r.source).name: r for r in rows if r.outcome == "rejected"}
    assert set(by_file) == {"missing_project_id.xlsx", "not_a_workbook.xlsx", "unknown_template.xlsx"}
    # the empty project ID: the cell beside the project_id label of the Project sheet
    missing = by_file["missing_project_id.xlsx"]
    assert (missing.sheet, missing.cell) == ("Project", _value_cell(flawed / missing.file_text, "Project",
                                                                    "project_id"))
    # no scheme for the template named: the template's cell
    unknown = by_file["unknown_template.xlsx"]
    assert (unknown.sheet, unknown.cell) == ("Project", _value_cell(flawed / unknown.file_text, "Project",
                                                                    "template"))
    # a text file is refused whole: no sheet, no cell
    assert (by_file["not_a_workbook.xlsx"].sheet, by_file["not_a_workbook.xlsx"].cell) == ("", "")
    assert all(r.action for r in by_file.values())
    model = dialog.model
    sheet, cell, action = (_column(model, h) for h in ("Sheet", "Cell", "What to do"))
    row = rows.index(missing)
    assert model.index(row, sheet).data() == "Project" and model.index(row, cell).data() == missing.cell
    assert model.index(row, action).data().startswith("Fill in the project ID")
    # every issue of an accepted file shows its cell, a missing value the blank cell of its row
    issues = {Path(r.source).name: r for r in rows if r.outcome == "issue"}
    assert set(issues) == {"text_in_numeric_cell.xlsx", "missing_required_value.xlsx"}
    assert all(r.sheet == "Data" for r in issues.values())
    blank = issues["missing_required_value.xlsx"]
    code = blank.detail.split(": ", 1)[1].split(" ")[0].split("（")[0]
    assert blank.cell == _current_cell(flawed / "missing_required_value.xlsx", code)
    # double-click: where, what and what to do
    location = dialogs.LocationDialog.of_row(missing)
    assert [location.fields[k].text() for k in ("sheet", "cell")] == ["Project", missing.cell]
    assert location.fields["file"].text() == str(flawed / "missing_project_id.xlsx")
    assert location.fields["action"].text() == missing.action
    dialog.close()


def _current_cell(path: Path, code: str) -> str:
    """The "current" cell of ``code``'s row in the Data sheet, read with openpyxl."""
    rows = list(load_workbook(path)["Data"].iter_rows())
    header = next(k for k, row in enumerate(rows) if [c.value for c in row][:1] == ["code"])
    column = [c.value for c in rows[header]].index("current")
    row = next(row for row in rows[header + 1:] if row[0].value == code)
    return row[column].coordinate


def test_refusals_say_what_to_do_in_chinese(window, qtbot, demo_files):
    translation.install("zh_CN")
    _dialog, rows = _import_flawed(window, qtbot, demo_files)
    missing = next(r for r in rows if r.outcome == "rejected" and r.sheet == "Project" and not r.project)
    assert all(r.action and not r.action.isascii() for r in rows if r.outcome == "rejected")
    assert missing.action == "请在所示单元格填写项目编号后重新导入"


def test_files_are_named_relative_to_the_folder_imported_with_the_full_path_on_hover(tmp_path):
    from gui.models.tables import ImportReportModel, report_rows
    from scoring.core.model import Rejection
    from scoring.workspace.records import ImportReport

    root = tmp_path / "in"
    root.mkdir()  # a folder given (a file given names its own folder)
    source = root / "city" / "bad.xlsx"
    batch_row = Rejection(f"{root / 'batch.xlsx'}:Batch!5", "missing_project_id", "batch.xlsx: no project_id",
                          sheet="Batch", cell="A5")
    report = ImportReport(rejected=[Rejection(str(source), "not_a_submission", "bad.xlsx: no Data sheet"),
                                    batch_row], files=2)
    rows = report_rows(report, [], inputs=[root])
    model = ImportReportModel()
    model.set_report(rows)
    file_column, details = _column(model, "File"), _column(model, "Details")
    assert model.index(0, file_column).data() == "city/bad.xlsx"
    assert model.index(0, file_column).data(Qt.ItemDataRole.ToolTipRole) == str(source)
    # a batch row: the file, with its sheet and the row's cell in their own columns
    assert model.index(1, file_column).data() == "batch.xlsx"
    sheet, cell = _column(model, "Sheet"), _column(model, "Cell")
    assert (model.index(1, sheet).data(), model.index(1, cell).data()) == ("Batch", "A5")
    # details in full, wrapping, on hover
    assert model.index(0, details).data(Qt.ItemDataRole.ToolTipRole) == (
        "<p>Not a submission form: bad.xlsx: no Data sheet</p>")


def test_a_resaved_form_typed_differently_is_one_unchanged_row_in_the_interface_language(tmp_path):
    """The import report shows what the command line says of a form saved again with 是 typed as
    "yes": one "unchanged" row naming the version already imported, in the interface's language
    (Chinese, then English; gui_environment puts English back after the test)."""
    from gui.models.tables import report_rows
    from scoring.workspace.facade import Workspace
    from tests.builders import project, two_pilots, write_form

    template, folder, path = two_pilots(tmp_path)
    resaved = write_form(tmp_path / "p1_wps.xlsx", project("P1"),
                         [dict(code="A", current=50), dict(code="B", current="yes")])
    with Workspace.create(path, actor="staff") as ws:
        ws.add_template(template)
        ws.import_files([folder])
        report = ws.import_files([resaved])
    translation.install("zh_CN")
    (row,) = report_rows(report, [], inputs=[resaved])
    assert (row.outcome, row.project) == ("unchanged", "P1")
    assert row.detail == ("p1_wps.xlsx：项目 P1 与其第 1 版的填报值相同，只是 Data!E3 的写法不同"
                          "（如“是”与“yes”、50.0 与 50、多余空格）；已导入为第 1 版，未作任何更改")
    translation.install("en")
    (row,) = report_rows(report, [], inputs=[resaved])
    assert row.detail == ("p1_wps.xlsx: project P1 has the same values as its version 1, only typed "
                          "differently in Data!E3 (e.g. 是 for yes, 50.0 for 50, spaces); already imported "
                          "as version 1; nothing changed")


def test_a_resubmitted_row_opens_every_version_with_its_total_and_grade(window, qtbot, demo_files):
    window.results.select_project("C-2024-001")
    first = window.project()  # scored before the resubmission came
    dialog, rows = _import_flawed(window, qtbot, demo_files)
    resubmitted = next(r for r in rows if r.outcome == "resubmitted")
    assert resubmitted.stored.project_id == "C-2024-001"
    assert resubmitted.detail.startswith("version 2: ")
    tip = dialog.model.index(rows.index(resubmitted), _column(dialog.model, "Details")).data(
        Qt.ItemDataRole.ToolTipRole)
    assert tip.count("<br>") == len(resubmitted.stored.changes) - 1  # one change a line
    dialog.table.selectRow(rows.index(resubmitted))
    assert dialog.versions_button.isEnabled()
    dialog.show_row(rows.index(resubmitted))
    versions = window.findChildren(VersionsDialog)[-1]
    window.results.select_project("C-2024-001")
    latest = window.project()
    model = versions.versions_model
    total, grade = _column(model, "Total"), _column(model, "Grade")
    # newest first, each version's total and grade: the first as scored before the resubmission
    # came, the second as the project is scored now
    assert [model.index(r, total).data() for r in range(2)] == [f"{latest.total:.2f}", f"{first.total:.2f}"]
    assert [model.index(r, grade).data() for r in range(2)] == [latest.grade, first.grade]
    assert versions.total.text() == (f"<b>Version 1 → 2: total {first.total:.2f} → {latest.total:.2f}, "
                                     f"grade {first.grade} → {latest.grade}</b>")
    # the what-if kernel, taking the resubmission's changes back, agrees on the total before
    from scoring.core import explain

    before = explain.with_values_before(window.scheme(), window.scheme_projects(), latest,
                                        resubmitted.stored.changes)
    assert before.total == pytest.approx(first.total)
    versions.close()


def test_any_two_versions_side_by_side_in_either_order(window, qtbot, demo_files):
    _dialog, _rows = _import_flawed(window, qtbot, demo_files)
    window.results.select_project("C-2024-001")
    window.tabs.setCurrentWidget(window.detail)
    window.detail.versions_button.click()  # Project tab → Versions…
    versions = window.findChildren(VersionsDialog)[-1]
    changes = versions.changes_model
    header = [changes.headerData(c, Qt.Orientation.Horizontal) for c in range(changes.columnCount())]
    assert header == ["Criterion", "Indicator", "Field", "Old value", "New value", "Old points", "New points"]
    forward = [tuple(changes.index(r, c).data() for c in range(7)) for r in range(changes.rowCount())]
    assert forward and (versions.older.currentIndex(), versions.newer.currentIndex()) == (0, 1)
    # the other way round: every old and new value and points swap places
    versions.newer.setCurrentIndex(0)
    versions.older.setCurrentIndex(1)
    versions.older.activated.emit(1)
    backward = [tuple(changes.index(r, c).data() for c in range(7)) for r in range(changes.rowCount())]
    assert backward == [(c, i, f, new, old, new_points, old_points)
                        for c, i, f, old, new, old_points, new_points in forward]
    points = [row for row in forward if row[5]]
    assert points and all(row[2] in ("Value", "Baseline") for row in points)
    # selecting a version compares it with the one before; the first, with nothing
    versions.versions.selectRow(0)
    assert (versions.older.currentIndex(), versions.newer.currentIndex()) == (0, 1)
    assert changes.rowCount() == len(forward)
    versions.versions.selectRow(1)
    assert changes.rowCount() == 0
    assert versions.total.text() == "The first version: nothing to compare with."
    versions.close()

"""The main flow, driven through the real window: open, import, sort, filter, assess, export."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from gui import labels, workers
from gui.models.results import PROJECT_ROLE
from gui.models.tables import report_rows
from gui.views import dialogs
from tests.builders import criterion, write_template
from tests.gui.dialog_checks import assert_ok_waits_for_name_and_reason
from tests.test_report_pdf import pdf_pages


def _projects(win):
    model = win.results.model
    return [model.project_at(r) for r in range(model.rowCount())]


def test_opens_the_demo_workspace(window):
    assert "SynergyPilot" in window.windowTitle()
    assert "demo.spw" in window.windowTitle()
    assert {s.level for s in window.run.schemes} == {"region", "city", "park", "enterprise"}
    city = _projects(window)
    assert len(city) == 15 and all(p.level == "city" for p in city)
    assert [p.rank for p in city] == sorted(p.rank for p in city)
    assert "Projects: 86" in window.counts_label.text()
    assert window.detail.model.rowCount() == len(window.scheme().criteria)


def test_import_a_folder_with_bad_files_reports_why(window, qtbot, demo_files, monkeypatch):
    with qtbot.waitSignal(window.import_finished, timeout=60000) as blocker:
        worker = window.start_import([demo_files / "submissions" / "flawed"])
        assert worker is not None
        assert window.progress.isVisible()
    report = blocker.args[0]
    reasons = {Path(r.source).name: r.reason for r in report.rejected}
    assert (
        reasons["not_a_workbook.xlsx"] == "not_a_submission" or reasons["not_a_workbook.xlsx"] == "unreadable"
    )
    assert reasons["unknown_template.xlsx"] == "no_matching_template"
    assert reasons["missing_project_id.xlsx"] == "missing_project_id"
    assert not window.progress.isVisible()
    assert "Rejected files: " in window.counts_label.text()
    assert "Rejected files: 0" not in window.counts_label.text()

    dialog = window.report_dialog
    assert dialog is not None and dialog.isVisible()
    rows = [dialog.model.row_object(r) for r in range(dialog.model.rowCount())]
    rejected = [r for r in rows if r.outcome == "rejected"]
    assert len(rejected) == len(report.rejected)
    assert any("No matching scheme" in r.detail for r in rejected)
    # an issue of an imported file points at its cell; double-click shows file, sheet, cell
    issue_row = next(i for i, r in enumerate(rows) if r.outcome == "issue" and r.cell)
    seen = []
    monkeypatch.setattr(
        dialogs.LocationDialog, "show_location", classmethod(lambda cls, parent, row: seen.append(row))
    )
    dialog.show_row(issue_row)
    assert seen == [rows[issue_row]]
    location = dialogs.LocationDialog.of_row(rows[issue_row])
    assert location.fields["sheet"].text() == "Data"
    assert location.fields["cell"].text()[0].isalpha()
    dialog.close()


def test_cancel_stops_the_import(window, qtbot, demo_files):
    with qtbot.waitSignal(window.import_finished, timeout=60000) as blocker:
        worker = window.start_import([demo_files / "submissions"])
        worker.cancel()
    assert blocker.args[0].cancelled


def test_closing_during_an_import_neither_errs_nor_touches_the_closed_workspace(
    window, qtbot, demo_files, shown_errors, caplog
):
    imported = []
    window.import_finished.connect(imported.append)
    window.start_import([demo_files / "submissions"])
    window.close()  # Ctrl+Q while the import runs: the worker stops and its report is dropped
    qtbot.wait(200)
    assert not workers.active_workers()
    assert window.backend is not None and window.backend.workspace.closed
    assert shown_errors == [] and imported == []
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_sort_and_filter_the_results(window):
    view, model = window.results, window.results.model
    total = model.column_of("total")
    view.table.sortByColumn(total, Qt.SortOrder.AscendingOrder)
    totals = [p.total for p in _projects(window)]
    assert totals == sorted(totals)
    view.table.sortByColumn(total, Qt.SortOrder.DescendingOrder)
    assert [p.total for p in _projects(window)] == sorted(totals, reverse=True)

    view.set_filter(grade="Pass")
    assert model.rowCount() > 0 and all(p.grade == "Pass" for p in _projects(window))
    region = _projects(window)[0].region
    view.set_filter(region=region)
    assert all(p.region == region for p in _projects(window))
    view.set_filter(text="c-2024-00")
    assert all(p.project_id.startswith("C-2024-00") for p in _projects(window))
    assert "of 15 projects" in view.count_label.text()
    view.set_filter()
    assert model.rowCount() == 15
    index = model.index(0, 0)
    assert model.data(index, PROJECT_ROLE).project_id == _projects(window)[0].project_id


def test_the_pending_count_links_to_the_provisional_projects(window):
    import dataclasses

    # make every other project final, so that the filter has something to leave out
    window.rescore(dataclasses.replace(window.run, projects=[
        p if i % 2 else dataclasses.replace(p, pending=0) for i, p in enumerate(window.run.projects)]))
    expected = {p.project_id for p in window.scheme_projects() if p.provisional}
    assert 0 < len(expected) < len(window.scheme_projects())
    pending = sum(p.pending for p in window.run.projects)
    provisional = sum(1 for p in window.run.projects if p.provisional)
    label = window.pending_label.text()
    assert f"Pending: {pending} ({provisional} provisional projects)" in label and "<a href=" in label
    window.tabs.setCurrentWidget(window.detail)
    window.pending_label.linkActivated.emit("provisional")
    assert window.tabs.currentWidget() is window.results
    assert window.results.provisional_box.isChecked()
    assert {p.project_id for p in _projects(window)} == expected
    window.results.set_filter()
    assert len(_projects(window)) == len(window.scheme_projects())


def test_score_a_manual_criterion_changes_total_rank_and_audit(window, monkeypatch, rescored):
    manual = next(c for c in window.scheme().criteria if c.type == "manual")
    ranked = sorted(_projects(window), key=lambda p: p.rank)
    # The best-ranked project that full marks on the on-site criterion lifts past the one above
    # it; its new rank is 1 + the number of others still ahead (their totals do not change).
    second = next(p for above, p in pairwise(ranked) if p.total + manual.weight > above.total)
    expected_rank = 1 + sum(p.total > second.total + manual.weight for p in ranked if p is not second)
    assert expected_rank < second.rank
    manual = manual.code
    window.results.select_project(second.project_id)
    assert window.detail.summary.text().count(second.project_id) == 1
    assert second.indicators[manual].status == "pending"
    window.settings.inspector = "Inspector Li"
    asked = {}

    def answer(cls, parent, crit, result, inspector, **_kwargs):
        asked["inspector"] = inspector
        return dialogs.AssessAnswer(1.0, inspector, "Checked the monitoring platform on site")

    monkeypatch.setattr(dialogs.AssessDialog, "ask", classmethod(answer))
    window.detail.select_code(manual)
    with rescored():
        window.detail.override_button.click()
    assert asked["inspector"] == "Inspector Li"
    after = window.project()
    assert after.project_id == second.project_id
    assert after.indicators[manual].status == "override"
    assert after.total == pytest.approx(
        second.total + next(c.weight for c in window.scheme().criteria if c.code == manual)
    )
    assert after.rank == expected_rank
    assert window.results.model.project_at(window.results.table.currentIndex().row()).rank == expected_rank
    top = window.audit.model.row_object(0)
    assert top.action == "manual_score" and top.actor == "Inspector Li" and top.code == manual

    monkeypatch.setattr(
        dialogs.WithdrawDialog,
        "ask",
        classmethod(
            lambda cls, parent, code, inspector, **_kw: dialogs.AssessAnswer(
                0.0, "Inspector Li", "Entered for the wrong pilot"
            )
        ),
    )
    assert window.detail.withdraw_button.isEnabled()
    with rescored():
        window.detail.withdraw_button.click()
    assert window.project().indicators[manual].status == "pending"
    assert window.project().rank == second.rank
    assert window.audit.model.row_object(0).action == "withdrawal"


def test_assess_dialog_requires_a_reason(qtbot, window):
    scheme = window.scheme()
    project = window.project()
    crit = scheme.criteria[0]
    dialog = dialogs.AssessDialog(crit, project.indicators[crit.code], "Li")
    qtbot.addWidget(dialog)
    assert_ok_waits_for_name_and_reason(dialog)


def test_withdraw_dialog_requires_a_reason(qtbot):
    dialog = dialogs.WithdrawDialog("C01", "Li")
    qtbot.addWidget(dialog)
    assert_ok_waits_for_name_and_reason(dialog)


def test_switch_language_keeps_the_state(window):
    project_id = window.project_id
    scheme = window.scheme_name
    window.tabs.setCurrentWidget(window.detail)
    window.set_language("zh_CN")
    assert window.tabs.tabText(0) == "结果"
    assert window.menu_file.title().startswith("文件")
    assert window.results.model.headerData(0, Qt.Orientation.Horizontal) == "排名"
    assert window.detail.override_button.text() == "评分或调整…"
    assert window.project_id == project_id and window.scheme_name == scheme
    assert window.tabs.currentWidget() is window.detail
    assert "SynergyPilot" in window.windowTitle()
    assert window.settings.language == "zh_CN"
    window.set_language("en")
    assert window.tabs.tabText(0) == "Results"


def test_export_workbook_and_pdf(small_window, qtbot, tmp_path, monkeypatch):
    window = small_window  # six projects: the exports' path through the window, not their size
    targets = iter([tmp_path / "ranked.xlsx", tmp_path / "report.pdf", tmp_path / "audit.xlsx"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(next(targets)), ""))
    with qtbot.waitSignal(window.export_finished, timeout=120000) as blocker:
        window.act_export_workbook.trigger()
        assert window.progress.isVisible()  # written in a worker, the window stays usable
    assert blocker.args[0] == tmp_path / "ranked.xlsx"
    book = openpyxl.load_workbook(tmp_path / "ranked.xlsx")
    assert len(book.sheetnames) >= 4
    ids = {p.project_id for p in window.run.projects}
    assert len(ids) == 6  # the demo's six regions (scoring.build.demo.LEVEL_COUNTS)
    assert ids <= {v for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row}
    with qtbot.waitSignal(window.export_finished, timeout=300000) as blocker:
        window.act_export_pdf.trigger()
    assert (tmp_path / "report.pdf").read_bytes()[:5] == b"%PDF-"
    assert "report.pdf" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.export_finished, timeout=60000):
        window.act_export_audit.trigger()  # in a worker too: a long log takes seconds
    audit = openpyxl.load_workbook(tmp_path / "audit.xlsx").active
    actions = [row[3] for row in audit.iter_rows(min_row=4, values_only=True)]  # title, blank, header
    assert actions.count("import") == 6 and actions[0] == "workspace_created"


def test_cancelled_pdf_export_writes_nothing(window, qtbot, tmp_path):
    out = tmp_path / "cancelled.pdf"
    with qtbot.waitSignal(window.export_finished, timeout=300000) as blocker:
        worker = window.start_export("pdf", out)
        worker.cancel()
    assert blocker.args[0] is None and not out.exists()


def test_print_ranking_and_project_page_render_to_pdf(window, tmp_path):
    """Printing paints the PDF report's own pages: the same text, headers and approval block."""
    from gui import printing

    for name, render in (("ranked.pdf", window.render_ranked), ("project.pdf", window.render_project)):
        printer = printing.pdf_printer(str(tmp_path / name))
        printing.setup_printer(printer)
        render(printer)
        assert (tmp_path / name).read_bytes()[:5] == b"%PDF-"
    ranked = printing.ranked_pdf(window.scheme(), window.scheme_projects(), "en")
    (tmp_path / "source.pdf").write_bytes(ranked)
    pages = pdf_pages(tmp_path / "source.pdf")
    from tests.test_report_pdf import pdf_page_count

    assert pdf_page_count(tmp_path / "ranked.pdf") == len(pages)  # one printed page per report page
    import subprocess

    raw = subprocess.run(["pdftotext", "-raw", str(tmp_path / "source.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout  # in drawing order: a wrapped cell's lines together
    text = "".join(raw.split())
    assert all("".join(p.name.split()) in text for p in window.scheme_projects())  # never cut
    assert "Reviewandapproval" in text and f"Page1of{len(pages)}" in text
    preview = window.make_preview(window.render_ranked, landscape=True)
    assert preview.windowTitle() == "Print preview"
    preview.deleteLater()


def test_print_preview_lays_its_pages_out_in_a_worker(window, qtbot, tmp_path):
    """The preview's pages are laid out off the GUI thread, counted in the status bar; the
    dialog that opens then paints those pages, the same as the report's ranked pages."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from gui import printing
    from tests.test_report_pdf import pdf_page_count

    with qtbot.waitSignal(window.preview_ready, timeout=60000) as blocker:
        window.act_preview_ranked.trigger()
        assert window.task_worker is not None and not window.act_import_files.isEnabled()
    dialog = blocker.args[0]
    assert isinstance(dialog, QPrintPreviewDialog) and window.task_worker is None
    printer = printing.pdf_printer(str(tmp_path / "previewed.pdf"))
    printing.setup_printer(printer)
    dialog.paintRequested.emit(printer)
    ranked = printing.ranked_pdf(window.scheme(), window.scheme_projects(), "en")
    (tmp_path / "source.pdf").write_bytes(ranked)
    assert pdf_page_count(tmp_path / "previewed.pdf") == len(pdf_pages(tmp_path / "source.pdf"))
    dialog.close()


def test_printed_ranking_names_the_assessment_round(window, tmp_path):
    from gui import printing

    projects = window.scheme_projects()
    ranked = printing.ranked_pdf(window.scheme(), projects, "en", None, "second round", "2025")
    (tmp_path / "round.pdf").write_bytes(ranked)
    assert "Assessment round second round (2025)" in pdf_pages(tmp_path / "round.pdf")[0]


def _without_times(pages: list[str]) -> str:
    import re

    return re.sub(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?", "", "\n".join(pages))


def test_report_settings_from_the_dialog_and_from_the_cli_make_the_same_report(
        small_window, qtbot, tmp_path, monkeypatch, demo_files):
    """On the six demo regions: the full demo's report took a minute to write, twice."""
    import shutil

    from PySide6.QtWidgets import QDialog

    from scoring.cli.main import main

    values = {"org": "Provincial Ecology Bureau", "doc_no": "PEB [2026] 7", "period": "2025",
              "assessor": "Li Wei", "reviewer": "Wang Fang", "approver": "Zhao Min"}

    def fill_and_accept(dialog):
        for name, value in values.items():
            dialog.edits[name].setText(value)
        return QDialog.DialogCode.Accepted

    window = small_window
    monkeypatch.setattr(dialogs.ReportSettingsDialog, "exec", fill_and_accept)
    window.act_report_settings.trigger()
    assert window.backend.report_settings().as_dict() == values  # stored in the workspace
    assert window.backend.audit()[-1].action == "report_settings"
    with qtbot.waitSignal(window.export_finished, timeout=300000):
        window.start_export("pdf", tmp_path / "gui.pdf")
    copy = tmp_path / "cli.spw"
    shutil.copyfile(demo_files / "regions.spw", copy)
    flags = [arg for name, value in values.items() for arg in (f"--{name.replace('_', '-')}", value)]
    assert main(["score", "--workspace", str(copy), "--pdf", str(tmp_path / "cli.pdf"), "--lang", "en",
                 *flags]) == 0
    gui, cli = pdf_pages(tmp_path / "gui.pdf"), pdf_pages(tmp_path / "cli.pdf")
    assert "Assessor: Li Wei" in gui[0] and "PEB [2026] 7" in gui[0]
    assert _without_times(gui) == _without_times(cli)


def test_refused_template_lists_problems_by_sheet_row_column(window, tmp_path):
    bad = write_template(
        tmp_path / "bad.xlsx",
        [criterion("A1", direction="sideways"), criterion("A2", type="value", worst=5, best=5)],
    )
    assert window.add_template(bad) is None
    model = window.templates.problems_model
    assert model.rowCount() >= 2
    assert window.tabs.currentWidget() is window.templates
    rows = [[model.data(model.index(r, c)) for c in range(4)] for r in range(model.rowCount())]
    assert rows == [
        ["Criteria", "2", "G", "direction: must be one of higher, lower, found 'sideways'"],
        ["Criteria", "3", "J", "best: best must differ from worst (both 5)"],
    ]
    window.set_language("zh_CN")  # each problem in the interface's language
    QApplication.processEvents()
    chinese = [model.data(model.index(r, 3)) for r in range(model.rowCount())]
    assert chinese == ["direction（方向）：应为以下之一：higher、lower；实际为 'sideways'",
                       "best（最优值）：best 应与 worst 不同（二者均为 5）"]
    assert window.templates.problems_label.text() != "bad.xlsx was refused: 2 problems"
    assert "bad.xlsx" in window.templates.problems_label.text()
    window.set_language("en")
    good = write_template(tmp_path / "good.xlsx", [criterion("A1")], name="Test scheme", level="city")
    scheme = window.add_template(good)
    assert scheme is not None and window.scheme_name == "Test scheme"
    assert model.rowCount() == 0


def test_generate_a_blank_form(window, tmp_path, monkeypatch):
    out = tmp_path / "form.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.templates.form_button.click()
    assert set(openpyxl.load_workbook(out).sheetnames) >= {"Project", "Data"}


def test_dropping_files_starts_an_import(window, qtbot, demo_files):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(demo_files / "submissions" / "flawed" / "unknown_template.xlsx"))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.import_finished, timeout=60000) as blocker:
        window.dropEvent(event)
    assert [r.reason for r in blocker.args[0].rejected] == ["no_matching_template"]


def test_chart_export(window, tmp_path, monkeypatch):
    window.tabs.setCurrentWidget(window.charts)
    for kind in ("ranked", "radar", "heatmap", "synergy"):
        window.charts.set_kind(kind)
        for fmt in ("png", "svg"):
            out = tmp_path / f"{kind}.{fmt}"
            monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, o=out, **k: (str(o), ""))
            (window.charts.export_png if fmt == "png" else window.charts.export_svg).click()
            assert out.stat().st_size > 1000


def test_save_as_continues_in_the_copy(window, tmp_path, monkeypatch):
    out = tmp_path / "copy.spw"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.act_save_as.trigger()
    assert window.backend.path == out and "copy.spw" in window.windowTitle()
    assert len(window.run.projects) == 86
    assert str(out.resolve()) in window.settings.recent_workspaces


def test_open_a_file_that_is_not_a_workspace_shows_an_error(window, tmp_path, monkeypatch, shown_errors):
    bogus = tmp_path / "not.spw"
    bogus.write_text("hello")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bogus), ""))
    window.act_open.trigger()
    assert shown_errors and shown_errors[0][0] == "Could not open the workspace"
    assert "Traceback" not in shown_errors[0][1]
    assert len(window.run.projects) == 86  # the open workspace is still there


def test_a_workspace_error_is_shown_in_the_interface_language(window, tmp_path, monkeypatch, shown_errors):
    bogus = tmp_path / "not.spw"
    bogus.write_text("hello")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bogus), ""))
    window.set_language("zh_CN")
    try:
        window.act_open.trigger()
    finally:
        window.set_language("en")
    window.act_open.trigger()
    (_, chinese, _), (_, english, _) = shown_errors
    assert chinese == "not.spw 不是 SynergyPilot 工作区；请打开 .spw 工作区文件，或新建一个"
    assert english == ("not.spw is not a SynergyPilot workspace; open a .spw workspace file, or create a new "
                       "one")


def test_a_workspace_open_elsewhere_opens_read_only(window, demo_workspace, tmp_path):
    from gui.backend import open_backend

    copy = tmp_path / "shared.spw"
    copy.write_bytes(demo_workspace.read_bytes())
    first = open_backend(copy)  # another instance holds it
    try:
        window.open_workspace(copy)
        assert window.backend.read_only
        assert "read-only" in window.windowTitle()
        assert "Opened read-only" in window.statusBar().currentMessage()
        assert "has it open" in window.statusBar().currentMessage()
        assert len(window.run.projects) == 86
        # nothing that would change it is offered: no folder and round asked for, then refused
        assert not window.act_import_folder.isEnabled() and not window.act_import_files.isEnabled()
        assert not window.act_add_scheme.isEnabled() and not window.act_merge.isEnabled()
        window.backend.close()
        window.set_language("zh_CN")
        try:
            window.open_workspace(copy)
            message = window.statusBar().currentMessage()
            assert message.startswith("以只读方式打开：计算机 ") and "正在使用它。无法保存修改。" in message
        finally:
            window.set_language("en")
    finally:
        window.backend.close()
        first.close()


@pytest.mark.slow
def test_exported_workbook_carries_the_robustness_study(window, qtbot, tmp_path, monkeypatch):
    window.robustness.draws.setValue(100)
    with qtbot.waitSignal(window.robustness.study_finished, timeout=60000) as blocker:
        window.robustness.start()
    assert blocker.args[0] is not None
    qtbot.waitUntil(lambda: window.robustness.worker is None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "r.xlsx"), ""))
    with qtbot.waitSignal(window.export_finished, timeout=120000):
        window.act_export_workbook.trigger()
    names = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True).sheetnames
    assert "Robustness" in names or "稳健性" in names


def test_log_folder_is_named_when_no_file_manager_opens_it(window, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    from gui import paths

    shown = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    window.act_log.trigger()
    assert shown == [f"Data and log folder: {paths.data_dir()}"]
    assert str(paths.data_dir()) in window.statusBar().currentMessage()


def test_import_dialogs_start_in_the_demo_folder(window):
    from gui import paths

    assert window.settings.import_folder == str(Path.home())  # no demo written in this test
    paths.demo_dir().mkdir()  # as the first start writes it
    assert window.settings.import_folder == str(paths.demo_dir())
    window.settings.import_folder = "/elsewhere"  # the user's own choice is kept
    assert window.settings.import_folder == "/elsewhere"


def test_the_project_page_says_a_result_is_provisional(window):
    project = next(p for p in window.scheme_projects() if p.provisional)
    window.results.select_project(project.project_id)
    low, high = (labels.grade_name(g) for g in project.grade_range)
    mark = (f"provisional: {project.pending} pending, grade could be {low}–{high}" if low != high
            else f"provisional: {project.pending} pending, grade stays {low}")
    summary = window.detail.summary.text()
    assert mark in summary
    assert f"Total could be {project.total_min:.2f}–{project.total_max:.2f}" in summary


def test_import_report_lists_the_files_of_the_folder_it_did_not_read(window, qtbot, demo_files, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    form = next((demo_files / "submissions" / "city").glob("*.xlsx"))
    (folder / form.name).write_bytes(form.read_bytes())
    (folder / "notes.csv").write_text("project_id,total\nC-1,80\n", encoding="utf-8")
    (folder / f"~${form.name}").write_bytes(b"\0" * 165)  # Excel's lock file beside an open form
    with qtbot.waitSignal(window.import_finished, timeout=60000) as blocker:
        window.start_import([folder])
    report = blocker.args[0]
    assert sorted(Path(s.path).name for s in report.skipped) == sorted(["notes.csv", f"~${form.name}"])
    assert report.summary().endswith(", 2 not read")

    dialog = window.report_dialog
    rows = [dialog.model.row_object(r) for r in range(dialog.model.rowCount())]
    skipped = {Path(r.source).name: r for r in rows if r.outcome == "skipped"}
    assert set(skipped) == {"notes.csv", f"~${form.name}"}
    assert ".csv is not a spreadsheet kind" in skipped["notes.csv"].detail
    assert "lock file" in skipped[f"~${form.name}"].detail
    outcome = dialog.model.index(rows.index(skipped["notes.csv"]), 0).data()
    assert outcome == "Not read"
    assert "2 files of the folders were not read" in dialog.summary.text()

    window.set_language("zh_CN")
    rows = report_rows(report, window.run.projects)
    chinese = next(r for r in rows if r.outcome == "skipped" and Path(r.source).name == "notes.csv")
    assert "不是可导入的电子表格类型" in chinese.detail
    dialog = window.show_import_report(report)
    assert "文件夹中有 2 个文件未读取" in dialog.summary.text()
    row = [dialog.model.row_object(r) for r in range(dialog.model.rowCount())].index(chinese)
    assert dialog.model.index(row, 0).data() == "未读取"
    window.set_language("en")
    dialog.close()


def test_refused_files_stay_listed_with_sheet_and_cell_after_reopening(window, qtbot, demo_files):
    """The status bar's Rejected files opens the refusals still standing, from the workspace
    (after reopening too), each with its sheet and cell and what to do."""
    with qtbot.waitSignal(window.import_finished, timeout=60000):
        window.start_import([demo_files / "submissions" / "flawed"])
    window.report_dialog.close()
    path = window.backend.path
    window.backend.close()
    window.open_workspace(path)  # reopened: the refusals are the workspace's
    rejected = window.run.rejected
    assert rejected and "href='rejected'" in window.counts_label.text()
    window.counts_label.linkActivated.emit("rejected")
    dialog = window.report_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Refused files"
    assert dialog.summary.text().startswith(f"{len(rejected)} refused files in this workspace")
    rows = [dialog.model.row_object(r) for r in range(dialog.model.rowCount())]
    assert [r.outcome for r in rows] == ["rejected"] * len(rejected)
    missing_id = next(r for r in rows if r.source.endswith("missing_project_id.xlsx"))
    assert (missing_id.sheet, missing_id.cell) == ("Project", "B2") and missing_id.action

"""Rounds in the window (issue 20): import the demo's second round, pick a round, open Tracking."""

from __future__ import annotations

import shutil

import pytest

from gui.views.round_dialog import RoundChoiceDialog
from scoring.build.demo_rounds import DROPPED, FOLDER, write_second_round


@pytest.fixture(scope="session")
def second_round(demo_files, tmp_path_factory):
    """The demo's second round, written beside a copy of the first: the shared demo folder stays
    as other tests import it whole."""
    folder = tmp_path_factory.mktemp("rounds") / "submissions"
    shutil.copytree(demo_files / "submissions", folder)
    write_second_round(folder)
    return folder / FOLDER


def test_import_a_second_round_pick_a_round_and_track(window, qtbot, second_round):
    assert not window.round_combo.isEnabled() and window.round_combo.currentText() == "2024"
    with qtbot.waitSignal(window.import_finished, timeout=120000):
        window.start_import([second_round])
    window.report_dialog.close()
    # the latest round is shown: the dropped city pilot is not in it
    assert window.run.round == "2025" and window.round_combo.isEnabled()
    assert [window.round_combo.itemText(i) for i in range(window.round_combo.count())] == ["2024", "2025"]
    assert DROPPED not in {p.project_id for p in window.scheme_projects()}
    window.round_combo.activated.emit(0)  # the person picks 2024
    assert window.run.round == "2024" and DROPPED in {p.project_id for p in window.scheme_projects()}

    window.tabs.setCurrentWidget(window.tracking_view)
    view = window.tracking_view
    # every round is scored in a worker, with progress and Cancel; the tab says it is waiting
    assert window.tracking is None and "Lining up every round" in view.summary.text()
    qtbot.waitUntil(lambda: window.tracking is not None and window.task_worker is None, timeout=60000)
    scheme = view.scheme()
    assert scheme is not None and scheme.level == "city"
    assert (view.earlier.currentText(), view.later.currentText()) == ("2024", "2025")
    rows = {view.table.item(r, 0).text(): r for r in range(view.table.rowCount())}
    dropped = rows[DROPPED]
    last = view.table.columnCount() - 1
    assert view.table.item(dropped, last).text() == "—"  # never 0
    improved = scheme.improved()
    assert f"{len(improved)} of the" in view.summary.text()
    # the transition table counts every project once
    total = sum(int(view.transitions.item(r, c).text()) for r in range(view.transitions.rowCount())
                for c in range(view.transitions.columnCount()))
    assert total == len(scheme.projects)
    view.table.selectRow(rows[improved[0].project_id])
    assert view.selected_projects() == [improved[0].project_id]
    assert view.charts.canvases and view.charts.figures()[0].axes  # the trend chart was drawn


def test_the_round_dialog_offers_year_existing_and_new(window):
    rounds = window.backend.rounds()
    dialog = RoundChoiceDialog(rounds, window)
    assert dialog.chosen() is None  # by each form's year
    dialog.choice.setCurrentIndex(1)
    assert dialog.chosen() == "2024"
    dialog.choice.setEditText("2025 中期评估")
    assert dialog.chosen() == "2025 中期评估"
    dialog.close()


def test_export_the_tracking_workbook_and_pdf(window, qtbot, tmp_path):
    from openpyxl import load_workbook

    with qtbot.waitSignal(window.export_finished, timeout=120000) as blocker:
        window.start_tracking_export("workbook", tmp_path / "tracking.xlsx")
    assert blocker.args[0] == tmp_path / "tracking.xlsx"
    sheet = load_workbook(tmp_path / "tracking.xlsx").active
    assert sheet.title == "Tracking"  # the window is in English here
    with qtbot.waitSignal(window.export_finished, timeout=120000) as blocker:
        window.start_tracking_export("pdf", tmp_path / "tracking.pdf")
    assert (tmp_path / "tracking.pdf").read_bytes().startswith(b"%PDF")


def test_lining_the_rounds_up_can_be_cancelled_and_starts_again_when_the_tab_is_shown(
        window, qtbot, monkeypatch):
    import time

    from gui import backend as backend_module

    real = backend_module.track_task

    def until_cancelled(state, backend):  # a workspace whose rounds take long to score
        while state.progress(0, 3, "2024", "round"):
            time.sleep(0.01)
        return None

    monkeypatch.setattr(backend_module, "track_task", until_cancelled)
    window.tabs.setCurrentWidget(window.tracking_view)
    worker = window.task_worker
    assert worker is not None and window.progress.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: "round 1 of 3" in window.progress.file_label.text(), timeout=10000)
    with qtbot.waitSignal(worker.signals.done, timeout=10000):
        window.progress.cancel_button.click()
    qtbot.waitUntil(lambda: window.task_worker is None, timeout=10000)
    qtbot.wait(20)  # not started again by itself
    assert window.task_worker is None and window.tracking is None
    assert "stopped" in window.tracking_view.summary.text()
    monkeypatch.setattr(backend_module, "track_task", real)
    window.tabs.setCurrentWidget(window.results)
    window.tabs.setCurrentWidget(window.tracking_view)
    qtbot.waitUntil(lambda: window.tracking is not None and window.task_worker is None, timeout=60000)
    assert window.tracking_view.table.rowCount() > 0

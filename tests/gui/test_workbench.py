"""An assessment day through the real window: the pending queue walked and cleared from the
keyboard, statuses named as a supervisor reads them, the scoring dialog, withdraw and undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog

from gui.views import dialogs


def _waiting(project, scheme):
    """Codes of a project still to be answered, worked out here from the statuses: manual
    criteria not yet scored and penalty items left blank (docs/method.md)."""
    return [c.code for c in scheme.criteria
            if project.indicators[c.code].status == "pending"
            or (c.kind == "penalty" and project.indicators[c.code].status == "missing")]


def _answer_with(monkeypatch, fraction=1.0, inspector="Inspector Li", reason="Checked on site"):
    asked = []

    def answer(cls, parent, crit, result, who, **kwargs):
        asked.append((crit.code, kwargs))
        return dialogs.AssessAnswer(fraction, inspector, reason)

    monkeypatch.setattr(dialogs.AssessDialog, "ask", classmethod(answer))
    return asked


def test_pending_column_counts_what_waits_and_total_sorts_highest_first(window, qtbot):
    model, scheme = window.results.model, window.scheme()
    column = model.column_of("pending")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Pending"
    for row in range(model.rowCount()):
        project = model.project_at(row)
        count = len(_waiting(project, scheme))
        assert model.data(model.index(row, column)) == (str(count) if count else "")
    header = window.results.table.horizontalHeader()
    total = model.column_of("total")
    x = header.sectionViewportPosition(total) + header.sectionSize(total) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    totals = [model.project_at(r).total for r in range(model.rowCount())]
    assert totals == sorted(totals, reverse=True) and totals[0] > totals[-1]


def test_enter_opens_the_selected_project(window, qtbot):
    table = window.results.table
    second = window.results.model.project_at(1).project_id
    window.results.select_project(second)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.detail and window.project_id == second


def test_next_pending_walks_every_waiting_criterion_once(window):
    expected = {(s.name, p.project_id, code) for s in window.run.schemes
                for p in window.run.projects_of(s) for code in _waiting(p, s)}
    assert len(expected) == sum(p.pending for p in window.run.projects) > 0
    seen = []
    for _ in range(len(expected)):
        window.act_next_pending.trigger()
        assert window.tabs.currentWidget() is window.detail
        seen.append((window.scheme_name, window.project_id, window.detail.selected_code()))
    assert set(seen) == expected and len(seen) == len(set(seen))
    window.act_next_pending.trigger()  # round again: the first one
    assert (window.scheme_name, window.project_id, window.detail.selected_code()) == seen[0]


def test_clear_pending_criteria_with_the_keyboard(window, qtbot, monkeypatch, rescored):
    asked = _answer_with(monkeypatch)
    scheme = window.scheme()
    before = sum(p.pending for p in window.run.projects)
    for step in range(1, 6):
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        code = window.detail.selected_code()
        assert code in _waiting(window.project(), scheme)
        assert QApplication.focusWidget() is window.detail.table
        with rescored():
            qtbot.keyClick(window.detail.table, Qt.Key.Key_Return)
        assert window.project().indicators[code].status == "override"
        assert sum(p.pending for p in window.run.projects) == before - step
        # the dialog was given the criterion's worked calculation from scoring.core.explain
        assert asked[-1][0] == code and asked[-1][1]["worked"]
    assert f"Pending: {before - 5} " in window.pending_label.text()


def test_statuses_read_scored_overridden_withdrawn(window, monkeypatch, rescored):
    scheme, project = window.scheme(), window.project()
    manual = next(c.code for c in scheme.criteria if c.type == "manual")
    measured = next(c.code for c in scheme.criteria
                    if c.type == "value" and project.indicators[c.code].status == "ok")
    _answer_with(monkeypatch, fraction=0.5)
    status_column = next(c for c in range(window.detail.model.columnCount())
                         if window.detail.model.headerData(c, Qt.Orientation.Horizontal) == "Status")

    def status_of(code):
        window.detail.select_code(code)
        row = window.detail.table.currentIndex().row()
        return window.detail.model.data(window.detail.model.index(row, status_column))

    assert status_of(manual) == "Pending"
    for code in (manual, measured):
        window.detail.select_code(code)
        with rescored():
            window.detail.override_button.click()
    assert status_of(manual) == "Scored"
    assert status_of(measured) == "Overridden"
    monkeypatch.setattr(dialogs.WithdrawDialog, "ask", classmethod(
        lambda cls, parent, code, inspector, **kw: dialogs.AssessAnswer(0.0, "Inspector Li", "Wrong pilot")))
    window.detail.select_code(manual)
    with rescored():
        window.detail.withdraw_button.click()
    actions = [window.audit.model.data(window.audit.model.index(r, 1)) for r in range(3)]
    assert {"Scored", "Overridden", "Withdrawn"} <= set(actions)


def test_undo_takes_back_scores_overrides_and_withdrawals_in_the_audit_log(window, monkeypatch, rescored):
    scheme, project = window.scheme(), window.project()
    manual = next(c.code for c in scheme.criteria if c.type == "manual"
                  and project.indicators[c.code].status == "pending")
    measured = next(c.code for c in scheme.criteria
                    if c.type == "value" and project.indicators[c.code].status == "ok")
    computed = project.indicators[measured].score
    assert not window.act_undo.isEnabled()
    for code, fraction in ((manual, 1.0), (measured, 0.5), (measured, 0.25)):
        _answer_with(monkeypatch, fraction=fraction)
        window.detail.select_code(code)
        with rescored():
            window.detail.override_button.click()
    monkeypatch.setattr(dialogs.WithdrawDialog, "ask", classmethod(
        lambda cls, parent, code, inspector, **kw: dialogs.AssessAnswer(0.0, "Inspector Li", "Wrong pilot")))
    window.detail.select_code(manual)
    with rescored():
        window.detail.withdraw_button.click()
    assert window.project().indicators[manual].status == "pending"

    with rescored():
        window.act_undo.trigger()  # the withdrawal: Li's 1 again
    assert window.project().indicators[manual].score == 1.0
    top = window.audit.model.row_object(0)
    assert top.action == "manual_score" and top.code == manual and "Undo" in top.detail["reason"]
    with rescored():
        window.act_undo.trigger()  # the second override: 0.5 again
    assert window.project().indicators[measured].score == 0.5
    with rescored():
        window.act_undo.trigger()  # the first override: withdrawn, the computed fraction again
    assert window.project().indicators[measured].status == "ok"
    assert window.project().indicators[measured].score == pytest.approx(computed)
    assert window.audit.model.row_object(0).action == "withdrawal"
    with rescored():
        window.act_undo.trigger()  # the first on-site score: pending again
    assert window.project().indicators[manual].status == "pending"
    assert window.project().total == pytest.approx(project.total)
    assert not window.act_undo.isEnabled()


def test_a_score_is_recorded_at_once_and_scored_again_in_a_worker(window, monkeypatch, rescored):
    """The score and its audit entry are written at once; the workspace is scored again in a
    worker (a large one froze the window), and until the new scores are shown another step
    waits, as Undo reads what it takes back from the scores shown."""
    manual = next(c.code for c in window.scheme().criteria if c.type == "manual"
                  and window.project().indicators[c.code].status == "pending")
    _answer_with(monkeypatch, fraction=1.0)
    window.detail.select_code(manual)

    def scored_here() -> int:
        return sum(1 for e in window.backend.audit() if e.action == "manual_score" and e.code == manual)

    before = scored_here()
    with rescored():
        window.detail.override_button.click()
        assert scored_here() == before + 1 and window.task_worker is not None
        assert window.project().indicators[manual].status == "pending"  # the scores shown: not yet
        assert window.undo_last() is None and "Please wait" in window.statusBar().currentMessage()
    assert window.task_worker is None and window.detail.selected_code() == manual
    assert window.project().indicators[manual].status == "override"
    assert len(window.undo_stack) == 1


def test_scoring_dialog_shows_the_criterion_and_submits_with_ctrl_enter(window, qtbot):
    scheme, project = window.scheme(), window.project()
    measured = next(c for c in scheme.criteria if c.type == "value" and c.guidance
                    and project.indicators[c.code].status == "ok")
    worked = window.worked_lines(scheme, project, measured.code)
    dialog = dialogs.AssessDialog(measured, project.indicators[measured.code], "Li", worked=worked)
    qtbot.addWidget(dialog)
    text = dialog.intro.text()
    assert measured.guidance[:20] in text and worked[0][:20] in text
    assert f"{project.indicators[measured.code].score:.3f}" in text
    assert "*" in dialog.form.labelForField(dialog.reason).text()
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # no reason yet: nothing submitted
    dialog.reason.setPlainText("Checked the monitoring platform")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_inspector_is_asked_once_then_remembered(window, monkeypatch, rescored):
    window.settings.inspector = ""
    codes = [c.code for c in window.scheme().criteria][:2]
    given = []

    def answer(cls, parent, crit, result, inspector, **kwargs):
        given.append(inspector)
        return dialogs.AssessAnswer(1.0, inspector or "Inspector Wang", "Seen on site")

    monkeypatch.setattr(dialogs.AssessDialog, "ask", classmethod(answer))
    for code in codes:
        window.detail.select_code(code)
        with rescored():
            window.detail.override_button.click()
    assert given == ["", "Inspector Wang"] and window.settings.inspector == "Inspector Wang"


def test_withdraw_dialog_names_the_criterion_and_the_score_it_removes(window, monkeypatch, rescored):
    scheme = window.scheme()
    manual = next(c for c in scheme.criteria if c.type == "manual")
    _answer_with(monkeypatch, fraction=0.75)
    window.detail.select_code(manual.code)
    with rescored():
        window.detail.override_button.click()
    said = {}
    monkeypatch.setattr(dialogs.WithdrawDialog, "ask", classmethod(
        lambda cls, parent, code, inspector, what="": said.update(what=what)))
    window.detail.select_code(manual.code)
    window.detail.withdraw_button.click()
    points = window.project().indicators[manual.code].points
    assert said["what"].startswith(f"{manual.code} {manual.indicator}: Inspector Li's score 0.75 "
                                   f"({points:.2f} points)")


def test_project_tab_shows_the_provisional_mark_and_total_range(window):
    project = next(p for p in window.scheme_projects() if p.provisional)
    window.results.select_project(project.project_id)
    summary = window.detail.summary.text()
    assert f"provisional: {project.pending} pending" in summary
    assert f"Total could be {project.total_min:.2f}–{project.total_max:.2f}" in summary


def test_yes_and_no_read_as_shown_in_chinese():
    from scoring.core.model import Criterion
    from scoring.core.presentation import value_label

    yesno = Criterion("A1", "D", "I", "yesno", 1.0)
    assert [value_label(yesno, v, "zh") for v in ("yes", "No", "是", "×")] == ["是", "否", "是", "否"]
    assert [value_label(yesno, v, "en") for v in ("Y", "否")] == ["yes", "no"]
    choice = Criterion("A2", "D", "I", "choice", 1.0, choices=(("national", 1.0),))
    assert value_label(choice, "national", "zh") == "national"


def test_f1_opens_the_user_guide_at_the_shown_tabs_section(window, qtbot):
    window.tabs.setCurrentWidget(window.detail)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.help_dialog
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    assert "Score a manual criterion" in text and "Next pending" in text
    assert guide.browser.textCursor().selectedText() == "5. Score a manual criterion"
    guide.close()


def test_about_names_the_version(window):
    from scoring import __version__

    assert window.about_text().startswith(f"SynergyPilot {__version__}\n")


def test_the_audit_tab_speaks_the_interface_language(window, monkeypatch, rescored):
    manual = next(c.code for c in window.scheme().criteria if c.type == "manual")
    _answer_with(monkeypatch, fraction=0.5, inspector="李明", reason="现场核查")
    window.detail.select_code(manual)
    with rescored():
        window.detail.override_button.click()
    project = window.project_id
    window.set_language("zh_CN")
    model = window.audit.model
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[1] == "已评分" and row[5] == f"{project} 的 {manual} 现场评分 0.5（李明）——现场核查"
    window.set_language("en")
    assert model.data(model.index(0, 5)) == f"on-site score of {manual} for {project}: 0.5 by 李明 — 现场核查"


def test_exports_start_beside_the_workspace_and_offer_open_and_show_in_folder(
        window, qtbot, tmp_path, monkeypatch, demo_workspace):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog

    offered = []

    def save_as(parent, title, default, file_filter):
        offered.append(default)
        return str(tmp_path / "out" / "audit.xlsx"), ""

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    assert not window.written_bar.isVisible()
    with qtbot.waitSignal(window.export_finished, timeout=60000):
        window.act_export_audit.trigger()
    assert offered == [str(demo_workspace.parent / "audit.xlsx")]  # beside the workspace
    assert window.written_bar.isVisible()
    window.open_written.click()
    window.show_written_folder.click()
    assert opened == [str(tmp_path / "out" / "audit.xlsx"), str(tmp_path / "out")]
    with qtbot.waitSignal(window.export_finished, timeout=60000):
        window.act_export_audit.trigger()  # next time: where the last export went
    assert offered[-1] == str(tmp_path / "out" / "audit.xlsx")


def test_rank_id_and_name_stay_in_view_when_scrolling_right(window, qtbot):
    window.resize(700, 420)
    table, frozen = window.results.table, window.results.frozen
    assert not frozen.view.isVisible()  # nothing to cover before scrolling
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    assert table.horizontalScrollBar().value() > 0
    assert frozen.view.isVisible()
    model = window.results.model
    shown = [c for c in range(model.columnCount()) if not frozen.view.isColumnHidden(c)]
    assert shown == [model.column_of("rank"), model.column_of("project_id"), model.column_of("name")]
    assert frozen.view.width() == sum(table.columnWidth(c) for c in shown)
    # it scrolls down with the table and sorts it
    table.verticalScrollBar().setValue(3)
    assert frozen.view.verticalScrollBar().value() == table.verticalScrollBar().value()
    frozen.view.horizontalHeader().sectionClicked.emit(model.column_of("project_id"))
    ids = [model.project_at(r).project_id for r in range(model.rowCount())]
    assert ids == sorted(ids)


def _typed_into_the_dialog(qtbot, dialog, *steps) -> None:
    """Type each step into whatever has the keyboard focus, as a person would: a text, or a key."""
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    for step in steps:
        target = QApplication.focusWidget()
        if isinstance(step, str):
            qtbot.keyClicks(target, step)
        else:
            qtbot.keyClick(target, *step)


def _pending_manual(window):
    scheme, project = window.scheme(), window.project()
    manual = next(c for c in scheme.criteria
                  if c.type == "manual" and project.indicators[c.code].status == "pending")
    return manual, project.indicators[manual.code]


TAB, CTRL_ENTER = (Qt.Key.Key_Tab,), (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_the_readme_keys_record_the_fraction_typed(window, qtbot):
    # README "Clear every pending criterion with the keyboard": type the fraction, Tab to the
    # reason, type it, Ctrl+Enter. The fraction must be what was typed, not a default.
    manual, result = _pending_manual(window)
    dialog = dialogs.AssessDialog(manual, result, "Li")
    qtbot.addWidget(dialog)
    _typed_into_the_dialog(qtbot, dialog, "0.8", TAB, "Seen on site", CTRL_ENTER)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.answer() == dialogs.AssessAnswer(0.8, "Li", "Seen on site")


def test_the_first_time_tab_goes_to_the_name_then_the_reason(window, qtbot):
    manual, result = _pending_manual(window)
    dialog = dialogs.AssessDialog(manual, result, "")
    qtbot.addWidget(dialog)
    _typed_into_the_dialog(qtbot, dialog, "0.7", TAB, "Wang", TAB, "Seen on site", CTRL_ENTER)
    assert dialog.answer() == dialogs.AssessAnswer(0.7, "Wang", "Seen on site")


def test_a_pending_criterion_is_not_recorded_without_a_fraction(window, qtbot):
    manual, result = _pending_manual(window)
    dialog = dialogs.AssessDialog(manual, result, "Li")
    qtbot.addWidget(dialog)
    dialog.reason.setPlainText("Seen on site")
    _typed_into_the_dialog(qtbot, dialog, CTRL_ENTER)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    _typed_into_the_dialog(qtbot, dialog, "0", CTRL_ENTER)  # 0 typed on purpose is an answer
    assert dialog.answer().fraction == 0.0 and dialog.result() == QDialog.DialogCode.Accepted


def test_the_first_window_fits_a_laptop_screen():
    from PySide6.QtCore import QSize

    from gui.main_window import first_size

    # a 1366×768 laptop's work area, less a task bar: the window must fit, status bar included
    assert first_size(QSize(1366, 728), "xcb") == QSize(1280, 684)
    assert first_size(QSize(1920, 1040), "windows") == QSize(1280, 800)
    assert first_size(QSize(800, 800), "offscreen") == QSize(1280, 800)  # no screen a person sees

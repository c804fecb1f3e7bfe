"""The Project tab explains every score (issue 17): worst, best, unit, max points and points lost
columns, the worked calculation, the gap and its paths, the points-lost chart and the what-if.

The figures themselves are pinned by hand in tests/test_explain.py; these tests check that the
window shows what scoring.core.explain works out and that the what-if leaves the workspace alone.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gui.views import dialogs
from scoring.core import explain


def _column(model, header: str) -> int:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return headers.index(header)


def _row(model, code: str) -> int:
    return next(r for r in range(model.rowCount()) if model.row_object(r).criterion.code == code)


def _with_paths(window):
    """A project of the shown scheme that has a next grade and at least one value path."""
    scheme = window.scheme()
    for project in window.scheme_projects():
        found = explain.gap(scheme, project)
        if any(p.input in ("value", "current") for p in found.paths):
            return project, found
    pytest.skip("no project with a numeric path in this scheme")


def test_the_criteria_table_shows_bounds_max_points_and_points_lost(window):
    scheme, project = window.scheme(), window.project()
    model = window.detail.model
    change = next(c for c in scheme.criteria if c.type == "change")
    r = _row(model, change.code)
    text = lambda header: model.data(model.index(r, _column(model, header)))  # noqa: E731
    # a change criterion's bounds are % improvement, not the value's unit
    assert text("Unit") == "% improvement" and change.unit not in ("", "% improvement")
    assert text("Worst") == f"{change.worst:g}%" and text("Best") == f"{change.best:g}%"
    worked = next(w for w in explain.worked(scheme, project) if w.code == change.code)
    assert text("Max points") == f"{worked.max_points:.2f}"
    assert text("Points lost") == f"{worked.points_lost:.2f}"
    value = next(c for c in scheme.criteria if c.type == "value" and c.unit)
    assert model.data(model.index(_row(model, value.code), _column(model, "Unit"))) == value.unit


def test_hovering_a_fraction_and_selecting_a_criterion_show_the_worked_calculation(window):
    scheme, project = window.scheme(), window.project()
    model = window.detail.model
    change = next(c for c in scheme.criteria if c.type == "change")
    r = _row(model, change.code)
    tip = model.data(model.index(r, _column(model, "Fraction")), Qt.ItemDataRole.ToolTipRole)
    assert "Improvement r = (" in tip and "Points = s × max points" in tip
    window.detail.select_code(change.code)
    assert window.detail.worked_box.title() == f"How {change.code} was worked out"
    worked = next(w for w in explain.worked(scheme, project) if w.code == change.code)
    assert explain.worked_lines(worked, "en")[-1] in window.detail.worked_label.text()


def test_the_gap_box_and_the_points_lost_chart(window):
    project, found = _with_paths(window)
    window.results.select_project(project.project_id)
    text = window.detail.gap_label.text()
    assert f"points short of {found.next_grade}" in text
    assert text.count("<li>") == len(found.paths)
    assert not window.detail.chart.canvases  # drawn when it is shown, not while Results is
    window.tabs.setCurrentWidget(window.detail)
    figure = window.detail.chart.figures()[0]
    labels = [t.get_text().split()[0] for t in figure.axes[0].get_yticklabels()]
    lost = explain.points_lost(window.scheme(), project)
    assert labels == sorted((c for c in lost if lost[c] > 1e-9), key=lambda c: -lost[c])[:15]


def test_what_if_updates_total_grade_rank_and_gap_without_touching_the_workspace(window):
    project, found = _with_paths(window)
    path = next(p for p in found.paths if p.input in ("value", "current"))
    window.results.select_project(project.project_id)
    detail = window.detail
    detail.select_code(path.code)
    detail.value_edit.setText(explain.shown_target(window.scheme().criterion(path.code), path))
    detail.try_button.click()
    shown = detail.shown_project()
    assert shown.total >= found.threshold - 1e-9 and shown.grade == found.next_grade
    assert shown.rank <= project.rank
    assert "What-if, not saved" in detail.summary.text() and f"{shown.total:.2f}" in detail.summary.text()
    assert f"short of {found.next_grade}" not in detail.gap_label.text()
    # the workspace and the Results tab are unchanged
    assert window.project().total == project.total
    assert window.backend.score() is not None
    stored = next(p for p in window.backend.score().projects if p.project_id == project.project_id
                  and p.scheme == project.scheme)
    assert stored.total == pytest.approx(project.total)
    assert not detail.override_button.isEnabled()
    detail.reset_button.click()
    assert detail.shown_project() is window.project()


def test_what_if_refuses_unreadable_input_with_the_reason(window):
    detail = window.detail
    value = next(c for c in window.scheme().criteria if c.type == "value")
    detail.select_code(value.code)
    detail.value_edit.setText("about 30")
    detail.try_button.click()
    assert "cannot be read" in detail.what_if_state.text()
    assert detail.shown_project() is window.project()


def test_an_inspectors_fraction_in_the_what_if_can_be_kept_as_an_override(window, monkeypatch, rescored):
    project = window.project()
    detail = window.detail
    manual = next(c.code for c in window.scheme().criteria if c.type == "manual")
    detail.select_code(manual)
    detail.fraction_edit.setText("0.8")
    detail.try_button.click()
    assert detail.shown_project().indicators[manual].score == pytest.approx(0.8)
    asked = {}

    def answer(cls, parent, crit, result, inspector, *, fraction=None, note=""):
        asked.update(fraction=fraction, note=note)
        return dialogs.AssessAnswer(fraction, "Inspector Li", "Checked the minutes on site")

    monkeypatch.setattr(dialogs.AssessDialog, "ask", classmethod(answer))
    with rescored():
        detail.keep_button.click()
    assert asked["fraction"] == pytest.approx(0.8) and asked["note"].startswith("What-if:")
    after = window.project()
    assert after.indicators[manual].status == "override" and after.indicators[manual].score == 0.8
    assert after.total > project.total
    assert detail.shown_project() is after  # the what-if is gone: this is the scored project
    top = window.audit.model.row_object(0)
    assert top.code == manual and top.actor == "Inspector Li"


def test_the_side_panel_speaks_chinese(window):
    window.set_language("zh_CN")
    assert window.detail.gap_box.title() == "距下一等级的差距"
    assert "的计算过程" in window.detail.worked_box.title()
    assert any(("还差" in window.detail.gap_label.text(), "最高等级" in window.detail.gap_label.text(),
                "一票否决" in window.detail.gap_label.text()))
    window.set_language("en")

"""Every Qt model checked with qtmodeltester, and the results model's numpy sort and filter."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from bench.bench_gui import synthetic_results
from gui.backend import open_backend
from gui.models.results import ResultsModel
from gui.models.tables import (
    AuditModel,
    CriteriaModel,
    ImportReportModel,
    ProblemsModel,
    report_rows,
    split_location,
)
from gui.views.templates_view import CriteriaTreeModel, TemplatesView
from scoring.core.presentation import Said
from scoring.core.results import ProjectResult
from scoring.io.template import TemplateProblem


@pytest.fixture
def demo_run(demo_workspace):
    backend = open_backend(demo_workspace)
    try:
        yield backend.score(), backend.audit()
    finally:
        backend.close()


def _city(run):
    scheme = next(s for s in run.schemes if s.level == "city")
    return scheme, run.projects_of(scheme)


def test_results_model(qtmodeltester, demo_run):
    scheme, projects = _city(demo_run[0])
    model = ResultsModel()
    model.set_results(scheme, projects)
    qtmodeltester.check(model, force_py=True)
    model.sort(model.column_of("total"), Qt.SortOrder.DescendingOrder)
    model.set_filter(text="市")
    qtmodeltester.check(model, force_py=True)


def test_criteria_and_report_models(qtmodeltester, demo_run):
    from scoring.workspace.facade import ImportReport

    scheme, projects = _city(demo_run[0])
    criteria = CriteriaModel()
    criteria.set_project(scheme, projects[0])
    qtmodeltester.check(criteria, force_py=True)
    assert criteria.rowCount() == len(scheme.criteria)
    report = ImportReportModel()
    report.set_report(report_rows(ImportReport(), projects))
    qtmodeltester.check(report, force_py=True)


def test_audit_problems_and_tree_models(qtmodeltester, demo_run):
    run, audit = demo_run
    model = AuditModel()
    model.set_entries(audit)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(audit) and model.row_object(0).id == audit[-1].id  # newest first
    problems = ProblemsModel()
    problems.set_problems(
        [
            TemplateProblem("Criteria", "C5", Said("weight: not a number", "权重：不是数字")),
            TemplateProblem("Scheme", "row 3", Said("level: unknown", "层级：未知")),
        ]
    )
    qtmodeltester.check(problems, force_py=True)
    assert [problems.data(problems.index(0, c)) for c in range(3)] == ["Criteria", "5", "C"]
    assert [problems.data(problems.index(1, c)) for c in range(3)] == ["Scheme", "3", ""]
    tree = CriteriaTreeModel()
    tree.set_scheme(_city(run)[0])
    qtmodeltester.check(tree, force_py=True)


def test_split_location():
    assert split_location("C-1.xlsx:Data!E7") == ("C-1.xlsx", "Data", "E7")
    assert split_location("plain.xlsx") == ("plain.xlsx", "", "")


def _synthetic(n: int) -> list[ProjectResult]:
    """n projects with known totals (hand-made, not from the engine) for sorting checks: two
    regions, every third one without synergy D."""
    return synthetic_results(n, seed=7, regions=2, without_synergy=3)


def test_numpy_sort_orders_10000_rows_and_keeps_missing_last():
    projects = _synthetic(10_000)
    model = ResultsModel()
    model.set_results(None, projects)
    model.sort(model.column_of("total"), Qt.SortOrder.DescendingOrder)
    shown = [model.project_at(r).total for r in range(model.rowCount())]
    assert shown == sorted((p.total for p in projects), reverse=True)
    column = model.column_of("synergy")
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(column, order)
        values = [model.project_at(r).synergy for r in range(model.rowCount())]
        with_d = [v for v in values if v is not None]
        assert values[: len(with_d)] == with_d  # projects without D come last either way
    model.set_filter(region="Region 1", grade="Pass")
    assert model.rowCount() == sum(1 for p in projects if p.region == "Region 1" and p.total >= 60)


def test_the_audit_log_says_which_workspace_a_merged_entry_was_written_in(qtmodeltester):
    from scoring.workspace.audit import AuditEntry

    own = AuditEntry(1, "2026-11-01T08:00:00+00:00", "staff", "import", "City 1", "P1", "", "imported")
    merged = AuditEntry(2, "2026-11-02T08:00:00+00:00", "Li", "override", "City 1", "P1", "C1", "0.5",
                        origin="a" * 32)
    unknown = AuditEntry(3, "2026-11-02T09:00:00+00:00", "Wang", "override", "City 1", "P2", "C1", "0.6",
                         origin="b" * 32)
    merge = AuditEntry(4, "2026-11-03T08:00:00+00:00", "chief", "merge", "", "", "", "merged",
                       detail={"source": "/mnt/usb/inspector_li.spw", "workspace_id": "a" * 32})
    model = AuditModel()
    model.set_entries([own, merged, unknown, merge])
    qtmodeltester.check(model, force_py=True)
    column = model.columnCount() - 1
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Written in"
    written_in = {model.row_object(r).id: model.data(model.index(r, column)) for r in range(4)}
    # blank here; the merged file's name; an id no merge entry names (its first 8 characters)
    assert written_in == {1: "", 2: "inspector_li.spw", 3: "bbbbbbbb", 4: ""}


def test_provisional_column_filter_and_tooltip(qtmodeltester):
    projects = _synthetic(6)
    # hand-set: P000001 and P000004 are provisional (2 and 1 pending) with their ranges
    projects[1] = dataclasses.replace(projects[1], pending=2, total_min=40.0, total_max=80.0,
                                      grade_range=("Fail", "Pass"))
    projects[4] = dataclasses.replace(projects[4], pending=1, total_min=61.0, total_max=65.5,
                                      grade_range=("Pass", "Pass"))
    model = ResultsModel()
    model.set_results(None, projects)
    qtmodeltester.check(model)
    column = model.column_of("provisional")
    assert column == model.column_of("grade") + 1
    texts = {model.project_at(r).project_id: model.index(r, column).data() for r in range(model.rowCount())}
    assert texts["P000001"] == "provisional: 2 pending, grade could be Fail–Pass"
    assert texts["P000004"] == "provisional: 1 pending, grade stays Pass"
    assert texts["P000000"] == ""
    row = model.row_of("P000001")
    # the note in full (the column is narrowed to fit the window), then the range
    assert model.index(row, column).data(Qt.ItemDataRole.ToolTipRole) == (
        "provisional: 2 pending, grade could be Fail–Pass\nTotal could be 40.00–80.00")
    model.set_filter(provisional=True)
    assert sorted(model.project_at(r).project_id for r in range(model.rowCount())) == ["P000001", "P000004"]
    model.set_filter()
    assert model.rowCount() == 6


def test_a_total_just_below_a_grade_is_never_shown_as_its_threshold():
    """docs/method.md: a total is printed rounded, but never up onto the threshold of a grade it
    did not reach. Pass starts at 60 (the default grades): 59.996 fails and reads 59.99, as in
    the PDF and the workbook; 74.999 is Pass, not Good's 75.00."""
    from scoring.core.model import Scheme

    scheme = Scheme(name="S", level="city", version="1", criteria=())
    projects = synthetic_results(3, regions=1)
    projects[0] = dataclasses.replace(projects[0], total=59.996, grade="Fail", pending=1,
                                      total_min=59.996, total_max=74.999, grade_range=("Fail", "Pass"))
    projects[1] = dataclasses.replace(projects[1], total=74.999, grade="Pass")
    projects[2] = dataclasses.replace(projects[2], total=12.345, grade="Fail")
    model = ResultsModel()
    model.set_results(scheme, projects)
    column = model.column_of("total")
    shown = {model.project_at(r).project_id: model.index(r, column).data() for r in range(3)}
    assert shown == {"P000000": "59.99", "P000001": "74.99", "P000002": "12.35"}
    provisional = model.index(model.row_of("P000000"), model.column_of("provisional"))
    assert provisional.data(Qt.ItemDataRole.ToolTipRole).endswith("Total could be 59.99–74.99")


def test_the_templates_view_keeps_qwidgets_lower(qtbot):
    """The refused template's panel has a name of its own: it was ``lower``, which hid
    QWidget.lower() (the widget's place in the stacking order) behind a widget (found by mypy)."""
    view = TemplatesView()
    qtbot.addWidget(view)
    view.lower()  # a TypeError ('QWidget' object is not callable) before
    view.set_problems([])
    assert view.problems_box.isHidden()

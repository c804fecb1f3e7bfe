"""File ▸ Merge and the Disagreements view, driven through the real window (issue 9).

The team of tests/merge_team.py: M of P1 scored 0.6 (Li), 0.7 (Wang), 0.2 (Zhao), spread 0.5,
a disagreement, median 0.6 → P1 = (0.5 + 1 + 2·0.6)·25 = 67.5; M of P2 scored 0.9, 0.8,
0.85, spread 0.1, median 0.85 → P2 = (0.8 + 0 + 2·0.85)·25 = 62.5. A consensus of 0.65 on P1
gives (0.5 + 1 + 1.3)·25 = 70; the mean (0.5) gives 62.5.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from gui import settings, translation
from gui.models.disagreements import DisagreementsModel
from gui.views import dialogs
from gui.views.disagreements_view import DisagreementsView
from scoring.core.reconcile import disagreement_rows
from scoring.workspace.facade import Workspace
from scoring.workspace.merge import merge
from tests.builders import criterion, write_template
from tests.gui.dialog_checks import assert_ok_waits_for_name_and_reason
from tests.merge_team import CRITERIA, build_team, write_files


@pytest.fixture
def team(tmp_path):
    return build_team(tmp_path, write_files(tmp_path))


@pytest.fixture
def merged_run(tmp_path, team):
    merge(tmp_path / "master.spw", list(team.values()))
    with Workspace.open(tmp_path / "master.spw") as workspace:
        return workspace.score()


@pytest.fixture
def supervisor(qtbot, tmp_path):
    """The real window on an empty master workspace."""
    from gui.main_window import MainWindow

    Workspace.create(tmp_path / "master.spw").close()
    win = MainWindow(settings=settings.Settings())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.open_workspace(tmp_path / "master.spw")
    return win


def merged(qtbot, win, team):
    with qtbot.waitSignal(win.merge_finished, timeout=60000) as blocker:
        assert win.start_merge(list(team.values())) is not None
    return blocker.args[0]


def texts(model, column_key: str) -> list[str]:
    column = model.column_of(column_key)
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


# ----------------------------------------------------------------------------- the model


def test_model_passes_the_model_tester_and_sorts_by_spread(qtmodeltester, merged_run):
    model = DisagreementsModel()
    model.set_rows(disagreement_rows(merged_run), {})
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[3:6] == ["Li", "Wang", "Zhao"]  # one column per inspector
    assert texts(model, "project_id") == ["P1", "P2"]  # the largest spread first
    assert texts(model, "spread") == ["0.500", "0.100"]
    assert texts(model, "inspector:Zhao") == ["0.200", "0.850"]
    assert texts(model, "disagreement") == ["Yes", ""]
    assert texts(model, "used") == ["0.600 (median)", "0.850 (median)"]
    model.sort(model.column_of("spread"), Qt.SortOrder.AscendingOrder)
    assert texts(model, "project_id") == ["P2", "P1"]
    model.sort(model.column_of("inspector:Li"), Qt.SortOrder.DescendingOrder)
    assert texts(model, "project_id") == ["P2", "P1"]  # Li 0.9 before 0.6
    model.set_only_disagreements(True)
    assert texts(model, "project_id") == ["P1"]
    qtmodeltester.check(model)
    model.set_rows([], {})
    qtmodeltester.check(model)
    assert model.rowCount() == 0


# ----------------------------------------------------------------------------- the window


def test_file_merge_runs_in_a_worker_and_shows_a_summary(supervisor, qtbot, team, monkeypatch):
    chosen = [str(p) for p in team.values()]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    with qtbot.waitSignal(supervisor.merge_finished, timeout=60000) as blocker:
        supervisor.act_merge.trigger()
    report = blocker.args[0]
    assert [s.changed for s in report.sources] == [True, True, True]
    assert {p.project_id: p.total for p in supervisor.run.projects} == pytest.approx({"P1": 67.5, "P2": 62.5})
    dialog = supervisor.merge_dialog
    assert dialog.isVisible()
    assert dialog.summary.text() == "3 workspaces merged into master.spw."
    assert "2 criteria now have scores from several inspectors, 1 of them with" in dialog.next_step.text()
    rows = [dialog.model.row_object(r) for r in range(dialog.model.rowCount())]
    assert [(r.projects_added, r.versions_added, r.inspectors) for r in rows] == [
        (2, 0, ["Li"]), (0, 0, ["Wang"]), (0, 1, ["Zhao"])]
    view = supervisor.disagreements
    assert texts(view.model, "project_id") == ["P1", "P2"]
    assert view.count_label.text() == "Criteria: 2 · Disagreements: 1"
    assert supervisor.audit.model.row_object(0).action == "merge"
    dialog.close()
    again = merged(qtbot, supervisor, team)  # merging again changes nothing
    assert not again.changed
    assert [dialog.model.data(dialog.model.index(r, 1)) for r in range(3)] == ["Nothing new"] * 3


def test_record_a_consensus_from_the_view(supervisor, qtbot, team, monkeypatch):
    merged(qtbot, supervisor, team)
    supervisor.merge_dialog.close()
    supervisor.settings.inspector = "Chen"
    asked = {}

    def answer(cls, parent, row, indicator, inspector):
        asked.update(row=(row.project_id, row.code), indicator=indicator, inspector=inspector)
        return dialogs.AssessAnswer(0.65, inspector, "joint site visit: plan adopted")

    monkeypatch.setattr(dialogs.ConsensusDialog, "ask", classmethod(answer))
    view = supervisor.disagreements
    assert not view.consensus_button.isEnabled()  # nothing chosen yet
    assert view.select("P1", "M")
    with qtbot.waitSignal(supervisor.results_changed, timeout=60000):  # scored again in a worker
        view.consensus_button.click()
    assert asked == {"row": ("P1", "M"), "indicator": "Indicator M", "inspector": "Chen"}
    p1 = next(p for p in supervisor.run.projects if p.project_id == "P1")
    assert p1.total == pytest.approx(70.0)
    assert texts(view.model, "consensus")[0] == "0.650 — Chen: joint site visit: plan adopted"
    assert texts(view.model, "used")[0] == "0.650 (consensus)"
    assert view.current_row().project_id == "P1"  # still chosen after rescoring
    assert supervisor.audit.model.row_object(0).action == "consensus"
    # the Project tab says who decided and how
    supervisor.results.select_project("P1")
    detail = supervisor.detail.model
    m_row = next(r for r in range(detail.rowCount()) if detail.row_object(r).criterion.code == "M")
    last = detail.columnCount() - 1
    shown = [detail.data(detail.index(m_row, c)) for c in (last - 1, last)]
    sentence = "3 inspectors: Li 0.6, Wang 0.7, Zhao 0.2 — consensus 0.65: joint site visit: plan adopted"
    assert shown == ["Chen", sentence]


def test_consensus_dialog_requires_a_reason(qtbot, merged_run):
    row = disagreement_rows(merged_run)[0]
    dialog = dialogs.ConsensusDialog(row, "Indicator M", "Chen")
    qtbot.addWidget(dialog)
    assert dialog.fraction.value() == pytest.approx(0.6)  # starts at the median used now
    assert_ok_waits_for_name_and_reason(dialog)


def test_the_mean_setting_is_stored_in_the_workspace(supervisor, qtbot, team):
    merged(qtbot, supervisor, team)
    view = supervisor.disagreements
    view.method_box.setCurrentIndex(view.method_box.findData("mean"))
    assert supervisor.backend.reconcile_settings().method == "mean"
    p1 = next(p for p in supervisor.run.projects if p.project_id == "P1")
    assert p1.total == pytest.approx(62.5)
    assert texts(view.model, "used")[0] == "0.500 (mean)"
    assert supervisor.audit.model.row_object(0).action == "reconcile_setting"


def test_a_mismatched_scheme_is_refused_with_a_dialog(supervisor, qtbot, team, tmp_path, shown_errors):
    changed = write_template(tmp_path / "changed.xlsx", [criterion("A", weight=3), *CRITERIA[1:]],
                             name="City scheme")
    with Workspace.create(tmp_path / "rogue.spw") as rogue:
        rogue.add_template(changed)
    with qtbot.waitSignal(supervisor.merge_finished, timeout=60000) as blocker:
        supervisor.start_merge([team["Li"], tmp_path / "rogue.spw"])
    assert blocker.args[0] is None
    assert shown_errors[0][0] == "The merge failed"
    assert "different content" in shown_errors[0][1] and "Traceback" not in shown_errors[0][1]
    assert supervisor.run.projects == []  # nothing was merged, not even li.spw


def test_chinese_texts(qtbot, merged_run):
    translation.install("zh_CN")
    view = DisagreementsView()
    qtbot.addWidget(view)
    from scoring.core.reconcile import ReconcileSettings

    view.set_results(merged_run, ReconcileSettings())
    assert view.consensus_button.text() == "记录共识…"
    assert view.count_label.text() == "指标：2 · 意见分歧：1"
    assert texts(view.model, "used")[0] == "0.600 (中位数)"
    assert view.model.headerData(view.model.column_of("spread"), Qt.Orientation.Horizontal) == "极差"
    tip = view.model.data(view.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("3位核查人：Li 0.6、Wang 0.7、Zhao 0.2 — 中位数 0.6（极差 0.5，意见分歧，尚无共识）")

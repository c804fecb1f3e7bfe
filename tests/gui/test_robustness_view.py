"""The Robustness tab: its worker task alone, then the widget driving a real worker (issue 8)."""

from __future__ import annotations

import pytest

from gui.views.robustness_view import RobustnessView, compute_robustness
from scoring.analysis.robustness_options import RobustnessOptions
from tests.builders import three_scored_projects


def _scheme_and_projects():
    # P1 50, P2 40, P3 25 points (see tests/test_robustness.py); the top 1 is lost when A's
    # weight falls by 25%
    return three_scored_projects()


class _State:
    """The worker's state, without Qt: records progress, cancels when asked to."""

    def __init__(self, stop_after=None):
        self.calls, self.stop_after = [], stop_after

    def progress(self, done, total, text=""):
        self.calls.append((done, total))
        return self.stop_after is None or len(self.calls) < self.stop_after


def test_the_task_reports_progress_and_returns_the_study():
    scheme, projects = _scheme_and_projects()
    state = _State()
    study = compute_robustness(state, scheme, projects, RobustnessOptions(draws=300, top_k=1))
    assert state.calls[-1] == (300, 300)
    assert study.stability.change == pytest.approx(-0.25)


def test_the_task_returns_none_when_cancelled(monkeypatch):
    import scoring.analysis.robustness as robustness

    monkeypatch.setattr(robustness, "CHUNK_CELLS", 30)  # ten draws of three projects per chunk
    scheme, projects = _scheme_and_projects()
    assert compute_robustness(_State(stop_after=2), scheme, projects, RobustnessOptions(draws=300)) is None


def test_run_fills_chart_paragraph_and_table(qtbot, qtmodeltester):
    view = RobustnessView()
    qtbot.addWidget(view)
    scheme, projects = _scheme_and_projects()
    view.set_results(scheme, projects)
    view.top_k.setValue(1)
    view.draws.setValue(400)
    with qtbot.waitSignal(view.study_finished, timeout=20000) as blocker:
        view.run_button.click()
    study = blocker.args[0]
    assert study is not None and view.study is study
    qtbot.waitUntil(lambda: view.worker is None)  # `done` follows `finished` through the event loop
    assert view.run_button.isEnabled()
    assert view.model.rowCount() == 3
    assert [view.model.index(r, 1).data() for r in range(3)] == ["P1", "P2", "P3"]
    assert "lowering its weight by 25.0%" in view.summary.toPlainText()
    qtmodeltester.check(view.model)
    assert not view.chart.canvases  # matplotlib waits until the chart is on screen
    view.show()
    qtbot.waitExposed(view)
    labels = [t.get_text() for t in view.chart.figures()[0].axes[0].get_yticklabels()]
    assert len(labels) == 3


def test_new_scores_clear_the_old_study(qtbot):
    view = RobustnessView()
    qtbot.addWidget(view)
    scheme, projects = _scheme_and_projects()
    view.set_results(scheme, projects)
    with qtbot.waitSignal(view.study_finished, timeout=20000):
        view.start()
    view.set_results(scheme, projects[:2])
    assert view.study is None and view.model.rowCount() == 0


def test_nothing_to_study_starts_nothing(qtbot):
    view = RobustnessView()
    qtbot.addWidget(view)
    view.set_results(None, [])
    assert view.start() is None


def test_chinese_labels(qtbot):
    from PySide6.QtWidgets import QApplication

    from gui import translation

    view = RobustnessView()
    qtbot.addWidget(view)
    translation.install("zh_CN")
    QApplication.sendPostedEvents()  # deliver the LanguageChange event
    assert view.run_button.text() == "运行"
    assert view.labels[0].text() == "随机权重组数："

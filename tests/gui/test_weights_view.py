"""The Weights tab (issue 19, item 7): move a weight and the ranking follows; Reset; export a
new scheme version; the template is never written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from gui.views import weights_view
from gui.views.weights_view import VersionAnswer, WeightsView
from scoring.io.template import load_template


def _by_hand(scheme, project, weights: dict[str, float]) -> float:
    """A project's total from its indicators' fractions and statuses, written out from
    docs/method.md ("Points and total") without the engine: Σ s·w·100/W + bonus − penalty."""
    numerator = included = bonus = penalty = 0.0
    for c in scheme.criteria:
        result, w = project.indicators[c.code], weights.get(c.code, c.weight)
        usable = result.status in ("ok", "override")
        s = result.score if usable else 0.0
        if c.kind == "bonus":
            bonus += s * w
        elif c.kind == "penalty":
            penalty += s * w
        elif usable or (c.is_required and result.status in ("missing", "invalid", "pending")
                        and scheme.missing == "zero"):
            numerator += s * w
            included += w
    base = numerator * scheme.total_points / included if included else 0.0
    return max(0.0, base + bonus - penalty)


def _shown(window):
    return window.weights_view.model.project_ids()


def _digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def weights_tab(window, qtbot):
    window.tabs.setCurrentWidget(window.weights_view)
    qtbot.waitUntil(lambda: window.weights_view.kernel is not None)
    return window


def _a_weight_that_reorders(window):
    """The first score criterion whose weight at 60 changes the order of the ranking shown."""
    view, before = window.weights_view, _shown(window)
    for c in window.scheme().criteria:
        if c.kind != "score" or c.weight == 0:
            continue
        view.set_weight(c.code, 60.0)
        if _shown(window) != before:
            return c
        view.reset()
    pytest.fail("no single weight reorders the city ranking")


def test_moving_a_weight_reranks_live_and_reset_restores(weights_tab, qtbot):
    window = weights_tab
    view, scheme = window.weights_view, window.scheme()
    source, stored = scheme.source, window.backend.schemes()
    digest = _digest(source)
    as_scored = [p.project_id for p in sorted(window.scheme_projects(), key=lambda p: (p.rank, p.project_id))]
    assert _shown(window) == as_scored  # at the template's weights: the Results tab's ranking
    assert not view.reset_button.isEnabled() and not view.export_button.isEnabled()

    with qtbot.waitSignal(view.weights_changed):
        criterion = _a_weight_that_reorders(window)
    moved = _shown(window)
    assert moved != as_scored
    top = next(p for p in window.scheme_projects() if p.project_id == moved[0])
    shown_total = float(view.model.index(0, view.model.column_of("total")).data())
    assert shown_total == pytest.approx(_by_hand(scheme, top, {criterion.code: 60.0}), abs=0.005)
    assert shown_total >= max(_by_hand(scheme, p, {criterion.code: 60.0})
                              for p in window.scheme_projects() if not p.veto) - 0.005
    assert view.changed() == [criterion.code]
    item = view.criterion_row(criterion.code)
    assert item.background(0).color().name() == weights_view.CHANGED_COLOUR
    assert item.text(4) == f"+{60 - criterion.weight:g}"
    assert view.reset_button.isEnabled() and view.export_button.isEnabled()
    assert "changed from the template's: 1" in view.summary.text() and "change rank" in view.summary.text()
    # the Results tab keeps the ranking as scored: the weights are only tried here
    assert window.results.visible_project_ids() == as_scored

    view.reset_button.click()
    assert _shown(window) == as_scored
    assert view.changed() == [] and not view.reset_button.isEnabled()
    assert view.weight_spin(criterion.code).value() == criterion.weight
    assert item.background(0).style() == Qt.BrushStyle.NoBrush
    assert _digest(source) == digest
    assert [c.weight for c in window.backend.schemes()[0].criteria] == [c.weight for c in stored[0].criteria]


def test_a_dimension_weight_scales_its_criteria(weights_tab):
    view, scheme = weights_tab.weights_view, weights_tab.scheme()
    dimension = scheme.dimensions[0]
    members = [c for c in scheme.criteria if c.kind == "score" and c.dimension == dimension]
    total = sum(c.weight for c in members)
    view.set_dimension_weight(dimension, 2 * total)
    shown = [view.weight_spin(c.code).value() for c in members]
    assert shown == pytest.approx([2 * c.weight for c in members])
    assert view.changed() == [c.code for c in members if c.weight > 0]


def test_a_trial_is_kept_per_scheme_and_survives_new_scores(weights_tab):
    window = weights_tab
    view, city = window.weights_view, window.scheme()
    code = next(c.code for c in city.criteria if c.kind == "score")
    view.set_weight(code, 33.0)
    park = next(s.name for s in window.run.schemes if s.level == "park")
    window.navigator.select_scheme(park)  # as the navigator's click does: shows the park
    assert window.scheme_name == park and view.changed() == []
    window.navigator.select_scheme(city.name)
    assert window.scheme_name == city.name
    window.rescore()
    assert view.changed() == [code] and view.weight_spin(code).value() == 33.0


def test_export_writes_a_new_version_and_leaves_the_template(weights_tab, tmp_path, monkeypatch):
    window = weights_tab
    view, scheme = window.weights_view, window.scheme()
    digest = _digest(scheme.source)
    code = next(c.code for c in scheme.criteria if c.kind == "score" and c.weight > 0)
    view.set_weight(code, 17.0)
    asked = []

    def answer(cls, parent, shown_scheme, changed):
        asked.append(changed)
        return VersionAnswer("2025.1-panel", "Expert panel, 3 May")

    monkeypatch.setattr(weights_view.VersionDialog, "ask", classmethod(answer))
    out = tmp_path / "city_new.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view.export_button.click()
    assert asked == [[code]]
    written = load_template(out)
    assert written.version == "2025.1-panel" and written.criterion(code).weight == 17.0
    assert [c.weight for c in written.criteria if c.code != code] == \
        [c.weight for c in scheme.criteria if c.code != code]
    assert _digest(scheme.source) == digest
    assert window.written == out  # Open and Show in folder offered


def test_the_version_dialog_needs_a_new_name_and_a_reason(qtbot):
    from scoring.build.demo import shipped_schemes

    scheme = shipped_schemes()["city"]
    dialog = weights_view.VersionDialog(scheme, ["C01"])
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # no reason yet
    dialog.reason.setPlainText("panel decision")
    assert ok.isEnabled()
    dialog.version.setText(scheme.version)
    assert not ok.isEnabled() and scheme.version in dialog.note.text()


def test_ten_thousand_rows_re_sort_with_the_selection_kept(qtbot, qtmodeltester):
    from scoring.analysis.robustness import matrix_from_arrays
    from scoring.analysis.weights import WeightKernel
    from scoring.core.cells import SchemeArrays
    from scoring.core.kernel import score_matrix
    from scoring.core.model import OK, Criterion, Scheme

    criteria = tuple(Criterion(code=c, dimension="D", indicator=c, type="value", weight=1.0,
                               direction="higher", worst=0.0, best=1.0) for c in "AB")
    scheme = Scheme(name="Big", level="city", version="1", criteria=criteria)
    rng = np.random.default_rng(3)
    values = rng.uniform(0, 1, (10_000, 2))
    status = np.full(values.shape, OK, dtype=np.int8)
    nan = np.full(values.shape, np.nan)
    scored = score_matrix(scheme, SchemeArrays.of(scheme), values, values, status, nan)
    kernel = WeightKernel.from_matrix(matrix_from_arrays(scheme, scored.fraction, status))
    model = weights_view.WeightsRankingModel()
    template = kernel.weigh([1.0, 1.0])
    model.set_projects(scheme, kernel, template)
    qtmodeltester.check(model)
    now = kernel.weigh([1.0, 0.0])  # A alone: ranked by A
    model.set_weighed(now)
    first = model.project_ids()[0]
    assert first == kernel.project_ids[int(np.argmax(values[:, 0]))]
    assert model.index(0, 0).data() == "1"


def test_the_tab_speaks_chinese(weights_tab):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from gui import translation

    window = weights_tab
    translation.install("zh_CN")
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    view = window.weights_view
    assert window.tabs.tabText(window.tabs.indexOf(view)) == "权重"
    assert view.reset_button.text() == "重置"
    assert "权重" in view.summary.text()
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "排名"


def test_weights_view_without_a_scheme(qtbot):
    view = WeightsView()
    qtbot.addWidget(view)
    view.set_results(None, [])
    view.show()
    assert view.model.rowCount() == 0 and not view.export_button.isEnabled()


def test_scrolling_over_a_weight_does_not_change_it(weights_tab, qtbot):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view, scheme = weights_tab.weights_view, weights_tab.scheme()
    code = next(c.code for c in scheme.criteria if c.kind == "score" and c.weight > 0)
    spin = view.weight_spin(code)

    def wheel():
        centre = QPointF(spin.rect().center())
        event = QWheelEvent(centre, QPointF(spin.mapToGlobal(centre.toPoint())), QPoint(), QPoint(0, 120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(spin, event)

    view.tree.setFocus()
    wheel()
    assert view.changed() == []
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel()
    assert view.changed() == [code]


def test_walking_a_weight_costs_few_references_to_none(weights_tab, qtbot):
    """PySide6 6.12 on Python 3.11 drops a reference to None at each call of a Qt method that
    returns nothing (see weights_view.WeightRow): a change of weight must make few such calls,
    or a person holding an arrow key down would end the session ("deallocating None")."""
    import sys

    from PySide6.QtWidgets import QApplication

    view, scheme = weights_tab.weights_view, weights_tab.scheme()
    code = next(c.code for c in scheme.criteria if c.kind == "score" and c.weight > 0)
    QApplication.processEvents()
    before = sys.getrefcount(None)
    for step in range(40):
        view.set_weight(code, 10.0 + step)
    QApplication.processEvents()
    assert before - sys.getrefcount(None) < 40 * 20  # it was 40 × 310 with a text set per row

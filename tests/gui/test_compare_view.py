"""Compare (issue 19, item 8): pick projects in Results, see them side by side, in both languages.

The figures in the table are checked against the projects' own scored results (points,
totals) and differences worked out here from them; scoring.analysis.compare's arithmetic is pinned by
hand-computed values in tests/test_compare.py.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from gui import translation
from gui.models.tables import number_text
from gui.views.compare_view import LEAST_COLOUR, MOST_COLOUR, CompareDialog


def _pick(window, count):
    """The first ``count`` projects of the ranking, selected in Results."""
    ids = window.results.visible_project_ids()[:count]
    window.results.select_projects(ids)
    return ids


def _table(dialog):
    model = dialog.model
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = {}
    for r in range(model.rowCount()):
        cells = [model.data(model.index(r, c)) for c in range(model.columnCount())]
        rows[cells[0] or cells[1]] = (r, cells)
    return header, rows


def _background(dialog, row, column):
    brush = dialog.model.data(dialog.model.index(row, column), Qt.ItemDataRole.BackgroundRole)
    return brush.color() if brush is not None else None


def test_two_projects_side_by_side_from_the_results_selection(window):
    assert not window.results.compare_button.isEnabled()
    first, second = _pick(window, 2)
    assert window.results.selected_project_ids() == [first, second]
    assert window.results.compare_button.isEnabled()
    window.results.compare_button.click()
    dialog = window.compare_dialog
    assert isinstance(dialog, CompareDialog) and dialog.isVisible()
    a, b = (next(p for p in window.scheme_projects() if p.project_id == pid) for pid in (first, second))
    header, rows = _table(dialog)
    assert header[:2] == ["Code", "Criterion"]
    assert header[2:5] == [f"{first}\nValue", f"{first}\nFraction", f"{first}\nPoints"]
    assert header[-1] == f"{second} − {first}"
    scheme = window.scheme()
    for criterion in scheme.criteria:
        row, cells = rows[criterion.code]
        pa, pb = a.indicators[criterion.code].points, b.indicators[criterion.code].points
        assert cells[4] == number_text(pa) and cells[7] == number_text(pb)
        if pa is not None and pb is not None and abs(pb - pa) >= 0.005:
            assert cells[-1] == f"{pb - pa:+.2f}"
            assert _background(dialog, row, 4) == QColor(MOST_COLOUR if pa > pb else LEAST_COLOUR)
    _, total = rows["Total"]
    assert total[4] == f"{a.total:.2f}" and total[7] == f"{b.total:.2f}"
    assert total[-1] == ("0.00" if abs(b.total - a.total) < 0.005 else f"{b.total - a.total:+.2f}")
    assert rows["Grade"][1][4] == a.grade and rows["Rank"][1][7] == str(b.rank)
    subtotals = [key for key in rows if key.startswith("Subtotal: ")]
    assert len(subtotals) == len(scheme.dimensions) + sum(
        1 for kind in ("bonus", "penalty") if any(c.kind == kind for c in scheme.criteria))
    first_dimension = scheme.dimensions[0]
    _, cells = next(rows[k] for k in subtotals if first_dimension in k)
    assert cells[4] == number_text(a.dimensions[first_dimension])
    # the charts: the radar with both projects, their points lost overlaid
    legend = [t.get_text() for t in dialog.charts.figures()[0].axes[0].get_legend().get_texts()]
    assert legend[-2:] == [f"{a.rank}. {a.name}", f"{b.rank}. {b.name}"]
    lost_axes = dialog.charts.figures()[1].axes[0]
    assert len(lost_axes.collections) == 2
    assert [t.get_text() for t in lost_axes.get_legend().get_texts()] == legend[-2:]


def test_ctrl_k_compares_four_and_refuses_one(window, qtbot):
    window.activateWindow()
    ids = _pick(window, 4)
    window.act_compare.trigger()
    header, _ = _table(window.compare_dialog)
    assert header[-1] == "Spread (max − min)" and len(header) == 2 + 4 * 3 + 1
    assert window.act_compare.shortcut().toString() == "Ctrl+K"
    window.compare_dialog.close()
    window.results.select_projects(ids[:1])
    assert not window.results.compare_button.isEnabled()
    window.act_compare.trigger()
    assert not window.compare_dialog.isVisible()
    assert "Select two to four projects" in window.statusBar().currentMessage()


def test_an_open_comparison_follows_a_new_score(window):
    ids = _pick(window, 2)
    window.act_compare.trigger()
    before = window.compare_dialog.comparison
    window.rescore()
    after = window.compare_dialog.comparison
    assert after is not before and [p.project_id for p in after.projects] == ids


@pytest.fixture
def chinese():
    translation.install("zh_CN")
    yield
    translation.install("en")


def test_the_comparison_in_chinese(window, chinese):
    ids = _pick(window, 3)
    window.act_compare.trigger()
    dialog = window.compare_dialog
    header, rows = _table(dialog)
    assert dialog.windowTitle() == "比较项目"
    assert header[:2] == ["编号", "指标"] and header[-1] == "极差（最大 − 最小）"
    assert "总分" in rows and "等级" in rows and "排名" in rows
    assert any(key.startswith("小计：") for key in rows)
    assert dialog.charts.figures()[1].axes[0].get_title(loc="left").startswith("失分对比")
    assert ids[0] in dialog.heading.text()

"""Every column a person needs is in view on a 1366×768 laptop (a 1280×720 window): the long
text columns give up width, elided, and the short ones after them stay (gui.views.common.FitToWidth)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from gui import translation
from gui.views.common import FitToWidth

LONG = "a long name that needs much more room than the table has " * 2


def _table(width: int) -> tuple[QTableView, QStandardItemModel]:
    model = QStandardItemModel(3, 4)
    for row in range(3):
        for column, text in enumerate(("ID-1", LONG, "Excellent", LONG)):
            model.setItem(row, column, QStandardItem(text))
    table = QTableView()
    table.setModel(model)
    table.resize(width, 200)
    table.show()
    return table, model


def _right_edge(table: QTableView, column: int) -> int:
    return table.columnViewportPosition(column) + table.columnWidth(column)


def test_long_columns_give_up_width_so_the_short_ones_after_them_stay_in_view(qtbot):
    table, _ = _table(500)
    qtbot.addWidget(table)
    fit = FitToWidth(table, {1: 80}, in_view=2)
    fit.refit()
    available = table.viewport().width()
    assert table.columnWidth(2) >= table.sizeHintForColumn(2)  # the grade, whole
    assert _right_edge(table, 2) <= available
    assert table.columnWidth(1) >= 80 and table.columnWidth(1) < table.sizeHintForColumn(1)
    # column 3 is beyond what must be seen: it keeps its width and is reached by scrolling
    assert table.columnWidth(3) >= table.sizeHintForColumn(3)


def test_never_below_the_narrowest_and_a_width_set_by_hand_is_kept(qtbot):
    table, _ = _table(200)
    qtbot.addWidget(table)
    fit = FitToWidth(table, {1: 120, 3: 90})
    fit.refit()
    assert (table.columnWidth(1), table.columnWidth(3)) == (120, 90)  # too narrow: it scrolls
    table.setColumnWidth(1, 300)  # the person drags the name wider
    table.resize(260, 200)
    qtbot.wait(20)
    assert table.columnWidth(1) == 300
    fit.refit()  # new rows: fitted again
    assert table.columnWidth(1) == 120


def test_everything_fits_at_its_natural_width_when_there_is_room(qtbot):
    table, _ = _table(3000)
    qtbot.addWidget(table)
    FitToWidth(table, {1: 80, 3: 80}).refit()
    assert table.columnWidth(1) >= table.sizeHintForColumn(1)
    assert _right_edge(table, 3) == table.viewport().width()  # the rest goes to the last column


def _in_view(table, column: int) -> bool:
    left = table.columnViewportPosition(column)
    return 0 <= left and _right_edge(table, column) <= table.viewport().width()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_at_1280_by_720_every_needed_column_is_in_view(window, qtbot, lang):
    """The laptop of the README: Project's Status (it sat off the right edge) and every column
    up to the points lost, Weights' Grade and Provisional, Results' columns up to Synergy D."""
    window.set_language(lang)
    window.resize(1280, 720)
    window.tabs.setCurrentWidget(window.detail)
    qtbot.wait(50)
    from gui.views.detail_view import POINTS_LOST, STATUS

    detail = window.detail.table
    assert detail.horizontalHeader().visualIndex(STATUS) == 2  # beside the indicator
    assert detail.horizontalScrollBar().value() == 0
    assert _in_view(detail, STATUS) and _in_view(detail, POINTS_LOST)

    window.tabs.setCurrentWidget(window.weights_view)
    qtbot.wait(50)
    weights = window.weights_view
    for key in ("grade", "provisional", "total"):
        assert _in_view(weights.table, weights.model.column_of(key)), key

    window.tabs.setCurrentWidget(window.results)
    qtbot.wait(50)
    results = window.results
    for key in ("grade", "provisional", "pending", "veto", "issues", "synergy"):
        assert _in_view(results.table, results.model.column_of(key)), key
    translation.install("en")

"""Columns that stay in view when a wide table scrolls right (ID and name, as Excel's Freeze Panes).

Qt has no frozen columns; the way its own example does it is a second table view over the left
edge of the first, sharing its model and selection, showing only the frozen columns and
scrolling up and down with it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView
from shiboken6 import Shiboken


class FrozenColumns(QObject):
    """Keeps the first ``count`` columns of ``table`` in view while it scrolls right."""

    def __init__(self, table: QTableView, count: int) -> None:
        super().__init__(table)
        self.table, self.count = table, count
        self.view = QTableView(table)
        self.view.setModel(table.model())
        self.view.setSelectionModel(table.selectionModel())
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(table.verticalScrollMode())
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(table.alternatingRowColors())
        self.view.setStyleSheet("QTableView { border: none; border-right: 1px solid palette(mid); }")
        self.view.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # clicks on the frozen part act on the table underneath: sort, select, open
        self.view.horizontalHeader().sectionClicked.connect(self._on_header_clicked)
        self.view.horizontalHeader().setSortIndicatorShown(False)
        self.view.doubleClicked.connect(table.doubleClicked)
        table.horizontalHeader().sectionResized.connect(self._on_section_resized)
        table.verticalScrollBar().valueChanged.connect(self.view.verticalScrollBar().setValue)
        self.view.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.horizontalScrollBar().valueChanged.connect(self._on_scrolled_right)
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.columnsInserted, model.columnsRemoved):
            signal.connect(self.refresh)  # a QTableWidget changes its columns by inserting them
        table.installEventFilter(self)
        self.view.hide()  # until the table scrolls right
        self.refresh()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def refresh(self) -> None:
        """Show only the frozen columns, as wide as in the table."""
        if not Shiboken.isValid(self.table):  # a QTableWidget's model outlives it by a moment
            return
        for column in range(self.table.model().columnCount()):
            self.view.setColumnHidden(column, column >= self.count)
            if column < self.count:
                self.view.setColumnWidth(column, self.table.columnWidth(column))
        self._place()

    def _on_header_clicked(self, column: int) -> None:
        """Sort the table as a click on its own header would: flip, or the column's first order."""
        if not self.table.isSortingEnabled():
            return
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() == column:
            ascending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            order = Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder
        else:
            first = self.table.model().headerData(column, Qt.Orientation.Horizontal,
                                                  Qt.ItemDataRole.InitialSortOrderRole)
            order = first if first is not None else Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(column, order)

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.count:
            self.view.setColumnWidth(column, new)
            self._place()

    def _on_scrolled_right(self, value: int) -> None:
        # over the table only once the frozen columns would scroll out of view
        self.view.setVisible(value > 0)
        self._place()

    def width(self) -> int:
        shown = min(self.count, self.table.model().columnCount())
        return sum(self.table.columnWidth(c) for c in range(shown))

    def _place(self) -> None:
        frame = self.table.frameWidth()
        self.view.setGeometry(
            self.table.verticalHeader().width() + frame, frame, self.width(),
            self.table.viewport().height() + self.table.horizontalHeader().height())
        self.view.verticalScrollBar().setValue(self.table.verticalScrollBar().value())

"""Small helpers shared by the views."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def compact_table(table: QTableView) -> None:
    """One text line per row, fixed height: no per-row measuring, and more rows on screen."""
    header = table.verticalHeader()
    header.setVisible(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setWordWrap(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    # Fitting columns measures at most 50 rows, not every row of a long log or report.
    table.horizontalHeader().setResizeContentsPrecision(50)

"""Small helpers shared by the views."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QTableView


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


def fit_columns(table: QTableView, name_column: int = -1, name_width: tuple[int, int] = (160, 320)) -> None:
    """Size columns from the header and the rows when there are few (not all 10,000), at least 60
    pixels each, and the name column (when given) between ``name_width``'s narrowest and widest."""
    header, model = table.horizontalHeader(), table.model()
    small = model.rowCount() < 200
    for column in range(model.columnCount()):
        if small:
            table.resizeColumnToContents(column)
        header.resizeSection(column, max(header.sectionSize(column), 60))
    if name_column >= 0:
        narrowest, widest = name_width
        header.resizeSection(name_column, min(max(header.sectionSize(name_column), narrowest), widest))


def ok_cancel_buttons(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel, wired to ``dialog``'s accept and reject (every dialog of the app has them)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons

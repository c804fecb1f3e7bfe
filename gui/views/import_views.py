"""Import progress (in the status bar, with Cancel) and the import report window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.models.tables import ImportReportModel, ReportRow
from gui.views import dialogs
from gui.views.common import compact_table

if TYPE_CHECKING:
    from scoring.workspace.facade import ImportReport


class ImportProgress(QWidget):
    """Progress bar, current file name and Cancel; emits ``cancel_requested``."""

    cancel_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setFixedWidth(180)
        self.file_label = QLabel()
        self.file_label.setMinimumWidth(220)
        self.cancel_button = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.file_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def start(self, text: str) -> None:
        self.bar.setRange(0, 0)  # busy until the first report says how many files
        self.file_label.setText(text)
        self.cancel_button.setEnabled(True)
        self.show()

    def update_progress(self, done: int, total: int, text: str) -> None:
        """Show step ``done + 1`` of ``total``; a task that cannot count its steps (total 0)
        keeps the busy bar and shows only what it is doing, never "1/0"."""
        name = Path(text).name if text else ""
        if total <= 0:
            self.bar.setRange(0, 0)
            self.file_label.setText(name)
            return
        self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))
        self.file_label.setText(
            self.tr("{done}/{total}: {name}").format(done=min(done + 1, total), total=total, name=name))

    def finish(self) -> None:
        self.hide()

    def _on_cancel_clicked(self) -> None:
        self.cancel_button.setEnabled(False)
        self.file_label.setText(self.tr("Cancelling…"))
        self.cancel_requested.emit()


class ImportReportDialog(QDialog):
    """What an import did; double-click a row to see its file, sheet and cell."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import report"))
        self.model = ImportReportModel(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        compact_table(self.table)
        hint = QLabel(self.tr("Double-click a row to see the file, sheet and cell."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.resize(960, 520)

    def set_report(self, report: ImportReport, rows: list[ReportRow]) -> None:
        self.model.set_report(rows)
        text = self.tr(
            "{files} files read: {new} imported, {resubmitted} resubmitted with differences, "
            "{unchanged} unchanged, {rejected} rejected."
        ).format(
            files=report.files,
            new=len(report.imported),
            resubmitted=len(report.resubmitted),
            unchanged=len(report.unchanged),
            rejected=len(report.rejected),
        )
        if report.skipped:
            text += " " + self.tr(
                "{skipped} files of the folders were not read (not a spreadsheet kind the importer "
                "reads, or a lock file); the table says why."
            ).format(skipped=len(report.skipped))
        if report.cancelled:
            text += " " + self.tr("The import was cancelled; the files read before are kept.")
        self.summary.setText(text)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 360))

    def show_row(self, row: int) -> None:
        """Show where a row's problem is (the double-click action)."""
        item = self.model.row_object(row)
        if item is not None:
            dialogs.LocationDialog.show_location(self, item.location, item.source, item.detail)

    def _on_table_double_clicked(self, index) -> None:
        self.show_row(index.row())

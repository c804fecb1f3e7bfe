"""Import progress (in the status bar, with Cancel) and the import report window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
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
from gui.views.common import Retranslating, compact_table

if TYPE_CHECKING:
    from scoring.workspace.facade import ImportReport


class ImportProgress(Retranslating, QWidget):
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

    def start(self, text: str, cancellable: bool = True) -> None:
        """Show ``text`` with a busy bar until the first report; Cancel only where the work can
        stop (a task that cannot is not offered a button that would do nothing)."""
        self.bar.setRange(0, 0)  # busy until the first report says how many files
        self.file_label.setText(text)
        self.file_label.setToolTip("")
        self.cancel_button.setEnabled(cancellable)
        self.cancel_button.setVisible(cancellable)
        self.show()

    def step_formats(self) -> dict[str, str]:
        """How a step is counted, by the task's unit (gui.workers.TaskState.progress)."""
        return {
            "file": self.tr("File {done} of {total}: {name}"),
            "workspace": self.tr("Workspace {done} of {total}: {name}"),
            "scheme": self.tr("Scoring scheme {done} of {total}: {name}"),
            "form": self.tr("Writing demo form {done} of {total}: {name}"),
            "sheet": self.tr("{name}: sheet {done} of {total}"),
            "page": self.tr("{name}: page {done} of about {total}"),
            "round": self.tr("Scoring round {done} of {total}: {name}"),
        }

    def phase_formats(self) -> dict[str, str]:
        """What a task is doing when it cannot count its steps, by its unit."""
        return {
            "open": self.tr("Opening {name}…"),
            "create": self.tr("Creating {name}…"),
            "prepare": self.tr("Preparing {name}…"),
            "write": self.tr("Writing {name}…"),
        }

    def update_progress(self, done: int, total: int, text: str, unit: str = "") -> None:
        """Show step ``done + 1`` of ``total`` counted in ``unit``; a task that cannot count
        its steps (total 0) keeps the busy bar and shows only what it is doing, never "1/0"."""
        name = Path(text).name if text else ""
        if total <= 0:
            self.bar.setRange(0, 0)
            self.file_label.setText(self.phase_formats().get(unit, "{name}").format(name=name))
            self.file_label.setToolTip(text)
            return
        self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))
        shown = self.step_formats().get(unit) or self.tr("{done}/{total}: {name}")
        self.file_label.setText(shown.format(done=min(done + 1, total), total=total, name=name))
        self.file_label.setToolTip(text)

    def finish(self) -> None:
        self.hide()

    def _on_cancel_clicked(self) -> None:
        self.cancel_button.setEnabled(False)
        self.file_label.setText(self.tr("Cancelling…"))
        self.cancel_requested.emit()


#: Widest a report column is made, in pixels, so that What to do stays in view.
COLUMN_CAP = 250


class ImportReportDialog(Retranslating, QDialog):
    """What an import did. Double-click a refusal or an issue to see its file, sheet and cell
    and what to do; a resubmitted (or imported) file's row to see that project's versions side
    by side (``versions_requested`` with the row's stored submission)."""

    versions_requested = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = ImportReportModel(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        compact_table(self.table)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.versions_button = QPushButton()
        self.versions_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.versions_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.versions_button.clicked.connect(self._on_versions_button_clicked)
        self.resize(1100, 540)
        self._report: ImportReport | None = None
        self._standing = False  # the workspace's refusals still standing, not one import's
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import report"))
        self.hint.setText(self.tr("Double-click a row to see the file, sheet and cell and what to do, or a "
                                  "resubmitted file's versions side by side. Hover over a cell to read it "
                                  "in full."))
        self.versions_button.setText(self.tr("Versions…"))
        if self._report is not None:
            self._show_summary(self._report)

    def set_report(self, report: ImportReport, rows: list[ReportRow]) -> None:
        self._report, self._standing = report, False
        self.model.set_report(rows)
        self._show_summary(report)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):  # long texts are read in full on hover
            header.resizeSection(column, min(header.sectionSize(column), COLUMN_CAP))
        self.versions_button.setEnabled(False)

    def show_standing(self) -> None:
        """Say that the rows are the workspace's refusals still standing (the status bar's
        Rejected files), not what one import did."""
        self._standing = True
        if self._report is not None:
            self._show_summary(self._report)

    def _show_summary(self, report: ImportReport) -> None:
        if self._standing:
            self.setWindowTitle(self.tr("Refused files"))
            self.summary.setText(self.tr(
                "%n refused file(s) in this workspace: the latest refusal of each, until an import of "
                "the same file takes it.", "", len(report.rejected)))
            return
        self.setWindowTitle(self.tr("Import report"))
        # "1 file read", "2 files read": Qt's plural forms (gui/i18n/*_en.ts too)
        text = self.tr(
            "%n file(s) read: {new} imported, {resubmitted} resubmitted with differences, {unchanged} "
            "unchanged, {rejected} rejected.", "", report.files
        ).format(
            new=len(report.imported),
            resubmitted=len(report.resubmitted),
            unchanged=len(report.unchanged),
            rejected=len(report.rejected),
        )
        if report.skipped:
            text += " " + self.tr(
                "%n file(s) of the folders not read (not a spreadsheet kind the importer reads, or a "
                "lock file); the table says why.", "", len(report.skipped))
        if report.cancelled:
            text += " " + self.tr("The import was cancelled; the files read before are kept.")
        self.summary.setText(text)

    def show_row(self, row: int) -> None:
        """The double-click action: a stored file's versions, else where a row's problem is."""
        item = self.model.row_object(row)
        if item is None:
            return
        if item.stored is not None:
            self.versions_requested.emit(item.stored)
        elif item.outcome in ("rejected", "issue"):
            dialogs.LocationDialog.show_location(self, item)

    def _on_table_double_clicked(self, index) -> None:
        self.show_row(index.row())

    def _on_current_row_changed(self, current, _previous) -> None:
        item = self.model.row_object(current.row())
        self.versions_button.setEnabled(item is not None and item.stored is not None)

    def _on_versions_button_clicked(self) -> None:
        item = self.model.row_object(self.table.currentIndex().row())
        if item is not None and item.stored is not None:
            self.versions_requested.emit(item.stored)

"""The summary shown after File ▸ Merge: what each merged workspace brought."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout

from gui.models.tables import Column, RowsModel
from gui.views.common import compact_table

if TYPE_CHECKING:
    from scoring.workspace.merge_report import MergeReport, SourceReport


class MergeReportDialog(QDialog):
    """One row per merged workspace, and a sentence on what now needs a consensus (not modal)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge report"))
        self.model: RowsModel[SourceReport] = RowsModel(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        compact_table(self.table)
        self.next_step = QLabel()
        self.next_step.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.next_step)
        layout.addWidget(buttons)
        self.resize(900, 300)

    def set_report(self, report: MergeReport, reconciled: int, disagreements: int) -> None:
        """Show a MergeReport; ``reconciled`` and ``disagreements`` count the merged result."""
        def number(key: str) -> Callable[[SourceReport], str]:
            return lambda s: str(getattr(s, key))
        self.model.set_rows(
            report.sources,
            [
                Column(self.tr("Workspace"), lambda s: Path(s.source).name),
                Column(self.tr("Result"), self._result),
                Column(self.tr("New projects"), number("projects_added"), align_right=True),
                Column(self.tr("New versions"), number("versions_added"), align_right=True),
                Column(self.tr("Already here"), number("submissions_present"), align_right=True),
                Column(self.tr("Inspectors' scores"), number("assessments_added"), align_right=True),
                Column(self.tr("Inspectors"), lambda s: ", ".join(s.inspectors)),
                Column(self.tr("Withdrawals"), number("withdrawals"), align_right=True),
                Column(self.tr("Consensus records"), number("consensus_added"), align_right=True),
                Column(self.tr("Notes"), number("notes_added"), align_right=True),
                Column(self.tr("Refused files"), number("refusals_added"), align_right=True),
            ],
        )
        text = self.tr("%n workspace(s) merged into {name}.", "", len(report.sources)).format(
            name=Path(report.into).name)
        if report.cancelled:
            text += " " + self.tr(
                "The merge was cancelled; the workspaces listed were merged, the others not."
            )
        self.summary.setText(text)
        self.next_step.setText(
            self.tr(
                "{reconciled} criteria now have scores from several inspectors, {disagreements} of them "
                "with a disagreement. The Disagreements tab lists them and records a consensus."
            ).format(reconciled=reconciled, disagreements=disagreements)
        )
        self.table.resizeColumnsToContents()

    def _result(self, source) -> str:
        return self.tr("Merged") if source.changed else self.tr("Nothing new")

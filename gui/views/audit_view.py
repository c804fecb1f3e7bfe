"""The workspace's audit log: every import, override and withdrawal, newest first."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from gui.backend import AuditEntry
from gui.models.tables import AuditModel
from gui.views.common import FitToWidth, Retranslating, compact_table

#: The audit table's long columns (AuditModel's order).
WHAT_HAPPENED, WRITTEN_IN = 5, 6


class AuditView(Retranslating, QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = AuditModel(self)
        self._entries: list[AuditEntry] = []
        self.label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        compact_table(self.table)
        # every column in view at 1280 wide: what happened gives up width (in full on hover)
        self.fit = FitToWidth(self.table, {WHAT_HAPPENED: 240, WRITTEN_IN: 80})
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.label)
        layout.addWidget(self.table)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(
            self.tr("Every change to this workspace, newest first. Entries are never removed.")
        )
        self.set_entries(self._entries)

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self._entries = list(entries)
        self.model.set_entries(self._entries)
        self.fit.refit()  # measures 50 rows (compact_table)

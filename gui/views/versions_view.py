"""A project's versions side by side: every version with its date, file and round, and what a
version changed from the one before (criterion, old and new value, old and new points), with the
total before → after for the latest.

The previous version's points are worked out by scoring.core.explain.with_values_before (the what-if
kernel); this view only lays them out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSplitter, QTableView, QVBoxLayout

from gui import labels
from gui.models.tables import Column, RowsModel, local_time, number_text
from gui.views.common import compact_table
from scoring.core import explain


class VersionsDialog(QDialog):
    """Select a version to see its differences from the one before."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.versions_model, self.changes_model = RowsModel(self), RowsModel(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.versions = QTableView()
        self.versions.setModel(self.versions_model)
        compact_table(self.versions)
        self.changes = QTableView()
        self.changes.setModel(self.changes_model)
        compact_table(self.changes)
        self.total = QLabel()
        self.total.setTextFormat(Qt.TextFormat.RichText)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.versions)
        split.addWidget(self.changes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)
        layout.addWidget(self.total)
        layout.addWidget(buttons)
        self.versions.selectionModel().currentRowChanged.connect(self._on_version_changed)
        self.setWindowTitle(self.tr("Versions"))
        self.resize(900, 560)
        self._scheme = self._project = None
        self._projects: list = []
        self._latest = None

    def set_versions(self, scheme, project, projects, versions, round_label: str | None) -> None:
        """Show ``versions`` (Workspace.history, oldest first) of the shown project in the round
        shown (every round's when None)."""
        self._scheme, self._project, self._projects = scheme, project, list(projects)
        shown = [v for v in versions if not round_label or v.round == round_label]
        self._latest = shown[-1] if shown else None
        self.title.setText(self.tr("{project} {name}: {count} versions; select one to see what it changed")
                           .format(project=project.project_id, name=project.name, count=len(shown)))
        self.versions_model.set_rows(list(reversed(shown)), [
            Column(self.tr("Version"), lambda v: str(v.version), align_right=True),
            Column(self.tr("Round"), lambda v: v.round),
            Column(self.tr("Imported"), lambda v: local_time(v.imported_at)),
            Column(self.tr("By"), lambda v: v.imported_by),
            Column(self.tr("File"), lambda v: Path(v.source.replace("\\", "/")).name,
                   tooltip=lambda v: v.source),
            Column(self.tr("Changes"), lambda v: str(len(v.changes)) if v.version > 1 else "—",
                   align_right=True),
        ])
        _fit(self.versions)
        if shown:
            self.versions.selectRow(0)
            self.show_version(0)

    def show_version(self, row: int) -> None:
        """The differences of the version in ``row`` from the one before."""
        version = self.versions_model.row_object(row)
        if version is None or self._scheme is None:
            return
        before = self._before(version)
        criterion = self._scheme.criterion
        fields = {"current": self.tr("Value"), "baseline": self.tr("Baseline"),
                  "evidence": self.tr("Evidence")}

        def points(result_of, change) -> str:
            if result_of is None or not change.code or change.field not in ("current", "baseline"):
                return ""
            result = result_of.indicators.get(change.code)
            return number_text(result.points) if result is not None else ""

        self.changes_model.set_rows(list(version.changes), [
            Column(self.tr("Criterion"), lambda c: c.code),
            Column(self.tr("Indicator"),
                   lambda c: labels.criterion_text(criterion(c.code))[1] if criterion(c.code) else ""),
            Column(self.tr("Field"), lambda c: fields.get(c.field) or labels.change_field(c.field)),
            Column(self.tr("Old value"), lambda c: _value(criterion(c.code), c.old), align_right=True),
            Column(self.tr("New value"), lambda c: _value(criterion(c.code), c.new), align_right=True),
            Column(self.tr("Old points"), lambda c: points(before, c), align_right=True),
            Column(self.tr("New points"),
                   lambda c: points(self._project if version is self._latest else None, c), align_right=True),
        ])
        _fit(self.changes)
        self.total.setText(self._total_text(version, before))

    def _before(self, version):
        """The project with this version's changes taken back (latest version only), or None."""
        if version is not self._latest or version.version < 2 or self._project is None:
            return None
        try:
            return explain.with_values_before(self._scheme, self._projects, self._project, version.changes)
        except explain.WhatIfError:
            return None

    def _total_text(self, version, before) -> str:
        if version.version < 2:
            return self.tr("The first version: nothing to compare with.")
        if before is None:
            return self.tr("Total before → after is worked out for the latest version only.")
        after = self._project
        return "<b>" + self.tr("Total {before} → {after}, grade {grade_before} → {grade_after}").format(
            before=f"{before.total:.2f}", after=f"{after.total:.2f}",
            grade_before=labels.grade_name(before.grade), grade_after=labels.grade_name(after.grade)) + "</b>"

    def _on_version_changed(self, current, _previous) -> None:
        self.show_version(current.row())


#: Widest a column is made, in pixels: long evidence texts are read in full on hover.
COLUMN_CAP = 240


def _fit(table: QTableView) -> None:
    table.resizeColumnsToContents()
    for column in range(table.model().columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column), COLUMN_CAP))


def _value(criterion, value) -> str:
    if value is None or value == "":
        return "—"
    if criterion is None:
        return str(value)
    return labels.value_text(criterion, value) or str(value)


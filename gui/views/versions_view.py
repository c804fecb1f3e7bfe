"""A project's versions side by side: every version with its date, file, total and grade, and
any two of them compared criterion by criterion (old and new value, old and new points) with
the total and grade before → after.

Every version's result comes from scoring: Workspace.scored_versions scores each stored
version's cells through the engine, and scoring.workspace.records.version_differences lists
what differs between two of them; this view only lays them out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui import labels
from gui.models.tables import Column, RowsModel, local_time, number_text
from gui.views.common import Retranslating, compact_table, splitter
from scoring.core.model import Scheme
from scoring.workspace.records import ScoredVersion, VersionDifference, version_differences


class VersionsDialog(Retranslating, QDialog):
    """Every version of one project's form; pick two to see their differences."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.versions_model: RowsModel[ScoredVersion] = RowsModel(self)
        self.changes_model: RowsModel[VersionDifference] = RowsModel(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.versions = QTableView()
        self.versions.setModel(self.versions_model)
        compact_table(self.versions)
        self.older, self.newer = QComboBox(), QComboBox()
        self.compare_label, self.with_label = QLabel(), QLabel()
        self.changes = QTableView()
        self.changes.setModel(self.changes_model)
        compact_table(self.changes)
        self.total = QLabel()
        self.total.setTextFormat(Qt.TextFormat.RichText)
        self.total.setWordWrap(True)
        pick = QHBoxLayout()
        for widget in (self.compare_label, self.older, self.with_label, self.newer):
            pick.addWidget(widget)
        pick.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(pick)
        lower_layout.addWidget(self.changes, 1)
        split = splitter(Qt.Orientation.Vertical, self.versions, lower, stretch=(0, 3))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)
        layout.addWidget(self.total)
        layout.addWidget(buttons)
        self.versions.selectionModel().currentRowChanged.connect(self._on_version_changed)
        self.older.activated.connect(self._on_pair_activated)
        self.newer.activated.connect(self._on_pair_activated)
        self.resize(960, 600)
        self._scheme: Scheme | None = None
        self._project_text = ""
        self._scored: list[ScoredVersion] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Versions"))
        self.compare_label.setText(self.tr("Compare version"))
        self.with_label.setText(self.tr("with version"))
        if self._scheme is not None:
            self._fill(self.older.currentIndex(), self.newer.currentIndex())

    # ----------------------------------------------------------------------------- filling
    def set_versions(self, scheme: Scheme, project_text: str, scored: list[ScoredVersion]) -> None:
        """Show ``scored`` (Workspace.scored_versions, oldest first) of one project of ``scheme``;
        the latest is compared with the one before it."""
        self._scheme, self._project_text, self._scored = scheme, project_text, list(scored)
        latest = len(self._scored) - 1
        self._fill(max(latest - 1, 0), latest)

    def _fill(self, older: int, newer: int) -> None:
        self.title.setText(self.tr("{project}: %n version(s); select one to compare it with the one "
                                   "before, or choose any two below", "", len(self._scored)).format(
            project=self._project_text))
        self.versions_model.set_rows(list(reversed(self._scored)), [
            Column(self.tr("Version"), lambda s: str(s.version.version), align_right=True),
            Column(self.tr("Round"), lambda s: s.version.round),
            Column(self.tr("Imported"), lambda s: local_time(s.version.imported_at)),
            Column(self.tr("By"), lambda s: s.version.imported_by),
            Column(self.tr("File"), lambda s: Path(s.version.source.replace("\\", "/")).name,
                   tooltip=lambda s: s.version.source),
            Column(self.tr("Changes"), _changes_count, align_right=True),
            Column(self.tr("Total"), lambda s: number_text(s.total), align_right=True),
            Column(self.tr("Grade"), lambda s: labels.grade_name(s.grade), self._grade_colour),
        ])
        _fit(self.versions)
        for combo in (self.older, self.newer):
            combo.clear()
            for scored in self._scored:
                combo.addItem(self.tr("{version} ({file})").format(
                    version=scored.version.version, file=Path(scored.version.source.replace("\\", "/")).name))
        if self._scored:
            self.compare(older, newer)

    def _typed(self, value) -> str:
        """A value as the form held it: "yes" and "是" are the same answer written differently."""
        return self.tr("In the form: {value}").format(value=_value(None, value))

    def _grade_colour(self, scored: ScoredVersion) -> str | None:
        colour = labels.grade_colour(self._scheme, scored.grade)
        return colour.name() if colour is not None else None

    # ----------------------------------------------------------------------------- comparing
    def compare(self, older: int, newer: int) -> None:
        """Show what differs between the versions at positions ``older`` and ``newer`` (oldest
        first, 0-based): every changed criterion with its values and points, and the totals."""
        scheme = self._scheme
        if scheme is None or not (0 <= older < len(self._scored) and 0 <= newer < len(self._scored)):
            return
        self.older.setCurrentIndex(older)
        self.newer.setCurrentIndex(newer)
        before, after = self._scored[older], self._scored[newer]
        differences = version_differences(scheme, before, after) if older != newer else []
        criterion = scheme.criterion
        fields = {"current": self.tr("Value"), "baseline": self.tr("Baseline"),
                  "evidence": self.tr("Evidence")}
        self.changes_model.set_rows(differences, [
            Column(self.tr("Criterion"), lambda d: d.change.code),
            Column(self.tr("Indicator"), lambda d: _indicator(criterion(d.change.code))),
            # a project field (name, region …) by the name the import report gives it
            Column(self.tr("Field"),
                   lambda d: fields.get(d.change.field) or labels.change_field(d.change.field)),
            # as the interface shows it (yes/no as 是/否 in Chinese), as the form held it on hover
            Column(self.tr("Old value"), lambda d: _values(criterion(d.change.code), d.change)[0],
                   align_right=True, tooltip=lambda d: self._typed(d.change.old)),
            Column(self.tr("New value"), lambda d: _values(criterion(d.change.code), d.change)[1],
                   align_right=True, tooltip=lambda d: self._typed(d.change.new)),
            Column(self.tr("Old points"), lambda d: _points(d.old_points), align_right=True),
            Column(self.tr("New points"), lambda d: _points(d.new_points), align_right=True),
        ])
        _fit(self.changes)
        self.total.setText(self._total_text(before, after))
        row = len(self._scored) - 1 - newer
        if self.versions.currentIndex().row() != row:
            self.versions.selectionModel().blockSignals(True)
            self.versions.selectRow(row)
            self.versions.selectionModel().blockSignals(False)

    def _total_text(self, before: ScoredVersion, after: ScoredVersion) -> str:
        if before is after:
            if after.version.version == 1:
                return self.tr("The first version: nothing to compare with.")
            return self.tr("The same version on both sides: choose another to compare with.")
        return "<b>" + self.tr(
            "Version {old} → {new}: total {before} → {after}, grade {grade_before} → {grade_after}").format(
            old=before.version.version, new=after.version.version,
            before=number_text(before.total), after=number_text(after.total),
            grade_before=labels.grade_name(before.grade), grade_after=labels.grade_name(after.grade)) + "</b>"

    def _on_version_changed(self, current, _previous) -> None:
        newer = len(self._scored) - 1 - current.row()
        self.compare(max(newer - 1, 0), newer)

    def _on_pair_activated(self, _index: int) -> None:
        self.compare(self.older.currentIndex(), self.newer.currentIndex())


#: Widest a column is made, in pixels: long evidence texts are read in full on hover.
COLUMN_CAP = 240


def _fit(table: QTableView) -> None:
    table.resizeColumnsToContents()
    for column in range(table.model().columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column), COLUMN_CAP))


def _changes_count(scored: ScoredVersion) -> str:
    return str(len(scored.version.changes)) if scored.version.version > 1 else "—"


def _indicator(criterion) -> str:
    return labels.criterion_text(criterion)[1] if criterion is not None else ""


def _points(points: float | None) -> str:
    return "" if points is None else number_text(points)


def _values(criterion, change) -> tuple[str, str]:
    """The old and new value as shown; quoted as typed when both read the same ('yes' → '是'
    both read 是), as the import report words such a change (presentation.change_text)."""
    old, new = _value(criterion, change.old), _value(criterion, change.new)
    if old == new:
        return f"“{_value(None, change.old)}”", f"“{_value(None, change.new)}”"
    return old, new


def _value(criterion, value) -> str:
    if value is None or value == "":
        return "—"
    if criterion is None:
        return str(value)
    return labels.value_text(criterion, value) or str(value)

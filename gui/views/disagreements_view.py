"""Where inspectors disagree: every criterion several inspectors scored, and the consensus.

The supervisor's view after a merge: each inspector's fraction in a column of their own, the
spread (largest first), whether it is a disagreement, the score used until a consensus
(median or mean, a setting of the workspace) and the consensus with its reason. Choosing a
row and "Record consensus…" asks for the agreed fraction and a reason.

Emits ``consensus_requested(row)`` (a DisagreementRow) and ``method_changed(method)``; the main
window does the work.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui import labels
from gui.models.disagreements import DisagreementsModel
from gui.views.common import FitToWidth, Retranslating, compact_table
from gui.views.frozen import FrozenColumns
from scoring.core.reconcile import DisagreementRow, ReconcileSettings, disagreement_rows

#: Widest a column starts (pixels); the whole text is in the row's tooltip.


class DisagreementsView(Retranslating, QWidget):
    consensus_requested = Signal(object)
    method_changed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = DisagreementsModel(self)
        self._settings = ReconcileSettings()
        self._build()
        self._connect()
        self.retranslate()

    def _build(self) -> None:
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.method_label = QLabel()
        self.method_box = QComboBox()
        self.method_box.addItem("", "median")
        self.method_box.addItem("", "mean")
        self.threshold_label = QLabel()
        self.only_box = QCheckBox()
        self.count_label = QLabel()
        self.consensus_button = QPushButton()
        bar = QHBoxLayout()
        for widget in (self.method_label, self.method_box, self.threshold_label, self.only_box):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.consensus_button)
        self.table = QTableView()
        self.table.setModel(self.model)
        compact_table(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.frozen = FrozenColumns(self.table, 2)  # project ID and name stay in view
        self.fit = FitToWidth(self.table, {})
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.intro)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.method_box.currentIndexChanged.connect(self._on_method_box_changed)
        self.only_box.toggled.connect(self._on_only_box_toggled)
        self.consensus_button.clicked.connect(self._on_consensus_clicked)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.model.modelReset.connect(self._update_state)

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "Criteria that several inspectors scored. The spread is the highest score minus the "
                "lowest; above the threshold it is a disagreement. Until a supervisor records a "
                "consensus, the median (or mean) of the inspectors' scores is used."
            )
        )
        self.method_label.setText(self.tr("Score used until a consensus:"))
        self.method_box.setItemText(0, self.tr("Median"))
        self.method_box.setItemText(1, self.tr("Mean"))
        self.only_box.setText(self.tr("Only disagreements"))
        self.consensus_button.setText(self.tr("Record consensus…"))
        self.consensus_button.setToolTip(
            self.tr("Record the agreed fraction of the chosen criterion, with a reason")
        )
        self.model.retranslate()
        self._update_state()

    # -- data in ----------------------------------------------------------------------------
    def set_results(self, run, settings: ReconcileSettings) -> None:
        """Show a scored run's reconciled criteria; keeps the sort and the chosen row."""
        chosen = self.current_row()
        self._settings = settings
        self.method_box.blockSignals(True)  # showing the stored setting is not changing it
        self.method_box.setCurrentIndex(max(self.method_box.findData(settings.method), 0))
        self.method_box.blockSignals(False)
        indicators = {
            (s.name, s.version, c.code): labels.criterion_text(c)[1] for s in run.schemes for c in s.criteria
        }
        self.model.set_rows(disagreement_rows(run), indicators)
        # the model keeps its sort by column key (inspectors' columns come and go): show it
        self.table.sortByColumn(self.model.sort_column(), self.model.sort_order())
        self._fit_columns()
        if chosen is not None:
            self.select(chosen.project_id, chosen.code)

    def _fit_columns(self) -> None:
        """Every column up to the consensus in view at 1280 wide: the name and the scheme give up
        width (elided; the row's tooltip says it in full)."""
        column = self.model.column_of
        self.fit.elastic = {column("name"): 110, column("scheme"): 90}
        self.fit.in_view = column("consensus")
        self.fit.refit()

    def current_row(self) -> DisagreementRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    def select(self, project_id: str, code: str) -> bool:
        """Make a project's criterion the current row (True when it is listed)."""
        for row in range(self.model.rowCount()):
            item = self.model.row_at(row)
            if item is not None and item.project_id == project_id and item.code == code:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    # -- slots ------------------------------------------------------------------------------
    def _update_state(self) -> None:
        threshold = f"{self._settings.threshold:g}"
        self.threshold_label.setText(
            self.tr("Disagreement: spread above {threshold}").format(threshold=threshold)
        )
        self.count_label.setText(
            self.tr("Criteria: {count} · Disagreements: {disagreements}").format(
                count=self.model.total_count(), disagreements=self.model.disagreement_count()
            )
        )
        self.consensus_button.setEnabled(self.current_row() is not None)

    def _on_method_box_changed(self, index: int) -> None:
        method = self.method_box.itemData(index)
        if method and method != self._settings.method:
            self.method_changed.emit(method)

    def _on_only_box_toggled(self, checked: bool) -> None:
        self.model.set_only_disagreements(checked)

    def _on_table_current_changed(self, *_args) -> None:
        self.consensus_button.setEnabled(self.current_row() is not None)

    def _on_consensus_clicked(self) -> None:
        row = self.current_row()
        if row is not None:
            self.consensus_requested.emit(row)

    def _on_table_double_clicked(self, index) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.consensus_requested.emit(row)

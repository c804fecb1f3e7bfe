"""One project in full: summary, every criterion, its issues, and the inspector's actions."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui import labels
from gui.models.tables import Column, CriteriaModel, RowsModel
from gui.views.common import compact_table
from scoring.engine import ProjectResult
from scoring.model import Scheme


class DetailView(QWidget):
    """Emits ``override_requested(code)``, ``withdraw_requested(code)`` and ``print_requested()``."""

    override_requested = Signal(str)
    withdraw_requested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = CriteriaModel(self)
        self.issues_model = RowsModel(self)
        self._scheme: Scheme | None = None
        self._project: ProjectResult | None = None
        self._build()
        self._connect()
        self.retranslate()

    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.override_button = QPushButton()
        self.withdraw_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.override_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        self.table = QTableView()
        self.table.setModel(self.model)
        compact_table(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.issues = QTableView()
        self.issues.setModel(self.issues_model)
        compact_table(self.issues)
        self.issues_label = QLabel()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.issues_label)
        lower_layout.addWidget(self.issues)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.override_button.clicked.connect(self._on_override_clicked)
        self.withdraw_button.clicked.connect(self._on_withdraw_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.doubleClicked.connect(self._on_override_clicked)

    def retranslate(self) -> None:
        self.override_button.setText(self.tr("Score or override…"))
        self.override_button.setToolTip(
            self.tr("Give the selected criterion a fraction between 0 and 1, with your name and a reason")
        )
        self.withdraw_button.setText(self.tr("Withdraw override…"))
        self.issues_label.setText(self.tr("Issues"))
        self.set_project(self._scheme, self._project)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data -------------------------------------------------------------------------------
    def set_project(self, scheme: Scheme | None, project: ProjectResult | None) -> None:
        """Show a project (None clears); keeps the selected criterion."""
        code = self.selected_code()
        self._scheme, self._project = scheme, project
        self.model.set_project(scheme, project)
        self.issues_model.set_rows(
            project.issues if project else [],
            [
                Column(self.tr("Severity"), lambda i: labels.label("severity", i.severity)),
                Column(self.tr("Location"), lambda i: i.location),
                Column(self.tr("Message"), labels.issue_message),
            ],
        )
        self.summary.setText(self._summary_html(scheme, project))
        if project is not None and len(self.model._rows) < 100:  # noqa: SLF001 (own model)
            self.table.resizeColumnsToContents()
            self.issues.resizeColumnToContents(1)
        if not (code and self.select_code(code)):
            self._select_default()
        self._update_buttons()

    def _select_default(self) -> None:
        """The first criterion waiting for an inspector, else the first one."""
        rows = [self.model.row_object(r) for r in range(self.model.rowCount())]
        pending = [r for r in rows if r.result.status == "pending"]
        if rows:
            self.select_code((pending or rows)[0].criterion.code)

    def _summary_html(self, scheme: Scheme | None, p: ProjectResult | None) -> str:
        if p is None or scheme is None:
            return "<i>" + escape(self.tr("Choose a project in the Results tab.")) + "</i>"
        w = {
            key: escape(text)
            for key, text in (
                ("veto", self.tr("Veto")),
                ("pending", self.tr("Pending manual scores")),
                ("total", self.tr("Total")),
                ("grade", self.tr("Grade")),
                ("rank", self.tr("Rank")),
                ("base", self.tr("Base")),
                ("bonus", self.tr("bonus")),
                ("penalty", self.tr("penalty")),
                ("synergy", self.tr("Synergy D")),
            )
        }
        veto = (
            (
                f" &nbsp; <span style='color:{labels.VETO_COLOUR}'>× {w['veto']}: "
                f"{escape(', '.join(p.veto))}</span>"
            )
            if p.veto
            else ""
        )
        synergy = (
            f"{p.synergy['D']:.3f} ({escape(labels.synergy_name(p.synergy['class']))})" if p.synergy else "—"
        )
        pending = sum(1 for i in p.indicators.values() if i.status == "pending")
        pending_text = (
            f" &nbsp; <span style='background:#fff2cc'>{w['pending']}: {pending}</span>" if pending else ""
        )
        return (
            f"<h3 style='margin:0'>{escape(p.name)} <small>({escape(p.project_id)})</small></h3>"
            f"{escape(p.region)} · {escape(p.organisation)} · {escape(scheme.name)}<br>"
            f"<b>{w['total']}: {p.total:.2f}</b> &nbsp; {w['grade']}: "
            f"{escape(labels.grade_name(p.grade))} &nbsp; {w['rank']}: {p.rank} &nbsp; "
            f"{w['base']} {p.base:.2f} + {w['bonus']} {p.bonus:.2f} − "
            f"{w['penalty']} {p.penalty:.2f} &nbsp; {w['synergy']}: {synergy}"
            f"{veto}{pending_text}"
        )

    # -- selection --------------------------------------------------------------------------
    def selected_code(self) -> str | None:
        row = self.model.row_object(self.table.currentIndex().row())
        return row.criterion.code if row else None

    def select_code(self, code: str) -> bool:
        for r in range(self.model.rowCount()):
            if self.model.row_object(r).criterion.code == code:
                self.table.selectRow(r)
                self.table.setCurrentIndex(self.model.index(r, 0))
                return True
        return False

    def _update_buttons(self) -> None:
        row = self.model.row_object(self.table.currentIndex().row())
        self.override_button.setEnabled(row is not None)
        self.withdraw_button.setEnabled(row is not None and row.result.status == "override")

    # -- slots ------------------------------------------------------------------------------
    def _on_table_current_changed(self, *_args) -> None:
        self._update_buttons()

    def _on_override_clicked(self, *_args) -> None:
        code = self.selected_code()
        if code:
            self.override_requested.emit(code)

    def _on_withdraw_clicked(self, *_args) -> None:
        code = self.selected_code()
        if code:
            self.withdraw_requested.emit(code)

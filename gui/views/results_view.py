"""The ranked table of one scheme with its filter bar (grade, region, text, provisional only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui import labels
from gui.models.results import ResultsModel
from gui.views.common import FitToWidth, Retranslating
from gui.views.frozen import FrozenColumns
from scoring.core import presentation
from scoring.core.model import Scheme

if TYPE_CHECKING:  # the engine (numpy) loads with the first workspace (issue 19: start-up)
    from scoring.core.results import ProjectResult

#: Rank, project ID and name: the columns that stay in view when scrolling right.
FROZEN_COLUMNS = 3
#: The region filter's data for a province heading (no region's text starts with a NUL).
PROVINCE_KEY = "\0province:"


class ResultsView(Retranslating, QWidget):
    """Emits ``project_selected(project_id)`` on selection and ``project_activated`` on double-click."""

    project_selected = Signal(str)
    project_activated = Signal(str)
    #: The Compare button: the window compares the selected projects.
    compare_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = ResultsModel(self)
        self._scheme: Scheme | None = None
        self._build()
        self._connect()
        self.retranslate()

    def _build(self) -> None:
        self.grade_box = QComboBox()
        self.region_box = QComboBox()
        self.region_box.setMinimumContentsLength(12)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.provisional_box = QCheckBox()
        self.count_label = QLabel()
        self.grade_label, self.region_label = QLabel(), QLabel()
        bar = QHBoxLayout()
        for widget in (self.grade_label, self.grade_box, self.region_label, self.region_box, self.search,
                       self.provisional_box):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        self.compare_button = QPushButton()
        self.compare_button.setEnabled(False)
        bar.addWidget(self.compare_button)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Ctrl+click or Shift+click picks several projects to compare (Ctrl+K)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights and interactive column widths: no per-row measuring on 10,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(50)
        # rank, ID and name stay in view when the table scrolls right to the dimensions
        self.frozen = FrozenColumns(self.table, FROZEN_COLUMNS)
        self.fit: FitToWidth | None = None  # made with the scheme's columns
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        # Typing filters after a short pause rather than on every key.
        self._search_timer = QTimer(self, singleShot=True, interval=200)

    def _connect(self) -> None:
        self.grade_box.currentIndexChanged.connect(self._on_filter_changed)
        self.region_box.currentIndexChanged.connect(self._on_filter_changed)
        self.provisional_box.toggled.connect(self._on_filter_changed)
        self.search.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self._on_filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.compare_button.clicked.connect(self.compare_requested)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter opens the project, as a double-click
            QShortcut(QKeySequence(key), self.table, self._on_table_enter_pressed,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.model.modelReset.connect(self._update_count)

    def retranslate(self) -> None:
        self.grade_label.setText(self.tr("Grade:"))
        self.region_label.setText(self.tr("Region:"))
        self.search.setPlaceholderText(self.tr("Search ID, name, region…"))
        self.provisional_box.setText(self.tr("Provisional only"))
        self.compare_button.setText(self.tr("Compare…"))
        self.compare_button.setToolTip(self.tr(
            "Select two to four projects (Ctrl+click or Shift+click), then compare them side by side "
            "(Ctrl+K)"))
        self.provisional_box.setToolTip(self.tr(
            "Show only the projects whose result may still change: manual criteria not yet scored "
            "or penalty items left blank"))
        self.set_results(self._scheme, self._all_projects())
        self._update_count()

    def _all_projects(self) -> list[ProjectResult]:
        return self.model.projects()

    # -- data -------------------------------------------------------------------------------
    def set_results(self, scheme: Scheme | None, projects: list[ProjectResult]) -> None:
        """Show a scheme's projects; keeps filter, sort and the selected project when possible."""
        selected = self.selected_project_id()
        self._scheme = scheme
        self._fill_filters(scheme, projects)
        self.model.set_results(scheme, projects)
        self._fit_columns()
        if selected:
            self.select_project(selected)

    def _fill_filters(self, scheme: Scheme | None, projects: list[ProjectResult]) -> None:
        grade, region = self.grade_box.currentData(), self.region_box.currentData()
        for box in (self.grade_box, self.region_box):
            box.blockSignals(True)
            box.clear()
        self.grade_box.addItem(self.tr("All grades"), "")
        for g in scheme.grades_descending if scheme else ():
            self.grade_box.addItem(labels.grade_name(g.name), g.name)
        self._fill_regions(projects)
        for box, value in ((self.grade_box, grade), (self.region_box, region)):
            index = box.findData(value) if value else 0
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)

    def _fill_regions(self, projects: list[ProjectResult]) -> None:
        """All regions, then each province (choosing it shows all its regions) with its regions
        indented below it, in the order of presentation.PROVINCES; regions naming no province last."""
        by_province: dict[str, list[str]] = {}
        for name in sorted({p.region for p in projects if p.region}):
            provinces = presentation.provinces_of(name)
            by_province.setdefault(provinces[0] if provinces else "", []).append(name)
        order = {name: k for k, name in enumerate(presentation.PROVINCES)}
        self.region_box.addItem(self.tr("All regions"), "")
        bold = QFont(self.region_box.font())
        bold.setBold(True)
        for province in sorted(by_province, key=lambda p: order.get(p, len(order))):
            regions = by_province[province]
            if province:
                self.region_box.addItem(province, PROVINCE_KEY + province)
                self.region_box.setItemData(self.region_box.count() - 1, bold, Qt.ItemDataRole.FontRole)
            for name in regions:
                self.region_box.addItem(("    " if province else "") + name, name)

    def _fit_columns(self) -> None:
        """Every column up to Synergy D in view at 1280 wide: the name, the provisional note and
        the region give up width (elided, in full on hover); the dimensions are reached by
        scrolling right, rank, ID and name staying in view."""
        column = self.model.column_of
        if self.fit is None:
            self.fit = FitToWidth(self.table, {})
        self.fit.elastic = {column("name"): 120, column("provisional"): 110, column("region"): 64}
        self.fit.in_view = column("synergy")
        self.fit.refit()

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("{shown} of {total} projects").format(
                shown=self.model.rowCount(), total=self.model.total_count()
            )
        )

    def set_filter(self, grade: str = "", region: str = "", text: str = "",
                   provisional: bool = False) -> None:
        """Set the filter widgets (and so the filter) programmatically."""
        self.grade_box.setCurrentIndex(max(self.grade_box.findData(grade), 0) if grade else 0)
        self.region_box.setCurrentIndex(max(self.region_box.findData(region), 0) if region else 0)
        self.search.setText(text)
        self.provisional_box.setChecked(provisional)
        self._on_filter_changed()

    def show_provisional_only(self) -> None:
        """Filter the table to the provisional projects, all grades and regions, no search text."""
        self.set_filter(provisional=True)

    # -- selection --------------------------------------------------------------------------
    def selected_project_id(self) -> str | None:
        project = self.model.project_at(self.table.currentIndex().row())
        return project.project_id if project else None

    def selected_project_ids(self) -> list[str]:
        """The projects whose rows are selected, in the table's order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        projects = (self.model.project_at(row) for row in rows)
        return [p.project_id for p in projects if p is not None]

    def select_projects(self, project_ids: list[str]) -> None:
        """Select the rows of these projects (the first one current), e.g. to compare them."""
        self.table.clearSelection()
        selection = self.table.selectionModel()
        for project_id in project_ids:
            row = self.model.row_of(project_id)
            if row >= 0:
                selection.select(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
        if project_ids and self.model.row_of(project_ids[0]) >= 0:
            selection.setCurrentIndex(self.model.index(self.model.row_of(project_ids[0]), 0),
                                      QItemSelectionModel.SelectionFlag.NoUpdate)

    def select_project(self, project_id: str) -> bool:
        row = self.model.row_of(project_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # -- slots ------------------------------------------------------------------------------
    def _on_filter_changed(self, *_args) -> None:
        selected = self.selected_project_id()
        place = self.region_box.currentData() or ""
        province = place[len(PROVINCE_KEY):] if place.startswith(PROVINCE_KEY) else ""
        self.model.set_filter(
            self.grade_box.currentData() or "", "" if province else place, self.search.text(),
            self.provisional_box.isChecked(), province,
        )
        if selected:
            self.select_project(selected)

    def _on_table_current_changed(self, current, _previous) -> None:
        project = self.model.project_at(current.row())
        if project is not None:
            self.project_selected.emit(project.project_id)

    def _on_table_selection_changed(self, *_args) -> None:
        from scoring.analysis.compare import MAX_PROJECTS, MIN_PROJECTS

        self.compare_button.setEnabled(MIN_PROJECTS <= len(self.selected_project_ids()) <= MAX_PROJECTS)

    def _on_table_enter_pressed(self) -> None:
        self._on_table_double_clicked(self.table.currentIndex())

    def visible_project_ids(self) -> list[str]:
        """The project IDs in the table's order (sorted and filtered as shown)."""
        projects = (self.model.project_at(row) for row in range(self.model.rowCount()))
        return [p.project_id for p in projects if p is not None]

    def _on_table_double_clicked(self, index) -> None:
        project = self.model.project_at(index.row())
        if project is not None:
            self.project_activated.emit(project.project_id)

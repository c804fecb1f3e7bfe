"""The report charts of scoring.reports.charts, embedded: one canvas, a list of charts, PNG/SVG export.

matplotlib's own Qt pattern: ``FigureCanvasQTAgg(Figure())``, ``figure.add_subplot``,
``draw_idle()``; never pyplot. The chart functions are the same ones the workbook and the PDF
use, so what the person sees here is what prints.

matplotlib takes about a second to import, so the canvas is made the first time the charts
are needed (the tab shown, or a chart exported), not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import translation
from gui.views.common import ChartPane, Retranslating, splitter
from scoring.core.model import Scheme
from scoring.reports.charts.kinds import CHART_KINDS

if TYPE_CHECKING:  # the engine (numpy) loads with the first workspace (issue 19: start-up)
    from scoring.core.results import ProjectResult

MAX_RADAR_PROJECTS = 5


class ChartsView(Retranslating, QWidget):
    """Chart list on the left, the chart on the right; radar projects chosen in a list."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._scheme: Scheme | None = None
        self._projects: list[ProjectResult] = []
        self._current_project: str | None = None
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.kinds = QListWidget()
        self.kinds.setMaximumWidth(220)
        self.radar_label = QLabel()
        self.radar_projects = QListWidget()
        self.radar_projects.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.radar_projects.setMaximumWidth(220)
        self.export_png = QPushButton()
        self.export_svg = QPushButton()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.kinds, 1)
        left_layout.addWidget(self.radar_label)
        left_layout.addWidget(self.radar_projects, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_png)
        buttons.addWidget(self.export_svg)
        left_layout.addLayout(buttons)
        self.chart = ChartPane(self._draw_chart)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter(Qt.Orientation.Horizontal, left, self.chart, stretch=(0, 1)))
        self.kinds.currentRowChanged.connect(self._on_kinds_current_changed)
        self.radar_projects.itemSelectionChanged.connect(self._on_radar_selection_changed)

    def retranslate(self) -> None:
        titles = {
            "ranked": self.tr("Ranked totals"),
            "contributions": self.tr("Points by dimension"),
            "radar": self.tr("Radar of dimensions"),
            "heatmap": self.tr("Indicator heatmap"),
            "synergy": self.tr("Synergy (pollution × carbon)"),
            "co_control": self.tr("Co-control quadrants"),
        }
        row = max(self.kinds.currentRow(), 0)
        self.kinds.blockSignals(True)
        self.kinds.clear()
        for kind in CHART_KINDS:
            item = QListWidgetItem(titles.get(kind, kind))
            item.setData(Qt.ItemDataRole.UserRole, kind)
            self.kinds.addItem(item)
        self.kinds.setCurrentRow(row)
        self.kinds.blockSignals(False)
        self.radar_label.setText(self.tr("Projects on the radar:"))
        self.export_png.setText(self.tr("Export PNG…"))
        self.export_svg.setText(self.tr("Export SVG…"))
        self.redraw()

    # -- data -------------------------------------------------------------------------------
    def current_kind(self) -> str:
        item = self.kinds.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else CHART_KINDS[0]

    def set_kind(self, kind: str) -> None:
        self.kinds.setCurrentRow(list(CHART_KINDS).index(kind))

    def set_results(
        self, scheme: Scheme | None, projects: list[ProjectResult], current: str | None = None
    ) -> None:
        """New data; drawn now if visible, else on the next show (charts of big schemes are slow)."""
        self._scheme, self._projects = scheme, list(projects)
        if current is not None:
            self._current_project = current
        self._fill_radar_list()
        self.redraw()

    def set_current_project(self, project_id: str | None) -> None:
        self._current_project = project_id
        self._fill_radar_list()
        if self.current_kind() == "radar":
            self.redraw()

    def _fill_radar_list(self) -> None:
        self.radar_projects.blockSignals(True)
        self.radar_projects.clear()
        for p in sorted(self._projects, key=lambda p: (p.rank, p.project_id))[:500]:
            item = QListWidgetItem(f"{p.rank}. {p.name}")
            item.setData(Qt.ItemDataRole.UserRole, p.project_id)
            self.radar_projects.addItem(item)
            item.setSelected(p.project_id == self._current_project)
        self.radar_projects.blockSignals(False)

    def radar_selection(self) -> list[ProjectResult]:
        wanted = [i.data(Qt.ItemDataRole.UserRole) for i in self.radar_projects.selectedItems()]
        chosen = [p for p in self._projects if p.project_id in wanted][:MAX_RADAR_PROJECTS]
        return chosen or [p for p in self._projects if p.project_id == self._current_project]

    def redraw(self) -> None:
        """Draw the chosen chart for the current scheme (once the charts are visible)."""
        self.chart.redraw()

    def draw_now(self) -> None:
        """Draw the chosen chart now, making the canvas if needed."""
        self.chart.draw_now()

    def _draw_chart(self, figure) -> None:
        from gui.chart_adapter import draw_chart

        kind = self.current_kind()
        self.radar_label.setVisible(kind == "radar")
        self.radar_projects.setVisible(kind == "radar")
        draw_chart(
            figure,
            kind,
            self._scheme,
            self._projects,
            translation.data_lang(),
            self.radar_selection(),
            self.tr("No scheme chosen"),
        )

    def save(self, path: str):
        """Write the shown chart (PNG or SVG by the file's extension); returns the path."""
        from gui.chart_adapter import save_figure

        if self.chart.stale:
            self.draw_now()
        return save_figure(self.chart.figures()[0], path)

    # -- slots ------------------------------------------------------------------------------
    def _on_kinds_current_changed(self, _row: int) -> None:
        self.redraw()

    def _on_radar_selection_changed(self) -> None:
        if self.current_kind() == "radar":
            self.redraw()

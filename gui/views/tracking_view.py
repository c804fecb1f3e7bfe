"""The Tracking tab (issue 20): the chosen scheme's pilots across the assessment rounds.

On top, which rounds to compare and how many pilots' totals rose; below, a table of every
project's total, grade and rank per round with the changes ("—" where it was not assessed), the
trend lines of the selected projects (or, with none selected, of those that moved most), the
slope chart of every project's rank between the two rounds, and the grade-transition table.
Everything shown comes from scoring.analysis.tracking; this view only lays it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import labels, translation
from gui.views.common import ChartPane, FitToWidth, Retranslating, compact_table, splitter
from gui.views.frozen import FrozenColumns
from scoring.core.presentation import measure_label, text

if TYPE_CHECKING:  # the studies (numpy) load when the Tracking tab is first shown (issue 19)
    from scoring.analysis.tracking import SchemeTracking, Tracking

# Where the rounds' totals start in the table (after ID and name).
FIRST_ROUND_COLUMN = 2
#: The project name's column (scoring.analysis.tracking.table_header's order).
NAME_COLUMN = 1


def round_over_heading(header: list[str], rounds: list[str]) -> list[str]:
    """Each round's headings on two lines, the round over what it heads ("2025\nTotal"), so the
    columns are as narrow as their numbers and two rounds fit a 1280-pixel window."""
    shown = []
    for heading in header:
        label = next((r for r in rounds if heading.startswith(f"{r} ")), None)
        shown.append(f"{label}\n{heading[len(label) + 1:]}" if label is not None else heading)
    return shown


def _cell(value: object, signed: bool = False) -> QTableWidgetItem:
    if isinstance(value, float):
        item = QTableWidgetItem(f"{value + 0.0:+.2f}" if signed else f"{value:.2f}")
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if signed and value:
            item.setForeground(Qt.GlobalColor.darkGreen if value > 0 else Qt.GlobalColor.darkRed)
        return item
    item = QTableWidgetItem("" if value is None else str(value))
    if isinstance(value, int):
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class TrackingView(Retranslating, QWidget):
    """Shows a Tracking for the scheme named by :meth:`set_tracking`.

    Signals: ``project_activated(str)`` when a row is double-clicked.
    """

    project_activated = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tracking: Tracking | None = None
        self.scheme_name: str | None = None
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.basis.setStyleSheet("color: #8a5a00;")
        self.earlier = QComboBox()
        self.later = QComboBox()
        self.compare_label = QLabel()
        self.arrow = QLabel("→")
        self.measure_label = QLabel()
        self.measure = QComboBox()  # what the trend lines show: total, D or a dimension
        row = QHBoxLayout()
        for widget in (self.compare_label, self.earlier, self.arrow, self.later):
            row.addWidget(widget)
        row.addSpacing(24)
        row.addWidget(self.measure_label)
        row.addWidget(self.measure)
        row.addStretch(1)
        self.table = QTableWidget()
        compact_table(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(False)
        self.frozen = FrozenColumns(self.table, 2)  # project ID and name stay in view
        # two rounds' columns in view at 1280 wide: the name gives up width (in full on hover)
        self.fit = FitToWidth(self.table, {NAME_COLUMN: 110})
        self.transitions = QTableWidget()
        self.transitions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.transitions_label = QLabel()
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #555555;")
        # the trend and the rank movement, side by side: the trend's legend (each line's ID and
        # name) kept inside its canvas by the constrained layout, the slope's axes placed by hand
        self.charts = ChartPane(self._draw_charts, (1, 1), layouts=("constrained", None))
        transitions_box = QWidget()
        box = QVBoxLayout(transitions_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.transitions_label)
        box.addWidget(self.transitions, 1)
        transitions_box.setMaximumWidth(420)
        self.charts.setMinimumHeight(260)
        lower = splitter(Qt.Orientation.Horizontal, self.charts, transitions_box, stretch=(1, 0),
                         sizes=(900, 320))
        split = splitter(Qt.Orientation.Vertical, self.table, lower, stretch=(2, 3), sizes=(260, 420))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.basis)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)
        self.earlier.currentIndexChanged.connect(self._on_rounds_changed)
        self.later.currentIndexChanged.connect(self._on_rounds_changed)
        self.measure.currentIndexChanged.connect(self._on_measure_changed)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)

    def retranslate(self) -> None:
        self.compare_label.setText(self.tr("Compare rounds:"))
        self.measure_label.setText(self.tr("Trend lines of:"))
        self.hint.setText(self.tr("Select projects in the table to draw their trend lines; "
                                  "double-click one to open it."))
        self._fill()

    # ----------------------------------------------------------------------------- data
    def set_tracking(self, tracking: Tracking | None, scheme_name: str | None) -> None:
        """Show ``scheme_name``'s tracking (the rounds compared: the first and the latest)."""
        self.tracking, self.scheme_name = tracking, scheme_name
        rounds = tracking.rounds if tracking else []
        for combo, index in ((self.earlier, 0), (self.later, len(rounds) - 1)):
            combo.blockSignals(True)
            combo.clear()
            for r in rounds:
                combo.addItem(r.label)
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
        self._fill()

    def scheme(self) -> SchemeTracking | None:
        if self.tracking is None or self.scheme_name is None:
            return None
        return self.tracking.scheme(self.scheme_name)

    def rounds_compared(self) -> tuple[int, int]:
        return self.earlier.currentIndex(), self.later.currentIndex()

    def selected_projects(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        items = [self.table.item(r, 0) for r in rows]
        return [item.text() for item in items if item is not None]

    def _fill(self) -> None:
        lang = translation.data_lang()
        scheme = self.scheme()
        self.basis.setVisible(bool(scheme and scheme.version_changed))
        self.basis.setText(scheme.basis(lang) if scheme else "")
        self._fill_summary(scheme, lang)
        self._fill_measures(scheme, lang)
        self._fill_table(scheme, lang)
        self._fill_transitions(scheme, lang)
        self.charts.redraw()

    def _fill_summary(self, scheme: SchemeTracking | None, lang: str) -> None:
        if self.tracking is None or scheme is None:
            self.summary.setText(self.tr("No projects of this scheme in any round."))
            return
        if len(self.tracking.rounds) < 2:
            self.summary.setText(self.tr(
                "The workspace holds one assessment round. Import the next round's forms (a year "
                "later) to see which pilots improved."))
            return
        a, b = self.rounds_compared()
        rose = scheme.improved(a, b)
        fell = [t for t in scheme.projects if (t.change(b, a) or 0) < 0]
        both = [t for t in scheme.projects if t.change(b, a) is not None]
        text = self.tr(
            "{scheme}: from {a} to {b}, {rose} of the {both} pilots assessed in both rounds improved "
            "their total and {fell} fell.").format(
            scheme=labels.scheme_name(scheme), a=scheme.rounds[a].label, b=scheme.rounds[b].label,
            rose=len(rose), fell=len(fell), both=len(both))
        others = len(scheme.projects) - len(both)
        if others:  # "1 pilot was", "2 pilots were": Qt's plural forms (gui/i18n/*_en.ts too)
            text += " " + self.tr("%n pilot(s) assessed in only one of them.", "", others)
        self.summary.setText(text)

    def show_waiting(self, stopped: bool = False) -> None:
        """While every round is scored to line them up (or after that was cancelled)."""
        self.summary.setText(self.tr("Lining up every round (see the progress below)…") if not stopped
                             else self.tr("Lining up the rounds was stopped; open the tab again to "
                                          "start again."))

    def _fill_measures(self, scheme: SchemeTracking | None, lang: str) -> None:
        """Total, synergy D and each dimension of the scheme; the choice kept when it still exists."""
        current = self.measure.currentData() or "total"
        measures = ["total", "D", *(scheme.dimensions if scheme else ())]
        self.measure.blockSignals(True)
        self.measure.clear()
        for measure in measures:
            self.measure.addItem(measure_label(measure, lang, scheme), measure)
        self.measure.setCurrentIndex(max(0, self.measure.findData(current)))
        self.measure.blockSignals(False)

    def _fill_table(self, scheme: SchemeTracking | None, lang: str) -> None:
        self.table.blockSignals(True)
        self.table.clear()
        if scheme is None:
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.table.blockSignals(False)
            return
        from scoring.analysis.tracking import change_columns, table_header, table_rows

        header = table_header(scheme, lang)
        signed = change_columns(header, lang)
        rows = table_rows(scheme, lang)
        self.table.setColumnCount(len(header))
        self.table.setHorizontalHeaderLabels(round_over_heading(header, [r.label for r in scheme.rounds]))
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, _cell(value, c in signed))
        self.fit.refit()
        self.table.blockSignals(False)

    def _fill_transitions(self, scheme: SchemeTracking | None, lang: str) -> None:
        self.transitions.clear()
        a, b = self.rounds_compared()
        if scheme is None or a < 0 or b < 0 or a == b:
            self.transitions_label.setText("")
            self.transitions.setRowCount(0)
            self.transitions.setColumnCount(0)
            return
        self.transitions_label.setText(text("track_transitions_of", lang).format(
            a=scheme.rounds[a].label, b=scheme.rounds[b].label))
        from scoring.analysis.tracking import transition_table

        rows = transition_table(scheme, a, b, lang)
        self.transitions.setColumnCount(len(rows[0]) - 1)
        self.transitions.setRowCount(len(rows) - 1)
        self.transitions.setHorizontalHeaderLabels([str(v) for v in rows[0][1:]])
        self.transitions.setVerticalHeaderLabels([str(row[0]) for row in rows[1:]])
        for r, row in enumerate(rows[1:]):
            for c, value in enumerate(row[1:]):
                item = _cell(value)
                if value:
                    item.setBackground(Qt.GlobalColor.yellow if r != c else Qt.GlobalColor.lightGray)
                self.transitions.setItem(r, c, item)
        self.transitions.resizeColumnsToContents()

    # ----------------------------------------------------------------------------- charts
    def _draw_charts(self, trend, slope) -> None:
        """The trend and slope charts of the rounds compared."""
        from scoring.reports.charts.tracking import draw_slope, draw_trend

        lang = translation.data_lang()
        scheme = self.scheme()
        a, b = self.rounds_compared()
        trend.clear()
        slope.clear()
        if scheme is not None:
            chosen = self.selected_projects() or None
            draw_trend(trend.add_subplot(), scheme, chosen, lang, self.measure.currentData() or "total")
        if scheme is not None and a >= 0 and b >= 0 and a != b:
            draw_slope(slope.add_axes((0.25, 0.12, 0.5, 0.74)), scheme, a, b, lang)

    # ----------------------------------------------------------------------------- events
    def _on_rounds_changed(self, *_args) -> None:
        lang = translation.data_lang()
        scheme = self.scheme()
        self._fill_summary(scheme, lang)
        self._fill_transitions(scheme, lang)
        self.charts.redraw()

    def _on_measure_changed(self, *_args) -> None:
        self.charts.redraw()

    def _on_table_selection_changed(self) -> None:
        self.charts.redraw()

    def _on_table_cell_double_clicked(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.project_activated.emit(item.text())

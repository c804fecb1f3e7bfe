"""Compare: two to four projects of one scheme side by side (issue 19, item 8).

A table of every criterion with each project's value, fraction and points, the difference
(second − first for two projects, the spread for more) and the differences marked; each
dimension's subtotal, the bonus and penalty, the total, grade and rank below. Under it the
projects' radar and their points lost, overlaid, drawn by scoring.reports.charts. The comparison
itself is scoring.analysis.compare's; this window only lays it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from gui import labels, translation
from gui.models.tables import Column, RowsModel, number_text
from gui.views.common import ChartPane, FitToWidth, Retranslating, compact_table, splitter

if TYPE_CHECKING:
    from scoring.analysis.compare import Comparison, CriterionComparison, GroupComparison
    from scoring.core.model import Scheme
    from scoring.core.results import ProjectResult

#: Cells of a criterion where the projects differ; the most and the least points of a row.
DIFFERS_COLOUR, MOST_COLOUR, LEAST_COLOUR = "#fff2cc", "#c7e9c0", "#f4cccc"
#: Subtotal, total, grade and rank rows.
SUMMARY_COLOUR = "#e8eef7"
#: The criterion's name column.
CRITERION = 1


@dataclass(frozen=True)
class CompareRow:
    """One line of the table: a criterion, a group's subtotal, or the total, grade or rank."""

    kind: str  # criterion | subtotal | total | grade | rank
    code: str
    name: str
    values: tuple[str, ...] = ()
    fractions: tuple[str, ...] = ()
    points: tuple[str, ...] = ()
    difference: str = ""
    differs: bool = False
    most: frozenset[int] = frozenset()
    least: frozenset[int] = frozenset()
    tooltips: tuple[str, ...] = ()


def signed(value: float | None, two: bool) -> str:
    """A difference as shown: signed for two projects (second − first), the spread for more."""
    if value is None:
        return "—"
    if abs(value) < 0.005:
        return "0.00"
    return f"{value:+.2f}" if two else f"{value:.2f}"


class CompareDialog(Retranslating, QDialog):
    """The comparison of the projects chosen in Results (non-modal; one per window)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("compare_dialog")
        self.comparison: Comparison | None = None
        self._all: list[ProjectResult] = []
        self.model: RowsModel[CompareRow] = RowsModel(self)
        self._build()
        self.retranslate()
        self.resize(1280, 900)

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        compact_table(self.table)
        # every column in the window's width, what is left over given to the last one (the
        # difference); the criterion's name gives up width first (in full on hover)
        self.fit = FitToWidth(self.table, {CRITERION: 160})
        # the radar and the points lost, side by side
        self.charts = ChartPane(self._draw_charts, (2, 3))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter(Qt.Orientation.Vertical, self.table, self.charts, stretch=(3, 2),
                                  sizes=(420, 440)), 1)
        layout.addWidget(buttons)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Compare projects"))
        self._show()

    # -- data -------------------------------------------------------------------------------
    def set_comparison(self, comparison: Comparison, projects: list[ProjectResult]) -> None:
        """Show ``comparison``; ``projects`` are all of its scheme's (the radar's mean and best)."""
        self.comparison, self._all = comparison, list(projects)
        self._show()

    def _show(self) -> None:
        comparison = self.comparison
        if comparison is None:
            self.heading.setText("")
            self.model.set_rows([], [])
            return
        self.heading.setText(self._heading_html(comparison))
        self.model.set_rows(self.rows(comparison), self.columns(comparison))
        self.fit.refit()
        self.charts.redraw()

    def _heading_html(self, comparison: Comparison) -> str:
        names = " · ".join(f"<b>{escape(p.project_id)}</b> {escape(p.name)}" for p in comparison.projects)
        figures = self.tr("{differing} of {criteria} criteria differ; total {totals}").format(
            differing=comparison.differing, criteria=len(comparison.criteria),
            totals=" / ".join(number_text(t) for t in comparison.totals))
        scheme = f"{labels.scheme_name(comparison.scheme)} {comparison.scheme.version}"
        return (f"{escape(scheme)}: {names}<br>"
                f"{escape(figures)}")

    # -- table ------------------------------------------------------------------------------
    def rows(self, comparison: Comparison) -> list[CompareRow]:
        two = len(comparison.projects) == 2
        rows: list[CompareRow] = []
        for group in comparison.groups:
            rows.extend(self._criterion_row(c, two) for c in group.criteria)
            rows.append(self._subtotal_row(comparison.scheme, group, two))
        projects = comparison.projects
        rows.append(CompareRow(
            "total", "", self.tr("Total"), points=tuple(number_text(p.total) for p in projects),
            difference=signed(comparison.total_difference, two),
            most=comparison.most, least=comparison.least))
        rows.append(CompareRow("grade", "", self.tr("Grade"),
                               points=tuple(labels.grade_name(p.grade) for p in projects)))
        rows.append(CompareRow("rank", "", self.tr("Rank"), points=tuple(str(p.rank) for p in projects)))
        return rows

    def _criterion_row(self, line: CriterionComparison, two: bool) -> CompareRow:
        criterion = line.criterion
        values, tips = [], []
        for result in line.results:
            if result is None:
                values.append("—")
                tips.append("")
                continue
            shown = labels.value_text(criterion, result.value)
            values.append(shown or labels.status_name(criterion, result))
            tip = [labels.status_name(criterion, result)]
            if result.baseline not in (None, ""):
                tip.append(self.tr("Baseline: {baseline}").format(baseline=result.baseline))
            if result.location:
                tip.append(result.location)
            tips.append("\n".join(tip))
        return CompareRow(
            "criterion", criterion.code, labels.criterion_text(criterion)[1], tuple(values),
            tuple(number_text(f, 3) for f in line.fractions), tuple(number_text(p) for p in line.points),
            signed(line.difference, two), line.differs, line.most, line.least, tuple(tips))

    def _subtotal_row(self, scheme: Scheme, group: GroupComparison, two: bool) -> CompareRow:
        if group.kind == "score":
            name = self.tr("Subtotal: {dimension}").format(
                dimension=labels.scheme_dimension(scheme, group.name))
            if group.max_points is not None:
                name += " " + self.tr("(of {max})").format(max=number_text(group.max_points))
        else:
            name = self.tr("Subtotal: {kind}").format(kind=labels.label("kind", group.kind))
        return CompareRow("subtotal", "", name, points=tuple(number_text(p) for p in group.points),
                          difference=signed(group.difference, two), most=group.most, least=group.least)

    def columns(self, comparison: Comparison) -> list[Column[CompareRow]]:
        columns: list[Column[CompareRow]] = [
            Column(self.tr("Code"), lambda r: r.code, _summary_colour),
            Column(self.tr("Criterion"), lambda r: r.name, _summary_colour),
        ]
        for k, project in enumerate(comparison.projects):
            pid = project.project_id
            columns += [
                Column(f"{pid}\n" + self.tr("Value"), _part("values", k), _differs_colour, align_right=True,
                       tooltip=_part("tooltips", k)),
                Column(f"{pid}\n" + self.tr("Fraction"), _part("fractions", k), _differs_colour,
                       align_right=True),
                Column(f"{pid}\n" + self.tr("Points"), _part("points", k), _points_colour(k),
                       align_right=True),
            ]
        projects = comparison.projects
        if len(projects) == 2:
            header = self.tr("{second} − {first}").format(first=projects[0].project_id,
                                                          second=projects[1].project_id)
        else:
            header = self.tr("Spread (max − min)")
        columns.append(Column(header, lambda r: r.difference, _summary_colour, align_right=True))
        return columns

    # -- charts -----------------------------------------------------------------------------
    def _draw_charts(self, radar, lost) -> None:
        """The projects' radar (against the scheme's mean and best) and their points lost."""
        from gui.chart_adapter import draw_chart, draw_points_lost_compared

        comparison, lang = self.comparison, translation.data_lang()
        if comparison is None:
            radar.clear()
            lost.clear()
            return
        chosen = list(comparison.projects)
        draw_chart(radar, "radar", comparison.scheme, self._all or chosen, lang, chosen)
        draw_points_lost_compared(lost, comparison, lang)


def _part(field: str, k: int) -> Callable[[CompareRow], str]:
    def text(row: CompareRow) -> str:
        values = getattr(row, field)
        return values[k] if k < len(values) else ""

    return text


def _summary_colour(row: CompareRow) -> str | None:
    return SUMMARY_COLOUR if row.kind != "criterion" else None


def _differs_colour(row: CompareRow) -> str | None:
    if row.kind != "criterion":
        return SUMMARY_COLOUR
    return DIFFERS_COLOUR if row.differs else None


def _points_colour(k: int) -> Callable[[CompareRow], str | None]:
    def colour(row: CompareRow) -> str | None:
        if k in row.most:
            return MOST_COLOUR
        if k in row.least:
            return LEAST_COLOUR
        return _differs_colour(row)

    return colour


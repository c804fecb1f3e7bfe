"""The ranked workbook's charts as native Excel charts (issue 18): sharp at any zoom and on
paper, editable in the office program, and written in milliseconds where a 200-dpi image of
each took a second.

Each chart reads its numbers from a hidden "Chart data" sheet (written here, one block of
columns per chart) and is anchored on the Charts sheet on a printed page of its own. The
charts are those of scoring/reports/charts/ for the PDF and the GUI, drawn the spreadsheet's way:

- ranked totals: horizontal bars of the top projects, one series per grade (its colour and
  pattern, named in the legend), the grade thresholds named in the axis title;
- points by dimension: the same projects' points stacked by dimension, bonus and penalty;
- dimension scores: a radar of % of each dimension's maximum, scheme mean and best against
  the top projects;
- synergy: U_C against U_P, a marker shape per grade, every project;
- co-control: CO2 reduction against pollutant reduction (%), a marker shape per grade.

The indicator fractions (a heatmap in the PDF) are a table on a sheet of their own, coloured
by a colour scale and with the fraction or status written in every cell, so that they print
in black and white too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from openpyxl.chart import BarChart, RadarChart, Reference, ScatterChart, Series
from openpyxl.chart.axis import NumericAxis
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.drawing.colors import ColorChoice
from openpyxl.drawing.fill import PatternFillProperties
from openpyxl.drawing.line import LineProperties
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from scoring.core.figures import co_control_reductions, dimension_percent, has_co_control_criteria
from scoring.core.model import Scheme
from scoring.core.presentation import (
    dimension_label,
    grade_colours,
    grade_label,
    indicator_label,
    scheme_label,
    shown_total,
    status_label,
    text,
)
from scoring.core.results import ProjectResult, one_use
from scoring.reports.charts.common import DIMENSION_COLOURS
from scoring.reports.charts.heatmap import heatmap_criteria
from scoring.reports.xlsx_sheets import HEADER_FILL, named_font, put

#: Projects in the bar charts (a printed bar must stay readable); the full ranking is in the
#: ranked sheet.
CHART_ROWS = 30
#: Projects drawn on the radar after the scheme's mean and best.
RADAR_PROJECTS = 3
#: A chart's size (cm): A4 landscape inside the margins, header and footer.
CHART_WIDTH, CHART_HEIGHT = 25.0, 15.5
#: Rows from one chart's top to the next (default rows are 15 points, 0.53 cm): the chart and
#: a gap, the next chart on the next printed page.
ROWS_PER_PAGE = 32
#: The DrawingML preset patterns used below.
Pattern = Literal["wdUpDiag", "smCheck", "dkHorz", "openDmnd", "wdDnDiag", "smGrid", "dashVert"]
#: Patterns that keep the grades and dimensions apart in black-and-white print (DrawingML
#: preset patterns), the first left solid.
PATTERNS: tuple[Pattern | None, ...] = (None, "wdUpDiag", "smCheck", "dkHorz", "openDmnd", "wdDnDiag",
                                       "smGrid", "dashVert")
#: Marker shapes per grade on the scatter charts, as the PDF's charts (charts.GRADE_MARKERS).
MARKERS = ("circle", "square", "triangle", "diamond", "x", "star")
#: Lines of the radar's reference series: the mean dashed, the best dotted.
MEAN_COLOUR, BEST_COLOUR = "666666", "222222"
#: The DrawingML preset dashes of the radar's lines.
Dash = Literal["solid", "dash", "sysDot"]
#: Columns each block of the chart data sheet may take before the next block starts.
BLOCK_GAP = 1
#: Points per criterion column of the fractions sheet (codes only: the names are in the Detail).
FRACTION_WIDTH = 6.5
#: Criteria per printed page width of the fractions sheet (the names repeat on every page).
FRACTIONS_PER_PAGE = 20


def _colour(value: str) -> str:
    return value.lstrip("#").upper()


def _rgb(colour: str) -> ColorChoice:
    """A drawing colour of hex RGB, as openpyxl makes one of a string (ColorChoiceDescriptor)."""
    # stub gap: srgbClr is NestedValue(expected_type=str) in openpyxl; types-openpyxl says RGBPercent
    return ColorChoice(srgbClr=colour)  # type: ignore[arg-type]


def _fill(series, colour: str, pattern: Pattern | None) -> None:
    """A series' solid colour, or a pattern of that colour on white (greyscale print)."""
    properties = series.graphicalProperties or GraphicalProperties()
    if pattern is None:
        properties.solidFill = colour
    else:
        properties.pattFill = PatternFillProperties(prst=pattern, fgClr=_rgb(colour), bgClr=_rgb("FFFFFF"))
    properties.line = LineProperties(solidFill="404040", w=3175)  # a thin outline: bars stay apart
    series.graphicalProperties = properties


def _sized(chart, title: str) -> None:
    chart.title = title
    chart.width, chart.height = CHART_WIDTH, CHART_HEIGHT
    for axis in (chart.x_axis, chart.y_axis):
        axis.delete = False  # openpyxl 3.1 hides axes unless told (Excel shows none then)


def _veto_mark(p: ProjectResult, lang: str) -> str:
    """"  ✕ vetoed V1, V2" after a vetoed project's name: its bar says it in black and white."""
    return f"  ✕ {text('vetoed', lang)} {', '.join(p.veto)}" if p.veto else ""


def _add_columns(chart, data: ChartData, first: int, n: int, last: int) -> None:
    """The ``n`` columns after ``first`` of a data block as series, ``first`` as categories."""
    values = Reference(data.ws, min_col=first + 1, max_col=first + n, min_row=1, max_row=last)
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(Reference(data.ws, min_col=first, min_row=2, max_row=last))


def _ranked(projects: Sequence[ProjectResult]) -> list[ProjectResult]:
    return sorted(projects, key=lambda p: (p.rank, p.project_id))


def _row_label(p: ProjectResult) -> str:
    return f"{p.rank}. {p.name or p.project_id}"


class ChartData:
    """The hidden sheet the charts read: blocks of columns side by side, one per chart."""

    def __init__(self, ws: Worksheet, lang: str) -> None:
        self.ws, self.lang = ws, lang
        self.column = 1  # where the next block starts
        ws.sheet_state = "hidden"

    def block(self, header: Sequence[str], rows: Sequence[Sequence[object]]) -> tuple[int, int]:
        """Write a table; returns its first column and its last row (row 1 is the header)."""
        first = self.column
        for c, title in enumerate(header, start=first):
            put(self.ws.cell(1, c), title)
            self.ws.cell(1, c).font = named_font(self.lang, bold=True)
        for r, values in enumerate(rows, start=2):
            for c, value in enumerate(values, start=first):
                put(self.ws.cell(r, c), value)
        self.column = first + len(header) + BLOCK_GAP
        return first, len(rows) + 1


def ranked_chart(data: ChartData, scheme: Scheme, projects: list[ProjectResult], lang: str) -> BarChart:
    """Totals of the top projects as horizontal bars, a series (colour, pattern) per grade."""
    shown = _ranked(projects)[:CHART_ROWS]
    grades = [g for g in scheme.grades_descending if any(p.grade == g.name for p in shown)]
    header = [text("name", lang)] + [grade_label(g.name, lang) for g in grades]
    # totals as every table shows them: never rounded up onto a threshold (59.995 is 59.99)
    rows = [[_row_label(p) + _veto_mark(p, lang)]
             + [shown_total(scheme, p.total) if p.grade == g.name else None for g in grades] for p in shown]
    first, last = data.block(header, rows)
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap, chart.gapWidth = "bar", "clustered", 100, 40
    _add_columns(chart, data, first, len(grades), last)
    colours = grade_colours(scheme)
    for k, (series, grade) in enumerate(zip(chart.series, grades, strict=True)):
        _fill(series, _colour(colours[grade.name]), PATTERNS[k % len(PATTERNS)])
    chart.dataLabels = DataLabelList(showVal=True, showCatName=False, showSerName=False, showLegendKey=False,
                                     showPercent=False, numFmt="0.00")
    _sized(chart, _title("chart_ranked", scheme, lang, len(projects)))
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top
    chart.y_axis.crosses = "max"  # and the points' axis under the bars
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = float(max(scheme.total_points, max((p.total for p in shown), default=0)))
    thresholds = "  ".join(f"{grade_label(g.name, lang)} ≥ {g.min_points:g}"
                           for g in scheme.grades_descending if g.min_points > 0)
    chart.y_axis.title = f"{text('total', lang)}    ({thresholds})"
    chart.legend.position = "r"
    return chart


def contributions_chart(data: ChartData, scheme: Scheme, projects: list[ProjectResult],
                        lang: str) -> BarChart:
    """Points per dimension stacked, then bonus; penalty to the left of 0."""
    shown = _ranked(projects)[:CHART_ROWS]
    parts = [(dimension_label(scheme, d, lang), [p.dimensions.get(d, 0.0) for p in shown])
             for d in scheme.dimensions]
    bonus, penalty = [p.bonus for p in shown], [-p.penalty for p in shown]
    if any(bonus):
        parts.append((text("bonus", lang), bonus))
    if any(penalty):
        parts.append((text("penalty", lang), penalty))
    header = [text("name", lang)] + [label for label, _ in parts]
    rows = [[_row_label(p)] + [values[i] + 0.0 for _, values in parts] for i, p in enumerate(shown)]
    first, last = data.block(header, rows)
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap, chart.gapWidth = "bar", "stacked", 100, 40
    _add_columns(chart, data, first, len(parts), last)
    for k, series in enumerate(chart.series):
        _fill(series, _colour(DIMENSION_COLOURS[k % len(DIMENSION_COLOURS)]), PATTERNS[k % len(PATTERNS)])
    _sized(chart, _title("chart_contributions", scheme, lang, len(projects)))
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.crosses = "max"
    chart.y_axis.title = text("points", lang)
    chart.legend.position = "r"
    return chart


def radar_chart(data: ChartData, scheme: Scheme, projects: list[ProjectResult],
                lang: str) -> RadarChart | None:
    """Each dimension as % of its maximum: the scheme's mean and best, and the top projects."""
    if len(scheme.dimensions) < 3:
        return None
    ranked = _ranked(projects)
    percents = [dimension_percent(scheme, p) for p in ranked]
    mean = [sum(column) / len(column) for column in zip(*percents, strict=True)]
    best = [max(column) for column in zip(*percents, strict=True)]
    lines = [(text("scheme_mean", lang), mean), (text("scheme_best", lang), best)]
    lines += [(_row_label(p), percents[k]) for k, p in enumerate(ranked[:RADAR_PROJECTS])]
    header = [text("dimension", lang)] + [label for label, _ in lines]
    rows = [[dimension_label(scheme, d, lang)] + [values[k] for _, values in lines]
            for k, d in enumerate(scheme.dimensions)]
    first, last = data.block(header, rows)
    chart = RadarChart()
    chart.type = "marker"
    _add_columns(chart, data, first, len(lines), last)
    styles: list[tuple[str, Dash, str]] = [(MEAN_COLOUR, "dash", "none"), (BEST_COLOUR, "sysDot", "none")]
    styles += [(_colour(DIMENSION_COLOURS[k]), "solid", MARKERS[k]) for k in range(RADAR_PROJECTS)]
    for series, (colour, dash, marker) in zip(chart.series, styles, strict=False):
        series.graphicalProperties = GraphicalProperties(ln=LineProperties(solidFill=colour, prstDash=dash,
                                                                           w=28575))
        series.marker.symbol = marker
        series.marker.graphicalProperties = GraphicalProperties(solidFill=colour)
    _sized(chart, _with_scheme(f"{text('chart_radar', lang)} (%)", scheme, lang))
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = max(100.0, max(best, default=100.0))
    if chart.legend is not None:  # a new chart has one
        chart.legend.position = "b"
    return chart


def _scatter_by_grade(data: ChartData, scheme: Scheme, found: list[tuple[ProjectResult, float, float]],
                      x_title: str, y_title: str, lang: str) -> ScatterChart:
    """Points (x, y) per project, a series per grade: its colour and marker shape."""
    colours = grade_colours(scheme)
    chart = ScatterChart()
    chart.style = 13
    for k, grade in enumerate(scheme.grades_descending):
        points = [(x, y) for p, x, y in found if p.grade == grade.name]
        if not points:
            continue
        first, last = data.block([x_title, grade_label(grade.name, lang)], points)
        series = Series(Reference(data.ws, min_col=first + 1, min_row=2, max_row=last),
                        Reference(data.ws, min_col=first, min_row=2, max_row=last),
                        title=grade_label(grade.name, lang))
        colour = _colour(colours[grade.name])
        series.marker.symbol, series.marker.size = MARKERS[k % len(MARKERS)], 7
        series.marker.graphicalProperties = GraphicalProperties(solidFill=colour,
                                                                ln=LineProperties(solidFill="222222"))
        series.graphicalProperties = GraphicalProperties(ln=LineProperties(noFill=True))
        chart.series.append(series)
    chart.x_axis.title, chart.y_axis.title = x_title, y_title
    if chart.legend is not None:  # a new chart has one
        chart.legend.position = "r"
    return chart


def synergy_chart(data: ChartData, scheme: Scheme, projects: list[ProjectResult],
                  lang: str) -> ScatterChart | None:
    """Carbon index U_C (x) against pollution index U_P (y), every project with both."""
    found = [(p, p.synergy["carbon"], p.synergy["pollution"]) for p in _ranked(projects) if p.synergy]
    if not found:
        return None
    chart = _scatter_by_grade(data, scheme, found, text("u_carbon", lang), text("u_pollution", lang), lang)
    _sized(chart, _with_scheme(text("chart_synergy", lang), scheme, lang))
    for axis in _value_axes(chart):
        axis.scaling.min, axis.scaling.max, axis.majorUnit = 0.0, 1.0, 0.1
    return chart


def co_control_chart(data: ChartData, scheme: Scheme, projects: list[ProjectResult],
                     lang: str) -> ScatterChart | None:
    """CO2 reduction (x) against pollutant reduction (y) in %: the upper right is synergy."""
    if not has_co_control_criteria(scheme):
        return None
    found = []
    for p in _ranked(projects):
        x, y = co_control_reductions(scheme, one_use(p))  # every project read once, not kept
        if x is not None and y is not None:
            found.append((p, x, y))
    if not found:
        return None
    chart = _scatter_by_grade(data, scheme, found, text("co2_reduction", lang),
                              text("pollutant_reduction", lang), lang)
    quadrants = "  ".join(text(f"quadrant_{k}", lang) for k in (1, 2, 3, 4))
    _sized(chart, f"{_with_scheme(text('chart_co_control', lang), scheme, lang)}\n{quadrants}")
    x_axis, y_axis = _value_axes(chart)
    for axis, values in ((x_axis, [x for _, x, _ in found]), (y_axis, [y for _, _, y in found])):
        axis.scaling.min, axis.scaling.max, axis.majorUnit = quadrant_limits(values)
        axis.tickLblPos = "low"  # numbers along the edges, not across the quadrants at 0
    return chart


def _value_axes(chart: ScatterChart) -> tuple[NumericAxis, NumericAxis]:
    """A scatter chart's x and y axes, both numeric as ScatterChart() makes them."""
    if not isinstance(chart.x_axis, NumericAxis):
        raise TypeError("a scatter chart whose x axis is a text axis has no numeric scale")
    return chart.x_axis, chart.y_axis


def quadrant_limits(values: Sequence[float]) -> tuple[float, float, float]:
    """Axis limits and tick step around the values: 0 always inside with room on both sides,
    so that every quadrant shows (an empty one is a finding), at whole multiples of a step of
    1, 2 or 5 × 10ⁿ."""
    low, high = min(0.0, min(values)), max(0.0, max(values))
    span = max(high - low, 5.0) * 1.15
    low, high = min(low * 1.15, -0.25 * span), max(high * 1.15, 0.25 * span)
    raw = (high - low) / 8
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(k * power for k in (1, 2, 5, 10) if k * power >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


CHARTS = (ranked_chart, contributions_chart, radar_chart, synergy_chart, co_control_chart)


def _title(key: str, scheme: Scheme, lang: str, n_projects: int) -> str:
    heading = text(key, lang)
    if n_projects > CHART_ROWS:
        heading += f" — {text('projects_truncated', lang).format(n=CHART_ROWS)}"
    return _with_scheme(heading, scheme, lang)


def _with_scheme(heading: str, scheme: Scheme, lang: str) -> str:
    """A chart's title: what it shows, and under it the scheme's name and version."""
    return f"{heading}\n{scheme_label(scheme, lang)}  {scheme.version}"


def write_charts(charts_ws: Worksheet, data: ChartData, schemes: Sequence[Scheme],
                 projects_of, lang: str) -> int:
    """Every scheme's charts on ``charts_ws``, each starting a printed page; returns how many."""
    charts_ws.column_dimensions["A"].width = 2
    row, count = 1, 0
    for scheme in schemes:
        projects = projects_of(scheme)
        if not projects:
            continue
        for make in CHARTS:
            chart = make(data, scheme, projects, lang)
            if chart is None:
                continue
            charts_ws.add_chart(chart, f"B{row}")
            count += 1
            row += ROWS_PER_PAGE
            charts_ws.row_breaks.append(Break(id=row - 1))  # the next chart starts a printed page
    return count


def write_fractions(ws: Worksheet, schemes: Sequence[Scheme], projects_of, lang: str) -> int:
    """Every scheme's table of indicator fractions, each starting a printed page; returns the
    most printed pages one table needs across (FRACTIONS_PER_PAGE criteria on each)."""
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 6, 30
    row, wide = 1, 1
    for scheme in schemes:
        projects = projects_of(scheme)
        criteria = heatmap_criteria(scheme)
        if not projects or not criteria:
            continue
        put(ws.cell(row, 1), _title("chart_heatmap", scheme, lang, len(projects)).replace("\n", " — "))
        ws.cell(row, 1).font = named_font(lang, bold=True, size=11)
        row = _fractions_table(ws, row + 1, criteria, _ranked(projects)[:CHART_ROWS], lang) + 1
        ws.row_breaks.append(Break(id=row - 1))
        wide = max(wide, -(-len(criteria) // FRACTIONS_PER_PAGE))
    return wide


def _fractions_table(ws: Worksheet, head: int, criteria: list, shown: list[ProjectResult], lang: str) -> int:
    """One scheme's table from row ``head``, the codes' names under it; returns the row after."""
    for c, title in enumerate([text("rank", lang), text("name", lang)] + [c.code for c in criteria], start=1):
        cell = ws.cell(head, c)
        put(cell, title)
        cell.font = named_font(lang, bold=True, size=9)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        if c > 2:
            ws.column_dimensions[get_column_letter(c)].width = FRACTION_WIDTH
    statuses: dict[str, str] = {}
    for r, p in enumerate(shown, start=head + 1):
        results = one_use(p).indicators
        put(ws.cell(r, 1), p.rank)
        put(ws.cell(r, 2), p.name or p.project_id)
        ws.cell(r, 2).alignment = Alignment(wrap_text=True, vertical="center")
        ws.cell(r, 2).font = named_font(lang, size=9)
        for c, criterion in enumerate(criteria, start=3):
            result = results.get(criterion.code)
            cell = ws.cell(r, c)
            if result is not None and result.score is not None:
                put(cell, result.score)
                cell.number_format = "0.00"
            else:  # never a blank that reads as 0: the status by name
                status = result.status if result is not None else "missing"
                put(cell, statuses.setdefault(status, status_label(status, lang)))
            cell.font = named_font(lang, size=9)
            cell.alignment = Alignment(horizontal="center", vertical="center")
    last = head + len(shown)
    ws.conditional_formatting.add(
        f"C{head + 1}:{get_column_letter(len(criteria) + 2)}{last}",
        ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF",
                       end_type="num", end_value=1, end_color="8DB8DE"))  # black text stays readable
    row = last + 2
    for criterion in criteria:  # what each code means, so the printed page needs nothing else
        put(ws.cell(row, 2), f"{criterion.code}  {indicator_label(criterion, lang)}")
        ws.cell(row, 2).font = named_font(lang, size=9)
        row += 1
    return row

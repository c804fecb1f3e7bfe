"""A project's pages in the PDF report: its radar, key figures and points per dimension, the
criteria that could lift it a grade, and its indicators, issues, overrides and several
inspectors' scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from scoring.core.explain import path_table
from scoring.core.figures import dimension_maxima, effective_maxima, overrides_count
from scoring.core.model import Scheme
from scoring.core.presentation import (
    dimension_label,
    grade_fill,
    indicator_label,
    issue_kind_label,
    issue_text,
    severity_label,
    shown_assessment,
    status_label,
)
from scoring.core.results import ProjectResult
from scoring.core.textclean import clean_text
from scoring.core.textlayout import format_number, shown_location
from scoring.reports.charts import common, radar
from scoring.reports.pdf.canvas import (
    Anchor,
)
from scoring.reports.pdf.layout import (
    FRAME_WIDTH,
    INK,
    RADAR_SIDE,
    STATUS_FILLS,
    STRIPE,
    VETO,
    Column,
    Heading,
    Report,
    layout_style,
    para,
    register_font,
    table,
)
from scoring.reports.pdf.ranking import (
    ranked_row,
)
from scoring.reports.pdf.reconcile import reconcile_table


class ProjectRadar(Flowable):
    """A project's radar: the scheme's web (one image per scheme) and its polygon as vectors."""

    def __init__(
        self,
        backdrop: radar.RadarBackdrop,
        values: Sequence[float],
        label: str,
        report: Report,
        width: float,
        height: float,
    ) -> None:
        super().__init__()
        self.backdrop, self.values, self.label, self.report = backdrop, list(values), label, report
        self.width, self.height = width, height

    def draw(self) -> None:
        canvas, w, h = self.canv, self.width, self.height
        canvas.saveState()
        canvas.scale(w, h)
        canvas.doForm(canvas.image_form(self.backdrop.image))
        canvas.restoreState()
        points = self.backdrop.fractions(self.values)
        colour = colors.HexColor(common.dimension_colour(0))
        path = canvas.beginPath()
        for k, (fx, fy) in enumerate(points):
            (path.moveTo if k == 0 else path.lineTo)(fx * w, fy * h)
        path.close()
        canvas.saveState()
        canvas.setStrokeColor(colour)
        canvas.setFillColor(colour, alpha=0.18)
        canvas.setLineWidth(1.4)
        canvas.drawPath(path, stroke=1, fill=1)
        canvas.setFillColor(colour)
        canvas.rect(4, 4, 14, 2.5, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(register_font(), 8)
        canvas.drawString(22, 2.5, clean_text(self.label, keep_newlines=False))
        canvas.restoreState()


def key_figures(report: Report, scheme: Scheme, p: ProjectResult, width: float = FRAME_WIDTH) -> Table:
    t = report.t
    columns = [
        Column(t("rank"), 0.6, "center"),
        Column(t("total"), 0.9, "center"),
        Column(t("grade"), 0.9, "center"),
        Column(t("base"), 0.8, "center"),
        Column(t("bonus"), 0.7, "center"),
        Column(t("penalty"), 0.7, "center"),
        Column(t("synergy_d"), 0.8, "center"),
        Column(t("synergy_class"), 1.1, "center"),
        Column(t("veto"), 1.0, "center"),
        Column(t("issues"), 0.6, "center"),
        Column(t("overrides"), 0.8, "center"),
    ]
    row = ranked_row(report, scheme, p)
    # rank, total and grade, then bonus … issues: the ranked table's own cells
    values = [row[0], row[4], row[5], f"{p.base:.2f}", *row[-6:], str(overrides_count(p))]
    cells = {}
    fill = grade_fill(scheme, p.grade)
    if fill:
        cells[(0, 2)] = fill
    if p.veto:
        cells[(0, 8)] = VETO
    return table(report, columns, [values], cell_fills=cells, repeat_header=False, size=8, width=width)


def dimension_table(report: Report, scheme: Scheme, p: ProjectResult, width: float) -> Table:
    """Points per dimension against the project's effective maximum (n/a shares the weight)."""
    effective = effective_maxima(scheme, p)
    nominal = dimension_maxima(scheme)
    columns = [
        Column(report.t("dimension"), 1.6),
        Column(report.t("points"), 0.65, "right", wrap=False),
        Column(report.t("maximum"), 0.75, "right", wrap=False),
        Column(report.t("percent"), 0.8, "right", wrap=False),
    ]
    rows = []
    for d in scheme.dimensions:
        points = p.dimensions.get(d, 0.0)
        maximum = effective[d]
        shown_max = (
            f"{maximum:.3g}" if abs(maximum - nominal[d]) < 0.005 else f"{maximum:.3g} ({nominal[d]:.3g})"
        )
        rows.append(
            [
                dimension_label(scheme, d, report.lang),
                f"{points:.2f}",
                shown_max,
                f"{100 * points / maximum:.0f}" if maximum else "",
            ]
        )
    return table(report, columns, rows, width=width, repeat_header=False, size=8)


def indicator_table(report: Report, scheme: Scheme, p: ProjectResult) -> Table | None:
    t, lang = report.t, report.lang
    columns = [
        Column(t("code"), 0.55),
        Column(t("indicator"), 2.6),
        Column(t("value"), 0.8, "right"),
        Column(t("baseline"), 0.8, "right"),
        Column(t("fraction"), 0.6, "right", wrap=False),
        Column(t("points"), 0.6, "right", wrap=False),
        Column(t("points_lost"), 0.6, "right", wrap=False),
        Column(t("status"), 0.75),
        Column(t("location"), 1.4),
        Column(t("evidence"), 2.2),
    ]
    rows, fills = [], []
    for c in scheme.criteria:
        ind = p.indicators.get(c.code)
        if ind is None:
            continue
        rows.append(
            [
                c.code,
                indicator_label(c, lang),
                format_number(ind.value, 3),
                format_number(ind.baseline, 3),
                format_number(ind.score, 3),
                format_number(_points(ind.points)),
                format_number(_points(ind.points_lost)),
                status_label(ind.status, lang),
                shown_location(ind.location),
                ind.evidence or "",
            ]
        )
        fills.append(STATUS_FILLS.get(ind.status) or (STRIPE if len(rows) % 2 == 0 else None))
    return table(report, columns, rows, fills=fills) if rows else None


def paths_table(report: Report, scheme: Scheme, p: ProjectResult) -> tuple[str, Table | None]:
    """The gap to the next grade (the heading) and the criteria that could close it alone
    (issue 17, scoring.core.explain.path_table): what to enter, today's value, the fraction needed."""
    heading, rows = path_table(scheme, p, report.lang)
    if not rows:
        return heading, None
    t = report.t
    columns = [
        Column(t("code"), 0.55),
        Column(t("indicator"), 2.6),
        Column(t("path_input"), 2.3),
        Column(t("today"), 1.0, "right"),
        Column(t("fraction"), 0.8, "right"),
    ]
    return heading, table(report, columns, rows)


def _points(value: float | None) -> float | None:
    return None if value is None else round(value, 2) + 0.0  # no "-0" for an unused penalty


def issue_table(report: Report, p: ProjectResult) -> Table:
    t = report.t
    columns = [
        Column(t("severity"), 0.6),
        Column(t("issue_kind"), 1.2),
        Column(t("location"), 1.8),
        Column(t("message"), 6.0),
    ]
    rows = [
        [
            severity_label(i.severity, report.lang),
            issue_kind_label(i.kind, report.lang),
            shown_location(i.location),
            issue_text(i, report.lang),
        ]
        for i in p.issues
    ]
    fills = [VETO if i.kind == "veto" else None for i in p.issues]
    if not rows:
        rows, fills = [["", t("no_issues"), "", ""]], [None]
    return table(report, columns, rows, fills=fills)


def override_table(report: Report, scheme: Scheme, p: ProjectResult) -> Table | None:
    overridden = [ind for ind in p.indicators.values() if ind.status == "override"]
    if not overridden:
        return None
    t = report.t
    columns = [
        Column(t("code"), 0.55),
        Column(t("indicator"), 2.2),
        Column(t("fraction"), 0.6, "right", wrap=False),
        Column(t("inspector"), 1.2),
        Column(t("reason"), 5.0),
    ]
    labels = {c.code: indicator_label(c, report.lang) for c in scheme.criteria}
    # issue 9: for several inspectors, who decided and "3 inspectors: … — consensus 0.65: …"
    rows = [
        [ind.code, labels.get(ind.code, ""), format_number(ind.score, 3), *shown_assessment(ind, report.lang)]
        for ind in overridden
    ]
    return table(report, columns, rows)


def titled(report: Report, title: str, body: Flowable | None) -> list[Flowable]:
    """A small heading kept with the first rows of its table."""
    if body is None:
        return []
    return [
        CondPageBreak(40 * mm),
        Paragraph(escape(title), report.styles.style(9.5, colour=INK, space_after=2)),
        body,
    ]


def project_pages(report: Report, scheme: Scheme, p: ProjectResult, backdrop, key: str) -> list[Flowable]:
    """A project from a new page: key figures, radar and dimensions, then its tables."""
    styles, t = report.styles, report.t
    heading = report.scheme_heading(scheme)
    title = f"{p.rank}. {p.name or p.project_id}"
    subtitle = " · ".join(v for v in (p.project_id, heading, p.region, p.organisation) if v)
    parts: list[Flowable] = [
        PageBreak(),
        Anchor(f"{key}p{p.rank}_{p.project_id}", title, 2),
        Heading(title, styles.title, heading),
        para(subtitle, styles.note),
    ]
    # the radar on the left; key figures and points per dimension beside it: a project with a
    # few dozen criteria fits on one page
    side = RADAR_SIDE
    left: Flowable = Spacer(side, 1)
    if backdrop is not None:
        from scoring.core.figures import dimension_percent

        left = ProjectRadar(
            backdrop, dimension_percent(scheme, p), f"{p.rank}. {p.name or p.project_id}", report, side, side
        )
    room = FRAME_WIDTH - side - 4 * mm
    right = [
        key_figures(report, scheme, p, room),
        Spacer(1, 4),
        dimension_table(report, scheme, p, room * 0.6),
    ]
    parts.append(
        Table(
            [[left, right]],
            colWidths=[side + 4 * mm, room],
            hAlign="LEFT",
            style=layout_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
    )
    heading, paths = paths_table(report, scheme, p)
    parts += [Paragraph(escape(f"{t('paths')} — {heading}"), styles.style(9.5, colour=INK, space_after=2))]
    if paths is not None:
        parts.append(paths)
    parts += titled(report, t("indicators"), indicator_table(report, scheme, p))
    parts += titled(report, t("issue_list"), issue_table(report, p))
    parts += titled(report, t("override_list"), override_table(report, scheme, p))
    parts += titled(report, t("several_inspectors"), reconcile_table(report, p))
    return parts

"""The PDF report: cover, contents, per scheme the ranking, charts, robustness, projects and
method appendix, A4 landscape, laid out with ReportLab's platypus.

Platypus does what a printed ranking needs and a hand-made paginator did badly: table headers
repeated on every page, text wrapped in its cell (Chinese between any two characters, English
between words) instead of cut with "…", blocks kept together, bookmarks (the PDF outline), a
contents page, metadata, and the CJK font embedded as a TrueType subset with a Unicode map, so
Chinese prints anywhere and can be searched and copied. matplotlib draws only the charts, each
once, embedded as 200-dpi images; a project's radar is the scheme's web (drawn once per scheme)
with the project's polygon drawn over it as vectors.

The report is written in one pass: page numbers on the contents page and the "of N" of each
footer are PDF form objects filled in when they are known. Flowables are made scheme by scheme
and project by project as the layout consumes them (:class:`_Flow`), so memory does not grow
with the number of projects. Who signs (:class:`~scoring.core.report_settings.ReportSettings`)
appears on the cover and after each ranking as an approval block.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import inch, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from scoring.core.explain import path_table
from scoring.core.model import Scheme
from scoring.core.presentation import (
    dimension_cell_text,
    dimension_label,
    dimension_maxima,
    effective_maxima,
    format_number,
    grade_fill,
    grade_label,
    grade_may_change,
    has_co_control_criteria,
    indicator_label,
    is_provisional,
    issue_kind_label,
    issue_text,
    level_label,
    normalise_lang,
    overrides_count,
    provisional_banner,
    provisional_mark,
    reason_label,
    rejection_text,
    scheme_label,
    severity_label,
    shown_location,
    status_label,
    synergy_class_label,
    text,
    total_range_text,
    total_text,
)
from scoring.core.reconcile import shown_assessment
from scoring.core.report_settings import ReportSettings
from scoring.core.results import ProjectResult
from scoring.core.textclean import clean_text
from scoring.io.atomic import replacing
from scoring.io.pipeline import AssessmentRun
from scoring.reports.charts import common, figures, radar, scatter
from scoring.reports.method_appendix import method_sections
from scoring.reports.pdf_layout import (
    CHART_DPI,
    CHART_ROWS_PER_PAGE,
    FONT_SIZE,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    GREY_TEXT,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_SIZE,
    RADAR_PROJECTS,
    RADAR_SIDE,
    RULE_COLOUR,
    STATUS_FILLS,
    STRIPE,
    VETO,
    Anchor,
    ChartImage,
    Column,
    Entry,
    Heading,
    PageNumber,
    ProvisionalParagraph,
    Report,
    ReportCanvas,
    layout_style,
    para,
    register_font,
    striped,
    table,
)
from scoring.reports.reconcile_report import reconcile_table
from scoring.reports.reconcile_report import title as reconcile_heading
from scoring.reports.robustness_export import label as robustness_label
from scoring.reports.robustness_report import robustness_section

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# --------------------------------------------------------------------------- fonts and styles


# --------------------------------------------------------------------------- the report


def _scheme_heading(scheme: Scheme, report: Report) -> str:
    return f"{scheme_label(scheme, report.lang)}  {report.t('version')} {scheme.version}"


# --------------------------------------------------------------------------- tables


# --------------------------------------------------------------------------- outline and contents


def contents_table(report: Report, entries: Sequence[Entry]) -> Table:
    """The contents: one line per listed anchor (wrapped, linked), its page number a form
    object filled in when the page is known."""
    rows = []
    for entry in entries:
        style = report.styles.style(
            10 if entry.level == 0 else 9, colour=INK if entry.level == 0 else colors.black, leading=13
        )
        link = f'<a href="#{entry.key}">{escape(clean_text(entry.title, keep_newlines=False))}</a>'
        title = Paragraph(link, style)
        rows.append(
            ["", title, PageNumber(f"toc{entry.key}")]
            if entry.level
            else [title, "", PageNumber(f"toc{entry.key}")]
        )
    return Table(
        rows,
        colWidths=[10 * mm, FRAME_WIDTH - 60 * mm, 40],
        hAlign="LEFT",
        repeatRows=0,
        style=layout_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (-1, -1), 0.3, colors.HexColor("#DDDDDD")),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
            ]
            + [("SPAN", (0, r), (1, r)) for r, e in enumerate(entries) if e.level == 0]
        ),
    )


# --------------------------------------------------------------------------- the page frame


class ReportDocument(BaseDocTemplate):
    """A4 landscape pages with the running header and footer, and the progress callback."""

    def __init__(self, target, report: Report, progress: Callable | None, estimate: int) -> None:
        super().__init__(
            target,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=report.t("report_title"),
            author=report.settings.org or "SynergyPilot",
            creator="SynergyPilot",
            subject=" · ".join(v for v in (report.settings.doc_no, report.settings.period) if v),
            lang="zh-CN" if report.lang == "zh" else "en",
            initialFontName=register_font(),
        )
        self.report = report
        self.progress = progress
        self.estimate = estimate
        self.heading = report.t("report_title")
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            FRAME_WIDTH,
            FRAME_HEIGHT,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPageEnd=self._page_end)])

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, Heading):
            self.heading = flowable.running

    def _page_end(self, canvas: Canvas, doc) -> None:
        report = self.report
        width, height = PAGE_SIZE
        canvas.saveState()
        canvas.setFont(register_font(), 7.5)
        canvas.setFillColor(GREY_TEXT)
        top = height - MARGIN_TOP + 6 * mm
        left_text = report.t("report_title")
        if report.settings.doc_no:
            left_text += f"  {report.settings.doc_no}"
        canvas.drawString(MARGIN_X, top, clean_text(left_text, keep_newlines=False))
        canvas.drawRightString(width - MARGIN_X, top, clean_text(self.heading, keep_newlines=False))
        canvas.setStrokeColor(colors.HexColor("#BBBBBB"))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 3, width - MARGIN_X, top - 3)
        bottom = MARGIN_BOTTOM - 9 * mm
        footer = f"{report.t('generated')} {report.generated:%Y-%m-%d %H:%M}"
        if report.settings.org:
            footer = f"{report.settings.org} · {footer}"
        canvas.drawString(MARGIN_X, bottom, clean_text(footer, keep_newlines=False))
        if getattr(canvas, "provisional_page", False):
            canvas.setFillColor(colors.black)
            canvas.drawString(MARGIN_X, bottom + 10, "※ " + report.t("provisional_note"))
            canvas.setFillColor(GREY_TEXT)
        _page_of(canvas, report, width - MARGIN_X, bottom)
        canvas.restoreState()
        canvas.provisional_page = False
        if self.progress is not None:
            done = canvas.getPageNumber()
            if self.progress(done, max(done, self.estimate)) is False:
                raise _Cancelled


def _page_of(canvas: Canvas, report: Report, right: float, y: float) -> None:
    """ "Page 3 of 15" / "第 3 页，共 15 页" with the total as a form filled in at the end."""
    number = canvas.getPageNumber()
    before = f"第 {number} 页，共 " if report.lang == "zh" else f"Page {number} of "
    canvas.total_suffix = " 页" if report.lang == "zh" else ""
    room = pdfmetrics.stringWidth("00000" + canvas.total_suffix, register_font(), 7.5)
    x = right - room - pdfmetrics.stringWidth(before, register_font(), 7.5)
    canvas.drawString(x, y, before)
    canvas.saveState()
    canvas.translate(x + pdfmetrics.stringWidth(before, register_font(), 7.5), y)
    canvas.doForm(ReportCanvas.form_name("page_total"))
    canvas.restoreState()


class _Cancelled(Exception):
    """The progress callback asked to stop."""


# --------------------------------------------------------------------------- sign-off


def approval_block(report: Report) -> Flowable:
    """Assessing body, document number, period; assessor / reviewer / approver with signature
    and date lines; and a box for the seal. Kept on one page."""
    s, t = report.settings, report.t
    styles = report.styles
    small = styles.style(8.5, leading=12)
    head = styles.style(9, colour=INK)
    facts = " ".join(
        f"{t(key)}：{escape(value)}" if report.lang == "zh" else f"{t(key)}: {escape(value)}"
        for key, value in (("org", s.org), ("doc_no", s.doc_no), ("period", s.period))
        if value
    )
    line = "_" * 18
    people = []
    for key in ("assessor", "reviewer", "approver"):
        name = getattr(s, key)
        people.append(
            [
                Paragraph(
                    f"{escape(t(key))}：{escape(name)}"
                    if report.lang == "zh"
                    else f"{escape(t(key))}: {escape(name)}",
                    head,
                ),
                Paragraph(f"{escape(t('signature'))}：{line}", small),
                Paragraph(f"{escape(t('date'))}：{line}", small),
            ]
        )
    seal = Paragraph(escape(t("seal")), styles.style(8, TA_CENTER, GREY_TEXT))
    # each person's name, signature line and date line, one under the other
    signing = [
        Table(
            [[line] for line in lines],
            colWidths=[62 * mm],
            style=layout_style(
                [("BOTTOMPADDING", (0, 0), (-1, -1), 9), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
            ),
        )
        for lines in people
    ]
    box = Table(
        [[*signing, seal]],
        colWidths=[68 * mm, 68 * mm, 68 * mm, 36 * mm],
        rowHeights=[32 * mm],
        hAlign="LEFT",
        style=layout_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (3, 0), (3, 0), 0.8, colors.black),
                ("VALIGN", (3, 0), (3, 0), "MIDDLE"),
                ("LINEABOVE", (0, 0), (2, 0), 0.6, RULE_COLOUR),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )
    parts: list[Flowable] = [Spacer(1, 6), Paragraph(escape(t("approval")), styles.heading)]
    if facts:
        parts.append(Paragraph(facts, styles.style(9, leading=12, space_after=4)))
    parts.append(box)
    return KeepTogether(parts)


# --------------------------------------------------------------------------- cover


def cover(report: Report) -> list[Flowable]:
    """Title, who assessed under which number for which period, date, schemes, approval."""
    styles, t, s = report.styles, report.t, report.settings
    parts: list[Flowable] = [
        Anchor("cover", t("report_title"), 0),
        Spacer(1, 8 * mm),
        Paragraph(escape(t("report_title")), styles.style(22, colour=INK, space_after=8)),
    ]
    facts = [
        (t("org"), s.org),
        (t("doc_no"), s.doc_no),
        (t("period"), s.period),
        (t("assessment_round"), round_text(report.run)),
        (t("cover_date"), f"{report.generated:%Y-%m-%d}"),
        (t("total_projects"), str(len(report.run.projects))),
        (t("rejected_inputs"), str(len(report.run.rejected))),
    ]
    for label, value in facts:
        if value:
            parts.append(
                Paragraph(
                    f"{escape(label)}{'：' if report.lang == 'zh' else ': '}{escape(clean_text(value))}",
                    styles.style(11, leading=15),
                )
            )
    parts.append(Spacer(1, 5 * mm))
    banner = provisional_banner(report.run.projects, report.lang)
    if banner:
        parts.append(Paragraph(escape(banner), styles.style(9, colour=INK, space_after=4)))
    parts.append(cover_table(report))
    parts.append(approval_block(report))
    return parts


def cover_table(report: Report) -> Table:
    lang, t = report.lang, report.t
    columns = [
        Column(t("scheme"), 3.2),
        Column(t("level"), 0.9),
        Column(t("version"), 0.8),
        Column(t("projects"), 0.8, "right", wrap=False),
        Column(t("grade_distribution"), 3.6),
        Column(t("vetoed_count"), 0.8, "right", wrap=False),
    ]
    rows = []
    for scheme in report.run.schemes:
        projects = report.run.projects_of(scheme)
        counts = "  ·  ".join(
            f"{grade_label(g.name, lang)} {sum(1 for p in projects if p.grade == g.name)}"
            for g in scheme.grades_descending
        )
        rows.append(
            [
                scheme_label(scheme, lang),
                level_label(scheme.level, lang),
                scheme.version,
                str(len(projects)),
                counts,
                str(sum(1 for p in projects if p.veto)),
            ]
        )
    return table(report, columns, rows, fills=striped(len(rows)), size=9)


# --------------------------------------------------------------------------- ranked tables


def round_text(run: AssessmentRun) -> str:
    """The assessment round a run scored, "2025 round (2025)", or "" outside a workspace."""
    if not run.round:
        return ""
    return (
        f"{run.round} ({run.round_year})" if run.round_year and run.round_year not in run.round else run.round
    )


def ranked_columns(report: Report, scheme: Scheme) -> list[Column]:
    t, lang = report.t, report.lang
    maxima = dimension_maxima(scheme)
    return [
        Column(t("rank"), 0.42, "right", wrap=False),
        Column(t("project_id"), 0.95),
        Column(t("name"), 2.2, lines=2),
        Column(t("region"), 1.0),
        Column(t("total"), 1.0, "right"),
        Column(t("grade"), 0.62),
        # "provisional: 1 pending, grade could be Fail–Pass" on two lines
        Column(t("provisional"), 1.6, lines=2),
        *(
            Column(f"{dimension_label(scheme, d, lang)} ({maxima[d]:.3g})", 0.72, "right")
            for d in scheme.dimensions
        ),
        Column(t("bonus"), 0.45, "right", wrap=False),
        Column(t("penalty"), 0.45, "right", wrap=False),
        Column(t("synergy_d"), 0.5, "right", wrap=False),
        Column(t("synergy_class"), 0.75),
        Column(t("veto"), 0.55),
        Column(t("issues"), 0.45, "right", wrap=False),
    ]


def ranked_row(report: Report, scheme: Scheme, p: ProjectResult) -> list[object]:
    """One project's row: the total with its range and the grade marked when provisional."""
    lang = report.lang
    synergy = p.synergy or {}
    total = total_text(scheme, p.total)
    grade = grade_label(p.grade, lang)
    effective = None
    if any(p.dimensions.get(d, 0.0) > m + 0.005 for d, m in dimension_maxima(scheme).items()):
        effective = effective_maxima(scheme, p)
    if is_provisional(p):
        span = total_range_text(scheme, p)
        # "※" refers to the footnote every page with a provisional result carries
        total_cell: object = ProvisionalParagraph(
            escape(f"{total} ※" + (f"\n{span}" if span else "")).replace("\n", "<br/>"),
            report.styles.style(FONT_SIZE, TA_RIGHT),
        )
        grade_cell: object = (
            ProvisionalParagraph(escape(f"{grade} ※"), report.styles.cell) if grade_may_change(p) else grade
        )
    else:
        total_cell, grade_cell = total, grade
    d_value = synergy.get("D")
    return [
        str(p.rank),
        p.project_id,
        p.name,
        p.region,
        total_cell,
        grade_cell,
        provisional_mark(p, lang),
        *(dimension_cell_text(scheme, p, d, effective) for d in scheme.dimensions),
        format_number(p.bonus),
        format_number(p.penalty),
        f"{d_value:.3f}" if d_value is not None else "",
        synergy_class_label(synergy.get("class"), lang),
        ", ".join(p.veto),
        str(len(p.issues)),
    ]


def ranked_table(report: Report, scheme: Scheme, projects: list[ProjectResult]) -> Flowable:
    """The ranking, its header on top of every page, grade cells in their (greyscale-safe) colour."""
    fills = striped(len(projects), [bool(p.veto) for p in projects])
    cells = {}
    for r, p in enumerate(projects):
        fill = grade_fill(scheme, p.grade)
        if fill:
            cells[(r, 5)] = fill
    rows = (ranked_row(report, scheme, p) for p in projects)
    return table(report, ranked_columns(report, scheme), rows, fills=fills, cell_fills=cells)


def ranking(report: Report, scheme: Scheme, projects: list[ProjectResult], key: str) -> Iterator[Flowable]:
    """Heading, the ranked tables, the notes they need and the approval block."""
    styles = report.styles
    heading = _scheme_heading(scheme, report)
    yield Anchor(f"{key}r", report.t("ranked_results"), 1, listed=True)
    named = scheme_label(scheme, report.lang)
    yield Heading(f"{report.t('ranked_results')} — {named}", styles.title, heading)
    facts = [f"{report.t('version')} {scheme.version}", level_label(scheme.level, report.lang)]
    if report.run.round:  # which round of a workspace's is ranked (issue 20)
        facts.append(f"{report.t('assessment_round')} {round_text(report.run)}")
    facts.append(f"{report.t('projects')} {len(projects)}")
    yield para(" · ".join(facts), styles.note)
    banner = provisional_banner(projects, report.lang)
    if banner:  # how many results are provisional, and why (docs/method.md)
        yield Paragraph(escape(banner), styles.style(8.5, colour=INK, space_after=3))
    yield ranked_table(report, scheme, projects)
    maxima = dimension_maxima(scheme)
    if any(p.dimensions.get(d, 0.0) > maxima[d] + 0.005 for p in projects for d in scheme.dimensions):
        yield Paragraph(escape(report.t("effective_max_note")), styles.note)
    yield approval_block(report)


# --------------------------------------------------------------------------- charts


def chart_flowable(
    kind: str,
    scheme: Scheme,
    projects: list[ProjectResult],
    lang: str,
    height: float = FRAME_HEIGHT - 30,
    **options,
) -> Flowable:
    """One chart sized to the page's frame (drawn at print size, so its text stays 7–11 pt),
    drawn when its page is (:class:`~scoring.reports.pdf_layout.ChartImage`)."""
    size = (FRAME_WIDTH / inch, height / inch)

    def draw() -> Figure:
        return figures.chart_figure(kind, scheme, projects, lang, size=size, **options)[0]

    return ChartImage(draw, FRAME_WIDTH, height)


def chart_section(
    report: Report, scheme: Scheme, projects: list[ProjectResult], key: str
) -> Iterator[Flowable]:
    """The scheme's charts, each on its own page; bars and heatmap in pages of ranks."""
    lang = report.lang
    heading = _scheme_heading(scheme, report)
    yield Anchor(f"{key}c", report.t("charts_heading"), 1, listed=True)
    for kind in ("ranked", "contributions", "heatmap"):
        for start in range(0, len(projects), CHART_ROWS_PER_PAGE):
            chunk = projects[start : start + CHART_ROWS_PER_PAGE]
            title = text(f"chart_{kind}", lang)
            if len(projects) > CHART_ROWS_PER_PAGE:
                title += f" — {report.t('ranks').format(first=chunk[0].rank, last=chunk[-1].rank)}"
            yield PageBreak()
            yield Anchor(f"{key}c{kind}{start}", title, 2)
            yield Heading("", report.styles.note, heading)
            yield chart_flowable(kind, scheme, chunk, lang, title=title)
    yield PageBreak()
    yield Anchor(f"{key}csynergy", text("chart_synergy", lang), 2)
    yield chart_flowable("synergy", scheme, projects, lang)
    if has_co_control_criteria(scheme) and scatter.co_control_points(scheme, projects):
        yield PageBreak()
        yield Anchor(f"{key}cco", text("chart_co_control", lang), 2)
        yield chart_flowable("co_control", scheme, projects, lang)
    yield PageBreak()
    yield Anchor(f"{key}cradar", text("chart_radar", lang), 2)
    yield chart_flowable("radar", scheme, projects, lang, selected=projects[:RADAR_PROJECTS])


# --------------------------------------------------------------------------- project pages


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
    heading = _scheme_heading(scheme, report)
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
        from scoring.core.presentation import dimension_percent

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
    parts += titled(report, reconcile_title(report), reconcile_table(report, p))
    return parts


def reconcile_title(report: Report) -> str:
    return reconcile_heading(report.lang)


# --------------------------------------------------------------------------- rejected and method


def rejected_section(report: Report) -> list[Flowable]:
    t = report.t
    columns = [Column(t("source"), 3.0), Column(t("rejected_reason"), 1.5), Column(t("message"), 6.5)]
    rows = [
        [shown_location(r.source), reason_label(r.reason, report.lang), rejection_text(r, report.lang)]
        for r in report.run.rejected
    ]
    return [
        PageBreak(),
        Anchor("rejected", t("rejected_inputs"), 0, listed=True),
        Heading(t("rejected_inputs"), report.styles.title, t("rejected_inputs")),
        table(report, columns, rows, fills=striped(len(rows))),
    ]


def method_appendix(report: Report, scheme: Scheme, key: str) -> list[Flowable]:
    """The scheme's method (scoring.reports.method_appendix) as sentences and tables."""
    styles = report.styles
    heading = f"{report.t('method_heading')} — {scheme_label(scheme, report.lang)}"
    parts: list[Flowable] = [
        PageBreak(),
        Anchor(f"{key}m", report.t("method_heading"), 1, listed=True),
        Heading(heading, styles.title, _scheme_heading(scheme, report)),
    ]
    for section in method_sections(scheme, report.lang, report.studies.get(scheme.name)):
        parts += [CondPageBreak(35 * mm), Paragraph(escape(section.title), styles.heading)]
        parts += [para(sentence, styles.body) for sentence in section.sentences]
        for part in section.tables:
            columns = [
                Column(h, w)
                for h, w in zip(part.header, part.widths or [1.0] * len(part.header), strict=False)
            ]
            total = sum(c.width for c in columns)
            width = FRAME_WIDTH if total > 6 else FRAME_WIDTH * total / 12
            parts += [
                table(report, columns, part.rows, fills=striped(len(part.rows)), width=width),
                Spacer(1, 6),
            ]
    return parts


# --------------------------------------------------------------------------- the whole report


def _scheme_parts(
    report: Report, scheme: Scheme, projects: list[ProjectResult], key: str, study
) -> Iterator[list[Flowable]]:
    """The flowables of one scheme, in pieces the layout takes one after the other."""
    yield [PageBreak(), Anchor(key, _scheme_heading(scheme, report), 0, listed=True)]
    yield list(ranking(report, scheme, projects, key))
    yield list(chart_section(report, scheme, projects, key))
    if study is not None:
        yield robustness_section(report, study, key)
    yield [Anchor(f"{key}p", report.t("projects_heading"), 1, listed=True)]
    backdrop = radar.radar_backdrop(scheme, projects, report.lang, RADAR_SIDE / inch, CHART_DPI)
    for p in projects:
        yield project_pages(report, scheme, p, backdrop, key)
    yield method_appendix(report, scheme, key)


def contents_entries(report: Report, studies: dict) -> list[Entry]:
    """The lines of the contents page, known before anything is laid out."""
    entries = []
    for n, scheme in enumerate(s for s in report.run.schemes if report.run.projects_of(s)):
        key = f"s{n}"
        entries.append(Entry(key, _scheme_heading(scheme, report), 0))
        entries += [
            Entry(f"{key}r", report.t("ranked_results"), 1),
            Entry(f"{key}c", report.t("charts_heading"), 1),
        ]
        if scheme.name in studies:
            entries.append(Entry(f"{key}b", robustness_label("sheet", report.lang), 1))
        entries += [
            Entry(f"{key}p", report.t("projects_heading"), 1),
            Entry(f"{key}m", report.t("method_heading"), 1),
        ]
    if report.run.rejected:
        entries.append(Entry("rejected", report.t("rejected_inputs"), 0))
    return entries


def report_parts(report: Report) -> Iterator[list[Flowable]]:
    """Every flowable of the report, in pieces (see :class:`_Flow`)."""
    yield cover(report)
    entries = contents_entries(report, report.studies)
    yield [
        PageBreak(),
        Anchor("contents", report.t("contents"), 0),
        Heading(report.t("contents"), report.styles.title, report.t("contents")),
        contents_table(report, entries) if entries else para(report.t("no_projects"), report.styles.body),
    ]
    n = 0
    for scheme in report.run.schemes:
        projects = report.run.projects_of(scheme)
        if not projects:
            continue
        yield from _scheme_parts(report, scheme, projects, f"s{n}", report.studies.get(scheme.name))
        n += 1
    if report.run.rejected:
        yield rejected_section(report)


class _Flow:
    """The list of flowables platypus consumes, filled from a generator as it is emptied.

    ``BaseDocTemplate.build`` takes the first item, deletes it, and puts split parts back at
    the front; it looks ahead only over items kept with the next. So the report's flowables
    are made as the layout reaches them and dropped once drawn.
    """

    def __init__(self, pieces: Iterator[list[Flowable]]) -> None:
        self._items: list[Flowable] = []
        self._pieces = pieces
        self._done = False

    def _fill(self, wanted: int) -> None:
        while len(self._items) < wanted and not self._done:
            piece = next(self._pieces, None)
            if piece is None:
                self._done = True
            else:
                self._items.extend(f for f in piece if f is not None)

    def __len__(self) -> int:
        self._fill(2)
        return len(self._items)

    def __getitem__(self, index):
        if isinstance(index, slice):
            self._fill(index.stop if index.stop is not None else 1 << 30)
        else:
            self._fill(index + 1)
        return self._items[index]

    def __delitem__(self, index) -> None:
        del self._items[index]

    def __setitem__(self, index, value) -> None:
        self._items[index] = value

    def insert(self, index: int, value) -> None:
        self._items.insert(index, value)


def _estimate(report: Report) -> int:
    """Roughly how many pages the report will have (for a progress bar)."""
    pages = 2 + (1 if report.run.rejected else 0)
    for scheme in report.run.schemes:
        n = len(report.run.projects_of(scheme))
        if n:
            pages += 2 + n // 25 + 3 * -(-n // CHART_ROWS_PER_PAGE) + 3 + n + 2
    return pages


def write_pdf_report(
    run: AssessmentRun,
    out: str | Path,
    lang: str = "zh",
    generated: _dt.datetime | None = None,
    progress: Callable[[int, int], bool] | None = None,
    robustness: Sequence = (),
    settings: ReportSettings | None = None,
) -> Path:
    """Write the PDF report and return its path.

    Parameters
    ----------
    run : AssessmentRun
    out : str or Path
        The .pdf to write; replaced in one step when complete.
    lang : {"zh", "en"}
    generated : datetime, optional
        Date and time printed on the cover and footers; default now.
    progress : callable, optional
        ``progress(done, total)`` after each page (``total`` an estimate); returning False
        cancels (nothing is written).
    robustness : sequence of SchemeRobustness, optional
        Robustness studies (issue 8), printed after their scheme's charts.
    settings : ReportSettings, optional
        Who signs: assessing body (the PDF's author), document number, period, names.

    Returns
    -------
    Path
    """
    out = Path(out)
    report = make_report(run, lang, generated, robustness, settings)
    with replacing(out) as temporary:
        cancelled = False
        # An open stream, closed here whatever happens: given a file name, ReportLab opens the
        # file itself and leaves it open when writing fails (a full disk).
        with temporary.open("wb") as stream:
            try:
                render(report, stream, progress)
            except _Cancelled:
                cancelled = True
        if cancelled:
            temporary.unlink()  # nothing is written
    return out


def make_report(
    run: AssessmentRun,
    lang: str = "zh",
    generated: _dt.datetime | None = None,
    robustness: Sequence = (),
    settings: ReportSettings | None = None,
) -> Report:
    return Report(
        run,
        normalise_lang(lang),
        generated or _dt.datetime.now().replace(microsecond=0),
        settings or ReportSettings(),
        {study.scheme.name: study for study in robustness or ()},
    )


def render(
    report: Report,
    target,
    progress: Callable | None = None,
    parts: Callable[[Report], Iterator[list[Flowable]]] = report_parts,
) -> int:
    """Lay ``report`` out into ``target`` (a path or a binary stream); return the page count."""
    register_font()
    rl_config.useA85 = 0  # images as binary: ReportLab's pure-Python ASCII85 took seconds per chart
    document = ReportDocument(
        target if not isinstance(target, Path) else str(target), report, progress, _estimate(report)
    )
    with common.chart_style(prefer_shipped_font=True):
        document.build(_Flow(parts(report)), canvasmaker=ReportCanvas)
    return document.page


def page_count(
    run: AssessmentRun, lang: str = "zh", robustness: Sequence = (), settings: ReportSettings | None = None
) -> int:
    """How many pages the report of ``run`` has (it is laid out, in memory, to count them)."""
    return render(make_report(run, lang, None, robustness, settings), BytesIO())


def ranked_only(report: Report, schemes: Iterable[Scheme] | None = None) -> Iterator[list[Flowable]]:
    """Only the ranking of each scheme (with its approval block): what the GUI prints."""
    for n, scheme in enumerate(schemes or report.run.schemes):
        projects = report.run.projects_of(scheme)
        if projects:
            yield ([PageBreak()] if n else []) + [Anchor(f"s{n}", _scheme_heading(scheme, report), 0)]
            yield list(ranking(report, scheme, projects, f"s{n}"))


def project_only(report: Report, scheme: Scheme, project: ProjectResult) -> Iterator[list[Flowable]]:
    """One project's pages: what the GUI prints for a project."""
    projects = report.run.projects_of(scheme)
    backdrop = radar.radar_backdrop(scheme, projects or [project], report.lang, RADAR_SIDE / inch, CHART_DPI)
    parts = project_pages(report, scheme, project, backdrop, "s0")
    yield [
        Anchor("s0", _scheme_heading(scheme, report), 0),
        Anchor("s0p", report.t("projects_heading"), 1),
    ] + parts[1:]

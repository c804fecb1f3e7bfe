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
with the number of projects. This module puts the parts in order (:func:`report_parts`) and
frames the pages; the parts are made by :mod:`~scoring.reports.pdf.ranking` (cover, rankings,
approval block), :mod:`~scoring.reports.pdf.chart_pages`, :mod:`~scoring.reports.pdf.robustness`,
:mod:`~scoring.reports.pdf.project` and :mod:`~scoring.reports.pdf.appendix`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.units import inch, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
)

from scoring.core.model import Scheme
from scoring.core.presentation import normalise_lang, text
from scoring.core.report_settings import ReportSettings
from scoring.core.results import ProjectResult
from scoring.core.textclean import clean_text
from scoring.io.atomic import replacing
from scoring.io.pipeline import AssessmentRun
from scoring.reports.charts import common, radar
from scoring.reports.pdf.appendix import (
    method_appendix,
    rejected_section,
)
from scoring.reports.pdf.canvas import (
    Anchor,
    Entry,
    PageNumber,
    ReportCanvas,
)
from scoring.reports.pdf.chart_pages import (
    chart_section,
)
from scoring.reports.pdf.layout import (
    CHART_DPI,
    CHART_ROWS_PER_PAGE,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    GREY_TEXT,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_SIZE,
    RADAR_SIDE,
    Heading,
    Report,
    layout_style,
    para,
    register_font,
)
from scoring.reports.pdf.project import (
    project_pages,
)
from scoring.reports.pdf.ranking import (
    cover,
    ranking,
)
from scoring.reports.pdf.robustness import robustness_section
from scoring.reports.robustness_export import label as robustness_label


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
    """ "Page 3 of 15" / "第 3 页，共 15 页" (the catalogue's ``page``) with the total as a form
    filled in at the end: the words before the total are drawn now, those after it with the form."""
    before, canvas.total_suffix = text("page", report.lang).split("{total}")
    before = before.format(n=canvas.getPageNumber())
    room = pdfmetrics.stringWidth("00000" + canvas.total_suffix, register_font(), 7.5)
    x = right - room - pdfmetrics.stringWidth(before, register_font(), 7.5)
    canvas.drawString(x, y, before)
    canvas.saveState()
    canvas.translate(x + pdfmetrics.stringWidth(before, register_font(), 7.5), y)
    canvas.doForm(ReportCanvas.form_name("page_total"))
    canvas.restoreState()


class _Cancelled(Exception):
    """The progress callback asked to stop."""


def _scheme_parts(
    report: Report, scheme: Scheme, projects: list[ProjectResult], key: str, study
) -> Iterator[list[Flowable]]:
    """The flowables of one scheme, in pieces the layout takes one after the other."""
    yield [PageBreak(), Anchor(key, report.scheme_heading(scheme), 0, listed=True)]
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
        entries.append(Entry(key, report.scheme_heading(scheme), 0))
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
            yield ([PageBreak()] if n else []) + [Anchor(f"s{n}", report.scheme_heading(scheme), 0)]
            yield list(ranking(report, scheme, projects, f"s{n}"))


def project_only(report: Report, scheme: Scheme, project: ProjectResult) -> Iterator[list[Flowable]]:
    """One project's pages: what the GUI prints for a project."""
    projects = report.run.projects_of(scheme)
    backdrop = radar.radar_backdrop(scheme, projects or [project], report.lang, RADAR_SIDE / inch, CHART_DPI)
    parts = project_pages(report, scheme, project, backdrop, "s0")
    yield [
        Anchor("s0", report.scheme_heading(scheme), 0),
        Anchor("s0p", report.t("projects_heading"), 1),
    ] + parts[1:]

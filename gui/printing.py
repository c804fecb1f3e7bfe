"""Printing the ranked sheet and a project's pages: the PDF report's own pages, on any printer.

Print and the tests paint through :func:`render_ranked` and :func:`render_project`; Print
Preview lays the pages out in a worker (:func:`preview_task`, page by page in the status bar)
and its dialog then only paints them (:func:`paint_pdf`). All lay the pages out with the PDF
report's renderer
(:mod:`scoring.reports.pdf`: the same fonts, wrapping, repeated headers, approval block and
provisional marks) into memory and paint each page onto the printer as PDFium rasterises it,
so what is previewed and printed is exactly what the exported PDF shows.

The report renderer (ReportLab, matplotlib for its charts) loads when something is printed,
not when the window starts (issue 19: start-up).
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

if TYPE_CHECKING:
    from scoring.core.model import Scheme
    from scoring.core.report_settings import ReportSettings
    from scoring.core.results import ProjectResult

#: Most pixels per inch a page is rasterised at: enough for print, bounded for memory.
MAX_DPI = 300


def ranked_pdf(scheme: Scheme, projects: list[ProjectResult], lang: str,
               settings: ReportSettings | None = None, round_label: str = "", round_year: str = "",
               progress: Callable[[int, int], object] | None = None) -> bytes:
    """The ranked pages of one scheme (table, notes, approval block) as a PDF in memory;
    ``round_label`` and ``round_year`` name the assessment round shown (issue 20); ``progress(done,
    total)`` after each page."""
    from scoring.io.pipeline import AssessmentRun
    from scoring.reports.pdf.report import make_report, ranked_only, render

    run = AssessmentRun([scheme], list(projects), [], round=round_label, round_year=round_year)
    report = make_report(run, lang, settings=settings)
    buffer = BytesIO()
    render(report, buffer, progress, parts=lambda r: ranked_only(r, [scheme]))
    return buffer.getvalue()


def project_pdf(scheme: Scheme, projects: list[ProjectResult], project: ProjectResult, lang: str,
                settings: ReportSettings | None = None,
                progress: Callable[[int, int], object] | None = None) -> bytes:
    """One project's pages, as in the PDF report, as a PDF in memory; ``progress(done, total)``
    after each page."""
    from scoring.io.pipeline import AssessmentRun
    from scoring.reports.pdf.report import make_report, project_only, render

    report = make_report(AssessmentRun([scheme], list(projects) or [project], []), lang, settings=settings)
    buffer = BytesIO()
    render(report, buffer, progress, parts=lambda r: project_only(r, scheme, project))
    return buffer.getvalue()


def preview_task(state, name: str, make_pdf: Callable[..., bytes], *args) -> bytes:
    """Worker body: the pages a print preview shows, ``make_pdf(*args)`` (:func:`ranked_pdf`
    or :func:`project_pdf`), counted page by page as ``name``. Not cancellable: the layout
    stops only between reports, and a preview is a few seconds at most."""
    state.progress(0, 0, name, "prepare")  # the pages' contents, before the first page

    def page_done(done: int, total: int) -> None:
        state.progress(done, total, name, "page")

    return make_pdf(*args, progress=page_done)


def paint_pdf(printer: QPrinter, data: bytes) -> int:
    """Paint every page of the PDF ``data`` onto ``printer``'s pages; return the page count."""
    from scoring.reports.pdf_raster import page_images

    painter = QPainter(printer)
    pages = 0
    try:
        for image, width, height in page_images(data, min(MAX_DPI, printer.resolution())):
            if pages:
                printer.newPage()
            pages += 1
            target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            qimage = QImage(image.tobytes(), image.width, image.height, image.width * 3,
                            QImage.Format.Format_RGB888)
            fit = min(target.width() / width, target.height() / height)
            box = QRectF(0, 0, width * fit, height * fit)
            box.moveCenter(target.center())
            painter.drawImage(box, qimage)
    finally:
        painter.end()
    return pages


def setup_printer(printer: QPrinter, landscape: bool = True) -> None:
    """A4 landscape, the whole sheet: the report's pages carry their own margins."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    printer.setPageOrientation(orientation)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def render_ranked(printer: QPrinter, scheme: Scheme, projects: list[ProjectResult], lang: str,
                  settings: ReportSettings | None = None, round_label: str = "", round_year: str = "") -> int:
    """Print the ranked pages of ``scheme`` (of the round named, if any); returns the number of pages."""
    return paint_pdf(printer, ranked_pdf(scheme, projects, lang, settings, round_label, round_year))


def render_project(printer: QPrinter, scheme: Scheme, projects: list[ProjectResult], project: ProjectResult,
                   lang: str, settings: ReportSettings | None = None) -> int:
    """Print one project's pages; returns the number of pages."""
    return paint_pdf(printer, project_pdf(scheme, projects, project, lang, settings))


def pdf_printer(path: str) -> QPrinter:
    """A printer writing a PDF file (used by tests and as a fallback export)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer

"""Printing the ranked sheet and a project page: one render function per page kind.

Print, Print Preview and the tests all go through :func:`render_ranked` and
:func:`render_project`, which paint on any QPrinter (a real printer, the preview's, or a PDF
printer in tests). The layout is an HTML table laid out by QTextDocument, whose ``<thead>``
rows repeat at the top of every printed page; each page gets a "Page 1 of 3" footer.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QDateTime, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QTextDocument, QTextOption
from PySide6.QtPrintSupport import QPrinter

from gui import labels
from gui.models.tables import number_text
from scoring.engine import ProjectResult
from scoring.model import Scheme


def _words() -> dict[str, str]:
    """Every fixed word of the printed pages, in the current language (literal for lupdate)."""
    translate = QCoreApplication.translate
    return {
        "version": translate("printing", "version"),
        "printed": translate("printing", "printed"),
        "Rank": translate("printing", "Rank"),
        "Project ID": translate("printing", "Project ID"),
        "Name": translate("printing", "Name"),
        "Region": translate("printing", "Region"),
        "Total": translate("printing", "Total"),
        "Grade": translate("printing", "Grade"),
        "Synergy D": translate("printing", "Synergy D"),
        "Veto": translate("printing", "Veto"),
        "Issues": translate("printing", "Issues"),
        "Ranked assessment": translate("printing", "Ranked assessment"),
        "Code": translate("printing", "Code"),
        "Indicator": translate("printing", "Indicator"),
        "Value": translate("printing", "Value"),
        "Fraction": translate("printing", "Fraction"),
        "Points": translate("printing", "Points"),
        "Status": translate("printing", "Status"),
        "Evidence": translate("printing", "Evidence"),
        "Override reason": translate("printing", "Override reason"),
        "Page {page} of {pages}": translate("printing", "Page {page} of {pages}"),
    }


def _t(key: str) -> str:
    return _words()[key]


STYLE = """
<style>
 body { font-size: 8.5pt; }
 h2 { font-size: 13pt; margin: 0 0 2pt 0; }
 p.meta { color: #555555; margin: 0 0 6pt 0; }
 table { border-collapse: collapse; }
 th { background: #d9e2f3; font-weight: bold; padding: 2pt 4pt; border: 0.5pt solid #888888; }
 td { padding: 2pt 4pt; border: 0.5pt solid #bbbbbb; }
 td.num { text-align: right; }
 .veto { color: #a61c00; }
</style>
"""
#: The ranked sheet's cells stay on one line, so that no row is ever split between two pages
#: (a table too wide for the page then prints smaller, see render_html).
RANKED_STYLE = STYLE.replace("</style>", " td { white-space: nowrap; }\n</style>")


def _heading(title: str, scheme: Scheme) -> str:
    stamp = QDateTime.currentDateTime().toString("yyyy-MM-dd HH:mm")
    return (
        f"<h2>{escape(title)}</h2><p class='meta'>{escape(scheme.name)} · {escape(_t('version'))} "
        f"{escape(scheme.version)} · {escape(_t('printed'))} {stamp}</p>"
    )


def ranked_html(scheme: Scheme, projects: list[ProjectResult]) -> str:
    """The ranked sheet of one scheme as HTML (header row repeated on every page)."""
    dims = list(scheme.dimensions)
    head = [
        _t("Rank"),
        _t("Project ID"),
        _t("Name"),
        _t("Region"),
        _t("Total"),
        _t("Grade"),
        *(labels.scheme_dimension(scheme, d) for d in dims),
        _t("Synergy D"),
        _t("Veto"),
        _t("Issues"),
    ]
    rows = []
    for p in sorted(projects, key=lambda p: (p.rank, p.project_id)):
        colour = labels.grade_colour(scheme, p.grade)
        # the colour on the text, not the cell: Qt paints a coloured cell of the row that moves
        # to the next page on this one too
        grade_style = f" style='background:{colour.name()}'" if colour else ""
        cells = [
            f"<td class='num'>{p.rank}</td>",
            f"<td>{escape(p.project_id)}</td>",
            f"<td{' class=veto' if p.veto else ''}>{escape(p.name)}</td>",
            f"<td>{escape(p.region)}</td>",
            f"<td class='num'><b>{p.total:.2f}</b></td>",
            f"<td><span{grade_style}>&nbsp;{escape(labels.grade_name(p.grade))}&nbsp;</span></td>",
            *(f"<td class='num'>{p.dimensions.get(d, 0.0):.1f}</td>" for d in dims),
            f"<td class='num'>{p.synergy['D']:.3f}</td>" if p.synergy else "<td>—</td>",
            f"<td class='veto'>{escape(', '.join(p.veto))}</td>",
            f"<td class='num'>{len(p.issues) or ''}</td>",
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    header = "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead>"
    return (
        f"<html><head>{RANKED_STYLE}</head><body>{_heading(_t('Ranked assessment'), scheme)}"
        f"<table width='100%' cellspacing='0'>{header}<tbody>{''.join(rows)}</tbody></table></body></html>"
    )


def project_html(scheme: Scheme, project: ProjectResult) -> str:
    """One project's page: summary, every criterion, issues and overrides."""
    p = project
    summary = (
        f"<p><b>{escape(_t('Total'))}: {p.total:.2f}</b> · {escape(_t('Grade'))}: "
        f"{escape(labels.grade_name(p.grade))} · {escape(_t('Rank'))}: {p.rank} · "
        f"{escape(p.region)} · {escape(p.organisation)}"
        + (
            f" · <span class='veto'>{escape(_t('Veto'))}: {escape(', '.join(p.veto))}</span>"
            if p.veto
            else ""
        )
        + "</p>"
    )
    head = [
        _t("Code"),
        _t("Indicator"),
        _t("Value"),
        _t("Fraction"),
        _t("Points"),
        _t("Status"),
        _t("Evidence"),
        _t("Override reason"),
    ]
    rows = []
    for c in scheme.criteria:
        r = p.indicators.get(c.code)
        if r is None:
            continue
        reason = "{}: {}".format(*labels.assessment_text(r)) if r.status == "override" else ""
        rows.append(
            "<tr>"
            + "".join(
                [
                    f"<td>{escape(c.code)}</td>",
                    f"<td>{escape(labels.criterion_text(c)[1])}</td>",
                    f"<td class='num'>{escape('' if r.value is None else str(r.value))}</td>",
                    f"<td class='num'>{'' if r.score is None else number_text(r.score, 3)}</td>",
                    f"<td class='num'>{'' if r.points is None else number_text(r.points)}</td>",
                    f"<td>{escape(labels.label('status', r.status))}</td>",
                    f"<td>{escape(r.evidence)}</td>",
                    f"<td>{escape(reason)}</td>",
                ]
            )
            + "</tr>"
        )
    issues = "".join(f"<li>{escape(i.location)}: {escape(labels.issue_message(i))}</li>" for i in p.issues)
    header = "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead>"
    return (
        f"<html><head>{STYLE}</head><body>{_heading(f'{p.name} ({p.project_id})', scheme)}{summary}"
        f"<table width='100%' cellspacing='0'>{header}<tbody>{''.join(rows)}</tbody></table>"
        + (f"<h3>{escape(_t('Issues'))}</h3><ul>{issues}</ul>" if issues else "")
        + "</body></html>"
    )


def setup_printer(printer: QPrinter, landscape: bool = True) -> None:
    """A4 with 12 mm margins; the ranked sheet prints landscape."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    printer.setPageOrientation(orientation)
    printer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)


def render_html(printer: QPrinter, html: str) -> None:
    """Lay out ``html`` on the printer's pages, with "Page 1 of 3" at the foot of each.

    A table too wide for the page (the ranked sheet's cells do not wrap) is printed smaller,
    as a whole, rather than cut at the margin.
    """
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    footer = printer.resolution() * 0.3  # inches: room for one line below the text
    document = QTextDocument()
    document.documentLayout().setPaintDevice(printer)
    words = QTextOption()
    words.setWrapMode(QTextOption.WrapMode.WordWrap)  # a heading breaks between words, never inside one
    document.setDefaultTextOption(words)
    document.setPageSize(QSizeF(page.width(), page.height() - footer))
    document.setHtml(html)
    scale = min(1.0, page.width() / max(document.idealWidth(), 1.0))
    if scale < 1.0:
        document.setPageSize(QSizeF(page.width() / scale, (page.height() - footer) / scale))
    pages = document.pageCount()
    width, height = document.pageSize().width(), document.pageSize().height()
    painter = QPainter(printer)
    try:
        for number in range(pages):
            if number:
                printer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -number * height)
            document.drawContents(painter, QRectF(0, number * height, width, height))
            painter.restore()
            text = _t("Page {page} of {pages}").format(page=number + 1, pages=pages)
            painter.drawText(QRectF(0, page.height() - footer, page.width(), footer),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), text)
    finally:
        painter.end()


def render_ranked(printer: QPrinter, scheme: Scheme, projects: list[ProjectResult]) -> None:
    render_html(printer, ranked_html(scheme, projects))


def render_project(printer: QPrinter, scheme: Scheme, project: ProjectResult) -> None:
    render_html(printer, project_html(scheme, project))


def pdf_printer(path: str) -> QPrinter:
    """A printer writing a PDF file (used by tests and as a fallback export)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer

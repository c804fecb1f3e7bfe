"""The tracking PDF (``track --pdf``): pilots across assessment rounds, as its own ReportLab document.

Per scheme: the comparison basis when the scheme's version changed, a table of every project's
total and grade in each round ("—" where it was not assessed, never 0) with the change from
the first to the latest round, the trend chart of the projects that moved most, the slope
chart of every project's rank between the first and the latest round, and the grade-transition
table. Chinese text is set in the CJK font the PDF report embeds (the shipped WenQuanYi Micro Hei,
:func:`scoring.reports.pdf.layout.register_font`), so the file reads the same everywhere.
Free text from submissions passes through scoring.core.textclean.clean_text and is escaped for
ReportLab's paragraph markup.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from scoring.analysis.tracking import (
    SchemeTracking,
    Tracking,
    change_columns,
    table_header,
    table_rows,
    transition_table,
)
from scoring.core.presentation import normalise_lang, scheme_label, text
from scoring.core.textclean import clean_text
from scoring.io.atomic import replacing
from scoring.reports.charts.tracking import png, slope_figure, trend_figure
from scoring.reports.pdf.layout import register_font

PAGE = landscape(A4)
MARGIN = 14 * mm
HEADER_BG = colors.HexColor("#DDE3EA")
GRID = colors.HexColor("#B8C2CC")


def _styles() -> dict[str, ParagraphStyle]:
    font = register_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=16, leading=20, spaceAfter=6),
        "heading": ParagraphStyle("heading", fontName=font, fontSize=13, leading=17, spaceBefore=4,
                                  spaceAfter=4),
        "body": ParagraphStyle("body", fontName=font, fontSize=9, leading=12),
        "note": ParagraphStyle("note", fontName=font, fontSize=9, leading=12,
                               textColor=colors.HexColor("#444444")),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9),
    }


def _para(value: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(clean_text(value)), style)


def _shown(value: object, signed: bool) -> str:
    if isinstance(value, float):
        return f"{value + 0.0:+.2f}" if signed else f"{value:.2f}"
    return "" if value is None else str(value)


def write_tracking_pdf(tracking: Tracking, out: str | Path, lang: str = "zh",
                       generated: _dt.datetime | None = None) -> Path:
    """Write the tracking PDF (replaced in one step when complete) and return its path."""
    lang = normalise_lang(lang)
    generated = generated or _dt.datetime.now().replace(microsecond=0)
    styles = _styles()
    story: list = [_para(text("track_title", lang), styles["title"])]
    rounds = ", ".join(f"{r.label} ({r.year or '—'})" for r in tracking.rounds)
    story.append(_para(f"{text('track_rounds', lang)}: {rounds}", styles["body"]))
    story.append(_para(f"{text('generated', lang)} {generated:%Y-%m-%d %H:%M}", styles["note"]))
    if not tracking.schemes:
        story.append(_para(text("track_nothing", lang), styles["body"]))
    elif len(tracking.rounds) < 2:
        story.append(_para(text("track_one_round", lang), styles["body"]))
    for k, scheme in enumerate(tracking.schemes):
        if k:
            story.append(PageBreak())
        story += _scheme_section(scheme, lang, styles)
    out = Path(out)
    # an open stream, not a name: ReportLab leaves a file it opened itself open when a write fails
    with replacing(out) as temporary, temporary.open("wb") as stream:
        document = SimpleDocTemplate(stream, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                                     topMargin=MARGIN, bottomMargin=MARGIN, title=text("track_title", lang))
        footer = functools.partial(_footer, lang=lang)
        document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out


def _footer(canvas, document, lang: str) -> None:
    canvas.saveState()
    canvas.setFont(register_font(), 8)
    label = text("page_n", lang).format(n=document.page)
    canvas.drawRightString(PAGE[0] - MARGIN, 8 * mm, label)
    canvas.drawString(MARGIN, 8 * mm, text("track_title", lang))
    canvas.restoreState()


def _scheme_section(scheme: SchemeTracking, lang: str, styles: dict) -> list:
    section: list = [_para(f"{text('scheme', lang)}: {scheme_label(scheme, lang)}", styles["heading"])]
    if scheme.version_changed:
        section.append(_para(scheme.basis(lang), styles["note"]))
    last = len(scheme.rounds) - 1
    if last >= 1:
        improved = scheme.improved(0, last)
        section.append(_para(text("track_improved", lang).format(
            n=len(improved), a=scheme.rounds[0].label, b=scheme.rounds[last].label), styles["body"]))
    section.append(Spacer(1, 3 * mm))
    header = table_header(scheme, lang)
    section.append(_table([header, *table_rows(scheme, lang)], styles["cell"], change_columns(header, lang)))
    if last >= 1:
        section.append(Spacer(1, 4 * mm))
        section.append(_chart(png(trend_figure(scheme, None, lang), dpi=120), width=PAGE[0] - 2 * MARGIN))
        section.append(_chart(png(slope_figure(scheme, 0, last, lang), dpi=120), width=PAGE[0] - 2 * MARGIN))
        section.append(_para(text("track_transitions_of", lang).format(
            a=scheme.rounds[0].label, b=scheme.rounds[last].label), styles["heading"]))
        section.append(_table(transition_table(scheme, 0, last, lang), styles["cell"]))
    return section


def _table(rows: Sequence[Sequence[object]], style: ParagraphStyle, signed: set[int] | None = None) -> Table:
    """A table with a shaded header repeated on every page; ``signed``: the project table's
    change columns (the project table gets wide ID and name columns)."""
    cells = [[_para(_shown(v, c in (signed or ())), style) for c, v in enumerate(row)] for row in rows]
    width = PAGE[0] - 2 * MARGIN
    n = len(rows[0])
    if signed is not None and n > 2:
        rest = (width - 70 * mm) / (n - 2)
        widths = [28 * mm, 42 * mm] + [rest] * (n - 2)
    else:
        widths = [min(width / n, 40 * mm)] * n
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("GRID", (0, 0), (-1, -1), 0.3, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def _chart(data: bytes, width: float) -> Image:
    image = Image(BytesIO(data))
    scale = min(1.0, width / image.imageWidth, (PAGE[1] - 2 * MARGIN - 20 * mm) / image.imageHeight)
    image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    return image

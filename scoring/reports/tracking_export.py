"""The Tracking workbook (``track --out``): pilots across assessment rounds, in Chinese or English.

One Tracking sheet: per scheme a block with the comparison basis (when the scheme's version
changed), a row per project — total, grade and rank in every round ("—" where the project was
not assessed, never 0), the change since the previous round and since the first — then the
grade-transition table from the first to the latest round, and the trend and slope charts as
images. Text from submissions is written as literal strings (scoring.reports.workbook.put).
"""

from __future__ import annotations

import datetime as _dt
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scoring.analysis.tracking import (
    SchemeTracking,
    Tracking,
    change_columns,
    table_header,
    table_rows,
    transition_table,
)
from scoring.core.presentation import normalise_lang, scheme_label, text
from scoring.io.atomic import replacing, save_workbook
from scoring.reports.charts.tracking import png, slope_figure, trend_figure
from scoring.reports.workbook import HEADER_FILL, THIN_BOTTOM, TITLE_FILL, print_setup, put

POINTS = "0.00"
SIGNED = "+0.00;-0.00;0.00"


def write_tracking_workbook(tracking: Tracking, out: str | Path, lang: str = "zh", charts: bool = True,
                            generated: _dt.datetime | None = None) -> Path:
    """Write the tracking workbook (replaced in one step when complete) and return its path."""
    lang = normalise_lang(lang)
    generated = generated or _dt.datetime.now().replace(microsecond=0)
    book = Workbook()
    ws = book.worksheets[0]  # a new workbook's one sheet
    ws.title = text("track_sheet", lang)
    write_tracking_sheet(ws, tracking, lang, generated, charts)
    out = Path(out)
    with replacing(out) as temporary:
        save_workbook(book, temporary)
    return out


def write_tracking_sheet(ws: Worksheet, tracking: Tracking, lang: str, generated: _dt.datetime,
                         charts: bool = True) -> None:
    """Fill a sheet with every scheme's tracking block."""
    put(ws.cell(1, 1), text("track_title", lang))
    ws.cell(1, 1).font = Font(bold=True, size=13)
    rounds = ", ".join(f"{r.label} ({r.year or '—'})" for r in tracking.rounds)
    put(ws.cell(2, 1), f"{text('track_rounds', lang)}: {rounds}")
    row = 4
    if not tracking.schemes:
        put(ws.cell(row, 1), text("track_nothing", lang))
    for scheme in tracking.schemes:
        row = _scheme_block(ws, scheme, row, lang, charts) + 2
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 28
    print_setup(ws, text("track_title", lang), lang, generated, title_rows=None)


def _scheme_block(ws: Worksheet, tracking: SchemeTracking, row: int, lang: str, charts: bool) -> int:
    put(ws.cell(row, 1), f"{text('scheme', lang)}: {scheme_label(tracking, lang)}")
    ws.cell(row, 1).font = Font(bold=True, size=12)
    ws.cell(row, 1).fill = TITLE_FILL
    if tracking.version_changed:
        row += 1
        put(ws.cell(row, 1), tracking.basis(lang))
        ws.cell(row, 1).font = Font(italic=True)
    row += 1
    header = table_header(tracking, lang)
    for c, title in enumerate(header, start=1):
        cell = ws.cell(row, c)
        put(cell, title)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, THIN_BOTTOM
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if c > 2:
            ws.column_dimensions[get_column_letter(c)].width = 11
    signed = change_columns(header, lang)
    for values in table_rows(tracking, lang):
        row += 1
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row, c)
            put(cell, value)
            if isinstance(value, float):
                cell.number_format = SIGNED if c - 1 in signed else POINTS
    last = len(tracking.rounds) - 1
    if last >= 1:
        row += 2
        put(ws.cell(row, 1), text("track_transitions_of", lang).format(
            a=tracking.rounds[0].label, b=tracking.rounds[last].label))
        ws.cell(row, 1).font = Font(bold=True)
        for r, values in enumerate(transition_table(tracking, 0, last, lang)):
            row += 1
            for c, value in enumerate(values, start=1):
                put(ws.cell(row, c), value)
                if r == 0 or c == 1:
                    ws.cell(row, c).font = Font(bold=True)
    if charts and last >= 1:
        row += 2
        for figure in (trend_figure(tracking, None, lang), slope_figure(tracking, 0, last, lang)):
            image = Image(BytesIO(png(figure, dpi=90)))
            ws.add_image(image, f"A{row}")
            row += int(image.height / 20) + 2
    return row

"""The Robustness sheet of the ranked workbook (issue 8).

One block per scheme: the supervisor's paragraph, a table per project (median rank, 5–95%
rank range, probabilities, TOPSIS rank), a table per criterion (entropy weight and the
smallest weight change that moves a project across the cut-off), and the rank-range chart.
Built with :mod:`scoring.reports.xlsx_sheets`' cell helpers, so text from submissions stays literal.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Sequence
from io import BytesIO

from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from scoring.analysis.robustness import SchemeRobustness
from scoring.analysis.robustness_prose import robustness_paragraph
from scoring.core.presentation import (
    ROBUSTNESS_SHEET_TEXT,
    grade_label,
    indicator_label,
    normalise_lang,
    phrase,
    scheme_label,
)
from scoring.reports.xlsx_sheets import HEADER_FILL, THIN_BOTTOM, TITLE_FILL, named_font, print_setup, put

#: Rows of the rank-range image (the table holds every project).
CHART_ROWS = 50
PERCENT = "0.0%"



def label(key: str, lang: str, **values) -> str:
    """A text of the Robustness sheet in ``lang``, its {fields} filled from ``values``."""
    return phrase(ROBUSTNESS_SHEET_TEXT, key, lang, **values)


def sheet_name(lang: str) -> str:
    """The sheet's title in the workbook's language."""
    return label("sheet", lang)


def write_robustness_sheet(ws: Worksheet, studies: Sequence[SchemeRobustness], lang: str,
                           generated: _dt.datetime) -> None:
    """Fill ``ws`` with one block per scheme's study, each starting a new printed page."""
    lang = normalise_lang(lang)
    put(ws.cell(1, 1), label("title", lang))
    ws.cell(1, 1).font = named_font(lang, bold=True, size=12)
    row = 3
    for study in studies:
        row = _scheme_block(ws, row, study, lang)
        ws.row_breaks.append(Break(id=row - 1))
    widths = (8, 16, 36, 12, 12, 12, 14, 14, 14, 12, 12)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    print_setup(ws, label("sheet", lang), lang, generated, title_rows=None)


def _scheme_block(ws: Worksheet, row: int, study: SchemeRobustness, lang: str) -> int:
    scheme, o = study.scheme, study.options
    put(ws.cell(row, 1), f"{scheme_label(scheme, lang)}  {scheme.version}")
    ws.cell(row, 1).font = named_font(lang, bold=True, size=11)
    ws.cell(row, 1).fill = TITLE_FILL
    row += 1
    put(ws.cell(row, 1), label("settings", lang, draws=f"{o.draws:,}", method=label(o.method, lang),
                               spread=f"{o.spread * 100:g}%", seed=o.seed))
    row += 1
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=11)
    put(ws.cell(row, 1), robustness_paragraph(study, lang))
    ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    text_length = len(str(ws.cell(row, 1).value or ""))
    ws.row_dimensions[row].height = 15 * max(2, math.ceil(text_length / (70 if lang == "zh" else 140)) + 1)
    row = _project_table(ws, row + 2, study, lang)
    row = _criterion_table(ws, row + 1, study, lang)
    ws.row_breaks.append(Break(id=row))  # the chart starts a printed page of its own
    return _chart(ws, row + 1, study, lang)


def _header(ws: Worksheet, row: int, headers: Sequence[str], lang: str) -> None:
    for c, header in enumerate(headers, start=1):
        cell = ws.cell(row, c)
        put(cell, header)
        cell.font = named_font(lang, bold=True)
        cell.fill = HEADER_FILL
        cell.border = THIN_BOTTOM
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _project_table(ws: Worksheet, row: int, study: SchemeRobustness, lang: str) -> int:
    m, r, t = study.matrix, study.ranks, study.topsis
    headers = [label(k, lang) for k in ("rank", "id", "name", "median", "p5", "p95")]
    headers += [label("top_k", lang, k=r.top_k), label("keep", lang)]
    cutoff = r.grade_cutoff()
    if cutoff is not None:
        headers.append(label("grade", lang, grade=grade_label(cutoff[0], lang)))
    headers += [label("topsis_rank", lang), label("closeness", lang)]
    _header(ws, row, headers, lang)
    for i in sorted(range(m.size), key=lambda i: (m.rank[i], m.project_ids[i])):
        row += 1
        values = [int(m.rank[i]), m.project_ids[i], m.names[i], int(r.median_rank[i]), int(r.rank_p5[i]),
                  int(r.rank_p95[i]), float(r.p_top_k[i]), float(r.p_keep_grade[i])]
        if cutoff is not None:
            values.append(float(cutoff[1][i]))
        values += [int(t.rank[i]), float(t.closeness[i])]
        for c, value in enumerate(values, start=1):
            put(ws.cell(row, c), value)
        ws.cell(row, 1).alignment = Alignment(horizontal="center")
        for c in range(7, 9 + (cutoff is not None)):
            ws.cell(row, c).number_format = PERCENT
        ws.cell(row, len(values)).number_format = "0.000"
    return row + 1


def _criterion_table(ws: Worksheet, row: int, study: SchemeRobustness, lang: str) -> int:
    s = study.stability
    # the indicator goes in the wide third column, which holds the names in the table above
    keys = ("code", "weight", "indicator", "entropy", "down", "up", "who")
    _header(ws, row, [label(k, lang) for k in keys], lang)
    entropy = dict(zip(study.topsis.codes, study.topsis.weights, strict=True))
    none = label("none", lang, max=f"{s.max_change * 100:g}%")
    for item in s.by_criterion:
        row += 1
        criterion = study.scheme.known_criterion(item.code)
        who = list(dict.fromkeys([*item.down_projects, *item.up_projects]))
        values = [item.code, float(criterion.weight), indicator_label(criterion, lang),
                  float(entropy.get(item.code, 0.0)),
                  item.down if item.down is not None else none, item.up if item.up is not None else none,
                  ", ".join(who)]
        for c, value in enumerate(values, start=1):
            put(ws.cell(row, c), value)
        ws.cell(row, 4).number_format = "0.000"
        for c in (5, 6):
            ws.cell(row, c).number_format = "+0.0%;-0.0%;0.0%"
    return row + 1


def _chart(ws: Worksheet, row: int, study: SchemeRobustness, lang: str) -> int:
    from scoring.reports.charts.robustness import save_rank_range_png

    buffer = BytesIO()
    if not save_rank_range_png(study, buffer, lang=lang, dpi=100, count=min(CHART_ROWS, study.matrix.size)):
        return row
    buffer.seek(0)
    image = Image(buffer)
    scale = min(1.0, 900 / image.width)  # about the printable width of A4 landscape
    image.width, image.height = int(image.width * scale), int(image.height * scale)
    ws.add_image(image, f"A{row}")
    return row + math.ceil(image.height / 20) + 2  # default rows are 20 px high

"""How the workbooks write a sheet: literal text cells, tables, print setup and streamed rows.

Shared by the ranked workbook (:mod:`scoring.export_xlsx`) and the sheets added to it
(:mod:`scoring.robustness_export`, :mod:`scoring.reconcile_export`) and by the audit export, so
each of those builds on one set of rules and none imports another's content.

Text that came from a submission is always written as a string cell, never as a formula, so a
project named ``=HYPERLINK(...)`` or ``+cmd|...`` shows literally (formula injection).

A sheet can hold a million cells (1,000 projects × 60 criteria × 17 columns), more than
openpyxl writes in seconds; openpyxl writes its header, first row and every setting, and the
remaining rows are streamed into the saved file as plain XML with the first row's styles (see
:class:`FastRows`).
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
import zipfile
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from scoring.presentation import display_width, text

INVALID_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


MAX_CELL_TEXT = 32767  # Excel's limit; longer text is cut rather than refused


HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")


TITLE_FILL = PatternFill("solid", fgColor="EEF2F6")


THIN_BOTTOM = Border(bottom=Side(style="thin", color="7F8C99"))


def put(cell: Cell, value: object) -> None:
    """Write a value; strings always as literal text (never parsed as a formula).

    Characters XML cannot hold (control characters from a hostile file) are dropped and text
    is cut at Excel's cell limit, so no submission can make the export fail; NaN is left empty
    because Excel would refuse it.
    """
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"
        return
    if isinstance(value, float) and not math.isfinite(value):
        value = None
    cell.value = value


def clean_text(value: str) -> str:
    """Text safe for a cell: no XML-illegal control characters, at most 32,767 characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (31 characters, none of []:*?/\\)."""
    base = clean_text(name).translate(INVALID_SHEET_CHARS).strip("'")[:31] or "Scheme"
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, width (Latin characters) and number format."""

    header: str
    width: float = 12.0
    number_format: str | None = None
    wrap: bool = False


def write_header(ws: Worksheet, columns: Sequence[Column], row: int = 1) -> None:
    for c, column in enumerate(columns, start=1):
        cell = ws.cell(row, c)
        put(cell, column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = THIN_BOTTOM
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = column.width


def write_row(ws: Worksheet, row: int, columns: Sequence[Column], values: Sequence[object],
               like: list | None = None) -> None:
    """Write one row; with ``like`` (cell styles of a written row), copy those styles.

    Setting a number format or alignment makes openpyxl look the style up in its tables,
    which for thousands of rows costs more than writing the values.
    """
    for c, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
        cell = ws.cell(row, c)
        put(cell, value)
        if like is not None:
            cell._style = copy(like[c - 1])
            continue
        if column.number_format:
            cell.number_format = column.number_format
        if column.wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def fit_widths(ws: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[object]]) -> None:
    """Widen text columns to their longest entry (CJK counts double), within limits."""
    for c, column in enumerate(columns):
        longest = max((display_width(str(r[c])) for r in rows[:500] if isinstance(r[c], str)), default=0)
        limit = column.width if column.wrap else 40  # wrapped columns keep their width
        width = min(limit, max(column.width, longest + 2))
        ws.column_dimensions[get_column_letter(c + 1)].width = width


def _header_footer_text(value: str) -> str:
    """Header/footer text: '&' starts a code there, so a literal one is doubled."""
    return clean_text(value).replace("&", "&&")[:120]


def print_setup(ws: Worksheet, heading: str, lang: str, generated: _dt.datetime,
                title_rows: str | None = "1:1") -> None:
    """A4 landscape, one page wide, header rows repeated, header/footer with page X of Y.

    Parameters
    ----------
    heading : str
        What the page header names: the scheme's name and version, or the report's schemes.
    title_rows : str or None
        Rows repeated at the top of every printed page (``"1:1"``).
    """
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        ws.print_title_rows = title_rows
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddHeader.center.text = _header_footer_text(heading)
    ws.oddHeader.center.size = 10
    ws.oddHeader.right.text = text("printed", lang)
    ws.oddHeader.right.size = 8
    ws.oddFooter.left.text = _header_footer_text(f"{text('generated', lang)} {generated:%Y-%m-%d %H:%M}")
    ws.oddFooter.left.size = 8
    ws.oddFooter.center.text = text("page_of", lang)
    ws.oddFooter.center.size = 9


def write_table_sheet(ws: Worksheet, columns: Sequence[Column], rows: Iterable[Sequence[object]],
                      heading: str, lang: str, generated: _dt.datetime, fast: FastRows | None = None) -> int:
    """A filterable table with a frozen header; returns the number of data rows.

    With ``fast``, openpyxl writes the header and the first row and the rest are handed to
    ``fast`` to be streamed into the saved file.
    """
    write_header(ws, columns)
    count = 0
    for values in rows:
        count += 1
        if fast is None or count == 1:
            write_row(ws, count + 1, columns, values)
        else:
            fast.add(values)
    if fast is not None and count:
        fast.bind(ws, columns)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(2, count + 1)}"
    print_setup(ws, heading, lang, generated)
    return count


class FastRows:
    """Rows streamed into one sheet of a saved workbook as plain worksheet XML.

    openpyxl spends about 10 µs per cell; a Detail sheet of a million cells would take a
    quarter of a minute. The sheet's header, first data row, filter, print setup and
    formatting are written by openpyxl as usual; the remaining rows are formatted here with the
    first row's cell styles and spliced in before ``</sheetData>``. Strings become inline
    strings (``t="inlineStr"``), which are literal text: a value like ``=HYPERLINK(...)`` can
    never become a formula.
    """

    def __init__(self) -> None:
        self.rows: list[Sequence[object]] = []
        self.sheet: Worksheet | None = None
        self.styles: list[str] = []
        self.letters: list[str] = []

    def add(self, values: Sequence[object]) -> None:
        self.rows.append(values)

    def bind(self, ws: Worksheet, columns: Sequence[Column]) -> None:
        """Remember the sheet and its first data row's style ids (row 2, written by openpyxl)."""
        self.sheet = ws
        self.letters = [get_column_letter(c) for c in range(1, len(columns) + 1)]
        self.styles = [f' s="{ws.cell(2, c).style_id}"' for c in range(1, len(columns) + 1)]

    @staticmethod
    def finish(sheets: Sequence[FastRows], saved: bytes, stream) -> None:
        """Copy the saved workbook to ``stream``, adding each sheet's streamed rows."""
        # a sheet's file name is only known once openpyxl has saved the workbook
        members = {f.sheet.path.lstrip("/"): f for f in sheets if f.rows and f.sheet is not None}
        with zipfile.ZipFile(BytesIO(saved)) as source, \
                zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename in members:
                    data = members[info.filename].splice(data)
                    target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
                else:
                    target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)

    def splice(self, sheet_xml: bytes) -> bytes:
        end = sheet_xml.rfind(b"</sheetData>")
        if end < 0:
            raise ValueError("a streamed sheet has no sheetData element")
        cache: dict[str, str] = {}  # names, codes and labels repeat on every row
        rows = "".join(self._row_xml(r, values, cache) for r, values in enumerate(self.rows, start=3))
        last = f"{self.letters[-1]}{len(self.rows) + 2}"
        head = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="A1:{last}"'.encode(), sheet_xml[:end],
                      count=1)
        return head + rows.encode("utf-8") + sheet_xml[end:]

    def _row_xml(self, r: int, values: Sequence[object], cache: dict[str, str]) -> str:
        cells = []
        for letter, style, value in zip(self.letters, self.styles, values, strict=False):
            if value is None:
                continue
            cell = _cell_xml(value, cache)
            if cell:
                cells.append(f'<c r="{letter}{r}"{style}{cell}</c>')
        return f'<row r="{r}">{"".join(cells)}</row>'


def _cell_xml(value: object, cache: dict[str, str]) -> str:
    """The attributes-and-content part of one ``<c>`` element; empty for a blank cell."""
    kind = type(value)
    if kind is str:
        content = cache.get(value)
        if content is None:
            text_value = escape(clean_text(value))
            content = (f' t="inlineStr"><is><t xml:space="preserve">{text_value}</t></is>'
                       if text_value else "")
            cache[value] = content
        return content
    if kind is float:
        return f"><v>{value!r}</v>" if math.isfinite(value) else ""
    if kind is int:
        return f"><v>{value}</v>"
    if isinstance(value, bool):
        return f' t="b"><v>{int(value)}</v>'
    if isinstance(value, numbers.Integral):
        return f"><v>{int(value)}</v>"
    if isinstance(value, numbers.Real):
        number = float(value)  # numpy floats: their repr is not a plain number
        return f"><v>{number!r}</v>" if math.isfinite(number) else ""
    return _cell_xml(str(value), cache)


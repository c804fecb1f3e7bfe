"""How the workbooks write a sheet: literal text cells, tables, print setup and streamed rows.

Shared by the ranked workbook (:mod:`scoring.reports.workbook`) and the sheets added to it
(:mod:`scoring.reports.robustness_export`, :mod:`scoring.reports.reconcile_export`) and by the audit
export, so each of those builds on one set of rules and none imports another's content.

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
from collections.abc import Iterable, Iterator, Sequence
from copy import copy
from dataclasses import dataclass, replace
from io import BytesIO
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.descriptors.serialisable import Serialisable
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.proxy import StyleProxy
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from scoring.core.presentation import normalise_lang, text
from scoring.core.textclean import clean_text as clean_shown
from scoring.core.textlayout import display_width

INVALID_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})

#: The font the workbook names for its own text: a bold font without a name prints in a serif
#: face in LibreOffice. Microsoft YaHei is the Chinese UI font of Windows; elsewhere the office
#: program picks its own sans-serif for a name it lacks.
FONT_NAME = {"zh": "Microsoft YaHei", "en": "Calibri"}

#: Characters that make a spreadsheet read text as a formula: such text gets a quote prefix.
FORMULA_START = ("=", "+", "-", "@")

MAX_CELL_TEXT = 32767  # Excel's limit; longer text is cut rather than refused

HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")

TITLE_FILL = PatternFill("solid", fgColor="EEF2F6")

THIN_BOTTOM = Border(bottom=Side(style="thin", color="7F8C99"))


def put(cell: Cell | MergedCell, value: object) -> None:
    """Write a value; strings always as literal text (never parsed as a formula).

    Characters XML cannot hold (control characters from a hostile file) are dropped and text
    is cut at Excel's cell limit, so no submission can make the export fail; NaN is left empty
    because Excel would refuse it. A cell inside a merged range (not its first) holds nothing:
    writing one is a ValueError.
    """
    if isinstance(cell, MergedCell):
        raise ValueError(f"cell {cell.coordinate} is inside a merged range: only its first cell holds one")
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True  # shown and re-entered as text, never as a formula
        return
    if isinstance(value, float) and not math.isfinite(value):
        value = None
    # A table's rows are typed object (text, numbers, dates, None side by side); openpyxl refuses
    # what a cell cannot hold itself (ValueError), so the value's type is checked there.
    cell.value = value  # type: ignore[assignment]


def clean_text(value: str) -> str:
    """Text safe for a cell: cleaned as every output's text (textclean.clean_text), no
    XML-illegal control characters, at most 32,767 characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", clean_shown(value))[:MAX_CELL_TEXT]


def shorten(name: str, limit: int) -> str:
    """``name`` in at most ``limit`` characters, cut at a word boundary (between words, or
    between two Chinese characters), never inside a Latin word."""
    if len(name) <= limit:
        return name
    cut = name[:limit]
    boundaries = re.finditer(r"[\s_\-–—·,;()（）]+|(?<=[^\x00-\x7f])|(?=[^\x00-\x7f])", cut)
    boundary = max((m.end() for m in boundaries), default=0)
    if name[limit:limit + 1].isspace() or not name[limit:limit + 1].isalnum():
        boundary = limit
    return (cut[:boundary] if boundary > limit // 3 else cut).rstrip(" _-–—·,;(（")


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (31 characters, none of []:*?/\\), shortened at a word
    boundary; a taken title gets " (2)", " (3)" … within the 31."""
    base = clean_text(name).translate(INVALID_SHEET_CHARS).strip("'").strip() or "Scheme"
    title, n = shorten(base, 31), 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = shorten(base, 31 - len(suffix)) + suffix, n + 1
    taken.add(title.casefold())
    return title


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, width (Latin characters) and number format."""

    header: str
    width: float = 12.0
    number_format: str | None = None
    wrap: bool = False


def named_font(lang: str, **style) -> Font:
    """A font with a name (FONT_NAME): headers stay sans-serif in every office program."""
    return Font(name=FONT_NAME.get(normalise_lang(lang), FONT_NAME["en"]), **style)


def write_header(ws: Worksheet, columns: Sequence[Column], row: int = 1, lang: str = "en") -> None:
    """The header row: bold, named font, shaded, wrapped, as high as its longest header needs;
    each column at its width."""
    for c, column in enumerate(columns, start=1):
        cell = ws.cell(row, c)
        put(cell, column.header)
        cell.font = named_font(lang, bold=True, size=10)
        cell.fill = HEADER_FILL
        cell.border = THIN_BOTTOM
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = column.width
    header = wrapped_height([replace(c, wrap=True) for c in columns], [c.width for c in columns],
                            [c.header for c in columns], 10.0)
    if header:
        ws.row_dimensions[row].height = max(header, ws.row_dimensions[row].height or 0)


#: Points per printed line of wrapped text, per point of font size.
LINE_HEIGHT = 1.35


def wrapped_height(columns: Sequence[Column], widths: Sequence[float], values: Sequence[object],
                   font_size: float = 11.0) -> float | None:
    """The height (points) a row needs for its wrapped cells, or None when one line does.

    A column's width is counted in characters of the 11-point default font; a cell in a
    smaller font holds proportionally more, a Chinese character takes two. Spreadsheet programs
    do not all fit row heights to wrapped text when they open a file (LibreOffice keeps the
    default height, and the text then overprints the rows below), so the height is written.
    """
    return RowHeights(columns, widths, font_size).height(values)


class RowHeights:
    """:func:`wrapped_height` for many rows of one table: the wrapped columns worked out once."""

    __slots__ = ("wrapped", "font_size")

    def __init__(self, columns: Sequence[Column], widths: Sequence[float], font_size: float = 11.0) -> None:
        self.font_size = font_size
        #: (index, characters per line) of each wrapped column
        pairs = enumerate(zip(columns, widths, strict=False))
        self.wrapped = [(k, max(1.0, (width - 1) * 11.0 / font_size))
                        for k, (column, width) in pairs if column.wrap]

    def height(self, values: Sequence[object]) -> float | None:
        """The height (points) ``values`` need, or None when one line does."""
        lines = 1
        for k, per_line in self.wrapped:
            value = values[k] if k < len(values) else None
            if type(value) is str and value:
                if "\n" in value:
                    needed = sum(math.ceil(display_width(part) / per_line) or 1 for part in value.split("\n"))
                else:  # cell locations and numbers as text: counted here, kept in no cache
                    needed = math.ceil((len(value) if value.isascii() else display_width(value)) / per_line)
                lines = max(lines, needed)
        return round(lines * self.font_size * LINE_HEIGHT + 2, 1) if lines > 1 else None


def fit_height(ws: Worksheet, row: int, columns: Sequence[Column], values: Sequence[object],
                font_size: float = 11.0) -> None:
    """Give ``row`` the height its wrapped cells need (see :func:`wrapped_height`)."""
    widths = [ws.column_dimensions[get_column_letter(c)].width or column.width
              for c, column in enumerate(columns, start=1)]
    height = wrapped_height(columns, widths, values, font_size)
    if height:
        ws.row_dimensions[row].height = height


def write_row(ws: Worksheet, row: int, columns: Sequence[Column], values: Sequence[object],
              font: Font | None = None) -> None:
    """Write one row: values (see :func:`put`), number formats, wrapping and ``font``."""
    for c, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
        cell = ws.cell(row, c)
        put(cell, value)
        style_cell(cell, column, font)


def style_cell(cell: Cell | MergedCell, column: Column, font: Font | None = None) -> None:
    """Give a cell its column's number format and wrapping (text at the top of the cell, as in
    a wrapped neighbour), and ``font``."""
    if column.number_format:
        cell.number_format = column.number_format
    cell.alignment = Alignment(wrap_text=column.wrap or None, vertical="top")
    if font is not None:
        cell.font = font


def detached_cells(ws: Worksheet, columns: Sequence[Column], font: Font | None = None) -> list[Cell]:
    """Cells styled as :func:`write_row` styles a row, in no row of ``ws`` (openpyxl does not
    write them): the styles of streamed rows are worked out on them."""
    cells = []
    for c, column in enumerate(columns, start=1):
        cell = Cell(ws, row=1, column=c)
        style_cell(cell, column, font)
        cells.append(cell)
    return cells


def copy_style(source: Cell | MergedCell, target: Cell) -> None:
    """Give ``target`` the font, fill, border, alignment, number format and protection of
    ``source`` (copied, as openpyxl shares a style only through its copies)."""
    target.font = style_copy(source.font)
    target.fill = style_copy(source.fill)
    target.border = style_copy(source.border)
    target.alignment = style_copy(source.alignment)
    target.number_format = source.number_format
    target.protection = style_copy(source.protection)


def style_copy(proxy: StyleProxy) -> Serialisable:
    """A copy of the style (font, fill, …) a cell's proxy stands for: copying a StyleProxy
    copies its target."""
    # stub gap: typeshed's copy(x: T) -> T says a StyleProxy, but StyleProxy.__copy__ returns a
    # copy of the Font, Fill, … it proxies, which is what a cell's style attribute takes
    return copy(proxy)  # type: ignore[return-value]


def restyled(cell: Cell | MergedCell) -> Cell:
    """A cell in no row of ``cell``'s sheet (openpyxl does not write it) with ``cell``'s style."""
    copied = Cell(cell.parent, row=1, column=1)
    copy_style(cell, copied)
    return copied


def fit_widths(ws: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[object]]) -> None:
    """Widen text columns to their longest entry (CJK counts double), within limits."""
    for c, column in enumerate(columns):
        longest = max((display_width(str(r[c])) for r in rows[:500] if isinstance(r[c], str)), default=0)
        limit = column.width if column.wrap else 40  # wrapped columns keep their width
        width = min(limit, max(column.width, longest + 2))
        ws.column_dimensions[get_column_letter(c + 1)].width = width


def _header_footer_text(value: str) -> str:
    """Header/footer text: '&' starts a code there, so a literal one is doubled; cut at a word
    boundary to fit the page's header."""
    return shorten(clean_text(value), 110).replace("&", "&&")


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
    ws.page_margins.left = ws.page_margins.right = 0.4  # inches: room for the Detail's columns
    ws.page_margins.header = ws.page_margins.footer = 0.3
    # the heading alone in the page header: a long one centred overprinted the print date on
    # its right; the dates go to the footer's two ends, the page number between them
    font = FONT_NAME[normalise_lang(lang)]
    header, footer = _odd_header_footer(ws)
    header.center.text = _header_footer_text(heading)
    header.center.size = 10
    header.center.font = font
    footer.left.text = _header_footer_text(f"{text('generated', lang)} {generated:%Y-%m-%d %H:%M}")
    footer.left.size = 8
    footer.left.font = font
    footer.center.text = text("page_of", lang)
    footer.center.size = 9
    footer.center.font = font
    footer.right.text = text("printed", lang)
    footer.right.size = 8
    footer.right.font = font


def _odd_header_footer(ws: Worksheet) -> tuple[HeaderFooterItem, HeaderFooterItem]:
    """The page header and footer of ``ws`` (openpyxl gives a sheet both; made if missing)."""
    parts = ws.HeaderFooter
    if parts.oddHeader is None:
        parts.oddHeader = HeaderFooterItem()
    if parts.oddFooter is None:
        parts.oddFooter = HeaderFooterItem()
    return parts.oddHeader, parts.oddFooter


#: The least size text may print at (issue 18). A sheet that one page wide would print smaller
#: prints across more pages, its first columns repeated on each.
MIN_PRINTED_POINTS = 8.0
#: A4's long side, inches.
A4_LANDSCAPE_WIDTH = 11.69


def column_pixels(width: float) -> float:
    """Screen pixels (96 per inch) of a column ``width`` characters of the 11-point default
    font wide: 7 per character and 5 of padding, as Excel and LibreOffice lay them out."""
    return width * 7 + 5


def printed_scale(ws: Worksheet, n_columns: int) -> float:
    """The scale a landscape sheet printed one page wide gets: the page's printable width over
    its first ``n_columns`` columns' width (1 when they fit)."""
    wide = sum(column_pixels(ws.column_dimensions[get_column_letter(c)].width or 8.43)
               for c in range(1, n_columns + 1))
    printable = (A4_LANDSCAPE_WIDTH - ws.page_margins.left - ws.page_margins.right) * 96
    return min(1.0, printable / wide)


def fit_readable(ws: Worksheet, n_columns: int, font_size: float, repeat_columns: str | None = None) -> float:
    """Pages across enough that text of ``font_size`` prints at MIN_PRINTED_POINTS or more
    (after :func:`print_setup`); returns the size it prints at.

    Parameters
    ----------
    repeat_columns : str, optional
        Columns printed on every page across (``"A:C"``) when it takes more than one.
    """
    scale, pages = printed_scale(ws, n_columns), 1
    while font_size * min(1.0, scale * pages) < MIN_PRINTED_POINTS:
        pages += 1
    ws.page_setup.fitToWidth = pages
    if pages > 1 and repeat_columns:
        ws.print_title_cols = repeat_columns
    return font_size * min(1.0, scale * pages)


def write_table_sheet(ws: Worksheet, columns: Sequence[Column], rows: Iterable[Sequence[object]],
                      heading: str, lang: str, generated: _dt.datetime, fast: FastRows | None = None,
                      count: int | None = None, font: Font | None = None) -> int:
    """A filterable table with a frozen header; returns the number of data rows.

    With ``fast`` and ``count`` (the number of rows, known beforehand), openpyxl writes the
    header and the first row and the other rows are streamed into the saved file from the
    iterable as it is saved, never all held at once.
    """
    write_header(ws, columns, lang=lang)
    iterator = iter(rows)
    size = (font.sz if font is not None else None) or 11.0  # a Font() without a size: the default's
    if fast is not None and count is not None:
        first = next(iterator, None)
        if first is not None:
            write_row(ws, 2, columns, first, font=font)
            fit_height(ws, 2, columns, first, size)
            fast.bind(ws, columns, iterator, count - 1)
    else:
        count = 0
        for count, values in enumerate(iterator, start=1):
            write_row(ws, count + 1, columns, values, font=font)
            fit_height(ws, count + 1, columns, values, size)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(2, count + 1)}"
    print_setup(ws, heading, lang, generated)
    return count


@dataclass(frozen=True)
class RowLook:
    """How a streamed row looks: each cell's style id (as the ``s`` attribute), the same with
    the quote prefix for text that starts like a formula, and the row's least height."""

    styles: tuple[str, ...]
    quoted: tuple[str, ...]
    height: float | None = None
    #: Write a blank cell's style too (a shaded row stays shaded across its empty cells).
    blanks: bool = False

    @classmethod
    def of(cls, cells: Sequence[Cell | MergedCell], height: float | None = None,
           blanks: bool = False) -> RowLook:
        """The look of rows styled as ``cells`` (one per column), their styles registered in
        the cells' workbook, with and without the quote prefix.

        Each style is registered from a copy that nothing changes afterwards: a workbook keeps
        the style of the cell it registers, not a copy of it.
        """
        ids, quoted = [], []
        for cell in cells:
            ids.append(f' s="{restyled(cell).style_id}"')
            prefixed = restyled(cell)
            prefixed.quotePrefix = True
            quoted.append(f' s="{prefixed.style_id}"')
        return cls(tuple(ids), tuple(quoted), height, blanks)


#: A streamed row: its 1-based number, its values and its look.
StreamedRow = tuple[int, Sequence[object], RowLook]


class FastRows:
    """Rows streamed into one sheet of a saved workbook as plain worksheet XML.

    openpyxl spends about 10 µs per cell and keeps every cell; a Detail sheet of a million
    cells would take a quarter of a minute and gigabytes. The sheet's header, the rows that
    need more than a value and a style (a merged banner, notes, the approval block), filter,
    print setup and formatting are written by openpyxl as usual; the other rows are taken
    from their iterable while the saved file is copied, each with its :class:`RowLook`, and
    written into the sheet's XML in row order among openpyxl's rows, in pieces, so memory does
    not grow with the number of rows. Strings become inline strings (``t="inlineStr"``),
    which are literal text: a value like ``=HYPERLINK(...)`` can never become a formula; one
    starting with = + - @ also gets the quote prefix, as ``put`` gives.
    """

    #: Rows formatted per piece written to the zip stream.
    PIECE = 1000
    #: Texts whose XML is kept while a sheet is streamed: the labels, names and evidence that
    #: repeat from row to row. Cell locations never repeat and would fill any number (issue 15:
    #: 100,000 kept took 30 MB), so the kept texts start afresh past this many.
    CACHED = 10_000

    def __init__(self) -> None:
        self.rows: Iterator[StreamedRow] | None = None
        self.last_row = 0
        self.sheet: Worksheet | None = None
        self.letters: list[str] = []

    def bind(self, ws: Worksheet, columns: Sequence[Column], rows: Iterator[Sequence[object]],
             count: int) -> None:
        """Stream ``count`` rows from row 3 on, each looking like data row 2 (written by openpyxl)."""
        look = RowLook.of([ws.cell(2, c) for c in range(1, len(columns) + 1)])
        numbered = ((r, values, look) for r, values in enumerate(rows, start=3))
        self.stream(ws, columns, numbered, count + 2, ws.cell(2, 1).font.sz or 11.0)

    def stream(self, ws: Worksheet, columns: Sequence[Column], rows: Iterator[StreamedRow], last_row: int,
               font_size: float = 11.0) -> None:
        """Remember the sheet and the rows to stream into it, in ascending row order.

        Parameters
        ----------
        rows : iterator of (row, values, RowLook)
            Numbered rows, none of them a row openpyxl writes.
        last_row : int
            The last row number ``rows`` reaches (for the sheet's dimension).
        font_size : float
            Points of the rows' text, for their wrapped heights.
        """
        self.sheet, self.rows, self.last_row = ws, rows, last_row
        widths = [ws.column_dimensions[get_column_letter(c)].width or column.width
                  for c, column in enumerate(columns, start=1)]
        self.heights = RowHeights(columns, widths, font_size)
        self.letters = [get_column_letter(c) for c in range(1, len(columns) + 1)]

    @staticmethod
    def finish(sheets: Sequence[FastRows], saved: bytes, stream) -> None:
        """Copy the saved workbook to ``stream``, adding each sheet's streamed rows."""
        # a sheet's file name is only known once openpyxl has saved the workbook
        members = {f.sheet.path.lstrip("/"): f for f in sheets if f.rows is not None and f.sheet is not None}
        # the streamed sheets at the fastest level (they are most of the file), the other parts
        # at the usual one, as openpyxl wrote them
        with zipfile.ZipFile(BytesIO(saved)) as source, \
                zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename in members:
                    with target.open(info.filename, "w", force_zip64=True) as out:
                        for piece in members[info.filename].splice(data):
                            out.write(piece)
                else:
                    target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED,
                                    compresslevel=USUAL_COMPRESSION)

    def splice(self, sheet_xml: bytes) -> Iterator[bytes]:
        """The sheet's XML in pieces, the streamed rows merged into openpyxl's by row number."""
        start = sheet_xml.find(b"<sheetData>")
        end = sheet_xml.rfind(b"</sheetData>")
        if start < 0 or end < 0:
            raise ValueError("a streamed sheet has no sheetData element")
        start += len(b"<sheetData>")
        written = _row_elements(sheet_xml[start:end])
        yield _widened_dimension(sheet_xml[:start], self.letters[-1], self.last_row)
        cache: dict[str, str] = {}  # names, codes and labels repeat on every row
        piece: list[str] = []
        k = 0
        for r, values, look in self.rows or ():
            while k < len(written) and written[k][0] < r:
                piece.append(written[k][1])
                k += 1
            piece.append(self._row_xml(r, values, look, cache))
            if len(piece) >= self.PIECE:
                yield "".join(piece).encode("utf-8")
                piece = []
                if len(cache) > self.CACHED:
                    cache.clear()
        piece.extend(element for _, element in written[k:])
        yield "".join(piece).encode("utf-8")
        yield sheet_xml[end:]

    def _row_xml(self, r: int, values: Sequence[object], look: RowLook, cache: dict[str, str]) -> str:
        cells = []
        for letter, style, quoted, value in zip(self.letters, look.styles, look.quoted, values, strict=False):
            cell = "" if value is None else _cell_xml(value, cache)
            if cell:
                if type(value) is str and value.startswith(FORMULA_START):
                    style = quoted
                cells.append(f'<c r="{letter}{r}"{style}{cell}</c>')
            elif look.blanks:
                cells.append(f'<c r="{letter}{r}"{style}/>')
        height = self.heights.height(values)
        if look.height and (height is None or height < look.height):
            height = look.height
        size = f' ht="{height}" customHeight="1"' if height else ""
        return f'<row r="{r}"{size}>{"".join(cells)}</row>'


#: zlib's own default level, which openpyxl's parts are written at.
USUAL_COMPRESSION = 6

_ROW_START = re.compile(rb'<row r="(\d+)"')


def _row_elements(sheet_data: bytes) -> list[tuple[int, str]]:
    """The ``<row>`` elements openpyxl wrote, as (row number, XML), in order."""
    starts = [(m.start(), int(m.group(1))) for m in _ROW_START.finditer(sheet_data)]
    bounds = [position for position, _ in starts[1:]] + [len(sheet_data)]
    return [(r, sheet_data[position:stop].decode("utf-8"))
            for (position, r), stop in zip(starts, bounds, strict=True)]


def _widened_dimension(head: bytes, last_letter: str, last_row: int) -> bytes:
    """The sheet's XML up to its rows, its dimension reaching the streamed rows too."""
    match = re.search(rb'<dimension ref="[A-Z]+\d+(?::([A-Z]+)(\d+))?"', head)
    if match is None:
        return head
    letter, row = (match.group(1) or b"A").decode(), int(match.group(2) or 1)
    if column_index_from_string(last_letter) > column_index_from_string(letter):
        letter = last_letter
    ref = f'<dimension ref="A1:{letter}{max(row, last_row)}"'.encode()
    return head[:match.start()] + ref + head[match.end():]


def _cell_xml(value: object, cache: dict[str, str]) -> str:
    """The attributes-and-content part of one ``<c>`` element; empty for a blank cell."""
    # exact types (type() is, not isinstance): a bool is an int, numpy's float64 a float whose repr
    # is not a plain number; both are written by the branches below
    if type(value) is str:
        content = cache.get(value)
        if content is None:
            text_value = escape(clean_text(value))
            content = (f' t="inlineStr"><is><t xml:space="preserve">{text_value}</t></is>'
                       if text_value else "")
            cache[value] = content
        return content
    if type(value) is float:
        return f"><v>{value!r}</v>" if math.isfinite(value) else ""
    if type(value) is int:
        return f"><v>{value}</v>"
    if isinstance(value, bool):
        return f' t="b"><v>{int(value)}</v>'
    if isinstance(value, numbers.Integral):
        return f"><v>{int(value)}</v>"
    if isinstance(value, numbers.Real):
        number = float(value)  # numpy floats: their repr is not a plain number
        return f"><v>{number!r}</v>" if math.isfinite(number) else ""
    return _cell_xml(str(value), cache)

"""What a worksheet part of an .xlsx says that python-calamine does not: its extent and its notes.

The extent is the rectangle from A1 to the last row and column holding a value, which the reader
would allocate whole; a form's sheet is bounded by one search (every row and cell tag opens with
a reference within A1:Z999), any other sheet is measured. The notes are the cells formatted as
percentages, error cells and formulas without a cached value, found only where a cell can carry
one. Both read the sheet's cell table alone (``sheetData``). The package around the sheets (size,
parts, DTDs) is scoring/io/safe_read.py's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

#: Excel's built-in percentage formats (0% and 0.00%).
_BUILTIN_PERCENT_FORMATS = frozenset({9, 10})
_QUOTED = re.compile(r'"[^"]*"|\\.')


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def _tag(prefix: bytes, name: bytes) -> bytes:
    """A regex for the start tag ``name`` with the document's namespace prefix (may be empty)."""
    return b"<" + re.escape(prefix) + name + rb"(?=[\s>/])"


def _root_prefix(xml: bytes) -> bytes:
    """Namespace prefix of the root element (``x:`` in files from the OpenXML SDK), or b""."""
    match = re.search(rb"<(?![?!])([A-Za-z_][\w.-]*:)?[A-Za-z_]", xml[:4096])
    return match.group(1) or b"" if match else b""


@dataclass
class SheetXml:
    """What the shape scan learnt about one worksheet part."""

    xml: bytes
    #: The stretch of ``xml`` that can hold cells (see :func:`sheet_data`): what the scans read.
    cells: bytes
    prefix: bytes
    rows: int
    cols: int
    #: True when every row and cell carries its reference (r="B3"), as Excel and almost every
    #: writer do; positions then come from the references alone.
    referenced: bool
    #: False when rows and cols are only an upper bound (a small sheet, see measure_sheet).
    exact: bool = True
    #: Whether a cell holds a formula, when the shape scan saw (None: the notes scan looks).
    formulas: bool | None = None


_CELL_REF = re.compile(rb"""\br=["']([A-Z]{1,3})(\d{1,7})["']""")
_ROW_REF = re.compile(rb"""\br=["'](\d{1,7})["']""")


#: The reference of a cell that holds something (a value, a formula or inline text): cells
#: that are only formatted (``<c r="E9" s="3"/>``) and rows that only set a height are what
#: LibreOffice and WPS leave down to row 1,048,576, and the reader keeps nothing for them.
#: What follows the reference of a cell that holds something: the rest of its start tag (not
#: self-closing) and a value, formula or inline string.
_VALUED = rb"""["'][^>]*(?<!/)>\s*<(?:v|f|is)\b"""


@functools.lru_cache(maxsize=16)
def _valued_reference(letters: int, digits: int) -> re.Pattern:
    """References of cells with values whose column has exactly ``letters`` letters (or any,
    0) and whose row has exactly ``digits`` digits (or any, 0)."""
    column = rb"([A-Z]{%d})" % letters if letters else rb"[A-Z]{1,3}"
    row = rb"(\d{%d})" % digits if digits else rb"\d{1,7}"
    # starts with the literal r=" so that the regex engine skips to each reference
    return re.compile(rb'r="' + column + row + _VALUED)


def valued_extent(xml: bytes) -> tuple[int, int]:
    """(rows, columns) from A1 to the last row and column that hold a value.

    The longest row number and column name are found first, and only the references of that
    length are collected: a Batch sheet of 730,000 cells gives a few hundred, not 730,000.
    """
    rows = cols = 0
    for digits in range(7, 0, -1):
        found = _valued_reference(0, digits).findall(xml)
        if found:
            rows = max(map(int, found))
            break
    for letters in range(3, 0, -1):
        found = _valued_reference(letters, 0).findall(xml)
        if found:
            cols = _column_index(max(found).decode("ascii")) + 1
            break
    return rows, cols


#: A reference past column Z or past row 999: such a sheet is measured exactly.
_FAR_REFERENCE = re.compile(rb'r="(?:[A-Z]{2}|[A-Z]?\d{4})')
#: A row or cell tag whose first attribute is a reference past column Z or row 999, or is not
#: its reference at all. Excel, LibreOffice, WPS and openpyxl write r="B3" first, so in a form
#: this finds nothing, in one pass, where the far-reference search and the reference count
#: below take four; anything it does find goes to those.
_NOT_PLAINLY_SMALL = re.compile(rb'<(?:c|row)(?: r="(?:[A-Z]{2}|[A-Z]?\d{4})|(?! r=")[\s>/])')
#: The same, or a formula's tag: one pass tells a form's bound and whether it has formulas
#: (the alternatives spelt out after "<" cost no more than the pattern above).
_NOT_PLAINLY_SMALL_OR_FORMULA = re.compile(
    rb'<(?:c(?: r="(?:[A-Z]{2}|[A-Z]?\d{4})|(?! r=")[\s>/])'
    rb'|row(?: r="(?:[A-Z]{2}|[A-Z]?\d{4})|(?! r=")[\s>/])|f[\s>/])')
#: Small sheets are bounded by A1:Z999 without finding their last cell.
_SMALL_ROWS, _SMALL_COLS = 999, 26


def measure_sheet(xml: bytes, quick: bool = True) -> SheetXml:
    """The rectangle a worksheet part spans, from the references of the cells with values.

    With ``quick``, a sheet whose every row and cell has a reference within A1:Z999 (a
    submission form) is given that rectangle as an upper bound, at a third of the cost of
    finding its last cell; :func:`_check_sheet_shapes` measures exactly when a bound is not
    enough. Only the sheet's cell table is looked at (:func:`sheet_data`).
    """
    prefix = _root_prefix(xml)
    cells = sheet_data(xml)
    if quick and not prefix:
        # every row and cell tag opens with its reference, all within A1:Z999: one search,
        # which also sees whether there is a formula (and then goes on from the first one)
        found = _NOT_PLAINLY_SMALL_OR_FORMULA.search(cells)
        formulas = False
        if found is not None and found.group()[1:2] == b"f":
            formulas = True
            found = _NOT_PLAINLY_SMALL.search(cells, found.end())
        if found is None:
            return SheetXml(xml, cells, prefix, _SMALL_ROWS, _SMALL_COLS, referenced=True, exact=False,
                             formulas=formulas)
    if quick and _FAR_REFERENCE.search(cells) is None and _all_referenced(cells, prefix):
        return SheetXml(xml, cells, prefix, _SMALL_ROWS, _SMALL_COLS, referenced=True, exact=False)
    if not _all_referenced(cells, prefix):
        rows, cols = _count_positions(cells, prefix)
        return SheetXml(xml, cells, prefix, rows, cols, referenced=False)
    rows, cols = valued_extent(cells)
    return SheetXml(xml, cells, prefix, rows, cols, referenced=True)


def sheet_data(xml: bytes) -> bytes:
    """The stretch of a worksheet part that can hold cells: from the first mention of
    ``sheetData`` to the end of the last one (to the end of the part when the last is not an
    end tag); the whole part when it never mentions it (UTF-16, say).

    The reader takes cells from the sheet's ``sheetData`` element alone. What a form holds
    before it (column widths, frozen panes) and after it (data validations with a formula
    each, conditional formats) is often as large, holds no cell, and would cost every scan;
    a mention of the name anywhere else (a comment, a text) only widens the stretch.
    """
    first = xml.find(b"sheetData")
    if first < 0:
        return xml
    last = xml.rfind(b"sheetData")
    end = len(xml)
    if xml[xml.rfind(b"<", 0, last) + 1:last].startswith(b"/"):
        closing = xml.find(b">", last)
        end = end if closing < 0 else closing + 1
    return xml[max(0, xml.rfind(b"<", 0, first)):end]


def _all_referenced(xml: bytes, prefix: bytes) -> bool:
    """Whether every row and cell tag carries its reference, as Excel and almost all writers do.

    Counted with ``bytes.count`` (a regex pass over a large sheet costs ten times more): each
    ``<c `` and ``<row `` tag must match one `` r="`` attribute. Anything unusual (another
    prefix, a tab after the tag name, a stray attribute) takes the slow, exact path instead.
    """
    if prefix or _ODD_TAG.search(xml) is not None:
        return False
    return xml.count(b"<c ") + xml.count(b"<row ") == xml.count(b' r="')


#: A row or cell tag not followed by a space (no attributes, or a tab or line break first).
_ODD_TAG = re.compile(rb"<(?:c|row)[>\t\n\r]")


def _count_positions(xml: bytes, prefix: bytes) -> tuple[int, int]:
    """Rows and columns of a sheet whose rows or cells omit their references (rare writers).

    Mirrors how a reader places such cells: a row without ``r`` follows the previous row and
    a cell without ``r`` follows the previous cell.
    """
    rows = cols = 0
    row_no = 0
    for match in _positioned_cells(xml, prefix):
        row_no, col_no = match
        rows = max(rows, row_no + 1)
        cols = max(cols, col_no + 1)
    return rows, cols


def _positioned_cells(xml: bytes, prefix: bytes):
    """Yield (row, col), 0-based, of every cell in document order, references or not."""
    token = re.compile(_tag(prefix, b"row") + rb"([^>]*)>|" + _tag(prefix, b"c") + rb"([^>]*)>")
    row = -1
    col = -1
    for match in token.finditer(xml):
        if match.group(1) is not None:
            ref = _ROW_REF.search(match.group(1))
            row = int(ref.group(1)) - 1 if ref else row + 1
            col = -1
            continue
        ref = _CELL_REF.search(match.group(2))
        if ref:
            row, col = int(ref.group(2)) - 1, _column_index(ref.group(1).decode("ascii"))
        else:
            col += 1
        yield max(row, 0), col


def _is_percent_format(code: str) -> bool:
    return "%" in _QUOTED.sub("", code)


_NUM_FMT = re.compile(rb"<(?:\w+:)?numFmt\b([^>]*)>")
_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*)>")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", re.S)


@functools.lru_cache(maxsize=32)
def _attribute_pattern(name: bytes) -> re.Pattern:
    return re.compile(rb"\b" + name + rb"""=(["'])(.*?)\1""", re.S)


def _attr(attrs: bytes, name: bytes) -> str | None:
    match = _attribute_pattern(name).search(attrs)
    if match is None:
        return None
    text = match.group(2).decode("utf-8", "replace")
    return _unescape(text) if "&" in text else text


def _unescape(text: str) -> str:
    for entity, char in (("&quot;", '"'), ("&apos;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


def percent_style_indices(styles: bytes) -> frozenset[int]:
    """Indices of cell formats (``s`` attributes) whose number format shows a percentage, in
    a styles part.

    Read with regular expressions rather than a tree: a styles part can hold millions of
    formats, and a tree of them would cost gigabytes.
    """
    percent_ids = set(_BUILTIN_PERCENT_FORMATS)
    for match in _NUM_FMT.finditer(styles):
        code, fmt_id = _attr(match.group(1), b"formatCode"), _attr(match.group(1), b"numFmtId")
        if code is not None and fmt_id and fmt_id.isdigit() and _is_percent_format(code):
            percent_ids.add(int(fmt_id))
    cell_xfs = _CELL_XFS.search(styles)
    if cell_xfs is None:
        return frozenset()
    found = set()
    for index, match in enumerate(_XF.finditer(cell_xfs.group(0))):
        fmt_id = _attr(match.group(1), b"numFmtId") or "0"
        if fmt_id.isdigit() and int(fmt_id) in percent_ids:
            found.add(index)
    return frozenset(found)


def scan_sheet_cells(
    shape: SheetXml, percent_styles: frozenset[int], sheet, put: Callable[[Any, int, int, object], None]
) -> dict[tuple[int, int], str]:
    """Notes for the cells calamine reads without saying what they are; an error cell's text
    goes into ``sheet`` through ``put`` (calamine leaves the cell blank).

    Only cells that can carry a note are looked at: error types and percentage styles are
    picked out by the regex engine, formula cells from where their ``<f>`` stands; a sheet
    of plain values costs three searches, not a pass per cell. Every pattern is compiled
    once per namespace prefix, never per cell.
    """
    xml, prefix = shape.cells, shape.prefix
    errors = b't="e"' in xml or b"t='e'" in xml
    formulas = shape.formulas if shape.formulas is not None else b"<" + prefix + b"f" in xml
    percents = bool(percent_styles) and (b' s="' in xml or b" s='" in xml)
    if not (errors or formulas or percents):
        return {}
    matches: Iterable[re.Match]
    if shape.referenced:
        positions = None
        wanted_styles = percent_styles if percents else frozenset()
        matches = _cells_that_can_carry_notes(xml, prefix, errors, wanted_styles, formulas)
    else:  # rare writers: each cell's place follows from the ones before it, so walk them all
        matches = _cell_pattern(prefix).finditer(xml)
        positions = _positioned_cells(xml, prefix)
    notes: dict[tuple[int, int], str] = {}
    for match in matches:
        position = _cell_position(match.group(1), positions)
        note = _cell_note(match.group(1), match.group(2) or b"", prefix, percent_styles)
        if note is None or position is None:
            continue
        kind, error_text = note
        notes[position] = kind
        if error_text is not None:
            put(sheet, *position, error_text)
    return notes


@functools.lru_cache(maxsize=16)
def _cell_pattern(prefix: bytes) -> re.Pattern:
    """A cell: (attributes, body) of ``<c ...>body</c>`` or ``<c .../>``."""
    return re.compile(_tag(prefix, b"c") + rb"([^>]*?)(?:/>|>(.*?)</" + re.escape(prefix) + rb"c>)", re.S)


@functools.lru_cache(maxsize=16)
def _formula_pattern(prefix: bytes) -> re.Pattern:
    return re.compile(_tag(prefix, b"f"))


def _cells_that_can_carry_notes(xml: bytes, prefix: bytes, errors: bool, percent_styles: frozenset[int],
                                formulas: bool) -> list[re.Match]:
    """The cells with an error type or a percentage style, and those holding a formula, in
    document order, each once."""
    found: dict[int, re.Match] = {}
    if errors or percent_styles:  # else no cell is a candidate, and no pass is needed to say so
        found = {m.start(): m for m in _candidate_cells(prefix, errors, percent_styles).finditer(xml)}
    if formulas:
        cell, opening = _cell_pattern(prefix), b"<" + prefix + b"c"
        for formula in _formula_pattern(prefix).finditer(xml):
            at = formula.start()
            start = max(xml.rfind(opening + b" ", 0, at), xml.rfind(opening + b">", 0, at))
            if start < 0 or start in found:
                continue
            match = cell.match(xml, start)
            if match is not None and match.end() > at:
                found[start] = match
    return [found[start] for start in sorted(found)]


@functools.lru_cache(maxsize=64)
def _candidate_cells(prefix: bytes, errors: bool, percent_styles: frozenset[int]) -> re.Pattern:
    """Cells (attributes, body) whose type is an error or whose style shows a percentage.

    A lookahead within the start tag picks them, so the engine skips every other cell.
    """
    wanted = []
    if errors:
        wanted.append(rb"""\bt=["']e["']""")
    if percent_styles:
        ids = b"|".join(str(i).encode() for i in sorted(percent_styles))
        wanted.append(rb"""\bs=["'](?:""" + ids + rb""")["']""")
    if not wanted:
        return re.compile(rb"(?!)")  # nothing can carry a note
    look = rb"(?=[^>]*(?:" + b"|".join(wanted) + rb"))"
    return re.compile(
        _tag(prefix, b"c") + look + rb"([^>]*?)(?:/>|>(.*?)</" + re.escape(prefix) + rb"c>)", re.S
    )


def _cell_position(attrs: bytes, positions) -> tuple[int, int] | None:
    if positions is not None:
        return next(positions, None)
    ref = _CELL_REF.search(attrs)
    if ref is None:
        return None
    return int(ref.group(2)) - 1, _column_index(ref.group(1).decode("ascii"))


_VALUE_TEXT = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def _cell_note(attrs: bytes, body: bytes, prefix: bytes, percent_styles) -> tuple[str, str | None] | None:
    kind = _attr(attrs, b"t") or "n"
    value = _VALUE_TEXT.search(body)
    if kind == "e":
        return "error_cell", value.group(1).decode("utf-8", "replace") if value else "#ERROR"
    if value is None and _formula_pattern(prefix).search(body):
        return "formula_without_value", None
    style = _attr(attrs, b"s")
    if kind == "n" and value is not None and style and style.isdigit() and int(style) in percent_styles:
        return "percent", None
    return None

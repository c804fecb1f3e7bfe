"""What python-calamine does not tell about an .ods (OpenDocument spreadsheet).

One streaming pass over content.xml finds each table's used rectangle (repeated rows and
cells counted, not expanded), where each table stands in the part, and its notes: percentages,
error cells and formulas without a value. A table no submission reads can be cut out of the
part before the reader sees it (it parses every table when it opens the file). The checks of
the package itself (size, parts, DTDs) are scoring/io/safe_read.py's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from xml.parsers import expat


class OdsError(Exception):
    """content.xml is not well-formed (the message says where)."""


_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ODS_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_ODS_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODS_CELLS = (f"{_ODS_TABLE} table-cell", f"{_ODS_TABLE} covered-table-cell")
#: A note, with the error text to show when it is an error cell.
OdsNotes = dict[tuple[int, int], tuple[str, str | None]]


class OdsScanner:
    """One streaming pass over content.xml: each table's used rectangle and its notes.

    Repeated rows and cells (``number-rows-repeated``) are counted, not expanded: a row of
    1,024 empty cells repeated a million times is how LibreOffice ends every sheet, and it
    must cost nothing; a repeated cell that holds a value counts in full.
    """

    def __init__(self, position: Callable[[], int] = lambda: 0):
        self.tables: dict[str, tuple[int, int, OdsNotes]] = {}
        #: Where each table's start and end tags begin in content.xml (bytes), and how many
        #: tables there are (names may repeat in a damaged file).
        self.spans: dict[str, tuple[int, int]] = {}
        self.count = 0
        self._position = position
        self._table_at = 0
        self._table: str | None = None
        self._row = self._col = 0
        self._row_repeat = 1
        self._rows = self._cols = 0
        self._notes: OdsNotes = {}
        self._error: list[str] | None = None
        self._error_at: tuple[int, int] | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_ODS_TABLE} table":
            self._table = attrs.get(f"{_ODS_TABLE} name", "")
            self._table_at = self._position()
            self._row = self._rows = self._cols = 0
            self._notes = {}
        elif tag == f"{_ODS_TABLE} table-row" and self._table is not None:
            self._col = 0
            self._row_repeat = _repeat(attrs, "number-rows-repeated")
        elif tag in _ODS_CELLS and self._table is not None:
            self._cell(attrs)
        elif tag == f"{_ODS_TEXT} p" and self._error is not None:
            self._error.append("")

    def _cell(self, attrs: dict[str, str]) -> None:
        repeat = _repeat(attrs, "number-columns-repeated")
        value_type = attrs.get(f"{_ODS_OFFICE} value-type")
        formula = attrs.get(f"{_ODS_TABLE} formula")
        if value_type or formula:
            self._rows = max(self._rows, self._row + self._row_repeat)
            self._cols = max(self._cols, self._col + repeat)
            self._note(attrs, value_type, formula)
        self._col += repeat

    def _note(self, attrs: dict[str, str], value_type: str | None, formula: str | None) -> None:
        where = (self._row, self._col)
        if attrs.get(f"{_ODS_CALCEXT} value-type") == "error":
            self._notes[where] = ("error_cell", "#ERROR")
            self._error, self._error_at = [], where
        elif formula and not value_type:
            self._notes[where] = ("formula_without_value", None)
        elif value_type == "percentage":
            self._notes[where] = ("percent", None)

    def text(self, data: str) -> None:
        if self._error:
            self._error[-1] += data

    def end(self, tag: str) -> None:
        if tag in _ODS_CELLS and self._error is not None:
            text = "".join(self._error).strip()
            if text and self._error_at is not None:
                self._notes[self._error_at] = ("error_cell", text)
            self._error = self._error_at = None
        elif tag == f"{_ODS_TABLE} table-row" and self._table is not None:
            self._row += self._row_repeat
        elif tag == f"{_ODS_TABLE} table" and self._table is not None:
            self.tables[self._table] = (self._rows, self._cols, self._notes)
            self.spans[self._table] = (self._table_at, self._position())
            self.count += 1
            self._table = None


def _repeat(attrs: dict[str, str], name: str) -> int:
    text = attrs.get(f"{_ODS_TABLE} {name}", "1")
    return int(text) if text.isdigit() and int(text) > 0 else 1


def scan_content(content: bytes) -> OdsScanner:
    """Shapes, notes and places of every table in an ODS content.xml (already checked for
    DTDs); :class:`OdsError` when it is not well-formed."""
    parser = expat.ParserCreate(namespace_separator=" ")
    scanner = OdsScanner(lambda: parser.CurrentByteIndex)
    parser.StartElementHandler = scanner.start
    parser.EndElementHandler = scanner.end
    parser.CharacterDataHandler = scanner.text
    try:
        parser.Parse(content, True)
    except expat.ExpatError as exc:
        raise OdsError(str(exc)) from exc
    return scanner


def tables_left_out(scan: OdsScanner, content: bytes, wanted: Callable[[str], bool] | None) -> set[str]:
    """The tables with cells that ``wanted`` (a table's name → whether it is read) does not
    want, when they can be cut out of content.xml: its tables have names of their own and it
    is in UTF-8 (as every program writes it); none when every table is read (``wanted`` None)."""
    if wanted is None or scan.count != len(scan.spans) or b"\0" in content[:256]:
        return set()
    return {name for name, (rows, cols, _notes) in scan.tables.items()
            if rows * cols and not wanted(name)}


#: A start tag; quoted attribute values may hold ">".
_START_TAG = re.compile(rb"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def without_tables(content: bytes, scan: OdsScanner, names: set[str]) -> bytes:
    """content.xml with the tables ``names`` emptied: each keeps its start tag (its name and
    its style, which says whether it is hidden) and loses everything inside."""
    pieces, kept_to = [], 0
    for start, end in sorted(scan.spans[name] for name in names):
        tag = _START_TAG.match(content, start)
        if tag is None or tag.end() > end or tag.group().endswith(b"/>"):
            continue
        pieces.append(content[kept_to:tag.end()])
        kept_to = end
    pieces.append(content[kept_to:])
    return b"".join(pieces)


def apply_notes(scan: dict[str, tuple[int, int, OdsNotes]], sheets,
                put: Callable[[Any, int, int, object], None]) -> None:
    """Copy the scan's notes onto the read sheets (matched by name); error texts via ``put``."""
    for sheet in sheets:
        if sheet.name not in scan:
            continue
        notes = scan[sheet.name][2]
        for position, (kind, error_text) in notes.items():
            sheet.notes[position] = kind
            if error_text is not None:
                put(sheet, *position, error_text)

"""What python-calamine does not tell about an .xlsb (Excel binary workbook).

An .xlsb is a zip package like an .xlsx, but its workbook, styles and sheets are streams of
binary records ([MS-XLSB] 2.1.4): a record type and a size, each a little-endian base-128
number, then the payload. This module walks those records once per sheet to find the
rectangle of the cells with values (so the size limits are checked before the reader loads
the sheet), error cells and numbers formatted as percentages, as :mod:`scoring.io.biff` does for
.xls. Every walk is bounded by the data's size; damaged records end in :class:`XlsbError`.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

# Record types ([MS-XLSB] 2.3.2).
_ROW_HDR, _BUNDLE_SH, _FMT, _XF, _BEGIN_CELL_XFS, _END_CELL_XFS = 0, 156, 44, 47, 617, 618
#: Cell records that hold a value: RK, error, bool, real, string, shared string, and the four
#: formula records with their cached results. A blank cell (1) holds only a format.
_VALUE_CELLS = frozenset({2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
_ERROR_CELLS = frozenset({3, 11})
_NUMBER_CELLS = frozenset({2, 5, 9})
_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?",
           0x24: "#NUM!", 0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
#: Excel's built-in percentage formats (0% and 0.00%).
_BUILTIN_PERCENT = frozenset({9, 10})
_QUOTED = re.compile(r'"[^"]*"|\\.')


class XlsbError(Exception):
    """The records are not what an .xlsb part should hold."""


@dataclass
class SheetScan:
    """The rectangle of one sheet's cells with values (from A1) and its notes."""

    name: str
    rows: int = 0
    cols: int = 0
    #: (row, col) → (note, error text or None)
    notes: dict[tuple[int, int], tuple[str, str | None]] = field(default_factory=dict)
    #: (row, col) → cell format index, for the numbers (percentages are found from these).
    number_styles: dict[tuple[int, int], int] = field(default_factory=dict)


def _number(data: bytes, offset: int, most: int) -> tuple[int, int]:
    """A base-128 number of at most ``most`` bytes at ``offset``: (value, next offset)."""
    value = 0
    for i in range(most):
        if offset >= len(data):
            raise XlsbError("a record is cut short")
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            return value, offset
    return value, offset


def records(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Yield (type, payload) of every record of a part."""
    offset = 0
    end = len(data)
    while offset < end:
        kind, offset = _number(data, offset, 2)
        size, offset = _number(data, offset, 4)
        if offset + size > end:
            raise XlsbError("a record runs past the end of its part")
        yield kind, data[offset:offset + size]
        offset += size


def _wide_string(payload: bytes, offset: int) -> tuple[str | None, int]:
    """An XLNullableWideString / XLWideString: (text or None, next offset)."""
    (count,) = struct.unpack_from("<I", payload, offset)
    offset += 4
    if count == 0xFFFFFFFF:
        return None, offset
    if offset + 2 * count > len(payload):
        raise XlsbError("a string runs past the end of its record")
    return payload[offset:offset + 2 * count].decode("utf-16-le", "replace"), offset + 2 * count


def sheet_relationships(workbook: bytes) -> list[tuple[str, str]]:
    """(sheet name, relationship id) of every sheet in workbook.bin, in order."""
    found = []
    try:
        for kind, payload in records(workbook):
            if kind == _BUNDLE_SH:
                relationship, offset = _wide_string(payload, 8)
                name, _ = _wide_string(payload, offset)
                found.append((name or "", relationship or ""))
    except (struct.error, IndexError):
        raise XlsbError("a sheet record of the workbook is damaged")
    return found


def scan_sheet(data: bytes, name: str) -> SheetScan:
    """Walk one sheet part's records: rectangle, error cells and numbers' formats."""
    scan = SheetScan(name)
    row = 0
    try:
        for kind, payload in records(data):
            if kind == _ROW_HDR:
                (row,) = struct.unpack_from("<I", payload)
            elif kind in _VALUE_CELLS:
                col, style = struct.unpack_from("<II", payload)
                scan.rows = max(scan.rows, row + 1)
                scan.cols = max(scan.cols, col + 1)
                if kind in _ERROR_CELLS:
                    scan.notes[(row, col)] = ("error_cell", _ERRORS.get(payload[8], "#ERROR"))
                elif kind in _NUMBER_CELLS:
                    scan.number_styles[(row, col)] = style & 0xFFFFFF
    except (struct.error, IndexError):
        raise XlsbError(f"a cell record of the sheet {name} is damaged")
    return scan


def percent_formats(styles: bytes) -> frozenset[int]:
    """Indices of the cell formats (cellXfs) whose number format shows a percentage."""
    percent = set(_BUILTIN_PERCENT)
    xf_formats: list[int] = []
    in_cell_xfs = False
    try:
        for kind, payload in records(styles):
            if kind == _FMT:
                (fmt_id,) = struct.unpack_from("<H", payload)
                code, _ = _wide_string(payload, 2)
                if code and "%" in _QUOTED.sub("", code):
                    percent.add(fmt_id)
            elif kind == _BEGIN_CELL_XFS:
                in_cell_xfs = True
            elif kind == _END_CELL_XFS:
                in_cell_xfs = False
            elif kind == _XF and in_cell_xfs:
                xf_formats.append(struct.unpack_from("<H", payload, 2)[0])
    except (struct.error, IndexError, XlsbError):
        return frozenset()
    return frozenset(i for i, fmt_id in enumerate(xf_formats) if fmt_id in percent)


def apply_notes(scans: dict[str, SheetScan], percent_xfs: frozenset[int], sheets,
                put: Callable[[Any, int, int, object], None]) -> None:
    """Copy the scans' notes onto the read sheets (matched by name); error texts via ``put``."""
    for sheet in sheets:
        found = scans.get(sheet.name)
        if found is None or not sheet.rows:
            continue
        for position, style in found.number_styles.items():
            if style in percent_xfs:
                sheet.notes[position] = "percent"
        for position, (kind, error_text) in found.notes.items():
            sheet.notes[position] = kind
            if error_text is not None:
                put(sheet, *position, error_text)

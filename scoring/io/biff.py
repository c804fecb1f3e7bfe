"""What python-calamine does not tell about a legacy .xls: container, encryption and notes.

An .xls is an OLE compound file ([MS-CFB]) whose ``Workbook`` stream holds BIFF8 records
([MS-XLS]). An Office-encrypted .xlsx is an OLE file too, with an ``EncryptedPackage``
stream. This module reads the container's directory (to tell these apart without guessing
from bytes) and walks the cell records of each sheet once, to find what calamine reads as a
plain or blank value: numbers formatted as percentages, error cells (#DIV/0!, #N/A) and the
used rectangle of each sheet. Every walk is bounded by the data's size, so a damaged or
hostile file ends in :class:`BiffError`, never in a loop.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
_STREAM, _ROOT = 2, 5
#: Excel's built-in percentage formats (0% and 0.00%).
_BUILTIN_PERCENT = frozenset({9, 10})
_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?",
           0x24: "#NUM!", 0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_QUOTED = re.compile(r'"[^"]*"|\\.')

# BIFF8 record types.
_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _FORMAT, _XF = 0x0809, 0x000A, 0x002F, 0x0085, 0x041E, 0x00E0
_NUMBER, _RK, _MULRK, _BOOLERR, _FORMULA = 0x0203, 0x027E, 0x00BD, 0x0205, 0x0006
_LABEL, _LABELSST, _RSTRING = 0x0204, 0x00FD, 0x00D6


class BiffError(Exception):
    """The container or its records are not what an .xls should hold."""


class EncryptedBiff(BiffError):
    """The workbook stream starts with a FILEPASS record: the .xls is password-protected."""


class CompoundFile:
    """Read-only view of an OLE compound file's root streams."""

    def __init__(self, data: bytes):
        if len(data) < 512:
            raise BiffError("the Office container is cut short")
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise BiffError("the Office container has an invalid header")
        self.sector = 1 << shift
        self.n_sectors = max(0, len(data) // self.sector - 1)
        (self.first_dir, self.mini_cutoff, self.first_minifat, self.first_difat,
         self.n_difat) = struct.unpack_from("<I4xIIxxxxII", data, 0x30)
        self.fat = self._read_fat()
        self.entries = self._read_directory()

    def _sector_bytes(self, number: int) -> bytes:
        if number >= self.n_sectors:
            raise BiffError("the Office container points outside the file")
        start = (number + 1) * self.sector
        return self.data[start:start + self.sector]

    def _fat_sector_numbers(self) -> list[int]:
        numbers = list(struct.unpack_from("<109I", self.data, 0x4C))
        sector = self.first_difat
        per = self.sector // 4 - 1
        for _ in range(min(self.n_difat, self.n_sectors)):
            if sector in (ENDOFCHAIN, FREESECT):
                break
            values = struct.unpack(f"<{per + 1}I", self._sector_bytes(sector))
            numbers.extend(values[:per])
            sector = values[per]
        return [n for n in numbers if n not in (FREESECT, ENDOFCHAIN)]

    def _read_fat(self) -> list[int]:
        raw = b"".join(self._sector_bytes(n) for n in self._fat_sector_numbers()[: self.n_sectors])
        return list(struct.unpack(f"<{len(raw) // 4}I", raw))

    def chain(self, start: int, fat: list[int]) -> list[int]:
        """Sector numbers of a chain; a loop or a bad pointer is a BiffError."""
        chain: list[int] = []
        sector = start
        while sector != ENDOFCHAIN:
            if sector >= len(fat) or len(chain) > len(fat):
                raise BiffError("the Office container has a broken sector chain")
            chain.append(sector)
            sector = fat[sector]
        return chain

    def _read_directory(self) -> list[tuple[str, int, int, int]]:
        self.directory_sectors = self.chain(self.first_dir, self.fat)
        raw = b"".join(self._sector_bytes(n) for n in self.directory_sectors)
        entries = []
        for offset in range(0, len(raw) - 127, 128):
            name_len, kind = struct.unpack_from("<HB", raw, offset + 64)
            start, size = struct.unpack_from("<IQ", raw, offset + 116)
            name = raw[offset:offset + min(name_len, 64)].decode("utf-16-le", "replace").rstrip("\0")
            entries.append((name, kind, start, size if self.sector == 4096 else size & 0xFFFFFFFF))
        if not entries or entries[0][1] != _ROOT:
            raise BiffError("the Office container has no root directory")
        return entries

    def stream_names(self) -> set[str]:
        """Names of the streams (not storages) in the container."""
        return {name for name, kind, _, _ in self.entries if kind == _STREAM}

    def find(self, *wanted: str) -> str | None:
        """The name of the first stream called one of ``wanted``, in that order of preference.

        Compared without case, as the container format itself compares names: several
        programs other than Excel write ``WORKBOOK`` or ``BOOK``.
        """
        names = {name.casefold(): name for name in sorted(self.stream_names(), reverse=True)}
        for name in wanted:
            if name.casefold() in names:
                return names[name.casefold()]
        return None

    def renamed(self, old: str, new: str) -> bytes:
        """The file's bytes with the stream ``old`` named ``new`` (the same name in another
        case: the directory's order, which ignores case, stays valid)."""
        if old.casefold() != new.casefold():
            raise ValueError("only the case of a name may change")
        index = next(i for i, (name, *_rest) in enumerate(self.entries) if name == old)
        per_sector = self.sector // 128
        offset = (self.directory_sectors[index // per_sector] + 1) * self.sector + (index % per_sector) * 128
        data = bytearray(self.data)
        data[offset:offset + 2 * len(new)] = new.encode("utf-16-le")
        return bytes(data)

    def stream(self, wanted: str) -> bytes:
        """The bytes of the first stream called ``wanted`` (compared without case)."""
        for name, kind, start, size in self.entries:
            if kind == _STREAM and name.casefold() == wanted.casefold():
                if size > len(self.data):
                    raise BiffError("a stream is larger than the file")
                if size < self.mini_cutoff:
                    return self._mini_stream(start, size)
                chain = self.chain(start, self.fat)
                return b"".join(self._sector_bytes(n) for n in chain)[:size]
        raise BiffError(f"no {wanted} stream")

    def _mini_stream(self, start: int, size: int) -> bytes:
        _, _, root_start, root_size = self.entries[0]
        container = b"".join(self._sector_bytes(n) for n in self.chain(root_start, self.fat))[:root_size]
        minifat_raw = b"".join(self._sector_bytes(n) for n in self.chain(self.first_minifat, self.fat))
        minifat = list(struct.unpack(f"<{len(minifat_raw) // 4}I", minifat_raw))
        return b"".join(container[n * 64:(n + 1) * 64] for n in self.chain(start, minifat))[:size]


@dataclass
class SheetScan:
    """What the record walk found in one sheet."""

    name: str
    rows: int = 0
    cols: int = 0
    visible: bool = True
    #: (row, col) → (note, error text or None)
    notes: dict[tuple[int, int], tuple[str, str | None]] = field(default_factory=dict)

    def saw(self, row: int, col: int) -> None:
        self.rows = max(self.rows, row + 1)
        self.cols = max(self.cols, col + 1)


@dataclass
class XlsScan:
    sheets: list[SheetScan]


def _records(stream: bytes, offset: int):
    """Yield (type, payload) from ``offset`` up to the end of the stream."""
    end = len(stream)
    while offset + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield kind, stream[offset + 4:offset + 4 + length]
        offset += 4 + length


def _unicode_string(payload: bytes, offset: int, length_bytes: int) -> str:
    """An XLUnicodeString (2-byte length) or ShortXLUnicodeString (1-byte length)."""
    count = payload[offset] if length_bytes == 1 else struct.unpack_from("<H", payload, offset)[0]
    flags = payload[offset + length_bytes]
    start = offset + length_bytes + 1
    if flags & 0x1:
        return payload[start:start + 2 * count].decode("utf-16-le", "replace")
    return payload[start:start + count].decode("latin-1")


def _byte_string(payload: bytes, offset: int) -> str:
    """A BIFF5 string: a 1-byte length and 8-bit characters (the workbook's code page)."""
    count = payload[offset]
    return payload[offset + 1:offset + 1 + count].decode("cp1252", "replace")


@dataclass
class _Globals:
    formats: dict[int, str] = field(default_factory=dict)
    xf_formats: list[int] = field(default_factory=list)
    sheets: list[tuple[str, int, bool]] = field(default_factory=list)
    #: BIFF5 (Excel 95, and some other programs' "Book" streams) rather than BIFF8.
    biff5: bool = False

    def percent_xfs(self) -> frozenset[int]:
        percent = set(_BUILTIN_PERCENT) | {
            fid for fid, code in self.formats.items() if "%" in _QUOTED.sub("", code)
        }
        return frozenset(i for i, fid in enumerate(self.xf_formats) if fid in percent)


def _read_globals(stream: bytes) -> _Globals:
    found = _Globals()
    records = _records(stream, 0)
    first = next(records, None)
    if first is None or first[0] != _BOF or len(first[1]) < 4:
        raise BiffError("not a workbook stream")
    if first[1][:2] not in (b"\x00\x06", b"\x00\x05"):
        _refuse_if_encrypted(records)  # calamine reads the values; a password is still found
        raise BiffError("not a BIFF5 or BIFF8 workbook stream")
    found.biff5 = first[1][:2] == b"\x00\x05"
    for kind, payload in records:
        if kind == _EOF:
            break
        if kind == _FILEPASS:
            raise EncryptedBiff("the workbook is password-protected")
        try:
            _global_record(found, kind, payload)
        except (struct.error, IndexError):
            raise BiffError("a workbook record is damaged")
    return found


def _refuse_if_encrypted(records) -> None:
    """Raise EncryptedBiff when a FILEPASS record comes before the end of the globals."""
    for kind, _payload in records:
        if kind == _EOF:
            return
        if kind == _FILEPASS:
            raise EncryptedBiff("the workbook is password-protected")


def _global_record(found: _Globals, kind: int, payload: bytes) -> None:
    if kind == _FORMAT:
        code = _byte_string(payload, 2) if found.biff5 else _unicode_string(payload, 2, 2)
        found.formats[struct.unpack_from("<H", payload)[0]] = code
    elif kind == _XF:
        found.xf_formats.append(struct.unpack_from("<H", payload, 2)[0])
    elif kind == _BOUNDSHEET:
        offset, state, sheet_type = struct.unpack_from("<IBB", payload)
        if sheet_type == 0:  # a worksheet (not a chart, macro or VB module sheet)
            name = _byte_string(payload, 6) if found.biff5 else _unicode_string(payload, 6, 1)
            found.sheets.append((name, offset, state == 0))


def _rk_cells(payload: bytes):
    """(col, xf) of each cell in a MULRK record."""
    row, first = struct.unpack_from("<HH", payload)
    count = (len(payload) - 6) // 6
    for i in range(count):
        yield row, first + i, struct.unpack_from("<H", payload, 4 + 6 * i)[0]


def _scan_sheet(stream: bytes, name: str, offset: int, percent: frozenset[int]) -> SheetScan:
    scan = SheetScan(name)
    for kind, payload in _records(stream, offset + 4 + struct.unpack_from("<H", stream, offset + 2)[0]):
        if kind in (_EOF, _BOF):
            break
        try:
            _sheet_record(scan, kind, payload, percent)
        except (struct.error, IndexError):
            raise BiffError(f"a cell record of the sheet {name} is damaged")
    return scan


def _sheet_record(scan: SheetScan, kind: int, payload: bytes, percent: frozenset[int]) -> None:
    if kind in (_NUMBER, _RK):
        row, col, xf = struct.unpack_from("<HHH", payload)
        scan.saw(row, col)
        if xf in percent:
            scan.notes[(row, col)] = ("percent", None)
    elif kind == _MULRK:
        for row, col, xf in _rk_cells(payload):
            scan.saw(row, col)
            if xf in percent:
                scan.notes[(row, col)] = ("percent", None)
    elif kind == _BOOLERR:
        row, col, _xf, value, is_error = struct.unpack_from("<HHHBB", payload)
        scan.saw(row, col)
        if is_error:
            scan.notes[(row, col)] = ("error_cell", _ERRORS.get(value, "#ERROR"))
    elif kind == _FORMULA:
        _formula_record(scan, payload, percent)
    elif kind in (_LABEL, _LABELSST, _RSTRING):
        row, col = struct.unpack_from("<HH", payload)
        scan.saw(row, col)


def _formula_record(scan: SheetScan, payload: bytes, percent: frozenset[int]) -> None:
    row, col, xf = struct.unpack_from("<HHH", payload)
    scan.saw(row, col)
    result = payload[6:14]
    if result[6:8] != b"\xff\xff":  # the cached result is a number
        if xf in percent:
            scan.notes[(row, col)] = ("percent", None)
    elif result[0] == 2:  # the cached result is an error
        scan.notes[(row, col)] = ("error_cell", _ERRORS.get(result[2], "#ERROR"))


def scan_workbook(container: CompoundFile) -> XlsScan:
    """Walk the BIFF5 or BIFF8 records of every worksheet once.

    Raises
    ------
    EncryptedBiff
        For a password-protected workbook.
    BiffError
        When there is no workbook stream, or it is neither BIFF5 nor BIFF8, or it is damaged.
    """
    name = container.find("Workbook", "Book")
    if name is None:
        raise BiffError("no Workbook stream")
    stream = container.stream(name)
    found = _read_globals(stream)
    percent = found.percent_xfs()
    sheets = []
    for name, offset, visible in found.sheets:
        if offset + 4 > len(stream) or struct.unpack_from("<H", stream, offset)[0] != _BOF:
            raise BiffError(f"the sheet {name} is missing from the workbook stream")
        sheets.append(_scan_sheet(stream, name, offset, percent))
        sheets[-1].visible = visible
    return XlsScan(sheets)


def leave_sheets_out(container: CompoundFile, data: bytes, keep: Callable[[str], bool]) -> bytes | None:
    """``data`` (the container's bytes, its stream perhaps renamed) with every worksheet that
    ``keep`` refuses made empty for the reader; None when no sheet is left out.

    python-calamine loads every sheet of an .xls when it opens the file and cannot be told to
    load only some, while a submission needs two. A sheet's BOUNDSHEET record says where its
    records start in the stream; pointed at the EOF record that closes the workbook globals,
    the sheet is still listed (name, visibility) but holds nothing. Four bytes change per
    sheet and nothing moves. Only BIFF8 streams in sectors of their own are changed: a BIFF5
    sheet name is in a code page this module does not know, and a stream small enough for
    the container's mini stream holds nothing worth leaving out.
    """
    name = container.find("Workbook", "Book")
    entry = next((e for e in container.entries if e[1] == _STREAM and e[0] == name), None)
    if entry is None or entry[3] < container.mini_cutoff:
        return None
    stream = container.stream(entry[0])
    if stream[4:6] != b"\x00\x06":  # the first BOF record's version: BIFF8
        return None
    fields: list[int] = []
    offset = end = 0
    for kind, payload in _records(stream, 0):
        if kind == _EOF:
            end = offset
            break
        if kind == _BOUNDSHEET and len(payload) > 7 and payload[5] == 0 \
                and not keep(_unicode_string(payload, 6, 1)):
            fields.append(offset + 4)  # its first field, the offset of the sheet's records
        offset += 4 + len(payload)
    if not end or not fields:
        return None
    chain = container.chain(entry[2], container.fat)
    changed = bytearray(data)
    for field_at in fields:
        for k, byte in enumerate(struct.pack("<I", end)):
            at = field_at + k  # the field may straddle two sectors
            changed[(chain[at // container.sector] + 1) * container.sector + at % container.sector] = byte
    return bytes(changed)


def apply_notes(scan: XlsScan, sheets, put: Callable[[Any, int, int, object], None]) -> None:
    """Copy the scan's notes onto the read sheets (matched by name); error texts via ``put``."""
    by_name = {s.name: s for s in scan.sheets}
    for sheet in sheets:
        found = by_name.get(sheet.name)
        if found is None:
            continue
        for position, (kind, error_text) in found.notes.items():
            sheet.notes[position] = kind
            if error_text is not None:
                put(sheet, *position, error_text)

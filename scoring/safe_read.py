"""Reading a spreadsheet someone sent us, by content rather than by file name.

This module is the one door through which workbook bytes enter the program. It sniffs the
format (xlsx/xlsm, xls, ods), refuses what it cannot read with a reason from
``model.REJECTION_REASONS``, reads cell values with python-calamine, and adds what calamine
does not report for xlsx: which numbers are formatted as percentages, which formulas have no
cached value, and which cells are error cells.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import python_calamine
from defusedxml import ElementTree as SafeET

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Excel's built-in percentage formats (0% and 0.00%).
_BUILTIN_PERCENT_FORMATS = frozenset({9, 10})
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_ATTR = re.compile(rb'\b(r|s|t)="([^"]*)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_QUOTED = re.compile(r'"[^"]*"|\\.')


class SubmissionRejected(Exception):
    """A file that cannot be used at all; ``reason`` is one of ``model.REJECTION_REASONS``."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass
class RawSheet:
    """A sheet's values as a grid anchored at A1, plus reader notes per (row, column)."""

    name: str
    rows: list[list[object]]
    visible: bool = True
    notes: dict[tuple[int, int], str] = field(default_factory=dict)

    def cell(self, row: int, col: int) -> object:
        """Value at 0-based (row, col), None outside the grid or for a blank cell."""
        if row >= len(self.rows):
            return None
        values = self.rows[row]
        if col >= len(values):
            return None
        value = values[col]
        return None if value == "" else value


@dataclass
class RawWorkbook:
    path: Path
    format: str
    sheets: list[RawSheet]

    def sheet(self, *names: str) -> RawSheet | None:
        """The first visible sheet whose name matches one of ``names`` (case-insensitive)."""
        wanted = {n.casefold() for n in names}
        for sheet in self.sheets:
            if sheet.visible and sheet.name.strip().casefold() in wanted:
                return sheet
        return None


def column_letter(col: int) -> str:
    """0-based column index to Excel letters (0 → A, 26 → AA)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """0-based (row, col) to an A1 reference."""
    return f"{column_letter(col)}{row + 1}"


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def _split_ref(ref: str) -> tuple[int, int]:
    match = re.match(r"([A-Z]+)(\d+)", ref)
    if not match:
        raise ValueError(ref)
    return int(match.group(2)) - 1, _column_index(match.group(1))


def sniff_format(head: bytes, zip_names: list[str] | None) -> str:
    """Name the format from the first bytes (and the zip members when it is a zip)."""
    if head.startswith(ZIP_MAGIC):
        names = set(zip_names or ())
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "content.xml" in names and "mimetype" in names:
            return "ods"
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    return "unknown"


def _is_encrypted_ole(data: bytes) -> bool:
    # An encrypted xlsx is an OLE container whose directory names the EncryptedPackage stream;
    # directory entry names are UTF-16LE.
    return "EncryptedPackage".encode("utf-16-le") in data


def read_workbook(path: str | Path) -> RawWorkbook:
    """Read every sheet of a workbook file.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    RawWorkbook

    Raises
    ------
    SubmissionRejected
        With reason ``unreadable`` or ``encrypted`` when the file cannot be used.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SubmissionRejected("unreadable", f"{path.name}: cannot be opened ({exc.strerror})")
    return read_workbook_bytes(data, path)


def read_workbook_bytes(data: bytes, path: Path) -> RawWorkbook:
    """Read a workbook already in memory; ``path`` names it in messages."""
    if not data:
        raise SubmissionRejected("unreadable", f"{path.name}: the file is empty")
    archive = _open_zip(data, path) if data.startswith(ZIP_MAGIC) else None
    fmt = sniff_format(data[:8], archive.namelist() if archive else None)
    if fmt == "ole" and _is_encrypted_ole(data):
        raise SubmissionRejected(
            "encrypted",
            f"{path.name}: the workbook is protected by a password; open it, remove the "
            "password (File > Info > Protect Workbook) and send it again",
        )
    if fmt in ("unknown", "zip"):
        raise SubmissionRejected(
            "unreadable",
            f"{path.name}: this is not an Excel or OpenDocument spreadsheet; save it as "
            ".xlsx and send it again",
        )
    sheets = _read_values(data, path)
    if fmt == "xlsx":
        _add_xlsx_notes(archive, sheets)
    return RawWorkbook(path=path, format=fmt if fmt != "ole" else "xls", sheets=sheets)


def _open_zip(data: bytes, path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise SubmissionRejected(
            "unreadable", f"{path.name}: the file is damaged or truncated ({exc})"
        )


def _read_values(data: bytes, path: Path) -> list[RawSheet]:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            visible = meta.visible == python_calamine.SheetVisibleEnum.Visible
            sheets.append(RawSheet(name=meta.name, rows=rows, visible=visible))
        return sheets
    except python_calamine.PasswordError:
        raise SubmissionRejected(
            "encrypted",
            f"{path.name}: the workbook is protected by a password; remove the password and "
            "send it again",
        )
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise SubmissionRejected(
            "unreadable", f"{path.name}: the spreadsheet cannot be read ({_short(exc)})"
        )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def _add_xlsx_notes(archive: zipfile.ZipFile, sheets: list[RawSheet]) -> None:
    """Mark percent-formatted, error and uncalculated formula cells, which calamine hides."""
    try:
        parts = _sheet_parts(archive)
        percent_styles = _percent_style_indices(archive)
    except (KeyError, SafeET.ParseError, ValueError):
        return
    for sheet in sheets:
        part = parts.get(sheet.name)
        if part is None or part not in archive.namelist():
            continue
        sheet.notes = _scan_sheet_cells(archive.read(part), percent_styles, sheet)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member of its XML, resolved through the workbook relationships."""
    workbook = SafeET.fromstring(archive.read("xl/workbook.xml"))
    rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_NS_PKG_REL}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        if target.startswith("/"):
            member = target.lstrip("/")
        else:
            member = str(PurePosixPath("xl") / target)
        parts[sheet.get("name", "")] = member
    return parts


def _is_percent_format(code: str) -> bool:
    return "%" in _QUOTED.sub("", code)


def _percent_style_indices(archive: zipfile.ZipFile) -> frozenset[int]:
    if "xl/styles.xml" not in archive.namelist():
        return frozenset()
    styles = SafeET.fromstring(archive.read("xl/styles.xml"))
    percent_ids = set(_BUILTIN_PERCENT_FORMATS)
    for fmt in styles.iter(f"{_NS_MAIN}numFmt"):
        if _is_percent_format(fmt.get("formatCode", "")):
            percent_ids.add(int(fmt.get("numFmtId", "-1")))
    cell_xfs = styles.find(f"{_NS_MAIN}cellXfs")
    if cell_xfs is None:
        return frozenset()
    return frozenset(
        index
        for index, xf in enumerate(cell_xfs.iter(f"{_NS_MAIN}xf"))
        if int(xf.get("numFmtId", "0")) in percent_ids
    )


def _scan_sheet_cells(
    xml: bytes, percent_styles: frozenset[int], sheet: RawSheet
) -> dict[tuple[int, int], str]:
    notes: dict[tuple[int, int], str] = {}
    for match in _CELL.finditer(xml):
        attrs = dict(_ATTR.findall(match.group(1)))
        body = match.group(2) or b""
        ref = attrs.get(b"r")
        if ref is None:
            continue
        kind = attrs.get(b"t", b"n")
        note = None
        if kind == b"e":
            note = "error_cell"
            value = _VALUE.search(body)
            _put(sheet, ref, value.group(1).decode("utf-8", "replace") if value else "#ERROR")
        elif b"<f" in body and not _VALUE.search(body):
            note = "formula_without_value"
        elif kind == b"n" and int(attrs.get(b"s", b"0") or 0) in percent_styles:
            note = "percent"
        if note:
            notes[_split_ref(ref.decode("ascii"))] = note
    return notes


def _put(sheet: RawSheet, ref: bytes, value: object) -> None:
    """Write the error text into the grid, where calamine left the cell blank."""
    row, col = _split_ref(ref.decode("ascii"))
    while len(sheet.rows) <= row:
        sheet.rows.append([])
    values = sheet.rows[row]
    while len(values) <= col:
        values.append("")
    values[col] = value

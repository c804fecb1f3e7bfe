"""Hand-built .xlsb (Excel binary workbook) packages, from the published layout ([MS-XLSB]).

No writer of .xlsb is installed (LibreOffice and openpyxl cannot write one), so the files a test
needs are written here: only the records a reader looks at, enough for Excel's format.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from tests.hostile.ole import CellError, Percent

# Record types ([MS-XLSB] 2.3.2).
BEGIN_BOOK, END_BOOK, BEGIN_BUNDLE_SHS, END_BUNDLE_SHS, BUNDLE_SH = 131, 132, 143, 144, 156
BEGIN_SHEET, END_SHEET, WS_DIM, BEGIN_SHEET_DATA, END_SHEET_DATA, ROW_HDR = 129, 130, 148, 145, 146, 0
CELL_ERROR, CELL_BOOL, CELL_REAL, CELL_ST = 3, 4, 5, 6
BEGIN_STYLE_SHEET, END_STYLE_SHEET, BEGIN_FMTS, END_FMTS, FMT = 278, 279, 615, 616, 44
BEGIN_CELL_XFS, END_CELL_XFS, XF = 617, 618, 47
ERROR_CODES = {"#NULL!": 0x00, "#DIV/0!": 0x07, "#VALUE!": 0x0F, "#REF!": 0x17, "#NAME?": 0x1D,
               "#NUM!": 0x24, "#N/A": 0x2A}
#: Cell format 1 shows a percentage (custom format 164, "0.0%").
PERCENT_XF = 1
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _number(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def record(kind: int, payload: bytes = b"") -> bytes:
    return _number(kind) + _number(len(payload)) + payload


def wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def _cell(col: int, value: object) -> bytes:
    head = struct.pack("<II", col, PERCENT_XF if isinstance(value, Percent) else 0)
    if isinstance(value, CellError):
        return record(CELL_ERROR, head + bytes([ERROR_CODES[str(value)]]))
    if isinstance(value, bool):
        return record(CELL_BOOL, head + bytes([int(value)]))
    if isinstance(value, (int, float)):
        return record(CELL_REAL, head + struct.pack("<d", float(value)))
    return record(CELL_ST, head + wide(str(value)))


def sheet_bin(rows: list[list[object]]) -> bytes:
    width = max((len(r) for r in rows), default=1)
    out = record(BEGIN_SHEET) + record(WS_DIM, struct.pack("<IIII", 0, max(len(rows) - 1, 0), 0, width - 1))
    out += record(BEGIN_SHEET_DATA)
    for r, row in enumerate(rows):
        out += record(ROW_HDR, struct.pack("<IIHHBBB", r, 0, 300, 0, 0, 0, 0) + struct.pack("<I", 0))
        out += b"".join(_cell(c, v) for c, v in enumerate(row) if v is not None)
    return out + record(END_SHEET_DATA) + record(END_SHEET)


def workbook_bin(names: list[str]) -> bytes:
    sheets = b"".join(record(BUNDLE_SH, struct.pack("<II", 0, i + 1) + wide(f"rId{i + 1}") + wide(name))
                      for i, name in enumerate(names))
    return record(BEGIN_BOOK) + record(BEGIN_BUNDLE_SHS) + sheets + record(END_BUNDLE_SHS) + record(END_BOOK)


def styles_bin() -> bytes:
    xf = struct.pack("<HHHHHBBHBB", 0xFFFF, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    percent = struct.pack("<HHHHHBBHBB", 0, 164, 0, 0, 0, 0, 0, 0, 0, 0)
    return (record(BEGIN_STYLE_SHEET) + record(BEGIN_FMTS, struct.pack("<I", 1))
            + record(FMT, struct.pack("<H", 164) + wide("0.0%")) + record(END_FMTS)
            + record(BEGIN_CELL_XFS, struct.pack("<I", 2)) + record(XF, xf) + record(XF, percent)
            + record(END_CELL_XFS) + record(END_STYLE_SHEET))


def write_xlsb(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """An .xlsb with these sheets (rows of values: None blank, Percent, CellError, text, numbers)."""
    names = list(sheets)
    bin_type = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
             '2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.worksheet"/>'
             '<Default Extension="rels" '
             'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             f'<Override PartName="/xl/workbook.bin" ContentType="{bin_type}"/></Types>')
    root = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS_PKG}"><Relationship Id="rId1" '
            f'Type="{NS_REL}/officeDocument" Target="xl/workbook.bin"/></Relationships>')
    rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{NS_REL}/worksheet" '
                   f'Target="worksheets/sheet{i + 1}.bin"/>' for i in range(len(names)))
    rels += f'<Relationship Id="rId{len(names) + 1}" Type="{NS_REL}/styles" Target="styles.bin"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", types)
        package.writestr("_rels/.rels", root)
        package.writestr("xl/workbook.bin", workbook_bin(names))
        package.writestr("xl/_rels/workbook.bin.rels",
                         f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS_PKG}">{rels}'
                         "</Relationships>")
        package.writestr("xl/styles.bin", styles_bin())
        for i, rows in enumerate(sheets.values()):
            package.writestr(f"xl/worksheets/sheet{i + 1}.bin", sheet_bin(rows))
    return path

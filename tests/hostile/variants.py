"""The demo forms as other programs save them: formatted trailing rows (LibreOffice, WPS),
backslash zip paths (some Windows tools), the workbook part elsewhere in the package, and an
.xls whose workbook stream is named in capitals (several non-Microsoft programs)."""

from __future__ import annotations

import zipfile
from pathlib import Path


def formatted_trailing_rows(source: Path, target: Path) -> Path:
    """The form with custom heights and a styled empty cell down to row 1,048,576, as a
    form copied from a formatted workbook has."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    book = load_workbook(source)
    for sheet in book.worksheets:
        for row in range(1_048_560, 1_048_577):
            sheet.row_dimensions[row].height = 19.5
        sheet.cell(1_048_576, 5).font = Font(bold=True)
    book.save(target)
    return target


def rewrite_package(source: Path, target: Path, rename, change=lambda name, content: content) -> Path:
    """Copy a zip package, renaming its parts and changing their contents as given."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            entry = zipfile.ZipInfo(rename(info.filename), info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            new.writestr(entry, change(info.filename, old.read(info)))
    return target


def backslash_paths(source: Path, target: Path) -> Path:
    """Zip paths written with backslashes (xl\\workbook.xml), as some Windows tools do."""
    return rewrite_package(source, target, lambda name: name.replace("/", "\\"))


def relocated_workbook(source: Path, target: Path) -> Path:
    """The workbook part at book/main.xml, found through _rels/.rels as the format allows,
    its relationships pointing back at the parts under xl/."""
    moves = {"xl/workbook.xml": "book/main.xml", "xl/_rels/workbook.xml.rels": "book/_rels/main.xml.rels"}

    def change(name: str, content: bytes) -> bytes:
        if name == "_rels/.rels":
            return content.replace(b"xl/workbook.xml", b"book/main.xml")
        if name == "xl/_rels/workbook.xml.rels":
            return content.replace(b'Target="/xl/', b'Target="').replace(b'Target="', b'Target="../xl/')
        if name == "[Content_Types].xml":
            return content.replace(b"/xl/workbook.xml", b"/book/main.xml")
        return content

    return rewrite_package(source, target, lambda name: moves.get(name, name), change)


def capitalised_streams(source: Path, target: Path) -> Path:
    """An .xls whose workbook stream is named WORKBOOK, as several non-Microsoft programs write.

    Container names compare without case, so the directory stays in order."""
    data = source.read_bytes()
    name = "Workbook".encode("utf-16-le")
    assert data.count(name) == 1
    target.write_bytes(data.replace(name, "WORKBOOK".encode("utf-16-le")))
    return target

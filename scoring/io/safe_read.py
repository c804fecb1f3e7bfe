"""Reading a spreadsheet someone sent us, by content rather than by file name.

This module is the one door through which workbook bytes enter the program. It treats every
file as hostile until checked: limits on size, zip members and inflated size come first (the
inflated size is enforced while inflating, not only read from the zip directory), any XML part
with a DOCTYPE is refused, and the cells a sheet would make python-calamine hold are counted
before it loads the sheet (calamine allocates the whole rectangle between the first and the
last cell with a value, so two far-apart cells in a 1 KB file would otherwise ask for hundreds
of GB); rows and cells that are only formatted cost nothing, as calamine keeps nothing for them.
Only the sheets the caller needs are loaded (:class:`SheetFilter`); the
reader loads a whole .xls or .ods when it opens it, so there the other sheets are emptied first.

It reads what real programs write: packages whose parts have backslash paths or whose workbook
is not at xl/workbook.xml, .xls streams named in any case, .xlsb. Then it reads the values with
calamine and adds what calamine does not report: which numbers are formatted as percentages,
which formulas have no cached value, and which cells are error cells (xlsx and xlsm here; ods in
:mod:`scoring.io.ods`, xls in :mod:`scoring.io.biff`, xlsb in :mod:`scoring.io.xlsb`).

Everything that goes wrong is a :class:`SubmissionRejected` with a reason from
``model.REJECTION_REASONS`` and a message in English and Chinese that names the file and says
what to do (docs/importer.md lists them all)."""

from __future__ import annotations

import codecs
import functools
import html
import io
import os
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

import python_calamine

from scoring.io import biff, ods, xlsb, xlsx_cells

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one workbook may use; anything over a limit is rejected ``too_large``.

    Parameters
    ----------
    max_file_bytes : int
        Size of the file itself.
    max_members : int
        Parts in a zip package (xlsx, ods).
    max_uncompressed_bytes : int
        All parts of a zip package once inflated, from the directory and while inflating.
    max_rows : int
        Rows per sheet, counted to the last row with a value (rows that are only formatted,
        as LibreOffice and WPS leave at the end of a sheet, do not count).
    max_cells : int
        Cells the reader would hold: the rectangle (A1 to the last row and column with a
        value) of every sheet it loads, once when it loads the sheet and once more when the
        values are taken into Python. Only the sheets a submission uses are loaded (the
        reader loads a whole .xls or .ods when it opens it, so the other sheets reach it
        empty: see :func:`scoring.io.biff.leave_sheets_out` and :func:`_without_tables`).
        About 32 bytes a cell: 3 million keep a reader process under 150 MB.
    max_xml_part_bytes : int
        Workbook, relationship and style parts, which are parsed whole.
    """

    max_file_bytes: int = 50 * MB
    max_members: int = 1000
    max_uncompressed_bytes: int = 200 * MB
    max_rows: int = 100_000
    max_cells: int = 3_000_000
    max_xml_part_bytes: int = 20 * MB


DEFAULT_LIMITS = Limits()

_NS_MAIN_URI = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL_URI = "http://schemas.openxmlformats.org/package/2006/relationships"
#: A DTD in any encoding Office allows (UTF-8, UTF-16 LE/BE); XML is case-sensitive but some
#: parsers are not, so both cases are refused.
_DTD = re.compile(
    b"|".join(
        re.escape(word.encode(enc))
        for word in ("<!DOCTYPE", "<!doctype", "<!ENTITY", "<!entity")
        for enc in ("utf-8", "utf-16-le", "utf-16-be")
    )
)


class SubmissionRejected(Exception):
    """A file that cannot be used at all; ``reason`` is one of ``model.REJECTION_REASONS``."""

    def __init__(self, reason: str, message: str, message_zh: str = "", sheet: str = "", cell: str = "",
                 *, found: tuple[str, str] = ("", "")):
        super().__init__(message)
        self.reason = reason
        self.message = message
        #: The same in Chinese ("" where none was written: the English is shown then).
        self.message_zh = message_zh
        #: Where the problem is, when it is in one sheet (and cell): see model.Rejection.
        self.sheet, self.cell = sheet, cell
        #: What was found, in English and Chinese, without the advice to a submission's sender
        #: (``too_large``: which limit, by how much), so that a template's refusal can advise
        #: its author instead (scoring/io/template.py).
        self.found = found


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


@dataclass(frozen=True)
class SheetFilter:
    """Which sheets to take into Python, and how to tell from a sheet's first rows that it
    holds the expected layout (a sheet that does not is read no further than those rows).

    Parameters
    ----------
    names : frozenset of str
        Sheet names, case-folded; other sheets are listed without their cells.
    layout : callable
        ``layout(name, head) -> bool`` with the sheet's first ``head_rows`` rows.
    head_rows : int
    """

    names: frozenset[str]
    layout: Callable[[str, list[list[object]]], bool]
    head_rows: int = 10


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


@functools.lru_cache(maxsize=4096)
def column_letter(col: int) -> str:
    """0-based column index to Excel letters (0 → A, 26 → AA); cached, as every cell read asks."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """0-based (row, col) to an A1 reference."""
    return f"{column_letter(col)}{row + 1}"


def as_path(path: str | Path) -> Path:
    """``path`` as a Path, the same object when it is one already (making a Path of a Path
    parses it again, which costs more than a small form's zip directory)."""
    return path if isinstance(path, Path) else Path(path)


# --------------------------------------------------------------------------- entry points


def read_workbook(path: str | Path, limits: Limits | None = None,
                  sheets: SheetFilter | None = None) -> RawWorkbook:
    """Read the sheets of a workbook file.

    Parameters
    ----------
    path : str or Path
    limits : Limits, optional
        Defaults to :data:`DEFAULT_LIMITS`.
    sheets : SheetFilter, optional
        The sheets to read (the others are listed without cells); all when None.

    Returns
    -------
    RawWorkbook

    Raises
    ------
    SubmissionRejected
        With reason ``unreadable``, ``encrypted``, ``too_large`` or ``unsafe_xml``.
    """
    path = as_path(path)
    limits = limits or DEFAULT_LIMITS
    try:
        with open(path, "rb") as handle:
            # The size is checked before reading, so a huge file never enters memory.
            _check_file_size(os.fstat(handle.fileno()).st_size, path, limits)
            data = handle.read()
    except OSError as exc:
        raise SubmissionRejected(
            "unreadable", f"{path.name}: cannot be opened ({exc.strerror or exc}); check that "
            "the file exists and is not open in another program",
            f"{path.name}：无法打开（{exc.strerror or exc}）；请确认文件存在且未被其他程序占用",
        )
    return read_workbook_bytes(data, path, limits, sheets)


def read_workbook_bytes(data: bytes, path: Path, limits: Limits | None = None,
                        sheets: SheetFilter | None = None) -> RawWorkbook:
    """Read a workbook already in memory; ``path`` names it in messages.

    See :func:`read_workbook` for the parameters and the exceptions.
    """
    path = as_path(path)
    limits = limits or DEFAULT_LIMITS
    if not data:
        raise SubmissionRejected("unreadable", f"{path.name}: the file is empty; send the workbook again",
                                 f"{path.name}：文件是空的；请重新发送工作簿")
    _check_file_size(len(data), path, limits)
    if data.startswith(ZIP_MAGIC):
        return _read_zip_workbook(data, path, limits, sheets)
    if data.startswith(OLE_MAGIC):
        return _read_ole_workbook(data, path, limits, sheets)
    raise _refused_kind(path, _foreign_kind(data))


def _check_file_size(size: int, path: Path, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        found = (f"the file is {size / MB:.1f} MB, over the limit of {limits.max_file_bytes / MB:.0f} MB",
                 f"文件大小 {size / MB:.1f} MB，超过 {limits.max_file_bytes / MB:.0f} MB 的上限")
        raise SubmissionRejected(
            "too_large",
            f"{path.name}: {found[0]}; remove pictures and unused sheets, or split it, and send it again",
            f"{path.name}：{found[1]}；请删除图片和不用的工作表，或拆分后重新发送",
            found=found,
        )


#: What a file that is not a spreadsheet we read seems to be, and what the sender should do:
#: kind → (English, Chinese). Every one is refused ``unreadable`` (docs/importer.md lists them).
_FOREIGN_KINDS = {
    "pdf": ("this is a PDF document, not an Excel or OpenDocument spreadsheet; send the .xlsx workbook the "
            "PDF was made from",
            "这是 PDF 文档，不是电子表格；请发送生成该 PDF 的 .xlsx 工作簿"),
    "html": ("this is a web page saved under a spreadsheet name (some systems export .xls so), not an "
             "Excel or OpenDocument spreadsheet; open it in Excel or WPS, save it as .xlsx "
             "(File > Save As > Excel Workbook) and send that",
             "这是以电子表格扩展名保存的网页（有些系统这样导出 .xls），不是电子表格；"
             "请用 Excel 或 WPS 打开，另存为 .xlsx（文件 > 另存为 > Excel 工作簿）后发送"),
    "xml2003": ("this is an Excel 2003 XML spreadsheet, which is not read; open it in Excel or WPS, save it"
                " as .xlsx and send that",
                "这是 Excel 2003 XML 电子表格，无法读取；请用 Excel 或 WPS 打开，另存为 .xlsx 后发送"),
    "xml": ("this is an XML file, not an Excel or OpenDocument spreadsheet; send the .xlsx workbook instead",
            "这是 XML 文件，不是电子表格；请改发 .xlsx 工作簿"),
    "text": ("this is a plain text file (perhaps CSV saved under a spreadsheet name), not an Excel or "
             "OpenDocument spreadsheet; open it in Excel or WPS, save it as .xlsx and send that",
             "这是纯文本文件（可能是改了扩展名的 CSV），不是电子表格；"
             "请用 Excel 或 WPS 打开，另存为 .xlsx 后发送"),
    "numbers": ("this is an Apple Numbers file, which is not read; in Numbers choose File > Export To > "
                "Excel, and send the .xlsx",
                "这是 Apple Numbers 文件，无法读取；"
                "请在 Numbers 中选择 文件 > 导出为 > Excel，发送导出的 .xlsx"),
    "docx": ("this is a Word document, not an Excel or OpenDocument spreadsheet; send the .xlsx workbook "
             "instead",
             "这是 Word 文档，不是电子表格；请改发 .xlsx 工作簿"),
    "pptx": ("this is a PowerPoint presentation, not an Excel or OpenDocument spreadsheet; send the .xlsx "
             "workbook instead",
             "这是 PowerPoint 演示文稿，不是电子表格；请改发 .xlsx 工作簿"),
    "odt": ("this is an OpenDocument text or presentation, not an Excel or OpenDocument spreadsheet; send "
            "the .xlsx or .ods workbook instead",
            "这是 OpenDocument 文本或演示文稿，不是电子表格；请改发 .xlsx 或 .ods 工作簿"),
    "zip": ("this is a zip archive, not an Excel or OpenDocument spreadsheet; unpack it and send the .xlsx "
            "workbook in it",
            "这是 zip 压缩包，不是电子表格；请解压后发送其中的 .xlsx 工作簿"),
    "word": ("this is a Word document (Office 97-2003), not an Excel or OpenDocument spreadsheet; send the "
             ".xlsx workbook instead",
             "这是 Word 文档（Office 97-2003），不是电子表格；请改发 .xlsx 工作簿"),
    "powerpoint": ("this is a PowerPoint presentation (Office 97-2003), not an Excel or OpenDocument "
                   "spreadsheet; send the .xlsx workbook instead",
                   "这是 PowerPoint 演示文稿（Office 97-2003），不是电子表格；请改发 .xlsx 工作簿"),
    "ole": ("this is an Office file but not an Excel workbook; send the .xlsx workbook instead",
            "这是 Office 文件，但不是 Excel 工作簿；请改发 .xlsx 工作簿"),
    "biff_old": ("this is an Excel 4.0 (or older) worksheet, which is not read; open it in Excel or "
                 "LibreOffice, save it as .xlsx and send that",
                 "这是 Excel 4.0（或更早版本）的工作表，无法读取；请用 Excel 或 LibreOffice 打开，另存为 "
                 ".xlsx 后发送"),
    "rtf": ("this is a rich-text (RTF) document, not an Excel or OpenDocument spreadsheet; send the .xlsx "
            "workbook instead",
            "这是 RTF 文档，不是电子表格；请改发 .xlsx 工作簿"),
    "unknown": ("this is not an Excel or OpenDocument spreadsheet; open it in Excel or WPS, save it as "
                ".xlsx and send it again",
                "这不是 Excel 或 OpenDocument 电子表格；请用 Excel 或 WPS 打开，另存为 .xlsx 后重新发送"),
}


def _refused_kind(path: Path, kind: str) -> SubmissionRejected:
    """The ``unreadable`` refusal of a file that is something other than a spreadsheet."""
    what, what_zh = _FOREIGN_KINDS[kind]
    return SubmissionRejected("unreadable", f"{path.name}: {what}", f"{path.name}：{what_zh}")


def _foreign_kind(data: bytes) -> str:
    """Say what a file that is neither a zip package nor an Office container seems to be."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = head.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data[:2] in (b"\x09\x00", b"\x09\x02", b"\x09\x04", b"\x09\x08") and data[3:4] == b"\x00":
        return "biff_old"  # a BOF record opening a bare worksheet stream, no Office container
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if b"urn:schemas-microsoft-com:office:spreadsheet" in lowered or b'progid="excel.sheet"' in lowered:
        return "xml2003"
    if lowered.startswith((b"<html", b"<!doctype html", b"<table", b"<meta")) or b"<html" in lowered[:512]:
        return "html"
    if head.startswith(b"<?xml"):
        return "xml"
    if _looks_like_text(head):
        return "text"
    return "unknown"


def _looks_like_text(head: bytes) -> bool:
    """Text in UTF-8 or GB 18030 (a cut-off character at the end of the head is fine)."""
    if b"\0" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _damaged(path: Path, detail: str, detail_zh: str) -> SubmissionRejected:
    return SubmissionRejected(
        "unreadable",
        f"{path.name}: the file is damaged or truncated ({detail}); open it in Excel or WPS, "
        "save it again and resend it",
        f"{path.name}：文件已损坏或不完整（{detail_zh}）；请用 Excel 或 WPS 打开，重新保存后再发送",
    )


def _too_large(path: Path, detail: str, detail_zh: str) -> SubmissionRejected:
    return SubmissionRejected(
        "too_large",
        f"{path.name}: {detail}; this is far more than a submission needs (a damaged or "
        "hostile file?): copy the Project and Data sheets into a new workbook and send that",
        f"{path.name}：{detail_zh}；远超申报所需（文件可能已损坏或被篡改）：请把 Project 和 Data "
        "工作表复制到新工作簿后发送",
        found=(detail, detail_zh),
    )


# --------------------------------------------------------------------------- zip packages


def _read_zip_workbook(data: bytes, path: Path, limits: Limits, wanted: SheetFilter | None) -> RawWorkbook:
    package = _open_package(data, path, limits)
    if package.kind == "ods":
        return _read_ods_package(package, path, limits, wanted)
    sheet_parts = package.sheet_parts(path)
    kept = [member for name, member in sheet_parts.items() if _wanted(wanted, name)]
    package.inflate_all(wanted=set(kept))
    budget = _Budget(path, limits)
    if package.kind == "xlsb":
        return _read_xlsb_package(package, path, budget, wanted, sheet_parts)
    return _read_xlsx_package(package, path, budget, wanted, sheet_parts)


def _read_ods_package(package: _Package, path: Path, limits: Limits,
                      wanted: SheetFilter | None) -> RawWorkbook:
    package.inflate_all(wanted=None)
    content = package.xml("content.xml")
    try:
        scan = ods.scan_content(content)
    except ods.OdsError as exc:
        raise _damaged(path, f"content.xml is not well-formed: {exc}", f"content.xml 格式不正确：{exc}")
    shapes = {name: (rows, cols) for name, (rows, cols, _) in scan.tables.items()}
    reader_data = package.calamine_bytes()
    reads = None if wanted is None else functools.partial(_wanted, wanted)
    left_out = ods.tables_left_out(scan, content, reads)
    if left_out:
        # the reader parses every table when it opens the file and cannot be told which
        reader_data = package.calamine_bytes({"content.xml": ods.without_tables(content, scan, left_out)})
        shapes = {name: shape for name, shape in shapes.items() if name not in left_out}
    budget = _Budget(path, limits)
    budget.spend_all(shapes)
    book = _read_values(reader_data, path, "ods", budget, wanted, shapes)
    ods.apply_notes(scan.tables, book, _put)
    return RawWorkbook(path=path, format="ods", sheets=book)


def _read_xlsb_package(package: _Package, path: Path, budget: _Budget, wanted: SheetFilter | None,
                       sheet_parts: dict[str, str]) -> RawWorkbook:
    try:
        scans = {name: xlsb.scan_sheet(package.kept[m], name) for name, m in sheet_parts.items()
                 if m in package.kept}
    except xlsb.XlsbError as exc:
        raise _damaged(path, str(exc), str(exc))
    shapes = {name: (scan.rows, scan.cols) for name, scan in scans.items()}
    budget.spend_all(shapes)
    sheets = _read_values(package.calamine_bytes(), path, "xlsb", budget, wanted, shapes)
    styles = package.targets.get("styles", "xl/styles.bin")
    percent = xlsb.percent_formats(package.kept[styles]) if styles in package.kept else frozenset()
    xlsb.apply_notes(scans, percent, sheets, _put)
    return RawWorkbook(path=path, format="xlsb", sheets=sheets)


def _read_xlsx_package(package: _Package, path: Path, budget: _Budget, wanted: SheetFilter | None,
                       sheet_parts: dict[str, str]) -> RawWorkbook:
    measured = {name: xlsx_cells.measure_sheet(package.kept[m]) for name, m in sheet_parts.items()
                if m in package.kept}
    _check_sheet_shapes(measured, budget)
    sheets = _read_values(package.calamine_bytes(), path, "xlsx", budget, wanted,
                          {name: (shape.rows, shape.cols) for name, shape in measured.items()})
    _add_xlsx_notes(package, sheets, measured)
    return RawWorkbook(path=path, format="xlsx", sheets=sheets)


def _wanted(wanted: SheetFilter | None, name: str) -> bool:
    return wanted is None or name.strip().casefold() in wanted.names


def _normalised_name(name: str) -> str:
    """A part name as the package relationships spell it: some Windows tools write
    ``xl\\workbook.xml``, and a few a leading slash."""
    return name.replace("\\", "/").lstrip("/")


_OFFICE_DOCUMENT = "/officeDocument"
_CONTENT_TYPES = "[Content_Types].xml"


class _Package:
    """A zip package checked on the way in: directory, kind, and the parts the notes need.

    Parts are inflated on demand (each at most once), each checked against its declared size,
    the budget for all parts, and for a DTD.
    """

    def __init__(self, data: bytes, path: Path, limits: Limits, infos: list[_Entry]):
        self.data, self.path, self.limits = data, path, limits
        self.view = memoryview(data)
        self.infos = {info.filename: info for info in infos}
        self.names = list(self.infos)
        self.budget = limits.max_uncompressed_bytes
        self.kept: dict[str, bytes] = {}
        self.kind = "zip"
        self.workbook = ""
        #: True when the workbook is not where the reader looks for it (see _repack_at_standard_places).
        self.relocated = False
        #: The workbook's relationships (id → part) and the parts that are worksheets.
        self.targets: dict[str, str] = {}
        self.sheet_members: frozenset[str] = frozenset()

    def has(self, name: str) -> bool:
        return name in self.infos

    def part(self, name: str) -> bytes:
        """A part inflated whole (and kept); ``KeyError`` when there is none."""
        if name not in self.kept:
            info = self.infos[name]
            payload = _member_payload(self.view, info, self.path)
            # worksheets differ from form to form; the other parts often repeat
            shared = name not in self.sheet_members
            content = _checked_before(payload, info) if shared else None
            if content is None or len(content) > self.budget:
                content = _inflate_member(payload, info, self.path, self.budget)
                if _looks_like_xml(name, content) and _has_dtd(content):
                    raise _unsafe_xml(self.path, info.filename)
                if shared:
                    _remember_checked(payload, info, content)
            self.budget -= len(content)
            self.kept[name] = content
        return self.kept[name]

    def xml(self, name: str) -> bytes:
        return self.part(name)

    def inflate_all(self, wanted: set[str] | None) -> None:
        """Check every part; keep the workbook's own parts and the worksheets in ``wanted``
        (every worksheet when None). Parts nothing reads are inflated only at their head,
        enough to find a DTD where one has to stand (before the first element)."""
        folder = posixpath.dirname(self.workbook)
        own = {_CONTENT_TYPES, "_rels/.rels", self.workbook, _rels_of(self.workbook), *self.targets.values()}
        for name, info in self.infos.items():
            if name in self.kept:
                continue
            if name in self.sheet_members:
                # a sheet nobody reads is checked like a picture: the reader never opens it
                whole = wanted is None or name in wanted
            else:
                whole = name in own or _READ_PARTS.match(name) is not None or (
                    bool(folder) and posixpath.dirname(name) == folder)
            if whole:
                self.part(name)
                continue
            payload = _member_payload(self.view, info, self.path)
            if _checked_before(payload, info) is not None:
                continue
            if _looks_like_xml(name, head := _inflate_head(payload, info, self.path)) and _has_dtd(head):
                raise _unsafe_xml(self.path, info.filename)
            if len(head) == info.file_size and zlib.crc32(head) == info.CRC:
                _remember_checked(payload, info, head)  # the head was the whole part

    def sheet_parts(self, path: Path) -> dict[str, str]:
        """Sheet name → part of its worksheet, through the workbook and its relationships."""
        try:
            rels = self.part(_rels_of(self.workbook)) if self.has(_rels_of(self.workbook)) else b""
            self.targets = dict(_relationship_targets(rels, self.workbook)) if rels else {}
            if self.kind == "xlsb":
                found = xlsb.sheet_relationships(self.part(self.workbook))
            else:
                found = _xlsx_sheet_relationships(self.part(self.workbook))
        except (expat.ExpatError, ValueError, xlsb.XlsbError):
            found = []
        sheets = {name: self.targets.get(rid, "") for name, rid in found}
        sheets = {name: member for name, member in sheets.items() if member in self.infos}
        self.sheet_members = frozenset(sheets.values())
        return sheets

    def calamine_bytes(self, replaced: dict[str, bytes] | None = None) -> bytes:
        """The package as the reader reads it: the parts kept here (inflated and checked),
        stored uncompressed, with the workbook where the reader looks for it (xl/), and the
        parts in ``replaced`` replaced.

        The reader then inflates nothing a second time and never sees a part that was not
        checked. Without replacements, a package whose kept parts are large goes to the
        reader as it came (a stored copy would hold them once more) unless its workbook has
        to be moved, and so does an OpenDocument package.
        """
        if self.relocated:
            return _repack_at_standard_places(self)
        if replaced:
            # an OpenDocument package's mimetype part comes first
            names = sorted(self.kept, key=lambda name: name != "mimetype")
            return _stored_zip([(name, replaced[name], zlib.crc32(replaced[name])) if name in replaced
                                else (name, self.kept[name], self.infos[name].CRC) for name in names])
        if self.kind == "ods" or sum(map(len, self.kept.values())) > _STORED_COPY_BYTES:
            return self.data
        return _stored_zip([(name, content, self.infos[name].CRC) for name, content in self.kept.items()])


#: Small parts inflated and checked before in this process (right size and checksum, no DTD
#: anywhere), by their compressed bytes: forms made from one template share their workbook,
#: relationship, style and theme parts byte for byte, and each is then inflated once.
_CHECKED: dict[tuple[int, int, int, int], tuple[bytes, bytes]] = {}
_CHECKED_PART_BYTES = 64 * 1024
_CHECKED_PARTS = 256


#: Kept parts up to this size go to the reader as a stored copy (see _Package.calamine_bytes).
_STORED_COPY_BYTES = 8 * MB
#: Parts read whole wherever the workbook is: content types, relationships, OpenDocument parts.
_READ_PARTS = re.compile(r"^(\[Content_Types\]\.xml|_rels/.*|.*/_rels/[^/]*\.rels|"
                         r"content\.xml|styles\.xml|meta\.xml|settings\.xml|mimetype|META-INF/.*)$")
_HEAD_BYTES = 64 * 1024


def _rels_of(part: str) -> str:
    """The relationships part of ``part`` (xl/workbook.xml → xl/_rels/workbook.xml.rels)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _same_parts_once(function):
    """Cache a function of a small part's bytes (and of further hashable arguments).

    Forms made from one template share their workbook, relationship and style parts byte for
    byte, so a reader reading a folder of them reads each such part once. The function must
    not depend on anything else, and its callers must not change what it returns.
    """
    cached = functools.lru_cache(maxsize=64)(function)

    @functools.wraps(function)
    def call(content: bytes, *args):
        return (cached if len(content) <= _CHECKED_PART_BYTES else function)(content, *args)

    return call


#: Which cell formats show a percentage, once per styles part (forms of one template share it).
_percent_styles = _same_parts_once(xlsx_cells.percent_style_indices)


@_same_parts_once
def _relationship_targets(rels: bytes, source: str) -> dict[str, str]:
    """Relationship id → part name, resolved against the folder of ``source``; the styles
    part also under the key ``"styles"``."""
    found = {}
    relationships = _quick_elements(rels, b"Relationship")
    for attrs in relationships or _namespaced(rels, f"{_NS_PKG_REL_URI} Relationship"):
        if attrs.get("TargetMode") == "External":
            continue
        target = _resolve(source, attrs.get("Target", ""))
        found[attrs.get("Id", "")] = target
        if attrs.get("Type", "").endswith("/styles"):
            found["styles"] = target
    return found


def _resolve(source: str, target: str) -> str:
    target = target.replace("\\", "/")
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


@_same_parts_once
def _xlsx_sheet_relationships(workbook: bytes) -> list[tuple[str, str]]:
    """(sheet name, relationship id) of every sheet in a workbook part, in order."""
    quick = _quick_elements(workbook, b"sheet")
    if quick:
        return [(attrs.get("name", ""), next((v for k, v in attrs.items() if k.endswith(":id")), ""))
                for attrs in quick]
    return [(attrs.get("name", ""), attrs.get(f"{_NS_REL_URI} id", ""))
            for attrs in _namespaced(workbook, f"{_NS_MAIN_URI} sheet")]


def _namespaced(xml: bytes, wanted: str) -> list[dict[str, str]]:
    """The attributes of every ``wanted`` element (namespace URI, space, local name)."""
    return [attrs for tag, attrs in _elements(xml) if tag == wanted]


_ATTRIBUTE = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@functools.lru_cache(maxsize=8)
def _element_pattern(local: bytes) -> re.Pattern:
    # quoted values may hold ">" (XML allows it), so they are matched whole
    return re.compile(rb"<(?:[\w.-]+:)?" + local + rb"""\s((?:[^>"']|"[^"]*"|'[^']*')*)>""")


def _quick_elements(xml: bytes, local: bytes) -> list[dict[str, str]]:
    """The attributes of every element named ``local`` (any prefix), read with one pattern:
    a tenth of the cost of a parser for the few small parts every file has. An empty list
    when there is none in plain UTF-8 (the caller then parses properly: a UTF-16 part, say)."""
    found = []
    for element in _element_pattern(local).finditer(xml):
        attrs = {}
        for name, double, single in _ATTRIBUTE.findall(element.group(1)):
            value = (double or single).decode("utf-8", "replace")
            attrs[name.decode("ascii", "replace")] = html.unescape(value) if "&" in value else value
        found.append(attrs)
    return found


def _open_package(data: bytes, path: Path, limits: Limits) -> _Package:
    """Check the zip directory, then say what the package is (or refuse it with the reason)."""
    _check_member_count(data, path, limits)
    quick = plain_zip_directory(data)
    infos: list[_Entry]
    if quick is None:  # zip64, a comment, data before the zip...: zipfile reads those
        try:
            infos = list(zipfile.ZipFile(io.BytesIO(data)).infolist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
            raise _damaged(path, f"not a complete zip package: {_short(exc)}",
                           f"不是完整的 zip 压缩包：{_short(exc)}")
        for info in infos:
            info.filename = _normalised_name(info.filename)
    else:
        infos = list(quick)
    _check_directory(infos, path, limits)
    package = _Package(data, path, limits, infos)
    _identify(package, path)
    return package


def _identify(package: _Package, path: Path) -> None:
    """Set the package's kind and workbook part, from its relationships, not from names alone."""
    names = package.infos
    if any(n.startswith("Index/") and n.endswith(".iwa") for n in names) or "index.xml.gz" in names \
            or "Index.zip" in names:
        raise _refused_kind(path, "numbers")
    if "content.xml" in names or "META-INF/manifest.xml" in names:
        _identify_opendocument(package, path)
        return
    # Where the reader looks first; only a package without it is searched through _rels/.rels.
    workbook = next((n for n in ("xl/workbook.xml", "xl/workbook.bin") if package.has(n)), "")
    if not workbook and package.has("_rels/.rels"):
        try:
            targets = _elements(package.part("_rels/.rels"))
        except expat.ExpatError:
            targets = []
        for tag, attrs in targets:
            if tag == f"{_NS_PKG_REL_URI} Relationship" and attrs.get("Type", "").endswith(_OFFICE_DOCUMENT):
                workbook = _resolve("", attrs.get("Target", ""))
                break
    if not workbook or not package.has(workbook):
        if any(n.startswith("word/") for n in names):
            raise _refused_kind(path, "docx")
        if any(n.startswith("ppt/") for n in names):
            raise _refused_kind(path, "pptx")
        raise _refused_kind(path, "zip")
    package.workbook = workbook
    if workbook.endswith(".bin"):
        package.kind = "xlsb"
        package.relocated = workbook != "xl/workbook.bin"
    else:
        if workbook.startswith(("word/", "ppt/")):
            raise _refused_kind(path, "docx" if workbook.startswith("word/") else "pptx")
        package.kind = "xlsx"
        package.relocated = workbook != "xl/workbook.xml"


def _identify_opendocument(package: _Package, path: Path) -> None:
    if package.has("META-INF/manifest.xml") and b"encryption-data" in package.part("META-INF/manifest.xml"):
        raise _password_protected(path)
    mimetype = package.part("mimetype").strip() if package.has("mimetype") else b""
    if mimetype and b"spreadsheet" not in mimetype:
        raise _refused_kind(path, "odt")
    if not package.has("content.xml"):
        raise _damaged(path, "content.xml is missing", "缺少 content.xml")
    package.kind = "ods"
    package.workbook = "content.xml"


def _repack_at_standard_places(package: _Package) -> bytes:
    """The package with its workbook moved to where the reader looks (xl/workbook.xml).

    Valid packages may keep the workbook anywhere (``_rels/.rels`` says where); the reader
    only looks at xl/. The workbook and its relationships are copied there, the
    relationships pointing at the parts where they are, and everything else is kept.
    """
    standard = "xl/workbook.bin" if package.kind == "xlsb" else "xl/workbook.xml"
    moved = (standard, _rels_of(standard), "_rels/.rels")
    parts = [(name, package.kept[name], package.infos[name].CRC) for name in package.names
             if name in package.kept and name not in moved]
    workbook = package.part(package.workbook)
    rels = _standard_relationships(package, standard)
    root = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_NS_PKG_REL_URI}"><Relationship '
            f'Id="rId1" Type="{_NS_REL_URI}/officeDocument" Target="{standard}"/></Relationships>').encode()
    for name, content in zip(moved, (workbook, rels, root), strict=True):
        parts.append((name, content, zlib.crc32(content)))
    return _stored_zip(parts)


_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
#: Version 2.0 needed; flag bit 11: names in UTF-8; 1980-01-01 00:00.
_ZIP_VERSION, _UTF8_NAMES, _DOS_DATE = 20, 0x800, 0x21


def _stored_zip(parts: list[tuple[str, bytes, int]]) -> bytes:
    """A zip package of (name, content, CRC-32) parts, stored uncompressed.

    Written with struct rather than zipfile, which would compute every checksum again and
    cost more than the reader saves by not inflating; the parts here are far below zip64's
    4 GB (``Limits.max_uncompressed_bytes``).
    """
    pieces: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, content, crc in parts:
        raw = name.encode("utf-8")
        size = len(content)
        header = _LOCAL_HEADER.pack(b"PK\x03\x04", _ZIP_VERSION, _UTF8_NAMES, zipfile.ZIP_STORED, 0,
                                    _DOS_DATE, crc, size, size, len(raw), 0)
        directory.append(_DIRECTORY_ENTRY.pack(
            b"PK\x01\x02", _ZIP_VERSION, _ZIP_VERSION, _UTF8_NAMES, zipfile.ZIP_STORED, 0, _DOS_DATE, crc,
            size, size, len(raw), 0, 0, 0, 0, 0, offset) + raw)
        pieces += (header, raw, content)
        offset += len(header) + len(raw) + size
    central = b"".join(directory)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, len(parts), len(parts), len(central), offset, 0)
    return b"".join(pieces) + central + end


def _standard_relationships(package: _Package, standard: str) -> bytes:
    """The workbook's relationships, each target rewritten relative to xl/."""
    rels_name = _rels_of(package.workbook)
    entries = []
    if package.has(rels_name):
        for tag, attrs in _elements(package.part(rels_name)):
            if tag != f"{_NS_PKG_REL_URI} Relationship":
                continue
            target = attrs.get("Target", "")
            if attrs.get("TargetMode") != "External":
                target = posixpath.relpath(_resolve(package.workbook, target), posixpath.dirname(standard))
            rid, kind, target = (html.escape(v) for v in (attrs.get("Id", ""), attrs.get("Type", ""), target))
            entries.append(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>')
    return (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_NS_PKG_REL_URI}">'
            f'{"".join(entries)}</Relationships>').encode()


def _unsafe_xml(path: Path, part: str) -> SubmissionRejected:
    return SubmissionRejected(
        "unsafe_xml",
        f"{path.name}: the part {part} declares a DOCTYPE or entities, which Excel never writes "
        "and which can be used to attack the reader; open the file in Excel or WPS, save it as "
        "a new .xlsx and send that",
        f"{path.name}：部件 {part} 声明了 DOCTYPE 或实体，Excel 从不写入这些内容，它们可被用来攻击读取程序；"
        "请用 Excel 或 WPS 打开文件，另存为新的 .xlsx 后发送",
    )


def _has_dtd(content: bytes) -> bool:
    # Quick tests first: most parts have no "!" at all (one memchr), and then no "<!" in
    # UTF-8 or UTF-16; the full pattern has no literal prefix for the regex engine to skip with.
    if b"!" not in content:
        return False
    if b"<!" not in content and b"<\0!" not in content:
        return False
    return _DTD.search(content) is not None


def _looks_like_xml(name: str, content: bytes) -> bool:
    if name.lower().endswith((".xml", ".rels", ".vml")):
        return True
    start = content[:64].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n\0")
    return start.startswith(b"<")


@dataclass(slots=True)
class _Member:
    """The fields of a zip directory entry that the checks use (named as zipfile.ZipInfo's)."""

    filename: str
    flag_bits: int
    compress_type: int
    CRC: int  # noqa: N815 - zipfile's name
    compress_size: int
    file_size: int
    header_offset: int


#: A zip directory entry: ours for plain packages, zipfile's for the others.
_Entry = _Member | zipfile.ZipInfo
_END_RECORD = struct.Struct("<4s4H2LH")
_DIRECTORY_ENTRY = struct.Struct("<4s6H3L5H2L")
_ZIP64_MARK = 0xFFFFFFFF


def plain_zip_directory(data: bytes) -> list[_Member] | None:
    """The directory of a plain zip package, as every spreadsheet program writes it.

    zipfile's reader spends more time on a small workbook's directory than inflating its
    parts does; this reads the entries with struct alone. Anything zipfile allows and this
    does not expect (zip64 records, an archive comment, a spanned archive, bytes before the
    archive, entries that do not exactly fill the directory) gives None, and the caller uses
    zipfile instead.
    """
    end = len(data) - _END_RECORD.size
    if end < 0 or data[end:end + 4] != b"PK\x05\x06":
        return None
    _sig, disk, first_disk, disk_entries, entries, size, start, comment = _END_RECORD.unpack_from(data, end)
    if disk or first_disk or comment or disk_entries != entries or start + size != end:
        return None
    members = []
    position = start
    for _ in range(entries):
        if position + _DIRECTORY_ENTRY.size > end:
            return None
        (signature, _made, _needed, flags, method, _time, _date, crc, compressed, inflated,
         name_length, extra_length, comment_length, _disk, _internal, _external,
         offset) = _DIRECTORY_ENTRY.unpack_from(data, position)
        if signature != b"PK\x01\x02" or _ZIP64_MARK in (compressed, inflated, offset):
            return None
        name_start = position + _DIRECTORY_ENTRY.size
        raw_name = data[name_start:name_start + name_length]
        try:
            name = raw_name.decode("utf-8" if flags & 0x800 else "cp437")
        except UnicodeDecodeError:
            return None  # zipfile refuses it, with its own message
        members.append(_Member(_normalised_name(name.split("\0", 1)[0]), flags, method, crc, compressed,
                               inflated, offset))
        position = name_start + name_length + extra_length + comment_length
    return members if position == end else None


def _check_member_count(data: bytes, path: Path, limits: Limits) -> None:
    """Count central-directory entries by their signature before zipfile parses them all.

    zipfile would build an object per entry first; a 50 MB file can hold a million entries.
    The count may include a stray match inside compressed data, which only errs on the safe
    side (and is vanishingly rare).
    """
    count = data.count(b"PK\x01\x02")
    if count > limits.max_members:
        raise _too_large(path, f"the package has {count:,} parts, over the limit of {limits.max_members:,}",
                         f"压缩包有 {count:,} 个部件，超过 {limits.max_members:,} 个的上限")


def _check_directory(infos: list[_Entry], path: Path, limits: Limits) -> None:
    if len(infos) > limits.max_members:
        raise _too_large(path, f"the package has {len(infos):,} parts, over the limit of "
                         f"{limits.max_members:,}",
                         f"压缩包有 {len(infos):,} 个部件，超过 {limits.max_members:,} 个的上限")
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_uncompressed_bytes:
        raise _too_large(
            path,
            f"its parts would inflate to {declared / MB:,.0f} MB, over the limit of "
            f"{limits.max_uncompressed_bytes / MB:.0f} MB",
            f"解压后将达到 {declared / MB:,.0f} MB，超过 {limits.max_uncompressed_bytes / MB:.0f} MB 的上限",
        )
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        # Two parts with one name: readers disagree on which one counts, so nothing is sure.
        raise _damaged(path, "two parts of the package have the same name", "压缩包中有两个同名部件")
    for info in infos:
        if info.flag_bits & 0x1:
            raise SubmissionRejected(
                "encrypted",
                f"{path.name}: the package is encrypted; remove the password (open it, save it "
                "without a password) and send it again",
                f"{path.name}：压缩包已加密；请打开文件、取消密码保存后重新发送",
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _damaged(path, f"the part {info.filename} uses an unusual compression method",
                           f"部件 {info.filename} 使用了不常见的压缩方式")


def _member_payload(view: memoryview, info: _Entry, path: Path) -> memoryview:
    """The compressed bytes of one member, located through its local header (as zipfile does)."""
    start = info.header_offset
    header = bytes(view[start:start + 30])
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise _damaged(path, f"the part {info.filename} is missing", f"缺少部件 {info.filename}")
    name_len, extra_len = struct.unpack_from("<HH", header, 26)
    begin = start + 30 + name_len + extra_len
    end = begin + info.compress_size
    if end > len(view):
        raise _damaged(path, f"the part {info.filename} is cut short", f"部件 {info.filename} 被截断")
    return view[begin:end]


def _checked_key(payload: memoryview, info: _Entry) -> tuple[int, int, int, int] | None:
    if info.file_size > _CHECKED_PART_BYTES or len(payload) > _CHECKED_PART_BYTES:
        return None
    return info.compress_type, info.file_size, info.CRC, len(payload)


def _checked_before(payload: memoryview, info: _Entry) -> bytes | None:
    """The content of a part whose compressed bytes were inflated and checked before.

    Looked up by the part's sizes and checksum, then its compressed bytes compared whole:
    comparing costs a quarter of hashing them.
    """
    key = _checked_key(payload, info)
    seen = _CHECKED.get(key) if key is not None else None
    if seen is None or seen[0] != payload.tobytes():
        return None
    return seen[1]


def _remember_checked(payload: memoryview, info: _Entry, content: bytes) -> None:
    """Remember a small part that inflated to its declared size and checksum, with no DTD."""
    key = _checked_key(payload, info)
    if key is None or _has_dtd(content):
        return
    if len(_CHECKED) >= _CHECKED_PARTS:
        _CHECKED.clear()  # parts of other senders' templates: start again
    _CHECKED[key] = (payload.tobytes(), content)


def _inflate_member(payload: memoryview, info: _Entry, path: Path, budget: int) -> bytes:
    """Inflate one member (its compressed ``payload``), at most its declared size and at most
    ``budget`` bytes.

    A part that inflates beyond what the zip directory declares is a zip bomb in disguise:
    the inflater is never allowed to produce more than one byte past the declared size, so
    refusing it costs almost nothing.
    """
    if info.file_size > budget:
        raise _too_large(path, f"its parts inflate to more than {budget / MB:.0f} MB",
                         f"解压后超过 {budget / MB:.0f} MB")
    if info.compress_type == zipfile.ZIP_STORED:
        content = bytes(payload)
    else:
        content = _inflate_deflated(payload, info, path)
    if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        raise _damaged(path, f"the part {info.filename} is incomplete or fails its checksum",
                       f"部件 {info.filename} 不完整或校验失败")
    return content


def _inflate_deflated(payload: memoryview, info: _Entry, path: Path) -> bytes:
    inflater = zlib.decompressobj(-15)
    try:
        content = inflater.decompress(payload, info.file_size + 1)
    except zlib.error as exc:
        raise _damaged(path, f"the part {info.filename} cannot be inflated: {exc}",
                       f"部件 {info.filename} 无法解压：{exc}")
    if len(content) > info.file_size:
        raise _too_large(
            path,
            f"the part {info.filename} inflates to more than the {info.file_size:,} bytes its zip "
            "directory declares (a zip bomb?)",
            f"部件 {info.filename} 解压后超过压缩目录声明的 {info.file_size:,} 字节（压缩炸弹？）",
        )
    return content


def _inflate_head(payload: memoryview, info: _Entry, path: Path) -> bytes:
    """The first bytes of a part nothing reads (enough to look for a DTD)."""
    if info.compress_type == zipfile.ZIP_STORED:
        return bytes(payload[:_HEAD_BYTES])
    try:
        return zlib.decompressobj(-15).decompress(payload, _HEAD_BYTES)
    except zlib.error as exc:
        raise _damaged(path, f"the part {info.filename} cannot be inflated: {exc}",
                       f"部件 {info.filename} 无法解压：{exc}")


# --------------------------------------------------------------------------- sheet shapes


class _Budget:
    """The cells a reader may still hold (``Limits.max_cells``), spent sheet by sheet.

    A sheet is charged its rectangle (A1 to the last row and column with a value) each time
    the reader materialises it: when the reader loads it and when its values become Python
    lists. Formatting alone (row heights, styled empty cells) costs nothing, as the reader
    keeps no cell for it.
    """

    def __init__(self, path: Path, limits: Limits):
        self.path, self.limits = path, limits
        self.left = limits.max_cells

    def fits(self, shapes: dict[str, tuple[int, int]]) -> bool:
        """Whether these sheets would pass :meth:`spend_all` (nothing is spent)."""
        rows_ok = all(rows <= self.limits.max_rows for rows, _ in shapes.values())
        return rows_ok and sum(rows * cols for rows, cols in shapes.values()) <= self.left

    def spend_all(self, shapes: dict[str, tuple[int, int]]) -> None:
        for name, (rows, cols) in shapes.items():
            self.spend(name, rows, cols)

    def spend(self, name: str, rows: int, cols: int) -> None:
        """Charge one sheet; refuse the file ``too_large`` when it is over a limit."""
        limits = self.limits
        if rows > limits.max_rows:
            raise _too_large(self.path, f"the sheet {name} has values down to row {rows:,}, over the limit "
                             f"of {limits.max_rows:,} rows",
                             f"工作表 {name} 的数值一直到第 {rows:,} 行，超过 {limits.max_rows:,} 行的上限")
        if rows * cols > self.left:
            raise _too_large(
                self.path,
                f"the sheet {name} spans {rows:,} rows by {cols:,} columns of values; with the other "
                f"sheets that is more than the {limits.max_cells:,} cells a workbook may hold",
                f"工作表 {name} 的数值跨 {rows:,} 行 × {cols:,} 列，连同其他工作表超过一个工作簿"
                f"允许的 {limits.max_cells:,} 个单元格",
            )
        self.left -= rows * cols


def _check_sheet_shapes(shapes: dict[str, xlsx_cells.SheetXml], budget: _Budget) -> None:
    """Charge the sheets the reader will load, measuring a sheet exactly only when its quick
    bound (see :func:`scoring.io.xlsx_cells.measure_sheet`) does not already show the workbook
    within the limits."""
    bounds = {name: (s.rows, s.cols) for name, s in shapes.items()}
    if not budget.fits(bounds) and not all(s.exact for s in shapes.values()):
        for name, shape in shapes.items():
            if not shape.exact:
                shapes[name] = xlsx_cells.measure_sheet(shape.xml, quick=False)
        bounds = {name: (s.rows, s.cols) for name, s in shapes.items()}
    budget.spend_all(bounds)


# --------------------------------------------------------------------------- calamine


def _read_values(data: bytes, path: Path, fmt: str, budget: _Budget, wanted: SheetFilter | None,
                 shapes: dict[str, tuple[int, int]]) -> list[RawSheet]:
    """The worksheets' values from python-calamine: the wanted ones whole, the others by name.

    ``shapes`` (the rectangles measured before) are charged again for the copy of an .xls
    or .ods sheet the reader hands out; an .xlsx or .xlsb sheet is loaded only then, and was
    charged before the workbook was opened.
    """
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            visible = meta.visible == python_calamine.SheetVisibleEnum.Visible
            rows = (_sheet_rows(book, meta.name, fmt, budget, wanted, shapes)
                    if _wanted(wanted, meta.name) else [])
            sheets.append(RawSheet(name=meta.name, rows=rows, visible=visible))
        return sheets
    except python_calamine.PasswordError:
        raise _password_protected(path)
    except SubmissionRejected:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except MemoryError:
        raise _too_large(path, "it needs more memory than is available", "读取它所需的内存超过可用内存")
    except BaseException as exc:  # noqa: BLE001 - calamine's Rust panics are BaseException
        detail = _reader_error(data, fmt, exc)
        if "password" in detail.lower() or "encrypt" in detail.lower():
            raise _password_protected(path)
        name = _FORMAT_NAMES.get(fmt, fmt)
        raise SubmissionRejected(
            "unreadable",
            f"{path.name}: the {name} file cannot be read (the reader says: {detail}); "
            "open it in Excel or WPS, save it as .xlsx and send it again",
            f"{path.name}：无法读取该 {name} 文件（读取程序提示：{detail}）；"
            "请用 Excel 或 WPS 打开，另存为 .xlsx 后重新发送",
        )


_FORMAT_NAMES = {"xlsx": ".xlsx", "xlsb": ".xlsb", "xls": ".xls", "ods": ".ods"}


def _sheet_rows(book, name: str, fmt: str, budget: _Budget, wanted: SheetFilter | None,
                shapes: dict[str, tuple[int, int]]) -> list[list[object]]:
    """One sheet's rows from A1; only its first rows when they show no expected layout."""
    if fmt in ("xls", "ods") and name in shapes:
        budget.spend(name, *shapes[name])  # the reader hands out a copy of the sheet it holds
    sheet = book.get_sheet_by_name(name)
    end = sheet.end  # the last row and column with a value, 0-based; None when empty
    rows, cols = (end[0] + 1, end[1] + 1) if end else (0, 0)
    if wanted is not None and rows * cols > _SMALL_SHEET_CELLS:
        head = sheet.to_python(skip_empty_area=False, nrows=wanted.head_rows)
        if not wanted.layout(name, head):
            return head  # clearly not what a submission holds: read no further
    budget.spend(name, rows, cols)
    return sheet.to_python(skip_empty_area=False)


#: A sheet this small is taken whole at once; a larger one only after its first rows show the
#: expected layout (looking first costs more than reading a form's few hundred cells).
_SMALL_SHEET_CELLS = 20_000


def _reader_error(data: bytes, fmt: str, exc: BaseException) -> str:
    """The reader's own words for why it failed.

    Given bytes, python-calamine tries every format and reports only "Cannot detect file
    format"; given a file whose name says the format, it says what is wrong. So the file is
    handed to it again, under a name with the format's extension.
    """
    first = _short(exc)
    if "detect" not in first.lower() or fmt not in _FORMAT_NAMES:
        return first
    import tempfile  # only here, on a file the reader already failed on

    with tempfile.TemporaryDirectory(prefix="synergypilot-") as folder:
        named = Path(folder) / f"workbook{_FORMAT_NAMES[fmt]}"
        named.write_bytes(data)
        try:
            book = python_calamine.CalamineWorkbook.from_path(str(named))
            for sheet_name in book.sheet_names:
                book.get_sheet_by_name(sheet_name)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as again:  # noqa: BLE001 - as above
            return _short(again)
    return first


def _password_protected(path: Path) -> SubmissionRejected:
    return SubmissionRejected(
        "encrypted",
        f"{path.name}: the workbook is protected by a password; open it, remove the password "
        "(Excel or WPS: File > Info > Protect Workbook > Encrypt with Password, clear it; "
        "LibreOffice: File > Save As, untick 'Save with password'), save and send it again",
        f"{path.name}：工作簿设置了密码；请打开文件，取消密码（Excel 或 WPS：文件 > 信息 > 保护工作簿 > "
        "用密码进行加密，清空密码；LibreOffice：文件 > 另存为，取消勾选“使用密码保存”），保存后重新发送",
    )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


# --------------------------------------------------------------------------- OLE (.xls)


def _read_ole_workbook(data: bytes, path: Path, limits: Limits, wanted: SheetFilter | None) -> RawWorkbook:
    try:
        container = biff.CompoundFile(data)
        names = {name.casefold() for name in container.stream_names()}
    except biff.BiffError as exc:
        # A container too damaged to walk may still name its encrypted stream; saying
        # "remove the password" helps the sender more than "damaged" then.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise _password_protected(path)
        raise _damaged(path, str(exc), str(exc))
    if names & {"encryptedpackage", "encryptioninfo"}:
        raise _password_protected(path)
    stream = container.find("Workbook", "Book")
    if stream is None:
        kind = ("word" if "worddocument" in names
                else "powerpoint" if "powerpoint document" in names else "ole")
        raise _refused_kind(path, kind)
    if stream not in ("Workbook", "Book", "WORKBOOK", "BOOK"):
        # The reader finds the stream in Excel's spelling or in capitals, not in others.
        data = container.renamed(stream, "Workbook" if stream.casefold() == "workbook" else "Book")
    scan = _scan_xls(container, path)
    if scan is not None and wanted is not None and not any(_wanted(wanted, s.name) for s in scan.sheets):
        # Nothing to read: the sheets' names are all a reader needs, and the record walk has them.
        return RawWorkbook(path=path, format="xls",
                           sheets=[RawSheet(s.name, [], s.visible) for s in scan.sheets])
    shapes = {s.name: (s.rows, s.cols) for s in scan.sheets} if scan is not None else {}
    if scan is not None and wanted is not None:
        try:
            fewer = biff.leave_sheets_out(container, data, functools.partial(_wanted, wanted))
        except (biff.BiffError, struct.error, IndexError):
            fewer = None  # the reader loads them all, as it would anyway
        if fewer is not None:
            data = fewer
            shapes = {name: shape for name, shape in shapes.items() if _wanted(wanted, name)}
    budget = _Budget(path, limits)
    budget.spend_all(shapes)  # the reader loads every sheet left in when it opens the file
    sheets = _read_values(data, path, "xls", budget, wanted, shapes)
    if scan is not None:
        biff.apply_notes(scan, sheets, _put)
    return RawWorkbook(path=path, format="xls", sheets=sheets)


def _scan_xls(container: biff.CompoundFile, path: Path) -> biff.XlsScan | None:
    """Percent, error and formula notes of an .xls; None when its records cannot be walked."""
    try:
        return biff.scan_workbook(container)
    except biff.EncryptedBiff:
        raise _password_protected(path)
    except biff.BiffError:
        # Older BIFF versions or damaged records: calamine reads the values (or says why
        # not), the notes are just not added.
        return None


# --------------------------------------------------------------------------- xlsx notes


def _add_xlsx_notes(parts: _Package, sheets: list[RawSheet], shapes: dict[str, xlsx_cells.SheetXml]) -> None:
    """Mark percent-formatted, error and uncalculated formula cells, which calamine hides."""
    styles = parts.kept.get(parts.targets.get("styles", "xl/styles.xml"))
    percent_styles = _percent_styles(styles) if styles else frozenset()
    for sheet in sheets:
        shape = shapes.get(sheet.name)
        if shape is not None:
            sheet.notes = xlsx_cells.scan_sheet_cells(shape, percent_styles, sheet, _put)


def _elements(xml: bytes) -> list[tuple[str, dict[str, str]]]:
    """(namespace-uri + " " + local name, attributes) of every element, in document order."""
    found: list[tuple[str, dict[str, str]]] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = lambda tag, attrs: found.append((tag, attrs))
    parser.Parse(xml, True)
    return found


def _put(sheet: RawSheet, row: int, col: int, value: object) -> None:
    """Write a value into the grid where calamine left the cell blank (an error's text)."""
    while len(sheet.rows) <= row:
        sheet.rows.append([])
    values = sheet.rows[row]
    while len(values) <= col:
        values.append("")
    values[col] = value


def assert_defused_xml() -> None:
    """Refuse to start when openpyxl would parse XML without defusedxml's protections.

    openpyxl opens templates and writes workbooks; it switches to defusedxml by itself when
    that is installed, and this check (for start-up) makes a missing install loud.

    Raises
    ------
    RuntimeError
        When defusedxml is not installed or openpyxl does not use it.
    """
    import openpyxl.xml

    if not getattr(openpyxl.xml, "DEFUSEDXML", False):
        raise RuntimeError("defusedxml is not installed, so openpyxl would parse XML unprotected; "
                           "run `make install` (it is pinned in requirements.txt)")

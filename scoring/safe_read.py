"""Reading a spreadsheet someone sent us, by content rather than by file name.

This module is the one door through which workbook bytes enter the program. It treats every
file as hostile until checked: limits on size, zip members and inflated size come first (the
inflated size is enforced while inflating, not only read from the zip directory), any XML part
with a DOCTYPE is refused, and the cell area a sheet would occupy is measured before
python-calamine allocates it (calamine allocates the whole rectangle between the first and the
last cell, so two far-apart cells in a 1 KB file would otherwise ask for hundreds of GB).
Then it reads the values with calamine and adds what calamine does not report: which numbers
are formatted as percentages, which formulas have no cached value, and which cells are error
cells (xlsx, xlsm and ods here; xls in :mod:`scoring.biff`).

Everything that goes wrong is a :class:`SubmissionRejected` with a reason from
``model.REJECTION_REASONS`` and a message that names the file and says what to do.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

import python_calamine

from scoring import biff

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
        Rows per sheet, counted to the last row that holds anything.
    max_cells : int
        Cells of all sheets' rectangles (A1 to the last row and column), which is what the
        reader allocates; 5 million is about 400 MB in the reader and in Python.
    max_xml_part_bytes : int
        Workbook, relationship and style parts, which are parsed whole.
    """

    max_file_bytes: int = 50 * MB
    max_members: int = 1000
    max_uncompressed_bytes: int = 200 * MB
    max_rows: int = 100_000
    max_cells: int = 5_000_000
    max_xml_part_bytes: int = 20 * MB


DEFAULT_LIMITS = Limits()

_NS_MAIN_URI = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL_URI = "http://schemas.openxmlformats.org/package/2006/relationships"
#: Excel's built-in percentage formats (0% and 0.00%).
_BUILTIN_PERCENT_FORMATS = frozenset({9, 10})
_QUOTED = re.compile(r'"[^"]*"|\\.')
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

    def __init__(self, reason: str, message: str, message_zh: str = ""):
        super().__init__(message)
        self.reason = reason
        self.message = message
        #: The same in Chinese ("" where none was written: the English is shown then).
        self.message_zh = message_zh


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


# --------------------------------------------------------------------------- entry points


def read_workbook(path: str | Path, limits: Limits | None = None) -> RawWorkbook:
    """Read every sheet of a workbook file.

    Parameters
    ----------
    path : str or Path
    limits : Limits, optional
        Defaults to :data:`DEFAULT_LIMITS`.

    Returns
    -------
    RawWorkbook

    Raises
    ------
    SubmissionRejected
        With reason ``unreadable``, ``encrypted``, ``too_large`` or ``unsafe_xml``.
    """
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    try:
        size = path.stat().st_size
        # The size is checked before reading, so a huge file never enters memory.
        _check_file_size(size, path, limits)
        data = path.read_bytes()
    except OSError as exc:
        raise SubmissionRejected(
            "unreadable", f"{path.name}: cannot be opened ({exc.strerror or exc}); check that "
            "the file exists and is not open in another program",
            f"{path.name}：无法打开（{exc.strerror or exc}）；请确认文件存在且未被其他程序占用",
        )
    return read_workbook_bytes(data, path, limits)


def read_workbook_bytes(data: bytes, path: Path, limits: Limits | None = None) -> RawWorkbook:
    """Read a workbook already in memory; ``path`` names it in messages.

    See :func:`read_workbook` for the parameters and the exceptions.
    """
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    if not data:
        raise SubmissionRejected("unreadable", f"{path.name}: the file is empty; send the workbook again",
                                 f"{path.name}：文件是空的；请重新发送工作簿")
    _check_file_size(len(data), path, limits)
    if data.startswith(ZIP_MAGIC):
        return _read_zip_workbook(data, path, limits)
    if data.startswith(OLE_MAGIC):
        return _read_ole_workbook(data, path, limits)
    what, what_zh = _describe_foreign(data)
    raise SubmissionRejected("unreadable", f"{path.name}: {what}", f"{path.name}：{what_zh}")


def _check_file_size(size: int, path: Path, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise SubmissionRejected(
            "too_large",
            f"{path.name}: the file is {size / MB:.1f} MB, over the limit of "
            f"{limits.max_file_bytes / MB:.0f} MB; remove pictures and unused sheets, or "
            "split it, and send it again",
            f"{path.name}：文件大小 {size / MB:.1f} MB，超过 {limits.max_file_bytes / MB:.0f} MB 的上限；"
            "请删除图片和不用的工作表，或拆分后重新发送",
        )


def _describe_foreign(data: bytes) -> tuple[str, str]:
    """Say what a non-spreadsheet file seems to be, so the sender knows what went wrong
    (in English and in Chinese)."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        what = "this is a PDF document, not an Excel or OpenDocument spreadsheet"
        what_zh = "这是 PDF 文档，不是 Excel 或 OpenDocument 电子表格"
    elif head[:5].lower() in (b"<html", b"<!doc") or head.startswith(b"<?xml"):
        what = "this is a web page or XML file, not an Excel or OpenDocument spreadsheet"
        what_zh = "这是网页或 XML 文件，不是 Excel 或 OpenDocument 电子表格"
    elif _looks_like_text(head):
        what = ("this is a plain text file (perhaps CSV saved under a spreadsheet name), not an Excel "
                "or OpenDocument spreadsheet")
        what_zh = "这是纯文本文件（可能是改了扩展名的 CSV），不是 Excel 或 OpenDocument 电子表格"
    else:
        what = "this is not an Excel or OpenDocument spreadsheet"
        what_zh = "这不是 Excel 或 OpenDocument 电子表格"
    return (f"{what}; open it in Excel or WPS, save it as .xlsx and send it again",
            f"{what_zh}；请用 Excel 或 WPS 打开，另存为 .xlsx 后重新发送")


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\0" not in head


def _not_a_spreadsheet(path: Path) -> SubmissionRejected:
    return SubmissionRejected(
        "unreadable",
        f"{path.name}: this is not an Excel or OpenDocument spreadsheet; save it as .xlsx and "
        "send it again",
        f"{path.name}：这不是 Excel 或 OpenDocument 电子表格；请另存为 .xlsx 后重新发送",
    )


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
    )


# --------------------------------------------------------------------------- zip packages


def _read_zip_workbook(data: bytes, path: Path, limits: Limits) -> RawWorkbook:
    parts = _inflate_package(data, path, limits)
    fmt = sniff_format(data[:8], list(parts.names))
    if fmt == "xlsx":
        shapes = _xlsx_sheet_shapes(parts, path)
        _check_sheet_shapes(shapes, path, limits)
        sheets = _read_values(data, path, limits)
        _add_xlsx_notes(parts, sheets, shapes)
    elif fmt == "ods":
        scan = _scan_ods(parts.xml("content.xml"), path)
        _check_shapes({name: (rows, cols) for name, (rows, cols, _) in scan.items()}, path, limits)
        sheets = _read_values(data, path, limits)
        _add_ods_notes(scan, sheets)
    else:
        raise _not_a_spreadsheet(path)
    return RawWorkbook(path=path, format=fmt, sheets=sheets)


class _Package:
    """The inflated parts of a zip package that the notes need, checked on the way in."""

    #: Parts kept after inflating (the rest are inflated only to check and count them).
    KEEP = re.compile(r"^(xl/workbook\.xml|xl/_rels/workbook\.xml\.rels|xl/styles\.xml|"
                      r"xl/worksheets/[^/]+\.xml|content\.xml)$")

    def __init__(self, names: list[str]):
        self.names = names
        self.kept: dict[str, bytes] = {}

    def xml(self, name: str) -> bytes:
        """A kept part's bytes (``KeyError`` when the package has no such part)."""
        return self.kept[name]


def _inflate_package(data: bytes, path: Path, limits: Limits) -> _Package:
    """Check a zip's directory against the limits, then inflate its parts under a budget.

    The parts calamine or the notes read are inflated whole, checking each against its
    declared size and the budget as it grows and searching it for a DTD; of the other parts
    (themes, pictures, document properties), which nothing reads, only the head is inflated,
    enough to find a DTD where one has to stand (before the first element).
    """
    _check_member_count(data, path, limits)
    infos = _plain_zip_directory(data)
    if infos is None:  # zip64, a comment, data before the zip...: zipfile reads those
        try:
            infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
            raise _damaged(path, f"not a complete zip package: {_short(exc)}",
                           f"不是完整的 zip 压缩包：{_short(exc)}")
    _check_directory(infos, path, limits)
    package = _Package([info.filename for info in infos])
    budget = limits.max_uncompressed_bytes
    view = memoryview(data)
    for info in infos:
        whole = _READ_PARTS.match(info.filename) is not None
        content = _inflate_member(view, info, path, budget) if whole else _inflate_head(view, info, path)
        budget -= len(content) if whole else 0
        if _looks_like_xml(info.filename, content) and _has_dtd(content):
            raise _unsafe_xml(path, info.filename)
        if _Package.KEEP.match(info.filename):
            package.kept[info.filename] = content
    return package


#: Parts that calamine (or the notes) inflate and parse: everything at the top of xl/,
#: relationships, worksheets, and the OpenDocument parts.
_READ_PARTS = re.compile(r"^(\[Content_Types\]\.xml|_rels/.*|xl/[^/]+|xl/_rels/.*|xl/worksheets/.*|"
                         r"content\.xml|styles\.xml|meta\.xml|settings\.xml|mimetype|META-INF/.*)$")
_HEAD_BYTES = 64 * 1024


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


def _plain_zip_directory(data: bytes) -> list[_Member] | None:
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
        members.append(_Member(name.split("\0", 1)[0], flags, method, crc, compressed, inflated, offset))
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


def _inflate_member(view: memoryview, info: _Entry, path: Path, budget: int) -> bytes:
    """Inflate one member, at most its declared size and at most ``budget`` bytes.

    A part that inflates beyond what the zip directory declares is a zip bomb in disguise:
    the inflater is never allowed to produce more than one byte past the declared size, so
    refusing it costs almost nothing.
    """
    payload = _member_payload(view, info, path)
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


def _inflate_head(view: memoryview, info: _Entry, path: Path) -> bytes:
    """The first bytes of a part nothing reads (enough to look for a DTD)."""
    payload = _member_payload(view, info, path)
    if info.compress_type == zipfile.ZIP_STORED:
        return bytes(payload[:_HEAD_BYTES])
    try:
        return zlib.decompressobj(-15).decompress(payload, _HEAD_BYTES)
    except zlib.error as exc:
        raise _damaged(path, f"the part {info.filename} cannot be inflated: {exc}",
                       f"部件 {info.filename} 无法解压：{exc}")


# --------------------------------------------------------------------------- sheet shapes


def _check_shapes(shapes: dict[str, tuple[int, int]], path: Path, limits: Limits) -> None:
    """Refuse sheets whose rectangle (A1 to the last used cell) is over the limits."""
    total = 0
    for name, (rows, cols) in shapes.items():
        if rows > limits.max_rows:
            raise _too_large(path, f"the sheet {name} reaches row {rows:,}, over the limit of "
                             f"{limits.max_rows:,} rows",
                             f"工作表 {name} 达到第 {rows:,} 行，超过 {limits.max_rows:,} 行的上限")
        total += rows * cols
        if total > limits.max_cells:
            raise _too_large(
                path,
                f"the sheet {name} spans {rows:,} rows by {cols:,} columns, more than the "
                f"{limits.max_cells:,} cells a workbook may span",
                f"工作表 {name} 跨 {rows:,} 行 × {cols:,} 列，"
                f"超过一个工作簿允许的 {limits.max_cells:,} 个单元格",
            )


def _check_sheet_shapes(shapes: dict[str, _SheetXml], path: Path, limits: Limits) -> None:
    """Check the sheets' rectangles, measuring a sheet exactly only when its quick bound
    (see :func:`_measure_sheet`) does not already show the workbook within the limits."""
    try:
        _check_shapes({name: (s.rows, s.cols) for name, s in shapes.items()}, path, limits)
    except SubmissionRejected:
        if all(s.exact for s in shapes.values()):
            raise
        exact = {name: s if s.exact else _measure_sheet(s.xml, quick=False) for name, s in shapes.items()}
        _check_shapes({name: (s.rows, s.cols) for name, s in exact.items()}, path, limits)


def _check_grid(sheets: list[RawSheet], path: Path, limits: Limits) -> None:
    """The same limits on what was actually read (the only check an .xls gets before)."""
    _check_shapes({s.name: (len(s.rows), max(map(len, s.rows), default=0)) for s in sheets},
                  path, limits)


def _tag(prefix: bytes, name: bytes) -> bytes:
    """A regex for the start tag ``name`` with the document's namespace prefix (may be empty)."""
    return b"<" + re.escape(prefix) + name + rb"(?=[\s>/])"


def _root_prefix(xml: bytes) -> bytes:
    """Namespace prefix of the root element (``x:`` in files from the OpenXML SDK), or b""."""
    match = re.search(rb"<(?![?!])([A-Za-z_][\w.-]*:)?[A-Za-z_]", xml[:4096])
    return match.group(1) or b"" if match else b""


@dataclass
class _SheetXml:
    """What the shape scan learnt about one worksheet part."""

    xml: bytes
    prefix: bytes
    rows: int
    cols: int
    #: True when every row and cell carries its reference (r="B3"), as Excel and almost every
    #: writer do; positions then come from the references alone.
    referenced: bool
    #: False when rows and cols are only an upper bound (a small sheet, see _measure_sheet).
    exact: bool = True


_CELL_REF = re.compile(rb"""\br=["']([A-Z]{1,3})(\d{1,7})["']""")
_ROW_REF = re.compile(rb"""\br=["'](\d{1,7})["']""")


def _xlsx_sheet_shapes(parts: _Package, path: Path) -> dict[str, _SheetXml]:
    """Each sheet's part and the rectangle calamine would allocate for it."""
    try:
        sheet_parts = _sheet_parts(parts)
    except (KeyError, expat.ExpatError, ValueError):
        return {}
    shapes: dict[str, _SheetXml] = {}
    for name, member in sheet_parts.items():
        if member in parts.kept:
            shapes[name] = _measure_sheet(parts.kept[member])
    return shapes


#: Any ``r`` attribute that looks like a cell or row reference. Only rows and cells carry
#: such values, and a stray match elsewhere could only make the rectangle larger.
_REFERENCE = re.compile(rb"""r=["']([A-Z]{0,3})(\d{1,7})["']""")


#: A reference past column Z or past row 999: such a sheet is measured exactly.
_FAR_REFERENCE = re.compile(rb'r="(?:[A-Z]{2}|[A-Z]?\d{4})')
#: Small sheets are bounded by A1:Z999 without finding their last cell.
_SMALL_ROWS, _SMALL_COLS = 999, 26


def _measure_sheet(xml: bytes, quick: bool = True) -> _SheetXml:
    """The rectangle a worksheet part spans, from its references.

    With ``quick``, a sheet whose every row and cell has a reference within A1:Z999 (a
    submission form) is given that rectangle as an upper bound, at a third of the cost of
    finding its last cell; :func:`_check_sheet_shapes` measures exactly when a bound is not
    enough.
    """
    prefix = _root_prefix(xml)
    if quick and _FAR_REFERENCE.search(xml) is None and _all_referenced(xml, prefix):
        return _SheetXml(xml, prefix, _SMALL_ROWS, _SMALL_COLS, referenced=True, exact=False)
    if not _all_referenced(xml, prefix):
        rows, cols = _count_positions(xml, prefix)
        return _SheetXml(xml, prefix, rows, cols, referenced=False)
    refs = set(_REFERENCE.findall(xml))
    if not refs:
        return _SheetXml(xml, prefix, 0, 0, referenced=True)
    letters, numbers = zip(*refs, strict=True)
    rows = max(map(int, set(numbers)))
    widest = max(set(letters), key=lambda s: (len(s), s))
    cols = _column_index(widest.decode("ascii")) + 1 if widest else 0
    return _SheetXml(xml, prefix, rows, cols, referenced=True)


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


# --------------------------------------------------------------------------- calamine


def _read_values(data: bytes, path: Path, limits: Limits) -> list[RawSheet]:
    try:
        sheets = _calamine_sheets(data)
    except python_calamine.PasswordError:
        raise _password_protected(path)
    except (KeyboardInterrupt, SystemExit):
        raise
    except MemoryError:
        raise _too_large(path, "it needs more memory than is available", "读取它所需的内存超过可用内存")
    except BaseException as exc:  # noqa: BLE001 - calamine's Rust panics are BaseException
        raise SubmissionRejected(
            "unreadable",
            f"{path.name}: the spreadsheet cannot be read ({_short(exc)}); open it in Excel or "
            "WPS, save it as .xlsx and send it again",
            f"{path.name}：无法读取该电子表格（{_short(exc)}）；"
            "请用 Excel 或 WPS 打开，另存为 .xlsx 后重新发送",
        )
    _check_grid(sheets, path, limits)
    return sheets


def _calamine_sheets(data: bytes) -> list[RawSheet]:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = []
    for meta in book.sheets_metadata:
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            continue
        rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        visible = meta.visible == python_calamine.SheetVisibleEnum.Visible
        sheets.append(RawSheet(name=meta.name, rows=rows, visible=visible))
    return sheets


def _password_protected(path: Path) -> SubmissionRejected:
    return SubmissionRejected(
        "encrypted",
        f"{path.name}: the workbook is protected by a password; open it, remove the password "
        "(File > Info > Protect Workbook > Encrypt with Password, clear it), save and send it "
        "again",
        f"{path.name}：工作簿设置了密码；请打开文件，取消密码（文件 > 信息 > 保护工作簿 > "
        "用密码进行加密，清空密码），保存后重新发送",
    )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


# --------------------------------------------------------------------------- OLE (.xls)


def _read_ole_workbook(data: bytes, path: Path, limits: Limits) -> RawWorkbook:
    try:
        container = biff.CompoundFile(data)
        names = container.stream_names()
    except biff.BiffError as exc:
        # A container too damaged to walk may still name its encrypted stream; saying
        # "remove the password" helps the sender more than "damaged" then.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise _password_protected(path)
        raise _damaged(path, str(exc), str(exc))
    if "EncryptedPackage" in names:
        raise _password_protected(path)
    if "Workbook" not in names and "Book" not in names:
        raise SubmissionRejected(
            "unreadable",
            f"{path.name}: this is an Office file but not an Excel workbook (a Word or "
            "PowerPoint file?); send the .xlsx workbook instead",
            f"{path.name}：这是 Office 文件，但不是 Excel 工作簿（Word 或 PowerPoint 文件？）；"
            "请改发 .xlsx 工作簿",
        )
    scan = _scan_xls(container, path)
    if scan is not None:
        _check_shapes({s.name: (s.rows, s.cols) for s in scan.sheets}, path, limits)
    sheets = _read_values(data, path, limits)
    if scan is not None:
        biff.apply_notes(scan, sheets, _put)
    return RawWorkbook(path=path, format="xls", sheets=sheets)


def _scan_xls(container: biff.CompoundFile, path: Path) -> biff.XlsScan | None:
    """Percent, error and formula notes of an .xls; None when its records are not BIFF8."""
    try:
        return biff.scan_workbook(container)
    except biff.EncryptedBiff:
        raise _password_protected(path)
    except biff.BiffError:
        # Older BIFF versions: calamine reads the values, the notes are just not added.
        return None


# --------------------------------------------------------------------------- xlsx notes


def _add_xlsx_notes(parts: _Package, sheets: list[RawSheet], shapes: dict[str, _SheetXml]) -> None:
    """Mark percent-formatted, error and uncalculated formula cells, which calamine hides."""
    percent_styles = _percent_style_indices(parts)
    for sheet in sheets:
        shape = shapes.get(sheet.name)
        if shape is not None:
            sheet.notes = _scan_sheet_cells(shape, percent_styles, sheet)


def _sheet_parts(parts: _Package) -> dict[str, str]:
    """Sheet name → zip member of its XML, resolved through the workbook relationships.

    Parsed with expat directly, without a tree: the package has already been checked for
    DTDs, and expat never fetches external entities.
    """
    targets = {attrs.get("Id"): attrs.get("Target", "")
               for tag, attrs in _elements(parts.xml("xl/_rels/workbook.xml.rels"))
               if tag == f"{_NS_PKG_REL_URI} Relationship"}
    found = {}
    for tag, attrs in _elements(parts.xml("xl/workbook.xml")):
        if tag != f"{_NS_MAIN_URI} sheet":
            continue
        target = targets.get(attrs.get(f"{_NS_REL_URI} id"), "")
        if target.startswith("/"):
            member = target.lstrip("/")
        else:
            member = posixpath.normpath(posixpath.join("xl", target))
        found[attrs.get("name", "")] = member
    return found


def _elements(xml: bytes) -> list[tuple[str, dict[str, str]]]:
    """(namespace-uri + " " + local name, attributes) of every element, in document order."""
    found: list[tuple[str, dict[str, str]]] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = lambda tag, attrs: found.append((tag, attrs))
    parser.Parse(xml, True)
    return found


def _is_percent_format(code: str) -> bool:
    return "%" in _QUOTED.sub("", code)


_NUM_FMT = re.compile(rb"<(?:\w+:)?numFmt\b([^>]*)>")
_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*)>")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", re.S)


def _attr(attrs: bytes, name: bytes) -> str | None:
    match = re.search(rb"\b" + name + rb"""=(["'])(.*?)\1""", attrs, re.S)
    if match is None:
        return None
    return _unescape(match.group(2).decode("utf-8", "replace"))


def _unescape(text: str) -> str:
    for entity, char in (("&quot;", '"'), ("&apos;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


def _percent_style_indices(parts: _Package) -> frozenset[int]:
    """Indices of cell formats (``s`` attributes) whose number format shows a percentage.

    Read with regular expressions rather than a tree: a styles part can hold millions of
    formats, and a tree of them would cost gigabytes.
    """
    styles = parts.kept.get("xl/styles.xml")
    if not styles:
        return frozenset()
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


def _scan_sheet_cells(
    shape: _SheetXml, percent_styles: frozenset[int], sheet: RawSheet
) -> dict[tuple[int, int], str]:
    """Notes for the cells calamine reads without saying what they are.

    Only cells that can carry a note are looked at (errors, formulas, percent styles): a
    sheet of plain values costs three searches, not a pass per cell.
    """
    xml, prefix = shape.xml, shape.prefix
    errors = b't="e"' in xml or b"t='e'" in xml
    formulas = b"<" + prefix + b"f" in xml
    percents = bool(percent_styles) and (b' s="' in xml or b" s='" in xml)
    if not (errors or formulas or percents):
        return {}
    notes: dict[tuple[int, int], str] = {}
    if shape.referenced and not formulas:
        # Only the cells that can carry a note: an error type or a percentage style, picked out
        # by the regex engine instead of a Python step per cell (most sheets have styles).
        matches = _candidate_cells(prefix, errors, percent_styles if percents else frozenset()).finditer(xml)
        positions = None
    else:
        cell = re.compile(_tag(prefix, b"c") + rb"([^>]*?)(?:/>|>(.*?)</" + re.escape(prefix) + rb"c>)", re.S)
        matches = cell.finditer(xml)
        positions = None if shape.referenced else _positioned_cells(xml, prefix)
    for match in matches:
        position = _cell_position(match.group(1), positions)
        note = _cell_note(match.group(1), match.group(2) or b"", prefix, percent_styles)
        if note is None or position is None:
            continue
        kind, error_text = note
        notes[position] = kind
        if error_text is not None:
            _put(sheet, *position, error_text)
    return notes


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
    if re.search(_tag(prefix, b"f"), body) and value is None:
        return "formula_without_value", None
    style = _attr(attrs, b"s")
    if kind == "n" and value is not None and style and style.isdigit() and int(style) in percent_styles:
        return "percent", None
    return None


def _put(sheet: RawSheet, row: int, col: int, value: object) -> None:
    """Write a value into the grid where calamine left the cell blank (an error's text)."""
    while len(sheet.rows) <= row:
        sheet.rows.append([])
    values = sheet.rows[row]
    while len(values) <= col:
        values.append("")
    values[col] = value


# --------------------------------------------------------------------------- ods


_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ODS_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_ODS_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODS_CELLS = (f"{_ODS_TABLE} table-cell", f"{_ODS_TABLE} covered-table-cell")
#: A note, with the error text to show when it is an error cell.
OdsNotes = dict[tuple[int, int], tuple[str, str | None]]


class _OdsScanner:
    """One streaming pass over content.xml: each table's used rectangle and its notes.

    Repeated rows and cells (``number-rows-repeated``) are counted, not expanded: a row of
    1,024 empty cells repeated a million times is how LibreOffice ends every sheet, and it
    must cost nothing; a repeated cell that holds a value counts in full.
    """

    def __init__(self):
        self.tables: dict[str, tuple[int, int, OdsNotes]] = {}
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
            self._table = None


def _repeat(attrs: dict[str, str], name: str) -> int:
    text = attrs.get(f"{_ODS_TABLE} {name}", "1")
    return int(text) if text.isdigit() and int(text) > 0 else 1


def _scan_ods(content: bytes, path: Path) -> dict[str, tuple[int, int, OdsNotes]]:
    """Shapes and notes of every table in an ODS content.xml (already checked for DTDs)."""
    scanner = _OdsScanner()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = scanner.start
    parser.EndElementHandler = scanner.end
    parser.CharacterDataHandler = scanner.text
    try:
        parser.Parse(content, True)
    except expat.ExpatError as exc:
        raise _damaged(path, f"content.xml is not well-formed: {exc}", f"content.xml 格式不正确：{exc}")
    return scanner.tables


def _add_ods_notes(scan: dict[str, tuple[int, int, OdsNotes]], sheets: list[RawSheet]) -> None:
    for sheet in sheets:
        if sheet.name not in scan:
            continue
        notes = scan[sheet.name][2]
        for position, (kind, error_text) in notes.items():
            sheet.notes[position] = kind
            if error_text is not None:
                _put(sheet, *position, error_text)


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

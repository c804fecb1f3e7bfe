"""Hand-built OLE compound files: a minimal BIFF8 ``.xls`` and an encrypted-xlsx container.

xlwt is not installed and LibreOffice may not be, so the legacy files a test needs are written
here from the published layouts ([MS-CFB] for the container, [MS-XLS] for the workbook stream).
Only what the readers look at is written: enough for Excel's format, not a general writer.
"""

from __future__ import annotations

import struct
from pathlib import Path

SECTOR = 512
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
#: Streams shorter than this would belong in the mini stream; padding them up keeps the
#: writer to regular sectors only, which every reader must support.
MINI_CUTOFF = 4096

# BIFF8 record types used below.
BOF, EOF, BOUNDSHEET, CODEPAGE, FILEPASS = 0x0809, 0x000A, 0x0085, 0x0042, 0x002F
DIMENSIONS, NUMBER, LABEL, BOOLERR = 0x0200, 0x0203, 0x0204, 0x0205
#: BIFF8 error codes of BOOLERR cells.
ERROR_CODES = {"#NULL!": 0x00, "#DIV/0!": 0x07, "#VALUE!": 0x0F, "#REF!": 0x17, "#NAME?": 0x1D,
               "#NUM!": 0x24, "#N/A": 0x2A}


class CellError(str):
    """A cell value written as an Excel error cell (e.g. ``CellError("#DIV/0!")``)."""


class Percent(float):
    """A number written with Excel's 0.00% format (``Percent(0.125)`` shows 12.50%)."""


#: Index of the cell format (XF) the writer gives percentages: after the 16 standard ones.
PERCENT_XF = 16
XF = 0x00E0


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding ``streams`` at its root."""
    padded = {name: data.ljust(MINI_CUTOFF, b"\0") for name, data in streams.items()}
    sizes = [-(-len(d) // SECTOR) for d in padded.values()]
    n_dir = -(-(len(padded) + 1) // 4)
    n_sectors = n_dir + sum(sizes)
    n_fat = -(-(n_sectors + 1) // (SECTOR // 4))
    while -(-(n_sectors + n_fat) // (SECTOR // 4)) > n_fat:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("too big for a header-only DIFAT")
    fat = [FATSECT] * n_fat + _chain(n_fat, n_dir)
    starts = []
    for size in sizes:
        starts.append(len(fat))
        fat += _chain(len(fat), size)
    fat += [FREESECT] * (n_fat * SECTOR // 4 - len(fat))
    directory = _dir_entry("Root Entry", 5, ENDOFCHAIN, 0, child=1 if padded else NOSTREAM)
    for i, (name, data) in enumerate(padded.items()):
        right = i + 2 if i + 1 < len(padded) else NOSTREAM
        directory += _dir_entry(name, 2, starts[i], len(data), right=right)
    directory = directory.ljust(n_dir * SECTOR, b"\0")
    body = struct.pack(f"<{len(fat)}I", *fat) + directory + b"".join(
        d.ljust(s * SECTOR, b"\0") for d, s in zip(padded.values(), sizes, strict=True)
    )
    return _header(n_fat, first_dir=n_fat) + body


def _chain(start: int, length: int) -> list[int]:
    return [start + i + 1 for i in range(length - 1)] + [ENDOFCHAIN] if length else []


def _header(n_fat: int, first_dir: int) -> bytes:
    difat = list(range(n_fat)) + [FREESECT] * (109 - n_fat)
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
        + struct.pack("<IIIIIIII", 0, n_fat, first_dir, 0, MINI_CUTOFF, ENDOFCHAIN, 0, ENDOFCHAIN)
        + struct.pack("<I", 0)
        + struct.pack("<109I", *difat)
    )[:SECTOR].ljust(SECTOR, b"\0")


def _dir_entry(name: str, kind: int, start: int, size: int, *, child=NOSTREAM, right=NOSTREAM) -> bytes:
    raw = (name + "\0").encode("utf-16-le")
    return (
        raw.ljust(64, b"\0")
        + struct.pack("<HBB", len(raw), kind, 1)
        + struct.pack("<III", NOSTREAM, right, child)
        + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
        + struct.pack("<IQ", start, size)
    )


def _record(kind: int, payload: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(payload)) + payload


def _unicode(text: str, length_bytes: int) -> bytes:
    """XLUnicodeString (``length_bytes`` 2) or ShortXLUnicodeString (1), compressed when ASCII."""
    wide = any(ord(ch) > 0xFF for ch in text)
    chars = text.encode("utf-16-le") if wide else text.encode("latin-1")
    size = struct.pack("<H" if length_bytes == 2 else "<B", len(text))
    return size + bytes([1 if wide else 0]) + chars


def _cell_record(row: int, col: int, value: object) -> bytes:
    head = struct.pack("<HHH", row, col, PERCENT_XF if isinstance(value, Percent) else 15)
    if isinstance(value, CellError):
        return _record(BOOLERR, head + bytes([ERROR_CODES[str(value)], 1]))
    if isinstance(value, bool):
        return _record(BOOLERR, head + bytes([int(value), 0]))
    if isinstance(value, (int, float)):
        return _record(NUMBER, head + struct.pack("<d", float(value)))
    return _record(LABEL, head + _unicode(str(value), 2))


def _xf(index: int) -> bytes:
    """XF records: 0-14 cell styles, 15 the default cell format, 16 the 0.00% format (id 10)."""
    number_format = 10 if index == PERCENT_XF else 0
    flags = 0xFFF5 if index < 15 else 0x0001  # style XF, or cell XF locked with parent style 0
    return _record(XF, struct.pack("<HHH", 0, number_format, flags) + b"\0" * 14)


def _sheet_stream(rows: list[list[object]]) -> bytes:
    width = max((len(r) for r in rows), default=0)
    out = _record(BOF, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 0x06))
    out += _record(DIMENSIONS, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                out += _cell_record(r, c, value)
    return out + _record(EOF)


def biff8_workbook(sheets: dict[str, list[list[object]]], *, hidden: tuple[str, ...] = (),
                   password_protected: bool = False) -> bytes:
    """The ``Workbook`` stream of an .xls with these sheets (rows of values, None = blank).

    ``password_protected`` adds the FILEPASS record Excel writes for an encrypted .xls (the
    cell records are left readable: the reader must refuse the file before reading them).
    """
    globals_ = _record(BOF, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06))
    if password_protected:
        globals_ += _record(FILEPASS, struct.pack("<HHH", 1, 1, 1) + b"\0" * 48)
    globals_ += _record(CODEPAGE, struct.pack("<H", 1200))
    globals_ += b"".join(_xf(i) for i in range(PERCENT_XF + 1))
    bodies = [_sheet_stream(rows) for rows in sheets.values()]
    bound = [_unicode(name, 1) for name in sheets]
    offset = len(globals_) + sum(len(_record(BOUNDSHEET, b"\0" * 6 + b)) for b in bound) + 4
    for name, label, body in zip(sheets, bound, bodies, strict=True):
        state = 1 if name in hidden else 0
        globals_ += _record(BOUNDSHEET, struct.pack("<IBB", offset, state, 0) + label)
        offset += len(body)
    return globals_ + _record(EOF) + b"".join(bodies)


def write_xls(path: Path, sheets: dict[str, list[list[object]]], **options) -> Path:
    """Write a BIFF8 .xls file; see :func:`biff8_workbook` for ``options``."""
    path.write_bytes(compound_file({"Workbook": biff8_workbook(sheets, **options)}))
    return path


def write_encrypted_xlsx(path: Path) -> Path:
    """An Office-encrypted workbook: an OLE file whose streams are EncryptionInfo and
    EncryptedPackage (the payload is random-looking filler, as real ciphertext would be)."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version=\"1.0\"?><encryption/>"
    package = struct.pack("<Q", 9000) + bytes((i * 7919) % 251 for i in range(9000))
    path.write_bytes(compound_file({"EncryptionInfo": info, "EncryptedPackage": package}))
    return path

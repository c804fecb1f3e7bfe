"""Zip-level builders: packages whose directory, sizes or XML parts are hostile or odd.

Python's zipfile always writes honest sizes, so the lying ones are assembled here record by
record ([APPNOTE] local headers, central directory, end record). Every builder writes into a
path the test gives (its tmp_path) and returns it.
"""

from __future__ import annotations

import functools
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass
class Member:
    """One zip entry; ``declared_size`` overrides the uncompressed size the directory states."""

    name: str
    payload: bytes  # compressed bytes as stored
    size: int  # true uncompressed size
    crc: int
    method: int = zipfile.ZIP_DEFLATED
    declared_size: int | None = None


def deflated(name: str, content: bytes) -> Member:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    payload = compressor.compress(content) + compressor.flush()
    return Member(name, payload, len(content), zlib.crc32(content))


def stored(name: str, content: bytes) -> Member:
    return Member(name, content, len(content), zlib.crc32(content), method=zipfile.ZIP_STORED)


def write_zip(path: Path, members: list[Member]) -> Path:
    """Write the members as a zip, stating each ``declared_size`` in both headers."""
    body, directory = b"", b""
    for m in members:
        name = m.name.encode("utf-8")
        size = m.size if m.declared_size is None else m.declared_size
        fields = struct.pack("<HHHHHIIIHH", 20, 0x0800, m.method, 0, 0x21, m.crc, len(m.payload), size,
                             len(name), 0)
        directory += (b"PK\x01\x02" + struct.pack("<H", 20) + fields
                      + struct.pack("<HHHII", 0, 0, 0, 0, len(body)) + name)
        body += b"PK\x03\x04" + fields + name + m.payload
    end = struct.pack("<HHHHIIH", 0, 0, len(members), len(members), len(directory), len(body), 0)
    path.write_bytes(body + directory + b"PK\x05\x06" + end)
    return path


def members_of(path: Path) -> list[Member]:
    """The members of an existing (honest) package, to rebuild it with changes."""
    with zipfile.ZipFile(path) as archive:
        return [deflated(info.filename, archive.read(info)) for info in archive.infolist()]


def rewrite(path: Path, target: Path, changes: dict[str, object]) -> Path:
    """Copy a package, replacing parts (``bytes``) or transforming them (``callable``)."""
    members = []
    for member in members_of(path):
        change = changes.get(member.name)
        if change is None:
            members.append(member)
            continue
        with zipfile.ZipFile(path) as archive:
            old = archive.read(member.name)
        members.append(deflated(member.name, change(old) if callable(change) else change))
    return write_zip(target, members)


def bomb_member(name: str, inflated_bytes: int, *, declared_size: int | None = None) -> Member:
    """A part of ``inflated_bytes`` bytes of XML padding, deflated in 1 MB steps.

    Deflate reaches about 1000:1 on repeated bytes, so 400 MB becomes about 400 KB, and the
    content never exists in memory at once.
    """
    payload, crc = _bomb_payload(inflated_bytes)
    return Member(name, payload, inflated_bytes, crc, declared_size=declared_size)


@functools.lru_cache(maxsize=4)
def _bomb_payload(inflated_bytes: int) -> tuple[bytes, int]:
    """Compressed padding and its CRC (computed once per size: it takes a second)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    crc = zlib.crc32(head)
    payload = [compressor.compress(head)]
    chunk = b" " * MB
    remaining = inflated_bytes - len(head)
    while remaining > 0:
        piece = chunk[:min(MB, remaining)]
        crc = zlib.crc32(piece, crc)
        payload.append(compressor.compress(piece))
        remaining -= len(piece)
    payload.append(compressor.flush())
    return b"".join(payload), crc


def write_zip_bomb(source: Path, target: Path, inflated_bytes: int = 400 * MB, *,
                   lying: bool = False) -> Path:
    """A valid workbook whose first sheet part inflates to ``inflated_bytes``.

    With ``lying``, the zip directory declares the part as 1,000 bytes, so only inflating it
    can show what it is.
    """
    members = [m for m in members_of(source) if m.name != "xl/worksheets/sheet1.xml"]
    bomb = bomb_member("xl/worksheets/sheet1.xml", inflated_bytes, declared_size=1000 if lying else None)
    return write_zip(target, [*members, bomb])


def write_many_members(source: Path, target: Path, extra: int = 1001) -> Path:
    """A valid workbook plus ``extra`` tiny parts (custom XML parts, as some add-ins write)."""
    members = members_of(source)
    members += [stored(f"customXml/item{i}.xml", b"<a/>") for i in range(extra)]
    return write_zip(target, members)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b"]>\n"
)

EXTERNAL_ENTITY = b'<?xml version="1.0"?>\n<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def with_prolog(prolog: bytes, *, entity: bytes = b"") -> callable:
    """A part transformer: put ``prolog`` (a DOCTYPE) before the root element.

    ``entity`` is a reference inserted in the first text or value the part holds, so that a
    parser which expands entities would have to expand it.
    """

    def change(xml: bytes) -> bytes:
        body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml)
        if entity:
            body = re.sub(rb"(<(?:v|t)>)", rb"\1" + entity, body, count=1)
        return prolog + body

    return change


def merge_whole_sheet(xml: bytes) -> bytes:
    """A part transformer: one merged range covering every cell of the sheet."""
    merge = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    return xml.replace(b"</sheetData>", b"</sheetData>" + merge, 1)


def write_sheet_xml(path: Path, sheet_xml: bytes, *, name: str = "Data") -> Path:
    """A one-sheet workbook from raw worksheet XML (no styles, no shared strings)."""
    content_types = (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
        b'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
        b'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.worksheet+xml"/></Types>'
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
        b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/'
        b'workbook.xml"/></Relationships>'
    )
    workbook = (
        b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships"><sheets><sheet name="' + name.encode("utf-8") + b'" sheetId="1" r:id="rId1"/>'
        b"</sheets></workbook>"
    )
    workbook_rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
        b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
        b'sheet1.xml"/></Relationships>'
    )
    return write_zip(path, [deflated("[Content_Types].xml", content_types), deflated("_rels/.rels", rels),
                            deflated("xl/workbook.xml", workbook),
                            deflated("xl/_rels/workbook.xml.rels", workbook_rels),
                            deflated("xl/worksheets/sheet1.xml", sheet_xml)])


def sheet_xml(rows: list[str], *, prefix: str = "") -> bytes:
    """Worksheet XML around ``rows`` (each a ``<row>...</row>`` string written with ``prefix``)."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f"xmlns{':' + prefix if prefix else ''}"
    return (f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {xmlns}="http://schemas.openxmlformats.'
            f'org/spreadsheetml/2006/main"><{p}sheetData>{"".join(rows)}</{p}sheetData></{p}worksheet>'
            ).encode()


def number_rows(count: int) -> list[str]:
    """``count`` rows of one number each (A1, A2, ...), cheap to write and to read."""
    return [f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, count + 1)]

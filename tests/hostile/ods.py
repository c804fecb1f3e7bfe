"""A minimal OpenDocument spreadsheet writer, in the shape LibreOffice Calc saves.

Cells are written as Calc writes them (checked against its output): numbers as ``float``,
percentages as ``percentage`` with the fraction in ``office:value``, error results of formulas
as ``calcext:value-type="error"`` with the error text, and every sheet padded with the
repeated empty rows and columns Calc adds.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
    'opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
    f'manifest:media-type="{MIMETYPE}"/><manifest:file-entry manifest:full-path="content.xml" '
    'manifest:media-type="text/xml"/></manifest:manifest>'
)


@dataclass(frozen=True)
class Percent:
    """A number shown as a percentage: ``Percent(0.125)`` shows 12.5%."""

    fraction: float


@dataclass(frozen=True)
class Error:
    """A formula whose cached result is an error (``Error("#DIV/0!")``)."""

    text: str
    formula: str = "of:=1/0"


@dataclass(frozen=True)
class Uncalculated:
    """A formula saved without a result (as scripts that write ODS do)."""

    formula: str = "of:=1+1"


def _cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, Percent):
        return (f'<table:table-cell office:value-type="percentage" office:value="{value.fraction}" '
                f'calcext:value-type="percentage"><text:p>{value.fraction * 100:g}%</text:p>'
                "</table:table-cell>")
    if isinstance(value, Error):
        return (f'<table:table-cell table:formula={quoteattr(value.formula)} office:value-type="string" '
                f'office:string-value="" calcext:value-type="error"><text:p>{escape(value.text)}</text:p>'
                "</table:table-cell>")
    if isinstance(value, Uncalculated):
        return f"<table:table-cell table:formula={quoteattr(value.formula)}/>"
    if isinstance(value, bool):
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(value).lower()}">'
                f"<text:p>{str(value).upper()}</text:p></table:table-cell>")
    if isinstance(value, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{value}" '
                f'calcext:value-type="float"><text:p>{value}</text:p></table:table-cell>')
    if isinstance(value, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value.isoformat()}</text:p></table:table-cell>")
    return (f'<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>'
            f"{escape(str(value))}</text:p></table:table-cell>")


def _table(name: str, rows: list[list[object]], hidden: bool) -> str:
    style = ' table:style-name="hidden"' if hidden else ""
    body = "".join(
        "<table:table-row>" + "".join(_cell(v) for v in row)
        + f'<table:table-cell table:number-columns-repeated="{1024 - len(row)}"/></table:table-row>'
        for row in rows
    )
    tail = ('<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
            'table:number-columns-repeated="1024"/></table:table-row>')
    return f"<table:table table:name={quoteattr(name)}{style}>{body}{tail}</table:table>"


def content_xml(sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = ()) -> bytes:
    tables = "".join(_table(name, rows, name in hidden) for name, rows in sheets.items())
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} office:version="1.3">'
        '<office:automatic-styles><style:style style:name="hidden" style:family="table">'
        '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    ).encode()


def write_ods(path: Path, sheets: dict[str, list[list[object]]], *, hidden: tuple[str, ...] = (),
              content: bytes | None = None) -> Path:
    """Write an .ods with these sheets (or with ``content`` as its content.xml)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content or content_xml(sheets, hidden),
                         compress_type=zipfile.ZIP_DEFLATED)
    return path


def repeated_value_bomb(rows: int = 1_048_576, cols: int = 1024) -> bytes:
    """content.xml of one table whose single repeated cell holds a value in every position.

    About 1 KB that asks a reader which expands repeats for ``rows`` × ``cols`` cells.
    """
    row = (f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
           f'table:number-columns-repeated="{cols}" office:value-type="float" office:value="1"/>'
           "</table:table-row>")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} office:version="1.3">'
        f'<office:body><office:spreadsheet><table:table table:name="Data">{row}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    ).encode()

"""Saving a generated workbook so that the same content always gives the same bytes.

Forms, templates and the demo are regenerated often; with the save time fixed in the document
properties and the zip entries, an unchanged workbook rebuilt leaves ``git status`` clean and a
resent form is recognised as identical.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

from scoring.io.atomic import replacing, save_workbook

#: The date written into every generated workbook's properties and zip entries.
FIXED_TIMESTAMP = _dt.datetime(2024, 1, 1, 0, 0, 0)

_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def save_reproducibly(workbook: Workbook, path: str | Path) -> Path:
    """Save a workbook so that the same content always gives the same bytes.

    openpyxl stamps the save time into the document properties and into every zip entry; both
    are replaced by :data:`FIXED_TIMESTAMP` so regenerated files do not show up as changed.

    Parameters
    ----------
    workbook : Workbook
    path : str or Path

    Returns
    -------
    Path
    """
    workbook.properties.creator = "SynergyPilot"
    workbook.properties.created = FIXED_TIMESTAMP
    path = Path(path)
    with replacing(path) as temporary:  # in one step: a form or template
        buffer = io.BytesIO()
        save_workbook(workbook, buffer, modified=FIXED_TIMESTAMP)
        temporary.write_bytes(_with_fixed_zip_times(buffer.getvalue()))
    return path


def _with_fixed_zip_times(data: bytes) -> bytes:
    stamp = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(3), content)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()

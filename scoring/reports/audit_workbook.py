"""The export of a workspace's audit log to a workbook.

The export writes every text as a literal string cell, never a formula, because reasons and
file names are typed by people and a reason starting with ``=`` must not run in Excel.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scoring.core import presentation
from scoring.core.shown_paths import shown_details
from scoring.io.atomic import replacing, save_workbook
from scoring.workspace.audit import AuditEntry

if TYPE_CHECKING:
    from scoring.workspace.facade import Workspace


def export_audit(workspace: Workspace, out: str | Path, *, full_paths: bool = False,
                 lang: str = "en") -> Path:
    """Write ``workspace``'s audit log to an .xlsx workbook (text as literal strings, never formulas).

    Input files are named relative to the workspace's folder, or by name, unless
    ``full_paths`` (scoring/core/shown_paths.py); ``lang="zh"`` writes it in Chinese.

    Parameters
    ----------
    workspace : Workspace
    out : str or Path
    full_paths : bool, optional
    lang : str, optional

    Returns
    -------
    Path
    """
    title = presentation.text("audit_title", lang).format(name=workspace.path.name)
    return write_audit_workbook(workspace.audit_entries(), out, title=title,
                                folders=[workspace.path.parent.absolute()], full_paths=full_paths, lang=lang)


def write_audit_workbook(entries: list[AuditEntry], out: str | Path, title: str = "", *,
                         folders: Sequence[Path] = (), full_paths: bool = False, lang: str = "en") -> Path:
    """Write the audit log to an .xlsx file, one entry per row, oldest first.

    The file is written in one step (scoring/io/atomic.py): a failed or killed export leaves the
    previous one intact.

    Parameters
    ----------
    entries : list of AuditEntry
    out : str or Path
    title : str, optional
        Written above the table (e.g. the workspace's file name).
    folders : sequence of Path, optional
        Input files in the details are named relative to these, or by name alone
        (scoring/core/shown_paths.py), unless ``full_paths``.
    full_paths : bool, optional
        Keep the paths as stored.
    lang : str, optional
        ``zh`` writes the headings, the actions and the sentences in Chinese (rendered from
        each entry's fields by scoring.core.presentation.audit_summary); the details stay JSON.

    Returns
    -------
    Path
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from scoring.reports.xlsx_sheets import put

    out = Path(out)
    workbook = Workbook()
    sheet = workbook.worksheets[0]  # a new workbook's one sheet
    sheet.title = "Audit"
    first = 1
    if title:
        put(sheet.cell(1, 1), title)
        sheet.cell(1, 1).font = Font(bold=True)
        first = 3
    widths = (6, 24, 16, 14, 22, 14, 10, 70, 40, 34)
    headings = [presentation.text_in(pair, lang) for pair in presentation.AUDIT_COLUMNS_TEXT]
    for c, (name, width) in enumerate(zip(headings, widths, strict=True), start=1):
        put(sheet.cell(first, c), name)
        sheet.cell(first, c).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(c)].width = width
    for r, entry in enumerate(entries, start=first + 1):
        shown = dataclasses.replace(entry, detail=shown_details(entry.detail, folders, full_paths=full_paths))
        row = shown.row()
        if presentation.normalise_lang(lang) == "zh":  # English keeps the action codes as stored
            row[3] = presentation.audit_action_label(entry.action, lang)
            row[7] = presentation.audit_summary(entry, lang)
        for c, value in enumerate(row, start=1):
            put(sheet.cell(r, c), value)
    sheet.freeze_panes = sheet.cell(first + 1, 1).coordinate
    with replacing(out) as temporary:
        save_workbook(workbook, temporary)
    return out

"""The workspace's audit log as objects, and its export to a workbook.

Every change to a workspace appends one entry: who, when, what, on which project and
criterion, a sentence for people and the details as JSON for programs. The export writes
every text as a literal string cell, never a formula, because reasons and file names are typed
by people and a reason starting with ``=`` must not run in Excel.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scoring.atomic import replacing
from scoring.shown_paths import shown_details

AUDIT_COLUMNS = (
    "No.",
    "Time (UTC)",
    "Actor",
    "Action",
    "Scheme",
    "Project",
    "Criterion",
    "What happened",
    "Details (JSON)",
    "From workspace",
)


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    id: int
    at: str
    actor: str
    action: str
    scheme: str
    project_id: str
    code: str
    summary: str
    detail: dict = field(default_factory=dict)
    #: The workspace_id of the workspace the entry was written in, when it came by a merge.
    origin: str = ""

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "scheme": self.scheme,
            "project_id": self.project_id,
            "code": self.code,
            "summary": self.summary,
            "detail": self.detail,
            "origin": self.origin,
        }

    def row(self) -> list[object]:
        """The entry as a row of AUDIT_COLUMNS."""
        detail = json.dumps(self.detail, ensure_ascii=False, sort_keys=True) if self.detail else ""
        return [
            self.id,
            self.at,
            self.actor,
            self.action,
            self.scheme,
            self.project_id,
            self.code,
            self.summary,
            detail,
            self.origin,
        ]


def origin_names(entries: list[AuditEntry]) -> dict[str, str]:
    """workspace_id → file name of each workspace merged in, from the ``merge`` entries.

    An entry's ``origin`` is the id of the workspace it was written in; people know that
    workspace by the file it came in (``inspector_li.spw``).
    """
    names: dict[str, str] = {}
    for entry in entries:
        if entry.action == "merge" and entry.detail.get("workspace_id") and entry.detail.get("source"):
            names.setdefault(entry.detail["workspace_id"], Path(entry.detail["source"]).name)
    return names


def write_audit_workbook(entries: list[AuditEntry], out: str | Path, title: str = "", *,
                         folders: Sequence[Path] = (), full_paths: bool = False, lang: str = "en") -> Path:
    """Write the audit log to an .xlsx file, one entry per row, oldest first.

    The file is written in one step (scoring/atomic.py): a failed or killed export leaves the
    previous one intact.

    Parameters
    ----------
    entries : list of AuditEntry
    out : str or Path
    title : str, optional
        Written above the table (e.g. the workspace's file name).
    folders : sequence of Path, optional
        Input files in the details are named relative to these, or by name alone
        (scoring/shown_paths.py), unless ``full_paths``.
    full_paths : bool, optional
        Keep the paths as stored.
    lang : str, optional
        ``zh`` writes the headings, the actions and the sentences in Chinese (rendered from
        each entry's fields by scoring.presentation.audit_summary); the details stay JSON.

    Returns
    -------
    Path
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from scoring import presentation
    from scoring.xlsx_sheets import put

    out = Path(out)
    workbook = Workbook()
    sheet = workbook.active
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
    sheet.freeze_panes = sheet.cell(first + 1, 1)
    with replacing(out) as temporary:
        workbook.save(temporary)
    return out

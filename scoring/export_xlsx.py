"""The ranked workbook: one sheet per scheme, ranked.

Text that came from a submission is always written as a string cell, never as a formula, so a
project named ``=HYPERLINK(...)`` shows literally (formula injection).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from scoring.engine import synergy_class_name
from scoring.pipeline import AssessmentRun

INVALID_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


def put(cell: Cell, value: object) -> None:
    """Write a value; strings always as literal text (never parsed as a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (31 characters, none of []:*?/\\)."""
    base = name.translate(INVALID_SHEET_CHARS).strip("'")[:31] or "Scheme"
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


def ranked_rows(run: AssessmentRun, scheme) -> tuple[list[str], list[list[object]]]:
    """Header and rows of the plain ranked table of one scheme."""
    header = ["Rank", "Project ID", "Name", "Total", "Grade", *scheme.dimensions,
              "Synergy D", "Synergy class", "Veto", "Issues"]
    rows = []
    for p in run.projects_of(scheme):
        synergy = p.synergy or {}
        rows.append([
            p.rank, p.project_id, p.name, round(p.total, 2), p.grade,
            *(round(p.dimensions.get(d, 0.0), 2) for d in scheme.dimensions),
            round(synergy["D"], 3) if synergy else None,
            synergy_class_name(synergy["class"]) if synergy else "",
            ", ".join(p.veto), len(p.issues),
        ])
    return header, rows


def write_ranked_workbook(run: AssessmentRun, out: str | Path) -> Path:
    """Write the ranked workbook (one sheet per scheme) and return its path."""
    out = Path(out)
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for scheme in run.schemes:
        sheet = workbook.create_sheet(sheet_title(scheme.name, taken))
        header, rows = ranked_rows(run, scheme)
        for c, title in enumerate(header, start=1):
            put(sheet.cell(1, c), title)
            sheet.cell(1, c).font = Font(bold=True)
            sheet.column_dimensions[get_column_letter(c)].width = max(10, min(40, len(title) + 4))
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                put(sheet.cell(r, c), value)
        sheet.freeze_panes = "A2"
    if not run.schemes:
        workbook.create_sheet("Ranked")
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out)
    return out

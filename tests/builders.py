"""Builders that write small template and submission workbooks in a test's tmp_path.

Tests describe their data in a few lines of Python; the files are real xlsx written by
openpyxl, so the readers are exercised exactly as with a user's file.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

CRITERIA_HEADER = ["code", "dimension", "indicator", "unit", "effect", "type", "direction",
                   "weight", "worst", "best", "choices", "required", "allow_na", "veto", "kind",
                   "guidance"]


def criterion(code, type="value", weight=1, **fields) -> dict:
    """A criterion row with sensible defaults (value, higher, 0..100, dimension D1)."""
    row = {"code": code, "dimension": "D1", "indicator": f"Indicator {code}", "type": type,
           "weight": weight}
    if type in ("value", "change"):
        row.update(direction="higher", worst=0, best=100)
    row.update(fields)
    return row


def write_template(path: Path, criteria: list[dict], *, name="Test scheme", level="city",
                   version="1", grades: list[tuple[str, float]] | None = None,
                   header: list[str] | None = None, **settings) -> Path:
    """Write a template workbook; ``settings`` become extra Scheme key/value rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Scheme"
    ws.append(["key", "value"])
    for key, value in {"name": name, "level": level, "version": version, **settings}.items():
        ws.append([key, value])
    crit = wb.create_sheet("Criteria")
    columns = header or CRITERIA_HEADER
    crit.append(columns)
    for row in criteria:
        crit.append([row.get(col) for col in columns])
    if grades is not None:
        g = wb.create_sheet("Grades")
        g.append(["grade", "min_points"])
        for grade in grades:
            g.append(list(grade))
    wb.save(path)
    return path


def write_form(path: Path, project: dict, rows: list[dict], *, title_rows: int = 0) -> Path:
    """Write a one-project form. ``rows``: dicts with code, current, baseline, evidence.

    A value given as ``("=1+1", None)`` is written as a formula with no cached value; use
    :func:`set_cached_formula` to add one.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "Project"
    for key, value in project.items():
        ws.append([key, value])
    data = wb.create_sheet("Data")
    for _ in range(title_rows):
        data.append(["Submission form 申报表"])
    data.append(["code", "indicator", "unit", "baseline", "current", "evidence"])
    for row in rows:
        data.append([row.get("code"), row.get("indicator"), row.get("unit"), row.get("baseline"),
                     row.get("current"), row.get("evidence")])
    wb.save(path)
    return path


def write_batch(path: Path, header: list[str], rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Batch"
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def project(pid="P1", name="Project one", level="city", **extra) -> dict:
    return {"project_id": pid, "name": name, "level": level, **extra}

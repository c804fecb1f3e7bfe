"""Builders that write small template and submission workbooks in a test's tmp_path.

Tests describe their data in a few lines of Python; the files are real xlsx written by
openpyxl, so the readers are exercised exactly as with a user's file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import Workbook

#: Workspaces written by older format versions, each beside the script that made it.
DATA = Path(__file__).resolve().parent / "data"

CRITERIA_HEADER = [
    "code",
    "dimension",
    "indicator",
    "unit",
    "effect",
    "type",
    "direction",
    "weight",
    "worst",
    "best",
    "choices",
    "required",
    "allow_na",
    "veto",
    "kind",
    "guidance",
]


def criterion(code, type="value", weight=1, **fields) -> dict:
    """A criterion row with sensible defaults (value, higher, 0..100, dimension D1)."""
    row = {"code": code, "dimension": "D1", "indicator": f"Indicator {code}", "type": type, "weight": weight}
    if type in ("value", "change"):
        row.update(direction="higher", worst=0, best=100)
    row.update(fields)
    return row


#: The workspace tests' scheme: A (value 0..100, weight 1), B (yes/no, weight 1), M (manual,
#: weight 2); 100 points, missing counted as zero, so one weight unit is worth 25 points.
PILOT_CRITERIA = [criterion("A"), criterion("B", type="yesno"), criterion("M", type="manual", weight=2)]


def write_template(
    path: Path,
    criteria: list[dict],
    *,
    name="Test scheme",
    level="city",
    version="1",
    grades: list[tuple[str, float]] | None = None,
    header: list[str] | None = None,
    **settings,
) -> Path:
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
        if isinstance(value, str):
            ws.cell(ws.max_row, 2).data_type = "s"  # literal text, as a user typing '=x would get
    data = wb.create_sheet("Data")
    for _ in range(title_rows):
        data.append(["Submission form 申报表"])
    data.append(["code", "indicator", "unit", "baseline", "current", "evidence"])
    for row in rows:
        data.append(
            [
                row.get("code"),
                row.get("indicator"),
                row.get("unit"),
                row.get("baseline"),
                row.get("current"),
                row.get("evidence"),
            ]
        )
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


def two_pilots(folder: Path) -> tuple[Path, Path, Path]:
    """A template (A value, B yes/no, M manual of weight 2; one weight unit is 25 points), a
    folder ``in`` with P1 (A 50, B yes) and P2 (A 100, B no), and where a workspace may go."""
    template = write_template(folder / "t.xlsx", PILOT_CRITERIA)
    inputs = folder / "in"
    inputs.mkdir()
    write_form(inputs / "p1.xlsx", project("P1"), [dict(code="A", current=50), dict(code="B", current="是")])
    write_form(inputs / "p2.xlsx", project("P2"), [dict(code="A", current=100), dict(code="B", current="否")])
    return template, inputs, folder / "w.spw"


def override_of_p1_a(reason: str) -> dict:
    """What P1's A shows, as ``as_dict`` gives it, once Li Wei overrides it with 0.9 for ``reason``
    (the scheme of :func:`two_pilots`, P1's A of 50 read from p1.xlsx:Data!E2)."""
    return {
        "value": 50.0,
        "score": 0.9,
        "points": 22.5,  # 0.9·25
        "status": "override",
        "location": "p1.xlsx:Data!E2",
        "inspector": "Li Wei",
        "reason": reason,
        # issue 9: who scored it, and how far apart several inspectors are (one here)
        "inspectors": {"Li Wei": 0.9},
        "spread": None,
        "disagreement": False,
        "consensus": None,
        # issue 17: A's weight 1 of W = 4 → 25 at most; 25 − 22.5 lost
        "max_points": 25.0,
        "points_lost": 2.5,
    }


def project(pid="P1", name="Project one", level="city", **extra) -> dict:
    return {"project_id": pid, "name": name, "level": level, **extra}


def set_cached_value(path: Path, sheet_title: str, ref: str, cached: str | None, error: bool = False) -> Path:
    """Give a formula cell written by openpyxl a cached value (as Excel would after saving).

    openpyxl writes formulas with an empty ``<v />``; Excel and WPS store the last computed
    value there. ``error=True`` marks the cached value as an error (``t="e"``).
    """
    import re
    import zipfile

    with zipfile.ZipFile(path) as zin:
        names = zin.namelist()
        contents = {n: zin.read(n) for n in names}
    member = _sheet_member(contents, sheet_title)
    xml = contents[member].decode("utf-8")
    pattern = re.compile(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>(</c>)')
    kind = ' t="e"' if error else ""
    replacement = rf'<c r="{ref}"\1{kind}><f>\2</f><v>{cached}</v>\3' if cached is not None else r"\g<0>"
    new_xml, count = pattern.subn(replacement, xml)
    if count != 1:
        raise ValueError(f"formula cell {ref} not found in {member}")
    contents[member] = new_xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in names:
            zout.writestr(name, contents[name])
    return path


def _sheet_member(contents: dict, title: str) -> str:
    import re

    workbook = contents["xl/workbook.xml"].decode("utf-8")
    titles = re.findall(r'<sheet [^>]*name="([^"]+)"', workbook)
    return f"xl/worksheets/sheet{titles.index(title) + 1}.xml"


def old_workspace(folder: Path, version: int, name: str = "old.spw") -> Path:
    """A copy in ``folder`` of tests/data/workspace_v<version>.spw (written by that format's code),
    to open, upgrade or merge."""
    path = folder / name
    shutil.copyfile(DATA / f"workspace_v{version}.spw", path)
    return path


def three_scored_projects():
    """A scheme of two equally weighted 0..100 value criteria A and B (100 points) and three
    projects scored on it: P1 (A 100, B 0) 50 points, P2 (A 20, B 60) 40, P3 (A 0, B 50) 25,
    as tests/test_robustness.py works out by hand (its ``THREE``).

    Returns
    -------
    tuple of (Scheme, list of ProjectResult)
    """
    from scoring.core.engine import score_scheme
    from scoring.core.model import CellValue, Criterion, IndicatorInput, Scheme, Submission

    criteria = tuple(Criterion(code=c, dimension="D1", indicator=f"Indicator {c}", type="value", weight=1.0,
                               direction="higher", worst=0.0, best=100.0) for c in "AB")
    scheme = Scheme(name="Test scheme", level="city", version="1", criteria=criteria)
    subs = [Submission(project_id=pid, name=f"Project {pid}", level="city", source=f"{pid}.xlsx",
                       inputs={"A": IndicatorInput(CellValue(a, "x")),
                               "B": IndicatorInput(CellValue(b, "x"))})
            for pid, a, b in (("P1", 100, 0), ("P2", 20, 60), ("P3", 0, 50))]
    return scheme, score_scheme(scheme, subs)


def cli_assess(workspace: Path, *args: str, inspector: str = "Li", reason: str = "x") -> int:
    """Run ``assess --workspace`` with ``args`` (project, criterion, fraction or --withdraw) in
    this process; return its exit code."""
    from scoring.cli.main import main

    return main(["assess", "--workspace", str(workspace), *args,
                 "--inspector", inspector, "--reason", reason])

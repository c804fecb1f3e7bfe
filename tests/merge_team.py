"""Three inspectors' workspaces, built from one template and two forms (issue 9's tests).

The office imports P1 (A 50, B yes) and P2 (A 100, B no) and hands copies to Li and Wang;
Zhao builds his own workspace from the same template and form files and also imports P2's
resubmission (A 80). Each scores the manual criterion M of both projects (``TEAM``). The
scheme: A (value 0..100, weight 1), B (yes/no, weight 1), M (manual, weight 2), 100 points.
"""

from __future__ import annotations

from pathlib import Path

from scoring.workspace.facade import Workspace
from scoring.workspace.merge import MergeReport, merge
from tests.builders import PILOT_CRITERIA, old_workspace, project, write_form, write_template
from tests.fast_forms import write_fast_form

CRITERIA = PILOT_CRITERIA
TEAM = {
    "Li": {"P1": 0.6, "P2": 0.9},
    "Wang": {"P1": 0.7, "P2": 0.8},
    "Zhao": {"P1": 0.2, "P2": 0.85},
}


def write_files(folder: Path) -> dict[str, Path]:
    """The shared template, the two forms (in ``forms/``) and P2's resubmission."""
    forms = folder / "forms"
    forms.mkdir()
    write_form(forms / "p1.xlsx", project("P1"), [dict(code="A", current=50), dict(code="B", current="是")])
    p2 = project("P2", name="Project two")
    write_fast_form(forms / "p2.xlsx", p2, [dict(code="A", current=100), dict(code="B", current="否")])
    resubmitted = write_fast_form(
        folder / "p2_v2.xlsx", p2, [dict(code="A", current=80), dict(code="B", current="否")]
    )
    template = write_template(folder / "city.xlsx", CRITERIA, name="City scheme")
    return {"template": template, "forms": forms, "resubmitted": resubmitted}


def score_all(path: Path, inspector: str) -> None:
    """The inspector scores M of both projects in their own workspace."""
    with Workspace.open(path, actor=inspector) as workspace:
        for project_id, fraction in TEAM[inspector].items():
            reason = f"{inspector}'s site visit"
            workspace.assess(project_id, "M", fraction, inspector=inspector, reason=reason)


def build_team(folder: Path, files: dict[str, Path]) -> dict[str, Path]:
    """The three inspectors' workspaces, each scored and closed, by inspector name."""
    with Workspace.create(folder / "office.spw", actor="staff") as office:
        office.add_template(files["template"])
        office.import_files([files["forms"]])
        li, wang = office.backup(folder / "li.spw"), office.backup(folder / "wang.spw")
    with Workspace.create(folder / "zhao.spw", actor="Zhao") as own:
        own.add_template(files["template"])
        own.import_files([files["forms"]])
        own.import_files([files["resubmitted"]])
    paths = {"Li": li, "Wang": wang, "Zhao": folder / "zhao.spw"}
    for inspector, path in paths.items():
        score_all(path, inspector)
    return paths


def merge_old_workspace(folder: Path, version: int) -> MergeReport:
    """Merge a copy of tests/data/workspace_v<version>.spw into a new ``master.spw`` in ``folder``;
    the copy is only read: it stays in its old format, byte for byte."""
    source = old_workspace(folder, version)
    before = source.read_bytes()
    report = merge(folder / "master.spw", [source])
    assert source.read_bytes() == before  # still in its old format, untouched
    return report

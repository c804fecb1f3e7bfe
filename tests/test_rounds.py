"""Assessment rounds in a workspace (issue 20): a pilot assessed again a year later.

The scheme (tests/merge_team.py): A (value 0..100, weight 1), B (yes/no, weight 1), M (manual,
weight 2); 100 points, missing counted as zero, so one weight unit is worth 25 points and

    total = (A/100 + B + 2·M)·25

P1 is submitted for 2024 (A 50, B yes: 37.5 before M is scored) and for 2025 (A 70, B yes:
42.5); P2 only for 2024 (A 100, B no: 25).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from scoring.cli.main import main
from scoring.core.targets import assessment_year
from scoring.workspace import schema as workspace_schema
from scoring.workspace.facade import Workspace, WorkspaceError
from scoring.workspace.merge import merge
from tests.builders import old_workspace, project, write_form
from tests.merge_team import merge_old_workspace


def form(folder: Path, name: str, pid: str, year, a: float, b: str = "是") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    details = project(pid, name=f"Project {pid}", **({} if year is None else {"year": year}))
    return write_form(folder / name, details, [dict(code="A", current=a), dict(code="B", current=b)])


def totals(run) -> dict[str, float]:
    return {p.project_id: p.total for p in run.projects}


# --------------------------------------------------------------------------- naming the round


@pytest.mark.parametrize(
    "years, expected",
    [
        (["2024"], ("2024", "2024")),
        (["2024", "2023", "2024年", 2024.0], ("2023–2024", "2024")),
        (["", "n/a"], ("round 1", "")),
        ([], ("round 1", "")),
    ],
)
def test_an_older_workspace_is_one_round_named_after_its_years(years, expected):
    assert workspace_schema.years_round(years) == expected


@pytest.mark.parametrize(
    "text, year",
    [("2024", "2024"), ("2025 中期评估", "2025"), (2023, "2023"), ("2024.0", "2024"), ("FY24", "")],
)
def test_the_assessment_year_of_a_submission(text, year):
    assert assessment_year(text) == year


# --------------------------------------------------------------------------- rounds from years


def test_each_submission_goes_to_the_round_of_its_year(ws, tmp_path):
    first = tmp_path / "2024"
    form(first, "p1.xlsx", "P1", 2024, 50)
    form(first, "p2.xlsx", "P2", 2024, 100, "否")
    ws.import_files([first])
    report = ws.import_files([form(tmp_path / "2025", "p1.xlsx", "P1", 2025, 70)])
    # a new round: P1's 2025 form is a first submission there, not a resubmission of 2024's
    assert [(s.project_id, s.version, s.round) for s in report.imported] == [("P1", 1, "2025")]
    assert report.resubmitted == []
    assert [(r.label, r.year, r.projects) for r in ws.rounds()] == [("2024", "2024", 2), ("2025", "2025", 1)]
    assert totals(ws.score()) == pytest.approx({"P1": 42.5})  # the latest round by default
    run = ws.score(round="2024")
    assert (run.round, run.round_year) == ("2024", "2024")
    assert totals(run) == pytest.approx({"P1": 37.5, "P2": 25.0})
    assert [p.rank for p in run.projects_of(run.schemes[0])] == [1, 2]
    with pytest.raises(WorkspaceError, match="no assessment round '2019'.*rounds: 2024, 2025"):
        ws.score(round="2019")


def test_a_resubmission_stays_in_its_round(ws, tmp_path):
    ws.import_files([form(tmp_path / "a", "p1.xlsx", "P1", 2024, 50)])
    ws.import_files([form(tmp_path / "b", "p1.xlsx", "P1", 2025, 70)])
    report = ws.import_files([form(tmp_path / "c", "p1.xlsx", "P1", 2024, 60)])
    assert [(s.version, s.round) for s in report.resubmitted] == [(2, "2024")]
    assert [(c.code, c.old, c.new) for c in report.resubmitted[0].changes] == [("A", 50, 60)]
    history = [(v.round, v.version) for v in ws.history("P1")]
    assert history == [("2024", 1), ("2024", 2), ("2025", 1)]
    assert ws.history("P1")[2].changes == ()  # the 2025 form is compared with nothing before it
    # A 60 in 2024 (its version 2), A 70 in 2025
    assert totals(ws.score(round="2024")) == pytest.approx({"P1": 40.0})
    assert totals(ws.score(round="2025")) == pytest.approx({"P1": 42.5})


def test_the_same_project_for_two_years_in_one_import_is_two_rounds(ws, tmp_path):
    folder = tmp_path / "both"
    form(folder, "a.xlsx", "P1", 2024, 50)
    form(folder, "b.xlsx", "P1", 2025, 70)
    report = ws.import_files([folder])
    assert sorted((s.round, s.version) for s in report.imported) == [("2024", 1), ("2025", 1)]
    assert report.rejected == []


def test_a_chosen_round_takes_the_import(ws, tmp_path):
    report = ws.import_files([form(tmp_path / "a", "p1.xlsx", "P1", 2025, 70)], round="2025 中期评估")
    assert report.imported[0].round == "2025 中期评估"
    assert [(r.label, r.year) for r in ws.rounds()] == [("2025 中期评估", "2025")]
    # later forms of that year go to the round of that year, as made
    ws.import_files([form(tmp_path / "b", "p2.xlsx", "P2", 2025, 100)])
    assert [(r.label, r.projects) for r in ws.rounds()] == [("2025 中期评估", 2)]
    assert ws.round("2025").label == "2025 中期评估"  # found by its year too
    entry = next(e for e in ws.audit_entries() if e.action == "round_added")
    assert entry.detail == {"round": "2025 中期评估", "year": "2025"}


def test_a_form_without_a_year_goes_to_the_latest_round(ws, tmp_path):
    ws.import_files([form(tmp_path / "a", "p1.xlsx", "P1", None, 50)])
    assert [(r.label, r.year) for r in ws.rounds()] == [("round 1", "")]
    ws.import_files([form(tmp_path / "b", "p1.xlsx", "P1", 2025, 70)])
    ws.import_files([form(tmp_path / "c", "p2.xlsx", "P2", None, 100)])
    assert [(r.label, r.projects) for r in ws.rounds()] == [("round 1", 1), ("2025", 2)]


def test_add_round_needs_a_year_and_a_free_label(ws):
    made = ws.add_round("2026 终期评估")
    assert (made.label, made.year, made.projects) == ("2026 终期评估", "2026", 0)
    assert ws.add_round("2026 终期评估").id == made.id
    with pytest.raises(WorkspaceError, match="needs its assessment year"):
        ws.add_round("final review")
    with pytest.raises(WorkspaceError, match="already a round '2026 终期评估' of year 2026"):
        ws.add_round("2026 终期评估", 2027)


# --------------------------------------------------------------------------- inspectors per round


def test_scores_and_consensus_belong_to_a_round(ws, tmp_path):
    ws.import_files([form(tmp_path / "a", "p1.xlsx", "P1", 2024, 50)])
    ws.import_files([form(tmp_path / "b", "p1.xlsx", "P1", 2025, 70)])
    ws.assess("P1", "M", 0.4, inspector="Li", reason="2024 visit", round="2024")
    ws.assess("P1", "M", 0.8, inspector="Li", reason="2025 visit")  # the latest round by default
    ws.assess("P1", "M", 0.6, inspector="Wang", reason="2025 visit")
    ws.consensus("P1", "M", 0.9, inspector="Chen", reason="plan adopted", round="2025")
    # 2024: M 0.4 (Li's 2025 score does not supersede it) → (0.5 + 1 + 0.8)·25 = 57.5
    assert totals(ws.score(round="2024")) == pytest.approx({"P1": 57.5})
    # 2025: consensus 0.9 → (0.7 + 1 + 1.8)·25 = 87.5
    assert totals(ws.score(round="2025")) == pytest.approx({"P1": 87.5})
    assert [(a.inspector, a.fraction) for a in ws.assessments(round="2024")] == [("Li", 0.4)]
    assert len(ws.assessments()) == 3
    assert [c.fraction for c in ws.consensus_records(round="2024")] == []
    ws.withdraw("P1", "M", inspector="Li", reason="wrong project", round="2024")
    assert totals(ws.score(round="2024")) == pytest.approx({"P1": 37.5})
    with pytest.raises(WorkspaceError, match="P2 .*no project|no project 'P2'"):
        ws.assess("P2", "M", 0.5, inspector="Li", reason="x")


def test_a_project_not_in_the_named_round_is_refused(ws, tmp_path):
    ws.import_files([form(tmp_path / "a", "p1.xlsx", "P1", 2024, 50)])
    ws.import_files([form(tmp_path / "b", "p2.xlsx", "P2", 2025, 70)])
    with pytest.raises(WorkspaceError, match="P1 was not submitted in the round 2025"):
        ws.assess("P1", "M", 0.5, inspector="Li", reason="x", round="2025")


# --------------------------------------------------------------------------- format 4 upgrade


def test_a_format_4_workspace_becomes_one_round_named_after_its_years(tmp_path):
    """tests/data/workspace_v4.spw was written by the format-4 code (make_v4_workspace.py)."""
    path = old_workspace(tmp_path, 4)
    with Workspace.open(path) as workspace:
        assert workspace.schema_version == 6
        entry = workspace.audit_entries()[-1]
        assert (entry.action, entry.detail["from"], entry.detail["steps"]) == ("migration", 4, [5, 6])
        # P1 says 2024, P2 2023: one round "2023–2024" of year 2024
        assert [(r.label, r.year, r.projects) for r in workspace.rounds()] == [("2023–2024", "2024", 2)]
        assert [(v.round, v.version) for v in workspace.history("P1")] == [("2023–2024", 1), ("2023–2024", 2)]
        # P1: A 60 (version 2), B 1, M consensus 0.5 → (0.6 + 1 + 1)·25 = 65
        # P2: A 100, B 0, M Li 0.4 → (1 + 0 + 0.8)·25 = 45
        assert totals(workspace.score()) == pytest.approx({"P1": 65.0, "P2": 45.0})
        assert {a.inspector for a in workspace.assessments(round="2023–2024")} == {"Li", "Wang"}
        assert len(workspace.consensus_records(round="2023–2024")) == 1
        assert len(workspace.notes(round="2023–2024")) == 1
        report = workspace.import_files([form(tmp_path / "new", "p1.xlsx", "P1", 2025, 70)])
        assert [(s.round, s.version) for s in report.imported] == [("2025", 1)]
        assert [r.label for r in workspace.rounds()] == ["2023–2024", "2025"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_a_format_4_workspace_merges_as_its_one_round(tmp_path):
    report = merge_old_workspace(tmp_path, 4)
    assert report.sources[0].rounds_added == ["2023–2024"]
    with Workspace.open(tmp_path / "master.spw") as workspace:
        assert totals(workspace.score()) == pytest.approx({"P1": 65.0, "P2": 45.0})


# --------------------------------------------------------------------------- merging two rounds


def test_merging_two_inspectors_workspaces_that_hold_two_rounds(tmp_path, template):
    """The office imports P1 and P2 for 2024 and P1 for 2025 and hands copies to Li and Wang.

    M of P1: 2024 Li 0.6, Wang 0.8 → median 0.7 → (0.5 + 1 + 1.4)·25 = 72.5
             2025 Li 0.9 alone                   → (0.7 + 1 + 1.8)·25 = 87.5
    M of P2 (2024): Wang 0.2                     → (1 + 0 + 0.4)·25 = 35
    Zhao, in a workspace of his own, imports P1's 2026 form: a round the master lacks.
    """
    with Workspace.create(tmp_path / "office.spw", actor="staff") as office:
        office.add_template(template)
        office.import_files([form(tmp_path / "f24", "p1.xlsx", "P1", 2024, 50),
                             form(tmp_path / "f24", "p2.xlsx", "P2", 2024, 100, "否")])
        office.import_files([form(tmp_path / "f25", "p1.xlsx", "P1", 2025, 70)])
        li, wang = office.backup(tmp_path / "li.spw"), office.backup(tmp_path / "wang.spw")
    with Workspace.open(li, actor="Li") as workspace:
        workspace.assess("P1", "M", 0.6, inspector="Li", reason="2024 visit", round="2024")
        workspace.assess("P1", "M", 0.9, inspector="Li", reason="2025 visit", round="2025")
    with Workspace.open(wang, actor="Wang") as workspace:
        workspace.assess("P1", "M", 0.8, inspector="Wang", reason="2024 visit", round="2024")
        workspace.assess("P2", "M", 0.2, inspector="Wang", reason="2024 visit")
    with Workspace.create(tmp_path / "zhao.spw", actor="Zhao") as workspace:
        workspace.add_template(template)
        workspace.import_files([form(tmp_path / "f26", "p1.xlsx", "P1", 2026, 90)])
    master = tmp_path / "master.spw"
    report = merge(master, [li, wang, tmp_path / "zhao.spw"], actor="Chen")
    assert [s.rounds_added for s in report.sources] == [["2024", "2025"], [], ["2026"]]
    assert [s.submissions_present for s in report.sources] == [0, 3, 0]
    with Workspace.open(master) as workspace:
        assert [(r.label, r.projects) for r in workspace.rounds()] == [("2024", 2), ("2025", 1), ("2026", 1)]
        assert totals(workspace.score(round="2024")) == pytest.approx({"P1": 72.5, "P2": 35.0})
        assert totals(workspace.score(round="2025")) == pytest.approx({"P1": 87.5})
        assert totals(workspace.score(round="2026")) == pytest.approx({"P1": 47.5})  # (0.9 + 1)·25
        versions = [(v.round, v.version) for v in workspace.history("P1")]
        assert versions == [("2024", 1), ("2025", 1), ("2026", 1)]
    again = merge(master, [li, wang, tmp_path / "zhao.spw"])
    assert not again.changed


# --------------------------------------------------------------------------- command line


def test_cli_round_option(tmp_path, template, capsys):
    spw = tmp_path / "w.spw"
    forms = form(tmp_path / "f", "p1.xlsx", "P1", 2025, 70)
    args = ["score", "--workspace", str(spw), "--template", str(template), str(forms)]
    assert main([*args, "--round", "2025 中期评估"]) == 0
    out = capsys.readouterr().out
    assert "assessment round 2025 中期评估" in out
    assert main(["assess", "--workspace", str(spw), "P1", "M", "0.5", "--inspector", "Li",
                 "--reason", "visit", "--round", "2025 中期评估"]) == 0
    assert main(["history", "--workspace", str(spw), "P1", "--round", "2025 中期评估"]) == 0
    assert "P1 in City scheme 1, round 2025 中期评估" in capsys.readouterr().out
    assert main(["score", "--template", str(template), str(forms), "--round", "2025"]) == 2
    assert "--round needs --workspace" in capsys.readouterr().err

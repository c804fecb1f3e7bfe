"""Merging inspectors' workspaces and reconciling their scores (issue 9).

The scheme: A (value 0..100, weight 1), B (yes/no, weight 1), M (manual, weight 2); 100 points,
missing counted as zero, so W = 4 and one weight unit is worth 25 points.

The team (tests/merge_team.py), built in each test: the office imports P1 (A 50, B yes) and
P2 (A 100, B no) and hands copies to Li and Wang; Zhao builds his own workspace from the same
template and form files, and also imports P2's resubmission (A 80). Scores of M:

    P1: Li 0.6, Wang 0.7, Zhao 0.2   spread 0.5 (above 0.25: disagreement)
        median 0.6 → P1 = (0.5 + 1 + 2·0.6)·25 = 67.5
        mean 0.5   → P1 = (0.5 + 1 + 2·0.5)·25 = 62.5
        consensus 0.65 → P1 = (0.5 + 1 + 2·0.65)·25 = 70
    P2: Li 0.9, Wang 0.8, Zhao 0.85  spread 0.1 (no disagreement)
        median = mean = 0.85 → P2 = (0.8 + 0 + 2·0.85)·25 = 62.5 (A from the resubmission)
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from scoring.core.presentation import reconciliation_text, shown_assessment
from scoring.core.reconcile import (
    Consensus,
    ReconcileSettings,
    Score,
    disagreement_rows,
    reconcile,
)
from scoring.workspace import schema as workspace_schema
from scoring.workspace.facade import Workspace, WorkspaceError, WorkspaceReadOnly
from scoring.workspace.merge import MergeRefused, merge, merge_into
from tests.builders import criterion, old_workspace, project, write_form, write_template
from tests.merge_team import CRITERIA, TEAM, build_team, merge_old_workspace, write_files


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    return write_files(tmp_path)


@pytest.fixture
def team(tmp_path, files) -> dict[str, Path]:
    return build_team(tmp_path, files)


@pytest.fixture
def master(tmp_path, team) -> Path:
    path = tmp_path / "master.spw"
    merge(path, list(team.values()), actor="Chen")
    return path


def contents(path: Path) -> dict[str, list]:
    """Every row of every table (the whole meaning of a workspace file)."""
    conn = sqlite3.connect(path)
    try:
        query = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        names = [r[0] for r in conn.execute(query)]
        return {n: sorted(conn.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}
    finally:
        conn.close()


def scored(path: Path):
    with Workspace.open(path) as workspace:
        return {p.project_id: p for p in workspace.score().projects}


# --------------------------------------------------------------------------- the rule alone


def test_reconcile_by_hand():
    scores = [Score("Zhao", 0.2, "", "t3"), Score("Li", 0.6, "", "t1"), Score("Wang", 0.7, "", "t2")]
    rec = reconcile(scores)
    assert rec.inspectors == {"Li": 0.6, "Wang": 0.7, "Zhao": 0.2}  # by name, not by time
    assert (rec.spread, rec.disagreement, rec.used, rec.basis) == (0.5, True, 0.6, "median")
    assert reconcile(scores, settings=ReconcileSettings("mean")).used == 0.5  # 1.5 / 3, summed exactly
    assert reconcile(scores[:2]).used == pytest.approx(0.4)  # the median of two is their mean
    agreed = reconcile(scores, Consensus(0.65, "Chen", "joint visit"))
    assert (agreed.used, agreed.basis, agreed.spread, agreed.disagreement) == (0.65, "consensus", 0.5, True)
    single = reconcile([Score("Li", 0.6, "", "")])
    assert (single.spread, single.disagreement, single.used, single.basis, single.reconciled) == (
        None, False, 0.6, "single", False)


@pytest.mark.parametrize(
    ("fractions", "threshold", "flagged"),
    [
        ((0.75, 0.5), 0.25, False),  # exactly the threshold is not above it
        ((0.7, 0.45), 0.25, False),  # 0.7 − 0.45 is 0.25 up to rounding, still not above
        ((0.76, 0.5), 0.25, True),
        ((0.6, 0.7, 0.2), 0.5, False),
        ((0.6, 0.7, 0.2), 0.49, True),
    ],
)
def test_disagreement_threshold(fractions, threshold, flagged):
    scores = [Score(f"I{k}", f, "", "") for k, f in enumerate(fractions)]
    assert reconcile(scores, settings=ReconcileSettings(threshold=threshold)).disagreement is flagged


def test_settings_are_checked():
    with pytest.raises(ValueError, match="median or mean"):
        ReconcileSettings("mode")
    with pytest.raises(ValueError, match="from 0 to 1"):
        ReconcileSettings(threshold=1.5)


def test_report_lines_in_english_and_chinese():
    scores = [Score("Li", 0.6, "", ""), Score("Wang", 0.7, "", ""), Score("Zhao", 0.2, "", "")]
    agreed = reconcile(scores, Consensus(0.65, "Chen", "joint visit"))
    assert reconciliation_text(agreed, "en") == (
        "3 inspectors: Li 0.6, Wang 0.7, Zhao 0.2 — consensus 0.65: joint visit"
    )
    assert reconciliation_text(agreed, "zh") == (
        "3位核查人：Li 0.6、Wang 0.7、Zhao 0.2 — 共识 0.65：joint visit"
    )
    open_case = reconcile(scores)
    assert reconciliation_text(open_case, "en") == (
        "3 inspectors: Li 0.6, Wang 0.7, Zhao 0.2 — median 0.6 (spread 0.5: disagreement, no consensus yet)"
    )
    assert reconciliation_text(open_case, "zh") == (
        "3位核查人：Li 0.6、Wang 0.7、Zhao 0.2 — 中位数 0.6（极差 0.5，意见分歧，尚无共识）"
    )
    close = reconcile(scores[:2], settings=ReconcileSettings("mean"))
    assert reconciliation_text(close, "en") == "2 inspectors: Li 0.6, Wang 0.7 — mean 0.65 (spread 0.1)"


# --------------------------------------------------------------------------- merging


def test_merge_unites_submissions_and_keeps_every_author(master, team):
    with Workspace.open(master) as workspace:
        projects = {p.project_id: p.versions for p in workspace.projects()}
        assert projects == {"P1": 1, "P2": 2}  # identical files once; the resubmission as version 2
        history = workspace.history("P2")
        assert [v.version for v in history] == [1, 2]
        assert [c.describe() for c in history[1].changes] == ["A current: 100 → 80"]
        records = workspace.assessments(include_inactive=True)
    by_author = {(r.inspector, r.project_id): r for r in records}
    assert {k: r.fraction for k, r in by_author.items()} == {
        (name, pid): fraction for name, scores in TEAM.items() for pid, fraction in scores.items()
    }
    assert all(r.active and r.reason == f"{r.inspector}'s site visit" for r in records)
    # the original timestamps came along, not the time of the merge
    with Workspace.open(team["Li"]) as li:
        li_record = next(r for r in li.assessments() if r.project_id == "P1")
    merged = by_author[("Li", "P1")]
    assert (merged.created_at, merged.uid) == (li_record.created_at, li_record.uid)


def test_the_median_is_used_and_the_disagreement_flagged(master):
    results = scored(master)
    assert results["P1"].total == pytest.approx(67.5)
    assert results["P2"].total == pytest.approx(62.5)
    m1 = results["P1"].indicators["M"]
    assert (m1.status, m1.score, m1.inspector) == ("override", 0.6, "Li, Wang, Zhao")
    assert m1.reconciliation.as_dict() == {
        "inspectors": {"Li": 0.6, "Wang": 0.7, "Zhao": 0.2},
        "spread": 0.5,
        "disagreement": True,
        "consensus": None,
    }
    m2 = results["P2"].indicators["M"].reconciliation
    assert (m2.spread, m2.disagreement, m2.used) == (0.1, False, 0.85)
    assert results["P1"].indicators["A"].reconciliation is None  # nobody scored A


def test_the_mean_setting_is_stored_in_the_workspace(master):
    with Workspace.open(master, actor="Chen") as workspace:
        assert workspace.reconcile_settings() == ReconcileSettings("median", 0.25)
        workspace.set_reconcile_settings(method="mean")
        assert workspace.audit_entries()[-1].action == "reconcile_setting"
        with pytest.raises(WorkspaceError, match="median or mean"):
            workspace.set_reconcile_settings(method="mode")
        with pytest.raises(WorkspaceError, match="from 0 to 1"):
            workspace.set_reconcile_settings(threshold=2)
    results = scored(master)  # reopened: the setting is in the file
    assert results["P1"].total == pytest.approx(62.5)
    assert results["P1"].indicators["M"].reconciliation.basis == "mean"
    with Workspace.open(master) as workspace:
        workspace.set_reconcile_settings(threshold=0.5)
        assert workspace.score().projects[0].indicators["M"].reconciliation.disagreement is False


def test_consensus_wins_over_median_and_mean_until_withdrawn(master):
    with Workspace.open(master) as workspace:
        reason = "joint site visit: plan adopted"
        record = workspace.consensus("P1", "m", 0.65, inspector="Chen", reason=reason)
        assert (record.code, record.basis) == ("M", {"Li": 0.6, "Wang": 0.7, "Zhao": 0.2})
        m1 = {p.project_id: p for p in workspace.score().projects}["P1"].indicators["M"]
        assert (m1.score, m1.inspector, m1.reason) == (0.65, "Chen", reason)
        assert m1.reconciliation.as_dict()["consensus"] == {
            "fraction": 0.65, "inspector": "Chen", "reason": reason, "at": record.created_at,
        }
        workspace.set_reconcile_settings(method="mean")
        assert workspace.score().projects[0].total == pytest.approx(70.0)
        # a second consensus replaces the first, which is kept
        workspace.consensus("P1", "M", 0.7, inspector="Chen", reason="certificate arrived")
        assert [c.fraction for c in workspace.consensus_records("P1", include_inactive=True)] == [0.65, 0.7]
        assert [c.fraction for c in workspace.consensus_records("P1")] == [0.7]
        workspace.withdraw_consensus("P1", "M", inspector="Chen", reason="certificate was for 2022")
        assert workspace.score().projects[0].total == pytest.approx(62.5)  # the mean again
        with pytest.raises(WorkspaceError, match="no consensus on M for P1"):
            workspace.withdraw_consensus("P1", "M", inspector="Chen", reason="again")


def test_consensus_needs_scores_a_reason_and_a_valid_fraction(master):
    with Workspace.open(master) as workspace:
        before = contents(master)
        with pytest.raises(WorkspaceError, match="no inspector has scored A for P1"):
            workspace.consensus("P1", "A", 0.5, inspector="Chen", reason="x")
        with pytest.raises(WorkspaceError, match="a reason is required"):
            workspace.consensus("P1", "M", 0.5, inspector="Chen", reason="  ")
        with pytest.raises(WorkspaceError, match="from 0 to 1"):
            workspace.consensus("P1", "M", 1.5, inspector="Chen", reason="x")
        with pytest.raises(WorkspaceError, match="no project 'P9'"):
            workspace.consensus("P9", "M", 0.5, inspector="Chen", reason="x")
    assert contents(master) == before


def test_merging_again_changes_nothing(master, team):
    before = contents(master)
    report = merge(master, list(team.values()))
    assert [s.changed for s in report.sources] == [False, False, False]
    assert "nothing new" in report.summary()
    assert contents(master) == before  # not a row more, not even an audit entry


def test_a_later_withdrawal_reaches_the_master(master, team):
    with Workspace.open(team["Wang"]) as wang:
        wang.withdraw("P1", "M", inspector="Wang", reason="mixed up P1 and P3")
    report = merge(master, [team["Wang"]])
    assert report.sources[0].withdrawals == 1
    m1 = scored(master)["P1"].indicators["M"].reconciliation
    assert (m1.inspectors, m1.spread, m1.used) == ({"Li": 0.6, "Zhao": 0.2}, 0.4, pytest.approx(0.4))
    assert not merge(master, [team["Wang"]]).changed


def test_an_inspectors_newer_score_supersedes_across_workspaces(master, team, tmp_path):
    with Workspace.open(team["Li"]) as li:
        li.assess("P1", "M", 0.75, inspector="Li", reason="second visit")
    merge(master, [team["Li"]])
    with Workspace.open(master) as workspace:
        li_scores = [(r.fraction, r.active) for r in workspace.assessments("P1", include_inactive=True)
                     if r.inspector == "Li"]
    assert li_scores == [(0.6, False), (0.75, True)]
    assert scored(master)["P1"].indicators["M"].reconciliation.used == 0.7  # median of 0.75, 0.7, 0.2


def test_a_consensus_made_elsewhere_is_merged_too(master, tmp_path):
    with Workspace.open(master) as workspace:
        workspace.consensus("P1", "M", 0.65, inspector="Chen", reason="joint visit")
    regional = tmp_path / "region.spw"
    merge(regional, [master])
    assert scored(regional)["P1"].total == pytest.approx(70.0)
    assert not merge(regional, [master]).changed


def test_a_scheme_with_the_same_name_and_version_but_other_content_is_refused(master, tmp_path, files):
    changed = write_template(
        tmp_path / "city_changed.xlsx", [criterion("A", weight=3), *CRITERIA[1:]], name="City scheme"
    )
    with Workspace.create(tmp_path / "rogue.spw") as rogue:
        rogue.add_template(changed)
    before = contents(master)
    refused = r"rogue.spw holds the scheme 'City scheme' version 1 with different"
    with pytest.raises(MergeRefused, match=refused):
        merge(master, [tmp_path / "li.spw", tmp_path / "rogue.spw"])
    assert contents(master) == before  # not even li.spw, named first, was merged
    with pytest.raises(MergeRefused, match="different content"):
        merge(tmp_path / "new.spw", [tmp_path / "li.spw", tmp_path / "rogue.spw"])
    assert not (tmp_path / "new.spw").exists()


def test_merge_refuses_itself_and_non_workspaces(master, tmp_path, files):
    with pytest.raises(MergeRefused, match="being merged into"):
        merge(master, [master])
    with pytest.raises(WorkspaceError, match="not a SynergyPilot workspace"):
        merge(master, [files["template"]])
    with pytest.raises(WorkspaceError, match="no such workspace"):
        merge(master, [tmp_path / "missing.spw"])


def test_merge_into_a_read_only_workspace_is_refused(master, team):
    with Workspace.open(master) as holder, Workspace.open(master) as second:
        assert second.read_only and not holder.read_only
        with pytest.raises(WorkspaceReadOnly):
            merge_into(second, [team["Li"]])


def test_sources_are_only_read(team, tmp_path):
    before = {name: path.read_bytes() for name, path in team.items()}
    merge(tmp_path / "master.spw", list(team.values()))
    assert {name: path.read_bytes() for name, path in team.items()} == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".spw" and ".spw" in p.name) == []


def test_progress_and_cancel(team, tmp_path):
    seen = []

    def progress(done, total, path):
        seen.append((done, total, path.name))
        return done < 1  # cancel before the second source

    with Workspace.create(tmp_path / "master.spw") as workspace:
        report = merge_into(workspace, list(team.values()), progress)
    assert seen == [(0, 3, "li.spw"), (1, 3, "wang.spw")]
    assert (report.cancelled, len(report.sources)) == (True, 1)


def test_audit_entries_of_the_merge(master, team):
    with Workspace.open(master) as workspace:
        entries = workspace.audit_entries()
    with Workspace.open(team["Zhao"], read_only=True) as zhao:
        zhao_origin = zhao.workspace_id
    merges = [e for e in entries if e.action == "merge"]
    assert [(e.actor, e.detail["source"].endswith(name)) for e, name in
            zip(merges, ("li.spw", "wang.spw", "zhao.spw"), strict=True)] == [("Chen", True)] * 3
    assert merges[2].detail["versions_added"] == 1 and merges[2].detail["inspectors"] == ["Zhao"]
    # each inspector's own entries arrived with their author, time and origin
    scores = [e for e in entries if e.action == "manual_score"]
    assert sorted((e.actor, e.project_id) for e in scores) == sorted(
        (name, pid) for name, s in TEAM.items() for pid in s
    )
    assert {e.origin for e in scores if e.actor == "Zhao"} == {zhao_origin}
    assert entries[0].origin == ""  # the master's own creation


def test_consensus_and_settings_are_audited(master):
    with Workspace.open(master) as workspace:
        workspace.consensus("P1", "M", 0.65, inspector="Chen", reason="joint visit")
        workspace.withdraw_consensus("P1", "M", inspector="Chen", reason="reopened")
        entries = workspace.audit_entries()[-2:]
    assert [(e.action, e.actor, e.project_id, e.code) for e in entries] == [
        ("consensus", "Chen", "P1", "M"),
        ("consensus_withdrawn", "Chen", "P1", "M"),
    ]
    assert entries[0].detail["inspectors"] == {"Li": 0.6, "Wang": 0.7, "Zhao": 0.2}
    assert entries[0].summary == (
        "consensus on M for P1: 0.65 by Chen — joint visit (inspectors: Li 0.6, Wang 0.7, Zhao 0.2)"
    )


def test_disagreement_rows_largest_spread_first(master):
    with Workspace.open(master) as workspace:
        rows = disagreement_rows(workspace.score())
    assert [(r.project_id, r.code, r.spread) for r in rows] == [("P1", "M", 0.5), ("P2", "M", 0.1)]


def test_reports_show_who_scored_what(master):
    with Workspace.open(master) as workspace:
        workspace.consensus("P1", "M", 0.65, inspector="Chen", reason="joint visit")
        m1 = {p.project_id: p for p in workspace.score().projects}["P1"].indicators["M"]
    assert shown_assessment(m1, "en") == (
        "Chen", "3 inspectors: Li 0.6, Wang 0.7, Zhao 0.2 — consensus 0.65: joint visit"
    )
    assert shown_assessment(m1, "zh") == (
        "Chen", "3位核查人：Li 0.6、Wang 0.7、Zhao 0.2 — 共识 0.65：joint visit"
    )


# --------------------------------------------------------------------------- the version 1 file


def test_a_version_1_workspace_opens_and_is_migrated(tmp_path):
    """tests/data/workspace_v1.spw was written by the schema-1 code (make_v1_workspace.py)."""
    path = old_workspace(tmp_path, 1)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    with Workspace.open(path) as workspace:
        assert workspace.schema_version == workspace_schema.SCHEMA_VERSION == 6
        # the pages of the dropped per-cell table were given back (VACUUM after the upgrade)
        assert workspace.store.connection().execute("PRAGMA freelist_count").fetchone()[0] == 0
        entry = workspace.audit_entries()[-1]
        assert (entry.action, entry.detail["from"], entry.detail["to"]) == ("migration", 1, 6)
        assert entry.detail["steps"] == [2, 3, 4, 5, 6]
        assert workspace.rejections() == []  # the table the upgrade to 3 added is there, empty
        assert [e.origin for e in workspace.audit_entries()] == [""] * len(workspace.audit_entries())
        assert workspace.consensus_records() == []
        assert [(p.project_id, p.versions) for p in workspace.projects()] == [("P1", 2), ("P2", 1)]
        records = workspace.assessments(include_inactive=True)
        assert [(r.inspector, r.fraction, r.active) for r in records] == [
            ("Li", 0.6, False), ("Li", 0.7, True), ("Wang", 0.2, True), ("Li", 0.9, False)]
        results = {p.project_id: p for p in workspace.score().projects}
        # the cells moved from one row each (inputs, version 1 to 3) to one row a submission
        a, b = (results["P1"].indicators[code] for code in "AB")
        assert (a.value, a.location) == (60, "p1_v2.xlsx:Data!E2")
        assert (b.value, b.location) == ("是", "p1_v2.xlsx:Data!E3")
        changes = [(c.code, c.field, c.old, c.new) for c in workspace.history("P1")[-1].changes]
        assert changes == [("A", "current", 50, 60)]
        # P1: A 60 → 0.6 (the override was withdrawn), B 1, M median of 0.7 and 0.2 = 0.45
        assert results["P1"].total == pytest.approx((0.6 + 1 + 2 * 0.45) * 25)
        assert results["P2"].total == pytest.approx(25.0)  # A 1, B 0, M pending counts 0
        workspace.consensus("P1", "M", 0.5, inspector="Chen", reason="after the upgrade")
        # the upgrade took the fingerprints anew: a new file saying what P1's version 2 says
        again = write_form(tmp_path / "p1_again.xlsx", project("P1"),
                           [dict(code="B", current="是"), dict(code="A", current=60)])
        report = workspace.import_files([again])
        assert [u.message for u in report.unchanged] == [
            "p1_again.xlsx: project P1 has the same values as its version 2; nothing changed"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'inputs'").fetchone()[0] == 0
    conn.close()


def test_a_version_1_workspace_can_be_merged_without_upgrading_it(tmp_path):
    report = merge_old_workspace(tmp_path, 1)  # the copy stays version 1, untouched
    assert (report.sources[0].projects_added, report.sources[0].versions_added) == (2, 1)
    results = scored(tmp_path / "master.spw")
    assert results["P1"].total == pytest.approx((0.6 + 1 + 2 * 0.45) * 25)


# --------------------------------------------------------------------------- command line


def project_p1(result: Path) -> dict:
    return next(p for p in json.loads(result.read_text("utf-8"))["projects"] if p["project_id"] == "P1")


def test_cli_merge_consensus_and_json(master, team, tmp_path, capsys):
    from scoring.cli.main import main

    fresh = tmp_path / "fresh.spw"
    assert main(["merge", "--into", str(fresh), *map(str, team.values())]) == 0
    out = capsys.readouterr().out
    assert "workspace fresh.spw created" in out
    assert "zhao.spw: 1 new version, 2 inspectors' scores (Zhao), 2 submissions already here" in out
    assert "2 criteria scored by several inspectors or decided by consensus; 1 disagreement " in out
    assert " ! P1 M: 3 inspectors: Li 0.6, Wang 0.7, Zhao 0.2 — median 0.6" in out
    assert main(["merge", "--into", str(fresh), *map(str, team.values())]) == 0
    assert "li.spw: nothing new" in capsys.readouterr().out

    result = tmp_path / "result.json"
    assert main(["score", "--workspace", str(fresh), "--json", str(result)]) == 0
    capsys.readouterr()
    m1 = project_p1(result)["indicators"]["M"]
    assert {k: m1[k] for k in ("inspectors", "spread", "disagreement", "consensus", "score")} == {
        "inspectors": {"Li": 0.6, "Wang": 0.7, "Zhao": 0.2}, "spread": 0.5, "disagreement": True,
        "consensus": None, "score": 0.6,
    }

    assert main(["consensus", "--workspace", str(fresh), "P1", "M", "0.65", "--inspector", "Chen",
                 "--reason", "joint visit"]) == 0
    assert capsys.readouterr().out.startswith(
        "recorded: consensus on M for P1 (City scheme 1) = 0.65 by Chen: joint visit "
        "(inspectors: Li 0.6, Wang 0.7, Zhao 0.2)"
    )
    assert main(["score", "--workspace", str(fresh), "--json", str(result)]) == 0
    p1 = project_p1(result)
    consensus = p1["indicators"]["M"]["consensus"]
    assert {k: consensus[k] for k in ("fraction", "inspector", "reason")} == {
        "fraction": 0.65, "inspector": "Chen", "reason": "joint visit"}
    assert p1["total"] == pytest.approx(70.0)


def test_cli_reconcile_setting_and_refusals(master, tmp_path, capsys):
    from scoring.cli.main import main

    assert main(["reconcile", "--workspace", str(master), "--method", "mean"]) == 0
    assert "until a consensus the mean is used" in capsys.readouterr().out
    assert main(["reconcile", "--workspace", str(master), "--threshold", "abc"]) == 2
    no_fraction = ["consensus", "--workspace", str(master), "P1", "M", "--inspector", "Chen", "--reason", "x"]
    assert main(no_fraction) == 2
    assert "give the FRACTION" in capsys.readouterr().err
    assert main(["merge", "--into", str(master), str(master)]) == 2
    assert "being merged into" in capsys.readouterr().err


# --------------------------------------------------------------------------- reports


@pytest.fixture
def agreed_run(master):
    with Workspace.open(master) as workspace:
        workspace.consensus("P1", "M", 0.65, inspector="Chen", reason="joint site visit: plan adopted")
        return workspace.score()


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "3 inspectors: Li 0.6, Wang 0.7, Zhao 0.2 — consensus 0.65: joint site visit: plan adopted"),
        ("zh", "3位核查人：Li 0.6、Wang 0.7、Zhao 0.2 — 共识 0.65：joint site visit: plan adopted"),
    ],
)
def test_detail_and_disagreements_sheets(agreed_run, tmp_path, lang, sentence):
    from openpyxl import load_workbook

    from scoring.reports.workbook import write_ranked_workbook

    book = load_workbook(write_ranked_workbook(agreed_run, tmp_path / "ranked.xlsx", lang=lang, charts=False))
    detail = book["Detail" if lang == "en" else "明细"]
    # inspector and reason: the columns before the last (the paths to the next grade, issue 17)
    rows = {(r[2], r[4]): r[-3:-1] for r in detail.iter_rows(min_row=2, values_only=True)}
    assert rows[("P1", "M")] == ("Chen", sentence)
    p2_sentence = {"en": "3 inspectors: Li 0.9, Wang 0.8, Zhao 0.85 — median 0.85 (spread 0.1)",
                   "zh": "3位核查人：Li 0.9、Wang 0.8、Zhao 0.85 — 中位数 0.85（极差 0.1）"}[lang]
    assert rows[("P2", "M")] == ("Li, Wang, Zhao", p2_sentence)
    assert rows[("P1", "A")] == (None, None)  # nobody scored A

    sheet = book["Disagreements" if lang == "en" else "意见分歧"]
    table = list(sheet.iter_rows(values_only=True))
    counted = ("Inspectors", "Spread") if lang == "en" else ("核查人数", "极差")
    assert table[0][5:10] == ("Li", "Wang", "Zhao", *counted)
    assert [(r[1], r[5], r[6], r[7], r[9], r[11], r[13]) for r in table[1:]] == [
        ("P1", 0.6, 0.7, 0.2, 0.5, 0.65, 0.65),  # the largest spread first
        ("P2", 0.9, 0.8, 0.85, 0.1, 0.85, None),
    ]
    assert sheet.auto_filter.ref == "A1:P3"  # Excel sorts and filters it by spread
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if isinstance(c.value, str))


def test_no_disagreements_sheet_without_several_inspectors(tmp_path, files):
    from openpyxl import load_workbook

    from scoring.reports.workbook import write_ranked_workbook

    with Workspace.create(tmp_path / "solo.spw") as workspace:
        workspace.add_template(files["template"])
        workspace.import_files([files["forms"]])
        workspace.assess("P1", "M", 0.6, inspector="Li", reason="alone")
        run = workspace.score()
    book = load_workbook(write_ranked_workbook(run, tmp_path / "ranked.xlsx", lang="en", charts=False))
    assert "Disagreements" not in book.sheetnames
    detail = {(r[2], r[4]): r for r in book["Detail"].iter_rows(min_row=2, values_only=True)}
    assert detail[("P1", "M")][-3:-1] == ("Li", "alone")  # one inspector: as before (then the paths)


def test_pdf_project_page_has_the_whole_sentence(agreed_run):
    import datetime as dt

    from reportlab.platypus import Paragraph

    from scoring.core.presentation import text
    from scoring.reports.pdf.project import override_table
    from scoring.reports.pdf.reconcile import reconcile_table
    from scoring.reports.pdf.report import make_report

    def cells(table) -> list[list[str]]:
        return [[c.getPlainText() if isinstance(c, Paragraph) else str(c) for c in row]
                for row in table.cells[1:]]

    scheme = agreed_run.schemes[0]
    p1 = next(p for p in agreed_run.projects if p.project_id == "P1")
    for lang, sentence in (
        ("en", "3 inspectors: Li 0.6, Wang 0.7, Zhao 0.2 — consensus 0.65: joint site visit: plan adopted"),
        ("zh", "3位核查人：Li 0.6、Wang 0.7、Zhao 0.2 — 共识 0.65：joint site visit: plan adopted"),
    ):
        report = make_report(agreed_run, lang, dt.datetime(2026, 3, 1, 9, 30))
        assert text("several_inspectors", lang) == {"en": "Several inspectors' scores",
                                                    "zh": "多位核查人评分"}[lang]
        rows = cells(reconcile_table(report, p1))
        assert rows[0] == ["M", sentence]  # whole, in one cell that wraps
        assert cells(override_table(report, scheme, p1))[0][3:] == ["Chen", sentence]


def test_refused_files_come_along_once(tmp_path, files):
    broken = tmp_path / "broken.xlsx"
    broken.write_text("project_id,name\nP9,not a workbook\n", encoding="utf-8")
    with Workspace.create(tmp_path / "zhao.spw", actor="Zhao") as own:
        own.add_template(files["template"])
        own.import_files([files["forms"], broken])
        refused = own.rejections()
    assert [(Path(r.source).name, r.reason) for r in refused] == [("broken.xlsx", "unreadable")]
    first = merge(tmp_path / "master.spw", [tmp_path / "zhao.spw"], actor="Chen")
    again = merge(tmp_path / "master.spw", [tmp_path / "zhao.spw"], actor="Chen")
    assert (first.sources[0].refusals_added, again.sources[0].refusals_added) == (1, 0)
    assert "2 new projects, 1 refused file" in first.sources[0].summary()
    with Workspace.open(tmp_path / "master.spw") as master:
        assert master.rejections() == refused  # with its Chinese message too
        assert master.score().rejected == refused


def test_refusals_keep_their_sheet_and_cell_through_a_merge(tmp_path, files):
    """A format-6 source's refusal arrives with its place; a format-5 source's (stored without
    it, tests/data/workspace_v5.spw) arrives with none, and is not doubled by its upgraded copy."""
    no_id = tmp_path / "no_id.xlsx"
    write_form(no_id, project("", name="No id"), [dict(code="A", current=10)])
    with Workspace.create(tmp_path / "zhao.spw", actor="Zhao") as own:
        own.add_template(files["template"])
        own.import_files([no_id])
    old, upgraded = old_workspace(tmp_path, 5), old_workspace(tmp_path, 5, "upgraded.spw")
    Workspace.open(upgraded).close()
    assert merge(tmp_path / "new.spw", [tmp_path / "zhao.spw"]).sources[0].refusals_added == 1
    with Workspace.open(tmp_path / "new.spw") as master:
        assert [(r.sheet, r.cell) for r in master.rejections()] == [("Project", "B1")]
    report = merge(tmp_path / "master.spw", [old, upgraded])  # their scheme is another file's
    assert [s.refusals_added for s in report.sources] == [2, 0]
    with Workspace.open(tmp_path / "master.spw") as master:
        assert sorted((Path(r.source).name, r.sheet, r.cell) for r in master.rejections()) == [
            ("batch.xlsx:Batch!3", "", ""), ("no_id.xlsx", "", "")]


def test_copies_handed_out_are_told_apart_in_the_merged_audit_log(tmp_path, team, master):
    from scoring.workspace.audit import origin_names

    ids = {}
    for name, path in team.items():
        with Workspace.open(path) as workspace:
            ids[name] = workspace.workspace_id
    with Workspace.open(tmp_path / "office.spw") as office:
        office_id = office.workspace_id
    with Workspace.open(team["Li"]) as li:
        assert li.meta()["copied_from"] == office_id  # Li's and Wang's are copies of the office's
    assert len({office_id, *ids.values()}) == 4
    with Workspace.open(master) as workspace:
        entries = workspace.audit_entries()
    names = origin_names(entries)
    written_in = {(e.actor, names[e.origin]) for e in entries if e.action in ("manual_score", "override")}
    assert written_in == {("Li", "li.spw"), ("Wang", "wang.spw"), ("Zhao", "zhao.spw")}

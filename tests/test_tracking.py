"""Tracking pilots across rounds (issue 20), every number worked out by hand.

The scheme: A (value 0..100, weight 1), B (yes/no, weight 1), M (manual, weight 2, never scored
here, so it counts 0); 100 points: total = (A/100 + B)·25. Grades A ≥ 45, B ≥ 30, C below.

    round   P1             P2             P3             P4
    2024    A50 yes 37.5 B A100 no 25 C   A20 yes 30 B   —
    2025    A70 yes 42.5 B A100 yes 50 A  —  (dropped)   A0 no 0 C (new)
    2026    A90 yes 47.5 A —              A40 yes 35 B   A100 yes 50 A

Ranks: 2024 P1 1, P3 2, P2 3; 2025 P2 1, P1 2, P4 3; 2026 P4 1, P1 2, P3 3.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.analysis.tracking import MISSING, track_workspace
from scoring.workspace.facade import Workspace
from tests.builders import criterion, project, write_form, write_template
from tests.merge_team import CRITERIA

GRADES = [("A", 45), ("B", 30), ("C", 0)]
FORMS = {
    2024: {"P1": (50, "是"), "P2": (100, "否"), "P3": (20, "是")},
    2025: {"P1": (70, "是"), "P2": (100, "是"), "P4": (0, "否")},
    2026: {"P1": (90, "是"), "P3": (40, "是"), "P4": (100, "是")},
}


def import_round(workspace: Workspace, folder: Path, year: int, forms: dict, extra: dict | None = None):
    folder.mkdir(parents=True, exist_ok=True)
    for pid, (a, b) in forms.items():
        rows = [dict(code="A", current=a), dict(code="B", current=b)]
        rows += [dict(code=code, current=value) for code, value in (extra or {}).items()]
        write_form(folder / f"{pid}.xlsx", project(pid, name=f"Pilot {pid}", year=year), rows)
    workspace.import_files([folder])


@pytest.fixture
def tracking(tmp_path):
    template = write_template(tmp_path / "city.xlsx", CRITERIA, name="City scheme", grades=GRADES)
    with Workspace.create(tmp_path / "w.spw") as workspace:
        workspace.add_template(template)
        for year, forms in FORMS.items():
            import_round(workspace, tmp_path / str(year), year, forms)
        return track_workspace(workspace)


def totals(track) -> list:
    return [None if p is None else p.total for p in track.points]


def test_each_project_across_the_rounds_missing_is_none_never_zero(tracking):
    assert [(r.label, r.year) for r in tracking.rounds] == [(y, y) for y in ("2024", "2025", "2026")]
    (city,) = tracking.schemes
    assert [t.project_id for t in city.projects] == ["P1", "P2", "P3", "P4"]
    assert totals(city.project("P1")) == pytest.approx([37.5, 42.5, 47.5])
    assert totals(city.project("P2")) == [pytest.approx(25.0), pytest.approx(50.0), None]
    assert totals(city.project("P3")) == [pytest.approx(30.0), None, pytest.approx(35.0)]
    assert totals(city.project("P4")) == [None, pytest.approx(0.0), pytest.approx(50.0)]
    assert [p.grade for p in city.project("P1").points] == ["B", "B", "A"]
    assert [p and p.rank for p in city.project("P4").points] == [None, 3, 1]


def test_changes_since_the_previous_and_the_first_round(tracking):
    city = tracking.schemes[0]
    p1, p2, p3, p4 = (city.project(pid) for pid in ("P1", "P2", "P3", "P4"))
    assert [p1.change_previous(k) for k in range(3)] == [None, pytest.approx(5.0), pytest.approx(5.0)]
    assert p1.change_first(2) == pytest.approx(10.0) and p1.change_total == pytest.approx(10.0)
    assert p2.change_previous(1) == pytest.approx(25.0)
    assert p2.change_total is None  # dropped in 2026: no latest total to compare
    assert p3.change_previous(2) is None  # 2025 is missing: no change across it
    assert p3.change_first(2) == pytest.approx(5.0)
    assert p4.change_total is None  # new in 2025: nothing in the first round
    assert [t.project_id for t in city.improved()] == ["P1", "P3"]


def test_grade_transitions_and_rank_movement(tracking):
    city = tracking.schemes[0]
    assert city.transitions(0, 1) == {("B", "B"): 1, ("C", "A"): 1, ("B", MISSING): 1, (MISSING, "C"): 1}
    assert city.slope(0, 2) == [("P1", 1, 2), ("P2", 3, None), ("P3", 2, 3), ("P4", None, 1)]


def test_the_json_shape(tracking):
    data = tracking.as_dict()
    assert data["rounds"] == [{"round": "2024", "year": "2024"}, {"round": "2025", "year": "2025"},
                              {"round": "2026", "year": "2026"}]
    p2 = next(p for p in data["projects"] if p["project_id"] == "P2")
    assert (p2["scheme"], p2["change_total"]) == ("City scheme", None)
    last = p2["rounds"][2]
    assert [last[key] for key in ("round", "total", "grade", "rank", "D")] == ["2026", None, None, None, None]
    first = p2["rounds"][0]
    assert (first["total"], first["grade"], first["rank"], first["provisional"]) == (25.0, "C", 3, True)
    assert p2["rounds"][1]["change_previous"] == pytest.approx(25.0)
    assert data["schemes"][0]["compared_on"] is None


def test_a_scheme_version_change_is_compared_on_the_shared_criteria(tmp_path):
    """Version 2 adds E (value 0..100, weight 1; every 2025 form says 0): W = 5 and P1's 2025 total is
    (0.7 + 1 + 0)·100/5 = 34 — lower than 2024's 37.5, although P1 improved on A. On the
    criteria both versions share (A, B, M) 2025 is (0.7 + 1)·25 = 42.5: a change of +5."""
    v1 = write_template(tmp_path / "v1.xlsx", CRITERIA, name="City scheme", grades=GRADES)
    v2 = write_template(tmp_path / "v2.xlsx", [*CRITERIA, criterion("E")], name="City scheme", version="2",
                        grades=GRADES)
    with Workspace.create(tmp_path / "w.spw") as workspace:
        workspace.add_template(v1)
        import_round(workspace, tmp_path / "a", 2024, {"P1": (50, "是"), "P2": (100, "否")})
        workspace.add_template(v2)
        import_round(workspace, tmp_path / "b", 2025, {"P1": (70, "是"), "P2": (100, "否")}, {"E": 0})
        tracking = track_workspace(workspace, scheme="city scheme")
    (city,) = tracking.schemes
    assert city.versions == ["1", "2"] and city.shared_codes == ("A", "B", "M")
    assert city.basis() == (
        "the scheme's version changed between rounds (1 / 2): compared on the 3 criteria they share"
    )
    assert "共有的 3 项指标" in city.basis("zh")
    p1, p2 = city.project("P1"), city.project("P2")
    assert p1.points[1].total == pytest.approx(34.0)
    assert p1.points[1].compared_total == pytest.approx(42.5)
    assert p1.change_total == pytest.approx(5.0)
    # P2: 2025 own (1 + 0 + 0)·100/5 = 20, shared (1 + 0)·25 = 25: no change on what both measure
    assert p2.points[1].total == pytest.approx(20.0) and p2.change_total == pytest.approx(0.0)
    data = tracking.as_dict()
    assert data["schemes"][0]["compared_on"] == ["A", "B", "M"]
    entry = next(p for p in data["projects"] if p["project_id"] == "P1")["rounds"][1]
    assert (entry["total"], entry["total_compared"]) == (pytest.approx(34.0), pytest.approx(42.5))


def test_one_scheme_only_and_an_empty_workspace(tmp_path, tracking):
    assert [s.scheme for s in tracking.schemes] == ["City scheme"]
    with Workspace.create(tmp_path / "empty.spw") as workspace:
        empty = track_workspace(workspace)
    assert (empty.rounds, empty.schemes, empty.as_dict()["projects"]) == ([], [], [])


# --------------------------------------------------------------------------- the track command


@pytest.fixture
def workspace_path(tmp_path) -> Path:
    template = write_template(tmp_path / "city.xlsx", CRITERIA, name="City scheme", grades=GRADES)
    path = tmp_path / "w.spw"
    with Workspace.create(path) as workspace:
        workspace.add_template(template)
        for year, forms in FORMS.items():
            import_round(workspace, tmp_path / str(year), year, forms)
    return path


def test_track_command_writes_json_workbook_and_pdf(workspace_path, tmp_path, capsys):
    import json
    import shutil
    import subprocess

    from openpyxl import load_workbook

    from scoring.cli.main import main

    out = tmp_path / "out"
    args = ["track", "--workspace", str(workspace_path), "--json", str(out / "t.json"),
            "--out", str(out / "t.xlsx"), "--pdf", str(out / "t.pdf")]
    assert main([*args, "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "2024 → 2026: 2 rose, 0 fell, 2 not in both rounds" in printed
    assert "+10.00  P1" in printed
    data = json.loads((out / "t.json").read_text("utf-8"))
    p1 = next(p for p in data["projects"] if p["project_id"] == "P1")
    assert [r["total"] for r in p1["rounds"]] == [37.5, 42.5, 47.5] and p1["change_total"] == 10.0
    rows = list(load_workbook(out / "t.xlsx").active.iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "Project ID")
    p3 = next(r for r in rows if r[0] == "P3")
    assert header[2:6] == ("2024 Total", "2024 Grade", "2024 Rank", "2024 Synergy D")
    # no synergy criteria here: D is "—"; 2025 missing: dashes (total, grade, rank, D and the
    # change), never 0; change first → latest +5
    assert p3[2:6] == (30.0, "B", 2, "—")
    assert p3[6:11] == ("—", "—", "—", "—", "—") and p3[-1] == 5.0
    assert any(r[0] == "Grade transitions 2024 → 2026 (projects)" for r in rows)
    if shutil.which("pdftotext"):
        pdf_text = subprocess.run(["pdftotext", str(out / "t.pdf"), "-"], capture_output=True,
                                  text=True).stdout
        assert "Projects whose total rose: 2 (2024 → 2026)" in pdf_text and "Pilot P3" in pdf_text
    assert main([*args, "--lang", "zh"]) == 0
    rows = list(load_workbook(out / "t.xlsx").active.iter_rows(values_only=True))
    assert rows[0][0] == "跟踪评估：各轮次结果、变化与等级迁移"
    if shutil.which("pdftotext"):
        pdf_text = subprocess.run(["pdftotext", str(out / "t.pdf"), "-"], capture_output=True,
                                  text=True).stdout
        assert "总分上升的项目：2 个" in pdf_text and "等级迁移" in pdf_text


def test_track_command_refusals(workspace_path, tmp_path, capsys):
    from scoring.cli.main import main

    assert main(["track", "--workspace", str(workspace_path), "--scheme", "Park scheme"]) == 2
    assert "no projects of a scheme 'Park scheme'" in capsys.readouterr().err
    assert main(["track", "--workspace", str(tmp_path / "none.spw")]) == 2
    assert main(["track", "--workspace", str(workspace_path), "--json", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("{") and "assessment rounds" in captured.err


def test_trend_measures_total_d_and_a_dimension(tracking):
    import numpy as np

    from scoring.reports.charts.tracking import measure_values

    city = tracking.schemes[0]
    p3 = city.project("P3")
    # every criterion is in dimension D1, so its points are the total; no synergy tags: D undefined
    assert np.allclose(measure_values(city, p3, "D1"), [30.0, np.nan, 35.0], equal_nan=True)
    assert np.allclose(measure_values(city, p3, "total"), [30.0, np.nan, 35.0], equal_nan=True)
    assert np.isnan(measure_values(city, p3, "D")).all()


def test_a_scheme_is_chosen_by_its_chinese_name_too(tmp_path):
    """`track --scheme` takes the name a Chinese window shows, as a form's template field does."""
    v1 = write_template(tmp_path / "v1.xlsx", CRITERIA, name="City scheme", grades=GRADES,
                        name_zh="城市方案")
    with Workspace.create(tmp_path / "w.spw") as workspace:
        workspace.add_template(v1)
        import_round(workspace, tmp_path / "a", 2024, {"P1": (50, "是"), "P2": (100, "否")})
        import_round(workspace, tmp_path / "b", 2025, {"P1": (70, "是"), "P2": (100, "否")})
        by_chinese = track_workspace(workspace, scheme="城市方案")
        by_english = track_workspace(workspace, scheme="CITY SCHEME")
        by_other = track_workspace(workspace, scheme="Park scheme")
    assert [s.scheme for s in by_chinese.schemes] == [s.scheme for s in by_english.schemes] == ["City scheme"]
    assert by_other.schemes == []


def test_the_table_never_shows_a_total_rounded_up_onto_a_grade_it_missed():
    # 59.996 fails a 60-point pass mark: shown 59.99 as in the ranked workbook and the PDF (plain
    # rounding would print the pass mark, 60.00); 74.4449 is nowhere near a mark: 74.44
    from scoring.analysis.tracking import ProjectTrack, RoundInfo, RoundPoint, SchemeTracking, table_rows

    def point(total: float, grade: str) -> RoundPoint:
        return RoundPoint(total=total, grade=grade, rank=1, D=None, provisional=False, scheme_version="1",
                          dimensions={}, compared_total=total, compared_grade=grade, compared_rank=1)

    scheme = SchemeTracking(
        scheme="City scheme", level="city", rounds=[RoundInfo("2024", "2024"), RoundInfo("2025", "2025")],
        versions=["1", "1"], shared_codes=None, dimensions=(), grades=("Pass", "Fail"),
        projects=[ProjectTrack("P1", "One", [point(59.996, "Fail"), point(74.4449, "Pass")])],
        grade_bands=(("Pass", 60.0), ("Fail", 0.0)))
    (row,) = table_rows(scheme, "en")
    assert row[2] == 59.99 and row[6] == 74.44


def test_shown_below_thresholds_rounds_but_never_up_onto_a_threshold():
    from scoring.core.presentation import shown_below_thresholds

    assert shown_below_thresholds(59.996, [60.0]) == 59.99
    assert shown_below_thresholds(59.996, [60.0], digits=1) == 59.9
    assert shown_below_thresholds(59.996, []) == 60.0
    assert shown_below_thresholds(60.004, [60.0]) == 60.0
    assert shown_below_thresholds(74.996, [60.0, 75.0]) == 74.99

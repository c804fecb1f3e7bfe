"""``explain PROJECT_ID`` on files and on a workspace, and what ``score --json`` gains (issue 17)."""

from __future__ import annotations

import json

import pytest

from scoring.cli.main import main
from tests.builders import criterion, project, write_form, write_template


@pytest.fixture
def setup(tmp_path):
    # A (value 0..100, weight 3) and B (change, lower, 0..20 %, weight 1): W = 4, max 75 and 25.
    # P1: A 60 → s 0.6, 45 points; B 200 → 190: r = 5 %, s 0.25, 6.25 points. Total 51.25: Fail,
    # Pass at 60 → gap 8.75. A: s* = 0.6 + 8.75/75 = 0.71667 → 71.667; B: s* = 0.25 + 0.35 = 0.6
    # → r* = 12 % → 200 − 12·200/100 = 176. Relative change: B 14/190 = 0.074 < A 11.667/60 = 0.194.
    template = write_template(tmp_path / "t.xlsx", [
        criterion("A", weight=3, unit="t"),
        criterion("B", type="change", direction="lower", worst=0, best=20),
    ], name_zh="测试方案")
    folder = tmp_path / "in"
    folder.mkdir()
    write_form(folder / "p1.xlsx", project("P1"), [dict(code="A", current=60),
                                                   dict(code="B", current=190, baseline=200)])
    return template, folder


def test_explain_prints_the_gap_the_paths_and_the_worked_calculation(setup, capsys):
    template, folder = setup
    assert main(["explain", "P1", "--template", str(template), str(folder), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Total 51.25: 8.75 points short of Pass (60)" in out
    assert out.splitlines()[0] == "P1 Project one — Test scheme 1: Total 51.25, Grade Fail, Rank 1"
    lines = out.splitlines()
    starts = ("B Indicator B:", "A Indicator A:")
    first, second = (lines.index(line) for line in lines if line.startswith(starts))
    assert first < second  # B's smaller relative change first
    assert "value 176, an improvement of 12% on the baseline 200 (today 190; fraction 0.6)" in out
    assert "A Indicator A: 71.67 t (today 60; fraction 0.717)" in out  # 71.667 rounded up
    assert "Max points = weight × total points / W = 3 × 100 / 4 = 75" in out
    assert "Improvement r = (baseline − value)/|baseline| × 100 = (200 − 190)/200 × 100 = 5%" in out


def test_explain_in_chinese_and_as_json(setup, capsys):
    template, folder = setup
    main(["explain", "P1", "--template", str(template), str(folder)])
    out = capsys.readouterr().out
    assert "总分 51.25，距“合格”（60 分）还差 8.75 分" in out
    # the head in Chinese too, the scheme by its Chinese name (as the outputs name it)
    assert out.splitlines()[0] == "P1 Project one — 测试方案 1：总分 51.25，等级 不合格，排名 1"
    main(["explain", "p1", "--json", "--template", str(template), str(folder)])
    data = json.loads(capsys.readouterr().out)
    assert (data["next_grade"], data["gap"]) == ("Pass", pytest.approx(8.75))
    assert [p["code"] for p in data["paths"]] == ["B", "A"]
    assert data["paths"][0]["value"] == pytest.approx(176.0)
    by_code = {c["code"]: c for c in data["criteria"]}
    assert by_code["B"]["improvement"] == pytest.approx(5.0)
    assert by_code["B"]["points_lost"] == pytest.approx(18.75)  # 25 − 6.25


def test_explain_an_unknown_project_says_so(setup, capsys):
    template, folder = setup
    assert main(["explain", "P9", "--template", str(template), str(folder)]) == 2
    assert "no scored project 'P9'" in capsys.readouterr().err


def test_explain_from_a_workspace(setup, tmp_path, capsys):
    template, folder = setup
    workspace = tmp_path / "w.spw"
    assert main(["score", "--workspace", str(workspace), "--template", str(template), str(folder)]) == 0
    capsys.readouterr()
    assert main(["explain", "P1", "--workspace", str(workspace), "--lang", "en"]) == 0
    assert "8.75 points short of Pass" in capsys.readouterr().out


def test_score_json_gains_points_lost_gap_and_paths(setup, tmp_path):
    template, folder = setup
    main(["score", "--template", str(template), str(folder), "--json", str(tmp_path / "r.json")])
    p1 = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["projects"][0]
    assert p1["indicators"]["A"]["max_points"] == pytest.approx(75.0)
    assert p1["indicators"]["A"]["points_lost"] == pytest.approx(30.0)  # 75 − 45
    assert (p1["next_grade"], p1["gap"], p1["blocked_by"]) == ("Pass", pytest.approx(8.75), [])
    assert [(p["code"], p["input"]) for p in p1["paths"]] == [("B", "current"), ("A", "value")]

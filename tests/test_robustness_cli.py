"""``score --robustness``: options, printed paragraphs, JSON keys, exit codes (issue 8)."""

from __future__ import annotations

import json

import pytest

from scoring.cli.main import main
from tests.builders import criterion, project, write_form, write_template


@pytest.fixture
def setup(tmp_path):
    # The hand-worked case of test_robustness: P1 (A 100, B 0) 50 points, P2 (A 20, B 60) 40,
    # P3 (A 0, B 50) 25; top 1 is lost when A's weight falls by 25%.
    template = write_template(tmp_path / "t.xlsx", [criterion("A"), criterion("B")])
    folder = tmp_path / "in"
    folder.mkdir()
    for pid, a, b in (("P1", 100, 0), ("P2", 20, 60), ("P3", 0, 50)):
        write_form(folder / f"{pid}.xlsx", project(pid, name=f"Project {pid}"),
                   [dict(code="A", current=a), dict(code="B", current=b)])
    return template, folder


def test_robustness_adds_json_keys_and_prints_both_paragraphs(setup, tmp_path, capsys):
    template, folder = setup
    out = tmp_path / "r.json"
    code = main(["score", "--template", str(template), str(folder), "--robustness", "--draws", "200",
                 "--spread", "20%", "--cutoff", "1", "--seed", "5", "--json", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Robustness of the Test scheme ranking (3 projects)" in printed
    assert "lowering its weight by 25.0%" in printed and "降低25.0%" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    scheme = data["schemes"][0]
    assert {"spearman", "kendall"} <= set(scheme)
    settings = scheme["robustness"]
    assert (settings["draws"], settings["spread"], settings["seed"], settings["top_k"]) == (200, 0.2, 5, 1)
    assert settings["cutoff_stability"]["change"] == pytest.approx(-0.25)
    assert settings["cutoff_stability"]["criterion"] == "A"
    by_id = {p["project_id"]: p for p in data["projects"]}
    keys = {"median_rank", "rank_p5", "rank_p95", "p_top_k", "topsis_rank", "topsis_closeness"}
    assert keys <= set(by_id["P1"])
    assert by_id["P3"]["p_top_k"] == 0.0  # needs B's weight doubled; ±20% never does it


def test_a_grade_cut_off_adds_its_probability(setup, tmp_path):
    template, folder = setup
    out = tmp_path / "r.json"
    assert main(["score", "--template", str(template), str(folder), "--robustness", "--draws", "50",
                 "--cutoff", "Pass", "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schemes"][0]["robustness"]["grade"] == "Pass"
    # 50, 40 and 25 points are all below Pass (60), and ±20% cannot lift 50 to 60:
    # P1 = 100·fA/(fA + fB) ≤ 100·1.2/2.0 = 60 only at the extreme corner, never above
    assert [p["p_grade"] for p in data["projects"]] == [0.0, 0.0, 0.0]


def test_without_robustness_the_json_is_unchanged(setup, tmp_path):
    template, folder = setup
    out = tmp_path / "r.json"
    assert main(["score", "--template", str(template), str(folder), "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "robustness" not in data["schemes"][0]
    assert "median_rank" not in data["projects"][0]


@pytest.mark.parametrize("extra, message", [
    (["--robustness", "--spread", "1.5"], "spread must be between 0 and 1"),
    (["--robustness", "--draws", "many"], "--draws needs a whole number"),
    (["--robustness", "--draws", "0"], "number of draws"),
    (["--robustness", "--method", "normal"], "method must be one of uniform, dirichlet"),
    (["--draws", "100"], "--draws is only used with --robustness"),
    (["--robustness", "--cutoff", "Superb"], "no grade 'Superb'"),
])
def test_bad_robustness_options_exit_2_in_words(setup, capsys, extra, message):
    template, folder = setup
    assert main(["score", "--template", str(template), str(folder), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_the_ranked_workbook_gains_a_robustness_sheet(setup, tmp_path):
    from openpyxl import load_workbook

    template, folder = setup
    out = tmp_path / "ranked.xlsx"
    assert main(["score", "--template", str(template), str(folder), "--robustness", "--draws", "50",
                 "--out", str(out)]) == 0
    names = load_workbook(out).sheetnames
    assert "稳健性" in names  # the CLI's reports are Chinese by default


def test_the_pdf_report_gains_the_robustness_pages(setup, tmp_path):
    from scoring.analysis import robustness as R
    from scoring.io.pipeline import run
    from scoring.reports.pdf.report import page_count

    template, folder = setup
    out = tmp_path / "report.pdf"
    assert main(["score", "--template", str(template), str(folder), "--robustness", "--draws", "50",
                 "--pdf", str(out)]) == 0
    assert out.read_bytes()[:5] == b"%PDF-"
    result = run([template], [folder])
    studies = R.assess_run(result, R.RobustnessOptions(draws=50))
    # three projects: one page with the paragraph and the table, one with the chart; the
    # method appendix gains the study's settings, which may take it onto one more page
    assert page_count(result, robustness=studies) - page_count(result) in (2, 3)


def test_a_cutoff_grade_no_scheme_has_is_refused_before_scoring(setup, capsys):
    template, folder = setup
    argv = ["score", "--template", str(template), str(folder), "--robustness", "--cutoff", "Superb"]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert "no grade 'Superb'" in err
    assert "scored" not in out  # nothing was read or scored first

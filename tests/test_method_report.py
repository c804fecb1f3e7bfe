"""make method-report's figures, on hand-made results (docs/method.md, "Synergy")."""

from __future__ import annotations

import math

import pytest

from scoring.cli.method_report import format_rows, synergy_figures, verdict
from scoring.core.results import ProjectResult


def _project(pid, total, grade, c, d, klass, veto=()):
    synergy = None if c is None else {"pollution": 0.5, "carbon": 0.5, "C": c, "T": 0.5, "D": d,
                                      "class": klass}
    return ProjectResult(pid, pid, "city", "S", "", total, total, 0.0, 0.0, grade, 1, list(veto), {}, synergy,
                         {}, [])


def test_spread_correlation_and_coordinated_fails():
    projects = [
        _project("P1", 40.0, "Fail", 0.5, 0.3, 4),
        _project("P2", 50.0, "Fail", 0.9, 0.6, 7),       # failing yet "coordinated" (class ≥ 6)
        _project("P3", 90.0, "Excellent", 1.0, 0.9, 10),
        _project("P4", 70.0, "Pass", None, None, 0, veto=["V"]),  # no index; vetoed, so failing
    ]
    figures = synergy_figures(projects, {"S": "Fail"})
    # C over the three with an index: 0.5 … 1.0 → spread 0.5
    assert (figures.with_index, figures.c_min, figures.c_max) == (3, 0.5, 1.0)
    assert figures.c_spread == pytest.approx(0.5)
    # D (0.3, 0.6, 0.9), total (40, 50, 90): deviations (−0.3, 0, 0.3) and (−20, −10, 30);
    # r = 15/(√0.18·√1400) = 0.944911
    assert figures.correlation == pytest.approx(15 / (math.sqrt(0.18) * math.sqrt(1400)))
    assert (figures.failing, figures.failing_coordinated) == (3, 1)
    assert [line.en for line in verdict(figures)] == ["C spread 0.500 (target ≥ 0.3): met",
                                                      "corr(D, total) 0.945 (target ≤ 0.9): NOT met"]
    assert [line.zh for line in verdict(figures)] == ["C 极差 0.500（目标 ≥ 0.3）：达到",
                                                      "D 与总分的相关系数 0.945（目标 ≤ 0.9）：未达到"]
    [header, row] = format_rows([("city", figures)], "en")
    assert header.split() == ["level", "projects", "with", "D", "C", "min", "C", "max", "C", "spread",
                              "corr(D,total)", "fail,", "coordinated"]
    assert row.split() == ["city", "4", "3", "0.500", "1.000", "0.500", "0.945", "1", "of", "3"]
    [header_zh, row_zh] = format_rows([("city", figures)], "zh")
    assert header_zh.split() == ["层级", "项目数", "有", "D", "C", "最小", "C", "最大", "C", "极差", "D",
                                 "与总分相关", "不合格中协调"]
    assert row_zh.split() == ["城市", "4", "3", "0.500", "1.000", "0.500", "0.945", "3", "个中", "1", "个"]


def test_the_table_lines_up_on_the_screen_in_either_language():
    """Each column ends at the same screen column in both languages (a Chinese character is two
    cells wide): the lines are as wide as one another on the screen."""
    from scoring.core.textlayout import display_width

    figures = synergy_figures([_project("P1", 40.0, "Fail", 0.5, 0.3, 4)], {"S": "Fail"})
    lines = [*format_rows([("enterprise", figures), ("all", figures)], "en"),
             *format_rows([("enterprise", figures), ("all", figures)], "zh")]
    assert {display_width(line) for line in lines} == {89}  # 12 + 9 + 8 + 8 + 8 + 10 + 15 + 19


def test_a_wrong_option_is_refused_in_both_languages_before_any_work(capsys):
    from scoring.cli.method_report import main

    assert main(["--lang", "fr"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["error: argument --lang: invalid choice: 'fr' (choose from 'zh', 'en') "
                   "(python -m scoring.cli.method_report --help shows its usage)",
                   "错误：参数 --lang 的取值 'fr' 无效（可选：'zh', 'en'）"
                   "（python -m scoring.cli.method_report --help 列出其用法）"]
    assert main(["--o"]) == 2  # no abbreviation of any option
    assert capsys.readouterr().err.splitlines()[1] == (
        "错误：无法识别的参数：--o（python -m scoring.cli.method_report --help 列出其用法）")


def test_every_line_is_english_then_chinese_or_the_language_asked(monkeypatch, capsys, tmp_path):
    """main() prints as the command line does (scoring/cli/common.py): each line in English, then
    in Chinese; with --lang only one. The demo and its scoring are replaced by two hand-made
    projects of one city scheme (their figures are worked out in the test above)."""
    from types import SimpleNamespace

    import scoring.build.demo
    import scoring.io.pipeline
    from scoring.cli.method_report import main

    scheme = SimpleNamespace(name="S", level="city", version="1", lowest_grade=SimpleNamespace(name="Fail"))
    projects = [_project("P1", 40.0, "Fail", 0.5, 0.3, 4), _project("P2", 90.0, "Excellent", 1.0, 0.9, 10)]
    for p in projects:
        p.source = str(tmp_path / f"{p.project_id}.xlsx")
    monkeypatch.setattr(scoring.build.demo, "write_demo", lambda folder: None)
    monkeypatch.setattr(scoring.io.pipeline, "run",
                        lambda templates, inputs: SimpleNamespace(projects=projects, schemes=[scheme]))
    assert main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ['Synergy index on the demo, shipped schemes (city 1); docs/method.md, "Synergy"',
                         "示例数据上的协同指数，随附方案（城市 1）；见 docs/method.md“协同指数”一节"]
    # C 0.5 and 1.0: spread 0.5; D (0.3, 0.9) and totals (40, 90) rise together: r = 1
    assert lines[-4:] == ["C spread 0.500 (target ≥ 0.3): met", "C 极差 0.500（目标 ≥ 0.3）：达到",
                          "corr(D, total) 1.000 (target ≤ 0.9): NOT met",
                          "D 与总分的相关系数 1.000（目标 ≤ 0.9）：未达到"]
    assert [line.split()[0] for line in lines[2:8]] == ["level", "层级", "city", "城市", "all", "全部"]
    assert main(["--lang", "zh"]) == 0
    chinese = capsys.readouterr().out.splitlines()
    assert chinese == [line for line in lines if line in chinese] and len(chinese) == 6
    assert chinese[0].startswith("示例数据") and chinese[-1].startswith("D 与总分的相关系数")

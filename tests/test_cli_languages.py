"""Everything the command line prints, in English and in Chinese (issue 15).

Without ``--lang`` each message comes in English and then in Chinese, one line each, as the
errors always did; ``--lang zh`` or ``--lang en`` keeps one. The expected sentences are written
out here by hand, in both languages, from the catalogue's wording (scoring/core/presentation.py).
"""

from __future__ import annotations

import pytest

from scoring.cli import selftest
from scoring.cli.main import main
from scoring.core.presentation import said
from tests.builders import cli_assess, criterion, project, write_form, write_template
from tests.merge_team import build_team, write_files


def lines_of(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_score_summary_in_both_languages_or_the_one_asked_for(pilots, capsys):
    template, folder, _ = pilots
    assert main(["score", "--template", str(template), str(folder)]) == 0
    out = lines_of(capsys.readouterr().out)
    english = out.index("2 projects scored, 0 inputs rejected")
    assert out[english + 1] == "已评分 2 个项目，拒收 0 个输入"  # each line, then its Chinese
    assert "Test scheme 1 (city): 2 projects scored" in out
    assert "Test scheme 1（城市）：已评分 2 个项目" in out
    # the top rows: the grade in each language (P1 37.5 and P2 25 of 100 points are both Fail)
    assert "    1. P1 Project one  37.50  Fail" in out and "    1. P1 Project one  37.50  不合格" in out

    assert main(["score", "--template", str(template), str(folder), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "已评分 2 个项目，拒收 0 个输入" in out and "scored" not in out
    assert main(["score", "--template", str(template), str(folder), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "2 projects scored, 0 inputs rejected" in out and "已评分" not in out


def test_a_second_file_of_a_pilot_is_named_in_the_score_summary(pilots, tmp_path, capsys):
    template, folder, workspace = pilots
    write_form(folder / "p1_again.xlsx", project("P1"),
               [dict(code="A", current=60), dict(code="B", current="是")])
    # scoring files: the first is kept, the second refused, and the summary says which
    assert main(["score", "--template", str(template), str(folder)]) == 3
    captured = capsys.readouterr()
    assert "1 project scored" not in captured.out  # P2 and the first P1 are scored
    out = lines_of(captured.out)
    assert "2 projects scored, 1 input rejected" in out and "已评分 2 个项目，拒收 1 个输入" in out
    assert "1 of them a second file of a project already submitted, refused (the first is kept): " \
           "p1_again.xlsx" in out
    assert "其中 1 个是已报送项目的第二份文件，保留第一份、拒收此文件：p1_again.xlsx" in out
    assert "rejected [duplicate_project]" in captured.err and "拒收 [" in captured.err

    # in a workspace, a later file replaces the earlier as a new version: how many, and which
    (folder / "p1_again.xlsx").unlink()
    assert main(["score", "--workspace", str(workspace), "--template", str(template), str(folder)]) == 0
    later = tmp_path / "later"
    later.mkdir()
    write_form(later / "p1.xlsx", project("P1"), [dict(code="A", current=80), dict(code="B", current="是")])
    write_form(later / "p2.xlsx", project("P2"), [dict(code="A", current=90), dict(code="B", current="否")])
    capsys.readouterr()
    assert main(["score", "--workspace", str(workspace), str(later)]) == 0
    out = lines_of(capsys.readouterr().out)
    assert "2 resubmissions replaced their earlier versions: P1 (version 2), P2 (version 2)" in out
    assert "2 份重新报送替换了此前的版本：P1（第 2 版）、P2（第 2 版）" in out
    assert "workspace w.spw: 0 imported, 2 resubmitted, 0 unchanged, 0 rejected" in out
    assert "工作区 w.spw：导入 0，重新报送 2，未变 0，拒收 0" in out
    assert "      A current: 50 → 80" in out and "      A 现状值：50 → 80" in out


def test_history_and_audit_listings_in_both_languages(imported_pilots, tmp_path, capsys):
    template, folder, workspace = imported_pilots
    write_form(tmp_path / "p1_v2.xlsx", project("P1"),
               [dict(code="A", current=80), dict(code="B", current="是")])
    main(["score", "--workspace", str(workspace), str(tmp_path / "p1_v2.xlsx")])
    capsys.readouterr()
    assert main(["history", "--workspace", str(workspace), "P1"]) == 0
    out = lines_of(capsys.readouterr().out)
    assert out[:2] == ["P1 in Test scheme 1, round round 1", "P1，方案 Test scheme 1，评估轮次 round 1"]
    assert out[-4:] == [
        "      criterion    old value            new value",
        "      指标         原值                 新值",
        "      A current    50                   80",
        "      A 现状值     50                   80",
    ]
    assert main(["history", "--workspace", str(workspace), "P1", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "第 2 版" in out and "version" not in out

    assert main(["audit", "--workspace", str(workspace)]) == 0
    out = lines_of(capsys.readouterr().out)
    imported = [line for line in out if "P2" in line]
    assert imported[0].endswith("Imported       project P2 imported from p2.xlsx into round round 1")
    assert imported[1].endswith("已导入         项目 P2 由 p2.xlsx 导入，评估轮次 round 1")
    assert main(["audit", "--workspace", str(workspace), "--out", str(tmp_path / "a.xlsx")]) == 0
    out = lines_of(capsys.readouterr().out)
    assert out[0].endswith(f"audit entries written to {tmp_path / 'a.xlsx'}")
    assert out[1].startswith("已将 ") and out[1].endswith(f"条审计记录写入 {tmp_path / 'a.xlsx'}")


def test_assess_and_validate_say_what_they_did_in_both_languages(imported_pilots, capsys):
    template, folder, workspace = imported_pilots
    assert cli_assess(workspace, "P1", "M", "0.5", inspector="Li", reason="site visit") == 0
    assert lines_of(capsys.readouterr().out) == [
        "recorded: manual score of M for P1 (Test scheme 1) = 0.5 by Li: site visit",
        "已记录：P1（Test scheme 1）M 的现场评分 = 0.5，核查人 Li：site visit",
    ]
    assert main(["validate", "--template", str(template)]) == 0
    assert lines_of(capsys.readouterr().out)[:2] == [
        f"{template}: valid — Test scheme 1 (city), 3 criteria (3 score), 1 dimension",
        f"{template}：有效——Test scheme 1（城市），3 项指标（计分 3），1 个维度",
    ]


def test_merge_summary_and_disagreements_in_both_languages(tmp_path, capsys):
    team = build_team(tmp_path, write_files(tmp_path))
    master = tmp_path / "master.spw"
    assert main(["merge", "--into", str(master), *map(str, team.values())]) == 0
    out = lines_of(capsys.readouterr().out)
    assert "workspace master.spw created" in out and "已新建工作区 master.spw" in out
    assert "merged 3 workspaces into master.spw" in out and "已将 3 个工作区合并入 master.spw" in out
    assert "  zhao.spw: 1 new version, 2 inspectors' scores (Zhao), 2 submissions already here" in out
    assert "  zhao.spw：1 个新版本，2 条核查人评分（Zhao），2 份申报已在此" in out
    assert ("2 criteria scored by several inspectors or decided by consensus; 1 disagreement (spread above "
            "0.25); until a consensus the median is used") in out
    assert "2 项指标由多名核查人评分或已定共识；1 处分歧（极差超过 0.25）；达成共识前采用中位数" in out
    assert " ! P1 M: 3 inspectors: Li 0.6, Wang 0.7, Zhao 0.2 — median 0.6 (spread 0.5: disagreement, " \
           "no consensus yet)" in out
    assert any(line.startswith(" ! P1 M: 3位核查人：Li 0.6、Wang 0.7、Zhao 0.2") for line in out)


def test_selftest_report_in_both_languages(tmp_path, monkeypatch):
    monkeypatch.setattr(selftest, "run_checks", lambda work, full: iter(
        [selftest.Check("demo", said("st_demo_ok", n=85))]))
    lines: list[str] = []
    assert selftest.main(out=tmp_path, echo=lines.append) == 0
    assert "  ok  demo: 85 submission files written" in lines
    assert "  通过  示例：已写入 85 个申报文件" in lines
    assert lines[-2].startswith("selftest passed in ") and lines[-1].startswith("自检通过，用时 ")
    lines.clear()
    assert selftest.main(out=tmp_path, echo=lines.append, lang="zh") == 0
    assert not any("ok" in line for line in lines)

    def fails(work, full):
        raise selftest.SelftestError("st_pdf_pages", file="report.pdf", pages=3, expected=4)
        yield

    monkeypatch.setattr(selftest, "run_checks", fails)
    lines.clear()
    assert selftest.main(out=tmp_path, echo=lines.append) == 1
    assert lines[2:4] == ["selftest FAILED: report.pdf has 3 pages, expected 4",
                          "自检失败：report.pdf 有 3 页，应为 4 页"]


def test_help_reads_in_both_languages_or_the_one_asked_for(capsys):
    assert main(["score", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage / 用法：python main.py score")
    assert "options / 选项：" in out and "positional arguments / 位置参数：" in out
    assert "write the PDF report here\n" in out and "将 PDF 报告写到此处\n" in out
    assert "\nrobustness of the ranking / 排名的稳健性:\n" in out and "\nreport sign-off / 报告签署:\n" in out
    assert main(["merge", "--help", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：python main.py merge") and "选项：" in out
    assert "主工作区（不存在时新建）" in out and "master" not in out and "options" not in out
    assert main(["--help", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "score submissions and rank them" in out and "评分" not in out


def test_help_wraps_chinese_by_its_width_on_the_screen(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    assert main(["score", "--help", "--lang", "zh"]) == 0
    from scoring.core.textlayout import display_width

    assert max(display_width(line) for line in capsys.readouterr().out.splitlines()) <= 60


@pytest.mark.parametrize(("argv", "en", "zh"), [
    (["scroe"], "error: there is no command 'scroe' (did you mean score?); the commands are score, form,",
     "错误：没有命令 'scroe'（是否要用 score？）；可用命令：score, form,"),
    (["history", "--workspace", "w.spw"],
     "error: the following arguments are required: PROJECT_ID (python main.py history --help shows its "
     "usage)",
     "错误：缺少必需的参数：PROJECT_ID（python main.py history --help 列出其用法）"),
    (["score", "--frobnicate"],
     "error: unrecognized arguments: --frobnicate (python main.py score --help shows its usage)",
     "错误：无法识别的参数：--frobnicate（python main.py score --help 列出其用法）"),
    (["reconcile", "--workspace", "w.spw", "--method", "mode"],
     "error: argument --method: invalid choice: 'mode' (choose from 'median', 'mean') (python main.py "
     "reconcile --help shows its usage)",
     "错误：参数 --method 的取值 'mode' 无效（可选：'median', 'mean'）"
     "（python main.py reconcile --help 列出其用法）"),
    (["score", "--template"], "error: argument --template: expected one argument",
     "错误：参数 --template 需要一个值"),
])
def test_an_unknown_command_or_a_wrong_option_is_refused_in_both_languages_with_exit_2(argv, en, zh, capsys):
    assert main(argv) == 2
    err = lines_of(capsys.readouterr().err)
    assert len(err) == 2 and err[0].startswith(en) and err[1].startswith(zh)
    assert main([*argv, "--lang", "zh"]) == 2
    assert lines_of(capsys.readouterr().err) == [err[1]]


def test_the_terminal_never_receives_control_characters(imported_pilots, capsys):
    template, folder, workspace = imported_pilots
    assert cli_assess(workspace, "P1", "M", "0.5", inspector="Li\x1b[31m\x07",
                      reason="seen\x1b]0;owned\x07") == 0
    out = capsys.readouterr().out
    assert "recorded: manual score" in out and "已记录" in out
    assert not any(ch in out for ch in "\x1b\x07")
    assert main(["audit", "--workspace", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert "Li" in out and not any(ch in out for ch in "\x1b\x07")


def test_form_track_and_consensus_say_what_they_did_in_both_languages(pilots, tmp_path, capsys):
    template, folder, workspace = pilots
    form = tmp_path / "form.xlsx"
    assert main(["form", "--template", str(template), "--out", str(form)]) == 0
    assert lines_of(capsys.readouterr().out) == [f"blank form for Test scheme 1: {form}",
                                                 f"Test scheme 1 的空白申报表：{form}"]
    main(["score", "--workspace", str(workspace), "--template", str(template), str(folder)])
    capsys.readouterr()
    assert main(["track", "--workspace", str(workspace)]) == 0
    out = lines_of(capsys.readouterr().out)
    assert out[:2] == ["assessment rounds: round 1 (no year)", "评估轮次：round 1（无年份）"]
    assert "Test scheme: 2 projects" in out and "Test scheme：2 个项目" in out
    for inspector, fraction in (("Li", "0.2"), ("Wang", "0.9")):
        cli_assess(workspace, "P1", "M", fraction, inspector=inspector, reason="visit")
    capsys.readouterr()
    assert main(["consensus", "--workspace", str(workspace), "P1", "M", "0.5", "--inspector", "Chen",
                 "--reason", "joint visit"]) == 0
    assert lines_of(capsys.readouterr().out) == [
        "recorded: consensus on M for P1 (Test scheme 1) = 0.5 by Chen: joint visit "
        "(inspectors: Li 0.2, Wang 0.9)",
        "已记录：P1（Test scheme 1）M 的共识 = 0.5，审核人 Chen：joint visit（核查人评分：Li 0.2、Wang 0.9）",
    ]


def test_robustness_options_out_of_range_are_refused_in_both_languages(pilots, capsys):
    template, folder, _ = pilots
    assert main(["score", "--template", str(template), str(folder), "--robustness", "--spread", "1.5"]) == 2
    assert lines_of(capsys.readouterr().err) == [
        "error: the spread must be between 0 and 1 (0.2 means ±20%), not 1.5",
        "错误：变动幅度须在 0 到 1 之间（0.2 表示 ±20%），而不是 1.5",
    ]
    assert main(["score", "--template", str(template), str(folder), "--robustness",
                 "--cutoff", "Superb"]) == 2
    err = lines_of(capsys.readouterr().err)
    assert err[0].startswith("error: the scheme Test scheme has no grade 'Superb' (its grades: ")
    assert err[1].startswith("错误：方案 Test scheme 没有等级 'Superb'（其等级：")


def test_demo_says_what_it_wrote_in_both_languages(tmp_path, monkeypatch, capsys):
    # the demo's own files are tested in tests/test_demo*.py; here only what the command says
    monkeypatch.setattr("scoring.build.demo.write_demo", lambda out: [out / "a.xlsx", out / "b.xlsx"])
    monkeypatch.setattr("scoring.build.demo_rounds.write_second_round", lambda out: [out / "c.xlsx"])
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out)]) == 0
    assert lines_of(capsys.readouterr().out) == [
        f"2 demo files written under {out}, and 1 form of the pilots' next assessment round under "
        f"{out / 'round_2025'}",
        f"已在 {out} 下写入 2 个示例文件，并在 {out / 'round_2025'} 下写入试点下一评估轮次的 1 份申报表",
    ]


def test_a_scheme_is_named_in_chinese_on_the_chinese_lines(tmp_path, capsys):
    template = write_template(tmp_path / "t.xlsx", [criterion("A"), criterion("M", type="manual")],
                              name_zh="测试方案")
    folder = tmp_path / "in"
    folder.mkdir()
    write_form(folder / "p1.xlsx", project("P1"), [dict(code="A", current=50)])
    workspace = tmp_path / "w.spw"
    main(["score", "--workspace", str(workspace), "--template", str(template), str(folder)])
    capsys.readouterr()
    assert cli_assess(workspace, "P1", "M", "0.5", inspector="Li", reason="visit") == 0
    assert lines_of(capsys.readouterr().out) == [
        "recorded: manual score of M for P1 (Test scheme 1) = 0.5 by Li: visit",
        "已记录：P1（测试方案 1）M 的现场评分 = 0.5，核查人 Li：visit",
    ]
    assert main(["history", "--workspace", str(workspace), "P1"]) == 0
    assert lines_of(capsys.readouterr().out)[:2] == ["P1 in Test scheme 1, round round 1",
                                                     "P1，方案 测试方案 1，评估轮次 round 1"]

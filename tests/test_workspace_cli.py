"""The workspace on the command line: score --workspace, assess, history, audit.

Same scheme as tests/test_workspace.py: A (value 0..100, weight 1), B (yes/no, weight 1),
M (manual, weight 2); one weight unit is worth 25 points.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scoring.cli.main import main
from scoring.workspace.facade import Workspace
from tests.builders import cli_assess, criterion, override_of_p1_a, project, write_form, write_template

ROOT = Path(__file__).resolve().parent.parent


def score_json(workspace: Path, tmp_path: Path, *extra: str) -> tuple[int, dict]:
    out = tmp_path / "r.json"
    code = main(["score", "--workspace", str(workspace), *extra, "--json", str(out)])
    return code, json.loads(out.read_text(encoding="utf-8"))


def by_id(result: dict) -> dict:
    return {p["project_id"]: p for p in result["projects"]}


def test_score_with_a_workspace_imports_then_scores_what_it_holds(pilots, tmp_path, capsys):
    template, folder, workspace = pilots
    code, result = score_json(workspace, tmp_path, "--template", str(template), str(folder))
    assert code == 0 and workspace.exists()
    assert "2 imported, 0 resubmitted, 0 unchanged, 0 rejected" in capsys.readouterr().out
    # P1: A 0.5·25 = 12.5, B 25, M pending 0 → 37.5; P2: A 25, B 0 → 25
    assert {p: r["total"] for p, r in by_id(result).items()} == {"P1": 37.5, "P2": 25.0}
    # later runs need neither the template nor inputs: the workspace holds both
    code, again = score_json(workspace, tmp_path)
    assert code == 0 and again == result


def test_resubmission_is_reported_with_its_differences_and_rejects_exit_3(imported_pilots, tmp_path, capsys):
    template, folder, workspace = imported_pilots
    write_form(
        tmp_path / "p1_v2.xlsx", project("P1"), [dict(code="A", current=80), dict(code="B", current="是")]
    )
    (tmp_path / "junk.xlsx").write_text("not a workbook")
    code, result = score_json(
        workspace, tmp_path, str(tmp_path / "p1_v2.xlsx"), str(tmp_path / "junk.xlsx"), str(folder)
    )
    out = capsys.readouterr()
    assert code == 3
    assert "0 imported, 1 resubmitted, 2 unchanged, 1 rejected" in out.out
    assert "resubmitted P1 (Test scheme 1) as version 2 from p1_v2.xlsx" in out.out
    assert "A current: 50 → 80" in out.out
    assert [r["reason"] for r in result["rejected"]] == ["unreadable"]
    assert by_id(result)["P1"]["total"] == pytest.approx(45.0)  # A 0.8·25 = 20, B 25


def test_a_resaved_form_typed_differently_is_reported_unchanged_in_both_languages(imported_pilots, tmp_path,
                                                                                  capsys):
    """P1 saved again with 是 typed as "yes" and 50 as the text "50.0": no new version, and the
    import says so in English then Chinese (or in one language with --lang)."""
    template, folder, workspace = imported_pilots
    resaved = write_form(tmp_path / "p1_wps.xlsx", project("P1"),
                         [dict(code="A", current="50.0"), dict(code="B", current="yes")])
    assert main(["score", "--workspace", str(workspace), str(resaved)]) == 0
    lines = capsys.readouterr().out.splitlines()
    english = ("  unchanged: p1_wps.xlsx: project P1 has the same values as its version 1, only typed "
               "differently in Data!E2, Data!E3 (e.g. 是 for yes, 50.0 for 50, spaces); already imported "
               "as version 1; nothing changed")
    chinese = ("  未变：p1_wps.xlsx：项目 P1 与其第 1 版的填报值相同，只是 Data!E2, Data!E3 的写法不同"
               "（如“是”与“yes”、50.0 与 50、多余空格）；已导入为第 1 版，未作任何更改")
    assert lines[lines.index(english) + 1] == chinese
    # saved once more by another program: "是 " with a trailing space, 50 as the text "50"
    again = write_form(tmp_path / "p1_lo.xlsx", project("P1"),
                       [dict(code="A", current="50"), dict(code="B", current="是 ")])
    assert main(["score", "--workspace", str(workspace), "--lang", "zh", str(again)]) == 0
    assert chinese.replace("p1_wps", "p1_lo") in capsys.readouterr().out.splitlines()
    with Workspace.open(workspace) as ws:
        assert [v.version for v in ws.history("P1")] == [1]


def test_assess_shows_as_override_in_json_and_withdraw_restores(imported_pilots, tmp_path, capsys):
    template, folder, workspace = imported_pilots
    assert cli_assess(workspace, "P1", "A", "0.9", inspector="Li Wei", reason="verified on site") == 0
    assert cli_assess(workspace, "P1", "M", "0.8", inspector="Li Wei", reason="plan adopted") == 0
    out = capsys.readouterr().out
    assert "recorded: override of A for P1 (Test scheme 1) = 0.9 by Li Wei: verified on site" in out
    assert "recorded: manual score of M for P1" in out
    _, result = score_json(workspace, tmp_path)
    p1 = by_id(result)["P1"]
    assert p1["indicators"]["A"] == override_of_p1_a("verified on site")
    assert p1["indicators"]["M"]["status"] == "override" and p1["indicators"]["M"]["score"] == 0.8
    assert p1["total"] == pytest.approx(87.5)  # A 22.5 + B 25 + M 0.8·50 = 40

    assert cli_assess(workspace, "P1", "A", "--withdraw", inspector="Li Wei",
                      reason="figures were right") == 0
    _, result = score_json(workspace, tmp_path)
    assert by_id(result)["P1"]["indicators"]["A"]["status"] == "ok"
    assert by_id(result)["P1"]["total"] == pytest.approx(77.5)

    with Workspace.open(workspace) as opened:
        entries = [e.as_dict() for e in opened.audit_entries()]
    actions = [(e["action"], e["actor"], e["code"]) for e in entries if e["project_id"] == "P1"]
    assert actions == [
        ("import", actions[0][1], ""),
        ("override", "Li Wei", "A"),
        ("manual_score", "Li Wei", "M"),
        ("withdrawal", "Li Wei", "A"),
    ]
    withdrawal = [e for e in entries if e["action"] == "withdrawal"][0]
    assert (
        withdrawal["detail"]["reason"] == "figures were right" and withdrawal["detail"]["author"] == "Li Wei"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["P1", "A", "1.5"], "from 0 to 1"),
        (["P1", "A", "lots"], "FRACTION must be a number"),
        (["P1", "A"], "give the FRACTION"),
        (["P1", "A", "0.5", "--withdraw"], "--withdraw takes no FRACTION"),
        (["P9", "A", "0.5"], "no project 'P9'"),
        (["P1", "Q", "0.5"], "no criterion 'Q'"),
        (["P1", "A", "--withdraw"], "no active score of A for P1"),
    ],
)
def test_assess_mistakes_exit_2_with_a_message(imported_pilots, capsys, args, message):
    template, folder, workspace = imported_pilots
    code = cli_assess(workspace, *args, inspector="Li", reason="why")
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err


def test_assess_requires_a_reason(imported_pilots, capsys):
    template, folder, workspace = imported_pilots
    assert main(["assess", "--workspace", str(workspace), "P1", "A", "0.5", "--inspector", "Li"]) == 2
    assert cli_assess(workspace, "P1", "A", "0.5", inspector="Li", reason=" ") == 2
    assert "reason is required" in capsys.readouterr().err


def test_history_lists_versions_and_differences(imported_pilots, tmp_path, capsys):
    template, folder, workspace = imported_pilots
    write_form(
        tmp_path / "p1_v2.xlsx", project("P1"), [dict(code="A", current=80), dict(code="B", current="否")]
    )
    main(["score", "--workspace", str(workspace), str(tmp_path / "p1_v2.xlsx")])
    capsys.readouterr()
    assert main(["history", "--workspace", str(workspace), "P1", "--lang", "en"]) == 0
    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert lines[0] == ["P1", "in", "Test", "scheme", "1,", "round", "round", "1"]  # the forms give no year
    assert lines[1][:3] == ["version", "1", lines[1][2]] and "p1.xlsx" in lines[1]
    assert lines[2][:2] == ["version", "2"] and "p1_v2.xlsx" in lines[2]
    assert lines[3:] == [
        ["criterion", "old", "value", "new", "value"],
        ["A", "current", "50", "80"],
        ["B", "current", "是", "否"],
    ]
    assert main(["history", "--workspace", str(workspace), "P404"]) == 2


def test_audit_export(imported_pilots, tmp_path, capsys):
    template, folder, workspace = imported_pilots
    cli_assess(workspace, "P1", "A", "0.9", inspector='=HYPERLINK("x")', reason="@SUM(1)")
    out = tmp_path / "audit.xlsx"
    assert main(["audit", "--workspace", str(workspace), "--out", str(out)]) == 0
    assert f"audit entries written to {out}" in capsys.readouterr().out
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(
        (
            "No.",
            "Time (UTC)",
            "Actor",
            "Action",
            "Scheme",
            "Project",
            "Criterion",
            "What happened",
            "Details (JSON)",
            "From workspace",
        )
    )
    actions = [r[3] for r in rows[header + 1 :]]
    assert actions == [
        "workspace_created", "template_added", "round_added", "import", "import", "rescore", "override"
    ]
    override = rows[-1]
    assert override[2] == '=HYPERLINK("x")' and json.loads(override[8])["reason"] == "@SUM(1)"
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if isinstance(c.value, str))
    assert main(["audit", "--workspace", str(workspace)]) == 0
    out = capsys.readouterr().out  # each entry in English, then in Chinese
    assert "Overridden     A for P1 overridden: 0.9" in out
    assert "已调整         P1 的 A 调整为得分率 0.9" in out


def test_workspace_problems_exit_2_and_leave_files_alone(pilots, tmp_path, capsys):
    template, folder, workspace = pilots
    assert main(["history", "--workspace", str(tmp_path / "none.spw"), "P1"]) == 2
    assert not (tmp_path / "none.spw").exists()
    assert (
        main(["score", "--workspace", str(tmp_path / "none.spw"), str(folder)]) == 2
    )  # no template to start
    assert not (tmp_path / "none.spw").exists()
    before = template.read_bytes()
    assert main(["score", "--workspace", str(template), str(folder)]) == 2
    assert template.read_bytes() == before
    err = capsys.readouterr().err
    assert "no such workspace" in err and "not a SynergyPilot workspace" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "t.xlsx"]


def test_changed_template_with_the_same_version_is_refused(imported_pilots, tmp_path, capsys):
    template, folder, workspace = imported_pilots
    changed = write_template(tmp_path / "t2.xlsx", [criterion("A")])
    assert main(["score", "--workspace", str(workspace), "--template", str(changed)]) == 2
    assert "new version number" in capsys.readouterr().err


def test_second_instance_cannot_write_but_can_read(imported_pilots, tmp_path, capsys):
    template, folder, workspace = imported_pilots
    with Workspace.open(workspace) as holder:
        assert not holder.read_only
        assert cli_assess(workspace, "P1", "A", "0.5", inspector="Li", reason="x") == 2
        assert "close it there first" in capsys.readouterr().err
        assert main(["history", "--workspace", str(workspace), "P1"]) == 0  # reading is fine
        code, result = score_json(workspace, tmp_path)  # and so is rescoring without importing
        assert code == 0 and len(result["projects"]) == 2
        out = capsys.readouterr().out
        assert "opened read-only" in out and "以只读方式打开：" in out
        assert main(["score", "--workspace", str(workspace), str(folder)]) == 2  # importing is not


def test_scoring_without_a_workspace_needs_templates_and_inputs(pilots, capsys):
    template, folder, _ = pilots
    assert main(["score", str(folder)]) == 2
    assert main(["score", "--template", str(template)]) == 2
    assert "give at least one --template" in capsys.readouterr().err
    assert main(["score", "--template", str(template), str(folder)]) == 0


def test_cli_in_a_real_process(pilots, tmp_path):
    template, folder, workspace = pilots

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True)

    done = run("score", "--workspace", str(workspace), "--template", str(template), str(folder))
    assert done.returncode == 0, done.stderr
    done = run("assess", "--workspace", str(workspace), "P2", "M", "1",
               "--inspector", "王五", "--reason", "现场核查")
    assert done.returncode == 0 and "by 王五: 现场核查" in done.stdout

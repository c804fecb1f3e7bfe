"""Workspace messages in English and Simplified Chinese (issue 15).

Every sentence the workspace says to a person comes from scoring/core/presentation.py's
catalogue in both languages; the command line prints the language chosen with ``--lang``, or
English and then Chinese without it; the GUI shows the interface's language.
"""

from __future__ import annotations

import re
import string

import pytest

from scoring.cli.main import main
from scoring.core.presentation import TEXT, said
from scoring.workspace.facade import Workspace, WorkspaceError
from scoring.workspace.merge import merge
from tests.builders import criterion, project, write_form, write_template

WORKSPACE_KEYS = [key for key in TEXT if key.startswith(("ws_", "mg_", "rc_"))]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", WORKSPACE_KEYS)
def test_every_workspace_message_is_in_chinese_with_the_same_fields(key):
    zh, en = TEXT[key]
    assert CHINESE.search(zh), f"{key}: no Chinese in {zh!r}"
    assert not re.search(r"\b(the|is|and|of|to)\b", zh), f"{key}: English words in {zh!r}"
    assert fields(zh) == fields(en), key


def test_a_field_that_is_itself_a_message_takes_each_language():
    message = said("ws_required", what=said("ws_a_reason"))
    assert (message.en, message.zh) == ("a reason is required and cannot be empty", "必须填写理由，不能为空")


@pytest.fixture
def setup(tmp_path):
    template = write_template(tmp_path / "t.xlsx", [criterion("A"), criterion("M", type="manual")])
    folder = tmp_path / "in"
    folder.mkdir()
    write_form(folder / "p1.xlsx", project("P1"), [dict(code="A", current=50)])
    workspace = tmp_path / "w.spw"
    assert main(["score", "--workspace", str(workspace), "--template", str(template), str(folder)]) == 0
    return workspace


def error_lines(capsys) -> list[str]:
    return capsys.readouterr().err.strip().splitlines()


#: (command after the workspace's path, the English message, the Chinese message)
SCENARIOS = {
    "no such project": (
        ["history", "--workspace", "{w}", "P9"],
        "there is no project 'P9' in w.spw (it holds P1); check the project_id",
        "w.spw 中没有项目 'P9'（其中有 P1）；请检查项目编号",
    ),
    "project in another scheme": (
        ["history", "--workspace", "{w}", "P1", "--scheme", "city"],
        "project P1 is not in the scheme 'city'; it is in: Test scheme 1 (give --scheme one of these)",
        "项目 P1 不在方案 'city' 中；它所在的方案：Test scheme 1（--scheme 请用其中一个名称）",
    ),
    "fraction out of range": (
        ["assess", "--workspace", "{w}", "P1", "M", "1.5", "--inspector", "Li", "--reason", "x"],
        "the fraction must be from 0 to 1 (e.g. 0.65), found 1.5",
        "得分率须在 0 到 1 之间（如 0.65），实际为 1.5",
    ),
    "unknown criterion": (
        ["assess", "--workspace", "{w}", "P1", "Z9", "0.5", "--inspector", "Li", "--reason", "x"],
        "the scheme Test scheme 1 has no criterion 'Z9'; its criteria are A, M",
        "方案 Test scheme 1 中没有指标 'Z9'；其指标为 A, M",
    ),
    "nothing to withdraw": (
        ["assess", "--workspace", "{w}", "P1", "M", "--withdraw", "--inspector", "Li", "--reason", "x"],
        "there is no active score of M for P1 to withdraw",
        "P1 的 M 没有可撤回的有效评分",
    ),
    "no consensus to withdraw": (
        ["consensus", "--workspace", "{w}", "P1", "M", "--withdraw", "--inspector", "Chen", "--reason", "x"],
        "there is no consensus on M for P1 to withdraw",
        "P1 的 M 没有可撤回的共识评分",
    ),
    "bad reconcile setting": (
        ["reconcile", "--workspace", "{w}", "--threshold", "2"],
        "the disagreement threshold must be from 0 to 1 (e.g. 0.25), found 2.0",
        "分歧阈值须在 0 到 1 之间（如 0.25），实际为 2.0",
    ),
    "merge into itself": (
        ["merge", "--into", "{w}", "{w}"],
        "w.spw is the workspace being merged into; name the other workspaces",
        "w.spw 就是要合并入的工作区；请指定其他工作区",
    ),
    "no such workspace to merge": (
        ["merge", "--into", "{w}", "{missing}"],
        "{missing}: no such workspace to merge; check the name",
        "{missing}：没有这个要合并的工作区；请检查名称",
    ),
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_the_command_line_says_it_in_the_language_chosen_or_in_both(setup, capsys, scenario):
    argv, english, chinese = SCENARIOS[scenario]
    names = {"w": str(setup), "missing": str(setup.parent / "gone.spw")}
    argv = [a.format(**names) for a in argv]
    english, chinese = english.format(**names), chinese.format(**names)
    before = setup.read_bytes()
    assert main(argv) == 2
    assert error_lines(capsys) == [f"error: {english}", f"错误：{chinese}"]
    assert main([*argv, "--lang", "zh"]) == 2
    assert error_lines(capsys) == [f"错误：{chinese}"]
    assert main([*argv, "--lang", "en"]) == 2
    assert error_lines(capsys) == [f"error: {english}"]
    assert setup.read_bytes() == before


def test_a_file_that_is_no_workspace_and_a_damaged_one_in_both_languages(tmp_path, capsys):
    other = tmp_path / "notes.spw"
    other.write_text("not a workspace")
    assert main(["history", "--workspace", str(other), "P1", "--lang", "zh"]) == 2
    assert error_lines(capsys) == ["错误：notes.spw 不是 SynergyPilot 工作区；请打开 .spw 工作区文件，"
                                   "或新建一个"]
    assert main(["audit", "--workspace", str(tmp_path / "none.spw"), "--lang", "zh"]) == 2
    (line,) = error_lines(capsys)
    assert line.startswith(f"错误：{tmp_path / 'none.spw'}：没有这个工作区；请检查名称，或新建一个")


def test_a_truncated_workspace_is_damaged_in_both_languages(setup, capsys):
    data = setup.read_bytes()
    setup.write_bytes(data[: len(data) // 2])
    assert main(["audit", "--workspace", str(setup)]) == 2
    assert error_lines(capsys) == [
        "error: w.spw is damaged: the file is shorter than its own header says (truncated); restore it from "
        "a backup",
        "错误：w.spw 已损坏：文件比其文件头所记录的短（被截断）；请从备份恢复",
    ]


def test_a_workspace_in_use_names_who_holds_it_in_both_languages(setup, capsys):
    with Workspace.open(setup) as holder:
        assert not holder.read_only
        with pytest.raises(WorkspaceError) as refused:
            Workspace.open(setup, read_only=False)
        with Workspace.open(setup) as reader:
            assert reader.read_only
            assert "正在使用它" in reader.read_only_said.zh and "has it open" in reader.read_only_said.en
            with pytest.raises(WorkspaceError) as read_only:
                reader.assess("P1", "M", 0.5, inspector="Li", reason="x")
    assert "w.spw is open in " in refused.value.message and "(process " in refused.value.message
    assert refused.value.message_zh.startswith("w.spw 已被计算机 ") and "（进程 " in refused.value.message_zh
    assert refused.value.message_zh.endswith("；请先在那里关闭（在此之前只能读取）")
    assert read_only.value.message_zh.startswith("w.spw 以只读方式打开（") and "此处不能作任何更改" in \
        read_only.value.message_zh


def test_a_merge_refused_for_a_different_scheme_says_so_in_both_languages(tmp_path):
    first = write_template(tmp_path / "a.xlsx", [criterion("A")], name="S", version="1")
    changed = write_template(tmp_path / "b.xlsx", [criterion("A", weight=2)], name="S", version="1")
    li, wang = tmp_path / "li.spw", tmp_path / "wang.spw"
    for path, template in ((li, first), (wang, changed)):
        with Workspace.create(path, actor="x") as workspace:
            workspace.add_template(template)
    with pytest.raises(WorkspaceError) as refused:
        merge(tmp_path / "master.spw", [li, wang], actor="Chen")
    assert "holds the scheme 'S' version 1 with different content" in refused.value.message
    assert "wang.spw 中方案 'S' 的 1 版与 li.spw 中的内容不同" in refused.value.message_zh
    assert "使用中的方案从不替换，因此未合并任何内容" in refused.value.message_zh

"""The audit log's sentences and actions rendered from each entry's fields, in Chinese and
English, in the window and in the exported workbook."""

from __future__ import annotations

from openpyxl import load_workbook

from scoring.core.presentation import audit_action_label, audit_summary
from scoring.reports.audit_workbook import export_audit
from scoring.workspace.audit import AuditEntry
from scoring.workspace.facade import Workspace
from tests.builders import criterion, project, write_form, write_template


def _entry(action, detail, **fields):
    base = dict(id=1, at="2026-12-06T10:00:00Z", actor="李明", action=action, scheme="S 1",
                project_id="C-1", code="C11", summary="stored English sentence", detail=detail)
    base.update(fields)
    return AuditEntry(**base)


def test_scores_and_withdrawals_read_in_chinese_and_english():
    score = _entry("manual_score", {"fraction": 0.75, "reason": "现场核查"})
    assert audit_summary(score, "zh") == "C-1 的 C11 现场评分 0.75（李明）——现场核查"
    assert audit_summary(score, "en") == "on-site score of C11 for C-1: 0.75 by 李明 — 现场核查"
    withdrawn = _entry("withdrawal", {"author": "王芳", "fraction": 0.5, "reason": "录错"})
    assert audit_summary(withdrawn, "zh") == "王芳 对 C-1 的 C11 评分 0.5 已由 李明 撤回——录错"
    assert audit_action_label("withdrawal", "zh") == "已撤回"
    assert audit_action_label("manual_score", "en") == "Scored"


def test_resubmission_counts_its_changes_and_names_the_file_alone():
    entry = _entry("resubmission", {"file": "forms\\C-1.xlsx", "round": "2024", "version": 2,
                                    "changes": [{}, {}, {}]}, code="")
    assert audit_summary(entry, "zh") == "项目 C-1 重新报送（C-1.xlsx）：评估轮次 2024 第 2 版，3 处变化"


def test_an_entry_missing_a_field_falls_back_to_its_stored_sentence():
    # a withdrawal written before the fraction was kept with it
    old = _entry("withdrawal", {"author": "王芳", "reason": "录错"})
    assert audit_summary(old, "zh") == "stored English sentence"
    assert audit_summary(_entry("unknown_action", {}), "zh") == "stored English sentence"


def test_the_exported_audit_workbook_is_in_chinese(tmp_path):
    template = write_template(tmp_path / "t.xlsx", [criterion("A"), criterion("M", type="manual")])
    ws = Workspace.create(tmp_path / "w.spw", actor="李明")
    ws.add_template(template)
    ws.import_files([write_form(tmp_path / "p.xlsx", project("P1"), [dict(code="A", current=50)])])
    ws.assess("P1", "M", 0.5, inspector="李明", reason="现场核查")
    sheet = load_workbook(export_audit(ws, tmp_path / "audit.xlsx", lang="zh")).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    ws.close()
    assert rows[0][0].startswith("SynergyPilot 审计日志")
    assert rows[2][:4] == ["序号", "时间（UTC）", "操作人", "操作"]
    actions = [r[3] for r in rows[3:]]
    assert actions[0] == "创建工作区" and "添加方案" in actions and "已导入" in actions
    imported = next(r for r in rows[3:] if r[3] == "已导入")
    assert imported[7].startswith("项目 P1 由 p.xlsx 导入")
    assert rows[-1][3] == "已评分" and rows[-1][7] == "P1 的 M 现场评分 0.5（李明）——现场核查"


def test_an_unchanged_file_says_so_in_chinese(tmp_path):
    template = write_template(tmp_path / "t.xlsx", [criterion("A")])
    ws = Workspace.create(tmp_path / "w.spw", actor="李明")
    ws.add_template(template)
    form = write_form(tmp_path / "p.xlsx", project("P1"), [dict(code="A", current=50)])
    ws.import_files([form])
    again = ws.import_files([form]).unchanged
    ws.close()
    assert len(again) == 1 and again[0].text("zh").startswith("p.xlsx：与 p.xlsx（导入于 ")
    assert again[0].text("zh").endswith("内容完全相同，未作任何更改")
    assert again[0].text("en") == again[0].message and again[0].message.endswith("nothing changed")


def test_a_resubmissions_changes_read_in_the_language_asked_for():
    from scoring.core.model import Criterion
    from scoring.workspace.records import Change

    yesno = Criterion(code="B", dimension="D", indicator="I", type="yesno", weight=1)
    assert Change("A", "current", 50.0, 60.0).text("zh") == "A 现状值：50 → 60"
    assert Change("A", "baseline", None, 12.5).text("zh") == "A 基准值：（空） → 12.5"
    assert Change("B", "current", "yes", "no").text("zh", yesno) == "B 现状值：是 → 否"
    assert Change("", "region", "浙江", "浙江省").text("zh") == "地区：浙江 → 浙江省"
    assert Change("B", "current", "Y", "N").text("en", yesno) == "B current: yes → no"
    assert Change("B", "current", "yes", "是").text("zh", yesno) == "B 现状值：“yes” → “是”"  # as typed
    assert Change("A", "evidence", "x.pdf", None).describe() == "A evidence: x.pdf → (blank)"


def test_a_template_added_reads_by_the_schemes_chinese_name_in_chinese():
    added = _entry("template_added", {"file": "city.xlsx", "scheme_zh": "城市试点评估 2025.1"},
                   scheme="City pilot assessment 2025.1", project_id="", code="")
    assert audit_summary(added, "zh") == "添加模板 city.xlsx：城市试点评估 2025.1"
    assert audit_summary(added, "en") == "template city.xlsx added: City pilot assessment 2025.1"
    older = _entry("template_added", {"file": "city.xlsx"}, scheme="Old 1", project_id="", code="")
    assert audit_summary(older, "zh") == "添加模板 city.xlsx：Old 1"


def test_a_changed_project_field_is_named_in_the_language_asked_for():
    from scoring.core.presentation import change_field_label

    fields = ("name", "region", "organisation")
    assert [change_field_label(f, "zh") for f in fields] == ["项目名称", "地区", "单位"]
    assert change_field_label("region", "en") == "region" and change_field_label("other", "zh") == "other"

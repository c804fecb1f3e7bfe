"""The bilingual catalogue: every word the program shows, in Chinese and English, and its labels.

``TEXT`` and each output's own tables hold (Chinese, English) pairs; ``said``/``text``/``phrase``
pick one; the label functions name statuses, grades, levels, changes and audit entries, and the
grade colours go with the grade names. It stays one module, long as it is, because it is one
table read by one set of lookups: splitting the words by output would give each engineer a file
to add words to but lose the one place where a translator reads them all and a test checks
every pair. The figures printed beside the scores are in scoring/core/figures.py and text
layout (widths, wrapping) in scoring/core/textlayout.py. No numpy, matplotlib or openpyxl at
import, so the desktop window reads it before the engine loads.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from scoring.core.model import Criterion, Scheme
from scoring.core.textclean import clean_text
from scoring.core.values import NO_TOKENS, YES_TOKENS, normalise_text

if TYPE_CHECKING:  # the desktop window reads the catalogue before the engine (numpy) loads
    from scoring.core.results import ProjectResult

LANGS = ("zh", "en")

#: Every fixed word a chart, workbook or PDF prints, by key: (Chinese, English).
TEXT: dict[str, tuple[str, str]] = {
    "rank": ("排名", "Rank"),
    "project_id": ("项目编号", "Project ID"),
    "name": ("项目名称", "Name"),
    "region": ("地区", "Region"),
    "organisation": ("单位", "Organisation"),
    "total": ("总分", "Total"),
    "base": ("基础分", "Base"),
    "grade": ("等级", "Grade"),
    "bonus": ("加分", "Bonus"),
    "penalty": ("扣分", "Penalty"),
    "synergy_d": ("协同度 D", "Synergy D"),
    "synergy_class": ("协调等级", "Synergy class"),
    "veto": ("一票否决", "Veto"),
    "vetoed": ("一票否决", "vetoed"),
    "vetoed_count": ("一票否决", "Vetoed"),
    "issues": ("问题数", "Issues"),
    "overrides": ("人工调整数", "Overrides"),
    "scheme": ("评估方案", "Scheme"),
    "version": ("版本", "Version"),
    "level": ("层级", "Level"),
    "code": ("编号", "Code"),
    "indicator": ("指标", "Indicator"),
    "dimension": ("维度", "Dimension"),
    "kind": ("类别", "Kind"),
    "unit": ("单位", "Unit"),
    "value": ("现状值", "Value"),
    "baseline": ("基准值", "Baseline"),
    "fraction": ("得分率", "Fraction"),
    "points": ("得分", "Points"),
    "status": ("状态", "Status"),
    "location": ("数据位置", "Provenance cell"),
    "evidence": ("佐证材料", "Evidence"),
    "inspector": ("核查人", "Inspector"),
    "reason": ("调整理由", "Override reason"),
    "severity": ("严重程度", "Severity"),
    "issue_kind": ("问题类型", "Issue"),
    "message": ("说明", "Message"),
    "source": ("文件", "File"),
    "rejected_reason": ("拒收原因", "Reason"),
    "projects": ("项目数", "Projects"),
    # tracking across assessment rounds (issue 20)
    "track_sheet": ("跟踪评估", "Tracking"),
    "track_title": ("跟踪评估：各轮次结果、变化与等级迁移",
                    "Tracking: results across rounds, changes and grade moves"),
    "track_round": ("评估轮次", "Round"),
    "track_rounds": ("评估轮次", "Rounds"),
    "track_change_previous": ("较上轮", "vs previous"),
    "track_change_first": ("较首轮", "vs first"),
    "track_change_total": ("首轮至最新变化", "Change first → latest"),
    "track_trend": ("总分趋势", "Total across rounds"),
    "track_slope": ("排名变化", "Rank movement"),
    "track_transitions": ("等级迁移", "Grade transitions"),
    "track_transitions_of": ("等级迁移：{a} → {b}（项目数）", "Grade transitions {a} → {b} (projects)"),
    "track_from": ("原等级", "From"),
    "track_missing": ("未参评", "not assessed"),
    "track_new": ("新参评", "new"),
    "track_dropped": ("未参评", "dropped"),
    "track_rose": ("名次上升", "rank rose"),
    "track_fell": ("名次下降", "rank fell"),
    "track_same": ("名次不变", "rank unchanged"),
    "track_improved": ("总分上升的项目：{n} 个（{a} → {b}）", "Projects whose total rose: {n} ({a} → {b})"),
    "track_nothing": ("没有可比较的轮次或项目", "No rounds or projects to compare"),
    "track_one_round": ("工作区只有一个评估轮次：导入下一轮的申报表后即可比较",
                        "The workspace holds one round: import the next round's forms to compare"),
    "count": ("数量", "Count"),
    "mean": ("平均", "Mean"),
    "median": ("中位数", "Median"),
    "maximum": ("满分", "Maximum"),
    "generated": ("生成时间", "Generated"),
    "page_of": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "printed": ("打印日期 &D", "Printed &D"),
    "sheet_detail": ("明细", "Detail"),
    "sheet_issues": ("问题", "Issues"),
    "sheet_summary": ("汇总", "Summary"),
    "sheet_charts": ("图表", "Charts"),
    "sheet_chart_data": ("图表数据", "Chart data"),
    "sheet_rejected": ("拒收文件", "Rejected"),
    "report_title": ("减污降碳协同增效试点评估报告", "Pollution–carbon synergy pilot assessment"),
    "ranked_results": ("排名结果", "Ranked results"),
    "counts_by_grade": ("各等级项目数", "Projects by grade"),
    "dimension_stats": ("各维度得分", "Points by dimension"),
    "no_projects": ("没有已评分的项目", "No scored projects"),
    "rejected_inputs": ("被拒收的文件", "Rejected inputs"),
    "indicators": ("指标得分", "Indicator scores"),
    "override_list": ("人工评分与调整", "Inspector scores and overrides"),
    "several_inspectors": ("多位核查人评分", "Several inspectors' scores"),
    "several_inspectors_what": ("评分、极差与采用的分值", "Scores, spread and the score used"),
    "no_issues": ("无", "None"),
    "issue_list": ("问题", "Issues"),
    "more": ("另有 {n} 条，见工作簿", "{n} more, see the workbook"),
    "chart_ranked": ("总分排名", "Ranked totals"),
    "chart_radar": ("各维度得分率", "Dimension scores"),
    "chart_heatmap": ("指标得分率", "Indicator fractions"),
    "chart_synergy": ("减污与降碳协同度", "Pollution–carbon coupling coordination"),
    "chart_co_control": ("协同控制象限", "Co-control quadrants"),
    "chart_contributions": ("各维度得分构成", "Points by dimension"),
    "u_pollution": ("减污指数 U_P", "Pollution index U_P"),
    "u_carbon": ("降碳指数 U_C", "Carbon index U_C"),
    "co2_reduction": ("二氧化碳（碳排放）下降率 %", "CO2 (carbon) reduction %"),
    "pollutant_reduction": ("污染物排放下降率 %", "Pollutant reduction %"),
    # workspace messages (issue 15): what a person is told about a workspace, in both languages;
    # built by ``said`` (fields in braces; a field may itself be a Said)
    "ws_exists": (
        "{path} 已存在；请打开它，或另取文件名",
        "{path} already exists; open it, or choose another file name",
    ),
    "ws_no_folder": (
        "{folder} 不是文件夹；请先创建它，或另选位置",
        "{folder} is not a folder; create it first or choose another place",
    ),
    "ws_not_found": (
        "{path}：没有这个工作区；请检查名称，或新建一个（例如 python main.py score --workspace {name} "
        "--template T.xlsx）",
        "{path}: no such workspace; check the name, or create one (for example python main.py score "
        "--workspace {name} --template T.xlsx)",
    ),
    "ws_is_folder": ("{path} 是文件夹，不是工作区文件", "{path} is a folder, not a workspace file"),
    "ws_only_read_only": (
        "{name}：{reason}；只能以只读方式打开",
        "{name}: {reason}; it can only be opened read-only",
    ),
    "ws_file_read_only": ("文件为只读", "the file is read-only"),
    "ws_folder_read_only": ("其所在文件夹为只读", "its folder is read-only"),
    "ws_asked_read_only": ("按要求以只读方式打开", "opened read-only as asked"),
    "ws_lock_unwritable": (
        "其锁文件 {lock} 无法写入（{detail}）",
        "its lock file {lock} cannot be written ({detail})",
    ),
    "ws_held_by": ("{owner}正在使用它", "{owner} has it open"),
    "ws_owner": (
        "计算机 {host} 上的 {user}（进程 {pid}，自 {since} 起）",
        "{user} on {host} (process {pid}) since {since}",
    ),
    "ws_someone": ("某人", "someone"),
    "ws_a_computer": ("某台计算机", "a computer"),
    "ws_owner_unknown": ("另一个 SynergyPilot 窗口或程序", "another SynergyPilot window or program"),
    "ws_open_elsewhere": (
        "{name} 已被{owner}打开；请先在那里关闭（在此之前只能读取）",
        "{name} is open in {owner}; close it there first (until then it can only be read)",
    ),
    "ws_being_opened": ("{name} 正被{owner}打开", "{name} is being opened by {owner}"),
    "ws_folder_unwritable": (
        "{folder}：该文件夹无法写入（{detail}）；请另选位置",
        "{folder}: the folder cannot be written ({detail}); choose another place",
    ),
    "ws_cannot_read": ("{path}：无法读取（{detail}）", "{path}: cannot be read ({detail})"),
    "ws_header_damaged": ("{name} {problem}；请从备份恢复", "{name} {problem}; restore it from a backup"),
    "ws_not_a_workspace": (
        "{name} {problem}；请打开 .spw 工作区文件，或新建一个",
        "{name} {problem}; open a .spw workspace file, or create a new one",
    ),
    "ws_not_sqlite": ("不是 SynergyPilot 工作区", "is not a SynergyPilot workspace"),
    "ws_other_sqlite": (
        "是其他程序的 SQLite 数据库，不是 SynergyPilot 工作区",
        "is an SQLite database of another program, not a SynergyPilot workspace",
    ),
    "ws_bad_header": ("已损坏（文件头无效）", "is damaged (its header is not valid)"),
    "ws_truncated": (
        "已损坏：文件比其文件头所记录的短（被截断）",
        "is damaged: the file is shorter than its own header says (truncated)",
    ),
    "ws_too_new": (
        "{name} 由更新版本的 SynergyPilot 保存（工作区格式 {version}；本程序最高只能读取 {supported}）；"
        "请安装新版本后再打开",
        "{name} was saved by a newer SynergyPilot (workspace format {version}; this program reads up to "
        "{supported}); install the newer version to open it",
    ),
    "ws_unfinished": (
        "{name} 是未完成或已损坏的工作区（没有格式版本）；请从备份恢复",
        "{name} is an unfinished or damaged workspace (no format version); restore it from a backup",
    ),
    "ws_damaged_because": (
        "{name} 已损坏（{detail}）；请从备份恢复",
        "{name} is damaged ({detail}); restore it from a backup",
    ),
    "ws_no_contents": (
        "{name} 标记为工作区，但缺少工作区的内容；请从备份恢复",
        "{name} is marked as a workspace but lacks its contents; restore it from a backup",
    ),
    "ws_appeared": (
        "{path} 在创建过程中出现了；请另取名称",
        "{path} appeared while it was being created; choose another name",
    ),
    "ws_cannot_create": ("{path}：无法创建（{detail}）", "{path}: cannot be created ({detail})"),
    "ws_needs_upgrade": (
        "{name} 由旧版 SynergyPilot 创建，需要升级，而升级需要写入权限（{reason}）；请在可写入的位置打开",
        "{name} was made by an older SynergyPilot and must be upgraded, which needs write access "
        "({reason}); open it where it can be written",
    ),
    "ws_upgrade_failed": (
        "{name} 无法从格式 {old} 升级到 {new}（{detail}）；文件保持原样——请报告此问题并附上该文件",
        "{name} could not be upgraded from format {old} to {new} ({detail}); the file was left exactly as "
        "it was — report this, with the file",
    ),
    "ws_closed": ("{name}：工作区已关闭", "{name}: the workspace is closed"),
    "ws_no_scheme_version": (
        "{name} 中没有方案 {scheme!r} 的 {version} 版",
        "no scheme {scheme!r} version {version} in {name}",
    ),
    "ws_round_needs_year": (
        "评估轮次 {label!r} 需要评估年份（如 2025）：请给出，或写在轮次名称中",
        "the round {label!r} needs its assessment year (e.g. 2025): give it, or name it in the label",
    ),
    "ws_round_other_year": (
        "已有年份为 {year} 的评估轮次 {label!r}；其他年份的轮次请另取名称",
        "there is already a round {label!r} of year {year}; choose another name for a round of another year",
    ),
    "ws_no_year": ("（无）", "(none)"),
    "ws_no_round": (
        "{name} 中没有评估轮次 {round!r}（现有轮次：{known}）",
        "there is no assessment round {round!r} in {name} (rounds: {known})",
    ),
    "ws_none_yet": ("尚无", "none yet"),
    "ws_import_stopped": (
        "导入在 {file} 处停止：{error}；此前的 {count} 个文件已处理",
        "import stopped at {file}: {error}; the {count} files before it were handled",
    ),
    "ws_opened_read_only": (
        "工作区 {name} 以只读方式打开：{reason}",
        "workspace {name} opened read-only: {reason}",
    ),
    "ws_read_only_now": (
        "{name} 以只读方式打开（{reason}）；{what}",
        "{name} is open read-only ({reason}); {what}",
    ),
    "ws_nothing_changed_here": ("此处不能作任何更改", "nothing can be changed here"),
    "ws_nothing_imported": ("不能导入任何文件", "nothing can be imported"),
    "ws_no_scheme_yet": (
        "{name} 中还没有评估方案；请先添加模板（例如 score --workspace W --template T.xlsx）",
        "{name} holds no scheme yet; add a template first (e.g. score --workspace W --template T.xlsx)",
    ),
    "ws_no_project": (
        "{name} 中没有项目 {project!r}{listing}；请检查项目编号",
        "there is no project {project!r} in {name}{listing}; check the project_id",
    ),
    "ws_project_not_in_scheme": (
        "项目 {project} 不在方案 {asked!r} 中；它所在的方案：{schemes}（--scheme 请用其中一个名称）",
        "project {project} is not in the scheme {asked!r}; it is in: {schemes} (give --scheme one of these)",
    ),
    "ws_projects_held": ("（其中有 {projects}）", " (it holds {projects})"),
    "ws_empty": ("（工作区为空）", " (it is empty)"),
    "ws_not_in_round": (
        "项目 {project} 未在评估轮次 {round} 中提交；请指定其他轮次（--round）",
        "project {project} was not submitted in the round {round}; name another round (--round)",
    ),
    "ws_several_schemes": (
        "项目 {project} 属于多个方案（{names}）；请指定一个（--scheme NAME，必要时加 --scheme-version V）",
        "project {project} is in several schemes ({names}); name one (--scheme NAME, and --scheme-version V "
        "if needed)",
    ),
    "ws_copy_itself": ("副本必须写到另一个文件", "the copy must go to another file"),
    "ws_copy_exists": ("{path} 已存在；请另取名称", "{path} already exists; choose another name"),
    "ws_no_criterion": (
        "方案 {scheme} 中没有指标 {code!r}；其指标为 {codes}",
        "the scheme {scheme} has no criterion {code!r}; its criteria are {codes}",
    ),
    "ws_nothing_to_withdraw": (
        "{project} 的 {code} 没有可撤回的有效评分",
        "there is no active score of {code} for {project} to withdraw",
    ),
    "ws_not_their_score": (
        "{author} 对 {project} 的 {code} 没有有效评分；有效评分来自 {others}（要撤回他人的评分，请用 "
        "--author 指明其作者）",
        "{author} has no active score of {code} for {project}; active scores are by {others} (to withdraw "
        "one of theirs, name its author with --author)",
    ),
    "ws_no_consensus": (
        "{project} 的 {code} 没有可撤回的共识评分",
        "there is no consensus on {code} for {project} to withdraw",
    ),
    "ws_scheme_changed": (
        "{file}：工作区中已有方案 {scheme!r} 的 {version} 版（添加于 {added}），内容与此不同；"
        "使用中的方案从不替换——请给修改后的模板一个新版本号（Scheme 工作表的 version），与旧版并存",
        "{file}: the workspace already holds the scheme {scheme!r} version {version} (added {added}) with "
        "different content; a scheme in use is never replaced — give the changed template a new version "
        "number (Scheme sheet, key version) and add it beside the old one",
    ),
    "ws_required": ("必须填写{what}，不能为空", "{what} is required and cannot be empty"),
    "ws_round_name": ("评估轮次名称", "the round's name"),
    "ws_inspector_name": ("核查人姓名", "the inspector's name"),
    "ws_supervisor_name": ("审核人姓名", "the supervisor's name"),
    "ws_a_reason": ("理由", "a reason"),
    "ws_the_note": ("备注", "the note"),
    "ws_fraction_not_number": (
        "得分率须为 0 到 1 之间的数，实际为 {found!r}",
        "the fraction must be a number from 0 to 1, found {found!r}",
    ),
    "ws_fraction_range": (
        "得分率须在 0 到 1 之间（如 0.65），实际为 {found:g}",
        "the fraction must be from 0 to 1 (e.g. 0.65), found {found:g}",
    ),
    "ws_disk_full": (
        "{name}：磁盘已满；请腾出空间后重试（本次更改未保存，此前的一切都安全）",
        "{name}: the disk is full; free some space and try again (the change was not saved, everything "
        "before it is safe)",
    ),
    "ws_write_failed": (
        "{name}：工作区无法写入（磁盘可能已满，或文件超出系统允许的大小）；请腾出空间后重试（"
        "本次更改未保存，此前的一切都安全）",
        "{name}: the workspace could not be written (the disk may be full, or the file larger than the "
        "system allows); free some space and try again (the change was not saved, everything before it is "
        "safe)",
    ),
    "ws_busy": (
        "{name}：另一个程序正在写入该工作区；请稍后重试",
        "{name}: another program is writing the workspace; try again in a moment",
    ),
    "ws_read_only": (
        "{name}：工作区以只读方式打开，不能作任何更改",
        "{name}: the workspace is open read-only, so nothing can be changed",
    ),
    "ws_damaged": (
        "{name}：工作区已损坏（{detail}）；请从备份恢复",
        "{name}: the workspace is damaged ({detail}); restore it from a backup",
    ),
    "ws_unusable": (
        "{name}：无法读取或写入该工作区（{detail}）",
        "{name}: the workspace could not be read or written ({detail})",
    ),
    # damaged rows (scoring/workspace/check.py)
    "ws_row_unreadable": (
        "{where}中的{what}无法读取（{detail}）",
        "{what} in {where} cannot be read ({detail})",
    ),
    "ws_in_table": ("表 {table}", "table {table}"),
    "ws_in_project": ("表 {table}，项目 {project}", "table {table}, project {project}"),
    "ws_cells_missing": (
        "表 cells，项目 {project} 中的已存单元格缺失",
        "the stored cells in table cells, project {project} are missing",
    ),
    "ws_text_unreadable": (
        "表 {table} 中有文本无法读取（{detail}）",
        "a text in table {table} cannot be read ({detail})",
    ),
    "ws_what_scheme": ("解析后的方案 {scheme}", "the parsed scheme {scheme}"),
    "ws_what_a_scheme": ("解析后的方案", "the parsed scheme"),
    "ws_what_issues": ("问题记录", "the issues"),
    "ws_what_unmatched": ("未匹配的编号", "the unmatched codes"),
    "ws_what_cells": ("已存单元格", "the stored cells"),
    "ws_what_fraction": ("得分率", "a fraction"),
    "ws_what_basis": ("共识依据", "the basis"),
    "ws_what_detail": ("第 {entry} 条记录的详情", "the details of entry {entry}"),
    # merging (scoring/workspace/merge.py)
    "mg_nothing_merged": (
        "未合并任何内容，主工作区保持不变——请向其核查人索取完好的副本，或从备份恢复",
        "nothing was merged and the master is unchanged — ask its inspector for a good copy, or restore it "
        "from a backup",
    ),
    "mg_nothing_into_it": ("不能合并任何内容到其中", "nothing can be merged into it"),
    "mg_not_found": (
        "{path}：没有这个要合并的工作区；请检查名称",
        "{path}: no such workspace to merge; check the name",
    ),
    "mg_damaged_because": ("{name} 已损坏（{detail}）；{nothing}", "{name} is damaged ({detail}); {nothing}"),
    "mg_damaged_row": ("{name} 已损坏：{detail}；{nothing}", "{name} is damaged: {detail}; {nothing}"),
    "mg_into_itself": (
        "{name} 就是要合并入的工作区；请指定其他工作区",
        "{name} is the workspace being merged into; name the other workspaces",
    ),
    "mg_none": ("请至少指定一个要合并的工作区", "name at least one workspace to merge"),
    "mg_scheme_changed": (
        "{where} 中方案 {scheme!r} 的 {version} 版与 {first} 中的内容不同（模板 sha256 {ours}… 与 "
        "{theirs}…）；使用中的方案从不替换，因此未合并任何内容——所有核查人须使用同一模板文件，"
        "或给修改后的模板一个新版本号",
        "{where} holds the scheme {scheme!r} version {version} with different content from {first}'s "
        "(template sha256 {ours}… against {theirs}…); a scheme in use is never replaced, so nothing was "
        "merged — every inspector must use the same template file, or the changed one must get a new "
        "version number",
    ),
    "ws_nothing_to_reconcile": (
        "没有核查人对 {project} 的 {code} 评过分，因此无可协调；请改用 assess 记录评分或调整",
        "no inspector has scored {code} for {project}, so there is nothing to reconcile; record a score or "
        "override with assess instead",
    ),
    "rc_method": (
        "协调方法须为 median 或 mean，实际为 {found!r}",
        "the method must be median or mean, found {found!r}",
    ),
    "rc_threshold": (
        "分歧阈值须在 0 到 1 之间（如 0.25），实际为 {found!r}",
        "the disagreement threshold must be from 0 to 1 (e.g. 0.25), found {found!r}",
    ),
    # a robustness study's options refused (scoring/analysis/robustness_options.py)
    "rb_draws": ("随机权重组数须在 1 到 {most} 之间，而不是 {found}",
                 "the number of draws must be between 1 and {most}, not {found}"),
    "rb_spread": ("变动幅度须在 0 到 1 之间（0.2 表示 ±20%），而不是 {found}",
                  "the spread must be between 0 and 1 (0.2 means ±20%), not {found}"),
    "rb_method": (
        "方法须为 {methods} 之一，而不是 {found!r}",
        "the method must be one of {methods}, not {found!r}",
    ),
    "rb_concentration": ("狄利克雷集中度须为正数，而不是 {found}",
                         "the Dirichlet concentration must be positive, not {found}"),
    "rb_top_k": ("前 K 名的 K 至少为 1，而不是 {found}", "the top-k cut-off must be at least 1, not {found}"),
    "rb_max_change": ("搜索的最大权重变动须为正数，而不是 {found}",
                      "the largest weight change searched must be positive, not {found}"),
    "rb_no_grade": ("方案 {scheme} 没有等级 {name!r}（其等级：{names}）",
                    "the scheme {scheme} has no grade {name!r} (its grades: {names})"),
    "rb_memory": ("{projects} 个项目的 {draws} 组抽样所需内存过多；这么多项目最多用 {most} 组",
                  "{draws} draws of {projects} projects need too much memory; use at most {most} draws "
                  "for this many projects"),
    # a template refused (scoring/io/template.py): every problem in both languages, located by
    # sheet and cell (tp_at_*), naming the field (tp_field) and saying what to do
    "tp_invalid": ("{source}：模板无效（{problems}）：\n{lines}",
                   "{source}: the template is not valid ({problems}):\n{lines}"),
    "count1_template_problem": ("{n} 处问题", "{n} problem"),
    "count_template_problem": ("{n} 处问题", "{n} problems"),
    "tp_at_cell": ("{sheet}!{cell}：{message}", "{sheet}!{cell}: {message}"),
    "tp_at_row": ("工作表 {sheet} 第 {row} 行：{message}", "{sheet}, row {row}: {message}"),
    "tp_at_sheet": ("工作表 {sheet}：{message}", "{sheet}: {message}"),
    "tp_in_file": ("{file}：{message}", "{file}: {message}"),
    "tp_field": ("{field}：{message}", "{field}: {message}"),
    "tp_field_name": ("{name}（{zh}）", "{name}"),
    "tp_cannot_open": (
        "{file}：无法打开（{detail}）；请检查文件名，以及是否有权读取该文件",
        "{file}: cannot be opened ({detail}); check the name and that you may read the file",
    ),
    "tp_no_scheme_sheet": (
        "缺少该工作表：请添加名为 Scheme（或“方案”）的工作表，在 A 列写 name、level、version 等键，"
        "在 B 列写其值",
        "the sheet is missing: add a sheet named Scheme (or 方案) with the keys name, level and version "
        "in column A and their values in column B",
    ),
    "tp_no_criteria_sheet": (
        "缺少该工作表：请添加名为 Criteria（或“指标”）的工作表，首行为表头（code、dimension、indicator、"
        "type、weight 等），其下每行一项指标",
        "the sheet is missing: add a sheet named Criteria (or 指标) with a header row (code, dimension, "
        "indicator, type, weight, …) and one row per criterion below it",
    ),
    "tp_prorate_years": (
        "标记为按年折算（prorate）的指标（{codes}）需要目标的年份：请在 Scheme 工作表中添加 baseline_year "
        "和 target_year（例如 2020 和 2025）",
        "criteria marked prorate ({codes}) need the years of their target: add baseline_year and "
        "target_year to the Scheme sheet (e.g. 2020 and 2025)",
    ),
    "tp_key_absent": (
        "必填，请添加一行，A 列写“{name}”，B 列写其值",
        "required: add a row with '{name}' in column A and its value in column B",
    ),
    "tp_value_absent": ("必填，请写在该键旁边的 B 列", "required; put it in column B beside the key"),
    "tp_one_of": ("应为以下之一：{allowed}；实际为 {found}", "must be one of {allowed}, found {found}"),
    "tp_not_number": ("应为数字，实际为 {found}", "must be a number, found {found}"),
    "tp_out_of_limit": (
        "应为有限数值，绝对值不超过 {most:g}，实际为 {found:g}",
        "must be a finite number no larger than {most:g} in size, found {found:g}",
    ),
    "tp_positive": ("应大于 0，实际为 {found:g}", "must be greater than 0, found {found:g}"),
    "tp_zero_to_one": ("应在 0 到 1 之间，实际为 {found:g}", "must be between 0 and 1, found {found:g}"),
    "tp_missing_policy": ("应为 zero 或 reweight，实际为 {found}", "must be zero or reweight, found {found}"),
    "tp_year": ("应为年份，如 2020，实际为 {found:g}", "must be a year such as 2020, found {found:g}"),
    "tp_year_pair": (
        "须与 {other} 同时给出：请给出目标的两个年份，或都不给",
        "goes with {other}: give both years of the target, or neither",
    ),
    "tp_year_order": (
        "应晚于 baseline_year（{baseline}），实际为 {found}",
        "must be after baseline_year ({baseline}), found {found}",
    ),
    "tp_no_header": (
        "前 10 行中没有含 code（编号）列的表头行；请在指标上方加一行表头：code、dimension、indicator、"
        "type、weight 等",
        "no header row with a 'code' column in the first 10 rows; put a header row (code, dimension, "
        "indicator, type, weight, …) above the criteria",
    ),
    "tp_no_column": (
        "缺少 {column}（{column_zh}）列；请在表头行中添加",
        "the column '{column}' is missing; add it to the header row",
    ),
    "tp_code_again": (
        "编号 {code} 重复使用（首次出现在 {first}）；每项指标须有自己的编号",
        "the code {code} is used again (first at {first}); give every criterion its own code",
    ),
    "tp_no_criteria": (
        "没有指标：请在表头下方每行填写一项指标",
        "no criteria: add one row per criterion below the header",
    ),
    "tp_no_score": (
        "没有类别为 score（计分）的指标；请至少将一项指标的 kind 设为 score（或留空）",
        "no criterion of kind 'score'; set kind to score (or leave it empty) for at least one criterion",
    ),
    "tp_weights_zero": (
        "计分指标的权重合计为 0；请至少给一项计分指标大于 0 的权重",
        "the weights of the score criteria add up to 0; give at least one score criterion a weight above 0",
    ),
    "tp_yes_no": ("应为 yes 或 no（是/否），实际为 {found}", "must be yes or no, found {found}"),
    "tp_required": ("必填", "required"),
    "tp_type_required": ("必填，应为以下之一：{allowed}", "required: one of {allowed}"),
    "tp_weight_required": ("必填，应为 0 或以上的数字", "required: a number of 0 or more"),
    "tp_weight_negative": ("应为 0 或以上，实际为 {found:g}", "must be 0 or more, found {found:g}"),
    "tp_prorate_change_only": (
        "只有 change（变化）类指标的目标可按年折算；请将此处的 prorate 留空",
        "only a change criterion's target can be pro-rated to the year; leave prorate empty here",
    ),
    "tp_direction_required": (
        "value 和 change 类指标必填，应为 higher 或 lower",
        "required for value and change criteria: higher or lower",
    ),
    "tp_bound_required": ("value 和 change 类指标必填", "required for value and change criteria"),
    "tp_bounds_equal": (
        "best 应与 worst 不同（二者均为 {found:g}）",
        "best must differ from worst (both {found:g})",
    ),
    "tp_change_bounds": (
        "change 类指标的上下限是改善率（%），因此无论方向如何，best（{best:g}）都应大于 worst（{worst:g}）",
        "a change criterion's bounds are on the improvement in %, so best ({best:g}) must be above worst "
        "({worst:g}) whatever the direction",
    ),
    "tp_higher_bounds": (
        "方向为 higher 时，best（{best:g}）应大于 worst（{worst:g}）",
        "with direction higher, best ({best:g}) must be above worst ({worst:g})",
    ),
    "tp_lower_bounds": (
        "方向为 lower 时，best（{best:g}）应小于 worst（{worst:g}）",
        "with direction lower, best ({best:g}) must be below worst ({worst:g})",
    ),
    "tp_choices_zh_count": (
        "给出了 {labels} 个中文标签，而选项有 {choices} 个；请按相同顺序为每个选项给一个标签，以“;”分隔",
        "gives {labels} Chinese labels for {choices} choices; give one per choice, in the same order, "
        "separated by ';'",
    ),
    "tp_choices_zh_twice": ("中文标签 {label} 出现了两次", "the Chinese label {label} appears twice"),
    "tp_choices_required": (
        "choice 类指标必填，例如“I=1; II=0.6; III=0.3”",
        "required for choice criteria, e.g. 'I=1; II=0.6; III=0.3'",
    ),
    "tp_choice_form": (
        "{part} 不符合“标签=得分比例”的格式（例如 I=1）",
        "{part} is not of the form label=fraction (e.g. I=1)",
    ),
    "tp_choice_fraction": (
        "{label} 的得分比例应在 [0, 1] 之间，实际为 {found:g}",
        "the fraction of {label} must be in [0, 1], found {found:g}",
    ),
    "tp_choice_twice": ("标签 {label} 出现了两次", "the label {label} appears twice"),
    "tp_grades_header": (
        "需要一行含 grade（等级）和 min_points（最低分）列的表头",
        "needs a header row with columns grade and min_points",
    ),
    "tp_grade_name": ("必须填写等级名称", "name required"),
    "tp_grade_twice": ("{name} 出现了两次；每个等级只列一次", "{name} appears twice; list each grade once"),
    "tp_no_grades": (
        "未列出任何等级；请在表头下方每行列出一个等级及其最低分，或删除该工作表以使用默认等级",
        "no grades listed; list one grade and its min_points per row below the header, or delete the sheet "
        "to use the default grades",
    ),
    "tp_lowest_grade": (
        "最低等级须从 0 分起，使任何总分都有等级；请将其 min_points 设为 0",
        "the lowest grade must start at 0 so every total has a grade; set its min_points to 0",
    ),
    "tp_scheme_twice": (
        "方案 {scheme} 的 {version} 版也从 {other} 载入；同一方案的同一版本只能给出一次",
        "the scheme {scheme} version {version} is also loaded from {other}; give each scheme and version "
        "once",
    ),
    # the command line (scoring/cli): the help of each command and option (scoring/cli/parsers.py)
    "cli_description": ("评估减污降碳协同增效试点。", "Assess pollution–carbon synergy pilots."),
    "cli_epilog": (
        "各命令的选项：python main.py 命令 --help；只用一种语言：--lang zh 或 --lang en",
        "each command's options: python main.py COMMAND --help; one language only: --lang zh or --lang en",
    ),
    "cli_commands": ("命令", "commands"),
    "cli_usage": ("用法：", "usage: "),
    "cli_positionals": ("位置参数：", "positional arguments:"),
    "cli_options": ("选项：", "options:"),
    "cli_h_help": ("显示此帮助并退出", "show this help and exit"),
    "cli_h_version": ("显示程序版本并退出", "show the program's version and exit"),
    "cli_h_score": ("为申报材料评分并排名", "score submissions and rank them"),
    "cli_h_form": ("为某方案生成空白申报表", "write a blank submission form for a scheme"),
    "cli_h_validate": ("检查模板并列出其问题", "check a template and list its problems"),
    "cli_h_demo": ("生成示例申报材料", "write the demo submissions"),
    "cli_h_selftest": ("离线检查本安装能否正常工作", "check that this installation works, offline"),
    "cli_h_assess": (
        "记录核查人的现场评分或调整，或将其撤回",
        "record an inspector's manual score or override, or withdraw it",
    ),
    "cli_h_history": (
        "列出项目各版申报及其差异",
        "list a project's submission versions and their differences",
    ),
    "cli_h_audit": ("列出审计日志，或导出为工作簿", "list the audit log, or export it to a workbook"),
    "cli_h_merge": ("将核查人的工作区合并到主工作区", "merge inspectors' workspaces into a master workspace"),
    "cli_h_consensus": (
        "记录审核人对多名核查人评过分的指标所定的共识",
        "record a supervisor's consensus on a criterion several inspectors scored",
    ),
    "cli_h_reconcile": (
        "列出多名核查人评过分的指标；设置采用中位数或平均值及分歧阈值",
        "list criteria several inspectors scored; set median or mean and the threshold",
    ),
    "cli_h_explain": (
        "说明项目得分的计算过程，以及达到下一等级需要什么",
        "show how a project's score was worked out and what would reach the next grade",
    ),
    "cli_h_track": (
        "跟踪试点在各评估轮次中的变化：总分、排名、等级",
        "follow pilots across assessment rounds: changes, ranks, grades",
    ),
    "cli_h_template": (
        "评估方案模板（多个时重复给出；使用 --workspace 时可省略）",
        "a scheme template (repeat for several; optional with --workspace)",
    ),
    "cli_h_inputs": ("申报文件或文件夹", "submission files or folders"),
    "cli_h_score_workspace": (
        "导入到此工作区（不存在时新建），并为其中的全部项目评分",
        "import into this workspace (created if needed) and score everything it holds",
    ),
    "cli_h_score_round": (
        "与 --workspace 同用：导入并评分的评估轮次（新名称即新建）；默认每份申报归入其年份的轮次，"
        "并为最近一轮评分",
        "with --workspace: the assessment round to import into (created if new) and to score; by default "
        "each submission goes to the round of its year, and the latest round is scored",
    ),
    "cli_h_out_ranked": ("将排名工作簿写到此处", "write the ranked workbook here"),
    "cli_h_json": ("将完整结果以 JSON 写到此处（“-”：标准输出）",
                   "write the full result as JSON here ('-': to standard output)"),
    "cli_h_pdf": ("将 PDF 报告写到此处", "write the PDF report here"),
    "cli_h_full_paths": (
        "输出中以完整路径标明输入文件（默认：相对于所给文件夹，分享的文件不显示本机文件夹）",
        "name input files by their full path in the outputs (default: relative to the folder given, so a "
        "shared file shows no local folders)",
    ),
    "cli_h_lang": (
        "消息的语言（默认先英文、后中文）",
        "language of messages (default: English, then Chinese)",
    ),
    "cli_h_lang_outputs": (
        "{outputs}（默认 {default}）及消息的语言（消息默认先英文、后中文）",
        "language of {outputs} (default {default}) and of messages (messages default to English, then "
        "Chinese)",
    ),
    "cli_h_of_reports": ("工作簿和 PDF 报告", "the workbook and PDF report"),
    "cli_h_of_audit": ("导出的工作簿", "the exported workbook"),
    "cli_h_of_text": ("说明文字", "the text"),
    "cli_h_robustness_group": ("排名的稳健性", "robustness of the ranking"),
    "cli_h_robustness": (
        "权重随机变动下的名次范围、分档稳定性及熵权 TOPSIS 交叉检验（打印出来，并加入 --json）",
        "rank ranges under random weight changes, cut-off stability and an entropy-TOPSIS cross-check "
        "(printed, and added to --json)",
    ),
    "cli_h_draws": ("随机权重组数（默认 {n}）", "random weightings (default {n})"),
    "cli_h_spread": (
        "每个计分权重最多变动 ±P，写作 0.2 或 20%（默认 {p}）",
        "each score weight changes by up to ±P, as 0.2 or 20% (default {p})",
    ),
    "cli_h_cutoff": (
        "前 K 名（默认 {k}），或等级名称，如 Good 或 良好",
        "top K (default {k}), or a grade name such as Good or 良好",
    ),
    "cli_h_seed": ("随机抽样的种子（默认 {seed}）", "seed of the random draws (default {seed})"),
    "cli_h_method": ("{methods}（默认 uniform）", "{methods} (default uniform)"),
    "cli_h_or": (" 或 ", " or "),
    "cli_h_concentration": (
        "狄利克雷分布的集中度（默认：由 --spread 确定）",
        "Dirichlet concentration (default: set from --spread)",
    ),
    "cli_h_sign_off_group": ("报告签署", "report sign-off"),
    "cli_h_sign_off_about": (
        "印在 PDF 的封面和排名页及工作簿的排名工作表上；与 --workspace 同用时，"
        "本次报告以其代替工作区的报告设置",
        "printed on the PDF's cover and ranking pages and the workbook's ranked sheets; with --workspace "
        "they replace the workspace's report settings for this report",
    ),
    "cli_h_org": ("评估机构（也是 PDF 的作者）", "the assessing body (also the PDF's author)"),
    "cli_h_doc_no": ("文号", "the document number"),
    "cli_h_period": ("评估期间，如 2024", "the assessment period, e.g. 2024"),
    "cli_h_assessor": ("印在评估人签字栏下的姓名", "name printed under the assessor's signature line"),
    "cli_h_reviewer": ("印在审核人签字栏下的姓名", "name printed under the reviewer's signature line"),
    "cli_h_approver": ("印在批准人签字栏下的姓名", "name printed under the approver's signature line"),
    "cli_h_form_template": ("方案的模板", "the scheme's template"),
    "cli_h_form_out": ("将空白申报表写到此处", "write the blank form here"),
    "cli_h_validate_template": ("要检查的模板（多个时重复给出）", "a template to check (repeat for several)"),
    "cli_h_demo_out": ("将示例申报材料写入此文件夹", "write the demo submissions into this folder"),
    "cli_h_selftest_full": (
        "为每个方案生成工作簿和 PDF，而不只为项目最少的方案",
        "write the workbook and the PDF for every scheme, not only the smallest",
    ),
    "cli_h_selftest_out": (
        "在此文件夹中工作并保留文件（默认：临时文件夹）",
        "work in this folder and keep the files (default: a temporary folder)",
    ),
    "cli_h_workspace": ("工作区文件", "the workspace file"),
    "cli_h_project_id": ("项目编号", "the project's ID"),
    "cli_h_code": ("指标编号", "the criterion code"),
    "cli_h_fraction": (
        "得分率，0 到 1（使用 --withdraw 时不填）",
        "the fraction from 0 to 1 (not with --withdraw)",
    ),
    "cli_h_inspector": ("评分（或撤回）的核查人", "who scores (or withdraws)"),
    "cli_h_reason": ("理由；必填", "why; required"),
    "cli_h_withdraw": ("改为撤回该核查人的有效评分", "withdraw the inspector's active score instead"),
    "cli_h_author": (
        "与 --withdraw 同用：撤回谁的评分（默认：核查人本人的）",
        "with --withdraw: whose score (default: the inspector's)",
    ),
    "cli_h_scheme": ("项目属于多个方案时，所指的方案", "the scheme, when the project is in several"),
    "cli_h_scheme_version": ("存有多个版本时，方案的版本", "the scheme's version, when several are stored"),
    "cli_h_round": (
        "评估轮次（默认：项目所在的最近一轮）",
        "the assessment round (default: the latest the project is in)",
    ),
    "cli_h_audit_out": (
        "将日志写入此工作簿（否则打印出来）",
        "write the log to this workbook (else print it)",
    ),
    "cli_h_into": ("主工作区（不存在时新建）", "the master workspace (created if it does not exist)"),
    "cli_h_sources": ("要合并的工作区（只读取）", "the workspaces to merge (only read)"),
    "cli_h_agreed_fraction": (
        "商定的得分率，0 到 1（使用 --withdraw 时不填）",
        "the agreed fraction, 0 to 1 (not with --withdraw)",
    ),
    "cli_h_supervisor": ("审核人", "the supervisor"),
    "cli_h_withdraw_consensus": (
        "撤回共识（重新采用中位数或平均值）",
        "withdraw the consensus (the median or mean applies again)",
    ),
    "cli_h_reconcile_method": (
        "达成共识前采用的分值（保存在工作区中）",
        "the score used until a consensus (stored in the workspace)",
    ),
    "cli_h_threshold": (
        "离散度超过 X（0 到 1）即为分歧（保存在工作区中）",
        "a spread above X (0 to 1) is a disagreement (stored in the workspace)",
    ),
    "cli_h_explain_inputs": (
        "申报文件或文件夹（与 --template 同用）",
        "submission files or folders (with --template)",
    ),
    "cli_h_templates": ("评估方案模板（多个时重复给出）", "a scheme template (repeat for several)"),
    "cli_h_explain_workspace": (
        "改为依据此工作区说明，而非文件",
        "explain from this workspace instead of files",
    ),
    "cli_h_explain_json": ("改为以 JSON 输出说明", "print the explanation as JSON instead"),
    "cli_h_track_scheme": ("只看此方案（默认：每个方案）", "only this scheme (default: every scheme)"),
    "cli_h_track_json": (
        "将跟踪结果以 JSON 写到此处（“-”：标准输出）",
        "write the tracking as JSON here ('-': standard output)",
    ),
    "cli_h_track_out": ("将跟踪工作簿写到此处", "write the Tracking workbook here"),
    "cli_h_track_pdf": ("将跟踪 PDF 写到此处", "write the tracking PDF here"),
    # the command line's refusals of what was typed (exit 2) and its other failures
    "cli_error": ("错误：{message}", "error: {message}"),
    "cli_warning": ("警告：{message}", "warning: {message}"),
    "cli_no_command": (
        "请给出命令；可用命令：{commands}（python main.py --help 说明每个命令）",
        "give a command; the commands are {commands} (python main.py --help describes each)",
    ),
    "cli_unknown_command": (
        "没有命令 {command!r}{suggestion}；可用命令：{commands}（python main.py --help 说明每个命令）",
        "there is no command {command!r}{suggestion}; the commands are {commands} (python main.py --help "
        "describes each)",
    ),
    "cli_did_you_mean": ("（是否要用 {match}？）", " (did you mean {match}?)"),
    "cli_see_help": ("{message}（{prog} --help 列出其用法）", "{message} ({prog} --help shows its usage)"),
    "cli_arg_required": ("缺少必需的参数：{arguments}", "the following arguments are required: {arguments}"),
    "cli_arg_unrecognized": ("无法识别的参数：{arguments}", "unrecognized arguments: {arguments}"),
    "cli_arg_choice": (
        "参数 {argument} 的取值 {value} 无效（可选：{choices}）",
        "argument {argument}: invalid choice: {value} (choose from {choices})",
    ),
    "cli_arg_one_value": ("参数 {argument} 需要一个值", "argument {argument}: expected one argument"),
    "cli_arg_values": (
        "参数 {argument} 至少需要一个值",
        "argument {argument}: expected at least one argument",
    ),
    "cli_arg_no_value": (
        "参数 {argument} 不接受值（{value}）",
        "argument {argument}: ignored explicit argument {value}",
    ),
    "cli_arg_together": (
        "参数 {argument} 不能与 {other} 同用",
        "argument {argument}: not allowed with argument {other}",
    ),
    "cli_arg_ambiguous": (
        "选项 {option} 不明确，可能是 {matches}",
        "ambiguous option: {option} could match {matches}",
    ),
    "cli_arg_other": ("命令行有误：{message}", "{message}"),
    "cli_interrupted": ("已中断", "interrupted"),
    "cli_unexpected": ("意外错误 {kind}：{detail}{log}", "unexpected {kind}: {detail}{log}"),
    "cli_log_at": ("（详情见 {path}）", " (details in {path})"),
    "cli_no_input": ("没有这个文件或文件夹：{paths}", "no such file or folder: {paths}"),
    "cli_is_folder": (
        "{option} {path} 是文件夹；请给出文件名",
        "{option} {path} is a folder; give a file name",
    ),
    # the command line's summaries on success (scoring/cli/*.py), and the counted nouns they use
    # (presentation.counted: count1_<noun> for one, count_<noun> for any other number)
    "count1_project": ("{n} 个项目", "{n} project"),
    "count_project": ("{n} 个项目", "{n} projects"),
    "count1_input": ("{n} 个输入", "{n} input"),
    "count_input": ("{n} 个输入", "{n} inputs"),
    "count1_file": ("{n} 个文件", "{n} file"),
    "count_file": ("{n} 个文件", "{n} files"),
    "count1_criterion": ("{n} 项指标", "{n} criterion"),
    "count_criterion": ("{n} 项指标", "{n} criteria"),
    "count1_dimension": ("{n} 个维度", "{n} dimension"),
    "count_dimension": ("{n} 个维度", "{n} dimensions"),
    "count1_disagreement": ("{n} 处分歧", "{n} disagreement"),
    "count_disagreement": ("{n} 处分歧", "{n} disagreements"),
    "count1_audit_entry": ("{n} 条审计记录", "{n} audit entry"),
    "count_audit_entry": ("{n} 条审计记录", "{n} audit entries"),
    "count1_workspace": ("{n} 个工作区", "{n} workspace"),
    "count_workspace": ("{n} 个工作区", "{n} workspaces"),
    "count1_submission": ("{n} 份申报", "{n} submission"),
    "count_submission": ("{n} 份申报", "{n} submissions"),
    "count1_new_project": ("{n} 个新项目", "{n} new project"),
    "count_new_project": ("{n} 个新项目", "{n} new projects"),
    "count1_new_version": ("{n} 个新版本", "{n} new version"),
    "count_new_version": ("{n} 个新版本", "{n} new versions"),
    "count1_inspector_score": ("{n} 条核查人评分", "{n} inspector's score"),
    "count_inspector_score": ("{n} 条核查人评分", "{n} inspectors' scores"),
    "count1_withdrawal": ("{n} 次撤回", "{n} withdrawal"),
    "count_withdrawal": ("{n} 次撤回", "{n} withdrawals"),
    "count1_consensus_record": ("{n} 条共识记录", "{n} consensus record"),
    "count_consensus_record": ("{n} 条共识记录", "{n} consensus records"),
    "count1_evidence_note": ("{n} 条佐证备注", "{n} evidence note"),
    "count_evidence_note": ("{n} 条佐证备注", "{n} evidence notes"),
    "count1_refused_file": ("{n} 个拒收文件", "{n} refused file"),
    "count_refused_file": ("{n} 个拒收文件", "{n} refused files"),
    "cli_round": ("评估轮次 {round}", "assessment round {round}"),
    "cli_scheme_scored": (
        "{scheme} {version}（{level}）：已评分 {projects}",
        "{scheme} {version} ({level}): {projects} scored",
    ),
    "cli_top_project": (
        "  {rank:>3}. {project} {name}  {total}  {grade}",
        "  {rank:>3}. {project} {name}  {total}  {grade}",
    ),
    "cli_rejected": ("拒收 [{reason}] {message}", "rejected [{reason}] {message}"),
    "cli_skipped": ("未读取 {message}", "skipped {message}"),
    "cli_score_totals": (
        "已评分 {projects}，拒收 {rejected}{not_read}",
        "{projects} scored, {rejected} rejected{not_read}",
    ),
    "cli_not_read": ("，文件夹中另有 {files}未读取", ", {files} in the folders not read"),
    "cli_project_version": ("{project}（第 {version} 版）", "{project} (version {version})"),
    "cli_1_replaced": (
        "1 份重新报送替换了此前的版本：{which}",
        "1 resubmission replaced its earlier version: {which}",
    ),
    "cli_n_replaced": (
        "{n} 份重新报送替换了此前的版本：{which}",
        "{n} resubmissions replaced their earlier versions: {which}",
    ),
    "cli_1_second_file": (
        "其中 1 个是已报送项目的第二份文件，保留第一份、拒收此文件：{which}",
        "1 of them a second file of a project already submitted, refused (the first is kept): {which}",
    ),
    "cli_n_second_files": (
        "其中 {n} 个是已报送项目的第二份文件，保留第一份、拒收这些文件：{which}",
        "{n} of them second files of projects already submitted, refused (the first is kept): {which}",
    ),
    "cli_wrote_ranked": ("排名工作簿：{path}", "ranked workbook: {path}"),
    "cli_wrote_pdf": ("PDF 报告：{path}", "PDF report: {path}"),
    "cli_wrote_json": ("JSON 结果：{path}", "JSON result: {path}"),
    "cli_round_needs_workspace": (
        "--round 需要 --workspace W.spw：评估轮次保存在工作区中",
        "--round needs --workspace W.spw: rounds are kept in a workspace",
    ),
    "cli_score_needs_inputs": (
        "请至少给出一个 --template T.xlsx 和一个输入文件或文件夹（或用 --workspace W.spw "
        "为工作区中的项目评分）",
        "give at least one --template T.xlsx and one INPUT file or folder (or --workspace W.spw to score "
        "what "
        "a workspace holds)",
    ),
    "cli_valid": (
        "{path}：有效——{scheme} {version}（{level}），{criteria}（{kinds}），{dimensions}",
        "{path}: valid — {scheme} {version} ({level}), {criteria} ({kinds}), {dimensions}",
    ),
    "cli_kind_count": ("{kind} {n}", "{n} {kind}"),
    "cli_wrote_form": (
        "{scheme} {version} 的空白申报表：{path}",
        "blank form for {scheme} {version}: {path}",
    ),
    "cli_wrote_demo": (
        "已在 {folder} 下写入 {files}，并在 {later_folder} 下写入试点下一评估轮次的 {forms}",
        "{files} written under {folder}, and {forms} of the pilots' next assessment round under "
        "{later_folder}",
    ),
    "count1_demo_file": ("{n} 个示例文件", "{n} demo file"),
    "count_demo_file": ("{n} 个示例文件", "{n} demo files"),
    "count1_form": ("{n} 份申报表", "{n} form"),
    "count_form": ("{n} 份申报表", "{n} forms"),
    "cli_workspace_new": (
        "{path} 尚不存在；加上 --template T.xlsx 即以该方案新建",
        "{path} does not exist yet; add --template T.xlsx to create it with a scheme",
    ),
    "cli_workspace_import": ("工作区 {name}：{summary}", "workspace {name}: {summary}"),
    "ws_import_counts": (
        "导入 {imported}，重新报送 {resubmitted}，未变 {unchanged}，拒收 {rejected}{not_read}{cancelled}",
        "{imported} imported, {resubmitted} resubmitted, {unchanged} unchanged, {rejected} rejected{not_read}"
        "{cancelled}",
    ),
    "ws_import_not_read": ("，未读取 {n}", ", {n} not read"),
    "ws_import_cancelled": ("（已取消）", " (cancelled)"),
    "cli_resubmitted": (
        "  重新报送 {project}（{scheme} {version}），为第 {n} 版，来自 {file}",
        "  resubmitted {project} ({scheme} {version}) as version {n} from {file}",
    ),
    "cli_unchanged": ("  未变：{message}", "  unchanged: {message}"),
    "cli_more_in_history": (
        "  ……另有 {n} 条（python main.py history --workspace {name} PROJECT_ID）",
        "  … and {n} more (python main.py history --workspace {name} PROJECT_ID)",
    ),
    "cli_give_fraction": ("请给出 FRACTION（0 到 1，如 0.65），或使用 --withdraw",
                          "give the FRACTION (from 0 to 1, e.g. 0.65), or --withdraw"),
    "cli_fraction": ("FRACTION 须为 0 到 1 之间的数（如 0.65），实际为 {found!r}",
                     "FRACTION must be a number from 0 to 1 (e.g. 0.65), found {found!r}"),
    "cli_withdraw_no_fraction": (
        "--withdraw 不带 FRACTION；请去掉它",
        "--withdraw takes no FRACTION; leave it out",
    ),
    "cli_author_needs_withdraw": ("--author 只能与 --withdraw 同用", "--author only goes with --withdraw"),
    "cli_threshold": ("--threshold 须为 0 到 1 之间的数（如 0.25），实际为 {found!r}",
                      "--threshold must be a number from 0 to 1 (e.g. 0.25), found {found!r}"),
    "cli_a_manual_score": ("现场评分", "manual score"),
    "cli_an_override": ("调整", "override"),
    "cli_withdrawn_score": (
        "已撤回：{author} 对 {project}（{scheme} {version}）{code} 的{kind} {fraction}，撤回人 {by}："
        "{reason}",
        "withdrawn: {author}'s {kind} {fraction} of {code} for {project} ({scheme} {version}), by {by}: "
        "{reason}",
    ),
    "cli_recorded_score": (
        "已记录：{project}（{scheme} {version}）{code} 的{kind} = {fraction}，核查人 {inspector}：{reason}",
        "recorded: {kind} of {code} for {project} ({scheme} {version}) = {fraction} by {inspector}: {reason}",
    ),
    "cli_not_in_round": ("项目 {project} 在评估轮次 {round!r} 中没有申报",
                         "project {project} has no submission in the round {round!r}"),
    "cli_history_of": ("{project}，方案 {scheme} {version}，评估轮次 {round}",
                       "{project} in {scheme} {version}, round {round}"),
    "cli_history_version": (
        "  第 {n} 版  {at}  {file}  （sha256 {sha}…，导入人 {by}）",
        "  version {n}  {at}  {file}  (sha256 {sha}…, imported by {by})",
    ),
    "cli_no_differences": ("      各指标均无差异", "      no differences in the criteria"),
    "cli_column_criterion": ("指标", "criterion"),
    "cli_column_old": ("原值", "old value"),
    "cli_column_new": ("新值", "new value"),
    "cli_audit_written": ("已将 {entries}写入 {path}", "{entries} written to {path}"),
    "cli_workspace_created": ("已新建工作区 {name}", "workspace {name} created"),
    "mg_merged": ("已将 {workspaces}合并入 {into}", "merged {workspaces} into {into}"),
    "merged_source": ("{name}：{parts}", "{name}: {parts}"),
    "mg_nothing_new": (
        "{name}：没有新内容（其中的一切都已在此）",
        "{name}: nothing new (everything it holds is already here)",
    ),
    "mg_only_audit": ("只有审计记录", "only audit entries"),
    "mg_round": ("评估轮次 {rounds}", "round {rounds}"),
    "mg_scheme": ("方案 {schemes}", "scheme {schemes}"),
    "mg_present": ("{submissions}已在此", "{submissions} already here"),
    "merged_scores_by": ("{scores}（{who}）", "{scores} ({who})"),
    "mg_cancelled": ("  （已取消：以上工作区已合并，其余未合并）",
                     "  (cancelled: the workspaces above were merged, the rest were not)"),
    "cli_withdrawn_consensus": (
        "已撤回：{project}（{scheme} {version}）{code} 的共识 {fraction}，撤回人 {by}：{reason}",
        "withdrawn: consensus {fraction} on {code} for {project} ({scheme} {version}), by {by}: {reason}",
    ),
    "cli_recorded_consensus": (
        "已记录：{project}（{scheme} {version}）{code} 的共识 = {fraction}，审核人 {inspector}：{reason}"
        "（核查人评分：{scores}）",
        "recorded: consensus on {code} for {project} ({scheme} {version}) = {fraction} by {inspector}: "
        "{reason} (inspectors: {scores})",
    ),
    "cli_reconcile_summary": (
        "{criteria}由多名核查人评分或已定共识；{disagreements}（极差超过 {threshold}）；"
        "达成共识前采用{method}",
        "{criteria} scored by several inspectors or decided by consensus; {disagreements} (spread above "
        "{threshold}); until a consensus the {method} is used",
    ),
    "cli_more_disagreements": (
        "  ……另有 {n} 条（排名工作簿的分歧工作表列出全部）",
        "  … and {n} more (the ranked workbook's Disagreements sheet lists all)",
    ),
    "cli_how_to_consensus": (
        "  记录共识：python main.py consensus --workspace {name} PROJECT_ID CODE FRACTION --inspector NAME "
        "--reason TEXT",
        "  record a consensus: python main.py consensus --workspace {name} PROJECT_ID CODE FRACTION "
        "--inspector NAME --reason TEXT",
    ),
    "cli_needs_number": ("{option} 需要一个数，而不是 {found!r}", "{option} needs a number, not {found!r}"),
    "cli_needs_whole_number": (
        "{option} 需要一个整数，而不是 {found!r}",
        "{option} needs a whole number, not {found!r}",
    ),
    "cli_only_with_robustness": ("{options} 只与 --robustness 同用",
                                 "{options} is only used with --robustness"),
    "cli_only_with_robustness_n": ("{options} 只与 --robustness 同用",
                                   "{options} are only used with --robustness"),
    "cli_explain_not_both": (
        "请给出 --workspace W.spw，或 --template T.xlsx 与输入文件，不能两者都给",
        "give either --workspace W.spw or --template T.xlsx with INPUT files, not both",
    ),
    "cli_explain_needs_inputs": (
        "请给出 --workspace W.spw，或至少一个 --template T.xlsx 和一个输入文件或文件夹",
        "give --workspace W.spw, or at least one --template T.xlsx and one INPUT file or folder",
    ),
    "cli_explain_no_project": (
        "没有已评分的项目 {project!r}{hint}；请检查项目编号和输入",
        "no scored project {project!r}{hint}; check the ID and the inputs",
    ),
    "cli_explain_refused": (
        "（有一个提到它的文件被拒收：{message}）",
        " (a file naming it was refused: {message})",
    ),
    "cli_explain_several_schemes": (
        "{project} 属于多个方案（{names}）；请用 --scheme NAME 选择一个",
        "{project} is in several schemes ({names}); choose one with --scheme NAME",
    ),
    "cli_explain_head": (
        "{project} {name} — {scheme} {version}：总分 {total:.2f}，等级 {grade}，排名 {rank}",
        "{project} {name} — {scheme} {version}: Total {total:.2f}, Grade {grade}, Rank {rank}",
    ),
    "cli_track_no_scheme": (
        "{name} 中没有方案 {scheme!r} 的项目（方案：{schemes}）",
        "no projects of a scheme {scheme!r} in {name} (schemes: {schemes})",
    ),
    "cli_track_round": ("{label}（{year}）", "{label} ({year})"),
    "cli_no_year": ("无年份", "no year"),
    "cli_track_rounds": ("评估轮次：{rounds}", "assessment rounds: {rounds}"),
    "cli_track_one_round": (
        "只有一个轮次：导入下一轮的申报表（score --workspace W FOLDER）后即可比较",
        "one round only: import the next round's forms (score --workspace W FOLDER) to compare",
    ),
    "cli_track_scheme": ("{scheme}：{projects}", "{scheme}: {projects}"),
    "cli_track_moves": (
        "  {first} → {last}：上升 {rose} 个，下降 {fell} 个，{missing} 个未同时参加两轮",
        "  {first} → {last}: {rose} rose, {fell} fell, {missing} not in both rounds",
    ),
    "cli_track_more": ("  ……另有 {n} 个（JSON、工作簿和 PDF 列出全部）",
                       "  … and {n} more (the JSON, workbook and PDF list all)"),
    "cli_wrote_tracking_workbook": ("跟踪工作簿：{path}", "Tracking workbook: {path}"),
    "cli_wrote_tracking_pdf": ("跟踪 PDF：{path}", "tracking PDF: {path}"),
    "cli_wrote_tracking_json": ("JSON 跟踪结果：{path}", "JSON tracking: {path}"),
    # selftest (scoring/cli/selftest.py): each check's name (st_<name>) and what it found
    "st_header": ("SynergyPilot {version} 自检（{where}）", "SynergyPilot {version} selftest ({where})"),
    "st_bundle": ("安装包位于 {path}", "bundle in {path}"),
    "st_source": ("源代码位于 {path}", "source in {path}"),
    "st_ok": ("  通过  {name}：{detail}", "  ok  {name}: {detail}"),
    "st_templates": ("模板", "templates"),
    "st_font": ("字体", "font"),
    "st_demo": ("示例", "demo"),
    "st_scoring": ("评分", "scoring"),
    "st_workbook": ("工作簿", "workbook"),
    "st_pdf": ("PDF", "PDF"),
    "st_print": ("打印", "print"),
    "st_templates_ok": ("{n} 个方案，位于 {folder}", "{n} schemes in {folder}"),
    "st_font_ok": ("{family}，其许可证位于 {folder}", "{family} with its licence in {folder}"),
    "st_demo_ok": ("已写入 {n} 个申报文件", "{n} submission files written"),
    "st_scoring_ok": (
        "{schemes} 个方案共 {projects} 个项目；{rejected} 个有缺陷的文件按预期被拒收",
        "{projects} projects in {schemes} schemes, {rejected} flawed files rejected as expected",
    ),
    "st_workbook_ok": ("{file}，{sheets} 个工作表，{projects} 个项目，{kb} KB",
                       "{file}, {sheets} sheets, {projects} projects, {kb} KB"),
    "st_pdf_ok": (
        "{file}，{pages} 页，{kb} KB，已嵌入 {family}",
        "{file}, {pages} pages, {kb} KB, {family} embedded",
    ),
    "st_print_ok": (
        "PDFium 以 {dpi} dpi 渲染了 {file} 的第 1 页，{width}×{height} 像素",
        "page 1 of {file} rendered by PDFium at {dpi} dpi, {width}×{height} px",
    ),
    "st_kept": ("  文件保留在 {folder}", "  files kept in {folder}"),
    "st_passed": ("自检通过，用时 {seconds} 秒", "selftest passed in {seconds} s"),
    "st_failed": ("自检失败：{message}", "selftest FAILED: {message}"),
    "st_no_templates": ("未找到方案模板（已在 {folder} 中查找 *.xlsx）",
                        "no scheme templates found (looked for *.xlsx in {folder})"),
    "st_template_invalid": (
        "随附的模板 {file} 无效：{detail}",
        "the shipped template {file} is invalid: {detail}",
    ),
    "st_no_font": ("随附的中文字体缺失或无法读取（已在 {folder} 中查找）",
                   "the shipped Chinese font is missing or unreadable (looked in {folder})"),
    "st_no_licence": (
        "{folder} 中缺少随附字体的许可证",
        "the licence of the shipped font is missing from {folder}",
    ),
    "st_sound_rejected": ("{n} 个正常的示例文件被拒收，例如 {file}：[{reason}] {message}",
                          "{n} sound demo files were rejected, e.g. {file}: [{reason}] {message}"),
    "st_scheme_empty": ("以下方案没有项目被评分：{schemes}", "no project was scored for {schemes}"),
    "st_demo_count": (
        "已评分 {n} 个示例项目，应为 {expected} 个",
        "{n} demo projects scored, expected {expected}",
    ),
    "st_workbook_missing": ("排名工作簿中缺少 {n} 个项目，例如 {example}",
                            "{n} projects missing from the ranked workbook, e.g. {example}"),
    "st_pdf_incomplete": ("{file} 不是完整的 PDF 文件", "{file} is not a complete PDF file"),
    "st_pdf_pages": (
        "{file} 有 {pages} 页，应为 {expected} 页",
        "{file} has {pages} pages, expected {expected}",
    ),
    "st_font_not_embedded": (
        "{file} 中未嵌入中文字体 {family}",
        "the Chinese font {family} is not embedded in {file}",
    ),
    "st_none_found": ("（未找到）", "(none found)"),
    "st_pdfium_failed": (
        "PDFium 无法渲染 {file} 以供打印：{detail}",
        "PDFium cannot render {file} for printing: {detail}",
    ),
    "st_pdfium_size": ("PDFium 将 {file} 的第 1 页渲染为 {width}×{height} 像素，应为 {expected}",
                       "PDFium rendered page 1 of {file} as {width}×{height} px, expected {expected}"),
    "st_pdfium_blank": ("PDFium 渲染出的 {file} 第 1 页是空白", "PDFium rendered page 1 of {file} blank"),
    "st_the_workbook": ("排名工作簿", "ranked workbook"),
    "st_the_pdf": ("PDF 报告", "PDF report"),
    "st_not_written": ("{what}未写出（{path}）", "the {what} was not written ({path})"),
    "st_too_small": ("{what}只有 {size} 字节（{path}）", "the {what} is only {size} bytes ({path})"),
    "st_written_so_far": ("  已写出的文件在 {folder}", "  the files written so far are in {folder}"),
    "quadrant_1": ("I 协同减排", "I synergy: both fall"),
    "quadrant_2": ("II 仅减污", "II pollutants only"),
    "quadrant_3": ("III 双增", "III both rise"),
    "quadrant_4": ("IV 仅降碳", "IV carbon only"),
    "no_co_control": ("无可用的基准值/现状值数据", "No baseline/current data for this view"),
    "no_synergy": ("无可计算协同度的项目", "No project has both indices"),
    "scheme_mean": ("方案平均", "Scheme mean"),
    "scheme_best": ("各维度最优", "Best per dimension"),
    "percent_of_max": ("占该维度满分 %", "% of dimension maximum"),
    "threshold": ("等级线", "Grade line"),
    "cover_date": ("报告日期", "Report date"),
    "assessment_round": ("评估轮次", "Assessment round"),
    "total_projects": ("已评分项目", "Projects scored"),
    "page": ("第 {n} 页，共 {total} 页", "Page {n} of {total}"),
    "continued": ("（续）", "(continued)"),
    "projects_truncated": ("仅显示前 {n} 名", "top {n} shown"),
    "ranks": ("第 {first}–{last} 名", "ranks {first}–{last}"),
    "grade_distribution": ("等级分布", "Grades"),
    "dimension_points": ("维度得分", "Points by dimension"),
    "percent": ("得分率 %", "% of maximum"),
    "key_figures": ("主要结果", "Key figures"),
    "project_page": ("项目评估结果", "Project result"),
    "charts_heading": ("图表", "Charts"),
    # issue 17: the worked calculation, the points lost and the paths to the next grade
    "worst": ("最差值", "Worst"),
    "best": ("最优值", "Best"),
    "max_points": ("可得分", "Max points"),
    "points_lost": ("失分", "Points lost"),
    "next_grade": ("下一等级", "Next grade"),
    "gap": ("差距", "Gap"),
    "paths": ("达到下一等级的途径", "Paths to the next grade"),
    "path_input": ("需填写", "Enter"),
    "relative_change": ("相对变化", "Relative change"),
    "improvement_unit": ("% 改善率", "% improvement"),
    "chart_points_lost": ("各指标失分（由大到小）", "Points lost by criterion (largest first)"),
    "chart_points_lost_compared": ("失分对比（按最大失分排序）", "Points lost compared (largest first)"),
    "worked_heading": ("{code} 的计算过程", "How {code} was worked out"),
    "worked_value": ("现状值 {value}{unit}（{cell}）", "Value {value}{unit} ({cell})"),
    "worked_baseline": (
        "基准值 {baseline}（{baseline_cell}），现状值 {value}（{cell}）",
        "Baseline {baseline} ({baseline_cell}), value {value} ({cell})",
    ),
    "worked_improvement_lower": (
        "改善率 r = (基准值 − 现状值)/|基准值| × 100 = ({baseline} − {value})/{abs} × 100 = {r}%",
        "Improvement r = (baseline − value)/|baseline| × 100 = ({baseline} − {value})/{abs} × 100 = "
        "{r}%",
    ),
    "worked_improvement_higher": (
        "改善率 r = (现状值 − 基准值)/|基准值| × 100 = ({value} − {baseline})/{abs} × 100 = {r}%",
        "Improvement r = (value − baseline)/|baseline| × 100 = ({value} − {baseline})/{abs} × 100 = "
        "{r}%",
    ),
    "worked_bounds_higher": (
        "最差 {worst}，最优 {best}（{unit}，越高越好）",
        "Worst {worst}, best {best} ({unit}, higher is better)",
    ),
    "worked_bounds_lower": (
        "最差 {worst}，最优 {best}（{unit}，越低越好）",
        "Worst {worst}, best {best} ({unit}, lower is better)",
    ),
    "worked_bounds_change": (
        "最差 {worst}%，最优 {best}%（相对基准值的改善率）",
        "Worst {worst}%, best {best}% (improvement on the baseline)",
    ),
    "worked_prorated": (
        "最优值按评估年份折算：{worst} + ({target} − {worst}) × {share} = {best}%",
        "Best pro-rated to the assessment year: {worst} + ({target} − {worst}) × {share} = {best}%",
    ),
    "worked_attainment": ("；完成度 {r} / {best} = {attainment}（{verdict}）",
                          "; attainment {r} / {best} = {attainment} ({verdict})"),
    "on_track": ("进度达标", "on track"),
    "behind": ("进度滞后", "behind"),
    "worked_fraction_bounded": (
        "得分率 s = ({x} − 最差)/(最优 − 最差) = ({x} − {worst})/({best} − {worst}) = {s}",
        "Fraction s = ({x} − worst)/(best − worst) = ({x} − {worst})/({best} − {worst}) = {s}",
    ),
    "worked_clipped": ("（超出最差—最优范围，取 {s}）", " (outside worst–best, so {s})"),
    "worked_yesno": (
        "回答“{answer}” → 得分率 s = {s}（是 = 1，否 = 0）",
        "Answer “{answer}” → fraction s = {s} (yes = 1, no = 0)",
    ),
    "worked_choice": (
        "选项“{answer}” → 得分率 s = {s}（{choices}）",
        "Choice “{answer}” → fraction s = {s} ({choices})",
    ),
    "worked_manual": (
        "核查人评分 s = {s}（{inspector}：{reason}）",
        "Inspector's fraction s = {s} ({inspector}: {reason})",
    ),
    "worked_override": (
        "人工评分 s = {s}（{inspector}：{reason}），代替按数据计算的得分率",
        "Override s = {s} ({inspector}: {reason}), in place of the fraction from the data",
    ),
    "worked_max": (
        "可得分 = 权重 × 总分 / W = {weight} × {total} / {w} = {max}",
        "Max points = weight × total points / W = {weight} × {total} / {w} = {max}",
    ),
    "worked_points": (
        "得分 = s × 可得分 = {s} × {max} = {points}；失分 {lost}",
        "Points = s × max points = {s} × {max} = {points}; points lost {lost}",
    ),
    "worked_zero": (
        "按 0 计（{status}：必填值缺失时按 0 分计入）",
        "Counted as 0 ({status}: a required value that is lacking counts as 0)",
    ),
    "worked_excluded": (
        "不计分（{status}）：其权重不计入 W",
        "Not counted ({status}): its weight is left out of W",
    ),
    "worked_bonus": (
        "加分项：加 s × 权重 = {s} × {weight} = {points} 分",
        "Bonus item: adds s × weight = {s} × {weight} = {points} points",
    ),
    "worked_penalty": (
        "扣分项：扣 s × 权重 = {s} × {weight} = {points} 分",
        "Penalty item: takes s × weight = {s} × {weight} = {points} points",
    ),
    "worked_extra_none": ("{kind}：本项目未计（{status}）", "{kind}: nothing counted ({status})"),
    "gap_to": (
        "总分 {total}，距“{grade}”（{threshold} 分）还差 {gap} 分",
        "Total {total}: {gap} points short of {grade} ({threshold})",
    ),
    "gap_top": ("总分 {total}，已是最高等级“{grade}”", "Total {total}: already at the top grade, {grade}"),
    "gap_blocked": (
        "一票否决：须先使 {codes} 达标，才能评定更高等级",
        "Vetoed: {codes} must pass first before any higher grade",
    ),
    "gap_no_path": (
        "没有哪一项指标能单独补足差距，需多项同时提高",
        "No single criterion closes the gap alone; several must improve together",
    ),
    "gap_paths_intro": (
        "以下任一项单独达到即可（按需要的相对变化由小到大）：",
        "Any one of these alone closes it (smallest relative change first):",
    ),
    "path_value": (
        "{code} {indicator}：{value}{unit}（现为 {today}；得分率 {s}）",
        "{code} {indicator}: {value}{unit} (today {today}; fraction {s})",
    ),
    "path_current": (
        "{code} {indicator}：现状值 {value}{unit}，即较基准值 {baseline} 改善 {r}%"
        "（现为 {today}；得分率 {s}）",
        "{code} {indicator}: value {value}{unit}, an improvement of {r}% on the baseline {baseline} "
        "(today {today}; fraction {s})",
    ),
    "path_improvement": (
        "{code} {indicator}：改善率 {r}%（基准值不可用；得分率 {s}）",
        "{code} {indicator}: an improvement of {r}% (no usable baseline; fraction {s})",
    ),
    "path_yes": (
        "{code} {indicator}：达到“是”（得分率需 {s}）",
        "{code} {indicator}: yes (fraction {s} needed)",
    ),
    "path_choice": (
        "{code} {indicator}：达到“{value}”（现为 {today}；得分率需 {s}）",
        "{code} {indicator}: “{value}” (today {today}; fraction {s} needed)",
    ),
    "path_fraction": (
        "{code} {indicator}：核查得分率 {value}（现为 {today}）",
        "{code} {indicator}: an inspector's fraction of {value} (today {today})",
    ),
    "no_value": ("无", "none"),
    "blank_value": ("（空）", "(blank)"),
    "colon": ("：", ": "),
    "answer_yes": ("是", "yes"),
    "today": ("现值", "Today"),
    "answer_no": ("否", "no"),
    # provisional results (docs/method.md, "Provisional results")
    "provisional": ("暂定", "Provisional"),
    "provisional_mark": ("暂定：{n} 项待定，等级可能为 {low}–{high}",
                         "provisional: {n} pending, grade could be {low}–{high}"),
    "provisional_mark_one_grade": ("暂定：{n} 项待定，等级仍为 {grade}",
                                   "provisional: {n} pending, grade stays {grade}"),
    "provisional_banner": ("注意：{total} 个项目中有 {count} 个结果为暂定"
                           "（尚有人工评分指标未评分或扣分项未填写），等级仍可能变化，见各行“暂定”标注。",
                           "Provisional results: {count} of {total} (manual criteria not yet scored or "
                           "penalty items left blank); their grades may still change, as marked on "
                           "each row."),
    "total_range": ("总分范围", "Total range"),
    # sign-off (issue 18): the cover and the approval block
    "org": ("评估机构", "Assessing body"),
    "doc_no": ("文号", "Document no."),
    "period": ("评估期间", "Assessment period"),
    "assessor": ("评估人", "Assessor"),
    "reviewer": ("审核人", "Reviewer"),
    "approver": ("批准人", "Approver"),
    "signature": ("签字", "Signature"),
    "date": ("日期", "Date"),
    "seal": ("盖章", "Seal"),
    "approval": ("审核与批准", "Review and approval"),
    "contents": ("目录", "Contents"),
    "projects_heading": ("项目评估结果", "Project results"),
    "provisional_note": ("暂定：尚有待评或未填写的指标，总分可在所示范围内变化，等级可能随之改变",
                         "Provisional: criteria are still pending or unanswered; the total may move "
                         "within the range shown and the grade with it"),
    "effective_max_note": ("斜线后为该项目该维度的实际满分：不适用指标的权重按比例分给其余指标",
                           "After the slash: the project's effective maximum of the dimension (the "
                           "weight of criteria not applicable is shared among the others)"),
    "effective_maximum": ("实际满分", "Effective maximum"),
    "sheet_method": ("评估方法", "Method"),
    "method_heading": ("附录：评估方法", "Appendix: method"),
    "criteria_table": ("指标、权重与评分依据", "Criteria, weights and basis"),
    "type": ("类型", "Type"),
    "direction": ("方向", "Direction"),
    "weight": ("权重", "Weight"),
    "role": ("否决/加分/扣分", "Must-pass / bonus / penalty"),
    "basis": ("依据", "Basis"),
    "grade_thresholds": ("等级划分", "Grade thresholds"),
    "min_points": ("最低分", "Minimum points"),
    "missing_rules": ("缺失值、不适用与权重重新分配", "Missing, not applicable and reweighting"),
    "na_maximum": ("含不适用指标时各维度的实际满分", "Each dimension's maximum for a project with n/a"),
    "nominal_maximum": ("名义满分", "Nominal maximum"),
    "all_na_maximum": ("可不适用指标均不适用时", "When every n/a-allowed criterion is n/a"),
    "synergy_definition": ("协同度的定义", "Synergy definition"),
    "robustness_settings": ("稳健性分析设置", "Robustness settings"),
    "setting": ("项目", "Setting"),
    "setting_value": ("取值", "Value"),
}

STATUS_TEXT = {
    "ok": ("有效", "ok"),
    "missing": ("缺失", "missing"),
    "na": ("不适用", "not applicable"),
    "invalid": ("无效", "invalid"),
    "pending": ("待评", "pending"),
    "override": ("人工评分", "override"),
}
KIND_TEXT = {"score": ("计分", "score"), "bonus": ("加分项", "bonus"), "penalty": ("扣分项", "penalty")}
SEVERITY_TEXT = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "info")}
#: What each issue kind is called in Chinese print; English print shows the kind's own key
#: (``not_a_number``), as the README and the JSON output name it.
ISSUE_KIND_ZH = {
    "not_a_number": "不是数字",
    "unknown_choice": "不在可选项中",
    "error_cell": "错误值单元格",
    "formula_without_value": "公式未计算",
    "na_not_allowed": "不允许不适用",
    "zero_baseline": "基准值为 0",
    "missing_required": "缺少必填值",
    "unanswered_penalty": "扣分项未填写",
    "veto": "一票否决",
    "duplicate_code": "编号重复",
    "unknown_code": "未知编号",
    "full_target": "按全部目标评价",
}
#: Why a file was refused, in Chinese: (name, what to do). The details of a refusal are
#: written in English where they are found (the reader's limits, the part of the package); a
#: Chinese reader gets the reason and the action in Chinese before them. English print shows
#: the reason's key and the English message.
REASON_ZH = {
    "unreadable": ("文件无法读取", "请用 Excel 或 WPS 打开该文件，另存为 .xlsx 后重新发送"),
    "encrypted": ("文件设有密码",
                  "请打开文件，清除密码（文件 > 信息 > 保护工作簿 > 用密码进行加密），保存后重新发送"),
    "too_large": ("文件过大或过于复杂", "请把“项目”和“数据”两张表复制到一个新工作簿中再发送"),
    "unsafe_xml": ("内容不安全", "文件含有 DOCTYPE 或实体声明，Excel 从不写入这些内容；"
                   "请用 Excel 或 WPS 另存为新的 .xlsx 后发送"),
    "not_a_submission": ("不是申报表",
                         "请使用为该评估方案生成的申报表（“模板”页 → 生成空白申报表…），或批量申报表"),
    "missing_project_id": ("缺少项目编号", "请在所示单元格填写项目编号后重新导入"),
    "no_matching_template": ("没有对应的评估方案",
                             "请核对申报表中的层级、模板名称和版本，或先添加对应的评估方案"
                             "（“模板”页 → 从 Excel 添加方案…），然后重新导入"),
    "duplicate_project": ("项目重复提交",
                          "同一项目以先读到的一份为准；如这一份才是正确的，请单独再次导入，"
                          "它将成为该项目的新版本"),
}
#: What the sender or the person importing does about each refusal, in English (the Chinese is
#: REASON_ZH's second part); the import report's "What to do" column.
REASON_ACTION_EN = {
    "unreadable": "Open the file in Excel or WPS, save it as .xlsx and import it again",
    "encrypted": "Open the file, remove its password (File > Info > Protect Workbook > Encrypt with "
                 "Password), save it and import it again",
    "too_large": "Copy the Project and Data sheets into a new workbook and import that",
    "unsafe_xml": "Save the file again from Excel or WPS as a new .xlsx and import that",
    "not_a_submission": "Use the form generated for the scheme (Templates → Generate blank form…) or a "
                        "Batch sheet",
    "missing_project_id": "Fill in the project ID in the cell shown and import the file again",
    "no_matching_template": "Check the level, template name and version in the Project sheet, or add the "
                            "scheme first (Templates → Add scheme from Excel…), then import the file again",
    "duplicate_project": "The file read first is kept; if this one is the right one, import it again on "
                         "its own: it becomes the project's next version",
}
#: The Chinese gloss of each key of a template's Scheme sheet, shown beside the key (which the
#: sheet holds in English) in a template problem: ``level（层级）``.
SCHEME_KEY_ZH = {
    "name": "名称",
    "name_zh": "中文名称",
    "level": "层级",
    "version": "版本",
    "total_points": "总分",
    "missing": "缺失值处理",
    "synergy_alpha": "协同系数",
    "baseline_year": "基准年",
    "target_year": "目标年",
}
LEVEL_TEXT = {
    "region": ("区域", "region"),
    "city": ("城市", "city"),
    "park": ("产业园区", "park"),
    "enterprise": ("企业", "enterprise"),
}

#: Grade colours from best to worst band: dark green, sky blue, pale yellow, vermillion. Hues
#: a colour-blind reader tells apart, and lightnesses far apart so that a greyscale print does
#: too: their luma (0.299 R + 0.587 G + 0.114 B) is 59, 159, 216 and 106, at least 47 steps
#: apart, and still 28 apart in the tints (GRADE_TINT) that fill table cells. The Okabe–Ito
#: colours used before printed 优秀 and 不合格 at 106 and 119, 良好 and 合格 at 158 and 162.
GRADE_PALETTE = ("#00593C", "#5AB4E5", "#F5DC7A", "#D04A02")
#: How much white a table cell's grade fill is mixed with (the cell's text stays black).
GRADE_TINT = 0.4
#: Least luma difference between any two grades, in colours and in tints (tests check it).
MIN_GREY_STEP = 25
VETO_COLOUR = "#B00020"


def luma(colour: str) -> float:
    """Grey level (0–255) a ``#rrggbb`` colour prints as (ITU-R BT.601, as PIL's "L" mode)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def text_colour_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    return "#000000" if luma(colour) >= 128 else "#FFFFFF"


def normalise_lang(lang: str | None) -> str:
    """``"zh"`` for any Chinese locale name (zh, zh_CN, zh-Hans), else ``"en"``."""
    return "zh" if (lang or "").lower().replace("-", "_").startswith("zh") else "en"


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if normalise_lang(lang) == "zh" else pair[1]


def phrase(table: dict[str, tuple[str, str]], key: str, lang: str, **values) -> str:
    """The text of ``key`` in one of this catalogue's tables, in ``lang``, its {fields} filled."""
    chosen = _pick(table[key], lang)
    return chosen.format(**values) if values else chosen


def text_in(pair: tuple[str, str], lang: str) -> str:
    """The Chinese or English text of a (zh, en) pair of this catalogue."""
    return _pick(pair, lang)


def text(key: str, lang: str) -> str:
    """A fixed label in the given language."""
    return _pick(TEXT[key], lang)


class WithDimensionsZh(Protocol):
    """What names a tracked scheme's dimensions in Chinese (a SchemeTracking)."""

    @property
    def dimensions_zh(self) -> Mapping[str, str]: ...


def measure_label(measure: str, lang: str, tracking: WithDimensionsZh | None = None) -> str:
    """What a trend chart's measure is called: total, synergy D, or the dimension's name (in
    Chinese from ``tracking``'s dimension names)."""
    fixed = {"total": text("total", lang), "D": text("synergy_d", lang)}
    if measure in fixed:
        return fixed[measure]
    if tracking is not None and normalise_lang(lang) == "zh":
        return tracking.dimensions_zh.get(measure, measure)
    return measure


@dataclass(frozen=True)
class Said:
    """A message for a person in English and Chinese (see :func:`said`).

    ``str()`` gives the English, so logs and code that only knows one language keep working;
    what a person reads takes :meth:`text` in their language.
    """

    en: str
    zh: str

    def text(self, lang: str | None) -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        return self.zh if normalise_lang(lang) == "zh" else self.en

    def __str__(self) -> str:
        return self.en

    def __bool__(self) -> bool:
        return bool(self.en)


def said(key: str, **fields: object) -> Said:
    """The catalogue's message ``key`` in both languages, with ``fields`` filled in.

    A field that is itself a :class:`Said` gives each language its own words; any other value
    is the same in both (names, codes, numbers).

    Examples
    --------
    >>> said("ws_closed", name="li.spw").zh
    'li.spw：工作区已关闭'
    """
    zh, en = TEXT[key]
    return Said(en.format(**_in_language(fields, "en")), zh.format(**_in_language(fields, "zh")))


def both(text: str | Said) -> Said:
    """``text`` as a :class:`Said`: a plain string (a system's own words) is the same in both."""
    return text if isinstance(text, Said) else Said(str(text), str(text))


def counted(n: int, noun: str) -> Said:
    """``1 project`` / ``2 projects`` (``2 个项目``): the catalogue's ``count1_<noun>`` for one,
    ``count_<noun>`` for any other number, with ``{n}`` filled in."""
    return said(f"count1_{noun}" if n == 1 else f"count_{noun}", n=n)


def joined(parts: list[Said], en: str = ", ", zh: str = "，") -> Said:
    """Several messages as one list, each language with its own separator."""
    return Said(en.join(p.en for p in parts), zh.join(p.zh for p in parts))


def _in_language(fields: dict[str, object], lang: str) -> dict[str, object]:
    return {k: v.text(lang) if isinstance(v, Said) else v for k, v in fields.items()}


def value_label(criterion: Criterion, value: object, lang: str) -> str:
    """A submitted value as shown: a yes/no answer as 是/否 (yes/no) whatever word the form
    used, a number without trailing zeros, a choice as the template's label."""
    if value is None or value == "":
        return ""
    if criterion.type == "yesno":
        token = normalise_text(str(value)).casefold()
        if token in YES_TOKENS:
            return text("answer_yes", lang)
        if token in NO_TOKENS:
            return text("answer_no", lang)
    if criterion.type == "choice":
        index = criterion.choice_index(str(value))
        if index is not None:
            return choice_labels(criterion, lang)[index]
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


#: The fields a resubmission's change names (scoring.workspace.records.Change.field): a
#: criterion's parts and the Project sheet's fields, under the form's own Chinese labels.
CHANGE_FIELD_TEXT: dict[str, tuple[str, str]] = {
    "current": ("现状值", "current"),
    "baseline": ("基准值", "baseline"),
    "evidence": ("佐证材料", "evidence"),
    "project_id": ("项目编号", "project_id"),
    "name": ("项目名称", "name"),
    "level": ("层级", "level"),
    "template": ("模板", "template"),
    "template_version": ("模板版本", "template_version"),
    "region": ("地区", "region"),
    "organisation": ("单位", "organisation"),
    "year": ("年份", "year"),
    "contact": ("联系人", "contact"),
}


def change_field_label(field: str, lang: str) -> str:
    """The name of a changed field in ``lang`` (the field's key when it is not known)."""
    return _pick(CHANGE_FIELD_TEXT[field], lang) if field in CHANGE_FIELD_TEXT else field


def changed_value_text(value: object, lang: str, criterion: Criterion | None = None) -> str:
    """An old or new value of a change: ``(blank)``/（空） for nothing, 是/否 for a yes/no answer."""
    if value is None or value == "":
        return text("blank_value", lang)
    if criterion is not None:
        return value_label(criterion, value, lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def change_text(change, lang: str, criterion: Criterion | None = None) -> str:
    """One difference of a resubmission as a line, e.g. ``C01 current: 12.5 → 14`` in English
    and ``C01 现状值：12.5 → 14`` in Chinese.

    Parameters
    ----------
    change : scoring.workspace.records.Change
    lang : {"zh", "en"}
    criterion : Criterion, optional
        The changed criterion, for showing its yes/no answers as 是/否 (yes/no).
    """
    field = change_field_label(change.field, lang)
    what = f"{change.code} {field}" if change.code else field
    old, new = (changed_value_text(v, lang, criterion) for v in (change.old, change.new))
    if old == new:  # 'yes' → '是' both read 是: show what was typed, quoted, so the change is seen
        old, new = (f"“{changed_value_text(v, lang)}”" for v in (change.old, change.new))
    return f"{what}{text('colon', lang)}{old} → {new}"


#: The audit log's sentences, rendered from each entry's fields (action, project, criterion,
#: who, and its details) in the language asked for; the stored English summary is the fallback
#: for an entry whose details lack a field (written by an older version).
AUDIT_TEXT: dict[str, tuple[str, str]] = {
    "manual_score": ("{project} 的 {code} 现场评分 {fraction}（{actor}）——{reason}",
                     "on-site score of {code} for {project}: {fraction} by {actor} — {reason}"),
    "override": ("{project} 的 {code} 调整为得分率 {fraction}（{actor}）——{reason}",
                 "{code} for {project} overridden: {fraction} by {actor} — {reason}"),
    "withdrawal": ("{author} 对 {project} 的 {code} 评分 {fraction} 已由 {actor} 撤回——{reason}",
                   "{author}'s score {fraction} of {code} for {project} withdrawn by {actor} — {reason}"),
    "import": ("项目 {project} 由 {file} 导入，评估轮次 {round}",
               "project {project} imported from {file} into round {round}"),
    "resubmission": ("项目 {project} 重新报送（{file}）：评估轮次 {round} 第 {version} 版，{changes} 处变化",
                     "project {project} resubmitted in {file}: version {version} of round {round}, "
                     "{changes} changes"),
    "template_added": ("添加模板 {file}：{scheme}", "template {file} added: {scheme}"),
    "round_added": ("添加评估轮次 {round}（{year}）", "assessment round {round} ({year}) added"),
    "workspace_created": ("创建工作区", "workspace created"),
    "migration": ("工作区格式由 {from} 升级到 {to}", "workspace upgraded from format {from} to {to}"),
    "consensus": ("{project} 的 {code} 共识得分率 {fraction}（{actor}）——{reason}",
                  "consensus on {code} for {project}: {fraction} by {actor} — {reason}"),
    "consensus_withdrawn": ("{project} 的 {code} 共识已由 {actor} 撤回——{reason}",
                            "consensus on {code} for {project} withdrawn by {actor} — {reason}"),
    "evidence_note": ("{actor} 对 {project} 的 {code} 的备注：{text}",
                      "note on {code} for {project} by {actor}: {text}"),
    "rescore": ("{projects} 个项目已重新评分", "{projects} projects scored"),
    "merge": ("合并入工作区 {source}", "merged workspace {source}"),
}


#: The audit log's actions as people read them (the GUI's Action column and the export).
AUDIT_ACTION_TEXT: dict[str, tuple[str, str]] = {
    "workspace_created": ("创建工作区", "Workspace created"),
    "migration": ("升级工作区", "Workspace upgraded"),
    "template_added": ("添加方案", "Scheme added"),
    "round_added": ("添加评估轮次", "Round added"),
    "import": ("已导入", "Imported"),
    "resubmission": ("重新报送", "Resubmitted"),
    "manual_score": ("已评分", "Scored"),
    "override": ("已调整", "Overridden"),
    "withdrawal": ("已撤回", "Withdrawn"),
    "evidence_note": ("佐证备注", "Evidence note"),
    "rescore": ("重新评分", "Rescored"),
    "consensus": ("共识", "Consensus"),
    "consensus_withdrawn": ("撤回共识", "Consensus withdrawn"),
    "reconcile_setting": ("更改中位数或平均值", "Median or mean changed"),
    "merge": ("合并工作区", "Workspace merged"),
}

#: The exported audit workbook's column headings (scoring/reports/audit_workbook.py).
AUDIT_COLUMNS_TEXT = (
    ("序号", "No."), ("时间（UTC）", "Time (UTC)"), ("操作人", "Actor"), ("操作", "Action"),
    ("方案", "Scheme"), ("项目", "Project"), ("指标", "Criterion"), ("内容", "What happened"),
    ("详细信息（JSON）", "Details (JSON)"), ("来源工作区", "From workspace"),
)


def audit_action_label(action: str, lang: str) -> str:
    """An audit action's name in ``lang`` (the code itself when unknown)."""
    return _pick(AUDIT_ACTION_TEXT[action], lang) if action in AUDIT_ACTION_TEXT else action


def audit_summary(entry, lang: str) -> str:
    """One audit entry as a sentence in ``lang``, from its fields (the stored summary when a
    field is missing); free text passes through clean_text."""
    pattern = AUDIT_TEXT.get(entry.action)
    if pattern is None:
        return clean_text(entry.summary)
    detail = entry.detail or {}
    fields = {key: _audit_field(value) for key, value in detail.items()}
    fields.update(project=entry.project_id, code=entry.code, actor=entry.actor, scheme=entry.scheme)
    if normalise_lang(lang) == "zh" and detail.get("scheme_zh"):
        fields["scheme"] = str(detail["scheme_zh"])
    if isinstance(detail.get("changes"), list):
        fields["changes"] = str(len(detail["changes"]))
    if entry.action == "merge" and detail.get("sources"):
        fields["source"] = ", ".join(_file_name(s.get("source", "")) for s in detail["sources"])
    if "file" in fields:
        fields["file"] = _file_name(fields["file"])
    if fields.get("year") in ("", "None"):
        fields["year"] = text("no_value", lang)
    try:
        return clean_text(_pick(pattern, lang).format(**fields))
    except (KeyError, IndexError, ValueError):
        return clean_text(entry.summary)


def _audit_field(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def _file_name(path: str) -> str:
    """A stored file path as its name (either kind of slash)."""
    return str(path).replace("\\", "/").rsplit("/", 1)[-1]


def status_label(status: str, lang: str) -> str:
    return _pick(STATUS_TEXT.get(status, (status, status)), lang)


def kind_label(kind: str, lang: str) -> str:
    return _pick(KIND_TEXT.get(kind, (kind, kind)), lang)


def severity_label(severity: str, lang: str) -> str:
    return _pick(SEVERITY_TEXT.get(severity, (severity, severity)), lang)


def issue_kind_label(kind: str, lang: str) -> str:
    return ISSUE_KIND_ZH.get(kind, kind) if normalise_lang(lang) == "zh" else kind


def issue_text(issue, lang: str) -> str:
    """An issue's message in ``lang`` (English where no Chinese was written)."""
    return issue.text(normalise_lang(lang))


def reason_label(reason: str, lang: str) -> str:
    return REASON_ZH.get(reason, (reason, ""))[0] if normalise_lang(lang) == "zh" else reason


def rejection_action(reason: str, lang: str) -> str:
    """What to do about a refusal for ``reason``, in ``lang`` ("" for an unknown reason)."""
    if normalise_lang(lang) == "zh":
        return REASON_ZH.get(reason, ("", ""))[1]
    return REASON_ACTION_EN.get(reason, "")


def rejection_text(rejection, lang: str) -> str:
    """Why a file was refused and what to do, in ``lang``.

    In Chinese: the refusal's own Chinese message; a refusal without one (stored by an older
    version) gets the action for its reason, then its English details.
    """
    if normalise_lang(lang) != "zh" or rejection.message_zh:
        return rejection.text(normalise_lang(lang))
    action = rejection_action(rejection.reason, "zh")
    return f"{action}。详情：{rejection.message}" if action else rejection.message


def level_label(level: str, lang: str) -> str:
    return _pick(LEVEL_TEXT.get(level, (level, level)), lang)


#: The default grades' names (scoring/core/model.DEFAULT_GRADES); a template's own grades print
#: as written.
GRADE_TEXT = {
    "Excellent": ("优秀", "Excellent"),
    "Good": ("良好", "Good"),
    "Pass": ("合格", "Pass"),
    "Fail": ("不合格", "Fail"),
}


def grade_label(grade: str, lang: str) -> str:
    """A grade's name; the default grades have Chinese names, custom ones print as written."""
    return _pick(GRADE_TEXT[grade], lang) if grade in GRADE_TEXT else grade


def provisional_mark(project: ProjectResult, lang: str) -> str:
    """"provisional: N pending, grade could be X–Y" for a provisional result, "" for a final one."""
    if not project.provisional:
        return ""
    return provisional_words(project.pending, project.grade_span, lang)


def provisional_words(pending: int, grade_range: tuple[str, str], lang: str) -> str:
    """:func:`provisional_mark` from the number pending and the (lowest, highest) grade names."""
    if not pending:
        return ""
    low, high = (grade_label(g, lang) for g in grade_range)
    if low == high:
        return text("provisional_mark_one_grade", lang).format(n=pending, grade=low)
    return text("provisional_mark", lang).format(n=pending, low=low, high=high)


def provisional_banner(projects, lang: str) -> str:
    """The banner over a ranking when any result is provisional, else ""."""
    projects = list(projects)
    count = sum(1 for p in projects if p.provisional)
    return text("provisional_banner", lang).format(count=count, total=len(projects)) if count else ""


#: Coupling-coordination classes 1..10 of D (docs/method.md, "Synergy"; Tian et al. 2021).
SYNERGY_CLASS_TEXT = (
    ("极度失调", "extreme imbalance"),
    ("严重失调", "serious imbalance"),
    ("中度失调", "moderate imbalance"),
    ("轻度失调", "mild imbalance"),
    ("濒临失调", "on the verge of imbalance"),
    ("勉强协调", "barely coordinated"),
    ("初级协调", "primary coordination"),
    ("中级协调", "intermediate coordination"),
    ("良好协调", "good coordination"),
    ("优质协调", "quality coordination"),
)


def synergy_class_label(klass: int | None, lang: str) -> str:
    """Name of a coupling-coordination class 1..10; "" for none or a class out of range."""
    if not klass or not 1 <= int(klass) <= len(SYNERGY_CLASS_TEXT):
        return ""
    return _pick(SYNERGY_CLASS_TEXT[int(klass) - 1], lang)


class NamedScheme(Protocol):
    """What :func:`scheme_label` reads: a Scheme, or a summary of one naming it the same way."""

    @property
    def name(self) -> str: ...

    @property
    def name_zh(self) -> str: ...


#: China's province-level divisions (provinces, autonomous regions, municipalities, SARs and
#: Taiwan), full names, for grouping regions such as 江苏省苏州市 by province.
PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省",
    "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
    "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区",
    "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区",
    "澳门特别行政区",
)
#: Each province's short name (江苏, 内蒙古, 广西 …), as a region may begin with it instead.
_PROVINCE_SHORT = {
    re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", name): name
    for name in PROVINCES
}


def provinces_of(region: str) -> tuple[str, ...]:
    """The provinces a region's text names, in its order: 江苏省苏州市 → (江苏省,);
    上海市、江苏省、浙江省 → all three; a region naming none → ().

    Each part of the text (split at 、，,;；/) is looked at from its start, by full or short name.
    """
    found: list[str] = []
    for part in re.split(r"[、，,;；/]", normalise_text(region)):
        part = part.strip()
        name = next((p for p in PROVINCES if part.startswith(p)), None) or next(
            (full for short, full in _PROVINCE_SHORT.items() if part.startswith(short)), None)
        if name and name not in found:
            found.append(name)
    return tuple(found)


def scheme_label(scheme: NamedScheme, lang: str) -> str:
    """A scheme's name as shown to people: in Chinese when the template gives ``name_zh``.

    The one place every view, chart, workbook and PDF takes a scheme's displayed name from;
    ``scheme.name`` stays the scheme's identity (forms, workspaces, ``--scheme``).
    """
    if normalise_lang(lang) == "zh" and scheme.name_zh:
        return scheme.name_zh
    return scheme.name


def dimension_label(scheme: Scheme, dimension: str, lang: str) -> str:
    """A dimension's name, in Chinese when the template gives ``dimension_zh``."""
    if normalise_lang(lang) == "zh":
        for c in scheme.criteria:
            if c.dimension == dimension and c.dimension_zh:
                return c.dimension_zh
    return dimension


def indicator_label(criterion: Criterion, lang: str) -> str:
    """An indicator's name, in Chinese when the template gives ``indicator_zh``."""
    if normalise_lang(lang) == "zh" and criterion.indicator_zh:
        return criterion.indicator_zh
    return criterion.indicator


#: Units as the shipped templates write them, and as Chinese documents print them. A unit not
#: listed (a user's template) is shown as written in both languages.
UNIT_TEXT: dict[str, tuple[str, str]] = {
    "yes/no": ("是/否", "yes/no"),
    "grade": ("等级", "grade"),
    "t": ("吨", "t"),
    "t/10k CNY": ("吨/万元", "t/10k CNY"),
    "tce/10k CNY": ("吨标准煤/万元", "tce/10k CNY"),
    "10k m³": ("万立方米", "10k m³"),
    "µg/m³": ("微克/立方米", "µg/m³"),
}


def unit_label(unit: str, lang: str) -> str:
    """A criterion's unit in ``lang`` (UNIT_TEXT), the template's own text when not listed."""
    return _pick(UNIT_TEXT[unit], lang) if unit in UNIT_TEXT else unit


def guidance_label(criterion: Criterion, lang: str) -> str:
    """A criterion's guidance, in Chinese when the template gives ``guidance_zh`` (and in
    whichever language it has when it gives only one)."""
    if normalise_lang(lang) == "zh":
        return criterion.guidance_zh or criterion.guidance
    return criterion.guidance or criterion.guidance_zh


def choice_labels(criterion: Criterion, lang: str) -> list[str]:
    """A choice criterion's labels in ``lang``: the template's Chinese labels (``choices_zh``)
    in Chinese where it gives them, else its labels as written."""
    if normalise_lang(lang) == "zh" and len(criterion.choices_zh) == len(criterion.choices):
        return list(criterion.choices_zh)
    return [label for label, _ in criterion.choices]


def basis_label(criterion: Criterion, lang: str) -> str:
    """Where a criterion's bounds come from, in Chinese when the template gives ``basis_zh``
    (and in whichever language it has when it gives only one)."""
    if normalise_lang(lang) == "zh":
        return criterion.basis_zh or criterion.basis
    return criterion.basis or criterion.basis_zh


def grade_colours(scheme: Scheme) -> dict[str, str]:
    """Hex colour of each grade, best band first; the lowest band always gets the last colour.

    Schemes with more than four bands reuse the middle colours, so the best stays green and
    the failing band stays vermillion.
    """
    grades = scheme.grades_descending
    colours = {}
    for i, grade in enumerate(grades):
        if i == len(grades) - 1:
            colours[grade.name] = GRADE_PALETTE[-1]
        else:
            colours[grade.name] = GRADE_PALETTE[min(i, len(GRADE_PALETTE) - 2)]
    return colours


def grade_fill(scheme: Scheme, grade: str) -> str | None:
    """The tinted fill of a table cell showing ``grade`` (None for a grade the scheme lacks)."""
    colour = grade_colours(scheme).get(grade)
    return tint(colour, GRADE_TINT) if colour else None


def shown_total(scheme: Scheme, value: float, digits: int = 2) -> float:
    """``value`` rounded for display, never up onto a grade threshold it is below.

    59.995 rounds to 60.00, which would print a failing total as the pass mark; it is shown as
    59.99 instead (59.9 with one digit). Every printed total and bar label goes through here.
    """
    shown = round(float(value), digits)
    step = 10.0 ** -digits
    for grade in scheme.grades:
        if value < grade.min_points <= shown:
            shown = min(shown, round(math.floor(grade.min_points / step - 1e-9) * step, digits))
    return shown + 0.0


def total_text(scheme: Scheme, value: float, digits: int = 2) -> str:
    """A total as printed: ``shown_total`` with its digits (no "-0.00")."""
    return f"{shown_total(scheme, value, digits):.{digits}f}"


def total_range_text(scheme: Scheme, project: ProjectResult) -> str:
    """"61.20–80.50" for a provisional project whose total can still move; "" otherwise."""
    low, high = getattr(project, "total_min", None), getattr(project, "total_max", None)
    if not is_provisional(project) or low is None or high is None or abs(high - low) < 0.005:
        return ""
    return f"{total_text(scheme, low)}–{total_text(scheme, high)}"


def grade_may_change(project: ProjectResult) -> bool:
    """Whether the pending criteria could still move the grade (its range spans two grades)."""
    low, high = getattr(project, "grade_range", None) or (project.grade, project.grade)
    return is_provisional(project) and low != high


def is_provisional(project: ProjectResult) -> bool:
    """Whether criteria are still waiting, so the total may change (docs/method.md)."""
    return bool(getattr(project, "pending", 0))


def tint(colour: str, amount: float) -> str:
    """Mix a ``#rrggbb`` colour with white; ``amount`` 0 keeps it, 1 gives white."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


# --------------------------------------------------------------------------- tables of outputs
# Each output's own words, here so that every word the app shows has one place and one order,
# (Chinese, English).

#: The ranked workbook's Robustness sheet (scoring/reports/robustness_export.py).
ROBUSTNESS_SHEET_TEXT = {
    "sheet": ("稳健性", "Robustness"),
    "title": ("排名稳健性：随机权重下的名次区间、分界线稳定性与熵权TOPSIS交叉检验",
              "Robustness of the ranking: rank ranges under random weights, cut-off stability, "
              "entropy-TOPSIS cross-check"),
    "rank": ("名次", "Rank"),
    "id": ("项目编号", "Project ID"),
    "name": ("项目名称", "Name"),
    "median": ("名次中位数", "Median rank"),
    "p5": ("名次5%分位", "Rank 5th pct"),
    "p95": ("名次95%分位", "Rank 95th pct"),
    "top_k": ("进入前{k}名的概率", "P(top {k})"),
    "keep": ("保持现有等级的概率", "P(keeps its grade)"),
    "grade": ("达到{grade}及以上的概率", "P({grade} or better)"),
    "topsis_rank": ("TOPSIS名次", "TOPSIS rank"),
    "closeness": ("TOPSIS贴近度", "TOPSIS closeness"),
    "code": ("指标编号", "Code"),
    "indicator": ("指标", "Indicator"),
    "weight": ("模板权重", "Template weight"),
    "entropy": ("熵权", "Entropy weight"),
    "down": ("越线所需最小降幅", "Smallest decrease that crosses"),
    "up": ("越线所需最小增幅", "Smallest increase that crosses"),
    "who": ("越线项目", "Projects crossing"),
    "none": ("±{max}内无", "none within ±{max}"),
    "settings": ("设置：{draws}组权重，{method}，幅度±{spread}，随机种子{seed}",
                 "Settings: {draws} weightings, {method}, spread ±{spread}, seed {seed}"),
    "uniform": ("均匀随机系数", "uniform factors"),
    "dirichlet": ("狄利克雷分布", "Dirichlet"),
}

#: The ranked workbook's Disagreements sheet (scoring/reports/reconcile_export.py).
DISAGREEMENT_SHEET_TEXT = {
    "sheet": ("意见分歧", "Disagreements"),
    "title": ("多位核查人评分的指标：极差、意见分歧与采用的分值",
              "Criteria scored by several inspectors: spread, disagreement and the score used"),
    "n": ("核查人数", "Inspectors"),
    "spread": ("极差", "Spread"),
    "disagreement": ("意见分歧", "Disagreement"),
    "used": ("采用分值", "Score used"),
    "basis": ("依据", "Basis"),
    "consensus": ("共识分值", "Consensus"),
    "by": ("共识记录人", "Consensus by"),
    "reason": ("共识理由", "Consensus reason"),
}

#: The method appendix's tables (scoring/reports/method_appendix.py): the robustness settings,
#: each criterion's type and direction.
METHOD_SETTING_TEXT = {
    "draws": ("随机权重组数", "Random weightings (draws)"),
    "spread": ("权重扰动幅度", "Weight spread"),
    "method": ("抽样方法", "Sampling method"),
    "seed": ("随机种子", "Random seed"),
    "top_k": ("前 k 名界线", "Top-k cut-off"),
    "cutoff_grade": ("等级界线", "Grade cut-off"),
}
CRITERION_TYPE_TEXT = {
    "value": ("数值", "value"),
    "change": ("变化率", "change"),
    "yesno": ("是/否", "yes/no"),
    "choice": ("选项", "choice"),
    "manual": ("人工评分", "manual"),
}
DIRECTION_TEXT = {"higher": ("越高越好", "higher is better"), "lower": ("越低越好", "lower is better")}

#: Why an output file could not be written, by errno name, and what to do (scoring/io/atomic.py).
WRITE_FAILURE_TEXT = {
    "ENOSPC": ("磁盘已满；请腾出空间后重试", "the disk is full; free some space and try again"),
    "EFBIG": (
        "文件过大（超出该磁盘或系统允许的大小）；请写到其他磁盘",
        "file too large (beyond what this disk or system allows); write it to another disk",
    ),
    "EPIPE": (
        "管道已断开（读取输出的程序已停止）",
        "broken pipe (the program reading the output stopped)",
    ),
    "EACCES": (
        "没有写入权限；请选择可写入的文件夹，或先在 Excel/WPS 中关闭该文件",
        "permission denied; choose a folder you can write to, or close the file in Excel or WPS",
    ),
    "EROFS": ("磁盘为只读；请另选位置", "the disk is read-only; choose another place"),
    "EDQUOT": ("磁盘配额已用完；请腾出空间后重试",
               "the disk quota is used up; free some space and try again"),
}

#: The rank-range chart (scoring/reports/charts/robustness.py).
RANK_RANGE_CHART_TEXT = {
    "title": ("排名区间（随机权重）", "Rank range under random weights"),
    "xlabel": ("名次（点：中位数；线：5%–95%分位）", "Rank (dot: median; bar: 5th–95th percentile)"),
    "cutoff": ("前{k}名分界线", "top-{k} cut-off"),
    "safe": ("始终在前{k}名", "always in the top {k}"),
    "border": ("临界", "borderline"),
    "outside": ("始终在前{k}名之外", "never in the top {k}"),
    "vetoed": ("一票否决", "vetoed"),
    "empty": ("没有可显示的项目", "No projects to show"),
}

#: Why weights tried in the Weights tab cannot be used or kept (scoring/analysis/weights.py).
WEIGHTS_TEXT = {
    "count": ("需要 {need} 个权重（每项指标一个），实际为 {got} 个",
              "{need} weights are needed, one per criterion; got {got}"),
    "unusable": ("权重应为不小于 0 的有限数值：{codes}",
                 "weights must be finite numbers of 0 or more: {codes}"),
    "same_version": ("请为新版本填写不同于 {version} 的版本号",
                     "give the new version a name other than {version}"),
    "no_reason": ("请说明修改权重的理由：理由将记录在模板中",
                  "say why the weights change: the reason is recorded in the template"),
    "zero_score": ("计分指标的权重合计为 0，模板不允许",
                   "the weights of the score criteria add up to 0, which a template may not have"),
}

#: The generated guidance of a form's input cell (scoring/io/form.py).
FORM_KIND_TAGS = {
    "bonus": ("加分项，加{w:g}分", "Bonus item, +{w:g} points"),
    "penalty": ("扣分项，扣{w:g}分", "Penalty item, −{w:g} points"),
}
FORM_ENTRY_HINTS = {
    "value": ("填写数值。", "Enter a number."),
    "change": ("填写基准年数值和现状值。", "Enter the baseline-year value and the current value."),
    "yesno": ("选择“是”或“否”。", "Choose yes or no."),
    "choice": ("从以下选项中选择：{choices}。", "Choose one of: {choices}."),
    "manual": ("由核查人员现场评分，无需填写。", "Scored on site by the inspector; leave blank."),
}

"""The words of a workspace: what a person is told when a workspace cannot be opened, changed or
merged, the damaged rows its check finds, a resubmission's changed fields and the audit
log's sentences, actions and exported columns.
"""

from __future__ import annotations

from scoring.core.catalogue.files import DATA_COLUMN_ZH, PROJECT_FIELD_ZH

#: What a person is told about a workspace: (Chinese, English), built by presentation.said.
WORKSPACE_TEXT: dict[str, tuple[str, str]] = {
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
    # an import that makes no new version (scoring/workspace/imports.py): why, in one sentence
    "ws_identical_file": (
        "{file}：与 {known}（导入于 {at}）内容完全相同，未作任何更改",
        "{file}: identical to {known}, imported {at}; nothing changed",
    ),
    "ws_project_unchanged": ("{file}：项目 {project} {why}，未作任何更改",
                             "{file}: project {project} {why}; nothing changed"),
    "ws_same_values": ("与其第 {version} 版的填报值相同", "has the same values as its version {version}"),
    "ws_retyped": (
        "与其第 {version} 版的填报值相同，只是 {cells} 的写法不同（如“是”与“yes”、50.0 与 50、多余空格）；"
        "已导入为第 {version} 版",
        "has the same values as its version {version}, only typed differently in {cells} (e.g. 是 for yes, "
        "50.0 for 50, spaces); already imported as version {version}",
    ),
    "ws_from_this_file": ("已从此文件导入为第 {version} 版",
                          "was already imported from this file as version {version}"),
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
}

#: The fields a resubmission's change names (scoring.workspace.records.Change.field): a
#: criterion's parts and the Project sheet's fields, under the form's own Chinese labels (in
#: English, the field's key).
CHANGE_FIELD_TEXT: dict[str, tuple[str, str]] = {
    **{key: (DATA_COLUMN_ZH[key], key) for key in ("current", "baseline", "evidence")},
    **{key: (zh, key) for key, zh in PROJECT_FIELD_ZH.items()},
}

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

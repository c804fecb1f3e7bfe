"""What the command line says: its refusals of what was typed (exit 2) and other failures, its
summaries on success with the counted nouns they use (``count1_<noun>``/``count_<noun>``), and
the selftest's checks. One table (about 370 lines) because the commands share its words.
"""

from __future__ import annotations

#: What the command line says: (Chinese, English), built by presentation.said.
CLI_MESSAGE_TEXT: dict[str, tuple[str, str]] = {
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
    # make templates (scoring/build/templates.py): the shipped templates rebuilt from their sources
    "tb_description": ("按 templates/source/*.toml 重新生成随附的模板工作簿，并用模板读取程序检查",
                       "rebuild the shipped template workbooks from templates/source/*.toml and check them "
                       "with the template reader"),
    "tb_built": ("{path}：{scheme} {version}，{criteria}", "{path}: {scheme} {version}, {criteria}"),
    "tb_warning": ("{file}：{message}", "{file}: {message}"),
    "tb_not_toml": ("{name}：不是有效的 TOML（{detail}）；请按所示行列改正",
                    "{name}: not valid TOML ({detail}); correct it at the line and column shown"),
    "tb_unknown_sections": ("{name}：未知的节 {sections}；只能有 [scheme]、[[criteria]] 和 [[grades]]",
                            "{name}: unknown sections {sections}; only [scheme], [[criteria]] and [[grades]] "
                            "are read"),
    "tb_needs_sections": ("{name}：需要一个 [scheme] 表和若干 [[criteria]] 条目",
                          "{name}: needs a [scheme] table and [[criteria]] entries"),
    "tb_in_scheme": ("{name} 的 [scheme]", "{name} [scheme]"),
    "tb_in_criterion": ("{name} 第 {index} 项指标", "{name} criterion {index}"),
    "tb_in_grade": ("{name} 第 {index} 个等级", "{name} grade {index}"),
    "tb_unknown_keys": ("{where}：未知的键 {keys}；请检查拼写",
                        "{where}: unknown keys {keys}; check their spelling"),
    # make method-report (scoring/cli/method_report.py): the synergy index on the demo
    "mr_title": ("示例数据上的协同指数，随附方案（{versions}）；见 docs/method.md“协同指数”一节",
                 "Synergy index on the demo, shipped schemes ({versions}); docs/method.md, \"Synergy\""),
    "mr_level": ("层级", "level"),
    "mr_projects": ("项目数", "projects"),
    "mr_with_d": ("有 D", "with D"),
    "mr_c_min": ("C 最小", "C min"),
    "mr_c_max": ("C 最大", "C max"),
    "mr_c_spread": ("C 极差", "C spread"),
    "mr_correlation": ("D 与总分相关", "corr(D,total)"),
    "mr_failing_coordinated": ("不合格中协调", "fail, coordinated"),
    "mr_all": ("全部", "all"),
    "mr_of": ("{whole} 个中 {part} 个", "{part} of {whole}"),
    "mr_spread_verdict": ("C 极差 {value}（目标 ≥ {target}）：{met}",
                          "C spread {value} (target ≥ {target}): {met}"),
    "mr_correlation_verdict": ("D 与总分的相关系数 {value}（目标 ≤ {target}）：{met}",
                               "corr(D, total) {value} (target ≤ {target}): {met}"),
    "mr_met": ("达到", "met"),
    "mr_not_met": ("未达到", "NOT met"),
}

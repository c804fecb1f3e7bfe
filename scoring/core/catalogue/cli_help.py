"""The command line's help: the description, the epilog and the help of each command and option
(scoring/cli/parsers.py reads them as ``cli_h_<command>`` and ``cli_h_<command>_<option>``).
"""

from __future__ import annotations

#: The command line's help: (Chinese, English).
CLI_HELP_TEXT: dict[str, tuple[str, str]] = {
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
    "cli_h_method_report": ("在示例数据上用随附方案评分，输出协同指数的耦合度 C 的分布及 D 与总分的相关系数",
                            "score the demo with the shipped schemes and print how far the coupling degree "
                            "C spreads and how closely D follows the total"),
}

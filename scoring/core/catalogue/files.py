"""The words of files read and written: a template refused (every problem by sheet and cell), a
submission refused at import and what to do about it, the Scheme sheet's keys glossed in
Chinese, a blank form's cell guidance and an output file that could not be written.
"""

from __future__ import annotations

#: A template's problems: (Chinese, English), built by presentation.said.
TEMPLATE_TEXT: dict[str, tuple[str, str]] = {
    # a template refused (scoring/io/template.py): every problem in both languages, located by
    # sheet and cell (tp_at_*), naming the field (tp_field) and saying what to do
    "tp_invalid": ("{source}：模板无效（{problems}）：\n{lines}",
                   "{source}: the template is not valid ({problems}):\n{lines}"),
    "tp_invalid_several": ("{source}：{templates} 个模板无效（共 {problems}）：\n{lines}",
                           "{source}: {templates} templates are not valid ({problems}):\n{lines}"),
    "count1_template_problem": ("{n} 处问题", "{n} problem"),
    "count_template_problem": ("{n} 处问题", "{n} problems"),
    "tp_at_cell": ("{sheet}!{cell}：{message}", "{sheet}!{cell}: {message}"),
    "tp_at_row": ("工作表 {sheet} 第 {row} 行：{message}", "{sheet}, row {row}: {message}"),
    "tp_at_sheet": ("工作表 {sheet}：{message}", "{sheet}: {message}"),
    "tp_in_file": ("{file}：{message}", "{file}: {message}"),
    "tp_too_large": (
        "{file}：{found}；远超模板所需（文件可能已损坏）："
        "请把 Scheme、Criteria 和 Grades 工作表复制到新工作簿，再载入新工作簿",
        "{file}: {found}; this is far more than a template needs (a damaged file?): copy the Scheme, "
        "Criteria and Grades sheets into a new workbook and load that",
    ),
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
    "tp_decimal_comma": (
        "应为数字，实际为 {found}：逗号只能用作千位分隔符（如 12,345）；小数点请用“.”（如 12.5）",
        "must be a number, found {found}: a comma is read only between groups of three digits (12,345); "
        "type the decimal mark as a point (12.5)",
    ),
    "tp_number_too_large": (
        "应为有限数值，绝对值不超过 {most:g}，实际为 {found}（数值过大，无法计算）",
        "must be a finite number no larger than {most:g} in size, found {found} (too large to calculate "
        "with)",
    ),
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

#: The Chinese names of a form's fields: the Project sheet's, in its order, and the Data sheet's
#: columns. The blank form prints the Project sheet's beside their keys (scoring/io/form.py), the
#: reader accepts all of them as headers (scoring/io/submission.py), and a resubmission's changes
#: are named by them (CHANGE_FIELD_TEXT in catalogue/workspace.py).
PROJECT_FIELD_ZH = {
    "project_id": "项目编号",
    "name": "项目名称",
    "level": "层级",
    "template": "模板",
    "template_version": "模板版本",
    "region": "地区",
    "organisation": "单位",
    "year": "年份",
    "contact": "联系人",
}
DATA_COLUMN_ZH = {
    "code": "编号",
    "indicator": "指标",
    "unit": "单位",
    "baseline": "基准值",
    "current": "现状值",
    "evidence": "佐证材料",
}
#: What the blank form says to write in each field of its Project sheet.
FORM_PROJECT_HINTS = {
    "project_id": ("项目唯一编号", "unique number of the project, e.g. C-2024-001"),
    "name": ("试点项目名称", "name of the pilot project"),
    "level": ("已预填，请勿修改", "prefilled, do not change"),
    "template": ("已预填，请勿修改", "prefilled, do not change"),
    "template_version": ("已预填，请勿修改", "prefilled, do not change"),
    "region": ("所在省、市", "province and city"),
    "organisation": ("申报单位", "organisation submitting the form"),
    "year": ("评估年度", "assessment year, e.g. 2024"),
    "contact": ("姓名及电话", "name and telephone"),
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

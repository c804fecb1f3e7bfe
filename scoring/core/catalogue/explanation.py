"""The words of a result explained (issue 17): the worked calculation of a criterion, the points
lost and the paths to the next grade (scoring/core/explain.py, the CLI's ``explain``, the
PDF's project pages and the desktop window's explanation).
"""

from __future__ import annotations

#: How a result was worked out and what would change it: (Chinese, English).
EXPLANATION_TEXT: dict[str, tuple[str, str]] = {
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
}

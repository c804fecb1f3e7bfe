"""The method appendix of a report: how a scheme scores, generated from the scheme itself.

One scheme's rules as titled sections of sentences and tables — the criteria with their
weights, bounds and basis, the grade thresholds, the missing / not-applicable rule with each
dimension's maximum for a project with n/a, the synergy index with its α, and the robustness
study's settings when one was run. The PDF prints it as an appendix and the workbook as its
Method sheet, from these same sections, in the report's language. The rules themselves are
those of docs/method.md; only the sentences that state them for one scheme are here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.core.model import Scheme
from scoring.core.presentation import (
    dimension_label,
    dimension_maxima,
    format_number,
    grade_label,
    indicator_label,
    kind_label,
    na_maxima,
    normalise_lang,
    text,
)

#: Sentences of the appendix, by key: (Chinese, English), with format fields.
RULES: dict[str, tuple[str, str]] = {
    "total": (
        "满分 {total} 分。基础分 = Σ 得分率 × 权重 × {total} / W，W 为计入的计分指标权重之和；"
        "总分 = 基础分 + 加分 − 扣分，不低于 0。",
        "Full marks are {total}. Base points = Σ fraction × weight × {total} / W, W the sum of the "
        "weights of the score criteria that count; total = base + bonus − penalty, never below 0.",
    ),
    "zero": (
        "缺失或无效的必填指标按 0 分计入（W 不变）；不适用（n/a）的指标不计入，W 相应减少，其权重按比例"
        "分配给其余指标，因此某一维度的得分可能超过其名义满分。",
        "A required criterion that is missing or invalid counts as 0 (W unchanged); a criterion not "
        "applicable (n/a) is left out and W shrinks, so its weight is shared among the others in "
        "proportion and a dimension can give more than its nominal maximum.",
    ),
    "reweight": (
        "缺失、无效或不适用的指标均不计入，W 相应减少，其权重按比例分配给其余指标，"
        "因此某一维度的得分可能超过其名义满分。",
        "A criterion that is missing, invalid or not applicable is left out and W shrinks: its "
        "weight is shared among the others in proportion, so a dimension can give more than "
        "its nominal maximum.",
    ),
    "veto": (
        "一票否决指标未达标（缺失、无效或得分率为 0）的项目评为最低等级，排在未被否决的项目之后。",
        "A project failing a must-pass criterion (missing, invalid or fraction 0) gets the lowest "
        "grade and ranks after every project not vetoed.",
    ),
    "pending": (
        "待评的人工指标和未填写的扣分项使结果为“暂定”：报告给出其全部取最差与最优时的总分范围。",
        "Manual criteria still pending and penalty items left blank make a result provisional: "
        "the report gives the range of the total with all of them at their worst and best.",
    ),
    "synergy": (
        "减污指数 U_P 与降碳指数 U_C 分别为仅减污、仅降碳的计分指标按权重的平均得分率"
        "（作用为“两者”的指标不计入任何一方）。耦合度 C = 2√(U_P·U_C)/(U_P+U_C)，"
        "综合协调指数 T = α·U_P + (1−α)·U_C，本方案 α = {alpha}；协同度 D = √(C·T)，"
        "按 0.1 一档分为 10 个协调等级。缺少任一指数时不计算协同度。",
        "The pollution index U_P and the carbon index U_C are the weighted mean fractions of the "
        "score criteria for pollution only and for carbon only (a criterion for both counts on "
        "neither side). Coupling C = 2√(U_P·U_C)/(U_P+U_C), coordination T = α·U_P + (1−α)·U_C "
        "with α = {alpha} in this scheme; synergy D = √(C·T), in ten classes of 0.1. Without "
        "either index there is no synergy.",
    ),
    "draws": ("随机权重组数", "Random weightings (draws)"),
    "spread": ("权重扰动幅度", "Weight spread"),
    "method": ("抽样方法", "Sampling method"),
    "seed": ("随机种子", "Random seed"),
    "top_k": ("前 k 名界线", "Top-k cut-off"),
    "cutoff_grade": ("等级界线", "Grade cut-off"),
}

TYPE_TEXT = {
    "value": ("数值", "value"),
    "change": ("变化率", "change"),
    "yesno": ("是/否", "yes/no"),
    "choice": ("选项", "choice"),
    "manual": ("人工评分", "manual"),
}
DIRECTION_TEXT = {"higher": ("越高越好", "higher is better"), "lower": ("越低越好", "lower is better")}


@dataclass
class MethodTable:
    """A table of the appendix: header and rows of text."""

    header: list[str]
    rows: list[list[str]]
    #: Relative column widths (the PDF scales them to the page).
    widths: list[float] = field(default_factory=list)


@dataclass
class MethodSection:
    """A titled part of the appendix: sentences, then tables."""

    title: str
    sentences: list[str] = field(default_factory=list)
    tables: list[MethodTable] = field(default_factory=list)


def _rule(key: str, lang: str, **values) -> str:
    pair = RULES[key]
    return (pair[0] if lang == "zh" else pair[1]).format(**values)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def method_sections(scheme: Scheme, lang: str, study=None) -> list[MethodSection]:
    """The appendix of one scheme, in ``lang``.

    Parameters
    ----------
    scheme : Scheme
    lang : {"zh", "en"}
    study : SchemeRobustness, optional
        The robustness study of this scheme, whose settings are printed.
    """
    lang = normalise_lang(lang)
    sections = [
        MethodSection(
            text("criteria_table", lang),
            [_rule("total", lang, total=format_number(scheme.total_points))],
            [criteria_table(scheme, lang)],
        ),
        MethodSection(
            text("grade_thresholds", lang),
            [_rule("veto", lang), _rule("pending", lang)],
            [grade_table(scheme, lang)],
        ),
        MethodSection(
            text("missing_rules", lang),
            [_rule(scheme.missing if scheme.missing in RULES else "zero", lang)],
            [na_table(scheme, lang)],
        ),
        MethodSection(
            text("synergy_definition", lang), [_rule("synergy", lang, alpha=f"{scheme.synergy_alpha:g}")]
        ),
    ]
    if study is not None:
        sections.append(MethodSection(text("robustness_settings", lang), [], [robustness_table(study, lang)]))
    return sections


def _role(criterion, lang: str) -> str:
    roles = []
    if criterion.veto:
        roles.append(text("veto", lang))
    if criterion.kind != "score":
        roles.append(kind_label(criterion.kind, lang))
    return "、".join(roles) if lang == "zh" else ", ".join(roles)


def criteria_table(scheme: Scheme, lang: str) -> MethodTable:
    """Code, indicator, dimension, type, direction, unit, weight, worst, best, role, basis."""
    header = [
        text(k, lang)
        for k in (
            "code",
            "indicator",
            "dimension",
            "type",
            "direction",
            "unit",
            "weight",
            "worst",
            "best",
            "role",
            "basis",
        )
    ]
    rows = []
    for c in scheme.criteria:
        direction = _pick(DIRECTION_TEXT[c.direction], lang) if c.direction in DIRECTION_TEXT else ""
        rows.append(
            [
                c.code,
                indicator_label(c, lang),
                dimension_label(scheme, c.dimension, lang),
                _pick(TYPE_TEXT.get(c.type, (c.type, c.type)), lang),
                direction,
                c.unit,
                format_number(c.weight, 3),
                format_number(c.worst, 3),
                format_number(c.best, 3),
                _role(c, lang),
                str(getattr(c, "basis", "") or c.guidance or ""),
            ]
        )
    return MethodTable(header, rows, [0.6, 2.4, 1.3, 0.8, 0.9, 0.6, 0.6, 0.6, 0.6, 0.9, 2.4])


def grade_table(scheme: Scheme, lang: str) -> MethodTable:
    rows = [[grade_label(g.name, lang), format_number(g.min_points, 3)] for g in scheme.grades_descending]
    return MethodTable([text("grade", lang), text("min_points", lang)], rows, [2.0, 1.5])


def na_table(scheme: Scheme, lang: str) -> MethodTable:
    """Each dimension's nominal maximum and its maximum when every n/a-allowed criterion is n/a."""
    nominal, with_na = dimension_maxima(scheme), na_maxima(scheme)
    rows = [
        [dimension_label(scheme, d, lang), f"{nominal[d]:.2f}", f"{with_na[d]:.2f}"]
        for d in scheme.dimensions
    ]
    header = [text("dimension", lang), text("nominal_maximum", lang), text("all_na_maximum", lang)]
    return MethodTable(header, rows, [2.5, 1.5, 2.5])


def robustness_table(study, lang: str) -> MethodTable:
    """Draws, spread, method, seed and cut-offs of a robustness study."""
    options = study.options
    rows = [
        [_rule("draws", lang), f"{options.draws:,}"],
        [_rule("spread", lang), f"±{options.spread * 100:g}%"],
        [_rule("method", lang), options.method],
        [_rule("seed", lang), str(options.seed)],
        [_rule("top_k", lang), str(options.top_k)],
    ]
    if options.grade:
        rows.append([_rule("cutoff_grade", lang), grade_label(options.grade, lang)])
    return MethodTable([text("setting", lang), text("setting_value", lang)], rows, [3.0, 2.0])

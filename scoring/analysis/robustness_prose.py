"""The robustness study in words: the paragraph a supervisor reads beside the charts.

Kept apart from the studies (scoring/analysis/robustness.py) because it is prose in two
languages, not arithmetic; the workbook, the PDF and the GUI all show this one paragraph.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from scoring.analysis.robustness import SchemeMatrix, SchemeRobustness
from scoring.core.presentation import grade_label, scheme_label


@dataclass(frozen=True)
class _Words:
    intro: str
    method_uniform: str
    method_dirichlet: str
    all_safe: str
    some_safe: str
    borderline: str
    borderline_item: str
    more: str
    none_borderline: str
    few: str
    moving: str
    moving_item: str
    none_moving: str
    sensitive: str
    stable: str
    grade_item: str
    grade_all: str
    agreement: str
    no_agreement: str
    drivers: str
    driver_item: str
    levels: tuple[str, str, str, str]
    raised: str
    lowered: str
    sep: str
    every: str
    joiner: str = field(default=" ")


_EN = _Words(
    intro="Robustness of the {scheme} ranking ({n} projects): {method}",
    method_uniform="each score weight was changed at random by up to ±{spread} in {draws} weightings.",
    method_dirichlet=("{draws} weightings were drawn from a Dirichlet distribution around the template "
                      "weights (concentration {kappa})."),
    all_safe="All {safe} projects in the top {k} stay there in every weighting.",
    some_safe="{safe} of the {inside} projects in the top {k} stay there in every weighting.",
    borderline="Near the cut-off: {items}.",
    borderline_item="{name} ({pid}) is in the top {k} in {p} of weightings (rank {ranks})",
    more="and {count} more",
    none_borderline="No project outside the top {k} enters it in any weighting.",
    few="With {n} projects, all are within the top {k} whatever the weights.",
    moving="Ranks that move between weightings: {items}.",
    moving_item="{name} ({pid}) rank {lo}–{hi}",
    none_moving="No rank changes in any weighting.",
    sensitive=("The top {k} is most sensitive to {code} ({indicator}): {direction} its weight by {change} "
               "moves {names} across the cut-off."),
    stable="No change of a single weight by up to {max} moves any project across the top-{k} cut-off.",
    grade_item="{name} ({pid}) is graded {grade} or better in {p} of weightings",
    grade_all="Every project stays on the same side of the grade {grade} in every weighting.",
    agreement=("An entropy-weighted TOPSIS over the same indicator values ranks the projects {level} "
               "(Spearman {rho}, Kendall tau-b {tau})."),
    no_agreement="The entropy-weighted TOPSIS cross-check needs at least two projects that differ.",
    drivers="The difference comes mostly from {items}.",
    driver_item=("{code} ({indicator}: entropy weight {entropy} against {template} in the scheme; "
                 "without it Spearman {rho})"),
    levels=("very similarly", "similarly", "somewhat differently", "differently"),
    raised="raising",
    lowered="lowering",
    sep="; ",
    every="every one",
)

_ZH = _Words(
    intro="{scheme}排名稳健性（{n}个项目）：{method}",
    method_uniform="在{draws}组随机权重下，每项得分指标的权重在±{spread}范围内随机变动。",
    method_dirichlet="在{draws}组围绕模板权重的狄利克雷分布随机权重下（集中度{kappa}）。",
    all_safe="前{k}名的全部{safe}个项目在所有权重组合下均保持在前{k}名。",
    some_safe="前{k}名的{inside}个项目中，有{safe}个在所有权重组合下均保持在前{k}名。",
    borderline="临界项目：{items}。",
    borderline_item="{name}（{pid}）在{p}的权重组合中位列前{k}名（名次{ranks}）",
    more="另有{count}个",
    none_borderline="前{k}名以外的项目在任何权重组合下都未进入前{k}名。",
    few="共{n}个项目，无论权重如何均在前{k}名之内。",
    moving="名次随权重变动的项目：{items}。",
    moving_item="{name}（{pid}）名次{lo}–{hi}",
    none_moving="在所有权重组合下名次均不变。",
    sensitive="对前{k}名分界线最敏感的指标是{code}（{indicator}）：其权重{direction}{change}即会使{names}越过分界线。",
    stable="单项指标权重变动不超过{max}时，没有项目越过前{k}名分界线。",
    grade_item="{name}（{pid}）在{p}的权重组合中评为{grade}或以上",
    grade_all="所有项目在所有权重组合下相对于“{grade}”等级线的位置均不变。",
    agreement="以相同指标值计算的熵权TOPSIS排名与计分排名{level}（Spearman {rho}，Kendall tau-b {tau}）。",
    no_agreement="熵权TOPSIS交叉检验需要至少两个有差别的项目。",
    drivers="两种排名的差异主要来自{items}。",
    driver_item="{code}（{indicator}：熵权{entropy}，方案权重{template}；去掉该指标后 Spearman {rho}）",
    levels=("高度一致", "基本一致", "存在一定差异", "差异较大"),
    raised="提高",
    lowered="降低",
    sep="；",
    every="全部",
    joiner="",
)

MAX_LISTED = 5


def _percent(p: float) -> str:
    """97% style; never rounds a probability below 1 up to 100% or above 0 down to 0%."""
    if p >= 1.0:
        return "100%"
    if p <= 0.0:
        return "0%"
    value = math.floor(p * 100)
    return "<1%" if value == 0 else f"{value}%"


def _agreement_level(rho: float) -> int:
    return 0 if rho >= 0.9 else 1 if rho >= 0.7 else 2 if rho >= 0.4 else 3


def robustness_paragraph(result: SchemeRobustness, lang: str = "en") -> str:
    """A paragraph a supervisor can read, in English (``en``) or Chinese (``zh``).

    E.g. "Project X (P07) is in the top 10 in 97% of weightings (rank 8–12)."
    """
    words = _ZH if lang == "zh" else _EN
    m, o = result.matrix, result.options
    if o.method == "dirichlet":
        finite = result.concentration is not None and math.isfinite(result.concentration)
        kappa = f"{result.concentration:.0f}" if finite else "∞"
        method = words.method_dirichlet.format(draws=f"{o.draws:,}", kappa=kappa)
    else:
        method = words.method_uniform.format(draws=f"{o.draws:,}", spread=f"{o.spread * 100:g}%")
    sentences = [words.intro.format(scheme=scheme_label(m.scheme, lang), n=m.size, method=method)]
    sentences += _top_k_sentences(result, words)
    sentences.append(_stability_sentence(result, words, lang))
    if result.ranks.p_grade is not None:
        sentences.append(_grade_sentence(result, words, lang))
    t = result.topsis
    if t.spearman is None or t.kendall is None:
        sentences.append(words.no_agreement)
    else:
        sentences.append(words.agreement.format(level=words.levels[_agreement_level(t.spearman)],
                                                rho=f"{t.spearman:.2f}", tau=f"{t.kendall:.2f}"))
        sentences.append(_drivers_sentence(result, words, lang))
    return words.joiner.join(s for s in sentences if s).replace("  ", " ")


def _drivers_sentence(result: SchemeRobustness, words: _Words, lang: str) -> str:
    """Which criteria the two rankings' disagreement comes from, or nothing when none stands out."""
    if not result.topsis.drivers:
        return ""
    items = []
    for d in result.topsis.drivers:
        criterion = result.scheme.criterion(d.code)
        indicator = (criterion.indicator_zh or criterion.indicator) if lang == "zh" else criterion.indicator
        items.append(words.driver_item.format(code=d.code, indicator=indicator,
                                              entropy=f"{d.entropy_share * 100:.0f}%",
                                              template=f"{d.template_share * 100:.0f}%",
                                              rho=f"{d.spearman_without:.2f}"))
    return words.drivers.format(items=words.sep.join(items))


def _top_k_sentences(result: SchemeRobustness, words: _Words) -> list[str]:
    m, r = result.matrix, result.ranks
    k = r.top_k
    if m.size <= k:  # a top-k cut-off says nothing; say how far ranks move instead
        return [words.few.format(n=m.size, k=k), _moving_sentence(result, words)]
    inside = m.rank <= k
    safe = int((inside & (r.p_top_k >= 1.0)).sum())
    if inside.sum() == safe:
        first = words.all_safe.format(safe=safe, k=k)
    else:
        first = words.some_safe.format(safe=safe, inside=int(inside.sum()), k=k)
    borderline = [i for i in np.argsort(m.rank, kind="stable") if 0.0 < r.p_top_k[i] < 1.0]
    if not borderline:
        outside_enters = bool(((~inside) & (r.p_top_k > 0)).any())
        return [first, "" if outside_enters else words.none_borderline.format(k=k)]
    items = [words.borderline_item.format(name=m.names[i], pid=m.project_ids[i], k=k,
                                          p=_percent(r.p_top_k[i]),
                                          ranks=_rank_range(r.rank_p5[i], r.rank_p95[i]))
             for i in borderline[:MAX_LISTED]]
    if len(borderline) > MAX_LISTED:
        items.append(words.more.format(count=len(borderline) - MAX_LISTED))
    return [first, words.borderline.format(items=words.sep.join(items))]


def _rank_range(low: int, high: int) -> str:
    """The 5th–95th percentile ranks (whole ranks) as read: "10" when both are 10, else "10–12"."""
    return str(low) if low == high else f"{low}–{high}"


def _moving_sentence(result: SchemeRobustness, words: _Words) -> str:
    m, r = result.matrix, result.ranks
    moving = [i for i in np.argsort(m.rank, kind="stable") if r.rank_p5[i] != r.rank_p95[i]]
    if not moving:
        return words.none_moving
    items = [words.moving_item.format(name=m.names[i], pid=m.project_ids[i], lo=r.rank_p5[i],
                                      hi=r.rank_p95[i]) for i in moving[:MAX_LISTED]]
    if len(moving) > MAX_LISTED:
        items.append(words.more.format(count=len(moving) - MAX_LISTED))
    return words.moving.format(items=words.sep.join(items))


def _stability_sentence(result: SchemeRobustness, words: _Words, lang: str) -> str:
    s, m = result.stability, result.matrix
    k = result.ranks.top_k
    if m.size <= k:
        return ""
    if s.change is None:
        return words.stable.format(max=f"{s.max_change * 100:g}%", k=k)
    criterion = m.scheme.criterion(s.criterion)
    indicator = (criterion.indicator_zh or criterion.indicator) if lang == "zh" else criterion.indicator
    names = _name_list(m, s.projects, words)
    direction = words.raised if s.change > 0 else words.lowered
    return words.sensitive.format(k=k, code=s.criterion, indicator=indicator, direction=direction,
                                  change=f"{abs(s.change) * 100:.1f}%", names=names)


def _name_list(m: SchemeMatrix, pids: Sequence[str], words: _Words) -> str:
    index = {pid: i for i, pid in enumerate(m.project_ids)}
    shown = [f"{m.names[index[p]]} ({p})" if words is _EN else f"{m.names[index[p]]}（{p}）"
             for p in pids[:MAX_LISTED]]
    if len(pids) > MAX_LISTED:
        shown.append(words.more.format(count=len(pids) - MAX_LISTED))
    return ("、" if words is _ZH else ", ").join(shown)


def _grade_sentence(result: SchemeRobustness, words: _Words, lang: str) -> str:
    m, r = result.matrix, result.ranks
    grade = grade_label(r.grade, lang)
    unsure = [i for i in np.argsort(m.rank, kind="stable") if 0.0 < r.p_grade[i] < 1.0][:MAX_LISTED]
    items = [words.grade_item.format(name=m.names[i], pid=m.project_ids[i], grade=grade,
                                     p=_percent(r.p_grade[i])) for i in unsure]
    if not items:
        return words.grade_all.format(grade=grade)
    return words.sep.join(items) + ("。" if lang == "zh" else ".")

"""The words of the analyses: a robustness study's options refused, its paragraph for a
supervisor, and weights tried in the Weights tab that cannot be used or kept.
"""

from __future__ import annotations

#: A robustness study's options refused: (Chinese, English).
ROBUSTNESS_OPTION_TEXT: dict[str, tuple[str, str]] = {
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

#: The robustness study's paragraph (scoring/analysis/robustness_prose.py): its sentences with
#: {fields}, and ``level_0``..``level_3``, how closely the entropy-weighted TOPSIS ranking agrees
#: with the scheme's, from the closest.
ROBUSTNESS_PROSE_TEXT = {
    "intro": (
        "{scheme}排名稳健性（{n}个项目）：{method}",
        "Robustness of the {scheme} ranking ({n} projects): {method}",
    ),
    "method_uniform": (
        "在{draws}组随机权重下，每项得分指标的权重在±{spread}范围内随机变动。",
        "each score weight was changed at random by up to ±{spread} in {draws} weightings.",
    ),
    "method_dirichlet": (
        "在{draws}组围绕模板权重的狄利克雷分布随机权重下（集中度{kappa}）。",
        "{draws} weightings were drawn from a Dirichlet distribution around the template weights "
        "(concentration {kappa}).",
    ),
    "all_safe": (
        "前{k}名的全部{safe}个项目在所有权重组合下均保持在前{k}名。",
        "All {safe} projects in the top {k} stay there in every weighting.",
    ),
    "some_safe": (
        "前{k}名的{inside}个项目中，有{safe}个在所有权重组合下均保持在前{k}名。",
        "{safe} of the {inside} projects in the top {k} stay there in every weighting.",
    ),
    "borderline": ("临界项目：{items}。", "Near the cut-off: {items}."),
    "borderline_item": (
        "{name}（{pid}）在{p}的权重组合中位列前{k}名（名次{ranks}）",
        "{name} ({pid}) is in the top {k} in {p} of weightings (rank {ranks})",
    ),
    "more": ("另有{count}个", "and {count} more"),
    "none_borderline": (
        "前{k}名以外的项目在任何权重组合下都未进入前{k}名。",
        "No project outside the top {k} enters it in any weighting.",
    ),
    "few": (
        "共{n}个项目，无论权重如何均在前{k}名之内。",
        "With {n} projects, all are within the top {k} whatever the weights.",
    ),
    "moving": ("名次随权重变动的项目：{items}。", "Ranks that move between weightings: {items}."),
    "moving_item": ("{name}（{pid}）名次{lo}–{hi}", "{name} ({pid}) rank {lo}–{hi}"),
    "none_moving": ("在所有权重组合下名次均不变。", "No rank changes in any weighting."),
    "sensitive": (
        "对前{k}名分界线最敏感的指标是{code}（{indicator}）：其权重{direction}{change}即会使{names}"
        "越过分界线。",
        "The top {k} is most sensitive to {code} ({indicator}): {direction} its weight by {change} "
        "moves {names} across the cut-off.",
    ),
    "stable": (
        "单项指标权重变动不超过{max}时，没有项目越过前{k}名分界线。",
        "No change of a single weight by up to {max} moves any project across the top-{k} cut-off.",
    ),
    "grade_item": (
        "{name}（{pid}）在{p}的权重组合中评为{grade}或以上",
        "{name} ({pid}) is graded {grade} or better in {p} of weightings",
    ),
    "grade_all": (
        "所有项目在所有权重组合下相对于“{grade}”等级线的位置均不变。",
        "Every project stays on the same side of the grade {grade} in every weighting.",
    ),
    "agreement": (
        "以相同指标值计算的熵权TOPSIS排名与计分排名{level}（Spearman {rho}，Kendall tau-b {tau}）。",
        "An entropy-weighted TOPSIS over the same indicator values ranks the projects {level} "
        "(Spearman {rho}, Kendall tau-b {tau}).",
    ),
    "no_agreement": (
        "熵权TOPSIS交叉检验需要至少两个有差别的项目。",
        "The entropy-weighted TOPSIS cross-check needs at least two projects that differ.",
    ),
    "drivers": ("两种排名的差异主要来自{items}。", "The difference comes mostly from {items}."),
    "driver_item": (
        "{code}（{indicator}：熵权{entropy}，方案权重{template}；去掉该指标后 Spearman {rho}）",
        "{code} ({indicator}: entropy weight {entropy} against {template} in the scheme; "
        "without it Spearman {rho})",
    ),
    "raised": ("提高", "raising"),
    "lowered": ("降低", "lowering"),
    "sep": ("；", "; "),
    "every": ("全部", "every one"),
    "level_0": ("高度一致", "very similarly"),
    "level_1": ("基本一致", "similarly"),
    "level_2": ("存在一定差异", "somewhat differently"),
    "level_3": ("差异较大", "differently"),
}

"""The words of the analyses: a robustness study's options refused and weights tried in the
Weights tab that cannot be used or kept.
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

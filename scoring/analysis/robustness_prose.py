"""The robustness study in words: the paragraph a supervisor reads beside the charts.

Kept apart from the studies (scoring/analysis/robustness.py) because it is prose in two
languages, not arithmetic; the workbook, the PDF and the GUI all show this one paragraph. Its
sentences are the catalogue's (ROBUSTNESS_PROSE_TEXT in scoring/core/catalogue/analysis.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields

import numpy as np

from scoring.analysis.robustness import SchemeMatrix, SchemeRobustness
from scoring.core.presentation import (
    ROBUSTNESS_PROSE_TEXT,
    grade_label,
    indicator_label,
    scheme_label,
    text_in,
)


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


def _words_in(lang: str, joiner: str) -> _Words:
    """The paragraph's words in ``lang``, from the catalogue's ROBUSTNESS_PROSE_TEXT."""
    def word(key: str) -> str:
        return text_in(ROBUSTNESS_PROSE_TEXT[key], lang)

    sentences = {f.name: word(f.name) for f in fields(_Words) if f.name not in ("levels", "joiner")}
    levels = (word("level_0"), word("level_1"), word("level_2"), word("level_3"))
    return _Words(**sentences, levels=levels, joiner=joiner)


#: English sentences follow each other after a space, Chinese ones with none.
_EN = _words_in("en", " ")
_ZH = _words_in("zh", "")

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
    cutoff = result.ranks.grade_cutoff()
    if cutoff is not None:
        sentences.append(_grade_sentence(result, *cutoff, words, lang))
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
        criterion = result.scheme.known_criterion(d.code)
        indicator = indicator_label(criterion, lang)
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
    if s.change is None or s.criterion is None:  # both None together: stable within max_change
        return words.stable.format(max=f"{s.max_change * 100:g}%", k=k)
    criterion = m.scheme.known_criterion(s.criterion)
    indicator = indicator_label(criterion, lang)
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


def _grade_sentence(result: SchemeRobustness, cut: str, p_grade: np.ndarray, words: _Words, lang: str) -> str:
    m = result.matrix
    grade = grade_label(cut, lang)
    unsure = [i for i in np.argsort(m.rank, kind="stable") if 0.0 < p_grade[i] < 1.0][:MAX_LISTED]
    items = [words.grade_item.format(name=m.names[i], pid=m.project_ids[i], grade=grade,
                                     p=_percent(p_grade[i])) for i in unsure]
    if not items:
        return words.grade_all.format(grade=grade)
    return words.sep.join(items) + ("。" if lang == "zh" else ".")

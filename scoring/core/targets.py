"""Pro-rated targets: a multi-year target judged by the share of it due by the assessment year.

A change criterion's best bound is often a five-year national target (e.g. −18 % CO₂ per unit
GDP over 2020–2025). A pilot assessed in 2023 has had three of those five years, so judging it
against the whole −18 % asks too much. A scheme that gives ``baseline_year`` and
``target_year`` (Scheme sheet) and marks such criteria ``prorate = yes`` (Criteria sheet) has
the best bound used in a round of year y pro-rated (docs/method.md, "Pro-rated targets"):

    best_y = worst + (best − worst) · min(1, (y − baseline_year) / (target_year − baseline_year))

and each such criterion reports its attainment, improvement / best_y (on track at 100 % or
more, behind otherwise). A year at or before the baseline year, or no year at all, leaves the
full target in place and says so (a warning on the project), since no share of the target can
be due yet and a bound equal to the worst would make any improvement full marks. Without
``baseline_year`` and ``target_year`` nothing changes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from scoring.core.model import Criterion, Issue, Scheme

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")

#: Attainment at or above this is on track.
ON_TRACK = 1.0


def assessment_year(text: object) -> str:
    """The four-digit year in a submission's ``year`` ("2024", "2024年", 2024.0), or ""."""
    found = _YEAR.search(str(text if text is not None else "").replace(".0", "", 1))
    return found.group(1) if found else ""


def prorates(scheme: Scheme) -> bool:
    """Whether any criterion of the scheme has a pro-rated target."""
    return scheme.target_year is not None and any(c.prorate for c in scheme.criteria)


def share_due(scheme: Scheme, year: int | None) -> float | None:
    """The share of the target due by ``year``: (y − baseline)/(target − baseline), at most 1.

    None when the scheme has no target years, or the year is missing or not after the
    baseline year (then the full target applies).
    """
    if scheme.target_year is None or scheme.baseline_year is None or year is None:
        return None
    if year <= scheme.baseline_year:
        return None
    return min(1.0, (year - scheme.baseline_year) / (scheme.target_year - scheme.baseline_year))


def prorated_best(criterion: Criterion, scheme: Scheme, year: int | None) -> float | None:
    """The best bound used for a criterion in a round of ``year`` (its own best unless pro-rated)."""
    if criterion.best is None:
        return None
    share = share_due(scheme, year) if criterion.prorate else None
    if share is None or criterion.worst is None:  # a bounded criterion has both (template.py)
        return criterion.best
    return criterion.worst + (criterion.best - criterion.worst) * share


def attainment(improvement: float | None, best_used: float | None) -> float | None:
    """Improvement as a share of the pro-rated best (1.0 = exactly on track); None when either
    is unknown or the bound is 0."""
    if improvement is None or best_used is None or best_used == 0 or not math.isfinite(improvement):
        return None
    return improvement / best_used


def year_number(text: object) -> int | None:
    found = assessment_year(text)
    return int(found) if found else None


def best_matrix(scheme: Scheme, best: np.ndarray, years: Sequence[object]) -> np.ndarray | None:
    """Every project's best bounds (n × m) with the pro-rated ones put in, or None when the
    scheme pro-rates nothing (the engine then uses the scheme's own bounds)."""
    if not prorates(scheme):
        return None
    rows = np.tile(best, (len(years), 1))
    columns = [j for j, c in enumerate(scheme.criteria) if c.prorate]
    for i, year in enumerate(years):
        number = year_number(year)
        for j in columns:
            rows[i, j] = prorated_best(scheme.criteria[j], scheme, number)
    return rows


def full_target_warning(scheme: Scheme, year: object, where: str) -> Issue | None:
    """A warning when a pro-rating scheme cannot pro-rate for this year (the full target is used)."""
    if not prorates(scheme) or share_due(scheme, year_number(year)) is not None:
        return None
    shown = assessment_year(year) or "no year"
    return Issue(
        "warning",
        "full_target",
        where,
        f"assessment year {shown} is not after the target's baseline year {scheme.baseline_year}: the "
        f"pro-rated criteria are judged against their full {scheme.target_year} target; check the year",
        f"评估年份 {shown} 不晚于目标基准年 {scheme.baseline_year}：按年折算的指标按 {scheme.target_year} "
        "年的全部目标评价；请核对年份",
    )

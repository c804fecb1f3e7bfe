"""Figures derived from a scheme and a project that the outputs print beside the scores.

Each dimension's maximum (nominal, for this project's included criteria, and with every n/a
allowed), a dimension's points as a percentage of it, the overrides counted and the co-control
reductions (docs/method.md, "Co-control"). The charts, the ranked workbook, the PDF and the GUI's
tables all ask here, so each figure has one rule. numpy and the engine load inside the
functions that need them: the desktop window imports this before numpy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeGuard

from scoring.core.model import Scheme

if TYPE_CHECKING:  # the desktop window imports this before the engine (numpy) loads
    from scoring.core.results import ProjectResult


_MAXIMA_CACHE: dict[int, tuple[Scheme, dict[str, float]]] = {}


def dimension_maxima(scheme: Scheme) -> dict[str, float]:
    """Points each dimension gives when every score criterion is at full marks.

    With every criterion included, points = s·w·total/W, so a dimension's maximum is
    total·(its weight)/W. Under ``missing = reweight`` a project can exceed it slightly; the
    charts show that rather than hide it. Cached per scheme object (a report asks once per
    project page), by identity: hashing a whole scheme would cost more than computing this.
    """
    cached = _MAXIMA_CACHE.get(id(scheme))
    if cached is not None and cached[0] is scheme:
        return dict(cached[1])
    maxima = _dimension_maxima(scheme)
    if len(_MAXIMA_CACHE) > 64:
        _MAXIMA_CACHE.clear()
    _MAXIMA_CACHE[id(scheme)] = (scheme, maxima)
    return dict(maxima)


def _dimension_maxima(scheme: Scheme) -> dict[str, float]:
    score = [c for c in scheme.criteria if c.kind == "score"]
    total_weight = sum(c.weight for c in score)
    maxima = {}
    for dimension in scheme.dimensions:
        weight = sum(c.weight for c in score if c.dimension == dimension)
        maxima[dimension] = scheme.total_points * weight / total_weight if total_weight else 0.0
    return maxima


def effective_maxima(scheme: Scheme, project: ProjectResult) -> dict[str, float]:
    """Each dimension's maximum for this project: total·(its included weight)/W.

    Under ``missing = reweight`` (and for criteria not applicable) W is the weight of the
    project's included criteria, so a dimension whose criteria all count can give more than
    its nominal maximum. Which criteria are included is the engine's rule
    (:func:`scoring.core.cells.cell_states`), asked for this one project.
    """
    import numpy as np

    from scoring.core.cells import SchemeArrays, cell_states
    from scoring.core.model import STATUSES

    arrays = _scheme_arrays(scheme, SchemeArrays)
    codes = [STATUSES.index(ind.status) if (ind := project.indicators.get(c.code)) is not None
             else STATUSES.index("missing") for c in scheme.criteria]
    status = np.array([codes], dtype=np.int8)
    fraction = np.zeros_like(status, dtype=float)
    included = cell_states(scheme, arrays, fraction, status).included[0]
    weight = np.where(included, arrays.weight, 0.0)
    total_weight = float(weight.sum())
    if total_weight <= 0:
        return dimension_maxima(scheme)
    return {d: scheme.total_points * float(weight[arrays.dimension_index == k].sum()) / total_weight
            for k, d in enumerate(scheme.dimensions)}


def na_maxima(scheme: Scheme) -> dict[str, float]:
    """Each dimension's maximum for a project whose every n/a-allowed criterion is n/a."""
    score = [c for c in scheme.criteria if c.kind == "score" and not c.allow_na]
    total_weight = sum(c.weight for c in score)
    return {d: scheme.total_points * sum(c.weight for c in score if c.dimension == d) / total_weight
            if total_weight else 0.0 for d in scheme.dimensions}


def _scheme_arrays(scheme: Scheme, factory):
    cached = _ARRAYS_CACHE.get(id(scheme))
    if cached is None or cached[0] is not scheme:
        if len(_ARRAYS_CACHE) > 64:
            _ARRAYS_CACHE.clear()
        cached = _ARRAYS_CACHE[id(scheme)] = (scheme, factory.of(scheme))
    return cached[1]


_ARRAYS_CACHE: dict[int, tuple] = {}


def dimension_cell_text(scheme: Scheme, project: ProjectResult, dimension: str,
                        effective: dict[str, float] | None = None) -> str:
    """A dimension's points as printed; "28.20 / 30.5" when over its nominal maximum.

    The slash gives the project's effective maximum, so a cell above the header's maximum is
    explained where it is read (issue 18).
    """
    points = project.dimensions.get(dimension, 0.0)
    nominal = dimension_maxima(scheme)[dimension]
    if points <= nominal + 0.005:
        return f"{points:.2f}"
    effective = effective if effective is not None else effective_maxima(scheme, project)
    return f"{points:.2f} / {effective[dimension]:.3g}"


def dimension_percent(scheme: Scheme, project: ProjectResult) -> list[float]:
    """The project's points in each dimension as % of that dimension's maximum."""
    maxima = dimension_maxima(scheme)
    return [
        100.0 * project.dimensions.get(d, 0.0) / maxima[d] if maxima[d] > 0 else 0.0
        for d in scheme.dimensions
    ]


def overrides_count(project: ProjectResult) -> int:
    """Indicators an inspector scored or overrode (from the scores: builds no result)."""
    from scoring.core.results import statuses_of  # the engine (numpy) loads after the window

    return statuses_of(project).count("override")


def mean_fall(scheme: Scheme, effect: str,
              pair_of: Callable[[str], tuple[object, object] | None]) -> float | None:
    """Weight-averaged fall in % over the scheme's "lower is better" change criteria of ``effect``.

    Each criterion's fall is the engine's improvement r (:func:`scoring.core.cells.improvement_percent`),
    (baseline − current)/|baseline|·100 for "lower is better", so r > 0 means the quantity fell;
    weights are the criteria's own (1 for a criterion of weight 0). ``pair_of(code)`` gives a
    criterion's (current, baseline), or None when it has no usable answer; a pair that is not two
    numbers or has a baseline of 0 does not count. Only criteria whose effect is exactly
    ``effect`` count: an energy-intensity criterion tagged "both" would move both sides alike.
    None when no criterion counts. The co-control view and the demo's joint reduction J
    (docs/method.md, "Co-control") both use this one rule.
    """
    from scoring.core.cells import improvement_percent  # numpy loads after the window

    total = weights = 0.0
    for c in scheme.criteria:
        if c.type != "change" or c.direction != "lower" or c.effect != effect:
            continue
        current, baseline = pair_of(c.code) or (None, None)
        if not _is_number(current) or not _is_number(baseline) or baseline == 0:
            continue
        weight = c.weight if c.weight > 0 else 1.0
        total += weight * float(improvement_percent(current, baseline, False))
        weights += weight
    return total / weights if weights else None


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _scored_pair(project: ProjectResult, code: str) -> tuple[object, object] | None:
    """A change indicator's (current, baseline) when its value counts (read or overridden)."""
    indicator = project.indicators.get(code)
    if indicator is None or indicator.status not in ("ok", "override"):
        return None
    return indicator.value, indicator.baseline


def co_control_reductions(scheme: Scheme, project: ProjectResult) -> tuple[float | None, float | None]:
    """(CO2 reduction %, pollutant reduction %) of a project for the co-control quadrant view.

    x comes from change criteria with effect "carbon", y from those with effect "pollution",
    both "lower is better" (emissions, intensities); positive means the quantity fell.
    Either is None when the project has no usable baseline/current pair for that side.
    """
    def pair_of(code: str) -> tuple[object, object] | None:
        return _scored_pair(project, code)

    return mean_fall(scheme, "carbon", pair_of), mean_fall(scheme, "pollution", pair_of)


def has_co_control_criteria(scheme: Scheme) -> bool:
    """Whether the scheme has change criteria on both sides, so the quadrant view can exist."""
    effects = {c.effect for c in scheme.criteria if c.type == "change" and c.direction == "lower"}
    return {"carbon", "pollution"} <= effects

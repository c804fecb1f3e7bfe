"""What the rules decide per project × criterion before any weight applies.

The first half of the kernel (docs/method.md, "Fractions"): each cell's fraction s (scaled by the
criterion's worst and best, or an inspector's), whether it counts in the project's weighted
mean, whether it fails a must-pass criterion, and whether it is still waiting for an answer.
None of this depends on the weights, so scoring/core/kernel.py weighs these decisions once for
a run and the weight studies (scoring/analysis/weights.py, robustness.py) weigh them again
without re-deciding any rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from scoring.core.model import BOUNDED_TYPES, INVALID, MISSING, OK, OVERRIDE, PENDING, Scheme


@dataclass(frozen=True)
class SchemeArrays:
    """Per-criterion constants of a scheme as arrays, built once per scheme."""

    weight: np.ndarray
    worst: np.ndarray
    best: np.ndarray
    is_change: np.ndarray
    is_bounded: np.ndarray
    higher: np.ndarray
    required: np.ndarray
    veto: np.ndarray
    is_score: np.ndarray
    is_bonus: np.ndarray
    is_penalty: np.ndarray
    pollution: np.ndarray
    carbon: np.ndarray
    dimension_index: np.ndarray
    n_dimensions: int

    @classmethod
    def of(cls, scheme: Scheme) -> SchemeArrays:
        """Arrays of the scheme's criteria, in the scheme's order."""
        crits = scheme.criteria
        dims = {d: i for i, d in enumerate(scheme.dimensions)}

        def flags(test) -> np.ndarray:
            return np.array([bool(test(c)) for c in crits], dtype=bool)

        def bound(value) -> float:
            return np.nan if value is None else float(value)

        return cls(
            weight=np.array([c.weight for c in crits], dtype=float),
            worst=np.array([bound(c.worst) for c in crits], dtype=float),
            best=np.array([bound(c.best) for c in crits], dtype=float),
            is_change=flags(lambda c: c.type == "change"),
            is_bounded=flags(lambda c: c.type in BOUNDED_TYPES),
            higher=flags(lambda c: c.direction == "higher"),
            required=flags(lambda c: c.is_required),
            veto=flags(lambda c: c.veto),
            is_score=flags(lambda c: c.kind == "score"),
            is_bonus=flags(lambda c: c.kind == "bonus"),
            is_penalty=flags(lambda c: c.kind == "penalty"),
            # disjoint sides (docs/method.md, "Synergy"): a "both" criterion would add the same
            # term to U_P and U_C and pull C towards 1 for every project
            pollution=flags(lambda c: c.kind == "score" and c.effect == "pollution"),
            carbon=flags(lambda c: c.kind == "score" and c.effect == "carbon"),
            dimension_index=np.array([dims.get(c.dimension, -1) for c in crits], dtype=int),
            n_dimensions=len(dims),
        )


def indicator_fractions(
    arrays: SchemeArrays, current: np.ndarray, baseline: np.ndarray, best: np.ndarray | None = None
) -> np.ndarray:
    """Fraction s in [0, 1] of every cell, assuming every value is present and valid.

    For ``value`` criteria s = clip((x − worst)/(best − worst)); for ``change`` criteria the
    improvement r = ±(current − baseline)/|baseline|·100 takes x's place; yes/no and choice
    cells already hold their fraction. ``best`` gives each project's bounds (n × m) where a
    target is pro-rated to the assessment year (scoring/core/targets.py); the scheme's otherwise.
    """
    best = arrays.best if best is None else best
    with np.errstate(divide="ignore", invalid="ignore"):
        change = improvement_percent(current, baseline, arrays.higher)
        x = np.where(arrays.is_change, change, current)
        scaled = np.clip((x - arrays.worst) / (best - arrays.worst), 0.0, 1.0)
    return np.where(arrays.is_bounded, scaled, current)


def improvement_percent(current: np.ndarray | float, baseline: np.ndarray | float,
                        higher: np.ndarray | bool) -> np.ndarray:
    """Improvement r of a change criterion in %: (current − baseline)/|baseline|·100, its sign
    turned for "lower is better" so that r > 0 always means better. Arrays or scalars."""
    change = (current - baseline) / np.abs(baseline) * 100.0
    return np.where(higher, change, -change)


def waiting_cells(arrays: SchemeArrays, status: np.ndarray) -> np.ndarray:
    """Cells still to be answered: manual criteria not yet scored and penalty items left blank.

    Either can still move the total (docs/method.md, "Provisional results"); a blank penalty
    item deducts nothing today, but an answer of "yes" would.
    """
    return (status == PENDING) | (arrays.is_penalty & (status == MISSING))


def bound_cells(arrays: SchemeArrays, cells: CellStates, waiting: np.ndarray) -> Iterator[CellStates]:
    """The cells with every waiting cell at its worst, then at its best, for total_min and
    total_max; each made when asked for, so that a caller can be done with the first before.

    Worst is 0 for score and bonus items and 1 for penalty items, best the reverse; a waiting
    score criterion is included in W under either missing rule, since once answered it counts.
    """
    included = cells.included | (waiting & arrays.is_score)
    for penalty_fraction in (1.0, 0.0):
        assumed = np.where(arrays.is_penalty, penalty_fraction, 1.0 - penalty_fraction)
        yield CellStates(cells.fraction, np.where(waiting, assumed, cells.achieved), included, cells.vetoed)


@dataclass(frozen=True)
class CellStates:
    """What the rules decide per project × criterion before any weight is applied.

    Attributes
    ----------
    fraction : ndarray of float, shape (n, m)
        s where the status is ok or override, NaN elsewhere.
    achieved : ndarray of float, shape (n, m)
        s where the status is ok or override, 0 elsewhere (what a weight multiplies).
    included : ndarray of bool, shape (n, m)
        Score criteria that count in the project's weighted mean (ok, override, or a
        required value counted as 0 under ``missing = zero``).
    vetoed : ndarray of bool, shape (n, m)
        True where a must-pass criterion failed.
    """

    fraction: np.ndarray
    achieved: np.ndarray
    included: np.ndarray
    vetoed: np.ndarray


def cell_fractions(
    arrays: SchemeArrays,
    current: np.ndarray,
    baseline: np.ndarray,
    status: np.ndarray,
    override: np.ndarray,
    best: np.ndarray | None = None,
) -> np.ndarray:
    """Fraction s of every cell: the inspector's where overridden, NaN where not usable."""
    usable = (status == OK) | (status == OVERRIDE)
    s = np.where(status == OVERRIDE, override, indicator_fractions(arrays, current, baseline, best))
    return np.where(usable, s, np.nan)


def cell_states(scheme: Scheme, arrays: SchemeArrays, fraction: np.ndarray, status: np.ndarray) -> CellStates:
    """Inclusion and veto of every cell from its fraction and status (no weights involved).

    Parameters
    ----------
    fraction : ndarray of float, shape (n, m)
        ``cell_fractions(...)``, or the ``score`` of each IndicatorResult (NaN for null).
    status : ndarray of int8, shape (n, m)
        Codes of model.STATUSES.
    """
    usable = (status == OK) | (status == OVERRIDE)
    achieved = np.where(usable, fraction, 0.0)
    lacking = (status == MISSING) | (status == INVALID) | (status == PENDING)
    counted_as_zero = lacking & arrays.required & (scheme.missing == "zero")
    included = arrays.is_score & (usable | counted_as_zero)
    vetoed = arrays.veto & ((status == MISSING) | (status == INVALID) | (usable & (achieved == 0)))
    return CellStates(np.where(usable, fraction, np.nan), achieved, included, vetoed)

"""The scoring rules, vectorised over projects × criteria for one scheme.

``score_matrix`` is the pure kernel: numpy arrays in, numpy arrays out, no validation and no
per-cell Python. ``build_inputs`` turns submissions into those arrays (this is where values are
parsed, cell by cell, and issues are recorded), and ``score_scheme`` joins the two into
``ProjectResult`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.core import targets
from scoring.core.inputs import NO_VALUE, SchemeInputs, build_inputs
from scoring.core.model import (
    INVALID,
    MISSING,
    OK,
    OVERRIDE,
    PENDING,
    STATUSES,
    Issue,
    Scheme,
    Submission,
    provenance,
)
from scoring.core.results import IndicatorResult, LazyIndicators, ProjectResult

TIE_TOLERANCE = 1e-9


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
            is_bounded=flags(lambda c: c.type in ("value", "change")),
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


@dataclass
class ScoreArrays:
    """Everything the kernel computes; rows are projects, columns criteria."""

    fraction: np.ndarray  # s, NaN where the status is not ok/override
    status: np.ndarray  # int8 codes into model.STATUSES
    points: np.ndarray  # NaN where excluded
    base: np.ndarray
    bonus: np.ndarray
    penalty: np.ndarray
    total: np.ndarray
    dimensions: np.ndarray  # projects × dimensions
    vetoed: np.ndarray  # projects × criteria, True where a veto criterion failed
    grade_index: np.ndarray  # index into scheme.grades_descending
    u_pollution: np.ndarray
    u_carbon: np.ndarray
    coupling: np.ndarray
    coordination: np.ndarray
    degree: np.ndarray
    synergy_class: np.ndarray  # 1..10, 0 where D is undefined
    rank: np.ndarray
    waiting: np.ndarray  # projects × criteria, True where a criterion is still to be answered
    total_min: np.ndarray  # every waiting criterion at its worst
    total_max: np.ndarray  # every waiting criterion at its best
    grade_min_index: np.ndarray  # grade of total_min (the lowest when vetoed, or when it could be)
    grade_max_index: np.ndarray  # grade of total_max (the lowest when vetoed)
    best_bounds: np.ndarray | None = None  # each project's best bounds where targets are pro-rated
    # what each included score criterion earns at s = 1: weight·total_points/W (docs/explain.md)
    max_points: np.ndarray | None = None


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


def improvement_percent(current, baseline, higher):
    """Improvement r of a change criterion in %: (current − baseline)/|baseline|·100, its sign
    turned for "lower is better" so that r > 0 always means better. Arrays or scalars."""
    change = (current - baseline) / np.abs(baseline) * 100.0
    return np.where(higher, change, -change)


def score_matrix(
    scheme: Scheme,
    arrays: SchemeArrays,
    current: np.ndarray,
    baseline: np.ndarray,
    status: np.ndarray,
    override: np.ndarray,
    best_bounds: np.ndarray | None = None,
) -> ScoreArrays:
    """Score n projects on the m criteria of one scheme. Inputs are not modified.

    Parameters
    ----------
    scheme : Scheme
    arrays : SchemeArrays
        ``SchemeArrays.of(scheme)``.
    current, baseline : ndarray of float, shape (n, m)
        Parsed values (fractions for yes/no and choice); NaN where there is none.
    status : ndarray of int8, shape (n, m)
        Codes of model.STATUSES before scoring (ok, missing, na, invalid, pending, override).
    override : ndarray of float, shape (n, m)
        Inspectors' fractions where ``status`` is override, NaN elsewhere.
    best_bounds : ndarray of float, shape (n, m), optional
        Each project's best bounds where targets are pro-rated (targets.best_matrix).

    Returns
    -------
    ScoreArrays
    """
    fractions = cell_fractions(arrays, current, baseline, status, override, best_bounds)
    cells = cell_states(scheme, arrays, fractions, status)
    waiting = waiting_cells(arrays, status)
    weighed = weigh(scheme, arrays, PreparedCells.of(arrays, cells, waiting), arrays.weight)
    max_points = np.where(cells.included, arrays.weight * weighed.scale[:, None], np.nan)
    return ScoreArrays(
        fraction=cells.fraction,
        status=status,
        points=criterion_points(arrays, cells, arrays.weight, weighed.scale),
        base=weighed.base,
        bonus=weighed.bonus,
        penalty=weighed.penalty,
        total=weighed.total,
        dimensions=weighed.dimensions,
        vetoed=cells.vetoed,
        grade_index=weighed.grade_index,
        rank=weighed.rank,
        waiting=waiting,
        total_min=weighed.total_min,
        total_max=weighed.total_max,
        grade_min_index=weighed.grade_min_index,
        grade_max_index=weighed.grade_max_index,
        **weighed.synergy,
        best_bounds=best_bounds,
        max_points=max_points,
    )


# Everything that depends on the weights, apart from everything that does not: the engine weighs
# once, and the walking-weights panel (scoring/analysis/weights.py) weighs the same prepared cells again
# on every change of a weight, through this same code, so the two can never disagree.


@dataclass(frozen=True)
class WeightTerms:
    """The matrices (n × m) that a weight vector multiplies, built once per set of cell states.

    Attributes
    ----------
    score : s of the included score criteria, 0 elsewhere (Σ w·s over them is the base's numerator)
    included : 1.0 where a score criterion counts in W, 0.0 elsewhere
    bonus, penalty : s of the bonus and of the penalty items, 0 elsewhere
    """

    score: np.ndarray
    included: np.ndarray
    bonus: np.ndarray
    penalty: np.ndarray

    @classmethod
    def of(cls, arrays: SchemeArrays, cells: CellStates) -> WeightTerms:
        return cls(
            score=np.where(cells.included, cells.achieved, 0.0),
            included=cells.included.astype(float),
            bonus=np.where(arrays.is_bonus, cells.achieved, 0.0),
            penalty=np.where(arrays.is_penalty, cells.achieved, 0.0),
        )


@dataclass(frozen=True)
class PreparedCells:
    """One scheme's cells with every weight-independent decision taken: ready to be weighed.

    Build it with :meth:`of`; :func:`weigh` turns it and a weight vector into totals, grades,
    ranks, the provisional range, dimension subtotals and synergy (docs/method.md).
    """

    cells: CellStates
    waiting: np.ndarray  # (n, m) cells still to be answered
    vetoed: np.ndarray  # (n,) a must-pass criterion failed
    could_be_vetoed: np.ndarray  # (n,) vetoed, or a pending must-pass criterion could fail it
    terms: WeightTerms
    worst_terms: WeightTerms  # every waiting cell at its worst (total_min)
    best_terms: WeightTerms  # every waiting cell at its best (total_max)
    sides: SideTerms  # the synergy sides

    @classmethod
    def of(cls, arrays: SchemeArrays, cells: CellStates, waiting: np.ndarray) -> PreparedCells:
        worst, best = bound_cells(arrays, cells, waiting)
        vetoed = cells.vetoed.any(axis=1)
        return cls(
            cells=cells,
            waiting=waiting,
            vetoed=vetoed,
            could_be_vetoed=vetoed | (waiting & arrays.veto).any(axis=1),
            terms=WeightTerms.of(arrays, cells),
            worst_terms=WeightTerms.of(arrays, worst),
            best_terms=WeightTerms.of(arrays, best),
            sides=SideTerms.of(arrays, cells.included, cells.achieved),
        )


@dataclass(frozen=True)
class Weighed:
    """What one weight vector gives the prepared cells; arrays over projects (n) unless noted."""

    scale: np.ndarray  # total_points / W, NaN where W is 0
    base: np.ndarray
    bonus: np.ndarray
    penalty: np.ndarray
    total: np.ndarray
    dimensions: np.ndarray  # (n, dimensions)
    grade_index: np.ndarray
    rank: np.ndarray
    total_min: np.ndarray
    total_max: np.ndarray
    grade_min_index: np.ndarray
    grade_max_index: np.ndarray
    synergy: dict  # the ScoreArrays fields u_pollution … synergy_class


def weigh(scheme: Scheme, arrays: SchemeArrays, prepared: PreparedCells, weight: np.ndarray) -> Weighed:
    """Points, totals, grades, ranks, the provisional range and synergy at one weight vector.

    Parameters
    ----------
    scheme : Scheme
        Its total_points, missing rule, grades and α apply; its own weights are not used.
    arrays : SchemeArrays
    prepared : PreparedCells
    weight : ndarray of float, shape (m,)
        A weight for every criterion, in the scheme's order (≥ 0).
    """
    totals = terms_totals(scheme, prepared.terms, weight)
    worst = terms_totals(scheme, prepared.worst_terms, weight).total
    best = terms_totals(scheme, prepared.best_terms, weight).total
    return Weighed(
        scale=totals.scale,
        base=totals.base,
        bonus=totals.bonus,
        penalty=totals.penalty,
        total=totals.total,
        dimensions=dimension_subtotals(arrays, prepared.terms, weight, totals.scale),
        grade_index=grade_indices(scheme, totals.total, prepared.vetoed),
        rank=rank_projects(totals.total, prepared.vetoed),
        total_min=worst,
        total_max=best,
        grade_min_index=grade_indices(scheme, worst, prepared.could_be_vetoed),
        grade_max_index=grade_indices(scheme, best, prepared.vetoed),
        synergy=side_synergy(scheme.synergy_alpha, prepared.sides, weight),
    )


def criterion_points(arrays: SchemeArrays, cells: CellStates, weight: np.ndarray,
                     scale: np.ndarray) -> np.ndarray:
    """Each criterion's points (n × m): s·w·total_points/W for an included score criterion (NaN
    for one left out), s·w for a bonus item and −s·w for a penalty item (docs/method.md)."""
    score_points = np.where(cells.included, cells.achieved * weight * scale[:, None], np.nan)
    extra_points = cells.achieved * weight
    points = np.where(arrays.is_score, score_points, 0.0)
    points = np.where(arrays.is_bonus, extra_points, points)
    return np.where(arrays.is_penalty, -extra_points, points)


def waiting_cells(arrays: SchemeArrays, status: np.ndarray) -> np.ndarray:
    """Cells still to be answered: manual criteria not yet scored and penalty items left blank.

    Either can still move the total (docs/method.md, "Provisional results"); a blank penalty
    item deducts nothing today, but an answer of "yes" would.
    """
    return (status == PENDING) | (arrays.is_penalty & (status == MISSING))


def bound_cells(arrays: SchemeArrays, cells: CellStates,
                waiting: np.ndarray) -> tuple[CellStates, CellStates]:
    """The cells with every waiting cell at its worst and at its best, for total_min and total_max.

    Worst is 0 for score and bonus items and 1 for penalty items, best the reverse; a waiting
    score criterion is included in W under either missing rule, since once answered it counts.
    """
    included = cells.included | (waiting & arrays.is_score)
    bounds = []
    for penalty_fraction in (1.0, 0.0):
        assumed = np.where(arrays.is_penalty, penalty_fraction, 1.0 - penalty_fraction)
        achieved = np.where(waiting, assumed, cells.achieved)
        bounds.append(CellStates(cells.fraction, achieved, included, cells.vetoed))
    return bounds[0], bounds[1]


# The kernel in pieces that do not depend on the weights (fractions, inclusion, veto) and one
# that does (totals), so that weight-perturbation studies re-weight without re-deciding any rule.


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


@dataclass(frozen=True)
class Totals:
    """Base, bonus, penalty and total points; shape (n,) for one weight vector, (d, n) for d.

    ``scale`` is total_points / W per project (NaN where W is 0), what each weight unit of an
    included score criterion earns at s = 1.
    """

    base: np.ndarray
    bonus: np.ndarray
    penalty: np.ndarray
    total: np.ndarray
    scale: np.ndarray


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


def points_scale(scheme: Scheme, included: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """total_points / W per project, W the sum of its included weights; NaN where W is 0.

    ``included`` is boolean or 1.0/0.0 (n × m). ``weight`` has shape (m,) for one weighting,
    giving shape (n,), or (d, m) for d weightings, giving (d, n).
    """
    included_weight = times_weight(included.astype(float, copy=False), weight)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(included_weight > 0, scheme.total_points / included_weight, np.nan)


def weighted_totals(scheme: Scheme, arrays: SchemeArrays, cells: CellStates, weight: np.ndarray) -> Totals:
    """Base, bonus, penalty and total for one weight vector (m,) or a batch of them (d, m).

    base = Σ s·w·total_points/W over included score criteria (0 when nothing is included),
    bonus and penalty = Σ s·w over their items, total = max(0, base + bonus − penalty). A batch
    is one matrix product per part, which is what makes thousands of re-weightings cheap.
    """
    return terms_totals(scheme, WeightTerms.of(arrays, cells), weight)


def times_weight(matrix: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Σ_j matrix[i, j]·weight[j] for each row i: shape (n,) for weight (m,), (d, n) for (d, m).

    One weight vector is summed by ``einsum``'s own loop, not by BLAS: a threaded BLAS call
    whose threads must be woken on a busy machine cost a hundred times the sum itself (tens of
    ms instead of a fraction of one for 10,000 × 60; bench/bench_weights.py). A batch of
    weightings (the robustness draws) is a matrix product, where BLAS pays.
    """
    if weight.ndim == 1:
        return np.einsum("ij,j->i", matrix, weight)
    return weight @ matrix.T


def terms_totals(scheme: Scheme, terms: WeightTerms, weight: np.ndarray) -> Totals:
    """:func:`weighted_totals` from terms built beforehand: four matrix products."""
    scale = points_scale(scheme, terms.included, weight)
    base = np.nan_to_num(times_weight(terms.score, weight) * scale, nan=0.0)
    bonus = times_weight(terms.bonus, weight)
    penalty = times_weight(terms.penalty, weight)
    return Totals(base, bonus, penalty, np.maximum(0.0, base + bonus - penalty), scale)


def dimension_membership(arrays: SchemeArrays) -> np.ndarray:
    """1.0 where a score criterion (row) belongs to a dimension (column): m × dimensions."""
    dimensions = np.arange(arrays.n_dimensions)
    return ((arrays.dimension_index[:, None] == dimensions) & arrays.is_score[:, None]).astype(float)


def dimension_subtotals(arrays: SchemeArrays, terms: WeightTerms, weight: np.ndarray,
                        scale: np.ndarray) -> np.ndarray:
    """Each dimension's points (n × dimensions): the sum of its included score criteria's
    s·w·total_points/W, as one product with the weights spread over the dimensions."""
    # a weighted sum per dimension, each over contiguous weights (einsum's matrix product is
    # ten times slower than its vector sums, and BLAS is avoided as in times_weight)
    spread = np.ascontiguousarray((weight[:, None] * dimension_membership(arrays)).T)
    if not len(spread):
        return np.zeros((len(scale), 0))
    by_dimension = np.stack([times_weight(terms.score, row) for row in spread], axis=-1)
    return np.nan_to_num(by_dimension * scale[:, None], nan=0.0)


def grade_indices(scheme: Scheme, total: np.ndarray, vetoed: np.ndarray) -> np.ndarray:
    """Index into ``scheme.grades_descending`` of each project's grade (vetoed: the lowest)."""
    grades = scheme.grades_descending
    minimums = np.array([g.min_points for g in grades])
    # the first (highest) band whose minimum is reached; -1 when none is, i.e. below every band
    reached = total[:, None] >= minimums[None, :] - TIE_TOLERANCE
    index = np.where(reached.any(axis=1), reached.argmax(axis=1), len(grades) - 1)
    return np.where(vetoed, len(grades) - 1, index)


@dataclass(frozen=True)
class SideTerms:
    """The two synergy sides' matrices (n × m) that a weight vector multiplies: 1.0 where an
    included score criterion is on the side, and its s there (0 elsewhere)."""

    pollution: np.ndarray
    pollution_s: np.ndarray
    carbon: np.ndarray
    carbon_s: np.ndarray

    @classmethod
    def of(cls, arrays: SchemeArrays, included: np.ndarray, s: np.ndarray) -> SideTerms:
        pollution, carbon = included & arrays.pollution, included & arrays.carbon
        return cls(pollution.astype(float), np.where(pollution, s, 0.0),
                   carbon.astype(float), np.where(carbon, s, 0.0))


def _weighted_index(mask: np.ndarray, masked_s: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Σ w·s / Σ w over each row's masked criteria; NaN where the weights there add up to 0."""
    denominator = times_weight(mask, weight)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, times_weight(masked_s, weight) / denominator, np.nan)


def coupling_coordination(u_p: np.ndarray, u_c: np.ndarray,
                          alpha: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(C, T, D) of the two-system coupling-coordination model (docs/method.md, "Synergy").

    C = 2·√(U_P·U_C)/(U_P + U_C), 0 when both are 0; T = α·U_P + (1 − α)·U_C; D = √(C·T).
    NaN in either index gives NaN throughout (no synergy index).
    """
    u_p, u_c = np.asarray(u_p, dtype=float), np.asarray(u_c, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        coupling = np.where(u_p + u_c > 0, 2.0 * np.sqrt(u_p * u_c) / (u_p + u_c), 0.0)
    coupling = np.where(np.isnan(u_p) | np.isnan(u_c), np.nan, coupling)
    coordination = alpha * u_p + (1.0 - alpha) * u_c
    return coupling, coordination, np.sqrt(coupling * coordination)


def synergy_indices(alpha: float, arrays: SchemeArrays, included: np.ndarray, s: np.ndarray,
                    weight: np.ndarray | None = None) -> dict:
    """The synergy indices of every project (docs/method.md, "Synergy").

    U_P and U_C are the weighted achievement of the pollution-only and carbon-only criteria
    included for a project; C, T and D follow from them (:func:`coupling_coordination`) and the
    class is D's tenth (1–10, 0 when there is no D).

    Parameters
    ----------
    alpha : float
        The pollution side's share in T.
    arrays : SchemeArrays
    included : ndarray of bool, projects × criteria
        The criteria that count for each project (not n/a, not pending).
    s : ndarray of float, projects × criteria
        The achieved fraction of each criterion.
    weight : ndarray of float, optional
        A weight per criterion; the scheme's by default (the Weights tab passes others).

    Returns
    -------
    dict
        ``u_pollution``, ``u_carbon``, ``coupling``, ``coordination``, ``degree`` (arrays) and
        ``synergy_class`` (int array).
    """
    weight = arrays.weight if weight is None else weight
    return side_synergy(alpha, SideTerms.of(arrays, included, s), weight)


def side_synergy(alpha: float, sides: SideTerms, weight: np.ndarray) -> dict:
    """:func:`synergy_indices` from the sides' terms built beforehand."""
    u_p = _weighted_index(sides.pollution, sides.pollution_s, weight)
    u_c = _weighted_index(sides.carbon, sides.carbon_s, weight)
    coupling, coordination, degree = coupling_coordination(u_p, u_c, alpha)
    klass = np.where(
        np.isnan(degree), 0, np.minimum(np.floor(np.nan_to_num(degree) * 10 + 1e-9) + 1, 10)
    ).astype(int)
    return {
        "u_pollution": u_p,
        "u_carbon": u_c,
        "coupling": coupling,
        "coordination": coordination,
        "degree": degree,
        "synergy_class": klass,
    }


#: Joint reduction is clipped to this range (%): a reduction cannot exceed 100 %, and a rise
#: beyond 100 % says no more about co-control than a rise of 100 %.
JOINT_REDUCTION_RANGE = (-100.0, 100.0)


def joint_reduction(pollution_reduction, carbon_reduction):
    """Co-control measure J = min(pollutant reduction %, CO2 reduction %), clipped to ±100.

    The bounded replacement for the synergy elasticity (docs/method.md, "Co-control"): J > 0
    exactly when both fell (quadrant I) and is then the reduction achieved on *both* sides; it
    is negative when either rose, never explodes near a zero CO2 change, and does not reward
    two rises the way a ratio of two negative changes does. Works on floats and on arrays.
    """
    low, high = JOINT_REDUCTION_RANGE
    return np.clip(np.minimum(pollution_reduction, carbon_reduction), low, high)


def rank_projects(total: np.ndarray, vetoed: np.ndarray) -> np.ndarray:
    """Competition ranks (1, 1, 3): unvetoed by total descending, then vetoed ones.

    Totals within ``TIE_TOLERANCE`` of the previous one in order share its rank.
    """
    return batch_ranks(total[np.newaxis, :], vetoed)[0].astype(int)


def batch_ranks(total: np.ndarray, vetoed: np.ndarray) -> np.ndarray:
    """:func:`rank_projects` for each row of totals (d, n) at once (the robustness draws).

    The veto does not depend on the weights, so the two groups are ranked apart and the
    vetoed ones placed after all others.
    """
    ranks = np.empty(total.shape, dtype=np.int32)
    kept = ~vetoed
    ranks[:, kept] = competition_ranks(total[:, kept])
    ranks[:, vetoed] = competition_ranks(total[:, vetoed]) + int(kept.sum())
    return ranks


def competition_ranks(values: np.ndarray) -> np.ndarray:
    """Competition ranks (1, 1, 3) of each row (d, n), highest value first.

    A value within ``TIE_TOLERANCE`` of the previous one in descending order shares its rank.
    """
    d, n = values.shape
    if n == 0:
        return np.zeros((d, 0), dtype=np.int32)
    order = np.argsort(-values, axis=1, kind="stable")
    ordered = np.take_along_axis(values, order, axis=1)
    new_rank = np.ones((d, n), dtype=bool)
    new_rank[:, 1:] = np.abs(np.diff(ordered, axis=1)) > TIE_TOLERANCE
    positions = np.broadcast_to(np.arange(1, n + 1, dtype=np.int32), (d, n))
    ordered_rank = np.maximum.accumulate(np.where(new_rank, positions, 0), axis=1)
    ranks = np.empty((d, n), dtype=np.int32)
    np.put_along_axis(ranks, order, ordered_rank, axis=1)
    return ranks


def score_scheme(
    scheme: Scheme, submissions: list[Submission], assessments: dict | None = None,
    parsed: list[list[tuple]] | None = None, year: str | None = None,
) -> list[ProjectResult]:
    """Score and rank the submissions of one scheme.

    Parameters
    ----------
    scheme : Scheme
    submissions : list of Submission
        All matched to ``scheme``; project_ids are unique.
    assessments : dict, optional
        ``{(project_id, code): Assessment}`` overrides and manual scores.
    parsed : list, optional
        The submissions' cells already parsed (see :func:`parse_submission`).
    year : str, optional
        The assessment year of every submission (a workspace round's); by default each
        submission's own ``year``. Only pro-rated targets use it (scoring/core/targets.py).

    Returns
    -------
    list of ProjectResult
        In the submissions' order (sort by ``rank`` to list them ranked).
    """
    arrays = SchemeArrays.of(scheme)
    inputs = build_inputs(scheme, submissions, assessments, parsed)
    years = [year or sub.year for sub in submissions]
    best = targets.best_matrix(scheme, arrays.best, years)
    if best is not None:
        for i, sub in enumerate(submissions):
            warning = targets.full_target_warning(scheme, years[i], sub.source)
            if warning is not None:
                inputs.issues[i].append(warning)
    scored = score_matrix(
        scheme, arrays, inputs.current, inputs.baseline, inputs.status, inputs.override, best
    )
    pending = scored.waiting.sum(axis=1).tolist()
    return [_project_result(scheme, scored, inputs, i, sub, pending[i]) for i, sub in enumerate(submissions)]


def _synergy_dict(scored: ScoreArrays, i: int) -> dict | None:
    if np.isnan(scored.degree[i]):
        return None
    return {
        "pollution": float(scored.u_pollution[i]),
        "carbon": float(scored.u_carbon[i]),
        "C": float(scored.coupling[i]),
        "T": float(scored.coordination[i]),
        "D": float(scored.degree[i]),
        "class": int(scored.synergy_class[i]),
    }


def _nan_to_none(values: list[float]) -> list[float | None]:
    return [None if v != v else v for v in values]


def _indicator_results(scheme, scored: ScoreArrays, inputs: SchemeInputs, i: int,
                       sub: Submission) -> dict[str, IndicatorResult]:
    """The IndicatorResult of each criterion of project ``i``, in the scheme's order."""
    # One conversion per row instead of a numpy scalar per cell.
    fractions = _nan_to_none(scored.fraction[i].tolist())
    points = _nan_to_none(scored.points[i].tolist())
    most = _nan_to_none(scored.max_points[i].tolist())
    statuses = scored.status[i].tolist()
    shown = inputs.shown[i] if inputs.shown else [NO_VALUE] * len(scheme.criteria)
    currents, baselines = inputs.current[i].tolist(), inputs.baseline[i].tolist()
    targets_used = _prorated_targets(scheme, scored, inputs, i)
    cells = provenance(sub.inputs, scheme.codes)
    indicators = {}
    for j, criterion in enumerate(scheme.criteria):
        location, evidence, baseline_location = cells[j]
        assessment = inputs.overrides.get((i, j))
        pair = shown[j]
        if pair is None:  # a plain number (and baseline): as parsed into the arrays
            pair = currents[j], baselines[j] if criterion.needs_baseline else None
        indicators[criterion.code] = IndicatorResult(
            code=criterion.code,
            value=pair[0],
            baseline=pair[1],
            score=fractions[j],
            points=points[j],
            status=STATUSES[statuses[j]],
            location=location,
            evidence=evidence,
            inspector=assessment.inspector if assessment else "",
            reason=assessment.reason if assessment else "",
            baseline_location=baseline_location,
            max_points=most[j],
            **targets_used.get(j, {}),
        )
    return indicators


def _prorated_targets(scheme, scored: ScoreArrays, inputs: SchemeInputs, i: int) -> dict[int, dict]:
    """best_used and attainment of project ``i``'s pro-rated criteria, by column."""
    if scored.best_bounds is None:
        return {}
    found = {}
    for j, criterion in enumerate(scheme.criteria):
        if criterion.prorate:
            best_used = float(scored.best_bounds[i, j])
            higher = criterion.direction == "higher"
            with np.errstate(divide="ignore", invalid="ignore"):
                r = float(improvement_percent(inputs.current[i, j], inputs.baseline[i, j], higher))
            found[j] = {"best_used": best_used, "attainment": targets.attainment(r, best_used)}
    return found


def _project_result(scheme, scored: ScoreArrays, inputs: SchemeInputs, i: int,
                    sub: Submission, pending: int = 0) -> ProjectResult:
    veto_codes = [scheme.criteria[j].code for j in np.flatnonzero(scored.vetoed[i])]
    issues = list(inputs.issues[i])
    for code in veto_codes:
        entry = sub.inputs.get(code)
        where = entry.current.location if entry and entry.current else sub.source
        issues.append(Issue("error", "veto", where,
                            f"{code}: the must-pass criterion is not met, so the project fails",
                            f"{code}：一票否决指标未达标，项目评定为不合格"))
    indicators = LazyIndicators(lambda: _indicator_results(scheme, scored, inputs, i, sub),
                                len(scheme.criteria),  # one result per criterion
                                lambda: [STATUSES[k] for k in scored.status[i].tolist()])
    grades = scheme.grades_descending
    return ProjectResult(
        project_id=sub.project_id,
        name=sub.name,
        level=sub.level,
        scheme=scheme.name,
        source=sub.source,
        total=float(scored.total[i]),
        base=float(scored.base[i]),
        bonus=float(scored.bonus[i]),
        penalty=float(scored.penalty[i]),
        grade=grades[scored.grade_index[i]].name,
        rank=int(scored.rank[i]),
        veto=veto_codes,
        dimensions={d: float(scored.dimensions[i, k]) for k, d in enumerate(scheme.dimensions)},
        synergy=_synergy_dict(scored, i),
        indicators=indicators,
        issues=issues,
        region=sub.region,
        organisation=sub.organisation,
        year=sub.year,
        scheme_version=scheme.version,
        pending=pending,
        total_min=float(scored.total_min[i]),
        total_max=float(scored.total_max[i]),
        grade_range=(grades[scored.grade_min_index[i]].name, grades[scored.grade_max_index[i]].name),
    )

"""The scoring kernel, vectorised over projects × criteria for one scheme: arrays in, arrays out.

``score_matrix`` scores n projects on a scheme's m criteria with no validation and no per-cell
Python: it takes the cell decisions of scoring/core/cells.py, weighs them into points, base,
bonus, penalty and total, the provisional range, dimension subtotals and the synergy indices,
and grades and ranks the totals (scoring/core/ranking.py). The weighing is apart from the
decisions (:class:`PreparedCells`, :func:`weigh`) so that the walking-weights panel and the
robustness studies re-weight through this same code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from scoring.core.cells import (
    CellStates,
    SchemeArrays,
    bound_cells,
    cell_fractions,
    cell_states,
    waiting_cells,
)
from scoring.core.model import Scheme
from scoring.core.ranking import grade_indices, rank_projects
from scoring.core.synergy import coupling_coordination, synergy_class


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
    # what each included score criterion earns at s = 1: weight·total_points/W (docs/explain.md)
    max_points: np.ndarray
    best_bounds: np.ndarray | None = None  # each project's best bounds where targets are pro-rated

    def synergy_of(self, i: int) -> dict | None:
        """Project ``i``'s synergy indices as ``ProjectResult.synergy`` holds them (None: no D)."""
        if np.isnan(self.degree[i]):
            return None
        return {
            "pollution": float(self.u_pollution[i]),
            "carbon": float(self.u_carbon[i]),
            "C": float(self.coupling[i]),
            "T": float(self.coordination[i]),
            "D": float(self.degree[i]),
            "class": int(self.synergy_class[i]),
        }


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
    weighed = weigh(scheme, arrays, PreparedCells.of(arrays, cells, waiting, once=True), arrays.weight)
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
# once, and the walking-weights panel (scoring/analysis/weights.py) weighs the same prepared cells
# again on every change of a weight, through this same code, so the two can never disagree.


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
    sides: SideTerms  # the synergy sides
    #: every waiting cell at its worst (total_min) and at its best (total_max); None when weighed
    #: only once, each then built while it is weighed (:meth:`bound_totals`)
    kept_bounds: tuple[WeightTerms, WeightTerms] | None
    arrays: SchemeArrays

    @classmethod
    def of(cls, arrays: SchemeArrays, cells: CellStates, waiting: np.ndarray, *,
           once: bool = False) -> PreparedCells:
        """The prepared cells; ``once`` when they are weighed a single time (the engine).

        Weighed again and again (the walking weights, the robustness studies), the worst and
        best cases' terms are built here and kept. Weighed once, they are built one after the
        other while weighed and dropped, so that their eight n × m matrices are never all alive
        together (20,000 projects × 60 criteria: 77 MB; issue 15).
        """
        vetoed: np.ndarray = np.any(cells.vetoed, axis=1)
        prepared = cls(
            cells=cells,
            waiting=waiting,
            vetoed=vetoed,
            could_be_vetoed=vetoed | (waiting & arrays.veto).any(axis=1),
            terms=WeightTerms.of(arrays, cells),
            sides=SideTerms.of(arrays, cells.included, cells.achieved),
            kept_bounds=None,
            arrays=arrays,
        )
        if once:
            return prepared
        bounds = tuple(WeightTerms.of(arrays, bound) for bound in bound_cells(arrays, cells, waiting))
        return replace(prepared, kept_bounds=(bounds[0], bounds[1]))

    def bound_totals(self, scheme: Scheme, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """total_min and total_max at ``weight``: from the kept terms, else from each case's
        terms built in turn (one case's alive at a time)."""
        if self.kept_bounds is not None:
            worst, best = (terms_totals(scheme, terms, weight).total for terms in self.kept_bounds)
        else:
            worst, best = (terms_totals(scheme, WeightTerms.of(self.arrays, bound), weight).total
                           for bound in bound_cells(self.arrays, self.cells, self.waiting))
        return worst, best


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
    worst, best = prepared.bound_totals(scheme, weight)
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
    return {
        "u_pollution": u_p,
        "u_carbon": u_c,
        "coupling": coupling,
        "coordination": coordination,
        "degree": degree,
        "synergy_class": synergy_class(degree),
    }

"""Robustness of a ranking: rank ranges under weight uncertainty, cut-off stability, cross-check.

Weights are a judgement, and a ranking decides who is recognised and funded, so a supervisor
should see how far each project's rank could move if the weights were somewhat different.
Three studies, all on the indicator fractions the engine already decided (overrides, missing
values and must-pass rules included), none re-reading a file:

* **Weight perturbation** (:func:`perturb`): N random weightings of the score criteria, each
  re-scored with the engine's own totals (:func:`scoring.core.kernel.weighted_totals`) and ranked
  with its own rules (ties within ``TIE_TOLERANCE`` share a rank, vetoed projects last). Per
  project: median rank, 5th–95th percentile rank, probability of staying in the top k, of
  keeping at least its grade, and of staying at or above a chosen grade.
* **Cut-off stability** (:func:`cutoff_stability`): the smallest relative change of one weight
  that moves any project across a cut-off (top k, or a grade), and which criterion and projects.
* **Second method** (:func:`entropy_topsis`): entropy-weighted TOPSIS over the same fractions,
  its ranking and the agreement of the two rankings (Spearman, Kendall tau-b).

Only score criteria are perturbed. Bonus and penalty items are fixed point amounts written into
the rules (e.g. "+2 points for a national award"), not relative weights, and the Dirichlet
option is defined on the simplex of relative weights, which only score criteria have.

Nothing here imports Qt; the GUI runs :func:`assess_run` in a worker with ``progress``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.analysis.mcdm import (
    CHUNK_CELLS,
    entropy_weights,
    kendall_tau_b,
    minmax_benefit,
    spearman,
    topsis_closeness,
)
from scoring.analysis.robustness_options import (
    DEFAULT_MAX_CHANGE,
    Progress,
    RobustnessCancelled,
    RobustnessError,
    RobustnessOptions,
)
from scoring.core.cells import CellStates, SchemeArrays, cell_states
from scoring.core.kernel import weighted_totals
from scoring.core.model import NA, STATUSES, Scheme
from scoring.core.presentation import grade_label, said
from scoring.core.ranking import batch_ranks, grade_indices, rank_projects
from scoring.core.results import ProjectResult

#: The options a study takes when given none.
DEFAULT_OPTIONS = RobustnessOptions()
#: Ranks kept for the percentiles (draws × projects, 4 bytes each: 200 MB at most).
MAX_RANK_CELLS = 50_000_000


# --------------------------------------------------------------------------- the matrix


@dataclass(frozen=True)
class SchemeMatrix:
    """One scheme's projects as the engine sees them, ready to be re-weighted.

    Build it with :func:`scheme_matrix` (from results) or :func:`matrix_from_arrays`.
    """

    scheme: Scheme
    arrays: SchemeArrays
    project_ids: tuple[str, ...]
    names: tuple[str, ...]
    cells: CellStates
    status: np.ndarray  # (n, m) codes of model.STATUSES
    vetoed: np.ndarray  # (n,) a must-pass criterion failed: independent of the weights
    total: np.ndarray  # (n,) at the template weights
    rank: np.ndarray
    grade_index: np.ndarray

    @property
    def size(self) -> int:
        return len(self.project_ids)


def matrix_from_arrays(
    scheme: Scheme,
    fraction: np.ndarray,
    status: np.ndarray,
    project_ids: Sequence[str] | None = None,
    names: Sequence[str] | None = None,
) -> SchemeMatrix:
    """A SchemeMatrix from the kernel's fraction and status matrices (n × m).

    Parameters
    ----------
    fraction : ndarray of float
        s where the status is ok or override (an override already holds the inspector's
        fraction), NaN elsewhere.
    status : ndarray of int8
        Codes of model.STATUSES.
    """
    arrays = SchemeArrays.of(scheme)
    status = np.asarray(status, dtype=np.int8)
    cells = cell_states(scheme, arrays, np.asarray(fraction, dtype=float), status)
    n = cells.fraction.shape[0]
    ids = tuple(project_ids) if project_ids is not None else tuple(f"P{i + 1}" for i in range(n))
    vetoed = np.asarray(cells.vetoed.any(axis=1))  # an array for any n (numpy types a scalar too)
    total = weighted_totals(scheme, arrays, cells, arrays.weight).total
    return SchemeMatrix(
        scheme=scheme,
        arrays=arrays,
        project_ids=ids,
        names=tuple(names) if names is not None else ids,
        cells=cells,
        status=status,
        vetoed=vetoed,
        total=total,
        rank=rank_projects(total, vetoed),
        grade_index=grade_indices(scheme, total, vetoed),
    )


def scheme_matrix(scheme: Scheme, projects: Sequence[ProjectResult]) -> SchemeMatrix:
    """A SchemeMatrix from scored results: each indicator's score (s) and status.

    The results carry everything the rules decided per cell (an override's status is
    ``override`` and its score the inspector's fraction), so nothing is read again.
    """
    codes = scheme.codes
    n, m = len(projects), len(codes)
    fraction = np.full((n, m), np.nan)
    status = np.zeros((n, m), dtype=np.int8)
    for i, project in enumerate(projects):
        for j, code in enumerate(codes):
            indicator = project.indicators.get(code)
            if indicator is None:
                status[i, j] = STATUSES.index("missing")
                continue
            status[i, j] = STATUSES.index(indicator.status)
            if indicator.score is not None:
                fraction[i, j] = indicator.score
    return matrix_from_arrays(scheme, fraction, status, [p.project_id for p in projects],
                              [p.name for p in projects])


def _totals(matrix: SchemeMatrix, weights: np.ndarray) -> np.ndarray:
    """Totals (d, n) for weight rows (d, m), by the engine's own formula."""
    return weighted_totals(matrix.scheme, matrix.arrays, matrix.cells, weights).total


# --------------------------------------------------------------------------- perturbation


def dirichlet_concentration(spread: float, n_weighted: int) -> float:
    """κ giving a criterion of average share 1/m the relative sd p/√3 of the uniform draw.

    A share q ~ Beta(κq, κ(1 − q)) has sd √(q(1 − q)/(κ + 1)); with q = 1/m, setting the
    relative sd √((m − 1)/(κ + 1)) to p/√3 gives κ = 3(m − 1)/p² − 1 (inf when p = 0).
    """
    if spread == 0 or n_weighted < 2:
        return math.inf
    return 3.0 * (n_weighted - 1) / spread**2 - 1.0


def draw_weights(arrays: SchemeArrays, options: RobustnessOptions, rng: np.random.Generator) -> np.ndarray:
    """Random weightings (draws × m); only score criteria with positive weight change.

    Uniform: w_j·U[1 − p, 1 + p] independently. Dirichlet: the score weights' total W times
    shares ~ Dirichlet(κ·w/W), so the mean weighting is the template's.
    """
    weights = np.tile(arrays.weight, (options.draws, 1))
    varied = arrays.is_score & (arrays.weight > 0)
    k = int(varied.sum())
    if k == 0 or options.spread == 0:
        return weights
    if options.method == "uniform":
        factors = rng.uniform(1.0 - options.spread, 1.0 + options.spread, size=(options.draws, k))
        weights[:, varied] = arrays.weight[varied] * factors
        return weights
    kappa = options.concentration or dirichlet_concentration(options.spread, k)
    if not math.isfinite(kappa):
        return weights
    total = arrays.weight[varied].sum()
    shares = rng.dirichlet(kappa * arrays.weight[varied] / total, size=options.draws)
    weights[:, varied] = shares * total
    return weights


@dataclass(frozen=True)
class RankDistribution:
    """Per-project summary of the ranks over all draws (arrays in the matrix's project order).

    Percentile ranks use the inverted-CDF definition, so each is a rank that occurred.
    """

    draws: int
    median_rank: np.ndarray
    rank_p5: np.ndarray
    rank_p95: np.ndarray
    p_top_k: np.ndarray
    p_keep_grade: np.ndarray  # at or above the project's own grade at the template weights
    p_grade: np.ndarray | None  # at or above options.grade, when given
    top_k: int
    grade: str | None

    def grade_cutoff(self) -> tuple[str, np.ndarray] | None:
        """The grade cut-off asked for and each project's share of draws at or above it, or
        None when no grade cut-off was asked for (``grade`` and ``p_grade`` are given together)."""
        if self.grade is None or self.p_grade is None:
            return None
        return self.grade, self.p_grade


def resolve_grade(scheme: Scheme, name: str) -> int:
    """Index into ``scheme.grades_descending`` of a grade given by English or Chinese name."""
    wanted = name.strip().casefold()
    for index, grade in enumerate(scheme.grades_descending):
        if wanted in (grade.name.casefold(), grade_label(grade.name, "zh").casefold()):
            return index
    names = ", ".join(g.name for g in scheme.grades_descending)
    raise RobustnessError(said("rb_no_grade", scheme=scheme.name, name=name, names=names))


def _grade_of(matrix: SchemeMatrix, total: np.ndarray) -> np.ndarray:
    """Grade indices (d, n) of a batch of totals; vetoed projects get the lowest band."""
    d, n = total.shape
    flat = grade_indices(matrix.scheme, total.ravel(), np.tile(matrix.vetoed, d))
    return flat.reshape(d, n)


def perturb(
    matrix: SchemeMatrix, options: RobustnessOptions = DEFAULT_OPTIONS, progress: Progress | None = None
) -> RankDistribution:
    """Rank every project under ``options.draws`` random weightings.

    Parameters
    ----------
    matrix : SchemeMatrix
    options : RobustnessOptions
    progress : callable, optional
        ``progress(done_draws, draws)`` after each chunk; returning False cancels.

    Returns
    -------
    RankDistribution

    Raises
    ------
    RobustnessError
        Bad options or an unknown grade.
    RobustnessCancelled
        When ``progress`` returned False.
    """
    options.check()
    if options.draws * matrix.size > MAX_RANK_CELLS:
        most = MAX_RANK_CELLS // matrix.size
        raise RobustnessError(said("rb_memory", draws=f"{options.draws:,}", projects=f"{matrix.size:,}",
                                   most=f"{most:,}"))
    grade_cut = resolve_grade(matrix.scheme, options.grade) if options.grade else None
    # all draws first, from one generator: the result does not depend on the chunk size
    weights = draw_weights(matrix.arrays, options, np.random.default_rng(options.seed))
    n, d = matrix.size, options.draws
    ranks = np.empty((d, n), dtype=np.int32)
    keep = np.zeros(n)
    above = np.zeros(n)
    chunk = max(1, CHUNK_CELLS // max(n, 1))
    for start in range(0, d, chunk):
        stop = min(d, start + chunk)
        total = _totals(matrix, weights[start:stop])
        ranks[start:stop] = batch_ranks(total, matrix.vetoed)
        grades = _grade_of(matrix, total)
        keep += (grades <= matrix.grade_index).sum(axis=0)
        if grade_cut is not None:
            above += (grades <= grade_cut).sum(axis=0)
        if progress is not None and progress(stop, d) is False:
            raise RobustnessCancelled
    if n:
        p5, median, p95 = np.quantile(ranks, [0.05, 0.5, 0.95], axis=0, method="inverted_cdf").astype(int)
    else:
        p5 = median = p95 = np.zeros(0, dtype=int)
    return RankDistribution(
        draws=d,
        median_rank=median,
        rank_p5=p5,
        rank_p95=p95,
        p_top_k=(ranks <= options.top_k).mean(axis=0) if n else np.zeros(0),
        p_keep_grade=keep / d,
        p_grade=above / d if grade_cut is not None else None,
        top_k=options.top_k,
        grade=matrix.scheme.grades_descending[grade_cut].name if grade_cut is not None else None,
    )


# --------------------------------------------------------------------------- cut-off stability


@dataclass(frozen=True)
class CriterionSensitivity:
    """How far one criterion's weight can move before someone crosses the cut-off.

    ``down`` and ``up`` are relative changes (−0.12 = the weight 12% lower), None when no change
    within ``max_change`` moves anyone; the projects are those that cross first.
    """

    code: str
    down: float | None
    up: float | None
    down_projects: tuple[str, ...] = ()
    up_projects: tuple[str, ...] = ()


@dataclass(frozen=True)
class CutoffStability:
    """The smallest single-weight change that moves any project across a cut-off.

    Attributes
    ----------
    cutoff : str
        ``"top 10"`` or ``"grade Good"``.
    change : float or None
        Signed relative change of ``criterion``'s weight (None: stable within ``max_change``).
    criterion : str or None
    projects : tuple of str
        Project ids whose side of the cut-off changes at that point.
    by_criterion : tuple of CriterionSensitivity
        Every positively weighted score criterion, in the scheme's order.
    max_change : float
    """

    cutoff: str
    change: float | None
    criterion: str | None
    projects: tuple[str, ...]
    by_criterion: tuple[CriterionSensitivity, ...]
    max_change: float

    def as_dict(self) -> dict:
        return {
            "cutoff": self.cutoff,
            "change": self.change,
            "criterion": self.criterion,
            "projects": list(self.projects),
            "max_change": self.max_change,
            "by_criterion": [
                {"code": c.code, "down": c.down, "up": c.up,
                 "down_projects": list(c.down_projects), "up_projects": list(c.up_projects)}
                for c in self.by_criterion
            ],
        }


@dataclass(frozen=True)
class _Linear:
    """Each project's total as a function of one weight's relative change t.

    With a = Σ s·w and b = Σ w over included score criteria, c = s_j·w_j and d = w_j for the
    varied criterion j (0 where not included), and e = bonus − penalty:
    f(t) = T·(a + t·c)/(b + t·d) + e, before the clip at 0; a ratio of linear functions, so any
    crossing of a level is a linear equation and any crossing of two projects a quadratic.
    """

    T: float
    a: np.ndarray
    b: np.ndarray
    c: np.ndarray
    d: np.ndarray
    e: np.ndarray

    def level_roots(self, level: np.ndarray) -> np.ndarray:
        """t where f(t) = level (per project); NaN where it never is."""
        g = level - self.e
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (g * self.b - self.T * self.a) / (self.T * self.c - g * self.d)
        return np.where(self.b > 0, t, np.nan)

    def pair_roots(self, i: np.ndarray, k: np.ndarray) -> np.ndarray:
        """t where f_i(t) = f_k(t), both roots per pair (shape (2, pairs)); NaN where none.

        (f_k − f_i)·(b_i + t·d_i)·(b_k + t·d_k) = A·t² + B·t + C, the denominators being
        positive wherever the weight stays positive.
        """
        T, a, b, c, d = self.T, self.a, self.b, self.c, self.d
        E = self.e[k] - self.e[i]
        A = T * (c[k] * d[i] - c[i] * d[k]) + E * d[k] * d[i]
        B = T * (a[k] * d[i] + c[k] * b[i] - a[i] * d[k] - c[i] * b[k]) + E * (b[k] * d[i] + d[k] * b[i])
        C = T * (a[k] * b[i] - a[i] * b[k]) + E * b[k] * b[i]
        with np.errstate(divide="ignore", invalid="ignore"):
            linear = np.abs(A) <= 1e-12 * (np.abs(B) + np.abs(C) + 1e-300)
            root = np.sqrt(np.where(B * B - 4 * A * C >= 0, B * B - 4 * A * C, np.nan))
            q = -0.5 * (B + np.copysign(root, B))  # the stable form of the quadratic formula
            first = np.where(linear, -C / B, q / A)
            second = np.where(linear, np.nan, C / q)
        both = np.stack([first, second])
        # a project with nothing included has a constant total; its crossings are level roots
        constant = (b[i] <= 0) | (b[k] <= 0)
        return np.where(constant, np.nan, both)


def _linear_in(matrix: SchemeMatrix, template, j: int) -> _Linear:
    """f(t) of every project for criterion j; ``template`` holds the template weights' Totals."""
    w = matrix.arrays.weight
    included = matrix.cells.included
    score_s = np.where(included, matrix.cells.achieved, 0.0)
    return _Linear(
        T=float(matrix.scheme.total_points),
        a=score_s @ w,
        b=included.astype(float) @ w,
        c=score_s[:, j] * w[j],
        d=included[:, j] * w[j],
        e=template.bonus - template.penalty,
    )


class _Cutoff:
    """Which projects are on the good side of a cut-off, for any batch of totals."""

    def __init__(self, matrix: SchemeMatrix, top_k: int | None, grade: int | None):
        self.matrix, self.top_k, self.grade = matrix, top_k, grade
        self.base = self.members(matrix.total[None, :])[0]

    @property
    def grade_index(self) -> int:
        """The grade cut-off's index into ``grades_descending``, for a cut-off by grade."""
        if self.grade is None:
            raise RobustnessError("give either a top-k cut-off or a grade cut-off")
        return self.grade

    @property
    def label(self) -> str:
        if self.top_k is not None:
            return f"top {self.top_k}"
        return f"grade {self.matrix.scheme.grades_descending[self.grade_index].name}"

    def members(self, total: np.ndarray) -> np.ndarray:
        if self.top_k is not None:
            return batch_ranks(total, self.matrix.vetoed) <= self.top_k
        return _grade_of(self.matrix, total) <= self.grade_index

    def candidates(self, lin: _Linear) -> np.ndarray:
        """Every t at which membership can change.

        0 itself (a tie at the cut-off breaks at once); where a total reaches 0 (the clip
        makes it tie with others at 0); for top k, where a project inside and one outside
        cross (a project with nothing included has a constant total, crossed where the other
        reaches its level); for a grade, where a total reaches the grade's minimum.
        """
        m = self.matrix
        roots = [np.zeros(1), lin.level_roots(np.zeros(m.size))]
        if self.top_k is not None:
            inside, outside = np.flatnonzero(self.base), np.flatnonzero(~self.base)
            # pairs in blocks of inside projects, so memory stays bounded for a large top k
            block = max(1, CHUNK_CELLS // max(len(outside), 1))
            for start in range(0, len(inside), block):
                i, k = (g.ravel() for g in np.meshgrid(inside[start:start + block], outside, indexing="ij"))
                same = m.vetoed[i] == m.vetoed[k]  # a vetoed project never swaps with another
                roots.append(_earliest(lin.pair_roots(i[same], k[same]).ravel()))
            levels = np.unique(m.total[lin.b <= 0])
            roots.append(lin.level_roots(levels[:, None]).ravel())
        else:
            minimum = m.scheme.grades_descending[self.grade_index].min_points
            roots.append(np.where(m.vetoed, np.nan, lin.level_roots(np.full(m.size, minimum))))
        found = np.concatenate(roots)
        return np.unique(found[np.isfinite(found)])


#: Pair crossings kept per direction and block of pairs. The first crossing of a project
#: inside with one outside already changes who is inside, and every kept candidate is checked
#: with the engine, so only the earliest few can matter; the cap bounds the work for a large k.
MAX_CANDIDATES = 4096


def _earliest(roots: np.ndarray, keep: int = MAX_CANDIDATES) -> np.ndarray:
    """The ``keep`` roots nearest 0 on each side (finite ones only)."""
    roots = roots[np.isfinite(roots)]
    kept = []
    for side in (roots[roots <= 0], roots[roots >= 0]):
        if len(side) > keep:
            side = side[np.argpartition(np.abs(side), keep - 1)[:keep]]
        kept.append(side)
    return np.concatenate(kept)


def _first_crossing(cut: _Cutoff, j: int, candidates: np.ndarray, end: float, batch: int = 16):
    """The first candidate t (ordered from 0 towards ``end``) at which membership changes.

    Membership is constant between consecutive candidates, so checking each candidate and the
    midpoint to the next one is exact. Returns (t, changed project indices) or (None, ()).
    """
    m = cut.matrix
    ordered = candidates[np.argsort(np.abs(candidates))]
    for start in range(0, len(ordered), batch):
        chunk = ordered[start:start + batch]
        following = np.append(ordered[start + 1:start + batch + 1], end)[: len(chunk)]
        points = np.concatenate([chunk, (chunk + following) / 2])
        weights = np.tile(m.arrays.weight, (len(points), 1))
        weights[:, j] *= 1.0 + points
        changed = cut.members(_totals(m, weights)) != cut.base
        at_point = (changed[: len(chunk)] | changed[len(chunk):]).any(axis=1)
        if at_point.any():
            first = int(np.argmax(at_point))
            # at a crossing the two projects tie (one has moved); just past it both have
            rows = changed[first] | changed[len(chunk) + first]
            return float(chunk[first]), tuple(np.flatnonzero(rows))
    return None, ()


def cutoff_stability(
    matrix: SchemeMatrix, top_k: int | None = None, grade: str | None = None,
    max_change: float = DEFAULT_MAX_CHANGE,
) -> CutoffStability:
    """The smallest relative change of one score weight that moves a project across a cut-off.

    Each positively weighted score criterion j in turn gets weight w_j·(1 + t), the others kept.
    Every total is then a ratio of linear functions of t, so the points where membership can
    change are roots of linear or quadratic equations (found in closed form); each is then
    checked with the engine's own totals and ranking, so clip-at-0, ties and vetoes are honoured.

    Parameters
    ----------
    matrix : SchemeMatrix
    top_k : int, optional
        The cut-off "rank ≤ k" (competition ranks, so a tie at k counts as inside).
    grade : str, optional
        The cut-off "grade at or above this one"; give exactly one of ``top_k`` and ``grade``.
    max_change : float
        Search t in [−min(1, max_change), max_change]; −1 sets the weight to 0.
    """
    if (top_k is None) == (grade is None):
        raise RobustnessError("give either a top-k cut-off or a grade cut-off")
    if top_k is not None and top_k < 1:
        raise RobustnessError(said("rb_top_k", found=top_k))
    cut = _Cutoff(matrix, top_k, resolve_grade(matrix.scheme, grade) if grade else None)
    low, high = -min(1.0, max_change), max_change
    sensitivities = []
    best: tuple[float, str, tuple[int, ...]] | None = None
    arrays = matrix.arrays
    template = weighted_totals(matrix.scheme, arrays, matrix.cells, arrays.weight)
    for j in np.flatnonzero(arrays.is_score & (arrays.weight > 0)):
        found = cut.candidates(_linear_in(matrix, template, int(j))) if matrix.size else np.zeros(0)
        down, down_rows = _first_crossing(cut, int(j), found[(found <= 0) & (found >= low)], low)
        up, up_rows = _first_crossing(cut, int(j), found[(found >= 0) & (found <= high)], high)
        code = matrix.scheme.criteria[j].code
        sensitivities.append(CriterionSensitivity(code, down, up, _ids(matrix, down_rows),
                                                  _ids(matrix, up_rows)))
        for t, rows in ((down, down_rows), (up, up_rows)):
            if t is not None and (best is None or abs(t) < abs(best[0])):
                best = (t, code, rows)
    return CutoffStability(
        cutoff=cut.label,
        change=best[0] if best else None,
        criterion=best[1] if best else None,
        projects=_ids(matrix, best[2]) if best else (),
        by_criterion=tuple(sensitivities),
        max_change=max_change,
    )


def _ids(matrix: SchemeMatrix, rows) -> tuple[str, ...]:
    ordered = sorted(rows, key=lambda i: (matrix.rank[i], matrix.project_ids[i]))
    return tuple(matrix.project_ids[i] for i in ordered)


# --------------------------------------------------------------------------- entropy-TOPSIS


@dataclass(frozen=True)
class TopsisResult:
    """Entropy-weighted TOPSIS over the measured score criteria's fractions, and its agreement.

    ``rank`` uses the engine's ranking rule (ties within 1e-9, vetoed projects last): a
    must-pass rule is a rule, not a weighting, so it holds for either method. ``drivers``
    names the columns that most of any disagreement comes from (see :func:`disagreement_drivers`).
    """

    codes: tuple[str, ...]
    weights: np.ndarray
    closeness: np.ndarray
    rank: np.ndarray
    spearman: float | None
    kendall: float | None
    drivers: tuple[Driver, ...] = ()


@dataclass(frozen=True)
class Driver:
    """A TOPSIS column that much of the disagreement comes from.

    ``entropy_share`` is its entropy weight, ``template_share`` its share of the scheme's weight
    among the TOPSIS columns, ``spearman_without`` the agreement when the cross-check leaves it out.
    """

    code: str
    entropy_share: float
    template_share: float
    spearman_without: float


#: A column counts as a driver of disagreement when leaving it out raises Spearman's rho by
#: more than this; at most MAX_DRIVERS are named.
DRIVER_GAIN = 0.02
MAX_DRIVERS = 3


def topsis_columns(arrays: SchemeArrays, scheme: Scheme) -> np.ndarray:
    """The criteria the cross-check uses: score criteria with weight > 0 that are measured.

    Manual criteria are an inspector's judgement, not a measurement, and are pending for most
    projects until the site visit; bonus and penalty items are adjustments, not performance;
    a weight-0 criterion (a must-pass item) scores nothing (docs/method.md, "TOPSIS cross-check").
    """
    manual = np.array([c.type == "manual" for c in scheme.criteria], dtype=bool)
    return arrays.is_score & (arrays.weight > 0) & ~manual


def topsis_matrix(cells: CellStates, status: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """The decision matrix: each project's fraction on each TOPSIS column.

    A not-applicable cell takes its column's mean over the applicable cells (neutral: n/a is
    allowed where a criterion does not concern a project, so it must not count as the worst);
    a missing or invalid cell counts 0, as in the points. A column with no applicable cell is
    all 0 (it then separates nobody and gets entropy weight 0).
    """
    values = cells.achieved[:, columns]
    not_applicable = status[:, columns] == NA
    applicable = (~not_applicable).sum(axis=0)
    sums = np.where(not_applicable, 0.0, values).sum(axis=0)
    mean = np.divide(sums, applicable, out=np.zeros_like(sums), where=applicable > 0)
    return np.where(not_applicable, mean[None, :], values)


def _closeness_and_ranks(values: np.ndarray, vetoed: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    normalised = minmax_benefit(values) if len(values) else values
    weights = entropy_weights(normalised)
    closeness = topsis_closeness(normalised, weights)
    # all-NaN closeness means no criterion separates anyone: everyone shares the first rank
    return weights, closeness, rank_projects(np.nan_to_num(closeness, nan=0.0), vetoed)


def entropy_topsis(matrix: SchemeMatrix) -> TopsisResult:
    """The second method: entropy weights and TOPSIS over the same indicator fractions.

    The columns are :func:`topsis_columns`, the cells :func:`topsis_matrix`. Columns are
    normalised by (x − min)/(max − min) (fractions are already oriented so that higher is
    better), weighted by their entropy and ranked by closeness; see :func:`entropy_weights` and
    :func:`topsis_closeness`, and docs/method.md, "TOPSIS cross-check".
    """
    columns = topsis_columns(matrix.arrays, matrix.scheme)
    values = topsis_matrix(matrix.cells, matrix.status, columns)
    weights, closeness, rank = _closeness_and_ranks(values, matrix.vetoed)
    codes = tuple(c.code for c, used in zip(matrix.scheme.criteria, columns, strict=True) if used)
    rho = spearman(matrix.rank, rank)
    drivers = disagreement_drivers(matrix, values, codes, matrix.arrays.weight[columns], rho)
    return TopsisResult(
        codes=codes,
        weights=weights,
        closeness=closeness,
        rank=rank,
        spearman=rho,
        kendall=kendall_tau_b(matrix.rank, rank),
        drivers=drivers,
    )


def disagreement_drivers(matrix: SchemeMatrix, values: np.ndarray, codes: Sequence[str],
                         template_weight: np.ndarray, rho: float | None) -> tuple[Driver, ...]:
    """The columns that most of the two rankings' disagreement comes from.

    Each column is left out of the cross-check in turn; those whose absence raises Spearman's
    rho by more than ``DRIVER_GAIN`` are drivers, the largest gain first, at most
    ``MAX_DRIVERS``. Nothing is named when the rankings agree exactly or rho is undefined.
    """
    if rho is None or rho >= 1.0 - 1e-12 or values.shape[1] < 2:
        return ()
    entropy = entropy_weights(minmax_benefit(values))
    total = template_weight.sum()
    found = []
    for j, code in enumerate(codes):
        keep = np.arange(values.shape[1]) != j
        _, _, rank = _closeness_and_ranks(values[:, keep], matrix.vetoed)
        without = spearman(matrix.rank, rank)
        if without is not None and without - rho > DRIVER_GAIN:
            found.append(Driver(code, float(entropy[j]), float(template_weight[j] / total), without))
    found.sort(key=lambda d: -d.spearman_without)
    return tuple(found[:MAX_DRIVERS])


# --------------------------------------------------------------------------- one scheme, a run


@dataclass(frozen=True)
class SchemeRobustness:
    """All three studies for one scheme, in the matrix's project order."""

    matrix: SchemeMatrix
    options: RobustnessOptions
    ranks: RankDistribution
    stability: CutoffStability
    grade_stability: CutoffStability | None
    topsis: TopsisResult
    concentration: float | None = None

    @property
    def scheme(self) -> Scheme:
        return self.matrix.scheme

    def project_dict(self, i: int) -> dict:
        """The JSON keys one project gains."""
        r, t = self.ranks, self.topsis
        data = {
            "median_rank": int(r.median_rank[i]),
            "rank_p5": int(r.rank_p5[i]),
            "rank_p95": int(r.rank_p95[i]),
            "p_top_k": float(r.p_top_k[i]),
            "p_keep_grade": float(r.p_keep_grade[i]),
            "topsis_rank": int(t.rank[i]),
            "topsis_closeness": _finite(t.closeness[i]),
        }
        if r.p_grade is not None:
            data["p_grade"] = float(r.p_grade[i])
        return data

    def scheme_dict(self) -> dict:
        """The JSON keys one scheme gains: ``spearman``, ``kendall`` and ``robustness``."""
        o = self.options
        details = {
            "draws": o.draws,
            "spread": o.spread,
            "method": o.method,
            "seed": o.seed,
            "top_k": o.top_k,
            "grade": self.ranks.grade,
            "cutoff_stability": self.stability.as_dict(),
            "entropy_weights": {code: float(w)
                                for code, w in zip(self.topsis.codes, self.topsis.weights, strict=True)},
        }
        if o.method == "dirichlet":
            details["concentration"] = _finite(self.concentration) if self.concentration is not None else None
        if self.grade_stability is not None:
            details["grade_stability"] = self.grade_stability.as_dict()
        return {"spearman": self.topsis.spearman, "kendall": self.topsis.kendall, "robustness": details}


def _finite(value: float) -> float | None:
    return float(value) if value is not None and math.isfinite(value) else None


def assess_scheme(
    scheme: Scheme,
    projects: Sequence[ProjectResult],
    options: RobustnessOptions = DEFAULT_OPTIONS,
    progress: Progress | None = None,
) -> SchemeRobustness:
    """Perturbation, cut-off stability and entropy-TOPSIS for one scheme's scored projects."""
    options.check()
    matrix = scheme_matrix(scheme, projects)
    ranks = perturb(matrix, options, progress)
    varied = int((matrix.arrays.is_score & (matrix.arrays.weight > 0)).sum())
    kappa = None
    if options.method == "dirichlet":
        kappa = options.concentration or dirichlet_concentration(options.spread, varied)
    return SchemeRobustness(
        matrix=matrix,
        options=options,
        ranks=ranks,
        stability=cutoff_stability(matrix, top_k=options.top_k, max_change=options.max_change),
        grade_stability=(cutoff_stability(matrix, grade=options.grade, max_change=options.max_change)
                         if options.grade else None),
        topsis=entropy_topsis(matrix),
        concentration=kappa,
    )


def assess_run(run, options: RobustnessOptions = DEFAULT_OPTIONS, progress: Progress | None = None
               ) -> list[SchemeRobustness]:
    """Robustness of every scheme of an AssessmentRun that has at least one project.

    ``progress(done, total)`` counts draws over all schemes; returning False cancels
    (RobustnessCancelled). A grade cut-off must exist in every scheme that has projects.
    """
    options.check()
    schemes = [s for s in run.schemes if run.projects_of(s)]
    if options.grade:
        for scheme in schemes:
            resolve_grade(scheme, options.grade)
    results = []
    total = options.draws * len(schemes)
    for index, scheme in enumerate(schemes):
        offset = index * options.draws

        def scheme_progress(done: int, _draws: int, offset=offset):
            return progress(offset + done, total) if progress is not None else None

        results.append(assess_scheme(scheme, run.projects_of(scheme), options, scheme_progress))
    return results


def with_robustness(data: dict, results: Sequence[SchemeRobustness]) -> dict:
    """A copy of ``AssessmentRun.as_dict()`` output with the robustness keys added.

    Schemes gain ``spearman``, ``kendall`` and ``robustness``; projects gain ``median_rank``,
    ``rank_p5``, ``rank_p95``, ``p_top_k``, ``p_keep_grade``, ``topsis_rank``,
    ``topsis_closeness`` (and ``p_grade`` with a grade cut-off). Projects given as an iterator
    (``AssessmentRun.json_document``) stay one, each gaining its keys when it is read.
    """
    by_scheme = {(r.scheme.name, r.scheme.version): r for r in results}
    schemes = []
    for entry in data.get("schemes", []):
        found = by_scheme.get((entry.get("name"), entry.get("version")))
        schemes.append({**entry, **found.scheme_dict()} if found else dict(entry))
    # looked up by what a project entry holds, which may be anything a JSON document holds
    rows: dict[tuple[object, object, object], tuple[SchemeRobustness, int]] = {}
    for r in results:
        for i, pid in enumerate(r.matrix.project_ids):
            rows[(r.scheme.name, r.scheme.version, pid)] = (r, i)

    def with_keys(entry: dict) -> dict:
        found = rows.get((entry.get("scheme"), entry.get("scheme_version"), entry.get("project_id")))
        return {**entry, **found[0].project_dict(found[1])} if found else dict(entry)

    given = data.get("projects", [])
    projects = map(with_keys, given) if isinstance(given, Iterator) else [with_keys(e) for e in given]
    return {**data, "schemes": schemes, "projects": projects}

"""Robustness of a ranking (issue 8): perturbation, cut-off stability, entropy-TOPSIS.

Expected values are worked out by hand in the comments, or come from an independent
implementation (pymcdm, scipy, or the engine's own one-weighting scoring path).
"""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest

from scoring.analysis import mcdm
from scoring.analysis import robustness as R
from scoring.analysis.robustness_options import METHODS
from scoring.analysis.robustness_prose import robustness_paragraph
from scoring.core.cells import SchemeArrays
from scoring.core.engine import score_scheme
from scoring.core.kernel import score_matrix
from scoring.core.model import (
    INVALID,
    MISSING,
    NA,
    OK,
    OVERRIDE,
    Assessment,
    CellValue,
    Criterion,
    Grade,
    IndicatorInput,
    Scheme,
    Submission,
)
from scoring.core.ranking import batch_ranks, competition_ranks, rank_projects


def value(code, weight=1.0, **fields) -> Criterion:
    """A 0..100 'higher is better' value criterion."""
    return Criterion(code=code, dimension="D1", indicator=f"Indicator {code}", type="value", weight=weight,
                     direction="higher", worst=0.0, best=100.0, **fields)


def scheme_of(*criteria, **settings) -> Scheme:
    return Scheme(name="Test scheme", level="city", version="1", criteria=tuple(criteria), **settings)


def matrix(scheme, fractions, status=None, ids=None):
    fractions = np.asarray(fractions, dtype=float)
    if status is None:
        status = np.where(np.isnan(fractions), MISSING, OK)
    return R.matrix_from_arrays(scheme, fractions, np.asarray(status, dtype=np.int8), ids)


# Three projects on two equally weighted criteria A and B (total 100):
#   P1: A 1.0, B 0.0 → 100·1.0/2 = 50
#   P2: A 0.2, B 0.6 → 100·0.8/2 = 40
#   P3: A 0.0, B 0.5 → 100·0.5/2 = 25
THREE = [[1.0, 0.0], [0.2, 0.6], [0.0, 0.5]]


@pytest.fixture
def three():
    return matrix(scheme_of(value("A"), value("B")), THREE, ids=["P1", "P2", "P3"])


# ----------------------------------------------------------------- ranks per draw


def test_batch_ranks_match_scipy_competition_ranks_row_by_row():
    from scipy.stats import rankdata

    rng = np.random.default_rng(5)
    # coarse values make ties; in every 7th row the first total is 5e-10 above the second,
    # within the 1e-9 tolerance, so the two share a rank as if they were equal
    tied = rng.integers(0, 6, size=(200, 9)).astype(float)
    tied[::7, 0] = tied[::7, 1]
    nudged = tied.copy()
    nudged[::7, 0] += 5e-10
    vetoed = np.array([False, True, False, False, True, False, False, False, False])
    kept = ~vetoed
    ranks = batch_ranks(nudged, vetoed)
    for row, total in zip(ranks, tied, strict=True):  # scipy's "min" ranks; vetoed after the others
        assert row[kept].tolist() == rankdata(-total[kept], method="min").tolist()
        assert row[vetoed].tolist() == (rankdata(-total[vetoed], method="min") + kept.sum()).tolist()
    assert [rank_projects(t, vetoed).tolist() for t in nudged] == ranks.tolist()


def test_competition_ranks_by_hand():
    # 7, 9, 9, 1 → 9 and 9 share rank 1, 7 is third, 1 fourth
    assert competition_ranks(np.array([[7.0, 9.0, 9.0, 1.0]])).tolist() == [[3, 1, 1, 4]]


def test_matrix_totals_match_the_engine(three):
    assert three.total.tolist() == pytest.approx([50.0, 40.0, 25.0])
    assert three.rank.tolist() == [1, 2, 3]


# ----------------------------------------------------------------- perturbation


def test_zero_spread_keeps_every_base_rank_with_probability_one(three):
    for method in METHODS:
        dist = R.perturb(three, R.RobustnessOptions(draws=50, spread=0.0, method=method, top_k=2))
        assert dist.median_rank.tolist() == [1, 2, 3]
        assert dist.rank_p5.tolist() == [1, 2, 3] and dist.rank_p95.tolist() == [1, 2, 3]
        assert dist.p_top_k.tolist() == [1.0, 1.0, 0.0]
        assert dist.p_keep_grade.tolist() == [1.0, 1.0, 1.0]


def test_same_seed_same_result_and_chunking_does_not_matter(three, monkeypatch):
    options = R.RobustnessOptions(draws=300, seed=7, top_k=1)
    first = R.perturb(three, options)
    monkeypatch.setattr(R, "CHUNK_CELLS", 5)  # one or two draws per chunk
    second = R.perturb(three, options)
    for name in ("median_rank", "rank_p5", "rank_p95", "p_top_k", "p_keep_grade"):
        assert np.array_equal(getattr(first, name), getattr(second, name))
    arrays = three.arrays
    a = R.draw_weights(arrays, options, np.random.default_rng(7))
    b = R.draw_weights(arrays, options, np.random.default_rng(8))
    assert not np.array_equal(a, b)


def test_uniform_factors_stay_within_the_spread(three):
    options = R.RobustnessOptions(draws=2000, spread=0.2)
    weights = R.draw_weights(three.arrays, options, np.random.default_rng(1))
    # template weights are 1, so every drawn weight is a factor in [0.8, 1.2]
    assert weights.min() >= 0.8 and weights.max() <= 1.2
    assert weights.min() < 0.81 and weights.max() > 1.19


def test_top_1_probability_matches_the_hand_computed_integral(three):
    # With weights fA, fB ~ U[0.8, 1.2], P2 beats P1 when fA·0.2 + fB·0.6 > fA·1.0, i.e. fB > 4fA/3,
    # possible only for fA < 0.9. P = ∫_{0.8}^{0.9} (1.2 − 4a/3)/0.4 · da/0.4
    #   = (0.12 − (2/3)(0.81 − 0.64))/0.16 = 0.006667/0.16 = 0.041667. P3 never wins (0.5fB < fA).
    dist = R.perturb(three, R.RobustnessOptions(draws=20_000, spread=0.2, top_k=1, seed=3))
    # binomial sd √(0.0417·0.9583/20000) ≈ 0.0014; allow about four of them
    assert dist.p_top_k[1] == pytest.approx(0.041667, abs=0.006)
    assert dist.p_top_k[0] == pytest.approx(1 - 0.041667, abs=0.006)
    assert dist.p_top_k[2] == 0.0
    assert dist.rank_p5[0] == 1 and dist.rank_p95[0] == 1  # P1 second in only ~4% of draws


def test_dirichlet_keeps_the_weight_total_and_centres_on_the_template():
    scheme = scheme_of(value("A", 1.0), value("B", 3.0), value("C", 4.0))
    m = matrix(scheme, [[0.5, 0.5, 0.5]])
    weights = R.draw_weights(m.arrays, R.RobustnessOptions(draws=20_000, method="dirichlet", spread=0.2),
                             np.random.default_rng(2))
    assert np.allclose(weights.sum(axis=1), 8.0)
    assert weights.mean(axis=0) == pytest.approx([1.0, 3.0, 4.0], rel=0.01)


def test_dirichlet_concentration_from_the_spread():
    # κ = 3(m − 1)/p² − 1: m = 5, p = 0.2 → 3·4/0.04 − 1 = 299
    assert R.dirichlet_concentration(0.2, 5) == pytest.approx(299.0)
    assert R.dirichlet_concentration(0.0, 5) == math.inf


def submission(pid, values: dict) -> Submission:
    inputs = {code: IndicatorInput(current=CellValue(v, f"{pid}.xlsx:Data!E{i + 2}"))
              for i, (code, v) in enumerate(values.items())}
    return Submission(project_id=pid, name=f"Project {pid}", level="city", source=f"{pid}.xlsx",
                      inputs=inputs)


def test_overrides_and_veto_hold_in_every_draw():
    veto = Criterion(code="V", dimension="D1", indicator="Must pass", type="yesno", weight=1.0, veto=True)
    scheme = scheme_of(value("A"), value("B"), veto)
    projects = score_scheme(scheme, [
        submission("P1", {"A": 100, "B": 100, "V": "no"}),  # the best values, but vetoed
        submission("P2", {"A": 0, "B": 50, "V": "yes"}),  # A overridden to 1.0 below
        submission("P3", {"A": 80, "B": 60, "V": "yes"}),
    ], {("P2", "A"): Assessment("P2", "A", 1.0, "Li Wei", "meter reading corrected")})
    m = R.scheme_matrix(scheme, projects)
    # P2 − P3 ∝ wA(1 − 0.8) + wB(0.5 − 0.6) ≥ 0.2·0.8 − 0.1·1.2 = 0.04 > 0 for any ±20% draw, and
    # without the override P2 would trail (0·wA + 0.5wB < 0.8wA + 0.6wB); P1 is always last.
    dist = R.perturb(m, R.RobustnessOptions(draws=500, spread=0.2, top_k=1))
    assert dist.rank_p5.tolist() == [3, 1, 2] and dist.rank_p95.tolist() == [3, 1, 2]
    assert dist.p_top_k.tolist() == [0.0, 1.0, 0.0]
    assert dist.p_keep_grade[0] == 1.0  # vetoed: the lowest grade, which it always keeps


def test_grade_probability_and_unknown_grade(three):
    scheme = dataclasses.replace(three.scheme, grades=(Grade("Pass", 45.0), Grade("Fail", 0.0)))
    m = matrix(scheme, THREE)
    dist = R.perturb(m, R.RobustnessOptions(draws=200, spread=0.0, grade="Pass"))
    assert dist.p_grade.tolist() == [1.0, 0.0, 0.0]  # 50 ≥ 45; 40 and 25 below
    with pytest.raises(R.RobustnessError, match="no grade 'Excellent'"):
        R.perturb(m, R.RobustnessOptions(draws=10, grade="Excellent"))


def test_chinese_grade_names_are_accepted():
    assert R.resolve_grade(scheme_of(value("A")), "良好") == 1  # Excellent, Good, Pass, Fail


def test_progress_counts_draws_and_can_cancel(three, monkeypatch):
    monkeypatch.setattr(R, "CHUNK_CELLS", 3 * 25)  # 25 draws per chunk of three projects
    seen = []
    R.perturb(three, R.RobustnessOptions(draws=100), lambda done, total: seen.append((done, total)))
    assert seen == [(25, 100), (50, 100), (75, 100), (100, 100)]
    with pytest.raises(R.RobustnessCancelled):
        R.perturb(three, R.RobustnessOptions(draws=100), lambda done, total: False)


@pytest.mark.parametrize("options, words", [
    (R.RobustnessOptions(draws=0), "number of draws"),
    (R.RobustnessOptions(spread=1.5), "spread"),
    (R.RobustnessOptions(method="normal"), "method"),
    (R.RobustnessOptions(top_k=0), "top-k"),
    (R.RobustnessOptions(method="dirichlet", concentration=-1.0), "concentration"),
])
def test_bad_options_are_refused_in_words(three, options, words):
    with pytest.raises(R.RobustnessError, match=words):
        R.perturb(three, options)


def test_too_many_draws_for_the_memory_are_refused_in_words(three, monkeypatch):
    monkeypatch.setattr(R, "MAX_RANK_CELLS", 300)  # three projects: at most 100 draws
    with pytest.raises(R.RobustnessError, match="use at most 100 draws"):
        R.perturb(three, R.RobustnessOptions(draws=101))
    assert R.perturb(three, R.RobustnessOptions(draws=100)).draws == 100


# ----------------------------------------------------------------- cut-off stability


def test_top_1_stability_by_hand(three):
    # Weight of A times (1 + t): P1 = 100(1 + t)/(2 + t), P2 = 100(0.2(1 + t) + 0.6)/(2 + t);
    # equal when 1 + t = 0.8 + 0.2t → t = −0.25. Raising A only widens P1's lead.
    # Weight of B times (1 + t): P1 = 100/(2 + t), P2 = 100(0.2 + 0.6(1 + t))/(2 + t);
    # equal when 1 = 0.8 + 0.6t → t = 1/3 (P3 needs 0.5(1 + t) = 1, t = 1, later). Lowering B
    # only widens P1's lead.
    result = R.cutoff_stability(three, top_k=1)
    assert result.cutoff == "top 1"
    assert result.change == pytest.approx(-0.25)
    assert result.criterion == "A"
    assert result.projects == ("P1", "P2")
    a, b = result.by_criterion
    assert (a.code, a.down, a.up) == ("A", pytest.approx(-0.25), None)
    assert (b.code, b.down, b.up) == ("B", None, pytest.approx(1 / 3))
    assert b.up_projects == ("P1", "P2")


def test_grade_stability_by_hand():
    # Pass from 45. A varied: P1 = 100(1 + t)/(2 + t) = 45 → 100 + 100t = 90 + 45t → t = −10/55 = −2/11;
    # P2 (40) rises as A falls and reaches 45 only at t = −0.4, later.
    # B varied: P1 = 100/(2 + t) = 45 → t = 2/9 (P2 reaches 45 at 80 + 60t = 90 + 45t, t = 2/3).
    scheme = scheme_of(value("A"), value("B"), grades=(Grade("Pass", 45.0), Grade("Fail", 0.0)))
    result = R.cutoff_stability(matrix(scheme, THREE, ids=["P1", "P2", "P3"]), grade="Pass")
    assert result.cutoff == "grade Pass"
    assert (result.change, result.criterion, result.projects) == (pytest.approx(-2 / 11), "A", ("P1",))
    a, b = result.by_criterion
    assert a.up is None and b.down is None
    assert b.up == pytest.approx(2 / 9)


def test_a_cut_off_by_an_empty_grade_name_is_refused(three):
    """grade="" passed the either-or check but named no grade: the cut-off had neither and
    failed comparing with None (a TypeError, found by mypy); it is refused as having none."""
    with pytest.raises(R.RobustnessError, match="either a top-k cut-off or a grade cut-off"):
        R.cutoff_stability(three, grade="")


def test_a_change_beyond_the_search_range_is_reported_as_stable(three):
    result = R.cutoff_stability(three, top_k=1, max_change=0.2)
    assert (result.change, result.criterion, result.projects) == (None, None, ())


def test_a_tie_at_the_cut_off_breaks_at_once():
    # P1 and P2 both 50 with weights 1, 1: any change of A's weight separates them
    m = matrix(scheme_of(value("A"), value("B")), [[1.0, 0.0], [0.0, 1.0]])
    result = R.cutoff_stability(m, top_k=1)
    assert result.change == 0.0


def test_vetoed_projects_never_cross_a_top_k_cut_off():
    veto = Criterion(code="V", dimension="D1", indicator="Must pass", type="yesno", weight=1.0, veto=True)
    m = matrix(scheme_of(value("A"), value("B"), veto), [[1.0, 1.0, 0.0], [0.1, 0.1, 1.0]])
    assert m.rank.tolist() == [2, 1]
    assert R.cutoff_stability(m, top_k=1).change is None


def _engine_first_change(scheme, fractions, status, members, steps=200):
    """First grid step at which membership changes, by re-scoring through score_matrix with the
    template's weight changed: an independent path to the same answer."""
    nan = np.full(fractions.shape, np.nan)
    as_override = np.where((status == OK), OVERRIDE, status).astype(np.int8)

    def score(s):
        return score_matrix(s, SchemeArrays.of(s), nan, nan, as_override, fractions)

    base = members(score(scheme))
    best = None
    for j, c in enumerate(scheme.criteria):
        if c.kind != "score":
            continue
        for sign in (-1, 1):
            for t in np.arange(1, steps + 1) * sign / steps:
                changed = list(scheme.criteria)
                changed[j] = dataclasses.replace(c, weight=c.weight * (1 + t))
                if (members(score(dataclasses.replace(scheme, criteria=tuple(changed)))) != base).any():
                    if best is None or abs(t) < abs(best):
                        best = t
                    break
    return best


@pytest.mark.parametrize("seed", [0, 1])
def test_stability_agrees_with_brute_force_re_scoring(seed):
    rng = np.random.default_rng(seed)
    bonus = Criterion(code="X", dimension="D1", indicator="Award", type="yesno", weight=5.0, kind="bonus")
    scheme = scheme_of(value("A", 2.0), value("B", 1.0), value("C", 1.5), bonus,
                       grades=(Grade("Good", 55.0), Grade("Fail", 0.0)))
    fractions = rng.uniform(0, 1, (7, 4)).round(2)
    fractions[:, 3] = rng.integers(0, 2, 7)
    status = np.full(fractions.shape, OK, dtype=np.int8)
    status[2, 1] = NA  # excluded, reweighted
    status[4, 0] = INVALID  # required: counts as 0
    fractions[status != OK] = np.nan
    m = matrix(scheme, fractions, status)
    step = 1 / 200
    top = R.cutoff_stability(m, top_k=3).change
    grid = _engine_first_change(scheme, fractions, status, lambda s: s.rank <= 3)
    assert (top is None) == (grid is None)
    if top is not None:  # the grid sees the change at the first step past the exact point
        assert abs(grid) - step <= abs(top) <= abs(grid) and np.sign(top) == np.sign(grid)
    good = R.cutoff_stability(m, grade="Good").change
    grid = _engine_first_change(scheme, fractions, status, lambda s: s.grade_index == 0)
    assert (good is None) == (grid is None)
    if good is not None:
        assert abs(grid) - step <= abs(good) <= abs(grid)


# ----------------------------------------------------------------- entropy weights and TOPSIS

# Hand-computed 3 × 3 example (fractions, rows A, B, C):
#   A: 0.2 0.5 1.0      min-max per column → A: 0    · 1
#   B: 0.6 0.5 0.0                            B: 0.5  · 0
#   C: 1.0 0.5 0.5                            C: 1    · 0.5   (column 2 identical: e = 1, weight 0)
# Column 1: p = (0, 1/3, 2/3), e = −(1/ln 3)(⅓ ln ⅓ + ⅔ ln ⅔) = (0.366204 + 0.270310)/1.098612 = 0.579380
# (0·ln 0 taken as 0); column 3 holds the same values in another order, so the same e.
# w = (1 − e)/Σ(1 − e) = (0.5, 0, 0.5).
# v = r·w: A (0, 0, 0.5), B (0.25, 0, 0), C (0.5, 0, 0.25); ideal (0.5, 0, 0.5), anti-ideal (0, 0, 0).
# A: D⁺ = 0.5, D⁻ = 0.5 → C = 0.5
# B: D⁺ = √(0.0625 + 0.25) = 0.559017, D⁻ = 0.25 → C = 0.25/0.809017 = 0.309017 (= 1/(1 + √5))
# C: D⁺ = 0.25, D⁻ = 0.559017 → C = 0.690983 (= √5/(1 + √5)); TOPSIS ranks C, A, B.
HAND = [[0.2, 0.5, 1.0], [0.6, 0.5, 0.0], [1.0, 0.5, 0.5]]


def test_entropy_topsis_on_the_hand_computed_example():
    result = R.entropy_topsis(matrix(scheme_of(value("A"), value("B"), value("C")), HAND))
    assert result.weights.tolist() == pytest.approx([0.5, 0.0, 0.5])
    root5 = math.sqrt(5)
    assert result.closeness.tolist() == pytest.approx([0.5, 1 / (1 + root5), root5 / (1 + root5)])
    assert result.rank.tolist() == [2, 3, 1]
    # points with equal weights: A 56.7, B 36.7, C 66.7 → the same order, full agreement
    assert (result.spearman, result.kendall) == (pytest.approx(1.0), pytest.approx(1.0))


def test_entropy_of_a_column_with_a_zero_uses_zero_log_zero():
    # column (0, 1, 1): p = (0, ½, ½), e = −(1/ln 3)(2·½ ln ½) = ln 2/ln 3 = 0.630930; the other
    # column is constant, e = 1, so all the weight goes to the first. (pymcdm sets e = 0 for a
    # column with any 0 instead; the weights agree here only because there is one informative column.)
    x = np.array([[0.0, 2.0], [1.0, 2.0], [1.0, 2.0]])
    assert mcdm.entropy_weights(x).tolist() == pytest.approx([1.0, 0.0])
    x3 = np.array([[0.0, 1.0], [1.0, 2.0], [1.0, 3.0]])
    # second column p = (1/6, 2/6, 3/6): e = −(1/ln 3)(⅙ln⅙ + ⅓ln⅓ + ½ln½) = 1.011404/1.098612 = 0.920620
    e1, e2 = math.log(2) / math.log(3), 0.920620
    total = 2 - e1 - e2
    assert mcdm.entropy_weights(x3).tolist() == pytest.approx([(1 - e1) / total, (1 - e2) / total],
                                                            abs=1e-6)


POSITIVE = [
    np.array([[3.0, 7.0, 2.0], [1.0, 9.0, 6.0], [8.0, 4.0, 5.0], [2.0, 2.0, 9.0]]),
    np.array([[0.2, 5.0, 0.9, 5.0], [0.4, 5.0, 0.1, 3.0], [0.9, 5.0, 0.5, 4.0]]),  # column 2 identical
    np.random.default_rng(11).uniform(0.05, 1.0, (12, 6)),
]


@pytest.mark.parametrize("x", POSITIVE)
def test_entropy_weights_match_pymcdm(x):
    from pymcdm.weights import entropy_weights

    assert mcdm.entropy_weights(x) == pytest.approx(entropy_weights(x), abs=1e-12)


@pytest.mark.parametrize("x", POSITIVE + [np.array([[0.0, 1.0, 0.5], [1.0, 1.0, 0.0], [0.5, 1.0, 1.0]])])
def test_topsis_closeness_matches_pymcdm(x):
    from pymcdm.methods import TOPSIS

    weights = np.linspace(1.0, 2.0, x.shape[1])
    weights /= weights.sum()
    expected = TOPSIS()(x, weights, np.ones(x.shape[1], dtype=int))
    assert mcdm.topsis_closeness(mcdm.minmax_benefit(x), weights) == pytest.approx(expected, abs=1e-12)


def test_no_informative_column_means_everyone_ties():
    result = R.entropy_topsis(matrix(scheme_of(value("A"), value("B")), [[0.5, 0.5], [0.5, 0.5]]))
    assert result.weights.tolist() == [0.0, 0.0]
    assert np.isnan(result.closeness).all()
    assert result.rank.tolist() == [1, 1]
    assert result.spearman is None and result.kendall is None


def test_not_applicable_takes_the_column_mean_and_missing_counts_zero():
    # Rule changed in issue 13 (docs/method.md, "TOPSIS cross-check"): n/a was 0, the worst.
    bonus = Criterion(code="X", dimension="D1", indicator="Award", type="yesno", weight=5.0, kind="bonus")
    scheme = scheme_of(value("A", allow_na=True), value("B"), bonus)
    fractions = np.array([[np.nan, 0.5, 1.0], [0.4, np.nan, 0.0], [1.0, 0.5, 1.0]])
    status = np.array([[NA, OK, OK], [OK, MISSING, OK], [OK, OK, OK]], dtype=np.int8)
    m = matrix(scheme, fractions, status)
    result = R.entropy_topsis(m)
    # A: n/a → mean of (0.4, 1.0) = 0.7; B: missing → 0; the bonus X is left out
    assert result.codes == ("A", "B")
    columns = R.topsis_columns(m.arrays, scheme)
    filled = R.topsis_matrix(m.cells, m.status, columns)
    assert filled == pytest.approx(np.array([[0.7, 0.5], [0.4, 0.0], [1.0, 0.5]]))
    # min-max: A (0.5, 0, 1), B (1, 0, 1). p_A = (⅓, 0, ⅔): e_A = (⅓ln3 + ⅔ln1.5)/ln3;
    # p_B = (½, 0, ½): e_B = ln2/ln3; w = (1 − e)/Σ(1 − e) = (0.532640, 0.467360)
    e_a = (math.log(3) / 3 + 2 / 3 * math.log(1.5)) / math.log(3)
    e_b = math.log(2) / math.log(3)
    w_a = (1 - e_a) / (2 - e_a - e_b)
    assert result.weights.tolist() == pytest.approx([w_a, 1 - w_a])
    assert w_a == pytest.approx(0.532640, abs=1e-6)
    # P3 is best on both columns, P2 worst on both: closeness 1 and 0
    assert result.closeness[[2, 1]].tolist() == pytest.approx([1.0, 0.0])


def test_entropy_topsis_leaves_out_manual_bonus_penalty_and_weight_zero_columns():
    manual = Criterion(code="M", dimension="D1", indicator="Site visit", type="manual", weight=3.0)
    must = Criterion(code="V", dimension="D1", indicator="No incident", type="yesno", weight=0.0, veto=True)
    zero = value("Z", weight=0.0)
    penalty = Criterion(code="PEN", dimension="D1", indicator="Violation", type="yesno", weight=5.0,
                        kind="penalty")
    scheme = scheme_of(value("A"), manual, must, zero, penalty, value("B", weight=2.0))
    fractions = np.array([[0.2, np.nan, 1.0, 0.9, 0.0, 0.5], [0.6, 0.7, 1.0, 0.1, 1.0, 0.3]])
    status = np.array([[OK, 4, OK, OK, OK, OK], [OK, OVERRIDE, OK, OK, OK, OK]], dtype=np.int8)
    assert R.entropy_topsis(matrix(scheme, fractions, status)).codes == ("A", "B")


# Four projects; columns A (n/a allowed), B, C (n/a allowed) measured, and M (manual), V (must-pass,
# weight 0), X (bonus), PEN (penalty) that the cross-check leaves out.
#        A      B        C        M     V    X    PEN
NA_ROWS = [
    [0.8, 0.3, "na", "pending", 1.0, 1.0, 0.0],
    ["na", 0.9, "missing", 0.6, 1.0, 0.0, 1.0],
    [0.2, "missing", 0.9, "pending", 1.0, 0.0, 0.0],
    [0.5, 0.6, 0.3, 0.2, 1.0, 1.0, 0.0],
]
# Filled by hand: A's n/a = mean(0.8, 0.2, 0.5) = 0.5; B's missing = 0; C's n/a = mean of the
# applicable cells (0 for the missing one, 0.9, 0.3) = 0.4, C's missing = 0.
NA_FILLED = np.array([[0.8, 0.3, 0.4], [0.5, 0.9, 0.0], [0.2, 0.0, 0.9], [0.5, 0.6, 0.3]])


def _na_scheme_and_matrix():
    scheme = scheme_of(
        value("A", allow_na=True), value("B", weight=2.0), value("C", allow_na=True, weight=0.5),
        Criterion(code="M", dimension="D1", indicator="Site visit", type="manual", weight=3.0),
        Criterion(code="V", dimension="D1", indicator="No incident", type="yesno", weight=0.0, veto=True),
        Criterion(code="X", dimension="D1", indicator="Award", type="yesno", weight=2.0, kind="bonus"),
        Criterion(code="PEN", dimension="D1", indicator="Violation", type="yesno", weight=5.0,
                  kind="penalty"),
    )
    codes = {"na": NA, "missing": MISSING, "pending": 4}
    status = np.array([[codes.get(v, OK) if isinstance(v, str) else OK for v in row] for row in NA_ROWS],
                      dtype=np.int8)
    status[:, 3] = np.where(status[:, 3] == OK, OVERRIDE, status[:, 3])  # scored manual: override
    fractions = np.array([[np.nan if isinstance(v, str) else v for v in row] for row in NA_ROWS])
    return scheme, matrix(scheme, fractions, status)


def test_entropy_topsis_with_not_applicable_matches_pymcdm():
    from pymcdm.methods import TOPSIS
    from scipy import stats as scipy_stats

    scheme, m = _na_scheme_and_matrix()
    result = R.entropy_topsis(m)
    assert result.codes == ("A", "B", "C")
    assert R.topsis_matrix(m.cells, m.status, R.topsis_columns(m.arrays, scheme)) == pytest.approx(NA_FILLED)
    # independent weights: scipy's entropy of each min-max normalised column (0·ln 0 = 0)
    low, high = NA_FILLED.min(axis=0), NA_FILLED.max(axis=0)
    normalised = (NA_FILLED - low) / (high - low)
    diversity = np.array([1 - scipy_stats.entropy(col) / math.log(4) for col in normalised.T])
    weights = diversity / diversity.sum()
    assert result.weights == pytest.approx(weights, abs=1e-12)
    expected = TOPSIS()(NA_FILLED, weights, np.ones(3, dtype=int))
    assert result.closeness == pytest.approx(expected, abs=1e-12)


def test_the_drivers_of_disagreement_are_named():
    # The points weigh A 10 : B 1: totals 10·(1, 0.9, 0.8, 0) + (0, 0.3, 0.6, 1) = (10, 9.3, 8.6, 1)
    # rank P1..P4. Entropy gives B (more uneven) more weight than A, so TOPSIS ranks against
    # the points; left alone, A ranks P1..P4 as the points do, so without B rho is 1.
    scheme = scheme_of(value("A", weight=10.0), value("B", weight=1.0))
    fractions = [[1.0, 0.0], [0.9, 0.3], [0.8, 0.6], [0.0, 1.0]]
    result = R.entropy_topsis(matrix(scheme, fractions, ids=["P1", "P2", "P3", "P4"]))
    assert result.spearman < 0.9
    [driver] = result.drivers
    assert driver.code == "B"
    assert driver.template_share == pytest.approx(1 / 11)
    assert driver.spearman_without == pytest.approx(1.0)


# ----------------------------------------------------------------- agreement


def test_spearman_and_kendall_by_hand():
    # one swapped pair of four: Σd² = 2 → ρ = 1 − 6·2/(4·15) = 0.8; 5 concordant, 1 discordant of
    # 6 pairs → τ = 4/6
    assert mcdm.spearman([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert mcdm.kendall_tau_b([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(4 / 6)
    # ties: x (1, 1, 3), y (1, 2, 3). Pairs: (1,2) tied in x, (1,3) and (2,3) concordant:
    # τ_b = 2/√((3 − 1)(3 − 0)) = 0.816497. Average ranks x (1.5, 1.5, 3): centred (−½, −½, 1),
    # y centred (−1, 0, 1): ρ = 1.5/√(1.5·2) = 0.866025
    assert mcdm.kendall_tau_b([1, 1, 3], [1, 2, 3]) == pytest.approx(2 / math.sqrt(6))
    assert mcdm.spearman([1, 1, 3], [1, 2, 3]) == pytest.approx(1.5 / math.sqrt(3))
    assert mcdm.spearman([1], [1]) is None and mcdm.kendall_tau_b([2, 2], [1, 2]) is None


def test_agreement_matches_scipy_with_many_ties(monkeypatch):
    from scipy import stats as scipy_stats  # requirements-dev.txt: missing, the test fails

    rng = np.random.default_rng(4)
    x, y = rng.integers(1, 8, 300), rng.integers(1, 8, 300)
    monkeypatch.setattr(mcdm, "CHUNK_CELLS", 1000)  # several row blocks
    assert mcdm.kendall_tau_b(x, y) == pytest.approx(scipy_stats.kendalltau(x, y).statistic, abs=1e-12)
    assert mcdm.spearman(x, y) == pytest.approx(scipy_stats.spearmanr(x, y).statistic, abs=1e-12)


# ----------------------------------------------------------------- whole run, JSON and words


class _Run:
    """The two things assess_run uses of an AssessmentRun."""

    def __init__(self, scheme, projects):
        self.schemes, self.projects = [scheme], projects

    def projects_of(self, scheme):
        return sorted(self.projects, key=lambda p: (p.rank, p.project_id))


def three_projects():
    scheme = scheme_of(value("A"), value("B"))
    subs = [submission(pid, {"A": a * 100, "B": b * 100}) for pid, (a, b) in zip(["P1", "P2", "P3"], THREE,
                                                                              strict=True)]
    return scheme, score_scheme(scheme, subs)


def test_json_gains_the_robustness_keys_and_stays_valid_json():
    scheme, projects = three_projects()
    run = _Run(scheme, projects)
    results = R.assess_run(run, R.RobustnessOptions(draws=100, top_k=1))
    data = {"schemes": [scheme.summary()], "projects": [p.as_dict() for p in projects], "rejected": []}
    merged = R.with_robustness(data, results)
    assert "spearman" not in data["schemes"][0]  # the input is left as it was
    text = json.dumps(merged, allow_nan=False)
    out = json.loads(text)
    entry = out["schemes"][0]
    assert {"spearman", "kendall", "robustness"} <= set(entry)
    assert entry["robustness"]["cutoff_stability"]["change"] == pytest.approx(-0.25)
    p1 = next(p for p in out["projects"] if p["project_id"] == "P1")
    assert {"median_rank", "rank_p5", "rank_p95", "p_top_k", "p_keep_grade", "topsis_rank",
            "topsis_closeness"} <= set(p1)
    assert p1["median_rank"] == 1


def test_paragraph_names_the_borderline_project_in_both_languages():
    scheme, projects = three_projects()
    result = R.assess_run(_Run(scheme, projects), R.RobustnessOptions(draws=2000, top_k=1, seed=3))[0]
    share = math.floor(result.ranks.p_top_k[0] * 100)  # about 95, see the hand-computed integral
    english = robustness_paragraph(result, "en")
    assert f"Project P1 (P1) is in the top 1 in {share}% of weightings" in english
    assert "lowering its weight by 25.0% moves Project P1 (P1), Project P2 (P2) across the cut-off" in english
    chinese = robustness_paragraph(result, "zh")
    assert f"Project P1（P1）在{share}%的权重组合中位列前1名" in chinese
    assert "降低25.0%" in chinese


def test_paragraph_names_the_criteria_driving_disagreement():
    scheme, projects = three_projects()
    result = R.assess_run(_Run(scheme, projects), R.RobustnessOptions(draws=10, top_k=1, seed=3))[0]
    driven = dataclasses.replace(result, topsis=dataclasses.replace(
        result.topsis, spearman=0.5, kendall=0.33, drivers=(R.Driver("A", 0.574, 0.0909, 0.95),)))
    assert ("The difference comes mostly from A (Indicator A: entropy weight 57% against 9% in the "
            "scheme; without it Spearman 0.95).") in robustness_paragraph(driven, "en")
    assert "两种排名的差异主要来自A（Indicator A：熵权57%，方案权重9%；去掉该指标后 Spearman 0.95）。" in (
        robustness_paragraph(driven, "zh"))
    assert "comes mostly from" not in robustness_paragraph(
        dataclasses.replace(result, topsis=dataclasses.replace(result.topsis, drivers=())), "en")

"""Multi-criteria decision kernels: min-max normalisation, entropy weights, TOPSIS closeness,
and the rank correlations that compare two rankings (Spearman, Kendall tau-b).

Plain numpy on a projects × criteria matrix, with no scheme or result object in sight, so that
each is checked against an independent implementation (pymcdm, scipy) in tests/test_robustness.py;
the robustness study's entropy-TOPSIS cross-check (scoring/analysis/robustness.py) uses them.
"""

from __future__ import annotations

import math

import numpy as np

#: Cells (draws × projects, or pairs) evaluated at once: bounds memory whatever the sizes.
CHUNK_CELLS = 2_000_000


def minmax_benefit(matrix: np.ndarray) -> np.ndarray:
    """(x − min)/(max − min) per column (docs/method.md, "TOPSIS cross-check").

    A column whose values are all equal carries no information; it becomes 0 (its entropy
    weight is 0, so the value chosen does not matter).
    """
    x = np.asarray(matrix, dtype=float)
    low, high = x.min(axis=0), x.max(axis=0)
    span = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(span > 0, (x - low) / span, 0.0)


def entropy_weights(matrix: np.ndarray) -> np.ndarray:
    """Entropy weights of the columns of a non-negative matrix (rows are alternatives).

    p_ij = x_ij/Σ_i x_ij, e_j = −(1/ln n)·Σ_i p_ij·ln p_ij with 0·ln 0 = 0, w_j = (1 − e_j)/Σ(1 − e_j).
    A column of identical values has e_j = 1 and weight 0; so does an all-zero column (it
    cannot tell any two alternatives apart). All weights are 0 when no column discriminates
    or there are fewer than two alternatives.

    Note: pymcdm's ``entropy_weights`` sets e_j = 0 for a column holding any 0, where this
    follows the usual 0·ln 0 = 0; the two agree on strictly positive matrices.
    """
    x = np.asarray(matrix, dtype=float)
    n, m = x.shape
    if n < 2 or m == 0:
        return np.zeros(m)
    sums = x.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(sums > 0, x / sums, 0.0)
        plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    entropy = np.where(sums > 0, -plogp.sum(axis=0) / math.log(n), 1.0)
    diversity = np.clip(1.0 - entropy, 0.0, None)  # rounding can leave e a hair above 1
    total = diversity.sum()
    return diversity / total if total > 0 else np.zeros(m)


def topsis_closeness(normalised: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """TOPSIS closeness C_i = D_i⁻/(D_i⁺ + D_i⁻) of an already normalised benefit matrix.

    v = r·w; the ideal is each column's maximum of v, the anti-ideal its minimum, D⁺ and D⁻ the
    Euclidean distances to them. NaN for every row when all weighted columns are constant
    (no alternative differs from another).
    """
    v = np.asarray(normalised, dtype=float) * weights
    if v.size == 0:
        return np.full(v.shape[0], np.nan)
    d_plus = np.sqrt(((v - v.max(axis=0)) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - v.min(axis=0)) ** 2).sum(axis=1))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(d_plus + d_minus > 0, d_minus / (d_plus + d_minus), np.nan)


def average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n of ascending values, tied values getting the mean of their positions."""
    _, inverse, counts = np.unique(np.asarray(values), return_inverse=True, return_counts=True)
    upper = np.cumsum(counts)
    return (upper - (counts - 1) / 2.0)[inverse]


def spearman(x: np.ndarray, y: np.ndarray) -> float | None:
    """Spearman's rho: Pearson's correlation of the average ranks; None when undefined."""
    if len(x) < 2:
        return None
    rx, ry = average_ranks(x), average_ranks(y)
    rx, ry = rx - rx.mean(), ry - ry.mean()
    denominator = math.sqrt(float((rx * rx).sum() * (ry * ry).sum()))
    return float((rx * ry).sum() / denominator) if denominator > 0 else None


def kendall_tau_b(x: np.ndarray, y: np.ndarray) -> float | None:
    """Kendall's tau-b = (n_c − n_d)/√((n_0 − n_1)(n_0 − n_2)); None when undefined.

    n_0 = n(n − 1)/2 pairs, n_1 and n_2 the pairs tied in x and in y. Counted over all pairs in
    blocks of rows (O(n²) time, bounded memory): ten thousand projects take well under a second.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = len(x)
    if n < 2:
        return None
    score = tied_x = tied_y = 0
    block = max(1, CHUNK_CELLS // n)
    for start in range(0, n, block):
        dx = np.sign(x[start:start + block, None] - x[None, :])
        dy = np.sign(y[start:start + block, None] - y[None, :])
        score += int((dx * dy).sum())
        tied_x += int((dx == 0).sum())
        tied_y += int((dy == 0).sum())
    # every pair was seen twice (i, j) and (j, i); the diagonal adds n ties to each count
    n0 = n * (n - 1) // 2
    n1, n2 = (tied_x - n) // 2, (tied_y - n) // 2
    denominator = math.sqrt((n0 - n1) * (n0 - n2))
    return score / 2 / denominator if denominator > 0 else None

"""Grades and ranks from totals: the grade bands and competition ranking (1, 1, 3).

The one copy of these rules (docs/method.md, "Must-pass, grades and ranks"): the engine ranks a run
with them, and the robustness studies rank thousands of re-weighted draws with the same code
(:func:`batch_ranks`).
"""

from __future__ import annotations

import numpy as np

from scoring.core.model import Scheme

TIE_TOLERANCE = 1e-9


def grade_indices(scheme: Scheme, total: np.ndarray, vetoed: np.ndarray) -> np.ndarray:
    """Index into ``scheme.grades_descending`` of each project's grade (vetoed: the lowest)."""
    grades = scheme.grades_descending
    minimums = np.array([g.min_points for g in grades])
    # the first (highest) band whose minimum is reached; -1 when none is, i.e. below every band
    reached = total[:, None] >= minimums[None, :] - TIE_TOLERANCE
    index = np.where(reached.any(axis=1), reached.argmax(axis=1), len(grades) - 1)
    return np.where(vetoed, len(grades) - 1, index)


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

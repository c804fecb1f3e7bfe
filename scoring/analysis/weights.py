"""Walking weights: one scheme re-scored live while its weights are moved (issue 19, item 7).

Visual PROMETHEE and Expert Choice users expect to move a weight and watch the ranking follow.
Everything the rules decide per cell (fractions, inclusion under the missing rule, must-pass
failures, which criteria still wait for an on-site score) does not depend on the weights, so
:class:`WeightKernel` takes it once from the scored results and every change of a weight is the
engine's own :func:`scoring.core.kernel.weigh` on the prepared cells: a few matrix products over
projects × criteria, with the rules of docs/method.md ("Points and total", "Must-pass, grades
and ranks", "Synergy", "Provisional results") applied exactly as when scoring.

Weights tried here are never written into a template. :func:`with_weights` gives the scheme
with them, which :func:`scoring.build.templates.write_scheme_version` writes as a new version
of the template with the reason for the change.

Nothing here imports Qt; the GUI's Weights tab (gui/views/weights_view.py) adapts it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scoring.analysis.robustness import SchemeMatrix, scheme_matrix
from scoring.core.cells import SchemeArrays, waiting_cells
from scoring.core.explain import WhatIfError
from scoring.core.kernel import PreparedCells, Weighed
from scoring.core.kernel import weigh as weigh_cells
from scoring.core.model import Scheme
from scoring.core.presentation import WEIGHTS_TEXT, phrase
from scoring.core.results import ProjectResult
from scoring.io.template import within_limit


class WeightsError(WhatIfError):
    """Weights the rules cannot use, a what-if of the weights; ``text(lang)`` says why."""

    @classmethod
    def of(cls, key: str, **values) -> WeightsError:
        """The error of a key of presentation.WEIGHTS_TEXT, its {fields} filled."""
        return cls(phrase(WEIGHTS_TEXT, key, "en", **values), phrase(WEIGHTS_TEXT, key, "zh", **values))


@dataclass(frozen=True)
class WeightKernel:
    """One scheme's projects prepared once, weighed again for every weight vector.

    Build it with :meth:`from_results` (a scored scheme) or :meth:`from_matrix`.
    """

    scheme: Scheme
    arrays: SchemeArrays
    prepared: PreparedCells
    project_ids: tuple[str, ...]
    names: tuple[str, ...]

    @classmethod
    def from_matrix(cls, matrix: SchemeMatrix) -> WeightKernel:
        """From the fractions and statuses of a :class:`scoring.analysis.robustness.SchemeMatrix`."""
        arrays = matrix.arrays
        prepared = PreparedCells.of(arrays, matrix.cells, waiting_cells(arrays, matrix.status))
        return cls(matrix.scheme, arrays, prepared, matrix.project_ids, matrix.names)

    @classmethod
    def from_results(cls, scheme: Scheme, projects: Sequence[ProjectResult]) -> WeightKernel:
        """From a scheme's scored results: each indicator's fraction and status as scored
        (overrides, consensus and pro-rated targets included), nothing read again."""
        return cls.from_matrix(scheme_matrix(scheme, projects))

    @property
    def size(self) -> int:
        return len(self.project_ids)

    @property
    def template_weights(self) -> np.ndarray:
        """The template's weights, in the scheme's criteria order (a copy)."""
        return self.arrays.weight.copy()

    def weigh(self, weight: Sequence[float] | np.ndarray) -> Weighed:
        """Totals, grades, ranks, provisional ranges, dimension subtotals and synergy of every
        project at ``weight`` (one per criterion, in the scheme's order).

        Raises
        ------
        WeightsError
            A weight that is negative, not finite or too large for a template.
        """
        weight = checked_weights(self.scheme, weight)
        return weigh_cells(self.scheme, self.arrays, self.prepared, weight)


def checked_weights(scheme: Scheme, weight: Sequence[float] | np.ndarray) -> np.ndarray:
    """``weight`` as a float array after the template's rules for a weight (docs/method.md,
    "Scheme"): one per criterion, each finite, ≥ 0 and within the template's number limit."""
    array = np.asarray(weight, dtype=float)
    if array.shape != (len(scheme.criteria),):
        raise WeightsError.of("count", need=len(scheme.criteria), got=array.size)
    bad = [c.code for c, w in zip(scheme.criteria, array.tolist(), strict=True)
           if not (w >= 0 and within_limit(w))]
    if bad:
        codes = ", ".join(bad)
        raise WeightsError.of("unusable", codes=codes)
    return array


def dimension_weights(arrays: SchemeArrays, weight: np.ndarray) -> np.ndarray:
    """Each dimension's weight: the sum of its score criteria's weights (shape: dimensions)."""
    in_dimension = arrays.is_score & (arrays.dimension_index >= 0)
    return np.bincount(arrays.dimension_index[in_dimension], weights=np.asarray(weight)[in_dimension],
                       minlength=arrays.n_dimensions)


def with_dimension_weight(arrays: SchemeArrays, weight: np.ndarray, dimension: int, value: float,
                          template: np.ndarray | None = None) -> np.ndarray:
    """New weights with one dimension's weight set to ``value``, its criteria keeping their shares.

    The dimension's score criteria are scaled together, so the relative weights inside it stay
    as they were. When they are all 0 now, they take the template's shares of the dimension
    (``template``, default the scheme's weights), and equal shares when those are 0 too.
    """
    weight = np.asarray(weight, dtype=float).copy()
    members = arrays.is_score & (arrays.dimension_index == dimension)
    if not members.any():
        return weight
    template = arrays.weight if template is None else np.asarray(template, dtype=float)
    for shares in (weight[members], template[members], np.ones(int(members.sum()))):
        if shares.sum() > 0:
            weight[members] = value * shares / shares.sum()
            return weight
    return weight  # pragma: no cover - equal shares always add up to more than 0


def changed_codes(scheme: Scheme, weight: Sequence[float] | np.ndarray) -> list[str]:
    """The codes of the criteria whose weight differs from the template's, in the scheme's order."""
    template = np.array([c.weight for c in scheme.criteria], dtype=float)
    moved = np.abs(np.asarray(weight, dtype=float) - template) > 1e-12
    return [c.code for c, differs in zip(scheme.criteria, moved.tolist(), strict=True) if differs]


def with_weights(scheme: Scheme, weight: Sequence[float] | np.ndarray, version: str | None = None) -> Scheme:
    """The scheme with these weights (and, when given, this version); nothing else changes."""
    weight = checked_weights(scheme, weight)
    criteria = tuple(dataclasses.replace(c, weight=float(w))
                     for c, w in zip(scheme.criteria, weight.tolist(), strict=True))
    return dataclasses.replace(scheme, criteria=criteria, version=version or scheme.version)


@dataclass(frozen=True)
class Movement:
    """How the projects moved between two weighings of the same kernel (e.g. template → now)."""

    rank_change: np.ndarray  # (n,) positive: moved up (a smaller rank number)
    grade_change: np.ndarray  # (n,) positive: a better grade

    @property
    def moved(self) -> int:
        """Projects whose rank changed."""
        return int(np.count_nonzero(self.rank_change))

    @property
    def regraded(self) -> int:
        """Projects whose grade changed."""
        return int(np.count_nonzero(self.grade_change))


def movement(before: Weighed, after: Weighed) -> Movement:
    """Rank and grade changes from ``before`` to ``after`` (grade indices count from the best)."""
    return Movement(rank_change=before.rank - after.rank,
                    grade_change=before.grade_index - after.grade_index)


def weight_rows(arrays: SchemeArrays, weight: np.ndarray) -> tuple[list[float], list[float | None]]:
    """What the Weights tab shows beside each weight: the criteria's rows, then the dimensions'.

    Returns
    -------
    (changes, shares)
        Each row's weight minus the template's, and its share of all score weight (None for a
        bonus or penalty item, whose weight is points, and when the score weights add up to 0).
    """
    weight = np.asarray(weight, dtype=float)
    now = np.concatenate([weight, dimension_weights(arrays, weight)])
    template = np.concatenate([arrays.weight, dimension_weights(arrays, arrays.weight)])
    score_total = float(weight[arrays.is_score].sum())
    counted = np.concatenate([arrays.is_score, np.ones(arrays.n_dimensions, dtype=bool)])
    shares = [float(w) / score_total if on and score_total > 0 else None
              for w, on in zip(now.tolist(), counted.tolist(), strict=True)]
    return (now - template).tolist(), shares

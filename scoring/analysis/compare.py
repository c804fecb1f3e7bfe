"""Two to four projects of one scheme side by side, criterion by criterion (issue 19, item 8).

What the comparison adds to the projects' own results is only arithmetic on them: for each
criterion whether the projects differ, by how much (the second project's points minus the
first's for two projects, the spread max − min for three or four) and which project earns
most and least; the same for each dimension's subtotal, the bonus, the penalty and the total.
Every figure compared is the engine's own (points, fractions, dimension subtotals, total,
grade, rank: docs/method.md), so the comparison never scores anything again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from scoring.core.figures import dimension_maxima
from scoring.core.model import Criterion, Scheme
from scoring.core.results import IndicatorResult, ProjectResult

MIN_PROJECTS, MAX_PROJECTS = 2, 4

#: Figures closer than this count as equal (the engine's points carry float noise).
TOLERANCE = 1e-9


class ComparisonError(ValueError):
    """Projects that cannot be compared: too few or too many, or not of the scheme."""


def difference(values: Sequence[float | None]) -> float | None:
    """How far apart the figures are: second − first for two, max − min for more.

    None when fewer than two of them exist (a pending criterion has no points yet).
    """
    present = [v for v in values if v is not None]
    if len(present) < 2:
        return None
    if len(values) == 2:
        return present[1] - present[0]
    return max(present) - min(present)


#: Criterion types whose cell is a label (yes/no, a level): the fraction is what it says.
LABELLED_TYPES = frozenset({"yesno", "choice"})


def _as_read(value: object) -> object:
    """A number typed as text compares as the number (the engine reads it so)."""
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return value.strip()
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _same(values: Sequence[object]) -> bool:
    first = values[0]
    for value in values[1:]:
        if isinstance(first, float) and isinstance(value, float):
            if not math.isclose(first, value, rel_tol=0.0, abs_tol=TOLERANCE):
                return False
        elif value != first:
            return False
    return True


def extremes(values: Sequence[float | None]) -> tuple[frozenset[int], frozenset[int]]:
    """Indexes of the most and the least; both empty when the figures are all equal."""
    present = [(v, i) for i, v in enumerate(values) if v is not None]
    if len(present) < 2 or _same([float(v) for v, _ in present]):
        return frozenset(), frozenset()
    top, bottom = max(v for v, _ in present), min(v for v, _ in present)
    return (frozenset(i for v, i in present if v >= top - TOLERANCE),
            frozenset(i for v, i in present if v <= bottom + TOLERANCE))


class HasPoints(Protocol):
    @property
    def points(self) -> Sequence[float | None]: ...


class PointsAcross:
    """The difference and the extremes of ``points``, one figure per compared project."""

    @property
    def difference(self: HasPoints) -> float | None:
        """Second − first for two projects, max − min for more."""
        return difference(self.points)

    @property
    def most(self: HasPoints) -> frozenset[int]:
        """The projects earning most points here (none when all earn the same)."""
        return extremes(self.points)[0]

    @property
    def least(self: HasPoints) -> frozenset[int]:
        return extremes(self.points)[1]


@dataclass(frozen=True)
class CriterionComparison(PointsAcross):
    """One criterion across the compared projects (``results`` in their order)."""

    criterion: Criterion
    results: tuple[IndicatorResult | None, ...]

    @property
    def points(self) -> tuple[float | None, ...]:
        return tuple(None if r is None else r.points for r in self.results)

    @property
    def fractions(self) -> tuple[float | None, ...]:
        return tuple(None if r is None else r.score for r in self.results)

    @property
    def differs(self) -> bool:
        """Whether the projects differ in what was read, fraction, points or status.

        What was read is compared as the engine reads it, not as typed: "yes" and "是" are the
        same answer of a yes/no criterion (its fraction says so), 12 and "12.0" the same number.
        """
        def field(name: str) -> list[object]:
            return [None if r is None else _as_read(getattr(r, name)) for r in self.results]

        names: tuple[str, ...] = ("score", "points", "status")
        if self.criterion.type not in LABELLED_TYPES:  # a label's reading is its fraction
            names = ("value", "baseline", *names)
        return not all(_same(field(name)) for name in names)



@dataclass(frozen=True)
class GroupComparison(PointsAcross):
    """A dimension's criteria with its subtotal per project, or the bonus or penalty items.

    ``kind`` is ``score`` (``name`` the dimension), ``bonus`` or ``penalty``; ``points`` the
    engine's subtotal of each project as it adds to the total (the penalty negative, as its
    items' points are); ``max_points`` the dimension's maximum (None for bonus and penalty).
    """

    kind: str
    name: str
    criteria: tuple[CriterionComparison, ...]
    points: tuple[float, ...]
    max_points: float | None = None


@dataclass(frozen=True)
class Comparison:
    """The compared projects of ``scheme``, in the order chosen, with their groups of criteria."""

    scheme: Scheme
    projects: tuple[ProjectResult, ...]
    groups: tuple[GroupComparison, ...]

    @property
    def criteria(self) -> tuple[CriterionComparison, ...]:
        return tuple(c for g in self.groups for c in g.criteria)

    @property
    def totals(self) -> tuple[float, ...]:
        return tuple(p.total for p in self.projects)

    @property
    def total_difference(self) -> float | None:
        return difference(self.totals)

    @property
    def most(self) -> frozenset[int]:
        """The projects with the highest total (none when all totals are equal)."""
        return extremes(self.totals)[0]

    @property
    def least(self) -> frozenset[int]:
        return extremes(self.totals)[1]

    @property
    def differing(self) -> int:
        """How many criteria differ between the projects."""
        return sum(1 for c in self.criteria if c.differs)

    def lost_order(self, limit: int | None = None) -> list[str]:
        """Codes of the criteria where any compared project lost points, the largest loss
        first (ties in the scheme's order): the rows of the overlaid points-lost chart."""
        lost = []
        for position, c in enumerate(self.criteria):
            worst = max((r.points_lost or 0.0 for r in c.results if r is not None), default=0.0)
            if worst > TOLERANCE:
                lost.append((-worst, position, c.criterion.code))
        return [code for _, _, code in sorted(lost)][:limit]


def compare_projects(scheme: Scheme, projects: Sequence[ProjectResult]) -> Comparison:
    """Line up two to four scored projects of ``scheme``.

    Raises
    ------
    ComparisonError
        Fewer than two or more than four projects, the same project twice, or a project of
        another scheme.
    """
    chosen = tuple(projects)
    if not MIN_PROJECTS <= len(chosen) <= MAX_PROJECTS:
        raise ComparisonError(f"compare {MIN_PROJECTS} to {MAX_PROJECTS} projects, not {len(chosen)}")
    if len({p.project_id for p in chosen}) != len(chosen):
        raise ComparisonError("the same project was chosen twice")
    foreign = [p.project_id for p in chosen if p.scheme != scheme.name]
    if foreign:
        raise ComparisonError(f"not of the scheme {scheme.name}: {', '.join(foreign)}")
    maxima = dimension_maxima(scheme)

    def line(criterion: Criterion) -> CriterionComparison:
        return CriterionComparison(criterion, tuple(p.indicators.get(criterion.code) for p in chosen))

    groups = [
        GroupComparison(
            "score", dimension,
            tuple(line(c) for c in scheme.criteria if c.kind == "score" and c.dimension == dimension),
            tuple(p.dimensions.get(dimension, 0.0) for p in chosen), maxima.get(dimension),
        )
        for dimension in scheme.dimensions
    ]
    for kind, subtotal in (("bonus", lambda p: p.bonus), ("penalty", lambda p: -p.penalty)):
        items = tuple(line(c) for c in scheme.criteria if c.kind == kind)
        if items:
            groups.append(GroupComparison(kind, kind, items, tuple(subtotal(p) for p in chosen)))
    return Comparison(scheme, chosen, tuple(groups))

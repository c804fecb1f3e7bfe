"""What scoring gives: each project's result and each criterion's result within it.

:class:`ProjectResult` (totals, grade, rank, synergy, issues) and :class:`IndicatorResult` (one
criterion's value, fraction, points and status) are what every output reads: the results table,
the workbook, the PDF report, the workspace's history. A project's indicator results are built
on first use (:class:`LazyIndicators`), since most uses of a run read none of them;
scoring/core/engine.py makes these objects from the kernel's arrays.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, ItemsView, Iterator, Mapping, ValuesView
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scoring.core.model import Criterion, Issue
from scoring.core.targets import ON_TRACK

if TYPE_CHECKING:
    from scoring.core.reconcile import Reconciliation


@dataclass(slots=True)
class IndicatorResult:
    code: str
    value: object
    baseline: object
    score: float | None
    points: float | None
    status: str
    location: str = ""
    evidence: str = ""
    inspector: str = ""
    reason: str = ""
    #: Where the baseline of a change criterion was read (``file:sheet!cell``).
    baseline_location: str = ""
    #: Set when scored from a workspace: the inspectors' scores, spread, disagreement and
    #: consensus behind this criterion.
    reconciliation: Reconciliation | None = None
    #: For a criterion with a pro-rated target (scoring/core/targets.py): the best bound used in
    #: this assessment year, and the improvement as a share of it (1.0 = on track).
    best_used: float | None = None
    attainment: float | None = None
    #: What this criterion earns at s = 1 (weight·total_points/W), for an included score
    #: criterion; None otherwise (docs/explain.md).
    max_points: float | None = None

    @property
    def points_lost(self) -> float | None:
        """max_points − points (None where there are no max_points)."""
        if self.max_points is None or self.points is None:
            return None
        return max(0.0, self.max_points - self.points)

    @property
    def on_track(self) -> bool | None:
        """Attainment of at least 100 % (None without a pro-rated target or a value)."""
        return None if self.attainment is None else self.attainment >= ON_TRACK

    def as_dict(self) -> dict:
        data = {"value": self.value, "score": self.score, "points": self.points, "status": self.status}
        if self.baseline is not None:
            data["baseline"] = self.baseline
        if self.location:
            data["location"] = self.location
        if self.status == "override":
            data["inspector"] = self.inspector
            data["reason"] = self.reason
        if self.reconciliation is not None:
            data.update(self.reconciliation.as_dict())
        if self.best_used is not None:
            data.update(best_used=self.best_used, attainment=self.attainment, on_track=self.on_track)
        data.update(max_points=self.max_points, points_lost=self.points_lost)
        return data


@dataclass
class ProjectResult:
    """One project's scored result within its scheme."""

    project_id: str
    name: str
    level: str
    scheme: str
    source: str
    total: float
    base: float
    bonus: float
    penalty: float
    grade: str
    rank: int
    veto: list[str]
    dimensions: dict[str, float]
    synergy: dict | None
    indicators: Mapping[str, IndicatorResult]
    issues: list[Issue]
    region: str = ""
    organisation: str = ""
    year: str = ""
    scheme_version: str = ""
    #: Criteria still waiting: manual criteria without an inspector's score and penalty items
    #: left blank (docs/method.md, "Provisional results").
    pending: int = 0
    #: The total with every pending criterion at its worst and at its best; ``total`` when
    #: nothing is pending.
    total_min: float | None = None
    total_max: float | None = None
    #: (grade of total_min, grade of total_max); the lowest grade twice when vetoed.
    grade_range: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        if self.total_min is None:
            self.total_min = self.total
        if self.total_max is None:
            self.total_max = self.total
        if self.grade_range is None:
            self.grade_range = (self.grade, self.grade)

    @property
    def grade_span(self) -> tuple[str, str]:
        """(grade of total_min, grade of total_max): ``grade`` twice when nothing is pending."""
        return self.grade_range or (self.grade, self.grade)

    @property
    def provisional(self) -> bool:
        """Whether a pending criterion could still change the total (pending > 0)."""
        return self.pending > 0

    def kept_indicators(self) -> Mapping[str, IndicatorResult] | None:
        """The indicator results when they are built and kept (or a plain mapping), else None.

        What a workspace sets on results (an inspectors' reconciliation) is set on built ones,
        so results nobody has built carry nothing but what the scores say.
        """
        indicators = self.indicators
        if type(indicators) is LazyIndicators and not indicators.built:
            return None
        return indicators

    def as_dict(self) -> dict:
        return {
            "project_id": self.project_id,
            "name": self.name,
            "level": self.level,
            "scheme": self.scheme,
            "scheme_version": self.scheme_version,
            "source": self.source,
            "region": self.region,
            "organisation": self.organisation,
            "year": self.year,
            "total": self.total,
            "pending": self.pending,
            "provisional": self.provisional,
            "total_min": self.total_min,
            "total_max": self.total_max,
            "grade_range": list(self.grade_span),
            "base": self.base,
            "bonus": self.bonus,
            "penalty": self.penalty,
            "grade": self.grade,
            "rank": self.rank,
            "veto": list(self.veto),
            "dimensions": dict(self.dimensions),
            "synergy": self.synergy,
            "indicators": {code: ind.as_dict() for code, ind in self.indicators.items()},
            "issues": [issue.as_dict() for issue in self.issues],
        }


def is_waiting(criterion: Criterion, result: IndicatorResult | None) -> bool:
    """One criterion's result still to be answered, by the rule of :func:`waiting_cells`:
    a manual criterion not yet scored, or a penalty item left blank (the pending queue)."""
    if result is None:
        return False
    return result.status == "pending" or (criterion.kind == "penalty" and result.status == "missing")


class LazyIndicators(Mapping[str, IndicatorResult]):
    """A project's indicator results (code → IndicatorResult), built on first use.

    A scored scheme of 1,000 projects × 60 criteria holds 60,000 of them, and most uses of a
    run (ranking, totals, the results table) read none; building them all took as long as
    parsing the values. Once built, they are kept; reading is the same as from a dict.
    """

    __slots__ = ("_build", "_built", "_size", "_statuses")

    def __init__(self, build: Callable[[], dict[str, IndicatorResult]], size: int | None = None,
                 statuses: Callable[[], list[str]] | None = None) -> None:
        self._build: Callable[[], dict[str, IndicatorResult]] | None = build
        self._built: dict[str, IndicatorResult] | None = None
        #: How many results ``build`` makes, when known: len() then builds nothing (an export
        #: counts its rows before it writes them).
        self._size = size
        #: The results' statuses in order, without building them (a callable), when known.
        self._statuses = statuses

    def _results(self) -> dict[str, IndicatorResult]:
        built = self._built
        if built is None:
            built = self._built = self._made()
            self._build = None  # let go of the scheme's arrays once this project is built
        return built

    def _made(self) -> dict[str, IndicatorResult]:
        """The results, made by ``build`` (kept only by :meth:`_results`)."""
        if self._build is None:  # let go only once the results are built and kept
            raise RuntimeError("the indicator results were let go before they were kept")
        return self._build()

    @property
    def built(self) -> bool:
        """Whether the results are built and kept."""
        return self._built is not None

    def statuses(self) -> list[str]:
        """Each result's status, in order, built from the scores alone when the results are not."""
        if self._built is None and self._statuses is not None:
            return self._statuses()
        return [result.status for result in self._results().values()]

    def unkept(self) -> dict[str, IndicatorResult]:
        """The results, built anew when not built yet and then not kept (see :func:`one_use`)."""
        return self._built if self._built is not None else self._made()

    def __getitem__(self, code: str) -> IndicatorResult:
        return self._results()[code]

    # The dict's own views and get: Mapping's would call __getitem__ once per criterion.
    def get(self, code: str, default=None):  # Mapping.get's overloads, as the dict's
        return self._results().get(code, default)

    def items(self) -> ItemsView[str, IndicatorResult]:
        return self._results().items()

    def values(self) -> ValuesView[IndicatorResult]:
        return self._results().values()

    def __iter__(self) -> Iterator[str]:
        return iter(self._results())

    def __len__(self) -> int:
        if self._built is None and self._size is not None:
            return self._size
        return len(self._results())

    def __repr__(self) -> str:
        return f"LazyIndicators({self._results()!r})"


def statuses_of(project: ProjectResult) -> list[str]:
    """The status of each of ``project``'s criteria, building no result that is not built."""
    if type(project.indicators) is LazyIndicators:
        return project.indicators.statuses()
    return [result.status for result in project.indicators.values()]


def one_use(project: ProjectResult) -> ProjectResult:
    """``project`` whose indicator results are built for one use and not kept by ``project``.

    An export that reads every project's results once (the workbook's Detail sheet, 20,000
    projects × 60 criteria) would otherwise keep 1.2 million of them built on the run's
    projects until the run is let go. The copy shares every other field; results already
    built are shared too.

    Parameters
    ----------
    project : ProjectResult

    Returns
    -------
    ProjectResult
        ``project`` itself when its results are a plain mapping.
    """
    if type(project.indicators) is not LazyIndicators:
        return project
    return dataclasses.replace(project, indicators=project.indicators.unkept())

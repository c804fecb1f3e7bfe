"""Several inspectors, one score: spread, disagreement, median or mean, and consensus.

Inspection teams split up and each inspector scores manual criteria (and overrides) in their
own workspace; merged, a criterion may carry several inspectors' active scores. Assessment
practice keeps every score, shows how far they are apart, flags a large gap, and lets a
supervisor record a consensus with its reason. This module is that rule, and nothing else: no
database, no Qt, no scoring formula. It turns the stored scores into the one fraction the
engine uses (as an :class:`~scoring.core.model.Assessment`, so the engine's formulas are not
repeated here); the sentences that say it are scoring/core/presentation.py's
(``reconciliation_text``, ``shown_assessment``).

The rule, per project and criterion:

- **spread** = max − min of the inspectors' active scores (shown when there are two or more);
- **disagreement** when the spread is above the threshold (default 0.25 of the fraction);
- the **score used** is the supervisor's consensus when one is recorded, otherwise the median
  of the inspectors' scores (or their mean, a setting stored in the workspace), otherwise the
  single inspector's score.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from scoring.core.model import Assessment

METHODS = ("median", "mean")
DEFAULT_METHOD = "median"
DEFAULT_THRESHOLD = 0.25
#: Spreads are rounded to this many decimals, so 0.7 − 0.45 counts as 0.25 (not above 0.25)
#: rather than as 0.24999999999999994 or 0.25000000000000006.
SPREAD_DIGITS = 12


class ReconcileError(ValueError):
    """A setting out of range (an unknown method, a threshold outside 0..1).

    ``key`` names the message in scoring/core/presentation.py's catalogue and ``found`` the value, so
    that the workspace can say it in both languages.
    """

    def __init__(self, message: str, key: str, found: object) -> None:
        super().__init__(message)
        self.key = key
        self.found = found


@dataclass(frozen=True)
class ReconcileSettings:
    """How several inspectors' scores become one: ``method`` and the disagreement threshold."""

    method: str = DEFAULT_METHOD
    threshold: float = DEFAULT_THRESHOLD

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ReconcileError(f"the method must be median or mean, found {self.method!r}", "rc_method",
                                 self.method)
        if not 0.0 <= float(self.threshold) <= 1.0:  # also refuses NaN
            raise ReconcileError(
                f"the disagreement threshold must be from 0 to 1 (e.g. 0.25), found {self.threshold!r}",
                "rc_threshold", self.threshold,
            )

    def as_dict(self) -> dict:
        return {"method": self.method, "threshold": self.threshold}


@dataclass(frozen=True)
class Consensus:
    """A supervisor's consensus fraction for one criterion of one project."""

    fraction: float
    inspector: str
    reason: str
    at: str = ""

    def as_dict(self) -> dict:
        return {"fraction": self.fraction, "inspector": self.inspector, "reason": self.reason, "at": self.at}


@dataclass(frozen=True)
class Score:
    """One inspector's active score of a criterion, as stored."""

    inspector: str
    fraction: float
    reason: str
    at: str


@dataclass(frozen=True)
class Reconciliation:
    """What the inspectors said about one criterion of one project, and the fraction used.

    Attributes
    ----------
    scores : tuple of Score
        Each inspector's active score, ordered by inspector name (one per inspector).
    consensus : Consensus or None
    spread : float or None
        max − min of the scores when there are two or more, else None.
    disagreement : bool
        The spread is above the threshold.
    used : float or None
        The fraction the engine uses (None when nobody scored and there is no consensus).
    basis : str
        ``consensus``, ``median``, ``mean``, ``single`` or ``none``: where ``used`` comes from.
    """

    scores: tuple[Score, ...] = ()
    consensus: Consensus | None = None
    spread: float | None = None
    disagreement: bool = False
    used: float | None = None
    basis: str = "none"
    settings: ReconcileSettings = field(default_factory=ReconcileSettings)

    @property
    def inspectors(self) -> dict[str, float]:
        """``{name: fraction}`` in name order."""
        return {s.inspector: s.fraction for s in self.scores}

    @property
    def reconciled(self) -> bool:
        """Several inspectors scored, or a supervisor decided: the reports explain the score."""
        return len(self.scores) > 1 or self.consensus is not None

    def as_dict(self) -> dict:
        """The JSON keys of an indicator scored in a workspace."""
        return {
            "inspectors": self.inspectors,
            "spread": self.spread,
            "disagreement": self.disagreement,
            "consensus": self.consensus.as_dict() if self.consensus else None,
        }


def reconcile(
    scores: Iterable[Score], consensus: Consensus | None = None, settings: ReconcileSettings | None = None
) -> Reconciliation:
    """Reconcile the active scores of one criterion (see the module's rule).

    Parameters
    ----------
    scores : iterable of Score
        The inspectors' active scores, at most one per inspector.
    consensus : Consensus, optional
        The supervisor's active consensus, which wins when present.
    settings : ReconcileSettings, optional
        Median or mean, and the threshold (defaults: median, 0.25).

    Returns
    -------
    Reconciliation
    """
    settings = settings or ReconcileSettings()
    ordered = tuple(sorted(scores, key=lambda s: (s.inspector.casefold(), s.inspector)))
    fractions = [s.fraction for s in ordered]
    spread = round(max(fractions) - min(fractions), SPREAD_DIGITS) if len(fractions) > 1 else None
    disagreement = spread is not None and spread > settings.threshold
    if consensus is not None:
        used, basis = consensus.fraction, "consensus"
    elif len(fractions) > 1:
        used, basis = _combine(fractions, settings.method), settings.method
    elif fractions:
        used, basis = fractions[0], "single"
    else:
        used, basis = None, "none"
    return Reconciliation(ordered, consensus, spread, disagreement, used, basis, settings)


def _combine(fractions: list[float], method: str) -> float:
    # fmean sums exactly (math.fsum), so the mean of 0.6, 0.7 and 0.2 is 0.5, not 0.49999…
    return statistics.median(fractions) if method == "median" else statistics.fmean(fractions)


def to_assessment(
    project_id: str, code: str, rec: Reconciliation, combined_reason: Callable[[Reconciliation], str]
) -> Assessment | None:
    """The Assessment the engine uses for a criterion (None when there is nothing to use).

    Its inspector and reason are what a plain result shows: the supervisor and the consensus
    reason, the single inspector's own, or the inspectors' names and ``combined_reason(rec)``,
    the sentence saying how their scores were combined (the workspace gives
    scoring.core.presentation.reconciliation_text: this module holds the rule, not its words).
    """
    if rec.used is None:
        return None
    if rec.consensus is not None:
        c = rec.consensus
        return Assessment(project_id, code, c.fraction, c.inspector, c.reason, c.at)
    if len(rec.scores) == 1:
        s = rec.scores[0]
        return Assessment(project_id, code, s.fraction, s.inspector, s.reason, s.at)
    names = ", ".join(s.inspector for s in rec.scores)
    latest = max(s.at for s in rec.scores)
    return Assessment(project_id, code, rec.used, names, combined_reason(rec), latest)


def attach(results: Iterable, reconciliations: dict[tuple[str, str], Reconciliation]) -> None:
    """Give each indicator that inspectors scored (or a supervisor decided) its reconciliation.

    ``results`` are the engine's ProjectResult objects of one scheme. Indicators nobody scored
    keep ``reconciliation = None``, so a workspace without inspectors' work scores exactly as
    scoring without a workspace does, JSON included.
    """
    if not reconciliations:
        return
    for project in results:
        for code, indicator in project.indicators.items():
            rec = reconciliations.get((project.project_id, code))
            if rec is not None:
                indicator.reconciliation = rec


# --------------------------------------------------------------------------- the disagreement table


@dataclass(frozen=True)
class DisagreementRow:
    """One criterion of one project that several inspectors scored (or a supervisor decided)."""

    scheme: str
    scheme_version: str
    project_id: str
    name: str
    code: str
    reconciliation: Reconciliation

    @property
    def spread(self) -> float | None:
        return self.reconciliation.spread


def disagreement_rows(run) -> list[DisagreementRow]:
    """Every reconciled criterion of a workspace's results, the largest spread first.

    Criteria with a single inspector and no consensus are left out: there is nothing to
    reconcile. Ties keep the run's order (scheme, then rank, then scheme order of criteria).
    """
    rows = []
    for scheme in run.schemes:
        for project in run.projects_of(scheme):
            # reconciliations are set on built results: unbuilt ones have none (and stay unbuilt)
            for code, indicator in (project.kept_indicators() or {}).items():
                rec = getattr(indicator, "reconciliation", None)
                if rec is not None and rec.reconciled:
                    rows.append(DisagreementRow(scheme.name, scheme.version, project.project_id,
                                                project.name, code, rec))
    return sorted(rows, key=lambda r: -(r.spread if r.spread is not None else -1.0))


def inspector_names(rows: Iterable[DisagreementRow]) -> list[str]:
    """Every inspector who appears in the rows, by name (the columns of the table)."""
    names = {s.inspector for r in rows for s in r.reconciliation.scores}
    return sorted(names, key=lambda name: (name.casefold(), name))

"""Scoring a scheme's submissions: the public entry, ``score_scheme``.

It joins the three steps of scoring/core: ``build_inputs`` parses the submissions into arrays
(scoring/core/inputs.py), ``score_matrix`` scores them (scoring/core/kernel.py) and this
module turns the scored arrays into ``ProjectResult`` objects (scoring/core/results.py), with
pro-rated targets (scoring/core/targets.py) and each project's issues and veto messages.
"""
from __future__ import annotations

import numpy as np

from scoring.core import targets
from scoring.core.cells import SchemeArrays, improvement_percent
from scoring.core.inputs import NO_VALUE, ParsedRow, SchemeInputs, build_inputs
from scoring.core.kernel import ScoreArrays, score_matrix
from scoring.core.model import (
    STATUSES,
    Issue,
    Scheme,
    Submission,
    provenance,
)
from scoring.core.results import IndicatorResult, LazyIndicators, ProjectResult


def score_scheme(
    scheme: Scheme, submissions: list[Submission], assessments: dict | None = None,
    parsed: list[ParsedRow] | None = None, year: str | None = None,
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
        The submissions' cells already parsed (see :func:`scoring.core.inputs.parse_submission`).
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


def nan_to_none(values: list[float]) -> list[float | None]:
    """A row of the kernel's floats as results hold them: None where the kernel has NaN."""
    return [None if v != v else v for v in values]


def _indicator_results(scheme: Scheme, scored: ScoreArrays, inputs: SchemeInputs, i: int,
                       sub: Submission) -> dict[str, IndicatorResult]:
    """The IndicatorResult of each criterion of project ``i``, in the scheme's order."""
    # One conversion per row instead of a numpy scalar per cell.
    fractions = nan_to_none(scored.fraction[i].tolist())
    points = nan_to_none(scored.points[i].tolist())
    most = nan_to_none(scored.max_points[i].tolist())
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


def _prorated_targets(scheme: Scheme, scored: ScoreArrays, inputs: SchemeInputs, i: int) -> dict[int, dict]:
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


def _project_result(scheme: Scheme, scored: ScoreArrays, inputs: SchemeInputs, i: int,
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
        synergy=scored.synergy_of(i),
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

"""Why a project scored what it did, and what would lift it to the next grade (issue 17).

Every view (the Project tab, ``explain`` and ``score --json``, the workbook and the PDF) asks
this module, so the worked calculation, the points lost, the gap and the paths are worked out
in one place; the rules themselves stay in the kernel (:mod:`scoring.core.cells`,
:mod:`scoring.core.kernel`, :mod:`scoring.core.ranking`), which this module calls rather than
restates. docs/explain.md describes the figures.

- ``max_points`` = weight · total_points / W, W the sum of the weights of the project's
  included score criteria (what the criterion earns at s = 1, the others unchanged);
  ``points_lost`` = max_points − points. Neither exists for a criterion that is not included
  (n/a, an excluded missing value) nor for a bonus or penalty item.
- ``next_grade``: the next higher grade of the scheme; ``gap`` = its threshold − total.
- ``paths``: each included score criterion that could close the gap alone, with the fraction
  it needs, s* = s + gap/max_points, and the input that gives it.
- :func:`what_if` rescores one project with some inputs changed, leaving everything else as
  scored, through the engine's own kernel.

One module of some 700 lines on purpose: the figures, the what-if and their sentences share
the same few private helpers (the rounding that keeps a shown target closing the gap, the
number formats of the worked calculation), and the sentences must say exactly what the
figures are; split apart, each half would reach into the other's privates.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np

from scoring.core.cells import SchemeArrays, improvement_percent, indicator_fractions
from scoring.core.engine import nan_to_none
from scoring.core.kernel import ScoreArrays, score_matrix
from scoring.core.model import BOUNDED_TYPES, NA, OVERRIDE, STATUSES, CellValue, Criterion, Grade, Scheme
from scoring.core.presentation import (
    choice_labels,
    grade_label,
    indicator_label,
    kind_label,
    status_label,
    text,
    unit_label,
    value_label,
)
from scoring.core.ranking import TIE_TOLERANCE, rank_projects
from scoring.core.results import IndicatorResult, ProjectResult, one_use
from scoring.core.textclean import clean_text
from scoring.core.textlayout import format_number
from scoring.core.values import parse_for_criterion, parse_number

#: Path inputs: what a person enters to follow a path.
PATH_INPUTS = ("value", "current", "improvement", "yes", "choice", "fraction")


# --------------------------------------------------------------------------- max points


def max_points(scheme: Scheme, project: ProjectResult) -> dict[str, float]:
    """``max_points`` of each included score criterion of a project, by code (the engine puts
    them on each IndicatorResult: weight·total_points/W)."""
    return {code: r.max_points for code, r in project.indicators.items() if r.max_points is not None}


def points_lost(scheme: Scheme, project: ProjectResult) -> dict[str, float]:
    """``points_lost`` = max_points − points of each included score criterion, by code."""
    return {code: lost for code, r in project.indicators.items() if (lost := r.points_lost) is not None}


# --------------------------------------------------------------------------- worked calculation


@dataclass(frozen=True)
class Worked:
    """The worked calculation of one criterion for one project.

    Attributes
    ----------
    criterion : Criterion
    result : IndicatorResult
    improvement : float or None
        r in % for a change criterion with a usable value and baseline (+ means better).
    max_points, points_lost : float or None
        None where the criterion is not an included score criterion.
    total_points, included_weight : float
        The scheme's total and W, for the formula of ``max_points``.
    """

    criterion: Criterion
    result: IndicatorResult
    improvement: float | None
    max_points: float | None
    points_lost: float | None
    total_points: float
    included_weight: float
    #: The template's best when the criterion's target is pro-rated to the assessment year
    #: (scoring/core/targets.py); ``criterion.best`` is then the pro-rated bound the score used.
    target_best: float | None = None

    @property
    def code(self) -> str:
        return self.criterion.code

    @property
    def bounds_unit(self) -> str:
        """What worst and best are measured in: % improvement for a change criterion."""
        return "%" if self.criterion.type == "change" else self.criterion.unit

    def as_dict(self) -> dict:
        c, r = self.criterion, self.result
        data = {
            "code": c.code, "type": c.type, "kind": c.kind, "status": r.status,
            "value": r.value, "value_cell": r.location or None,
            "worst": c.worst, "best": c.best, "bounds_unit": self.bounds_unit,
            "fraction": r.score, "weight": c.weight, "points": r.points,
            "max_points": self.max_points, "points_lost": self.points_lost,
        }
        if c.type == "change":
            data.update(baseline=r.baseline, baseline_cell=r.baseline_location or None,
                        improvement=self.improvement)
        if self.target_best is not None:
            data.update(best_target=self.target_best, attainment=r.attainment, on_track=r.on_track)
        return data


def worked(scheme: Scheme, project: ProjectResult) -> list[Worked]:
    """The worked calculation of every criterion of a project, in the scheme's order."""
    indicators = project.indicators
    included_weight = sum(c.weight for c in scheme.criteria
                          if c.code in indicators and indicators[c.code].max_points is not None)
    rows = []
    for c in scheme.criteria:
        result = indicators.get(c.code)
        if result is None:
            continue
        rows.append(Worked(as_scored(c, result), result, _improvement(c, result), result.max_points,
                           result.points_lost, scheme.total_points, included_weight,
                           c.best if result.best_used is not None else None))
    return rows


def as_scored(criterion: Criterion, result: IndicatorResult) -> Criterion:
    """The criterion with the best bound the score used: pro-rated to the assessment year
    where its target is (scoring/core/targets.py), its own otherwise."""
    if result.best_used is None:
        return criterion
    return dataclasses.replace(criterion, best=result.best_used)


def worked_one(scheme: Scheme, project: ProjectResult, code: str) -> Worked | None:
    """The worked calculation of one criterion (None when the project has no such code)."""
    return next((w for w in worked(scheme, project) if w.code == code), None)


def _improvement(criterion: Criterion, result: IndicatorResult) -> float | None:
    if criterion.type != "change" or result.status not in ("ok", "override"):
        return None
    x, b = _number(result.value), _number(result.baseline)
    if x is None or b is None or b == 0:
        return None
    return float(improvement_percent(x, b, criterion.direction == "higher"))


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


# --------------------------------------------------------------------------- gap and paths


@dataclass(frozen=True)
class Path:
    """One criterion that could close the gap to the next grade alone.

    Attributes
    ----------
    code : str
    fraction : float
        s*, the fraction it needs.
    value : float or str
        What to enter: a number (``value``, ``current``, ``improvement``), "yes", a choice's
        label, or the fraction (``fraction``: manual criteria and overridden ones).
    input : str
        One of :data:`PATH_INPUTS`.
    change : float
        Relative change from today's value, |new − today|/|today| (inf when there is no
        value today or it is 0); paths are sorted by it.
    baseline : float or None
        The submitted baseline a ``current`` path is worked from.
    improvement : float or None
        r*, the improvement in % a change path needs.
    """

    code: str
    fraction: float
    value: float | str
    input: str
    change: float
    baseline: float | None = None
    improvement: float | None = None

    def as_dict(self) -> dict:
        data = {"code": self.code, "fraction": self.fraction, "value": self.value, "input": self.input,
                "relative_change": None if math.isinf(self.change) else self.change}
        if self.improvement is not None:
            data["improvement"] = self.improvement
        if self.baseline is not None:
            data["baseline"] = self.baseline
        return data


@dataclass(frozen=True)
class Gap:
    """How far a project is from the next grade, and what would close the gap.

    ``next_grade``, ``threshold`` and ``gap`` are None at the top grade and when vetoed;
    ``blocked_by`` lists a vetoed project's failed must-pass items.
    """

    next_grade: str | None
    threshold: float | None
    gap: float | None
    paths: tuple[Path, ...] = ()
    blocked_by: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"next_grade": self.next_grade, "gap": self.gap,
                "paths": [p.as_dict() for p in self.paths], "blocked_by": list(self.blocked_by)}


def next_grade(scheme: Scheme, project: ProjectResult) -> Grade | None:
    """The grade above the project's (a model.Grade), None at the top."""
    grades = scheme.grades_descending
    names = [g.name for g in grades]
    if project.grade not in names:
        return None
    index = names.index(project.grade)
    return grades[index - 1] if index > 0 else None


def gap(scheme: Scheme, project: ProjectResult) -> Gap:
    """The project's gap to the next grade and the paths that close it, shortest first."""
    if project.veto:
        return Gap(None, None, None, (), tuple(project.veto))
    above = next_grade(scheme, project)
    if above is None:
        return Gap(None, None, None)
    # What base must gain: the gap, plus what the clip of the total at 0 hides.
    needed = above.min_points - (project.base + project.bonus - project.penalty)
    paths = []
    indicators = project.indicators
    for c in scheme.criteria:
        result = indicators.get(c.code)
        # an included score criterion has max_points and points; nothing else can close a gap
        if result is None or result.max_points is None or result.points is None:
            continue
        most = result.max_points
        if most <= 0 or most - result.points < needed - TIE_TOLERANCE:
            continue
        s_star = min(1.0, (result.score or 0.0) + needed / most)
        path = _path(as_scored(c, result), result, s_star)
        if path is not None:
            paths.append(path)
    paths.sort(key=lambda p: (p.change, p.fraction - (indicators[p.code].score or 0.0), p.code))
    return Gap(above.name, above.min_points, above.min_points - project.total, tuple(paths))


def _path(criterion: Criterion, result: IndicatorResult, s_star: float) -> Path | None:
    """The input giving fraction ``s_star``, or None when no input of this criterion gives it."""
    kind = criterion.type
    if result.status == "override" or kind == "manual":
        return Path(criterion.code, s_star, s_star, "fraction", _relative(result.score, s_star))
    if kind == "value":
        target = _on_scale(criterion, s_star)
        return Path(criterion.code, s_star, target, "value", _relative(_number(result.value), target))
    if kind == "change":
        return _change_path(criterion, result, s_star)
    if kind == "yesno":
        return Path(criterion.code, s_star, "yes", "yes", _relative(result.score, 1.0))
    if kind == "choice":
        return _choice_path(criterion, result, s_star)
    return None


def _on_scale(criterion: Criterion, s: float) -> float:
    """worst + s·(best − worst): the value (or improvement) that gives fraction s."""
    worst, best = criterion.bounds
    return worst + s * (best - worst)


def _change_path(criterion: Criterion, result: IndicatorResult, s_star: float) -> Path:
    """The improvement r* and, from the submitted baseline, the current value that gives it."""
    r_star = _on_scale(criterion, s_star)
    baseline = _number(result.baseline)
    if baseline is None or baseline == 0:
        return Path(criterion.code, s_star, r_star, "improvement", math.inf, improvement=r_star)
    step = r_star * abs(baseline) / 100.0
    target = baseline + step if criterion.direction == "higher" else baseline - step
    return Path(criterion.code, s_star, target, "current", _relative(_number(result.value), target),
                baseline=baseline, improvement=r_star)


def _choice_path(criterion: Criterion, result: IndicatorResult, s_star: float) -> Path | None:
    """The label with the smallest fraction ≥ s*; None when no label reaches it."""
    reaching = [(f, label) for label, f in criterion.choices if f >= s_star - TIE_TOLERANCE]
    if not reaching:
        return None
    fraction, label = min(reaching, key=lambda pair: pair[0])
    return Path(criterion.code, s_star, label, "choice", _relative(result.score, fraction))


def _relative(today: float | None, target: float) -> float:
    if today is None or today == 0:
        return 0.0 if today == target else math.inf
    return abs(target - today) / abs(today)


def explanation_dict(scheme: Scheme, project: ProjectResult) -> dict:
    """What ``score --json`` adds to a project: next_grade, gap, paths and blocked_by (each
    indicator's ``max_points`` and ``points_lost`` are in its own ``as_dict``)."""
    return gap(scheme, project).as_dict()


def explained_dicts(schemes: Iterable[Scheme], projects: Iterable[ProjectResult]) -> Iterator[dict]:
    """Each project's JSON (``ProjectResult.as_dict``) with its explanation, one at a time (a
    run's JSON: ``AssessmentRun.as_dict``)."""
    by_key = {(s.name, s.version): s for s in schemes}
    for kept in projects:
        project = one_use(kept)  # its indicator results built for this entry and let go
        entry = project.as_dict()
        scheme = by_key.get((project.scheme, project.scheme_version))
        if scheme is not None:
            entry.update(explanation_dict(scheme, project))
        yield entry


# --------------------------------------------------------------------------- what-if


class WhatIfError(ValueError):
    """A what-if input that cannot be read; ``message_zh`` says it in Chinese."""

    def __init__(self, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.message, self.message_zh = message, message_zh

    def text(self, lang: str) -> str:
        return self.message_zh if lang == "zh" else self.message


@dataclass(frozen=True)
class Change:
    """A what-if change of one criterion: a new value (and baseline), or a fraction.

    ``value`` is what a person would type in the form (a number, "yes", a choice's label);
    ``baseline`` a change criterion's new baseline (None keeps the submitted one);
    ``fraction`` an inspector's fraction, which replaces the value as an override does (text
    as typed is checked by :func:`what_if`, which refuses one that is not a number from 0 to 1).
    """

    code: str
    value: object = None
    baseline: object = None
    fraction: float | str | None = None


def what_if(scheme: Scheme, projects: list[ProjectResult], project: ProjectResult,
            changes: Iterable[Change]) -> ProjectResult:
    """The project rescored with ``changes``, ranked among the scheme's other projects as scored.

    Nothing is stored: the result is a new ProjectResult, whose changed indicators show the
    new value (status ``ok``) or fraction (status ``override``, no inspector yet). Raises
    :class:`WhatIfError` for an input the engine would not accept.
    """
    arrays = SchemeArrays.of(scheme)
    by_code = {c.code: c for c in changes}
    status, override = _scored_cells(scheme, project)
    shown: dict[str, tuple[object, object, str]] = {}
    for j, criterion in enumerate(scheme.criteria):
        change = by_code.get(criterion.code)
        if change is not None:
            status[0, j], override[0, j], shown[criterion.code] = _changed_cell(
                arrays, j, criterion, project.indicators.get(criterion.code), change)
    nan = np.full(status.shape, np.nan)
    scored = score_matrix(scheme, arrays, nan, nan, status, override)
    others = [p for p in projects if p.project_id != project.project_id]
    totals = np.array([scored.total[0]] + [p.total for p in others])
    vetoed = np.array([bool(scored.vetoed[0].any())] + [bool(p.veto) for p in others])
    grades = scheme.grades_descending
    return dataclasses.replace(
        project,
        total=float(scored.total[0]), base=float(scored.base[0]), bonus=float(scored.bonus[0]),
        penalty=float(scored.penalty[0]),
        grade=grades[scored.grade_index[0]].name,
        pending=int(scored.waiting[0].sum()),
        total_min=float(scored.total_min[0]), total_max=float(scored.total_max[0]),
        grade_range=(grades[scored.grade_min_index[0]].name, grades[scored.grade_max_index[0]].name),
        rank=int(rank_projects(totals, vetoed)[0]),
        veto=[c.code for c, v in zip(scheme.criteria, scored.vetoed[0], strict=True) if v],
        dimensions={d: float(scored.dimensions[0, k]) for k, d in enumerate(scheme.dimensions)},
        synergy=scored.synergy_of(0),
        indicators=_changed_indicators(scheme, project, scored, shown),
    )


def with_values_before(scheme: Scheme, projects: list[ProjectResult], project: ProjectResult,
                       changes: Iterable) -> ProjectResult:
    """The project as scored now, but with the submitted values its latest version changed taken
    back: the previous version's result, for a resubmission's "total before → after".

    ``changes`` are the version's differences from the one before
    (scoring.workspace.records.Change: code, field ``current`` or ``baseline``, old, new); other
    fields (evidence, the project's name) do not score. Raises :class:`WhatIfError` when an old
    value is one the engine would not take as a what-if (a blank cell).
    """
    reverted: dict[str, dict[str, object]] = {}
    for change in changes:
        result = project.indicators.get(change.code) if change.code else None
        if result is None or change.field not in ("current", "baseline"):
            continue
        entry = reverted.setdefault(change.code, {"value": result.value, "baseline": None})
        entry["value" if change.field == "current" else "baseline"] = change.old
    if any(v["value"] is None or v["value"] == "" for v in reverted.values()):
        raise WhatIfError("a value of the previous version was blank", "上一版本有空白的填报值")
    return what_if(scheme, projects, project,
                   [Change(code, v["value"], v["baseline"]) for code, v in reverted.items()])


def _scored_cells(scheme: Scheme, project: ProjectResult) -> tuple[np.ndarray, np.ndarray]:
    """The project's statuses and fractions as the kernel's override inputs (1 × m).

    A usable cell (ok or override) goes in as an override of its own fraction, which the
    engine treats exactly as the value it came from; the other statuses stay what they were.
    """
    m = len(scheme.criteria)
    status = np.zeros((1, m), dtype=np.int8)
    override = np.full((1, m), np.nan)
    for j, c in enumerate(scheme.criteria):
        result = project.indicators.get(c.code)
        code = STATUSES.index(result.status) if result is not None else NA
        if result is not None and result.status in ("ok", "override"):
            code, override[0, j] = OVERRIDE, result.score
        status[0, j] = code
    return status, override


def _changed_cell(arrays: SchemeArrays, j: int, criterion: Criterion, result: IndicatorResult | None,
                  change: Change) -> tuple[int, float, tuple]:
    """(status code, fraction, (value, baseline, status)) of one changed criterion."""
    if change.fraction is not None:
        fraction = _checked_fraction(criterion, change.fraction)
        return OVERRIDE, fraction, (result.value if result else None, result.baseline if result else None,
                                    "override")
    current = parse_for_criterion(CellValue(change.value, "what-if"), criterion)
    baseline_given = change.baseline if change.baseline is not None else (result.baseline if result else None)
    baseline = parse_number(CellValue(baseline_given, "what-if")) if criterion.needs_baseline else None
    for parsed, what, what_zh in ((current, "value", "现状值"), (baseline, "baseline", "基准值")):
        if parsed is not None and parsed.state == "invalid":
            raise WhatIfError(f"{criterion.code}: the {what} cannot be read: {parsed.message}",
                              f"{criterion.code}：{what_zh}无法读取：{parsed.message_zh}")
        if parsed is not None and parsed.state != "ok":
            raise WhatIfError(f"{criterion.code}: give a {what} to try",
                              f"{criterion.code}：请填写要试算的{what_zh}")
    if baseline is not None and baseline.number == 0:
        raise WhatIfError(f"{criterion.code}: the baseline is 0, so no change can be computed",
                          f"{criterion.code}：基准值为 0，无法计算变化率")
    m = len(arrays.weight)
    row, base_row = np.full((1, m), np.nan), np.full((1, m), np.nan)
    row[0, j] = current.ok_number
    if baseline is not None:
        base_row[0, j] = baseline.ok_number
    # the best bound the score used: pro-rated to the assessment year where a target is
    best = arrays.best[None, :].copy()
    if result is not None and result.best_used is not None:
        best[0, j] = result.best_used
    fraction = float(indicator_fractions(arrays, row, base_row, best)[0, j])
    value = current.ok_number if criterion.type in BOUNDED_TYPES else change.value
    return OVERRIDE, fraction, (value, baseline.ok_number if baseline is not None else None, "ok")


def _checked_fraction(criterion: Criterion, fraction: object) -> float:
    number = _number(fraction)
    if number is None or not 0.0 <= number <= 1.0:
        raise WhatIfError(f"{criterion.code}: a fraction is a number from 0 to 1, found {fraction!r}",
                          f"{criterion.code}：得分率应为 0 到 1 之间的数，实际为 {fraction!r}")
    return number


def _changed_indicators(scheme: Scheme, project: ProjectResult, scored: ScoreArrays,
                        shown: Mapping[str, tuple[object, object, str]]) -> dict[str, IndicatorResult]:
    fractions, points = nan_to_none(scored.fraction[0].tolist()), nan_to_none(scored.points[0].tolist())
    most = nan_to_none(scored.max_points[0].tolist())
    indicators = {}
    for j, c in enumerate(scheme.criteria):
        result = project.indicators.get(c.code)
        if result is None:
            continue
        value, baseline, status = shown.get(c.code, (result.value, result.baseline, result.status))
        indicators[c.code] = dataclasses.replace(
            result, value=value, baseline=baseline, status=status,
            score=fractions[j], points=points[j], max_points=most[j])
    return indicators



# --------------------------------------------------------------------------- words


def worked_lines(item: Worked, lang: str) -> list[str]:
    """The worked calculation of one criterion as sentences in ``lang`` (zh or en)."""
    c, r = item.criterion, item.result
    lines = _reading_lines(item, lang)
    if c.kind != "score":
        return lines + [_extra_line(item, lang)]
    if r.points is None:
        return lines + [text("worked_excluded", lang).format(status=status_label(r.status, lang))]
    if r.status not in ("ok", "override"):
        lines.append(text("worked_zero", lang).format(status=status_label(r.status, lang)))
    lines.append(text("worked_max", lang).format(
        weight=_n(c.weight), total=_n(item.total_points), w=_n(item.included_weight),
        max=_n(item.max_points)))
    lines.append(text("worked_points", lang).format(
        s=_n(r.score or 0.0, 3), max=_n(item.max_points), points=_n(r.points), lost=_n(item.points_lost)))
    return lines


def _reading_lines(item: Worked, lang: str) -> list[str]:
    """What was read and how it became the fraction s."""
    c, r = item.criterion, item.result
    if r.status == "override":
        key = "worked_manual" if c.type == "manual" else "worked_override"
        return [text(key, lang).format(s=_n(r.score, 3), inspector=clean_text(r.inspector) or "—",
                                       reason=clean_text(r.reason) or "—")]
    if c.type == "manual":
        return []
    if r.status != "ok":
        return [text("worked_value", lang).format(value=_shown(r.value, lang), unit="",
                                                  cell=r.location or "—")] if r.value is not None else []
    if c.type == "yesno":
        return [text("worked_yesno", lang).format(answer=clean_text(value_label(c, r.value, lang)),
                                                  s=_n(r.score, 3))]
    if c.type == "choice":
        choices = ", ".join(f"{clean_text(label)} = {_n(f, 3)}"
                            for label, (_, f) in zip(choice_labels(c, lang), c.choices, strict=True))
        return [text("worked_choice", lang).format(answer=clean_text(value_label(c, r.value, lang)),
                                                   s=_n(r.score, 3), choices=choices)]
    if c.type == "change":
        return _change_lines(item, lang)
    shown_unit = clean_text(unit_label(c.unit, lang))
    unit = f" {shown_unit}" if c.unit else ""
    worst, best = c.bounds
    lines = [
        text("worked_value", lang).format(value=_n(r.value, 4), unit=unit, cell=r.location or "—"),
        text(f"worked_bounds_{c.direction}", lang).format(
            worst=_n(worst, 4), best=_n(best, 4), unit=shown_unit or "—"),
    ]
    x = _number(r.value)
    if x is not None:  # a value read as ok is a number
        lines.append(_fraction_line(c, x, r.score, lang))
    return lines


def _change_lines(item: Worked, lang: str) -> list[str]:
    c, r = item.criterion, item.result
    worst, best = c.bounds
    lines = [text("worked_baseline", lang).format(
        baseline=_n(r.baseline, 4), baseline_cell=r.baseline_location or "—", value=_n(r.value, 4),
        cell=r.location or "—")]
    x, b = _number(r.value), _number(r.baseline)
    if item.improvement is not None and x is not None and b is not None:  # r needs both numbers
        lines.append(text(f"worked_improvement_{c.direction}", lang).format(
            baseline=_operand(b), value=_operand(x), abs=_n(abs(b), 4), r=_n(item.improvement, 4)))
    lines.append(text("worked_bounds_change", lang).format(worst=_n(worst, 4), best=_n(best, 4)))
    if item.target_best is not None:
        lines.append(_prorated_line(item, item.target_best, lang))
    if item.improvement is not None:
        lines.append(_fraction_line(c, item.improvement, r.score, lang))
    return lines


def _prorated_line(item: Worked, target_best: float, lang: str) -> str:
    """How the best bound was pro-rated from the template's ``target_best``, and the
    attainment (docs/method.md, "Pro-rated targets")."""
    c, r = item.criterion, item.result
    worst, best = c.bounds
    share = (best - worst) / (target_best - worst)
    line = text("worked_prorated", lang).format(
        worst=_operand(worst), target=_operand(target_best), share=_n(share, 4), best=_n(best, 4))
    if r.attainment is not None and item.improvement is not None:  # attainment is r's share
        verdict = text("on_track" if r.on_track else "behind", lang)
        line += text("worked_attainment", lang).format(
            r=_operand(item.improvement), best=_operand(best), attainment=f"{r.attainment:.0%}",
            verdict=verdict)
    return line


def _fraction_line(c: Criterion, x: float, s: float | None, lang: str) -> str:
    worst, best = c.bounds
    line = text("worked_fraction_bounded", lang).format(
        x=_operand(x), worst=_operand(worst), best=_operand(best),
        s=_n((x - worst) / (best - worst), 3))
    unclipped = (x - worst) / (best - worst)
    if not 0.0 <= unclipped <= 1.0:
        line += text("worked_clipped", lang).format(s=_n(s, 3))
    return line


def _extra_line(item: Worked, lang: str) -> str:
    c, r = item.criterion, item.result
    if r.status not in ("ok", "override"):
        return text("worked_extra_none", lang).format(kind=kind_label(c.kind, lang),
                                                      status=status_label(r.status, lang))
    return text(f"worked_{c.kind}", lang).format(s=_n(r.score, 3), weight=_n(c.weight),
                                                 points=_n(None if r.points is None else abs(r.points)))


def gap_lines(scheme: Scheme, project: ProjectResult, found: Gap, lang: str) -> list[str]:
    """The gap to the next grade and its paths as sentences in ``lang``, one per line."""
    total = _n(project.total)
    if found.blocked_by:
        return [text("gap_blocked", lang).format(codes=", ".join(found.blocked_by))]
    if found.next_grade is None:
        return [text("gap_top", lang).format(total=total, grade=grade_label(project.grade, lang))]
    lines = [text("gap_to", lang).format(total=total, gap=_n(found.gap), threshold=_n(found.threshold),
                                         grade=grade_label(found.next_grade, lang))]
    if not found.paths:
        return lines + [text("gap_no_path", lang)]
    lines.append(text("gap_paths_intro", lang))
    return lines + [path_text(scheme, project, p, lang) for p in found.paths]


def path_text(scheme: Scheme, project: ProjectResult, path: Path, lang: str) -> str:
    """One path as a sentence: the criterion, what to enter, today's value, the fraction."""
    c = _criterion_of(scheme, path)
    r = project.indicators[path.code]
    unit = f" {clean_text(unit_label(c.unit, lang))}" if c.unit and path.input in ("value", "current") else ""
    today = _n(r.score, 3) if path.input in ("fraction", "choice", "yes") else _shown(r.value, lang)
    if path.input == "choice":
        today = clean_text(value_label(c, r.value, lang)) if r.value is not None else text("no_value", lang)
    return text(f"path_{path.input}", lang).format(
        code=c.code, indicator=clean_text(indicator_label(c, lang)), value=shown_target(c, path, lang),
        unit=unit, today=today, s=_n(_rounded(path.fraction, up=True, digits=3), 3),
        baseline=_n(path.baseline, 4),
        r=_n(_rounded(path.improvement, up=True) if path.improvement is not None else None))


def shown_target(criterion: Criterion, path: Path, lang: str = "en") -> str:
    """A path's value as shown: a number rounded to 2 decimals towards the better side, so that
    entering the shown number still closes the gap (a fraction to 3 decimals, upwards)."""
    value = path.value
    if path.input == "yes":
        return text("answer_yes", lang)
    if isinstance(value, str):  # a choice's label
        return clean_text(value_label(criterion, value, lang))
    if path.input == "fraction":
        return _n(min(1.0, _rounded(value, up=True, digits=3)), 3)
    if path.input == "improvement":
        return _n(_rounded(value, up=True))
    if path.input == "current":
        return _n(_rounded(value, up=criterion.direction == "higher"))
    worst, best = criterion.bounds
    return _n(_rounded(value, up=best > worst))


def _rounded(value: float, up: bool, digits: int = 2) -> float:
    scale = 10 ** digits
    # the 1e-9 keeps a value that is already round (81.0 computed as 81.000000001) as it is
    return (math.ceil(value * scale - 1e-9) if up else math.floor(value * scale + 1e-9)) / scale


def _n(value: object, digits: int = 2) -> str:
    return "—" if value is None else format_number(value, digits)


def _operand(value: float) -> str:
    """A number inside a formula: negative ones in brackets, so that "a − (−b)" reads right."""
    shown = _n(value, 4)
    return f"({shown})" if value < 0 else shown


def _shown(value: object, lang: str) -> str:
    if value is None:
        return text("no_value", lang)
    return _n(value, 4) if isinstance(value, (int, float)) else clean_text(value)


def path_table(scheme: Scheme, project: ProjectResult, lang: str) -> tuple[str, list[list[str]]]:
    """The gap and its paths for a printed table: (heading, rows), each row [code, indicator,
    what to enter, today, fraction needed]. No rows at the top grade, when vetoed (the heading
    says what must pass first) or when no criterion closes the gap alone (the heading says so)."""
    found = gap(scheme, project)
    lines = gap_lines(scheme, project, found, lang)
    heading = lines[0]
    if found.next_grade is not None and not found.paths:
        heading += ("；" if lang == "zh" else ". ") + lines[1]
    return heading, [_path_row(scheme, project, path, lang) for path in found.paths]


def _criterion_of(scheme: Scheme, path: Path) -> Criterion:
    """The criterion a path is for: one of the scheme's, as :func:`gap` found the path in it."""
    criterion = scheme.criterion(path.code)
    if criterion is None:
        raise ValueError(f"a path for {path.code}, which the scheme {scheme.name!r} has no criterion of")
    return criterion


def _path_row(scheme: Scheme, project: ProjectResult, path: Path, lang: str) -> list[str]:
    c, r = _criterion_of(scheme, path), project.indicators[path.code]
    enter = shown_target(c, path, lang)
    if path.input in ("value", "current") and c.unit:
        enter += f" {clean_text(unit_label(c.unit, lang))}"
    if path.input == "current" and path.improvement is not None:  # a current path has r*
        enter += f" ({_n(_rounded(path.improvement, up=True))}{text('improvement_unit', lang)})"
    elif path.input == "improvement":
        enter += text("improvement_unit", lang)
    if path.input in ("value", "current", "improvement"):
        today = _shown(r.value, lang)
    elif path.input == "choice" and r.value is not None:
        today = clean_text(value_label(c, r.value, lang))
    else:
        today = _n(r.score, 3)
    return [c.code, clean_text(indicator_label(c, lang)), enter, today,
            _n(_rounded(path.fraction, up=True, digits=3), 3)]

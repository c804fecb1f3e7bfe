"""Submissions turned into the kernel's arrays: every cell parsed against its criterion.

``build_inputs`` reads each submission's cells for one scheme into the arrays that
scoring/core/kernel.py scores (current, baseline, status, override) and records an issue for
every cell it cannot use, with the cell's place and what to do. The common cells (a plain
number, a yes/no or choice label) take a fast path that reads the raw cell once; every other
cell goes through scoring/core/values.py, the one reading of values (tests/test_values.py
checks the fast path against it on every token). An import parses each file as it arrives
(``parse_submission``), so parsing overlaps reading.
"""

from __future__ import annotations

import functools
import math
from array import array
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from scoring.core.model import (
    BOUNDED_TYPES,
    INVALID,
    MISSING,
    NA,
    OK,
    OVERRIDE,
    PENDING,
    Assessment,
    Criterion,
    IndicatorInput,
    Issue,
    Scheme,
    SheetInputs,
    Submission,
    raw_cells,
)
from scoring.core.values import (
    NO_TOKENS,
    YES_TOKENS,
    Parsed,
    display_label,
    display_value,
    normalise_text,
    parse_for_criterion,
    parse_number,
    plain_text,
)


@dataclass
class SchemeInputs:
    """Submissions of one scheme turned into the kernel's arrays, plus per-cell issues.

    ``shown`` holds, per project, the (current, baseline) value of every criterion as it is
    displayed and exported, worked out while parsing so no cell is read twice; None where those
    are the plain numbers in ``current`` (and ``baseline``), most cells, so that 20,000
    projects × 60 criteria keep no pair per cell.
    """

    current: np.ndarray
    baseline: np.ndarray
    status: np.ndarray
    override: np.ndarray
    issues: list[list[Issue]]
    overrides: dict[tuple[int, int], Assessment] = field(default_factory=dict)
    shown: list[tuple[tuple[object, object] | None, ...]] = field(default_factory=list)


#: The shown (current, baseline) of a cell with nothing to show: blank, or a manual criterion.
NO_VALUE = (None, None)


def _plain_number(value: object, note: str | None) -> float | None:
    """The number of a plain numeric cell (no reader note), else None: the common case, fast."""
    if note is None and (type(value) is float or type(value) is int):
        if value == value and abs(value) != math.inf:
            return float(value)
    return None


def _parse_cell(
    submission: Submission, criterion: Criterion, raw: tuple | None
) -> tuple[int, float, float, Issue | None, tuple]:
    """Status code, current, baseline, an optional issue and the shown values of one cell.

    ``raw`` is the criterion's row as :func:`~scoring.core.model.raw_cells` gives it.
    """
    if criterion.type == "manual":
        return PENDING, np.nan, np.nan, None, NO_VALUE
    if raw is not None:
        if criterion.type in BOUNDED_TYPES:
            fast = _fast_numeric(raw, criterion)
        else:
            fast = fast_label(raw, criterion)
        if fast is not None:
            return fast
    entry = submission.inputs.get(criterion.code)
    return (*_parse_slow(submission, entry, criterion), _shown(entry, criterion))


def _shown(entry: IndicatorInput | None, criterion: Criterion) -> tuple[object, object]:
    """(current, baseline) as displayed: numbers as read, labels and yes/no as typed."""
    if entry is None:
        return NO_VALUE
    if criterion.type in ("yesno", "choice"):
        cell = entry.current
        return (None if cell is None else display_label(cell)), None
    baseline = display_value(entry.baseline) if criterion.needs_baseline else None
    return display_value(entry.current), baseline


def _fast_numeric(raw: tuple, criterion: Criterion) -> tuple | None:
    """Plain numbers in every cell the criterion reads, with a usable baseline: status ok.

    ``raw`` is the criterion's row as :func:`~scoring.core.model.raw_cells` gives it.
    """
    x = _plain_number(raw[0], raw[1])
    if x is None:
        return None
    if not criterion.needs_baseline:
        return OK, x, np.nan, None, None  # shown as the arrays hold it (SchemeInputs.shown)
    b = _plain_number(raw[2], raw[3])
    if b is None or b == 0:
        return None
    return OK, x, b, None, None


def fast_label(raw: tuple, criterion: Criterion) -> tuple | None:
    """A yes/no or choice cell whose plain text is one of its labels: status ok.

    The same reading as parse_yes_no and parse_choice, without their checks for the cells
    that are anything else (those take the slow path).
    """
    value = raw[0]
    if raw[1] is not None or type(value) is not str:
        return None
    text = normalise_text(value)
    if criterion.type == "yesno":
        token = text.casefold()
        fraction = 1.0 if token in YES_TOKENS else 0.0 if token in NO_TOKENS else None
    else:
        fraction = criterion.choice_fraction(text)
    if fraction is None:
        return None
    return OK, fraction, np.nan, None, _shown_label(plain_text(value) or None)


@functools.lru_cache(maxsize=1024)
def _shown_label(label: str | None) -> tuple[str | None, None]:
    """The shown pair of a label cell, one pair per label: "是" is on every other row."""
    return label, None


def _parse_slow(submission: Submission, entry: IndicatorInput | None,
                criterion: Criterion) -> tuple[int, float, float, Issue | None]:
    """Every other cell: text, percentages, n/a, blanks, flagged cells, yes/no and choices."""
    current = parse_for_criterion(entry.current if entry else None, criterion)
    baseline = parse_number(entry.baseline if entry else None) if criterion.needs_baseline else None
    where = _where(submission, entry, criterion.code)
    verdict = _combine(current, baseline)
    if verdict.state == "na" and not criterion.allow_na:
        message = (f"{criterion.code}: marked not applicable, which this criterion does not allow; "
                   "give a value")
        message_zh = f"{criterion.code}：填写了“不适用”，但该指标不允许不适用；请填写数值"
        return INVALID, np.nan, np.nan, Issue("error", "na_not_allowed", where, message, message_zh)
    if verdict.state == "invalid":
        cell = where if baseline is None or verdict is current else _baseline_where(submission, entry)
        issue = Issue("error", verdict.issue_kind, cell, f"{criterion.code}: {verdict.message}",
                      f"{criterion.code}：{verdict.message_zh}")
        return INVALID, np.nan, np.nan, issue
    if verdict.state == "ok" and baseline is not None and baseline.number == 0:
        message = f"{criterion.code}: the baseline is 0, so no change can be computed; check the baseline"
        message_zh = f"{criterion.code}：基准值为 0，无法计算变化率；请核对基准值"
        issue = Issue("error", "zero_baseline", _baseline_where(submission, entry), message, message_zh)
        return INVALID, np.nan, np.nan, issue
    if verdict.state == "missing":
        return MISSING, np.nan, np.nan, _missing_issue(criterion, current, where)
    if verdict.state == "na":
        return NA, np.nan, np.nan, None
    return OK, current.ok_number, baseline.ok_number if baseline is not None else np.nan, None


def _combine(current: Parsed, baseline: Parsed | None) -> Parsed:
    """The state of a cell pair: the worse of current and baseline decides."""
    if baseline is None:
        return current
    for state in ("invalid", "na", "missing"):
        for part in (current, baseline):
            if part.state == state:
                return part
    return current


def _missing_issue(criterion: Criterion, current: Parsed, where: str) -> Issue | None:
    if criterion.kind == "penalty":
        return _unanswered_penalty(criterion, where)
    if not criterion.is_required:
        return None
    what, what_zh = ("value", "现状值") if current.state == "missing" else ("baseline", "基准值")
    return Issue(
        "error",
        "missing_required",
        where,
        f"{criterion.code} ({criterion.indicator}): the required {what} is missing",
        f"{criterion.code}（{criterion.indicator_zh or criterion.indicator}）：缺少必填的{what_zh}",
    )


def _unanswered_penalty(criterion: Criterion, where: str) -> Issue:
    """A blank penalty item deducts nothing today; say so, since "yes" would (docs/method.md)."""
    return Issue(
        "warning",
        "unanswered_penalty",
        where,
        f"{criterion.code} ({criterion.indicator}): the penalty item is blank, so nothing is deducted "
        "for now and the result is provisional; answer it (e.g. 'no')",
        f"{criterion.code}（{criterion.indicator_zh or criterion.indicator}）：扣分项未填写，暂不扣分，"
        "结果为暂定；请填写（如“否”）",
    )


def _where(submission: Submission, entry: IndicatorInput | None, code: str = "") -> str:
    """The cell of a criterion's value: where it was read, else the blank cell of its row in a
    form (a missing value's place), else the file."""
    if entry is not None and entry.current is not None:
        return entry.current.location
    blank = submission.inputs.cell_location(code) if isinstance(submission.inputs, SheetInputs) else None
    return blank or submission.source


def _baseline_where(submission: Submission, entry: IndicatorInput | None) -> str:
    if entry is not None and entry.baseline is not None:
        return entry.baseline.location
    return _where(submission, entry)


class ParsedRow(NamedTuple):
    """One submission's cells parsed against a scheme, held compactly until it is scored.

    An import keeps every form's row from its arrival to the end of scoring: 20,000 forms × 60
    criteria as a tuple per cell held 120 MB (issue 15), as five columns a fifth of it.
    """

    status: bytes  #: a status code per criterion (model.STATUSES)
    current: array  #: doubles: the parsed current value (a fraction for yes/no and choice)
    baseline: array  #: doubles: the parsed baseline, NaN where none
    issues: tuple[tuple[int, Issue], ...]  #: (criterion number, issue) of the cells with one
    shown: tuple[tuple[object, object] | None, ...]  #: per criterion (SchemeInputs.shown)


def parse_submission(scheme: Scheme, submission: Submission) -> ParsedRow:
    """One submission's cells parsed against the scheme's criteria, in the scheme's order.

    What :func:`build_inputs` does for each submission; an import calls it as each file
    arrives from the readers, so that the parsing overlaps the reading.
    """
    raws = raw_cells(submission.inputs, scheme.codes)
    cells = [
        _parse_cell(submission, criterion, raw) for criterion, raw in zip(scheme.criteria, raws, strict=True)
    ]
    status, current, baseline, issues, shown = zip(*cells, strict=True) if cells else ((),) * 5
    return ParsedRow(bytes(status), array("d", current), array("d", baseline),
                     tuple((j, issue) for j, issue in enumerate(issues) if issue is not None), shown)


def build_inputs(
    scheme: Scheme, submissions: list[Submission], assessments: dict | None = None,
    parsed: list[ParsedRow] | None = None,
) -> SchemeInputs:
    """Parse every submission's values against the scheme's criteria.

    Parameters
    ----------
    scheme : Scheme
    submissions : list of Submission
    assessments : dict, optional
        ``{(project_id, code): Assessment}``: inspectors' manual scores and overrides, which
        replace the computed fraction.
    parsed : list, optional
        :func:`parse_submission` of each submission, in the same order, when already done.
    """
    assessments = assessments or {}
    n, m = len(submissions), len(scheme.criteria)
    issues: list[list[Issue]] = []
    shown: list[tuple[tuple[object, object] | None, ...]] = []
    assessed: dict[str, set[str]] = {}
    for project_id, code in assessments:
        assessed.setdefault(project_id, set()).add(code)
    if parsed is not None and len(parsed) != n:
        raise ValueError(f"{len(parsed)} parsed rows for {n} submissions")
    # filled a row at a time: one conversion per row, and no second copy of every row
    status = np.empty((n, m), dtype=np.int8)
    current = np.empty((n, m))
    baseline = np.empty((n, m))
    for k, submission in enumerate(submissions):
        row = parsed[k] if parsed is not None else parse_submission(scheme, submission)
        if m:
            status[k] = np.frombuffer(row.status, dtype=np.int8)
            current[k] = np.frombuffer(row.current)
            baseline[k] = np.frombuffer(row.baseline)
        # an inspector's fraction replaces the cell, so its parsing issue no longer applies
        replaced = assessed.get(submission.project_id, ())
        issues.append(list(submission.issues) + [
            issue for j, issue in row.issues if scheme.criteria[j].code not in replaced])
        shown.append(row.shown)
    override = np.full(status.shape, np.nan)
    overrides = _apply_assessments(scheme, submissions, assessments, status, override)
    return SchemeInputs(current, baseline, status, override, issues, overrides, shown)


def _apply_assessments(scheme: Scheme, submissions: list[Submission], assessments: dict,
                       status: np.ndarray, override: np.ndarray) -> dict[tuple[int, int], Assessment]:
    """Put inspectors' fractions in place of the cells they replace."""
    overrides: dict[tuple[int, int], Assessment] = {}
    if not assessments:
        return overrides
    column = {c.code: j for j, c in enumerate(scheme.criteria)}
    row = {s.project_id: i for i, s in enumerate(submissions)}
    for (project_id, code), assessment in assessments.items():
        i, j = row.get(project_id), column.get(code)
        if i is None or j is None:
            continue
        status[i, j], override[i, j] = OVERRIDE, assessment.fraction
        overrides[(i, j)] = assessment
    return overrides

"""The demo's second assessment round (issue 20): the same pilots a year later.

Made from the first round's forms as the importer reads them (so it follows whatever the demo
and the shipped templates hold), written under ``<demo>/round_2025/<level>/``, every form with
``year`` 2025 and its project's ID kept:

- a quarter of the pilots improve strongly, a quarter a little, a quarter fall back and a
  quarter submit the same figures again (their scores may still move, as targets do);
- one pilot is dropped (the last city, :data:`DROPPED`) and one is new (:data:`NEW_PROJECT`,
  a park), so every Tracking view has a missing round and a new arrival to show;
- the batch workbook's enterprises come back as single forms.

A value criterion moves a share of its worst–best range; a change criterion's improvement
moves that share of its range, its baseline kept; a yes/no answered 否 turns 是 for the strong
improvers; choices are kept. Seeded, so the same first round gives the same files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from scoring.core.model import LEVELS, Criterion, Scheme, Submission
from scoring.build.demo import shipped_schemes
from scoring.io.form import write_filled_form
from scoring.io.importer import read_file
from scoring.io.pipeline import expand_inputs

NEXT_YEAR = "2025"
FOLDER = f"round_{NEXT_YEAR}"
#: Where the first round's forms are, under the demo folder.
FIRST_ROUND = (*LEVELS, "batch")
#: Share of the worst–best range each kind of pilot moves (positive: towards best).
MOVES = (0.35, 0.12, -0.15, 0.0)
DROPPED = "C-2024-015"
NEW_PROJECT = {
    "project_id": "P-2025-026",
    "name": "苏州工业园区绿色低碳先行区",
    "region": "江苏省苏州市",
    "organisation": "苏州工业园区管理委员会",
}
#: The first-round project the new one's figures start from.
NEW_FROM = "P-2024-001"


def write_second_round(demo_dir: str | Path, seed: int = 2025,
                       progress: Callable[[int, int, str], object] | None = None) -> list[Path]:
    """Write the second round under ``demo_dir/round_2025`` from the forms in ``demo_dir``.

    ``progress(done, total, project_id)`` before each first-round form is carried forward;
    returning False stops (what was written stays).

    Returns
    -------
    list of Path
        The forms written, by level then project ID.
    """
    demo_dir = Path(demo_dir)
    by_level = shipped_schemes()
    schemes = {s.name: s for s in by_level.values()}
    first = _first_round(demo_dir)
    rng = np.random.default_rng(seed)
    written = []
    for k, submission in enumerate(first):
        if progress is not None and progress(k, len(first), submission.project_id) is False:
            break
        scheme = schemes.get(submission.template) or by_level.get(submission.level)  # batch rows name none
        if scheme is None or submission.project_id == DROPPED:
            continue
        move = MOVES[k % len(MOVES)]
        written.append(_write(demo_dir, scheme, submission, _moved(scheme, submission, move, rng)))
        if submission.project_id == NEW_FROM:
            newcomer = {**_fields(submission), **NEW_PROJECT}
            values = _moved(scheme, submission, 0.05, rng)
            written.append(_write(demo_dir, scheme, submission, values, newcomer))
    return written


def _first_round(demo_dir: Path) -> list[Submission]:
    """Every first-round submission the reader accepts, by level and project ID."""
    found: list[Submission] = []
    for path in expand_inputs([demo_dir / name for name in FIRST_ROUND if (demo_dir / name).exists()]):
        found.extend(item for item in read_file(path) if isinstance(item, Submission))
    order = {level: n for n, level in enumerate(LEVELS)}
    return sorted(found, key=lambda s: (order.get(s.level, 9), s.project_id))


def _fields(submission: Submission) -> dict:
    return {"project_id": submission.project_id, "name": submission.name, "region": submission.region,
            "organisation": submission.organisation, "contact": submission.contact}


def _write(demo_dir: Path, scheme: Scheme, submission: Submission, values: dict,
           fields: dict | None = None) -> Path:
    project = {**(fields or _fields(submission)), "year": NEXT_YEAR}
    path = demo_dir / FOLDER / scheme.level / f"{project['project_id']}.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_filled_form(scheme, path, project, values)


def _moved(scheme: Scheme, submission: Submission, move: float, rng) -> dict[str, tuple]:
    """``code → (current, baseline, evidence)`` a year later, each figure moved by ``move``."""
    values = {}
    for criterion in scheme.criteria:
        entry = submission.inputs.get(criterion.code)
        if entry is None:
            continue
        current = entry.current.value if entry.current else None
        baseline = entry.baseline.value if entry.baseline else None
        jitter = move * float(rng.uniform(0.7, 1.3))
        values[criterion.code] = (next_value(criterion, current, baseline, jitter), baseline,
                                  entry.evidence or None)
    return values


def next_value(criterion: Criterion, current, baseline, move: float):
    """A criterion's value a year on, moved by ``move`` (a share of its worst-to-best range).

    A "no" that moves well becomes "是"; a value moves by ``move`` × (best − worst); a change
    criterion's current value moves so that its change rate does the same; anything else (text,
    no bounds, no move, a zero baseline) stays as it was.
    """
    number = _number(current)
    if criterion.type == "yesno" and move >= MOVES[0] * 0.7 and str(current).strip() in ("否", "no", "No"):
        return "是"
    if number is None or move == 0 or criterion.worst is None or criterion.best is None:
        return current
    span = criterion.best - criterion.worst
    if criterion.type == "value":
        return round(number + move * span, 2)
    if criterion.type == "change":
        base = _number(baseline)
        if base is None or base == 0:
            return current
        higher = criterion.direction == "higher"
        r = (number - base) / abs(base) * 100.0 * (1 if higher else -1) + move * span
        step = r * abs(base) / 100.0
        return round(base + step if higher else base - step, 4)
    return current


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)

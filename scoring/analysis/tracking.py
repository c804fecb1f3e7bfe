"""Tracking pilots across assessment rounds: trends, changes, rank movement, grade transitions.

A pilot is assessed each year of its three (跟踪评估). Given the scored run of every round of a
workspace (:meth:`scoring.workspace.facade.Workspace.score` per round), this module lines each
project's results up across rounds, per scheme (by name: a scheme may have another version in
a later round):

- per round: total, grade, rank, synergy D, provisional, and each dimension's points;
- the change since the previous round and since the first, of the total (and D);
- the slope between two rounds (rank movement) and the grade-transition table.

A project without a submission in a round is *missing* there (None, shown as "—"), never 0:
no change is computed across a missing round. When the scheme's version differs between the
rounds being compared, totals, grades, ranks and D are compared on the criteria every version
involved shares (each round rescored on those criteria by the engine's own rules, through
:func:`scoring.analysis.robustness.scheme_matrix`), and the result says so; dimension points are then
compared only between rounds of one version. No Qt here: the GUI and the reports adapt it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from scoring.analysis.robustness import scheme_matrix
from scoring.core.kernel import synergy_indices
from scoring.core.memory import paused_gc
from scoring.core.model import Scheme
from scoring.core.presentation import dimension_label, grade_label, shown_below_thresholds, text
from scoring.core.results import ProjectResult
from scoring.io.pipeline import AssessmentRun, schemes_named

#: What a missing grade is called in the transition table's keys.
MISSING = ""


@dataclass(frozen=True)
class RoundInfo:
    """A round as tracking names it: its label and year."""

    label: str
    year: str


@dataclass
class RoundPoint:
    """One project's result in one round (None fields: not available)."""

    total: float
    grade: str
    rank: int
    D: float | None
    provisional: bool
    scheme_version: str
    dimensions: dict[str, float]
    #: Total, grade, rank and D on the criteria shared across the scheme's versions; the
    #: round's own when the scheme kept one version.
    compared_total: float = 0.0
    compared_grade: str = ""
    compared_rank: int = 0
    compared_D: float | None = None


@dataclass
class ProjectTrack:
    """A project's results across the rounds (``points[k]`` is None where it is missing)."""

    project_id: str
    name: str
    points: list[RoundPoint | None]

    def change(self, later: int, earlier: int, what: str = "total") -> float | None:
        """``what`` (total or D, as compared) in round ``later`` minus round ``earlier``;
        None when either round is missing (or D is undefined)."""
        a, b = self.points[earlier], self.points[later]
        if a is None or b is None:
            return None
        first, last = getattr(a, f"compared_{what}"), getattr(b, f"compared_{what}")
        if first is None or last is None:
            return None
        return last - first

    def change_previous(self, k: int, what: str = "total") -> float | None:
        """Change since the round before ``k`` (None for the first round or a missing one)."""
        return None if k == 0 else self.change(k, k - 1, what)

    def change_first(self, k: int, what: str = "total") -> float | None:
        """Change since the first round (None when either is missing)."""
        return None if k == 0 else self.change(k, 0, what)

    @property
    def change_total(self) -> float | None:
        """The latest round's total minus the first round's (None when either is missing)."""
        return self.change_first(len(self.points) - 1)

    @property
    def present(self) -> list[int]:
        return [k for k, p in enumerate(self.points) if p is not None]


@dataclass
class SchemeTracking:
    """One scheme's projects across the rounds."""

    scheme: str
    level: str
    rounds: list[RoundInfo]
    #: The scheme's version in each round (None where no project of it was scored).
    versions: list[str | None]
    #: The criteria compared on when the version changed between rounds (None: one version).
    shared_codes: tuple[str, ...] | None
    dimensions: tuple[str, ...]
    grades: tuple[str, ...]  # best first
    projects: list[ProjectTrack] = field(default_factory=list)
    #: (grade, minimum points), best first, and the points a total is out of: for charts.
    grade_bands: tuple[tuple[str, float], ...] = ()
    total_points: float = 100.0
    #: The scheme's Chinese name in its latest round (Scheme.name_zh), for presentation.scheme_label.
    name_zh: str = ""
    #: Each dimension's Chinese name (Criterion.dimension_zh), for the trend measure's label.
    dimensions_zh: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The scheme's name, as :attr:`scoring.core.model.Scheme.name` (presentation.scheme_label)."""
        return self.scheme

    @property
    def version_changed(self) -> bool:
        return self.shared_codes is not None

    def project(self, project_id: str) -> ProjectTrack | None:
        return next((p for p in self.projects if p.project_id == project_id), None)

    def transitions(self, earlier: int, later: int) -> dict[tuple[str, str], int]:
        """How many projects went from each grade in round ``earlier`` to each in ``later``
        (as compared); :data:`MISSING` stands for a round without the project."""
        counts: dict[tuple[str, str], int] = {}
        for track in self.projects:
            a, b = track.points[earlier], track.points[later]
            key = (a.compared_grade if a else MISSING, b.compared_grade if b else MISSING)
            counts[key] = counts.get(key, 0) + 1
        return counts

    def slope(self, earlier: int, later: int) -> list[tuple[str, int | None, int | None]]:
        """(project_id, rank in ``earlier``, rank in ``later``) of every project, as compared."""
        return [
            (t.project_id, _rank(t.points[earlier]), _rank(t.points[later])) for t in self.projects
        ]

    def improved(self, earlier: int = 0, later: int | None = None) -> list[ProjectTrack]:
        """Projects whose total rose between the two rounds (default first and latest)."""
        later = len(self.rounds) - 1 if later is None else later
        return [t for t in self.projects if (t.change(later, earlier) or 0) > 0]

    def basis(self, lang: str = "en") -> str:
        """A sentence saying what the comparisons are made on."""
        if self.shared_codes is None:
            return ""
        versions = " / ".join(dict.fromkeys(v for v in self.versions if v))
        return text("track_basis", lang).format(versions=versions, n=len(self.shared_codes))

    def as_dict(self) -> dict:
        return {
            "scheme": self.scheme,
            "level": self.level,
            "versions": list(self.versions),
            "compared_on": list(self.shared_codes) if self.shared_codes is not None else None,
            "basis": self.basis(),
            "basis_zh": self.basis("zh"),
        }


def _rank(point: RoundPoint | None) -> int | None:
    return None if point is None else point.compared_rank


@dataclass
class Tracking:
    """Every scheme's projects across the rounds of a workspace."""

    rounds: list[RoundInfo]
    schemes: list[SchemeTracking]

    def scheme(self, name: str) -> SchemeTracking | None:
        key = name.strip().casefold()
        return next((s for s in self.schemes if s.scheme.casefold() == key), None)

    def as_dict(self) -> dict:
        """The ``track`` command's JSON: rounds, schemes and a flat list of projects."""
        projects = []
        for scheme in self.schemes:
            for track in scheme.projects:
                projects.append(_project_dict(scheme, track))
        return {
            "rounds": [{"round": r.label, "year": r.year} for r in self.rounds],
            "schemes": [s.as_dict() for s in self.schemes],
            "projects": projects,
        }


def _project_dict(scheme: SchemeTracking, track: ProjectTrack) -> dict:
    rounds = []
    for k, (info, point) in enumerate(zip(scheme.rounds, track.points, strict=True)):
        entry: dict = {"round": info.label, "year": info.year}
        if point is None:
            entry.update(total=None, grade=None, rank=None, D=None, provisional=None)
        else:
            entry.update(
                total=point.total, grade=point.grade, rank=point.rank, D=point.D,
                provisional=point.provisional, scheme_version=point.scheme_version,
                dimensions=dict(point.dimensions),
            )
            if scheme.version_changed:
                entry.update(total_compared=point.compared_total, grade_compared=point.compared_grade,
                             rank_compared=point.compared_rank, D_compared=point.compared_D)
        entry.update(change_previous=track.change_previous(k), change_first=track.change_first(k))
        rounds.append(entry)
    return {
        "project_id": track.project_id,
        "name": track.name,
        "scheme": scheme.scheme,
        "rounds": rounds,
        "change_total": track.change_total,
        "change_D": track.change_first(len(track.points) - 1, "D"),
    }


# --------------------------------------------------------------------------- building it


def track_runs(
    rounds: Sequence[RoundInfo], runs: Sequence[AssessmentRun], scheme: str | None = None
) -> Tracking:
    """Line up the scored run of each round (oldest first), per scheme name.

    Parameters
    ----------
    rounds : sequence of RoundInfo
    runs : sequence of AssessmentRun
        ``runs[k]`` scored round ``rounds[k]``.
    scheme : str, optional
        Only this scheme: its name or its Chinese name, case and width aside
        (:func:`scoring.io.pipeline.schemes_named`, the rule a form's template field follows).
    """
    by_name: dict[str, Scheme] = {}
    for run in runs:
        for s in run.schemes:
            by_name.setdefault(s.name, s)
    chosen = list(by_name.values()) if scheme is None else schemes_named(scheme, list(by_name.values()))
    wanted = list(dict.fromkeys(s.name for s in chosen))
    with paused_gc():  # thousands of small records beside the runs' cells, none in a cycle
        schemes = [_track_scheme(name, list(rounds), runs) for name in wanted]
    return Tracking(list(rounds), [s for s in schemes if s.projects])  # schemes nobody submitted to


def _track_scheme(name: str, rounds: list[RoundInfo], runs: Sequence[AssessmentRun]) -> SchemeTracking:
    # each round's projects of this scheme and the version they were scored with
    per_round: list[tuple[Scheme | None, list[ProjectResult]]] = []
    for run in runs:
        found = [(s, run.projects_of(s)) for s in run.schemes if s.name == name]
        found = [(s, projects) for s, projects in found if projects] or found[-1:]
        if not found:
            per_round.append((None, []))
            continue
        if len(found) > 1:  # several versions scored in one round: each project once, as scored
            merged = [p for _, projects in found for p in projects]
            per_round.append((found[-1][0], merged))
        else:
            per_round.append(found[0])
    used = [s for s, projects in per_round if s is not None and projects]
    latest = used[-1] if used else next(s for s, _ in reversed(per_round) if s is not None)
    versions = {s.version for s in used}
    shared = _shared_codes(used) if len(versions) > 1 else None
    tracking = SchemeTracking(
        scheme=name,
        level=latest.level,
        rounds=rounds,
        versions=[s.version if s is not None and projects else None for s, projects in per_round],
        shared_codes=shared,
        dimensions=latest.dimensions,
        grades=tuple(g.name for g in latest.grades_descending),
        grade_bands=tuple((g.name, g.min_points) for g in latest.grades_descending),
        total_points=latest.total_points,
        name_zh=latest.name_zh,
        dimensions_zh={d: dimension_label(latest, d, "zh") for d in latest.dimensions},
    )
    order: dict[str, int] = {}
    rows: list[list[RoundPoint | None]] = []
    labels: list[str] = []
    for k, (version, projects) in enumerate(per_round):
        compared = _compared(version, projects, shared) if version is not None and projects else {}
        for p in projects:
            i = order.get(p.project_id)
            if i is None:
                i = order[p.project_id] = len(rows)
                rows.append([None] * len(rounds))
                labels.append(p.name)
            labels[i] = p.name  # the latest name
            rows[i][k] = _point(p, compared.get(p.project_id))
    tracking.projects = [ProjectTrack(pid, labels[i], rows[i]) for pid, i in sorted(order.items())]
    return tracking


def _shared_codes(versions: list[Scheme]) -> tuple[str, ...]:
    """Codes of the score criteria every version has, in the latest version's order."""
    common = set.intersection(*({c.code for c in s.criteria} for s in versions))
    return tuple(c.code for c in versions[-1].criteria if c.code in common)


def _point(p: ProjectResult, compared: tuple | None) -> RoundPoint:
    d = p.synergy["D"] if p.synergy else None
    point = RoundPoint(
        total=p.total, grade=p.grade, rank=p.rank, D=d, provisional=p.provisional,
        scheme_version=p.scheme_version, dimensions=dict(p.dimensions),
    )
    total, grade, rank, degree = compared if compared is not None else (p.total, p.grade, p.rank, d)
    point.compared_total, point.compared_grade, point.compared_rank = total, grade, rank
    point.compared_D = degree
    return point


def _compared(scheme: Scheme, projects: list[ProjectResult], shared: tuple[str, ...] | None) -> dict:
    """project_id → (total, grade, rank, D) on the shared criteria (empty: nothing to restrict).

    The round's version restricted to the shared criteria, rescored from the results' own
    fractions and statuses by the engine's rules; D from the same cells.
    """
    if shared is None:
        return {}
    kept = tuple(c for c in scheme.criteria if c.code in shared)
    if not any(c.kind == "score" for c in kept):
        return {p.project_id: (None, "", None, None) for p in projects}
    restricted = dataclasses.replace(scheme, criteria=kept)
    matrix = scheme_matrix(restricted, projects)
    cells = matrix.cells
    indices = synergy_indices(restricted.synergy_alpha, matrix.arrays, cells.included, cells.achieved)
    degree = indices["degree"]
    grades = restricted.grades_descending
    return {
        pid: (float(matrix.total[i]), grades[matrix.grade_index[i]].name, int(matrix.rank[i]),
              None if np.isnan(degree[i]) else float(degree[i]))
        for i, pid in enumerate(matrix.project_ids)
    }


# --------------------------------------------------------------------------- tables for every view

DASH = "—"


def table_header(tracking: SchemeTracking, lang: str) -> list[str]:
    """Column headings of a scheme's project table: ID, name, per round total, grade, rank,
    synergy D and the change since the previous round, then the change first → latest."""
    header = [text("project_id", lang), text("name", lang)]
    for k, r in enumerate(tracking.rounds):
        header += [f"{r.label} {text('total', lang)}", f"{r.label} {text('grade', lang)}",
                   f"{r.label} {text('rank', lang)}", f"{r.label} {text('synergy_d', lang)}"]
        if k:
            header.append(f"{r.label} {text('track_change_previous', lang)}")
    header.append(text("track_change_total", lang))
    return header


def change_columns(header: list[str], lang: str) -> set[int]:
    """Positions (0-based) of the change columns in :func:`table_header`: shown with a sign."""
    changes = (text("track_change_previous", lang), text("track_change_total", lang))
    return {c for c, heading in enumerate(header) if heading.endswith(changes)}


def table_rows(tracking: SchemeTracking, lang: str) -> list[list[object]]:
    """One row per project, as compared (missing rounds as "—", never 0)."""
    rows = []
    for track in tracking.projects:
        row: list[object] = [track.project_id, track.name]
        for k, point in enumerate(track.points):
            if point is None:
                row += [DASH, DASH, DASH, DASH]
            else:
                grade = grade_label(point.compared_grade, lang) if point.compared_grade else DASH
                degree = DASH if point.compared_D is None else round(point.compared_D, 3)
                # shown as every output shows a total: never rounded up onto a grade it missed
                total = shown_below_thresholds(point.compared_total, [m for _, m in tracking.grade_bands])
                row += [total, grade, point.compared_rank, degree]
            if k:
                change = track.change_previous(k)
                row.append(DASH if change is None else change)
        change = track.change_total
        row.append(DASH if change is None else change)
        rows.append(row)
    return rows


def transition_table(tracking: SchemeTracking, earlier: int, later: int, lang: str) -> list[list[object]]:
    """Rows of the grade-transition table: a header, then one row per grade of ``earlier``
    (and "not assessed"), with counts per grade of ``later``."""
    counts = tracking.transitions(earlier, later)
    grades = [*tracking.grades, MISSING]
    names = [grade_label(g, lang) if g else text("track_missing", lang) for g in grades]
    rows: list[list[object]] = [[text("track_from", lang), *names]]
    for g, name in zip(grades, names, strict=True):
        rows.append([name, *[counts.get((g, h), 0) for h in grades]])
    return rows


def track_workspace(workspace, scheme: str | None = None,
                    progress: Callable[[int, int, str], object] | None = None) -> Tracking:
    """Score every round of a workspace and line them up (see :func:`track_runs`);
    ``progress(done, total, round label)`` before each round is scored."""
    rounds = workspace.rounds()
    runs = []
    for done, chosen in enumerate(rounds):
        if progress is not None:
            progress(done, len(rounds), chosen.label)
        runs.append(workspace.score(round=chosen))
    return track_runs([RoundInfo(r.label, r.year) for r in rounds], runs, scheme)


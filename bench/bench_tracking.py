"""Tracking 1,000 projects over 3 assessment rounds vs scoring one round of them.

Target: under 1 s for tracking (issue 20): scoring the three rounds from their parsed cells and
lining them up (scoring.analysis.tracking.track_runs: totals, grades, ranks, D and changes per project,
the slope and the grade transitions). Parsed cells are what an open workspace keeps after an
import (Workspace.latest, a LatestCache), so this is the Tracking tab's case; a fresh ``track`` process parses
them first, shown as the cold figure. The baseline, measured in this run on the same
submissions, is scoring one round from its parsed cells (``score_scheme``): tracking cannot
take less than three of those.
"""

from __future__ import annotations

import time

import numpy as np

from bench.bench_explain import synthetic_submissions
from bench.bench_scoring import synthetic_scheme
from scoring.analysis.tracking import RoundInfo, track_runs
from scoring.core.engine import score_scheme
from scoring.core.inputs import parse_submission
from scoring.io.pipeline import AssessmentRun

N_PROJECTS = 1_000
ROUNDS = ("2024", "2025", "2026")


def _rounds(scheme) -> list[list]:
    """Three rounds of the same projects (a few dropped in each), drawn anew each year."""
    rng = np.random.default_rng(11)
    rounds = []
    for k in range(len(ROUNDS)):
        submissions = synthetic_submissions(scheme, np.random.default_rng(100 + k), N_PROJECTS)
        keep = rng.random(N_PROJECTS) > 0.03
        rounds.append([s for s, kept in zip(submissions, keep, strict=True) if kept])
    return rounds


def run(report) -> None:
    scheme = synthetic_scheme()
    rounds = _rounds(scheme)
    start = time.perf_counter()
    parsed = [[parse_submission(scheme, s) for s in subs] for subs in rounds]
    parsing = time.perf_counter() - start
    start = time.perf_counter()
    score_scheme(scheme, rounds[0], None, parsed[0])
    scoring = time.perf_counter() - start
    start = time.perf_counter()
    runs = [AssessmentRun(schemes=[scheme], projects=score_scheme(scheme, subs, None, cells))
            for subs, cells in zip(rounds, parsed, strict=True)]
    scored = time.perf_counter() - start
    start = time.perf_counter()
    tracking = track_runs([RoundInfo(y, y) for y in ROUNDS], runs)
    transitions = tracking.schemes[0].transitions(0, len(ROUNDS) - 1)
    lining_up = time.perf_counter() - start
    total = scored + lining_up
    changed = sum(1 for t in tracking.schemes[0].projects if t.change_total is not None)
    report(f"score one round of {N_PROJECTS:,} projects (baseline)", scoring, "s")
    report(f"line {N_PROJECTS:,} projects up over {len(ROUNDS)} rounds (track_runs)", lining_up, "s",
           f"{changed:,} with a change first → latest, {len(transitions)} grade moves")
    report(f"track: score {len(ROUNDS)} rounds and line them up", total, "s",
           f"target < 1 s: {'met' if total < 1 else 'NOT met'}")
    report("ratio tracking / scoring one round", total / scoring, "×")
    report("cold: parse the 3 rounds' cells first (a fresh track process)", parsing + total, "s")

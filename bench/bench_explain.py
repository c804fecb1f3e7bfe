"""Explaining every project (points lost, gap, paths) of a 10,000-project scheme vs scoring them.

Target: explaining all projects takes under 2× the time of scoring them (issue 17). Both are
measured in this run on the same submissions: scoring is ``score_scheme`` from the parsed
cells to ranked results; explaining is what ``score --json`` adds to each of them
(``explanation_dict``: max points and points lost per criterion, next grade, gap and paths),
including building each project's indicator results, which scoring leaves until asked.
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np

from bench.bench_scoring import N_CRITERIA, synthetic_scheme
from scoring.core.engine import score_scheme
from scoring.core.explain import explanation_dict
from scoring.core.memory import paused_gc
from scoring.core.model import CellValue, Grade, IndicatorInput, Submission

N_PROJECTS = 10_000


def synthetic_submissions(scheme, rng: np.random.Generator, n: int = N_PROJECTS) -> list[Submission]:
    """Plain numbers, yes/no and choice labels, about 5 % of the cells blank (the must-pass
    criterion among them, which vetoes about 5 % of the projects); ``n`` projects."""
    submissions = []
    current = rng.uniform(0, 110, (n, N_CRITERIA)).round(2)
    baseline = rng.uniform(50, 150, (n, N_CRITERIA)).round(2)
    blank = rng.random((n, N_CRITERIA)) < 0.05
    answers = rng.random((n, N_CRITERIA)) < 0.6
    for i in range(n):
        inputs = {}
        for j, c in enumerate(scheme.criteria):
            if blank[i, j] or c.type == "manual":
                continue
            if c.type == "yesno":
                value = "yes" if answers[i, j] else "no"
            elif c.type == "choice":
                value = "I" if answers[i, j] else "II"
            elif c.veto:  # a must-pass change that passes: few projects vetoed, most explained
                value = round(float(baseline[i, j]) * 1.3, 2)
            else:
                value = float(current[i, j])
            base = None
            if c.type == "change":
                base = CellValue(float(baseline[i, j]), f"p{i}.xlsx:Data!D{j + 2}")
            inputs[c.code] = IndicatorInput(CellValue(value, f"p{i}.xlsx:Data!E{j + 2}"), base)
        submissions.append(Submission(project_id=f"P{i:05d}", name=f"Project {i}", level="city",
                                      source=f"p{i}.xlsx", inputs=inputs))
    return submissions


def timed(func, *args):
    """(seconds, result) of ``func(*args)`` with the collector paused, as the app scores and
    writes JSON."""
    with paused_gc():
        start = time.perf_counter()
        result = func(*args)
        return time.perf_counter() - start, result


def explain_all(scheme, projects) -> list[dict]:
    """What score --json adds to every project; building the indicator results it reads is
    part of it, since scoring leaves them until asked."""
    return [explanation_dict(scheme, p) for p in projects]


def run(report) -> None:
    base = synthetic_scheme()
    # the shipped kind of grades, and a grade every 2 points: then most projects that are not
    # vetoed have a next grade within reach and its paths are worked out
    fine = dataclasses.replace(base, grades=tuple(Grade(f"G{k}", 2.0 * k) for k in range(51)))
    submissions = synthetic_submissions(base, np.random.default_rng(7))
    for label, scheme in (("4 grades", base), ("51 grades", fine)):
        scoring, projects = timed(score_scheme, scheme, submissions)
        explaining, explained = timed(explain_all, scheme, projects)
        with_paths = sum(1 for e in explained if e["paths"])
        report(f"{label}: score {N_PROJECTS:,} projects × {N_CRITERIA} criteria", scoring, "s")
        report(f"{label}: explain them all (points lost, gap, paths)", explaining, "s",
               f"{with_paths:,} projects with paths")
        ratio = explaining / scoring
        report(f"{label}: ratio explaining / scoring", ratio, "×",
               f"target < 2×: {'met' if ratio < 2 else 'NOT met'}")

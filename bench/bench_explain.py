"""Explaining every project (points lost, gap, paths) of a 10,000-project scheme vs scoring them.

Target: explaining all projects takes under 2× the time of scoring them (issue 17). Both are
measured in this run on the same submissions: scoring is ``score_scheme`` from the parsed
cells to ranked results; explaining is what ``score --json`` adds to each of them
(``explanation_dict``: max points and points lost per criterion, next grade, gap and paths),
including building each project's indicator results, which scoring leaves until asked.
"""

from __future__ import annotations

import time

import numpy as np

from bench.bench_scoring import N_CRITERIA, synthetic_scheme
from scoring.engine import score_scheme
from scoring.explain import explanation_dict
from scoring.model import CellValue, IndicatorInput, Submission

N_PROJECTS = 10_000


def synthetic_submissions(scheme, rng: np.random.Generator, n: int = N_PROJECTS) -> list[Submission]:
    """Plain numbers, yes/no and choice labels, about 5 % of the cells blank; ``n`` projects."""
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
            else:
                value = float(current[i, j])
            base = None
            if c.type == "change":
                base = CellValue(float(baseline[i, j]), f"p{i}.xlsx:Data!D{j + 2}")
            inputs[c.code] = IndicatorInput(CellValue(value, f"p{i}.xlsx:Data!E{j + 2}"), base)
        submissions.append(Submission(project_id=f"P{i:05d}", name=f"Project {i}", level="city",
                                      source=f"p{i}.xlsx", inputs=inputs))
    return submissions


def run(report) -> None:
    scheme = synthetic_scheme()
    submissions = synthetic_submissions(scheme, np.random.default_rng(7))
    start = time.perf_counter()
    projects = score_scheme(scheme, submissions)
    scoring = time.perf_counter() - start
    start = time.perf_counter()
    explained = [explanation_dict(scheme, p) for p in projects]
    explaining = time.perf_counter() - start
    with_paths = sum(1 for e in explained if e["paths"])
    report(f"score {N_PROJECTS:,} projects × {N_CRITERIA} criteria (score_scheme)", scoring, "s")
    report("explain them all (points lost, gap, paths)", explaining, "s",
           f"{with_paths:,} projects with a path")
    ratio = explaining / scoring
    report("ratio explaining / scoring", ratio, "×", f"target < 2×: {'met' if ratio < 2 else 'NOT met'}")

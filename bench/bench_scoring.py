"""Scoring engine: 10,000 projects × 60 criteria (target under 0.5 s, vectorised).

The baseline, measured in the same run, is a bare weighted sum of the same matrix (the least any
scoring could cost), so the ratio says what the rules themselves add.
"""

from __future__ import annotations

import time
import tracemalloc

import numpy as np

from scoring.core.cells import SchemeArrays
from scoring.core.kernel import score_matrix
from scoring.core.model import MISSING, NA, OK, PENDING, Criterion, Scheme

N_PROJECTS, N_CRITERIA = 10_000, 60


def synthetic_scheme() -> Scheme:
    """60 criteria of every type and kind, over six dimensions."""
    kinds = ["value", "change", "yesno", "choice", "value", "manual"]
    criteria = []
    for j in range(N_CRITERIA):
        ctype = kinds[j % len(kinds)]
        bounded = ctype in ("value", "change")
        criteria.append(Criterion(
            code=f"C{j:02d}", dimension=f"D{j % 6}", indicator=f"Indicator {j}", type=ctype,
            weight=1.0 + j % 4, effect=("pollution", "carbon", "both", "none")[j % 4],
            direction="higher" if bounded else None, worst=0.0 if bounded else None,
            best=100.0 if bounded else None, choices=(("I", 1.0), ("II", 0.5)) if ctype == "choice" else (),
            veto=j == 7, kind="bonus" if j == 58 else "penalty" if j == 59 else "score",
        ))
    return Scheme(name="Bench", level="city", version="1", criteria=tuple(criteria))


def synthetic_inputs(rng: np.random.Generator):
    shape = (N_PROJECTS, N_CRITERIA)
    current = rng.uniform(0, 120, shape)
    baseline = rng.uniform(50, 150, shape)
    status = rng.choice(np.array([OK, MISSING, NA], dtype=np.int8), size=shape, p=[0.9, 0.07, 0.03])
    status[:, 5::6] = PENDING
    return current, baseline, status, np.full(shape, np.nan)


def best_of(repeats: int, func) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def run(report) -> None:
    scheme = synthetic_scheme()
    arrays = SchemeArrays.of(scheme)
    current, baseline, status, override = synthetic_inputs(np.random.default_rng(1))
    weights = arrays.weight

    baseline_time = best_of(5, lambda: np.nan_to_num(current) @ weights)
    kernel_time = best_of(5, lambda: score_matrix(scheme, arrays, current, baseline, status, override))
    tracemalloc.start()
    score_matrix(scheme, arrays, current, baseline, status, override)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    report(f"score {N_PROJECTS:,} projects × {N_CRITERIA} criteria", kernel_time, "s",
           f"target < 0.5 s: {'met' if kernel_time < 0.5 else 'NOT met'}")
    report("baseline: bare weighted sum of the same matrix", baseline_time, "s")
    report("ratio scoring / bare weighted sum", kernel_time / baseline_time, "×")
    report("peak memory while scoring (tracemalloc)", peak / 2**20, "MiB")

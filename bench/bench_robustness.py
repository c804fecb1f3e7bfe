"""Robustness: 1,000 weight draws × 500 projects × 60 criteria (target under 1 s, vectorised).

The baseline, measured in the same run, is what the study would cost without batching: one
plain ``score_matrix`` call per draw (timed on a sample of draws and scaled to 1,000). The
cut-off stability and the entropy-TOPSIS cross-check on the same matrix are timed too.
"""

from __future__ import annotations

import numpy as np

from bench.bench_scoring import best_of, synthetic_scheme
from scoring.analysis.robustness import (
    cutoff_stability,
    entropy_topsis,
    matrix_from_arrays,
    perturb,
)
from scoring.analysis.robustness_options import RobustnessOptions
from scoring.core.cells import SchemeArrays
from scoring.core.kernel import score_matrix
from scoring.core.model import MISSING, NA, OK, OVERRIDE, PENDING

N_PROJECTS, DRAWS, SAMPLE = 500, 1000, 50


def synthetic_matrix(scheme, rng: np.random.Generator):
    """Fractions and statuses like bench_scoring's inputs, with a few overrides."""
    shape = (N_PROJECTS, len(scheme.criteria))
    status = rng.choice(np.array([OK, MISSING, NA], dtype=np.int8), size=shape, p=[0.9, 0.07, 0.03])
    status[:, 5::6] = PENDING
    status[rng.random(shape) < 0.01] = OVERRIDE
    usable = (status == OK) | (status == OVERRIDE)
    fraction = np.where(usable, rng.uniform(0, 1, shape), np.nan)
    return fraction, status


def run(report) -> None:
    scheme = synthetic_scheme()
    arrays = SchemeArrays.of(scheme)
    fraction, status = synthetic_matrix(scheme, np.random.default_rng(1))
    matrix = matrix_from_arrays(scheme, fraction, status)
    options = RobustnessOptions(draws=DRAWS)

    batched = best_of(3, lambda: perturb(matrix, options))
    # the unbatched way: every draw a full kernel call (overrides carry the fractions here)
    nan = np.full(fraction.shape, np.nan)
    kernel_status = np.where(np.isnan(fraction), status, OVERRIDE).astype(np.int8)
    per_draw = best_of(3, lambda: [score_matrix(scheme, arrays, nan, nan, kernel_status, fraction)
                                   for _ in range(SAMPLE)]) / SAMPLE
    stability = best_of(1, lambda: cutoff_stability(matrix, top_k=10))
    topsis = best_of(3, lambda: entropy_topsis(matrix))

    label = f"{DRAWS:,} draws × {N_PROJECTS} projects × {len(scheme.criteria)} criteria"
    report(f"perturb: {label}", batched, "s", f"target < 1 s: {'met' if batched < 1 else 'NOT met'}")
    report(f"baseline: score_matrix per draw × {DRAWS:,}", per_draw * DRAWS, "s")
    report("ratio baseline / batched", per_draw * DRAWS / batched, "×")
    report("cut-off stability (top 10, every criterion, both ways)", stability, "s")
    report("entropy-TOPSIS cross-check with Spearman and Kendall", topsis, "s")

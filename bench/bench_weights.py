"""Walking weights: one weight change re-scores 10,000 projects × 60 criteria (target under 100 ms).

The kernel (scoring/analysis/weights.py) prepares the cells once; each change of a weight is then the
engine's own weighing of them: totals, grades, ranks, provisional ranges, dimensions, synergy.
The baseline, measured in the same run, is the engine's full re-score of the same projects
(score_matrix from the values) that each change would cost without the prepared cells. The
Weights tab is timed too: one spin box turned, to the ranking of 10,000 rows re-sorted and
the events processed (gui/views/weights_view.py).
"""

from __future__ import annotations

import time

import numpy as np

from bench.bench_scoring import N_CRITERIA, N_PROJECTS, best_of, synthetic_inputs, synthetic_scheme
from scoring.analysis.robustness import matrix_from_arrays
from scoring.analysis.weights import WeightKernel
from scoring.core.cells import SchemeArrays
from scoring.core.kernel import score_matrix

CHANGES = 40
TARGET = 0.1


def walk(template: np.ndarray, rng: np.random.Generator) -> list[np.ndarray]:
    """``CHANGES`` weight vectors, each one step of one criterion's weight from the one before,
    as a person walking a spin box would make them."""
    weights, steps = template.copy(), []
    for _ in range(CHANGES):
        weights = weights.copy()
        j = int(rng.integers(template.size))
        weights[j] = max(0.0, weights[j] + rng.choice([-0.5, 0.5]))
        steps.append(weights)
    return steps


def run(report) -> None:
    scheme = synthetic_scheme()
    arrays = SchemeArrays.of(scheme)
    current, baseline, status, override = synthetic_inputs(np.random.default_rng(1))
    scored = score_matrix(scheme, arrays, current, baseline, status, override)

    start = time.perf_counter()
    kernel = WeightKernel.from_matrix(matrix_from_arrays(scheme, scored.fraction, scored.status))
    prepare = time.perf_counter() - start
    steps = walk(kernel.template_weights, np.random.default_rng(7))
    times = []
    for weights in steps:
        start = time.perf_counter()
        kernel.weigh(weights)
        times.append(time.perf_counter() - start)
    per_change = float(np.median(times))
    full = best_of(3, lambda: score_matrix(scheme, arrays, current, baseline, status, override))

    in_tab = _in_the_tab(scheme, kernel, steps)

    label = f"{N_PROJECTS:,} projects × {N_CRITERIA} criteria"
    report(f"one weight change: {label} (median of {CHANGES})", per_change * 1000, "ms",
           f"target < {TARGET * 1000:.0f} ms: {'met' if per_change < TARGET else 'NOT met'}")
    report(f"slowest of the {CHANGES} changes", max(times) * 1000, "ms")
    report("prepare the kernel once (per scheme shown)", prepare * 1000, "ms")
    report("baseline: the engine's full re-score of the same projects", full * 1000, "ms")
    report("ratio full re-score / one weight change", full / per_change, "×")
    report(f"the same change in the Weights tab, ranking re-sorted (median of {CHANGES})",
           in_tab * 1000, "ms", f"target < {TARGET * 1000:.0f} ms: {'met' if in_tab < TARGET else 'NOT met'}")
    report("ratio full re-score / one change in the Weights tab", full / in_tab, "×")


def _in_the_tab(scheme, kernel: WeightKernel, steps: list[np.ndarray]) -> float:
    """Median seconds from setting a weight in the Weights tab to its events processed."""
    from PySide6.QtWidgets import QApplication

    from gui.views.weights_view import WeightsView

    app = QApplication.instance() or QApplication([])
    view = WeightsView()
    view.resize(1200, 700)
    view.set_results(scheme, [])
    view.show()
    view.show_kernel(kernel)
    app.processEvents()
    times = []
    for weights in steps:
        j = int(np.flatnonzero(weights != view.weights)[0])
        start = time.perf_counter()
        view.set_weight(scheme.criteria[j].code, float(weights[j]))
        app.processEvents()
        times.append(time.perf_counter() - start)
    view.close()
    return float(np.median(times))

"""make method-report's figures, on hand-made results (docs/method.md, "Synergy")."""

from __future__ import annotations

import math

import pytest

from scoring.cli.method_report import format_rows, synergy_figures, verdict
from scoring.core.results import ProjectResult


def _project(pid, total, grade, c, d, klass, veto=()):
    synergy = None if c is None else {"pollution": 0.5, "carbon": 0.5, "C": c, "T": 0.5, "D": d,
                                      "class": klass}
    return ProjectResult(pid, pid, "city", "S", "", total, total, 0.0, 0.0, grade, 1, list(veto), {}, synergy,
                         {}, [])


def test_spread_correlation_and_coordinated_fails():
    projects = [
        _project("P1", 40.0, "Fail", 0.5, 0.3, 4),
        _project("P2", 50.0, "Fail", 0.9, 0.6, 7),       # failing yet "coordinated" (class ≥ 6)
        _project("P3", 90.0, "Excellent", 1.0, 0.9, 10),
        _project("P4", 70.0, "Pass", None, None, 0, veto=["V"]),  # no index; vetoed, so failing
    ]
    figures = synergy_figures(projects, {"S": "Fail"})
    # C over the three with an index: 0.5 … 1.0 → spread 0.5
    assert (figures.with_index, figures.c_min, figures.c_max) == (3, 0.5, 1.0)
    assert figures.c_spread == pytest.approx(0.5)
    # D (0.3, 0.6, 0.9), total (40, 50, 90): deviations (−0.3, 0, 0.3) and (−20, −10, 30);
    # r = 15/(√0.18·√1400) = 0.944911
    assert figures.correlation == pytest.approx(15 / (math.sqrt(0.18) * math.sqrt(1400)))
    assert (figures.failing, figures.failing_coordinated) == (3, 1)
    assert verdict(figures) == ["C spread 0.500 (target ≥ 0.3): met",
                                "corr(D, total) 0.945 (target ≤ 0.9): NOT met"]
    [header, row] = format_rows([("city", figures)])
    assert row.split() == ["city", "4", "3", "0.500", "1.000", "0.500", "0.945", "1", "of", "3"]

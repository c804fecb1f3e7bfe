"""``make method-report``: does the synergy index on the demo carry information of its own?

Scores the demo with the shipped schemes and prints, per level and over all projects, the
spread of the coupling degree C (max − min) and Pearson's correlation of D with the total
(docs/method.md, "Synergy"). With sides that overlap, C lay between 0.968 and 1.000 for every
project and D tracked the total at r = 0.975; the targets are a spread of at least 0.3 and a
correlation of at most 0.9. Also counted: failing projects whose D is still "coordinated"
(class 6 or above), which a reader would find hard to believe.

Usage: ``python -m scoring.cli.method_report``.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scoring.core.results import ProjectResult

#: The figures the synergy index should reach on the demo (issue 13's "Done when").
MIN_C_SPREAD = 0.3
MAX_D_TOTAL_CORRELATION = 0.9
#: The first class of D called coordinated (勉强协调, barely coordinated).
FIRST_COORDINATED_CLASS = 6


@dataclass(frozen=True)
class SynergyFigures:
    """What the synergy index says across a set of projects."""

    projects: int
    with_index: int
    c_min: float | None
    c_max: float | None
    correlation: float | None
    failing: int
    failing_coordinated: int

    @property
    def c_spread(self) -> float | None:
        return None if self.c_min is None else self.c_max - self.c_min


def synergy_figures(projects: Sequence[ProjectResult],
                    lowest_grades: Mapping[str, str] | None = None) -> SynergyFigures:
    """C's range, the correlation of D with the total, and the failing projects called coordinated.

    Parameters
    ----------
    projects : sequence of ProjectResult
    lowest_grades : mapping, optional
        Scheme name → its lowest grade; a project with that grade (or vetoed) is failing.
        Without it only vetoed projects are.
    """
    lowest_grades = lowest_grades or {}
    indexed = [p for p in projects if p.synergy is not None]
    c = np.array([p.synergy["C"] for p in indexed], dtype=float)
    d = np.array([p.synergy["D"] for p in indexed], dtype=float)
    total = np.array([p.total for p in indexed], dtype=float)
    correlation = None
    if len(indexed) >= 2 and d.std() > 0 and total.std() > 0:
        correlation = float(np.corrcoef(d, total)[0, 1])
    failing = [p for p in projects if p.veto or p.grade == lowest_grades.get(p.scheme)]
    coordinated = [p for p in failing if p.synergy and p.synergy["class"] >= FIRST_COORDINATED_CLASS]
    return SynergyFigures(
        projects=len(projects),
        with_index=len(indexed),
        c_min=float(c.min()) if len(c) else None,
        c_max=float(c.max()) if len(c) else None,
        correlation=correlation,
        failing=len(failing),
        failing_coordinated=len(coordinated),
    )


def _number(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def format_rows(rows: Sequence[tuple[str, SynergyFigures]]) -> list[str]:
    """A fixed-width table of the figures, one line per level and one for all projects."""
    lines = [f"{'level':<12}{'projects':>9}{'with D':>8}{'C min':>8}{'C max':>8}{'C spread':>10}"
             f"{'corr(D,total)':>15}{'fail, coordinated':>19}"]
    for label, f in rows:
        lines.append(f"{label:<12}{f.projects:>9}{f.with_index:>8}{_number(f.c_min):>8}{_number(f.c_max):>8}"
                     f"{_number(f.c_spread):>10}{_number(f.correlation):>15}"
                     f"{f'{f.failing_coordinated} of {f.failing}':>19}")
    return lines


def verdict(figures: SynergyFigures) -> list[str]:
    """Whether the targets are met, said plainly."""
    spread, corr = figures.c_spread, figures.correlation
    spread_ok = spread is not None and spread >= MIN_C_SPREAD
    corr_ok = corr is not None and corr <= MAX_D_TOTAL_CORRELATION
    return [
        f"C spread {_number(spread)} (target ≥ {MIN_C_SPREAD}): {'met' if spread_ok else 'NOT met'}",
        f"corr(D, total) {_number(corr)} (target ≤ {MAX_D_TOTAL_CORRELATION}): "
        f"{'met' if corr_ok else 'NOT met'}",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Write the demo to a temporary folder, score it with the shipped schemes, print the figures."""
    del argv
    from scoring.build.demo import write_demo
    from scoring.cli.common import default_template_paths
    from scoring.io.pipeline import run

    templates = default_template_paths()
    with tempfile.TemporaryDirectory(prefix="synergypilot-method-") as work:
        demo = Path(work) / "demo"
        write_demo(demo)
        result = run(templates, [demo])
    flawed = demo / "flawed"
    sound = [p for p in result.projects if not Path(p.source).is_relative_to(flawed)]
    lowest = {s.name: s.lowest_grade.name for s in result.schemes}
    rows = [(s.level, synergy_figures([p for p in sound if p.scheme == s.name], lowest))
            for s in result.schemes]
    overall = synergy_figures(sound, lowest)
    versions = ", ".join(f"{s.level} {s.version}" for s in result.schemes)
    print(f"Synergy index on the demo, shipped schemes ({versions}); docs/method.md, \"Synergy\"")
    for line in format_rows([*rows, ("all", overall)]):
        print(line)
    for line in verdict(overall):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

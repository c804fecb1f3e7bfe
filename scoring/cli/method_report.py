"""``make method-report``: does the synergy index on the demo carry information of its own?

Scores the demo with the shipped schemes and prints, per level and over all projects, the
spread of the coupling degree C (max − min) and Pearson's correlation of D with the total
(docs/method.md, "Synergy"). With sides that overlap, C lay between 0.968 and 1.000 for every
project and D tracked the total at r = 0.975; the targets are a spread of at least 0.3 and a
correlation of at most 0.9. Also counted: failing projects whose D is still "coordinated"
(class 6 or above), which a reader would find hard to believe.

Usage: ``python -m scoring.cli.method_report [--lang zh|en]``: every line in English and then in
Chinese, as the rest of the command line prints (scoring/cli/common.py), or in one language.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scoring.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    default_template_paths,
    in_both,
    pad,
    print_error,
    print_said,
    say,
)
from scoring.cli.main import lang_asked
from scoring.cli.parsers import Parser, ParserExit, add_lang
from scoring.core.presentation import Said, level_label, said
from scoring.core.results import ProjectResult
from scoring.core.textlayout import display_width

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
        return None if self.c_min is None or self.c_max is None else self.c_max - self.c_min


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
    indexed = [(p, p.synergy) for p in projects if p.synergy is not None]
    c = np.array([synergy["C"] for _, synergy in indexed], dtype=float)
    d = np.array([synergy["D"] for _, synergy in indexed], dtype=float)
    total = np.array([p.total for p, _ in indexed], dtype=float)
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


#: The table's columns: (catalogue key of the heading, width in terminal cells); the first is
#: left-aligned, the others right-aligned.
COLUMNS = (("mr_level", 12), ("mr_projects", 9), ("mr_with_d", 8), ("mr_c_min", 8), ("mr_c_max", 8),
           ("mr_c_spread", 10), ("mr_correlation", 15), ("mr_failing_coordinated", 19))


def _line(cells: Sequence[str]) -> str:
    """A row of the table: each cell padded to its column's width on the screen (a Chinese
    character takes two cells)."""
    (first, first_width), *others = COLUMNS
    del first
    right = "".join(" " * max(0, width - display_width(cell)) + cell
                    for cell, (_, width) in zip(cells[1:], others, strict=True))
    return pad(cells[0], first_width) + right


def format_rows(rows: Sequence[tuple[str, SynergyFigures]], lang: str) -> list[str]:
    """A fixed-width table of the figures in ``lang``, one line per level (a scheme's level
    keyword, or ``all`` for every project) after the headings."""
    lines = [_line([said(key).text(lang) for key, _ in COLUMNS])]
    for level, f in rows:
        label = said("mr_all").text(lang) if level == "all" else level_label(level, lang)
        coordinated = said("mr_of", part=f.failing_coordinated, whole=f.failing).text(lang)
        lines.append(_line([label, str(f.projects), str(f.with_index), _number(f.c_min), _number(f.c_max),
                            _number(f.c_spread), _number(f.correlation), coordinated]))
    return lines


def verdict(figures: SynergyFigures) -> list[Said]:
    """Whether the targets are met, said plainly in both languages."""
    spread, corr = figures.c_spread, figures.correlation
    spread_ok = spread is not None and spread >= MIN_C_SPREAD
    corr_ok = corr is not None and corr <= MAX_D_TOTAL_CORRELATION
    return [
        said("mr_spread_verdict", value=_number(spread), target=MIN_C_SPREAD, met=_met(spread_ok)),
        said("mr_correlation_verdict", value=_number(corr), target=MAX_D_TOTAL_CORRELATION,
             met=_met(corr_ok)),
    ]


def _met(met: bool) -> Said:
    return said("mr_met" if met else "mr_not_met")


def _arguments(argv: Sequence[str] | None) -> str | None:
    """The language asked for (``--lang zh|en``), None for English then Chinese."""
    parser = Parser(prog="python -m scoring.cli.method_report")
    parser.description = parser.describe("cli_h_method_report")
    add_lang(parser)
    return parser.parse_args(list(argv or ())).lang


def main(argv: Sequence[str] | None = None) -> int:
    """Write the demo to a temporary folder, score it with the shipped schemes, print the figures
    in English and then Chinese, line by line, or in the language of ``--lang``."""
    lang = lang_asked(list(argv or ()))
    try:
        lang = _arguments(argv)
    except ParserExit as exc:
        return exc.status
    except UsageError as exc:
        print_error(exc.said, lang)
        return EXIT_USAGE
    from scoring.build.demo import write_demo
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
    versions = in_both(lambda lg: ("、" if lg == "zh" else ", ").join(
        f"{level_label(s.level, lg)} {s.version}" for s in result.schemes))
    say("mr_title", lang, versions=versions)
    table = [*rows, ("all", overall)]
    for english, chinese in zip(format_rows(table, "en"), format_rows(table, "zh"), strict=True):
        print_said(Said(english, chinese), lang)
    for line in verdict(overall):
        print_said(line, lang)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

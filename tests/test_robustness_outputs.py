"""The robustness outputs: the workbook's Robustness sheet and the rank-range chart (issue 8)."""

from __future__ import annotations

import datetime as _dt

import pytest
from matplotlib.figure import Figure
from openpyxl import Workbook, load_workbook

from scoring.analysis import robustness as R
from scoring.core.engine import score_scheme
from scoring.core.model import CellValue, Criterion, IndicatorInput, Scheme, Submission
from scoring.reports.charts.robustness import (
    BORDER,
    OUTSIDE,
    SAFE,
    draw_rank_ranges,
    row_colours,
    save_rank_range_png,
)
from scoring.reports.robustness_export import write_robustness_sheet
from tests.builders import three_scored_projects

GENERATED = _dt.datetime(2024, 5, 1, 9, 30)


def study(top_k=1, draws=400, **options):
    # P1 50, P2 40, P3 25 points; with ±20% weights P1 keeps the top 1 in about 96% of draws,
    # P2 takes it in about 4%, P3 never (see tests/test_robustness.py for the integral)
    scheme, projects = three_scored_projects()
    return R.assess_scheme(scheme, projects, R.RobustnessOptions(draws=draws, top_k=top_k, **options))


def _rows(ws):
    return [[v for v in row] for row in ws.iter_rows(values_only=True)]


def test_sheet_holds_paragraph_project_and_criterion_tables(tmp_path):
    result = study()
    wb = Workbook()
    write_robustness_sheet(wb.active, [result], "en", GENERATED)
    wb.save(tmp_path / "r.xlsx")
    rows = _rows(load_workbook(tmp_path / "r.xlsx").active)
    texts = [str(v) for row in rows for v in row if v is not None]
    assert any(t.startswith("Robustness of the Test scheme ranking (3 projects)") for t in texts)
    header = next(i for i, row in enumerate(rows) if row[0] == "Rank")
    assert rows[header][:8] == ["Rank", "Project ID", "Name", "Median rank", "Rank 5th pct", "Rank 95th pct",
                                "P(top 1)", "P(keeps its grade)"]
    assert [r[1] for r in rows[header + 1:header + 4]] == ["P1", "P2", "P3"]
    assert rows[header + 3][6] == 0.0  # P3 never first
    code = next(i for i, row in enumerate(rows) if row[0] == "Code")
    a, b = rows[code + 1], rows[code + 2]
    # A: −25% moves P1 and P2 across the top-1 line; B: +1/3 (hand-worked in test_robustness)
    assert (a[0], a[2], a[4], a[5], a[6]) == ("A", "Indicator A", pytest.approx(-0.25), "none within ±100%",
                                              "P1, P2")
    assert (b[0], b[4], b[5]) == ("B", "none within ±100%", pytest.approx(1 / 3))


def test_workbook_gains_the_sheet_only_when_asked(tmp_path):
    from scoring.io.pipeline import AssessmentRun
    from scoring.reports.workbook import write_ranked_workbook

    result = study()
    run = AssessmentRun(schemes=[result.scheme], projects=[])
    write_ranked_workbook(run, tmp_path / "plain.xlsx", lang="en", charts=False)
    write_ranked_workbook(run, tmp_path / "robust.xlsx", lang="zh", charts=False, robustness=[result])
    assert "Robustness" not in load_workbook(tmp_path / "plain.xlsx").sheetnames
    assert "稳健性" in load_workbook(tmp_path / "robust.xlsx").sheetnames


def test_chart_draws_one_row_per_project_with_the_cut_off():
    result = study(top_k=1, draws=2000)
    assert row_colours(result) == [BORDER, BORDER, OUTSIDE]  # P1 ~96%, P2 ~4%, P3 never
    ax = Figure().add_subplot()
    assert draw_rank_ranges(ax, result, lang="en")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1. Project P1", "2. Project P2", "3. Project P3"]
    cut = [line for line in ax.get_lines() if tuple(line.get_xdata()) == (1.5, 1.5)]
    assert cut, "the top-1 cut-off is drawn between ranks 1 and 2"


def test_chart_colours_and_png(tmp_path):
    result = study(top_k=2, spread=0.0)
    assert row_colours(result) == [SAFE, SAFE, OUTSIDE]
    assert save_rank_range_png(result, tmp_path / "r.png", lang="zh")
    assert (tmp_path / "r.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_chart_of_no_project_says_so():
    result = study()
    ax = Figure().add_subplot()
    assert not draw_rank_ranges(ax, result, first=5)


def _section_text(report, result) -> tuple[str, list]:
    """The robustness section's paragraphs and table cells, and its chart flowables."""
    from reportlab.platypus import Paragraph

    from scoring.reports.pdf.canvas import ChartImage
    from scoring.reports.pdf.layout import CountedTable, PagedTable
    from scoring.reports.pdf.robustness import robustness_section

    parts = robustness_section(report, result, "s0")
    words = []
    for part in parts:
        if isinstance(part, PagedTable):  # a long table, laid out a page at a time: all its rows
            part = part.rows_table(0, part.count)
        if isinstance(part, Paragraph):
            words.append(part.getPlainText())
        elif isinstance(part, CountedTable):
            for row in part.cells:
                words += [cell.getPlainText() if isinstance(cell, Paragraph) else str(cell) for cell in row]
    return " ".join(words), [part for part in parts if isinstance(part, ChartImage)]


def test_pdf_section_carries_the_paragraph_the_table_and_the_chart():
    from scoring.io.pipeline import AssessmentRun
    from scoring.reports.pdf import report as pdf_report

    result = study()
    report = pdf_report.make_report(AssessmentRun(schemes=[result.scheme]), "en", GENERATED)
    joined, charts = _section_text(report, result)
    assert "Robustness of the Test scheme ranking (3 projects)" in joined
    assert "P(top 1)" in joined and "Project P3" in joined
    assert len(charts) == 1  # three projects: one chart page


def test_long_lists_continue_on_further_pages():
    from scoring.io.pipeline import AssessmentRun
    from scoring.reports.pdf import layout as pdf_layout
    from scoring.reports.pdf import report as pdf_report

    scheme = Scheme(name="Big", level="city", version="1", criteria=(
        Criterion(code="A", dimension="D1", indicator="A", type="value", weight=1.0, direction="higher",
                  worst=0.0, best=100.0),))
    subs = [Submission(project_id=f"P{i:03d}", name=f"Project {i}", level="city", source="x",
                       inputs={"A": IndicatorInput(CellValue(i % 100, "x"))}) for i in range(100)]
    result = R.assess_scheme(scheme, score_scheme(scheme, subs), R.RobustnessOptions(draws=20))
    report = pdf_report.make_report(AssessmentRun(schemes=[scheme]), "zh", GENERATED)
    joined, charts = _section_text(report, result)
    # one table of 100 rows (its header repeats on every page it takes); charts of 40 rows: 3
    assert all(f"P{i:03d}" in joined for i in range(100))
    assert len(charts) == -(-100 // pdf_layout.CHART_ROWS_PER_PAGE)

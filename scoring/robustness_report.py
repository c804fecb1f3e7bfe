"""The robustness pages of the PDF report (issue 8).

Per scheme: a page with the supervisor's paragraph and the per-project table (continued on
further pages for long lists), then the rank-range chart, split into pages of ranks like the
report's other charts. Drawn with :mod:`scoring.pdf_layout`'s page primitives, so fonts,
margins and running headers match the rest of the report.
"""

from __future__ import annotations

from collections.abc import Callable

from scoring.pdf_layout import (
    CHART_ROWS_PER_PAGE,
    FONT_SIZE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    ROW_HEIGHT,
    Page,
    PageCanvas,
    Report,
    Table,
    TableColumn,
    draw_table,
    fit_columns,
)
from scoring.presentation import grade_label, wrap_text
from scoring.robustness import SchemeRobustness, robustness_paragraph
from scoring.robustness_charts import draw_rank_ranges
from scoring.robustness_export import label

PARAGRAPH_SIZE = 9.0
#: Table rows on the first page (under the paragraph) and on the pages after it.
FIRST_PAGE_ROWS, ROWS_PER_PAGE = 14, 30


def _heading(study: SchemeRobustness, report: Report) -> str:
    return f"{study.scheme.name}  {report.t('version')} {study.scheme.version}"


def project_table(study: SchemeRobustness, lang: str) -> Table:
    """Rank, id, name, median and 5–95% ranks, probabilities and TOPSIS rank per project."""
    m, r, t = study.matrix, study.ranks, study.topsis
    columns = [TableColumn(label("rank", lang), 0.5, "right"), TableColumn(label("id", lang), 1.2),
               TableColumn(label("name", lang), 3.4), TableColumn(label("median", lang), 0.8, "right"),
               TableColumn(label("p5", lang), 0.8, "right"), TableColumn(label("p95", lang), 0.8, "right"),
               TableColumn(label("top_k", lang, k=r.top_k), 1.0, "right"),
               TableColumn(label("keep", lang), 1.0, "right")]
    if r.p_grade is not None:  # a grade cut-off was asked for, so r.grade names it
        grade = grade_label(r.grade or "", lang)
        columns.append(TableColumn(label("grade", lang, grade=grade), 1.0, "right"))
    columns.append(TableColumn(label("topsis_rank", lang), 0.8, "right"))
    rows = []
    for i in sorted(range(m.size), key=lambda i: (m.rank[i], m.project_ids[i])):
        row = [str(m.rank[i]), m.project_ids[i], m.names[i], str(r.median_rank[i]), str(r.rank_p5[i]),
               str(r.rank_p95[i]), f"{r.p_top_k[i] * 100:.1f}%", f"{r.p_keep_grade[i] * 100:.1f}%"]
        if r.p_grade is not None:
            row.append(f"{r.p_grade[i] * 100:.1f}%")
        row.append(str(t.rank[i]))
        rows.append(row)
    width = PAGE_WIDTH - 2 * MARGIN_X
    return Table(fit_columns(columns, width), rows)


def robustness_pages(report: Report, study: SchemeRobustness) -> list[Page]:
    """The paragraph and table pages, then the rank-range chart pages, of one scheme."""
    heading = _heading(study, report)
    table = project_table(study, report.lang)
    pages = [Page(heading, _first_page(report, study, table.part(0, FIRST_PAGE_ROWS)))]
    for start in range(FIRST_PAGE_ROWS, len(table.rows), ROWS_PER_PAGE):
        pages.append(Page(heading, _table_page(report, study, table.part(start, start + ROWS_PER_PAGE))))
    for first in range(0, study.matrix.size, CHART_ROWS_PER_PAGE):
        pages.append(Page(heading, _chart_page(report, study, first)))
    return pages


def _title(page: PageCanvas, value: str) -> None:
    page.text(MARGIN_X, MARGIN_TOP + 0.15, value, 13, colour="#1F2A36")


def _first_page(report: Report, study: SchemeRobustness, table: Table) -> Callable[[PageCanvas], None]:
    def draw(page: PageCanvas) -> None:
        _title(page, f"{label('sheet', report.lang)} — {study.scheme.name}")
        cells = int((PAGE_WIDTH - 2 * MARGIN_X) * 72 / (PARAGRAPH_SIZE * 0.52)) - 2
        lines = wrap_text(robustness_paragraph(study, report.lang), cells, max_lines=12)
        pitch = PARAGRAPH_SIZE * 1.35 / 72
        y = MARGIN_TOP + 0.55
        for line in lines:
            page.text(MARGIN_X, y, line, PARAGRAPH_SIZE, colour="#222222")
            y += pitch
        draw_table(page, table, MARGIN_X, y + 0.2, FONT_SIZE)

    return draw


def _table_page(report: Report, study: SchemeRobustness, table: Table) -> Callable[[PageCanvas], None]:
    def draw(page: PageCanvas) -> None:
        _title(page, f"{label('sheet', report.lang)} — {study.scheme.name}")
        draw_table(page, table, MARGIN_X, MARGIN_TOP + 0.5, FONT_SIZE)

    return draw


def _chart_page(report: Report, study: SchemeRobustness, first: int) -> Callable[[PageCanvas], None]:
    def draw(page: PageCanvas) -> None:
        rows = min(CHART_ROWS_PER_PAGE, study.matrix.size - first)
        bottom = min(PAGE_HEIGHT - MARGIN_BOTTOM - 0.6, MARGIN_TOP + 1.1 + rows * ROW_HEIGHT * 1.2 + 0.3)
        # room for the names on the left and the legend on the right, as in the workbook's image
        left, right = MARGIN_X + 3.0, PAGE_WIDTH - MARGIN_X - 2.2
        ax = page.axes(left, MARGIN_TOP + 0.9, right, max(bottom, MARGIN_TOP + 2.5))
        draw_rank_ranges(ax, study, lang=report.lang, first=first, count=CHART_ROWS_PER_PAGE)

    return draw

"""The robustness section of the PDF report (issue 8).

Per scheme: the supervisor's paragraph, the per-project table (its header repeated on every
page) and the rank-range chart in pages of ranks, laid out with :mod:`scoring.reports.pdf.layout`'s
flowables so fonts, margins, running headers and bookmarks match the rest of the report. The
study's settings (draws, spread, seed, cut-off) are printed in the method appendix.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, PageBreak, Paragraph

from scoring.analysis.robustness import SchemeRobustness
from scoring.analysis.robustness_prose import robustness_paragraph
from scoring.core.presentation import grade_label, scheme_label
from scoring.reports.charts.robustness import rank_range_figure
from scoring.reports.pdf.canvas import Anchor, ChartImage
from scoring.reports.pdf.layout import (
    CHART_ROWS_PER_PAGE,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    Column,
    Heading,
    Report,
    para,
    table,
)
from scoring.reports.robustness_export import label


def project_rows(study: SchemeRobustness, lang: str) -> tuple[list[Column], list[list[str]]]:
    """Rank, id, name, median and 5–95% ranks, probabilities and TOPSIS rank per project."""
    m, r, t = study.matrix, study.ranks, study.topsis
    columns = [
        Column(label("rank", lang), 0.5, "right", wrap=False),
        Column(label("id", lang), 1.2),
        Column(label("name", lang), 3.4),
        Column(label("median", lang), 0.8, "right", wrap=False),
        Column(label("p5", lang), 0.8, "right", wrap=False),
        Column(label("p95", lang), 0.8, "right", wrap=False),
        Column(label("top_k", lang, k=r.top_k), 1.0, "right"),
        Column(label("keep", lang), 1.0, "right"),
    ]
    if r.p_grade is not None:  # a grade cut-off was asked for, so r.grade names it
        grade = grade_label(r.grade or "", lang)
        columns.append(Column(label("grade", lang, grade=grade), 1.0, "right"))
    columns.append(Column(label("topsis_rank", lang), 0.8, "right"))
    rows = []
    for i in sorted(range(m.size), key=lambda i: (m.rank[i], m.project_ids[i])):
        row = [
            str(m.rank[i]),
            m.project_ids[i],
            m.names[i],
            str(r.median_rank[i]),
            str(r.rank_p5[i]),
            str(r.rank_p95[i]),
            f"{r.p_top_k[i] * 100:.1f}%",
            f"{r.p_keep_grade[i] * 100:.1f}%",
        ]
        if r.p_grade is not None:
            row.append(f"{r.p_grade[i] * 100:.1f}%")
        row.append(str(t.rank[i]))
        rows.append(row)
    return columns, rows


def rank_range_chart(study: SchemeRobustness, lang: str, first: int) -> Flowable:
    """The rank ranges of ranks ``first`` … (CHART_ROWS_PER_PAGE of them), drawn at page size."""
    height = FRAME_HEIGHT - 30

    def draw() -> Figure:
        size = (FRAME_WIDTH / inch, height / inch)
        return rank_range_figure(study, lang, size=size, first=first, count=CHART_ROWS_PER_PAGE)[0]

    return ChartImage(draw, FRAME_WIDTH, height)


def robustness_section(report: Report, study: SchemeRobustness, key: str) -> list[Flowable]:
    """Paragraph, table and rank-range chart pages of one scheme's study."""
    styles = report.styles
    heading = report.scheme_heading(study.scheme)
    title = f"{label('sheet', report.lang)} — {scheme_label(study.scheme, report.lang)}"
    columns, rows = project_rows(study, report.lang)
    parts: list[Flowable] = [
        PageBreak(),
        Anchor(f"{key}b", label("sheet", report.lang), 1, listed=True),
        Heading(title, styles.title, heading),
        para(robustness_paragraph(study, report.lang), styles.body),
        table(report, columns, rows),
    ]
    for first in range(0, study.matrix.size, CHART_ROWS_PER_PAGE):
        parts += [PageBreak(), Paragraph("", styles.note), rank_range_chart(study, report.lang, first)]
    return parts

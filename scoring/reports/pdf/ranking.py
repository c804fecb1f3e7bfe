"""The cover and the ranked tables of the PDF report, each ending in the approval block that
carries who signs (:class:`~scoring.core.report_settings.ReportSettings`).
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from scoring.core.figures import dimension_cell_text, dimension_maxima, effective_maxima
from scoring.core.model import Scheme
from scoring.core.presentation import (
    dimension_label,
    grade_fill,
    grade_label,
    grade_may_change,
    is_provisional,
    level_label,
    provisional_banner,
    provisional_mark,
    scheme_label,
    synergy_class_label,
    total_range_text,
    total_text,
)
from scoring.core.results import ProjectResult
from scoring.core.textclean import clean_text
from scoring.core.textlayout import format_number
from scoring.io.pipeline import AssessmentRun
from scoring.reports.pdf.canvas import (
    Anchor,
)
from scoring.reports.pdf.layout import (
    FONT_SIZE,
    GREY_TEXT,
    INK,
    RULE_COLOUR,
    Column,
    Heading,
    ProvisionalParagraph,
    Report,
    layout_style,
    para,
    striped,
    table,
)


def approval_block(report: Report) -> Flowable:
    """Assessing body, document number, period; assessor / reviewer / approver with signature
    and date lines; and a box for the seal. Kept on one page."""
    s, t = report.settings, report.t
    styles = report.styles
    small = styles.style(8.5, leading=12)
    head = styles.style(9, colour=INK)
    facts = " ".join(
        f"{t(key)}{t('colon')}{escape(value)}"
        for key, value in (("org", s.org), ("doc_no", s.doc_no), ("period", s.period))
        if value
    )
    line = "_" * 18
    people = []
    for key in ("assessor", "reviewer", "approver"):
        name = getattr(s, key)
        people.append(
            [
                Paragraph(
                    f"{escape(t(key))}：{escape(name)}"
                    if report.lang == "zh"
                    else f"{escape(t(key))}: {escape(name)}",
                    head,
                ),
                Paragraph(f"{escape(t('signature'))}：{line}", small),
                Paragraph(f"{escape(t('date'))}：{line}", small),
            ]
        )
    seal = Paragraph(escape(t("seal")), styles.style(8, TA_CENTER, GREY_TEXT))
    # each person's name, signature line and date line, one under the other
    signing = [
        Table(
            [[line] for line in lines],
            colWidths=[62 * mm],
            style=layout_style(
                [("BOTTOMPADDING", (0, 0), (-1, -1), 9), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
            ),
        )
        for lines in people
    ]
    box = Table(
        [[*signing, seal]],
        colWidths=[68 * mm, 68 * mm, 68 * mm, 36 * mm],
        rowHeights=[32 * mm],
        hAlign="LEFT",
        style=layout_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (3, 0), (3, 0), 0.8, colors.black),
                ("VALIGN", (3, 0), (3, 0), "MIDDLE"),
                ("LINEABOVE", (0, 0), (2, 0), 0.6, RULE_COLOUR),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )
    parts: list[Flowable] = [Spacer(1, 6), Paragraph(escape(t("approval")), styles.heading)]
    if facts:
        parts.append(Paragraph(facts, styles.style(9, leading=12, space_after=4)))
    parts.append(box)
    return KeepTogether(parts)


def cover(report: Report) -> list[Flowable]:
    """Title, who assessed under which number for which period, date, schemes, approval."""
    styles, t, s = report.styles, report.t, report.settings
    parts: list[Flowable] = [
        Anchor("cover", t("report_title"), 0),
        Spacer(1, 8 * mm),
        Paragraph(escape(t("report_title")), styles.style(22, colour=INK, space_after=8)),
    ]
    facts = [
        (t("org"), s.org),
        (t("doc_no"), s.doc_no),
        (t("period"), s.period),
        (t("assessment_round"), round_text(report.run)),
        (t("cover_date"), f"{report.generated:%Y-%m-%d}"),
        (t("total_projects"), str(len(report.run.projects))),
        (t("rejected_inputs"), str(len(report.run.rejected))),
    ]
    for label, value in facts:
        if value:
            parts.append(
                Paragraph(
                    f"{escape(label)}{'：' if report.lang == 'zh' else ': '}{escape(clean_text(value))}",
                    styles.style(11, leading=15),
                )
            )
    parts.append(Spacer(1, 5 * mm))
    banner = provisional_banner(report.run.projects, report.lang)
    if banner:
        parts.append(Paragraph(escape(banner), styles.style(9, colour=INK, space_after=4)))
    parts.append(cover_table(report))
    parts.append(approval_block(report))
    return parts


def cover_table(report: Report) -> Table:
    lang, t = report.lang, report.t
    columns = [
        Column(t("scheme"), 3.2),
        Column(t("level"), 0.9),
        Column(t("version"), 0.8),
        Column(t("projects"), 0.8, "right", wrap=False),
        Column(t("grade_distribution"), 3.6),
        Column(t("vetoed_count"), 0.8, "right", wrap=False),
    ]
    rows = []
    for scheme in report.run.schemes:
        projects = report.run.projects_of(scheme)
        counts = "  ·  ".join(
            f"{grade_label(g.name, lang)} {sum(1 for p in projects if p.grade == g.name)}"
            for g in scheme.grades_descending
        )
        rows.append(
            [
                scheme_label(scheme, lang),
                level_label(scheme.level, lang),
                scheme.version,
                str(len(projects)),
                counts,
                str(sum(1 for p in projects if p.veto)),
            ]
        )
    return table(report, columns, rows, fills=striped(len(rows)), size=9)


def round_text(run: AssessmentRun) -> str:
    """The assessment round a run scored, "2025 round (2025)", or "" outside a workspace."""
    if not run.round:
        return ""
    return (
        f"{run.round} ({run.round_year})" if run.round_year and run.round_year not in run.round else run.round
    )


def ranked_columns(report: Report, scheme: Scheme) -> list[Column]:
    t, lang = report.t, report.lang
    maxima = dimension_maxima(scheme)
    return [
        Column(t("rank"), 0.42, "right", wrap=False),
        Column(t("project_id"), 0.95),
        Column(t("name"), 2.2, lines=2),
        Column(t("region"), 1.0),
        Column(t("total"), 1.0, "right"),
        Column(t("grade"), 0.62),
        # "provisional: 1 pending, grade could be Fail–Pass" on two lines
        Column(t("provisional"), 1.6, lines=2),
        *(
            Column(f"{dimension_label(scheme, d, lang)} ({maxima[d]:.3g})", 0.72, "right")
            for d in scheme.dimensions
        ),
        Column(t("bonus"), 0.45, "right", wrap=False),
        Column(t("penalty"), 0.45, "right", wrap=False),
        Column(t("synergy_d"), 0.5, "right", wrap=False),
        Column(t("synergy_class"), 0.75),
        Column(t("veto"), 0.55),
        Column(t("issues"), 0.45, "right", wrap=False),
    ]


def ranked_row(report: Report, scheme: Scheme, p: ProjectResult) -> list[object]:
    """One project's row: the total with its range and the grade marked when provisional."""
    lang = report.lang
    synergy = p.synergy or {}
    total = total_text(scheme, p.total)
    grade = grade_label(p.grade, lang)
    effective = None
    if any(p.dimensions.get(d, 0.0) > m + 0.005 for d, m in dimension_maxima(scheme).items()):
        effective = effective_maxima(scheme, p)
    if is_provisional(p):
        span = total_range_text(scheme, p)
        # "※" refers to the footnote every page with a provisional result carries
        total_cell: object = ProvisionalParagraph(
            escape(f"{total} ※" + (f"\n{span}" if span else "")).replace("\n", "<br/>"),
            report.styles.style(FONT_SIZE, TA_RIGHT),
        )
        grade_cell: object = (
            ProvisionalParagraph(escape(f"{grade} ※"), report.styles.cell) if grade_may_change(p) else grade
        )
    else:
        total_cell, grade_cell = total, grade
    d_value = synergy.get("D")
    return [
        str(p.rank),
        p.project_id,
        p.name,
        p.region,
        total_cell,
        grade_cell,
        provisional_mark(p, lang),
        *(dimension_cell_text(scheme, p, d, effective) for d in scheme.dimensions),
        format_number(p.bonus),
        format_number(p.penalty),
        f"{d_value:.3f}" if d_value is not None else "",
        synergy_class_label(synergy.get("class"), lang),
        ", ".join(p.veto),
        str(len(p.issues)),
    ]


def ranked_table(report: Report, scheme: Scheme, projects: list[ProjectResult]) -> Flowable:
    """The ranking, its header on top of every page, grade cells in their (greyscale-safe) colour."""
    fills = striped(len(projects), [bool(p.veto) for p in projects])
    cells = {}
    for r, p in enumerate(projects):
        fill = grade_fill(scheme, p.grade)
        if fill:
            cells[(r, 5)] = fill
    rows = (ranked_row(report, scheme, p) for p in projects)
    return table(report, ranked_columns(report, scheme), rows, fills=fills, cell_fills=cells)


def ranking(report: Report, scheme: Scheme, projects: list[ProjectResult], key: str) -> Iterator[Flowable]:
    """Heading, the ranked tables, the notes they need and the approval block."""
    styles = report.styles
    heading = report.scheme_heading(scheme)
    yield Anchor(f"{key}r", report.t("ranked_results"), 1, listed=True)
    named = scheme_label(scheme, report.lang)
    yield Heading(f"{report.t('ranked_results')} — {named}", styles.title, heading)
    facts = [f"{report.t('version')} {scheme.version}", level_label(scheme.level, report.lang)]
    if report.run.round:  # which round of a workspace's is ranked (issue 20)
        facts.append(f"{report.t('assessment_round')} {round_text(report.run)}")
    facts.append(f"{report.t('projects')} {len(projects)}")
    yield para(" · ".join(facts), styles.note)
    banner = provisional_banner(projects, report.lang)
    if banner:  # how many results are provisional, and why (docs/method.md)
        yield Paragraph(escape(banner), styles.style(8.5, colour=INK, space_after=3))
    yield ranked_table(report, scheme, projects)
    maxima = dimension_maxima(scheme)
    if any(p.dimensions.get(d, 0.0) > maxima[d] + 0.005 for p in projects for d in scheme.dimensions):
        yield Paragraph(escape(report.t("effective_max_note")), styles.note)
    yield approval_block(report)

"""The pages after a scheme's projects: its method appendix (from the scheme,
:mod:`scoring.reports.method_appendix`), and at the end of the report the rejected inputs.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
)

from scoring.core.model import Scheme
from scoring.core.presentation import reason_label, rejection_text, scheme_label
from scoring.core.textlayout import shown_location
from scoring.reports.method_appendix import method_sections
from scoring.reports.pdf.canvas import (
    Anchor,
)
from scoring.reports.pdf.layout import (
    FRAME_WIDTH,
    Column,
    Heading,
    Report,
    para,
    striped,
    table,
)


def method_appendix(report: Report, scheme: Scheme, key: str) -> list[Flowable]:
    """The scheme's method (scoring.reports.method_appendix) as sentences and tables."""
    styles = report.styles
    heading = f"{report.t('method_heading')} — {scheme_label(scheme, report.lang)}"
    parts: list[Flowable] = [
        PageBreak(),
        Anchor(f"{key}m", report.t("method_heading"), 1, listed=True),
        Heading(heading, styles.title, report.scheme_heading(scheme)),
    ]
    for section in method_sections(scheme, report.lang, report.studies.get(scheme.name)):
        parts += [CondPageBreak(35 * mm), Paragraph(escape(section.title), styles.heading)]
        parts += [para(sentence, styles.body) for sentence in section.sentences]
        for part in section.tables:
            columns = [
                Column(h, w)
                for h, w in zip(part.header, part.widths or [1.0] * len(part.header), strict=False)
            ]
            total = sum(c.width for c in columns)
            width = FRAME_WIDTH if total > 6 else FRAME_WIDTH * total / 12
            parts += [
                table(report, columns, part.rows, fills=striped(len(part.rows)), width=width),
                Spacer(1, 6),
            ]
    return parts


def rejected_section(report: Report) -> list[Flowable]:
    t = report.t
    columns = [Column(t("source"), 3.0), Column(t("rejected_reason"), 1.5), Column(t("message"), 6.5)]
    rows = [
        [shown_location(r.source), reason_label(r.reason, report.lang), rejection_text(r, report.lang)]
        for r in report.run.rejected
    ]
    return [
        PageBreak(),
        Anchor("rejected", t("rejected_inputs"), 0, listed=True),
        Heading(t("rejected_inputs"), report.styles.title, t("rejected_inputs")),
        table(report, columns, rows, fills=striped(len(rows))),
    ]

"""The "several inspectors" table of a project's PDF pages (issue 9).

For each criterion several inspectors scored (or a supervisor decided), the whole sentence of
:func:`scoring.core.reconcile.describe` — "3 inspectors: Li 0.6, Wang 0.7, Zhao 0.2 — consensus
0.65: reason" — in one cell that wraps over as many lines as it needs, because a consensus
reason must be readable in full on paper.
"""

from __future__ import annotations

from scoring.core.reconcile import describe
from scoring.reports.pdf.layout import Column, Report, striped, table

_TEXT = {
    "title": ("多位核查人评分", "Several inspectors' scores"),
    "code": ("编号", "Code"),
    "what": ("评分、极差与采用的分值", "Scores, spread and the score used"),
}


def _t(key: str, lang: str) -> str:
    return _TEXT[key][0 if lang == "zh" else 1]


def title(lang: str) -> str:
    """The table's heading in ``lang``."""
    return _t("title", lang)


def reconcile_table(report: Report, p):
    """The table for a project's pages, or None when no criterion had several inspectors."""
    reconciled = [
        ind
        for ind in p.indicators.values()
        if ind.reconciliation is not None and ind.reconciliation.reconciled
    ]
    if not reconciled:
        return None
    columns = [Column(_t("code", report.lang), 0.6), Column(_t("what", report.lang), 10.0)]
    rows = [[ind.code, describe(ind.reconciliation, report.lang)] for ind in reconciled]
    return table(report, columns, rows, fills=striped(len(rows)))

"""The "several inspectors" table of a project's PDF pages (issue 9).

For each criterion several inspectors scored (or a supervisor decided), the whole sentence of
:func:`scoring.core.presentation.reconciliation_text` — "3 inspectors: Li 0.6, Wang 0.7, Zhao 0.2 — consensus
0.65: reason" — in one cell that wraps over as many lines as it needs, because a consensus
reason must be readable in full on paper.
"""

from __future__ import annotations

from scoring.core.presentation import reconciliation_text
from scoring.reports.pdf.layout import Column, Report, striped, table


def reconcile_table(report: Report, p):
    """The table for a project's pages, or None when no criterion had several inspectors."""
    reconciled = [
        ind
        for ind in p.indicators.values()
        if ind.reconciliation is not None and ind.reconciliation.reconciled
    ]
    if not reconciled:
        return None
    columns = [Column(report.t("code"), 0.6), Column(report.t("several_inspectors_what"), 10.0)]
    rows = [[ind.code, reconciliation_text(ind.reconciliation, report.lang)] for ind in reconciled]
    return table(report, columns, rows, fills=striped(len(rows)))

"""The "several inspectors" table of a project's PDF page (issue 9).

For each criterion several inspectors scored (or a supervisor decided), the whole sentence of
:func:`scoring.reconcile.describe` — "3 inspectors: Li 0.6, Wang 0.7, Zhao 0.2 — consensus
0.65: reason" — wrapped over as many table rows as it needs, because the overrides table cuts
its reason column to one line and a consensus reason must be readable in full on paper.
"""

from __future__ import annotations

from scoring.pdf_layout import (
    FLOW_WIDTH,
    FONT_SIZE,
    STRIPE_FILL,
    Block,
    Report,
    Table,
    TableColumn,
    fit_columns,
    text_cells,
)
from scoring.presentation import wrap_text
from scoring.reconcile import describe

_TEXT = {
    "title": ("多位核查人评分", "Several inspectors' scores"),
    "code": ("编号", "Code"),
    "what": ("评分、极差与采用的分值", "Scores, spread and the score used"),
}
#: Longest consensus reasons are cut after this many lines (a page holds about 25 rows).
MAX_LINES = 8


def _t(key: str, lang: str) -> str:
    return _TEXT[key][0 if lang == "zh" else 1]


def reconcile_block(report: Report, p) -> Block | None:
    """The table for a project's page, or None when no criterion had several inspectors."""
    reconciled = [ind for ind in p.indicators.values()
                  if ind.reconciliation is not None and ind.reconciliation.reconciled]
    if not reconciled:
        return None
    columns = fit_columns([TableColumn(_t("code", report.lang), 0.5),
                           TableColumn(_t("what", report.lang), 7.0)], FLOW_WIDTH)
    width = text_cells(columns[1].width, FONT_SIZE)
    rows: list[list[str]] = []
    fills: list[str | None] = []
    for n, ind in enumerate(reconciled):
        lines = wrap_text(describe(ind.reconciliation, report.lang), width, MAX_LINES)
        rows += [[ind.code if k == 0 else "", line] for k, line in enumerate(lines)]
        # alternate criteria are shaded, so a wrapped sentence reads as one entry
        fills += [STRIPE_FILL if n % 2 else None] * len(lines)
    return Block(_t("title", report.lang), Table(columns, rows, fills))

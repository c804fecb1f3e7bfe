"""The Disagreements sheet of the ranked workbook (issue 9).

One row per criterion of a project that several inspectors scored (or a supervisor decided):
each inspector's fraction in a column of its own, the spread, whether it is a disagreement,
the score used and where it comes from (consensus, median or mean), and the consensus with
its author and reason. The largest spread comes first and the sheet has a filter on every
column, so Excel sorts and filters it by spread. Built with :mod:`scoring.reports.xlsx_sheets`'
table helper, so text typed by people is written as literal text, never as a formula.
"""

from __future__ import annotations

import datetime as _dt

from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scoring.core.presentation import (
    DISAGREEMENT_SHEET_TEXT,
    indicator_label,
    normalise_lang,
    phrase,
    reconciliation_word,
    text,
)
from scoring.core.reconcile import DisagreementRow, disagreement_rows, inspector_names
from scoring.reports.xlsx_sheets import Column, write_table_sheet

DISAGREEMENT_FILL = PatternFill("solid", fgColor="FCE4D6")


def sheet_name(lang: str) -> str:
    """The sheet's title in the workbook's language."""
    return _t("sheet", lang)


def _t(key: str, lang: str) -> str:
    return phrase(DISAGREEMENT_SHEET_TEXT, key, lang)


def disagreement_columns(names: list[str], lang: str) -> list[Column]:
    """The sheet's columns: the row's identity, one column per inspector, then the outcome."""
    return [
        Column(text("scheme", lang), 16), Column(text("project_id", lang), 14),
        Column(text("name", lang), 24), Column(text("code", lang), 8),
        Column(text("indicator", lang), 28),
        *(Column(name, 9, "0.000") for name in names),
        Column(_t("n", lang), 8, "0"), Column(_t("spread", lang), 8, "0.000"),
        Column(_t("disagreement", lang), 10), Column(_t("used", lang), 9, "0.000"),
        Column(_t("basis", lang), 9), Column(_t("consensus", lang), 9, "0.000"),
        Column(_t("by", lang), 12), Column(_t("reason", lang), 40, wrap=True),
    ]


def disagreement_values(row: DisagreementRow, names: list[str], indicator: str, lang: str) -> list[object]:
    """One row of the sheet, in :func:`disagreement_columns` order."""
    rec = row.reconciliation
    scores = rec.inspectors
    consensus = rec.consensus
    return [
        row.scheme, row.project_id, row.name, row.code, indicator,
        *(scores.get(name) for name in names),
        len(rec.scores), rec.spread, text("answer_yes" if rec.disagreement else "answer_no", lang), rec.used,
        reconciliation_word(rec.basis, lang) if rec.basis != "none" else "",
        consensus.fraction if consensus else None, consensus.inspector if consensus else "",
        consensus.reason if consensus else "",
    ]


def write_disagreements_sheet(ws: Worksheet, run, lang: str, generated: _dt.datetime) -> int:
    """Write the sheet (largest spread first, filter on every column); return its row count."""
    lang = normalise_lang(lang)
    rows = disagreement_rows(run)
    names = inspector_names(rows)
    labels = {
        (s.name, s.version, c.code): indicator_label(c, lang) for s in run.schemes for c in s.criteria
    }
    columns = disagreement_columns(names, lang)
    values = [
        disagreement_values(r, names, labels.get((r.scheme, r.scheme_version, r.code), r.code), lang)
        for r in rows
    ]
    count = write_table_sheet(ws, columns, values, _t("title", lang), lang, generated)
    ws.freeze_panes = "F2"  # scheme, project, name, code and indicator stay while scrolling right
    flag = 5 + len(names) + 3  # the Disagreement column, 1-based
    for r, row in enumerate(rows, start=2):
        if row.reconciliation.disagreement:
            ws.cell(r, flag).fill = DISAGREEMENT_FILL
    if count:
        ws.column_dimensions[get_column_letter(flag)].width = 10
    return count

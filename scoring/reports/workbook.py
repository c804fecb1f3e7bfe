"""The print-ready ranked workbook.

Sheets: one ranked table per scheme (first, so the ranking is what opens), ending with the
approval block; a Summary, a Detail sheet (project × criterion, with provenance and overrides),
Issues, the rejected inputs when there are any, the charts as images (one per printed page),
the Method sheet (issue 18); a Disagreements sheet when several inspectors scored criteria
(issue 9, :mod:`scoring.reports.reconcile_export`). Every sheet prints on A4 landscape, one page wide,
with its header row repeated and a header/footer naming the scheme, its version, the print date
and "page X of Y".

How a cell and a sheet are written (literal text, never a formula; print setup; the Detail
sheet's million cells streamed as plain XML) is :mod:`scoring.reports.xlsx_sheets`; this module says
what the workbook holds.
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
import math
import statistics
from collections.abc import Callable, Iterable, Sequence
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, DataBarRule
from openpyxl.styles import Alignment, Border, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scoring.core import explain
from scoring.core.figures import dimension_maxima, effective_maxima, overrides_count
from scoring.core.model import Scheme
from scoring.core.presentation import (
    GRADE_TINT,
    STATUS_TEXT,
    VETO_COLOUR,
    dimension_label,
    grade_colours,
    grade_label,
    indicator_label,
    issue_kind_label,
    issue_text,
    kind_label,
    level_label,
    normalise_lang,
    provisional_banner,
    provisional_mark,
    reason_label,
    rejection_text,
    scheme_label,
    severity_label,
    shown_assessment,
    shown_total,
    status_label,
    synergy_class_label,
    text,
    tint,
    unit_label,
)
from scoring.core.reconcile import disagreement_rows
from scoring.core.report_settings import ReportSettings
from scoring.core.results import ProjectResult, one_use
from scoring.core.textlayout import display_width, shown_location
from scoring.io.atomic import replacing, save_workbook
from scoring.io.pipeline import AssessmentRun
from scoring.reports.reconcile_export import sheet_name as disagreements_sheet_name
from scoring.reports.reconcile_export import write_disagreements_sheet
from scoring.reports.robustness_export import sheet_name as robustness_sheet_name
from scoring.reports.robustness_export import write_robustness_sheet
from scoring.reports.xlsx_charts import ChartData, write_charts, write_fractions
from scoring.reports.xlsx_sheets import (
    HEADER_FILL,
    THIN_BOTTOM,
    TITLE_FILL,
    Column,
    FastRows,
    RowLook,
    detached_cells,
    fit_height,
    fit_readable,
    fit_widths,
    named_font,
    print_setup,
    put,
    sheet_title,
    write_header,
    write_row,
    write_table_sheet,
)

VETO_FILL = PatternFill("solid", fgColor="FDE2E2")
#: A provisional result's mark and the banner over a ranking that has any (the GUI's colour).
PROVISIONAL_FILL = PatternFill("solid", fgColor="FFF2CC")
PROVISIONAL_ROW_HEIGHT = 30  # points: two lines of the 11-point body text


# --------------------------------------------------------------------------- columns


def _number(value: float | None, digits: int | None = None) -> float | None:
    """A float for a cell: None for missing/NaN, no negative zero (a penalty of 0 is 0)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    value = float(value) + 0.0
    return round(value, digits) if digits is not None else value


def ranked_columns(scheme: Scheme, lang: str = "en") -> list[Column]:
    """Columns of a scheme's ranked sheet, narrow and wrapped: with six dimensions they take
    191 characters, which print one landscape page wide inside RANKED_SIDE_MARGIN at 8 points or
    more (fit_readable).
    The provisional mark ("provisional: 1 pending, grade could be Good–Excellent") takes two
    lines."""
    maxima = dimension_maxima(scheme)
    dims = [Column(f"{dimension_label(scheme, d, lang)} ({maxima[d]:.4g})", 8, "0.00", wrap=True)
            for d in scheme.dimensions]
    return [
        Column(text("rank", lang), 5, "0"),
        Column(text("project_id", lang), 11),
        Column(text("name", lang), 20, wrap=True),
        Column(text("region", lang), 8, wrap=True),
        Column(text("total", lang), 8, "0.00"),
        Column(text("grade", lang), 10),
        Column(text("provisional", lang), 28, wrap=True),
        *dims,
        Column(text("bonus", lang), 6, "0.00"),
        Column(text("penalty", lang), 7, "0.00"),
        Column(text("synergy_d", lang), 7, "0.000"),
        Column(text("synergy_class", lang), 12, wrap=True),
        Column(text("veto", lang), 7, wrap=True),
        Column(text("issues", lang), 6, "0"),
        Column(text("overrides", lang), 8, "0"),
    ]


def ranked_values(scheme: Scheme, p: ProjectResult, lang: str = "en") -> list[object]:
    """One project's row of the ranked sheet, in ``ranked_columns`` order: numbers unrounded
    (the number formats round what is shown) except the total, rounded never up onto a grade
    threshold (59.995 is 59.99, not 60.00)."""
    synergy = p.synergy or {}
    return [
        p.rank, p.project_id, p.name, p.region, shown_total(scheme, p.total), grade_label(p.grade, lang),
        provisional_mark(p, lang),
        *(_number(p.dimensions.get(d, 0.0)) for d in scheme.dimensions),
        _number(p.bonus), _number(p.penalty),
        _number(synergy.get("D")), synergy_class_label(synergy.get("class"), lang),
        ", ".join(p.veto), len(p.issues), overrides_count(p),
    ]


def ranked_rows(run: AssessmentRun, scheme: Scheme, lang: str = "en") -> tuple[list[str], list[list[object]]]:
    """Header and rows of the ranked table of one scheme."""
    header = [c.header for c in ranked_columns(scheme, lang)]
    return header, [ranked_values(scheme, p, lang) for p in run.projects_of(scheme)]


def detail_columns(lang: str) -> list[Column]:
    """Columns of the Detail sheet (one row per project × criterion).

    Narrow and wrapped: the sheet prints landscape one page wide, and its widths (163
    characters) fit A4's printable width inside 0.4-inch margins at about 85 %, so its
    10-point text prints at 8.5 points (fit_readable).
    """
    return [
        Column(text("scheme", lang), 8, wrap=True), Column(text("rank", lang), 4, "0"),
        Column(text("project_id", lang), 8, wrap=True), Column(text("name", lang), 12, wrap=True),
        Column(text("code", lang), 5), Column(text("indicator", lang), 14, wrap=True),
        Column(text("dimension", lang), 7, wrap=True), Column(text("kind", lang), 5, wrap=True),
        Column(text("unit", lang), 5, wrap=True), Column(text("value", lang), 6, wrap=True),
        Column(text("baseline", lang), 6, wrap=True), Column(text("fraction", lang), 5, "0.000"),
        Column(text("points", lang), 5, "0.00"), Column(text("max_points", lang), 5, "0.00"),
        Column(text("points_lost", lang), 5, "0.00"), Column(text("status", lang), 8, wrap=True),
        Column(text("location", lang), 10, wrap=True), Column(text("evidence", lang), 11, wrap=True),
        Column(text("inspector", lang), 6, wrap=True), Column(text("reason", lang), 11, wrap=True),
        Column(text("paths", lang), 12, wrap=True),
    ]


#: The Status column of the Detail sheet (1-based), which the status highlights colour.
DETAIL_STATUS_COLUMN = 16

#: Font size of the Detail sheet's cells: its 163 characters of columns print one landscape
#: page wide at about 85 %, 8.5 points.
DETAIL_FONT_SIZE = 10

#: The ranked sheet's text size (openpyxl's default font).
RANKED_FONT_SIZE = 11
#: Inches left and right of the ranked sheet: room for six dimensions' columns at 8 points.
RANKED_SIDE_MARGIN = 0.3


def detail_rows(run: AssessmentRun, lang: str) -> Iterable[list[object]]:
    """Rows of the Detail sheet, scheme by scheme, projects by rank, criteria in scheme order."""
    for scheme in run.schemes:
        labels = {c.code: (indicator_label(c, lang), dimension_label(scheme, c.dimension, lang),
                           kind_label(c.kind, lang), unit_label(c.unit, lang)) for c in scheme.criteria}
        statuses = {s: status_label(s, lang) for s in STATUS_TEXT}
        named = scheme_label(scheme, lang)
        for kept in run.projects_of(scheme):
            p = one_use(kept)  # built for this row and let go: 20,000 projects × 60 criteria
            # issue 17: what each criterion could still earn, and the paths to the next grade
            worked = {w.code: w for w in explain.worked(scheme, p)}
            paths = {path.code: explain.path_text(scheme, p, path, lang)
                     for path in explain.gap(scheme, p).paths}
            for code, ind in p.indicators.items():
                indicator, dimension, kind, unit = labels.get(code, (code, "", "", ""))
                figures = worked.get(code)
                yield [named, p.rank, p.project_id, p.name, code, indicator, dimension, kind, unit,
                       ind.value, ind.baseline, _number(ind.score), _number(ind.points),
                       _number(figures.max_points if figures else None),
                       _number(figures.points_lost if figures else None),
                       statuses.get(ind.status, ind.status), shown_location(ind.location), ind.evidence,
                       # issue 9: several inspectors' scores and the consensus, in one sentence
                       *shown_assessment(ind, lang), paths.get(code)]


def issue_columns(lang: str) -> list[Column]:
    return [
        Column(text("scheme", lang), 18), Column(text("rank", lang), 6, "0"),
        Column(text("project_id", lang), 14), Column(text("name", lang), 28),
        Column(text("severity", lang), 8), Column(text("issue_kind", lang), 18),
        Column(text("location", lang), 30), Column(text("message", lang), 70, wrap=True),
    ]


def issue_rows(run: AssessmentRun, lang: str) -> Iterable[list[object]]:
    for scheme in run.schemes:
        named = scheme_label(scheme, lang)
        for p in run.projects_of(scheme):
            for issue in p.issues:
                yield [named, p.rank, p.project_id, p.name, severity_label(issue.severity, lang),
                       issue_kind_label(issue.kind, lang), shown_location(issue.location),
                       issue_text(issue, lang)]


# --------------------------------------------------------------------------- sheet helpers


def _scheme_heading(scheme: Scheme, lang: str) -> str:
    return f"{scheme_label(scheme, lang)}  {text('version', lang)} {scheme.version}"


def _run_heading(run: AssessmentRun, lang: str, what: str) -> str:
    schemes = "; ".join(f"{s.name} {s.version}" for s in run.schemes)
    return _with_round(run, f"{what} — {schemes}" if schemes else what, lang)


def round_text(run: AssessmentRun, lang: str) -> str:
    """The assessment round scored ("评估轮次 2025"), empty when scored from files (issue 20)."""
    if not run.round:
        return ""
    year = f" ({run.round_year})" if run.round_year and run.round_year not in run.round else ""
    return f"{text('assessment_round', lang)} {run.round}{year}"


def _with_round(run: AssessmentRun, heading: str, lang: str) -> str:
    """A page header naming the round too: two rounds' rankings never look alike on paper."""
    return f"{heading} — {round_text(run, lang)}" if run.round else heading


# --------------------------------------------------------------------------- scheme sheets


def write_scheme_sheet(ws: Worksheet, run: AssessmentRun, scheme: Scheme, lang: str,
                       generated: _dt.datetime, settings: ReportSettings | None = None,
                       fast: FastRows | None = None) -> None:
    """The ranked table of one scheme: frozen header, filter, formats, grade colours, data bars.

    When any result is provisional, a banner above the header says so (docs/method.md,
    "Provisional results") and the table starts one row lower. Under the table: the notes
    it needs and the approval block. With ``fast``, the rows are streamed when the workbook
    is saved (:class:`~scoring.reports.xlsx_sheets.FastRows`), except those carrying a note, which
    openpyxl writes; the sheet reads the same either way.
    """
    columns = ranked_columns(scheme, lang)
    projects = run.projects_of(scheme)
    banner = provisional_banner(projects, lang)
    head = 2 if banner else 1  # the header row
    if banner:
        _write_banner(ws, banner, len(columns), lang)
    write_header(ws, columns, head, lang=lang)
    if not projects:
        put(ws.cell(head + 1, 1), text("no_projects", lang))
    fit_widths(ws, columns, [ranked_values(scheme, p, lang) for p in projects[:FITTED_ROWS]])
    maxima = dimension_maxima(scheme)
    over = [(r, k) for r, p in enumerate(projects, start=head + 1) for k, d in enumerate(scheme.dimensions)
            if p.dimensions.get(d, 0.0) > maxima[d] + 0.005]
    noted = {r for r, _ in over}
    looks = _RankedLooks(ws, scheme, columns, lang)
    for r, p in enumerate(projects, start=head + 1):
        if fast is None or r in noted:
            _write_ranked_row(ws, r, columns, ranked_values(scheme, p, lang), looks, p)
    if fast is not None and len(noted) < len(projects):
        for p in projects:  # every style in the workbook's tables before it is saved
            looks.look(p)
        streamed = ((r, ranked_values(scheme, p, lang), looks.look(p))
                    for r, p in enumerate(projects, start=head + 1) if r not in noted)
        fast.stream(ws, columns, streamed, head + len(projects))
    row = len(projects) + head + 2
    if over:  # the cells above their header's maximum carry the effective one in a note
        _note_effective_maxima(ws, scheme, projects, over, head, lang)
        put(ws.cell(row, 1), text("effective_max_note_cell", lang))
        ws.cell(row, 1).font = named_font(lang, size=9)
        row += 1
    write_approval_block(ws, row + 1, settings or ReportSettings(), lang)
    last = get_column_letter(len(columns))
    ws.freeze_panes = f"D{head + 1}"  # header row, and rank/id/name while scrolling right
    ws.auto_filter.ref = f"A{head}:{last}{max(head + 1, len(projects) + head)}"
    if projects:
        ws.conditional_formatting.add(
            f"E{head + 1}:E{len(projects) + head}",
            DataBarRule(start_type="num", start_value=0, end_type="num", end_value=scheme.total_points,
                        color="5B9BD5", showValue=True))
    print_setup(ws, _with_round(run, _scheme_heading(scheme, lang), lang), lang, generated,
                title_rows=f"{head}:{head}")
    ws.page_margins.left = ws.page_margins.right = RANKED_SIDE_MARGIN
    fit_readable(ws, len(columns), RANKED_FONT_SIZE, repeat_columns="A:C")


#: Rows whose text sizes the ranked sheet's columns.
FITTED_ROWS = 500


def _write_ranked_row(ws: Worksheet, r: int, columns: list[Column], values: list[object],
                      looks: _RankedLooks, p: ProjectResult) -> None:
    """The row of ``p`` written by openpyxl, styled as its streamed look would style it."""
    write_row(ws, r, columns, values)
    looks.style_row([ws.cell(r, c) for c in range(1, len(columns) + 1)], p)
    fit_height(ws, r, columns, values)
    least_height = PROVISIONAL_ROW_HEIGHT if p.provisional else None
    if least_height and (ws.row_dimensions[r].height or 0) < least_height:
        ws.row_dimensions[r].height = least_height


#: The ranked sheet's columns of the grade and of the provisional mark (1-based).
GRADE_COLUMN, PROVISIONAL_COLUMN = 6, 7


class _RankedLooks:
    """The styles of ranked rows, one set per (grade, vetoed, provisional): building fills
    and fonts per row cost more than all the row's values."""

    def __init__(self, ws: Worksheet, scheme: Scheme, columns: list[Column], lang: str) -> None:
        self.ws, self.scheme, self.columns, self.lang = ws, scheme, columns, lang
        self.colours = grade_colours(scheme)
        self._cells: dict[tuple, list] = {}
        self._looks: dict[tuple, RowLook] = {}

    @staticmethod
    def _key(p: ProjectResult) -> tuple:
        return p.grade, bool(p.veto), p.provisional

    def cells(self, p: ProjectResult) -> list:
        """Detached cells styled as the row of ``p``."""
        key = self._key(p)
        if key not in self._cells:
            cells = detached_cells(self.ws, self.columns)
            self._colour(cells, *key)
            self._cells[key] = cells
        return self._cells[key]

    def style_row(self, cells: list, p: ProjectResult) -> None:
        """Style the cells of a row written as :func:`~scoring.reports.xlsx_sheets.write_row`
        writes it as the row of ``p``."""
        self.cells(p)  # the look's fills and fonts take their places in the workbook first
        self._colour(cells, *self._key(p))

    def look(self, p: ProjectResult) -> RowLook:
        """The streamed look of the row of ``p``."""
        key = self._key(p)
        if key not in self._looks:
            height = PROVISIONAL_ROW_HEIGHT if p.provisional else None
            self._looks[key] = RowLook.of(self.cells(p), height, blanks=True)
        return self._looks[key]

    def _colour(self, cells: list, grade: str, vetoed: bool, provisional: bool) -> None:
        """Grade colour on the grade cell; a vetoed row all pink, its codes red and bold; a
        provisional mark shaded."""
        if vetoed:
            for cell in cells:
                cell.fill = VETO_FILL
            cells[-3].font = named_font(self.lang, bold=True, color=VETO_COLOUR.lstrip("#"))
        elif provisional:  # a vetoed row stays pink throughout
            cells[PROVISIONAL_COLUMN - 1].fill = PROVISIONAL_FILL
        colour = self.colours.get(grade)
        if colour:
            grade_cell = cells[GRADE_COLUMN - 1]
            grade_cell.fill = PatternFill("solid", fgColor=tint(colour, GRADE_TINT).lstrip("#"))
            grade_cell.font = named_font(self.lang, bold=True)


def _write_banner(ws: Worksheet, banner: str, n_columns: int, lang: str) -> None:
    """One merged, shaded row across the table saying that some results are provisional."""
    put(ws.cell(1, 1), banner)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n_columns)
    cell = ws.cell(1, 1)
    cell.font = named_font(lang, bold=True)
    cell.fill = PROVISIONAL_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[1].height = 36


#: Column of the ranked sheet's first dimension (after rank, id, name, region, total, grade and
#: the provisional mark).
FIRST_DIMENSION_COLUMN = 8


def _note_effective_maxima(ws: Worksheet, scheme: Scheme, projects: list[ProjectResult],
                           over: list[tuple[int, int]], head: int, lang: str) -> None:
    """A note on each dimension cell above its nominal maximum giving the effective one."""
    from openpyxl.comments import Comment

    for r, k in over:
        p = projects[r - head - 1]
        effective = effective_maxima(scheme, one_use(p))[scheme.dimensions[k]]  # read once, not kept
        note = f"{text('effective_maximum', lang)}: {effective:.3g}"
        ws.cell(r, FIRST_DIMENSION_COLUMN + k).comment = Comment(note, "SynergyPilot")


#: Columns the approval block spans: (label, name, signature, date) per person, then the seal.
SEAL_COLUMNS = 3


def write_approval_block(ws: Worksheet, row: int, settings: ReportSettings, lang: str) -> int:
    """Assessing body, document number and period; assessor, reviewer and approver with their
    signature and date lines; a bordered box for the seal. Returns the row after it.

    The same block as the PDF's (scoring.reports.pdf.ranking.approval_block).
    """
    t = functools.partial(text, lang=lang)
    colon = t("colon")
    put(ws.cell(row, 1), t("approval"))
    ws.cell(row, 1).font = named_font(lang, bold=True, size=11)
    first = row
    row += 1
    facts = "    ".join(f"{t(key)}{colon}{getattr(settings, key)}" for key in ("org", "doc_no", "period")
                        if getattr(settings, key))
    if facts:
        put(ws.cell(row, 1), facts)
        ws.cell(row, 1).font = named_font(lang, size=10)
        row += 1
    line = "_" * 16
    for key in ("assessor", "reviewer", "approver"):
        row += 1
        cells = (f"{t(key)}{colon}{getattr(settings, key)}", f"{t('signature')}{colon}{line}",
                 f"{t('date')}{colon}{line}")
        for c, value in enumerate(cells, start=2):
            put(ws.cell(row, c), value)
            ws.cell(row, c).font = named_font(lang, size=10)
        ws.row_dimensions[row].height = 24
    seal_left = 2 + 3 + 1
    seal = ws.cell(first + 2, seal_left)
    seal_right = seal_left + SEAL_COLUMNS - 1
    ws.merge_cells(start_row=first + 2, start_column=seal_left, end_row=row, end_column=seal_right)
    put(seal, t("seal"))
    seal.alignment = Alignment(horizontal="center", vertical="center")
    seal.font = named_font(lang, size=9, color="777777")
    side = Side(style="medium", color="000000")
    for r in range(first + 2, row + 1):
        for c in range(seal_left, seal_left + SEAL_COLUMNS):
            ws.cell(r, c).border = Border(left=side if c == seal_left else None,
                                          right=side if c == seal_right else None,
                                          top=side if r == first + 2 else None,
                                          bottom=side if r == row else None)
    return row + 1


# --------------------------------------------------------------------------- summary


def write_summary_sheet(ws: Worksheet, run: AssessmentRun, lang: str, generated: _dt.datetime) -> None:
    """Counts per grade and mean/median per dimension, one block per scheme."""
    ws.column_dimensions["A"].width = 30
    for letter in "BCDE":
        ws.column_dimensions[letter].width = 14
    put(ws.cell(1, 1), text("report_title", lang))
    ws.cell(1, 1).font = named_font(lang, bold=True, size=14)
    generated_text = f"{text('generated', lang)}: {generated:%Y-%m-%d %H:%M}"
    put(ws.cell(2, 1), f"{generated_text}    {round_text(run, lang)}".strip())
    put(ws.cell(3, 1), f"{text('total_projects', lang)}: {len(run.projects)}    "
                       f"{text('rejected_inputs', lang)}: {len(run.rejected)}")
    row = 5
    for scheme in run.schemes:
        row = _summary_block(ws, row, run, scheme, lang) + 1
    print_setup(ws, _run_heading(run, lang, text("sheet_summary", lang)), lang, generated, title_rows=None)


def _summary_block(ws: Worksheet, row: int, run: AssessmentRun, scheme: Scheme, lang: str) -> int:
    projects = run.projects_of(scheme)
    put(ws.cell(row, 1), _scheme_heading(scheme, lang))
    for c in range(1, 5):
        ws.cell(row, c).fill = TITLE_FILL
    ws.cell(row, 1).font = named_font(lang, bold=True, size=12)
    put(ws.cell(row + 1, 1), f"{text('level', lang)}: {level_label(scheme.level, lang)}    "
                             f"{text('projects', lang)}: {len(projects)}    "
                             f"{text('vetoed_count', lang)}: {sum(1 for p in projects if p.veto)}")
    row += 3
    row = _grade_counts(ws, row, scheme, projects, lang) + 1
    return _dimension_stats(ws, row, scheme, projects, lang) + 1


def _small_header(ws: Worksheet, row: int, headers: Sequence[str], lang: str) -> None:
    for c, title in enumerate(headers, start=1):
        put(ws.cell(row, c), title)
        ws.cell(row, c).font = named_font(lang, bold=True)
        ws.cell(row, c).fill = HEADER_FILL
        ws.cell(row, c).border = THIN_BOTTOM


def _grade_counts(ws: Worksheet, row: int, scheme: Scheme, projects: list[ProjectResult], lang: str) -> int:
    _small_header(ws, row, [text("grade", lang), text("count", lang), text("threshold", lang)], lang)
    colours = grade_colours(scheme)
    for grade in scheme.grades_descending:
        row += 1
        put(ws.cell(row, 1), grade_label(grade.name, lang))
        ws.cell(row, 1).fill = PatternFill("solid", fgColor=tint(colours[grade.name], GRADE_TINT).lstrip("#"))
        put(ws.cell(row, 2), sum(1 for p in projects if p.grade == grade.name))
        put(ws.cell(row, 3), grade.min_points)
    return row + 1


def _dimension_stats(ws: Worksheet, row: int, scheme: Scheme, projects: list[ProjectResult],
                     lang: str) -> int:
    _small_header(ws, row, [text("dimension", lang), text("maximum", lang), text("mean", lang),
                            text("median", lang)], lang)
    maxima = dimension_maxima(scheme)
    series = [(dimension_label(scheme, d, lang), maxima[d], [p.dimensions.get(d, 0.0) for p in projects])
              for d in scheme.dimensions]
    series.append((text("total", lang), scheme.total_points, [p.total for p in projects]))
    for label, maximum, values in series:
        row += 1
        put(ws.cell(row, 1), label)
        put(ws.cell(row, 2), _number(maximum))
        put(ws.cell(row, 3), _number(statistics.fmean(values)) if values else None)
        put(ws.cell(row, 4), _number(statistics.median(values)) if values else None)
        for c in (2, 3, 4):
            ws.cell(row, c).number_format = "0.00"
    ws.cell(row, 1).font = named_font(lang, bold=True)
    return row + 1


# --------------------------------------------------------------------------- tables


def _status_highlights(ws: Worksheet, column: str, last_row: int, lang: str) -> None:
    """Colour the Detail sheet's status cells by value (conditional: cheap for 60,000 rows)."""
    fills = {"missing": "FCE4D6", "invalid": "F8CBAD", "pending": "E7E6E6", "na": "EDEDED",
             "override": "DDEBF7"}
    for status, colour in fills.items():
        ws.conditional_formatting.add(
            f"{column}2:{column}{last_row}",
            CellIsRule(operator="equal", formula=[f'"{status_label(status, lang)}"'],
                       fill=PatternFill("solid", fgColor=colour, bgColor=colour)))


def write_rejected_sheet(ws: Worksheet, run: AssessmentRun, lang: str, generated: _dt.datetime) -> None:
    columns = [Column(text("source", lang), 50), Column(text("rejected_reason", lang), 20),
               Column(text("message", lang), 90, wrap=True)]
    rows = [[shown_location(r.source), reason_label(r.reason, lang), rejection_text(r, lang)]
            for r in run.rejected]
    heading = _with_round(run, text("rejected_inputs", lang), lang)
    write_table_sheet(ws, columns, rows, heading, lang, generated)


# --------------------------------------------------------------------------- method


def write_method_sheet(ws: Worksheet, run: AssessmentRun, lang: str, generated: _dt.datetime,
                       studies: dict) -> None:
    """Every scheme's method (scoring.reports.method_appendix): its rules, criteria table with weights,
    bounds and basis, grade thresholds, n/a maxima, synergy α and robustness settings."""
    from scoring.reports.method_appendix import method_sections

    widths = (8, 34, 14, 9, 11, 8, 8, 8, 8, 12, 40)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    row = 1
    for scheme in run.schemes:
        put(ws.cell(row, 1), f"{text('method_heading', lang)} — {_scheme_heading(scheme, lang)}")
        ws.cell(row, 1).font = named_font(lang, bold=True, size=12)
        row += 2
        for section in method_sections(scheme, lang, studies.get(scheme.name)):
            put(ws.cell(row, 1), section.title)
            ws.cell(row, 1).font = named_font(lang, bold=True, size=11)
            row += 1
            for sentence in section.sentences:
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
                put(ws.cell(row, 1), sentence)
                ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
                ws.row_dimensions[row].height = 15 * max(1, math.ceil(display_width(sentence) / 190) + 1)
                row += 1
            for table in section.tables:
                _small_header(ws, row, table.header, lang)
                for c in range(1, len(table.header) + 1):
                    ws.cell(row, c).alignment = Alignment(wrap_text=True, vertical="center")
                for values in table.rows:
                    row += 1
                    for c, value in enumerate(values, start=1):
                        put(ws.cell(row, c), value)
                        ws.cell(row, c).alignment = Alignment(wrap_text=True, vertical="top")
                row += 2
        ws.row_breaks.append(_break(row - 1))
        row += 1
    print_setup(ws, _run_heading(run, lang, text("sheet_method", lang)), lang, generated, title_rows=None)


# --------------------------------------------------------------------------- charts


def write_charts_sheets(book: _Book, run: AssessmentRun, lang: str, generated: _dt.datetime) -> None:
    """Every scheme's charts as native charts (scoring.xlsx_charts), each on a printed page of
    its own; the indicator fractions as a coloured table on a sheet of their own; the numbers
    the charts read on a hidden sheet, which :func:`write_ranked_workbook` puts last."""
    charts_ws = book.sheet(text("sheet_charts", lang))
    fractions_ws = book.sheet(text("chart_heatmap", lang))
    book.chart_data = book.sheet(text("sheet_chart_data", lang))
    data = ChartData(book.chart_data, lang)
    write_charts(charts_ws, data, run.schemes, run.projects_of, lang)
    heading = _run_heading(run, lang, text("sheet_charts", lang))
    print_setup(charts_ws, heading, lang, generated, title_rows=None)
    wide = write_fractions(fractions_ws, run.schemes, run.projects_of, lang)
    print_setup(fractions_ws, _run_heading(run, lang, text("chart_heatmap", lang)), lang, generated,
                title_rows=None)
    fractions_ws.page_setup.fitToWidth = wide
    fractions_ws.print_title_cols = "A:B"  # rank and name on every page across
    print_setup(book.chart_data, _run_heading(run, lang, text("sheet_chart_data", lang)), lang, generated)


def _break(row: int):
    from openpyxl.worksheet.pagebreak import Break

    return Break(id=row)


# --------------------------------------------------------------------------- the workbook


def write_ranked_workbook(run: AssessmentRun, out: str | Path, lang: str = "zh", charts: bool = True,
                          generated: _dt.datetime | None = None, robustness: Sequence = (),
                          settings: ReportSettings | None = None,
                          progress: Callable[[int, int], object] | None = None) -> Path:
    """Write the print-ready ranked workbook and return its path.

    Parameters
    ----------
    run : AssessmentRun
    out : str or Path
        The .xlsx to write; replaced in one step when complete (never left half-written).
    lang : {"zh", "en"}
        Language of headers, labels and chart text.
    charts : bool
        Add the charts (native, editable charts on a Charts sheet) and the indicator
        fractions table.
    generated : datetime, optional
        Time printed as "generated"; default now.
    robustness : sequence of SchemeRobustness, optional
        Robustness studies (issue 8), written as a Robustness sheet.
    settings : ReportSettings, optional
        Who signs: printed in the approval block under each ranked sheet.
    progress : callable, optional
        ``progress(done, total)`` before each sheet and before saving (the last step); returning
        False cancels: nothing is written, and the path is returned all the same.

    Returns
    -------
    Path
    """
    lang = normalise_lang(lang)
    generated = generated or _dt.datetime.now().replace(microsecond=0)
    book = _Book(lang, progress, _sheet_count(run, charts, robustness) + 1)
    try:
        _write_sheets(book, run, lang, generated, charts, robustness, settings)
        book.step()  # saving: the streamed rows are written now
    except _Cancelled:
        return Path(out)  # nothing written
    return _save(book, Path(out))


def _write_sheets(book: _Book, run: AssessmentRun, lang: str, generated: _dt.datetime, charts: bool,
                  robustness: Sequence, settings: ReportSettings | None) -> None:
    for scheme in run.schemes:
        ranked = FastRows()
        write_scheme_sheet(book.sheet(scheme_label(scheme, lang)), run, scheme, lang, generated, settings,
                           fast=ranked)
        book.fast.append(ranked)
    if not run.schemes:
        put(book.sheet(text("ranked_results", lang)).cell(1, 1), text("no_projects", lang))
    write_summary_sheet(book.sheet(text("sheet_summary", lang)), run, lang, generated)
    _write_detail(book, run, lang, generated)
    issues = FastRows()
    write_table_sheet(book.sheet(text("sheet_issues", lang)), issue_columns(lang), issue_rows(run, lang),
                      _run_heading(run, lang, text("sheet_issues", lang)), lang, generated, fast=issues,
                      count=sum(len(p.issues) for s in run.schemes for p in run.projects_of(s)))
    book.fast.append(issues)
    if run.rejected:
        write_rejected_sheet(book.sheet(text("sheet_rejected", lang)), run, lang, generated)
    if charts and run.projects:
        write_charts_sheets(book, run, lang, generated)
    if robustness:  # issue 8: rank ranges under random weights
        write_robustness_sheet(book.sheet(robustness_sheet_name(lang)), robustness, lang, generated)
    if run.schemes:
        studies = {study.scheme.name: study for study in robustness or ()}
        write_method_sheet(book.sheet(text("sheet_method", lang)), run, lang, generated, studies)
    if disagreement_rows(run):  # issue 9: criteria several inspectors scored, sortable by spread
        write_disagreements_sheet(book.sheet(disagreements_sheet_name(lang)), run, lang, generated)
    if book.chart_data is not None:  # the charts' hidden numbers after every sheet a reader opens
        book.workbook.move_sheet(book.chart_data, len(book.workbook.sheetnames) - 1
                                 - book.workbook.sheetnames.index(book.chart_data.title))


def _sheet_count(run: AssessmentRun, charts: bool, robustness: Sequence) -> int:
    """The sheets :func:`write_ranked_workbook` writes (a Detail sheet counted once; the charts
    are three: charts, fractions and their hidden numbers)."""
    return (max(len(run.schemes), 1) + 3 + bool(run.rejected) + 3 * bool(charts and run.projects)
            + bool(robustness) + bool(run.schemes) + bool(disagreement_rows(run)))


class _Cancelled(Exception):
    """The progress callback asked to stop."""


class _Book:
    """The workbook being written: unique sheet titles, the sheets with streamed rows, and the
    progress report (a step per sheet)."""

    def __init__(self, lang: str, progress: Callable[[int, int], object] | None = None,
                 steps: int = 0) -> None:
        self.workbook = Workbook()
        self.workbook.remove(self.workbook.worksheets[0])  # sheets are added by title
        self.taken: set[str] = set()
        self.fast: list[FastRows] = []
        self.chart_data: Worksheet | None = None
        self.progress, self.steps, self.done = progress, steps, 0

    def step(self) -> None:
        """Report the next step; raises _Cancelled when the progress callback asks to stop."""
        if self.progress is not None:
            going = self.progress(min(self.done, self.steps - 1), self.steps) is not False
            self.done += 1
            if not going:
                raise _Cancelled

    def sheet(self, name: str) -> Worksheet:
        self.step()
        return self.workbook.create_sheet(sheet_title(name, self.taken))


#: Data rows of one sheet: Excel's 1,048,576 rows less the header. A longer Detail table goes
#: on in "Detail (2)", "Detail (3)" …
MAX_SHEET_ROWS = 1_048_575


def _write_detail(book: _Book, run: AssessmentRun, lang: str, generated: _dt.datetime) -> None:
    """The Detail sheet(s): one row per project × criterion, streamed, split at Excel's limit."""
    heading = _run_heading(run, lang, text("sheet_detail", lang))
    total = sum(len(p.indicators) for s in run.schemes for p in run.projects_of(s))
    for start in range(0, max(total, 1), MAX_SHEET_ROWS):
        count = min(MAX_SHEET_ROWS, total - start)
        ws = book.sheet(text("sheet_detail", lang))
        fast = FastRows()
        # each sheet's rows from a generator of its own: the first row is written now, the
        # others when the workbook is saved, sheet after sheet
        rows = itertools.islice(detail_rows(run, lang), start, start + count)
        write_table_sheet(ws, detail_columns(lang), rows, heading, lang, generated, fast=fast, count=count,
                          font=named_font(lang, size=DETAIL_FONT_SIZE))
        ws.freeze_panes = "F2"  # header, and scheme/rank/id/name/code while scrolling right
        fit_readable(ws, len(detail_columns(lang)), DETAIL_FONT_SIZE, repeat_columns="A:D")
        if count > 0:
            _status_highlights(ws, get_column_letter(DETAIL_STATUS_COLUMN), count + 1, lang)
        book.fast.append(fast)


def _save(book: _Book, out: Path) -> Path:
    """Save via a temporary file in the same folder, then replace ``out`` in one step."""
    with replacing(out) as temporary:
        buffer = BytesIO()  # inside: a full temporary folder stopping openpyxl names ``out`` too
        save_workbook(book.workbook, buffer)
        with temporary.open("wb") as stream:
            FastRows.finish(book.fast, buffer.getvalue(), stream)
    return out


# --------------------------------------------------------------------------- fast rows



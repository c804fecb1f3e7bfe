"""Writing submission forms for a scheme: blank ones for pilots to fill in, filled ones for demos.

A form has two sheets, laid out the way :mod:`scoring.io.submission` reads them:

``Project``
    key/value rows (project_id, name, level, …) with a label and a hint beside each.
``Data``
    two or three title rows, then the header ``code, indicator, unit, baseline, current,
    evidence, guidance`` and one row per criterion. Cells that must stay empty are grey; yes/no
    and choice cells have drop-down lists; numeric cells accept numbers only (and ``n/a`` where
    the criterion allows it).

Blank and filled forms go through the same layout code, so the demo data always looks exactly
like what a pilot receives.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from scoring.core.model import BOUNDED_TYPES, Criterion, Scheme
from scoring.core.presentation import (
    FORM_ENTRY_HINTS,
    FORM_KIND_TAGS,
    FORM_PROJECT_HINTS,
    PROJECT_FIELD_ZH,
    basis_label,
    choice_labels,
    guidance_label,
)
from scoring.io.xlsx_write import save_reproducibly

LANGS = ("bilingual", "en", "zh")
NA_TOKEN = "n/a"
YES_NO_ENTRIES = ("yes", "no", "是", "否")

#: Project keys in sheet order: (key, Chinese label, English hint, Chinese hint), from the catalogue.
PROJECT_FIELDS = tuple(
    (key, label_zh, FORM_PROJECT_HINTS[key][1], FORM_PROJECT_HINTS[key][0])
    for key, label_zh in PROJECT_FIELD_ZH.items()
)
PROJECT_KEYS = tuple(key for key, *_ in PROJECT_FIELDS)
PREFILLED_KEYS = ("level", "template", "template_version")

#: Data sheet columns in order, with widths in characters; the reader finds them by name.
DATA_COLUMNS = {
    "code": 8,
    "indicator": 46,
    "unit": 13,
    "baseline": 13,
    "current": 13,
    "evidence": 34,
    "guidance": 64,
}
#: 1-based row of the Data header; the title rows above it explain how to fill the form.
DATA_HEADER_ROW = 4

# Excel's built-in "General" shows 12.5 as 12.5 and 100 as 100; a pattern such as "0.####"
# would print a trailing point ("100."). Neither dates nor percentages are involved.
NUMBER_FORMAT = "General"
TEXT_FORMAT = "@"

GREY = PatternFill("solid", fgColor="D9D9D9")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
PREFILLED_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(vertical="top", wrap_text=True)

Values = Mapping[str, tuple[object, object, object]]


def write_blank_form(scheme: Scheme, out_path: str | Path, lang: str = "bilingual") -> Path:
    """Write an empty submission form for a scheme.

    Parameters
    ----------
    scheme : Scheme
        The scheme the form is for; level, template name and version are prefilled so the
        submission matches this scheme when it comes back.
    out_path : str or Path
        Where to write the ``.xlsx``; its folder must exist.
    lang : {"bilingual", "en", "zh"}
        Language of the labels, titles and hints. Header cells are always English keys so
        any reader finds them.

    Returns
    -------
    Path
        ``out_path``.
    """
    return write_filled_form(scheme, out_path, project={}, values={}, lang=lang)


def write_filled_form(
    scheme: Scheme,
    out_path: str | Path,
    project: Mapping[str, object],
    values: Values,
    lang: str = "bilingual",
) -> Path:
    """Write a submission form with project fields and indicator values filled in.

    Parameters
    ----------
    scheme : Scheme
    out_path : str or Path
    project : mapping
        Project fields by key (see :data:`PROJECT_KEYS`); given ``level``, ``template`` or
        ``template_version`` replace the scheme's prefilled ones (a test can thus write a
        form that names an unknown template). None or missing keys leave the cell blank.
    values : mapping
        ``code → (current, baseline, evidence)``; None leaves a cell blank. Values are written
        as given, so a deliberately wrong entry (text in a numeric cell) stays wrong.
    lang : {"bilingual", "en", "zh"}

    Returns
    -------
    Path
        ``out_path``.

    Raises
    ------
    ValueError
        For an unknown language, project key or criterion code.
    """
    workbook = build_form_workbook(scheme, project, values, lang)
    return save_reproducibly(workbook, out_path)


def build_form_workbook(
    scheme: Scheme,
    project: Mapping[str, object] | None = None,
    values: Values | None = None,
    lang: str = "bilingual",
) -> Workbook:
    """The form as an openpyxl workbook, not yet saved (see :func:`write_filled_form`)."""
    project, values = dict(project or {}), dict(values or {})
    _check_arguments(scheme, project, values, lang)
    workbook = Workbook()
    _write_project_sheet(workbook.worksheets[0], {**project_defaults(scheme), **project}, lang)
    _write_data_sheet(workbook.create_sheet("Data"), scheme, values, lang)
    return workbook


def project_defaults(scheme: Scheme) -> dict[str, str]:
    """The project fields a form for ``scheme`` comes with: level, template and version."""
    return {"level": scheme.level, "template": scheme.name, "template_version": scheme.version}


def _check_arguments(scheme: Scheme, project: dict, values: dict, lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    unknown_keys = set(project) - set(PROJECT_KEYS)
    if unknown_keys:
        raise ValueError(
            f"unknown project keys {sorted(unknown_keys)}; use {', '.join(PROJECT_KEYS)}"
        )
    unknown_codes = set(values) - set(scheme.codes)
    if unknown_codes:
        raise ValueError(f"codes not in the scheme {scheme.name!r}: {sorted(unknown_codes)}")


def _pick(lang: str, english: str, chinese: str, joiner: str = " ") -> str:
    """Text in the form's language; bilingual puts English first, then Chinese."""
    if lang == "en" or not chinese:
        return english
    if lang == "zh":
        return chinese
    return f"{english}{joiner}{chinese}" if english else chinese


# --- Project sheet ----------------------------------------------------------------------------


def _write_project_sheet(sheet: Worksheet, fields: dict, lang: str) -> None:
    sheet.title = "Project"
    label_header = "中文" if lang != "en" else "label"
    sheet.append(["key", "value", label_header, _pick(lang, "note", "说明", " / ")])
    for key, label_zh, hint_en, hint_zh in PROJECT_FIELDS:
        label = label_zh if lang != "en" else key.replace("_", " ")
        value = fields.get(key)
        sheet.append(
            [key, None if value is None else str(value), label, _pick(lang, hint_en, hint_zh)]
        )
        row = sheet.max_row
        sheet.cell(row, 2).number_format = TEXT_FORMAT  # IDs such as 0012 keep their zeros
        sheet.cell(row, 2).border = BOX
        if key in PREFILLED_KEYS:
            sheet.cell(row, 2).fill = PREFILLED_FILL
    _style_header(sheet, 1, {"key": 18, "value": 44, "label": 12, "note": 56})
    _set_print_layout(sheet, header_row=1)


# --- Data sheet -------------------------------------------------------------------------------


def _write_data_sheet(sheet: Worksheet, scheme: Scheme, values: dict, lang: str) -> None:
    _write_title_rows(sheet, scheme, lang)
    for col, name in enumerate(DATA_COLUMNS, start=1):
        sheet.cell(DATA_HEADER_ROW, col, name)
    _style_header(sheet, DATA_HEADER_ROW, DATA_COLUMNS)
    for offset, criterion in enumerate(scheme.criteria, start=1):
        row = DATA_HEADER_ROW + offset
        _write_criterion_row(sheet, row, criterion, values.get(criterion.code), lang)
    _set_print_layout(sheet, header_row=DATA_HEADER_ROW)


def _write_title_rows(sheet: Worksheet, scheme: Scheme, lang: str) -> None:
    title = f"{scheme.name} — {_pick(lang, 'submission form', '申报表')} ({scheme.version})"
    instructions = {
        "bilingual": [_INSTRUCTIONS_EN, _INSTRUCTIONS_ZH],
        "en": [_INSTRUCTIONS_EN],
        "zh": [_INSTRUCTIONS_ZH],
    }[lang]
    last_col = get_column_letter(len(DATA_COLUMNS))
    total_width = sum(DATA_COLUMNS.values())
    for row, text in enumerate([title, *instructions], start=1):
        cell = sheet.cell(row, 1, text)
        cell.alignment = WRAP_TOP
        sheet.merge_cells(f"A{row}:{last_col}{row}")
        sheet.row_dimensions[row].height = 15 * estimated_lines(text, total_width) + 3
    sheet.cell(1, 1).font = Font(bold=True, size=13)
    sheet.row_dimensions[1].height = 22


_INSTRUCTIONS_EN = (
    "Fill in the 'current' column, and 'baseline' for indicators measured as a change "
    "(baseline-year value). Grey cells stay empty. Yes/no and choice cells have drop-down "
    "lists; type n/a only where the guidance offers it. Name the supporting document of each "
    "value under 'evidence'. Do not change the code column."
)
_INSTRUCTIONS_ZH = (
    "请填写“current 现状值”列；变化类指标还需填写“baseline 基准值”（基准年数值）。"
    "灰色单元格无需填写。是/否和选项类指标请从下拉列表中选择；仅在说明允许时填写 n/a。"
    "请在“evidence 佐证材料”列注明每项数据的佐证材料。请勿修改 code 编号列。"
)


def _write_criterion_row(
    sheet: Worksheet, row: int, criterion: Criterion, given: tuple | None, lang: str
) -> None:
    current, baseline, evidence = given if given is not None else (None, None, None)
    cells = {
        "code": criterion.code,
        "indicator": _pick(lang, criterion.indicator, criterion.indicator_zh, " / "),
        "unit": criterion.unit or None,
        "baseline": baseline,
        "current": current,
        "evidence": evidence,
        "guidance": guidance_text(criterion, lang),
    }
    for col, value in enumerate(cells.values(), start=1):
        cell = sheet.cell(row, col, value)
        cell.alignment = WRAP_TOP
        cell.border = BOX
    _format_input_cells(sheet, row, criterion)
    longest = max(
        estimated_lines(str(cells[name] or ""), DATA_COLUMNS[name])
        for name in ("indicator", "guidance")
    )
    sheet.row_dimensions[row].height = 15 * longest + 3


def _column(name: str) -> int:
    return list(DATA_COLUMNS).index(name) + 1


def _format_input_cells(sheet: Worksheet, row: int, criterion: Criterion) -> None:
    """Number formats, grey fills and drop-downs for the cells a pilot types into."""
    baseline = sheet.cell(row, _column("baseline"))
    current = sheet.cell(row, _column("current"))
    sheet.cell(row, _column("evidence")).number_format = TEXT_FORMAT
    if criterion.needs_baseline:
        baseline.number_format = NUMBER_FORMAT
        _add_validation(sheet, baseline, _numeric_rule(baseline.coordinate, allow_na=False))
    else:
        baseline.fill = GREY
    if criterion.type == "manual":
        current.fill = GREY
        return
    if criterion.type in BOUNDED_TYPES:
        current.number_format = NUMBER_FORMAT
        _add_validation(sheet, current, _numeric_rule(current.coordinate, criterion.allow_na))
        return
    # Text format keeps "I", "是" or "n/a" exactly as typed.
    current.number_format = TEXT_FORMAT
    entries = accepted_entries(criterion)
    if entries is not None:
        _add_validation(sheet, current, _list_rule(entries))


def accepted_entries(criterion: Criterion) -> list[str] | None:
    """The drop-down entries of a yes/no or choice criterion, None for other types.

    ``n/a`` is offered only when the criterion allows it. None is also returned for choices
    that an Excel list cannot hold (a label with a comma or quote, or over 255 characters in
    all); the guidance column still lists them.
    """
    if criterion.type == "yesno":
        entries = list(YES_NO_ENTRIES)
    elif criterion.type == "choice":
        entries = [label for label, _ in criterion.choices]
    else:
        return None
    if criterion.allow_na:
        entries.append(NA_TOKEN)
    if any("," in e or '"' in e for e in entries) or len(",".join(entries)) > 255:
        return None
    return entries


def _list_rule(entries: list[str]) -> DataValidation:
    rule = DataValidation(type="list", formula1='"' + ",".join(entries) + '"', allow_blank=True)
    rule.error = "Choose an entry from the list. 请从下拉列表中选择。"
    return rule


def _numeric_rule(coordinate: str, allow_na: bool) -> DataValidation:
    formula = f"ISNUMBER({coordinate})"
    if allow_na:
        # Excel compares text case-insensitively, so N/A is accepted too, as the reader does.
        formula = f'OR({formula},{coordinate}="{NA_TOKEN}")'
    rule = DataValidation(type="custom", formula1=formula, allow_blank=True)
    extra = " or n/a" if allow_na else ""
    extra_zh = "或 n/a" if allow_na else ""
    rule.error = (
        f"Enter a number{extra}, without units or words. 请填写数值{extra_zh}，不要带单位或文字。"
    )
    return rule


def _add_validation(sheet: Worksheet, cell, rule: DataValidation) -> None:
    rule.showErrorMessage = True
    rule.errorTitle = "SynergyPilot"
    sheet.add_data_validation(rule)
    rule.add(cell)




_BASIS_LABEL = {"bilingual": "Basis 依据: ", "en": "Basis: ", "zh": "依据："}


def _basis(criterion: Criterion, lang: str) -> str:
    """The basis of the bounds in the form's language; a bilingual form gives both."""
    if lang == "bilingual":
        return " ".join(text for text in (criterion.basis, criterion.basis_zh) if text)
    return basis_label(criterion, lang)


def guidance_text(criterion: Criterion, lang: str = "bilingual") -> str:
    """What the guidance column says for a criterion: its role, what to enter, the template's
    guidance and the basis of its bounds.

    Parameters
    ----------
    criterion : Criterion
    lang : {"bilingual", "en", "zh"}
        Language of the generated part; the template's own guidance and basis are shown as
        written.
    """
    parts: list[str] = []
    if criterion.veto:
        parts.append("[" + _pick(lang, "Must pass", "一票否决") + "]")
    if criterion.kind in FORM_KIND_TAGS:
        chinese, english = FORM_KIND_TAGS[criterion.kind]
        parts.append("[" + _pick(lang, english, chinese).format(w=criterion.weight) + "]")
    chinese, english = FORM_ENTRY_HINTS[criterion.type]
    parts.append(_pick(lang, english.format(choices=", ".join(choice_labels(criterion, "en"))),
                       chinese.format(choices="、".join(choice_labels(criterion, "zh")))))
    if criterion.allow_na:
        parts.append(_pick(lang, "Enter n/a if not applicable.", "不适用时填 n/a。"))
    lines = [" ".join(parts)]
    # The template's own texts go on lines of their own so the generated hint stays scannable;
    # the basis tells the pilot which target the bounds come from (templates may have none).
    guidance = (" ".join(t for t in (criterion.guidance, criterion.guidance_zh) if t) if lang == "bilingual"
                else guidance_label(criterion, lang))
    if guidance:
        lines.append(guidance)
    basis = _basis(criterion, lang)
    if basis:
        lines.append(_BASIS_LABEL[lang] + basis)
    return "\n".join(lines)


# --- Shared styling ---------------------------------------------------------------------------


def _style_header(sheet: Worksheet, header_row: int, widths: Mapping[str, float]) -> None:
    for col, width in enumerate(widths.values(), start=1):
        cell = sheet.cell(header_row, col)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BOX
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"


def _set_print_layout(sheet: Worksheet, header_row: int) -> None:
    """A4 landscape, one page wide, header repeated on every printed page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{header_row}:{header_row}"


def estimated_lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs at ``width`` characters; CJK characters count double.

    Excel does not grow rows for wrapped text written by openpyxl, so heights are set from
    this estimate to keep long guidance readable.
    """
    lines = 0
    for paragraph in str(text).split("\n"):
        cells = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in paragraph)
        # A column of width w holds about 1.1·w narrow characters of the default font.
        lines += max(1, math.ceil(cells / max(1.1 * width - 1, 1)))
    return lines

"""Building the shipped template workbooks from their readable TOML sources.

The four default schemes live in ``templates/source/*.toml`` because TOML is easy to review in a
diff; the ``.xlsx`` files next to them are what users open, edit and load. Run
``python -m scoring.build.templates`` after changing a source; a test fails when a shipped
workbook no longer matches its source.

The output is byte-stable: the document dates and the zip entry times are fixed, so rebuilding
an unchanged source leaves ``git status`` clean.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scoring.io.xlsx_write import save_reproducibly
from scoring.resources import TEMPLATE_SOURCES_DIR, TEMPLATES_DIR
from scoring.core.model import Scheme
from scoring.core.presentation import Said, counted, said, scheme_label
from scoring.core.textclean import clean_text
from scoring.analysis.weights import WeightsError, changed_codes, with_weights

SOURCES_DIR = TEMPLATE_SOURCES_DIR

SCHEME_KEYS = ("name", "name_zh", "level", "version", "total_points", "missing", "synergy_alpha")
OPTIONAL_SCHEME_KEYS = ("name_zh",)
SCHEME_DEFAULTS = {"total_points": 100, "missing": "zero", "synergy_alpha": 0.5}
#: Scheme keys written after those, only when a scheme has them: its target years, and for a
#: version derived from another one the version it is based on, why it was made and which
#: weights changed.
EXTRA_SCHEME_KEYS = ("baseline_year", "target_year", "based_on", "change_reason", "weights_changed")

#: Criteria columns in sheet order, with their widths in characters.
CRITERIA_COLUMNS = {
    "code": 8,
    "dimension": 24,
    "indicator": 48,
    "unit": 13,
    "effect": 10,
    "type": 9,
    "direction": 10,
    "weight": 8,
    "worst": 8,
    "best": 8,
    "choices": 36,
    "required": 9,
    "allow_na": 9,
    "veto": 6,
    "kind": 8,
    "guidance": 70,
    "basis": 70,
    "basis_zh": 50,
    "guidance_zh": 50,
    "choices_zh": 24,
    "indicator_zh": 36,
    "dimension_zh": 14,
}
#: Written only when a criterion of the scheme is pro-rated (docs/method.md, "Pro-rated targets").
PRORATE_COLUMN = {"prorate": 9}
FLAG_COLUMNS = ("required", "allow_na", "veto", "prorate")
GRADE_COLUMNS = {"grade": 14, "min_points": 12}


class SourceError(ValueError):
    """A template source that cannot be turned into a workbook (unknown key, wrong shape, not
    TOML); ``said`` says which and where in English and Chinese, ``str()`` in English."""

    def __init__(self, message: Said) -> None:
        self.said = message
        super().__init__(message.en)


def build_template(source_toml_path: str | Path, out_xlsx_path: str | Path) -> Path:
    """Write the template workbook described by a TOML source.

    The builder only lays the source out as sheets; it does not judge the scheme (weights,
    bounds, choices): :func:`scoring.io.template.load_template` does that on the result, so one
    set of rules applies to shipped and hand-made templates alike.

    Parameters
    ----------
    source_toml_path : str or Path
        A TOML file with a ``[scheme]`` table, ``[[criteria]]`` entries and optional
        ``[[grades]]`` entries (see ``templates/source/city.toml``).
    out_xlsx_path : str or Path
        Where to write the workbook; its folder must exist.

    Returns
    -------
    Path
        ``out_xlsx_path``.

    Raises
    ------
    SourceError
        When the source has unknown keys or misses a section; a typo in a key would otherwise
        silently drop a setting.
    """
    source_toml_path, out_xlsx_path = Path(source_toml_path), Path(out_xlsx_path)
    with source_toml_path.open("rb") as handle:
        try:
            source = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:  # its words name the line and column
            raise SourceError(said("tb_not_toml", name=source_toml_path.name, detail=exc)) from None
    scheme, criteria, grades = _checked_sections(source, source_toml_path.name)
    return write_template(scheme, criteria, grades, out_xlsx_path)


def write_template(scheme: dict, criteria: list[dict], grades: list[dict], out_xlsx_path: str | Path) -> Path:
    """Lay out a template's sections as its three sheets and save the workbook atomically.

    Parameters
    ----------
    scheme : dict
        The Scheme sheet's keys (:data:`SCHEME_KEYS`, and any of :data:`EXTRA_SCHEME_KEYS`).
    criteria : list of dict
        One per criterion, keyed by the Criteria sheet's columns.
    grades : list of dict
        ``grade`` and ``min_points`` per band; no Grades sheet when empty.
    out_xlsx_path : str or Path

    Returns
    -------
    Path
    """
    workbook = Workbook()
    _write_scheme_sheet(workbook.worksheets[0], scheme)  # a new workbook's one sheet
    _write_criteria_sheet(workbook.create_sheet("Criteria"), criteria)
    if grades:
        _write_grades_sheet(workbook.create_sheet("Grades"), grades)
    save_reproducibly(workbook, out_xlsx_path)
    return Path(out_xlsx_path)


def scheme_sections(scheme: Scheme) -> tuple[dict, list[dict], list[dict]]:
    """A loaded scheme as the sections :func:`write_template` lays out, so that loading the
    written workbook gives the same scheme back (its source and content hash aside)."""
    settings = {key: getattr(scheme, key) for key in SCHEME_KEYS}
    settings.update({key: getattr(scheme, key) for key in ("baseline_year", "target_year")
                     if getattr(scheme, key) is not None})
    criteria = []
    for c in scheme.criteria:
        entry = {column: getattr(c, column) for column in CRITERIA_COLUMNS if column != "choices"}
        entry["choices"] = list(c.choices)
        if c.prorate:
            entry["prorate"] = True
        criteria.append({key: value for key, value in entry.items() if value is not None})
    grades = [{"grade": g.name, "min_points": g.min_points} for g in scheme.grades]
    return settings, criteria, grades


def write_scheme_version(scheme: Scheme, weights: Sequence[float] | np.ndarray, version: str, reason: str,
                         out_xlsx_path: str | Path) -> Path:
    """Write the scheme with new weights as a new version of its template, with the reason.

    Weights moved in the Weights tab (scoring/analysis/weights.py) are never written into the template
    they came from: this writes a separate workbook, the same scheme but for the weights and the
    version, whose Scheme sheet also records ``based_on`` (the version it came from),
    ``change_reason`` and ``weights_changed`` ("C03 8 → 12; …").

    Raises
    ------
    WeightsError
        No new version, the same version, no reason, weights the rules refuse, or score weights
        adding up to 0 (a template that would be refused).
    """
    version, reason = clean_text(version, keep_newlines=False).strip(), clean_text(reason).strip()
    if not version or version == scheme.version:
        raise WeightsError.of("same_version", version=scheme.version)
    if not reason:
        raise WeightsError.of("no_reason")
    changed = with_weights(scheme, weights, version)
    if sum(c.weight for c in changed.criteria if c.kind == "score") <= 0:
        raise WeightsError.of("zero_score")
    settings, criteria, grades = scheme_sections(changed)
    moved = set(changed_codes(scheme, weights))
    moves = [f"{c.code} {c.weight:g} → {n.weight:g}"
             for c, n in zip(scheme.criteria, changed.criteria, strict=True) if c.code in moved]
    settings.update(based_on=scheme.version, change_reason=reason, weights_changed="; ".join(moves))
    return write_template(settings, criteria, grades, out_xlsx_path)


def _checked_sections(source: dict, name: str) -> tuple[dict, list[dict], list[dict]]:
    unknown_sections = set(source) - {"scheme", "criteria", "grades"}
    if unknown_sections:
        raise SourceError(said("tb_unknown_sections", name=name, sections=sorted(unknown_sections)))
    if "scheme" not in source or "criteria" not in source:
        raise SourceError(said("tb_needs_sections", name=name))
    scheme, criteria, grades = source["scheme"], source["criteria"], source.get("grades", [])
    _reject_unknown_keys(scheme, SCHEME_KEYS, said("tb_in_scheme", name=name))
    for index, criterion in enumerate(criteria, start=1):
        _reject_unknown_keys(criterion, CRITERIA_COLUMNS, said("tb_in_criterion", name=name, index=index))
    for index, grade in enumerate(grades, start=1):
        _reject_unknown_keys(grade, GRADE_COLUMNS, said("tb_in_grade", name=name, index=index))
    return scheme, criteria, grades


def _reject_unknown_keys(entry: dict, allowed: Iterable[str], where: Said) -> None:
    unknown = set(entry) - set(allowed)
    if unknown:
        raise SourceError(said("tb_unknown_keys", where=where, keys=sorted(unknown)))


def _write_scheme_sheet(sheet: Worksheet, scheme: dict) -> None:
    sheet.title = "Scheme"
    sheet.append(["key", "value"])
    for key in SCHEME_KEYS:
        # Every setting is written out, defaults included, so the policy is visible in Excel;
        # an optional name (name_zh) only when the source gives it.
        value = scheme.get(key, SCHEME_DEFAULTS.get(key))
        if value is not None or key not in OPTIONAL_SCHEME_KEYS:
            sheet.append([key, value])
    for key in EXTRA_SCHEME_KEYS:
        if key in scheme:
            sheet.append([key, scheme[key]])
    style_header_and_widths(sheet, {"key": 16, "value": 50})


def _write_criteria_sheet(sheet: Worksheet, criteria: list[dict]) -> None:
    columns = dict(CRITERIA_COLUMNS)
    if any(criterion.get("prorate") for criterion in criteria):
        columns.update(PRORATE_COLUMN)
    sheet.append(list(columns))
    for criterion in criteria:
        sheet.append([_criterion_cell(criterion, column) for column in columns])
    style_header_and_widths(sheet, columns)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)


def _criterion_cell(criterion: dict, column: str) -> object:
    """The cell value of one criterion column, with the source's defaults made explicit."""
    kind = criterion.get("kind", "score")
    if column == "choices":
        return format_choices(criterion.get("choices", {})) or None
    if column == "choices_zh":
        return "; ".join(criterion.get("choices_zh", [])) or None
    if column in FLAG_COLUMNS:
        # Bonus and penalty items are optional by nature; score items are required by default.
        default = kind == "score" if column == "required" else False
        return "yes" if criterion.get(column, default) else "no"
    if column == "kind":
        return kind
    if column == "effect":
        return criterion.get("effect", "none")
    value = criterion.get(column)
    texts = ("unit", "guidance", "basis", "basis_zh", "guidance_zh")
    return "" if value is None and column in texts else value


def format_choices(choices: dict[str, float] | list) -> str:
    """Choices as the template cell text ``"I=1; II=0.6; III=0.3"``.

    Parameters
    ----------
    choices : dict or list of (label, fraction)
        In the source order.
    """
    pairs = choices.items() if isinstance(choices, dict) else choices
    return "; ".join(f"{label}={_shortest(fraction)}" for label, fraction in pairs)


def _shortest(number: float) -> str:
    """The number as briefly as it reads back exactly: 0.6, 1, 0.3333333333333333."""
    brief = f"{number:g}"
    return brief if float(brief) == number else repr(float(number))


def _write_grades_sheet(sheet: Worksheet, grades: list[dict]) -> None:
    sheet.append(list(GRADE_COLUMNS))
    for grade in grades:
        sheet.append([grade["grade"], grade["min_points"]])
    style_header_and_widths(sheet, GRADE_COLUMNS)


def style_header_and_widths(
    sheet: Worksheet, widths: Mapping[str, float], header_row: int = 1
) -> None:
    """Bold, frozen header row and column widths in characters, in column order.

    Parameters
    ----------
    sheet : Worksheet
    widths : mapping
        Header text → width; only the order and the widths are used.
    header_row : int
        1-based row of the header; rows up to it stay visible when scrolling.
    """
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths.values(), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1).coordinate


def shipped_sources() -> list[Path]:
    """The TOML sources of the shipped templates, sorted by name."""
    return sorted(SOURCES_DIR.glob("*.toml"))


def main(argv: list[str] | None = None) -> int:
    """Rebuild ``templates/<name>.xlsx`` from every ``templates/source/<name>.toml``.

    Each rebuilt workbook is then loaded with the real template reader, so a source that
    breaks a rule is reported here rather than by the first user who loads it. A shipped
    scheme must also draw no warning on the balance of its synergy sides (docs/method.md,
    "Synergy"): a user's own scheme may, the defaults may not. Every line is printed in English
    and then in Chinese, as the command line prints (scoring/cli/common.py), or only in the
    language of ``--lang``.

    Returns
    -------
    int
        0 when every template was built and loads cleanly without warnings, 1 otherwise (2 for
        a wrong option).
    """
    from scoring.io.template import TemplateError, load_template, synergy_balance_warnings

    parser = argparse.ArgumentParser(prog="python -m scoring.build.templates", allow_abbrev=False,
                                     formatter_class=argparse.RawTextHelpFormatter,
                                     description="\n".join(said("tb_description").lines(None)))
    parser.add_argument("--lang", choices=("zh", "en"), default=None,
                        help="\n".join(said("cli_h_lang").lines(None)))
    lang = parser.parse_args(argv).lang
    status = 0
    for source in shipped_sources():
        target = TEMPLATES_DIR / f"{source.stem}.xlsx"
        try:
            build_template(source, target)
            scheme = load_template(target)
        except (SourceError, TemplateError) as exc:
            _print(exc.said, lang, sys.stderr)
            status = 1
            continue
        for warning in synergy_balance_warnings(scheme):
            _print(said("tb_warning", file=target.name, message=Said(warning.message, warning.text("zh"))),
                   lang, sys.stderr)
            status = 1
        name = Said(scheme_label(scheme, "en"), scheme_label(scheme, "zh"))
        _print(said("tb_built", path=target.relative_to(TEMPLATES_DIR.parent), scheme=name,
                    version=scheme.version, criteria=counted(len(scheme.criteria), "criterion")), lang)
    return status


def _print(message: Said, lang: str | None, stream=None) -> None:
    print("\n".join(message.lines(lang)), file=stream if stream is not None else sys.stdout)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

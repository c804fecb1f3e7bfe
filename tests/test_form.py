"""Submission forms: layout read back with openpyxl, and a round trip through the real reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.styles.numbers import is_date_format

from scoring.core.model import LEVELS, Criterion, Submission
from scoring.io.form import (
    DATA_COLUMNS,
    PROJECT_KEYS,
    accepted_entries,
    guidance_text,
    write_blank_form,
    write_filled_form,
)
from scoring.io.submission import read_submission_file
from scoring.io.template import load_template

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
HEADERS = ["code", "indicator", "unit", "baseline", "current", "evidence"]
GREY = "00D9D9D9"


@pytest.fixture(scope="module", params=LEVELS)
def scheme(request):
    return load_template(TEMPLATES / f"{request.param}.xlsx")


def data_header_row(sheet) -> int:
    for row in range(1, 11):
        if sheet.cell(row, 1).value == "code":
            return row
    raise AssertionError("no header row with 'code' in the first 10 rows")


def criterion_rows(sheet) -> dict[str, int]:
    header = data_header_row(sheet)
    return {
        sheet.cell(r, 1).value: r
        for r in range(header + 1, sheet.max_row + 1)
        if sheet.cell(r, 1).value
    }


def validations_by_cell(sheet) -> dict[str, object]:
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            found[cell_range.coord] = validation
    return found


def test_blank_form_project_sheet(scheme, tmp_path):
    path = write_blank_form(scheme, tmp_path / "form.xlsx")
    sheet = load_workbook(path)["Project"]
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    assert list(rows) == list(PROJECT_KEYS)
    value = {key: sheet.cell(r, 2).value for key, r in rows.items()}
    assert value["level"] == scheme.level
    assert value["template"] == scheme.name
    assert value["template_version"] == scheme.version
    assert value["project_id"] is None and value["name"] is None
    assert sheet.cell(rows["project_id"], 3).value == "项目编号"
    assert sheet.cell(rows["contact"], 3).value == "联系人"


def test_blank_form_data_sheet_has_one_row_per_criterion(scheme, tmp_path):
    sheet = load_workbook(write_blank_form(scheme, tmp_path / "form.xlsx"))["Data"]
    header = data_header_row(sheet)
    headers = [sheet.cell(header, c).value for c in range(1, len(DATA_COLUMNS) + 1)]
    assert headers[:6] == HEADERS
    assert headers[6] == "guidance"
    assert list(criterion_rows(sheet)) == list(scheme.codes)
    assert sheet.freeze_panes == f"A{header + 1}"
    for criterion in scheme.criteria:
        row = criterion_rows(sheet)[criterion.code]
        indicator = sheet.cell(row, 2).value
        assert indicator == f"{criterion.indicator} / {criterion.indicator_zh}"


def test_yes_no_and_choice_cells_have_drop_downs(scheme, tmp_path):
    sheet = load_workbook(write_blank_form(scheme, tmp_path / "form.xlsx"))["Data"]
    rows, validations = criterion_rows(sheet), validations_by_cell(sheet)
    for criterion in scheme.criteria:
        if criterion.type not in ("yesno", "choice"):
            continue
        validation = validations[f"E{rows[criterion.code]}"]
        assert validation.type == "list"
        entries = validation.formula1.strip('"').split(",")
        if criterion.type == "yesno":
            assert entries[:4] == ["yes", "no", "是", "否"]
        else:
            assert entries[: len(criterion.choices)] == [label for label, _ in criterion.choices]
        assert ("n/a" in entries) == criterion.allow_na


def test_number_cells_are_neither_dates_nor_percentages(scheme, tmp_path):
    sheet = load_workbook(write_blank_form(scheme, tmp_path / "form.xlsx"))["Data"]
    rows, validations = criterion_rows(sheet), validations_by_cell(sheet)
    for criterion in scheme.criteria:
        row = rows[criterion.code]
        current, baseline = sheet.cell(row, 5), sheet.cell(row, 4)
        for cell in (current, baseline):
            assert not is_date_format(cell.number_format)
            assert "%" not in cell.number_format
        if criterion.type in ("value", "change"):
            assert current.number_format != "@"
            assert "ISNUMBER" in validations[current.coordinate].formula1
        if criterion.type in ("yesno", "choice"):
            assert current.number_format == "@"  # "是" and "I" stay text


def test_cells_that_stay_empty_are_grey(scheme, tmp_path):
    sheet = load_workbook(write_blank_form(scheme, tmp_path / "form.xlsx"))["Data"]
    rows = criterion_rows(sheet)
    for criterion in scheme.criteria:
        row = rows[criterion.code]
        baseline_grey = sheet.cell(row, 4).fill.fgColor.rgb == GREY
        current_grey = sheet.cell(row, 5).fill.fgColor.rgb == GREY
        assert baseline_grey == (criterion.type != "change")
        assert current_grey == (criterion.type == "manual")
        if criterion.type == "manual":
            assert "scored on site by the inspector" in sheet.cell(row, 7).value.casefold()


def test_print_setup_is_a4_landscape(scheme, tmp_path):
    workbook = load_workbook(write_blank_form(scheme, tmp_path / "form.xlsx"))
    for sheet in workbook:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4


def test_blank_form_is_refused_only_for_its_missing_project_id(scheme, tmp_path):
    [result] = read_submission_file(write_blank_form(scheme, tmp_path / "form.xlsx"))
    assert result.reason == "missing_project_id"


def test_filled_form_round_trips_through_the_reader(scheme, tmp_path):
    values = {}
    for criterion in scheme.criteria:
        if criterion.type == "value":
            values[criterion.code] = (12.5, None, "统计公报")
        elif criterion.type == "change":
            values[criterion.code] = (80.25, 100, "核查报告")
        elif criterion.type == "yesno":
            values[criterion.code] = ("是", None, None)
        elif criterion.type == "choice":
            values[criterion.code] = (criterion.choices[0][0], None, "文件")
    project = {"project_id": "0012", "name": "测试项目", "year": "2024", "region": "浙江省"}
    path = write_filled_form(scheme, tmp_path / "filled.xlsx", project, values)
    [submission] = read_submission_file(path)
    assert isinstance(submission, Submission)
    assert (submission.project_id, submission.name, submission.year) == ("0012", "测试项目", "2024")
    assert (submission.level, submission.template) == (scheme.level, scheme.name)
    assert submission.template_version == scheme.version
    for code, (current, baseline, evidence) in values.items():
        entry = submission.inputs[code]
        assert entry.current.value == current
        assert (entry.baseline.value if entry.baseline else None) == baseline
        assert entry.evidence == (evidence or "")
    manual = [c.code for c in scheme.criteria if c.type == "manual"]
    assert all(submission.inputs[code].current is None for code in manual)


def test_project_fields_override_the_prefilled_ones(tmp_path):
    scheme = load_template(TEMPLATES / "city.xlsx")
    path = write_filled_form(
        scheme, tmp_path / "f.xlsx", {"project_id": "X", "template": "Other"}, {}
    )
    [submission] = read_submission_file(path)
    assert submission.template == "Other"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_single_language_forms_keep_the_english_headers(lang, tmp_path):
    scheme = load_template(TEMPLATES / "enterprise.xlsx")
    sheet = load_workbook(write_blank_form(scheme, tmp_path / "f.xlsx", lang=lang))["Data"]
    header = data_header_row(sheet)
    assert [sheet.cell(header, c).value for c in range(1, 7)] == HEADERS
    first = scheme.criteria[0]
    expected = first.indicator if lang == "en" else first.indicator_zh
    assert sheet.cell(header + 1, 2).value == expected


def test_bad_arguments_are_refused(tmp_path):
    scheme = load_template(TEMPLATES / "city.xlsx")
    with pytest.raises(ValueError, match="lang"):
        write_blank_form(scheme, tmp_path / "f.xlsx", lang="fr")
    with pytest.raises(ValueError, match="NOPE"):
        write_filled_form(scheme, tmp_path / "f.xlsx", {}, {"NOPE": (1, None, None)})
    with pytest.raises(ValueError, match="colour"):
        write_filled_form(scheme, tmp_path / "f.xlsx", {"colour": "red"}, {})


def test_drop_down_entries_and_guidance_tags():
    audit = Criterion(
        "E", "D", "Audit", "choice", 1, choices=(("I", 1.0), ("II", 0.5)), allow_na=True
    )
    assert accepted_entries(audit) == ["I", "II", "n/a"]
    odd = Criterion("F", "D", "Odd", "choice", 1, choices=(("a, b", 1.0),))
    assert accepted_entries(odd) is None  # a comma cannot be listed; the guidance names it
    assert accepted_entries(Criterion("G", "D", "Number", "value", 1)) is None
    bonus = Criterion("B", "D", "Award", "yesno", 3, kind="bonus", guidance="Attach it.")
    assert guidance_text(bonus, "en") == "[Bonus item, +3 points] Choose yes or no.\nAttach it."
    veto = Criterion("V", "D", "Incident", "yesno", 0, veto=True)
    assert guidance_text(veto, "zh").startswith("[一票否决]")


def test_guidance_names_the_basis_of_the_bounds_in_each_language():
    cited = Criterion(
        "A", "D", "CO2", "value", 1,
        guidance="Statistics.", basis="Plan 2021: −18%.", basis_zh="方案：下降18%。",
    )
    assert guidance_text(cited, "en") == "Enter a number.\nStatistics.\nBasis: Plan 2021: −18%."
    assert guidance_text(cited, "zh") == "填写数值。\nStatistics.\n依据：方案：下降18%。"
    assert guidance_text(cited, "bilingual").endswith("\nBasis 依据: Plan 2021: −18%. 方案：下降18%。")
    english_only = Criterion("E", "D", "CO2", "value", 1, basis="Plan 2021.")
    assert guidance_text(english_only, "zh") == "填写数值。\n依据：Plan 2021."
    assert "Basis" not in guidance_text(Criterion("B", "D", "No basis", "value", 1), "en")


def test_blank_form_shows_every_criterion_basis(scheme, tmp_path):
    sheet = load_workbook(write_blank_form(scheme, tmp_path / "form.xlsx"))["Data"]
    rows = criterion_rows(sheet)
    for criterion in scheme.criteria:
        guidance = sheet.cell(rows[criterion.code], 7).value
        assert guidance.endswith(f"\nBasis 依据: {criterion.basis} {criterion.basis_zh}")

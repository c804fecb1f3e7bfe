"""A form's inputs kept as columns (SheetInputs): the same mapping as a dict of IndicatorInputs.

The reader sends each form as columns of raw values; every consumer still sees code →
IndicatorInput with the exact cell of each value. These tests pin that the two forms say the
same thing, by values written out by hand.
"""

from __future__ import annotations

import pickle

import pytest

from scoring.core.model import CellValue, IndicatorInput, SheetInputs, provenance, raw_cells
from scoring.io.submission import read_submission_file
from tests.builders import project, write_form


def three_rows() -> SheetInputs:
    # Rows 3, 4 and 6 of the sheet (0-based 2, 3, 5): row 5 held a blank code.
    return SheetInputs(
        ["C1", "C2", "C3"],
        [2, 3, 5],
        "f.xlsx:Data!",
        ("E", [12.5, "", "#N/A"], [None, None, "error_cell"]),
        ("D", [10.0, None, ""], None),
        ["report p.3", "", "x"],
    )


def test_rows_become_indicator_inputs_with_their_cells():
    inputs = three_rows()
    assert inputs["C1"] == IndicatorInput(
        CellValue(12.5, "f.xlsx:Data!E3"), CellValue(10.0, "f.xlsx:Data!D3"), "report p.3"
    )
    assert inputs["C2"] == IndicatorInput(None, None, "")  # blank cells are no cell
    assert inputs["C3"] == IndicatorInput(CellValue("#N/A", "f.xlsx:Data!E6", "error_cell"), None, "x")


def test_a_mapping_like_a_dict():
    inputs = three_rows()
    assert list(inputs) == ["C1", "C2", "C3"]
    assert len(inputs) == 3
    assert "C2" in inputs and "C4" not in inputs
    assert inputs.get("C4") is None
    with pytest.raises(KeyError):
        inputs["C4"]
    assert inputs == dict(inputs.items())


def test_provenance_is_the_same_for_columns_and_for_a_dict():
    # the cells written out by hand: C1's value in E3 and baseline in D3, C2 blank, C3's
    # flagged error cell in E6 without a baseline, C4 not in the form
    inputs = three_rows()
    expected = [("f.xlsx:Data!E3", "report p.3", "f.xlsx:Data!D3"), ("", "", ""), ("f.xlsx:Data!E6", "x", ""),
                ("", "", "")]
    codes = ["C1", "C2", "C3", "C4"]
    assert provenance(inputs, codes) == provenance(dict(inputs.items()), codes) == expected


def test_raw_cells_are_the_same_for_columns_and_for_a_dict():
    inputs = three_rows()
    as_dict = dict(inputs.items())
    expected = {"C1": (12.5, None, 10.0, None), "C2": (None, None, None, None),
                "C3": ("#N/A", "error_cell", None, None), "C4": None}
    codes = list(expected)
    assert raw_cells(inputs, codes) == raw_cells(as_dict, codes) == list(expected.values())
    assert raw_cells(inputs, ["C3", "C1"]) == [expected["C3"], expected["C1"]]


def test_without_a_baseline_column():
    inputs = SheetInputs(["A"], [1], "g.xlsx:Data!", ("C", [3], None), None, [""])
    assert inputs["A"] == IndicatorInput(CellValue(3, "g.xlsx:Data!C2"), None, "")
    assert raw_cells(inputs, ["A"]) == [(3, None, None, None)]


def test_crosses_a_pickle_unchanged():
    inputs = three_rows()
    again = pickle.loads(pickle.dumps(inputs))
    assert type(again) is SheetInputs
    assert dict(again.items()) == dict(inputs.items())


def fresh(text: str) -> str:
    """An equal string that is not the same object (as two forms' cells read apart)."""
    return "".join(list(text))


def test_forms_with_the_same_codes_share_them_and_equal_texts_are_kept_once():
    # issue 15: 20,000 forms of one template each held their own codes, lookup table and
    # evidence text; two forms read apart (as from two pickles) now hold one copy of each
    def form(value: float) -> SheetInputs:
        return SheetInputs([fresh("C1"), fresh("C2")], [4, 5], "f.xlsx:Data!",
                           ("E", [value, fresh("是")], None), None, [fresh("见附件3"), ""])

    first, second = form(1.5), pickle.loads(pickle.dumps(form(2.5)))
    assert first.codes is second.codes
    assert first.evidence[0] is second.evidence[0]
    assert first.current[1][1] is second.current[1][1]
    # and they still say what each form holds
    assert second["C1"] == IndicatorInput(CellValue(2.5, "f.xlsx:Data!E5"), None, "见附件3")
    assert raw_cells(first, ["C2", "C1", "C9"]) == [("是", None, None, None), (1.5, None, None, None), None]


def test_forms_with_other_codes_keep_their_own_positions():
    # more distinct code lists than are kept, then the first again: still looked up right
    many = [SheetInputs([f"K{k}", "A"], [1, 2], "g.xlsx:Data!", ("C", [k, 0.5], None), None, ["", ""])
            for k in range(200)]
    assert [inputs.raw(["A", f"K{k}"]) for k, inputs in enumerate(many)][0] == [
        (0.5, None, None, None), (0, None, None, None)]
    assert many[0]["K0"] == IndicatorInput(CellValue(0, "g.xlsx:Data!C2"), None, "")
    assert "K1" not in many[0]
    assert many[1].get("A") == IndicatorInput(CellValue(0.5, "g.xlsx:Data!C3"), None, "")


def test_a_read_form_keeps_each_value_at_its_cell(tmp_path):
    rows = [
        {"code": "C1", "current": 40.5, "baseline": 50, "evidence": "  监测报告 p.3 "},
        {"code": None, "current": 99},  # a row without a code is not a row of the form
        {"code": "C2", "current": "是"},
        {"code": "C1", "current": 7},  # a repeated code: the first row counts
        {"code": "C3", "current": None, "evidence": 12.0},
    ]
    form = write_form(tmp_path / "f.xlsx", project(), rows, title_rows=1)
    (submission,) = read_submission_file(form)
    # title row 1, header row 2: the rows above are sheet rows 3 to 7
    assert dict(submission.inputs.items()) == {
        "C1": IndicatorInput(
            CellValue(40.5, "f.xlsx:Data!E3"), CellValue(50, "f.xlsx:Data!D3"), "监测报告 p.3"
        ),
        "C2": IndicatorInput(CellValue("是", "f.xlsx:Data!E5"), None, ""),
        "C3": IndicatorInput(None, None, "12"),
    }
    assert [(i.kind, i.location) for i in submission.issues] == [("duplicate_code", "f.xlsx:Data!A6")]


def test_stored_cells_are_the_same_from_columns_as_from_entries():
    from scoring.core.model import Submission
    from scoring.workspace.cells import cells_from_stored, stored_cells

    note_on_a_blank = SheetInputs(["A"], [1], "g.xlsx:Data!", ("C", [""], ["percent"]), None, [""])
    for inputs in (three_rows(), note_on_a_blank):
        columns = stored_cells(Submission("P", "", "city", "f.xlsx", inputs=inputs))
        entries = stored_cells(Submission("P", "", "city", "f.xlsx", inputs=dict(inputs.items())))
        assert columns == entries
        assert cells_from_stored(columns[0]) == dict(inputs.items())
    # by hand: said (values, notes, evidence by code), then where (no reordering, the prefix
    # of every location, the cells after it)
    assert columns[0] == '[[["A"],[null],["percent"],[null],[null],[""]],[null,"g.xlsx:Data!",["C2"],[null]]]'


def test_a_batch_row_keeps_each_value_at_its_cell(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    sheet.title = "Batch"
    sheet.append(["project_id", "name", "level", "A", "B", "A:baseline", "C:baseline"])
    sheet.append(["P1", "One", "city", 0.125, "是", 10, 3])
    sheet.append([])  # a blank row is skipped
    sheet.append(["P2", "Two", "city", None, "否", None, None])
    sheet["D2"].number_format = "0.0%"
    wb.save(tmp_path / "b.xlsx")
    first, second = read_submission_file(tmp_path / "b.xlsx")
    assert isinstance(first.inputs, SheetInputs)
    assert dict(first.inputs.items()) == {
        "A": IndicatorInput(
            CellValue(0.125, "b.xlsx:Batch!D2", "percent"), CellValue(10, "b.xlsx:Batch!F2"), ""
        ),
        "B": IndicatorInput(CellValue("是", "b.xlsx:Batch!E2"), None, ""),
        "C": IndicatorInput(None, CellValue(3, "b.xlsx:Batch!G2"), ""),  # a baseline column only
    }
    assert dict(second.inputs.items()) == {
        "A": IndicatorInput(None, None, ""),
        "B": IndicatorInput(CellValue("否", "b.xlsx:Batch!E4"), None, ""),
        "C": IndicatorInput(None, None, ""),
    }

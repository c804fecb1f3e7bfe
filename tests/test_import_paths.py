"""The import's quick ways give what the plain way gives, cell for cell and score for score.

An import reads in worker processes, bounds a form's sheets with one search, scans only the
cell table of each sheet and only the cells that can carry a note (scoring/io/xlsx_cells.py).
The plain way reads in this process, measures every sheet to its last cell and walks every cell
of the whole part, counting positions in document order. For the demo forms of every level (the
flawed ones and the batch too), the variants other programs make of them, and the hostile
corpus's awkward but readable files (percentages, error cells, uncalculated formulas, a namespace
prefix, .xls, .ods), both must give the same submissions, notes, refusals and scores.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from scoring.io import safe_read, xlsx_cells
from scoring.io.importer import ImportOptions, read_files
from scoring.io.pipeline import expand_inputs, run
from scoring.io.safe_read import read_workbook
from tests.hostile.corpus import build_corpus, write_city_template
from tests.hostile.variants import backslash_paths, formatted_trailing_rows, relocated_workbook

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "templates").glob("*.xlsx"))


@pytest.fixture(scope="module")
def demo(demo_submissions, tmp_path_factory) -> list[Path]:
    """The demo's files with variants of some of its forms."""
    folder = demo_submissions.folder
    files = expand_inputs([folder])
    variants = tmp_path_factory.mktemp("variants")
    forms = sorted((folder / "city").glob("*.xlsx"))[:2]
    for make in (formatted_trailing_rows, backslash_paths, relocated_workbook):
        (variants / make.__name__).mkdir()
        files += [make(f, variants / make.__name__ / f.name) for f in forms]
    return files


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[list[Path], Path]:
    folder = tmp_path_factory.mktemp("hostile")
    expected = build_corpus(folder / "in")
    readable = [folder / "in" / name for name, reason in expected.items() if reason is None]
    return readable, write_city_template(folder / "city.xlsx")


def read_plainly(monkeypatch) -> None:
    """Read the plain way from now on: every sheet measured exactly and walked cell by cell,
    whole."""
    measure = xlsx_cells.measure_sheet

    def measured_fully(xml: bytes, quick: bool = True):
        shape = measure(xml, quick=False)
        return dataclasses.replace(shape, cells=shape.xml, referenced=False)

    monkeypatch.setattr(xlsx_cells, "measure_sheet", measured_fully)


def outcome(result) -> str:
    """Everything a run reports, as JSON: projects with their values, notes' issues, scores
    and ranks; refusals with reasons and messages."""
    return json.dumps(result.as_dict(), sort_keys=True, ensure_ascii=False, default=str)


def notes_of(files: list[Path]) -> list[list[tuple[str, dict]]]:
    found = []
    for path in files:
        try:
            book = read_workbook(path)
        except safe_read.SubmissionRejected as refused:
            found.append([("refused", {"reason": refused.reason})])
            continue
        found.append([(sheet.name, dict(sheet.notes)) for sheet in book.sheets])
    return found


def quick_and_plain(files: list[Path], templates: list[Path], monkeypatch) -> None:
    quick_run = outcome(run(templates, files, options=ImportOptions(workers=2)))
    quick_read = read_files(files, ImportOptions(workers=2))
    quick_notes = notes_of(files)
    read_plainly(monkeypatch)
    assert outcome(run(templates, files, options=ImportOptions(workers=0))) == quick_run
    assert read_files(files, ImportOptions(workers=0)) == quick_read
    assert notes_of(files) == quick_notes


def test_the_demo_forms_and_their_variants_read_and_score_alike_both_ways(demo, monkeypatch):
    assert len(demo) > 80
    quick_and_plain(demo, TEMPLATES, monkeypatch)


def test_awkward_readable_files_keep_their_notes_both_ways(hostile, monkeypatch):
    files, template = hostile
    notes = notes_of(files)
    kinds = {kind for book in notes for _sheet, sheet_notes in book for kind in sheet_notes.values()}
    assert {"percent", "error_cell", "formula_without_value"} <= kinds
    quick_and_plain(files, [template], monkeypatch)


def test_a_data_validation_formula_is_no_cell_formula(tmp_path):
    """A form's drop-down lists and number checks are formulas after the cell table; no cell
    gets a note from them, and a real formula without its value still does."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["code", "current"])
    sheet.append(["C1", 3])
    sheet.append(["C2", "=1+1"])
    check = DataValidation(type="custom", formula1="ISNUMBER(B2)")
    sheet.add_data_validation(check)
    check.add("B2:B3")
    path = tmp_path / "validated.xlsx"
    book.save(path)
    assert read_workbook(path).sheet("Data").notes == {(2, 1): "formula_without_value"}

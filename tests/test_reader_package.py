"""What the reader (python-calamine) is handed: only parts checked here, each inflated once,
and only the sheets a submission reads.

The package goes to the reader stored (uncompressed), made of the parts that were inflated and
checked (size, checksum, no DTD); parts that repeat from form to form are inflated once per
process, and a repeated part whose directory entry lies is still refused. An .xls or .ods,
which the reader loads whole when it opens it, reaches it with the other sheets empty.
"""

from __future__ import annotations

import io
import types
import zipfile
from pathlib import Path

import pytest
import python_calamine
from openpyxl import load_workbook

from scoring.io import safe_read
from scoring.io.safe_read import Limits, SubmissionRejected, read_workbook
from scoring.io.submission import SHEETS, read_submission_book
from tests.builders import project, write_form
from tests.hostile import ods, ole, zips


@pytest.fixture
def form(tmp_path) -> Path:
    """A form with a third sheet that no submission reads."""
    path = write_form(tmp_path / "form.xlsx", project("P1"), [dict(code="A", current=12.5, baseline=10)])
    book = load_workbook(path)
    book.create_sheet("Photos").append(["a sheet nobody reads"])
    book.save(path)
    return path


@pytest.fixture
def handed_to_reader(monkeypatch) -> list[bytes]:
    """Every package python-calamine is given, captured on its way in."""
    handed: list[bytes] = []

    class Recording:
        @staticmethod
        def from_filelike(filelike, *args, **kwargs):
            data = filelike.read()
            handed.append(data)
            return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data), *args, **kwargs)

    fake = types.SimpleNamespace(**{name: getattr(python_calamine, name) for name in dir(python_calamine)
                                    if not name.startswith("__")})
    fake.CalamineWorkbook = Recording
    monkeypatch.setattr(safe_read, "python_calamine", fake)
    return handed


def test_the_reader_gets_the_checked_parts_stored_and_nothing_else(form, handed_to_reader):
    book = read_workbook(form, sheets=SHEETS)
    [package] = handed_to_reader
    with zipfile.ZipFile(io.BytesIO(package)) as given, zipfile.ZipFile(form) as original:
        infos = given.infolist()
        assert {i.compress_type for i in infos} == {zipfile.ZIP_STORED}
        names = {i.filename for i in infos}
        sheets = {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"}
        # the Project and Data sheets, not the Photos sheet; no document properties
        assert names & sheets == {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}
        assert {"xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"} <= names
        assert not any(name.startswith("docProps/") for name in names)
        for name in names:
            assert given.read(name) == original.read(name), name
    # the Photos sheet is still listed, without its cells
    assert [s.name for s in book.sheets] == ["Project", "Data", "Photos"]
    assert book.sheet("Photos").rows == []
    [submission] = read_submission_book(book)
    assert (submission.project_id, submission.inputs["A"].current.value) == ("P1", 12.5)


def test_a_template_made_form_read_again_gives_the_same_values(form, tmp_path):
    """The second copy's workbook, relationship and style parts come from what the first
    inflated; its values and notes are the same."""
    first = read_workbook(form, sheets=SHEETS)
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(form.read_bytes())
    second = read_workbook(copy, sheets=SHEETS)
    def shown(book):
        return [(s.name, s.rows, s.notes) for s in book.sheets]

    assert shown(second) == shown(first)


def _styles_with(form: Path, target: Path, **changes) -> Path:
    """``form`` rebuilt with its styles part's directory entry changed (same compressed bytes)."""
    members = zips.members_of(form)
    for member in members:
        if member.name == "xl/styles.xml":
            for field, value in changes.items():
                setattr(member, field, value(member) if callable(value) else value)
    return zips.write_zip(target, members)


def test_a_part_read_before_is_refused_when_its_directory_understates_it(form, tmp_path):
    honest = zips.write_zip(tmp_path / "honest.xlsx", zips.members_of(form))
    read_workbook(honest, sheets=SHEETS)  # its styles part is now known
    lying = _styles_with(form, tmp_path / "lying.xlsx", declared_size=lambda m: m.size - 10)
    with pytest.raises(SubmissionRejected) as caught:
        read_workbook(lying, sheets=SHEETS)
    assert caught.value.reason == "too_large"
    assert "xl/styles.xml inflates to more than" in caught.value.message


def test_a_part_read_before_is_refused_when_its_checksum_is_wrong(form, tmp_path):
    read_workbook(zips.write_zip(tmp_path / "honest.xlsx", zips.members_of(form)), sheets=SHEETS)
    damaged = _styles_with(form, tmp_path / "damaged.xlsx", crc=lambda m: m.crc ^ 1)
    with pytest.raises(SubmissionRejected) as caught:
        read_workbook(damaged, sheets=SHEETS)
    assert caught.value.reason == "unreadable"
    assert "xl/styles.xml is incomplete or fails its checksum" in caught.value.message


def test_a_part_with_a_dtd_is_refused_after_a_clean_one(form, tmp_path):
    read_workbook(form, sheets=SHEETS)
    hostile = zips.rewrite(form, tmp_path / "hostile.xlsx", {
        "xl/styles.xml": lambda xml: b'<!DOCTYPE x [<!ENTITY e "e">]>' + xml})
    with pytest.raises(SubmissionRejected) as caught:
        read_workbook(hostile, sheets=SHEETS)
    assert caught.value.reason == "unsafe_xml" and "xl/styles.xml" in caught.value.message


# --------------------------------------------------------------------------- .xls and .ods

PHOTOS = [[float(r * 10 + c) for c in range(10)] for r in range(1500)]  # 15,000 cells nobody reads
FORM_SHEETS = {"Project": [["project_id", "P1"], ["name", "One"], ["level", "city"]],
               "Photos": PHOTOS,
               "Data": [["code", "current"], ["A", 12.5]]}


def _xls(path: Path) -> Path:
    return ole.write_xls(path, FORM_SHEETS, hidden=("Photos",))


def _ods(path: Path) -> Path:
    return ods.write_ods(path, FORM_SHEETS, hidden=("Photos",))


@pytest.mark.parametrize("write", [_xls, _ods], ids=["xls", "ods"])
def test_the_reader_loads_only_the_sheets_a_submission_reads(tmp_path, write, handed_to_reader):
    """python-calamine loads every sheet of an .xls or .ods when it opens it; the sheet
    nobody reads reaches it empty, still listed with its visibility."""
    path = write(tmp_path / "form")
    book = read_workbook(path, sheets=SHEETS)
    shown = [(s.name, s.visible) for s in book.sheets]
    assert shown == [("Project", True), ("Photos", False), ("Data", True)]
    assert book.sheet("Data").rows == [["code", "current"], ["A", 12.5]]
    [submission] = read_submission_book(book)
    assert submission.project_id == "P1"
    [handed] = handed_to_reader
    reader = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(handed))
    assert reader.get_sheet_by_name("Photos").to_python() == []
    assert reader.get_sheet_by_name("Data").to_python() == [["code", "current"], ["A", 12.5]]


@pytest.mark.parametrize("write", [_xls, _ods], ids=["xls", "ods"])
def test_cells_of_sheets_left_out_do_not_count_against_the_limit(tmp_path, write):
    path = write(tmp_path / "form")
    limits = Limits(max_cells=10_000)  # the form's two sheets hold 10 cells, the Photos 15,000
    assert read_workbook(path, limits, SHEETS).sheet("Data").rows[1] == ["A", 12.5]
    with pytest.raises(SubmissionRejected) as every_sheet:
        read_workbook(path, limits)  # every sheet read: the Photos count
    assert every_sheet.value.reason == "too_large" and "Photos" in every_sheet.value.message


# --------------------------------------------------------------------------- sheet shapes


@pytest.mark.parametrize("cell", ['<c s="0" r="AB5000"><v>2</v></c>', '<c t="n"  r="AB5000"><v>2</v></c>',
                                  '<c r="AB5000"><v>2</v></c>'])
def test_a_far_cell_counts_wherever_its_reference_stands_in_the_tag(tmp_path, cell, handed_to_reader):
    """A sheet whose tags all open with a reference within A1:Z999 is bounded at once; a
    reference that is not the first attribute (or is far) sends it to the exact measure, and
    the file is refused before the reader allocates anything."""
    rows = ['<row r="1"><c r="A1"><v>1</v></c></row>', f'<row r="2">{cell}</row>']  # the cell says where
    path = zips.write_sheet_xml(tmp_path / "far.xlsx", zips.sheet_xml(rows))
    with pytest.raises(SubmissionRejected) as caught:
        read_workbook(path, Limits(max_cells=100_000))  # 5,000 rows × 28 columns = 140,000
    assert caught.value.reason == "too_large" and "5,000 rows by 28 columns" in caught.value.message
    assert handed_to_reader == []
    near = ['<row r="1"><c r="A1"><v>1</v></c></row>', '<row r="999"><c s="0" r="Z999"><v>2</v></c></row>']
    sheet = read_workbook(zips.write_sheet_xml(tmp_path / "near.xlsx", zips.sheet_xml(near)),
                          Limits(max_cells=60_000)).sheets[0]  # 999 × 26, charged twice
    assert (len(sheet.rows), sheet.rows[998][25]) == (999, 2.0)

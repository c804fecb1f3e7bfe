"""A folder of hostile, malformed and awkward-but-valid submissions, built in a test's tmp_path.

:func:`build_corpus` writes every file and returns what the importer must make of each:
``None`` for a file that must score, a rejection reason for one that must be refused, and
``SKIPPED`` for a lock file that must not appear at all. All files belong to one city scheme
(:func:`write_city_template`).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from openpyxl import Workbook, load_workbook

from tests.builders import criterion, project, set_cached_value, write_batch, write_form, write_template
from tests.hostile import ods, ole, zips

SKIPPED = "skipped"
#: Criteria: a value, a change (lower is better), a yes/no and a choice.
CRITERIA = [
    criterion("A", weight=2),
    criterion("B", type="change", direction="lower", worst=0, best=20),
    criterion("Y", type="yesno"),
    criterion("K", type="choice", choices="I=1; II=0.5", required="no"),
]


def write_city_template(path: Path) -> Path:
    return write_template(path, CRITERIA, name="City scheme", level="city", version="1")


def rows(**override) -> list[dict]:
    """A complete set of data rows; ``override`` replaces the current value of a code."""
    values = {"A": 50, "B": 90, "Y": "是", "K": "I", **override}
    return [
        {"code": "A", "indicator": "Non-fossil share 非化石能源占比", "unit": "%", "current": values["A"]},
        {"code": "B", "indicator": "CO2 per GDP 单位GDP二氧化碳", "unit": "t", "baseline": 100,
         "current": values["B"]},
        {"code": "Y", "indicator": "Zoning control 分区管控", "current": values["Y"]},
        {"code": "K", "indicator": "Audit grade 审核等级", "current": values["K"]},
    ]


def grid(project_id: str, **override) -> dict[str, list[list[object]]]:
    """The same form as plain rows per sheet, for the .xls and .ods writers."""
    data = [["code", "indicator", "unit", "baseline", "current", "evidence"]]
    data += [[r["code"], r["indicator"], r.get("unit"), r.get("baseline"), r["current"], None]
             for r in rows(**override)]
    return {"Project": [["project_id", project_id], ["name", f"Project {project_id}"], ["level", "city"]],
            "Data": data}


# --------------------------------------------------------------------------- valid but awkward


def good(folder: Path, name: str, pid: str, **override) -> Path:
    return write_form(folder / name, project(pid), rows(**override))


def merged_whole_sheet(folder: Path) -> Path:
    """A 5 KB form whose Data sheet merges A1:XFD1048576 (17 billion cells)."""
    plain = good(folder, "plain_merge_source.tmp", "P02")
    target = zips.rewrite(plain, folder / "merged_whole_sheet.xlsx",
                          {"xl/worksheets/sheet2.xml": zips.merge_whole_sheet})
    plain.unlink()
    return target


def title_rows(folder: Path) -> Path:
    """The header two rows down, under a merged title."""
    path = write_form(folder / "title_rows.xlsx", project("P03"), rows(), title_rows=2)
    wb = load_workbook(path)
    wb["Data"].merge_cells("A1:F1")
    wb["Data"].merge_cells("A2:F2")
    wb.save(path)
    return path


def chinese(folder: Path) -> Path:
    """Sheets, keys, headers and the level written in Chinese."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = "项目"
    for row in (["项目编号", "P04"], ["项目名称", "杭州减污降碳试点"], ["层级", "城市"], ["地区", "浙江"]):
        sheet.append(row)
    data = wb.create_sheet("数据")
    data.append(["编号", "指标", "单位", "基准值", "现状值", "佐证材料"])
    for r in rows():
        data.append([r["code"], r["indicator"], r.get("unit"), r.get("baseline"), r["current"], "报告.pdf"])
    wb.save(folder / "chinese.xlsx")
    return folder / "chinese.xlsx"


def hidden_sheets(folder: Path) -> Path:
    """A hidden Batch sheet (with rubbish) beside a visible form: the form is what counts."""
    path = good(folder, "hidden_sheets.xlsx", "P05")
    wb = load_workbook(path)
    batch = wb.create_sheet("Batch")
    batch.append(["project_id", "name", "level"])
    batch.append(["HIDDEN-1", "must not be read", "city"])
    batch.sheet_state = "hidden"
    wb.save(path)
    return path


def error_cells(folder: Path) -> Path:
    """Formulas whose cached results are #DIV/0! (A) and #N/A (K)."""
    path = good(folder, "error_cells.xlsx", "P06", A="=1/0", K="=NA()")
    set_cached_value(path, "Data", "E2", "#DIV/0!", error=True)
    return set_cached_value(path, "Data", "E5", "#N/A", error=True)


def odd_values(folder: Path) -> Path:
    """A date where a number belongs, a logical TRUE for yes, numbers typed as (full-width) text."""
    return good(folder, "odd_values.xlsx", "P07", A=dt.datetime(2024, 3, 1), Y=True, B="９０", K=" i ")


def percent(folder: Path) -> Path:
    """A: 0.5 formatted as 0% (shows 50%), which must read as 50."""
    path = good(folder, "percent.xlsx", "P08", A=0.5)
    wb = load_workbook(path)
    wb["Data"]["E2"].number_format = "0%"
    wb.save(path)
    return path


def formulas(folder: Path) -> Path:
    """A formula with a cached value (A) and one never calculated (Y)."""
    path = good(folder, "formulas.xlsx", "P12", A="=40+10", Y="=1=1")
    return set_cached_value(path, "Data", "E2", "50")


def legacy_xls(folder: Path) -> Path:
    """A BIFF8 .xls, as Excel 97-2003 saves it, with an error cell (#DIV/0!) in K."""
    sheets = grid("P09", K=ole.CellError("#DIV/0!"))
    return ole.write_xls(folder / "legacy.xls", sheets)


def calc_ods(folder: Path) -> Path:
    """An .ods as LibreOffice saves it: A as 50% (a percentage cell), K an #N/A error."""
    sheets = grid("P10", A=ods.Percent(0.5), K=ods.Error("#N/A", "of:=NA()"))
    return ods.write_ods(folder / "calc.ods", sheets)


def batch(folder: Path) -> Path:
    """Two projects in a Batch sheet and a third row without a project_id."""
    header = ["project_id", "name", "level", "A", "B", "B:baseline", "Y", "K"]
    return write_batch(folder / "batch.xlsx", header, [
        ["B01", "Batch one", "city", 40, 95, 100, "yes", "II"],
        ["B02", "Batch two", "城市", 60, 80, 100, "no", "I"],
        [None, "No id", "city", 10, 90, 100, "yes", "I"],
    ])


# --------------------------------------------------------------------------- refused


def empty(folder: Path) -> Path:
    (folder / "empty.xlsx").write_bytes(b"")
    return folder / "empty.xlsx"


def truncated(folder: Path) -> Path:
    data = good(folder, "truncated.xlsx", "PX1").read_bytes()
    (folder / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    return folder / "truncated.xlsx"


def renamed_text(folder: Path) -> Path:
    (folder / "renamed_text.xlsx").write_text("project_id,name,level\nP99,Text,city\n", encoding="utf-8")
    return folder / "renamed_text.xlsx"


def renamed_pdf(folder: Path) -> Path:
    pdf = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    (folder / "renamed_pdf.xlsx").write_bytes(pdf)
    return folder / "renamed_pdf.xlsx"


def word_document(folder: Path) -> Path:
    """An OLE file that is a Word document, renamed .xls."""
    path = folder / "word_document.xls"
    path.write_bytes(ole.compound_file({"WordDocument": b"\xec\xa5" + b"\0" * 5000}))
    return path


def renamed_docx(folder: Path) -> Path:
    """A Word document (a zip package too) renamed .xlsx."""
    body = b'<?xml version="1.0"?><w:document xmlns:w="urn:w"><w:body/></w:document>'
    return zips.write_zip(folder / "renamed_docx.xlsx", [zips.deflated("[Content_Types].xml", b"<Types/>"),
                                                         zips.deflated("word/document.xml", body)])


def ods_doctype(folder: Path) -> Path:
    """An .ods whose content.xml declares an external entity."""
    content = ods.content_xml(grid("P30"))
    content = content.replace(b"?>", b"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", 1)
    return ods.write_ods(folder / "ods_doctype.ods", {}, content=content)


def zip_bomb(folder: Path, *, lying: bool) -> Path:
    source = good(folder, "bomb_source.tmp", "PB")
    name = "zip_bomb_lying.xlsx" if lying else "zip_bomb.xlsx"
    target = zips.write_zip_bomb(source, folder / name, lying=lying)
    source.unlink()
    return target


def many_parts(folder: Path) -> Path:
    source = good(folder, "parts_source.tmp", "PM")
    target = zips.write_many_members(source, folder / "many_parts.xlsx")
    source.unlink()
    return target


def with_doctype(folder: Path, name: str, part: str, prolog: bytes, entity: bytes = b"") -> Path:
    source = good(folder, f"{name}.tmp", "PD")
    target = zips.rewrite(source, folder / name, {part: zips.with_prolog(prolog, entity=entity)})
    source.unlink()
    return target


def far_cells(folder: Path) -> Path:
    """1.5 KB: a cell in A1 and one in XFD1048576, the corners of the whole sheet."""
    xml = zips.sheet_xml(['<row r="1"><c r="A1"><v>1</v></c></row>',
                          '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'])
    return zips.write_sheet_xml(folder / "far_cells.xlsx", xml)


def sparse_rectangle(folder: Path) -> Path:
    """Only 400 rows, but a cell in column XFD: 6.5 million cells to allocate."""
    xml = zips.sheet_xml(['<row r="1"><c r="A1"><v>1</v></c></row>',
                          '<row r="400"><c r="XFD400"><v>1</v></c></row>'])
    return zips.write_sheet_xml(folder / "sparse_rectangle.xlsx", xml)


def too_many_rows(folder: Path, count: int = 100_001) -> Path:
    return zips.write_sheet_xml(folder / "too_many_rows.xlsx", zips.sheet_xml(zips.number_rows(count)))


def ods_bomb(folder: Path) -> Path:
    return ods.write_ods(folder / "ods_bomb.ods", {}, content=ods.repeated_value_bomb())


def huge_file(folder: Path) -> Path:
    """51 MB on paper, nothing on disk: a sparse file that starts like a zip."""
    path = folder / "huge_file.xlsx"
    with open(path, "wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(51 * 1024 * 1024)
    return path


def lock_file(folder: Path) -> Path:
    path = folder / "~$good_form.xlsx"
    path.write_bytes(b"\x0bWang Wei" + b" " * 40)
    return path


def build_corpus(folder: Path) -> dict[str, str | None]:
    """Write the whole corpus into ``folder``; return file name → expected outcome."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str | None] = {}

    def add(path: Path, outcome: str | None) -> None:
        expected[path.name] = outcome

    add(good(folder, "good_form.xlsx", "P01"), None)
    for build in (merged_whole_sheet, title_rows, chinese, hidden_sheets, error_cells, odd_values, percent,
                  formulas, legacy_xls, calc_ods, batch):
        add(build(folder), None)
    add(good(folder, "zz_duplicate.xlsx", "P01", A=99), "duplicate_project")
    add(write_form(folder / "wrong_template.xlsx", project("P20", template="Park scheme"), rows()),
        "no_matching_template")
    add(write_form(folder / "unknown_level.xlsx", project("P21", level="省级"), rows()),
        "no_matching_template")
    add(write_form(folder / "missing_project_id.xlsx", project(""), rows()), "missing_project_id")
    missing = good(folder, "missing_sheets.xlsx", "P22")
    wb = load_workbook(missing)
    del wb["Data"]
    wb.save(missing)
    add(missing, "not_a_submission")
    for build, reason in ((empty, "unreadable"), (truncated, "unreadable"), (renamed_text, "unreadable"),
                          (renamed_pdf, "unreadable"), (word_document, "unreadable"),
                          (renamed_docx, "unreadable"), (ods_doctype, "unsafe_xml"),
                          (many_parts, "too_large"), (far_cells, "too_large"),
                          (sparse_rectangle, "too_large"),
                          (too_many_rows, "too_large"), (ods_bomb, "too_large"), (huge_file, "too_large")):
        add(build(folder), reason)
    add(zip_bomb(folder, lying=False), "too_large")
    add(zip_bomb(folder, lying=True), "too_large")
    add(with_doctype(folder, "billion_laughs.xlsx", "xl/worksheets/sheet2.xml", zips.BILLION_LAUGHS,
                     entity=b"&lol9;"), "unsafe_xml")
    add(with_doctype(folder, "external_entity.xlsx", "xl/workbook.xml", zips.EXTERNAL_ENTITY), "unsafe_xml")
    add(with_doctype(folder, "doctype_in_theme.xlsx", "xl/theme/theme1.xml", zips.EXTERNAL_ENTITY),
        "unsafe_xml")
    add(ole.write_encrypted_xlsx(folder / "encrypted.xlsx"), "encrypted")
    add(ole.write_xls(folder / "encrypted_legacy.xls", grid("P23"), password_protected=True), "encrypted")
    add(lock_file(folder), SKIPPED)
    assert not any(name.endswith(".tmp") for name in os.listdir(folder))
    return expected

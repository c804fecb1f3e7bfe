"""The ranked workbook, read back: values, sheets, print setup, frozen panes, filters, colours,
formula injection (cell types), and a real spreadsheet program opening it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from scoring.io.pipeline import AssessmentRun
from scoring.reports.workbook import write_ranked_workbook
from scoring.reports.xlsx_sheets import put, sheet_title
from tests.report_data import (
    CHINESE_NAME,
    INJECTED_EVIDENCE,
    INJECTED_NAME,
    INJECTED_REGION,
    OVERRIDE_REASON,
    SCHEME_NAME,
)
from tests.system_programs import program

GENERATED = dt.datetime(2026, 3, 1, 9, 30)


@pytest.fixture(scope="module")
def scored(report_run):
    return report_run


@pytest.fixture(scope="module")
def book_zh(scored, tmp_path_factory):
    out = write_ranked_workbook(scored, tmp_path_factory.mktemp("zh") / "ranked.xlsx", lang="zh",
                                generated=GENERATED)
    return load_workbook(out), out


@pytest.fixture(scope="module")
def book_en(scored, tmp_path_factory):
    out = write_ranked_workbook(scored, tmp_path_factory.mktemp("en") / "ranked.xlsx", lang="en",
                                generated=GENERATED)
    return load_workbook(out)


def _rows(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def _by_header(ws, header: int = 0) -> list[dict]:
    """The table's rows as dicts, up to the first empty row (notes and the approval block follow)."""
    rows = _rows(ws)
    table = []
    for row in rows[header + 1:]:
        if all(value is None for value in row):
            break
        table.append(dict(zip(rows[header], row, strict=True)))
    return table


def _ranked(ws) -> list[dict]:
    """The ranked table, under the provisional banner (P2–P5 have E pending)."""
    return _by_header(ws, header=1)


# --------------------------------------------------------------------------- sheets and values


def test_sheet_names_in_both_languages(book_zh, book_en):
    workbook, _ = book_zh
    assert workbook.sheetnames == [SCHEME_NAME, "汇总", "明细", "问题", "拒收文件", "图表", "指标得分率",
                                   "评估方法", "图表数据"]
    assert book_en.sheetnames == [SCHEME_NAME, "Summary", "Detail", "Issues", "Rejected", "Charts",
                                  "Indicator fractions", "Method", "Chart data"]
    assert workbook["图表数据"].sheet_state == "hidden"  # what the charts read, not a page to print


def test_ranked_sheet_values_by_hand(book_en):
    rows = {r["Project ID"]: r for r in _ranked(book_en[SCHEME_NAME])}
    assert [r["Project ID"] for r in _ranked(book_en[SCHEME_NAME])] == ["P1", "P5", "P4", "P2", "P3"]
    p1, p2, p3, p5 = rows["P1"], rows["P2"], rows["P3"], rows["P5"]
    assert (p1["Rank"], p1["Total"], p1["Grade"]) == (1, pytest.approx(103), "Excellent")
    assert (p1["Bonus"], p1["Overrides"]) == (3, 1)
    assert p1["Name"] == CHINESE_NAME and p1["Region"] == "浙江省"
    # W = 11: dimension maxima 300/11, 600/11, 200/11 in the headers; P1 reaches all three
    assert p1["Source prevention (27.27)"] == pytest.approx(300 / 11)
    assert p1["Key sectors (54.55)"] == pytest.approx(600 / 11)
    # 900/11 = 81.818…, written as shown: two decimals, never rounded up onto a threshold
    assert p5["Total"] == 81.82 and p5["Grade"] == "Good"
    assert (p2["Total"], p2["Penalty"]) == (pytest.approx(35), 5)
    assert (p3["Rank"], p3["Grade"], p3["Veto"]) == (5, "Fail", "V")
    assert p1["Synergy D"] == pytest.approx(1.0) and p1["Synergy class"] == "quality coordination"
    assert rows["P4"]["Issues"] == 2


def test_provisional_results_are_marked_under_a_banner(book_en, book_zh):
    # E (manual, weight 1 of W = 11) is pending for P2–P5. P5: 900/11 = 81.82 Good, with E at 1
    # 1000/11 = 90.91 Excellent; P4: 400/11 → 500/11 = 45.45, Fail either way; P3 vetoed: Fail twice
    ws = book_en[SCHEME_NAME]
    banner = ws["A1"].value
    assert banner.startswith("Provisional results: 4 of 5")
    assert any(str(r).startswith("A1:") for r in ws.merged_cells.ranges)
    rows = {r["Project ID"]: r for r in _ranked(ws)}
    assert rows["P1"]["Provisional"] is None
    assert rows["P5"]["Provisional"] == "provisional: 1 pending, grade could be Good–Excellent"
    assert rows["P4"]["Provisional"] == "provisional: 1 pending, grade stays Fail"
    assert rows["P3"]["Provisional"] == "provisional: 1 pending, grade stays Fail"
    assert ws["G3"].fill.fgColor.rgb.endswith("000000") and ws["G4"].fill.fgColor.rgb.endswith("FFF2CC")
    chinese = book_zh[0][SCHEME_NAME]
    assert chinese["A1"].value.startswith("注意：5 个项目中有 4 个结果为暂定")
    zh_rows = {r["项目编号"]: r for r in _ranked(chinese)}
    assert zh_rows["P5"]["暂定"] == "暂定：1 项待定，等级可能为 良好–优秀"


def test_ranked_sheet_in_chinese(book_zh):
    workbook, _ = book_zh
    header = _rows(workbook[SCHEME_NAME])[1]
    assert header[:7] == ("排名", "项目编号", "项目名称", "地区", "总分", "等级", "暂定")
    assert "源头防控 (27.27)" in header and "协调等级" in header and "人工调整数" in header
    first = _ranked(workbook[SCHEME_NAME])[0]
    assert first["等级"] == "优秀" and first["协调等级"] == "优质协调"


def test_detail_sheet_has_every_project_criterion_with_provenance_and_override(book_en):
    rows = _by_header(book_en["Detail"])
    assert len(rows) == 5 * 9
    p1e = next(r for r in rows if r["Project ID"] == "P1" and r["Code"] == "E")
    assert (p1e["Status"], p1e["Fraction"], p1e["Inspector"], p1e["Override reason"]) == (
        "override", 1, "张工", OVERRIDE_REASON)
    p1b = next(r for r in rows if r["Project ID"] == "P1" and r["Code"] == "B")
    assert (p1b["Value"], p1b["Baseline"], p1b["Fraction"]) == (80, 100, 1)
    assert p1b["Points"] == pytest.approx(400 / 11)
    assert p1b["Provenance cell"].endswith("p1.xlsx:Data!E8") and p1b["Evidence"] == "能源统计年鉴"
    p4 = {r["Code"]: r for r in rows if r["Project ID"] == "P4"}
    assert (p4["A"]["Status"], p4["B"]["Status"], p4["E"]["Status"]) == ("missing", "invalid", "pending")
    assert p4["B"]["Value"] == "abc" and p4["A"]["Fraction"] is None
    pen = next(r for r in rows if r["Project ID"] == "P2" and r["Code"] == "PEN")
    assert pen["Points"] == -5 and pen["Kind"] == "penalty"


def test_issues_summary_and_rejected_sheets(book_en, scored):
    issues = _by_header(book_en["Issues"])
    kinds = {(r["Project ID"], r["Issue"]) for r in issues}
    assert {("P4", "missing_required"), ("P4", "not_a_number"), ("P3", "veto")} <= kinds
    summary = [row for row in _rows(book_en["Summary"]) if any(v is not None for v in row)]
    counts = {row[0]: row[1] for row in summary if row[0] in ("Excellent", "Good", "Pass", "Fail")}
    assert counts == {"Excellent": 1, "Good": 1, "Pass": 0, "Fail": 3}
    total = next(row for row in summary if row[0] == "Total")
    assert total[1] == 100 and total[3] == pytest.approx(900 / 11)  # median of the five totals
    rejected = _by_header(book_en["Rejected"])
    assert [r["Reason"] for r in rejected] == ["unreadable"] and rejected[0]["File"].endswith("broken.xlsx")


# --------------------------------------------------------------------------- formula injection


def test_submission_text_is_literal_text_never_a_formula(book_zh):
    workbook, _ = book_zh
    found = {}
    for sheet in ("Test scheme 测试方案", "明细", "问题"):
        for row in workbook[sheet].iter_rows():
            for cell in row:
                if cell.value in (INJECTED_NAME, INJECTED_REGION, INJECTED_EVIDENCE):
                    found.setdefault((sheet, cell.value), cell.data_type)
    assert found[(SCHEME_NAME, INJECTED_NAME)] == "s"
    assert found[(SCHEME_NAME, INJECTED_REGION)] == "s"
    assert found[("明细", INJECTED_NAME)] == "s"
    assert found[("明细", INJECTED_EVIDENCE)] == "s"
    assert all(kind == "s" for kind in found.values())
    assert not [c for ws in workbook for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_the_raw_xml_holds_no_formula_element(book_zh):
    import zipfile

    _, path = book_zh
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not [n for n in sheets if b"<f>" in archive.read(n) or b"<f " in archive.read(n)]


def test_put_writes_strings_as_text_and_drops_what_xml_cannot_hold():
    from openpyxl import Workbook

    cell = Workbook().active["A1"]
    put(cell, "=1+1")
    assert (cell.value, cell.data_type) == ("=1+1", "s")
    put(cell, "bad\x01name\x1b")
    assert cell.value == "bad\ufffdname\ufffd"  # textclean's one rule: a visible mark, never a control
    put(cell, float("nan"))
    assert cell.value is None


def test_put_refuses_a_cell_inside_a_merged_range():
    from openpyxl import Workbook

    sheet = Workbook().worksheets[0]
    sheet.merge_cells("A1:C1")
    put(sheet["A1"], "banner")
    with pytest.raises(ValueError, match="B1 is inside a merged range"):
        put(sheet["B1"], "lost")
    assert sheet["A1"].value == "banner"


def test_a_table_in_a_font_without_a_size_is_fitted_at_11_points():
    """openpyxl's Font() has no size (sz None): the rows are fitted as 11-point text, as the
    default font, instead of failing on None (found by mypy)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from scoring.reports.xlsx_sheets import Column, write_table_sheet

    sheet = Workbook().worksheets[0]
    columns = [Column("Text", width=11, wrap=True)]  # 10 characters a line at 11 points
    count = write_table_sheet(sheet, columns, [["x" * 25]], "Heading", "en", dt.datetime(2025, 1, 2),
                              font=Font(bold=True))
    assert count == 1 and sheet["A2"].value == "x" * 25 and sheet["A2"].font.b
    assert sheet.row_dimensions[2].height == pytest.approx(3 * 11 * 1.35 + 2, abs=0.1)  # 3 lines of 11 pt

def test_hostile_names_do_not_break_the_export(scored, tmp_path):
    from dataclasses import replace

    name = "名\x00称\x07" + "长" * 40000
    hostile = [replace(p, name=name, project_id="[P]:*?/\\") for p in scored.projects]
    out = write_ranked_workbook(AssessmentRun(scored.schemes, hostile, []), tmp_path / "h.xlsx", charts=False)
    sheet = load_workbook(out)[SCHEME_NAME]
    assert sheet["C3"].value.startswith("名\ufffd称\ufffd长") and len(sheet["C3"].value) == 32767


def test_sheet_titles_are_valid_and_unique():
    taken: set[str] = set()
    assert sheet_title("a/b:c*d?[e]", taken) == "a_b_c_d__e_"
    assert sheet_title("A/B:C*D?[E]", taken) == "A_B_C_D__E_ (2)"
    assert len(sheet_title("x" * 50, taken)) == 31


# --------------------------------------------------------------------------- print-ready


def test_every_sheet_is_set_up_for_a4_landscape_one_page_wide(book_zh):
    workbook, _ = book_zh
    for ws in workbook.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == 9, ws.title  # A4
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text, ws.title
        assert "&D" in ws.oddFooter.right.text and not ws.oddHeader.right.text, ws.title
        assert "2026-03-01 09:30" in ws.oddFooter.left.text, ws.title
        assert ws.oddHeader.center.font == "Microsoft YaHei", ws.title
        assert SCHEME_NAME in ws.oddHeader.center.text or ws.title == "拒收文件", ws.title


def test_tables_repeat_their_header_freeze_it_and_filter(book_zh):
    workbook, _ = book_zh
    # the ranked sheet's table starts under the provisional banner
    expected = {SCHEME_NAME: ("D3", "A2:Q7"), "明细": ("F2", "A1:U46"), "问题": ("A2", "A1:H4"),
                "拒收文件": ("A2", "A1:C2")}
    for title, (frozen, filtered) in expected.items():
        ws = workbook[title]
        assert ws.print_title_rows == ("$2:$2" if title == SCHEME_NAME else "$1:$1"), title
        assert (ws.freeze_panes, ws.auto_filter.ref) == (frozen, filtered), title
    ranked = workbook[SCHEME_NAME]
    assert f"{SCHEME_NAME}  版本 1" in ranked.oddHeader.center.text
    assert "第 &P 页，共 &N 页" == ranked.oddFooter.center.text


def test_number_formats_grade_colours_data_bars_and_vetoed_rows(book_zh):
    workbook, _ = book_zh
    ws = workbook[SCHEME_NAME]
    # rows start at 3 (banner, header); columns: … grade F, provisional G, 3 dimensions, bonus, penalty
    assert ws["E3"].number_format == "0.00" and ws["E7"].number_format == "0.00"  # total
    assert ws["M3"].number_format == "0.000"  # synergy D
    # Excellent is #00593C mixed 40 % with white: 0+255*.4, 89+166*.4, 60+195*.4 = 66 9B 8A
    assert ws["F3"].fill.fgColor.rgb.endswith("669B8A")
    assert ws["F4"].fill.fgColor.rgb != ws["F3"].fill.fgColor.rgb
    vetoed = 7  # P3 is ranked last
    assert ws.cell(vetoed, 2).value == "P3"
    assert all(ws.cell(vetoed, c).fill.fgColor.rgb.endswith("FDE2E2") for c in range(1, 18) if c != 6)
    assert ws.cell(vetoed, 15).value == "V" and ws.cell(vetoed, 15).font.color.rgb.endswith("B00020")
    assert ws.cell(3, 1).fill.fgColor.rgb.endswith("000000")  # unvetoed rows: no fill
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    assert any(rule.type == "dataBar" for rule in rules)


def _drawing_of(archive, title: str) -> str:
    """The path in the package of the drawing of sheet ``title``: workbook → sheet → drawing."""
    import posixpath
    import xml.etree.ElementTree as ElementTree

    rel_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

    def targets(part: str) -> dict[str, tuple[str, str]]:
        """Each relationship of ``part``: (its type, the path of its target; relative or absolute)."""
        folder = posixpath.dirname(part)
        rels = posixpath.join(folder, "_rels", posixpath.basename(part) + ".rels")
        found = {}
        for r in ElementTree.fromstring(archive.read(rels)):
            target = posixpath.normpath(posixpath.join("/" + folder, r.get("Target")))
            found[r.get("Id")] = (r.get("Type"), target[1:])
        return found

    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    sheet_id = next(s.get(rel_id) for s in book.iter() if s.tag.endswith("}sheet") and s.get("name") == title)
    sheet = targets("xl/workbook.xml")[sheet_id][1]
    return next(target for kind, target in targets(sheet).values() if kind.endswith("/drawing"))


def test_charts_are_native_excel_charts_each_on_its_own_printed_page(book_zh):
    import zipfile

    from openpyxl.chart import BarChart, RadarChart, ScatterChart
    from openpyxl.reader.drawings import find_images

    workbook, path = book_zh
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        charts, images = find_images(archive, _drawing_of(archive, "图表"))
    # ranked totals and points by dimension (bars), dimension scores (radar), synergy and
    # co-control (scatter); no picture anywhere
    assert [type(c) for c in charts] == [BarChart, BarChart, RadarChart, ScatterChart, ScatterChart]
    assert len([n for n in names if n.startswith("xl/charts/chart")]) == 5
    assert not [n for n in names if n.startswith("xl/media/")] and not images
    anchors = [c.anchor._from.row for c in charts]
    breaks = [b.id for b in workbook["图表"].row_breaks.brk]
    # a page break (after 1-based row b) between every two anchors (0-based rows): a page each
    assert all(any(a < b <= n for b in breaks) for a, n in zip(anchors, anchors[1:], strict=False))
    # the ranked bars read the totals as the table shows them, a series per grade
    data = workbook["图表数据"]
    ranked = charts[0]
    assert [s.tx.strRef.f for s in ranked.series] == ["'图表数据'!B1", "'图表数据'!C1", "'图表数据'!D1"]
    assert [data.cell(1, c).value for c in (2, 3, 4)] == ["优秀", "良好", "不合格"]
    assert data["B2"].value == pytest.approx(103) and data["A2"].value.startswith("1. ")
    assert data["A6"].value.startswith("5. ") and data["A6"].value.endswith("✕ 一票否决 V")  # P3, vetoed


def test_indicator_fractions_are_a_coloured_table_naming_each_status(book_en):
    ws = book_en["Indicator fractions"]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[1]
    assert header[:2] == ("Rank", "Name") and "PEN" not in header  # score criteria only
    p4 = next(r for r in rows if r[0] == 3)  # P4, ranked 3rd: A missing, B invalid, E pending
    by_code = dict(zip(header, p4, strict=False))
    assert (by_code["A"], by_code["B"], by_code["E"]) == ("missing", "invalid", "pending")
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    assert [rule.type for rule in rules] == ["colorScale"]
    assert ws.print_title_cols == "$A:$B"


def test_no_temporary_file_is_left_behind(scored, tmp_path):
    write_ranked_workbook(scored, tmp_path / "r.xlsx", charts=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]


def test_a_run_without_projects_still_writes_a_workbook(tmp_path):
    out = write_ranked_workbook(AssessmentRun(schemes=[]), tmp_path / "empty.xlsx")
    assert load_workbook(out).sheetnames[0] == "排名结果"


def test_many_rows_are_streamed_with_the_first_rows_styles(scored, tmp_path):
    from dataclasses import replace

    many = [replace(p, project_id=f"{p.project_id}-{k}") for k in range(40) for p in scored.projects]
    out = write_ranked_workbook(AssessmentRun(scored.schemes, many, []), tmp_path / "many.xlsx", lang="en",
                                charts=False)
    detail = load_workbook(out)["Detail"]
    assert detail.max_row == 1 + 200 * 9 and detail.auto_filter.ref == "A1:U1801"
    last = detail.cell(detail.max_row, 12)
    assert isinstance(last.value, (int, float, type(None))) and detail.cell(3, 12).number_format == "0.000"


# --------------------------------------------------------------------------- LibreOffice


def test_libreoffice_opens_the_workbook_and_prints_it_to_pdf(book_zh, tmp_path):
    soffice = program("soffice", "libreoffice", package="libreoffice-calc")
    pdftotext = program("pdftotext", package="poppler-utils")
    _, path = book_zh
    profile = tmp_path / "profile"  # a private profile: parallel or earlier runs cannot lock it
    env = {**os.environ, "HOME": str(tmp_path)}
    proc = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=300, env=env)
    pdf = tmp_path / "ranked.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stdout + proc.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True).stdout
    # where a name wraps in its cell depends on the fonts installed, and pdftotext puts a line
    # break there: compare without whitespace, so the check means the same on every machine
    flat = "".join(text.split())
    assert "".join(CHINESE_NAME.split()) in flat and "".join(INJECTED_NAME.split()) in flat


def test_detail_sheet_has_points_lost_and_the_paths_to_the_next_grade(book_en, book_zh):
    rows = _by_header(book_en["Detail"])
    p5 = {r["Code"]: r for r in rows if r["Project ID"] == "P5"}
    # P5: W = 11, B's weight 4 → max 400/11; r = 15 %, s = 0.75 → 300/11, 100/11 lost
    assert p5["B"]["Max points"] == pytest.approx(400 / 11, abs=0.005)
    assert p5["B"]["Points lost"] == pytest.approx(100 / 11, abs=0.005)
    assert p5["PEN"]["Max points"] is None and p5["F"]["Points lost"] == 0
    # total 900/11 (Good), Excellent at 85: gap 35/11; B: s* = 0.75 + (35/11)/(400/11) = 0.8375,
    # r* = 16.75 %, current 100 − 16.75 = 83.25; E (pending): fraction 0.35; nothing else loses
    # as much as 35/11
    assert p5["B"]["Paths to the next grade"] == (
        "B CO2 per unit of GDP: value 83.25, an improvement of 16.75% on the baseline 100 "
        "(today 85; fraction 0.838)")
    assert p5["E"]["Paths to the next grade"] == "E On-site check: an inspector's fraction of 0.35 (today —)"
    assert [c for c, r in p5.items() if r["Paths to the next grade"]] == ["B", "E"]
    workbook, _ = book_zh
    zh = {r["编号"]: r for r in _by_header(workbook["明细"]) if r["项目编号"] == "P5"}
    assert zh["B"]["达到下一等级的途径"] == (
        "B 单位GDP二氧化碳排放：现状值 83.25，即较基准值 100 改善 16.75%（现为 85；得分率 0.838）")
    assert zh["B"]["失分"] == pytest.approx(100 / 11, abs=0.005)


def test_a_detail_table_longer_than_a_sheet_goes_on_in_a_second_sheet(scored, tmp_path, monkeypatch):
    from scoring.reports import workbook as export_xlsx

    monkeypatch.setattr(export_xlsx, "MAX_SHEET_ROWS", 20)  # Excel's limit is 1,048,575 data rows
    book = load_workbook(write_ranked_workbook(scored, tmp_path / "split.xlsx", lang="en", charts=False))
    sheets = [book["Detail"], book["Detail (2)"], book["Detail (3)"]]
    rows = [row for ws in sheets for row in _by_header(ws)]
    assert [len(_by_header(ws)) for ws in sheets] == [20, 20, 5]  # 5 projects × 9 criteria
    assert len({(r["Project ID"], r["Code"]) for r in rows}) == 45
    last = get_column_letter(len(export_xlsx.detail_columns("en")))
    assert all(ws.auto_filter.ref == f"A1:{last}{len(_by_header(ws)) + 1}" for ws in sheets)


def test_streamed_text_that_looks_like_a_formula_gets_the_quote_prefix(book_en):
    detail = book_en["Detail"]
    cells = [cell for row in detail.iter_rows(min_row=2) for cell in row
             if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@"))]
    assert cells and all(cell.quotePrefix for cell in cells)
    ranked = book_en[SCHEME_NAME]
    name = next(cell for cell in ranked["C"] if cell.value == INJECTED_NAME)
    assert name.quotePrefix and name.data_type == "s"


def test_headers_have_a_named_font_and_sheet_names_break_between_words(book_en):
    assert book_en["Detail"]["A1"].font.name == "Calibri" and book_en["Detail"]["A1"].font.b
    assert book_en["Detail"]["A2"].font.sz >= 9  # printed at about 90 %: 8 points or more
    assert book_en["Detail"].page_setup.orientation == "landscape"
    assert sheet_title("Industrial park pilot assessment 产业园区试点评估", set()) == "Industrial park pilot"


def test_ranked_sheet_ends_with_the_approval_block_and_the_method_sheet_has_the_weights(scored, tmp_path):
    from scoring.core.report_settings import ReportSettings

    settings = ReportSettings(org="Provincial Bureau", doc_no="No. 7", period="2025", assessor="Li",
                              reviewer="Wang", approver="Zhao")
    book = load_workbook(write_ranked_workbook(scored, tmp_path / "s.xlsx", lang="en", charts=False,
                                               settings=settings))
    values = [v for row in _rows(book[SCHEME_NAME]) for v in row if isinstance(v, str)]
    for text in ("Review and approval", "Assessor: Li", "Reviewer: Wang", "Approver: Zhao", "Seal"):
        assert text in values, text
    assert any("Provincial Bureau" in v and "No. 7" in v for v in values)
    method = [v for row in _rows(book["Method"]) for v in row if v is not None]
    assert "Weight" in method and "Minimum points" in method and "Basis" in method
    assert any("α = 0.5" in str(v) for v in method)


def _cell_looks(ws) -> list[tuple]:
    """Every cell's value, type and look, and every row's height, of a sheet read back."""
    looks = []
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            # openpyxl writes 16 significant digits of a float, the stream its shortest repr
            value = float(f"{c.value:.14g}") if isinstance(c.value, float) else c.value
            kind = c.data_type if c.value is not None else None  # a blank's type is the writer's
            font = (c.font.b, c.font.name, c.font.color.rgb if c.font.color else None)
            looks.append((c.coordinate, value, kind, c.number_format, c.fill.fgColor.rgb, font,
                          c.alignment.wrap_text, bool(c.quotePrefix), c.comment.text if c.comment else None))
    heights = {r: d.height for r, d in ws.row_dimensions.items() if d.height}
    return [*looks, heights]


def test_the_streamed_ranked_sheet_reads_as_the_one_openpyxl_writes(scored, tmp_path):
    from dataclasses import replace

    from openpyxl import Workbook

    from scoring.reports.workbook import write_scheme_sheet

    scheme = scored.schemes[0]
    many = [replace(p, project_id=f"{p.project_id}-{k}", rank=p.rank + 5 * k)
            for k in range(30) for p in scored.projects]
    # one project's first dimension above its nominal maximum: its row carries a note
    noted = many[7]
    many[7] = replace(noted, dimensions={**noted.dimensions, scheme.dimensions[0]: 99.0})
    run = AssessmentRun(scored.schemes, many, [])
    streamed = load_workbook(write_ranked_workbook(run, tmp_path / "s.xlsx", lang="en", charts=False,
                                                   generated=GENERATED))[SCHEME_NAME]
    book = Workbook()
    write_scheme_sheet(book.active, run, scheme, "en", GENERATED)  # every row through openpyxl
    book.save(tmp_path / "o.xlsx")
    written = load_workbook(tmp_path / "o.xlsx").active
    assert _cell_looks(streamed) == _cell_looks(written)
    assert streamed.max_row == written.max_row > 150
    assert any(c.comment for row in streamed.iter_rows() for c in row)  # the noted row kept its note
    assert streamed.auto_filter.ref == written.auto_filter.ref == "A2:Q152"


def test_ranked_and_detail_sheets_print_at_8_points_or_more_with_wrapped_named_headers(scored, tmp_path):
    from bench.bench_reports import synthetic_run, synthetic_scheme
    from scoring.reports.xlsx_sheets import column_pixels

    # six dimensions (the bench's scheme) in Chinese and English, and the test scheme's three
    runs = [(synthetic_run(synthetic_scheme(12), 3, as_read=True), "Bench scheme 基准测试方案"),
            (scored, SCHEME_NAME)]
    for run, title in runs:
        for lang in ("zh", "en"):
            out = write_ranked_workbook(run, tmp_path / f"{lang}.xlsx", lang=lang, charts=False)
            book = load_workbook(out)
            for ws, size in ((book[title], 11), (book["明细" if lang == "zh" else "Detail"], 10)):
                head = 2 if ws.print_title_rows == "$2:$2" else 1
                n = len([c for c in ws[head] if c.value is not None])
                widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, n + 1)]
                wide = sum(column_pixels(width) for width in widths)
                printable = (11.69 - ws.page_margins.left - ws.page_margins.right) * 96  # A4 landscape
                # one page wide: the scale the office program prints at, and the text size then
                assert int(ws.page_setup.fitToWidth) == 1, (ws.title, lang)
                assert size * min(1.0, printable / wide) >= 8.0, (ws.title, lang)
                for cell in ws[head][:n]:  # every header cell: named, bold, shaded, wrapped
                    assert cell.font.name in ("Microsoft YaHei", "Calibri") and cell.font.b, cell.coordinate
                    assert cell.alignment.wrap_text, cell.coordinate
                    assert cell.fill.fgColor.rgb.endswith("DDE3EA"), cell.coordinate


def test_the_assessment_round_is_in_every_page_header_and_the_summary(scored, tmp_path):
    from dataclasses import replace

    from scoring.reports.workbook import round_text

    run = replace(scored, round="第二轮", round_year="2025")
    book = load_workbook(write_ranked_workbook(run, tmp_path / "r.xlsx", lang="zh", charts=False))
    assert round_text(run, "zh") == "评估轮次 第二轮 (2025)"
    assert round_text(run, "en") == "Assessment round 第二轮 (2025)"
    assert all("评估轮次 第二轮 (2025)" in ws.oddHeader.center.text for ws in book.worksheets), \
        [ws.title for ws in book.worksheets if "第二轮" not in ws.oddHeader.center.text]
    assert "评估轮次 第二轮 (2025)" in book["汇总"]["A2"].value
    assert round_text(replace(scored, round="2025", round_year="2025"), "en") == "Assessment round 2025"
    plain = load_workbook(write_ranked_workbook(scored, tmp_path / "p.xlsx", lang="en", charts=False))
    assert "round" not in plain[SCHEME_NAME].oddHeader.center.text  # scored from files: no round


def test_the_workbook_leaves_the_runs_results_unbuilt(tmp_path):
    from bench.bench_reports import synthetic_run, synthetic_scheme
    from scoring.core.results import LazyIndicators

    # every sheet and chart reads each project's results for one use (results.one_use): a run
    # of 20,000 projects × 60 criteria keeps no 1.2 million result objects after its export
    run = synthetic_run(synthetic_scheme(12), 40, as_read=True)
    assert all(type(p.indicators) is LazyIndicators and not p.indicators.built for p in run.projects)
    assert len(run.projects[0].indicators) == 12 and not run.projects[0].indicators.built
    book = load_workbook(write_ranked_workbook(run, tmp_path / "r.xlsx", lang="en"))
    assert not [p.project_id for p in run.projects if p.indicators.built]
    assert book["Detail"].max_row == 1 + 40 * 12 and book["Chart data"].sheet_state == "hidden"
    assert len(dict(run.projects[0].indicators.items())) == 12  # built on request, as before

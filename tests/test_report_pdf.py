"""The PDF report, read back with poppler (pdftotext, pdfinfo, pdftoppm): pages, ranks, Chinese
text, repeated table headers, nothing cut, the approval block, the method appendix, bookmarks,
metadata, greyscale grades, relative file names; and the CLI's --pdf/--lang/--org."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import replace
from io import BytesIO

import pytest

from scoring.cli.main import main
from scoring.core.presentation import GRADE_PALETTE, GRADE_TINT, MIN_GREY_STEP, luma, tint
from scoring.core.report_settings import ReportSettings
from scoring.io.pipeline import AssessmentRun
from scoring.reports.pdf import canvas as pdf_canvas
from scoring.reports.pdf import chart_pages as pdf_chart_pages
from scoring.reports.pdf import ranking as pdf_ranking
from scoring.reports.pdf import report as pdf_report
from scoring.reports.pdf.report import page_count, write_pdf_report
from tests.report_data import (
    CHINESE_NAME,
    INJECTED_EVIDENCE,
    INJECTED_NAME,
    OVERRIDE_REASON,
    SCHEME_NAME,
    write_inputs,
)
from tests.system_programs import program


@pytest.fixture(scope="module", autouse=True)
def poppler():
    """These tests read the report back with poppler's tools (skipped without them, failed in CI)."""
    for name in ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm"):
        program(name, package="poppler-utils")


GENERATED = dt.datetime(2026, 3, 1, 9, 30)
SIGN_OFF = ReportSettings(
    org="生态环境部环境规划院",
    doc_no="环规〔2026〕7号",
    period="2025年度",
    assessor="张三",
    reviewer="李四",
    approver="王五",
)


def pdf_pages(path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def pdf_info(path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def pdf_page_count(path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", pdf_info(path)).group(1))


def outline(path) -> list[tuple[int, str]]:
    """(level, title) of every bookmark, read by PDFium."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return [(item.level, item.get_title()) for item in document.get_toc()]
    finally:
        document.close()


@pytest.fixture(scope="module")
def scored(report_run):
    return report_run


@pytest.fixture(scope="module")
def report_zh(scored, tmp_path_factory):
    out = write_pdf_report(
        scored,
        tmp_path_factory.mktemp("zh") / "report.pdf",
        lang="zh",
        generated=GENERATED,
        settings=SIGN_OFF,
    )
    return out, pdf_pages(out)


@pytest.fixture(scope="module")
def report_en(scored, tmp_path_factory):
    """The English report of the same run, without sign-off settings; tests only read it."""
    out = write_pdf_report(scored, tmp_path_factory.mktemp("en") / "en.pdf", lang="en", generated=GENERATED)
    return out, pdf_pages(out)


def test_page_count_and_footers(report_zh, scored):
    path, pages = report_zh
    total = pdf_page_count(path)
    assert len(pages) == total == page_count(scored, "zh", settings=SIGN_OFF)
    for n, page in enumerate(pages, start=1):
        assert f"第 {n} 页，共 {total} 页" in page


def test_cover_names_who_assessed_the_scheme_and_counts_by_grade(report_zh):
    _, pages = report_zh
    cover = pages[0]
    assert "减污降碳协同增效试点评估报告" in cover and "2026-03-01" in cover
    for value in ("生态环境部环境规划院", "环规〔2026〕7号", "2025年度"):
        assert value in cover
    assert SCHEME_NAME in cover
    assert "优秀 1" in cover and "良好 1" in cover and "不合格 3" in cover


def test_approval_block_on_the_cover_and_after_each_ranking(report_zh):
    _, pages = report_zh
    blocks = [n for n, page in enumerate(pages) if "审核与批准" in page]
    ranking = [n for n, page in enumerate(pages) if "排名结果" in page and "项目名称" in page]
    assert blocks[0] == 0 and ranking
    assert any(n >= ranking[-1] for n in blocks[1:])  # on the ranking's last page or the next
    page = pages[blocks[1]]
    for word in ("评估人：张三", "审核人：李四", "批准人：王五", "签字", "日期", "盖章"):
        assert word in page, word


def test_contents_page_gives_each_section_its_page(report_zh):
    _, pages = report_zh
    contents = pages[1]
    assert "目录" in contents
    lines = {
        " ".join(line.split()[:-1]): line.split()[-1]
        for line in contents.splitlines()
        if re.search(r"\s\d+$", line)
    }
    ranking_page = int(next(v for k, v in lines.items() if "排名结果" in k))
    assert "排名结果" in pages[ranking_page - 1] and "项目编号" in pages[ranking_page - 1]
    method_page = int(next(v for k, v in lines.items() if "附录" in k))
    assert "权重" in pages[method_page - 1]


def test_ranked_table_lists_ranks_in_order_with_chinese_names(report_zh):
    _, pages = report_zh
    ranked = next(page for page in pages if "排名结果 —" in page)
    lines = [line.split() for line in ranked.splitlines() if re.match(r"\s*\d\s+P\d", line)]
    expected = [("1", "P1"), ("2", "P5"), ("3", "P4"), ("4", "P2"), ("5", "P3")]
    assert [(row[0], row[1]) for row in lines] == expected
    assert CHINESE_NAME in ranked and "103.00" in ranked and "优秀" in ranked
    assert "排名" in ranked and "项目名称" in ranked


def test_project_pages_say_the_gap_and_the_paths_in_chinese(report_zh):
    _, pages = report_zh
    p5 = next(page for page in pages if "2. 无锡市试点" in page and "人工调整数" in page)
    assert "达到下一等级的途径 — 总分 81.82，距“优秀”（85 分）还差 3.18 分" in p5
    assert "83.25 (16.75% 改善率)" in p5 and "失分" in p5


def test_each_project_has_pages_with_indicators_issues_and_overrides(report_zh):
    _, pages = report_zh
    project_pages = [page for page in pages if "人工调整数" in page]  # key figures: project pages only
    p1 = next(page for page in project_pages if f"1. {CHINESE_NAME}" in page)
    assert "指标得分" in p1 and "单位GDP二氧化碳排放" in p1 and "人工评分" in p1
    start = next(n for n, page in enumerate(pages) if "3. 郑州市试点" in page)
    p4 = pages[start] + pages[start + 1]  # its issues follow its indicators
    # issue kinds and messages in Chinese, not the English keys
    assert "缺少必填值" in p4 and "不是数字" in p4 and "缺失" in p4 and "无效" in p4
    text = "\n".join(pages)
    assert "not_a_number" not in text
    assert "人工评分与调整" in text and "张工" in text and OVERRIDE_REASON in text


def test_provisional_results_are_marked_on_every_page_showing_them(report_zh):
    _, pages = report_zh
    # P4's manual criterion E is still pending: its rows carry ※ and the page the footnote
    for page in pages:
        if re.search(r"\d ※", page) or "不合格 ※" in page:
            assert "暂定：尚有待评" in page


def test_submission_text_prints_literally_and_nothing_is_cut(report_zh):
    _, pages = report_zh
    text = "\n".join(pages)
    assert INJECTED_NAME.replace(" ", "") in text.replace(" ", "").replace("\n", "")
    assert INJECTED_EVIDENCE in text
    assert text.count("…") == 0


def test_method_appendix_has_weights_thresholds_rules_and_alpha(report_zh):
    _, pages = report_zh
    start = next(n for n, page in enumerate(pages) if "附录：评估方法 —" in page)
    end = next(n for n, page in enumerate(pages) if "被拒收的文件" in page and n > start)
    appendix = "".join("".join(page.split()) for page in pages[start:end])
    for word in (
        "权重",
        "最差值",
        "最优值",
        "否决",
        "加分项",
        "扣分项",
        "等级划分",
        "85",
        "不适用",
        "名义满分",
        "α=0.5",
        "协同度D",
    ):
        assert word in appendix, word


def test_metadata_and_bookmarks(report_zh):
    path, _ = report_zh
    info = pdf_info(path)
    assert re.search(r"Title:\s+减污降碳协同增效试点评估报告", info)
    assert re.search(r"Author:\s+生态环境部环境规划院", info)
    marks = outline(path)
    titles = [title for _, title in marks]
    assert any(SCHEME_NAME in title for title in titles)
    assert "排名结果" in titles and "图表" in titles and "附录：评估方法" in titles
    assert f"1. {CHINESE_NAME}" in titles and "总分排名" in titles
    assert {level for level, _ in marks} == {0, 1, 2}


def test_chinese_font_is_embedded_as_truetype(report_zh):
    path, _ = report_zh
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        rows = fonts.split("\n", 2)[2].strip().splitlines()
        # ReportLab embeds subsets of the TrueType font, each with its own encoding
        assert rows and all("WenQuanYi" in row and "TrueType" in row and " yes yes " in row for row in rows)


def test_no_absolute_path_in_the_report(report_zh, scored):
    path, pages = report_zh
    folder = str(scored.projects[0].source).rsplit("/", 2)[0]
    assert folder.startswith("/")
    assert folder not in "\n".join(pages)
    assert "broken.xlsx" in "\n".join(pages)


def test_grade_colours_stay_apart_in_greyscale():
    colours = list(GRADE_PALETTE) + [tint(c, GRADE_TINT) for c in GRADE_PALETTE]
    for group in (colours[:4], colours[4:]):
        greys = sorted(luma(c) for c in group)
        assert min(b - a for a, b in zip(greys, greys[1:], strict=False)) >= MIN_GREY_STEP


def test_grade_cells_print_as_distinct_greys(report_zh, tmp_path):
    """The ranked page rendered in greyscale holds each grade's tint as a grey of its own."""
    from PIL import Image

    path, pages = report_zh
    number = next(n for n, page in enumerate(pages, start=1) if "排名结果 —" in page)
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            "60",
            "-f",
            str(number),
            "-l",
            str(number),
            str(path),
            str(tmp_path / "grey"),
        ],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("grey*.pgm")))
    counts = image.histogram()
    greys = {round(luma(tint(c, GRADE_TINT))) for c in (GRADE_PALETTE[0], GRADE_PALETTE[1], GRADE_PALETTE[3])}
    for grey in greys:  # the grades this run has: Excellent, Good, Fail
        assert max(counts[grey - 2 : grey + 3]) > 100, grey


def test_english_report(report_en):
    out, pages = report_en
    text = "\n".join(pages)
    assert "Pollution–carbon synergy pilot assessment" in text and "Ranked results" in text
    assert f"Page 1 of {pdf_page_count(out)}" in text and "Inspector scores and overrides" in text
    assert CHINESE_NAME in text and "Weight" in text and "Review and approval" in text
    assert "…" not in text
    # issue 17, P5 by hand (tests/test_export_xlsx.py): 900/11, 35/11 short of Excellent; B at
    # 83.25 (r* 16.75 %, s* 0.8375 shown upwards), or E's fraction 0.35; B loses 100/11 = 9.09
    project_pages = [page for page in pages if "Overrides" in page]  # key figures: project pages
    p5 = next(page for page in project_pages if "2. 无锡市试点" in page)
    assert "Paths to the next grade — Total 81.82: 3.18 points short of Excellent (85)" in p5
    assert re.search(r"B\s+CO2 per unit of GDP\s+83\.25 \(16\.75% improvement\)\s+85\s+0\.838", p5)
    assert re.search(r"E\s+On-site check\s+0\.35\s+—\s+0\.35", p5)
    assert re.search(r"B\s+CO2 per unit of GDP\s+85\s+100\s+0\.75\s+27\.27\s+9\.09\s+ok", p5)
    p1 = next(page for page in project_pages if f"1. {CHINESE_NAME}" in page)
    assert "Total 103: already at the top grade, Excellent" in p1
    p3 = next(page for page in project_pages if "5. 成都市试点" in page)
    assert "Vetoed: V must pass first before any higher grade" in p3


def copies(scored, n: int) -> AssessmentRun:
    """A run of ``n`` copies of the second project, Q000 … ranked 1 … n."""
    scheme = scored.schemes[0]
    project = scored.projects_of(scheme)[1]
    return AssessmentRun(
        [scheme], [replace(project, project_id=f"Q{i:03d}", rank=i + 1) for i in range(n)], []
    )


def ranking_pdf(run: AssessmentRun, out, lang: str):
    """Only the rankings of ``run`` laid out (``ranked_only``, the parts the GUI prints): the
    long-ranking tests need many rows, not the project pages and charts of each."""
    pdf_report.render(pdf_report.make_report(run, lang, GENERATED), out, parts=pdf_report.ranked_only)
    return out


def test_long_ranked_tables_repeat_their_header_on_every_page(scored, tmp_path):
    pages = pdf_pages(ranking_pdf(copies(scored, 90), tmp_path / "long.pdf", "zh"))
    ranked = [
        page
        for page in pages
        if re.search(r"^\s*\d+\s+Q\d{3}", page, re.MULTILINE) and "人工调整数" not in page
    ]
    assert len(ranked) >= 3
    assert all("项目名称" in page and "总分" in page for page in ranked)
    shown = re.findall(r"^\s*\d+\s+(Q\d{3})", "\n".join(ranked), re.MULTILINE)
    assert sorted(set(shown)) == [f"Q{i:03d}" for i in range(90)]


def test_a_ranking_of_hundreds_has_its_header_once_at_the_top_of_every_page(scored, tmp_path):
    """Rankings used to be tables of 80 rows one after the other: where one ended mid-page the
    next printed its header there again. Each page now has the header once, on top."""
    out = ranking_pdf(copies(scored, 250), tmp_path / "long.pdf", "en")
    ranked = [page for page in pdf_pages(out) if re.search(r"^\s*\d+\s+Q\d{3}", page, re.MULTILINE)]
    ranked = [page for page in ranked if "Overrides" not in page]  # not a project page
    assert len(ranked) >= 8
    for page in ranked:
        lines = page.splitlines()
        headers = [n for n, line in enumerate(lines) if re.search(r"\bRank\b.*\bProject ID\b", line)]
        first_row = next(n for n, line in enumerate(lines) if re.search(r"^\s*\d+\s+Q\d{3}", line))
        assert len(headers) == 1 and headers[0] < first_row, page[:400]
    shown = re.findall(r"^\s*\d+\s+(Q\d{3})", "\n".join(ranked), re.MULTILINE)
    assert shown == [f"Q{i:03d}" for i in range(250)]  # every row once, in rank order


def test_the_english_provisional_column_holds_its_mark_in_two_lines(scored):
    """It was so narrow that "provisional: 1 pending, grade could be Fail–Good" took four."""
    from reportlab.platypus import Paragraph

    from scoring.reports.pdf.layout import PADDING

    report = pdf_report.make_report(scored, "en", GENERATED)
    scheme = scored.schemes[0]
    projects = scored.projects_of(scheme)
    ranked = pdf_ranking.ranked_table(report, scheme, projects)
    column = [c.header for c in pdf_ranking.ranked_columns(report, scheme)].index("Provisional")
    room = ranked.column_widths[column] - 2 * PADDING
    marks = [row[column] for row in ranked.cells[1:] if row[column]]
    assert any("could be" in (m.getPlainText() if isinstance(m, Paragraph) else m) for m in marks)
    for mark in marks:
        if isinstance(mark, Paragraph):
            mark.wrap(room, 1000)
            assert len(mark.blPara.lines) <= 2, mark.getPlainText()


@pytest.mark.parametrize(
    ("lang", "label", "year", "shown"),
    [
        ("zh", "2025年度评估", "2025", "评估轮次：2025年度评估"),
        ("en", "second round", "2025", "Assessment round: second round (2025)"),
    ],
)
def test_the_assessment_round_is_on_the_cover_and_over_the_ranking(
    scored, tmp_path, lang, label, year, shown
):
    run = replace(scored, round=label, round_year=year)
    pages = pdf_pages(write_pdf_report(run, tmp_path / "round.pdf", lang=lang, generated=GENERATED))
    assert shown in pages[0]
    ranking = next(page for page in pages if ("排名结果 —" if lang == "zh" else "Ranked results —") in page)
    assert shown.replace("：", " ").replace(": ", " ") in ranking


def test_a_run_outside_a_workspace_names_no_round(report_zh):
    _, pages = report_zh
    assert "评估轮次" not in "".join(pages)


def test_chart_pixels_are_embedded_losslessly_and_a_picture_shown_twice_is_stored_once(tmp_path):
    """Charts are embedded by draw_pixels through ReportLab's public drawImage: the PDF holds the
    very pixels drawn, and a picture shown on two pages once."""
    import numpy as np
    import pypdfium2
    import pypdfium2.raw as pdfium_c
    from PIL import Image

    from scoring.reports.pdf.canvas import ReportCanvas, draw_pixels

    pixels = np.zeros((30, 40, 3), dtype=np.uint8)
    pixels[:15, :20] = (213, 94, 0)
    pixels[15:, 20:] = (0, 114, 178)
    pixels[:, 39] = (255, 255, 255)
    other = pixels.copy()
    other[0, 0] = (1, 2, 3)
    out = tmp_path / "pixels.pdf"
    canvas = ReportCanvas(str(out), pagesize=(200, 200))
    for shown in (pixels, pixels, other):  # three pages, one picture each
        draw_pixels(canvas, Image.fromarray(shown), 80, 60)
        canvas.showPage()
    canvas.save()
    assert out.read_bytes().count(b"/Subtype /Image") == 2
    document = pypdfium2.PdfDocument(str(out))
    try:
        assert len(document) == 3
        for page, expected in zip(document, (pixels, pixels, other), strict=True):
            (picture,) = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])
            shown = np.asarray(picture.get_bitmap(render=False).to_pil().convert("RGB"))
            assert shown.shape == expected.shape and (shown == expected).all()
    finally:
        document.close()


def test_a_cell_paragraph_breaks_its_lines_once_per_width(monkeypatch):
    """A table wraps a cell to measure its row and again to draw it, at the same width."""
    from reportlab.platypus import Paragraph

    from scoring.reports.pdf.layout import CellParagraph, styles_for

    breaks = []
    real = Paragraph.breakLinesCJK
    monkeypatch.setattr(
        Paragraph, "breakLinesCJK", lambda self, widths: breaks.append(widths) or real(self, widths)
    )
    cell = CellParagraph("湖州市减污降碳协同增效试点" * 3, styles_for("zh").cell)
    plain = Paragraph("湖州市减污降碳协同增效试点" * 3, styles_for("zh").cell)
    assert cell.wrap(60, 500) == cell.wrap(60, 400) == plain.wrap(60, 500)
    assert len(breaks) == 2  # the cell once, the plain paragraph once
    assert cell.wrap(90, 500) == plain.wrap(90, 500) and len(breaks) == 4
    assert cell.blPara.lines == plain.blPara.lines


def test_cancelling_writes_nothing(scored, tmp_path):
    out = tmp_path / "cancelled.pdf"
    write_pdf_report(scored, out, progress=lambda done, total: done < 3)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_run_without_projects_is_a_cover_and_contents(tmp_path):
    out = write_pdf_report(AssessmentRun(schemes=[]), tmp_path / "empty.pdf", lang="en")
    assert pdf_page_count(out) == 2


def test_many_indicators_continue_under_a_repeated_header(scored, tmp_path):
    scheme = scored.schemes[0]
    wide = replace(
        scheme, criteria=tuple(replace(c, code=f"{c.code}{k}") for k in range(8) for c in scheme.criteria)
    )
    project = scored.projects_of(scheme)[0]
    indicators = {
        f"{code}{k}": replace(ind, code=f"{code}{k}")
        for k in range(8)
        for code, ind in project.indicators.items()
    }
    run = AssessmentRun([wide], [replace(project, indicators=indicators)], [])
    out = write_pdf_report(run, tmp_path / "wide.pdf", lang="zh", generated=GENERATED)
    pages = [page for page in pdf_pages(out) if "现状值" in page and "指标" in page]
    assert len(pages) >= 2  # the indicator table goes on, under its header, on a second page


def test_long_refusals_wrap_whole(tmp_path):
    from scoring.core.model import Rejection

    detail = "the sheet Data reaches row 250,000, over the limit of 100,000 rows; " * 6
    refused = [
        Rejection(f"/in/file_{i:02}.xlsx", "too_large", f"file_{i:02}.xlsx: {detail}") for i in range(20)
    ]
    out = write_pdf_report(
        AssessmentRun(schemes=[], rejected=refused), tmp_path / "r.pdf", lang="en", generated=GENERATED
    )
    text = "\n".join(pdf_pages(out))
    assert "…" not in text and "/in/" not in text
    assert "".join(text.split()).count("overthelimitof100,000") == 20 * 6


def test_a_total_just_below_a_threshold_never_prints_as_the_threshold(scored, tmp_path):
    scheme = scored.schemes[0]
    p = replace(scored.projects_of(scheme)[1], total=84.995, grade="Good", pending=0)
    run = AssessmentRun([scheme], [p], [])
    text = "\n".join(pdf_pages(write_pdf_report(run, tmp_path / "t.pdf", lang="en", generated=GENERATED)))
    assert "84.99" in text and "85.00" not in text


def test_several_documents_use_one_font_registration():
    from scoring.reports.pdf import layout as pdf_layout

    assert pdf_layout.register_font() == pdf_layout.register_font() == pdf_layout.FONT


def test_render_into_memory_counts_pages(scored):
    assert pdf_report.render(pdf_report.make_report(scored, "en", GENERATED), BytesIO()) == page_count(
        scored, "en"
    )


def test_charts_are_drawn_only_when_their_page_is(scored, monkeypatch):
    """Issue 15: a chart is a recipe until its page is drawn, so the report never holds the
    pixels of all its charts at once."""
    from scoring.reports.charts import figures

    drawn = []
    real = figures.chart_figure

    def counting(kind, *args, **kwargs):
        drawn.append(kind)
        return real(kind, *args, **kwargs)

    monkeypatch.setattr(figures, "chart_figure", counting)
    report = pdf_report.make_report(scored, "zh", GENERATED)
    scheme = scored.schemes[0]
    section = list(pdf_chart_pages.chart_section(report, scheme, scored.projects_of(scheme), "s0"))
    assert drawn == []
    pictures = [part for part in section if isinstance(part, pdf_canvas.ChartImage)]
    assert len(pictures) >= 5
    pdf_report.render(report, BytesIO())
    assert len(drawn) == len(pictures)  # each chart drawn once, when its page was


def test_a_radar_backdrop_is_one_image_shown_on_every_project_page(scored, report_en):
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    report = pdf_report.make_report(scored, "en", GENERATED)
    scheme = scored.schemes[0]
    charts = [
        part
        for part in pdf_chart_pages.chart_section(report, scheme, scored.projects_of(scheme), "s0")
        if isinstance(part, pdf_canvas.ChartImage)
    ]
    whole, _ = report_en  # the same report (English, GENERATED, no settings), written to a file
    assert whole.read_bytes().count(b"/Subtype /Image") == len(charts) + 1  # the backdrop once
    for project in scored.projects:
        one = BytesIO()
        pdf_report.render(report, one, parts=lambda r, p=project: pdf_report.project_only(r, scheme, p))
        document = pypdfium2.PdfDocument(one.getvalue())
        try:
            pictures = list(document[0].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3))
        finally:
            document.close()
        assert len(pictures) == 1, project.project_id


# --------------------------------------------------------------------------- command line


def test_cli_writes_pdf_and_workbook_in_the_chosen_language(tmp_path, capsys):
    template, forms = write_inputs(tmp_path / "in")
    (forms / "broken.xlsx").unlink()
    pdf, xlsx = tmp_path / "out" / "report.pdf", tmp_path / "out" / "ranked.xlsx"
    code = main(
        [
            "score",
            "--template",
            str(template),
            str(forms),
            "--out",
            str(xlsx),
            "--pdf",
            str(pdf),
            "--lang",
            "en",
            "--org",
            "Provincial Bureau",
            "--doc-no",
            "No. 7",
            "--period",
            "2025",
            "--assessor",
            "Li",
            "--reviewer",
            "Wang",
            "--approver",
            "Zhao",
        ]
    )
    assert code == 0
    assert f"PDF report: {pdf}" in capsys.readouterr().out
    pages = pdf_pages(pdf)
    text = "\n".join(pages)
    assert "Ranked results" in text and CHINESE_NAME in text
    assert "Provincial Bureau" in pages[0] and "No. 7" in pages[0] and "Assessor: Li" in pages[0]
    assert re.search(r"Author:\s+Provincial Bureau", pdf_info(pdf))


def test_cli_pdf_defaults_to_chinese_and_refuses_a_folder(tmp_path, capsys):
    template, forms = write_inputs(tmp_path / "in")
    (forms / "broken.xlsx").unlink()
    assert main(["score", "--template", str(template), str(forms), "--pdf", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert main(["score", "--template", str(template), str(forms), "--pdf", str(tmp_path / "r.pdf")]) == 0
    assert "排名结果" in "\n".join(pdf_pages(tmp_path / "r.pdf"))
    assert main(["score", "--template", str(template), str(forms), "--lang", "fr"]) == 2


def test_provisional_results_are_marked_on_every_ranked_row_under_a_banner(report_zh, report_en):
    # E (manual) is pending for P2–P5 (see tests/report_data.py): P5 81.82 Good, 90.91 with E at 1
    path, pages = report_zh
    cover = pages[0]
    number = next(n for n, page in enumerate(pages, start=1) if "排名结果 —" in page)
    assert "注意：5 个项目中有 4 个结果为暂定" in cover
    assert "注意：5 个项目中有 4 个结果为暂定" in pages[number - 1]
    # in drawing order (-raw): a wrapped mark's lines stay together
    raw = subprocess.run(
        ["pdftotext", "-raw", "-f", str(number), "-l", str(number), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = re.sub(r"\s+", "", raw)
    assert flat.count("暂定：1项待定") == 4
    assert "等级可能为" in flat and "良好–优秀" in flat  # P5
    assert flat.count("等级仍为") == 3  # P4, P2, P3: Fail either way
    out, _ = report_en
    english = re.sub(
        r"\s+",
        " ",
        subprocess.run(
            ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout,
    )
    assert "Provisional results: 4 of 5" in english
    assert english.count("provisional: 1 pending,") >= 4 and "Good–Excellent" in english  # P5

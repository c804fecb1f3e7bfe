"""Odd text in names and reasons: every output shows it, none breaks on it (issue 15).

Names come from strangers' forms and reasons from inspectors' keyboards: a byte-order mark pasted
from Notepad, zero-width joiners from a web page, terminal escapes. The tests look at what comes
out (the PDF's text, the workbook's cells, the terminal's bytes), so they hold for any renderer.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from scoring.cli.main import main
from scoring.core.textclean import clean_text, with_clean_names
from scoring.reports.pdf.report import write_pdf_report
from scoring.reports.workbook import write_ranked_workbook
from tests.builders import criterion, project, write_form, write_template

#: Every general category Unicode defines.
CATEGORIES = ("Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe",
              "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn")


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def assert_pdf(path: Path) -> None:
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


def workbook_strings(path: Path) -> set[str]:
    book = load_workbook(path, read_only=True)
    try:
        rows = (row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
        return {str(value) for row in rows for value in row if value}
    finally:
        book.close()


def test_a_name_with_a_byte_order_mark_prints_in_the_pdf_and_the_workbook(tmp_path, capsys):
    template = write_template(tmp_path / "t.xlsx", [criterion("A")])
    forms = tmp_path / "in"
    forms.mkdir()
    write_form(forms / "p1.xlsx", project("P1", name="\ufeff唐山市\u200b试点"), [dict(code="A", current=50)])
    write_form(forms / "p2.xlsx", project("P2", name="Plain name"), [dict(code="A", current=60)])
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    code = main(["score", "--template", str(template), str(forms), "--pdf", str(pdf), "--out", str(xlsx)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "唐山市试点" in pdf_text(pdf)
    assert "唐山市试点" in workbook_strings(xlsx)
    assert not any("\ufeff" in s or "\u200b" in s for s in workbook_strings(xlsx))
    assert "\ufeff" not in out and "唐山市试点" in out


def test_the_terminal_never_receives_control_characters(tmp_path, capsys):
    template = write_template(tmp_path / "t.xlsx", [criterion("A"), criterion("M", type="manual")])
    write_form(tmp_path / "p1.xlsx", project("P1"), [dict(code="A", current=50)])
    workspace = tmp_path / "w.spw"
    form = tmp_path / "p1.xlsx"
    assert main(["score", "--workspace", str(workspace), "--template", str(template), str(form)]) == 0
    capsys.readouterr()
    inspector, reason = "Li\x1b[2J\x1b[31mWei\x07", "seen on site\x1b]0;owned\x07"
    assert main(["assess", "--workspace", str(workspace), "P1", "M", "0.5", "--inspector", inspector,
                 "--reason", reason]) == 0
    assert main(["audit", "--workspace", str(workspace)]) == 0
    out, err = capsys.readouterr()
    printed = out + err
    assert "Li\ufffd[2J\ufffd[31mWei\ufffd" in printed  # shown, so the reader sees something was there
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in printed)


@pytest.fixture(scope="module")
def scored(report_run):
    return report_run


def _names_from(category: str):
    return st.text(st.characters(categories=[category]), min_size=1, max_size=3)


#: One name per project of the report data, each made of pieces of six categories: five names
#: cover all thirty categories in every example.
NAMES = st.tuples(*(st.tuples(*(_names_from(c) for c in CATEGORIES[i::5])) for i in range(5)))


@pytest.mark.slow
@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(names=NAMES)
def test_names_from_every_unicode_category_render_in_the_pdf_and_the_workbook(scored, tmp_path_factory,
                                                                             names):
    run = copy.deepcopy(scored)
    for project_result, pieces in zip(sorted(run.projects, key=lambda p: p.project_id), names, strict=True):
        project_result.name = " ".join(pieces)
    folder = tmp_path_factory.mktemp("render")
    shown = with_clean_names(run)
    write_ranked_workbook(shown, folder / "r.xlsx", lang="zh", charts=False)
    write_pdf_report(shown, folder / "r.pdf", lang="zh")
    with zipfile.ZipFile(folder / "r.xlsx") as package:
        assert package.testzip() is None
    assert_pdf(folder / "r.pdf")
    cells = workbook_strings(folder / "r.xlsx")
    for p in run.projects:
        expected = clean_text(p.name, keep_newlines=False)
        assert any(expected.strip() in cell for cell in cells), expected

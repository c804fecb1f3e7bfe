"""A scheme with no carbon-side criterion: every project's synergy is null, and every output copes.

docs/method.md, "Synergy": no included criterion on a side means no index. The JSON says null,
the workbook leaves the D and class cells empty, the synergy chart says that no project has both
indices instead of drawing, and the PDF is written.
"""

from __future__ import annotations

import itertools
import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from scoring.io.pipeline import run  # noqa: E402
from scoring.reports.charts import scatter  # noqa: E402
from scoring.reports.pdf.report import write_pdf_report  # noqa: E402
from scoring.reports.workbook import write_ranked_workbook  # noqa: E402
from tests.builders import criterion, project, write_form, write_template  # noqa: E402


@pytest.fixture(scope="module")
def one_sided(tmp_path_factory):
    folder = tmp_path_factory.mktemp("one_sided")
    # P is pollution; B (both) counts in the total but on neither side: the carbon side is empty
    template = write_template(folder / "t.xlsx", [criterion("P", effect="pollution"),
                                                  criterion("B", effect="both")])
    (folder / "in").mkdir()
    for k in range(3):
        write_form(folder / "in" / f"p{k}.xlsx", project(pid=f"P{k}"),
                   [dict(code="P", current=30 * k), dict(code="B", current=50)])
    return run([template], [folder / "in"]), folder


def test_the_json_says_null(one_sided):
    result, _ = one_sided
    data = json.loads(json.dumps([p.as_dict() for p in result.projects]))
    assert [p["synergy"] for p in data] == [None, None, None]
    # totals still count B: P0 (0 + 50)/2 = 25, P2 (60 + 50)/2 = 55
    assert sorted(p["total"] for p in data) == pytest.approx([25.0, 40.0, 55.0])


def test_the_workbook_leaves_d_and_class_empty(one_sided):
    result, folder = one_sided
    out = write_ranked_workbook(result, folder / "r.xlsx", lang="en", charts=True)
    rows = list(load_workbook(out)[result.schemes[0].name].iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "Rank")
    # the table ends at the first empty row: notes and the approval block follow it
    body = list(itertools.takewhile(any, rows[rows.index(header) + 1:]))
    d, klass = header.index("Synergy D"), header.index("Synergy class")
    assert [(r[d], r[klass]) for r in body] == [(None, None)] * 3


def test_the_synergy_chart_says_no_project_has_both_indices(one_sided):
    result, _ = one_sided
    figure, ax = plt.subplots()
    try:
        assert scatter.draw_synergy(ax, result.schemes[0], result.projects, lang="en") is False
        assert any("No project has both indices" in t.get_text() for t in ax.texts)
    finally:
        plt.close(figure)


def test_the_pdf_is_written(one_sided):
    result, folder = one_sided
    out = write_pdf_report(result, folder / "r.pdf", lang="zh")
    assert out.read_bytes().startswith(b"%PDF")

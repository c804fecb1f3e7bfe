"""Habits of the field (issue 19, item 9): tooltips on chart points, frozen ID and name columns in
every wide table, the region filter grouped by province."""

from __future__ import annotations

import pytest
from matplotlib.backend_bases import MouseEvent
from PySide6.QtCore import Qt

from scoring.core.presentation import provinces_of


def _hover(canvas, ax, x: float, y: float) -> str:
    """The canvas's tooltip after the pointer moves to data point (x, y) of ``ax``."""
    px, py = ax.transData.transform((x, y))
    canvas.callbacks.process("motion_notify_event", MouseEvent("motion_notify_event", canvas, px, py))
    return canvas.toolTip()


def _charts(window, kind: str):
    window.tabs.setCurrentWidget(window.charts)
    window.charts.set_kind(kind)
    window.charts.draw_now()
    canvas = window.charts.chart.canvases[0]
    canvas.draw()
    return canvas, canvas.figure.axes[0]


def test_chart_points_say_which_project_and_what_value(window):
    projects = sorted(window.scheme_projects(), key=lambda p: p.rank)
    canvas, ax = _charts(window, "ranked")
    first = projects[0]
    # the middle of rank 1's bar (the top row, y = 0) names it and its total
    tip = _hover(canvas, ax, first.total / 2, 0)
    assert first.project_id in tip and f"{first.total:.2f}" in tip
    third = projects[2]
    assert third.project_id in _hover(canvas, ax, third.total / 2, 2)
    # beyond the longest bar nothing is under the pointer, and the tooltip goes
    assert _hover(canvas, ax, max(p.total for p in projects) * 1.1, 2) == ""

    canvas, ax = _charts(window, "heatmap")
    tip = _hover(canvas, ax, 1, 2)  # the third project's second criterion
    assert tip.startswith(third.project_id) and window.scheme().criteria[1].code in tip

    canvas, ax = _charts(window, "synergy")
    point = next(p for p in projects if p.synergy)
    tip = _hover(canvas, ax, point.synergy["carbon"], point.synergy["pollution"])
    assert point.project_id in tip and f"{point.synergy['carbon']:.2f}" in tip


def test_the_points_lost_chart_names_the_criterion_under_the_pointer(window, qtbot):
    from scoring.core import explain

    window.results.select_project(sorted(window.scheme_projects(), key=lambda p: p.rank)[-1].project_id)
    window.tabs.setCurrentWidget(window.detail)
    project = window.project()
    lost = sorted(((r.points_lost, r.code) for r in explain.worked(window.scheme(), project)
                   if r.points_lost), reverse=True)
    qtbot.waitUntil(lambda: bool(window.detail.chart.canvases)
                    and bool(window.detail.chart.canvases[0].figure.axes), timeout=10000)
    canvas = window.detail.chart.canvases[0]
    canvas.draw()
    ax = canvas.figure.axes[0]
    top = ax.get_yticklabels()[0].get_text().split()[0]  # the criterion of the top bar
    value = dict((code, v) for v, code in lost)[top]
    tip = _hover(canvas, ax, value / 2, 0)
    assert tip.startswith(top) and f"{value:.2f}" in tip


@pytest.mark.parametrize("where", ["results", "detail", "tracking"])
def test_id_and_name_stay_in_view_in_every_wide_table(window, qtbot, where):
    window.resize(640, 420)
    if where == "results":
        table, frozen, count = window.results.table, window.results.frozen, 3
    elif where == "detail":
        window.tabs.setCurrentWidget(window.detail)
        table, frozen, count = window.detail.table, window.detail.frozen, 2
    else:
        window.tabs.setCurrentWidget(window.tracking_view)
        qtbot.waitUntil(lambda: window.tracking_view.table.columnCount() > 0, timeout=60000)
        table, frozen, count = window.tracking_view.table, window.tracking_view.frozen, 2
        table.setColumnWidth(2, 1500)  # one round of the demo fits: widen it as more rounds would
    qtbot.wait(50)
    bar = table.horizontalScrollBar()
    assert bar.maximum() > 0, "the table is wider than the window"
    bar.setValue(bar.maximum())
    assert frozen.view.isVisible()
    shown = [c for c in range(table.model().columnCount()) if not frozen.view.isColumnHidden(c)]
    assert shown == list(range(count))
    assert frozen.view.width() == sum(table.columnWidth(c) for c in shown)
    bar.setValue(0)
    assert not frozen.view.isVisible()


def test_disagreements_keep_project_and_name_in_view():
    from gui.views.disagreements_view import DisagreementsView

    view = DisagreementsView()
    shown = [c for c in range(view.model.columnCount()) if not view.frozen.view.isColumnHidden(c)]
    assert shown == [0, 1]
    assert [view.model.headerData(c, Qt.Orientation.Horizontal) for c in shown] == ["Project ID", "Name"]


def test_provinces_are_read_from_a_regions_text():
    assert provinces_of("江苏省苏州市") == ("江苏省",)
    assert provinces_of("上海市、江苏省、浙江省") == ("上海市", "江苏省", "浙江省")
    assert provinces_of("内蒙古自治区鄂尔多斯市") == ("内蒙古自治区",)
    assert provinces_of("浙江湖州") == ("浙江省",)  # a short name
    assert provinces_of("Zhejiang") == ()


def test_region_filter_is_grouped_by_province(window):
    window.navigator.select_scheme(next(s.name for s in window.run.schemes if s.level == "park"))
    box = window.results.region_box
    entries = [(box.itemText(i), box.itemData(i)) for i in range(box.count())]
    texts = [t for t, _ in entries]
    # the province heading, then its regions indented below it
    jiangsu = texts.index("江苏省")
    assert texts[jiangsu + 1].startswith("    江苏省")
    assert box.itemData(jiangsu, Qt.ItemDataRole.FontRole).bold()  # headings in bold
    box.setCurrentIndex(jiangsu)
    shown = {window.results.model.project_at(r).region for r in range(window.results.model.rowCount())}
    parks = window.scheme_projects()
    assert shown == {p.region for p in parks if "江苏省" in provinces_of(p.region)}
    assert len(shown) > 1, "a province holds several of the demo's parks' cities"
    one = next(i for i, t in enumerate(texts) if t.startswith("    江苏省苏州市"))
    box.setCurrentIndex(one)
    assert {window.results.model.project_at(r).region
            for r in range(window.results.model.rowCount())} == {"江苏省苏州市"}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_f1_on_every_tab_opens_the_guide_in_the_interface_language_at_its_section(window, qtbot, lang):
    import re

    from gui import paths, translation
    from gui.views.help_view import GUIDES, SECTIONS

    translation.install(lang)
    short = translation.data_lang()
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.keyClick(window, Qt.Key.Key_F1)
        guide = window.help_dialog
        assert guide.isVisible() and guide.lang == short
        heading = SECTIONS[window.tab_key()][short].lstrip("# ")
        assert guide.browser.textCursor().selectedText() == heading, window.tab_key()
        assert guide.browser.verticalScrollBar().value() > 0  # scrolled to the section
        guide.close()
    # the guide's pictures are there, in the interface's language
    text = (paths.docs_dir() / GUIDES[short]).read_text(encoding="utf-8")
    pictures = re.findall(r"\]\((screenshots/[^)]+)\)", text)
    assert pictures and all((paths.docs_dir() / p).is_file() for p in pictures)
    if short == "zh":
        assert all(p.startswith("screenshots/zh_") for p in pictures)


def test_trend_line_points_say_which_project_and_round(window, qtbot):
    view = window.tracking_view
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.table.rowCount() > 0, timeout=60000)
    view.table.selectRow(0)
    view.charts.draw_now()
    canvas = view.charts.canvases[0]
    canvas.draw()
    ax = canvas.figure.axes[0]
    project_id = view.table.item(0, 0).text()
    total = next(p.total for p in window.scheme_projects() if p.project_id == project_id)
    tip = _hover(canvas, ax, 0, total)
    assert tip.startswith(project_id) and f"{total:.2f}" in tip
    assert view.scheme().rounds[0].label in tip

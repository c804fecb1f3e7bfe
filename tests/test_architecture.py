"""The engine runs without Qt: scoring/ never imports it, directly or through a dependency."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qtpy")


def test_scoring_source_never_imports_qt():
    offenders = []
    for path in (ROOT / "scoring").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")) and any(q in stripped for q in QT_MODULES):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {stripped}")
    assert offenders == []


def test_importing_every_scoring_module_loads_no_qt():
    modules = sorted(p.stem for p in (ROOT / "scoring").glob("*.py") if p.stem != "__init__")
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module('scoring.' + m)\n"
        f"print([q for q in {QT_MODULES!r} if q in sys.modules])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"

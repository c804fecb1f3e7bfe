"""Where the app keeps its own files: the user's data folder, the log, the demo workspace.

``SYNERGYPILOT_HOME`` overrides the platform's data folder, so tests, benchmarks and the
screenshot script never touch a real user's files.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from scoring.resources import DOCS_DIR, FONTS_DIR

HOME_VARIABLE = "SYNERGYPILOT_HOME"


def data_dir() -> Path:
    """The user's data folder for SynergyPilot, created on first use."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        folder = Path(override)
    else:
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
        folder = Path(location) if location else Path.home() / ".synergypilot"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_file() -> Path:
    """The error log, appended to by the exception hooks."""
    return data_dir() / "synergypilot.log"


def demo_dir() -> Path:
    """Where the demo submissions are written on first start."""
    return data_dir() / "demo"


def demo_workspace() -> Path:
    """The demo workspace created on first start."""
    return data_dir() / "demo.spw"


def fonts_dir() -> Path:
    """Fonts shipped with the app (assets/fonts), registered with Qt at start."""
    return FONTS_DIR


def docs_dir() -> Path:
    """The user guide (docs/*.md and their pictures), shipped with the app for Help → User guide."""
    return DOCS_DIR

"""Every file the app ships beside its code, found in one place.

The code moves between folders (scoring/core, scoring/io, …) and runs from a source checkout
or a PyInstaller bundle; computing ``Path(__file__).parent.parent`` in each module broke every
time a module moved. Here the root is found once, from this module, which stays at the top of
the ``scoring`` package (the bundle keeps the same layout under ``_internal``).
"""

from __future__ import annotations

from pathlib import Path

#: The folder that holds ``scoring/``, ``templates/``, ``assets/`` and ``docs/``.
APP_ROOT = Path(__file__).resolve().parent.parent

#: The shipped scheme templates (one .xlsx per level) users open, edit and load.
TEMPLATES_DIR = APP_ROOT / "templates"

#: The readable TOML sources the shipped templates are built from (scoring/build/templates.py).
TEMPLATE_SOURCES_DIR = TEMPLATES_DIR / "source"

#: Fonts shipped with the app (a CJK font for charts and PDFs).
FONTS_DIR = APP_ROOT / "assets" / "fonts"

#: The user guide (docs/*.md and their pictures), shipped for Help → User guide.
DOCS_DIR = APP_ROOT / "docs"

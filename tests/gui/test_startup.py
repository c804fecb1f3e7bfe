"""Start-up (issue 19): the window appears before the heavy libraries load, the workspace after.

How long it takes is measured by ``make bench`` (bench/bench_gui.py) against a bare PySide6
window; these tests pin the behaviour that makes it fast: what the first window imports, and
that the workspace opens behind a window already shown.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gui import settings

ROOT = Path(__file__).resolve().parents[2]

#: Loaded only when something needs them (a chart, a report, an export) or behind the window
#: (numpy and the engine, with the workspace), never before the window is shown.
LATE = ("matplotlib", "openpyxl", "reportlab", "numpy", "scoring.core.engine", "scoring.workspace.facade",
        "multiprocessing")

FIRST_WINDOW = """
import json, sys
from gui.app import make_application
from gui.main_window import MainWindow
app = make_application([])
window = MainWindow()
window.show()
app.processEvents()
window.grab()
print(json.dumps(sorted(m for m in sys.modules if m in {late!r} or m.split(".")[0] in {late!r})))
"""


def test_the_first_window_is_shown_without_charts_reports_workbooks_or_the_engine(tmp_path):
    """A fresh process (this one has loaded everything): build and paint the main window, then
    list which of the late libraries it imported."""
    env = {**os.environ, "SYNERGYPILOT_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", FIRST_WINDOW.format(late=LATE)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == []


def test_the_window_is_shown_first_and_the_last_workspace_opens_behind_it(qtbot, demo_workspace):
    from gui.app import open_start_workspace
    from gui.main_window import MainWindow

    store = settings.Settings()
    store.last_workspace = str(demo_workspace)
    window = MainWindow(settings=store)
    qtbot.addWidget(window)
    window.show()
    open_start_workspace(window, store)
    # at once: the window is there with the progress shown, and the workspace not yet open
    assert window.backend is None and window.task_worker is not None
    assert window.progress.isVisible()
    assert not window.act_open.isEnabled()  # nothing that would race the opening
    assert window.act_settings.isEnabled() and window.menu_help.isEnabled()
    with qtbot.waitSignal(window.workspace_opened, timeout=60000) as opened:
        pass
    assert opened.args[0].backend is window.backend
    assert window.backend.path == demo_workspace
    assert not window.progress.isVisible() and window.act_open.isEnabled()
    assert len(window.run.projects) == 86 and window.results.model.rowCount() > 0
    assert "demo.spw" in window.windowTitle()


def test_a_workspace_that_will_not_open_is_reported_and_the_demo_shown(qtbot, demo_workspace, tmp_path,
                                                                         shown_errors):
    from gui import paths
    from gui.app import open_start_workspace
    from gui.main_window import MainWindow

    damaged = tmp_path / "damaged.spw"
    damaged.write_bytes(b"not a workspace at all" * 100)
    demo = paths.demo_workspace()
    demo.parent.mkdir(parents=True, exist_ok=True)
    demo.write_bytes(demo_workspace.read_bytes())
    store = settings.Settings()
    store.last_workspace = str(damaged)
    store.demo_complete = True
    window = MainWindow(settings=store)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.workspace_opened, timeout=60000):
        open_start_workspace(window, store)
    assert [title for title, _message, _details in shown_errors] == ["Could not open the workspace"]
    assert window.backend.path.resolve() == demo.resolve()
    assert window.task_worker is None  # a complete demo: nothing imported again

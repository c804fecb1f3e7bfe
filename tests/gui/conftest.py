"""Fixtures for the GUI tests: an isolated user folder, the demo workspace, the real window.

Every test gets its own data folder (``SYNERGYPILOT_HOME``) and QSettings folder, English as
the language, and error dialogs recorded instead of shown (a modal dialog would hang the
test). A test that leaves a worker or thread running fails: ``_no_dangling_threads``.
"""

from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from gui import errors, settings, translation, workers


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory, demo_submissions):
    """The demo submissions, a workspace holding the good ones (``demo.spw``) and one of the six
    demo regions alone (``regions.spw``), made once per session: tests work on copies."""
    from gui.backend import DEMO_FOLDERS, create_backend

    root = tmp_path_factory.mktemp("demo")
    shutil.copytree(demo_submissions.folder, root / "submissions")
    for name, folders in (("demo.spw", DEMO_FOLDERS), ("regions.spw", ["region"])):
        backend = create_backend(root / name)
        backend.import_files([root / "submissions" / folder for folder in folders])
        backend.close()
    return root


@pytest.fixture
def demo_workspace(demo_files, tmp_path):
    """A fresh copy of the demo workspace for one test."""
    target = tmp_path / "demo.spw"
    shutil.copyfile(demo_files / "demo.spw", target)
    return target


@pytest.fixture(autouse=True)
def gui_environment(qapp, tmp_path, monkeypatch):
    """Own data and settings folders, English, and recorded error dialogs."""
    home = tmp_path / "home"
    monkeypatch.setenv("SYNERGYPILOT_HOME", str(home))
    settings.use_folder(tmp_path / "settings")
    translation.install("en")
    QApplication.sendPostedEvents()
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        errors,
        "show_error",
        lambda parent, title, message, details="": shown.append((title, message, details)),
    )
    yield shown
    translation.install("en")


@pytest.fixture
def shown_errors(gui_environment):
    """Error dialogs the test caused: (title, message, details)."""
    return gui_environment


@pytest.fixture(autouse=True)
def _no_dangling_threads(qapp):
    """Fail a test that leaves a worker, a pool thread or a Python thread running."""
    before = set(threading.enumerate())
    yield
    pool = QThreadPool.globalInstance()
    # A worker whose result the test already received may still be leaving run() (its last
    # queued signal not yet posted), more so on a loaded machine: let it end, then deliver what
    # it posted. Work a test really left running is still busy after this and fails below.
    pool.waitForDone(5000)
    QApplication.processEvents()  # deliver the workers' last queued signals
    leftover = workers.active_workers()
    busy = pool.activeThreadCount()
    new_threads = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    if leftover or busy or new_threads:
        workers.cancel_all()
        pool.waitForDone(30000)
        QApplication.processEvents()
        pytest.fail(
            f"test left work running: {len(leftover)} workers, {busy} pool threads, "
            f"threads {[t.name for t in new_threads]}"
        )


@pytest.fixture
def window(qtbot, demo_workspace):
    """The real main window on a copy of the demo workspace, city scheme shown."""
    return _open_window(qtbot, demo_workspace, "city")


@pytest.fixture
def small_window(qtbot, demo_files, tmp_path):
    """The real main window on a copy of the workspace of the six demo regions alone (its
    exports take seconds where the whole demo's take a minute), region scheme shown."""
    path = tmp_path / "regions.spw"
    shutil.copyfile(demo_files / "regions.spw", path)
    return _open_window(qtbot, path, "region")


def _open_window(qtbot, workspace, level: str):
    from gui.main_window import MainWindow

    win = MainWindow(settings=settings.Settings())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.open_workspace(workspace)
    win.navigator.select_scheme(next(s.name for s in win.run.schemes if s.level == level))
    return win


@pytest.fixture
def rescored(qtbot, window):
    """``with rescored():`` around a recorded step (a score, an override, a withdrawal, an
    undo) waits for the window to show the workspace scored again: a worker scores it."""
    return lambda: qtbot.waitSignal(window.results_changed, timeout=60000)

"""Starting the desktop application: ``python main.py`` with no arguments lands here.

Order matters: the QApplication first, then the exception hooks (so that anything failing
later reaches a dialog and the log), fonts, settings, the translation, and last the window
with its workspace — the last one used, or on first start the demo — opened, scored (and on
first start written and imported) in the background, so the window is usable at once.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSettings
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from gui import backend as backend_module
from gui import errors, paths, translation, workers
from gui.main_window import MainWindow
from gui.settings import APPLICATION, ORGANISATION, Settings, use_folder
from scoring.io.safe_read import assert_defused_xml

log = logging.getLogger("synergypilot")


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with names, hooks, fonts and language."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    errors.install_hooks()
    isolate_settings()
    register_fonts(app)
    translation.install(Settings().language)
    return app


def isolate_settings() -> None:
    """With ``SYNERGYPILOT_HOME`` set, keep the settings in that folder too (as INI files), so
    that a portable copy, a test or a benchmark never reads or changes the user's own; unless
    a settings folder was chosen already (:func:`gui.settings.use_folder`)."""
    if os.environ.get(paths.HOME_VARIABLE) and QSettings.defaultFormat() != QSettings.Format.IniFormat:
        use_folder(paths.data_dir() / "settings")


def register_fonts(app: QApplication) -> list[str]:
    """Register the shipped CJK font and keep it as a fallback of the application font.

    Offscreen and on machines without a Chinese font, Qt would otherwise draw boxes.
    """
    families: list[str] = []
    for path in sorted(paths.fonts_dir().glob("*.tt[fc]")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if families:
        font = app.font()
        font.setFamilies([font.family(), *dict.fromkeys(families)])
        app.setFont(font)
    return families


def open_start_workspace(window: MainWindow, settings: Settings) -> None:
    """Open the last workspace in the background, the window usable meanwhile; on first start
    (or when it is gone or will not open) the demo one, created and its submissions imported
    when it does not exist yet. ``window.workspace_opened`` says when it is shown."""
    demo = paths.demo_workspace()
    last = Path(settings.last_workspace) if settings.last_workspace else None
    candidates = [p for p in dict.fromkeys((last, demo)) if p is not None and p.exists()]

    def opened(outcome: backend_module.Opened) -> None:
        for path, exc in outcome.failures:
            if path == demo:
                log.warning("the demo workspace could not be opened; creating it again", exc_info=exc)
            else:  # a moved or damaged file: say so; the demo is shown instead
                errors.report_exception(
                    window, errors.tr(QT_TRANSLATE_NOOP("errors", "Could not open the workspace")), exc
                )
        if outcome.created:
            window.start_demo()
        else:
            finish_interrupted_demo(window, settings, outcome.backend.path)

    window.start_opening(candidates, demo, opened)


def finish_interrupted_demo(window: MainWindow, settings: Settings, opened: Path) -> None:
    """Quitting during the first-start import leaves part of the demo: import the rest.

    Files already in the workspace are recognised as unchanged, so nothing is doubled.
    """
    if opened.resolve() == paths.demo_workspace().resolve() and not settings.demo_complete:
        window.start_demo()


def has_display() -> bool:
    """Whether a window can be shown: on Linux, an X or Wayland display or a chosen Qt platform."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: list[str] | None = None) -> int:
    """Run the desktop application until its window closes; return the exit code."""
    if not has_display():
        # Qt would abort with its own message about the "xcb" platform plugin.
        print("SynergyPilot needs a desktop to show its window, and none was found (DISPLAY is not "
              "set). Run it on the desktop, or use the command line: python main.py --help",
              file=sys.stderr)
        return 2
    assert_defused_xml()
    app = make_application(argv)
    settings = Settings()
    window = MainWindow(settings=settings)
    window.show()
    app.processEvents()  # the window drawn first; the workspace loads behind it
    open_start_workspace(window, settings)
    code = app.exec()
    tear_down(window)
    return code


def tear_down(window: MainWindow) -> None:
    """Destroy the window while the application still runs, before Python exits.

    Left to the interpreter's exit, PySide deletes the remaining widgets in no set order
    after Qt has begun to shut down, which crashed the app now and then on quitting
    (a segmentation fault after the window had closed). Here the work stops first, then the
    window and its children go while everything they refer to still exists.
    """
    workers.shut_down()
    if window.backend is not None:
        window.backend.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()

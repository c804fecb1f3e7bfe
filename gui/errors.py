"""The one place where failures become dialogs.

Expected failures (a bad template, an unreadable workspace, a file that cannot be written)
are raised by scoring/ as typed errors; views catch them at the boundary with
:func:`error_boundary` and :func:`show_error` turns them into a readable dialog with details.
The unexpected goes through :func:`install_hooks`: ``sys.excepthook`` and
``threading.excepthook`` write the traceback to the log file in the user's data folder first
(so nothing is lost if the dialog fails), then show a dialog; the window stays open.

Tests replace :func:`show_error` by monkeypatching this module's attribute, which is why
callers use ``errors.show_error(...)`` rather than importing the function.
"""

from __future__ import annotations

import faulthandler
import functools
import logging
import sys
import threading
import traceback

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gui import paths, translation

log = logging.getLogger("synergypilot")
_relay: _Relay | None = None
_crash_file = None


def tr(text: object) -> str:
    """Translate a text registered in the ``errors`` context (see QT_TRANSLATE_NOOP at callers,
    which returns the text, typed as ``object``)."""
    return QCoreApplication.translate("errors", str(text))


def setup_logging() -> None:
    """Append warnings and errors to the log file in the user's data folder (once)."""
    target = str(paths.log_file())
    if any(getattr(h, "baseFilename", None) == target for h in log.handlers):
        return
    handler = logging.FileHandler(target, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def describe(exc: BaseException) -> tuple[str, str]:
    """A readable one-line message and the details for an exception.

    Typed errors from scoring/ carry their own readable text (a TemplateError lists every
    problem); OS errors are reduced to what and where; anything else shows its type.
    """
    problems = getattr(exc, "problems", None)
    if problems:  # a TemplateError: each problem by sheet and cell, in the interface's language
        details = "\n".join(p.text(translation.data_lang()) for p in problems)
        return QCoreApplication.translate("errors", "The template is not valid (%n problem(s)).", None,
                                          len(problems)), details
    # An OutputError names the file and says why, in the interface's language; so do the other
    # scoring errors that carry both languages (WhatIfError, scoring.analysis.weights.WeightsError)
    bilingual = getattr(exc, "text", None)
    if callable(bilingual):
        return bilingual(translation.data_lang()), str(exc)
    if isinstance(exc, OSError):
        where = exc.filename or ""
        return QCoreApplication.translate("errors", "The file {name} could not be used: {reason}").format(
            name=where, reason=exc.strerror or str(exc)
        ), str(exc)
    text = str(exc) or type(exc).__name__
    # What happened, in one line; the traceback goes to the log only, never to the person.
    return text, f"{type(exc).__name__}: {exc}"


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    """Show a modal error dialog; ``details`` sits behind the dialog's Show Details button."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def report_exception(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """Log an expected failure and show it as a dialog."""
    message, details = describe(exc)
    log.warning("%s: %s", title, message)
    errors_module = sys.modules[__name__]
    errors_module.show_error(parent, title, message, details)


def error_boundary(title: object):
    """Decorate a slot so that any exception becomes a dialog titled ``title`` (translated).

    The slot's ``self`` is the dialog's parent. Used on user actions, where a failure must
    reach the person and leave the window working.
    """

    def decorate(slot):
        @functools.wraps(slot)
        def wrapper(self, *args, **kwargs):
            try:
                return slot(self, *args, **kwargs)
            except Exception as exc:
                log.exception("action failed: %s", title)
                report_exception(self if isinstance(self, QWidget) else None, tr(title), exc)
                return None

        return wrapper

    return decorate


class _Relay(QObject):
    """Carries an unexpected exception from any thread to the GUI thread's dialog."""

    raised = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.raised.connect(self.show_raised)

    def show_raised(self, message: str, details: str) -> None:
        parent = QApplication.activeWindow()
        try:
            sys.modules[__name__].show_error(
                parent,
                QCoreApplication.translate("errors", "Unexpected error"),
                QCoreApplication.translate(
                    "errors", "Something went wrong: {message}\nYour work is saved; the details are in {log}."
                ).format(message=message, log=paths.log_file()),
                details,
            )
        except Exception:  # the dialog itself failed: the log already has the details
            log.exception("could not show the error dialog")


def _handle(exc_type, exc, tb) -> None:
    log.error("unexpected exception\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    details = f"{exc_type.__name__}: {exc}"
    if issubclass(exc_type, KeyboardInterrupt):
        return
    message = str(exc) or exc_type.__name__
    app = QCoreApplication.instance()
    if _relay is None or app is None:
        sys.stderr.write(details)
        return
    if QThread.currentThread() is app.thread():
        _relay.show_raised(message, details)
    else:  # a queued signal: widgets are only touched on the GUI thread
        _relay.raised.emit(message, details)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    _handle(args.exc_type, args.exc_value, args.exc_traceback)


def install_hooks() -> None:
    """Route every unexpected exception to the log file and a dialog (call once, after QApplication)."""
    global _relay
    setup_logging()
    if _relay is None:
        _relay = _Relay()
    sys.excepthook = _handle
    threading.excepthook = _thread_hook
    _record_crashes_in_the_log()


def _record_crashes_in_the_log() -> None:
    """A crash in Qt's C++ code ends the process without a Python exception: have Python
    write where each thread was into the log, so that the crash can be reported and found."""
    global _crash_file
    if faulthandler.is_enabled():  # already on (pytest, python -X faulthandler): leave it there
        return
    if _crash_file is None:
        try:
            _crash_file = paths.log_file().open("a", encoding="utf-8")
        except OSError:  # a read-only data folder: the app still runs, only without this record
            return
    faulthandler.enable(file=_crash_file, all_threads=True)

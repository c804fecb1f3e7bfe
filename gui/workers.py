"""Long work off the GUI thread: a QRunnable on QThreadPool, signals on a separate QObject.

The work itself is a plain function ``fn(state, *args)`` (testable without Qt widgets); it
reports progress with ``state.progress(done, total, text, unit)``, which returns False once the
person pressed Cancel, and never touches a widget. The widget that started it connects to
``signals.finished(result)`` or ``signals.failed(exception)``; both arrive on the GUI thread
because the signals object lives there and Qt queues cross-thread emissions.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("synergypilot")

#: Workers started and not yet delivered: keeps the Python objects alive while Qt runs them,
#: and lets tests check that nothing is left running.
_active: set[Worker] = set()
_lock = threading.Lock()


class WorkerSignals(QObject):
    """What a worker tells the GUI thread.

    The worker thread emits the ``relayed_*`` signals (meant for this object alone); they reach it (it
    lives on the GUI thread) queued, and it passes them on as the public ones unless the worker
    was discarded in the meantime. Disconnecting would not do: a queued call already posted is
    still delivered, and on quitting it would reach a window whose workspace is closed.
    """

    #: (done, total, text, unit): step ``done + 1`` of ``total``, on ``text`` (a file, a scheme),
    #: counting ``unit`` ("file", "page", …; see gui.views.import_views.ImportProgress).
    progressed = Signal(int, int, str, str)
    finished = Signal(object)
    failed = Signal(object)
    #: Emitted last, after finished or failed, whatever the outcome (even when discarded).
    done = Signal()

    relayed_progress = Signal(int, int, str, str)
    relayed_result = Signal(object)
    relayed_failure = Signal(object)
    relayed_end = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.discarded = False
        self.relayed_progress.connect(self._pass_progress)
        self.relayed_result.connect(self._pass_result)
        self.relayed_failure.connect(self._pass_failure)
        self.relayed_end.connect(self.done)

    @Slot(int, int, str, str)
    def _pass_progress(self, done: int, total: int, text: str, unit: str) -> None:
        if not self.discarded:
            self.progressed.emit(done, total, text, unit)

    @Slot(object)
    def _pass_result(self, result) -> None:
        if not self.discarded:
            self.finished.emit(result)

    @Slot(object)
    def _pass_failure(self, exc) -> None:
        if not self.discarded:
            self.failed.emit(exc)


class TaskState:
    """Handed to the work function: progress reporting and the cancel flag."""

    def __init__(self, signals: WorkerSignals) -> None:
        self._signals = signals
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def progress(self, done: int, total: int, text: str = "", unit: str = "") -> bool:
        """Report step ``done + 1`` of ``total`` (0 when it cannot be counted) on ``text``,
        counting ``unit``; return False when the work should stop."""
        self._signals.relayed_progress.emit(int(done), int(total), str(text), str(unit))
        return not self.cancelled


class Worker(QRunnable):
    """Runs ``fn(state, *args)`` on the thread pool and reports the outcome by signals."""

    def __init__(self, fn: Callable, *args) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it: released by _release on the GUI thread
        self.signals = WorkerSignals()
        self.state = TaskState(self.signals)
        self._fn = fn
        self._args = args
        self.signals.done.connect(self._release)

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self.state.cancel()

    def discard(self) -> None:
        """Cancel, and deliver neither progress nor outcome any more (the window is closing)."""
        self.signals.discarded = True
        self.state.cancel()

    def run(self) -> None:
        try:
            result = self._fn(self.state, *self._args)
        except Exception as exc:  # delivered to the GUI as a failed signal, never lost
            log.warning("background task failed", exc_info=True)
            self.signals.relayed_failure.emit(exc)
        else:
            self.signals.relayed_result.emit(result)
        finally:
            self.signals.relayed_end.emit()

    def _release(self) -> None:
        with _lock:
            _active.discard(self)


def start(worker: Worker, pool: QThreadPool | None = None) -> Worker:
    """Start a worker on the global pool (or ``pool``) and keep it alive until done."""
    with _lock:
        _active.add(worker)
    (pool or QThreadPool.globalInstance()).start(worker)
    return worker


def active_workers() -> list[Worker]:
    """Workers started whose outcome the GUI thread has not received yet."""
    with _lock:
        return list(_active)


def cancel_all() -> None:
    """Ask every running worker to stop."""
    for worker in active_workers():
        worker.cancel()


def shut_down(timeout_ms: int = 10000, pool: QThreadPool | None = None) -> bool:
    """On quitting: discard every worker and wait for them to stop.

    Returns
    -------
    bool
        True when all stopped within ``timeout_ms``.
    """
    for worker in active_workers():
        worker.discard()
    return (pool or QThreadPool.globalInstance()).waitForDone(timeout_ms)

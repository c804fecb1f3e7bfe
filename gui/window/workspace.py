"""The main window's workspace flow: new, open (also at start-up, in a worker), save as, recent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QFileDialog

from gui import backend as backend_module
from gui import errors, workers
from gui.errors import error_boundary
from gui.window.state import WindowState

WORKSPACE_SUFFIX = ".spw"


class WindowWorkspace(WindowState):
    """Creates, opens and copies workspaces (opening at start-up in a worker)."""

    # ----------------------------------------------------------------------------- workspace
    def _workspace_filter(self) -> str:
        return self.tr("SynergyPilot workspace (*.spw)")

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not create the workspace"))
    def _on_new_triggered(self, *_args) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New workspace"), self.settings.export_folder, self._workspace_filter()
        )
        if path:
            self.set_backend(backend_module.create_backend(Path(path).with_suffix(WORKSPACE_SUFFIX)))

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not open the workspace"))
    def _on_open_triggered(self, *_args) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open workspace"), self.settings.export_folder, self._workspace_filter()
        )
        if path:
            self.open_workspace(path)

    def open_workspace(self, path: str | Path) -> None:
        self.set_backend(backend_module.open_backend(Path(path)))

    def start_opening(self, candidates: list[Path], fallback: Path, on_opened=None) -> workers.Worker | None:
        """Open the first of ``candidates`` that opens (else create ``fallback``) and score it in a
        worker, the progress in the status bar: the window is usable while the workspace loads.

        ``on_opened(opened)`` is called with the :class:`gui.backend.Opened` once it is shown;
        ``workspace_opened`` is emitted then too (with None when nothing could be opened).
        """
        return self._start_task(
            workers.Worker(backend_module.open_task, list(candidates), fallback),
            self.tr("Opening the workspace…"),
            lambda opened: self._on_open_worker_finished(opened, on_opened),
            self._on_open_worker_failed,
        )

    def _on_open_worker_finished(self, opened, on_opened) -> None:
        self._end_task()
        if opened is None:  # cancelled
            self.workspace_opened.emit(None)
            return
        self.set_backend(opened.backend, opened.run)
        if on_opened is not None:
            on_opened(opened)
        self.workspace_opened.emit(opened)

    def _on_open_worker_failed(self, exc: Exception) -> None:
        self._task_failed(errors.tr(QT_TRANSLATE_NOOP("errors", "Could not open the workspace")), exc,
                          self.workspace_opened)

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not save the workspace"))
    def _on_save_as_triggered(self, *_args) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save workspace as"), self.settings.export_folder, self._workspace_filter()
        )
        if path and self.backend is not None:
            self.set_backend(
                backend_module.save_backend_as(self.backend, Path(path).with_suffix(WORKSPACE_SUFFIX))
            )

    def _on_recent_about_to_show(self) -> None:
        self.menu_recent.clear()
        recent = self.settings.recent_workspaces
        if not recent:
            self.menu_recent.addAction(self.tr("(none)")).setEnabled(False)
        for path in recent:
            self.menu_recent.addAction(path).triggered.connect(lambda _=False, p=path: self._open_recent(p))

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not open the workspace"))
    def _open_recent(self, path: str) -> None:
        if self.task_worker is not None:  # e.g. the start-up's opening: it would replace this one
            self.statusBar().showMessage(self.tr("Please wait: another task is running."), 5000)
            return
        self.open_workspace(path)

"""The main window's imports (files, folders, drops, the first start's demo) and merges of
inspectors' workspaces, each in a worker, with their reports; a project's versions side by
side (a resubmitted file's row of the import report, or the Project tab's Versions…).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFileDialog

from gui import backend as backend_module
from gui import paths, workers
from gui.errors import error_boundary
from gui.models.tables import report_rows
from gui.views.import_views import ImportReportDialog
from gui.views.merge_views import MergeReportDialog
from gui.views.round_dialog import RoundChoiceDialog
from gui.window.workspace import WindowWorkspace
from scoring.core.model import Scheme
from scoring.core.reconcile import disagreement_rows
from scoring.io.pipeline import SPREADSHEET_SUFFIXES

if TYPE_CHECKING:
    from scoring.workspace.facade import ImportReport


class WindowImports(WindowWorkspace):
    """Import submissions and merge workspaces; show what each did."""

    # ----------------------------------------------------------------------------- merge
    def _on_merge_triggered(self, *_args) -> None:
        if self.backend is None:
            return
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Merge workspaces into this one"),
            self.settings.import_folder,
            self._workspace_filter(),
        )
        if files:
            self.start_merge(files)

    def start_merge(self, sources: Sequence[str | Path]) -> workers.Worker | None:
        """Merge inspectors' workspaces in a worker; a summary shows when it is done."""
        if self.backend is None:
            return None
        return self._start_task(
            workers.Worker(backend_module.merge_task, self.backend, [str(p) for p in sources]),
            self.tr("Merging workspaces…"),
            self._on_merge_worker_finished,
            self._on_merge_worker_failed,
        )

    def _on_merge_worker_finished(self, outcome: tuple) -> None:
        report, run = outcome
        self._end_task()
        self.rescore(run)
        self.show_merge_report(report)
        self.statusBar().showMessage(self.tr("Merge finished."), 10000)
        self.merge_finished.emit(report)

    def _on_merge_worker_failed(self, exc: Exception) -> None:
        # workspaces merged before the failure are kept and shown
        self._task_failed(self.tr("The merge failed"), exc, self.merge_finished, rescore=True)

    def show_merge_report(self, report) -> MergeReportDialog:
        if self.merge_dialog is None:
            self.merge_dialog = MergeReportDialog(self)
        rows = disagreement_rows(self.run)
        flagged = sum(1 for r in rows if r.reconciliation.disagreement)
        self.merge_dialog.set_report(report, len(rows), flagged)
        self.merge_dialog.show()
        self.merge_dialog.raise_()
        return self.merge_dialog

    # ----------------------------------------------------------------------------- import
    def spreadsheet_filter(self) -> str:
        """The open dialogs' filter: every kind of file a folder's import reads (scoring.io.pipeline)."""
        patterns = " ".join(f"*{suffix}" for suffix in SPREADSHEET_SUFFIXES)
        return self.tr("Spreadsheets ({patterns})").format(patterns=patterns)

    def _on_import_files_triggered(self, *_args) -> None:
        every_file = self.tr("All files (*)")
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import submissions"), self.settings.import_folder,
            f"{self.spreadsheet_filter()};;{every_file}")
        if files:
            self.settings.import_folder = str(Path(files[0]).parent)
            self._import_into_round(files)

    def _on_import_folder_triggered(self, *_args) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import a folder of submissions"), self.settings.import_folder
        )
        if folder:
            self.settings.import_folder = folder
            self._import_into_round([folder])

    def _import_into_round(self, inputs: Sequence[str | Path]) -> None:
        """Ask which assessment round the forms go to (once the workspace has one), then import."""
        rounds = self.backend.rounds() if self.backend is not None else []
        round_label = None
        if rounds:
            accepted, round_label = RoundChoiceDialog.ask(self, rounds)
            if not accepted:
                return
        self.start_import(inputs, round_label)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        local = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if local:
            event.acceptProposedAction()
            self.start_import(local)

    def start_import(
        self, inputs: Sequence[str | Path], round_label: str | None = None
    ) -> workers.Worker | None:
        """Import files and folders in a worker (into ``round_label``, else by each form's year);
        the report shows when it is done."""
        if self.backend is None:
            return None
        self.last_inputs = list(inputs)
        return self._start_task(
            workers.Worker(backend_module.import_task, self.backend, list(inputs), round_label),
            self.tr("Reading files…"),
            lambda outcome: self._on_import_worker_finished(outcome, True),
            self._on_import_worker_failed,
        )

    def start_demo(self, folder: Path | None = None) -> workers.Worker | None:
        """First start: write the demo submissions and import them in the background."""
        if self.backend is None:
            return None
        return self._start_task(
            workers.Worker(backend_module.demo_task, self.backend, folder or paths.demo_dir()),
            self.tr("Preparing the demo data…"),
            self._on_demo_finished,
            self._on_import_worker_failed,
        )

    def _on_demo_finished(self, outcome: tuple) -> None:
        report, _run = outcome
        if not report.cancelled:
            self.settings.demo_complete = True
        self._on_import_worker_finished(outcome, False)

    def _on_import_worker_finished(self, outcome: tuple, show_report: bool = True) -> None:
        report, run = outcome
        self._end_task()
        self.last_report = report
        self.rescore(run)
        if show_report:
            self.show_import_report(report)
        self.statusBar().showMessage(
            self.tr("Import finished: {new} new, {resubmitted} resubmitted, {rejected} rejected.").format(
                new=len(report.imported), resubmitted=len(report.resubmitted), rejected=len(report.rejected)
            ),
            10000,
        )
        self.import_finished.emit(report)

    def _on_import_worker_failed(self, exc: Exception) -> None:
        # files committed before the failure are kept and shown
        self._task_failed(self.tr("The import failed"), exc, self.import_finished, rescore=True)

    def show_refusals(self) -> ImportReportDialog:
        """The refusals still standing in the workspace (the status bar's Rejected files), each
        with its sheet and cell and what to do, in the import report's window."""
        from scoring.workspace import records

        dialog = self.show_import_report(records.ImportReport(rejected=list(self.run.rejected)))
        dialog.show_standing()
        return dialog

    def _on_counts_label_link_activated(self, _link: str) -> None:
        self.show_refusals()

    def show_import_report(self, report: ImportReport) -> ImportReportDialog:
        if self.report_dialog is None:
            self.report_dialog = ImportReportDialog(self)
            self.report_dialog.versions_requested.connect(self._on_report_versions_requested)
        rows = report_rows(report, self.run.projects, self.run.schemes, self.last_inputs)
        self.report_dialog.set_report(report, rows)
        self.report_dialog.show()
        self.report_dialog.raise_()
        return self.report_dialog

    # ----------------------------------------------------------------------------- versions
    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not show the versions"))
    def _on_detail_versions_requested(self) -> None:
        self.show_versions()

    def show_versions(self, scheme: Scheme | None = None, project_id: str | None = None,
                      round_label: str | None = None):
        """A project's versions side by side (Project tab → Versions…, or a resubmitted file's
        row of the import report): the shown project unless another is named."""
        from gui.views.versions_view import VersionsDialog

        if project_id is None:
            scheme, project = self.scheme(), self.project()
            if project is None:
                return None
            project_id, round_label = project.project_id, self.run.round
        if scheme is None or self.backend is None:
            return None
        scored = self.backend.scored_versions(project_id, scheme, round_label)
        dialog = VersionsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.set_versions(scheme, f"{project_id} {scored[-1].version.name}", scored)
        dialog.show()
        return dialog

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not show the versions"))
    def _on_report_versions_requested(self, stored) -> None:
        """A resubmitted (or imported) file's row of the import report: that project's versions."""
        if self.backend is None:
            return
        scheme = next((s for s in self.backend.schemes()
                       if (s.name, s.version) == (stored.scheme, stored.scheme_version)), None)
        self.show_versions(scheme, stored.project_id, stored.round)

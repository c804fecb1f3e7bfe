"""The main window's exports (workbook, PDF, tracking, audit log, charts, a scheme version)
and printing; after each, Open and Show in folder in the status bar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog

from gui import backend as backend_module
from gui import errors, printing, translation, workers
from gui.errors import error_boundary
from gui.views.weights_view import VersionDialog
from gui.window.imports import WindowImports
from scoring.core.model import Scheme


class WindowExports(WindowImports):
    """Write the outputs in workers (Cancel where the writer allows it) and print."""

    def start_export(self, kind: str, path: Path) -> workers.Worker | None:
        """Write the PDF report (``pdf``) or the ranked workbook (``workbook``) in a worker."""
        task = {"pdf": backend_module.export_pdf_task, "workbook": backend_module.export_workbook_task}[kind]
        return self._start_task(
            workers.Worker(task, self.run, path, translation.data_lang(), self.robustness.studies(),
                           self.report_settings()),
            self.tr("Writing {name}…").format(name=path.name),
            self._on_export_worker_finished,
            self._on_export_worker_failed,
        )

    def _on_export_worker_finished(self, out) -> None:
        self._end_task()
        if out is None:
            self.statusBar().showMessage(self.tr("The export was cancelled; nothing was written."), 10000)
        else:
            self.show_written(out)
        self.export_finished.emit(out)

    def _on_export_worker_failed(self, exc: Exception) -> None:
        self._task_failed(self.tr("The export failed"), exc, self.export_finished)

    # ----------------------------------------------------------------------------- exports
    def show_written(self, out: Path) -> None:
        """Say where an output was written, with Open and Show in folder beside it."""
        self.statusBar().showMessage(self.tr("Written: {path}").format(path=out), 30000)
        self.written = Path(out)
        self.written_bar.setVisible(True)

    def _on_open_written_clicked(self) -> None:
        self.open_path(self.written)

    def _on_show_written_clicked(self) -> None:
        if self.written is not None:
            self.open_path(self.written.parent)

    def open_path(self, path: Path | None) -> bool:
        """Hand a file or folder to the desktop (its program, the file manager)."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if path is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _ask_export_path(self, title: str, name: str, file_filter: str) -> Path | None:
        workspace = Path(self.backend.path) if self.backend is not None else None
        default = str(Path(self.settings.export_folder_beside(workspace)) / name)
        path, _ = QFileDialog.getSaveFileName(self, title, default, file_filter)
        if not path:
            return None
        self.settings.export_folder = str(Path(path).parent)
        return Path(path)

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not export the workbook"))
    def _on_export_workbook_triggered(self, *_args) -> None:
        path = self._ask_export_path(
            self.tr("Export the ranked workbook"), "ranked.xlsx", self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.start_export("workbook", path.with_suffix(".xlsx"))

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not export the PDF report"))
    def _on_export_pdf_triggered(self, *_args) -> None:
        path = self._ask_export_path(self.tr("Export the PDF report"), "report.pdf", self.tr("PDF (*.pdf)"))
        if path:
            self.start_export("pdf", path.with_suffix(".pdf"))

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not export the workbook"))
    def _on_export_tracking_workbook_triggered(self, *_args) -> None:
        path = self._ask_export_path(self.tr("Export the tracking workbook"), "tracking.xlsx",
                                     self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.start_tracking_export("workbook", path.with_suffix(".xlsx"))

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not export the PDF report"))
    def _on_export_tracking_pdf_triggered(self, *_args) -> None:
        path = self._ask_export_path(self.tr("Export the tracking PDF"), "tracking.pdf",
                                     self.tr("PDF (*.pdf)"))
        if path:
            self.start_tracking_export("pdf", path.with_suffix(".pdf"))

    def start_tracking_export(self, kind: str, path: Path) -> workers.Worker | None:
        """Write the Tracking workbook (``workbook``) or PDF (``pdf``) of every round in a worker."""
        if self.backend is None:
            return None
        return self._start_task(
            workers.Worker(backend_module.export_tracking_task, self.backend, path, translation.data_lang(),
                           kind),
            self.tr("Writing {name}…").format(name=path.name),
            self._on_export_worker_finished,
            self._on_export_worker_failed,
        )

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not export the scheme version"))
    def _on_weights_export_requested(self, scheme: Scheme, weights) -> Path | None:
        """Write the weights tried in the Weights tab as a new version of the scheme's template,
        with its version name and the reason; the template itself is never written."""
        from scoring.build.templates import write_scheme_version

        answer = VersionDialog.ask(self, scheme, self.weights_view.changed())
        if answer is None:
            return None
        name = f"{scheme.level}_{answer.version}.xlsx".replace("/", "-").replace("\\", "-")
        path = self._ask_export_path(self.tr("Export the scheme with these weights"), name,
                                     self.tr("Excel workbook (*.xlsx)"))
        if path is None:
            return None
        out = write_scheme_version(scheme, weights, answer.version, answer.reason, path.with_suffix(".xlsx"))
        self.show_written(out)
        return out

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not export the audit log"))
    def _on_export_audit_triggered(self, *_args) -> None:
        path = self._ask_export_path(
            self.tr("Export the audit log"), "audit.xlsx", self.tr("Excel workbook (*.xlsx)")
        )
        if path and self.backend is not None:
            self.start_audit_export(path.with_suffix(".xlsx"))

    def start_audit_export(self, path: Path) -> workers.Worker | None:
        """Write the audit workbook in a worker (a long log takes seconds; it cannot stop midway)."""
        if self.backend is None:
            return None
        return self._start_task(
            workers.Worker(backend_module.export_audit_task, self.backend, path, translation.data_lang()),
            self.tr("Writing {name}…").format(name=path.name),
            self._on_export_worker_finished,
            self._on_export_worker_failed,
            cancellable=False,
        )

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not export the chart"))
    def _on_charts_export_requested(self, fmt: str) -> None:
        name = f"{self.charts.current_kind()}.{fmt}"
        file_filter = self.tr("PNG image (*.png)") if fmt == "png" else self.tr("SVG drawing (*.svg)")
        path = self._ask_export_path(self.tr("Export the chart"), name, file_filter)
        if path:
            out = self.charts.save(str(path.with_suffix(f".{fmt}")))
            self.show_written(out)

    # ----------------------------------------------------------------------------- printing
    def render_ranked(self, printer: QPrinter) -> None:
        """Paint the ranked sheet of the shown scheme (Print, Print Preview and tests)."""
        scheme = self.scheme()
        if scheme is not None:
            printing.render_ranked(printer, scheme, self.scheme_projects(), translation.data_lang(),
                                   self.report_settings(), self.run.round, self.run.round_year)

    def render_project(self, printer: QPrinter) -> None:
        """Paint the shown project's page."""
        scheme, project = self.scheme(), self.project()
        if scheme is not None and project is not None:
            printing.render_project(printer, scheme, self.scheme_projects(), project, translation.data_lang(),
                                    self.report_settings())

    def make_preview(self, render, landscape: bool) -> QPrintPreviewDialog:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printing.setup_printer(printer, landscape)
        dialog = QPrintPreviewDialog(printer, self)
        # the dialog only points at the printer: keep it alive as long as the dialog
        dialog.printer_ref = printer  # type: ignore[attr-defined]
        dialog.setWindowTitle(self.tr("Print preview"))
        dialog.paintRequested.connect(render)
        dialog.resize(1000, 760)
        return dialog

    def start_preview(self, kind: str) -> workers.Worker | None:
        """Lay out the ranked sheet (``ranked``) or the shown project's pages (``project``) in
        a worker, page by page in the status bar; ``preview_ready(dialog)`` then opens the print
        preview, which only paints the pages laid out. None when there is nothing to show."""
        scheme, project, lang = self.scheme(), self.project(), translation.data_lang()
        if scheme is None or (kind == "project" and project is None):
            return None
        args: tuple
        if kind == "ranked":
            args = (printing.ranked_pdf, scheme, self.scheme_projects(), lang, self.report_settings(),
                    self.run.round, self.run.round_year)
        else:
            args = (printing.project_pdf, scheme, self.scheme_projects(), project, lang,
                    self.report_settings())
        name = self.tr("print preview")
        return self._start_task(
            workers.Worker(printing.preview_task, name, *args),
            self.tr("Preparing the print preview…"),
            self._on_preview_worker_finished,
            self._on_preview_worker_failed,
            cancellable=False,
        )

    def _on_preview_worker_finished(self, data: bytes) -> None:
        self._end_task()
        dialog = self.make_preview(lambda printer: printing.paint_pdf(printer, data), landscape=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # window-modal, without a nested event loop
        self.preview_ready.emit(dialog)

    def _on_preview_worker_failed(self, exc: Exception) -> None:
        self._task_failed(errors.tr(QT_TRANSLATE_NOOP("errors", "Could not print")), exc, self.preview_ready)

    def _on_preview_ranked_triggered(self, *_args) -> None:
        self.start_preview("ranked")

    def _on_preview_project_triggered(self, *_args) -> None:
        self.start_preview("project")

    def _print(self, render, landscape: bool) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printing.setup_printer(printer, landscape)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            render(printer)

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not print"))
    def _on_print_ranked_triggered(self, *_args) -> None:
        self._print(self.render_ranked, landscape=True)

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not print"))
    def _on_print_project_triggered(self, *_args) -> None:
        self._print(self.render_project, landscape=True)

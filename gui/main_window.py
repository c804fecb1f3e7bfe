"""The main window: workspace, navigator, results, project detail, charts, templates, audit.

The window is built in layers, each a module of gui/window/ (its docstring lists them): the
menus, the state (the open workspace, the latest scored run, the chosen scheme and project),
the workspace's flow and background tasks, imports, exports, assessing. This top layer makes
the window, makes every signal connection in one place (:meth:`MainWindow._connect`) and holds
what belongs to no other part (templates, settings, help, closing). Views only display and
emit; the backend does the work; nothing here scores.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from gui import backend as backend_module
from gui import errors, paths, translation, workers
from gui.backend import Backend
from gui.errors import error_boundary
from gui.settings import Settings
from gui.views import dialogs
from gui.views.common import Retranslating
from gui.window.assessing import WindowAssessing
from gui.window.undo import UndoStep, own_fraction
from scoring.core.model import Scheme
from scoring.io.template import TemplateError

__all__ = ["FIRST_SIZE", "MainWindow", "UndoStep", "first_size", "own_fraction"]

#: The window's size at a first start, where the screen allows it.
FIRST_SIZE = QSize(1280, 800)


def first_size(available: QSize, platform: str = "") -> QSize:
    """The window's size at a first start: 1280×800, or what the screen leaves free (a 1366×768
    laptop's work area is shorter than 800), so the status bar and its pending count stay in view.

    Headless platforms (offscreen, minimal) report a screen of their own choosing, not one a
    person looks at: they keep 1280×800, which the screenshots are drawn at.
    """
    if platform in ("offscreen", "minimal") or available.isEmpty():
        return QSize(FIRST_SIZE)
    return FIRST_SIZE.boundedTo(QSize(available.width() * 96 // 100, available.height() * 94 // 100))


class MainWindow(Retranslating, WindowAssessing):
    """The workbench (signals: see :class:`gui.window.state.WindowState`)."""

    def __init__(self, backend: Backend | None = None, settings: Settings | None = None) -> None:
        super().__init__(settings)
        self._make_actions()
        self._connect()
        self.retranslate()
        self._restore_geometry()
        if backend is not None:
            self.set_backend(backend)

    def _connect(self) -> None:
        """Every connection of the window, in one place."""
        self.act_new.triggered.connect(self._on_new_triggered)
        self.act_open.triggered.connect(self._on_open_triggered)
        self.act_save_as.triggered.connect(self._on_save_as_triggered)
        self.act_merge.triggered.connect(self._on_merge_triggered)
        self.act_import_files.triggered.connect(self._on_import_files_triggered)
        self.act_import_folder.triggered.connect(self._on_import_folder_triggered)
        self.act_add_scheme.triggered.connect(self._on_templates_add_requested)
        self.act_export_workbook.triggered.connect(self._on_export_workbook_triggered)
        self.act_export_pdf.triggered.connect(self._on_export_pdf_triggered)
        self.act_export_audit.triggered.connect(self._on_export_audit_triggered)
        self.act_export_tracking_workbook.triggered.connect(self._on_export_tracking_workbook_triggered)
        self.act_export_tracking_pdf.triggered.connect(self._on_export_tracking_pdf_triggered)
        self.act_print_ranked.triggered.connect(self._on_print_ranked_triggered)
        self.act_preview_ranked.triggered.connect(self._on_preview_ranked_triggered)
        self.act_print_project.triggered.connect(self._on_print_project_triggered)
        self.act_preview_project.triggered.connect(self._on_preview_project_triggered)
        self.act_settings.triggered.connect(self._on_settings_triggered)
        self.act_report_settings.triggered.connect(self._on_report_settings_triggered)
        self.act_quit.triggered.connect(self.close)
        self.act_log.triggered.connect(self._on_log_triggered)
        self.act_about.triggered.connect(self._on_about_triggered)
        self.act_next_pending.triggered.connect(self._on_next_pending_triggered)
        self.act_guide.triggered.connect(self._on_guide_triggered)
        self.open_written.clicked.connect(self._on_open_written_clicked)
        self.show_written_folder.clicked.connect(self._on_show_written_clicked)
        self.act_undo.triggered.connect(self._on_undo_triggered)
        self.act_compare.triggered.connect(self._on_compare_triggered)
        self.results.compare_requested.connect(self._on_compare_triggered)
        self.menu_recent.aboutToShow.connect(self._on_recent_about_to_show)
        self.navigator.scheme_selected.connect(self._on_navigator_scheme_selected)
        self.pending_label.linkActivated.connect(self._on_pending_label_link_activated)
        self.counts_label.linkActivated.connect(self._on_counts_label_link_activated)
        self.results.project_selected.connect(self._on_results_project_selected)
        self.results.project_activated.connect(self._on_results_project_activated)
        self.detail.override_requested.connect(self._on_detail_override_requested)
        self.detail.withdraw_requested.connect(self._on_detail_withdraw_requested)
        self.detail.keep_requested.connect(self._on_detail_keep_requested)
        self.detail.versions_requested.connect(self._on_detail_versions_requested)
        self.templates.add_requested.connect(self._on_templates_add_requested)
        self.templates.form_requested.connect(self._on_templates_form_requested)
        self.progress.cancel_requested.connect(self._on_progress_cancel_requested)
        self.charts.export_png.clicked.connect(lambda: self._on_charts_export_requested("png"))
        self.charts.export_svg.clicked.connect(lambda: self._on_charts_export_requested("svg"))
        self.disagreements.consensus_requested.connect(self._on_disagreements_consensus_requested)
        self.disagreements.method_changed.connect(self._on_disagreements_method_changed)
        self.round_combo.activated.connect(self._on_round_combo_activated)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.tracking_view.project_activated.connect(self._on_results_project_activated)
        self.weights_view.export_requested.connect(self._on_weights_export_requested)
        self.results_changed.connect(self._refresh_comparison)

    def retranslate(self) -> None:
        """Set every visible text of the window (also on a language change)."""
        self.retranslate_menus()
        self.retranslate_state()

    # ----------------------------------------------------------------------------- templates
    def _on_templates_add_requested(self, *_args) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Add a scheme"),
            self.settings.import_folder,
            self.spreadsheet_filter(),
        )
        if path:
            self.add_template(path)

    def add_template(self, path: str | Path) -> Scheme | None:
        """Load a template into the workspace; a refused one shows its problems in the Templates tab."""
        if self.backend is None:
            return None
        try:
            scheme = self.backend.add_template(path)
        except TemplateError as exc:
            self.templates.set_problems(exc.problems, Path(path).name)
            self.tabs.setCurrentWidget(self.templates)
            return None
        except Exception as exc:  # the workspace refused it: say why
            errors.report_exception(self, self.tr("Could not add the scheme"), exc)
            return None
        self.templates.set_problems([], "")
        self.scheme_name = scheme.name
        self.rescore()
        return scheme

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not write the form"))
    def _on_templates_form_requested(self, *_args) -> None:
        scheme = self.scheme()
        if scheme is None:
            return
        default = str(Path(self.settings.export_folder) / f"{scheme.level}_form.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a blank submission form"), default, self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            out = backend_module.write_blank_form(scheme, Path(path).with_suffix(".xlsx"))
            self.statusBar().showMessage(self.tr("Blank form written: {path}").format(path=out), 10000)

    # ----------------------------------------------------------------------------- settings
    def _on_settings_triggered(self, *_args) -> None:
        answer = dialogs.SettingsDialog.ask(self, self.settings)
        if answer is None:
            return
        self.settings.inspector = answer.inspector
        if answer.import_folder:
            self.settings.import_folder = answer.import_folder
        if answer.export_folder:
            self.settings.export_folder = answer.export_folder
        if answer.language != translation.current_language():
            self.set_language(answer.language)

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not save the report settings"))
    def _on_report_settings_triggered(self, *_args) -> None:
        """Edit who signs this workspace's reports (stored in the workspace, audited)."""
        if self.backend is None:
            return
        current = self.backend.report_settings()
        answer = dialogs.ReportSettingsDialog.ask(self, current, translation.data_lang())
        if answer is not None:
            self.backend.set_report_settings(answer)

    def set_language(self, lang: str) -> None:
        """Switch the interface language now; every view retranslates and keeps its state."""
        self.settings.language = lang
        translation.install(lang)
        # LanguageChange events are posted; deliver them now so the switch is immediate.
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.report_dialog = None  # rebuilt in the new language next time

    def _on_log_triggered(self, *_args) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        folder = paths.data_dir()
        self.statusBar().showMessage(self.tr("Data and log folder: {folder}").format(folder=folder), 15000)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            # no file manager to hand the folder to (e.g. a bare Linux desktop): say where it is
            QMessageBox.information(self, self.tr("Log folder"),
                                    self.tr("Data and log folder: {folder}").format(folder=folder))

    def _on_about_triggered(self, *_args) -> None:
        QMessageBox.about(self, self.tr("About SynergyPilot"), self.about_text())

    def about_text(self) -> str:
        from scoring import __version__

        return self.tr(
            "SynergyPilot {version}\n"
            "SynergyPilot scores pollution–carbon synergy pilot projects from Excel submissions.\n"
            "Data folder: {folder}"
        ).format(version=__version__, folder=paths.data_dir())

    def _on_guide_triggered(self, *_args) -> None:
        self.show_guide()

    def show_guide(self):
        """Help → User guide (F1): docs/gui.md, at the section about the tab shown."""
        from gui.views.help_view import HelpDialog

        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show_section(self.tab_key())
        self.help_dialog.show()
        self.help_dialog.raise_()
        return self.help_dialog

    def tab_key(self) -> str:
        """The shown tab as a key of help_view.SECTIONS."""
        views: dict[QWidget, str] = {self.results: "results", self.detail: "detail", self.charts: "charts",
                 self.templates: "templates", self.audit: "audit", self.robustness: "robustness",
                 self.disagreements: "disagreements", self.tracking_view: "tracking",
                 self.weights_view: "weights"}
        return views.get(self.tabs.currentWidget(), "results")

    # ----------------------------------------------------------------------------- closing
    def _restore_geometry(self) -> None:
        if not self.restoreGeometry(self.settings.window_geometry):
            self.resize(first_size(self.screen().availableGeometry().size(), QGuiApplication.platformName()))
        self.restoreState(self.settings.window_state)

    def closeEvent(self, event) -> None:  # noqa: N802
        self._tracking_later.stop()  # no lining-up of the rounds once closing
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        # The import worker holds the workspace: let it stop at its next file before closing,
        # and drop what it reports afterwards, which would reach a closed workspace.
        workers.shut_down()
        if self.backend is not None:
            self.backend.close()
        super().closeEvent(event)

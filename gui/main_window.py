"""The main window: workspace, navigator, results, project detail, charts, templates, audit.

The window holds the state (the open workspace, the latest scored run, the chosen scheme and
project) and makes every signal connection in one place (:meth:`MainWindow._connect`). Views
only display and emit; the backend does the work; nothing here scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QWidget,
)

from gui import backend as backend_module
from gui import errors, labels, paths, printing, translation, workers
from gui.backend import Backend
from gui.errors import error_boundary
from gui.models.tables import report_rows
from gui.settings import Settings
from gui.views import dialogs
from gui.views.audit_view import AuditView
from gui.views.charts_view import ChartsView
from gui.views.detail_view import DetailView
from gui.views.disagreements_view import DisagreementsView
from gui.views.import_views import ImportProgress, ImportReportDialog
from gui.views.merge_views import MergeReportDialog
from gui.views.navigator import NavigatorView
from gui.views.results_view import ResultsView
from gui.views.robustness_view import RobustnessView
from gui.views.round_dialog import RoundChoiceDialog
from gui.views.templates_view import TemplatesView
from gui.views.tracking_view import TrackingView
from gui.views.weights_view import VersionDialog, WeightsView
from scoring.core.model import Scheme
from scoring.core.reconcile import ReconcileSettings, disagreement_rows
from scoring.core.report_settings import ReportSettings
from scoring.io.pipeline import AssessmentRun
from scoring.io.template import TemplateError

if TYPE_CHECKING:  # the engine (numpy) and the studies load with the first workspace, behind the
    # window already shown (issue 19: start-up; tests/gui/test_startup.py)
    from scoring.analysis.tracking import Tracking
    from scoring.core.results import ProjectResult
    from scoring.workspace.facade import ImportReport

APP_NAME = "SynergyPilot"
WORKSPACE_SUFFIX = ".spw"


@dataclass(frozen=True)
class UndoStep:
    """One score, override or withdrawal made in this window, and how to take it back.

    ``before`` and ``after`` are the author's own active fraction of the criterion before and
    after the step (None: no active score); undoing records ``before`` again, or withdraws.
    """

    scheme: Scheme
    project_id: str
    code: str
    author: str
    before: float | None
    after: float | None


def own_fraction(result, inspector: str) -> float | None:
    """The inspector's own active fraction of a criterion (None when they have none)."""
    rec = result.reconciliation
    if rec is not None and rec.scores:
        return next((s.fraction for s in rec.scores if s.inspector == inspector), None)
    if result.status == "override" and result.inspector == inspector:
        return result.score
    return None



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


class MainWindow(QMainWindow):
    """The workbench. Signals: ``results_changed`` after every rescoring, ``import_finished(report)``,
    ``merge_finished(report)`` (None when the merge failed)."""

    results_changed = Signal()
    import_finished = Signal(object)
    export_finished = Signal(object)
    merge_finished = Signal(object)
    #: The start-up worker's :class:`gui.backend.Opened` once shown (None when nothing opened).
    workspace_opened = Signal(object)

    def __init__(self, backend: Backend | None = None, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.backend: Backend | None = None
        self.run = AssessmentRun(schemes=[])
        self.scheme_name: str | None = None
        self.project_id: str | None = None
        #: The running import or export (one at a time; they share the progress bar).
        self.task_worker: workers.Worker | None = None
        self.last_report: ImportReport | None = None
        #: The files and folders of the last import as given: the report names files relative to them.
        self.last_inputs: list[str | Path] = []
        self.report_dialog: ImportReportDialog | None = None
        self.merge_dialog: MergeReportDialog | None = None
        self.help_dialog = None  # Help → User guide, made when first asked for
        self.compare_dialog = None  # Assess → Compare selected projects, made when first asked for
        #: The scores, overrides and withdrawals made since the window opened, last last: Undo
        #: (Ctrl+Z) takes them back one by one, each as a new audited score or withdrawal.
        self.undo_stack: list[UndoStep] = []
        self.setAcceptDrops(True)
        self._build()
        self._make_actions()
        self._connect()
        self.retranslate()
        self._restore_geometry()
        if backend is not None:
            self.set_backend(backend)

    # ----------------------------------------------------------------------------- building
    def _build(self) -> None:
        self.navigator = NavigatorView()
        self.results = ResultsView()
        self.detail = DetailView()
        self.charts = ChartsView()
        self.templates = TemplatesView()
        self.audit = AuditView()
        self.robustness = RobustnessView()  # issue 8: rank ranges under random weights
        self.disagreements = DisagreementsView()  # issue 9: several inspectors' scores
        self.tracking_view = TrackingView()  # issue 20: pilots across assessment rounds
        self.weights_view = WeightsView()  # issue 19: move a weight, the ranking follows
        self.tabs = QTabWidget()
        for view in (self.results, self.detail, self.charts, self.templates, self.audit, self.robustness,
                     self.weights_view, self.disagreements, self.tracking_view):
            self.tabs.addTab(view, "")
        # Every round lined up (scores each round): made when the Tracking tab is looked at.
        self.tracking: Tracking | None = None
        self.round_label = QLabel()
        self.round_combo = QComboBox()
        self.round_combo.setMinimumContentsLength(12)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 1000])
        self.setCentralWidget(splitter)
        self.progress = ImportProgress()
        self.counts_label = QLabel()
        # the pending count is a link: it filters the table to the provisional projects
        self.pending_label = QLabel()
        self.pending_label.setTextFormat(Qt.TextFormat.RichText)
        self.pending_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        # after an export: open the file or its folder (hidden until something is written)
        self.written: Path | None = None
        self.written_bar = QWidget()
        self.open_written = QPushButton()
        self.show_written_folder = QPushButton()
        bar = QHBoxLayout(self.written_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.open_written)
        bar.addWidget(self.show_written_folder)
        self.written_bar.setVisible(False)
        self.statusBar().addPermanentWidget(self.written_bar)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.pending_label)

    def _make_actions(self) -> None:
        def action(shortcut=None) -> QAction:
            act = QAction(self)
            if shortcut is not None:
                act.setShortcut(shortcut)
            return act

        # Ctrl+N is "next pending", the key pressed all day; a new workspace is Ctrl+Shift+N
        self.act_new = action(QKeySequence("Ctrl+Shift+N"))
        self.act_open = action(QKeySequence.StandardKey.Open)
        self.act_save_as = action(QKeySequence.StandardKey.SaveAs)
        self.act_merge = action()
        self.act_import_files = action(QKeySequence("Ctrl+I"))
        self.act_import_folder = action(QKeySequence("Ctrl+Shift+I"))
        self.act_add_scheme = action()
        self.act_export_workbook = action(QKeySequence("Ctrl+E"))
        self.act_export_pdf = action()
        self.act_export_audit = action()
        self.act_export_tracking_workbook = action()  # issue 20: every round lined up
        self.act_export_tracking_pdf = action()
        self.act_print_ranked = action(QKeySequence.StandardKey.Print)
        self.act_preview_ranked = action()
        self.act_print_project = action()
        self.act_preview_project = action()
        self.act_settings = action(QKeySequence.StandardKey.Preferences)
        self.act_report_settings = action()
        self.act_quit = action(QKeySequence.StandardKey.Quit)
        self.act_log = action()
        self.act_about = action()
        self.act_guide = action(QKeySequence.StandardKey.HelpContents)  # F1: the shown tab's section
        self.act_next_pending = action(QKeySequence("Ctrl+N"))
        self.act_undo = action(QKeySequence.StandardKey.Undo)
        self.act_compare = action(QKeySequence("Ctrl+K"))  # the projects selected in Results
        menu_bar = self.menuBar()
        self.menu_file = menu_bar.addMenu("")
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_import = menu_bar.addMenu("")
        self.menu_export = menu_bar.addMenu("")
        self.menu_assess = menu_bar.addMenu("")
        self.menu_help = menu_bar.addMenu("")
        for act in (self.act_new, self.act_open, self.act_save_as):
            self.menu_file.addAction(act)
        self.menu_file.insertMenu(self.act_save_as, self.menu_recent)
        self.menu_file.addAction(self.act_merge)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_settings)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        for act in (self.act_import_files, self.act_import_folder, self.act_add_scheme):
            self.menu_import.addAction(act)
        for act in (self.act_export_workbook, self.act_export_pdf, self.act_export_audit,
                    self.act_export_tracking_workbook, self.act_export_tracking_pdf):
            self.menu_export.addAction(act)
        self.menu_export.addAction(self.act_report_settings)
        self.menu_export.addSeparator()
        for act in (
            self.act_preview_ranked,
            self.act_print_ranked,
            self.act_preview_project,
            self.act_print_project,
        ):
            self.menu_export.addAction(act)
        self.menu_assess.addAction(self.act_next_pending)
        self.menu_assess.addAction(self.act_undo)
        self.menu_assess.addSeparator()
        self.menu_assess.addAction(self.act_compare)
        self.menu_help.addAction(self.act_guide)
        self.menu_help.addAction(self.act_log)
        self.menu_help.addAction(self.act_about)
        self.toolbar = self.addToolBar("main")
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setIconSize(QSize(16, 16))
        for act in (
            self.act_open,
            self.act_import_files,
            self.act_import_folder,
            None,
            self.act_export_workbook,
            self.act_export_pdf,
            self.act_preview_ranked,
            None,
            self.act_next_pending,
            self.act_undo,
            None,
            self.act_settings,
        ):
            if act is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.round_label)  # the assessment round shown (issue 20)
        self.toolbar.addWidget(self.round_combo)

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

    def retranslate(self) -> None:
        """Set every visible text of the window (also on a language change)."""
        texts = {
            self.act_new: self.tr("&New workspace…"),
            self.act_open: self.tr("&Open workspace…"),
            self.act_save_as: self.tr("Save workspace &as…"),
            self.act_merge: self.tr("&Merge workspaces…"),
            self.act_import_files: self.tr("Import &files…"),
            self.act_import_folder: self.tr("Import f&older…"),
            self.act_add_scheme: self.tr("Add &scheme from Excel…"),
            self.act_export_workbook: self.tr("Ranked &workbook…"),
            self.act_export_pdf: self.tr("&PDF report…"),
            self.act_export_audit: self.tr("&Audit log…"),
            self.act_export_tracking_workbook: self.tr("Tracking &workbook…"),
            self.act_export_tracking_pdf: self.tr("Trac&king PDF…"),
            self.act_print_ranked: self.tr("P&rint ranking…"),
            self.act_preview_ranked: self.tr("Print pre&view ranking…"),
            self.act_print_project: self.tr("Print pro&ject page…"),
            self.act_preview_project: self.tr("Print preview project pa&ge…"),
            self.act_settings: self.tr("Se&ttings…"),
            self.act_report_settings: self.tr("Report &sign-off…"),
            self.act_quit: self.tr("&Quit"),
            self.act_log: self.tr("Open the &log folder"),
            self.act_about: self.tr("&About SynergyPilot"),
            self.act_next_pending: self.tr("&Next pending"),
            self.act_guide: self.tr("User &guide"),
            self.act_undo: self.tr("&Undo"),
            self.act_compare: self.tr("&Compare selected projects…"),
        }
        for act, text in texts.items():
            act.setText(text)
        self.act_import_files.setToolTip(
            self.tr("Import submission files (you can also drop files on the window)")
        )
        self.act_merge.setToolTip(self.tr("Bring inspectors' workspaces into this one, keeping every score"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_recent.setTitle(self.tr("&Recent workspaces"))
        self.menu_import.setTitle(self.tr("&Import"))
        self.menu_export.setTitle(self.tr("&Export and print"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.menu_assess.setTitle(self.tr("&Assess"))
        self.open_written.setText(self.tr("Open"))
        self.open_written.setToolTip(self.tr("Open the file just written"))
        self.show_written_folder.setText(self.tr("Show in folder"))
        self.act_next_pending.setToolTip(self.tr(
            "Go to the next criterion waiting for an on-site score (Ctrl+N); Enter scores it"))
        self.act_compare.setToolTip(self.tr(
            "Compare two to four projects selected in Results (Ctrl+click), criterion by criterion (Ctrl+K)"))
        self._update_undo()
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        for index, title in enumerate(
            (
                self.tr("Results"),
                self.tr("Project"),
                self.tr("Charts"),
                self.tr("Templates"),
                self.tr("Audit log"),
                self.tr("Robustness"),
                self.tr("Weights"),
                self.tr("Disagreements"),
                self.tr("Tracking"),
            )
        ):
            self.tabs.setTabText(index, title)
        self.round_label.setText(" " + self.tr("Round:") + " ")
        self.round_combo.setToolTip(self.tr("The assessment round shown in every tab but Tracking"))
        self._update_title()
        self._update_counts()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ----------------------------------------------------------------------------- state
    def set_backend(self, backend: Backend, run: AssessmentRun | None = None) -> None:
        """Show a workspace (closing the previous one) and score it (or show ``run``, its scores
        from a worker)."""
        if self.backend is not None and self.backend is not backend:
            self.backend.close()
        self.backend = backend
        self.undo_stack = []  # undo reaches back to the scores made in this workspace only
        self._update_undo()
        self.settings.add_recent_workspace(backend.path)
        self.rescore(run)
        self._update_title()
        for act in self._writing_actions():
            act.setEnabled(not backend.read_only)
        if backend.read_only:
            # Another instance (or a read-only folder) has it: say so where the person looks.
            self.statusBar().showMessage(
                self.tr("Opened read-only: {reason}. Changes cannot be saved.").format(
                    reason=backend.read_only_reason(translation.data_lang())
                )
            )

    def rescore(self, run: AssessmentRun | None = None) -> None:
        """Score the workspace again (or show ``run``, scored by a worker) and refresh every view.

        The chosen scheme and project stay chosen.
        """
        if run is None:
            run = self.backend.score() if self.backend is not None else AssessmentRun(schemes=[])
        self.run = run
        counts = {s.name: len(self.run.projects_of(s)) for s in self.run.schemes}
        names = [s.name for s in self.run.schemes]
        if self.scheme_name not in names:
            populated = [s.name for s in self.run.schemes if counts.get(s.name)]
            self.scheme_name = (populated or names or [None])[0]
        self.navigator.set_schemes(self.run.schemes, counts, self.scheme_name)
        self._show_scheme()
        self.audit.set_entries(self.backend.audit() if self.backend else [])
        settings = self.backend.reconcile_settings() if self.backend else ReconcileSettings()
        self.disagreements.set_results(self.run, settings)
        self._fill_rounds()
        self.tracking = None  # scores changed: lined up again when Tracking is looked at
        self._show_tracking()
        self._update_counts()
        self._refresh_comparison()
        self.results_changed.emit()

    def _fill_rounds(self) -> None:
        """The round selector: every round of the workspace, the one scored chosen."""
        rounds = self.backend.rounds() if self.backend is not None else []
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for r in rounds:
            shown = r.label if r.label == r.year else f"{r.label} ({r.year or '—'})"
            self.round_combo.addItem(shown, r.label)
        self.round_combo.setCurrentIndex(self.round_combo.findData(self.run.round))
        self.round_combo.setEnabled(len(rounds) > 1)
        self.round_combo.blockSignals(False)

    def _show_tracking(self) -> None:
        """Line the rounds up when the Tracking tab is shown (it scores every round)."""
        if self.tabs.currentWidget() is not self.tracking_view:
            return
        if self.tracking is None and self.backend is not None:
            self.tracking = self.backend.track()
        self.tracking_view.set_tracking(self.tracking, self.scheme_name)

    def scheme(self) -> Scheme | None:
        return next((s for s in self.run.schemes if s.name == self.scheme_name), None)

    def scheme_projects(self) -> list[ProjectResult]:
        scheme = self.scheme()
        return self.run.projects_of(scheme) if scheme else []

    def project(self) -> ProjectResult | None:
        return next((p for p in self.scheme_projects() if p.project_id == self.project_id), None)

    def _show_scheme(self) -> None:
        scheme, projects = self.scheme(), self.scheme_projects()
        if self.project_id not in {p.project_id for p in projects}:
            self.project_id = projects[0].project_id if projects else None
        self.results.set_results(scheme, projects)
        if self.project_id:
            self.results.select_project(self.project_id)
        self.detail.set_project(scheme, self.project(), projects)
        self.charts.set_results(scheme, projects, self.project_id)
        self.templates.set_scheme(scheme)
        self.robustness.set_results(scheme, projects)
        self.weights_view.set_results(scheme, projects)
        self._show_tracking()

    def _update_title(self) -> None:
        name = Path(self.backend.path).name if self.backend is not None else self.tr("no workspace")
        read_only = ""
        if self.backend is not None and self.backend.read_only:
            read_only = " [" + self.tr("read-only") + "]"
        self.setWindowTitle(f"{name}{read_only} — {APP_NAME}")

    def _update_counts(self) -> None:
        projects = len(self.run.projects)
        # The workspace keeps the refusals still standing (a later import can settle them).
        rejected = len(self.run.rejected)
        # without building every indicator result
        pending = sum(p.pending for p in self.run.projects)
        provisional = sum(1 for p in self.run.projects if p.provisional)
        self.counts_label.setText(
            self.tr("Projects: {projects} · Rejected files: {rejected} ·").format(
                projects=projects, rejected=rejected)
        )
        words = self.tr("Pending: {pending} ({provisional} provisional projects)").format(
            pending=pending, provisional=provisional)
        link = f"<a href='provisional'>{escape(words)}</a>"
        self.pending_label.setText(link if provisional else escape(words))
        self.pending_label.setToolTip(self.tr("Show only the provisional projects") if provisional else "")

    # ----------------------------------------------------------------------------- views
    def _on_round_combo_activated(self, index: int) -> None:
        if self.backend is not None:
            self.backend.round = self.round_combo.itemData(index)
            self.undo_stack = []  # a step is taken back in the round it was made in
            self._update_undo()
            self.rescore()

    def _on_tabs_current_changed(self, _index: int) -> None:
        self._show_tracking()

    def _on_navigator_scheme_selected(self, name: str) -> None:
        if name != self.scheme_name:
            self.scheme_name = name
            self.project_id = None
            self._show_scheme()

    def _on_pending_label_link_activated(self, _link: str) -> None:
        """Show the provisional projects: of the current scheme, or of the first scheme with any."""
        if not any(p.provisional for p in self.scheme_projects()):
            scheme = next((s for s in self.run.schemes
                           if any(p.provisional for p in self.run.projects_of(s))), None)
            if scheme is None:
                return
            self.navigator.select_scheme(scheme.name)  # shows it through scheme_selected
            if self.scheme_name != scheme.name:
                self._on_navigator_scheme_selected(scheme.name)
        self.tabs.setCurrentWidget(self.results)
        self.results.show_provisional_only()

    def _on_results_project_selected(self, project_id: str) -> None:
        self.project_id = project_id
        self.detail.set_project(self.scheme(), self.project(), self.scheme_projects())
        self.charts.set_current_project(project_id)

    def _on_results_project_activated(self, project_id: str) -> None:
        self._on_results_project_selected(project_id)
        self.tabs.setCurrentWidget(self.detail)

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
        self._end_import()
        if opened is None:  # cancelled
            self.workspace_opened.emit(None)
            return
        self.set_backend(opened.backend, opened.run)
        if on_opened is not None:
            on_opened(opened)
        self.workspace_opened.emit(opened)

    def _on_open_worker_failed(self, exc: Exception) -> None:
        self._end_import()
        errors.report_exception(
            self, errors.tr(QT_TRANSLATE_NOOP("errors", "Could not open the workspace")), exc)
        self.workspace_opened.emit(None)

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not save the workspace"))
    def _on_save_as_triggered(self, *_args) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save workspace as"), self.settings.export_folder, self._workspace_filter()
        )
        if path:
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

    def start_merge(self, sources: list[str | Path]) -> workers.Worker | None:
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
        self._end_import()
        self.rescore(run)
        self.show_merge_report(report)
        self.statusBar().showMessage(self.tr("Merge finished."), 10000)
        self.merge_finished.emit(report)

    def _on_merge_worker_failed(self, exc: Exception) -> None:
        self._end_import()
        errors.report_exception(self, self.tr("The merge failed"), exc)
        self.rescore()  # workspaces merged before the failure are kept and shown
        self.merge_finished.emit(None)

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
    def _on_import_files_triggered(self, *_args) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import submissions"),
            self.settings.import_folder,
            self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods);;All files (*)"),
        )
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

    def _import_into_round(self, inputs: list[str | Path]) -> None:
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
        self, inputs: list[str | Path], round_label: str | None = None
    ) -> workers.Worker | None:
        """Import files and folders in a worker (into ``round_label``, else by each form's year);
        the report shows when it is done."""
        if self.backend is None:
            return None
        self.last_inputs = list(inputs)
        return self._start_task(
            workers.Worker(backend_module.import_task, self.backend, inputs, round_label),
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

    def _start_task(self, worker: workers.Worker, text: str, on_finished, on_failed) -> workers.Worker | None:
        """Run one background task with the status-bar progress and Cancel."""
        if self.task_worker is not None:
            self.statusBar().showMessage(self.tr("Please wait: another task is running."), 5000)
            return None
        worker.signals.progressed.connect(self.progress.update_progress)
        worker.signals.finished.connect(on_finished)
        worker.signals.failed.connect(on_failed)
        self.task_worker = worker
        self.progress.start(text)
        self._set_busy(True)
        return workers.start(worker)

    def _set_busy(self, busy: bool) -> None:
        writing = self._writing_actions()
        read_only = self.backend is not None and self.backend.read_only
        for act in (
            self.act_import_files,
            self.act_import_folder,
            self.act_new,
            self.act_open,
            self.act_save_as,
            self.act_merge,
        ):
            act.setEnabled(not busy and not (read_only and act in writing))

    def _writing_actions(self) -> tuple[QAction, ...]:
        """What would change the workspace: off while it is open read-only, so nobody is walked
        through a folder and a round before being told nothing can be imported."""
        return (self.act_import_files, self.act_import_folder, self.act_add_scheme, self.act_merge)

    def _on_progress_cancel_requested(self) -> None:
        if self.task_worker is not None:
            self.task_worker.cancel()

    def _on_import_worker_finished(self, outcome: tuple, show_report: bool = True) -> None:
        report, run = outcome
        self._end_import()
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
        self._end_import()
        errors.report_exception(self, self.tr("The import failed"), exc)
        self.rescore()  # files committed before the failure are kept and shown
        self.import_finished.emit(None)

    def _on_export_worker_finished(self, out) -> None:
        self._end_import()
        if out is None:
            self.statusBar().showMessage(self.tr("The export was cancelled; nothing was written."), 10000)
        else:
            self.show_written(out)
        self.export_finished.emit(out)

    def _on_export_worker_failed(self, exc: Exception) -> None:
        self._end_import()
        errors.report_exception(self, self.tr("The export failed"), exc)
        self.export_finished.emit(None)

    def _end_import(self) -> None:
        self.task_worker = None
        self.progress.finish()
        self._set_busy(False)

    def show_import_report(self, report: ImportReport) -> ImportReportDialog:
        if self.report_dialog is None:
            self.report_dialog = ImportReportDialog(self)
            self.report_dialog.versions_requested.connect(self._on_report_versions_requested)
        rows = report_rows(report, self.run.projects, self.run.schemes, self.last_inputs)
        self.report_dialog.set_report(report, rows)
        self.report_dialog.show()
        self.report_dialog.raise_()
        return self.report_dialog

    # ----------------------------------------------------------------------------- assessing
    def _inspector(self) -> str:
        return self.settings.inspector

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not record the score"))
    def _on_detail_override_requested(self, code: str) -> None:
        scheme, project = self.scheme(), self.project()
        if scheme is None or project is None:
            return
        answer = dialogs.AssessDialog.ask(
            self, scheme.criterion(code), project.indicators[code], self._inspector(),
            worked=self.worked_lines(scheme, project, code),
        )
        if answer is None:
            return
        self._record_score(scheme, project, code, answer)
        self.rescore()
        self.detail.select_code(code)

    def worked_lines(self, scheme: Scheme, project: ProjectResult, code: str) -> list[str]:
        """The criterion's worked calculation as scoring.core.explain writes it, for the dialog."""
        from scoring.core import explain

        item = explain.worked_one(scheme, project, code)
        return explain.worked_lines(item, translation.data_lang()) if item is not None else []

    def _record_score(self, scheme: Scheme, project: ProjectResult, code: str,
                      answer: dialogs.AssessAnswer) -> None:
        """Record a score or override (remembering the inspector's name) and the step to undo it."""
        if not self.settings.inspector:
            self.settings.inspector = answer.inspector
        before = own_fraction(project.indicators[code], answer.inspector)
        self.backend.assess(scheme, project.project_id, code, answer.fraction, answer.inspector,
                            answer.reason)
        self._push_undo(UndoStep(scheme, project.project_id, code, answer.inspector, before, answer.fraction))

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not record the score"))
    def _on_detail_keep_requested(self, kept: list) -> None:
        """A what-if kept: each tried fraction recorded as an override, with its reason, through
        the same dialog and workspace call as any override (so the audit log has it)."""
        scheme, project = self.scheme(), self.project()
        if scheme is None or project is None:
            return
        recorded = False
        for code, fraction, tried in kept:
            answer = dialogs.AssessDialog.ask(
                self, scheme.criterion(code), project.indicators[code], self._inspector(),
                fraction=fraction, note=tried,
            )
            if answer is None:
                break
            self._record_score(scheme, project, code, answer)
            recorded = True
        if recorded:
            self.detail.reset_what_if()
            self.rescore()

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not withdraw the override"))
    def _on_detail_withdraw_requested(self, code: str) -> None:
        scheme, project = self.scheme(), self.project()
        if scheme is None or project is None:
            return
        indicator = project.indicators[code]
        several = indicator.reconciliation is not None and len(indicator.reconciliation.scores) > 1
        # the override shown is one inspector's, unless several scored it: then one's own
        author = None if several else indicator.inspector
        what = self.withdraw_text(scheme, project, code, author or self._inspector())
        answer = dialogs.WithdrawDialog.ask(self, code, self._inspector(), what=what)
        if answer is None:
            return
        author = author or answer.inspector
        before = own_fraction(indicator, author)
        self.backend.withdraw(scheme, project.project_id, code, answer.inspector, answer.reason, author)
        self._push_undo(UndoStep(scheme, project.project_id, code, author, before, None))
        self.rescore()
        self.detail.select_code(code)

    def withdraw_text(self, scheme: Scheme, project: ProjectResult, code: str, author: str) -> str:
        """What a withdrawal removes: the criterion, whose score, its fraction and points."""
        criterion = scheme.criterion(code)
        result = project.indicators[code]
        fraction = own_fraction(result, author)
        shown = "—" if fraction is None else f"{fraction:g}"
        points = "—" if result.points is None else f"{result.points:.2f}"
        return self.tr("{code} {indicator}: {author}'s score {fraction} ({points} points) is withdrawn; "
                       "the criterion is scored again as without it.").format(
            code=code, indicator=labels.criterion_text(criterion)[1], author=author, fraction=shown,
            points=points)

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
        scheme = next((s for s in self.backend.schemes()
                       if (s.name, s.version) == (stored.scheme, stored.scheme_version)), None)
        self.show_versions(scheme, stored.project_id, stored.round)

    # ----------------------------------------------------------------------------- undo
    def _push_undo(self, step: UndoStep) -> None:
        self.undo_stack.append(step)
        self._update_undo()

    def _update_undo(self) -> None:
        step = self.undo_stack[-1] if self.undo_stack else None
        self.act_undo.setEnabled(step is not None and self.backend is not None)
        if step is None:
            self.act_undo.setToolTip(self.tr("Nothing to undo"))
            return
        self.act_undo.setToolTip(
            self.tr("Undo the last change: {what} (Ctrl+Z)").format(what=self._step_text(step)))

    def _step_text(self, step: UndoStep) -> str:
        before = "—" if step.before is None else f"{step.before:g}"
        after = "—" if step.after is None else f"{step.after:g}"
        return self.tr("{author}'s score of {code} for {project}: {before} → {after}").format(
            author=step.author, code=step.code, project=step.project_id, before=before, after=after)

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not undo"))
    def _on_undo_triggered(self, *_args) -> None:
        self.undo_last()

    def undo_last(self) -> UndoStep | None:
        """Take back the last score, override or withdrawal made in this window.

        The workspace keeps everything: the undo is recorded as a new score (the earlier
        fraction again) or a withdrawal, with a reason saying it is an undo and of what.
        """
        if not self.undo_stack or self.backend is None:
            return None
        step = self.undo_stack[-1]
        who = self._inspector() or step.author
        reason = self.tr("Undo by {who} of: {what}").format(who=who, what=self._step_text(step))
        if step.before is None:
            self.backend.withdraw(step.scheme, step.project_id, step.code, who, reason, step.author)
        else:
            self.backend.assess(step.scheme, step.project_id, step.code, step.before, step.author, reason)
        self.undo_stack.pop()
        self._update_undo()
        self.rescore()
        self.statusBar().showMessage(reason, 10000)
        return step

    # ----------------------------------------------------------------------------- pending queue
    def _on_next_pending_triggered(self, *_args) -> None:  # Ctrl+N
        if not self.next_pending():
            self.statusBar().showMessage(self.tr("No criterion is waiting for an on-site score."), 10000)

    def _walk_order(self) -> list[tuple[Scheme, ProjectResult]]:
        """Every project in the order Next pending walks them: the schemes as listed, the shown
        scheme's projects in the Results table's order (then any its filter hides, by rank),
        the other schemes' projects by rank."""
        walk = []
        for scheme in self.run.schemes:
            projects = {p.project_id: p for p in self.run.projects_of(scheme)}
            order = self.results.visible_project_ids() if scheme.name == self.scheme_name else []
            shown = set(order)
            order += [p.project_id for p in sorted(projects.values(), key=lambda p: p.rank)
                      if p.project_id not in shown]
            walk += [(scheme, projects[project_id]) for project_id in order]
        return walk

    def pending_queue(self) -> list[tuple[str, str, str]]:
        """Every (scheme, project, criterion) waiting for an on-site score, in walking order,
        each project's criteria in the scheme's order."""
        from scoring.core.results import is_waiting

        return [(scheme.name, project.project_id, c.code) for scheme, project in self._walk_order()
                if project.pending for c in scheme.criteria
                if is_waiting(c, project.indicators.get(c.code))]

    def next_pending(self) -> bool:
        """Show the next criterion waiting for an on-site score after the selected one (after
        the shown project's start when the Project tab is not shown), round to the first after
        the last, in the Project tab with the criterion selected (Enter then scores it); False
        when none waits."""
        queue = self.pending_queue()
        if not queue:
            return False
        position = {(s.name, p.project_id): i for i, (s, p) in enumerate(self._walk_order())}
        columns = {s.name: {c.code: j for j, c in enumerate(s.criteria)} for s in self.run.schemes}

        def place(scheme_name, project_id, code):
            return (position.get((scheme_name, project_id), -1), columns[scheme_name].get(code, -1))

        code = self.detail.selected_code() if self.tabs.currentWidget() is self.detail else None
        here = place(self.scheme_name, self.project_id, code) if self.scheme_name in columns else (-1, -1)
        target = next((item for item in queue if place(*item) > here), queue[0])
        self.show_criterion(*target)
        return True

    def show_criterion(self, scheme_name: str, project_id: str, code: str) -> None:
        """Show one criterion of one project in the Project tab, selected and focused."""
        if scheme_name != self.scheme_name:
            self.navigator.select_scheme(scheme_name)
            self._on_navigator_scheme_selected(scheme_name)
        if not self.results.select_project(project_id):  # hidden by the filter
            self._on_results_project_selected(project_id)
        self.tabs.setCurrentWidget(self.detail)
        self.detail.select_code(code)
        self.detail.table.setFocus()

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not record the consensus"))
    def _on_disagreements_consensus_requested(self, row) -> None:
        scheme = next(
            (s for s in self.run.schemes if (s.name, s.version) == (row.scheme, row.scheme_version)), None
        )
        if scheme is None or self.backend is None:
            return
        criterion = scheme.criterion(row.code)
        indicator = labels.criterion_text(criterion)[1] if criterion else ""
        answer = dialogs.ConsensusDialog.ask(self, row, indicator, self._inspector())
        if answer is None:
            return
        self.backend.consensus(
            row.scheme, row.scheme_version, row.project_id, row.code, answer.fraction, answer.inspector,
            answer.reason,
        )
        self.rescore()
        self.disagreements.select(row.project_id, row.code)

    def _on_disagreements_method_changed(self, method: str) -> None:
        if self.backend is None:
            return
        try:
            self.backend.set_reconcile_method(method)
        except Exception as exc:  # e.g. opened read-only: say why; the view shows the stored setting
            errors.report_exception(self, self.tr("Could not change the setting"), exc)
        self.rescore()

    # ----------------------------------------------------------------------------- templates
    def _on_templates_add_requested(self, *_args) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Add a scheme"),
            self.settings.import_folder,
            self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods)"),
        )
        if path:
            self.add_template(path)

    def add_template(self, path: str | Path) -> Scheme | None:
        """Load a template into the workspace; a refused one shows its problems in the Templates tab."""
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

    # ----------------------------------------------------------------------------- exports
    def show_written(self, out: Path) -> None:
        """Say where an output was written, with Open and Show in folder beside it."""
        self.statusBar().showMessage(self.tr("Written: {path}").format(path=out), 30000)
        self.written = Path(out)
        self.written_bar.setVisible(True)

    def _on_open_written_clicked(self) -> None:
        self.open_path(self.written)

    def _on_show_written_clicked(self) -> None:
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
        if path:
            out = self.backend.export_audit(path.with_suffix(".xlsx"), translation.data_lang())
            self.show_written(out)

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not export the chart"))
    def _on_charts_export_requested(self, fmt: str) -> None:
        name = f"{self.charts.current_kind()}.{fmt}"
        file_filter = self.tr("PNG image (*.png)") if fmt == "png" else self.tr("SVG drawing (*.svg)")
        path = self._ask_export_path(self.tr("Export the chart"), name, file_filter)
        if path:
            out = self.charts.save(str(path.with_suffix(f".{fmt}")))
            self.show_written(out)

    # ----------------------------------------------------------------------------- compare
    def _on_compare_triggered(self, *_args) -> None:
        chosen = self.results.selected_project_ids()
        self.tabs.setCurrentWidget(self.results)
        if self.compare(chosen) is None:
            self.statusBar().showMessage(self.tr(
                "Select two to four projects in Results (Ctrl+click or Shift+click) to compare them."), 10000)

    def compare(self, project_ids: list[str]):
        """Show the projects of the shown scheme side by side (None unless two to four)."""
        from gui.views.compare_view import CompareDialog
        from scoring.analysis.compare import MAX_PROJECTS, MIN_PROJECTS, compare_projects

        scheme, projects = self.scheme(), self.scheme_projects()
        by_id = {p.project_id: p for p in projects}
        chosen = [by_id[pid] for pid in dict.fromkeys(project_ids) if pid in by_id]
        if scheme is None or not MIN_PROJECTS <= len(chosen) <= MAX_PROJECTS:
            return None
        if self.compare_dialog is None:
            self.compare_dialog = CompareDialog(self)
        self.compare_dialog.set_comparison(compare_projects(scheme, chosen), projects)
        self.compare_dialog.show()
        self.compare_dialog.raise_()
        return self.compare_dialog

    def _refresh_comparison(self) -> None:
        """An open comparison follows the new scores (closed when its projects are gone)."""
        dialog = self.compare_dialog
        if dialog is not None and dialog.isVisible() and dialog.comparison is not None:
            if self.compare([p.project_id for p in dialog.comparison.projects]) is None:
                dialog.close()

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

    def report_settings(self) -> ReportSettings:
        """Who signs the reports of the open workspace (empty without one)."""
        return self.backend.report_settings() if self.backend is not None else ReportSettings()

    def make_preview(self, render, landscape: bool) -> QPrintPreviewDialog:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printing.setup_printer(printer, landscape)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.printer_ref = printer  # the dialog only points at the printer: keep it alive as long
        dialog.setWindowTitle(self.tr("Print preview"))
        dialog.paintRequested.connect(render)
        dialog.resize(1000, 760)
        return dialog

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not print"))
    def _on_preview_ranked_triggered(self, *_args) -> None:
        self.make_preview(self.render_ranked, landscape=True).exec()

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not print"))
    def _on_preview_project_triggered(self, *_args) -> None:
        self.make_preview(self.render_project, landscape=True).exec()

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
        views = {self.results: "results", self.detail: "detail", self.charts: "charts",
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
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        # The import worker holds the workspace: let it stop at its next file before closing,
        # and drop what it reports afterwards, which would reach a closed workspace.
        workers.shut_down()
        if self.backend is not None:
            self.backend.close()
        super().closeEvent(event)

"""The main window's state and views: the open workspace, the scored run, the scheme and
project chosen, and every view kept showing them.

Nothing here scores: :meth:`WindowState.rescore` asks the backend and hands the run to the views.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QWidget

from gui import backend as backend_module
from gui import errors, translation, workers
from gui.backend import Backend
from gui.settings import Settings
from gui.views.audit_view import AuditView
from gui.views.charts_view import ChartsView
from gui.views.common import splitter
from gui.views.detail_view import DetailView
from gui.views.disagreements_view import DisagreementsView
from gui.views.import_views import ImportProgress, ImportReportDialog
from gui.views.merge_views import MergeReportDialog
from gui.views.navigator import NavigatorView
from gui.views.results_view import ResultsView
from gui.views.robustness_view import RobustnessView
from gui.views.templates_view import TemplatesView
from gui.views.tracking_view import TrackingView
from gui.views.weights_view import WeightsView
from gui.window.menus import WindowMenus
from gui.window.undo import UndoStep
from scoring.core.model import Scheme
from scoring.core.reconcile import ReconcileSettings
from scoring.core.report_settings import ReportSettings
from scoring.io.pipeline import AssessmentRun

if TYPE_CHECKING:  # the engine (numpy) and the studies load with the first workspace, behind the
    # window already shown (issue 19: start-up; tests/gui/test_startup.py)
    from gui.views.compare_view import CompareDialog
    from gui.views.help_view import HelpDialog
    from scoring.analysis.tracking import Tracking
    from scoring.core.results import ProjectResult
    from scoring.workspace.facade import ImportReport

APP_NAME = "SynergyPilot"
#: How long scoring again after a step runs unannounced: most workspaces score in less.
RESCORE_QUIET_MS = 300


class WindowState(WindowMenus):
    """The views and what they show. Signals: ``results_changed`` after every rescoring,
    ``import_finished(report)``, ``export_finished(path)``, ``merge_finished(report)`` (None
    when the merge failed), ``workspace_opened(opened)``, ``preview_ready(dialog)`` (the print
    preview opened, None when laying its pages out failed)."""

    results_changed = Signal()
    import_finished = Signal(object)
    export_finished = Signal(object)
    merge_finished = Signal(object)
    preview_ready = Signal(object)
    #: The start-up worker's :class:`gui.backend.Opened` once shown (None when nothing opened).
    workspace_opened = Signal(object)

    def __init__(self, settings: Settings | None = None) -> None:
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
        self.help_dialog: HelpDialog | None = None  # Help → User guide, made when first asked for
        # Assess → Compare selected projects, made when first asked for
        self.compare_dialog: CompareDialog | None = None
        #: The scores, overrides and withdrawals made since the window opened, last last: Undo
        #: (Ctrl+Z) takes them back one by one, each as a new audited score or withdrawal.
        self.undo_stack: list[UndoStep] = []
        self.setAcceptDrops(True)
        self._build()

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
        # A task's end lines them up on the event loop's next turn, by a timer that goes with
        # the window: closed in between, nothing is called on it (QTimer.singleShot(0, method)
        # was, raising on the deleted tabs while the app quit)
        self._tracking_later = QTimer(self, singleShot=True, interval=0)
        self._tracking_later.timeout.connect(self._show_tracking)
        self._rescoring = False  # a step was recorded and the workspace is being scored again
        # a task's progress and busy actions, shown once it has run a moment (see _start_task)
        self._busy_later = QTimer(self, singleShot=True)
        self._busy_later.timeout.connect(self._show_busy)
        self._busy_text = ("", False)
        self._generation = 0  # bumped by every rescoring: a lining-up of older scores is dropped
        self._tracking_stopped = False  # its lining-up was cancelled or failed
        self.splitter = splitter(Qt.Orientation.Horizontal, self.navigator, self.tabs, stretch=(0, 1),
                                 sizes=(240, 1040))
        self._navigator_fitted = False  # sized to its names once the first schemes are shown
        self.setCentralWidget(self.splitter)
        self.progress = ImportProgress()
        # the refused files are a link once there are any: the list of them, with sheet and cell
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
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

    def retranslate_state(self) -> None:
        """Set the texts of the views' frame: tabs, title, counts, the written-file buttons."""
        self.open_written.setText(self.tr("Open"))
        self.open_written.setToolTip(self.tr("Open the file just written"))
        self.show_written_folder.setText(self.tr("Show in folder"))
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
        self._update_undo()
        self._update_title()
        self._update_counts()

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
            self.scheme_name = next(iter(populated or names), None)
        self.navigator.set_schemes(self.run.schemes, counts, self.scheme_name)
        self._fit_navigator()
        self._show_scheme()
        self.audit.set_entries(self.backend.audit() if self.backend else [])
        settings = self.backend.reconcile_settings() if self.backend else ReconcileSettings()
        self.disagreements.set_results(self.run, settings)
        self._fill_rounds()
        self.tracking = None  # scores changed: lined up again when Tracking is looked at
        self._generation += 1
        self._show_tracking()
        self._update_counts()
        self.results_changed.emit()

    def rescore_in_background(self, then: Callable[[], object] | None = None) -> None:
        """Score the workspace again after a step was recorded (a score, an override, a
        withdrawal, a consensus, an undo) in a worker, counted scheme by scheme in the status
        bar, then show it (:meth:`rescore`) and call ``then``: a large workspace no longer
        freezes the window. The step itself was recorded at once, as before (the audit log and
        Undo unchanged); until the new scores are shown, another step waits
        (:meth:`still_scoring`), as what Undo takes back is read from the scores shown. With
        another task running (an import, an export) the workspace is scored here, as before."""
        if self.backend is None or self.task_worker is not None:
            self.rescore()
            if then is not None:
                then()
            return
        self._rescoring = True
        self._start_task(workers.Worker(backend_module.score_task, self.backend), self.tr("Scoring…"),
                         lambda run: self._on_rescored(run, then), self._on_rescore_failed,
                         cancellable=False, shown_after_ms=RESCORE_QUIET_MS)

    def _on_rescored(self, run: AssessmentRun, then: Callable[[], object] | None) -> None:
        self._rescoring = False
        self._end_task()
        self.rescore(run)
        if then is not None:
            then()

    def _on_rescore_failed(self, exc: Exception) -> None:
        self._rescoring = False
        self._task_failed(self.tr("Could not score the workspace"), exc, None)

    def still_scoring(self) -> bool:
        """Whether the scores shown are being worked out again after a step (then the status
        bar asks to wait: a step recorded now would read what to undo from the old scores)."""
        if self._rescoring:
            self.statusBar().showMessage(self.tr("Please wait: the new scores are being worked out."), 5000)
        return self._rescoring

    def _fit_navigator(self) -> None:
        """Once, when the first schemes are shown: the navigator as wide as its names need, the
        tabs the rest (later, the person's own splitter position is kept)."""
        if self._navigator_fitted or not self.run.schemes:
            return
        self._navigator_fitted = True
        total = sum(self.splitter.sizes())
        width = self.navigator.preferred_width()
        self.splitter.setSizes([width, max(total - width, 1)])

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
        refused = escape(self.tr("Rejected files: {rejected}").format(rejected=rejected))
        self.counts_label.setText(" ".join((
            escape(self.tr("Projects: {projects} ·").format(projects=projects)),
            f"<a href='rejected'>{refused}</a>" if rejected else refused, "·")))
        self.counts_label.setToolTip(self.tr("List the refused files: why, where and what to do")
                                     if rejected else "")
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
        self._tracking_stopped = False  # a cancelled lining-up starts again when the tab is shown
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

    # ----------------------------------------------------------------------------- background tasks
    def _start_task(self, worker: workers.Worker, text: str, on_finished, on_failed,
                    cancellable: bool = True, shown_after_ms: int = 0) -> workers.Worker | None:
        """Run one background task with the status-bar progress (and Cancel where the work can
        stop); one at a time, as the workspace allows one worker thread beside this one. With
        ``shown_after_ms``, the progress shows and the other tasks' actions go off only once
        the task has run that long: a short one (a small workspace scored again) does not
        flash them."""
        if self.task_worker is not None:
            self.statusBar().showMessage(self.tr("Please wait: another task is running."), 5000)
            return None
        worker.signals.progressed.connect(self.progress.update_progress)
        worker.signals.finished.connect(on_finished)
        worker.signals.failed.connect(on_failed)
        self.task_worker = worker
        self._busy_text = (text, cancellable)
        if shown_after_ms:
            self._busy_later.start(shown_after_ms)
        else:
            self._show_busy()
        return workers.start(worker)

    def _show_busy(self) -> None:
        text, cancellable = self._busy_text
        self.progress.start(text, cancellable)
        self._set_busy(True)

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

    def _on_progress_cancel_requested(self) -> None:
        if self.task_worker is not None:
            self.task_worker.cancel()

    def _end_task(self) -> None:
        self.task_worker = None
        self._busy_later.stop()
        self.progress.finish()
        self._set_busy(False)
        if self.tracking is None:
            # the Tracking tab may have waited for this task: its rounds are lined up once the
            # caller has shown the task's outcome (an import rescores first)
            self._tracking_later.start()

    def _task_failed(self, title: str, exc: Exception, finished, rescore: bool = False) -> None:
        """A background task failed: its progress ended, the error shown under ``title``, what
        it committed before failing scored and shown when ``rescore``, ``finished`` (if any)
        sent None."""
        self._end_task()
        errors.report_exception(self, title, exc)
        if rescore:
            self.rescore()
        if finished is not None:
            finished.emit(None)

    # ----------------------------------------------------------------------------- tracking
    def _show_tracking(self) -> None:
        """Line the rounds up when the Tracking tab is shown: every round is scored, in a worker
        with progress and Cancel (the tab says it is waiting meanwhile)."""
        if self.tabs.currentWidget() is not self.tracking_view:
            return
        if self.tracking is None and self.backend is not None:
            if not self._tracking_stopped and self.task_worker is None:
                self._start_task(workers.Worker(backend_module.track_task, self.backend),
                                 self.tr("Lining up every round…"),
                                 lambda tracking, generation=self._generation: self._on_track_finished(
                                     tracking, generation),
                                 self._on_track_failed)
            self.tracking_view.show_waiting(self._tracking_stopped)
            return
        self.tracking_view.set_tracking(self.tracking, self.scheme_name)

    def _on_track_finished(self, tracking: Tracking | None, generation: int) -> None:
        if tracking is None:  # cancelled: not started again until the tab is shown again
            self._tracking_stopped = True
        elif generation == self._generation:  # scores unchanged meanwhile (else lined up again)
            self.tracking = tracking
        self._end_task()
        if self.tracking is not None:
            self._show_tracking()

    def _on_track_failed(self, exc: Exception) -> None:
        self._tracking_stopped = True
        self._end_task()
        errors.report_exception(self, self.tr("Could not line the rounds up"), exc)

    def report_settings(self) -> ReportSettings:
        """Who signs the reports of the open workspace (empty without one)."""
        return self.backend.report_settings() if self.backend is not None else ReportSettings()

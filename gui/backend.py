"""The GUI's one door into scoring/: the workspace, imports, scoring, assessments, exports.

Everything the windows need from the engine goes through :class:`Backend`, a thin adapter over
``scoring.workspace.facade.Workspace`` (the SQLite ``.spw`` file, which is the store: every change is
committed as it happens, so closing never loses work). Widgets never learn how the workspace
stores things, and nothing here computes a score.

The Workspace serialises calls with its own lock and allows one worker thread beside the GUI
thread, so the import worker uses the same object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scoring.core.model import Scheme
from scoring.core.reconcile import ReconcileSettings
from scoring.core.report_settings import ReportSettings
from scoring.core.textclean import with_clean_names
from scoring.io.pipeline import AssessmentRun
from scoring.reports.audit_workbook import export_audit
from scoring.workspace.audit import AuditEntry

if TYPE_CHECKING:  # the workspace and the studies load the engine (numpy): they load when a
    # workspace opens, behind the window already shown (issue 19: start-up)
    from scoring.analysis.tracking import Tracking
    from scoring.workspace.facade import ImportReport, Round, Workspace
    from scoring.workspace.merge import MergeReport

Progress = Callable[[int, int, Path], bool]


class TaskCancelled(Exception):
    """Raised by a task's progress report once the person pressed Cancel, to stop work (such
    as scoring every round) whose own progress callback cannot say stop."""


def step_or_stop(state, done: int, total: int, text: str, unit: str) -> None:
    """Report a step of a worker's task; raise :class:`TaskCancelled` when it was cancelled."""
    if not state.progress(done, total, text, unit):
        raise TaskCancelled

__all__ = ["AuditEntry", "Backend", "ReconcileSettings"]


class Backend:
    """An open workspace as the GUI uses it."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        #: The assessment round shown (its label); None shows the latest (issue 20).
        self.round: str | None = None

    @property
    def path(self) -> Path:
        return self.workspace.path

    @property
    def read_only(self) -> bool:
        return self.workspace.read_only

    def read_only_reason(self, lang: str) -> str:
        """Why the workspace is read-only, in ``lang`` (``zh`` or ``en``)."""
        return self.workspace.read_only_said.text(lang)

    def schemes(self) -> list[Scheme]:
        return self.workspace.schemes()

    def add_template(self, path: str | Path) -> Scheme:
        """Raises TemplateError (with every problem) or SchemeConflict."""
        return self.workspace.add_template(path)

    def import_files(
        self, inputs: Iterable[str | Path], progress: Progress | None = None, round: str | None = None
    ) -> ImportReport:
        """Import into the round named (created if new), or by each form's year when None."""
        return self.workspace.import_files(inputs, progress, round=round)

    def rounds(self) -> list[Round]:
        return self.workspace.rounds()

    def shown_round(self) -> str | None:
        """The round to show: the one chosen while it exists, else the latest (None)."""
        if self.round and self.round in {r.label for r in self.workspace.rounds()}:
            return self.round
        return None

    def score(self, progress: Callable[[int, int, str], object] | None = None) -> AssessmentRun:
        """Score the round shown (the latest unless another was chosen); ``progress(done, total,
        scheme name)`` before each scheme."""
        return self.workspace.score(round=self.shown_round(), progress=progress)

    def track(self, progress: Callable[[int, int, str], object] | None = None) -> Tracking:
        """Every round scored and lined up per scheme (the Tracking tab); ``progress(done,
        total, round label)`` before each round."""
        from scoring.analysis.tracking import track_workspace

        return track_workspace(self.workspace, progress=progress)

    def assess(
        self, scheme: Scheme, project_id: str, code: str, fraction: float, inspector: str, reason: str
    ) -> None:
        """A manual score or an override (the workspace checks inspector, reason and range)."""
        self.workspace.assess(
            project_id,
            code,
            fraction,
            inspector=inspector,
            reason=reason,
            scheme=scheme.name,
            scheme_version=scheme.version,
            round=self.shown_round(),
        )

    def withdraw(
        self,
        scheme: Scheme,
        project_id: str,
        code: str,
        inspector: str,
        reason: str,
        author: str | None = None,
    ) -> None:
        """Withdraw the active override of ``author`` (default: the inspector's own)."""
        self.workspace.withdraw(
            project_id,
            code,
            inspector=inspector,
            reason=reason,
            author=author or None,
            scheme=scheme.name,
            scheme_version=scheme.version,
            round=self.shown_round(),
        )

    def consensus(
        self, scheme_name: str, scheme_version: str, project_id: str, code: str, fraction: float,
        inspector: str, reason: str,
    ) -> None:
        """A supervisor's consensus on a criterion several inspectors scored (reason required)."""
        self.workspace.consensus(
            project_id,
            code,
            fraction,
            inspector=inspector,
            reason=reason,
            scheme=scheme_name,
            scheme_version=scheme_version,
            round=self.shown_round(),
        )

    def reconcile_settings(self) -> ReconcileSettings:
        return self.workspace.reconcile_settings()

    def set_reconcile_method(self, method: str) -> ReconcileSettings:
        """Median or mean until a consensus; stored in the workspace, with an audit entry."""
        return self.workspace.set_reconcile_settings(method=method)

    def report_settings(self) -> ReportSettings:
        """Who signs this workspace's reports (scoring.core.report_settings)."""
        return self.workspace.report_settings()

    def set_report_settings(self, settings: ReportSettings) -> ReportSettings:
        return self.workspace.set_report_settings(settings)

    def merge(self, sources: Iterable[str | Path], progress: Progress | None = None) -> MergeReport:
        from scoring.workspace.merge import merge_into

        return merge_into(self.workspace, sources, progress)

    def history(self, project_id: str, scheme: Scheme):
        return self.workspace.history(project_id, scheme=scheme.name, scheme_version=scheme.version)

    def scored_versions(self, project_id: str, scheme: Scheme, round: str | None = None):
        """Every version of a project in ``round`` (by default the latest it was submitted in),
        each scored by the engine (Workspace.scored_versions)."""
        return self.workspace.scored_versions(project_id, scheme=scheme.name, scheme_version=scheme.version,
                                              round=round or None)

    def audit(self) -> list[AuditEntry]:
        return self.workspace.audit_entries()

    def export_audit(self, out: str | Path, lang: str = "en") -> Path:
        """The audit workbook, in Chinese when ``lang`` is ``zh``."""
        return export_audit(self.workspace, out, lang=lang)

    def close(self) -> None:
        if not self.workspace.closed:
            self.workspace.close()


def default_templates() -> list[Path]:
    """The shipped schemes, loaded into every new workspace."""
    from scoring.cli.common import default_template_paths

    return default_template_paths()


def create_backend(path: Path) -> Backend:
    """A new workspace file at ``path`` holding the shipped schemes."""
    from scoring.workspace.facade import Workspace

    workspace = Workspace.create(path)
    try:
        workspace.add_templates(default_templates())
    except BaseException:
        workspace.close()
        raise
    return Backend(workspace)


def open_backend(path: Path) -> Backend:
    """Open a workspace file (read-only, with the reason, when another instance has it)."""
    from scoring.workspace.facade import Workspace

    return Backend(Workspace.open(path))


def save_backend_as(backend: Backend, path: Path) -> Backend:
    """Copy the workspace to ``path`` and continue in the copy (the original is closed)."""
    backend.workspace.backup(path)
    new = open_backend(path)
    backend.close()
    return new


# --------------------------------------------------------------------------- background tasks


@dataclass
class Opened:
    """What the start-up worker opened: the workspace and its scores.

    ``created``: a new workspace was made (its demo submissions are still to be imported);
    ``failures``: each workspace tried first that would not open, with the reason.
    """

    backend: Backend
    run: AssessmentRun
    created: bool = False
    failures: list[tuple[Path, Exception]] = field(default_factory=list)


def open_task(state, candidates: Sequence[Path], fallback: Path) -> Opened | None:
    """Worker body for the start: open the first of ``candidates`` that opens, else create a
    new workspace at ``fallback``; then score it (None when cancelled, nothing left open).

    Opening here rather than before the window is shown lets the window appear at once; the
    scoring stack (numpy, the engine) loads on this thread meanwhile (issue 19: start-up).
    """
    failures: list[tuple[Path, Exception]] = []
    backend, created = None, False
    for path in candidates:
        if state.cancelled:
            return None
        state.progress(0, 0, str(path), "open")
        try:
            backend = open_backend(path)
            break
        except Exception as exc:  # a moved or damaged file: said by the window, then the next
            failures.append((path, exc))
    if backend is None:
        state.progress(0, 0, str(fallback), "create")
        backend, created = create_backend(fallback), True
    try:
        run = backend.score(scoring_progress(state))
    except BaseException:
        backend.close()
        raise
    if state.cancelled:  # the window closed meanwhile: nobody will take the workspace
        backend.close()
        return None
    return Opened(backend, run, created, failures)


def score_task(state, backend: Backend) -> AssessmentRun:
    """Worker body: the round shown scored again after a step was recorded (a score, an
    override, a withdrawal, a consensus, an undo), scheme by scheme."""
    return backend.score(scoring_progress(state))


def import_task(
    state, backend: Backend, inputs: list[str | Path], round: str | None = None
) -> tuple[ImportReport, AssessmentRun]:
    """Worker body: import files and folders (stops when cancelled) into ``round`` (by each
    form's year when None), then score the workspace.

    Scoring here rather than on the GUI thread keeps the window responsive after big imports.
    """
    report = backend.import_files(
        inputs, lambda done, total, path: state.progress(done, total, str(path), "file"), round
    )
    return report, backend.score(scoring_progress(state))


def scoring_progress(state) -> Callable[[int, int, str], object]:
    """Scoring's report of each scheme as the worker's progress (scoring is not cancelled: the
    files imported must be shown)."""
    return lambda done, total, name: state.progress(done, total, name, "scheme")


def merge_task(state, backend: Backend, sources: list[str | Path]) -> tuple[MergeReport, AssessmentRun]:
    """Worker body: merge inspectors' workspaces into this one (stops between workspaces when
    cancelled), then score the result."""
    report = backend.merge(
        sources, lambda done, total, path: state.progress(done, total, str(path), "workspace"))
    return report, backend.score(scoring_progress(state))


DEMO_FOLDERS = ("region", "city", "park", "enterprise", "batch")


def demo_task(state, backend: Backend, folder: Path) -> tuple[ImportReport, AssessmentRun]:
    """Worker body for the first start: write the demo submissions and import the good ones.

    The ``flawed`` folder is left for the person to import, as the walk-through in docs/gui.md does;
    so is ``round_2025`` (the same pilots a year later, issue 20), which the README imports.
    """
    from scoring.build.demo import write_demo
    from scoring.build.demo_rounds import write_second_round

    def step(done: int, total: int, name) -> bool:
        return state.progress(done, total, str(name), "form")

    write_demo(folder, progress=step)
    if not state.cancelled:
        state.progress(0, 0, str(folder / "round_2025"), "prepare")  # the first round read back: no count yet
        write_second_round(folder, progress=step)  # round_2025/: the next round, for the README
    return import_task(state, backend, [folder / name for name in DEMO_FOLDERS])


# --------------------------------------------------------------------------- exports


def export_workbook_task(state, run: AssessmentRun, out: Path, lang: str, robustness=(),
                         settings: ReportSettings | None = None) -> Path | None:
    """Worker body: the print-ready ranked workbook of scoring.reports.workbook, sheet by sheet; None
    when cancelled (nothing is written).

    ``robustness``: the studies run in the Robustness tab, added as the Robustness sheet;
    ``settings``: the workspace's report settings (who signs).
    """
    from scoring.reports.workbook import write_ranked_workbook

    state.progress(0, 0, str(out), "prepare")
    written = write_ranked_workbook(
        with_clean_names(run), out, lang=lang, robustness=robustness, settings=settings,
        progress=lambda done, total: state.progress(done, total, str(out), "sheet"))
    return None if state.cancelled else Path(written)


def track_task(state, backend: Backend) -> Tracking | None:
    """Worker body for the Tracking tab: every round scored and lined up, round by round; None
    when cancelled (between rounds)."""
    try:
        return backend.track(lambda done, total, label: step_or_stop(state, done, total, label, "round"))
    except TaskCancelled:
        return None


def export_tracking_task(state, backend: Backend, out: Path, lang: str, kind: str) -> Path | None:
    """Worker body: every round lined up (scoring each), written as the Tracking workbook
    (``kind`` "workbook") or the tracking PDF ("pdf") of scoring.reports.tracking_export/_report;
    None when cancelled while the rounds are scored (nothing is written)."""
    tracking = track_task(state, backend)
    if tracking is None:
        return None
    state.progress(0, 0, str(out), "write")  # writing: not counted
    if kind == "pdf":
        from scoring.reports.pdf.tracking import write_tracking_pdf

        return Path(write_tracking_pdf(tracking, out, lang=lang))
    from scoring.reports.tracking_export import write_tracking_workbook

    return Path(write_tracking_workbook(tracking, out, lang=lang))


def export_pdf_task(state, run: AssessmentRun, out: Path, lang: str, robustness=(),
                    settings: ReportSettings | None = None) -> Path | None:
    """Worker body: the PDF report of scoring.reports.pdf, page by page; None when cancelled.

    ``robustness``: the studies run in the Robustness tab, printed after their scheme's charts;
    ``settings``: the workspace's report settings (who signs).
    """
    from scoring.reports.pdf.report import write_pdf_report

    state.progress(0, 0, str(out), "prepare")  # the report's contents, before its first page
    written = write_pdf_report(
        with_clean_names(run), out, lang=lang,
        progress=lambda done, total: state.progress(done, total, str(out), "page"), robustness=robustness,
        settings=settings,
    )
    return None if state.cancelled else Path(written)


def export_audit_task(state, backend: Backend, out: Path, lang: str) -> Path:
    """Worker body: the audit workbook (a long log takes seconds); not counted."""
    state.progress(0, 0, str(out), "write")
    return backend.export_audit(out, lang)


def write_blank_form(scheme: Scheme, out: str | Path) -> Path:
    from scoring.io.form import write_blank_form as write

    return write(scheme, out)

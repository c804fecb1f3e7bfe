"""The main window's assessing: on-site scores and overrides, withdrawals, a what-if kept,
Undo, the pending queue (Ctrl+N), consensus, and Compare.

The workspace records every step (with the inspector and reason) and the engine scores: here
the dialogs are asked and the step to undo is remembered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from gui import errors, labels, translation
from gui.errors import error_boundary
from gui.views import dialogs
from gui.window.exports import WindowExports
from gui.window.undo import UndoStep, inspector_scores, own_fraction
from scoring.core.model import Scheme

if TYPE_CHECKING:
    from scoring.core.results import ProjectResult


class WindowAssessing(WindowExports):
    """Scores, withdrawals, undo, the pending queue, consensus, compare."""

    # ----------------------------------------------------------------------------- assessing
    def _inspector(self) -> str:
        return self.settings.inspector

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not record the score"))
    def _on_detail_override_requested(self, code: str) -> None:
        scheme, project = self.scheme(), self.project()
        if scheme is None or project is None or self.still_scoring():
            return
        answer = dialogs.AssessDialog.ask(
            self, scheme.criterion(code), project.indicators[code], self._inspector(),
            worked=self.worked_lines(scheme, project, code),
        )
        if answer is None:
            return
        self._record_score(scheme, project, code, answer)
        self.rescore_in_background(lambda: self.detail.select_code(code))

    def worked_lines(self, scheme: Scheme, project: ProjectResult, code: str) -> list[str]:
        """The criterion's worked calculation as scoring.core.explain writes it, for the dialog."""
        from scoring.core import explain

        item = explain.worked_one(scheme, project, code)
        return explain.worked_lines(item, translation.data_lang()) if item is not None else []

    def _record_score(self, scheme: Scheme, project: ProjectResult, code: str,
                      answer: dialogs.AssessAnswer) -> None:
        """Record a score or override (remembering the inspector's name) and the step to undo it."""
        if self.backend is None:
            return
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
        if scheme is None or project is None or self.still_scoring():
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
            self.rescore_in_background()

    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not withdraw the override"))
    def _on_detail_withdraw_requested(self, code: str) -> None:
        scheme, project = self.scheme(), self.project()
        if scheme is None or project is None or self.still_scoring():
            return
        indicator = project.indicators[code]
        several = len(inspector_scores(indicator)) > 1
        # the override shown is one inspector's, unless several scored it: then one's own
        author = None if several else indicator.inspector
        what = self.withdraw_text(scheme, project, code, author or self._inspector())
        answer = dialogs.WithdrawDialog.ask(self, code, self._inspector(), what=what)
        if answer is None or self.backend is None:
            return
        author = author or answer.inspector
        before = own_fraction(indicator, author)
        self.backend.withdraw(scheme, project.project_id, code, answer.inspector, answer.reason, author)
        self._push_undo(UndoStep(scheme, project.project_id, code, author, before, None))
        self.rescore_in_background(lambda: self.detail.select_code(code))

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

    # ----------------------------------------------------------------------------- undo
    @error_boundary(QT_TRANSLATE_NOOP("errors", "Could not undo"))
    def _on_undo_triggered(self, *_args) -> None:
        self.undo_last()

    def undo_last(self) -> UndoStep | None:
        """Take back the last score, override or withdrawal made in this window.

        The workspace keeps everything: the undo is recorded as a new score (the earlier
        fraction again) or a withdrawal, with a reason saying it is an undo and of what.
        """
        if not self.undo_stack or self.backend is None or self.still_scoring():
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
        self.rescore_in_background(lambda: self.statusBar().showMessage(reason, 10000))
        return step

    # ----------------------------------------------------------------------------- pending queue
    def _on_next_pending_triggered(self, *_args) -> None:  # Ctrl+N
        if self.still_scoring():  # the criterion just scored would still look pending
            return
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
        if scheme is None or self.backend is None or self.still_scoring():
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
        self.rescore_in_background(lambda: self.disagreements.select(row.project_id, row.code))

    def _on_disagreements_method_changed(self, method: str) -> None:
        if self.backend is None:
            return
        try:
            self.backend.set_reconcile_method(method)
        except Exception as exc:  # e.g. opened read-only: say why; the view shows the stored setting
            errors.report_exception(self, self.tr("Could not change the setting"), exc)
        self.rescore()

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

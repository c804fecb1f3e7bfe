"""Render each main view to docs/screenshots/*.png, in Chinese and English (``make screenshots``).

Runs the real window offscreen on a fresh demo workspace in a temporary folder (never the
user's own data or settings), walks the README's steps (import the flawed folder, look at a
rejection, score a manual criterion, print preview) and grabs each view.

Usage: ``QT_QPA_PLATFORM=offscreen python -m gui.screenshots [OUT_DIR]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
#: The window at its first start (gui.main_window.FIRST_SIZE): what most people see.
SIZE = (1280, 800)


def _settle(app, seconds: float = 0.2) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _wait_import(app, window) -> None:
    while window.task_worker is not None:
        app.processEvents()
        time.sleep(0.01)
    _settle(app)


def _shoot(widget, out: Path, name: str, lang: str) -> None:
    path = out / f"{lang}_{name}.png"
    widget.grab().save(str(path))
    print(f"  {path.relative_to(out.parent.parent) if out.parent.parent in path.parents else path}")


def render_language(app, lang: str, out: Path, work: Path) -> None:
    """Walk through the views in one language and save their pictures."""
    from PySide6.QtWidgets import QDialog

    from gui import backend as backend_module
    from gui import settings, translation
    from gui.app import tear_down
    from gui.main_window import MainWindow
    from gui.views import dialogs
    from gui.views.versions_view import VersionsDialog
    from scoring.build.demo import write_demo

    short = "zh" if lang == "zh_CN" else "en"
    translation.install(lang)
    store = settings.Settings()
    store.language = lang
    store.inspector = "李明" if short == "zh" else "Li Ming"
    demo = work / "demo"
    if not demo.exists():
        write_demo(demo)
    backend = backend_module.create_backend(work / f"demo_{short}.spw")
    backend.import_files([demo / name for name in backend_module.DEMO_FOLDERS])
    window = MainWindow(settings=store)
    window.resize(*SIZE)
    window.show()
    window.set_backend(backend)
    city = next(s.name for s in window.run.schemes if s.level == "city")
    window.navigator.select_scheme(city)
    _settle(app)
    _shoot(window, out, "results", short)

    window.start_import([demo / "flawed"])
    _wait_import(app, window)
    dialog = window.report_dialog
    _shoot(dialog, out, "import_report", short)
    rows = [dialog.model.row_object(r) for r in range(dialog.model.rowCount())]
    # the form without a project ID: its sheet, cell and what to do
    row = next(r for r in rows if r.outcome == "rejected" and r.cell)
    location = dialogs.LocationDialog.of_row(row, window)
    location.show()
    _settle(app)
    _shoot(location, out, "issue_location", short)
    location.close()
    # the resubmission's versions side by side: its row of the import report opens them
    dialog.show_row(next(k for k, r in enumerate(rows) if r.outcome == "resubmitted"))
    dialog.close()
    versions = window.findChildren(VersionsDialog)[-1]
    _settle(app)
    _shoot(versions, out, "versions", short)
    versions.close()

    second = next(p for p in window.scheme_projects() if p.rank == 2)
    window.results.select_project(second.project_id)
    window.tabs.setCurrentWidget(window.detail)
    manual = next(c for c in window.scheme().criteria if c.type == "manual")
    window.detail.select_code(manual.code)
    _settle(app)
    assess = dialogs.AssessDialog(manual, window.project().indicators[manual.code], store.inspector, window,
                                  worked=window.worked_lines(window.scheme(), window.project(), manual.code))
    assess.fraction.setValue(0.9)
    assess.reason.setPlainText(
        "现场核查了监测平台和碳排放核算台账"
        if short == "zh"
        else "Checked the monitoring platform and carbon accounts on site"
    )
    assess.show()
    _settle(app)
    _shoot(assess, out, "assess_dialog", short)
    answer = assess.answer()
    assess.close()
    window.backend.assess(
        window.scheme(), second.project_id, manual.code, answer.fraction, answer.inspector, answer.reason
    )
    window.rescore()
    _settle(app)
    _shoot(window, out, "project", short)
    author = window.project().indicators[manual.code].inspector
    withdraw = dialogs.WithdrawDialog(manual.code, store.inspector, window, what=window.withdraw_text(
        window.scheme(), window.project(), manual.code, author))
    withdraw.show()
    _settle(app)
    _shoot(withdraw, out, "withdraw_dialog", short)
    withdraw.close()
    render_compare(app, window, out, short)
    render_explain(app, window, out, short)

    window.tabs.setCurrentWidget(window.charts)
    for kind in ("ranked", "radar", "synergy"):
        window.charts.set_kind(kind)
        _settle(app, 0.3)
        _shoot(window, out, f"charts_{kind}", short)
    window.tabs.setCurrentWidget(window.templates)
    _settle(app)
    _shoot(window, out, "templates", short)
    render_weights(app, window, out, short)
    window.tabs.setCurrentWidget(window.audit)
    _settle(app)
    _shoot(window, out, "audit", short)
    render_merge(app, window, out, work, short)
    render_tracking(app, window, out, demo, short)

    preview = window.make_preview(window.render_ranked, landscape=True)
    preview.show()
    _settle(app, 0.8)
    _shoot(preview, out, "print_preview", short)
    preview.done(QDialog.DialogCode.Rejected)
    settings_dialog = dialogs.SettingsDialog(store, window)
    settings_dialog.show()
    _settle(app)
    _shoot(settings_dialog, out, "settings", short)
    settings_dialog.close()
    window.close()
    _settle(app)
    tear_down(window)  # as the app does on quitting: left to the interpreter's exit, it crashed now and then


def render_compare(app, window, out: Path, short: str) -> None:
    """The README's compare step (issue 19): the two best city projects selected in Results
    (Ctrl+click), then Ctrl+K."""
    window.tabs.setCurrentWidget(window.results)
    ranked = sorted(window.scheme_projects(), key=lambda p: p.rank)
    window.results.select_projects([p.project_id for p in ranked[:2]])
    _settle(app)
    window.act_compare.trigger()
    dialog = window.compare_dialog
    dialog.resize(SIZE[0], 960)
    _settle(app, 0.8)
    _shoot(dialog, out, "compare", short)
    dialog.close()


# The questions docs/gui.md answers: "why 0.859?" (the criterion of the park scheme whose
# fraction is nearest) and "what would make P-2024-007 Good?" (2.91 points short in the demo).
EXPLAINED_LEVEL, EXPLAINED_FRACTION, EXPLAINED_PROJECT = "park", 0.859, "P-2024-007"


def render_explain(app, window, out: Path, short: str) -> None:
    """The Project tab explaining a fraction, then a project's gap to the next grade and its
    paths, then a what-if that follows the first path (issue 17)."""
    from scoring.core import explain

    scheme_name = next(s.name for s in window.run.schemes if s.level == EXPLAINED_LEVEL)
    window.navigator.select_scheme(scheme_name)
    window.tabs.setCurrentWidget(window.detail)
    scored = [(abs(i.score - EXPLAINED_FRACTION), p.project_id, code) for p in window.scheme_projects()
              for code, i in p.indicators.items() if i.status == "ok" and i.score is not None]
    _, project_id, code = min(scored)
    window.results.select_project(project_id)
    window.detail.select_code(code)
    _settle(app, 0.5)
    _shoot(window, out, "project_explain", short)

    scheme, projects = window.scheme(), window.scheme_projects()
    with_paths = [p for p in projects if explain.gap(scheme, p).paths]
    project = next((p for p in with_paths if p.project_id == EXPLAINED_PROJECT), with_paths[0])
    window.results.select_project(project.project_id)
    path = explain.gap(scheme, project).paths[0]
    window.detail.select_code(path.code)
    _settle(app, 0.5)
    _shoot(window, out, "project_gap", short)
    numeric = next((p for p in explain.gap(scheme, project).paths if p.input in ("value", "current")), None)
    if numeric is not None:
        window.detail.select_code(numeric.code)
        window.detail.value_edit.setText(explain.shown_target(scheme.criterion(numeric.code), numeric))
        window.detail.try_button.click()
        _settle(app, 0.5)
        _shoot(window, out, "project_what_if", short)
        window.detail.reset_what_if()


#: The city criterion whose weight the README's walking-weights step triples (docs/gui.md).
WALKED_CODE = "C05"


def render_weights(app, window, out: Path, short: str) -> None:
    """The Weights tab of the city scheme with one criterion's weight tripled, as the README's
    step does (issue 19, walking weights), the project that rose most selected."""
    import numpy as np

    from scoring.analysis.weights import movement

    city = next(s.name for s in window.run.schemes if s.level == "city")
    window.navigator.select_scheme(city)
    window.tabs.setCurrentWidget(window.weights_view)
    _settle(app)
    view = window.weights_view
    kernel, template = view.kernel, view.template

    def moved(j: int) -> int:
        weights = kernel.template_weights
        weights[j] *= 3
        return movement(template, kernel.weigh(weights)).moved

    criteria = window.scheme().criteria
    # the README's step: C05 (CO2 per unit of GDP) 14 → 42; another scheme, the weight moving most
    j = next((j for j, c in enumerate(criteria) if c.code == WALKED_CODE),
             max((j for j, c in enumerate(criteria) if c.kind == "score" and c.weight > 0), key=moved))
    view.set_weight(criteria[j].code, criteria[j].weight * 3)
    riser = int(np.argmax(movement(template, view.now).rank_change))
    view.table.selectRow(view.model.row_of(kernel.project_ids[riser]))
    view.tree.scrollToItem(view.criterion_row(criteria[j].code))  # the row just changed
    _settle(app, 0.3)
    _shoot(window, out, "weights", short)
    view.reset()


#: Three inspectors' scores of a manual criterion for the five best city projects (issue 9).
TEAM_SCORES = {
    ("李明", "Li Ming"): (0.6, 0.8, 0.9, 0.5, 0.7),
    ("王芳", "Wang Fang"): (0.7, 0.75, 0.4, 0.55, 0.7),
    ("赵强", "Zhao Qiang"): (0.2, 0.8, 0.85, 0.5, 0.65),
}


def render_merge(app, window, out: Path, work: Path, short: str) -> None:
    """Hand out copies of the workspace to three inspectors, merge them back, shoot the results.

    Pictures: the merge report, the consensus dialog, and the Disagreements view after it.
    """
    from gui import labels
    from gui.views import dialogs
    from scoring.workspace.facade import Workspace

    manual = next(c.code for c in window.scheme().criteria if c.type == "manual")
    projects = [p.project_id for p in window.scheme_projects()[:5]]
    copies = []
    for names, fractions in TEAM_SCORES.items():
        name = names[0] if short == "zh" else names[1]
        copy = window.backend.workspace.backup(work / f"{short}_{names[1].split()[0].lower()}.spw")
        with Workspace.open(copy, actor=name) as inspector:
            for project_id, fraction in zip(projects, fractions, strict=True):
                reason = "现场核查" if short == "zh" else "site visit"
                inspector.assess(project_id, manual, fraction, inspector=name, reason=reason)
        copies.append(copy)
    window.start_merge(copies)
    _wait_import(app, window)
    _shoot(window.merge_dialog, out, "merge_report", short)
    window.merge_dialog.close()
    window.tabs.setCurrentWidget(window.disagreements)
    window.disagreements.select(projects[0], manual)
    indicator = labels.criterion_text(window.scheme().criterion(manual))[1]
    supervisor = "陈静" if short == "zh" else "Chen Jing"
    row = window.disagreements.current_row()
    consensus = dialogs.ConsensusDialog(row, indicator, supervisor, window)
    consensus.fraction.setValue(0.65)
    reason = "三人联合复核：方案已通过，实施过半" if short == "zh" else "Joint review: plan adopted"
    consensus.reason.setPlainText(reason)
    consensus.show()
    _settle(app)
    _shoot(consensus, out, "consensus_dialog", short)
    answer = consensus.answer()
    consensus.close()
    window.backend.consensus(row.scheme, row.scheme_version, row.project_id, row.code, answer.fraction,
                             answer.inspector, answer.reason)
    window.rescore()
    window.disagreements.select(projects[1], manual)
    _settle(app)
    _shoot(window, out, "disagreements", short)


def render_tracking(app, window, out: Path, demo: Path, short: str) -> None:
    """The README's tracking steps (issue 20): import the demo's second round, choosing the
    round by year, then the Tracking tab of the city scheme with three pilots' trend lines."""
    from gui.views.round_dialog import RoundChoiceDialog
    from scoring.build.demo_rounds import FOLDER, write_second_round

    if not (demo / FOLDER).exists():
        write_second_round(demo)
    dialog = RoundChoiceDialog(window.backend.rounds(), window)
    dialog.show()
    _settle(app)
    _shoot(dialog, out, "round_dialog", short)
    dialog.close()
    window.start_import([demo / FOLDER], dialog.chosen())
    _wait_import(app, window)
    if window.report_dialog is not None:
        window.report_dialog.close()
    city = next(s.name for s in window.run.schemes if s.level == "city")
    window.navigator.select_scheme(city)
    window.tabs.setCurrentWidget(window.tracking_view)
    _wait_import(app, window)  # every round is scored in a worker
    _settle(app, 0.5)
    table = window.tracking_view.table
    for row in range(3):
        table.selectRow(row) if row == 0 else table.selectionModel().select(
            table.model().index(row, 0),
            table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows)
    _settle(app, 0.8)
    _shoot(window, out, "tracking", short)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else OUT
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="synergypilot-shots-") as temp:
        work = Path(temp)
        os.environ["SYNERGYPILOT_HOME"] = str(work / "home")
        from gui import settings

        settings.use_folder(work / "settings")
        from gui.app import make_application

        app = make_application([])
        for lang in ("zh_CN", "en"):
            render_language(app, lang, out, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())

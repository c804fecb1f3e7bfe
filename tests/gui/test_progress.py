"""Issue 19, item 5: every long task counts real steps (files, schemes, forms, sheets, pages)
with Cancel, never "1/0"; after an export, Open and Show in folder."""

from __future__ import annotations

import openpyxl
from PySide6.QtWidgets import QFileDialog

from gui import backend as backend_module


class RecordedState:
    """A worker's state that records every progress report and cancels at a chosen step."""

    def __init__(self, cancel_at: tuple[str, int] | None = None) -> None:
        self.reports: list[tuple[int, int, str, str]] = []
        self.cancel_at = cancel_at
        self.cancelled = False

    def progress(self, done, total, text="", unit="") -> bool:
        self.reports.append((done, total, text, unit))
        if self.cancel_at == (unit, done):
            self.cancelled = True
        return not self.cancelled

    def of(self, unit: str) -> list[tuple[int, int]]:
        return [(done, total) for done, total, _text, u in self.reports if u == unit]


def _counted_in_order(steps: list[tuple[int, int]]) -> bool:
    """Steps 0, 1, … total - 1 of one total, each once."""
    return bool(steps) and steps == [(k, steps[0][1]) for k in range(steps[0][1])]


def test_the_progress_bar_names_what_it_counts_and_never_says_one_of_zero(qtbot):
    from gui.views.import_views import ImportProgress

    progress = ImportProgress()
    qtbot.addWidget(progress)
    progress.start("Writing ranked.xlsx…")
    progress.update_progress(0, 0, "/out/ranked.xlsx", "sheet")
    assert progress.file_label.text() == "ranked.xlsx" and progress.bar.maximum() == 0
    shown = {}
    for unit, text in (("file", "/in/C-2024-003.xlsx"), ("scheme", "City pilot assessment"),
                       ("form", "/demo/city/C-2024-003.xlsx"), ("sheet", "/out/ranked.xlsx"),
                       ("page", "/out/report.pdf"), ("workspace", "/in/li.spw"), ("round", "2025"),
                       ("", "/in/x.xlsx")):
        progress.update_progress(2, 5, text, unit)
        shown[unit] = progress.file_label.text()
        assert (progress.bar.value(), progress.bar.maximum()) == (2, 5)
    assert shown == {
        "file": "File 3 of 5: C-2024-003.xlsx",
        "scheme": "Scoring scheme 3 of 5: City pilot assessment",
        "form": "Writing demo form 3 of 5: C-2024-003.xlsx",
        "sheet": "ranked.xlsx: sheet 3 of 5",
        "page": "report.pdf: page 3 of about 5",
        "workspace": "Workspace 3 of 5: li.spw",
        "round": "Scoring round 3 of 5: 2025",
        "": "3/5: x.xlsx",
    }
    assert "1/0" not in " ".join(shown.values())


def test_import_counts_the_files_then_the_schemes_it_scores(window, demo_files):
    state = RecordedState()
    folder = demo_files / "submissions" / "flawed"
    backend_module.import_task(state, window.backend, [folder])
    files = state.of("file")
    assert _counted_in_order(files) and files[0][1] == len(list(folder.iterdir()))
    schemes = state.of("scheme")
    assert _counted_in_order(schemes) and schemes[0][1] == len(window.backend.schemes())
    assert [text for *_n, text, unit in state.reports if unit == "file"] == sorted(
        str(p) for p in folder.iterdir())


def test_writing_the_demo_counts_its_forms_and_stops_when_cancelled(tmp_path):
    from scoring.build.demo import write_demo

    steps = []
    written = write_demo(tmp_path / "demo", progress=lambda done, total, path: steps.append((done, total)))
    levels = ("region", "city", "park", "enterprise")
    forms = [p for level in levels for p in (tmp_path / "demo" / level).iterdir()]
    # a step per form, then the batch workbook, then the flawed folder
    assert _counted_in_order(steps) and steps[0][1] == len(forms) + 2
    assert len(written) == len(forms) + 1 + len(list((tmp_path / "demo" / "flawed").iterdir()))
    stopped = write_demo(tmp_path / "stopped", progress=lambda done, total, path: done < 3)
    assert len(stopped) == 3


def test_the_workbook_export_counts_its_sheets_and_can_be_cancelled(small_window, tmp_path):
    (tmp_path / "out").mkdir()  # beside the window's workspace in tmp_path
    out = tmp_path / "out" / "ranked.xlsx"
    state = RecordedState()
    assert backend_module.export_workbook_task(state, small_window.run, out, "en") == out
    sheets = state.of("sheet")
    # every sheet of the book, then saving
    assert _counted_in_order(sheets) and sheets[0][1] == len(openpyxl.load_workbook(out).sheetnames) + 1
    cancelled = tmp_path / "out" / "cancelled.xlsx"
    state = RecordedState(cancel_at=("sheet", 2))
    assert backend_module.export_workbook_task(state, small_window.run, cancelled, "en") is None
    assert state.of("sheet")[-1] == (2, sheets[0][1]) and not cancelled.exists()
    assert list((tmp_path / "out").iterdir()) == [out]  # no temporary file left either


def test_after_an_export_open_and_show_in_folder(small_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    window = small_window
    offered = []

    def save_as(parent, title, default, file_filter):
        offered.append(default)
        return str(tmp_path / "ranked.xlsx"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    seen = []
    with qtbot.waitSignal(window.export_finished, timeout=120000):
        window.act_export_workbook.trigger()
        window.task_worker.signals.progressed.connect(lambda *report: seen.append(report))
    assert offered == [str(window.backend.path.parent / "ranked.xlsx")]  # beside the workspace
    assert any(unit == "sheet" and total > 0 for _done, total, _text, unit in seen)
    assert window.written_bar.isVisible()
    window.open_written.click()
    window.show_written_folder.click()
    assert opened == [str(tmp_path / "ranked.xlsx"), str(tmp_path)]


def test_the_pdf_export_counts_pages(small_window, tmp_path):
    state = RecordedState()
    out = tmp_path / "report.pdf"
    assert backend_module.export_pdf_task(state, small_window.run, out, "en") == out
    pages = state.of("page")
    assert pages and [done for done, _total in pages] == list(range(1, len(pages) + 1))
    assert all(done <= total for done, total in pages)


def test_a_merge_counts_the_workspaces_then_the_schemes(tmp_path):
    from gui.backend import create_backend
    from tests.merge_team import build_team, write_files

    team = build_team(tmp_path, write_files(tmp_path))
    backend = create_backend(tmp_path / "master.spw")
    try:
        state = RecordedState()
        backend_module.merge_task(state, backend, [str(p) for p in team.values()])
        merged = state.of("workspace")
        assert _counted_in_order(merged) and merged[0][1] == len(team)
        named = [text for *_n, text, unit in state.reports if unit == "workspace"]
        assert named == [str(p) for p in team.values()]
        assert _counted_in_order(state.of("scheme"))
    finally:
        backend.close()


def test_the_tracking_export_counts_the_rounds_it_scores(window, tmp_path):
    state = RecordedState()
    out = tmp_path / "tracking.xlsx"
    assert backend_module.export_tracking_task(state, window.backend, out, "en", "workbook") == out
    rounds = state.of("round")
    assert _counted_in_order(rounds) and rounds[0][1] == len(window.backend.rounds())


def test_tracking_stops_between_rounds_when_cancelled_and_writes_nothing(window, tmp_path):
    state = RecordedState(cancel_at=("round", 0))
    assert backend_module.track_task(state, window.backend) is None
    out = tmp_path / "tracking.xlsx"
    state = RecordedState(cancel_at=("round", 0))
    assert backend_module.export_tracking_task(state, window.backend, out, "en", "workbook") is None
    assert not out.exists() and state.of("round") == [(0, len(window.backend.rounds()))]


def test_a_phase_that_cannot_count_says_what_it_is_doing(qtbot):
    from gui.views.import_views import ImportProgress

    progress = ImportProgress()
    qtbot.addWidget(progress)
    progress.start("Writing audit.xlsx…", cancellable=False)
    assert not progress.cancel_button.isEnabled()  # no Cancel where the work cannot stop
    shown = {}
    for unit in ("open", "create", "prepare", "write"):
        progress.update_progress(0, 0, "/out/report.pdf", unit)
        shown[unit] = progress.file_label.text()
        assert progress.bar.maximum() == 0 and progress.file_label.toolTip() == "/out/report.pdf"
    assert shown == {"open": "Opening report.pdf…", "create": "Creating report.pdf…",
                     "prepare": "Preparing report.pdf…", "write": "Writing report.pdf…"}

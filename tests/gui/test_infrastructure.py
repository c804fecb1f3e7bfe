"""Settings, translations, error hooks, workers and the first start."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from gui import errors, paths, settings, translation, workers

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "gui" / "i18n" / "synergypilot_zh_CN.ts"


# ----------------------------------------------------------------------------- settings


def test_settings_are_typed_and_versioned(tmp_path):
    store = settings.Settings()
    assert store.language in settings.LANGUAGES
    store.language = "zh_CN"
    store.inspector = "  王检查  "
    assert settings.Settings().language == "zh_CN"
    assert settings.Settings().inspector == "王检查"
    with pytest.raises(ValueError):
        store.language = "fr"
    a, b = tmp_path / "a.spw", tmp_path / "b.spw"
    a.touch()
    b.touch()
    store.add_recent_workspace(a)
    store.add_recent_workspace(b)
    store.add_recent_workspace(a)
    assert store.recent_workspaces == [str(a.resolve()), str(b.resolve())]
    b.unlink()
    assert store.recent_workspaces == [str(a.resolve())]
    written = QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, settings.ORGANISATION,
                        settings.APPLICATION)  # the file itself, read afresh
    assert int(written.value("meta/version")) == settings.SETTINGS_VERSION
    assert (tmp_path / "settings").exists()  # the test's own folder, not the user's


def test_language_defaults_from_the_system_locale(monkeypatch):
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.Chinese)))
    assert settings.Settings().language == "zh_CN"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.German)))
    assert settings.Settings().language == "en"


# ----------------------------------------------------------------------------- translations


def _messages(ts=TS_FILE):
    root = ElementTree.parse(ts).getroot()
    for context in root.iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message.findtext("source"), message.find("translation")


def _translated(translation) -> list[str]:
    """A message's translation: its one text, or its plural forms (%n messages)."""
    forms = [form.text or "" for form in translation.iter("numerusform")]
    return forms or [translation.text or ""]


def test_every_message_is_translated_into_chinese():
    unfinished = [
        (c, s) for c, s, t in _messages()
        if t.get("type") == "unfinished" or not all(text.strip() for text in _translated(t))
    ]
    assert unfinished == []
    assert sum(1 for _ in _messages()) > 200


def test_every_plural_reads_right_for_one_and_for_many_in_both_languages(qapp):
    """Each %n message (e.g. Tracking's "1 pilot was assessed in only one of them", once "1 were
    assessed") has English forms for one and many, and a Chinese one; both compiled and loaded."""
    plural = [(c, s) for c, s, t in _messages() if len(_translated(t)) and "%n" in (s or "")]
    assert len(plural) >= 5
    english = {(c, s): _translated(t) for c, s, t in _messages(TS_FILE.with_name("synergypilot_en.ts"))}
    assert set(english) == set(plural), "run `make i18n`: synergypilot_en.ts holds every plural"
    translation.install("en")
    for context, source in plural:
        one, many = (QCoreApplication.translate(context, source, None, n) for n in (1, 2))
        assert one != many and "1" in one and "2" in many, (source, one, many)
    assert QCoreApplication.translate("TrackingView", "%n pilot(s) assessed in only one of them.", None, 1) \
        == "1 pilot was assessed in only one of them."
    assert QCoreApplication.translate("TrackingView", "%n pilot(s) assessed in only one of them.", None, 3) \
        == "3 pilots were assessed in only one of them."
    translation.install("zh_CN")
    try:
        assert QCoreApplication.translate("TrackingView", "%n pilot(s) assessed in only one of them.", None,
                                          1) == "另有 1 个试点只参加了其中一轮。"
    finally:
        translation.install("en")


def test_the_ts_file_holds_every_string_in_the_code(tmp_path):
    """pyside6-lupdate over gui/ finds no string that the checked-in .ts lacks."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "gui").rglob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    found = {
        (c.findtext("name"), m.findtext("source"))
        for c in ElementTree.parse(fresh).getroot().iter("context")
        for m in c.iter("message")
    }
    known = {(c, s) for c, s, _ in _messages()}
    assert found - known == set()


@pytest.mark.parametrize("ts", sorted(TS_FILE.parent.glob("*.ts")), ids=lambda p: p.name)
def test_checked_in_qm_is_compiled_from_the_current_ts(ts, tmp_path):
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([lrelease, str(ts), "-qm", str(fresh)], check=True, capture_output=True)
    assert ts.with_suffix(".qm").read_bytes() == fresh.read_bytes(), "run `make i18n` and commit the .qm"


def test_install_switches_the_language(qapp):
    assert translation.install("zh_CN") >= 1
    assert QCoreApplication.translate("labels", "Pending") == "待评分"
    assert translation.data_lang() == "zh"
    # Qt's own texts that the .ts does not hold stay as they are, never become empty
    assert QCoreApplication.translate("QPrintPreviewDialog", "%1%") == "%1%"
    # Qt's own dialogs are in Chinese too (qtbase's shipped translation)
    assert QCoreApplication.translate("QFileDialog", "File &name:") != "File &name:"
    assert translation.install("en") == 1  # English's plural forms (synergypilot_en.ts)
    assert QCoreApplication.translate("labels", "Pending") == "Pending"


# ----------------------------------------------------------------------------- errors


def test_an_output_that_cannot_be_written_is_explained_in_the_interface_language(qapp):
    import errno

    from scoring.io.atomic import output_error

    error = output_error("/data/报告.pdf", OSError(errno.ENOSPC, "No space left on device"))
    translation.install("zh_CN")
    try:
        assert errors.describe(error)[0] == "无法写入 /data/报告.pdf：磁盘已满；请腾出空间后重试"
    finally:
        translation.install("en")
    english = "cannot write /data/报告.pdf: the disk is full; free some space and try again"
    assert errors.describe(error)[0] == english


def test_a_refused_template_lists_its_problems_in_the_interface_language(qapp):
    from scoring.core.presentation import said
    from scoring.io.template import TemplateError, TemplateProblem

    weight = said("tp_field", field=said("tp_field_name", name="weight", zh="权重"),
                  message=said("tp_weight_negative", found=-1.0))
    error = TemplateError("t.xlsx", [TemplateProblem("Criteria", "H2", weight, "t.xlsx")])
    translation.install("zh_CN")
    try:
        assert errors.describe(error)[1] == "Criteria!H2：weight（权重）：应为 0 或以上，实际为 -1"
    finally:
        translation.install("en")
    assert errors.describe(error)[1] == "Criteria!H2: weight: must be 0 or more, found -1"


def test_unexpected_exception_is_logged_then_shown(shown_errors):
    errors.install_hooks()
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert shown_errors and shown_errors[-1][0] == "Unexpected error"
    assert "boom in a slot" in shown_errors[-1][1]
    assert shown_errors[-1][2] == "RuntimeError: boom in a slot"  # no traceback for the person
    logged = paths.log_file().read_text(encoding="utf-8")
    assert "boom in a slot" in logged and "Traceback" in logged  # the log has it all


def test_exception_in_a_thread_reaches_the_gui_thread(shown_errors, qtbot):
    errors.install_hooks()
    thread = threading.Thread(target=lambda: 1 / 0, name="failing")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(shown_errors))
    assert "division by zero" in shown_errors[-1][1]


def test_error_boundary_turns_a_failure_into_a_dialog(shown_errors):
    class View(QWidget):
        @errors.error_boundary("Could not print")
        def act(self):
            raise OSError(13, "Permission denied", "/x/report.pdf")

    view = View()
    assert view.act() is None
    title, message, _ = shown_errors[-1]
    assert title == "Could not print" and "/x/report.pdf" in message and "Permission denied" in message


# ----------------------------------------------------------------------------- workers


def test_worker_reports_progress_and_result(qtbot):
    def task(state, n):
        for i in range(n):
            state.progress(i, n, f"file{i}", "file")
        return n * 2

    worker = workers.Worker(task, 3)
    seen = []
    worker.signals.progressed.connect(lambda d, t, text, unit: seen.append((d, t, text, unit)))
    with qtbot.waitSignal(worker.signals.finished) as blocker:
        workers.start(worker)
    assert blocker.args == [6]
    qtbot.waitUntil(lambda: not workers.active_workers())
    assert seen == [(0, 3, "file0", "file"), (1, 3, "file1", "file"), (2, 3, "file2", "file")]


def test_worker_failure_and_cancel(qtbot):
    release = threading.Event()

    def slow(state):
        release.wait(5)
        return state.progress(1, 2, "")

    worker = workers.Worker(slow)
    with qtbot.waitSignal(worker.signals.finished) as blocker:
        workers.start(worker)
        worker.cancel()
        release.set()
    assert blocker.args == [False]  # progress() said stop
    failing = workers.Worker(lambda state: 1 / 0)
    with qtbot.waitSignal(failing.signals.failed) as blocker:
        workers.start(failing)
    assert isinstance(blocker.args[0], ZeroDivisionError)
    qtbot.waitUntil(lambda: not workers.active_workers())


def test_a_discarded_worker_delivers_nothing_but_is_released(qtbot):
    """On quitting, a result reported after the window closed is dropped, not delivered."""
    release = threading.Event()

    def task(state):
        release.wait(5)
        state.progress(1, 1, "late")
        return "late result"

    worker = workers.Worker(task)
    delivered = []
    worker.signals.progressed.connect(lambda *args: delivered.append(args))
    worker.signals.finished.connect(delivered.append)
    worker.signals.failed.connect(delivered.append)
    workers.start(worker)
    release.set()
    assert workers.shut_down(5000)  # the result is emitted, queued, before the discard below
    assert worker.state.cancelled
    with qtbot.waitSignal(worker.signals.done):
        pass
    assert delivered == []
    assert not workers.active_workers()


def test_dangling_thread_guard_sees_running_work(qtbot):
    """The autouse guard's own check: a started, unfinished worker is visible to it."""
    release = threading.Event()
    worker = workers.start(workers.Worker(lambda state: release.wait(5)))
    assert worker in workers.active_workers()
    assert QThreadPool.globalInstance().activeThreadCount() >= 1
    with qtbot.waitSignal(worker.signals.done):
        release.set()
    qtbot.waitUntil(lambda: not workers.active_workers())


# ----------------------------------------------------------------------------- first start


@pytest.mark.slow
def test_first_start_creates_and_imports_the_demo(qtbot):
    from gui.app import open_start_workspace, register_fonts
    from gui.main_window import MainWindow

    assert register_fonts(QApplication.instance())  # the shipped CJK font
    store = settings.Settings()
    window = MainWindow(settings=store)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.import_finished, timeout=120000):
        open_start_workspace(window, store)
    assert paths.demo_workspace().exists()
    assert len(window.run.projects) == 86
    assert "demo.spw" in window.windowTitle()
    assert store.last_workspace == str(paths.demo_workspace().resolve())
    window.close()
    # the second start opens the same workspace, no demo writing
    again = MainWindow(settings=settings.Settings())
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.workspace_opened, timeout=60000):
        open_start_workspace(again, settings.Settings())
    assert again.task_worker is None and len(again.run.projects) == 86


def test_tear_down_stops_the_work_and_destroys_the_window_before_python_exits(demo_workspace, demo_files):
    import shiboken6

    from gui.app import tear_down
    from gui.main_window import MainWindow

    window = MainWindow(settings=settings.Settings())  # not given to qtbot: tear_down deletes it
    window.open_workspace(demo_workspace)
    window.start_import([demo_files / "submissions"])
    backend = window.backend
    tear_down(window)
    assert not workers.active_workers()
    assert backend.workspace.closed
    assert not shiboken6.isValid(window)  # the C++ window is gone, not left to interpreter exit


def test_closing_as_a_task_ends_leaves_nothing_to_run_on_the_closed_window(qtbot, demo_workspace):
    """A task's end asks for the Tracking tab's lining-up on the event loop's next turn. Closed
    in between (the person quits as an open, import or export finishes), the window is gone when
    that turn comes: it must not be called then (it raised on the deleted tabs, an "Unexpected
    error" while quitting). pytest-qt fails the test on an exception raised in a Qt callback."""
    import shiboken6

    from gui.app import tear_down
    from gui.main_window import MainWindow

    window = MainWindow(settings=settings.Settings())  # not given to qtbot: tear_down deletes it
    with qtbot.waitSignal(window.workspace_opened, timeout=60000):
        window.start_opening([demo_workspace], demo_workspace)
    window.close()
    tear_down(window)
    assert not shiboken6.isValid(window)
    QApplication.processEvents()


def test_a_crash_in_native_code_leaves_its_trace_in_the_log(tmp_path):
    """A segmentation fault has no Python exception to log: faulthandler writes it instead."""
    script = (
        "import ctypes\n"
        "from gui.app import make_application\n"
        "make_application()\n"
        "ctypes.string_at(0)\n"  # reads address 0: the same signal a crash inside Qt raises
    )
    env = {**os.environ, "SYNERGYPILOT_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONFAULTHANDLER", None)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert done.returncode != 0
    log_text = (tmp_path / "synergypilot.log").read_text("utf-8")
    assert "Fatal Python error: Segmentation fault" in log_text
    assert "line 4" in log_text  # where it happened


@pytest.mark.slow
def test_a_first_start_import_cut_short_by_quitting_is_finished_at_the_next_start(qtbot):
    from gui.app import open_start_workspace
    from gui.main_window import MainWindow

    first = MainWindow(settings=settings.Settings())
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.workspace_opened, timeout=60000):
        open_start_workspace(first, settings.Settings())
    assert first.task_worker is not None  # the demo's import, started once the workspace is made
    first.close()  # quit at once: the demo import stops early and is not marked complete
    assert not settings.Settings().demo_complete
    assert paths.demo_workspace().exists()

    again = MainWindow(settings=settings.Settings())
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.import_finished, timeout=120000):
        open_start_workspace(again, settings.Settings())
    assert len(again.run.projects) == 86
    assert settings.Settings().demo_complete
    # and once complete, a start opens it without importing anything
    third = MainWindow(settings=settings.Settings())
    qtbot.addWidget(third)
    with qtbot.waitSignal(third.workspace_opened, timeout=60000):
        open_start_workspace(third, settings.Settings())
    assert third.task_worker is None and len(third.run.projects) == 86


def test_a_home_folder_keeps_the_settings_too(tmp_path):
    """SYNERGYPILOT_HOME isolates the settings as well as the data (a fresh process each: the
    settings location is process-wide)."""
    script = (
        "import sys\n"
        "from gui import settings\n"
        "if sys.argv[1] == 'chosen':\n"
        "    settings.use_folder(sys.argv[2])\n"
        "from gui.app import make_application\n"
        "make_application()\n"
        "settings.Settings().inspector = 'Li'\n"
    )
    env = {**os.environ, "SYNERGYPILOT_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    for how in ("home", "chosen"):
        subprocess.run([sys.executable, "-c", script, how, str(tmp_path / "chosen")], cwd=ROOT, env=env,
                       check=True, timeout=120)
    in_home = list((tmp_path / "home" / "settings").rglob("*.ini"))
    in_chosen = list((tmp_path / "chosen").rglob("*.ini"))
    assert len(in_home) == 1 and "inspector=Li" in in_home[0].read_text("utf-8")
    assert len(in_chosen) == 1 and "inspector=Li" in in_chosen[0].read_text("utf-8")

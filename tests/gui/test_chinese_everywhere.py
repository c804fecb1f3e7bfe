"""Chinese everywhere a user looks (issue 19, item 2).

The real window on the demo workspace, in Chinese, walked through every tab, every chart, the
menus and every dialog a day's work opens (import report, where a problem is, versions,
scoring, withdrawing, settings, report sign-off, a merge's report and the disagreements it
brings, rounds, the user guide's window, About). Every text a person can
see — labels, buttons, tabs, menus, table headings and the rows on screen, list and combo-box
entries, text boxes, the charts' titles, labels and ticks — is split into Latin words, and each
must be a code, a unit or a proper name on the one allow-list (tests/gui/latin_allowed.py).
"""

from __future__ import annotations

import getpass
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from gui import translation
from tests.gui.latin_allowed import allowed, interface_text

#: A Latin word: letters, with digits, dots, hyphens, apostrophes and subscripts inside it.
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.₀-₉’'\-]*[A-Za-z0-9₀-₉]|[A-Za-z]")
#: Rows of a table read: enough for every row of the demo's tables and its whole audit log.
ROWS_READ = 1000


def _plain(text: str) -> str:
    """Rich text as it reads (tags dropped); mnemonics' '&' dropped."""
    if re.search(r"<\w+[^>]*>|&\w+;", text):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace("&&", "\0").replace("(&", "(").replace("&", "").replace("\0", "&")


def _model_texts(view: QAbstractItemView, rows: bool = True) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts = []
    header = getattr(view, "horizontalHeader", None) or getattr(view, "header", None)
    if header is not None and header().isVisible():
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                  for c in range(model.columnCount()) if not header().isSectionHidden(c)]

    def walk(parent, depth: int) -> None:
        for r in range(min(model.rowCount(parent), ROWS_READ)):
            for c in range(model.columnCount(parent)):
                index = model.index(r, c, parent)
                value = model.data(index, Qt.ItemDataRole.DisplayRole)
                if value is not None:
                    texts.append(str(value))
            if depth < 2:
                walk(model.index(r, 0, parent), depth + 1)

    from PySide6.QtCore import QModelIndex

    if rows:
        walk(QModelIndex(), 0)
    return texts


def _menu_texts(menu: QMenu) -> list[str]:
    texts = [menu.title()]
    for action in menu.actions():
        texts.append(action.text())
        if action.menu() is not None:
            texts += _menu_texts(action.menu())
    return texts


def _figure_texts(widget) -> list[str]:
    from matplotlib.text import Text

    figure = getattr(widget, "figure", None)
    if figure is None:
        return []
    return [t.get_text() for t in figure.findobj(Text) if t.get_visible() and t.get_text()]


def visible_texts(root: QWidget, rows: bool = True) -> list[tuple[str, str]]:
    """(widget class, text) of everything visible in ``root`` and its children; without a
    table's or list's rows when not ``rows`` (a file dialog lists the disk's own names)."""
    found: list[tuple[str, str]] = [("window title", root.windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        kind = type(widget).__name__
        texts: list[str] = []
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
            texts += [widget.toPlainText(), widget.placeholderText()]
        elif isinstance(widget, QAbstractSpinBox):
            texts += [widget.specialValueText(), getattr(widget, "prefix", str)(),
                      getattr(widget, "suffix", str)()]
        elif isinstance(widget, QListWidget) and rows:
            texts += [widget.item(i).text() for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView):
            texts += _model_texts(widget, rows)
        texts += _figure_texts(widget)
        found += [(kind, _plain(t)) for t in texts if t]
    menu_bar = getattr(root, "menuBar", None)
    if callable(menu_bar) and menu_bar() is not None and not isinstance(root, QMenu):
        for action in menu_bar().actions():
            if action.menu() is not None:
                found += [("menu", _plain(t)) for t in _menu_texts(action.menu()) if t]
    return found


def latin_words(texts: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(word, widget class, text) of every Latin word not on the allow-list."""
    bad = []
    names = frozenset({getpass.getuser()})  # who imported: the actor's login name
    for kind, text in texts:
        for word in LATIN_WORD.findall(interface_text(text)):
            if not allowed(word, names):
                bad.append((word, kind, text[:120]))
    return bad


def _settle(qtbot, ms: int = 50) -> None:
    QApplication.processEvents()
    qtbot.wait(ms)


def _check(qtbot, widget: QWidget, where: str, found: dict, rows: bool = True) -> list[tuple[str, str]]:
    _settle(qtbot)
    texts = visible_texts(widget, rows)
    for word, kind, text in latin_words(texts):
        found.setdefault((where, word), (kind, text))
    return texts


def test_the_chinese_window_shows_no_untranslated_latin_word(qtbot, demo_files, demo_workspace, tmp_path):
    from gui import settings
    from gui.main_window import MainWindow
    from gui.views import dialogs
    from gui.views.round_dialog import RoundChoiceDialog
    from scoring.workspace.facade import Workspace

    translation.install("zh_CN")
    store = settings.Settings()
    store.inspector = "李明"
    window = MainWindow(settings=store)
    qtbot.addWidget(window)
    window.resize(1360, 820)
    window.show()
    window.open_workspace(demo_workspace)
    city = next(s.name for s in window.run.schemes if s.level == "city")
    window.navigator.select_scheme(city)
    found: dict = {}

    # every tab, every chart
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        _check(qtbot, window, f"tab {i}", found)
    window.tabs.setCurrentWidget(window.charts)
    for row in range(window.charts.kinds.count()):
        window.charts.kinds.setCurrentRow(row)
        texts = _check(qtbot, window, f"chart {row}", found)
        # the walk reads the chart itself: its title names the scheme in Chinese
        assert any(kind.startswith("FigureCanvas") and "城市试点评估" in text for kind, text in texts), row

    # the Project tab on a project with a manual criterion, and its dialogs
    window.results.select_project(window.scheme_projects()[1].project_id)
    window.tabs.setCurrentWidget(window.detail)
    manual = next(c for c in window.scheme().criteria if c.type == "manual")
    for criterion in window.scheme().criteria:  # each criterion's worked calculation
        window.detail.select_code(criterion.code)
        _check(qtbot, window, f"project, {criterion.code}", found)
    window.detail.select_code(manual.code)
    assess = dialogs.AssessDialog(manual, window.project().indicators[manual.code], store.inspector, window,
                                  worked=window.worked_lines(window.scheme(), window.project(), manual.code))
    assess.show()
    _check(qtbot, assess, "scoring dialog", found)
    answer = assess.answer()
    assess.close()
    window.backend.assess(window.scheme(), window.project().project_id, manual.code, 0.8, answer.inspector,
                          "现场核查")
    window.rescore()
    withdraw = dialogs.WithdrawDialog(manual.code, store.inspector, window, what=window.withdraw_text(
        window.scheme(), window.project(), manual.code, store.inspector))
    withdraw.show()
    _check(qtbot, withdraw, "withdraw dialog", found)
    withdraw.close()
    window.tabs.setCurrentWidget(window.audit)
    _check(qtbot, window, "audit after a score", found)

    # an import with refusals, a resubmission and issues; where a problem is; the versions
    window.start_import([demo_files / "submissions" / "flawed"])
    qtbot.waitUntil(lambda: window.task_worker is None, timeout=120000)
    report = window.report_dialog
    _check(qtbot, report, "import report", found)
    issue = next(r for r in range(report.model.rowCount()) if report.model.row_object(r).outcome == "issue")
    row = report.model.row_object(issue)
    location = dialogs.LocationDialog.of_row(row, window)
    location.show()
    _check(qtbot, location, "where the problem is", found)
    location.close()
    report.close()
    window.results.select_project("C-2024-001")
    versions = window.show_versions()
    _check(qtbot, versions, "versions", found)
    versions.close()
    window.tabs.setCurrentWidget(window.audit)
    _check(qtbot, window, "audit after an import", found)

    # the other dialogs
    settings_dialog = dialogs.SettingsDialog(store, window)
    settings_dialog.show()
    _check(qtbot, settings_dialog, "settings", found)
    settings_dialog.close()
    sign_off = dialogs.ReportSettingsDialog(window.backend.report_settings(), "zh", window)
    sign_off.show()
    _check(qtbot, sign_off, "report sign-off", found)
    sign_off.close()
    # an inspector's copy merged back: the merge report and the Disagreements tab
    copy = window.backend.workspace.backup(tmp_path / "inspector.spw")
    with Workspace.open(copy, actor="王芳") as inspector:
        inspector.assess(window.project().project_id, manual.code, 0.3, inspector="王芳", reason="复核")
    window.start_merge([copy])
    qtbot.waitUntil(lambda: window.task_worker is None, timeout=120000)
    _check(qtbot, window.merge_dialog, "merge report", found)
    window.merge_dialog.close()
    window.tabs.setCurrentWidget(window.disagreements)
    _check(qtbot, window, "disagreements after a merge", found)
    rounds = RoundChoiceDialog(window.backend.rounds(), window)
    rounds.show()
    _check(qtbot, rounds, "round dialog", found)
    rounds.close()
    # Qt's own file dialog (Qt's translation of its widgets, loaded with ours)
    files = QFileDialog(window, "", str(tmp_path), "*.spw")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    files.show()
    _check(qtbot, files, "file dialog", found, rows=False)  # its rows are the disk's names
    files.close()
    guide = window.show_guide()
    found.update({("user guide", w): (k, t) for w, k, t in latin_words([("title", guide.windowTitle())])})
    guide.close()
    found.update({("about", w): (k, t) for w, k, t in latin_words([("about", window.about_text())])})

    listing = "\n".join(f"{where}: {word!r} in {kind}: {text!r}"
                        for (where, word), (kind, text) in found.items())
    assert not found, f"Latin words in the Chinese interface:\n{listing}"


def test_the_check_finds_an_untranslated_word_and_passes_codes_units_and_names():
    texts = [("QLabel", "项目 C-2024-001 的 C11：CO2 排放 12 t（SynergyPilot）"), ("QLabel", "Pending 待定")]
    assert [w for w, _k, _t in latin_words(texts)] == ["Pending"]

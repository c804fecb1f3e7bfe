"""The main window's actions, menus and toolbar, and their texts in the interface language.

The lowest part of the window (gui/main_window.py composes the parts): it makes every
QAction once, so the other parts and the tests find them as ``act_*`` attributes; what each
action does is connected in :meth:`gui.main_window.MainWindow._connect`.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow


class WindowMenus(QMainWindow):
    """Actions (``act_*``), menus (``menu_*``) and the toolbar with the round selector."""

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
        self.round_label = QLabel()
        self.round_combo = QComboBox()
        self.round_combo.setMinimumContentsLength(12)
        self.toolbar = self.addToolBar("main")
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setIconSize(QSize(16, 16))
        for item in (
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
            if item is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(item)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.round_label)  # the assessment round shown (issue 20)
        self.toolbar.addWidget(self.round_combo)

    def retranslate_menus(self) -> None:
        """Set the texts of the actions, menus and toolbar (also on a language change)."""
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
        self.act_next_pending.setToolTip(self.tr(
            "Go to the next criterion waiting for an on-site score (Ctrl+N); Enter scores it"))
        self.act_compare.setToolTip(self.tr(
            "Compare two to four projects selected in Results (Ctrl+click), criterion by criterion (Ctrl+K)"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self.round_label.setText(" " + self.tr("Round:") + " ")
        self.round_combo.setToolTip(self.tr("The assessment round shown in every tab but Tracking"))

    def _writing_actions(self) -> tuple[QAction, ...]:
        """What would change the workspace: off while it is open read-only, so nobody is walked
        through a folder and a round before being told nothing can be imported."""
        return (self.act_import_files, self.act_import_folder, self.act_add_scheme, self.act_merge)

"""The main window's parts, each a layer of :class:`gui.main_window.MainWindow`.

From the bottom up: ``menus`` (actions, menus, toolbar), ``state`` (the views, the open
workspace, the scored run and what is chosen; the background tasks, one at a time, with
progress and Cancel; the Tracking tab's rounds lined up in one), ``workspace`` (the
workspace's new/open/save-as), ``imports`` (import, merge, a project's versions),
``exports`` (exports and printing), ``assessing`` (scores, undo, the pending queue,
consensus, compare); ``undo`` is the step Undo takes back.
Each part only calls the parts below it; the window on top connects every signal.
"""

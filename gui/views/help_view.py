"""Help → User guide: docs/gui.md with its pictures, offline, opened at the section of a tab (F1).

The guide is the same Markdown file the repository shows (docs/gui.md); Qt renders it, so
nothing is converted or kept twice.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from gui import paths

GUIDE = "gui.md"
#: The heading of docs/gui.md that each tab's F1 opens at (the tab's object key → heading start).
SECTIONS = {
    "results": "## 2. Open the demo",
    "detail": "## 5. Score a manual criterion",
    "charts": "## More",
    "templates": "## More",
    "audit": "## 5. Score a manual criterion",
    "robustness": "## More",
    "disagreements": "## 5. Score a manual criterion",
    "tracking": "## 7. Track the pilots",
}


class HelpDialog(QDialog):
    """The user guide in a browser window; links to the other docs/*.md files open in it too."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(paths.docs_dir())])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(980, 760)
        self.load()

    def load(self) -> bool:
        """Show docs/gui.md; False (and a line saying where it was looked for) when missing."""
        guide = paths.docs_dir() / GUIDE
        if not guide.is_file():
            self.browser.setPlainText(self.tr("The user guide is missing: {path}").format(path=guide))
            return False
        self.browser.setSource(QUrl.fromLocalFile(str(guide)), QTextDocument.ResourceType.MarkdownResource)
        return True

    def show_section(self, key: str) -> bool:
        """Scroll to the section about a tab (a key of SECTIONS); False when not found."""
        heading = SECTIONS.get(key, "")
        title = heading.lstrip("# ").strip()
        self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)
        return bool(title) and self.browser.find(title)

"""Help → User guide: docs/gui.md (docs/gui.zh.md in Chinese) with its pictures, offline,
opened at the section of the tab shown (F1).

The guide is the same Markdown file the repository shows; Qt renders it, so nothing is
converted or kept twice.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from gui import paths, translation

#: The guide in each interface language (docs/gui.zh.md is the Chinese translation of docs/gui.md).
GUIDES = {"en": "gui.md", "zh": "gui.zh.md"}
#: The heading each tab's F1 opens at, per language (the tab's key → heading).
SECTIONS = {
    "results": {"en": "## 2. Open the demo", "zh": "## 2. 打开示例工作区"},
    "detail": {"en": "## 5. Score a manual criterion", "zh": "## 5. 为人工评分指标评分"},
    "charts": {"en": "### Charts", "zh": "### 图表"},
    "templates": {"en": "### Templates", "zh": "### 模板"},
    "audit": {"en": "## 7. Print-preview the ranking and export the PDF", "zh": "## 7. 打印预览与导出 PDF"},
    "robustness": {"en": "### Robustness", "zh": "### 稳健性"},
    "disagreements": {"en": "## 5. Score a manual criterion", "zh": "## 5. 为人工评分指标评分"},
    "tracking": {"en": "## 8. Track the pilots over their three years (assessment rounds)",
                 "zh": "## 8. 跟踪试点三年的进展（评估轮次）"},
    "weights": {"en": "## 9. Move a weight and watch the ranking (walking weights)",
                "zh": "## 9. 调整权重，观察排名变化（权重试算）"},
}


class HelpDialog(QDialog):
    """The user guide in a browser window; links to the other docs/*.md files open in it too."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(paths.docs_dir())])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(980, 760)
        self.lang = ""
        self.load()

    def load(self) -> bool:
        """Show the guide in the interface language; False (and a line saying where it was
        looked for) when it is missing."""
        self.lang = translation.data_lang()
        self.setWindowTitle(self.tr("User guide"))
        guide = paths.docs_dir() / GUIDES[self.lang]
        if not guide.is_file():
            self.browser.setPlainText(self.tr("The user guide is missing: {path}").format(path=guide))
            return False
        self.browser.setSource(QUrl.fromLocalFile(str(guide)), QTextDocument.ResourceType.MarkdownResource)
        return True

    def show_section(self, key: str) -> bool:
        """Scroll to and select the heading of the section about a tab (a key of SECTIONS), in
        the interface's language (the guide is loaded again after a switch); False when not found."""
        if self.lang != translation.data_lang():
            self.load()
        title = SECTIONS.get(key, {}).get(self.lang, "").lstrip("# ").strip()
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and block.text().strip() == title:
                cursor = QTextCursor(block)
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
                self.browser.setTextCursor(cursor)
                # the heading at the top of the window, its section below it
                top = self.browser.document().documentLayout().blockBoundingRect(block).top()
                self.browser.verticalScrollBar().setValue(int(top))
                return True
            block = block.next()
        return False

"""The navigator: levels (region, city, park, enterprise) and under each its schemes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from gui import labels
from gui.views.common import Retranslating
from scoring.core.model import LEVELS, Scheme

SCHEME_ROLE = Qt.ItemDataRole.UserRole + 1


class NavigatorView(Retranslating, QTreeWidget):
    """Emits ``scheme_selected(name)`` when the person picks a scheme (or a level's only one)."""

    scheme_selected = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._schemes: list[Scheme] = []
        self._counts: dict[str, int] = {}
        self.currentItemChanged.connect(self._on_tree_current_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHeaderLabels([self.tr("Level / scheme"), self.tr("Projects")])
        self.set_schemes(self._schemes, self._counts, self.current_scheme())

    def set_schemes(self, schemes: list[Scheme], counts: dict[str, int], current: str | None = None) -> None:
        """Rebuild the tree; ``counts`` maps scheme name to its number of projects."""
        self._schemes, self._counts = list(schemes), dict(counts)
        self.blockSignals(True)  # rebuilding is not a choice by the person
        self.clear()
        select = None
        for level in LEVELS:
            mine = [s for s in schemes if s.level == level]
            top = QTreeWidgetItem(
                self, [labels.label("level", level), str(sum(counts.get(s.name, 0) for s in mine))]
            )
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable if not mine else top.flags())
            if mine:
                top.setData(0, SCHEME_ROLE, mine[0].name)
            for scheme in mine:
                shown = labels.scheme_name(scheme)
                child = QTreeWidgetItem(top, [shown, str(counts.get(scheme.name, 0))])
                child.setData(0, SCHEME_ROLE, scheme.name)
                child.setToolTip(0, f"{shown} ({scheme.version})")
                if scheme.name == current:
                    select = child
        self.expandAll()
        if select is not None:
            self.setCurrentItem(select)
        self.blockSignals(False)

    def preferred_width(self) -> int:
        """Wide enough for the longest scheme name and the counts, within 180–300 pixels, so the
        tabs keep the rest of a 1280-pixel window (a fixed 330 cut the tables' last columns)."""
        header = self.header()
        needed = sum(max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(2))
        return min(max(needed + 2 * self.frameWidth() + 8, 180), 300)

    def current_scheme(self) -> str | None:
        item = self.currentItem()
        return item.data(0, SCHEME_ROLE) if item is not None else None

    def select_scheme(self, name: str) -> None:
        """Make ``name`` current (emits scheme_selected)."""
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and child.data(0, SCHEME_ROLE) == name:
                    self.setCurrentItem(child)
                    return

    def _on_tree_current_changed(self, current, _previous) -> None:
        if current is not None and current.data(0, SCHEME_ROLE):
            self.scheme_selected.emit(current.data(0, SCHEME_ROLE))

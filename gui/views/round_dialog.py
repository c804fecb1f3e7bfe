"""The import's choice of assessment round (issue 20).

By default every form goes to the round of its own ``year`` (a new year makes a new round, named
after it); the person may instead put the whole import into an existing round, or into a new
one they name ("2025 中期评估"). The workspace makes the round and checks the name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel

from gui.views.common import ok_cancel_buttons

if TYPE_CHECKING:  # the workspace (and the engine, numpy) loads with the first one opened
    from scoring.workspace.facade import Round

# The combo's data for "by each form's year".
BY_YEAR = ""


class RoundChoiceDialog(QDialog):
    """A combo of "by each form's year", the workspace's rounds, and a typed new name."""

    def __init__(self, rounds: list[Round], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assessment round"))
        self.choice = QComboBox()
        self.choice.setEditable(True)
        self.choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.choice.addItem(self.tr("By each form's year (new years make new rounds)"), BY_YEAR)
        for r in reversed(rounds):  # the latest first
            self.choice.addItem(f"{r.label}", r.label)
        self.choice.setCurrentIndex(0)
        intro = QLabel(self.tr(
            "A pilot is assessed again each year: its forms of another year go to another round and "
            "are compared in the Tracking tab. Choose where these forms go, or type the name of a new "
            "round (with its year, e.g. 2025 mid-term)."
        ))
        intro.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(self.tr("Round:"), self.choice)
        buttons = ok_cancel_buttons(self)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def chosen(self) -> str | None:
        """The round's label, or None for "by each form's year"."""
        typed = self.choice.currentText().strip()
        index = self.choice.findText(typed)
        data = self.choice.itemData(index) if index >= 0 else typed
        return data or None

    @classmethod
    def ask(cls, parent, rounds: list[Round]) -> tuple[bool, str | None]:
        """(accepted, round label or None)."""
        dialog = cls(rounds, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return accepted, dialog.chosen() if accepted else None

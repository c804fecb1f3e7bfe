"""Checks shared by the tests of the dialogs that ask for a name and a reason."""

from __future__ import annotations


def assert_ok_waits_for_name_and_reason(dialog) -> None:
    """OK stays off until a reason is given (blanks are none), and goes off again without a
    name (gui.views.dialogs.AnswersRequired). The dialog starts with a name and no reason."""
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)

    def give_reason(text: str) -> None:
        reason = dialog.reason
        (reason.setPlainText if hasattr(reason, "setPlainText") else reason.setText)(text)

    assert not ok.isEnabled()
    give_reason("   ")
    assert not ok.isEnabled()
    give_reason("Document checked")
    assert ok.isEnabled()
    dialog.inspector.setText("")
    assert not ok.isEnabled()

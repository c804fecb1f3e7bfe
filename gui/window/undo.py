"""One step the Undo action (Ctrl+Z) can take back, and the fraction a step changes.

Apart from the window's parts because the state (which holds the stack) and the assessing
part (which makes and undoes the steps) both need it.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.core.model import Scheme


@dataclass(frozen=True)
class UndoStep:
    """One score, override or withdrawal made in this window, and how to take it back.

    ``before`` and ``after`` are the author's own active fraction of the criterion before and
    after the step (None: no active score); undoing records ``before`` again, or withdraws.
    """

    scheme: Scheme
    project_id: str
    code: str
    author: str
    before: float | None
    after: float | None


def own_fraction(result, inspector: str) -> float | None:
    """The inspector's own active fraction of a criterion (None when they have none)."""
    scores = inspector_scores(result)
    if scores:
        return next((s.fraction for s in scores if s.inspector == inspector), None)
    if result.status == "override" and result.inspector == inspector:
        return result.score
    return None



#: The window's size at a first start, where the screen allows it.


def inspector_scores(result) -> tuple:
    """Each inspector's active score of a criterion several scored (empty when none did)."""
    rec = result.reconciliation
    return tuple(rec.scores) if rec is not None else ()

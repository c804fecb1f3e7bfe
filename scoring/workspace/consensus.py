"""The workspace side of reconciling several inspectors' scores: consensus and the setting.

:class:`ReconcileMixin` gives :class:`~scoring.workspace.facade.Workspace` its supervisor's methods
(:meth:`~ReconcileMixin.consensus`, its withdrawal, the median/mean setting), and
:func:`reconciled` turns stored scores into one fraction per criterion for scoring. The rule
itself is :mod:`scoring.core.reconcile`; this module only says what is stored when. It builds
on :class:`~scoring.workspace.assessments.InspectorsMixin` (an entry on a criterion).
"""

from __future__ import annotations

import json
from typing import Unpack

from scoring.core.presentation import said
from scoring.core.reconcile import (
    DEFAULT_METHOD,
    DEFAULT_THRESHOLD,
    Consensus,
    ReconcileError,
    ReconcileSettings,
    Reconciliation,
    Score,
    reconcile,
)
from scoring.workspace import file as wsfile
from scoring.workspace import store_inspectors as sql
from scoring.workspace.assessments import InspectorsMixin, Where
from scoring.workspace.check import basis_from_json, read_stored
from scoring.workspace.records import (
    ConsensusRecord,
    WorkspaceError,
    checked_fraction,
    guarded,
    required_text,
)

#: The meta keys of the setting (meta is a key/value table, so no schema change was needed).
METHOD_KEY = "reconcile_method"
THRESHOLD_KEY = "disagreement_threshold"

def _scores_text(basis: dict[str, float]) -> str:
    return ", ".join(f"{name} {fraction:g}" for name, fraction in basis.items()) or "none"


class ReconcileMixin(InspectorsMixin):
    """Supervisors' consensus and the reconciliation setting of a workspace."""

    # ----------------------------------------------------------------- the setting

    @guarded
    def reconcile_settings(self) -> ReconcileSettings:
        """Median or mean, and the disagreement threshold, as stored in this workspace."""
        meta = self.store.meta()
        try:
            return ReconcileSettings(
                meta.get(METHOD_KEY, DEFAULT_METHOD), float(meta.get(THRESHOLD_KEY, DEFAULT_THRESHOLD))
            )
        except (ValueError, ReconcileError):
            # a value damaged by hand: the defaults keep scoring going; setting it again repairs it
            return ReconcileSettings()

    @guarded
    def set_reconcile_settings(
        self, *, method: str | None = None, threshold: float | None = None
    ) -> ReconcileSettings:
        """Change how several inspectors' scores are combined, with an audit entry.

        Raises
        ------
        WorkspaceError
            An unknown method or a threshold outside 0..1 (nothing is changed).
        """
        current = self.reconcile_settings()
        try:
            wanted = ReconcileSettings(
                current.method if method is None else str(method).strip().lower(),
                current.threshold if threshold is None else float(threshold),
            )
        except ReconcileError as exc:
            raise WorkspaceError(said(exc.key, found=exc.found))
        except (TypeError, ValueError) as exc:  # a threshold that is not a number
            raise WorkspaceError(said("rc_threshold", found=threshold)) from exc
        if wanted == current:
            return current
        with self.store.writing() as conn:
            self.store.set_meta(conn, {METHOD_KEY: wanted.method, THRESHOLD_KEY: repr(wanted.threshold)})
            self.store.audit(
                conn,
                "reconcile_setting",
                f"several inspectors' scores are combined by their {wanted.method} until a consensus; "
                f"a spread above {wanted.threshold:g} is a disagreement",
                detail={"before": current.as_dict(), "after": wanted.as_dict()},
            )
        return wanted

    # ----------------------------------------------------------------- consensus

    @guarded
    def consensus(self, project_id: str, code: str, fraction: float, *, inspector: str, reason: str,
                  **where: Unpack[Where]) -> ConsensusRecord:
        """Record a supervisor's consensus fraction for a criterion; it wins over the scores.

        A new consensus on the same criterion replaces the previous one (which is kept,
        marked superseded). The inspectors' active scores at this moment are kept with it.

        Parameters
        ----------
        project_id, code : str
        fraction : float
            From 0 to 1.
        inspector : str
            The supervisor recording it (required).
        reason : str
            Why this fraction (required).
        **where
            ``scheme``, ``scheme_version`` and ``round`` (:class:`~scoring.workspace.assessments.Where`).

        Raises
        ------
        WorkspaceError
            Unknown project or criterion, empty name or reason, fraction outside [0, 1], or no
            inspector has scored the criterion (record a score with ``assess`` instead).
        """
        inspector = required_text(inspector, said("ws_supervisor_name"))
        reason = required_text(reason, said("ws_a_reason"))
        fraction = checked_fraction(fraction)
        with self.entry(project_id, code, **where) as at:
            basis = sql.active_scores(at.conn, at.key, at.project_id, at.code)
            if not basis:
                raise WorkspaceError(said("ws_nothing_to_reconcile", code=at.code, project=at.project_id))
            now = wsfile.now()
            new_id, replaced = sql.insert_consensus(at.conn, (
                wsfile.uid(), *at.key, at.project_id, at.code, fraction, inspector, reason, now,
                json.dumps(basis, ensure_ascii=False)))
            self.store.audit(
                at.conn,
                "consensus",
                f"consensus on {at.code} for {at.project_id}: {fraction:g} by {inspector} — {reason} "
                f"(inspectors: {_scores_text(basis)})",
                **at.audit_fields(),
                actor=inspector,
                at=now,
                detail={"fraction": fraction, "reason": reason, "inspectors": basis, "consensus": new_id,
                        "replaced": replaced, "round": at.round.label},
            )
            return self._consensus_record(at.conn, new_id)

    @guarded
    def withdraw_consensus(self, project_id: str, code: str, *, inspector: str, reason: str,
                           **where: Unpack[Where]) -> ConsensusRecord:
        """Withdraw a criterion's consensus; the inspectors' median (or mean) applies again.

        Raises
        ------
        WorkspaceError
            When the criterion has no active consensus.
        """
        inspector = required_text(inspector, said("ws_supervisor_name"))
        reason = required_text(reason, said("ws_a_reason"))
        with self.entry(project_id, code, **where) as at:
            row = sql.active_consensus(at.conn, at.key, at.project_id, at.code)
            if row is None:
                raise WorkspaceError(said("ws_no_consensus", code=at.code, project=at.project_id))
            sql.withdraw(at.conn, "consensus", row[0], (wsfile.now(), inspector, reason))
            self.store.audit(
                at.conn,
                "consensus_withdrawn",
                f"consensus {row[1]:g} on {at.code} for {at.project_id} withdrawn by {inspector} — {reason}",
                **at.audit_fields(),
                actor=inspector,
                detail={"consensus": row[0], "reason": reason},
            )
            return self._consensus_record(at.conn, row[0])

    @guarded
    def consensus_records(
        self, project_id: str | None = None, *, include_inactive: bool = False, round=None
    ) -> list[ConsensusRecord]:
        """Supervisors' consensus records, oldest first (only active ones unless asked), of
        every round unless one is named."""
        return self.listed(sql.consensus_rows, self._consensus_from_row, project_id, round,
                           active_only=not include_inactive)

    def _consensus_record(self, conn, consensus_id: int) -> ConsensusRecord:
        return self._consensus_from_row(sql.consensus_rows(conn, row_id=consensus_id)[0])

    def _consensus_from_row(self, row: tuple) -> ConsensusRecord:
        fields = self.record_fields(sql.CONSENSUS_COLUMNS, row)
        fields["basis"] = read_stored(basis_from_json, fields["basis"], table="consensus",
                                      what=said("ws_what_basis"), project_id=fields["project_id"])
        return ConsensusRecord(**fields)


def reconciled(
    conn, key: tuple[int, int], settings: ReconcileSettings
) -> dict[tuple[str, str], Reconciliation]:
    """Every criterion of a (round id, scheme id) that someone scored, reconciled (see
    scoring.core.reconcile).

    Two queries per scheme. An inspector has one active score per criterion (a newer one
    supersedes theirs); should two remain, the newer counts.
    """
    scores: dict[tuple[str, str], dict[str, Score]] = {}
    for pid, code, inspector, fraction, reason, at in sql.scores_of(conn, key):
        scores.setdefault((pid, code), {})[inspector] = Score(inspector, fraction, reason, at)
    agreed: dict[tuple[str, str], Consensus] = {}
    for pid, code, fraction, inspector, reason, at in sql.agreed_of(conn, key):
        agreed[(pid, code)] = Consensus(fraction, inspector, reason, at)
    return {
        criterion: reconcile(scores.get(criterion, {}).values(), agreed.get(criterion), settings)
        for criterion in scores.keys() | agreed.keys()
    }

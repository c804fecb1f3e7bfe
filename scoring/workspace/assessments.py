"""Inspectors' work in a workspace: scores of manual criteria, overrides, withdrawals, evidence notes.

:class:`InspectorsMixin` gives :class:`~scoring.workspace.facade.Workspace` :meth:`~InspectorsMixin.assess`,
:meth:`~InspectorsMixin.withdraw`, :meth:`~InspectorsMixin.add_note` and their listings, and every
inspector's or supervisor's entry (consensus.py too) its criterion through
:meth:`~InspectorsMixin.entry`. Each entry is one transaction with its audit entry, and names who
made it and why. It builds on :class:`~scoring.workspace.history.HistoryMixin` (projects and
their schemes and rounds).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypedDict, Unpack

from scoring.core.model import Scheme
from scoring.core.presentation import Said, said
from scoring.core.values import normalise_text
from scoring.workspace import file as wsfile
from scoring.workspace import store_inspectors as sql
from scoring.workspace.history import HistoryMixin
from scoring.workspace.records import (
    AssessmentRecord,
    EvidenceNote,
    Round,
    WorkspaceError,
    checked_fraction,
    guarded,
    required_text,
    scheme_label,
)
from scoring.workspace.store_inputs import project_places


class Where(TypedDict, total=False):
    """Which entry of a project an inspector's call is about, when its id does not say.

    ``scheme`` and ``scheme_version`` are needed only when the project is in several schemes
    (the scheme by its name in either language); ``round`` (a label or a year, or a
    :class:`~scoring.workspace.records.Round`) defaults to the latest round the project was
    submitted in.
    """

    scheme: str | None
    scheme_version: str | None
    round: str | Round | None


@dataclass(frozen=True)
class Entry:
    """Where an inspector's entry goes: the criterion of a project in a round and scheme."""

    conn: sqlite3.Connection
    scheme_id: int
    scheme: Scheme
    project_id: str
    code: str
    version: int  # the project's latest version there: what the inspector saw
    round: Round

    @property
    def key(self) -> tuple[int, int]:
        """(round id, scheme id)."""
        return self.round.id, self.scheme_id

    def audit_fields(self) -> dict:
        """The audit entry's scheme, project and criterion."""
        return {"scheme": scheme_label(self.scheme), "project_id": self.project_id, "code": self.code}


class InspectorsMixin(HistoryMixin):
    """Inspectors' scores, overrides and notes."""

    @contextmanager
    def entry(self, project_id: str, code: str, *, scheme: str | None = None,
              scheme_version: str | None = None, round: str | Round | None = None) -> Iterator[Entry]:
        """A write transaction for an entry on a criterion: in the round named, else in the
        latest round the project was submitted in.

        Raises
        ------
        WorkspaceError
            No such project (in that round, or in the scheme named), or no such criterion, or
            the project in several schemes and none named.
        """
        with self.store.writing() as conn:
            yield Entry(conn, *self.criterion_target(conn, project_id, code, scheme, scheme_version, round))

    def criterion_target(
        self, conn, project_id: str, code: str, scheme: str | None, scheme_version: str | None,
        round: str | Round | None = None,
    ) -> tuple[int, Scheme, str, str, int, Round]:
        """(scheme id, scheme, project id, criterion code, latest version, round) of an entry:
        in the round named, else in the latest round the project was submitted in."""
        project_id = normalise_text(project_id)
        rounds = self.rounds_in(conn)
        wanted = self.chosen_round(conn, round) if round else None
        rows = [r for r in project_places(conn, project_id)
                if self.scheme_matches(r[0], scheme, scheme_version)]
        if not rows:
            raise WorkspaceError(self.no_project(conn, project_id))
        position = {r.id: n for n, r in enumerate(rounds)}
        if wanted is not None:
            rows = [r for r in rows if r[2] == wanted.id]
            if not rows:
                raise WorkspaceError(said("ws_not_in_round", project=project_id, round=wanted.label))
        else:
            last = max(position[r[2]] for r in rows)
            rows = [r for r in rows if position[r[2]] == last]
        if len(rows) > 1:
            names = "; ".join(scheme_label(self.scheme_by_id(r[0])) for r in rows)
            raise WorkspaceError(said("ws_several_schemes", project=project_id, names=names))
        scheme_id, version, round_id = rows[0]
        found = self.scheme_by_id(scheme_id)
        return scheme_id, found, project_id, _criterion_code(found, code), version, rounds[position[round_id]]

    @guarded
    def assess(self, project_id: str, code: str, fraction: float, *, inspector: str, reason: str,
               **where: Unpack[Where]) -> AssessmentRecord:
        """Record an inspector's score of a manual criterion, or an override of any criterion.

        The fraction replaces the computed one (status ``override``) until withdrawn. The same
        inspector scoring the same criterion again supersedes their earlier score; other
        inspectors' scores are kept beside it and reconciled (median or mean, unless a
        supervisor recorded a consensus: :mod:`scoring.core.reconcile`).

        Parameters
        ----------
        project_id, code : str
        fraction : float
            From 0 to 1.
        inspector, reason : str
            Both required and non-empty.
        **where
            ``scheme``, ``scheme_version`` and ``round`` (:class:`~scoring.workspace.assessments.Where`).

        Raises
        ------
        WorkspaceError
            Unknown project or criterion, empty inspector or reason, fraction outside [0, 1].
        """
        inspector = required_text(inspector, said("ws_inspector_name"))
        reason = required_text(reason, said("ws_a_reason"))
        fraction = checked_fraction(fraction)
        with self.entry(project_id, code, **where) as at:
            criterion = at.scheme.criterion(at.code)  # the scheme's own spelling: always found
            kind = "manual" if criterion is not None and criterion.type == "manual" else "override"
            now = wsfile.now()
            new_id = sql.insert_assessment(at.conn, (wsfile.uid(), *at.key, at.project_id, at.code, kind,
                                                     fraction, inspector, reason, now, at.version))
            what = "manual score" if kind == "manual" else "override"
            self.store.audit(
                at.conn,
                "manual_score" if kind == "manual" else "override",
                f"{what} of {at.code} for {at.project_id}: {fraction:g} by {inspector} — {reason}",
                **at.audit_fields(),
                actor=inspector,
                at=now,
                detail={"fraction": fraction, "reason": reason, "round": at.round.label,
                        "submission_version": at.version, "assessment": new_id},
            )
            return self._assessment(at.conn, new_id)

    @guarded
    def withdraw(self, project_id: str, code: str, *, inspector: str, reason: str,
                 author: str | None = None, **where: Unpack[Where]) -> AssessmentRecord:
        """Withdraw an active manual score or override (the record stays, marked withdrawn).

        Parameters
        ----------
        inspector : str
            Who withdraws it (recorded).
        author : str, optional
            Whose score to withdraw; by default the inspector's own.

        Raises
        ------
        WorkspaceError
            When there is no such active score (the message lists whose there are).
        """
        inspector = required_text(inspector, said("ws_inspector_name"))
        reason = required_text(reason, said("ws_a_reason"))
        author = (author or inspector).strip()
        with self.entry(project_id, code, **where) as at:
            active = sql.active_assessments(at.conn, at.key, at.project_id, at.code)
            mine = [row for row in active if row[1] == author]
            if not mine:
                raise WorkspaceError(_nothing_to_withdraw(at.project_id, at.code, author, active))
            row_id, _, fraction = mine[-1]
            sql.withdraw(at.conn, "assessments", row_id, (wsfile.now(), inspector, reason))
            self.store.audit(
                at.conn,
                "withdrawal",
                f"{author}'s score {fraction:g} of {at.code} for {at.project_id} withdrawn "
                f"by {inspector} — {reason}",
                **at.audit_fields(),
                actor=inspector,
                detail={"assessment": row_id, "author": author, "reason": reason, "fraction": fraction},
            )
            return self._assessment(at.conn, row_id)

    def _assessment(self, conn, assessment_id: int) -> AssessmentRecord:
        return self._assessment_from_row(sql.assessment_rows(conn, row_id=assessment_id)[0])

    def _assessment_from_row(self, row: tuple) -> AssessmentRecord:
        return AssessmentRecord(**self.record_fields(sql.ASSESSMENT_COLUMNS, row))

    def record_fields(self, columns: str, row: tuple) -> dict:
        """A score's or consensus's stored row as its record's fields: by column name, with its
        scheme's name and version for the scheme's id, and whether a newer one superseded it."""
        fields = dict(zip(columns.split(", "), row, strict=True))
        scheme = self.scheme_by_id(fields.pop("scheme_id"))
        fields.update(scheme=scheme.name, scheme_version=scheme.version,
                      superseded=fields.pop("superseded_by") is not None)
        return fields

    @guarded
    def assessments(
        self,
        project_id: str | None = None,
        *,
        include_inactive: bool = False,
        round: str | Round | None = None,
    ) -> list[AssessmentRecord]:
        """Inspectors' scores, oldest first (only active ones unless ``include_inactive``), of
        every round unless one is named."""
        return self.listed(sql.assessment_rows, self._assessment_from_row, project_id, round,
                           active_only=not include_inactive)

    def listed(self, rows_of: Callable, record: Callable, project_id: str | None, round: str | Round | None,
               **only) -> list:
        """The records of ``rows_of`` (a store_inspectors listing), each made by ``record``:
        of one project and one round when named, and as ``only`` narrows them."""
        with self.store.reading() as conn:
            rows = rows_of(conn, project_id, round_id=self.round_id_named(conn, round), **only)
            return [record(row) for row in rows]

    @guarded
    def add_note(self, project_id: str, code: str, text: str, *, inspector: str,
                 **where: Unpack[Where]) -> EvidenceNote:
        """Record an inspector's note about a criterion's evidence (notes are never edited)."""
        inspector = required_text(inspector, said("ws_inspector_name"))
        text = required_text(text, said("ws_the_note"))
        with self.entry(project_id, code, **where) as at:
            now = wsfile.now()
            note_id = sql.insert_note(at.conn, (wsfile.uid(), *at.key, at.project_id, at.code, text,
                                                inspector, now))
            self.store.audit(
                at.conn,
                "evidence_note",
                f"note on {at.code} for {at.project_id} by {inspector}: {text}",
                **at.audit_fields(),
                actor=inspector,
                at=now,
                detail={"note": note_id, "text": text},
            )
            return EvidenceNote(note_id, at.scheme.name, at.scheme.version, at.project_id, at.code, text,
                                inspector, now)

    @guarded
    def notes(self, project_id: str | None = None, *, round: str | Round | None = None) -> list[EvidenceNote]:
        """Evidence notes, oldest first, optionally of one project and of one round."""
        return self.listed(sql.note_rows, lambda r: EvidenceNote(r[0], *self.scheme_key(r[1]), *r[2:]),
                           project_id, round)


def _criterion_code(scheme: Scheme, code: str) -> str:
    """The scheme's spelling of a criterion code (matched case-insensitively)."""
    wanted = normalise_text(code)
    if scheme.criterion(wanted) is not None:
        return wanted
    matches = [c.code for c in scheme.criteria if c.code.casefold() == wanted.casefold()]
    if len(matches) == 1:
        return matches[0]
    codes = ", ".join(scheme.codes)
    raise WorkspaceError(said("ws_no_criterion", scheme=scheme_label(scheme), code=code, codes=codes))


def _nothing_to_withdraw(project_id: str, code: str, author: str, active: list) -> Said:
    if not active:
        return said("ws_nothing_to_withdraw", code=code, project=project_id)
    others = ", ".join(sorted({row[1] for row in active}))
    return said("ws_not_their_score", author=author, code=code, project=project_id, others=others)

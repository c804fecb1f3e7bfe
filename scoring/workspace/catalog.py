"""What a workspace's submissions are filed under: its schemes (templates) and assessment rounds.

:class:`CatalogMixin` gives :class:`~scoring.workspace.facade.Workspace` the methods about
schemes and rounds; the other concerns (imports, history, inspectors' work) find a scheme or a
round through it. It uses the facade's ``store`` (:class:`~scoring.workspace.store.Store`) and
``schemes_by_id`` (a cache: stored schemes never change), declared here for the type checker.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from scoring.core.model import Scheme, Submission
from scoring.core.presentation import said
from scoring.core.targets import assessment_year
from scoring.core.values import normalise_text
from scoring.io.template import TemplateError, load_template_bytes, template_bytes
from scoring.workspace import encoding
from scoring.workspace import file as wsfile
from scoring.workspace import store_inputs as sql
from scoring.workspace.check import read_stored
from scoring.workspace.records import (
    Round,
    SchemeConflict,
    WorkspaceError,
    format_time,
    guarded,
    required_text,
    scheme_label,
)
from scoring.workspace.store import Store


class CatalogMixin:
    """Schemes and rounds of a workspace."""

    path: Path
    store: Store
    schemes_by_id: dict[int, Scheme]

    # ----------------------------------------------------------------- schemes

    @guarded
    def add_template(self, path: str | Path) -> Scheme:
        """Store a template (see :meth:`add_templates`) and return its scheme."""
        return self.add_templates([path])[0]

    @guarded
    def add_templates(self, paths: Iterable[str | Path]) -> list[Scheme]:
        """Validate templates and store the new ones, all in one transaction.

        A template identical to a stored one (same name, version and content) is accepted and
        changes nothing; a new version of a stored scheme is added beside the old one.

        Raises
        ------
        TemplateError
            When any template is invalid, listing the problems of every invalid one (nothing is
            stored).
        SchemeConflict
            When a template has the name and version of a stored scheme but other content.
        """
        loaded, refused = [], []
        for path in paths:
            try:
                loaded.append(_load_template(Path(path)))
            except TemplateError as exc:  # the others are still read: one refusal lists them all
                refused.append(exc)
        if refused:
            raise TemplateError.of_several(refused)
        with self.store.writing() as conn:
            stored = sql.scheme_index(conn)
            schemes = []
            for data, path, scheme in loaded:
                key = (scheme.name.casefold(), scheme.version)
                if key in stored:
                    _check_same_content(scheme, path, stored[key])
                else:
                    stored[key] = self._insert_scheme(conn, data, path, scheme)
                schemes.append(self.scheme_by_id(stored[key][0]))
        return schemes

    def _insert_scheme(self, conn, data: bytes, path: Path, scheme: Scheme) -> tuple[int, str, str, str]:
        at = wsfile.now()
        scheme_id = sql.insert_scheme(conn, (
            wsfile.uid(), scheme.name, scheme.name.casefold(), scheme.version, scheme.level,
            scheme.content_hash, path.name, data, encoding.scheme_to_json(scheme), at, self.store.actor,
        ))
        self.store.audit(
            conn,
            "template_added",
            f"template {path.name} added: {scheme_label(scheme)} "
            f"({scheme.level}, {len(scheme.criteria)} criteria)",
            scheme=scheme_label(scheme),
            detail={"file": path.name, "sha256": scheme.content_hash, "level": scheme.level,
                    # the Chinese interface names the scheme by its Chinese name (name_zh)
                    **({"scheme_zh": f"{scheme.name_zh} {scheme.version}"} if scheme.name_zh else {})},
        )
        return scheme_id, scheme.content_hash, at, scheme.name

    def scheme_key(self, scheme_id: int) -> tuple[str, str]:
        """(name, version) of a stored scheme, by id."""
        scheme = self.scheme_by_id(scheme_id)
        return scheme.name, scheme.version

    def scheme_by_id(self, scheme_id: int) -> Scheme:
        """A stored scheme by id; schemes never change once stored, so they are cached."""
        scheme = self.schemes_by_id.get(scheme_id)
        if scheme is None:
            with self.store.mutex:
                parsed = sql.scheme_parsed(self.store.connection(), scheme_id)
            scheme = self.schemes_by_id[scheme_id] = read_stored(
                encoding.scheme_from_json, parsed, table="schemes", what=said("ws_what_a_scheme")
            )
        return scheme

    def scheme_ids(self) -> list[int]:
        """The ids of every stored scheme, in the order added."""
        with self.store.mutex:
            return [sid for sid, _ in sql.scheme_names(self.store.connection())]

    def current_scheme_ids(self) -> dict[str, int]:
        """The id of the newest version of each scheme, by its case-folded name."""
        with self.store.mutex:
            return dict((key, sid) for sid, key in sql.scheme_names(self.store.connection()))

    @guarded
    def schemes(self) -> list[Scheme]:
        """Every stored scheme, in the order added."""
        with self.store.mutex:
            return [self.scheme_by_id(sid) for sid in self.scheme_ids()]

    @guarded
    def current_schemes(self) -> list[Scheme]:
        """The newest version of each scheme name: what submissions without a version match."""
        with self.store.mutex:
            return [self.scheme_by_id(sid) for sid in self.current_scheme_ids().values()]

    @guarded
    def template_bytes(self, name: str, version: str) -> bytes:
        """The template file of a stored scheme, exactly as it was added."""
        with self.store.mutex:
            found = sql.template_bytes(self.store.connection(), name.casefold(), version)
        if found is None:
            raise WorkspaceError(said("ws_no_scheme_version", scheme=name, version=version,
                                      name=self.store.path.name))
        return found

    # ----------------------------------------------------------------- assessment rounds

    @guarded
    def rounds(self) -> list[Round]:
        """The assessment rounds, oldest first (by year, then as created)."""
        with self.store.reading() as conn:
            return self.rounds_in(conn, counted=True)

    def rounds_in(self, conn: sqlite3.Connection, counted: bool = False) -> list[Round]:
        """The rounds, oldest first, within ``conn``'s transaction; with their number of
        projects when ``counted``."""
        return [Round(*row) for row in sql.round_rows(conn, counted)]

    @guarded
    def add_round(self, label: str, year: str | int | None = None) -> Round:
        """Create an assessment round (or return the one with this label, of the same year).

        Parameters
        ----------
        label : str
            What people call it, e.g. "2025 中期评估"; unique in the workspace (case aside).
        year : str or int, optional
            The assessment year; by default the year the label names.

        Raises
        ------
        WorkspaceError
            An empty label, no year given or named, or a round of this label with another year.
        """
        label = required_text(normalise_text(label), said("ws_round_name"))
        wanted = assessment_year(year) if year is not None else assessment_year(label)
        if not wanted:
            raise WorkspaceError(said("ws_round_needs_year", label=label))
        with self.store.writing() as conn:
            found = self._round_by_label(conn, label)
            if found is not None and found.year != wanted:
                raise WorkspaceError(said("ws_round_other_year", label=found.label,
                                          year=found.year or said("ws_no_year")))
            round_id = found.id if found is not None else self._insert_round(conn, label, wanted)
            return next(r for r in self.rounds_in(conn, counted=True) if r.id == round_id)

    def _round_by_label(self, conn, label: str) -> Round | None:
        key = normalise_text(label).casefold()
        return next((r for r in self.rounds_in(conn) if r.label.casefold() == key), None)

    def _insert_round(self, conn, label: str, year: str) -> int:
        round_id = sql.insert_round(conn, (wsfile.uid(), label, label.casefold(), year, wsfile.now(),
                                           self.store.actor))
        self.store.audit(conn, "round_added", f"assessment round {label} ({year or 'no year'}) added",
                         detail={"round": label, "year": year})
        return round_id

    def round_for(self, conn, submission: Submission, chosen: str | None) -> tuple[int, str]:
        """(id, label) of the round a submission goes to: the chosen one (created if new), else
        the round of its ``year`` (the last made of that year, or a new one named after it),
        else the latest."""
        if chosen:
            label = normalise_text(chosen)
            found = self._round_by_label(conn, label)
            if found is not None:
                return found.id, found.label
            year = assessment_year(label) or assessment_year(submission.year)
            return self._insert_round(conn, label, year), label
        year = assessment_year(submission.year)
        rounds = self.rounds_in(conn)
        same_year = [r for r in rounds if r.year == year] if year else rounds[-1:]
        if same_year:
            return same_year[-1].id, same_year[-1].label
        label = year or "round 1"
        found = self._round_by_label(conn, label)
        if found is not None:
            return found.id, found.label
        return self._insert_round(conn, label, year), label

    def chosen_round(self, conn, round: str | Round | None) -> Round | None:
        """The round asked for (by label, or by year when no label matches), or the latest;
        None when the workspace has no round yet.

        Raises
        ------
        WorkspaceError
            No round of that label or year (the message lists the rounds).
        """
        rounds = self.rounds_in(conn)
        if round is None or round == "":
            return rounds[-1] if rounds else None
        if isinstance(round, Round):
            round = round.label
        key = normalise_text(round).casefold()
        found = [r for r in rounds if r.label.casefold() == key] or [r for r in rounds if r.year == key]
        if not found:
            known = ", ".join(r.label for r in rounds) or said("ws_none_yet")
            raise WorkspaceError(said("ws_no_round", round=round, name=self.store.path.name, known=known))
        return found[-1]

    def round_id_named(self, conn, round: str | Round | None) -> int | None:
        """The id of the round named (by label or year), for a listing of one round; None
        when none is named (every round).

        Raises
        ------
        WorkspaceError
            No round of that label or year.
        """
        chosen = self.chosen_round(conn, round) if round else None
        return None if chosen is None else chosen.id

    @guarded
    def round(self, round: str | Round | None = None) -> Round | None:
        """A round by label (or year), the latest when none is named; None in an empty workspace."""
        with self.store.reading() as conn:
            chosen = self.chosen_round(conn, round)
            if chosen is None:
                return None
            return next(r for r in self.rounds_in(conn, counted=True) if r.id == chosen.id)


def _load_template(path: Path) -> tuple[bytes, Path, Scheme]:
    data = template_bytes(path)
    return data, path, load_template_bytes(data, path)


def _check_same_content(scheme: Scheme, path: Path, stored: tuple[int, str, str, str]) -> None:
    _, content_hash, added, _ = stored
    if content_hash != scheme.content_hash:
        raise SchemeConflict(said("ws_scheme_changed", file=path.name, scheme=scheme.name,
                                  version=scheme.version, added=format_time(added)))

"""What a workspace holds, read back: the latest submissions, the projects, every version.

:class:`HistoryMixin` gives :class:`~scoring.workspace.facade.Workspace` :meth:`~HistoryMixin.submissions`,
:meth:`~HistoryMixin.projects` and :meth:`~HistoryMixin.history`, and the other concerns the
latest submissions of a round and scheme as scoring needs them (:meth:`~HistoryMixin.latest_submissions`,
kept in a :class:`LatestCache` so that a rescore after an import or an inspector's score reads and
parses nothing again; the host keeps it as ``latest``). It builds on
:class:`~scoring.workspace.catalog.CatalogMixin` (schemes and rounds).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.core.inputs import ParsedRow, parse_submission
from scoring.core.model import Scheme, Submission
from scoring.core.presentation import Said, said
from scoring.core.values import normalise_text
from scoring.io.pipeline import schemes_named
from scoring.workspace import store_inputs as sql
from scoring.workspace.catalog import CatalogMixin
from scoring.workspace.records import (
    ProjectEntry,
    Round,
    SubmissionVersion,
    WorkspaceError,
    diff_submissions,
    guarded,
    scheme_label,
)

Key = tuple[int, int]  # (round id, scheme id)

#: Up to this many uncached submissions are loaded one by one; more, and the scheme in bulk.
_FEW_TO_LOAD = 50


@dataclass
class LatestCache:
    """The latest submissions as last loaded or stored, and their cells parsed against their
    scheme (``engine.parse_submission``), by (round id, scheme id) and submission id.

    Stored rows never change, so a cached row is always right: an import parses each file
    while the readers read the next ones, and a rescore parses nothing again.
    """

    submissions: dict[Key, dict[int, Submission]] = field(default_factory=dict)
    parsed: dict[Key, dict[int, ParsedRow]] = field(default_factory=dict)

    def add(self, key: Key, submission_id: int, submission: Submission, parsed: ParsedRow) -> None:
        """Remember a submission just stored, with its parsed cells."""
        self.submissions.setdefault(key, {})[submission_id] = submission
        self.parsed.setdefault(key, {})[submission_id] = parsed


class HistoryMixin(CatalogMixin):
    """Submissions, projects and versions as stored."""

    latest: LatestCache

    def latest_submissions(self, conn, key: Key) -> dict[int, Submission]:
        """What is scored for a (round id, scheme id), by submission id: cached rows where they
        are, the rest loaded."""
        ids = sql.latest_ids(conn, key)
        known = self.latest.submissions.get(key, {})
        missing = [sid for sid in ids if sid not in known]
        if len(missing) > _FEW_TO_LOAD:
            known = {**known, **sql.load_latest(conn, key)}
        else:
            known = {**known, **{sid: sql.load_submission(conn, sid) for sid in missing}}
        self.latest.submissions[key] = {sid: known[sid] for sid in ids}
        return self.latest.submissions[key]

    def parsed_cells(self, key: Key, latest: dict[int, Submission]) -> list[ParsedRow]:
        """:func:`parse_submission` of each latest submission, parsed once and kept."""
        scheme, cached = self.scheme_by_id(key[1]), self.latest.parsed.get(key, {})
        parsed = self.latest.parsed[key] = {  # superseded versions drop out
            sid: cached[sid] if sid in cached else parse_submission(scheme, submission)
            for sid, submission in latest.items()
        }
        return list(parsed.values())

    @guarded
    def submissions(
        self, scheme: Scheme | None = None, *, round: str | Round | None = None
    ) -> dict[str, list[Submission]]:
        """The latest submissions of a round (default the latest), by scheme label (``name
        version``); those scored."""
        with self.store.reading() as conn:
            chosen = self.chosen_round(conn, round)
            result = {}
            for sid in self.scheme_ids():
                if chosen is not None and (scheme is None or self.scheme_by_id(sid) == scheme):
                    # fresh objects: callers may keep or change them without touching the cache
                    latest = sql.load_latest(conn, (chosen.id, sid))
                    result[scheme_label(self.scheme_by_id(sid))] = list(latest.values())
            return result

    @guarded
    def projects(self, *, round: str | Round | None = None) -> list[ProjectEntry]:
        """Every project with its scheme, round, number of versions in that round and latest
        import time; of every round (oldest first) unless one is named."""
        with self.store.reading() as conn:
            only = self.chosen_round(conn, round) if round else None
            rows = sql.project_rows(conn, None if only is None else only.id)
            return [
                ProjectEntry(*self.scheme_key(sid), pid, name, version, at, label)
                for sid, pid, name, version, at, label in rows
            ]

    @guarded
    def history(
        self, project_id: str, *, scheme: str | None = None, scheme_version: str | None = None
    ) -> list[SubmissionVersion]:
        """Every version of a project's submission, oldest first, each with its changes.

        Raises
        ------
        WorkspaceError
            When the workspace has no such project.
        """
        with self.store.reading() as conn:
            return [version for version, *_ in self.versions(conn, project_id, scheme, scheme_version)]

    def versions(
        self, conn, project_id: str, scheme: str | None, scheme_version: str | None
    ) -> list[tuple[SubmissionVersion, Submission, int, int]]:
        """(version, stored submission, scheme id, round id) of every version of a project,
        oldest first by scheme, round and version."""
        project_id = normalise_text(project_id)
        order = {r.id: n for n, r in enumerate(self.rounds_in(conn))}
        rows = sql.version_rows(conn, project_id)
        matching = sorted(
            (r for r in rows if self.scheme_matches(r[1], scheme, scheme_version)),
            key=lambda r: (r[1], order[r[8]], r[2]),
        )
        if not matching:
            raise WorkspaceError(self._not_in_scheme(project_id, scheme, scheme_version, rows) if rows
                                 else self.no_project(conn, project_id))
        versions: list[tuple[SubmissionVersion, Submission, int, int]] = []
        previous: dict[tuple[int, int], Submission] = {}
        for sid, scheme_id, version, name, source, sha, at, by, round_id, label in matching:
            current = sql.load_submission(conn, sid)
            before = previous.get((scheme_id, round_id))  # versions differ within a round
            s = self.scheme_by_id(scheme_id)
            changes = tuple(diff_submissions(before, current, s)) if before else ()
            previous[(scheme_id, round_id)] = current
            stored = SubmissionVersion(s.name, s.version, project_id, version, name, source, sha, at, by,
                                       changes, label)
            versions.append((stored, current, scheme_id, round_id))
        return versions

    def scheme_matches(self, scheme_id: int, name: str | None, version: str | None) -> bool:
        """Whether a stored scheme is the one asked for by name (either language) and version."""
        scheme = self.scheme_by_id(scheme_id)
        if name and not schemes_named(name, [scheme]):
            return False
        return not version or version == scheme.version

    def _not_in_scheme(self, project_id: str, scheme: str | None, version: str | None, rows) -> Said:
        """The project is here, but not in the scheme (version) asked for: name the ones it is in."""
        held = dict.fromkeys(f"{s.name} {s.version}" for s in (self.scheme_by_id(r[1]) for r in rows))
        asked = " ".join(x for x in (scheme, version) if x)
        return said("ws_project_not_in_scheme", project=project_id, asked=asked, schemes="; ".join(held))

    def no_project(self, conn, project_id: str) -> Said:
        """There is no such project: say so, with a few of those there are."""
        known = sql.some_project_ids(conn, 8)
        held = f"{', '.join(known)}{', …' if len(known) == 8 else ''}"
        listing = said("ws_projects_held", projects=held) if known else said("ws_empty")
        return said("ws_no_project", project=project_id, name=self.store.path.name, listing=listing)

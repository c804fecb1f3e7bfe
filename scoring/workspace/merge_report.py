"""What a merge reports: what each source added to the master, and the whole merge.

Plain data (:mod:`scoring.workspace.merge` makes them, :mod:`scoring.workspace.store_merge`
counts into them), shown by the CLI and the GUI in English and Chinese and stored as the
``merge`` audit entry's details.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scoring.core.presentation import Said, counted, joined, said


@dataclass
class SourceReport:
    """What merging one source added to the target (all zero: nothing new)."""

    source: str
    workspace_id: str = ""
    schemes_added: list[str] = field(default_factory=list)
    rounds_added: list[str] = field(default_factory=list)
    projects_added: int = 0
    versions_added: int = 0
    submissions_present: int = 0
    assessments_added: int = 0
    withdrawals: int = 0
    superseded: int = 0
    consensus_added: int = 0
    notes_added: int = 0
    refusals_added: int = 0
    audit_added: int = 0
    inspectors: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the merge wrote anything."""
        counts = (self.projects_added, self.versions_added, self.assessments_added, self.withdrawals,
                  self.superseded, self.consensus_added, self.notes_added, self.refusals_added,
                  self.audit_added)
        return bool(self.schemes_added or self.rounds_added) or any(counts)

    def summary(self) -> str:
        """``A.spw: 2 new projects, 1 new version, 3 inspectors' scores (Li, Wang), …``."""
        return self.said_summary().en

    def said_summary(self) -> Said:
        """:meth:`summary` in English and Chinese (the catalogue's ``mg_*`` texts)."""
        name = Path(self.source).name
        if not self.changed:
            return said("mg_nothing_new", name=name)
        scores = counted(self.assessments_added, "inspector_score")
        if self.inspectors:
            scores = said("merged_scores_by", scores=scores, who=", ".join(self.inspectors))
        counts = [
            (self.projects_added, counted(self.projects_added, "new_project")),
            (self.versions_added, counted(self.versions_added, "new_version")),
            (self.assessments_added, scores),
            (self.withdrawals, counted(self.withdrawals, "withdrawal")),
            (self.consensus_added, counted(self.consensus_added, "consensus_record")),
            (self.notes_added, counted(self.notes_added, "evidence_note")),
            (self.refusals_added, counted(self.refusals_added, "refused_file")),
        ]
        parts = [text for n, text in counts if n]  # what came, not a list of zeros
        if self.rounds_added:
            parts.insert(0, said("mg_round", rounds=", ".join(self.rounds_added)))
        if self.schemes_added:
            parts.insert(0, said("mg_scheme", schemes=", ".join(self.schemes_added)))
        if self.submissions_present:
            parts.append(said("mg_present", submissions=counted(self.submissions_present, "submission")))
        return said("merged_source", name=name, parts=joined(parts) if parts else said("mg_only_audit"))

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "workspace_id": self.workspace_id,
            "schemes_added": list(self.schemes_added),
            "rounds_added": list(self.rounds_added),
            "projects_added": self.projects_added,
            "versions_added": self.versions_added,
            "submissions_present": self.submissions_present,
            "assessments_added": self.assessments_added,
            "withdrawals": self.withdrawals,
            "superseded": self.superseded,
            "consensus_added": self.consensus_added,
            "notes_added": self.notes_added,
            "refusals_added": self.refusals_added,
            "audit_added": self.audit_added,
            "inspectors": list(self.inspectors),
        }


@dataclass
class MergeReport:
    """What a merge did, source by source."""

    into: str
    sources: list[SourceReport] = field(default_factory=list)
    cancelled: bool = False

    @property
    def changed(self) -> bool:
        return any(s.changed for s in self.sources)

    def summary(self) -> str:
        return self.said_summary().en

    def said_summary(self) -> Said:
        """What was merged, a line per source, in English and Chinese."""
        workspaces = counted(len(self.sources), "workspace")
        lines = [said("mg_merged", workspaces=workspaces, into=Path(self.into).name)]
        for source in self.sources:
            summary = source.said_summary()
            lines.append(Said(f"  {summary.en}", f"  {summary.zh}"))
        if self.cancelled:
            lines.append(said("mg_cancelled"))
        return joined(lines, "\n", "\n")

    def as_dict(self) -> dict:
        sources = [s.as_dict() for s in self.sources]
        return {"into": self.into, "sources": sources, "cancelled": self.cancelled}

"""The workspace's audit log as objects: one entry per change.

Every change to a workspace appends one entry: who, when, what, on which project and
criterion, a sentence for people and the details as JSON for programs. The workspace store
writes and reads them (scoring/workspace/facade.py); the audit workbook
(scoring/reports/audit_workbook.py) and the GUI's audit view show them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    id: int
    at: str
    actor: str
    action: str
    scheme: str
    project_id: str
    code: str
    summary: str
    detail: dict = field(default_factory=dict)
    #: The workspace_id of the workspace the entry was written in, when it came by a merge.
    origin: str = ""

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "scheme": self.scheme,
            "project_id": self.project_id,
            "code": self.code,
            "summary": self.summary,
            "detail": self.detail,
            "origin": self.origin,
        }

    def row(self) -> list[object]:
        """The entry as a row of the exported workbook (headings: presentation.AUDIT_COLUMNS_TEXT)."""
        detail = json.dumps(self.detail, ensure_ascii=False, sort_keys=True) if self.detail else ""
        return [
            self.id,
            self.at,
            self.actor,
            self.action,
            self.scheme,
            self.project_id,
            self.code,
            self.summary,
            detail,
            self.origin,
        ]


def origin_names(entries: list[AuditEntry]) -> dict[str, str]:
    """workspace_id → file name of each workspace merged in, from the ``merge`` entries.

    An entry's ``origin`` is the id of the workspace it was written in; people know that
    workspace by the file it came in (``inspector_li.spw``).
    """
    names: dict[str, str] = {}
    for entry in entries:
        if entry.action == "merge" and entry.detail.get("workspace_id") and entry.detail.get("source"):
            names.setdefault(entry.detail["workspace_id"], Path(entry.detail["source"]).name)
    return names

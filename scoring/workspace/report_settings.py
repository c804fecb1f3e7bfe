"""A workspace's report settings (who signs), stored as keys of its ``meta`` table.

``meta`` is a key/value table, so the settings need no schema change; each change is one
transaction with an audit entry saying what was before and after.
"""

from __future__ import annotations

from pathlib import Path

from scoring.core.report_settings import FIELDS, ReportSettings
from scoring.workspace.records import guarded
from scoring.workspace.store import Store

#: Prefix of the settings' keys in ``meta``: ``report.org``, ``report.doc_no`` …
KEY_PREFIX = "report."


class ReportSettingsMixin:
    """Reading and changing the report settings, through the host's ``store``."""

    path: Path
    store: Store

    @guarded
    def report_settings(self) -> ReportSettings:
        """The report settings stored in this workspace (empty fields when never set)."""
        meta = self.store.meta()
        return ReportSettings.from_dict({name: meta.get(KEY_PREFIX + name, "") for name in FIELDS})

    @guarded
    def set_report_settings(self, settings: ReportSettings) -> ReportSettings:
        """Store ``settings`` as this workspace's report settings, with an audit entry.

        Returns
        -------
        ReportSettings
            What is stored (unchanged settings write nothing).
        """
        current = self.report_settings()
        if settings == current:
            return current
        with self.store.writing() as conn:
            self.store.set_meta(conn, {KEY_PREFIX + name: getattr(settings, name) for name in FIELDS})
            changed = [name for name in FIELDS if getattr(settings, name) != getattr(current, name)]
            self.store.audit(conn, "report_settings", "report settings changed: " + ", ".join(changed),
                             detail={"before": current.as_dict(), "after": settings.as_dict()})
        return settings

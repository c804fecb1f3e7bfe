"""How ``tests/data/workspace_v5.spw`` was made: by the workspace code of schema version 5.

Kept for the record, not to be run again: the file must stay exactly what version 5 wrote (the
last format whose refusals did not keep their sheet and cell), so that ``tests/test_workspace.py``
proves a real format-5 workspace upgrades once and keeps everything. This script exists only to
say how it was produced (see ``old_workspace.py``); run as ``python -m
tests.data.make_v5_workspace``, it refuses under a later schema version.

Contents (criteria A value 0..100 weight 1, B yes/no weight 1, M manual weight 2; round 2024):

- P1: A 50, B 是; P2: A 100, B 否 (from a batch sheet whose row 3 has no project ID).
- Refused: no_id.xlsx (the project ID of sheet Project, cell B1, empty) and the batch's row 3
  (sheet Batch, cell A3); in format 5 only their source, reason and messages were stored.
- M of P1: Li 0.6; a note by Li on B of P1.
"""

from __future__ import annotations

from tests.builders import project, write_batch, write_form
from tests.data.old_workspace import OPTIONS, old_format_workspace


def main() -> None:
    with old_format_workspace(5) as (workspace, forms):
        write_form(forms / "p1.xlsx", project("P1", year=2024),
                   [dict(code="A", current=50), dict(code="B", current="是")])
        write_form(forms / "no_id.xlsx", project("", name="No id", year=2024),
                   [dict(code="A", current=10), dict(code="B", current="是")])
        write_batch(forms / "batch.xlsx", ["project_id", "name", "level", "year", "A", "B"],
                    [["P2", "Project two", "city", 2024, 100, "否"],
                     [None, "No id either", "city", 2024, 20, "是"]])
        report = workspace.import_files([forms], options=OPTIONS)
        assert len(report.rejected) == 2 and all(r.sheet for r in report.rejected), report.rejected
        workspace.assess("P1", "M", 0.6, inspector="Li", reason="site visit")
        workspace.add_note("P1", "B", "certificate seen on site", inspector="Li")


if __name__ == "__main__":
    main()

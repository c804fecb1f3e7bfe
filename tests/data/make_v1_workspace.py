"""How ``tests/data/workspace_v1.spw`` was made: by the workspace code of schema version 1.

Kept for the record, not to be run again: the file must stay exactly what version 1 wrote, so
that ``tests/test_workspace_merge.py`` proves a real version-1 workspace opens and migrates.
This script exists only to say how it was produced (see ``old_workspace.py``); run as
``python -m tests.data.make_v1_workspace``, it refuses under a later schema version.

Contents (criteria A value 0..100 weight 1, B yes/no weight 1, M manual weight 2):

- P1: version 1 (A 50, B 是), then a resubmission, version 2 (A 60, B 是).
- P2: version 1 (A 100, B 否).
- M of P1: Li 0.6 (superseded by) Li 0.7, and Wang 0.2; A of P1: Li 0.9, withdrawn by Zhao.
- A note by Li on B of P1.
"""

from __future__ import annotations

from tests.builders import project
from tests.data.old_workspace import import_two_and_resubmit, old_format_workspace


def main() -> None:
    with old_format_workspace(1) as (workspace, forms):
        import_two_and_resubmit(workspace, forms, project("P1"), project("P2", name="Project two"))
        workspace.assess("P1", "M", 0.6, inspector="Li", reason="first look")
        workspace.assess("P1", "M", 0.7, inspector="Li", reason="second look")
        workspace.assess("P1", "M", 0.2, inspector="Wang", reason="evidence thin")
        workspace.assess("P1", "A", 0.9, inspector="Li", reason="meter reading checked")
        workspace.withdraw("P1", "A", inspector="Zhao", reason="reading was last year's", author="Li")
        workspace.add_note("P1", "B", "certificate seen on site", inspector="Li")


if __name__ == "__main__":
    main()

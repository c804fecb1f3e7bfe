"""How ``tests/data/workspace_v4.spw`` was made: by the workspace code of schema version 4.

Kept for the record, not to be run again: the file must stay exactly what version 4 wrote (the
last format without assessment rounds), so that ``tests/test_rounds.py`` proves a real format-4
workspace upgrades into one round named after its years. This script exists only to say how it
was produced (see ``old_workspace.py``); run as ``python -m tests.data.make_v4_workspace``, it
refuses under a later schema version.

Contents (criteria A value 0..100 weight 1, B yes/no weight 1, M manual weight 2):

- P1 (year 2024): version 1 (A 50, B 是), then a resubmission, version 2 (A 60, B 是).
- P2 (year 2023): version 1 (A 100, B 否).
- M of P1: Li 0.7 and Wang 0.2, a consensus 0.5 by Chen; M of P2: Li 0.4.
- A note by Li on B of P1.
"""

from __future__ import annotations

from tests.builders import project
from tests.data.old_workspace import import_two_and_resubmit, old_format_workspace


def main() -> None:
    with old_format_workspace(4) as (workspace, forms):
        import_two_and_resubmit(workspace, forms, project("P1", year=2024),
                                project("P2", name="Project two", year=2023))
        workspace.assess("P1", "M", 0.7, inspector="Li", reason="site visit")
        workspace.assess("P1", "M", 0.2, inspector="Wang", reason="evidence thin")
        workspace.consensus("P1", "M", 0.5, inspector="Chen", reason="met halfway")
        workspace.assess("P2", "M", 0.4, inspector="Li", reason="plan adopted late")
        workspace.add_note("P1", "B", "certificate seen on site", inspector="Li")


if __name__ == "__main__":
    main()

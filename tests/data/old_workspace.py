"""What the scripts that made the old-format workspaces (``make_v*_workspace.py``) share.

Each ``tests/data/workspace_vN.spw`` was written once by the workspace code of schema version
N, so that the upgrade tests open a file an old version really wrote; the script beside it
records how. The scripts exist only for that record: the files must stay exactly as those
versions wrote them, and today's code (a later ``scoring.workspace.schema.SCHEMA_VERSION``)
refuses to rewrite them. They import today's modules, so that they stay readable and ``make
lint`` checks every name they use.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scoring.io.importer import ImportOptions
from scoring.workspace.facade import Workspace
from scoring.workspace.schema import SCHEMA_VERSION
from tests.builders import criterion, write_form, write_template

DATA = Path(__file__).resolve().parent

#: Every old workspace's one scheme: A value 0..100 weight 1, B yes/no weight 1, M manual weight 2.
CRITERIA = [criterion("A"), criterion("B", type="yesno"), criterion("M", type="manual", weight=2)]

#: Imports read the forms in the script's own process.
OPTIONS = ImportOptions(workers=0)


@contextmanager
def old_format_workspace(version: int) -> Iterator[tuple[Workspace, Path]]:
    """Write ``tests/data/workspace_v{version}.spw`` holding the "City scheme" template.

    Yields the open workspace and an empty ``forms`` folder (in a temporary folder) for the
    script's forms; the workspace is closed and the folder removed afterwards.

    Raises
    ------
    SystemExit
        The code's schema version is not ``version``: the file records that version only.
    """
    if SCHEMA_VERSION != version:
        raise SystemExit(f"this file records schema version {version}; do not rebuild it with other code")
    with tempfile.TemporaryDirectory() as folder:
        forms = Path(folder) / "forms"
        forms.mkdir()
        template = write_template(Path(folder) / "city.xlsx", CRITERIA, name="City scheme")
        with Workspace.create(DATA / f"workspace_v{version}.spw", actor="staff") as workspace:
            workspace.add_template(template)
            yield workspace, forms


def import_two_and_resubmit(workspace: Workspace, forms: Path, p1: dict, p2: dict) -> None:
    """Import P1 (A 50, B 是) and P2 (A 100, B 否) from ``forms``, then P1 again (A 60, B 是),
    so P1 has versions 1 and 2; ``p1`` and ``p2`` are their Project-sheet fields."""
    write_form(forms / "p1.xlsx", p1, [dict(code="A", current=50), dict(code="B", current="是")])
    write_form(forms / "p2.xlsx", p2, [dict(code="A", current=100), dict(code="B", current="否")])
    resubmitted = write_form(forms.parent / "p1_v2.xlsx", p1,
                             [dict(code="A", current=60), dict(code="B", current="是")])
    workspace.import_files([forms], options=OPTIONS)
    workspace.import_files([resubmitted], options=OPTIONS)

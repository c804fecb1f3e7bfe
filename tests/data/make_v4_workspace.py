"""How ``tests/data/workspace_v4.spw`` was made: by the workspace code of schema version 4.

Kept for the record, not to be run again: the file must stay exactly what version 4 wrote (the
last format without assessment rounds), so that ``tests/test_rounds.py`` proves a real format-4
workspace upgrades into one round named after its years. The script refuses to run under a
later schema version.

Contents (criteria A value 0..100 weight 1, B yes/no weight 1, M manual weight 2):

- P1 (year 2024): version 1 (A 50, B 是), then a resubmission, version 2 (A 60, B 是).
- P2 (year 2023): version 1 (A 100, B 否).
- M of P1: Li 0.7 and Wang 0.2, a consensus 0.5 by Chen; M of P2: Li 0.4.
- A note by Li on B of P1.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scoring.io.importer import ImportOptions  # noqa: E402
from scoring.workspace import db as workspace_db  # noqa: E402
from scoring.workspace.facade import Workspace  # noqa: E402
from tests.builders import criterion, project, write_form, write_template  # noqa: E402

OUT = Path(__file__).resolve().parent / "workspace_v4.spw"


def main() -> None:
    if workspace_db.SCHEMA_VERSION != 4:
        raise SystemExit("this file records schema version 4; do not rebuild it with later code")
    criteria = [criterion("A"), criterion("B", type="yesno"), criterion("M", type="manual", weight=2)]
    with tempfile.TemporaryDirectory() as folder:
        forms = Path(folder) / "forms"
        forms.mkdir()
        template = write_template(Path(folder) / "city.xlsx", criteria, name="City scheme")
        write_form(forms / "p1.xlsx", project("P1", year=2024),
                   [dict(code="A", current=50), dict(code="B", current="是")])
        write_form(forms / "p2.xlsx", project("P2", name="Project two", year=2023),
                   [dict(code="A", current=100), dict(code="B", current="否")])
        resubmitted = write_form(Path(folder) / "p1_v2.xlsx", project("P1", year=2024),
                                 [dict(code="A", current=60), dict(code="B", current="是")])
        options = ImportOptions(workers=0)
        with Workspace.create(OUT, actor="staff") as workspace:
            workspace.add_template(template)
            workspace.import_files([forms], options=options)
            workspace.import_files([resubmitted], options=options)
            workspace.assess("P1", "M", 0.7, inspector="Li", reason="site visit")
            workspace.assess("P1", "M", 0.2, inspector="Wang", reason="evidence thin")
            workspace.consensus("P1", "M", 0.5, inspector="Chen", reason="met halfway")
            workspace.assess("P2", "M", 0.4, inspector="Li", reason="plan adopted late")
            workspace.add_note("P1", "B", "certificate seen on site", inspector="Li")


if __name__ == "__main__":
    main()

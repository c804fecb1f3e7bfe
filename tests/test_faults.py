"""The fault suite (issue 15): full disks, killed exports and damaged copies lose nothing.

Each scenario checks three things: nothing committed is lost (or doubled), the previous output
file is intact, and the message says plainly what happened. Disks fill up for real on a small
tmpfs where the tests may mount one, else through RLIMIT_FSIZE (tests/faults.py). Data are
small and nothing waits on the clock.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.workspace import ImportStopped, Workspace
from tests.builders import criterion, project, write_template
from tests.fast_forms import write_fast_form
from tests.faults import small_disk

CODES = [f"C{i:02d}" for i in range(30)]
FORMS = 60


@pytest.fixture
def disk(tmp_path):
    with small_disk(tmp_path) as disk:
        yield disk


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    """A 30-criterion template and 60 forms, each with long evidence, so they fill a disk soon."""
    folder = tmp_path_factory.mktemp("inputs")
    template = write_template(folder / "city.xlsx", [criterion(c) for c in CODES], name="City scheme")
    forms = folder / "forms"
    forms.mkdir()
    for i in range(FORMS):
        rows = [dict(code=c, current=(i * 7 + j) % 100, evidence=f"site report {i}-{j} " * 20)
                for j, c in enumerate(CODES)]
        write_fast_form(forms / f"f{i:03d}.xlsx", project(f"CX-{i:05d}", name=f"Project {i}"), rows)
    return {"template": template, "forms": forms}


def versions(path: Path) -> dict[str, list[int]]:
    """Every stored project with its version numbers."""
    with Workspace.open(path) as workspace:
        found: dict[str, list[int]] = {}
        for entry in workspace.projects():
            found[entry.project_id] = [v.version for v in workspace.history(entry.project_id)]
        return found


# --------------------------------------------------------------------------- full disk, workspace


def test_a_workspace_stopped_by_a_full_disk_opens_when_space_is_freed_and_finishes_the_import(disk, inputs):
    path = disk.folder / "full.spw"
    with Workspace.create(path, actor="staff") as workspace:
        workspace.add_template(inputs["template"])
    disk.leave(400 * 1024)
    with pytest.raises(ImportStopped) as stopped, Workspace.open(path) as workspace:
        workspace.import_files([inputs["forms"]])
    committed = len(stopped.value.report.imported)
    assert 0 < committed < FORMS
    assert disk.error_words in str(stopped.value)
    assert "everything before it is safe" in str(stopped.value)

    disk.free()
    assert versions(path) == {f"CX-{i:05d}": [1] for i in range(committed)}
    with Workspace.open(path) as workspace:
        report = workspace.import_files([inputs["forms"]])
        assert (len(report.unchanged), len(report.imported)) == (committed, FORMS - committed)
    assert versions(path) == {f"CX-{i:05d}": [1] for i in range(FORMS)}

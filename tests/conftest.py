"""Suite-wide fixtures."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

try:
    import resource
except ImportError:  # Windows: no file-size limits, and no test sets one
    resource = None  # type: ignore[assignment]

from scoring.io import importer
from scoring.io.importer import ImportOptions


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """Lift a file-size limit a test set (tests/faults.py) before pytest reports the test.

    The limit is per process: pytest's own output goes on growing under it, and when that
    output is a file (a CI log) past the limit, writing the test's dot fails with "File too
    large" and ends the whole run.
    """
    limits = resource.getrlimit(resource.RLIMIT_FSIZE) if resource is not None else None
    yield
    if limits is not None:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)


@pytest.fixture(scope="session", autouse=True)
def synergypilot_home(tmp_path_factory):
    """A data folder of the session's own (``SYNERGYPILOT_HOME``) for every test and the programs
    it starts: the logs the CLI and the readers write go there, not into the shared temporary
    folder where another run (another pytest-xdist worker, another checkout) writes too.

    A test that reads what was written sets a folder of its own (``monkeypatch.setenv``), as the
    GUI tests do (tests/gui/conftest.py).
    """
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SYNERGYPILOT_HOME", str(home))
        yield home


@pytest.fixture(autouse=True)
def read_in_process(request, monkeypatch):
    """Read submissions in the test process unless a test asks for real worker processes.

    Starting reader processes costs a few tenths of a second per import, which hundreds of
    small imports would pay again and again. The worker path (time limit, crash isolation,
    order) has its own tests in test_hostile_import.py, which use ``real_workers`` or build
    their fixtures at module scope, before this fixture applies; the CLI tests run main.py in
    a subprocess and so use workers too.

    A test that calls ``run``, ``score_files`` or ``Workspace.import_files`` itself can pass
    ``options=`` instead; this sets the one default (``scoring.io.importer.DEFAULT_OPTIONS``,
    looked up when reading starts) for the paths that take no options: the CLI's ``main``
    and the GUI.
    """
    if request.node.get_closest_marker("real_workers"):
        return
    monkeypatch.setattr(importer, "DEFAULT_OPTIONS", ImportOptions(workers=0))


@pytest.fixture
def pilots(tmp_path) -> tuple[Path, Path, Path]:
    """tests/builders.two_pilots: the A/B/M template, a folder of P1 and P2, a workspace path."""
    from tests.builders import two_pilots

    return two_pilots(tmp_path)


@pytest.fixture
def imported_pilots(pilots, capsys) -> tuple[Path, Path, Path]:
    """``pilots`` with both imported into the workspace by the CLI (what it printed read away)."""
    from scoring.cli.main import main

    template, folder, workspace = pilots
    assert main(["score", "--workspace", str(workspace), "--template", str(template), str(folder)]) == 0
    capsys.readouterr()
    return pilots


@pytest.fixture
def template(tmp_path) -> Path:
    """The workspace tests' city template (tests/builders.PILOT_CRITERIA: A, B, M)."""
    from tests.builders import PILOT_CRITERIA, write_template

    return write_template(tmp_path / "city.xlsx", PILOT_CRITERIA, name="City scheme")


@pytest.fixture
def ws(tmp_path, template):
    """A new workspace holding ``template``, closed after the test."""
    from scoring.workspace.facade import Workspace

    workspace = Workspace.create(tmp_path / "work.spw", actor="staff")
    workspace.add_template(template)
    yield workspace
    workspace.close()


@pytest.fixture(scope="session")
def report_run(tmp_path_factory):
    """The outputs' test run (tests/report_data.py: Chinese names, injected formulas, an
    override), scored once for the whole session: the workbook, PDF, chart and odd-text tests
    read it and must not change it."""
    from tests.report_data import build_run

    return build_run(tmp_path_factory.mktemp("report_run"))


class DemoFiles(NamedTuple):
    """The demo's submissions: the folder ``write_demo`` filled and the files it returned."""

    folder: Path
    written: list[Path]


@pytest.fixture(scope="session")
def demo_submissions(tmp_path_factory) -> DemoFiles:
    """The demo's submissions (scoring.build.demo, seed 2024), written once for the session.

    Tests read them and must not write into the folder: a test that adds files (the second
    round, tests/test_demo_rounds.py) works on a copy.
    """
    from scoring.build.demo import write_demo

    folder = tmp_path_factory.mktemp("demo_submissions")
    return DemoFiles(folder, write_demo(folder))

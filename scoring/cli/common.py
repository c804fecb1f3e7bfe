"""What every command-line module shares: the usage error, the exit codes, the checks and
options several commands take, and the shipped templates.

Kept apart from :mod:`scoring.cli.main` so that the command modules (``robustness``,
``workspace``, ``explain``, ``tracking``, ``selftest``) use the same ones without
importing the module that imports them (an import cycle: ``make lint`` refuses it).
"""

from __future__ import annotations

from pathlib import Path

from scoring.resources import TEMPLATES_DIR

EXIT_OK, EXIT_USAGE, EXIT_REJECTED, EXIT_FAILED = 0, 2, 3, 1
DEFAULT_TEMPLATES = TEMPLATES_DIR


class UsageError(Exception):
    """Wrong arguments; the message says what to do."""


def check_inputs_exist(paths: list[str]) -> None:
    """Refuse (UsageError) when any of the files or folders named on the command line is missing."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError("no such file or folder: " + ", ".join(missing))


def writable_path(path: str, what: str) -> Path:
    """The output file named by option ``what``; refused (UsageError) when it is a folder."""
    target = Path(path)
    if target.exists() and target.is_dir():
        raise UsageError(f"{what} {path} is a folder; give a file name")
    return target


def default_template_paths() -> list[Path]:
    """The four shipped schemes."""
    return sorted(DEFAULT_TEMPLATES.glob("*.xlsx"))


def add_full_paths_option(parser) -> None:
    """``--full-paths``: outputs name input files by their whole path (see scoring/core/shown_paths.py)."""
    parser.add_argument("--full-paths", action="store_true",
                        help="name input files by their full path in the outputs (default: relative "
                             "to the folder given, so a shared file shows no local folders)")

"""What every command-line module shares: the usage error and the exit codes, how a message is
printed in one language or both, the checks several commands make, and the shipped templates.

Kept apart from :mod:`scoring.cli.main` so that the command modules use the same ones without
importing the module that imports them (an import cycle: ``make lint`` refuses it). Light on
purpose: ``--help`` imports it (scoring/cli/parsers.py).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from scoring.core.presentation import Said, both, said
from scoring.core.textlayout import display_width
from scoring.resources import TEMPLATES_DIR

EXIT_OK, EXIT_USAGE, EXIT_REJECTED, EXIT_FAILED = 0, 2, 3, 1
DEFAULT_TEMPLATES = TEMPLATES_DIR


class UsageError(Exception):
    """Wrong arguments (exit 2); the message, in English and Chinese, says what to do."""

    def __init__(self, message: str | Said) -> None:
        self.said = both(message)
        super().__init__(self.said.en)


#: argparse's own English refusals (Python's Lib/argparse.py) and the catalogue's words for
#: each; the fields the pattern names fill the catalogue's text.
_ARGPARSE_REFUSALS = (
    (r"the following arguments are required: (?P<arguments>.+)", "cli_arg_required"),
    (r"unrecognized arguments: (?P<arguments>.+)", "cli_arg_unrecognized"),
    (r"argument (?P<argument>.+?): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)",
     "cli_arg_choice"),
    (r"argument (?P<argument>.+?): expected one argument", "cli_arg_one_value"),
    (r"argument (?P<argument>.+?): expected at least one argument", "cli_arg_values"),
    (r"argument (?P<argument>.+?): ignored explicit argument (?P<value>.+)", "cli_arg_no_value"),
    (r"argument (?P<argument>.+?): not allowed with argument (?P<other>.+)", "cli_arg_together"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "cli_arg_ambiguous"),
)


def argparse_said(prog: str, message: str) -> Said:
    """argparse's refusal ``message`` about ``prog``'s arguments, in English and Chinese, with
    where to find the usage; a refusal not known here keeps argparse's English words."""
    for pattern, key in _ARGPARSE_REFUSALS:
        match = re.fullmatch(pattern, message)
        if match:
            return said("cli_see_help", message=said(key, **match.groupdict()), prog=prog)
    return said("cli_see_help", message=said("cli_arg_other", message=message), prog=prog)


def say(key: str, lang: str | None, *, stream=None, **fields: object) -> None:
    """Print the catalogue's message ``key`` with ``fields`` to ``stream`` (standard output by
    default; see :func:`print_said`)."""
    print_said(said(key, **fields), lang, file=stream)


def print_said(message: Said, lang: str | None, *, file=None) -> None:
    """A message for a person: in ``lang`` when one was chosen (``--lang``), else in English and
    then in Chinese, one line each (once when both read the same, e.g. a file name)."""
    print("\n".join(message.lines(lang)), file=file if file is not None else sys.stdout)


def in_both(render: Callable[..., str], *args: object) -> Said:
    """What ``render(*args, lang)`` gives in English and in Chinese (a label, a rejection)."""
    return Said(render(*args, "en"), render(*args, "zh"))


def pad(text: str, width: int) -> str:
    """``text`` and spaces to fill ``width`` terminal cells (a Chinese character takes two)."""
    return text + " " * max(0, width - display_width(text))


def print_error(message: Said, lang: str | None) -> None:
    """An error on standard error, ``error: …`` and ``错误：…`` (see :func:`print_said`)."""
    print_said(said("cli_error", message=message), lang, file=sys.stderr)


def check_inputs_exist(paths: list[str]) -> None:
    """Refuse (UsageError) when any of the files or folders named on the command line is missing."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError(said("cli_no_input", paths=", ".join(missing)))


def writable_path(path: str, what: str) -> Path:
    """The output file named by option ``what``; refused (UsageError) when it is a folder."""
    target = Path(path)
    if target.exists() and target.is_dir():
        raise UsageError(said("cli_is_folder", option=what, path=path))
    return target


def default_template_paths() -> list[Path]:
    """The four shipped schemes."""
    return sorted(DEFAULT_TEMPLATES.glob("*.xlsx"))

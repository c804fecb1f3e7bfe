"""What every command-line module shares: the usage error, the exit codes, the checks and
options several commands take, and the shipped templates.

Kept apart from :mod:`scoring.cli.main` so that the command modules (``robustness``,
``workspace``, ``explain``, ``tracking``, ``selftest``) use the same ones without
importing the module that imports them (an import cycle: ``make lint`` refuses it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from scoring.core.presentation import Said
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


def add_lang_option(parser, outputs: str = "", default: str = "zh") -> None:
    """``--lang zh|en``: the language of the messages, and of ``outputs`` when the command writes any.

    Without it, messages come in English and then Chinese (:func:`print_error`) and outputs in
    ``default``; :func:`scoring.cli.main.main` sets ``args.lang`` to ``default`` after noting
    whether a language was chosen.
    """
    about = "language of messages"
    if outputs:
        about = f"language of {outputs} (default {default}) and of messages"
    parser.add_argument("--lang", choices=("zh", "en"), default=None,
                        help=f"{about} (messages default to English and Chinese)")
    parser.set_defaults(output_lang=default)


def print_said(message: Said, lang: str | None) -> None:
    """A note on standard output: in ``lang`` when one was chosen (``--lang``), else in English
    and then in Chinese, one line each."""
    print("\n".join([message.text(lang)] if lang else [message.en, message.zh]))


def print_error(message: str, message_zh: str, lang: str | None) -> None:
    """An error on standard error: in ``lang`` when one was chosen (``--lang``), else in English
    and then in Chinese, one line each."""
    lines = {"en": f"error: {message}", "zh": f"错误：{message_zh}"}
    print("\n".join([lines[lang]] if lang in lines else lines.values()), file=sys.stderr)

"""The headless command line: ``python main.py COMMAND …``; the commands are listed in
:mod:`scoring.cli.registry`, their options in :mod:`scoring.cli.parsers`.

Exit codes: 0 every input scored; 3 some inputs were rejected (the rest still scored and
written); 2 bad usage, an invalid template, a workspace or an output refused; 1 an unexpected
error. Every message comes in English and then Chinese, or in the language ``--lang`` chose. No
path through here shows a traceback: an unexpected error is reported in one line and logged
with its details.

Only the registry, the option parsers and the catalogue are imported before a command runs, so
``--help`` and a wrong option are quick; the command's own module comes with it.
"""

from __future__ import annotations

import contextlib
import difflib
import logging
import os
import sys
import tempfile
from pathlib import Path

from scoring.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    argparse_said,
    print_error,
)
from scoring.cli.parsers import ParserExit
from scoring.cli.registry import BY_NAME, build_parser
from scoring.core.presentation import Said, said
from scoring.core.textclean import clean_text

log = logging.getLogger("synergypilot")


def log_path() -> Path:
    """Where the command line logs the details of unexpected errors."""
    home = os.environ.get("SYNERGYPILOT_HOME")
    folder = Path(home) if home else Path(tempfile.gettempdir())
    return folder / "synergypilot-cli.log"


class QuietFileHandler(logging.FileHandler):
    """A log file that may be impossible to open: its folder is created when missing (a new
    SYNERGYPILOT_HOME), and when even that fails (a read-only place) the record is dropped,
    never printed as a traceback.

    ``delay=True`` opens the file at the first record, so the failure comes in ``emit``, where
    logging would call ``handleError`` and print "--- Logging error ---" with a traceback.
    """

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record, first creating the log's folder when it is missing."""
        if self.stream is None:  # not open yet: the first record opens the file
            try:
                Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                return  # nowhere to write it; the user already has the message
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        pass


def _log_to_file() -> None:
    """Send the details of unexpected errors to a log file, never to the user's terminal.

    Without a handler, Python's last-resort handler would print the traceback on stderr.
    """
    if log.handlers:
        return
    handler: logging.Handler = QuietFileHandler(log_path(), encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.propagate = False


class CleanTerminal:
    """A text stream that passes everything written to it through :func:`clean_text`.

    Names, reasons and file names printed by the command line come from other people's files
    and keyboards; an inspector's name holding ESC or BEL must not drive the terminal of the
    supervisor who merges their workspace. Line breaks and tabs stay.
    """

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(clean_text(text))

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


@contextlib.contextmanager
def _clean_terminal():
    """Standard output and error as :class:`CleanTerminal` while a command runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = CleanTerminal(sys.stdout), CleanTerminal(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    with _clean_terminal():
        return _main(sys.argv[1:] if argv is None else list(argv))


def lang_asked(argv: list[str]) -> str | None:
    """The ``--lang`` given anywhere on the command line (for ``--help`` and refusals, which
    come before the command's own options are read); None when none or not zh/en."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.partition("--lang=")[2]
        if value in ("zh", "en"):
            return value
    return None


def command_named(argv: list[str]) -> str | None:
    """The command word (the first argument that is not an option), refused when unknown."""
    values = {i + 1 for i, arg in enumerate(argv) if arg == "--lang"}  # "--lang zh" is no command
    word = next((arg for i, arg in enumerate(argv) if not arg.startswith("-") and i not in values), None)
    if word is None or word in BY_NAME:
        return word
    names = ", ".join(BY_NAME)
    close = difflib.get_close_matches(word, BY_NAME, n=1)
    suggestion = said("cli_did_you_mean", match=close[0]) if close else ""
    raise UsageError(said("cli_unknown_command", command=word, suggestion=suggestion, commands=names))


def _main(argv: list[str]) -> int:
    _log_to_file()
    lang = lang_asked(argv)  # the language of messages, when the command was given one (--lang)
    try:
        command = command_named(argv)
        if command is None and not any(arg in ("-h", "--help", "--version") for arg in argv):
            raise UsageError(said("cli_no_command", commands=", ".join(BY_NAME)))
        args, extra = build_parser(lang, only=command).parse_known_args(argv)
        if extra:  # refused by the command's own name, so that the hint points at its options
            prog = f"python main.py {command}" if command else "python main.py"
            raise UsageError(argparse_said(prog, "unrecognized arguments: " + " ".join(extra)))
        lang = args.message_lang = getattr(args, "lang", None)
        if lang is None and hasattr(args, "output_lang"):
            args.lang = args.output_lang  # outputs in the command's default language
        return BY_NAME[args.command].handler()(args)
    except ParserExit as exc:
        return exc.status
    except KeyboardInterrupt:
        print_error(said("cli_interrupted"), lang)
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading: not an error
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # the promise: never a traceback to a user
        message = refusal(exc)
        if message is not None:
            print_error(message, lang)
            return EXIT_USAGE
        log.exception("unexpected error")
        where = said("cli_log_at", path=log_path()) if log_path().exists() else ""
        print_error(said("cli_unexpected", kind=type(exc).__name__, detail=exc, log=where), lang)
        return EXIT_FAILED


def refusal(exc: Exception) -> Said | None:
    """What to tell a person about ``exc`` when it is a refusal that says what to do (bad
    usage, an invalid template, a workspace or an output file that cannot be used: exit 2);
    None for an unexpected error.

    A refusal of this program's own carries its words as ``said`` (UsageError, WorkspaceError,
    TemplateError);
    the classes of the others are imported here, after the fact: the command that raised one
    has imported its module already, and ``--help`` need not.
    """
    said = getattr(exc, "said", None)
    if isinstance(said, Said):
        return said
    from scoring.io.atomic import OutputError

    if isinstance(exc, OutputError):
        return Said(exc.message, exc.message_zh)
    return None


def _silence_stdout() -> None:
    """Point standard output at the null device, so that Python's final flush of what is left
    in its buffer does not fail again on the closed pipe ("Exception ignored ... BrokenPipeError")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass

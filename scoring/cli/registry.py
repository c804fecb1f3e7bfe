"""The command registry: every command's name, its options and the function that runs it.

A command's module is imported only when the command runs, so ``--help``, a wrong option and
each command pay only for what they use (issue 16: ``score --help`` imported numpy, openpyxl and
the engine, 0.35 s of CPU). ``make bench`` (bench/bench_cli.py) times ``--help`` against a bare
Python; ``tests/test_cli.py`` checks that ``--help`` loads none of the heavy libraries.

To add a command: its options in :mod:`scoring.cli.parsers`, its help (``cli_h_<name>``) and
messages in the catalogue (scoring/core/presentation.py), a ``command_<name>(args) -> int`` in
the module of its family, and one :class:`Command` line below.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from scoring import __version__
from scoring.cli import parsers
from scoring.cli.parsers import Parser


@dataclass(frozen=True)
class Command:
    """One command of the command line.

    ``options`` adds its arguments to its parser; ``runs`` names the function that runs it as
    ``module:function``, imported when the command runs.
    """

    name: str
    options: Callable[[Parser], None]
    runs: str

    @property
    def help_key(self) -> str:
        """The catalogue's one-line description of the command."""
        return f"cli_h_{self.name}"

    def handler(self) -> Callable[[argparse.Namespace], int]:
        """The function that runs the command (its module imported now)."""
        module, function = self.runs.split(":")
        return getattr(importlib.import_module(module), function)


COMMANDS: tuple[Command, ...] = (
    Command("score", parsers.score, "scoring.cli.score:command_score"),
    Command("form", parsers.form, "scoring.cli.scheme:command_form"),
    Command("validate", parsers.validate, "scoring.cli.scheme:command_validate"),
    Command("demo", parsers.demo, "scoring.cli.scheme:command_demo"),
    Command("assess", parsers.assess, "scoring.cli.workspace:command_assess"),
    Command("history", parsers.history, "scoring.cli.workspace:command_history"),
    Command("audit", parsers.audit, "scoring.cli.workspace:command_audit"),
    Command("merge", parsers.merge, "scoring.cli.workspace:command_merge"),
    Command("consensus", parsers.consensus, "scoring.cli.workspace:command_consensus"),
    Command("reconcile", parsers.reconcile, "scoring.cli.workspace:command_reconcile"),
    Command("explain", parsers.explain, "scoring.cli.explain:command_explain"),
    Command("track", parsers.track, "scoring.cli.tracking:command_track"),
    Command("selftest", parsers.selftest, "scoring.cli.selftest:command_selftest"),
)

BY_NAME = {command.name: command for command in COMMANDS}


def build_parser(lang: str | None = None, only: str | None = None) -> Parser:
    """The command line's parser, its help in ``lang`` (None: English, then Chinese).

    Every command is listed; only the command ``only`` gets its options (all of them when
    ``only`` is None), so that running one command does not build the others' help.
    """
    parser = Parser(prog="python main.py", help_lang=lang)
    parser.description = parser.describe("cli_description")
    parser.epilog = parser.describe("cli_epilog")
    parser.add_argument("--version", action="version", version=f"SynergyPilot {__version__}",
                        help=parser.words("cli_h_version"))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser, metavar="COMMAND",
                                title=parsers.heading("cli_commands", lang))
    for command in COMMANDS:
        child = sub.add_parser(command.name, help=parser.words(command.help_key), help_lang=lang)
        child.description = child.describe(command.help_key)
        if only is None or only == command.name:
            command.options(child)
    return parser

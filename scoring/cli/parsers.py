"""Every command's options and their help, in English and Chinese, and nothing that runs them.

Kept apart from the commands so that ``--help``, a wrong option and the choice of a command
import only the catalogue (scoring/core/presentation.py), never the engine, numpy, openpyxl or
the report writers: the registry (:mod:`scoring.cli.registry`) adds the one command's options
named on the command line, and imports the command's module only to run it.

Help texts are catalogue entries (``cli_h_*``). Without ``--lang`` each reads in English and
then in Chinese, one line each, as the errors do; with ``--lang zh|en`` in that language only.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from typing import NoReturn

from scoring.analysis.robustness_options import DEFAULT_DRAWS, DEFAULT_SEED, DEFAULT_SPREAD, DEFAULT_TOP_K
from scoring.analysis.robustness_options import METHODS as ROBUSTNESS_METHODS
from scoring.cli.common import UsageError, argparse_said
from scoring.core.presentation import Said, said
from scoring.core.reconcile import METHODS as RECONCILE_METHODS
from scoring.core.textlayout import display_width, wrap_text

#: argparse puts an option's help at this column at most (its ``max_help_position``).
HELP_COLUMN = 24
#: The narrowest a help text is wrapped to, however narrow the terminal.
MIN_HELP_WIDTH = 30


class ParserExit(Exception):
    """``--help`` or ``--version`` printed its text; end with this status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _lines(message: Said, lang: str | None, width: int) -> list[str]:
    """``message`` wrapped to ``width`` cells: in ``lang``, or in English and then Chinese."""
    return [line for part in message.lines(lang) for line in wrap_text(part, width, None)]


def _terminal_width() -> int:
    return shutil.get_terminal_size().columns - 2  # argparse's own width


def help_text(message: Said, lang: str | None) -> str:
    """An option's help as argparse prints it (its ``%`` doubled: argparse formats help with ``%``)."""
    width = max(MIN_HELP_WIDTH, _terminal_width() - HELP_COLUMN)
    return "\n".join(_lines(message, lang, width)).replace("%", "%%")


def heading(key: str, lang: str | None) -> str:
    """A heading of the help (``usage:``, ``options:``): in ``lang``, or ``options / 选项：``."""
    words = said(key)
    return words.text(lang) if lang else f"{words.en.rstrip(': ')} / {words.zh}"


class Parser(argparse.ArgumentParser):
    """argparse with the command line's refusals (a :class:`UsageError` in both languages, exit
    2) and its help in the language asked for (``help_lang``; None: English, then Chinese).

    The help is formatted by ``RawTextHelpFormatter`` from texts wrapped here by display width,
    so Chinese lines are not twice as wide as the terminal. An option is taken only by its whole
    name (``allow_abbrev`` off): argparse would read ``--o`` as ``--out``, so a typo or a
    half-remembered option could silently pick another one.
    """

    def __init__(self, *args, help_lang: str | None = None, **kwargs) -> None:
        kwargs["add_help"] = False
        kwargs["allow_abbrev"] = False
        kwargs.setdefault("formatter_class", argparse.RawTextHelpFormatter)
        super().__init__(*args, **kwargs)
        self.help_lang = help_lang
        self.add_argument("-h", "--help", action="help", help=self.words("cli_h_help"))

    def words(self, key: str, **fields: object) -> str:
        """The catalogue's text ``key`` as this parser's help shows it."""
        return help_text(said(key, **fields), self.help_lang)

    def describe(self, key: str) -> str:
        """A description (or epilog) as this parser's help shows it, wrapped to the terminal."""
        return "\n".join(_lines(said(key), self.help_lang, _terminal_width()))

    def format_help(self) -> str:
        lines = super().format_help().split("\n")
        english = said("cli_usage").en
        if lines and lines[0].startswith(english):
            prefix = heading("cli_usage", self.help_lang)
            lines[0] = prefix + lines[0][len(english):]
            shift = display_width(prefix) - len(english)  # the usage's next lines stay aligned
            for i in range(1, len(lines)):
                if not lines[i].startswith(" "):
                    break
                lines[i] = " " * shift + lines[i] if shift >= 0 else lines[i][-shift:]
        headings = {said(key).en: heading(key, self.help_lang) for key in ("cli_positionals", "cli_options")}
        return "\n".join(headings.get(line, line) for line in lines)

    def error(self, message: str) -> NoReturn:  # argparse would exit(2) with its own English
        raise UsageError(argparse_said(self.prog, message))

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:  # main() returns instead
        if message:
            print(message, file=sys.stderr, end="")
        raise ParserExit(status)


# --------------------------------------------------------------------------- options several commands take


def add_lang(parser: Parser, outputs: str = "", default: str = "zh") -> None:
    """``--lang zh|en``: the language of the messages, and of ``outputs`` when the command writes any.

    Without it, messages come in English and then Chinese and outputs in ``default``; the
    command line sets ``args.message_lang`` (None unless chosen) and ``args.lang`` (the outputs').
    """
    about = (parser.words("cli_h_lang_outputs", outputs=said(outputs), default=default) if outputs
             else parser.words("cli_h_lang"))
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help=about)
    parser.set_defaults(output_lang=default)


def add_full_paths(parser: Parser) -> None:
    """``--full-paths``: outputs name input files by their whole path (see scoring/core/shown_paths.py)."""
    parser.add_argument("--full-paths", action="store_true", help=parser.words("cli_h_full_paths"))


def add_workspace(parser: Parser, key: str = "cli_h_workspace", required: bool = True) -> None:
    parser.add_argument("--workspace", required=required, metavar="W.spw", help=parser.words(key))


def add_scheme_options(parser: Parser) -> None:
    """``--scheme``, ``--scheme-version``, ``--round``: which of a project's submissions."""
    parser.add_argument("--scheme", metavar="NAME", help=parser.words("cli_h_scheme"))
    parser.add_argument("--scheme-version", metavar="V", help=parser.words("cli_h_scheme_version"))
    parser.add_argument("--round", metavar="LABEL", help=parser.words("cli_h_round"))


def add_project_and_code(parser: Parser) -> None:
    parser.add_argument("project_id", metavar="PROJECT_ID", help=parser.words("cli_h_project_id"))
    parser.add_argument("code", metavar="CODE", help=parser.words("cli_h_code"))


# --------------------------------------------------------------------------- each command's options


def score(parser: Parser) -> None:
    words = parser.words
    parser.add_argument("--template", action="append", metavar="T.xlsx", help=words("cli_h_template"))
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help=words("cli_h_inputs"))
    add_workspace(parser, "cli_h_score_workspace", required=False)
    parser.add_argument("--round", metavar="LABEL", help=words("cli_h_score_round"))
    parser.add_argument("--out", metavar="RANKED.xlsx", help=words("cli_h_out_ranked"))
    parser.add_argument("--json", metavar="RESULT.json", help=words("cli_h_json"))
    parser.add_argument("--pdf", metavar="REPORT.pdf", help=words("cli_h_pdf"))
    add_lang(parser, "cli_h_of_reports")
    add_full_paths(parser)
    _robustness(parser)
    _sign_off(parser)


def _robustness(parser: Parser) -> None:
    """``--robustness`` and its settings (scoring/cli/robustness.py reads them)."""
    group = parser.add_argument_group(heading("cli_h_robustness_group", parser.help_lang))
    words = parser.words
    group.add_argument("--robustness", action="store_true", help=words("cli_h_robustness"))
    group.add_argument("--draws", metavar="N", help=words("cli_h_draws", n=f"{DEFAULT_DRAWS:,}"))
    group.add_argument("--spread", metavar="P", help=words("cli_h_spread", p=f"{DEFAULT_SPREAD:g}"))
    group.add_argument("--cutoff", metavar="K", help=words("cli_h_cutoff", k=DEFAULT_TOP_K))
    group.add_argument("--seed", metavar="S", help=words("cli_h_seed", seed=DEFAULT_SEED))
    either = Said(*(said("cli_h_or").text(lang).join(ROBUSTNESS_METHODS) for lang in ("en", "zh")))
    group.add_argument("--method", metavar="M", help=words("cli_h_method", methods=either))
    group.add_argument("--concentration", metavar="KAPPA", help=words("cli_h_concentration"))


def _sign_off(parser: Parser) -> None:
    """Who signs the report (scoring/core/report_settings.py reads them: ``settings_from_args``)."""
    group = parser.add_argument_group(heading("cli_h_sign_off_group", parser.help_lang),
                                      parser.describe("cli_h_sign_off_about"))
    words = parser.words
    group.add_argument("--org", metavar="NAME", help=words("cli_h_org"))
    group.add_argument("--doc-no", dest="doc_no", metavar="TEXT", help=words("cli_h_doc_no"))
    group.add_argument("--period", metavar="TEXT", help=words("cli_h_period"))
    group.add_argument("--assessor", metavar="NAME", help=words("cli_h_assessor"))
    group.add_argument("--reviewer", metavar="NAME", help=words("cli_h_reviewer"))
    group.add_argument("--approver", metavar="NAME", help=words("cli_h_approver"))


def form(parser: Parser) -> None:
    parser.add_argument("--template", required=True, metavar="T.xlsx",
                        help=parser.words("cli_h_form_template"))
    parser.add_argument("--out", required=True, metavar="FORM.xlsx", help=parser.words("cli_h_form_out"))
    add_lang(parser)


def validate(parser: Parser) -> None:
    parser.add_argument("--template", action="append", required=True, metavar="T.xlsx",
                        help=parser.words("cli_h_validate_template"))
    add_lang(parser)


def demo(parser: Parser) -> None:
    parser.add_argument("--out", required=True, metavar="DIR", help=parser.words("cli_h_demo_out"))
    add_lang(parser)


def selftest(parser: Parser) -> None:
    parser.add_argument("--full", action="store_true", help=parser.words("cli_h_selftest_full"))
    parser.add_argument("--out", metavar="DIR", help=parser.words("cli_h_selftest_out"))
    add_lang(parser)


def _score_of_a_criterion(parser: Parser, fraction: str, who: str, withdraw: str) -> None:
    """What ``assess`` and ``consensus`` share: where, what fraction, who, why, or a withdrawal
    (each help the catalogue's text ``fraction``, ``who``, ``withdraw``)."""
    words = parser.words
    add_workspace(parser)
    add_project_and_code(parser)
    parser.add_argument("fraction", nargs="?", metavar="FRACTION", help=words(fraction))
    parser.add_argument("--inspector", required=True, metavar="NAME", help=words(who))
    parser.add_argument("--reason", required=True, metavar="TEXT", help=words("cli_h_reason"))
    parser.add_argument("--withdraw", action="store_true", help=words(withdraw))


def assess(parser: Parser) -> None:
    _score_of_a_criterion(parser, "cli_h_fraction", "cli_h_inspector", "cli_h_withdraw")
    parser.add_argument("--author", metavar="NAME", help=parser.words("cli_h_author"))
    add_scheme_options(parser)
    add_lang(parser)


def history(parser: Parser) -> None:
    add_workspace(parser)
    parser.add_argument("project_id", metavar="PROJECT_ID", help=parser.words("cli_h_project_id"))
    add_scheme_options(parser)
    add_lang(parser)


def audit(parser: Parser) -> None:
    add_workspace(parser)
    parser.add_argument("--out", metavar="AUDIT.xlsx", help=parser.words("cli_h_audit_out"))
    add_full_paths(parser)
    add_lang(parser, "cli_h_of_audit", default="en")


def merge(parser: Parser) -> None:
    parser.add_argument("--into", required=True, metavar="MASTER.spw", help=parser.words("cli_h_into"))
    parser.add_argument("sources", nargs="+", metavar="W.spw", help=parser.words("cli_h_sources"))
    add_lang(parser)


def consensus(parser: Parser) -> None:
    _score_of_a_criterion(parser, "cli_h_agreed_fraction", "cli_h_supervisor", "cli_h_withdraw_consensus")
    add_scheme_options(parser)
    add_lang(parser)


def reconcile(parser: Parser) -> None:
    add_workspace(parser)
    parser.add_argument("--method", choices=RECONCILE_METHODS, help=parser.words("cli_h_reconcile_method"))
    parser.add_argument("--threshold", metavar="X", help=parser.words("cli_h_threshold"))
    add_lang(parser)


def explain(parser: Parser) -> None:
    words = parser.words
    parser.usage = ("%(prog)s PROJECT_ID (--workspace W.spw | --template T.xlsx ... INPUT ...) "
                    "[--scheme NAME] [--lang {zh,en}] [--json]")
    _take_positionals_between_options(parser)
    parser.add_argument("project_id", metavar="PROJECT_ID", help=words("cli_h_project_id"))
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help=words("cli_h_explain_inputs"))
    parser.add_argument("--template", action="append", metavar="T.xlsx", help=words("cli_h_templates"))
    add_workspace(parser, "cli_h_explain_workspace", required=False)
    parser.add_argument("--scheme", metavar="NAME", help=words("cli_h_scheme"))
    add_lang(parser, "cli_h_of_text")
    parser.add_argument("--json", action="store_true", help=words("cli_h_explain_json"))


def _take_positionals_between_options(parser: Parser) -> None:
    """Let ``explain P1 --template T.xlsx folder/`` work: argparse alone gives the inputs
    nothing once an option stands between them and the project ID, so this parser reads its
    arguments intermixed (which argparse supports for a parser without subcommands)."""

    # mypy cannot take a base class known only at run time (the subparser's own class)
    class Intermixed(type(parser)):  # type: ignore[misc]
        _mixing = False

        def parse_known_args(self, args=None, namespace=None):
            if self._mixing:  # parse_known_intermixed_args calls back here
                return super().parse_known_args(args, namespace)
            self._mixing = True
            try:
                return self.parse_known_intermixed_args(args, namespace)
            finally:
                self._mixing = False

    parser.__class__ = Intermixed


def track(parser: Parser) -> None:
    words = parser.words
    add_workspace(parser)
    parser.add_argument("--scheme", metavar="NAME", help=words("cli_h_track_scheme"))
    parser.add_argument("--json", metavar="OUT.json", help=words("cli_h_track_json"))
    parser.add_argument("--out", metavar="OUT.xlsx", help=words("cli_h_track_out"))
    parser.add_argument("--pdf", metavar="OUT.pdf", help=words("cli_h_track_pdf"))
    add_lang(parser, "cli_h_of_reports")

"""The headless command line: ``python main.py score|form|validate|demo|selftest``, the
workspace commands ``assess|history|audit|merge|consensus|reconcile``
(``scoring/cli/workspace.py``) and ``explain`` (``scoring/cli/explain.py``).

Exit codes: 0 every input scored; 3 some inputs were rejected (the rest still scored and
written); 2 bad usage or an invalid template. No path through here shows a traceback: an
unexpected error is reported in one line and logged with its details.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

from scoring import __version__
from scoring.cli import explain as cli_explain
from scoring.cli import robustness as cli_robustness
from scoring.cli import selftest
from scoring.cli import tracking as cli_tracking
from scoring.cli import workspace as cli_workspace
from scoring.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_USAGE,
    UsageError,
    add_full_paths_option,
    add_lang_option,
    check_inputs_exist,
    print_error,
    writable_path,
)
from scoring.core.shown_paths import input_folders, shown_result
from scoring.core.textclean import clean_text, with_clean_names
from scoring.io.atomic import OutputError, write_text
from scoring.io.pipeline import AssessmentRun, load_schemes, scan_inputs, score_files
from scoring.io.safe_read import assert_defused_xml
from scoring.io.template import TemplateError, load_template, synergy_balance_warnings
from scoring.workspace.facade import WorkspaceError
from scoring.workspace.records import plural

log = logging.getLogger("synergypilot")


class _ParserExit(Exception):
    """``--help`` or ``--version`` printed its text; end with this status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse would exit(2) with its own wording
        raise UsageError(f"{self.prog}: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:  # main() returns instead
        if message:
            print(message, file=sys.stderr, end="")
        raise _ParserExit(status)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="synergypilot", description="Assess pollution–carbon synergy pilots.")
    parser.add_argument("--version", action="version", version=f"SynergyPilot {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    score = sub.add_parser("score", help="score submissions and rank them")
    score.add_argument("--template", action="append", metavar="T.xlsx",
                       help="a scheme template (repeat for several; optional with --workspace)")
    score.add_argument("inputs", nargs="*", metavar="INPUT", help="submission files or folders")
    score.add_argument("--workspace", metavar="W.spw",
                       help="import into this workspace (created if needed) and score everything it holds")
    score.add_argument("--round", metavar="LABEL",
                       help="with --workspace: the assessment round to import into (created if new) and to "
                            "score; by default each submission goes to the round of its year, and the "
                            "latest round is scored")
    score.add_argument("--out", metavar="RANKED.xlsx", help="write the ranked workbook here")
    score.add_argument("--json", metavar="RESULT.json",
                       help="write the full result as JSON here ('-': to standard output)")
    score.add_argument("--pdf", metavar="REPORT.pdf", help="write the PDF report here")
    add_lang_option(score, "the workbook and PDF report")
    add_full_paths_option(score)
    cli_robustness.add_arguments(score)
    from scoring.core.report_settings import add_arguments as add_sign_off_arguments

    add_sign_off_arguments(score)

    form = sub.add_parser("form", help="write a blank submission form for a scheme")
    form.add_argument("--template", required=True, metavar="T.xlsx")
    form.add_argument("--out", required=True, metavar="FORM.xlsx")

    validate = sub.add_parser("validate", help="check a template and list its problems")
    validate.add_argument("--template", action="append", required=True, metavar="T.xlsx",
                          help="a template to check (repeat for several)")

    demo = sub.add_parser("demo", help="write the demo submissions")
    demo.add_argument("--out", required=True, metavar="DIR")

    cli_workspace.add_commands(sub)
    cli_explain.add_command(sub)
    selftest.add_command(sub)
    cli_tracking.add_command(sub)
    return parser


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
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    _log_to_file()
    lang = None  # the language of messages, when the command was given one (--lang)
    try:
        assert_defused_xml()
        args = build_parser().parse_args(argv)
        lang = args.message_lang = getattr(args, "lang", None)
        if lang is None and hasattr(args, "output_lang"):
            args.lang = args.output_lang  # outputs in the command's default language
        return COMMANDS[args.command](args)
    except _ParserExit as exc:
        return exc.status
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except TemplateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except WorkspaceError as exc:
        print_error(exc.message, exc.message_zh, lang)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading: not an error
        _silence_stdout()
        return EXIT_OK
    except OutputError as exc:
        print_error(exc.message, exc.message_zh, lang)
        return EXIT_USAGE
    except Exception as exc:  # the promise: never a traceback to a user
        log.exception("unexpected error")
        details = f" (details in {log_path()})" if log_path().exists() else ""
        print(f"error: unexpected {type(exc).__name__}: {exc}{details}", file=sys.stderr)
        return EXIT_FAILED


def _silence_stdout() -> None:
    """Point standard output at the null device, so that Python's final flush of what is left
    in its buffer does not fail again on the closed pipe ("Exception ignored ... BrokenPipeError")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def command_score(args) -> int:
    if args.json != "-":
        return _score(args, writable_path(args.json, "--json") if args.json else None)
    # --json -: the JSON alone on standard output, for a pipe; everything else to stderr. The
    # JSON is data, written as it is (json.dumps escapes control characters itself).
    stdout = getattr(sys.stdout, "stream", sys.stdout)
    with contextlib.redirect_stdout(sys.stderr):
        return _score(args, stdout)


def _score(args, json_out) -> int:
    """score's work; ``json_out`` is a file, a stream or None."""
    check_inputs_exist((args.template or []) + args.inputs)
    out = writable_path(args.out, "--out") if args.out else None
    pdf_out = writable_path(args.pdf, "--pdf") if args.pdf else None
    robustness = cli_robustness.options_from(args)  # refused before any file is read
    if args.workspace:
        result, stored = cli_workspace.score_into_workspace(args)
    elif args.round:
        raise UsageError("--round needs --workspace W.spw: rounds are kept in a workspace")
    elif not args.template or not args.inputs:
        raise UsageError("give at least one --template T.xlsx and one INPUT file or folder "
                         "(or --workspace W.spw to score what a workspace holds)")
    else:
        schemes = load_schemes(args.template)
        cli_robustness.check_schemes(schemes, robustness)
        files, skipped = scan_inputs(args.inputs)
        result = score_files(schemes, files)
        result.skipped = skipped
        stored = None
    from scoring.core.report_settings import settings_from_args

    sign_off = settings_from_args(args, stored)
    _report(result)
    studies = cli_robustness.run_studies(result, robustness)
    shown = with_clean_names(result)  # what the workbook and PDF print (scoring/core/textclean.py)
    if out is not None:
        from scoring.reports.workbook import write_ranked_workbook

        write_ranked_workbook(shown, out, lang=args.lang, robustness=studies, settings=sign_off)
        print(f"ranked workbook: {out}")
    if pdf_out is not None:
        from scoring.reports.pdf import write_pdf_report

        write_pdf_report(shown, pdf_out, lang=args.lang, robustness=studies, settings=sign_off)
        print(f"PDF report: {pdf_out}")
    if json_out is not None:
        folders = input_folders(args.inputs)
        data = shown_result(cli_robustness.json_with(result, studies), folders, full_paths=args.full_paths)
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if isinstance(json_out, Path):
            write_text(json_out, text + "\n")
            print(f"JSON result: {json_out}")
        else:
            _write_stream(json_out, text + "\n")
    return EXIT_REJECTED if result.rejected else EXIT_OK


def _write_stream(stream, text: str) -> None:
    """Write to standard output; a closed pipe ends quietly, any other failure is named."""
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError("standard output", exc.errno, exc.strerror or str(exc)) from exc


def _report(result: AssessmentRun) -> None:
    if result.round:
        print(f"assessment round {result.round}")
    for scheme in result.schemes:
        projects = result.projects_of(scheme)
        print(f"{scheme.name} {scheme.version} ({scheme.level}): {plural(len(projects), 'project')} scored")
        for p in projects[:3]:
            print(f"  {p.rank:>3}. {p.project_id} {p.name}  {p.total:.2f}  {p.grade}")
    for r in result.rejected:
        print(f"rejected [{r.reason}] {r.message}", file=sys.stderr)
    for s in result.skipped:
        print(f"skipped {s.message}", file=sys.stderr)
    scored, rejected = plural(len(result.projects), "project"), plural(len(result.rejected), "input")
    not_read = f", {plural(len(result.skipped), 'file')} in the folders not read" if result.skipped else ""
    print(f"{scored} scored, {rejected} rejected{not_read}")


def command_validate(args) -> int:
    """Check every template given; each is reported, valid or with its problems."""
    check_inputs_exist(args.template)
    code = EXIT_OK
    for path in args.template:
        try:
            scheme = load_template(path)
        except TemplateError as exc:
            print(f"error: {exc}", file=sys.stderr)
            code = EXIT_USAGE
            continue
        kinds: dict[str, int] = {}
        for c in scheme.criteria:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
        counts = ", ".join(f"{n} {k}" for k, n in kinds.items())
        print(f"{path}: valid — {scheme.name} {scheme.version} ({scheme.level}), "
              f"{len(scheme.criteria)} criteria ({counts}), {len(scheme.dimensions)} dimensions")
        for warning in synergy_balance_warnings(scheme):  # advice on the method: never a failure
            print(f"warning: {path}: {warning.message}")
    return code


def command_form(args) -> int:
    from scoring.io.form import write_blank_form

    check_inputs_exist([args.template])
    scheme = load_template(args.template)
    out = writable_path(args.out, "--out")
    write_blank_form(scheme, out)
    print(f"blank form for {scheme.name} {scheme.version}: {out}")
    return EXIT_OK


def command_demo(args) -> int:
    from scoring.build.demo import write_demo
    from scoring.build.demo_rounds import FOLDER, write_second_round

    paths = write_demo(Path(args.out))
    later = write_second_round(Path(args.out))
    print(f"{len(paths)} demo files written under {args.out}, and {len(later)} forms of the pilots' next "
          f"assessment round under {Path(args.out) / FOLDER}")
    return EXIT_OK


#: The command registry: each sub-command's handler, by the name its parser is added under
#: (test_cli checks that the two lists agree).
COMMANDS = {
    "score": command_score,
    "form": command_form,
    "validate": command_validate,
    "demo": command_demo,
    "selftest": selftest.command_selftest,
    **cli_workspace.COMMANDS,
    **cli_explain.COMMANDS,
    **cli_tracking.COMMANDS,
}

"""``score``: score submissions (files, folders or a workspace), print the ranking's summary and
write the ranked workbook, the PDF report and the JSON asked for.

The summary says what a person needs to trust the run: per scheme the projects scored and the
top three, each refused file and why, the files of a folder not read, and the pilots that sent a
second file (a workspace keeps the later one as a new version; a run from files keeps the first
and refuses the second).
"""

from __future__ import annotations

import contextlib
import itertools
import sys
from collections.abc import Iterable
from pathlib import Path

from scoring.cli import robustness as cli_robustness
from scoring.cli import workspace as cli_workspace
from scoring.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    UsageError,
    check_inputs_exist,
    in_both,
    say,
    writable_path,
)
from scoring.core.presentation import (
    Said,
    counted,
    grade_label,
    level_label,
    reason_label,
    rejection_text,
    said,
    scheme_label,
)
from scoring.core.report_settings import settings_from_args
from scoring.core.shown_paths import input_folders, shown_result
from scoring.core.textclean import with_clean_names
from scoring.io.atomic import OutputError, write_pieces
from scoring.io.json_stream import json_pieces
from scoring.io.pipeline import AssessmentRun, load_schemes, scan_inputs, score_files
from scoring.workspace.records import ImportReport, StoredSubmission

#: Projects shown per scheme in the summary (the outputs list all).
TOP = 3


def command_score(args) -> int:
    """``score``: exit 0 when every input scored, 3 when some were rejected."""
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
    imported = ImportReport()
    if args.workspace:
        result, stored, imported = cli_workspace.score_into_workspace(args)
    elif args.round:
        raise UsageError(said("cli_round_needs_workspace"))
    elif not args.template or not args.inputs:
        raise UsageError(said("cli_score_needs_inputs"))
    else:
        schemes = load_schemes(args.template)
        cli_robustness.check_schemes(schemes, robustness)
        files, skipped = scan_inputs(args.inputs)
        result = score_files(schemes, files)
        result.skipped = skipped
        stored = None
    sign_off = settings_from_args(args, stored)
    print_summary(result, imported.resubmitted, args.message_lang)
    studies = cli_robustness.run_studies(result, robustness, args.message_lang)
    shown = with_clean_names(result)  # what the workbook and PDF print (scoring/core/textclean.py)
    if out is not None:
        from scoring.reports.workbook import write_ranked_workbook

        write_ranked_workbook(shown, out, lang=args.lang, robustness=studies, settings=sign_off)
        say("cli_wrote_ranked", args.message_lang, path=out)
    if pdf_out is not None:
        from scoring.reports.pdf.report import write_pdf_report

        write_pdf_report(shown, pdf_out, lang=args.lang, robustness=studies, settings=sign_off)
        say("cli_wrote_pdf", args.message_lang, path=pdf_out)
    if json_out is not None:
        folders = input_folders(args.inputs)
        data = shown_result(cli_robustness.json_with(result, studies), folders, full_paths=args.full_paths)
        text = itertools.chain(json_pieces(data), ["\n"])  # project by project: never the whole text
        if isinstance(json_out, Path):
            write_pieces(json_out, text)
            say("cli_wrote_json", args.message_lang, path=json_out)
        else:
            _write_stream(json_out, text)
    return EXIT_REJECTED if result.rejected else EXIT_OK


def _write_stream(stream, pieces: Iterable[str]) -> None:
    """Write to standard output; a closed pipe ends quietly, any other failure is named."""
    try:
        for piece in pieces:
            stream.write(piece)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError("standard output", exc.errno, exc.strerror or str(exc)) from exc


def print_summary(result: AssessmentRun, resubmitted: list[StoredSubmission], lang: str | None) -> None:
    """The run in a few lines: per scheme its count and top three, every refusal and file not
    read (on standard error), the totals, and the pilots that sent a second file."""
    if result.round:
        say("cli_round", lang, round=result.round)
    for scheme in result.schemes:
        projects = result.projects_of(scheme)
        say("cli_scheme_scored", lang, scheme=in_both(scheme_label, scheme), version=scheme.version,
            level=in_both(level_label, scheme.level), projects=counted(len(projects), "project"))
        for p in projects[:TOP]:
            say("cli_top_project", lang, rank=p.rank, project=p.project_id, name=p.name,
                total=f"{p.total:.2f}", grade=in_both(grade_label, p.grade))
    for r in result.rejected:
        reason = Said(r.reason, reason_label(r.reason, "zh") or r.reason)
        say("cli_rejected", lang, stream=sys.stderr, reason=reason, message=in_both(rejection_text, r))
    for s in result.skipped:
        say("cli_skipped", lang, stream=sys.stderr, message=Said(s.text("en"), s.text("zh")))
    not_read = said("cli_not_read", files=counted(len(result.skipped), "file")) if result.skipped else ""
    say("cli_score_totals", lang, projects=counted(len(result.projects), "project"),
        rejected=counted(len(result.rejected), "input"), not_read=not_read)
    _print_second_files(result, resubmitted, lang)


def _print_second_files(result: AssessmentRun, resubmitted: list[StoredSubmission], lang: str | None) -> None:
    """Pilots that sent a second file: replaced in a workspace (the later file is a new
    version), refused in a run from files (the first is kept)."""
    if resubmitted:
        versions = [said("cli_project_version", project=s.project_id, version=s.version) for s in resubmitted]
        which = Said(", ".join(v.en for v in versions), "、".join(v.zh for v in versions))
        key = "cli_1_replaced" if len(resubmitted) == 1 else "cli_n_replaced"
        say(key, lang, n=len(resubmitted), which=which)
    second = [Path(r.file).name for r in result.rejected if r.reason == "duplicate_project"]
    if second:
        which = Said(", ".join(second), "、".join(second))
        key = "cli_1_second_file" if len(second) == 1 else "cli_n_second_files"
        say(key, lang, n=len(second), which=which)

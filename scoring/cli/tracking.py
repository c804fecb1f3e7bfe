"""The command line's ``track``: pilots across the assessment rounds of a workspace (issue 20).

``python main.py track --workspace W.spw [--scheme NAME] [--json OUT.json] [--out OUT.xlsx]
[--pdf OUT.pdf] [--lang zh|en]`` scores every round, prints for each scheme which pilots' totals
rose or fell from the first round to the latest, and writes the JSON (``projects``: per project
its ``rounds`` with total, grade, rank, D and provisional, ``null`` where it was not assessed,
and ``change_total``), the Tracking workbook and the tracking PDF.
"""

from __future__ import annotations

import json
import sys

from scoring.analysis.tracking import SchemeTracking, Tracking, track_workspace
from scoring.cli.common import UsageError, print_said, say, writable_path
from scoring.core.presentation import Said, counted, joined, said
from scoring.io.atomic import OutputError, output_error
from scoring.workspace.facade import Workspace

#: Projects listed per scheme in the terminal (the outputs hold all).
MAX_LINES = 20


def command_track(args) -> int:
    """``track``: score every round, print the changes, write the outputs asked for."""
    outputs = {key: writable_path(getattr(args, key), f"--{key}") for key in ("out", "pdf")
               if getattr(args, key)}
    json_out = writable_path(args.json, "--json") if args.json and args.json != "-" else None
    with Workspace.open(args.workspace) as workspace:
        workspace.check_stored()  # damaged rows reported as every command does
        tracking = track_workspace(workspace, args.scheme)
        if args.scheme and not tracking.schemes:
            names = ", ".join(dict.fromkeys(s.name for s in workspace.schemes()))
            raise UsageError(said("cli_track_no_scheme", scheme=args.scheme, name=workspace.path.name,
                                  schemes=names or said("no_value")))
    lang = args.message_lang
    stream = sys.stderr if args.json == "-" else sys.stdout
    print_tracking(tracking, stream, lang)
    try:
        if "out" in outputs:
            from scoring.reports.tracking_export import write_tracking_workbook

            write_tracking_workbook(tracking, outputs["out"], lang=args.lang)
            say("cli_wrote_tracking_workbook", lang, stream=stream, path=outputs["out"])
        if "pdf" in outputs:
            from scoring.reports.pdf.tracking import write_tracking_pdf

            write_tracking_pdf(tracking, outputs["pdf"], lang=args.lang)
            say("cli_wrote_tracking_pdf", lang, stream=stream, path=outputs["pdf"])
        if args.json:
            data = json.dumps(tracking.as_dict(), ensure_ascii=False, indent=1)
            if json_out is None:
                print(data)
            else:
                from scoring.io.atomic import replacing

                with replacing(json_out) as temporary:
                    temporary.write_text(data, encoding="utf-8")
                say("cli_wrote_tracking_json", lang, stream=stream, path=json_out)
    except (BrokenPipeError, OutputError):  # OutputError names the file, in both languages
        raise
    except OSError as exc:  # OutputError says it in both languages, with the file
        raise output_error(exc.filename or "", exc) from exc
    return 0


def print_tracking(tracking: Tracking, stream, lang: str | None = None) -> None:
    """Rounds, then per scheme the projects whose total changed most from first to latest."""
    rounds = [said("cli_track_round", label=r.label, year=r.year or said("cli_no_year"))
              for r in tracking.rounds]
    say("cli_track_rounds", lang, stream=stream, rounds=joined(rounds) if rounds else said("no_value"))
    if len(tracking.rounds) < 2:
        say("cli_track_one_round", lang, stream=stream)
    for scheme in tracking.schemes:
        _print_scheme(scheme, stream, lang)


def _print_scheme(scheme: SchemeTracking, stream, lang: str | None) -> None:
    say("cli_track_scheme", lang, stream=stream, scheme=scheme.scheme,
        projects=counted(len(scheme.projects), "project"))
    if scheme.version_changed:
        print_said(Said(*(f"  {scheme.basis(each)}" for each in ("en", "zh"))), lang, file=stream)
    if len(scheme.rounds) < 2:
        return
    first, last = scheme.rounds[0].label, scheme.rounds[-1].label
    changed = sorted(((t.change_total, t) for t in scheme.projects if t.change_total is not None),
                     key=lambda pair: (-pair[0], pair[1].project_id))
    rose = sum(1 for change, _ in changed if change > 0)
    say("cli_track_moves", lang, stream=stream, first=first, last=last, rose=rose,
        fell=sum(1 for change, _ in changed if change < 0), missing=len(scheme.projects) - len(changed))
    for change, track in changed[:MAX_LINES]:
        totals = "  ".join("—" if p is None else f"{p.compared_total:.2f}" for p in track.points)
        print(f"  {change:+7.2f}  {track.project_id:<14} {totals}", file=stream)
    if len(changed) > MAX_LINES:
        say("cli_track_more", lang, stream=stream, n=len(changed) - MAX_LINES)


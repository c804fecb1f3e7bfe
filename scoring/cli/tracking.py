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
from scoring.cli.common import UsageError, add_lang_option, writable_path
from scoring.io.atomic import OutputError
from scoring.workspace.facade import Workspace

#: Projects listed per scheme in the terminal (the outputs hold all).
MAX_LINES = 20


def add_command(sub) -> None:
    """Add ``track`` to the CLI's subcommand parsers."""
    track = sub.add_parser("track", help="follow pilots across assessment rounds: changes, ranks, grades")
    track.add_argument("--workspace", required=True, metavar="W.spw")
    track.add_argument("--scheme", metavar="NAME", help="only this scheme (default: every scheme)")
    track.add_argument("--json", metavar="OUT.json",
                       help="write the tracking as JSON here ('-': standard output)")
    track.add_argument("--out", metavar="OUT.xlsx", help="write the Tracking workbook here")
    track.add_argument("--pdf", metavar="OUT.pdf", help="write the tracking PDF here")
    add_lang_option(track, "the workbook and PDF")


def command_track(args) -> int:
    """``track``: score every round, print the changes, write the outputs asked for."""
    outputs = {key: writable_path(getattr(args, key), f"--{key}") for key in ("out", "pdf")
               if getattr(args, key)}
    json_out = writable_path(args.json, "--json") if args.json and args.json != "-" else None
    with Workspace.open(args.workspace) as workspace:
        workspace.check_stored()  # damaged rows reported as every command does
        tracking = track_workspace(workspace, args.scheme)
        if args.scheme and not tracking.schemes:
            names = ", ".join(dict.fromkeys(s.name for s in workspace.schemes())) or "none"
            raise UsageError(
                f"no projects of a scheme {args.scheme!r} in {workspace.path.name} (schemes: {names})"
            )
    stream = sys.stderr if args.json == "-" else sys.stdout
    print_tracking(tracking, stream)
    try:
        if "out" in outputs:
            from scoring.reports.tracking_export import write_tracking_workbook

            write_tracking_workbook(tracking, outputs["out"], lang=args.lang)
            print(f"Tracking workbook: {outputs['out']}", file=stream)
        if "pdf" in outputs:
            from scoring.reports.tracking_report import write_tracking_pdf

            write_tracking_pdf(tracking, outputs["pdf"], lang=args.lang)
            print(f"tracking PDF: {outputs['pdf']}", file=stream)
        if args.json:
            data = json.dumps(tracking.as_dict(), ensure_ascii=False, indent=1)
            if json_out is None:
                print(data)
            else:
                from scoring.io.atomic import replacing

                with replacing(json_out) as temporary:
                    temporary.write_text(data, encoding="utf-8")
                print(f"JSON tracking: {json_out}", file=stream)
    except (BrokenPipeError, OutputError):  # OutputError names the file, in both languages
        raise
    except OSError as exc:
        raise UsageError(f"cannot write {exc.filename}: {exc.strerror}")
    return 0


def print_tracking(tracking: Tracking, stream) -> None:
    """Rounds, then per scheme the projects whose total changed most from first to latest."""
    rounds = ", ".join(f"{r.label} ({r.year or 'no year'})" for r in tracking.rounds) or "none"
    print(f"assessment rounds: {rounds}", file=stream)
    if len(tracking.rounds) < 2:
        print("one round only: import the next round's forms (score --workspace W FOLDER) to compare",
              file=stream)
    for scheme in tracking.schemes:
        _print_scheme(scheme, stream)


def _print_scheme(scheme: SchemeTracking, stream) -> None:
    print(f"{scheme.scheme}: {len(scheme.projects)} projects", file=stream)
    if scheme.version_changed:
        print(f"  {scheme.basis()}", file=stream)
    if len(scheme.rounds) < 2:
        return
    first, last = scheme.rounds[0].label, scheme.rounds[-1].label
    changed = sorted((t for t in scheme.projects if t.change_total is not None),
                     key=lambda t: (-t.change_total, t.project_id))
    rose = sum(1 for t in changed if t.change_total > 0)
    print(f"  {first} → {last}: {rose} rose, {sum(1 for t in changed if t.change_total < 0)} fell, "
          f"{len(scheme.projects) - len(changed)} not in both rounds", file=stream)
    for track in changed[:MAX_LINES]:
        totals = "  ".join("—" if p is None else f"{p.compared_total:.2f}" for p in track.points)
        print(f"  {track.change_total:+7.2f}  {track.project_id:<14} {totals}", file=stream)
    if len(changed) > MAX_LINES:
        print(f"  … and {len(changed) - MAX_LINES} more (the JSON, workbook and PDF list all)", file=stream)


COMMANDS = {"track": command_track}

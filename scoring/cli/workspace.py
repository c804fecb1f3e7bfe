"""The command line's workspace commands: ``score --workspace``, ``assess``, ``history``, ``audit``,
and for several inspectors (issue 9) ``merge``, ``consensus`` and ``reconcile``.

Kept apart from ``cli.py`` so that file only gains a few hooks. Every failure here is a
``WorkspaceError`` (or ``UsageError``) with a sentence saying what to do; ``cli.main`` prints it
and exits with 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scoring.cli.common import UsageError, add_full_paths_option, add_lang_option, print_said
from scoring.core.presentation import said
from scoring.core.reconcile import METHODS, describe, disagreement_rows
from scoring.core.report_settings import ReportSettings
from scoring.core.values import normalise_text
from scoring.io.pipeline import AssessmentRun, load_schemes
from scoring.reports.audit_workbook import export_audit
from scoring.workspace.facade import ImportReport, Workspace, format_time, shown
from scoring.workspace.merge import merge

#: At most this many lines per kind of import outcome; the rest are counted.
MAX_LINES = 20


def add_commands(sub) -> None:
    """Add ``assess``, ``history`` and ``audit`` to the CLI's subcommand parsers."""
    assess = sub.add_parser("assess", help="record an inspector's manual score or override, or withdraw it")
    assess.add_argument("--workspace", required=True, metavar="W.spw")
    assess.add_argument("project_id", metavar="PROJECT_ID")
    assess.add_argument("code", metavar="CODE", help="the criterion code")
    assess.add_argument(
        "fraction", nargs="?", metavar="FRACTION", help="the fraction from 0 to 1 (not with --withdraw)"
    )
    assess.add_argument("--inspector", required=True, metavar="NAME", help="who scores (or withdraws)")
    assess.add_argument("--reason", required=True, metavar="TEXT", help="why; required")
    assess.add_argument(
        "--withdraw", action="store_true", help="withdraw the inspector's active score instead"
    )
    assess.add_argument(
        "--author", metavar="NAME", help="with --withdraw: whose score (default: the inspector's)"
    )
    _scheme_options(assess)
    add_lang_option(assess)

    history = sub.add_parser("history", help="list a project's submission versions and their differences")
    history.add_argument("--workspace", required=True, metavar="W.spw")
    history.add_argument("project_id", metavar="PROJECT_ID")
    _scheme_options(history)
    add_lang_option(history)

    audit = sub.add_parser("audit", help="list the audit log, or export it to a workbook")
    audit.add_argument("--workspace", required=True, metavar="W.spw")
    audit.add_argument("--out", metavar="AUDIT.xlsx", help="write the log to this workbook (else print it)")
    add_full_paths_option(audit)
    add_lang_option(audit, "the exported workbook", default="en")
    _add_reconcile_commands(sub)


def _add_reconcile_commands(sub) -> None:
    """``merge``, ``consensus`` and ``reconcile``: several inspectors' workspaces and scores."""
    merge = sub.add_parser("merge", help="merge inspectors' workspaces into a master workspace")
    merge.add_argument("--into", required=True, metavar="MASTER.spw", help="created if it does not exist")
    merge.add_argument("sources", nargs="+", metavar="W.spw", help="the workspaces to merge (only read)")
    add_lang_option(merge)

    consensus = sub.add_parser(
        "consensus", help="record a supervisor's consensus on a criterion several inspectors scored"
    )
    consensus.add_argument("--workspace", required=True, metavar="W.spw")
    consensus.add_argument("project_id", metavar="PROJECT_ID")
    consensus.add_argument("code", metavar="CODE", help="the criterion code")
    consensus.add_argument(
        "fraction", nargs="?", metavar="FRACTION", help="the agreed fraction, 0 to 1 (not with --withdraw)"
    )
    consensus.add_argument("--inspector", required=True, metavar="NAME", help="the supervisor")
    consensus.add_argument("--reason", required=True, metavar="TEXT", help="why; required")
    consensus.add_argument(
        "--withdraw", action="store_true", help="withdraw the consensus (the median or mean applies again)"
    )
    _scheme_options(consensus)
    add_lang_option(consensus)

    reconcile = sub.add_parser(
        "reconcile", help="list criteria several inspectors scored; set median or mean and the threshold"
    )
    reconcile.add_argument("--workspace", required=True, metavar="W.spw")
    reconcile.add_argument("--method", choices=METHODS, help="score used until a consensus (stored in W)")
    reconcile.add_argument(
        "--threshold", metavar="X", help="a spread above X (0 to 1) is a disagreement (stored in W)"
    )
    add_lang_option(reconcile)


def _scheme_options(parser) -> None:
    parser.add_argument("--scheme", metavar="NAME", help="the scheme, when the project is in several")
    parser.add_argument("--scheme-version", metavar="V", help="the scheme's version, when several are stored")
    parser.add_argument(
        "--round", metavar="LABEL", help="the assessment round (default: the latest the project is in)"
    )


# --------------------------------------------------------------------------- score --workspace


def score_into_workspace(args) -> tuple[AssessmentRun, ReportSettings]:
    """Store the templates and inputs in the workspace, then score everything it holds.

    Returns the run and the workspace's report settings (who signs). The run's ``rejected``
    lists this import's refused files, so the exit code and JSON mean the same as without a
    workspace.
    """
    path = Path(args.workspace)
    if args.template:
        load_schemes(args.template)  # every template problem reported before the file is touched
    elif not path.exists():
        raise UsageError(f"{path} does not exist yet; add --template T.xlsx to create it with a scheme")
    changes = bool(args.template or args.inputs)
    # only rescoring: a workspace another instance holds can still be read and scored
    with Workspace.open(path, create=True, read_only=False if changes else None) as workspace:
        workspace.check_stored()  # every command says the same of a damaged one
        if args.template:
            workspace.add_templates(args.template)
        report = workspace.import_files(args.inputs, round=args.round) if args.inputs else ImportReport()
        if changes:
            print_import_report(workspace, report)
        elif workspace.read_only:
            print_said(said("ws_opened_read_only", name=workspace.path.name, reason=workspace.read_only_said),
                       args.message_lang)
        result = workspace.score(record=True, round=args.round)
        settings = workspace.report_settings()
    result.rejected = list(report.rejected)
    result.skipped = list(report.skipped)  # what the import's folder scan left out
    return result, settings


def print_import_report(workspace: Workspace, report: ImportReport) -> None:
    """What the import did: counts, then each new version with its differences."""
    print(f"workspace {workspace.path.name}: {report.summary()}")
    for item in report.resubmitted[:MAX_LINES]:
        print(
            f"  resubmitted {item.project_id} ({item.scheme} {item.scheme_version}) "
            f"as version {item.version} from {Path(item.source).name}"
        )
        for change in item.changes:
            print(f"      {change.describe()}")
    for same in report.unchanged[:MAX_LINES]:
        print(f"  unchanged: {same.message}")
    hidden = max(0, len(report.resubmitted) - MAX_LINES) + max(0, len(report.unchanged) - MAX_LINES)
    if hidden:
        print(f"  … and {hidden} more (python main.py history --workspace {workspace.path.name} PROJECT_ID)")


# --------------------------------------------------------------------------- assess


def _fraction(text: str | None) -> float:
    if text is None:
        raise UsageError("give the FRACTION (from 0 to 1, e.g. 0.65), or --withdraw")
    try:
        return float(normalise_text(text))
    except ValueError:
        raise UsageError(f"FRACTION must be a number from 0 to 1 (e.g. 0.65), found {text!r}")


def command_assess(args) -> int:
    """``assess``: record a manual score or override, or withdraw one."""
    if args.withdraw and args.fraction is not None:
        raise UsageError("--withdraw takes no FRACTION; leave it out")
    if args.author and not args.withdraw:
        raise UsageError("--author only goes with --withdraw")
    fraction = None if args.withdraw else _fraction(args.fraction)
    where = {"scheme": args.scheme, "scheme_version": args.scheme_version, "round": args.round}
    with Workspace.open(args.workspace, read_only=False) as workspace:
        workspace.check_stored()  # every command says the same of a damaged one
        if args.withdraw:
            record = workspace.withdraw(
                args.project_id,
                args.code,
                inspector=args.inspector,
                reason=args.reason,
                author=args.author,
                **where,
            )
            print(
                f"withdrawn: {record.inspector}'s {record.kind.replace('manual', 'manual score')} "
                f"{record.fraction:g} of {record.code} for {record.project_id} ({record.scheme} "
                f"{record.scheme_version}), by {args.inspector.strip()}: {args.reason.strip()}"
            )
        else:
            record = workspace.assess(
                args.project_id, args.code, fraction, inspector=args.inspector, reason=args.reason, **where
            )
            what = "manual score" if record.kind == "manual" else "override"
            print(
                f"recorded: {what} of {record.code} for {record.project_id} ({record.scheme} "
                f"{record.scheme_version}) = {record.fraction:g} by {record.inspector}: {record.reason}"
            )
    return 0


# --------------------------------------------------------------------------- history and audit


def command_history(args) -> int:
    """``history``: every version of a project's submission and what changed."""
    with Workspace.open(args.workspace) as workspace:
        workspace.check_stored()  # every command says the same of a damaged one
        versions = workspace.history(args.project_id, scheme=args.scheme, scheme_version=args.scheme_version)
    if args.round:
        wanted = normalise_text(args.round).casefold()
        versions = [v for v in versions if v.round.casefold() == wanted]
        if not versions:
            raise UsageError(f"project {args.project_id} has no submission in the round {args.round!r}")
    current = None
    for version in versions:
        if (version.scheme, version.scheme_version, version.round) != current:
            current = (version.scheme, version.scheme_version, version.round)
            print(f"{version.project_id} in {version.scheme} {version.scheme_version}, round {version.round}")
        print(
            f"  version {version.version}  {format_time(version.imported_at)}  {Path(version.source).name}  "
            f"(sha256 {version.file_sha256[:12]}…, imported by {version.imported_by})"
        )
        if version.version > 1 and not version.changes:
            print("      no differences in the criteria")
        if version.changes:
            print(f"      {'criterion':<12} {'old value':<20} new value")
        for change in version.changes:
            what = f"{change.code} {change.field}" if change.code else change.field
            print(f"      {what:<12} {shown(change.old):<20} {shown(change.new)}")
    return 0


def command_audit(args) -> int:
    """``audit``: print the audit log, or export it with ``--out``."""
    with Workspace.open(args.workspace) as workspace:
        workspace.check_stored()  # every command says the same of a damaged one
        if args.out:
            out = Path(args.out)
            if out.is_dir():
                raise UsageError(f"--out {out} is a folder; give a file name")
            # OutputError names the file
            export_audit(workspace, out, full_paths=args.full_paths, lang=args.lang)
            print(f"{len(workspace.audit_entries())} audit entries written to {out}")
            return 0
        for entry in workspace.audit_entries():
            print(
                f"{entry.id:>5}  {format_time(entry.at)}  {entry.actor:<12} {entry.action:<14} "
                f"{entry.summary}"
            )
    sys.stdout.flush()
    return 0


# --------------------------------------------------------------------------- several inspectors


def command_merge(args) -> int:
    """``merge``: unite inspectors' workspaces in a master, then say what needs a consensus."""
    created = not Path(args.into).exists()
    report = merge(args.into, args.sources)
    if created:
        print(f"workspace {Path(args.into).name} created")
    print(report.summary())
    with Workspace.open(args.into) as workspace:
        workspace.check_stored()  # every command says the same of a damaged one
        print_disagreements(workspace, workspace.score())
    return 0


def command_consensus(args) -> int:
    """``consensus``: record (or withdraw) a supervisor's consensus fraction with its reason."""
    if args.withdraw and args.fraction is not None:
        raise UsageError("--withdraw takes no FRACTION; leave it out")
    where = {"scheme": args.scheme, "scheme_version": args.scheme_version, "round": args.round}
    with Workspace.open(args.workspace, read_only=False) as workspace:
        workspace.check_stored()  # every command says the same of a damaged one
        if args.withdraw:
            record = workspace.withdraw_consensus(
                args.project_id, args.code, inspector=args.inspector, reason=args.reason, **where
            )
            print(
                f"withdrawn: consensus {record.fraction:g} on {record.code} for {record.project_id} "
                f"({record.scheme} {record.scheme_version}), by {args.inspector.strip()}: "
                f"{args.reason.strip()}"
            )
            return 0
        record = workspace.consensus(
            args.project_id,
            args.code,
            _fraction(args.fraction),
            inspector=args.inspector,
            reason=args.reason,
            **where,
        )
        scores = ", ".join(f"{name} {fraction:g}" for name, fraction in record.basis.items())
        print(
            f"recorded: consensus on {record.code} for {record.project_id} ({record.scheme} "
            f"{record.scheme_version}) = {record.fraction:g} by {record.inspector}: {record.reason} "
            f"(inspectors: {scores})"
        )
    return 0


def command_reconcile(args) -> int:
    """``reconcile``: change the setting if asked, then list the criteria several inspectors scored."""
    changes = args.method is not None or args.threshold is not None
    with Workspace.open(args.workspace, read_only=False if changes else None) as workspace:
        workspace.check_stored()  # every command says the same of a damaged one
        if changes:
            workspace.set_reconcile_settings(method=args.method, threshold=_threshold(args.threshold))
        print_disagreements(workspace, workspace.score())
    return 0


def _threshold(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(normalise_text(text))
    except ValueError:
        raise UsageError(f"--threshold must be a number from 0 to 1 (e.g. 0.25), found {text!r}")


def print_disagreements(workspace: Workspace, run: AssessmentRun) -> None:
    """The setting, then each criterion several inspectors scored, largest spread first."""
    settings = workspace.reconcile_settings()
    rows = disagreement_rows(run)
    flagged = sum(1 for r in rows if r.reconciliation.disagreement)
    print(
        f"{len(rows)} criteria scored by several inspectors or decided by consensus; {flagged} "
        f"disagreements (spread above {settings.threshold:g}); until a consensus the "
        f"{settings.method} is used"
    )
    for row in rows[:MAX_LINES]:
        mark = "!" if row.reconciliation.disagreement and row.reconciliation.consensus is None else " "
        print(f" {mark} {row.project_id} {row.code}: {describe(row.reconciliation)}")
    if len(rows) > MAX_LINES:
        print(f"  … and {len(rows) - MAX_LINES} more (the ranked workbook's Disagreements sheet lists all)")
    if any(r.reconciliation.disagreement and r.reconciliation.consensus is None for r in rows):
        print(
            f"  record a consensus: python main.py consensus --workspace {workspace.path.name} "
            "PROJECT_ID CODE FRACTION --inspector NAME --reason TEXT"
        )


COMMANDS = {
    "assess": command_assess,
    "history": command_history,
    "audit": command_audit,
    "merge": command_merge,
    "consensus": command_consensus,
    "reconcile": command_reconcile,
}

"""The command line's workspace commands: ``score --workspace``, ``assess``, ``history``, ``audit``,
and for several inspectors (issue 9) ``merge``, ``consensus`` and ``reconcile``.

Every failure here is a ``WorkspaceError`` (or ``UsageError``) with a sentence saying what to do
in English and Chinese; :func:`scoring.cli.main.main` prints it and exits with 2. What the
commands print on success comes from the catalogue too (``cli_*``), in the language ``--lang``
chose or in English and then Chinese.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scoring.cli.common import UsageError, in_both, pad, print_said, say
from scoring.core.presentation import (
    Said,
    audit_action_label,
    audit_summary,
    change_field_label,
    changed_value_text,
    counted,
    reconciliation_text,
    reconciliation_word,
    said,
    scheme_label,
)
from scoring.core.reconcile import disagreement_rows
from scoring.core.report_settings import ReportSettings
from scoring.core.values import normalise_text
from scoring.io.pipeline import AssessmentRun, load_schemes
from scoring.workspace.audit import AuditEntry
from scoring.workspace.facade import ImportReport, Workspace, format_time
from scoring.workspace.merge import merge
from scoring.workspace.records import Change, SubmissionVersion

#: At most this many lines per kind of import outcome; the rest are counted.
MAX_LINES = 20
#: Widths of the history's columns (criterion, old value) and the audit listing's (actor, action).
CRITERION_WIDTH, OLD_WIDTH = 12, 20
ACTOR_WIDTH, ACTION_WIDTH = 12, 14


def scheme_names(workspace: Workspace) -> dict[str, Said]:
    """Each stored scheme's name as people read it in each language (its Chinese name in
    Chinese, when the template gives one), by the scheme's name."""
    return {scheme.name: in_both(scheme_label, scheme) for scheme in workspace.schemes()}


# --------------------------------------------------------------------------- score --workspace


def score_into_workspace(args) -> tuple[AssessmentRun, ReportSettings, ImportReport]:
    """Store the templates and inputs in the workspace, then score everything it holds.

    Returns the run, the workspace's report settings (who signs) and what the import did. The
    run's ``rejected`` lists this import's refused files, so the exit code and JSON mean the
    same as without a workspace.
    """
    path = Path(args.workspace)
    if args.template:
        load_schemes(args.template)  # every template problem reported before the file is touched
    elif not path.exists():
        raise UsageError(said("cli_workspace_new", path=path))
    changes = bool(args.template or args.inputs)
    lang = args.message_lang
    # only rescoring: a workspace another instance holds can still be read and scored
    with Workspace.open(path, create=True, read_only=False if changes else None) as workspace:
        workspace.check_stored()  # every command says the same of a damaged one
        if args.template:
            workspace.add_templates(args.template)
        report = workspace.import_files(args.inputs, round=args.round) if args.inputs else ImportReport()
        if changes:
            print_import_report(workspace, report, lang)
        elif workspace.read_only:
            print_said(said("ws_opened_read_only", name=workspace.path.name, reason=workspace.read_only_said),
                       lang)
        result = workspace.score(record=True, round=args.round)
        settings = workspace.report_settings()
    result.rejected = list(report.rejected)
    result.skipped = list(report.skipped)  # what the import's folder scan left out
    return result, settings, report


def print_import_report(workspace: Workspace, report: ImportReport, lang: str | None) -> None:
    """What the import did: counts, then each new version with its differences."""
    say("cli_workspace_import", lang, name=workspace.path.name, summary=report.said_summary())
    names = scheme_names(workspace) if report.resubmitted else {}
    for item in report.resubmitted[:MAX_LINES]:
        say("cli_resubmitted", lang, project=item.project_id, scheme=names.get(item.scheme, item.scheme),
            version=item.scheme_version, n=item.version, file=Path(item.source).name)
        for change in item.changes:
            print_said(Said(*(f"      {change.text(each)}" for each in ("en", "zh"))), lang)
    for same in report.unchanged[:MAX_LINES]:
        say("cli_unchanged", lang, message=in_both(same.text))
    hidden = max(0, len(report.resubmitted) - MAX_LINES) + max(0, len(report.unchanged) - MAX_LINES)
    if hidden:
        say("cli_more_in_history", lang, n=hidden, name=workspace.path.name)


# --------------------------------------------------------------------------- assess


def _fraction(text: str | None) -> float:
    if text is None:
        raise UsageError(said("cli_give_fraction"))
    try:
        return float(normalise_text(text))
    except ValueError:
        raise UsageError(said("cli_fraction", found=text)) from None


def command_assess(args) -> int:
    """``assess``: record a manual score or override, or withdraw one."""
    if args.withdraw and args.fraction is not None:
        raise UsageError(said("cli_withdraw_no_fraction"))
    if args.author and not args.withdraw:
        raise UsageError(said("cli_author_needs_withdraw"))
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
            say("cli_withdrawn_score", args.message_lang, author=record.inspector, kind=_kind(record.kind),
                fraction=f"{record.fraction:g}", code=record.code, project=record.project_id,
                scheme=scheme_names(workspace)[record.scheme], version=record.scheme_version,
                by=args.inspector.strip(), reason=args.reason.strip())
        else:
            record = workspace.assess(
                args.project_id, args.code, fraction, inspector=args.inspector, reason=args.reason, **where
            )
            say("cli_recorded_score", args.message_lang, kind=_kind(record.kind), code=record.code,
                project=record.project_id, scheme=scheme_names(workspace)[record.scheme],
                version=record.scheme_version,
                fraction=f"{record.fraction:g}", inspector=record.inspector, reason=record.reason)
    return 0


def _kind(kind: str) -> Said:
    """An inspector's record as named in a sentence: a manual score or an override."""
    return said("cli_a_manual_score" if kind == "manual" else "cli_an_override")


# --------------------------------------------------------------------------- history and audit


def command_history(args) -> int:
    """``history``: every version of a project's submission and what changed."""
    lang = args.message_lang
    with Workspace.open(args.workspace) as workspace:
        workspace.check_stored()  # every command says the same of a damaged one
        versions = workspace.history(args.project_id, scheme=args.scheme, scheme_version=args.scheme_version)
        names = scheme_names(workspace)
    if args.round:
        wanted = normalise_text(args.round).casefold()
        versions = [v for v in versions if v.round.casefold() == wanted]
        if not versions:
            raise UsageError(said("cli_not_in_round", project=args.project_id, round=args.round))
    current = None
    for version in versions:
        if (version.scheme, version.scheme_version, version.round) != current:
            current = (version.scheme, version.scheme_version, version.round)
            say("cli_history_of", lang, project=version.project_id, scheme=names[version.scheme],
                version=version.scheme_version, round=version.round)
        _print_version(version, lang)
    return 0


def _print_version(version: SubmissionVersion, lang: str | None) -> None:
    """One version: when, from which file, by whom; then its differences as a table."""
    say("cli_history_version", lang, n=version.version, at=format_time(version.imported_at),
        file=Path(version.source).name, sha=version.file_sha256[:12], by=version.imported_by)
    if version.version > 1 and not version.changes:
        say("cli_no_differences", lang)
    if version.changes:
        print_said(in_both(_change_row, None), lang)
    for change in version.changes:
        print_said(in_both(_change_row, change), lang)


def _change_row(change: Change | None, lang: str) -> str:
    """A row of the differences table in ``lang``; its headings for ``change`` None."""
    if change is None:
        what, old, new = (said(key).text(lang) for key in ("cli_column_criterion", "cli_column_old",
                                                            "cli_column_new"))
    else:
        field = change_field_label(change.field, lang)
        what = f"{change.code} {field}" if change.code else field
        old, new = (changed_value_text(value, lang) for value in (change.old, change.new))
    return f"      {pad(what, CRITERION_WIDTH)} {pad(old, OLD_WIDTH)} {new}"


def command_audit(args) -> int:
    """``audit``: print the audit log, or export it with ``--out``."""
    with Workspace.open(args.workspace) as workspace:
        workspace.check_stored()  # every command says the same of a damaged one
        if args.out:
            from scoring.reports.audit_workbook import export_audit

            out = Path(args.out)
            if out.is_dir():
                raise UsageError(said("cli_is_folder", option="--out", path=out))
            # OutputError names the file
            export_audit(workspace, out, full_paths=args.full_paths, lang=args.lang)
            say("cli_audit_written", args.message_lang, entries=counted(len(workspace.audit_entries()),
                                                                          "audit_entry"), path=out)
            return 0
        for entry in workspace.audit_entries():
            print_said(in_both(_audit_row, entry), args.message_lang)
    sys.stdout.flush()
    return 0


def _audit_row(entry: AuditEntry, lang: str) -> str:
    """One audit entry as a line in ``lang``: number, time, who, what, and the sentence."""
    return (f"{entry.id:>5}  {format_time(entry.at)}  {pad(entry.actor, ACTOR_WIDTH)} "
            f"{pad(audit_action_label(entry.action, lang), ACTION_WIDTH)} {audit_summary(entry, lang)}")


# --------------------------------------------------------------------------- several inspectors


def command_merge(args) -> int:
    """``merge``: unite inspectors' workspaces in a master, then say what needs a consensus."""
    created = not Path(args.into).exists()
    report = merge(args.into, args.sources)
    if created:
        say("cli_workspace_created", args.message_lang, name=Path(args.into).name)
    print_said(report.said_summary(), args.message_lang)
    with Workspace.open(args.into) as workspace:
        workspace.check_stored()  # every command says the same of a damaged one
        print_disagreements(workspace, workspace.score(), args.message_lang)
    return 0


def command_consensus(args) -> int:
    """``consensus``: record (or withdraw) a supervisor's consensus fraction with its reason."""
    if args.withdraw and args.fraction is not None:
        raise UsageError(said("cli_withdraw_no_fraction"))
    where = {"scheme": args.scheme, "scheme_version": args.scheme_version, "round": args.round}
    lang = args.message_lang
    with Workspace.open(args.workspace, read_only=False) as workspace:
        workspace.check_stored()  # every command says the same of a damaged one
        if args.withdraw:
            record = workspace.withdraw_consensus(
                args.project_id, args.code, inspector=args.inspector, reason=args.reason, **where
            )
            say("cli_withdrawn_consensus", lang, fraction=f"{record.fraction:g}", code=record.code,
                project=record.project_id, scheme=scheme_names(workspace)[record.scheme],
                version=record.scheme_version,
                by=args.inspector.strip(), reason=args.reason.strip())
            return 0
        record = workspace.consensus(
            args.project_id,
            args.code,
            _fraction(args.fraction),
            inspector=args.inspector,
            reason=args.reason,
            **where,
        )
        scores = [f"{name} {fraction:g}" for name, fraction in record.basis.items()]
        say("cli_recorded_consensus", lang, code=record.code, project=record.project_id,
            scheme=scheme_names(workspace)[record.scheme],
            version=record.scheme_version, fraction=f"{record.fraction:g}", inspector=record.inspector,
            reason=record.reason, scores=Said(", ".join(scores), "、".join(scores)))
    return 0


def command_reconcile(args) -> int:
    """``reconcile``: change the setting if asked, then list the criteria several inspectors scored."""
    changes = args.method is not None or args.threshold is not None
    with Workspace.open(args.workspace, read_only=False if changes else None) as workspace:
        workspace.check_stored()  # every command says the same of a damaged one
        if changes:
            workspace.set_reconcile_settings(method=args.method, threshold=_threshold(args.threshold))
        print_disagreements(workspace, workspace.score(), args.message_lang)
    return 0


def _threshold(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(normalise_text(text))
    except ValueError:
        raise UsageError(said("cli_threshold", found=text)) from None


def print_disagreements(workspace: Workspace, run: AssessmentRun, lang: str | None) -> None:
    """The setting, then each criterion several inspectors scored, largest spread first."""
    settings = workspace.reconcile_settings()
    rows = disagreement_rows(run)
    flagged = sum(1 for r in rows if r.reconciliation.disagreement)
    say("cli_reconcile_summary", lang, criteria=counted(len(rows), "criterion"),
        disagreements=counted(flagged, "disagreement"), threshold=f"{settings.threshold:g}",
        method=in_both(reconciliation_word, settings.method))
    for row in rows[:MAX_LINES]:
        mark = "!" if row.reconciliation.disagreement and row.reconciliation.consensus is None else " "
        print_said(Said(*(f" {mark} {row.project_id} {row.code}: "
                          f"{reconciliation_text(row.reconciliation, each)}" for each in ("en", "zh"))), lang)
    if len(rows) > MAX_LINES:
        say("cli_more_disagreements", lang, n=len(rows) - MAX_LINES)
    if any(r.reconciliation.disagreement and r.reconciliation.consensus is None for r in rows):
        say("cli_how_to_consensus", lang, name=workspace.path.name)

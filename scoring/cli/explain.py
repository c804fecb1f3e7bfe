"""``explain PROJECT_ID``: why a project scored what it did and what would lift it a grade.

On a workspace (``--workspace W.spw``, opened read-only, never changed) or on files
(``--template T.xlsx INPUT...``, as ``score`` reads them). Prints the gap to the next grade
with its paths, then the worked calculation of every criterion, in Chinese or English
(``--lang``), or all of it as JSON (``--json``). The figures come from scoring.core.explain.
"""

from __future__ import annotations

import json

from scoring.cli.common import EXIT_OK, UsageError, check_inputs_exist, in_both
from scoring.core.explain import explanation_dict, gap, gap_lines, worked, worked_lines
from scoring.core.model import Scheme
from scoring.core.presentation import grade_label, indicator_label, said, scheme_label, status_label
from scoring.core.results import ProjectResult
from scoring.core.textclean import clean_text
from scoring.io.pipeline import AssessmentRun, expand_inputs, load_schemes, schemes_named, score_files


def command_explain(args) -> int:
    run = _scored(args, UsageError, check_inputs_exist)
    scheme, project = _find(run, args.project_id, args.scheme, UsageError)
    if args.json:
        print(json.dumps(explanation_json(scheme, project), ensure_ascii=False, indent=1))
    else:
        print("\n".join(explanation_text(scheme, project, args.lang)))
    return EXIT_OK


def _scored(args, usage_error, check_exist) -> AssessmentRun:
    if args.workspace:
        if args.template or args.inputs:
            raise usage_error(said("cli_explain_not_both"))
        check_exist([args.workspace])
        from scoring.workspace.facade import Workspace

        with Workspace.open(args.workspace, read_only=True) as workspace:
            workspace.check_stored()  # damaged rows reported as every command does
            return workspace.score()
    if not args.template or not args.inputs:
        raise usage_error(said("cli_explain_needs_inputs"))
    check_exist(args.template + args.inputs)
    # progress and refusals of other files go to stderr: the explanation alone is on stdout
    return score_files(load_schemes(args.template), expand_inputs(args.inputs))


def _find(run: AssessmentRun, project_id: str, scheme_name: str | None,
          usage_error) -> tuple[Scheme, ProjectResult]:
    wanted = project_id.strip().casefold()
    schemes = {s.name for s in schemes_named(scheme_name, run.schemes)} if scheme_name else None
    found = [p for p in run.projects if p.project_id.casefold() == wanted
             and (schemes is None or p.scheme in schemes)]
    if not found:
        refused = [r for r in run.rejected if project_id in r.message]
        hint = said("cli_explain_refused", message=in_both(refused[0].text)) if refused else ""
        raise usage_error(said("cli_explain_no_project", project=project_id, hint=hint))
    if len(found) > 1:
        names = ", ".join(sorted({p.scheme for p in found}))
        raise usage_error(said("cli_explain_several_schemes", project=project_id, names=names))
    project = found[0]
    scheme = next(s for s in run.schemes if (s.name, s.version) == (project.scheme, project.scheme_version))
    return scheme, project


def explanation_json(scheme: Scheme, project: ProjectResult) -> dict:
    """The project's figures, its gap and paths and every criterion's worked calculation."""
    data = {"project_id": project.project_id, "name": project.name, "scheme": scheme.name,
            "scheme_version": scheme.version, "total": project.total, "grade": project.grade,
            "rank": project.rank, "synergy": project.synergy}
    data.update(explanation_dict(scheme, project))
    data["criteria"] = [w.as_dict() for w in worked(scheme, project)]
    return data


def explanation_text(scheme: Scheme, project: ProjectResult, lang: str) -> list[str]:
    """The explanation as lines of text: the project, the gap and its paths, each criterion."""
    head = said("cli_explain_head", project=clean_text(project.project_id), name=clean_text(project.name),
                scheme=clean_text(scheme_label(scheme, lang)), version=clean_text(scheme.version),
                total=project.total, grade=grade_label(project.grade, lang), rank=project.rank).text(lang)
    lines = [head, ""]
    lines += gap_lines(scheme, project, gap(scheme, project), lang)
    for item in worked(scheme, project):
        status = status_label(item.result.status, lang)
        lines += ["", f"{item.code} {clean_text(indicator_label(item.criterion, lang))} [{status}]"]
        lines += [f"    {line}" for line in worked_lines(item, lang)]
    return lines


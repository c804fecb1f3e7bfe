"""``explain PROJECT_ID``: why a project scored what it did and what would lift it a grade.

On a workspace (``--workspace W.spw``, opened read-only, never changed) or on files
(``--template T.xlsx INPUT...``, as ``score`` reads them). Prints the gap to the next grade
with its paths, then the worked calculation of every criterion, in Chinese or English
(``--lang``), or all of it as JSON (``--json``). The figures come from scoring.core.explain.
"""

from __future__ import annotations

import json

from scoring.cli.common import EXIT_OK, UsageError, add_lang_option, check_inputs_exist
from scoring.core.explain import explanation_dict, gap, gap_lines, worked, worked_lines
from scoring.core.model import Scheme
from scoring.core.presentation import grade_label, indicator_label, status_label, text
from scoring.core.results import ProjectResult
from scoring.core.textclean import clean_text
from scoring.io.pipeline import AssessmentRun, expand_inputs, load_schemes, schemes_named, score_files


def add_command(sub) -> None:
    """Add ``explain`` to the CLI's subcommand parsers."""
    explain = sub.add_parser(
        "explain", help="show how a project's score was worked out and what would reach the next grade",
        usage="%(prog)s PROJECT_ID (--workspace W.spw | --template T.xlsx ... INPUT ...) "
              "[--scheme NAME] [--lang {zh,en}] [--json]")
    _take_positionals_between_options(explain)
    explain.add_argument("project_id", metavar="PROJECT_ID")
    explain.add_argument("inputs", nargs="*", metavar="INPUT",
                         help="submission files or folders (with --template)")
    explain.add_argument("--template", action="append", metavar="T.xlsx",
                         help="a scheme template (repeat for several)")
    explain.add_argument("--workspace", metavar="W.spw", help="explain from this workspace instead of files")
    explain.add_argument("--scheme", metavar="NAME", help="the scheme, when the project is in several")
    add_lang_option(explain, "the text")
    explain.add_argument("--json", action="store_true", help="print the explanation as JSON instead")


def _take_positionals_between_options(parser) -> None:
    """Let ``explain P1 --template T.xlsx folder/`` work: argparse alone gives the inputs
    nothing once an option stands between them and the project ID, so this parser reads its
    arguments intermixed (which argparse supports for a parser without subcommands)."""

    class Intermixed(type(parser)):
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
            raise usage_error("give either --workspace W.spw or --template T.xlsx with INPUT files, not both")
        check_exist([args.workspace])
        from scoring.workspace.facade import Workspace

        with Workspace.open(args.workspace, read_only=True) as workspace:
            workspace.check_stored()  # damaged rows reported as every command does
            return workspace.score()
    if not args.template or not args.inputs:
        raise usage_error(
            "give --workspace W.spw, or at least one --template T.xlsx and one INPUT file or folder")
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
        hint = f" (a file naming it was refused: {refused[0].message})" if refused else ""
        raise usage_error(f"no scored project {project_id!r}{hint}; check the ID and the inputs")
    if len(found) > 1:
        names = ", ".join(sorted({p.scheme for p in found}))
        raise usage_error(f"{project_id} is in several schemes ({names}); choose one with --scheme NAME")
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
    head = (f"{clean_text(project.project_id)} {clean_text(project.name)} — {clean_text(scheme.name)} "
            f"{clean_text(scheme.version)}: {text('total', lang)} {project.total:.2f}, "
            f"{text('grade', lang)} {grade_label(project.grade, lang)}, {text('rank', lang)} {project.rank}")
    lines = [head, ""]
    lines += gap_lines(scheme, project, gap(scheme, project), lang)
    for item in worked(scheme, project):
        status = status_label(item.result.status, lang)
        lines += ["", f"{item.code} {clean_text(indicator_label(item.criterion, lang))} [{status}]"]
        lines += [f"    {line}" for line in worked_lines(item, lang)]
    return lines


COMMANDS = {"explain": command_explain}

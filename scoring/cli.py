"""The headless command line: ``python main.py score|form|validate|demo``.

Exit codes: 0 every input scored; 3 some inputs were rejected (the rest still scored and
written); 2 bad usage or an invalid template. No path through here shows a traceback: an
unexpected error is reported in one line and logged with its details.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

from scoring.pipeline import AssessmentRun, load_schemes, run
from scoring.template import TemplateError, load_template

EXIT_OK, EXIT_USAGE, EXIT_REJECTED, EXIT_FAILED = 0, 2, 3, 1
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATES = PACKAGE_ROOT / "templates"
log = logging.getLogger("synergypilot")


class UsageError(Exception):
    """Wrong arguments; the message says what to do."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would exit(2) with its own wording
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="synergypilot", description="Assess pollution–carbon synergy pilots.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    score = sub.add_parser("score", help="score submissions and rank them")
    score.add_argument("--template", action="append", required=True, metavar="T.xlsx",
                       help="a scheme template (repeat for several)")
    score.add_argument("inputs", nargs="+", metavar="INPUT", help="submission files or folders")
    score.add_argument("--out", metavar="RANKED.xlsx", help="write the ranked workbook here")
    score.add_argument("--json", metavar="RESULT.json", help="write the full result as JSON here")

    form = sub.add_parser("form", help="write a blank submission form for a scheme")
    form.add_argument("--template", required=True, metavar="T.xlsx")
    form.add_argument("--out", required=True, metavar="FORM.xlsx")

    validate = sub.add_parser("validate", help="check a template and list its problems")
    validate.add_argument("--template", required=True, metavar="T.xlsx")

    demo = sub.add_parser("demo", help="write the demo submissions")
    demo.add_argument("--out", required=True, metavar="DIR")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except TemplateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the promise: never a traceback to a user
        log.exception("unexpected error")
        print(f"error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED


def _check_inputs_exist(paths: list[str]) -> None:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError("no such file or folder: " + ", ".join(missing))


def _writable(path: str, what: str) -> Path:
    target = Path(path)
    if target.exists() and target.is_dir():
        raise UsageError(f"{what} {path} is a folder; give a file name")
    return target


def command_score(args) -> int:
    _check_inputs_exist(args.template + args.inputs)
    out = _writable(args.out, "--out") if args.out else None
    json_out = _writable(args.json, "--json") if args.json else None
    result = run(args.template, args.inputs)
    _report(result)
    try:
        if out is not None:
            from scoring.export_xlsx import write_ranked_workbook

            write_ranked_workbook(result, out)
            print(f"ranked workbook: {out}")
        if json_out is not None:
            json_out.write_text(json.dumps(result.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
            print(f"JSON result: {json_out}")
    except OSError as exc:
        raise UsageError(f"cannot write {exc.filename}: {exc.strerror}")
    return EXIT_REJECTED if result.rejected else EXIT_OK


def _report(result: AssessmentRun) -> None:
    for scheme in result.schemes:
        projects = result.projects_of(scheme)
        print(f"{scheme.name} {scheme.version} ({scheme.level}): {len(projects)} projects scored")
        for p in projects[:3]:
            print(f"  {p.rank:>3}. {p.project_id} {p.name}  {p.total:.2f}  {p.grade}")
    for r in result.rejected:
        print(f"rejected [{r.reason}] {r.message}", file=sys.stderr)
    print(f"{len(result.projects)} projects scored, {len(result.rejected)} inputs rejected")


def command_validate(args) -> int:
    _check_inputs_exist([args.template])
    scheme = load_template(args.template)
    kinds = {}
    for c in scheme.criteria:
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
    counts = ", ".join(f"{n} {k}" for k, n in kinds.items())
    print(f"{args.template}: valid — {scheme.name} {scheme.version} ({scheme.level}), "
          f"{len(scheme.criteria)} criteria ({counts}), {len(scheme.dimensions)} dimensions")
    return EXIT_OK


def command_form(args) -> int:
    from scoring.form import write_blank_form

    _check_inputs_exist([args.template])
    scheme = load_template(args.template)
    out = _writable(args.out, "--out")
    write_blank_form(scheme, out)
    print(f"blank form for {scheme.name} {scheme.version}: {out}")
    return EXIT_OK


def command_demo(args) -> int:
    from scoring.demo import write_demo

    paths = write_demo(Path(args.out))
    print(f"{len(paths)} demo files written under {args.out}")
    return EXIT_OK


def default_template_paths() -> list[Path]:
    """The four shipped schemes."""
    return sorted(DEFAULT_TEMPLATES.glob("*.xlsx"))


def score_demo(out_dir: str | Path | None = None) -> int:
    """Write the demo data, score it with the shipped templates and say where outputs are."""
    out = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="synergypilot-demo-"))
    from scoring.demo import write_demo

    write_demo(out / "submissions")
    schemes = [str(p) for p in default_template_paths()]
    load_schemes(schemes)
    code = main(["score", *sum((["--template", s] for s in schemes), []), str(out / "submissions"),
                 "--out", str(out / "ranked.xlsx"), "--json", str(out / "result.json")])
    print(f"demo submissions: {out / 'submissions'}")
    return code


COMMANDS = {
    "score": command_score,
    "form": command_form,
    "validate": command_validate,
    "demo": command_demo,
}

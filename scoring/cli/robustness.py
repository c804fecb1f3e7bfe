"""What ``score --robustness`` does with its options (issue 8; the options themselves are in
scoring/cli/parsers.py): :func:`options_from` before any file is read (bad options are refused at
once), :func:`run_studies` and :func:`json_with` after scoring.
"""

from __future__ import annotations

from scoring.analysis.robustness import (
    SchemeRobustness,
    assess_run,
    resolve_grade,
    with_robustness,
)
from scoring.analysis.robustness_options import RobustnessError, RobustnessOptions
from scoring.analysis.robustness_prose import robustness_paragraph
from scoring.cli.common import UsageError, print_said
from scoring.core.presentation import Said, said

_DEPENDENT = ("draws", "spread", "cutoff", "seed", "method", "concentration")


def _number(text: str | None, option: str, kind=float):
    if text is None:
        return None
    raw = text.strip()
    scale = 1.0
    if kind is float and raw.endswith("%"):
        raw, scale = raw[:-1], 0.01
    try:
        return kind(raw) * scale if kind is float else kind(raw)
    except ValueError:
        raise UsageError(said("cli_needs_whole_number" if kind is int else "cli_needs_number",
                              option=option, found=text)) from None


def options_from(args) -> RobustnessOptions | None:
    """The robustness options given on the command line; None without ``--robustness``.

    Raises the command line's UsageError for anything out of range.
    """
    if not getattr(args, "robustness", False):
        given = [f"--{name}" for name in _DEPENDENT if getattr(args, name, None) is not None]
        if given:
            key = "cli_only_with_robustness" if len(given) == 1 else "cli_only_with_robustness_n"
            raise UsageError(said(key, options=", ".join(given)))
        return None
    settings = {}
    for name, kind in (("draws", int), ("spread", float), ("seed", int), ("concentration", float)):
        number = _number(getattr(args, name), f"--{name}", kind)
        if number is not None:
            settings[name] = number
    if args.method is not None:
        settings["method"] = args.method.strip().lower()
    if args.cutoff is not None:
        cutoff = args.cutoff.strip()
        if cutoff.isdigit():
            settings["top_k"] = int(cutoff)
        else:
            settings["grade"] = cutoff
    options = RobustnessOptions(**settings)
    try:
        options.check()
    except RobustnessError as exc:
        raise UsageError(exc.said) from None
    return options


def check_schemes(schemes, options: RobustnessOptions | None) -> None:
    """Refuse a ``--cutoff`` grade a scheme does not have before anything is read or scored,
    so that the mistake does not cost the run (and its output files)."""
    if options is None or not options.grade:
        return
    for scheme in schemes:
        try:
            resolve_grade(scheme, options.grade)
        except RobustnessError as exc:
            raise UsageError(exc.said) from None


def run_studies(result, options: RobustnessOptions | None, lang: str | None = None) -> list[SchemeRobustness]:
    """Run the studies on a scored run and print each scheme's paragraph, in ``lang`` or in
    English and then Chinese."""
    if options is None:
        return []
    try:
        studies = assess_run(result, options)
    except RobustnessError as exc:  # e.g. a grade cut-off that a scheme does not have
        raise UsageError(exc.said) from None
    for study in studies:
        print()
        print_said(Said(robustness_paragraph(study, "en"), robustness_paragraph(study, "zh")), lang)
    return studies


def json_with(result, studies: list[SchemeRobustness]) -> dict:
    """``result.json_document()`` (projects made one at a time as they are written), with the
    robustness keys when there are studies."""
    data = result.json_document()
    return with_robustness(data, studies) if studies else data

"""The ``score --robustness`` options of the command line (issue 8).

Kept apart from :mod:`scoring.cli.main` so that the command line's own module only gains three calls:
:func:`add_arguments` while the parser is built, :func:`options_from` before any file is read
(bad options are refused at once), and :func:`run_studies` / :func:`json_with` after scoring.
"""

from __future__ import annotations

import argparse

from scoring.analysis.robustness import (
    SchemeRobustness,
    assess_run,
    resolve_grade,
    with_robustness,
)
from scoring.analysis.robustness_options import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    DEFAULT_SPREAD,
    DEFAULT_TOP_K,
    METHODS,
    RobustnessError,
    RobustnessOptions,
)
from scoring.analysis.robustness_prose import robustness_paragraph
from scoring.cli.common import UsageError

_DEPENDENT = ("draws", "spread", "cutoff", "seed", "method", "concentration")


def add_arguments(score: argparse.ArgumentParser) -> None:
    """Add ``--robustness`` and its settings to the ``score`` sub-command."""
    group = score.add_argument_group("robustness of the ranking")
    group.add_argument("--robustness", action="store_true",
                       help="rank ranges under random weight changes, cut-off stability and an "
                            "entropy-TOPSIS cross-check (printed, and added to --json)")
    group.add_argument("--draws", metavar="N", help=f"random weightings (default {DEFAULT_DRAWS:,})")
    group.add_argument("--spread", metavar="P",
                       help=f"each score weight changes by up to ±P, as 0.2 or 20%% "
                            f"(default {DEFAULT_SPREAD:g})")
    group.add_argument("--cutoff", metavar="K",
                       help=f"top K (default {DEFAULT_TOP_K}), or a grade name such as Good or 良好")
    group.add_argument("--seed", metavar="S", help=f"seed of the random draws (default {DEFAULT_SEED})")
    group.add_argument("--method", metavar="M", help=f"{' or '.join(METHODS)} (default uniform)")
    group.add_argument("--concentration", metavar="KAPPA",
                       help="Dirichlet concentration (default: set from --spread)")


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
        wanted = "a whole number" if kind is int else "a number"
        raise UsageError(f"{option} needs {wanted}, not {text!r}") from None


def options_from(args) -> RobustnessOptions | None:
    """The robustness options given on the command line; None without ``--robustness``.

    Raises the command line's UsageError for anything out of range.
    """
    if not getattr(args, "robustness", False):
        given = [f"--{name}" for name in _DEPENDENT if getattr(args, name, None) is not None]
        if given:
            verb = "is" if len(given) == 1 else "are"
            raise UsageError(f"{', '.join(given)} {verb} only used with --robustness")
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
        raise UsageError(str(exc)) from None
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
            raise UsageError(str(exc)) from None


def run_studies(result, options: RobustnessOptions | None) -> list[SchemeRobustness]:
    """Run the studies on a scored run and print each scheme's paragraph (English, Chinese)."""
    if options is None:
        return []
    try:
        studies = assess_run(result, options)
    except RobustnessError as exc:  # e.g. a grade cut-off that a scheme does not have
        raise UsageError(str(exc)) from None
    for study in studies:
        print()
        print(robustness_paragraph(study, "en"))
        print(robustness_paragraph(study, "zh"))
    return studies


def json_with(result, studies: list[SchemeRobustness]) -> dict:
    """``result.as_dict()``, with the robustness keys when there are studies."""
    data = result.as_dict()
    return with_robustness(data, studies) if studies else data

"""The method appendix of a report: how a scheme scores, generated from the scheme itself.

One scheme's rules as titled sections of sentences and tables — the criteria with their
weights, bounds and basis, the grade thresholds, the missing / not-applicable rule with each
dimension's maximum for a project with n/a, the synergy index with its α, and the robustness
study's settings when one was run. The PDF prints it as an appendix and the workbook as its
Method sheet, from these same sections, in the report's language. The sentences that state the
rules are read from docs/method.md (section "Report wording"), the spec, so they cannot drift
from it; only the tables are built here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from scoring.core.figures import dimension_maxima, na_maxima
from scoring.core.model import Scheme
from scoring.core.presentation import (
    CRITERION_TYPE_TEXT,
    DIRECTION_TEXT,
    METHOD_SETTING_TEXT,
    dimension_label,
    grade_label,
    indicator_label,
    kind_label,
    normalise_lang,
    text,
    text_in,
)
from scoring.core.textlayout import format_number

#: The spec. Its section "Report wording" gives the sentences that state a scheme's rules.
SPEC = Path(__file__).resolve().parents[2] / "docs" / "method.md"
WORDING_HEADING = "## Report wording"
#: An item of that section: "- `key`: English sentence" and, on the next line, the Chinese one.
_WORDING_ITEM = re.compile(r"^- `(\w+)`: (.+)\n  (\S.*)$", re.MULTILINE)

@functools.lru_cache(maxsize=2)
def wording(spec: Path = SPEC) -> dict[str, tuple[str, str]]:
    """The appendix's sentences by key, (Chinese, English), read from the spec.

    The rules are worded once, in docs/method.md's section "Report wording", so the appendix
    cannot say something the spec does not.
    """
    try:
        document = spec.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuntimeError(
            f"the method's specification {spec} cannot be read ({exc}): reinstall the app"
        ) from exc
    _, found, section = document.partition(WORDING_HEADING)
    section = section.split("\n## ", 1)[0]
    items = {key: (zh.strip(), en.strip()) for key, en, zh in _WORDING_ITEM.findall(section)}
    if not found or not items:
        raise RuntimeError(f"{spec} has no section {WORDING_HEADING[3:]!r} of sentences: reinstall the app")
    return items


@dataclass
class MethodTable:
    """A table of the appendix: header and rows of text."""

    header: list[str]
    rows: list[list[str]]
    #: Relative column widths (the PDF scales them to the page).
    widths: list[float] = field(default_factory=list)


@dataclass
class MethodSection:
    """A titled part of the appendix: sentences, then tables."""

    title: str
    sentences: list[str] = field(default_factory=list)
    tables: list[MethodTable] = field(default_factory=list)


def _rule(key: str, lang: str, **values) -> str:
    return text_in(wording()[key], lang).format(**values)


def method_sections(scheme: Scheme, lang: str, study=None) -> list[MethodSection]:
    """The appendix of one scheme, in ``lang``.

    Parameters
    ----------
    scheme : Scheme
    lang : {"zh", "en"}
    study : SchemeRobustness, optional
        The robustness study of this scheme, whose settings are printed.
    """
    lang = normalise_lang(lang)
    sections = [
        MethodSection(
            text("criteria_table", lang),
            [_rule("total", lang, total=format_number(scheme.total_points))],
            [criteria_table(scheme, lang)],
        ),
        MethodSection(
            text("grade_thresholds", lang),
            [_rule("veto", lang), _rule("pending", lang)],
            [grade_table(scheme, lang)],
        ),
        MethodSection(
            text("missing_rules", lang),
            [_rule("reweight" if scheme.missing == "reweight" else "zero", lang)],
            [na_table(scheme, lang)],
        ),
        MethodSection(
            text("synergy_definition", lang), [_rule("synergy", lang, alpha=f"{scheme.synergy_alpha:g}")]
        ),
    ]
    if study is not None:
        sections.append(MethodSection(text("robustness_settings", lang), [], [robustness_table(study, lang)]))
    return sections


def _role(criterion, lang: str) -> str:
    roles = []
    if criterion.veto:
        roles.append(text("veto", lang))
    if criterion.kind != "score":
        roles.append(kind_label(criterion.kind, lang))
    return "、".join(roles) if lang == "zh" else ", ".join(roles)


def criteria_table(scheme: Scheme, lang: str) -> MethodTable:
    """Code, indicator, dimension, type, direction, unit, weight, worst, best, role, basis."""
    header = [
        text(k, lang)
        for k in (
            "code",
            "indicator",
            "dimension",
            "type",
            "direction",
            "unit",
            "weight",
            "worst",
            "best",
            "role",
            "basis",
        )
    ]
    rows = []
    for c in scheme.criteria:
        direction = text_in(DIRECTION_TEXT[c.direction], lang) if c.direction in DIRECTION_TEXT else ""
        rows.append(
            [
                c.code,
                indicator_label(c, lang),
                dimension_label(scheme, c.dimension, lang),
                text_in(CRITERION_TYPE_TEXT.get(c.type, (c.type, c.type)), lang),
                direction,
                c.unit,
                format_number(c.weight, 3),
                format_number(c.worst, 3),
                format_number(c.best, 3),
                _role(c, lang),
                str(getattr(c, "basis", "") or c.guidance or ""),
            ]
        )
    return MethodTable(header, rows, [0.6, 2.4, 1.3, 0.8, 0.9, 0.6, 0.6, 0.6, 0.6, 0.9, 2.4])


def grade_table(scheme: Scheme, lang: str) -> MethodTable:
    rows = [[grade_label(g.name, lang), format_number(g.min_points, 3)] for g in scheme.grades_descending]
    return MethodTable([text("grade", lang), text("min_points", lang)], rows, [2.0, 1.5])


def na_table(scheme: Scheme, lang: str) -> MethodTable:
    """Each dimension's nominal maximum and its maximum when every n/a-allowed criterion is n/a."""
    nominal, with_na = dimension_maxima(scheme), na_maxima(scheme)
    rows = [
        [dimension_label(scheme, d, lang), f"{nominal[d]:.2f}", f"{with_na[d]:.2f}"]
        for d in scheme.dimensions
    ]
    header = [text("dimension", lang), text("nominal_maximum", lang), text("all_na_maximum", lang)]
    return MethodTable(header, rows, [2.5, 1.5, 2.5])


def robustness_table(study, lang: str) -> MethodTable:
    """Draws, spread, method, seed and cut-offs of a robustness study."""
    options = study.options
    rows = [
        [text_in(METHOD_SETTING_TEXT["draws"], lang), f"{options.draws:,}"],
        [text_in(METHOD_SETTING_TEXT["spread"], lang), f"±{options.spread * 100:g}%"],
        [text_in(METHOD_SETTING_TEXT["method"], lang), options.method],
        [text_in(METHOD_SETTING_TEXT["seed"], lang), str(options.seed)],
        [text_in(METHOD_SETTING_TEXT["top_k"], lang), str(options.top_k)],
    ]
    if options.grade:
        rows.append([text_in(METHOD_SETTING_TEXT["cutoff_grade"], lang), grade_label(options.grade, lang)])
    return MethodTable([text("setting", lang), text("setting_value", lang)], rows, [3.0, 2.0])

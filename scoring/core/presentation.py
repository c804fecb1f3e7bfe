"""The bilingual catalogue's lookups: every word the program shows, in Chinese and English.

The words themselves are in scoring/core/catalogue/, one data module per area (the outputs,
a result explained, workspaces, files read and written, analyses, the command line's help and
messages, and the names every output shares), each a table of (Chinese, English) pairs. This
module is the one place the rest of the program reads them from: ``TEXT`` joins the areas'
keyed texts (a key belongs to one area only), ``said``/``text``/``phrase`` pick one language,
the label functions name statuses, grades, levels, changes and audit entries, and the grade
colours go with the grade names; the other tables are re-exported here under their names. The
figures printed beside the scores are in scoring/core/figures.py and text layout (widths,
wrapping) in scoring/core/textlayout.py. No numpy, matplotlib or openpyxl at import, so the
desktop window reads it before the engine loads. Its ~580 lines are one cohesive thing, the
lookups every output calls (short functions over the catalogue's tables); splitting them by
output would bring back what the catalogue removed, a place per output to look a word up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from scoring.core.catalogue.analysis import ROBUSTNESS_OPTION_TEXT
from scoring.core.catalogue.analysis import ROBUSTNESS_PROSE_TEXT as ROBUSTNESS_PROSE_TEXT
from scoring.core.catalogue.analysis import WEIGHTS_TEXT as WEIGHTS_TEXT
from scoring.core.catalogue.cli_help import CLI_HELP_TEXT
from scoring.core.catalogue.cli_messages import CLI_MESSAGE_TEXT
from scoring.core.catalogue.explanation import EXPLANATION_TEXT
from scoring.core.catalogue.files import DATA_COLUMN_ZH as DATA_COLUMN_ZH
from scoring.core.catalogue.files import FORM_ENTRY_HINTS as FORM_ENTRY_HINTS
from scoring.core.catalogue.files import FORM_KIND_TAGS as FORM_KIND_TAGS
from scoring.core.catalogue.files import FORM_PROJECT_HINTS as FORM_PROJECT_HINTS
from scoring.core.catalogue.files import PROJECT_FIELD_ZH as PROJECT_FIELD_ZH
from scoring.core.catalogue.files import REASON_ACTION_EN, REASON_ZH, TEMPLATE_TEXT
from scoring.core.catalogue.files import SCHEME_KEY_ZH as SCHEME_KEY_ZH
from scoring.core.catalogue.files import WRITE_FAILURE_TEXT as WRITE_FAILURE_TEXT
from scoring.core.catalogue.labels import (
    GRADE_TEXT,
    ISSUE_KIND_ZH,
    KIND_TEXT,
    LEVEL_TEXT,
    PROVINCE_SHORT,
    PROVINCES,
    SEVERITY_TEXT,
    STATUS_TEXT,
    SYNERGY_CLASS_TEXT,
    UNIT_TEXT,
)
from scoring.core.catalogue.reports import CRITERION_TYPE_TEXT as CRITERION_TYPE_TEXT
from scoring.core.catalogue.reports import DIRECTION_TEXT as DIRECTION_TEXT
from scoring.core.catalogue.reports import DISAGREEMENT_SHEET_TEXT as DISAGREEMENT_SHEET_TEXT
from scoring.core.catalogue.reports import METHOD_SETTING_TEXT as METHOD_SETTING_TEXT
from scoring.core.catalogue.reports import RANK_RANGE_CHART_TEXT as RANK_RANGE_CHART_TEXT
from scoring.core.catalogue.reports import RECONCILIATION_TEXT as RECONCILIATION_TEXT
from scoring.core.catalogue.reports import REPORT_TEXT
from scoring.core.catalogue.reports import ROBUSTNESS_SHEET_TEXT as ROBUSTNESS_SHEET_TEXT
from scoring.core.catalogue.workspace import AUDIT_ACTION_TEXT, AUDIT_TEXT, CHANGE_FIELD_TEXT, WORKSPACE_TEXT
from scoring.core.catalogue.workspace import AUDIT_COLUMNS_TEXT as AUDIT_COLUMNS_TEXT
from scoring.core.model import Criterion, Scheme
from scoring.core.textclean import clean_text
from scoring.core.values import NO_TOKENS, YES_TOKENS, normalise_text

if TYPE_CHECKING:  # the desktop window reads the catalogue before the engine (numpy) loads
    from scoring.core.reconcile import Reconciliation
    from scoring.core.results import IndicatorResult, ProjectResult

LANGS = ("zh", "en")

#: The keyed texts of each area of scoring/core/catalogue (a key belongs to one area only).
TEXT_AREAS: tuple[dict[str, tuple[str, str]], ...] = (
    REPORT_TEXT, WORKSPACE_TEXT, ROBUSTNESS_OPTION_TEXT, TEMPLATE_TEXT, CLI_HELP_TEXT, CLI_MESSAGE_TEXT,
    EXPLANATION_TEXT,
)
#: Every keyed text, by key: (Chinese, English), read by ``text``, ``said`` and ``counted``.
TEXT: dict[str, tuple[str, str]] = {key: pair for area in TEXT_AREAS for key, pair in area.items()}


#: Grade colours from best to worst band: dark green, sky blue, pale yellow, vermillion. Hues
#: a colour-blind reader tells apart, and lightnesses far apart so that a greyscale print does
#: too: their luma (0.299 R + 0.587 G + 0.114 B) is 59, 159, 216 and 106, at least 47 steps
#: apart, and still 28 apart in the tints (GRADE_TINT) that fill table cells. The Okabe–Ito
#: colours used before printed 优秀 and 不合格 at 106 and 119, 良好 and 合格 at 158 and 162.
GRADE_PALETTE = ("#00593C", "#5AB4E5", "#F5DC7A", "#D04A02")
#: How much white a table cell's grade fill is mixed with (the cell's text stays black).
GRADE_TINT = 0.4
#: Least luma difference between any two grades, in colours and in tints (tests check it).
MIN_GREY_STEP = 25
VETO_COLOUR = "#B00020"


def luma(colour: str) -> float:
    """Grey level (0–255) a ``#rrggbb`` colour prints as (ITU-R BT.601, as PIL's "L" mode)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def text_colour_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    return "#000000" if luma(colour) >= 128 else "#FFFFFF"


def normalise_lang(lang: str | None) -> str:
    """``"zh"`` for any Chinese locale name (zh, zh_CN, zh-Hans), else ``"en"``."""
    return "zh" if (lang or "").lower().replace("-", "_").startswith("zh") else "en"


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if normalise_lang(lang) == "zh" else pair[1]


def phrase(table: dict[str, tuple[str, str]], key: str, lang: str, **values) -> str:
    """The text of ``key`` in one of this catalogue's tables, in ``lang``, its {fields} filled."""
    chosen = _pick(table[key], lang)
    return chosen.format(**values) if values else chosen


def text_in(pair: tuple[str, str], lang: str) -> str:
    """The Chinese or English text of a (zh, en) pair of this catalogue."""
    return _pick(pair, lang)


def text(key: str, lang: str) -> str:
    """A fixed label in the given language."""
    return _pick(TEXT[key], lang)


class WithDimensionsZh(Protocol):
    """What names a tracked scheme's dimensions in Chinese (a SchemeTracking)."""

    @property
    def dimensions_zh(self) -> Mapping[str, str]: ...


def measure_label(measure: str, lang: str, tracking: WithDimensionsZh | None = None) -> str:
    """What a trend chart's measure is called: total, synergy D, or the dimension's name (in
    Chinese from ``tracking``'s dimension names)."""
    fixed = {"total": text("total", lang), "D": text("synergy_d", lang)}
    if measure in fixed:
        return fixed[measure]
    if tracking is not None and normalise_lang(lang) == "zh":
        return tracking.dimensions_zh.get(measure, measure)
    return measure


@dataclass(frozen=True)
class Said:
    """A message for a person in English and Chinese (see :func:`said`).

    ``str()`` gives the English, so logs and code that only knows one language keep working;
    what a person reads takes :meth:`text` in their language.
    """

    en: str
    zh: str

    def text(self, lang: str | None) -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        return self.zh if normalise_lang(lang) == "zh" else self.en

    def lines(self, lang: str | None) -> list[str]:
        """How the command line prints it: in ``lang`` when one was chosen (``--lang``), else in
        English and then in Chinese (once when both read the same, e.g. a file name)."""
        return [self.text(lang)] if lang else list(dict.fromkeys((self.en, self.zh)))

    def __str__(self) -> str:
        return self.en

    def __bool__(self) -> bool:
        return bool(self.en)


def said(key: str, **fields: object) -> Said:
    """The catalogue's message ``key`` in both languages, with ``fields`` filled in.

    A field that is itself a :class:`Said` gives each language its own words; any other value
    is the same in both (names, codes, numbers).

    Examples
    --------
    >>> said("ws_closed", name="li.spw").zh
    'li.spw：工作区已关闭'
    """
    zh, en = TEXT[key]
    return Said(en.format(**_in_language(fields, "en")), zh.format(**_in_language(fields, "zh")))


def both(text: str | Said) -> Said:
    """``text`` as a :class:`Said`: a plain string (a system's own words) is the same in both."""
    return text if isinstance(text, Said) else Said(str(text), str(text))


def counted(n: int, noun: str) -> Said:
    """``1 project`` / ``2 projects`` (``2 个项目``): the catalogue's ``count1_<noun>`` for one,
    ``count_<noun>`` for any other number, with ``{n}`` filled in."""
    return said(f"count1_{noun}" if n == 1 else f"count_{noun}", n=n)


def joined(parts: list[Said], en: str = ", ", zh: str = "，") -> Said:
    """Several messages as one list, each language with its own separator."""
    return Said(en.join(p.en for p in parts), zh.join(p.zh for p in parts))


def _in_language(fields: dict[str, object], lang: str) -> dict[str, object]:
    return {k: v.text(lang) if isinstance(v, Said) else v for k, v in fields.items()}


def value_label(criterion: Criterion, value: object, lang: str) -> str:
    """A submitted value as shown: a yes/no answer as 是/否 (yes/no) whatever word the form
    used, a number without trailing zeros, a choice as the template's label."""
    if value is None or value == "":
        return ""
    if criterion.type == "yesno":
        token = normalise_text(str(value)).casefold()
        if token in YES_TOKENS:
            return text("answer_yes", lang)
        if token in NO_TOKENS:
            return text("answer_no", lang)
    if criterion.type == "choice":
        index = criterion.choice_index(str(value))
        if index is not None:
            return choice_labels(criterion, lang)[index]
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def change_field_label(field: str, lang: str) -> str:
    """The name of a changed field in ``lang`` (the field's key when it is not known)."""
    return _pick(CHANGE_FIELD_TEXT[field], lang) if field in CHANGE_FIELD_TEXT else field


def changed_value_text(value: object, lang: str, criterion: Criterion | None = None) -> str:
    """An old or new value of a change: ``(blank)``/（空） for nothing, 是/否 for a yes/no answer."""
    if value is None or value == "":
        return text("blank_value", lang)
    if criterion is not None:
        return value_label(criterion, value, lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def change_text(change, lang: str, criterion: Criterion | None = None) -> str:
    """One difference of a resubmission as a line, e.g. ``C01 current: 12.5 → 14`` in English
    and ``C01 现状值：12.5 → 14`` in Chinese.

    Parameters
    ----------
    change : scoring.workspace.records.Change
    lang : {"zh", "en"}
    criterion : Criterion, optional
        The changed criterion, for showing its yes/no answers as 是/否 (yes/no).
    """
    field = change_field_label(change.field, lang)
    what = f"{change.code} {field}" if change.code else field
    old, new = (changed_value_text(v, lang, criterion) for v in (change.old, change.new))
    if old == new:  # 'yes' → '是' both read 是: show what was typed, quoted, so the change is seen
        old, new = (f"“{changed_value_text(v, lang)}”" for v in (change.old, change.new))
    return f"{what}{text('colon', lang)}{old} → {new}"


def audit_action_label(action: str, lang: str) -> str:
    """An audit action's name in ``lang`` (the code itself when unknown)."""
    return _pick(AUDIT_ACTION_TEXT[action], lang) if action in AUDIT_ACTION_TEXT else action


def audit_summary(entry, lang: str) -> str:
    """One audit entry as a sentence in ``lang``, from its fields (the stored summary when a
    field is missing); free text passes through clean_text."""
    pattern = AUDIT_TEXT.get(entry.action)
    if pattern is None:
        return clean_text(entry.summary)
    detail = entry.detail or {}
    fields = {key: _shown_value(value) for key, value in detail.items()}
    fields.update(project=entry.project_id, code=entry.code, actor=entry.actor, scheme=entry.scheme)
    if normalise_lang(lang) == "zh" and detail.get("scheme_zh"):
        fields["scheme"] = str(detail["scheme_zh"])
    if isinstance(detail.get("changes"), list):
        fields["changes"] = str(len(detail["changes"]))
    if entry.action == "merge" and detail.get("sources"):
        fields["source"] = ", ".join(_file_name(s.get("source", "")) for s in detail["sources"])
    if "file" in fields:
        fields["file"] = _file_name(fields["file"])
    if fields.get("year") in ("", "None"):
        fields["year"] = text("no_value", lang)
    try:
        return clean_text(_pick(pattern, lang).format(**fields))
    except (KeyError, IndexError, ValueError):
        return clean_text(entry.summary)


def _shown_value(value: object) -> str:
    """A value in a sentence: a float as people read a fraction (0.65, 0.6, 1), nothing for None."""
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def _file_name(path: str) -> str:
    """A stored file path as its name (either kind of slash)."""
    return str(path).replace("\\", "/").rsplit("/", 1)[-1]


def reconciliation_word(key: str, lang: str) -> str:
    """A word of RECONCILIATION_TEXT in ``lang``: how a score was combined (``median``, ``mean``,
    ``single``, ``consensus``) or a part of :func:`reconciliation_text`."""
    return phrase(RECONCILIATION_TEXT, key, lang)


def reconciliation_text(rec: Reconciliation, lang: str = "en") -> str:
    """One line for reports: who scored what, the score used and why.

    ``3 inspectors: Li 0.6, Wang 0.7, Zhao 0.2 — consensus 0.65: site visit confirmed`` or
    ``… — median 0.6 (spread 0.5: disagreement, no consensus yet)``; Chinese with ``lang="zh"``.
    """
    zh = normalise_lang(lang) == "zh"
    n = len(rec.scores)
    head = phrase(RECONCILIATION_TEXT, "inspectors_one" if n == 1 else "inspectors", lang, n=n)
    listed = ("、" if zh else ", ").join(f"{s.inspector} {_shown_value(s.fraction)}" for s in rec.scores)
    if rec.consensus is not None:
        tail = (f"{reconciliation_word('consensus', lang)} {_shown_value(rec.consensus.fraction)}"
                f"{text('colon', lang)}{rec.consensus.reason}")
    else:
        tail = f"{reconciliation_word(rec.basis, lang)} {_shown_value(rec.used)}" + _spread_note(rec, lang)
    return f"{head}{listed} — {tail}" if n else tail  # a consensus whose scores were all withdrawn


def _spread_note(rec: Reconciliation, lang: str) -> str:
    if rec.spread is None:
        return ""
    zh = normalise_lang(lang) == "zh"
    spread = f"{reconciliation_word('spread', lang)} {_shown_value(rec.spread)}"
    if rec.disagreement:
        sep = "，" if zh else ": "
        spread += (f"{sep}{reconciliation_word('disagreement', lang)}{'，' if zh else ', '}"
                   f"{reconciliation_word('no_consensus', lang)}")
    return f"（{spread}）" if zh else f" ({spread})"


def shown_assessment(indicator: IndicatorResult, lang: str) -> tuple[str, str]:
    """(inspector, reason) of an indicator as the Detail sheet and PDF pages print them.

    For a criterion several inspectors scored (or a supervisor decided), the inspector column
    names who decided the score used and the reason column says how it came about
    (:func:`reconciliation_text`); otherwise the indicator's own inspector and reason.
    """
    rec = getattr(indicator, "reconciliation", None)
    if rec is None or not rec.reconciled:
        return indicator.inspector, indicator.reason
    who = rec.consensus.inspector if rec.consensus else ", ".join(s.inspector for s in rec.scores)
    return who, reconciliation_text(rec, lang)


def status_label(status: str, lang: str) -> str:
    return _pick(STATUS_TEXT.get(status, (status, status)), lang)


def kind_label(kind: str, lang: str) -> str:
    return _pick(KIND_TEXT.get(kind, (kind, kind)), lang)


def severity_label(severity: str, lang: str) -> str:
    return _pick(SEVERITY_TEXT.get(severity, (severity, severity)), lang)


def issue_kind_label(kind: str, lang: str) -> str:
    return ISSUE_KIND_ZH.get(kind, kind) if normalise_lang(lang) == "zh" else kind


def issue_text(issue, lang: str) -> str:
    """An issue's message in ``lang`` (English where no Chinese was written)."""
    return issue.text(normalise_lang(lang))


def reason_label(reason: str, lang: str) -> str:
    return REASON_ZH.get(reason, (reason, ""))[0] if normalise_lang(lang) == "zh" else reason


def rejection_action(reason: str, lang: str) -> str:
    """What to do about a refusal for ``reason``, in ``lang`` ("" for an unknown reason)."""
    if normalise_lang(lang) == "zh":
        return REASON_ZH.get(reason, ("", ""))[1]
    return REASON_ACTION_EN.get(reason, "")


def rejection_text(rejection, lang: str) -> str:
    """Why a file was refused and what to do, in ``lang``.

    In Chinese: the refusal's own Chinese message; a refusal without one (stored by an older
    version) gets the action for its reason, then its English details.
    """
    if normalise_lang(lang) != "zh" or rejection.message_zh:
        return rejection.text(normalise_lang(lang))
    action = rejection_action(rejection.reason, "zh")
    return f"{action}。详情：{rejection.message}" if action else rejection.message


def level_label(level: str, lang: str) -> str:
    return _pick(LEVEL_TEXT.get(level, (level, level)), lang)


def grade_label(grade: str, lang: str) -> str:
    """A grade's name; the default grades have Chinese names, custom ones print as written."""
    return _pick(GRADE_TEXT[grade], lang) if grade in GRADE_TEXT else grade


def provisional_mark(project: ProjectResult, lang: str) -> str:
    """"provisional: N pending, grade could be X–Y" for a provisional result, "" for a final one."""
    if not project.provisional:
        return ""
    return provisional_words(project.pending, project.grade_span, lang)


def provisional_words(pending: int, grade_range: tuple[str, str], lang: str) -> str:
    """:func:`provisional_mark` from the number pending and the (lowest, highest) grade names."""
    if not pending:
        return ""
    low, high = (grade_label(g, lang) for g in grade_range)
    if low == high:
        return text("provisional_mark_one_grade", lang).format(n=pending, grade=low)
    return text("provisional_mark", lang).format(n=pending, low=low, high=high)


def provisional_banner(projects, lang: str) -> str:
    """The banner over a ranking when any result is provisional, else ""."""
    projects = list(projects)
    count = sum(1 for p in projects if p.provisional)
    return text("provisional_banner", lang).format(count=count, total=len(projects)) if count else ""


def synergy_class_label(klass: int | None, lang: str) -> str:
    """Name of a coupling-coordination class 1..10; "" for none or a class out of range."""
    if not klass or not 1 <= int(klass) <= len(SYNERGY_CLASS_TEXT):
        return ""
    return _pick(SYNERGY_CLASS_TEXT[int(klass) - 1], lang)


class NamedScheme(Protocol):
    """What :func:`scheme_label` reads: a Scheme, or a summary of one naming it the same way."""

    @property
    def name(self) -> str: ...

    @property
    def name_zh(self) -> str: ...


def provinces_of(region: str) -> tuple[str, ...]:
    """The provinces a region's text names, in its order: 江苏省苏州市 → (江苏省,);
    上海市、江苏省、浙江省 → all three; a region naming none → ().

    Each part of the text (split at 、，,;；/) is looked at from its start, by full or short name.
    """
    found: list[str] = []
    for part in re.split(r"[、，,;；/]", normalise_text(region)):
        part = part.strip()
        name = next((p for p in PROVINCES if part.startswith(p)), None) or next(
            (full for short, full in PROVINCE_SHORT.items() if part.startswith(short)), None)
        if name and name not in found:
            found.append(name)
    return tuple(found)


def scheme_label(scheme: NamedScheme, lang: str) -> str:
    """A scheme's name as shown to people: in Chinese when the template gives ``name_zh``.

    The one place every view, chart, workbook and PDF takes a scheme's displayed name from;
    ``scheme.name`` stays the scheme's identity (forms, workspaces, ``--scheme``).
    """
    if normalise_lang(lang) == "zh" and scheme.name_zh:
        return scheme.name_zh
    return scheme.name


def dimension_label(scheme: Scheme, dimension: str, lang: str) -> str:
    """A dimension's name, in Chinese when the template gives ``dimension_zh``."""
    if normalise_lang(lang) == "zh":
        for c in scheme.criteria:
            if c.dimension == dimension and c.dimension_zh:
                return c.dimension_zh
    return dimension


def indicator_label(criterion: Criterion, lang: str) -> str:
    """An indicator's name, in Chinese when the template gives ``indicator_zh``."""
    if normalise_lang(lang) == "zh" and criterion.indicator_zh:
        return criterion.indicator_zh
    return criterion.indicator


def unit_label(unit: str, lang: str) -> str:
    """A criterion's unit in ``lang`` (UNIT_TEXT), the template's own text when not listed."""
    return _pick(UNIT_TEXT[unit], lang) if unit in UNIT_TEXT else unit


def guidance_label(criterion: Criterion, lang: str) -> str:
    """A criterion's guidance, in Chinese when the template gives ``guidance_zh`` (and in
    whichever language it has when it gives only one)."""
    if normalise_lang(lang) == "zh":
        return criterion.guidance_zh or criterion.guidance
    return criterion.guidance or criterion.guidance_zh


def choice_labels(criterion: Criterion, lang: str) -> list[str]:
    """A choice criterion's labels in ``lang``: the template's Chinese labels (``choices_zh``)
    in Chinese where it gives them, else its labels as written."""
    if normalise_lang(lang) == "zh" and len(criterion.choices_zh) == len(criterion.choices):
        return list(criterion.choices_zh)
    return [label for label, _ in criterion.choices]


def basis_label(criterion: Criterion, lang: str) -> str:
    """Where a criterion's bounds come from, in Chinese when the template gives ``basis_zh``
    (and in whichever language it has when it gives only one)."""
    if normalise_lang(lang) == "zh":
        return criterion.basis_zh or criterion.basis
    return criterion.basis or criterion.basis_zh


def grade_colours(scheme: Scheme) -> dict[str, str]:
    """Hex colour of each grade, best band first; the lowest band always gets the last colour.

    Schemes with more than four bands reuse the middle colours, so the best stays green and
    the failing band stays vermillion.
    """
    grades = scheme.grades_descending
    colours = {}
    for i, grade in enumerate(grades):
        if i == len(grades) - 1:
            colours[grade.name] = GRADE_PALETTE[-1]
        else:
            colours[grade.name] = GRADE_PALETTE[min(i, len(GRADE_PALETTE) - 2)]
    return colours


def grade_fill(scheme: Scheme, grade: str) -> str | None:
    """The tinted fill of a table cell showing ``grade`` (None for a grade the scheme lacks)."""
    colour = grade_colours(scheme).get(grade)
    return tint(colour, GRADE_TINT) if colour else None


def shown_total(scheme: Scheme, value: float, digits: int = 2) -> float:
    """``value`` rounded for display, never up onto a grade threshold it is below.

    59.995 rounds to 60.00, which would print a failing total as the pass mark; it is shown as
    59.99 instead (59.9 with one digit). Every printed total and bar label goes through here.
    """
    return shown_below_thresholds(value, [grade.min_points for grade in scheme.grades], digits)


def shown_below_thresholds(value: float, thresholds: Iterable[float], digits: int = 2) -> float:
    """``value`` rounded to ``digits``, but never up onto one of ``thresholds`` it is below.

    The rule of :func:`shown_total` for a total whose grades are known only by their minimum
    points (a tracked round's total on the criteria its versions share).

    Parameters
    ----------
    value : float
    thresholds : iterable of float
        The grades' minimum points.
    digits : int

    Returns
    -------
    float
    """
    shown = round(float(value), digits)
    step = 10.0 ** -digits
    for minimum in thresholds:
        if value < minimum <= shown:
            shown = min(shown, round(math.floor(minimum / step - 1e-9) * step, digits))
    return shown + 0.0


def total_text(scheme: Scheme, value: float, digits: int = 2) -> str:
    """A total as printed: ``shown_total`` with its digits (no "-0.00")."""
    return f"{shown_total(scheme, value, digits):.{digits}f}"


def total_range_text(scheme: Scheme, project: ProjectResult) -> str:
    """"61.20–80.50" for a provisional project whose total can still move; "" otherwise."""
    low, high = getattr(project, "total_min", None), getattr(project, "total_max", None)
    if not is_provisional(project) or low is None or high is None or abs(high - low) < 0.005:
        return ""
    return f"{total_text(scheme, low)}–{total_text(scheme, high)}"


def grade_may_change(project: ProjectResult) -> bool:
    """Whether the pending criteria could still move the grade (its range spans two grades)."""
    low, high = getattr(project, "grade_range", None) or (project.grade, project.grade)
    return is_provisional(project) and low != high


def is_provisional(project: ProjectResult) -> bool:
    """Whether criteria are still waiting, so the total may change (docs/method.md)."""
    return bool(getattr(project, "pending", 0))


def tint(colour: str, amount: float) -> str:
    """Mix a ``#rrggbb`` colour with white; ``amount`` 0 keeps it, 1 gives white."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)

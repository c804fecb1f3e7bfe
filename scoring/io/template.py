"""Reading and validating an assessment scheme from its template workbook.

A template that breaks any rule is refused as a whole, with every problem listed by sheet, row
and column, so its author can fix them all in one pass.

One module of some 600 lines on purpose: it is the one reading of the template format (its
sheets, column aliases, keys and limits) and holds every check of a template, each adding to
the same list of problems by sheet and cell, so the format and its rules are read in one place.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from scoring.core.model import (
    BOUNDED_TYPES,
    CRITERION_TYPES,
    DEFAULT_GRADES,
    DIRECTIONS,
    EFFECTS,
    KINDS,
    LEVELS,
    MISSING_POLICIES,
    CellValue,
    Criterion,
    Grade,
    Issue,
    Scheme,
)
from scoring.core.values import normalise_text, parse_number, parse_yes_no_setting, plain_text, text_of
from scoring.io.safe_read import RawSheet, SheetFilter, SubmissionRejected, cell_ref, read_workbook_bytes

#: Header aliases, English and Chinese, for the Criteria sheet (matched after NFKC + casefold).
CRITERIA_COLUMNS = {
    "code": ("code", "编号"),
    "dimension": ("dimension", "维度"),
    "indicator": ("indicator", "指标"),
    "unit": ("unit", "单位"),
    "effect": ("effect", "效应"),
    "type": ("type", "类型"),
    "direction": ("direction", "方向"),
    "weight": ("weight", "权重"),
    "worst": ("worst", "最差值"),
    "best": ("best", "最优值"),
    "choices": ("choices", "选项"),
    "required": ("required", "必填"),
    "allow_na": ("allow_na", "允许不适用"),
    "veto": ("veto", "一票否决"),
    "kind": ("kind", "类别"),
    "guidance": ("guidance", "说明"),
    "basis": ("basis", "依据"),
    "basis_zh": ("basis_zh", "依据(中文)", "中文依据"),
    "guidance_zh": ("guidance_zh", "说明(中文)", "中文说明"),
    "choices_zh": ("choices_zh", "选项(中文)", "中文选项"),
    "indicator_zh": ("indicator_zh", "指标(中文)", "中文指标"),
    "dimension_zh": ("dimension_zh", "维度(中文)", "中文维度"),
    "prorate": ("prorate", "按年折算"),
}
REQUIRED_COLUMNS = ("code", "dimension", "indicator", "type", "weight")
#: The largest magnitude a number in a template may have: weights, total points, bounds (worst,
#: best) and grade thresholds. Real schemes use weights up to 100 and bounds up to the millions
#: of tonnes; a limit far above that and far below the floating-point range keeps every sum and
#: difference the engine forms finite (a template with weights of 1e308 overflowed in scoring).
MAX_TEMPLATE_NUMBER = 1e12
SCHEME_KEYS = (
    "name", "name_zh", "level", "version", "total_points", "missing", "synergy_alpha",
    "baseline_year", "target_year",
)
LEVEL_ALIASES = {
    "region": "region",
    "区域": "region",
    "city": "city",
    "城市": "city",
    "park": "park",
    "园区": "park",
    "产业园区": "park",
    "industrial park": "park",
    "enterprise": "enterprise",
    "企业": "enterprise",
}


@dataclass(frozen=True)
class TemplateProblem:
    """One rule a template breaks, located by sheet and cell (or row)."""

    sheet: str
    where: str
    message: str

    def __str__(self) -> str:
        if not self.sheet:
            return self.message
        return f"{self.sheet}!{self.where}: {self.message}" if self.where else f"{self.sheet}: {self.message}"


class TemplateError(Exception):
    """A template refused as a whole; ``problems`` lists every rule it breaks."""

    def __init__(self, source: str, problems: list[TemplateProblem]):
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}: the template is not valid ({len(problems)} problems):\n{lines}")


def within_limit(number: float) -> bool:
    """True for a finite number no larger in size than :data:`MAX_TEMPLATE_NUMBER`."""
    return math.isfinite(number) and abs(number) <= MAX_TEMPLATE_NUMBER


def out_of_limit(number: float) -> str:
    """The problem with a number :func:`within_limit` refuses, in English and Chinese."""
    return (f"must be a finite number no larger than {MAX_TEMPLATE_NUMBER:g} in size, found {number:g} "
            f"(应为有限数值，绝对值不超过 {MAX_TEMPLATE_NUMBER:g}，实际为 {number:g})")


def canonical_level(text: object) -> str | None:
    """The level keyword for an English or Chinese level name, None when unknown."""
    return LEVEL_ALIASES.get(normalise_text(text).casefold())


def _alias_key(text: str) -> str:
    return text.casefold().replace(" ", "_")


#: id(columns) → {normalised alias: key}; the column tables are module constants, and this
#: lookup runs for every cell of every header and key column read.
_ALIAS_INDEX: dict[int, tuple[Mapping[str, tuple[str, ...]], dict[str, str]]] = {}


def header_key(text: object, columns: Mapping[str, tuple[str, ...]]) -> str | None:
    """The column key for a header cell, matched against English and Chinese aliases (the
    first key in ``columns``' order wins an alias two keys share)."""
    if text is None or text == "":
        return None
    cached = _ALIAS_INDEX.get(id(columns))
    if cached is None or cached[0] is not columns:
        index: dict[str, str] = {}
        for key, aliases in columns.items():
            for alias in aliases:
                index.setdefault(_alias_key(alias), key)
        cached = _ALIAS_INDEX[id(columns)] = (columns, index)
    return cached[1].get(_alias_key(normalise_text(text)))


def load_template(path: str | Path) -> Scheme:
    """Read and validate a template workbook.

    Parameters
    ----------
    path : str or Path
        An .xlsx, .xlsm, .xls or .ods file with sheets ``Scheme``, ``Criteria`` and optionally
        ``Grades``.

    Returns
    -------
    Scheme

    Raises
    ------
    TemplateError
        Listing every problem found, by sheet, row and column.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateError(
            str(path), [TemplateProblem("", "", f"{path.name}: cannot be opened ({exc.strerror})")]
        )
    return load_template_bytes(data, path)


#: The sheets a template is read from; the cells of any other sheet are never read.
TEMPLATE_SHEETS = SheetFilter(
    frozenset(n.casefold() for n in ("Scheme", "方案", "Criteria", "指标", "Grades", "等级")),
    lambda _name, _head: True,
)


def load_template_bytes(data: bytes, path: Path) -> Scheme:
    """Read and validate a template workbook from its bytes; ``path`` names it in messages."""
    try:
        book = read_workbook_bytes(data, path, sheets=TEMPLATE_SHEETS)
    except SubmissionRejected as exc:
        raise TemplateError(str(path), [TemplateProblem("", "", exc.message)])
    scheme_sheet = book.sheet("Scheme", "方案")
    criteria_sheet = book.sheet("Criteria", "指标")
    if scheme_sheet is None or criteria_sheet is None:
        raise TemplateError(str(path), [
            TemplateProblem(name, "", "the sheet is missing")
            for name, sheet in (("Scheme", scheme_sheet), ("Criteria", criteria_sheet)) if sheet is None])
    problems: list[TemplateProblem] = []
    settings = _read_scheme_settings(scheme_sheet, problems)
    criteria = _read_criteria(criteria_sheet, problems)
    if any(c.prorate for c in criteria) and settings["target_year"] is None:
        problems.append(TemplateProblem(
            criteria_sheet.name, "prorate",
            "criteria marked prorate need the years of their target: add baseline_year and "
            "target_year to the Scheme sheet (e.g. 2020 and 2025)"))
    grades_sheet = book.sheet("Grades", "等级")
    grades = _read_grades(grades_sheet, problems) if grades_sheet else None
    if problems:
        raise TemplateError(str(path), problems)
    return Scheme(
        criteria=tuple(criteria),
        grades=grades or tuple(Grade(n, p) for n, p in DEFAULT_GRADES),
        source=str(path),
        content_hash=hashlib.sha256(data).hexdigest(),
        **settings,
    )


#: A Scheme sheet's rows, key → (value, A1 reference of the value).
KeyValues = dict[str, tuple[object, str]]
#: Records a problem with a Scheme sheet's key: problem(key, message).
SettingProblem = Callable[[str, str], None]


def _key_value_rows(sheet: RawSheet) -> KeyValues:
    """key → (value, A1 reference of the value) for a two-column key/value sheet."""
    pairs: KeyValues = {}
    for r in range(len(sheet.rows)):
        key = normalise_text(sheet.cell(r, 0)).casefold()
        if key and key not in pairs:
            pairs[key] = (sheet.cell(r, 1), cell_ref(r, 1))
    return pairs


def _read_scheme_settings(sheet: RawSheet, problems: list[TemplateProblem]) -> dict:
    pairs = _key_value_rows(sheet)

    def problem(key: str, message: str) -> None:
        where = pairs[key][1] if key in pairs else ""
        problems.append(TemplateProblem(sheet.name, where, f"{key}: {message}"))

    settings: dict = {}
    for key in ("name", "version"):
        text = plain_text(pairs.get(key, (None, ""))[0])
        if not text:
            problem(key, "required; put it in column B beside the key")
        settings[key] = text
    # Optional: older templates have no Chinese name and are shown by ``name`` in both languages.
    settings["name_zh"] = plain_text(pairs.get("name_zh", (None, ""))[0])
    level_text = pairs.get("level", (None, ""))[0]
    settings["level"] = canonical_level(level_text) or ""
    if not settings["level"]:
        problem("level", f"must be one of {', '.join(LEVELS)}, found {text_of(level_text)!r}")
    settings["total_points"] = _positive_setting(pairs, "total_points", 100.0, problem)
    alpha = _number_setting(pairs, "synergy_alpha", 0.5, problem)
    if alpha is not None and not 0 <= alpha <= 1:
        problem("synergy_alpha", f"must be between 0 and 1, found {alpha:g}")
    settings["synergy_alpha"] = alpha if alpha is not None else 0.5
    missing = text_of(pairs.get("missing", ("zero", ""))[0]).casefold() or "zero"
    if missing not in MISSING_POLICIES:
        problem("missing", f"must be zero or reweight, found {missing!r}")
    settings["missing"] = missing
    settings.update(_target_years(pairs, problem))
    return settings


def _target_years(pairs: KeyValues, problem: SettingProblem) -> dict[str, int | None]:
    """baseline_year and target_year: both or neither, whole years, the target after the baseline."""
    years: dict[str, int | None] = {}
    for key in ("baseline_year", "target_year"):
        number = _number_setting(pairs, key, None, problem)
        if number is not None and (number != int(number) or not 1900 <= number <= 2200):
            problem(key, f"must be a year such as 2020, found {number:g}")
            number = None
        years[key] = None if number is None else int(number)
    given = [key for key, year in years.items() if key in pairs]
    baseline, target = years["baseline_year"], years["target_year"]
    if len(given) == 1:
        other = "target_year" if given[0] == "baseline_year" else "baseline_year"
        problem(given[0], f"goes with {other}: give both years of the target, or neither")
    elif baseline is not None and target is not None and target <= baseline:
        problem("target_year", f"must be after baseline_year ({baseline}), found {target}")
    if baseline is None or target is None:
        return {"baseline_year": None, "target_year": None}
    return years


def _number_setting(pairs: KeyValues, key: str, default: float | None,
                    problem: SettingProblem) -> float | None:
    value = pairs.get(key, (None, ""))[0]
    if value is None:
        return default
    number = parse_number(CellValue(value, "")).number
    if number is None:
        problem(key, f"must be a number, found {text_of(value)!r}")
        return None
    if not within_limit(number):
        problem(key, out_of_limit(number))
        return None
    return number


def _positive_setting(pairs: KeyValues, key: str, default: float, problem: SettingProblem) -> float:
    number = _number_setting(pairs, key, default, problem)
    if number is not None and number <= 0:
        problem(key, f"must be greater than 0, found {number:g}")
    return number if number is not None else default


def _find_header(sheet: RawSheet, columns: Mapping[str, tuple[str, ...]],
                 must_have: str) -> tuple[int, dict[str, int]] | None:
    """The first row (of the first 10) naming ``must_have``, with its column positions."""
    for r in range(min(10, len(sheet.rows))):
        found: dict[str, int] = {}
        for c, value in enumerate(sheet.rows[r]):
            key = header_key(value, columns)
            if key and key not in found:
                found[key] = c
        if must_have in found:
            return r, found
    return None


def _read_criteria(sheet: RawSheet, problems: list[TemplateProblem]) -> list[Criterion]:
    header = _find_header(sheet, CRITERIA_COLUMNS, "code")
    if header is None:
        problems.append(
            TemplateProblem(sheet.name, "", "no header row with a 'code' column in the first 10 rows")
        )
        return []
    header_row, columns = header
    for key in REQUIRED_COLUMNS:
        if key not in columns:
            problems.append(
                TemplateProblem(sheet.name, f"row {header_row + 1}", f"the column '{key}' is missing")
            )
    if any(key not in columns for key in REQUIRED_COLUMNS):
        return []
    criteria: list[Criterion] = []
    seen: dict[str, str] = {}
    for r in range(header_row + 1, len(sheet.rows)):
        row = _CriterionRow(sheet, r, columns, problems)
        if row.is_blank():
            continue
        code = row.text("code")
        if code in seen:
            row.problem("code", f"the code {code!r} is used again (first at {seen[code]})")
            continue
        if code:
            seen[code] = cell_ref(r, columns["code"])
        criterion = row.build()
        if criterion is not None:
            criteria.append(criterion)
    if not criteria and not problems:
        problems.append(
            TemplateProblem(sheet.name, "", "no criteria: add one row per criterion below the header")
        )
    if criteria and not any(c.kind == "score" for c in criteria):
        problems.append(TemplateProblem(sheet.name, "", "no criterion of kind 'score'"))
    _check_weight_total(sheet, criteria, problems)
    return criteria


def _check_weight_total(sheet: RawSheet, criteria: list[Criterion], problems: list[TemplateProblem]) -> None:
    if criteria and sum(c.weight for c in criteria if c.kind == "score") <= 0:
        problems.append(TemplateProblem(sheet.name, "", "the weights of the score criteria add up to 0"))


class _CriterionRow:
    """One Criteria row being validated; collects problems instead of stopping at the first."""

    def __init__(self, sheet: RawSheet, r: int, columns: dict[str, int], problems: list[TemplateProblem]):
        self.sheet, self.r, self.columns, self.problems = sheet, r, columns, problems
        self.ok = True

    def raw(self, key: str) -> object:
        col = self.columns.get(key)
        return None if col is None else self.sheet.cell(self.r, col)

    def text(self, key: str) -> str:
        return text_of(self.raw(key))

    def shown(self, key: str) -> str:
        """Text people read (names, units, guidance), kept as typed."""
        return plain_text(self.raw(key))

    def is_blank(self) -> bool:
        return not any(self.text(k) for k in self.columns)

    def problem(self, key: str, message: str) -> None:
        col = self.columns.get(key)
        where = cell_ref(self.r, col) if col is not None else f"row {self.r + 1}"
        self.problems.append(TemplateProblem(self.sheet.name, where, f"{key}: {message}"))
        self.ok = False

    def keyword(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        """The cell's keyword, or ``default`` when it is blank or not one of ``allowed``."""
        return self.given_keyword(key, allowed) or default

    def given_keyword(self, key: str, allowed: tuple[str, ...]) -> str | None:
        """The cell's keyword; None when it is blank or not one of ``allowed`` (a problem)."""
        value = self.text(key).casefold()
        if not value:
            return None
        if value not in allowed:
            self.problem(key, f"must be one of {', '.join(allowed)}, found {self.text(key)!r}")
            return None
        return value

    def number(self, key: str) -> float | None:
        value = self.raw(key)
        if value is None:
            return None
        number = parse_number(CellValue(value, "")).number
        if number is None:
            self.problem(key, f"must be a number, found {self.text(key)!r}")
            return None
        if not within_limit(number):
            self.problem(key, out_of_limit(number))
            return None
        return number

    def flag(self, key: str, default: bool) -> bool:
        value = parse_yes_no_setting(self.raw(key), default)
        if value is None:
            self.problem(key, f"must be yes or no, found {self.text(key)!r}")
            return default
        return value

    def build(self) -> Criterion | None:
        code = self.text("code")
        if not code:
            self.problem("code", "required")
        ctype = self.given_keyword("type", CRITERION_TYPES)
        if ctype is None:
            self.problem("type", f"required: one of {', '.join(CRITERION_TYPES)}")
        weight = self.number("weight")
        if weight is None and self.ok:
            self.problem("weight", "required: a number of 0 or more")
        elif weight is not None and weight < 0:
            self.problem("weight", f"must be 0 or more, found {weight:g}")
        direction = self.given_keyword("direction", DIRECTIONS)
        worst, best = self.number("worst"), self.number("best")
        if ctype in BOUNDED_TYPES:
            self._check_bounds(ctype, direction, worst, best)
        choices = self._choices() if ctype == "choice" else ()
        for key in ("dimension", "indicator"):
            if not self.text(key):
                self.problem(key, "required")
        criterion = Criterion(
            code=code,
            dimension=self.shown("dimension"),
            indicator=self.shown("indicator"),
            type=ctype or "value",
            weight=weight or 0.0,
            unit=self.shown("unit"),
            effect=self.keyword("effect", EFFECTS, "none"),
            direction=direction,
            worst=worst,
            best=best,
            choices=choices,
            required=self.flag("required", True),
            allow_na=self.flag("allow_na", False),
            veto=self.flag("veto", False),
            kind=self.keyword("kind", KINDS, "score"),
            guidance=self.shown("guidance"),
            basis=self.shown("basis"),
            basis_zh=self.shown("basis_zh"),
            guidance_zh=self.shown("guidance_zh"),
            choices_zh=self._choices_zh(choices),
            indicator_zh=self.shown("indicator_zh"),
            dimension_zh=self.shown("dimension_zh"),
            prorate=self.flag("prorate", False),
        )
        if criterion.prorate and ctype != "change":
            self.problem("prorate", "only a change criterion's target can be pro-rated to the year; "
                         "leave prorate empty here")
        return criterion if self.ok else None

    def _check_bounds(self, ctype: str, direction: str | None, worst: float | None,
                      best: float | None) -> None:
        """Bounds present and distinct, and ordered as the criterion reads them.

        A value criterion's bounds are on the value itself, so best lies above worst exactly
        when higher is better. A change criterion's bounds are on the improvement r, which is
        already signed by the direction (a 10% fall of a "lower" indicator is r = +10), so its
        best always lies above its worst.
        """
        if direction is None:
            self.problem("direction", "required for value and change criteria: higher or lower")
        if worst is None:
            self.problem("worst", "required for value and change criteria")
        if best is None:
            self.problem("best", "required for value and change criteria")
        if worst is None or best is None:
            return
        if not (math.isfinite(worst) and math.isfinite(best)) or worst == best:
            self.problem("best", f"best must differ from worst (both {best:g})")
        elif ctype == "change" and best < worst:
            self.problem(
                "best",
                f"a change criterion's bounds are on the improvement in %, so best "
                f"({best:g}) must be above worst ({worst:g}) whatever the direction",
            )
        elif ctype == "value" and direction == "higher" and best < worst:
            self.problem("best", f"with direction higher, best ({best:g}) must be above worst ({worst:g})")
        elif ctype == "value" and direction == "lower" and best > worst:
            self.problem("best", f"with direction lower, best ({best:g}) must be below worst ({worst:g})")

    def _choices_zh(self, choices: tuple[tuple[str, float], ...]) -> tuple[str, ...]:
        """The Chinese labels ``国家级; 省级; 无``: one per choice, in its order, none repeated."""
        labels = tuple(part.strip() for part in self.text("choices_zh").split(";") if part.strip())
        if not labels:
            return ()
        if len(labels) != len(choices):
            self.problem("choices_zh", f"gives {len(labels)} Chinese labels for {len(choices)} choices; "
                         "give one per choice, in the same order, separated by ';'")
        elif len({label.casefold() for label in labels}) < len(labels):
            self.problem("choices_zh", "a Chinese label appears twice")
        return labels

    def _choices(self) -> tuple[tuple[str, float], ...]:
        text = self.text("choices")
        if not text:
            self.problem("choices", "required for choice criteria, e.g. 'I=1; II=0.6; III=0.3'")
            return ()
        choices: list[tuple[str, float]] = []
        for part in text.replace("；", ";").split(";"):
            if not part.strip():
                continue
            label, sep, fraction_text = part.rpartition("=")
            fraction = parse_number(CellValue(fraction_text, "")).number if sep else None
            if not sep or not label.strip() or fraction is None:
                self.problem("choices", f"{part.strip()!r} is not of the form label=fraction")
                continue
            if not 0 <= fraction <= 1:
                self.problem(
                    "choices", f"the fraction of {label.strip()!r} must be in [0, 1], found {fraction:g}"
                )
                continue
            if any(label.strip().casefold() == name.casefold() for name, _ in choices):
                self.problem("choices", f"the label {label.strip()!r} appears twice")
                continue
            choices.append((label.strip(), fraction))
        return tuple(choices)


def _read_grades(sheet: RawSheet, problems: list[TemplateProblem]) -> tuple[Grade, ...] | None:
    columns = {"grade": ("grade", "等级"), "min_points": ("min_points", "最低分")}
    header = _find_header(sheet, columns, "grade")
    if header is None or "min_points" not in header[1]:
        problems.append(
            TemplateProblem(sheet.name, "", "needs a header row with columns grade and min_points")
        )
        return None
    header_row, cols = header
    grades: list[Grade] = []
    for r in range(header_row + 1, len(sheet.rows)):
        name = text_of(sheet.cell(r, cols["grade"]))
        raw_min = sheet.cell(r, cols["min_points"])
        if not name and raw_min is None:
            continue
        minimum = parse_number(CellValue(raw_min, "")).number
        if not name:
            problems.append(TemplateProblem(sheet.name, cell_ref(r, cols["grade"]), "grade: name required"))
        elif minimum is None:
            problems.append(
                TemplateProblem(
                    sheet.name,
                    cell_ref(r, cols["min_points"]),
                    f"min_points: must be a number, found {text_of(raw_min)!r}",
                )
            )
        elif not within_limit(minimum):
            where = cell_ref(r, cols["min_points"])
            problems.append(TemplateProblem(sheet.name, where, f"min_points: {out_of_limit(minimum)}"))
        elif any(g.name == name for g in grades):
            problems.append(
                TemplateProblem(sheet.name, cell_ref(r, cols["grade"]), f"grade: {name!r} appears twice")
            )
        else:
            grades.append(Grade(name, minimum))
    if not grades:
        problems.append(TemplateProblem(sheet.name, "", "no grades listed"))
        return None
    if min(g.min_points for g in grades) > 0:
        problems.append(
            TemplateProblem(sheet.name, "", "the lowest grade must start at 0 so every total has a grade")
        )
    return tuple(grades)


#: Fewest score criteria a synergy side should have, and the least weight one side should carry
#: relative to the other (docs/method.md, "Synergy": with fewer, U_P or U_C rests on one or two
#: numbers and C says more about them than about the pilot).
MIN_SIDE_CRITERIA = 3
MIN_SIDE_WEIGHT_RATIO = 1 / 3


def synergy_balance_warnings(scheme: Scheme) -> list[Issue]:
    """Warnings (never errors) about how well a scheme's two synergy sides are supplied.

    A side is the score criteria with weight > 0 tagged ``pollution`` (U_P) or ``carbon`` (U_C);
    ``both`` and ``none`` belong to neither. The scheme is warned about when a side has fewer
    than ``MIN_SIDE_CRITERIA`` criteria or carries under ``MIN_SIDE_WEIGHT_RATIO`` of the other
    side's weight.
    """
    sides: dict[str, list[float]] = {"pollution": [], "carbon": []}
    for c in scheme.criteria:
        if c.kind == "score" and c.weight > 0 and c.effect in sides:
            sides[c.effect].append(c.weight)
    names = {"pollution": ("pollution", "减污"), "carbon": ("carbon", "降碳")}
    warnings = []
    for side, weights in sides.items():
        if len(weights) < MIN_SIDE_CRITERIA:
            en, zh = names[side]
            warnings.append(Issue(
                "warning", "synergy_side_thin", scheme.source,
                f"score criteria tagged '{en}': {len(weights)}, fewer than {MIN_SIDE_CRITERIA}; "
                f"U_{en[0].upper()} and the synergy index rest on too few numbers, so give that side "
                f"at least {MIN_SIDE_CRITERIA}",
                f"仅 {len(weights)} 项计分指标标记为“{zh}”；协同指数的{zh}侧只依据这些指标，"
                f"请至少设置 {MIN_SIDE_CRITERIA} 项"))
    weight = {side: sum(ws) for side, ws in sides.items()}
    light, heavy = sorted(weight, key=lambda side: weight[side])
    if weight[heavy] > 0 and weight[light] < MIN_SIDE_WEIGHT_RATIO * weight[heavy]:
        warnings.append(Issue(
            "warning", "synergy_side_light", scheme.source,
            f"the '{light}' side carries weight {weight[light]:g} against {weight[heavy]:g} on the "
            f"'{heavy}' side (under a third); balance the two sides of the synergy index",
            f"“{names[light][1]}”侧权重合计 {weight[light]:g}，不足“{names[heavy][1]}”侧 "
            f"{weight[heavy]:g} 的三分之一；请平衡协同指数的两侧"))
    return warnings

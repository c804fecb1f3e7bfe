"""Reading and validating an assessment scheme from its template workbook.

A template that breaks any rule is refused as a whole, with every problem listed by sheet, row
and column, so its author can fix them all in one pass.

One module of some 600 lines on purpose: it is the one reading of the template format (its
sheets, column aliases, keys and limits) and holds every check of a template, each adding to
the same list of problems by sheet and cell, so the format and its rules are read in one place.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import re
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
from scoring.core.presentation import LEVEL_TEXT, SCHEME_KEY_ZH, Said, both, counted, said
from scoring.core.values import (
    has_decimal_comma,
    normalise_text,
    parse_number,
    parse_yes_no_setting,
    plain_text,
    text_of,
)
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
#: Header aliases of the optional Grades sheet.
GRADE_COLUMNS = {"grade": ("grade", "等级"), "min_points": ("min_points", "最低分")}
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


#: How ``TemplateProblem.where`` names a whole row (a field whose column the sheet lacks).
_ROW_WHERE = re.compile(r"row (\d+)")


def row_where(r: int) -> str:
    """``where`` of a problem in the whole 0-based row ``r`` (``row 5`` for r = 4)."""
    return f"row {r + 1}"


@dataclass(frozen=True)
class TemplateProblem:
    """One rule a template breaks, in English and Chinese, located by sheet and cell (or row).

    ``where`` is an A1 reference (``H5``), :func:`row_where`'s ``row 5`` when the row has no
    cell for the field, or empty when the problem is the sheet's (or, with no sheet, the
    file's); ``file`` names the template, for a list of the problems of several.
    """

    sheet: str
    where: str
    said: Said
    file: str = ""

    @property
    def message(self) -> str:
        """The problem in English, without its place."""
        return self.said.en

    def located(self) -> Said:
        """The problem after its sheet and cell (``Criteria!H5: weight: …``), in both languages."""
        if not self.sheet:
            return self.said
        row = _ROW_WHERE.fullmatch(self.where)
        if row:
            return said("tp_at_row", sheet=self.sheet, row=row.group(1), message=self.said)
        if self.where:
            return said("tp_at_cell", sheet=self.sheet, cell=self.where, message=self.said)
        return said("tp_at_sheet", sheet=self.sheet, message=self.said)

    def text(self, lang: str | None) -> str:
        """The problem with its place, in ``lang`` (``zh`` or ``en``)."""
        return self.located().text(lang)

    def __str__(self) -> str:
        return self.located().en


class TemplateError(Exception):
    """A template refused as a whole; ``problems`` lists every rule it breaks.

    ``said`` is the whole refusal in English and Chinese (the heading naming the file, then a
    line per problem); ``str()`` gives its English.
    """

    def __init__(self, source: str, problems: list[TemplateProblem], *, templates: int = 1):
        self.source = source
        self.problems = problems
        counts = {"problems": counted(len(problems), "template_problem"), "lines": _listed(problems)}
        if templates == 1:
            self.said = said("tp_invalid", source=source, **counts)
        else:  # "a.xlsx, b.xlsx: 2 templates are not valid", never "the template"
            self.said = said("tp_invalid_several", source=source, templates=templates, **counts)
        super().__init__(self.said.en)

    @classmethod
    def of_several(cls, refused: list[TemplateError]) -> TemplateError:
        """One refusal for the templates of one command: their files, then every problem after
        its file's name."""
        return cls(", ".join(e.source for e in refused), [p for e in refused for p in e.problems],
                   templates=len(refused))

    def text(self, lang: str | None) -> str:
        """The refusal in ``lang`` (``zh`` or ``en``)."""
        return self.said.text(lang)


def _listed(problems: list[TemplateProblem]) -> Said:
    """One line per problem; each after its file's name when the problems are of several files."""
    several = len({p.file for p in problems}) > 1
    lines = [said("tp_in_file", file=p.file, message=p.located()) if several and p.file else p.located()
             for p in problems]
    return Said("\n".join(f"  - {line.en}" for line in lines), "\n".join(f"  - {line.zh}" for line in lines))


def within_limit(number: float) -> bool:
    """True for a finite number no larger in size than :data:`MAX_TEMPLATE_NUMBER`."""
    return math.isfinite(number) and abs(number) <= MAX_TEMPLATE_NUMBER


def out_of_limit(number: float) -> Said:
    """The problem with a number :func:`within_limit` refuses, in English and Chinese."""
    return said("tp_out_of_limit", most=MAX_TEMPLATE_NUMBER, found=number)


def read_number(value: object) -> float | Said:
    """A template cell's number, read as a form's is (scoring/core/values.py), or the problem
    with it: not a number (naming a decimal comma, 12,5), too large to calculate with (1e400),
    or beyond :data:`MAX_TEMPLATE_NUMBER`."""
    parsed = parse_number(CellValue(value, ""))
    if parsed.issue_kind == "number_too_large":
        return said("tp_number_too_large", most=MAX_TEMPLATE_NUMBER, found=found(value))
    if parsed.number is None:
        return said("tp_decimal_comma" if has_decimal_comma(value) else "tp_not_number", found=found(value))
    return parsed.number if within_limit(parsed.number) else out_of_limit(parsed.number)


#: The Chinese name of each column of the Criteria and Grades sheets (its last alias: 中文依据
#: rather than 依据(中文)).
_COLUMN_ZH = {key: aliases[-1] for key, aliases in (*CRITERIA_COLUMNS.items(), *GRADE_COLUMNS.items())}


def field_name(key: str) -> Said:
    """A Scheme key or a column as a problem names it: ``weight`` and ``weight（权重）``."""
    zh = SCHEME_KEY_ZH.get(key) or _COLUMN_ZH.get(key)
    return said("tp_field_name", name=key, zh=zh) if zh else both(key)


def about(key: str, message: Said) -> Said:
    """``message`` about the field ``key``: ``weight: must be …`` / ``weight（权重）：应为 …``."""
    return said("tp_field", field=field_name(key), message=message)


def one_of(allowed: tuple[str, ...]) -> Said:
    """The keywords a cell may hold, listed in each language's way."""
    return Said(", ".join(allowed), "、".join(allowed))


def found(value: object) -> str:
    """A cell's value as a problem quotes it: ``'town'``."""
    return repr(text_of(value))


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
    return load_template_bytes(template_bytes(path), path)


def template_bytes(path: Path) -> bytes:
    """The bytes of a template file; a file that cannot be read is refused (TemplateError)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        problem = said("tp_cannot_open", file=path.name, detail=exc.strerror or exc)
        raise TemplateError(str(path), [TemplateProblem("", "", problem, path.name)])


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
        raise TemplateError(str(path), [TemplateProblem("", "", _unreadable(exc, path), path.name)])
    scheme_sheet = book.sheet("Scheme", "方案")
    criteria_sheet = book.sheet("Criteria", "指标")
    if scheme_sheet is None or criteria_sheet is None:
        raise TemplateError(str(path), [
            TemplateProblem(name, "", said(key), path.name)
            for name, key, sheet in (("Scheme", "tp_no_scheme_sheet", scheme_sheet),
                                     ("Criteria", "tp_no_criteria_sheet", criteria_sheet)) if sheet is None])
    problems: list[TemplateProblem] = []
    settings = _read_scheme_settings(scheme_sheet, problems)
    criteria = _read_criteria(criteria_sheet, problems)
    prorated = [c.code for c in criteria if c.prorate]
    if prorated and settings["target_year"] is None:
        needs_years = said("tp_prorate_years", codes=", ".join(prorated))
        problems.append(TemplateProblem(scheme_sheet.name, "", needs_years))
    grades_sheet = book.sheet("Grades", "等级")
    grades = _read_grades(grades_sheet, problems) if grades_sheet else None
    if problems:
        raise TemplateError(str(path), [dataclasses.replace(p, file=path.name) for p in problems])
    return Scheme(
        criteria=tuple(criteria),
        grades=grades or tuple(Grade(n, p) for n, p in DEFAULT_GRADES),
        source=str(path),
        content_hash=hashlib.sha256(data).hexdigest(),
        **settings,
    )


def _unreadable(refused: SubmissionRejected, path: Path) -> Said:
    """Why a template's workbook could not be read, and what its author does: a file over a
    reader's limit is told to keep the template's own sheets, not a form's."""
    if refused.reason == "too_large" and refused.found[0]:
        return said("tp_too_large", file=path.name, found=Said(*refused.found))
    return Said(refused.message, refused.message_zh or refused.message)


#: A Scheme sheet's rows, key → (value, A1 reference of the value).
KeyValues = dict[str, tuple[object, str]]
#: Records a problem with a Scheme sheet's key: problem(key, message).
SettingProblem = Callable[[str, Said], None]


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

    def problem(key: str, message: Said) -> None:
        where = pairs[key][1] if key in pairs else ""
        problems.append(TemplateProblem(sheet.name, where, about(key, message)))

    settings: dict = {}
    for key in ("name", "version"):
        text = plain_text(pairs.get(key, (None, ""))[0])
        if not text:
            problem(key, said("tp_value_absent") if key in pairs else said("tp_key_absent", name=key))
        settings[key] = text
    # Optional: older templates have no Chinese name and are shown by ``name`` in both languages.
    settings["name_zh"] = plain_text(pairs.get("name_zh", (None, ""))[0])
    level_text = pairs.get("level", (None, ""))[0]
    settings["level"] = canonical_level(level_text) or ""
    if not settings["level"]:
        levels = Said(", ".join(LEVELS), "、".join(f"{level}（{LEVEL_TEXT[level][0]}）" for level in LEVELS))
        problem("level", said("tp_one_of", allowed=levels, found=found(level_text)))
    settings["total_points"] = _positive_setting(pairs, "total_points", 100.0, problem)
    alpha = _number_setting(pairs, "synergy_alpha", 0.5, problem)
    if alpha is not None and not 0 <= alpha <= 1:
        problem("synergy_alpha", said("tp_zero_to_one", found=alpha))
    settings["synergy_alpha"] = alpha if alpha is not None else 0.5
    missing = text_of(pairs.get("missing", ("zero", ""))[0]).casefold() or "zero"
    if missing not in MISSING_POLICIES:
        problem("missing", said("tp_missing_policy", found=repr(missing)))
    settings["missing"] = missing
    settings.update(_target_years(pairs, problem))
    return settings


def _target_years(pairs: KeyValues, problem: SettingProblem) -> dict[str, int | None]:
    """baseline_year and target_year: both or neither, whole years, the target after the baseline."""
    years: dict[str, int | None] = {}
    for key in ("baseline_year", "target_year"):
        number = _number_setting(pairs, key, None, problem)
        if number is not None and (number != int(number) or not 1900 <= number <= 2200):
            problem(key, said("tp_year", found=number))
            number = None
        years[key] = None if number is None else int(number)
    given = [key for key, year in years.items() if key in pairs]
    baseline, target = years["baseline_year"], years["target_year"]
    if len(given) == 1:
        other = "target_year" if given[0] == "baseline_year" else "baseline_year"
        problem(given[0], said("tp_year_pair", other=other))
    elif baseline is not None and target is not None and target <= baseline:
        problem("target_year", said("tp_year_order", baseline=baseline, found=target))
    if baseline is None or target is None:
        return {"baseline_year": None, "target_year": None}
    return years


def _number_setting(pairs: KeyValues, key: str, default: float | None,
                    problem: SettingProblem) -> float | None:
    value = pairs.get(key, (None, ""))[0]
    if value is None:
        return default
    number = read_number(value)
    if isinstance(number, Said):
        problem(key, number)
        return None
    return number


def _positive_setting(pairs: KeyValues, key: str, default: float, problem: SettingProblem) -> float:
    number = _number_setting(pairs, key, default, problem)
    if number is not None and number <= 0:
        problem(key, said("tp_positive", found=number))
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
        problems.append(TemplateProblem(sheet.name, "", said("tp_no_header")))
        return []
    header_row, columns = header
    for key in REQUIRED_COLUMNS:
        if key not in columns:
            missing = said("tp_no_column", column=key, column_zh=_COLUMN_ZH[key])
            problems.append(TemplateProblem(sheet.name, row_where(header_row), missing))
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
            row.problem("code", said("tp_code_again", code=repr(code), first=seen[code]))
            continue
        if code:
            seen[code] = cell_ref(r, columns["code"])
        criterion = row.build()
        if criterion is not None:
            criteria.append(criterion)
    if not criteria and not problems:
        problems.append(TemplateProblem(sheet.name, "", said("tp_no_criteria")))
    if criteria and not any(c.kind == "score" for c in criteria):
        problems.append(TemplateProblem(sheet.name, "", said("tp_no_score")))
    _check_weight_total(sheet, criteria, problems)
    return criteria


def _check_weight_total(sheet: RawSheet, criteria: list[Criterion], problems: list[TemplateProblem]) -> None:
    if criteria and sum(c.weight for c in criteria if c.kind == "score") <= 0:
        problems.append(TemplateProblem(sheet.name, "", said("tp_weights_zero")))


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

    def problem(self, key: str, message: Said) -> None:
        col = self.columns.get(key)
        where = cell_ref(self.r, col) if col is not None else row_where(self.r)
        self.problems.append(TemplateProblem(self.sheet.name, where, about(key, message)))
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
            self.problem(key, said("tp_one_of", allowed=one_of(allowed), found=found(self.raw(key))))
            return None
        return value

    def number(self, key: str) -> float | None:
        value = self.raw(key)
        if value is None:
            return None
        number = read_number(value)
        if isinstance(number, Said):
            self.problem(key, number)
            return None
        return number

    def flag(self, key: str, default: bool) -> bool:
        value = parse_yes_no_setting(self.raw(key), default)
        if value is None:
            self.problem(key, said("tp_yes_no", found=found(self.raw(key))))
            return default
        return value

    def build(self) -> Criterion | None:
        code = self.text("code")
        if not code:
            self.problem("code", said("tp_required"))
        ctype = self.given_keyword("type", CRITERION_TYPES)
        if ctype is None and not self.text("type"):  # a wrong word is a problem of its own
            self.problem("type", said("tp_type_required", allowed=one_of(CRITERION_TYPES)))
        weight = self.number("weight")
        if weight is None and self.raw("weight") is None:  # a wrong number is a problem of its own
            self.problem("weight", said("tp_weight_required"))
        elif weight is not None and weight < 0:
            self.problem("weight", said("tp_weight_negative", found=weight))
        direction = self.given_keyword("direction", DIRECTIONS)
        worst, best = self.number("worst"), self.number("best")
        if ctype in BOUNDED_TYPES:
            self._check_bounds(ctype, direction, worst, best)
        choices = self._choices() if ctype == "choice" else ()
        for key in ("dimension", "indicator"):
            if not self.text(key):
                self.problem(key, said("tp_required"))
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
            self.problem("prorate", said("tp_prorate_change_only"))
        return criterion if self.ok else None

    def _check_bounds(self, ctype: str, direction: str | None, worst: float | None,
                      best: float | None) -> None:
        """Bounds present and distinct, and ordered as the criterion reads them.

        A value criterion's bounds are on the value itself, so best lies above worst exactly
        when higher is better. A change criterion's bounds are on the improvement r, which is
        already signed by the direction (a 10% fall of a "lower" indicator is r = +10), so its
        best always lies above its worst.
        """
        if direction is None and not self.text("direction"):  # a wrong word is a problem of its own
            self.problem("direction", said("tp_direction_required"))
        for key, bound in (("worst", worst), ("best", best)):
            if bound is None and self.raw(key) is None:  # a wrong number is a problem of its own
                self.problem(key, said("tp_bound_required"))
        if worst is None or best is None:
            return
        if not (math.isfinite(worst) and math.isfinite(best)) or worst == best:
            self.problem("best", said("tp_bounds_equal", found=best))
        elif ctype == "change" and best < worst:
            self.problem("best", said("tp_change_bounds", best=best, worst=worst))
        elif ctype == "value" and direction == "higher" and best < worst:
            self.problem("best", said("tp_higher_bounds", best=best, worst=worst))
        elif ctype == "value" and direction == "lower" and best > worst:
            self.problem("best", said("tp_lower_bounds", best=best, worst=worst))

    def _choices_zh(self, choices: tuple[tuple[str, float], ...]) -> tuple[str, ...]:
        """The Chinese labels ``国家级; 省级; 无``: one per choice, in its order, none repeated."""
        labels = tuple(part.strip() for part in self.text("choices_zh").split(";") if part.strip())
        if not labels:
            return ()
        if len(labels) != len(choices):
            self.problem("choices_zh", said("tp_choices_zh_count", labels=len(labels), choices=len(choices)))
        else:
            twice = _first_repeated(labels)
            if twice is not None:
                self.problem("choices_zh", said("tp_choices_zh_twice", label=repr(twice)))
        return labels

    def _choices(self) -> tuple[tuple[str, float], ...]:
        text = self.text("choices")
        if not text:
            self.problem("choices", said("tp_choices_required"))
            return ()
        choices: list[tuple[str, float]] = []
        for part in text.replace("；", ";").split(";"):
            if not part.strip():
                continue
            label, sep, fraction_text = part.rpartition("=")
            fraction = parse_number(CellValue(fraction_text, "")).number if sep else None
            if not sep or not label.strip() or fraction is None:
                self.problem("choices", said("tp_choice_form", part=repr(part.strip())))
                continue
            if not 0 <= fraction <= 1:
                self.problem("choices", said("tp_choice_fraction", label=repr(label.strip()), found=fraction))
                continue
            if any(label.strip().casefold() == name.casefold() for name, _ in choices):
                self.problem("choices", said("tp_choice_twice", label=repr(label.strip())))
                continue
            choices.append((label.strip(), fraction))
        return tuple(choices)


def _first_repeated(labels: tuple[str, ...]) -> str | None:
    """The first label that appears again (compared without case), None when all differ."""
    seen: set[str] = set()
    for label in labels:
        if label.casefold() in seen:
            return label
        seen.add(label.casefold())
    return None


def _read_grades(sheet: RawSheet, problems: list[TemplateProblem]) -> tuple[Grade, ...] | None:
    header = _find_header(sheet, GRADE_COLUMNS, "grade")
    if header is None or "min_points" not in header[1]:
        problems.append(TemplateProblem(sheet.name, "", said("tp_grades_header")))
        return None
    header_row, cols = header

    def problem(r: int, key: str, message: Said) -> None:
        problems.append(TemplateProblem(sheet.name, cell_ref(r, cols[key]), about(key, message)))

    grades: list[Grade] = []
    lowest_at = 0  # the row of the lowest min_points, whose cell a grade table not from 0 names
    for r in range(header_row + 1, len(sheet.rows)):
        name = text_of(sheet.cell(r, cols["grade"]))
        raw_min = sheet.cell(r, cols["min_points"])
        if not name and raw_min is None:
            continue
        minimum = read_number(raw_min)
        if not name:
            problem(r, "grade", said("tp_grade_name"))
        elif isinstance(minimum, Said):
            problem(r, "min_points", minimum)
        elif any(g.name == name for g in grades):
            problem(r, "grade", said("tp_grade_twice", name=repr(name)))
        else:
            if not grades or minimum < min(g.min_points for g in grades):
                lowest_at = r
            grades.append(Grade(name, minimum))
    if not grades:
        problems.append(TemplateProblem(sheet.name, "", said("tp_no_grades")))
        return None
    if min(g.min_points for g in grades) > 0:
        problem(lowest_at, "min_points", said("tp_lowest_grade"))
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

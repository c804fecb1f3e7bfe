"""Typed, immutable objects shared by every part of SynergyPilot.

Nothing here reads files or computes scores: these are the nouns the readers produce and the
engine consumes. Keeping them in one module lets the GUI, the CLI and the exports speak about
the same things without importing each other.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

LEVELS = ("region", "city", "park", "enterprise")
EFFECTS = ("pollution", "carbon", "both", "none")
CRITERION_TYPES = ("value", "change", "yesno", "choice", "manual")
#: The types read as numbers and scored between the criterion's worst and best bounds.
BOUNDED_TYPES = ("value", "change")
DIRECTIONS = ("higher", "lower")
KINDS = ("score", "bonus", "penalty")
MISSING_POLICIES = ("zero", "reweight")

#: Indicator statuses, in the order used by the engine's int8 status matrix.
STATUSES = ("ok", "missing", "na", "invalid", "pending", "override")
OK, MISSING, NA, INVALID, PENDING, OVERRIDE = range(len(STATUSES))

#: Reasons a whole submission file is refused (the foundation issue's list).
REJECTION_REASONS = (
    "unreadable",
    "encrypted",
    "too_large",
    "unsafe_xml",
    "not_a_submission",
    "missing_project_id",
    "no_matching_template",
    "duplicate_project",
)

DEFAULT_GRADES = (("Excellent", 85.0), ("Good", 75.0), ("Pass", 60.0), ("Fail", 0.0))
class _Bilingual:
    """A message written in English and, where it was, in Chinese (``message_zh``)."""

    message: str
    message_zh: str

    def text(self, lang: str) -> str:
        """The message in ``lang`` ("zh" or "en"), English when there is no Chinese."""
        return self.message_zh if lang == "zh" and self.message_zh else self.message


@dataclass(frozen=True)
class Issue(_Bilingual):
    """Something a person should know about one value, row or file.

    Parameters
    ----------
    severity : {"error", "warning", "info"}
    kind : str
        Stable machine-readable key, e.g. ``not_a_number`` or ``missing_required``.
    location : str
        ``file:sheet!cell`` (or as much of it as is known).
    message : str
        One readable English sentence saying what is wrong and what to do.
    message_zh : str
        The same in Chinese ("" where none was written: the English is shown then).
    """

    severity: str
    kind: str
    location: str
    message: str
    message_zh: str = ""

    def as_dict(self) -> dict:
        data = {
            "severity": self.severity,
            "kind": self.kind,
            "location": self.location,
            "message": self.message,
        }
        if self.message_zh:
            data["message_zh"] = self.message_zh
        return data


@dataclass(frozen=True)
class Criterion:
    """One row of a template's ``Criteria`` sheet, validated."""

    code: str
    dimension: str
    indicator: str
    type: str
    weight: float
    unit: str = ""
    effect: str = "none"
    direction: str | None = None
    worst: float | None = None
    best: float | None = None
    choices: tuple[tuple[str, float], ...] = ()
    required: bool = True
    allow_na: bool = False
    veto: bool = False
    kind: str = "score"
    guidance: str = ""
    indicator_zh: str = ""
    dimension_zh: str = ""
    #: A change criterion whose best bound is pro-rated to the assessment year between the
    #: scheme's baseline_year and target_year (scoring/core/targets.py).
    prorate: bool = False
    #: Where the bounds come from (依据): policy document, target and year, in English and in
    #: Chinese. Optional, so templates written before the columns existed still load.
    basis: str = ""
    basis_zh: str = ""
    #: The guidance in Chinese (``guidance`` is then the English); optional like basis_zh.
    guidance_zh: str = ""
    #: The choices' Chinese labels, in the order of ``choices``: shown in Chinese and accepted
    #: in a form like the labels themselves. Empty when the template gives none.
    choices_zh: tuple[str, ...] = ()

    @property
    def needs_baseline(self) -> bool:
        return self.type == "change"

    @property
    def is_required(self) -> bool:
        """Bonus and penalty items are never required, whatever the template says."""
        return self.required and self.kind == "score"

    @property
    def bounds(self) -> tuple[float, float]:
        """(worst, best) of a value or change criterion, as floats.

        The template reader refuses a value or change criterion without both
        (scoring/io/template.py); asking a yes/no, choice or manual criterion for its bounds
        is a mistake in the caller, said by a ValueError.
        """
        if self.worst is None or self.best is None:
            raise ValueError(f"criterion {self.code} ({self.type}) has no worst and best bounds")
        return float(self.worst), float(self.best)

    def choice_fraction(self, label: str) -> float | None:
        """Return the fraction of a choice label, matched case-insensitively after trimming."""
        return self._fraction_by_label.get(label.strip().casefold())

    @functools.cached_property
    def _fraction_by_label(self) -> dict[str, float]:
        # Asked for every choice cell of every submission; the first of equal labels counts.
        found: dict[str, float] = {}
        for name, fraction in self.choices:
            found.setdefault(name.strip().casefold(), fraction)
        for name, (_, fraction) in zip(self.choices_zh, self.choices, strict=False):
            found.setdefault(name.strip().casefold(), fraction)
        return found

    def choice_index(self, label: str) -> int | None:
        """The position in ``choices`` of a label given in either language, or None."""
        wanted = label.strip().casefold()
        for names in ([n for n, _ in self.choices], list(self.choices_zh)):
            for i, name in enumerate(names):
                if name.strip().casefold() == wanted:
                    return i
        return None


@dataclass(frozen=True)
class Grade:
    name: str
    min_points: float


@dataclass(frozen=True)
class Scheme:
    """A validated assessment scheme for one level, read from a template workbook."""

    name: str
    level: str
    version: str
    criteria: tuple[Criterion, ...]
    total_points: float = 100.0
    missing: str = "zero"
    synergy_alpha: float = 0.5
    grades: tuple[Grade, ...] = tuple(Grade(n, p) for n, p in DEFAULT_GRADES)
    source: str = ""
    content_hash: str = ""
    #: The years a multi-year target runs between (e.g. 2020 and 2025 for a five-year plan's
    #: −18 %): criteria marked ``prorate`` expect the share of it due by the assessment year.
    baseline_year: int | None = None
    target_year: int | None = None
    #: The scheme's Chinese name (the Scheme sheet's ``name_zh``); ``name`` is the English one and
    #: the scheme's identity. Empty for templates made before the key existed.
    name_zh: str = ""

    @functools.cached_property
    def template_names(self) -> tuple[str, ...]:
        """The names a submission form may give in its ``template`` field for this scheme.

        ``name`` first; then, when the scheme has a Chinese name, that name and both joined by a
        space, which is how the shipped templates were named before ``name_zh`` (forms already
        sent out carry it).
        """
        if not self.name_zh:
            return (self.name,)
        return (self.name, self.name_zh, f"{self.name} {self.name_zh}")

    @functools.cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.criteria)

    @functools.cached_property
    def code_set(self) -> frozenset[str]:
        """The criteria's codes, for checking a submission's rows against."""
        return frozenset(self.codes)

    def criterion(self, code: str) -> Criterion | None:
        for c in self.criteria:
            if c.code == code:
                return c
        return None

    def known_criterion(self, code: str) -> Criterion:
        """The criterion of a code taken from this scheme's own results (drivers, sensitivities).

        Raises
        ------
        KeyError
            The scheme has no criterion of that code: the code came from another scheme.
        """
        criterion = self.criterion(code)
        if criterion is None:
            raise KeyError(f"the scheme {self.name!r} has no criterion {code!r}")
        return criterion

    @functools.cached_property
    def dimensions(self) -> tuple[str, ...]:
        """Dimensions of score criteria in template order, each once."""
        seen: dict[str, None] = {}
        for c in self.criteria:
            if c.kind == "score":
                seen.setdefault(c.dimension, None)
        return tuple(seen)

    @property
    def grades_descending(self) -> tuple[Grade, ...]:
        return tuple(sorted(self.grades, key=lambda g: -g.min_points))

    @property
    def lowest_grade(self) -> Grade:
        return min(self.grades, key=lambda g: g.min_points)

    def summary(self) -> dict:
        return {
            "name": self.name,
            "level": self.level,
            "version": self.version,
            "total_points": self.total_points,
        }


@dataclass(frozen=True, slots=True)
class CellValue:
    """A raw cell as read, with where it came from.

    ``note`` flags what the reader saw that the value alone does not say: ``percent`` (a number
    formatted as a percentage), ``formula_without_value`` or ``error_cell`` (``value`` then
    holds the error text, e.g. ``#DIV/0!``).
    """

    value: object
    location: str
    note: str | None = None

    def __reduce__(self):
        # Every cell of every file crosses from the reader processes in a pickle: rebuilding
        # from the fields costs half of what pickle's default for a frozen dataclass does.
        return CellValue, (self.value, self.location, self.note)


@dataclass(slots=True)
class IndicatorInput:
    """What a submission says about one criterion."""

    current: CellValue | None = None
    baseline: CellValue | None = None
    evidence: str = ""

    def __reduce__(self):
        return IndicatorInput, (self.current, self.baseline, self.evidence)


#: Distinct code lists whose positions are kept (a run's templates, a batch's header): more
#: forms than this with lists of their own (rows left out) look theirs up again when asked.
KEPT_CODE_LISTS = 64


def code_positions(codes: list[str]) -> tuple[list[str], dict[str, int]]:
    """The list equal to ``codes`` that other forms share (its codes interned) and each code's
    position in it, kept for the last KEPT_CODE_LISTS distinct lists rather than per form."""
    return _shared_codes(tuple(codes))


@functools.lru_cache(maxsize=KEPT_CODE_LISTS)
def _shared_codes(codes: tuple[str, ...]) -> tuple[list[str], dict[str, int]]:
    shared = interned(list(codes))
    return shared, dict(zip(shared, range(len(shared)), strict=True))


def interned(texts: list, mixed: bool = False) -> list:
    """``texts`` with each string replaced, in place, by the one copy of equal strings that
    :func:`sys.intern` keeps; other values (and a ``texts`` that is not a list) are left.
    ``mixed`` says that many are not strings (values). Returns ``texts``."""
    if type(texts) is not list:
        return texts
    if not mixed:
        try:
            texts[:] = map(sys.intern, texts)  # all strings, the common case: twice as fast
            return texts
        except TypeError:  # left as it was: one is not a str
            pass
    intern = sys.intern
    texts[:] = [intern(value) if type(value) is str else value for value in texts]
    return texts


class SheetInputs(Mapping):
    """A submission's cells by code (code → IndicatorInput), kept as the columns that were read.

    A reader process sends every submission to the importing process. As a few lists of raw
    values a form crosses at a fraction of the cost of 60 IndicatorInputs with two located
    cells each, and a row becomes an IndicatorInput only when something asks for it; scoring
    reads most cells through :meth:`raw` and never builds one. A form has a row per code and
    one column of current values; a row of a Batch sheet has a column per code, so its
    column letters are given per code.

    Parameters
    ----------
    codes : list of str
        The codes, each once, in the sheet's order.
    rows : sequence of int
        The 0-based sheet row of each code's cells.
    prefix : str
        ``file:sheet!``, the start of every cell's location.
    current, baseline : tuple
        ``(column, values, notes)`` of the current and baseline values: the column letter
        (or a list of them, one per code), the raw values per code (a blank cell is ``""`` or
        None) and the reader's notes per code (None when there are none). ``baseline`` is
        None when the sheet has no baseline values.
    evidence : list of str
        The evidence text per code, trimmed.
    """

    __slots__ = ("codes", "rows", "prefix", "current", "baseline", "evidence")

    def __init__(self, codes, rows, prefix, current, baseline, evidence) -> None:
        # 20,000 forms of one template read the same codes and often the same evidence text
        # ("见附件"): each form holding copies of its own took a fifth of a big run's memory
        # (issue 15), so equal codes lists are shared and equal texts kept once.
        self.codes = code_positions(codes)[0]
        self.rows, self.prefix = rows, prefix
        self.current, self.baseline, self.evidence = current, baseline, interned(evidence)
        interned(current[1], mixed=True)  # text answers: 是, 否, 不适用, a choice's label

    def __reduce__(self):
        return SheetInputs, (self.codes, self.rows, self.prefix, self.current, self.baseline, self.evidence)

    def _positions(self) -> dict[str, int]:
        return code_positions(self.codes)[1]

    def _position(self, code: str) -> int | None:
        return self._positions().get(code)

    def raw(self, codes: Sequence[str]) -> list[tuple | None]:
        """``(current value, note, baseline value, note)`` of each code's row, None without one.

        A blank cell's value is None; a note is None when the reader flagged nothing. Asked
        for a whole scheme's codes at once, as scoring reads every form this way.
        """
        currents, current_notes = self._values_and_notes(self.current)
        baselines, baseline_notes = self._values_and_notes(self.baseline)
        index = self._positions()
        return [
            None if k is None else (currents[k], current_notes[k], baselines[k], baseline_notes[k])
            for k in [index.get(code) for code in codes]
        ]

    def cell_location(self, code: str, which: str = "current") -> str | None:
        """``file:sheet!E12``, the ``current`` or ``baseline`` cell of a code's row even when it
        is blank (where a missing value goes); None without such a row or column."""
        k = self._position(code)
        column = self.current if which == "current" else self.baseline
        if k is None or column is None:
            return None
        letters = column[0]
        letter = letters if type(letters) is str else letters[k]
        return f"{self.prefix}{letter}{self.rows[k] + 1}" if letter else None

    def cell_columns(self, which: str) -> tuple[list, list, list]:
        """``(values, notes, cells)`` of every row's ``current`` or ``baseline`` cell.

        The fields of the CellValues that the rows' IndicatorInputs would hold, without making
        them: a blank value is None, and ``cells`` holds each cell's reference (``E12``, the
        location without :attr:`prefix`), None where there is no cell (blank and without a
        note).
        """
        n = len(self.codes)
        column = self.current if which == "current" else self.baseline
        if column is None:
            return [None] * n, [None] * n, [None] * n
        letters = column[0]
        values, notes = self._values_and_notes(column)
        if type(letters) is str:
            letters = [letters] * n
        cells = [
            None if value is None and note is None else f"{letter}{r + 1}"
            for value, note, letter, r in zip(values, notes, letters, self.rows, strict=True)
        ]
        return values, notes, cells

    def provenance(self, codes: Sequence[str]) -> list[tuple[str, str, str]]:
        """See :func:`provenance`: the locations from the cells' references, read in one pass."""
        _, _, currents = self.cell_columns("current")
        _, _, baselines = self.cell_columns("baseline")
        index, prefix = self._positions(), self.prefix
        return [
            ("", "", "") if (k := index.get(code)) is None else (
                f"{prefix}{currents[k]}" if currents[k] else "", self.evidence[k],
                f"{prefix}{baselines[k]}" if baselines[k] else "")
            for code in codes
        ]

    def _values_and_notes(self, column: tuple | None) -> tuple[list, list]:
        """A column's values (a blank cell as None) and notes, one per code; all None without
        the column."""
        n = len(self.codes)
        if column is None:
            return [None] * n, [None] * n
        _letters, values, notes = column
        return [None if value == "" else value for value in values], notes or [None] * n

    def _located(self, column: tuple, k: int) -> tuple | None:
        letters, values, notes = column
        value, note = values[k], None if notes is None else notes[k]
        if value == "":
            value = None
        if value is None and note is None:
            return None
        letter = letters if type(letters) is str else letters[k]
        return value, f"{self.prefix}{letter}{self.rows[k] + 1}", note

    def _cell(self, column: tuple | None, k: int) -> CellValue | None:
        located = None if column is None else self._located(column, k)
        return None if located is None else CellValue(*located)

    def __getitem__(self, code: str) -> IndicatorInput:
        k = self._position(code)
        if k is None:
            raise KeyError(code)
        return IndicatorInput(self._cell(self.current, k), self._cell(self.baseline, k), self.evidence[k])

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self._position(code) is not None

    def __iter__(self):
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __repr__(self) -> str:
        return f"SheetInputs({dict(self.items())!r})"


def provenance(inputs: Mapping[str, IndicatorInput], codes: Sequence[str]) -> list[tuple[str, str, str]]:
    """(current cell's location, evidence, baseline cell's location) of each code, "" where
    there is none, as the codes' IndicatorInputs say, without making them from a SheetInputs."""
    if type(inputs) is SheetInputs:
        return inputs.provenance(codes)
    found = []
    for code in codes:
        entry = inputs.get(code)
        if entry is None:
            found.append(("", "", ""))
            continue
        found.append((entry.current.location if entry.current else "", entry.evidence,
                      entry.baseline.location if entry.baseline else ""))
    return found


def raw_cells(inputs: Mapping[str, IndicatorInput], codes: Sequence[str]) -> list[tuple | None]:
    """``(current value, note, baseline value, note)`` of each code in a submission's inputs.

    See :meth:`SheetInputs.raw`; for other mappings the values come from the IndicatorInputs.
    """
    if type(inputs) is SheetInputs:
        return inputs.raw(codes)
    return [_raw_entry(inputs.get(code)) for code in codes]


def _raw_entry(entry: IndicatorInput | None) -> tuple | None:
    if entry is None:
        return None
    current, baseline = entry.current, entry.baseline
    return (
        None if current is None else current.value,
        None if current is None else current.note,
        None if baseline is None else baseline.value,
        None if baseline is None else baseline.note,
    )


@dataclass
class Submission:
    """One project's submission, read from a form file or one row of a batch sheet."""

    project_id: str
    name: str
    level: str
    source: str
    template: str = ""
    template_version: str = ""
    region: str = ""
    organisation: str = ""
    year: str = ""
    contact: str = ""
    #: A dict, or a form's SheetInputs (read-only).
    inputs: Mapping[str, IndicatorInput] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    #: Extra (code, location) pairs for data rows whose code the scheme does not know; the
    #: reader cannot tell which scheme applies, so matching turns them into warnings.
    unmatched_codes: list[tuple[str, str]] = field(default_factory=list)
    #: For a workspace import: (stored cells, fingerprint) made in the reader process, so that
    #: the process writing the workspace does not make them (scoring/workspace/encoding.py
    #: read_prepared).
    prepared: tuple | None = field(default=None, compare=False, repr=False)
    #: Where the reader found each project field: {"project_id": ("Project", "B2"), …}, so a
    #: refusal about a field (no matching scheme, a duplicate) names its sheet and cell.
    field_cells: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Rejection(_Bilingual):
    """A whole input file (or batch row) refused, with a reason from REJECTION_REASONS."""

    source: str
    reason: str
    message: str
    message_zh: str = ""
    #: The sheet (and cell) the refusal is about, e.g. "Project" and "B2" for an empty project
    #: ID; "" where it is about the whole file. Carried as data so that a window can show it.
    sheet: str = ""
    cell: str = ""

    @property
    def file(self) -> str:
        """The file refused: ``source`` without the ``:Batch!5`` a batch row's source adds."""
        marker = f":{self.sheet}!"
        if self.sheet and marker in self.source:
            return self.source[: self.source.rindex(marker)]
        return self.source

    def as_dict(self) -> dict:
        data = {"source": self.source, "reason": self.reason, "message": self.message}
        if self.message_zh:
            data["message_zh"] = self.message_zh
        if self.sheet:
            data["sheet"], data["cell"] = self.sheet, self.cell
        return data


@dataclass(frozen=True)
class Assessment:
    """An inspector's manual score or override of one criterion's fraction."""

    project_id: str
    code: str
    fraction: float
    inspector: str
    reason: str
    timestamp: str = ""

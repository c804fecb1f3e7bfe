"""How a workspace keeps a submission's cells: columns of JSON in one row, and a fingerprint.

Since workspace format 4 a submission's cells are one row of the ``cells`` table, the JSON
array ``[said, where]``:

- ``said`` is what the submission says, six columns with the rows sorted by code:
  ``[codes, current values, current notes, baseline values, baseline notes, evidence]``. A
  value is a JSON number, text, true/false or null (a blank cell); a date or time is an object
  naming its type (``{"date": "2024-01-02"}``); a note is null where the reader flagged nothing.
- ``where`` is ``[order, prefix, current cells, baseline cells]``: each sorted row's position
  in the reader's order (null when that is already the sorted order), the start all the
  locations share (``file:sheet!``) and each cell's location after it (``E12``; null where the
  submission has no cell).

The fingerprint hashes the project's fields and ``said`` exactly as stored. It ignores where
the values stood, so two files that say the same (a re-saved form, a form with a title row
added or its rows in another order, an unchanged row of a new batch) have the same fingerprint
and make no new version; and it costs no second formatting of the values.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from scoring.core.model import CellValue, IndicatorInput, SheetInputs, Submission

#: The project fields a fingerprint covers (what the Project sheet says besides the id).
PROJECT_FIELDS = (
    "name",
    "level",
    "template",
    "template_version",
    "region",
    "organisation",
    "year",
    "contact",
)

#: (values, notes, locations) of one column of cells; the locations whole, or after a prefix.
Column = tuple[list, list, list]


def stored_cells(submission: Submission) -> tuple[str, str]:
    """The ``cells`` column of a submission and its fingerprint.

    Returns
    -------
    (str, str)
        The JSON described in this module's docstring, and the SHA-256 (hex) of the project
        fields and ``said``.
    """
    inputs = submission.inputs
    if type(inputs) is SheetInputs:  # a form from the readers: from its columns, no objects made
        current, baseline = inputs.cell_columns("current"), inputs.cell_columns("baseline")
        return _stored(_fields(submission), inputs.codes, current, baseline, inputs.evidence, inputs.prefix)
    return _stored(_fields(submission), *_entry_columns(inputs))


def _fields(submission: Submission) -> list[str]:
    return [getattr(submission, f) for f in PROJECT_FIELDS]


def _entry_columns(inputs: Mapping[str, IndicatorInput]) -> tuple[list, Column, Column, list]:
    codes = list(inputs)
    entries = [inputs[code] for code in codes]
    return (
        codes,
        cell_column([e.current for e in entries]),
        cell_column([e.baseline for e in entries]),
        [e.evidence for e in entries],
    )


def cell_column(cells: list[CellValue | None]) -> Column:
    """(values, notes, locations) of a list of cells, None in each for a missing cell."""
    return (
        [None if c is None else c.value for c in cells],
        [None if c is None else c.note for c in cells],
        [None if c is None else c.location for c in cells],
    )


def _stored(
    fields: list, codes: list, current: Column, baseline: Column, evidence: list, prefix: str | None = None
) -> tuple[str, str]:
    """The stored text and fingerprint; the columns' locations are whole unless ``prefix``
    says what they follow."""
    if prefix is None:
        prefix, current, baseline = _shared_prefix(current, baseline)
    order = sorted(range(len(codes)), key=codes.__getitem__)
    said = [codes, current[0], current[1], baseline[0], baseline[1], evidence]
    where = [current[2], baseline[2]]
    in_order = order == list(range(len(codes)))
    if not in_order:
        said = [[column[k] for k in order] for column in said]
        where = [[column[k] for k in order] for column in where]
    said_json = _dumps(said)
    text = f"[{said_json},{_dumps([None if in_order else order, prefix, *where])}]"
    return text, hashlib.sha256(f"{_dumps(fields)}{said_json}".encode("ascii")).hexdigest()


def _shared_prefix(current: Column, baseline: Column) -> tuple[str, Column, Column]:
    """The ``file:sheet!`` all the locations start with ("" when they differ), and the columns
    with their locations after it."""
    locations = [at for at in (*current[2], *baseline[2]) if at is not None]
    common = os.path.commonprefix(locations) if locations else ""
    prefix = common[: common.rfind("!") + 1]
    cut = len(prefix)

    def after(column: Column) -> Column:
        return column[0], column[1], [None if at is None else at[cut:] for at in column[2]]

    return prefix, after(current), after(baseline)


def _dumps(value: object) -> str:
    # ASCII JSON: text that is no valid UTF-8 on its own (a lone surrogate from an old file)
    # survives as an escape; floats keep every digit (repr), NaN and infinities included.
    return json.dumps(value, default=_tagged, separators=(",", ":"))


def _tagged(value: object) -> object:
    """JSON for the values JSON has no type for: dates and times name their type."""
    if isinstance(value, _dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, _dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, _dt.time):
        return {"time": value.isoformat()}
    if isinstance(value, _dt.timedelta):
        return {"timedelta": [value.days, value.seconds, value.microseconds]}
    return str(value)  # no reader makes other types; keep what a person would see


_UNTAG: dict[str, Callable[[Any], object]] = {
    "datetime": _dt.datetime.fromisoformat,
    "date": _dt.date.fromisoformat,
    "time": _dt.time.fromisoformat,
    "timedelta": lambda parts: _dt.timedelta(days=parts[0], seconds=parts[1], microseconds=parts[2]),
}


def _untagged(tagged: dict) -> object:
    ((kind, text),) = tagged.items()
    return _UNTAG[kind](text)


def cells_from_stored(text: str) -> dict[str, IndicatorInput]:
    """A submission's inputs (code → IndicatorInput, in the reader's order) from its ``cells``.

    Reopening a workspace of 1,000 forms rebuilds 60,000 cells, so the loop is written out
    with local names.
    """
    (codes, cv, cn, bv, bn, evidence), (order, prefix, cl, bl) = json.loads(text, object_hook=_untagged)
    positions = range(len(codes)) if order is None else sorted(range(len(codes)), key=order.__getitem__)
    cell, entry = CellValue, IndicatorInput
    return {
        codes[k]: entry(
            None if cl[k] is None else cell(cv[k], prefix + cl[k], cn[k]),
            None if bl[k] is None else cell(bv[k], prefix + bl[k], bn[k]),
            evidence[k],
        )
        for k in positions
    }


def stored_from_entries(fields: list, entries: Iterable[tuple]) -> tuple[str, str]:
    """:func:`stored_cells` of a submission given as its fields and (code, current CellValue,
    baseline CellValue, evidence) per row, in the reader's order: the cells of a workspace
    from before format 4, when it is upgraded or merged."""
    rows = list(entries)
    return _stored(
        fields,
        [row[0] for row in rows],
        cell_column([row[1] for row in rows]),
        cell_column([row[2] for row in rows]),
        [row[3] for row in rows],
    )

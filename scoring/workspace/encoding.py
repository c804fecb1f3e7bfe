"""How values are stored in a workspace: raw cell values with their Python type, issues and
schemes as JSON, and a submission's stored form made while it is read.

The layout of a submission's cells is :mod:`scoring.workspace.cells`; the tables are
:mod:`scoring.workspace.schema`.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scoring.core.model import CellValue, Criterion, Grade, Issue, Scheme, Submission
from scoring.workspace.cells import stored_cells

_INT64 = (-(2**63), 2**63)

#: Stored kinds of a raw value, as the small integers kept in the ``*_kind`` columns (integers
#: rather than names: reading 60,000 cells back then makes 120,000 fewer string objects).
KIND_CODES = {
    "none": 0,
    "int": 1,
    "float": 2,
    "str": 3,
    "bool": 4,
    "int_text": 5,  # an integer beyond SQLite's 64 bits, as text
    "float_text": 6,  # NaN or infinity, which SQLite cannot keep as a number
    "datetime": 7,
    "date": 8,
    "time": 9,
    "timedelta": 10,  # "days,seconds,microseconds"
}
NONE, INT, FLOAT, STR, BOOL, INT_TEXT, FLOAT_TEXT, DATETIME, DATE, TIME, TIMEDELTA = range(len(KIND_CODES))
#: Kinds whose stored value is already the Python value (the common case: no decoding call).
NATIVE_KINDS = frozenset({NONE, INT, FLOAT, STR})


def encode_value(value: object) -> tuple[int, object]:
    """(kind code, storable value) for a raw cell value, keeping its Python type recoverable."""
    if value is None:
        return NONE, None
    if isinstance(value, bool):
        return BOOL, int(value)
    if isinstance(value, int):
        return (INT, value) if _INT64[0] <= value < _INT64[1] else (INT_TEXT, str(value))
    if isinstance(value, float):
        # SQLite stores NaN as NULL, so non-finite numbers travel as their text
        return (FLOAT, value) if math.isfinite(value) else (FLOAT_TEXT, repr(value))
    if isinstance(value, str):
        return STR, value
    if isinstance(value, _dt.datetime):
        return DATETIME, value.isoformat()
    if isinstance(value, _dt.date):
        return DATE, value.isoformat()
    if isinstance(value, _dt.time):
        return TIME, value.isoformat()
    if isinstance(value, _dt.timedelta):
        return TIMEDELTA, f"{value.days},{value.seconds},{value.microseconds}"
    return STR, str(value)  # no reader produces other types; keep what a person would see


def _timedelta(text: str) -> _dt.timedelta:
    days, seconds, micro = (int(part) for part in text.split(","))
    return _dt.timedelta(days=days, seconds=seconds, microseconds=micro)


_DECODERS: dict[int, Callable[[Any], object]] = {
    BOOL: bool,
    INT_TEXT: int,
    FLOAT_TEXT: float,
    DATETIME: _dt.datetime.fromisoformat,
    DATE: _dt.date.fromisoformat,
    TIME: _dt.time.fromisoformat,
    TIMEDELTA: _timedelta,
}


def decode_value(kind: int, value: object) -> object:
    """The Python value of a stored (kind code, value) pair."""
    return value if kind in NATIVE_KINDS else _DECODERS[kind](value)


def read_prepared(path: Path, limits) -> list:
    """Read a file for a workspace import, with each submission's stored form made here.

    Used as the reader of the import's worker processes: the cells as stored and their
    fingerprint are computed beside the reading, in parallel, instead of in the one process
    that writes the workspace and is the slower half of an import.
    """
    from scoring.io.importer import read_file

    results = read_file(path, limits)
    for item in results:
        if isinstance(item, Submission):
            item.prepared = stored_cells(item)
    return results


def cell_key(cell: CellValue | None) -> list | None:
    """A cell's stored identity (kind, value, note) without its location, for comparisons."""
    if cell is None:
        return None
    kind, value = encode_value(cell.value)
    return [kind, value, cell.note]


def issues_to_json(issues: list[Issue]) -> str:
    return json.dumps([i.as_dict() for i in issues], ensure_ascii=False)


def issues_from_json(text: str) -> list[Issue]:
    # message_zh is absent from issues stored before messages were written in Chinese too
    return [Issue(d["severity"], d["kind"], d["location"], d["message"], d.get("message_zh", ""))
            for d in json.loads(text)]


# --------------------------------------------------------------------------- schemes


def scheme_to_json(scheme: Scheme) -> str:
    """The parsed scheme as JSON (floats round-trip exactly through ``repr``)."""
    return json.dumps(dataclasses.asdict(scheme), ensure_ascii=False)


def _known(cls, data: dict) -> dict:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def scheme_from_json(text: str) -> Scheme:
    """Rebuild a Scheme from :func:`scheme_to_json` output (unknown keys are ignored)."""
    data = _known(Scheme, json.loads(text))
    criteria = []
    for item in data.get("criteria", ()):
        fields = _known(Criterion, item)
        fields["choices"] = tuple((str(label), float(f)) for label, f in fields.get("choices", ()))
        fields["choices_zh"] = tuple(str(label) for label in fields.get("choices_zh", ()))
        criteria.append(Criterion(**fields))
    data["criteria"] = tuple(criteria)
    data["grades"] = tuple(Grade(**_known(Grade, g)) for g in data.get("grades", ()))
    return Scheme(**data)

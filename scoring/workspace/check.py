"""The rows SQLite cannot check: JSON columns that a damaged copy may hold unreadable.

SQLite's ``quick_check`` vouches for pages and indexes, not for what a text column says. A
workspace copied through a flaky USB stick, or edited by another program, can pass it and still
hold cells, issues, a parsed scheme, a consensus basis or audit details that are not the JSON
this program wrote. Every reader decodes those columns through :func:`read_stored`, so the damage
is reported the same way wherever it is met, as a damaged workspace naming the table and the
project, never as an "unexpected JSONDecodeError". A merge decodes every row it would take from
a source with :func:`scoring.workspace.store.check_rows` before writing anything, so a damaged
copy never reaches the master (docs/workspace.md,
"What is guaranteed under crashes, full disks and damaged copies").
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from scoring.core.presentation import Said, said

T = TypeVar("T")

#: What decoding a damaged value raises (json's errors are ValueErrors).
_DECODE_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)


class DamagedRow(sqlite3.DatabaseError):
    """A stored value cannot be read although SQLite finds the file sound.

    A :class:`sqlite3.DatabaseError`, so every workspace method reports it as a damaged
    workspace (``records.database_error``) with this message, which names the table,
    the project and what could not be read; ``said`` has it in both languages.
    """

    def __init__(self, message: Said) -> None:
        super().__init__(message.en)
        self.said = message


def read_stored(decode: Callable[[Any], T], value: object, *, table: str, what: Said,
                project_id: str = "") -> T:
    """``decode(value)``, or :class:`DamagedRow` saying where the unreadable value is.

    Parameters
    ----------
    decode : callable
        Turns the stored column into what the program uses.
    value : object
        The column as SQLite returned it.
    table : str
    what : Said
        A few words for the column ("the stored cells").
    project_id : str, optional
        The project the row belongs to, when it belongs to one.
    """
    try:
        return decode(value)
    except _DECODE_ERRORS as exc:
        where = said("ws_in_project", table=table, project=project_id) if project_id else said("ws_in_table",
                                                                                                table=table)
        raise DamagedRow(said("ws_row_unreadable", what=what, where=where,
                              detail=f"{type(exc).__name__}: {exc}")) from exc


def unmatched_from_json(text: object) -> list[tuple]:
    """A submission's ``unmatched`` column: (code, where) pairs the scheme does not know."""
    pairs = [tuple(pair) for pair in _json(text, list)]
    if any(len(pair) != 2 for pair in pairs):
        raise ValueError("expected pairs of code and location")
    return pairs


def detail_from_json(text: object) -> dict:
    """An audit entry's ``detail`` column: an object."""
    return _json(text, dict)


def basis_from_json(text: object) -> dict[str, float]:
    """A consensus record's ``basis``: each inspector's fraction, as stored (name → number)."""
    basis = _json(text, dict)
    for name, fraction in basis.items():
        checked_fraction_column(fraction, f"{name}'s fraction")
    return basis


def _json(text: object, kind: type) -> Any:
    if not isinstance(text, str):
        raise TypeError(f"expected JSON text, found {type(text).__name__}")
    value = json.loads(text)
    if not isinstance(value, kind):
        expected = "object" if kind is dict else "array"
        raise TypeError(f"expected a JSON {expected}, found {type(value).__name__}")
    return value


def checked_fraction_column(value: object, what: str = "the fraction") -> float:
    """A stored fraction (a score's, a consensus's): a number from 0 to 1."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not (
        math.isfinite(value) and 0 <= value <= 1
    ):
        raise ValueError(f"{what} is {value!r}, not a number from 0 to 1")
    return float(value)

"""JSON written as it is made: a document whose long list is an iterator, one item at a time.

``score --json`` for 20,000 projects built the whole document, then its whole text (3.6 GB at
the peak), before writing a byte. Here each project's dict is made, turned into text, written
and dropped in turn; the text is exactly what ``json.dumps(document, ensure_ascii=False,
indent=1)`` gives for the same document with its lists whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

#: Spaces per level, as ``score --json`` has always written.
INDENT = 1


def json_pieces(document: Mapping[str, object]) -> Iterator[str]:
    """The text of ``json.dumps(document, ensure_ascii=False, indent=1)``, in pieces.

    Parameters
    ----------
    document : mapping
        A JSON object; a value that is an iterator (a generator of project dicts) is written
        as a list, item by item as it is read (once); every other value as ``json.dumps``
        writes it.

    Yields
    ------
    str
        Pieces of the text, a top-level value or a list item each.
    """
    if not document:
        yield "{}"
        return
    separator = "{\n"
    for key, value in document.items():
        yield f"{separator}{_indented(key, 1)}: "
        separator = ",\n"
        if isinstance(value, Iterator):
            yield from _list_pieces(value, 1)
        else:
            yield _dumps(value, 1)
    yield "\n}"


def _list_pieces(items: Iterator[object], depth: int) -> Iterator[str]:
    separator = "[\n"
    for item in items:
        yield f"{separator}{_indented(item, depth + 1)}"
        separator = ",\n"
    yield "[]" if separator == "[\n" else "\n" + " " * (INDENT * depth) + "]"


def _indented(value: object, depth: int) -> str:
    """``value`` on its own line(s) at ``depth``: the indent, then its text."""
    return " " * (INDENT * depth) + _dumps(value, depth)


def _dumps(value: object, depth: int) -> str:
    """``value``'s text as it appears ``depth`` levels in: json escapes every newline inside a
    string, so each line break of the text is one of its own lines, indented further."""
    return json.dumps(value, ensure_ascii=False, indent=INDENT).replace("\n", "\n" + " " * (INDENT * depth))

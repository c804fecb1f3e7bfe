"""Text laid out for fixed-width places: a table cell, a terminal line, a printed column.

Widths count in Latin-character cells, a Chinese character taking two, so the CLI's tables,
the workbook's column widths and the PDF's wrapped cells line up in both languages. Numbers
are printed without trailing noise and file locations without a local absolute path
(scoring/core/shown_paths.py).
"""

from __future__ import annotations

import functools
import math
import os
import re
import unicodedata


@functools.lru_cache(maxsize=1 << 16)
def display_width(value: str) -> int:
    """Width in Latin-character cells: wide (CJK) characters count two.

    Kept for the last 65,536 texts: a workbook measures the same names, labels and evidence
    on every row to size it.
    """
    if value.isascii():
        return len(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def clip_text(value: object, width: int) -> str:
    """``value`` as one line no wider than ``width`` cells, with "…" when cut."""
    line = " ".join(str(value if value is not None else "").split())
    if display_width(line) <= width:
        return line
    out, used = [], 0
    for ch in line:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def format_number(value: object, digits: int = 2) -> str:
    """A number for a printed table (no trailing noise), text as is, nothing for None/NaN."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return ""
        if float(value).is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return str(value)


def wrap_text(value: object, width: int, max_lines: int | None = 2) -> list[str]:
    """Break text into lines no wider than ``width`` cells, at spaces for Latin words and
    anywhere between Chinese characters; a word longer than a line is broken inside. With
    ``max_lines``, the last allowed line ends in "…" if text remains; with None, nothing is
    cut (printed outputs: issue 18)."""
    words = " ".join(str(value if value is not None else "").split())
    lines: list[str] = []
    current = ""
    tokens = []
    # a run of Latin word characters first, so "--lang" or "-0.5" is never broken at its hyphen
    for token in re.findall(r"[A-Za-z0-9_.,:;()/%+–-]+|[^\sA-Za-z0-9]|\s", words):
        while display_width(token) > width > 1:
            tokens.append(token[:width])
            token = token[width:]
        tokens.append(token)
    for token in tokens:
        candidate = current + token
        if display_width(candidate) <= width or not current.strip():
            current = candidate
            continue
        lines.append(current.strip())
        current = token.lstrip()
    if current.strip():
        lines.append(current.strip())
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [clip_text(" ".join(lines[max_lines - 1 :]), width)]
    return [clip_text(line, width) for line in lines] or [""]


_FILE_PART = re.compile(r"^(?P<path>.*?\.(?:xlsx|xlsm|xltx|xls|csv|txt|spw|zip|json|pdf))(?P<rest>(?::.*)?)$",
                        re.IGNORECASE)


def shown_location(value: object) -> str:
    """A file name or cell location as a report prints it: never an absolute local path.

    The file part goes through scoring/core/shown_paths.py's one rule, relative to the folder the
    program runs in ("/home/li/pilots/city/c01.xlsx:Data!E5" prints as "city/c01.xlsx:Data!E5"
    from /home/li/pilots, else "c01.xlsx:Data!E5"); the sheet and cell stay as they are.
    """
    text_value = str(value if value is not None else "")
    match = _FILE_PART.match(text_value)
    if match is None:
        return text_value
    return _shown_file(match.group("path"), os.getcwd()) + match.group("rest")


@functools.lru_cache(maxsize=4096)
def _shown_file(path: str, folder: str) -> str:
    """shown_path of a file part, kept: every cell of a form names the same file."""
    from pathlib import Path

    from scoring.core.shown_paths import shown_path

    return shown_path(path, [Path(folder)])

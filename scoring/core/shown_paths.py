"""How outputs that leave the machine name input files: relative, unless asked otherwise.

A JSON result, an audit export, a ranked workbook or a PDF report is mailed to a ministry or
posted on a shared drive. An absolute path in it shows the inspector's user folder
(``C:\\Users\\wang.li\\Desktop\\...``) and says nothing useful to its reader. So every output names
an input file relative to the folder it was given in (``city/C-2024-001.xlsx`` for a file found
under the folder ``submissions`` given on the command line), or by its name alone when it lies
under none of them; ``--full-paths`` keeps the paths as they were given. This is the one place
that rule lives: the JSON, the audit export, the workbook and the PDF all call :func:`shown_path`.
"""

from __future__ import annotations

import ntpath
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import overload

#: Keys of an audit entry's details whose values name a file (import, merge, refusal entries).
PATH_KEYS = frozenset({"path", "source", "into"})


def input_folders(inputs: Iterable[str | Path]) -> list[Path]:
    """The folders outputs name files relative to: each input folder, and each input file's folder.

    Parameters
    ----------
    inputs : iterable of str or Path
        Files and folders as given by the user (command line, or the GUI's chosen files).

    Returns
    -------
    list of Path
        Absolute folders, the deepest first, so a file is named relative to the closest one.
    """
    folders = set()
    for item in inputs:
        path = Path(item).absolute()
        folders.add(path if path.is_dir() else path.parent)
    return sorted(folders, key=lambda f: len(f.parts), reverse=True)


def shown_path(path: str | Path, folders: Sequence[Path] = (), *, full_paths: bool = False) -> str:
    """``path`` as an output names it.

    Parameters
    ----------
    path : str or Path
        An input file as stored or found (absolute or relative, POSIX or Windows spelling: a
        workspace made on Windows may be scored on Linux and the other way round).
    folders : sequence of Path
        The folders given (see :func:`input_folders`); a path under one of them is shown
        relative to it, with forward slashes.
    full_paths : bool
        Show ``path`` exactly as given.

    Returns
    -------
    str

    Examples
    --------
    >>> shown_path("/home/li/in/city/C1.xlsx", [Path("/home/li/in")])
    'city/C1.xlsx'
    >>> shown_path("C:\\\\Users\\\\wang\\\\Desktop\\\\C1.xlsx")
    'C1.xlsx'
    """
    text = os.fspath(path)
    if full_paths or not text:
        return text
    absolute = Path(text).absolute() if not _windows_spelling(text) else None
    if absolute is not None:
        for folder in folders:
            try:
                return absolute.relative_to(folder).as_posix()
            except ValueError:
                continue
    return _name(text)


@overload
def shown_details(detail: dict, folders: Sequence[Path] = (), *, full_paths: bool = False) -> dict: ...
@overload
def shown_details(detail: object, folders: Sequence[Path] = (), *, full_paths: bool = False) -> object: ...
def shown_details(detail: object, folders: Sequence[Path] = (), *, full_paths: bool = False) -> object:
    """An audit entry's details with every file named by :func:`shown_path` (a copy)."""
    if full_paths:
        return detail
    if isinstance(detail, dict):
        return {
            key: shown_path(value, folders) if key in PATH_KEYS and isinstance(value, str)
            else shown_details(value, folders)
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return [shown_details(value, folders) for value in detail]
    return detail


def shown_result(data: dict, folders: Sequence[Path] = (), *, full_paths: bool = False) -> dict:
    """A result's JSON (``AssessmentRun.as_dict`` and its additions) with files named by
    :func:`shown_path`: each project's and each refused input's ``source``. A list given as an
    iterator (``AssessmentRun.json_document``) stays one, each item changed when it is read."""
    if full_paths:
        return data

    def shown(item: dict) -> dict:
        if isinstance(item.get("source"), str):
            item["source"] = shown_path(item["source"], folders)
        return item

    for key in ("projects", "rejected"):
        items = data.get(key, ())
        if isinstance(items, Iterator):
            data[key] = map(shown, items)
        else:
            for item in items:
                shown(item)
    return data


def told_apart(first: str | Path, second: str | Path) -> tuple[str, str]:
    """Two input files named so that a reader can tell them apart in one message.

    Each is named relative to the deepest folder the two share: by name alone when they sit in
    one folder, with the folders that differ when they do (the same ``C-2024-001.xlsx`` under
    ``city`` and under ``round_2025/city``).

    Examples
    --------
    >>> told_apart("/d/city/C1.xlsx", "/d/round_2025/city/C1.xlsx")
    ('city/C1.xlsx', 'round_2025/city/C1.xlsx')
    >>> told_apart("/d/city/C1.xlsx", "/d/city/C2.xlsx")
    ('C1.xlsx', 'C2.xlsx')
    """
    paths = [Path(os.fspath(p)).absolute() for p in (first, second)]
    try:
        shared = Path(os.path.commonpath(paths))
    except ValueError:  # different drives: only the whole paths tell them apart
        return os.fspath(first), os.fspath(second)
    a, b = (p.relative_to(shared).as_posix() if p != shared else p.name for p in paths)
    return a, b


def _windows_spelling(text: str) -> bool:
    """A path written on Windows (``C:\\...`` or ``\\\\server\\share``) read elsewhere."""
    return os.name != "nt" and (bool(PureWindowsPath(text).drive) or "\\" in text)


def _name(text: str) -> str:
    """The last part of a path in either spelling."""
    return ntpath.basename(text) if "\\" in text else PurePosixPath(text).name or text

"""Writing an output file in one step, so a reader never sees half of it.

Every output (ranked workbook, PDF report, JSON result, audit export, forms) is written to a
temporary file beside its destination, flushed to the disk (fsync) and renamed over it only
when complete. A crash, a kill, a full disk or a cancelled export leaves the old file (or none),
never a broken one, and the temporary file is removed on every error path. One that a killed
process could not remove is cleaned up by the next export to that folder; a temporary file
still being written by another export is recognised by the lock its writer holds on it.

A write that fails raises :class:`OutputError`, which names the real file (not the temporary
one) and says plainly, in English and Chinese, what happened: disk full, file too large,
broken pipe, no permission.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from scoring.core.presentation import WRITE_FAILURE_TEXT

#: Temporary outputs are named ``.~<name>.<random>.sptmp<suffix>``: hidden, recognisable, and
#: still ending in the real suffix for writers that look at it.
_MARK = ".sptmp"
_TEMPORARY = re.compile(r"^\.~.*\.[a-z0-9_]{8}\.sptmp(\.[^.]*)?$")
#: Left by versions before the mark: ``.~<stem><random><suffix>`` (``.~r8u0kqgq2.xlsx``).
_OLD_TEMPORARY = re.compile(r"^\.~.+[a-z0-9_]{8}\.(xlsx|pdf|json)$")

def _reason(code: int | None, detail: str) -> tuple[str, str]:
    """(Chinese, English) of why a write failed: the catalogue's words for a known errno."""
    name = errno.errorcode.get(code or 0, "")
    known = WRITE_FAILURE_TEXT.get("EACCES" if name == "EPERM" else name)
    if known is not None:
        return known
    return (f"系统错误：{detail}" if detail else "无法写入该文件", detail or "the file could not be written")


class OutputError(OSError):
    """An output file could not be written; ``message`` and ``message_zh`` say why.

    An :class:`OSError` whose ``filename`` is the destination asked for and whose ``strerror``
    is the plain English reason, so code that reports OS errors keeps working.
    """

    def __init__(self, path: str | Path, code: int | None, detail: str = "") -> None:
        chinese, english = _reason(code, detail)
        super().__init__(code or errno.EIO, english, str(path))
        self.message = f"cannot write {path}: {english}"
        self.message_zh = f"无法写入 {path}：{chinese}"

    def __str__(self) -> str:
        return self.message

    def text(self, lang: str) -> str:
        """The message in ``lang`` ("zh" or "en")."""
        return self.message_zh if lang == "zh" else self.message


def output_error(path: str | Path, exc: BaseException) -> OutputError:
    """An :class:`OutputError` for ``path`` from a failure while writing it.

    The operating system's error may sit under another one (a compressor that fails while
    flushing after the disk filled up): the first OSError in the chain gives the reason.
    """
    if isinstance(exc, OutputError):
        return exc
    found = os_cause(exc)
    if found is not None:
        return OutputError(path, found.errno, found.strerror or str(found))
    return OutputError(path, None, f"{type(exc).__name__}: {exc}")


def os_cause(exc: BaseException) -> OSError | None:
    """The first OSError in ``exc``'s chain of causes and contexts, or None."""
    found: BaseException | None = exc
    seen = set()
    while found is not None and id(found) not in seen:
        if isinstance(found, OSError):
            return found
        seen.add(id(found))
        found = found.__cause__ or found.__context__
    return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def replacing(out: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``out``; on success it replaces ``out``.

    An exception in the body, or the body deleting the temporary file (a cancelled export),
    keeps ``out`` as it was and removes the temporary file. The new file is flushed to the disk
    before the rename and gets the permissions a newly created file would have (mkstemp's own
    are owner-only). Stale temporary files of killed exports in the folder are removed first.

    Parameters
    ----------
    out : str or Path
        The destination; its folder is created if needed.

    Raises
    ------
    OutputError
        When the folder, the temporary file or the rename fails for an operating-system
        reason (also when the body's failure was caused by one).
    """
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(out.parent)
        # the stem cut to 100 bytes, so that a long name (255 bytes at most) leaves room for the marks
        prefix = f".~{out.stem.encode()[:100].decode('utf-8', 'ignore')}."
        handle, name = tempfile.mkstemp(prefix=prefix, suffix=_MARK + out.suffix, dir=out.parent)
    except OSError as exc:
        raise output_error(out, exc) from exc
    temporary = Path(name)
    _hold(handle)  # this export's mark that the file is in use; released by closing it
    try:
        try:
            yield temporary
        except OSError as exc:
            raise output_error(out, exc) from exc
        except Exception as exc:  # e.g. a compressor failing to flush after the disk filled up
            cause = os_cause(exc)
            if cause is None:
                raise
            raise output_error(out, cause) from exc
        if temporary.exists():
            try:
                os.chmod(temporary, 0o666 & ~_umask())
                _flush_to_disk(temporary)
                os.replace(temporary, out)
                _flush_folder(out.parent)
            except OSError as exc:
                raise output_error(out, exc) from exc
    finally:
        os.close(handle)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def write_bytes(out: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``out`` in one step (see :func:`replacing`); return ``out``."""
    out = Path(out)
    with replacing(out) as temporary:
        temporary.write_bytes(data)
    return out


def write_text(out: str | Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``out`` in one step (see :func:`replacing`); return ``out``."""
    return write_bytes(out, text.encode("utf-8"))


def save_workbook(workbook, stream, *, modified: _dt.datetime | None = None) -> None:
    """Save an openpyxl ``workbook`` into ``stream`` (a path or binary file).

    Unlike ``Workbook.save``, nothing is left behind when a write fails (a full disk): the zip
    is closed on every path, and each worksheet's XML is built in memory instead of in a
    temporary file of openpyxl's own in the system's temporary folder, which a failure would
    leave there open and undeleted. Write-only workbooks keep openpyxl's way.

    Parameters
    ----------
    workbook : openpyxl.Workbook
    stream : str, Path or binary file
    modified : datetime, optional
        The workbook's modification time (UTC, naive); now when not given.
    """
    from openpyxl.writer.excel import ExcelWriter

    class SheetsInMemory(ExcelWriter):
        def write_worksheet(self, ws) -> None:
            if self.workbook.write_only:
                super().write_worksheet(ws)
            else:
                write_sheet_in_memory(self, ws)

    now = _dt.datetime.now(tz=_dt.UTC).replace(tzinfo=None)
    workbook.properties.modified = modified or now
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        SheetsInMemory(workbook, archive).save()


#: The openpyxl whose internals :func:`write_sheet_in_memory` follows (requirements.txt pins it;
#: tests/test_atomic.py fails when openpyxl's own ExcelWriter.write_worksheet differs).
OPENPYXL_INTERNALS = "3.1.5"


def write_sheet_in_memory(writer, ws) -> None:
    """openpyxl's ``ExcelWriter.write_worksheet`` (3.1.5) with the sheet's XML built in memory.

    The one place that reaches into openpyxl's private parts, because no public way exists:
    openpyxl writes each sheet's XML to a file of its own in the system's temporary folder,
    which a failed write left there, open, and a full temporary folder turned into an
    'unexpected OSError' (issue 15); its WorksheetWriter takes a BytesIO as ``out`` instead.
    The rest of the saving reads the sheet's drawing and relationships from where openpyxl's
    own method puts them (``ws._drawing``, ``ws._rels``), so this does the same.
    """
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter

    ws._drawing = SpreadsheetDrawing()
    ws._drawing.charts = ws._charts
    ws._drawing.images = ws._images
    sheet = WorksheetWriter(ws, out=BytesIO())
    sheet.write()
    ws._rels = sheet._rels  # type: ignore[attr-defined]
    writer._archive.writestr(ws.path[1:], sheet.read())
    writer.manifest.append(ws)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove temporary outputs in ``folder`` that no export is writing any more.

    A temporary file is in use while its export holds a lock on it (POSIX) or keeps it open
    (Windows, where an open file cannot be removed); others were left by a killed process.
    Returns the files removed.
    """
    removed: list[Path] = []
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return removed
    for name in names:
        if not (_TEMPORARY.match(name) or _OLD_TEMPORARY.match(name)):
            continue
        path = folder / name
        if _unused(path):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _flush_to_disk(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles for this)."""
    if os.name == "nt":  # pragma: no cover - Windows
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


if os.name == "nt":  # pragma: no cover - exercised on Windows only

    def _hold(fd: int) -> None:
        """An open file cannot be removed on Windows: keeping it open is the mark."""

    def _unused(path: Path) -> bool:
        return True  # the removal itself fails while the file is open

else:
    import fcntl

    def _hold(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)

    def _unused(path: Path) -> bool:
        """True when nobody holds a lock on ``path`` (file systems without locks: False)."""
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False
        finally:
            os.close(fd)

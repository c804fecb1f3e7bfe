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
import gc
import os
import re
import tempfile
import threading
import zipfile
from collections.abc import Iterable, Iterator
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


def write_pieces(out: str | Path, pieces: Iterable[str]) -> Path:
    """Write the text ``pieces`` as UTF-8 to ``out`` as they come, replacing it in one step
    once all are written (see :func:`replacing`), so the whole text is never held; return ``out``."""
    out = Path(out)
    with replacing(out) as temporary, temporary.open("w", encoding="utf-8", newline="") as stream:
        for piece in pieces:
            stream.write(piece)
    return out


def save_workbook(workbook, stream, *, modified: _dt.datetime | None = None) -> None:
    """Save an openpyxl ``workbook`` into ``stream`` (a path or binary file).

    Unlike ``Workbook.save``, nothing is left behind when a write fails (a full disk): the zip
    is closed on every path, and the temporary file openpyxl writes each worksheet's XML to
    goes to a folder of this save's own (:func:`openpyxl_temporaries_confined`), removed
    afterwards with whatever openpyxl left in it.

    Parameters
    ----------
    workbook : openpyxl.Workbook
    stream : str, Path or binary file
    modified : datetime, optional
        The workbook's modification time (UTC, naive); now when not given.
    """
    from openpyxl.writer.excel import ExcelWriter

    now = _dt.datetime.now(tz=_dt.UTC).replace(tzinfo=None)
    workbook.properties.modified = modified or now
    with openpyxl_temporaries_confined(), \
            zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()


#: One save at a time: the folder openpyxl's temporary files go to is ``tempfile.tempdir``,
#: a single setting for the whole process.
_SAVING = threading.Lock()
#: How openpyxl names the temporary file of each worksheet it writes (NamedTemporaryFile's
#: ``prefix="openpyxl."``).
OPENPYXL_TEMPORARY = "openpyxl.*"
#: A save's own folder in the system's temporary folder is ``synergypilot-save-<random>``, and
#: holds a file of this name whose lock (POSIX) or open handle (Windows) says the save is running.
SAVE_FOLDER_PREFIX = "synergypilot-save-"
SAVE_IN_PROGRESS = ".saving"


@contextlib.contextmanager
def openpyxl_temporaries_confined() -> Iterator[Path]:
    """While the body runs, Python's temporary files go to a new folder; then openpyxl's go.

    openpyxl writes each worksheet's XML to a temporary file of its own (``openpyxl.*``) in the
    system's temporary folder and removes it only when the save succeeds: a save stopped by a
    full disk left it there, filling the temporary folder until the process ended. No option
    of openpyxl's changes that, but its files are made with :mod:`tempfile`'s defaults, so
    pointing the documented ``tempfile.tempdir`` at a folder of this save's own gathers them
    where they can be removed afterwards, without guessing which ``openpyxl.*`` files in the
    shared temporary folder belong to another process. A folder left by a killed process is
    removed by the next save (its :data:`SAVE_IN_PROGRESS` file is no longer held).

    The trade-off: ``tempfile.tempdir`` is one setting for the whole process. Saves take turns
    (a lock); another thread that makes a temporary file during a save makes it in the save's
    folder: it is kept there (only ``openpyxl.*`` files are removed, and the folder only when
    empty), and a thread that looked the folder up just before the save ended and creates its
    file just after finds the folder gone. A workbook saved outside this function (there is
    none in scoring/ or gui/) while a save runs could have its temporary file removed.

    Yields
    ------
    Path
        The folder.
    """
    with _SAVING:
        system = Path(tempfile.gettempdir())
        remove_stale_save_folders(system)
        folder = Path(tempfile.mkdtemp(prefix=SAVE_FOLDER_PREFIX, dir=system))
        marker = os.open(folder / SAVE_IN_PROGRESS, os.O_CREAT | os.O_RDWR, 0o600)
        _hold(marker)
        previous = tempfile.tempdir
        tempfile.tempdir = str(folder)
        try:
            yield folder
        finally:
            tempfile.tempdir = previous
            os.close(marker)
            _remove_save_folder(folder)


def remove_stale_save_folders(system: Path) -> list[Path]:
    """Remove what saves killed before their end left in ``system`` (their folders and
    openpyxl's files in them); a folder whose save still runs, in any process, is kept.
    Returns the folders removed."""
    removed = []
    for folder in system.glob(SAVE_FOLDER_PREFIX + "*"):
        marker = folder / SAVE_IN_PROGRESS
        if marker.is_file() and _unused(marker):
            _remove_save_folder(folder)
            if not folder.exists():
                removed.append(folder)
    return removed


def _remove_save_folder(folder: Path) -> None:
    """Remove the save's mark and openpyxl's files from ``folder``, and the folder if nothing
    else is in it; nothing when the mark cannot be removed (Windows: a running save holds it)."""
    try:
        (folder / SAVE_IN_PROGRESS).unlink(missing_ok=True)
    except OSError:
        return
    for path in folder.glob(OPENPYXL_TEMPORARY):
        try:
            path.unlink()
        except PermissionError:  # pragma: no cover - Windows: still open in a failed writer
            gc.collect()  # the failed save's writer, unreachable now, closes it
            with contextlib.suppress(OSError):
                path.unlink()
        except OSError:
            pass
    with contextlib.suppress(OSError):
        folder.rmdir()  # fails, keeping them, when another thread's files are in it


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

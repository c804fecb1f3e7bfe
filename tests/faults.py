"""A disk that fills up on demand, for the fault tests (tests/test_faults.py).

Two kinds, and every fault test runs on each kind the machine allows (:data:`KINDS`):

- ``rlimit``, everywhere: ``RLIMIT_FSIZE``, which needs no privileges; no file may grow beyond
  ``n`` bytes, and writes fail with EFBIG ("file too large") in this process and in the child
  processes it starts. It limits every file the process writes, so a test leaves room for
  SQLite's shared-memory index (:data:`SQLITE_SHM_BYTES`) and writes nothing else meanwhile.
- ``tmpfs``, where the tests may mount file systems (root in a container or on CI): a real
  tmpfs of a few megabytes filled with a ballast file until only ``leave(n)`` bytes are free;
  writes then fail with ENOSPC exactly as on a full disk, whatever file they go to.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: Size of the tmpfs: room for a small workspace, its log and an export or two.
DISK_BYTES = 16 * 1024 * 1024
#: What SQLite writes into a workspace's ``-shm`` file when it opens it (its first region), so
#: the least a file-size limit must allow for a workspace to open at all.
SQLITE_SHM_BYTES = 32 * 1024


class SmallDisk:
    """A folder whose free space the test sets (``leave``) and gives back (``free``)."""

    def __init__(self, folder: Path, mounted: bool) -> None:
        self.folder = folder
        self.mounted = mounted
        self._ballast = folder / ".ballast"
        self._limits = resource.getrlimit(resource.RLIMIT_FSIZE)

    @property
    def error_words(self) -> str:
        """What a failed write is called in workspace messages."""
        return "disk is full" if self.mounted else "larger than the system allows"

    @property
    def error_words_zh(self) -> str:
        """The same in Chinese."""
        return "磁盘已满" if self.mounted else "超出系统允许的大小"

    def leave(self, free: int) -> None:
        """Let only about ``free`` more bytes be written (per file, with the RLIMIT fallback)."""
        if not self.mounted:
            resource.setrlimit(resource.RLIMIT_FSIZE, (free, self._limits[1]))
            return
        self._ballast.unlink(missing_ok=True)
        stats = os.statvfs(self.folder)
        room = stats.f_bavail * stats.f_frsize - free
        with open(self._ballast, "wb") as handle:
            with contextlib.suppress(OSError):
                handle.write(b"\0" * max(room, 0))

    def fill(self) -> None:
        """Let nothing more be written, except, under a file-size limit, the shared-memory index
        that SQLite writes to open a workspace at all (a full tmpfs keeps none back)."""
        self.leave(0 if self.mounted else SQLITE_SHM_BYTES)

    def free(self) -> None:
        """Give the space back, as a user does after deleting files."""
        if self.mounted:
            self._ballast.unlink(missing_ok=True)
        else:
            resource.setrlimit(resource.RLIMIT_FSIZE, self._limits)

    def files(self) -> list[str]:
        """What the folder holds besides the ballast, sorted."""
        return sorted(p.name for p in self.folder.iterdir() if p != self._ballast)


def _mount(folder: Path) -> bool:
    if os.name != "posix" or os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(folder)],
        capture_output=True,
    )
    return done.returncode == 0


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


def _can_mount() -> bool:
    """Whether this process may mount a tmpfs (tried once, on a folder of its own)."""
    with tempfile.TemporaryDirectory() as folder:
        if not _mount(Path(folder)):
            return False
        _unmount(Path(folder))
        return True


#: The kinds of small disk this machine allows: ``rlimit`` always, ``tmpfs`` where permitted.
KINDS = ("rlimit", "tmpfs") if _can_mount() else ("rlimit",)


@contextlib.contextmanager
def small_disk(tmp_path: Path, kind: str = KINDS[-1]) -> Iterator[SmallDisk]:
    """A :class:`SmallDisk` of ``kind`` under ``tmp_path``; unmounted (or the limit restored)
    afterwards."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = kind == "tmpfs" and _mount(folder)
    if kind == "tmpfs" and not mounted:
        raise RuntimeError(f"{folder}: a tmpfs could not be mounted")
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
    disk = SmallDisk(folder, mounted)
    try:
        yield disk
    finally:
        disk.free()
        signal.signal(signal.SIGXFSZ, old_handler)
        if mounted:
            _unmount(folder)

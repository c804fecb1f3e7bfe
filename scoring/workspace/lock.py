"""Who has a workspace open: an operating-system lock on a small ``<workspace>.lock`` file.

Why this and not a lock row or an ``O_EXCL`` file with a pid inside: the operating system
releases a byte-range lock by itself when its process ends, however it ends (closed window,
crash, SIGKILL, power cut), so a workspace is never left "in use" by a program that is gone and
nobody has to guess from a pid whether the owner still lives (pids are reused, and a pid means
nothing on another computer sharing the folder). The lock file also holds who took it (user,
computer, process, time), which the second instance shows in its message. POSIX systems use
``flock`` (per open file, so two opens in one process also exclude each other); Windows uses
``msvcrt.locking`` on one byte far past the text, so the owner text stays readable.

SQLite's own locking still guards every write (``BEGIN IMMEDIATE``), so even a program that
ignores this file cannot interleave half-transactions with ours; the lock file is about one
*writer session* at a time, so that one instance's view is never changed behind its back.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from scoring.core.presentation import Said, said

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

#: Windows locks a byte range; lock one byte far beyond the owner text so others can read it.
_WINDOWS_LOCK_OFFSET = 1 << 20


class LockUnavailable(Exception):
    """The lock file cannot be created at all (read-only folder or medium)."""


@dataclass(frozen=True)
class LockOwner:
    """Who holds a workspace lock, as written in the lock file."""

    user: str = ""
    host: str = ""
    pid: int = 0
    since: str = ""

    def describe(self) -> Said:
        """A phrase such as ``li.wei on LAPTOP-7 (process 4242) since 2024-05-01 09:30``."""
        if not (self.user or self.host or self.pid):
            return said("ws_owner_unknown")
        return said("ws_owner", user=self.user or said("ws_someone"), host=self.host or said("ws_a_computer"),
                    pid=self.pid, since=self.since)


def current_user() -> str:
    """The operating-system user name, or ``unknown`` when the system will not say."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # getpass raises several types when no user name is configured
        return "unknown"


def _owner_text() -> bytes:
    now = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
    info = {"user": current_user(), "host": socket.gethostname(), "pid": os.getpid(), "since": now}
    return json.dumps(info, ensure_ascii=False).encode("utf-8")


class FileLock:
    """An exclusive, non-blocking lock on ``path`` (the workspace's ``.lock`` file).

    Parameters
    ----------
    path : Path
        The lock file; created when needed and removed when released.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if nobody holds it; True when taken.

        Raises
        ------
        LockUnavailable
            When the lock file cannot be created (read-only folder).
        """
        for _ in range(5):  # retry when the owner removed the file between our open and lock
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
            except OSError as exc:
                raise LockUnavailable(exc.strerror or str(exc))
            if not _try_lock(fd):
                os.close(fd)
                return False
            if not _same_file(fd, self.path):
                _unlock(fd)
                os.close(fd)
                continue
            _write_owner(fd)
            self._fd = fd
            return True
        return False

    def owner(self) -> LockOwner:
        """Who holds the lock, as far as the lock file says (empty when unreadable)."""
        try:
            info = json.loads(self.path.read_bytes().split(b"\0", 1)[0].decode("utf-8"))
            return LockOwner(
                str(info.get("user", "")),
                str(info.get("host", "")),
                int(info.get("pid", 0)),
                str(info.get("since", "")),
            )
        except (OSError, ValueError, TypeError, AttributeError):
            return LockOwner()

    def release(self) -> None:
        """Give the lock up and remove the file (no litter beside the workspace)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if os.name != "nt":
            # Unlink while still holding the lock: a waiting opener then sees a new inode and
            # retries, instead of locking a file that is no longer on disk.
            _remove(self.path)
            _unlock(fd)
            os.close(fd)
        else:  # pragma: no cover - Windows cannot remove a file that is still open
            _unlock(fd)
            os.close(fd)
            _remove(self.path)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass  # another instance has it open (Windows) or already removed it


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except OSError:
        return False
    mine = os.fstat(fd)
    return (on_disk.st_ino, on_disk.st_dev) == (mine.st_ino, mine.st_dev) or os.name == "nt"


def _write_owner(fd: int) -> None:
    text = _owner_text()
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text)
        os.ftruncate(fd, len(text))
    except OSError:
        pass  # the owner text is a courtesy for messages; the lock itself is what counts


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
        except OSError:
            # A file system without flock support (some network shares): treat the lock as
            # ours; SQLite's own locking still serialises every write.
            return True

    def _unlock(fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        except OSError:
            pass

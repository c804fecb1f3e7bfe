"""Writing an output file in one step, so a reader never sees half of it.

A report is written to a temporary file beside its destination and moved over it only when
complete; a crash or a cancelled export leaves the old file (or none), never a broken one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``out``; on success it replaces ``out``.

    An exception in the body, or the body deleting the temporary file (e.g. a cancelled
    export), keeps ``out`` as it was. The new file gets the permissions a newly created file
    would have (mkstemp's own are owner-only).

    Parameters
    ----------
    out : Path
        The destination; its folder is created if needed.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".~" + out.stem, suffix=out.suffix, dir=out.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        if temporary.exists():
            os.chmod(temporary, 0o666 & ~_umask())
            os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)

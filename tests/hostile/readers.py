"""Stand-in readers for the worker tests: one that hangs and one that dies on chosen files.

Workers receive their reader pickled, so these live in a module rather than in a test.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from scoring.io.importer import read_file
from scoring.io.safe_read import Limits


def hangs_on_slow(path: Path, limits: Limits):
    """Read normally, except that a file named ``slow*`` never finishes."""
    if path.name.startswith("slow"):
        time.sleep(3600)
    return read_file(path, limits)


def dies_on_crash(path: Path, limits: Limits):
    """Read normally, except that a file named ``crash*`` kills the worker outright."""
    if path.name.startswith("crash"):
        os._exit(3)
    return read_file(path, limits)


def raises_on_bug(path: Path, limits: Limits):
    """A reader with a bug: the worker must survive it and the file be refused."""
    if path.name.startswith("bug"):
        raise RuntimeError("a bug in the reader")
    return read_file(path, limits)


def takes_a_while(path: Path, limits: Limits):
    """Read normally, taking 0.6 s more over each file named ``while*``."""
    if path.name.startswith("while"):
        time.sleep(0.6)
    return read_file(path, limits)

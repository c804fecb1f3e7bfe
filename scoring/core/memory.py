"""Memory helpers shared by the readers, the engine's result building and the workspace."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused_gc():
    """Hold the cyclic garbage collector while many small, acyclic objects are made.

    Creating 100,000 cells (or results) sets the collector off again and again, which took
    about 40 % of the time of reading a workspace back; reference counting still frees
    everything, and nothing made here forms cycles.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()

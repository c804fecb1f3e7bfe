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

    When the collector resumes, what was made meanwhile joins the oldest generation at once
    (``gc.freeze`` then ``gc.unfreeze``: no object is looked at). Left in the youngest, all of
    it would be walked by the collector's next pass and again by the one after, finding
    nothing: 20 ms after 1,000 forms were read, between reading and scoring them, and ten
    times that after 10,000. A cycle among them is still collected by a full pass.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.unfreeze()
            gc.enable()

"""Keep None, True and False alive whatever PySide6 does to their reference counts.

PySide6 6.12.0 (the only release the package index offers) on CPython 3.11 returns None from
every Qt method that returns nothing without taking a reference: each ``label.setText(...)``
takes one reference from None. A window that updates its labels a few ten thousand times —
an assessment day — ends in "Fatal Python error: deallocating None" and loses the session.
CPython 3.12 and later make these objects immortal, so the bug cannot bite there; on 3.11 the
app gives them the headroom immortality would: 2**40 extra references, which a session would
need a trillion Qt calls to use up. Remove this module once the app runs on Python 3.12+ or on
a PySide6 release without the leak (tests/gui/test_singletons.py shows which).
"""

from __future__ import annotations

import ctypes
import sys

#: References added to each singleton: more than any session can take away.
HEADROOM = 1 << 40


def make_singletons_immortal() -> bool:
    """Give None, True and False :data:`HEADROOM` more references, once, on CPython before 3.12.

    Returns
    -------
    bool
        Whether the counts were raised (False where the interpreter makes them immortal itself,
        or when already done).
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if sys.getrefcount(None) > HEADROOM:
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the object's first field (a Py_ssize_t) in every CPython build.
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += HEADROOM
    return True

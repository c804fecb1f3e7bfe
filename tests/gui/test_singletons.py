"""PySide6 6.12.0 on CPython 3.11 takes a reference from None at every Qt call returning nothing;
gui/singletons.py gives None, True and False the headroom CPython 3.12 gives them by design."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

#: Enough calls to use up None's references in a bare process several times over.
CALLS = 300_000

PROBE = f"""
import sys
{{setup}}
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for _ in range({CALLS}):
    label.setText("x")
    label.setVisible(False)
print("alive")
"""


def _run(setup: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", PROBE.format(setup=setup)], capture_output=True,
                          text=True, env=env, timeout=600)


def test_a_long_session_of_qt_calls_does_not_free_none():
    done = _run("import gui")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "alive"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_the_guard_is_still_needed_by_this_pyside6():
    """Fails once PySide6 stops leaking: then gui/singletons.py can go."""
    bare = _run("")
    assert bare.returncode != 0 and "deallocating None" in bare.stderr

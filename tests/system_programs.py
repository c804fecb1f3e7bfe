"""Programs outside Python that some tests need: poppler-utils (pdftotext, pdfinfo, pdffonts)
to read the PDF report as text, LibreOffice to open the workbook as a spreadsheet program does.

On a developer's machine without one, the test skips and says what to install. In CI
(``CI=true``), ``.ci/run`` has installed them, so a missing program is a failure: a check that
quietly did not run must not pass.
"""

from __future__ import annotations

import os
import shutil

import pytest


def in_ci() -> bool:
    """Whether the suite runs in CI (``CI`` set to true, as CI services and ``.ci/run`` do)."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def program(*names: str, package: str) -> str:
    """The path of the first of ``names`` found on PATH.

    Without any: skip the calling test, or fail it in CI.

    Parameters
    ----------
    *names : str
        The program and any other name it goes by (``"soffice", "libreoffice"``).
    package : str
        The Debian/Ubuntu package that installs it, for the message.
    """
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"{' or '.join(names)} is not installed (apt-get install {package})"
    if in_ci():
        pytest.fail(f"{message}; CI must run this test, .ci/run installs the package", pytrace=False)
    pytest.skip(message)

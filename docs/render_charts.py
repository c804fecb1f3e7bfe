"""Render the pictures of docs/reports.md from the demo data: ``python docs/render_charts.py``.

Writes the demo submissions to a temporary folder, scores them with the shipped templates and
draws one PNG of each chart (Chinese labels) of the city scheme into docs/charts/.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.build.demo import write_demo  # noqa: E402
from scoring.io.pipeline import run  # noqa: E402
from scoring.reports.charts.figures import save_chart_png  # noqa: E402
from scoring.reports.charts.kinds import CHART_KINDS  # noqa: E402

OUT = ROOT / "docs" / "charts"
LEVEL = "city"


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        write_demo(Path(folder))
        result = run(sorted((ROOT / "templates").glob("*.xlsx")), [folder])
    scheme = next(s for s in result.schemes if s.level == LEVEL)
    projects = result.projects_of(scheme)
    OUT.mkdir(parents=True, exist_ok=True)
    for kind in CHART_KINDS:
        options = {"selected": projects[:3]} if kind == "radar" else {}
        save_chart_png(kind, scheme, projects, OUT / f"{kind}.png", lang="zh", dpi=90, **options)
        print(OUT / f"{kind}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The demo's second round (issue 20): the same pilots a year later, one dropped, one new."""

from __future__ import annotations

import shutil

import pytest

from scoring.analysis.tracking import track_workspace
from scoring.build.demo_rounds import DROPPED, FOLDER, NEW_PROJECT, next_value, write_second_round
from scoring.core.model import Criterion
from scoring.workspace.facade import Workspace
from tests.test_demo import TEMPLATES


@pytest.mark.parametrize(
    "criterion, current, baseline, move, expected",
    [
        # value, 0..100: 50 + 0.2·100 = 70
        (Criterion("V", "D", "V", "value", 1, direction="higher", worst=0, best=100), 50, None, 0.2, 70),
        # change, lower, 0..18: r = (100 − 94)/100·100 = 6, +0.5·18 = 15 → 100 − 15 = 85
        (Criterion("C", "D", "C", "change", 1, direction="lower", worst=0, best=18), 94, 100, 0.5, 85),
        # change, higher, 0..50: r = 10, −0.1·50 = 5 → 40·1.05 = 42
        (Criterion("H", "D", "H", "change", 1, direction="higher", worst=0, best=50), 44, 40, -0.1, 42),
        (Criterion("Y", "D", "Y", "yesno", 1), "否", None, 0.35, "是"),
        (Criterion("Y", "D", "Y", "yesno", 1), "否", None, 0.12, "否"),
    ],
)
def test_a_figure_a_year_later(criterion, current, baseline, move, expected):
    assert next_value(criterion, current, baseline, move) == pytest.approx(expected)


@pytest.mark.slow
def test_the_second_round_tracks_improvers_a_dropped_and_a_new_pilot(demo_submissions, tmp_path):
    demo = tmp_path / "demo"
    shutil.copytree(demo_submissions.folder, demo)  # the second round is written beside the first
    written = write_second_round(demo)
    names = {p.stem for p in written}
    assert len(written) == 86 and DROPPED not in names and NEW_PROJECT["project_id"] in names
    assert all(p.parent.parent == demo / FOLDER for p in written)
    with Workspace.create(tmp_path / "w.spw") as workspace:
        workspace.add_templates(sorted(TEMPLATES.glob("*.xlsx")))
        workspace.import_files([demo / name for name in ("region", "city", "park", "enterprise", "batch")])
        report = workspace.import_files([demo / FOLDER])
        assert report.rejected == [] and report.resubmitted == []
        assert [(r.label, r.projects) for r in workspace.rounds()] == [("2024", 86), ("2025", 86)]
        tracking = track_workspace(workspace)
    city, park = (next(s for s in tracking.schemes if s.level == level) for level in ("city", "park"))
    assert city.project(DROPPED).points[1] is None
    assert park.project(NEW_PROJECT["project_id"]).points[0] is None
    changes = [t.change_total for s in tracking.schemes for t in s.projects if t.change_total is not None]
    assert sum(c > 0 for c in changes) > 20 and sum(c < 0 for c in changes) > 5

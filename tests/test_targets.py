"""Pro-rated targets (issue 20): a multi-year target judged by the share due by the year.

The scheme: baseline_year 2020, target_year 2025 (a five-year plan). C is a change criterion
(lower, worst 0, best 18: the plan's −18 % CO₂ per unit GDP) marked prorate; V is a value
criterion (0..100). Weights 1 and 1, 100 points: one weight unit is worth 50 points.

The project cut C from 100 to 94: r = (100 − 94)/100·100 = 6 %. V = 50 → 25 points.

    year  share due            best used          s = 6/best        attainment
    2021  (2021−2020)/5 = 0.2  18·0.2 = 3.6       clip(1.667) = 1   6/3.6  = 1.6667 on track
    2023  3/5 = 0.6            18·0.6 = 10.8      0.5556            6/10.8 = 0.5556 behind
    2025  5/5 = 1              18                 0.3333            6/18   = 0.3333 behind
    2027  min(1, 7/5) = 1      18                 0.3333            0.3333
    2020  not after baseline   18 (full target, and a warning)
"""

from __future__ import annotations

import pytest

from scoring.core.model import Criterion, Scheme
from scoring.core.targets import attainment, prorated_best, share_due
from scoring.io.pipeline import run
from scoring.io.template import TemplateError, load_template
from scoring.workspace.facade import Workspace
from tests.builders import CRITERIA_HEADER, criterion, project, write_form, write_template

HEADER = [*CRITERIA_HEADER, "prorate"]
C = criterion("C", type="change", direction="lower", worst=0, best=18, prorate="yes")
V = criterion("V")
YEARS = {"baseline_year": 2020, "target_year": 2025}
ROWS = [dict(code="C", baseline=100, current=94), dict(code="V", current=50)]


def scored(tmp_path, year, criteria=(C, V), **settings):
    template = write_template(tmp_path / "t.xlsx", list(criteria), header=HEADER, **settings)
    folder = tmp_path / f"in{year}"
    folder.mkdir()
    details = project("P1") if year is None else project("P1", year=year)
    write_form(folder / "p.xlsx", details, ROWS)
    result = run([template], [folder])
    assert not result.rejected, result.rejected
    return result.projects[0]


@pytest.mark.parametrize(
    "year, best, s, reached",
    [
        (2021, 3.6, 1.0, 6 / 3.6),
        (2023, 10.8, 6 / 10.8, 6 / 10.8),  # before the target year
        (2025, 18.0, 6 / 18, 6 / 18),  # at it
        (2027, 18.0, 6 / 18, 6 / 18),  # after it: the whole target, no more
    ],
)
def test_the_best_bound_is_the_share_due_by_the_year(tmp_path, year, best, s, reached):
    result = scored(tmp_path, year, **YEARS)
    c = result.indicators["C"]
    assert c.best_used == pytest.approx(best)
    assert c.score == pytest.approx(s)
    assert c.attainment == pytest.approx(reached)
    assert c.on_track is (reached >= 1)
    assert result.total == pytest.approx(s * 50 + 25)
    assert c.as_dict()["best_used"] == pytest.approx(best)
    assert result.indicators["V"].best_used is None  # not pro-rated: reported as before
    assert not any(i.kind == "full_target" for i in result.issues)


@pytest.mark.parametrize("year", [2020, 2019, None])
def test_no_share_is_due_at_or_before_the_baseline_year_so_the_full_target_applies(tmp_path, year):
    result = scored(tmp_path, year, **YEARS)
    c = result.indicators["C"]
    assert (c.best_used, c.score) == (pytest.approx(18.0), pytest.approx(6 / 18))
    warning = next(i for i in result.issues if i.kind == "full_target")
    assert warning.severity == "warning"
    assert "baseline year 2020" in warning.message and "基准年 2020" in warning.message_zh


def test_without_target_years_nothing_changes(tmp_path):
    plain = criterion("C", type="change", direction="lower", worst=0, best=18)
    result = scored(tmp_path, 2023, criteria=(plain, V))
    c = result.indicators["C"]
    assert (c.score, c.best_used, c.attainment) == (pytest.approx(6 / 18), None, None)
    assert "best_used" not in c.as_dict()
    assert result.total == pytest.approx(6 / 18 * 50 + 25)


def test_the_rule_alone():
    scheme = Scheme("S", "city", "1", (), baseline_year=2020, target_year=2025)
    crit = Criterion("C", "D", "C", "change", 1, direction="lower", worst=2, best=12, prorate=True)
    # worst 2, best 12, 2022: 2 + 10·(2/5) = 6
    assert share_due(scheme, 2022) == pytest.approx(0.4)
    assert prorated_best(crit, scheme, 2022) == pytest.approx(6.0)
    assert prorated_best(crit, scheme, 2030) == pytest.approx(12.0)
    assert share_due(scheme, 2020) is None and share_due(scheme, None) is None
    assert attainment(3.0, 6.0) == pytest.approx(0.5)
    assert attainment(None, 6.0) is None and attainment(3.0, 0.0) is None
    assert attainment(float("inf"), 6.0) is None


def test_a_workspace_round_lends_its_year(tmp_path):
    """Forms without a year imported into the round "2023 中期评估": judged as of 2023."""
    template = write_template(tmp_path / "t.xlsx", [C, V], header=HEADER, **YEARS)
    write_form(tmp_path / "p.xlsx", project("P1"), ROWS)
    with Workspace.create(tmp_path / "w.spw") as workspace:
        workspace.add_template(template)
        workspace.import_files([tmp_path / "p.xlsx"], round="2023 中期评估")
        c = workspace.score().projects[0].indicators["C"]
    assert (c.best_used, c.attainment) == (pytest.approx(10.8), pytest.approx(6 / 10.8))


@pytest.mark.parametrize(
    "criteria, settings, message",
    [
        ([criterion("A", prorate="yes")], YEARS, "only a change criterion's target can be pro-rated"),
        ([C], {}, "need the years of their target: add baseline_year and target_year"),
        ([C], {"baseline_year": 2020}, "goes with target_year"),
        ([C], {"baseline_year": 2025, "target_year": 2020}, "must be after baseline_year \\(2025\\)"),
        ([C], {"baseline_year": "soon", "target_year": 2025}, "baseline_year: must be a number"),
        ([criterion("C", type="change", prorate="maybe")], YEARS, "must be yes or no"),
    ],
)
def test_template_problems_of_pro_rating(tmp_path, criteria, settings, message):
    path = write_template(tmp_path / "t.xlsx", criteria, header=HEADER, **settings)
    with pytest.raises(TemplateError, match=message):
        load_template(path)


def test_the_template_reads_the_years_and_the_flag(tmp_path):
    scheme = load_template(write_template(tmp_path / "t.xlsx", [C, V], header=HEADER, **YEARS))
    assert (scheme.baseline_year, scheme.target_year) == (2020, 2025)
    assert [c.prorate for c in scheme.criteria] == [True, False]


def test_the_worked_calculation_shows_the_pro_rated_bound(tmp_path):
    """2023: best 18·3/5 = 10.8, s = 6/10.8 = 0.556, attainment 56 %, behind. The path to the
    next grade (Pass 60 from 52.78 = 27.78 + 25) works on the pro-rated bound too: C alone
    needs s* = 0.556 + 7.22/50 = 0.7, r* = 0.7·10.8 = 7.56 %, current = 100 − 7.56 = 92.44."""
    from scoring.core.explain import gap, worked_lines, worked_one

    result = scored(tmp_path, 2023, **YEARS)
    scheme = load_template(tmp_path / "t.xlsx")
    item = worked_one(scheme, result, "C")
    assert (item.criterion.best, item.target_best) == (pytest.approx(10.8), 18.0)
    assert item.as_dict()["best_target"] == 18.0 and item.as_dict()["attainment"] == pytest.approx(6 / 10.8)
    lines = worked_lines(item, "en")
    assert ("Best pro-rated to the assessment year: 0 + (18 − 0) × 0.6 = 10.8%; attainment 6 / 10.8 = 56% "
            "(behind)") in lines
    assert any("最优值按评估年份折算" in line and "进度滞后" in line for line in worked_lines(item, "zh"))
    path = next(p for p in gap(scheme, result).paths if p.code == "C")
    assert (path.improvement, path.value) == (pytest.approx(7.56), pytest.approx(92.44))


def test_a_what_if_scores_on_the_pro_rated_bound(tmp_path):
    """2023: following C's path, current 92.44 → r = 7.56 %, s = 7.56/10.8 = 0.7 (on the full
    target it would be 7.56/18 = 0.42): 0.7·50 + 25 = 60, Pass."""
    from scoring.core.explain import Change, what_if

    result = scored(tmp_path, 2023, **YEARS)
    scheme = load_template(tmp_path / "t.xlsx")
    changed = what_if(scheme, [result], result, [Change("C", value=92.44)])
    assert changed.indicators["C"].score == pytest.approx(0.7)
    assert changed.total == pytest.approx(60.0) and changed.grade == "Pass"

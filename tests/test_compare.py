"""Comparing two to four projects (issue 19, item 8): every figure worked out by hand.

The scheme below has total_points 120 and W = 2 + 1 + 1 + 1 + 1 = 6 over its score criteria,
so a criterion earns s · weight · 120 / 6 = s · weight · 20 points (docs/method.md); bonus and
penalty items add or deduct s · weight points.
"""

from __future__ import annotations

import pytest

from scoring.analysis.compare import ComparisonError, CriterionComparison, compare_projects, difference
from scoring.core.engine import score_scheme
from scoring.core.model import CellValue, Criterion, Grade, IndicatorInput, Scheme, Submission
from scoring.core.results import IndicatorResult


def crit(code, dimension, type="value", weight=1.0, **fields) -> Criterion:
    if type == "value":
        fields = {"direction": "higher", "worst": 0.0, "best": 100.0, **fields}
    return Criterion(code=code, dimension=dimension, indicator=f"Indicator {code}", type=type,
                     weight=weight, **fields)


PAIR = Scheme(
    name="Pair", level="city", version="1", total_points=120.0,
    grades=(Grade("Good", 75.0), Grade("Pass", 60.0), Grade("Fail", 0.0)),
    criteria=(
        crit("V1", "D1", weight=2),                                     # higher, 0..100
        crit("V2", "D1", direction="lower", worst=80.0, best=20.0),     # lower, 80..20
        crit("Y1", "D2", "yesno"),
        crit("H1", "D2", "choice", choices=(("A", 1.0), ("B", 0.65), ("C", 0.2))),
        crit("V3", "D2"),
        crit("B1", "Extra", "yesno", weight=3, kind="bonus"),
        crit("P1", "Extra", "yesno", weight=2, kind="penalty"),
    ),
)


def submission(pid: str, values: dict) -> Submission:
    inputs = {code: IndicatorInput(CellValue(value, f"{pid}.xlsx:Data!E{row}"), None)
              for row, (code, value) in enumerate(values.items(), start=2)}
    return Submission(project_id=pid, name=f"Project {pid}", level="city", source=f"{pid}.xlsx",
                      inputs=inputs)


# A: V1 50 → s 0.5, 20 pts; V2 50 → s (80−50)/(80−20) = 0.5, 10; Y1 yes 20; H1 B 0.65, 13;
#    V3 40 → 0.4, 8. D1 = 30, D2 = 41, no bonus, no penalty: total 71, Pass.
# B: V1 80 → 0.8, 32; V2 35 → (80−35)/60 = 0.75, 15; Y1 no 0; H1 A 1.0, 20; V3 40 → 8.
#    D1 = 47, D2 = 28, bonus 3·1 = 3, penalty 2·1 = 2: total 47 + 28 + 3 − 2 = 76, Good.
# C: V1 50 (20), V2 80 → 0 (0), Y1 yes (20), H1 C 0.2 (4), V3 40 (8): D1 20, D2 32,
#    bonus 3: total 55, Fail.
FORMS = {
    "A": {"V1": 50, "V2": 50, "Y1": "yes", "H1": "B", "V3": 40, "B1": "no", "P1": "no"},
    "B": {"V1": 80, "V2": 35, "Y1": "no", "H1": "A", "V3": 40, "B1": "yes", "P1": "yes"},
    "C": {"V1": 50, "V2": 80, "Y1": "yes", "H1": "C", "V3": 40, "B1": "yes", "P1": "no"},
}


@pytest.fixture(scope="module")
def scored():
    results = score_scheme(PAIR, [submission(pid, values) for pid, values in FORMS.items()])
    return {p.project_id: p for p in results}


def _row(comparison, code):
    return next(c for c in comparison.criteria if c.criterion.code == code)


def test_two_projects_criterion_by_criterion(scored):
    comparison = compare_projects(PAIR, [scored["A"], scored["B"]])
    expected = {  # code: (points of A, points of B, B − A)
        "V1": (20.0, 32.0, 12.0), "V2": (10.0, 15.0, 5.0), "Y1": (20.0, 0.0, -20.0),
        "H1": (13.0, 20.0, 7.0), "V3": (8.0, 8.0, 0.0), "B1": (0.0, 3.0, 3.0), "P1": (0.0, -2.0, -2.0),
    }
    assert [c.criterion.code for c in comparison.criteria] == list(expected)
    for code, (a, b, diff) in expected.items():
        row = _row(comparison, code)
        assert row.points == pytest.approx((a, b)), code
        assert row.difference == pytest.approx(diff), code
    assert _row(comparison, "V2").fractions == pytest.approx((0.5, 0.75))
    assert _row(comparison, "H1").fractions == pytest.approx((0.65, 1.0))
    differing = [c.criterion.code for c in comparison.criteria if c.differs]
    assert differing == ["V1", "V2", "Y1", "H1", "B1", "P1"]
    assert comparison.differing == 6
    assert _row(comparison, "Y1").most == {0} and _row(comparison, "Y1").least == {1}
    assert _row(comparison, "V3").most == set() and _row(comparison, "V3").least == set()


def test_subtotals_totals_and_grades(scored):
    comparison = compare_projects(PAIR, [scored["A"], scored["B"]])
    groups = {(g.kind, g.name): g for g in comparison.groups}
    assert list(groups) == [("score", "D1"), ("score", "D2"), ("bonus", "bonus"), ("penalty", "penalty")]
    assert groups["score", "D1"].points == pytest.approx((30.0, 47.0))
    assert groups["score", "D1"].max_points == pytest.approx(60.0)  # (2 + 1) · 20
    assert groups["score", "D2"].points == pytest.approx((41.0, 28.0))
    assert groups["score", "D2"].difference == pytest.approx(-13.0)
    assert groups["bonus", "bonus"].points == pytest.approx((0.0, 3.0))
    assert groups["penalty", "penalty"].points == pytest.approx((0.0, -2.0))
    assert comparison.totals == pytest.approx((71.0, 76.0))
    assert comparison.total_difference == pytest.approx(5.0)
    assert [p.grade for p in comparison.projects] == ["Pass", "Good"]


def test_three_projects_give_the_spread(scored):
    comparison = compare_projects(PAIR, [scored["A"], scored["B"], scored["C"]])
    # V2: 10, 15, 0 → spread 15, most B, least C; total 71, 76, 55 → spread 21
    v2 = _row(comparison, "V2")
    assert v2.difference == pytest.approx(15.0)
    assert v2.most == {1} and v2.least == {2}
    # V1: 20, 32, 20: A and C share the least
    assert _row(comparison, "V1").least == {0, 2}
    assert comparison.total_difference == pytest.approx(21.0)
    # the most any of them lost (max − points): V1 40 − 20 = 20 (A, C); V2 20 − 0 = 20 (C);
    # Y1 20 − 0 = 20 (B); H1 20 − 4 = 16 (C); V3 20 − 8 = 12; largest first, ties in the
    # scheme's order
    assert comparison.lost_order() == ["V1", "V2", "Y1", "H1", "V3"]
    assert comparison.lost_order(limit=2) == ["V1", "V2"]


def test_difference_of_two_is_signed_and_of_more_the_spread():
    assert difference([3.0, 1.0]) == -2.0
    assert difference([3.0, 1.0, 2.0]) == 2.0
    assert difference([None, 1.0]) is None
    assert difference([None, 1.0, 4.0]) == 3.0


@pytest.mark.parametrize("pids", [["A"], ["A", "B", "C", "A"], ["A", "A"]])
def test_one_project_five_or_the_same_twice_are_refused(scored, pids):
    with pytest.raises(ComparisonError):
        compare_projects(PAIR, [scored[p] for p in pids])


def test_a_project_of_another_scheme_is_refused(scored):
    other = Scheme(name="Other", level="city", version="1", criteria=PAIR.criteria)
    stranger = score_scheme(other, [submission("X", FORMS["A"])])[0]
    with pytest.raises(ComparisonError, match="X"):
        compare_projects(PAIR, [scored["A"], stranger])


def test_the_overlaid_points_lost_chart_has_a_bar_per_project_in_each_row(scored):
    from matplotlib.figure import Figure

    from scoring.reports.charts.bars import draw_points_lost_compared

    comparison = compare_projects(PAIR, [scored["A"], scored["B"], scored["C"]])
    ax = Figure().add_subplot()
    assert draw_points_lost_compared(ax, comparison, lang="en")
    rows = [t.get_text().split()[0] for t in ax.get_yticklabels()]
    assert rows == ["V1", "V2", "Y1", "H1", "V3"]
    bars = [c for c in ax.collections]
    assert len(bars) == 3 and all(len(c.get_paths()) == 5 for c in bars)
    # the widths of B's bars are B's points lost in those rows: 8, 5, 20, 0, 12
    widths = [path.vertices[:, 0].max() - path.vertices[:, 0].min() for path in bars[1].get_paths()]
    assert widths == pytest.approx([8.0, 5.0, 20.0, 0.0, 12.0])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        f"{p.rank}. Project {p.project_id}" for p in comparison.projects]
    assert ax.get_title(loc="left").startswith("Points lost compared")


def test_the_same_answer_typed_two_ways_does_not_differ():
    # "yes" and "是" are one answer of a yes/no criterion (both read as fraction 1), 12 and
    # "12.0" one number: a comparison that coloured them would send the reader hunting.
    yesno = next(c for c in PAIR.criteria if c.type == "yesno")
    value = next(c for c in PAIR.criteria if c.type == "value")

    def row(criterion, *answers):
        results = tuple(IndicatorResult(criterion.code, v, None, s, p, "ok") for v, s, p in answers)
        return CriterionComparison(criterion, results)

    assert not row(yesno, ("yes", 1.0, 20.0), ("是", 1.0, 20.0)).differs
    assert row(yesno, ("yes", 1.0, 20.0), ("否", 0.0, 0.0)).differs
    assert not row(value, (12, 0.5, 10.0), ("12.0", 0.5, 10.0)).differs
    assert row(value, (12, 0.5, 10.0), (13, 0.5, 10.0)).differs  # another value, same points

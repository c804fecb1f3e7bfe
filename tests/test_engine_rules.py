"""The scoring rules of the foundation issue, each pinned by a hand-computed number.

Every expected value below is worked out in the comment beside it from the rule's formula, not
taken from the program's output.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from scoring.core.cells import SchemeArrays
from scoring.core.kernel import score_matrix
from scoring.core.model import MISSING, OK, Assessment
from scoring.core.ranking import rank_projects
from scoring.core.synergy import coupling_coordination, joint_reduction, synergy_class
from scoring.io.pipeline import run
from scoring.io.template import load_template, synergy_balance_warnings
from tests.builders import CRITERIA_HEADER, criterion, project, set_cached_value, write_form, write_template


def score_one(tmp_path, criteria, rows, **settings):
    """Score a single project; return its result dict."""
    template = write_template(tmp_path / "t.xlsx", criteria, **settings)
    (tmp_path / "in").mkdir()
    write_form(tmp_path / "in" / "p.xlsx", project(), rows)
    result = run([template], [tmp_path / "in"])
    assert not result.rejected, result.rejected
    return result.projects[0].as_dict()


def fraction(tmp_path, crit, **row):
    """The fraction s of one criterion in a one-criterion scheme."""
    return score_one(tmp_path, [crit], [dict(code=crit["code"], **row)])["indicators"][crit["code"]]


# ----------------------------------------------------------------- indicator fractions


def test_value_higher_is_linear_between_worst_and_best(tmp_path):
    # (50 − 0)/(100 − 0) = 0.5
    assert fraction(tmp_path, criterion("A"), current=50)["score"] == pytest.approx(0.5)


@pytest.mark.parametrize("current, expected", [(150, 1.0), (-5, 0.0)])
def test_value_is_clipped_to_unit_interval(tmp_path, current, expected):
    assert fraction(tmp_path, criterion("A"), current=current)["score"] == expected


def test_value_lower_direction(tmp_path):
    # worst 80, best 20: (35 − 80)/(20 − 80) = −45/−60 = 0.75
    crit = criterion("A", direction="lower", worst=80, best=20)
    assert fraction(tmp_path, crit, current=35)["score"] == pytest.approx(0.75)


def test_change_higher_uses_relative_improvement(tmp_path):
    # r = (50 − 40)/|40|·100 = 25 %; (25 − 0)/(50 − 0) = 0.5
    crit = criterion("A", type="change", worst=0, best=50)
    assert fraction(tmp_path, crit, baseline=40, current=50)["score"] == pytest.approx(0.5)


def test_change_lower_counts_a_fall_as_improvement(tmp_path):
    # r = (200 − 170)/|200|·100 = 15 %; (15 − 0)/(18 − 0) = 0.833…
    crit = criterion("A", type="change", direction="lower", worst=0, best=18)
    assert fraction(tmp_path, crit, baseline=200, current=170)["score"] == pytest.approx(15 / 18)


def test_change_with_negative_baseline_divides_by_its_magnitude(tmp_path):
    # r = (−10 − (−20))/|−20|·100 = 50 %; worst 0, best 100 → 0.5
    crit = criterion("A", type="change", worst=0, best=100)
    assert fraction(tmp_path, crit, baseline=-20, current=-10)["score"] == pytest.approx(0.5)


def test_change_with_zero_baseline_is_invalid(tmp_path):
    crit = criterion("A", type="change", worst=0, best=50)
    result = score_one(tmp_path, [crit], [dict(code="A", baseline=0, current=5)])
    assert result["indicators"]["A"]["status"] == "invalid"
    assert [i["kind"] for i in result["issues"]] == ["zero_baseline"]
    assert result["issues"][0]["location"].endswith("p.xlsx:Data!D2")


@pytest.mark.parametrize(
    "text, expected",
    [("是", 1.0), ("y", 1.0), ("√", 1.0), ("TRUE", 1.0), ("否", 0.0), ("无", 0.0), ("×", 0.0), ("No", 0.0)],
)
def test_yes_no_tokens(tmp_path, text, expected):
    assert fraction(tmp_path, criterion("A", type="yesno"), current=text)["score"] == expected


def test_choice_label_matches_case_insensitively_after_trimming(tmp_path):
    crit = criterion("A", type="choice", choices="I=1; II=0.6; III=0.3")
    assert fraction(tmp_path, crit, current="  ii ")["score"] == pytest.approx(0.6)


def test_unknown_choice_is_invalid(tmp_path):
    crit = criterion("A", type="choice", choices="I=1; II=0.6")
    result = score_one(tmp_path, [crit], [dict(code="A", current="IV")])
    assert result["indicators"]["A"]["status"] == "invalid"
    assert result["issues"][0]["kind"] == "unknown_choice"


def test_manual_criterion_is_pending_until_scored(tmp_path):
    result = score_one(
        tmp_path, [criterion("A"), criterion("M", type="manual")], [dict(code="A", current=100)]
    )
    assert result["indicators"]["M"]["status"] == "pending"
    # required manual counts as 0 under missing=zero: W = 2, A = 1·1·100/2 = 50
    assert result["total"] == pytest.approx(50.0)


def test_pending_counts_the_manual_criteria_without_a_score(tmp_path):
    template = write_template(tmp_path / "t.xlsx", [criterion("A"), criterion("M", type="manual"),
                                                    criterion("N", type="manual")])
    (tmp_path / "in").mkdir()
    write_form(tmp_path / "in" / "p.xlsx", project(), [dict(code="A", current=100)])
    scored = run([template], [tmp_path / "in"]).projects[0]
    assert scored.pending == 2
    inspected = run([template], [tmp_path / "in"],
                    {("P1", "M"): Assessment("P1", "M", 0.5, "Li", "seen on site")}).projects[0]
    assert inspected.pending == 1 and inspected.indicators["M"].status == "override"


# ----------------------------------------------------------------- provisional results

PROVISIONAL_CRITERIA = [
    criterion("A", weight=2),
    criterion("M", type="manual", weight=2),
    criterion("MB", type="manual", weight=4, kind="bonus"),
    criterion("PEN", type="yesno", weight=10, kind="penalty"),
    criterion("PEN2", type="yesno", weight=7, kind="penalty"),
]
PROVISIONAL_ROWS = [dict(code="A", current=50), dict(code="PEN2", current="no")]


@pytest.mark.parametrize("missing, total", [("zero", 25.0), ("reweight", 50.0)])
def test_provisional_bounds_under_both_missing_rules(tmp_path, missing, total):
    # Pending: M (manual score), MB (manual bonus) and PEN (penalty left blank) → 3; PEN2 answered.
    # total today: zero: W = 2 + 2 (M counted 0) → A 2·0.5·100/4 = 25; reweight: W = 2 → 50.
    # total_min (M 0, MB 0, PEN 1; M in W under either rule): 2·0.5·100/4 − 10 = 15 → Fail
    # total_max (M 1, MB 1, PEN 0): (2·0.5 + 2·1)·100/4 + 4 = 79 → Good
    result = score_one(tmp_path, PROVISIONAL_CRITERIA, PROVISIONAL_ROWS, missing=missing)
    assert result["total"] == pytest.approx(total)
    assert result["grade"] == "Fail"
    assert result["pending"] == 3
    assert result["provisional"] is True
    assert result["total_min"] == pytest.approx(15.0)
    assert result["total_max"] == pytest.approx(79.0)
    assert result["grade_range"] == ["Fail", "Good"]


def test_a_final_result_has_its_total_as_both_bounds(tmp_path):
    # nothing pending: A 2·0.5·100/2 = 50 → [50, 50], Fail twice
    crits = [criterion("A", weight=2), criterion("PEN", type="yesno", weight=10, kind="penalty")]
    result = score_one(tmp_path, crits, [dict(code="A", current=50), dict(code="PEN", current="no")])
    assert (result["pending"], result["provisional"]) == (0, False)
    assert (result["total_min"], result["total_max"]) == pytest.approx((50.0, 50.0))
    assert result["grade_range"] == ["Fail", "Fail"]


def test_a_vetoed_provisional_result_gets_the_lowest_grade_twice(tmp_path):
    # A 100 and M pending: total_max (M 1) = 100 would be Excellent, but V failed: Fail, Fail
    crits = [criterion("A"), criterion("M", type="manual"),
             criterion("V", type="yesno", veto="yes", weight=0)]
    result = score_one(tmp_path, crits, [dict(code="A", current=100), dict(code="V", current="no")])
    assert result["pending"] == 1
    assert result["total_max"] == pytest.approx(100.0)
    assert result["grade_range"] == ["Fail", "Fail"]


def test_a_pending_must_pass_criterion_could_fail_the_project(tmp_path):
    # A 100, manual must-pass V pending (w 0): total_min = total_max = 100, yet at its worst V
    # fails the project, so the range is Fail (worst) to Excellent (best)
    crits = [criterion("A"), criterion("V", type="manual", veto="yes", weight=0)]
    result = score_one(tmp_path, crits, [dict(code="A", current=100)])
    assert (result["total_min"], result["total_max"]) == pytest.approx((100.0, 100.0))
    assert result["grade_range"] == ["Fail", "Excellent"]


def test_a_blank_penalty_item_is_an_unanswered_penalty_warning(tmp_path):
    crits = [criterion("A"), criterion("PEN", type="yesno", weight=10, kind="penalty",
                                       indicator="Problems found by the central inspection",
                                       indicator_zh="中央督察发现问题")]
    header = [*CRITERIA_HEADER, "indicator_zh"]
    result = score_one(tmp_path, crits, [dict(code="A", current=80)], header=header)
    assert result["total"] == pytest.approx(80.0)  # today's rule: a blank deducts nothing
    assert result["pending"] == 1
    assert result["total_min"] == pytest.approx(70.0)  # 80 − 10
    [issue] = result["issues"]
    assert (issue["severity"], issue["kind"]) == ("warning", "unanswered_penalty")
    assert "PEN" in issue["message"] and "Problems found by the central inspection" in issue["message"]
    assert "PEN" in issue["message_zh"] and "中央督察发现问题" in issue["message_zh"]
    (tmp_path / "b").mkdir()
    answered = score_one(tmp_path / "b", crits, [dict(code="A", current=80), dict(code="PEN", current="no")])
    assert answered["issues"] == [] and answered["pending"] == 0


# ----------------------------------------------------------------- reading values


@pytest.mark.parametrize(
    "text, expected",
    [("１２．５", 12.5), ("12,345", 12345.0), ("12.5%", 12.5), (" 7 ", 7.0), ("1,234.5", 1234.5)],
)
def test_text_numbers_are_normalised(tmp_path, text, expected):
    crit = criterion("A", worst=0, best=100000)
    assert fraction(tmp_path, crit, current=text)["value"] == pytest.approx(expected)


def test_text_that_is_not_a_number_is_invalid_not_zero(tmp_path):
    result = score_one(
        tmp_path,
        [criterion("A"), criterion("B")],
        [dict(code="A", current="about 30"), dict(code="B", current=100)],
    )
    assert result["indicators"]["A"]["status"] == "invalid"
    assert result["indicators"]["A"]["score"] is None
    assert result["issues"][0]["kind"] == "not_a_number"
    assert result["issues"][0]["location"].endswith("p.xlsx:Data!E2")
    # required and invalid counts as 0 under missing=zero: W = 2, B = 100/2 = 50
    assert result["total"] == pytest.approx(50.0)


def test_percent_formatted_cell_reads_as_shown(tmp_path):
    from openpyxl import load_workbook

    template = write_template(tmp_path / "t.xlsx", [criterion("A")])
    (tmp_path / "in").mkdir()
    form = write_form(tmp_path / "in" / "p.xlsx", project(), [dict(code="A", current=0.125)])
    wb = load_workbook(form)
    wb["Data"]["E2"].number_format = "0.0%"
    wb.save(form)
    indicator = run([template], [tmp_path / "in"]).projects[0].indicators["A"]
    # 0.125 shown as 12.5 % reads 12.5; (12.5 − 0)/100 = 0.125
    assert indicator.value == pytest.approx(12.5)
    assert indicator.score == pytest.approx(0.125)


def test_formula_with_cached_value_reads_that_value(tmp_path):
    template = write_template(tmp_path / "t.xlsx", [criterion("A")])
    (tmp_path / "in").mkdir()
    form = write_form(tmp_path / "in" / "p.xlsx", project(), [dict(code="A", current="=30+10")])
    set_cached_value(form, "Data", "E2", "40")
    result = run([template], [tmp_path / "in"]).projects[0]
    assert result.indicators["A"].score == pytest.approx(0.4)


def test_formula_without_cached_value_is_invalid_never_zero(tmp_path):
    template = write_template(tmp_path / "t.xlsx", [criterion("A")])
    (tmp_path / "in").mkdir()
    write_form(tmp_path / "in" / "p.xlsx", project(), [dict(code="A", current="=30+10")])
    result = run([template], [tmp_path / "in"]).projects[0]
    assert result.indicators["A"].status == "invalid"
    assert result.indicators["A"].score is None
    assert [i.kind for i in result.issues] == ["formula_without_value"]


def test_error_cell_is_invalid_with_its_own_kind(tmp_path):
    template = write_template(tmp_path / "t.xlsx", [criterion("A")])
    (tmp_path / "in").mkdir()
    form = write_form(tmp_path / "in" / "p.xlsx", project(), [dict(code="A", current="=1/0")])
    set_cached_value(form, "Data", "E2", "#DIV/0!", error=True)
    result = run([template], [tmp_path / "in"]).projects[0]
    assert result.indicators["A"].status == "invalid"
    assert result.issues[0].kind == "error_cell"
    assert "#DIV/0!" in result.issues[0].message


# ----------------------------------------------------------------- points and totals


def test_points_are_normalised_to_total_points(tmp_path):
    # W = 3 + 1 = 4; A: 0.5·3·100/4 = 37.5; B: 1·1·100/4 = 25; total 62.5 → Pass (≥ 60)
    result = score_one(
        tmp_path,
        [criterion("A", weight=3), criterion("B", type="yesno", weight=1)],
        [dict(code="A", current=50), dict(code="B", current="yes")],
    )
    assert result["indicators"]["A"]["points"] == pytest.approx(37.5)
    assert result["indicators"]["B"]["points"] == pytest.approx(25.0)
    assert result["total"] == pytest.approx(62.5)
    assert result["grade"] == "Pass"


def test_total_points_setting_scales_points(tmp_path):
    # total_points 200: A alone, s = 0.5 → 0.5·1·200/1 = 100
    result = score_one(tmp_path, [criterion("A")], [dict(code="A", current=50)], total_points=200)
    assert result["total"] == pytest.approx(100.0)


@pytest.mark.parametrize(
    "policy, points, total",
    [
        ("zero", 0.0, 25.0),  # A missing, included at s = 0: W = 4; B: 1·1·100/4 = 25
        ("reweight", None, 100.0),  # A excluded: W = 1; B: 1·1·100/1 = 100
    ],
)
def test_missing_required_counts_zero_or_is_left_out_by_the_policy(tmp_path, policy, points, total):
    result = score_one(
        tmp_path,
        [criterion("A", weight=3), criterion("B", type="yesno")],
        [dict(code="B", current="yes")],
        missing=policy,
    )
    assert result["indicators"]["A"]["points"] == points
    assert result["indicators"]["A"]["status"] == "missing"
    assert result["total"] == pytest.approx(total)
    assert [i["kind"] for i in result["issues"]] == ["missing_required"]


def test_missing_optional_is_excluded_under_either_policy(tmp_path):
    # C optional and missing: W = 1 (A only); A: 0.5·100 = 50
    result = score_one(
        tmp_path,
        [criterion("A"), criterion("C", weight=5, required="no")],
        [dict(code="A", current=50)],
        missing="zero",
    )
    assert result["indicators"]["C"]["points"] is None
    assert result["total"] == pytest.approx(50.0)
    assert result["issues"] == []


def test_not_applicable_is_excluded_where_allowed(tmp_path):
    # B n/a and allowed: W = 1; A: 0.5·100 = 50
    result = score_one(
        tmp_path,
        [criterion("A"), criterion("B", weight=3, allow_na="yes")],
        [dict(code="A", current=50), dict(code="B", current="不适用")],
    )
    assert result["indicators"]["B"]["status"] == "na"
    assert result["indicators"]["B"]["points"] is None
    assert result["total"] == pytest.approx(50.0)


def test_not_applicable_where_not_allowed_is_invalid(tmp_path):
    # B n/a not allowed: invalid, required → counted 0: W = 4; A: 0.5·1·100/4 = 12.5
    result = score_one(
        tmp_path,
        [criterion("A"), criterion("B", weight=3)],
        [dict(code="A", current=50), dict(code="B", current="n/a")],
    )
    assert result["indicators"]["B"]["status"] == "invalid"
    assert result["issues"][0]["kind"] == "na_not_allowed"
    assert result["total"] == pytest.approx(12.5)


def test_bonus_and_penalty_are_added_unnormalised(tmp_path):
    # base: A 0.5·100 = 50; bonus: yes·5 = 5; penalty: 0.5·10 = 5 → total 50 + 5 − 5 = 50
    crits = [
        criterion("A"),
        criterion("BON", type="yesno", weight=5, kind="bonus"),
        criterion("PEN", type="choice", choices="minor=0.5; major=1", weight=10, kind="penalty"),
    ]
    result = score_one(
        tmp_path,
        crits,
        [dict(code="A", current=50), dict(code="BON", current="yes"), dict(code="PEN", current="minor")],
    )
    assert (result["base"], result["bonus"], result["penalty"]) == pytest.approx((50.0, 5.0, 5.0))
    assert result["indicators"]["PEN"]["points"] == pytest.approx(-5.0)
    assert result["total"] == pytest.approx(50.0)
    assert result["dimensions"] == {"D1": pytest.approx(50.0)}


def test_total_never_falls_below_zero(tmp_path):
    # base 10 (A s = 0.1), penalty 1·20 = 20 → max(0, 10 − 20) = 0
    crits = [criterion("A"), criterion("PEN", type="yesno", weight=20, kind="penalty")]
    result = score_one(tmp_path, crits, [dict(code="A", current=10), dict(code="PEN", current="yes")])
    assert result["total"] == 0.0


def test_missing_bonus_counts_zero_and_is_not_required(tmp_path):
    crits = [criterion("A"), criterion("BON", type="yesno", weight=5, kind="bonus")]
    result = score_one(tmp_path, crits, [dict(code="A", current=50)])
    assert result["bonus"] == 0.0
    assert result["indicators"]["BON"]["points"] == 0.0
    assert result["issues"] == []


def test_dimension_subtotals_sum_score_points_only(tmp_path):
    # W = 1 + 1: D1: 1·100/2 = 50, D2: 0.5·100/2 = 25; the bonus (D2) is not in D2's subtotal
    crits = [
        criterion("A", dimension="D1"),
        criterion("B", dimension="D2"),
        criterion("X", type="yesno", dimension="D2", kind="bonus", weight=3),
    ]
    result = score_one(
        tmp_path,
        crits,
        [dict(code="A", current=100), dict(code="B", current=50), dict(code="X", current="yes")],
    )
    assert result["dimensions"] == {"D1": pytest.approx(50.0), "D2": pytest.approx(25.0)}
    assert result["total"] == pytest.approx(78.0)


@pytest.mark.parametrize(
    "total_value, grade", [(85, "Excellent"), (84.9, "Good"), (75, "Good"), (60, "Pass"), (59.99, "Fail")]
)
def test_default_grade_bands(tmp_path, total_value, grade):
    result = score_one(tmp_path, [criterion("A")], [dict(code="A", current=total_value)])
    assert result["grade"] == grade


def test_template_grades_replace_the_default(tmp_path):
    result = score_one(
        tmp_path, [criterion("A")], [dict(code="A", current=70)], grades=[("A", 90), ("B", 65), ("C", 0)]
    )
    assert result["grade"] == "B"


# ----------------------------------------------------------------- veto


@pytest.mark.parametrize("value, vetoed", [("no", True), ("yes", False), (None, True), ("maybe", True)])
def test_veto_fails_on_zero_missing_or_invalid(tmp_path, value, vetoed):
    crits = [criterion("A"), criterion("V", type="yesno", veto="yes", weight=0)]
    rows = [dict(code="A", current=100)] + ([dict(code="V", current=value)] if value else [])
    result = score_one(tmp_path, crits, rows)
    assert (result["veto"] == ["V"]) is vetoed
    # A alone carries the weight: 1·100/1 = 100 → Excellent unless vetoed
    assert result["total"] == pytest.approx(100.0)
    assert result["grade"] == ("Fail" if vetoed else "Excellent")


# ----------------------------------------------------------------- synergy


def test_synergy_coupling_coordination(tmp_path):
    # U_P = 0.64, U_C = 0.36; C = 2·√(0.64·0.36)/(0.64 + 0.36) = 2·0.48/1 = 0.96
    # T = 0.5·0.64 + 0.5·0.36 = 0.5; D = √(0.96·0.5) = √0.48 = 0.6928… → class 7
    crits = [criterion("P", effect="pollution"), criterion("C", effect="carbon")]
    result = score_one(tmp_path, crits, [dict(code="P", current=64), dict(code="C", current=36)])
    synergy = result["synergy"]
    assert synergy["pollution"] == pytest.approx(0.64)
    assert synergy["carbon"] == pytest.approx(0.36)
    assert synergy["C"] == pytest.approx(0.96)
    assert synergy["T"] == pytest.approx(0.5)
    assert synergy["D"] == pytest.approx(math.sqrt(0.48))
    assert synergy["class"] == 7


def test_synergy_sides_are_disjoint_and_weighted(tmp_path):
    # Rule changed in issue 13 (docs/method.md, "Synergy"): "both" and "none" are on neither side.
    # P1 (w 1, s 0.2), P2 (w 2, s 0.5) pollution; B (w 3, s 0.6) both; C (w 1, s 1.0) carbon;
    # N (w 1, s 0) none; alpha 0.25
    # U_P = (1·0.2 + 2·0.5)/3 = 0.4; U_C = 1.0
    # C = 2·√0.4/1.4 = 0.903508…; T = 0.25·0.4 + 0.75·1.0 = 0.85; D = √(C·T) = 0.876346… → 9
    # total: W = 8, Σ w·s = 0.2 + 1.0 + 1.8 + 1.0 + 0 = 4.0 → 50
    crits = [
        criterion("P1", effect="pollution"),
        criterion("P2", effect="pollution", weight=2),
        criterion("B", effect="both", weight=3),
        criterion("C", effect="carbon"),
        criterion("N", effect="none"),
    ]
    rows = [
        dict(code="P1", current=20),
        dict(code="P2", current=50),
        dict(code="B", current=60),
        dict(code="C", current=100),
        dict(code="N", current=0),
    ]
    result = score_one(tmp_path, crits, rows, synergy_alpha=0.25)
    synergy = result["synergy"]
    expected_c = 2 * math.sqrt(0.4) / 1.4
    assert synergy["pollution"] == pytest.approx(0.4)
    assert synergy["carbon"] == pytest.approx(1.0)
    assert synergy["C"] == pytest.approx(expected_c)
    assert synergy["C"] == pytest.approx(0.9035079, abs=1e-7)
    assert synergy["T"] == pytest.approx(0.85)
    assert synergy["D"] == pytest.approx(0.876346, abs=1e-6)
    assert synergy["class"] == 9
    assert result["total"] == pytest.approx(50.0)


def test_a_both_criterion_moves_the_total_but_neither_side(tmp_path):
    # Two projects differ only in B (both, w 2): s 0.0 vs 1.0. P (s 0.5) and C (s 0.8), w 1 each.
    # totals: W = 4; (0.5 + 0.8 + 0)·100/4 = 32.5 and (0.5 + 0.8 + 2)·100/4 = 82.5
    # U_P = 0.5 and U_C = 0.8 for both projects
    crits = [criterion("P", effect="pollution"), criterion("B", effect="both", weight=2),
             criterion("C", effect="carbon")]
    template = write_template(tmp_path / "t.xlsx", crits)
    (tmp_path / "in").mkdir()
    for pid, b in (("P1", 0), ("P2", 100)):
        write_form(tmp_path / "in" / f"{pid}.xlsx", project(pid=pid),
                   [dict(code="P", current=50), dict(code="B", current=b), dict(code="C", current=80)])
    results = {p.project_id: p for p in run([template], [tmp_path / "in"]).projects}
    assert results["P1"].total == pytest.approx(32.5)
    assert results["P2"].total == pytest.approx(82.5)
    for p in results.values():
        assert (p.synergy["pollution"], p.synergy["carbon"]) == pytest.approx((0.5, 0.8))


def test_synergy_is_null_when_a_side_has_only_both_criteria(tmp_path):
    # P pollution and B both: the carbon side is empty, so there is no synergy index
    crits = [criterion("P", effect="pollution"), criterion("B", effect="both")]
    result = score_one(tmp_path, crits, [dict(code="P", current=50), dict(code="B", current=50)])
    assert result["synergy"] is None
    assert result["total"] == pytest.approx(50.0)


def test_synergy_both_zero_gives_zero_coupling(tmp_path):
    crits = [criterion("P", effect="pollution"), criterion("C", effect="carbon")]
    synergy = score_one(tmp_path, crits, [dict(code="P", current=0), dict(code="C", current=0)])["synergy"]
    assert (synergy["C"], synergy["D"], synergy["class"]) == (0.0, 0.0, 1)


@pytest.mark.parametrize(("degree", "klass"), [
    (0.0, 1),      # class k covers [0.1·(k − 1), 0.1·k) (docs/method.md, "Synergy")
    (0.0999, 1),
    (0.1, 2),      # a boundary opens the next class
    (0.3, 4),      # 0.3·10 is 3.0000000000000004 in floating point: still class 4
    (0.35, 4),
    (0.7, 8),      # 0.7·10 is 7.000000000000001: class 8
    (0.8999, 9),
    (0.9, 10),
    (1.0, 10),     # class 10 includes 1.0
    (math.nan, 0),  # no D, no class
])
def test_synergy_class_is_the_tenth_of_d(degree, klass):
    assert synergy_class(np.array([degree]))[0] == klass


# ----------------------------------------------------------------- ranking


def test_rank_ties_share_a_rank_and_skip_the_next():
    # totals 50, 70, 50, 40 → 70 first; the two 50s share 2; 40 is 4th
    ranks = rank_projects(np.array([50.0, 70.0, 50.0 + 1e-12, 40.0]), np.zeros(4, dtype=bool))
    assert ranks.tolist() == [2, 1, 2, 4]


def test_vetoed_projects_rank_after_all_others():
    # the vetoed 95 ranks below the unvetoed 10; the vetoed are ordered by total among themselves
    ranks = rank_projects(np.array([95.0, 10.0, 60.0, 80.0]), np.array([True, False, True, False]))
    assert ranks.tolist() == [3, 2, 4, 1]


def test_ranking_through_the_pipeline(tmp_path):
    template = write_template(
        tmp_path / "t.xlsx", [criterion("A"), criterion("V", type="yesno", veto="yes", weight=0)]
    )
    folder = tmp_path / "in"
    folder.mkdir()
    for pid, value, veto in [("P1", 50, "yes"), ("P2", 70, "yes"), ("P3", 50, "yes"), ("P4", 90, "no")]:
        write_form(
            folder / f"{pid}.xlsx",
            project(pid),
            [dict(code="A", current=value), dict(code="V", current=veto)],
        )
    result = run([template], [folder])
    assert {p.project_id: p.rank for p in result.projects} == {"P1": 2, "P2": 1, "P3": 2, "P4": 4}


# ----------------------------------------------------------------- overrides and kernel


def test_override_replaces_the_computed_fraction(tmp_path):
    from scoring.core.engine import score_scheme
    from scoring.io.submission import read_submission_file
    from scoring.io.template import load_template

    scheme = load_template(
        write_template(tmp_path / "t.xlsx", [criterion("A"), criterion("M", type="manual")])
    )
    submission = read_submission_file(
        write_form(tmp_path / "p.xlsx", project(), [dict(code="A", current=20)])
    )[0]
    overrides = {
        ("P1", "M"): Assessment("P1", "M", 0.8, "Li Wei", "site visit 3 May"),
        ("P1", "A"): Assessment("P1", "A", 0.6, "Li Wei", "meter reading corrected"),
    }
    result = score_scheme(scheme, [submission], overrides)[0]
    # A: 0.6·100/2 = 30; M: 0.8·100/2 = 40 → 70
    assert result.indicators["A"].status == "override"
    assert result.indicators["M"].score == pytest.approx(0.8)
    assert result.indicators["A"].as_dict()["reason"] == "meter reading corrected"
    assert result.total == pytest.approx(70.0)


def test_kernel_does_not_modify_its_inputs(tmp_path):
    from scoring.io.template import load_template

    scheme = load_template(write_template(tmp_path / "t.xlsx", [criterion("A"), criterion("B")]))
    current = np.array([[50.0, np.nan]])
    status = np.array([[OK, MISSING]], dtype=np.int8)
    copies = current.copy(), status.copy()
    score_matrix(
        scheme, SchemeArrays.of(scheme), current, np.full((1, 2), np.nan), status, np.full((1, 2), np.nan)
    )
    assert np.array_equal(current, copies[0], equal_nan=True)
    assert np.array_equal(status, copies[1])


def test_an_assessed_cell_drops_its_parsing_issue(tmp_path):
    from scoring.core.engine import score_scheme
    from scoring.io.submission import read_submission_file
    from scoring.io.template import load_template

    scheme = load_template(write_template(tmp_path / "t.xlsx", [criterion("A"), criterion("B")]))
    submission = read_submission_file(
        write_form(tmp_path / "p.xlsx", project(), [dict(code="B", current="x")])
    )[0]
    fixed = {("P1", "A"): Assessment("P1", "A", 0.5, "Li Wei", "value read on site")}
    result = score_scheme(scheme, [submission], fixed)[0]
    # A missing (fixed by the inspector) no longer reports missing_required; B still not_a_number
    assert [i.kind for i in result.issues] == ["not_a_number"]
    # A 0.5·100/2 = 25; B invalid and required → 0
    assert result.total == pytest.approx(25.0)


def test_indicator_results_are_built_once_on_first_use():
    from scoring.core.results import IndicatorResult, LazyIndicators

    calls = []

    def build():
        calls.append(1)
        return {"A": IndicatorResult("A", 2.0, None, 0.5, 5.0, "ok")}

    lazy = LazyIndicators(build)
    assert calls == []  # nothing built by scoring alone
    assert lazy["A"].points == 5.0 and list(lazy) == ["A"] and len(lazy) == 1
    lazy["A"].reconciliation = "kept"  # what a workspace attaches stays attached
    assert lazy == {"A": lazy["A"]} and lazy["A"].reconciliation == "kept"
    assert calls == [1]


def test_issues_are_written_in_chinese_too(tmp_path):
    """The people who read the issues mostly read Chinese first: each engine issue carries a
    Chinese message, printed in Chinese outputs; English ones keep the English."""
    from scoring.core.model import Issue, Rejection
    from scoring.core.presentation import issue_kind_label, issue_text, reason_label, rejection_text
    from scoring.workspace.encoding import issues_from_json, issues_to_json

    result = score_one(
        tmp_path,
        [criterion("A"), criterion("B", type="change", direction="lower", worst=0, best=0.5)],
        [dict(code="A", current="about 30"), dict(code="B", current=5, baseline=0)],
    )
    by_kind = {i["kind"]: i for i in result["issues"]}
    assert by_kind["not_a_number"]["message_zh"] == "A：应填写数字，实际为文本 'about 30'"
    assert by_kind["zero_baseline"]["message_zh"] == "B：基准值为 0，无法计算变化率；请核对基准值"
    assert by_kind["not_a_number"]["message"] == "A: expected a number, found the text 'about 30'"

    issue = Issue("error", "veto", "p.xlsx:Data!E9", "C1: the must-pass ...", "C1：一票否决指标未达标")
    assert issue_text(issue, "zh_CN") == "C1：一票否决指标未达标"
    assert issue_text(issue, "en") == "C1: the must-pass ..."
    assert issue_kind_label("veto", "zh") == "一票否决" and issue_kind_label("odd_kind", "zh") == "odd_kind"
    assert issues_from_json(issues_to_json([issue])) == [issue]  # the workspace keeps both
    assert issues_from_json('[{"severity": "warning", "kind": "k", "location": "", "message": "m"}]') == [
        Issue("warning", "k", "", "m")]  # issues stored before the Chinese was added

    refused = Rejection("a.xlsx", "encrypted", "a.xlsx: the workbook is protected by a password")
    assert reason_label("encrypted", "zh") == "文件设有密码"
    assert rejection_text(refused, "zh").startswith("请打开文件，清除密码")
    assert rejection_text(refused, "zh").endswith("详情：a.xlsx: the workbook is protected by a password")
    assert rejection_text(refused, "en") == "a.xlsx: the workbook is protected by a password"


# ----------------------------------------------------------------- co-control and side balance


@pytest.mark.parametrize("pollution, carbon, expected", [
    (30.0, 10.0, 10.0),     # both fell: the smaller fall
    (-5.0, 20.0, -5.0),     # pollutants rose: negative
    (-10.0, -20.0, -20.0),  # both rose: negative (the elasticity −10/−20 = +0.5 looked like synergy)
    (50.0, 0.01, 0.01),     # CO2 almost unchanged: small (the elasticity 50/0.01 = 5000 exploded)
    (-300.0, 10.0, -100.0), # a rise beyond 100 % is clipped to −100
])
def test_joint_reduction_is_the_smaller_fall_clipped(pollution, carbon, expected):
    assert joint_reduction(pollution, carbon) == pytest.approx(expected)


def _sides_scheme(tmp_path, pollution_weights, carbon_weights):
    crits = [criterion(f"P{k}", effect="pollution", weight=w) for k, w in enumerate(pollution_weights)]
    crits += [criterion(f"C{k}", effect="carbon", weight=w) for k, w in enumerate(carbon_weights)]
    crits += [criterion("B", effect="both", weight=40),
              criterion("X", type="yesno", kind="bonus", effect="carbon")]
    return load_template(write_template(tmp_path / "t.xlsx", crits))


@pytest.mark.parametrize("pollution, carbon, kinds", [
    ((10, 10, 10), (5, 5, 5), []),                                 # 15 ≥ 30/3: balanced enough
    ((10, 10, 10), (3, 3, 3), ["synergy_side_light"]),             # 9 < 30/3
    ((10, 10, 10), (10, 10), ["synergy_side_thin"]),               # 2 carbon (the bonus is no side)
    ((10, 10, 10), (10, 10, 0), ["synergy_side_thin"]),            # a weight-0 criterion does not count
    ((10,), (), ["synergy_side_thin", "synergy_side_thin", "synergy_side_light"]),
])
def test_synergy_balance_warnings(tmp_path, pollution, carbon, kinds):
    warnings = synergy_balance_warnings(_sides_scheme(tmp_path, pollution, carbon))
    assert [w.kind for w in warnings] == kinds
    assert all(w.severity == "warning" and w.message_zh for w in warnings)


def test_validate_warns_about_thin_sides_but_passes(tmp_path, capsys):
    from scoring.cli.main import main

    crits = [criterion("P", effect="pollution"), criterion("C", effect="carbon")]
    template = write_template(tmp_path / "t.xlsx", crits)
    assert main(["validate", "--template", str(template)]) == 0
    out = capsys.readouterr().out
    assert out.count("warning:") == 2 and "'pollution': 1" in out and "'carbon': 1" in out


# Published: Math. Probl. Eng. 2022, article 2969206 ("Urban-Rural Logistics Coupling Coordinated
# Development and Urban-Rural Integrated Development"), table 4: U_u, U_r, C, T, D by year, two
# systems, α = 0.5, values printed to 3 decimals (docs/method.md, "Synergy: worked example").
PUBLISHED_COUPLING_ROWS = [
    # year, U1, U2, C, T, D
    (2011, 0.101, 0.280, 0.882, 0.190, 0.410),
    (2014, 0.238, 0.511, 0.931, 0.374, 0.590),
    (2015, 0.424, 0.421, 1.000, 0.422, 0.650),
    (2017, 0.591, 0.466, 0.993, 0.528, 0.724),
    (2019, 0.892, 0.662, 0.989, 0.777, 0.877),
]


@pytest.mark.parametrize("year, u1, u2, c, t, d", PUBLISHED_COUPLING_ROWS)
def test_coupling_coordination_reproduces_a_published_table(year, u1, u2, c, t, d):
    coupling, coordination, degree = coupling_coordination(np.array([u1]), np.array([u2]), 0.5)
    # the table rounds each figure from unrounded indices: agree to the last printed digit ± 1
    assert coupling[0] == pytest.approx(c, abs=1.5e-3)
    assert coordination[0] == pytest.approx(t, abs=1.5e-3)
    assert degree[0] == pytest.approx(d, abs=1.5e-3)


def test_every_refusal_says_what_to_do_in_both_languages():
    from scoring.core.model import REJECTION_REASONS
    from scoring.core.presentation import rejection_action

    for reason in REJECTION_REASONS:
        english, chinese = rejection_action(reason, "en"), rejection_action(reason, "zh")
        chinese_in_english = any("\u4e00" <= ch <= "\u9fff" for ch in english)
        assert english and english[0].isupper() and not chinese_in_english, reason
        assert chinese and not chinese.isascii(), reason
    assert rejection_action("missing_project_id", "en") == (
        "Fill in the project ID in the cell shown and import the file again")

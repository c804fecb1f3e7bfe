"""The scoring rules of the foundation issue, each pinned by a hand-computed number.

Every expected value below is worked out in the comment beside it from the rule's formula, not
taken from the program's output.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from scoring.engine import SchemeArrays, rank_projects, score_matrix
from scoring.model import MISSING, OK, Assessment
from scoring.pipeline import run
from tests.builders import criterion, project, set_cached_value, write_form, write_template


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


def test_missing_required_counts_zero_under_missing_zero(tmp_path):
    # A missing, included at s = 0: W = 4; B: 1·1·100/4 = 25
    result = score_one(
        tmp_path,
        [criterion("A", weight=3), criterion("B", type="yesno")],
        [dict(code="B", current="yes")],
        missing="zero",
    )
    assert result["indicators"]["A"]["points"] == 0.0
    assert result["indicators"]["A"]["status"] == "missing"
    assert result["total"] == pytest.approx(25.0)
    assert [i["kind"] for i in result["issues"]] == ["missing_required"]


def test_missing_required_is_excluded_under_reweight(tmp_path):
    # A excluded: W = 1; B: 1·1·100/1 = 100
    result = score_one(
        tmp_path,
        [criterion("A", weight=3), criterion("B", type="yesno")],
        [dict(code="B", current="yes")],
        missing="reweight",
    )
    assert result["indicators"]["A"]["points"] is None
    assert result["total"] == pytest.approx(100.0)
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


def test_synergy_weights_and_both_effect(tmp_path):
    # P (w 1, s 0.2) pollution; B (w 3, s 0.6) both; C (w 1, s 1.0) carbon; alpha 0.25
    # U_P = (0.2 + 1.8)/4 = 0.5; U_C = (1.8 + 1.0)/4 = 0.7
    # C = 2·√0.35/1.2 = 0.98601…; T = 0.25·0.5 + 0.75·0.7 = 0.65; D = √(C·T) = 0.80056… → 9
    crits = [
        criterion("P", effect="pollution"),
        criterion("B", effect="both", weight=3),
        criterion("C", effect="carbon"),
        criterion("N", effect="none"),
    ]
    rows = [
        dict(code="P", current=20),
        dict(code="B", current=60),
        dict(code="C", current=100),
        dict(code="N", current=0),
    ]
    synergy = score_one(tmp_path, crits, rows, synergy_alpha=0.25)["synergy"]
    expected_c = 2 * math.sqrt(0.35) / 1.2
    assert synergy["pollution"] == pytest.approx(0.5)
    assert synergy["carbon"] == pytest.approx(0.7)
    assert synergy["C"] == pytest.approx(expected_c)
    assert synergy["T"] == pytest.approx(0.65)
    assert synergy["D"] == pytest.approx(math.sqrt(expected_c * 0.65))
    assert synergy["class"] == 9


def test_synergy_is_null_without_both_sides(tmp_path):
    result = score_one(tmp_path, [criterion("P", effect="pollution")], [dict(code="P", current=50)])
    assert result["synergy"] is None


def test_synergy_both_zero_gives_zero_coupling(tmp_path):
    crits = [criterion("P", effect="pollution"), criterion("C", effect="carbon")]
    synergy = score_one(tmp_path, crits, [dict(code="P", current=0), dict(code="C", current=0)])["synergy"]
    assert (synergy["C"], synergy["D"], synergy["class"]) == (0.0, 0.0, 1)


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
    from scoring.engine import score_scheme
    from scoring.submission import read_submission_file
    from scoring.template import load_template

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
    from scoring.template import load_template

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
    from scoring.engine import score_scheme
    from scoring.submission import read_submission_file
    from scoring.template import load_template

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
    from scoring.engine import IndicatorResult, LazyIndicators

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
    from scoring.model import Issue, Rejection
    from scoring.presentation import issue_kind_label, issue_text, reason_label, rejection_text
    from scoring.workspace_db import issues_from_json, issues_to_json

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

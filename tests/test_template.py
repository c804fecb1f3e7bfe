"""Template validation: a template breaking any rule is refused with every problem located."""

from __future__ import annotations

import pytest

from scoring.io.template import TemplateError, load_template
from tests.builders import criterion, write_template


def problems_of(path) -> list[str]:
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    return [str(p) for p in caught.value.problems]


def test_valid_template_reads_settings_and_criteria(tmp_path):
    path = write_template(
        tmp_path / "t.xlsx",
        [
            criterion("A", unit="%", effect="carbon", guidance="see note"),
            criterion("B", type="choice", choices="I=1; II=0.6; III=0.3", required="no", allow_na="yes"),
            criterion("V", type="yesno", veto="yes", weight=0),
            criterion("X", type="yesno", kind="bonus", weight=2),
        ],
        name="City pilot",
        level="城市",
        version="2024.1",
        total_points=120,
        missing="reweight",
        synergy_alpha=0.4,
    )
    scheme = load_template(path)
    assert (scheme.name, scheme.level, scheme.version) == ("City pilot", "city", "2024.1")
    assert (scheme.total_points, scheme.missing, scheme.synergy_alpha) == (120, "reweight", 0.4)
    assert scheme.codes == ("A", "B", "V", "X")
    b = scheme.criterion("B")
    assert b.choices == (("I", 1.0), ("II", 0.6), ("III", 0.3))
    assert (b.required, b.allow_na) == (False, True)
    assert scheme.criterion("V").veto
    assert scheme.criterion("X").kind == "bonus" and not scheme.criterion("X").is_required
    assert [g.name for g in scheme.grades_descending] == ["Excellent", "Good", "Pass", "Fail"]
    assert len(scheme.content_hash) == 64
    assert scheme.known_criterion("B") is b
    assert scheme.criterion("Z") is None
    with pytest.raises(KeyError, match="'Z'"):
        scheme.known_criterion("Z")


def test_chinese_headers_in_any_order_are_accepted(tmp_path):
    header = ["权重", "编号", "指标", "维度", "类型", "方向", "最差值", "最优值"]
    rows = [
        {
            "权重": 1,
            "编号": "A",
            "指标": "PM2.5",
            "维度": "环境治理",
            "类型": "value",
            "方向": "lower",
            "最差值": 50,
            "最优值": 20,
        }
    ]
    scheme = load_template(write_template(tmp_path / "t.xlsx", rows, header=header))
    assert scheme.criterion("A").direction == "lower"
    assert scheme.criterion("A").best == 20


def test_every_problem_is_listed_with_its_cell(tmp_path):
    path = write_template(
        tmp_path / "t.xlsx",
        [
            criterion("A", weight=-1),
            criterion("A"),
            criterion("B", direction="higher", worst=10, best=5),
            criterion("C", type="choice"),
            criterion("D", type="choice", choices="I=1.5; II"),
            criterion("E", type="value", direction=None, worst=None, best=None),
            criterion("F", type="score-me"),
            criterion("G", effect="water", veto="maybe"),
        ],
        level="town",
        version="",
    )
    problems = problems_of(path)
    expected = [
        "Scheme!B4: version: required",
        "Scheme!B3: level: must be one of region, city, park, enterprise, found 'town'",
        "Criteria!H2: weight: must be 0 or more, found -1",
        "Criteria!A3: code: the code 'A' is used again (first at A2)",
        "Criteria!J4: best: with direction higher, best (5) must be above worst (10)",
        "Criteria!K5: choices: required for choice criteria",
        "Criteria!K6: choices: the fraction of 'I' must be in [0, 1], found 1.5",
        "Criteria!K6: choices: 'II' is not of the form label=fraction",
        "Criteria!G7: direction: required for value and change criteria",
        "Criteria!I7: worst: required for value and change criteria",
        "Criteria!J7: best: required for value and change criteria",
        "Criteria!F8: type: must be one of value, change, yesno, choice, manual, found 'score-me'",
        "Criteria!E9: effect: must be one of pollution, carbon, both, none, found 'water'",
        "Criteria!N9: veto: must be yes or no, found 'maybe'",
    ]
    for text in expected:
        assert any(p.startswith(text) for p in problems), (text, problems)


def test_change_bounds_are_on_improvement(tmp_path):
    ok = write_template(
        tmp_path / "ok.xlsx", [criterion("A", type="change", direction="lower", worst=0, best=18)]
    )
    assert load_template(ok).criterion("A").best == 18
    bad = write_template(
        tmp_path / "bad.xlsx", [criterion("A", type="change", direction="lower", worst=0, best=-18)]
    )
    assert any("improvement" in p for p in problems_of(bad))


def test_missing_sheets_and_columns(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Other"
    wb.save(tmp_path / "empty.xlsx")
    assert [p.split(":")[0:2] for p in problems_of(tmp_path / "empty.xlsx")] == [
        ["Scheme", " the sheet is missing"],
        ["Criteria", " the sheet is missing"],
    ]
    path = write_template(tmp_path / "t.xlsx", [{"code": "A"}], header=["code", "indicator"])
    assert any("the column 'weight' is missing" in p for p in problems_of(path))


def test_grades_sheet_must_start_at_zero(tmp_path):
    path = write_template(tmp_path / "t.xlsx", [criterion("A")], grades=[("Top", 90), ("Ok", 50)])
    assert any("lowest grade must start at 0" in p for p in problems_of(path))


def test_not_a_workbook_is_one_clear_problem(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_text("name,level\n")
    problems = problems_of(path)
    assert len(problems) == 1 and "not an Excel" in problems[0]


def test_shipped_templates_are_valid():
    from scoring.cli.common import default_template_paths

    paths = default_template_paths()
    levels = sorted(load_template(p).level for p in paths)
    assert levels == ["city", "enterprise", "park", "region"]


def test_numbers_beyond_the_documented_maximum_are_refused_with_their_cell(tmp_path, capsys):
    from scoring.cli.main import main
    from scoring.io.template import MAX_TEMPLATE_NUMBER

    path = write_template(
        tmp_path / "huge.xlsx",
        [criterion("A", weight=1e308), criterion("B", weight=1, best="inf"), criterion("C", worst=-2e12)],
        total_points=1e300,
        grades=[("Pass", 0), ("Gold", 1e13)],
    )
    with pytest.raises(TemplateError) as refused:
        load_template(path)
    found = {f"{p.sheet}!{p.where}": p.message for p in refused.value.problems}
    # Criteria: header in row 1, A in row 2 (weight in H), B in row 3 (best in J), C in row 4 (worst in I)
    assert set(found) == {"Scheme!B5", "Criteria!H2", "Criteria!J3", "Criteria!I4", "Grades!B3"}
    assert found["Criteria!H2"] == (
        "weight: must be a finite number no larger than 1e+12 in size, found 1e+308")
    assert MAX_TEMPLATE_NUMBER == 1e12
    assert main(["validate", "--template", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Criteria!H2: weight: must be a finite number" in err and "Traceback" not in err


def test_the_largest_numbers_allowed_still_score_without_overflow(tmp_path):
    from scoring.io.pipeline import load_schemes, score_files
    from tests.builders import project, write_form

    big = 1e12
    template = write_template(tmp_path / "big.xlsx", [criterion("A", weight=big, worst=-big, best=big),
                                                      criterion("B", weight=big)], total_points=big)
    form = write_form(tmp_path / "p.xlsx", project("P1"),
                      [dict(code="A", current=0), dict(code="B", current=100)])
    (result,) = score_files(load_schemes([str(template)]), [form]).projects
    # A: (0 - (-1e12)) / (2e12) = 0.5 of half the points; B: full marks on the other half → 0.75·1e12
    assert result.total == pytest.approx(0.75 * big)


def test_basis_columns_are_read_under_their_english_or_chinese_headers(tmp_path):
    for english, chinese in (("basis", "basis_zh"), ("依据", "中文依据")):
        columns = ["code", "dimension", "indicator", "type", "weight", english, chinese]
        rows = [{"code": "A", "dimension": "D", "indicator": "I", "type": "yesno", "weight": 1,
                 english: "  Plan 2022: −18% by 2025  ", chinese: "方案（2022）：2025年下降18%"}]
        path = write_template(tmp_path / f"{english}.xlsx", rows, header=columns)
        a = load_template(path).criterion("A")
        assert (a.basis, a.basis_zh) == ("Plan 2022: −18% by 2025", "方案（2022）：2025年下降18%")


def test_an_older_template_without_a_basis_column_still_loads():
    # The city scheme as shipped in version 2024.1, before the basis column existed.
    from pathlib import Path

    older = load_template(Path(__file__).parent / "data" / "city_2024.1.xlsx")
    assert older.version == "2024.1" and len(older.criteria) == 15
    assert all(c.basis == c.basis_zh == "" for c in older.criteria)


def test_the_chinese_name_is_read_beside_the_english_one_and_is_optional(tmp_path):
    named = load_template(write_template(tmp_path / "a.xlsx", [criterion("A")], name="City pilot",
                                         name_zh="城市试点"))
    older = load_template(write_template(tmp_path / "b.xlsx", [criterion("A")], name="City pilot 城市试点"))
    assert (named.name, named.name_zh) == ("City pilot", "城市试点")
    assert (older.name, older.name_zh) == ("City pilot 城市试点", "")
    assert named.template_names == ("City pilot", "城市试点", "City pilot 城市试点")
    assert older.template_names == ("City pilot 城市试点",)


def test_a_scheme_is_shown_by_its_chinese_name_in_chinese_only(tmp_path):
    from scoring.core.presentation import scheme_label

    named = load_template(write_template(tmp_path / "a.xlsx", [criterion("A")], name="City pilot",
                                         name_zh="城市试点"))
    older = load_template(write_template(tmp_path / "b.xlsx", [criterion("A")], name="Old pilot"))
    assert (scheme_label(named, "zh"), scheme_label(named, "en")) == ("城市试点", "City pilot")
    assert (scheme_label(older, "zh"), scheme_label(older, "en")) == ("Old pilot", "Old pilot")


def test_chinese_guidance_and_choice_labels_are_read_shown_and_accepted(tmp_path):
    from scoring.core.presentation import guidance_label, unit_label, value_label
    from scoring.core.values import CellValue, parse_choice

    header = ["code", "dimension", "indicator", "type", "weight", "choices", "choices_zh", "guidance",
              "guidance_zh", "unit"]
    scheme = load_template(write_template(tmp_path / "t.xlsx", [criterion(
        "A", type="choice", choices="national=1; provincial=0.5; none=0", choices_zh="国家级; 省级; 无",
        guidance="Highest recognition.", guidance_zh="取最高级别。", unit="grade")], header=header))
    a = scheme.criterion("A")
    assert a.choices_zh == ("国家级", "省级", "无")
    assert (guidance_label(a, "zh"), guidance_label(a, "en")) == ("取最高级别。", "Highest recognition.")
    assert (value_label(a, "Provincial", "zh"), value_label(a, "省级", "en")) == ("省级", "provincial")
    assert parse_choice(CellValue("省级", "Data!E5"), a).number == 0.5
    assert (unit_label(a.unit, "zh"), unit_label(a.unit, "en")) == ("等级", "grade")
    assert unit_label("kWh", "zh") == "kWh"


def test_chinese_choice_labels_must_match_the_choices_one_to_one(tmp_path):
    header = ["code", "dimension", "indicator", "type", "weight", "choices", "choices_zh"]
    problems = problems_of(write_template(tmp_path / "t.xlsx", [
        criterion("A", type="choice", choices="I=1; II=0.5", choices_zh="一级"),
        criterion("B", type="choice", choices="I=1; II=0.5", choices_zh="一级; 一级"),
    ], header=header))
    assert any("choices_zh" in p and "1 Chinese labels for 2 choices" in p for p in problems)
    assert any("choices_zh" in p and "appears twice" in p for p in problems)

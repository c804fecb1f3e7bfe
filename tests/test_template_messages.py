"""Every kind of template problem, as a person reads it: located by sheet and cell, saying
what to do, in English and in Chinese (docs/importer.md, "A template refused").

The expected texts are written out by hand from the catalogue's wording, the cell from the
sheet's layout (tests/builders.py: Scheme rows name, level, version, then the settings from
row 5; the Criteria header in row 1 with code in A, dimension B, indicator C, unit D, effect E,
type F, direction G, weight H, worst I, best J, choices K, required L, allow_na M, veto N,
kind O, guidance P).
"""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from scoring.io.template import TemplateError, TemplateProblem, load_template
from tests.builders import CRITERIA_HEADER, criterion, write_template

A = criterion("A")
YEARS = {"baseline_year": 2020, "target_year": 2025}
WITH_PRORATE = [*CRITERIA_HEADER, "prorate"]  # prorate in column Q
CHOICES_ZH = ["code", "dimension", "indicator", "type", "weight", "choices", "choices_zh"]  # choices_zh in G

#: (case, criteria, write_template's keywords, where, English, Chinese)
CASES = [
    # the Scheme sheet
    ("name blank", [A], {"name": None}, "Scheme!B2",
     "Scheme!B2: name: required; put it in column B beside the key",
     "Scheme!B2：name（名称）：必填，请写在该键旁边的 B 列"),
    ("level unknown", [A], {"level": "town"}, "Scheme!B3",
     "Scheme!B3: level: must be one of region, city, park, enterprise, found 'town'",
     "Scheme!B3：level（层级）：应为以下之一：region（区域）、city（城市）、park（产业园区）、enterprise（企业）；"
     "实际为 'town'"),
    ("total not a number", [A], {"total_points": "lots"}, "Scheme!B5",
     "Scheme!B5: total_points: must be a number, found 'lots'",
     "Scheme!B5：total_points（总分）：应为数字，实际为 'lots'"),
    ("total zero", [A], {"total_points": 0}, "Scheme!B5",
     "Scheme!B5: total_points: must be greater than 0, found 0",
     "Scheme!B5：total_points（总分）：应大于 0，实际为 0"),
    ("total typed in full-width digits with a comma", [A], {"total_points": "１００，５"}, "Scheme!B5",
     "Scheme!B5: total_points: must be a number, found '100,5': a comma is read only between groups of "
     "three digits (12,345); type the decimal mark as a point (12.5)",
     "Scheme!B5：total_points（总分）：应为数字，实际为 '100,5'：逗号只能用作千位分隔符（如 12,345）；"
     "小数点请用“.”（如 12.5）"),
    ("total over the maximum", [A], {"total_points": 1e300}, "Scheme!B5",
     "Scheme!B5: total_points: must be a finite number no larger than 1e+12 in size, found 1e+300",
     "Scheme!B5：total_points（总分）：应为有限数值，绝对值不超过 1e+12，实际为 1e+300"),
    ("alpha outside 0..1", [A], {"synergy_alpha": 1.5}, "Scheme!B5",
     "Scheme!B5: synergy_alpha: must be between 0 and 1, found 1.5",
     "Scheme!B5：synergy_alpha（协同系数）：应在 0 到 1 之间，实际为 1.5"),
    ("missing policy unknown", [A], {"missing": "drop"}, "Scheme!B5",
     "Scheme!B5: missing: must be zero or reweight, found 'drop'",
     "Scheme!B5：missing（缺失值处理）：应为 zero 或 reweight，实际为 'drop'"),
    ("year not whole", [A], {"baseline_year": 2020.5, "target_year": 2025}, "Scheme!B5",
     "Scheme!B5: baseline_year: must be a year such as 2020, found 2020.5",
     "Scheme!B5：baseline_year（基准年）：应为年份，如 2020，实际为 2020.5"),
    ("one year of two", [A], {"baseline_year": 2020}, "Scheme!B5",
     "Scheme!B5: baseline_year: goes with target_year: give both years of the target, or neither",
     "Scheme!B5：baseline_year（基准年）：须与 target_year 同时给出：请给出目标的两个年份，或都不给"),
    ("target before baseline", [A], {"baseline_year": 2025, "target_year": 2020}, "Scheme!B6",
     "Scheme!B6: target_year: must be after baseline_year (2025), found 2020",
     "Scheme!B6：target_year（目标年）：应晚于 baseline_year（2025），实际为 2020"),
    ("prorate without years", [criterion("C", type="change", prorate="yes")], {"header": WITH_PRORATE},
     "Scheme!",
     "Scheme: criteria marked prorate (C) need the years of their target: add baseline_year and target_year "
     "to the Scheme sheet (e.g. 2020 and 2025)",
     "工作表 Scheme：标记为按年折算（prorate）的指标（C）需要目标的年份：请在 Scheme 工作表中添加 "
     "baseline_year 和 target_year（例如 2020 和 2025）"),
    # the Criteria sheet as a whole
    ("no header row", [{"名称": "A"}], {"header": ["名称", "分数"]}, "Criteria!",
     "Criteria: no header row with a 'code' column in the first 10 rows; put a header row (code, dimension, "
     "indicator, type, weight, …) above the criteria",
     "工作表 Criteria：前 10 行中没有含 code（编号）列的表头行；请在指标上方加一行表头：code、dimension、"
     "indicator、type、weight 等"),
    ("column missing", [{"code": "A"}], {"header": ["code", "dimension", "indicator", "type"]},
     "Criteria!row 1",
     "Criteria, row 1: the column 'weight' is missing; add it to the header row",
     "工作表 Criteria 第 1 行：缺少 weight（权重）列；请在表头行中添加"),
    ("no criteria", [], {}, "Criteria!",
     "Criteria: no criteria: add one row per criterion below the header",
     "工作表 Criteria：没有指标：请在表头下方每行填写一项指标"),
    ("no score criterion", [criterion("X", type="yesno", kind="bonus")], {}, "Criteria!",
     "Criteria: no criterion of kind 'score'; set kind to score (or leave it empty) for at least one "
     "criterion",
     "工作表 Criteria：没有类别为 score（计分）的指标；请至少将一项指标的 kind 设为 score（或留空）"),
    ("weights add up to 0", [criterion("A", weight=0)], {}, "Criteria!",
     "Criteria: the weights of the score criteria add up to 0; give at least one score criterion a weight "
     "above 0",
     "工作表 Criteria：计分指标的权重合计为 0；请至少给一项计分指标大于 0 的权重"),
    # a criterion's cells
    ("code blank", [criterion(None)], {}, "Criteria!A2",
     "Criteria!A2: code: required", "Criteria!A2：code（编号）：必填"),
    ("code twice", [A, criterion("A")], {}, "Criteria!A3",
     "Criteria!A3: code: the code 'A' is used again (first at A2); give every criterion its own code",
     "Criteria!A3：code（编号）：编号 'A' 重复使用（首次出现在 A2）；每项指标须有自己的编号"),
    ("dimension blank", [criterion("A", dimension=None)], {}, "Criteria!B2",
     "Criteria!B2: dimension: required", "Criteria!B2：dimension（维度）：必填"),
    ("type blank", [criterion("A", type=None)], {}, "Criteria!F2",
     "Criteria!F2: type: required: one of value, change, yesno, choice, manual",
     "Criteria!F2：type（类型）：必填，应为以下之一：value、change、yesno、choice、manual"),
    ("type unknown", [criterion("A", type="score-me")], {}, "Criteria!F2",
     "Criteria!F2: type: must be one of value, change, yesno, choice, manual, found 'score-me'",
     "Criteria!F2：type（类型）：应为以下之一：value、change、yesno、choice、manual；实际为 'score-me'"),
    ("effect unknown", [criterion("A", effect="water")], {}, "Criteria!E2",
     "Criteria!E2: effect: must be one of pollution, carbon, both, none, found 'water'",
     "Criteria!E2：effect（效应）：应为以下之一：pollution、carbon、both、none；实际为 'water'"),
    ("weight blank", [criterion("A", weight=None)], {}, "Criteria!H2",
     "Criteria!H2: weight: required: a number of 0 or more",
     "Criteria!H2：weight（权重）：必填，应为 0 或以上的数字"),
    ("weight not a number", [criterion("A", weight="heavy")], {}, "Criteria!H2",
     "Criteria!H2: weight: must be a number, found 'heavy'",
     "Criteria!H2：weight（权重）：应为数字，实际为 'heavy'"),
    ("weight negative", [criterion("A", weight=-1)], {}, "Criteria!H2",
     "Criteria!H2: weight: must be 0 or more, found -1",
     "Criteria!H2：weight（权重）：应为 0 或以上，实际为 -1"),
    ("weight over the maximum", [criterion("A", weight=1e308)], {}, "Criteria!H2",
     "Criteria!H2: weight: must be a finite number no larger than 1e+12 in size, found 1e+308",
     "Criteria!H2：weight（权重）：应为有限数值，绝对值不超过 1e+12，实际为 1e+308"),
    ("bound over the maximum", [criterion("A", best=1e13)], {}, "Criteria!J2",
     "Criteria!J2: best: must be a finite number no larger than 1e+12 in size, found 1e+13",
     "Criteria!J2：best（最优值）：应为有限数值，绝对值不超过 1e+12，实际为 1e+13"),
    ("weight typed too large", [criterion("A", weight="1e400")], {}, "Criteria!H2",  # a number, past ±1.8e308
     "Criteria!H2: weight: must be a finite number no larger than 1e+12 in size, found '1e400' (too large to "
     "calculate with)",
     "Criteria!H2：weight（权重）：应为有限数值，绝对值不超过 1e+12，实际为 '1e400'（数值过大，无法计算）"),
    ("bound typed too large and negative", [criterion("A", worst="-1e400")], {}, "Criteria!I2",
     "Criteria!I2: worst: must be a finite number no larger than 1e+12 in size, found '-1e400' (too large to "
     "calculate with)",
     "Criteria!I2：worst（最差值）：应为有限数值，绝对值不超过 1e+12，实际为 '-1e400'（数值过大，无法计算）"),
    ("weight with a decimal comma", [criterion("A", weight="1,5")], {}, "Criteria!H2",
     "Criteria!H2: weight: must be a number, found '1,5': a comma is read only between groups of three "
     "digits (12,345); type the decimal mark as a point (12.5)",
     "Criteria!H2：weight（权重）：应为数字，实际为 '1,5'：逗号只能用作千位分隔符（如 12,345）；"
     "小数点请用“.”（如 12.5）"),
    ("bound not a number", [criterion("A", best="inf")], {}, "Criteria!J2",
     "Criteria!J2: best: must be a number, found 'inf'",
     "Criteria!J2：best（最优值）：应为数字，实际为 'inf'"),
    ("direction blank", [criterion("A", direction=None)], {}, "Criteria!G2",
     "Criteria!G2: direction: required for value and change criteria: higher or lower",
     "Criteria!G2：direction（方向）：value 和 change 类指标必填，应为 higher 或 lower"),
    ("direction unknown", [criterion("A", direction="up")], {}, "Criteria!G2",
     "Criteria!G2: direction: must be one of higher, lower, found 'up'",
     "Criteria!G2：direction（方向）：应为以下之一：higher、lower；实际为 'up'"),
    ("worst blank", [criterion("A", worst=None)], {}, "Criteria!I2",
     "Criteria!I2: worst: required for value and change criteria",
     "Criteria!I2：worst（最差值）：value 和 change 类指标必填"),
    ("bounds equal", [criterion("A", worst=5, best=5)], {}, "Criteria!J2",
     "Criteria!J2: best: best must differ from worst (both 5)",
     "Criteria!J2：best（最优值）：best 应与 worst 不同（二者均为 5）"),
    ("change bounds reversed", [criterion("A", type="change", direction="lower", worst=0, best=-18)], {},
     "Criteria!J2",
     "Criteria!J2: best: a change criterion's bounds are on the improvement in %, so best (-18) must be "
     "above worst (0) whatever the direction",
     "Criteria!J2：best（最优值）：change 类指标的上下限是改善率（%），因此无论方向如何，best（-18）都应大于 "
     "worst（0）"),
    ("higher bounds reversed", [criterion("A", worst=10, best=5)], {}, "Criteria!J2",
     "Criteria!J2: best: with direction higher, best (5) must be above worst (10)",
     "Criteria!J2：best（最优值）：方向为 higher 时，best（5）应大于 worst（10）"),
    ("lower bounds reversed", [criterion("A", direction="lower", worst=5, best=10)], {}, "Criteria!J2",
     "Criteria!J2: best: with direction lower, best (10) must be below worst (5)",
     "Criteria!J2：best（最优值）：方向为 lower 时，best（10）应小于 worst（5）"),
    ("flag not yes or no", [criterion("A", veto="maybe")], {}, "Criteria!N2",
     "Criteria!N2: veto: must be yes or no, found 'maybe'",
     "Criteria!N2：veto（一票否决）：应为 yes 或 no（是/否），实际为 'maybe'"),
    ("choices blank", [criterion("A", type="choice")], {}, "Criteria!K2",
     "Criteria!K2: choices: required for choice criteria, e.g. 'I=1; II=0.6; III=0.3'",
     "Criteria!K2：choices（选项）：choice 类指标必填，例如“I=1; II=0.6; III=0.3”"),
    ("choice without a fraction", [criterion("A", type="choice", choices="I=1; II")], {}, "Criteria!K2",
     "Criteria!K2: choices: 'II' is not of the form label=fraction (e.g. I=1)",
     "Criteria!K2：choices（选项）：'II' 不符合“标签=得分比例”的格式（例如 I=1）"),
    ("choice fraction over 1", [criterion("A", type="choice", choices="I=1.5")], {}, "Criteria!K2",
     "Criteria!K2: choices: the fraction of 'I' must be in [0, 1], found 1.5",
     "Criteria!K2：choices（选项）：'I' 的得分比例应在 [0, 1] 之间，实际为 1.5"),
    ("choice twice", [criterion("A", type="choice", choices="I=1; i=0.5")], {}, "Criteria!K2",
     "Criteria!K2: choices: the label 'i' appears twice",
     "Criteria!K2：choices（选项）：标签 'i' 出现了两次"),
    ("Chinese labels miscounted", [criterion("A", type="choice", choices="I=1; II=0.5", choices_zh="一级")],
     {"header": CHOICES_ZH}, "Criteria!G2",
     "Criteria!G2: choices_zh: gives 1 Chinese labels for 2 choices; give one per choice, in the same order, "
     "separated by ';'",
     "Criteria!G2：choices_zh（中文选项）：给出了 1 个中文标签，而选项有 2 个；"
     "请按相同顺序为每个选项给一个标签，以“;”分隔"),
    ("Chinese label twice", [criterion("A", type="choice", choices="I=1; II=0.5", choices_zh="一级; 一级")],
     {"header": CHOICES_ZH}, "Criteria!G2",
     "Criteria!G2: choices_zh: the Chinese label '一级' appears twice",
     "Criteria!G2：choices_zh（中文选项）：中文标签 '一级' 出现了两次"),
    ("prorate on a value criterion", [criterion("A", prorate="yes")], {"header": WITH_PRORATE, **YEARS},
     "Criteria!Q2",
     "Criteria!Q2: prorate: only a change criterion's target can be pro-rated to the year; leave prorate "
     "empty here",
     "Criteria!Q2：prorate（按年折算）：只有 change（变化）类指标的目标可按年折算；请将此处的 prorate 留空"),
    # the Grades sheet
    ("grade unnamed", [A], {"grades": [(None, 50), ("Fail", 0)]}, "Grades!A2",
     "Grades!A2: grade: name required", "Grades!A2：grade（等级）：必须填写等级名称"),
    ("grade minimum not a number", [A], {"grades": [("Pass", "half"), ("Fail", 0)]}, "Grades!B2",
     "Grades!B2: min_points: must be a number, found 'half'",
     "Grades!B2：min_points（最低分）：应为数字，实际为 'half'"),
    ("grade minimum over the maximum", [A], {"grades": [("Gold", 1e13), ("Fail", 0)]}, "Grades!B2",
     "Grades!B2: min_points: must be a finite number no larger than 1e+12 in size, found 1e+13",
     "Grades!B2：min_points（最低分）：应为有限数值，绝对值不超过 1e+12，实际为 1e+13"),
    ("grade twice", [A], {"grades": [("Top", 90), ("Top", 40), ("Fail", 0)]}, "Grades!A3",
     "Grades!A3: grade: 'Top' appears twice; list each grade once",
     "Grades!A3：grade（等级）：'Top' 出现了两次；每个等级只列一次"),
    ("no grades", [A], {"grades": []}, "Grades!",
     "Grades: no grades listed; list one grade and its min_points per row below the header, or delete the "
     "sheet to use the default grades",
     "工作表 Grades：未列出任何等级；请在表头下方每行列出一个等级及其最低分，或删除该工作表以使用默认等级"),
    ("lowest grade above 0", [A], {"grades": [("Top", 90), ("Ok", 50), ("Good", 70)]}, "Grades!B3",
     "Grades!B3: min_points: the lowest grade must start at 0 so every total has a grade; set its min_points "
     "to 0",
     "Grades!B3：min_points（最低分）：最低等级须从 0 分起，使任何总分都有等级；请将其 min_points 设为 0"),
]


def refused(path) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    return caught.value


def place(problem: TemplateProblem) -> str:
    return f"{problem.sheet}!{problem.where}"


@pytest.mark.parametrize("case, criteria, settings, where, english, chinese", CASES,
                         ids=[c[0] for c in CASES])
def test_each_problem_is_told_in_both_languages_with_its_cell(tmp_path, case, criteria, settings, where,
                                                               english, chinese):
    error = refused(write_template(tmp_path / "t.xlsx", criteria, **settings))
    (problem,) = [p for p in error.problems if p.text("en") == english]
    assert (place(problem), problem.text("zh")) == (where, chinese)
    assert str(problem) == english  # the English as logs and older callers read it
    assert problem.file == "t.xlsx"
    if problem.where:  # one problem per cell: a wrong word is not also reported as a missing one
        assert [p for p in error.problems if place(p) == where] == [problem]


def test_a_key_missing_from_the_scheme_sheet_says_which_row_to_add(tmp_path):
    path = write_template(tmp_path / "t.xlsx", [A])
    book = load_workbook(path)
    book["Scheme"].delete_rows(4)  # the version row
    book.save(path)
    (problem,) = refused(path).problems
    assert (place(problem), problem.text("en"), problem.text("zh")) == (
        "Scheme!",
        "Scheme: version: required: add a row with 'version' in column A and its value in column B",
        "工作表 Scheme：version（版本）：必填，请添加一行，A 列写“version”，B 列写其值",
    )


def test_a_grades_sheet_without_its_header_says_which_columns(tmp_path):
    path = write_template(tmp_path / "t.xlsx", [A], grades=[("Pass", 0)])
    book = load_workbook(path)
    book["Grades"]["B1"] = "points"
    book.save(path)
    (problem,) = refused(path).problems
    assert (problem.text("en"), problem.text("zh")) == (
        "Grades: needs a header row with columns grade and min_points",
        "工作表 Grades：需要一行含 grade（等级）和 min_points（最低分）列的表头",
    )


def test_missing_sheets_say_what_to_add(tmp_path):
    book = Workbook()
    book.active.title = "Other"
    book.save(tmp_path / "empty.xlsx")
    scheme, criteria = refused(tmp_path / "empty.xlsx").problems
    assert (scheme.text("en"), scheme.text("zh")) == (
        "Scheme: the sheet is missing: add a sheet named Scheme (or 方案) with the keys name, level and "
        "version in column A and their values in column B",
        "工作表 Scheme：缺少该工作表：请添加名为 Scheme（或“方案”）的工作表，"
        "在 A 列写 name、level、version 等键，在 B 列写其值",
    )
    assert (criteria.text("en"), criteria.text("zh")) == (
        "Criteria: the sheet is missing: add a sheet named Criteria (or 指标) with a header row (code, "
        "dimension, indicator, type, weight, …) and one row per criterion below it",
        "工作表 Criteria：缺少该工作表：请添加名为 Criteria（或“指标”）的工作表，"
        "首行为表头（code、dimension、indicator、type、weight 等），其下每行一项指标",
    )


def test_a_file_that_cannot_be_opened_or_read_is_named_in_both_languages(tmp_path):
    (missing,) = refused(tmp_path / "nowhere.xlsx").problems
    assert missing.text("en").startswith("nowhere.xlsx: cannot be opened (")
    assert missing.text("en").endswith("); check the name and that you may read the file")
    assert missing.text("zh").startswith("nowhere.xlsx：无法打开（")
    assert missing.text("zh").endswith("）；请检查文件名，以及是否有权读取该文件")
    (tmp_path / "notes.xlsx").write_text("name,level\n")
    (not_a_book,) = refused(tmp_path / "notes.xlsx").problems
    assert "notes.xlsx" in not_a_book.text("en") and "notes.xlsx" in not_a_book.text("zh")
    assert "not an Excel" in not_a_book.text("en")
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in not_a_book.text("en"))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in not_a_book.text("zh"))


def test_the_refusal_heads_its_problems_in_each_language(tmp_path):
    path = write_template(tmp_path / "t.xlsx", [criterion("A", weight=-1), criterion("B", type="what")])
    error = refused(path)
    assert error.said.en == (
        f"{path}: the template is not valid (2 problems):\n"
        "  - Criteria!H2: weight: must be 0 or more, found -1\n"
        "  - Criteria!F3: type: must be one of value, change, yesno, choice, manual, found 'what'"
    )
    assert error.said.zh == (
        f"{path}：模板无效（2 处问题）：\n"
        "  - Criteria!H2：weight（权重）：应为 0 或以上，实际为 -1\n"
        "  - Criteria!F3：type（类型）：应为以下之一：value、change、yesno、choice、manual；实际为 'what'"
    )
    assert str(error) == error.said.en and error.text("zh") == error.said.zh


def test_problems_of_several_templates_are_each_put_after_their_file(tmp_path):
    from scoring.io.pipeline import load_schemes

    one = write_template(tmp_path / "one.xlsx", [criterion("A", weight=-1)])
    two = write_template(tmp_path / "two.xlsx", [A], level="town")
    with pytest.raises(TemplateError) as caught:
        load_schemes([one, two])
    assert caught.value.said.en.splitlines()[1:] == [
        "  - one.xlsx: Criteria!H2: weight: must be 0 or more, found -1",
        "  - two.xlsx: Scheme!B3: level: must be one of region, city, park, enterprise, found 'town'",
    ]
    assert caught.value.said.zh.splitlines()[1] == (
        "  - one.xlsx：Criteria!H2：weight（权重）：应为 0 或以上，实际为 -1")


def test_several_templates_refused_are_counted_in_the_heading(tmp_path, capsys):
    """Two templates refused together are "2 templates", not "the template", in both languages
    (score --template one --template two reads them together)."""
    from scoring.cli.main import main
    from scoring.io.pipeline import load_schemes

    one = write_template(tmp_path / "one.xlsx", [criterion("A", weight=-1)], level="town")
    two = write_template(tmp_path / "two.xlsx", [criterion("A", weight="x")])
    with pytest.raises(TemplateError) as caught:
        load_schemes([one, two])
    assert caught.value.said.en.splitlines()[0] == f"{one}, {two}: 2 templates are not valid (3 problems):"
    assert caught.value.said.zh.splitlines()[0] == f"{one}, {two}：2 个模板无效（共 3 处问题）："
    assert main(["score", "--template", str(one), "--template", str(two), str(tmp_path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"error: {one}, {two}: 2 templates are not valid (3 problems):"
    assert err[4] == f"错误：{one}, {two}：2 个模板无效（共 3 处问题）："


def test_a_template_over_a_limit_is_told_to_keep_its_own_sheets(tmp_path):
    """The reader's limits refuse a template as they refuse a form, but the advice is its
    author's: copy the Scheme, Criteria and Grades sheets (a form's sender copies Project and
    Data). A value in row 200,001 of Criteria is over the 100,000 rows a sheet may have."""
    path = write_template(tmp_path / "big.xlsx", [A])
    book = load_workbook(path)
    book["Criteria"]["A200001"] = "stray"
    book.save(path)
    (problem,) = refused(path).problems
    assert (problem.text("en"), problem.text("zh")) == (
        "big.xlsx: the sheet Criteria has values down to row 200,001, over the limit of 100,000 rows; this "
        "is far more than a template needs (a damaged file?): copy the Scheme, Criteria and Grades sheets "
        "into a new workbook and load that",
        "big.xlsx：工作表 Criteria 的数值一直到第 200,001 行，超过 100,000 行的上限；远超模板所需"
        "（文件可能已损坏）：请把 Scheme、Criteria 和 Grades 工作表复制到新工作簿，再载入新工作簿",
    )


def test_the_same_scheme_twice_names_both_files(tmp_path):
    from scoring.io.pipeline import load_schemes

    one = write_template(tmp_path / "one.xlsx", [A])
    two = write_template(tmp_path / "two.xlsx", [A])
    with pytest.raises(TemplateError) as caught:
        load_schemes([one, two])
    (problem,) = caught.value.problems
    assert (problem.text("en"), problem.text("zh")) == (
        f"Scheme: the scheme 'Test scheme' version 1 is also loaded from {one}; give each scheme and version "
        "once",
        f"工作表 Scheme：方案 'Test scheme' 的 1 版也从 {one} 载入；同一方案的同一版本只能给出一次",
    )


def test_validate_prints_each_problem_in_both_languages_or_the_one_asked(tmp_path, capsys):
    from scoring.cli.main import main

    path = write_template(tmp_path / "t.xlsx", [criterion("A", weight=-1)])
    english = "  - Criteria!H2: weight: must be 0 or more, found -1"
    chinese = "  - Criteria!H2：weight（权重）：应为 0 或以上，实际为 -1"
    assert main(["validate", "--template", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"error: {path}: the template is not valid (1 problem):", english,
                   f"错误：{path}：模板无效（1 处问题）：", chinese]
    assert main(["validate", "--template", str(path), "--lang", "zh"]) == 2
    assert capsys.readouterr().err.splitlines() == [f"错误：{path}：模板无效（1 处问题）：", chinese]


def test_a_workspace_refuses_a_template_in_both_languages(tmp_path, capsys):
    from scoring.cli.main import main

    path = write_template(tmp_path / "t.xlsx", [A], level="town")
    assert main(["score", "--workspace", str(tmp_path / "w.spw"), "--template", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Scheme!B3: level: must be one of region, city, park, enterprise, found 'town'" in err
    assert "Scheme!B3：level（层级）：应为以下之一" in err and "Traceback" not in err


def test_a_workspace_given_several_bad_templates_lists_the_problems_of_each(tmp_path):
    """Workspace.add_templates reads every template before refusing, as score --template does:
    one refusal counts the two templates and lists each one's problems after its file."""
    from scoring.workspace.facade import Workspace

    one = write_template(tmp_path / "one.xlsx", [A], level="town")
    two = write_template(tmp_path / "two.xlsx", [criterion("A", weight=-1)])
    with Workspace.create(tmp_path / "w.spw", actor="staff") as workspace:
        with pytest.raises(TemplateError) as caught:
            workspace.add_templates([one, two])
        assert workspace.schemes() == []
    assert caught.value.said.en.splitlines() == [
        f"{one}, {two}: 2 templates are not valid (2 problems):",
        "  - one.xlsx: Scheme!B3: level: must be one of region, city, park, enterprise, found 'town'",
        "  - two.xlsx: Criteria!H2: weight: must be 0 or more, found -1",
    ]
    assert caught.value.said.zh.splitlines()[0] == f"{one}, {two}：2 个模板无效（共 2 处问题）："

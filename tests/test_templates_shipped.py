"""The shipped templates: built from their sources, valid, and shaped as the assessment needs."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from scoring.build.templates import SourceError, build_template, format_choices
from scoring.core.model import LEVELS
from scoring.io.template import load_template, synergy_balance_warnings

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
SOURCES = sorted((TEMPLATES / "source").glob("*.toml"))


def sheet_values(path: Path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def test_there_is_one_source_and_one_workbook_per_level():
    assert sorted(p.stem for p in SOURCES) == sorted(LEVELS)
    assert sorted(p.stem for p in TEMPLATES.glob("*.xlsx")) == sorted(LEVELS)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_shipped_workbook_matches_its_source(source, tmp_path):
    # Fails when a source was edited without running `python -m scoring.build.templates`.
    rebuilt = build_template(source, tmp_path / f"{source.stem}.xlsx")
    assert sheet_values(rebuilt) == sheet_values(TEMPLATES / f"{source.stem}.xlsx")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_rebuilding_gives_identical_bytes(source, tmp_path):
    first = build_template(source, tmp_path / "a.xlsx").read_bytes()
    second = build_template(source, tmp_path / "b.xlsx").read_bytes()
    assert first == second


@pytest.mark.parametrize("level", LEVELS)
def test_shipped_template_loads_cleanly(level):
    scheme = load_template(TEMPLATES / f"{level}.xlsx")
    assert scheme.level == level
    assert scheme.version == "2025.1"
    assert scheme.missing == "zero"
    assert [g.name for g in scheme.grades_descending] == ["Excellent", "Good", "Pass", "Fail"]


@pytest.mark.parametrize("level", LEVELS)
def test_scheme_has_the_items_every_pilot_assessment_needs(level):
    scheme = load_template(TEMPLATES / f"{level}.xlsx")
    criteria = scheme.criteria
    assert 15 <= len(criteria) <= 22
    assert sum(c.weight for c in criteria if c.kind == "score") == pytest.approx(
        scheme.total_points
    )
    assert any(c.veto for c in criteria), "a must-pass item"
    assert any(c.type == "manual" for c in criteria), "an on-site item"
    assert {"bonus", "penalty"} <= {c.kind for c in criteria}
    assert {"value", "yesno"} <= {c.type for c in criteria}
    assert all(c.indicator_zh and c.dimension_zh and c.guidance for c in criteria)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in scheme.name_zh), "a Chinese scheme name"
    assert scheme.name.isascii(), "the English name apart from the Chinese one"


@pytest.mark.parametrize("level", LEVELS)
def test_every_criterion_names_the_basis_of_its_bounds(level):
    for c in load_template(TEMPLATES / f"{level}.xlsx").criteria:
        assert len(c.basis) > 40 and len(c.basis_zh) > 15, c.code
        assert c.basis_zh[0] == "《" or "\u4e00" <= c.basis_zh[0] <= "\u9fff", f"{c.code}: Chinese"
        # Each bound's basis names a year (of the document or of the national level it uses).
        assert any(str(year) in c.basis for year in range(2012, 2026)), c.code


# The two synergy sides as designed in templates/source/*.toml (count, weight): every level has at
# least 3 score criteria tagged pollution-only and 3 carbon-only, and the two sides weigh the same.
SIDES = {
    "region": {"pollution": (6, 34), "carbon": (4, 34)},
    "city": {"pollution": (5, 32), "carbon": (4, 32)},
    "park": {"pollution": (4, 32), "carbon": (3, 32)},
    "enterprise": {"pollution": (4, 33), "carbon": (3, 33)},
}


@pytest.mark.parametrize("level", LEVELS)
def test_shipped_template_draws_no_synergy_balance_warning(level):
    assert synergy_balance_warnings(load_template(TEMPLATES / f"{level}.xlsx")) == []


@pytest.mark.parametrize("level", LEVELS)
def test_both_synergy_sides_have_three_criteria_and_equal_weight(level):
    scheme = load_template(TEMPLATES / f"{level}.xlsx")
    found = {}
    for side in ("pollution", "carbon"):
        weights = [
            c.weight for c in scheme.criteria if c.kind == "score" and c.weight > 0 and c.effect == side
        ]
        found[side] = (len(weights), sum(weights))
    assert found == SIDES[level]
    # On-site criteria wait as pending (0) in the demo and in early results: neither side uses one.
    assert all(c.effect in ("both", "none") for c in scheme.criteria if c.type == "manual")


def criteria_of(level: str) -> dict[str, object]:
    return {c.code: c for c in load_template(TEMPLATES / f"{level}.xlsx").criteria}


def test_change_criteria_are_anchored_on_national_targets():
    # 2030 carbon peaking plan: CO2 per unit GDP −18% by 2025; 14th FYP energy and emission plan:
    # energy per unit GDP −13.5%, NOx and VOCs totals −10%, COD and NH3-N totals −8%.
    change_bounds = {
        (c.indicator, c.worst, c.best)
        for level in ("region", "city")
        for c in load_template(TEMPLATES / f"{level}.xlsx").criteria
        if c.type == "change"
    }
    assert ("CO2 emissions per unit of GDP", 0.0, 18.0) in change_bounds
    assert ("Energy use per unit of GDP", 0.0, 13.5) in change_bounds
    assert ("Total NOx and VOCs emissions", 0.0, 10.0) in change_bounds
    assert ("Total COD and NH3-N discharge", 0.0, 8.0) in change_bounds


def test_region_and_city_judge_ozone_water_and_pm25_levels():
    for level, o3, pm25, cod in (("region", "R11", "R10", "R13"), ("city", "C10", "C09", "C12")):
        criteria = criteria_of(level)
        assert criteria[o3].indicator.startswith("O3")
        assert (criteria[o3].worst, criteria[o3].best) == (170, 130)  # GB 3095 Grade II is 160
        # The −10% PM2.5 target was met nationally by 2024 (33 → 29.3): the level is judged.
        assert (criteria[pm25].type, criteria[pm25].worst, criteria[pm25].best) == ("value", 45, 25)
        assert "COD" in criteria[cod].indicator and criteria[cod].effect == "pollution"


def test_region_has_agriculture_methane_and_ecology():
    region = criteria_of("region")
    assert region["R06"].indicator_zh == "三大粮食作物化肥利用率" and region["R06"].best == 43
    assert "methane" in region["R08"].indicator and region["R08"].effect == "carbon"
    assert "Forest stock" in region["R09"].indicator and region["R09"].effect == "carbon"


def test_bounds_discriminate_at_todays_national_levels():
    every = [c for level in LEVELS for c in load_template(TEMPLATES / f"{level}.xlsx").criteria]
    # Good-air days 87.5% and surface water 85% were national levels by 2021: neither is a full-marks bound.
    assert not any("Good-air" in c.indicator for c in every)
    water = next(c for c in every if c.indicator == "Surface water sections of grade I–III")
    assert water.best > 90.4  # the national share in 2024
    # The 35% target is the recycling rate (回收利用率); 60% belongs to 资源化利用率.
    recycling = criteria_of("city")["C15"]
    assert (recycling.indicator_zh, recycling.best) == ("生活垃圾回收利用率", 35)
    assert not any("elasticity" in c.indicator.casefold() for c in every)


def test_park_intensities_earn_nothing_for_growth_alone():
    park = criteria_of("park")
    growth_only = 100 * (1 - 1.05**-4)  # 5% a year value-added growth, 2020–2024, emissions flat
    for code in ("P04", "P05"):
        assert park[code].type == "change" and park[code].worst == pytest.approx(growth_only, abs=0.05)
        assert park[code].best == 30
    # Pollutants are judged on their totals, as the national targets are.
    for code in ("P07", "P08", "P09"):
        assert park[code].type == "change" and park[code].indicator.startswith("Total")
        assert park[code].effect == "pollution"


def test_enterprise_per_product_criteria_are_judged_against_sector_benchmarks():
    enterprise = criteria_of("enterprise")
    per_product = [c for c in enterprise.values() if "per unit of product" in c.indicator]
    assert [c.code for c in per_product] == ["E03", "E04", "E07", "E08", "E10"]
    for c in per_product:
        assert (c.type, c.direction, c.worst, c.best) == ("value", "higher", 0, 100)
        assert "基准" in c.guidance and "标杆" in c.guidance
    assert not any(c.type == "change" for c in enterprise.values())
    compliance = enterprise["E09"]
    assert (compliance.type, compliance.veto, compliance.weight) == ("yesno", True, 0)


def test_co_control_criterion_is_the_bounded_joint_reduction():
    for level, code in (("city", "C16"), ("park", "P12")):
        joint = criteria_of(level)[code]
        assert joint.indicator.startswith("Joint reduction")
        assert (joint.type, joint.direction, joint.worst, joint.best) == ("value", "higher", 0, 10)
        assert joint.effect == "both"


def test_across_schemes_there_are_choice_and_not_applicable_criteria():
    criteria = [c for level in LEVELS for c in load_template(TEMPLATES / f"{level}.xlsx").criteria]
    audit = next(c for c in criteria if c.indicator == "Cleaner-production audit grade")
    assert audit.choices[:3] == (("I", 1.0), ("II", 0.6), ("III", 0.3))
    assert any(c.allow_na for c in criteria)


def test_source_with_an_unknown_key_is_refused(tmp_path):
    source = tmp_path / "typo.toml"
    text = (SOURCES[0]).read_text(encoding="utf-8").replace("weight = ", "wieght = ", 1)
    source.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="wieght") as caught:
        build_template(source, tmp_path / "typo.xlsx")
    assert caught.value.said.en == "typo.toml criterion 1: unknown keys ['wieght']; check their spelling"
    assert caught.value.said.zh == "typo.toml 第 1 项指标：未知的键 ['wieght']；请检查拼写"


@pytest.fixture
def two_sources(tmp_path, monkeypatch):
    """make templates run on a folder of two sources, a good one and one that is no TOML,
    writing its workbooks beside them instead of over the shipped ones."""
    import scoring.build.templates as templates

    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "city.toml").write_text(SOURCES[0].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "source" / "park.toml").write_text("[scheme\n", encoding="utf-8")
    monkeypatch.setattr(templates, "SOURCES_DIR", tmp_path / "source")
    monkeypatch.setattr(templates, "TEMPLATES_DIR", tmp_path)
    return templates


def test_make_templates_says_each_line_in_english_then_chinese_or_the_language_asked(two_sources, tmp_path,
                                                                                      capsys):
    scheme = load_template(TEMPLATES / f"{SOURCES[0].stem}.xlsx")
    count, built = len(scheme.criteria), f"{tmp_path.name}/city.xlsx"  # named from the templates' parent
    assert two_sources.main([]) == 1  # the broken source fails the run
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{built}: {scheme.name} {scheme.version}, {count} criteria",
                                f"{built}：{scheme.name_zh} {scheme.version}，{count} 项指标"]
    english, chinese = err.splitlines()
    assert english.startswith("park.toml: not valid TOML (") and english.endswith(
        "); correct it at the line and column shown")
    assert chinese.startswith("park.toml：不是有效的 TOML（") and chinese.endswith("）；请按所示行列改正")
    assert two_sources.main(["--lang", "zh"]) == 1
    out, err = capsys.readouterr()
    assert (out.splitlines(), err.splitlines()) == (
        [f"{built}：{scheme.name_zh} {scheme.version}，{count} 项指标"], [chinese])


def test_defaults_are_written_out_explicitly(tmp_path):
    source = tmp_path / "small.toml"
    source.write_text(
        '[scheme]\nname = "Small"\nlevel = "city"\nversion = "1"\n\n'
        '[[criteria]]\ncode = "A"\ndimension = "D"\nindicator = "I"\ntype = "yesno"\nweight = 1\n\n'
        '[[criteria]]\ncode = "B"\ndimension = "D"\nindicator = "J"\ntype = "yesno"\nweight = 2\n'
        'kind = "bonus"\n',
        encoding="utf-8",
    )
    values = sheet_values(build_template(source, tmp_path / "small.xlsx"))
    assert dict(values["Scheme"][1:]) == {
        "name": "Small",
        "level": "city",
        "version": "1",
        "total_points": 100,
        "missing": "zero",
        "synergy_alpha": 0.5,
    }
    header, score_row, bonus_row = values["Criteria"]
    score, bonus = (
        dict(zip(header, score_row, strict=True)),
        dict(zip(header, bonus_row, strict=True)),
    )
    assert (score["required"], score["allow_na"], score["veto"], score["kind"]) == (
        "yes",
        "no",
        "no",
        "score",
    )
    assert (bonus["required"], bonus["kind"]) == ("no", "bonus")
    assert "Grades" not in values
    assert load_template(tmp_path / "small.xlsx").codes == ("A", "B")


def test_format_choices_keeps_the_source_order():
    assert format_choices({"I": 1.0, "II": 0.6, "none": 0}) == "I=1; II=0.6; none=0"

"""The shipped templates: built from their sources, valid, and shaped as the assessment needs."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from scoring.model import LEVELS
from scoring.template import load_template
from scoring.template_build import SourceError, build_template, format_choices

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
    # Fails when a source was edited without running `python -m scoring.template_build`.
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
    assert scheme.version == "2024.1"
    assert scheme.missing == "zero"
    assert [g.name for g in scheme.grades_descending] == ["Excellent", "Good", "Pass", "Fail"]


@pytest.mark.parametrize("level", LEVELS)
def test_scheme_has_the_items_every_pilot_assessment_needs(level):
    scheme = load_template(TEMPLATES / f"{level}.xlsx")
    criteria = scheme.criteria
    assert 10 <= len(criteria) <= 15
    assert sum(c.weight for c in criteria if c.kind == "score") == pytest.approx(
        scheme.total_points
    )
    assert any(c.veto for c in criteria), "a must-pass item"
    assert any(c.type == "manual" for c in criteria), "an on-site item"
    assert {"bonus", "penalty"} <= {c.kind for c in criteria}
    assert {"value", "change"} <= {c.type for c in criteria}
    assert all(c.indicator_zh and c.dimension_zh and c.guidance for c in criteria)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in scheme.name), "a Chinese scheme name"


def test_change_criteria_are_anchored_on_national_targets():
    # domain.md: CO2 per unit GDP −18%, energy per unit GDP −13.5%, PM2.5 −10%.
    change_bounds = {
        (c.indicator, c.best)
        for level in LEVELS
        for c in load_template(TEMPLATES / f"{level}.xlsx").criteria
        if c.type == "change"
    }
    assert ("CO2 emissions per unit of GDP", 18.0) in change_bounds
    assert ("Energy use per unit of GDP", 13.5) in change_bounds
    assert ("PM2.5 annual mean concentration", 10.0) in change_bounds


def test_across_schemes_there_are_choice_and_not_applicable_criteria():
    criteria = [c for level in LEVELS for c in load_template(TEMPLATES / f"{level}.xlsx").criteria]
    audit = next(c for c in criteria if c.indicator == "Cleaner-production audit grade")
    assert audit.choices[:3] == (("I", 1.0), ("II", 0.6), ("III", 0.3))
    assert any(c.allow_na for c in criteria)


def test_source_with_an_unknown_key_is_refused(tmp_path):
    source = tmp_path / "typo.toml"
    text = (SOURCES[0]).read_text(encoding="utf-8").replace("weight = ", "wieght = ", 1)
    source.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="wieght"):
        build_template(source, tmp_path / "typo.xlsx")


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

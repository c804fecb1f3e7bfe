"""The demo data set: counts, reproducibility, and the flawed files doing their job."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scoring.demo import LEVEL_COUNTS, main, write_demo
from scoring.pipeline import run

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
FLAWED = {
    "text_in_numeric_cell.xlsx",
    "missing_required_value.xlsx",
    "unknown_template.xlsx",
    "missing_project_id.xlsx",
    "duplicate_project_id.xlsx",
    "not_a_workbook.xlsx",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("demo")
    return out, write_demo(out)


@pytest.fixture(scope="module")
def scored(demo):
    out, _ = demo
    return run(sorted(TEMPLATES.glob("*.xlsx")), [out])


def all_cell_values(folder: Path) -> dict[str, object]:
    """Every file's cell values (or raw bytes for a non-workbook), by relative path."""
    found = {}
    for path in sorted(folder.rglob("*.xlsx")):
        key = path.relative_to(folder).as_posix()
        try:
            workbook = load_workbook(path)
        except Exception:  # the deliberately unreadable file
            found[key] = path.read_bytes()
            continue
        found[key] = {s.title: list(s.iter_rows(values_only=True)) for s in workbook}
    return found


def test_returned_paths_are_the_files_written(demo):
    out, paths = demo
    assert all(p.is_file() for p in paths)
    assert sorted(paths) == sorted(p for p in out.rglob("*") if p.is_file())


def test_counts_per_level_include_the_batch_rows(demo):
    out, _ = demo
    batch = load_workbook(out / "batch" / "enterprise_batch.xlsx")["Batch"]
    header = [c.value for c in batch[1]]
    batch_rows = [
        dict(zip(header, row, strict=True)) for row in batch.iter_rows(min_row=2, values_only=True)
    ]
    assert len(batch_rows) == 8
    counts = {level: len(list((out / level).glob("*.xlsx"))) for level in LEVEL_COUNTS}
    counts["enterprise"] += len(batch_rows)
    assert counts == {"region": 6, "city": 15, "park": 25, "enterprise": 40}


def test_batch_sheet_has_a_baseline_column_per_change_criterion(demo):
    out, _ = demo
    header = [c.value for c in load_workbook(out / "batch" / "enterprise_batch.xlsx")["Batch"][1]]
    assert header[:6] == ["project_id", "name", "level", "region", "organisation", "year"]
    baselines = [h for h in header if h.endswith(":baseline")]
    assert baselines and all(h.removesuffix(":baseline") in header for h in baselines)


def test_flawed_files_exist(demo):
    out, _ = demo
    assert {p.name for p in (out / "flawed").iterdir()} == FLAWED


def test_same_seed_gives_the_same_files(demo, tmp_path):
    out, _ = demo
    write_demo(tmp_path, seed=2024)
    assert all_cell_values(tmp_path) == all_cell_values(out)


def test_every_good_submission_is_scored(scored):
    levels = Counter(p.level for p in scored.projects if not p.project_id.endswith("-901"))
    assert dict(levels) == LEVEL_COUNTS


def test_flawed_files_are_refused_for_the_right_reasons(scored):
    reasons = {Path(r.source).name: r.reason for r in scored.rejected}
    assert reasons == {
        "unknown_template.xlsx": "no_matching_template",
        "missing_project_id.xlsx": "missing_project_id",
        "duplicate_project_id.xlsx": "duplicate_project",
        "not_a_workbook.xlsx": "unreadable",
    }


def test_flawed_values_are_flagged(scored):
    issues = {
        Path(p.source).name: {i.kind for i in p.issues}
        for p in scored.projects
        if Path(p.source).parent.name == "flawed"
    }
    assert "not_a_number" in issues["text_in_numeric_cell.xlsx"]
    assert "missing_required" in issues["missing_required_value.xlsx"]


def test_demo_values_are_spread_and_include_not_applicable(demo, scored):
    totals = [p.total for p in scored.projects]
    assert min(totals) < 60 < max(totals)  # some pilots fail, some pass
    statuses = Counter(
        i["status"] for p in scored.as_dict()["projects"] for i in p["indicators"].values()
    )
    assert statuses["na"] > 0 and statuses["pending"] > 0


def test_main_with_another_seed_writes_other_values(demo, tmp_path, capsys):
    out, _ = demo
    assert main([str(tmp_path), "--seed", "7"]) == 0
    assert "85 demo files written" in capsys.readouterr().out
    first, other = all_cell_values(out), all_cell_values(tmp_path)
    assert first.keys() == other.keys()
    assert first["city/C-2024-001.xlsx"] != other["city/C-2024-001.xlsx"]

"""The demo data set: counts, reproducibility, and the flawed files doing their job."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook

from scoring.build.demo import LEVEL_COUNTS, main, write_demo
from scoring.io.pipeline import run
from scoring.io.template import load_template

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
def demo(demo_submissions) -> tuple[Path, list[Path]]:
    return demo_submissions


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
    batch = load_workbook(out / "batch" / "park_batch.xlsx")["Batch"]
    header = [c.value for c in batch[1]]
    batch_rows = [
        dict(zip(header, row, strict=True)) for row in batch.iter_rows(min_row=2, values_only=True)
    ]
    assert len(batch_rows) == 8
    counts = {level: len(list((out / level).glob("*.xlsx"))) for level in LEVEL_COUNTS}
    counts["park"] += len(batch_rows)
    assert counts == {"region": 6, "city": 15, "park": 25, "enterprise": 40}


def test_batch_sheet_has_a_baseline_column_per_change_criterion(demo):
    out, _ = demo
    header = [c.value for c in load_workbook(out / "batch" / "park_batch.xlsx")["Batch"][1]]
    assert header[:6] == ["project_id", "name", "level", "region", "organisation", "year"]
    baselines = [h.removesuffix(":baseline") for h in header if h.endswith(":baseline")]
    # The park scheme's change criteria: two intensities and three pollutant totals.
    assert baselines == ["P04", "P05", "P07", "P08", "P09"]
    assert all(code in header for code in baselines)


def test_flawed_files_exist(demo):
    out, _ = demo
    assert {p.name for p in (out / "flawed").iterdir()} == FLAWED


@pytest.mark.slow
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
    # Each flawed file carries the one flaw it is named after (README, first session, step 3).
    assert issues["text_in_numeric_cell.xlsx"] == {"not_a_number"}
    assert issues["missing_required_value.xlsx"] == {"missing_required"}


def test_demo_values_are_spread_and_include_not_applicable(demo, scored):
    totals = [p.total for p in scored.projects]
    assert min(totals) < 60 < max(totals)  # some pilots fail, some pass
    statuses = Counter(
        i["status"] for p in scored.as_dict()["projects"] for i in p["indicators"].values()
    )
    assert statuses["na"] > 0 and statuses["pending"] > 0


@pytest.mark.slow
def test_main_with_another_seed_writes_other_values(demo, tmp_path, capsys):
    out, _ = demo
    assert main([str(tmp_path), "--seed", "7"]) == 0
    assert "85 demo files written" in capsys.readouterr().out
    first, other = all_cell_values(out), all_cell_values(tmp_path)
    assert first.keys() == other.keys()
    assert first["city/C-2024-001.xlsx"] != other["city/C-2024-001.xlsx"]


def test_main_takes_the_seed_only_by_its_whole_name(tmp_path):
    """--se is not --seed: a prefix is refused (argparse's exit 2) and nothing is written."""
    with pytest.raises(SystemExit) as refused:
        main([str(tmp_path / "out"), "--se", "7"])
    assert refused.value.code == 2 and not (tmp_path / "out").exists()


def synergy_by_hand(scheme, indicators: dict) -> tuple[float, float, float]:
    """(C, D, T) from the two disjoint sides, computed here from each criterion's fraction.

    U_P is the weighted mean fraction of the included score criteria tagged pollution, U_C of
    those tagged carbon (docs/method.md, "Synergy"); n/a is left out, a missing value counts 0.
    """
    sides = {}
    for side in ("pollution", "carbon"):
        weighted = weights = 0.0
        for c in scheme.criteria:
            if c.kind != "score" or c.weight <= 0 or c.effect != side:
                continue
            result = indicators[c.code]
            if result["status"] == "na":
                continue
            weighted += c.weight * (result["score"] or 0.0)
            weights += c.weight
        sides[side] = weighted / weights
    u_p, u_c = sides["pollution"], sides["carbon"]
    coupling = 2 * (u_p * u_c) ** 0.5 / (u_p + u_c) if u_p + u_c > 0 else 0.0
    coordination = 0.5 * u_p + 0.5 * u_c
    return coupling, (coupling * coordination) ** 0.5, coordination


def test_synergy_index_separates_the_demo_pilots(scored):
    # issue 13: with disjoint sides, C must spread over at least 0.3 and D must not merely
    # follow the total (correlation at most 0.9).
    schemes = {level: load_template(TEMPLATES / f"{level}.xlsx") for level in LEVEL_COUNTS}
    couplings, degrees, totals = [], [], []
    for project in scored.as_dict()["projects"]:
        coupling, degree, _ = synergy_by_hand(schemes[project["level"]], project["indicators"])
        assert (project["synergy"]["C"], project["synergy"]["D"]) == pytest.approx((coupling, degree))
        couplings.append(coupling)
        degrees.append(degree)
        totals.append(project["total"])
    assert max(couplings) - min(couplings) >= 0.3
    assert np.corrcoef(degrees, totals)[0, 1] <= 0.9
    # Some pilots lead on one side and lag on the other, in each direction.
    assert sum(c < 0.8 for c in couplings) >= 5


def test_synergy_by_hand_on_a_worked_case():
    # U_P = (4·1 + 4·0.5)/8 = 0.75, U_C = 0.25 (the "both" criterion counts on neither side):
    # C = 2·√(0.1875)/1 = 0.8660, T = 0.5, D = √0.4330 = 0.6580.
    from scoring.core.model import Criterion, Scheme

    scheme = Scheme("S", "city", "1", (
        Criterion("P1", "D", "p1", "yesno", 4, effect="pollution"),
        Criterion("P2", "D", "p2", "yesno", 4, effect="pollution"),
        Criterion("C1", "D", "c1", "yesno", 4, effect="carbon"),
        Criterion("B1", "D", "b1", "yesno", 4, effect="both"),
    ))
    fractions = {"P1": 1.0, "P2": 0.5, "C1": 0.25, "B1": 1.0}
    indicators = {code: {"status": "ok", "score": s} for code, s in fractions.items()}
    coupling, degree, coordination = synergy_by_hand(scheme, indicators)
    assert (coupling, coordination, degree) == pytest.approx((0.8660254, 0.5, 0.6580370))


def test_pending_on_site_criteria_and_a_few_blank_penalty_items(scored):
    schemes = {level: load_template(TEMPLATES / f"{level}.xlsx") for level in LEVEL_COUNTS}
    projects = scored.as_dict()["projects"]
    manual = {level: [c.code for c in s.criteria if c.type == "manual"] for level, s in schemes.items()}
    assert all(p["indicators"][code]["status"] == "pending" for p in projects for code in manual[p["level"]])
    blank_penalties = [
        p["project_id"]
        for p in projects
        for c in schemes[p["level"]].criteria
        if c.kind == "penalty" and p["indicators"][c.code]["status"] == "missing"
    ]
    assert 3 <= len(blank_penalties) <= 15


def _fall(indicator: dict) -> float:
    return (indicator["baseline"] - indicator["value"]) / indicator["baseline"] * 100


def test_joint_reduction_is_reported_from_the_projects_own_changes(scored):
    # As C16's and P12's guidance define it: J = min(CO2 fall, pollutant-total fall), the latter
    # the mean of C11 and C12 (weights 6 : 6) or of P07, P08, P09 (8 : 9 : 7, P09 left out when n/a).
    checked = 0
    for project in scored.as_dict()["projects"]:
        found = project["indicators"]
        if project["level"] == "city" and found["C16"]["status"] == "ok":
            carbon, pollution = _fall(found["C05"]), (_fall(found["C11"]) + _fall(found["C12"])) / 2
            joint = found["C16"]["value"]
        elif project["level"] == "park" and found["P12"]["status"] == "ok":
            sides = [(w, found[c]) for c, w in (("P07", 8), ("P08", 9), ("P09", 7))]
            sides = [(w, i) for w, i in sides if i["status"] != "na"]
            carbon = _fall(found["P04"])
            pollution = sum(w * _fall(i) for w, i in sides) / sum(w for w, _ in sides)
            joint = found["P12"]["value"]
        else:
            continue
        assert joint == pytest.approx(min(carbon, pollution), abs=0.05 + 1e-9)
        checked += 1
    assert checked >= 30  # nearly every city and park

"""Walking weights (scoring/analysis/weights.py): a hand-computed scheme, then the demo against the engine.

The kernel must give what scoring the submissions again with the changed weights written into
the scheme gives (scoring.core.engine.score_scheme, which parses every cell again): totals, grades,
ranks, the provisional range, dimension subtotals and synergy, for several weight vectors.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from scoring.analysis.weights import (
    WeightKernel,
    WeightsError,
    changed_codes,
    dimension_weights,
    movement,
    with_dimension_weight,
    with_weights,
)
from scoring.build.demo import shipped_schemes
from scoring.build.templates import scheme_sections, write_scheme_version, write_template
from scoring.core.engine import score_scheme
from scoring.core.model import Assessment, CellValue, Criterion, IndicatorInput, Scheme, Submission
from scoring.io.pipeline import read_and_match, scan_inputs, scheme_key
from scoring.io.template import load_template

# --------------------------------------------------------------------------- by hand


def _criterion(code, dimension, weight, **kw):
    kw.setdefault("type", "value")
    if kw["type"] == "value":
        kw.update(direction="higher", worst=0.0, best=100.0)
    return Criterion(code=code, dimension=dimension, indicator=f"Indicator {code}", weight=weight, **kw)


def _hand_scheme(missing: str = "zero") -> Scheme:
    """A (D1, pollution), C (D1, n/a allowed), B (D2, carbon), M (D2, manual), V (must-pass,
    weight 0), a yes/no bonus BON of 5 points and a yes/no penalty PEN of 10."""
    criteria = (
        _criterion("A", "D1", 1.0, effect="pollution"),
        _criterion("C", "D1", 1.0, allow_na=True),
        _criterion("B", "D2", 1.0, effect="carbon"),
        _criterion("M", "D2", 2.0, type="manual"),
        _criterion("V", "D1", 0.0, type="yesno", veto=True),
        _criterion("BON", "", 5.0, type="yesno", kind="bonus"),
        _criterion("PEN", "", 10.0, type="yesno", kind="penalty"),
    )
    return Scheme(name="Hand", level="city", version="1", criteria=criteria, missing=missing)


def _hand_projects(scheme: Scheme, p1_veto: str = "yes"):
    rows = {  # M is never answered (pending); P2 leaves the penalty blank
        "P1": {"A": 100, "C": 100, "B": 50, "V": p1_veto, "BON": "yes", "PEN": "no"},
        "P2": {"A": 20, "C": 0, "B": 100, "V": "yes", "BON": "no"},
        "P3": {"A": 60, "C": "n/a", "B": 60, "V": "yes", "BON": "no", "PEN": "yes"},
    }
    subs = [Submission(project_id=pid, name=pid, level="city", source=f"{pid}.xlsx",
                       inputs={code: IndicatorInput(CellValue(v, f"{pid}!{code}"))
                               for code, v in row.items()})
            for pid, row in rows.items()]
    return score_scheme(scheme, subs)


#: A 3, C 2, B 1, M 2, V 0, BON 5, PEN 10.
NEW = [3.0, 2.0, 1.0, 2.0, 0.0, 5.0, 10.0]


def test_template_weights_give_the_engine_results_by_hand():
    scheme = _hand_scheme()
    kernel = WeightKernel.from_results(scheme, _hand_projects(scheme))
    now = kernel.weigh(kernel.template_weights)
    # W = 1 + 1 + 1 + 2 (M pending counts 0 under missing = zero); P3's n/a C is left out (W = 4)
    # P1 (1 + 1 + 0.5)·100/5 + 5 = 55; P2 (0.2 + 0 + 1)·100/5 = 24; P3 (0.6 + 0.6)·100/4 − 10 = 20
    np.testing.assert_allclose(now.total, [55.0, 24.0, 20.0])
    assert now.rank.tolist() == [1, 2, 3]


def test_moved_weights_by_hand():
    scheme = _hand_scheme()
    kernel = WeightKernel.from_results(scheme, _hand_projects(scheme))
    now = kernel.weigh(NEW)
    # W = 3 + 2 + 1 + 2 = 8 for P1 and P2, 3 + 1 + 2 = 6 for P3 (C not applicable)
    # P1 (3·1 + 2·1 + 1·0.5)·100/8 + 5 = 73.75; P2 (3·0.2 + 0 + 1)·100/8 = 20;
    # P3 (3·0.6 + 1·0.6)·100/6 − 10 = 30
    np.testing.assert_allclose(now.total, [73.75, 20.0, 30.0])
    np.testing.assert_allclose(now.base, [68.75, 20.0, 40.0])
    assert now.rank.tolist() == [1, 3, 2]
    grades = [g.name for g in scheme.grades_descending]
    assert [grades[i] for i in now.grade_index] == ["Pass", "Fail", "Fail"]
    # dimensions: D1 = A + C (+ V's 0), D2 = B + M
    np.testing.assert_allclose(now.dimensions, [[62.5, 6.25], [7.5, 12.5], [30.0, 10.0]])
    # pending: M (all) and P2's blank penalty. Worst: M 0, PEN 1; best: M 1, PEN 0.
    # P1 max (5.5 + 2)·12.5 + 5 = 98.75; P2 min 20 − 10 = 10, max (1.6 + 2)·12.5 = 45;
    # P3 max (2.4 + 2)·100/6 − 10 = 63.33
    np.testing.assert_allclose(now.total_min, [73.75, 10.0, 30.0])
    np.testing.assert_allclose(now.total_max, [98.75, 45.0, 440 / 6 - 10])


def test_missing_reweight_leaves_the_pending_manual_criterion_out_of_w():
    scheme = _hand_scheme("reweight")
    kernel = WeightKernel.from_results(scheme, _hand_projects(scheme))
    now = kernel.weigh(NEW)
    # P1: W = 3 + 2 + 1 = 6 without M: 5.5·100/6 + 5; its bounds include M in W (8) either way
    assert now.total[0] == pytest.approx(550 / 6 + 5)
    assert now.total_min[0] == pytest.approx(73.75)
    assert now.total_max[0] == pytest.approx(98.75)


def test_a_vetoed_project_ranks_last_with_the_lowest_grade_whatever_the_weights():
    scheme = _hand_scheme()
    kernel = WeightKernel.from_results(scheme, _hand_projects(scheme, p1_veto="no"))
    now = kernel.weigh(NEW)
    assert now.total[0] == pytest.approx(73.75)  # the points still count, the veto decides
    assert now.rank.tolist() == [3, 2, 1]
    assert now.grade_index[0] == now.grade_max_index[0] == len(scheme.grades) - 1


def test_movement_counts_rank_and_grade_changes():
    scheme = _hand_scheme()
    kernel = WeightKernel.from_results(scheme, _hand_projects(scheme))
    moved = movement(kernel.weigh(kernel.template_weights), kernel.weigh(NEW))
    assert moved.rank_change.tolist() == [0, -1, 1]
    assert moved.grade_change.tolist() == [1, 0, 0]  # P1 from Fail (55) to Pass (73.75)
    assert (moved.moved, moved.regraded) == (2, 1)


def test_dimension_weight_scales_its_criteria_and_keeps_their_shares():
    scheme = _hand_scheme()
    kernel = WeightKernel.from_results(scheme, _hand_projects(scheme))
    arrays = kernel.arrays
    assert dimension_weights(arrays, NEW).tolist() == [5.0, 3.0]  # A + C (+ V 0), B + M
    weights = with_dimension_weight(arrays, np.array(NEW), 0, 10.0)
    assert weights.tolist() == [6.0, 4.0, 1.0, 2.0, 0.0, 5.0, 10.0]
    # from all 0, the template's shares (A 1, C 1, V 0)
    zero = with_dimension_weight(arrays, with_dimension_weight(arrays, np.array(NEW), 0, 0.0), 0, 4.0)
    assert zero.tolist() == [2.0, 2.0, 1.0, 2.0, 0.0, 5.0, 10.0]


def test_changed_codes_and_the_scheme_with_new_weights():
    scheme = _hand_scheme()
    assert changed_codes(scheme, NEW) == ["A", "C"]
    moved = with_weights(scheme, NEW, version="1-w")
    assert [c.weight for c in moved.criteria] == NEW and moved.version == "1-w"
    assert moved.criteria[0] == dataclasses.replace(scheme.criteria[0], weight=3.0)


@pytest.mark.parametrize("bad", [[-1.0] + NEW[1:], [float("nan")] + NEW[1:], NEW[:3]])
def test_unusable_weights_are_refused_in_both_languages(bad):
    scheme = _hand_scheme()
    kernel = WeightKernel.from_results(scheme, _hand_projects(scheme))
    with pytest.raises(WeightsError) as caught:
        kernel.weigh(bad)
    assert caught.value.text("zh") != caught.value.text("en")


# --------------------------------------------------------------------------- the demo


@pytest.fixture(scope="module")
def demo(demo_submissions):
    """Each shipped scheme with its demo submissions and a few inspectors' scores: an override of
    a measured value and manual criteria scored for some projects, the rest left pending."""
    folder = demo_submissions.folder
    schemes = list(shipped_schemes().values())
    files, _ = scan_inputs([folder / name for name in ("region", "city", "park", "enterprise", "batch")])
    by_scheme, _ = read_and_match(files, schemes)
    out = []
    for scheme in schemes:
        subs = by_scheme[scheme_key(scheme)]
        manual = [c.code for c in scheme.criteria if c.type == "manual"]
        measured = next(c.code for c in scheme.criteria if c.type in ("value", "change"))
        assessments = {(s.project_id, manual[0]): Assessment(s.project_id, manual[0], 0.25 * (k % 5), "Li",
                                                             "site")
                       for k, s in enumerate(subs[::2])}
        changed = subs[1].project_id
        assessments[(changed, measured)] = Assessment(changed, measured, 0.3, "Li", "checked")
        out.append((scheme, subs, assessments))
    return out


def _weight_vectors(scheme: Scheme) -> dict[str, np.ndarray]:
    template = np.array([c.weight for c in scheme.criteria])
    score = np.array([c.kind == "score" for c in scheme.criteria])
    rng = np.random.default_rng(19)
    first_dimension = np.array([c.kind == "score" and c.dimension == scheme.dimensions[0]
                                for c in scheme.criteria])
    heavy = template.copy()
    heavy[int(np.argmax(score & (template > 0)))] *= 10
    return {
        "template": template,
        "random ×0.5–1.5": template * rng.uniform(0.5, 1.5, template.size),
        "first dimension at 0": np.where(first_dimension, 0.0, template),
        "one criterion ×10": heavy,
        "equal score weights, bonus and penalty doubled": np.where(score, 1.0, template * 2),
    }


def test_the_kernel_gives_the_engine_results_on_the_demo(demo):
    compared = 0
    for scheme, subs, assessments in demo:
        kernel = WeightKernel.from_results(scheme, score_scheme(scheme, subs, assessments))
        for name, weight in _weight_vectors(scheme).items():
            expected = score_scheme(with_weights(scheme, weight), subs, assessments)
            got = kernel.weigh(weight)
            grades = [g.name for g in scheme.grades_descending]
            where = f"{scheme.name}, {name}"
            assert [p.project_id for p in expected] == list(kernel.project_ids), where
            np.testing.assert_allclose(got.total, [p.total for p in expected], rtol=0, atol=1e-9,
                                       err_msg=where)
            assert got.rank.tolist() == [p.rank for p in expected], where
            assert [grades[i] for i in got.grade_index] == [p.grade for p in expected], where
            np.testing.assert_allclose(got.total_min, [p.total_min for p in expected], rtol=0, atol=1e-9)
            np.testing.assert_allclose(got.total_max, [p.total_max for p in expected], rtol=0, atol=1e-9)
            ranges = zip(got.grade_min_index, got.grade_max_index, strict=True)
            assert [(grades[a], grades[b]) for a, b in ranges] == [p.grade_range for p in expected], where
            dims = [[p.dimensions[d] for d in scheme.dimensions] for p in expected]
            np.testing.assert_allclose(got.dimensions, dims, rtol=0, atol=1e-9, err_msg=where)
            degree = [p.synergy["D"] if p.synergy else np.nan for p in expected]
            np.testing.assert_allclose(got.synergy["degree"], degree, rtol=0, atol=1e-12, err_msg=where)
            compared += 1
    assert compared == 4 * 5


def test_moving_weights_on_the_demo_changes_the_ranking(demo):
    # the kernel test above would pass on a kernel that ignored the weights only if the engine
    # did too: make sure the vectors do move projects
    scheme, subs, assessments = demo[0]
    kernel = WeightKernel.from_results(scheme, score_scheme(scheme, subs, assessments))
    template = kernel.weigh(kernel.template_weights)
    moved = [movement(template, kernel.weigh(w)).moved for w in _weight_vectors(scheme).values()]
    assert moved[0] == 0 and all(m > 0 for m in moved[1:])


# --------------------------------------------------------------------------- a new scheme version


def _without_origin(scheme: Scheme) -> Scheme:
    return dataclasses.replace(scheme, source="", content_hash="")


@pytest.mark.parametrize("level", ["region", "city", "park", "enterprise"])
def test_a_shipped_scheme_written_again_reads_back_the_same(level, tmp_path):
    scheme = shipped_schemes()[level]
    out = write_template(*scheme_sections(scheme), tmp_path / f"{level}.xlsx")
    assert _without_origin(load_template(out)) == _without_origin(scheme)


def test_a_pro_rated_scheme_with_odd_choice_fractions_reads_back_the_same(tmp_path):
    city = shipped_schemes()["city"]
    change = next(c for c in city.criteria if c.type == "change")
    choice = next(c for c in city.criteria if c.type == "choice")
    criteria = tuple(
        dataclasses.replace(c, prorate=True) if c is change
        else dataclasses.replace(c, choices=(("low", 1 / 3), ("high", 1.0)), choices_zh=("低", "高"))
        if c is choice else c
        for c in city.criteria)
    scheme = dataclasses.replace(city, criteria=criteria, baseline_year=2020, target_year=2025)
    out = write_template(*scheme_sections(scheme), tmp_path / "prorated.xlsx")
    assert _without_origin(load_template(out)) == _without_origin(scheme)


def test_new_weights_are_written_as_a_new_version_with_the_reason(tmp_path):
    from openpyxl import load_workbook

    shipped = Path(shipped_schemes()["city"].source)
    before = shipped.read_bytes()
    scheme = load_template(shipped)
    weights = np.array([c.weight for c in scheme.criteria])
    weights[0], weights[2] = weights[0] + 2, 0.0
    reason = "  Expert panel: more on zoning  "
    out = write_scheme_version(scheme, weights, "2025.1-w", reason, tmp_path / "v.xlsx")
    written = load_template(out)
    assert _without_origin(written) == _without_origin(with_weights(scheme, weights, "2025.1-w"))
    rows = dict(load_workbook(out)["Scheme"].iter_rows(values_only=True))
    first, third = scheme.criteria[0], scheme.criteria[2]
    assert rows["based_on"] == "2025.1"
    assert rows["change_reason"] == "Expert panel: more on zoning"
    assert rows["weights_changed"] == (f"{first.code} {first.weight:g} → {first.weight + 2:g}; "
                                       f"{third.code} {third.weight:g} → 0")
    assert shipped.read_bytes() == before  # the template itself is never written


@pytest.mark.parametrize("version, reason, zero", [("2025.1", "why", False), ("", "why", False),
                                                   ("2", "   ", False), ("2", "why", True)])
def test_a_version_without_a_new_name_a_reason_or_score_weights_is_refused(version, reason, zero, tmp_path):
    scheme = shipped_schemes()["park"]
    weights = np.array([0.0 if zero and c.kind == "score" else c.weight for c in scheme.criteria])
    with pytest.raises(WeightsError) as caught:
        write_scheme_version(scheme, weights, version, reason, tmp_path / "v.xlsx")
    assert caught.value.message_zh and not (tmp_path / "v.xlsx").exists()

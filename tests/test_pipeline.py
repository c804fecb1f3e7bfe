"""Reading submissions, matching them to schemes, and refusing bad files one by one."""

from __future__ import annotations

import pytest

from scoring.io.pipeline import expand_inputs, run
from scoring.io.template import load_template
from tests.builders import criterion, project, write_batch, write_form, write_template


@pytest.fixture
def city_template(tmp_path):
    return write_template(
        tmp_path / "city.xlsx",
        [
            criterion("A"),
            criterion("B", type="change", direction="lower", worst=0, best=20),
        ],
        name="City scheme",
        level="city",
        version="1",
    )


def reasons(result) -> dict[str, str]:
    return {r.source.split("/")[-1]: r.reason for r in result.rejected}


@pytest.mark.real_workers
def test_each_rejection_reason_names_the_file(tmp_path, city_template):
    folder = tmp_path / "in"
    folder.mkdir()
    write_form(folder / "good.xlsx", project("P1"), [dict(code="A", current=10)])
    write_form(folder / "no_id.xlsx", project(""), [dict(code="A", current=10)])
    write_form(folder / "wrong_template.xlsx", project("P2", template="Park scheme"), [])
    write_form(folder / "zz_duplicate.xlsx", project("P1"), [dict(code="A", current=99)])
    write_form(folder / "wrong_level.xlsx", project("P3", level="企业"), [])
    (folder / "text.xlsx").write_text("project_id,name\nP9,x\n")
    (folder / "empty.xlsx").write_bytes(b"")
    (folder / "locked.xls").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le")
    )
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.save(folder / "other.xlsx")
    result = run([city_template], [folder])
    assert reasons(result) == {
        "no_id.xlsx": "missing_project_id",
        "wrong_template.xlsx": "no_matching_template",
        "zz_duplicate.xlsx": "duplicate_project",
        "wrong_level.xlsx": "no_matching_template",
        "text.xlsx": "unreadable",
        "empty.xlsx": "unreadable",
        "locked.xls": "encrypted",
        "other.xlsx": "not_a_submission",
    }
    for rejection in result.rejected:
        assert rejection.source.split("/")[-1] in rejection.message
    # the sheet and cell each refusal is about, as data: write_form puts the keys in column A
    # from row 1 (project_id, name, level, then template), each value to its right
    where = {r.source.split("/")[-1]: (r.sheet, r.cell) for r in result.rejected}
    assert where == {
        "no_id.xlsx": ("Project", "B1"),
        "wrong_template.xlsx": ("Project", "B4"),
        "zz_duplicate.xlsx": ("Project", "B1"),
        "wrong_level.xlsx": ("Project", "B3"),
        "text.xlsx": ("", ""),
        "empty.xlsx": ("", ""),
        "locked.xls": ("", ""),
        "other.xlsx": ("", ""),
    }
    assert "password" in next(r.message for r in result.rejected if r.reason == "encrypted")
    # the first submission of P1 (by path order) wins, and still scores
    assert [(p.project_id, p.total) for p in result.projects] == [("P1", pytest.approx(5.0))]


def test_lock_files_are_skipped_silently(tmp_path):
    (tmp_path / "~$form.xlsx").write_bytes(b"lock")
    (tmp_path / "a.xlsx").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("x")
    assert [p.name for p in expand_inputs([tmp_path])] == ["a.xlsx"]


def test_folders_are_searched_recursively_in_path_order(tmp_path):
    for name in ["b/2.xlsx", "a/9.xlsx", "a/1.xlsx", "c.ods"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    assert [p.relative_to(tmp_path).as_posix() for p in expand_inputs([tmp_path])] == [
        "a/1.xlsx",
        "a/9.xlsx",
        "b/2.xlsx",
        "c.ods",
    ]


def test_match_by_template_name_and_version(tmp_path):
    t1 = write_template(tmp_path / "v1.xlsx", [criterion("A")], name="City scheme", version="1")
    t2 = write_template(tmp_path / "v2.xlsx", [criterion("A", best=50)], name="City scheme", version="2")
    folder = tmp_path / "in"
    folder.mkdir()
    write_form(
        folder / "p.xlsx",
        project("P1", template="city SCHEME", template_version="2"),
        [dict(code="A", current=25)],
    )
    write_form(folder / "q.xlsx", project("P2"), [dict(code="A", current=25)])
    result = run([t1, t2], [folder])
    assert [(p.project_id, p.total) for p in result.projects] == [("P1", pytest.approx(50.0))]
    # level alone is ambiguous with two city schemes loaded
    assert reasons(result) == {"q.xlsx": "no_matching_template"}
    assert "several" in result.rejected[0].message


def test_batch_sheet_gives_one_project_per_row(tmp_path, city_template):
    folder = tmp_path / "in"
    folder.mkdir()
    write_batch(
        folder / "batch.xlsx",
        ["project_id", "name", "level", "region", "A", "B", "B:baseline"],
        [
            ["C1", "Huzhou", "城市", "Zhejiang", 80, 90, 100],
            [None, "No id", "city", "", 10, 1, 1],
            ["C2", "Suzhou", "city", "Jiangsu", 40, 95, 100],
        ],
    )
    result = run([city_template], [folder])
    by_id = {p.project_id: p for p in result.projects}
    # C1: A 0.8·100/2 = 40; B r = (100 − 90)/100·100 = 10, 10/20 = 0.5 → 25; total 65
    assert by_id["C1"].total == pytest.approx(65.0)
    assert by_id["C1"].region == "Zhejiang"
    assert by_id["C1"].indicators["B"].location == "batch.xlsx:Batch!F2"
    # C2: A 0.4 → 20; B r = 5 → 0.25 → 12.5; total 32.5
    assert by_id["C2"].total == pytest.approx(32.5)
    assert [(r.reason, r.source.split("/")[-1]) for r in result.rejected] == [
        ("missing_project_id", "batch.xlsx:Batch!3")
    ]
    # the empty project_id cell of row 3, and the file the row is in
    (refused,) = result.rejected
    assert (refused.sheet, refused.cell, refused.file) == ("Batch", "A3", str(folder / "batch.xlsx"))


def test_form_with_title_rows_and_chinese_keys(tmp_path, city_template):
    folder = tmp_path / "in"
    folder.mkdir()
    write_form(
        folder / "p.xlsx",
        {"项目编号": "湖州-01", "项目名称": "湖州市", "层级": "城市", "地区": "浙江"},
        [dict(code="A", current="６０"), dict(code="B", baseline=100, current=80)],
        title_rows=3,
    )
    result = run([city_template], [folder])
    project_result = result.projects[0]
    assert (project_result.project_id, project_result.name, project_result.region) == (
        "湖州-01",
        "湖州市",
        "浙江",
    )
    # A 0.6 → 30; B r = 20 → 1 → 50; total 80
    assert project_result.total == pytest.approx(80.0)
    assert project_result.indicators["A"].location == "p.xlsx:Data!E5"


def test_unknown_code_is_a_warning(tmp_path, city_template):
    folder = tmp_path / "in"
    folder.mkdir()
    write_form(folder / "p.xlsx", project(), [dict(code="A", current=60), dict(code="ZZ", current=1)])
    issues = run([city_template], [folder]).projects[0].issues
    unknown = [i for i in issues if i.kind == "unknown_code"]
    assert len(unknown) == 1 and unknown[0].severity == "warning" and "ZZ" in unknown[0].message


def test_a_submission_crosses_from_a_reader_process_unchanged():
    """Cells travel from the reader processes as pickles with a hand-written reduction:
    every field, set away from its default, must come back."""
    import pickle

    from scoring.core.model import CellValue, IndicatorInput, Issue, Submission

    entry = IndicatorInput(
        current=CellValue(0.25, "a.xlsx:Data!E5", "percent"),
        baseline=CellValue("#DIV/0!", "a.xlsx:Data!D5", "error_cell"),
        evidence="监测报告 p.3",
    )
    submission = Submission("C-1", "名称", "city", "a.xlsx", inputs={"C1": entry},
                            issues=[Issue("warning", "duplicate_code", "a.xlsx:Data!B9", "again")])
    again = pickle.loads(pickle.dumps(submission, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == submission
    assert again.inputs["C1"].current.note == "percent"
    assert again.inputs["C1"].evidence == "监测报告 p.3"


def test_run_and_score_files_read_with_the_options_given(tmp_path, city_template):
    from scoring.io.importer import ImportOptions
    from scoring.io.pipeline import load_schemes, score_files
    from tests.hostile.readers import raises_on_bug

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("bug.xlsx", "good.xlsx"):
        write_form(folder / name, project(name[0].upper()), [dict(code="A", current=50)])
    # the reader given in the options fails on bug.xlsx: only a reader from these options can
    options = ImportOptions(workers=0, reader=raises_on_bug)
    result = run([city_template], [folder], options=options)
    assert reasons(result) == {"bug.xlsx": "unreadable"} and [p.project_id for p in result.projects] == ["G"]
    again = score_files(load_schemes([city_template]), sorted(folder.iterdir()), options=options)
    assert reasons(again) == {"bug.xlsx": "unreadable"}
    assert run([city_template], [folder]).rejected == []  # the default reader reads both


def test_forms_naming_the_scheme_in_english_chinese_or_both_match_it(tmp_path):
    """Forms sent out before name_zh carry 'English 中文' in their template field."""
    template = write_template(tmp_path / "t.xlsx", [criterion("A")], name="City pilot", name_zh="城市试点")
    folder = tmp_path / "in"
    folder.mkdir()
    for pid, name in (("P1", "City pilot"), ("P2", "城市试点"), ("P3", "city PILOT 城市试点"),
                      ("P4", "Park pilot")):
        write_form(folder / f"{pid}.xlsx", project(pid, template=name), [dict(code="A", current=25)])
    result = run([template], [folder])
    assert sorted(p.project_id for p in result.projects) == ["P1", "P2", "P3"]
    assert reasons(result) == {"P4.xlsx": "no_matching_template"}


def test_a_scheme_of_that_exact_name_wins_over_one_it_is_another_name_of(tmp_path):
    from scoring.io.pipeline import schemes_named

    old = load_template(write_template(tmp_path / "o.xlsx", [criterion("A")], name="City pilot 城市试点"))
    new = load_template(write_template(tmp_path / "n.xlsx", [criterion("A")], name="City pilot",
                                       name_zh="城市试点"))
    assert schemes_named("City pilot 城市试点", [new, old]) == [old]
    assert schemes_named("城市试点", [new, old]) == [new]


def test_scoring_runs_with_the_cyclic_collector_held_and_gives_it_back(tmp_path, city_template, monkeypatch):
    """Thousands of freshly read forms would be walked by the collector again and again while
    their results are made; the collector is held while scoring and running again after."""
    import gc

    from scoring.core import engine

    write_form(tmp_path / "p1.xlsx", project("P1"), [dict(code="A", current=10)])
    collecting = []
    score_scheme = engine.score_scheme

    def watched(*args, **kwargs):
        collecting.append(gc.isenabled())
        return score_scheme(*args, **kwargs)

    monkeypatch.setattr(engine, "score_scheme", watched)
    assert gc.isenabled()
    result = run([city_template], [tmp_path / "p1.xlsx"])
    assert collecting == [False] and gc.isenabled()
    assert [p.project_id for p in result.projects] == ["P1"]


def test_a_duplicate_project_in_a_same_named_file_names_both_folders(tmp_path, city_template):
    for folder, value in (("city", 10), ("round_2025/city", 20)):
        (tmp_path / "in" / folder).mkdir(parents=True)
        write_form(tmp_path / "in" / folder / "C1.xlsx", project("P1"), [dict(code="A", current=value)])
    (refused,) = run([city_template], [tmp_path / "in"]).rejected
    assert refused.message == ("round_2025/city/C1.xlsx: project P1 was already submitted in city/C1.xlsx; "
                               "the first one is kept")
    assert refused.message_zh == "round_2025/city/C1.xlsx：项目 P1 已在 city/C1.xlsx 中提交过；保留第一份"

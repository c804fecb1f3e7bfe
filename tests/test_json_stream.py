"""``score --json`` is written project by project (issue 16 follow-up: 3.6 GB for 20,000
projects when built whole), and its text is what the whole document gave."""

from __future__ import annotations

import json

import pytest

from scoring.analysis.robustness import DEFAULT_OPTIONS, assess_run, with_robustness
from scoring.cli.main import main
from scoring.core.shown_paths import input_folders, shown_result
from scoring.io.json_stream import json_pieces
from scoring.io.pipeline import load_schemes, scan_inputs, score_files
from tests.builders import criterion, project, write_form, write_template

DOCUMENTS = [
    {},
    {"projects": []},
    {"schemes": [{"name": "城市", "points": 100.0}], "projects": [1, {"a": []}, {}, [2, [3]]], "n": None},
    {"text": "line one\nline two \"quoted\" \u2028", "nested": {"deep": {"deeper": [True, 1.5, "中"]}}},
]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_pieces_are_the_text_json_dumps_writes(document):
    expected = json.dumps(document, ensure_ascii=False, indent=1)
    assert "".join(json_pieces(document)) == expected
    # the lists given as iterators, read once, item by item
    lazy = {key: iter(value) if isinstance(value, list) else value for key, value in document.items()}
    pieces = list(json_pieces(lazy))
    assert "".join(pieces) == expected
    if document.get("projects"):
        assert len(pieces) > len(document) + 1  # one piece per project, not the whole list


@pytest.fixture
def inputs(tmp_path):
    """Six projects (names with quotes and a line break), an unreadable file and a file not read."""
    criteria = [criterion("A"), criterion("B", type="yesno"), criterion("C")]
    template = write_template(tmp_path / "t.xlsx", criteria)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        write_form(folder / f"p{i}.xlsx", project(f"P{i}", name=f'试点{i} "q"\n'),
                   [dict(code="A", current=10 * i + 5), dict(code="B", current="是" if i % 2 else "否"),
                    dict(code="C", current=90 - 7 * i)])
    (folder / "broken.xlsx").write_text("not a workbook")
    (folder / "notes.txt").write_text("x")
    return template, folder


def whole_document(template, folder, robustness: bool) -> dict:
    """The JSON as score built it before it was streamed: every list whole, then transformed."""
    schemes = load_schemes([template])
    files, skipped = scan_inputs([folder])
    run = score_files(schemes, files)
    run.skipped = skipped
    data = run.as_dict()
    if robustness:
        data = with_robustness(data, assess_run(run, DEFAULT_OPTIONS))
    return shown_result(data, input_folders([folder]))


@pytest.mark.parametrize("robustness", [False, True], ids=["plain", "robustness"])
def test_score_json_is_the_whole_documents_text(inputs, tmp_path, robustness, capsys):
    template, folder = inputs
    extra = ["--robustness"] if robustness else []
    out = tmp_path / "r.json"
    assert main(["score", "--template", str(template), str(folder), "--json", str(out), *extra]) == 3
    expected = whole_document(template, folder, robustness)
    assert len(expected["projects"]) == 6 and len(expected["rejected"]) == 1 and len(expected["skipped"]) == 1
    assert ("median_rank" in expected["projects"][0]) is robustness
    written = out.read_text(encoding="utf-8")
    assert json.loads(written) == expected
    assert written == json.dumps(expected, ensure_ascii=False, indent=1) + "\n"
    capsys.readouterr()
    assert main(["score", "--template", str(template), str(folder), "--json", "-", *extra]) == 3
    assert capsys.readouterr().out == written


def test_writing_the_json_keeps_no_projects_indicator_results(inputs):
    # built for each project's entry and let go: 20,000 projects × 60 criteria kept built took
    # 330 MB more than scoring alone
    template, folder = inputs
    files, _ = scan_inputs([folder])
    run = score_files(load_schemes([template]), files)
    assert all(p.kept_indicators() is None for p in run.projects)  # none built by scoring
    text = "".join(json_pieces(run.json_document()))
    assert [p["indicators"]["A"]["status"] for p in json.loads(text)["projects"]] == ["ok"] * 6
    assert all(p.kept_indicators() is None for p in run.projects)

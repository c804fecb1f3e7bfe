"""Outputs name input files relative to the folder given, or by name (scoring/core/shown_paths.py)."""

from __future__ import annotations

from pathlib import Path

from scoring.core.shown_paths import input_folders, shown_details, shown_path, shown_result


def test_a_file_under_a_folder_given_is_named_relative_to_it(tmp_path):
    (tmp_path / "in" / "city").mkdir(parents=True)
    (tmp_path / "in" / "city" / "C1.xlsx").write_bytes(b"")
    folders = input_folders([tmp_path / "in"])
    assert shown_path(tmp_path / "in" / "city" / "C1.xlsx", folders) == "city/C1.xlsx"
    assert shown_path(tmp_path / "in" / "city" / "C1.xlsx", folders, full_paths=True) == str(
        tmp_path / "in" / "city" / "C1.xlsx"
    )


def test_a_file_given_by_itself_or_under_no_folder_is_named_alone(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"")
    assert shown_path(tmp_path / "a.xlsx", input_folders([tmp_path / "a.xlsx"])) == "a.xlsx"
    assert shown_path("/home/li/Desktop/old/b.xlsx", input_folders([tmp_path])) == "b.xlsx"


def test_the_closest_folder_wins_and_windows_paths_read_elsewhere_lose_their_folders(tmp_path):
    (tmp_path / "in" / "park").mkdir(parents=True)
    folders = input_folders([tmp_path / "in", tmp_path / "in" / "park"])
    assert shown_path(tmp_path / "in" / "park" / "P1.xlsx", folders) == "P1.xlsx"
    assert shown_path(r"C:\Users\wang.li\Desktop\报送\P1.xlsx", folders) == "P1.xlsx"


def test_details_and_results_are_rewritten_only_where_they_name_files(tmp_path):
    detail = {"path": "/home/li/in/C1.xlsx", "file": "C1.xlsx", "changes": [{"old": "/x/y"}],
              "sources": [{"source": "/home/li/li.spw"}]}
    assert shown_details(detail, [Path("/home/li")]) == {
        "path": "in/C1.xlsx", "file": "C1.xlsx", "changes": [{"old": "/x/y"}],
        "sources": [{"source": "li.spw"}],
    }
    data = {"projects": [{"source": "/home/li/in/C1.xlsx"}], "rejected": [{"source": "/tmp/bad.xlsx"}]}
    assert shown_result(data, [Path("/home/li/in")]) == {
        "projects": [{"source": "C1.xlsx"}], "rejected": [{"source": "bad.xlsx"}]
    }


def test_the_audit_export_names_imported_files_relative_to_the_workspace_unless_full_paths(tmp_path):
    from openpyxl import load_workbook

    from scoring.cli.main import main
    from tests.builders import criterion, project, write_form, write_template

    work, elsewhere = tmp_path / "work", tmp_path / "Users" / "wang.li" / "Desktop"
    (work / "forms").mkdir(parents=True)
    elsewhere.mkdir(parents=True)
    template = write_template(work / "t.xlsx", [criterion("A")])
    near = write_form(work / "forms" / "p1.xlsx", project("P1"), [dict(code="A", current=50)])
    far = write_form(elsewhere / "p2.xlsx", project("P2"), [dict(code="A", current=60)])
    workspace = work / "w.spw"
    assert main(["score", "--workspace", str(workspace), "--template", str(template), str(near),
                 str(far)]) == 0

    def details(*extra: str) -> str:
        out = tmp_path / "audit.xlsx"
        assert main(["audit", "--workspace", str(workspace), "--out", str(out), *extra]) == 0
        sheet = load_workbook(out, read_only=True).active
        return "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)

    shown = details()
    assert '"path": "forms/p1.xlsx"' in shown and '"path": "p2.xlsx"' in shown
    assert str(tmp_path) not in shown and "wang.li" not in shown
    assert f'"path": "{far}"' in details("--full-paths")

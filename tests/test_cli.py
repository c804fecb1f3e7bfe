"""The headless command line: exit codes, outputs, and no traceback on bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.cli.main import main
from tests.builders import criterion, project, write_form, write_template

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def setup(tmp_path):
    template = write_template(tmp_path / "t.xlsx", [criterion("A"), criterion("B", type="yesno")])
    folder = tmp_path / "in"
    folder.mkdir()
    write_form(
        folder / "p1.xlsx",
        project("P1", name='=HYPERLINK("x")'),
        [dict(code="A", current=50), dict(code="B", current="是")],
    )
    write_form(folder / "p2.xlsx", project("P2"), [dict(code="A", current=100), dict(code="B", current="否")])
    return template, folder


def test_score_writes_json_and_workbook_and_exits_0(setup, tmp_path, capsys):
    template, folder = setup
    code = main(
        [
            "score",
            "--template",
            str(template),
            str(folder),
            "--json",
            str(tmp_path / "r.json"),
            "--out",
            str(tmp_path / "r.xlsx"),
        ]
    )
    assert code == 0
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["schemes"] == [
        {"name": "Test scheme", "level": "city", "version": "1", "total_points": 100.0}
    ]
    by_id = {p["project_id"]: p for p in data["projects"]}
    # P1: A 0.5·100/2 = 25, B 1·100/2 = 50 → 75, rank 1; P2: 50 + 0 → 50, rank 2
    assert (by_id["P1"]["total"], by_id["P1"]["rank"], by_id["P1"]["grade"]) == (75.0, 1, "Good")
    assert (by_id["P2"]["total"], by_id["P2"]["rank"]) == (50.0, 2)
    assert set(by_id["P1"]) >= {
        "project_id",
        "name",
        "level",
        "scheme",
        "source",
        "total",
        "base",
        "bonus",
        "penalty",
        "grade",
        "rank",
        "veto",
        "dimensions",
        "synergy",
        "indicators",
        "issues",
    }
    assert by_id["P1"]["indicators"]["A"] == {
        "value": 50.0,
        "score": 0.5,
        "points": 25.0,
        "status": "ok",
        "location": "p1.xlsx:Data!E2",
        "max_points": 50.0,  # weight 1 of W = 2 → 1·100/2
        "points_lost": 25.0,  # 50 − 25
    }
    assert data["rejected"] == []
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "r.xlsx").worksheets[0]
    names = [sheet.cell(r, c).value for r in range(1, 4) for c in range(1, sheet.max_column + 1)]
    assert '=HYPERLINK("x")' in names


def test_some_rejected_exits_3_and_still_writes(setup, tmp_path, capsys):
    template, folder = setup
    (folder / "broken.xlsx").write_text("not a workbook")
    code = main(["score", "--template", str(template), str(folder), "--json", str(tmp_path / "r.json")])
    assert code == 3
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(data["projects"]) == 2
    assert data["rejected"][0]["reason"] == "unreadable"
    assert "broken.xlsx" in capsys.readouterr().err


def test_invalid_template_exits_2_listing_problems(tmp_path, capsys):
    bad = write_template(tmp_path / "bad.xlsx", [criterion("A", weight=-2), criterion("B", type="what")])
    assert main(["score", "--template", str(bad), str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Criteria!H2" in err and "Criteria!F3" in err


@pytest.mark.parametrize(
    "argv", [[], ["score"], ["score", "--template", "nowhere.xlsx", "x"], ["frobnicate"]]
)
def test_bad_usage_exits_2(argv, capsys):
    assert main(argv) == 2
    assert "error" in capsys.readouterr().err


def test_validate_and_form(tmp_path, capsys):
    template = write_template(tmp_path / "t.xlsx", [criterion("A")])
    assert main(["validate", "--template", str(template)]) == 0
    assert "valid" in capsys.readouterr().out
    assert main(["form", "--template", str(template), "--out", str(tmp_path / "form.xlsx")]) == 0
    assert (tmp_path / "form.xlsx").stat().st_size > 0


def test_main_py_never_shows_a_traceback(tmp_path):
    (tmp_path / "t.xlsx").write_bytes(b"\x00" * 10)
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "score",
            "--template",
            str(tmp_path / "t.xlsx"),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "t.xlsx" in proc.stderr


def test_blank_form_round_trips_through_the_reader(tmp_path):
    from scoring.io.form import write_blank_form
    from scoring.io.submission import read_submission_file
    from scoring.io.template import load_template

    scheme = load_template(
        write_template(tmp_path / "t.xlsx", [criterion("A"), criterion("B", type="yesno")])
    )
    form = write_blank_form(scheme, tmp_path / "form.xlsx") or tmp_path / "form.xlsx"
    (result,) = read_submission_file(form)
    # a blank form has no project_id yet: refused with a message telling what to fill in
    assert result.reason == "missing_project_id"


def test_every_command_in_the_registry_has_a_handler_options_and_help_in_both_languages():
    from scoring.cli.registry import COMMANDS, build_parser
    from scoring.core.presentation import said

    assert {"score", "selftest", "assess", "merge"} <= {c.name for c in COMMANDS}
    listing = {lang: build_parser(lang).format_help() for lang in ("en", "zh")}
    for command in COMMANDS:
        assert callable(command.handler()), command.name
        help_words = said(command.help_key)
        for lang, text in listing.items():  # the help wraps lines: compared without white space
            assert re.sub(r"\s", "", help_words.text(lang)) in re.sub(r"\s", "", text), command.name
        assert main([command.name, "--help", "--lang", "zh"]) == 0


def test_an_unexpected_error_is_one_line_and_logged(tmp_path, monkeypatch, capsys):
    import scoring.cli.main as cli

    monkeypatch.setenv("SYNERGYPILOT_HOME", str(tmp_path))
    monkeypatch.setattr(cli.log, "handlers", [])  # configured afresh, pointing at tmp_path

    def explode(args):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("scoring.cli.scheme.command_validate", explode)
    assert main(["validate", "--template", "x.xlsx"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "ZeroDivisionError: boom" in err
    assert "Traceback" in (tmp_path / "synergypilot-cli.log").read_text(encoding="utf-8")


def test_validate_checks_every_template_given(tmp_path, capsys):
    good = write_template(tmp_path / "good.xlsx", [criterion("A")], name="Good scheme")
    bad = write_template(tmp_path / "bad.xlsx", [criterion("A", direction="sideways")], name="Bad scheme")
    assert main(["validate", "--template", str(bad), "--template", str(good)]) == 2
    out, err = capsys.readouterr()
    assert "good.xlsx: valid — Good scheme" in out  # the second is checked after the first fails
    assert "bad.xlsx" in err and "direction" in err


def test_json_to_standard_output_is_the_json_alone(setup, capsys):
    template, folder = setup
    assert main(["score", "--template", str(template), str(folder), "--json", "-"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)  # nothing else on stdout, so a pipe into jq works
    assert data["projects"] and "scored" in err


def test_json_names_inputs_relative_to_the_folder_given_unless_full_paths(setup, tmp_path):
    template, folder = setup
    main(["score", "--template", str(template), str(folder), "--json", str(tmp_path / "r.json")])
    sources = {p["source"] for p in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["projects"]}
    assert sources == {"p1.xlsx", "p2.xlsx"}  # nothing of the local folders leaves the machine
    full = tmp_path / "f.json"
    main(["score", "--template", str(template), str(folder), "--json", str(full), "--full-paths"])
    sources = {p["source"] for p in json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))["projects"]}
    assert sources == {str(folder / "p1.xlsx"), str(folder / "p2.xlsx")}


def test_json_piped_into_a_reader_that_stops_early_ends_quietly(setup, tmp_path):
    template, folder = setup
    command = [sys.executable, str(ROOT / "main.py"), "score", "--template", str(template), str(folder),
               "--json", "-"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    proc.stdout.close()  # like `head` that has read enough: the JSON meets a closed pipe
    err = proc.stderr.read().decode("utf-8")
    proc.stderr.close()
    assert proc.wait() == 0
    assert not any(word in err for word in ("Broken pipe", "None", "Traceback", "Exception"))


def test_an_unexpected_error_with_a_missing_home_folder_is_still_one_line(tmp_path, monkeypatch, capsys):
    import scoring.cli.main as cli

    home = tmp_path / "not" / "made" / "yet"
    monkeypatch.setenv("SYNERGYPILOT_HOME", str(home))
    monkeypatch.setattr(cli.log, "handlers", [])

    def explode(args):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("scoring.cli.scheme.command_validate", explode)
    assert main(["validate", "--template", "x.xlsx"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Traceback" not in err  # one line in English, one in Chinese
    assert "unexpected ZeroDivisionError: boom" in err and "意外错误 ZeroDivisionError：boom" in err
    assert "Traceback" in (home / "synergypilot-cli.log").read_text(encoding="utf-8")


#: What the command line must not load before a command runs (issue 16): the engine's numpy,
#: the spreadsheet and report libraries, and the workspace's database.
HEAVY = ("numpy", "openpyxl", "matplotlib", "reportlab", "python_calamine", "sqlite3", "scoring.core.engine",
         "scoring.workspace")


@pytest.mark.parametrize("argv", [["--help"], ["score", "--help"], ["assess", "--help", "--lang", "zh"],
                                  ["history", "--bogus"], ["no-such-command"]])
def test_help_and_refused_arguments_import_no_heavy_module(argv):
    probe = ("import runpy, sys\n"
             f"sys.argv = ['main.py', *{argv!r}]\n"
             "try:\n    runpy.run_path('main.py', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             f"heavy = {HEAVY!r}\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m.startswith(heavy)),"
             " file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_a_command_imports_its_own_module_only_when_it_runs(monkeypatch):
    from scoring.cli.registry import BY_NAME

    assert BY_NAME["validate"].handler().__module__ == "scoring.cli.scheme"
    assert BY_NAME["history"].handler().__name__ == "command_history"


def test_an_abbreviated_option_is_refused_never_taken_for_another(setup, tmp_path, capsys):
    """``--o`` is not ``--out``: argparse would have read it so, and a typo could silently pick
    another option. The refusal names it in both languages and nothing is written."""
    template, folder = setup
    out = tmp_path / "ranked.xlsx"
    assert main(["score", "--template", str(template), str(folder), "--o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"error: unrecognized arguments: --o {out} (python main.py score --help shows its usage)",
                   f"错误：无法识别的参数：--o {out}（python main.py score --help 列出其用法）"]
    assert not out.exists()


def test_no_option_of_any_command_is_taken_by_a_prefix_of_its_name(capsys):
    """Every long option of each command, one letter short (``--ou`` for ``--out``, ``--worksp``
    for ``--workspace``), is taken for no option: its value stays unset (argparse's
    abbreviations would have set it, or refused the prefix as ambiguous). So is ``--versio``."""
    import argparse

    from scoring.cli.common import UsageError
    from scoring.cli.parsers import Parser, ParserExit
    from scoring.cli.registry import COMMANDS

    class Recording(Parser):
        """A command's parser that keeps the options it is given."""

        def __init__(self, *args, **kwargs) -> None:
            self.options: list[argparse.Action] = []
            super().__init__(*args, **kwargs)

        def add_argument(self, *args, **kwargs):
            action = super().add_argument(*args, **kwargs)
            self.options.append(action)
            return action

    taken, tried = [], 0
    for command in COMMANDS:
        parser = Recording(prog=f"python main.py {command.name}")
        command.options(parser)
        names = {name for action in parser.options for name in action.option_strings}
        for action in parser.options:
            for name in action.option_strings:
                prefix = name[:-1]
                if not name.startswith("--") or prefix in names or len(prefix) < 3:
                    continue
                tried += 1
                namespace = argparse.Namespace()
                try:
                    parser.parse_known_args([prefix, "1"], namespace)
                except UsageError as exc:
                    assert "ambiguous" not in str(exc), (command.name, prefix)
                except ParserExit:  # --help ran
                    taken.append((command.name, prefix))
                if getattr(namespace, action.dest, None) not in (None, False, action.default):
                    taken.append((command.name, prefix))
    assert tried > 50 and taken == []
    assert main(["--versio"]) == 2
    assert "SynergyPilot" not in capsys.readouterr().out

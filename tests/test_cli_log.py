"""The command line's log of unexpected errors: created where it is missing, silent where it
cannot be written (never a "--- Logging error ---" traceback on the user's terminal)."""

import logging

from scoring.cli import main as cli_main


def _log_one_error(monkeypatch, home) -> logging.Logger:
    monkeypatch.setenv("SYNERGYPILOT_HOME", str(home))
    logger = logging.getLogger("test-cli-log")
    handler = cli_main.QuietFileHandler(cli_main.log_path(), encoding="utf-8", delay=True)
    logger.addHandler(handler)
    try:
        logger.error("unexpected: boom")
    finally:
        logger.removeHandler(handler)
        handler.close()
    return logger


def test_a_missing_home_folder_is_created_for_the_log(tmp_path, monkeypatch):
    home = tmp_path / "new" / "home"
    _log_one_error(monkeypatch, home)
    assert "unexpected: boom" in (home / "synergypilot-cli.log").read_text("utf-8")


def test_a_log_that_cannot_be_written_says_nothing(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    _log_one_error(monkeypatch, blocker / "home")  # a folder under a file cannot exist
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""

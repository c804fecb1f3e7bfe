"""Smoke-test the PyInstaller bundle from a folder outside the source tree (``make smoke``).

The bundle is copied into a fresh temporary folder first, so a data file that is only found
because the source tree happens to be next door shows up as a failure. Then:

1. contents: size (under ``--max-mb``), every shipped data file present and identical to the
   source's, no other Qt binding, no Tk, no test tools;
2. ``SynergyPilot --version`` prints the source's version;
3. ``SynergyPilot selftest`` passes (it also renders a page of its PDF report with the bundled
   PDFium, as Print and Print Preview do);
4. ``demo``, ``validate`` and ``form`` work, and ``score`` on the demo's first round (its folders
   named as the README does) gives the same JSON as ``python main.py score`` from the source on
   the same files (source paths normalised), refusing only the files of ``flawed``;
5. the desktop app, started with no arguments on a virtual X display (Xvfb), shows its window,
   imports the demo on first start, and quits on Ctrl+Q.

Usage::

    python packaging/smoke.py [dist/SynergyPilot] [--no-gui] [--max-mb 200] [--keep]

Exit code 0 when every step passed, 1 at the first failure (its output is shown).
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = ROOT / "dist" / "SynergyPilot"
NAME = "SynergyPilot"
CLI_NAME = "synergypilot-cli"
MAX_MB = 200
#: Source data that must be in the bundle byte for byte, at the same relative path.
SHIPPED_DATA = ("templates/*.xlsx", "assets/fonts/*.ttf", "assets/fonts/LICENSE-*", "gui/i18n/*.ts")
#: Top-level modules that must not be in the bundle's Python archive.
FORBIDDEN_MODULES = ("PyQt5", "PyQt6", "PySide2", "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt",
                     "pymcdm", "IPython", "pandas", "scipy", "PyInstaller")
#: File name starts that must not be among the bundle's files (Tk, unused Qt modules).
FORBIDDEN_FILES = ("_tkinter", "libtk", "libtcl", "libQt6Quick", "libQt6Qml", "libQt6WebEngine",
                   "libQt63D", "libQt6Network", "Qt6Quick", "Qt6Qml", "Qt6WebEngine")
#: The demo's folders that ``score`` on files is given, as in the README: the first round only.
#: ``round_2025`` holds the same pilots a year later; ``score`` without a workspace knows no
#: rounds and would refuse each of them as a duplicate project.
DEMO_FOLDERS = ("region", "city", "park", "enterprise", "batch", "flawed")
#: The demo folder whose files are meant to be refused (all but the resubmission).
FLAWED = "flawed"
#: Seconds allowed for each step that runs the bundle.
TIMEOUT = {"version": 60, "selftest": 300, "command": 300, "window": 90, "demo import": 180}


class SmokeFailure(Exception):
    """A step failed; the message says what was expected and what happened."""


# --------------------------------------------------------------------------- running things


def program(bundle: Path, console: bool = True) -> Path:
    """The bundle's program: the console twin on Windows for commands, else SynergyPilot."""
    if sys.platform == "win32":
        return bundle / (f"{CLI_NAME}.exe" if console else f"{NAME}.exe")
    return bundle / NAME


def isolated_env(work: Path) -> dict[str, str]:
    """Environment for the bundle: no Python settings, user folders inside ``work``.

    The app's data folder (``SYNERGYPILOT_HOME``), Qt's settings (XDG config) and caches all
    point into ``work``, so the smoke test never reads or changes the files of whoever runs it.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "VIRTUAL_ENV"))}
    home = work / "home"
    for name, sub in (("HOME", ""), ("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                      ("XDG_CACHE_HOME", ".cache"), ("SYNERGYPILOT_HOME", "synergypilot")):
        folder = home / sub if sub else home
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run(args: list, cwd: Path, env: dict, timeout: float, codes: tuple[int, ...] = (0,)) -> str:
    """Run a program to the end; return its output, or fail showing it.

    Raises
    ------
    SmokeFailure
        When it takes longer than ``timeout`` seconds or exits with a code not in ``codes``.
    """
    shown = " ".join(str(a) for a in args)
    try:
        done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise SmokeFailure(f"{shown} did not finish within {timeout} s")
    output = done.stdout + done.stderr
    if done.returncode not in codes:
        raise SmokeFailure(f"{shown} exited with {done.returncode}, expected {codes}:\n{output}")
    if "Traceback (most recent call last)" in output:
        raise SmokeFailure(f"{shown} printed a traceback:\n{output}")
    return output


# --------------------------------------------------------------------------- the steps


def copy_outside(bundle: Path, parent: Path) -> Path:
    """Copy the bundle into ``parent`` (a folder outside the source tree); return the copy."""
    if not program(bundle).is_file():
        raise SmokeFailure(f"no bundle at {bundle}: run `make dist` first")
    if ROOT in parent.resolve().parents:
        raise SmokeFailure(f"{parent} is inside the source tree; the copy must be outside it")
    copy = parent / bundle.name
    shutil.copytree(bundle, copy, symlinks=True)
    return copy


def folder_size(folder: Path) -> int:
    """Bytes of the regular files under ``folder`` (symbolic links not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def check_contents(bundle: Path, max_mb: float) -> str:
    """Size, shipped data and left-out modules of the bundle."""
    size = folder_size(bundle)
    size_mb = size / 1e6
    if size_mb > max_mb:
        raise SmokeFailure(f"the bundle is {size_mb:.0f} MB, over the {max_mb:.0f} MB target")
    internal = bundle / "_internal"
    checked = 0
    for pattern in SHIPPED_DATA:
        for source in sorted(ROOT.glob(pattern)):
            copy = internal / source.relative_to(ROOT)
            if not copy.is_file() or copy.read_bytes() != source.read_bytes():
                raise SmokeFailure(f"{copy.relative_to(bundle)} is missing or differs from the source")
            checked += 1
    files = [p.name for p in internal.rglob("*")]
    stray = sorted({n for n in files if n.startswith(FORBIDDEN_FILES)})
    if stray:
        raise SmokeFailure("files the app does not use are in the bundle: " + ", ".join(stray))
    modules = bundled_modules(program(bundle))
    if modules is not None:
        found = sorted(set(FORBIDDEN_MODULES) & modules)
        if found:
            raise SmokeFailure("modules the app does not use are in the bundle: " + ", ".join(found))
    return (f"{size_mb:.0f} MB ({size / 2**20:.0f} MiB), {checked} data files identical to the source, "
            "nothing left-out found")


def bundled_modules(exe: Path) -> set[str] | None:
    """Top-level names of the Python modules inside ``exe`` (None without PyInstaller here)."""
    try:
        from PyInstaller.archive.readers import pkg_archive_contents
    except ImportError:
        return None
    return {name.split(".")[0] for name in pkg_archive_contents(str(exe))}


def check_version(exe: Path, work: Path, env: dict) -> str:
    """``--version`` prints ``SynergyPilot <the source's version>``."""
    sys.path.insert(0, str(ROOT))
    from scoring import __version__

    output = run([exe, "--version"], work, env, TIMEOUT["version"]).strip()
    if output != f"{NAME} {__version__}":
        raise SmokeFailure(f"--version printed {output!r}, expected '{NAME} {__version__}'")
    return output


def check_selftest(exe: Path, work: Path, env: dict) -> str:
    """``selftest`` exits 0; return its last line."""
    output = run([exe, "selftest"], work, env, TIMEOUT["selftest"])
    return output.strip().splitlines()[-1]


def check_commands(exe: Path, bundle: Path, work: Path, env: dict) -> str:
    """``demo``, ``validate`` and ``form`` from the bundle; return the demo folder's summary."""
    templates = sorted((bundle / "_internal" / "templates").glob("*.xlsx"))
    run([exe, "demo", "--out", work / "demo"], work, env, TIMEOUT["command"])
    for template in templates:
        run([exe, "validate", "--template", template], work, env, TIMEOUT["command"])
    form = work / "form.xlsx"
    run([exe, "form", "--template", templates[0], "--out", form], work, env, TIMEOUT["command"])
    if not form.is_file():
        raise SmokeFailure(f"form did not write {form}")
    files = sum(1 for _ in (work / "demo").rglob("*.xlsx"))
    return f"demo wrote {files} workbooks; {len(templates)} templates valid; blank form written"


def check_score_json(exe: Path, work: Path, env: dict) -> str:
    """``score`` from the bundle and from the source give the same JSON on the demo's first round,
    and refuse only the flawed files."""
    demo = work / "demo"
    templates = sorted((ROOT / "templates").glob("*.xlsx"))
    options = [x for t in templates for x in ("--template", t)]
    folders = [demo / name for name in DEMO_FOLDERS]
    codes = (3,)  # the demo's flawed files are rejected
    run([exe, "score", *options, *folders, "--json", work / "bundle.json"], work, env, TIMEOUT["command"],
        codes)
    source_env = {**env, "PYTHONPATH": str(ROOT)}
    run([sys.executable, ROOT / "main.py", "score", *options, *folders, "--json", work / "source.json"],
        ROOT, source_env, TIMEOUT["command"], codes)
    frozen, source = (normalised(json.loads((work / f"{n}.json").read_text("utf-8")), demo)
                      for n in ("bundle", "source"))
    difference = first_difference(frozen, source)
    if difference:
        raise SmokeFailure(f"the bundle's JSON differs from the source's at {difference}")
    refused = refused_flawed(frozen, demo)
    return f"{len(frozen['projects'])} projects scored, {refused} flawed files refused: identical JSON"


def refused_flawed(result: dict, demo: Path) -> int:
    """How many files of the demo's ``flawed`` folder ``result`` refused; fail on any other refusal."""
    others = [r["message"] for r in result["rejected"] if not (demo / FLAWED / r["source"]).is_file()]
    if others:
        raise SmokeFailure("score refused demo files that are not flawed:\n" + "\n".join(others))
    return len(result["rejected"])


def normalised(value, folder: Path):
    """``value`` with the absolute path of ``folder`` replaced by ``<demo>`` in every string."""
    if isinstance(value, dict):
        return {k: normalised(v, folder) for k, v in value.items()}
    if isinstance(value, list):
        return [normalised(v, folder) for v in value]
    if isinstance(value, str):
        return value.replace(str(folder.resolve()), "<demo>").replace(str(folder), "<demo>")
    return value


def first_difference(a, b, where: str = "$") -> str | None:
    """JSON path of the first place where ``a`` and ``b`` differ, with both values; else None."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{where}.{key} (present on one side only)"
            found = first_difference(a[key], b[key], f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{where} ({len(a)} items vs {len(b)})"
        return next((d for i, (x, y) in enumerate(zip(a, b, strict=True))
                     if (d := first_difference(x, y, f"{where}[{i}]"))), None)
    return None if a == b else f"{where}: {a!r} vs {b!r}"


# --------------------------------------------------------------------------- the desktop app


@contextmanager
def virtual_display(timeout: float = 30) -> Iterator[str]:
    """Start Xvfb on a free display; yield its name (``:N``); stop it afterwards."""
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        raise SmokeFailure("the window check needs Xvfb and xdotool (apt-get install xvfb xdotool), "
                           "or pass --no-gui")
    read_end, write_end = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-screen", "0", "1600x1000x24",
                               "-nolisten", "tcp"], pass_fds=(write_end,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], timeout)
        number = os.read(read_end, 64).decode().strip() if ready else ""
        if not number:
            raise SmokeFailure(f"Xvfb did not start within {timeout} s")
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=10)


def xdotool(display: str, *args: str) -> subprocess.CompletedProcess:
    """Run xdotool on ``display``."""
    tool = shutil.which("xdotool")
    if not tool:
        raise SmokeFailure("the window check needs xdotool (apt-get install xdotool), or pass --no-gui")
    return subprocess.run([tool, *args], env={**os.environ, "DISPLAY": display}, capture_output=True,
                          text=True, timeout=30, check=False)


def wait_for_window(display: str, app: subprocess.Popen, timeout: float) -> str:
    """Id of the app's visible main window, once it is shown."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if app.poll() is not None:
            raise SmokeFailure(f"the app exited with {app.returncode} before showing a window")
        found = xdotool(display, "search", "--onlyvisible", "--name", NAME)
        if found.returncode == 0 and found.stdout.split():
            return found.stdout.split()[0]
        time.sleep(0.25)
    raise SmokeFailure(f"no visible window named {NAME} within {timeout} s")


def wait_for_demo_import(workspace: Path, expected: int, app: subprocess.Popen, timeout: float) -> int:
    """Number of projects in the demo workspace once the first-start import put them all in."""
    end, count = time.monotonic() + timeout, 0
    while time.monotonic() < end:
        if app.poll() is not None:
            raise SmokeFailure(f"the app exited with {app.returncode} while importing the demo")
        count = projects_in(workspace)
        if count >= expected:
            return count
        time.sleep(0.5)
    raise SmokeFailure(f"the first-start demo import left {count} projects in {workspace.name} "
                       f"after {timeout} s, expected {expected}")


def projects_in(workspace: Path) -> int:
    """Projects stored in a workspace file, read without taking its lock (0 when not there yet)."""
    if not workspace.is_file():
        return 0
    try:
        with sqlite3.connect(f"file:{workspace}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM projects").fetchone()[0]
    except sqlite3.Error:
        return 0


def quit_app(display: str, window: str, app: subprocess.Popen, timeout: float = 30) -> int:
    """Ctrl+Q to the window; the app's exit code (it is killed if it does not quit in time).

    The key goes through the XTEST extension to the focused window, as a person's would: Qt
    ignores keys sent to a window with XSendEvent (``xdotool key --window``).
    """
    xdotool(display, "windowfocus", window)
    time.sleep(0.5)
    xdotool(display, "key", "ctrl+q")
    try:
        return app.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        app.send_signal(signal.SIGTERM)
        app.wait(timeout=10)
        raise SmokeFailure(f"the app did not quit on Ctrl+Q within {timeout} s")


def check_window(exe: Path, work: Path, env: dict) -> str:
    """The desktop app shows its window under Xvfb, imports the demo, and quits cleanly."""
    sys.path.insert(0, str(ROOT))
    from scoring.build.demo import LEVEL_COUNTS

    home = Path(env["SYNERGYPILOT_HOME"])
    log = work / "gui-output.txt"
    with virtual_display() as display, log.open("w", encoding="utf-8") as output:
        app_env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
        started = time.monotonic()
        app = subprocess.Popen([str(exe)], cwd=work, env=app_env, stdout=output, stderr=subprocess.STDOUT)
        try:
            window = wait_for_window(display, app, TIMEOUT["window"])
            shown = time.monotonic() - started
            geometry = xdotool(display, "getwindowgeometry", window).stdout.split("Geometry:")[-1].strip()
            count = wait_for_demo_import(home / "demo.spw", sum(LEVEL_COUNTS.values()), app,
                                         TIMEOUT["demo import"])
            title = xdotool(display, "getwindowname", window).stdout.strip()
            code = quit_app(display, window, app)
        finally:
            if app.poll() is None:
                app.kill()
                app.wait()
    problems = gui_problems(log, home / "synergypilot.log")
    if code != 0 or problems:
        raise SmokeFailure(f"the app exited with {code}; {problems or last_lines(log) or 'no message'}")
    return f"window '{title}' {geometry} shown after {shown:.1f} s; demo imported ({count} projects); quit 0"


def last_lines(path: Path, count: int = 30) -> str:
    """The end of a program's output, to show with a failure that logged nothing."""
    text = path.read_text("utf-8", errors="replace") if path.is_file() else ""
    return "\n".join(text.splitlines()[-count:])


def gui_problems(*logs: Path) -> str:
    """Tracebacks or logged errors in the app's output and log file ('' when none)."""
    found = []
    for path in logs:
        text = path.read_text("utf-8", errors="replace") if path.is_file() else ""
        if any(sign in text for sign in ("Traceback", " ERROR ", "Fatal Python error")):
            found.append(f"{path.name}:\n{text[-3000:]}")
    return "\n".join(found)


# --------------------------------------------------------------------------- main


def steps(bundle: Path, work: Path, gui: bool, max_mb: float):
    """The steps in order, as (name, function of no arguments returning a summary)."""
    env = isolated_env(work)
    cli, desktop = program(bundle), program(bundle, console=False)
    yield "contents", lambda: check_contents(bundle, max_mb)
    yield "--version", lambda: check_version(cli, work, env)
    yield "selftest", lambda: check_selftest(cli, work, env)
    yield "demo, validate, form", lambda: check_commands(cli, bundle, work, env)
    yield "score JSON = source", lambda: check_score_json(cli, work, env)
    if gui:
        yield "window under Xvfb", lambda: check_window(desktop, work, env)


def main(argv: list[str] | None = None) -> int:
    """Run the smoke test; return 0 when every step passed, 1 otherwise."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", default=str(DEFAULT_BUNDLE), help="the built one-folder bundle")
    parser.add_argument("--no-gui", action="store_true", help="skip the window check (no Xvfb here)")
    parser.add_argument("--max-mb", type=float, default=MAX_MB, help=f"size target (default {MAX_MB})")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    parent = Path(tempfile.mkdtemp(prefix="synergypilot-smoke-"))
    started, passed = time.monotonic(), 0
    try:
        bundle = copy_outside(Path(args.bundle).resolve(), parent)
        print(f"smoke test of {bundle}", flush=True)
        for name, step in steps(bundle, parent, not args.no_gui, args.max_mb):
            began = time.monotonic()
            summary = step()
            passed += 1
            print(f"  ok  {name} ({time.monotonic() - began:.1f} s): {summary}", flush=True)
    except SmokeFailure as exc:
        print(f"smoke test FAILED: {exc}", file=sys.stderr)
        print(f"  files kept in {parent}", file=sys.stderr)
        print(f"smoke: {passed} passed, 1 failed")
        return 1
    if args.keep:
        print(f"  files kept in {parent}")
    else:
        shutil.rmtree(parent, ignore_errors=True)
    print(f"smoke test of the bundle done in {time.monotonic() - started:.0f} s")
    print(f"smoke: {passed} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

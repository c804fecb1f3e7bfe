"""The command line's start: ``--help`` and a refused option against a bare Python (issue 16).

``score --help`` cost 0.35 s of CPU when the command line imported every command's module (the
engine, numpy, openpyxl, the report writers) before reading its arguments. The registry
(scoring/cli/registry.py) now imports a command's module only to run it. Each figure is the
median CPU time (user + system) of a fresh process over several runs, next to ``python -c pass``
measured in the same run; the ratio is the figure to watch. Target: ``--help`` under 15× a bare
Python (with every module imported first it was 42×: 0.37 s against 0.009 s, measured the same
way). For scale, the import of what ``score`` needs to run is timed too.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
CASES = {
    "python main.py --help": ["main.py", "--help"],
    "python main.py score --help": ["main.py", "score", "--help"],
    "python main.py history --bogus (refused, exit 2)": ["main.py", "history", "--bogus"],
    "import of what score runs (scoring.cli.score)": ["-c", "import scoring.cli.score"],
}


def cpu_seconds(args: list[str]) -> float:
    """Median CPU time of ``python args`` in a fresh process (user + system)."""
    times = []
    for _ in range(RUNS):
        before = _children_cpu()
        subprocess.run([sys.executable, *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        times.append(_children_cpu() - before)
    return statistics.median(times)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # microseconds, not os.times()'s ticks
    return usage.ru_utime + usage.ru_stime


def run(report) -> None:
    baseline = cpu_seconds(["-c", "pass"])
    report("python -c pass (baseline)", baseline, "s")
    for name, args in CASES.items():
        seconds = cpu_seconds(args)
        report(name, seconds, "s", f"{seconds / baseline:.1f}× the baseline")

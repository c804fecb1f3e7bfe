"""`make bench`: every benchmark module in this folder, figures and ratios printed.

Each ``bench/bench_*.py`` defines ``run(report)``; ``report(name, value, unit, note="")``
prints one line. Timings are compared with a baseline measured in the same run, never with a
fixed wall-clock limit in a test.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def report(name: str, value: float, unit: str, note: str = "") -> None:
    """Print one benchmark figure."""
    print(f"  {name:<58} {value:>10.3f} {unit:<4} {note}", flush=True)


def main() -> int:
    here = Path(__file__).resolve().parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    only = set(sys.argv[1:])
    unknown = only - set(names)
    if unknown:
        print(f"no such benchmark: {', '.join(sorted(unknown))}; choose from {', '.join(names)}",
              file=sys.stderr)
        return 2
    for name in names:
        if only and name not in only:
            continue
        module = importlib.import_module(f"bench.{name}")
        print(f"{name}: {(module.__doc__ or '').strip().splitlines()[0]}", flush=True)
        start = time.perf_counter()
        module.run(report)
        print(f"  ({time.perf_counter() - start:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

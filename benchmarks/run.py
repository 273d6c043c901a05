"""`make bench`: every benchmark, each printing its own figures.

Benchmarks build their own data on a throw-away SQLite file, so they never
touch var/mathshubs.sqlite3; the confirmations benchmark needs PostgreSQL and makes (then
drops) a database of its own. `python benchmarks/run.py events confirmations` runs only
those.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BENCHMARKS = [
    "benchmarks.import_institutions",
    "benchmarks.find_hub",
    "benchmarks.demo_build",
    "benchmarks.pages",
    "benchmarks.events",
    "benchmarks.evaluation",
    "benchmarks.happi",
    "benchmarks.reporting",
    "benchmarks.collaboration",
    "benchmarks.confirmations",  # on PostgreSQL, in a database of its own
]


def main() -> None:
    only = sys.argv[1:]
    for name in BENCHMARKS:
        if only and name.rsplit(".", 1)[-1] not in only:
            continue
        print(f"\n== {name}", flush=True)
        # One process each: every benchmark sets up Django on its own throw-away database.
        code = f"import {name} as bench; bench.main()"
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)  # noqa: S603


if __name__ == "__main__":
    main()

"""`make bench`: every benchmark, each printing its own figures.

Benchmarks build their own data on a throw-away SQLite file, so they never
touch var/mathshubs.sqlite3.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BENCHMARKS = [
    "benchmarks.import_institutions",
    "benchmarks.find_hub",
    "benchmarks.demo_build",
]


def main() -> None:
    only = sys.argv[1:]
    for name in BENCHMARKS:
        if only and name.rsplit(".", 1)[-1] not in only:
            continue
        print(f"\n== {name}", flush=True)
        importlib.import_module(name).main()


if __name__ == "__main__":
    main()

"""Benchmark: find_hub over 25,000 institutions on a fresh SQLite database.

Run with `make bench` (benchmarks/run.py) or `.venv/bin/python -c "import
benchmarks.find_hub as b; b.main()"`. Loads institutions through the GIAS
importer (benchmarks/import_institutions.py data), then times each kind of
query. Target (issue 3 brief): p50 well under 50 ms for a typo query.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.import_institutions import ROWS, load_areas, setup_django, write_gias_csv

QUERIES_PER_KIND = 200
TYPO_P50_TARGET_MS = 50.0


def _typo(text: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1 :] if rng.random() < 0.5 else text[:i] + "x" + text[i:]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def main(rows: int = ROWS) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="mathshubs-bench-") as tmp:
        tmpdir = Path(tmp)
        setup_django(tmpdir / "bench.sqlite3")
        load_areas()
        csv_path = tmpdir / "edubasealldata.csv"
        write_gias_csv(csv_path, rows)

        from mathshubs.directory.findhub import find_hub
        from mathshubs.directory.importers import institutions_import
        from mathshubs.directory.models import Institution, LocalAuthority

        institutions_import(path=csv_path)
        rng = random.Random(7)
        held = list(Institution.objects.values_list("name", "urn", "postcode", "is_open"))
        open_names = [name for name, _, _, is_open in held if is_open]
        las = list(LocalAuthority.objects.values_list("name", flat=True))
        print(f"{len(held):,} institutions ({len(open_names):,} open) on a fresh SQLite database.")

        started = time.perf_counter()
        find_hub(_typo(rng.choice(open_names), rng))
        cold_ms = (time.perf_counter() - started) * 1e3
        print(f"First typo query (builds the name index): {cold_ms:.0f} ms")

        kinds = {
            "typo in a full name": [
                _typo(rng.choice(open_names), rng) for _ in range(QUERIES_PER_KIND)
            ],
            "typo in one word": [
                _typo(max(rng.choice(open_names).split(), key=len), rng)
                for _ in range(QUERIES_PER_KIND)
            ],
            "name prefix": [rng.choice(open_names)[:8] for _ in range(QUERIES_PER_KIND)],
            "URN": [str(rng.choice(held)[1]) for _ in range(QUERIES_PER_KIND)],
            "postcode": [rng.choice(held)[2] for _ in range(QUERIES_PER_KIND)],
            "outward code": [rng.choice(held)[2].split()[0] for _ in range(QUERIES_PER_KIND)],
            "local authority": [rng.choice(las) for _ in range(QUERIES_PER_KIND)],
            "unknown": ["qwxzvbnm plkj" for _ in range(QUERIES_PER_KIND // 4)],
        }
        results: dict[str, dict[str, float]] = {}
        for kind, queries in kinds.items():
            samples, answered = [], 0
            for query in queries:
                started = time.perf_counter()
                result = find_hub(query)
                samples.append((time.perf_counter() - started) * 1e3)
                answered += bool(result.matches)
            p50, p95 = _percentiles(samples)
            results[kind] = {"p50_ms": round(p50, 2), "p95_ms": round(p95, 2)}
            print(
                f"{kind:<22} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                f"answered {answered}/{len(queries)}"
            )
        typo_p50 = results["typo in a full name"]["p50_ms"]
        verdict = "within" if typo_p50 < TYPO_P50_TARGET_MS else "OVER"
        target = f"typo query p50 under {TYPO_P50_TARGET_MS:.0f} ms"
        print(f"Target: {target}: {verdict} ({typo_p50:.1f} ms).")
        return results


if __name__ == "__main__":
    main()

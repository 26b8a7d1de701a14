"""Time compute_indicators at every level for every year of the bundled dataset.

Prints, for each level, the best of ``--repeat`` runs in seconds and rows per second, then the
total against a baseline measured in the same run (summing workforce headcounts by organisation
and year with a pandas groupby), so the figure means something on any machine. The budget is
2 seconds for all four levels.

    python benchmarks/bench_indicators.py [--data data/sample] [--repeat 3] [--check]

Without a built dataset at ``--data``, the synthetic sample is generated into a temporary
folder first (not timed).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from wres_lib import Dataset, compute_indicators, load_dataset
from wres_lib.indicators.aggregate import LEVELS

BUDGET_SECONDS = 2.0
DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data" / "sample"


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, object]:
    """The shortest wall time of ``repeat`` runs, and the last run's result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def load(path: Path) -> Dataset:
    """The dataset at ``path``, or the synthetic sample generated afresh if there is none."""
    if (path / "dataset.yaml").exists():
        return load_dataset(path)
    from wres_lib.data.synthetic import write_sample

    print(f"no dataset at {path}: generating the synthetic sample", file=sys.stderr)
    with tempfile.TemporaryDirectory() as folder:
        write_sample(folder)
        return load_dataset(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 if over the budget")
    args = parser.parse_args(argv)
    dataset = load(args.data)
    compute_indicators(dataset, dataset.years[-1], "national")  # warm up imports and caches
    workforce = dataset.workforce
    baseline, _ = best_of(
        args.repeat, lambda: workforce.groupby(["year", "org_code"])["headcount"].sum()
    )
    print(
        f"dataset {dataset.metadata.name}: {len(dataset.organisations)} organisations, "
        f"{len(dataset.years)} years, {len(workforce):,} workforce rows"
    )
    total_seconds, total_rows = 0.0, 0
    for level in LEVELS:
        seconds, table = best_of(
            args.repeat, lambda level=level: compute_indicators(dataset, level=level)
        )
        rows = len(table)  # type: ignore[arg-type]
        total_seconds += seconds
        total_rows += rows
        print(f"  {level:<9} {seconds:6.3f} s  {rows:>10,} rows  {rows / seconds:>12,.0f} rows/s")
    verdict = "within" if total_seconds <= BUDGET_SECONDS else "OVER"
    print(
        f"indicators: {total_seconds:.2f} s ({total_rows / total_seconds:,.0f} rows/s), "
        f"{total_seconds / baseline:.1f}x the groupby baseline ({baseline * 1000:.1f} ms); "
        f"{verdict} the {BUDGET_SECONDS:g} s budget"
    )
    return 1 if args.check and total_seconds > BUDGET_SECONDS else 0


if __name__ == "__main__":
    sys.exit(main())

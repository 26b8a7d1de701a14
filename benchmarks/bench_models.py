"""Benchmark: trends and funnel data for every organisation of the bundled dataset.

Times, on the bundled dataset (``data/sample`` unless a folder is given):

- ``trend`` over the default measures for every organisation at every level (trust, icb,
  region, national) and every year;
- ``funnel_positions`` for every trust and default measure in the latest year;
- as a baseline measured in the same run, one plain statsmodels fit of each kind (binomial GLM,
  fixed-scale WLS) on a typical series, times the number of series of that kind: the cost of
  the fits alone, without reading the indicator table.

The indicator table itself (``compute_indicators`` at every level) is timed separately; it is
an input, not part of the budget. Exits 1 if trends plus funnels take longer than the budget.

Usage: ``python benchmarks/bench_models.py [DATASET_FOLDER]``
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.genmod.families import Binomial

from wres_lib import compute_indicators, load_dataset
from wres_lib.indicators.aggregate import LEVELS
from wres_lib.models.funnels import funnel_positions
from wres_lib.models.trends import PROPORTION_MODEL, trend

BUDGET_SECONDS = 10.0
BASELINE_REPEATS = 200
DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data" / "sample"


def timed(task: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = task()
    return time.perf_counter() - start, result


def one_fit_seconds() -> tuple[float, float]:
    """Seconds for one plain binomial GLM fit and one fixed-scale WLS fit of ten years."""
    x = sm.add_constant(np.arange(10.0) - 9)
    successes = np.array([30, 32, 35, 33, 38, 40, 41, 45, 44, 48.0])
    endog = np.column_stack([successes, 200 - successes])
    log_ratio, weights = np.linspace(0.4, 0.2, 10), np.linspace(20, 40, 10)
    glm, _ = timed(
        lambda: [sm.GLM(endog, x, family=Binomial()).fit() for _ in range(BASELINE_REPEATS)]
    )
    wls, _ = timed(
        lambda: [
            sm.WLS(log_ratio, x, weights=weights).fit(cov_type="fixed scale")
            for _ in range(BASELINE_REPEATS)
        ]
    )
    return glm / BASELINE_REPEATS, wls / BASELINE_REPEATS


def main(folder: Path) -> int:
    dataset = load_dataset(folder)
    indicator_seconds, frames = timed(
        lambda: [compute_indicators(dataset, level=level) for level in LEVELS]
    )
    indicators = pd.concat(frames, ignore_index=True)
    trend_seconds, trends = timed(lambda: trend(indicators))
    funnel_seconds, positions = timed(lambda: funnel_positions(indicators))
    glm_fit, wls_fit = one_fit_seconds()
    proportions = int(trends["model"].str.startswith(PROPORTION_MODEL).sum())
    fitted = trends["annual_change"].notna()
    baseline = glm_fit * proportions + wls_fit * (len(trends) - proportions)
    total = trend_seconds + funnel_seconds
    print(f"dataset: {folder} ({len(dataset.organisations)} organisations)")
    print(f"indicator table, every level:   {indicator_seconds:6.2f} s  ({len(indicators):,} rows)")
    print(
        f"trends, default measures:       {trend_seconds:6.2f} s  ({len(trends):,} series, "
        f"{int(fitted.sum()):,} fitted)"
    )
    print(f"funnel positions, latest year:  {funnel_seconds:6.2f} s  ({len(positions):,} rows)")
    print(f"trends + funnels:               {total:6.2f} s  (budget {BUDGET_SECONDS:.0f} s)")
    print(
        f"baseline, bare statsmodels fits: {baseline:5.2f} s  (GLM {glm_fit * 1e3:.2f} ms, "
        f"WLS {wls_fit * 1e3:.2f} ms per fit); trends take {trend_seconds / baseline:.1f}x that"
    )
    return 0 if total <= BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA))

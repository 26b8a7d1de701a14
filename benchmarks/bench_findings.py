"""Benchmark: what the findings (headline and standfirst chosen for news value) add to building
trust briefings, against the rest of each briefing measured in the same run.

On the bundled dataset (or ``--data``), with the shared tables in a cache folder of this run
(computed first, not timed), a context is opened as a build's kernel opens it (its year and the
one before) and ``--n`` trust briefings of the latest year are built as the trust notebook
builds them: the :class:`~wres_lib.briefings.trust.briefing.TrustBriefing` and every section
the notebook shows, charts included, without the notebook, HTML or PDF. For each briefing the
findings (:func:`~wres_lib.analysis.findings.trust.trust_findings`, ranked and worded) are timed
apart from the rest; the year's ranks, computed once for all trusts, count as findings time.
The peer comparison, board history and action-plan targets, which other sections read too,
are loaded before timing.

Reports the findings time per briefing and as a share of the rest of the briefing. A cold build
also starts kernels and exports HTML and PDF, so this share is an upper bound on what findings
add to it; the target is at most 10%. Exits 1 if the share is above it.

Usage: ``python benchmarks/bench_findings.py [--n 16] [--data DATASET]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from wres_lib.analysis.context import load_context
from wres_lib.briefings.trust.briefing import TrustBriefing

DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data" / "sample"
TARGET_SHARE = 0.10
# The sections of the trust notebook, in its order (header reads the findings).
SECTIONS = (
    "header", "key_figures", "changes", "indicator_table", "survey_table", "band_chart",
    "disparity", "board", "model_employer", "action_plan", "trends", "funnel", "data_quality",
    "methods",
)  # fmt: skip


def spread(codes: list[str], n: int) -> list[str]:
    """``n`` codes spread evenly over ``codes`` (all of them if fewer)."""
    step = max(1, len(codes) // n)
    return codes[::step][:n]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=16, help="trust briefings to build")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    data = args.data.resolve()
    with tempfile.TemporaryDirectory(prefix="wres-bench-findings-") as cache:
        year = load_context(data, cache).dataset.years[-1]  # the shared tables, cached
        context = load_context(data, cache, year=year)  # what a build's kernel opens
        table = context.indicators
        trusts = table[(table["level"] == "trust") & (table["year"] == year)]["code"]
        codes = spread(sorted(str(code) for code in trusts.unique()), args.n)
        context.peers(year), context.board_history(year), context.targets
        findings = rest = 0.0
        for code in codes:
            started = time.perf_counter()
            briefing = TrustBriefing(context, code, year)
            built = time.perf_counter()
            briefing.findings  # noqa: B018 (computed and kept for the header)
            found = time.perf_counter()
            for section in SECTIONS:
                getattr(briefing, section)()
            findings += found - built
            rest += (built - started) + (time.perf_counter() - found)
    share = findings / rest
    print(f"dataset: {data}, {len(codes)} trust briefings of {year}")
    print(f"findings:          {findings / len(codes):6.3f} s a briefing ({findings:.1f} s)")
    print(f"rest of briefing:  {rest / len(codes):6.3f} s a briefing ({rest:.1f} s)")
    print(f"findings add {share:.1%} to the briefing content (target at most {TARGET_SHARE:.0%})")
    return 0 if share <= TARGET_SHARE else 1


if __name__ == "__main__":
    sys.exit(main())

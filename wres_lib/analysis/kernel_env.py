"""What a build tells its notebook kernels in their environment: where the shared tables are
cached and which WRES year the kernel renders (both read by
:func:`~wres_lib.analysis.context.load_context`), and which allocator Arrow uses.

A module of its own, without pandas, so a build's worker processes can name these variables
without importing the analysis code the kernel runs.
"""

from __future__ import annotations

from pathlib import Path

# The folder where the shared tables are cached (as Parquet, see wres_lib.analysis.context_cache)
# and the WRES year the kernel renders.
CACHE_ENV = "WRES_CONTEXT_CACHE"
YEAR_ENV = "WRES_CONTEXT_YEAR"
# Arrow's allocator in the kernel: the system's, which hands memory freed after reading a table
# back to the system, where Arrow's default (mimalloc) keeps tens of MiB of it for reuse.
ARROW_POOL_ENV = "ARROW_DEFAULT_MEMORY_POOL"
ARROW_POOL = "system"


def kernel_env(cache: Path | str | None, year: int) -> dict[str, str]:
    """What a notebook kernel is told: the cache of the shared tables ("" for none), the WRES
    year it renders, so it holds only that year's slice of them, and Arrow's allocator."""
    return {
        CACHE_ENV: "" if cache is None else str(cache),
        YEAR_ENV: str(year),
        ARROW_POOL_ENV: ARROW_POOL,
    }

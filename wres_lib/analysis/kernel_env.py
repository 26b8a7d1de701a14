"""What a build tells its notebook kernels in their environment: where the shared tables are
cached (read by :func:`~wres_lib.analysis.context.load_context`) and how memory is allocated.
Nothing in it depends on the briefing, so a kernel can start before the build knows its year.

A module of its own, without pandas, so a build's worker processes can name these variables
without importing the analysis code the kernel runs.
"""

from __future__ import annotations

from pathlib import Path

# The folder where the shared tables are cached (as Parquet, see wres_lib.analysis.context_cache).
CACHE_ENV = "WRES_CONTEXT_CACHE"
# Arrow's allocator in the kernel: the system's, which hands memory freed after reading a table
# back to the system, where Arrow's default (mimalloc) keeps tens of MiB of it for reuse.
ARROW_POOL_ENV = "ARROW_DEFAULT_MEMORY_POOL"
ARROW_POOL = "system"
# glibc's allocator with fixed thresholds, for the build's workers and kernels: blocks from
# 128 KiB (table columns, rendered pages) get pages of their own, handed back when freed, and
# free memory at the top of the heap is handed back from 128 KiB. By default both thresholds
# grow as large blocks are freed, so each briefing's tables pile up in the heap: with these a
# worker and its kernel peak about 20 MiB lower (benchmarks/bench_build.py), no slower. Other
# C libraries ignore them.
ALLOCATOR_ENV = {"MALLOC_MMAP_THRESHOLD_": "131072", "MALLOC_TRIM_THRESHOLD_": "131072"}


def kernel_env(cache: Path | str | None) -> dict[str, str]:
    """What a notebook kernel is told: the cache of the shared tables ("" for none), Arrow's
    allocator and glibc's thresholds."""
    return {
        CACHE_ENV: "" if cache is None else str(cache),
        ARROW_POOL_ENV: ARROW_POOL,
        **ALLOCATOR_ENV,
    }

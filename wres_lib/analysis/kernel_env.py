"""What a build tells its notebook kernels in their environment: where the shared tables are
cached (read by :func:`~wres_lib.analysis.context.load_context`) and which allocator Arrow uses.
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


def kernel_env(cache: Path | str | None) -> dict[str, str]:
    """What a notebook kernel is told: the cache of the shared tables ("" for none) and
    Arrow's allocator."""
    return {CACHE_ENV: "" if cache is None else str(cache), ARROW_POOL_ENV: ARROW_POOL}

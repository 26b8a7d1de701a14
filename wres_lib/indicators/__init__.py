"""The nine WRES indicators and the disparity ratios, at every level, as one tidy table.

:func:`compute_indicators` is the entry point; :mod:`wres_lib.indicators.catalogue` says what
each indicator is; one module computes each family (workforce 1, likelihoods 2-4, survey 5-8,
board 9, disparity ratios).
"""

from typing import Any

__all__ = ["compute_indicators"]


def __getattr__(name: str) -> Any:
    """``compute_indicators`` is imported when first used: the flags and catalogue modules of
    this package do not need the statistics it loads."""
    if name == "compute_indicators":
        from wres_lib.indicators.compute import compute_indicators

        return compute_indicators
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

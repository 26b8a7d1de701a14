"""The nine WRES indicators and the disparity ratios, at every level, as one tidy table.

:func:`compute_indicators` is the entry point; :mod:`wres_lib.indicators.catalogue` says what
each indicator is; one module computes each family (workforce 1, likelihoods 2-4, survey 5-8,
board 9, disparity ratios).
"""

from wres_lib.indicators.compute import compute_indicators

__all__ = ["compute_indicators"]

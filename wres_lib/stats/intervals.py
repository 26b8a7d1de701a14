"""Vectorised confidence intervals and tests on count arrays (docs/methods.md, "Statistics").

Every function takes scalars or equal-length arrays of counts and returns float arrays.
Where a figure is undefined (a zero denominator, a log of zero) the result is NaN; callers
turn NaN into plain words. No function here emits a numpy warning.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import ndtr, ndtri  # the normal cdf and quantile scipy.stats.norm computes

FloatArray = NDArray[np.float64]


def z_value(conf: float) -> float:
    """The two-sided standard normal quantile for confidence level ``conf``.

    >>> round(z_value(0.95), 3)
    1.96
    """
    check_conf(conf)
    return float(ndtri(0.5 + conf / 2))


def check_conf(conf: float) -> None:
    """Raise ``ValueError`` unless ``conf`` is a number strictly between 0 and 1."""
    if isinstance(conf, bool) or not isinstance(conf, (int, float)) or not 0 < conf < 1:
        raise ValueError(f"conf must be a number between 0 and 1 (e.g. 0.95), got {conf!r}")


def _floats(*arrays: ArrayLike) -> list[FloatArray]:
    return [np.asarray(a, dtype=np.float64) for a in arrays]


def _log_interval(
    estimate: FloatArray, variance: FloatArray, conf: float
) -> tuple[FloatArray, FloatArray]:
    """exp(log(estimate) -/+ z * sqrt(variance)), NaN wherever the estimate is 0, inf or NaN."""
    z = z_value(conf)
    usable = np.isfinite(estimate) & (estimate > 0) & np.isfinite(variance)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_estimate = np.where(usable, np.log(np.where(usable, estimate, 1.0)), np.nan)
        half_width = z * np.sqrt(np.where(usable, variance, np.nan))
    return np.exp(log_estimate - half_width), np.exp(log_estimate + half_width)


def katz_interval(
    events_a: ArrayLike,
    total_a: ArrayLike,
    events_b: ArrayLike,
    total_b: ArrayLike,
    conf: float = 0.95,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Relative risk (events_a/total_a) / (events_b/total_b) with its Katz log interval.

    ``SE(log RR) = sqrt(1/a - 1/n_a + 1/b - 1/n_b)``. The estimate is NaN where it divides
    by zero; the interval is NaN wherever either event count is zero.

    >>> rr, low, high = katz_interval(30, 100, 15, 100)
    >>> float(rr[()]), round(float(low[()]), 3), round(float(high[()]), 3)
    (2.0, 1.149, 3.482)
    """
    a, n_a, b, n_b = _floats(events_a, total_a, events_b, total_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        estimate = (a / n_a) / (b / n_b)
        estimate = np.where(np.isfinite(estimate), estimate, np.nan)
        variance = np.where((a > 0) & (b > 0), 1 / a - 1 / n_a + 1 / b - 1 / n_b, np.nan)
    low, high = _log_interval(estimate, variance, conf)
    return estimate, low, high


def woolf_interval(
    a: ArrayLike, b: ArrayLike, c: ArrayLike, d: ArrayLike, conf: float = 0.95
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Odds ratio (a*d)/(b*c) of the table [[a, b], [c, d]] with Woolf's log interval.

    ``SE(log OR) = sqrt(1/a + 1/b + 1/c + 1/d)``. The estimate is NaN where ``b`` or ``c`` is
    zero; the interval is NaN wherever any cell is zero.

    >>> odds, low, high = woolf_interval(20, 10, 10, 20)
    >>> float(odds[()]), round(float(low[()]), 3), round(float(high[()]), 3)
    (4.0, 1.367, 11.703)
    """
    a, b, c, d = _floats(a, b, c, d)
    with np.errstate(divide="ignore", invalid="ignore"):
        estimate = (a * d) / (b * c)
        estimate = np.where(np.isfinite(estimate), estimate, np.nan)
        cells_positive = (a > 0) & (b > 0) & (c > 0) & (d > 0)
        variance = np.where(cells_positive, 1 / a + 1 / b + 1 / c + 1 / d, np.nan)
    low, high = _log_interval(estimate, variance, conf)
    return estimate, low, high


def wilson_interval(
    count: ArrayLike, nobs: ArrayLike, conf: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """Wilson score interval for the proportion ``count / nobs`` (NaN where ``nobs`` is 0).

    Delegates to :func:`statsmodels.stats.proportion.proportion_confint`.

    >>> low, high = wilson_interval(3, 10)
    >>> round(float(low[()]), 4), round(float(high[()]), 4)
    (0.1078, 0.6032)
    """
    from statsmodels.stats.proportion import proportion_confint  # a second to import

    check_conf(conf)
    x, n = _floats(count, nobs)
    usable = n > 0
    low, high = proportion_confint(
        np.where(usable, x, 0.0), np.where(usable, n, 1.0), alpha=1 - conf, method="wilson"
    )
    low = np.where(x == 0, 0.0, low)  # exact bounds where rounding error leaves 1e-15
    high = np.where(x == n, 1.0, high)
    return np.where(usable, low, np.nan), np.where(usable, high, np.nan)


def percent_with_interval(
    count: ArrayLike, nobs: ArrayLike, conf: float = 0.95
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``100 * count / nobs`` with its Wilson interval, in percent (NaN where ``nobs`` is 0).

    >>> [round(float(v[()]), 2) for v in percent_with_interval(3, 10)]
    [30.0, 10.78, 60.32]
    """
    low, high = wilson_interval(count, nobs, conf)
    return percent(count, nobs), 100 * low, 100 * high


def percent(count: ArrayLike, nobs: ArrayLike) -> FloatArray:
    """``100 * count / nobs``, NaN where ``nobs`` is 0.

    >>> percent([1, 1], [4, 0]).tolist()
    [25.0, nan]
    """
    x, n = _floats(count, nobs)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, 100 * x / n, np.nan)


def two_proportion_test(
    count_a: ArrayLike, nobs_a: ArrayLike, count_b: ArrayLike, nobs_b: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """Two-sided z test of equal proportions with a pooled variance: ``(z, p_value)``.

    The same test as :func:`statsmodels.stats.proportion.proportions_ztest` on two samples.
    NaN where either sample is empty or the pooled proportion is 0 or 1.

    >>> z, p = two_proportion_test(30, 100, 15, 100)
    >>> round(float(z[()]), 3), round(float(p[()]), 4)
    (2.54, 0.0111)
    """
    x_a, n_a, x_b, n_b = _floats(count_a, nobs_a, count_b, nobs_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (x_a + x_b) / (n_a + n_b)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
        z = (x_a / n_a - x_b / n_b) / se
    z = np.where((n_a > 0) & (n_b > 0) & (se > 0), z, np.nan)
    return z, 2 * ndtr(-np.abs(z))

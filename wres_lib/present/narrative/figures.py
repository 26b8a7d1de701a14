"""One figure as text: "21%", "4.3 percentage points", "1.50", "1.54 times as likely".

The rounding, decimals, edge and missing-figure rules are in :mod:`wres_lib.present.narrative`.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal

import pandas as pd

NOT_AVAILABLE = "not available"
"""What a single figure reads as when it is missing or undefined."""
PERCENT_DECIMALS = 0
POINTS_DECIMALS = 1
RATIO_DECIMALS = 2
MAX_DECIMALS = 10
# Enough digits to round any finite float to MAX_DECIMALS places without losing a digit.
_DECIMAL_CONTEXT = Context(prec=400, rounding=ROUND_HALF_UP)


def _finite(value: float | None) -> float | None:
    """``value`` as a finite float, or None when it is missing, NaN or infinite."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, bool | str):
        raise TypeError(f"expected a number, got {value!r}")
    number = float(value)
    return number if math.isfinite(number) else None


def _check_decimals(decimals: int) -> None:
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        raise TypeError(f"decimals must be an integer, got {decimals!r}")
    if not 0 <= decimals <= MAX_DECIMALS:
        raise ValueError(f"decimals must be from 0 to {MAX_DECIMALS}, got {decimals}")


def _rounded(value: float, decimals: int, scale: int = 0) -> Decimal:
    """``value * 10**scale`` rounded half away from zero, with no negative zero."""
    exact = Decimal(repr(value)).scaleb(scale, _DECIMAL_CONTEXT)
    result = exact.quantize(Decimal(1).scaleb(-decimals), context=_DECIMAL_CONTEXT)
    return abs(result) if result.is_zero() else result


def _digits(number: Decimal, *, trim: bool) -> str:
    """``number`` with thousands separators, optionally without trailing decimal zeros."""
    text = f"{number:,f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _step(decimals: int) -> Decimal:
    """The smallest step at ``decimals`` places: 1, 0.1, 0.01, ..."""
    return Decimal(1).scaleb(-decimals)


def percent(share: float | None, decimals: int = PERCENT_DECIMALS) -> str:
    """A 0-1 share as a percentage.

    Args:
        share: the share, 0.214 for 21.4%; above 1 is allowed (112% of a target).
        decimals: decimal places; trailing zeros are dropped.

    Returns:
        "21%"; "less than 1%" for a positive share that rounds to 0; "more than 99%" for a share
        below 1 that rounds to 100%; :data:`NOT_AVAILABLE` when missing.

    Raises:
        ValueError: ``share`` is negative.

    >>> percent(0.214), percent(0.125), percent(0.2146, 1), percent(0.003), percent(None)
    ('21%', '13%', '21.5%', 'less than 1%', 'not available')
    """
    value = _finite(share)
    if value is None:
        return NOT_AVAILABLE
    _check_decimals(decimals)
    if value < 0:
        raise ValueError(f"a share must not be negative, got {share!r}")
    rounded = _rounded(value, decimals, scale=2)
    step = _step(decimals)
    if rounded.is_zero() and value > 0:
        return f"less than {_digits(step, trim=True)}%"
    if rounded == 100 and value < 1:
        return f"more than {_digits(100 - step, trim=True)}%"
    return f"{_digits(rounded, trim=True)}%"


def points(diff: float | None, decimals: int = POINTS_DECIMALS) -> str:
    """A difference between two percentages, in percentage points, keeping its sign.

    "point" is singular only when the rounded figure is exactly 1 or -1. A difference other
    than zero that rounds to zero is "less than 0.1 percentage points", without a sign.

    >>> points(4.26), points(1.0), points(-2.04)
    ('4.3 percentage points', '1 percentage point', '-2 percentage points')
    >>> points(0.03), points(float("nan"))
    ('less than 0.1 percentage points', 'not available')
    """
    value = _finite(diff)
    if value is None:
        return NOT_AVAILABLE
    _check_decimals(decimals)
    rounded = _rounded(value, decimals)
    if rounded.is_zero() and value != 0:
        step = _step(decimals)
        return f"less than {_digits(step, trim=True)} {_points_noun(step)}"
    return f"{_digits(rounded, trim=True)} {_points_noun(rounded)}"


def _points_noun(rounded: Decimal) -> str:
    return "percentage point" if abs(rounded) == 1 else "percentage points"


def ratio_figure(ratio: float | None, decimals: int = RATIO_DECIMALS) -> str:
    """A relative likelihood or other ratio as a bare figure with fixed decimals.

    >>> ratio_figure(1.5), ratio_figure(1.145), ratio_figure(None)
    ('1.50', '1.15', 'not available')
    """
    value = _finite(ratio)
    if value is None:
        return NOT_AVAILABLE
    _check_decimals(decimals)
    return _digits(_rounded(value, decimals), trim=False)


def _checked_ratio(ratio: float | None, decimals: int) -> tuple[float, Decimal] | None:
    """The finite ratio and its rounded value, or None when missing; negatives are refused."""
    value = _finite(ratio)
    if value is None:
        return None
    _check_decimals(decimals)
    if value < 0:
        raise ValueError(f"a ratio must not be negative, got {ratio!r}")
    return value, _rounded(value, decimals)


def times_as_likely(ratio: float | None, decimals: int = RATIO_DECIMALS) -> str:
    """A relative likelihood as "1.54 times as likely".

    The result always fits "<subject> were <result> as <comparison>": a ratio that rounds to
    1 gives "as likely", and a positive ratio that rounds to 0 gives "less than 0.01 times as
    likely".

    Raises:
        ValueError: ``ratio`` is negative.

    >>> times_as_likely(1.54), times_as_likely(0.8), times_as_likely(1.004)
    ('1.54 times as likely', '0.80 times as likely', 'as likely')
    >>> times_as_likely(float("inf"))
    'not available'
    """
    checked = _checked_ratio(ratio, decimals)
    if checked is None:
        return NOT_AVAILABLE
    value, rounded = checked
    if rounded == 1:
        return "as likely"
    if rounded.is_zero() and value > 0:
        return f"less than {_digits(_step(decimals), trim=False)} times as likely"
    return f"{_digits(rounded, trim=False)} times as likely"

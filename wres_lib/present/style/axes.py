"""Axes in the house style: percent and ratio ticks, reference lines, lines by ethnic group."""

from __future__ import annotations

import math
from typing import Any, Literal

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.ticker import FixedLocator, Formatter, FuncFormatter, MaxNLocator, NullLocator

from wres_lib.present.style.palette import ROLE_COLOURS, ROLE_LINESTYLES, Role, ethnicity_palette

PERCENT_TICK_STEPS = (1, 2, 5, 10)
"""Tick intervals allowed on a percent axis (times a power of ten): 20%, 25%, 30%, not 27.5%."""
RATIO_TICKS = (0.1, 0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 10.0)
"""Log-scale ticks for relative likelihoods, in pairs either side of parity (0.8 and 1.25 are
the four-fifths band)."""


def _trimmed(value: float, decimals: int) -> str:
    """``value`` to ``decimals`` places, no trailing zeros, no "-0", a true minus sign."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else Formatter.fix_minus(text)


def percent_formatter(max_decimals: int = 2) -> Formatter:
    """Tick labels for 0-1 shares, with as many decimals as a tick needs: "20%", "27.5%".

    >>> percent_formatter()(0.2), percent_formatter()(0.275)
    ('20%', '27.5%')
    """
    return FuncFormatter(lambda value, _pos: f"{_trimmed(value * 100, max_decimals)}%")


def ratio_formatter(max_decimals: int = 2) -> Formatter:
    """Tick labels for relative likelihoods, without trailing zeros: 0.8, 1, 1.25.

    >>> ratio_formatter()(1.25), ratio_formatter()(1.0)
    ('1.25', '1')
    """
    return FuncFormatter(lambda value, _pos: _trimmed(value, max_decimals))


def _check_which(which: str) -> None:
    if which not in ("x", "y"):
        raise ValueError(f"which must be 'x' or 'y', got {which!r}")


def _axis(ax: Axes, which: Literal["x", "y"]) -> Axis:
    _check_which(which)
    return ax.xaxis if which == "x" else ax.yaxis


def percent_axis(ax: Axes, which: Literal["x", "y"] = "y", max_decimals: int = 2) -> Axes:
    """Label an axis of 0-1 shares as percentages, ticked at round numbers."""
    axis = _axis(ax, which)
    axis.set_major_locator(MaxNLocator(steps=PERCENT_TICK_STEPS))
    axis.set_major_formatter(percent_formatter(max_decimals))
    return ax


def ratio_axis(
    ax: Axes, which: Literal["x", "y"] = "y", *, log: bool = False, max_decimals: int = 2
) -> Axes:
    """Label an axis of relative likelihoods; with ``log=True``, a log scale ticked at
    :data:`RATIO_TICKS`, so 0.8 and 1.25 sit the same distance either side of parity."""
    axis = _axis(ax, which)
    if log:
        (ax.set_xscale if which == "x" else ax.set_yscale)("log")
        axis.set_major_locator(FixedLocator(RATIO_TICKS))
        axis.set_minor_locator(NullLocator())
    axis.set_major_formatter(ratio_formatter(max_decimals))
    return ax


MAX_LOG_TICKS = 7
"""The most ticks :func:`count_log_axis` puts on an axis before it thins them out."""
_LOG_TICK_STEPS = ((1, 2, 5), (1, 3), (1,))


def log_ticks(low: float, high: float) -> list[float]:
    """Round numbers for a log axis from ``low`` to ``high``: 1-2-5 steps, thinned to 1-3 and
    then to powers of ten until at most :data:`MAX_LOG_TICKS` remain.

    >>> log_ticks(0.8, 30), log_ticks(1, 5000)
    ([1.0, 2.0, 5.0, 10.0, 20.0], [1.0, 10.0, 100.0, 1000.0])
    """
    if not 0 < low < high:
        raise ValueError(f"a log axis needs 0 < low < high, got {low} and {high}")
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    for steps in _LOG_TICK_STEPS:
        ticks = [
            float(f"{step}e{power}")
            for power in range(first, last + 1)
            for step in steps
            if low <= step * 10.0**power <= high
        ]
        if len(ticks) <= MAX_LOG_TICKS:
            return ticks
    return ticks


def _plain_number(value: float, _pos: object = None) -> str:
    """A tick label as a reader writes the number: "0.5", "20", "1,000", never a power of ten."""
    return f"{value:,.0f}" if value >= 1 else _trimmed(value, 3)


def count_log_axis(ax: Axes, which: Literal["x", "y"] = "x") -> Axes:
    """A log scale of counts, ticked at round numbers in the axis' current range and labelled
    as plain numbers (no minor ticks, no powers of ten). Call it after plotting."""
    axis = _axis(ax, which)
    (ax.set_xscale if which == "x" else ax.set_yscale)("log")
    low, high = ax.get_xlim() if which == "x" else ax.get_ylim()
    axis.set_major_locator(FixedLocator(log_ticks(low, high)))
    axis.set_minor_locator(NullLocator())
    axis.set_major_formatter(FuncFormatter(_plain_number))
    return ax


def reference_line(
    ax: Axes,
    value: float = 1.0,
    *,
    role: Role = "reference",
    label: str | None = None,
    which: Literal["x", "y"] = "y",
) -> Axes:
    """Draw a horizontal (``which="y"``) or vertical line at ``value`` in a role's colour.

    The default is the parity line at 1 of a relative likelihood chart.
    """
    if role not in ROLE_COLOURS:
        raise ValueError(f"role must be one of {list(ROLE_COLOURS)}, got {role!r}")
    _check_which(which)
    draw = ax.axhline if which == "y" else ax.axvline
    draw(
        value,
        color=ROLE_COLOURS[role],
        linestyle=ROLE_LINESTYLES[role],
        linewidth=1.0,
        label=label,
        zorder=1.5,
    )
    return ax


def lineplot_by_ethnicity(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    ax: Axes,
    hue: str = "ethnicity",
    **kwargs: Any,
) -> Axes:
    """A seaborn line chart with one line per ethnic group in its house colour and order.

    The legend has no title: the group names explain themselves.

    Extra keyword arguments go to :func:`seaborn.lineplot`.

    Raises:
        ValueError: a group in ``data[hue]`` has no house colour.
    """
    import seaborn as sns  # a few MiB no briefing needs: imported by the charts drawn with it

    palette = ethnicity_palette(data[hue].dropna().unique())
    kwargs.setdefault("marker", "o")
    sns.lineplot(
        data=data, x=x, y=y, hue=hue, hue_order=list(palette), palette=palette, ax=ax, **kwargs
    )
    legend = ax.get_legend()
    if legend is not None:
        legend.set_title(None)
    return ax

"""The funnel plot: every organisation against its control limits, one trust highlighted."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from wres_lib.present.charts.common import LEGEND_RIGHT, _finish
from wres_lib.present.style import (
    NEUTRAL_GREY,
    ROLE_COLOURS,
    count_log_axis,
    new_figure,
    percent_axis,
    ratio_axis,
)

FUNNEL_PADDING = 1.15
LABEL_WIDTH = 24
"""Characters a line of the legend holds before a long trust name wraps."""
NOT_PLOTTED = "not plotted"


def funnel_chart(
    limits: pd.DataFrame,
    positions: pd.DataFrame,
    *,
    highlight: str | None,
    kind: str,
    title: str,
    source: str,
    synthetic: bool,
    subtitle: str | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
) -> Figure:
    """Organisations against funnel limits; the highlighted code stands out and is labelled.

    ``limits``: x, lower_998, lower_95, reference, upper_95, upper_998.
    ``positions``: code, x, y (a fraction for ``kind="proportion"``; observed over expected for
    ``kind="standardised_ratio"``, drawn on a linear axis from 0 so zero counts show);
    the highlighted organisation is named in the legend (beside the plot, clear of the lines)
    by its ``name`` if there is one, else its code, and a highlighted code without a plotted
    figure reads "<code>: not plotted" there. The log axis of expected counts is ticked at plain
    round numbers.
    """
    fig, ax = new_figure(title, subtitle)
    ax.plot(limits["x"], limits["reference"], color=ROLE_COLOURS["reference"], linewidth=1)
    for level, role in (("95", "limits_95"), ("998", "limits_998")):
        for side in ("lower", "upper"):
            ax.plot(
                limits["x"],
                limits[f"{side}_{level}"],
                color=ROLE_COLOURS[role],
                linestyle="--" if level == "95" else ":",
                linewidth=1,
                label=f"{'95%' if level == '95' else '99.8%'} limits" if side == "upper" else None,
            )
    plotted = positions.dropna(subset=["x", "y"])
    others = plotted[plotted["code"] != highlight]
    ax.scatter(others["x"], others["y"], s=9, color=NEUTRAL_GREY, zorder=2, label="Other trusts")
    mine = plotted[plotted["code"] == highlight]
    if not mine.empty:  # named in the legend, outside the plot, so no label crosses a line
        ax.scatter(
            mine["x"],
            mine["y"],
            s=40,
            color=ROLE_COLOURS["trust_highlight"],
            zorder=3,
            edgecolor="white",
            linewidth=0.8,
            label=_wrapped(_highlight_name(mine.iloc[0])),
        )
    elif highlight is not None:
        ax.add_line(Line2D([], [], linestyle="none", label=f"{highlight}: {NOT_PLOTTED}"))
    if kind == "standardised_ratio":
        ratio_axis(ax)
        ax.set_xlabel(x_label or "Expected count (log scale)")
        ax.set_ylabel(y_label or "Observed / expected")
        if len(plotted):  # keep the organisations in view; the outer limits may run far out
            high = max(float(plotted["y"].max()), float(limits["reference"].iloc[0]) * 1.25)
            ax.set_ylim(0, high * FUNNEL_PADDING)
        count_log_axis(ax, "x")
    else:
        percent_axis(ax)
        ax.set_xlabel(x_label or "Number of staff")
        if y_label:
            ax.set_ylabel(y_label)
    ax.legend(fontsize=7, frameon=False, **LEGEND_RIGHT)
    return _finish(fig, source, synthetic)


def _wrapped(name: str) -> str:
    """A legend label on lines of at most :data:`LABEL_WIDTH` characters."""
    return "\n".join(textwrap.wrap(name, LABEL_WIDTH)) or name


def _highlight_name(row: pd.Series) -> str:
    """The highlighted organisation's label: its name if the positions carry one, else its code."""
    name = row.get("name")
    return str(name) if isinstance(name, str) and name.strip() else str(row["code"])

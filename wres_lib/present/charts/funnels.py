"""The funnel plot: every organisation against its control limits, one trust highlighted."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from wres_lib.present.charts.common import _finish
from wres_lib.present.style import (
    NEUTRAL_GREY,
    ROLE_COLOURS,
    TEXT_GREY,
    new_figure,
    percent_axis,
    ratio_axis,
)

FUNNEL_PADDING = 1.15
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
    the highlighted organisation is labelled with its ``name`` if there is one, else its code,
    and a highlighted code without a plotted figure reads "<code>: not plotted".
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
    if not mine.empty:
        ax.scatter(
            mine["x"],
            mine["y"],
            s=40,
            color=ROLE_COLOURS["trust_highlight"],
            zorder=3,
            edgecolor="white",
            linewidth=0.8,
            label="This trust",
        )
        ax.annotate(
            _highlight_name(mine.iloc[0]),
            (mine["x"].iloc[0], mine["y"].iloc[0]),
            xytext=(5, 5),
            textcoords="offset points",
            fontsize=7.5,
            fontweight="bold",
            color=ROLE_COLOURS["trust_highlight"],
        )
    elif highlight is not None:
        ax.text(
            0.01,
            0.98,
            f"{highlight}: {NOT_PLOTTED}",
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=7,
            color=TEXT_GREY,
        )
    if kind == "standardised_ratio":
        ratio_axis(ax)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
        ax.set_xlabel(x_label or "Expected count (log scale)")
        ax.set_ylabel(y_label or "Observed / expected")
        if len(plotted):  # keep the organisations in view; the outer limits may run far out
            high = max(float(plotted["y"].max()), float(limits["reference"].iloc[0]) * 1.25)
            ax.set_ylim(0, high * FUNNEL_PADDING)
    else:
        percent_axis(ax)
        ax.set_xlabel(x_label or "Number of staff")
        if y_label:
            ax.set_ylabel(y_label)
    ax.legend(loc="upper right", fontsize=7, frameon=False)
    return _finish(fig, source, synthetic)


def _highlight_name(row: pd.Series) -> str:
    """The highlighted organisation's label: its name if the positions carry one, else its code."""
    name = row.get("name")
    return str(name) if isinstance(name, str) and name.strip() else str(row["code"])

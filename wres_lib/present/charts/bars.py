"""Bar charts: the BME share of each band, board groups against the workforce, and trusts
ranked by a figure."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from wres_lib.present import narrative
from wres_lib.present.charts.common import _PERCENT_0_100, BME_COLOUR, PEER_COLOUR, _finish
from wres_lib.present.style import NEUTRAL_GREY, ROLE_COLOURS, TEXT_GREY, new_figure, reference_line

TOO_FEW = "too few"
NO_DATA = "no data"
ROW_HEIGHT_INCHES = 0.24
MIN_RANKED_HEIGHT = 2.6


def band_share_chart(
    rows: pd.DataFrame,
    overall_share: float | None,
    *,
    title: str,
    source: str,
    synthetic: bool,
    subtitle: str | None = None,
) -> Figure:
    """BME share (%) of each band as bars with interval whiskers, and the whole-workforce line.

    ``rows``: band, value, ci_low, ci_high (percent; a missing value means too few to report).
    """
    fig, ax = new_figure(title, subtitle)
    positions = np.arange(len(rows))
    values = rows["value"].to_numpy(dtype=float)
    shown = ~np.isnan(values)
    lower = np.clip(values - rows["ci_low"].to_numpy(dtype=float), 0, None)
    upper = np.clip(rows["ci_high"].to_numpy(dtype=float) - values, 0, None)
    ax.bar(positions[shown], values[shown], color=BME_COLOUR, width=0.7, zorder=2)
    ax.errorbar(
        positions[shown],
        values[shown],
        yerr=[lower[shown], upper[shown]],
        fmt="none",
        ecolor=TEXT_GREY,
        elinewidth=0.8,
        capsize=2,
        zorder=3,
    )
    for position in positions[~shown]:
        ax.text(
            position, 1, TOO_FEW, rotation=90, ha="center", va="bottom", fontsize=7, color=TEXT_GREY
        )
    if overall_share is not None:
        label = f"Whole workforce: {narrative.percent(overall_share / 100)}"
        ax.axhline(overall_share, color=ROLE_COLOURS["reference"], linestyle="--", linewidth=1)
        ax.text(len(rows) - 0.5, overall_share, label, ha="right", va="bottom", fontsize=7.5)
    ax.set_xticks(positions, [str(b).replace("Band ", "") for b in rows["band"]])
    ax.set_xlabel("Agenda for Change band")
    ax.set_ylim(0, max(100 if shown.any() and np.nanmax(values) > 60 else 60, 1))
    ax.yaxis.set_major_formatter(_PERCENT_0_100)
    return _finish(fig, source, synthetic)


def board_comparison_chart(
    values: Mapping[str, float | None],
    *,
    title: str,
    source: str,
    synthetic: bool,
    subtitle: str | None = None,
) -> Figure:
    """Horizontal bars of BME share (%) for board groups, the workforce and the population."""
    fig, ax = new_figure(title, subtitle, height=2.8)
    labels = list(values)
    positions = np.arange(len(labels))[::-1]
    for position, label in zip(positions, labels, strict=True):
        value = values[label]
        board = label not in ("Workforce",) and not label.startswith("Population")
        colour = BME_COLOUR if board else NEUTRAL_GREY
        if value is None or np.isnan(value):
            ax.text(0.5, position, NO_DATA, va="center", fontsize=7.5, color=TEXT_GREY)
            continue
        ax.barh(position, value, color=colour, height=0.6, zorder=2)
        ax.text(value + 0.8, position, narrative.percent(value / 100), va="center", fontsize=7.5)
    ax.set_yticks(positions, labels)
    shown = [v for v in values.values() if v is not None and not np.isnan(v)]
    ax.set_xlim(0, max([*shown, 10]) * 1.15)
    ax.xaxis.set_major_formatter(_PERCENT_0_100)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True, color="#E0E0E0")
    return _finish(fig, source, synthetic)


def ranked_bar_chart(
    frame: pd.DataFrame,
    *,
    label_column: str,
    value_column: str,
    title: str,
    source: str,
    synthetic: bool,
    subtitle: str | None = None,
    reference: float | None = None,
    highlight: str | None = None,
    value_format: str = "percent",
) -> Figure:
    """Horizontal bars ranked by value; missing values read "too few to report".

    ``value_format``: "percent" (0-100), "points" (percentage points) or "ratio".
    """
    ordered = frame.sort_values(value_column, ascending=True, na_position="first")
    height = max(MIN_RANKED_HEIGHT, 1.2 + ROW_HEIGHT_INCHES * len(ordered))
    fig, ax = new_figure(title, subtitle, height=height)
    positions = np.arange(len(ordered))
    values = ordered[value_column].to_numpy(dtype=float)
    labels = ordered[label_column].astype(str).tolist()
    colours = [
        ROLE_COLOURS["trust_highlight"] if label == highlight else PEER_COLOUR for label in labels
    ]
    shown = ~np.isnan(values)
    ax.barh(positions[shown], values[shown], color=np.array(colours)[shown], height=0.65, zorder=2)
    for position in positions[~shown]:
        ax.text(0, position, " too few to report", va="center", fontsize=7, color=TEXT_GREY)
    if reference is not None:
        reference_line(ax, reference, which="x")
    formats = {
        "percent": _PERCENT_0_100,
        "points": FuncFormatter(lambda v, _: f"{v:+g}" if v else "0"),
        "ratio": FuncFormatter(lambda v, _: narrative.ratio_figure(v)),
    }
    ax.xaxis.set_major_formatter(formats[value_format])
    ax.set_yticks(positions, labels, fontsize=7)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True, color="#E0E0E0")
    return _finish(fig, source, synthetic)

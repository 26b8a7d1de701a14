"""The action-plan chart: a small panel per target, each figure against its straight path."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.dates import DateFormatter, YearLocator
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from wres_lib.present.charts.common import BME_COLOUR, _finish
from wres_lib.present.style import ROLE_COLOURS, TEXT_GREY, new_figure

PANEL_COLUMNS = 3
PANEL_ROW_HEIGHT = 2.1
PANEL_FRAME_HEIGHT = 1.3
TITLE_WIDTH = 34  # characters of a panel's title before it is cut


def target_progress_chart(
    targets: pd.DataFrame, figures: pd.DataFrame, *, title: str, source: str, synthetic: bool
) -> Figure:
    """Small multiples, one per target: the path from baseline to target (dashed), the target
    at its due date (a cross) and each year's published figure with its interval.

    ``targets``: one row per target with target_id, description, baseline_year,
    baseline_value, target_value and due; ``figures``: target_id, year, value, ci_low and
    ci_high (NaN where not published).
    """
    count = max(len(targets), 1)
    columns = min(count, PANEL_COLUMNS)
    grid_rows = -(-count // columns)
    fig, first = new_figure(title, None, height=PANEL_FRAME_HEIGHT + PANEL_ROW_HEIGHT * grid_rows)
    first.remove()
    grid = fig.subplots(grid_rows, columns, squeeze=False).ravel()
    for ax, target in zip(grid, targets.itertuples(index=False), strict=False):
        start = pd.Timestamp(f"{int(target.baseline_year)}-03-31")
        ax.plot(
            [start, target.due],
            [target.baseline_value, target.target_value],
            linestyle="--",
            color=ROLE_COLOURS["target"],
            linewidth=1.2,
        )
        ax.plot([target.due], [target.target_value], marker="x", color=ROLE_COLOURS["target"])
        mine = figures[figures["target_id"] == target.target_id].sort_values("year")
        when = pd.to_datetime(mine["year"].astype(int).astype(str) + "-03-31")
        values = mine["value"].to_numpy(dtype=float)
        low = np.nan_to_num(values - mine["ci_low"].to_numpy(dtype=float))
        high = np.nan_to_num(mine["ci_high"].to_numpy(dtype=float) - values)
        ax.errorbar(when, values, yerr=[low, high], fmt="o", markersize=3, color=BME_COLOUR,
                    elinewidth=0.8, capsize=0)  # fmt: skip
        if np.isnan(values).all():
            ax.text(0.5, 0.5, "no published figure", transform=ax.transAxes, ha="center",
                    va="center", fontsize=7, color=TEXT_GREY)  # fmt: skip
        label = str(target.description)
        label = label if len(label) <= TITLE_WIDTH else label[: TITLE_WIDTH - 1] + "…"
        ax.set_title(f"{target.target_id}: {label}", fontsize=7, loc="left")
        ax.tick_params(labelsize=6)
        ax.xaxis.set_major_locator(YearLocator(base=2, month=3, day=31))
        ax.xaxis.set_major_formatter(DateFormatter("%Y"))
    for ax in grid[len(targets) :]:
        ax.set_axis_off()
    handles = [
        Line2D([], [], linestyle="--", color=ROLE_COLOURS["target"], label="Path to target"),
        Line2D([], [], marker="o", linestyle="", color=BME_COLOUR, label="Figure (interval)"),
    ]
    fig.legend(handles=handles, loc="lower right", fontsize=7, frameon=False, ncols=2)
    return _finish(fig, source, synthetic)

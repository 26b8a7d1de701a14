"""The Model Employer chart: a small panel per band, the target line against the actual share."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from wres_lib.present.charts.common import BME_COLOUR, LEGEND_RIGHT, _finish
from wres_lib.present.style import ROLE_COLOURS, TEXT_GREY, new_figure, percent_axis
from wres_lib.stats.small_numbers import TOO_FEW_TO_REPORT

PANEL_COLUMNS = 4
PANEL_ROW_HEIGHT = 2.0
PANEL_FRAME_HEIGHT = 1.2
NO_STAFF = "no staff at this band"


def model_employer_chart(
    rows: pd.DataFrame, *, title: str, source: str, synthetic: bool, subtitle: str | None = None
) -> Figure:
    """Small multiples, one per band: the straight target line and the actual BME share.

    ``rows``: band, year, line_share, actual_share, target_share (fractions 0-1) and, optionally,
    too_few (the share is suppressed, resting on too few staff). Up to four panels a row; a band
    with no actual share in any year reads "too few to report" if any year was suppressed, else
    "no staff at this band".
    """
    bands = list(dict.fromkeys(rows["band"]))
    columns = min(max(len(bands), 1), PANEL_COLUMNS)
    grid_rows = -(-max(len(bands), 1) // columns)
    height = max(3.2, PANEL_FRAME_HEIGHT + PANEL_ROW_HEIGHT * grid_rows)
    fig, first = new_figure(title, subtitle, height=height)
    first.remove()
    grid = fig.subplots(grid_rows, columns, sharey=True, squeeze=False).ravel()
    axes, spare = grid[: len(bands)], grid[len(bands) :]
    for ax, band in zip(axes, bands, strict=True):
        mine = rows[rows["band"] == band].sort_values("year")
        ax.plot(
            mine["year"],
            mine["line_share"],
            linestyle="--",
            color=ROLE_COLOURS["target"],
            linewidth=1.2,
        )
        ax.plot(
            mine["year"],
            mine["actual_share"],
            marker="o",
            markersize=2.5,
            color=BME_COLOUR,
            linewidth=1.2,
        )
        if mine["actual_share"].isna().all():
            suppressed = "too_few" in mine and bool(mine["too_few"].fillna(False).any())
            ax.text(
                0.5,
                0.5,
                TOO_FEW_TO_REPORT if suppressed else NO_STAFF,
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=7,
                color=TEXT_GREY,
            )
        ax.set_title(str(band).replace("Band ", ""), fontsize=8, loc="left")
        ax.set_xticks([int(mine["year"].min()), int(mine["year"].max())] if len(mine) else [])
        ax.tick_params(axis="x", labelsize=6)
        percent_axis(ax)
    grid[0].set_ylim(
        0,
        max(
            0.1,
            float(
                np.nanmax(rows[["line_share", "actual_share"]].to_numpy(dtype=float), initial=0.1)
            )
            * 1.15,
        ),
    )
    handles = [
        Line2D([], [], linestyle="--", color=ROLE_COLOURS["target"], label="Model Employer line"),
        Line2D([], [], marker="o", color=BME_COLOUR, label="Actual BME share"),
    ]
    for ax in spare:
        ax.set_axis_off()
    if len(spare):
        spare[0].legend(handles=handles, loc="center left", fontsize=7, frameon=False)
    else:
        grid[columns - 1].legend(handles=handles, fontsize=7, frameon=False, **LEGEND_RIGHT)
    return _finish(fig, source, synthetic)

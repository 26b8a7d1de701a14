"""The trend chart: relative likelihoods over the years on a log scale, with intervals."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator

from wres_lib.present.charts.common import _finish
from wres_lib.present.style import (
    NEUTRAL_GREY,
    OKABE_ITO,
    TEXT_GREY,
    new_figure,
    ratio_axis,
    reference_line,
)

PROPORTIONATE = (0.8, 1.25)
SERIES_COLOURS = tuple(
    OKABE_ITO[name] for name in ("vermillion", "bluish_green", "reddish_purple", "sky_blue")
)
"""Trend lines are measures, not ethnic groups: never White's blue or BME's orange."""
SERIES_MARKERS = ("o", "s", "^", "D")
"""A marker per line, so the lines stay apart in greyscale."""
LEGEND_ABOVE = {"loc": "lower left", "bbox_to_anchor": (0.0, 1.02), "borderaxespad": 0.0}


def trend_chart(
    series: pd.DataFrame,
    *,
    title: str,
    source: str,
    synthetic: bool,
    subtitle: str | None = None,
    marks: Sequence[tuple[float, str]] = (),
) -> Figure:
    """Relative likelihoods over years, one line per label with its interval, on a log scale.

    ``series``: year, label, value, ci_low, ci_high (missing values leave gaps); at most four
    labels. ``marks``: (year, legend label) of events drawn as vertical dotted lines, such as
    a merger between two years (2021.5).
    """
    labels = series["label"].nunique()
    if labels > len(SERIES_COLOURS):
        raise ValueError(f"trend_chart draws at most {len(SERIES_COLOURS)} lines, got {labels}")
    fig, ax = new_figure(title, subtitle)
    ax.axhspan(
        *PROPORTIONATE,
        color=NEUTRAL_GREY,
        alpha=0.25,
        zorder=0,
        label="broadly proportionate (0.80–1.25)",
    )
    reference_line(ax, 1.0)
    for year, label in marks:
        ax.axvline(year, color=TEXT_GREY, linestyle=":", linewidth=1.2, label=label)
    groups = series.groupby("label", sort=True)
    for (label, rows), colour, marker in zip(groups, SERIES_COLOURS, SERIES_MARKERS, strict=False):
        rows = rows.sort_values("year")
        ax.plot(rows["year"], rows["value"], marker=marker, markersize=3, color=colour, label=label)
        ax.fill_between(
            rows["year"],
            rows["ci_low"],
            rows["ci_high"],
            color=colour,
            alpha=0.15,
            linewidth=0,
        )
    ratio_axis(ax, log=True)
    finite = series[["ci_low", "ci_high", "value"]].to_numpy(dtype=float)
    finite = finite[np.isfinite(finite) & (finite > 0)]
    low, high = (finite.min(), finite.max()) if finite.size else (0.5, 2.0)
    ax.set_ylim(min(low, 0.7) * 0.95, max(high, 1.4) * 1.05)
    ax.xaxis.set_major_locator(_year_locator(series["year"]))
    ax.legend(fontsize=7, frameon=False, ncols=2, **LEGEND_ABOVE)
    return _finish(fig, source, synthetic)


def _year_locator(years: pd.Series) -> FixedLocator:
    """Ticks at every year, or every other year counting back from the last when there are many."""
    unique = sorted(int(y) for y in pd.unique(years))
    step = 1 if len(unique) <= 6 else 2
    return FixedLocator(unique[::-1][::step][::-1])

"""The progression ladder chart: the BME share on each rung, with each step's odds ratio."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from wres_lib.present import narrative
from wres_lib.present.charts.bars import TOO_FEW
from wres_lib.present.charts.common import _PERCENT_0_100, BME_COLOUR, _finish
from wres_lib.present.style import ROLE_COLOURS, TEXT_GREY, new_figure


def ladder_chart(
    rungs: pd.DataFrame,
    steps: pd.DataFrame,
    *,
    title: str,
    source: str,
    synthetic: bool,
    subtitle: str | None = None,
) -> Figure:
    """Horizontal bars of the BME share (%) of each rung, lowest rung at the bottom, with each
    step's ratio written between its two rungs (the bottleneck's in bold, in the highlight colour).

    ``rungs``: rung, bme_pct (missing: too few to report). ``steps``: one row per step, lowest
    first: ratio (missing: too few to report) and bottleneck (bool).
    """
    fig, ax = new_figure(title, subtitle, height=3.4)
    positions = np.arange(len(rungs))
    values = rungs["bme_pct"].to_numpy(dtype=float)
    shown = ~np.isnan(values)
    ax.barh(positions[shown], values[shown], color=BME_COLOUR, height=0.55, zorder=2)
    for position, value in zip(positions[shown], values[shown], strict=True):
        label = narrative.percent(value / 100)
        ax.text(value + 0.8, position, label, va="center", fontsize=7.5)
    for position in positions[~shown]:
        ax.text(0.5, position, TOO_FEW, va="center", fontsize=7, color=TEXT_GREY)
    right = max(float(np.nanmax(values)) if shown.any() else 0.0, 10.0) * 1.25
    for index, step in enumerate(steps.itertuples()):
        ratio = narrative.ratio_figure(step.ratio) if pd.notna(step.ratio) else TOO_FEW
        highlight = bool(step.bottleneck)
        ax.text(
            right,
            index + 0.5,
            f"step ratio {ratio}" + (" (bottleneck)" if highlight else ""),
            ha="right",
            va="center",
            fontsize=7.5,
            fontweight="bold" if highlight else "normal",
            color=ROLE_COLOURS["trust_highlight"] if highlight else TEXT_GREY,
        )
    ax.set_yticks(positions, [narrative.rung_words(str(r)) for r in rungs["rung"]])
    ax.set_xlim(0, right)
    ax.set_ylim(-0.6, len(rungs) - 0.4)
    ax.xaxis.set_major_formatter(_PERCENT_0_100)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True, color="#E0E0E0")
    return _finish(fig, source, synthetic)

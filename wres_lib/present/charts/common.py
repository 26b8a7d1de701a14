"""What the briefing charts share: the colours of bars, the 0-100 percent ticks, the finish."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from wres_lib.present.style import ETHNICITY_COLOURS, ROLE_COLOURS, finish_figure

BME_COLOUR = ETHNICITY_COLOURS["BME"]
# Bars of measures about all trusts: the peers' grey, as the BME orange is kept for BME groups.
PEER_COLOUR = ROLE_COLOURS["peers"]
LEGEND_RIGHT = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0), "borderaxespad": 0.0}
"""Legends beside the plot, where constrained layout makes room for them, clear of every line."""
_PERCENT_0_100 = FuncFormatter(lambda value, _: f"{value:g}%")


def _finish(fig: Figure, source: str, synthetic: bool) -> Figure:
    """The chart with its source line (and the synthetic-data label when ``synthetic``)."""
    return finish_figure(fig, source, synthetic=synthetic)

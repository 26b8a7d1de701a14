"""The house matplotlib settings (rcParams): font, sizes, colour cycle, grid and resolution."""

from __future__ import annotations

from types import MappingProxyType

import matplotlib as mpl
from cycler import cycler

from wres_lib.present.style.palette import CYCLE_ORDER, GRID_GREY, OKABE_ITO, TEXT_COLOUR, TEXT_GREY

FONT_FAMILY = "DejaVu Sans"
BASE_FONT_SIZE = 9.0
TITLE_FONT_SIZE = 11.0
SUBTITLE_FONT_SIZE = 9.0
TICK_FONT_SIZE = 8.0
SOURCE_FONT_SIZE = 7.0
SYNTHETIC_MARK_FONT_SIZE = 9.0
FIGURE_WIDTH = 6.3
"""Inches: the text width of an A4 page with 25 mm margins."""
FIGURE_HEIGHT = 3.4
SCREEN_DPI = 100
SAVEFIG_DPI = 150
HOUSE_RCPARAMS = MappingProxyType(
    {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT_FAMILY],
        "font.size": BASE_FONT_SIZE,
        "text.color": TEXT_COLOUR,
        "axes.titlesize": BASE_FONT_SIZE,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": BASE_FONT_SIZE,
        "axes.labelcolor": TEXT_GREY,
        "axes.edgecolor": TEXT_GREY,
        "axes.linewidth": 0.8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "axes.axisbelow": True,
        "axes.prop_cycle": cycler(color=[OKABE_ITO[name] for name in CYCLE_ORDER]),
        "grid.color": GRID_GREY,
        "grid.linewidth": 0.6,
        "lines.linewidth": 1.8,
        "xtick.labelsize": TICK_FONT_SIZE,
        "ytick.labelsize": TICK_FONT_SIZE,
        "xtick.color": TEXT_GREY,
        "ytick.color": TEXT_GREY,
        "legend.fontsize": TICK_FONT_SIZE,
        "legend.frameon": False,
        "figure.figsize": (FIGURE_WIDTH, FIGURE_HEIGHT),
        "figure.dpi": SCREEN_DPI,
        "figure.facecolor": "white",
        "savefig.dpi": SAVEFIG_DPI,
        "savefig.facecolor": "white",
        "savefig.bbox": "standard",
        "svg.hashsalt": "wres-briefings",
        "svg.fonttype": "none",
        "pdf.fonttype": 42,
        # Labels are organisations' names from data files: a "$" in one is text, not the start
        # of a formula (which drew it as mathematics, or failed the chart).
        "text.parse_math": False,
    }
)
"""The matplotlib settings of the house style (seaborn draws with them too)."""


def apply_house_style() -> None:
    """Set matplotlib's rcParams to the house style; calling it again changes nothing.

    >>> apply_house_style(); mpl.rcParams["savefig.dpi"]
    150.0
    """
    mpl.rcParams.update(HOUSE_RCPARAMS)

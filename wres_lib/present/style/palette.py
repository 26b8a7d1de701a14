"""The house colours: Okabe and Ito's colour-blind-safe set, one fixed colour per ethnic group,
and the colours of the lines that have a job (parity, target, the highlighted trust)."""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType
from typing import Literal

OKABE_ITO = MappingProxyType(
    {
        "black": "#000000",
        "orange": "#E69F00",
        "sky_blue": "#56B4E9",
        "bluish_green": "#009E73",
        "yellow": "#F0E442",
        "blue": "#0072B2",
        "vermillion": "#D55E00",
        "reddish_purple": "#CC79A7",
    }
)
"""Okabe, M. and Ito, K. (2008), Color Universal Design: eight colours told apart by people
with any common colour-vision deficiency."""
NEUTRAL_GREY = "#BBBBBB"
"""Unknown ethnicity and peer organisations: a light grey, so that it differs in lightness from
every Okabe-Ito colour, even as seen with a colour-vision deficiency."""
TEXT_GREY = "#595959"
"""Subtitles, source lines and axis text: 7:1 contrast on white (WCAG AAA)."""
GRID_GREY = "#E0E0E0"
TEXT_COLOUR = "#1A1A1A"
ETHNICITY_COLOURS = MappingProxyType(
    {
        "White": OKABE_ITO["blue"],
        "BME": OKABE_ITO["orange"],
        "Asian": OKABE_ITO["bluish_green"],
        "Black": OKABE_ITO["vermillion"],
        "Mixed": OKABE_ITO["reddish_purple"],
        "Other": OKABE_ITO["sky_blue"],
        "Unknown": NEUTRAL_GREY,
    }
)
"""The colour of each ethnic group, the same in every chart. The order is the legend order."""
ROLE_COLOURS = MappingProxyType(
    {
        "reference": OKABE_ITO["black"],
        "target": OKABE_ITO["bluish_green"],
        "trust_highlight": OKABE_ITO["vermillion"],
        "peers": NEUTRAL_GREY,
        "limits_95": OKABE_ITO["sky_blue"],
        "limits_998": OKABE_ITO["reddish_purple"],
    }
)
"""Colours with a job: parity or national reference line, Model Employer target, the trust a
briefing is about, the other organisations, and funnel-plot limits. None is White's or BME's."""
ROLE_LINESTYLES = MappingProxyType(
    {
        "reference": "-",
        "target": "--",
        "trust_highlight": "-",
        "peers": "-",
        "limits_95": "--",
        "limits_998": ":",
    }
)
CYCLE_ORDER = ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue")
"""The default colour order: a chart's first two series get White's and BME's colours."""
Role = Literal["reference", "target", "trust_highlight", "peers", "limits_95", "limits_998"]


def ethnicity_palette(groups: Iterable[str] | None = None) -> dict[str, str]:
    """The house colour of each group, in legend order, for seaborn's ``palette``.

    Raises:
        ValueError: a group is not in :data:`ETHNICITY_COLOURS`.

    >>> ethnicity_palette(["BME", "White"])
    {'White': '#0072B2', 'BME': '#E69F00'}
    """
    if groups is None:
        return dict(ETHNICITY_COLOURS)
    wanted = set(groups)
    unknown = sorted(wanted - set(ETHNICITY_COLOURS))
    if unknown:
        raise ValueError(
            f"no house colour for {unknown}; expected some of {list(ETHNICITY_COLOURS)}"
        )
    return {group: colour for group, colour in ETHNICITY_COLOURS.items() if group in wanted}


def ethnicity_colour(group: str) -> str:
    """The house colour of one ethnic group.

    >>> ethnicity_colour("White"), ethnicity_colour("BME")
    ('#0072B2', '#E69F00')
    """
    return ethnicity_palette([group])[group]

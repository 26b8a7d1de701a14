"""The briefing charts, each in the house style with a source line; plotting only, no statistics.

Units follow the inputs: indicator-table shares are percentages (0-100); Model Employer shares
and funnel proportions are fractions (0-1). Every function returns a finished
:class:`~matplotlib.figure.Figure` that pyplot does not track.

One module per family: :mod:`~wres_lib.present.charts.bars` (band shares, board groups, ranked
trusts), :mod:`~wres_lib.present.charts.trends`, :mod:`~wres_lib.present.charts.model_employer`,
:mod:`~wres_lib.present.charts.funnels`, :mod:`~wres_lib.present.charts.ladder` (the progression
ladder) and :mod:`~wres_lib.present.charts.distributions`; the colours and finish they share are
in :mod:`~wres_lib.present.charts.common`. Import from this package.
"""

from wres_lib.present.charts.bars import (
    MIN_RANKED_HEIGHT,
    NO_DATA,
    ROW_HEIGHT_INCHES,
    TOO_FEW,
    band_share_chart,
    board_comparison_chart,
    ranked_bar_chart,
)
from wres_lib.present.charts.common import (
    BME_COLOUR,
    LEGEND_RIGHT,
    PEER_COLOUR,
)
from wres_lib.present.charts.distributions import (
    distribution_chart,
)
from wres_lib.present.charts.funnels import (
    FUNNEL_PADDING,
    NOT_PLOTTED,
    funnel_chart,
)
from wres_lib.present.charts.ladder import (
    ladder_chart,
)
from wres_lib.present.charts.model_employer import (
    NO_STAFF,
    PANEL_COLUMNS,
    PANEL_FRAME_HEIGHT,
    PANEL_ROW_HEIGHT,
    model_employer_chart,
)
from wres_lib.present.charts.trends import (
    LEGEND_ABOVE,
    PROPORTIONATE,
    SERIES_COLOURS,
    SERIES_MARKERS,
    trend_chart,
)

__all__ = [
    "BME_COLOUR",
    "FUNNEL_PADDING",
    "LEGEND_ABOVE",
    "LEGEND_RIGHT",
    "MIN_RANKED_HEIGHT",
    "NOT_PLOTTED",
    "NO_DATA",
    "NO_STAFF",
    "PANEL_COLUMNS",
    "PANEL_FRAME_HEIGHT",
    "PANEL_ROW_HEIGHT",
    "PEER_COLOUR",
    "PROPORTIONATE",
    "ROW_HEIGHT_INCHES",
    "SERIES_COLOURS",
    "SERIES_MARKERS",
    "TOO_FEW",
    "band_share_chart",
    "board_comparison_chart",
    "distribution_chart",
    "funnel_chart",
    "ladder_chart",
    "model_employer_chart",
    "ranked_bar_chart",
    "trend_chart",
]

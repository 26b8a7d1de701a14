"""House chart style: one palette, one font, titles on the left, a source under every chart.

Colours are Okabe and Ito's colour-blind-safe set. White and BME keep the same colours in every
chart (blue and orange, which also differ in lightness, so they survive greyscale printing),
and those two colours mean nothing else. The font is DejaVu Sans, which ships with matplotlib,
so charts look the same on every machine without downloading fonts. Saved files carry no
software version or date, so the same figure saves to the same bytes on every run.

A chart is made in three calls::

    fig, ax = new_figure("BME staff are a growing share", "Share of staff, 2016 to 2025")
    ...  # draw on ax, e.g. lineplot_by_ethnicity(...)
    finish_figure(fig, source="wres-sample, 2025", synthetic=True)
    save_figure(fig, "chart.svg")

The modules: :mod:`~wres_lib.present.style.palette` (colours),
:mod:`~wres_lib.present.style.settings` (rcParams), :mod:`~wres_lib.present.style.layout`
(title, subtitle and source line), :mod:`~wres_lib.present.style.axes` (ticks, reference lines)
and :mod:`~wres_lib.present.style.saving` (repeatable bytes). Import from this package.
"""

from wres_lib.present.style.axes import (
    MAX_LOG_TICKS,
    PERCENT_TICK_STEPS,
    RATIO_TICKS,
    count_log_axis,
    lineplot_by_ethnicity,
    log_ticks,
    percent_axis,
    percent_formatter,
    ratio_axis,
    ratio_formatter,
    reference_line,
)
from wres_lib.present.style.layout import (
    BAND_GAP,
    CHAR_WIDTH_EM,
    CHART_CREDIT,
    LINE_SPACING,
    MARGIN,
    NOTE_GID,
    POINTS_PER_INCH,
    SOURCE_GID,
    SUBTITLE_GID,
    SYNTHETIC_MARK,
    SYNTHETIC_MARK_GID,
    TITLE_GID,
    finish_figure,
    new_figure,
    source_line,
)
from wres_lib.present.style.palette import (
    CYCLE_ORDER,
    ETHNICITY_COLOURS,
    GRID_GREY,
    NEUTRAL_GREY,
    OKABE_ITO,
    ROLE_COLOURS,
    ROLE_LINESTYLES,
    TEXT_COLOUR,
    TEXT_GREY,
    Role,
    ethnicity_colour,
    ethnicity_palette,
)
from wres_lib.present.style.saving import (
    SAVE_TIME_RCPARAMS,
    SAVEFIG_METADATA,
    UnfinishedFigureError,
    figure_bytes,
    save_figure,
)
from wres_lib.present.style.settings import (
    BASE_FONT_SIZE,
    FIGURE_HEIGHT,
    FIGURE_WIDTH,
    FONT_FAMILY,
    HOUSE_RCPARAMS,
    SAVEFIG_DPI,
    SCREEN_DPI,
    SOURCE_FONT_SIZE,
    SUBTITLE_FONT_SIZE,
    SYNTHETIC_MARK_FONT_SIZE,
    TICK_FONT_SIZE,
    TITLE_FONT_SIZE,
    apply_house_style,
)

__all__ = [
    "BAND_GAP",
    "BASE_FONT_SIZE",
    "CHART_CREDIT",
    "CHAR_WIDTH_EM",
    "CYCLE_ORDER",
    "ETHNICITY_COLOURS",
    "FIGURE_HEIGHT",
    "FIGURE_WIDTH",
    "FONT_FAMILY",
    "GRID_GREY",
    "HOUSE_RCPARAMS",
    "LINE_SPACING",
    "MARGIN",
    "MAX_LOG_TICKS",
    "NEUTRAL_GREY",
    "NOTE_GID",
    "OKABE_ITO",
    "PERCENT_TICK_STEPS",
    "POINTS_PER_INCH",
    "RATIO_TICKS",
    "ROLE_COLOURS",
    "ROLE_LINESTYLES",
    "SAVEFIG_DPI",
    "SAVEFIG_METADATA",
    "SAVE_TIME_RCPARAMS",
    "SCREEN_DPI",
    "SOURCE_FONT_SIZE",
    "SOURCE_GID",
    "SUBTITLE_FONT_SIZE",
    "SUBTITLE_GID",
    "SYNTHETIC_MARK",
    "SYNTHETIC_MARK_FONT_SIZE",
    "SYNTHETIC_MARK_GID",
    "TEXT_COLOUR",
    "TEXT_GREY",
    "TICK_FONT_SIZE",
    "TITLE_FONT_SIZE",
    "TITLE_GID",
    "Role",
    "UnfinishedFigureError",
    "apply_house_style",
    "count_log_axis",
    "ethnicity_colour",
    "ethnicity_palette",
    "figure_bytes",
    "finish_figure",
    "lineplot_by_ethnicity",
    "log_ticks",
    "new_figure",
    "percent_axis",
    "percent_formatter",
    "ratio_axis",
    "ratio_formatter",
    "reference_line",
    "save_figure",
    "source_line",
]

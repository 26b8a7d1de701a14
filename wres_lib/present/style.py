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
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import matplotlib as mpl
import pandas as pd
import seaborn as sns
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.ticker import FixedLocator, Formatter, FuncFormatter, MaxNLocator, NullLocator

from wres_lib.errors import WresError
from wres_lib.files import write_bytes_atomically

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

MARGIN = 0.1
"""Inches between the figure edge and the title, the source line and the corner label."""
BAND_GAP = 0.08
"""Inches between the title block or the source line and the plot."""
LINE_SPACING = 1.25
CHAR_WIDTH_EM = 0.6
"""A generous average character width of DejaVu Sans, in ems, for wrapping long titles."""
POINTS_PER_INCH = 72.0

CHART_CREDIT = "Chart: WRES briefings"
SYNTHETIC_MARK = "SYNTHETIC DATA"
SYNTHETIC_MARK_ALPHA = 0.8

PERCENT_TICK_STEPS = (1, 2, 5, 10)
"""Tick intervals allowed on a percent axis (times a power of ten): 20%, 25%, 30%, not 27.5%."""
RATIO_TICKS = (0.1, 0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 10.0)
"""Log-scale ticks for relative likelihoods, in pairs either side of parity (0.8 and 1.25 are
the four-fifths band)."""

TITLE_GID = "wres-title"
SUBTITLE_GID = "wres-subtitle"
NOTE_GID = "wres-note"
SOURCE_GID = "wres-source"
SYNTHETIC_MARK_GID = "wres-synthetic-mark"

SAVEFIG_METADATA = MappingProxyType(
    {
        "png": {"Software": None},
        "svg": {"Creator": None, "Date": None},
        "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
    }
)
"""What each format would otherwise stamp with a version or a date, removed."""
SAVE_TIME_RCPARAMS = ("svg.hashsalt", "svg.fonttype", "pdf.fonttype")
"""Settings matplotlib reads when saving, not when drawing."""

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
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
    }
)
"""The matplotlib settings of the house style (seaborn draws with them too)."""


class UnfinishedFigureError(WresError, ValueError):
    """A figure was saved without the source line that :func:`finish_figure` adds."""


def apply_house_style() -> None:
    """Set matplotlib's rcParams to the house style; calling it again changes nothing.

    >>> apply_house_style(); mpl.rcParams["savefig.dpi"]
    150.0
    """
    mpl.rcParams.update(HOUSE_RCPARAMS)


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


def _lines_height(lines: int, font_size: float) -> float:
    """Inches taken by ``lines`` lines of text at ``font_size`` points."""
    return lines * font_size * LINE_SPACING / POINTS_PER_INCH


def _text_width(text: str, font_size: float) -> float:
    """A generous estimate of the inches ``text`` takes on one line."""
    return len(text) * font_size * CHAR_WIDTH_EM / POINTS_PER_INCH


def _wrap(text: str, font_size: float, usable: float) -> list[str]:
    """``text`` wrapped to lines of at most ``usable`` inches."""
    chars = int(usable * POINTS_PER_INCH / (font_size * CHAR_WIDTH_EM))
    return textwrap.wrap(text, width=max(1, chars))


def _add_block(
    fig: Figure,
    lines: list[str],
    *,
    y_inches: float,
    top: bool,
    size: float,
    gid: str,
    **style: Any,
) -> float:
    """Put lines of text at the left margin, ``y_inches`` from the top (``top=True``) or the
    bottom of the figure; return the inches they take."""
    width, height = fig.get_size_inches()
    y = 1 - y_inches / height if top else y_inches / height
    fig.text(
        MARGIN / width,
        y,
        "\n".join(lines),
        ha="left",
        va="top" if top else "bottom",
        fontsize=size,
        linespacing=LINE_SPACING,
        gid=gid,
        **style,
    )
    return _lines_height(len(lines), size)


def _constrained_rect(fig: Figure) -> tuple[float, float, float, float]:
    """The figure's constrained-layout rectangle, switching it to constrained layout if needed."""
    engine = fig.get_layout_engine()
    if not isinstance(engine, ConstrainedLayoutEngine):
        fig.set_layout_engine("constrained")
        engine = fig.get_layout_engine()
    return tuple(engine.get()["rect"])


def new_figure(
    title: str,
    subtitle: str | None = None,
    *,
    width: float = FIGURE_WIDTH,
    height: float = FIGURE_HEIGHT,
) -> tuple[Figure, Axes]:
    """A house-style figure with one plot: bold title and grey subtitle at the top left.

    Applies :func:`apply_house_style`. Long titles wrap; the plot fills the space left. The
    figure is not registered with pyplot, so batch runs need not close it; in a notebook, end
    the cell with ``fig`` to show it.

    Raises:
        ValueError: the title is empty.
    """
    if not title.strip():
        raise ValueError("a chart needs a title")
    apply_house_style()
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    usable = width - 2 * MARGIN
    header = MARGIN
    header += _add_block(
        fig,
        _wrap(title, TITLE_FONT_SIZE, usable),
        y_inches=header,
        top=True,
        size=TITLE_FONT_SIZE,
        gid=TITLE_GID,
        fontweight="bold",
    )
    if subtitle and subtitle.strip():
        header += _add_block(
            fig,
            _wrap(subtitle, SUBTITLE_FONT_SIZE, usable),
            y_inches=header,
            top=True,
            size=SUBTITLE_FONT_SIZE,
            gid=SUBTITLE_GID,
            color=TEXT_GREY,
        )
    fig.get_layout_engine().set(rect=(0, 0, 1, 1 - (header + BAND_GAP) / height))
    return fig, ax


def source_line(source: str, *, synthetic: bool = False) -> str:
    """The line under a chart: where the data came from and who made the chart.

    >>> source_line("wres-sample, 2025", synthetic=True)
    'Source: wres-sample, 2025 (SYNTHETIC DATA). Chart: WRES briefings'
    """
    where = source.strip().rstrip(".")
    if not where:
        raise ValueError("a chart needs a source")
    if synthetic and SYNTHETIC_MARK not in where:
        where += f" ({SYNTHETIC_MARK})"
    return f"Source: {where}. {CHART_CREDIT}"


def finish_figure(
    fig: Figure, source: str, note: str | None = None, *, synthetic: bool = False
) -> Figure:
    """Add the source line, and a note above it, at the bottom left of a figure.

    With ``synthetic=True`` the source line says "SYNTHETIC DATA" and a bold "SYNTHETIC DATA"
    label sits in the bottom right corner.

    Raises:
        ValueError: the source is empty, or the figure is already finished.
    """
    if any(text.get_gid() == SOURCE_GID for text in fig.texts):
        raise ValueError("finish_figure has already been called on this figure")
    width, height = fig.get_size_inches()
    usable = width - 2 * MARGIN
    footer = MARGIN
    if synthetic:
        fig.text(
            1 - MARGIN / width,
            MARGIN / height,
            SYNTHETIC_MARK,
            ha="right",
            va="bottom",
            fontsize=SYNTHETIC_MARK_FONT_SIZE,
            fontweight="bold",
            color=TEXT_GREY,
            alpha=SYNTHETIC_MARK_ALPHA,
            gid=SYNTHETIC_MARK_GID,
        )
        usable -= _text_width(SYNTHETIC_MARK, SYNTHETIC_MARK_FONT_SIZE) + MARGIN
    source_lines = _wrap(source_line(source, synthetic=synthetic), SOURCE_FONT_SIZE, usable)
    footer += _add_block(
        fig,
        source_lines,
        y_inches=footer,
        top=False,
        size=SOURCE_FONT_SIZE,
        gid=SOURCE_GID,
        color=TEXT_GREY,
    )
    if note and note.strip():
        note_lines = _wrap(f"Note: {note.strip()}", SOURCE_FONT_SIZE, usable)
        footer += _add_block(
            fig,
            note_lines,
            y_inches=footer,
            top=False,
            size=SOURCE_FONT_SIZE,
            gid=NOTE_GID,
            color=TEXT_GREY,
        )
    if synthetic:
        footer = max(footer, MARGIN + _lines_height(1, SYNTHETIC_MARK_FONT_SIZE))
    left, bottom, rect_width, rect_height = _constrained_rect(fig)
    new_bottom = (footer + BAND_GAP) / height
    fig.get_layout_engine().set(
        rect=(left, new_bottom, rect_width, bottom + rect_height - new_bottom)
    )
    return fig


def _freeze_layout(fig: Figure) -> None:
    """Keep the layout the last draw computed: every later draw would otherwise run the
    constrained layout again from the laid-out positions, nudging the plot by rounding noise,
    and the same figure would save to different bytes."""
    if isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):
        fig.set_layout_engine("none")


def figure_bytes(fig: Figure, fmt: str = "png", *, dpi: float = SAVEFIG_DPI) -> bytes:
    """A finished figure as PNG, SVG or PDF bytes, identical on every run.

    The first call fixes the figure's layout, so anything added afterwards is not laid out.

    Raises:
        UnfinishedFigureError: the figure has no source line (see :func:`finish_figure`).
        ValueError: ``fmt`` is not png, svg or pdf.
    """
    if fmt not in SAVEFIG_METADATA:
        raise ValueError(f"cannot save a chart as {fmt!r}; use {sorted(SAVEFIG_METADATA)}")
    if not any(text.get_gid() == SOURCE_GID for text in fig.texts):
        raise UnfinishedFigureError(
            "call finish_figure first, as every chart carries a source line"
        )
    buffer = io.BytesIO()
    with mpl.rc_context({name: HOUSE_RCPARAMS[name] for name in SAVE_TIME_RCPARAMS}):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=dict(SAVEFIG_METADATA[fmt]))
    _freeze_layout(fig)  # the draw inside savefig laid it out
    return buffer.getvalue()


def save_figure(fig: Figure, path: str | Path, *, dpi: float = SAVEFIG_DPI) -> Path:
    """Save a finished figure as PNG, SVG or PDF (by the file's suffix), atomically.

    Raises:
        UnfinishedFigureError: the figure has no source line (see :func:`finish_figure`).
        ValueError: the file suffix is not .png, .svg or .pdf.
    """
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in SAVEFIG_METADATA:
        raise ValueError(f"cannot save a chart as {target.name}; use {sorted(SAVEFIG_METADATA)}")
    write_bytes_atomically(target, figure_bytes(fig, fmt, dpi=dpi))
    return target


def _trimmed(value: float, decimals: int) -> str:
    """``value`` to ``decimals`` places, no trailing zeros, no "-0", a true minus sign."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else Formatter.fix_minus(text)


def percent_formatter(max_decimals: int = 2) -> Formatter:
    """Tick labels for 0-1 shares, with as many decimals as a tick needs: "20%", "27.5%".

    >>> percent_formatter()(0.2), percent_formatter()(0.275)
    ('20%', '27.5%')
    """
    return FuncFormatter(lambda value, _pos: f"{_trimmed(value * 100, max_decimals)}%")


def ratio_formatter(max_decimals: int = 2) -> Formatter:
    """Tick labels for relative likelihoods, without trailing zeros: 0.8, 1, 1.25.

    >>> ratio_formatter()(1.25), ratio_formatter()(1.0)
    ('1.25', '1')
    """
    return FuncFormatter(lambda value, _pos: _trimmed(value, max_decimals))


def _check_which(which: str) -> None:
    if which not in ("x", "y"):
        raise ValueError(f"which must be 'x' or 'y', got {which!r}")


def _axis(ax: Axes, which: Literal["x", "y"]) -> Axis:
    _check_which(which)
    return ax.xaxis if which == "x" else ax.yaxis


def percent_axis(ax: Axes, which: Literal["x", "y"] = "y", max_decimals: int = 2) -> Axes:
    """Label an axis of 0-1 shares as percentages, ticked at round numbers."""
    axis = _axis(ax, which)
    axis.set_major_locator(MaxNLocator(steps=PERCENT_TICK_STEPS))
    axis.set_major_formatter(percent_formatter(max_decimals))
    return ax


def ratio_axis(
    ax: Axes, which: Literal["x", "y"] = "y", *, log: bool = False, max_decimals: int = 2
) -> Axes:
    """Label an axis of relative likelihoods; with ``log=True``, a log scale ticked at
    :data:`RATIO_TICKS`, so 0.8 and 1.25 sit the same distance either side of parity."""
    axis = _axis(ax, which)
    if log:
        (ax.set_xscale if which == "x" else ax.set_yscale)("log")
        axis.set_major_locator(FixedLocator(RATIO_TICKS))
        axis.set_minor_locator(NullLocator())
    axis.set_major_formatter(ratio_formatter(max_decimals))
    return ax


def reference_line(
    ax: Axes,
    value: float = 1.0,
    *,
    role: Role = "reference",
    label: str | None = None,
    which: Literal["x", "y"] = "y",
) -> Axes:
    """Draw a horizontal (``which="y"``) or vertical line at ``value`` in a role's colour.

    The default is the parity line at 1 of a relative likelihood chart.
    """
    if role not in ROLE_COLOURS:
        raise ValueError(f"role must be one of {list(ROLE_COLOURS)}, got {role!r}")
    _check_which(which)
    draw = ax.axhline if which == "y" else ax.axvline
    draw(
        value,
        color=ROLE_COLOURS[role],
        linestyle=ROLE_LINESTYLES[role],
        linewidth=1.0,
        label=label,
        zorder=1.5,
    )
    return ax


def lineplot_by_ethnicity(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    ax: Axes,
    hue: str = "ethnicity",
    **kwargs: Any,
) -> Axes:
    """A seaborn line chart with one line per ethnic group in its house colour and order.

    The legend has no title: the group names explain themselves.

    Extra keyword arguments go to :func:`seaborn.lineplot`.

    Raises:
        ValueError: a group in ``data[hue]`` has no house colour.
    """
    palette = ethnicity_palette(data[hue].dropna().unique())
    kwargs.setdefault("marker", "o")
    sns.lineplot(
        data=data, x=x, y=y, hue=hue, hue_order=list(palette), palette=palette, ax=ax, **kwargs
    )
    legend = ax.get_legend()
    if legend is not None:
        legend.set_title(None)
    return ax


def ethnicity_colour(group: str) -> str:
    """The house colour of one ethnic group.

    >>> ethnicity_colour("White"), ethnicity_colour("BME")
    ('#0072B2', '#E69F00')
    """
    return ethnicity_palette([group])[group]

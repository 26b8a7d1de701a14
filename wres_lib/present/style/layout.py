"""The frame of every chart: a bold title and grey subtitle at the top left, and a source line
(with an optional note and the synthetic-data label) at the bottom."""

from __future__ import annotations

import textwrap
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from wres_lib.present.style.palette import TEXT_GREY
from wres_lib.present.style.settings import (
    FIGURE_HEIGHT,
    FIGURE_WIDTH,
    SOURCE_FONT_SIZE,
    SUBTITLE_FONT_SIZE,
    SYNTHETIC_MARK_FONT_SIZE,
    TITLE_FONT_SIZE,
    apply_house_style,
)

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
TITLE_GID = "wres-title"
SUBTITLE_GID = "wres-subtitle"
NOTE_GID = "wres-note"
SOURCE_GID = "wres-source"
SYNTHETIC_MARK_GID = "wres-synthetic-mark"


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

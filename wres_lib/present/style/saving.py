"""Saving a finished chart: PNG, SVG or PDF bytes without versions or dates, the same every run."""

from __future__ import annotations

import io
from pathlib import Path
from types import MappingProxyType

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from wres_lib.errors import WresError
from wres_lib.files import write_bytes_atomically
from wres_lib.present.style.layout import SOURCE_GID
from wres_lib.present.style.settings import HOUSE_RCPARAMS, SAVEFIG_DPI

SAVEFIG_METADATA = MappingProxyType(
    {
        "png": {"Software": None},
        "svg": {"Creator": None, "Date": None, "Format": None, "Type": None},
        "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
    }
)
"""What each format would otherwise stamp with a version or a date, removed."""
SAVE_TIME_RCPARAMS = ("svg.hashsalt", "svg.fonttype", "pdf.fonttype")
"""Settings matplotlib reads when saving, not when drawing."""


class UnfinishedFigureError(WresError, ValueError):
    """A figure was saved without the source line that :func:`finish_figure` adds."""


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

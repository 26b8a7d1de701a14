"""The distribution chart: a histogram of a figure across trusts, with one trust marked."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from wres_lib.present.charts.common import _PERCENT_0_100, PEER_COLOUR, _finish
from wres_lib.present.style import ROLE_COLOURS, new_figure, ratio_axis


def distribution_chart(
    values: pd.Series,
    *,
    title: str,
    source: str,
    synthetic: bool,
    subtitle: str | None = None,
    highlight_value: float | None = None,
    reference: float | None = None,
    reference_label: str | None = None,
    value_label: str = "",
    is_ratio: bool = False,
) -> Figure:
    """A histogram of trust figures, with optional lines for one trust and a reference."""
    fig, ax = new_figure(title, subtitle)
    data = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
    if is_ratio:
        data = data[data > 0]
        bins = np.geomspace(max(data.min(), 0.1), data.max(), 25) if data.size else 10
        ratio_axis(ax, "x", log=True)  # plain ticks (0.5, 1, 2), never a power of ten
        ax.axvline(1.0, color=ROLE_COLOURS["reference"], linewidth=0.8, linestyle=":")
    else:
        bins = 25
        ax.xaxis.set_major_formatter(_PERCENT_0_100)
    ax.hist(data, bins=bins, color=PEER_COLOUR, zorder=2)
    if reference is not None:
        ax.axvline(reference, color=ROLE_COLOURS["reference"], linewidth=1.2, label=reference_label)
    if highlight_value is not None:
        ax.axvline(
            highlight_value,
            color=ROLE_COLOURS["trust_highlight"],
            linewidth=1.5,
            label="This trust",
        )
    ax.set_xlabel(value_label)
    ax.set_ylabel("Trusts")
    if reference_label or highlight_value is not None:
        ax.legend(loc="upper right", fontsize=7, frameon=False)
    return _finish(fig, source, synthetic)

"""The briefing charts, each in the house style with a source line; plotting only, no statistics.

Units follow the inputs: indicator-table shares are percentages (0-100); Model Employer shares
and funnel proportions are fractions (0-1). Every function returns a finished
:class:`~matplotlib.figure.Figure` that pyplot does not track.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from wres_lib.present import narrative
from wres_lib.present.style import (
    ETHNICITY_COLOURS,
    NEUTRAL_GREY,
    OKABE_ITO,
    ROLE_COLOURS,
    TEXT_GREY,
    finish_figure,
    new_figure,
    percent_axis,
    ratio_axis,
    reference_line,
)

BME_COLOUR = ETHNICITY_COLOURS["BME"]
# Bars of measures about all trusts: the peers' grey, as the BME orange is kept for BME groups.
PEER_COLOUR = ROLE_COLOURS["peers"]
FUNNEL_PADDING = 1.15
VALUE_FORMATS = ("percent", "points", "ratio")
PROPORTIONATE = (0.8, 1.25)
TOO_FEW = "too few"
NO_DATA = "no data"
ROW_HEIGHT_INCHES = 0.24
SERIES_COLOURS = tuple(
    OKABE_ITO[name] for name in ("vermillion", "bluish_green", "reddish_purple", "sky_blue")
)
"""Trend lines are measures, not ethnic groups: never White's blue or BME's orange."""
SERIES_MARKERS = ("o", "s", "^", "D")
"""A marker per line, so the lines stay apart in greyscale."""
PANEL_COLUMNS = 4
PANEL_ROW_HEIGHT = 2.0
PANEL_FRAME_HEIGHT = 1.2
NO_STAFF = "no staff"
NOT_PLOTTED = "not plotted"
LEGEND_ABOVE = {"loc": "lower left", "bbox_to_anchor": (0.0, 1.02), "borderaxespad": 0.0}
LEGEND_RIGHT = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0), "borderaxespad": 0.0}
"""Legends outside the plot, where constrained layout makes room for them."""
MIN_RANKED_HEIGHT = 2.6
_PERCENT_0_100 = FuncFormatter(lambda value, _: f"{value:g}%")


def _finish(fig: Figure, source: str, synthetic: bool) -> Figure:
    return finish_figure(fig, source, synthetic=synthetic)


def band_share_chart(
    rows: pd.DataFrame,
    overall_share: float | None,
    *,
    title: str,
    source: str,
    synthetic: bool,
    subtitle: str | None = None,
) -> Figure:
    """BME share (%) of each band as bars with interval whiskers, and the whole-workforce line.

    ``rows``: band, value, ci_low, ci_high (percent; a missing value means too few to report).
    """
    fig, ax = new_figure(title, subtitle)
    positions = np.arange(len(rows))
    values = rows["value"].to_numpy(dtype=float)
    shown = ~np.isnan(values)
    lower = np.clip(values - rows["ci_low"].to_numpy(dtype=float), 0, None)
    upper = np.clip(rows["ci_high"].to_numpy(dtype=float) - values, 0, None)
    ax.bar(positions[shown], values[shown], color=BME_COLOUR, width=0.7, zorder=2)
    ax.errorbar(
        positions[shown],
        values[shown],
        yerr=[lower[shown], upper[shown]],
        fmt="none",
        ecolor=TEXT_GREY,
        elinewidth=0.8,
        capsize=2,
        zorder=3,
    )
    for position in positions[~shown]:
        ax.text(
            position, 1, TOO_FEW, rotation=90, ha="center", va="bottom", fontsize=7, color=TEXT_GREY
        )
    if overall_share is not None:
        label = f"Whole workforce: {narrative.percent(overall_share / 100)}"
        ax.axhline(overall_share, color=ROLE_COLOURS["reference"], linestyle="--", linewidth=1)
        ax.text(len(rows) - 0.5, overall_share, label, ha="right", va="bottom", fontsize=7.5)
    ax.set_xticks(positions, [str(b).replace("Band ", "") for b in rows["band"]])
    ax.set_xlabel("Agenda for Change band")
    ax.set_ylim(0, max(100 if shown.any() and np.nanmax(values) > 60 else 60, 1))
    ax.yaxis.set_major_formatter(_PERCENT_0_100)
    return _finish(fig, source, synthetic)


def trend_chart(
    series: pd.DataFrame,
    *,
    title: str,
    source: str,
    synthetic: bool,
    subtitle: str | None = None,
    marks: Sequence[tuple[float, str]] = (),
) -> Figure:
    """Relative likelihoods over years, one line per label with its interval, on a log scale.

    ``series``: year, label, value, ci_low, ci_high (missing values leave gaps); at most four
    labels. ``marks``: (year, legend label) of events drawn as vertical dotted lines, such as
    a merger between two years (2021.5).
    """
    labels = series["label"].nunique()
    if labels > len(SERIES_COLOURS):
        raise ValueError(f"trend_chart draws at most {len(SERIES_COLOURS)} lines, got {labels}")
    fig, ax = new_figure(title, subtitle)
    ax.axhspan(
        *PROPORTIONATE,
        color=NEUTRAL_GREY,
        alpha=0.25,
        zorder=0,
        label="broadly proportionate (0.80–1.25)",
    )
    reference_line(ax, 1.0)
    for year, label in marks:
        ax.axvline(year, color=TEXT_GREY, linestyle=":", linewidth=1.2, label=label)
    groups = series.groupby("label", sort=True)
    for (label, rows), colour, marker in zip(groups, SERIES_COLOURS, SERIES_MARKERS, strict=False):
        rows = rows.sort_values("year")
        ax.plot(rows["year"], rows["value"], marker=marker, markersize=3, color=colour, label=label)
        ax.fill_between(
            rows["year"],
            rows["ci_low"],
            rows["ci_high"],
            color=colour,
            alpha=0.15,
            linewidth=0,
        )
    ratio_axis(ax, log=True)
    finite = series[["ci_low", "ci_high", "value"]].to_numpy(dtype=float)
    finite = finite[np.isfinite(finite) & (finite > 0)]
    low, high = (finite.min(), finite.max()) if finite.size else (0.5, 2.0)
    ax.set_ylim(min(low, 0.7) * 0.95, max(high, 1.4) * 1.05)
    ax.xaxis.set_major_locator(_year_locator(series["year"]))
    ax.legend(fontsize=7, frameon=False, ncols=2, **LEGEND_ABOVE)
    return _finish(fig, source, synthetic)


def _year_locator(years: pd.Series):
    from matplotlib.ticker import FixedLocator

    unique = sorted(int(y) for y in pd.unique(years))
    step = 1 if len(unique) <= 6 else 2
    return FixedLocator(unique[::-1][::step][::-1])


def model_employer_chart(
    rows: pd.DataFrame, *, title: str, source: str, synthetic: bool, subtitle: str | None = None
) -> Figure:
    """Small multiples, one per band: the straight target line and the actual BME share.

    ``rows``: band, year, line_share, actual_share, target_share (fractions 0-1). Up to four
    panels a row; a band with no actual share in any year reads "no staff".
    """
    bands = list(dict.fromkeys(rows["band"]))
    columns = min(max(len(bands), 1), PANEL_COLUMNS)
    grid_rows = -(-max(len(bands), 1) // columns)
    height = max(3.2, PANEL_FRAME_HEIGHT + PANEL_ROW_HEIGHT * grid_rows)
    fig, first = new_figure(title, subtitle, height=height)
    first.remove()
    grid = fig.subplots(grid_rows, columns, sharey=True, squeeze=False).ravel()
    axes, spare = grid[: len(bands)], grid[len(bands) :]
    for ax, band in zip(axes, bands, strict=True):
        mine = rows[rows["band"] == band].sort_values("year")
        ax.plot(
            mine["year"],
            mine["line_share"],
            linestyle="--",
            color=ROLE_COLOURS["target"],
            linewidth=1.2,
        )
        ax.plot(
            mine["year"],
            mine["actual_share"],
            marker="o",
            markersize=2.5,
            color=BME_COLOUR,
            linewidth=1.2,
        )
        if mine["actual_share"].isna().all():
            ax.text(
                0.5,
                0.5,
                NO_STAFF,
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=7,
                color=TEXT_GREY,
            )
        ax.set_title(str(band).replace("Band ", ""), fontsize=8, loc="left")
        ax.set_xticks([int(mine["year"].min()), int(mine["year"].max())] if len(mine) else [])
        ax.tick_params(axis="x", labelsize=6)
        percent_axis(ax)
    grid[0].set_ylim(
        0,
        max(
            0.1,
            float(
                np.nanmax(rows[["line_share", "actual_share"]].to_numpy(dtype=float), initial=0.1)
            )
            * 1.15,
        ),
    )
    handles = [
        Line2D([], [], linestyle="--", color=ROLE_COLOURS["target"], label="Model Employer line"),
        Line2D([], [], marker="o", color=BME_COLOUR, label="Actual BME share"),
    ]
    for ax in spare:
        ax.set_axis_off()
    if len(spare):
        spare[0].legend(handles=handles, loc="center left", fontsize=7, frameon=False)
    else:
        grid[columns - 1].legend(handles=handles, fontsize=7, frameon=False, **LEGEND_RIGHT)
    return _finish(fig, source, synthetic)


def funnel_chart(
    limits: pd.DataFrame,
    positions: pd.DataFrame,
    *,
    highlight: str | None,
    kind: str,
    title: str,
    source: str,
    synthetic: bool,
    subtitle: str | None = None,
) -> Figure:
    """Organisations against funnel limits; the highlighted code stands out and is labelled.

    ``limits``: x, lower_998, lower_95, reference, upper_95, upper_998.
    ``positions``: code, x, y (a fraction for ``kind="proportion"``, a ratio for "ratio");
    the highlighted organisation is labelled with its ``name`` if there is one, else its code,
    and a highlighted code without a plotted figure reads "<code>: not plotted".
    """
    fig, ax = new_figure(title, subtitle)
    ax.plot(limits["x"], limits["reference"], color=ROLE_COLOURS["reference"], linewidth=1)
    for level, role in (("95", "limits_95"), ("998", "limits_998")):
        for side in ("lower", "upper"):
            ax.plot(
                limits["x"],
                limits[f"{side}_{level}"],
                color=ROLE_COLOURS[role],
                linestyle="--" if level == "95" else ":",
                linewidth=1,
                label=f"{'95%' if level == '95' else '99.8%'} limits" if side == "upper" else None,
            )
    plotted = positions.dropna(subset=["x", "y"])
    plotted = plotted[plotted["y"] > 0] if kind == "ratio" else plotted
    others = plotted[plotted["code"] != highlight]
    ax.scatter(others["x"], others["y"], s=9, color=NEUTRAL_GREY, zorder=2, label="Other trusts")
    mine = plotted[plotted["code"] == highlight]
    if not mine.empty:
        ax.scatter(
            mine["x"],
            mine["y"],
            s=40,
            color=ROLE_COLOURS["trust_highlight"],
            zorder=3,
            edgecolor="white",
            linewidth=0.8,
            label="This trust",
        )
        ax.annotate(
            _highlight_name(mine.iloc[0]),
            (mine["x"].iloc[0], mine["y"].iloc[0]),
            xytext=(5, 5),
            textcoords="offset points",
            fontsize=7.5,
            fontweight="bold",
            color=ROLE_COLOURS["trust_highlight"],
        )
    elif highlight is not None:
        ax.text(
            0.01,
            0.98,
            f"{highlight}: {NOT_PLOTTED}",
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=7,
            color=TEXT_GREY,
        )
    if kind == "ratio":
        ratio_axis(ax, log=True)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
        ax.set_xlabel("Precision (1 / variance of the log ratio, log scale)")
        if len(plotted):  # keep the organisations in view; the outer limits may run far out
            low, high = float(plotted["y"].min()), float(plotted["y"].max())
            ax.set_ylim(min(low, 0.8) / FUNNEL_PADDING, max(high, 1.25) * FUNNEL_PADDING)
    else:
        percent_axis(ax)
        ax.set_xlabel("Number of staff")
    ax.legend(loc="upper right", fontsize=7, frameon=False)
    return _finish(fig, source, synthetic)


def _highlight_name(row: pd.Series) -> str:
    """The highlighted organisation's label: its name if the positions carry one, else its code."""
    name = row.get("name")
    return str(name) if isinstance(name, str) and name.strip() else str(row["code"])


def board_comparison_chart(
    values: Mapping[str, float | None],
    *,
    title: str,
    source: str,
    synthetic: bool,
    subtitle: str | None = None,
) -> Figure:
    """Horizontal bars of BME share (%) for board groups, the workforce and the population."""
    fig, ax = new_figure(title, subtitle, height=2.8)
    labels = list(values)
    positions = np.arange(len(labels))[::-1]
    for position, label in zip(positions, labels, strict=True):
        value = values[label]
        board = label not in ("Workforce",) and not label.startswith("Population")
        colour = BME_COLOUR if board else NEUTRAL_GREY
        if value is None or np.isnan(value):
            ax.text(0.5, position, NO_DATA, va="center", fontsize=7.5, color=TEXT_GREY)
            continue
        ax.barh(position, value, color=colour, height=0.6, zorder=2)
        ax.text(value + 0.8, position, narrative.percent(value / 100), va="center", fontsize=7.5)
    ax.set_yticks(positions, labels)
    shown = [v for v in values.values() if v is not None and not np.isnan(v)]
    ax.set_xlim(0, max([*shown, 10]) * 1.15)
    ax.xaxis.set_major_formatter(_PERCENT_0_100)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True, color="#E0E0E0")
    return _finish(fig, source, synthetic)


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
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: narrative.ratio_figure(v)))
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


def ranked_bar_chart(
    frame: pd.DataFrame,
    *,
    label_column: str,
    value_column: str,
    title: str,
    source: str,
    synthetic: bool,
    subtitle: str | None = None,
    reference: float | None = None,
    highlight: str | None = None,
    value_format: str = "percent",
) -> Figure:
    """Horizontal bars ranked by value; missing values read "too few to report".

    ``value_format``: "percent" (0-100), "points" (percentage points) or "ratio".
    """
    ordered = frame.sort_values(value_column, ascending=True, na_position="first")
    height = max(MIN_RANKED_HEIGHT, 1.2 + ROW_HEIGHT_INCHES * len(ordered))
    fig, ax = new_figure(title, subtitle, height=height)
    positions = np.arange(len(ordered))
    values = ordered[value_column].to_numpy(dtype=float)
    labels = ordered[label_column].astype(str).tolist()
    colours = [
        ROLE_COLOURS["trust_highlight"] if label == highlight else PEER_COLOUR for label in labels
    ]
    shown = ~np.isnan(values)
    ax.barh(positions[shown], values[shown], color=np.array(colours)[shown], height=0.65, zorder=2)
    for position in positions[~shown]:
        ax.text(0, position, " too few to report", va="center", fontsize=7, color=TEXT_GREY)
    if reference is not None:
        reference_line(ax, reference, which="x")
    formats = {
        "percent": _PERCENT_0_100,
        "points": FuncFormatter(lambda v, _: f"{v:+g}" if v else "0"),
        "ratio": FuncFormatter(lambda v, _: narrative.ratio_figure(v)),
    }
    ax.xaxis.set_major_formatter(formats[value_format])
    ax.set_yticks(positions, labels, fontsize=7)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True, color="#E0E0E0")
    return _finish(fig, source, synthetic)

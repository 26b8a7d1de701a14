"""Funnel plots for comparing organisations (Spiegelhalter 2005), with overdispersion options.

Each organisation's figure ``y_i`` has a standard error ``s_i`` under the hypothesis that it
equals the reference value ``y0``; the control limits at precision ``x`` are
``y0 +/- z * s(x)`` for ``z`` = 1.960 (95%) and 3.090 (99.8%). Two kinds of figure:

- ``"proportion"`` (e.g. BME share at a band, a survey percentage): ``x`` is the denominator
  ``n`` and ``s(n) = sqrt(p0 (1 - p0) / n)``, the **normal approximation on the proportion
  scale** (Spiegelhalter 2005, section 3), not exact binomial limits and not FunnelPlotR's
  arcsine-square-root scale. Limits are clipped to [0, 1].
- ``"ratio"`` (a relative likelihood, WRES indicators 2-4): worked on the log scale, with each
  organisation's Katz standard error ``s_i`` of its log ratio; ``x`` is the precision
  ``1 / s_i**2`` and ``s(x) = 1 / sqrt(x)``. Limits are ``exp(log r0 +/- z * s(x))``: symmetric
  on the log scale.

Overdispersion (Spiegelhalter 2005, section 4; the two options FunnelPlotR offers), estimated
from the z-scores ``z_i = (y_i - y0) / s_i`` winsorised at the 10th and 90th percentiles:

- ``"multiplicative"``: ``phi = mean(z_w**2)``; limits ``y0 +/- z * sqrt(phi) * s``, applied only
  when ``phi > 1``.
- ``"additive"``: DerSimonian-Laird random effects, ``tau2 = max(0, (I phi - (I - 1)) /
  (sum w - sum w**2 / sum w))`` with ``w_i = 1 / s_i**2``; limits ``y0 +/- z * sqrt(s**2 + tau2)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import norm

from wres_lib.models.inputs import (
    PERCENT,
    PROPORTION_MEASURES,
    RATIO_MEASURES,
    default_rows,
    katz_variances,
)

PROPORTION, RATIO = "proportion", "ratio"
KINDS = (PROPORTION, RATIO)
MULTIPLICATIVE, ADDITIVE = "multiplicative", "additive"
OVERDISPERSION = (None, MULTIPLICATIVE, ADDITIVE)
Z_95 = float(norm.ppf(0.975))  # 1.959964
Z_998 = float(norm.ppf(0.999))  # 3.090232
WINSORISE = 0.10
GRID_POINTS = 200
REQUIRED = {PROPORTION: ("code", "numerator", "denominator"), RATIO: ("code", "value", "se")}
WITHIN, ABOVE_95, BELOW_95, ABOVE_998, BELOW_998 = (
    "within", "above_95", "below_95", "above_998", "below_998",
)  # fmt: skip
NOT_PLOTTED = "not plotted"
POSITIONS = (WITHIN, ABOVE_95, BELOW_95, ABOVE_998, BELOW_998, NOT_PLOTTED)
LIMIT_COLUMNS = ("lower_998", "lower_95", "reference", "upper_95", "upper_998")
CELL = ("indicator", "measure", "staff_group", "band", "group")
NATIONAL = "national"


@dataclass(frozen=True)
class Funnel:
    """Funnel plot data.

    Attributes:
        limits: the limit curves over a grid of ``x`` (denominator or precision):
            ``x, lower_998, lower_95, reference, upper_95, upper_998``.
        positions: one row per input row: its columns, then ``x``, ``y`` (the proportion or
            ratio plotted), ``z`` (adjusted z-score), the limits at its ``x``, ``position`` (one
            of :data:`POSITIONS`) and ``note`` (why a row is not plotted).
        kind: ``"proportion"`` or ``"ratio"``.
        reference: the reference value (a proportion, or a ratio, not its log).
        overdispersion: ``None``, ``"multiplicative"`` or ``"additive"``: the adjustment asked for.
        phi: the winsorised dispersion ratio (reported whatever the adjustment).
        tau2: the DerSimonian-Laird between-organisation variance (on the proportion or log
            scale; reported whatever the adjustment).
        method: a sentence saying how the limits were drawn, for captions.
    """

    limits: pd.DataFrame
    positions: pd.DataFrame
    kind: str
    reference: float
    overdispersion: str | None
    phi: float
    tau2: float
    method: str


def funnel_limits(
    data: pd.DataFrame,
    kind: str = PROPORTION,
    *,
    reference: float | None = None,
    overdispersion: str | None = None,
    winsorise: float = WINSORISE,
    grid_points: int = GRID_POINTS,
) -> Funnel:
    """Funnel limits and each organisation's position against them.

    Args:
        data: one row per organisation. For ``kind="proportion"``: ``code, numerator,
            denominator``; for ``kind="ratio"``: ``code, value`` (the ratio) and ``se`` (the
            standard error of its log). Other columns (e.g. ``name``) are carried through.
        kind: ``"proportion"`` or ``"ratio"``.
        reference: the centre line (e.g. the national value, or 1.0 for parity). Default: the
            pooled value of the rows plotted: summed numerators over summed denominators for
            proportions, the inverse-variance weighted mean of log ratios for ratios.
        overdispersion: ``None``, ``"multiplicative"`` or ``"additive"``.
        winsorise: the fraction winsorised at each end before estimating overdispersion.
        grid_points: how many ``x`` values the limit curves have.

    Returns:
        A :class:`Funnel`.

    Example:
        >>> rows = pd.DataFrame({"code": ["A", "B"], "numerator": [10, 40],
        ...                      "denominator": [100, 200]})
        >>> funnel = funnel_limits(rows, reference=0.2)
        >>> funnel.positions["position"].tolist()
        ['below_95', 'within']
    """
    _check_arguments(data, kind, reference, overdispersion, winsorise, grid_points)
    y, x, plotted, notes = _figures(data, kind)
    if not plotted.any():
        raise ValueError("data has no row with a figure that can be plotted")
    centre = _centre(data, kind, y, x, plotted) if reference is None else _scale(reference, kind)
    s = _standard_error(kind, centre, x[plotted])
    phi, tau2 = _dispersion((y[plotted] - centre) / s, s, winsorise)
    inflate = phi if overdispersion == MULTIPLICATIVE and phi > 1 else 1.0
    extra = tau2 if overdispersion == ADDITIVE else 0.0

    def spread(at: np.ndarray) -> np.ndarray:
        return np.sqrt(_standard_error(kind, centre, at) ** 2 * inflate + extra)

    grid = np.geomspace(x[plotted].min(), x[plotted].max(), grid_points)
    limits = pd.DataFrame({"x": grid, **_limit_curves(centre, spread(grid), kind)})
    own_spread = np.where(plotted, spread(np.where(plotted, x, 1.0)), np.nan)
    positions = data.copy()
    positions["x"] = x
    positions["y"] = _unscale(y, kind)
    positions["z"] = (y - centre) / own_spread
    for column, values in _limit_curves(centre, own_spread, kind).items():
        positions[column] = values
    positions["position"] = _classify(positions["z"].to_numpy(), plotted)
    positions["note"] = notes
    reference_value = float(_unscale(np.array(centre), kind))
    return Funnel(
        limits=limits,
        positions=positions.reset_index(drop=True),
        kind=kind,
        reference=reference_value,
        overdispersion=overdispersion,
        phi=phi,
        tau2=tau2,
        method=_method(kind, reference_value, overdispersion, phi, tau2, winsorise),
    )


def indicator_funnel(
    indicators: pd.DataFrame,
    year: int,
    indicator: str,
    measure: str,
    *,
    staff_group: str = "all",
    band: str = "all",
    group: str = "BME",
    level: str = "trust",
    reference: float | None = None,
    overdispersion: str | None = None,
) -> Funnel:
    """:func:`funnel_limits` for one measure of the tidy indicator table, across organisations.

    Proportions are plotted from ``numerator`` and ``denominator`` (as proportions, 0-1);
    relative likelihoods with the Katz standard error from the ``rate_pct`` rows of the same
    year. The reference defaults to the ``national`` row of the same measure when the table has
    one, otherwise to the pooled value of the organisations plotted.

    Example:
        >>> levels = ("trust", "national")
        >>> frames = [compute_indicators(ds, level=level) for level in levels]  # doctest: +SKIP
        >>> table = pd.concat(frames)  # doctest: +SKIP
        >>> funnel = indicator_funnel(table, 2025, "3", "relative_likelihood")  # doctest: +SKIP
    """
    if measure not in PROPORTION_MEASURES | RATIO_MEASURES:
        allowed = ", ".join(sorted(PROPORTION_MEASURES | RATIO_MEASURES))
        raise ValueError(f"measure {measure!r} has no funnel; allowed: {allowed}")
    cell = dict(zip(CELL, (indicator, measure, staff_group, band, group), strict=True))
    matches = np.logical_and.reduce(
        [(indicators["year"] == year).to_numpy()]
        + [(indicators[column] == value).to_numpy() for column, value in cell.items()]
    )
    rows = indicators[matches & (indicators["level"] == level).to_numpy()]
    if rows.empty:
        raise ValueError(f"indicators has no {level} rows for {measure} in {year} ({cell})")
    national = indicators[matches & (indicators["level"] == NATIONAL).to_numpy()]["value"]
    ratio = measure in RATIO_MEASURES
    if reference is None and len(national) == 1 and national.iloc[0] > 0:
        reference = float(national.iloc[0]) / (1.0 if ratio else PERCENT)
    data = rows[["code", "name"]].astype(str).reset_index(drop=True)
    if ratio:
        data["value"] = rows["value"].to_numpy()
        data["se"] = np.sqrt(katz_variances(indicators, rows))
    else:
        for column in ("numerator", "denominator"):
            data[column] = rows[column].to_numpy(dtype=np.float64, na_value=np.nan)
    kind = RATIO if ratio else PROPORTION
    return funnel_limits(data, kind, reference=reference, overdispersion=overdispersion)


def funnel_positions(
    indicators: pd.DataFrame,
    year: int | None = None,
    *,
    level: str = "trust",
    overdispersion: str | None = None,
) -> pd.DataFrame:
    """Every organisation's funnel position for each default measure in one year.

    The measures are those of :func:`~wres_lib.models.inputs.default_rows`; each is a funnel of
    its own (:func:`indicator_funnel`). Built once, a briefing takes its organisation's rows.

    Returns:
        One row per organisation and measure: the columns of :attr:`Funnel.positions`, then
        ``year``, the cell (``indicator, measure, staff_group, band, group``) and ``method``.
        Cells where no funnel can be drawn (no usable figure, or a reference of 0% or 100%)
        are left out.
    """
    if year is None:
        year = int(indicators["year"].max())
    in_year = indicators[(indicators["year"] == year).to_numpy()]
    rows = in_year[(default_rows(in_year) & (in_year["level"] == level)).to_numpy()]
    cells = rows[list(CELL)].astype(str)
    frames = []
    for values in cells.drop_duplicates().itertuples(index=False):
        cell = dict(zip(CELL, values, strict=True))
        try:
            funnel = indicator_funnel(
                in_year, year, overdispersion=overdispersion, level=level, **cell
            )
        except ValueError:
            continue  # nothing to plot, or a reference of 0% or 100%: no funnel for this cell
        frames.append(funnel.positions.assign(year=year, **cell, method=funnel.method))
    if not frames:
        raise ValueError(f"indicators has no {level} rows of the default measures in {year}")
    return pd.concat(frames, ignore_index=True)


def _check_arguments(
    data: pd.DataFrame,
    kind: str,
    reference: float | None,
    overdispersion: str | None,
    winsorise: float,
    grid_points: int,
) -> None:
    if not isinstance(data, pd.DataFrame):
        raise ValueError("data is expected to be a pandas DataFrame")
    if kind not in KINDS:
        raise ValueError(f"kind is expected to be one of {', '.join(KINDS)}, got {kind!r}")
    missing = [column for column in REQUIRED[kind] if column not in data.columns]
    if missing:
        raise ValueError(f"data is missing the column(s) {', '.join(missing)} for kind={kind!r}")
    if overdispersion not in OVERDISPERSION:
        raise ValueError(
            "overdispersion is expected to be None, 'multiplicative' or 'additive', "
            f"got {overdispersion!r}"
        )
    if reference is not None:
        low_ok = reference > 0
        high_ok = reference < 1 if kind == PROPORTION else np.isfinite(reference)
        if not (low_ok and high_ok):
            bounds = "strictly between 0 and 1" if kind == PROPORTION else "a positive number"
            raise ValueError(f"reference is expected to be {bounds}, got {reference!r}")
    if not 0 <= winsorise < 0.5:
        raise ValueError(f"winsorise is expected to be in [0, 0.5), got {winsorise!r}")
    if grid_points < 2:
        raise ValueError(f"grid_points is expected to be at least 2, got {grid_points!r}")


def _figures(
    data: pd.DataFrame, kind: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each row's figure on the working scale (proportion or log ratio), its ``x`` (denominator
    or precision), whether it can be plotted, and a note where it cannot."""
    if kind == PROPORTION:
        numerator = data["numerator"].to_numpy(dtype=float)
        denominator = data["denominator"].to_numpy(dtype=float)
        plotted = np.isfinite(numerator) & np.isfinite(denominator) & (denominator > 0)
        safe = np.where(plotted, denominator, 1.0)
        y, x = np.where(plotted, numerator / safe, np.nan), np.where(plotted, denominator, np.nan)
        why = "no denominator, so no proportion to plot"
    else:
        value = data["value"].to_numpy(dtype=float)
        se = data["se"].to_numpy(dtype=float)
        plotted = np.isfinite(value) & (value > 0) & np.isfinite(se) & (se > 0)
        y = np.where(plotted, np.log(np.where(plotted, value, 1.0)), np.nan)
        x = np.where(plotted, 1 / np.where(plotted, se, 1.0) ** 2, np.nan)
        why = "the ratio or its standard error is not defined"
    return y, x, plotted, np.where(plotted, "", why)


def _standard_error(kind: str, centre: float, x: np.ndarray) -> np.ndarray:
    """The standard error at ``x`` of a figure equal to ``centre`` (working scale)."""
    if kind == PROPORTION:
        return np.sqrt(centre * (1 - centre) / x)
    return 1 / np.sqrt(x)


def _centre(
    data: pd.DataFrame, kind: str, y: np.ndarray, x: np.ndarray, plotted: np.ndarray
) -> float:
    """The pooled value of the plotted rows, on the working scale."""
    if kind == PROPORTION:
        numerator = data["numerator"].to_numpy(dtype=float)[plotted].sum()
        pooled = numerator / x[plotted].sum()
        if not 0 < pooled < 1:
            raise ValueError(f"the pooled proportion is {pooled:g}; pass a reference inside (0, 1)")
        return float(pooled)
    return float(np.sum(x[plotted] * y[plotted]) / np.sum(x[plotted]))


def _scale(value: float, kind: str) -> float:
    return float(np.log(value)) if kind == RATIO else float(value)


def _unscale(values: np.ndarray, kind: str) -> np.ndarray:
    return np.exp(values) if kind == RATIO else values


def _dispersion(z: np.ndarray, s: np.ndarray, winsorise: float) -> tuple[float, float]:
    """Winsorised phi and the DerSimonian-Laird tau2 (0 if there is too little to estimate)."""
    low, high = np.quantile(z, [winsorise, 1 - winsorise])
    phi = float(np.mean(np.clip(z, low, high) ** 2))
    weights = 1 / s**2
    denominator = weights.sum() - np.sum(weights**2) / weights.sum()
    count = len(z)
    if denominator <= 0:
        return phi, 0.0
    return phi, float(max(0.0, (count * phi - (count - 1)) / denominator))


def _limit_curves(centre: float, spread: np.ndarray, kind: str) -> dict[str, np.ndarray]:
    curves = {
        "lower_998": centre - Z_998 * spread,
        "lower_95": centre - Z_95 * spread,
        "reference": np.full(spread.shape, centre),
        "upper_95": centre + Z_95 * spread,
        "upper_998": centre + Z_998 * spread,
    }
    if kind == PROPORTION:
        return {name: np.clip(curve, 0.0, 1.0) for name, curve in curves.items()}
    return {name: np.exp(curve) for name, curve in curves.items()}


def _classify(z: np.ndarray, plotted: np.ndarray) -> np.ndarray:
    conditions = [~plotted, z > Z_998, z < -Z_998, z > Z_95, z < -Z_95]
    choices = [NOT_PLOTTED, ABOVE_998, BELOW_998, ABOVE_95, BELOW_95]
    return np.select(conditions, choices, WITHIN)


def _method(
    kind: str,
    reference: float,
    overdispersion: str | None,
    phi: float,
    tau2: float,
    winsorise: float,
) -> str:
    if kind == PROPORTION:
        base = (
            f"95% and 99.8% funnel limits (Spiegelhalter 2005) around {reference:.4g}, "
            "normal approximation on the proportion scale"
        )
    else:
        base = (
            f"95% and 99.8% funnel limits (Spiegelhalter 2005) around a ratio of "
            f"{reference:.4g}, on the log scale with Katz standard errors"
        )
    cut = f"z-scores winsorised at {winsorise:.0%} each end"
    if overdispersion == MULTIPLICATIVE:
        if phi > 1:
            return f"{base}; multiplicative overdispersion adjustment, phi = {phi:.3g} ({cut})"
        return f"{base}; no overdispersion found (phi = {phi:.3g} from {cut}), so not adjusted"
    if overdispersion == ADDITIVE:
        return (
            f"{base}; additive random-effects overdispersion adjustment (DerSimonian-Laird), "
            f"tau2 = {tau2:.3g} ({cut})"
        )
    return f"{base}; no overdispersion adjustment"

"""Funnel plots for comparing organisations (Spiegelhalter 2005), drawn as FunnelPlotR draws them.

Every organisation with a denominator is placed, zero event counts included. Two kinds of
figure (the arithmetic on each kind's variance-stabilised scale is
:mod:`~wres_lib.models.funnel_scales`):

- ``"proportion"`` (e.g. BME share at a band, a survey percentage): ``numerator`` over
  ``denominator``, ``x`` the denominator; worked on the arcsine-square-root scale
  (FunnelPlotR's ``"PR"``).
- ``"standardised_ratio"`` (relative likelihoods, WRES indicators 2-4): an indirectly
  standardised ratio, the ``observed`` events of a group over the ``expected`` events had its
  staff had the comparison (White) group's rate in the same organisation; ``x`` the expected
  count. Unadjusted limits are Poisson ones; overdispersion is worked on the square-root scale
  (FunnelPlotR's ``"SR"`` with its ``"CQC"`` method, which places a zero count, where the log
  scale cannot).

95% and 99.8% limits use ``z`` = 1.960 and 3.090. Overdispersion is estimated from the z-scores
on the working scale winsorised at the 10th and 90th percentiles: the dispersion ratio ``phi``
(their mean square) and the DerSimonian-Laird between-organisation variance ``tau2``. FunnelPlotR
offers one adjustment, **additive** (random effects: ``tau2`` added to each sampling variance,
limits ``t0 +/- z sqrt(s**2 + tau2)``, used when ``tau2 > 0``). Spiegelhalter (2005, section
4) also describes a **multiplicative** one (sampling variances scaled by ``phi`` when
``phi > 1``); it is kept here as an option, and is not FunnelPlotR's. Positions compare each
figure with the limits at its own ``x``, as FunnelPlotR marks outliers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import norm

from wres_lib.models import funnel_scales as scales
from wres_lib.models.funnel_scales import PROPORTION, STANDARDISED_RATIO
from wres_lib.models.inputs import (
    PERCENT,
    PROPORTION_MEASURES,
    RATIO_MEASURES,
    default_rows,
    likelihood_counts,
)

KINDS = scales.KINDS
MULTIPLICATIVE, ADDITIVE = "multiplicative", "additive"
OVERDISPERSION = (None, MULTIPLICATIVE, ADDITIVE)
TAILS = {"95": 0.025, "998": 0.001}  # the probability beyond each limit
Z_95 = float(norm.ppf(1 - TAILS["95"]))  # 1.959964
Z_998 = float(norm.ppf(1 - TAILS["998"]))  # 3.090232
WINSORISE = 0.10
GRID_POINTS = 200
COUNTS = {PROPORTION: ("numerator", "denominator"), STANDARDISED_RATIO: ("observed", "expected")}
WITHIN, ABOVE_95, BELOW_95, ABOVE_998, BELOW_998 = (
    "within", "above_95", "below_95", "above_998", "below_998",
)  # fmt: skip
NOT_PLOTTED = "not plotted"
POSITIONS = (WITHIN, ABOVE_95, BELOW_95, ABOVE_998, BELOW_998, NOT_PLOTTED)
LIMIT_COLUMNS = ("lower_998", "lower_95", "reference", "upper_95", "upper_998")
CELL = ("indicator", "measure", "staff_group", "band", "group")
NATIONAL = "national"
WHY_NOT = {
    PROPORTION: "no denominator, so no proportion to plot",
    STANDARDISED_RATIO: "with no White events (or no staff in the group) nothing is expected",
}


@dataclass(frozen=True)
class Funnel:
    """Funnel plot data.

    Attributes:
        limits: the limit curves over a grid of ``x`` (denominator or expected count):
            ``x, lower_998, lower_95, reference, upper_95, upper_998``.
        positions: one row per input row: its columns, then ``x``, ``y`` (the proportion 0-1,
            or observed over expected), ``z`` (z-score on the working scale, with the
            adjustment used), the limits at its ``x``, ``position`` (one of
            :data:`POSITIONS`) and ``note`` (why a row is not plotted).
        kind: ``"proportion"`` or ``"standardised_ratio"``.
        reference: the reference value (a proportion, or observed over expected).
        overdispersion: ``None``, ``"multiplicative"`` or ``"additive"``: the adjustment asked for.
        adjusted: whether the limits were widened (overdispersion asked for and found).
        phi: the winsorised dispersion ratio (reported whatever the adjustment).
        tau2: the DerSimonian-Laird between-organisation variance on the working scale
            (reported whatever the adjustment).
        method: a sentence saying how the limits were drawn, for captions.
    """

    limits: pd.DataFrame
    positions: pd.DataFrame
    kind: str
    reference: float
    overdispersion: str | None
    adjusted: bool
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
        data: one row per organisation, ``code`` and, for ``kind="proportion"``, ``numerator,
            denominator``; for ``kind="standardised_ratio"``, ``observed, expected``. Other
            columns (e.g. ``name``) are carried through.
        kind: ``"proportion"`` or ``"standardised_ratio"``.
        reference: the centre line (e.g. the national value). Default: the pooled value of the
            rows plotted, summed numerators (observed) over summed denominators (expected).
        overdispersion: ``None``, ``"additive"`` (FunnelPlotR's) or ``"multiplicative"``.
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
    counts, sizes = (data[c].to_numpy(dtype=float, na_value=np.nan) for c in COUNTS[kind])
    plotted = np.isfinite(counts) & (counts >= 0) & np.isfinite(sizes) & (sizes > 0)
    if not plotted.any():
        raise ValueError("data has no row with a figure that can be plotted")
    y = np.where(plotted, counts / np.where(plotted, sizes, 1.0), np.nan)
    x = np.where(plotted, sizes, np.nan)
    centre = _pooled(kind, counts[plotted], sizes[plotted]) if reference is None else reference
    centre_t = float(scales.transform(kind, centre))
    s = scales.standard_error(x[plotted])
    z = (scales.transform(kind, y[plotted]) - centre_t) / s
    phi, tau2 = scales.winsorised_dispersion(z, s, winsorise)
    inflate = phi if overdispersion == MULTIPLICATIVE and phi > 1 else 1.0
    extra = tau2 if overdispersion == ADDITIVE else 0.0
    adjusted = inflate > 1 or extra > 0

    def spread(at: np.ndarray) -> np.ndarray:
        return np.sqrt(scales.standard_error(at) ** 2 * inflate + extra)

    def curves(at: np.ndarray) -> dict[str, np.ndarray]:
        if kind == STANDARDISED_RATIO and not adjusted:
            lower_998, upper_998 = scales.poisson_limits(centre, at, TAILS["998"])
            lower_95, upper_95 = scales.poisson_limits(centre, at, TAILS["95"])
        else:
            width = spread(at)
            lower_998, lower_95, upper_95, upper_998 = (
                scales.untransform(kind, centre_t + sign * width)
                for sign in (-Z_998, -Z_95, Z_95, Z_998)
            )
        reference_line = np.full(np.shape(at), float(centre))
        values = (lower_998, lower_95, reference_line, upper_95, upper_998)
        return dict(zip(LIMIT_COLUMNS, values, strict=True))

    grid = np.geomspace(x[plotted].min(), x[plotted].max(), grid_points)
    positions = data.copy()
    positions["x"], positions["y"] = x, y
    positions["z"] = (scales.transform(kind, y) - centre_t) / spread(x)
    own = curves(np.where(plotted, x, 1.0))
    for column, values in own.items():
        positions[column] = np.where(plotted, values, np.nan)
    positions["position"] = _classify(y, own, plotted)
    positions["note"] = np.where(plotted, "", WHY_NOT[kind])
    return Funnel(
        limits=pd.DataFrame({"x": grid, **curves(grid)}),
        positions=positions.reset_index(drop=True),
        kind=kind,
        reference=float(centre),
        overdispersion=overdispersion,
        adjusted=adjusted,
        phi=phi,
        tau2=tau2,
        method=_method(kind, float(centre), overdispersion, adjusted, phi, tau2, winsorise),
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

    Proportions are plotted from ``numerator`` and ``denominator`` (as proportions, 0-1).
    Relative likelihoods are plotted as standardised ratios: the group's events (``observed``)
    over its staff counted times the White rate of the same organisation (``expected``), both
    from the ``rate_pct`` rows of the year. That is the group's rate over the White rate, so
    for indicators 2 and 4 (White relative to BME) it is the reciprocal of the relative
    likelihood and a low figure is the adverse one; for indicator 3 it is the relative
    likelihood. The reference defaults to the ``national`` figure of the same measure (the
    national group rate over the national White rate for a ratio) when the table has one,
    otherwise to the pooled value of the organisations plotted.

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
    national = indicators[matches & (indicators["level"] == NATIONAL).to_numpy()]
    data = rows[["code", "name"]].astype(str).reset_index(drop=True)
    kind = STANDARDISED_RATIO if measure in RATIO_MEASURES else PROPORTION
    if kind == STANDARDISED_RATIO:
        data["observed"], data["expected"] = _observed_expected(indicators, rows)
        found = _observed_expected(indicators, national) if len(national) == 1 else None
        national_value = found[0][0] / found[1][0] if found else np.nan
    else:
        for column in ("numerator", "denominator"):
            data[column] = rows[column].to_numpy(dtype=np.float64, na_value=np.nan)
        national_value = national["value"].iloc[0] / PERCENT if len(national) == 1 else np.nan
    upper = 1.0 if kind == PROPORTION else np.inf
    if reference is None and 0 < national_value < upper:
        reference = float(national_value)
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


def _observed_expected(indicators: pd.DataFrame, rows: pd.DataFrame) -> tuple[np.ndarray, ...]:
    """Each relative likelihood row's group events and its events expected at the White rate
    (NaN where the White group has no staff counted)."""
    counts = likelihood_counts(indicators, rows)
    white_total = counts["white_total"]
    safe = np.where(white_total > 0, white_total, np.nan)
    return counts["events"], counts["total"] * counts["white_events"] / safe


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
    missing = [column for column in ("code", *COUNTS[kind]) if column not in data.columns]
    if missing:
        raise ValueError(f"data is missing the column(s) {', '.join(missing)} for kind={kind!r}")
    if overdispersion not in OVERDISPERSION:
        raise ValueError(
            "overdispersion is expected to be None, 'additive' or 'multiplicative', "
            f"got {overdispersion!r}"
        )
    if reference is not None:
        upper = 1.0 if kind == PROPORTION else np.inf
        if not 0 < reference < upper:
            bounds = "strictly between 0 and 1" if kind == PROPORTION else "a positive number"
            raise ValueError(f"reference is expected to be {bounds}, got {reference!r}")
    if not 0 <= winsorise < 0.5:
        raise ValueError(f"winsorise is expected to be in [0, 0.5), got {winsorise!r}")
    if grid_points < 2:
        raise ValueError(f"grid_points is expected to be at least 2, got {grid_points!r}")


def _pooled(kind: str, counts: np.ndarray, sizes: np.ndarray) -> float:
    """Summed counts over summed sizes: the pooled proportion, or observed over expected."""
    pooled = float(counts.sum() / sizes.sum())
    upper = 1.0 if kind == PROPORTION else np.inf
    if not 0 < pooled < upper:
        inside = "(0, 1)" if kind == PROPORTION else "(0, infinity)"
        raise ValueError(f"the pooled value is {pooled:g}; pass a reference inside {inside}")
    return pooled


def _classify(y: np.ndarray, limits: dict[str, np.ndarray], plotted: np.ndarray) -> np.ndarray:
    """Each figure against the limits at its own ``x`` (outside means strictly beyond)."""
    with np.errstate(invalid="ignore"):
        conditions = [
            ~plotted,
            y > limits["upper_998"],
            y < limits["lower_998"],
            y > limits["upper_95"],
            y < limits["lower_95"],
        ]
    choices = [NOT_PLOTTED, ABOVE_998, BELOW_998, ABOVE_95, BELOW_95]
    return np.select(conditions, choices, WITHIN)


def _method(
    kind: str,
    reference: float,
    overdispersion: str | None,
    adjusted: bool,
    phi: float,
    tau2: float,
    winsorise: float,
) -> str:
    if kind == PROPORTION:
        base = (
            f"95% and 99.8% funnel limits (Spiegelhalter 2005, as FunnelPlotR draws them) "
            f"around {reference:.1%}, on the arcsine square-root scale"
        )
        scale = "arcsine square-root"
    else:
        base = (
            f"95% and 99.8% funnel limits (Spiegelhalter 2005, as FunnelPlotR draws them) "
            f"around an observed/expected ratio of {reference:.2f}, expected at the White rate"
        )
        scale = "square-root"
        if not adjusted:
            base += ", Poisson limits"
    cut = f"z-scores winsorised at {winsorise:.0%} each end"
    if overdispersion == MULTIPLICATIVE:
        if adjusted:
            return (
                f"{base}; multiplicative overdispersion adjustment (Spiegelhalter 2005), "
                f"phi = {phi:.3g} ({cut})"
            )
        return f"{base}; no overdispersion found (phi = {phi:.3g} from {cut}), so not adjusted"
    if overdispersion == ADDITIVE:
        if adjusted:
            return (
                f"{base}; widened for overdispersion on the {scale} scale by a random-effects "
                f"standard deviation (DerSimonian-Laird tau = {math.sqrt(tau2):.2g}, {cut})"
            )
        return f"{base}; no overdispersion found (DerSimonian-Laird tau2 = 0, {cut})"
    return f"{base}; no overdispersion adjustment"

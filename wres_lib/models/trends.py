"""Trends over years, per organisation and measure, fitted with statsmodels (docs/methods.md).

Input is the tidy indicator table of :func:`wres_lib.indicators.compute.compute_indicators`, at any
level. Each *series* is one organisation's measure for one staff group, band and group across
years. Two models:

- **Proportions** (BME share at a band, rates, survey percentages): a binomial GLM with a logit
  link on year, ``statsmodels.api.GLM([successes, failures], [1, year - last_year],
  family=Binomial())``, fitted to the ``numerator`` and ``denominator`` counts. The annual change
  is the **odds ratio per year**, ``exp(slope)``. IRLS starts from a weighted least-squares fit
  of the empirical logit (fewer steps to the same maximum). Counts that separate by year (a
  fitted share within 1e-8 of 0 or 1) have no finite fit and are reported as such.
  Staff counts vary from year to year more than binomial sampling alone allows, so the
  **dispersion** is estimated as Pearson chi-squared over the residual degrees of freedom and,
  when above 1, the fit is **quasi-binomial**: standard errors scaled by its square root, as
  ``fit(scale="X2")`` gives.
- **Relative likelihoods** (indicators 2-4): weighted least squares of the log relative
  likelihood on year, ``statsmodels.api.WLS(log_rl, [1, year - last_year], weights=1 / katz_var)``
  with ``katz_var = 1/a - 1/n_a + 1/b - 1/n_b`` from the ``rate_pct`` rows of the same year. The
  Katz variances are sampling variances only; the **dispersion** is the residual variance of the
  weighted fit (the weighted Pearson chi-squared over the residual degrees of freedom, the scale
  ``WLS(...).fit()`` estimates) and, when above 1, standard errors are scaled by its square root.
  The annual change is the **ratio per year**, ``exp(slope)``.

Dispersion below 1 (the points closer to the line than sampling alone predicts) is not used:
with few years it is mostly chance, and shrinking the sampling error would overstate certainty,
so the scale stays fixed at 1. With the dispersion fixed at 1 intervals and p-values are Wald
(normal) ones; with it estimated they use Student's t on the residual degrees of freedom (years
less 2), as for a quasi-likelihood fit, so a series needs at least 3 years for the dispersion to
be estimated (2 years leave none: the scale stays at 1). The ``model`` column says which was
used and the ``dispersion`` column gives the estimate (NaN where nothing was fitted). Years
where the figure is undefined (no denominator, a zero event count) are left out. Two-year
rolling likelihoods are not fitted (overlapping years are not independent), nor are gaps in
points or disparity ratios (the table does not carry the counts their variances need).

Parity is 1.0 for a relative likelihood. For a proportion it is the *target*: the whole-workforce
share of the same group for a share at a band or staff group, the White figure of the same
indicator for another group's rate or survey percentage, in the series' latest year (or a
``target`` column in the input, in the units of ``value``). The parity year is the first year at
or after the fitted line reaches parity, given only when the trend is significant at ``alpha``
and moves towards parity; otherwise ``reason`` says why not in plain words ("no significant trend
once year-to-year variation is allowed for" when the dispersion was estimated).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Collection

import numpy as np
import pandas as pd
from scipy.special import logit
from scipy.stats import norm
from scipy.stats import t as t_dist
from statsmodels.genmod.families import Binomial
from statsmodels.genmod.generalized_linear_model import GLM, GLMResultsWrapper
from statsmodels.regression.linear_model import WLS, RegressionResultsWrapper
from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationWarning
from statsmodels.tools.tools import add_constant

from wres_lib.data.schema import WHITE
from wres_lib.models.inputs import (
    ALL,
    BOARD_MEASURES,
    PERCENT,
    PROPORTION_MEASURES,
    RATIO_MEASURES,
    SHARE_MEASURES,
    default_rows,
    katz_variances,
    lookup,
)

SERIES_KEY = ("level", "code", "name", "indicator", "measure", "staff_group", "band", "group")
REQUIRED = ("year", *SERIES_KEY, "value", "numerator", "denominator")
# Beyond this many years after the latest, a parity year is not worth printing.
PARITY_HORIZON = 50
HALF = 0.5  # added to counts for the empirical logit that starts the GLM fit
# A fitted share this close to 0 or 1 means the counts separate by year: no finite fit.
SEPARATED = 1e-8

PROPORTION_MODEL = "binomial GLM (logit) on year"
RATIO_MODEL = "WLS of log relative likelihood on year, Katz variances"
ESTIMATED = "{model}; dispersion {dispersion:.3g} estimated (Pearson chi2/df), t on {df} df"
FIXED = "{model}; dispersion fixed at 1 (estimate {dispersion:.3g})"
UNESTIMATED = "{model}; dispersion fixed at 1 (no degrees of freedom to estimate it)"
ODDS_RATIO, RATIO = "odds ratio per year", "ratio per year"
FEW_YEARS = "fewer than {n} years of data"
FEW_USABLE = "fewer than {n} years with a figure that can be used"
NO_TREND = "no significant trend"
NO_TREND_BEYOND_NOISE = "no significant trend once year-to-year variation is allowed for"
AWAY = "moving away from parity"
FAR = f"parity more than {PARITY_HORIZON} years away on the current trend"
NO_TARGET = "no parity target for this measure"
NONE_EVER = "0% in every year, so no trend can be fitted"
ALL_EVER = "100% in every year, so no trend can be fitted"
EXTREME = "the counts are too small or one-sided for a trend to be fitted"

COLUMNS = (
    *SERIES_KEY, "model", "change_scale", "annual_change", "ci_low", "ci_high", "p_value",
    "dispersion", "n_years", "first_year", "last_year", "latest_value", "target", "parity_year",
    "reason",
)  # fmt: skip


def trend(
    indicators: pd.DataFrame,
    measures: Collection[str] | None = None,
    *,
    min_years: int = 3,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Annual change, its interval, p-value and parity year for every series.

    Args:
        indicators: the tidy indicator table (any level), with every year to fit. It must also
            hold the rows the models draw on: ``rate_pct`` rows for relative likelihoods (the
            Katz variances) and the comparison rows that give parity targets.
        measures: measure names to fit, every row of each (e.g. ``{"bme_share"}``); ``None``
            fits the default set (:func:`~wres_lib.models.inputs.default_rows`). Filter
            ``indicators`` first for fewer series. Allowed: :data:`PROPORTION_MEASURES` and
            :data:`RATIO_MEASURES`.
        min_years: the fewest years with a usable figure for a trend to be fitted (at least 2).
        alpha: significance level; intervals are ``1 - alpha``.

    Returns:
        One row per series with the columns :data:`COLUMNS`: ``annual_change`` (odds ratio or
        ratio per year, as ``change_scale`` says) with ``ci_low``/``ci_high``, ``p_value``,
        ``dispersion`` (Pearson chi-squared over residual degrees of freedom; used when above 1,
        as ``model`` says),
        ``n_years`` fitted, ``latest_value`` and ``target`` (in the units of ``value``),
        ``parity_year`` (nullable integer) and ``reason`` ("" when a parity year is given).

    Example:
        >>> table = trend(compute_indicators(load_dataset("data/sample")))  # doctest: +SKIP
        >>> table.query("code == 'ENG' and measure == 'relative_likelihood'")  # doctest: +SKIP
    """
    _check_arguments(indicators, measures, min_years, alpha)
    chosen = _chosen_rows(indicators, measures)
    rows = indicators[chosen.to_numpy()]
    repeated = rows.duplicated([*SERIES_KEY, "year"])
    if repeated.any():
        first = rows[repeated.to_numpy()].iloc[0]
        raise ValueError(
            f"indicators has more than one row for {first['code']} {first['measure']} in "
            f"{first['year']}: pass each level's table once"
        )
    usable, weights = _model_inputs(indicators, rows)
    targets = _targets(indicators, rows)
    z = float(norm.ppf(1 - alpha / 2))
    series_id = rows.groupby(list(SERIES_KEY), observed=True, sort=True).ngroup().to_numpy()
    order = np.lexsort((rows["year"].to_numpy(), series_id))
    bounds = np.flatnonzero(np.diff(series_id[order])) + 1
    arrays = {
        "year": rows["year"].to_numpy(dtype=np.int64),
        "value": rows["value"].to_numpy(dtype=np.float64),
        "numerator": rows["numerator"].to_numpy(dtype=np.float64, na_value=np.nan),
        "denominator": rows["denominator"].to_numpy(dtype=np.float64, na_value=np.nan),
        "usable": usable,
        "weights": weights,
        "target": targets,
    }
    pieces = np.split(order, bounds) if len(order) else []
    measures_of = rows["measure"].astype(str).to_numpy()
    fits = [
        _fit_series(
            {name: values[positions] for name, values in arrays.items()},
            measures_of[positions[0]],
            min_years,
            alpha,
            z,
        )
        for positions in pieces
    ]
    last_rows = [positions[-1] for positions in pieces]
    keys = rows[list(SERIES_KEY)].iloc[last_rows].astype(str).reset_index(drop=True)
    table = pd.concat([keys, pd.DataFrame.from_records(fits, index=keys.index)], axis=1)
    return table.reindex(columns=list(COLUMNS)).astype({"parity_year": "Int64", "n_years": "int64"})


def _check_arguments(
    indicators: pd.DataFrame, measures: Collection[str] | None, min_years: int, alpha: float
) -> None:
    if not isinstance(indicators, pd.DataFrame):
        raise ValueError("indicators is expected to be the tidy indicator DataFrame")
    missing = [c for c in REQUIRED if c not in indicators.columns]
    if missing:
        raise ValueError(f"indicators is missing the column(s) {', '.join(missing)}")
    if measures is not None:
        if isinstance(measures, str):
            raise ValueError("measures is expected to be a collection of measure names, not a str")
        unknown = sorted(set(measures) - PROPORTION_MEASURES - RATIO_MEASURES)
        if unknown:
            allowed = ", ".join(sorted(PROPORTION_MEASURES | RATIO_MEASURES))
            raise ValueError(f"measures has no trend model for {unknown}; allowed: {allowed}")
    if isinstance(min_years, bool) or not isinstance(min_years, int) or min_years < 2:
        raise ValueError(f"min_years is expected to be an integer of at least 2, got {min_years!r}")
    if not isinstance(alpha, float) or not 0 < alpha < 1:
        raise ValueError(f"alpha is expected to be a number between 0 and 1, got {alpha!r}")


def _chosen_rows(indicators: pd.DataFrame, measures: Collection[str] | None) -> pd.Series:
    if measures is None:
        return default_rows(indicators)
    return indicators["measure"].isin(list(measures))


def _model_inputs(indicators: pd.DataFrame, rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Which rows can be fitted, and the WLS weight (1 / Katz variance) of ratio rows."""
    numerator = rows["numerator"].to_numpy(dtype=np.float64, na_value=np.nan)
    denominator = rows["denominator"].to_numpy(dtype=np.float64, na_value=np.nan)
    proportion = rows["measure"].isin(list(PROPORTION_MEASURES)).to_numpy()
    usable = proportion & np.isfinite(numerator) & (denominator > 0)
    ratio = ~proportion
    weights = np.full(len(rows), np.nan)
    if ratio.any():
        variance = katz_variances(indicators, rows[ratio])
        value = rows["value"].to_numpy(dtype=np.float64)[ratio]
        ok = np.isfinite(variance) & (variance > 0) & np.isfinite(value) & (value > 0)
        weights[ratio] = np.where(ok, 1 / np.where(ok, variance, 1.0), np.nan)
        usable[ratio] = ok
    return usable, weights


def _targets(indicators: pd.DataFrame, rows: pd.DataFrame) -> np.ndarray:
    """The parity target of each row, in the units of ``value`` (NaN where there is none)."""
    measure, group = rows["measure"].astype(str), rows["group"].astype(str)
    whole = (indicators["staff_group"] == ALL) & (indicators["band"] == ALL)
    row_is_whole = (rows["staff_group"] == ALL) & (rows["band"] == ALL)
    target = np.full(len(rows), np.nan)
    target[measure.isin(list(RATIO_MEASURES)).to_numpy()] = 1.0
    share = measure.isin(list(SHARE_MEASURES)) & ~row_is_whole
    share = (share | measure.isin(list(BOARD_MEASURES))).to_numpy()
    whole_shares = indicators[(whole & indicators["measure"].isin(list(SHARE_MEASURES))).to_numpy()]
    on = ["year", "level", "code", "indicator"]
    target[share] = lookup(rows[share], whole_shares, ["year", "level", "code", "group"])
    versus_white = (
        measure.isin(["rate_pct", "pct_bme", "pct_group"]) & (group != WHITE)
    ).to_numpy()
    white = indicators["measure"].isin(["rate_pct", "pct_white"]) & (indicators["group"] == WHITE)
    target[versus_white] = lookup(rows[versus_white], indicators[white.to_numpy()], on)
    if "target" in rows.columns:
        given = rows["target"].to_numpy(dtype=np.float64, na_value=np.nan)
        target = np.where(np.isfinite(given), given, target)
    return target


def _fit_series(
    series: dict[str, np.ndarray], measure: str, min_years: int, alpha: float, z: float
) -> dict[str, object]:
    """Fit one series (rows sorted by year) and describe its parity year."""
    year, usable = series["year"], series["usable"]
    out: dict[str, object] = {
        "n_years": int(usable.sum()),
        "first_year": int(year[0]),
        "last_year": int(year[-1]),
        "latest_value": float(series["value"][-1]),
        "target": float(series["target"][-1]),
        "dispersion": math.nan,
        "parity_year": None,
    }
    proportion = measure in PROPORTION_MEASURES
    out["model"] = PROPORTION_MODEL if proportion else RATIO_MODEL
    out["change_scale"] = ODDS_RATIO if proportion else RATIO
    if len(year) < min_years:
        return out | {"reason": FEW_YEARS.format(n=min_years)}
    if usable.sum() < min_years:
        return out | {"reason": FEW_USABLE.format(n=min_years)}
    latest = int(year[usable][-1])
    x = add_constant((year[usable] - latest).astype(np.float64), has_constant="add")
    if proportion:
        fitted = _fit_proportion(series, usable, x)
        if isinstance(fitted, str):
            return out | {"reason": fitted}
        goal = out["target"] / PERCENT
        parity_at = logit(goal) if 0 < goal < 1 else np.nan
    else:
        log_ratio = np.log(series["value"][usable])
        fitted = WLS(log_ratio, x, weights=series["weights"][usable]).fit(cov_type="fixed scale")
        parity_at = 0.0
    (intercept, slope), (_, slope_se) = fitted.params, fitted.bse
    statistic, dispersion, df = slope / slope_se, _dispersion(fitted), int(fitted.df_resid)
    if dispersion > 1:
        slope_se *= math.sqrt(dispersion)
        statistic /= math.sqrt(dispersion)
        quantile = float(t_dist.ppf(1 - alpha / 2, df))
        p_value = float(2 * t_dist.sf(abs(statistic), df))
        template = ESTIMATED
    else:
        quantile, p_value = z, float(2 * norm.sf(abs(statistic)))
        template = FIXED if df > 0 else UNESTIMATED
    out |= {
        "model": template.format(model=out["model"], dispersion=dispersion, df=df),
        "dispersion": dispersion,
        "annual_change": math.exp(slope),
        "ci_low": math.exp(slope - quantile * slope_se),
        "ci_high": math.exp(slope + quantile * slope_se),
        "p_value": p_value,
    }
    parity = _parity(intercept, slope, p_value, parity_at, latest, alpha)
    if parity["reason"] == NO_TREND and dispersion > 1:
        parity["reason"] = NO_TREND_BEYOND_NOISE
    return out | parity


def _dispersion(fitted: RegressionResultsWrapper | GLMResultsWrapper) -> float:
    """Pearson chi-squared over the residual degrees of freedom (NaN with none left).

    For the binomial GLM the Pearson residuals are standardised by the binomial variance; for
    the WLS fit they are the residuals times the square root of the weights, so the ratio is the
    scale statsmodels estimates for either (``scale="X2"``, and the default WLS scale)."""
    if fitted.df_resid <= 0:
        return math.nan
    if isinstance(fitted, GLMResultsWrapper):
        return float(fitted.pearson_chi2 / fitted.df_resid)
    return float(fitted.ssr / fitted.df_resid)


def _fit_proportion(
    series: dict[str, np.ndarray], usable: np.ndarray, x: np.ndarray
) -> GLMResultsWrapper | str:
    """The binomial GLM fit, or the reason there is none."""
    successes = series["numerator"][usable]
    failures = series["denominator"][usable] - successes
    if successes.sum() == 0:
        return NONE_EVER
    if failures.sum() == 0:
        return ALL_EVER
    model = GLM(np.column_stack([successes, failures]), x, family=Binomial())
    with warnings.catch_warnings():
        # statsmodels also warns of "perfect prediction" when a line fits the shares exactly;
        # separation is checked below instead, from the fitted shares.
        warnings.simplefilter("ignore", PerfectSeparationWarning)
        warnings.simplefilter("ignore", ConvergenceWarning)
        fitted = model.fit(start_params=_empirical_logit_fit(successes, failures, x))
    shares = fitted.fittedvalues
    if not fitted.converged or np.any((shares < SEPARATED) | (shares > 1 - SEPARATED)):
        return EXTREME
    return fitted


def _empirical_logit_fit(successes: np.ndarray, failures: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Weighted least squares of the empirical logit on year: a start close to the maximum
    likelihood, so IRLS needs fewer steps (it converges to the same estimate)."""
    log_odds = np.log((successes + HALF) / (failures + HALF))
    root_weight = 1 / np.sqrt(1 / (successes + HALF) + 1 / (failures + HALF))
    return np.linalg.lstsq(x * root_weight[:, None], log_odds * root_weight, rcond=None)[0]


def _parity(
    intercept: float, slope: float, p_value: float, parity_at: float, latest: int, alpha: float
) -> dict[str, object]:
    """When the fitted line (``intercept`` at the latest year) reaches ``parity_at``."""
    if np.isnan(parity_at):
        return {"reason": NO_TARGET}
    if not p_value < alpha:
        return {"reason": NO_TREND}
    distance = parity_at - intercept
    if distance * slope < 0:
        return {"reason": AWAY}
    years_ahead = distance / slope
    if years_ahead > PARITY_HORIZON:
        return {"reason": FAR}
    return {"parity_year": latest + math.ceil(years_ahead), "reason": ""}

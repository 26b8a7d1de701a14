"""Trends: interval coverage on simulated series, agreement with direct statsmodels fits, and
parity years on series worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy.special import expit
from statsmodels.genmod.families import Binomial

from wres_lib.models.trends import COLUMNS, trend

YEARS = np.arange(2016, 2024)
REPETITIONS = 400
SEED = 20250331


def tidy(**columns: object) -> pd.DataFrame:
    """Rows of the tidy indicator table, with defaults for the columns not given."""
    defaults = {
        "level": "trust",
        "name": "Synthetic trust",
        "staff_group": "all",
        "band": "all",
        "group": "BME",
        "numerator": np.nan,
        "denominator": np.nan,
    }
    frame = pd.DataFrame({**defaults, **columns})
    return frame.astype({"numerator": "Int64", "denominator": "Int64"})


def share_series(code: str, years, bme, staff, band: str = "Band 8a") -> pd.DataFrame:
    bme, staff = np.asarray(bme), np.asarray(staff)
    return tidy(
        year=years, code=code, indicator="1", measure="bme_share", band=band,
        value=100 * bme / staff, numerator=bme, denominator=staff,
    )  # fmt: skip


def likelihood_series(code: str, years, ratios, white=(4000, 10000), bme=(2000, 5000)):
    """Relative likelihood rows with the given values, and rate rows whose counts give the
    Katz variances (the counts need not match the values for the fit to be checked)."""
    years = np.asarray(years)
    size = len(years)
    rates = [
        tidy(year=years, code=code, indicator="2", measure="rate_pct", group=group,
             value=100 * events / total, numerator=np.full(size, events),
             denominator=np.full(size, total))
        for group, (events, total) in (("White", white), ("BME", bme))
    ]  # fmt: skip
    ratio = tidy(year=years, code=code, indicator="2", measure="relative_likelihood", value=ratios)
    return pd.concat([*rates, ratio], ignore_index=True)


def only(table: pd.DataFrame, **where: str) -> pd.Series:
    chosen = table
    for column, value in where.items():
        chosen = chosen[chosen[column] == value]
    assert len(chosen) == 1
    return chosen.iloc[0]


@pytest.mark.slow
def test_binomial_interval_covers_the_true_slope_about_95_percent_of_the_time() -> None:
    rng = np.random.default_rng(SEED)
    slope, staff = 0.08, 400
    share = expit(-1.5 + slope * (YEARS - YEARS[0]))
    frames = [
        share_series(f"S{i:03d}", YEARS, rng.binomial(staff, share), np.full(len(YEARS), staff))
        for i in range(REPETITIONS)
    ]
    table = trend(pd.concat(frames, ignore_index=True), measures=["bme_share"])
    assert len(table) == REPETITIONS
    assert (table["change_scale"] == "odds ratio per year").all()
    covered = (table["ci_low"] <= np.exp(slope)) & (np.exp(slope) <= table["ci_high"])
    assert 0.92 <= covered.mean() <= 0.98


@pytest.mark.slow
def test_likelihood_interval_covers_the_true_slope_about_95_percent_of_the_time() -> None:
    rng = np.random.default_rng(SEED + 1)
    slope, shortlisted_white, shortlisted_bme = -0.05, 3000, 2000
    p_bme = np.full(len(YEARS), 0.15)
    p_white = p_bme * np.exp(0.4 + slope * (YEARS - YEARS[0]))
    frames = []
    for i in range(REPETITIONS):
        white = rng.binomial(shortlisted_white, p_white)
        bme = rng.binomial(shortlisted_bme, p_bme)
        ratios = (white / shortlisted_white) / (bme / shortlisted_bme)
        series = likelihood_series(f"R{i:03d}", YEARS, ratios)
        rates = series["measure"] == "rate_pct"
        counts = np.concatenate([white, bme])
        series.loc[rates, "numerator"] = counts
        totals = np.repeat([shortlisted_white, shortlisted_bme], len(YEARS))
        series.loc[rates, "denominator"] = totals
        frames.append(series)
    table = trend(pd.concat(frames, ignore_index=True))
    assert len(table) == REPETITIONS
    assert (table["change_scale"] == "ratio per year").all()
    covered = (table["ci_low"] <= np.exp(slope)) & (np.exp(slope) <= table["ci_high"])
    assert 0.92 <= covered.mean() <= 0.98


@pytest.fixture(scope="module")
def sample_trends(sample_indicators: pd.DataFrame) -> pd.DataFrame:
    return trend(sample_indicators)


def series_rows(indicators: pd.DataFrame, **where: str) -> pd.DataFrame:
    chosen = indicators
    for column, value in where.items():
        chosen = chosen[(chosen[column] == value).to_numpy()]
    return chosen.sort_values("year")


def test_proportion_trend_equals_a_direct_quasi_binomial_statsmodels_glm(
    sample_indicators: pd.DataFrame, sample_trends: pd.DataFrame
) -> None:
    where = {"code": "ENG", "measure": "bme_share", "staff_group": "all", "band": "Band 8a"}
    rows = series_rows(sample_indicators, **where)
    successes = rows["numerator"].to_numpy(dtype=float)
    failures = rows["denominator"].to_numpy(dtype=float) - successes
    x = sm.add_constant(rows["year"].to_numpy(dtype=float) - 2016)
    plain = sm.GLM(np.column_stack([successes, failures]), x, family=Binomial()).fit()
    dispersion = plain.pearson_chi2 / plain.df_resid
    assert dispersion > 1, "the national Band 8a share varies beyond binomial noise"
    # Quasi-binomial: the scale is Pearson chi2 / df. statsmodels estimates it right for shares
    # weighted by their denominators (with two-column counts, 0.15 divides it by the trials).
    staff = successes + failures
    model = sm.GLM(successes / staff, x, family=Binomial(), var_weights=staff)
    fit = model.fit(scale="X2", use_t=True)
    assert fit.scale == pytest.approx(dispersion)
    result = only(sample_trends, **where)
    low, high = np.exp(fit.conf_int(alpha=0.05)[1])
    assert result["dispersion"] == pytest.approx(dispersion, rel=1e-9)
    assert result["annual_change"] == pytest.approx(np.exp(fit.params[1]), rel=1e-7)
    assert (result["ci_low"], result["ci_high"]) == pytest.approx((low, high), rel=1e-7)
    assert result["p_value"] == pytest.approx(fit.pvalues[1], rel=1e-5, abs=1e-300)
    assert result["n_years"] == len(rows)
    assert f"dispersion {dispersion:.3g} estimated" in result["model"]


def katz_fit_inputs(indicators: pd.DataFrame, code: str, indicator: str):
    """Log relative likelihoods, centred years and Katz variances, recounted from the rows."""
    ratio = series_rows(indicators, code=code, indicator=indicator, group="BME",
                        measure="relative_likelihood")  # fmt: skip
    rates = series_rows(indicators, code=code, indicator=indicator, measure="rate_pct")
    white = rates[(rates["group"] == "White").to_numpy()].set_index("year")
    bme = rates[(rates["group"] == "BME").to_numpy()].set_index("year")
    years = ratio["year"].to_numpy()
    a, n_a = white.loc[years, "numerator"].to_numpy(float), white.loc[years, "denominator"]
    b, n_b = bme.loc[years, "numerator"].to_numpy(float), bme.loc[years, "denominator"]
    keep = (a > 0) & (b > 0)
    a, b = a[keep], b[keep]
    variance = 1 / a - 1 / n_a.to_numpy(float)[keep] + 1 / b - 1 / n_b.to_numpy(float)[keep]
    x = sm.add_constant(years[keep].astype(float) - years[0])
    return np.log(ratio["value"].to_numpy()[keep]), x, variance


@pytest.mark.parametrize("code", ["ENG", "ZT001", "ZT050"])
def test_likelihood_trend_equals_a_direct_statsmodels_wls(
    sample_indicators: pd.DataFrame, sample_trends: pd.DataFrame, code: str
) -> None:
    y, x, variance = katz_fit_inputs(sample_indicators, code, "3")
    estimated = sm.WLS(y, x, weights=1 / variance).fit()  # the scale estimated from residuals
    fixed = sm.WLS(y, x, weights=1 / variance).fit(cov_type="fixed scale")
    fit = estimated if estimated.scale > 1 else fixed  # dispersion used only when above 1
    result = only(sample_trends, code=code, indicator="3", group="BME")
    low, high = np.exp(fit.conf_int(alpha=0.05)[1])
    assert result["dispersion"] == pytest.approx(estimated.scale, rel=1e-9)
    assert result["annual_change"] == pytest.approx(np.exp(fit.params[1]), rel=1e-9)
    assert (result["ci_low"], result["ci_high"]) == pytest.approx((low, high), rel=1e-9)
    assert result["p_value"] == pytest.approx(fit.pvalues[1], rel=1e-6)
    assert result["n_years"] == len(y)


def test_national_appointment_trend_p_value_equals_wls_with_the_scale_estimated(
    sample_indicators: pd.DataFrame, sample_trends: pd.DataFrame
) -> None:
    y, x, variance = katz_fit_inputs(sample_indicators, "ENG", "2")
    fit = sm.WLS(y, x, weights=1 / variance).fit()
    result = only(sample_trends, code="ENG", indicator="2", group="BME")
    assert fit.scale > 2, "year-to-year variation far beyond the Katz sampling variances"
    assert result["p_value"] == pytest.approx(fit.pvalues[1], rel=1e-9)
    # With the scale fixed at 1 (as before) the same drift looked far surer than it is.
    fixed = sm.WLS(y, x, weights=1 / variance).fit(cov_type="fixed scale")
    assert result["p_value"] > fixed.pvalues[1]
    assert result["reason"] == "no significant trend once year-to-year variation is allowed for"
    assert f"dispersion {fit.scale:.3g} estimated" in result["model"]


def test_overdispersed_likelihood_by_hand() -> None:
    years = np.arange(2016, 2021)
    noisy = likelihood_series("A", years, [1.6, 1.2, 1.5, 1.1, 1.3])
    result = trend(noisy).iloc[0]
    # Equal Katz variances, so the fit is ordinary least squares of log ratio on year.
    variance = 1 / 4000 - 1 / 10000 + 1 / 2000 - 1 / 5000
    y, x = np.log([1.6, 1.2, 1.5, 1.1, 1.3]), years - years.mean()
    slope = np.sum(x * (y - y.mean())) / np.sum(x**2)
    residuals = y - y.mean() - slope * x
    dispersion = np.sum(residuals**2 / variance) / (5 - 2)  # Pearson chi2 over 3 df
    slope_se = np.sqrt(dispersion * variance / np.sum(x**2))
    t_975_3df = 3.182446305284263  # Student's t, 3 degrees of freedom
    assert result["dispersion"] == pytest.approx(dispersion) and dispersion > 1
    assert result["annual_change"] == pytest.approx(np.exp(slope))
    assert np.log(result["ci_high"] / result["annual_change"]) == pytest.approx(
        t_975_3df * slope_se
    )
    # Two-sided t p-value with 3 df, from its closed form.
    t = abs(slope / slope_se)
    theta = np.arctan(t / np.sqrt(3))
    p_value = 1 - 2 / np.pi * (theta + np.sin(theta) * np.cos(theta))
    assert result["p_value"] == pytest.approx(p_value, rel=1e-9)


def test_underdispersed_likelihood_keeps_the_scale_at_one() -> None:
    years = np.arange(2016, 2021)
    line = 0.4 - 0.05 * (years - 2016) + np.array([0.001, -0.002, 0.0, 0.002, -0.001])
    result = trend(likelihood_series("A", years, np.exp(line))).iloc[0]
    variance = 1 / 4000 - 1 / 10000 + 1 / 2000 - 1 / 5000
    x = years - years.mean()
    slope_se = np.sqrt(variance / np.sum(x**2))  # sampling variance alone, not shrunk
    assert result["dispersion"] < 1
    assert np.log(result["ci_high"] / result["annual_change"]) == pytest.approx(1.959964 * slope_se)
    assert result["model"].endswith(f"dispersion fixed at 1 (estimate {result['dispersion']:.3g})")


def test_overdispersed_binomial_by_hand() -> None:
    # Shares swinging round a flat line: the binomial fit alone would call the slope certain.
    years = np.arange(2016, 2022)
    staff = np.full(len(years), 20000)
    bme = np.array([2000, 2600, 1900, 2700, 2100, 2800])
    result = trend(share_series("A", years, bme, staff), measures=["bme_share"]).iloc[0]
    x = sm.add_constant((years - 2021).astype(float))
    plain = sm.GLM(np.column_stack([bme, staff - bme]), x, family=Binomial()).fit()
    shares = plain.fittedvalues
    pearson = np.sum((bme - staff * shares) ** 2 / (staff * shares * (1 - shares)))
    assert result["dispersion"] == pytest.approx(pearson / 4, rel=1e-9)
    assert plain.pvalues[1] < 0.05 < result["p_value"]
    assert result["reason"] == "no parity target for this measure"


def test_parity_year_for_a_likelihood_heading_to_one() -> None:
    years = np.arange(2016, 2021)
    falling = likelihood_series("A", years, np.exp(0.5 - 0.1 * (years - 2016)))
    result = trend(falling).iloc[0]
    # log ratio 0.1 in 2020, falling by 0.1 a year: 0 in 2021.
    assert result["annual_change"] == pytest.approx(np.exp(-0.1))
    assert result["target"] == 1.0
    assert result["parity_year"] == 2021 and result["reason"] == ""


@pytest.mark.parametrize(
    ("log_ratios", "reason"),
    [
        (0.1 + 0.1 * np.arange(5), "moving away from parity"),
        (np.array([0.3, 0.32, 0.28, 0.31, 0.29]), "no significant trend"),
        (0.5 - 0.005 * np.arange(5), "parity more than 50 years away on the current trend"),
    ],
)
def test_no_parity_year_says_why(log_ratios: np.ndarray, reason: str) -> None:
    years = np.arange(2016, 2021)
    big = ((400000, 1000000), (200000, 500000))  # tiny variances: even 0.005 a year is clear
    counts = big if "50 years" in reason else ((4000, 10000), (2000, 5000))
    table = trend(likelihood_series("A", years, np.exp(log_ratios), *counts))
    assert table.iloc[0]["reason"] == reason
    assert pd.isna(table.iloc[0]["parity_year"])


def test_fewer_than_three_years() -> None:
    table = trend(likelihood_series("A", [2019, 2020], [1.5, 1.4]))
    row = table.iloc[0]
    assert row["reason"] == "fewer than 3 years of data"
    assert np.isnan(row["annual_change"]) and row["n_years"] == 2


def test_years_without_a_defined_ratio_are_left_out() -> None:
    series = likelihood_series("A", [2018, 2019, 2020, 2021], [1.5, 1.4, np.nan, 1.2])
    bme_2020 = (
        (series["group"] == "BME") & (series["year"] == 2020) & (series["measure"] == "rate_pct")
    )
    series.loc[bme_2020, "numerator"] = 0
    assert trend(series).iloc[0]["n_years"] == 3
    series.loc[series["year"] == 2021, "value"] = np.nan
    assert trend(series).iloc[0]["reason"] == "fewer than 3 years with a figure that can be used"


def test_parity_year_for_a_share_heading_to_the_workforce_share() -> None:
    years = np.arange(2016, 2021)
    staff = np.full(len(years), 1_000_000)
    # Band share: logit rises 0.2 a year from logit(0.1) in 2020 would need (logit(0.2) -
    # logit(0.1)) / 0.2 = 4.05 more years: parity in 2025.
    band_share = expit(np.log(0.1 / 0.9) + 0.2 * (years - 2020))
    band = share_series("A", years, np.round(band_share * staff).astype(int), staff)
    whole = share_series("A", years, np.full(len(years), 200), np.full(len(years), 1000), "all")
    table = trend(pd.concat([band, whole], ignore_index=True), measures=["bme_share"])
    result = only(table, band="Band 8a")
    assert result["annual_change"] == pytest.approx(np.exp(0.2), rel=1e-4)
    assert result["target"] == pytest.approx(20.0)
    assert result["parity_year"] == 2025
    assert only(table, band="all")["reason"] == "no parity target for this measure"


def test_target_column_overrides_the_default() -> None:
    years = np.arange(2016, 2021)
    staff = np.full(len(years), 1_000_000)
    band_share = expit(np.log(0.1 / 0.9) + 0.2 * (years - 2020))
    band = share_series("A", years, np.round(band_share * staff).astype(int), staff)
    # A target of 15%: (logit(0.15) - logit(0.1)) / 0.2 = 2.31 years after 2020.
    result = trend(band.assign(target=15.0), measures=["bme_share"]).iloc[0]
    assert result["target"] == 15.0 and result["parity_year"] == 2023


def test_all_zero_series_says_so() -> None:
    years = np.arange(2016, 2021)
    zero = share_series("A", years, np.zeros(len(years), int), np.full(len(years), 5))
    result = trend(zero, measures=["bme_share"]).iloc[0]
    assert result["reason"] == "0% in every year, so no trend can be fitted"


def test_default_set_on_the_bundled_dataset(sample_trends: pd.DataFrame) -> None:
    assert tuple(sample_trends.columns) == COLUMNS
    fitted = sample_trends.dropna(subset=["annual_change"])
    estimated = fitted["dispersion"] > 1
    assert fitted.loc[estimated, "model"].str.contains("estimated").all()
    assert fitted.loc[~estimated, "model"].str.contains("fixed at 1").all()
    assert set(sample_trends["measure"]) == {
        "relative_likelihood", "bme_share", "pct_bme", "board_bme_pct",
    }  # fmt: skip
    fitted = sample_trends.dropna(subset=["annual_change"])
    assert (fitted["ci_low"] <= fitted["annual_change"]).all()
    assert (fitted["annual_change"] <= fitted["ci_high"]).all()
    with_year = sample_trends.dropna(subset=["parity_year"])
    assert (with_year["reason"] == "").all()
    assert (with_year["parity_year"] >= with_year["last_year"]).all()
    assert (sample_trends.loc[sample_trends["parity_year"].isna(), "reason"] != "").all()


def test_repeated_rows_are_refused(sample_indicators: pd.DataFrame) -> None:
    national = sample_indicators[(sample_indicators["level"] == "national").to_numpy()]
    with pytest.raises(ValueError, match="more than one row"):
        trend(pd.concat([national, national]))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"measures": "bme_share"}, "measures"),
        ({"measures": ["gap_points"]}, "measures"),
        ({"min_years": 1}, "min_years"),
        ({"alpha": 1.5}, "alpha"),
    ],
)
def test_arguments_are_checked_by_name(arguments: dict, message: str) -> None:
    series = likelihood_series("A", [2018, 2019, 2020], [1.5, 1.4, 1.3])
    with pytest.raises(ValueError, match=message):
        trend(series, **arguments)


def test_missing_columns_are_named() -> None:
    series = likelihood_series("A", [2018, 2019, 2020], [1.5, 1.4, 1.3])
    with pytest.raises(ValueError, match="denominator"):
        trend(series.drop(columns="denominator"))


def test_input_is_not_mutated() -> None:
    series = likelihood_series("A", [2018, 2019, 2020], [1.5, 1.4, 1.3])
    before = series.copy()
    trend(series)
    pd.testing.assert_frame_equal(series, before)


def test_two_years_leave_no_degrees_of_freedom_for_the_dispersion() -> None:
    row = trend(likelihood_series("A", [2019, 2020], [1.5, 1.4]), min_years=2).iloc[0]
    assert np.isnan(row["dispersion"]) and "no degrees of freedom" in row["model"]
    assert row["ci_low"] < row["annual_change"] < row["ci_high"]

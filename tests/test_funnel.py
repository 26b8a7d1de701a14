"""Funnel limits: values computed by hand, their shape, overdispersion and positions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2

from wres_lib.models.funnels import (
    LIMIT_COLUMNS,
    POSITIONS,
    Z_95,
    Z_998,
    funnel_limits,
    funnel_positions,
    indicator_funnel,
)

SEED = 7


def proportions(numerators, denominators) -> pd.DataFrame:
    codes = [f"T{i:03d}" for i in range(len(numerators))]
    return pd.DataFrame({"code": codes, "numerator": numerators, "denominator": denominators})


def at(funnel, code: str) -> pd.Series:
    return funnel.positions.set_index("code").loc[code]


def test_z_values() -> None:
    assert round(Z_95, 6) == 1.959964
    assert round(Z_998, 6) == 3.090232


def test_proportion_limits_by_hand_on_the_arcsine_scale() -> None:
    # FunnelPlotR "PR": t = asin(sqrt(p)), s = 1 / (2 sqrt(n)), limits sin(t0 +/- z s)^2.
    data = proportions([20, 80, 5, 0], [100, 400, 25, 50])
    funnel = funnel_limits(data, reference=0.2)
    t0 = np.arcsin(np.sqrt(0.2))
    for n in (100, 400, 25, 50):
        s = 1 / (2 * np.sqrt(n))
        row = funnel.positions.set_index("denominator").loc[n]
        z_values = (-3.090232, -1.959964, 0, 1.959964, 3.090232)
        expected = [np.sin(t0 + z * s) ** 2 for z in z_values]
        assert tuple(row[list(LIMIT_COLUMNS)]) == pytest.approx(expected, rel=1e-6)
    zero = at(funnel, "T003")  # no events in 50: placed, below sin(t0 - 3.09 s)^2 = 0.059
    assert zero["y"] == 0 and zero["position"] == "below_998"
    assert zero["z"] == pytest.approx((0 - t0) / (1 / (2 * np.sqrt(50))))


def test_limits_beyond_the_range_are_clipped_not_folded_back() -> None:
    funnel = funnel_limits(proportions([1, 30], [10, 1000]), reference=0.02)
    row = at(funnel, "T000")  # asin(sqrt(0.02)) - 1.96 / (2 sqrt(10)) < 0
    assert row["lower_998"] == 0.0 and row["lower_95"] == 0.0


def ratios(observed, expected) -> pd.DataFrame:
    codes = [f"R{i:03d}" for i in range(len(observed))]
    return pd.DataFrame({"code": codes, "observed": observed, "expected": expected})


def test_standardised_ratio_poisson_limits_by_hand() -> None:
    # FunnelPlotR "SR", unadjusted, target 1: lower qchisq(0.025, 2E) / 2 / E and upper
    # qchisq(0.975, 2 (E + 1)) / 2 / E (0.001 and 0.999 for 99.8%).
    data = ratios([0, 12, 70], [4.0, 10.0, 40.0])
    funnel = funnel_limits(data, "standardised_ratio", reference=1.0)
    for code, e in (("R000", 4.0), ("R001", 10.0), ("R002", 40.0)):
        expected = [
            chi2.ppf(0.001, 2 * e) / 2 / e,
            chi2.ppf(0.025, 2 * e) / 2 / e,
            1.0,
            chi2.ppf(0.975, 2 * (e + 1)) / 2 / e,
            chi2.ppf(0.999, 2 * (e + 1)) / 2 / e,
        ]
        assert tuple(at(funnel, code)[list(LIMIT_COLUMNS)]) == pytest.approx(expected, rel=1e-9)
    # No events where 4 were expected: placed at 0, below the continuous 99.8% limit
    # qchisq(0.001, 8) / 8 = 0.206 (FunnelPlotR's limits are not the discrete Poisson tail).
    zero = at(funnel, "R000")
    assert zero["y"] == 0 and zero["position"] == "below_998"
    assert at(funnel, "R001")["position"] == "within"
    assert at(funnel, "R002")["position"] == "above_998"  # 70 where 40 were expected
    # Around a reference of 0.5 the Poisson mean is 0.5 E.
    half = funnel_limits(ratios([3], [10.0]), "standardised_ratio", reference=0.5)
    row = half.positions.iloc[0]
    assert row["upper_95"] == pytest.approx(chi2.ppf(0.975, 2 * (5 + 1)) / 2 / 10, rel=1e-9)
    assert row["lower_95"] == pytest.approx(chi2.ppf(0.025, 2 * 5) / 2 / 10, rel=1e-9)
    assert "Poisson limits" in funnel.method


def test_default_reference_is_the_pooled_proportion() -> None:
    funnel = funnel_limits(proportions([10, 30], [100, 100]))
    assert funnel.reference == pytest.approx(0.2)
    assert "no overdispersion adjustment" in funnel.method and not funnel.adjusted


def test_limits_narrow_as_the_denominator_grows() -> None:
    funnel = funnel_limits(proportions([5, 50, 500], [20, 200, 2000]), reference=0.25)
    limits = funnel.limits
    assert limits["x"].is_monotonic_increasing
    assert limits["x"].iloc[0] == 20 and limits["x"].iloc[-1] == 2000
    for column in ("upper_95", "upper_998"):
        assert limits[column].is_monotonic_decreasing
    for column in ("lower_95", "lower_998"):
        assert limits[column].is_monotonic_increasing
    assert (limits["upper_998"] >= limits["upper_95"]).all()


def test_positions_against_each_limit() -> None:
    # p0 = 0.5, n = 100: s = 0.05, so 95% limits 0.402-0.598 and 99.8% limits 0.345-0.655.
    data = proportions([50, 62, 70, 38, 30, 59], [100] * 6)
    funnel = funnel_limits(data, reference=0.5)
    assert list(funnel.positions["position"]) == [
        "within", "above_95", "above_998", "below_95", "below_998", "within",
    ]  # fmt: skip


def test_rows_without_a_figure_are_not_plotted() -> None:
    data = proportions([5, 0, 10], [50, 0, 60])
    funnel = funnel_limits(data)
    row = at(funnel, "T001")
    assert row["position"] == "not plotted" and row["note"] != ""
    assert np.isnan(row["upper_95"])
    assert funnel.reference == pytest.approx(15 / 110)
    pair = ratios([3, 2], [2.5, 0.0])  # no expected count: not plotted
    placed = funnel_limits(pair, "standardised_ratio").positions
    assert list(placed["position"]) == ["within", "not plotted"] and placed["note"][1] != ""


def overdispersed(size: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    denominators = rng.integers(50, 2000, size)
    shares = np.clip(rng.normal(0.3, 0.08, size), 0.01, 0.99)
    return proportions(rng.binomial(denominators, shares), denominators)


def winsorised_phi_and_tau2(z: np.ndarray, s: np.ndarray) -> tuple[float, float]:
    """phi and the DerSimonian-Laird tau2 from FunnelPlotR's formulas, written out again."""
    low, high = np.quantile(z, [0.1, 0.9])  # R's quantile (type 7) is numpy's default
    phi = np.mean(np.clip(z, low, high) ** 2)
    w, count = 1 / s**2, len(z)
    tau2 = (count * phi - (count - 1)) / (w.sum() - (w**2).sum() / w.sum())
    return phi, max(tau2, 0.0)


def test_proportion_overdispersion_by_hand() -> None:
    data = overdispersed()
    n = data["denominator"].to_numpy(float)
    p = (data["numerator"] / data["denominator"]).to_numpy()
    t0 = np.arcsin(np.sqrt(0.3))
    s = 1 / (2 * np.sqrt(n))
    phi, tau2 = winsorised_phi_and_tau2((np.arcsin(np.sqrt(p)) - t0) / s, s)
    additive = funnel_limits(data, reference=0.3, overdispersion="additive")
    assert additive.phi == pytest.approx(phi) and phi > 1
    assert additive.tau2 == pytest.approx(tau2) and tau2 > 0 and additive.adjusted
    row = additive.positions.iloc[0]
    spread = np.sqrt(s[0] ** 2 + tau2)
    assert row["upper_998"] == pytest.approx(np.sin(t0 + 3.090232 * spread) ** 2, rel=1e-6)
    assert row["lower_95"] == pytest.approx(np.sin(t0 - 1.959964 * spread) ** 2, rel=1e-6)
    assert row["z"] == pytest.approx((np.arcsin(np.sqrt(p[0])) - t0) / spread)
    multiplicative = funnel_limits(data, reference=0.3, overdispersion="multiplicative")
    row = multiplicative.positions.iloc[0]
    assert row["upper_95"] == pytest.approx(np.sin(t0 + 1.959964 * np.sqrt(phi) * s[0]) ** 2)
    assert "phi = " in multiplicative.method and "DerSimonian-Laird" in additive.method


def test_standardised_ratio_overdispersion_by_hand() -> None:
    rng = np.random.default_rng(SEED + 1)
    expected = rng.uniform(5, 200, 40)
    observed = rng.poisson(expected * rng.gamma(8, 1 / 8, 40)).astype(float)
    observed[:3] = 0  # zero counts are placed and count towards phi
    data = ratios(observed, expected)
    funnel = funnel_limits(data, "standardised_ratio", overdispersion="additive")
    reference = observed.sum() / expected.sum()
    s = 1 / (2 * np.sqrt(expected))
    z = (np.sqrt(observed / expected) - np.sqrt(reference)) / s
    phi, tau2 = winsorised_phi_and_tau2(z, s)
    assert funnel.reference == pytest.approx(reference)
    assert (funnel.phi, funnel.tau2) == pytest.approx((phi, tau2)) and tau2 > 0
    spread = np.sqrt(s**2 + tau2)
    lower = np.clip(np.sqrt(reference) - 1.959964 * spread, 0, None) ** 2
    upper = (np.sqrt(reference) + 3.090232 * spread) ** 2
    np.testing.assert_allclose(funnel.positions["lower_95"], lower, rtol=1e-6)
    np.testing.assert_allclose(funnel.positions["upper_998"], upper, rtol=1e-6)
    assert (funnel.positions["position"] != "not plotted").all()
    assert "square-root scale" in funnel.method


@pytest.mark.parametrize("overdispersion", ["multiplicative", "additive"])
def test_overdispersion_widens_the_limits(overdispersion: str) -> None:
    data = overdispersed()
    plain = funnel_limits(data, reference=0.3)
    adjusted = funnel_limits(data, reference=0.3, overdispersion=overdispersion)
    plain_width = plain.limits["upper_95"] - plain.limits["lower_95"]
    adjusted_width = adjusted.limits["upper_95"] - adjusted.limits["lower_95"]
    assert (adjusted_width > plain_width).all()
    counts = adjusted.positions["position"].value_counts()
    assert counts.get("within", 0) > plain.positions["position"].value_counts().get("within", 0)
    assert adjusted.overdispersion == overdispersion


def test_no_overdispersion_found_leaves_the_limits_alone() -> None:
    data = proportions([30] * 10, [100] * 10)  # every z-score is 0, so phi = 0
    plain = funnel_limits(data, reference=0.3)
    multiplicative = funnel_limits(data, reference=0.3, overdispersion="multiplicative")
    additive = funnel_limits(data, reference=0.3, overdispersion="additive")
    pd.testing.assert_frame_equal(plain.limits, multiplicative.limits)
    pd.testing.assert_frame_equal(plain.limits, additive.limits)
    assert "so not adjusted" in multiplicative.method and additive.tau2 == 0


def test_input_is_not_mutated() -> None:
    data = overdispersed()
    before = data.copy()
    funnel_limits(data, overdispersion="additive")
    pd.testing.assert_frame_equal(data, before)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"kind": "rate"}, "kind"),
        ({"kind": "standardised_ratio"}, "observed"),
        ({"reference": 1.5}, "reference"),
        ({"overdispersion": "both"}, "overdispersion"),
        ({"winsorise": 0.5}, "winsorise"),
        ({"grid_points": 1}, "grid_points"),
    ],
)
def test_arguments_are_checked_by_name(arguments: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        funnel_limits(proportions([1, 2], [10, 10]), **arguments)


@pytest.fixture(scope="module")
def sample_indicators(sample_indicators: pd.DataFrame) -> pd.DataFrame:
    """The shared sample table (trusts and nation), latest year only."""
    latest = sample_indicators["year"].max()
    return sample_indicators[sample_indicators["year"] == latest].reset_index(drop=True)


def rate_rows(indicators: pd.DataFrame, indicator: str, group: str) -> pd.DataFrame:
    where = (
        (indicators["indicator"] == indicator)
        & (indicators["measure"] == "rate_pct")
        & (indicators["group"] == group)
    )
    return indicators[where.to_numpy()].set_index(["level", "code"])


@pytest.mark.parametrize("indicator", ["2", "3"])
def test_indicator_funnel_places_every_trust_as_observed_over_expected(
    sample_indicators: pd.DataFrame, indicator: str
) -> None:
    year = int(sample_indicators["year"].max())
    funnel = indicator_funnel(sample_indicators, year, indicator, "relative_likelihood")
    assert funnel.kind == "standardised_ratio"
    white, bme = (rate_rows(sample_indicators, indicator, g) for g in ("White", "BME"))
    white_rate = white["numerator"] / white["denominator"]
    national = ("national", "ENG")
    assert funnel.reference == pytest.approx(
        bme.loc[national, "numerator"] / bme.loc[national, "denominator"] / white_rate[national]
    )
    positions = funnel.positions.set_index("code")
    trusts = bme.loc["trust"]
    assert set(positions.index) == set(trusts.index)
    expected = trusts["denominator"] * white_rate.loc["trust"]
    np.testing.assert_allclose(positions["observed"], trusts.loc[positions.index, "numerator"])
    np.testing.assert_allclose(positions["expected"], expected.loc[positions.index], rtol=1e-12)
    placed = positions["position"] != "not plotted"
    assert (positions.loc[placed, "expected"] > 0).all()
    assert (positions.loc[~placed, "expected"].fillna(0) == 0).all()
    # The relative likelihood is BME over White for indicator 3, White over BME for 2.
    ratio = sample_indicators[
        (sample_indicators["indicator"] == indicator)
        & (sample_indicators["measure"] == "relative_likelihood")
        & (sample_indicators["group"] == "BME")
        & (sample_indicators["level"] == "trust")
    ].set_index("code")["value"]
    defined = ratio.dropna().index.intersection(positions.index[placed])
    figure = positions.loc[defined, "y"]
    rl = ratio.loc[defined] if indicator == "3" else 1 / ratio.loc[defined]
    np.testing.assert_allclose(figure, rl, rtol=1e-9)
    if indicator == "3":  # no BME staff entering disciplinary: placed at 0 where White staff did
        zero = positions[(positions["observed"] == 0) & placed]
        assert len(zero) > 0 and (zero["y"] == 0).all()
        assert (zero["position"] != "not plotted").all()


def test_funnel_positions_for_every_default_measure(sample_indicators: pd.DataFrame) -> None:
    table = funnel_positions(sample_indicators, overdispersion="additive")
    assert set(table["position"]) <= set(POSITIONS)
    assert {"relative_likelihood", "bme_share", "pct_bme", "board_bme_pct"} == set(table["measure"])
    assert not table.duplicated(["code", "indicator", "measure", "band", "group"]).any()
    assert table["method"].str.contains("DerSimonian-Laird").all()

"""Funnel limits: values computed by hand, their shape, overdispersion and positions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

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


@pytest.mark.parametrize(
    ("denominator", "lower_998", "lower_95", "upper_95", "upper_998"),
    [
        # p0 = 0.2: s = sqrt(0.2 * 0.8 / n); limits 0.2 -/+ 1.959964 s and 3.090232 s.
        (100, 0.2 - 0.1236093, 0.2 - 0.0783986, 0.2 + 0.0783986, 0.2 + 0.1236093),
        (400, 0.2 - 0.0618046, 0.2 - 0.0391993, 0.2 + 0.0391993, 0.2 + 0.0618046),
        (25, 0.0, 0.2 - 0.1567971, 0.2 + 0.1567971, 0.2 + 0.2472186),  # 0.2 - 0.247 < 0
    ],
)
def test_proportion_limits_by_hand(
    denominator: int, lower_998: float, lower_95: float, upper_95: float, upper_998: float
) -> None:
    data = proportions([20, 80, 5], [100, 400, 25])
    funnel = funnel_limits(data, reference=0.2)
    row = funnel.positions.set_index("denominator").loc[denominator]
    expected = (lower_998, lower_95, 0.2, upper_95, upper_998)
    assert tuple(row[list(LIMIT_COLUMNS)]) == pytest.approx(expected, abs=1e-7)


def test_default_reference_is_the_pooled_proportion() -> None:
    funnel = funnel_limits(proportions([10, 30], [100, 100]))
    assert funnel.reference == pytest.approx(0.2)
    assert "no overdispersion adjustment" in funnel.method


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


def test_ratio_limits_are_symmetric_on_the_log_scale() -> None:
    data = pd.DataFrame({"code": ["A", "B", "C"], "value": [1.2, 0.9, 2.5], "se": [0.1, 0.2, 0.4]})
    funnel = funnel_limits(data, "ratio", reference=1.3)
    limits = funnel.limits
    centre = np.log(1.3)
    for level in ("95", "998"):
        above = np.log(limits[f"upper_{level}"]) - centre
        below = centre - np.log(limits[f"lower_{level}"])
        np.testing.assert_allclose(above, below, rtol=1e-12)
    # Precision x = 1 / se**2; at se = 0.1 the 95% limits are 1.3 * exp(-/+ 1.959964 * 0.1).
    row = at(funnel, "A")
    assert row["x"] == pytest.approx(100)
    assert row["upper_95"] == pytest.approx(1.3 * np.exp(0.1959964), rel=1e-7)
    assert row["lower_95"] == pytest.approx(1.3 * np.exp(-0.1959964), rel=1e-7)
    assert row["position"] == "within"
    assert at(funnel, "C")["position"] == "within"
    assert at(funnel, "C")["z"] == pytest.approx(np.log(2.5 / 1.3) / 0.4)


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
    ratios = pd.DataFrame({"code": ["A", "B"], "value": [1.5, np.nan], "se": [0.2, np.nan]})
    assert list(funnel_limits(ratios, "ratio").positions["position"]) == ["within", "not plotted"]


def overdispersed(size: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    denominators = rng.integers(50, 2000, size)
    shares = np.clip(rng.normal(0.3, 0.08, size), 0.01, 0.99)
    return proportions(rng.binomial(denominators, shares), denominators)


def test_phi_and_tau2_by_hand() -> None:
    data = overdispersed()
    funnel = funnel_limits(data, reference=0.3, overdispersion="multiplicative")
    n, y = data["denominator"].to_numpy(float), data["numerator"] / data["denominator"]
    s = np.sqrt(0.3 * 0.7 / n)
    z = ((y - 0.3) / s).to_numpy()
    low, high = np.quantile(z, [0.1, 0.9])
    phi = np.mean(np.clip(z, low, high) ** 2)
    w = 1 / s**2
    tau2 = (len(z) * phi - (len(z) - 1)) / (w.sum() - (w**2).sum() / w.sum())
    assert funnel.phi == pytest.approx(phi) and phi > 1
    assert funnel.tau2 == pytest.approx(tau2) and tau2 > 0
    row = funnel.positions.iloc[0]
    s0 = np.sqrt(0.3 * 0.7 / row["denominator"])
    assert row["upper_95"] == pytest.approx(0.3 + Z_95 * np.sqrt(phi) * s0)
    additive = funnel_limits(data, reference=0.3, overdispersion="additive")
    row = additive.positions.iloc[0]
    assert row["upper_998"] == pytest.approx(0.3 + Z_998 * np.sqrt(s0**2 + tau2))
    assert "phi = " in funnel.method and "DerSimonian-Laird" in additive.method


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
        ({"kind": "ratio"}, "se"),
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


def test_indicator_funnel_uses_katz_errors_and_the_national_figure(
    sample_indicators: pd.DataFrame,
) -> None:
    year = int(sample_indicators["year"].max())
    funnel = indicator_funnel(sample_indicators, year, "2", "relative_likelihood")
    where = (
        (sample_indicators["indicator"] == "2")
        & (sample_indicators["measure"] == "relative_likelihood")
        & (sample_indicators["group"] == "BME")
    )
    rows = sample_indicators[where.to_numpy()]
    national = rows[(rows["level"] == "national").to_numpy()]["value"].iloc[0]
    assert funnel.reference == pytest.approx(national)
    trusts = rows[(rows["level"] == "trust").to_numpy()].set_index("code")
    positions = funnel.positions.set_index("code")
    assert set(positions.index) == set(trusts.index)
    # The indicator table's own Katz interval gives the same standard error.
    with_interval = trusts.dropna(subset=["ci_low"])
    se = np.log(with_interval["ci_high"] / with_interval["ci_low"]) / (2 * Z_95)
    np.testing.assert_allclose(positions.loc[se.index, "se"], se, rtol=1e-9)


def test_funnel_positions_for_every_default_measure(sample_indicators: pd.DataFrame) -> None:
    table = funnel_positions(sample_indicators, overdispersion="additive")
    assert set(table["position"]) <= set(POSITIONS)
    assert {"relative_likelihood", "bme_share", "pct_bme", "board_bme_pct"} == set(table["measure"])
    assert not table.duplicated(["code", "indicator", "measure", "band", "group"]).any()
    assert table["method"].str.contains("DerSimonian-Laird").all()

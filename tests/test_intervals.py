"""Intervals and tests against scipy and statsmodels, on hundreds of random tables."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats.contingency import relative_risk
from statsmodels.stats.contingency_tables import Table2x2
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from wres_lib.stats.intervals import (
    katz_interval,
    percent,
    percent_with_interval,
    two_proportion_test,
    wilson_interval,
    woolf_interval,
    z_value,
)

RNG_SEED = 20240331
TABLES = 400


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(RNG_SEED)


def random_counts(rng: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Totals from 1 to 5,000 and event counts from 1 to the total."""
    totals = rng.integers(1, 5_000, size)
    events = rng.integers(1, totals + 1)
    return events, totals


@pytest.mark.parametrize("conf", [0.90, 0.95, 0.99])
def test_katz_agrees_with_scipy_relative_risk(rng: np.random.Generator, conf: float) -> None:
    a, n_a = random_counts(rng, TABLES)
    b, n_b = random_counts(rng, TABLES)
    value, low, high = katz_interval(a, n_a, b, n_b, conf)
    for i in range(TABLES):
        expected = relative_risk(int(a[i]), int(n_a[i]), int(b[i]), int(n_b[i]))
        interval = expected.confidence_interval(confidence_level=conf)
        assert value[i] == pytest.approx(expected.relative_risk, rel=1e-12)
        assert (low[i], high[i]) == pytest.approx((interval.low, interval.high), rel=1e-9)


@pytest.mark.parametrize("conf", [0.90, 0.95, 0.99])
def test_woolf_agrees_with_statsmodels_table2x2(rng: np.random.Generator, conf: float) -> None:
    cells = rng.integers(1, 3_000, (TABLES, 4))
    value, low, high = woolf_interval(*cells.T, conf=conf)
    for i, (a, b, c, d) in enumerate(cells):
        expected = Table2x2(np.array([[a, b], [c, d]]))
        assert value[i] == pytest.approx(expected.oddsratio, rel=1e-12)
        interval = expected.oddsratio_confint(alpha=1 - conf)
        assert (low[i], high[i]) == pytest.approx(interval, rel=1e-9)


@pytest.mark.parametrize("conf", [0.90, 0.95, 0.99])
def test_wilson_agrees_with_statsmodels(rng: np.random.Generator, conf: float) -> None:
    totals = rng.integers(1, 2_000, TABLES)
    counts = rng.integers(0, totals + 1)
    low, high = wilson_interval(counts, totals, conf)
    expected_low, expected_high = proportion_confint(counts, totals, 1 - conf, method="wilson")
    np.testing.assert_allclose(low, expected_low, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(high, expected_high, rtol=1e-12, atol=1e-12)


def test_two_proportion_test_agrees_with_statsmodels(rng: np.random.Generator) -> None:
    x_a, n_a = random_counts(rng, TABLES)
    x_b, n_b = random_counts(rng, TABLES)
    z, p = two_proportion_test(x_a, n_a, x_b, n_b)
    for i in range(TABLES):
        pooled = (x_a[i] + x_b[i]) / (n_a[i] + n_b[i])
        if pooled in (0.0, 1.0):
            assert np.isnan(p[i])
            continue
        expected_z, expected_p = proportions_ztest([x_a[i], x_b[i]], [n_a[i], n_b[i]])
        assert (z[i], p[i]) == pytest.approx((expected_z, expected_p), rel=1e-9, abs=1e-300)


def test_wilson_is_exact_at_zero_and_all() -> None:
    low, high = wilson_interval([0, 7], [7, 7])
    assert low[0] == 0.0
    assert high[1] == 1.0


def test_zero_denominators_give_nan_without_warnings() -> None:
    with np.errstate(all="raise"):
        assert np.isnan(wilson_interval(0, 0)[0])
        assert np.isnan(percent(0, 0))
        assert np.isnan(two_proportion_test(0, 0, 1, 2)[1])
        assert np.isnan(two_proportion_test(0, 5, 0, 5)[1])  # pooled proportion 0
        assert np.isnan(katz_interval(1, 2, 0, 0)[0])
        assert np.isnan(woolf_interval(1, 0, 1, 1)[0])


def test_zero_events_keep_the_estimate_but_not_the_interval() -> None:
    value, low, high = katz_interval(0, 10, 3, 10)
    assert value == 0.0 and np.isnan(low) and np.isnan(high)
    value, low, high = katz_interval(3, 10, 0, 10)
    assert np.isnan(value) and np.isnan(low) and np.isnan(high)
    value, low, high = woolf_interval(0, 4, 5, 6)
    assert value == 0.0 and np.isnan(low) and np.isnan(high)


def test_percent_with_interval_is_in_percent() -> None:
    value, low, high = percent_with_interval(1, 4)
    expected_low, expected_high = proportion_confint(1, 4, method="wilson")
    assert value == 25.0
    assert (low, high) == pytest.approx((100 * expected_low, 100 * expected_high))


@pytest.mark.parametrize("conf", [0, 1, 1.5, -0.2, "0.95", True, None])
def test_bad_conf_is_refused_by_name(conf: object) -> None:
    with pytest.raises(ValueError, match="conf must be a number between 0 and 1"):
        z_value(conf)  # type: ignore[arg-type]

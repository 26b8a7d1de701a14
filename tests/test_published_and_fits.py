"""The analysis layer's published view (disclosure control) and its model fits, cached once per
context: checked against plain recounts of the flags and against the models called directly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.helpers.paths import SAMPLE
from wres_lib.analysis import fits as fits_module
from wres_lib.analysis.context import BriefingContext, load_context
from wres_lib.analysis.fits import Fits, likelihood_inputs
from wres_lib.analysis.published import (
    count_too_few,
    is_published,
    published_figures,
    published_rows,
    too_few_staff,
)
from wres_lib.briefings import trust
from wres_lib.models.funnels import indicator_funnel
from wres_lib.models.trends import trend

YEAR = 2025


@pytest.fixture(scope="module")
def context() -> BriefingContext:
    return load_context(SAMPLE)


@pytest.fixture(scope="module")
def rows(context: BriefingContext) -> pd.DataFrame:
    table = context.indicators
    return table[(table["level"] == "trust") & (table["year"] == YEAR)]


def small_by_hand(rows: pd.DataFrame) -> np.ndarray:
    """Rows whose flag list holds small_numbers, read one flag string at a time."""
    return np.array(["small_numbers" in str(flag).split(";") for flag in rows["flag"]])


def test_published_rows_leave_out_exactly_the_small_number_rows(rows: pd.DataFrame) -> None:
    small = small_by_hand(rows)
    assert 0 < small.sum() < len(rows), "the sample has figures on small numbers"
    kept = published_rows(rows)
    assert kept.index.equals(rows.index[~small])
    assert count_too_few(rows) == small.sum()


def test_published_figures_blank_exactly_the_small_number_figures(rows: pd.DataFrame) -> None:
    small = small_by_hand(rows)
    shown = published_figures(rows)
    figures = ["value", "ci_low", "ci_high"]
    assert shown.loc[small, figures].isna().all().all()
    pd.testing.assert_frame_equal(shown.loc[~small], rows.loc[~small])
    assert shown.loc[small, "numerator"].equals(rows.loc[small, "numerator"])
    assert rows.loc[small, "value"].notna().any(), "blanking hides values that exist"


def test_is_published_reads_flag_names_not_substrings() -> None:
    assert not is_published("small_numbers")
    assert not is_published("small_numbers;predecessors")
    assert is_published("above_1.25;ci_excludes_1")
    assert is_published("")


def test_model_employer_hides_senior_bands_on_too_few_staff_never_the_board() -> None:
    table = pd.DataFrame({"band": ["8a", "9", "Board", "VSM"], "staff": [3, 40, 2, 9]})
    assert list(too_few_staff(table)) == [True, False, False, True]


def test_likelihood_inputs_drop_each_year_whose_bme_figure_is_on_small_numbers() -> None:
    frame = pd.DataFrame(
        {
            "indicator": ["2", "2", "2", "2", "3", "3", "1"],
            "measure": ["relative_likelihood", "rate_pct"] * 2
            + ["relative_likelihood"] * 2
            + ["bme_share"],
            "group": ["BME", "White", "BME", "White", "BME", "BME", "BME"],
            "year": [2024, 2024, 2025, 2025, 2024, 2025, 2025],
            "flag": ["", "", "small_numbers;above_1.25", "", "", "", "small_numbers"],
        }
    )
    kept = likelihood_inputs(frame)
    assert list(zip(kept["indicator"], kept["year"], strict=True)) == [
        ("2", 2024),
        ("2", 2024),
        ("3", 2024),
        ("3", 2025),
    ]


def test_the_funnel_is_fitted_on_published_rows(context: BriefingContext) -> None:
    table = context.indicators
    chosen = table[table["level"].isin(["trust", "national"]) & (table["year"] == YEAR)]
    published = chosen[~small_by_hand(chosen)]
    expected = indicator_funnel(
        published, YEAR, "2", "relative_likelihood", overdispersion="additive"
    )
    fitted = Fits(context).funnel(YEAR)
    pd.testing.assert_frame_equal(fitted.positions, expected.positions)
    pd.testing.assert_frame_equal(fitted.limits, expected.limits)


def test_fits_are_cached_once_per_context(
    context: BriefingContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"funnel": 0, "trend": 0}

    def counted(name: str, function):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(fits_module, "indicator_funnel", counted("funnel", indicator_funnel))
    monkeypatch.setattr(fits_module, "trend", counted("trend", trend))
    fresh = BriefingContext(context.dataset)
    fresh.__dict__["indicators"] = context.indicators  # reuse the computed table
    assert fresh.fits is fresh.fits
    for code in ("ZT001", "ZT015", "ZT001"):
        briefing = trust.TrustBriefing(fresh, code, YEAR)
        briefing.funnel()
        briefing.trends()
    assert calls == {"funnel": 1, "trend": 2}  # one funnel per year, one trend fit per trust
    expected = trend(likelihood_inputs(fresh.history("ZT015", YEAR)), ["relative_likelihood"])
    fitted = fresh.fits.trends("ZT015", YEAR)
    pd.testing.assert_frame_equal(fitted, expected[expected["group"] == "BME"])

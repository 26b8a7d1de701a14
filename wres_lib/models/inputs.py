"""Model inputs read back from the tidy indicator table (:mod:`wres_lib.indicators.compute`).

Which measures are proportions and which are ratios, the counts behind a relative likelihood
and their Katz variances, and the value of a matching comparison row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.data.schema import WHITE
from wres_lib.indicators.catalogue import (
    BOARD_PERCENT_MEASURES,
    LIKELIHOOD_INDICATORS,
    PERCENT_MEASURES,
)

BOARD_MEASURES = frozenset(BOARD_PERCENT_MEASURES)
# Percentages with their counts in numerator and denominator.
PROPORTION_MEASURES = frozenset(PERCENT_MEASURES)
# Relative likelihoods whose Katz variance comes from the rate_pct rows of the same year.
RATIO_MEASURES = frozenset(indicator.headline_measure for indicator in LIKELIHOOD_INDICATORS)
SHARE_MEASURES = frozenset({"bme_share", "group_share"})
RATE_MEASURE = "rate_pct"
ALL = "all"
PERCENT = 100.0
SENIOR_BANDS = ("upper", "Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9", "VSM")


def default_rows(indicators: pd.DataFrame) -> pd.Series:
    """The rows the briefings model by default (trends, funnels, peers).

    Relative likelihoods of indicators 2-4 (every group); the BME share of the whole workforce,
    of the upper band group and of each senior band (all staff groups together); the BME
    percentages of survey indicators 5-8; the BME percentage of the voting board.
    """
    measure, band = indicators["measure"], indicators["band"]
    whole_or_senior = (indicators["staff_group"] == ALL) & band.isin([ALL, *SENIOR_BANDS])
    return (
        (measure == "relative_likelihood")
        | ((measure == "bme_share") & whole_or_senior)
        | (measure == "pct_bme")
        | (measure == "board_bme_pct")
    )


def likelihood_counts(indicators: pd.DataFrame, ratios: pd.DataFrame) -> dict[str, np.ndarray]:
    """The counts behind each relative likelihood row, from the ``rate_pct`` rows of the same
    year: ``white_events``, ``white_total`` (the White group) and ``events``, ``total`` (the
    row's group), NaN where a rate row is missing."""
    rates = indicators[(indicators["measure"] == RATE_MEASURE).to_numpy()]
    if rates.empty:
        raise ValueError(
            "indicators has no rate_pct rows: models of relative likelihoods need their counts"
        )
    on = ["year", "level", "code", "indicator"]
    white = rates[(rates["group"] == WHITE).to_numpy()]
    return {
        "white_events": lookup(ratios, white, on, "numerator"),
        "white_total": lookup(ratios, white, on, "denominator"),
        "events": lookup(ratios, rates, [*on, "group"], "numerator"),
        "total": lookup(ratios, rates, [*on, "group"], "denominator"),
    }


def katz_variances(indicators: pd.DataFrame, ratios: pd.DataFrame) -> np.ndarray:
    """``1/a - 1/n_a + 1/b - 1/n_b`` for each relative likelihood row, from the rate rows of the
    White group and the row's group in the same year (NaN where an event count is zero)."""
    counts = likelihood_counts(indicators, ratios)
    a, n_a = counts["white_events"], counts["white_total"]
    b, n_b = counts["events"], counts["total"]
    with np.errstate(divide="ignore", invalid="ignore"):
        variance = 1 / a - 1 / n_a + 1 / b - 1 / n_b
    return np.where((a > 0) & (b > 0), variance, np.nan)


def lookup(
    rows: pd.DataFrame, source: pd.DataFrame, on: list[str], column: str = "value"
) -> np.ndarray:
    """``column`` of the ``source`` row matching each of ``rows`` on ``on`` (NaN if none)."""
    text = {key: str for key in on if key != "year"}
    left = rows[on].astype(text)
    right = source[[*on, column]].astype(text).drop_duplicates(on)
    found = left.merge(right, on=on, how="left")[column]
    return found.to_numpy(dtype=np.float64, na_value=np.nan)

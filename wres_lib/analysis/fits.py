"""The model fits briefings show, computed once per context and reused by every briefing.

Two fits, both on published figures only (:mod:`wres_lib.analysis.published`): the trend of a
trust's relative likelihoods (indicators 2-4) over its history, continued across its
predecessors, and the funnel of indicator 2 across all trusts in a year. :class:`Fits` keeps each
one the first time a briefing asks for it; a build's worker shares one context, so the funnel of
a year is fitted once for all of its trust briefings.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol

import pandas as pd

from wres_lib.analysis.published import published_rows, too_few
from wres_lib.data.schema import BME
from wres_lib.indicators.catalogue import LIKELIHOOD_INDICATORS
from wres_lib.models.funnels import ADDITIVE, Funnel, indicator_funnel
from wres_lib.models.trends import trend

TREND_MEASURE = "relative_likelihood"
FUNNEL_INDICATOR = "2"
FUNNEL_LEVELS = ("trust", "national")


def likelihood_inputs(history: pd.DataFrame) -> pd.DataFrame:
    """The rows a likelihood trend is fitted to: indicators 2-4, their relative likelihoods and
    rates, without the years whose BME figure rests on small numbers (not published, so not
    fitted either)."""
    numbers = [i.number for i in LIKELIHOOD_INDICATORS]
    inputs = history[
        history["measure"].isin([TREND_MEASURE, "rate_pct"]) & history["indicator"].isin(numbers)
    ]
    headline = (inputs["measure"] == TREND_MEASURE) & (inputs["group"] == BME)
    small_years = inputs.loc[headline & too_few(inputs), ["indicator", "year"]]
    keys = inputs.set_index(["indicator", "year"]).index
    return inputs[~keys.isin(small_years.set_index(["indicator", "year"]).index)]


def likelihood_trends(history: pd.DataFrame) -> pd.DataFrame:
    """The fitted trend of each BME relative likelihood (indicators 2-4) in ``history``
    (:func:`~wres_lib.models.trends.trend`, one row per indicator)."""
    fitted = trend(likelihood_inputs(history), measures=[TREND_MEASURE])
    return fitted[fitted["group"] == BME]


def appointment_funnel(indicators: pd.DataFrame, year: int) -> Funnel:
    """The funnel of indicator 2 across the trusts of ``year`` against England, trusts whose
    figure is too small to publish left out: BME appointments observed over those expected at
    the trust's White rate, with FunnelPlotR's additive overdispersion adjustment (limits
    widened by the variation between trusts, when there is any)."""
    rows = indicators[indicators["level"].isin(FUNNEL_LEVELS) & (indicators["year"] == year)]
    return indicator_funnel(
        published_rows(rows), year, FUNNEL_INDICATOR, TREND_MEASURE, overdispersion=ADDITIVE
    )


class FitSource(Protocol):
    """What the fits read: a :class:`~wres_lib.analysis.context.BriefingContext`."""

    @property
    def indicators(self) -> pd.DataFrame: ...

    def history(self, code: str, year: int) -> pd.DataFrame: ...


class Fits:
    """The fits of one context, each computed the first time it is asked for."""

    def __init__(self, context: FitSource) -> None:
        self._context = context
        self.trends = cache(self._trends)
        self.funnel = cache(self._funnel)

    def _trends(self, code: str, year: int) -> pd.DataFrame:
        """Trust ``code``'s likelihood trends up to ``year`` (:func:`likelihood_trends`)."""
        return likelihood_trends(self._context.history(code, year))

    def _funnel(self, year: int) -> Funnel:
        """The funnel of indicator 2 in ``year`` (:func:`appointment_funnel`)."""
        return appointment_funnel(self._context.indicators, year)

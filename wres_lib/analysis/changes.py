"""Changes since the year before: every likelihood (indicators 2-4) and survey percentage (5-8)
of every organisation at a level, with a test of whether it moved beyond chance.

The ``biggest-changes`` press table and the national edition's story of the year's changes both
read :func:`changes`, so a change called significant in one is significant in the other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import ndtr  # the normal cdf scipy.stats.norm computes, a lighter import

from wres_lib.analysis.context import BriefingContext
from wres_lib.analysis.figures import measure_rows
from wres_lib.analysis.published import is_published
from wres_lib.indicators.catalogue import LIKELIHOOD_INDICATORS, SURVEY_INDICATORS
from wres_lib.indicators.flags import FEW_EVENTS, has_flag
from wres_lib.stats.intervals import two_proportion_test, z_value

# (indicator, measure, column label) of every measure compared with the year before.
CHANGE_MEASURES = (
    *((i.number, "relative_likelihood", f"rl_{i.slug}") for i in LIKELIHOOD_INDICATORS),
    *((i.number, "pct_bme", f"{i.slug}_bme_pct") for i in SURVEY_INDICATORS),
)
SIGNIFICANCE = 0.05
Z95 = z_value(0.95)


def _comparable(flag: str) -> bool:
    """A figure published and (a ratio) resting on enough events in each group to rank."""
    return is_published(flag) and not has_flag(flag, FEW_EVENTS)


def changes(context: BriefingContext, year: int, level: str) -> pd.DataFrame:
    """Every measure of :data:`CHANGE_MEASURES` against the year before, with a test.

    Relative likelihoods: a z test of the difference of log ratios, each standard error taken
    from its 95% Katz interval. Survey percentages: a two-proportion z test on respondents.
    Rows resting on small numbers or (ratios) too few events to rank in either year, or without
    a test, are left out (the claim floor of every ranked figure). Columns:
    code, measure, previous, current, z, p_value, change, relative_change (percent).
    """
    frames = []
    for indicator, measure, label in CHANGE_MEASURES:
        now = measure_rows(context.indicators, year, level, indicator, measure)
        before = measure_rows(context.indicators, year - 1, level, indicator, measure)
        both = now.join(before, how="inner", suffixes=("", "_before"))
        both = both[both["flag"].map(_comparable) & both["flag_before"].map(_comparable)]
        if measure == "relative_likelihood":
            with np.errstate(divide="ignore", invalid="ignore"):
                se = (np.log(both["ci_high"]) - np.log(both["ci_low"])) / (2 * Z95)
                se_before = (np.log(both["ci_high_before"]) - np.log(both["ci_low_before"])) / (
                    2 * Z95
                )
                z = (np.log(both["value"]) - np.log(both["value_before"])) / np.sqrt(
                    se**2 + se_before**2
                )
            p = pd.Series(2 * ndtr(-np.abs(z.to_numpy(dtype=float))), index=both.index)
        else:
            counts = [
                both[c].to_numpy(dtype=float, na_value=np.nan)
                for c in ("numerator", "denominator", "numerator_before", "denominator_before")
            ]
            z_values, p_values = two_proportion_test(*counts)
            z, p = pd.Series(z_values, index=both.index), pd.Series(p_values, index=both.index)
        frames.append(
            pd.DataFrame(
                {
                    "measure": label,
                    "previous": both["value_before"],
                    "current": both["value"],
                    "z": z,
                    "p_value": p,
                }
            )
        )
    result = pd.concat(frames).rename_axis("code").reset_index()
    result = result[np.isfinite(result["z"].astype(float))]
    result["change"] = result["current"] - result["previous"]
    result["relative_change"] = 100 * result["change"] / result["previous"]
    return result.reset_index(drop=True)


def significant(found: pd.DataFrame) -> pd.DataFrame:
    """The changes of a :func:`changes` frame with a p-value under :data:`SIGNIFICANCE`,
    largest relative change first (ties by code and measure)."""
    found = found[found["p_value"] < SIGNIFICANCE]
    found = found.assign(_size=found["relative_change"].abs()).sort_values(
        ["_size", "code", "measure"], ascending=[False, True, True]
    )
    return found.drop(columns="_size")


def significant_changes(context: BriefingContext, year: int, level: str) -> pd.DataFrame:
    """:func:`significant` changes at ``level`` since the year before ``year``."""
    if year - 1 not in context.dataset.years:
        raise ValueError(f"no year before {year} in the data to compare with")
    return significant(changes(context, year, level))

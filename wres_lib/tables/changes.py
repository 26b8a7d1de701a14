"""The press table of the biggest significant changes since the year before (indicators 2-8)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import ndtr  # the normal cdf scipy.stats.norm computes, a lighter import

from wres_lib.analysis.context import BriefingContext
from wres_lib.stats.intervals import two_proportion_test, z_value
from wres_lib.tables.columns import LIKELIHOODS, SURVEY, organisations, pick
from wres_lib.tables.press import PressTable, finish, footnote, too_few

CHANGE_MEASURES = (
    *((i, "relative_likelihood", f"rl_{name}") for i, name in LIKELIHOODS.items()),
    *((i, "pct_bme", f"{name}_bme_pct") for i, name in SURVEY.items()),
)
SIGNIFICANCE = 0.05
Z95 = z_value(0.95)


def changes(context: BriefingContext, year: int, level: str) -> pd.DataFrame:
    """Every measure of :data:`CHANGE_MEASURES` against the year before, with a test.

    Relative likelihoods: a z test of the difference of log ratios, each standard error taken
    from its 95% Katz interval. Survey percentages: a two-proportion z test on respondents.
    Rows resting on small numbers in either year, or without a test, are left out.
    """
    frames = []
    for indicator, measure, label in CHANGE_MEASURES:
        now = pick(context, year, level, indicator, measure)
        before = pick(context, year - 1, level, indicator, measure)
        both = now.join(before, how="inner", suffixes=("", "_before"))
        both = both[~too_few(both["flag"]) & ~too_few(both["flag_before"])]
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


def biggest_changes(context: BriefingContext, year: int, level: str) -> PressTable:
    """Significant changes since the year before, largest relative change first."""
    if year - 1 not in context.dataset.years:
        raise ValueError(f"no year before {year} in the data to compare with")
    found = changes(context, year, level)
    found = found[found["p_value"] < SIGNIFICANCE]
    found = found.assign(_size=found["relative_change"].abs()).sort_values(
        ["_size", "code", "measure"], ascending=[False, True, True]
    )
    names = organisations(context, year, level)["name"]
    ratio = found["measure"].str.startswith("rl_")
    decimals = np.where(ratio, 2, 1)
    frame = pd.DataFrame(
        {
            "code": found["code"],
            "name": found["code"].map(names),
            "measure": found["measure"],
            "unit": np.where(ratio, "ratio", "percent"),
            f"value_{year - 1}": [
                round(v, d) for v, d in zip(found["previous"], decimals, strict=True)
            ],
            f"value_{year}": [round(v, d) for v, d in zip(found["current"], decimals, strict=True)],
            "change": [round(v, d) for v, d in zip(found["change"], decimals, strict=True)],
            "relative_change_pct": found["relative_change"].round(1),
            "p_value": found["p_value"].map(lambda p: float(f"{p:.3g}")),
        }
    )
    notes = footnote(
        context,
        year,
        [
            f"Changes from WRES {year - 1} to {year} with a two-sided p-value under "
            f"{SIGNIFICANCE} (our addition); sorted by the change as a percentage of the "
            "earlier value. Figures resting on small numbers in either year are left out.",
            "rl_*: relative likelihoods (indicators 2-4), z test of the difference of log "
            "ratios with Katz standard errors. *_bme_pct: BME staff survey percentages "
            "(indicators 5-8), two-proportion z test.",
            "With many comparisons, some changes will pass the test by chance (about 1 in 20 "
            "where nothing changed).",
        ],
    )
    title = f"Biggest significant changes since {year - 1}, {level}s, WRES {year}"
    return finish(context, "biggest-changes", title, frame, notes, level=level)

"""One row per trust with the headline measures, for ranking tables and findings."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.analysis.context import BriefingContext, display_name
from wres_lib.analysis.published import too_few
from wres_lib.indicators.flags import FEW_EVENTS, has_flag

# A board is "unbalanced" in the trade-press sense when it is all white although at least
# this share of the workforce is BME.
UNBALANCED_WORKFORCE_SHARE = 20.0
# (column, indicator, measure, band, group, field)
SUMMARY_COLUMNS = (
    ("workforce_bme_pct", "1", "bme_share", "all", "BME", "value"),
    ("staff", "1", "bme_share", "all", "BME", "denominator"),
    ("upper_bme_pct", "1", "bme_share", "upper", "BME", "value"),
    ("bme_executives", "9", "executive_bme_pct", "all", "BME", "numerator"),
    ("executives", "9", "executive_bme_pct", "all", "BME", "denominator"),
    ("bme_non_executives", "9", "non_executive_bme_pct", "all", "BME", "numerator"),
    ("non_executives", "9", "non_executive_bme_pct", "all", "BME", "denominator"),
    ("board_bme_pct", "9", "board_bme_pct", "all", "BME", "value"),
    ("board_gap_points", "9", "board_gap_points", "all", "BME", "value"),
    ("board_unknown_pct", "9", "unknown_pct", "all", "Unknown", "value"),
    ("rl_appointment", "2", "relative_likelihood", "all", "BME", "value"),
    ("rl_disciplinary", "3", "relative_likelihood", "all", "BME", "value"),
    ("rl_training", "4", "relative_likelihood", "all", "BME", "value"),
)
# Columns that may rest on small numbers: each gets a "<column>_too_few" companion.
PUBLISHED_FIGURES = ("upper_bme_pct", "rl_appointment", "rl_disciplinary", "rl_training")
# Ratios that may rest on too few events to rank: each gets a "<column>_few_events" companion.
RANKED_RATIOS = ("rl_appointment", "rl_disciplinary", "rl_training")


def trust_summary(
    context: BriefingContext, year: int, codes: list[str] | None = None
) -> pd.DataFrame:
    """Headline measures of every trust (or ``codes``) in ``year``, one row per trust.

    Columns: code, name, org_type, icb_code, region_code, those of :data:`SUMMARY_COLUMNS`,
    ``<column>_too_few`` for :data:`PUBLISHED_FIGURES` (True where the figure rests on small
    numbers and must read "too few to report"), ``<column>_few_events`` for
    :data:`RANKED_RATIOS` (True where a group had too few events to rank the ratio),
    ``board_reported`` (the trust reported both executive and non-executive members),
    ``no_bme_executive`` and ``whole_board_white``
    (claims made only where the data supports them: members reported, every voting member's
    ethnicity recorded).
    """
    table = context.indicators
    rows = table[
        (table["level"] == "trust") & (table["year"] == year) & (table["staff_group"] == "all")
    ]
    if codes is not None:
        rows = rows[rows["code"].isin(codes)]
    organisations = context.dataset.organisations.set_index("org_code")
    present_codes = sorted(rows["code"].unique())
    summary = pd.DataFrame({"code": present_codes})
    summary["name"] = [display_name(str(organisations.at[c, "org_name"])) for c in present_codes]
    for column in ("org_type", "icb_code", "region_code"):
        summary[column] = [str(organisations.at[c, column]) for c in present_codes]
    for column, indicator, measure, band, group, field in SUMMARY_COLUMNS:
        chosen = rows[
            (rows["indicator"] == indicator)
            & (rows["measure"] == measure)
            & (rows["band"] == band)
            & (rows["group"] == group)
        ]
        index = chosen["code"].to_numpy()
        values = pd.Series(chosen[field].to_numpy(dtype=float, na_value=np.nan), index=index)
        summary[column] = summary["code"].map(values)
        if column in PUBLISHED_FIGURES:
            small = pd.Series(too_few(chosen).to_numpy(), index=index)
            summary[f"{column}_too_few"] = summary["code"].map(small).fillna(False).astype(bool)
        if column in RANKED_RATIOS:
            few = chosen["flag"].astype(str).map(lambda flag: has_flag(flag, FEW_EVENTS))
            few = pd.Series(few.to_numpy(dtype=bool), index=index)
            summary[f"{column}_few_events"] = summary["code"].map(few).fillna(False).astype(bool)
    summary["board_reported"] = (summary["executives"] > 0) & (summary["non_executives"] > 0)
    summary["no_bme_executive"] = (summary["executives"] > 0) & (summary["bme_executives"] == 0)
    summary["whole_board_white"] = (
        summary["board_reported"]
        & (summary["board_unknown_pct"] == 0)
        & (summary["bme_executives"] == 0)
        & (summary["bme_non_executives"] == 0)
    )
    return summary


def reportable(summary: pd.DataFrame, column: str) -> pd.Series:
    """The trusts' figures in ``column`` that may be published (small numbers left out)."""
    hidden = summary.get(f"{column}_too_few", pd.Series(False, index=summary.index))
    return summary[column].mask(hidden).dropna()


def rankable(summary: pd.DataFrame, column: str) -> pd.Series:
    """The trusts' figures in ``column`` that may be ranked: published, and (for a ratio)
    resting on enough events in each group."""
    few = summary.get(f"{column}_few_events", pd.Series(False, index=summary.index))
    return reportable(summary, column).drop(summary.index[few.to_numpy()], errors="ignore")


def unbalanced_boards(summary: pd.DataFrame) -> pd.DataFrame:
    """The trusts of a summary with an entirely white board although at least
    :data:`UNBALANCED_WORKFORCE_SHARE` percent of their workforce is BME."""
    chosen = summary["whole_board_white"] & (
        summary["workforce_bme_pct"] >= UNBALANCED_WORKFORCE_SHARE
    )
    return summary[chosen]

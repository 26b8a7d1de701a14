"""One row per trust with the headline measures, for ranking tables and findings."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.briefings.context import BriefingContext, display_name

# (column, indicator, measure, band, field)
SUMMARY_COLUMNS = (
    ("workforce_bme_pct", "1", "bme_share", "all", "value"),
    ("staff", "1", "bme_share", "all", "denominator"),
    ("upper_bme_pct", "1", "bme_share", "upper", "value"),
    ("bme_executives", "9", "executive_bme_pct", "all", "numerator"),
    ("executives", "9", "executive_bme_pct", "all", "denominator"),
    ("bme_non_executives", "9", "non_executive_bme_pct", "all", "numerator"),
    ("non_executives", "9", "non_executive_bme_pct", "all", "denominator"),
    ("board_bme_pct", "9", "board_bme_pct", "all", "value"),
    ("board_gap_points", "9", "board_gap_points", "all", "value"),
    ("rl_appointment", "2", "relative_likelihood", "all", "value"),
    ("rl_disciplinary", "3", "relative_likelihood", "all", "value"),
    ("rl_training", "4", "relative_likelihood", "all", "value"),
)
PUBLISHED_RATIOS = ("upper_bme_pct", "rl_appointment", "rl_disciplinary", "rl_training")


def trust_summary(
    context: BriefingContext, year: int, codes: list[str] | None = None
) -> pd.DataFrame:
    """Headline measures of every trust (or ``codes``) in ``year``, one row per trust.

    Figures flagged as small numbers are left empty, as in anything published. Columns:
    code, name, org_type, icb_code, region_code and those of :data:`SUMMARY_COLUMNS`.
    """
    table = context.indicators
    rows = table[
        (table["level"] == "trust")
        & (table["year"] == year)
        & (table["staff_group"] == "all")
        & (table["group"] == "BME")
    ]
    if codes is not None:
        rows = rows[rows["code"].isin(codes)]
    organisations = context.dataset.organisations.set_index("org_code")
    present_codes = sorted(rows["code"].unique())
    summary = pd.DataFrame({"code": present_codes})
    summary["name"] = [display_name(str(organisations.at[c, "org_name"])) for c in present_codes]
    for column in ("org_type", "icb_code", "region_code"):
        summary[column] = [str(organisations.at[c, column]) for c in present_codes]
    for column, indicator, measure, band, field in SUMMARY_COLUMNS:
        chosen = rows[
            (rows["indicator"] == indicator) & (rows["measure"] == measure) & (rows["band"] == band)
        ]
        values = chosen[field].to_numpy(dtype=float, na_value=np.nan).copy()
        if column in PUBLISHED_RATIOS:
            values[chosen["flag"].str.contains("small_numbers").to_numpy()] = np.nan
        summary[column] = summary["code"].map(pd.Series(values, index=chosen["code"].to_numpy()))
    summary["whole_board_white"] = (summary["bme_executives"] == 0) & (
        summary["bme_non_executives"] == 0
    )
    return summary

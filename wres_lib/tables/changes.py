"""The press table of the biggest significant changes since the year before (indicators 2-8)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.analysis.changes import SIGNIFICANCE, significant_changes
from wres_lib.analysis.context import BriefingContext
from wres_lib.stats.small_numbers import DEFAULT_RULE
from wres_lib.tables.columns import organisations
from wres_lib.tables.press import PressTable, finish, footnote


def biggest_changes(context: BriefingContext, year: int, level: str) -> PressTable:
    """Significant changes since the year before, largest relative change first."""
    found = significant_changes(context, year, level)
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
            "earlier value. Figures resting on small numbers, and ratios on too few events "
            f"to rank (fewer than {DEFAULT_RULE.min_events} in a group), in either year are "
            "left out.",
            "rl_*: relative likelihoods (indicators 2-4), z test of the difference of log "
            "ratios with Katz standard errors. *_bme_pct: BME staff survey percentages "
            "(indicators 5-8), two-proportion z test.",
            "With many comparisons, some changes will pass the test by chance (about 1 in 20 "
            "where nothing changed).",
        ],
    )
    title = f"Biggest significant changes since {year - 1}, {level}s, WRES {year}"
    return finish(context, "biggest-changes", title, frame, notes, level=level)

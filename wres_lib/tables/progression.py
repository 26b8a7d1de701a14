"""The press table of the progression ladder: each step's odds ratio and the located bottleneck."""

from __future__ import annotations

import pandas as pd

from wres_lib.analysis.context import BriefingContext, display_name
from wres_lib.indicators.flags import BOTTLENECK, has_flag
from wres_lib.indicators.progression import INDICATOR
from wres_lib.stats.small_numbers import DEFAULT_RULE
from wres_lib.tables.columns import assessment, sums_note
from wres_lib.tables.press import PressTable, finish, footnote, published, published_counts, too_few

PROGRESSION_METHOD = (
    "Progression ladder (our addition): Agenda for Change staff on six rungs (Bands 1-4, Band 5, "
    "Band 6, Band 7, Bands 8a-8b, Bands 8c-VSM); medical grades are a separate career structure "
    "and are left out. ratio: for each step between adjacent rungs, the odds of a White member "
    "of staff being on the higher rung rather than the lower, divided by the same odds for a "
    "BME colleague, (white_upper / white_lower) / (bme_upper / bme_lower), with Woolf's 95% "
    "interval; 1 is parity, above 1 favours White staff."
)
BOTTLENECK_METHOD = (
    "bottleneck: true on the step where BME staff fall away most, the largest ratio among the "
    f"steps whose four counts are each at least {DEFAULT_RULE.min_events} and whose interval "
    "lies above 1; no row is true where no step qualifies. Unlike NHS England's lower-to-upper "
    "disparity ratio, which multiplies the steps it spans, the steps do not overlap."
)


def progression(context: BriefingContext, year: int, level: str) -> PressTable:
    """Every step of every organisation's ladder, in code and step order, with the bottleneck."""
    table = context.indicators
    rows = table[
        (table["level"] == level)
        & (table["year"] == year)
        & (table["indicator"] == INDICATOR)
        & table["measure"].isin(["step_ratio", "step_white_odds"])
    ]
    keys = ["code", "band"]
    ratio = rows[rows["measure"] == "step_ratio"].set_index(keys)
    white = rows[rows["measure"] == "step_white_odds"].set_index(keys)
    ratio = ratio.reset_index()
    ratio = ratio.assign(_code=ratio["code"].astype(str), _step=ratio["band"].cat.codes)
    ratio = ratio.sort_values(["_code", "_step"])
    flags = ratio["flag"].astype(str)
    small = too_few(flags)
    frame = pd.DataFrame(
        {
            "org_code": ratio["_code"],
            "name": ratio["name"].astype(str).map(display_name),
            "step": ratio["band"].astype(str),
            "ratio": published(ratio["value"], 2, small),
            "ci_low": published(ratio["ci_low"], 2, small),
            "ci_high": published(ratio["ci_high"], 2, small),
            "assessment": [assessment(f) for f in flags],
            "bottleneck": [has_flag(f, BOTTLENECK) for f in flags],
            "white_lower": published_counts(_aligned(white, ratio, "denominator")),
            "white_upper": published_counts(_aligned(white, ratio, "numerator")),
            "bme_lower": published_counts(ratio["denominator"]),
            "bme_upper": published_counts(ratio["numerator"]),
        }
    )
    notes = footnote(context, year, [PROGRESSION_METHOD, BOTTLENECK_METHOD, *sums_note(level)])
    title = f"Progression ladder: where BME staff fall away, {level}s, WRES {year}"
    return finish(context, "progression", title, frame, notes, level=level)


def _aligned(white: pd.DataFrame, ratio: pd.DataFrame, field: str) -> pd.Series:
    """``field`` of the White row of each step of ``ratio``, in ``ratio``'s order."""
    index = pd.MultiIndex.from_arrays([ratio["code"], ratio["band"]])
    return pd.Series(white[field].reindex(index).to_numpy(), index=ratio.index)

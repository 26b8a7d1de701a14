"""Which organisation leads a ranked measure in ``wres stories``: the widest board gap, the highest
significant relative likelihood, the widest significant survey gap.

Each pick follows the claim floors: a figure on small numbers is never picked, nor a ratio on
too few events to rank or without an interval excluding 1. Ties go to the lower code, so the
same data always names the same organisation. :mod:`wres_lib.tables.stories` words the pick and
quotes the press table row of the organisation picked.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.analysis.context import BriefingContext
from wres_lib.analysis.figures import measure_rows
from wres_lib.analysis.published import is_published
from wres_lib.indicators.flags import CI_EXCLUDES_1, FEW_EVENTS, SIGNIFICANT, UNDEFINED, has_flag


def _first(values: pd.Series, ascending: bool) -> str | None:
    """The code of the first value in order (ties by code), or None when there is none."""
    if values.empty:
        return None
    frame = pd.DataFrame({"value": values.astype(float).to_numpy(), "code": list(values.index)})
    return str(frame.sort_values(["value", "code"], ascending=[ascending, True])["code"].iloc[0])


def widest_board_gap(context: BriefingContext, year: int, level: str) -> str | None:
    """The organisation whose voting board is furthest below its workforce's BME share, among
    those with board members and a published workforce share."""
    gap = measure_rows(context.indicators, year, level, "9", "board_gap_points")
    board = measure_rows(context.indicators, year, level, "9", "board_bme_pct")
    workforce = measure_rows(context.indicators, year, level, "1", "bme_share")
    with_board = board.index[board["denominator"].fillna(0) > 0]
    shown = workforce.index[workforce["flag"].map(is_published) & workforce["value"].notna()]
    values = gap["value"].dropna()
    return _first(values[values.index.isin(with_board) & values.index.isin(shown)], True)


def highest_ratio(context: BriefingContext, year: int, level: str, indicator: str) -> str | None:
    """The organisation with the highest relative likelihood on ``indicator`` above 1 (to two
    decimals), published, rankable and with an interval excluding 1."""
    rows = measure_rows(context.indicators, year, level, indicator, "relative_likelihood")
    flags = rows["flag"]
    rankable = (
        flags.map(is_published)
        & flags.map(lambda f: has_flag(f, CI_EXCLUDES_1))
        & ~flags.map(lambda f: has_flag(f, FEW_EVENTS) or has_flag(f, UNDEFINED))
        & np.isfinite(rows[["value", "ci_low", "ci_high"]].astype(float)).all(axis=1)
    )
    values = rows.loc[rankable, "value"].astype(float)
    return _first(values[values.round(2) > 1], False)


def widest_survey_gap(
    context: BriefingContext, year: int, level: str, indicator: str
) -> str | None:
    """The organisation with the widest significant survey gap (BME above White) on
    ``indicator``, among published gaps."""
    rows = measure_rows(context.indicators, year, level, indicator, "gap_points")
    flags = rows["flag"]
    chosen = flags.map(is_published) & flags.map(lambda f: has_flag(f, SIGNIFICANT))
    values = rows.loc[chosen & rows["p_value"].notna(), "value"].astype(float).dropna()
    return _first(values[values > 0], False)

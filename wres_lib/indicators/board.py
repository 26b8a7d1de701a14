"""Indicator 9: BME share of the board against the BME share of the workforce.

Three memberships: the voting board (executive and non-executive voting members), all executive
members and all non-executive members (voting or not). Each gives its BME percentage and its gap
in points against the workforce; the voting board also gives the percentage of members whose
ethnicity is unknown. Board membership is public, so it is never flagged as small numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.data.schema import BME, UNKNOWN, WHITE
from wres_lib.indicators.aggregate import GROUPS, align, group_counts, sum_by
from wres_lib.indicators.catalogue import MEMBERSHIPS
from wres_lib.indicators.flags import ADVERSE, UNDEFINED
from wres_lib.indicators.tidy import Block, Settings, block, flag_column, note_column
from wres_lib.stats.intervals import percent

NO_WORKFORCE = "no workforce figure for this year, so there is no gap"


def board_indicator(
    board: pd.DataFrame, whole_workforce: pd.DataFrame, settings: Settings
) -> list[Block]:
    """Blocks of {membership}_bme_pct, {membership}_gap_points and unknown_pct.

    ``whole_workforce`` has one row per year and code with White and BME headcounts.
    """
    lmap = settings.lmap
    wide = group_counts(board, lmap, ["role", "voting"], ["members"])
    wide = wide.rename(columns={f"members_{g}": g for g in GROUPS})
    subsets = {
        "board": wide["voting"].to_numpy(dtype=bool),
        "executive": (wide["role"] == "executive").to_numpy(),
        "non_executive": (wide["role"] == "non_executive").to_numpy(),
    }
    keys = wide[["year", "code"]].drop_duplicates(ignore_index=True)
    workforce = align(whole_workforce, keys, [WHITE, BME], lmap)
    workforce_pct = percent(workforce[BME], workforce[WHITE] + workforce[BME])
    blocks = []
    for membership, who in MEMBERSHIPS.items():
        rows = wide[subsets[membership]]
        summed = sum_by(rows, ["year", "code"], GROUPS)
        members = align(summed, keys, [WHITE, BME, UNKNOWN], lmap).fillna(0)
        known = (members[WHITE] + members[BME]).to_numpy()
        bme = members[BME].to_numpy()
        value = percent(bme, known)
        no_members = (np.isnan(value), f"no {who} of known ethnicity recorded")
        common = {"indicator": "9", "group": BME, "numerator": bme, "denominator": known}
        blocks.append(
            block(
                keys,
                measure=f"{membership}_bme_pct",
                value=value,
                flag=flag_column({UNDEFINED: np.isnan(value)}, len(keys)),
                note=note_column([no_members], len(keys)),
                **common,
            )
        )
        gap = value - workforce_pct
        flags = {UNDEFINED: np.isnan(gap), ADVERSE: gap < 0}
        notes = [no_members, (np.isnan(workforce_pct), NO_WORKFORCE)]
        blocks.append(
            block(
                keys,
                measure=f"{membership}_gap_points",
                value=gap,
                flag=flag_column(flags, len(keys)),
                note=note_column(notes, len(keys)),
                **common,
            )
        )
        if membership == "board":
            blocks.append(_unknown_block(keys, members))
    return blocks


def _unknown_block(keys: pd.DataFrame, members: pd.DataFrame) -> Block:
    """The percentage of voting board members whose ethnicity is unknown."""
    total = (members[WHITE] + members[BME] + members[UNKNOWN]).to_numpy()
    unknown = members[UNKNOWN].to_numpy()
    value = percent(unknown, total)
    return block(
        keys,
        indicator="9",
        measure="unknown_pct",
        group=UNKNOWN,
        value=value,
        numerator=unknown,
        denominator=total,
        flag=flag_column({UNDEFINED: np.isnan(value)}, len(keys)),
        note=note_column([(np.isnan(value), "no voting board members recorded")], len(keys)),
    )

"""Press tables of boards: trusts with an all-White executive team, and indicator 9."""

from __future__ import annotations

from typing import Any

import pandas as pd

from wres_lib.analysis.context import BriefingContext
from wres_lib.analysis.stories import unbalanced_executives
from wres_lib.stats.small_numbers import DEFAULT_RULE
from wres_lib.tables.columns import (
    column,
    organisations,
    pick,
    published_figure,
    ranked,
    sums_note,
)
from wres_lib.tables.press import (
    PressTable,
    finish,
    footnote,
    published,
    published_counts,
)


def all_white_executives(
    context: BriefingContext, year: int, level: str, min_workforce_share: float = 0.0
) -> PressTable:
    """Trusts whose executive directors are all recorded as White, by BME share of staff."""
    chosen = unbalanced_executives(context, year, min_workforce_share)
    small = pd.Series(DEFAULT_RULE.too_few(chosen["staff"]), index=chosen.index)
    frame = pd.DataFrame(
        {
            "org_code": chosen["code"],
            "org_name": chosen["name"],
            "bme_workforce_pct": published(chosen["workforce_bme_pct"], 1, small),
            "staff_known_ethnicity": published_counts(chosen["staff"]),
            "executives": published_counts(chosen["executives"], public=True),
            "non_executives": published_counts(chosen["non_executives"], public=True),
            "bme_non_executives": published_counts(chosen["bme_non_executives"], public=True),
            "whole_board_white": [_whole_board(row) for row in chosen.itertuples(index=False)],
        }
    )
    share = (
        f" and more than {100 * min_workforce_share:g}% BME staff" if min_workforce_share else ""
    )
    notes = footnote(
        context,
        year,
        [
            "Executive directors voting or not; a trust is listed only if every executive's "
            "ethnicity is recorded and none is BME.",
            "whole_board_white: 'yes' where every voting member's ethnicity is recorded and "
            "no executive or non-executive is BME; 'not known' where some are not recorded.",
            "bme_workforce_pct: BME share of staff of known ethnicity.",
        ],
    )
    title = f"Trusts with an all-White executive team{share}, WRES {year}"
    return finish(context, "all-white-executives", title, frame, notes, level=level)


def _whole_board(row: Any) -> str:
    if row.whole_board_white:
        return "yes"
    if row.bme_non_executives > 0:
        return "no"
    return "not known"


def board_gap(context: BriefingContext, year: int, level: str) -> PressTable:
    """Indicator 9: BME share of the voting board against the workforce, widest gap first."""
    frame = organisations(context, year, level)
    board = pick(context, year, level, "9", "board_bme_pct")
    gap = pick(context, year, level, "9", "board_gap_points")
    workforce = pick(context, year, level, "1", "bme_share")
    executive = pick(context, year, level, "9", "executive_bme_pct")
    non_executive = pick(context, year, level, "9", "non_executive_bme_pct")
    unknown = pick(context, year, level, "9", "unknown_pct", group="Unknown")
    frame = frame[frame.index.isin(board.index[board["denominator"].fillna(0) > 0])].copy()
    raw_gap = column(frame, gap, "value")
    frame["board_members"] = published_counts(column(frame, board, "denominator"), public=True)
    frame["bme_board_members"] = published_counts(column(frame, board, "numerator"), public=True)
    frame["board_bme_pct"] = published(column(frame, board, "value"), 1)
    frame["bme_workforce_pct"] = published_figure(frame, workforce, 1)
    frame["board_gap_pts"] = published(raw_gap, 1)
    for name, chosen in (("executives", executive), ("non_executives", non_executive)):
        frame[name] = published_counts(column(frame, chosen, "denominator"), public=True)
        frame[f"bme_{name}"] = published_counts(column(frame, chosen, "numerator"), public=True)
    frame["board_unknown_ethnicity_pct"] = published(column(frame, unknown, "value"), 1)
    method = [
        "Indicator 9: BME share of voting board members minus the BME share of the whole "
        "workforce, in percentage points; negative means the board is less diverse.",
        "Executive and non-executive counts include non-voting members.",
        *sums_note(level),
    ]
    title = f"Board against workforce (WRES indicator 9), {level}s, WRES {year}"
    return ranked(
        context, year, level, "board-gap", title, frame, raw_gap, method, descending=False
    )

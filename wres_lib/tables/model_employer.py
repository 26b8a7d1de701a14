"""The press table of A Model Employer: each senior band on or off our straight-line track."""

from __future__ import annotations

import pandas as pd

from wres_lib.analysis.context import BriefingContext, display_name
from wres_lib.stats.small_numbers import DEFAULT_RULE
from wres_lib.tables.columns import sums_note
from wres_lib.tables.press import PressTable, finish, footnote, published, published_counts


def model_employer(context: BriefingContext, year: int, level: str) -> PressTable:
    """A Model Employer: each senior band on or off our straight-line track, with the gap."""
    table = context.model_employer
    rows = table[(table["level"] == level) & (table["year"] == year)].copy()
    rows["code"] = rows["code"].astype(str)
    bands = list(dict.fromkeys(table["band"].astype(str)))
    rows["_band"] = rows["band"].astype(str).map(bands.index)
    rows = rows.sort_values(["code", "_band"])
    public = (rows["band"] == "Board").to_numpy()
    small = pd.Series(DEFAULT_RULE.too_few(rows["staff"]) & ~public, index=rows.index)
    bme_staff = published_counts(rows["bme_staff"])
    bme_staff[public] = published_counts(rows["bme_staff"][public], public=True)
    bme_staff[small.to_numpy()] = published(rows["bme_staff"][small], 0, small[small])
    staff = published_counts(rows["staff"])
    staff[public] = published_counts(rows["staff"][public], public=True)
    gap = published_counts(rows["gap"].where(rows["status"] != "no staff"), public=True)
    gap[small.to_numpy()] = published(rows["gap"][small], 0, small[small])
    status = rows["status"].astype(str).where(~small, "too few to report")
    frame = pd.DataFrame(
        {
            "code": rows["code"],
            "name": rows["name"].astype(str).map(display_name),
            "band": rows["band"].astype(str),
            "target_year": rows["target_year"].astype(int),
            "target_bme_pct": published(100 * rows["target_share"], 1),
            "trajectory_bme_pct": published(100 * rows["line_share"], 1),
            "actual_bme_pct": published(100 * rows["actual_share"], 1, small),
            "bme_staff": bme_staff,
            "staff": staff,
            "status": status,
            "headcount_gap": gap,
        }
    )
    notes = footnote(
        context,
        year,
        [
            "A Model Employer (NHS England, 2019): BME representation at every senior band "
            "should match the BME share of the whole workforce by the target year.",
            "trajectory_bme_pct: a straight line from the band's share in the baseline year to "
            "the target; our approximation, not NHS England's published method.",
            "headcount_gap: more BME staff needed at the band to be on the line this year "
            "(0 when on track). Board members are counted by voting membership.",
            *sums_note(level),
        ],
    )
    title = f"A Model Employer: senior bands on or off track, {level}s, WRES {year}"
    return finish(context, "model-employer", title, frame, notes, level=level)

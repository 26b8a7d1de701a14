"""Systems held to account: the ranked table of integrated care systems that the region and
national briefings share, built from :func:`wres_lib.analysis.systems.system_table`."""

from __future__ import annotations

import pandas as pd

from wres_lib.analysis.context import BriefingContext
from wres_lib.analysis.findings import EXECUTIVE_MEASURE
from wres_lib.analysis.systems import ranked_count, system_table
from wres_lib.present import fragments as present
from wres_lib.present import narrative
from wres_lib.present.methods import source_note
from wres_lib.present.narrative.places import in_region
from wres_lib.present.narrative.systems import row_finding

RANK_MEASURE = "board_gap_points"


def ranked_systems(systems: pd.DataFrame, scope: str) -> pd.DataFrame:
    """``systems`` worst board gap first (by ``rank_board_gap_points_<scope>``), those without
    a board gap last, ties by name."""
    rank = systems[f"rank_{RANK_MEASURE}_{scope}"].astype("Float64").fillna(float("inf"))
    order = systems.assign(_rank=rank.astype(float)).sort_values(["_rank", "name", "code"])
    return order.drop(columns="_rank")


def _with_rank(value: str, rank: object) -> str:
    """ "2 of 6, 1st": a figure and its rank, or the figure alone where it has none."""
    return value if pd.isna(rank) else f"{value}, {narrative.ordinal(int(rank))}"


def _rank_or_none(rank: object) -> int | None:
    return None if pd.isna(rank) else int(rank)


def _appointment(row: pd.Series) -> str:
    if pd.isna(row["rl_appointment"]):
        return present.TOO_FEW
    low, high = row["rl_appointment_low"], row["rl_appointment_high"]
    interval = (
        ""
        if pd.isna(low) or pd.isna(high)
        else f" ({narrative.ratio_figure(low)}–{narrative.ratio_figure(high)})"
    )
    return f"{narrative.ratio_figure(row['rl_appointment'])}{interval}"


def _bottleneck(row: pd.Series) -> str:
    step = str(row["bottleneck_step"])
    if not step:
        return "No single step stands out"
    return f"{narrative.rung_words(step)} ({narrative.ratio_figure(row['bottleneck_ratio'])})"


def systems_table(
    context: BriefingContext, year: int, region_code: str | None = None
) -> present.Fragment:
    """Every system of the region ``region_code`` (all systems when None), worst board gap
    first, with its trusts without a BME executive director, located bottleneck, indicator 2,
    BME share of staff against the population it serves, ranks and a one-line finding."""
    systems = system_table(context, year, "icb")
    scope = "national" if region_code is None else "region"
    if region_code is not None:
        systems = systems[systems["region_code"] == region_code]
        if systems.empty:
            raise KeyError(f"no systems in region {region_code} in {year}")
    ranked = ranked_systems(systems, scope)
    size = ranked_count(ranked, RANK_MEASURE, scope)
    records = []
    for row, of in zip((r for _, r in ranked.iterrows()), size, strict=True):
        where = in_region(str(row["region_name"])) if scope == "region" else "of all the systems"
        gap = None if pd.isna(row[RANK_MEASURE]) else float(row[RANK_MEASURE])
        rank = row[f"rank_{RANK_MEASURE}_{scope}"]
        reporting = int(row["trusts_reporting_executives"])
        record = {
            "Rank": "–" if pd.isna(rank) else f"{int(rank)} of {of}",
            "System": str(row["name"]),
            "Region": str(row["region_name"]),
            "Board gap": present.publish(gap, "points"),
            "Trusts without a BME executive director": _with_rank(
                f"{int(row[EXECUTIVE_MEASURE])} of {reporting}" if reporting else "–",
                row[f"rank_{EXECUTIVE_MEASURE}_{scope}"] if row[EXECUTIVE_MEASURE] else pd.NA,
            ),
            "Where BME staff fall away most": _bottleneck(row),
            "Appointment (2), 95% interval": _with_rank(
                _appointment(row), row[f"rank_rl_appointment_{scope}"]
            ),
            "BME staff": present.publish(row["bme_share_all_pct"], "percent"),
            "BME population served": present.publish(row["population_bme_pct"], "percent"),
            "Finding": row_finding(
                int(row[EXECUTIVE_MEASURE]),
                reporting,
                gap,
                _rank_or_none(rank),
                where,
                _rank_or_none(row[f"rank_rl_appointment_{scope}"]),
                None if pd.isna(row["rl_appointment"]) else float(row["rl_appointment"]),
            ),
        }
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    if scope == "region":
        frame = frame.drop(columns="Region")
        region = in_region(str(ranked.iloc[0]["region_name"]))
        whose = f"The {narrative.number_word(len(frame))} systems {region}"
    else:
        whose = f"All {len(frame)} systems"
    return present.table(
        frame,
        caption=f"{whose}, {year}, ranked worst first on the board gap",
        note=(
            "Board gap: BME share of the trusts' voting board members minus their BME share of "
            "staff of known ethnicity, in percentage points; rank 1 is the widest gap below "
            "the staff. After a count or ratio: its rank on that measure, 1 the "
            "worst (ties share a rank; a count of none is not ranked). Trusts without a BME "
            "executive director: of the trusts "
            "that reported executives. Where BME staff fall away most: the step of the pay "
            "ladder with the largest eligible odds ratio, White against BME. Appointment (2): "
            "relative likelihood of White applicants being appointed from shortlisting against "
            "BME applicants, 1 is parity. BME staff: share of all staff (ethnicity unknown "
            "included in the base). Every figure sums the trusts' counts. "
            + source_note(context, year)
        ),
        numeric=(
            "Rank",
            "Board gap",
            "Appointment (2), 95% interval",
            "BME staff",
            "BME population served",
        ),
        row_header="System",
    )

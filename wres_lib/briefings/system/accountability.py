"""An ICB held to account: its rank among its region's systems and among all systems, on the
measures of :data:`wres_lib.analysis.systems.RANKED_ON`, in prose and as a table."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from wres_lib.analysis.findings import EXECUTIVE_MEASURE
from wres_lib.analysis.systems import RANKED_ON, ranked_count
from wres_lib.present import fragments as present
from wres_lib.present import narrative

if TYPE_CHECKING:
    from wres_lib.briefings.system.facts import SystemFacts

MEASURE_LABELS = {
    "board_gap_points": "Board gap (board minus staff BME share)",
    EXECUTIVE_MEASURE: "Trusts without a BME executive director",
    "rl_appointment": "Appointment (2): White vs BME relative likelihood",
}


def place(systems: pd.DataFrame, code: str, measure: str, scope: str) -> tuple[int, int, bool]:
    """(rank, of how many, tied) of system ``code`` on ``measure`` within ``scope``."""
    ranks = systems[f"rank_{measure}_{scope}"]
    mine = systems["code"] == code
    rank = int(ranks[mine].iloc[0])
    size = int(ranked_count(systems, measure, scope)[mine].iloc[0])
    region = systems.loc[mine, "region_code"].iloc[0]
    among = systems if scope == "national" else systems[systems["region_code"] == region]
    tied = int((among[f"rank_{measure}_{scope}"] == rank).sum()) > 1
    return rank, size, tied


def _figure(row: pd.Series, measure: str) -> str:
    if measure == "board_gap_points":
        return present.publish(row[measure], "points")
    if measure == EXECUTIVE_MEASURE:
        return f"{int(row[measure])} of {int(row['trusts_reporting_executives'])}"
    return present.publish(row[measure], "ratio")


def ranks(briefing: SystemFacts) -> present.Fragment:
    """One sentence a measure ("the 3rd widest board gap of the 11 systems in the Midlands and
    the 9th widest of the 42 systems nationally"), then the ranks as a table."""
    systems = briefing.systems
    row = systems[systems["code"] == briefing.code].iloc[0]
    sentences, records = [], []
    region = narrative.place_name(briefing.region_name)
    for measure in RANKED_ON:
        ranked = pd.notna(row[f"rank_{measure}_national"])
        if measure == EXECUTIVE_MEASURE and row[measure] == 0:
            reporting = int(row["trusts_reporting_executives"])
            if reporting:
                sentences.append(
                    f"Every one of its {narrative.plural(reporting, 'trust', spell_out=True)} "
                    "that reported has at least one BME executive director."
                )
            ranked = False
        elif not ranked:
            sentences.append(f"{MEASURE_LABELS[measure]}: too few to rank.")
        else:
            sentences.append(
                narrative.rank_sentence(
                    briefing.name,
                    measure,
                    place(systems, briefing.code, measure, "region"),
                    place(systems, briefing.code, measure, "national"),
                    briefing.region_name,
                )
            )
        if ranked:
            r_rank, r_size, _ = place(systems, briefing.code, measure, "region")
            n_rank, n_size, _ = place(systems, briefing.code, measure, "national")
            in_region, nationally = f"{r_rank} of {r_size}", f"{n_rank} of {n_size}"
        else:
            in_region = nationally = "–"
        records.append(
            {
                "Measure": MEASURE_LABELS[measure],
                str(briefing.year): _figure(row, measure),
                f"Rank in {region}": in_region,
                "Rank nationally": nationally,
            }
        )
    table = present.table(
        pd.DataFrame.from_records(records),
        caption=f"How {briefing.name} ranks among the systems, {briefing.year} (1 is the worst)",
        note="Ranks: 1 is the widest board gap below the staff, the most trusts without a BME "
        "executive director, or the highest relative likelihood; ties share a rank. Figures sum "
        f"the trusts' counts. {briefing.source}",
        numeric=(str(briefing.year), f"Rank in {region}", "Rank nationally"),
        row_header="Measure",
    )
    return present.Fragment(present.paragraphs(sentences) + table)

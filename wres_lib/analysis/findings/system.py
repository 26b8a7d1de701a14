"""The candidate findings of one system (ICB) or region in one year, scored as
:mod:`wres_lib.analysis.findings` documents.

A system is held to account on its trusts' summed counts: the located bottleneck, changes
since last year, the board gap and the appointment likelihood come from its own indicator rows
exactly as a trust's do; what is its own is how many of its trusts have no BME executive
director and where it ranks among the systems (:func:`wres_lib.analysis.systems.system_table`).
"""

from __future__ import annotations

import math

import pandas as pd

from wres_lib.analysis.context import BriefingContext
from wres_lib.analysis.findings import (
    EXECUTIVE_MEASURE,
    EXTREME_FRACTION,
    SYSTEM_BOTTLENECK_RATIO,
    SYSTEM_CHANGE_POINTS,
    SYSTEM_CHANGE_RATIO,
    Finding,
    score,
)
from wres_lib.analysis.findings.trust import (
    board_gap_findings,
    bottleneck_findings,
    change_findings,
    likelihood_findings,
)
from wres_lib.analysis.systems import RANKED_ON, system_table

# The fewest systems (or regions) a rank is given among.
MIN_SYSTEMS_RANKED = 3
# The fewest reporting trusts for "most of its trusts have no BME executive director".
MIN_TRUSTS = 2
# The indicator each ranked measure belongs to (for the finding's topic).
RANKED_INDICATOR = {"board_gap_points": "9", EXECUTIVE_MEASURE: "", "rl_appointment": "2"}


def system_findings(
    context: BriefingContext, level: str, code: str, year: int, systems: pd.DataFrame | None = None
) -> list[Finding]:
    """Every finding the data supports for ICB or region ``code`` in ``year``, unscored order.

    ``systems`` is :func:`~wres_lib.analysis.systems.system_table` of the level and year, when
    the caller already has it."""
    table = system_table(context, year, level) if systems is None else systems
    mine = table[table["code"] == code]
    if mine.empty:
        raise KeyError(f"no {level} {code} in {year}")
    row = mine.iloc[0]
    rows = context.slice(level, code)
    rows = rows[rows["year"] <= year]
    found: list[Finding] = []
    found += no_executive_findings(row)
    found += [
        f for f in bottleneck_findings(rows, year) if f.figures["ratio"] >= SYSTEM_BOTTLENECK_RATIO
    ]
    found += rank_findings(table, row, level)
    found += [f for f in change_findings(rows, year) if material(f)]
    found += board_gap_findings(rows, rows, year)
    found += likelihood_findings(rows, year)
    return found


def material(change: Finding) -> bool:
    """Whether a system's change is large enough to be news as well as beyond chance: a ratio
    moving by a factor of at least :data:`SYSTEM_CHANGE_RATIO` either way, a share by at least
    :data:`SYSTEM_CHANGE_POINTS` points."""
    now, before = change.figures["value"], change.figures["previous"]
    if change.figures["measure"] == "relative_likelihood":
        return max(now / before, before / now) >= SYSTEM_CHANGE_RATIO
    return abs(now - before) >= SYSTEM_CHANGE_POINTS


def no_executive_findings(row: pd.Series) -> list[Finding]:
    """At least half of the system's reporting trusts (two or more) without a BME executive
    director; stronger when none has one and the more diverse the population it serves."""
    reporting, without = int(row["trusts_reporting_executives"]), int(row[EXECUTIVE_MEASURE])
    if reporting < MIN_TRUSTS or 2 * without < reporting:
        return []
    population = row["population_bme_pct"]
    population = None if pd.isna(population) else float(population)
    figures = {
        "without": without,
        "reporting": reporting,
        "population_bme_pct": population,
        "codes": str(row["codes_without_bme_executive"]),
    }
    scaled = (15 if without == reporting else 0) + (population or 0) / 5
    kind = "system_no_bme_executive"
    return [Finding(kind, score(kind, scaled), "", figures)]


def _extreme(rank: int, best_rank: int, size: int) -> tuple[int, str] | None:
    """(position from its end, "worst" or "best") when in the top or bottom tenth."""
    tenth = max(1, math.floor(size * EXTREME_FRACTION))
    if rank <= tenth:
        return rank, "worst"
    if best_rank <= tenth:
        return best_rank, "best"
    return None


def rank_findings(table: pd.DataFrame, row: pd.Series, level: str) -> list[Finding]:
    """A rank at either end of all the systems (or regions) or of the region's systems, on each
    measure of :data:`~wres_lib.analysis.systems.RANKED_ON`; the stronger of the two per
    measure."""
    found = []
    scopes = ("national", "region") if level == "icb" else ("national",)
    for measure, larger_is_worse in RANKED_ON.items():
        value = row[measure]
        if pd.isna(value) or (measure == EXECUTIVE_MEASURE and value == 0):
            continue
        if measure == "rl_appointment" and not row["rl_appointment_rankable"]:
            continue
        best = None
        for scope in scopes:
            same_region = table["region_code"] == row["region_code"]
            among = table if scope == "national" else table[same_region]
            values = among[measure].astype(float)
            if measure == "rl_appointment":
                values = values.where(among["rl_appointment_rankable"])
            values = values.dropna()
            if len(values) < MIN_SYSTEMS_RANKED:
                continue
            worse = values > value if larger_is_worse else values < value
            rank = int(worse.sum()) + 1
            best_rank = int((~worse & (values != value)).sum()) + 1
            tied = int((values == value).sum()) > 1
            place = _extreme(rank, best_rank, len(values))
            if place is None or (measure == EXECUTIVE_MEASURE and place[1] == "best"):
                continue
            position, end = place
            closeness = 1 - (position - 1) / max(1, math.floor(len(values) * EXTREME_FRACTION))
            adverse = end == "worst"
            scaled = 15 * closeness + (5 if scope == "national" else 0) + (5 if adverse else 0)
            candidate = {
                "measure": measure,
                "indicator": RANKED_INDICATOR[measure],
                "value": float(value),
                "rank": position,
                "end": end,
                "tied": tied,
                "of": len(values),
                "among": scope,
                "region_name": str(row["region_name"]),
                "level": level,
                "adverse": adverse,
                "reporting": int(row["trusts_reporting_executives"]),
            }
            points = score("system_rank", scaled)
            if best is None or points > best[0]:
                best = (points, candidate)
        if best is not None:
            found.append(Finding("system_rank", best[0], measure, best[1]))
    return found

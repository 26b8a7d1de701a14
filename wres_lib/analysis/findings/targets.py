"""The findings of a trust's own action-plan targets in one year (scored as
:mod:`wres_lib.analysis.findings` documents): one missed, off track or met.

The claim floors: a target's status rests on published figures only (a figure on too few
people is no figure, so its target is not yet measurable); a count of people short is quoted
only when it could be published (board membership is public); and a finding never names the
target's owner or quotes its description, only its measure, value and due date.
"""

from __future__ import annotations

import pandas as pd

from wres_lib.analysis.context import BriefingContext
from wres_lib.analysis.findings import Finding, score
from wres_lib.models.targets import AT_LEAST, MEASURES, MET, MISSED, OFF_TRACK, snapshot
from wres_lib.stats.small_numbers import DEFAULT_RULE

KIND_OF_STATUS = {MISSED: "target_missed", OFF_TRACK: "target_off_track", MET: "target_met"}
PUBLIC_MEASURES = ("board_bme_pct", "executive_bme_pct")  # board membership is public
DAYS_A_YEAR = 365.25


def target_findings(context: BriefingContext, code: str, year: int) -> list[Finding]:
    """A finding for each of trust ``code``'s targets missed, off track or met in ``year``."""
    table = context.targets
    if table is None:
        return []
    mine = table[(table["org_code"] == code) & (table["level"] == "trust")]
    now = mine[(mine["year"] == year) & mine["status"].isin(list(KIND_OF_STATUS))]
    return [
        _finding(t, mine[mine["target_id"] == t["target_id"]])
        for _, t in now.sort_values("target_id").iterrows()
    ]


def _finding(t: pd.Series, history: pd.DataFrame) -> Finding:
    """One target's finding; ``t`` is its row of the status table
    (:func:`wres_lib.models.targets.status_rows`), ``history`` its rows in every year."""
    kind = KIND_OF_STATUS[str(t["status"])]
    measure = MEASURES[str(t["measure"])]
    figures = {
        "target_id": str(t["target_id"]),
        "measure": str(t["measure"]),
        "units": measure.units,
        "staff_group": str(t["staff_group"]),
        "band": str(t["band"]),
        "direction": str(t["direction"]),
        "target_value": float(t["target_value"]),
        "due": pd.Timestamp(t["due"]),
        "baseline_year": int(t["baseline_year"]),
        "baseline_value": float(t["baseline_value"]),
        "latest_year": int(t["latest_year"]),
        "value": float(t["value"]),
        "path_value": float(t["path_value"]),
        "clear": _clear(t, kind),
    }
    if kind != "target_met":
        figures["shortfall"] = float(t["shortfall"])
        people = t["shortfall_people"]
        publishable = str(t["measure"]) in PUBLIC_MEASURES
        if pd.notna(people) and (publishable or int(people) >= DEFAULT_RULE.suppress_counts_below):
            figures["people"] = int(people)
    scaled = 10 if figures["clear"] else 0
    if kind == "target_missed":
        overdue = snapshot(int(t["year"])) - figures["due"]
        figures["years_overdue"] = int(overdue.days // DAYS_A_YEAR)
        scaled += 5 * figures["years_overdue"]
    rows = history[history["year"] <= int(t["year"])]
    return Finding(kind, score(kind, scaled), figures["target_id"], figures, rows)


def _clear(t: pd.Series, kind: str) -> bool:
    """Whether the latest figure's whole 95% interval (if it has one) lies short of the target
    (missed) or the path (off track), or past the target (met)."""
    low, high = float(t["ci_low"]), float(t["ci_high"])
    if pd.isna(low) or pd.isna(high):
        return True
    reference = t["path_value"] if kind == "target_off_track" else t["target_value"]
    short_when_low = t["direction"] == AT_LEAST
    if kind == "target_met":
        return low >= reference if short_when_low else high <= reference
    return high < reference if short_when_low else low > reference

"""Action plans rolled up for a system (ICB or region) briefing and the national briefing.

A system's section says how many of its trusts set targets and where those targets stand,
which trusts have none, and lists the system's own targets; the national section counts, by
region, the trusts with targets and the status of their targets.
"""

from __future__ import annotations

import pandas as pd

from wres_lib.briefings.trust.action_plan import NO_TABLE, STATUS_WORDS, target_record
from wres_lib.models.targets import MET, MISSED, NOT_MEASURABLE, OFF_TRACK, ON_TRACK, STATUSES
from wres_lib.present import fragments as present
from wres_lib.present import narrative

COUNT_COLUMNS = {
    MET: "Met",
    ON_TRACK: "On track",
    OFF_TRACK: "Off track",
    MISSED: "Due, not met",
    NOT_MEASURABLE: "Not yet measurable",
}


def trust_targets(status: pd.DataFrame, year: int, codes: pd.Series) -> pd.DataFrame:
    """The targets of the trusts ``codes`` with their status in ``year``."""
    rows = status[(status["year"] == year) & (status["level"] == "trust")]
    return rows[rows["org_code"].isin(set(codes))]


def system_action_plans(
    status: pd.DataFrame | None, year: int, trusts: pd.DataFrame, code: str, name: str, source: str
) -> present.Fragment:
    """How many of the trusts (``trusts``: code, name) set targets, their status, the trusts
    with none, and the system's own targets."""
    if status is None:
        return present.paragraphs([NO_TABLE])
    mine = trust_targets(status, year, trusts["code"])
    setting = trusts[trusts["code"].isin(set(mine["org_code"]))]
    none = trusts[~trusts["code"].isin(set(mine["org_code"]))]
    how_many = narrative.count_of(len(setting), len(trusts), "trust", "the")
    place = narrative.place_name(name)
    lines = [
        f"{narrative.capitalise_first(how_many)} in {place} "
        f"{'has' if len(setting) == 1 else 'have'} set action-plan targets."
    ]
    if len(mine):
        done = int(mine["status"].isin([MET, ON_TRACK]).sum())
        lines.append(
            f"Of their {narrative.plural(len(mine), 'target')}, {done} "
            f"{'is' if done == 1 else 'are'} met or on track: {_breakdown(mine)}."
        )
    unlisted = _without_targets(lines, sorted(none["name"]))
    own = status[(status["year"] == year) & (status["org_code"] == code)]
    if own.empty:
        lines.append(
            f"{narrative.capitalise_first(place)} has set no targets of its own in this dataset."
        )
        return present.Fragment(present.paragraphs(lines) + unlisted)
    table = present.table(
        pd.DataFrame.from_records([target_record(r) for r in own.itertuples(index=False)]),
        caption=f"The targets of {name} itself, status in {year}",
        note="Figures from the summed counts of its trusts. " + source,
        numeric=("Baseline", "Latest", "Path", "Target value"),
    )
    return present.Fragment(present.paragraphs(lines) + unlisted + table)


def _without_targets(lines: list[str], names: list[str]) -> present.Fragment:
    """Name the trusts without targets in ``lines`` if they are few; otherwise count them there
    and return the table that lists them."""
    if not names:
        return present.Fragment("")
    if len(names) <= narrative.MAX_NAMES_IN_A_SENTENCE:
        lines.append(f"No targets recorded: {narrative.list_phrase(names)}.")
        return present.Fragment("")
    lines.append(
        f"{narrative.capitalise_first(narrative.plural(len(names), 'trust', spell_out=True))} "
        "have no targets recorded; the table below lists them."
    )
    return present.table(pd.DataFrame({"Trust": names}), caption="Trusts with no targets recorded")


def national_action_plans(
    status: pd.DataFrame | None, year: int, trusts: pd.DataFrame, regions: pd.Series, source: str
) -> present.Fragment:
    """By region: trusts, trusts with targets, and their targets by status (``regions`` gives
    each trust code's region name)."""
    if status is None:
        return present.paragraphs([NO_TABLE])
    mine = trust_targets(status, year, trusts["code"])
    mine = mine.assign(region=mine["org_code"].map(regions))
    records = []
    for region, members in trusts.assign(region=trusts["code"].map(regions)).groupby("region"):
        targets = mine[mine["region"] == region]
        counts = targets["status"].value_counts()
        records.append(
            {
                "Region": str(region),
                "Trusts": str(len(members)),
                "With targets": str(targets["org_code"].nunique()),
                "Targets": str(len(targets)),
                **{label: str(int(counts.get(s, 0))) for s, label in COUNT_COLUMNS.items()},
            }
        )
    setting = mine["org_code"].nunique()
    line = (
        f"{narrative.capitalise_first(narrative.count_of(setting, len(trusts), 'trust', 'the'))} "
        f"{'has' if setting == 1 else 'have'} action-plan targets recorded in this dataset."
    )
    return present.Fragment(
        present.paragraphs([line])
        + present.table(
            pd.DataFrame.from_records(records),
            caption=f"Trusts' action-plan targets by region and status, {year}",
            note=source,
            numeric=("Trusts", "With targets", "Targets", *COUNT_COLUMNS.values()),
        )
    )


def _breakdown(targets: pd.DataFrame) -> str:
    counts = targets["status"].value_counts()
    parts = [f"{int(counts[s])} {STATUS_WORDS.get(s, s)}" for s in STATUSES if counts.get(s, 0)]
    return narrative.list_phrase(parts)

"""A trust briefing's action-plan section: each target's status, progress and the most overdue.

Statuses come from :mod:`wres_lib.models.targets` (docs/targets.md says how they are decided).
A dataset with no targets table gets one sentence saying so, as does a trust with no targets.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.models.targets import MEASURES, MET, MISSED, NOT_MEASURABLE, OFF_TRACK, STATUSES
from wres_lib.present import fragments as present
from wres_lib.present import narrative
from wres_lib.present.charts.targets import target_progress_chart

NO_TABLE = (
    "This dataset has no action-plan targets table, so no target can be reported against the data."
)
UNITS_KIND: dict[str, present.ValueKind] = {
    "percent": "percent",
    "ratio": "ratio",
    "count": "count",
}
PUBLIC_MEASURES = ("board_bme_pct", "executive_bme_pct")  # board membership is public
# A status as a sentence says it: "2 are past due and not met".
STATUS_WORDS = {MISSED: "past due and not met"}


def action_plan(facts: TrustFacts) -> present.Fragment:
    """The trust's targets: a sentence of counts, the most overdue, a table and a chart."""
    targets = facts.targets()
    if targets is None:
        return present.paragraphs([NO_TABLE])
    if targets.empty:
        return present.paragraphs(
            [f"{facts.short_name} has no targets in this dataset's action-plan table."]
        )
    lines = [status_sentence(targets, facts.short_name)]
    overdue = most_overdue(targets)
    if overdue is not None:
        lines.append(overdue_sentence(overdue))
    table = present.table(
        pd.DataFrame.from_records([target_record(r) for r in targets.itertuples(index=False)]),
        caption=f"Action-plan targets of {facts.short_name}, status in {facts.year}",
        note="Met: the latest figure is at or past the target. On track: at or past the straight "
        "path from baseline to target. Intervals are 95%. " + facts.source,
        numeric=("Baseline", "Latest", "Path", "Target value"),
    )
    history = facts.target_history()
    figures = history[history["latest_year"] == history["year"]]
    fig = target_progress_chart(
        targets,
        figures[["target_id", "year", "value", "ci_low", "ci_high"]],
        title=f"Progress against each target's path, to {facts.year}",
        source=facts.chart_source,
        synthetic=facts.context.synthetic,
    )
    return present.Fragment(
        present.paragraphs(lines)
        + table
        + present.chart(fig, progress_alt(targets, facts.year), progress_table(targets, figures))
    )


def progress_alt(targets: pd.DataFrame, year: int) -> str:
    """The progress chart's message with its figures: each target's latest figure and path."""
    parts = [
        f"{_plain(t.target_id)} {figure_text(t.value, t.measure)} against a path of "
        f"{figure_text(t.path_value, t.measure)} ({t.status})"
        if pd.notna(t.value) and pd.notna(t.path_value)
        else f"{_plain(t.target_id)} {t.status}"
        for t in targets.itertuples(index=False)
    ]
    return f"Small charts of each target's figures against its path, to {year}: {'; '.join(parts)}."


def progress_table(targets: pd.DataFrame, figures: pd.DataFrame) -> present.Fragment:
    """The progress chart's figures: each target's figure in every year, with its interval."""
    measures = dict(zip(targets["target_id"], targets["measure"], strict=True))
    shown = figures[figures["target_id"].isin(measures)].sort_values(["target_id", "year"])
    records = []
    for f in shown.itertuples(index=False):
        measure = measures[f.target_id]
        interval = (
            f"{figure_text(f.ci_low, measure)} to {figure_text(f.ci_high, measure)}"
            if pd.notna(f.ci_low) and pd.notna(f.ci_high)
            else "–"
        )
        records.append(
            {
                "Target": _plain(f.target_id),
                "Year": str(int(f.year)),
                "Figure": figure_text(f.value, measure),
                "95% interval": interval,
            }
        )
    return present.table(
        pd.DataFrame.from_records(records, columns=["Target", "Year", "Figure", "95% interval"]),
        caption="Each target's figures by year",
        numeric=("Figure", "95% interval"),
    )


def status_sentence(targets: pd.DataFrame, who: str) -> str:
    """'Of Brindlemere's 4 targets, 1 is met, 2 are on track and 1 is off track.'"""
    counts = targets["status"].value_counts()
    parts = [
        f"{int(counts[status])} {'is' if counts[status] == 1 else 'are'} "
        f"{STATUS_WORDS.get(status, status)}"
        for status in STATUSES
        if counts.get(status, 0)
    ]
    total = narrative.plural(len(targets), "target")
    return f"Of {narrative.possessive(who)} {total}, {narrative.list_phrase(parts)}."


def most_overdue(targets: pd.DataFrame) -> pd.Series | None:
    """The missed target with the earliest due date (None if no target is past due)."""
    missed = targets[targets["status"] == MISSED]
    return None if missed.empty else missed.sort_values(["due", "target_id"]).iloc[0]


def overdue_sentence(target: pd.Series) -> str:
    """The most overdue target: what it asked, by when, who owns it and how far short it is."""
    return (
        f"The most overdue target, {_quoted(target['description'])} "
        f"(owner: {_plain(target['owner'])}), was due on {target['due']:%-d %B %Y} and is not "
        f"met: {shortfall_text(target)}."
    )


def shortfall_text(target: pd.Series) -> str:
    """'28.8% against a target of at least 35.0%, 6.2 points short (about 20 more BME staff)'."""
    measure = MEASURES[str(target["measure"])]
    reference = "target" if target["status"] == MISSED else "path"
    goal = target["target_value"] if reference == "target" else target["path_value"]
    text = (
        f"{figure_text(target['value'], target['measure'])} in {int(target['latest_year'])} "
        f"against a {reference} of {target['direction']} {figure_text(goal, target['measure'])}"
    )
    if measure.units != "count":
        text += f", {_distance(target['shortfall'], measure.units)} short"
    people = target["shortfall_people"]
    if pd.notna(people) and int(people) > 0:
        more = "more" if target["direction"] == "at least" else "fewer"
        what = "BME board members" if target["measure"] in PUBLIC_MEASURES else "BME staff"
        count = _people(int(people), str(target["measure"]))
        text += f" ({count} {more} {what} needed)" if measure.units != "count" else ""
    return text


def figure_text(value: object, measure: object) -> str:
    """A target measure's figure as a reader sees it: 28.8%, 1.42 or 5 (staff)."""
    units = MEASURES[str(measure)].units
    if pd.isna(value):
        return present.NOT_AVAILABLE
    if units == "percent":
        return narrative.percent(float(value) / 100, 1)  # type: ignore[arg-type]
    if units == "ratio":
        return narrative.ratio_figure(float(value))  # type: ignore[arg-type]
    return f"{round(float(value))} staff"  # type: ignore[arg-type]


def _distance(shortfall: float, units: str) -> str:
    if units == "percent":
        return narrative.points(shortfall)
    return f"{shortfall:.2f}" if units == "ratio" else f"{round(shortfall)} staff"


def _people(count: int, measure: str) -> str:
    if measure in PUBLIC_MEASURES:
        return str(count)
    return present.publish(count, "count")


def target_record(t: Any) -> dict[str, str]:
    """One target's row of the table (``t``: a row of the status table)."""
    value = figure_text(t.value, t.measure)
    if pd.notna(t.latest_year):  # "28.3% in 2025 (22.8% to 34.5%)": one bracket, not two
        value += f" in {int(t.latest_year)}"
    if pd.notna(t.ci_low) and t.status != NOT_MEASURABLE:
        low, high = (figure_text(v, t.measure) for v in (t.ci_low, t.ci_high))
        value += f" ({low} to {high})"
    status = str(t.status)
    if status in (OFF_TRACK, MISSED):
        status += f": {_distance(t.shortfall, MEASURES[t.measure].units)} short"
    elif status == MET and t.note:
        status += " (interval includes the target)"
    return {
        "Target": f"{t.target_id}: {_plain(t.description)}",
        "Horizon": str(t.horizon),
        "Due": f"{t.due:%Y-%m-%d}",
        "Owner": _plain(t.owner),
        "Baseline": f"{figure_text(t.baseline_value, t.measure)} ({t.baseline_year})",
        "Latest": value,
        "Path": figure_text(t.path_value, t.measure),
        "Target value": f"{t.direction} {figure_text(t.target_value, t.measure)}",
        "Status": status,
    }


def _plain(text: object) -> str:
    """A data file's text on one line, single-spaced (it is escaped where it is shown)."""
    return re.sub(r"\s+", " ", str(text)).strip()


def _quoted(text: object) -> str:
    return f"“{_plain(text)}”"

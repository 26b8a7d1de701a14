"""Action-plan targets against the data: the path to each target and its status every year.

A target (a row of the ``targets`` table) asks that one figure (its ``measure``) reach
``target_value`` (``at least`` or ``at most``) by ``due``, starting from its value in
``baseline_year``. For each WRES year from the baseline on:

- **path**: the straight line from the baseline figure (on 31 March of the baseline year) to
  the target on the due date, read at 31 March of the year of the latest figure; flat at the
  target after the due date.
- **latest**: the most recent published figure after the baseline year, up to the year. A
  figure on too few people to publish counts as no figure.
- **status**, the first that applies:
  *not yet measurable* (no published baseline, or no published figure after it);
  *met* (the latest figure's point estimate is at or past the target; its interval, shown
  beside it, may still include the target, and the note says so);
  *due date passed, not met* (31 March of the year is on or after the due date);
  *on track* (the latest figure is at or past the path); else *off track*.
- **shortfall**: for off track, the distance from the path; for a missed target, from the
  target; in the measure's units and, for shares of staff or board members, in people (how
  many more BME people, or fewer, the same total would need).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_lib.indicators.catalogue import MEMBERSHIPS, indicator

MET, ON_TRACK, OFF_TRACK = "met", "on track", "off track"
NOT_MEASURABLE, MISSED = "not yet measurable", "due date passed, not met"
STATUSES = (MET, ON_TRACK, OFF_TRACK, MISSED, NOT_MEASURABLE)
AT_LEAST, AT_MOST = "at least", "at most"
TOLERANCE = 1e-9  # 0.7 * 10 is 7.000000000000001 in floating point: 7 people, not 8


@dataclass(frozen=True)
class TargetMeasure:
    """How a target measure is read from the indicator table, and in what units."""

    label: str  # "BME share of staff" (band and staff group are added)
    units: str  # "percent", "ratio" or "count"
    indicator: str = ""
    tidy_measure: str = ""
    people: bool = False  # a share of people: a shortfall can be said in people


def _survey(number: int) -> tuple[str, TargetMeasure]:
    record = indicator(number)
    label = f"BME staff reporting {record.subject} (indicator {number})"
    return f"survey_{record.slug}", TargetMeasure(label, "percent", str(number), "pct_bme")


def _likelihood(number: int) -> tuple[str, TargetMeasure]:
    record = indicator(number)
    rule = record.likelihood
    assert rule is not None
    label = f"Relative likelihood of {rule.who} {rule.outcome} (indicator {number})"
    return f"rl_{record.slug}", TargetMeasure(label, "ratio", str(number), "relative_likelihood")


MEASURES: dict[str, TargetMeasure] = dict(
    [
        ("bme_share", TargetMeasure("BME share of staff", "percent", "1", "bme_share", True)),
        *(_likelihood(n) for n in (2, 3, 4)),
        *(_survey(n) for n in (5, 6, 7, 8)),
        *(
            (
                f"{m}_bme_pct",
                TargetMeasure(
                    f"BME share of {MEMBERSHIPS[m]}", "percent", "9", f"{m}_bme_pct", True
                ),
            )
            for m in ("board", "executive")
        ),
        (
            "progression_step_ratio",
            TargetMeasure("Progression step ratio", "ratio", "progression", "step_ratio"),
        ),
        (
            "model_employer_gap",
            TargetMeasure("BME staff short of the Model Employer line", "count", people=True),
        ),
    ]
)


def snapshot(year: int | pd.Series) -> pd.Timestamp | pd.Series:
    """31 March of a WRES year: the date its workforce and board figures describe."""
    if isinstance(year, pd.Series):
        return pd.to_datetime(year.astype(int).astype(str) + "-03-31")
    return pd.Timestamp(f"{int(year)}-03-31")


def passes(value: float, target: float, direction: str) -> bool:
    """Whether ``value`` is at or past ``target`` in the target's direction."""
    if direction == AT_LEAST:
        return value >= target - TOLERANCE
    return value <= target + TOLERANCE


def path_value(
    baseline: float, target: float, start: pd.Timestamp, due: pd.Timestamp, when: pd.Timestamp
) -> float:
    """The straight line from ``baseline`` at ``start`` to ``target`` at ``due``, at ``when``."""
    span = (due - start).days
    share = 1.0 if span <= 0 else min(max((when - start).days / span, 0.0), 1.0)
    return baseline + (target - baseline) * share


def people_short(reference: float, numerator: float, denominator: float, direction: str) -> int:
    """How many more BME people (at least) or fewer (at most) a share of ``denominator`` people
    needs to reach ``reference`` per cent, the total held fixed."""
    needed = reference / 100 * denominator - numerator
    if direction == AT_MOST:
        needed = -needed
    return max(0, math.ceil(needed - TOLERANCE))


def status_rows(targets: pd.DataFrame, values: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """The status of every target in every year from its baseline to the last of ``years``.

    ``targets`` holds rows of the targets table (with ``level`` and ``name`` added);
    ``values`` one published figure per ``org_code``, ``target_id`` and ``year``: ``value``,
    ``ci_low``, ``ci_high``, ``numerator``, ``denominator`` (NaN where a figure is not
    published). Returns the target's columns plus year, baseline_value, latest_year, value,
    ci_low, ci_high, path_value, status, shortfall, shortfall_people and note.
    """
    by_target = {key: frame for key, frame in values.groupby(["org_code", "target_id"])}
    out = []
    last = max(years) if years else None
    for target in targets.itertuples(index=False):
        mine = by_target.get((target.org_code, target.target_id), values.iloc[0:0])
        mine = mine[mine["value"].notna()].set_index("year")
        if last is None:
            continue
        for year in range(int(target.baseline_year), last + 1):
            out.append({**target._asdict(), "year": year, **_status(target, mine, year)})
    columns = [*targets.columns, "year", *_EMPTY]
    return pd.DataFrame(out, columns=columns)


_EMPTY = {
    "baseline_value": np.nan,
    "latest_year": pd.NA,
    "value": np.nan,
    "ci_low": np.nan,
    "ci_high": np.nan,
    "path_value": np.nan,
    "status": NOT_MEASURABLE,
    "shortfall": np.nan,
    "shortfall_people": pd.NA,
    "note": "",
}


def _status(target: object, figures: pd.DataFrame, year: int) -> dict[str, object]:
    """One target's status in ``year`` from its published ``figures`` (indexed by year)."""
    t = target  # a row of the targets table
    baseline_year = int(t.baseline_year)  # type: ignore[attr-defined]
    row = dict(_EMPTY)
    if baseline_year not in figures.index:
        row["note"] = f"no published figure for the baseline year {baseline_year}"
        return row
    baseline = float(figures.at[baseline_year, "value"])
    row["baseline_value"] = baseline
    later = figures[(figures.index > baseline_year) & (figures.index <= year)]
    if later.empty:
        row["note"] = f"no published figure after the baseline year {baseline_year} yet"
        return row
    latest_year = int(later.index.max())
    latest = later.loc[latest_year]
    value = float(latest["value"])
    target_value, direction, due = t.target_value, t.direction, t.due  # type: ignore[attr-defined]
    path = path_value(baseline, target_value, snapshot(baseline_year), due, snapshot(latest_year))
    row |= {
        "latest_year": latest_year,
        "value": value,
        "ci_low": float(latest["ci_low"]),
        "ci_high": float(latest["ci_high"]),
        "path_value": path,
    }
    if passes(value, target_value, direction):
        row["status"] = MET
        low, high = row["ci_low"], row["ci_high"]
        if not (np.isnan(low) or np.isnan(high)) and low <= target_value <= high:
            row["note"] = "the interval of the latest figure still includes the target"
        return row
    due_passed = snapshot(year) >= due
    if not due_passed and passes(value, path, direction):
        row["status"] = ON_TRACK
        return row
    reference = target_value if due_passed else path
    row["status"] = MISSED if due_passed else OFF_TRACK
    row["shortfall"] = abs(reference - value)
    measure = MEASURES[t.measure]  # type: ignore[attr-defined]
    if measure.units == "percent" and measure.people and pd.notna(latest["denominator"]):
        numerator, denominator = float(latest["numerator"]), float(latest["denominator"])
        row["shortfall_people"] = people_short(reference, numerator, denominator, direction)
    elif measure.units == "count":
        row["shortfall_people"] = math.ceil(row["shortfall"] - TOLERANCE)
    return row

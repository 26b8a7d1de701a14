"""The press table of action-plan targets: every target of a level with its status in a year."""

from __future__ import annotations

import re

import pandas as pd

from wres_lib.analysis.context import BriefingContext, display_name
from wres_lib.data.schema import TARGET_HORIZONS
from wres_lib.models.targets import MEASURES, STATUSES
from wres_lib.tables.press import PressTable, finish, footnote, published, published_counts

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NO_TABLE_NOTE = "This dataset has no targets table: no organisation's action plan is recorded."


def targets(
    context: BriefingContext, year: int, level: str, horizon: str | None = None
) -> PressTable:
    """Every target set by an organisation of ``level`` (optionally of one ``horizon``: S, M
    or L) with its baseline, latest figure and interval, path, status and shortfall."""
    if horizon is not None and horizon not in TARGET_HORIZONS:
        raise ValueError(f"horizon must be one of {', '.join(TARGET_HORIZONS)}, not {horizon!r}")
    table = context.targets
    rows = pd.DataFrame() if table is None else table[table["year"] == year]
    if not rows.empty:
        rows = rows[rows["level"] == level]
        if horizon is not None:
            rows = rows[rows["horizon"] == horizon]
        order = {status: index for index, status in enumerate(STATUSES)}
        rows = rows.assign(_order=rows["status"].map(order)).sort_values(
            ["_order", "org_code", "target_id"]
        )
    frame = pd.DataFrame(
        {
            "code": rows.get("org_code", pd.Series(dtype=str)).astype(str),
            "name": rows.get("name", pd.Series(dtype=str)).astype(str).map(display_name),
            "target_id": rows.get("target_id", pd.Series(dtype=str)).astype(str),
            "description": rows.get("description", pd.Series(dtype=str)).map(_inert),
            "measure": rows.get("measure", pd.Series(dtype=str)).astype(str),
            "staff_group": rows.get("staff_group", pd.Series(dtype=str)).astype(str),
            "band": rows.get("band", pd.Series(dtype=str)).astype(str),
            "horizon": rows.get("horizon", pd.Series(dtype=str)).astype(str),
            "due": rows.get("due", pd.Series(dtype="datetime64[ns]")).dt.strftime("%Y-%m-%d"),
            "owner": rows.get("owner", pd.Series(dtype=str)).map(_inert),
            "direction": rows.get("direction", pd.Series(dtype=str)).astype(str),
            "target_value": _rounded(rows, "target_value"),
            "baseline_year": rows.get("baseline_year", pd.Series(dtype=int)),
            "baseline_value": _rounded(rows, "baseline_value"),
            "latest_year": rows.get("latest_year", pd.Series(dtype="Int64")).astype("Int64"),
            "latest_value": _rounded(rows, "value"),
            "ci_low": _rounded(rows, "ci_low"),
            "ci_high": _rounded(rows, "ci_high"),
            "path_value": _rounded(rows, "path_value"),
            "status": rows.get("status", pd.Series(dtype=str)).astype(str),
            "shortfall": _rounded(rows, "shortfall"),
            "shortfall_people": published_counts(
                rows.get("shortfall_people", pd.Series(dtype="Int64"))
            ),
        }
    )
    notes = footnote(
        context,
        year,
        [
            "Status (docs/targets.md): met when the latest published figure is at or past the "
            "target; on track when it is at or past the straight path from the baseline figure "
            "to the target on its due date; due date passed, not met; not yet measurable when "
            "there is no published figure after the baseline year.",
            "shortfall: from the path (off track) or the target (missed), in the measure's "
            "units; shortfall_people: for shares of staff or board members, the BME people "
            "needed, the total held fixed.",
            "Measures: " + ", ".join(f"{name} = {m.label}" for name, m in MEASURES.items()) + ".",
        ],
    )
    if table is None:
        notes.insert(0, NO_TABLE_NOTE)
    chosen = "" if horizon is None else f", horizon {horizon}"
    title = f"Action-plan targets of {level}s and their status, WRES {year}{chosen}"
    return finish(context, "targets", title, frame, notes, level=level)


def _rounded(rows: pd.DataFrame, column: str) -> pd.Series:
    values = rows.get(column, pd.Series(dtype=float))
    ratio = rows.get("measure", pd.Series(dtype=str)).map(lambda m: MEASURES[m].units == "ratio")
    return published(values, 1).where(~ratio, published(values, 2))


def _inert(text: object) -> str:
    """Text from a data file that no spreadsheet reads as a formula, on one line."""
    plain = re.sub(r"\s+", " ", str(text)).strip()
    return f"'{plain}" if plain.startswith(FORMULA_START) else plain

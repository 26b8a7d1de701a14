"""Model Employer trajectories: our approximation of NHS England's *A Model Employer* (2019).

A Model Employer asks that BME representation at every senior band (8a, 8b, 8c, 8d, 9, VSM and
the board) match the BME share of the whole workforce by 2028. NHS England did not publish a
per-organisation formula, so this is **our approximation**: for each organisation and band, a
straight line from the band's BME share in the baseline year to the target share in the target
year, flat at the target share afterwards.

- Shares are BME / (White + BME); Unknown is left out of both sides. Senior bands sum the
  clinical and non-clinical staff groups (medical staff have medical grades, not bands).
- The board is its voting members (executive and non-executive) from the ``board`` table.
- The target share is the BME share of the organisation's whole workforce (every staff group
  and band): in the baseline year by default (``target="baseline"``), or in each reported year
  (``target="current"``), a target that moves with the workforce.
- An organisation with no data in the baseline year (e.g. one created by a merger) starts its
  line in its first year; a band with no staff in the baseline year starts its line in the first
  year it has staff. Notes say so.
- A band already at or above the target share in its baseline year is held to the target share
  (the line is flat at the target: no fall is asked for, and none is allowed).
- On track means actual share >= the line. The headcount gap is the number of BME staff needed
  at that band, band size held fixed, to be on the line:
  ``max(0, ceil(line * (White + BME) - BME))``. A band with no staff has no share and no gap.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.data.dataset import Dataset
from wres_lib.data.schema import BME, LEVELS, WHITE
from wres_lib.indicators.aggregate import LevelMap, group_counts, level_map

METHOD = (
    "our approximation of A Model Employer (NHS England, 2019): straight line from the "
    "baseline-year BME share at each band to the BME share of the whole workforce by the "
    "target year"
)
SENIOR_BANDS = ("Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9", "VSM")
BOARD = "Board"
BANDS = (*SENIOR_BANDS, BOARD)
TARGETS = ("baseline", "current")
DEFAULT_BASELINE_YEAR, DEFAULT_TARGET_YEAR = 2018, 2028
ON_TRACK, OFF_TRACK, NO_STAFF = "on track", "off track", "no staff"
NO_LINE = "no target line"
# Shares are compared and gaps rounded with this tolerance: 0.7 * 10 is 7.000000000000001 in
# floating point, and needs 7 staff, not 8.
TOLERANCE = 1e-9
COLUMNS = (
    "year", "level", "code", "name", "band", "baseline_year", "baseline_share", "target_year",
    "target_share", "line_share", "actual_share", "bme_staff", "staff", "on_track", "gap",
    "status", "note",
)  # fmt: skip


def model_employer(
    dataset: Dataset,
    baseline_year: int = DEFAULT_BASELINE_YEAR,
    target_year: int = DEFAULT_TARGET_YEAR,
    *,
    target: str = "baseline",
    level: str = "trust",
) -> pd.DataFrame:
    """Model Employer trajectory, actual share and headcount gap per organisation, band, year.

    Args:
        dataset: a validated :class:`~wres_lib.data.dataset.Dataset`.
        baseline_year: the year each line starts from.
        target_year: the year the line reaches the target share.
        target: ``"baseline"`` (the whole-workforce BME share in the baseline year) or
            ``"current"`` (that share in each reported year).
        level: ``"trust"``, ``"icb"``, ``"region"`` or ``"national"`` (counts summed).

    Returns:
        One row per organisation, band (:data:`BANDS`) and year from the baseline year to the
        organisation's latest year, with the columns :data:`COLUMNS`. ``status`` is one of
        "on track", "off track", "no staff" or "no target line"; ``on_track`` is a nullable
        boolean; ``gap``, ``bme_staff`` and ``staff`` (White + BME) are counts. Label outputs with
        :data:`METHOD`: the trajectory is our approximation.

    Example:
        >>> table = model_employer(load_dataset("data/sample"))  # doctest: +SKIP
        >>> table.query("code == 'ZT001' and band == 'VSM'")  # doctest: +SKIP
    """
    _check_arguments(dataset, baseline_year, target_year, target, level)
    lmap = level_map(dataset.organisations, level)
    overall = _shares(group_counts(dataset.workforce, lmap, [], ["headcount"]), "headcount")
    latest = int(overall["year"].max())
    if baseline_year > latest:
        raise ValueError(
            f"baseline_year ({baseline_year}) is after the latest year in the data ({latest})"
        )
    starts = overall.groupby("code")["year"].min().clip(lower=baseline_year)
    overall = overall[overall["year"] >= overall["code"].map(starts)]
    table = _band_counts(dataset, lmap, overall[["year", "code"]])
    table["org_baseline_year"] = table["code"].map(starts)
    table = _add_band_baselines(table)
    table["target_share"] = _target_shares(table, overall, target)
    table["line_share"] = _line(table, target_year)
    return _finish(table, lmap, baseline_year, target_year, level)


def _check_arguments(
    dataset: Dataset, baseline_year: int, target_year: int, target: str, level: str
) -> None:
    if not isinstance(dataset, Dataset):
        raise ValueError("dataset is expected to be a wres_lib Dataset")
    for name, year in (("baseline_year", baseline_year), ("target_year", target_year)):
        if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
            raise ValueError(f"{name} is expected to be a whole year such as 2018, got {year!r}")
    if target_year <= baseline_year:
        raise ValueError(
            f"target_year ({target_year}) is expected to be after baseline_year ({baseline_year})"
        )
    if target not in TARGETS:
        raise ValueError(f"target is expected to be one of {', '.join(TARGETS)}, got {target!r}")
    if level not in LEVELS:
        raise ValueError(f"level is expected to be one of {', '.join(LEVELS)}, got {level!r}")


def _shares(counts: pd.DataFrame, value: str) -> pd.DataFrame:
    """``year, code, bme_staff, staff, share`` from wide group counts (share NaN if no staff)."""
    bme = counts[f"{value}_{BME}"].to_numpy(dtype=np.int64)
    staff = bme + counts[f"{value}_{WHITE}"].to_numpy(dtype=np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(staff > 0, bme / staff, np.nan)
    keys = [c for c in counts.columns if c in ("year", "code", "band")]
    frame = counts[keys].assign(code=counts["code"].astype(str))
    return frame.assign(bme_staff=bme, staff=staff, share=share).reset_index(drop=True)


def _band_counts(dataset: Dataset, lmap: LevelMap, org_years: pd.DataFrame) -> pd.DataFrame:
    """BME and White + BME headcount per organisation-year and band, 0 where none."""
    senior = dataset.workforce[dataset.workforce["band"].isin(SENIOR_BANDS)]
    voting = dataset.board[dataset.board["voting"]]
    frames = [_shares(group_counts(senior, lmap, ["band"], ["headcount"]), "headcount")]
    if len(voting):
        board = _shares(group_counts(voting, lmap, [], ["members"]), "members")
        frames.append(board.assign(band=BOARD))
    counts = pd.concat(frames, ignore_index=True)
    grid = org_years.merge(pd.DataFrame({"band": BANDS}), how="cross")
    table = grid.merge(counts, on=["year", "code", "band"], how="left")
    return table.fillna({"bme_staff": 0, "staff": 0}).astype(
        {"bme_staff": "int64", "staff": "int64"}
    )


def _add_band_baselines(table: pd.DataFrame) -> pd.DataFrame:
    """Add each band's baseline year and share: the first year from the organisation's
    baseline year in which the band has staff."""
    staffed = table[table["staff"] > 0]
    first = staffed.loc[staffed.groupby(["code", "band"])["year"].idxmin()]
    baselines = first[["code", "band", "year", "share"]].rename(
        columns={"year": "baseline_year", "share": "baseline_share"}
    )
    return table.merge(baselines, on=["code", "band"], how="left")


def _target_shares(table: pd.DataFrame, overall: pd.DataFrame, target: str) -> pd.Series:
    by_year = overall.set_index(["code", "year"])["share"]
    year_column = "org_baseline_year" if target == "baseline" else "year"
    keys = pd.MultiIndex.from_arrays([table["code"], table[year_column]])
    return pd.Series(by_year.reindex(keys).to_numpy(), index=table.index)


def _line(table: pd.DataFrame, target_year: int) -> np.ndarray:
    """The share on the straight line for each row (NaN before the band's baseline year)."""
    start = table["baseline_year"].to_numpy(dtype=float)
    base, goal = table["baseline_share"].to_numpy(), table["target_share"].to_numpy()
    year = table["year"].to_numpy(dtype=float)
    span = target_year - start
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(span > 0, np.clip((year - start) / span, 0.0, 1.0), 1.0)
    line = np.where(base >= goal, goal, base + (goal - base) * fraction)
    return np.where(year >= start, line, np.nan)


def _finish(
    table: pd.DataFrame, lmap: LevelMap, baseline_year: int, target_year: int, level: str
) -> pd.DataFrame:
    staff, bme = table["staff"].to_numpy(), table["bme_staff"].to_numpy()
    line, actual = table["line_share"].to_numpy(), table["share"].to_numpy()
    has_staff, has_line = staff > 0, ~np.isnan(line)
    scored = has_staff & has_line
    on_track = np.where(scored, actual >= line - TOLERANCE, False)
    needed = np.ceil(np.where(scored, line * staff - bme, 0.0) - TOLERANCE)
    table["on_track"] = pd.array(np.where(scored, on_track, None), dtype="boolean")
    table["gap"] = pd.array(np.where(scored, np.maximum(needed, 0), None), dtype="Int64")
    # No line: no staff at the band since the baseline year, or no whole-workforce target.
    table["status"] = np.select(
        [~has_staff, ~has_line, on_track], [NO_STAFF, NO_LINE, ON_TRACK], OFF_TRACK
    )
    table["note"] = _notes(table, baseline_year)
    names = pd.Series(lmap.names, index=lmap.codes)
    table["name"] = table["code"].map(names).astype(str)
    table["level"] = level
    table["target_year"] = target_year
    table = table.rename(columns={"share": "actual_share"})
    table["baseline_year"] = table["baseline_year"].astype("Int64")
    order = {band: position for position, band in enumerate(BANDS)}
    table = table.sort_values(
        ["code", "band", "year"], key=lambda c: c.map(order) if c.name == "band" else c
    )
    return table.loc[:, list(COLUMNS)].reset_index(drop=True)


def _notes(table: pd.DataFrame, baseline_year: int) -> list[str]:
    """Plain-words notes per row, joined with "; "."""
    notes = []
    columns = ["year", "band", "org_baseline_year", "baseline_year", "baseline_share"]
    rows = table[[*columns, "target_share", "staff"]].itertuples(index=False)
    for year, band, org_start, band_start, base, goal, staff in rows:
        parts = []
        if org_start > baseline_year:
            parts.append(f"baseline is {org_start}, the organisation's first year of data")
        who = "voting board members" if band == BOARD else "staff at this band"
        if pd.isna(band_start) or band_start > year:
            span = f"{year}" if year == org_start else f"any year from {org_start} to {year}"
            parts.append(f"no {who} in {span}: no share, no line")
        else:
            if band_start > org_start:
                parts.append(f"no {who} in {org_start}; the line starts from {int(band_start)}")
            if staff == 0:
                parts.append(f"no {who} in {year}: share not defined, no gap")
            if base >= goal:
                parts.append("at or above the target share in the baseline year: held to it")
        notes.append("; ".join(parts))
    return notes

"""Board history: how long each trust has gone without a BME executive director.

Every member of the ``board`` table with role ``executive`` counts as an executive director,
voting or not (trusts list some executive directors, such as a director of people, without a
vote; they still sit on the board as executives). A BME executive is one whose ethnicity is
neither White nor Unknown, so detailed groups (Asian, Black, Mixed, Other) and BME totals both
count. A trust-year counts when the trust reported at least one executive director of recorded
ethnicity (as indicator 9 counts them); one of those with no BME executive is a year with none.
Years with no such executive, or absent from the ``board`` table, are not counted at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_lib.data.dataset import Dataset
from wres_lib.data.schema import UNKNOWN, WHITE
from wres_lib.indicators.aggregate import NATIONAL_CODE, NATIONAL_NAME

EXECUTIVE = "executive"
NEVER_NOTE = "no BME executive director in any year of the data"
CLOSED_NOTE = "organisation has no board data in the latest year ({year})"
SYSTEM_LEVELS = (("icb", "icb_code", "icb_name"), ("region", "region_code", "region_name"))


@dataclass(frozen=True)
class BoardHistory:
    """The board history tables.

    Attributes:
        per_org: one row per trust: ``code, name, icb_code, region_code, first_year,
            latest_year, years_in_data, bme_executives_latest, first_year_with_bme_exec,
            last_year_with_bme_exec, years_since_bme_exec, longest_run_without_bme_exec,
            years_without_bme_exec, note``. Year columns are nullable ``Int64``:
            ``years_since_bme_exec`` is 0 when a BME executive is in post in the trust's
            latest year and missing (with the note ``NEVER_NOTE``) when there never was one.
        per_system: one row per system (``level == "icb"``), region and the nation:
            ``level, code, name, year, trusts_total, trusts_with_no_bme_exec_latest``, counting
            the trusts with board data in the latest year of the ``board`` table.
        never: the trusts with no BME executive director in every year they have data
            (``code, name, icb_code, region_code, first_year, latest_year, years_in_data``).
        latest_year: the latest year of the ``board`` table.
    """

    per_org: pd.DataFrame
    per_system: pd.DataFrame
    never: pd.DataFrame
    latest_year: int


def board_history(dataset: Dataset, up_to_year: int | None = None) -> BoardHistory:
    """Years without a BME executive director, per trust, system, region and the nation.

    Args:
        dataset: a validated :class:`~wres_lib.data.dataset.Dataset`.
        up_to_year: count only the years up to this one (a briefing never looks past its
            year); ``None`` for every year.

    Returns:
        A :class:`BoardHistory` with ``per_org``, ``per_system`` and ``never`` tables.

    Example:
        >>> history = board_history(load_dataset("data/sample"))  # doctest: +SKIP
        >>> history.never[["code", "name"]]  # doctest: +SKIP
    """
    if not isinstance(dataset, Dataset):
        raise ValueError("dataset is expected to be a wres_lib Dataset")
    board = dataset.board
    if up_to_year is not None:
        board = board[(board["year"] <= up_to_year).to_numpy()]
    yearly = _bme_executives_by_year(board)
    if yearly.empty:
        up_to = "" if up_to_year is None else f" up to {up_to_year}"
        raise ValueError(
            f"dataset has no executive directors of recorded ethnicity in its board table{up_to}:"
            " there is no board history to report"
        )
    latest_year = int(yearly["year"].max())
    orgs = dataset.organisations.set_index("org_code")
    per_org = _per_org(yearly, orgs, latest_year)
    return BoardHistory(
        per_org=per_org,
        per_system=_per_system(per_org, dataset.organisations, latest_year),
        never=_never(per_org),
        latest_year=latest_year,
    )


def _bme_executives_by_year(board: pd.DataFrame) -> pd.DataFrame:
    """One row per trust-year of ``board`` with an executive of recorded ethnicity:
    ``org_code, year, bme_executives``."""
    executive = (board["role"] == EXECUTIVE).to_numpy()
    is_bme_exec = executive & ~board["ethnicity"].isin([WHITE, UNKNOWN]).to_numpy()
    is_known_exec = executive & (board["ethnicity"] != UNKNOWN).to_numpy()
    counts = board.assign(
        bme_executives=np.where(is_bme_exec, board["members"], 0),
        known_executives=np.where(is_known_exec, board["members"], 0),
    )
    yearly = counts.groupby(["org_code", "year"], as_index=False)[
        ["bme_executives", "known_executives"]
    ].sum()
    counted = yearly[yearly["known_executives"] > 0]
    return counted.drop(columns="known_executives").sort_values(
        ["org_code", "year"], ignore_index=True
    )


def _longest_runs_without(yearly: pd.DataFrame) -> pd.Series:
    """Per trust, the longest run of consecutive years with no BME executive."""
    none = yearly["bme_executives"].eq(0)
    new_org = yearly["org_code"].ne(yearly["org_code"].shift())
    gap = yearly["year"].diff().ne(1)
    # A run starts at a year with none whose previous year had one, is absent, or is another org.
    starts = none & (new_org | gap | ~none.shift(fill_value=False))
    run_id = starts.cumsum().where(none)
    lengths = run_id.dropna().groupby(run_id.dropna()).transform("size")
    longest = lengths.groupby(yearly.loc[lengths.index, "org_code"]).max()
    return longest.reindex(yearly["org_code"].unique(), fill_value=0)


def _per_org(yearly: pd.DataFrame, orgs: pd.DataFrame, latest_year: int) -> pd.DataFrame:
    grouped = yearly.groupby("org_code")
    with_exec = yearly[yearly["bme_executives"] > 0].groupby("org_code")["year"]
    last_rows = yearly.loc[grouped["year"].idxmax()].set_index("org_code")
    is_none = yearly["bme_executives"].eq(0)
    table = pd.DataFrame(
        {
            "first_year": grouped["year"].min(),
            "latest_year": grouped["year"].max(),
            "years_in_data": grouped["year"].size(),
            "bme_executives_latest": last_rows["bme_executives"],
            "first_year_with_bme_exec": with_exec.min().astype("Int64"),
            "last_year_with_bme_exec": with_exec.max().astype("Int64"),
            "longest_run_without_bme_exec": _longest_runs_without(yearly),
            "years_without_bme_exec": is_none.groupby(yearly["org_code"]).sum(),
        }
    )
    table["years_since_bme_exec"] = table["latest_year"] - table["last_year_with_bme_exec"]
    never = table["first_year_with_bme_exec"].isna()
    closed = table["latest_year"] < latest_year
    closed_note = CLOSED_NOTE.format(year=latest_year)
    table["note"] = [
        "; ".join(text for text, applies in ((NEVER_NOTE, n), (closed_note, c)) if applies)
        for n, c in zip(never, closed, strict=True)
    ]
    table.index.name = "code"
    table = table.reset_index()
    table.insert(1, "name", table["code"].map(orgs["org_name"]))
    table.insert(2, "icb_code", table["code"].map(orgs["icb_code"]))
    table.insert(3, "region_code", table["code"].map(orgs["region_code"]))
    return table.sort_values("code", ignore_index=True)


def _per_system(
    per_org: pd.DataFrame, organisations: pd.DataFrame, latest_year: int
) -> pd.DataFrame:
    current = per_org[per_org["latest_year"] == latest_year]
    none_now = current["bme_executives_latest"].eq(0)
    frames = []
    for level, code_column, name_column in SYSTEM_LEVELS:
        names = organisations.drop_duplicates(code_column).set_index(code_column)[name_column]
        counts = (
            current.assign(none=none_now)
            .groupby(code_column)
            .agg(trusts_total=("code", "size"), trusts_with_no_bme_exec_latest=("none", "sum"))
            .reset_index()
            .rename(columns={code_column: "code"})
        )
        counts.insert(0, "level", level)
        counts.insert(2, "name", counts["code"].map(names))
        frames.append(counts)
    national = pd.DataFrame(
        {
            "level": ["national"],
            "code": [NATIONAL_CODE],
            "name": [NATIONAL_NAME],
            "trusts_total": [len(current)],
            "trusts_with_no_bme_exec_latest": [int(none_now.sum())],
        }
    )
    table = pd.concat([*frames, national], ignore_index=True)
    table.insert(3, "year", latest_year)
    return table.astype({"trusts_total": "int64", "trusts_with_no_bme_exec_latest": "int64"})


def _never(per_org: pd.DataFrame) -> pd.DataFrame:
    columns = ["code", "name", "icb_code", "region_code", "first_year", "latest_year"]
    chosen = per_org[per_org["first_year_with_bme_exec"].isna()]
    return chosen[[*columns, "years_in_data"]].reset_index(drop=True)

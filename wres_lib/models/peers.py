"""Peer comparison: each trust against trusts of the same type, its region and the nation.

For every trust and measure in one year, the trust's figure next to:

- the trusts of the same type (acute, mental health, community, ambulance, specialist): how
  many have a figure, their median and quartiles, the trust's rank (1 = the highest figure) and
  whether it lies in the highest quarter, the middle half or the lowest quarter of them. The
  trust is one of its own peers. These are summaries of trust figures, not pooled figures.
- its region and the nation: the figures of the ``region`` and ``national`` rows of the same
  indicator table, computed from summed counts (docs/methods.md, "Aggregation").

The table is direction-neutral: whether higher is better depends on the measure (the indicator
table's ``adverse`` flag says which side is adverse).
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from wres_lib.indicators.flags import SMALL_NUMBERS
from wres_lib.models.inputs import default_rows, lookup

CELL = ("indicator", "measure", "staff_group", "band", "group")
HIGHEST, MIDDLE, LOWEST = "highest quarter", "middle half", "lowest quarter"
LOWER_QUARTILE, UPPER_QUARTILE = 0.25, 0.75
COLUMNS = (
    "year", "code", "name", "org_type", "region_code", "region_name", *CELL, "value", "flag",
    "type_count", "type_median", "type_lower_quartile", "type_upper_quartile", "type_rank",
    "type_position", "region_value", "national_value",
)  # fmt: skip


def peer_comparison(
    indicators: pd.DataFrame,
    organisations: pd.DataFrame,
    year: int | None = None,
    *,
    measures: Collection[str] | None = None,
) -> pd.DataFrame:
    """Each trust's figures beside its type's spread, its region's and the nation's figures.

    Args:
        indicators: the tidy indicator table with ``trust`` rows, and ``region`` and
            ``national`` rows for those comparisons (their values are missing otherwise).
        organisations: the dataset's ``organisations`` table (for each trust's type and region).
        year: the year to compare (default: the latest in ``indicators``).
        measures: measure names to include, every row of each; ``None`` takes the default rows
            (:func:`~wres_lib.models.inputs.default_rows`).

    Returns:
        One row per trust and measure with the columns :data:`COLUMNS`. ``type_rank`` and
        ``type_position`` are missing (and empty) where the trust has no figure.

    Example:
        >>> levels = ("trust", "region", "national")
        >>> frames = [compute_indicators(ds, 2025, level) for level in levels]  # doctest: +SKIP
        >>> table = peer_comparison(pd.concat(frames), ds.organisations)  # doctest: +SKIP
        >>> table.query("code == 'ZT001'")  # doctest: +SKIP
    """
    _check_arguments(indicators, organisations, year, measures)
    if year is None:
        year = int(indicators["year"].max())
    chosen = default_rows(indicators) if measures is None else indicators["measure"].isin(measures)
    in_year = (indicators["year"] == year).to_numpy() & chosen.to_numpy()
    trusts = indicators[in_year & (indicators["level"] == "trust").to_numpy()]
    if trusts.empty:
        raise ValueError(f"indicators has no trust rows of the chosen measures in {year}")
    orgs = organisations.drop_duplicates("org_code").set_index("org_code")
    table = trusts[["year", "code", "name", *CELL, "value", "flag"]].astype(
        {column: str for column in ("code", "name", *CELL, "flag")}
    )
    table = table.reset_index(drop=True)
    for column in ("org_type", "region_code", "region_name"):
        table[column] = table["code"].map(orgs[column]).astype(str)
    table = table.join(_type_summaries(table))
    others = indicators[in_year]
    regions = others[(others["level"] == "region").to_numpy()]
    table["region_value"] = lookup(
        table.drop(columns="code").rename(columns={"region_code": "code"}),
        regions,
        ["year", "code", *CELL],
    )
    national = others[(others["level"] == "national").to_numpy()]
    table["national_value"] = lookup(table, national, ["year", *CELL])
    return table.loc[:, list(COLUMNS)]


def _check_arguments(
    indicators: pd.DataFrame,
    organisations: pd.DataFrame,
    year: int | None,
    measures: Collection[str] | None,
) -> None:
    for name, frame, needed in (
        ("indicators", indicators, ("year", "level", "code", "name", *CELL, "value", "flag")),
        ("organisations", organisations, ("org_code", "org_type", "region_code", "region_name")),
    ):
        if not isinstance(frame, pd.DataFrame):
            raise ValueError(f"{name} is expected to be a pandas DataFrame")
        missing = [column for column in needed if column not in frame.columns]
        if missing:
            raise ValueError(f"{name} is missing the column(s) {', '.join(missing)}")
    if year is not None and not (indicators["year"] == year).any():
        raise ValueError(f"year {year!r} is not in indicators")
    if isinstance(measures, str):
        raise ValueError("measures is expected to be a collection of measure names, not a str")


def _type_summaries(table: pd.DataFrame) -> pd.DataFrame:
    """Count, median, quartiles, rank and quarter of each trust among trusts of its type.

    Figures flagged as small numbers are left out of the spread and the ranks, as they are
    not published.
    """
    small = table["flag"].astype(str).str.contains(SMALL_NUMBERS)
    value = table["value"].where(~small)
    groups = table.assign(value=value).groupby(["org_type", *CELL], sort=False)["value"]
    summary = pd.DataFrame(
        {
            "type_count": groups.transform("count").astype("int64"),
            "type_median": groups.transform("median"),
            "type_lower_quartile": groups.transform("quantile", LOWER_QUARTILE),
            "type_upper_quartile": groups.transform("quantile", UPPER_QUARTILE),
            "type_rank": groups.rank(method="min", ascending=False).astype("Int64"),
        }
    )
    position = np.select(
        [
            value.isna(),
            value > summary["type_upper_quartile"],
            value < summary["type_lower_quartile"],
        ],
        ["", HIGHEST, LOWEST],
        MIDDLE,
    )
    return summary.assign(type_position=position)

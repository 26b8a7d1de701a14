"""Trust-level indicator series continued across mergers and code changes.

A *continued* series gives a successor the trust-level figures of the organisations that make
it up (:mod:`wres_lib.data.succession` says who they are): in every year the counts of the
successor and of each predecessor are summed under the successor's code and the indicators
computed from the sums by :func:`~wres_lib.indicators.compute_indicators` (counts are summed,
never rates averaged, as for systems and regions). A row whose counts include a predecessor's
has the flag ``predecessors`` and lists those predecessors in ``combined_from``
("ZT037;ZT038"); a row of the successor's own counts alone is exactly its row of the ordinary
indicator table, with ``combined_from`` empty.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from functools import cache

import pandas as pd

from wres_lib.data.dataset import Dataset
from wres_lib.data.succession import lineage, predecessors_of
from wres_lib.indicators.catalogue import CATALOGUE
from wres_lib.indicators.compute import compute_indicators
from wres_lib.indicators.disparity_ratios import DEFAULT_BAND_GROUPS, BandGroups
from wres_lib.indicators.flags import PREDECESSORS
from wres_lib.indicators.tidy import COLUMNS as TIDY_COLUMNS
from wres_lib.stats.small_numbers import DEFAULT_RULE, SmallNumberRule

# The tables behind each indicator: a figure combines a predecessor if one of them has its rows.
SOURCES: dict[str, tuple[str, ...]] = {i.number: i.tables for i in CATALOGUE}
TWO_YEAR_MEASURE = "relative_likelihood_2yr"  # counts of the year and the year before
SEPARATOR = ";"


def continued_indicators(
    dataset: Dataset,
    codes: Iterable[str] | None = None,
    *,
    as_of: int | None = None,
    conf: float = 0.95,
    rule: SmallNumberRule = DEFAULT_RULE,
    band_groups: BandGroups = DEFAULT_BAND_GROUPS,
) -> pd.DataFrame:
    """Trust-level indicators of successor organisations, their predecessors' counts summed in.

    Args:
        dataset: a loaded :class:`~wres_lib.data.dataset.Dataset`.
        codes: the successors to continue; ``None`` for every organisation with a predecessor.
            A code without predecessors gives no rows.
        as_of: combine only the predecessors merged by this WRES year (as its briefing does);
            ``None`` for all of them.
        conf, rule, band_groups: as for :func:`~wres_lib.indicators.compute.compute_indicators`.

    Returns:
        The tidy indicator table of :mod:`wres_lib.indicators` at level trust, one series per
        successor over every year of it or its predecessors, plus ``combined_from``: the
        predecessors whose counts a row includes, separated by ";" ("" for none). Those rows
        also carry the :data:`PREDECESSORS` flag.

    Raises:
        KeyError: a code is not in the organisations table.
        LineageError: the successor codes form a cycle.
    """
    table = lineage(dataset.organisations)
    known = set(dataset.organisations["org_code"])
    wanted = sorted(table["org_code"].unique()) if codes is None else list(codes)
    unknown = [code for code in wanted if code not in known]
    if unknown:
        raise KeyError(f"not in the organisations table: {', '.join(unknown)}")
    frames = []
    for code in wanted:
        members = predecessors_of(table, code, as_of)
        if members:
            settings = {"conf": conf, "rule": rule, "band_groups": band_groups}
            frames.append(_continued(dataset, code, members, settings))
    if not frames:
        return pd.DataFrame(columns=[*TIDY_COLUMNS, "combined_from"])
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _continued(
    dataset: Dataset, code: str, members: list[str], settings: dict[str, object]
) -> pd.DataFrame:
    """``code``'s indicator rows computed from its counts and those of ``members``."""
    recode = dict.fromkeys([code, *members], code)
    tables: dict[str, pd.DataFrame] = {}
    contributed: dict[tuple[str, int], set[str]] = {}
    for name in dict.fromkeys(t for names in SOURCES.values() for t in names):
        frame = dataset.table(name)
        mine = frame[frame["org_code"].isin(list(recode)).to_numpy()]
        theirs = mine.loc[mine["org_code"] != code, ["year", "org_code"]].drop_duplicates()
        for year, predecessor in theirs.itertuples(index=False):
            contributed.setdefault((name, int(year)), set()).add(str(predecessor))
        recoded = mine.assign(org_code=mine["org_code"].map(recode))
        tables[name] = recoded.reset_index(drop=True)
    organisations = dataset.organisations[(dataset.organisations["org_code"] == code).to_numpy()]
    recoded_dataset = dataclasses.replace(dataset, organisations=organisations, **tables)
    rows = compute_indicators(recoded_dataset, level="trust", **settings)

    @cache
    def combined_from(indicator: str, measure: str, year: int) -> str:
        years = (year, year - 1) if measure == TWO_YEAR_MEASURE else (year,)
        found = {
            predecessor
            for name in SOURCES[indicator]
            for y in years
            for predecessor in contributed.get((name, y), ())
        }
        return SEPARATOR.join(sorted(found))

    indicator, measure = rows["indicator"].astype(str), rows["measure"].astype(str)
    keys = zip(indicator, measure, rows["year"], strict=True)
    combined = pd.Series([combined_from(*key) for key in keys], index=rows.index)
    marked = combined != ""
    flag, note = rows["flag"].astype(str), rows["note"].astype(str)
    flag = flag.where(~marked, (flag + SEPARATOR + PREDECESSORS).str.lstrip(SEPARATOR))
    words = "counts of " + combined.str.replace(SEPARATOR, ", ") + f" summed under {code}"
    note = note.where(~marked | (note != ""), words)
    return rows.assign(
        flag=flag.astype("category"),
        note=note.astype("category"),
        combined_from=combined.astype("category"),
    )

"""Organisations to levels, and counts summed to a level by ethnic group.

Systems (ICBs), regions and the nation are built by summing counts, never by averaging ratios
(docs/methods.md, "Aggregation"). The national level has code ``"ENG"`` and name ``"England"``.

Counts are pivoted to one column per ethnic group: ``{value}_White``, ``{value}_BME`` (every
stated non-White group: the BME total plus any detailed groups), ``{value}_Unknown`` and
``{value}_{group}`` for each detailed group. A ``detailed`` column says whether the detailed
groups are complete for that year and code: true only when some organisation gave detailed
groups and none gave only a BME total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from wres_lib.data.schema import (
    BME,
    DETAILED_BME_GROUPS,
    ETHNICITIES,
    FIRST_YEAR,
    LAST_YEAR,
    LEVELS,
    NATIONAL,
    UNKNOWN,
    WHITE,
)

NATIONAL_CODE = "ENG"
NATIONAL_NAME = "England"
GROUPS = (WHITE, BME, UNKNOWN, *DETAILED_BME_GROUPS)
_LEVEL_COLUMNS = {
    "trust": ("org_code", "org_name"),
    "icb": ("icb_code", "icb_name"),
    "region": ("region_code", "region_name"),
}


@dataclass(frozen=True)
class LevelMap:
    """Which level code each organisation belongs to, and the name of each code.

    ``codes`` and ``names`` are aligned: the sorted codes of the level and their names.
    ``code_index`` maps an org_code to the position of its level code in ``codes``.
    """

    level: str
    codes: pd.Index
    names: np.ndarray
    code_index: pd.Series

    def positions(self, org_codes: pd.Series) -> np.ndarray:
        """The position in ``codes`` of each organisation's level code."""
        codes, uniques = pd.factorize(org_codes)
        found = self.code_index.reindex(uniques)
        if found.isna().any():
            missing = sorted(map(str, uniques[found.isna().to_numpy()]))[:5]
            raise ValueError(f"org_code not in organisations: {', '.join(missing)}")
        return found.to_numpy(dtype=np.int64)[codes]

    def categorical(self, positions: np.ndarray) -> pd.Categorical:
        """Level codes as a categorical from positions in ``codes``."""
        return pd.Categorical.from_codes(positions, categories=self.codes)

    def name_of(self, codes: pd.Categorical) -> pd.Categorical:
        """The name of each code, as a categorical."""
        names, name_positions = np.unique(self.names, return_inverse=True)
        return pd.Categorical.from_codes(name_positions[codes.codes], categories=names)


def level_map(organisations: pd.DataFrame, level: str) -> LevelMap:
    """The :class:`LevelMap` of ``level`` (one of :data:`LEVELS`) for ``organisations``."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    orgs = organisations.drop_duplicates("org_code")
    if level == NATIONAL:
        codes, names = pd.Index([NATIONAL_CODE]), np.array([NATIONAL_NAME], dtype=object)
        return LevelMap(level, codes, names, pd.Series(0, index=orgs["org_code"].to_numpy()))
    code_column, name_column = _LEVEL_COLUMNS[level]
    pairs = orgs[[code_column, name_column]].drop_duplicates(code_column).sort_values(code_column)
    codes = pd.Index(pairs[code_column].to_numpy())
    index = pd.Series(codes.get_indexer(orgs[code_column]), index=orgs["org_code"].to_numpy())
    return LevelMap(level, codes, pairs[name_column].to_numpy(dtype=object), index)


def group_counts(
    table: pd.DataFrame, lmap: LevelMap, keys: Sequence[str], values: Sequence[str]
) -> pd.DataFrame:
    """Sum ``values`` of ``table`` by year, level code, ``keys`` and ethnic group, wide.

    Returns one row per (year, code, *keys) present, sorted by them, with ``code`` categorical,
    a column ``{value}_{group}`` for each value and group of :data:`GROUPS` (0 where absent)
    and ``detailed`` (see the module docstring).
    """
    positions = lmap.positions(table["org_code"])
    frame = table[["year", *keys]].assign(code=lmap.categorical(positions))
    out, cell = key_cells(frame, ["year", "code", *keys])
    ethnicity = codes_in(table["ethnicity"], ETHNICITIES, "ethnicity")
    slot = cell * len(ETHNICITIES) + ethnicity
    for value in values:
        weights = table[value].to_numpy(dtype=np.float64)
        sums = np.bincount(slot, weights, minlength=len(out) * len(ETHNICITIES))
        by_ethnicity = dict(zip(ETHNICITIES, sums.reshape(-1, len(ETHNICITIES)).T, strict=True))
        by_ethnicity[BME] = sum(by_ethnicity[g] for g in (BME, *DETAILED_BME_GROUPS))
        for group in GROUPS:
            out[f"{value}_{group}"] = by_ethnicity[group].astype(np.int64)
    detailed = detailed_lookup(table["year"], positions, ethnicity, lmap)
    out["detailed"] = detailed[year_code_key(out["year"], out["code"].cat.codes, lmap)]
    return out


def sum_by(frame: pd.DataFrame, keys: Sequence[str], columns: Sequence[str]) -> pd.DataFrame:
    """``frame.groupby(keys)[columns].sum()`` as columns, a few times faster (see
    :func:`key_cells`; ``keys`` must not be empty). Sums are float64; booleans are counted.

    >>> sum_by(pd.DataFrame({"k": ["b", "a", "b"], "x": [1, 2, 3]}), ["k"], ["x"])
       k    x
    0  a  2.0
    1  b  4.0
    """
    out, cell = key_cells(frame, keys)
    for column in columns:
        weights = frame[column].to_numpy(dtype=np.float64)
        out[column] = np.bincount(cell, weights, minlength=len(out))
    return out


def key_cells(frame: pd.DataFrame, keys: Sequence[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """The distinct combinations of ``keys`` (sorted) and, for each row, its combination.

    One integer per row from the factorized keys, then :func:`numpy.unique`: several times
    faster than a pandas groupby on text keys, which matters as it runs on every table at
    every level.
    """
    codes, uniques = zip(*(pd.factorize(frame[key], sort=True) for key in keys), strict=True)
    dims = tuple(max(len(u), 1) for u in uniques)
    cells, cell = np.unique(np.ravel_multi_index(codes, dims), return_inverse=True)
    index = np.unravel_index(cells, dims)
    out = pd.DataFrame({key: u.take(i) for key, u, i in zip(keys, uniques, index, strict=True)})
    return out, cell.reshape(-1)


def codes_in(values: pd.Series, vocabulary: Sequence[str], name: str) -> np.ndarray:
    """The position of each value in ``vocabulary``; ``ValueError`` naming ``name`` if absent."""
    codes, uniques = pd.factorize(values)
    positions = pd.Index(vocabulary).get_indexer(uniques)
    if (positions < 0).any():
        unknown = ", ".join(map(str, uniques[positions < 0]))
        raise ValueError(f"{name} has values outside {', '.join(vocabulary)}: {unknown}")
    return positions[codes]


def year_code_key(years: ArrayLike, positions: ArrayLike, lmap: LevelMap) -> np.ndarray:
    """One integer per (year, level code position), below :func:`key_space`."""
    year_offset = np.asarray(years, dtype=np.int64) - FIRST_YEAR
    return year_offset * len(lmap.codes) + np.asarray(positions, dtype=np.int64)


def align(
    source: pd.DataFrame, target: pd.DataFrame, columns: Sequence[str], lmap: LevelMap
) -> pd.DataFrame:
    """For each row of ``target``, ``columns`` of the ``source`` row with the same year and code.

    ``source`` has at most one row per year and code; rows of ``target`` without one get NaN.
    Both frames have ``code`` as a categorical of ``lmap`` codes.
    """
    row = np.full(key_space(lmap), -1, dtype=np.int64)
    row[year_code_key(source["year"], source["code"].cat.codes, lmap)] = np.arange(len(source))
    found = row[year_code_key(target["year"], target["code"].cat.codes, lmap)]
    values = source[list(columns)].to_numpy(dtype=np.float64)[np.maximum(found, 0)]
    values[found < 0] = np.nan
    return pd.DataFrame(values, columns=list(columns))


def key_space(lmap: LevelMap) -> int:
    """How many values :func:`year_code_key` can take: the size of a lookup array."""
    return (LAST_YEAR - FIRST_YEAR + 1) * len(lmap.codes)


def detailed_lookup(
    years: ArrayLike, positions: np.ndarray, ethnicity: np.ndarray, lmap: LevelMap
) -> np.ndarray:
    """A lookup by :func:`year_code_key`: true where detailed groups are complete.

    ``ethnicity`` holds positions in :data:`~wres_lib.data.schema.ETHNICITIES` (see
    :func:`codes_in`).
    """
    keys = year_code_key(years, positions, lmap)
    detailed_codes = [ETHNICITIES.index(g) for g in DETAILED_BME_GROUPS]
    has_detail = np.zeros(key_space(lmap), dtype=bool)
    has_total = np.zeros(key_space(lmap), dtype=bool)
    has_detail[keys[np.isin(ethnicity, detailed_codes)]] = True
    has_total[keys[ethnicity == ETHNICITIES.index(BME)]] = True
    return has_detail & ~has_total

"""The tidy indicator table: its columns, its flag vocabulary and how blocks become one frame.

Each indicator family builds *blocks*: one measure for every (year, code, ...) cell, as arrays.
:func:`assemble` concatenates them into one DataFrame with categorical text columns, sorted by
year and code (and, within those, in the order the blocks were built).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from wres_lib.indicators.aggregate import LevelMap
from wres_lib.indicators.disparity_ratios import DEFAULT_RUNGS, BandGroups, Rungs
from wres_lib.indicators.flags import (
    ABOVE_1_25,
    BELOW_0_80,
    CI_EXCLUDES_1,
    FLAGS,
    NO_INTERVAL,
    UNDEFINED,
    WITHIN_0_80_1_25,
)
from wres_lib.stats.small_numbers import SmallNumberRule

COLUMNS = (
    "year", "level", "code", "name", "indicator", "measure", "staff_group", "band", "group",
    "value", "ci_low", "ci_high", "numerator", "denominator", "p_value", "flag", "note",
)  # fmt: skip
TEXT_COLUMNS = ("indicator", "measure", "staff_group", "band", "group", "flag", "note")
FLOAT_COLUMNS = ("value", "ci_low", "ci_high", "p_value")
COUNT_COLUMNS = ("numerator", "denominator")
ALL = "all"

_FLAG_BIT = {name: bit for bit, name in enumerate(FLAGS)}
LOWER_PARITY, UPPER_PARITY = 0.80, 1.25

Block = dict[str, Any]


@dataclass(frozen=True)
class Settings:
    """What every indicator family needs besides its data."""

    lmap: LevelMap
    conf: float
    rule: SmallNumberRule
    band_groups: BandGroups
    rungs: Rungs = DEFAULT_RUNGS


def flag_column(masks: Mapping[str, ArrayLike], size: int) -> pd.Categorical:
    """Semicolon-separated flags (in :data:`FLAGS` order) from one boolean mask per flag."""
    bits = np.zeros(size, dtype=np.int64)
    for name, mask in masks.items():
        bits |= np.asarray(mask, dtype=bool).astype(np.int64) << _FLAG_BIT[name]
    present = np.flatnonzero(np.bincount(bits, minlength=1))
    recode = np.zeros(1 << len(FLAGS), dtype=np.int64)
    recode[present] = np.arange(len(present))
    texts = [";".join(f for f, i in _FLAG_BIT.items() if bit >> i & 1) for bit in present]
    return pd.Categorical.from_codes(recode[bits], categories=texts)


def ratio_flags(
    value: np.ndarray, ci_low: np.ndarray | None = None, ci_high: np.ndarray | None = None
) -> dict[str, Any]:
    """Flags for a ratio: undefined, where it lies against 0.80-1.25 and, given an interval,
    no_interval and ci_excludes_1."""
    flags = {
        UNDEFINED: np.isnan(value),
        BELOW_0_80: value < LOWER_PARITY,
        WITHIN_0_80_1_25: (value >= LOWER_PARITY) & (value <= UPPER_PARITY),
        ABOVE_1_25: value > UPPER_PARITY,
    }
    if ci_low is not None and ci_high is not None:
        flags[NO_INTERVAL] = ~np.isnan(value) & np.isnan(ci_low)
        flags[CI_EXCLUDES_1] = (ci_low > 1) | (ci_high < 1)
    return flags


def note_column(rules: Sequence[tuple[ArrayLike, Any]], size: int) -> pd.Categorical:
    """For each row, the note of the first rule whose mask is true there ("" if none).

    A rule's note is one string, or an array of strings (e.g. a categorical) giving each row's.
    """
    texts: dict[str, int] = {"": 0}
    codes = np.zeros(size, dtype=np.int64)
    unset = np.ones(size, dtype=bool)
    for mask, note in rules:
        hit = unset & np.asarray(mask, dtype=bool)
        if isinstance(note, str):
            codes[hit] = texts.setdefault(note, len(texts))
        else:
            per_row = pd.Categorical(note)
            mapping = np.array([texts.setdefault(t, len(texts)) for t in per_row.categories])
            codes[hit] = mapping[per_row.codes[hit]]
        unset &= ~hit
    return pd.Categorical.from_codes(codes, categories=list(texts))


def block(keys: pd.DataFrame, **columns: Any) -> Block:
    """One block: ``keys`` (year and code columns) plus columns of :data:`COLUMNS`.

    A text column may be one string for the whole block; a missing float or count column is NaN.
    """
    unknown = set(columns) - set(COLUMNS)
    if unknown:
        raise ValueError(f"unknown tidy columns: {', '.join(sorted(unknown))}")
    return {"year": keys["year"].to_numpy(), "code": keys["code"].array, **columns}


def assemble(
    blocks: Sequence[Block], lmap: LevelMap, categories: Mapping[str, Sequence[str]]
) -> pd.DataFrame:
    """One DataFrame with :data:`COLUMNS` from ``blocks`` (at least one), sorted by year, code.

    ``categories`` fixes the category order of text columns with a known vocabulary.
    """
    sizes = [len(b["year"]) for b in blocks]
    year = np.concatenate([b["year"] for b in blocks]).astype(np.int64)
    code_positions = np.concatenate([np.asarray(b["code"].codes, dtype=np.int64) for b in blocks])
    order = _year_code_order(year, code_positions, len(lmap.codes))
    code = lmap.categorical(code_positions[order])
    out: dict[str, Any] = {
        "year": year[order],
        "level": pd.Categorical.from_codes(np.zeros(len(order), np.int8), [lmap.level]),
        "code": code,
        "name": lmap.name_of(code),
    }
    for column in TEXT_COLUMNS:
        pieces = [b.get(column, ALL) for b in blocks]
        out[column] = _text_column(column, pieces, sizes, categories.get(column), order)
    for column in (*FLOAT_COLUMNS, *COUNT_COLUMNS):
        values = [_broadcast(b.get(column, np.nan), n) for b, n in zip(blocks, sizes, strict=True)]
        merged = np.concatenate(values)[order]
        out[column] = _counts(merged) if column in COUNT_COLUMNS else merged
    return pd.DataFrame(out, columns=list(COLUMNS))


def _year_code_order(year: np.ndarray, code: np.ndarray, codes: int) -> np.ndarray:
    """The stable order by year then code. One small integer key: numpy sorts 16-bit keys
    stably by radix, in linear time."""
    key = (year - (year.min() if len(year) else 0)) * codes + code
    small = key.max(initial=0) <= np.iinfo(np.int16).max
    return np.argsort(key.astype(np.int16 if small else np.int64), kind="stable")


def _text_column(
    column: str,
    pieces: Sequence[Any],
    sizes: Sequence[int],
    vocabulary: Sequence[str] | None,
    order: np.ndarray,
) -> pd.Categorical:
    """One categorical from pieces that are strings (one per block) or arrays of strings."""
    seen: dict[str, int] = {}
    codes = []
    for piece, size in zip(pieces, sizes, strict=True):
        if isinstance(piece, str):
            codes.append(np.full(size, seen.setdefault(piece, len(seen)), dtype=np.int32))
            continue
        values = piece if isinstance(piece, pd.Categorical) else pd.Categorical(piece)
        mapping = [seen.setdefault(str(c), len(seen)) for c in values.categories]
        codes.append(np.append(np.array(mapping, dtype=np.int32), -1)[values.codes])
    merged = np.concatenate(codes)[order]
    if vocabulary is None:  # keep the categories in use, in the order first met
        used = np.flatnonzero(np.bincount(merged[merged >= 0], minlength=len(seen)))
        recode = np.full(len(seen) + 1, -1, dtype=np.int32)
        recode[used] = np.arange(len(used))
        categories = pd.Index(np.array(list(seen), dtype=object)[used], dtype="str")
        return pd.Categorical.from_codes(recode[merged], categories=categories)
    unknown = set(seen) - set(vocabulary)
    if unknown:
        raise ValueError(f"{column} values outside its vocabulary: {sorted(unknown)}")
    position = {name: i for i, name in enumerate(vocabulary)}
    recode = np.append(np.array([position[name] for name in seen], dtype=np.int32), -1)
    return pd.Categorical.from_codes(recode[merged], categories=pd.Index(vocabulary, dtype="str"))


def _broadcast(values: Any, size: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(values, dtype=np.float64), (size,))


def _counts(values: np.ndarray) -> pd.arrays.IntegerArray:
    missing = np.isnan(values)
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing)

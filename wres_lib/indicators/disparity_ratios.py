"""Racial disparity ratios between pay-band groups, and the rungs of the progression ladder.

NHS England has not published its exact method; this is the stated reconstruction
(docs/methods.md, "Racial disparity ratios"). With ``W_x``, ``B_x`` the White and BME
headcounts in band group x:

- lower_to_middle = (W_middle / W_lower) / (B_middle / B_lower)
- middle_to_upper = (W_upper / W_middle) / (B_upper / B_middle)
- lower_to_upper = (W_upper / W_lower) / (B_upper / B_lower)

Each is the odds ratio of the table ``[[W_hi, W_lo], [B_hi, B_lo]]`` with Woolf's log interval.
1 is parity; above 1, White staff are relatively more likely to be in the higher group.
lower_to_upper is the product of the other two, so none of the three is named as "the"
bottleneck: that is the job of the progression ladder (:mod:`wres_lib.indicators.progression`),
whose rungs (:class:`Rungs`) are defined here beside the band groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from itertools import pairwise

import numpy as np
import pandas as pd

from wres_lib.data.schema import AFC_BANDS, BANDS, DETAILED_BME_GROUPS, ETHNICITIES, WHITE
from wres_lib.indicators.aggregate import sum_by
from wres_lib.stats.intervals import woolf_interval

BAND_GROUP_NAMES = ("lower", "middle", "upper")
RATIOS = {
    "lower_to_middle": ("lower", "middle"),
    "middle_to_upper": ("middle", "upper"),
    "lower_to_upper": ("lower", "upper"),
}
COUNT_COLUMNS = tuple(f"{side}_{name}" for side in ("white", "bme") for name in BAND_GROUP_NAMES)
_INPUT_COLUMNS = ("band", "ethnicity", "headcount")


@dataclass(frozen=True)
class BandGroups:
    """Which bands make up the lower, middle and upper groups.

    Defaults follow docs/methods.md, "Racial disparity ratios": lower = Band 1-5,
    middle = Band 6-7, upper = Band 8a-9 and VSM.

    >>> BandGroups().group_of["Band 8a"]
    'upper'
    """

    lower: tuple[str, ...] = AFC_BANDS[:5]
    middle: tuple[str, ...] = AFC_BANDS[5:7]
    upper: tuple[str, ...] = AFC_BANDS[7:]

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for group in fields(self):
            bands = getattr(self, group.name)
            if isinstance(bands, str) or not bands:
                raise ValueError(f"{group.name} must be a non-empty tuple of bands, got {bands!r}")
            unknown = [b for b in bands if b not in BANDS]
            if unknown:
                raise ValueError(f"{group.name} has unknown bands: {', '.join(map(str, unknown))}")
            repeated = seen.intersection(bands)
            if repeated:
                raise ValueError(f"{group.name} repeats bands: {', '.join(sorted(repeated))}")
            seen.update(bands)

    @property
    def group_of(self) -> dict[str, str]:
        """Band name to band group name, for every band in a group."""
        return {band: name for name in BAND_GROUP_NAMES for band in getattr(self, name)}


DEFAULT_BAND_GROUPS = BandGroups()

AFC_RUNGS = (
    ("Bands 1-4", AFC_BANDS[:4]),
    ("Band 5", ("Band 5",)),
    ("Band 6", ("Band 6",)),
    ("Band 7", ("Band 7",)),
    ("Bands 8a-8b", ("Band 8a", "Band 8b")),
    ("Bands 8c-VSM", AFC_BANDS[9:]),
)


@dataclass(frozen=True)
class Rungs:
    """The rungs of the progression ladder, lowest first: (label, Agenda for Change bands).

    Only AfC bands may be rungs: medical grades are a separate career structure and are left
    out of the ladder. Each adjacent pair of rungs is a *step*, labelled "lower to upper".

    >>> Rungs().steps[0]
    'Bands 1-4 to Band 5'
    """

    rungs: tuple[tuple[str, tuple[str, ...]], ...] = AFC_RUNGS

    def __post_init__(self) -> None:
        if len(self.rungs) < 2:
            raise ValueError("the ladder needs at least two rungs")
        seen: set[str] = set()
        for rung in self.rungs:
            if len(rung) != 2 or not isinstance(rung[0], str) or isinstance(rung[1], str):
                raise ValueError(f"each rung must be (label, tuple of bands), got {rung!r}")
            label, bands = rung
            outside = [b for b in bands if b not in AFC_BANDS]
            if not bands or outside:
                raise ValueError(f"rung {label!r} must hold Agenda for Change bands, got {bands!r}")
            if seen.intersection(bands):
                raise ValueError(f"rung {label!r} repeats bands of a lower rung")
            seen.update(bands)
        if len({label for label, _ in self.rungs}) != len(self.rungs):
            raise ValueError("rung labels must differ")

    @property
    def labels(self) -> tuple[str, ...]:
        """The rung labels, lowest first."""
        return tuple(label for label, _ in self.rungs)

    @property
    def steps(self) -> tuple[str, ...]:
        """The step labels, lowest first: "Band 7 to Bands 8a-8b"."""
        return tuple(f"{lo} to {hi}" for lo, hi in pairwise(self.labels))

    @property
    def rung_of(self) -> dict[str, int]:
        """Band name to the position of its rung."""
        return {band: i for i, (_, bands) in enumerate(self.rungs) for band in bands}


DEFAULT_RUNGS = Rungs()


def racial_disparity_ratios(
    headcounts: pd.DataFrame,
    by: Sequence[str] | None = None,
    band_groups: BandGroups = DEFAULT_BAND_GROUPS,
    conf: float = 0.95,
) -> pd.DataFrame:
    """Disparity ratios with Woolf intervals, one row per ``by`` group.

    Args:
        headcounts: rows of band, ethnicity and headcount (like the workforce table), for one
            organisation-year or many. Detailed groups count as BME; Unknown is left out; bands
            outside every band group (e.g. medical grades) are ignored.
        by: the columns identifying one organisation-year (or other unit); by default every
            column except band, ethnicity and headcount. ``[]`` treats all rows as one unit.
        band_groups: the bands of the lower, middle and upper groups.
        conf: confidence level of the intervals.

    Returns:
        One row per unit: the ``by`` columns; headcounts ``white_lower`` ... ``bme_upper``; for
        each ratio of :data:`RATIOS` its value, ``{ratio}_ci_low``, ``{ratio}_ci_high`` (NaN
        where undefined) and ``{ratio}_note`` (why it or its interval is undefined, or "").

    >>> rows = pd.DataFrame({"band": ["Band 3", "Band 6", "Band 8a"] * 2,
    ...                      "ethnicity": ["White"] * 3 + ["BME"] * 3,
    ...                      "headcount": [100, 80, 40, 100, 40, 10]})
    >>> out = racial_disparity_ratios(rows)
    >>> out.loc[0, ["lower_to_middle", "middle_to_upper", "lower_to_upper"]].tolist()
    [2.0, 2.0, 4.0]
    """
    keys = _check_input(headcounts, by)
    group = headcounts["band"].map(band_groups.group_of).to_numpy()
    white = (headcounts["ethnicity"] == WHITE).to_numpy()
    bme = headcounts["ethnicity"].isin(("BME", *DETAILED_BME_GROUPS)).to_numpy()
    headcount = headcounts["headcount"].to_numpy(dtype=np.int64)
    counts = {}
    for side, in_side in (("white", white), ("bme", bme)):
        for name in BAND_GROUP_NAMES:
            counts[f"{side}_{name}"] = np.where(in_side & (group == name), headcount, 0)
    kept = pd.notna(group) & (white | bme)
    frame = headcounts.loc[kept, keys].assign(_unit=0, **{k: v[kept] for k, v in counts.items()})
    out = sum_by(frame, [*keys, "_unit"], list(counts)).drop(columns="_unit")
    return ratios_from_counts(out, conf)


def ratios_from_counts(counts: pd.DataFrame, conf: float = 0.95) -> pd.DataFrame:
    """The columns of :func:`racial_disparity_ratios` from White and BME headcounts by band
    group (columns :data:`COUNT_COLUMNS`); other columns of ``counts`` are kept as they are."""
    out = counts.copy()
    out[list(COUNT_COLUMNS)] = out[list(COUNT_COLUMNS)].astype(np.int64)
    for ratio, (lo, hi) in RATIOS.items():
        order = (("white", hi), ("white", lo), ("bme", hi), ("bme", lo))
        cells = [out[f"{s}_{g}"].to_numpy() for s, g in order]
        value, ci_low, ci_high = woolf_interval(*cells, conf=conf)
        out[ratio], out[f"{ratio}_ci_low"], out[f"{ratio}_ci_high"] = value, ci_low, ci_high
        out[f"{ratio}_note"] = ratio_notes(*cells, lower=lo, higher=hi)
    return out


def ratio_notes(
    white_hi: np.ndarray,
    white_lo: np.ndarray,
    bme_hi: np.ndarray,
    bme_lo: np.ndarray,
    lower: str,
    higher: str,
) -> pd.Categorical:
    """Why each ratio between band groups ``lower`` and ``higher`` is undefined ("" if not)."""
    cells = (
        (white_hi, "White", higher),
        (white_lo, "White", lower),
        (bme_hi, "BME", higher),
        (bme_lo, "BME", lower),
    )
    pattern = np.zeros(len(white_hi), dtype=np.int64)
    for bit, (count, _, _) in enumerate(cells):
        pattern |= (np.asarray(count) == 0).astype(np.int64) << bit
    unique, inverse = np.unique(pattern, return_inverse=True)
    texts = []
    for bits in unique:
        empty = [
            f"no {who} staff in the {group} bands"
            for i, (_, who, group) in enumerate(cells)
            if bits >> i & 1
        ]
        if not empty:
            texts.append("")
            continue
        value_undefined = bits & 0b0110  # white_lo or bme_hi is zero: division by zero
        ending = "the ratio cannot be calculated" if value_undefined else "it has no interval"
        texts.append(f"{' and '.join(empty)}, so {ending}")
    return pd.Categorical.from_codes(inverse.reshape(-1), categories=texts)


def _check_input(headcounts: pd.DataFrame, by: Sequence[str] | None) -> list[str]:
    if not isinstance(headcounts, pd.DataFrame):
        raise ValueError(f"headcounts must be a DataFrame, got {type(headcounts).__name__}")
    missing = [c for c in _INPUT_COLUMNS if c not in headcounts.columns]
    if missing:
        raise ValueError(f"headcounts lacks column(s): {', '.join(missing)}")
    keys = [c for c in headcounts.columns if c not in _INPUT_COLUMNS] if by is None else list(by)
    absent = [c for c in keys if c not in headcounts.columns or c in _INPUT_COLUMNS]
    if absent:
        raise ValueError(f"by names columns that are not keys of headcounts: {absent}")
    counts = pd.to_numeric(headcounts["headcount"], errors="coerce")
    if (counts.isna() | (counts < 0) | (counts % 1 != 0)).any():
        raise ValueError("headcount must hold non-negative whole numbers")
    unknown = set(headcounts["ethnicity"].unique()) - set(ETHNICITIES)
    if unknown:
        raise ValueError(f"ethnicity has values outside {', '.join(ETHNICITIES)}: {unknown}")
    return keys

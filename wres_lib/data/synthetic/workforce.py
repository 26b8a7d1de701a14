"""The workforce table: headcount by trust, year, staff group, band and ethnicity.

Each trust-year's headcount is spread over staff groups and bands, a share left with ethnicity
not stated, and the rest split White / BME on the logit scale (trust propensity + band offset +
a national year shift solved so the national BME share follows :data:`NATIONAL_BME_SHARE`).
Each trust's Agenda for Change band offsets follow its own progression ladder
(:mod:`wres_lib.data.synthetic.ladder`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.data.schema import (
    AFC_BANDS,
    BME,
    DETAILED_BME_GROUPS,
    MEDICAL_GRADES,
    STAFF_GROUPS,
    TABLES,
    UNKNOWN,
    WHITE,
)
from wres_lib.data.synthetic.geography import FIRST_YEAR, LAST_YEAR
from wres_lib.data.synthetic.ladder import ladder_offsets
from wres_lib.data.synthetic.numeric import sigmoid, solve_shift
from wres_lib.data.synthetic.stories import STORY_YEAR, WORKFORCE_BME_SHARE_TARGETS
from wres_lib.data.synthetic.trusts import MIX_COLUMNS

# National BME share of staff with a stated ethnicity, the target of the calibration.
NATIONAL_BME_SHARE = {
    2016: 0.200, 2017: 0.207, 2018: 0.215, 2019: 0.224, 2020: 0.235,
    2021: 0.248, 2022: 0.265, 2023: 0.285, 2024: 0.307, 2025: 0.330,
}  # fmt: skip

ANNUAL_GROWTH = 0.025  # headcount growth a year
SIZE_NOISE_SD, SIZE_NOISE_LIMIT = 0.015, 0.04
UNKNOWN_DECLINE = 0.03  # the unknown share is this much larger (relatively) per year back
BAND_MIX_CONCENTRATION = 300.0

# Share of staff in each staff group (clinical, non_clinical, medical), by trust type.
STAFF_GROUP_SHARES = {
    "acute": (0.60, 0.28, 0.12),
    "mental health": (0.62, 0.33, 0.05),
    "community": (0.65, 0.33, 0.02),
    "ambulance": (0.70, 0.30, 0.00),
    "specialist": (0.55, 0.30, 0.15),
}

# Per staff group: the bands, the share of the group in each, and the BME log-odds offset.
BAND_SHARES = {
    "clinical": (
        0.002, 0.15, 0.10, 0.05, 0.25, 0.22, 0.14, 0.05, 0.02, 0.008, 0.004, 0.0015, 0.001,
    ),
    "non_clinical": (
        0.01, 0.25, 0.22, 0.17, 0.10, 0.08, 0.07, 0.05, 0.025, 0.013, 0.007, 0.003, 0.005,
    ),
    "medical": (0.42, 0.12, 0.43, 0.03),
}  # fmt: skip
BAND_OFFSETS = {
    "clinical": (0.0, 0.1, -0.1, -0.3, 0.55, 0.0, -0.35, -0.6, -0.85, -1.1, -1.3, -1.5, -1.7),
    "non_clinical": (0.1, 0.0, -0.2, -0.3, -0.3, -0.35, -0.45, -0.6, -0.8, -1.0, -1.2, -1.4, -1.8),
    "medical": (0.9, 1.6, 1.1, 1.2),
}  # fmt: skip
BANDS_OF_GROUP = {"clinical": AFC_BANDS, "non_clinical": AFC_BANDS, "medical": MEDICAL_GRADES}
# International recruitment: the BME log odds of clinical Band 5 rise this much a year.
BAND_5_TREND = ("clinical", "Band 5", 0.06)

ETHNICITY_ORDER = (WHITE, *DETAILED_BME_GROUPS, BME, UNKNOWN)


def build_workforce(
    rng: np.random.Generator, trusts: pd.DataFrame, panel: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The workforce table, and ``trusts`` with propensities moved to meet story targets.

    ``panel`` has one row per open (org_code, year); ``trusts`` one row per organisation.
    """
    rows = panel.merge(trusts, on="org_code", how="left", validate="many_to_one")
    known, unknown, offset = _staff_cells(rng, rows, trusts)
    shifts = _national_shifts(
        rows["year"].to_numpy(), _propensity(rows, trusts)[:, None] + offset, known
    )
    logits = offset + shifts[:, None]
    trusts = _meet_story_targets(trusts, rows, known, logits)
    bme = rng.binomial(known, sigmoid(_propensity(rows, trusts)[:, None] + logits))
    mix = rows.loc[:, list(MIX_COLUMNS)].to_numpy()
    counts = _ethnic_counts(rng, known - bme, bme, unknown, mix, rows["detailed"])
    return _long_table(rows, counts), trusts


def _staff_cells(
    rng: np.random.Generator, rows: pd.DataFrame, trusts: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per trust-year (rows) and staff group-band (columns): staff with ethnicity stated, staff
    with it unknown, and the band's BME log-odds offset."""
    headcount = _headcounts(rng, rows)
    band_mix = _band_mixes(rng, trusts)
    trust_index = rows["org_code"].map(pd.Series(trusts.index, index=trusts["org_code"]))
    group_shares = np.array([STAFF_GROUP_SHARES[t] for t in rows["org_type"]])
    groups = rng.multinomial(headcount, group_shares)
    years_back = LAST_YEAR - rows["year"].to_numpy()
    unknown_rate = np.clip(
        rows["unknown_rate"].to_numpy() * (1 + UNKNOWN_DECLINE * years_back), 0, 1
    )
    known, unknown, offsets = [], [], []
    for g, group in enumerate(STAFF_GROUPS):
        counts = rng.multinomial(groups[:, g], band_mix[group][trust_index.to_numpy()])
        missing = rng.binomial(counts, unknown_rate[:, None])
        known.append(counts - missing)
        unknown.append(missing)
        national = _offsets(group, rows["year"].to_numpy())
        offsets.append(national if group == "medical" else ladder_offsets(national, rows))
    return np.hstack(known), np.hstack(unknown), np.hstack(offsets)


def _headcounts(rng: np.random.Generator, rows: pd.DataFrame) -> np.ndarray:
    noise = np.clip(rng.normal(0.0, SIZE_NOISE_SD, len(rows)), -SIZE_NOISE_LIMIT, SIZE_NOISE_LIMIT)
    growth = (1 + ANNUAL_GROWTH) ** (rows["year"] - LAST_YEAR).to_numpy()
    return np.round(rows["size"].to_numpy() * growth * np.exp(noise)).astype(np.int64)


def _band_mixes(rng: np.random.Generator, trusts: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per staff group, each trust's share of the group in each band (rows: trusts)."""
    mixes = {}
    for group in STAFF_GROUPS:
        alpha = np.array(BAND_SHARES[group]) / np.sum(BAND_SHARES[group]) * BAND_MIX_CONCENTRATION
        mixes[group] = rng.dirichlet(alpha, len(trusts))
    return mixes


def _offsets(group: str, years: np.ndarray) -> np.ndarray:
    offsets = np.tile(np.array(BAND_OFFSETS[group]), (len(years), 1))
    trend_group, trend_band, slope = BAND_5_TREND
    if group == trend_group:
        column = BANDS_OF_GROUP[group].index(trend_band)
        offsets[:, column] += slope * (years - FIRST_YEAR)
    return offsets


def _national_shifts(years: np.ndarray, logits: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Per row, the year's shift that makes the expected national BME share hit its target."""
    shifts = {
        int(year): solve_shift(logits[years == year], known[years == year], share)
        for year, share in NATIONAL_BME_SHARE.items()
        if np.any(years == year)
    }
    return np.array([shifts[int(year)] for year in years])


def _propensity(rows: pd.DataFrame, trusts: pd.DataFrame) -> np.ndarray:
    return rows["org_code"].map(trusts.set_index("org_code")["propensity"]).to_numpy()


def _meet_story_targets(
    trusts: pd.DataFrame, rows: pd.DataFrame, known: np.ndarray, logits: np.ndarray
) -> pd.DataFrame:
    """Set the propensity of each story trust so its expected BME share hits its target.

    ``logits`` are the BME log odds of each cell without the trust's propensity.
    """
    trusts = trusts.copy()
    in_story_year = (rows["year"] == STORY_YEAR).to_numpy()
    for code, target in WORKFORCE_BME_SHARE_TARGETS.items():
        at = np.flatnonzero((rows["org_code"] == code).to_numpy() & in_story_year)
        trusts.loc[trusts["org_code"] == code, "propensity"] = solve_shift(
            logits[at], known[at], target
        )
    return trusts


def _ethnic_counts(
    rng: np.random.Generator,
    white: np.ndarray,
    bme: np.ndarray,
    unknown: np.ndarray,
    mix: np.ndarray,
    detailed: pd.Series,
) -> np.ndarray:
    """Counts with a last axis over ETHNICITY_ORDER; BME split into groups where detailed."""
    counts = np.zeros((*white.shape, len(ETHNICITY_ORDER)), dtype=np.int64)
    counts[..., 0] = white
    counts[..., -1] = unknown
    is_detailed = detailed.to_numpy(dtype=bool)
    counts[~is_detailed, :, ETHNICITY_ORDER.index(BME)] = bme[~is_detailed]
    groups = rng.multinomial(bme[is_detailed], mix[is_detailed][:, None, :])
    counts[is_detailed, :, 1 : 1 + len(DETAILED_BME_GROUPS)] = groups
    return counts


def _long_table(rows: pd.DataFrame, counts: np.ndarray) -> pd.DataFrame:
    """One row per non-zero (trust-year, staff group, band, ethnicity) cell."""
    columns = [(group, band) for group in STAFF_GROUPS for band in BANDS_OF_GROUP[group]]
    n_rows, n_columns, n_ethnicities = counts.shape
    flat = counts.reshape(-1)
    keep = flat > 0
    row_index = np.repeat(np.arange(n_rows), n_columns * n_ethnicities)[keep]
    column_index = np.tile(np.repeat(np.arange(n_columns), n_ethnicities), n_rows)[keep]
    ethnicity_index = np.tile(np.arange(n_ethnicities), n_rows * n_columns)[keep]
    frame = pd.DataFrame(
        {
            "year": rows["year"].to_numpy()[row_index],
            "org_code": rows["org_code"].to_numpy()[row_index],
            "staff_group": np.array([c[0] for c in columns])[column_index],
            "band": np.array([c[1] for c in columns])[column_index],
            "ethnicity": np.array(ETHNICITY_ORDER)[ethnicity_index],
            "headcount": flat[keep],
        }
    )
    return frame.loc[:, list(TABLES["workforce"].column_names)]

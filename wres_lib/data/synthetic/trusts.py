"""Trust-level traits drawn once per seed: size, BME propensity, data quality, reporting style."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.data.schema import DETAILED_BME_GROUPS
from wres_lib.data.synthetic.geography import MERGING_TRUSTS
from wres_lib.data.synthetic.ladder import LADDER_COLUMNS, draw_ladders
from wres_lib.data.synthetic.stories import SMALL_TRUST_SIZES, STORY_ORGS

# Log odds of a member of staff being BME, before the yearly national calibration: region, type,
# system (ICB) and trust effects add up; systems and trusts differ by far more than noise.
REGION_PROPENSITY = {
    "Y56": 1.1,
    "Y60": 0.35,
    "Y61": 0.15,
    "Y59": 0.05,
    "Y62": -0.1,
    "Y63": -0.5,
    "Y58": -0.7,
}
TYPE_PROPENSITY = {
    "acute": 0.0,
    "mental health": 0.1,
    "community": -0.25,
    "ambulance": -1.3,
    "specialist": 0.05,
}
ICB_EFFECT_SD = 0.25
TRUST_EFFECT_SD = 0.25
DIVERSE_SYSTEM_EFFECT = 0.6  # the story system serves a population about 40% BME

# Headcount in the latest year: (median, log sd, minimum, maximum) by trust type.
SIZES = {
    "acute": (6000, 0.5, 2500, 18000),
    "mental health": (3200, 0.4, 1500, 8000),
    "community": (2800, 0.4, 1200, 7000),
    "ambulance": (4200, 0.3, 2500, 7500),
    "specialist": (2200, 0.5, 1100, 8000),
}
MERGING_TRUST_MAX_SIZE = 9000  # so the merged trust stays under 20,000 staff

# Share of staff with ethnicity not stated: usually 2-8%, a few trusts much worse.
UNKNOWN_BASE, UNKNOWN_SPREAD = 0.02, 0.06
POOR_RECORDING_CHANCE = 0.05
POOR_RECORDING_RANGE = (0.10, 0.18)

BME_TOTAL_ONLY_CHANCE = 0.10  # trusts reporting a BME total rather than detailed groups

# Mix of the BME workforce over Asian, Black, Mixed and Other, by region; trusts vary around it.
REGION_BME_MIX = {
    "Y56": (0.40, 0.40, 0.08, 0.12),
    "Y59": (0.55, 0.22, 0.09, 0.14),
    "Y58": (0.52, 0.20, 0.12, 0.16),
    "Y61": (0.50, 0.28, 0.09, 0.13),
    "Y62": (0.62, 0.18, 0.08, 0.12),
    "Y60": (0.60, 0.22, 0.08, 0.10),
    "Y63": (0.62, 0.16, 0.08, 0.14),
}
MIX_CONCENTRATION = 60.0
MIX_COLUMNS = tuple(f"mix_{group}" for group in DETAILED_BME_GROUPS)


def draw_icb_effects(rng: np.random.Generator, organisations: pd.DataFrame) -> pd.Series:
    """Each system's shift in BME propensity (shared by its trusts and its population)."""
    icbs = np.sort(organisations["icb_code"].unique())
    effects = pd.Series(rng.normal(0.0, ICB_EFFECT_SD, len(icbs)), index=icbs)
    effects[STORY_ORGS["diverse_system_no_bme_executives"]] = DIVERSE_SYSTEM_EFFECT
    return effects


def draw_trusts(
    rng: np.random.Generator, organisations: pd.DataFrame, icb_effects: pd.Series
) -> pd.DataFrame:
    """One row per organisation: size, propensity, unknown rate, reporting style, BME mix and
    progression ladder (:mod:`wres_lib.data.synthetic.ladder`)."""
    orgs = organisations.sort_values("org_code").reset_index(drop=True)
    n = len(orgs)
    trusts = orgs.loc[:, ["org_code", "org_type", "icb_code", "region_code"]].copy()
    trusts["propensity"] = (
        orgs["region_code"].map(REGION_PROPENSITY).to_numpy()
        + orgs["org_type"].map(TYPE_PROPENSITY).to_numpy()
        + orgs["icb_code"].map(icb_effects).to_numpy()
        + rng.normal(0.0, TRUST_EFFECT_SD, n)
    )
    trusts["size"] = _draw_sizes(rng, orgs["org_type"])
    poor = rng.random(n) < POOR_RECORDING_CHANCE
    trusts["unknown_rate"] = np.where(
        poor,
        rng.uniform(*POOR_RECORDING_RANGE, n),
        UNKNOWN_BASE + UNKNOWN_SPREAD * rng.beta(2.0, 2.0, n),
    )
    trusts["detailed"] = rng.random(n) >= BME_TOTAL_ONLY_CHANCE
    mixes = np.array([REGION_BME_MIX[r] for r in orgs["region_code"]]) * MIX_CONCENTRATION
    trusts[list(MIX_COLUMNS)] = np.vstack([rng.dirichlet(alpha) for alpha in mixes])
    ladders = draw_ladders(rng, n)
    for name in LADDER_COLUMNS:
        trusts[name] = ladders[name].to_numpy()
    return _apply_stories(_merge_successor(trusts, orgs))


def _draw_sizes(rng: np.random.Generator, org_types: pd.Series) -> np.ndarray:
    median, sd, low, high = np.array([SIZES[t] for t in org_types], dtype=float).T
    return np.clip(np.round(median * np.exp(rng.normal(0.0, sd, len(org_types)))), low, high)


def _merge_successor(trusts: pd.DataFrame, orgs: pd.DataFrame) -> pd.DataFrame:
    """The successor trust inherits its predecessors' combined staff and size-weighted traits."""
    merging = trusts["org_code"].isin(MERGING_TRUSTS)
    successor_code = orgs.loc[orgs["org_code"] == MERGING_TRUSTS[0], "successor_code"].iloc[0]
    successor = trusts["org_code"] == successor_code
    trusts.loc[merging, "size"] = trusts.loc[merging, "size"].clip(upper=MERGING_TRUST_MAX_SIZE)
    weights = trusts.loc[merging, "size"].to_numpy()
    for column in ("propensity", "unknown_rate", *MIX_COLUMNS):
        trusts.loc[successor, column] = np.average(trusts.loc[merging, column], weights=weights)
    trusts.loc[successor, "size"] = weights.sum()
    trusts.loc[merging | successor, "detailed"] = True
    return trusts


def _apply_stories(trusts: pd.DataFrame) -> pd.DataFrame:
    for code, size in SMALL_TRUST_SIZES.items():
        trusts.loc[trusts["org_code"] == code, "size"] = size
    tiny = STORY_ORGS["three_bme_shortlisted_none_appointed"]
    trusts.loc[trusts["org_code"] == tiny, "detailed"] = False
    return trusts

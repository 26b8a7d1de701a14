"""The population each system (ICB) and region serves, by year and ethnicity."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.data.schema import DETAILED_BME_GROUPS, TABLES, WHITE
from wres_lib.data.synthetic.geography import LAST_YEAR, YEARS
from wres_lib.data.synthetic.numeric import logit, sigmoid
from wres_lib.data.synthetic.stories import (
    DIVERSE_SYSTEM_POPULATION_BME_SHARE,
    STORY_ORGS,
    STORY_YEAR,
)
from wres_lib.data.synthetic.trusts import MIX_CONCENTRATION, REGION_BME_MIX

# BME share of each region's population in CENSUS_YEAR; systems vary around it with the same
# effect that shifts their trusts' workforce, and every share drifts up a little each year.
REGION_BME_SHARE = {
    "Y56": 0.46,
    "Y59": 0.13,
    "Y58": 0.07,
    "Y61": 0.14,
    "Y62": 0.15,
    "Y60": 0.19,
    "Y63": 0.11,
}
CENSUS_YEAR = 2021
ANNUAL_DRIFT = 0.03  # log odds a year
# People served by a system in the latest year: median, log sd, limits; and annual growth.
SIZE_MEDIAN, SIZE_SD, SIZE_LIMITS = 1_300_000, 0.35, (500_000, 3_200_000)
ANNUAL_GROWTH = 0.006


def build_population(
    rng: np.random.Generator, organisations: pd.DataFrame, icb_effects: pd.Series
) -> pd.DataFrame:
    """People by (year, area, ethnicity), for every system and every region."""
    icbs = organisations.drop_duplicates("icb_code").sort_values("icb_code", ignore_index=True)
    n = len(icbs)
    size = np.clip(SIZE_MEDIAN * np.exp(rng.normal(0.0, SIZE_SD, n)), *SIZE_LIMITS)
    alpha = np.array([REGION_BME_MIX[r] for r in icbs["region_code"]]) * MIX_CONCENTRATION
    mix = np.vstack([rng.dirichlet(a) for a in alpha])
    base = (
        logit(icbs["region_code"].map(REGION_BME_SHARE).to_numpy())
        + icbs["icb_code"].map(icb_effects).to_numpy()
    )
    story = (icbs["icb_code"] == STORY_ORGS["diverse_system_no_bme_executives"]).to_numpy()
    base[story] = logit(DIVERSE_SYSTEM_POPULATION_BME_SHARE) - ANNUAL_DRIFT * (
        STORY_YEAR - CENSUS_YEAR
    )
    frames = []
    for year in YEARS:
        people = size * (1 + ANNUAL_GROWTH) ** (year - LAST_YEAR)
        share = sigmoid(base + ANNUAL_DRIFT * (year - CENSUS_YEAR))
        counts = np.column_stack([people * (1 - share), (people * share)[:, None] * mix])
        for column, ethnicity in enumerate((WHITE, *DETAILED_BME_GROUPS)):
            frames.append(
                pd.DataFrame(
                    {
                        "year": year,
                        "area_code": icbs["icb_code"],
                        "region_code": icbs["region_code"],
                        "ethnicity": ethnicity,
                        "people": np.round(counts[:, column]).astype(np.int64),
                    }
                )
            )
    systems = pd.concat(frames, ignore_index=True)
    regions = (
        systems.groupby(["year", "region_code", "ethnicity"], as_index=False)["people"]
        .sum()
        .rename(columns={"region_code": "area_code"})
    )
    population = pd.concat([systems.drop(columns="region_code"), regions], ignore_index=True)
    return population.loc[:, list(TABLES["population"].column_names)]

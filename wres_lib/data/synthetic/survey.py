"""Staff survey results, WRES indicators 5 to 8, by trust, year and ethnicity.

Respondents are a share of each group's staff; the percentage answering yes is a binomial draw
around a national level per indicator and group, shifted by trust type and a trust effect.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.data.schema import BME, SURVEY_INDICATORS, TABLES, UNKNOWN, WHITE
from wres_lib.data.synthetic.numeric import logit, sigmoid

# National percentage answering yes, by indicator and ethnicity.
LEVELS = {
    5: {WHITE: 27.5, "Asian": 28.0, "Black": 31.5, "Mixed": 30.0, "Other": 29.0, BME: 29.5},
    6: {WHITE: 23.5, "Asian": 27.0, "Black": 30.0, "Mixed": 30.0, "Other": 28.0, BME: 28.0},
    7: {WHITE: 58.0, "Asian": 46.0, "Black": 40.0, "Mixed": 50.0, "Other": 46.0, BME: 44.0},
    8: {WHITE: 6.3, "Asian": 14.5, "Black": 18.5, "Mixed": 14.0, "Other": 15.0, BME: 16.0},
}
# Log-odds shifts by trust type (indicators 5, 6, 7, 8).
TYPE_EFFECTS = {
    "acute": (0.0, 0.0, 0.0, 0.0),
    "mental health": (0.3, 0.05, 0.0, 0.05),
    "community": (-0.2, 0.0, 0.05, -0.05),
    "ambulance": (0.5, 0.2, -0.3, 0.15),
    "specialist": (-0.1, -0.05, 0.05, -0.05),
}
TRUST_EFFECT_SD = 0.15
YEAR_EFFECT_SD = 0.03
RESPONSE_RATE, RESPONSE_SD, RESPONSE_LIMITS = 0.45, 0.08, (0.2, 0.75)
BME_RESPONSE_FACTOR = 0.9


def build_staff_survey(
    rng: np.random.Generator, totals: pd.DataFrame, trusts: pd.DataFrame
) -> pd.DataFrame:
    """One row per (year, trust, indicator, ethnicity) with at least one respondent."""
    staff = totals.loc[totals["ethnicity"] != UNKNOWN].reset_index(drop=True)
    by_trust = pd.Series(
        np.clip(rng.normal(RESPONSE_RATE, RESPONSE_SD, len(trusts)), *RESPONSE_LIMITS),
        index=trusts["org_code"],
    )
    factor = np.where(staff["ethnicity"] == WHITE, 1.0, BME_RESPONSE_FACTOR)
    respondents = rng.binomial(
        staff["headcount"].to_numpy(), staff["org_code"].map(by_trust) * factor
    )
    staff = staff.assign(respondents=respondents).loc[respondents > 0].reset_index(drop=True)
    org_types = staff["org_code"].map(trusts.set_index("org_code")["org_type"])
    years = np.sort(staff["year"].unique())
    frames = []
    for i, indicator in enumerate(SURVEY_INDICATORS):
        trust_effect = pd.Series(
            rng.normal(0.0, TRUST_EFFECT_SD, len(trusts)), index=trusts["org_code"]
        )
        year_effect = pd.Series(rng.normal(0.0, YEAR_EFFECT_SD, len(years)), index=years)
        level = staff["ethnicity"].map(LEVELS[indicator]).to_numpy() / 100
        chance = sigmoid(
            logit(level)
            + org_types.map(lambda t, i=i: TYPE_EFFECTS[t][i]).to_numpy()
            + staff["org_code"].map(trust_effect).to_numpy()
            + staff["year"].map(year_effect).to_numpy()
        )
        yes = rng.binomial(staff["respondents"].to_numpy(), chance)
        frames.append(
            staff.assign(
                indicator=indicator,
                percent=np.round(100 * yes / staff["respondents"].to_numpy(), 1),
            )
        )
    survey = pd.concat(frames, ignore_index=True)
    return survey.loc[:, list(TABLES["staff_survey"].column_names)]

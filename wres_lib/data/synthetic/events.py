"""Recruitment, disciplinary and training counts: WRES indicators 2, 3 and 4.

Each trust-year has a White event rate; BME groups' rates are that times a trust-level relative
likelihood, a per-group factor and a national factor solved each year so that the expected
national indicator (counts summed over trusts) equals its target.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.data.schema import BME, DETAILED_BME_GROUPS, TABLES, UNKNOWN, WHITE
from wres_lib.data.synthetic.numeric import logit, lognormal_factor, sigmoid
from wres_lib.data.synthetic.stories import (
    STORY_ORGS,
    STORY_YEAR,
    TINY_SHORTLIST_BME,
    TINY_TRUST_SHORTLISTED_PER_STAFF,
)
from wres_lib.data.synthetic.trusts import MIX_COLUMNS

# National targets, each year. Indicator 2: White vs BME appointed from shortlisting;
# 3: BME vs White entering the formal disciplinary process; 4: White vs BME accessing training.
INDICATOR_2 = {
    2016: 1.57, 2017: 1.60, 2018: 1.52, 2019: 1.53, 2020: 1.58,
    2021: 1.59, 2022: 1.54, 2023: 1.56, 2024: 1.55, 2025: 1.53,
}  # fmt: skip
INDICATOR_3 = {
    2016: 1.56, 2017: 1.47, 2018: 1.39, 2019: 1.32, 2020: 1.26,
    2021: 1.21, 2022: 1.17, 2023: 1.14, 2024: 1.13, 2025: 1.12,
}  # fmt: skip
INDICATOR_4 = {
    2016: 1.12, 2017: 1.11, 2018: 1.10, 2019: 1.10, 2020: 1.09,
    2021: 1.08, 2022: 1.07, 2023: 1.06, 2024: 1.06, 2025: 1.05,
}  # fmt: skip

# Rate of each group relative to the BME total (within a trust), and of Unknown to White.
APPOINTMENT_GROUP_FACTORS = {"Asian": 1.0, "Black": 0.85, "Mixed": 1.15, "Other": 0.95, BME: 0.97}
DISCIPLINARY_GROUP_FACTORS = {"Asian": 0.9, "Black": 1.35, "Mixed": 1.0, "Other": 1.05, BME: 1.05}
TRAINING_GROUP_FACTORS = {"Asian": 1.0, "Black": 0.97, "Mixed": 1.02, "Other": 0.98, BME: 1.0}
UNKNOWN_RELATIVE = {"recruitment": 0.9, "disciplinary": 1.0, "training": 0.9}

SHORTLISTED_PER_STAFF, SHORTLISTED_SD = 1.1, 0.25
SHORTLIST_BME_UPLIFT = 0.5  # log odds: applicants are more diverse than staff
SHORTLIST_UNKNOWN_SHARE = 0.03
WHITE_APPOINTMENT_RATE, APPOINTMENT_SD = 0.16, 0.2
WHITE_DISCIPLINARY_RATE, DISCIPLINARY_SD = 0.008, 0.35
DISCIPLINARY_TYPE_FACTORS = {
    "acute": 1.0,
    "mental health": 1.2,
    "community": 0.9,
    "ambulance": 1.6,
    "specialist": 0.8,
}
WHITE_TRAINING_RATE, TRAINING_SD, TRAINING_LIMITS = 0.68, 0.1, (0.35, 0.9)
TRUST_LIKELIHOOD_SD = {"recruitment": 0.15, "disciplinary": 0.2, "training": 0.08}
YEAR_NOISE_SD = 0.08
RATE_CAP = 0.98
SHARE_LIMITS = (0.01, 0.99)  # keeps log odds finite


def ethnic_totals(workforce: pd.DataFrame) -> pd.DataFrame:
    """Headcount by (year, org_code, ethnicity), summed over staff groups and bands."""
    return workforce.groupby(["year", "org_code", "ethnicity"], as_index=False)["headcount"].sum()


def build_recruitment(
    rng: np.random.Generator, totals: pd.DataFrame, trusts: pd.DataFrame
) -> pd.DataFrame:
    """Shortlisted and appointed applicants by trust, year and ethnicity (indicator 2)."""
    trust_years = _trust_years(totals, trusts)
    staff = trust_years["headcount"].to_numpy()
    per_staff = _per_trust(rng, trusts, trust_years, SHORTLISTED_PER_STAFF, SHORTLISTED_SD)
    tiny = (
        trust_years["org_code"] == STORY_ORGS["three_bme_shortlisted_none_appointed"]
    ).to_numpy()
    per_staff[tiny] = TINY_TRUST_SHORTLISTED_PER_STAFF
    shortlisted = np.round(staff * per_staff).astype(np.int64)
    bme_share = sigmoid(logit(trust_years["bme_share"].to_numpy()) + SHORTLIST_BME_UPLIFT)
    mix = trust_years.loc[:, list(MIX_COLUMNS)].to_numpy()
    known = 1 - SHORTLIST_UNKNOWN_SHARE
    shares = np.column_stack(
        [known * (1 - bme_share), known * bme_share[:, None] * mix, np.full(len(staff), 1 - known)]
    )
    counts = rng.multinomial(shortlisted, shares)
    frame = _long_by_ethnicity(trust_years, counts, "shortlisted")
    white_rate = _per_trust(rng, trusts, trust_years, WHITE_APPOINTMENT_RATE, APPOINTMENT_SD)
    frame["appointed"] = _draw_events(
        rng,
        frame,
        "shortlisted",
        _on_rows(frame, trust_years, white_rate),
        _bme_factors(rng, frame, trusts, "recruitment", APPOINTMENT_GROUP_FACTORS, inverse=True),
        {year: 1 / value for year, value in INDICATOR_2.items()},
        UNKNOWN_RELATIVE["recruitment"],
    )
    story = (
        (frame["org_code"] == STORY_ORGS["three_bme_shortlisted_none_appointed"])
        & (frame["year"] == STORY_YEAR)
        & (frame["ethnicity"] == BME)
    )
    frame.loc[story, ["shortlisted", "appointed"]] = [TINY_SHORTLIST_BME, 0]
    return frame.loc[:, list(TABLES["recruitment"].column_names)]


def build_disciplinary(
    rng: np.random.Generator, totals: pd.DataFrame, trusts: pd.DataFrame
) -> pd.DataFrame:
    """Staff entering the formal disciplinary process by trust, year and ethnicity (indicator 3)."""
    trust_years = _trust_years(totals, trusts)
    type_factor = trust_years["org_type"].map(DISCIPLINARY_TYPE_FACTORS).to_numpy()
    white_rate = type_factor * _per_trust(
        rng, trusts, trust_years, WHITE_DISCIPLINARY_RATE, DISCIPLINARY_SD
    )
    frame = totals.copy()
    frame["entered"] = _draw_events(
        rng,
        frame,
        "headcount",
        _on_rows(frame, trust_years, white_rate),
        _bme_factors(rng, frame, trusts, "disciplinary", DISCIPLINARY_GROUP_FACTORS),
        INDICATOR_3,
        UNKNOWN_RELATIVE["disciplinary"],
    )
    story = (
        (frame["org_code"] == STORY_ORGS["no_white_staff_entering_disciplinary"])
        & (frame["year"] == STORY_YEAR)
        & (frame["ethnicity"] == WHITE)
    )
    frame.loc[story, "entered"] = 0
    return frame.loc[:, list(TABLES["disciplinary"].column_names)]


def build_training(
    rng: np.random.Generator, totals: pd.DataFrame, trusts: pd.DataFrame
) -> pd.DataFrame:
    """Staff accessing non-mandatory training by trust, year and ethnicity (indicator 4)."""
    trust_years = _trust_years(totals, trusts)
    by_trust = np.clip(rng.normal(WHITE_TRAINING_RATE, TRAINING_SD, len(trusts)), *TRAINING_LIMITS)
    white_rate = _on_trust_years(trusts, trust_years, by_trust) * lognormal_factor(
        rng, YEAR_NOISE_SD / 2, len(trust_years)
    )
    frame = totals.copy()
    frame["accessed"] = _draw_events(
        rng,
        frame,
        "headcount",
        _on_rows(frame, trust_years, white_rate),
        _bme_factors(rng, frame, trusts, "training", TRAINING_GROUP_FACTORS, inverse=True),
        {year: 1 / value for year, value in INDICATOR_4.items()},
        UNKNOWN_RELATIVE["training"],
    )
    return frame.loc[:, list(TABLES["training"].column_names)]


def bme_shares(totals: pd.DataFrame) -> pd.DataFrame:
    """Per (year, org_code): headcount and BME share of staff with a stated ethnicity."""
    white = totals["ethnicity"] == WHITE
    bme = ~white & (totals["ethnicity"] != UNKNOWN)
    summary = (
        totals.assign(
            white=totals["headcount"].where(white, 0), bme=totals["headcount"].where(bme, 0)
        )
        .groupby(["year", "org_code"], as_index=False)[["headcount", "white", "bme"]]
        .sum()
    )
    share = summary["bme"] / (summary["white"] + summary["bme"])
    return summary.assign(bme_share=share.clip(*SHARE_LIMITS)).drop(columns=["white", "bme"])


def _trust_years(totals: pd.DataFrame, trusts: pd.DataFrame) -> pd.DataFrame:
    """One row per (year, org_code): headcount, BME share and the trust's traits."""
    return bme_shares(totals).merge(trusts, on="org_code", how="left", validate="many_to_one")


def _per_trust(
    rng: np.random.Generator,
    trusts: pd.DataFrame,
    trust_years: pd.DataFrame,
    median: float,
    sd: float,
) -> np.ndarray:
    """A lognormal trait per trust, with lognormal year-to-year noise, on trust-year rows."""
    by_trust = median * lognormal_factor(rng, sd, len(trusts))
    noise = lognormal_factor(rng, YEAR_NOISE_SD, len(trust_years))
    return _on_trust_years(trusts, trust_years, by_trust) * noise


def _on_trust_years(
    trusts: pd.DataFrame, trust_years: pd.DataFrame, values: np.ndarray
) -> np.ndarray:
    return trust_years["org_code"].map(pd.Series(values, index=trusts["org_code"])).to_numpy()


def _on_rows(frame: pd.DataFrame, trust_years: pd.DataFrame, values: np.ndarray) -> np.ndarray:
    keys = pd.MultiIndex.from_frame(trust_years[["year", "org_code"]])
    lookup = pd.Series(values, index=keys)
    return lookup.reindex(pd.MultiIndex.from_frame(frame[["year", "org_code"]])).to_numpy()


def _bme_factors(
    rng: np.random.Generator,
    frame: pd.DataFrame,
    trusts: pd.DataFrame,
    table: str,
    group_factors: dict[str, float],
    inverse: bool = False,
) -> np.ndarray:
    """Per row, the BME rate relative to White before national calibration (1 elsewhere)."""
    likelihood = lognormal_factor(rng, TRUST_LIKELIHOOD_SD[table], len(trusts))
    per_trust = pd.Series(likelihood, index=trusts["org_code"])
    relative = frame["org_code"].map(per_trust).to_numpy()
    relative = relative * lognormal_factor(rng, YEAR_NOISE_SD, len(frame))
    relative = 1 / relative if inverse else relative
    return relative * frame["ethnicity"].map(group_factors).fillna(1.0).to_numpy()


def _draw_events(
    rng: np.random.Generator,
    frame: pd.DataFrame,
    denominator: str,
    white_rate: np.ndarray,
    bme_factor: np.ndarray,
    bme_relative_targets: dict[int, float],
    unknown_relative: float,
) -> np.ndarray:
    """Binomial event counts; the national BME rate relative to White meets its yearly target."""
    n = frame[denominator].to_numpy()
    years = frame["year"].to_numpy()
    is_white = (frame["ethnicity"] == WHITE).to_numpy()
    is_unknown = (frame["ethnicity"] == UNKNOWN).to_numpy()
    is_bme = ~is_white & ~is_unknown
    scale = np.ones(len(frame))
    for year, target in bme_relative_targets.items():
        white, bme = is_white & (years == year), is_bme & (years == year)
        if not white.any():
            continue
        white_rate_national = np.sum(n[white] * white_rate[white]) / np.sum(n[white])
        uncalibrated = np.sum(n[bme] * white_rate[bme] * bme_factor[bme]) / np.sum(n[bme])
        scale[years == year] = target * white_rate_national / uncalibrated
    rate = np.where(
        is_white,
        white_rate,
        np.where(is_unknown, white_rate * unknown_relative, white_rate * bme_factor * scale),
    )
    return rng.binomial(n, np.clip(rate, 0.0, RATE_CAP))


def _long_by_ethnicity(trust_years: pd.DataFrame, counts: np.ndarray, column: str) -> pd.DataFrame:
    """Rows per trust-year for White, each BME group (or the BME total) and Unknown.

    ``counts`` has columns White, the detailed groups, Unknown; trusts reporting a BME total
    get the sum of the detailed groups.
    """
    detailed = trust_years["detailed"].to_numpy(dtype=bool)
    frames = []
    for ethnicity, values, keep in (
        (WHITE, counts[:, 0], np.ones_like(detailed)),
        *((group, counts[:, 1 + i], detailed) for i, group in enumerate(DETAILED_BME_GROUPS)),
        (BME, counts[:, 1 : 1 + len(DETAILED_BME_GROUPS)].sum(axis=1), ~detailed),
        (UNKNOWN, counts[:, -1], np.ones_like(detailed)),
    ):
        frames.append(
            pd.DataFrame(
                {
                    "year": trust_years["year"].to_numpy()[keep],
                    "org_code": trust_years["org_code"].to_numpy()[keep],
                    "ethnicity": ethnicity,
                    column: values[keep],
                }
            )
        )
    return pd.concat(frames, ignore_index=True).sort_values(
        ["year", "org_code", "ethnicity"], kind="stable", ignore_index=True
    )

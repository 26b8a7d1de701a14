"""Board membership by trust, year, role, voting status and ethnicity (WRES indicator 9).

Every trust has fixed numbers of seats; each year some seats change hands, and a new member is
BME with a chance well below the trust's BME workforce share, rising over the years. Story
trusts have seats held by White members only (see :mod:`wres_lib.data.synthetic.stories`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.data.schema import BME, DETAILED_BME_GROUPS, TABLES, WHITE
from wres_lib.data.synthetic.geography import YEARS
from wres_lib.data.synthetic.stories import NO_BME_EXECUTIVE_TRUSTS, STORY_ORGS
from wres_lib.data.synthetic.trusts import MIX_COLUMNS

# Seats per trust: (role, voting, fewest, most).
SEATS = (
    ("executive", True, 5, 8),
    ("executive", False, 0, 3),
    ("non_executive", True, 6, 8),
    ("non_executive", False, 0, 2),
)
TURNOVER = 0.2  # share of seats changing hands each year
# A new member's chance of being BME, as a multiple of the trust's BME workforce share, in the
# first and the last year (straight line between).
BOARD_TO_WORKFORCE = {"executive": (0.35, 0.55), "non_executive": (0.45, 0.70)}
MAX_BME_CHANCE = 0.6
ETHNIC_CODES = (WHITE, *DETAILED_BME_GROUPS)  # a seat's ethnicity is an index into this


def build_board(
    rng: np.random.Generator, workforce_shares: pd.DataFrame, trusts: pd.DataFrame
) -> pd.DataFrame:
    """Board members, with zero rows for groups without members (e.g. no BME executives).

    ``workforce_shares`` has one row per open trust-year: year, org_code, bme_share.
    """
    seats = _seats(rng, trusts)
    share = (
        workforce_shares.pivot(index="org_code", columns="year", values="bme_share")
        .reindex(index=trusts["org_code"], columns=list(YEARS))
        .ffill(axis=1)
        .bfill(axis=1)
        .to_numpy()
    )
    cumulative_mix = np.cumsum(trusts.loc[:, list(MIX_COLUMNS)].to_numpy(), axis=1)[seats["trust"]]
    white_only = _white_only(seats, trusts)
    ethnicity = np.zeros(len(seats), dtype=np.int64)
    records = []
    for y, year in enumerate(YEARS):
        chance = np.minimum(share[seats["trust"], y] * _ratio(seats["role"], y), MAX_BME_CHANCE)
        changing = rng.random(len(seats)) < TURNOVER if y else np.ones(len(seats), dtype=bool)
        is_bme = rng.random(len(seats)) < chance
        group = np.minimum((rng.random(len(seats))[:, None] > cumulative_mix).sum(axis=1), 3)
        ethnicity = np.where(changing, np.where(is_bme, 1 + group, 0), ethnicity)
        ethnicity[white_only] = 0
        records.append(seats.assign(year=year, code=ethnicity))
    held = pd.concat(records, ignore_index=True)
    return _members(held, trusts, workforce_shares)


def _seats(rng: np.random.Generator, trusts: pd.DataFrame) -> pd.DataFrame:
    frames = []
    for role, voting, fewest, most in SEATS:
        counts = rng.integers(fewest, most + 1, len(trusts))
        index = np.repeat(np.arange(len(trusts)), counts)
        frames.append(pd.DataFrame({"trust": index, "role": role, "voting": voting}))
    seats = pd.concat(frames, ignore_index=True)
    seats["org_code"] = trusts["org_code"].to_numpy()[seats["trust"]]
    return seats.sort_values(["trust", "role", "voting"], kind="stable", ignore_index=True)


def _ratio(roles: pd.Series, year_index: int) -> np.ndarray:
    fraction = year_index / (len(YEARS) - 1)
    by_role = {role: a + (b - a) * fraction for role, (a, b) in BOARD_TO_WORKFORCE.items()}
    return roles.map(by_role).to_numpy()


def _white_only(seats: pd.DataFrame, trusts: pd.DataFrame) -> np.ndarray:
    executive = (seats["role"] == "executive") & seats["org_code"].isin(NO_BME_EXECUTIVE_TRUSTS)
    whole_board = seats["org_code"] == STORY_ORGS["all_white_board_fifth_bme_workforce"]
    return (executive | whole_board).to_numpy()


def _members(
    held: pd.DataFrame, trusts: pd.DataFrame, workforce_shares: pd.DataFrame
) -> pd.DataFrame:
    """Count members per ethnicity, keeping only trust-years when the trust was open."""
    keys = ["year", "org_code", "role", "voting"]
    counts = (
        pd.crosstab([held[k] for k in keys], held["code"])
        .reindex(columns=range(len(ETHNIC_CODES)), fill_value=0)
        .set_axis(list(ETHNIC_CODES), axis=1)
        .reset_index()
    )
    counts = counts.merge(workforce_shares[["year", "org_code"]], on=["year", "org_code"])
    detailed = counts["org_code"].map(trusts.set_index("org_code")["detailed"]).to_numpy(bool)
    counts[BME] = counts[list(DETAILED_BME_GROUPS)].sum(axis=1)
    long_detailed = counts.loc[detailed].melt(
        id_vars=keys, value_vars=list(ETHNIC_CODES), var_name="ethnicity", value_name="members"
    )
    long_total = counts.loc[~detailed].melt(
        id_vars=keys, value_vars=[WHITE, BME], var_name="ethnicity", value_name="members"
    )
    board = pd.concat([long_detailed, long_total], ignore_index=True)
    board = board.sort_values([*keys, "ethnicity"], kind="stable", ignore_index=True)
    return board.loc[:, list(TABLES["board"].column_names)]

"""The systems frame: counts recounted from the raw rows, summed figures, and ranks."""

from __future__ import annotations

import pandas as pd
import pytest
from scipy.stats import rankdata

from wres_lib.analysis.systems import RANKED_ON, ranked_count, system_table
from wres_lib.data.schema import UNKNOWN, WHITE

YEAR = 2025


@pytest.fixture(scope="module")
def systems(sample_context):
    return system_table(sample_context, YEAR, "icb")


def test_every_trust_counted_once(sample_dataset, systems):
    workforce = sample_dataset.workforce
    reporting = workforce.loc[workforce["year"] == YEAR, "org_code"].unique()
    assert systems["trusts"].sum() == len(reporting)
    assert len(systems) == sample_dataset.organisations["icb_code"].nunique()


def test_trusts_without_bme_executive_recount_from_raw_board_rows(sample_dataset, systems):
    board = sample_dataset.board
    executives = board[(board["year"] == YEAR) & (board["role"] == "executive")]
    members = executives.groupby("org_code")["members"].sum()
    bme = (
        executives[~executives["ethnicity"].isin([WHITE, UNKNOWN])]
        .groupby("org_code")["members"]
        .sum()
    )
    none = members[(members > 0) & (bme.reindex(members.index).fillna(0) == 0)].index
    icb = sample_dataset.organisations.set_index("org_code")["icb_code"]
    expected = pd.Series(icb.reindex(none)).value_counts()
    got = systems.set_index("code")["trusts_without_bme_executive"]
    assert got.sum() == len(none)
    assert got[got > 0].sort_index().to_dict() == expected.sort_index().to_dict()
    codes = systems.set_index("code")["codes_without_bme_executive"]
    assert sorted(";".join(codes[codes != ""]).split(";")) == sorted(none)


def test_bme_share_of_all_staff_recounts_from_raw_workforce(sample_dataset, systems):
    workforce = sample_dataset.workforce
    rows = workforce[workforce["year"] == YEAR]
    icb = sample_dataset.organisations.set_index("org_code")["icb_code"]
    rows = rows.assign(icb=rows["org_code"].map(icb))
    first = systems.iloc[0]
    mine = rows[rows["icb"] == first["code"]]
    bme = mine.loc[~mine["ethnicity"].isin([WHITE, UNKNOWN]), "headcount"].sum()
    white = mine.loc[mine["ethnicity"] == WHITE, "headcount"].sum()
    assert first["bme_share_all_pct"] == pytest.approx(100 * bme / mine["headcount"].sum())
    assert first["workforce_bme_pct"] == pytest.approx(100 * bme / (bme + white))


@pytest.mark.parametrize("measure", sorted(RANKED_ON))
def test_ranks_match_scipy(systems, measure):
    values = systems[measure].astype(float)
    if measure == "rl_appointment":
        values = values.where(systems["rl_appointment_rankable"])
    known = values.notna()
    signed = values[known] if RANKED_ON[measure] else -values[known]
    expected = rankdata(-signed.to_numpy(), method="min")
    assert systems.loc[known, f"rank_{measure}_national"].astype(int).tolist() == list(expected)
    for _, part in systems[known].groupby("region_code"):
        signed = part[measure] if RANKED_ON[measure] else -part[measure]
        expected = rankdata(-signed.astype(float).to_numpy(), method="min")
        assert part[f"rank_{measure}_region"].astype(int).tolist() == list(expected)
    counts = ranked_count(systems, measure, "region")
    assert (systems[f"rank_{measure}_region"].dropna() <= counts[known]).all()


def test_bottleneck_is_the_flagged_step(sample_context, systems):
    table = sample_context.indicators
    steps = table[
        (table["level"] == "icb") & (table["year"] == YEAR) & (table["measure"] == "step_ratio")
    ]
    for row in systems.itertuples():
        mine = steps[steps["code"] == row.code]
        flagged = mine[mine["flag"].astype(str).str.contains("bottleneck")]
        if flagged.empty:
            assert row.bottleneck_step == ""
        else:
            assert row.bottleneck_step == str(flagged["band"].iloc[0])
            assert row.bottleneck_ratio == pytest.approx(float(flagged["value"].iloc[0]))


def test_regions_and_bad_level(sample_context):
    regions = system_table(sample_context, YEAR, "region")
    assert (regions["code"] == regions["region_code"]).all()
    with pytest.raises(ValueError, match="icb, region"):
        system_table(sample_context, YEAR, "trust")

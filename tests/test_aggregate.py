"""Levels and fast sums: agreement with pandas groupby, detailed-group completeness."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.helpers.indicator_fixtures import organisations, table
from wres_lib.indicators.aggregate import codes_in, group_counts, level_map, sum_by


def test_sum_by_agrees_with_groupby() -> None:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(
        {
            "year": rng.integers(2020, 2025, 2_000),
            "text": rng.choice(["b", "a", "c"], 2_000),
            "count": rng.integers(0, 100, 2_000),
        }
    )
    expected = frame.groupby(["year", "text"])["count"].sum().reset_index()
    result = sum_by(frame, ["year", "text"], ["count"])
    assert result["year"].tolist() == expected["year"].tolist()
    assert result["text"].tolist() == expected["text"].tolist()
    assert result["count"].tolist() == expected["count"].astype(float).tolist()


@pytest.mark.parametrize(
    ("level", "codes", "names"),
    [
        ("trust", ["T1", "T2", "T3", "T4"], ["Trust T1", "Trust T2", "Trust T3", "Trust T4"]),
        ("icb", ["Q1", "Q2", "Q3"], ["System Q1", "System Q2", "System Q3"]),
        ("region", ["Y56", "Y59"], ["London", "South East"]),
        ("national", ["ENG"], ["England"]),
    ],
)
def test_level_maps(level: str, codes: list[str], names: list[str]) -> None:
    lmap = level_map(organisations(), level)
    assert lmap.codes.tolist() == codes
    assert lmap.names.tolist() == names


def test_unknown_organisations_and_levels_are_refused() -> None:
    lmap = level_map(organisations(), "icb")
    with pytest.raises(ValueError, match="org_code not in organisations: ZZ9"):
        lmap.positions(pd.Series(["T1", "ZZ9"]))
    with pytest.raises(ValueError, match="level must be one of trust, icb, region, national"):
        level_map(organisations(), "country")
    with pytest.raises(ValueError, match="ethnicity has values outside"):
        codes_in(pd.Series(["White", "Chinese"]), ("White", "BME"), "ethnicity")


def test_group_counts_sums_bme_and_marks_complete_detail() -> None:
    rows = table(
        "recruitment",
        [
            (2024, "T1", "White", 100, 10),
            (2024, "T1", "Asian", 30, 3),
            (2024, "T1", "Black", 20, 2),
            (2024, "T2", "White", 50, 5),
            (2024, "T2", "BME", 40, 4),
            (2024, "T3", "Asian", 7, 1),
            (2024, "T3", "Unknown", 9, 0),
        ],
    )
    trusts = group_counts(rows, level_map(organisations(), "trust"), [], ["appointed"])
    assert trusts["code"].tolist() == ["T1", "T2", "T3"]
    assert trusts["appointed_BME"].tolist() == [5, 4, 1]
    assert trusts["appointed_Asian"].tolist() == [3, 0, 1]
    assert trusts["detailed"].tolist() == [True, False, True]
    systems = group_counts(rows, level_map(organisations(), "icb"), [], ["shortlisted"])
    assert systems["shortlisted_BME"].tolist() == [90, 7]
    assert systems["shortlisted_Unknown"].tolist() == [0, 9]
    assert systems["detailed"].tolist() == [False, True]  # Q1 mixes detail and a BME total

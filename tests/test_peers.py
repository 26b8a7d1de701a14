"""Peer comparison: type summaries, ranks and region and national figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wres_lib.indicators.compute import compute_indicators
from wres_lib.models.peers import COLUMNS, peer_comparison

ACUTE = {"A1": 10.0, "A2": 20.0, "A3": 30.0, "A4": 40.0, "A5": np.nan}
MENTAL_HEALTH = {"M1": 5.0, "M2": 15.0}


def organisations() -> pd.DataFrame:
    codes = [*ACUTE, *MENTAL_HEALTH]
    return pd.DataFrame(
        {
            "org_code": codes,
            "org_type": ["acute"] * len(ACUTE) + ["mental health"] * len(MENTAL_HEALTH),
            "region_code": ["R1", "R1", "R2", "R2", "R2", "R1", "R2"],
            "region_name": ["One", "One", "Two", "Two", "Two", "One", "Two"],
        }
    )


def indicators() -> pd.DataFrame:
    values = {**ACUTE, **MENTAL_HEALTH, "R1": 12.0, "R2": 25.0, "ENG": 21.0}
    levels = ["trust"] * (len(ACUTE) + len(MENTAL_HEALTH)) + ["region", "region", "national"]
    return pd.DataFrame(
        {
            "year": 2025,
            "level": levels,
            "code": list(values),
            "name": [f"Org {code}" for code in values],
            "indicator": "1",
            "measure": "bme_share",
            "staff_group": "all",
            "band": "upper",
            "group": "BME",
            "value": list(values.values()),
            "flag": "",
        }
    )


@pytest.fixture
def table() -> pd.DataFrame:
    return peer_comparison(indicators(), organisations()).set_index("code")


def test_one_row_per_trust_with_the_columns() -> None:
    table = peer_comparison(indicators(), organisations())
    assert tuple(table.columns) == COLUMNS
    assert list(table["code"]) == [*ACUTE, *MENTAL_HEALTH]


def test_type_summaries_use_trusts_of_the_same_type_with_a_figure(table: pd.DataFrame) -> None:
    acute = table.loc["A2"]
    known = [10.0, 20.0, 30.0, 40.0]
    assert acute["type_count"] == 4
    assert acute["type_median"] == pytest.approx(np.median(known))
    assert acute["type_lower_quartile"] == pytest.approx(np.percentile(known, 25))  # 17.5
    assert acute["type_upper_quartile"] == pytest.approx(np.percentile(known, 75))  # 32.5
    assert table.loc["M1", "type_count"] == 2
    assert table.loc["M1", "type_median"] == pytest.approx(10.0)


def test_ranks_and_quarters(table: pd.DataFrame) -> None:
    assert list(table.loc[["A4", "A3", "A2", "A1"], "type_rank"]) == [1, 2, 3, 4]
    assert list(table.loc[["A4", "A3", "A2", "A1"], "type_position"]) == [
        "highest quarter", "middle half", "middle half", "lowest quarter",
    ]  # fmt: skip
    assert pd.isna(table.loc["A5", "type_rank"]) and table.loc["A5", "type_position"] == ""


def test_region_and_national_figures(table: pd.DataFrame) -> None:
    assert table.loc["A1", "region_value"] == 12.0
    assert table.loc["A3", "region_value"] == 25.0
    assert (table["national_value"] == 21.0).all()
    assert table.loc["A3", "region_name"] == "Two"


def test_missing_comparison_rows_leave_the_figures_missing() -> None:
    trusts_only = indicators().query("level == 'trust'")
    table = peer_comparison(trusts_only, organisations())
    assert table["region_value"].isna().all() and table["national_value"].isna().all()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"indicators": pd.DataFrame({"year": [2025]})}, "indicators is missing"),
        ({"organisations": pd.DataFrame({"org_code": ["A1"]})}, "organisations is missing"),
        ({"year": 2019}, "year"),
        ({"measures": "bme_share"}, "measures"),
    ],
)
def test_arguments_are_checked_by_name(arguments: dict, message: str) -> None:
    given = {"indicators": indicators(), "organisations": organisations(), **arguments}
    with pytest.raises(ValueError, match=message):
        peer_comparison(**given)


def test_bundled_dataset(sample_dataset) -> None:
    dataset = sample_dataset
    latest = dataset.years[-1]
    frames = [compute_indicators(dataset, latest, lv) for lv in ("trust", "region", "national")]
    table = peer_comparison(pd.concat(frames, ignore_index=True), dataset.organisations)
    assert (table["year"] == latest).all()
    assert set(table["org_type"]) <= {
        "acute", "mental health", "community", "ambulance", "specialist",
    }  # fmt: skip
    assert not table.duplicated(["code", "indicator", "measure", "band", "group"]).any()
    bme = table[table["group"] == "BME"]
    assert bme["region_value"].notna().any() and bme["national_value"].notna().all()
    ranked = table.dropna(subset=["type_rank"])
    assert (ranked["type_rank"] <= ranked["type_count"]).all()


def test_small_number_figures_stay_out_of_the_spread() -> None:
    flagged = indicators()
    flagged.loc[flagged["code"] == "A4", "flag"] = "small_numbers"
    table = peer_comparison(flagged, organisations()).set_index("code")
    assert table.loc["A1", "type_median"] == pytest.approx(20.0)  # median of 10, 20, 30
    assert table.loc["A1", "type_count"] == 3
    assert pd.isna(table.loc["A4", "type_rank"])
    assert table.loc["A4", "value"] == 40.0  # the trust's own figure stays, flagged

"""Model Employer trajectories, checked against examples worked by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers.dataset_factory import tiny_tables, write_tiny_dataset
from wres_lib import load_dataset
from wres_lib.data.dataset import Dataset
from wres_lib.models.model_employer import BANDS, COLUMNS, model_employer

YEARS = (2018, 2019, 2020)
GROWING, ABOVE, MERGED = "ZT901", "ZT902", "ZT903"

# (org, year, band, ethnicity, headcount). GROWING: 750 White and 250 BME staff in 2018, so the
# target share is 0.25; Band 8a starts at 10/100 = 0.10; no VSM staff ever; Band 9 staff from
# 2019 only. ABOVE: 900 White and 100 BME in 2018 (target 0.10), Band 8a at 0.40.
WORKFORCE = [
    *[(GROWING, y, "Band 5", e, n) for y in YEARS for e, n in
      (("White", 660), ("Asian", 150), ("Black", 90), ("Unknown", 40))],
    (GROWING, 2018, "Band 8a", "White", 90), (GROWING, 2018, "Band 8a", "Asian", 10),
    (GROWING, 2019, "Band 8a", "White", 88), (GROWING, 2019, "Band 8a", "Asian", 12),
    (GROWING, 2020, "Band 8a", "White", 90), (GROWING, 2020, "Band 8a", "Asian", 11),
    (GROWING, 2019, "Band 9", "White", 2),
    (GROWING, 2020, "Band 9", "White", 1), (GROWING, 2020, "Band 9", "Black", 1),
    *[(ABOVE, y, "Band 5", e, n) for y in YEARS for e, n in (("White", 840), ("Asian", 60))],
    (ABOVE, 2018, "Band 8a", "White", 60), (ABOVE, 2018, "Band 8a", "Asian", 40),
    (ABOVE, 2019, "Band 8a", "White", 85), (ABOVE, 2019, "Band 8a", "Asian", 15),
    (ABOVE, 2020, "Band 8a", "White", 95), (ABOVE, 2020, "Band 8a", "Asian", 5),
    (MERGED, 2020, "Band 5", "White", 80), (MERGED, 2020, "Band 5", "BME", 20),
    (MERGED, 2020, "Band 8a", "White", 10),
]  # fmt: skip
# Voting: 5 White executives, 4 White and 1 Asian non-executives; a non-voting Black executive
# does not count.
BOARD = [
    (year, org, role, voting, ethnicity, members)
    for org in (GROWING, ABOVE)
    for year in YEARS
    for role, voting, ethnicity, members in (
        ("executive", True, "White", 5),
        ("non_executive", True, "White", 4),
        ("non_executive", True, "Asian", 1),
        ("executive", False, "Black", 1),
    )
]


def write_example(path: Path) -> Dataset:
    """The organisations, workforce and board above, with the tiny dataset's other tables."""
    tables = tiny_tables()
    first = tables["organisations"].iloc[0]
    merged = {**first.to_dict(), "org_code": MERGED, "org_name": "Newco (synthetic)",
              "valid_from": "2019-04-01"}  # fmt: skip
    tables["organisations"] = pd.concat(
        [tables["organisations"], pd.DataFrame([merged])], ignore_index=True
    )
    tables["workforce"] = pd.DataFrame(
        [(y, org, "clinical", band, e, n) for org, y, band, e, n in WORKFORCE],
        columns=["year", "org_code", "staff_group", "band", "ethnicity", "headcount"],
    )
    tables["board"] = pd.DataFrame(
        BOARD, columns=["year", "org_code", "role", "voting", "ethnicity", "members"]
    )
    return load_dataset(write_tiny_dataset(path, tables))


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return write_example(tmp_path_factory.mktemp("model_employer"))


def row(table: pd.DataFrame, code: str, band: str, year: int) -> pd.Series:
    chosen = table[(table["code"] == code) & (table["band"] == band) & (table["year"] == year)]
    assert len(chosen) == 1
    return chosen.iloc[0]


def test_columns_and_one_row_per_org_band_year(example: Dataset) -> None:
    table = model_employer(example)
    assert tuple(table.columns) == COLUMNS
    assert set(table["band"]) == set(BANDS)
    assert not table.duplicated(["code", "band", "year"]).any()
    # GROWING and ABOVE from 2018, MERGED from its first year, 2020.
    assert len(table) == len(BANDS) * (3 + 3 + 1)


def test_line_from_baseline_share_to_workforce_share(example: Dataset) -> None:
    table = model_employer(example, baseline_year=2018, target_year=2028)
    # Line: 0.10 + (0.25 - 0.10) * (year - 2018) / 10.
    start = row(table, GROWING, "Band 8a", 2018)
    assert start["baseline_share"] == pytest.approx(0.10)
    assert start["target_share"] == pytest.approx(0.25)
    assert start["line_share"] == pytest.approx(0.10)
    assert start["status"] == "on track" and start["gap"] == 0
    on_track = row(table, GROWING, "Band 8a", 2019)
    assert on_track["line_share"] == pytest.approx(0.115)
    assert on_track["actual_share"] == pytest.approx(0.12)
    assert bool(on_track["on_track"]) and on_track["gap"] == 0
    behind = row(table, GROWING, "Band 8a", 2020)
    assert behind["line_share"] == pytest.approx(0.13)
    assert behind["actual_share"] == pytest.approx(11 / 101)
    assert behind["status"] == "off track" and not behind["on_track"]
    assert behind["gap"] == math.ceil(0.13 * 101 - 11) == 3
    assert (behind["bme_staff"], behind["staff"]) == (11, 101)


def test_organisation_already_above_target_is_held_to_the_target(example: Dataset) -> None:
    table = model_employer(example)
    for year in YEARS:
        assert row(table, ABOVE, "Band 8a", year)["line_share"] == pytest.approx(0.10)
    assert "at or above the target share" in row(table, ABOVE, "Band 8a", 2018)["note"]
    assert row(table, ABOVE, "Band 8a", 2019)["status"] == "on track"
    fallen = row(table, ABOVE, "Band 8a", 2020)
    assert fallen["status"] == "off track"
    assert fallen["gap"] == 5  # 0.10 * 100 - 5


def test_band_with_no_staff_has_no_share_and_no_gap(example: Dataset) -> None:
    table = model_employer(example)
    vsm = table[(table["code"] == GROWING) & (table["band"] == "VSM")]
    assert (vsm["status"] == "no staff").all()
    assert vsm["actual_share"].isna().all() and vsm["line_share"].isna().all()
    assert vsm["gap"].isna().all() and vsm["on_track"].isna().all()
    assert vsm["note"].str.contains("no staff at this band").all()


def test_band_first_staffed_after_baseline_starts_its_line_then(example: Dataset) -> None:
    table = model_employer(example)
    assert row(table, GROWING, "Band 9", 2018)["status"] == "no staff"
    first = row(table, GROWING, "Band 9", 2019)
    assert first["baseline_year"] == 2019 and first["baseline_share"] == 0
    assert "the line starts from 2019" in first["note"]
    later = row(table, GROWING, "Band 9", 2020)
    assert later["line_share"] == pytest.approx(0.25 / 9)  # 2028 - 2019 = 9 years
    assert later["status"] == "on track"


def test_board_counts_voting_members_only(example: Dataset) -> None:
    table = model_employer(example)
    board = row(table, GROWING, "Board", 2020)
    assert (board["bme_staff"], board["staff"]) == (1, 10)
    assert board["line_share"] == pytest.approx(0.13)
    assert board["gap"] == 1  # ceil(0.13 * 10 - 1)


def test_organisation_created_after_baseline_starts_in_its_first_year(example: Dataset) -> None:
    table = model_employer(example)
    first = row(table, MERGED, "Band 8a", 2020)
    assert first["baseline_year"] == 2020
    assert first["target_share"] == pytest.approx(20 / 110)
    assert first["line_share"] == 0 and first["status"] == "on track"
    assert "2020, the organisation's first year of data" in first["note"]


def test_current_target_moves_with_the_workforce(example: Dataset) -> None:
    table = model_employer(example, target="current")
    # GROWING's whole workforce in 2020: 660 + 90 + 1 = 751 White, 240 + 11 + 1 = 252 BME.
    behind = row(table, GROWING, "Band 8a", 2020)
    target = 252 / (751 + 252)
    assert behind["target_share"] == pytest.approx(target)
    assert behind["line_share"] == pytest.approx(0.10 + (target - 0.10) * 0.2)


def test_gap_is_not_inflated_by_rounding(example: Dataset) -> None:
    # Target share 70 / (20 + 10 + 70) = 0.7; 0.7 * 10 is 7.000000000000001 in floating point,
    # yet exactly 7 BME staff are needed at a band of 10 White staff, not 8.
    rows = [(2018, "Band 5", "White", 20), (2018, "Band 5", "Asian", 70)]
    rows += [(2018, "Band 8a", "White", 10)]
    workforce = pd.DataFrame(
        [(y, GROWING, "clinical", band, e, n) for y, band, e, n in rows],
        columns=list(example.workforce.columns),
    )
    small = Dataset(**{**example.__dict__, "workforce": workforce})
    # The organisation's first year (2018) is the target year, so the line is at the target.
    table = model_employer(small, baseline_year=2017, target_year=2018)
    band = row(table, GROWING, "Band 8a", 2018)
    assert band["line_share"] == pytest.approx(0.7)
    assert band["gap"] == 7


def test_national_level_sums_counts(example: Dataset) -> None:
    table = model_employer(example, level="national")
    first = row(table, "ENG", "Band 8a", 2018)
    assert (first["bme_staff"], first["staff"]) == (50, 200)
    assert first["target_share"] == pytest.approx(350 / 2000)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"baseline_year": 2020, "target_year": 2019}, "target_year"),
        ({"baseline_year": 2030}, "baseline_year"),
        ({"baseline_year": "2018"}, "baseline_year"),
        ({"target": "latest"}, "target"),
        ({"level": "ward"}, "level"),
    ],
)
def test_arguments_are_checked_by_name(example: Dataset, arguments: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        model_employer(example, **arguments)


def test_input_is_not_mutated(example: Dataset) -> None:
    before = example.workforce.copy()
    model_employer(example)
    pd.testing.assert_frame_equal(example.workforce, before)


def test_bundled_dataset_runs_for_every_trust(sample_dataset: Dataset) -> None:
    dataset = sample_dataset
    table = model_employer(dataset)
    assert set(table["status"]) <= {"on track", "off track", "no staff"}
    scored = table[table["status"] != "no staff"]
    assert (scored["gap"] >= 0).all()
    assert (scored["on_track"] == (scored["gap"] == 0)).all()

"""Board history: the bundled dataset against a plain recount from the board table, and a
small example worked by hand."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers.dataset_factory import tiny_tables, write_tiny_dataset
from wres_lib import load_dataset
from wres_lib.data.dataset import Dataset
from wres_lib.models.board_history import NEVER_NOTE, BoardHistory, board_history


@pytest.fixture(scope="module")
def sample(sample_dataset: Dataset) -> Dataset:
    return sample_dataset


@pytest.fixture(scope="module")
def history(sample: Dataset) -> BoardHistory:
    return board_history(sample)


def recount(board: pd.DataFrame, up_to_year: int | None = None) -> dict[str, dict[int, int]]:
    """BME executive directors per trust and year, counted one row at a time, in the years a
    trust reported an executive of recorded ethnicity (up to ``up_to_year`` if given)."""
    bme: dict[tuple[str, int], int] = defaultdict(int)
    known: dict[tuple[str, int], int] = defaultdict(int)
    for row in board.itertuples(index=False):
        key = (row.org_code, int(row.year))
        if up_to_year is not None and key[1] > up_to_year:
            continue
        if row.role == "executive" and row.ethnicity != "Unknown":
            known[key] += int(row.members)
            if row.ethnicity != "White":
                bme[key] += int(row.members)
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    for (code, year), executives in known.items():
        if executives:
            counts[code][year] = bme.get((code, year), 0)
    return counts


def longest_run_without(years: dict[int, int]) -> int:
    """The longest run of consecutive years, all present, with no BME executive."""
    best = run = 0
    for year in sorted(years):
        continues = run > 0 and year - 1 in years
        run = (run + 1 if continues else 1) if years[year] == 0 else 0
        best = max(best, run)
    return best


def test_per_org_matches_a_plain_recount(sample: Dataset, history: BoardHistory) -> None:
    counts = recount(sample.board)
    table = history.per_org.set_index("code")
    assert set(table.index) == set(counts)
    for code, years in counts.items():
        row = table.loc[code]
        with_exec = [year for year, n in years.items() if n > 0]
        latest = max(years)
        assert row["latest_year"] == latest and row["first_year"] == min(years)
        assert row["years_in_data"] == len(years)
        assert row["bme_executives_latest"] == years[latest]
        assert row["years_without_bme_exec"] == sum(n == 0 for n in years.values())
        assert row["longest_run_without_bme_exec"] == longest_run_without(years)
        if with_exec:
            assert row["first_year_with_bme_exec"] == min(with_exec)
            assert row["years_since_bme_exec"] == latest - max(with_exec)
        else:
            assert pd.isna(row["first_year_with_bme_exec"])
            assert pd.isna(row["years_since_bme_exec"])
            assert NEVER_NOTE in row["note"]


def test_never_lists_every_trust_with_no_bme_executive_in_any_year(
    sample: Dataset, history: BoardHistory
) -> None:
    counts = recount(sample.board)
    never = {code for code, years in counts.items() if not any(years.values())}
    assert set(history.never["code"]) == never
    assert never, "the bundled dataset is built with some all-white executive teams"


def test_per_system_matches_a_plain_recount(sample: Dataset, history: BoardHistory) -> None:
    counts = recount(sample.board)
    latest = max(year for years in counts.values() for year in years)
    orgs = sample.organisations.set_index("org_code")
    expected: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for code, years in counts.items():
        if latest not in years:
            continue
        icb, region = orgs.loc[code, "icb_code"], orgs.loc[code, "region_code"]
        for key in (("icb", icb), ("region", region), ("national", "ENG")):
            expected[key][0] += 1
            expected[key][1] += years[latest] == 0
    table = history.per_system.set_index(["level", "code"])
    assert history.latest_year == latest
    assert set(table.index) == set(expected)
    for key, (total, none) in expected.items():
        assert table.loc[key, "trusts_total"] == total
        assert table.loc[key, "trusts_with_no_bme_exec_latest"] == none
    assert (table["year"] == latest).all()


def test_worked_example(tmp_path: Path) -> None:
    tables = tiny_tables()
    years = range(2016, 2024)
    # ZT901: BME executive in 2017 and 2021 only; ZT902: never. Non-voting executives count,
    # BME non-executives do not.
    bme_exec_years = {"ZT901": {2017, 2021}, "ZT902": set()}
    rows = []
    for org, chosen in bme_exec_years.items():
        for year in years:
            rows.append((year, org, "executive", True, "White", 5))
            rows.append((year, org, "non_executive", True, "Asian", 2))
            if year in chosen:
                rows.append((year, org, "executive", year == 2017, "Black", 1))
    tables["board"] = pd.DataFrame(
        rows, columns=["year", "org_code", "role", "voting", "ethnicity", "members"]
    )
    history = board_history(load_dataset(write_tiny_dataset(tmp_path / "d", tables)))
    first = history.per_org.set_index("code").loc["ZT901"]
    assert first["first_year_with_bme_exec"] == 2017
    assert first["last_year_with_bme_exec"] == 2021
    assert first["years_since_bme_exec"] == 2  # 2023 - 2021
    assert first["longest_run_without_bme_exec"] == 3  # 2018-2020
    assert first["years_without_bme_exec"] == 6
    assert list(history.never["code"]) == ["ZT902"]
    region = history.per_system.set_index("level").loc["region"]
    assert (region["trusts_total"], region["trusts_with_no_bme_exec_latest"]) == (2, 2)


def test_requires_a_dataset() -> None:
    with pytest.raises(ValueError, match="dataset"):
        board_history(pd.DataFrame())  # type: ignore[arg-type]


def test_up_to_year_counts_only_the_years_up_to_it(sample: Dataset) -> None:
    year = 2020
    counts = recount(sample.board, up_to_year=year)
    history = board_history(sample, up_to_year=year)
    table = history.per_org.set_index("code")
    assert history.latest_year == year and set(table.index) == set(counts)
    for code, years in counts.items():
        with_exec = [y for y, n in years.items() if n > 0]
        assert table.loc[code, "latest_year"] == max(years) <= year
        assert table.loc[code, "bme_executives_latest"] == years[max(years)]
        last = table.loc[code, "last_year_with_bme_exec"]
        assert (pd.isna(last) and not with_exec) or last == max(with_exec)
    assert set(history.never["code"]) >= set(board_history(sample).never["code"]) & set(counts)


def test_years_without_an_executive_of_recorded_ethnicity_are_not_counted(tmp_path: Path) -> None:
    tables = tiny_tables()
    rows = []
    for year in range(2019, 2024):
        # ZT901: executives of unrecorded ethnicity only in 2019 and 2020, white from 2021.
        rows.append((year, "ZT901", "executive", True, "Unknown" if year < 2021 else "White", 4))
        rows.append((year, "ZT901", "non_executive", True, "Asian", 2))
        rows.append((year, "ZT902", "executive", True, "White", 5))
        rows.append((year, "ZT902", "executive", False, "Black", int(year == 2020)))
    tables["board"] = pd.DataFrame(
        rows, columns=["year", "org_code", "role", "voting", "ethnicity", "members"]
    )
    dataset = load_dataset(write_tiny_dataset(tmp_path / "d", tables))
    table = board_history(dataset).per_org.set_index("code")
    assert table.loc["ZT901", "first_year"] == 2021  # no claim about 2019-2020
    assert table.loc["ZT901", "years_without_bme_exec"] == 3
    assert table.loc["ZT902", "last_year_with_bme_exec"] == 2020
    early = board_history(dataset, up_to_year=2020).per_org.set_index("code")
    assert list(early.index) == ["ZT902"] and early.loc["ZT902", "years_since_bme_exec"] == 0
    with pytest.raises(ValueError, match="up to 2018"):
        board_history(dataset, up_to_year=2018)

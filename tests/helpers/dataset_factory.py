"""A tiny valid dataset, written by the tests that need one, and ways to break it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from wres_lib.data.dataset import refresh_checksums, write_dataset
from wres_lib.data.metadata import DatasetMetadata

ORGS = ("ZT901", "ZT902")


def tiny_tables() -> dict[str, pd.DataFrame]:
    """Two trusts in one system, years 2024 and 2025, every table of the data model."""
    organisations = pd.DataFrame(
        {
            "org_code": list(ORGS),
            "org_name": ["Testbridge Hospitals (synthetic)", "Mockford Care (synthetic)"],
            "org_type": ["acute", "mental health"],
            "icb_code": ["ZQ90", "ZQ90"],
            "icb_name": ["Testshire ICS (synthetic)"] * 2,
            "region_code": ["Y56", "Y56"],
            "region_name": ["London", "London"],
            "valid_from": ["2000-04-01", "2000-04-01"],
            "valid_to": ["", ""],
            "successor_code": ["", ""],
        }
    )
    years = (2024, 2025)
    workforce = pd.DataFrame(
        [
            (year, org, "clinical", band, ethnicity, headcount)
            for year in years
            for org in ORGS
            for band, ethnicity, headcount in (
                ("Band 5", "White", 120),
                ("Band 5", "Asian", 40),
                ("Band 5", "Black", 30),
                ("Band 5", "Unknown", 5),
                ("Band 8a", "White", 20),
                ("Band 8a", "Asian", 3),
            )
        ],
        columns=["year", "org_code", "staff_group", "band", "ethnicity", "headcount"],
    )
    by_org_year = [(year, org, eth) for year in years for org in ORGS for eth in ("White", "BME")]
    recruitment = pd.DataFrame(
        [(*k, 100, 30) if k[2] == "White" else (*k, 50, 8) for k in by_org_year],
        columns=["year", "org_code", "ethnicity", "shortlisted", "appointed"],
    )
    disciplinary = pd.DataFrame(
        [(*k, 150, 2) if k[2] == "White" else (*k, 70, 2) for k in by_org_year],
        columns=["year", "org_code", "ethnicity", "headcount", "entered"],
    )
    training = pd.DataFrame(
        [(*k, 150, 90) if k[2] == "White" else (*k, 70, 40) for k in by_org_year],
        columns=["year", "org_code", "ethnicity", "headcount", "accessed"],
    )
    staff_survey = pd.DataFrame(
        [
            (*k[:2], indicator, k[2], 80 if k[2] == "White" else 40, 25.0 + indicator)
            for k in by_org_year
            for indicator in (5, 6, 7, 8)
        ],
        columns=["year", "org_code", "indicator", "ethnicity", "respondents", "percent"],
    )
    board = pd.DataFrame(
        [
            (year, org, role, True, ethnicity, members)
            for year in years
            for org in ORGS
            for role, ethnicity, members in (
                ("executive", "White", 6),
                ("non_executive", "White", 5),
                ("non_executive", "BME", 2),
            )
        ],
        columns=["year", "org_code", "role", "voting", "ethnicity", "members"],
    )
    population = pd.DataFrame(
        [(year, "ZQ90", eth, n) for year in years for eth, n in (("White", 900), ("BME", 400))],
        columns=["year", "area_code", "ethnicity", "people"],
    )
    return {
        "organisations": organisations,
        "workforce": workforce,
        "recruitment": recruitment,
        "disciplinary": disciplinary,
        "training": training,
        "staff_survey": staff_survey,
        "board": board,
        "population": population,
    }


def write_tiny_dataset(path: Path, tables: dict[str, pd.DataFrame] | None = None) -> Path:
    """Write a tiny dataset (or the given tables) with correct checksums; return its folder."""
    metadata = DatasetMetadata(name="tiny", source="written by the tests", synthetic=True)
    write_dataset(tables if tables is not None else tiny_tables(), path, metadata)
    return path


def edit_csv(path: Path, table: str, row: int, column: str, value: str) -> None:
    """Set one cell of ``table``.csv (row counted as in a spreadsheet: header is row 1) and
    update the checksums, so that only the planted fault is wrong."""
    target = path / f"{table}.csv"
    frame = pd.read_csv(target, dtype=str, keep_default_na=False)
    frame.loc[row - 2, column] = value
    frame.to_csv(target, index=False, lineterminator="\n")
    refresh_checksums(path)

"""Press tables a journalist can filter and join: every organisation-level table carries the
same five columns of where an organisation sits, read back against ``organisations.csv``, and
system-summary's counts are recounted from the raw board, workforce and population rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.helpers.paths import SAMPLE
from wres_lib.analysis.context import BriefingContext
from wres_lib.tables import press_table
from wres_lib.tables.registry import REGISTRY

YEAR = 2025
JOIN = ["org_type", "icb_code", "icb_name", "region_code", "region_name"]
CASES = [(name, level) for name, spec in REGISTRY.items() for level in spec.levels]


def plain(name: str) -> str:
    return name.removesuffix(" (synthetic)")


@pytest.fixture(scope="module")
def organisations() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "organisations.csv", dtype=str, keep_default_na=False)


def expected_places(organisations: pd.DataFrame, level: str) -> pd.DataFrame:
    """The five join columns of every organisation at ``level``, straight from the CSV."""
    if level == "trust":
        frame = organisations.set_index("org_code")[JOIN].copy()
    else:
        parent = f"{level}_code"
        rows = organisations.drop_duplicates(parent).set_index(parent, drop=False)
        frame = pd.DataFrame(
            {
                "org_type": level,
                "icb_code": rows.index if level == "icb" else "",
                "icb_name": rows["icb_name"] if level == "icb" else "",
                "region_code": rows["region_code"],
                "region_name": rows["region_name"],
            },
            index=rows.index,
        )
    frame["icb_name"] = frame["icb_name"].map(plain)
    return frame


def code_of(frame: pd.DataFrame) -> str:
    return "code" if "code" in frame.columns else "org_code"


@pytest.mark.parametrize(("name", "level"), CASES)
def test_every_organisation_table_carries_the_join_columns(
    sample_context: BriefingContext, organisations: pd.DataFrame, name: str, level: str
) -> None:
    table = press_table(name, sample_context, YEAR, level)
    frame = table.frame
    assert any(note.startswith(", ".join(JOIN)) for note in table.notes)
    columns = list(frame.columns)
    named = "name" if "name" in columns else "org_name"
    start = columns.index(named) + 1
    assert columns[start : start + 5] == JOIN  # the same five, in the same place
    assert columns[: start - 2] == ["synthetic_data"]
    expected = expected_places(organisations, level)
    codes = frame[code_of(frame)]
    assert codes.isin(expected.index).all()
    got = frame[JOIN].reset_index(drop=True)
    want = expected.loc[codes.to_numpy(), JOIN].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    if level != "region" and len(frame):
        assert (frame["icb_code"] != "").all() and (frame["region_code"] != "").all()
    if name != "targets":  # the sample's action plans set no targets for a region
        assert len(frame), f"{name} lists {level} but has no {level} rows"


def test_system_and_region_rows_name_themselves(sample_context: BriefingContext) -> None:
    systems = press_table("system-summary", sample_context, YEAR, "icb").frame
    assert (systems["org_type"] == "icb").all()
    assert (systems["icb_code"] == systems["code"]).all()
    assert (systems["icb_name"] == systems["name"]).all()
    regions = press_table("disparity-ratios", sample_context, YEAR, "region").frame
    assert (regions["org_type"] == "region").all()
    assert (regions["region_code"] == regions["code"]).all()
    assert (regions["region_name"] == regions["name"]).all()
    assert (regions[["icb_code", "icb_name"]] == "").all().all()


def test_two_tables_join_on_the_organisation_code(sample_context: BriefingContext) -> None:
    executives = press_table("all-white-executives", sample_context, YEAR).frame
    ratios = press_table("disparity-ratios", sample_context, YEAR).frame
    joined = executives.merge(
        ratios, left_on="org_code", right_on="code", suffixes=("", "_ratios"), validate="1:1"
    )
    assert len(joined) == len(executives) > 0
    for column in JOIN:
        assert (joined[column] == joined[f"{column}_ratios"]).all()
    gaps = press_table("board-gap", sample_context, YEAR).frame
    both = ratios.merge(gaps, on=["code", "name", *JOIN], validate="1:1")
    assert len(both) == len(gaps) == len(ratios)
    # A trust table joins its system's summary on icb_code: the names agree too.
    systems = press_table("system-summary", sample_context, YEAR, "icb").frame
    up = ratios.merge(systems, on="icb_code", suffixes=("", "_system"), validate="m:1")
    assert len(up) == len(ratios)
    assert (up["icb_name"] == up["name_system"]).all()
    assert (up["region_code"] == up["region_code_system"]).all()


@pytest.fixture(scope="module")
def raw() -> dict[str, pd.DataFrame]:
    names = ("board", "workforce", "population", "organisations")
    return {name: pd.read_csv(SAMPLE / f"{name}.csv") for name in names}


@pytest.mark.parametrize("level", ["icb", "region"])
def test_system_summary_counts_trusts_without_a_bme_executive_from_board_csv(
    sample_context: BriefingContext, raw: dict[str, pd.DataFrame], level: str
) -> None:
    board = raw["board"]
    executives = board[(board["year"] == YEAR) & (board["role"] == "executive")]
    members = executives.groupby("org_code")["members"].sum()
    stated_bme = ~executives["ethnicity"].isin(["White", "Unknown"])
    bme = executives[stated_bme].groupby("org_code")["members"].sum()
    reporting = members[members > 0].index
    without = reporting[bme.reindex(reporting).fillna(0).to_numpy() == 0]
    parent = raw["organisations"].set_index("org_code")[f"{level}_code"]
    frame = press_table("system-summary", sample_context, YEAR, level).frame.set_index("code")
    expected = parent[without].value_counts().reindex(frame.index).fillna(0).astype(int)
    assert (frame["trusts_without_bme_executive"] == expected).all()
    assert expected.sum() == len(without) > 0
    out_of = parent[reporting].value_counts().reindex(frame.index).fillna(0).astype(int)
    assert (frame["trusts_reporting_executives"] == out_of).all()
    for code, listed in frame["codes_without_bme_executive"].items():
        assert sorted(filter(None, listed.split(";"))) == sorted(without[parent[without] == code])


@pytest.mark.parametrize("level", ["icb", "region"])
def test_system_summary_shares_of_all_staff_and_population(
    sample_context: BriefingContext, raw: dict[str, pd.DataFrame], level: str
) -> None:
    workforce = raw["workforce"][raw["workforce"]["year"] == YEAR]
    parent = raw["organisations"].set_index("org_code")[f"{level}_code"]
    workforce = workforce.assign(area=workforce["org_code"].map(parent))
    stated_bme = ~workforce["ethnicity"].isin(["White", "Unknown"])
    all_staff = workforce.groupby("area")["headcount"].sum()
    bme_staff = workforce[stated_bme].groupby("area")["headcount"].sum()
    frame = press_table("system-summary", sample_context, YEAR, level).frame.set_index("code")
    share = 100 * bme_staff / all_staff
    assert np.allclose(frame["bme_all_staff_pct"], share[frame.index], atol=0.051)
    assert (frame["bme_all_staff_pct"] < frame["bme_workforce_pct"]).all()  # unknowns counted

    population = raw["population"]
    population = population[population["year"] <= YEAR]
    latest = population.groupby("area_code")["year"].transform("max")
    population = population[population["year"] == latest]
    known = population[population["ethnicity"] != "Unknown"]
    bme_people = known[known["ethnicity"] != "White"].groupby("area_code")["people"].sum()
    expected = 100 * bme_people / known.groupby("area_code")["people"].sum()
    for code, value in frame["population_bme_pct"].items():
        if code in expected.index:
            assert value == pytest.approx(expected[code], abs=0.051)
        else:
            assert value == "not available"
    assert frame["population_bme_pct"].map(lambda v: isinstance(v, float)).any()

"""The synthetic sample: determinism, structure, constraints, national trends and stories.

Every figure is recounted here from the tables with plain pandas, never with the generator's
internals, so these tests check what a user of the dataset would see.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wres_lib import load_dataset
from wres_lib.data.schema import AFC_BANDS, DETAILED_BME_GROUPS, TABLES
from wres_lib.data.synthetic import (
    DIVERSE_SYSTEM_TRUSTS,
    NO_BME_EXECUTIVE_TRUSTS,
    STORY_ORGS,
    STORY_YEAR,
    generate_sample,
    write_sample,
)
from wres_lib.data.validation import validate

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "sample"
YEARS = list(range(2016, 2026))
LATEST = 2025
OTHER_SEED = 7
REGIONS = {
    "Y56": "London",
    "Y59": "South East",
    "Y58": "South West",
    "Y61": "East of England",
    "Y62": "North West",
    "Y60": "Midlands",
    "Y63": "North East and Yorkshire",
}
ICBS_PER_REGION = {"Y56": 5, "Y59": 6, "Y58": 7, "Y61": 6, "Y62": 3, "Y60": 11, "Y63": 4}
EVENT_TABLES = ("recruitment", "disciplinary", "training", "staff_survey", "board")
DATA_TABLES = ("workforce", *EVENT_TABLES)

Tables = dict[str, pd.DataFrame]


@pytest.fixture(scope="session")
def sample() -> Tables:
    return generate_sample()


@pytest.fixture(scope="session")
def other_sample() -> Tables:
    return generate_sample(OTHER_SEED)


@pytest.fixture(scope="session")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "first"
    write_sample(path)
    return path


@pytest.fixture(params=["sample", "other_sample"])
def any_seed(request: pytest.FixtureRequest) -> Tables:
    """The stories must hold whatever the seed."""
    return request.getfixturevalue(request.param)


# ---- plain-pandas recounts -------------------------------------------------------------------


def side(ethnicity: pd.Series) -> pd.Series:
    """White, BME or Unknown for each ethnicity value."""
    return ethnicity.where(ethnicity.isin(["White", "Unknown"]), "BME")


def by_side(frame: pd.DataFrame, keys: list[str], values: list[str]) -> pd.DataFrame:
    """Sums of ``values`` per ``keys`` and side, with sides as an outer column level."""
    summed = frame.assign(side=side(frame["ethnicity"])).groupby([*keys, "side"])[values].sum()
    return summed.unstack("side").swaplevel(axis=1)


def bme_share(workforce: pd.DataFrame, keys: list[str]) -> pd.Series:
    counts = by_side(workforce, keys, ["headcount"])
    return counts["BME", "headcount"] / (counts["BME", "headcount"] + counts["White", "headcount"])


def national_ratio(frame: pd.DataFrame, events: str, total: str, numerator: str) -> pd.Series:
    """(numerator side's event rate) / (the other side's), per year, summing over trusts."""
    counts = by_side(frame, ["year"], [events, total])
    rates = {s: counts[s, events] / counts[s, total] for s in ("White", "BME")}
    other = "BME" if numerator == "White" else "White"
    return rates[numerator] / rates[other]


def survey_levels(survey: pd.DataFrame) -> pd.DataFrame:
    """Respondent-weighted percentage per year, indicator and side."""
    weighted = survey.assign(
        side=side(survey["ethnicity"]), yes=survey["percent"] * survey["respondents"]
    )
    sums = weighted.groupby(["year", "indicator", "side"])[["yes", "respondents"]].sum()
    return (sums["yes"] / sums["respondents"]).unstack("side")


def board_bme(board: pd.DataFrame) -> pd.Series:
    return board["members"].where(side(board["ethnicity"]) == "BME", 0)


# ---- determinism ---------------------------------------------------------------------------


def test_regenerating_gives_byte_identical_files(written: Path, tmp_path: Path) -> None:
    second = tmp_path / "second"
    write_sample(second)
    names = sorted(p.name for p in written.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert "dataset.yaml" in names
    for name in names:
        assert (written / name).read_bytes() == (second / name).read_bytes(), name


def test_bundled_sample_is_what_the_generator_writes(written: Path) -> None:
    for path in written.iterdir():
        assert (BUNDLED / path.name).read_bytes() == path.read_bytes(), path.name


def test_seed_changes_numbers_but_not_organisations(sample: Tables, other_sample: Tables) -> None:
    pd.testing.assert_frame_equal(sample["organisations"], other_sample["organisations"])
    assert not sample["workforce"].equals(other_sample["workforce"])


@pytest.mark.slow
def test_written_sample_loads_without_violations(written: Path) -> None:
    assert validate(written) == []
    dataset = load_dataset(written)
    assert dataset.metadata.synthetic
    assert dataset.metadata.name == "wres-sample"
    assert dataset.metadata.licence == "CC0-1.0"
    assert dataset.years == YEARS


# ---- structure ------------------------------------------------------------------------------


def test_every_table_has_exactly_the_canonical_columns(sample: Tables) -> None:
    assert list(sample) == list(TABLES)
    for name, spec in TABLES.items():
        assert list(sample[name].columns) == list(spec.column_names), name


def test_regions_are_the_seven_real_ones(sample: Tables) -> None:
    orgs = sample["organisations"]
    assert dict(orgs[["region_code", "region_name"]].drop_duplicates().to_numpy()) == REGIONS


def test_systems_spread_over_regions_as_in_england(sample: Tables) -> None:
    icbs = sample["organisations"].drop_duplicates("icb_code")
    assert len(icbs) == 42
    assert icbs["region_code"].value_counts().to_dict() == ICBS_PER_REGION
    assert icbs["icb_name"].is_unique


def test_trust_count_type_mix_and_sizes(sample: Tables) -> None:
    orgs = sample["organisations"]
    assert 200 <= len(orgs) <= 220
    mix = orgs["org_type"].value_counts(normalize=True)
    assert 0.50 <= mix["acute"] <= 0.62
    assert 0.15 <= mix["mental health"] <= 0.25
    assert 0.05 <= mix["community"] <= 0.12
    assert 0.03 <= mix["ambulance"] <= 0.07
    assert 0.05 <= mix["specialist"] <= 0.12
    workforce = sample["workforce"]
    sizes = workforce.loc[workforce["year"] == LATEST].groupby("org_code")["headcount"].sum()
    assert sizes.between(1000, 20000).all()
    assert sizes.max() / sizes.min() > 8


def test_codes_and_names_are_plainly_fictional(sample: Tables) -> None:
    orgs = sample["organisations"]
    assert orgs["org_code"].str.fullmatch(r"ZT\d{3}").all()
    assert orgs["icb_code"].str.fullmatch(r"ZQ\d{2}").all()
    assert orgs["org_name"].is_unique
    for column in ("org_name", "icb_name"):
        assert orgs[column].str.endswith("(synthetic)").all()


def test_years_are_2016_to_2025(sample: Tables) -> None:
    for name in (*DATA_TABLES, "population"):
        assert sorted(sample[name]["year"].unique()) == YEARS, name


def test_every_org_is_open_in_the_wres_years_of_its_data(sample: Tables) -> None:
    orgs = sample["organisations"].set_index("org_code")
    for column in ("valid_from", "valid_to"):
        dates = orgs[column].loc[orgs[column] != ""]
        assert dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    for name in DATA_TABLES:
        rows = sample[name][["org_code", "year"]].drop_duplicates()
        start = rows["org_code"].map(orgs["valid_from"])
        end = rows["org_code"].map(orgs["valid_to"])
        year = rows["year"].astype(str)
        assert (start <= year + "-03-31").all(), name
        prior = (rows["year"] - 1).astype(str) + "-04-01"
        assert ((end == "") | (end >= prior)).all(), name


def test_population_covers_every_system_and_region(sample: Tables) -> None:
    orgs = sample["organisations"]
    population = sample["population"]
    areas = set(orgs["icb_code"]) | set(orgs["region_code"])
    assert set(population["area_code"]) == areas
    assert (population.groupby("year")["area_code"].nunique() == len(areas)).all()
    region_of = orgs.drop_duplicates("icb_code").set_index("icb_code")["region_code"]
    systems = population.loc[population["area_code"].str.startswith("ZQ")]
    summed = systems.groupby([systems["area_code"].map(region_of), "year", "ethnicity"])["people"]
    regions = population.loc[population["area_code"].isin(REGIONS)]
    regions = regions.set_index(["area_code", "year", "ethnicity"])["people"]
    pd.testing.assert_series_equal(
        summed.sum().sort_index(), regions.sort_index(), check_names=False
    )


# ---- constraints ---------------------------------------------------------------------------


def test_keys_are_unique(sample: Tables) -> None:
    for name, spec in TABLES.items():
        assert not sample[name].duplicated(list(spec.key)).any(), name


def test_counts_are_non_negative_integers(sample: Tables) -> None:
    for name, spec in TABLES.items():
        for column in spec.columns:
            if column.kind == "count":
                values = sample[name][column.name]
                assert pd.api.types.is_integer_dtype(values), (name, column.name)
                assert (values >= 0).all(), (name, column.name)


def test_cross_column_rules_hold(sample: Tables) -> None:
    for name, spec in TABLES.items():
        for smaller, larger in spec.not_more_than:
            assert (sample[name][smaller] <= sample[name][larger]).all(), name
    percent = sample["staff_survey"]["percent"]
    assert percent.between(0, 100).all()
    assert (percent.round(1) == percent).all()
    assert (sample["staff_survey"]["respondents"] > 0).all()


def test_allowed_values(sample: Tables) -> None:
    for name, spec in TABLES.items():
        for column in spec.columns:
            if column.allowed is not None:
                assert sample[name][column.name].isin(column.allowed).all(), (name, column.name)
    workforce = sample["workforce"]
    medical = workforce["staff_group"] == "medical"
    assert not workforce.loc[medical, "band"].isin(AFC_BANDS).any()
    assert workforce.loc[~medical, "band"].isin(AFC_BANDS).all()
    assert sample["staff_survey"]["indicator"].isin([5, 6, 7, 8]).all()
    assert sample["board"]["voting"].dtype == np.bool_


def test_no_org_year_mixes_detailed_groups_and_bme_total(sample: Tables) -> None:
    for name in DATA_TABLES:
        frame = sample[name]
        flags = frame.assign(
            detailed=frame["ethnicity"].isin(DETAILED_BME_GROUPS), total=frame["ethnicity"] == "BME"
        )
        per_org_year = flags.groupby(["org_code", "year"])[["detailed", "total"]].any()
        assert not (per_org_year["detailed"] & per_org_year["total"]).any(), name


def test_most_trusts_give_detailed_groups_and_some_only_a_bme_total(sample: Tables) -> None:
    latest = sample["workforce"].loc[sample["workforce"]["year"] == LATEST]
    total_only = latest.groupby("org_code")["ethnicity"].agg(lambda e: "BME" in set(e))
    assert 0.04 <= total_only.mean() <= 0.2


def test_some_ethnicity_unknown_and_a_few_trusts_worse(sample: Tables) -> None:
    workforce = sample["workforce"]
    unknown = workforce["headcount"].where(workforce["ethnicity"] == "Unknown", 0)
    per_trust = (
        unknown.groupby([workforce["year"], workforce["org_code"]]).sum()
        / workforce.groupby(["year", "org_code"])["headcount"].sum()
    )
    latest = per_trust.loc[LATEST]
    assert 0.02 <= latest.median() <= 0.08
    assert (latest > 0.10).sum() >= 3


# ---- national levels and trends ------------------------------------------------------------------


def test_national_bme_share_rises_from_a_fifth_to_a_third(sample: Tables) -> None:
    share = bme_share(sample["workforce"], ["year"])
    assert 0.18 <= share[2016] <= 0.22
    assert 0.31 <= share[2025] <= 0.35
    assert share.is_monotonic_increasing


def test_indicator_2_is_about_1_5_to_1_6_every_year(sample: Tables) -> None:
    ratio = national_ratio(sample["recruitment"], "appointed", "shortlisted", "White")
    assert ratio.between(1.47, 1.65).all(), ratio


def test_indicator_3_falls_from_about_1_56_to_about_1_12(sample: Tables) -> None:
    ratio = national_ratio(sample["disciplinary"], "entered", "headcount", "BME")
    assert 1.45 <= ratio[2016] <= 1.67
    assert 1.04 <= ratio[2025] <= 1.20
    assert ratio[2016] - ratio[2025] > 0.3


def test_indicator_4_is_near_parity(sample: Tables) -> None:
    ratio = national_ratio(sample["training"], "accessed", "headcount", "White")
    assert ratio.between(0.98, 1.17).all(), ratio


def test_survey_levels_and_gaps(sample: Tables) -> None:
    levels = survey_levels(sample["staff_survey"])
    gap = levels["BME"] - levels["White"]
    for indicator in (5, 6, 8):
        assert (gap.xs(indicator, level="indicator") > 0).all(), indicator
    assert (gap.xs(7, level="indicator") < -8).all()
    mean = levels.groupby(level="indicator").mean()
    bounds = {5: (25, 33), 6: (21, 31), 7: (40, 62), 8: (4, 19)}
    for indicator, (low, high) in bounds.items():
        assert mean.loc[indicator].between(low, high).all(), indicator
    assert 55 <= mean.loc[7, "White"] <= 61
    assert 41 <= mean.loc[7, "BME"] <= 47
    assert 5 <= mean.loc[8, "White"] <= 8
    assert 14 <= mean.loc[8, "BME"] <= 18


def test_bme_share_falls_through_the_bands_and_is_high_among_consultants(
    sample: Tables,
) -> None:
    latest = sample["workforce"].loc[sample["workforce"]["year"] == LATEST]
    afc = latest.loc[latest["staff_group"] != "medical"]
    by_band = bme_share(afc, ["band"])
    overall = bme_share(latest, ["year"])[LATEST]
    senior = bme_share(afc.loc[afc["band"].isin(["Band 8c", "Band 8d", "Band 9"])], ["year"])
    assert by_band["Band 5"] > by_band["Band 8a"] > senior[LATEST]
    assert by_band["Band 5"] > overall
    assert by_band["VSM"] < 0.6 * overall
    assert bme_share(latest, ["band"])["Consultant"] > overall


def test_boards_are_far_less_diverse_than_the_workforce(sample: Tables) -> None:
    board = sample["board"]
    voting = board.loc[board["voting"]]
    board_share = (
        board_bme(voting).groupby(voting["year"]).sum() / voting.groupby("year")["members"].sum()
    )
    assert (board_share < 0.6 * bme_share(sample["workforce"], ["year"])).all()
    latest = board.loc[(board["year"] == LATEST) & (board["role"] == "executive")]
    all_white = board_bme(latest).groupby(latest["org_code"]).sum() == 0
    assert 0.2 <= all_white.mean() <= 0.7


def test_board_sizes_are_realistic(sample: Tables) -> None:
    board = sample["board"]
    sizes = board.groupby(["year", "org_code", "role", "voting"])["members"].sum()
    assert sizes.xs(("executive", True), level=("role", "voting")).between(5, 8).all()
    assert sizes.xs(("executive", False), level=("role", "voting")).between(1, 3).all()
    assert sizes.xs(("non_executive", True), level=("role", "voting")).between(6, 8).all()


def test_trusts_differ_by_more_than_noise(sample: Tables) -> None:
    latest = sample["workforce"].loc[sample["workforce"]["year"] == LATEST]
    share = bme_share(latest, ["org_code"])
    assert share.std() > 0.08
    region = share.index.map(sample["organisations"].set_index("org_code")["region_code"])
    by_region = share.groupby(region).mean()
    assert by_region["Y56"] - by_region["Y58"] > 0.2


# ---- the stories --------------------------------------------------------------------------------


def test_diverse_system_has_no_bme_executives(any_seed: Tables) -> None:
    code = STORY_ORGS["diverse_system_no_bme_executives"]
    orgs = any_seed["organisations"]
    assert sorted(orgs.loc[orgs["icb_code"] == code, "org_code"]) == list(DIVERSE_SYSTEM_TRUSTS)
    population = any_seed["population"]
    latest = population.loc[(population["area_code"] == code) & (population["year"] == STORY_YEAR)]
    share = latest.loc[latest["ethnicity"] != "White", "people"].sum() / latest["people"].sum()
    assert 0.38 <= share <= 0.42
    board = any_seed["board"]
    executives = board.loc[board["org_code"].isin(DIVERSE_SYSTEM_TRUSTS)]
    executives = executives.loc[executives["role"] == "executive"]
    assert set(executives["org_code"]) == set(DIVERSE_SYSTEM_TRUSTS)
    assert board_bme(executives).sum() == 0


def test_several_trusts_never_have_a_bme_executive(any_seed: Tables) -> None:
    board = any_seed["board"]
    executives = board.loc[board["role"] == "executive"]
    bme = board_bme(executives).groupby(executives["org_code"]).sum()
    never = set(bme.index[bme == 0])
    assert len(NO_BME_EXECUTIVE_TRUSTS) >= 5
    assert set(NO_BME_EXECUTIVE_TRUSTS) <= never
    years = executives.groupby("org_code")["year"].nunique()
    assert (years[list(NO_BME_EXECUTIVE_TRUSTS)] == len(YEARS)).all()


def test_all_white_board_with_a_fifth_bme_workforce(any_seed: Tables) -> None:
    code = STORY_ORGS["all_white_board_fifth_bme_workforce"]
    board = any_seed["board"].loc[lambda b: b["org_code"] == code]
    assert board_bme(board).sum() == 0
    assert board.loc[board["ethnicity"] == "White", "members"].sum() > 0
    assert set(board["role"]) == {"executive", "non_executive"}
    workforce = any_seed["workforce"]
    share = bme_share(workforce.loc[workforce["org_code"] == code], ["year"])[STORY_YEAR]
    assert 0.18 <= share <= 0.24


def test_trust_with_about_half_bme_workforce(any_seed: Tables) -> None:
    code = STORY_ORGS["majority_bme_workforce"]
    workforce = any_seed["workforce"]
    share = bme_share(workforce.loc[workforce["org_code"] == code], ["year"])[STORY_YEAR]
    assert 0.49 <= share <= 0.55


def test_tiny_and_zero_event_cells(any_seed: Tables) -> None:
    recruitment = any_seed["recruitment"].set_index(["year", "org_code", "ethnicity"])
    tiny = recruitment.loc[(STORY_YEAR, STORY_ORGS["three_bme_shortlisted_none_appointed"], "BME")]
    assert (tiny["shortlisted"], tiny["appointed"]) == (3, 0)
    disciplinary = any_seed["disciplinary"].set_index(["year", "org_code", "ethnicity"])
    white = disciplinary.loc[
        (STORY_YEAR, STORY_ORGS["no_white_staff_entering_disciplinary"], "White")
    ]
    assert white["entered"] == 0
    assert white["headcount"] > 0


def test_merger(any_seed: Tables) -> None:
    orgs = any_seed["organisations"].set_index("org_code")
    old = [STORY_ORGS["merged_trust_a"], STORY_ORGS["merged_trust_b"]]
    new = STORY_ORGS["merger_successor"]
    assert (orgs.loc[old, "valid_to"] == "2021-03-31").all()
    assert (orgs.loc[old, "successor_code"] == new).all()
    assert orgs.loc[new, "valid_from"] == "2021-04-01"
    assert orgs.loc[new, "valid_to"] == ""
    assert len(set(orgs.loc[[*old, new], "icb_code"])) == 1
    for name in DATA_TABLES:
        years = any_seed[name].groupby("org_code")["year"].agg(["min", "max"])
        assert (years.loc[old, "max"] == 2021).all(), name
        assert years.loc[new, "min"] == 2022, name
    workforce = any_seed["workforce"]
    size = workforce.groupby(["org_code", "year"])["headcount"].sum()
    before = size.loc[old[0], 2021] + size.loc[old[1], 2021]
    assert 0.9 <= size.loc[new, 2022] / before <= 1.15


def test_story_codes_are_listed_in_the_stories_docstring() -> None:
    from wres_lib.data.synthetic import stories

    documented = set(re.findall(r"Z[TQ]\d{2,3}", stories.__doc__ or ""))
    assert {*STORY_ORGS.values(), *NO_BME_EXECUTIVE_TRUSTS} <= documented

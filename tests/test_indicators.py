"""compute_indicators on small hand-worked datasets, and on the bundled sample."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from tests.helpers.indicator_fixtures import dataset, measure, one
from wres_lib import SmallNumberRule, compute_indicators, relative_likelihood
from wres_lib.indicators.compute import CATEGORIES
from wres_lib.indicators.flags import flag_words
from wres_lib.indicators.tidy import COLUMNS, FLAGS

KEY = ["year", "level", "code", "indicator", "measure", "staff_group", "band", "group"]

WORKFORCE = [
    (2024, "T1", "clinical", "Band 5", "White", 80),
    (2024, "T1", "clinical", "Band 5", "Asian", 15),
    (2024, "T1", "clinical", "Band 5", "Black", 5),
    (2024, "T1", "clinical", "Band 5", "Unknown", 5),
    (2024, "T1", "clinical", "Band 8a", "White", 18),
    (2024, "T1", "clinical", "Band 8a", "Asian", 2),
    (2024, "T1", "non_clinical", "Band 2", "White", 40),
    (2024, "T1", "non_clinical", "Band 2", "Mixed", 10),
    (2024, "T1", "medical", "Consultant", "White", 5),
    (2024, "T1", "medical", "Consultant", "Other", 5),
    (2024, "T2", "clinical", "Band 5", "White", 50),
    (2024, "T2", "clinical", "Band 5", "BME", 50),
    (2024, "T2", "clinical", "Band 8a", "White", 9),
    (2024, "T2", "clinical", "Band 8a", "BME", 1),
]
RECRUITMENT = [
    (2024, "T1", "White", 200, 60),
    (2024, "T1", "Asian", 50, 10),
    (2024, "T1", "Black", 50, 5),
    (2024, "T2", "White", 100, 30),
    (2024, "T2", "BME", 100, 0),
    (2024, "T3", "White", 10, 5),
    (2024, "T3", "BME", 8, 2),
    (2024, "T4", "White", 50, 10),
    (2024, "T4", "BME", 50, 10),
    (2024, "T4", "Unknown", 25, 5),
]
DISCIPLINARY = [
    (2023, "T1", "White", 900, 9),
    (2023, "T1", "BME", 800, 8),
    (2024, "T1", "White", 1000, 7),
    (2024, "T1", "BME", 1000, 12),
    (2024, "T2", "White", 500, 5),
    (2024, "T2", "BME", 500, 5),
]
TRAINING = [(2024, "T1", "White", 100, 50), (2024, "T1", "BME", 100, 25)]
SURVEY = [
    (2024, "T1", 5, "White", 200, 25.0),
    (2024, "T1", 5, "Asian", 50, 30.0),
    (2024, "T1", 5, "Black", 50, 40.0),
    (2024, "T1", 7, "White", 200, 60.0),
    (2024, "T1", 7, "Asian", 50, 50.0),
    (2024, "T1", 7, "Black", 50, 40.0),
    (2024, "T2", 5, "White", None, 20.0),
    (2024, "T2", 5, "BME", None, 30.0),
]
BOARD = [
    (2024, "T1", "executive", True, "White", 5),
    (2024, "T1", "executive", True, "BME", 1),
    (2024, "T1", "executive", False, "White", 1),
    (2024, "T1", "non_executive", True, "White", 4),
    (2024, "T1", "non_executive", True, "BME", 2),
    (2024, "T1", "non_executive", True, "Unknown", 1),
]
T1_BME_SHARE = 100 * 37 / 180  # 37 BME and 143 White staff in T1


@pytest.fixture(scope="module")
def small():
    return dataset(
        workforce=WORKFORCE,
        recruitment=RECRUITMENT,
        disciplinary=DISCIPLINARY,
        training=TRAINING,
        staff_survey=SURVEY,
        board=BOARD,
    )


@pytest.fixture(scope="module")
def trusts(small) -> pd.DataFrame:
    return compute_indicators(small, years=2024)


def test_columns_types_and_one_row_per_key(trusts: pd.DataFrame) -> None:
    assert list(trusts.columns) == list(COLUMNS)
    assert trusts["year"].dtype == np.int64
    assert trusts["numerator"].dtype == "Int64"
    assert not trusts.duplicated(KEY).any()
    for column, vocabulary in CATEGORIES.items():
        assert set(trusts[column].dropna()) <= set(vocabulary)
    assert set(trusts["level"]) == {"trust"}
    assert (trusts.loc[trusts["code"] == "T1", "name"] == "Trust T1").all()


def test_no_inf_and_every_flag_from_the_vocabulary(trusts: pd.DataFrame) -> None:
    figures = trusts[["value", "ci_low", "ci_high", "p_value"]].to_numpy()
    assert not np.isinf(figures).any()
    flags = {f for text in trusts["flag"].unique() for f in str(text).split(";") if f}
    assert flags <= set(FLAGS)
    undefined = trusts["flag"].str.contains("undefined")
    assert trusts.loc[undefined, "value"].isna().all()
    assert (trusts.loc[undefined, "note"] != "").all()


def test_indicator_1_shares_ratios_and_unknowns(trusts: pd.DataFrame) -> None:
    t1 = measure(trusts, code="T1", indicator="1")
    whole = one(t1, measure="bme_share", staff_group="all", band="all")
    assert whole["value"] == pytest.approx(T1_BME_SHARE)
    assert (whole["numerator"], whole["denominator"]) == (37, 180)
    low, high = proportion_confint(37, 180, method="wilson")
    assert (whole["ci_low"], whole["ci_high"]) == pytest.approx((100 * low, 100 * high))
    band_5 = one(t1, measure="bme_share", staff_group="clinical", band="Band 5")
    assert band_5["value"] == pytest.approx(20.0)
    asian = one(t1, measure="group_share", staff_group="clinical", band="Band 5", group="Asian")
    assert asian["value"] == pytest.approx(15.0)
    ratio = one(t1, measure="representation_ratio", staff_group="clinical", band="Band 8a")
    assert ratio["value"] == pytest.approx(10.0 / T1_BME_SHARE)
    assert ratio["flag"] == "below_0.80;adverse"
    lower = one(t1, measure="bme_share", staff_group="all", band="lower")
    assert (lower["numerator"], lower["denominator"]) == (30, 150)
    upper = one(t1, measure="bme_share", staff_group="clinical", band="upper")
    assert upper["value"] == pytest.approx(10.0)
    consultant = one(t1, measure="bme_share", staff_group="medical", band="Consultant")
    assert consultant["value"] == pytest.approx(50.0)
    unknown = one(t1, measure="unknown_pct", staff_group="all", band="all")
    assert (unknown["numerator"], unknown["denominator"]) == (5, 185)


def test_detailed_groups_only_where_the_data_has_them(trusts: pd.DataFrame, small) -> None:
    assert len(measure(trusts, code="T1", measure="group_share")) > 0
    assert len(measure(trusts, code="T2", measure="group_share")) == 0
    system = compute_indicators(small, 2024, "icb")
    assert len(measure(system, code="Q1", measure="group_share")) == 0  # T2 gave BME totals
    assert len(measure(system, code="Q1", measure="bme_share")) > 0


def test_small_numbers_are_flagged_with_a_note(trusts: pd.DataFrame) -> None:
    band_8a = one(trusts, code="T2", measure="bme_share", staff_group="clinical", band="Band 8a")
    assert band_8a["flag"] == ""  # 10 staff of known ethnicity: enough
    t3 = one(trusts, code="T3", indicator="2", measure="relative_likelihood")
    assert "small_numbers" in t3["flag"].split(";")
    assert t3["note"] == "fewer than 10 BME shortlisted applicants: too few to report"


def test_the_small_number_rule_is_configurable(small) -> None:
    strict = compute_indicators(small, 2024, rule=SmallNumberRule(min_denominator=200))
    row = one(strict, code="T1", indicator="2", measure="relative_likelihood", group="BME")
    assert "small_numbers" in row["flag"].split(";")
    assert row["note"] == "fewer than 200 BME shortlisted applicants: too few to report"


def test_indicator_2_white_relative_to_bme(trusts: pd.DataFrame) -> None:
    row = one(trusts, code="T1", indicator="2", measure="relative_likelihood", group="BME")
    expected = relative_likelihood(60, 200, 15, 100)
    assert (row["value"], row["ci_low"], row["ci_high"]) == pytest.approx(
        (expected.value, expected.ci_low, expected.ci_high)
    )
    assert row["flag"] == "above_1.25;ci_excludes_1;adverse"
    black = one(trusts, code="T1", indicator="2", measure="relative_likelihood", group="Black")
    assert black["value"] == pytest.approx((60 / 200) / (5 / 50))
    rate = one(trusts, code="T1", indicator="2", measure="rate_pct", group="White")
    assert (rate["value"], rate["numerator"], rate["denominator"]) == (30.0, 60, 200)


def test_indicator_2_undefined_when_no_bme_applicant_was_appointed(trusts: pd.DataFrame) -> None:
    row = one(trusts, code="T2", indicator="2", measure="relative_likelihood")
    assert np.isnan(row["value"]) and np.isnan(row["ci_low"])
    assert row["flag"] == "undefined;few_events"  # no BME appointment: none to rank on
    assert row["note"] == (
        "no BME shortlisted applicants were appointed, so the relative likelihood cannot be "
        "calculated"
    )


def test_indicator_3_bme_relative_to_white_and_two_year_figure(trusts: pd.DataFrame) -> None:
    row = one(trusts, code="T1", indicator="3", measure="relative_likelihood")
    assert row["value"] == pytest.approx((12 / 1000) / (7 / 1000))
    rolling = one(trusts, code="T1", indicator="3", measure="relative_likelihood_2yr")
    assert rolling["value"] == pytest.approx((20 / 1800) / (16 / 1900))
    assert rolling["year"] == 2024
    assert len(measure(trusts, code="T2", measure="relative_likelihood_2yr")) == 0  # one year


def test_indicator_4_white_relative_to_bme(trusts: pd.DataFrame) -> None:
    row = one(trusts, code="T1", indicator="4", measure="relative_likelihood")
    assert row["value"] == pytest.approx(2.0)


def test_unknown_share_of_applicants(trusts: pd.DataFrame) -> None:
    row = one(trusts, code="T4", indicator="2", measure="unknown_pct")
    assert (row["value"], row["numerator"], row["denominator"]) == (20.0, 25, 125)


def test_survey_percentages_gap_and_test(trusts: pd.DataFrame) -> None:
    t1 = measure(trusts, code="T1", indicator="5")
    white, bme = one(t1, measure="pct_white"), one(t1, measure="pct_bme")
    assert (white["value"], bme["value"]) == (25.0, 35.0)
    assert (bme["numerator"], bme["denominator"]) == (35, 100)  # combined from Asian and Black
    low, high = proportion_confint(35, 100, method="wilson")
    assert (bme["ci_low"], bme["ci_high"]) == pytest.approx((100 * low, 100 * high))
    gap = one(t1, measure="gap_points", group="BME")
    assert gap["value"] == pytest.approx(10.0)
    assert gap["p_value"] == pytest.approx(proportions_ztest([35, 50], [100, 200])[1])
    assert "adverse" in gap["flag"].split(";")
    black = one(t1, measure="gap_points", group="Black")
    assert black["value"] == pytest.approx(15.0)


def test_indicator_7_is_adverse_when_bme_is_lower(trusts: pd.DataFrame) -> None:
    gap = one(trusts, code="T1", indicator="7", measure="gap_points", group="BME")
    assert gap["value"] == pytest.approx(45.0 - 60.0)
    assert "adverse" in gap["flag"].split(";")


def test_survey_without_respondents_has_no_interval_or_test(trusts: pd.DataFrame) -> None:
    t2 = measure(trusts, code="T2", indicator="5")
    bme = one(t2, measure="pct_bme")
    assert bme["value"] == 30.0 and np.isnan(bme["ci_low"]) and pd.isna(bme["numerator"])
    assert bme["flag"] == "no_interval"
    assert bme["note"] == "respondent numbers not given, so no interval or test"
    gap = one(t2, measure="gap_points")
    assert gap["value"] == pytest.approx(10.0) and np.isnan(gap["p_value"])


def test_survey_aggregates_leave_out_organisations_without_respondents(small) -> None:
    system = compute_indicators(small, 2024, "icb")
    white = one(system, code="Q1", indicator="5", measure="pct_white")
    assert (white["value"], white["denominator"]) == (25.0, 200)  # T1 only
    assert white["note"] == "1 of 2 organisations left out: no respondent numbers"


def test_indicator_9_board_against_workforce(trusts: pd.DataFrame) -> None:
    t1 = measure(trusts, code="T1", indicator="9")
    board = one(t1, measure="board_bme_pct")
    assert (board["numerator"], board["denominator"]) == (3, 12)
    gap = one(t1, measure="board_gap_points")
    assert gap["value"] == pytest.approx(25.0 - T1_BME_SHARE)
    assert gap["flag"] == ""
    executive = one(t1, measure="executive_gap_points")
    assert executive["value"] == pytest.approx(100 / 7 - T1_BME_SHARE)
    assert executive["flag"] == "adverse"
    assert (executive["numerator"], executive["denominator"]) == (1, 7)  # voting or not
    non_executive = one(t1, measure="non_executive_bme_pct")
    assert non_executive["value"] == pytest.approx(100 * 2 / 6)
    unknown = one(t1, measure="unknown_pct")
    assert (unknown["numerator"], unknown["denominator"]) == (1, 13)


def test_disparity_ratios_name_no_bottleneck(trusts: pd.DataFrame) -> None:
    t1 = measure(trusts, code="T1", indicator="disparity", staff_group="all")
    upper = one(t1, measure="lower_to_upper")
    assert upper["value"] == pytest.approx((18 / 120) / (2 / 30))
    assert "bottleneck" not in set(trusts["measure"].astype(str))
    middle = one(t1, measure="lower_to_middle")
    assert middle["flag"] == "undefined;few_events"
    assert middle["note"].endswith("so the ratio cannot be calculated")


def test_aggregates_sum_counts_and_do_not_average_ratios(small, trusts) -> None:
    nation = compute_indicators(small, 2024, "national")
    row = one(nation, indicator="2", measure="relative_likelihood", group="BME")
    assert (row["code"], row["name"], row["level"]) == ("ENG", "England", "national")
    white, bme = (60 + 30 + 5 + 10, 200 + 100 + 10 + 50), (15 + 0 + 2 + 10, 100 + 100 + 8 + 50)
    expected = relative_likelihood(*white, *bme)
    assert row["value"] == pytest.approx(expected.value)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((expected.ci_low, expected.ci_high))
    trust_ratios = measure(trusts, indicator="2", measure="relative_likelihood", group="BME")
    assert row["value"] != pytest.approx(trust_ratios["value"].mean())
    region = compute_indicators(small, 2024, "region")
    assert set(region["code"]) == {"Y56", "Y59"}
    assert set(region["name"]) == {"London", "South East"}


def test_years_and_levels_are_checked(small) -> None:
    both = compute_indicators(small, years=[2023, 2024])
    assert set(both["year"]) == {2023, 2024}
    assert set(compute_indicators(small)["year"]) == {2023, 2024}
    assert set(compute_indicators(small, np.int64(2023))["year"]) == {2023}
    with pytest.raises(ValueError, match="years: 2031 is not a year of the dataset"):
        compute_indicators(small, years=2031)
    with pytest.raises(ValueError, match="level must be one of trust, icb, region, national"):
        compute_indicators(small, level="ics")
    with pytest.raises(ValueError, match="conf must be a number between 0 and 1"):
        compute_indicators(small, conf=95)


def test_a_dataset_with_only_recruitment_data() -> None:
    only = compute_indicators(dataset(recruitment=RECRUITMENT))
    assert set(only["indicator"]) == {"2"}


@st.composite
def recruitment_tables(draw: st.DrawFn) -> list[tuple]:
    rows = []
    for code in ("T1", "T2", "T3", "T4"):
        for ethnicity in ("White", "BME"):
            shortlisted = draw(st.integers(1, 500))
            rows.append((2024, code, ethnicity, shortlisted, draw(st.integers(1, shortlisted))))
    return rows


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=recruitment_tables())
def test_summing_trust_counts_reproduces_the_national_figure(rows: list[tuple]) -> None:
    data = dataset(recruitment=rows)
    nation = compute_indicators(data, level="national")
    trusts = compute_indicators(data, level="trust")
    counts = measure(trusts, indicator="2", measure="rate_pct")
    totals = counts.groupby("group", observed=True)[["numerator", "denominator"]].sum()
    expected = relative_likelihood(
        int(totals.loc["White", "numerator"]),
        int(totals.loc["White", "denominator"]),
        int(totals.loc["BME", "numerator"]),
        int(totals.loc["BME", "denominator"]),
    )
    row = one(nation, indicator="2", measure="relative_likelihood")
    assert row["value"] == pytest.approx(expected.value, rel=1e-12)
    assert row["ci_low"] == pytest.approx(expected.ci_low, rel=1e-9)


@pytest.fixture(scope="module")
def sample(sample_dataset):
    return sample_dataset


@pytest.mark.parametrize("level", ["trust", "icb", "region", "national"])
def test_the_sample_at_every_level(sample, level: str) -> None:
    table = compute_indicators(sample, level=level)
    assert not table.duplicated(KEY).any()
    assert not np.isinf(table[["value", "ci_low", "ci_high", "p_value"]].to_numpy()).any()
    undefined = table["flag"].str.contains("undefined")
    assert (table.loc[undefined, "note"] != "").all()
    assert set(table["year"]) == set(sample.years)


def test_sample_national_figure_is_the_sum_of_trust_counts(sample) -> None:
    year = max(sample.years)
    nation = compute_indicators(sample, year, "national")
    trusts = compute_indicators(sample, year, "trust")
    rates = measure(trusts, indicator="3", measure="rate_pct")
    totals = rates.groupby("group", observed=True)[["numerator", "denominator"]].sum()
    bme, white = totals.loc["BME"], totals.loc["White"]
    expected = relative_likelihood(*map(int, (*bme, *white)))
    row = one(nation, indicator="3", measure="relative_likelihood", group="BME")
    assert row["value"] == pytest.approx(expected.value, rel=1e-12)
    assert math.isfinite(row["ci_low"])


def test_a_ratio_on_few_events_is_flagged_and_never_significant_in_words(small) -> None:
    # T1: 15 BME appointments. Below a floor of 16 the ratio is kept but may not be ranked.
    default = compute_indicators(small, 2024)
    row = one(default, code="T1", indicator="2", measure="relative_likelihood", group="BME")
    assert "few_events" not in row["flag"].split(";")
    strict = compute_indicators(small, 2024, rule=SmallNumberRule(min_events=16))
    row = one(strict, code="T1", indicator="2", measure="relative_likelihood", group="BME")
    assert row["flag"].split(";") == ["few_events", "above_1.25", "ci_excludes_1", "adverse"]
    assert row["note"] == "fewer than 16 shortlisted applicants in a group were appointed: " + (
        "too few events to rank"
    )
    assert flag_words(row["flag"]) == "too few events to rank; above 1.25"


def test_bme_share_of_all_staff_keeps_unknown_in_the_denominator(trusts: pd.DataFrame) -> None:
    rows = pd.DataFrame(WORKFORCE, columns=["year", "code", "staff_group", "band", "eth", "n"])
    mine = rows[rows["code"] == "T1"]
    bme = mine.loc[~mine["eth"].isin(["White", "Unknown"]), "n"].sum()
    everyone = mine["n"].sum()
    whole = {"indicator": "1", "band": "all", "staff_group": "all"}
    row = one(trusts, code="T1", measure="bme_share_all", **whole)
    low, high = proportion_confint(bme, everyone, method="wilson")
    assert (row["numerator"], row["denominator"]) == (bme, everyone)
    assert (row["value"], row["ci_low"], row["ci_high"]) == pytest.approx(
        (100 * bme / everyone, 100 * low, 100 * high)
    )
    known = one(trusts, code="T1", measure="bme_share", **whole)
    assert known["denominator"] == everyone - mine.loc[mine["eth"] == "Unknown", "n"].sum()
    assert known["value"] > row["value"]

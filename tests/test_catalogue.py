"""The indicator catalogue and the flag vocabulary agree with what compute_indicators produces.

Checked on the bundled sample: every measure of an indicator in the tidy table is in its
catalogue record and every measure of a record is in the table; the adverse side the catalogue
gives is the side the ``adverse`` flag marks; the tidy table's category orders are unchanged.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wres_lib import compute_indicators, load_dataset
from wres_lib.data import schema
from wres_lib.indicators.catalogue import (
    CATALOGUE,
    LIKELIHOOD_INDICATORS,
    PERCENT_MEASURES,
    SURVEY_INDICATORS,
    indicator,
)
from wres_lib.indicators.compute import CATEGORIES
from wres_lib.indicators.flags import ADVERSE, FLAGS, SEPARATOR
from wres_lib.render.manifest import LEVELS as BUILD_ORDER
from wres_lib.tables.registry import ORGANISATION_LEVELS

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"

# The category orders of the tidy table: users sort and filter by them, so they change only by
# adding (a new measure joins its indicator's, after the existing ones: bme_share_all, the
# published share of all staff, follows bme_share; the disparity family's "bottleneck" measure
# gave way to the progression ladder).
MEASURE_ORDER = (
    "bme_share", "bme_share_all", "group_share", "representation_ratio", "unknown_pct", "rate_pct",
    "relative_likelihood", "relative_likelihood_2yr", "pct_white", "pct_bme", "pct_group",
    "gap_points", "board_bme_pct", "executive_bme_pct", "non_executive_bme_pct",
    "board_gap_points", "executive_gap_points", "non_executive_gap_points",
    "lower_to_middle", "middle_to_upper", "lower_to_upper", "step_ratio", "step_white_odds",
)  # fmt: skip
INDICATOR_ORDER = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "disparity", "progression")


@pytest.fixture(scope="module")
def sample_indicators() -> pd.DataFrame:
    dataset = load_dataset(SAMPLE)
    frames = [compute_indicators(dataset, level=level) for level in ("trust", "national")]
    return pd.concat([f.astype({"indicator": str, "measure": str}) for f in frames])


def test_tidy_table_category_order_is_unchanged() -> None:
    assert CATEGORIES["measure"] == MEASURE_ORDER
    assert CATEGORIES["indicator"] == INDICATOR_ORDER


def test_each_indicator_gives_exactly_the_measures_of_its_record(
    sample_indicators: pd.DataFrame,
) -> None:
    given = sample_indicators.groupby("indicator")["measure"].unique()
    assert set(given.index) == {record.number for record in CATALOGUE}
    for record in CATALOGUE:
        assert set(given[record.number]) == set(record.measures), record.number
        assert record.headline_measure in record.measures


def test_the_adverse_flag_marks_the_side_the_catalogue_names(
    sample_indicators: pd.DataFrame,
) -> None:
    tests = {
        "above_parity": lambda value: value > 1,
        "bme_higher": lambda value: value > 0,
        "bme_lower": lambda value: value < 0,
        "below_workforce": lambda value: value < 0,
    }
    for record in CATALOGUE:
        rows = sample_indicators[
            (sample_indicators["indicator"] == record.number)
            & (sample_indicators["measure"] == record.headline_measure)
        ]
        marked = rows["flag"].astype(str).str.split(SEPARATOR).map(lambda f: ADVERSE in f)
        if record.adverse == "none":
            assert not marked.any(), record.number
            continue
        expected = tests[record.adverse](rows["value"].to_numpy(dtype=float))
        assert expected.any() and not expected.all(), f"{record.number}: a one-sided sample"
        assert (marked.to_numpy() == expected).all(), record.number


def test_percent_measures_are_their_counts_as_percentages(
    sample_indicators: pd.DataFrame,
) -> None:
    rows = sample_indicators[sample_indicators["measure"].isin(PERCENT_MEASURES)]
    assert set(rows["measure"]) == set(PERCENT_MEASURES)
    numerator = rows["numerator"].to_numpy(dtype=float, na_value=np.nan)
    denominator = rows["denominator"].to_numpy(dtype=float, na_value=np.nan)
    counted = denominator > 0
    assert counted.mean() > 0.9
    value = rows["value"].to_numpy(dtype=float)[counted]
    # Survey percentages are published figures; their counts are rounded from them.
    assert np.allclose(value, 100 * numerator[counted] / denominator[counted], atol=0.5)


def test_every_flag_of_the_table_is_in_the_vocabulary(sample_indicators: pd.DataFrame) -> None:
    seen = {f for text in sample_indicators["flag"].astype(str).unique() for f in text.split(";")}
    assert seen - {""} <= set(FLAGS)
    assert {"small_numbers", "undefined", "adverse", "significant"} <= seen


def test_likelihood_records_count_from_their_own_tables() -> None:
    assert [i.number for i in LIKELIHOOD_INDICATORS] == ["2", "3", "4"]
    for record in LIKELIHOOD_INDICATORS:
        assert record.likelihood is not None
        assert record.tables == (record.likelihood.table,)
        assert record.slug
    assert indicator(3).likelihood.white_first is False  # BME relative to White
    assert "relative_likelihood_2yr" in indicator("3").measures


def test_survey_records_are_the_survey_indicators_of_the_data() -> None:
    assert tuple(int(i.number) for i in SURVEY_INDICATORS) == schema.SURVEY_INDICATORS
    assert all(record.tables == ("staff_survey",) for record in SURVEY_INDICATORS)


def test_the_level_vocabulary_is_defined_once() -> None:
    assert schema.LEVELS == ("trust", "icb", "region", "national")
    assert BUILD_ORDER == ("national", "region", "icb", "trust")
    assert ORGANISATION_LEVELS == ("trust", "icb", "region")


def test_an_unknown_indicator_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known: 1, 2"):
        indicator(10)

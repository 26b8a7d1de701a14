"""Racial disparity ratios: Woolf intervals against statsmodels, bottlenecks, band groups."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.contingency_tables import Table2x2

from wres_lib import BandGroups, racial_disparity_ratios
from wres_lib.indicators.disparity_ratios import RATIOS

LOWER, MIDDLE, UPPER = "Band 3", "Band 6", "Band 8a"


def headcounts(white: tuple[int, int, int], bme: tuple[int, int, int], **keys) -> pd.DataFrame:
    """Rows for one unit: White and BME headcounts in a lower, middle and upper band."""
    rows = [
        (band, ethnicity, count)
        for ethnicity, counts in (("White", white), ("BME", bme))
        for band, count in zip((LOWER, MIDDLE, UPPER), counts, strict=True)
    ]
    return pd.DataFrame(rows, columns=["band", "ethnicity", "headcount"]).assign(**keys)


def test_ratios_and_woolf_intervals_agree_with_statsmodels() -> None:
    rng = np.random.default_rng(11)
    units = [
        headcounts(tuple(rng.integers(1, 900, 3)), tuple(rng.integers(1, 900, 3)), unit=i)
        for i in range(150)
    ]
    frame = pd.concat(units, ignore_index=True)
    result = racial_disparity_ratios(frame, conf=0.9).set_index("unit")
    for i, unit in enumerate(units):
        count = unit.set_index(["ethnicity", "band"])["headcount"]
        band = {"lower": LOWER, "middle": MIDDLE, "upper": UPPER}
        for ratio, (lo, hi) in RATIOS.items():
            cells = [
                [count["White", band[hi]], count["White", band[lo]]],
                [count["BME", band[hi]], count["BME", band[lo]]],
            ]
            expected = Table2x2(np.array(cells))
            assert result.loc[i, ratio] == pytest.approx(expected.oddsratio, rel=1e-12)
            interval = (result.loc[i, f"{ratio}_ci_low"], result.loc[i, f"{ratio}_ci_high"])
            assert interval == pytest.approx(expected.oddsratio_confint(alpha=0.1), rel=1e-9)


def test_formulas_of_design_md() -> None:
    result = racial_disparity_ratios(headcounts((200, 100, 50), (100, 20, 5))).iloc[0]
    assert result["lower_to_middle"] == pytest.approx((100 / 200) / (20 / 100))
    assert result["middle_to_upper"] == pytest.approx((50 / 100) / (5 / 20))
    assert result["lower_to_upper"] == pytest.approx((50 / 200) / (5 / 100))
    assert result["lower_to_upper"] == pytest.approx(
        result["lower_to_middle"] * result["middle_to_upper"]
    )
    assert "bottleneck" not in result.index  # the product of the two steps locates nothing
    assert result[["white_lower", "bme_upper"]].tolist() == [200, 5]


def test_detailed_groups_count_as_bme_and_unknown_and_medical_grades_are_left_out() -> None:
    detailed = pd.DataFrame(
        [
            (LOWER, "White", 100),
            (MIDDLE, "White", 50),
            (UPPER, "White", 20),
            (LOWER, "Asian", 60),
            (LOWER, "Black", 40),
            (MIDDLE, "Mixed", 20),
            (UPPER, "Other", 4),
            (UPPER, "Unknown", 500),
            ("Consultant", "White", 900),
        ],
        columns=["band", "ethnicity", "headcount"],
    )
    total = headcounts((100, 50, 20), (100, 20, 4))
    ratio_columns = list(RATIOS)
    assert racial_disparity_ratios(detailed)[ratio_columns].equals(
        racial_disparity_ratios(total)[ratio_columns]
    )


def test_one_row_per_unit_and_by_defaults_to_the_other_columns() -> None:
    frame = pd.concat(
        [
            headcounts((10, 10, 10), (10, 10, 10), year=2024, org_code="A"),
            headcounts((20, 10, 5), (20, 5, 1), year=2024, org_code="B"),
            headcounts((20, 10, 5), (20, 5, 1), year=2025, org_code="A"),
        ],
        ignore_index=True,
    )
    result = racial_disparity_ratios(frame)
    assert result[["year", "org_code"]].values.tolist() == [[2024, "A"], [2024, "B"], [2025, "A"]]
    assert result["lower_to_middle"].tolist() == pytest.approx([1.0, 2.0, 2.0])
    whole = racial_disparity_ratios(frame, by=[])
    assert len(whole) == 1
    assert whole.loc[0, "white_lower"] == 50


def test_an_undefined_ratio_says_why() -> None:
    no_bme_upper = racial_disparity_ratios(headcounts((100, 50, 20), (100, 10, 0))).iloc[0]
    assert np.isnan(no_bme_upper["middle_to_upper"])
    assert no_bme_upper["lower_to_middle"] == pytest.approx(5.0)
    assert no_bme_upper["middle_to_upper_note"] == (
        "no BME staff in the upper bands, so the ratio cannot be calculated"
    )


def test_a_zero_in_the_numerator_gives_zero_without_an_interval() -> None:
    result = racial_disparity_ratios(headcounts((100, 0, 20), (100, 10, 5))).iloc[0]
    assert result["lower_to_middle"] == 0.0
    assert np.isnan(result["lower_to_middle_ci_low"])
    assert result["lower_to_middle_note"] == (
        "no White staff in the middle bands, so it has no interval"
    )


def test_no_ratio_is_defined_without_white_staff() -> None:
    result = racial_disparity_ratios(headcounts((0, 0, 0), (10, 10, 10))).iloc[0]
    assert np.isnan(result[list(RATIOS)].astype(float)).all()
    assert result["lower_to_upper_note"] == (
        "no White staff in the upper bands and no White staff in the lower bands, "
        "so the ratio cannot be calculated"
    )


def test_band_groups_are_configurable() -> None:
    frame = headcounts((100, 50, 20), (100, 20, 4))
    groups = BandGroups(lower=(LOWER, MIDDLE), middle=("Band 7",), upper=(UPPER,))
    result = racial_disparity_ratios(frame, band_groups=groups).iloc[0]
    assert result["white_lower"] == 150 and result["bme_lower"] == 120
    assert result["lower_to_upper"] == pytest.approx((20 / 150) / (4 / 120))


def test_default_band_groups_follow_design_md() -> None:
    groups = BandGroups()
    assert groups.lower == ("Band 1", "Band 2", "Band 3", "Band 4", "Band 5")
    assert groups.middle == ("Band 6", "Band 7")
    assert groups.upper == ("Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9", "VSM")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lower": ()}, "lower must be a non-empty tuple of bands"),
        ({"middle": "Band 6"}, "middle must be a non-empty tuple of bands"),
        ({"upper": ("Band 10",)}, "upper has unknown bands: Band 10"),
        ({"middle": ("Band 5", "Band 6")}, "middle repeats bands: Band 5"),
    ],
)
def test_bad_band_groups_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        BandGroups(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.drop(columns="headcount"), "headcounts lacks column"),
        (lambda f: f.assign(headcount=-1), "headcount must hold non-negative whole numbers"),
        (lambda f: f.assign(headcount=1.5), "headcount must hold non-negative whole numbers"),
        (lambda f: f.assign(ethnicity="Chinese"), "ethnicity has values outside"),
    ],
)
def test_bad_headcounts_are_refused(change, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        racial_disparity_ratios(change(headcounts((1, 1, 1), (1, 1, 1))))


def test_by_must_name_key_columns() -> None:
    with pytest.raises(ValueError, match="by names columns"):
        racial_disparity_ratios(headcounts((1, 1, 1), (1, 1, 1)), by=["org_code"])
    with pytest.raises(ValueError, match="headcounts must be a DataFrame"):
        racial_disparity_ratios([1, 2, 3])  # type: ignore[arg-type]

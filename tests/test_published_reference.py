"""data/published/national.csv: figures NHS England has published, each with its source, and the
bundled synthetic NHS held near them; a real dataset's national briefing sets its figures beside
them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.helpers.paths import REPO, SAMPLE
from wres_lib.analysis.context import load_context
from wres_lib.analysis.reference import (
    PublishedFiguresError,
    compare,
    our_figure,
    read_published,
)
from wres_lib.briefings.national import published_table
from wres_lib.indicators.aggregate import NATIONAL_CODE

PUBLISHED = REPO / "data" / "published" / "national.csv"


@pytest.fixture(scope="module")
def published() -> pd.DataFrame:
    return read_published(PUBLISHED)


@pytest.fixture(scope="module")
def national_rows() -> pd.DataFrame:
    return load_context(SAMPLE).slice("national", NATIONAL_CODE)


def test_every_published_figure_has_a_year_value_and_source(published: pd.DataFrame) -> None:
    assert len(published) >= 15
    assert published["source"].str.len().min() > 10
    assert set(published["indicator"]) >= {"1", "2", "3"}
    indicator_2 = published[published["indicator"] == "2"].set_index("year")["value"]
    assert indicator_2.to_dict() == {2016: 1.57, 2018: 1.45, 2020: 1.61, 2022: 1.54}


# How near the synthetic NHS must stay to the published national figures. The generator draws
# counts for about 210 fictional trusts around smooth national trends, so it follows the level
# and direction of the published series, not each year's swing: NHS England's indicator 3 fell
# from 1.56 (2016) to 1.24 (2018), then rose again; a smooth decline misses 2018 by about 0.17.
# Levels: the BME share of all staff within 1 percentage point, indicator 2 within 0.10,
# indicator 3 within 0.20, survey percentages (indicators 5 and 7) within 2 points. Trends: the
# change between the first and the last published year within 1.5 points (indicator 1), 0.10
# (indicator 2) and 0.15 (indicator 3), in the same direction where the published change is
# larger than that tolerance.
LEVEL_TOLERANCE = {"1": 1.0, "2": 0.10, "3": 0.20, "5": 2.0, "7": 2.0}
TREND_TOLERANCE = {"1": 1.5, "2": 0.10, "3": 0.15}


def test_synthetic_nhs_stays_near_the_published_levels(
    published: pd.DataFrame, national_rows: pd.DataFrame
) -> None:
    """See LEVEL_TOLERANCE above for the tolerance of each indicator and why."""
    compared = compare(national_rows, published)
    assert compared["ours"].notna().all()
    far = compared[compared["difference"].abs() > compared["indicator"].map(LEVEL_TOLERANCE)]
    assert far.empty, far.drop(columns="source").to_string()


@pytest.mark.parametrize("indicator", sorted(TREND_TOLERANCE))
def test_synthetic_nhs_follows_the_published_trends(
    published: pd.DataFrame, national_rows: pd.DataFrame, indicator: str
) -> None:
    """See TREND_TOLERANCE above."""
    series = published[published["indicator"] == indicator].sort_values("year")
    first, last = series.iloc[0], series.iloc[-1]
    theirs = last["value"] - first["value"]
    ours = our_figure(national_rows, indicator, last["measure"], last["year"]) - our_figure(
        national_rows, indicator, first["measure"], first["year"]
    )
    assert abs(ours - theirs) <= TREND_TOLERANCE[indicator], (theirs, ours)
    if abs(theirs) > TREND_TOLERANCE[indicator]:
        assert (ours > 0) == (theirs > 0)


def test_share_of_all_staff_counts_unknown_in_the_total(national_rows: pd.DataFrame) -> None:
    """Independent check from the workforce table: every group but White and Unknown (the
    detailed groups, and "BME" where a trust gives no detail) over all staff."""
    workforce = pd.read_csv(SAMPLE / "workforce.csv")
    year = workforce[workforce["year"] == 2022]
    counts = year.groupby("ethnicity")["headcount"].sum()
    expected = 100 * counts.drop(["White", "Unknown"]).sum() / counts.sum()
    assert our_figure(national_rows, "1", "bme_share_all_staff", 2022) == pytest.approx(expected)


def test_a_difference_beyond_rounding_is_named(tmp_path: Path) -> None:
    csv = tmp_path / "national.csv"
    csv.write_text(
        "year,indicator,measure,value,source\n"
        "2022,2,relative_likelihood,1.54,Report A\n"
        "2022,3,relative_likelihood,1.14,Report B\n"
    )
    published = read_published(csv)
    rows = pd.DataFrame(
        {
            "year": [2022, 2022],
            "indicator": ["2", "3"],
            "measure": ["relative_likelihood"] * 2,
            "staff_group": ["all"] * 2,
            "band": ["all"] * 2,
            "group": ["BME"] * 2,
            "value": [1.5449, 1.20],  # rounds to 1.54; 1.20 is beyond rounding of 1.14
        }
        | {c: [None, None] for c in ("ci_low", "ci_high", "numerator", "denominator")}
        | {"p_value": [None, None], "flag": ["", ""], "note": ["", ""]}
    )
    compared = compare(rows, published)
    assert list(compared["beyond_rounding"]) == [False, True]
    html = published_table(compared)
    assert "1 of the 2 figures differ from the published ones by more than rounding" in html
    assert "Entering disciplinary, BME vs White in 2022 (1.20 against 1.14)" in html
    assert "Report A" in html and "<th" in html


def test_a_bad_published_file_is_a_clear_error(tmp_path: Path) -> None:
    csv = tmp_path / "national.csv"
    csv.write_text("year,indicator,measure,value,source\n2022,2,relative_likelihood,high,X\n")
    with pytest.raises(PublishedFiguresError, match=r"national.csv, row 2: expected a number"):
        read_published(csv)


def test_the_national_briefing_compares_real_data_and_says_the_sample_is_synthetic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wres_lib.analysis.context import BriefingContext
    from wres_lib.briefings import national

    briefing = national.build(SAMPLE, 2025)
    assert "The sample is synthetic" in briefing.published_figures()
    monkeypatch.setattr(BriefingContext, "synthetic", property(lambda self: False))
    monkeypatch.chdir(REPO)
    real = briefing.published_figures()
    assert "National figures beside those NHS England has published" in real
    assert "Appointment from shortlisting, White vs BME (2)" in real
    assert "differ from the published ones by more than rounding" in real

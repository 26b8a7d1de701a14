"""`wres indicators` writes every level's table, labelled with its provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.helpers.paths import SAMPLE
from wres_lib.cli import main

pytestmark = pytest.mark.slow  # runs `wres indicators` on the whole sample


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("outputs")
    result = CliRunner().invoke(main, ["indicators", "--data", str(SAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "2025" / "tables"


def test_every_level_is_written_and_labelled_synthetic(tables: Path) -> None:
    for level in ("trust", "icb", "region", "national"):
        frame = pd.read_csv(tables / f"indicators_{level}.csv")
        assert set(frame["level"]) == {level}
        assert set(frame["year"]) == {2025}
        assert frame["synthetic"].all() and set(frame["dataset"]) == {"wres-sample"}
    facts = json.loads((tables / "provenance.json").read_text())
    assert facts["synthetic"] is True and "SYNTHETIC" in facts["data_label"]


def test_national_indicator_2_is_the_ratio_of_summed_counts(tables: Path) -> None:
    frame = pd.read_csv(tables / "indicators_national.csv")
    row = frame[(frame["indicator"] == "2") & (frame["measure"] == "relative_likelihood")
                & (frame["group"] == "BME")]  # fmt: skip
    recruitment = pd.read_csv(SAMPLE / "recruitment.csv").query("year == 2025")
    white = recruitment[recruitment["ethnicity"] == "White"][["appointed", "shortlisted"]].sum()
    bme = recruitment[~recruitment["ethnicity"].isin(["White", "Unknown"])]
    bme = bme[["appointed", "shortlisted"]].sum()
    expected = (white.appointed / white.shortlisted) / (bme.appointed / bme.shortlisted)
    assert row["value"].item() == pytest.approx(expected, rel=1e-12)


def test_a_year_outside_the_data_is_refused(tmp_path: Path) -> None:
    args = ["indicators", "--data", str(SAMPLE), "--out", str(tmp_path), "--year", "1999"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "1999 is not in the data" in result.output
    assert not any(tmp_path.iterdir())


def test_a_build_writes_the_same_tables_from_the_indicators_it_computed(
    tables: Path, tmp_path: Path, sample_context
) -> None:
    """``wres build`` writes the tables from its context's indicators (every level and year)
    rather than computing them again: the bytes are those ``wres indicators`` writes."""
    from wres_lib.indicators.output import write_indicator_tables

    computed = sample_context.indicators
    written = write_indicator_tables(sample_context.dataset, tmp_path, 2025, computed)
    assert {path.name for path in written} == {path.name for path in tables.iterdir()}
    for path in written:
        assert path.read_bytes() == (tables / path.name).read_bytes(), path.name

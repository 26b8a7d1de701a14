"""National figures NHS England has published, set beside the same figures from a dataset.

``data/published/national.csv`` holds each published figure with its data year, indicator,
measure, value and source. NHS England publishes the BME share of *all* staff (Unknown in the
denominator: measure ``bme_share_all_staff``), where indicator 1's ``bme_share`` leaves Unknown
out; the comparison computes the published convention from the counts. A figure differs "by
more than rounding" when ours, rounded to the published figure's decimal places, is not it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from wres_lib.analysis.figures import figure
from wres_lib.data.location import find_data_dir
from wres_lib.data.schema import UNKNOWN
from wres_lib.errors import WresError

PUBLISHED_DIR = "data/published"
PUBLISHED_FILE = "national.csv"
COLUMNS = ("year", "indicator", "measure", "value", "source")
ALL_STAFF_SHARE = "bme_share_all_staff"


class PublishedFiguresError(WresError):
    """The published figures file is missing or not as described in this module."""


def published_path(start: str | Path | None = None) -> Path:
    """``data/published/national.csv`` in the current folder or the first folder above it."""
    try:
        return find_data_dir(PUBLISHED_DIR, start) / PUBLISHED_FILE
    except WresError as error:
        raise PublishedFiguresError(
            f"{PUBLISHED_DIR}/{PUBLISHED_FILE}: not found ({error})"
        ) from error


def read_published(path: Path) -> pd.DataFrame:
    """The published figures: year and decimals (int), indicator, measure, value, source."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise PublishedFiguresError(f"{path}: cannot be read ({error})") from error
    records = []
    for number, row in enumerate(rows, start=2):
        if tuple(row) != COLUMNS or not all(row.values()):
            raise PublishedFiguresError(
                f"{path}, row {number}: expected {', '.join(COLUMNS)}, all given"
            )
        try:
            value, year = float(row["value"]), int(row["year"])
        except ValueError as error:
            raise PublishedFiguresError(
                f"{path}, row {number}: expected a number ({error})"
            ) from error
        decimals = len(row["value"].partition(".")[2])
        records.append(row | {"year": year, "value": value, "decimals": decimals})
    return pd.DataFrame.from_records(records, columns=[*COLUMNS, "decimals"])


def our_figure(rows: pd.DataFrame, indicator: str, measure: str, year: int) -> float | None:
    """The dataset's national figure in the published convention (see the module docstring)."""
    if measure != ALL_STAFF_SHARE:
        return figure(rows, indicator, measure, year).value
    share = figure(rows, "1", "bme_share", year)
    total = figure(rows, "1", "unknown_pct", year, group=UNKNOWN).denominator
    if share.numerator is None or not total:
        return None
    return 100 * share.numerator / total


def compare(rows: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Each published figure beside the dataset's (``ours``, None when it has none), their
    difference, and whether it is more than rounding."""
    ours = [our_figure(rows, str(p.indicator), p.measure, p.year) for p in published.itertuples()]
    compared = published.assign(ours=ours)
    difference = compared["ours"].astype(float) - compared["value"]
    rounded = [
        None if o is None else round(o, d) != round(v, d)
        for o, v, d in zip(ours, compared["value"], compared["decimals"], strict=True)
    ]
    return compared.assign(difference=difference, beyond_rounding=rounded)

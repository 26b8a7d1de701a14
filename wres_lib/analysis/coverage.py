"""What a dataset covers: which tables hold figures for a year, and whether it holds enough
trusts for a comparison to mean what its name says.

A dataset may hold only a few trusts' own figures (a trust analyst's), with some tables header
only. A briefing then leaves out what it cannot support, saying so in a sentence: a section
whose table has no rows, the median of peers when fewer than :data:`MIN_PEER_TRUSTS` trusts of
the type report, a funnel with fewer than :data:`MIN_FUNNEL_TRUSTS` trusts on it, and any
comparison with England when the dataset holds fewer than :data:`MIN_ENGLAND_TRUSTS` trusts
(summed, a handful of trusts is not England). docs/methods.md states these numbers.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from wres_lib.analysis.published import published_rows
from wres_lib.data.dataset import Dataset

MIN_PEER_TRUSTS = 5
MIN_FUNNEL_TRUSTS = 10
MIN_ENGLAND_TRUSTS = 100
# The tables a briefing section may find empty (workforce is required to have rows).
OPTIONAL_FIGURES = ("recruitment", "disciplinary", "training", "staff_survey", "board")


def has_figures(
    dataset: Dataset, table: str, year: int, codes: Iterable[str] | None = None
) -> bool:
    """Whether ``table`` has rows for ``year`` (of the trusts ``codes``, if given)."""
    frame = dataset.table(table)
    if frame is None:
        return False
    rows = frame[frame["year"] == year]
    if codes is not None:
        rows = rows[rows["org_code"].isin(list(codes))]
    return not rows.empty


def trusts_reporting(dataset: Dataset, year: int, org_type: str | None = None) -> int:
    """How many trusts (of ``org_type``, if given) have workforce figures for ``year``."""
    workforce = dataset.workforce
    codes = pd.Index(workforce.loc[workforce["year"] == year, "org_code"].unique())
    if org_type is not None:
        types = dataset.organisations.set_index("org_code")["org_type"]
        codes = codes[codes.map(types).to_numpy() == org_type]
    return len(codes)


def covers_england(dataset: Dataset, year: int) -> bool:
    """Whether the dataset holds enough trusts in ``year`` for its sum to be called England."""
    return trusts_reporting(dataset, year) >= MIN_ENGLAND_TRUSTS


def funnel_trusts(indicators: pd.DataFrame, year: int, number: str, measure: str) -> int:
    """How many trusts have a published BME figure of indicator ``number`` for ``year``: the
    trusts a funnel of it would place."""
    rows = indicators[
        (indicators["level"] == "trust")
        & (indicators["year"] == year)
        & (indicators["indicator"] == number)
        & (indicators["measure"] == measure)
        & (indicators["staff_group"] == "all")
        & (indicators["band"] == "all")
        & (indicators["group"] == "BME")
    ]
    rows = published_rows(rows)
    return int(rows.loc[rows["value"].notna(), "code"].nunique())

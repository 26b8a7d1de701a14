"""Looking up one figure in the indicator table, and the comparisons briefings print beside it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_lib.data.schema import BME, UNKNOWN, WHITE
from wres_lib.indicators.flags import FEW_EVENTS, SMALL_NUMBERS, UNDEFINED

# The fields of an indicator row that :func:`measure_rows` gives.
MEASURE_FIELDS = ["value", "ci_low", "ci_high", "numerator", "denominator", "p_value", "flag"]

# The columns of an indicator row a Figure holds.
FIGURE_COLUMNS = (
    "value", "ci_low", "ci_high", "numerator", "denominator", "p_value", "flag", "note"
)  # fmt: skip


@dataclass(frozen=True)
class Figure:
    """One row of the indicator table, or an empty one when the table has none."""

    value: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    p_value: float | None = None
    flag: str = ""
    note: str = ""

    @property
    def available(self) -> bool:
        return self.value is not None and SMALL_NUMBERS not in self.flags

    @property
    def flags(self) -> list[str]:
        return [f for f in self.flag.split(";") if f]

    @property
    def significant(self) -> bool:
        """The interval excludes parity (or the test is significant), on enough events to say
        so: a ratio flagged ``few_events`` is never called significant."""
        flags = set(self.flags)
        return bool({"ci_excludes_1", "significant"} & flags) and FEW_EVENTS not in flags

    @property
    def rankable(self) -> bool:
        """Published, defined and resting on enough events to be ranked against others."""
        return self.available and not {FEW_EVENTS, UNDEFINED} & set(self.flags)


def _clean(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if np.isnan(number) else number


def figure(
    rows: pd.DataFrame,
    indicator: str,
    measure: str,
    year: int,
    *,
    staff_group: str = "all",
    band: str = "all",
    group: str = BME,
) -> Figure:
    """The figure for one indicator measure in ``rows`` (one organisation's indicator rows)."""
    wanted = {
        "year": year,
        "indicator": indicator,
        "measure": measure,
        "staff_group": staff_group,
        "band": band,
        "group": group,
    }
    match = np.ones(len(rows), dtype=bool)
    for column, value in wanted.items():
        match &= _equals(rows[column], value)
    found = np.flatnonzero(match)
    if not len(found):
        return Figure(note="no figure in the data")
    row = {column: rows[column].iat[found[0]] for column in FIGURE_COLUMNS}
    numerator, denominator = _clean(row["numerator"]), _clean(row["denominator"])
    return Figure(
        value=_clean(row["value"]),
        ci_low=_clean(row["ci_low"]),
        ci_high=_clean(row["ci_high"]),
        numerator=None if numerator is None else int(numerator),
        denominator=None if denominator is None else int(denominator),
        p_value=_clean(row["p_value"]),
        flag=str(row["flag"]) if pd.notna(row["flag"]) else "",
        note=str(row["note"]) if pd.notna(row["note"]) else "",
    )


def _equals(column: pd.Series, value: object) -> np.ndarray:
    """Where ``column`` equals ``value``; a categorical column is compared by its codes (a
    figure is looked up many times a briefing, and this is the fast way)."""
    values = column.array
    if isinstance(values, pd.Categorical):
        try:
            code = values.categories.get_loc(value)
        except KeyError:
            return np.zeros(len(values), dtype=bool)
        return values.codes == code
    return (column == value).to_numpy(dtype=bool, na_value=False)


def population_bme_share(
    population: pd.DataFrame | None, area_code: str, year: int
) -> float | None:
    """BME share (percent) of the population of ``area_code`` in ``year`` or the latest year
    before it; ``None`` when the data has no population for the area."""
    if population is None:
        return None
    rows = population[(population["area_code"] == area_code) & (population["year"] <= year)]
    if rows.empty:
        return None
    rows = rows[rows["year"] == rows["year"].max()]
    white = rows.loc[rows["ethnicity"] == WHITE, "people"].sum()
    bme = rows.loc[~rows["ethnicity"].isin([WHITE, UNKNOWN]), "people"].sum()
    return None if white + bme == 0 else 100 * bme / (white + bme)


def measure_rows(
    table: pd.DataFrame,
    year: int,
    level: str,
    indicator: str,
    measure: str,
    group: str = BME,
    band: str = "all",
) -> pd.DataFrame:
    """One all-staff measure of every organisation at ``level`` in ``year`` from the indicator
    ``table``: :data:`MEASURE_FIELDS`, indexed by code (text), the flag as text."""
    rows = table[
        (table["level"] == level)
        & (table["year"] == year)
        & (table["staff_group"] == "all")
        & (table["indicator"] == indicator)
        & (table["measure"] == measure)
        & (table["band"] == band)
        & (table["group"] == group)
    ]
    chosen = rows[MEASURE_FIELDS].copy()
    chosen["flag"] = rows["flag"].astype(str).to_numpy()
    chosen.index = pd.Index(rows["code"].astype(str).to_numpy(), name="code")
    return chosen

"""What every press table builder shares: picking indicator rows, turning them into publication
columns, the method notes and the ranked finish (sort, footnote, finish)."""

from __future__ import annotations

import pandas as pd

from wres_lib.analysis.context import BriefingContext, display_name
from wres_lib.analysis.figures import measure_rows
from wres_lib.indicators.catalogue import LIKELIHOOD_INDICATORS, SURVEY_INDICATORS
from wres_lib.indicators.flags import (
    ABOVE_1_25,
    BELOW_0_80,
    CI_EXCLUDES_1,
    FEW_EVENTS,
    SEPARATOR,
    SMALL_NUMBERS,
    UNDEFINED,
    WITHIN_0_80_1_25,
)
from wres_lib.tables.press import PressTable, finish, footnote, published, too_few

# Column prefixes of the likelihood (2-4) and survey (5-8) indicators, by indicator number.
LIKELIHOODS = {indicator.number: indicator.slug for indicator in LIKELIHOOD_INDICATORS}
SURVEY = {indicator.number: indicator.slug for indicator in SURVEY_INDICATORS}
RL_METHOD = (
    "Relative likelihoods: 1 is parity, 0.80 to 1.25 broadly proportionate; 95% Katz log "
    "intervals (our addition). Indicators 2 and 4 compare White with BME staff, indicator 3 BME "
    "with White."
)
SURVEY_METHOD = (
    "Survey gaps are BME minus White, in percentage points; significance is a two-proportion z "
    "test at the 5% level (our addition)."
)
DISPARITY_METHOD = (
    "Racial disparity ratios are odds ratios of White against BME staff being at the higher "
    "level (lower = Bands 1-5, middle = 6-7, upper = 8a and above), with Woolf 95% intervals: "
    "our reconstruction of the WRES method. lower_to_upper is the product of the other two, so "
    "none of them locates a bottleneck: the bottleneck column names the step of the "
    "progression ladder (table progression) where BME staff fall away most, or says that no "
    "single step stands out."
)
SUMS_METHOD = "Systems and regions are built by summing counts, never by averaging trust ratios."
TOO_FEW_EVENTS = "too few events to rank"
# A ratio's position against the four-fifths band, in the words of the assessment columns.
_ASSESSMENT_WORDS = (
    (BELOW_0_80, "below 0.80"),
    (WITHIN_0_80_1_25, "0.80 to 1.25"),
    (ABOVE_1_25, "above 1.25"),
    (CI_EXCLUDES_1, "interval excludes 1"),
)


def pick(
    context: BriefingContext,
    year: int,
    level: str,
    indicator: str,
    measure: str,
    group: str = "BME",
    band: str = "all",
) -> pd.DataFrame:
    """One measure of every organisation at ``level`` in ``year``, indexed by code."""
    return measure_rows(context.indicators, year, level, indicator, measure, group, band)


def organisations(context: BriefingContext, year: int, level: str) -> pd.DataFrame:
    """Code and name of every organisation at ``level`` with indicators in ``year``."""
    table = context.indicators
    rows = table[(table["level"] == level) & (table["year"] == year)]
    names = rows.drop_duplicates("code")[["code", "name"]].astype(str)
    names["name"] = names["name"].map(display_name)
    return names.sort_values("code").set_index("code")


def column(frame: pd.DataFrame, chosen: pd.DataFrame, field: str) -> pd.Series:
    """``field`` of the ``chosen`` row of each organisation of ``frame`` (NaN if none)."""
    return frame.index.to_series().map(chosen[field])


def suppressed(frame: pd.DataFrame, chosen: pd.DataFrame) -> pd.Series:
    """Whether the ``chosen`` figure of each organisation of ``frame`` rests on small numbers."""
    return too_few(column(frame, chosen, "flag").fillna(""))


def published_figure(frame: pd.DataFrame, chosen: pd.DataFrame, decimals: int) -> pd.Series:
    """The ``chosen`` values for publication, "too few to report" where small numbers."""
    return published(column(frame, chosen, "value"), decimals, suppressed(frame, chosen))


def reportable(frame: pd.DataFrame, chosen: pd.DataFrame) -> pd.Series:
    """The ``chosen`` values, missing where small numbers or too few events to rank: a sort
    key (the missing sort last, by code)."""
    flags = column(frame, chosen, "flag").fillna("").astype(str)
    few = flags.map(lambda flag: FEW_EVENTS in flag.split(SEPARATOR)).astype(bool)
    return column(frame, chosen, "value").where(~suppressed(frame, chosen) & ~few)


def ratio_columns(frame: pd.DataFrame, chosen: pd.DataFrame, prefix: str) -> None:
    """Ratio, interval and assessment columns named ``prefix_*``, suppressed by flag."""
    flags = column(frame, chosen, "flag").fillna("")
    small = too_few(flags)
    for field, suffix in (("value", ""), ("ci_low", "_ci_low"), ("ci_high", "_ci_high")):
        frame[f"{prefix}{suffix}"] = published(column(frame, chosen, field), 2, small)
    frame[f"{prefix}_assessment"] = [assessment(f) for f in flags]


def assessment(flag: str) -> str:
    """A ratio's flags in words: 'above 1.25, interval excludes 1'."""
    parts = flag.split(SEPARATOR)
    if SMALL_NUMBERS in parts:
        return "too few to report"
    if UNDEFINED in parts:
        return "not defined (no events in a group)"
    if FEW_EVENTS in parts:
        return TOO_FEW_EVENTS
    words = [text for key, text in _ASSESSMENT_WORDS if key in parts]
    return ", ".join(words) if words else "not available"


def sums_note(level: str) -> list[str]:
    """The note that figures above trust level sum counts, for levels above trust."""
    return [SUMS_METHOD] if level != "trust" else []


def ranked(
    context: BriefingContext,
    year: int,
    level: str,
    name: str,
    title: str,
    frame: pd.DataFrame,
    key: pd.Series,
    method: list[str],
    *,
    descending: bool = True,
) -> PressTable:
    """The finished table ``name`` of organisations at ``level``: ``frame`` (indexed by code)
    sorted by ``key`` (missing last), then by code, with the footnote of ``year`` and
    ``method``."""
    order = frame.assign(_key=key).sort_values(["_key", "code"], ascending=[not descending, True])
    table = order.drop(columns="_key").reset_index(names="code")
    return finish(context, name, title, table, footnote(context, year, method), level=level)

"""Disclosure control: the figures a briefing may publish, decided in one place.

A figure whose group denominator falls under the small-number rule carries the flag
:data:`~wres_lib.indicators.flags.SMALL_NUMBERS` in the indicator table; a briefing shows it as
"too few to report", never charts it, fits it or places it on a funnel. A Model Employer band
share resting on fewer staff than the rule's minimum is held back the same way. Every briefing
section asks these functions rather than reading the flag itself.
"""

from __future__ import annotations

import pandas as pd

from wres_lib.indicators.flags import SMALL_NUMBERS, has_flag
from wres_lib.stats.small_numbers import DEFAULT_RULE

FIGURE_COLUMNS = ("value", "ci_low", "ci_high")
BOARD_BAND = "Board"  # the Model Employer row of the board, whose membership is public


def is_published(flag: object) -> bool:
    """Whether a row with this ``flag`` text may be published (not on small numbers)."""
    return not has_flag(str(flag), SMALL_NUMBERS)


def too_few(rows: pd.DataFrame) -> pd.Series:
    """True for the indicator rows whose figure rests on small numbers."""
    flags = rows["flag"]
    if isinstance(flags.dtype, pd.CategoricalDtype):  # word each distinct flag once
        return flags.map(lambda flag: not is_published(flag)).astype(bool)
    return flags.astype(str).map(lambda flag: not is_published(flag)).astype(bool)


def published_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The indicator rows that may be published: those on small numbers left out."""
    return rows[~too_few(rows).to_numpy()]


def published_figures(rows: pd.DataFrame) -> pd.DataFrame:
    """A copy of the indicator rows with the value and interval of every figure on small
    numbers blanked (as a chart draws them: not at all)."""
    blanked = rows.copy()
    blanked.loc[too_few(rows).to_numpy(), list(FIGURE_COLUMNS)] = float("nan")
    return blanked


def count_too_few(rows: pd.DataFrame) -> int:
    """How many of the indicator rows rest on small numbers."""
    return int(too_few(rows).sum())


def too_few_staff(model_employer: pd.DataFrame) -> pd.Series:
    """Model Employer rows whose senior-band share rests on too few staff to publish (never
    the board's, whose membership is public)."""
    return (model_employer["band"] != BOARD_BAND) & (
        model_employer["staff"] < DEFAULT_RULE.min_denominator
    )


def summary_flag(too_few_column: pd.Series) -> pd.Series:
    """A trust summary's ``<column>_too_few`` as flag text, as a published figure reads it."""
    return too_few_column.map({True: SMALL_NUMBERS, False: ""})

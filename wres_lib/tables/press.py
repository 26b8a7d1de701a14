"""The press table: a finished table for publication, and the formatting rules it follows.

Values keep their numeric type (percentages to one decimal, ratios to two) so a spreadsheet can
sort them; a figure that may not be published becomes text: "too few to report" (a percentage
or ratio resting on fewer people than the small-number rule allows), "<5" (a staff count of 1
to 4; board counts are never suppressed) or "not available" (undefined or missing).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wres_lib.analysis.context import BriefingContext
from wres_lib.indicators.flags import SEPARATOR, SMALL_NUMBERS
from wres_lib.present.methods import source_note
from wres_lib.present.narrative import NOT_AVAILABLE
from wres_lib.stats.small_numbers import DEFAULT_RULE, TOO_FEW_TO_REPORT
from wres_lib.tables.geography import JOIN_NOTE, with_geography

SYNTHETIC_COLUMN = "synthetic_data"
SYNTHETIC_VALUE = "SYNTHETIC"
SUPPRESSION_NOTE = (
    f"Figures resting on fewer than {DEFAULT_RULE.min_denominator} people read "
    f"'{TOO_FEW_TO_REPORT}'; staff counts of 1 to {DEFAULT_RULE.suppress_counts_below - 1} read "
    f"'<{DEFAULT_RULE.suppress_counts_below}'. Board membership is public and never suppressed."
)


@dataclass
class PressTable:
    """A table ready to publish: ``frame`` holds publication values, ``notes`` its footnote."""

    name: str
    title: str
    frame: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    synthetic: bool = False


def too_few(flags: pd.Series) -> pd.Series:
    """True where a flag string carries ``small_numbers``."""
    return flags.astype(str).str.split(SEPARATOR).map(lambda parts: SMALL_NUMBERS in parts)


def published(values: pd.Series, decimals: int, suppress: pd.Series | None = None) -> pd.Series:
    """``values`` rounded to ``decimals``, with suppressed and missing cells as text."""
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    out = pd.Series(np.round(numbers.to_numpy(), decimals), index=values.index, dtype=object)
    out[numbers.isna().to_numpy() | ~np.isfinite(numbers.to_numpy())] = NOT_AVAILABLE
    if suppress is not None:
        out[suppress.fillna(False).astype(bool).to_numpy()] = TOO_FEW_TO_REPORT
    return out


def published_counts(counts: pd.Series, *, public: bool = False) -> pd.Series:
    """Counts as integers, 1 to 4 as "<5" unless ``public`` (board members), missing as text."""
    numbers = pd.to_numeric(counts, errors="coerce")
    out = pd.Series(
        [NOT_AVAILABLE if pd.isna(n) else int(n) for n in numbers], index=counts.index, dtype=object
    )
    if not public:
        hidden = ((numbers > 0) & (numbers < DEFAULT_RULE.suppress_counts_below)).fillna(False)
        out[hidden.to_numpy()] = f"<{DEFAULT_RULE.suppress_counts_below}"
    return out


def footnote(context: BriefingContext, year: int, method: list[str]) -> list[str]:
    """Source (with the synthetic label), the year's data dates, the method and suppression."""
    notes = [source_note(context, year)]
    if context.synthetic:
        notes.append(context.data_label)
    notes.append(
        f"Workforce and board at 31 March {year}; recruitment, disciplinary and training in the "
        f"12 months to 31 March {year}; staff survey of autumn {year - 1}."
    )
    return [*notes, *method, SUPPRESSION_NOTE]


def finish(
    context: BriefingContext,
    name: str,
    title: str,
    frame: pd.DataFrame,
    notes: list[str],
    *,
    level: str,
) -> PressTable:
    """A press table with a fresh index, the join columns of each row's organisation at
    ``level`` after its name (:func:`wres_lib.tables.geography.with_geography`) and their
    note, and, for synthetic data, a first ``synthetic_data``."""
    frame = with_geography(context, level, frame.reset_index(drop=True))
    if context.synthetic:
        frame.insert(0, SYNTHETIC_COLUMN, SYNTHETIC_VALUE)
    return PressTable(name, title, frame, [*notes, JOIN_NOTE], context.synthetic)

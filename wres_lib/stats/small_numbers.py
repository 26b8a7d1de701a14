"""The small-number rule (docs/methods.md, "Small numbers and disclosure"), defaults here only.

A ratio or percentage whose group denominator is under ``min_denominator`` is shown as
"too few to report" in anything meant for publication (analysts still see the figure, flagged
``small_numbers``); a ratio resting on fewer than ``min_events`` events in either group is
published but never ranked nor called significant ("too few events to rank", flagged
``few_events``), and an odds ratio between two rungs of the progression ladder needs each of its
four counts to be at least ``min_events`` before it may be named as the bottleneck; staff counts
from 1 to ``suppress_counts_below - 1`` are shown as "<5". Board membership is public and never
suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

TOO_FEW_TO_REPORT = "too few to report"


@dataclass(frozen=True)
class SmallNumberRule:
    """When a figure rests on too few people to publish.

    Args:
        min_denominator: the smallest group denominator a published ratio or percentage may
            rest on.
        suppress_counts_below: published staff counts from 1 up to this value minus one are
            shown as ``"<{suppress_counts_below}"``.
        min_events: the fewest events (appointments, disciplinary entries, ...) each group of a
            ratio must have before the ratio is ranked or called significant, and the smallest
            count each cell of a progression step (White and BME on each rung) needs for the
            step to be named as the bottleneck.

    >>> rule = SmallNumberRule()
    >>> rule.too_few([9, 10]).tolist()
    [True, False]
    >>> rule.publishable_counts([0, 3, 12]).tolist()
    ['0', '<5', '12']
    """

    min_denominator: int = 10
    suppress_counts_below: int = 5
    min_events: int = 5

    def __post_init__(self) -> None:
        for name in ("min_denominator", "suppress_counts_below", "min_events"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")

    def too_few(self, denominators: ArrayLike) -> NDArray[np.bool_]:
        """True where a group denominator is under ``min_denominator`` (missing counts as 0)."""
        values = np.asarray(denominators, dtype=np.float64)
        return np.nan_to_num(values, nan=0.0) < self.min_denominator

    def too_few_events(self, *counts: ArrayLike) -> NDArray[np.bool_]:
        """True where any of ``counts`` (equal-length arrays) is under ``min_events`` (missing
        counts as 0).

        >>> SmallNumberRule().too_few_events([4, 5]).tolist()
        [True, False]
        >>> SmallNumberRule().too_few_events([5, 9], [12, 4]).tolist()
        [False, True]
        """
        values = np.vstack([np.asarray(c, dtype=np.float64) for c in counts])
        return (np.nan_to_num(values, nan=0.0) < self.min_events).any(axis=0)

    def too_few_note(self, who: str) -> str:
        """The note for a figure resting on too few of ``who`` (e.g. "BME staff")."""
        return f"fewer than {self.min_denominator} {who}: {TOO_FEW_TO_REPORT}"

    def publishable_counts(self, counts: ArrayLike) -> pd.Series:
        """Counts as text for publication, with 1 to ``suppress_counts_below - 1`` as "<n"."""
        values = pd.Series(np.asarray(counts)).astype("Int64")
        text = values.astype(str).where(values.notna(), "")
        hidden = ((values > 0) & (values < self.suppress_counts_below)).fillna(False)
        return text.mask(hidden, f"<{self.suppress_counts_below}")


DEFAULT_RULE = SmallNumberRule()

"""One organisation's career pipeline for one year: the progression ladder of the indicator table
(:mod:`wres_lib.indicators.progression`) with its entry (recruitment, indicator 2) and its top
(the step from the top rung to the executive team), read from the tidy rows.

The top step is an odds ratio like the ladder's: White against BME, of being an executive
director (voting or not, indicator 9's counts) rather than on the top rung, with Woolf's
interval. Executive teams are small, so it is shown beside the ladder and never ranked as the
bottleneck.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_lib.analysis.figures import Figure, figure
from wres_lib.indicators.flags import BOTTLENECK, SMALL_NUMBERS, has_flag
from wres_lib.indicators.progression import INDICATOR
from wres_lib.stats.intervals import woolf_interval
from wres_lib.stats.small_numbers import DEFAULT_RULE, SmallNumberRule


@dataclass(frozen=True)
class Step:
    """One step of the ladder: its rungs, odds ratio and interval, and its four counts."""

    lower: str
    upper: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    white_lower: int
    white_upper: int
    bme_lower: int
    bme_upper: int
    flag: str

    @property
    def label(self) -> str:
        return f"{self.lower} to {self.upper}"

    @property
    def published(self) -> bool:
        """Whether the ratio may be published (its counts pass the small-number rule)."""
        return self.value is not None and not has_flag(self.flag, SMALL_NUMBERS)

    @property
    def bottleneck(self) -> bool:
        return has_flag(self.flag, BOTTLENECK)


@dataclass(frozen=True)
class Pipeline:
    """The ladder's steps lowest first, the rung labels, and the entry and top figures."""

    steps: tuple[Step, ...]
    entry: Figure
    top: Step | None

    @property
    def bottleneck(self) -> Step | None:
        """The located bottleneck, or ``None`` when no step stands out."""
        return next((step for step in self.steps if step.bottleneck), None)

    @property
    def rungs(self) -> list[str]:
        return [self.steps[0].lower, *(step.upper for step in self.steps)] if self.steps else []

    def rung_shares(self) -> pd.DataFrame:
        """The BME share (%) of staff of known ethnicity on each rung, with White and BME counts."""
        if not self.steps:
            return pd.DataFrame(columns=["rung", "white", "bme", "bme_pct"])
        white = [self.steps[0].white_lower, *(s.white_upper for s in self.steps)]
        bme = [self.steps[0].bme_lower, *(s.bme_upper for s in self.steps)]
        frame = pd.DataFrame({"rung": self.rungs, "white": white, "bme": bme})
        known = frame["white"] + frame["bme"]
        frame["bme_pct"] = (100 * frame["bme"] / known.where(known > 0)).astype(float)
        return frame


def pipeline(rows: pd.DataFrame, year: int, rule: SmallNumberRule = DEFAULT_RULE) -> Pipeline:
    """The pipeline of one organisation's indicator ``rows`` in ``year``."""
    now = rows[(rows["year"] == year) & (rows["indicator"] == INDICATOR)]
    ratios = now[now["measure"] == "step_ratio"].sort_values("band")
    white = now[now["measure"] == "step_white_odds"].set_index("band")
    steps = []
    for row in ratios.itertuples():
        lower, upper = str(row.band).split(" to ")
        steps.append(
            Step(
                lower=lower,
                upper=upper,
                value=_number(row.value),
                ci_low=_number(row.ci_low),
                ci_high=_number(row.ci_high),
                white_lower=int(white.at[row.band, "denominator"]),
                white_upper=int(white.at[row.band, "numerator"]),
                bme_lower=int(row.denominator),
                bme_upper=int(row.numerator),
                flag=str(row.flag),
            )
        )
    entry = figure(rows, "2", "relative_likelihood", year)
    executives = figure(rows, "9", "executive_bme_pct", year)
    top = _top_step(steps[-1], executives, rule) if steps else None
    return Pipeline(tuple(steps), entry, top)


def _top_step(top_rung: Step, executives: Figure, rule: SmallNumberRule) -> Step | None:
    """The step from the top rung to the executive team (``None`` without executive counts)."""
    if executives.denominator is None or executives.numerator is None:
        return None
    bme_up = executives.numerator
    white_up = executives.denominator - bme_up
    white_low, bme_low = top_rung.white_upper, top_rung.bme_upper
    value, low, high = (float(a[()]) for a in woolf_interval(white_up, white_low, bme_up, bme_low))
    small = rule.too_few(min(white_low + white_up, bme_low + bme_up))
    return Step(
        lower=top_rung.upper,
        upper="the executive team",
        value=_number(value),
        ci_low=_number(low),
        ci_high=_number(high),
        white_lower=white_low,
        white_upper=white_up,
        bme_lower=bme_low,
        bme_upper=bme_up,
        flag=SMALL_NUMBERS if small else "",
    )


def _number(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if np.isnan(number) else number

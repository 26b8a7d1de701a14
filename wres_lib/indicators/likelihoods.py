"""Indicators 2, 3 and 4: relative likelihoods of appointment, discipline and training.

Orientation as docs/methods.md, "Indicators": indicator 2 is White relative to BME, 3 is BME
relative to White, 4 is White relative to BME; each is adverse above 1. Where detailed groups are
complete, each group is also compared with White. Indicator 3 is also given over two years
(counts of the year and the year before summed), where both years are present. Which table each
is counted from, which way round it is and how its notes word it are its record in
:mod:`wres_lib.indicators.catalogue`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import numpy as np
import pandas as pd

from wres_lib.data.schema import BME, DETAILED_BME_GROUPS, UNKNOWN, WHITE
from wres_lib.indicators.aggregate import GROUPS, group_counts
from wres_lib.indicators.catalogue import LIKELIHOOD_INDICATORS, Indicator, Likelihood
from wres_lib.indicators.flags import ADVERSE, FEW_EVENTS, SMALL_NUMBERS, UNDEFINED
from wres_lib.indicators.tidy import Block, Settings, block, flag_column, note_column, ratio_flags
from wres_lib.stats.intervals import katz_interval, percent_with_interval
from wres_lib.stats.relative_likelihood import OK, Wording, undefined_reason

# Indicators 2-4, in catalogue order; each record's ``likelihood`` says how it is counted.
INDICATORS = LIKELIHOOD_INDICATORS
# Counts of the year and the year before, for the indicators whose catalogue record lists it.
ROLLING_MEASURE = "relative_likelihood_2yr"


def likelihood_indicators(
    tables: dict[str, pd.DataFrame], years: Collection[int], settings: Settings
) -> list[Block]:
    """Blocks of rate_pct, relative_likelihood(_2yr) and unknown_pct for indicators 2-4."""
    blocks = []
    for indicator in INDICATORS:
        spec = counting(indicator)
        wide = group_counts(tables[spec.table], settings.lmap, [], [spec.events, spec.total])
        current = wide[wide["year"].isin(years).to_numpy()].reset_index(drop=True)
        blocks.append(_rate_block(ByGroup(current, indicator, (WHITE, *COMPARED)), settings))
        blocks.append(_ratio_block(current, indicator, settings, "relative_likelihood"))
        blocks.append(_unknown_block(current, indicator, settings))
        if ROLLING_MEASURE in indicator.measures:
            rolling = two_year_sums(wide, [spec.events, spec.total])
            rolling = rolling[rolling["year"].isin(years).to_numpy()].reset_index(drop=True)
            blocks.append(_ratio_block(rolling, indicator, settings, ROLLING_MEASURE))
    return blocks


def counting(indicator: Indicator) -> Likelihood:
    """How ``indicator`` (one of 2-4) is counted: its catalogue ``likelihood``."""
    if indicator.likelihood is None:
        raise ValueError(f"indicator {indicator.number} is not a relative likelihood")
    return indicator.likelihood


def two_year_sums(wide: pd.DataFrame, values: list[str]) -> pd.DataFrame:
    """Counts of each year plus the year before, where a code has both years."""
    previous = wide.assign(year=wide["year"] + 1)
    both = wide.merge(previous, on=["year", "code"], suffixes=("", "_previous"))
    for value in values:
        for group in GROUPS:
            column = f"{value}_{group}"
            both[column] = both[column] + both[f"{column}_previous"]
    both["detailed"] = both["detailed"] & both["detailed_previous"]
    return both[wide.columns]


COMPARED = (BME, *DETAILED_BME_GROUPS)


class ByGroup:
    """One row per (year, code) and group: BME on every row of ``wide``, each detailed group
    where groups are complete, White where asked. Arrays are aligned with :attr:`keys`."""

    def __init__(self, wide: pd.DataFrame, indicator: Indicator, groups: Sequence[str]):
        spec = counting(indicator)
        detailed = wide["detailed"].to_numpy()
        rows = [
            np.flatnonzero(detailed) if g in DETAILED_BME_GROUPS else np.arange(len(wide))
            for g in groups
        ]
        self.row = np.concatenate(rows)
        self.position = np.repeat(np.arange(len(groups)), [len(r) for r in rows])
        self.groups = tuple(groups)
        self.group = pd.Categorical.from_codes(self.position, categories=self.groups)
        self.keys = pd.DataFrame(
            {"year": wide["year"].to_numpy()[self.row], "code": wide["code"].array.take(self.row)}
        )
        self.events = self._gather(wide, spec.events)
        self.total = self._gather(wide, spec.total)
        self.white_events = wide[f"{spec.events}_{WHITE}"].to_numpy()[self.row]
        self.white_total = wide[f"{spec.total}_{WHITE}"].to_numpy()[self.row]
        self.spec = spec
        self.number = indicator.number

    def _gather(self, wide: pd.DataFrame, value: str) -> np.ndarray:
        columns = np.column_stack([wide[f"{value}_{g}"].to_numpy() for g in self.groups])
        return columns[self.row, self.position]

    def per_group(self, masks: np.ndarray, text: Callable[[str], str]) -> list[tuple]:
        """Note rules: where ``masks`` is true, ``text(group)`` for the row's group."""
        return [(masks & (self.position == i), text(g)) for i, g in enumerate(self.groups)]


def _rate_block(rows: ByGroup, settings: Settings) -> Block:
    """The percentage of each group with the event."""
    who, size = rows.spec.who, len(rows.row)
    value, low, high = percent_with_interval(rows.events, rows.total, settings.conf)
    small = settings.rule.too_few(rows.total)
    notes = [
        *rows.per_group(rows.total == 0, lambda g: f"there were no {g} {who}"),
        *rows.per_group(small, lambda g: settings.rule.too_few_note(f"{g} {who}")),
    ]
    return block(
        rows.keys,
        indicator=rows.number,
        measure="rate_pct",
        group=rows.group,
        value=value,
        ci_low=low,
        ci_high=high,
        numerator=rows.events,
        denominator=rows.total,
        flag=flag_column({UNDEFINED: rows.total == 0, SMALL_NUMBERS: small}, size),
        note=note_column(notes, size),
    )


def _ratio_block(
    wide: pd.DataFrame, indicator: Indicator, settings: Settings, measure: str
) -> Block:
    """The relative likelihood of each non-White group against White, oriented as the
    catalogue's ``white_first``."""
    rows = ByGroup(wide, indicator, COMPARED)
    spec = rows.spec
    white, other = (rows.white_events, rows.white_total), (rows.events, rows.total)
    (events_a, total_a), (events_b, total_b) = (
        (white, other) if spec.white_first else (other, white)
    )
    value, low, high = katz_interval(events_a, total_a, events_b, total_b, settings.conf)
    reason = undefined_reason(events_a, total_a, events_b, total_b)
    notes = []
    for code in np.unique(reason[reason != OK]):
        for i, group in enumerate(rows.groups):
            names = (WHITE, group) if spec.white_first else (group, WHITE)
            wording = Wording(*names, who=spec.who, outcome=spec.outcome_past)
            notes.append(((reason == code) & (rows.position == i), wording.note(int(code))))
    small_other = settings.rule.too_few(rows.total)
    small_white = settings.rule.too_few(rows.white_total)
    notes += rows.per_group(small_other, lambda g: settings.rule.too_few_note(f"{g} {spec.who}"))
    notes.append((small_white, settings.rule.too_few_note(f"{WHITE} {spec.who}")))
    few_events = settings.rule.too_few_events(np.minimum(events_a, events_b))
    notes.append((few_events, few_events_note(spec, settings)))
    flags = ratio_flags(value, low, high) | {
        SMALL_NUMBERS: small_other | small_white,
        FEW_EVENTS: few_events,
        ADVERSE: value > 1,
    }
    return block(
        rows.keys,
        indicator=rows.number,
        measure=measure,
        group=rows.group,
        value=value,
        ci_low=low,
        ci_high=high,
        flag=flag_column(flags, len(rows.row)),
        note=note_column(notes, len(rows.row)),
    )


def few_events_note(spec: Likelihood, settings: Settings) -> str:
    """The note of a ratio resting on too few events to rank."""
    return (
        f"fewer than {settings.rule.min_events} {spec.who} in a group {spec.outcome_past}: "
        "too few events to rank"
    )


def _unknown_block(wide: pd.DataFrame, indicator: Indicator, settings: Settings) -> Block:
    """The percentage of people in the denominator whose ethnicity is unknown."""
    spec = counting(indicator)
    unknown = wide[f"{spec.total}_{UNKNOWN}"].to_numpy()
    total = unknown + wide[f"{spec.total}_{WHITE}"].to_numpy() + wide[f"{spec.total}_{BME}"]
    total = np.asarray(total)
    value, low, high = percent_with_interval(unknown, total, settings.conf)
    small = settings.rule.too_few(total)
    notes = [
        (total == 0, f"there were no {spec.who}"),
        (small, settings.rule.too_few_note(spec.who)),
    ]
    return block(
        wide,
        indicator=indicator.number,
        measure="unknown_pct",
        group=UNKNOWN,
        value=value,
        ci_low=low,
        ci_high=high,
        numerator=unknown,
        denominator=total,
        flag=flag_column({UNDEFINED: total == 0, SMALL_NUMBERS: small}, len(wide)),
        note=note_column(notes, len(wide)),
    )

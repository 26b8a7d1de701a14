"""Indicators 2, 3 and 4: relative likelihoods of appointment, discipline and training.

Orientation as docs/methods.md, "Indicators": indicator 2 is White relative to BME, 3 is BME
relative to White, 4 is White relative to BME; each is adverse above 1. Where detailed groups are
complete, each group is also compared with White. Indicator 3 is also given over two years
(counts of the year and the year before summed), where both years are present.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_lib.data.schema import BME, DETAILED_BME_GROUPS, UNKNOWN, WHITE
from wres_lib.indicators.aggregate import GROUPS, group_counts
from wres_lib.indicators.tidy import Block, Settings, block, flag_column, note_column, ratio_flags
from wres_lib.stats.intervals import katz_interval, percent_with_interval
from wres_lib.stats.relative_likelihood import OK, Wording, undefined_reason


@dataclass(frozen=True)
class LikelihoodIndicator:
    """Where an indicator's counts are, which way round it is and how notes word it."""

    indicator: str
    table: str
    events: str
    total: str
    white_first: bool
    who: str
    outcome: str


INDICATORS = (
    LikelihoodIndicator(
        indicator="2",
        table="recruitment",
        events="appointed",
        total="shortlisted",
        white_first=True,
        who="shortlisted applicants",
        outcome="were appointed",
    ),
    LikelihoodIndicator(
        indicator="3",
        table="disciplinary",
        events="entered",
        total="headcount",
        white_first=False,
        who="staff",
        outcome="entered the formal disciplinary process",
    ),
    LikelihoodIndicator(
        indicator="4",
        table="training",
        events="accessed",
        total="headcount",
        white_first=True,
        who="staff",
        outcome="accessed non-mandatory training or CPD",
    ),
)
ROLLING_INDICATOR = "3"


def likelihood_indicators(
    tables: dict[str, pd.DataFrame], years: Collection[int], settings: Settings
) -> list[Block]:
    """Blocks of rate_pct, relative_likelihood(_2yr) and unknown_pct for indicators 2-4."""
    blocks = []
    for spec in INDICATORS:
        wide = group_counts(tables[spec.table], settings.lmap, [], [spec.events, spec.total])
        current = wide[wide["year"].isin(years).to_numpy()].reset_index(drop=True)
        blocks.append(_rate_block(ByGroup(current, spec, (WHITE, *COMPARED)), settings))
        blocks.append(_ratio_block(current, spec, settings, "relative_likelihood"))
        blocks.append(_unknown_block(current, spec, settings))
        if spec.indicator == ROLLING_INDICATOR:
            rolling = two_year_sums(wide, [spec.events, spec.total])
            rolling = rolling[rolling["year"].isin(years).to_numpy()].reset_index(drop=True)
            blocks.append(_ratio_block(rolling, spec, settings, "relative_likelihood_2yr"))
    return blocks


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

    def __init__(self, wide: pd.DataFrame, spec: LikelihoodIndicator, groups: Sequence[str]):
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
        indicator=rows.spec.indicator,
        measure="rate_pct",
        group=rows.group,
        value=value,
        ci_low=low,
        ci_high=high,
        numerator=rows.events,
        denominator=rows.total,
        flag=flag_column({"undefined": rows.total == 0, "small_numbers": small}, size),
        note=note_column(notes, size),
    )


def _ratio_block(
    wide: pd.DataFrame, spec: LikelihoodIndicator, settings: Settings, measure: str
) -> Block:
    """The relative likelihood of each non-White group against White, oriented as the spec."""
    rows = ByGroup(wide, spec, COMPARED)
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
            wording = Wording(*names, who=spec.who, outcome=spec.outcome)
            notes.append(((reason == code) & (rows.position == i), wording.note(int(code))))
    small_other = settings.rule.too_few(rows.total)
    small_white = settings.rule.too_few(rows.white_total)
    notes += rows.per_group(small_other, lambda g: settings.rule.too_few_note(f"{g} {spec.who}"))
    notes.append((small_white, settings.rule.too_few_note(f"{WHITE} {spec.who}")))
    flags = ratio_flags(value, low, high) | {
        "small_numbers": small_other | small_white,
        "adverse": value > 1,
    }
    return block(
        rows.keys,
        indicator=spec.indicator,
        measure=measure,
        group=rows.group,
        value=value,
        ci_low=low,
        ci_high=high,
        flag=flag_column(flags, len(rows.row)),
        note=note_column(notes, len(rows.row)),
    )


def _unknown_block(wide: pd.DataFrame, spec: LikelihoodIndicator, settings: Settings) -> Block:
    """The percentage of people in the denominator whose ethnicity is unknown."""
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
        indicator=spec.indicator,
        measure="unknown_pct",
        group=UNKNOWN,
        value=value,
        ci_low=low,
        ci_high=high,
        numerator=unknown,
        denominator=total,
        flag=flag_column({"undefined": total == 0, "small_numbers": small}, len(wide)),
        note=note_column(notes, len(wide)),
    )

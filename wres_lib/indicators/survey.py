"""Indicators 5-8 from the staff survey: % White and % BME, the gap and a two-proportion test.

A percentage's count is ``round(percent / 100 * respondents)`` where respondents are known.
An organisation's own figure is the published percentage; a BME figure combined from detailed
groups, and any figure for several organisations, is the sum of counts over the sum of
respondents. Organisations without respondent numbers are left out of combined figures (and
the note says how many); a published percentage without respondents has no interval.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_lib.data.schema import BME, DETAILED_BME_GROUPS, ETHNICITIES, WHITE
from wres_lib.indicators.aggregate import (
    codes_in,
    detailed_lookup,
    key_cells,
    sum_by,
    year_code_key,
)
from wres_lib.indicators.catalogue import SURVEY_INDICATORS
from wres_lib.indicators.flags import ADVERSE, NO_INTERVAL, SIGNIFICANT, SMALL_NUMBERS, UNDEFINED
from wres_lib.indicators.tidy import Block, Settings, block, flag_column, note_column
from wres_lib.stats.intervals import percent, percent_with_interval, two_proportion_test

_INDICATORS = tuple(indicator.number for indicator in SURVEY_INDICATORS)
# Indicators where a lower BME percentage than White is adverse; for the others, higher is.
ADVERSE_WHEN_LOWER = tuple(i.number for i in SURVEY_INDICATORS if i.adverse == "bme_lower")
_SURVEY_GROUPS = (WHITE, BME, *DETAILED_BME_GROUPS)
# For each of ETHNICITIES, its position in _SURVEY_GROUPS (-1 for Unknown, left out here).
_GROUP_OF_ETHNICITY = np.array(
    [_SURVEY_GROUPS.index(e) if e in _SURVEY_GROUPS else -1 for e in ETHNICITIES]
)
# Figures summed over organisations; "percent" is only read where there is one organisation.
_FIGURES = ("organisations", "left_out", "events", "respondents", "percent")
NO_RESPONDENTS = "respondent numbers not given, so no interval or test"
NO_TEST = "no test: the counts behind the percentages are not known"
NO_TEST_EXTREME = "no test: the percentages are both 0 or both 100"
NO_ORGANISATION_COUNTS = "no organisation gave respondent numbers, so there is no combined figure"


def survey_indicators(
    survey: pd.DataFrame, years: Collection[int], settings: Settings
) -> list[Block]:
    """Blocks of pct_white, pct_bme, pct_group and gap_points for indicators 5-8."""
    survey = survey[survey["year"].isin(years).to_numpy()].reset_index(drop=True)
    ethnicity = codes_in(survey["ethnicity"], ETHNICITIES, "ethnicity")
    positions = settings.lmap.positions(survey["org_code"])
    detailed = detailed_lookup(survey["year"], positions, ethnicity, settings.lmap)
    wide = _level_figures(_organisation_figures(survey, ethnicity), detailed, settings)
    wide["indicator"] = pd.Categorical(wide["indicator"].astype(str), categories=_INDICATORS)
    blocks = [_percent_block(wide, _figures(wide, WHITE, settings), "pct_white", WHITE)]
    for group in (BME, *DETAILED_BME_GROUPS):
        rows = wide if group == BME else wide[wide["detailed"].to_numpy()]
        figures = _figures(rows, group, settings)
        measure = "pct_bme" if group == BME else "pct_group"
        blocks.append(_percent_block(rows, figures, measure, group))
        white = _figures(rows, WHITE, settings)
        blocks.append(_gap_block(rows, figures, white, group, settings))
    return blocks


def _organisation_figures(survey: pd.DataFrame, ethnicity: np.ndarray) -> pd.DataFrame:
    """One row per year, org_code, indicator and group (positions in :data:`_SURVEY_GROUPS`);
    rows of detailed groups also count towards BME. ``ethnicity`` holds the rows' positions in
    :data:`~wres_lib.data.schema.ETHNICITIES`."""
    group = _GROUP_OF_ETHNICITY[ethnicity]
    stated = np.flatnonzero(group >= 0)
    as_bme = np.flatnonzero(np.isin(ethnicity, [ETHNICITIES.index(g) for g in DETAILED_BME_GROUPS]))
    take = np.concatenate([stated, as_bme])
    respondents = survey["respondents"].astype("Float64").to_numpy(dtype=np.float64, na_value=0)
    known = survey["respondents"].notna().to_numpy()
    percent_given = survey["percent"].to_numpy()
    frame = pd.DataFrame(
        {
            "year": survey["year"].to_numpy()[take],
            "org_code": survey["org_code"].array.take(take),
            "indicator": survey["indicator"].to_numpy()[take],
            "group": np.concatenate(
                [group[stated], np.full(len(as_bme), _SURVEY_GROUPS.index(BME))]
            ),
            "rows": 1,
            "missing": ~known[take],
            "events": np.where(known, np.round(percent_given / 100 * respondents), 0)[take],
            "respondents": respondents[take],
            "percent": percent_given[take],
        }
    )
    figures = ["rows", "missing", "events", "respondents", "percent"]
    org = sum_by(frame, ["year", "org_code", "indicator", "group"], figures)
    single = org["rows"].to_numpy() == 1
    counted = org["missing"].to_numpy() == 0
    combined = np.where(counted, percent(org["events"], org["respondents"]), np.nan)
    org["percent"] = np.where(single, org["percent"].to_numpy(), combined)
    org["counted"] = counted
    return org.drop(columns=["rows", "missing"])


def _level_figures(org: pd.DataFrame, detailed: np.ndarray, settings: Settings) -> pd.DataFrame:
    """Organisation figures summed to the level: one row per year, code and indicator, with
    ``{figure}_{group}`` columns for each of :data:`_FIGURES` and group, and ``detailed`` from
    the lookup of :func:`~wres_lib.indicators.aggregate.detailed_lookup`."""
    lmap = settings.lmap
    counted = org["counted"].to_numpy()
    frame = org[["year", "indicator", "group", "percent"]].assign(
        code=lmap.categorical(lmap.positions(org["org_code"])),
        organisations=1,
        left_out=~counted,
        events=np.where(counted, org["events"], 0),
        respondents=np.where(counted, org["respondents"], 0),
    )
    summed = sum_by(frame, ["year", "code", "indicator", "group"], _FIGURES)
    out, row = key_cells(summed, ["year", "code", "indicator"])
    group = summed["group"].to_numpy(dtype=np.int64)
    for figure in _FIGURES:
        by_group = np.full((len(out), len(_SURVEY_GROUPS)), np.nan if figure == "percent" else 0.0)
        by_group[row, group] = summed[figure].to_numpy()
        for position, name in enumerate(_SURVEY_GROUPS):
            out[f"{figure}_{name}"] = by_group[:, position]
    out["detailed"] = detailed[year_code_key(out["year"], out["code"].cat.codes, lmap)]
    return out


@dataclass(frozen=True)
class _Figures:
    """One group's percentage, interval, counts, small-number mask and note, row by row."""

    value: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    events: np.ndarray
    respondents: np.ndarray
    small: np.ndarray
    note: pd.Categorical


def _figures(wide: pd.DataFrame, group: str, settings: Settings) -> _Figures:
    organisations = wide[f"organisations_{group}"].to_numpy()
    left_out = wide[f"left_out_{group}"].to_numpy()
    events = wide[f"events_{group}"].to_numpy()
    respondents = wide[f"respondents_{group}"].to_numpy()
    own = wide[f"percent_{group}"].to_numpy()
    value = np.where(organisations == 1, own, percent(events, respondents))
    _, low, high = percent_with_interval(events, respondents, settings.conf)
    small = (respondents > 0) & settings.rule.too_few(respondents)
    undefined = np.isnan(value)
    partial = (organisations > 1) & (left_out > 0) & ~undefined
    notes = [
        (organisations == 0, f"no figure for {group} respondents"),
        (
            undefined & (organisations == 1),
            f"respondent numbers missing for some groups, so no {group} figure from them",
        ),
        (undefined, NO_ORGANISATION_COUNTS),
        (small, settings.rule.too_few_note(f"{group} respondents")),
        *_left_out_notes(partial, left_out, organisations),
        (np.isnan(low), NO_RESPONDENTS),
    ]
    note = note_column(notes, len(wide))
    return _Figures(value, low, high, events, respondents, small, note)


def _left_out_notes(
    partial: np.ndarray, left_out: np.ndarray, organisations: np.ndarray
) -> list[tuple[np.ndarray, str]]:
    """Note rules saying how many organisations a combined figure leaves out."""
    pairs = np.unique(np.column_stack([left_out[partial], organisations[partial]]), axis=0)
    rules = []
    for k, n in pairs:
        text = f"{k:.0f} of {n:.0f} organisations left out: no respondent numbers"
        rules.append((partial & (left_out == k) & (organisations == n), text))
    return rules


def _percent_block(wide: pd.DataFrame, figures: _Figures, measure: str, group: str) -> Block:
    counted = figures.respondents > 0
    flags = {
        UNDEFINED: np.isnan(figures.value),
        NO_INTERVAL: ~np.isnan(figures.value) & np.isnan(figures.ci_low),
        SMALL_NUMBERS: figures.small,
    }
    return block(
        wide,
        indicator=wide["indicator"].array,
        measure=measure,
        group=group,
        value=figures.value,
        ci_low=figures.ci_low,
        ci_high=figures.ci_high,
        numerator=np.where(counted, figures.events, np.nan),
        denominator=np.where(counted, figures.respondents, np.nan),
        flag=flag_column(flags, len(wide)),
        note=figures.note,
    )


def _gap_block(
    wide: pd.DataFrame,
    group_figures: _Figures,
    white: _Figures,
    group: str,
    settings: Settings,
) -> Block:
    """``group`` minus White, in points, with the two-proportion test where counts are known."""
    gap = group_figures.value - white.value
    _, p_value = two_proportion_test(
        group_figures.events, group_figures.respondents, white.events, white.respondents
    )
    lower_is_adverse = wide["indicator"].isin(ADVERSE_WHEN_LOWER).to_numpy()
    adverse = np.where(lower_is_adverse, gap < 0, gap > 0)
    flags = {
        UNDEFINED: np.isnan(gap),
        SMALL_NUMBERS: group_figures.small | white.small,
        SIGNIFICANT: p_value < 1 - settings.conf,
        ADVERSE: adverse,
    }
    untested = ~np.isnan(gap) & np.isnan(p_value)
    counted = (group_figures.respondents > 0) & (white.respondents > 0)
    notes = [
        (group_figures.note != "", group_figures.note),
        (white.note != "", white.note),
        (untested & ~counted, NO_TEST),
        (untested, NO_TEST_EXTREME),
    ]
    return block(
        wide,
        indicator=wide["indicator"].array,
        measure="gap_points",
        group=group,
        value=gap,
        p_value=p_value,
        flag=flag_column(flags, len(wide)),
        note=note_column(notes, len(wide)),
    )

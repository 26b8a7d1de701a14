"""Press tables of the headline indicators: relative likelihoods (2-4), survey gaps (5-8), the
racial disparity ratios, and the summary of systems and regions."""

from __future__ import annotations

import numpy as np

from wres_lib.analysis.context import BriefingContext
from wres_lib.analysis.systems import system_table
from wres_lib.indicators.catalogue import SURVEY_INDICATORS
from wres_lib.indicators.disparity_ratios import RATIOS
from wres_lib.indicators.flags import BOTTLENECK, SEPARATOR, SIGNIFICANT
from wres_lib.tables.columns import (
    DISPARITY_METHOD,
    LIKELIHOODS,
    RL_METHOD,
    SUMS_METHOD,
    SURVEY,
    SURVEY_METHOD,
    column,
    organisations,
    pick,
    published_figure,
    ranked,
    ratio_columns,
    reportable,
    sums_note,
    suppressed,
)
from wres_lib.tables.press import PressTable, finish, footnote, published, published_counts

NO_STEP_STANDS_OUT = "no single step stands out"


def relative_likelihoods(context: BriefingContext, year: int, level: str) -> PressTable:
    """Indicators 2 to 4 with intervals and flags, highest appointment likelihood first."""
    frame = organisations(context, year, level).copy()
    sort_key = None
    for indicator, prefix in LIKELIHOODS.items():
        chosen = pick(context, year, level, indicator, "relative_likelihood")
        ratio_columns(frame, chosen, f"rl_{prefix}")
        if sort_key is None:
            sort_key = reportable(frame, chosen)
    method = [
        "rl_appointment: White applicants relative to BME applicants being appointed from "
        "shortlisting (indicator 2); rl_disciplinary: BME staff relative to White staff "
        "entering the formal disciplinary process (indicator 3); rl_training: White staff "
        "relative to BME staff accessing non-mandatory training (indicator 4).",
        RL_METHOD,
        *sums_note(level),
    ]
    title = f"Relative likelihoods (WRES indicators 2-4), {level}s, WRES {year}"
    return ranked(context, year, level, "relative-likelihoods", title, frame, sort_key, method)


def disparity_ratios(context: BriefingContext, year: int, level: str) -> PressTable:
    """The three racial disparity ratios with intervals, worst first, and the bottleneck step
    of the progression ladder (see :mod:`wres_lib.tables.progression`)."""
    frame = organisations(context, year, level).copy()
    for name in RATIOS:
        ratio_columns(frame, pick(context, year, level, "disparity", name), name)
    table = context.indicators
    located = table[
        (table["level"] == level)
        & (table["year"] == year)
        & (table["measure"] == "step_ratio")
        & (table["flag"].astype(str).str.split(SEPARATOR).map(lambda f: BOTTLENECK in f))
    ]
    named = dict(zip(located["code"].astype(str), located["band"].astype(str), strict=True))
    frame["bottleneck"] = [named.get(code, NO_STEP_STANDS_OUT) for code in frame.index]
    key = reportable(frame, pick(context, year, level, "disparity", "lower_to_upper"))
    method = [DISPARITY_METHOD, *sums_note(level)]
    title = f"Racial disparity ratios, {level}s, WRES {year}"
    return ranked(context, year, level, "disparity-ratios", title, frame, key, method)


def survey_gaps(context: BriefingContext, year: int, level: str) -> PressTable:
    """Indicators 5 to 8, White against BME, with the gap and its significance."""
    frame = organisations(context, year, level).copy()
    sort_key = None
    for indicator, prefix in SURVEY.items():
        white = pick(context, year, level, indicator, "pct_white", group="White")
        bme = pick(context, year, level, indicator, "pct_bme")
        gap = pick(context, year, level, indicator, "gap_points")
        small_gap = suppressed(frame, gap)
        frame[f"{prefix}_white_pct"] = published_figure(frame, white, 1)
        frame[f"{prefix}_bme_pct"] = published_figure(frame, bme, 1)
        frame[f"{prefix}_gap_pts"] = published(column(frame, gap, "value"), 1, small_gap)
        flags = column(frame, gap, "flag").fillna("").str.split(SEPARATOR)
        significant = flags.map(lambda parts: SIGNIFICANT in parts)
        p_values = column(frame, gap, "p_value")
        frame[f"{prefix}_significant"] = np.where(
            small_gap,
            "too few to report",
            np.where(p_values.isna(), "not tested", np.where(significant, "yes", "no")),
        )
        if indicator == "8":
            sort_key = column(frame, gap, "value").where(~small_gap)
    method = [_survey_columns(), SURVEY_METHOD]
    title = f"Staff survey gaps (WRES indicators 5-8), {level}s, WRES {year}"
    return ranked(context, year, level, "survey-gaps", title, frame, sort_key, method)


def _survey_columns() -> str:
    """What each survey column measures, in the catalogue's words (as the briefings say it)."""
    columns = "; ".join(
        f"{i.slug} = {i.subject} (indicator {i.number}"
        f"{', lower is worse' if i.adverse == 'bme_lower' else ''})"
        for i in SURVEY_INDICATORS
    )
    return f"Staff survey: {columns}."


def system_summary(context: BriefingContext, year: int, level: str) -> PressTable:
    """Headline measures per system or region, in code order: its trusts and those with no
    BME executive director, from :func:`wres_lib.analysis.systems.system_table` (the count
    every briefing and story quotes), then figures from summed counts."""
    frame = organisations(context, year, level).copy()
    systems = system_table(context, year, level).set_index("code").reindex(frame.index)
    for name in (
        "trusts",
        "trusts_reporting_executives",
        "trusts_without_bme_executive",
        "codes_without_bme_executive",
    ):
        frame[name] = systems[name]
    workforce = pick(context, year, level, "1", "bme_share")
    everyone = pick(context, year, level, "1", "bme_share_all")
    upper = pick(context, year, level, "1", "bme_share", band="upper")
    frame["staff_known_ethnicity"] = published_counts(column(frame, workforce, "denominator"))
    for name, chosen in (
        ("bme_workforce_pct", workforce),
        ("bme_all_staff_pct", everyone),
        ("bme_upper_bands_pct", upper),
    ):
        frame[name] = published_figure(frame, chosen, 1)
    frame["population_bme_pct"] = published(systems["population_bme_pct"], 1)
    board = pick(context, year, level, "9", "board_bme_pct")
    frame["board_bme_pct"] = published(column(frame, board, "value"), 1)
    gap = pick(context, year, level, "9", "board_gap_points")
    frame["board_gap_pts"] = published(column(frame, gap, "value"), 1)
    for indicator, prefix in LIKELIHOODS.items():
        chosen = pick(context, year, level, indicator, "relative_likelihood")
        frame[f"rl_{prefix}"] = published_figure(frame, chosen, 2)
    discrimination = pick(context, year, level, "8", "gap_points")
    frame["discrimination_gap_pts"] = published_figure(frame, discrimination, 1)
    notes = footnote(
        context,
        year,
        [
            SUMS_METHOD,
            "trusts: trusts reporting staff in the year; trusts_without_bme_executive: those "
            "with at least one executive director and none recorded as BME, out of "
            "trusts_reporting_executives; codes_without_bme_executive lists them (';' between "
            "codes; table all-white-executives has each, where every executive's ethnicity is "
            "recorded).",
            "bme_workforce_pct: BME share of staff of known ethnicity; bme_all_staff_pct: BME "
            "share of all staff, those of unknown ethnicity included.",
            "population_bme_pct: BME share of the population of the area (people of known "
            "ethnicity), the latest figure in the data up to the year; 'not available' where "
            "the data has none.",
            "bme_upper_bands_pct: BME share of staff at Band 8a and above (VSM included).",
            "board_bme_pct and board_gap_pts: voting board members of the trusts, summed.",
            RL_METHOD,
            "discrimination_gap_pts: indicator 8, BME minus White, in percentage points.",
        ],
    )
    noun = "Systems (ICBs)" if level == "icb" else "Regions"
    title = f"{noun}: WRES summary from summed counts, WRES {year}"
    table = frame.reset_index(names="code")
    return finish(context, "system-summary", title, table, notes, level=level)

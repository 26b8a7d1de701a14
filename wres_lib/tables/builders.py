"""The builders of the press tables: each takes (context, year, level) and returns a PressTable."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm

from wres_lib.analysis.context import BriefingContext, display_name
from wres_lib.analysis.summary import trust_summary
from wres_lib.stats.intervals import two_proportion_test, z_value
from wres_lib.stats.small_numbers import DEFAULT_RULE
from wres_lib.tables.press import (
    PressTable,
    finish,
    footnote,
    published,
    published_counts,
    too_few,
)

FIELDS = ["value", "ci_low", "ci_high", "numerator", "denominator", "p_value", "flag"]
LIKELIHOODS = {"2": "appointment", "3": "disciplinary", "4": "training"}
SURVEY = {
    "5": "harassment_public",
    "6": "harassment_staff",
    "7": "equal_opportunities",
    "8": "discrimination",
}
RATIO_NAMES = ("lower_to_middle", "middle_to_upper", "lower_to_upper")
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
    "our reconstruction of the WRES method. The bottleneck is the largest ratio."
)
SUMS_METHOD = "Systems and regions are built by summing counts, never by averaging trust ratios."


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
    table = context.indicators
    rows = table[
        (table["level"] == level)
        & (table["year"] == year)
        & (table["staff_group"] == "all")
        & (table["indicator"] == indicator)
        & (table["measure"] == measure)
        & (table["band"] == band)
        & (table["group"] == group)
    ]
    chosen = rows[["code", *FIELDS]].copy()
    chosen["code"] = chosen["code"].astype(str)
    chosen["flag"] = chosen["flag"].astype(str)
    return chosen.set_index("code")


def organisations(context: BriefingContext, year: int, level: str) -> pd.DataFrame:
    """Code and name of every organisation at ``level`` with indicators in ``year``."""
    table = context.indicators
    rows = table[(table["level"] == level) & (table["year"] == year)]
    names = rows.drop_duplicates("code")[["code", "name"]].astype(str)
    names["name"] = names["name"].map(display_name)
    return names.sort_values("code").set_index("code")


def _column(frame: pd.DataFrame, chosen: pd.DataFrame, field: str) -> pd.Series:
    return frame.index.to_series().map(chosen[field])


def _ratio_columns(frame: pd.DataFrame, chosen: pd.DataFrame, prefix: str) -> None:
    """Ratio, interval and assessment columns named ``prefix_*``, suppressed by flag."""
    flags = _column(frame, chosen, "flag").fillna("")
    small = too_few(flags)
    for field, suffix in (("value", ""), ("ci_low", "_ci_low"), ("ci_high", "_ci_high")):
        frame[f"{prefix}{suffix}"] = published(_column(frame, chosen, field), 2, small)
    frame[f"{prefix}_assessment"] = [_assessment(f) for f in flags]


def _assessment(flag: str) -> str:
    """A ratio's flags in words: 'above 1.25, interval excludes 1'."""
    parts = flag.split(";")
    if "small_numbers" in parts:
        return "too few to report"
    if "undefined" in parts:
        return "not defined (no events in a group)"
    words = [
        text
        for key, text in (
            ("below_0.80", "below 0.80"),
            ("within_0.80_1.25", "0.80 to 1.25"),
            ("above_1.25", "above 1.25"),
            ("ci_excludes_1", "interval excludes 1"),
        )
        if key in parts
    ]
    return ", ".join(words) if words else "not available"


def all_white_executives(
    context: BriefingContext, year: int, level: str, min_workforce_share: float = 0.0
) -> PressTable:
    """Trusts whose executive directors are all recorded as White, by BME share of staff."""
    summary = trust_summary(context, year)
    unknown = _unknown_executives(context, year)
    summary["executives_unknown"] = summary["code"].map(unknown).fillna(0).astype(int)
    chosen = summary[
        summary["no_bme_executive"]
        & (summary["executives_unknown"] == 0)
        & (summary["workforce_bme_pct"] > 100 * min_workforce_share)
    ].sort_values(["workforce_bme_pct", "code"], ascending=[False, True])
    regions = context.dataset.organisations.drop_duplicates("region_code")
    region_names = dict(zip(regions["region_code"], regions["region_name"], strict=True))
    small = pd.Series(DEFAULT_RULE.too_few(chosen["staff"]), index=chosen.index)
    frame = pd.DataFrame(
        {
            "org_code": chosen["code"],
            "org_name": chosen["name"],
            "org_type": chosen["org_type"],
            "region": chosen["region_code"].map(region_names),
            "bme_workforce_pct": published(chosen["workforce_bme_pct"], 1, small),
            "staff_known_ethnicity": published_counts(chosen["staff"]),
            "executives": published_counts(chosen["executives"], public=True),
            "non_executives": published_counts(chosen["non_executives"], public=True),
            "bme_non_executives": published_counts(chosen["bme_non_executives"], public=True),
            "whole_board_white": [_whole_board(row) for row in chosen.itertuples(index=False)],
        }
    )
    share = (
        f" and more than {100 * min_workforce_share:g}% BME staff" if min_workforce_share else ""
    )
    notes = footnote(
        context,
        year,
        [
            "Executive directors voting or not; a trust is listed only if every executive's "
            "ethnicity is recorded and none is BME.",
            "whole_board_white: 'yes' where every voting member's ethnicity is recorded and "
            "no executive or non-executive is BME; 'not known' where some are not recorded.",
            "bme_workforce_pct: BME share of staff of known ethnicity.",
        ],
    )
    title = f"Trusts with an all-White executive team{share}, WRES {year}"
    return finish(context, "all-white-executives", title, frame, notes)


def _whole_board(row: Any) -> str:
    if row.whole_board_white:
        return "yes"
    if row.bme_non_executives > 0:
        return "no"
    return "not known"


def _unknown_executives(context: BriefingContext, year: int) -> pd.Series:
    """Executive directors of unknown ethnicity per trust in ``year``."""
    board = context.dataset.board
    rows = board[
        (board["year"] == year) & (board["role"] == "executive") & (board["ethnicity"] == "Unknown")
    ]
    return rows.groupby(rows["org_code"].astype(str))["members"].sum()


def board_gap(context: BriefingContext, year: int, level: str) -> PressTable:
    """Indicator 9: BME share of the voting board against the workforce, widest gap first."""
    frame = organisations(context, year, level)
    board = pick(context, year, level, "9", "board_bme_pct")
    gap = pick(context, year, level, "9", "board_gap_points")
    workforce = pick(context, year, level, "1", "bme_share")
    executive = pick(context, year, level, "9", "executive_bme_pct")
    non_executive = pick(context, year, level, "9", "non_executive_bme_pct")
    unknown = pick(context, year, level, "9", "unknown_pct", group="Unknown")
    frame = frame[frame.index.isin(board.index[board["denominator"].fillna(0) > 0])].copy()
    raw_gap = _column(frame, gap, "value")
    frame["board_members"] = published_counts(_column(frame, board, "denominator"), public=True)
    frame["bme_board_members"] = published_counts(_column(frame, board, "numerator"), public=True)
    frame["board_bme_pct"] = published(_column(frame, board, "value"), 1)
    frame["bme_workforce_pct"] = published(
        _column(frame, workforce, "value"), 1, too_few(_column(frame, workforce, "flag"))
    )
    frame["board_gap_pts"] = published(raw_gap, 1)
    for name, chosen in (("executives", executive), ("non_executives", non_executive)):
        frame[name] = published_counts(_column(frame, chosen, "denominator"), public=True)
        frame[f"bme_{name}"] = published_counts(_column(frame, chosen, "numerator"), public=True)
    frame["board_unknown_ethnicity_pct"] = published(_column(frame, unknown, "value"), 1)
    frame = frame.assign(_gap=raw_gap).sort_values(["_gap", "code"]).drop(columns="_gap")
    notes = footnote(
        context,
        year,
        [
            "Indicator 9: BME share of voting board members minus the BME share of the whole "
            "workforce, in percentage points; negative means the board is less diverse.",
            "Executive and non-executive counts include non-voting members.",
            *([SUMS_METHOD] if level != "trust" else []),
        ],
    )
    title = f"Board against workforce (WRES indicator 9), {level}s, WRES {year}"
    return finish(context, "board-gap", title, frame.reset_index(names="code"), notes)


def relative_likelihoods(context: BriefingContext, year: int, level: str) -> PressTable:
    """Indicators 2 to 4 with intervals and flags, highest appointment likelihood first."""
    frame = organisations(context, year, level).copy()
    sort_key = None
    for indicator, prefix in LIKELIHOODS.items():
        chosen = pick(context, year, level, indicator, "relative_likelihood")
        _ratio_columns(frame, chosen, f"rl_{prefix}")
        if sort_key is None:
            reportable = ~too_few(_column(frame, chosen, "flag").fillna(""))
            sort_key = _column(frame, chosen, "value").where(reportable)
    frame = frame.assign(_key=sort_key).sort_values(["_key", "code"], ascending=[False, True])
    notes = footnote(
        context,
        year,
        [
            "rl_appointment: White applicants relative to BME applicants being appointed from "
            "shortlisting (indicator 2); rl_disciplinary: BME staff relative to White staff "
            "entering the formal disciplinary process (indicator 3); rl_training: White staff "
            "relative to BME staff accessing non-mandatory training (indicator 4).",
            RL_METHOD,
            *([SUMS_METHOD] if level != "trust" else []),
        ],
    )
    title = f"Relative likelihoods (WRES indicators 2-4), {level}s, WRES {year}"
    frame = frame.drop(columns="_key").reset_index(names="code")
    return finish(context, "relative-likelihoods", title, frame, notes)


def disparity_ratios(context: BriefingContext, year: int, level: str) -> PressTable:
    """The three racial disparity ratios with intervals and the bottleneck, worst first."""
    frame = organisations(context, year, level).copy()
    for name in RATIO_NAMES:
        _ratio_columns(frame, pick(context, year, level, "disparity", name), name)
    table = context.indicators
    bottleneck = table[
        (table["level"] == level)
        & (table["year"] == year)
        & (table["staff_group"] == "all")
        & (table["measure"] == "bottleneck")
    ]
    named = dict(
        zip(
            bottleneck["code"].astype(str),
            bottleneck["band"].astype(str).str.replace("_", " "),
            strict=True,
        )
    )
    frame["bottleneck"] = [named.get(code, "not defined") for code in frame.index]
    frame.loc[frame["bottleneck"] == "nan", "bottleneck"] = "not defined"
    overall = pick(context, year, level, "disparity", "lower_to_upper")
    key = _column(frame, overall, "value").where(~too_few(_column(frame, overall, "flag")))
    frame = frame.assign(_key=key).sort_values(["_key", "code"], ascending=[False, True])
    notes = footnote(
        context, year, [DISPARITY_METHOD, *([SUMS_METHOD] if level != "trust" else [])]
    )
    title = f"Racial disparity ratios, {level}s, WRES {year}"
    frame = frame.drop(columns="_key").reset_index(names="code")
    return finish(context, "disparity-ratios", title, frame, notes)


def survey_gaps(context: BriefingContext, year: int, level: str) -> PressTable:
    """Indicators 5 to 8, White against BME, with the gap and its significance."""
    frame = organisations(context, year, level).copy()
    sort_key = None
    for indicator, prefix in SURVEY.items():
        white = pick(context, year, level, indicator, "pct_white", group="White")
        bme = pick(context, year, level, indicator, "pct_bme")
        gap = pick(context, year, level, indicator, "gap_points")
        small_gap = too_few(_column(frame, gap, "flag").fillna(""))
        frame[f"{prefix}_white_pct"] = published(
            _column(frame, white, "value"), 1, too_few(_column(frame, white, "flag").fillna(""))
        )
        frame[f"{prefix}_bme_pct"] = published(
            _column(frame, bme, "value"), 1, too_few(_column(frame, bme, "flag").fillna(""))
        )
        frame[f"{prefix}_gap_pts"] = published(_column(frame, gap, "value"), 1, small_gap)
        significant = (
            _column(frame, gap, "flag")
            .fillna("")
            .str.split(";")
            .map(lambda parts: "significant" in parts)
        )
        p_values = _column(frame, gap, "p_value")
        frame[f"{prefix}_significant"] = np.where(
            small_gap,
            "too few to report",
            np.where(p_values.isna(), "not tested", np.where(significant, "yes", "no")),
        )
        if indicator == "8":
            sort_key = _column(frame, gap, "value").where(~small_gap)
    frame = frame.assign(_key=sort_key).sort_values(["_key", "code"], ascending=[False, True])
    notes = footnote(
        context,
        year,
        [
            "Staff survey: harassment_public = harassment, bullying or abuse from patients, "
            "relatives or the public (indicator 5); harassment_staff = from staff (6); "
            "equal_opportunities = believing the organisation provides equal opportunities for "
            "career progression (7, lower is worse); discrimination = personally experiencing "
            "discrimination from a manager or colleague (8).",
            SURVEY_METHOD,
        ],
    )
    title = f"Staff survey gaps (WRES indicators 5-8), {level}s, WRES {year}"
    frame = frame.drop(columns="_key").reset_index(names="code")
    return finish(context, "survey-gaps", title, frame, notes)


def system_summary(context: BriefingContext, year: int, level: str) -> PressTable:
    """Headline measures per system or region, from summed counts, in code order."""
    frame = organisations(context, year, level).copy()
    trusts = organisations(context, year, "trust").index
    column = {"icb": "icb_code", "region": "region_code"}[level]
    orgs = context.dataset.organisations.set_index("org_code")
    parents = pd.Series([str(orgs.at[c, column]) for c in trusts])
    frame["trusts"] = frame.index.map(parents.value_counts()).fillna(0).astype(int)
    workforce = pick(context, year, level, "1", "bme_share")
    upper = pick(context, year, level, "1", "bme_share", band="upper")
    frame["staff_known_ethnicity"] = published_counts(_column(frame, workforce, "denominator"))
    for name, chosen in (("bme_workforce_pct", workforce), ("bme_upper_bands_pct", upper)):
        small = too_few(_column(frame, chosen, "flag").fillna(""))
        frame[name] = published(_column(frame, chosen, "value"), 1, small)
    board = pick(context, year, level, "9", "board_bme_pct")
    frame["board_bme_pct"] = published(_column(frame, board, "value"), 1)
    gap = pick(context, year, level, "9", "board_gap_points")
    frame["board_gap_pts"] = published(_column(frame, gap, "value"), 1)
    for indicator, prefix in LIKELIHOODS.items():
        chosen = pick(context, year, level, indicator, "relative_likelihood")
        small = too_few(_column(frame, chosen, "flag").fillna(""))
        frame[f"rl_{prefix}"] = published(_column(frame, chosen, "value"), 2, small)
    discrimination = pick(context, year, level, "8", "gap_points")
    small = too_few(_column(frame, discrimination, "flag").fillna(""))
    frame["discrimination_gap_pts"] = published(_column(frame, discrimination, "value"), 1, small)
    notes = footnote(
        context,
        year,
        [
            SUMS_METHOD,
            "bme_upper_bands_pct: BME share of staff at Band 8a and above (VSM included).",
            "board_bme_pct and board_gap_pts: voting board members of the trusts, summed.",
            RL_METHOD,
            "discrimination_gap_pts: indicator 8, BME minus White, in percentage points.",
        ],
    )
    noun = "Systems (ICBs)" if level == "icb" else "Regions"
    title = f"{noun}: WRES summary from summed counts, WRES {year}"
    return finish(context, "system-summary", title, frame.reset_index(names="code"), notes)


def model_employer(context: BriefingContext, year: int, level: str) -> PressTable:
    """A Model Employer: each senior band on or off our straight-line track, with the gap."""
    table = context.model_employer
    rows = table[(table["level"] == level) & (table["year"] == year)].copy()
    rows["code"] = rows["code"].astype(str)
    bands = list(dict.fromkeys(table["band"].astype(str)))
    rows["_band"] = rows["band"].astype(str).map(bands.index)
    rows = rows.sort_values(["code", "_band"])
    public = (rows["band"] == "Board").to_numpy()
    small = pd.Series(DEFAULT_RULE.too_few(rows["staff"]) & ~public, index=rows.index)
    bme_staff = published_counts(rows["bme_staff"])
    bme_staff[public] = published_counts(rows["bme_staff"][public], public=True)
    bme_staff[small.to_numpy()] = published(rows["bme_staff"][small], 0, small[small])
    staff = published_counts(rows["staff"])
    staff[public] = published_counts(rows["staff"][public], public=True)
    gap = published_counts(rows["gap"].where(rows["status"] != "no staff"), public=True)
    gap[small.to_numpy()] = published(rows["gap"][small], 0, small[small])
    status = rows["status"].astype(str).where(~small, "too few to report")
    frame = pd.DataFrame(
        {
            "code": rows["code"],
            "name": rows["name"].astype(str).map(display_name),
            "band": rows["band"].astype(str),
            "target_year": rows["target_year"].astype(int),
            "target_bme_pct": published(100 * rows["target_share"], 1),
            "trajectory_bme_pct": published(100 * rows["line_share"], 1),
            "actual_bme_pct": published(100 * rows["actual_share"], 1, small),
            "bme_staff": bme_staff,
            "staff": staff,
            "status": status,
            "headcount_gap": gap,
        }
    )
    notes = footnote(
        context,
        year,
        [
            "A Model Employer (NHS England, 2019): BME representation at every senior band "
            "should match the BME share of the whole workforce by the target year.",
            "trajectory_bme_pct: a straight line from the band's share in the baseline year to "
            "the target; our approximation, not NHS England's published method.",
            "headcount_gap: more BME staff needed at the band to be on the line this year "
            "(0 when on track). Board members are counted by voting membership.",
            *([SUMS_METHOD] if level != "trust" else []),
        ],
    )
    title = f"A Model Employer: senior bands on or off track, {level}s, WRES {year}"
    return finish(context, "model-employer", title, frame, notes)


CHANGE_MEASURES = (
    *((i, "relative_likelihood", f"rl_{name}") for i, name in LIKELIHOODS.items()),
    *((i, "pct_bme", f"{name}_bme_pct") for i, name in SURVEY.items()),
)
SIGNIFICANCE = 0.05
Z95 = z_value(0.95)


def changes(context: BriefingContext, year: int, level: str) -> pd.DataFrame:
    """Every measure of :data:`CHANGE_MEASURES` against the year before, with a test.

    Relative likelihoods: a z test of the difference of log ratios, each standard error taken
    from its 95% Katz interval. Survey percentages: a two-proportion z test on respondents.
    Rows resting on small numbers in either year, or without a test, are left out.
    """
    frames = []
    for indicator, measure, label in CHANGE_MEASURES:
        now = pick(context, year, level, indicator, measure)
        before = pick(context, year - 1, level, indicator, measure)
        both = now.join(before, how="inner", suffixes=("", "_before"))
        both = both[~too_few(both["flag"]) & ~too_few(both["flag_before"])]
        if measure == "relative_likelihood":
            with np.errstate(divide="ignore", invalid="ignore"):
                se = (np.log(both["ci_high"]) - np.log(both["ci_low"])) / (2 * Z95)
                se_before = (np.log(both["ci_high_before"]) - np.log(both["ci_low_before"])) / (
                    2 * Z95
                )
                z = (np.log(both["value"]) - np.log(both["value_before"])) / np.sqrt(
                    se**2 + se_before**2
                )
            p = pd.Series(2 * norm.sf(np.abs(z.to_numpy(dtype=float))), index=both.index)
        else:
            counts = [
                both[c].to_numpy(dtype=float, na_value=np.nan)
                for c in ("numerator", "denominator", "numerator_before", "denominator_before")
            ]
            z_values, p_values = two_proportion_test(*counts)
            z, p = pd.Series(z_values, index=both.index), pd.Series(p_values, index=both.index)
        frames.append(
            pd.DataFrame(
                {
                    "measure": label,
                    "previous": both["value_before"],
                    "current": both["value"],
                    "z": z,
                    "p_value": p,
                }
            )
        )
    result = pd.concat(frames).rename_axis("code").reset_index()
    result = result[np.isfinite(result["z"].astype(float))]
    result["change"] = result["current"] - result["previous"]
    result["relative_change"] = 100 * result["change"] / result["previous"]
    return result.reset_index(drop=True)


def biggest_changes(context: BriefingContext, year: int, level: str) -> PressTable:
    """Significant changes since the year before, largest relative change first."""
    if year - 1 not in context.dataset.years:
        raise ValueError(f"no year before {year} in the data to compare with")
    found = changes(context, year, level)
    found = found[found["p_value"] < SIGNIFICANCE]
    found = found.assign(_size=found["relative_change"].abs()).sort_values(
        ["_size", "code", "measure"], ascending=[False, True, True]
    )
    names = organisations(context, year, level)["name"]
    ratio = found["measure"].str.startswith("rl_")
    decimals = np.where(ratio, 2, 1)
    frame = pd.DataFrame(
        {
            "code": found["code"],
            "name": found["code"].map(names),
            "measure": found["measure"],
            "unit": np.where(ratio, "ratio", "percent"),
            f"value_{year - 1}": [
                round(v, d) for v, d in zip(found["previous"], decimals, strict=True)
            ],
            f"value_{year}": [round(v, d) for v, d in zip(found["current"], decimals, strict=True)],
            "change": [round(v, d) for v, d in zip(found["change"], decimals, strict=True)],
            "relative_change_pct": found["relative_change"].round(1),
            "p_value": found["p_value"].map(lambda p: float(f"{p:.3g}")),
        }
    )
    notes = footnote(
        context,
        year,
        [
            f"Changes from WRES {year - 1} to {year} with a two-sided p-value under "
            f"{SIGNIFICANCE} (our addition); sorted by the change as a percentage of the "
            "earlier value. Figures resting on small numbers in either year are left out.",
            "rl_*: relative likelihoods (indicators 2-4), z test of the difference of log "
            "ratios with Katz standard errors. *_bme_pct: BME staff survey percentages "
            "(indicators 5-8), two-proportion z test.",
            "With many comparisons, some changes will pass the test by chance (about 1 in 20 "
            "where nothing changed).",
        ],
    )
    title = f"Biggest significant changes since {year - 1}, {level}s, WRES {year}"
    return finish(context, "biggest-changes", title, frame, notes)

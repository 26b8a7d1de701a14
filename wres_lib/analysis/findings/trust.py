"""The candidate findings of one trust in one year (scored as :mod:`wres_lib.analysis.findings`
documents)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from wres_lib.analysis.context import BriefingContext
from wres_lib.analysis.figures import Figure, figure
from wres_lib.analysis.findings import (
    MIN_BOARD_GAP,
    MIN_RUN_YEARS,
    NOTABLE_WORKFORCE_SHARE,
    Finding,
    score,
)
from wres_lib.analysis.findings.ranks import RANK_COLUMNS
from wres_lib.analysis.findings.targets import target_findings
from wres_lib.analysis.published import too_few_staff
from wres_lib.data.schema import UNKNOWN
from wres_lib.indicators.flags import BOTTLENECK, FEW_EVENTS, has_flag

Z95 = 1.959964
# (indicator, measure, band, on a log scale, adverse when it rises) compared with last year.
CHANGE_CELLS = (
    ("1", "bme_share", "upper", False, False),
    ("2", "relative_likelihood", "all", True, True),
    ("3", "relative_likelihood", "all", True, True),
    ("4", "relative_likelihood", "all", True, True),
)
LIKELIHOOD_HEADLINE = 1.25
PROGRESSION = "progression"


def cell_rows(rows: pd.DataFrame, indicator: str, measure: str, band: str = "all") -> pd.DataFrame:
    """The BME, all-staff-group rows of one measure (every year in ``rows``)."""
    return rows[
        (rows["indicator"] == indicator)
        & (rows["measure"] == measure)
        & (rows["band"] == band)
        & (rows["staff_group"] == "all")
        & (rows["group"] == "BME")
    ]


def trust_findings(context: BriefingContext, code: str, year: int) -> list[Finding]:
    """Every finding the data supports for trust ``code`` in ``year``, unscored order."""
    rows = context.slice("trust", code, year)
    history = context.history(code, year)
    found: list[Finding] = []
    found += _all_white(rows, year)
    found += _executive_run(context, code, year)
    found += bottleneck_findings(rows, year)
    found += _ranks(context, code, rows, year)
    found += change_findings(history, year)
    found += board_gap_findings(rows, history, year)
    found += _model_employer(context, code, year)
    found += likelihood_findings(rows, year)
    found += target_findings(context, code, year)
    return found


def _all_white(rows: pd.DataFrame, year: int) -> list[Finding]:
    share = figure(rows, "1", "bme_share_all", year)
    unknown_board = figure(rows, "9", "unknown_pct", year, group=UNKNOWN)
    if not share.available or share.value < NOTABLE_WORKFORCE_SHARE or unknown_board.value != 0:
        return []
    executive = figure(rows, "9", "executive_bme_pct", year)
    non_executive = figure(rows, "9", "non_executive_bme_pct", year)
    if not executive.denominator or executive.numerator != 0:
        return []
    whole = bool(non_executive.denominator) and non_executive.numerator == 0
    kind = "all_white_board" if whole else "all_white_executive"
    figures = {
        "bme_share_all": share.value,
        "executives": executive.denominator,
        "bme_executives": 0,
        "non_executives": non_executive.denominator,
        "bme_non_executives": non_executive.numerator,
    }
    board = rows[(rows["year"] == year) & (rows["indicator"].isin(["1", "9"]))]
    return [Finding(kind, score(kind, share.value / 5), "", figures, board)]


def _executive_run(context: BriefingContext, code: str, year: int) -> list[Finding]:
    history = context.board_history(year)
    if history is None:
        return []
    mine = history.per_org[history.per_org["code"] == code]
    if mine.empty:
        return []
    row = mine.iloc[0]
    if int(row["latest_year"]) != year or int(row["bme_executives_latest"]) != 0:
        return []
    never = pd.isna(row["years_since_bme_exec"])
    run = int(row["years_in_data"] if never else row["years_since_bme_exec"])
    if run < MIN_RUN_YEARS:
        return []
    figures = {"years": run, "since": year - run + 1, "never": bool(never)}
    if not never:
        figures["last_year_with_bme_exec"] = int(row["last_year_with_bme_exec"])
    kind = "no_bme_executive_run"
    return [Finding(kind, score(kind, 4 * run), "", figures, mine)]


def bottleneck_findings(rows: pd.DataFrame, year: int) -> list[Finding]:
    steps = rows[(rows["year"] == year) & (rows["indicator"] == PROGRESSION)]
    if steps.empty:
        return []
    flagged = steps[steps["flag"].astype(str).map(lambda f: has_flag(f, BOTTLENECK))]
    if flagged.empty:
        return []
    row = flagged.iloc[0]
    ratio = float(row["value"])
    figures = {
        "step": str(row["band"]),
        "ratio": ratio,
        "ci_low": float(row["ci_low"]),
        "ci_high": float(row["ci_high"]),
    }
    kind = "bottleneck"
    return [Finding(kind, score(kind, 10 * math.log2(ratio)), "", figures, flagged)]


def _ranks(context: BriefingContext, code: str, rows: pd.DataFrame, year: int) -> list[Finding]:
    """The trust's ranks among all trusts or its peers, looked up in the year's ranks
    (:mod:`wres_lib.analysis.findings.ranks`); ``rows`` are its indicator rows of ``year``."""
    table = context.ranks(year)
    found = []
    for _, place in table[table["code"] == code].iterrows():
        indicator, measure = str(place["indicator"]), str(place["measure"])
        figures = {
            "indicator": indicator,
            "measure": measure,
            "value": float(place["value"]),
            "rank": int(place["rank"]),
            "end": str(place["end"]),
            "of": int(place["of"]),
            "among": str(place["among"]),
            "org_type": str(place["org_type"]),
            "adverse": bool(place["adverse"]),
        }
        if measure == "gap_points":
            for column in ("pct_bme", "pct_white"):
                group = "White" if column == "pct_white" else "BME"
                figures[column] = figure(rows, indicator, column, year, group=group).value
        peer_row = table.loc[[place.name]].drop(columns=list(RANK_COLUMNS))
        points = float(place["score"])
        found.append(Finding("rank", points, f"{indicator}:{measure}", figures, peer_row))
    return found


def _standard_error(fig: Figure, log: bool) -> float | None:
    if fig.ci_low is None or fig.ci_high is None or fig.value is None:
        return None
    if log:
        if min(fig.ci_low, fig.value) <= 0:
            return None
        return (math.log(fig.ci_high) - math.log(fig.ci_low)) / (2 * Z95)
    return (fig.ci_high - fig.ci_low) / (2 * Z95)


def change_interval(now: Figure, before: Figure, log: bool) -> tuple[float, float, float] | None:
    """The change from ``before`` to ``now`` and its 95% interval (on the log scale for
    ratios, from each year's interval width); None when either year lacks an interval."""
    se_now, se_before = _standard_error(now, log), _standard_error(before, log)
    if se_now is None or se_before is None or now.value is None or before.value is None:
        return None
    change = math.log(now.value / before.value) if log else now.value - before.value
    spread = Z95 * math.hypot(se_now, se_before)
    return change, change - spread, change + spread


def change_findings(history: pd.DataFrame, year: int) -> list[Finding]:
    found = []
    for indicator, measure, band, log, adverse_up in CHANGE_CELLS:
        now = figure(history, indicator, measure, year, band=band)
        before = figure(history, indicator, measure, year - 1, band=band)
        usable = now.available and before.available
        if not usable or {FEW_EVENTS} & (set(now.flags) | set(before.flags)):
            continue
        interval = change_interval(now, before, log)
        if interval is None or interval[1] <= 0 <= interval[2]:
            continue
        change, low, high = interval
        z = abs(change) / ((high - low) / (2 * Z95))
        adverse = (change > 0) == adverse_up
        figures = {
            "indicator": indicator,
            "measure": measure,
            "band": band,
            "value": now.value,
            "previous": before.value,
            "change_low": low,
            "change_high": high,
            "adverse": adverse,
        }
        cell = cell_rows(history, indicator, measure, band)
        cell = cell[cell["year"].isin([year, year - 1])]
        scaled = 4 * z + (5 if adverse else 0)
        found.append(Finding("change", score("change", scaled), indicator, figures, cell))
    return found


def board_gap_findings(rows: pd.DataFrame, history: pd.DataFrame, year: int) -> list[Finding]:
    gap = figure(rows, "9", "board_gap_points", year)
    if gap.value is None or gap.value > -MIN_BOARD_GAP:
        return []
    before = figure(history, "9", "board_gap_points", year - 1)
    board = figure(rows, "9", "board_bme_pct", year)
    share = figure(rows, "1", "bme_share", year)
    wider = before.value is not None and gap.value < before.value
    figures = {
        "gap": gap.value,
        "previous_gap": before.value,
        "board_bme_pct": board.value,
        "bme_share": share.value,
        "board_members": board.denominator,
        "bme_board_members": board.numerator,
    }
    scaled = (abs(gap.value) - MIN_BOARD_GAP) / 2 + (5 if wider else 0)
    cell = rows[(rows["year"] == year) & rows["indicator"].isin(["1", "9"])]
    return [Finding("board_gap", score("board_gap", scaled), "", figures, cell)]


def _model_employer(context: BriefingContext, code: str, year: int) -> list[Finding]:
    table = context.model_employer
    now = table[(table["code"] == code) & (table["year"] == year)]
    now = now[(now["status"] == "off track") & ~too_few_staff(now)]
    now = now[now["gap"].fillna(0) > 0]
    if now.empty:
        return []
    worst = now.sort_values(["gap", "band"], ascending=[False, True]).iloc[0]
    figures = {
        "band": str(worst["band"]),
        "gap": int(worst["gap"]),
        "actual_share": 100 * float(worst["actual_share"]),
        "line_share": 100 * float(worst["line_share"]),
        "target_share": 100 * float(worst["target_share"]),
        "target_year": int(worst["target_year"]),
        "off_track_bands": len(now),
    }
    scaled = int(worst["gap"]) / 2
    return [Finding("model_employer", score("model_employer", scaled), "", figures, now)]


def likelihood_findings(rows: pd.DataFrame, year: int) -> list[Finding]:
    found = []
    for indicator in ("2", "3"):
        ratio = figure(rows, indicator, "relative_likelihood", year)
        if not (ratio.rankable and ratio.significant and ratio.value >= LIKELIHOOD_HEADLINE):
            continue
        figures = {
            "indicator": indicator,
            "value": ratio.value,
            "ci_low": ratio.ci_low,
            "ci_high": ratio.ci_high,
        }
        scaled = 10 * float(np.log2(ratio.value))
        cell = cell_rows(rows[rows["year"] == year], indicator, "relative_likelihood")
        found.append(Finding("likelihood", score("likelihood", scaled), indicator, figures, cell))
    return found

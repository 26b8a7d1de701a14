"""Systems held to account: one row per ICB (or region) with the measures they are ranked on.

Every figure of a system comes from its trusts' summed counts (the ``icb`` or ``region`` rows of
the indicator table), except the count of its trusts with no BME executive director, which is
counted from the trusts' own board rows (:func:`wres_lib.analysis.summary.trust_summary`).
Region and national briefings, ICB briefings, the ``system-summary`` table and ``wres stories``
all read this one frame, so a count means the same thing wherever it is quoted.
"""

from __future__ import annotations

import pandas as pd

from wres_lib.analysis.context import BriefingContext, display_name
from wres_lib.analysis.figures import population_bme_share
from wres_lib.analysis.published import too_few
from wres_lib.analysis.summary import trust_summary
from wres_lib.indicators.flags import BOTTLENECK, FEW_EVENTS, has_flag

SYSTEM_LEVELS = ("icb", "region")
# (column, indicator, measure, band, field): figures of the system from summed counts.
SYSTEM_FIGURES = (
    ("bme_share_all_pct", "1", "bme_share_all", "all", "value"),
    ("workforce_bme_pct", "1", "bme_share", "all", "value"),
    ("staff", "1", "bme_share", "all", "denominator"),
    ("board_bme_pct", "9", "board_bme_pct", "all", "value"),
    ("board_gap_points", "9", "board_gap_points", "all", "value"),
    ("rl_appointment", "2", "relative_likelihood", "all", "value"),
    ("rl_appointment_low", "2", "relative_likelihood", "all", "ci_low"),
    ("rl_appointment_high", "2", "relative_likelihood", "all", "ci_high"),
)
# What each rank orders by, and whether a larger value is worse (ranked first).
RANKED_ON = {
    "board_gap_points": False,  # most negative (board furthest below the workforce) first
    "trusts_without_bme_executive": True,
    "rl_appointment": True,
}


def system_table(context: BriefingContext, year: int, level: str = "icb") -> pd.DataFrame:
    """Every system (``level`` "icb") or region in ``year``, in code order.

    Columns: ``code``, ``name``, ``region_code``, ``region_name`` (a region's own for a
    region), ``trusts`` (reporting in the year), ``trusts_reporting_executives``,
    ``trusts_without_bme_executive`` and ``codes_without_bme_executive`` (";"-joined trust
    codes), the figures of :data:`SYSTEM_FIGURES` (NaN where they rest on small numbers),
    ``rl_appointment_rankable``, ``population_bme_pct``, ``bottleneck_step`` and
    ``bottleneck_ratio`` (empty and NaN where no single step stands out), and for each measure
    of :data:`RANKED_ON` a ``rank_<measure>_region`` (among the region's systems) and
    ``rank_<measure>_national`` (among all), 1 the worst, missing where the figure is.
    """
    if level not in SYSTEM_LEVELS:
        raise ValueError(f"level must be one of {', '.join(SYSTEM_LEVELS)}, got {level!r}")
    key = ("system_table", year, level)
    if key not in context.derived:  # computed once per context: every ICB briefing reads it
        context.derived[key] = _system_table(context, year, level)
    return context.derived[key].copy()


def _system_table(context: BriefingContext, year: int, level: str) -> pd.DataFrame:
    organisations = context.dataset.organisations
    trusts = trust_summary(context, year)
    parent = f"{level}_code"
    table = context.indicators
    rows = table[(table["level"] == level) & (table["year"] == year)]
    rows = rows[rows["staff_group"] == "all"]
    codes = sorted(rows["code"].astype(str).unique())
    names = organisations.drop_duplicates(parent).set_index(parent, drop=False)
    frame = pd.DataFrame({"code": codes})
    frame["name"] = [display_name(str(names.at[c, f"{level}_name"])) for c in codes]
    frame["region_code"] = [str(names.at[c, "region_code"]) for c in codes]
    frame["region_name"] = [str(names.at[c, "region_name"]) for c in codes]
    members = trusts.groupby(parent)
    frame["trusts"] = frame["code"].map(members.size()).fillna(0).astype(int)
    reporting = trusts[trusts["executives"] > 0].groupby(parent).size()
    frame["trusts_reporting_executives"] = frame["code"].map(reporting).fillna(0).astype(int)
    without = trusts[trusts["no_bme_executive"]].groupby(parent)["code"]
    frame["trusts_without_bme_executive"] = frame["code"].map(without.size()).fillna(0).astype(int)
    joined = without.agg(lambda c: ";".join(sorted(c)))
    frame["codes_without_bme_executive"] = [joined.get(code, "") for code in codes]
    for column, indicator, measure, band, field in SYSTEM_FIGURES:
        chosen = rows[
            (rows["indicator"] == indicator)
            & (rows["measure"] == measure)
            & (rows["band"] == band)
            & (rows["group"] == "BME")
        ].set_index("code")
        values = chosen[field].astype(float).mask(too_few(chosen))
        frame[column] = frame["code"].map(values)
        if column == "rl_appointment":
            few = chosen["flag"].astype(str).map(lambda flag: has_flag(flag, FEW_EVENTS))
            rankable = frame["code"].map(~few).fillna(False).astype(bool)
            frame["rl_appointment_rankable"] = rankable & frame[column].notna()
    population = context.dataset.population
    frame["population_bme_pct"] = [population_bme_share(population, c, year) for c in codes]
    frame["population_bme_pct"] = frame["population_bme_pct"].astype(float)
    steps = rows[rows["measure"] == "step_ratio"]
    located = steps[steps["flag"].astype(str).map(lambda flag: has_flag(flag, BOTTLENECK))]
    steps_named = dict(zip(located["code"].astype(str), located["band"].astype(str), strict=True))
    ratios = dict(zip(located["code"].astype(str), located["value"].astype(float), strict=True))
    frame["bottleneck_step"] = [steps_named.get(code, "") for code in codes]
    frame["bottleneck_ratio"] = [ratios.get(code, float("nan")) for code in codes]
    for measure, larger_is_worse in RANKED_ON.items():
        values = frame[measure].astype(float)
        if measure == "rl_appointment":
            values = values.where(frame["rl_appointment_rankable"])
        frame[f"rank_{measure}_national"] = _rank(values, larger_is_worse)
        frame[f"rank_{measure}_region"] = values.groupby(frame["region_code"]).transform(
            lambda part, worse=larger_is_worse: _rank(part, worse)
        )
    return frame


def _rank(values: pd.Series, larger_is_worse: bool) -> pd.Series:
    """Competition ranks (1 the worst; ties share the better rank), missing where a value is."""
    ranks = values.rank(method="min", ascending=not larger_is_worse)
    return ranks.astype("Int64").where(values.notna(), pd.NA)


def ranked_count(frame: pd.DataFrame, measure: str, scope: str = "national") -> pd.Series:
    """How many systems each row's ``rank_<measure>_<scope>`` is out of (those with a figure)."""
    ranks = frame[f"rank_{measure}_{scope}"]
    if scope == "national":
        return pd.Series(int(ranks.notna().sum()), index=frame.index)
    return ranks.notna().groupby(frame["region_code"]).transform("sum").astype(int)

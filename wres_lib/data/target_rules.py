"""The rules of the targets table that its columns' kinds cannot say on their own.

Each target is measured on one figure (``measure``, :data:`~wres_lib.data.schema.TARGET_MEASURES`);
which staff group and band it may name and which target values make sense depend on that
figure. A target's due date falls after the baseline's figures (31 March of the baseline
year). Whether the baseline already meets the target needs the indicators, so
:mod:`wres_lib.analysis.targets` checks that, with the same file, row and column.
"""

from __future__ import annotations

import pandas as pd

from wres_lib.data.raw_tables import RawTable
from wres_lib.data.schema import AFC_BANDS, BANDS, TARGET_MEASURES
from wres_lib.data.table_rules import report
from wres_lib.errors import Violation

TARGET_ORG_RULE = "a trust, ICB or region code listed in organisations"
BAND_GROUPS = ("lower", "middle", "upper")
ALL = "all"
# The senior bands of A Model Employer, and its board row.
MODEL_EMPLOYER_BANDS = (*AFC_BANDS[7:], "Board")
# Measures read at a staff group and band; every other measure is of the whole organisation.
SHARE_MEASURES = ("bme_share",)
STEP_MEASURES = ("progression_step_ratio",)
PERCENT_TARGETS = (
    "bme_share",
    "survey_harassment_public",
    "survey_harassment_staff",
    "survey_equal_opportunities",
    "survey_discrimination",
    "board_bme_pct",
    "executive_bme_pct",
)
RATIO_TARGETS = ("rl_appointment", "rl_disciplinary", "rl_training", "progression_step_ratio")
COUNT_TARGETS = ("model_employer_gap",)


def check_targets(raw: RawTable, frame: pd.DataFrame, violations: list[Violation]) -> None:
    """Add to ``violations`` each target whose due date, staff group, band or target value does
    not fit its baseline year or measure."""
    snapshot = pd.to_datetime(frame["baseline_year"].astype(str) + "-03-31", errors="coerce")
    early = (frame["due"] <= snapshot).fillna(False).astype(bool)
    report(raw, "due", early, "a date after 31 March of the baseline_year", violations)
    measure = frame["measure"]
    group = frame["staff_group"].fillna(ALL)
    band = frame["band"].fillna(ALL)
    known = measure.isin(TARGET_MEASURES)  # an unknown measure is reported once, as itself
    fixed = known & ~measure.isin(SHARE_MEASURES + STEP_MEASURES)
    report(
        raw,
        "staff_group",
        fixed & (group != ALL),
        "an empty staff_group (or all): this measure is of the whole organisation",
        violations,
    )
    shares = measure.isin(SHARE_MEASURES) & ~band.isin((*BANDS, *BAND_GROUPS, ALL))
    report(raw, "band", shares, "a band, a band group (lower, middle, upper) or all", violations)
    steps = measure.isin(STEP_MEASURES) & (band == ALL)
    report(raw, "band", steps, "the progression step this target is on", violations)
    senior = measure.isin(COUNT_TARGETS) & ~band.isin(MODEL_EMPLOYER_BANDS)
    report(raw, "band", senior, f"one of {', '.join(MODEL_EMPLOYER_BANDS)}", violations)
    whole = known & ~measure.isin(SHARE_MEASURES + STEP_MEASURES + COUNT_TARGETS)
    whole &= band != ALL
    report(
        raw, "band", whole, "an empty band: this measure is of the whole organisation", violations
    )
    _check_values(raw, frame, violations)


def _check_values(raw: RawTable, frame: pd.DataFrame, violations: list[Violation]) -> None:
    value, measure = frame["target_value"], frame["measure"]
    known = value.notna()
    percent = known & measure.isin(PERCENT_TARGETS) & ~value.between(0, 100)
    report(raw, "target_value", percent, "a percentage from 0 to 100 for this measure", violations)
    ratio = known & measure.isin(RATIO_TARGETS) & ~(value > 0)
    report(raw, "target_value", ratio, "a ratio above 0 for this measure", violations)
    count = known & measure.isin(COUNT_TARGETS) & ~((value >= 0) & (value == value.round()))
    report(raw, "target_value", count, "a whole number of staff, 0 or more", violations)

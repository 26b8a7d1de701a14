"""The indicator catalogue: what each WRES indicator is, in one place every module reads.

One :class:`Indicator` record per indicator (1 to 9, the disparity ratios that NHS England
publishes beside indicator 1, and our progression ladder): the tables its counts come from, the
measures it gives in the tidy table, the side of parity that is adverse, its label for tables
and briefings, and the parts of the sentence that describe it. ``docs/methods.md`` defines each one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Adverse = Literal["above_parity", "bme_higher", "bme_lower", "below_workforce", "none"]


@dataclass(frozen=True)
class Likelihood:
    """How a relative likelihood (indicators 2-4) is counted and said.

    ``first`` is the group in the numerator, as NHS England orients the indicator; a value
    above 1 is adverse to BME staff in every case.
    """

    table: str
    events: str
    total: str
    white_first: bool
    first: str
    second: str
    outcome: str  # "to be appointed from shortlisting"
    who: str  # "shortlisted applicants": the people counted, for notes
    outcome_past: str  # "were appointed": the event, for notes


@dataclass(frozen=True)
class Indicator:
    """One WRES indicator."""

    number: str
    label: str  # the row label of the briefing's indicator table
    tables: tuple[str, ...]
    measures: tuple[str, ...]
    headline_measure: str
    adverse: Adverse
    slug: str = ""  # the column prefix in journalist tables (rl_appointment, ...)
    subject: str = ""  # survey indicators: what staff reported
    likelihood: Likelihood | None = None


# Board memberships of indicator 9, and who each one counts.
MEMBERSHIPS = {
    "board": "voting board members",
    "executive": "executive members",
    "non_executive": "non-executive members",
}
BOARD_PERCENT_MEASURES = tuple(f"{m}_bme_pct" for m in MEMBERSHIPS)
BOARD_MEASURES = (*BOARD_PERCENT_MEASURES, *(f"{m}_gap_points" for m in MEMBERSHIPS))
LIKELIHOOD_MEASURES = ("rate_pct", "relative_likelihood", "unknown_pct")
SURVEY_MEASURES = ("pct_white", "pct_bme", "pct_group", "gap_points")
# Percentages (0-100) whose counts are the row's numerator and denominator.
PERCENT_MEASURES = (
    "bme_share", "bme_share_all", "group_share", "unknown_pct", "rate_pct", "pct_white",
    "pct_bme", "pct_group",
    *BOARD_PERCENT_MEASURES,
)  # fmt: skip

CATALOGUE: tuple[Indicator, ...] = (
    Indicator(
        number="1",
        label="BME share of all staff",
        tables=("workforce",),
        measures=(
            "bme_share",
            "bme_share_all",
            "group_share",
            "representation_ratio",
            "unknown_pct",
        ),
        headline_measure="bme_share_all",
        adverse="none",
    ),
    Indicator(
        number="2",
        label="Appointment from shortlisting, White vs BME",
        tables=("recruitment",),
        measures=LIKELIHOOD_MEASURES,
        headline_measure="relative_likelihood",
        adverse="above_parity",
        slug="appointment",
        likelihood=Likelihood(
            table="recruitment",
            events="appointed",
            total="shortlisted",
            white_first=True,
            first="White applicants",
            second="BME applicants",
            outcome="to be appointed from shortlisting",
            who="shortlisted applicants",
            outcome_past="were appointed",
        ),
    ),
    Indicator(
        number="3",
        label="Entering disciplinary process, BME vs White",
        tables=("disciplinary",),
        measures=(*LIKELIHOOD_MEASURES, "relative_likelihood_2yr"),
        headline_measure="relative_likelihood",
        adverse="above_parity",
        slug="disciplinary",
        likelihood=Likelihood(
            table="disciplinary",
            events="entered",
            total="headcount",
            white_first=False,
            first="BME staff",
            second="White staff",
            outcome="to enter the formal disciplinary process",
            who="staff",
            outcome_past="entered the formal disciplinary process",
        ),
    ),
    Indicator(
        number="4",
        label="Non-mandatory training and CPD, White vs BME",
        tables=("training",),
        measures=LIKELIHOOD_MEASURES,
        headline_measure="relative_likelihood",
        adverse="above_parity",
        slug="training",
        likelihood=Likelihood(
            table="training",
            events="accessed",
            total="headcount",
            white_first=True,
            first="White staff",
            second="BME staff",
            outcome="to access non-mandatory training and CPD",
            who="staff",
            outcome_past="accessed non-mandatory training or CPD",
        ),
    ),
    Indicator(
        number="5",
        label="Harassment from the public: BME minus White",
        tables=("staff_survey",),
        measures=SURVEY_MEASURES,
        headline_measure="gap_points",
        adverse="bme_higher",
        slug="harassment_public",
        subject="harassment, bullying or abuse from patients, relatives or the public",
    ),
    Indicator(
        number="6",
        label="Harassment from staff: BME minus White",
        tables=("staff_survey",),
        measures=SURVEY_MEASURES,
        headline_measure="gap_points",
        adverse="bme_higher",
        slug="harassment_staff",
        subject="harassment, bullying or abuse from staff",
    ),
    Indicator(
        number="7",
        label="Equal opportunities: BME minus White",
        tables=("staff_survey",),
        measures=SURVEY_MEASURES,
        headline_measure="gap_points",
        adverse="bme_lower",
        slug="equal_opportunities",
        subject=(
            "believing the trust provides equal opportunities for career progression or promotion"
        ),
    ),
    Indicator(
        number="8",
        label="Discrimination at work: BME minus White",
        tables=("staff_survey",),
        measures=SURVEY_MEASURES,
        headline_measure="gap_points",
        adverse="bme_higher",
        slug="discrimination",
        subject="discrimination from a manager, team leader or colleague",
    ),
    Indicator(
        number="9",
        label="Voting board minus workforce, BME share",
        tables=("board", "workforce"),
        measures=(*BOARD_MEASURES, "unknown_pct"),
        headline_measure="board_gap_points",
        adverse="below_workforce",
    ),
    Indicator(
        number="disparity",
        label="Racial disparity ratios of the pay-band groups",
        tables=("workforce",),
        measures=("lower_to_middle", "middle_to_upper", "lower_to_upper"),
        headline_measure="lower_to_upper",
        adverse="above_parity",
    ),
    Indicator(
        number="progression",
        label="Progression ladder: White vs BME odds of the higher rung, step by step",
        tables=("workforce",),
        measures=("step_ratio", "step_white_odds"),
        headline_measure="step_ratio",
        adverse="above_parity",
    ),
)

BY_NUMBER = {indicator.number: indicator for indicator in CATALOGUE}
LIKELIHOOD_INDICATORS = tuple(i for i in CATALOGUE if i.likelihood is not None)
SURVEY_INDICATORS = tuple(i for i in CATALOGUE if i.subject)
INDICATOR_NAMES = tuple(i.number for i in CATALOGUE)
# Every measure of the tidy table, in catalogue order (the order of its ``measure`` categories).
MEASURES = tuple(dict.fromkeys(m for i in CATALOGUE for m in i.measures))
# Every table an indicator is counted from, in catalogue order.
SOURCE_TABLES = tuple(dict.fromkeys(t for i in CATALOGUE for t in i.tables))


def indicator(number: str | int) -> Indicator:
    """The catalogue record of indicator ``number`` ("1" to "9", "disparity", "progression")."""
    try:
        return BY_NUMBER[str(number)]
    except KeyError:
        known = ", ".join(BY_NUMBER)
        raise KeyError(f"no indicator {number!r} in the catalogue (known: {known})") from None

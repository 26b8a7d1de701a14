"""The canonical data model: tables, columns, allowed values and keys.

Defined in docs/methods.md, "Data model".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

WHITE = "White"
BME = "BME"
UNKNOWN = "Unknown"
DETAILED_BME_GROUPS = ("Asian", "Black", "Mixed", "Other")
ETHNICITIES = (WHITE, *DETAILED_BME_GROUPS, BME, UNKNOWN)

AFC_BANDS = (
    "Band 1", "Band 2", "Band 3", "Band 4", "Band 5", "Band 6", "Band 7",
    "Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9", "VSM",
)  # fmt: skip
MEDICAL_GRADES = ("Consultant", "Non-consultant career grade", "Trainee grade", "Other medical")
BANDS = AFC_BANDS + MEDICAL_GRADES

STAFF_GROUPS = ("clinical", "non_clinical", "medical")
ORG_TYPES = ("acute", "mental health", "community", "ambulance", "specialist")
BOARD_ROLES = ("executive", "non_executive")
SURVEY_INDICATORS = (5, 6, 7, 8)
# The levels of organisation, smallest first: above trust, figures sum the counts of trusts.
LEVELS = ("trust", "icb", "region", "national")
NATIONAL = "national"

# The seven NHS England regions: ODS code and name.
REGIONS = (
    ("Y56", "London"),
    ("Y59", "South East"),
    ("Y58", "South West"),
    ("Y61", "East of England"),
    ("Y62", "North West"),
    ("Y60", "Midlands"),
    ("Y63", "North East and Yorkshire"),
)

ColumnKind = Literal[
    "text", "code", "year", "count", "percent", "number", "date", "bool", "indicator"
]

# Action-plan targets (docs/targets.md): what a target may be measured on, each a figure of
# the indicator catalogue (wres_lib.models.targets reads them), and how far it must move.
TARGET_MEASURES = (
    "bme_share",  # indicator 1: BME share (%) of staff at a band, band group or all
    "rl_appointment",  # indicator 2: relative likelihood, White vs BME applicants
    "rl_disciplinary",  # indicator 3: relative likelihood, BME vs White staff
    "rl_training",  # indicator 4: relative likelihood, White vs BME staff
    "survey_harassment_public",  # indicators 5-8: per cent of BME staff saying so
    "survey_harassment_staff",
    "survey_equal_opportunities",
    "survey_discrimination",
    "board_bme_pct",  # indicator 9: BME share (%) of voting board members
    "executive_bme_pct",  # indicator 9: BME share (%) of executive members
    "progression_step_ratio",  # the progression ladder: one step's ratio (band = step)
    "model_employer_gap",  # A Model Employer: BME staff short of the line at a senior band
)
TARGET_DIRECTIONS = ("at least", "at most")
# Short (3 to 6 months), medium (6 to 12 months) and long-term (12 months and more) goals.
TARGET_HORIZONS = ("S", "M", "L")


@dataclass(frozen=True)
class Column:
    """A column of a canonical table."""

    name: str
    kind: ColumnKind
    allowed: tuple[str, ...] | None = None
    nullable: bool = False


@dataclass(frozen=True)
class TableSpec:
    """A canonical table: its columns, unique key and cross-column rules."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    required: bool = True
    # Whether a valid dataset needs at least one row (a header-only file is not enough).
    needs_rows: bool = False
    # (smaller, larger): each row must have smaller <= larger.
    not_more_than: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def has_org_code(self) -> bool:
        return "org_code" in self.column_names


def _text(name: str, allowed: tuple[str, ...] | None = None, nullable: bool = False) -> Column:
    return Column(name, "text", allowed, nullable)


def _code(name: str, nullable: bool = False) -> Column:
    """An identifier matching :data:`CODE_PATTERN` (organisation, ICB, region or area code)."""
    return Column(name, "code", None, nullable)


_YEAR = Column("year", "year")
_ORG = _code("org_code")
_ETHNICITY = _text("ethnicity", ETHNICITIES)

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "organisations",
            (
                _ORG,
                _text("org_name"),
                _text("org_type", ORG_TYPES),
                _code("icb_code"),
                _text("icb_name"),
                _code("region_code"),
                _text("region_name"),
                Column("valid_from", "date"),
                Column("valid_to", "date", nullable=True),
                _code("successor_code", nullable=True),
            ),
            key=("org_code",),
        ),
        TableSpec(
            "workforce",
            (
                _YEAR,
                _ORG,
                _text("staff_group", STAFF_GROUPS),
                _text("band", BANDS),
                _ETHNICITY,
                Column("headcount", "count"),
            ),
            key=("year", "org_code", "staff_group", "band", "ethnicity"),
            needs_rows=True,
        ),
        TableSpec(
            "recruitment",
            (_YEAR, _ORG, _ETHNICITY, Column("shortlisted", "count"), Column("appointed", "count")),
            key=("year", "org_code", "ethnicity"),
            not_more_than=(("appointed", "shortlisted"),),
        ),
        TableSpec(
            "disciplinary",
            (_YEAR, _ORG, _ETHNICITY, Column("headcount", "count"), Column("entered", "count")),
            key=("year", "org_code", "ethnicity"),
            not_more_than=(("entered", "headcount"),),
        ),
        TableSpec(
            "training",
            (_YEAR, _ORG, _ETHNICITY, Column("headcount", "count"), Column("accessed", "count")),
            key=("year", "org_code", "ethnicity"),
            not_more_than=(("accessed", "headcount"),),
        ),
        TableSpec(
            "staff_survey",
            (
                _YEAR,
                _ORG,
                Column("indicator", "indicator"),
                _ETHNICITY,
                Column("respondents", "count", nullable=True),
                Column("percent", "percent"),
            ),
            key=("year", "org_code", "indicator", "ethnicity"),
        ),
        TableSpec(
            "board",
            (
                _YEAR,
                _ORG,
                _text("role", BOARD_ROLES),
                Column("voting", "bool"),
                _ETHNICITY,
                Column("members", "count"),
            ),
            key=("year", "org_code", "role", "voting", "ethnicity"),
        ),
        TableSpec(
            "population",
            (_YEAR, _code("area_code"), _ETHNICITY, Column("people", "count")),
            key=("year", "area_code", "ethnicity"),
            required=False,
        ),
        TableSpec(
            "targets",
            (
                _ORG,
                _code("target_id"),
                _text("description"),
                _text("measure", TARGET_MEASURES),
                _text("staff_group", (*STAFF_GROUPS, "all"), nullable=True),
                _text("band", nullable=True),
                Column("baseline_year", "year"),
                Column("target_value", "number"),
                _text("direction", TARGET_DIRECTIONS),
                _text("horizon", TARGET_HORIZONS),
                Column("due", "date"),
                _text("owner"),
            ),
            key=("org_code", "target_id"),
            required=False,
        ),
    )
}

REQUIRED_TABLES = tuple(name for name, spec in TABLES.items() if spec.required)
OPTIONAL_TABLES = tuple(name for name, spec in TABLES.items() if not spec.required)

# The years a dataset may hold: wide enough for any WRES data, narrow enough to catch typos.
FIRST_YEAR, LAST_YEAR = 2000, 2100

# Organisation, ICB, region and area codes are identifiers, never paths or markup: 1 to 16
# letters, digits, "-" or "_", starting with a letter or digit (ODS codes such as RJ1, Y56,
# QMF and ONS codes such as E54000027 fit). Use CODE_PATTERN.fullmatch(text).
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,15}")
CODE_RULE = "a code of 1 to 16 letters, digits, '-' or '_', starting with a letter or digit"

"""Source spellings to the data model's values: ethnic groups, bands, staff groups, roles, years.

Matching ignores case, spacing and the kind of dash. A value with no recode and no close
spelling is passed on unchanged, so validation reports it with its row and column.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping

import pandas as pd

from wres_lib.data.schema import BME, TABLES, UNKNOWN, WHITE
from wres_lib.data.succession import wres_year as year_of_date

# Cells that mark a figure as withheld (small numbers) or not available.
SUPPRESSION_MARKERS = ("*", "c", "-", "..", "x", "[c]", "[x]", "[z]")

_ETHNICITY = {
    WHITE: (
        "white", "white british", "white irish", "white other", "other white",
        "any other white background", "white any other white background",
        "white - any other white background", "english", "welsh", "scottish",
        "northern irish", "british", "irish", "gypsy or irish traveller", "roma",
        "a", "b", "c",  # NHS ethnic category codes (data dictionary, 2001 groups)
    ),
    "Asian": (
        "asian", "asian or asian british", "asian british", "indian", "pakistani",
        "bangladeshi", "any other asian background", "h", "j", "k", "l",
    ),
    "Black": (
        "black", "black or black british", "black british", "caribbean", "african",
        "any other black background", "black african", "black caribbean",
        "black, black british, caribbean or african", "m", "n", "p",
    ),
    "Mixed": (
        "mixed", "mixed or multiple ethnic groups", "mixed/multiple ethnic groups",
        "white and black caribbean", "white and black african", "white and asian",
        "any other mixed background", "any other mixed/multiple ethnic background",
        "d", "e", "f", "g",
    ),
    # Chinese is in "Other ethnic groups" in the NHS 2001 categories that ESR and WRES use.
    "Other": (
        "other", "other ethnic group", "other ethnic groups", "any other ethnic group",
        "chinese", "arab", "any other", "r", "s",
    ),
    BME: (
        "bme", "bame", "b.m.e.", "ethnic minority", "ethnic minorities", "minority ethnic",
        "black and minority ethnic", "black, asian and minority ethnic",
        "black asian and minority ethnic", "bme total", "all bme", "non-white", "non white",
        "global majority",
    ),
    UNKNOWN: (
        "unknown", "not stated", "not known", "not given", "not specified", "unspecified",
        "prefer not to say", "not disclosed", "undisclosed", "null", "blank", "missing",
        "unknown/not stated", "not stated/unknown", "z", "99",
    ),
}  # fmt: skip

_STAFF_GROUP = {
    "clinical": (
        "clinical", "non-medical clinical", "professionally qualified clinical staff",
        "support to clinical staff",
    ),
    "non_clinical": (
        "non-clinical", "non clinical", "nonclinical", "non_clinical", "non-clinical staff",
        "nhs infrastructure support", "infrastructure support",
    ),
    "medical": (
        "medical", "medical and dental", "medical & dental", "hchs doctors", "doctors",
    ),
}  # fmt: skip

_MEDICAL_GRADES = {
    "Consultant": ("consultant", "consultants"),
    "Non-consultant career grade": (
        "non-consultant career grade", "non consultant career grade", "career grade",
        "career grades", "specialty doctor", "specialty doctors", "associate specialist",
        "staff grade", "sas", "sas doctors", "specialist",
    ),
    "Trainee grade": (
        "trainee grade", "trainee grades", "trainee", "trainees", "doctors in training",
        "junior doctor", "junior doctors", "foundation", "specialty registrar",
    ),
    "Other medical": ("other medical", "other medical staff", "other"),
}  # fmt: skip

_ROLE = {
    "executive": ("executive", "executive director", "executive directors", "exec", "execs"),
    "non_executive": (
        "non-executive", "non executive", "non_executive", "non-executive director",
        "non-executive directors", "non executive director", "ned", "neds", "chair",
    ),
}  # fmt: skip

_VOTING = {
    "true": ("voting", "voting member", "yes - voting"),
    "false": ("non-voting", "non voting", "nonvoting", "non-voting member"),
}

_ORG_TYPE = {
    "acute": (
        "acute", "acute trust", "acute trusts", "acute and acute & community trusts",
        "acute and community", "acute & community",
    ),
    "mental health": (
        "mental health", "mental health trust", "mental health and learning disability",
        "mental health & learning disability",
        "mental health & learning disability and mental health, learning disability "
        "& community trusts",
        "mental health, learning disability & community",
    ),
    "community": ("community", "community trust", "community trusts"),
    "ambulance": ("ambulance", "ambulance trust", "ambulance trusts"),
    "specialist": ("specialist", "acute specialist", "acute specialist trusts"),
}  # fmt: skip

_VSM = ("vsm", "very senior manager", "very senior managers", "very senior management")


def _key(text: str) -> str:
    """Case, spacing and dashes folded, for matching."""
    folded = re.sub(r"[\u2010-\u2015\u2212]", "-", text.casefold())
    return re.sub(r"\s+", " ", folded.replace("\u00a0", " ")).strip()


def _invert(groups: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {_key(spelling): value for value, spellings in groups.items() for spelling in spellings}


def _band_recodes() -> dict[str, str]:
    recodes = _invert(_MEDICAL_GRADES) | {spelling: "VSM" for spelling in _VSM}
    for number in [*"1234567", "9"]:
        recodes[number] = f"Band {number}"
    for letter in "abcd":
        recodes[f"8{letter}"] = f"Band 8{letter}"
    return recodes


DEFAULT_RECODES: dict[str, dict[str, str]] = {
    "ethnicity": _invert(_ETHNICITY),
    "staff_group": _invert(_STAFF_GROUP),
    "band": _band_recodes(),
    "role": _invert(_ROLE),
    "voting": _invert(_VOTING),
    "org_type": _invert(_ORG_TYPE),
}

_GROUP_SEPARATOR = re.compile(r"\s*(?:-|:|/|,|\()\s*")
_BAND_NOISE = re.compile(r"^(?:agenda for change|afc)?\s*(?:band)?\s*|\s|-|range|\(|\)")


def _allowed(column: str) -> dict[str, str]:
    for spec in TABLES.values():
        for candidate in spec.columns:
            if candidate.name == column and candidate.allowed is not None:
                return {_key(value): value for value in candidate.allowed}
    return {}


def recoder(column: str, extra: Mapping[str, str] | None = None) -> Callable[[str], str]:
    """A function giving the data model's spelling of a value of ``column`` (or the value).

    Tried in turn: ``extra`` (a mapping's own recodes), the allowed values themselves, the
    default recodes, and for ethnicity the broad group before a separator ("Asian or Asian
    British - Indian" is Asian) and for band the band number ("AfC Band 8 - Range A").
    """
    own = {_key(source): str(target) for source, target in (extra or {}).items()}
    table = DEFAULT_RECODES.get(column, {}) | _allowed(column) | own

    def recode(text: str) -> str:
        if not text:
            return text
        key = _key(text)
        if key in table:
            return table[key]
        if column == "ethnicity":
            return table.get(_GROUP_SEPARATOR.split(key, maxsplit=1)[0], text)
        if column == "band":
            return table.get(_BAND_NOISE.sub("", key), text)
        return text

    return recode


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:([,\u00a0\u202f ])\d{3})(?:\1\d{3})*(?:\.\d+)?$")


def plain_number(text: str) -> str:
    """``text`` without thousands separators ("1,234" is "1234").

    A per cent sign is kept, so that validation reports "50%" in a count as not a number; only
    :func:`plain_percent` (for percentage columns) drops it.
    """
    stripped = text.strip()
    if _THOUSANDS.match(stripped):
        return re.sub(r"[,\u00a0\u202f ]", "", stripped)
    return stripped


def plain_percent(text: str) -> str:
    """A percentage as :func:`plain_number` gives it, also without a trailing per cent sign
    ("12.5%" is "12.5")."""
    return plain_number(text.strip().removesuffix("%"))


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-\d{2}")
_MONTH_YEAR = re.compile(r"^(?:\d{1,2}\s+)?([a-z]{3})[a-z]*\.?,?\s+(\d{4})$")
_MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name}
_FINANCIAL_YEAR = re.compile(r"(?<!\d)(\d{4})\s*(?:-|/|to)\s*(\d{2}|\d{4})(?!\d)")
_A_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def wres_year(text: str) -> str:
    """The WRES year a cell names, 1 April Y-1 to 31 March Y being year Y: "2024", the
    financial years "2023-24", "2023/2024" and "FY 2023-24", and the dates "2024-03-31",
    "31/03/2024", "March 2024" and "2023-09-30" all give 2024 (a date in April or later
    belongs to the next year, as in :func:`wres_lib.data.succession.wres_year`)."""
    folded = _key(text).removesuffix(".0")
    month_year = _month_and_year(folded)
    if month_year is not None:
        month, year = month_year
        return str(year_of_date(pd.Timestamp(year=year, month=month, day=1)))
    if match := _FINANCIAL_YEAR.search(folded):
        start, end = int(match.group(1)), match.group(2)
        end_year = int(end) if len(end) == 4 else (start + 1) // 100 * 100 + int(end)
        return str(end_year) if end_year == start + 1 else text
    years = _A_YEAR.findall(folded)
    return years[0] if len(set(years)) == 1 else text


def _month_and_year(folded: str) -> tuple[int, int] | None:
    """The month and year of a date (as :func:`iso_date` reads them) or of "March 2024"."""
    if match := _ISO_DATE.match(iso_date(folded)):
        month, year = int(match.group(2)), int(match.group(1))
    elif (match := _MONTH_YEAR.match(folded)) and match.group(1) in _MONTHS:
        month, year = _MONTHS[match.group(1)], int(match.group(2))
    else:
        return None
    return (month, year) if 1 <= month <= 12 else None


_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def iso_date(text: str) -> str:
    """``text`` as YYYY-MM-DD when it is YYYYMMDD (ODS files) or DD/MM/YYYY (UK style)."""
    stripped = text.strip()
    if match := _COMPACT_DATE.match(stripped):
        return "-".join(match.groups())
    if match := _UK_DATE.match(stripped):
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return stripped

"""The rules one table must keep on its own: each value of its column's kind and among the
allowed values, counts whole and in range, smaller counts within their totals, unique keys,
detailed ethnic groups and a BME total not mixed, and medical grades only for medical staff.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.data.raw_tables import RawTable
from wres_lib.data.schema import (
    BME,
    CODE_PATTERN,
    CODE_RULE,
    DETAILED_BME_GROUPS,
    FIRST_YEAR,
    LAST_YEAR,
    MEDICAL_GRADES,
    SURVEY_INDICATORS,
    Column,
)
from wres_lib.errors import Violation

INTEGER_KINDS = frozenset({"year", "count", "indicator"})
TRUE_WORDS = frozenset({"true", "yes", "1", "y", "t"})
FALSE_WORDS = frozenset({"false", "no", "0", "n", "f"})
# The largest count accepted: far above any real one, and exact as a float and as int64.
MAX_COUNT = 10**12
WHOLE_NUMBER = "a whole number of 0 or more"


def typed_table(raw: RawTable, violations: list[Violation]) -> pd.DataFrame:
    """``raw`` with each column of its kind, adding every broken rule to ``violations``.

    Values that failed to parse were reported; in whole-number columns they read as 0.
    """
    typed = {column.name: _parse_column(raw, column, violations) for column in raw.spec.columns}
    frame = pd.DataFrame(typed)
    _check_not_more_than(raw, frame, violations)
    _check_unique_key(raw, violations)
    if "ethnicity" in frame.columns:
        _check_bme_not_mixed(raw, frame, violations)
    if raw.spec.name == "workforce":
        _check_medical_grades(raw, frame, violations)
    whole = [c.name for c in raw.spec.columns if c.kind in INTEGER_KINDS and not c.nullable]
    return frame.fillna(dict.fromkeys(whole, 0)).astype(dict.fromkeys(whole, "int64"))


def report(raw: RawTable, column: str, mask: pd.Series, expected: str, out: list) -> None:
    """A violation for each record of ``raw`` where ``mask`` is true, at its row and column."""
    values = raw.frame[column].to_numpy()
    for index, row in zip(np.flatnonzero(mask.to_numpy()), raw.rows(mask), strict=True):
        out.append(
            Violation(raw.file, int(row), raw.column(column, index), str(values[index]), expected)
        )


def _parse_column(raw: RawTable, column: Column, violations: list[Violation]) -> pd.Series:
    text = raw.frame[column.name]
    empty = text == ""
    if not column.nullable:
        report(raw, column.name, empty, "a value (the cell is empty)", violations)
    present = ~empty
    if column.kind == "text":
        if column.allowed is not None:
            bad = present & ~text.isin(column.allowed)
            report(raw, column.name, bad, f"one of {', '.join(column.allowed)}", violations)
        return text.where(present, None)
    if column.kind == "code":
        matches = text.str.fullmatch(CODE_PATTERN.pattern).fillna(False).astype(bool)
        bad = present & ~matches
        report(raw, column.name, bad, CODE_RULE, violations)
        return text.where(present, None)
    if column.kind == "date":
        parsed = pd.to_datetime(text.where(present), format="ISO8601", errors="coerce")
        report(raw, column.name, present & parsed.isna(), "a date as YYYY-MM-DD", violations)
        return parsed.astype("datetime64[ns]")
    if column.kind == "bool":
        lowered = text.str.lower()
        bad = present & ~lowered.isin(TRUE_WORDS | FALSE_WORDS)
        report(raw, column.name, bad, "true or false", violations)
        return lowered.isin(TRUE_WORDS)
    # As floats, so that "1e20", "inf" and 2**63 are numbers to judge, never a failed cast.
    numbers = pd.to_numeric(text.where(present), errors="coerce").astype("float64")
    not_number = present & numbers.isna()
    if column.kind == "percent":
        report(raw, column.name, not_number, "a percentage from 0 to 100", violations)
        out_of_range = present & ~not_number & ~numbers.between(0, 100)
        report(raw, column.name, out_of_range, "a percentage from 0 to 100", violations)
        return numbers
    finite = pd.Series(np.isfinite(numbers), index=numbers.index)
    if column.kind == "number":
        report(raw, column.name, present & ~finite, "a number", violations)
        return numbers.where(finite)
    whole = finite & (numbers == np.floor(numbers.where(finite, 0)))
    expected, valid = _integer_rule(column, numbers)
    too_large = present & (numbers > MAX_COUNT) & (column.kind == "count")
    report(raw, column.name, present & ~(whole & valid) & ~too_large, expected, violations)
    report(
        raw,
        column.name,
        too_large,
        f"{WHOLE_NUMBER}, at most {MAX_COUNT:,} (a larger count is a typing or unit error)",
        violations,
    )
    return numbers.where(whole & valid & ~too_large).round().astype("Int64")


def _integer_rule(column: Column, numbers: pd.Series) -> tuple[str, pd.Series]:
    if column.kind == "year":
        return f"a year from {FIRST_YEAR} to {LAST_YEAR}", numbers.between(FIRST_YEAR, LAST_YEAR)
    if column.kind == "indicator":
        allowed = ", ".join(str(i) for i in SURVEY_INDICATORS)
        return f"a staff survey indicator ({allowed})", numbers.isin(SURVEY_INDICATORS)
    return WHOLE_NUMBER, numbers >= 0


def _check_not_more_than(raw: RawTable, frame: pd.DataFrame, violations: list) -> None:
    for smaller, larger in raw.spec.not_more_than:
        mask = (frame[smaller] > frame[larger]).fillna(False).astype(bool)
        values = frame[larger].to_numpy()
        for index, row in zip(np.flatnonzero(mask), raw.rows(mask), strict=True):
            violations.append(
                Violation(
                    raw.file,
                    int(row),
                    raw.column(smaller, index),
                    str(raw.frame[smaller].iat[index]),
                    f"no more than {larger} ({values[index]})",
                )
            )


def _check_unique_key(raw: RawTable, violations: list[Violation]) -> None:
    key = list(raw.spec.key)
    duplicated = raw.frame.duplicated(subset=key, keep="first")
    first_rows = (
        raw.frame.reset_index().groupby(key, sort=False)["index"].transform("first").to_numpy()
    )
    for index, row in zip(np.flatnonzero(duplicated), raw.rows(duplicated), strict=True):
        values = ", ".join(f"{c}={raw.frame[c].iat[index]}" for c in key)
        violations.append(
            Violation(
                raw.file,
                int(row),
                ", ".join(key),
                values,
                f"one row per {', '.join(key)} (repeats row {raw.row_numbers[first_rows[index]]})",
            )
        )


def _check_bme_not_mixed(raw: RawTable, frame: pd.DataFrame, violations: list) -> None:
    """A file gives detailed groups or the BME total for an organisation-year, never both."""
    place = "org_code" if "org_code" in frame.columns else "area_code"
    org_year = [place, "year"] if "year" in frame.columns else [place]
    detailed = frame["ethnicity"].isin(DETAILED_BME_GROUPS)
    total = frame["ethnicity"] == BME
    has_detailed = detailed.groupby([frame[c] for c in org_year]).transform("any")
    mask = total & has_detailed
    report(
        raw,
        "ethnicity",
        mask,
        f"either detailed groups (Asian, Black, Mixed, Other) or a BME total for each "
        f"{place} and year, not both",
        violations,
    )


def _check_medical_grades(raw: RawTable, frame: pd.DataFrame, violations: list) -> None:
    mask = frame["band"].isin(MEDICAL_GRADES) & (frame["staff_group"] != "medical")
    report(raw, "band", mask, "an Agenda for Change band or VSM for non-medical staff", violations)

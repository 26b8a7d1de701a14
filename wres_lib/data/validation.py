"""Validate a dataset folder against the data model, collecting every violation at once.

The checks run in order: ``dataset.yaml`` readable; each required table present (CSV or
Parquet); file checksums match ``dataset.yaml``; required columns present; each value of the
right type and among the allowed values; counts non-negative integers; cross-column rules
(e.g. appointed <= shortlisted); unique keys; detailed ethnic groups and a BME total not mixed
for one organisation-year; successor codes that name a listed organisation and never go round
in a cycle (:func:`wres_lib.data.succession.successor_cycles`); and every org_code known in
``organisations`` for that year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from wres_lib.data.metadata import (
    METADATA_FILE,
    DatasetMetadata,
    metadata_from_dict,
    read_metadata_file,
    sha256_of,
    table_files,
)
from wres_lib.data.schema import (
    BME,
    DETAILED_BME_GROUPS,
    FIRST_YEAR,
    LAST_YEAR,
    MEDICAL_GRADES,
    SURVEY_INDICATORS,
    TABLES,
    Column,
    TableSpec,
)
from wres_lib.data.succession import cycle_text, successor_cycles
from wres_lib.errors import Violation

INTEGER_KINDS = frozenset({"year", "count", "indicator"})
TRUE_WORDS = frozenset({"true", "yes", "1", "y", "t"})
FALSE_WORDS = frozenset({"false", "no", "0", "n", "f"})


@dataclass
class _RawTable:
    """A table as read from its file: every value as text, with the file's row numbering."""

    spec: TableSpec
    file: str
    frame: pd.DataFrame
    row_numbers: np.ndarray  # each record's row as the file shows it (in CSV the header is 1)
    # Where each cell came from, when the file's columns are not the table's (importers).
    column_labels: pd.DataFrame | None = None

    def rows(self, mask: np.ndarray | pd.Series) -> np.ndarray:
        return self.row_numbers[np.flatnonzero(np.asarray(mask))]

    def column(self, name: str, index: int) -> str:
        """The name to report for column ``name`` of record ``index``."""
        return name if self.column_labels is None else str(self.column_labels[name].iat[index])


def validate_folder(
    folder: Path,
) -> tuple[DatasetMetadata | None, dict[str, pd.DataFrame | None], list[Violation]]:
    """Check the dataset folder; return its metadata, typed tables and every violation found."""
    violations: list[Violation] = []
    if not folder.is_dir():
        return None, {}, [Violation(str(folder), None, None, None, "a dataset folder")]

    metadata = _read_metadata(folder, violations)
    raw_tables = _read_tables(folder, metadata, violations)
    typed: dict[str, pd.DataFrame | None] = {name: None for name in TABLES}
    for name, raw in raw_tables.items():
        typed[name] = _check_table(raw, violations)
    organisations = typed.get("organisations")
    if organisations is not None:
        for name, raw in raw_tables.items():
            frame = typed[name]
            if raw.spec.has_org_code and name != "organisations" and frame is not None:
                _check_orgs_known(raw, frame, organisations, violations)
    return metadata, typed, violations


def validate(path: str | Path) -> list[Violation]:
    """Every violation in the dataset folder at ``path`` (an empty list when it is clean)."""
    return validate_folder(Path(path))[2]


def check_text_table(
    name: str,
    frame: pd.DataFrame,
    file: str,
    rows: Sequence[int],
    column_labels: pd.DataFrame | None = None,
    organisations: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, list[Violation]]:
    """Check one table held as text, by the rules :func:`validate_folder` applies to a file.

    ``frame`` has the table's columns as stripped strings ("" when empty); ``rows`` gives each
    record's row in ``file``; ``column_labels`` (same shape as ``frame``) names the source
    column of each cell when it differs from the table's; with ``organisations`` (typed), every
    org_code is also checked against it. Returns the typed table and every violation.
    """
    violations: list[Violation] = []
    raw = _RawTable(
        TABLES[name],
        file,
        frame.reset_index(drop=True),
        np.asarray(rows, dtype=int),
        None if column_labels is None else column_labels.reset_index(drop=True),
    )
    typed = _check_table(raw, violations)
    if organisations is not None and raw.spec.has_org_code and name != "organisations":
        _check_orgs_known(raw, typed, organisations, violations)
    return typed, violations


def _read_metadata(folder: Path, violations: list[Violation]) -> DatasetMetadata | None:
    path = folder / METADATA_FILE
    if not path.exists():
        violations.append(
            Violation(METADATA_FILE, None, None, None, "a dataset.yaml file describing the dataset")
        )
        return None
    try:
        raw = read_metadata_file(path)
        return metadata_from_dict(raw, folder.name)
    except (yaml.YAMLError, ValueError, KeyError, TypeError, AttributeError) as error:
        violations.append(
            Violation(METADATA_FILE, None, None, None, f"valid dataset metadata ({error})")
        )
        return None


def _read_tables(
    folder: Path, metadata: DatasetMetadata | None, violations: list[Violation]
) -> dict[str, _RawTable]:
    tables: dict[str, _RawTable] = {}
    found_files: set[str] = set()
    for name, paths in table_files(folder).items():
        spec = TABLES[name]
        if not paths:
            if spec.required:
                violations.append(
                    Violation(f"{name}.csv", None, None, None, f"the required table '{name}'")
                )
            continue
        if len(paths) > 1:
            names = " and ".join(p.name for p in paths)
            violations.append(
                Violation(names, None, None, None, f"one file for table '{name}', not two")
            )
        found_files.update(p.name for p in paths)
        path = paths[0]
        if metadata is not None:
            _check_checksum(path, metadata, violations)
        raw = _read_raw(path, spec, violations)
        if raw is not None:
            tables[name] = raw
    if metadata is not None:
        for listed in sorted(set(metadata.files) - found_files):
            violations.append(
                Violation(METADATA_FILE, None, "files", listed, "only files present in the folder")
            )
    return tables


def _check_checksum(path: Path, metadata: DatasetMetadata, violations: list[Violation]) -> None:
    expected = metadata.files.get(path.name)
    if expected is None:
        violations.append(
            Violation(path.name, None, None, None, f"a sha256 for this file in {METADATA_FILE}")
        )
        return
    actual = sha256_of(path)
    if actual != expected:
        violations.append(
            Violation(
                path.name,
                None,
                None,
                f"sha256 {actual[:12]}…",
                f"sha256 {expected[:12]}… as recorded in {METADATA_FILE} (the file was "
                "changed; run 'wres checksums DIR --update' if the change is intended)",
            )
        )


def _read_raw(path: Path, spec: TableSpec, violations: list[Violation]) -> _RawTable | None:
    try:
        if path.suffix == ".csv":
            frame = pd.read_csv(
                path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig"
            )
            first_row = 2
        else:
            frame = pd.read_parquet(path)
            frame = frame.astype(object).where(frame.notna(), "").astype(str)
            first_row = 1
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        violations.append(Violation(path.name, None, None, None, f"a readable table ({error})"))
        return None
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in spec.column_names if c not in frame.columns]
    for column in missing:
        violations.append(Violation(path.name, 1, column, None, f"a column named '{column}'"))
    if missing:
        return None
    frame = frame.loc[:, list(spec.column_names)].apply(lambda s: s.str.strip())
    return _RawTable(
        spec, path.name, frame.reset_index(drop=True), np.arange(len(frame)) + first_row
    )


def _check_table(raw: _RawTable, violations: list[Violation]) -> pd.DataFrame:
    typed = {column.name: _parse_column(raw, column, violations) for column in raw.spec.columns}
    frame = pd.DataFrame(typed)
    _check_not_more_than(raw, frame, violations)
    _check_unique_key(raw, violations)
    if "ethnicity" in frame.columns:
        _check_bme_not_mixed(raw, frame, violations)
    if raw.spec.name == "workforce":
        _check_medical_grades(raw, frame, violations)
    if raw.spec.name == "organisations":
        _check_organisation_dates(raw, frame, violations)
        _check_successor_cycles(raw, frame, violations)
    # Values that failed to parse were reported above; as whole numbers they read as 0.
    whole = [c.name for c in raw.spec.columns if c.kind in INTEGER_KINDS and not c.nullable]
    return frame.fillna(dict.fromkeys(whole, 0)).astype(dict.fromkeys(whole, "int64"))


def _report(raw: _RawTable, column: str, mask: pd.Series, expected: str, out: list) -> None:
    values = raw.frame[column].to_numpy()
    for index, row in zip(np.flatnonzero(mask.to_numpy()), raw.rows(mask), strict=True):
        out.append(
            Violation(raw.file, int(row), raw.column(column, index), str(values[index]), expected)
        )


def _parse_column(raw: _RawTable, column: Column, violations: list[Violation]) -> pd.Series:
    text = raw.frame[column.name]
    empty = text == ""
    if not column.nullable:
        _report(raw, column.name, empty, "a value (the cell is empty)", violations)
    present = ~empty
    if column.kind == "text":
        if column.allowed is not None:
            bad = present & ~text.isin(column.allowed)
            _report(raw, column.name, bad, f"one of {', '.join(column.allowed)}", violations)
        return text.where(present, None)
    if column.kind == "date":
        parsed = pd.to_datetime(text.where(present), format="ISO8601", errors="coerce")
        _report(raw, column.name, present & parsed.isna(), "a date as YYYY-MM-DD", violations)
        return parsed.astype("datetime64[ns]")
    if column.kind == "bool":
        lowered = text.str.lower()
        bad = present & ~lowered.isin(TRUE_WORDS | FALSE_WORDS)
        _report(raw, column.name, bad, "true or false", violations)
        return lowered.isin(TRUE_WORDS)
    numbers = pd.to_numeric(text.where(present), errors="coerce")
    not_number = present & numbers.isna()
    if column.kind == "percent":
        _report(raw, column.name, not_number, "a percentage from 0 to 100", violations)
        out_of_range = present & ~not_number & ((numbers < 0) | (numbers > 100))
        _report(raw, column.name, out_of_range, "a percentage from 0 to 100", violations)
        return numbers.astype("float64")
    whole = numbers.notna() & (numbers == np.floor(numbers))
    expected, valid = _integer_rule(column, numbers)
    bad = present & ~(whole & valid)
    _report(raw, column.name, bad, expected, violations)
    return numbers.where(whole & valid).round().astype("Int64")


def _integer_rule(column: Column, numbers: pd.Series) -> tuple[str, pd.Series]:
    if column.kind == "year":
        return f"a year from {FIRST_YEAR} to {LAST_YEAR}", numbers.between(FIRST_YEAR, LAST_YEAR)
    if column.kind == "indicator":
        allowed = ", ".join(str(i) for i in SURVEY_INDICATORS)
        return f"a staff survey indicator ({allowed})", numbers.isin(SURVEY_INDICATORS)
    return "a whole number of 0 or more", numbers >= 0


def _check_not_more_than(raw: _RawTable, frame: pd.DataFrame, violations: list) -> None:
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


def _check_unique_key(raw: _RawTable, violations: list[Violation]) -> None:
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


def _check_bme_not_mixed(raw: _RawTable, frame: pd.DataFrame, violations: list) -> None:
    """A file gives detailed groups or the BME total for an organisation-year, never both."""
    place = "org_code" if "org_code" in frame.columns else "area_code"
    org_year = [place, "year"] if "year" in frame.columns else [place]
    detailed = frame["ethnicity"].isin(DETAILED_BME_GROUPS)
    total = frame["ethnicity"] == BME
    has_detailed = detailed.groupby([frame[c] for c in org_year]).transform("any")
    mask = total & has_detailed
    _report(
        raw,
        "ethnicity",
        mask,
        f"either detailed groups (Asian, Black, Mixed, Other) or a BME total for each "
        f"{place} and year, not both",
        violations,
    )


def _check_organisation_dates(raw: _RawTable, frame: pd.DataFrame, violations: list) -> None:
    """valid_to is not before valid_from; a successor_code names a listed organisation."""
    backwards = (frame["valid_to"] < frame["valid_from"]).fillna(False).astype(bool)
    _report(raw, "valid_to", backwards, "a date on or after valid_from", violations)
    successor = frame["successor_code"]
    unknown = successor.notna() & ~successor.isin(frame["org_code"])
    _report(raw, "successor_code", unknown, "an org_code listed in organisations", violations)


def _check_successor_cycles(raw: _RawTable, frame: pd.DataFrame, violations: list) -> None:
    """successor_code never leads back to where it started (A -> B -> A, or A -> A): each
    organisation in a cycle is reported at its row, with the cycle's codes and rows."""
    first_row = {}
    for index, code in enumerate(frame["org_code"]):
        first_row.setdefault(str(code), index)  # lineage reads an org_code's first row too
    for cycle in successor_cycles(frame):
        indices = [first_row[code] for code in cycle]
        rows = [int(raw.row_numbers[index]) for index in indices]
        listed = ", ".join(str(row) for row in rows[:-1])
        listed = f"{listed} and {rows[-1]}" if listed else str(rows[-1])
        expected = (
            "a successor that does not lead back to this organisation "
            f"(successor_code goes round: {cycle_text(cycle)}; row{'s' * (len(rows) > 1)} {listed})"
        )
        for index, row in zip(indices, rows, strict=True):
            violations.append(
                Violation(
                    raw.file,
                    row,
                    raw.column("successor_code", index),
                    str(raw.frame["successor_code"].iat[index]),
                    expected,
                )
            )


def _check_medical_grades(raw: _RawTable, frame: pd.DataFrame, violations: list) -> None:
    mask = frame["band"].isin(MEDICAL_GRADES) & (frame["staff_group"] != "medical")
    _report(raw, "band", mask, "an Agenda for Change band or VSM for non-medical staff", violations)


def _check_orgs_known(
    raw: _RawTable, frame: pd.DataFrame, organisations: pd.DataFrame, violations: list
) -> None:
    """Every org_code is in organisations and open during the WRES year of its row."""
    known = organisations.drop_duplicates("org_code").set_index("org_code")
    codes = frame["org_code"]
    unknown = codes.notna() & ~codes.isin(known.index)
    _report(raw, "org_code", unknown, "an org_code listed in organisations", violations)
    if "year" not in frame.columns:
        return
    listed = codes.isin(known.index)
    valid_from = codes.map(known["valid_from"])
    valid_to = codes.map(known["valid_to"])
    year_end = pd.to_datetime(frame["year"].astype(str) + "-03-31", errors="coerce")
    year_start = pd.to_datetime((frame["year"] - 1).astype(str) + "-04-01", errors="coerce")
    closed = listed & ((valid_from > year_end) | (valid_to.notna() & (valid_to < year_start)))
    values = frame["year"].to_numpy()
    for index, row in zip(np.flatnonzero(closed), raw.rows(closed), strict=True):
        code = codes.iat[index]
        start, end = valid_from.iat[index], valid_to.iat[index]
        period = f"{start:%Y-%m-%d} to {'now' if pd.isna(end) else f'{end:%Y-%m-%d}'}"
        violations.append(
            Violation(
                raw.file,
                int(row),
                raw.column("year", index),
                str(values[index]),
                f"a year when {code} was open ({period} in organisations)",
            )
        )

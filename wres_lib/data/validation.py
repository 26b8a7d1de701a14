"""Validate a dataset folder against the data model, collecting every violation at once.

The checks run in order: ``dataset.yaml`` readable (:mod:`wres_lib.data.metadata`); each
required table present as a regular file (CSV or Parquet, read by :mod:`wres_lib.data.raw_tables`);
file checksums match ``dataset.yaml``; required columns present; the rules of each table
(:mod:`wres_lib.data.table_rules`: types, allowed values, codes, counts, keys); the workforce
table not empty; successor codes that name a listed organisation and never go round in a cycle
(:func:`wres_lib.data.succession.successor_cycles`); and every org_code known in
``organisations`` for that year.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from wres_lib.data.metadata import (
    METADATA_FILE,
    DatasetMetadata,
    MetadataError,
    read_metadata,
    sha256_of,
    table_files,
)
from wres_lib.data.raw_tables import RawTable, read_raw_table
from wres_lib.data.schema import TABLES
from wres_lib.data.succession import cycle_text, successor_cycles
from wres_lib.data.table_rules import report, typed_table
from wres_lib.data.target_rules import TARGET_ORG_RULE, check_targets
from wres_lib.data.text_files import not_a_file
from wres_lib.errors import Violation


def validate_folder(
    folder: Path, require_rows: bool = True
) -> tuple[DatasetMetadata | None, dict[str, pd.DataFrame | None], list[Violation]]:
    """Check the dataset folder; return its metadata, typed tables and every violation found.

    With ``require_rows`` (the default) a table the data model needs rows in (workforce) must
    have some; an import building a dataset up table by table turns this off.
    """
    violations: list[Violation] = []
    if not folder.is_dir():
        return None, {}, [Violation(str(folder), None, None, None, "a dataset folder")]

    metadata = _read_metadata(folder, violations)
    raw_tables = _read_tables(folder, metadata, violations)
    typed: dict[str, pd.DataFrame | None] = {name: None for name in TABLES}
    for name, raw in raw_tables.items():
        typed[name] = _check_table(raw, violations)
        if require_rows and raw.spec.needs_rows and raw.frame.empty:
            violations.append(
                Violation(
                    raw.file,
                    None,
                    None,
                    None,
                    f"at least one row of data: the {name} table has only its header, and "
                    "indicators and briefings need it (import the data with 'wres import "
                    "... --merge')",
                )
            )
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
    raw = RawTable(
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
    try:
        return read_metadata(folder)
    except MetadataError as error:
        violations.append(Violation(METADATA_FILE, None, None, None, error.expected))
        return None


def _read_tables(
    folder: Path, metadata: DatasetMetadata | None, violations: list[Violation]
) -> dict[str, RawTable]:
    tables: dict[str, RawTable] = {}
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
        if metadata is not None and not_a_file(path) is None:
            _check_checksum(folder, path, metadata, violations)
        raw = read_raw_table(path, spec, violations)
        if raw is not None:
            tables[name] = raw
    if metadata is not None:
        for listed in sorted(set(metadata.files) - found_files):
            violations.append(
                Violation(METADATA_FILE, None, "files", listed, "only files present in the folder")
            )
    return tables


def _check_checksum(
    folder: Path, path: Path, metadata: DatasetMetadata, violations: list[Violation]
) -> None:
    expected = metadata.files.get(path.name)
    if expected is None:
        violations.append(
            Violation(
                path.name,
                None,
                None,
                None,
                f"a sha256 for this file in {METADATA_FILE} (run 'wres checksums {folder}' "
                "to record it)",
            )
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
                f"changed; if the change is intended, run 'wres checksums {folder}' to record "
                "the new checksums)",
            )
        )


def _check_table(raw: RawTable, violations: list[Violation]) -> pd.DataFrame:
    frame = typed_table(raw, violations)
    if raw.spec.name == "targets":
        check_targets(raw, frame, violations)
        # Rows as the file numbers them, for checks that need the indicators (analysis.targets).
        frame.index = pd.Index(raw.row_numbers, name="row")
        frame.attrs["file"] = raw.file
    if raw.spec.name == "organisations":
        _check_organisation_dates(raw, frame, violations)
        _check_successor_cycles(raw, frame, violations)
    return frame


def _check_organisation_dates(raw: RawTable, frame: pd.DataFrame, violations: list) -> None:
    """valid_to is not before valid_from; a successor_code names a listed organisation."""
    backwards = (frame["valid_to"] < frame["valid_from"]).fillna(False).astype(bool)
    report(raw, "valid_to", backwards, "a date on or after valid_from", violations)
    successor = frame["successor_code"]
    unknown = successor.notna() & ~successor.isin(frame["org_code"])
    report(raw, "successor_code", unknown, "an org_code listed in organisations", violations)


def _check_successor_cycles(raw: RawTable, frame: pd.DataFrame, violations: list) -> None:
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


def _check_orgs_known(
    raw: RawTable, frame: pd.DataFrame, organisations: pd.DataFrame, violations: list
) -> None:
    """Every org_code is in organisations and open during the WRES year of its row (a target
    may also name an ICB or a region)."""
    known = organisations.drop_duplicates("org_code").set_index("org_code")
    codes = frame["org_code"]
    if raw.spec.name == "targets":
        systems = pd.concat([organisations["icb_code"], organisations["region_code"]])
        unknown = codes.notna() & ~codes.isin(known.index) & ~codes.isin(systems)
        report(raw, "org_code", unknown, TARGET_ORG_RULE, violations)
        return
    unknown = codes.notna() & ~codes.isin(known.index)
    report(raw, "org_code", unknown, "an org_code listed in organisations", violations)
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

"""Write imported tables as a validated dataset folder, new or merged, all or nothing.

The new folder is built beside ``out`` (a copy of it when merging), checked with the same
rules as ``wres validate``, and only then swapped into place: a failed import leaves ``out``
exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from wres_lib.data.dataset import refresh_checksums, write_dataset
from wres_lib.data.importers.fetched import fetched_entries
from wres_lib.data.importers.sourced import SourcedTable, check, rows_text
from wres_lib.data.metadata import DatasetMetadata, read_metadata, table_files
from wres_lib.data.schema import REQUIRED_TABLES, TABLES
from wres_lib.data.validation import validate_folder
from wres_lib.errors import DataValidationError, Violation, WresError


@dataclass(frozen=True)
class ImportOptions:
    """Where and how to write: merge into an existing dataset, and its metadata.

    ``vintage`` defaults to the date the input file was last modified; ``name`` to the
    existing dataset's name, else the folder's; ``licence`` to the existing licence, else (for
    a new dataset) ``default_licence``, the licence of the source.
    """

    merge: bool = False
    name: str = ""
    vintage: str = ""
    licence: str = ""
    default_licence: str = ""


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote: rows per imported table, notes and the dataset's metadata."""

    out: Path
    rows: dict[str, int]
    notes: list[str]
    metadata: DatasetMetadata
    empty_tables: list[str] = field(default_factory=list)


def write_import(
    tables: list[SourcedTable], inputs: list[Path], out: Path, options: ImportOptions
) -> ImportResult:
    """Check ``tables`` (read from ``inputs``) and write them to the dataset folder ``out``.

    A new folder gets the imported tables plus header-only files for required tables that
    were not imported. With ``options.merge``, imported rows replace rows of ``out`` with the
    same key and every other row, table and file is kept. Raises
    :class:`~wres_lib.errors.DataValidationError` naming each fault's file, sheet, row and
    column, or :class:`~wres_lib.errors.WresError`; in either case ``out`` is unchanged.
    """
    if not any(table.records for table in tables):
        names = ", ".join(p.name for p in inputs)
        raise WresError(f"{names}: no rows to import (check the sheet and the header row)")
    existing = _existing(out, options.merge)
    typed = _checked(tables, inputs, existing)
    merged = {name: _merge(name, existing.get(name), frame) for name, frame in typed.items()}
    empty = [] if existing else [name for name in REQUIRED_TABLES if name not in merged]
    merged |= {name: pd.DataFrame(columns=list(TABLES[name].column_names)) for name in empty}
    notes = [note for table in tables for note in table.notes]
    notes += [note for table in tables if (note := _kept_note(table, existing, out))]
    metadata = _metadata(out, inputs, typed, notes, options, bool(existing))
    _stage_and_swap(out, bool(existing), merged, metadata)
    rows = {name: len(frame) for name, frame in typed.items()}
    return ImportResult(out, rows, notes, read_metadata(out), empty)


def _existing(out: Path, merge: bool) -> dict[str, pd.DataFrame]:
    """The typed tables of the dataset in ``out`` to merge into (none for a new folder)."""
    if out.exists() and not out.is_dir():
        raise WresError(f"{out} is a file; expected a dataset folder")
    if not out.exists() or not any(out.iterdir()):
        return {}
    if not merge:
        raise WresError(
            f"{out} already holds files; give --merge to merge the import into its dataset, "
            "or choose a new folder"
        )
    _, tables, violations = validate_folder(out, require_rows=False)
    if violations:
        raise DataValidationError(str(out), violations, subject="existing dataset (fix first)")
    return {name: frame for name, frame in tables.items() if frame is not None}


def _checked(
    tables: list[SourcedTable], inputs: list[Path], existing: dict[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """Every imported table typed; raises with every fault, placed in the input files."""
    violations: list[Violation] = []
    typed: dict[str, pd.DataFrame] = {}
    organisations = existing.get("organisations")
    for table in (t for t in tables if t.name == "organisations"):
        typed["organisations"], found = check(table)
        violations += found
        organisations = (
            None if found else _merge("organisations", organisations, typed["organisations"])
        )
    for table in (t for t in tables if t.name != "organisations"):
        if organisations is None and not violations:
            violations.append(
                Violation(
                    table.source,
                    None,
                    None,
                    None,
                    "an organisations table to check org_code against: import the ODS "
                    "reference file first (wres import ods), then --merge this into that folder",
                )
            )
        typed[table.name], found = check(table, organisations)
        violations += found
    if violations:
        names = ", ".join(p.name for p in inputs)
        raise DataValidationError(names, violations, subject="input")
    return typed


def _kept_note(table: SourcedTable, existing: dict[str, pd.DataFrame], out: Path) -> str | None:
    """When merging, a note naming the suppressed input rows whose key the dataset already
    has: those keep their old values, as a suppressed figure replaces nothing."""
    frame = existing.get(table.name)
    if frame is None or frame.empty or not table.withheld:
        return None
    key = list(TABLES[table.name].key)
    have = {tuple(str(v).casefold() for v in values) for values in frame[key].to_numpy()}
    kept = [r for r in table.withheld if tuple(r.text(c).casefold() for c in key) in have]
    if not kept:
        return None
    return (
        f"{table.source}: {rows_text(kept)} had a suppressed figure; {out.name} already has "
        f"those {table.name} rows, and their existing values are kept (not replaced)"
    )


def _merge(name: str, existing: pd.DataFrame | None, imported: pd.DataFrame) -> pd.DataFrame:
    """Table ``name``: ``existing`` without the rows whose key ``imported`` has, then
    ``imported``."""
    if existing is None or existing.empty:
        return imported
    key = list(TABLES[name].key)
    marked = existing.merge(imported[key].drop_duplicates(), on=key, how="left", indicator=True)
    kept = existing.loc[(marked["_merge"] == "left_only").to_numpy()]
    return pd.concat([kept, imported], ignore_index=True)


def _metadata(
    out: Path,
    inputs: list[Path],
    typed: dict[str, pd.DataFrame],
    notes: list[str],
    options: ImportOptions,
    merging: bool,
) -> DatasetMetadata:
    source = ", ".join(p.name for p in inputs)
    line = f"Imported {', '.join(typed)} from {source}."
    vintage = options.vintage or _modified(inputs)
    if not merging:
        return DatasetMetadata(
            name=options.name or out.name,
            description="\n".join([line, *notes]),
            source=source,
            licence=options.licence or options.default_licence,
            vintage=vintage,
            fetched=fetched_entries(inputs),
        )
    old = read_metadata(out)
    sources = [s for s in old.source.split(", ") if s]
    return DatasetMetadata(
        name=options.name or old.name,
        description="\n".join(p for p in [old.description, line, *notes] if p),
        source=", ".join([*sources, *(p.name for p in inputs if p.name not in sources)]),
        licence=options.licence or old.licence,
        vintage=vintage,
        synthetic=old.synthetic,
        fetched=fetched_entries(inputs, old.fetched),
    )


def _modified(inputs: list[Path]) -> str:
    latest = max(p.stat().st_mtime for p in inputs)
    return f"{datetime.fromtimestamp(latest, UTC):%Y-%m-%d}"


def _stage_and_swap(
    out: Path, merging: bool, tables: dict[str, pd.DataFrame], metadata: DatasetMetadata
) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.import-", dir=out.parent))
    try:
        staged = work / "new"
        if merging:
            shutil.copytree(out, staged)
            for name in tables:
                for path in table_files(staged)[name]:
                    path.unlink()
        write_dataset(tables, staged, metadata)
        refresh_checksums(staged)
        _, _, violations = validate_folder(staged, require_rows=False)
        if violations:
            raise DataValidationError(str(out), violations, subject="imported dataset")
        _swap(staged, out, work / "old")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _swap(staged: Path, out: Path, old: Path) -> None:
    """Put ``staged`` where ``out`` is; the old folder is restored if the second step fails."""
    if out.exists():
        os.replace(out, old)
    try:
        os.replace(staged, out)
    except OSError:
        if old.exists():
            os.replace(old, out)
        raise

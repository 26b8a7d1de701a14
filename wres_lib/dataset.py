"""A dataset folder: ``dataset.yaml`` plus one CSV or Parquet file per canonical table."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from wres_lib.errors import DataValidationError
from wres_lib.files import write_text_atomically
from wres_lib.schema import TABLES

METADATA_FILE = "dataset.yaml"
TABLE_SUFFIXES = (".csv", ".parquet")


@dataclass(frozen=True)
class DatasetMetadata:
    """What ``dataset.yaml`` says about a dataset: provenance and file checksums."""

    name: str
    description: str = ""
    source: str = ""
    licence: str = ""
    vintage: str = ""
    synthetic: bool = False
    files: dict[str, str] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """One sha256 over every file's checksum: changes when any data file changes."""
        joined = "\n".join(f"{name} {digest}" for name, digest in sorted(self.files.items()))
        return hashlib.sha256(joined.encode()).hexdigest()

    def to_yaml_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "source": self.source,
            "licence": self.licence,
            "vintage": self.vintage,
            "synthetic": self.synthetic,
            "files": {name: {"sha256": digest} for name, digest in sorted(self.files.items())},
        }


@dataclass(frozen=True)
class Dataset:
    """A validated dataset: one typed DataFrame per canonical table.

    ``population`` is ``None`` when the optional population table is absent.
    """

    metadata: DatasetMetadata
    organisations: pd.DataFrame
    workforce: pd.DataFrame
    recruitment: pd.DataFrame
    disciplinary: pd.DataFrame
    training: pd.DataFrame
    staff_survey: pd.DataFrame
    board: pd.DataFrame
    population: pd.DataFrame | None = None
    path: Path | None = None

    def table(self, name: str) -> pd.DataFrame | None:
        """The table called ``name`` (a key of :data:`wres_lib.schema.TABLES`)."""
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; expected one of {', '.join(TABLES)}")
        return getattr(self, name)

    @property
    def years(self) -> list[int]:
        """Every year present in the workforce table, oldest first."""
        return sorted(int(y) for y in self.workforce["year"].unique())


def sha256_of(path: Path) -> str:
    """The hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def table_files(path: Path) -> dict[str, list[Path]]:
    """For each canonical table, the files in ``path`` that hold it (normally one)."""
    return {
        name: [
            path / f"{name}{suffix}"
            for suffix in TABLE_SUFFIXES
            if (path / f"{name}{suffix}").exists()
        ]
        for name in TABLES
    }


def load_dataset(path: str | Path) -> Dataset:
    """Read and validate the dataset folder at ``path``.

    Raises :class:`~wres_lib.errors.DataValidationError` listing every problem found,
    each with its file, row, column, the value found and what was expected.

    >>> ds = load_dataset("data/sample")  # doctest: +SKIP
    >>> ds.metadata.synthetic  # doctest: +SKIP
    True
    """
    from wres_lib.validation import validate_folder

    folder = Path(path)
    metadata, tables, violations = validate_folder(folder)
    if violations or metadata is None:
        raise DataValidationError(str(folder), violations)
    return Dataset(metadata=metadata, path=folder, **tables)


def write_dataset(
    tables: dict[str, pd.DataFrame], path: str | Path, metadata: DatasetMetadata
) -> DatasetMetadata:
    """Write ``tables`` as CSV files plus ``dataset.yaml`` with their checksums.

    Output is byte-for-byte deterministic: columns in canonical order, rows sorted by the
    table's key, ``\\n`` line endings, dates as ISO strings. Returns the metadata written.
    """
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    checksums: dict[str, str] = {}
    for name, frame in tables.items():
        spec = TABLES[name]
        ordered = frame.loc[:, list(spec.column_names)].sort_values(list(spec.key), kind="stable")
        target = folder / f"{name}.csv"
        write_text_atomically(target, ordered.to_csv(index=False, lineterminator="\n"))
        checksums[target.name] = sha256_of(target)
    written = DatasetMetadata(**{**metadata.__dict__, "files": checksums})
    _write_metadata(folder, written)
    return written


def refresh_checksums(path: str | Path) -> DatasetMetadata:
    """Recompute the checksum of every table file in ``path`` and rewrite ``dataset.yaml``.

    For users who edited a table on purpose; the other metadata is kept as it is.
    """
    folder = Path(path)
    raw = read_metadata_file(folder / METADATA_FILE)
    files = {
        found.name: sha256_of(found) for paths in table_files(folder).values() for found in paths
    }
    metadata = metadata_from_dict({**raw, "files": {}}, folder.name)
    updated = DatasetMetadata(**{**metadata.__dict__, "files": files})
    _write_metadata(folder, updated)
    return updated


def read_metadata_file(path: Path) -> dict[str, Any]:
    """The parsed contents of a ``dataset.yaml`` file (a mapping)."""
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    if not isinstance(raw, dict):
        raise ValueError("expected a mapping of keys (name, source, files, ...)")
    return raw


def read_metadata(folder: Path) -> DatasetMetadata:
    """The metadata in ``folder``'s ``dataset.yaml``, without validating the tables."""
    return metadata_from_dict(read_metadata_file(folder / METADATA_FILE), folder.name)


def metadata_from_dict(raw: dict[str, Any], default_name: str) -> DatasetMetadata:
    """Build :class:`DatasetMetadata` from the mapping in ``dataset.yaml``."""
    files_raw = raw.get("files") or {}
    files = {
        str(name): str(entry["sha256"] if isinstance(entry, dict) else entry)
        for name, entry in files_raw.items()
    }
    return DatasetMetadata(
        name=str(raw.get("name") or default_name),
        description=str(raw.get("description") or ""),
        source=str(raw.get("source") or ""),
        licence=str(raw.get("licence") or ""),
        vintage=str(raw.get("vintage") or ""),
        synthetic=bool(raw.get("synthetic", False)),
        files=files,
    )


def _write_metadata(folder: Path, metadata: DatasetMetadata) -> None:
    text = yaml.safe_dump(metadata.to_yaml_dict(), sort_keys=False, allow_unicode=True, width=100)
    write_text_atomically(folder / METADATA_FILE, text)

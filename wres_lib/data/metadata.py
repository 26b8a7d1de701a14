"""``dataset.yaml``: a dataset's provenance and the checksum of each of its table files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wres_lib.data.schema import TABLES
from wres_lib.files import write_text_atomically

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


def write_metadata(folder: Path, metadata: DatasetMetadata) -> None:
    text = yaml.safe_dump(metadata.to_yaml_dict(), sort_keys=False, allow_unicode=True, width=100)
    write_text_atomically(folder / METADATA_FILE, text)

"""``dataset.yaml``: a dataset's provenance and the checksum of each of its table files.

The keys are those of :class:`DatasetMetadata` (:data:`METADATA_KEYS`). An unknown key is an
error naming the nearest known one, not a warning: ``wres checksums`` rewrites the file from
the keys it knows, so an unknown key would be dropped, and a misspelt ``synthetic`` would leave
synthetic data unlabelled. ``synthetic`` is a YAML boolean (true or false, unquoted); the text
values may be numbers (``vintage: 2025``) but not lists or mappings. ``fetched`` lists the
files ``wres fetch`` downloaded that the data were imported from, each with its address
(``url``, empty when downloaded by hand), ``sha256`` and ``fetched_at`` (from ``fetched.json``).
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wres_lib.data.schema import TABLES
from wres_lib.data.text_files import not_a_file
from wres_lib.errors import WresError
from wres_lib.files import write_text_atomically

METADATA_FILE = "dataset.yaml"
TABLE_SUFFIXES = (".csv", ".parquet")
TEXT_KEYS = ("name", "description", "source", "licence", "vintage")
METADATA_KEYS = (*TEXT_KEYS, "synthetic", "files", "fetched")
FETCHED_KEYS = ("file", "url", "sha256", "fetched_at")


class MetadataError(WresError):
    """``dataset.yaml`` is missing or not as described in :mod:`wres_lib.data.metadata`.

    ``expected`` says what was expected and found, without the file's name.
    """

    def __init__(self, path: Path, expected: str):
        self.path = path
        self.expected = expected
        super().__init__(f"{path}: expected {expected}")


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
    # One entry per fetched source file: its FETCHED_KEYS, as text.
    fetched: tuple[dict[str, str], ...] = ()

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
        } | ({"fetched": [dict(entry) for entry in self.fetched]} if self.fetched else {})


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
    """The parsed contents of a ``dataset.yaml`` file (a mapping); raises :class:`MetadataError`."""
    what = "missing" if not path.exists() else not_a_file(path)
    if what == "missing":
        raise MetadataError(
            path, "a dataset.yaml file describing the dataset (name, source, licence, files)"
        )
    if what is not None:
        raise MetadataError(path, f"a dataset.yaml file, not {what}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except UnicodeDecodeError as error:
        raise MetadataError(path, f"text in UTF-8 ({error.reason}); save it as UTF-8") from error
    except yaml.YAMLError as error:
        raise MetadataError(path, f"valid YAML ({_yaml_problem(error)})") from error
    if not isinstance(raw, dict):
        raise MetadataError(path, "a mapping of keys (name, source, files, ...)")
    return raw


def _yaml_problem(error: yaml.YAMLError) -> str:
    """Where and what the YAML error is, in one line ("line 2, column 1: expected ...")."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
    return where + " ".join(str(problem).split())


def read_metadata(folder: Path) -> DatasetMetadata:
    """The metadata in ``folder``'s ``dataset.yaml``, without validating the tables.

    Raises :class:`MetadataError` saying what is wrong with the file.
    """
    path = folder / METADATA_FILE
    return metadata_from_dict(read_metadata_file(path), folder.name, path)


def metadata_from_dict(
    raw: dict[str, Any], default_name: str, path: Path = Path(METADATA_FILE)
) -> DatasetMetadata:
    """Build :class:`DatasetMetadata` from the mapping in ``dataset.yaml`` (read from
    ``path``, named in errors); raises :class:`MetadataError`."""
    for key in raw:
        if key not in METADATA_KEYS:
            near = difflib.get_close_matches(str(key), METADATA_KEYS, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise MetadataError(
                path, f"only the keys {', '.join(METADATA_KEYS)}; found '{key}'{hint}"
            )
    texts = {key: _text(raw.get(key), key, path) for key in TEXT_KEYS}
    synthetic = raw.get("synthetic", False)
    if not isinstance(synthetic, bool):
        raise MetadataError(
            path,
            f"'synthetic' to be true or false, unquoted (a YAML boolean); found {synthetic!r}",
        )
    return DatasetMetadata(
        **(texts | {"name": texts["name"] or default_name}),
        synthetic=synthetic,
        files=_files(raw.get("files"), path),
        fetched=_fetched(raw.get("fetched"), path),
    )


def _text(value: Any, key: str, path: Path) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        raise MetadataError(path, f"'{key}' to be text; found a {type(value).__name__}")
    return str(value)


def _files(value: Any, path: Path) -> dict[str, str]:
    """The ``files`` mapping: each file name to its sha256 (``{sha256: ...}`` or the digest)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise MetadataError(path, "'files' to map each table file to its sha256")
    files = {}
    for name, entry in value.items():
        digest = entry.get("sha256") if isinstance(entry, dict) else entry
        if not isinstance(digest, str):
            raise MetadataError(path, f"'files: {name}' to give a sha256 (sha256: <64 hex digits>)")
        files[str(name)] = digest
    return files


def _fetched(value: Any, path: Path) -> tuple[dict[str, str], ...]:
    """The ``fetched`` list: each entry a mapping of exactly :data:`FETCHED_KEYS` to text."""
    if value is None:
        return ()
    expected = f"'fetched' to list files, each with the keys {', '.join(FETCHED_KEYS)}"
    if not isinstance(value, list):
        raise MetadataError(path, expected)
    entries = []
    for entry in value:
        if not isinstance(entry, dict) or sorted(entry) != sorted(FETCHED_KEYS):
            raise MetadataError(path, f"{expected}; found {entry!r}")
        entries.append({key: _text(entry[key], f"fetched: {key}", path) for key in FETCHED_KEYS})
    return tuple(entries)


def write_metadata(folder: Path, metadata: DatasetMetadata) -> None:
    """Write ``metadata`` as ``folder``'s ``dataset.yaml``, atomically."""
    text = yaml.safe_dump(metadata.to_yaml_dict(), sort_keys=False, allow_unicode=True, width=100)
    write_text_atomically(folder / METADATA_FILE, text)

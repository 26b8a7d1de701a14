"""The text a journalist command printed, kept so the same command prints it again at once.

``wres table NAME`` (to standard output) and ``wres stories`` print text that depends only on
the dataset's files, its ``dataset.yaml``, the library's code and the command's arguments. The
cache folder of a dataset (:mod:`wres_lib.analysis.context_cache`) is keyed by the first and the
third, and opened only while the files still match the checksums in ``dataset.yaml``; the text is
kept in it under a hash of ``dataset.yaml`` and the arguments (the year included), with its
sha256. A rerun with all of these unchanged prints the kept text without computing anything or
importing pandas; any change (a data file, ``dataset.yaml``, the library, an argument) misses,
and the command computes its output as usual. A build keeps the default outputs of its year
(:func:`wres_lib.tables.printed.keep_printed`), so even the first run is served.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wres_lib.analysis.context_cache import checked_cache
from wres_lib.data.metadata import METADATA_FILE
from wres_lib.files import write_text_atomically

OUTPUTS = "outputs"


def table_command(
    name: str, level: str | None, fmt: str, min_workforce_share: float | None, horizon: str | None
) -> list[Any]:
    """The arguments of ``wres table NAME`` (to standard output) its text is kept under."""
    return ["table", name, level, fmt, min_workforce_share, horizon]


def stories_command(level: str) -> list[Any]:
    """The arguments of ``wres stories`` its text is kept under."""
    return ["stories", level]


@dataclass(frozen=True)
class KeptOutputs:
    """The kept texts of one dataset, in its checked cache folder."""

    folder: Path
    description: bytes  # the dataset.yaml the texts were printed for
    years: tuple[int, ...]

    def path(self, command: list[Any], year: int | None) -> Path | None:
        """Where ``command``'s text for ``year`` (the latest when None) is kept; None if
        ``year`` is not in the data."""
        chosen = self.years[-1] if year is None else year
        if chosen not in self.years:
            return None
        digest = hashlib.sha256(self.description)
        digest.update(json.dumps([*command, chosen]).encode("utf-8"))
        return self.folder / f"{digest.hexdigest()}.json"

    def read(self, command: list[Any], year: int | None) -> str | None:
        """The text kept for ``command`` and ``year``, if it is there and intact."""
        path = self.path(command, year)
        if path is None:
            return None
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            text = record["text"]
            intact = record["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return text if intact and isinstance(text, str) else None

    def keep(self, command: list[Any], year: int, text: str) -> None:
        """Keep ``text`` for ``command`` and ``year`` (a folder that cannot be written is left
        alone)."""
        path = self.path(command, year)
        if path is None:
            return
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        try:
            write_text_atomically(path, json.dumps({"text": text, "sha256": digest}))
        except OSError:
            return


def kept_outputs(data: Path, cache_dir: Path | None) -> KeptOutputs | None:
    """The kept texts of the dataset in ``data`` while its files, ``dataset.yaml`` and the library
    are those its cache under ``cache_dir`` was computed from; None without such a cache."""
    store = checked_cache(data, cache_dir)
    years = store.facts.get("years") if store is not None else None
    if not years:
        return None
    try:
        description = (data.resolve() / METADATA_FILE).read_bytes()
    except OSError:
        return None
    return KeptOutputs(store.folder / OUTPUTS, description, tuple(years))


def served_output(
    data: Path, cache_dir: Path | None, command: list[Any], year: int | None
) -> str | None:
    """The text ``command`` printed for ``data`` and ``year`` (the latest in the data when
    None), if it was kept for the data, ``dataset.yaml`` and library as they are now."""
    kept = kept_outputs(data, cache_dir)
    return kept.read(command, year) if kept is not None else None


def keep_output(
    data: Path, cache_dir: Path | None, command: list[Any], year: int, text: str
) -> None:
    """Keep the ``text`` that ``command`` printed for ``data`` and ``year`` (nothing without a
    cache)."""
    kept = kept_outputs(data, cache_dir)
    if kept is not None:
        kept.keep(command, year, text)
